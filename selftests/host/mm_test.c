// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the shadow memory manager (module/core: mm.c,
 * zone.c, buddy.c, pcp.c, check.c), built from the module's sources
 * under ASan/UBSan. Expected numbers are worked out by hand in the
 * comments, the way one would from mm/page_alloc.c.
 */

#include <sanitizer/lsan_interface.h>

#include "kselftest_harness.h"

#include "mm_helpers.h"

static_assert(sizeof(struct smm_page) <= 16, "struct smm_page grew");

static struct smm_mm *t_create_holes(struct __test_metadata *_metadata)
{
	struct smm_mm_params p = t_params(2, 2);
	struct smm_mm *mm = NULL;

	ASSERT_EQ(0, smm_mm_create(&p, t_holes_blocks,
				   ARRAY_SIZE(t_holes_blocks), &mm));
	return mm;
}

/* One node, one zone type, @sections full sections of order 10 each. */
static struct smm_mm *t_create_flat(struct __test_metadata *_metadata,
				    struct smm_mm_params *p,
				    enum smm_zone_type t,
				    unsigned int sections)
{
	struct smm_block *b = calloc(sections, sizeof(*b));
	struct smm_mm *mm = NULL;
	unsigned int i;

	for (i = 0; i < sections; i++) {
		b[i].pfn = T_BASE + i * 1024ULL;
		b[i].order = 10;
		b[i].zone = t;
	}
	EXPECT_EQ(0, smm_mm_create(p, b, sections, &mm));
	free(b);
	return mm;
}

TEST(page_descriptor_is_16_bytes)
{
	TH_LOG("sizeof(struct smm_page) = %zu", sizeof(struct smm_page));
	EXPECT_EQ(16, sizeof(struct smm_page));
}

