// SPDX-License-Identifier: GPL-2.0
/*
 * The walker (module/core/walk.c) over every format and depth: random
 * layouts of pages, given frames, blocks and contiguous runs, mapped
 * through the shadow address spaces, then every mapped page and many
 * holes walked back (address, permissions, size, the index of every
 * level), the fast paths (smm_pt_translate(), smm_as_translate())
 * compared with the full walk, tables in a linear range or each page
 * apart, and range dumps checked to cover exactly what is mapped, in
 * order, resumable. Also
 * the addresses each format translates, and descriptors the walker
 * must refuse to follow.
 *
 * The seed is printed; SMM_SEED=N replays a run, SMM_ROUNDS=N changes
 * the number of layouts per format.
 */

#include "kselftest_harness.h"

#include "pt_helpers.h"

#define T_POOL_PAGES	8192
#define T_MAX_RANGES	40
#define T_MAX_RUNS	4096
#define T_WINDOW	(64ULL << 20)	/* ranges cluster in windows */
#define T_PAGE		SMM_PT_PAGE_SIZE

struct t_range {
	u64 va;
	u64 len;
	u32 prot;
	enum smm_as_kind kind;
	u64 pfn;
	u32 flags;
};

struct t_runs {
	unsigned int nr;
	unsigned int refuse_at;		/* refuse the run with this number */
	struct smm_pt_run run[T_MAX_RUNS];
};

FIXTURE(walk)
{
	struct t_pool *pool;
	struct smm_pt_cfg cfg;
	struct smm_as *as;
	unsigned int seed;
	unsigned int rs;
	struct t_range range[T_MAX_RANGES];
	unsigned int nr;
	struct t_runs *runs, *again;
	unsigned long blocks, pages, nr_runs, scattered;
};

/* @linear: tables in one linear range, walked unchecked as the kernel's */
FIXTURE_VARIANT(walk)
{
	const char *fmt;
	unsigned int levels;
	bool linear;
};

FIXTURE_VARIANT_ADD(walk, arm) { .fmt = "arm", .levels = 2 };
FIXTURE_VARIANT_ADD(walk, arm_lpae) { .fmt = "arm-lpae", .levels = 3 };
FIXTURE_VARIANT_ADD(walk, arm64_39) { .fmt = "arm64", .levels = 3 };
FIXTURE_VARIANT_ADD(walk, arm64_48) { .fmt = "arm64", .levels = 4 };
FIXTURE_VARIANT_ADD(walk, x86_64_4) { .fmt = "x86_64", .levels = 4 };
FIXTURE_VARIANT_ADD(walk, x86_64_5) { .fmt = "x86_64", .levels = 5 };
FIXTURE_VARIANT_ADD(walk, arm_linear) {
	.fmt = "arm", .levels = 2, .linear = true };
FIXTURE_VARIANT_ADD(walk, arm_lpae_linear) {
	.fmt = "arm-lpae", .levels = 3, .linear = true };
FIXTURE_VARIANT_ADD(walk, arm64_39_linear) {
	.fmt = "arm64", .levels = 3, .linear = true };
FIXTURE_VARIANT_ADD(walk, arm64_48_linear) {
	.fmt = "arm64", .levels = 4, .linear = true };
FIXTURE_VARIANT_ADD(walk, x86_64_4_linear) {
	.fmt = "x86_64", .levels = 4, .linear = true };
FIXTURE_VARIANT_ADD(walk, x86_64_5_linear) {
	.fmt = "x86_64", .levels = 5, .linear = true };

FIXTURE_SETUP(walk)
{
	t_cfg(&self->cfg, variant->fmt, variant->levels);
	self->pool = t_pool_new_mode(T_POOL_PAGES, T_POOL_BASE, 10,
				     variant->linear);
	self->pool->scatter = true;
	self->runs = calloc(1, sizeof(*self->runs));
	self->again = calloc(1, sizeof(*self->again));
	ASSERT_TRUE(self->runs && self->again);
	self->seed = t_env("SMM_SEED", 1);
	self->rs = self->seed ? self->seed : 1;
	TH_LOG("seed %u (replay: SMM_SEED=%u)", self->seed, self->seed);
}

FIXTURE_TEARDOWN(walk)
{
	smm_as_destroy(self->as);
	t_pool_delete(self->pool);
	free(self->runs);
	free(self->again);
}

static const struct t_range *t_find(FIXTURE_DATA(walk) *self, u64 va)
{
	unsigned int i;

	for (i = 0; i < self->nr; i++)
		if (va >= self->range[i].va &&
		    va - self->range[i].va < self->range[i].len)
			return &self->range[i];
	return NULL;
}

/* Size of a leaf one level above the pages: 2 MiB, 1 MiB on arm. */
static u64 t_block(const struct smm_pt_cfg *cfg)
{
	return smm_pt_level_size(cfg, cfg->levels - 2);
}

/*
 * A random layout: ranges clustered in a few windows of the lower half
 * (and one of x86's upper half), pages, frames and demand regions,
 * block-sized and contiguous-run-sized ones aligned so that blocks and
 * runs happen, frames congruent to their address often enough.
 */
