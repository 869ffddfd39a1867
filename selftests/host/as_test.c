// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow address spaces (module/core/as.c) in every format and depth:
 * map, unmap and protect with their regions and their counts, what the
 * first touches do on each MMU (x86 sets A and D itself; arm64 and LPAE
 * raise access-flag faults, then permission faults on clean pages; arm
 * finds an old page's hardware PTE empty), demand faults, faults no
 * handler can fix, bad input refused with a reason and nothing changed,
 * and a map or a demand fault failed at every one of its allocations
 * in turn, which must leave everything as it was.
 */

#include "kselftest_harness.h"

#include "pt_helpers.h"

#define T_PAGE		SMM_PT_PAGE_SIZE
#define T_RW		(SMM_PROT_READ | SMM_PROT_WRITE)
#define T_URW		(T_RW | SMM_PROT_USER)

FIXTURE(as)
{
	struct t_pool *pool;
	struct smm_pt_cfg cfg;
	struct smm_as *as;
	u64 block;		/* 2 MiB, or an arm section pair */
	u64 base;		/* where the tests map */
	unsigned int root_pages;
};

/* @linear: the pool is one linear range, as the kernel's lowmem */
FIXTURE_VARIANT(as)
{
	const char *fmt;
	unsigned int levels;
	bool linear;
};

FIXTURE_VARIANT_ADD(as, arm) { .fmt = "arm", .levels = 2 };
FIXTURE_VARIANT_ADD(as, arm_lpae) { .fmt = "arm-lpae", .levels = 3 };
FIXTURE_VARIANT_ADD(as, arm64_39) { .fmt = "arm64", .levels = 3 };
FIXTURE_VARIANT_ADD(as, arm64_48) { .fmt = "arm64", .levels = 4 };
FIXTURE_VARIANT_ADD(as, x86_64_4) { .fmt = "x86_64", .levels = 4 };
FIXTURE_VARIANT_ADD(as, x86_64_5) { .fmt = "x86_64", .levels = 5 };
FIXTURE_VARIANT_ADD(as, arm_linear) {
	.fmt = "arm", .levels = 2, .linear = true };
FIXTURE_VARIANT_ADD(as, arm_lpae_linear) {
	.fmt = "arm-lpae", .levels = 3, .linear = true };
FIXTURE_VARIANT_ADD(as, arm64_39_linear) {
	.fmt = "arm64", .levels = 3, .linear = true };
FIXTURE_VARIANT_ADD(as, arm64_48_linear) {
	.fmt = "arm64", .levels = 4, .linear = true };
FIXTURE_VARIANT_ADD(as, x86_64_4_linear) {
	.fmt = "x86_64", .levels = 4, .linear = true };
FIXTURE_VARIANT_ADD(as, x86_64_5_linear) {
	.fmt = "x86_64", .levels = 5, .linear = true };

FIXTURE_SETUP(as)
{
	t_cfg(&self->cfg, variant->fmt, variant->levels);
	self->pool = t_pool_new_mode(2048, T_POOL_BASE, 10, variant->linear);
	self->root_pages = 1U << self->cfg.fmt->root_order;
	self->block = 2ULL << 20;
	self->base = 0x40000000ULL;
	ASSERT_EQ(0, smm_as_create(&self->cfg, &self->pool->ops, &self->as));
	ASSERT_EQ(self->root_pages, self->as->table_pages);
	ASSERT_EQ(self->root_pages, self->pool->table_pages);
}

FIXTURE_TEARDOWN(as)
{
	smm_as_destroy(self->as);
	EXPECT_EQ(0, t_pool_used(self->pool));
	EXPECT_EQ(0, self->pool->bad_frees);
	EXPECT_EQ(0, self->pool->bad_maps);
	EXPECT_EQ(0, self->pool->maps);
	t_pool_delete(self->pool);
}

static bool t_is_arm(FIXTURE_DATA(as) *self)
{
	return self->cfg.fmt->flags & SMM_PT_FMT_YOUNG_BY_INVALID;
}

static bool t_has_af(FIXTURE_DATA(as) *self)
{
	return self->cfg.fmt->flags & SMM_PT_FMT_AF_FAULT;
}

/* The leaf of @va, present or arm's old page; NULL for none. */
static const struct smm_pt_step *t_leaf(FIXTURE_DATA(as) *self, u64 va,
					struct smm_walk *w)
{
	const struct smm_pt_step *s;

	if (smm_as_walk(self->as, va, w, NULL))
		return NULL;
	s = &w->step[w->nr_steps - 1];
	if (w->mapped || (s->e.attr & SMM_PT_ATTR_SW_PRESENT))
		return s;
	return NULL;
}

static u32 t_attr(FIXTURE_DATA(as) *self, u64 va)
{
	const struct smm_pt_step *s;
	struct smm_walk w;

	s = t_leaf(self, va, &w);
	return s ? s->e.attr : 0;
}

/* @va lies in a region of the space. */
static bool t_in_region(FIXTURE_DATA(as) *self, u64 va)
{
	unsigned int i;

	for (i = 0; i < self->as->nr_regions; i++)
		if (va - self->as->regions[i].va < self->as->regions[i].len)
			return true;
	return false;
}

/* What the tests compare before and after something that must fail. */
struct t_snap {
	unsigned long used, tables, data;
	unsigned long table_pages;
	u64 mapped_bytes;
	unsigned int nr_regions;
	u64 pa[8];
	u32 attr[8];
};

static void t_snap(FIXTURE_DATA(as) *self, struct t_snap *s, const u64 *va,
		   unsigned int n)
{
	struct smm_walk w;
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->used = t_pool_used(self->pool);
	s->tables = self->pool->table_pages;
	s->data = self->pool->data_pages;
	s->table_pages = self->as->table_pages;
	s->mapped_bytes = self->as->mapped_bytes;
	s->nr_regions = self->as->nr_regions;
	for (i = 0; i < n && i < 8; i++) {
		const struct smm_pt_step *l = t_leaf(self, va[i], &w);

		s->pa[i] = l ? l->e.addr : 1;
		s->attr[i] = l ? l->e.attr : 0;
	}
}

static void t_same(struct __test_metadata *_metadata,
		   const struct t_snap *a, const struct t_snap *b)
{
	unsigned int i;

	EXPECT_EQ(a->used, b->used);
	EXPECT_EQ(a->tables, b->tables);
	EXPECT_EQ(a->data, b->data);
	EXPECT_EQ(a->table_pages, b->table_pages);
	EXPECT_EQ(a->mapped_bytes, b->mapped_bytes);
	EXPECT_EQ(a->nr_regions, b->nr_regions);
	for (i = 0; i < 8; i++) {
		EXPECT_EQ(a->pa[i], b->pa[i]);
		EXPECT_EQ(a->attr[i], b->attr[i]);
	}
}

TEST_F(as, map_unmap_protect_regions_and_counts)
{
	struct smm_as_stats st;
	const char *why = NULL;
	u64 va = self->base + T_PAGE;	/* no contiguous run */
	struct smm_walk w;
	unsigned long tables = self->pool->table_pages;

	ASSERT_EQ(0, smm_as_map(self->as, va, 16 * T_PAGE, T_RW,
				SMM_AS_PAGES, 0, 0, &st, &why));
	EXPECT_EQ(16, st.pages);
	EXPECT_EQ(0, st.blocks);
	EXPECT_EQ(tables + st.tables, self->pool->table_pages);
	EXPECT_EQ(self->as->table_pages, self->pool->table_pages);
	EXPECT_EQ(16, self->pool->data_pages);
	EXPECT_EQ(16 * T_PAGE, self->as->mapped_bytes);
	ASSERT_EQ(1, self->as->nr_regions);

	/* a hole in the middle splits the region */
	ASSERT_EQ(0, smm_as_unmap(self->as, va + 5 * T_PAGE, 2 * T_PAGE, &st,
				  &why));
	EXPECT_EQ(2, st.pages);
	EXPECT_EQ(0, st.tables);
	EXPECT_EQ(14, self->pool->data_pages);
	EXPECT_EQ(14 * T_PAGE, self->as->mapped_bytes);
	ASSERT_EQ(2, self->as->nr_regions);
	EXPECT_EQ(va, self->as->regions[0].va);
	EXPECT_EQ(5 * T_PAGE, self->as->regions[0].len);
	EXPECT_EQ(va + 7 * T_PAGE, self->as->regions[1].va);
	EXPECT_EQ(9 * T_PAGE, self->as->regions[1].len);
	EXPECT_EQ(NULL, t_leaf(self, va + 6 * T_PAGE, &w));
	EXPECT_NE(NULL, t_leaf(self, va + 7 * T_PAGE, &w));

	/* unmapping a hole, or across one, is fine */
	EXPECT_EQ(0, smm_as_unmap(self->as, va + 5 * T_PAGE, T_PAGE, &st,
				  &why));
	EXPECT_EQ(0, st.pages);
	EXPECT_EQ(0, smm_as_unmap(self->as, va - T_PAGE, 2 * T_PAGE, &st,
				  &why));
	EXPECT_EQ(1, st.pages);
	EXPECT_EQ(va + T_PAGE, self->as->regions[0].va);

	/* protect a part: the region splits, the leaves lose write */
	ASSERT_EQ(0, smm_as_protect(self->as, va + 8 * T_PAGE, 2 * T_PAGE,
				    SMM_PROT_READ, &st, &why));
	EXPECT_EQ(2, st.pages);
	ASSERT_EQ(4, self->as->nr_regions);
	EXPECT_EQ(SMM_PROT_READ, self->as->regions[2].prot);
	EXPECT_EQ(T_RW, self->as->regions[1].prot);
	EXPECT_EQ(T_RW, self->as->regions[3].prot);
	EXPECT_EQ(0, t_attr(self, va + 8 * T_PAGE) & SMM_PT_ATTR_SW_WRITE);
	EXPECT_NE(0, t_attr(self, va + 10 * T_PAGE) & SMM_PT_ATTR_SW_WRITE);
	/* across the hole: refused */
	EXPECT_EQ(-EINVAL, smm_as_protect(self->as, va + 4 * T_PAGE,
					  4 * T_PAGE, T_RW, &st, &why));
	EXPECT_STREQ("range is not mapped", why);

	/* all of it: back to the root alone */
	ASSERT_EQ(0, smm_as_unmap(self->as, self->base, 1ULL << 30, &st,
				  &why));
	EXPECT_EQ(0, self->as->nr_regions);
	EXPECT_EQ(0, self->as->mapped_bytes);
	EXPECT_EQ(self->root_pages, self->as->table_pages);
	EXPECT_EQ(self->root_pages, self->pool->table_pages);
	EXPECT_EQ(0, self->pool->data_pages);
}

/* A pages region's block: one allocation, and it cannot be cut. */
TEST_F(as, blocks_of_pages_are_one_allocation)
{
	u64 va = self->base + 64 * self->block;
	struct smm_as_stats st;
	const char *why = NULL;
	struct smm_walk w;

	ASSERT_EQ(0, smm_as_map(self->as, va, self->block, T_RW, SMM_AS_PAGES,
				0, 0, &st, &why));
	EXPECT_EQ(t_is_arm(self) ? 2 : 1, st.blocks);
	EXPECT_EQ(0, st.pages);
	EXPECT_EQ(512, self->pool->data_pages);
	ASSERT_EQ(0, smm_as_walk(self->as, va + 0x12345, &w, &why));
	EXPECT_TRUE(w.mapped);
	EXPECT_TRUE(t_pool_is_data(self->pool, w.pa));
	EXPECT_EQ(-EINVAL, smm_as_unmap(self->as, va + T_PAGE, T_PAGE, &st,
					&why));
	EXPECT_STREQ(t_is_arm(self) ? "range splits a 1 MiB section mapping" :
		     "range splits a 2 MiB block mapping", why);
	EXPECT_EQ(-EINVAL, smm_as_protect(self->as, va, T_PAGE, T_RW, &st,
					  &why));
	EXPECT_EQ(512, self->pool->data_pages);

	/* no order-9 page (nor order 4 for arm64's runs): pages instead */
	ASSERT_EQ(0, smm_as_unmap(self->as, va, self->block, &st, &why));
	self->pool->max_order = 3;
	ASSERT_EQ(0, smm_as_map(self->as, va, self->block, T_RW, SMM_AS_PAGES,
				0, 0, &st, &why));
	EXPECT_EQ(0, st.blocks);
	EXPECT_EQ(512, st.pages);
	EXPECT_EQ(512, self->pool->data_pages);
	ASSERT_EQ(0, smm_as_unmap(self->as, va + T_PAGE, T_PAGE, &st, &why))
		TH_LOG("%s", why);
}

TEST_F(as, first_touch_as_each_mmu_does_it)
{
	u64 va = self->base + T_PAGE;
	struct smm_touch t;
	const char *why = NULL;
	u32 attr;

	ASSERT_EQ(0, smm_as_map(self->as, va, 4 * T_PAGE, T_URW, SMM_AS_PAGES,
				0, 0, NULL, &why));
	attr = t_attr(self, va);
	EXPECT_EQ(0, attr & (SMM_PT_ATTR_ACCESSED | SMM_PT_ATTR_DIRTY));
	EXPECT_NE(0, attr & SMM_PT_ATTR_SW_WRITE);
	EXPECT_EQ(0, attr & SMM_PT_ATTR_GLOBAL);

	/* a read */
	ASSERT_EQ(0, smm_as_touch(self->as, va + 8, SMM_ACCESS_READ, true, &t,
				  &why));
	EXPECT_TRUE(t.done);
	EXPECT_TRUE(t.w.mapped);
	if (self->cfg.fmt->flags & SMM_PT_FMT_HW_AD) {
		EXPECT_EQ(0, t.fault);
		EXPECT_EQ(0, t.fixup);
	} else if (t_has_af(self)) {
		EXPECT_EQ(SHADOW_MM_FAULT_ACCESS_FLAG, t.fault);
		EXPECT_EQ(self->cfg.levels - 1, t.fault_level);
		EXPECT_EQ(SHADOW_MM_FIXUP_SET_YOUNG, t.fixup);
	} else {
		EXPECT_EQ(SHADOW_MM_FAULT_TRANSLATION, t.fault);
		EXPECT_EQ(1, t.fault_level);
		EXPECT_EQ(SHADOW_MM_FIXUP_SET_YOUNG, t.fixup);
	}
	attr = t_attr(self, va);
	EXPECT_NE(0, attr & SMM_PT_ATTR_ACCESSED);
	EXPECT_EQ(0, attr & SMM_PT_ATTR_DIRTY);
	EXPECT_EQ(t.w.attr, attr);

	/* then a write to the clean page */
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_WRITE, true, &t,
				  &why));
	EXPECT_TRUE(t.done);
	if (self->cfg.fmt->flags & SMM_PT_FMT_HW_AD) {
		EXPECT_EQ(0, t.fault);
	} else {
		EXPECT_EQ(SHADOW_MM_FAULT_PERMISSION, t.fault);
		EXPECT_EQ(SHADOW_MM_FIXUP_SET_DIRTY, t.fixup);
	}
	EXPECT_NE(0, t_attr(self, va) & SMM_PT_ATTR_DIRTY);
	EXPECT_TRUE(t.w.perm & SMM_PT_UW);
	/* now it just works */
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_WRITE, true, &t,
				  &why));
	EXPECT_TRUE(t.done);
	EXPECT_EQ(0, t.fault);

	/*
	 * A first write to an old clean page: one fault, which makes it
	 * young and dirty at once, as handle_pte_fault() does.
	 */
	ASSERT_EQ(0, smm_as_touch(self->as, va + T_PAGE, SMM_ACCESS_WRITE,
				  true, &t, &why));
	EXPECT_TRUE(t.done);
	if (self->cfg.fmt->flags & SMM_PT_FMT_HW_AD) {
		EXPECT_EQ(0, t.fault);
	} else {
		EXPECT_EQ(t_has_af(self) ? SHADOW_MM_FAULT_ACCESS_FLAG :
			  SHADOW_MM_FAULT_TRANSLATION, t.fault);
		EXPECT_EQ(SHADOW_MM_FIXUP_SET_YOUNG, t.fixup);
	}
	attr = t_attr(self, va + T_PAGE);
	EXPECT_EQ(SMM_PT_ATTR_ACCESSED | SMM_PT_ATTR_DIRTY,
		  attr & (SMM_PT_ATTR_ACCESSED | SMM_PT_ATTR_DIRTY));
	/* the other pages stayed old */
	EXPECT_EQ(0, t_attr(self, va + 2 * T_PAGE) & SMM_PT_ATTR_ACCESSED);
}

