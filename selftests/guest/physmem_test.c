// SPDX-License-Identifier: GPL-2.0
/*
 * physmem_test - the shadow physical memory as userspace sees it: node and
 * zone dumps, page descriptors, block allocation and freeing, the
 * invariant checker, the owner dump.
 *
 * Runs inside a test guest, as root, with shadow_mm.ko loaded and memory
 * carved (e.g. size_mb=32 nodes=2). Speaks the wire protocol with libmnl,
 * independently of the smm CLI. Every step that changes the allocator is
 * followed by the checker, which must find nothing broken; every refused
 * request is checked to have changed nothing: free pages (buddy lists and
 * per-CPU lists) are counted before and after.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include <linux/shadow_mm.h>

/* The harness has an unused signal-handler argument; -Wextra would say so. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED		0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS		0x200
#endif

#define NOBODY_ID		65534
#define OWNER			"physmem_test"
#define MAX_ZONES		(SHADOW_MM_MAX_NODES * SHADOW_MM_ZONE_TYPE_MOVABLE)
#define MAX_ORDERS		16
/* Room for one request; replies are read MNL_SOCKET_BUFFER_SIZE at a time. */
#define REQ_SIZE		0x100000
#define RECV_SIZE		0x100000

/**
 * struct sock - a NETLINK_GENERIC socket with extended ACKs, the family
 * @mnl: the libmnl socket
 * @family: the shadow_mm family id
 * @seq: sequence number of the last request
 * @buf: receive buffer
 */
struct sock {
	struct mnl_socket *mnl;
	__u16 family;
	unsigned int seq;
	char *buf;
};

/**
 * struct answer - what the kernel said to one request
 * @error: 0, or the negative errno of the error (or of a failed dump)
 * @ext_msg: the extack message, "" when none
 * @has_offs: the extack pointed at an attribute
 * @offs: its offset in the request
 * @nparts: data messages received
 * @nrecv: recvmsg() calls that brought data messages (a multi-part dump
 *	takes several)
 */
struct answer {
	int error;
	char ext_msg[256];
	bool has_offs;
	__u32 offs;
	unsigned int nparts;
	unsigned int nrecv;
};

/* Called with each data message of an answer; non-zero stops reading. */
typedef int (*part_cb)(const struct nlmsghdr *nlh, void *arg);

struct zone {
	__u32 node;
	__u32 type;
	__u64 start_pfn;
	__u64 spanned;
	__u64 present;
	__u64 managed;
	__u64 free;
	__u64 pcp_pages;
	__u64 nr_free[MAX_ORDERS];
	__u64 by_type_sum[MAX_ORDERS];
	unsigned int n_orders;
};

struct node {
	__u32 id;
	__u64 start_pfn;
	__u64 spanned;
	__u64 present;
	__u64 free;
	__u32 zone_types[SHADOW_MM_ZONE_TYPE_MOVABLE];
	unsigned int n_zone_types;
	unsigned int n_distance;
};

struct world {
	struct node nodes[SHADOW_MM_MAX_NODES];
	unsigned int n_nodes;
	struct zone zones[MAX_ZONES];
	unsigned int n_zones;
};

struct page {
	bool found;
	__u64 pfn;
	__u32 node;
	__u32 zone;
	__u32 flags;
	bool has_order;
	__u32 order;
	__u32 refcount;
	char owner[64];
};

static int sock_open(struct sock *s)
{
	int one = 1;

	memset(s, 0, sizeof(*s));
	s->buf = malloc(RECV_SIZE);
	if (!s->buf)
		return -ENOMEM;
	s->mnl = mnl_socket_open(NETLINK_GENERIC);
	if (!s->mnl)
		return -errno;
	if (mnl_socket_setsockopt(s->mnl, NETLINK_EXT_ACK, &one,
				  sizeof(one)) < 0 ||
	    mnl_socket_bind(s->mnl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	s->seq = (unsigned int)getpid() << 12;
	return 0;
}

static void sock_close(struct sock *s)
{
	if (s->mnl)
		mnl_socket_close(s->mnl);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

static void read_extack(const struct nlmsghdr *nlh, size_t hdrlen,
			struct answer *ans)
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
		}
	}
}

/* An NLMSG_ERROR (error or ACK) or NLMSG_DONE (end of a dump). */
static void read_status(const struct nlmsghdr *nlh, struct answer *ans)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t hdrlen;

	if (nlh->nlmsg_type == NLMSG_DONE) {
		if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
			ans->error = *(const int *)mnl_nlmsg_get_payload(nlh);
			if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
				read_extack(nlh, sizeof(int), ans);
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
		read_extack(nlh, hdrlen, ans);
}

/**
 * exchange() - send a request and read its whole answer
 * @s: the socket
 * @req: the request; flags, sequence number and port are set here
 * @dump: ask for a dump (NLM_F_DUMP) instead of a do
 * @cb: called with each data message; NULL to only count them
 * @arg: for @cb
 * @ans: filled in
 *
 * Return: 0 when the kernel answered (its verdict in @ans->error), or a
 * negative errno when the socket failed or @cb stopped.
 */
static int exchange(struct sock *s, struct nlmsghdr *req, bool dump,
		    part_cb cb, void *arg, struct answer *ans)
{
	unsigned int portid = mnl_socket_get_portid(s->mnl);
	const struct nlmsghdr *nlh;
	bool parts_here;
	ssize_t n;
	int len;

	memset(ans, 0, sizeof(*ans));
	req->nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : NLM_F_ACK);
	req->nlmsg_seq = ++s->seq;
	req->nlmsg_pid = 0;
	if (mnl_socket_sendto(s->mnl, req, req->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		n = mnl_socket_recvfrom(s->mnl, s->buf, RECV_SIZE);
		if (n < 0)
			return -errno;
		len = (int)n;
		parts_here = false;
		for (nlh = (const struct nlmsghdr *)s->buf;
		     mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != s->seq)
				continue;
			if (nlh->nlmsg_pid != portid)
				return -EPROTO;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				read_status(nlh, ans);
				ans->nrecv += parts_here;
				return 0;
			}
			ans->nparts++;
			parts_here = true;
			if (cb && cb(nlh, arg))
				return -ECANCELED;
		}
		ans->nrecv += parts_here;
	}
}

