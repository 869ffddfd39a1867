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

#include "smm_mnl.h"

#define NOBODY_ID		65534
#define OWNER			"physmem_test"
#define MAX_ZONES		(SHADOW_MM_MAX_NODES * SHADOW_MM_ZONE_TYPE_MOVABLE)
#define MAX_ORDERS		16
/* Replies are read MNL_SOCKET_BUFFER_SIZE at a time. */
#define RECV_SIZE		0x100000

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
static int world_get(struct smm_mnl *s, struct world *w)
{
	__u32 buf[64];
	int err;

	memset(w, 0, sizeof(*w));
	err = smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					  SHADOW_MM_CMD_NODE_GET),
			   node_part, w);
	if (err)
		return err;
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					   SHADOW_MM_CMD_ZONE_GET),
			    zone_part, w);
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

static int page_get(struct smm_mnl *s, __u64 pfn, struct page *p)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];
	int err;

	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN, pfn);
	err = smm_mnl_call(s, nlh, page_part, p);
	if (!err && !p->found)
		err = -EBADMSG;
	return err;
}

/*
 * PAGE_ALLOC of @count blocks of @order tagged OWNER; the pfns go to @out.
 * Return: 0 or the negative errno answered (details in @s->ans).
 */
static int page_alloc(struct smm_mnl *s, __u32 order, __u32 count,
		      struct smm_mnl_pfns *out)
{
	return smm_mnl_page_alloc(s, order, count, OWNER, out);
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
static long check_run(struct smm_mnl *s, char *first, size_t size)
{
	struct check_result r = { 0 };
	__u32 buf[64];
	int err;

	err = smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_ACK,
					  SHADOW_MM_CMD_CHECK),
			   check_part, &r);
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
static int owner_get(struct smm_mnl *s, struct owner_sum *o)
{
	__u32 buf[64];

	memset(o, 0, sizeof(*o));
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					   SHADOW_MM_CMD_OWNER_GET),
			    owner_part, o);
}

FIXTURE(phys) {
	struct smm_mnl s;
	struct world before;
};

FIXTURE_SETUP(phys)
{
	struct smm_mnl_family fam;

	smm_mnl_open_family(_metadata, &self->s, RECV_SIZE, &fam);
	if (!smm_mnl_family_op(&fam, SHADOW_MM_CMD_ZONE_GET))
		SKIP(return, "the module has no zone-get yet");
	ASSERT_EQ(0, world_get(&self->s, &self->before));
	if (!self->before.n_zones)
		SKIP(return, "no shadow memory carved");
}

FIXTURE_TEARDOWN(phys)
{
	smm_mnl_close(&self->s);
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
#define ASSERT_REFUSED(ret, err, at)	\
	ASSERT_MNL_REFUSED(&self->s, ret, err, at)

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
	struct smm_mnl_pfns out = { .pfn = pfn_buf, .max = 4 };
	struct owner_sum owner;
	struct page p;
	unsigned int order, i;
	int ret;

	for (order = 0; order <= max_order(&self->before); order++) {
		struct world w;

		ret = page_alloc(&self->s, order, 2, &out);
		if (ret == -ENOMEM) {
			TH_LOG("order %u: no two free blocks", order);
			ASSERT_UNCHANGED(before);
			continue;
		}
		ASSERT_EQ(0, ret) TH_LOG("order %u: \"%s\"", order,
					 self->s.ans.ext_msg);
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

		ASSERT_EQ(0, smm_mnl_page_free(&self->s, out.pfn, out.n))
			TH_LOG("\"%s\"", self->s.ans.ext_msg);
		ASSERT_UNCHANGED(before);
		ASSERT_EQ(0, owner_get(&self->s, &owner));
		EXPECT_EQ(0U, owner.pages);
	}
}

