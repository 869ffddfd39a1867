// SPDX-License-Identifier: GPL-2.0
/*
 * smm_mnl - the generic-netlink plumbing the in-guest selftests share:
 * sockets, requests, answers with their extended ACK, family resolution,
 * the decoding of page-table replies (walks, touches, walk dumps), and the
 * requests several tests make: walks, walk dumps, page alloc and free,
 * snapshots of the zones' free pages and of the owners' pages.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SMM_MNL_NO_HARNESS
#include "smm_mnl.h"

/**
 * smm_mnl_open() - open and bind a NETLINK_GENERIC socket
 * @s: socket to fill in
 * @buf_size: size of its receive buffer
 * @flags: SMM_MNL_EXT_ACK, SMM_MNL_CAP_ACK
 *
 * Return: 0, or a negative errno (@s then holds nothing to close).
 */
int smm_mnl_open(struct smm_mnl *s, size_t buf_size, unsigned int flags)
{
	int one = 1;
	int err;

	memset(s, 0, sizeof(*s));
	s->buf = malloc(buf_size);
	if (!s->buf)
		return -ENOMEM;
	s->buf_size = buf_size;
	s->mnl = mnl_socket_open(NETLINK_GENERIC);
	if (!s->mnl) {
		err = -errno;
		goto err_free;
	}
	if ((flags & SMM_MNL_EXT_ACK) &&
	    mnl_socket_setsockopt(s->mnl, NETLINK_EXT_ACK, &one,
				  sizeof(one)) < 0) {
		err = -errno;
		goto err_close;
	}
	if ((flags & SMM_MNL_CAP_ACK) &&
	    mnl_socket_setsockopt(s->mnl, NETLINK_CAP_ACK, &one,
				  sizeof(one)) < 0) {
		err = -errno;
		goto err_close;
	}
	if (mnl_socket_bind(s->mnl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto err_close;
	}
	s->seq = (unsigned int)getpid() << 12;
	return 0;

err_close:
	mnl_socket_close(s->mnl);
err_free:
	free(s->buf);
	memset(s, 0, sizeof(*s));
	return err;
}

/**
 * smm_mnl_close() - close a socket from smm_mnl_open() and free its buffer
 * @s: the socket; closing it twice, or one that failed to open, is fine
 */
void smm_mnl_close(struct smm_mnl *s)
{
	if (s->mnl)
		mnl_socket_close(s->mnl);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

/**
 * smm_mnl_genl_req() - begin a genetlink request in @buf
 * @buf: room for the request, suitably aligned
 * @type: family id (GENL_ID_CTRL for the controller)
 * @flags: NLM_F_ACK for a do, NLM_F_DUMP for a dump; smm_mnl_exchange()
 *	adds NLM_F_REQUEST
 * @cmd: command
 * @version: genetlink header version
 *
 * Only the two headers are cleared; attributes go after them with
 * mnl_attr_put_*(), which clear their own padding.
 *
 * Return: the message header.
 */
struct nlmsghdr *smm_mnl_genl_req(void *buf, __u16 type, __u16 flags,
				  __u8 cmd, __u8 version)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(buf, 0, MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(*genl)));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

/**
 * smm_mnl_req() - begin a shadow_mm request in @buf
 * @buf: room for the request, suitably aligned
 * @family: the shadow_mm family id
 * @flags: NLM_F_ACK for a do, NLM_F_DUMP for a dump
 * @cmd: command
 *
 * Return: the message header, its genetlink version the family's.
 */
struct nlmsghdr *smm_mnl_req(void *buf, __u16 family, __u16 flags, __u8 cmd)
{
	return smm_mnl_genl_req(buf, family, flags, cmd,
				SHADOW_MM_FAMILY_VERSION);
}

/**
 * smm_mnl_genl_hdr() - the genetlink header of a message
 * @nlh: the message
 *
 * Return: its genetlink header, to forge fields of a request with.
 */
struct genlmsghdr *smm_mnl_genl_hdr(struct nlmsghdr *nlh)
{
	return mnl_nlmsg_get_payload(nlh);
}

/* Decodes the extack TLVs that start @hdrlen bytes into @nlh's payload. */
static void smm_mnl_read_extack(const struct nlmsghdr *nlh, size_t hdrlen,
				struct smm_mnl_ans *ans)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, hdrlen) {
		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			if (!mnl_attr_validate(attr, MNL_TYPE_NUL_STRING))
				snprintf(ans->ext_msg, sizeof(ans->ext_msg),
					 "%s", mnl_attr_get_str(attr));
			break;
		case NLMSGERR_ATTR_OFFS:
			if (!mnl_attr_validate(attr, MNL_TYPE_U32)) {
				ans->has_offs = true;
				ans->offs = mnl_attr_get_u32(attr);
			}
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			if (!mnl_attr_validate(attr, MNL_TYPE_U32)) {
				ans->has_miss_type = true;
				ans->miss_type = mnl_attr_get_u32(attr);
			}
			break;
		}
	}
}

/*
 * Decodes the NLMSG_ERROR (error or ACK) or NLMSG_DONE (end of a dump)
 * that closes an answer. The TLVs of an error follow struct nlmsgerr and,
 * unless the kernel capped the echo (NLM_F_CAPPED), the request it echoes.
 */
