// SPDX-License-Identifier: GPL-2.0
/*
 * pt_test - shadow address spaces as userspace sees them: create, map,
 * walk, touch, protect, unmap and destroy, in every page-table format on
 * whatever host this runs (a shadow space's format need not be the
 * host's), with bad input refused and nothing leaked.
 *
 * Runs inside a test guest, as root, with shadow_mm.ko loaded. Speaks the
 * wire protocol with libmnl, independently of the smm CLI. Page-table
 * pages and the pages of "pages" and "demand" regions come from the
 * shadow allocator under the owner tags "pgtable" and "as-page": the owner
 * dump is how every test sees that nothing leaked, and that a refused
 * request allocated nothing.
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
#define OWNER			"pt_test"
#define OWNER_PGTABLE		"pgtable"
#define OWNER_AS_PAGE		"as-page"
#define RECV_SIZE		0x100000
#define PAGE_SZ			4096ULL
#define KIB			1024ULL
#define MIB			(1024 * KIB)
/* Where the tests map: inside the smallest address space (32 bits). */
#define BASE			0x40000000ULL
#define MAX_REGIONS		64

#define PROT_R			SHADOW_MM_PROT_READ
#define PROT_W			SHADOW_MM_PROT_WRITE
#define PROT_X			SHADOW_MM_PROT_EXEC
#define PROT_U			SHADOW_MM_PROT_USER
#define PROT_RW			(PROT_R | PROT_W)

/*
 * Descriptor bits the touch tests look at, from the manuals:
 * Intel SDM vol 3A 4.5 tables 4-15..4-20: A is bit 5, D bit 6 (leaves).
 * ARM ARM v7-AR B3.6.2 and ARMv8-A D8.3 (stage 1 attributes): AF is bit
 * 10, AP[2] (read-only) bit 7.
 * ARM ARM v7-AR B3.5.1, short-descriptor small page: AP[2] (APX) is bit 9.
 */
#define X86_A			(1ULL << 5)
#define X86_D			(1ULL << 6)
#define LONG_AF			(1ULL << 10)
#define LONG_AP2		(1ULL << 7)
#define ARM_APX			(1ULL << 9)

/* A format at a depth, and what the manual says its shape is. */
FIXTURE_VARIANT(as) {
	__u32 format;
	__u32 levels;
	__u32 va_bits;
	__u32 desc_size;
	/*
	 * The smallest block a "pages" map writes, its level and order, and
	 * the least a map must cover to get blocks (arm's sections come in
	 * pairs, a whole 2 MiB Linux pmd).
	 */
	__u64 block;
	__u32 block_level;
	__u32 block_order;
	__u64 block_map;
};

/* Shift and index bits of @level (ARM ARM B3.5, B3.6; ARMv8 D8; SDM 4.5). */
static void level_shape(const FIXTURE_VARIANT(as) *v, unsigned int level,
			__u32 *shift, __u32 *bits)
{
	if (v->format == SHADOW_MM_PT_FORMAT_ARM) {
		/* L1: VA[31:20], 4096 entries; L2: VA[19:12], 256. */
		*shift = level ? 12 : 20;
		*bits = level ? 8 : 12;
	} else if (v->format == SHADOW_MM_PT_FORMAT_ARM_LPAE) {
		/* 32-bit input: first level VA[31:30], 4 entries. */
		*shift = 12 + 9 * (v->levels - 1 - level);
		*bits = level ? 9 : 2;
	} else {
		*shift = 12 + 9 * (v->levels - 1 - level);
		*bits = 9;
	}
}

/* Output-address bits of a descriptor of @kind at @level. */
static __u64 out_mask(const FIXTURE_VARIANT(as) *v, __u32 kind)
{
	switch (v->format) {
	case SHADOW_MM_PT_FORMAT_ARM:
		/* Page table base [31:10]; small page [31:12]. */
		return kind == SHADOW_MM_ENTRY_KIND_TABLE ? 0xfffffc00ULL :
							    0xfffff000ULL;
	case SHADOW_MM_PT_FORMAT_ARM_LPAE:
		return 0x000000fffffff000ULL;	/* [39:12] */
	case SHADOW_MM_PT_FORMAT_ARM64:
		return 0x0000fffffffff000ULL;	/* [47:12] */
	default:
		return 0x000ffffffffff000ULL;	/* [51:12] */
	}
}

static bool is_arm(const FIXTURE_VARIANT(as) *v)
{
	return v->format == SHADOW_MM_PT_FORMAT_ARM;
}

static bool is_x86(const FIXTURE_VARIANT(as) *v)
{
	return v->format == SHADOW_MM_PT_FORMAT_X86_64;
}

/* arm-lpae and arm64: the access flag faults, AP[2] guards clean pages. */
static bool is_long(const FIXTURE_VARIANT(as) *v)
{
	return v->format == SHADOW_MM_PT_FORMAT_ARM_LPAE ||
	       v->format == SHADOW_MM_PT_FORMAT_ARM64;
}

/* Pages held by the owners the tests watch. */
struct usage {
	__u64 pgtable;
	__u64 as_page;
	__u64 mine;
};

static int usage_part(const struct nlmsghdr *nlh, void *arg)
{
	struct usage *u = arg;
	const struct nlattr *a;
	const char *name = "";
	__u64 pages = 0;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			name = mnl_attr_get_str(a);
		else if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_PAGES)
			pages = mnl_attr_get_u64(a);
	}
	if (!strcmp(name, OWNER_PGTABLE))
		u->pgtable = pages;
	else if (!strcmp(name, OWNER_AS_PAGE))
		u->as_page = pages;
	else if (!strcmp(name, OWNER))
		u->mine = pages;
	return 0;
}

static int usage_get(struct smm_mnl *s, struct usage *u)
{
	__u32 buf[64];

	memset(u, 0, sizeof(*u));
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					   SHADOW_MM_CMD_OWNER_GET),
			    usage_part, u);
}

struct region {
	__u64 va;
	__u64 len;
	__u32 prot;
	__u32 kind;
	__u64 pfn;
};

/* An as-new or as-get reply. */
struct as_info {
	bool has[SHADOW_MM_A_AS_MAX + 1];
	unsigned int nreplies;
	__u32 id;
	__u32 format;
	__u32 levels;
	__u32 va_bits;
	__u64 root;
	__u32 table_pages;
	__u64 mapped_bytes;
	__u64 mair;
	unsigned int nregions;
	struct region region[MAX_REGIONS];
};

static void region_read(const struct nlattr *nest, struct region *r)
{
	const struct nlattr *a;

	memset(r, 0, sizeof(*r));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_REGION_VA:
			r->va = mnl_attr_get_u64(a);
			break;
		case SHADOW_MM_A_REGION_LEN:
			r->len = mnl_attr_get_u64(a);
			break;
		case SHADOW_MM_A_REGION_PROT:
			r->prot = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_REGION_KIND:
			r->kind = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_REGION_PFN:
			r->pfn = mnl_attr_get_u64(a);
			break;
		}
	}
}

static void as_info_read(const struct nlmsghdr *nlh, struct as_info *info)
{
	const struct nlattr *a;
	int type;

	memset(info, 0, sizeof(*info));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		type = mnl_attr_get_type(a);
		if (type > SHADOW_MM_A_AS_MAX)
			continue;
		info->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_AS_ID:
			info->id = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_AS_FORMAT:
			info->format = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_AS_LEVELS:
			info->levels = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_AS_VA_BITS:
			info->va_bits = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_AS_ROOT:
			info->root = mnl_attr_get_u64(a);
			break;
		case SHADOW_MM_A_AS_TABLE_PAGES:
			info->table_pages = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_AS_MAPPED_BYTES:
			info->mapped_bytes = mnl_attr_get_u64(a);
			break;
		case SHADOW_MM_A_AS_MAIR:
			info->mair = mnl_attr_get_u64(a);
			break;
		case SHADOW_MM_A_AS_REGION:
			if (info->nregions < MAX_REGIONS)
				region_read(a, &info->region[info->nregions]);
			info->nregions++;
			break;
		}
	}
}

static int as_info_part(const struct nlmsghdr *nlh, void *arg)
{
	struct as_info *info = arg;
	unsigned int n = info->nreplies;

	if (n)
		return -EBADMSG;
	as_info_read(nlh, info);
	info->nreplies = n + 1;
	return 0;
}

/* as-new; @levels and @mair are sent when not 0. */
static int as_new(struct smm_mnl *s, __u32 format, __u32 levels, __u64 mair,
		  struct as_info *info)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	memset(info, 0, sizeof(*info));
	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_AS_NEW);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_FORMAT, format);
	if (levels)
		mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_LEVELS, levels);
	if (mair)
		mnl_attr_put_u64(nlh, SHADOW_MM_A_AS_MAIR, mair);
	return smm_mnl_call(s, nlh, as_info_part, info);
}

static int as_get(struct smm_mnl *s, __u32 id, struct as_info *info)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];
	int err;

	memset(info, 0, sizeof(*info));
	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_AS_GET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_ID, id);
	err = smm_mnl_call(s, nlh, as_info_part, info);
	if (!err && info->nreplies != 1)
		err = -EBADMSG;
	return err;
}

static int as_del(struct smm_mnl *s, __u32 id)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_AS_DEL);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_ID, id);
	return smm_mnl_call(s, nlh, NULL, NULL);
}

/* The ids of every address space, by the as-get dump. */
struct as_ids {
	__u32 id[SHADOW_MM_MAX_AS + 8];
	unsigned int n;
};