static void t_layout(struct __test_metadata *_metadata,
		     FIXTURE_DATA(walk) *self)
{
	const struct smm_pt_cfg *cfg = &self->cfg;
	unsigned int half = t_half_bits(cfg), w, k, budget = 3000;
	u64 block = t_block(cfg), big = 16 * block, bases[4];
	u64 pa_top = cfg->fmt->pa_bits > 40 ? 1ULL << 40 :
					      1ULL << cfg->fmt->pa_bits;

	self->nr = 0;
	for (w = 0; w < 4; w++) {
		u64 base = (t_rand64(&self->rs) % ((1ULL << half) / T_WINDOW)) *
			   T_WINDOW;
		u64 cur;

		/* aligned windows, each its own */
		for (k = 0; k < w; k++) {
			if (bases[k] != base)
				continue;
			base = (base + T_WINDOW) & ((1ULL << half) - 1);
			k = -1;
		}
		bases[w] = base;
		if (w == 3) {
			if (cfg->fmt->id != SHADOW_MM_PT_FORMAT_X86_64)
				break;
			base |= ~0ULL << half;	/* the kernel's half */
		}
		cur = base;
		for (k = 0; k < 8 && self->nr < T_MAX_RANGES; k++) {
			struct t_range *r = &self->range[self->nr];
			unsigned int pick = t_rand(&self->rs) % 10;
			const char *why = NULL;
			struct smm_as_stats st;
			u64 align = T_PAGE, pa;
			int ret;

			r->kind = SMM_AS_PAGES;
			r->len = (1 + t_rand(&self->rs) % 48) * T_PAGE;
			if (pick < 2) {
				align = block;
				r->len = block * (1 + t_rand(&self->rs) % 2);
			} else if (pick == 2) {
				/* a run of 16 blocks: supersection, contig */
				align = big;
				r->len = big;
				r->kind = SMM_AS_PFN;
			} else if (pick == 3) {
				align = 16 * T_PAGE;
				r->len = 16 * T_PAGE *
					 (1 + t_rand(&self->rs) % 3);
			}
			cur += (t_rand(&self->rs) % 32) * T_PAGE;
			cur = (cur + align - 1) & ~(align - 1);
			if (cur + r->len > base + T_WINDOW)
				break;
			r->va = cur;
			cur += r->len;

			if (r->kind == SMM_AS_PAGES) {
				pick = t_rand(&self->rs) % 10;
				if (pick < 4 || r->len / T_PAGE > budget)
					r->kind = SMM_AS_PFN;
				else if (pick == 4)
					r->kind = SMM_AS_DEMAND;
			}
			if (r->kind == SMM_AS_PAGES)
				budget -= r->len / T_PAGE;
			r->pfn = 0;
			if (r->kind == SMM_AS_PFN) {
				pa = t_rand64(&self->rs) % (pa_top - r->len);
				if (t_rand(&self->rs) % 3)
					pa = (pa & ~(big - 1)) |
					     (r->va & (big - 1));
				if (pa + r->len > pa_top)
					pa -= big;
				r->pfn = pa >> SMM_PT_PAGE_SHIFT;
			}
			r->prot = SMM_PROT_READ | (t_rand(&self->rs) &
				  (SMM_PROT_WRITE | SMM_PROT_EXEC |
				   SMM_PROT_USER));
			r->flags = t_rand(&self->rs) % 5 ? 0 : SMM_AS_MAP_SMALL;

			ret = smm_as_map(self->as, r->va, r->len, r->prot,
					 r->kind, r->pfn, r->flags, &st, &why);
			ASSERT_EQ(0, ret) TH_LOG("map 0x%llx+0x%llx kind %u: %s",
						 (unsigned long long)r->va,
						 (unsigned long long)r->len,
						 r->kind, why);
			ASSERT_EQ(0, self->pool->maps);
			self->blocks += st.blocks;
			self->pages += st.pages;
			self->nr++;
		}
	}
}

/* The permissions a walk leaves must say what the region asked. */
static void t_check_perm(struct __test_metadata *_metadata,
			 const struct t_range *r, u32 perm, u32 attr, u64 va,
			 bool tracked)
{
	bool user = r->prot & SMM_PROT_USER;

	EXPECT_TRUE(perm & SMM_PT_PR) TH_LOG("va 0x%llx", (unsigned long long)va);
	EXPECT_EQ(user, !!(perm & SMM_PT_UR))
		TH_LOG("va 0x%llx perm 0x%x prot 0x%x",
		       (unsigned long long)va, perm, r->prot);
	EXPECT_EQ(!!(r->prot & SMM_PROT_WRITE), !!(attr & SMM_PT_ATTR_SW_WRITE))
		TH_LOG("va 0x%llx attr 0x%x", (unsigned long long)va, attr);
	if (!(r->prot & SMM_PROT_WRITE))
		EXPECT_EQ(0, perm & (SMM_PT_PW | SMM_PT_UW));
	if (r->prot & SMM_PROT_EXEC)
		EXPECT_NE(0, perm & (user ? SMM_PT_UX : SMM_PT_PX));
	if (!(r->prot & SMM_PROT_EXEC))
		EXPECT_EQ(0, perm & (SMM_PT_PX | SMM_PT_UX));
	if (!user)
		EXPECT_EQ(0, perm & (SMM_PT_UR | SMM_PT_UW | SMM_PT_UX));
	/* New leaves are old and clean (arm sections are always young). */
	if (tracked)
		EXPECT_EQ(0, attr & (SMM_PT_ATTR_ACCESSED | SMM_PT_ATTR_DIRTY));
	EXPECT_EQ(!user, !!(attr & SMM_PT_ATTR_GLOBAL));
}