static void smm_mnl_read_status(const struct nlmsghdr *nlh,
				struct smm_mnl_ans *ans)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t hdrlen;

	if (nlh->nlmsg_type == NLMSG_DONE) {
		if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
			ans->error = *(const int *)mnl_nlmsg_get_payload(nlh);
			if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
				smm_mnl_read_extack(nlh, sizeof(int), ans);
		}
		return;
	}
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
		ans->error = -EBADMSG;
		return;
	}
	ans->error = err->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	hdrlen = sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		hdrlen += mnl_nlmsg_get_payload_len(&err->msg);
	if (MNL_ALIGN(hdrlen) <= mnl_nlmsg_get_payload_len(nlh))
		smm_mnl_read_extack(nlh, hdrlen, ans);
}

/**
 * smm_mnl_exchange() - send one request as it is and read its whole answer
 * @s: the socket; @s->ans is filled in
 * @req: the request; its nlmsg_len bytes are sent, whatever they hold
 * @cb: called with each data message, of a do or a dump; NULL to only
 *	count them
 * @arg: for @cb
 *
 * Adds NLM_F_REQUEST, sets a fresh sequence number and port 0, then reads
 * until the ACK, error or NLMSG_DONE that closes the request. Messages for
 * other sequence numbers are skipped, and so is anything smm_mnl_recv_msg()
 * had not handed out yet.
 *
 * Return: 0 when the kernel answered (its verdict in @s->ans.error), or a
 * negative errno when the socket failed, the answer made no sense or @cb
 * stopped (-ECANCELED).
 */
int smm_mnl_exchange(struct smm_mnl *s, struct nlmsghdr *req, smm_mnl_cb cb,
		     void *arg)
{
	unsigned int portid = mnl_socket_get_portid(s->mnl);
	struct smm_mnl_ans *ans = &s->ans;
	const struct nlmsghdr *nlh;
	bool replies_here;
	ssize_t n;
	int len;

	memset(ans, 0, sizeof(*ans));
	s->next = NULL;
	s->len = 0;
	req->nlmsg_flags |= NLM_F_REQUEST;
	req->nlmsg_seq = ++s->seq;
	req->nlmsg_pid = 0;
	if (mnl_socket_sendto(s->mnl, req, req->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		n = mnl_socket_recvfrom(s->mnl, s->buf, s->buf_size);
		if (n < 0)
			return -errno;
		len = (int)n;
		replies_here = false;
		for (nlh = (const struct nlmsghdr *)s->buf;
		     mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != s->seq)
				continue;
			if (nlh->nlmsg_pid != portid)
				return -EPROTO;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				smm_mnl_read_status(nlh, ans);
				ans->nrecv += replies_here;
				return 0;
			}
			ans->nreplies++;
			replies_here = true;
			if (cb && cb(nlh, arg))
				return -ECANCELED;
		}
		ans->nrecv += replies_here;
		if (len != 0)
			return -EBADMSG;
	}
}

/**
 * smm_mnl_call() - smm_mnl_exchange() with the verdict folded in
 * @s: the socket; @s->ans is filled in
 * @req: the request
 * @cb: called with each data message; may be NULL
 * @arg: for @cb
 *
 * Return: 0 for an ACK, the negative errno the kernel answered, or that of
 * smm_mnl_exchange() when it failed.
 */
int smm_mnl_call(struct smm_mnl *s, struct nlmsghdr *req, smm_mnl_cb cb,
		 void *arg)
{
	int err = smm_mnl_exchange(s, req, cb, arg);

	return err ? err : s->ans.error;
}

/* What smm_mnl_resolve() reads from the controller's reply. */
struct smm_mnl_resolve_ctx {
	struct smm_mnl_family *fam;
	const char *name;
	unsigned int nreplies;
	__u16 type;
	int err;
};

static void smm_mnl_read_ops(struct smm_mnl_resolve_ctx *c,
			     const struct nlattr *ops)
{
	struct smm_mnl_family *fam = c->fam;
	const struct nlattr *op, *a;
	bool has_id;

	mnl_attr_for_each_nested(op, ops) {
		struct smm_mnl_op *o;

		if (fam->nops == SMM_MNL_MAX_OPS)
			break;
		o = &fam->ops[fam->nops];
		memset(o, 0, sizeof(*o));
		has_id = false;
		mnl_attr_for_each_nested(a, op) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_OP_ID) {
				o->id = mnl_attr_get_u32(a);
				has_id = true;
			} else if (mnl_attr_get_type(a) == CTRL_ATTR_OP_FLAGS) {
				o->flags = mnl_attr_get_u32(a);
			}
		}
		if (!has_id) {
			c->err = -EBADMSG;
			return;
		}
		fam->nops++;
	}
}

