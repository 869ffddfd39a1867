// SPDX-License-Identifier: GPL-2.0
/*
 * Zones: watermarks and lowmem reserves computed the way 6.1's
 * __setup_per_zone_wmarks() and setup_per_zone_lowmem_reserve() do,
 * per-CPU list sizes as zone_batchsize() and zone_highsize(), the
 * node-ordered zonelists of build_zonelists(), request flag decoding
 * (gfp_zone(), gfp_migratetype()) and the watermark check.
 */

#include "internal.h"

/* sysctl_lowmem_reserve_ratio's defaults. */
static const unsigned int smm_lowmem_reserve_ratio[SMM_NR_ZONE_TYPES] = {
	[SMM_ZONE_DMA] = 256,
	[SMM_ZONE_DMA32] = 256,
	[SMM_ZONE_NORMAL] = 32,
	[SMM_ZONE_HIGHMEM] = 0,
	[SMM_ZONE_MOVABLE] = 0,
};

/* The kernel's SWAP_CLUSTER_MAX: the smallest min of a HIGHMEM zone. */
#define SMM_SWAP_CLUSTER_MAX	32UL

static bool smm_zone_is_lowmem(const struct smm_zone *zone)
{
	return zone->type != SMM_ZONE_HIGHMEM && zone->type != SMM_ZONE_MOVABLE;
}

/* Integer square root by bisection of bits, as int_sqrt(). */
static u64 smm_int_sqrt(u64 x)
{
	u64 r = 0, bit;

	for (bit = 1ULL << 62; bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

static unsigned long smm_rounddown_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p <= n / 2)
		p <<= 1;
	return p;
}

static void smm_setup_lowmem_reserve(struct smm_mm *mm,
				     struct smm_node *node)
{
	unsigned int i, j;

	for (i = 0; i < SMM_NR_ZONE_TYPES; i++) {
		struct smm_zone *zone = &node->zones[i];
		unsigned int ratio = smm_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone->managed_pages;
		unsigned long upper = 0;

		for (j = 0; j < SMM_NR_ZONE_TYPES; j++)
			zone->lowmem_reserve[j] = 0;
		for (j = i + 1; j < SMM_NR_ZONE_TYPES; j++) {
			upper += node->zones[j].managed_pages;
			if (!clear)
				zone->lowmem_reserve[j] = upper / ratio;
		}
	}
}

/* zone_batchsize(), with 1 where the kernel's formula gives 0. */
static int smm_zone_batchsize(struct smm_mm *mm, struct smm_zone *zone)
{
	unsigned long batch;

	batch = min(zone->managed_pages >> 10,
		    (1UL << 20) >> mm->p.page_shift);
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch = smm_rounddown_pow_of_two(batch + batch / 2) - 1;
	return (int)max(batch, 1UL);
}

/* zone_highsize(): the low watermark shared by the node's CPUs. */
static int smm_zone_highsize(struct smm_mm *mm, struct smm_zone *zone,
			     int batch)
{
	unsigned int cpu, nr = 0;
	unsigned long high;

	for (cpu = 0; cpu < mm->p.nr_cpus; cpu++)
		if (cpu % mm->nr_nodes == (unsigned int)zone->nid)
			nr++;
	if (!nr)
		nr = mm->p.nr_cpus;
	high = zone->watermark[SMM_WMARK_LOW] / nr;
	return (int)max(high, (unsigned long)batch << 2);
}