static int as_ids_part(const struct nlmsghdr *nlh, void *arg)
{
	struct as_ids *ids = arg;
	struct as_info *info = malloc(sizeof(*info));

	if (!info)
		return -ENOMEM;
	as_info_read(nlh, info);
	if (ids->n < SHADOW_MM_MAX_AS + 8)
		ids->id[ids->n++] = info->id;
	free(info);
	return 0;
}

static int as_list(struct smm_mnl *s, struct as_ids *ids)
{
	__u32 buf[64];

	memset(ids, 0, sizeof(*ids));
	return smm_mnl_call(s, smm_mnl_req(buf, s->family, NLM_F_DUMP,
					   SHADOW_MM_CMD_AS_GET),
			    as_ids_part, ids);
}

/*
 * A map, unmap or protect request; attributes that are 0 (false) are not
 * sent, except va and len (and prot with @send_prot); unmap takes no prot.
 */
struct map_req {
	__u32 as;
	__u64 va;
	__u64 len;
	__u32 prot;
	bool send_prot;
	bool has_pfn;
	__u64 pfn;
	bool demand;
	bool small;
};

/* Offsets of the attributes of a built request, 0 when not sent. */
struct map_offs {
	__u32 as, va, len, prot, pfn, demand;
};

/* The reply of map, unmap and protect. */
struct map_stats {
	bool any;
	__u32 tables;
	__u32 blocks;
	__u32 pages;
};

static int map_stats_part(const struct nlmsghdr *nlh, void *arg)
{
	struct map_stats *st = arg;
	const struct nlattr *a;

	st->any = true;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_MAP_TABLES:
			st->tables = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_MAP_BLOCKS:
			st->blocks = mnl_attr_get_u32(a);
			break;
		case SHADOW_MM_A_MAP_PAGES:
			st->pages = mnl_attr_get_u32(a);
			break;
		}
	}
	return 0;
}

static struct nlmsghdr *map_build(void *buf, __u16 family, __u8 cmd,
				  const struct map_req *r, struct map_offs *o)
{
	struct nlmsghdr *nlh;

	memset(o, 0, sizeof(*o));
	nlh = smm_mnl_req(buf, family, NLM_F_ACK, cmd);
	o->as = nlh->nlmsg_len;
	mnl_attr_put_u32(nlh, SHADOW_MM_A_MAP_AS, r->as);
	o->va = nlh->nlmsg_len;
	mnl_attr_put_u64(nlh, SHADOW_MM_A_MAP_VA, r->va);
	o->len = nlh->nlmsg_len;
	mnl_attr_put_u64(nlh, SHADOW_MM_A_MAP_LEN, r->len);
	if (cmd != SHADOW_MM_CMD_AS_UNMAP && (r->prot || r->send_prot)) {
		o->prot = nlh->nlmsg_len;
		mnl_attr_put_u32(nlh, SHADOW_MM_A_MAP_PROT, r->prot);
	}
	if (r->has_pfn) {
		o->pfn = nlh->nlmsg_len;
		mnl_attr_put_u64(nlh, SHADOW_MM_A_MAP_PFN, r->pfn);
	}
	if (r->demand) {
		o->demand = nlh->nlmsg_len;
		mnl_attr_put(nlh, SHADOW_MM_A_MAP_DEMAND, 0, NULL);
	}
	if (r->small)
		mnl_attr_put(nlh, SHADOW_MM_A_MAP_SMALL, 0, NULL);
	return nlh;
}

/* as-map, as-unmap or as-protect (@cmd) of @r; @o may be NULL. */
static int map_call(struct smm_mnl *s, __u8 cmd, const struct map_req *r,
		    struct map_stats *st, struct map_offs *o)
{
	struct map_offs offs;
	struct map_stats dummy;
	__u32 buf[64];

	if (!st)
		st = &dummy;
	memset(st, 0, sizeof(*st));
	return smm_mnl_call(s, map_build(buf, s->family, cmd, r, o ? o : &offs),
			    map_stats_part, st);
}

static int as_map(struct smm_mnl *s, __u32 as, __u64 va, __u64 len,
		  __u32 prot, struct map_stats *st)
{
	struct map_req r = { .as = as, .va = va, .len = len, .prot = prot };

	return map_call(s, SHADOW_MM_CMD_AS_MAP, &r, st, NULL);
}

static int as_unmap(struct smm_mnl *s, __u32 as, __u64 va, __u64 len,
		    struct map_stats *st)
{
	struct map_req r = { .as = as, .va = va, .len = len };

	return map_call(s, SHADOW_MM_CMD_AS_UNMAP, &r, st, NULL);
}

static int as_protect(struct smm_mnl *s, __u32 as, __u64 va, __u64 len,
		      __u32 prot)
{
	struct map_req r = { .as = as, .va = va, .len = len, .prot = prot,
			     .send_prot = true };

	return map_call(s, SHADOW_MM_CMD_AS_PROTECT, &r, NULL, NULL);
}

/* as-touch; the reply goes to @t. */
static int as_touch(struct smm_mnl *s, __u32 as, __u64 va, __u32 access,
		    bool user, struct smm_mnl_walk *t)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	memset(t, 0, sizeof(*t));
	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_AS_TOUCH);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_AS, as);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, va);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_ACCESS, access);
	if (user)
		mnl_attr_put(nlh, SHADOW_MM_A_WALK_USER, 0, NULL);
	return smm_mnl_call(s, nlh, smm_mnl_walk_part, t);
}

/* walk of @va in address space @as. */
static int as_walk(struct smm_mnl *s, __u32 as, __u64 va,
		   struct smm_mnl_walk *w)
{
	return smm_mnl_walk(s, SHADOW_MM_A_WALK_AS, as, va, w);
}

/* The owner of the shadow page @pfn, by page-get. */
struct page_owner {
	bool found;
	char owner[64];
};

static int page_owner_part(const struct nlmsghdr *nlh, void *arg)
{
	struct page_owner *p = arg;
	const struct nlattr *a;

	p->found = true;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_PAGE_OWNER &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(p->owner, sizeof(p->owner), "%s",
				 mnl_attr_get_str(a));
	return 0;
}

static int page_owner_get(struct smm_mnl *s, __u64 pfn, struct page_owner *p)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	memset(p, 0, sizeof(*p));
	nlh = smm_mnl_req(buf, s->family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN, pfn);
	return smm_mnl_call(s, nlh, page_owner_part, p);
}

FIXTURE(as) {
	struct smm_mnl s;
	struct smm_mnl_status st;
	/* Owner usage before the fixture's address space was created. */
	struct usage base;
	/* The fixture's address space, as as-new answered. */
	struct as_info info;
	__u32 id;
};

FIXTURE_VARIANT_ADD(as, arm_2) {
	.format = SHADOW_MM_PT_FORMAT_ARM, .levels = 2, .va_bits = 32,
	.desc_size = 4, .block = 1 * MIB, .block_level = 0, .block_order = 8,
	.block_map = 2 * MIB,
};

FIXTURE_VARIANT_ADD(as, arm_lpae_3) {
	.format = SHADOW_MM_PT_FORMAT_ARM_LPAE, .levels = 3, .va_bits = 32,
	.desc_size = 8, .block = 2 * MIB, .block_level = 1, .block_order = 9,
	.block_map = 2 * MIB,
};

FIXTURE_VARIANT_ADD(as, arm64_3) {
	.format = SHADOW_MM_PT_FORMAT_ARM64, .levels = 3, .va_bits = 39,
	.desc_size = 8, .block = 2 * MIB, .block_level = 1, .block_order = 9,
	.block_map = 2 * MIB,
};

FIXTURE_VARIANT_ADD(as, arm64_4) {
	.format = SHADOW_MM_PT_FORMAT_ARM64, .levels = 4, .va_bits = 48,
	.desc_size = 8, .block = 2 * MIB, .block_level = 2, .block_order = 9,
	.block_map = 2 * MIB,
};

FIXTURE_VARIANT_ADD(as, x86_64_4) {
	.format = SHADOW_MM_PT_FORMAT_X86_64, .levels = 4, .va_bits = 48,
	.desc_size = 8, .block = 2 * MIB, .block_level = 2, .block_order = 9,
	.block_map = 2 * MIB,
};

FIXTURE_VARIANT_ADD(as, x86_64_5) {
	.format = SHADOW_MM_PT_FORMAT_X86_64, .levels = 5, .va_bits = 57,
	.desc_size = 8, .block = 2 * MIB, .block_level = 3, .block_order = 9,
	.block_map = 2 * MIB,
};

FIXTURE_SETUP(as)
{
	struct smm_mnl_family fam;
	int err;

	smm_mnl_open_family(_metadata, &self->s, RECV_SIZE, &fam);
	ASSERT_TRUE(!!smm_mnl_family_op(&fam, SHADOW_MM_CMD_AS_NEW))
		TH_LOG("the module has no as-new op");
	ASSERT_EQ(0, smm_mnl_status_get(&self->s, &self->st));
	ASSERT_EQ(0, usage_get(&self->s, &self->base));
	err = as_new(&self->s, variant->format, variant->levels, 0,
		     &self->info);
	ASSERT_EQ(0, err) TH_LOG("as-new: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	ASSERT_EQ(1U, self->info.nreplies);
	ASSERT_TRUE(self->info.has[SHADOW_MM_A_AS_ID]);
	self->id = self->info.id;
}

FIXTURE_TEARDOWN(as)
{
	if (self->id && as_del(&self->s, self->id))
		TH_LOG("as-del %u: \"%s\"", self->id, self->s.ans.ext_msg);
	smm_mnl_close(&self->s);
}

/* Refused with -@err and an extack message; at offset @at if @at >= 0. */
#define ASSERT_REFUSED(ret, err, at)	\
	ASSERT_MNL_REFUSED(&self->s, ret, err, at)

/* Owner usage @u and @tables page-table pages more: an empty space's. */
static struct usage with_tables(struct usage u, __u32 tables)
{
	u.pgtable += tables;
	return u;
}

/* Owner usage is still @u. */
#define ASSERT_USAGE(u) do {						\
	struct usage __now;						\
									\
	ASSERT_EQ(0, usage_get(&self->s, &__now));			\
	ASSERT_EQ((u).pgtable, __now.pgtable);				\
	ASSERT_EQ((u).as_page, __now.as_page);				\
	ASSERT_EQ((u).mine, __now.mine);				\
} while (0)