TEST_F(as, faults_no_handler_fixes)
{
	u64 va = self->base, kva = self->base + 16 * T_PAGE;
	struct smm_touch t;
	const char *why = NULL;

	ASSERT_EQ(0, smm_as_map(self->as, va, 2 * T_PAGE,
				SMM_PROT_READ | SMM_PROT_USER, SMM_AS_PAGES,
				0, 0, NULL, &why));
	ASSERT_EQ(0, smm_as_map(self->as, kva, T_PAGE, T_RW | SMM_PROT_EXEC,
				SMM_AS_PAGES, 0, 0, NULL, &why));

	/* a write to a read-only region, once the page is young */
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_READ, true, &t,
				  &why));
	ASSERT_TRUE(t.done);
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_WRITE, true, &t,
				  &why));
	EXPECT_FALSE(t.done);
	EXPECT_EQ(SHADOW_MM_FAULT_PERMISSION, t.fault);
	EXPECT_EQ(self->cfg.levels - 1, t.fault_level);
	EXPECT_EQ(0, t.fixup);
	EXPECT_EQ(0, t_attr(self, va) & SMM_PT_ATTR_DIRTY);
	/* executing it */
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_EXEC, true, &t,
				  &why));
	EXPECT_FALSE(t.done);
	EXPECT_EQ(SHADOW_MM_FAULT_PERMISSION, t.fault);

	/*
	 * A write to an old read-only page: the MMU checks the access flag
	 * first, and the handler refuses the write.
	 */
	ASSERT_EQ(0, smm_as_touch(self->as, va + T_PAGE, SMM_ACCESS_WRITE,
				  true, &t, &why));
	EXPECT_FALSE(t.done);
	EXPECT_EQ(0, t.fixup);
	EXPECT_EQ(t_has_af(self) ? SHADOW_MM_FAULT_ACCESS_FLAG :
		  t_is_arm(self) ? SHADOW_MM_FAULT_TRANSLATION :
		  SHADOW_MM_FAULT_PERMISSION, t.fault);
	EXPECT_EQ(0, t_attr(self, va + T_PAGE) & SMM_PT_ATTR_ACCESSED);

	/* user access to a kernel page */
	ASSERT_EQ(0, smm_as_touch(self->as, kva, SMM_ACCESS_READ, true, &t,
				  &why));
	EXPECT_FALSE(t.done);
	EXPECT_EQ(0, t.fixup);
	/* the kernel itself may */
	ASSERT_EQ(0, smm_as_touch(self->as, kva, SMM_ACCESS_EXEC, false, &t,
				  &why));
	EXPECT_TRUE(t.done);

	/* nothing mapped there */
	ASSERT_EQ(0, smm_as_touch(self->as, self->base + (64ULL << 20),
				  SMM_ACCESS_READ, true, &t, &why));
	EXPECT_FALSE(t.done);
	EXPECT_EQ(SHADOW_MM_FAULT_TRANSLATION, t.fault);
	EXPECT_EQ(0, t.fixup);
	EXPECT_FALSE(t.w.mapped);
	EXPECT_EQ(t.w.fault_level, t.fault_level);

	/* bad touches */
	EXPECT_EQ(-EINVAL, smm_as_touch(self->as, va, 99, true, &t, &why));
	EXPECT_STREQ("unknown access", why);
	EXPECT_EQ(-ERANGE, smm_as_touch(self->as, 1ULL << 60, SMM_ACCESS_READ,
					true, &t, &why));
	TH_LOG("%s", why);
}