TEST(layout_with_holes_nodes_and_zones)
{
	struct smm_mm *mm = t_create_holes(_metadata);
	struct smm_node *n0 = &mm->nodes[0], *n1 = &mm->nodes[1];
	struct smm_zone *dma = &n0->zones[SMM_ZONE_DMA];
	struct smm_zone *n1normal = &n1->zones[SMM_ZONE_NORMAL];
	struct smm_page *hole;

	EXPECT_EQ(T_BASE, mm->base_pfn);
	EXPECT_EQ(T_BASE + 8 * 1024, mm->end_pfn);
	EXPECT_EQ(NULL, mm->sections[4].pages);	/* absent section */
	EXPECT_EQ(NULL, smm_pfn_to_page(mm, T_BASE + 0x1000));

	/* DMA: 512 + 256 present, spanning 0x300 pfns. */
	EXPECT_EQ(768, dma->present_pages);
	EXPECT_EQ(768, dma->managed_pages);
	EXPECT_EQ(0x300, dma->spanned_pages);
	EXPECT_EQ(T_BASE, dma->zone_start_pfn);
	hole = smm_pfn_to_page(mm, T_BASE + 0x300);
	ASSERT_NE(NULL, hole);
	EXPECT_EQ(SMM_PG_RESERVED, hole->flags);

	/* Node 1 Normal: 1024 + 256 + 1 present, 0x1400..0x1905. */
	EXPECT_EQ(1281, n1normal->present_pages);
	EXPECT_EQ(0x506, n1normal->spanned_pages);
	EXPECT_EQ(1024, n1->zones[SMM_ZONE_MOVABLE].present_pages);
	EXPECT_EQ(0, n1->zones[SMM_ZONE_DMA].present_pages);
	EXPECT_FALSE(n1->zones[SMM_ZONE_HIGHMEM].exists);

	/* Nodes span their zones, the absent section inside node 0's. */
	EXPECT_EQ(T_BASE, n0->node_start_pfn);
	EXPECT_EQ(0x1000, n0->node_spanned_pages);
	EXPECT_EQ(768 + 2048 + 1024, n0->node_present_pages);
	EXPECT_EQ(T_BASE + 0x1400, n1->node_start_pfn);
	EXPECT_EQ(0xc00, n1->node_spanned_pages);

	/*
	 * Pageblocks: holes-only ones stay Unmovable, as in the kernel, and
	 * are counted, like /proc/pagetypeinfo does, only within the zone's
	 * span: 0x1a00 lies past node 1 Normal's end (0x1906).
	 */
	EXPECT_EQ(SMM_MIGRATE_MOVABLE,
		  smm_pageblock_migratetype(mm, T_BASE + 0x200));
	EXPECT_EQ(SMM_MIGRATE_UNMOVABLE,
		  smm_pageblock_migratetype(mm, T_BASE + 0x1a00 + 0x1ff));
	EXPECT_EQ(0, n1normal->nr_pageblocks[SMM_MIGRATE_UNMOVABLE]);
	EXPECT_EQ(3, n1normal->nr_pageblocks[SMM_MIGRATE_MOVABLE]);

	/* Everything handed over is free, merged as far as it goes. */
	EXPECT_EQ(mm->present_pages, t_free_all(mm));
	EXPECT_EQ(1, dma->free_area[9].nr_free);
	EXPECT_EQ(1, dma->free_area[8].nr_free);
	EXPECT_EQ(2, n0->zones[SMM_ZONE_DMA32].free_area[10].nr_free);
	EXPECT_EQ(1, n1normal->free_area[0].nr_free);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(alloc_and_free_every_order_merges_back)
{
	struct smm_mm *mm = t_create_holes(_metadata);
	struct smm_zone_info before[2][SMM_NR_ZONE_TYPES], after;
	unsigned int order, nid, t;
	u64 pfn;

	for (nid = 0; nid < 2; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++)
			if (mm->nodes[nid].zones[t].exists)
				smm_zone_snapshot(&mm->nodes[nid].zones[t],
						  &before[nid][t]);
	for (order = 0; order <= 10; order++) {
		u32 gfps[] = { 0, SMM_GFP_DMA, SMM_GFP_DMA32,
			       SMM_GFP_HIGHMEM | SMM_GFP_MOVABLE };
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(gfps); i++) {
			int ret = smm_alloc_pages(mm, order, gfps[i], 0, 0, 0,
						  &pfn);

			/* DMA has no order-10 block at all. */
			if (order == 10 && gfps[i] == SMM_GFP_DMA) {
				EXPECT_EQ(-ENOMEM, ret);
				continue;
			}
			ASSERT_EQ(0, ret) TH_LOG("order %u gfp %#x", order,
						 gfps[i]);
			EXPECT_EQ(0, pfn & ((1ULL << order) - 1));
			ASSERT_EQ(0, t_check(mm));
			ASSERT_EQ(0, smm_free(mm, pfn, 1));
			ASSERT_EQ(0, t_check(mm));
		}
	}
	smm_drain_all(mm);
	/*
	 * Back to exactly the blocks we started with (on other lists:
	 * unmovable requests stole pageblocks on the way).
	 */
	for (nid = 0; nid < 2; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++) {
			if (!mm->nodes[nid].zones[t].exists)
				continue;
			smm_zone_snapshot(&mm->nodes[nid].zones[t], &after);
			EXPECT_EQ(0, memcmp(before[nid][t].nr_free,
					    after.nr_free, sizeof(after.nr_free)))
				TH_LOG("node %u zone %s", nid,
				       smm_zone_names[t]);
			EXPECT_EQ(before[nid][t].free_pages, after.free_pages);
		}
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(splits_and_merges_counted)
{
	struct smm_mm_params p = t_params(1, 1);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 1);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	u64 pfn;

	/* Order 4 from the one order-10 block: 6 splits; freeing: 6 merges. */
	ASSERT_EQ(0, smm_alloc_pages(mm, 4, 0, 0, 0, 0, &pfn));
	EXPECT_EQ(T_BASE, pfn);
	EXPECT_EQ(6, z->stats.splits);
	EXPECT_EQ(1, z->stats.allocs);
	for (unsigned int o = 4; o < 10; o++) {
		EXPECT_EQ(1, z->free_area[o].nr_free) TH_LOG("order %u", o);
	}
	ASSERT_EQ(0, smm_free(mm, pfn, 0));
	EXPECT_EQ(6, z->stats.merges);
	EXPECT_EQ(1, z->stats.frees);
	EXPECT_EQ(1, z->free_area[10].nr_free);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(watermarks_and_lowmem_reserve_by_hand)
{
	struct smm_mm_params p = t_params(1, 2);
	struct smm_block b[40];
	struct smm_zone *dma32, *normal, *movable;
	struct smm_mm *mm;
	unsigned int i, n = 0;

	/* DMA32 16384 pages, Normal 16384, Movable 8192. */
	p.zone_mask = BIT(SMM_ZONE_DMA32) | BIT(SMM_ZONE_NORMAL) |
		      BIT(SMM_ZONE_MOVABLE);
	for (i = 0; i < 40; i++, n++) {
		b[n].pfn = T_BASE + i * 1024ULL;
		b[n].order = 10;
		b[n].nid = 0;
		b[n].zone = i < 16 ? SMM_ZONE_DMA32 : i < 32 ?
			    SMM_ZONE_NORMAL : SMM_ZONE_MOVABLE;
	}
	ASSERT_EQ(0, smm_mm_create(&p, b, n, &mm));
	dma32 = &mm->nodes[0].zones[SMM_ZONE_DMA32];
	normal = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	movable = &mm->nodes[0].zones[SMM_ZONE_MOVABLE];

	/*
	 * lowmem = 32768 pages = 131072 kB; int_sqrt(131072 * 16) = 1448 kB
	 * = 362 pages, split by managed pages: 181 to each lowmem zone.
	 */
	EXPECT_EQ(1448, mm->min_free_kbytes);
	/* DMA32/Normal: step max(181 / 4, 16384 * 10 / 10000) = 45. */
	EXPECT_EQ(181, dma32->watermark[SMM_WMARK_MIN]);
	EXPECT_EQ(226, dma32->watermark[SMM_WMARK_LOW]);
	EXPECT_EQ(271, dma32->watermark[SMM_WMARK_HIGH]);
	EXPECT_EQ(316, dma32->watermark[SMM_WMARK_PROMO]);
	EXPECT_EQ(181, normal->watermark[SMM_WMARK_MIN]);
	EXPECT_EQ(271, normal->watermark[SMM_WMARK_HIGH]);
	/*
	 * Movable: min clamp(8192 / 1024, 32, 128) = 32; the step comes
	 * from its lowmem-style share 362 * 8192 / 32768 = 90: max(22, 8).
	 */
	EXPECT_EQ(32, movable->watermark[SMM_WMARK_MIN]);
	EXPECT_EQ(54, movable->watermark[SMM_WMARK_LOW]);
	EXPECT_EQ(76, movable->watermark[SMM_WMARK_HIGH]);

	/* DMA32 (ratio 256): Normal 16384 / 256; +Movable 24576 / 256. */
	EXPECT_EQ(0, dma32->lowmem_reserve[SMM_ZONE_DMA32]);
	EXPECT_EQ(64, dma32->lowmem_reserve[SMM_ZONE_NORMAL]);
	EXPECT_EQ(96, dma32->lowmem_reserve[SMM_ZONE_MOVABLE]);
	/* Normal (ratio 32): Movable 8192 / 32. Movable: none. */
	EXPECT_EQ(0, normal->lowmem_reserve[SMM_ZONE_NORMAL]);
	EXPECT_EQ(256, normal->lowmem_reserve[SMM_ZONE_MOVABLE]);
	EXPECT_EQ(0, movable->lowmem_reserve[SMM_ZONE_MOVABLE]);

	/*
	 * zone_batchsize(): 16384 >> 10 = 16, / 4 = 4, 2^n - 1 below
	 * 4 + 2 = 3; zone_highsize(): low 226 over 2 CPUs = 113.
	 * Movable: 8 / 4 = 2 -> 3 -> 1; 54 / 2 = 27.
	 */
	EXPECT_EQ(3, dma32->pcp_batch);
	EXPECT_EQ(113, dma32->pcp_high);
	EXPECT_EQ(1, movable->pcp_batch);
	EXPECT_EQ(27, movable->pcp_high);

	/*
	 * The check itself: a Movable-capable request sees DMA32's free
	 * pages less 96 reserved; order 0 at mark 16384 - 96 - 1 passes,
	 * one page more does not.
	 */
	EXPECT_TRUE(smm_zone_watermark_ok(dma32, 0, 16384 - 96 - 1,
					  SMM_ZONE_MOVABLE, 0));
	EXPECT_FALSE(smm_zone_watermark_ok(dma32, 0, 16384 - 96,
					   SMM_ZONE_MOVABLE, 0));
	EXPECT_TRUE(smm_zone_watermark_ok(dma32, 0, 16384 - 1,
					  SMM_ZONE_DMA32, 0));
	/* SMM_GFP_HIGH halves the mark. */
	EXPECT_TRUE(smm_zone_watermark_ok(dma32, 0, 2 * 16384 - 100,
					  SMM_ZONE_DMA32, SMM_GFP_HIGH));
	smm_mm_destroy(mm);
}

TEST(min_free_kbytes_clamped)
{
	struct smm_mm_params p = t_params(1, 1);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 1);

	/* 4096 kB: int_sqrt(65536) = 256, inside the clamp. */
	EXPECT_EQ(256, mm->min_free_kbytes);
	smm_mm_destroy(mm);

	/* All in HighMem: no lowmem, the floor of 128 kB. */
	p.zone_mask |= BIT(SMM_ZONE_HIGHMEM);
	mm = t_create_flat(_metadata, &p, SMM_ZONE_HIGHMEM, 1);
	EXPECT_EQ(128, mm->min_free_kbytes);
	EXPECT_EQ(32, mm->nodes[0].zones[SMM_ZONE_HIGHMEM].watermark[0]);
	smm_mm_destroy(mm);
}

