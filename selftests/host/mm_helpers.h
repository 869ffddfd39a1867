/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layouts and small helpers shared by the host tests of the shadow
 * memory manager (module/core/mm.h).
 */

#ifndef _SMM_MM_HELPERS_H
#define _SMM_MM_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm.h"

#define T_BASE	0x10000ULL	/* first pfn of the test layouts */

/* x86_64-like: orders 0..10, pageblocks of order 9. */
static inline struct smm_mm_params t_params(unsigned int nr_nodes,
					    unsigned int nr_cpus)
{
	struct smm_mm_params p;

	memset(&p, 0, sizeof(p));
	p.max_order = 10;
	p.pb_order = 9;
	p.page_shift = 12;
	p.nr_nodes = nr_nodes;
	p.nr_cpus = nr_cpus;
	p.zone_mask = BIT(SMM_ZONE_DMA) | BIT(SMM_ZONE_DMA32) |
		      BIT(SMM_ZONE_NORMAL) | BIT(SMM_ZONE_MOVABLE);
	return p;
}

/*
 * Two nodes, four zones, holes. Sections are 1024 pages from T_BASE:
 *  s0  node 0 DMA     order 9 at +0, order 8 at +0x200 (hole +0x300..)
 *  s1  node 0 DMA32   order 10
 *  s2  node 0 DMA32   order 10
 *  s3  node 0 Normal  order 10
 *  s4  absent
 *  s5  node 1 Normal  order 10
 *  s6  node 1 Normal  order 8 at +0, order 0 at +0x105 (the rest holes:
 *      its second pageblock has no page)
 *  s7  node 1 Movable order 10
 */
static const struct smm_block t_holes_blocks[] = {
	{ T_BASE + 0x0000, 9, 0, SMM_ZONE_DMA },
	{ T_BASE + 0x0200, 8, 0, SMM_ZONE_DMA },
	{ T_BASE + 0x0400, 10, 0, SMM_ZONE_DMA32 },
	{ T_BASE + 0x0800, 10, 0, SMM_ZONE_DMA32 },
	{ T_BASE + 0x0c00, 10, 0, SMM_ZONE_NORMAL },
	{ T_BASE + 0x1400, 10, 1, SMM_ZONE_NORMAL },
	{ T_BASE + 0x1800, 8, 1, SMM_ZONE_NORMAL },
	{ T_BASE + 0x1905, 0, 1, SMM_ZONE_NORMAL },
	{ T_BASE + 0x1c00, 10, 1, SMM_ZONE_MOVABLE },
};

/* Print what the checker found; return its count. */
static inline unsigned int t_check(struct smm_mm *mm)
{
	struct smm_check_report rep;
	unsigned int n, i;

	n = smm_mm_check(mm, &rep);
	for (i = 0; i < rep.nr_msgs; i++)
		fprintf(stderr, "# check: %s\n", rep.msg[i]);
	return n;
}

/* Free pages of a zone: buddy lists (isolated too) plus per-CPU lists. */
static inline unsigned long t_zone_free(struct smm_zone *zone)
{
	struct smm_zone_info info;
	unsigned long n = 0;
	unsigned int o;

	smm_zone_snapshot(zone, &info);
	for (o = 0; o < SMM_NR_ORDERS_MAX; o++)
		n += info.nr_free[o] << o;
	return n + info.pcp_pages;
}

static inline unsigned long t_free_all(struct smm_mm *mm)
{
	unsigned long n = 0;
	unsigned int nid, t;

	for (nid = 0; nid < mm->nr_nodes; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++)
			if (mm->nodes[nid].zones[t].exists)
				n += t_zone_free(&mm->nodes[nid].zones[t]);
	return n;
}

/* xorshift32: the random tests' generator, replayable from a seed. */
static inline unsigned int t_rand(unsigned int *state)
{
	unsigned int x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

#endif /* _SMM_MM_HELPERS_H */