TEST_F(as, demand_region_maps_on_first_touch)
{
	u64 va = self->base + 3 * T_PAGE;
	struct smm_as_stats st;
	struct smm_touch t;
	const char *why = NULL;
	unsigned long tables = self->pool->table_pages;

	ASSERT_EQ(0, smm_as_map(self->as, va, 8 * T_PAGE, T_URW,
				SMM_AS_DEMAND, 0, 0, &st, &why));
	EXPECT_EQ(0, st.pages);
	EXPECT_EQ(tables, self->pool->table_pages);
	EXPECT_EQ(0, self->as->mapped_bytes);

	ASSERT_EQ(0, smm_as_touch(self->as, va + 5, SMM_ACCESS_READ, true, &t,
				  &why));
	EXPECT_TRUE(t.done);
	EXPECT_EQ(SHADOW_MM_FAULT_TRANSLATION, t.fault);
	EXPECT_EQ(SHADOW_MM_FIXUP_DEMAND_MAP, t.fixup);
	EXPECT_TRUE(t.w.mapped);
	EXPECT_TRUE(t_pool_is_data(self->pool, t.w.pa));
	EXPECT_EQ(5, t.w.pa & (T_PAGE - 1));
	EXPECT_EQ(1, self->pool->data_pages);
	EXPECT_EQ(T_PAGE, self->as->mapped_bytes);
	EXPECT_NE(0, t.w.attr & SMM_PT_ATTR_ACCESSED);
	EXPECT_EQ(0, t.w.attr & SMM_PT_ATTR_DIRTY);

	/* the same page again: no fault on a read */
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_READ, true, &t,
				  &why));
	EXPECT_TRUE(t.done);
	EXPECT_EQ(0, t.fault);
	EXPECT_EQ(1, self->pool->data_pages);

	/* a write to a new page: mapped young and dirty */
	ASSERT_EQ(0, smm_as_touch(self->as, va + 7 * T_PAGE, SMM_ACCESS_WRITE,
				  true, &t, &why));
	EXPECT_TRUE(t.done);
	EXPECT_EQ(SHADOW_MM_FIXUP_DEMAND_MAP, t.fixup);
	EXPECT_NE(0, t.w.attr & SMM_PT_ATTR_DIRTY);
	EXPECT_EQ(2, self->pool->data_pages);

	/* protect reaches pages not there yet through the region */
	ASSERT_EQ(0, smm_as_protect(self->as, va, 8 * T_PAGE,
				    SMM_PROT_READ | SMM_PROT_USER, &st, &why));
	EXPECT_EQ(2, st.pages);
	ASSERT_EQ(0, smm_as_touch(self->as, va + T_PAGE, SMM_ACCESS_WRITE,
				  true, &t, &why));
	EXPECT_FALSE(t.done);
	EXPECT_EQ(0, t.fixup);
	EXPECT_EQ(2, self->pool->data_pages);
	ASSERT_EQ(0, smm_as_touch(self->as, va + T_PAGE, SMM_ACCESS_READ,
				  true, &t, &why));
	EXPECT_TRUE(t.done);
	EXPECT_EQ(0, t.w.attr & SMM_PT_ATTR_SW_WRITE);

	/* unmap frees the demand pages and the tables they needed */
	ASSERT_EQ(0, smm_as_unmap(self->as, va, 8 * T_PAGE, &st, &why));
	EXPECT_EQ(3, st.pages);
	EXPECT_EQ(0, self->pool->data_pages);
	EXPECT_EQ(tables, self->pool->table_pages);
}