TEST(zonelists_for_three_nodes)
{
	static const u8 dist[3][3] = {
		{ 10, 30, 20 },
		{ 30, 10, 20 },
		{ 20, 20, 10 },
	};
	static const struct smm_block b[] = {
		{ T_BASE + 0x0000, 10, 0, SMM_ZONE_DMA32 },
		{ T_BASE + 0x0400, 10, 0, SMM_ZONE_NORMAL },
		{ T_BASE + 0x0800, 10, 1, SMM_ZONE_NORMAL },
		{ T_BASE + 0x0c00, 10, 2, SMM_ZONE_NORMAL },
		{ T_BASE + 0x1000, 10, 2, SMM_ZONE_MOVABLE },
	};
	/* Expected (node, zone) pairs, NORMAL before DMA32 in a node. */
	static const int want[3][5][2] = {
		{ { 0, SMM_ZONE_NORMAL }, { 0, SMM_ZONE_DMA32 },
		  { 2, SMM_ZONE_MOVABLE }, { 2, SMM_ZONE_NORMAL },
		  { 1, SMM_ZONE_NORMAL } },
		{ { 1, SMM_ZONE_NORMAL }, { 2, SMM_ZONE_MOVABLE },
		  { 2, SMM_ZONE_NORMAL }, { 0, SMM_ZONE_NORMAL },
		  { 0, SMM_ZONE_DMA32 } },
		{ { 2, SMM_ZONE_MOVABLE }, { 2, SMM_ZONE_NORMAL },
		  { 0, SMM_ZONE_NORMAL }, { 0, SMM_ZONE_DMA32 },
		  { 1, SMM_ZONE_NORMAL } },
	};
	struct smm_mm_params p = t_params(3, 3);
	struct smm_mm *mm;
	unsigned int nid, i;

	for (nid = 0; nid < 3; nid++)
		memcpy(p.node_distance[nid], dist[nid], 3);
	ASSERT_EQ(0, smm_mm_create(&p, b, ARRAY_SIZE(b), &mm));
	for (nid = 0; nid < 3; nid++) {
		struct smm_zone **zl = mm->nodes[nid].zonelist;

		for (i = 0; i < 5; i++) {
			ASSERT_NE(NULL, zl[i]) TH_LOG("node %u entry %u", nid, i);
			EXPECT_EQ(want[nid][i][0], zl[i]->nid)
				TH_LOG("node %u entry %u", nid, i);
			EXPECT_EQ(want[nid][i][1], (int)zl[i]->type)
				TH_LOG("node %u entry %u", nid, i);
		}
		EXPECT_EQ(NULL, zl[5]);
		EXPECT_EQ(nid, (unsigned int)mm->nodes[nid].zonelist_thisnode[0]->nid);
	}
	EXPECT_EQ(NULL, mm->nodes[1].zonelist_thisnode[1]);
	smm_mm_destroy(mm);
}

