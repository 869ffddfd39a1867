/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl.h - the generic netlink connection to the shadow_mm family
 *
 * libnl-genl carries the messages; this layer adds what libnl 3.7 lacks:
 * extended ACK decoding (the kernel's error message and the attribute it
 * refers to) and one way of reporting every failure.
 */
#ifndef SMM_NL_H
#define SMM_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "names.h"

struct nl_sock;
struct nl_msg;

/* What went wrong, in struct smm_nl_error.kind. */
enum smm_nl_err_kind {
	SMM_NLERR_NONE,
	SMM_NLERR_NO_FAMILY,	/* the module is not loaded */
	SMM_NLERR_LIBNL,	/* code is a libnl NLE_* value */
	SMM_NLERR_KERNEL,	/* code is the errno the kernel returned */
	SMM_NLERR_NO_REPLY,	/* the kernel ACKed but sent no reply */
	SMM_NLERR_STOPPED,	/* a dump callback stopped (and said why) */
};

#define SMM_NL_MSG_LEN	256

/* Read buffer of smm_nl_set_bulk(): the most the kernel puts in a read. */
#define SMM_NL_BULK_BUF	32768
/* Receive buffer: a whole page-alloc reply (up to 1 MiB) and its ACK. */
#define SMM_NL_RCVBUF	(4 << 20)

/**
 * struct smm_nl_error - the last failure, with the kernel's extended ACK
 * @kind: enum smm_nl_err_kind
 * @code: NLE_* or errno, positive
 * @msg: the kernel's message (NLMSGERR_ATTR_MSG), or empty
 * @has_offs: the kernel named an attribute of our request
 * @offs: its offset from the start of the request's nlmsghdr
 * @bad_attr: the name of the attribute at @offs, its index if it is a
 *	multi-attr, its path if inside a nest ("pfn[2]",
 *	"free-area[0].order"); empty if @offs is in no attribute
 * @has_miss: the kernel named a missing attribute
 * @miss_type: its type
 * @miss_attr: its name, with the nest holding it ("pcp[1].cpu") when the
 *	kernel said which (NLMSGERR_ATTR_MISS_NEST)
 */
struct smm_nl_error {
	enum smm_nl_err_kind kind;
	int code;
	char msg[SMM_NL_MSG_LEN];
	bool has_offs;
	__u32 offs;
	char bad_attr[SMM_NL_MSG_LEN];
	bool has_miss;
	__u32 miss_type;
	char miss_attr[SMM_NL_MSG_LEN];
};

/**
 * struct smm_nl - a connection to the shadow_mm family
 * @sk: the libnl socket
 * @family: the family's id
 * @req: the request in flight, kept to map extack offsets to attributes
 * @req_attrs: the attribute set of @req, for names in messages
 * @reply: the first reply to @req
 * @dump_cb: for a dump, called with each message of it
 * @dump_arg: its argument
 * @done: @req was answered (ACK, error or the end of a dump)
 * @err: the last failure
 */
struct smm_nl {
	struct nl_sock *sk;
	int family;
	struct nl_msg *req;
	const struct smm_attr_set *req_attrs;
	struct nl_msg *reply;
	int (*dump_cb)(struct nl_msg *msg, void *arg);
	void *dump_arg;
	bool done;
	struct smm_nl_error err;
};

int smm_nl_open(struct smm_nl *nl);
void smm_nl_close(struct smm_nl *nl);
void smm_nl_set_bulk(struct smm_nl *nl);
struct nl_msg *smm_nl_request(struct smm_nl *nl, __u8 cmd);
struct nl_msg *smm_nl_dump_request(struct smm_nl *nl, __u8 cmd);
int smm_nl_do(struct smm_nl *nl, struct nl_msg *req,
	      const struct smm_attr_set *attrs, struct nl_msg **reply);
int smm_nl_dump(struct smm_nl *nl, struct nl_msg *req,
		const struct smm_attr_set *attrs,
		int (*cb)(struct nl_msg *msg, void *arg), void *arg);
int smm_nl_dump_cmd(struct smm_nl *nl, __u8 cmd,
		    const struct smm_attr_set *attrs,
		    int (*cb)(struct nl_msg *msg, void *arg), void *arg);
void smm_nl_perror(const struct smm_nl *nl, const char *what);
const void *smm_nl_attrs(struct nl_msg *msg, size_t *len);
struct nl_msg *smm_nl_start(struct smm_nl *nl, __u8 cmd, const char *what);
int smm_nl_call(struct smm_nl *nl, struct nl_msg *req, int fill_err,
		const struct smm_attr_set *attrs, struct nl_msg **reply,
		const char *what);

#endif /* SMM_NL_H */