TEST_F(phys, bad_frees_change_nothing)
{
	__u64 before = world_free(&self->before);
	__u64 pfn_buf[2], pfns[2];
	struct smm_mnl_pfns out = { .pfn = pfn_buf, .max = 2 };
	struct page p;
	int ret;

	/* Two blocks of order 2: a head, tails, a free page. */
	ASSERT_EQ(0, page_alloc(&self->s, 2, 2, &out));
	ASSERT_EQ(2U, out.n);
	before -= 8;

	/* No pfn at all. */
	ret = smm_mnl_page_free(&self->s, out.pfn, 0);
	ASSERT_REFUSED(ret, EINVAL, -1);
	ASSERT_UNCHANGED(before);

	/* A tail page. */
	pfns[0] = out.pfn[0] + 1;
	ret = smm_mnl_page_free(&self->s, pfns, 1);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);

	/* A good pfn with a bad one: nothing freed, the bad one named. */
	pfns[0] = out.pfn[0];
	pfns[1] = out.pfn[1] + 3;
	ret = smm_mnl_page_free(&self->s, pfns, 2);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(1));
	ASSERT_UNCHANGED(before);
	ASSERT_EQ(0, page_get(&self->s, out.pfn[0], &p));
	EXPECT_STREQ(OWNER, p.owner);

	/* The same pfn twice in one request. */
	pfns[1] = out.pfn[0];
	ret = smm_mnl_page_free(&self->s, pfns, 2);
	ASSERT_REFUSED(ret, EINVAL, -1);
	ASSERT_UNCHANGED(before);

	/* A pfn outside shadow memory. */
	pfns[0] = ~0ULL;
	ret = smm_mnl_page_free(&self->s, pfns, 1);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);

	/* Free both, then the first again: twice. */
	ASSERT_EQ(0, smm_mnl_page_free(&self->s, out.pfn, 2));
	before += 8;
	ASSERT_UNCHANGED(before);
	ret = smm_mnl_page_free(&self->s, out.pfn, 1);
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
	__u32 buf[64];
	int ret;

	ASSERT_EQ(0, smm_mnl_exchange(&self->s,
				      smm_mnl_req(buf, self->s.family,
						  NLM_F_DUMP,
						  SHADOW_MM_CMD_PAGE_GET),
				      find_free_part, &f));
	ASSERT_EQ(0, self->s.ans.error);
	ASSERT_TRUE(f.found);
	ret = smm_mnl_page_free(&self->s, &f.pfn, 1);
	ASSERT_REFUSED(ret, EINVAL, pfn_offs(0));
	ASSERT_UNCHANGED(before);
}

TEST_F(phys, too_many_blocks_is_enomem)
{
	__u64 before = world_free(&self->before);
	unsigned int order = max_order(&self->before);
	struct smm_mnl_pfns out = { .pfn = NULL, .max = 0 };
	struct owner_sum owner;
	int ret;

	/* More blocks of the largest order than all of memory holds. */
	ret = page_alloc(&self->s, order, SHADOW_MM_MAX_NODES * 4096, &out);
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
	__u32 buf[64];
	unsigned int i;

	ASSERT_TRUE(!!d);
	d->w = w;
	ASSERT_EQ(0, smm_mnl_exchange(&self->s,
				      smm_mnl_req(buf, self->s.family,
						  NLM_F_DUMP,
						  SHADOW_MM_CMD_PAGE_GET),
				      dump_part, d));
	ASSERT_EQ(0, self->s.ans.error) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	TH_LOG("%lu pages in %u messages over %u reads", d->pages,
	       self->s.ans.nreplies, self->s.ans.nrecv);
	EXPECT_LT(1U, self->s.ans.nrecv);
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

static int page_dump_request(struct smm_mnl *s, bool packed, smm_mnl_cb cb,
			     void *arg, struct smm_mnl_ans *ans)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];
	int err;

	nlh = smm_mnl_req(buf, s->family, NLM_F_DUMP, SHADOW_MM_CMD_PAGE_GET);
	if (packed)
		mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	err = smm_mnl_call(s, nlh, cb, arg);
	*ans = s->ans;
	return err;
}