static struct nlmsghdr *start(void *buf, __u16 family, __u8 cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(buf, 0, MNL_NLMSG_HDRLEN + sizeof(*genl));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = family;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = SHADOW_MM_FAMILY_VERSION;
	return nlh;
}

/* What CTRL_CMD_GETFAMILY told about the family. */
struct family {
	bool found;
	__u16 id;
	__u8 cmd;
	bool has_cmd;
};

static int family_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *attr, *op, *a;
	struct family *f = arg;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID) {
			f->id = mnl_attr_get_u16(attr);
			f->found = true;
		}
		if (mnl_attr_get_type(attr) != CTRL_ATTR_OPS)
			continue;
		mnl_attr_for_each_nested(op, attr)
			mnl_attr_for_each_nested(a, op)
				if (mnl_attr_get_type(a) == CTRL_ATTR_OP_ID &&
				    mnl_attr_get_u32(a) == f->cmd)
					f->has_cmd = true;
	}
	return 0;
}

/* Looks the family up; also tells whether it has @cmd. */
static int family_resolve(struct sock *s, __u8 cmd, bool *has_cmd)
{
	struct family f = { .cmd = cmd };
	struct nlmsghdr *nlh;
	struct answer ans;
	char buf[256];
	int err;

	nlh = start(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SHADOW_MM_FAMILY_NAME);
	err = exchange(s, nlh, false, family_part, &f, &ans);
	if (err)
		return err;
	if (ans.error)
		return ans.error;
	if (!f.found)
		return -EBADMSG;
	s->family = f.id;
	*has_cmd = f.has_cmd;
	return 0;
}

static __u64 attr_u64(const struct nlattr *a)
{
	return mnl_attr_get_payload_len(a) == sizeof(__u64) ?
	       mnl_attr_get_u64(a) : ~0ULL;
}

static __u32 attr_u32(const struct nlattr *a)
{
	return mnl_attr_get_payload_len(a) == sizeof(__u32) ?
	       mnl_attr_get_u32(a) : ~0U;
}

static int node_part(const struct nlmsghdr *nlh, void *arg)
{
	struct world *w = arg;
	const struct nlattr *a;
	struct node *n;

	if (w->n_nodes == SHADOW_MM_MAX_NODES)
		return -E2BIG;
	n = &w->nodes[w->n_nodes++];
	memset(n, 0, sizeof(*n));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_NODE_ID:
			n->id = attr_u32(a);
			break;
		case SHADOW_MM_A_NODE_START_PFN:
			n->start_pfn = attr_u64(a);
			break;
		case SHADOW_MM_A_NODE_SPANNED_PAGES:
			n->spanned = attr_u64(a);
			break;
		case SHADOW_MM_A_NODE_PRESENT_PAGES:
			n->present = attr_u64(a);
			break;
		case SHADOW_MM_A_NODE_FREE_PAGES:
			n->free = attr_u64(a);
			break;
		case SHADOW_MM_A_NODE_DISTANCE:
			n->n_distance++;
			break;
		case SHADOW_MM_A_NODE_ZONE_TYPE:
			if (n->n_zone_types < SHADOW_MM_ZONE_TYPE_MOVABLE)
				n->zone_types[n->n_zone_types++] = attr_u32(a);
			break;
		}
	}
	return 0;
}

static void zone_free_area(struct zone *z, const struct nlattr *nest)
{
	__u64 nr_free = 0, sum = 0;
	const struct nlattr *a;
	__u32 order = ~0U;

	mnl_attr_for_each_nested(a, nest) {
		int type = mnl_attr_get_type(a);

		if (type == SHADOW_MM_A_FREE_AREA_ORDER)
			order = attr_u32(a);
		else if (type == SHADOW_MM_A_FREE_AREA_NR_FREE)
			nr_free = attr_u64(a);
		else if (type >= SHADOW_MM_A_FREE_AREA_UNMOVABLE &&
			 type <= SHADOW_MM_A_FREE_AREA_ISOLATE)
			sum += attr_u64(a);
	}
	if (order >= MAX_ORDERS)
		return;
	z->nr_free[order] = nr_free;
	z->by_type_sum[order] = sum;
	if (order + 1 > z->n_orders)
		z->n_orders = order + 1;
}

static int zone_part(const struct nlmsghdr *nlh, void *arg)
{
	struct world *w = arg;
	const struct nlattr *a, *p;
	struct zone *z;

	if (w->n_zones == MAX_ZONES)
		return -E2BIG;
	z = &w->zones[w->n_zones++];
	memset(z, 0, sizeof(*z));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_ZONE_NODE:
			z->node = attr_u32(a);
			break;
		case SHADOW_MM_A_ZONE_TYPE:
			z->type = attr_u32(a);
			break;
		case SHADOW_MM_A_ZONE_START_PFN:
			z->start_pfn = attr_u64(a);
			break;
		case SHADOW_MM_A_ZONE_SPANNED_PAGES:
			z->spanned = attr_u64(a);
			break;
		case SHADOW_MM_A_ZONE_PRESENT_PAGES:
			z->present = attr_u64(a);
			break;
		case SHADOW_MM_A_ZONE_MANAGED_PAGES:
			z->managed = attr_u64(a);
			break;
		case SHADOW_MM_A_ZONE_FREE_PAGES:
			z->free = attr_u64(a);
			break;
		case SHADOW_MM_A_ZONE_FREE_AREA:
			zone_free_area(z, a);
			break;
		case SHADOW_MM_A_ZONE_PCP:
			mnl_attr_for_each_nested(p, a)
				if (mnl_attr_get_type(p) == SHADOW_MM_A_PCP_COUNT)
					z->pcp_pages += attr_u32(p);
			break;
		}
	}
	return 0;
}