TEST(node_fallback_follows_the_zonelist)
{
	static const u8 dist[3][3] = {
		{ 10, 30, 20 }, { 30, 10, 20 }, { 20, 20, 10 },
	};
	static const struct smm_block b[] = {
		{ T_BASE + 0x0000, 10, 0, SMM_ZONE_NORMAL },
		{ T_BASE + 0x0400, 10, 1, SMM_ZONE_NORMAL },
		{ T_BASE + 0x0800, 10, 2, SMM_ZONE_NORMAL },
	};
	struct smm_mm_params p = t_params(3, 1);
	struct smm_mm *mm;
	u64 pfn;

	for (unsigned int nid = 0; nid < 3; nid++)
		memcpy(p.node_distance[nid], dist[nid], 3);
	ASSERT_EQ(0, smm_mm_create(&p, b, ARRAY_SIZE(b), &mm));
	/*
	 * Half of node 0 first; the other half would leave node 0 below its
	 * watermark, so node 2 (nearer than 1) serves the second request.
	 */
	ASSERT_EQ(0, smm_alloc_pages(mm, 9, 0, 0, 0, 0, &pfn));
	EXPECT_EQ(T_BASE, pfn);
	ASSERT_EQ(0, smm_alloc_pages(mm, 9, 0, 0, 0, 0, &pfn));
	EXPECT_EQ(T_BASE + 0x800, pfn);
	/* THISNODE: node 0 cannot serve it. */
	EXPECT_EQ(-ENOMEM, smm_alloc_pages(mm, 9, SMM_GFP_THISNODE, 0, 0, 0,
					   &pfn));
	EXPECT_EQ(1, mm->nodes[0].zones[SMM_ZONE_NORMAL].stats.alloc_fail);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(gfp_decoding)
{
	struct smm_mm *mm = t_create_holes(_metadata);

	EXPECT_EQ(SMM_ZONE_NORMAL, smm_gfp_zone(mm, 0));
	EXPECT_EQ(SMM_ZONE_DMA, smm_gfp_zone(mm, SMM_GFP_DMA));
	EXPECT_EQ(SMM_ZONE_DMA32, smm_gfp_zone(mm, SMM_GFP_DMA32));
	EXPECT_EQ(SMM_ZONE_NORMAL, smm_gfp_zone(mm, SMM_GFP_MOVABLE));
	EXPECT_EQ(SMM_ZONE_MOVABLE,
		  smm_gfp_zone(mm, SMM_GFP_MOVABLE | SMM_GFP_HIGHMEM));
	/* No HighMem on this layout: like OPT_ZONE_HIGHMEM, Normal. */
	EXPECT_EQ(SMM_ZONE_NORMAL, smm_gfp_zone(mm, SMM_GFP_HIGHMEM));
	EXPECT_EQ(-EINVAL, smm_gfp_zone(mm, SMM_GFP_DMA | SMM_GFP_DMA32));
	EXPECT_EQ(SMM_MIGRATE_UNMOVABLE, smm_gfp_migratetype(0));
	EXPECT_EQ(SMM_MIGRATE_MOVABLE, smm_gfp_migratetype(SMM_GFP_MOVABLE));
	EXPECT_EQ(SMM_MIGRATE_RECLAIMABLE,
		  smm_gfp_migratetype(SMM_GFP_RECLAIMABLE));
	EXPECT_EQ(-EINVAL, smm_gfp_migratetype(SMM_GFP_MOVABLE |
					       SMM_GFP_RECLAIMABLE));
	smm_mm_destroy(mm);
}

TEST(unmovable_request_steals_a_movable_pageblock)
{
	struct smm_mm_params p = t_params(1, 1);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 2);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	struct smm_alloc_req req = {
		.order = 4, .nid = 0, .migratetype = SMM_MIGRATE_FROM_GFP,
	};
	u64 pfn, pfn2;

	EXPECT_EQ(4, z->nr_pageblocks[SMM_MIGRATE_MOVABLE]);
	EXPECT_EQ(0, z->nr_pageblocks[SMM_MIGRATE_UNMOVABLE]);
	/*
	 * Only Movable lists hold pages: the fallback takes the largest
	 * block, order 10, which covers two pageblocks: both change type.
	 */
	ASSERT_EQ(0, smm_alloc(mm, &req, &pfn));
	EXPECT_EQ(1, z->stats.fallbacks[SMM_MIGRATE_UNMOVABLE]);
	EXPECT_EQ(2, z->stats.steals[SMM_MIGRATE_UNMOVABLE]);
	EXPECT_EQ(2, z->nr_pageblocks[SMM_MIGRATE_UNMOVABLE]);
	EXPECT_EQ(2, z->nr_pageblocks[SMM_MIGRATE_MOVABLE]);
	EXPECT_EQ(SMM_MIGRATE_UNMOVABLE, smm_pageblock_migratetype(mm, pfn));
	/* The rest of the stolen block waits on the Unmovable lists. */
	EXPECT_EQ(1, z->free_area[9].nr_free_mt[SMM_MIGRATE_UNMOVABLE]);
	EXPECT_EQ(1, z->free_area[10].nr_free_mt[SMM_MIGRATE_MOVABLE]);

	/* A second one finds its own lists: no more fallback. */
	ASSERT_EQ(0, smm_alloc(mm, &req, &pfn2));
	EXPECT_EQ(1, z->stats.fallbacks[SMM_MIGRATE_UNMOVABLE]);
	/* Explicit migratetype: Reclaimable falls back too. */
	req.migratetype = SMM_MIGRATE_RECLAIMABLE;
	ASSERT_EQ(0, smm_alloc(mm, &req, &pfn2));
	EXPECT_EQ(1, z->stats.fallbacks[SMM_MIGRATE_RECLAIMABLE]);
	EXPECT_EQ(SMM_MIGRATE_RECLAIMABLE,
		  smm_pageblock_migratetype(mm, pfn2));
	req.migratetype = SMM_MIGRATE_HIGHATOMIC;
	EXPECT_EQ(-EINVAL, smm_alloc(mm, &req, &pfn2));
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(pcp_batch_refill_and_drain)
{
	struct smm_mm_params p = t_params(1, 2);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 16);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	struct smm_per_cpu_pages *pcp = &z->pcp[0];
	struct smm_pcp_info info;
	u64 pfns[400];
	unsigned int i;

	/*
	 * 16384 pages: batch 3; min 256, low 256 + 64 = 320, high mark
	 * 320 / 2 CPUs = 160.
	 */
	ASSERT_EQ(3, pcp->batch);
	ASSERT_EQ(160, pcp->high);
	ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfns[0]));
	EXPECT_EQ(2, pcp->count);	/* refilled 3, handed out 1 */
	EXPECT_EQ(1, pcp->stats.refills);
	EXPECT_EQ(16384 - 3, z->free_pages);
	ASSERT_EQ(0, smm_free(mm, pfns[0], 0));
	EXPECT_EQ(3, pcp->count);
	/* The page freed last comes back first (hot). */
	ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfns[1]));
	EXPECT_EQ(pfns[0], pfns[1]);
	ASSERT_EQ(0, smm_free(mm, pfns[1], 0));

	/* Order 1: batch 3 >> 1 = 1, at least 2. */
	ASSERT_EQ(0, smm_alloc_pages(mm, 1, 0, 0, 0, 1, &pfns[0]));
	EXPECT_EQ(2, z->pcp[1].count);
	ASSERT_EQ(0, smm_free(mm, pfns[0], 1));

	for (i = 0; i < 400; i++)
		ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfns[i]));
	for (i = 0; i < 400; i++) {
		ASSERT_EQ(0, smm_free(mm, pfns[i], 0));
		ASSERT_LT(pcp->count, pcp->high);
	}
	EXPECT_LT(0, pcp->stats.drains);
	ASSERT_EQ(0, smm_pcp_snapshot(z, 0, &info));
	EXPECT_EQ(pcp->count, info.count);
	EXPECT_EQ(-EINVAL, smm_pcp_snapshot(z, 2, &info));
	EXPECT_EQ(0, t_check(mm));

	smm_drain_cpu(mm, 0);
	EXPECT_EQ(0, pcp->count);
	smm_drain_all(mm);
	EXPECT_EQ(0, z->pcp[1].count);
	EXPECT_EQ(16384, z->free_pages);
	EXPECT_EQ(16, z->free_area[10].nr_free);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