static void smm_mnl_read_grps(struct smm_mnl_family *fam,
			      const struct nlattr *grps)
{
	const struct nlattr *grp, *a;

	mnl_attr_for_each_nested(grp, grps) {
		const char *name = NULL;
		struct smm_mnl_grp *g;

		if (fam->ngrps == SMM_MNL_MAX_GRPS)
			break;
		g = &fam->grps[fam->ngrps];
		memset(g, 0, sizeof(*g));
		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME &&
			    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				name = mnl_attr_get_str(a);
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID &&
			    !mnl_attr_validate(a, MNL_TYPE_U32))
				g->id = mnl_attr_get_u32(a);
		}
		if (!name)
			continue;
		snprintf(g->name, sizeof(g->name), "%s", name);
		fam->ngrps++;
	}
}

/* smm_mnl_cb for CTRL_CMD_GETFAMILY: decodes the first reply only. */
static int smm_mnl_resolve_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *id = NULL, *version = NULL, *name = NULL;
	const struct nlattr *ops = NULL, *grps = NULL, *a;
	struct smm_mnl_resolve_ctx *c = arg;

	if (c->nreplies++)
		return 0;
	c->type = nlh->nlmsg_type;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			id = a;
			break;
		case CTRL_ATTR_VERSION:
			version = a;
			break;
		case CTRL_ATTR_FAMILY_NAME:
			name = a;
			break;
		case CTRL_ATTR_OPS:
			ops = a;
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			grps = a;
			break;
		}
	}
	if (!id || !version || !name ||
	    mnl_attr_validate(id, MNL_TYPE_U16) ||
	    mnl_attr_validate(version, MNL_TYPE_U32) ||
	    strcmp(mnl_attr_get_str(name), c->name)) {
		c->err = -EBADMSG;
		return 0;
	}
	c->fam->id = mnl_attr_get_u16(id);
	c->fam->version = mnl_attr_get_u32(version);
	if (ops)
		smm_mnl_read_ops(c, ops);
	if (grps)
		smm_mnl_read_grps(c->fam, grps);
	return 0;
}

/**
 * smm_mnl_resolve() - look a family up with CTRL_CMD_GETFAMILY
 * @s: the socket; on success its @family becomes the family's id
 * @name: family name
 * @fam: filled in: id, version, operations with their flags (the first
 *	SMM_MNL_MAX_OPS) and multicast groups (the first SMM_MNL_MAX_GRPS)
 *
 * Return: 0, the negative errno the controller answered (-ENOENT for an
 * unknown family), that of a failed exchange, -EINVAL for a name longer
 * than a family name can be, or -EBADMSG for an answer
 * that is not one reply with the family's id, version and name, and an id
 * for each operation.
 */
int smm_mnl_resolve(struct smm_mnl *s, const char *name,
		    struct smm_mnl_family *fam)
{
	struct smm_mnl_resolve_ctx c = { .fam = fam, .name = name };
	struct nlmsghdr *nlh;
	char req[256];
	int err;

	memset(fam, 0, sizeof(*fam));
	if (strlen(name) >= GENL_NAMSIZ)
		return -EINVAL;
	nlh = smm_mnl_genl_req(req, GENL_ID_CTRL, NLM_F_ACK,
			       CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	err = smm_mnl_call(s, nlh, smm_mnl_resolve_part, &c);
	if (err)
		return err;
	if (c.nreplies != 1 || c.type != GENL_ID_CTRL)
		return -EBADMSG;
	if (c.err)
		return c.err;
	s->family = fam->id;
	return 0;
}

/**
 * smm_mnl_family_op() - an operation of a resolved family
 * @fam: the family
 * @cmd: the command
 *
 * Return: the operation, or NULL when the family has no @cmd.
 */
const struct smm_mnl_op *smm_mnl_family_op(const struct smm_mnl_family *fam,
					   __u32 cmd)
{
	unsigned int i;

	for (i = 0; i < fam->nops; i++)
		if (fam->ops[i].id == cmd)
			return &fam->ops[i];
	return NULL;
}

/**
 * smm_mnl_family_grp() - the id of a multicast group of a resolved family
 * @fam: the family
 * @name: the group's name
 *
 * Return: the group's id, 0 when the family has no such group.
 */
__u32 smm_mnl_family_grp(const struct smm_mnl_family *fam, const char *name)
{
	unsigned int i;
	__u32 id = 0;

	for (i = 0; i < fam->ngrps; i++)
		if (!strcmp(fam->grps[i].name, name))
			id = fam->grps[i].id;
	return id;
}

/**
 * smm_mnl_recv_msg() - the next message that comes on a socket
 * @s: the socket, e.g. one that joined a multicast group
 * @nlh: set to the message, valid until the next call on @s
 *
 * Hands out the messages of the last datagram one by one, then reads the
 * next datagram, waiting as long as the socket's receive timeout allows.
 *
 * Return: 0; -EAGAIN when nothing came within the receive timeout;
 * -ENOBUFS when the socket overran (messages lost); another negative errno
 * when the socket failed.
 */
int smm_mnl_recv_msg(struct smm_mnl *s, const struct nlmsghdr **nlh)
{
	ssize_t n;

	for (;;) {
		if (s->next && mnl_nlmsg_ok(s->next, s->len)) {
			*nlh = s->next;
			s->next = mnl_nlmsg_next(s->next, &s->len);
			return 0;
		}
		n = recv(mnl_socket_get_fd(s->mnl), s->buf, s->buf_size, 0);
		if (n < 0)
			return errno == EWOULDBLOCK ? -EAGAIN : -errno;
		s->len = (int)n;
		s->next = (const struct nlmsghdr *)s->buf;
	}
}

/*
 * Readers of one attribute into its destination; an attribute of the
 * wrong size or a string without its NUL marks the reply malformed.
 */
static void smm_mnl_get_u32(const struct nlattr *a, __u32 *dst,
			    const char **bad)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32))
		*bad = "a u32 attribute of the wrong size";
	else
		*dst = mnl_attr_get_u32(a);
}