/* Walk @va of range @r (NULL: a hole) and check it against the model. */
static void t_check_va(struct __test_metadata *_metadata,
		       FIXTURE_DATA(walk) *self, const struct t_range *r,
		       u64 va)
{
	const struct smm_pt_cfg *cfg = &self->cfg;
	const struct smm_pt_mem *mem = &self->pool->ops.mem;
	u64 root = self->as->root, pa = 0, tpa = 0;
	const struct smm_pt_step *last;
	struct smm_walk w;
	unsigned int i;
	int ret;

	ASSERT_EQ(0, smm_pt_walk(cfg, mem, root, va, &w))
		TH_LOG("va 0x%llx", (unsigned long long)va);
	ASSERT_EQ(0, self->pool->maps);
	ASSERT_GE(w.nr_steps, 1);
	ASSERT_LE(w.nr_steps, cfg->levels);
	EXPECT_EQ(root, w.step[0].table);
	for (i = 0; i < w.nr_steps; i++) {
		const struct smm_pt_level *l = cfg->lvl[i];

		EXPECT_EQ(i, w.step[i].level);
		EXPECT_EQ((va >> l->shift) & ((1ULL << l->bits) - 1),
			  w.step[i].index);
		EXPECT_EQ(w.step[i].table + w.step[i].index *
			  cfg->fmt->desc_size, w.step[i].desc_pa);
		if (i + 1 < w.nr_steps)
			EXPECT_EQ(SMM_PT_TABLE, w.step[i].e.kind);
	}
	last = &w.step[w.nr_steps - 1];
	ret = smm_pt_translate(cfg, mem, root, va, &tpa);
	ASSERT_EQ(0, self->pool->maps);
	/* the space's own fast path: the same, in the space's addresses */
	if (cfg->fmt->id != SHADOW_MM_PT_FORMAT_ARM64 ||
	    !(va >> cfg->va_bits)) {
		u64 apa = 0;

		EXPECT_EQ(ret, smm_as_translate(self->as, va, &apa));
		EXPECT_EQ(tpa, apa);
	} else {
		EXPECT_EQ(-ERANGE, smm_as_translate(self->as, va, &tpa));
	}

	if (!r || r->kind == SMM_AS_DEMAND) {
		EXPECT_FALSE(w.mapped) TH_LOG("hole 0x%llx mapped",
					      (unsigned long long)va);
		EXPECT_EQ(0, last->e.attr & SMM_PT_ATTR_SW_PRESENT);
		EXPECT_EQ(w.nr_steps - 1, w.fault_level);
		EXPECT_EQ(-EFAULT, ret);
		return;
	}

	if (w.mapped) {
		EXPECT_EQ(0, ret);
		EXPECT_EQ(w.pa, tpa);
		pa = w.pa;
		EXPECT_EQ(last->e.size, w.size);
		EXPECT_TRUE(last->e.kind == SMM_PT_PAGE ||
			    last->e.kind == SMM_PT_BLOCK);
		EXPECT_EQ(last->e.kind == SMM_PT_PAGE,
			  w.nr_steps == cfg->levels);
		t_check_perm(_metadata, r, w.perm, w.attr, va,
			     last->e.kind == SMM_PT_PAGE ||
			     cfg->fmt->id != SHADOW_MM_PT_FORMAT_ARM);
		if (r->flags & SMM_AS_MAP_SMALL) {
			EXPECT_EQ(cfg->levels, w.nr_steps);
			EXPECT_EQ(0, w.attr & SMM_PT_ATTR_CONTIG);
		}
	} else {
		/* arm: an old page's hardware PTE is empty (Linux's is not) */
		ASSERT_TRUE(cfg->fmt->flags & SMM_PT_FMT_YOUNG_BY_INVALID)
			TH_LOG("va 0x%llx not mapped", (unsigned long long)va);
		ASSERT_TRUE(last->e.attr & SMM_PT_ATTR_SW_PRESENT);
		EXPECT_EQ(cfg->levels, w.nr_steps);
		EXPECT_EQ(-EFAULT, ret);
		pa = last->e.addr + (va & (T_PAGE - 1));
	}

	if (r->kind == SMM_AS_PFN) {
		EXPECT_EQ((r->pfn << SMM_PT_PAGE_SHIFT) + (va - r->va), pa)
			TH_LOG("va 0x%llx", (unsigned long long)va);
	} else {
		EXPECT_TRUE(t_pool_is_data(self->pool, pa))
			TH_LOG("va 0x%llx pa 0x%llx", (unsigned long long)va,
			       (unsigned long long)pa);
	}
}