struct t_usage {
	unsigned int n;
	struct smm_owner_usage u[8];
};

static void t_collect(void *arg, const struct smm_owner_usage *u)
{
	struct t_usage *tu = arg;

	if (tu->n < 8)
		tu->u[tu->n++] = *u;
}

TEST(owner_report_at_teardown)
{
	struct smm_mm *mm = t_create_holes(_metadata);
	struct t_usage tu = { 0 };
	int a, b;
	u64 p1, p2, p3;

	a = smm_owner_register(mm, "netlink");
	b = smm_owner_register(mm, "bench");
	ASSERT_EQ(1, a);
	ASSERT_EQ(2, b);
	EXPECT_EQ(a, smm_owner_register(mm, "netlink"));
	EXPECT_STREQ("bench", smm_owner_name(mm, b));
	EXPECT_STREQ("", smm_owner_name(mm, 77));
	EXPECT_EQ(-EINVAL, smm_owner_register(mm, ""));
	EXPECT_EQ(-EINVAL, smm_owner_register(mm,
		  "a-name-that-is-longer-than-the-limit"));

	ASSERT_EQ(0, smm_alloc_pages(mm, 3, 0, 0, a, 0, &p1));
	ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 1, a, 1, &p2));
	ASSERT_EQ(0, smm_alloc_pages(mm, 5, SMM_GFP_COMP, 0, b, 0, &p3));
	EXPECT_EQ(2, smm_mm_owner_usage(mm, t_collect, &tu));
	ASSERT_EQ(2, tu.n);
	EXPECT_STREQ("netlink", tu.u[0].name);
	EXPECT_EQ(2, tu.u[0].blocks);
	EXPECT_EQ(9, tu.u[0].pages);
	EXPECT_STREQ("bench", tu.u[1].name);
	EXPECT_EQ(1, tu.u[1].blocks);
	EXPECT_EQ(32, tu.u[1].pages);

	ASSERT_EQ(0, smm_free(mm, p1, 0));
	ASSERT_EQ(0, smm_free(mm, p2, 0));
	ASSERT_EQ(0, smm_free(mm, p3, 0));
	EXPECT_EQ(0, smm_mm_owner_usage(mm, NULL, NULL));
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

/* Snapshots of every zone, to show a refused free changed nothing. */
static void t_snap_all(struct smm_mm *mm, struct smm_zone_info *out)
{
	unsigned int nid, t;

	for (nid = 0; nid < mm->nr_nodes; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++) {
			struct smm_zone *z = &mm->nodes[nid].zones[t];

			memset(&out[nid * SMM_NR_ZONE_TYPES + t], 0,
			       sizeof(*out));
			if (z->exists)
				smm_zone_snapshot(z,
					&out[nid * SMM_NR_ZONE_TYPES + t]);
		}
}