static void smm_mnl_get_u64(const struct nlattr *a, __u64 *dst,
			    const char **bad)
{
	if (mnl_attr_validate(a, MNL_TYPE_U64))
		*bad = "a u64 attribute of the wrong size";
	else
		*dst = mnl_attr_get_u64(a);
}

static void smm_mnl_get_str(const struct nlattr *a, char *dst, size_t size,
			    const char **bad)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
		*bad = "a string attribute without its NUL";
	else
		snprintf(dst, size, "%s", mnl_attr_get_str(a));
}

static void smm_mnl_pt_field_read(const struct nlattr *nest,
				  struct smm_mnl_pt_field *f, const char **bad)
{
	const struct nlattr *a;

	memset(f, 0, sizeof(*f));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_PT_FIELD_NAME:
			smm_mnl_get_str(a, f->name, sizeof(f->name), bad);
			break;
		case SHADOW_MM_A_PT_FIELD_VALUE:
			smm_mnl_get_u64(a, &f->value, bad);
			break;
		case SHADOW_MM_A_PT_FIELD_TEXT:
			smm_mnl_get_str(a, f->text, sizeof(f->text), bad);
			break;
		}
	}
	if (!f->name[0])
		*bad = "a field without a name";
}

static void smm_mnl_walk_level_read(const struct nlattr *nest,
				    struct smm_mnl_walk_level *l,
				    const char **bad)
{
	const struct nlattr *a;
	int type;

	memset(l, 0, sizeof(*l));
	mnl_attr_for_each_nested(a, nest) {
		type = mnl_attr_get_type(a);
		if (type > SHADOW_MM_A_WALK_LEVEL_MAX)
			continue;
		l->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_WALK_LEVEL_LEVEL:
			smm_mnl_get_u32(a, &l->level, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_NAME:
			smm_mnl_get_str(a, l->name, sizeof(l->name), bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_TABLE:
			smm_mnl_get_u64(a, &l->table, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_INDEX:
			smm_mnl_get_u32(a, &l->index, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_SHIFT:
			smm_mnl_get_u32(a, &l->shift, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_BITS:
			smm_mnl_get_u32(a, &l->bits, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_RAW:
			smm_mnl_get_u64(a, &l->raw, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_RAW_LINUX:
			smm_mnl_get_u64(a, &l->raw_linux, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_KIND:
			smm_mnl_get_u32(a, &l->kind, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_ADDR:
			smm_mnl_get_u64(a, &l->addr, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_SIZE:
			smm_mnl_get_u64(a, &l->size, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_DESC_ADDR:
			smm_mnl_get_u64(a, &l->desc_addr, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL_FIELD:
			if (l->nfields == SMM_MNL_PT_FIELDS) {
				*bad = "more fields than a descriptor has";
				break;
			}
			smm_mnl_pt_field_read(a, &l->field[l->nfields++], bad);
			break;
		}
	}
}

/**
 * smm_mnl_walk_part() - smm_mnl_cb decoding a walk or touch reply
 * @nlh: the reply
 * @arg: struct smm_mnl_walk, zeroed by the caller before the request
 *
 * Only the first reply is kept; @arg's nreplies counts them all.
 *
 * Return: 0.
 */
int smm_mnl_walk_part(const struct nlmsghdr *nlh, void *arg)
{
	struct smm_mnl_walk *w = arg;
	const struct nlattr *a;
	const char **bad = &w->bad;
	int type;

	if (w->nreplies++)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		type = mnl_attr_get_type(a);
		if (type > SHADOW_MM_A_WALK_MAX)
			continue;
		w->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_WALK_VA:
			smm_mnl_get_u64(a, &w->va, bad);
			break;
		case SHADOW_MM_A_WALK_FORMAT:
			smm_mnl_get_u32(a, &w->format, bad);
			break;
		case SHADOW_MM_A_WALK_LEVELS:
			smm_mnl_get_u32(a, &w->levels, bad);
			break;
		case SHADOW_MM_A_WALK_LEVEL:
			if (w->nlevels == SHADOW_MM_MAX_PT_LEVELS) {
				*bad = "more levels than max-pt-levels";
				break;
			}
			smm_mnl_walk_level_read(a, &w->level[w->nlevels++], bad);
			break;
		case SHADOW_MM_A_WALK_PA:
			smm_mnl_get_u64(a, &w->pa, bad);
			break;
		case SHADOW_MM_A_WALK_SIZE:
			smm_mnl_get_u64(a, &w->size, bad);
			break;
		case SHADOW_MM_A_WALK_PROT:
			smm_mnl_get_u32(a, &w->prot, bad);
			break;
		case SHADOW_MM_A_WALK_FAULT:
			smm_mnl_get_u32(a, &w->fault, bad);
			break;
		case SHADOW_MM_A_WALK_FAULT_LEVEL:
			smm_mnl_get_u32(a, &w->fault_level, bad);
			break;
		case SHADOW_MM_A_WALK_ACCESS:
			smm_mnl_get_u32(a, &w->access, bad);
			break;
		case SHADOW_MM_A_WALK_FIXUP:
			smm_mnl_get_u32(a, &w->fixup, bad);
			break;
		case SHADOW_MM_A_WALK_PAGE_FLAGS:
			smm_mnl_get_u32(a, &w->page_flags, bad);
			break;
		case SHADOW_MM_A_WALK_PAGE_OWNER:
			smm_mnl_get_str(a, w->page_owner, sizeof(w->page_owner),
					bad);
			break;
		case SHADOW_MM_A_WALK_PAGE_REFCOUNT:
			smm_mnl_get_u32(a, &w->page_refcount, bad);
			break;
		case SHADOW_MM_A_WALK_PAGE_MAPCOUNT:
			smm_mnl_get_u32(a, &w->page_mapcount, bad);
			break;
		case SHADOW_MM_A_WALK_PAGE_ZONE:
			smm_mnl_get_u32(a, &w->page_zone, bad);
			break;
		case SHADOW_MM_A_WALK_PAGE_NODE:
			smm_mnl_get_u32(a, &w->page_node, bad);
			break;
		case SHADOW_MM_A_WALK_VMA_START:
			smm_mnl_get_u64(a, &w->vma_start, bad);
			break;
		case SHADOW_MM_A_WALK_VMA_END:
			smm_mnl_get_u64(a, &w->vma_end, bad);
			break;
		case SHADOW_MM_A_WALK_VMA_FLAGS:
			smm_mnl_get_u64(a, &w->vma_flags, bad);
			break;
		case SHADOW_MM_A_WALK_VMA_NAME:
			smm_mnl_get_str(a, w->vma_name, sizeof(w->vma_name),
					bad);
			break;
		case SHADOW_MM_A_WALK_HW_PA:
			smm_mnl_get_u64(a, &w->hw_pa, bad);
			break;
		case SHADOW_MM_A_WALK_HW_PAR:
			smm_mnl_get_u64(a, &w->hw_par, bad);
			break;
		}
	}
	return 0;
}

/**
 * smm_mnl_grow() - room for element @n of a growing array
 * @arr: the array (malloc()ed, or NULL when empty)
 * @max: elements it has room for; doubled (from 16) when full
 * @n: the element wanted: the count so far
 * @size: bytes of an element
 *
 * Return: the array, moved maybe, with element @n zeroed; NULL without
 * memory (@arr and @max unchanged).
 */
void *smm_mnl_grow(void *arr, unsigned int *max, unsigned int n, size_t size)
{
	unsigned int grown = *max ? 2 * *max : 16;

	if (n >= *max) {
		arr = realloc(arr, (size_t)grown * size);
		if (!arr)
			return NULL;
		*max = grown;
	}
	memset((char *)arr + (size_t)n * size, 0, size);
	return arr;
}

/**
 * smm_mnl_runs_part() - smm_mnl_cb collecting the runs of a walk dump
 * @nlh: one message of the dump: one run
 * @arg: struct smm_mnl_runs, zeroed by the caller before the request
 *
 * Return: 0, or -ENOMEM when the runs no longer fit in memory.
 */
int smm_mnl_runs_part(const struct nlmsghdr *nlh, void *arg)
{
	struct smm_mnl_runs *runs = arg;
	const char *bad = NULL;
	const struct nlattr *a;
	struct smm_mnl_run *r;
	int type;

	r = smm_mnl_grow(runs->run, &runs->max, runs->n, sizeof(*r));
	if (!r)
		return -ENOMEM;
	runs->run = r;
	r = &runs->run[runs->n++];
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		type = mnl_attr_get_type(a);
		if (type > SHADOW_MM_A_WALK_MAX)
			continue;
		r->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_WALK_VA:
			smm_mnl_get_u64(a, &r->va, &bad);
			break;
		case SHADOW_MM_A_WALK_VA_END:
			smm_mnl_get_u64(a, &r->va_end, &bad);
			break;
		case SHADOW_MM_A_WALK_PA:
			smm_mnl_get_u64(a, &r->pa, &bad);
			break;
		case SHADOW_MM_A_WALK_SIZE:
			smm_mnl_get_u64(a, &r->size, &bad);
			break;
		case SHADOW_MM_A_WALK_PROT:
			smm_mnl_get_u32(a, &r->prot, &bad);
			break;
		case SHADOW_MM_A_WALK_PAGES:
			smm_mnl_get_u32(a, &r->pages, &bad);
			break;
		case SHADOW_MM_A_WALK_LEVELS:
			smm_mnl_get_u32(a, &r->levels, &bad);
			break;
		case SHADOW_MM_A_WALK_ATTRS:
			smm_mnl_get_str(a, r->attrs, sizeof(r->attrs), &bad);
			break;
		}
	}
	if (bad && !runs->bad)
		runs->bad = bad;
	return 0;
}

/**
 * smm_mnl_walk_field() - a decoded field of a walk level, by name
 * @l: the level
 * @name: the field's name, as the format names it
 *
 * Return: the field, or NULL when the level has none of that name.
 */
const struct smm_mnl_pt_field *
smm_mnl_walk_field(const struct smm_mnl_walk_level *l, const char *name)
{
	unsigned int i;

	for (i = 0; i < l->nfields; i++)
		if (!strcmp(l->field[i].name, name))
			return &l->field[i];
	return NULL;
}

/* Begins a walk request of @va in what @source and @id name. */
static struct nlmsghdr *smm_mnl_walk_req(void *buf, __u16 family,
					 __u16 flags, int source, __u32 id,
					 __u64 va)
{
	struct nlmsghdr *nlh;

	nlh = smm_mnl_req(buf, family, flags, SHADOW_MM_CMD_WALK);
	if (source == SHADOW_MM_A_WALK_KERNEL)
		mnl_attr_put(nlh, SHADOW_MM_A_WALK_KERNEL, 0, NULL);
	else
		mnl_attr_put_u32(nlh, source, id);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, va);
	return nlh;
}

/**
 * smm_mnl_walk() - walk an address as the MMU would (the walk do)
 * @s: the socket, its family resolved
 * @source: what is walked: SHADOW_MM_A_WALK_AS, SHADOW_MM_A_WALK_PID or
 *	SHADOW_MM_A_WALK_KERNEL
 * @id: the address space or the pid (ignored for the kernel)
 * @va: the address
 * @w: the reply, as smm_mnl_walk_part() decodes it
 *
 * Return: as smm_mnl_call().
 */
int smm_mnl_walk(struct smm_mnl *s, int source, __u32 id, __u64 va,
		 struct smm_mnl_walk *w)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	memset(w, 0, sizeof(*w));
	nlh = smm_mnl_walk_req(buf, s->family, NLM_F_ACK, source, id, va);
	return smm_mnl_call(s, nlh, smm_mnl_walk_part, w);
}

/**
 * smm_mnl_walk_dump() - the runs of a range (the walk dump)
 * @s: the socket, its family resolved
 * @source: as for smm_mnl_walk()
 * @id: the address space or the pid (ignored for the kernel)
 * @va: the start of the range
 * @len: its length
 * @runs: the runs, as smm_mnl_runs_part() collects them; free() @runs->run
 *
 * Return: as smm_mnl_call().
 */
int smm_mnl_walk_dump(struct smm_mnl *s, int source, __u32 id, __u64 va,
		      __u64 len, struct smm_mnl_runs *runs)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	memset(runs, 0, sizeof(*runs));
	nlh = smm_mnl_walk_req(buf, s->family, NLM_F_DUMP, source, id, va);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_LEN, len);
	return smm_mnl_call(s, nlh, smm_mnl_runs_part, runs);
}

/* Keeps the pfns of a PAGE_ALLOC reply that fit; see smm_mnl_page_alloc(). */
static int smm_mnl_pfns_part(const struct nlmsghdr *nlh, void *arg)
{
	struct smm_mnl_pfns *out = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) != SHADOW_MM_A_PAGES_PFN ||
		    out->n == out->max)
			continue;
		/* One of the wrong size reads as a pfn no page has. */
		out->pfn[out->n++] = mnl_attr_validate(a, MNL_TYPE_U64) ?
				     ~0ULL : mnl_attr_get_u64(a);
	}
	return 0;
}