/* Checks what every walk of @va must show, mapped or not. */
static void check_walk_shape(struct __test_metadata *_metadata,
			     const FIXTURE_VARIANT(as) *v,
			     const struct smm_mnl_walk *w, __u64 va)
{
	unsigned int i;
	__u32 shift, bits;

	ASSERT_TRUE(!w->bad) TH_LOG("%s", w->bad);
	ASSERT_EQ(1U, w->nreplies);
	ASSERT_EQ(va, w->va);
	ASSERT_EQ(v->format, w->format);
	ASSERT_EQ(v->levels, w->levels);
	ASSERT_LE(1U, w->nlevels);
	ASSERT_GE(v->levels, w->nlevels);
	for (i = 0; i < w->nlevels; i++) {
		const struct smm_mnl_walk_level *l = &w->level[i];

		level_shape(v, i, &shift, &bits);
		ASSERT_EQ(i, l->level);
		ASSERT_NE('\0', l->name[0]);
		ASSERT_EQ(shift, l->shift) TH_LOG("level %u", i);
		ASSERT_EQ(bits, l->bits) TH_LOG("level %u", i);
		ASSERT_EQ((va >> shift) & ((1ULL << bits) - 1), l->index)
			TH_LOG("level %u: va %#llx", i, (unsigned long long)va);
		ASSERT_TRUE(l->has[SHADOW_MM_A_WALK_LEVEL_RAW]);
		ASSERT_TRUE(l->has[SHADOW_MM_A_WALK_LEVEL_TABLE]);
		ASSERT_EQ(l->table + (__u64)l->index * v->desc_size,
			  l->desc_addr) TH_LOG("level %u", i);
		if (l->kind != SHADOW_MM_ENTRY_KIND_INVALID)
			ASSERT_LT(0U, l->nfields) TH_LOG("level %u", i);
		if (i + 1 < w->nlevels) {
			ASSERT_EQ((__u32)SHADOW_MM_ENTRY_KIND_TABLE, l->kind);
			ASSERT_EQ(l->addr, w->level[i + 1].table);
			ASSERT_EQ(l->addr, l->raw & out_mask(v, l->kind))
				TH_LOG("level %u raw %#llx", i,
				       (unsigned long long)l->raw);
		}
	}
	/* The root is the space's root. */
	ASSERT_TRUE(w->level[0].table != 0);
}

/*
 * Checks a walk of @va that must be mapped by a leaf of @size bytes to a
 * page of shadow memory owned by @owner (NULL: pa is not shadow memory).
 */
static void check_mapped(struct __test_metadata *_metadata,
			 const FIXTURE_VARIANT(as) *v,
			 const struct smm_mnl_walk *w, __u64 va, __u64 size,
			 const char *owner)
{
	const struct smm_mnl_walk_level *leaf;
	__u32 kind = size == PAGE_SZ ? SHADOW_MM_ENTRY_KIND_PAGE :
				       SHADOW_MM_ENTRY_KIND_BLOCK;

	check_walk_shape(_metadata, v, w, va);
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PA])
		TH_LOG("va %#llx: fault %u at level %u",
		       (unsigned long long)va, w->fault, w->fault_level);
	ASSERT_FALSE(w->has[SHADOW_MM_A_WALK_FAULT]);
	leaf = &w->level[w->nlevels - 1];
	ASSERT_EQ(kind, leaf->kind);
	ASSERT_EQ(size, w->size);
	ASSERT_EQ(size, leaf->size);
	ASSERT_EQ(va & (size - 1), w->pa & (size - 1));
	ASSERT_EQ(w->pa & ~(size - 1), leaf->addr);
	ASSERT_EQ(w->pa & ~(size - 1),
		  leaf->raw & out_mask(v, kind) & ~(size - 1))
		TH_LOG("raw %#llx", (unsigned long long)leaf->raw);
	ASSERT_EQ(kind == SHADOW_MM_ENTRY_KIND_PAGE ? v->levels :
		  v->block_level + 1, w->nlevels);
	if (is_arm(v) && kind == SHADOW_MM_ENTRY_KIND_PAGE) {
		/* The Linux PTE maps the same page as the hardware one. */
		ASSERT_TRUE(leaf->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]);
		ASSERT_EQ(w->pa & ~(PAGE_SZ - 1), leaf->raw_linux & 0xfffff000);
	} else {
		ASSERT_FALSE(leaf->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]);
	}
	if (owner) {
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PAGE_OWNER])
			TH_LOG("pa %#llx", (unsigned long long)w->pa);
		ASSERT_STREQ(owner, w->page_owner);
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PAGE_ZONE]);
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PAGE_NODE]);
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PAGE_REFCOUNT]);
		ASSERT_LT(0U, w->page_refcount);
	} else {
		ASSERT_FALSE(w->has[SHADOW_MM_A_WALK_PAGE_OWNER]);
	}
}

/* Checks a walk of @va that must not be mapped. */
static void check_unmapped(struct __test_metadata *_metadata,
			   const FIXTURE_VARIANT(as) *v,
			   const struct smm_mnl_walk *w, __u64 va)
{
	check_walk_shape(_metadata, v, w, va);
	ASSERT_FALSE(w->has[SHADOW_MM_A_WALK_PA]);
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_FAULT]);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, w->fault);
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_FAULT_LEVEL]);
	ASSERT_EQ(w->nlevels - 1, w->fault_level);
	ASSERT_EQ((__u32)SHADOW_MM_ENTRY_KIND_INVALID,
		  w->level[w->nlevels - 1].kind);
}

/*
 * Makes @va young where a new mapping is old and invalid for the
 * hardware (arm: Linux keeps the hardware PTE empty until young), so
 * that it walks as mapped. Elsewhere a walk sees a new mapping as it is.
 */
static void make_young(struct __test_metadata *_metadata,
		       FIXTURE_DATA(as) *self, const FIXTURE_VARIANT(as) *v,
		       __u64 va)
{
	struct smm_mnl_walk t;

	if (!is_arm(v))
		return;
	ASSERT_EQ(0, as_touch(&self->s, self->id, va, SHADOW_MM_ACCESS_READ,
			      false, &t)) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_TRUE(t.has[SHADOW_MM_A_WALK_PA]);
}

TEST_F(as, create_shows_shape)
{
	const struct as_info *n = &self->info;
	struct page_owner p;
	struct as_info info;
	struct usage now;

	ASSERT_EQ(variant->format, n->format);
	ASSERT_EQ(variant->levels, n->levels);
	ASSERT_EQ(variant->va_bits, n->va_bits);
	ASSERT_TRUE(n->has[SHADOW_MM_A_AS_ROOT]);
	ASSERT_LE(1U, n->table_pages);
	ASSERT_EQ(0ULL, n->mapped_bytes);
	ASSERT_EQ(0U, n->nregions);
	/* ARM ARM B3.5.4: TTBR0 holds a 16 KiB-aligned 16 KiB table. */
	if (is_arm(variant)) {
		ASSERT_EQ(4U, n->table_pages);
		ASSERT_EQ(0ULL, n->root & (16 * KIB - 1));
	} else {
		ASSERT_EQ(1U, n->table_pages);
		ASSERT_EQ(0ULL, n->root & (PAGE_SZ - 1));
	}
	if (is_long(variant))
		ASSERT_TRUE(n->has[SHADOW_MM_A_AS_MAIR] && n->mair);

	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(self->id, info.id);
	ASSERT_EQ(n->format, info.format);
	ASSERT_EQ(n->levels, info.levels);
	ASSERT_EQ(n->va_bits, info.va_bits);
	ASSERT_EQ(n->root, info.root);
	ASSERT_EQ(n->table_pages, info.table_pages);

	/* The page tables are shadow pages, under their owner tag. */
	ASSERT_EQ(0, usage_get(&self->s, &now));
	ASSERT_EQ(self->base.pgtable + n->table_pages, now.pgtable);
	ASSERT_EQ(self->base.as_page, now.as_page);
	ASSERT_EQ(0, page_owner_get(&self->s, n->root / PAGE_SZ, &p));
	ASSERT_STREQ(OWNER_PGTABLE, p.owner);
}