TEST_F(as, protect_keeps_address_and_attributes)
{
	u64 va = self->base;
	struct smm_touch t;
	const char *why = NULL;
	struct smm_walk w;
	u64 pa;

	ASSERT_EQ(0, smm_as_map(self->as, va, T_PAGE, T_RW, SMM_AS_PAGES, 0,
				0, NULL, &why));
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_WRITE, false, &t,
				  &why));
	ASSERT_TRUE(t.done);
	pa = t.w.pa;
	ASSERT_EQ(0, smm_as_protect(self->as, va, T_PAGE, SMM_PROT_READ, NULL,
				    &why));
	ASSERT_EQ(0, smm_as_walk(self->as, va, &w, &why));
	ASSERT_TRUE(w.mapped);
	EXPECT_EQ(pa, w.pa);
	EXPECT_EQ(0, w.perm & SMM_PT_PW);
	EXPECT_NE(0, w.attr & SMM_PT_ATTR_ACCESSED);
	EXPECT_NE(0, w.attr & SMM_PT_ATTR_DIRTY);
	EXPECT_NE(0, w.attr & SMM_PT_ATTR_GLOBAL);
	/* writable and user again: no longer global, writes go through */
	ASSERT_EQ(0, smm_as_protect(self->as, va, T_PAGE, T_URW, NULL, &why));
	ASSERT_EQ(0, smm_as_touch(self->as, va, SMM_ACCESS_WRITE, true, &t,
				  &why));
	EXPECT_TRUE(t.done);
	EXPECT_EQ(pa, t.w.pa);
	EXPECT_EQ(0, t.w.attr & SMM_PT_ATTR_GLOBAL);
}

