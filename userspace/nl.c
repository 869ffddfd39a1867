// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c - the generic netlink connection to the shadow_mm family
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/shadow_mm.h>

#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

static void set_libnl_error(struct smm_nl *nl, int nle)
{
	nl->err.kind = SMM_NLERR_LIBNL;
	nl->err.code = nle < 0 ? -nle : nle;
}

/**
 * smm_nl_open() - connect to generic netlink and find the shadow_mm family
 * @nl: the connection to set up
 *
 * Extended ACKs are asked for; a kernel without them (before 4.12) still
 * works, its errors just carry no message. Requests are not echoed back in
 * errors (NETLINK_CAP_ACK): smm keeps its own copy.
 *
 * Return: 0, or -1 with @nl->err set; smm_nl_close() is needed either way.
 */
int smm_nl_open(struct smm_nl *nl)
{
	int rcvbuf = SMM_NL_RCVBUF;
	int one = 1;
	int fd, ret;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		set_libnl_error(nl, NLE_NOMEM);
		return -1;
	}

	ret = genl_connect(nl->sk);
	if (ret < 0) {
		set_libnl_error(nl, ret);
		return -1;
	}

	/* Dump parts and big replies (page-alloc's PFNs) fit any buffer. */
	nl_socket_enable_msg_peek(nl->sk);

	fd = nl_socket_get_fd(nl->sk);
	/*
	 * A page-alloc reply can reach 1 MiB, and the ACK after it is
	 * dropped (ENOBUFS) if the reply already fills the receive buffer.
	 * Root may go past net.core.rmem_max; others get what it allows.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	ret = genl_ctrl_resolve(nl->sk, SHADOW_MM_FAMILY_NAME);
	if (ret < 0) {
		if (ret == -NLE_OBJ_NOTFOUND)
			nl->err.kind = SMM_NLERR_NO_FAMILY;
		else
			set_libnl_error(nl, ret);
		return -1;
	}
	nl->family = ret;
	return 0;
}

/**
 * smm_nl_set_bulk() - tune a connection that only dumps, for big dumps
 * @nl: an open connection
 *
 * Each read takes up to SMM_NL_BULK_BUF bytes, once: the kernel sizes a
 * dump's buffers after the reads it has seen (up to 32 KiB), so that
 * packs more messages into each, and without peeking first (libnl's
 * default) each part costs one recvmsg() instead of two. A message
 * longer than the buffer then fails with NLE_MSG_TRUNC instead of being
 * read whole: no dump part is, but a `do` reply may be.
 */
void smm_nl_set_bulk(struct smm_nl *nl)
{
	nl_socket_set_msg_buf_size(nl->sk, SMM_NL_BULK_BUF);
	nl_socket_disable_msg_peek(nl->sk);
}

/**
 * smm_nl_close() - free the connection
 * @nl: the connection, opened or not
 */
void smm_nl_close(struct smm_nl *nl)
{
	nlmsg_free(nl->reply);
	nl->reply = NULL;
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

/**
 * smm_nl_request() - a new request to the shadow_mm family
 * @nl: the connection
 * @cmd: SHADOW_MM_CMD_*
 *
 * Return: the message with its genetlink header, for the caller to add
 * attributes to and pass to smm_nl_do(); NULL (and @nl->err set) when out
 * of memory.
 */
struct nl_msg *smm_nl_request(struct smm_nl *nl, __u8 cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		goto nomem;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, 0,
			 cmd, SHADOW_MM_FAMILY_VERSION)) {
		nlmsg_free(msg);
		goto nomem;
	}
	return msg;

nomem:
	set_libnl_error(nl, NLE_NOMEM);
	return NULL;
}

/**
 * smm_nl_dump_request() - a new dump request to the shadow_mm family
 * @nl: the connection
 * @cmd: SHADOW_MM_CMD_* of an op that dumps
 *
 * Return: as smm_nl_request(); pass it to smm_nl_dump().
 */
struct nl_msg *smm_nl_dump_request(struct smm_nl *nl, __u8 cmd)
{
	struct nl_msg *msg = smm_nl_request(nl, cmd);

	if (msg)
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_DUMP;
	return msg;
}

/*
 * Names the attribute of the request in flight that holds byte @offs of
 * it (counted from its nlmsghdr), nests and multi-attrs included, into
 * @buf; @inner gets the set a nest found there holds. False when @offs is
 * in no attribute.
 */