/* Dumps every node and zone into @w. Return: 0 or a negative errno. */
static int world_get(struct sock *s, struct world *w)
{
	char buf[256];
	struct answer ans;
	int err;

	memset(w, 0, sizeof(*w));
	err = exchange(s, start(buf, s->family, SHADOW_MM_CMD_NODE_GET), true,
		       node_part, w, &ans);
	if (!err)
		err = ans.error;
	if (err)
		return err;
	err = exchange(s, start(buf, s->family, SHADOW_MM_CMD_ZONE_GET), true,
		       zone_part, w, &ans);
	return err ? err : ans.error;
}

/* Free pages of the whole shadow world: buddy lists and per-CPU lists. */
static __u64 world_free(const struct world *w)
{
	__u64 free = 0;
	unsigned int i;

	for (i = 0; i < w->n_zones; i++)
		free += w->zones[i].free + w->zones[i].pcp_pages;
	return free;
}

static int page_part(const struct nlmsghdr *nlh, void *arg)
{
	struct page *p = arg;
	const struct nlattr *a;

	memset(p, 0, sizeof(*p));
	p->found = true;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_PAGE_PFN:
			p->pfn = attr_u64(a);
			break;
		case SHADOW_MM_A_PAGE_NODE:
			p->node = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_ZONE:
			p->zone = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_FLAGS:
			p->flags = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_ORDER:
			p->has_order = true;
			p->order = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_REFCOUNT:
			p->refcount = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_OWNER:
			if (!mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				snprintf(p->owner, sizeof(p->owner), "%s",
					 mnl_attr_get_str(a));
			break;
		}
	}
	return 0;
}

static int page_get(struct sock *s, __u64 pfn, struct page *p)
{
	struct nlmsghdr *nlh;
	struct answer ans;
	char buf[256];
	int err;

	nlh = start(buf, s->family, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN, pfn);
	err = exchange(s, nlh, false, page_part, p, &ans);
	if (!err)
		err = ans.error;
	if (!err && !p->found)
		err = -EBADMSG;
	return err;
}

/* The pfns of a PAGE_ALLOC reply. */
struct pfns {
	__u64 *pfn;
	unsigned int n;
	unsigned int max;
};

static int alloc_part(const struct nlmsghdr *nlh, void *arg)
{
	struct pfns *out = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_PAGES_PFN &&
		    out->n < out->max)
			out->pfn[out->n++] = attr_u64(a);
	return 0;
}

/*
 * PAGE_ALLOC of @count blocks of @order tagged OWNER; the pfns go to @out.
 * Return: 0 or the negative errno answered (details in @ans).
 */
static int page_alloc(struct sock *s, __u32 order, __u32 count,
		      struct pfns *out, struct answer *ans)
{
	struct nlmsghdr *nlh;
	char buf[256];
	int err;

	out->n = 0;
	nlh = start(buf, s->family, SHADOW_MM_CMD_PAGE_ALLOC);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_ORDER, order);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_COUNT, count);
	mnl_attr_put_strz(nlh, SHADOW_MM_A_PAGES_OWNER, OWNER);
	err = exchange(s, nlh, false, alloc_part, out, ans);
	return err ? err : ans->error;
}

/* PAGE_FREE of @n pfns. Return: 0 or the negative errno answered. */
static int page_free(struct sock *s, const __u64 *pfn, unsigned int n,
		     struct answer *ans)
{
	struct nlmsghdr *nlh;
	unsigned int i;
	char *buf;
	int err;

	buf = malloc(REQ_SIZE);
	if (!buf)
		return -ENOMEM;
	nlh = start(buf, s->family, SHADOW_MM_CMD_PAGE_FREE);
	for (i = 0; i < n; i++)
		mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGES_PFN, pfn[i]);
	err = exchange(s, nlh, false, NULL, NULL, ans);
	free(buf);
	return err ? err : ans->error;
}

struct check_result {
	__u32 violations;
	bool has_violations;
	char first[256];
};

static int check_part(const struct nlmsghdr *nlh, void *arg)
{
	struct check_result *r = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_CHECK_VIOLATIONS) {
			r->violations = attr_u32(a);
			r->has_violations = true;
		} else if (mnl_attr_get_type(a) == SHADOW_MM_A_CHECK_MESSAGE &&
			   !r->first[0] &&
			   !mnl_attr_validate(a, MNL_TYPE_NUL_STRING)) {
			snprintf(r->first, sizeof(r->first), "%s",
				 mnl_attr_get_str(a));
		}
	}
	return 0;
}

/* Runs the checker. Return: violations, or a negative errno. */
static long check_run(struct sock *s, char *first, size_t size)
{
	struct check_result r = { 0 };
	struct answer ans;
	char buf[256];
	int err;

	err = exchange(s, start(buf, s->family, SHADOW_MM_CMD_CHECK), false,
		       check_part, &r, &ans);
	if (!err)
		err = ans.error;
	if (err)
		return err;
	if (!r.has_violations)
		return -EBADMSG;
	snprintf(first, size, "%s", r.first);
	return r.violations;
}

struct owner_sum {
	__u64 blocks;
	__u64 pages;
	bool found;
};

static int owner_part(const struct nlmsghdr *nlh, void *arg)
{
	struct owner_sum *o = arg;
	const struct nlattr *a;
	bool mine = false;
	__u64 blocks = 0, pages = 0;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_OWNER_NAME:
			mine = !mnl_attr_validate(a, MNL_TYPE_NUL_STRING) &&
			       !strcmp(mnl_attr_get_str(a), OWNER);
			break;
		case SHADOW_MM_A_OWNER_BLOCKS:
			blocks = attr_u64(a);
			break;
		case SHADOW_MM_A_OWNER_PAGES:
			pages = attr_u64(a);
			break;
		}
	}
	if (mine) {
		o->found = true;
		o->blocks = blocks;
		o->pages = pages;
	}
	return 0;
}