TEST(bad_frees_refused_with_nothing_changed)
{
	struct smm_zone_info before[2 * SMM_NR_ZONE_TYPES];
	struct smm_zone_info after[2 * SMM_NR_ZONE_TYPES];
	struct smm_mm *mm = t_create_holes(_metadata);
	u64 comp, plain, bad[10];
	unsigned int i, n = 0;

	ASSERT_EQ(0, smm_alloc_pages(mm, 2, SMM_GFP_COMP, 0, 0, 0, &comp));
	ASSERT_EQ(0, smm_alloc_pages(mm, 5, 0, 0, 0, 0, &plain));
	bad[n++] = T_BASE + 0x300;	/* a hole */
	bad[n++] = T_BASE + 0x1000;	/* an absent section */
	bad[n++] = 0;			/* below the shadow memory */
	bad[n++] = T_BASE + 0x100000;	/* above it */
	bad[n++] = comp + 1;		/* a tail */
	bad[n++] = plain + 3;		/* inside a plain block */
	bad[n++] = T_BASE + 0x1c00;	/* a free page (Movable) */
	bad[n++] = T_BASE + 0x1905;	/* a free single page */
	/* A page on a per-CPU list: freed, now cached on CPU 0. */
	ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 0, 0, 0, &bad[n]));
	ASSERT_EQ(0, smm_free(mm, bad[n], 0));
	ASSERT_NE(0, smm_pfn_to_page(mm, bad[n])->flags & SMM_PG_PCP);
	n++;

	t_snap_all(mm, before);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(-EINVAL, smm_free(mm, bad[i], 0))
			TH_LOG("pfn %#llx", (unsigned long long)bad[i]);
		EXPECT_EQ(-EINVAL, smm_free(mm, bad[i], 1))
			TH_LOG("pfn %#llx", (unsigned long long)bad[i]);
	}
	EXPECT_EQ(-EINVAL, smm_free(mm, comp, 2));	/* no such CPU */
	t_snap_all(mm, after);
	EXPECT_EQ(0, memcmp(before, after, sizeof(before)));
	EXPECT_EQ(0, t_check(mm));

	/* Double frees: the second is refused. */
	ASSERT_EQ(0, smm_free(mm, comp, 0));
	EXPECT_EQ(-EINVAL, smm_free(mm, comp, 0));
	ASSERT_EQ(0, smm_free(mm, plain, 1));
	EXPECT_EQ(-EINVAL, smm_free(mm, plain, 1));
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(compound_and_zero_marks)
{
	struct smm_mm *mm = t_create_holes(_metadata);
	struct smm_page *head, copy;
	u64 pfn;
	unsigned int i;

	ASSERT_EQ(0, smm_alloc_pages(mm, 3, SMM_GFP_COMP | SMM_GFP_ZERO, 0, 0,
				     0, &pfn));
	head = smm_pfn_to_page(mm, pfn);
	EXPECT_EQ(SMM_PG_HEAD | SMM_PG_ZEROED, head->flags);
	EXPECT_EQ(3, head->order);
	EXPECT_EQ(1, head->refcount);
	for (i = 1; i < 8; i++) {
		struct smm_page *t = smm_pfn_to_page(mm, pfn + i);

		EXPECT_EQ(SMM_PG_TAIL, t->flags);
		EXPECT_EQ((u32)(pfn - mm->base_pfn), t->compound_head);
	}
	EXPECT_EQ(pfn, smm_page_to_pfn(mm, head));
	ASSERT_EQ(0, smm_page_snapshot(mm, pfn + 1, &copy));
	EXPECT_EQ(SMM_PG_TAIL, copy.flags);
	EXPECT_EQ(-EINVAL, smm_page_snapshot(mm, T_BASE + 0x1000, &copy));
	EXPECT_EQ(0, t_check(mm));
	ASSERT_EQ(0, smm_free(mm, pfn, 0));
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(isolated_pageblock_never_hands_out_pages)
{
	struct smm_mm *mm = t_create_holes(_metadata);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	u64 iso = T_BASE + 0xc00, *pfns = calloc(2048, sizeof(u64));
	unsigned int n = 0, i;

	ASSERT_EQ(0, smm_pageblock_isolate(mm, iso + 7));
	EXPECT_EQ(-EBUSY, smm_pageblock_isolate(mm, iso));
	EXPECT_EQ(SMM_MIGRATE_ISOLATE, smm_pageblock_migratetype(mm, iso));
	/* The order-10 block was cut: one pageblock isolated, one not. */
	EXPECT_EQ(1, z->free_area[9].nr_free_mt[SMM_MIGRATE_ISOLATE]);
	EXPECT_EQ(1, z->free_area[9].nr_free_mt[SMM_MIGRATE_MOVABLE]);
	EXPECT_EQ(512, z->free_pages);
	EXPECT_EQ(0, t_check(mm));

	while (smm_alloc_pages(mm, 0, SMM_GFP_NOFALLBACK | SMM_GFP_HIGH, 0, 0,
			       0, &pfns[n]) == 0) {
		EXPECT_FALSE(pfns[n] >= iso && pfns[n] < iso + 512);
		n++;
		ASSERT_LT(n, 2048);
	}
	EXPECT_LT(400, n);
	EXPECT_EQ(0, t_check(mm));
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, smm_free(mm, pfns[i], 0));
	smm_drain_all(mm);
	ASSERT_EQ(0, smm_pageblock_unisolate(mm, iso, SMM_MIGRATE_MOVABLE));
	EXPECT_EQ(-EINVAL, smm_pageblock_unisolate(mm, iso,
						   SMM_MIGRATE_MOVABLE));
	EXPECT_EQ(1, z->free_area[10].nr_free);
	EXPECT_EQ(1024, z->free_pages);

	/* Pages freed into an isolated block go to the isolate lists. */
	ASSERT_EQ(0, smm_alloc_pages(mm, 0, SMM_GFP_NOFALLBACK, 0, 0, 0,
				     &pfns[0]));
	ASSERT_EQ(0, smm_pageblock_isolate(mm, pfns[0]));
	ASSERT_EQ(0, smm_free(mm, pfns[0], 0));
	EXPECT_EQ(0, z->pcp[0].count);
	EXPECT_EQ(1, z->free_area[9].nr_free_mt[SMM_MIGRATE_ISOLATE]);
	EXPECT_EQ(0, t_check(mm));
	ASSERT_EQ(0, smm_pageblock_unisolate(mm, pfns[0],
					     SMM_MIGRATE_UNMOVABLE));
	EXPECT_EQ(0, t_check(mm));
	free(pfns);
	smm_mm_destroy(mm);
}

TEST(watermark_stops_allocation_above_min)
{
	struct smm_mm_params p = t_params(1, 1);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 16);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	unsigned int n = 0, high = 0;
	u64 pfn;

	/* min 256 pages (min_free_kbytes 1024). */
	ASSERT_EQ(256, z->watermark[SMM_WMARK_MIN]);
	while (smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfn) == 0)
		ASSERT_LT(++n, 16384);
	EXPECT_GE(256, z->free_pages);
	EXPECT_LT(240, z->free_pages);
	EXPECT_EQ(1, z->stats.alloc_fail);
	/* SMM_GFP_HIGH may go down to half of min. */
	while (smm_alloc_pages(mm, 0, SMM_GFP_HIGH, 0, 0, 0, &pfn) == 0)
		ASSERT_LT(++high, 16384);
	EXPECT_LT(100, high);
	EXPECT_GE(128, z->free_pages);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