static bool request_attr_at(const struct smm_nl *nl, __u32 offs, char *buf,
			    size_t size, const struct smm_attr_set **inner)
{
	const __u32 first = NLMSG_HDRLEN + GENL_HDRLEN;
	struct nlmsghdr *hdr;

	if (!nl->req)
		return false;
	hdr = nlmsg_hdr(nl->req);
	if (offs < first || offs >= hdr->nlmsg_len)
		return false;
	return smm_attr_path(nl->req_attrs, (char *)hdr + first,
			     hdr->nlmsg_len - first, offs - first, buf, size,
			     inner);
}

/* Names the missing attribute, in the nest at @nest_offs if there is one. */
static void name_missing(struct smm_nl *nl, bool has_nest, __u32 nest_offs)
{
	const struct smm_attr_set *set = nl->req_attrs;
	char *buf = nl->err.miss_attr;
	size_t size = sizeof(nl->err.miss_attr), used = 0;
	const char *name;

	buf[0] = '\0';
	if (has_nest) {
		if (!request_attr_at(nl, nest_offs, buf, size, &set))
			set = NULL;
		used = strlen(buf);
		if (used && used + 1 < size)
			buf[used++] = '.';
	}
	name = smm_attr_name(set, nl->err.miss_type);
	if (name)
		snprintf(buf + used, size - used, "%s", name);
	else
		snprintf(buf + used, size - used, "%u", nl->err.miss_type);
}

/* Decodes the extended ACK TLVs at @off of the message @hdr. */
static void parse_tlvs(struct smm_nl *nl, const struct nlmsghdr *hdr,
		       size_t off)
{
	bool has_nest = false;
	__u32 nest_offs = 0;
	struct nlattr *nla;
	int rem;

	if (off > hdr->nlmsg_len)
		return;

	nla_for_each_attr(nla, (struct nlattr *)((char *)hdr + off),
			  hdr->nlmsg_len - off, rem) {
		switch (nla_type(nla)) {
		case NLMSGERR_ATTR_MSG:
			snprintf(nl->err.msg, sizeof(nl->err.msg), "%.*s",
				 (int)strnlen(nla_data(nla), nla_len(nla)),
				 (const char *)nla_data(nla));
			break;
		case NLMSGERR_ATTR_OFFS:
			if (nla_len(nla) < (int)sizeof(__u32))
				break;
			nl->err.has_offs = true;
			nl->err.offs = nla_get_u32(nla);
			if (!request_attr_at(nl, nl->err.offs, nl->err.bad_attr,
					     sizeof(nl->err.bad_attr), NULL))
				nl->err.bad_attr[0] = '\0';
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (nla_len(nla) < (int)sizeof(__u32))
				break;
			nl->err.has_miss = true;
			nl->err.miss_type = nla_get_u32(nla);
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			if (nla_len(nla) < (int)sizeof(__u32))
				break;
			has_nest = true;
			nest_offs = nla_get_u32(nla);
			break;
		default:
			/* Cookies, policies: not shown. */
			break;
		}
	}
	if (nl->err.has_miss)
		name_missing(nl, has_nest, nest_offs);
}

/*
 * Decodes the extended ACK TLVs of the NLMSG_ERROR message @hdr (an error
 * or an ACK) into @nl->err. The TLVs follow the struct nlmsgerr, and the
 * echo of the request's payload when the kernel did not cap it.
 */
static void parse_extack(struct smm_nl *nl, const struct nlmsghdr *hdr)
{
	const struct nlmsgerr *e = NLMSG_DATA(hdr);
	size_t off;

	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (hdr->nlmsg_len < NLMSG_SPACE(sizeof(*e)))
		return;

	off = NLMSG_SPACE(sizeof(*e));
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	}
	parse_tlvs(nl, hdr, off);
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	/* libnl hands over the payload; the header sits right before it. */
	const struct nlmsghdr *hdr = (void *)((char *)e - NLMSG_HDRLEN);
	struct smm_nl *nl = arg;

	(void)who;
	nl->err.kind = SMM_NLERR_KERNEL;
	nl->err.code = e->error < 0 ? -e->error : e->error;
	parse_extack(nl, hdr);
	nl->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct smm_nl *nl = arg;

	/* A successful request may still carry a warning. */
	parse_extack(nl, nlmsg_hdr(msg));
	if (nl->err.msg[0])
		fprintf(stderr, "Warning: %s\n", nl->err.msg);
	memset(&nl->err, 0, sizeof(nl->err));
	nl->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct smm_nl *nl = arg;

	if (nl->dump_cb) {
		if (nl->dump_cb(msg, nl->dump_arg)) {
			nl->err.kind = SMM_NLERR_STOPPED;
			nl->done = true;
			return NL_STOP;
		}
		return NL_OK;
	}

	/* A `do` has one reply; anything after the first is ignored. */
	if (!nl->reply) {
		nlmsg_get(msg);
		nl->reply = msg;
	}
	return NL_OK;
}