TEST_F(as, map_pages_walk_every_page)
{
	const __u64 va = BASE + 0x10000, len = 64 * KIB;
	__u64 pa[16];
	struct map_stats st;
	struct smm_mnl_walk w;
	struct as_info info;
	struct usage now;
	unsigned int i, j;
	int err;

	err = as_map(&self->s, self->id, va, len, PROT_RW, &st);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_TRUE(st.any);
	ASSERT_EQ(16U, st.pages);
	ASSERT_EQ(0U, st.blocks);
	ASSERT_LE(1U, st.tables);

	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(len, info.mapped_bytes);
	ASSERT_EQ(self->info.table_pages + st.tables, info.table_pages);
	ASSERT_EQ(1U, info.nregions);
	ASSERT_EQ(va, info.region[0].va);
	ASSERT_EQ(len, info.region[0].len);
	ASSERT_EQ((__u32)PROT_RW, info.region[0].prot);
	ASSERT_EQ((__u32)SHADOW_MM_REGION_KIND_PAGES, info.region[0].kind);
	ASSERT_EQ(0, usage_get(&self->s, &now));
	ASSERT_EQ(self->base.pgtable + info.table_pages, now.pgtable);
	ASSERT_EQ(self->base.as_page + 16, now.as_page);

	for (i = 0; i < 16; i++) {
		__u64 at = va + i * PAGE_SZ + 0x123;

		if (is_arm(variant)) {
			const struct smm_mnl_walk_level *pte;

			/*
			 * A new page is old: its hardware PTE is empty and
			 * the Linux PTE beside it holds the page.
			 */
			ASSERT_EQ(0, as_walk(&self->s, self->id, at, &w));
			check_unmapped(_metadata, variant, &w, at);
			ASSERT_EQ(2U, w.nlevels);
			pte = &w.level[1];
			ASSERT_EQ(0ULL, pte->raw);
			ASSERT_TRUE(pte->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]);
			ASSERT_NE(0ULL, pte->raw_linux & 0xfffff000);
			make_young(_metadata, self, variant, at);
		}
		ASSERT_EQ(0, as_walk(&self->s, self->id, at, &w))
			TH_LOG("\"%s\"", self->s.ans.ext_msg);
		check_mapped(_metadata, variant, &w, at, PAGE_SZ,
			     OWNER_AS_PAGE);
		/* Clean until written: read-only for the hardware on ARM. */
		ASSERT_EQ(is_x86(variant) ? (__u32)PROT_RW : (__u32)PROT_R,
			  w.prot);
		pa[i] = w.pa & ~(PAGE_SZ - 1);
		for (j = 0; j < i; j++)
			ASSERT_NE(pa[j], pa[i]);
	}

	/* Below and above the range: nothing. */
	ASSERT_EQ(0, as_walk(&self->s, self->id, va - PAGE_SZ, &w));
	check_unmapped(_metadata, variant, &w, va - PAGE_SZ);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va + len, &w));
	check_unmapped(_metadata, variant, &w, va + len);

	ASSERT_EQ(0, as_unmap(&self->s, self->id, va, len, &st));
	ASSERT_EQ(16U, st.pages);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(0ULL, info.mapped_bytes);
	ASSERT_EQ(0U, info.nregions);
	/* Tables left empty went back: only the root stays. */
	ASSERT_EQ(self->info.table_pages, info.table_pages);
	ASSERT_USAGE(with_tables(self->base, self->info.table_pages));
}

TEST_F(as, block_and_small)
{
	const __u64 blk = variant->block, len = variant->block_map;
	const __u64 va = 8 * len, small_va = 16 * len;
	struct map_req r = { .as = self->id, .va = small_va, .len = len,
			     .prot = PROT_RW, .small = true };
	struct map_stats st;
	struct smm_mnl_walk w;
	__u64 off;
	int err;

	if (self->st.max_order < variant->block_order)
		SKIP(return, "the shadow allocator's max order %u is below %u",
		     self->st.max_order, variant->block_order);

	err = as_map(&self->s, self->id, va, len, PROT_RW, &st);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(len / blk, st.blocks) TH_LOG("no free block of order %u?",
					       variant->block_order);
	ASSERT_EQ(0U, st.pages);
	for (off = 0; off < len; off += blk / 4) {
		make_young(_metadata, self, variant, va + off);
		ASSERT_EQ(0, as_walk(&self->s, self->id, va + off, &w));
		check_mapped(_metadata, variant, &w, va + off, blk,
			     OWNER_AS_PAGE);
		ASSERT_EQ(w.pa - off % blk, w.level[w.nlevels - 1].addr);
	}

	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, &st, NULL);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(0U, st.blocks);
	ASSERT_EQ(len / PAGE_SZ, st.pages);
	for (off = 0; off < len; off += blk / 4) {
		make_young(_metadata, self, variant, small_va + off);
		ASSERT_EQ(0, as_walk(&self->s, self->id, small_va + off, &w));
		check_mapped(_metadata, variant, &w, small_va + off, PAGE_SZ,
			     OWNER_AS_PAGE);
	}

	/* Unmapping half a block is refused: it would split it. */
	err = as_unmap(&self->s, self->id, va, blk / 2, NULL);
	ASSERT_REFUSED(err, EINVAL, -1);
	ASSERT_EQ(0, as_unmap(&self->s, self->id, va, len, &st));
	ASSERT_EQ(len / blk, st.blocks);
	ASSERT_EQ(0, as_unmap(&self->s, self->id, small_va, len, &st));
	ASSERT_EQ(len / PAGE_SZ, st.pages);
	ASSERT_USAGE(with_tables(self->base, self->info.table_pages));
}

TEST_F(as, pfn_mapping)
{
	const __u64 va = BASE + 0x200000;
	struct map_req r = { .as = self->id, .va = va, .len = 4 * PAGE_SZ,
			     .prot = PROT_R, .has_pfn = true };
	struct map_stats st;
	struct smm_mnl_walk w;
	__u64 pfn[16];
	struct smm_mnl_pfns out = { .pfn = pfn, .max = ARRAY_SIZE(pfn) };
	struct as_info info;
	struct usage now;
	unsigned int i;
	int err;

	/* Four frames of shadow memory, allocated by this test. */
	ASSERT_EQ(0, smm_mnl_page_alloc(&self->s, 2, 1, OWNER, &out))
		TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(1U, out.n);
	r.pfn = out.pfn[0];
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, &st, NULL);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(4U, st.pages);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(1U, info.nregions);
	ASSERT_EQ((__u32)SHADOW_MM_REGION_KIND_PFN, info.region[0].kind);
	ASSERT_EQ(out.pfn[0], info.region[0].pfn);
	/* The frames are the caller's: no page is allocated for them. */
	ASSERT_EQ(0, usage_get(&self->s, &now));
	ASSERT_EQ(self->base.as_page, now.as_page);

	for (i = 0; i < 4; i++) {
		__u64 at = va + i * PAGE_SZ + 8;

		make_young(_metadata, self, variant, at);
		ASSERT_EQ(0, as_walk(&self->s, self->id, at, &w));
		check_mapped(_metadata, variant, &w, at, PAGE_SZ, OWNER);
		ASSERT_EQ(((out.pfn[0] + i) << 12) + 8, w.pa);
	}
	ASSERT_EQ(0, as_unmap(&self->s, self->id, va, 4 * PAGE_SZ, &st));
	ASSERT_EQ(4U, st.pages);
	/* Unmapping gave nothing back: the frames are still the test's. */
	ASSERT_EQ(0, usage_get(&self->s, &now));
	ASSERT_EQ(self->base.mine + 4, now.mine);
	ASSERT_EQ(0, smm_mnl_page_free(&self->s, out.pfn, 1));

	/* Any frame maps, shadow memory or not: pfn 0x100 is not. */
	r.pfn = 0x100;
	r.len = PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, &st, NULL);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	make_young(_metadata, self, variant, va);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va, &w));
	check_mapped(_metadata, variant, &w, va, PAGE_SZ, NULL);
	ASSERT_EQ(0x100000ULL, w.pa);
	ASSERT_EQ(0, as_unmap(&self->s, self->id, va, PAGE_SZ, NULL));
	ASSERT_USAGE(with_tables(self->base, self->info.table_pages));
}

/* The raw leaf of a walk that must have reached one. */
static __u64 leaf_raw(const struct smm_mnl_walk *w)
{
	return w->nlevels ? w->level[w->nlevels - 1].raw : 0;
}

/* Touch @va_: the access must complete; the reply goes to @t_. */
#define TOUCH_OK(va_, access_, user_, t_) do {				\
	int __err = as_touch(&self->s, self->id, (va_), (access_),	\
			     (user_), (t_));				\
									\
	ASSERT_EQ(0, __err) TH_LOG("\"%s\"", self->s.ans.ext_msg);	\
	ASSERT_TRUE(!(t_)->bad);					\
	ASSERT_TRUE((t_)->has[SHADOW_MM_A_WALK_PA])			\
		TH_LOG("fault %u level %u fixup %u", (t_)->fault,	\
		       (t_)->fault_level, (t_)->fixup);			\
	ASSERT_EQ((__u64)(va_), (t_)->va);				\
} while (0)

/* Touch @t_ raised @fault_ at @level_; the kernel did @fixup_ (0: none). */
#define ASSERT_FAULT(t_, fault_, level_, fixup_) do {			\
	ASSERT_TRUE((t_)->has[SHADOW_MM_A_WALK_FAULT]);			\
	ASSERT_EQ((__u32)(fault_), (t_)->fault);			\
	ASSERT_TRUE((t_)->has[SHADOW_MM_A_WALK_FAULT_LEVEL]);		\
	ASSERT_EQ((__u32)(level_), (t_)->fault_level);			\
	if (fixup_) {							\
		ASSERT_TRUE((t_)->has[SHADOW_MM_A_WALK_FIXUP]);		\
		ASSERT_EQ((__u32)(fixup_), (t_)->fixup);		\
	} else {							\
		ASSERT_FALSE((t_)->has[SHADOW_MM_A_WALK_FIXUP]);	\
	}								\
} while (0)

#define ASSERT_NO_FAULT(t_) do {					\
	ASSERT_FALSE((t_)->has[SHADOW_MM_A_WALK_FAULT])			\
		TH_LOG("fault %u", (t_)->fault);			\
	ASSERT_FALSE((t_)->has[SHADOW_MM_A_WALK_FIXUP]);		\
} while (0)

/*
 * The first touch @t of an old page, a read or a write: x86 sets A in
 * the PTE itself (SDM 4.8), no fault; arm-lpae and arm64 fault on AF
 * (ARMv8 D8.4.1), arm finds the hardware PTE empty (a translation fault),
 * and Linux makes the page young.
 */