/* What OWNER holds, by the owner dump. Return: 0 or a negative errno. */
static int owner_get(struct sock *s, struct owner_sum *o)
{
	struct answer ans;
	char buf[256];
	int err;

	memset(o, 0, sizeof(*o));
	err = exchange(s, start(buf, s->family, SHADOW_MM_CMD_OWNER_GET), true,
		       owner_part, o, &ans);
	return err ? err : ans.error;
}

FIXTURE(phys) {
	struct sock s;
	struct world before;
	struct answer ans;
};

FIXTURE_SETUP(phys)
{
	bool has_cmd = false;
	int err;

	ASSERT_EQ(0, sock_open(&self->s));
	err = family_resolve(&self->s, SHADOW_MM_CMD_ZONE_GET, &has_cmd);
	ASSERT_EQ(0, err) TH_LOG("family %s: %s", SHADOW_MM_FAMILY_NAME,
				 strerror(-err));
	if (!has_cmd)
		SKIP(return, "the module has no zone-get yet");
	ASSERT_EQ(0, world_get(&self->s, &self->before));
	if (!self->before.n_zones)
		SKIP(return, "no shadow memory carved");
}

FIXTURE_TEARDOWN(phys)
{
	sock_close(&self->s);
}

/* The checker finds nothing broken; the free pages are still @free. */
#define ASSERT_UNCHANGED(free) do {					\
	struct world __w;						\
	char __msg[256];						\
	long __v = check_run(&self->s, __msg, sizeof(__msg));		\
									\
	ASSERT_EQ(0, __v) TH_LOG("checker: %s", __msg);			\
	ASSERT_EQ(0, world_get(&self->s, &__w));			\
	ASSERT_EQ((free), world_free(&__w));				\
} while (0)

#define ASSERT_CHECK_OK() do {						\
	char __msg[256];						\
	long __v = check_run(&self->s, __msg, sizeof(__msg));		\
									\
	ASSERT_EQ(0, __v) TH_LOG("checker: %s", __msg);			\
} while (0)

/* Refused with @err, an extack message, and (if @at >= 0) that offset. */
#define ASSERT_REFUSED(ret, err, at) do {				\
	long __at = (at);						\
									\
	TH_LOG("refused: %d \"%s\"", self->ans.error, self->ans.ext_msg); \
	ASSERT_EQ(-(err), (ret));					\
	ASSERT_NE('\0', self->ans.ext_msg[0]);				\
	if (__at >= 0) {						\
		ASSERT_TRUE(self->ans.has_offs);			\
		ASSERT_EQ((__u32)__at, self->ans.offs);			\
	}								\
} while (0)

/* Offset of the @i-th pfn attribute of a PAGE_FREE request. */
static long pfn_offs(unsigned int i)
{
	return MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN) +
	       i * MNL_ALIGN(MNL_ATTR_HDRLEN + sizeof(__u64));
}

TEST_F(phys, dumps_are_consistent)
{
	const struct world *w = &self->before;
	unsigned int i, j, order;

	ASSERT_LT(0U, w->n_nodes);
	for (i = 0; i < w->n_nodes; i++) {
		const struct node *n = &w->nodes[i];
		__u64 present = 0, free = 0;
		unsigned int zones = 0;

		EXPECT_EQ(i, n->id);
		EXPECT_EQ(w->n_nodes, n->n_distance);
		EXPECT_LE(n->present, n->spanned);
		EXPECT_LE(n->free, n->present);
		for (j = 0; j < w->n_zones; j++) {
			const struct zone *z = &w->zones[j];

			if (z->node != n->id)
				continue;
			present += z->present;
			free += z->free;
			if (z->present) {
				EXPECT_LE(n->start_pfn, z->start_pfn);
				EXPECT_LE(z->start_pfn + z->spanned,
					  n->start_pfn + n->spanned);
			}
			ASSERT_GT(n->n_zone_types, zones);
			EXPECT_EQ(n->zone_types[zones], z->type);
			zones++;
		}
		EXPECT_EQ(n->n_zone_types, zones);
		EXPECT_EQ(n->present, present) TH_LOG("node %u", n->id);
		EXPECT_EQ(n->free, free) TH_LOG("node %u", n->id);
	}

	for (j = 0; j < w->n_zones; j++) {
		const struct zone *z = &w->zones[j];
		__u64 free = 0;

		TH_LOG("node %u zone %u: spanned %llu present %llu managed %llu free %llu pcp %llu",
		       z->node, z->type, (unsigned long long)z->spanned,
		       (unsigned long long)z->present,
		       (unsigned long long)z->managed,
		       (unsigned long long)z->free,
		       (unsigned long long)z->pcp_pages);
		EXPECT_LE(z->free, z->managed);
		EXPECT_LE(z->managed, z->present);
		EXPECT_LE(z->present, z->spanned);
		for (order = 0; order < z->n_orders; order++) {
			free += z->nr_free[order] << order;
			EXPECT_EQ(z->nr_free[order], z->by_type_sum[order]);
		}
		EXPECT_EQ(z->free, free);
	}
	ASSERT_CHECK_OK();
}

/* The largest order any zone has a free list for. */
static unsigned int max_order(const struct world *w)
{
	unsigned int i, orders = 0;

	for (i = 0; i < w->n_zones; i++)
		if (w->zones[i].n_orders > orders)
			orders = w->zones[i].n_orders;
	return orders ? orders - 1 : 0;
}