/* Walk the pages of every range (sampled when long) and random holes. */
static void t_check_all(struct __test_metadata *_metadata,
			FIXTURE_DATA(walk) *self)
{
	unsigned int half = t_half_bits(&self->cfg), i, n;
	u64 va, off;

	for (i = 0; i < self->nr; i++) {
		const struct t_range *r = &self->range[i];

		n = r->len / T_PAGE;
		for (off = 0; off < r->len; off += T_PAGE) {
			if (n > 128 && off > 16 * T_PAGE &&
			    off < r->len - 16 * T_PAGE &&
			    t_rand(&self->rs) % (n / 64))
				continue;
			t_check_va(_metadata, self, r, r->va + off);
		}
		/* just before and after */
		if (r->va && !t_find(self, r->va - T_PAGE))
			t_check_va(_metadata, self, NULL, r->va - T_PAGE);
		va = r->va + r->len;
		if (va && (va >> half) == (r->va >> half) && !t_find(self, va))
			t_check_va(_metadata, self, NULL, va);
	}
	for (i = 0; i < 200; i++) {
		va = t_rand64(&self->rs) & ((1ULL << half) - 1) &
		     ~(T_PAGE - 1);
		if (i & 1 && self->nr)	/* near a range */
			va = (self->range[i % self->nr].va & ~(T_WINDOW - 1)) +
			     (va & (T_WINDOW - 1));
		t_check_va(_metadata, self, t_find(self, va), va);
	}
}

/* arm: touch every page so that its hardware PTE is written (young). */
static void t_make_young(struct __test_metadata *_metadata,
			 FIXTURE_DATA(walk) *self)
{
	struct smm_touch t;
	const char *why;
	unsigned int i;
	u64 off;

	if (!(self->cfg.fmt->flags & SMM_PT_FMT_YOUNG_BY_INVALID))
		return;
	for (i = 0; i < self->nr; i++) {
		const struct t_range *r = &self->range[i];

		if (r->kind == SMM_AS_DEMAND)
			continue;
		for (off = 0; off < r->len; off += T_PAGE) {
			ASSERT_EQ(0, smm_as_touch(self->as, r->va + off,
						  SMM_ACCESS_READ, false, &t,
						  &why));
			ASSERT_TRUE(t.done);
		}
	}
}

static int t_collect(void *arg, const struct smm_pt_run *run)
{
	struct t_runs *runs = arg;

	if (runs->nr == T_MAX_RUNS || runs->nr + 1 == runs->refuse_at)
		return -EMSGSIZE;
	runs->run[runs->nr++] = *run;
	return 0;
}

/* [va, va_end) lies in non-demand ranges; va_end 0 stands for 2^64. */
static bool t_covered(FIXTURE_DATA(walk) *self, u64 va, u64 va_end)
{
	const struct t_range *r;

	for (;;) {
		r = t_find(self, va);
		if (!r || r->kind == SMM_AS_DEMAND)
			return false;
		if (r->va + r->len - 1 >= va_end - 1)
			return true;
		va = r->va + r->len;
	}
}

static void t_check_runs(struct __test_metadata *_metadata,
			 FIXTURE_DATA(walk) *self, const struct t_runs *runs,
			 u64 start, u64 end)
{
	const struct smm_pt_cfg *cfg = &self->cfg;
	const struct smm_pt_mem *mem = &self->pool->ops.mem;
	u64 bytes = 0, want = 0, lastva;
	struct smm_walk w;
	unsigned int i;

	for (i = 0; i < runs->nr; i++) {
		const struct smm_pt_run *run = &runs->run[i];

		ASSERT_TRUE(run->va_end > run->va || !run->va_end);
		ASSERT_GE(run->va, start);
		if (end)
			ASSERT_LE(run->va_end, end);
		ASSERT_TRUE(t_covered(self, run->va, run->va_end))
			TH_LOG("run 0x%llx-0x%llx",
			       (unsigned long long)run->va,
			       (unsigned long long)run->va_end);
		ASSERT_GE(run->nr, 1);
		EXPECT_EQ(smm_pt_level_size(cfg, run->level), run->size);
		bytes += run->va_end - run->va;
		if (i) {
			const struct smm_pt_run *prev = &runs->run[i - 1];

			ASSERT_LE(prev->va_end, run->va);
			/* touching runs differ, or they would be one */
			if (prev->va_end == run->va)
				EXPECT_TRUE(prev->level != run->level ||
					    prev->perm != run->perm ||
					    strcmp(prev->attrs, run->attrs))
					TH_LOG("runs at 0x%llx not merged",
					       (unsigned long long)run->va);
		}
		ASSERT_EQ(0, smm_pt_walk(cfg, mem, self->as->root, run->va,
					 &w));
		ASSERT_TRUE(w.mapped);
		EXPECT_EQ(run->pa, w.pa);
		EXPECT_EQ(run->perm, w.perm);
		EXPECT_EQ(run->level, w.nr_steps - 1);
		lastva = run->va_end - T_PAGE;
		ASSERT_EQ(0, smm_pt_walk(cfg, mem, self->as->root, lastva, &w));
		ASSERT_TRUE(w.mapped);
		EXPECT_EQ(run->perm, w.perm);
		if (run->pa_contig)
			EXPECT_EQ(run->pa + (lastva - run->va), w.pa);
	}
	for (i = 0; i < self->nr; i++) {
		const struct t_range *r = &self->range[i];
		u64 lo = r->va > start ? r->va : start;
		u64 hi = r->va + r->len - 1;

		if (hi > end - 1)
			hi = end - 1;
		if (r->kind != SMM_AS_DEMAND && lo <= hi)
			want += hi - lo + 1;
	}
	EXPECT_EQ(want, bytes);
}