static void check_first_touch(struct __test_metadata *_metadata,
			      const FIXTURE_VARIANT(as) *v,
			      const struct smm_mnl_walk *t)
{
	if (is_x86(v)) {
		ASSERT_NO_FAULT(t);
		return;
	}
	ASSERT_FAULT(t, is_long(v) ? SHADOW_MM_FAULT_ACCESS_FLAG :
				     SHADOW_MM_FAULT_TRANSLATION,
		     v->levels - 1, SHADOW_MM_FIXUP_SET_YOUNG);
}

TEST_F(as, touch_read_then_write)
{
	const unsigned int pte = variant->levels - 1;
	struct smm_mnl_walk t, w;
	const __u64 va = BASE;
	__u64 raw, mask, want;

	ASSERT_EQ(0, as_map(&self->s, self->id, va, 4 * PAGE_SZ, PROT_RW,
			    NULL)) TH_LOG("\"%s\"", self->s.ans.ext_msg);

	/* A new page is old and clean. */
	TOUCH_OK(va, SHADOW_MM_ACCESS_READ, false, &t);
	ASSERT_EQ((__u32)SHADOW_MM_ACCESS_READ, t.access);
	check_first_touch(_metadata, variant, &t);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va, &w));
	check_mapped(_metadata, variant, &w, va, PAGE_SZ, OWNER_AS_PAGE);
	ASSERT_EQ(w.pa, t.pa);
	raw = leaf_raw(&w);
	if (is_x86(variant)) {
		const struct smm_mnl_pt_field *f;

		ASSERT_EQ(X86_A, raw & (X86_A | X86_D));
		f = smm_mnl_walk_field(&w.level[pte], "A");
		ASSERT_TRUE(!!f);
		ASSERT_EQ(1ULL, f->value);
	} else if (is_long(variant)) {
		ASSERT_EQ(LONG_AF | LONG_AP2, raw & (LONG_AF | LONG_AP2));
	} else {
		ASSERT_EQ(ARM_APX, raw & ARM_APX);
	}
	ASSERT_EQ(is_x86(variant) ? (__u32)PROT_RW : (__u32)PROT_R, w.prot);

	/* A second read: nothing to do anywhere. */
	TOUCH_OK(va, SHADOW_MM_ACCESS_READ, false, &t);
	ASSERT_NO_FAULT(&t);

	/* A first write: dirty by hardware on x86, by a fault on ARM. */
	TOUCH_OK(va, SHADOW_MM_ACCESS_WRITE, false, &t);
	if (is_x86(variant)) {
		ASSERT_NO_FAULT(&t);
	} else {
		ASSERT_FAULT(&t, SHADOW_MM_FAULT_PERMISSION, pte,
			     SHADOW_MM_FIXUP_SET_DIRTY);
	}
	ASSERT_EQ(0, as_walk(&self->s, self->id, va, &w));
	check_mapped(_metadata, variant, &w, va, PAGE_SZ, OWNER_AS_PAGE);
	/* Young and dirty: A and D set; AF set, AP[2] clear; APX clear. */
	if (is_x86(variant)) {
		mask = X86_A | X86_D;
		want = mask;
	} else if (is_long(variant)) {
		mask = LONG_AF | LONG_AP2;
		want = LONG_AF;
	} else {
		mask = ARM_APX;
		want = 0;
	}
	ASSERT_EQ(want, leaf_raw(&w) & mask);
	ASSERT_EQ((__u32)PROT_RW, w.prot);

	TOUCH_OK(va, SHADOW_MM_ACCESS_WRITE, false, &t);
	ASSERT_NO_FAULT(&t);

	/* The other pages were not touched: still old. */
	ASSERT_EQ(0, as_walk(&self->s, self->id, va + PAGE_SZ, &w));
	if (is_arm(variant)) {
		check_unmapped(_metadata, variant, &w, va + PAGE_SZ);
	} else {
		check_mapped(_metadata, variant, &w, va + PAGE_SZ, PAGE_SZ,
			     OWNER_AS_PAGE);
		raw = leaf_raw(&w);
		ASSERT_EQ(0ULL, raw & (is_x86(variant) ? X86_A : LONG_AF));
	}
}

TEST_F(as, touch_write_first)
{
	struct smm_mnl_walk t, w;
	const __u64 va = BASE + 0x3000;

	ASSERT_EQ(0, as_map(&self->s, self->id, BASE, 16 * PAGE_SZ, PROT_RW,
			    NULL)) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	/*
	 * A write to an old clean page: on x86 no fault; on ARM the first
	 * fault (access flag, ARMv8 D8.? priority over permission; arm: the
	 * empty PTE) is reported with its fixup, and the write completes.
	 */
	TOUCH_OK(va, SHADOW_MM_ACCESS_WRITE, false, &t);
	check_first_touch(_metadata, variant, &t);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va, &w));
	check_mapped(_metadata, variant, &w, va, PAGE_SZ, OWNER_AS_PAGE);
	ASSERT_EQ((__u32)PROT_RW, w.prot);
	ASSERT_EQ(w.pa, t.pa);
	TOUCH_OK(va, SHADOW_MM_ACCESS_WRITE, false, &t);
	ASSERT_NO_FAULT(&t);
}

TEST_F(as, touch_demand)
{
	const __u64 va = BASE + 0x100000, len = 4 * PAGE_SZ;
	struct map_req r = { .as = self->id, .va = va, .len = len,
			     .prot = PROT_RW | PROT_U, .demand = true };
	struct smm_mnl_walk t, w;
	struct map_stats st;
	struct as_info info;
	struct usage before, now;
	int err;

	ASSERT_EQ(0, usage_get(&self->s, &before));
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, &st, NULL);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(0U, st.pages);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(1U, info.nregions);
	ASSERT_EQ((__u32)SHADOW_MM_REGION_KIND_DEMAND, info.region[0].kind);
	ASSERT_EQ(0ULL, info.mapped_bytes);
	ASSERT_EQ(0, usage_get(&self->s, &now));
	ASSERT_EQ(before.as_page, now.as_page);

	ASSERT_EQ(0, as_walk(&self->s, self->id, va + PAGE_SZ, &w));
	ASSERT_FALSE(w.has[SHADOW_MM_A_WALK_PA]);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, w.fault);

	/* The first touch faults and maps a page, as an anonymous mmap. */
	TOUCH_OK(va + PAGE_SZ, SHADOW_MM_ACCESS_READ, true, &t);
	ASSERT_TRUE(t.has[SHADOW_MM_A_WALK_FAULT]);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, t.fault);
	ASSERT_TRUE(t.has[SHADOW_MM_A_WALK_FIXUP]);
	ASSERT_EQ((__u32)SHADOW_MM_FIXUP_DEMAND_MAP, t.fixup);
	ASSERT_EQ(0, usage_get(&self->s, &now));
	ASSERT_EQ(before.as_page + 1, now.as_page);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va + PAGE_SZ, &w));
	check_mapped(_metadata, variant, &w, va + PAGE_SZ, PAGE_SZ,
		     OWNER_AS_PAGE);
	ASSERT_EQ(t.pa, w.pa);
	ASSERT_NE(0U, w.prot & PROT_U);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(PAGE_SZ, info.mapped_bytes);

	/* Mapped young: the next read does not fault. */
	TOUCH_OK(va + PAGE_SZ, SHADOW_MM_ACCESS_READ, true, &t);
	ASSERT_NO_FAULT(&t);
	/* A first write maps the page young and dirty. */
	TOUCH_OK(va + 2 * PAGE_SZ, SHADOW_MM_ACCESS_WRITE, true, &t);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, t.fault);
	ASSERT_EQ((__u32)SHADOW_MM_FIXUP_DEMAND_MAP, t.fixup);
	TOUCH_OK(va + 2 * PAGE_SZ, SHADOW_MM_ACCESS_WRITE, true, &t);
	ASSERT_NO_FAULT(&t);
	/* The untouched pages are still not there. */
	ASSERT_EQ(0, as_walk(&self->s, self->id, va, &w));
	ASSERT_FALSE(w.has[SHADOW_MM_A_WALK_PA]);

	ASSERT_EQ(0, as_unmap(&self->s, self->id, va, len, NULL));
	ASSERT_USAGE(before);
}

/* The touch did not complete: a fault nothing fixed (SIGSEGV). */
#define TOUCH_FAILS(va_, access_, user_, fault_, level_) do {		\
	struct smm_mnl_walk __t;					\
	int __err = as_touch(&self->s, self->id, (va_), (access_),	\
			     (user_), &__t);				\
									\
	ASSERT_EQ(0, __err) TH_LOG("\"%s\"", self->s.ans.ext_msg);	\
	ASSERT_FALSE(__t.has[SHADOW_MM_A_WALK_PA]);			\
	ASSERT_FAULT(&__t, (fault_), (level_), 0);			\
} while (0)