/**
 * smm_mnl_page_alloc() - allocate blocks of shadow pages (PAGE_ALLOC)
 * @s: the socket, its family resolved
 * @order: of each block
 * @count: blocks
 * @owner: the owner tag they get
 * @out: gets the first pfn of each block; @out->pfn and @out->max say
 *	where and how many, @out->n is set to how many came
 *
 * Return: as smm_mnl_call().
 */
int smm_mnl_page_alloc(struct smm_mnl *s, __u32 order, __u32 count,
		       const char *owner, struct smm_mnl_pfns *out)
{
	return smm_mnl_page_alloc_zone(s, order, count, 0, owner, out);
}

/**
 * smm_mnl_page_alloc_zone() - smm_mnl_page_alloc() from one zone type down
 * @s: the socket, its family resolved
 * @order: of each block
 * @count: blocks
 * @zone: SHADOW_MM_ZONE_TYPE_* of the highest zone to take from; 0 for
 *	the kernel's default
 * @owner: the owner tag they get
 * @out: as for smm_mnl_page_alloc()
 *
 * Return: as smm_mnl_call().
 */
int smm_mnl_page_alloc_zone(struct smm_mnl *s, __u32 order, __u32 count,
			    __u32 zone, const char *owner,
			    struct smm_mnl_pfns *out)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	out->n = 0;
	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_ALLOC);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_ORDER, order);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_COUNT, count);
	if (zone)
		mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_ZONE, zone);
	mnl_attr_put_strz(nlh, SHADOW_MM_A_PAGES_OWNER, owner);
	return smm_mnl_call(s, nlh, smm_mnl_pfns_part, out);
}