TEST_F(phys, packed_dump_matches_per_page_dump)
{
	__u64 before = world_free(&self->before);
	struct recs *one = calloc(1, sizeof(*one));
	struct recs *packed = calloc(1, sizeof(*packed));
	const struct world *w = &self->before;
	__u64 pfn_buf[3];
	struct smm_mnl_pfns out = { .pfn = pfn_buf, .max = 3 };
	struct smm_mnl_ans one_ans, packed_ans;
	unsigned long i, diffs = 0;
	__u32 buf[64];
	unsigned int z;

	ASSERT_TRUE(one && packed);
	/* Blocks with an owner, so that owner ids show. */
	ASSERT_EQ(0, page_alloc(&self->s, 1, 3, &out))
		TH_LOG("\"%s\"", self->s.ans.ext_msg);

	ASSERT_EQ(0, page_dump_request(&self->s, false, rec_part, one,
				       &one_ans))
		TH_LOG("\"%s\"", one_ans.ext_msg);
	ASSERT_EQ(0, smm_mnl_exchange(&self->s,
				      smm_mnl_req(buf, self->s.family,
						  NLM_F_DUMP,
						  SHADOW_MM_CMD_OWNER_GET),
				      owner_id_part, packed));
	ASSERT_EQ(0, self->s.ans.error);
	packed->walk.w = w;
	ASSERT_EQ(0, page_dump_request(&self->s, true, packed_part, packed,
				       &packed_ans))
		TH_LOG("\"%s\"", packed_ans.ext_msg);
	TH_LOG("%lu pages: %u per-page messages, %u packed over %u reads",
	       one->n, one_ans.nreplies, packed_ans.nreplies, packed_ans.nrecv);

	EXPECT_EQ(0UL, packed->bad) TH_LOG("%s", packed->why);
	EXPECT_EQ(0UL, packed->big);
	EXPECT_EQ(one->n, packed->n);
	EXPECT_GT(one->n / 64, (unsigned long)packed_ans.nreplies);
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

	ASSERT_EQ(0, smm_mnl_page_free(&self->s, out.pfn, out.n))
		TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_UNCHANGED(before);
	free(one->r);
	free(packed->r);
	free(one);
	free(packed);
}

TEST_F(phys, packed_bad_requests_get_extack)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];
	long at;
	int ret;

	/* packed in a do: only a dump takes it. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK,
			  SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN,
			 self->before.zones[0].start_pfn);
	at = nlh->nlmsg_len;
	mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	ret = smm_mnl_exchange(&self->s, nlh, NULL, NULL);
	ASSERT_EQ(0, ret);
	ASSERT_REFUSED(self->s.ans.error, EINVAL, at);

	/*
	 * packed with a pfn filter in a dump: dumps take no pfn. A dump's
	 * error carries the attribute's offset only from Linux 6.2 on.
	 */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_DUMP,
			  SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	at = nlh->nlmsg_len;
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN,
			 self->before.zones[0].start_pfn);
	ret = smm_mnl_exchange(&self->s, nlh, NULL, NULL);
	ASSERT_EQ(0, ret);
	ASSERT_REFUSED(self->s.ans.error, EINVAL, -1);
	if (self->s.ans.has_offs)
		EXPECT_EQ((__u32)at, self->s.ans.offs);

	/* A per-page array in a request: sent only, never taken. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_DUMP,
			  SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put(nlh, SHADOW_MM_A_PAGE_PACKED, 0, NULL);
	at = nlh->nlmsg_len;
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGE_COUNT, 1);
	ret = smm_mnl_exchange(&self->s, nlh, NULL, NULL);
	ASSERT_EQ(0, ret);
	ASSERT_REFUSED(self->s.ans.error, EINVAL, -1);
	if (self->s.ans.has_offs)
		EXPECT_EQ((__u32)at, self->s.ans.offs);
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
	struct smm_mnl_pfns out = { .pfn = NULL, .max = 0 };
	struct world *w;
	struct smm_mnl s;
	struct page p;

	if (setgroups(0, NULL) || setgid(NOBODY_ID) || setuid(NOBODY_ID) ||
	    getuid() != NOBODY_ID || geteuid() != NOBODY_ID)
		return UNPRIV_DROP_FAILED;
	if (smm_mnl_open(&s, RECV_SIZE, SMM_MNL_EXT_ACK))
		return UNPRIV_SOCKET_FAILED;
	s.family = family;
	w = malloc(sizeof(*w));
	if (!w || world_get(&s, w) || page_get(&s, pfn, &p))
		return UNPRIV_READ_FAILED;
	free(w);
	if (page_alloc(&s, 0, 1, &out) != -EPERM)
		return UNPRIV_ALLOC_NOT_EPERM;
	if (smm_mnl_page_free(&s, &pfn, 1) != -EPERM)
		return UNPRIV_FREE_NOT_EPERM;
	smm_mnl_close(&s);
	return UNPRIV_OK;
}

TEST_F(phys, unprivileged_reads_but_cannot_change)
{
	__u64 before = world_free(&self->before);
	__u64 pfn_buf[1];
	struct smm_mnl_pfns out = { .pfn = pfn_buf, .max = 1 };
	int status;
	pid_t pid;

	ASSERT_EQ(0, page_alloc(&self->s, 0, 1, &out));
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
	ASSERT_EQ(0, smm_mnl_page_free(&self->s, out.pfn, 1));
	ASSERT_UNCHANGED(before);
}

TEST_HARNESS_MAIN