/* Table pages come and go with what they map; the root stays. */
TEST_F(as, unmap_frees_empty_tables)
{
	unsigned int half = t_half_bits(&self->cfg), i;
	struct smm_as_stats st;
	const char *why = NULL;
	u64 va[4];

	/* far apart: each needs tables of its own below the root */
	for (i = 0; i < 4; i++) {
		va[i] = ((1ULL << half) / 4) * i + 0x7000;
		ASSERT_EQ(0, smm_as_map(self->as, va[i], 2 * T_PAGE, T_RW,
					SMM_AS_PAGES, 0, 0, &st, &why));
		EXPECT_EQ(self->cfg.levels - 1, st.tables);
	}
	EXPECT_EQ(self->root_pages + 4 * (self->cfg.levels - 1),
		  self->as->table_pages);
	/* half of one range: its tables stay */
	ASSERT_EQ(0, smm_as_unmap(self->as, va[1], T_PAGE, &st, &why));
	EXPECT_EQ(0, st.tables);
	ASSERT_EQ(0, smm_as_unmap(self->as, va[1] + T_PAGE, T_PAGE, &st,
				  &why));
	EXPECT_EQ(self->cfg.levels - 1, st.tables);
	/* one unmap over everything */
	ASSERT_EQ(0, smm_as_unmap(self->as, 0, 1ULL << half, &st, &why));
	EXPECT_EQ(3 * (self->cfg.levels - 1), st.tables);
	EXPECT_EQ(6, st.pages);
	EXPECT_EQ(self->root_pages, self->as->table_pages);
	EXPECT_EQ(self->root_pages, self->pool->table_pages);
	EXPECT_EQ(0, self->pool->data_pages);
}

TEST_F(as, destroy_frees_everything)
{
	struct smm_touch t;
	const char *why = NULL;

	ASSERT_EQ(0, smm_as_map(self->as, self->base, 40 * T_PAGE, T_RW,
				SMM_AS_PAGES, 0, 0, NULL, &why));
	ASSERT_EQ(0, smm_as_map(self->as, self->base + 64 * self->block,
				self->block, T_RW, SMM_AS_PAGES, 0, 0, NULL,
				&why));
	ASSERT_EQ(0, smm_as_map(self->as, self->base + (1ULL << 30), 4 *
				T_PAGE, T_RW, SMM_AS_DEMAND, 0, 0, NULL, &why));
	ASSERT_EQ(0, smm_as_touch(self->as, self->base + (1ULL << 30),
				  SMM_ACCESS_WRITE, false, &t, &why));
	ASSERT_EQ(0, smm_as_map(self->as, 0x10000000, self->block,
				SMM_PROT_READ, SMM_AS_PFN, 0x12345, 0, NULL,
				&why));
	if (self->cfg.fmt->id == SHADOW_MM_PT_FORMAT_X86_64)
		ASSERT_EQ(0, smm_as_map(self->as, ~0ULL << 40, 3 * T_PAGE,
					T_RW, SMM_AS_PAGES, 0, 0, NULL, &why));
	EXPECT_LT(self->root_pages, self->pool->table_pages);
	EXPECT_LT(512, self->pool->data_pages);
	/* the teardown checks the pool is empty */
}

TEST_F(as, bad_input_refused_with_a_reason)
{
	u64 va = self->base, pfn_end = 1ULL << (self->cfg.fmt->pa_bits - 12);
	struct smm_as_stats st;
	struct t_snap before, after;
	struct smm_walk w;
	const char *why;
	unsigned int i;
	static const struct {
		u64 va_off;
		u64 len;
		u32 prot;
		int kind;
		u32 flags;
		int err;
		const char *why;
	} bad[] = {
		{ 0x800, T_PAGE, T_RW, SMM_AS_PAGES, 0, -EINVAL,
		  "va is not page aligned" },
		{ 0, 0, T_RW, SMM_AS_PAGES, 0, -EINVAL, "len is 0" },
		{ 0, 0x1800, T_RW, SMM_AS_PAGES, 0, -EINVAL,
		  "len is not a multiple of the page size" },
		{ 0, T_PAGE, SMM_PROT_WRITE, SMM_AS_PAGES, 0, -EINVAL,
		  "prot must include read" },
		{ 0, T_PAGE, 0x10 | SMM_PROT_READ, SMM_AS_PAGES, 0, -EINVAL,
		  "prot has unknown bits" },
		{ 0, T_PAGE, T_RW, 0, 0, -EINVAL, "unknown region kind" },
		{ 0, T_PAGE, T_RW, 9, 0, -EINVAL, "unknown region kind" },
		{ 0, T_PAGE, T_RW, SMM_AS_PAGES, 2, -EINVAL,
		  "unknown map flags" },
		{ 0, ~0ULL - 0xfff, T_RW, SMM_AS_PAGES, 0, -ERANGE,
		  "range wraps around the end of the address space" },
		/* overlaps the region mapped below */
		{ 0x5000, 0x10000, T_RW, SMM_AS_PAGES, 0, -EEXIST,
		  "range overlaps an existing region" },
		{ 0xb000, T_PAGE, T_RW, SMM_AS_DEMAND, 0, -EEXIST,
		  "range overlaps an existing region" },
	};
	u64 probe[2] = { va + 0x4000, va + 0x8000 };

	ASSERT_EQ(0, smm_as_map(self->as, va + 0x4000, 0x8000, T_RW,
				SMM_AS_PAGES, 0, 0, &st, &why));
	t_snap(self, &before, probe, 2);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		EXPECT_EQ(bad[i].err, smm_as_map(self->as, va + bad[i].va_off,
						 bad[i].len, bad[i].prot,
						 bad[i].kind, 0, bad[i].flags,
						 &st, &why)) TH_LOG("case %u", i);
		EXPECT_STREQ(bad[i].why, why);
		EXPECT_EQ(0, st.tables + st.pages + st.blocks);
	}

	/* addresses outside the address space */
	why = NULL;
	switch (self->cfg.fmt->id) {
	case SHADOW_MM_PT_FORMAT_ARM:
	case SHADOW_MM_PT_FORMAT_ARM_LPAE:
		EXPECT_EQ(-ERANGE, smm_as_map(self->as, 0xfffff000, 0x2000,
					      T_RW, SMM_AS_PAGES, 0, 0, &st,
					      &why));
		EXPECT_STREQ("va is outside the 32-bit address space", why);
		break;
	case SHADOW_MM_PT_FORMAT_ARM64:
		/* the upper half is TTBR1's, another root */
		EXPECT_EQ(-ERANGE, smm_as_map(self->as, ~0ULL << 39, T_PAGE,
					      T_RW, SMM_AS_PAGES, 0, 0, &st,
					      &why));
		EXPECT_NE(NULL, why);
		EXPECT_EQ(-ERANGE, smm_as_map(self->as,
					      (1ULL << self->cfg.va_bits) -
					      T_PAGE, 2 * T_PAGE, T_RW,
					      SMM_AS_PAGES, 0, 0, &st, &why));
		break;
	default:
		/* across the non-canonical hole */
		EXPECT_EQ(-ERANGE, smm_as_map(self->as,
					      (1ULL << (self->cfg.va_bits - 1))
					      - T_PAGE, 2 * T_PAGE, T_RW,
					      SMM_AS_PAGES, 0, 0, &st, &why));
		EXPECT_STREQ(self->cfg.va_bits == 48 ?
			     "va is not canonical in the 48-bit address space" :
			     "va is not canonical in the 57-bit address space",
			     why);
		break;
	}
	/* frames beyond the format's physical addresses */
	why = NULL;
	EXPECT_EQ(-ERANGE, smm_as_map(self->as, va + (1ULL << 30), 2 * T_PAGE,
				      SMM_PROT_READ, SMM_AS_PFN, pfn_end - 1, 0,
				      &st, &why));
	EXPECT_NE(NULL, why);
	TH_LOG("%s", why);
	EXPECT_EQ(-ERANGE, smm_as_map(self->as, va + (1ULL << 30), T_PAGE,
				      SMM_PROT_READ, SMM_AS_PFN, pfn_end, 0,
				      &st, &why));
	EXPECT_EQ(0, smm_as_map(self->as, va + (1ULL << 30), T_PAGE,
				SMM_PROT_READ, SMM_AS_PFN, pfn_end - 1, 0, &st,
				&why));
	EXPECT_EQ(0, smm_as_unmap(self->as, va + (1ULL << 30), T_PAGE, &st,
				  &why));

	/* unmap and protect check their ranges alike */
	EXPECT_EQ(-EINVAL, smm_as_unmap(self->as, va + 1, T_PAGE, &st, &why));
	EXPECT_EQ(-EINVAL, smm_as_unmap(self->as, va, 0, &st, &why));
	EXPECT_EQ(-EINVAL, smm_as_protect(self->as, va + 0x4000, T_PAGE, 0,
					  &st, &why));
	EXPECT_STREQ("prot must include read", why);
	EXPECT_EQ(-EINVAL, smm_as_protect(self->as, va, 0x8000, T_RW, &st,
					  &why));
	EXPECT_STREQ("range is not mapped", why);
	EXPECT_EQ(-ERANGE, smm_as_walk(self->as, 1ULL << 62, &w, &why));
	EXPECT_NE(NULL, why);

	t_snap(self, &after, probe, 2);
	t_same(_metadata, &before, &after);
}