/**
 * smm_mnl_page_free() - free the blocks that start at @pfn (PAGE_FREE)
 * @s: the socket, its family resolved
 * @pfn: the first pfn of each block, sent in this order
 * @n: how many; 0 sends a request without any
 *
 * Return: as smm_mnl_call(), or -ENOMEM when the request does not fit in
 * memory.
 */
int smm_mnl_page_free(struct smm_mnl *s, const __u64 *pfn, unsigned int n)
{
	size_t size = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN) +
		      n * MNL_ALIGN(MNL_ATTR_HDRLEN + sizeof(__u64));
	struct nlmsghdr *nlh;
	unsigned int i;
	void *buf;
	int err;

	buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_FREE);
	for (i = 0; i < n; i++)
		mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGES_PFN, pfn[i]);
	err = smm_mnl_call(s, nlh, NULL, NULL);
	free(buf);
	return err;
}

/* Reads the attributes of a status-get reply smm_mnl_status keeps. */
static int smm_mnl_status_part(const struct nlmsghdr *nlh, void *arg)
{
	struct smm_mnl_status *st = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_STATUS_PT_FORMAT:
			st->pt_format = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_STATUS_PT_LEVELS:
			st->pt_levels = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_STATUS_MAX_ORDER:
			st->max_order = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_STATUS_SHADOW_BYTES:
			st->shadow_bytes = mnl_attr_get_u64(a);
			break;
		}
	}
	return 0;
}