/*
 * The end of a dump: NLMSG_DONE carries the dump's status, a negative
 * errno when it failed part way, and then extended ACK TLVs.
 */
static int on_finish(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *hdr = nlmsg_hdr(msg);
	struct smm_nl *nl = arg;
	int status;

	nl->done = true;
	if (hdr->nlmsg_len < NLMSG_LENGTH(sizeof(status)))
		return NL_STOP;
	memcpy(&status, NLMSG_DATA(hdr), sizeof(status));
	if (status >= 0)
		return NL_STOP;
	nl->err.kind = SMM_NLERR_KERNEL;
	nl->err.code = -status;
	if (hdr->nlmsg_flags & NLM_F_ACK_TLVS)
		parse_tlvs(nl, hdr, NLMSG_SPACE(sizeof(status)));
	return NL_STOP;
}

/* Sends @req and reads until it is answered; the callbacks fill @nl. */
static int exchange(struct smm_nl *nl, struct nl_msg *req,
		    const struct smm_attr_set *attrs)
{
	struct nl_cb *cb;
	int ret;

	memset(&nl->err, 0, sizeof(nl->err));
	nl->req = req;
	nl->req_attrs = attrs;
	nl->done = false;
	nlmsg_free(nl->reply);
	nl->reply = NULL;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		set_libnl_error(nl, NLE_NOMEM);
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, nl);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, nl);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, nl);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, nl);

	/* Completes port, sequence number, NLM_F_REQUEST and NLM_F_ACK. */
	ret = nl_send_auto(nl->sk, req);
	if (ret < 0) {
		set_libnl_error(nl, ret);
		goto out;
	}

	while (!nl->done) {
		ret = nl_recvmsgs(nl->sk, cb);
		if (ret < 0) {
			/* on_error() has already described a kernel error. */
			if (nl->err.kind == SMM_NLERR_NONE)
				set_libnl_error(nl, ret);
			break;
		}
	}

out:
	nl_cb_put(cb);
	nlmsg_free(req);
	nl->req = NULL;
	return nl->err.kind == SMM_NLERR_NONE ? 0 : -1;
}

/**
 * smm_nl_dump() - send a dump request and hand each part to a callback
 * @nl: the connection
 * @req: the request from smm_nl_dump_request(); consumed
 * @attrs: the attribute set of @req, to name attributes in error messages
 * @cb: called with each message of the dump, in order; returning non-zero
 *	stops the dump (the callback tells the user why)
 * @arg: passed to @cb
 *
 * Return: 0 once the dump ended, or -1 with @nl->err set: the kernel
 * refused the request or failed part way (SMM_NLERR_KERNEL), or @cb
 * stopped it (SMM_NLERR_STOPPED).
 */
int smm_nl_dump(struct smm_nl *nl, struct nl_msg *req,
		const struct smm_attr_set *attrs,
		int (*cb)(struct nl_msg *msg, void *arg), void *arg)
{
	int ret;

	nl->dump_cb = cb;
	nl->dump_arg = arg;
	ret = exchange(nl, req, attrs);
	nl->dump_cb = NULL;
	nl->dump_arg = NULL;
	return ret;
}

/**
 * smm_nl_dump_cmd() - dump every object of a command, no attributes given
 * @nl: the connection
 * @cmd: SHADOW_MM_CMD_*, a command with a dump
 * @attrs: its attribute set, to name attributes in error messages
 * @cb: as for smm_nl_dump()
 * @arg: passed to @cb
 *
 * Return: 0 once the dump ended, or -1 with @nl->err set (also when the
 * request could not be built).
 */
int smm_nl_dump_cmd(struct smm_nl *nl, __u8 cmd,
		    const struct smm_attr_set *attrs,
		    int (*cb)(struct nl_msg *msg, void *arg), void *arg)
{
	struct nl_msg *req = smm_nl_dump_request(nl, cmd);

	if (!req)
		return -1;
	return smm_nl_dump(nl, req, attrs, cb, arg);
}

/**
 * smm_nl_do() - send a request and wait for its reply and ACK
 * @nl: the connection
 * @req: the request from smm_nl_request(); consumed, whatever happens
 * @attrs: the attribute set of @req, to name attributes in error messages
 * @reply: set to the reply message (the caller frees it with
 *	nlmsg_free()); NULL when only an ACK is expected
 *
 * Return: 0, or -1 with @nl->err set. When @reply is given and the kernel
 * sent none, that is an error too (SMM_NLERR_NO_REPLY).
 */