/* Every region slot taken: maps, and splits, are refused. */
TEST_F(as, region_slots_run_out)
{
	struct t_snap before, after;
	struct smm_as_stats st;
	const char *why = NULL;
	u64 va = self->base;
	unsigned int i;

	for (i = 0; i < SMM_AS_MAX_REGIONS; i++)
		ASSERT_EQ(0, smm_as_map(self->as, va + 4 * i * T_PAGE, T_PAGE,
					SMM_PROT_READ, SMM_AS_DEMAND, 0, 0,
					&st, &why));
	ASSERT_EQ(0, smm_as_unmap(self->as, va, T_PAGE, &st, &why));
	ASSERT_EQ(0, smm_as_map(self->as, va, 3 * T_PAGE, SMM_PROT_READ,
				SMM_AS_PFN, 0x100, 0, &st, &why));
	t_snap(self, &before, &va, 1);
	EXPECT_EQ(-ENOSPC, smm_as_map(self->as, va - T_PAGE, T_PAGE,
				      SMM_PROT_READ, SMM_AS_PAGES, 0, 0, &st,
				      &why));
	EXPECT_STREQ("no region slot left in the address space", why);
	EXPECT_EQ(-ENOSPC, smm_as_unmap(self->as, va + T_PAGE, T_PAGE, &st,
					&why));
	EXPECT_EQ(-ENOSPC, smm_as_protect(self->as, va + T_PAGE, T_PAGE,
					  SMM_PROT_READ | SMM_PROT_USER, &st,
					  &why));
	t_snap(self, &after, &va, 1);
	t_same(_metadata, &before, &after);
	/* a split at one end only is fine when a slot frees up */
	ASSERT_EQ(0, smm_as_unmap(self->as, va + 2 * T_PAGE, T_PAGE, &st,
				  &why));
	EXPECT_EQ(SMM_AS_MAX_REGIONS, self->as->nr_regions);
	EXPECT_EQ(0x100, self->as->regions[0].pfn);
}

/*
 * A map that runs out of pages at its Nth allocation, for every N: the
 * error comes back and the address space is exactly as before (pages,
 * tables, regions, the existing mappings), or, when the failed
 * allocation was a block's, the map completes with smaller leaves.
 */
TEST_F(as, map_rolls_back_at_every_allocation)
{
	u64 block = self->block, va = self->base + 32 * block - 20 * T_PAGE;
	u64 len = 20 * T_PAGE + block + 36 * T_PAGE, off;
	u64 near = self->base + 32 * block - 40 * T_PAGE;
	u64 probe[4] = { near, near + 3 * T_PAGE, near + 16 * T_PAGE };
	unsigned int n, failed = 0, fell_back = 0;
	struct t_snap before, after;
	struct smm_as_stats st;
	const char *why;
	struct smm_walk w;
	int ret;

	/* a neighbour sharing the tables, touched so it has attributes */
	ASSERT_EQ(0, smm_as_map(self->as, near, 20 * T_PAGE, T_RW,
				SMM_AS_PAGES, 0, 0, NULL, &why));
	probe[3] = self->base + (2ULL << 30);
	ASSERT_EQ(0, smm_as_map(self->as, probe[3], 4 * T_PAGE, T_RW,
				SMM_AS_DEMAND, 0, 0, NULL, &why));
	t_snap(self, &before, probe, 4);

	for (n = 1; ; n++) {
		self->pool->fail_nth = n;
		why = NULL;
		ret = smm_as_map(self->as, va, len, T_RW, SMM_AS_PAGES, 0, 0,
				 &st, &why);
		if (self->pool->fail_nth) {	/* nothing was refused */
			self->pool->fail_nth = 0;
			ASSERT_EQ(0, ret);
			ASSERT_EQ(0, smm_as_unmap(self->as, va, len, NULL,
						  &why));
			break;
		}
		if (ret) {
			ASSERT_EQ(-ENOMEM, ret) TH_LOG("n %u", n);
			EXPECT_NE(NULL, why);
			EXPECT_EQ(0, st.tables + st.pages + st.blocks);
			failed++;
		} else {
			/* a block's allocation failed: pages instead */
			for (off = 0; off < len; off += T_PAGE) {
				ASSERT_EQ(0, smm_as_walk(self->as, va + off,
							 &w, &why));
				ASSERT_TRUE(w.mapped ||
					    (w.step[w.nr_steps - 1].e.attr &
					     SMM_PT_ATTR_SW_PRESENT));
			}
			fell_back++;
			ASSERT_EQ(0, smm_as_unmap(self->as, va, len, NULL,
						  &why));
		}
		t_snap(self, &after, probe, 4);
		t_same(_metadata, &before, &after);
		ASSERT_EQ(0, self->pool->maps);
		ASSERT_EQ(0, self->pool->bad_frees);
		ASSERT_LT(n, 2000);
	}
	TH_LOG("%u allocations failed in turn: %u maps rolled back, %u fell back to pages",
	       n - 1, failed, fell_back);
	EXPECT_LT(3, failed);
	EXPECT_LE(1, fell_back);

	/* a demand fault that finds no page */
	for (n = 1; n < 8; n++) {
		struct smm_touch t;

		self->pool->fail_nth = n;
		ret = smm_as_touch(self->as, probe[3], SMM_ACCESS_READ, false,
				   &t, &why);
		if (self->pool->fail_nth) {
			self->pool->fail_nth = 0;
			ASSERT_EQ(0, ret);
			ASSERT_TRUE(t.done);
			break;
		}
		ASSERT_EQ(-ENOMEM, ret);
		TH_LOG("demand fault, allocation %u failed: %s", n, why);
		t_snap(self, &after, probe, 4);
		t_same(_metadata, &before, &after);
	}
	EXPECT_LT(1, n);
}