/* Dump [start, end), check the runs, then again stopping half way. */
static void t_check_dump(struct __test_metadata *_metadata,
			 FIXTURE_DATA(walk) *self, u64 start, u64 end)
{
	const struct smm_pt_cfg *cfg = &self->cfg;
	const struct smm_pt_mem *mem = &self->pool->ops.mem;
	u64 next = 1;
	unsigned int k, i;
	int ret;

	self->runs->nr = 0;
	self->runs->refuse_at = 0;
	ret = smm_pt_dump(cfg, mem, self->as->root, start, end, t_collect,
			  self->runs, &next);
	ASSERT_EQ(0, ret);
	ASSERT_EQ(end, next);
	ASSERT_EQ(0, self->pool->maps);
	t_check_runs(_metadata, self, self->runs, start, end);
	for (i = 0; i < self->runs->nr; i++)
		self->scattered += !self->runs->run[i].pa_contig;
	self->nr_runs += self->runs->nr;
	if (!self->runs->nr)
		return;

	/* refuse run k: the dump stops there and resumes from it */
	k = 1 + t_rand(&self->rs) % self->runs->nr;
	self->again->nr = 0;
	self->again->refuse_at = k;
	ret = smm_pt_dump(cfg, mem, self->as->root, start, end, t_collect,
			  self->again, &next);
	ASSERT_EQ(-EMSGSIZE, ret);
	ASSERT_EQ(k - 1, self->again->nr);
	ASSERT_EQ(self->runs->run[k - 1].va, next);
	self->again->nr = 0;
	self->again->refuse_at = 0;
	ASSERT_EQ(0, smm_pt_dump(cfg, mem, self->as->root, next, end,
				 t_collect, self->again, &next));
	ASSERT_EQ(self->runs->nr - (k - 1), self->again->nr);
	for (i = 0; i < self->again->nr; i++) {
		const struct smm_pt_run *a = &self->again->run[i];
		const struct smm_pt_run *b = &self->runs->run[k - 1 + i];

		EXPECT_EQ(b->va, a->va);
		EXPECT_EQ(b->va_end, a->va_end);
		EXPECT_EQ(b->pa, a->pa);
		EXPECT_EQ(b->nr, a->nr);
		EXPECT_STREQ(b->attrs, a->attrs);
	}
}

static void t_check_dumps(struct __test_metadata *_metadata,
			  FIXTURE_DATA(walk) *self)
{
	unsigned int half = t_half_bits(&self->cfg), i;
	const struct t_range *r;
	u64 a, b, half_end;

	t_check_dump(_metadata, self, 0, 1ULL << half);
	if (self->cfg.fmt->id == SHADOW_MM_PT_FORMAT_X86_64)
		t_check_dump(_metadata, self, ~0ULL << half, 0);
	/* ranges clipped in the middle of runs */
	for (i = 0; i < 4 && self->nr; i++) {
		r = &self->range[t_rand(&self->rs) % self->nr];
		a = r->va + (t_rand(&self->rs) % (r->len / T_PAGE)) * T_PAGE;
		b = a + (1 + t_rand(&self->rs) % 4096) * T_PAGE;
		half_end = a >> half ? 0 : 1ULL << half;
		if (b - 1 > half_end - 1)
			b = half_end;
		t_check_dump(_metadata, self, a, b);
	}
}

/* Unmap everything: back to the root alone, every page returned. */
static void t_unmap_all(struct __test_metadata *_metadata,
			FIXTURE_DATA(walk) *self)
{
	unsigned int root_pages = 1U << self->cfg.fmt->root_order, i;
	struct smm_as_stats st;
	const char *why = NULL;

	for (i = 0; i < self->nr; i++)
		ASSERT_EQ(0, smm_as_unmap(self->as, self->range[i].va,
					  self->range[i].len, &st, &why))
			TH_LOG("%s", why);
	EXPECT_EQ(root_pages, self->as->table_pages);
	EXPECT_EQ(0, self->as->mapped_bytes);
	EXPECT_EQ(0, self->as->nr_regions);
	EXPECT_EQ(root_pages, self->pool->table_pages);
	EXPECT_EQ(0, self->pool->data_pages);
	EXPECT_EQ(0, self->pool->bad_frees);
	self->nr = 0;
}

TEST_F(walk, random_layouts_round_trip)
{
	unsigned int rounds = t_env("SMM_ROUNDS", 4), round;

	for (round = 0; round < rounds; round++) {
		ASSERT_EQ(0, smm_as_create(&self->cfg, &self->pool->ops,
					   &self->as));
		t_layout(_metadata, self);
		t_check_all(_metadata, self);
		t_make_young(_metadata, self);
		t_check_dumps(_metadata, self);
		t_unmap_all(_metadata, self);
		/* mapped again and destroyed with everything in place */
		t_layout(_metadata, self);
		smm_as_destroy(self->as);
		self->as = NULL;
		EXPECT_EQ(0, t_pool_used(self->pool));
		EXPECT_EQ(0, self->pool->bad_frees);
		EXPECT_EQ(0, self->pool->bad_maps);
		EXPECT_EQ(0, self->pool->maps);
	}
	TH_LOG("%u layouts: %lu blocks, %lu pages; %lu runs, %lu over scattered pages",
	       rounds, self->blocks, self->pages, self->nr_runs,
	       self->scattered);
}

