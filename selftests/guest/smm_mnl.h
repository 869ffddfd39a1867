/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smm_mnl - the generic-netlink plumbing the in-guest selftests share.
 *
 * A NETLINK_GENERIC socket with its family id and buffers, a request
 * builder, an exchange that hands each reply message of a do or a dump to
 * a callback and keeps what the closing ACK, error or NLMSG_DONE said
 * (extended ACK included), family resolution through the controller, and
 * a reader of multicast messages. Built on libmnl, apart from the smm CLI.
 *
 * A test includes this header after its system headers; it also brings in
 * kselftest_harness.h, unless SMM_MNL_NO_HARNESS is defined (smm_mnl.c).
 */
#ifndef SMM_MNL_H
#define SMM_MNL_H

#include <stdbool.h>
#include <stddef.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include <linux/shadow_mm.h>

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK		10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED		0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS		0x200
#endif

/* Where the first attribute of a genetlink request sits. */
#define SMM_MNL_FIRST_ATTR_OFFS	(NLMSG_HDRLEN + GENL_HDRLEN)

/* smm_mnl_open() flags */
#define SMM_MNL_EXT_ACK		0x1	/* extended ACKs (NETLINK_EXT_ACK) */
#define SMM_MNL_CAP_ACK		0x2	/* no request echo (NETLINK_CAP_ACK) */

#define SMM_MNL_MAX_OPS		32
#define SMM_MNL_MAX_GRPS	8

/**
 * struct smm_mnl_ans - what the kernel said to the last request
 * @error: 0 for an ACK, else the negative errno of the error (or of the
 *	NLMSG_DONE that ended a failed dump), as the kernel sent it
 * @ext_msg: NLMSGERR_ATTR_MSG, "" when the kernel sent none
 * @has_offs: NLMSGERR_ATTR_OFFS was present
 * @offs: byte offset of the offending attribute in the request
 * @has_miss_type: NLMSGERR_ATTR_MISS_TYPE was present
 * @miss_type: type of the missing attribute
 * @nreplies: data messages that came before the ACK, error or NLMSG_DONE
 * @nrecv: receive calls that brought data messages (a multi-part dump
 *	takes several)
 */
struct smm_mnl_ans {
	int error;
	char ext_msg[256];
	bool has_offs;
	__u32 offs;
	bool has_miss_type;
	__u32 miss_type;
	unsigned int nreplies;
	unsigned int nrecv;
};

/**
 * struct smm_mnl - a NETLINK_GENERIC socket
 * @mnl: the libmnl socket
 * @family: the family id requests go to, set by smm_mnl_resolve()
 * @seq: sequence number of the last request sent
 * @buf: receive buffer
 * @buf_size: its size: a reply message larger than this cannot be read
 * @len: bytes of @buf not yet handed out by smm_mnl_recv_msg()
 * @next: the next message in @buf for smm_mnl_recv_msg()
 * @ans: the answer to the last request
 */
struct smm_mnl {
	struct mnl_socket *mnl;
	__u16 family;
	unsigned int seq;
	char *buf;
	size_t buf_size;
	int len;
	const struct nlmsghdr *next;
	struct smm_mnl_ans ans;
};

/* Called with each data message of an answer; non-zero stops reading. */
typedef int (*smm_mnl_cb)(const struct nlmsghdr *nlh, void *arg);

/**
 * struct smm_mnl_op - an operation of a family
 * @id: its command
 * @flags: its GENL_* flags
 */
struct smm_mnl_op {
	__u32 id;
	__u32 flags;
};

/**
 * struct smm_mnl_grp - a multicast group of a family
 * @name: its name
 * @id: its id, 0 when the controller did not say
 */
struct smm_mnl_grp {
	char name[GENL_NAMSIZ];
	__u32 id;
};

/**
 * struct smm_mnl_family - a family as CTRL_CMD_GETFAMILY describes it
 * @id: family id (the nlmsg_type of its messages)
 * @version: CTRL_ATTR_VERSION
 * @nops: entries used in @ops
 * @ops: the family's operations
 * @ngrps: entries used in @grps
 * @grps: the family's multicast groups
 */
struct smm_mnl_family {
	__u16 id;
	__u32 version;
	unsigned int nops;
	struct smm_mnl_op ops[SMM_MNL_MAX_OPS];
	unsigned int ngrps;
	struct smm_mnl_grp grps[SMM_MNL_MAX_GRPS];
};

int smm_mnl_open(struct smm_mnl *s, size_t buf_size, unsigned int flags);
void smm_mnl_close(struct smm_mnl *s);
struct nlmsghdr *smm_mnl_genl_req(void *buf, __u16 type, __u16 flags,
				  __u8 cmd, __u8 version);
struct nlmsghdr *smm_mnl_req(void *buf, __u16 family, __u16 flags,
			     __u8 cmd);
struct genlmsghdr *smm_mnl_genl_hdr(struct nlmsghdr *nlh);
int smm_mnl_exchange(struct smm_mnl *s, struct nlmsghdr *req, smm_mnl_cb cb,
		     void *arg);
int smm_mnl_call(struct smm_mnl *s, struct nlmsghdr *req, smm_mnl_cb cb,
		 void *arg);
int smm_mnl_resolve(struct smm_mnl *s, const char *name,
		    struct smm_mnl_family *fam);
const struct smm_mnl_op *smm_mnl_family_op(const struct smm_mnl_family *fam,
					   __u32 cmd);
__u32 smm_mnl_family_grp(const struct smm_mnl_family *fam, const char *name);
int smm_mnl_recv_msg(struct smm_mnl *s, const struct nlmsghdr **nlh);

#ifndef SMM_MNL_NO_HARNESS
/* The harness has an unused signal-handler argument; -Wextra would say so. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop
#endif

#endif /* SMM_MNL_H */