/**
 * struct t_scan - what a scan of every table of a space found
 * @seen: table pages met, by pool page
 * @pages: table pages below the root
 * @bytes: bytes the leaves map (each descriptor its level's size)
 * @empty: table pages below the root that hold nothing
 * @strays: leaves outside every region
 */
struct t_scan {
	u8 *seen;
	unsigned long pages;
	u64 bytes;
	unsigned long empty;
	unsigned long strays;
};

static bool t_page_empty(const u8 *page)
{
	unsigned int i;

	for (i = 0; i < T_PAGE; i++)
		if (page[i])
			return false;
	return true;
}

/* The address descriptor @idx of a table at @level for @va maps. */
static u64 t_desc_va(const struct smm_pt_cfg *cfg, unsigned int level,
		     u64 va, unsigned int idx)
{
	va |= (u64)idx << cfg->lvl[level]->shift;
	/* x86_64's upper half: sign-extended */
	if (cfg->fmt->id == SHADOW_MM_PT_FORMAT_X86_64 &&
	    (va >> (cfg->va_bits - 1)) & 1)
		va |= ~0ULL << cfg->va_bits;
	return va;
}

static void t_scan_table(FIXTURE_DATA(as) *self, struct t_scan *sc,
			 unsigned int level, u64 table, u64 va)
{
	const struct smm_pt_cfg *cfg = &self->cfg;
	unsigned int n = 1U << cfg->lvl[level]->bits, idx, page;
	struct smm_pt_entry e;
	u64 pa, raw, sw, dva;
	const u8 *desc;

	for (idx = 0; idx < n; idx++) {
		pa = table + (u64)idx * cfg->fmt->desc_size;
		page = (pa - T_POOL_BASE) >> SMM_PT_PAGE_SHIFT;
		desc = self->pool->page[page] + (pa & (T_PAGE - 1));
		raw = cfg->fmt->read(desc, level, &sw);
		cfg->fmt->decode(cfg, level, raw, sw, &e);
		dva = t_desc_va(cfg, level, va, idx);
		if (e.kind == SMM_PT_TABLE && level + 1 < cfg->levels) {
			page = (e.addr - T_POOL_BASE) >> SMM_PT_PAGE_SHIFT;
			if (!sc->seen[page]) {
				sc->seen[page] = 1;
				sc->pages++;
				if (t_page_empty(self->pool->page[page]))
					sc->empty++;
			}
			t_scan_table(self, sc, level + 1, e.addr, dva);
			continue;
		}
		if (e.kind != SMM_PT_PAGE && e.kind != SMM_PT_BLOCK &&
		    !(e.attr & SMM_PT_ATTR_SW_PRESENT))
			continue;
		sc->bytes += smm_pt_level_size(cfg, level);
		if (!t_in_region(self, dva))
			sc->strays++;
	}
}

/*
 * The space's tables are exactly what it counts: every page reachable,
 * none but the root empty, as many as the space and the pool say, the
 * leaves mapping what the space says, each inside a region.
 */
static void t_check_tables(struct __test_metadata *_metadata,
			   FIXTURE_DATA(as) *self)
{
	struct t_scan sc = { .seen = calloc(self->pool->nr, 1) };

	ASSERT_NE(NULL, sc.seen);
	t_scan_table(self, &sc, 0, self->as->root, 0);
	EXPECT_EQ(0, sc.empty);
	EXPECT_EQ(0, sc.strays);
	EXPECT_EQ(self->as->table_pages, self->root_pages + sc.pages);
	EXPECT_EQ(self->as->table_pages, self->pool->table_pages);
	EXPECT_EQ(self->as->mapped_bytes, sc.bytes);
	free(sc.seen);
}

/* A random range of pages in one of a few windows sharing tables. */
static void t_random_range(FIXTURE_DATA(as) *self, unsigned int *rs,
			   u64 *va, u64 *len)
{
	u64 window = (u64)(t_rand(rs) % 4) << 28;

	*va = self->base + window +
	      ((u64)(t_rand(rs) % (8 * 512)) << SMM_PT_PAGE_SHIFT);
	switch (t_rand(rs) % 4) {
	case 0:
		*va &= ~(self->block - 1);
		*len = self->block * (1 + t_rand(rs) % 3);
		break;
	case 1:
		*len = (u64)(1 + t_rand(rs) % 1024) << SMM_PT_PAGE_SHIFT;
		break;
	default:
		*len = (u64)(1 + t_rand(rs) % 40) << SMM_PT_PAGE_SHIFT;
		break;
	}
}

/*
 * Maps, unmaps, protects and touches at random in a few windows: after
 * each, the tables are exactly what the space counts (no empty table is
 * left behind, none freed too early), and the fast translation agrees
 * with the walk.
 */
