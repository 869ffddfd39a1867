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

	fd = nl_socket_get_fd(nl->sk);
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

/*
 * Finds which attribute of the request in flight starts at, or contains,
 * byte @offs of it. Nested attributes are not entered yet: an offset inside
 * a nest names the top-level attribute holding it.
 */
static int request_attr_at(const struct smm_nl *nl, __u32 offs)
{
	struct nlmsghdr *hdr;
	struct nlattr *nla;
	int rem;

	if (!nl->req)
		return -1;
	hdr = nlmsg_hdr(nl->req);
	if (offs >= hdr->nlmsg_len)
		return -1;

	nla_for_each_attr(nla, genlmsg_attrdata(nlmsg_data(hdr), 0),
			  genlmsg_attrlen(nlmsg_data(hdr), 0), rem) {
		__u32 start = (char *)nla - (char *)hdr;

		if (offs >= start && offs < start + nla->nla_len)
			return nla_type(nla);
	}
	return -1;
}

/*
 * Decodes the extended ACK TLVs of the NLMSG_ERROR message @hdr (an error
 * or an ACK) into @nl->err. The TLVs follow the struct nlmsgerr, and the
 * echo of the request's payload when the kernel did not cap it.
 */
static void parse_extack(struct smm_nl *nl, const struct nlmsghdr *hdr)
{
	const struct nlmsgerr *e = NLMSG_DATA(hdr);
	struct nlattr *nla;
	size_t off;
	int rem;

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
			nl->err.bad_attr = request_attr_at(nl, nl->err.offs);
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (nla_len(nla) < (int)sizeof(__u32))
				break;
			nl->err.has_miss = true;
			nl->err.miss_type = nla_get_u32(nla);
			break;
		default:
			/* Cookies, policies, MISS_NEST: not shown yet. */
			break;
		}
	}
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

	/* A `do` has one reply; anything after the first is ignored. */
	if (!nl->reply) {
		nlmsg_get(msg);
		nl->reply = msg;
	}
	return NL_OK;
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
	struct nl_cb *cb;
	int ret;

	memset(&nl->err, 0, sizeof(nl->err));
	nl->err.bad_attr = -1;
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
			if (nl->err.kind != SMM_NLERR_KERNEL)
				set_libnl_error(nl, ret);
			break;
		}
	}

	if (nl->err.kind == SMM_NLERR_NONE && reply && !nl->reply)
		nl->err.kind = SMM_NLERR_NO_REPLY;

out:
	nl_cb_put(cb);
	nlmsg_free(req);
	nl->req = NULL;
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
	const char *name;

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
	case SMM_NLERR_KERNEL:
		break;
	}

	fprintf(stderr, "Error: %s",
		err->msg[0] ? err->msg : strerror(err->code));
	if (!err->msg[0] && err->code == EPERM)
		fprintf(stderr, ": %s needs CAP_NET_ADMIN", what);

	if (err->has_offs && err->bad_attr >= 0) {
		name = smm_attr_name(nl->req_attrs, err->bad_attr);
		if (name)
			fprintf(stderr, " (attribute %s)", name);
		else
			fprintf(stderr, " (attribute %d)", err->bad_attr);
	} else if (err->has_offs) {
		fprintf(stderr, " (at byte %u of the request)", err->offs);
	}

	if (err->has_miss) {
		name = smm_attr_name(nl->req_attrs, err->miss_type);
		if (name)
			fprintf(stderr, " (missing attribute %s)", name);
		else
			fprintf(stderr, " (missing attribute %u)",
				err->miss_type);
	}
	fputc('\n', stderr);
}