/* Blocks where alignment allows, one level up when it allows more. */
TEST_F(walk, blocks_and_runs_where_aligned)
{
	const struct smm_pt_cfg *cfg = &self->cfg;
	const struct smm_pt_mem *mem = &self->pool->ops.mem;
	u64 block = t_block(cfg), va = 64 * block, pa = 0x40000000ULL;
	unsigned int contig = cfg->lvl[cfg->levels - 2]->contig;
	struct smm_walk w;
	const char *why;

	ASSERT_EQ(0, smm_as_create(cfg, &self->pool->ops, &self->as));
	/* given frames, aligned: one block leaf per block */
	ASSERT_EQ(0, smm_as_map(self->as, va, 2 * block, SMM_PROT_READ,
				SMM_AS_PFN, pa >> 12, 0, NULL, &why));
	ASSERT_EQ(0, smm_pt_walk(cfg, mem, self->as->root, va + block + 5,
				 &w));
	ASSERT_TRUE(w.mapped);
	EXPECT_EQ(cfg->levels - 1, w.nr_steps);
	EXPECT_EQ(SMM_PT_BLOCK, w.step[w.nr_steps - 1].e.kind);
	EXPECT_EQ(block, w.size);
	EXPECT_EQ(pa + block + 5, w.pa);
	/* misaligned frames: pages */
	ASSERT_EQ(0, smm_as_map(self->as, va + 4 * block, block,
				SMM_PROT_READ, SMM_AS_PFN, (pa >> 12) + 1, 0,
				NULL, &why));
	ASSERT_EQ(0, smm_pt_walk(cfg, mem, self->as->root, va + 4 * block,
				 &w));
	EXPECT_EQ(cfg->levels, w.nr_steps);
	EXPECT_EQ(pa + T_PAGE, w.step[w.nr_steps - 1].e.addr);

	/* 16 blocks of frames: arm supersection, arm64 contiguous blocks */
	va = 256 * block;
	ASSERT_EQ(0, smm_as_map(self->as, va, 16 * block, SMM_PROT_READ,
				SMM_AS_PFN, (16 * block) >> 12, 0, NULL,
				&why));
	ASSERT_EQ(0, smm_pt_walk(cfg, mem, self->as->root,
				 va + 15 * block + 77, &w));
	ASSERT_TRUE(w.mapped);
	EXPECT_EQ(16 * block + 15 * block + 77, w.pa);
	EXPECT_EQ(contig == 16, !!(w.attr & SMM_PT_ATTR_CONTIG));
	if (contig == 16) {
		/* half a run cannot go */
		EXPECT_EQ(-EINVAL, smm_as_unmap(self->as, va, 8 * block,
						NULL, &why));
		TH_LOG("refused: %s", why);
		EXPECT_EQ(-EINVAL, smm_as_protect(self->as, va + block,
						  15 * block,
						  SMM_PROT_READ |
						  SMM_PROT_WRITE, NULL, &why));
	}
	EXPECT_EQ(-EINVAL, smm_as_unmap(self->as, va + 16 * block - T_PAGE,
					T_PAGE, NULL, &why));
	EXPECT_EQ(0, smm_as_unmap(self->as, va, 16 * block, NULL, &why));

	/* small: pages only */
	va = 512 * block;
	ASSERT_EQ(0, smm_as_map(self->as, va, block, SMM_PROT_READ,
				SMM_AS_PFN, pa >> 12, SMM_AS_MAP_SMALL, NULL,
				&why));
	ASSERT_EQ(0, smm_pt_walk(cfg, mem, self->as->root, va, &w));
	EXPECT_EQ(cfg->levels, w.nr_steps);
	EXPECT_EQ(0, w.step[w.nr_steps - 1].e.attr & SMM_PT_ATTR_CONTIG);
	EXPECT_EQ(0, self->pool->maps);
}

/* The addresses each format translates. */
TEST(va_validity_edges)
{
	static const struct {
		const char *fmt;
		unsigned int levels;
		u64 va;
		bool ok;
	} v[] = {
		{ "arm", 2, 0, true },
		{ "arm", 2, 0xffffffffULL, true },
		{ "arm", 2, 1ULL << 32, false },
		{ "arm", 2, ~0ULL, false },
		{ "arm-lpae", 3, 0xfffff000ULL, true },
		{ "arm-lpae", 3, 0x100000000ULL, false },
		{ "arm64", 3, (1ULL << 39) - 1, true },
		{ "arm64", 3, 1ULL << 39, false },
		{ "arm64", 3, ~0ULL << 39, true },
		{ "arm64", 3, (~0ULL << 39) - 1, false },
		{ "arm64", 3, 1ULL << 63, false },
		{ "arm64", 4, (1ULL << 48) - 1, true },
		{ "arm64", 4, 1ULL << 48, false },
		{ "arm64", 4, 0xffff000000000000ULL, true },
		{ "arm64", 4, 0xfffeffffffffffffULL, false },
		{ "x86_64", 4, 0x00007fffffffffffULL, true },
		{ "x86_64", 4, 0x0000800000000000ULL, false },
		{ "x86_64", 4, 0xffff800000000000ULL, true },
		{ "x86_64", 4, 0xffff7fffffffffffULL, false },
		{ "x86_64", 4, ~0ULL, true },
		{ "x86_64", 5, 0x00ffffffffffffffULL, true },
		{ "x86_64", 5, 0x0100000000000000ULL, false },
		{ "x86_64", 5, 0xff00000000000000ULL, true },
		{ "x86_64", 5, 0xfeffffffffffffffULL, false },
	};
	struct t_pool *pool = t_pool_new(16, T_POOL_BASE, 4);
	struct smm_pt_cfg cfg;
	struct smm_walk w;
	struct t_runs *runs = calloc(1, sizeof(*runs));
	unsigned int i;
	u64 root, pa, next;

	ASSERT_NE(NULL, runs);
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		t_cfg(&cfg, v[i].fmt, v[i].levels);
		ASSERT_EQ(0, pool->ops.alloc(pool, cfg.fmt->root_order, true,
					     &root));
		EXPECT_EQ(v[i].ok, smm_pt_va_valid(&cfg, v[i].va))
			TH_LOG("%s/%u 0x%llx", v[i].fmt, v[i].levels,
			       (unsigned long long)v[i].va);
		EXPECT_EQ(v[i].ok ? 0 : -ERANGE,
			  smm_pt_walk(&cfg, &pool->ops.mem, root, v[i].va, &w));
		EXPECT_EQ(v[i].ok ? -EFAULT : -ERANGE,
			  smm_pt_translate(&cfg, &pool->ops.mem, root, v[i].va,
					   &pa));
		EXPECT_EQ(v[i].ok ? 0 : -ERANGE,
			  smm_pt_dump(&cfg, &pool->ops.mem, root, v[i].va, 0,
				      t_collect, runs, &next));
		EXPECT_EQ(0, runs->nr);
		pool->ops.free(pool, root, cfg.fmt->root_order, true);
	}
	EXPECT_EQ(0, pool->maps);
	free(runs);
	t_pool_delete(pool);
}