TEST_F(phys, alloc_and_free_each_order)
{
	__u64 before = world_free(&self->before);
	__u64 pfn_buf[4];
	struct pfns out = { .pfn = pfn_buf, .max = 4 };
	struct owner_sum owner;
	struct page p;
	unsigned int order, i;
	int ret;

	for (order = 0; order <= max_order(&self->before); order++) {
		struct world w;

		ret = page_alloc(&self->s, order, 2, &out, &self->ans);
		if (ret == -ENOMEM) {
			TH_LOG("order %u: no two free blocks", order);
			ASSERT_UNCHANGED(before);
			continue;
		}
		ASSERT_EQ(0, ret) TH_LOG("order %u: \"%s\"", order,
					 self->ans.ext_msg);
		ASSERT_EQ(2U, out.n);
		ASSERT_NE(out.pfn[0], out.pfn[1]);

		ASSERT_CHECK_OK();
		ASSERT_EQ(0, world_get(&self->s, &w));
		ASSERT_EQ(before - (2ULL << order), world_free(&w));
		ASSERT_EQ(0, owner_get(&self->s, &owner));
		ASSERT_TRUE(owner.found);
		EXPECT_EQ(2U, owner.blocks);
		EXPECT_EQ(2ULL << order, owner.pages);

		for (i = 0; i < out.n; i++) {
			EXPECT_EQ(0ULL, out.pfn[i] & ((1ULL << order) - 1))
				TH_LOG("pfn %#llx of order %u",
				       (unsigned long long)out.pfn[i], order);
			ASSERT_EQ(0, page_get(&self->s, out.pfn[i], &p));
			EXPECT_EQ(out.pfn[i], p.pfn);
			EXPECT_STREQ(OWNER, p.owner);
			EXPECT_TRUE(p.has_order);
			EXPECT_EQ(order, p.order);
			EXPECT_LE(1U, p.refcount);
			EXPECT_EQ(0U, p.flags & (SHADOW_MM_PAGE_FLAGS_BUDDY |
						 SHADOW_MM_PAGE_FLAGS_PCP |
						 SHADOW_MM_PAGE_FLAGS_TAIL |
						 SHADOW_MM_PAGE_FLAGS_RESERVED));
		}

		ASSERT_EQ(0, page_free(&self->s, out.pfn, out.n, &self->ans))
			TH_LOG("\"%s\"", self->ans.ext_msg);
		ASSERT_UNCHANGED(before);
		ASSERT_EQ(0, owner_get(&self->s, &owner));
		EXPECT_EQ(0U, owner.pages);
	}
}

TEST_F(phys, bad_frees_change_nothing)
{
	__u64 before = world_free(&self->before);
	__u64 pfn_buf[2], pfns[2];
	struct pfns out = { .pfn = pfn_buf, .max = 2 };
	struct page p;
	int ret;

	/* Two blocks of order 2: a head, tails, a free page. */
	ASSERT_EQ(0, page_alloc(&self->s, 2, 2, &out, &self->ans));
	ASSERT_EQ(2U, out.n);
	before -= 8;

	/* No pfn at all. */
	ret = page_free(&self->s, out.pfn, 0, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, -1);
	ASSERT_UNCHANGED(before);

	/* A tail page. */
	pfns[0] = out.pfn[0] + 1;
	ret = page_free(&self->s, pfns, 1, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);

	/* A good pfn with a bad one: nothing freed, the bad one named. */
	pfns[0] = out.pfn[0];
	pfns[1] = out.pfn[1] + 3;
	ret = page_free(&self->s, pfns, 2, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(1));
	ASSERT_UNCHANGED(before);
	ASSERT_EQ(0, page_get(&self->s, out.pfn[0], &p));
	EXPECT_STREQ(OWNER, p.owner);

	/* The same pfn twice in one request. */
	pfns[1] = out.pfn[0];
	ret = page_free(&self->s, pfns, 2, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, -1);
	ASSERT_UNCHANGED(before);

	/* A pfn outside shadow memory. */
	pfns[0] = ~0ULL;
	ret = page_free(&self->s, pfns, 1, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);

	/* Free both, then the first again: twice. */
	ASSERT_EQ(0, page_free(&self->s, out.pfn, 2, &self->ans));
	before += 8;
	ASSERT_UNCHANGED(before);
	ret = page_free(&self->s, out.pfn, 1, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);
}

/* A page the allocator holds free, never handed out by this test. */
struct free_finder {
	__u64 pfn;
	bool found;
};

static int find_free_part(const struct nlmsghdr *nlh, void *arg)
{
	struct free_finder *f = arg;
	struct page p;

	if (f->found)
		return 0;
	page_part(nlh, &p);
	if (p.flags & SHADOW_MM_PAGE_FLAGS_BUDDY) {
		f->pfn = p.pfn;
		f->found = true;
	}
	return 0;
}

TEST_F(phys, free_of_a_free_page_is_refused)
{
	__u64 before = world_free(&self->before);
	struct free_finder f = { 0 };
	char buf[256];
	int ret;

	ASSERT_EQ(0, exchange(&self->s,
			      start(buf, self->s.family,
				    SHADOW_MM_CMD_PAGE_GET),
			      true, find_free_part, &f, &self->ans));
	ASSERT_EQ(0, self->ans.error);
	ASSERT_TRUE(f.found);
	ret = page_free(&self->s, &f.pfn, 1, &self->ans);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);
}

TEST_F(phys, too_many_blocks_is_enomem)
{
	__u64 before = world_free(&self->before);
	unsigned int order = max_order(&self->before);
	struct pfns out = { .pfn = NULL, .max = 0 };
	struct owner_sum owner;
	int ret;

	/* More blocks of the largest order than all of memory holds. */
	ret = page_alloc(&self->s, order, SHADOW_MM_MAX_NODES * 4096, &out,
			 &self->ans);
	ASSERT_REFUSED(ret, ENOMEM, -1);
	ASSERT_UNCHANGED(before);
	ASSERT_EQ(0, owner_get(&self->s, &owner));
	EXPECT_EQ(0U, owner.pages);
}

/* Walks a full page dump: pfns in order, each once, the buddy's sums. */
struct dump_walk {
	const struct world *w;
	__u64 last;
	bool any;
	unsigned long pages;
	unsigned long dups;
	unsigned long outside;
	__u64 buddy_pages[MAX_ZONES];
	__u64 in_span[MAX_ZONES];
};

