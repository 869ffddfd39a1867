// SPDX-License-Identifier: GPL-2.0
/*
 * Seeded random workloads on the shadow memory manager: random layouts
 * (holes, nodes, zones) and thousands of random allocations, frees,
 * refused frees, isolations and drains on random CPUs, with the
 * invariant checker after every step. The seed is printed; SMM_SEED=N
 * replays a run, SMM_STEPS=N changes its length.
 */

#include <sanitizer/lsan_interface.h>
#include <time.h>

#include "kselftest_harness.h"

#include "mm_helpers.h"

struct t_live {
	u64 pfn;
	unsigned int order;
};

FIXTURE(random)
{
	struct smm_mm *mm;
	struct smm_block *blocks;
	unsigned int nr_blocks;
	struct t_live *live;
	unsigned int nr_live;
	unsigned int seed;
	unsigned int steps;
	u32 gfp_off;
};

FIXTURE_VARIANT(random)
{
	unsigned int max_order;
	unsigned int pb_order;
	unsigned int nr_nodes;
	unsigned int nr_cpus;
	unsigned int nr_sections;
	u32 zone_mask;
	unsigned int steps;
};

/* x86_64 and arm64: orders to 10, pageblocks of 9, DMA and DMA32. */
FIXTURE_VARIANT_ADD(random, x86_64)
{
	.max_order = 10, .pb_order = 9, .nr_nodes = 2, .nr_cpus = 4,
	.nr_sections = 12,
	.zone_mask = BIT(SMM_ZONE_DMA) | BIT(SMM_ZONE_DMA32) |
		     BIT(SMM_ZONE_NORMAL) | BIT(SMM_ZONE_MOVABLE),
	.steps = 4000,
};

/* armhf: orders to 11, pageblocks as large as sections, HighMem. */
FIXTURE_VARIANT_ADD(random, armhf)
{
	.max_order = 11, .pb_order = 11, .nr_nodes = 1, .nr_cpus = 2,
	.nr_sections = 6,
	.zone_mask = BIT(SMM_ZONE_NORMAL) | BIT(SMM_ZONE_HIGHMEM) |
		     BIT(SMM_ZONE_MOVABLE),
	.steps = 4000,
};

/* Small sections and pageblocks: merges across pageblocks all the time. */
FIXTURE_VARIANT_ADD(random, tiny)
{
	.max_order = 4, .pb_order = 2, .nr_nodes = 3, .nr_cpus = 3,
	.nr_sections = 40,
	.zone_mask = BIT(SMM_ZONE_DMA32) | BIT(SMM_ZONE_NORMAL),
	.steps = 6000,
};

static unsigned int t_env(const char *name, unsigned int dflt)
{
	const char *v = getenv(name);

	return v && *v ? (unsigned int)strtoul(v, NULL, 0) : dflt;
}

static unsigned int t_pick_zone(u32 mask, unsigned int r)
{
	unsigned int t, n = 0;

	for (t = 0; t < SMM_NR_ZONE_TYPES; t++)
		if (mask & BIT(t))
			n++;
	r %= n;
	for (t = 0; t < SMM_NR_ZONE_TYPES; t++)
		if ((mask & BIT(t)) && !r--)
			return t;
	return SMM_ZONE_NORMAL;
}

/*
 * A random layout: some sections absent, the others filled with random
 * aligned blocks leaving holes, in random node and zone.
 */
static void t_random_layout(FIXTURE_DATA(random) *self,
			    const FIXTURE_VARIANT(random) *v,
			    unsigned int *rs)
{
	unsigned long sec = 1UL << v->max_order, max = v->nr_sections * sec;
	unsigned int s;

	self->blocks = calloc(max, sizeof(*self->blocks));
	for (s = 0; s < v->nr_sections; s++) {
		unsigned int nid = t_rand(rs) % v->nr_nodes;
		unsigned int zone = t_pick_zone(v->zone_mask, t_rand(rs));
		unsigned long off = 0;

		if (s && t_rand(rs) % 5 == 0)
			continue;	/* an absent section */
		while (off < sec) {
			unsigned int order = t_rand(rs) % (v->max_order + 1);
			struct smm_block *b;

			while (off & ((1UL << order) - 1) ||
			       off + (1UL << order) > sec)
				order--;
			if (t_rand(rs) % 6 == 0) {	/* a hole */
				off += 1UL << order;
				continue;
			}
			b = &self->blocks[self->nr_blocks++];
			b->pfn = T_BASE + s * sec + off;
			b->order = order;
			b->nid = nid;
			b->zone = zone;
			off += 1UL << order;
		}
	}
	if (!self->nr_blocks) {
		self->blocks[0].pfn = T_BASE;
		self->blocks[0].zone = SMM_ZONE_NORMAL;
		self->nr_blocks = 1;
	}
	/* Hand them over in a random order. */
	for (s = self->nr_blocks; s > 1; s--) {
		unsigned int j = t_rand(rs) % s;
		struct smm_block tmp = self->blocks[s - 1];

		self->blocks[s - 1] = self->blocks[j];
		self->blocks[j] = tmp;
	}
}

