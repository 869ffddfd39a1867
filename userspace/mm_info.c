// SPDX-License-Identifier: GPL-2.0
/*
 * mm_info.c - helpers on the decoded nodes and zones (no netlink here)
 */
#include <stdlib.h>

#include "mm_info.h"

/**
 * smm_zone_info_release() - free what a decoded zone holds
 * @z: the zone; its per-CPU list array is freed and cleared
 */
void smm_zone_info_release(struct smm_zone_info *z)
{
	free(z->pcp);
	z->pcp = NULL;
	z->n_pcp = 0;
}

/**
 * smm_zones_release() - free an array of zones and what they hold
 * @zones: from malloc(), or NULL
 * @n: entries in @zones
 */
void smm_zones_release(struct smm_zone_info *zones, size_t n)
{
	size_t i;

	for (i = 0; i < n && zones; i++)
		smm_zone_info_release(&zones[i]);
	free(zones);
}

static int zone_cmp(const void *a, const void *b)
{
	const struct smm_zone_info *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return 0;
}

/**
 * smm_zones_sort() - put zones in the order the kernel walks them
 * @zones: the zones
 * @n: entries in @zones
 *
 * By node, then by zone type from the lowest: /proc/zoneinfo's order.
 */
void smm_zones_sort(struct smm_zone_info *zones, size_t n)
{
	if (n > 1)
		qsort(zones, n, sizeof(*zones), zone_cmp);
}