static void dump_walk_page(struct dump_walk *d, const struct page *p)
{
	unsigned int i;
	bool inside = false;

	if (d->any && p->pfn <= d->last)
		d->dups++;
	d->last = p->pfn;
	d->any = true;
	d->pages++;
	for (i = 0; i < d->w->n_zones; i++) {
		const struct zone *z = &d->w->zones[i];

		/* Spans of zones of other nodes may interleave. */
		if (p->pfn < z->start_pfn ||
		    p->pfn >= z->start_pfn + z->spanned ||
		    p->node != z->node || p->zone != z->type)
			continue;
		inside = true;
		d->in_span[i]++;
		if (p->flags & SHADOW_MM_PAGE_FLAGS_BUDDY)
			d->buddy_pages[i] += 1ULL << p->order;
	}
	if (!inside && !(p->flags & SHADOW_MM_PAGE_FLAGS_RESERVED))
		d->outside++;
}

static int dump_part(const struct nlmsghdr *nlh, void *arg)
{
	struct page p;

	page_part(nlh, &p);
	dump_walk_page(arg, &p);
	return 0;
}

TEST_F(phys, page_dump_covers_every_page_once)
{
	struct dump_walk *d = calloc(1, sizeof(*d));
	const struct world *w = &self->before;
	char buf[256];
	unsigned int i;

	ASSERT_TRUE(!!d);
	d->w = w;
	ASSERT_EQ(0, exchange(&self->s,
			      start(buf, self->s.family,
				    SHADOW_MM_CMD_PAGE_GET),
			      true, dump_part, d, &self->ans));
	ASSERT_EQ(0, self->ans.error) TH_LOG("\"%s\"", self->ans.ext_msg);
	TH_LOG("%lu pages in %u messages over %u reads", d->pages,
	       self->ans.nparts, self->ans.nrecv);
	EXPECT_LT(1U, self->ans.nrecv);
	EXPECT_EQ(0UL, d->dups);
	EXPECT_EQ(0UL, d->outside);
	for (i = 0; i < w->n_zones; i++) {
		const struct zone *z = &w->zones[i];

		EXPECT_LE(z->present, d->in_span[i]) TH_LOG("zone %u", i);
		EXPECT_EQ(z->free, d->buddy_pages[i]) TH_LOG("zone %u", i);
	}
	free(d);
}

/*
 * Every field of a page as a dump gives it; has_* say whether the
 * per-page form sent the attribute (the packed form: whether its flags
 * and refcount make the element meaningful, or it is not 0).
 */
struct rec {
	__u64 pfn;
	__u32 node;
	__u32 zone;
	__u32 flags;
	bool has_order;
	__u32 order;
	__u32 refcount;
	__u32 mapcount;
	bool has_mt;
	__u32 mt;
	char owner[32];
};

/* What the two dumps of packed_dump_matches_per_page_dump collect. */
struct recs {
	struct rec *r;
	unsigned long n;
	unsigned long max;
	/* The owner dump's names by id. */
	char names[256][32];
	/* Packed: messages malformed, messages above 1024 pages. */
	unsigned long bad;
	unsigned long big;
	const char *why;
	struct dump_walk walk;
};

static struct rec *recs_add(struct recs *c)
{
	struct rec *grown;

	if (c->n == c->max) {
		c->max = c->max ? 2 * c->max : 4096;
		grown = realloc(c->r, c->max * sizeof(*grown));
		if (!grown)
			return NULL;
		c->r = grown;
	}
	memset(&c->r[c->n], 0, sizeof(c->r[0]));
	return &c->r[c->n++];
}

static int owner_id_part(const struct nlmsghdr *nlh, void *arg)
{
	struct recs *c = arg;
	const struct nlattr *a;
	const char *name = NULL;
	__u32 id = 0;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			name = mnl_attr_get_str(a);
		else if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_ID)
			id = attr_u32(a);
	}
	if (name && id && id < 256)
		snprintf(c->names[id], sizeof(c->names[id]), "%s", name);
	return 0;
}

static int rec_part(const struct nlmsghdr *nlh, void *arg)
{
	struct recs *c = arg;
	const struct nlattr *a;
	struct rec *r = recs_add(c);

	if (!r)
		return -ENOMEM;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_PAGE_PFN:
			r->pfn = attr_u64(a);
			break;
		case SHADOW_MM_A_PAGE_NODE:
			r->node = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_ZONE:
			r->zone = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_FLAGS:
			r->flags = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_ORDER:
			r->has_order = true;
			r->order = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_REFCOUNT:
			r->refcount = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_MAPCOUNT:
			r->mapcount = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_MIGRATETYPE:
			r->has_mt = true;
			r->mt = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_OWNER:
			if (!mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				snprintf(r->owner, sizeof(r->owner), "%s",
					 mnl_attr_get_str(a));
			break;
		}
	}
	return 0;
}

/* An array attribute of a packed message: @size-byte elements. */
struct packed_array {
	int type;
	size_t size;
	const void *data;
	bool found;
};

static __u32 packed_elem(const struct packed_array *pa, __u32 i)
{
	__u16 v16;

	if (pa->size == 1)
		return ((const __u8 *)pa->data)[i];
	memcpy(&v16, (const char *)pa->data + 2 * i, sizeof(v16));
	return v16;
}