FIXTURE_SETUP(random)
{
	struct smm_mm_params p = t_params(variant->nr_nodes, variant->nr_cpus);
	unsigned int rs;

	self->seed = t_env("SMM_SEED", 0);
	if (!self->seed)
		self->seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	self->steps = t_env("SMM_STEPS", variant->steps);
	TH_LOG("seed %u (replay: SMM_SEED=%u)", self->seed, self->seed);
	rs = self->seed;

	p.max_order = variant->max_order;
	p.pb_order = variant->pb_order;
	p.zone_mask = variant->zone_mask;
	t_random_layout(self, variant, &rs);
	ASSERT_EQ(0, smm_mm_create(&p, self->blocks, self->nr_blocks,
				   &self->mm));
	self->live = calloc(self->mm->present_pages + 1, sizeof(*self->live));
	self->nr_live = 0;
	ASSERT_EQ(0, t_check(self->mm));
}

FIXTURE_TEARDOWN(random)
{
	smm_mm_destroy(self->mm);
	free(self->live);
	free(self->blocks);
}

static u32 t_random_gfp(unsigned int r)
{
	static const u32 zones[] = {
		0, 0, 0, SMM_GFP_DMA, SMM_GFP_DMA32, SMM_GFP_HIGHMEM,
		SMM_GFP_MOVABLE, SMM_GFP_MOVABLE | SMM_GFP_HIGHMEM,
		SMM_GFP_RECLAIMABLE,
	};
	u32 gfp = zones[r % ARRAY_SIZE(zones)];

	r /= ARRAY_SIZE(zones);
	if (r % 8 == 0)
		gfp |= SMM_GFP_THISNODE;
	if (r % 11 == 0)
		gfp |= SMM_GFP_NOFALLBACK;
	if (r % 5 == 0)
		gfp |= SMM_GFP_ATOMIC;
	if (r % 7 == 0)
		gfp |= SMM_GFP_HIGH;
	if (r % 3 == 0)
		gfp |= SMM_GFP_COMP;
	if (r % 4 == 0)
		gfp |= SMM_GFP_ZERO;
	if (r % 13 == 0)
		gfp |= SMM_GFP_NORECLAIM;
	return gfp;
}

static void t_alloc_all_ways(struct __test_metadata *_metadata,
			     FIXTURE_DATA(random) *self,
			     const FIXTURE_VARIANT(random) *v,
			     unsigned int *rs)
{
	struct smm_alloc_req req;
	unsigned int r = t_rand(rs);
	u64 pfn;
	int ret;

	req.order = r % 4 ? r % 4 : t_rand(rs) % (v->max_order + 1);
	req.gfp = t_random_gfp(t_rand(rs)) & ~self->gfp_off;
	req.nid = t_rand(rs) % (v->nr_nodes + 1) - 1;
	req.migratetype = t_rand(rs) % 4 ? SMM_MIGRATE_FROM_GFP :
			  (int)(t_rand(rs) % SMM_MIGRATE_PCPTYPES);
	req.owner = t_rand(rs) % 3;
	req.cpu = t_rand(rs) % v->nr_cpus;
	ret = smm_alloc(self->mm, &req, &pfn);
	if (ret == -ENOMEM)
		return;
	ASSERT_EQ(0, ret) TH_LOG("order %u gfp %#x", req.order, req.gfp);
	ASSERT_EQ(0, pfn & ((1ULL << req.order) - 1));
	self->live[self->nr_live].pfn = pfn;
	self->live[self->nr_live].order = req.order;
	self->nr_live++;
}

static void t_free_one(struct __test_metadata *_metadata,
		       FIXTURE_DATA(random) *self, unsigned int i,
		       unsigned int cpu)
{
	ASSERT_EQ(0, smm_free(self->mm, self->live[i].pfn, cpu))
		TH_LOG("pfn %#llx", (unsigned long long)self->live[i].pfn);
	self->live[i] = self->live[--self->nr_live];
}