/*
 * The last pass drains other CPUs' lists: the only free pages above the
 * min mark sit on CPU 1's list. A NORECLAIM request fails and leaves
 * them there (counted as a failure); a plain one drains them and succeeds.
 */
TEST(noreclaim_skips_the_last_pass)
{
	struct smm_mm_params p = t_params(1, 2);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 16);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	u64 pfn, *pfns = calloc(16384, sizeof(u64));
	unsigned int n = 0, i;

	ASSERT_TRUE(pfns != NULL);
	while (smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfns[n]) == 0)
		ASSERT_LT(++n, 16384);
	ASSERT_LT(100, n);
	EXPECT_EQ(1, z->stats.alloc_fail);
	/* 100 pages freed on CPU 1 stay on its list (high mark 160). */
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, smm_free(mm, pfns[--n], 1));
	ASSERT_EQ(100, z->pcp[1].count);

	EXPECT_EQ(-ENOMEM, smm_alloc_pages(mm, 0, SMM_GFP_NORECLAIM, 0, 0, 0,
					   &pfn));
	EXPECT_EQ(100, z->pcp[1].count);
	EXPECT_EQ(2, z->stats.alloc_fail);
	/* Not a flag the zone decoding or the checks trip over. */
	EXPECT_EQ(SMM_ZONE_NORMAL, smm_gfp_zone(mm, SMM_GFP_NORECLAIM));

	ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfns[n]));
	n++;
	EXPECT_EQ(0, z->pcp[1].count);
	EXPECT_EQ(2, z->stats.alloc_fail);
	/* Bits beyond the last flag are still refused. */
	EXPECT_EQ(-EINVAL, smm_alloc_pages(mm, 0, SMM_GFP_ALL + 1, 0, 0, 0,
					   &pfn));
	EXPECT_EQ(0, t_check(mm));

	for (i = 0; i < n; i++)
		ASSERT_EQ(0, smm_free(mm, pfns[i], 0));
	smm_drain_all(mm);
	EXPECT_EQ(16384, z->free_pages);
	EXPECT_EQ(0, t_check(mm));
	free(pfns);
	smm_mm_destroy(mm);
}

TEST(highatomic_reserve_for_atomic_high_order)
{
	struct smm_mm_params p = t_params(1, 1);
	struct smm_mm *mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 4);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_NORMAL];
	u64 pfn, *pfns = calloc(4096, sizeof(u64));
	unsigned int n = 0, i;

	/* Fill past the low mark so the min pass (with ATOMIC) runs. */
	while (smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfns[n]) == 0)
		ASSERT_LT(++n, 4096);
	ASSERT_EQ(0, smm_alloc_pages(mm, 2, SMM_GFP_ATOMIC, 0, 0, 0, &pfn));
	EXPECT_EQ(1, z->stats.highatomic_reserved);
	EXPECT_EQ(512, z->nr_reserved_highatomic);
	EXPECT_EQ(SMM_MIGRATE_HIGHATOMIC, smm_pageblock_migratetype(mm, pfn));
	EXPECT_EQ(0, t_check(mm));
	ASSERT_EQ(0, smm_free(mm, pfn, 0));
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, smm_free(mm, pfns[i], 0));
	smm_drain_all(mm);
	EXPECT_EQ(0, t_check(mm));
	free(pfns);
	smm_mm_destroy(mm);
}

struct t_events {
	unsigned int n[SMM_EV_STEAL + 1];
};

static void t_count_event(void *arg, const struct smm_event *ev)
{
	struct t_events *e = arg;

	e->n[ev->type]++;
}

TEST(events_report_alloc_split_merge_free)
{
	struct t_events e = { { 0 } };
	struct smm_mm_params p = t_params(1, 1);
	struct smm_mm *mm;
	u64 pfn;

	p.event = t_count_event;
	p.event_arg = &e;
	mm = t_create_flat(_metadata, &p, SMM_ZONE_NORMAL, 1);
	/* No events while the blocks are handed over. */
	EXPECT_EQ(0, e.n[SMM_EV_MERGE]);
	ASSERT_EQ(0, smm_alloc_pages(mm, 4, 0, 0, 3, 0, &pfn));
	EXPECT_EQ(1, e.n[SMM_EV_ALLOC]);
	EXPECT_EQ(6, e.n[SMM_EV_SPLIT]);
	EXPECT_EQ(2, e.n[SMM_EV_STEAL]);	/* unmovable from movable */
	ASSERT_EQ(0, smm_free(mm, pfn, 0));
	EXPECT_EQ(1, e.n[SMM_EV_FREE]);
	EXPECT_EQ(6, e.n[SMM_EV_MERGE]);
	smm_mm_destroy(mm);
}