static int packed_part(const struct nlmsghdr *nlh, void *arg)
{
	enum { FL, ORD, REF, MAP, OWN, MT, N_ARRAYS };
	struct packed_array pa[N_ARRAYS] = {
		{ .type = SHADOW_MM_A_PAGE_FLAGS_ARRAY, .size = 2 },
		{ .type = SHADOW_MM_A_PAGE_ORDER_ARRAY, .size = 1 },
		{ .type = SHADOW_MM_A_PAGE_REFCOUNT_ARRAY, .size = 2 },
		{ .type = SHADOW_MM_A_PAGE_MAPCOUNT_ARRAY, .size = 1 },
		{ .type = SHADOW_MM_A_PAGE_OWNER_ARRAY, .size = 2 },
		{ .type = SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY, .size = 1 },
	};
	const __u32 free_flags = SHADOW_MM_PAGE_FLAGS_BUDDY |
				 SHADOW_MM_PAGE_FLAGS_PCP;
	struct recs *c = arg;
	const struct nlattr *a;
	__u32 count = 0, node = ~0U, zone = ~0U, i, k, own;
	bool has_count = false, has_pfn = false;
	__u64 pfn = 0;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		int type = mnl_attr_get_type(a);

		switch (type) {
		case SHADOW_MM_A_PAGE_PFN:
			pfn = attr_u64(a);
			has_pfn = true;
			break;
		case SHADOW_MM_A_PAGE_NODE:
			node = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_ZONE:
			zone = attr_u32(a);
			break;
		case SHADOW_MM_A_PAGE_COUNT:
			count = attr_u32(a);
			has_count = true;
			break;
		case SHADOW_MM_A_PAGE_FLAGS:
		case SHADOW_MM_A_PAGE_ORDER:
		case SHADOW_MM_A_PAGE_REFCOUNT:
		case SHADOW_MM_A_PAGE_MAPCOUNT:
		case SHADOW_MM_A_PAGE_OWNER:
		case SHADOW_MM_A_PAGE_MIGRATETYPE:
			c->why = "a per-page attribute in a packed message";
			c->bad++;
			return 0;
		}
		for (k = 0; k < N_ARRAYS; k++) {
			if (type != pa[k].type)
				continue;
			pa[k].found = true;
			pa[k].data = mnl_attr_get_payload(a);
		}
	}
	if (!has_count || !has_pfn || !count) {
		c->why = "no count, no pfn, or count 0";
		c->bad++;
		return 0;
	}
	for (k = 0; k < N_ARRAYS; k++) {
		if (!pa[k].found) {
			c->why = "an array is missing";
			c->bad++;
			return 0;
		}
	}
	/* Lengths once count is known, wherever it came. */
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		for (k = 0; k < N_ARRAYS; k++)
			if (mnl_attr_get_type(a) == pa[k].type &&
			    mnl_attr_get_payload_len(a) != count * pa[k].size) {
				c->why = "an array's length is not count's";
				c->bad++;
				return 0;
			}
	if (count > 1024)
		c->big++;
	for (i = 0; i < count; i++) {
		struct rec *r = recs_add(c);
		struct page p = { .found = true };

		if (!r)
			return -ENOMEM;
		r->pfn = pfn + i;
		r->node = node;
		r->zone = zone;
		r->flags = packed_elem(&pa[FL], i);
		r->refcount = packed_elem(&pa[REF], i);
		r->mapcount = packed_elem(&pa[MAP], i);
		r->mt = packed_elem(&pa[MT], i);
		r->has_mt = r->mt != 0;
		r->has_order = r->flags & (free_flags |
					   SHADOW_MM_PAGE_FLAGS_HEAD) ||
			       (r->refcount &&
				!(r->flags & (free_flags |
					      SHADOW_MM_PAGE_FLAGS_TAIL |
					      SHADOW_MM_PAGE_FLAGS_RESERVED)));
		r->order = packed_elem(&pa[ORD], i);
		if (!r->has_order && r->order) {
			c->why = "an order where none is meaningful";
			c->bad++;
		}
		if (!r->has_order)
			r->order = 0;
		own = packed_elem(&pa[OWN], i);
		if (own)
			snprintf(r->owner, sizeof(r->owner), "%s",
				 own < 256 && c->names[own][0] ?
				 c->names[own] : "?");
		p.pfn = r->pfn;
		p.node = r->node;
		p.zone = r->zone;
		p.flags = r->flags;
		p.order = r->order;
		dump_walk_page(&c->walk, &p);
	}
	return 0;
}

static int page_dump_request(struct sock *s, bool packed, part_cb cb,
			     void *arg, struct answer *ans)
{
	struct nlmsghdr *nlh;
	char buf[256];
	int err;

	nlh = start(buf, s->family, SHADOW_MM_CMD_PAGE_GET);
	if (packed)
		mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	err = exchange(s, nlh, true, cb, arg, ans);
	return err ? err : ans->error;
}