/*
 * Tables the walker must not follow: an unreadable root or table, a
 * table not aligned to its descriptors, a leaf a level cannot hold, and
 * an arm hardware table in the lower half of its page (no Linux PTE
 * below it: reading one would leave the page).
 */
TEST(unreadable_and_garbage_tables)
{
	struct t_pool *pool = t_pool_new(16, T_POOL_BASE, 4);
	struct smm_pt_cfg cfg;
	struct smm_walk w;
	u64 root, pt, pa, next;
	struct t_runs *runs = calloc(1, sizeof(*runs));
	u32 *l1;

	ASSERT_NE(NULL, runs);
	t_cfg(&cfg, "x86_64", 4);
	EXPECT_EQ(-EIO, smm_pt_walk(&cfg, &pool->ops.mem, 0x1000, 0, &w));
	EXPECT_EQ(-EIO, smm_pt_translate(&cfg, &pool->ops.mem, 0x1000, 0,
					 &pa));
	EXPECT_EQ(-EIO, smm_pt_dump(&cfg, &pool->ops.mem, 0x1000, 0, 1 << 30,
				    t_collect, runs, &next));
	EXPECT_EQ(0, next);
	EXPECT_EQ(-EIO, smm_pt_walk(&cfg, &pool->ops.mem, T_POOL_BASE + 4, 0,
				    &w));
	/* a PML4E pointing outside memory */
	ASSERT_EQ(0, pool->ops.alloc(pool, 0, true, &root));
	*(u64 *)pool->page[(root - T_POOL_BASE) >> 12] = 0x7000 | 0x67;
	EXPECT_EQ(-EIO, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x1234, &w));
	EXPECT_EQ(1, w.nr_steps);
	EXPECT_EQ(SMM_PT_TABLE, w.step[0].e.kind);
	EXPECT_EQ(-EIO, smm_pt_dump(&cfg, &pool->ops.mem, root, 0, 1 << 30,
				    t_collect, runs, &next));
	EXPECT_EQ(0, next);
	pool->ops.free(pool, root, 0, true);

	/* arm64 with 4 levels has no block at level 0 */
	t_cfg(&cfg, "arm64", 4);
	ASSERT_EQ(0, pool->ops.alloc(pool, 0, true, &root));
	*(u64 *)pool->page[(root - T_POOL_BASE) >> 12] =
		0x40000000ULL | 0x401;	/* block, AF */
	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x1234, &w));
	EXPECT_FALSE(w.mapped);
	EXPECT_EQ(0, w.fault_level);
	EXPECT_EQ(SMM_PT_INVALID, w.step[0].e.kind);
	EXPECT_EQ(0x40000000ULL | 0x401, w.step[0].raw);
	EXPECT_EQ(-EFAULT, smm_pt_translate(&cfg, &pool->ops.mem, root,
					    0x1234, &pa));
	pool->ops.free(pool, root, 0, true);

	/* arm: a coarse table at offset 0 of its page, hw PTE present */
	t_cfg(&cfg, "arm", 2);
	ASSERT_EQ(0, pool->ops.alloc(pool, 2, true, &root));
	ASSERT_EQ(0, pool->ops.alloc(pool, 0, true, &pt));
	l1 = (u32 *)pool->page[(root - T_POOL_BASE) >> 12];
	l1[0] = (u32)pt | 1;			/* page table at pt + 0 */
	((u32 *)pool->page[(pt - T_POOL_BASE) >> 12])[3] =
		0x12345000U | 0x32;		/* small page, AP 11 */
	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x3abc, &w));
	EXPECT_EQ(2, w.nr_steps);
	EXPECT_EQ(pt + 12, w.step[1].desc_pa);
	EXPECT_EQ(0, w.step[1].sw);
	EXPECT_TRUE(w.mapped);
	EXPECT_EQ(0x12345abcULL, w.pa);
	runs->nr = 0;
	EXPECT_EQ(0, smm_pt_dump(&cfg, &pool->ops.mem, root, 0, 1 << 20,
				 t_collect, runs, &next));
	EXPECT_EQ(1, runs->nr);
	EXPECT_EQ(0x3000, runs->run[0].va);
	EXPECT_EQ(0x4000, runs->run[0].va_end);
	EXPECT_EQ(0, pool->maps);
	free(runs);
	t_pool_delete(pool);
}