TEST_F(as, touch_denied)
{
	const unsigned int pte = variant->levels - 1;
	struct smm_mnl_walk t;

	ASSERT_EQ(0, as_map(&self->s, self->id, BASE, PAGE_SZ, PROT_R, NULL));
	ASSERT_EQ(0, as_map(&self->s, self->id, BASE + PAGE_SZ, PAGE_SZ,
			    PROT_R | PROT_X, NULL));
	ASSERT_EQ(0, as_map(&self->s, self->id, BASE + 2 * PAGE_SZ, PAGE_SZ,
			    PROT_RW | PROT_U, NULL));
	/* Young first, so that the faults below are about permissions. */
	TOUCH_OK(BASE, SHADOW_MM_ACCESS_READ, false, &t);
	TOUCH_OK(BASE + PAGE_SZ, SHADOW_MM_ACCESS_READ, false, &t);
	TOUCH_OK(BASE + 2 * PAGE_SZ, SHADOW_MM_ACCESS_READ, true, &t);

	/* A write to a read-only region: no fixup can help. */
	TOUCH_FAILS(BASE, SHADOW_MM_ACCESS_WRITE, false,
		    SHADOW_MM_FAULT_PERMISSION, pte);
	/* Exec of a page without exec; with it, fine. */
	TOUCH_FAILS(BASE, SHADOW_MM_ACCESS_EXEC, false,
		    SHADOW_MM_FAULT_PERMISSION, pte);
	TOUCH_OK(BASE + PAGE_SZ, SHADOW_MM_ACCESS_EXEC, false, &t);
	ASSERT_NO_FAULT(&t);
	/* User mode may not touch a kernel page. */
	TOUCH_FAILS(BASE, SHADOW_MM_ACCESS_READ, true,
		    SHADOW_MM_FAULT_PERMISSION, pte);
	/* A user page is user readable and writable. */
	TOUCH_OK(BASE + 2 * PAGE_SZ, SHADOW_MM_ACCESS_WRITE, true, &t);
	TOUCH_OK(BASE + 2 * PAGE_SZ, SHADOW_MM_ACCESS_READ, true, &t);
	ASSERT_NO_FAULT(&t);
	ASSERT_EQ((__u32)(PROT_RW | PROT_U), t.prot);
	/* Nothing mapped there: a translation fault nothing fixes. */
	ASSERT_EQ(0, as_touch(&self->s, self->id, BASE + 3 * PAGE_SZ,
			      SHADOW_MM_ACCESS_READ, false, &t));
	ASSERT_FALSE(t.has[SHADOW_MM_A_WALK_PA]);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, t.fault);
	ASSERT_FALSE(t.has[SHADOW_MM_A_WALK_FIXUP]);
}

TEST_F(as, protect_then_unmap)
{
	const unsigned int pte = variant->levels - 1;
	const __u64 va = BASE, len = 8 * PAGE_SZ;
	struct smm_mnl_walk t, w;
	struct map_stats st;
	struct as_info info;
	int err;

	ASSERT_EQ(0, as_map(&self->s, self->id, va, len, PROT_RW, NULL));
	TOUCH_OK(va + PAGE_SZ, SHADOW_MM_ACCESS_WRITE, false, &t);
	TOUCH_OK(va + PAGE_SZ, SHADOW_MM_ACCESS_WRITE, false, &t);
	ASSERT_NO_FAULT(&t);

	/* rw -> r on the middle: the region splits in three. */
	err = as_protect(&self->s, self->id, va + PAGE_SZ, 2 * PAGE_SZ,
			 PROT_R);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(3U, info.nregions);
	ASSERT_EQ(va + PAGE_SZ, info.region[1].va);
	ASSERT_EQ(2 * PAGE_SZ, info.region[1].len);
	ASSERT_EQ((__u32)PROT_R, info.region[1].prot);
	ASSERT_EQ((__u32)PROT_RW, info.region[2].prot);
	ASSERT_EQ(len, info.mapped_bytes);

	TOUCH_FAILS(va + PAGE_SZ, SHADOW_MM_ACCESS_WRITE, false,
		    SHADOW_MM_FAULT_PERMISSION, pte);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va + PAGE_SZ, &w));
	check_mapped(_metadata, variant, &w, va + PAGE_SZ, PAGE_SZ,
		     OWNER_AS_PAGE);
	ASSERT_EQ((__u32)PROT_R, w.prot);
	TOUCH_OK(va + PAGE_SZ, SHADOW_MM_ACCESS_READ, false, &t);
	ASSERT_NO_FAULT(&t);
	/* Back to rw: the page kept its dirty bit, so writes need no fault. */
	ASSERT_EQ(0, as_protect(&self->s, self->id, va + PAGE_SZ, PAGE_SZ,
				PROT_RW));
	TOUCH_OK(va + PAGE_SZ, SHADOW_MM_ACCESS_WRITE, false, &t);
	ASSERT_NO_FAULT(&t);

	/* Unmap one page: it faults, the others still walk. */
	ASSERT_EQ(0, as_unmap(&self->s, self->id, va + PAGE_SZ, PAGE_SZ, &st));
	ASSERT_EQ(1U, st.pages);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va + PAGE_SZ, &w));
	check_unmapped(_metadata, variant, &w, va + PAGE_SZ);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(len - PAGE_SZ, info.mapped_bytes);
	ASSERT_EQ(0, as_touch(&self->s, self->id, va + PAGE_SZ,
			      SHADOW_MM_ACCESS_READ, false, &t));
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, t.fault);
	ASSERT_FALSE(t.has[SHADOW_MM_A_WALK_FIXUP]);
	make_young(_metadata, self, variant, va + 2 * PAGE_SZ);
	ASSERT_EQ(0, as_walk(&self->s, self->id, va + 2 * PAGE_SZ, &w));
	check_mapped(_metadata, variant, &w, va + 2 * PAGE_SZ, PAGE_SZ,
		     OWNER_AS_PAGE);

	/* Unmapping a hole, or over one, is fine, like munmap(). */
	ASSERT_EQ(0, as_unmap(&self->s, self->id, va + len, 4 * PAGE_SZ,
			      &st));
	ASSERT_EQ(0U, st.pages);
	ASSERT_EQ(0, as_unmap(&self->s, self->id, va, len + PAGE_SZ, &st));
	ASSERT_EQ(len / PAGE_SZ - 1, st.pages);
	ASSERT_EQ(0, as_get(&self->s, self->id, &info));
	ASSERT_EQ(0ULL, info.mapped_bytes);
	ASSERT_EQ(0U, info.nregions);
	ASSERT_EQ(self->info.table_pages, info.table_pages);
	/* Protecting what is no longer mapped is refused. */
	err = as_protect(&self->s, self->id, va, PAGE_SZ, PROT_R);
	ASSERT_REFUSED(err, EINVAL, -1);
}

TEST_F(as, dump_runs_cover_mapped)
{
	/* Three ranges, two protections, a hole between each. */
	static const struct {
		__u64 off, len;
		__u32 prot;
	} map[] = {
		{ 0x10000, 0x10000, PROT_RW },
		{ 0x30000, 0x4000, PROT_R },
		{ 0x34000, 0x4000, PROT_RW },
	};
	struct smm_mnl_runs runs;
	struct smm_mnl_walk t;
	__u64 covered = 0, at, last_end = 0;
	unsigned int i, m;
	int err;

	for (m = 0; m < 3; m++) {
		ASSERT_EQ(0, as_map(&self->s, self->id, BASE + map[m].off,
				    map[m].len, map[m].prot, NULL));
		/*
		 * Young and, where writable, dirty: each range then shows
		 * one set of attributes (a clean page is read-only for an
		 * ARM MMU, an old one invalid for arm's).
		 */
		for (at = 0; at < map[m].len; at += PAGE_SZ)
			TOUCH_OK(BASE + map[m].off + at,
				 map[m].prot & PROT_W ?
				 SHADOW_MM_ACCESS_WRITE : SHADOW_MM_ACCESS_READ,
				 false, &t);
	}
	err = smm_mnl_walk_dump(&self->s, SHADOW_MM_A_WALK_AS, self->id, BASE,
				0x100000, &runs);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_TRUE(!runs.bad) TH_LOG("%s", runs.bad);
	ASSERT_EQ(3U, runs.n);
	for (i = 0; i < runs.n; i++) {
		const struct smm_mnl_run *r = &runs.run[i];

		TH_LOG("run %#llx-%#llx pa %#llx size %#llx pages %u prot %#x %s",
		       (unsigned long long)r->va,
		       (unsigned long long)r->va_end,
		       (unsigned long long)r->pa,
		       (unsigned long long)r->size, r->pages, r->prot,
		       r->attrs);
		ASSERT_LT(r->va, r->va_end);
		ASSERT_LE(last_end, r->va);
		ASSERT_EQ(PAGE_SZ, r->size);
		ASSERT_LE(1U, r->pages);
		ASSERT_EQ(r->va_end - r->va, r->pages * r->size);
		ASSERT_NE('\0', r->attrs[0]);
		ASSERT_EQ(variant->levels, r->levels);
		/* Each run is one mapped range, whose pages look alike. */
		for (m = 0; m < 3; m++)
			if (r->va >= BASE + map[m].off &&
			    r->va_end <= BASE + map[m].off + map[m].len)
				break;
		ASSERT_GT(3U, m) TH_LOG("run outside every mapping");
		ASSERT_EQ(map[m].prot, r->prot);
		covered += r->va_end - r->va;
		last_end = r->va_end;
	}
	ASSERT_EQ(0x10000ULL + 0x4000 + 0x4000, covered);
	free(runs.run);
}