TEST_F(phys, packed_dump_matches_per_page_dump)
{
	__u64 before = world_free(&self->before);
	struct recs *one = calloc(1, sizeof(*one));
	struct recs *packed = calloc(1, sizeof(*packed));
	const struct world *w = &self->before;
	__u64 pfn_buf[3];
	struct pfns out = { .pfn = pfn_buf, .max = 3 };
	struct answer one_ans, packed_ans;
	unsigned long i, diffs = 0;
	char buf[256];
	unsigned int z;

	ASSERT_TRUE(one && packed);
	/* Blocks with an owner, so that owner ids show. */
	ASSERT_EQ(0, page_alloc(&self->s, 1, 3, &out, &self->ans))
		TH_LOG("\"%s\"", self->ans.ext_msg);

	ASSERT_EQ(0, page_dump_request(&self->s, false, rec_part, one,
				       &one_ans))
		TH_LOG("\"%s\"", one_ans.ext_msg);
	ASSERT_EQ(0, exchange(&self->s,
			      start(buf, self->s.family,
				    SHADOW_MM_CMD_OWNER_GET),
			      true, owner_id_part, packed, &self->ans));
	ASSERT_EQ(0, self->ans.error);
	packed->walk.w = w;
	ASSERT_EQ(0, page_dump_request(&self->s, true, packed_part, packed,
				       &packed_ans))
		TH_LOG("\"%s\"", packed_ans.ext_msg);
	TH_LOG("%lu pages: %u per-page messages, %u packed over %u reads",
	       one->n, one_ans.nparts, packed_ans.nparts, packed_ans.nrecv);

	EXPECT_EQ(0UL, packed->bad) TH_LOG("%s", packed->why);
	EXPECT_EQ(0UL, packed->big);
	EXPECT_EQ(one->n, packed->n);
	EXPECT_GT(one->n / 64, (unsigned long)packed_ans.nparts);
	for (i = 0; i < one->n && i < packed->n; i++) {
		const struct rec *a = &one->r[i], *b = &packed->r[i];

		if (a->pfn == b->pfn && a->node == b->node &&
		    a->zone == b->zone && a->flags == b->flags &&
		    a->has_order == b->has_order && a->order == b->order &&
		    a->refcount == b->refcount &&
		    a->mapcount == b->mapcount && a->has_mt == b->has_mt &&
		    a->mt == b->mt && !strcmp(a->owner, b->owner))
			continue;
		if (!diffs++)
			TH_LOG("pfn %#llx: per-page flags %#x order %d:%u ref %u map %u mt %u owner '%s'; packed pfn %#llx flags %#x order %d:%u ref %u map %u mt %u owner '%s'",
			       (unsigned long long)a->pfn, a->flags,
			       a->has_order, a->order, a->refcount,
			       a->mapcount, a->mt, a->owner,
			       (unsigned long long)b->pfn, b->flags,
			       b->has_order, b->order, b->refcount,
			       b->mapcount, b->mt, b->owner);
	}
	EXPECT_EQ(0UL, diffs);

	/* The packed dump covers every present page once. */
	EXPECT_EQ(0UL, packed->walk.dups);
	EXPECT_EQ(0UL, packed->walk.outside);
	for (z = 0; z < w->n_zones; z++)
		EXPECT_LE(w->zones[z].present, packed->walk.in_span[z])
			TH_LOG("zone %u", z);
	for (i = 0; i < out.n; i++) {
		unsigned long j;

		for (j = 0; j < packed->n; j++)
			if (packed->r[j].pfn == out.pfn[i])
				break;
		ASSERT_GT(packed->n, j);
		EXPECT_STREQ(OWNER, packed->r[j].owner);
	}

	ASSERT_EQ(0, page_free(&self->s, out.pfn, out.n, &self->ans))
		TH_LOG("\"%s\"", self->ans.ext_msg);
	ASSERT_UNCHANGED(before);
	free(one->r);
	free(packed->r);
	free(one);
	free(packed);
}

TEST_F(phys, packed_bad_requests_get_extack)
{
	struct nlmsghdr *nlh;
	char buf[256];
	long at;
	int ret;

	/* packed in a do: only a dump takes it. */
	nlh = start(buf, self->s.family, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN,
			 self->before.zones[0].start_pfn);
	at = nlh->nlmsg_len;
	mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	ret = exchange(&self->s, nlh, false, NULL, NULL, &self->ans);
	ASSERT_EQ(0, ret);
	ASSERT_REFUSED(self->ans.error, EINVAL, at);

	/*
	 * packed with a pfn filter in a dump: dumps take no pfn. A dump's
	 * error carries the attribute's offset only from Linux 6.2 on.
	 */
	nlh = start(buf, self->s.family, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	at = nlh->nlmsg_len;
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN,
			 self->before.zones[0].start_pfn);
	ret = exchange(&self->s, nlh, true, NULL, NULL, &self->ans);
	ASSERT_EQ(0, ret);
	ASSERT_REFUSED(self->ans.error, EINVAL, -1);
	if (self->ans.has_offs)
		EXPECT_EQ((__u32)at, self->ans.offs);

	/* A per-page array in a request: sent only, never taken. */
	nlh = start(buf, self->s.family, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	at = nlh->nlmsg_len;
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGE_COUNT, 1);
	ret = exchange(&self->s, nlh, true, NULL, NULL, &self->ans);
	ASSERT_EQ(0, ret);
	ASSERT_REFUSED(self->ans.error, EINVAL, -1);
	if (self->ans.has_offs)
		EXPECT_EQ((__u32)at, self->ans.offs);
}

/* Exit codes of unprivileged_child(). */
enum {
	UNPRIV_OK,
	UNPRIV_DROP_FAILED,
	UNPRIV_SOCKET_FAILED,
	UNPRIV_READ_FAILED,
	UNPRIV_ALLOC_NOT_EPERM,
	UNPRIV_FREE_NOT_EPERM,
};

static int unprivileged_child(__u16 family, __u64 pfn)
{
	struct pfns out = { .pfn = NULL, .max = 0 };
	struct answer ans;
	struct world *w;
	struct sock s;
	struct page p;

	if (setgroups(0, NULL) || setgid(NOBODY_ID) || setuid(NOBODY_ID) ||
	    getuid() != NOBODY_ID || geteuid() != NOBODY_ID)
		return UNPRIV_DROP_FAILED;
	if (sock_open(&s))
		return UNPRIV_SOCKET_FAILED;
	s.family = family;
	w = malloc(sizeof(*w));
	if (!w || world_get(&s, w) || page_get(&s, pfn, &p))
		return UNPRIV_READ_FAILED;
	free(w);
	if (page_alloc(&s, 0, 1, &out, &ans) != -EPERM)
		return UNPRIV_ALLOC_NOT_EPERM;
	if (page_free(&s, &pfn, 1, &ans) != -EPERM)
		return UNPRIV_FREE_NOT_EPERM;
	sock_close(&s);
	return UNPRIV_OK;
}

TEST_F(phys, unprivileged_reads_but_cannot_change)
{
	__u64 before = world_free(&self->before);
	__u64 pfn_buf[1];
	struct pfns out = { .pfn = pfn_buf, .max = 1 };
	int status;
	pid_t pid;

	ASSERT_EQ(0, page_alloc(&self->s, 0, 1, &out, &self->ans));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(unprivileged_child(self->s.family, out.pfn[0]));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(UNPRIV_OK, WEXITSTATUS(status));

	/* The block nobody tried to free is still allocated. */
	ASSERT_UNCHANGED(before - 1);
	ASSERT_EQ(0, page_free(&self->s, out.pfn, 1, &self->ans));
	ASSERT_UNCHANGED(before);
}

TEST_HARNESS_MAIN