TEST_F(as, random_ops_keep_tables_exact)
{
	unsigned int seed = t_env("SMM_SEED", 1), rs = seed ? seed : 1;
	unsigned int ops = t_env("SMM_ROUNDS", 4) * 100, i, k;
	static const enum smm_as_kind kinds[] = {
		SMM_AS_PAGES, SMM_AS_PFN, SMM_AS_DEMAND,
	};
	unsigned long done[4] = { 0 };
	struct smm_touch t;
	struct smm_walk w;
	const char *why;
	u64 va, len, pa;
	int ret;

	TH_LOG("seed %u (replay: SMM_SEED=%u)", seed, seed);
	for (i = 0; i < ops; i++) {
		t_random_range(self, &rs, &va, &len);
		switch (k = t_rand(&rs) % 4) {
		case 0:
			ret = smm_as_map(self->as, va, len,
					 t_rand(&rs) % 2 ? T_RW : T_URW,
					 kinds[t_rand(&rs) % 3],
					 0x40000 + (t_rand(&rs) % 64) * 512,
					 t_rand(&rs) % 3 ? 0 : SMM_AS_MAP_SMALL,
					 NULL, &why);
			break;
		case 1:
			ret = smm_as_unmap(self->as, va, len, NULL, &why);
			break;
		case 2:
			ret = smm_as_protect(self->as, va, len,
					     SMM_PROT_READ, NULL, &why);
			break;
		default:
			ret = smm_as_touch(self->as, va, SMM_ACCESS_WRITE,
					   false, &t, &why);
			break;
		}
		ASSERT_TRUE(ret == 0 || ret == -EEXIST || ret == -EINVAL ||
			    ret == -ENOMEM)
			TH_LOG("op %u: %d %s", k, ret, why);
		if (!ret)
			done[k]++;
		t_check_tables(_metadata, self);
		ASSERT_EQ(0, self->pool->bad_frees);
		ASSERT_EQ(0, self->pool->maps);
		for (k = 0; k < 8; k++) {
			u64 probe = va + (t_rand(&rs) % (len / T_PAGE + 2)) *
					 T_PAGE;

			ASSERT_EQ(0, smm_as_walk(self->as, probe, &w, &why));
			ret = smm_as_translate(self->as, probe, &pa);
			EXPECT_EQ(w.mapped ? 0 : -EFAULT, ret);
			if (w.mapped)
				EXPECT_EQ(w.pa, pa);
		}
	}
	TH_LOG("%lu maps, %lu unmaps, %lu protects, %lu touches done",
	       done[0], done[1], done[2], done[3]);
	EXPECT_LT(10, done[0]);
	EXPECT_LT(10, done[1]);
}

/* Its tables never leave the linear range of a memory that has one. */
TEST(tables_stay_in_the_linear_range)
{
	struct t_pool *pool = t_pool_new_mode(64, T_POOL_BASE, 4, true);
	struct smm_as_stats st;
	struct smm_pt_cfg cfg;
	struct smm_as *as;
	const char *why;
	u64 pa;

	t_cfg(&cfg, "arm64", 4);
	/* the root and two tables fit; the last table below does not */
	pool->ops.mem.linear_size = 3 * T_PAGE;
	ASSERT_EQ(0, smm_as_create(&cfg, &pool->ops, &as));
	EXPECT_EQ(-ENOMEM, smm_as_map(as, 0x40000000, T_PAGE, T_RW,
				      SMM_AS_PFN, 0x100, 0, &st, &why));
	EXPECT_STREQ("out of shadow pages for page tables", why);
	EXPECT_EQ(1, pool->table_pages);
	EXPECT_EQ(-EFAULT, smm_as_translate(as, 0x40000000, &pa));
	/* with room for it, the fast path finds the page */
	pool->ops.mem.linear_size = 64 * T_PAGE;
	ASSERT_EQ(0, smm_as_map(as, 0x40000000, T_PAGE, T_RW, SMM_AS_PFN,
				0x100, 0, &st, &why));
	EXPECT_EQ(0, smm_as_translate(as, 0x40000123, &pa));
	EXPECT_EQ(0x100123, pa);
	EXPECT_EQ(-ERANGE, smm_as_translate(as, 1ULL << 48, &pa));
	smm_as_destroy(as);
	EXPECT_EQ(0, t_pool_used(pool));
	EXPECT_EQ(0, pool->maps);
	t_pool_delete(pool);
}

/* Creation fails cleanly at each of its allocations. */
TEST(create_fails_cleanly)
{
	struct t_pool *pool = t_pool_new(64, T_POOL_BASE, 4);
	struct smm_pt_cfg cfg;
	struct smm_as *as = NULL;
	unsigned int n;

	t_cfg(&cfg, "arm", 2);
	for (n = 1; n <= 2; n++) {
		smm_ctx_fail_nth = n;
		EXPECT_EQ(-ENOMEM, smm_as_create(&cfg, &pool->ops, &as));
		smm_ctx_fail_nth = 0;
	}
	pool->fail_nth = 1;
	EXPECT_EQ(-ENOMEM, smm_as_create(&cfg, &pool->ops, &as));
	EXPECT_EQ(0, t_pool_used(pool));
	cfg.levels = 3;
	EXPECT_EQ(-EINVAL, smm_as_create(&cfg, &pool->ops, &as));
	t_pool_delete(pool);
}

/* Counts the runs of a dump and the pages they cover. */
static int t_count_run(void *arg, const struct smm_pt_run *run)
{
	u64 *acc = arg;

	acc[0]++;
	acc[1] += run->nr;
	return 0;
}

/*
 * arm: a page mapped but never touched is old, its hardware PTE empty;
 * the dump still shows it, reading the Linux PTE as ptdump does.
 */
TEST(arm_dump_shows_old_pages)
{
	struct t_pool *pool = t_pool_new(64, T_POOL_BASE, 4);
	const u64 va = 0x400000, len = 16 * SMM_PT_PAGE_SIZE;
	struct smm_as_stats st;
	struct smm_pt_cfg cfg;
	struct smm_as *as = NULL;
	const char *why = NULL;
	struct smm_walk w;
	u64 acc[2] = { 0, 0 }, next;

	t_cfg(&cfg, "arm", 2);
	ASSERT_EQ(0, smm_as_create(&cfg, &pool->ops, &as));
	ASSERT_EQ(0, smm_as_map(as, va, len, SMM_PROT_READ | SMM_PROT_WRITE,
				SMM_AS_PAGES, 0, 0, &st, &why)) TH_LOG("%s", why);
	ASSERT_EQ(0, smm_as_walk(as, va, &w, &why));
	EXPECT_FALSE(w.mapped);
	EXPECT_TRUE(w.step[w.nr_steps - 1].e.attr & SMM_PT_ATTR_SW_PRESENT);
	ASSERT_EQ(0, smm_pt_dump(&as->cfg, &as->ops->mem, as->root, 0,
				 1ULL << 32, t_count_run, acc, &next));
	EXPECT_EQ(1, acc[0]);
	EXPECT_EQ(16, acc[1]);
	smm_as_destroy(as);
	EXPECT_EQ(0, t_pool_used(pool));
	t_pool_delete(pool);
}

TEST_HARNESS_MAIN