TEST_F(random, workload_with_checker_after_every_step)
{
	const FIXTURE_VARIANT(random) *v = variant;
	struct smm_mm *mm = self->mm;
	unsigned int rs = self->seed * 2654435761u + 1, step, i;
	unsigned long pages = 0, blocks = 0;
	u64 iso[8];
	unsigned int nr_iso = 0;

	for (step = 0; step < self->steps; step++) {
		unsigned int op = t_rand(&rs) % 100;
		unsigned int cpu = t_rand(&rs) % v->nr_cpus;

		if (op < 52 || !self->nr_live) {
			t_alloc_all_ways(_metadata, self, v, &rs);
		} else if (op < 90) {
			t_free_one(_metadata, self,
				   t_rand(&rs) % self->nr_live, cpu);
		} else if (op < 94) {
			/* Inside a live block, past its end, or a hole. */
			struct t_live *l = &self->live[t_rand(&rs) %
						       self->nr_live];
			u64 bad = l->order ? l->pfn + 1 + t_rand(&rs) %
				  ((1U << l->order) - 1) :
				  mm->end_pfn + t_rand(&rs) % 64;

			ASSERT_EQ(-EINVAL, smm_free(mm, bad, cpu))
				TH_LOG("step %u pfn %#llx", step,
				       (unsigned long long)bad);
		} else if (op < 96 && nr_iso < ARRAY_SIZE(iso)) {
			const struct smm_block *b =
				&self->blocks[t_rand(&rs) % self->nr_blocks];

			if (!smm_pageblock_isolate(mm, b->pfn))
				iso[nr_iso++] = b->pfn;
		} else if (op < 98 && nr_iso) {
			i = t_rand(&rs) % nr_iso;
			ASSERT_EQ(0, smm_pageblock_unisolate(mm, iso[i],
				  t_rand(&rs) % SMM_MIGRATE_PCPTYPES));
			iso[i] = iso[--nr_iso];
		} else if (op < 99) {
			smm_drain_cpu(mm, cpu);
		} else {
			smm_drain_all(mm);
		}
		ASSERT_EQ(0, t_check(mm))
			TH_LOG("step %u, seed %u", step, self->seed);
	}

	/* What the owners hold is what the test holds. */
	smm_mm_owner_usage(mm, NULL, NULL);
	for (i = 0; i < SMM_MAX_OWNERS; i++) {
		pages += mm->owners[i].usage_pages;
		blocks += mm->owners[i].usage_blocks;
	}
	EXPECT_EQ(self->nr_live, blocks);
	for (i = 0; i < self->nr_live; i++)
		pages -= 1UL << self->live[i].order;
	EXPECT_EQ(0, pages);

	while (self->nr_live)
		t_free_one(_metadata, self, self->nr_live - 1, 0);
	while (nr_iso)
		ASSERT_EQ(0, smm_pageblock_unisolate(mm, iso[--nr_iso],
						     SMM_MIGRATE_MOVABLE));
	smm_drain_all(mm);
	ASSERT_EQ(0, t_check(mm));
	EXPECT_EQ(mm->present_pages, t_free_all(mm));
}

TEST_F(random, everything_freed_merges_back_to_the_first_blocks)
{
	struct smm_mm_params p = t_params(variant->nr_nodes, variant->nr_cpus);
	struct smm_zone_info a, b;
	unsigned int rs = self->seed + 7, step, nid, t;
	struct smm_mm *fresh;

	p.max_order = variant->max_order;
	p.pb_order = variant->pb_order;
	p.zone_mask = variant->zone_mask;
	/* Highatomic reserves outlive their pages, as in the kernel. */
	self->gfp_off = SMM_GFP_ATOMIC;
	for (step = 0; step < self->steps / 4; step++) {
		if (t_rand(&rs) % 3 || !self->nr_live)
			t_alloc_all_ways(_metadata, self, variant, &rs);
		else
			t_free_one(_metadata, self,
				   t_rand(&rs) % self->nr_live,
				   t_rand(&rs) % variant->nr_cpus);
	}
	while (self->nr_live)
		t_free_one(_metadata, self, t_rand(&rs) % self->nr_live,
			   t_rand(&rs) % variant->nr_cpus);
	smm_drain_all(self->mm);
	ASSERT_EQ(0, t_check(self->mm));

	/* Same blocks handed to a new manager: the same free blocks. */
	ASSERT_EQ(0, smm_mm_create(&p, self->blocks, self->nr_blocks, &fresh));
	for (nid = 0; nid < variant->nr_nodes; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++) {
			if (!fresh->nodes[nid].zones[t].exists)
				continue;
			smm_zone_snapshot(&fresh->nodes[nid].zones[t], &a);
			smm_zone_snapshot(&self->mm->nodes[nid].zones[t], &b);
			EXPECT_EQ(0, memcmp(a.nr_free, b.nr_free,
					    sizeof(a.nr_free)))
				TH_LOG("node %u zone %s seed %u", nid,
				       smm_zone_names[t], self->seed);
		}
	smm_mm_destroy(fresh);
}

TEST(create_fails_cleanly_on_random_layouts)
{
	struct smm_mm_params p = t_params(3, 2);
	unsigned int seed = t_env("SMM_SEED", 0), rs, n, i;
	struct smm_block b[64];
	struct smm_mm *mm;
	int ret;

	if (!seed)
		seed = (unsigned int)time(NULL);
	TH_LOG("seed %u", seed);
	rs = seed;
	for (i = 0; i < ARRAY_SIZE(b); i++) {
		b[i].order = t_rand(&rs) % 11;
		b[i].pfn = T_BASE + (u64)(i * 64 + t_rand(&rs) % 64) * 1024;
		b[i].nid = t_rand(&rs) % 3;
		b[i].zone = t_pick_zone(p.zone_mask, t_rand(&rs));
	}
	for (n = 1; ; n++) {
		smm_ctx_fail_nth = n;
		ret = smm_mm_create(&p, b, ARRAY_SIZE(b), &mm);
		smm_ctx_fail_nth = 0;
		if (!ret)
			break;
		ASSERT_EQ(-ENOMEM, ret) TH_LOG("allocation %u", n);
		ASSERT_LT(n, 10000);
	}
	EXPECT_LT(3, n);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
	EXPECT_EQ(0, __lsan_do_recoverable_leak_check());
}

TEST_HARNESS_MAIN