/**
 * smm_mnl_status_get() - what the page-table tests need of status-get
 * @s: the socket, its family resolved
 * @st: filled in; what did not come stays 0
 *
 * Return: as smm_mnl_call().
 */
int smm_mnl_status_get(struct smm_mnl *s, struct smm_mnl_status *st)
{
	__u32 buf[64];

	memset(st, 0, sizeof(*st));
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_ACK,
					   SHADOW_MM_CMD_STATUS_GET),
			    smm_mnl_status_part, st);
}

/* Reads a u32 or u64 attribute as a number; another size reads as 0. */
static __u64 smm_mnl_get_uint(const struct nlattr *a)
{
	if (mnl_attr_get_payload_len(a) == sizeof(__u64))
		return mnl_attr_get_u64(a);
	if (mnl_attr_get_payload_len(a) == sizeof(__u32))
		return mnl_attr_get_u32(a);
	return 0;
}

/* Adds one zone of a zone-get dump to a struct smm_mnl_zones. */
static int smm_mnl_zones_part(const struct nlmsghdr *nlh, void *arg)
{
	struct smm_mnl_zones *zs = arg;
	const struct nlattr *a, *p;
	struct smm_mnl_zone *z;

	if (zs->n == SMM_MNL_MAX_ZONES)
		return -ENOSPC;
	z = &zs->z[zs->n++];
	memset(z, 0, sizeof(*z));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_ZONE_NODE:
			z->node = smm_mnl_get_uint(a);
			break;
		case SHADOW_MM_A_ZONE_TYPE:
			z->type = smm_mnl_get_uint(a);
			break;
		case SHADOW_MM_A_ZONE_START_PFN:
			z->start_pfn = smm_mnl_get_uint(a);
			break;
		case SHADOW_MM_A_ZONE_PRESENT_PAGES:
			z->present = smm_mnl_get_uint(a);
			break;
		case SHADOW_MM_A_ZONE_MANAGED_PAGES:
			z->managed = smm_mnl_get_uint(a);
			break;
		case SHADOW_MM_A_ZONE_FREE_PAGES:
			z->free = smm_mnl_get_uint(a);
			break;
		case SHADOW_MM_A_ZONE_PCP:
			mnl_attr_for_each_nested(p, a)
				if (mnl_attr_get_type(p) == SHADOW_MM_A_PCP_COUNT)
					z->pcp += smm_mnl_get_uint(p);
			break;
		}
	}
	return 0;
}

/**
 * smm_mnl_zones_get() - every zone's size and free pages (zone-get dump)
 * @s: the socket, its family resolved
 * @zs: filled in
 *
 * Return: as smm_mnl_call(); -ECANCELED when there are more zones than
 * SMM_MNL_MAX_ZONES.
 */
int smm_mnl_zones_get(struct smm_mnl *s, struct smm_mnl_zones *zs)
{
	__u32 buf[64];

	memset(zs, 0, sizeof(*zs));
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					   SHADOW_MM_CMD_ZONE_GET),
			    smm_mnl_zones_part, zs);
}

/**
 * smm_mnl_zones_differ() - the first zone whose free pages differ
 * @a: one snapshot
 * @b: a later one
 *
 * A zone's free pages are those of its buddy lists and of its per-CPU
 * lists together: a page may move between them without being used.
 *
 * Return: the zone of @a that differs in @b (or has no match in it, or
 * @b's first zone when @b has more zones), NULL when all are the same.
 */