int smm_nl_do(struct smm_nl *nl, struct nl_msg *req,
	      const struct smm_attr_set *attrs, struct nl_msg **reply)
{
	exchange(nl, req, attrs);
	if (nl->err.kind == SMM_NLERR_NONE && reply && !nl->reply)
		nl->err.kind = SMM_NLERR_NO_REPLY;
	if (nl->err.kind != SMM_NLERR_NONE) {
		nlmsg_free(nl->reply);
		nl->reply = NULL;
		return -1;
	}
	if (reply) {
		*reply = nl->reply;
		nl->reply = NULL;
	}
	return 0;
}

/**
 * smm_nl_perror() - tell the user why the last request failed
 * @nl: the connection
 * @what: the command, for context ("status", "config set")
 *
 * Kernel errors print as "Error: MESSAGE (attribute NAME)", with the
 * kernel's extack message or, without one, strerror().
 */
void smm_nl_perror(const struct smm_nl *nl, const char *what)
{
	const struct smm_nl_error *err = &nl->err;

	switch (err->kind) {
	case SMM_NLERR_NONE:
		return;
	case SMM_NLERR_NO_FAMILY:
		fprintf(stderr,
			"smm: shadow_mm module not loaded (generic netlink family %s not found)\n",
			SHADOW_MM_FAMILY_NAME);
		return;
	case SMM_NLERR_LIBNL:
		fprintf(stderr, "smm: %s: netlink: %s\n", what,
			nl_geterror(err->code));
		return;
	case SMM_NLERR_NO_REPLY:
		fprintf(stderr, "smm: %s: the kernel sent no reply\n", what);
		return;
	case SMM_NLERR_STOPPED:
		return;
	case SMM_NLERR_KERNEL:
		break;
	}

	fprintf(stderr, "Error: %s",
		err->msg[0] ? err->msg : strerror(err->code));
	if (!err->msg[0] && err->code == EPERM)
		fprintf(stderr, ": %s needs CAP_NET_ADMIN", what);

	if (err->has_offs && err->bad_attr[0])
		fprintf(stderr, " (attribute %s)", err->bad_attr);
	else if (err->has_offs)
		fprintf(stderr, " (at byte %u of the request)", err->offs);

	if (err->has_miss)
		fprintf(stderr, " (missing attribute %s)", err->miss_attr);
	fputc('\n', stderr);
}

/**
 * smm_nl_attrs() - the attributes of a message, after its genetlink header
 * @msg: a reply, or a message of a dump
 * @len: set to their length in bytes
 *
 * Return: the first attribute, for the decoders that take a buffer.
 */
const void *smm_nl_attrs(struct nl_msg *msg, size_t *len)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));

	*len = genlmsg_attrlen(gh, 0);
	return genlmsg_attrdata(gh, 0);
}

/**
 * smm_nl_start() - connect and start a request, saying why if that fails
 * @nl: the connection to set up; smm_nl_close() is needed either way
 * @cmd: SHADOW_MM_CMD_*
 * @what: the command, for messages
 *
 * Return: the request, as smm_nl_request() gives it; NULL with the
 * reason printed.
 */
struct nl_msg *smm_nl_start(struct smm_nl *nl, __u8 cmd, const char *what)
{
	struct nl_msg *req;

	if (smm_nl_open(nl)) {
		smm_nl_perror(nl, what);
		return NULL;
	}
	req = smm_nl_request(nl, cmd);
	if (!req)
		smm_nl_perror(nl, what);
	return req;
}

/**
 * smm_nl_call() - smm_nl_do() of a filled request, saying why if it fails
 * @nl: the connection
 * @req: the request; consumed, whatever happens
 * @fill_err: non-zero when adding @req's attributes failed (out of
 *	memory): @req is then not sent
 * @attrs: the attribute set of @req, to name attributes in error messages
 * @reply: as for smm_nl_do()
 * @what: the command, for messages
 *
 * Return: 0, or -1 with the reason printed.
 */
int smm_nl_call(struct smm_nl *nl, struct nl_msg *req, int fill_err,
		const struct smm_attr_set *attrs, struct nl_msg **reply,
		const char *what)
{
	if (fill_err) {
		nlmsg_free(req);
		fprintf(stderr, "smm: %s: out of memory\n", what);
		return -1;
	}
	if (smm_nl_do(nl, req, attrs, reply)) {
		smm_nl_perror(nl, what);
		return -1;
	}
	return 0;
}