TEST(checker_finds_corruption)
{
	struct smm_mm *mm = t_create_holes(_metadata);
	struct smm_zone *z = &mm->nodes[0].zones[SMM_ZONE_DMA32];
	struct smm_check_report rep;
	struct smm_page *page, *head;
	u16 saved;
	u64 pfn;

	ASSERT_EQ(0, smm_alloc_pages(mm, 4, SMM_GFP_DMA32, 0, 0, 0, &pfn));
	page = smm_pfn_to_page(mm, pfn);

	/* Allocated and free at once. */
	page->flags |= SMM_PG_BUDDY;
	EXPECT_LT(0, smm_mm_check(mm, &rep));
	EXPECT_LT(0, rep.nr_msgs);
	page->flags &= ~SMM_PG_BUDDY;
	EXPECT_EQ(0, t_check(mm));

	/* A broken back link on a free list. */
	head = smm_pfn_to_page(mm, mm->base_pfn +
			       z->free_area[10].free_list[SMM_MIGRATE_MOVABLE].head);
	saved = head->order;
	head->order = 9;
	EXPECT_LT(0, smm_mm_check(mm, NULL));
	head->order = saved;
	saved = (u16)head->prev;
	head->prev = 5;
	EXPECT_LT(0, smm_mm_check(mm, NULL));
	head->prev = SMM_NIL;
	EXPECT_EQ(0, t_check(mm));

	/* A counter that lies. */
	z->free_pages++;
	EXPECT_LT(0, smm_mm_check(mm, NULL));
	z->free_pages--;
	/* A hole marked free. */
	smm_pfn_to_page(mm, T_BASE + 0x300)->flags |= SMM_PG_BUDDY;
	EXPECT_LT(0, smm_mm_check(mm, NULL));
	smm_pfn_to_page(mm, T_BASE + 0x300)->flags = SMM_PG_RESERVED;
	EXPECT_EQ(0, t_check(mm));
	ASSERT_EQ(0, smm_free(mm, pfn, 0));

	/* Debug mode counts violations found after an operation. */
	mm->p.debug_check = true;
	ASSERT_EQ(0, smm_alloc_pages(mm, 0, 0, 0, 0, 0, &pfn));
	EXPECT_EQ(0, mm->debug_violations);
	z->free_pages += 2;
	ASSERT_EQ(0, smm_free(mm, pfn, 0));
	EXPECT_LT(0, mm->debug_violations);
	EXPECT_LT(0, mm->debug_report.nr_msgs);
	z->free_pages -= 2;
	smm_mm_destroy(mm);
}

TEST(bad_parameters_and_blocks_refused)
{
	struct smm_mm_params p = t_params(1, 1), q;
	struct smm_block b[2] = {
		{ T_BASE, 10, 0, SMM_ZONE_NORMAL },
		{ T_BASE + 1024, 10, 0, SMM_ZONE_NORMAL },
	};
	struct smm_mm *mm = NULL;

	q = p;
	q.pb_order = 11;
	EXPECT_EQ(-EINVAL, smm_mm_create(&q, b, 1, &mm));
	q = p;
	q.max_order = SMM_MAX_ORDER_LIMIT + 1;
	EXPECT_EQ(-EINVAL, smm_mm_create(&q, b, 1, &mm));
	q = p;
	q.nr_nodes = SMM_MAX_NODES + 1;
	EXPECT_EQ(-EINVAL, smm_mm_create(&q, b, 1, &mm));
	q = p;
	q.nr_cpus = 0;
	EXPECT_EQ(-EINVAL, smm_mm_create(&q, b, 1, &mm));
	q = p;
	q.zone_mask = BIT(SMM_ZONE_DMA32);
	EXPECT_EQ(-EINVAL, smm_mm_create(&q, b, 1, &mm));
	q = p;
	q.node_distance[0][0] = 20;
	EXPECT_EQ(-EINVAL, smm_mm_create(&q, b, 1, &mm));
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 0, &mm));

	b[1].pfn = T_BASE + 512;	/* overlaps the first */
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 2, &mm));
	b[1].pfn = T_BASE + 1025;	/* misaligned */
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 2, &mm));
	b[1].pfn = T_BASE + 1024;
	b[1].nid = 1;			/* no such node */
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 2, &mm));
	b[1].nid = 0;
	b[1].zone = SMM_ZONE_HIGHMEM;	/* not on this architecture */
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 2, &mm));
	b[1].zone = SMM_ZONE_NORMAL;
	b[1].order = 11;
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 2, &mm));
	b[1].order = 10;
	b[1].pfn = T_BASE + (1ULL << 33);	/* gidx beyond 32 bits */
	EXPECT_EQ(-EINVAL, smm_mm_create(&p, b, 2, &mm));
	EXPECT_EQ(NULL, mm);
	EXPECT_EQ(0, __lsan_do_recoverable_leak_check());
}

TEST(first_block_decides_the_section)
{
	struct smm_mm_params p = t_params(2, 1);
	struct smm_block b[2] = {
		{ T_BASE, 9, 0, SMM_ZONE_DMA32 },
		{ T_BASE + 512, 9, 1, SMM_ZONE_NORMAL },
	};
	struct smm_mm *mm;

	ASSERT_EQ(0, smm_mm_create(&p, b, 2, &mm));
	EXPECT_EQ(1, mm->nr_blocks_moved);
	EXPECT_EQ(1024, mm->nodes[0].zones[SMM_ZONE_DMA32].present_pages);
	EXPECT_EQ(0, mm->nodes[1].zones[SMM_ZONE_NORMAL].present_pages);
	EXPECT_EQ(1, mm->nodes[0].zones[SMM_ZONE_DMA32].free_area[10].nr_free);
	EXPECT_EQ(&mm->nodes[0].zones[SMM_ZONE_DMA32],
		  smm_pfn_zone(mm, T_BASE + 600));
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
}

TEST(create_fails_cleanly_at_every_allocation)
{
	struct smm_mm_params p = t_params(2, 3);
	struct smm_mm *mm;
	unsigned long n;
	int ret;

	for (n = 1; ; n++) {
		mm = NULL;
		smm_ctx_fail_nth = n;
		ret = smm_mm_create(&p, t_holes_blocks,
				    ARRAY_SIZE(t_holes_blocks), &mm);
		smm_ctx_fail_nth = 0;
		if (!ret)
			break;
		ASSERT_EQ(-ENOMEM, ret) TH_LOG("allocation %lu", n);
		EXPECT_EQ(NULL, mm);
		ASSERT_LT(n, 1000);
	}
	/* mm, sections, 7 present sections, 5 populated zones' pcp. */
	EXPECT_EQ(15, n);
	EXPECT_EQ(0, t_check(mm));
	smm_mm_destroy(mm);
	EXPECT_EQ(0, __lsan_do_recoverable_leak_check());
}

TEST_HARNESS_MAIN