const struct smm_mnl_zone *smm_mnl_zones_differ(const struct smm_mnl_zones *a,
						const struct smm_mnl_zones *b)
{
	unsigned int i, j;

	for (i = 0; i < a->n; i++) {
		const struct smm_mnl_zone *x = &a->z[i];

		for (j = 0; j < b->n; j++) {
			const struct smm_mnl_zone *y = &b->z[j];

			if (x->node == y->node && x->type == y->type)
				break;
		}
		if (j == b->n || x->free + x->pcp != b->z[j].free + b->z[j].pcp)
			return x;
	}
	return a->n == b->n ? NULL : &b->z[0];
}

/* Adds one owner of an owner-get dump to a struct smm_mnl_owners. */
static int smm_mnl_owners_part(const struct nlmsghdr *nlh, void *arg)
{
	struct smm_mnl_owners *w = arg;
	struct smm_mnl_owner *o;
	const struct nlattr *a;

	if (w->n == SMM_MNL_MAX_OWNERS)
		return -ENOSPC;
	o = &w->o[w->n++];
	memset(o, 0, sizeof(*o));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(o->name, sizeof(o->name), "%s",
				 mnl_attr_get_str(a));
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_PAGES)
			o->pages = smm_mnl_get_uint(a);
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_BLOCKS)
			o->blocks = smm_mnl_get_uint(a);
	}
	return 0;
}

/**
 * smm_mnl_owners_get() - the pages each owner tag holds (owner-get dump)
 * @s: the socket, its family resolved
 * @w: filled in
 *
 * Return: as smm_mnl_call(); -ECANCELED when there are more owners than
 * SMM_MNL_MAX_OWNERS.
 */
int smm_mnl_owners_get(struct smm_mnl *s, struct smm_mnl_owners *w)
{
	__u32 buf[64];

	memset(w, 0, sizeof(*w));
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					   SHADOW_MM_CMD_OWNER_GET),
			    smm_mnl_owners_part, w);
}

/* The owner @name of snapshot @w, or NULL. */
static const struct smm_mnl_owner *
smm_mnl_owner_find(const struct smm_mnl_owners *w, const char *name)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		if (!strcmp(w->o[i].name, name))
			return &w->o[i];
	return NULL;
}

/**
 * smm_mnl_owner_pages() - the pages an owner tag holds in a snapshot
 * @w: the snapshot
 * @name: the tag
 *
 * Return: its pages, 0 when the snapshot has no such owner.
 */
__u64 smm_mnl_owner_pages(const struct smm_mnl_owners *w, const char *name)
{
	const struct smm_mnl_owner *o = smm_mnl_owner_find(w, name);

	return o ? o->pages : 0;
}

/**
 * smm_mnl_owner_blocks() - the blocks an owner tag holds in a snapshot
 * @w: the snapshot
 * @name: the tag
 *
 * Return: its blocks, 0 when the snapshot has no such owner.
 */
__u64 smm_mnl_owner_blocks(const struct smm_mnl_owners *w, const char *name)
{
	const struct smm_mnl_owner *o = smm_mnl_owner_find(w, name);

	return o ? o->blocks : 0;
}

/**
 * smm_mnl_owners_differ() - the first owner whose pages differ
 * @a: one snapshot
 * @b: another
 *
 * Return: the name of an owner that holds a different number of pages
 * in @a and @b (an owner missing from one holds 0 there), NULL when every
 * owner holds the same.
 */
const char *smm_mnl_owners_differ(const struct smm_mnl_owners *a,
				  const struct smm_mnl_owners *b)
{
	unsigned int i;

	for (i = 0; i < a->n; i++)
		if (smm_mnl_owner_pages(b, a->o[i].name) != a->o[i].pages)
			return a->o[i].name;
	for (i = 0; i < b->n; i++)
		if (smm_mnl_owner_pages(a, b->o[i].name) != b->o[i].pages)
			return b->o[i].name;
	return NULL;
}

/**
 * smm_run_program() - run a program with its output going to ours
 * @argv: program and arguments, NULL-terminated; looked up in $PATH
 *
 * Return: its exit status, 128 + signal number if a signal ended it, or
 * -1 if it could not be started.
 */
int smm_run_program(char *const argv[])
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/**
 * smm_module_path() - the module file the guest loaded
 *
 * Return: $SMM_MODULE, or SMM_MODULE_FALLBACK when it is unset or empty.
 */
const char *smm_module_path(void)
{
	const char *path = getenv("SMM_MODULE");

	return path && *path ? path : SMM_MODULE_FALLBACK;
}

/**
 * smm_insmod_module() - load the module file again
 *
 * Passes on the parameters in $SMM_PARAMS (space-separated), if any, so the
 * module comes back as the guest first loaded it.
 *
 * Return: insmod's exit status, or -1 if it could not be run.
 */
int smm_insmod_module(void)
{
	const char *env = getenv("SMM_PARAMS");
	char *argv[34] = { "insmod", (char *)smm_module_path() };
	char *params = strdup(env ? env : "");
	char *save, *word;
	int argc = 2, ret;

	if (!params)
		return -1;
	for (word = strtok_r(params, " \t", &save);
	     word && argc < (int)MNL_ARRAY_SIZE(argv) - 1;
	     word = strtok_r(NULL, " \t", &save))
		argv[argc++] = word;
	argv[argc] = NULL;
	ret = smm_run_program(argv);
	free(params);
	return ret;
}