void smm_zone_setup_watermarks(struct smm_mm *mm)
{
	unsigned long lowmem_pages = 0, pages_min, kb_per_page;
	unsigned int nid, cpu;
	struct smm_zone *zone;

	kb_per_page = 1UL << (mm->p.page_shift - 10);
	for_each_smm_zone(mm, zone)
		if (smm_zone_is_lowmem(zone))
			lowmem_pages += zone->managed_pages;

	/* calculate_min_free_kbytes(), over the shadow lowmem. */
	mm->min_free_kbytes = mm->p.min_free_kbytes;
	if (!mm->min_free_kbytes) {
		u64 kb = (u64)lowmem_pages * kb_per_page;

		mm->min_free_kbytes = (unsigned long)
			clamp(smm_int_sqrt(kb * 16), (u64)128, (u64)262144);
	}
	pages_min = mm->min_free_kbytes / kb_per_page;

	for_each_smm_zone(mm, zone) {
		unsigned long managed = zone->managed_pages, step;
		u64 share = 0;

		if (lowmem_pages)
			share = smm_div64((u64)pages_min * managed, lowmem_pages);
		if (smm_zone_is_lowmem(zone))
			zone->watermark[SMM_WMARK_MIN] = (unsigned long)share;
		else
			zone->watermark[SMM_WMARK_MIN] =
				clamp(managed / 1024, SMM_SWAP_CLUSTER_MAX,
				      128UL);
		step = (unsigned long)max(share >> 2,
					  smm_div64((u64)managed *
						    mm->p.watermark_scale_factor,
						    10000));
		zone->watermark[SMM_WMARK_LOW] =
			zone->watermark[SMM_WMARK_MIN] + step;
		zone->watermark[SMM_WMARK_HIGH] =
			zone->watermark[SMM_WMARK_LOW] + step;
		zone->watermark[SMM_WMARK_PROMO] =
			zone->watermark[SMM_WMARK_HIGH] + step;
	}

	for (nid = 0; nid < mm->nr_nodes; nid++)
		smm_setup_lowmem_reserve(mm, &mm->nodes[nid]);

	for_each_smm_zone(mm, zone) {
		if (!zone->pcp)
			continue;
		zone->pcp_batch = smm_zone_batchsize(mm, zone);
		zone->pcp_high = smm_zone_highsize(mm, zone, zone->pcp_batch);
		for (cpu = 0; cpu < mm->p.nr_cpus; cpu++) {
			zone->pcp[cpu].batch = zone->pcp_batch;
			zone->pcp[cpu].high = zone->pcp_high;
		}
	}
}

void smm_build_zonelists(struct smm_mm *mm)
{
	unsigned int nid, i, j, n;
	int t;

	for (nid = 0; nid < mm->nr_nodes; nid++) {
		struct smm_node *node = &mm->nodes[nid];
		unsigned int order[SMM_MAX_NODES];

		/* Itself first, then by distance, ties by id. */
		order[0] = nid;
		n = 1;
		for (i = 0; i < mm->nr_nodes; i++) {
			unsigned int d = mm->p.node_distance[nid][i];

			if (i == nid)
				continue;
			for (j = n; j > 1 &&
			     mm->p.node_distance[nid][order[j - 1]] > d; j--)
				order[j] = order[j - 1];
			order[j] = i;
			n++;
		}

		j = 0;
		for (i = 0; i < n; i++)
			for (t = SMM_NR_ZONE_TYPES - 1; t >= 0; t--) {
				struct smm_zone *z = &mm->nodes[order[i]].zones[t];

				if (z->exists && smm_zone_populated(z))
					node->zonelist[j++] = z;
			}
		node->zonelist[j] = NULL;

		j = 0;
		for (t = SMM_NR_ZONE_TYPES - 1; t >= 0; t--)
			if (node->zones[t].exists &&
			    smm_zone_populated(&node->zones[t]))
				node->zonelist_thisnode[j++] = &node->zones[t];
		node->zonelist_thisnode[j] = NULL;
	}
}

int smm_gfp_zone(struct smm_mm *mm, u32 gfp)
{
	u32 bits = gfp & (SMM_GFP_DMA | SMM_GFP_DMA32 | SMM_GFP_HIGHMEM);
	int t;

	if (bits & (bits - 1))
		return -EINVAL;
	if (gfp & SMM_GFP_DMA)
		t = SMM_ZONE_DMA;
	else if (gfp & SMM_GFP_DMA32)
		t = SMM_ZONE_DMA32;
	else if (gfp & SMM_GFP_HIGHMEM)
		t = gfp & SMM_GFP_MOVABLE ? SMM_ZONE_MOVABLE : SMM_ZONE_HIGHMEM;
	else
		t = SMM_ZONE_NORMAL;
	if (t == SMM_ZONE_MOVABLE && !(mm->p.zone_mask & BIT(t)))
		t = SMM_ZONE_HIGHMEM;
	if (!(mm->p.zone_mask & BIT(t)))
		t = SMM_ZONE_NORMAL;
	return t;
}