/*
 * A toy format that decodes descriptors as their low two bits say,
 * whatever the level: the walker alone must refuse a table at the last
 * level and leaves a level cannot hold.
 */
static const struct smm_pt_level t_toy_levels[] = {
	{ "top", 21, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "bottom", 12, 9, BIT(SMM_PT_PAGE), 0 },
};

static const struct smm_pt_level *t_toy_level(unsigned int levels,
					      unsigned int level)
{
	return level < 2 ? &t_toy_levels[level] : NULL;
}

static u64 t_toy_read(const void *desc, unsigned int level, u64 *sw)
{
	*sw = 0;
	return *(const u64 *)desc;
}

static void t_toy_decode(const struct smm_pt_cfg *cfg, unsigned int level,
			 u64 raw, u64 sw, struct smm_pt_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->kind = raw & 3;
	e->addr = raw & ~0xfffULL;
	e->size = smm_pt_level_size(cfg, level);
	e->perm = SMM_PT_PERM_ALL;
}

static void t_toy_attrs(const struct smm_pt_cfg *cfg, unsigned int level,
			u64 raw, u64 sw, char *buf, size_t len)
{
	snprintf(buf, len, "toy");
}

static const struct smm_pt_format t_toy = {
	.id = 99, .name = "toy", .min_levels = 2, .max_levels = 2,
	.desc_size = 8, .pa_bits = 40, .level = t_toy_level,
	.read = t_toy_read, .decode = t_toy_decode, .attrs_str = t_toy_attrs,
};

TEST(walker_refuses_what_a_level_cannot_hold)
{
	struct t_pool *pool = t_pool_new(4, T_POOL_BASE, 2);
	struct t_runs *runs = calloc(1, sizeof(*runs));
	struct smm_pt_cfg cfg;
	struct smm_walk w;
	u64 root, pt, pa, next;
	u64 *top, *bottom;

	ASSERT_NE(NULL, runs);
	ASSERT_EQ(0, smm_pt_cfg_init(&cfg, &t_toy, 2, 0));
	ASSERT_EQ(30, cfg.va_bits);
	ASSERT_EQ(0, pool->ops.alloc(pool, 0, true, &root));
	ASSERT_EQ(0, pool->ops.alloc(pool, 0, true, &pt));
	top = (u64 *)pool->page[(root - T_POOL_BASE) >> 12];
	bottom = (u64 *)pool->page[(pt - T_POOL_BASE) >> 12];
	top[0] = pt | SMM_PT_TABLE;
	top[1] = 0x40200000ULL | SMM_PT_BLOCK;
	top[2] = 0x40400000ULL | SMM_PT_PAGE;	/* no pages up here */
	bottom[0] = 0x50000000ULL | SMM_PT_PAGE;
	bottom[1] = pt | SMM_PT_TABLE;		/* no table down here */
	bottom[2] = 0x50002000ULL | SMM_PT_BLOCK;	/* nor blocks */

	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x123, &w));
	EXPECT_TRUE(w.mapped);
	EXPECT_EQ(0x50000123ULL, w.pa);
	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x200123, &w));
	EXPECT_TRUE(w.mapped);
	EXPECT_EQ(0x40200123ULL, w.pa);
	EXPECT_EQ(1 << 21, w.size);
	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x400000, &w));
	EXPECT_FALSE(w.mapped);
	EXPECT_EQ(0, w.fault_level);
	EXPECT_EQ(SMM_PT_INVALID, w.step[0].e.kind);
	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x1000, &w));
	EXPECT_FALSE(w.mapped);
	EXPECT_EQ(1, w.fault_level);
	EXPECT_EQ(SMM_PT_INVALID, w.step[1].e.kind);
	ASSERT_EQ(0, smm_pt_walk(&cfg, &pool->ops.mem, root, 0x2000, &w));
	EXPECT_FALSE(w.mapped);
	EXPECT_EQ(-EFAULT, smm_pt_translate(&cfg, &pool->ops.mem, root, 0x1000,
					    &pa));
	EXPECT_EQ(-EFAULT, smm_pt_translate(&cfg, &pool->ops.mem, root, 0x2000,
					    &pa));
	EXPECT_EQ(-EFAULT, smm_pt_translate(&cfg, &pool->ops.mem, root,
					    0x400000, &pa));
	/* the dump sees the page and the block, nothing else */
	EXPECT_EQ(0, smm_pt_dump(&cfg, &pool->ops.mem, root, 0, 1 << 30,
				 t_collect, runs, &next));
	ASSERT_EQ(2, runs->nr);
	EXPECT_EQ(0, runs->run[0].va);
	EXPECT_EQ(0x1000, runs->run[0].va_end);
	EXPECT_EQ(0x200000, runs->run[1].va);
	EXPECT_EQ(0x400000, runs->run[1].va_end);
	EXPECT_EQ(0, pool->maps);
	free(runs);
	t_pool_delete(pool);
}

TEST_HARNESS_MAIN