TEST_F(as, bad_map_requests)
{
	const __u64 beyond = 1ULL << variant->va_bits;
	struct map_req r = { .as = self->id, .va = BASE, .len = 16 * PAGE_SZ,
			     .prot = PROT_RW };
	struct smm_mnl_walk t;
	struct as_info before, after;
	struct usage u;
	struct map_offs o;
	int err;

	ASSERT_EQ(0, map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, NULL));
	ASSERT_EQ(0, as_get(&self->s, self->id, &before));
	ASSERT_EQ(0, usage_get(&self->s, &u));

	/* Overlapping the mapped range, at either end. */
	r.va = BASE + 8 * PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EEXIST, -1);
	ASSERT_TRUE(self->s.ans.has_offs &&
		    (self->s.ans.offs == o.va || self->s.ans.offs == o.len));
	r.va = BASE - 8 * PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EEXIST, -1);
	ASSERT_TRUE(self->s.ans.has_offs &&
		    (self->s.ans.offs == o.va || self->s.ans.offs == o.len));
	ASSERT_USAGE(u);

	/* Unaligned va, unaligned len, len 0. */
	r.va = BASE + 0x100000 + 1;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.va);
	r.va = BASE + 0x100000;
	r.len = PAGE_SZ + 1;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.len);
	r.len = 0;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.len);
	ASSERT_USAGE(u);

	/* Beyond the address space, or running past its end. */
	r.va = beyond;
	r.len = PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, ERANGE, o.va);
	r.va = beyond - PAGE_SZ;
	r.len = 2 * PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, ERANGE, -1);
	/* A length that wraps around 2^64. */
	r.va = BASE + 0x100000;
	r.len = 0ULL - PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_TRUE(err == -EINVAL || err == -ERANGE) TH_LOG("%d", err);
	ASSERT_NE('\0', self->s.ans.ext_msg[0]);
	ASSERT_USAGE(u);

	/* Protections without read, or with bits prot does not have. */
	r.len = PAGE_SZ;
	r.prot = PROT_W;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.prot);
	r.prot = PROT_R | 0x10;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.prot);
	r.prot = PROT_R;

	/* pfn and demand together. */
	r.has_pfn = true;
	r.pfn = 0x100;
	r.demand = true;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, -1);
	r.demand = false;
	/* Frames beyond the format's physical addresses. */
	if (is_arm(variant) ||
	    variant->format == SHADOW_MM_PT_FORMAT_ARM_LPAE) {
		r.pfn = is_arm(variant) ? 1ULL << 20 : 1ULL << 28;
		err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
		ASSERT_REFUSED(err, ERANGE, o.pfn);
	}
	r.has_pfn = false;
	ASSERT_USAGE(u);

	/* Unmap and protect take aligned ranges only. */
	r.va = BASE + 1;
	r.len = PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_UNMAP, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.va);
	err = map_call(&self->s, SHADOW_MM_CMD_AS_PROTECT, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, o.va);
	/* Protect of a range partly outside the regions. */
	r.va = BASE + 15 * PAGE_SZ;
	r.len = 2 * PAGE_SZ;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_PROTECT, &r, NULL, &o);
	ASSERT_REFUSED(err, EINVAL, -1);
	/* Protect without prot. */
	r.va = BASE;
	r.len = PAGE_SZ;
	r.prot = 0;
	r.send_prot = false;
	err = map_call(&self->s, SHADOW_MM_CMD_AS_PROTECT, &r, NULL, &o);
	ASSERT_EQ(-EINVAL, err);
	ASSERT_TRUE(self->s.ans.has_miss_type || self->s.ans.ext_msg[0]);

	/* Touches and walks of addresses the space cannot have. */
	err = as_touch(&self->s, self->id, beyond, SHADOW_MM_ACCESS_READ,
		       false, &t);
	ASSERT_REFUSED(err, ERANGE, -1);
	err = as_walk(&self->s, self->id, beyond, &t);
	ASSERT_REFUSED(err, ERANGE, -1);
	/* An access that is none: the policy's range check. */
	err = as_touch(&self->s, self->id, BASE, 0, false, &t);
	ASSERT_REFUSED(err, ERANGE, SMM_MNL_FIRST_ATTR_OFFS + 8 + 12);
	err = as_touch(&self->s, self->id, BASE, SHADOW_MM_ACCESS_EXEC + 1,
		       false, &t);
	ASSERT_REFUSED(err, ERANGE, SMM_MNL_FIRST_ATTR_OFFS + 8 + 12);

	/* Nothing of it changed the space, nor allocated anything. */
	ASSERT_USAGE(u);
	ASSERT_EQ(0, as_get(&self->s, self->id, &after));
	ASSERT_EQ(before.table_pages, after.table_pages);
	ASSERT_EQ(before.mapped_bytes, after.mapped_bytes);
	ASSERT_EQ(before.nregions, after.nregions);
	ASSERT_EQ(before.region[0].prot, after.region[0].prot);
}

TEST_F(as, bad_create)
{
	/* A depth the format does not have. */
	static const __u32 bad_levels[] = {
		[SHADOW_MM_PT_FORMAT_ARM] = 3,
		[SHADOW_MM_PT_FORMAT_ARM_LPAE] = 2,
		[SHADOW_MM_PT_FORMAT_ARM64] = 5,
		[SHADOW_MM_PT_FORMAT_X86_64] = 3,
	};
	struct nlmsghdr *nlh;
	struct as_info info;
	struct usage u;
	__u32 buf[64];
	long at;
	int err;

	ASSERT_EQ(0, usage_get(&self->s, &u));
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_AS_NEW);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_FORMAT, variant->format);
	at = nlh->nlmsg_len;
	mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_LEVELS,
			 bad_levels[variant->format]);
	err = smm_mnl_call(&self->s, nlh, NULL, NULL);
	ASSERT_REFUSED(err, EINVAL, at);
	ASSERT_USAGE(u);

	/* A MAIR only where AttrIndx exists. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_AS_NEW);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_FORMAT, variant->format);
	at = nlh->nlmsg_len;
	mnl_attr_put_u64(nlh, SHADOW_MM_A_AS_MAIR, 0xff);
	memset(&info, 0, sizeof(info));
	err = smm_mnl_call(&self->s, nlh, as_info_part, &info);
	if (is_long(variant)) {
		ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
		ASSERT_EQ(0xffULL, info.mair);
		ASSERT_EQ(0, as_del(&self->s, info.id));
	} else {
		ASSERT_REFUSED(err, EINVAL, at);
	}
	ASSERT_USAGE(u);
}

TEST_F_TIMEOUT(as, exhaustion_rolls_back, 300)
{
	const __u64 va = 0x10000000;
	struct map_req r = { .as = self->id, .prot = PROT_RW };
	struct as_info before, after;
	struct usage u;
	__u64 len;
	int err, small;

	/* Something mapped already, which must stay as it is. */
	ASSERT_EQ(0, as_map(&self->s, self->id, va - 0x100000, 64 * KIB,
			    PROT_RW, NULL));
	ASSERT_EQ(0, as_get(&self->s, self->id, &before));
	ASSERT_EQ(0, usage_get(&self->s, &u));

	/* Four times the shadow memory, within the address space's reach. */
	len = 4 * self->st.shadow_bytes;
	if (len > (1ULL << (variant->va_bits - 1)) - va)
		len = (1ULL << (variant->va_bits - 1)) - va;
	len &= ~(4 * MIB - 1);
	if (len <= self->st.shadow_bytes)
		SKIP(return, "%llu MiB of shadow memory outgrow %u-bit VAs",
		     (unsigned long long)(self->st.shadow_bytes / MIB),
		     variant->va_bits);
	for (small = 0; small < 2; small++) {
		r.va = va;
		r.len = len;
		r.small = small;
		err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, NULL);
		ASSERT_REFUSED(err, ENOMEM, -1);
		ASSERT_USAGE(u);
		ASSERT_EQ(0, as_get(&self->s, self->id, &after));
		ASSERT_EQ(before.table_pages, after.table_pages);
		ASSERT_EQ(before.mapped_bytes, after.mapped_bytes);
		ASSERT_EQ(before.nregions, after.nregions);
		ASSERT_EQ(before.region[0].va, after.region[0].va);
		ASSERT_EQ(before.region[0].len, after.region[0].len);
	}

	/* The space still works. */
	ASSERT_EQ(0, as_map(&self->s, self->id, va, 64 * KIB, PROT_RW, NULL))
		TH_LOG("\"%s\"", self->s.ans.ext_msg);
	ASSERT_EQ(0, as_get(&self->s, self->id, &after));
	ASSERT_EQ(before.mapped_bytes + 64 * KIB, after.mapped_bytes);

	/* Destroying it gives everything back. */
	ASSERT_EQ(0, as_del(&self->s, self->id));
	self->id = 0;
	ASSERT_USAGE(self->base);
}

/* Tests that need no address space of a given format. */
FIXTURE(pt) {
	struct smm_mnl s;
	struct usage base;
};

FIXTURE_SETUP(pt)
{
	struct smm_mnl_family fam;

	smm_mnl_open_family(_metadata, &self->s, RECV_SIZE, &fam);
	ASSERT_TRUE(!!smm_mnl_family_op(&fam, SHADOW_MM_CMD_AS_NEW))
		TH_LOG("the module has no as-new op");
	ASSERT_EQ(0, usage_get(&self->s, &self->base));
}

FIXTURE_TEARDOWN(pt)
{
	smm_mnl_close(&self->s);
}

TEST_F(pt, default_levels_are_the_most)
{
	static const struct {
		__u32 format, levels, va_bits;
	} want[] = {
		{ SHADOW_MM_PT_FORMAT_ARM, 2, 32 },
		{ SHADOW_MM_PT_FORMAT_ARM_LPAE, 3, 32 },
		{ SHADOW_MM_PT_FORMAT_ARM64, 4, 48 },
		{ SHADOW_MM_PT_FORMAT_X86_64, 5, 57 },
	};
	struct as_info info;
	unsigned int i;
	int err;

	for (i = 0; i < 4; i++) {
		err = as_new(&self->s, want[i].format, 0, 0, &info);
		ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
		EXPECT_EQ(want[i].levels, info.levels);
		EXPECT_EQ(want[i].va_bits, info.va_bits);
		ASSERT_EQ(0, as_del(&self->s, info.id));
	}
	ASSERT_USAGE(self->base);
}