int smm_gfp_migratetype(u32 gfp)
{
	if ((gfp & SMM_GFP_MOVABLE) && (gfp & SMM_GFP_RECLAIMABLE))
		return -EINVAL;
	if (gfp & SMM_GFP_MOVABLE)
		return SMM_MIGRATE_MOVABLE;
	if (gfp & SMM_GFP_RECLAIMABLE)
		return SMM_MIGRATE_RECLAIMABLE;
	return SMM_MIGRATE_UNMOVABLE;
}

bool smm_zone_watermark_ok(struct smm_zone *zone, unsigned int order,
			   unsigned long mark, enum smm_zone_type highest,
			   u32 gfp)
{
	bool harder = gfp & SMM_GFP_ATOMIC;
	long min = (long)mark, free_pages;
	unsigned int o;
	int mt;

	free_pages = (long)zone->free_pages - ((1L << order) - 1);
	if (!harder)
		free_pages -= (long)zone->nr_reserved_highatomic;
	if (gfp & SMM_GFP_HIGH)
		min -= min / 2;
	if (harder)
		min -= min / 4;
	if (free_pages <= min + (long)zone->lowmem_reserve[highest])
		return false;
	if (!order)
		return true;
	for (o = order; o <= zone->mm->p.max_order; o++) {
		struct smm_free_area *area = &zone->free_area[o];

		if (!area->nr_free)
			continue;
		for (mt = 0; mt < SMM_MIGRATE_PCPTYPES; mt++)
			if (!smm_list_empty(&area->free_list[mt]))
				return true;
		if (harder &&
		    !smm_list_empty(&area->free_list[SMM_MIGRATE_HIGHATOMIC]))
			return true;
	}
	return false;
}

void smm_lock_zone_all(struct smm_zone *zone)
{
	unsigned int cpu;

	for (cpu = 0; zone->pcp && cpu < zone->mm->p.nr_cpus; cpu++)
		smm_lock_nest(&zone->pcp[cpu].lock, &zone->mm->lock);
	smm_lock(&zone->lock);
}

void smm_unlock_zone_all(struct smm_zone *zone)
{
	unsigned int cpu;

	smm_unlock(&zone->lock);
	for (cpu = 0; zone->pcp && cpu < zone->mm->p.nr_cpus; cpu++)
		smm_unlock(&zone->pcp[cpu].lock);
}

void smm_zone_snapshot(struct smm_zone *zone, struct smm_zone_info *info)
{
	struct smm_mm *mm = zone->mm;
	unsigned int o, mt, cpu;

	memset(info, 0, sizeof(*info));
	smm_lock(&mm->lock);
	smm_lock_zone_all(zone);
	info->free_pages = zone->free_pages;
	info->nr_reserved_highatomic = zone->nr_reserved_highatomic;
	for (o = 0; o <= mm->p.max_order; o++) {
		info->nr_free[o] = zone->free_area[o].nr_free;
		for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
			info->nr_free_mt[o][mt] =
				zone->free_area[o].nr_free_mt[mt];
	}
	for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
		info->nr_pageblocks[mt] = zone->nr_pageblocks[mt];
	info->stats = zone->stats;
	for (cpu = 0; zone->pcp && cpu < mm->p.nr_cpus; cpu++) {
		struct smm_per_cpu_pages *pcp = &zone->pcp[cpu];

		info->pcp_pages += pcp->count;
		info->pcp_stats.allocs += pcp->stats.allocs;
		info->pcp_stats.frees += pcp->stats.frees;
		info->pcp_stats.refills += pcp->stats.refills;
		info->pcp_stats.drains += pcp->stats.drains;
	}
	smm_unlock_zone_all(zone);
	smm_unlock(&mm->lock);
}

int smm_pcp_snapshot(struct smm_zone *zone, unsigned int cpu,
		     struct smm_pcp_info *info)
{
	struct smm_per_cpu_pages *pcp;

	memset(info, 0, sizeof(*info));
	if (cpu >= zone->mm->p.nr_cpus)
		return -EINVAL;
	if (!zone->pcp)
		return 0;	/* an empty zone has no lists */
	pcp = &zone->pcp[cpu];
	smm_lock(&pcp->lock);
	info->count = pcp->count;
	info->high = pcp->high;
	info->batch = pcp->batch;
	info->stats = pcp->stats;
	smm_unlock(&pcp->lock);
	return 0;
}