TEST_F(pt, unknown_format)
{
	static const __u32 bad[] = { 0, SHADOW_MM_PT_FORMAT_X86_64 + 1, ~0U };
	struct nlmsghdr *nlh;
	__u32 buf[64];
	unsigned int i;
	long at;
	int err;

	for (i = 0; i < 3; i++) {
		nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK,
				  SHADOW_MM_CMD_AS_NEW);
		at = nlh->nlmsg_len;
		mnl_attr_put_u32(nlh, SHADOW_MM_A_AS_FORMAT, bad[i]);
		err = smm_mnl_call(&self->s, nlh, NULL, NULL);
		/* The policy's range check: "integer out of range". */
		ASSERT_REFUSED(err, ERANGE, at);
	}
	/* No format at all. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_AS_NEW);
	err = smm_mnl_call(&self->s, nlh, NULL, NULL);
	ASSERT_EQ(-EINVAL, err);
	ASSERT_TRUE(self->s.ans.has_miss_type || self->s.ans.ext_msg[0]);
	ASSERT_USAGE(self->base);
}

/* An id no address space has now. */
static __u32 unused_id(struct smm_mnl *s)
{
	struct as_ids ids;
	unsigned int i;
	__u32 id;

	if (as_list(s, &ids))
		return 0;
	for (id = SHADOW_MM_MAX_AS; id > 0; id--) {
		for (i = 0; i < ids.n; i++)
			if (ids.id[i] == id)
				break;
		if (i == ids.n)
			return id;
	}
	return 0;
}

TEST_F(pt, unknown_as_id)
{
	struct map_req r = { .va = BASE, .len = PAGE_SZ, .prot = PROT_R };
	struct smm_mnl_walk w;
	struct as_info info;
	struct map_offs o;
	int err;

	r.as = unused_id(&self->s);
	ASSERT_NE(0U, r.as);
	err = as_get(&self->s, r.as, &info);
	ASSERT_REFUSED(err, ENOENT, SMM_MNL_FIRST_ATTR_OFFS);
	err = as_del(&self->s, r.as);
	ASSERT_REFUSED(err, ENOENT, SMM_MNL_FIRST_ATTR_OFFS);
	err = map_call(&self->s, SHADOW_MM_CMD_AS_MAP, &r, NULL, &o);
	ASSERT_REFUSED(err, ENOENT, o.as);
	err = map_call(&self->s, SHADOW_MM_CMD_AS_UNMAP, &r, NULL, &o);
	ASSERT_REFUSED(err, ENOENT, o.as);
	err = as_touch(&self->s, r.as, BASE, SHADOW_MM_ACCESS_READ, false, &w);
	ASSERT_REFUSED(err, ENOENT, SMM_MNL_FIRST_ATTR_OFFS);
	err = as_walk(&self->s, r.as, BASE, &w);
	ASSERT_REFUSED(err, ENOENT, SMM_MNL_FIRST_ATTR_OFFS);
	ASSERT_USAGE(self->base);
}

TEST_F(pt, walk_needs_one_source)
{
	struct nlmsghdr *nlh;
	struct as_info info;
	__u32 buf[64];
	int err;

	ASSERT_EQ(0, as_new(&self->s, SHADOW_MM_PT_FORMAT_ARM64, 0, 0, &info));

	/* None of as, pid, kernel. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_WALK);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, BASE);
	err = smm_mnl_call(&self->s, nlh, NULL, NULL);
	ASSERT_REFUSED(err, EINVAL, -1);
	/* Two of them. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_WALK);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_AS, info.id);
	mnl_attr_put(nlh, SHADOW_MM_A_WALK_KERNEL, 0, NULL);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, BASE);
	err = smm_mnl_call(&self->s, nlh, NULL, NULL);
	ASSERT_REFUSED(err, EINVAL, -1);
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_WALK);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_AS, info.id);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_PID, getpid());
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, BASE);
	err = smm_mnl_call(&self->s, nlh, NULL, NULL);
	ASSERT_REFUSED(err, EINVAL, -1);
	/* A do without va. */
	nlh = smm_mnl_req(buf, self->s.family, NLM_F_ACK, SHADOW_MM_CMD_WALK);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_AS, info.id);
	err = smm_mnl_call(&self->s, nlh, NULL, NULL);
	ASSERT_EQ(-EINVAL, err);
	ASSERT_TRUE(self->s.ans.has_miss_type || self->s.ans.ext_msg[0]);

	ASSERT_EQ(0, as_del(&self->s, info.id));
	ASSERT_USAGE(self->base);
}

TEST_F(pt, as_limit_and_dump)
{
	__u32 ids[SHADOW_MM_MAX_AS + 1];
	struct as_ids listed;
	struct as_info info;
	unsigned int n, i, j, before;
	int err;

	ASSERT_EQ(0, as_list(&self->s, &listed));
	before = listed.n;
	for (n = 0; n < SHADOW_MM_MAX_AS + 1; n++) {
		err = as_new(&self->s, SHADOW_MM_PT_FORMAT_X86_64, 4, 0, &info);
		if (err)
			break;
		ids[n] = info.id;
		ASSERT_LE(1U, info.id);
		ASSERT_GE((__u32)SHADOW_MM_MAX_AS, info.id);
	}
	ASSERT_EQ((__u32)SHADOW_MM_MAX_AS - before, n);
	ASSERT_REFUSED(err, ENOSPC, -1);

	/* The dump lists each once. */
	ASSERT_EQ(0, as_list(&self->s, &listed));
	ASSERT_EQ((unsigned int)SHADOW_MM_MAX_AS, listed.n);
	for (i = 0; i < n; i++) {
		unsigned int seen = 0;

		for (j = 0; j < listed.n; j++)
			seen += listed.id[j] == ids[i];
		ASSERT_EQ(1U, seen) TH_LOG("id %u", ids[i]);
	}
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, as_del(&self->s, ids[i]));
	ASSERT_EQ(0, as_list(&self->s, &listed));
	ASSERT_EQ(before, listed.n);
	ASSERT_USAGE(self->base);
}

/* Exit codes of unprivileged_child(). */
enum {
	UNPRIV_OK,
	UNPRIV_DROP_FAILED,
	UNPRIV_SOCKET_FAILED,
	UNPRIV_GET_FAILED,
	UNPRIV_WALK_FAILED,
	UNPRIV_NEW_NOT_EPERM,
	UNPRIV_MAP_NOT_EPERM,
	UNPRIV_TOUCH_NOT_EPERM,
	UNPRIV_DEL_NOT_EPERM,
	UNPRIV_LIVE_NOT_EPERM,
};

static int unprivileged_child(__u16 family, __u32 id)
{
	struct smm_mnl_walk *w = malloc(sizeof(*w));
	struct nlmsghdr *nlh;
	struct as_info info;
	struct smm_mnl s;
	__u32 buf[64];

	if (setgroups(0, NULL) || setgid(NOBODY_ID) || setuid(NOBODY_ID) ||
	    getuid() != NOBODY_ID || geteuid() != NOBODY_ID)
		return UNPRIV_DROP_FAILED;
	if (!w || smm_mnl_open(&s, RECV_SIZE, SMM_MNL_EXT_ACK))
		return UNPRIV_SOCKET_FAILED;
	s.family = family;
	if (as_get(&s, id, &info))
		return UNPRIV_GET_FAILED;
	if (as_walk(&s, id, BASE, w) || !w->has[SHADOW_MM_A_WALK_PA])
		return UNPRIV_WALK_FAILED;
	if (as_new(&s, SHADOW_MM_PT_FORMAT_ARM, 0, 0, &info) != -EPERM)
		return UNPRIV_NEW_NOT_EPERM;
	if (as_map(&s, id, BASE + PAGE_SZ, PAGE_SZ, PROT_R, NULL) != -EPERM)
		return UNPRIV_MAP_NOT_EPERM;
	if (as_touch(&s, id, BASE, SHADOW_MM_ACCESS_READ, false, w) != -EPERM)
		return UNPRIV_TOUCH_NOT_EPERM;
	if (as_del(&s, id) != -EPERM)
		return UNPRIV_DEL_NOT_EPERM;
	/* Live tables need CAP_SYS_ADMIN, and say so. */
	nlh = smm_mnl_req(buf, s.family, NLM_F_ACK, SHADOW_MM_CMD_WALK);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_WALK_PID, 1);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, BASE);
	if (smm_mnl_call(&s, nlh, NULL, NULL) != -EPERM || !s.ans.ext_msg[0])
		return UNPRIV_LIVE_NOT_EPERM;
	nlh = smm_mnl_req(buf, s.family, NLM_F_ACK, SHADOW_MM_CMD_WALK);
	mnl_attr_put(nlh, SHADOW_MM_A_WALK_KERNEL, 0, NULL);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_WALK_VA, BASE);
	if (smm_mnl_call(&s, nlh, NULL, NULL) != -EPERM || !s.ans.ext_msg[0])
		return UNPRIV_LIVE_NOT_EPERM;
	smm_mnl_close(&s);
	free(w);
	return UNPRIV_OK;
}

TEST_F(pt, unprivileged_reads_but_cannot_change)
{
	struct as_info info, after;
	int status;
	pid_t pid;

	ASSERT_EQ(0, as_new(&self->s, SHADOW_MM_PT_FORMAT_X86_64, 4, 0, &info));
	ASSERT_EQ(0, as_map(&self->s, info.id, BASE, PAGE_SZ, PROT_RW, NULL));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(unprivileged_child(self->s.family, info.id));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(UNPRIV_OK, WEXITSTATUS(status));
	ASSERT_EQ(0, as_get(&self->s, info.id, &after));
	EXPECT_EQ(1U, after.nregions);
	ASSERT_EQ(0, as_del(&self->s, info.id));
	ASSERT_USAGE(self->base);
}

TEST_HARNESS_MAIN
