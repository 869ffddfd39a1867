// SPDX-License-Identifier: GPL-2.0
/*
 * procfmt.c - the shadow zones in the formats of /proc/buddyinfo,
 * /proc/pagetypeinfo and /proc/zoneinfo
 *
 * The format strings follow Linux 6.1's mm/vmstat.c: frag_show_print(),
 * pagetypeinfo_show() and its helpers, zoneinfo_show_print(). Zones come
 * sorted by node and type (smm_zones_sort()), the order in which the
 * kernel walks them.
 */
#include "names.h"
#include "procfmt.h"

/* A zone the kernel calls populated: it has present pages. */
static bool populated(const struct smm_zone_info *z)
{
	return z->has[SHADOW_MM_A_ZONE_PRESENT_PAGES] && z->present;
}

/* The zone's name as the kernel prints it. */
static const char *zone_name(const struct smm_zone_info *z)
{
	const char *name;

	if (z->has[SHADOW_MM_A_ZONE_NAME] && z->name[0])
		return z->name;
	name = smm_zone_type_kname(z->type);
	return name ? name : "?";
}

/* Orders to print: the kernel's MAX_ORDER is the same for every zone. */
static unsigned int nr_orders(const struct smm_zone_info *zones, size_t n)
{
	unsigned int orders = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (zones[i].n_orders > orders)
			orders = zones[i].n_orders;
	return orders;
}

/**
 * proc_buddyinfo() - print zones as /proc/buddyinfo does
 * @f: where to print
 * @zones: the zones, sorted
 * @n: entries in @zones
 *
 * One line per populated zone: the free blocks of each order.
 */
void proc_buddyinfo(FILE *f, const struct smm_zone_info *zones, size_t n)
{
	unsigned int orders = nr_orders(zones, n);
	unsigned int order;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct smm_zone_info *z = &zones[i];

		if (!populated(z))
			continue;
		fprintf(f, "Node %u, zone %8s ", z->node, zone_name(z));
		for (order = 0; order < orders; order++)
			fprintf(f, "%6llu ",
				(unsigned long long)z->free_area[order].nr_free);
		fputc('\n', f);
	}
}

/* The zones of node @node: [*first, *end) of @zones. */
static void node_range(const struct smm_zone_info *zones, size_t n,
		       size_t *first, size_t *end)
{
	size_t i = *first;

	while (i < n && zones[i].node == zones[*first].node)
		i++;
	*end = i;
}

static bool any_populated(const struct smm_zone_info *zones, size_t from,
			  size_t end)
{
	for (; from < end; from++)
		if (populated(&zones[from]))
			return true;
	return false;
}

static void pagetypeinfo_node(FILE *f, const struct smm_zone_info *zones,
			      size_t from, size_t end, unsigned int orders,
			      int pageblock_order)
{
	unsigned int order, mt;
	size_t i;

	if (pageblock_order >= 0) {
		fprintf(f, "Page block order: %d\n", pageblock_order);
		fprintf(f, "Pages per block:  %llu\n",
			1ULL << pageblock_order);
		fputc('\n', f);
	}

	fprintf(f, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < orders; order++)
		fprintf(f, "%6u ", order);
	fputc('\n', f);
	for (i = from; i < end; i++) {
		const struct smm_zone_info *z = &zones[i];

		if (!populated(z))
			continue;
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++) {
			fprintf(f, "Node %4u, zone %8s, type %12s ", z->node,
				zone_name(z), smm_migratetype_kname(mt + 1));
			for (order = 0; order < orders; order++)
				fprintf(f, "%6llu ", (unsigned long long)
					z->free_area[order].by_type[mt]);
			fputc('\n', f);
		}
	}

	fprintf(f, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++)
		fprintf(f, "%12s ", smm_migratetype_kname(mt + 1));
	fputc('\n', f);
	for (i = from; i < end; i++) {
		const struct smm_zone_info *z = &zones[i];

		if (!populated(z))
			continue;
		fprintf(f, "Node %u, zone %8s ", z->node, zone_name(z));
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++)
			fprintf(f, "%12llu ",
				(unsigned long long)z->pageblocks[mt]);
		fputc('\n', f);
	}
}

/**
 * proc_pagetypeinfo() - print zones as /proc/pagetypeinfo does
 * @f: where to print
 * @zones: the zones, sorted
 * @n: entries in @zones
 * @pageblock_order: the pageblock order; negative when unknown, which
 *	leaves out the "Page block order" and "Pages per block" lines
 *
 * For each node with memory: the pageblock size, the free blocks of each
 * order per migrate type, and the pageblocks per migrate type. The kernel
 * also prints "Number of mixed blocks" with CONFIG_PAGE_OWNER; the shadow
 * allocator does not track that, so the table is left out.
 */
void proc_pagetypeinfo(FILE *f, const struct smm_zone_info *zones, size_t n,
		       int pageblock_order)
{
	unsigned int orders = nr_orders(zones, n);
	size_t first = 0, end;

	while (first < n) {
		node_range(zones, n, &first, &end);
		if (any_populated(zones, first, end))
			pagetypeinfo_node(f, zones, first, end, orders,
					  pageblock_order);
		first = end;
	}
}

/* A "\n        label  %llu" line of zoneinfo, when the value came. */
static void zoneinfo_line(FILE *f, const struct smm_zone_info *z, int attr,
			  const char *label, __u64 value)
{
	if (z->has[attr])
		fprintf(f, "\n%s%llu", label, (unsigned long long)value);
}

static void zoneinfo_zone(FILE *f, const struct smm_zone_info *z)
{
	unsigned int i;

	fprintf(f, "Node %u, zone %8s", z->node, zone_name(z));
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_FREE_PAGES, "  pages free     ",
		      z->free);
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_WMARK_MIN, "        min      ",
		      z->wmark_min);
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_WMARK_LOW, "        low      ",
		      z->wmark_low);
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_WMARK_HIGH, "        high     ",
		      z->wmark_high);
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_SPANNED_PAGES,
		      "        spanned  ", z->spanned);
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_PRESENT_PAGES,
		      "        present  ", z->present);
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_MANAGED_PAGES,
		      "        managed  ", z->managed);
	if (z->n_lowmem_reserve) {
		fprintf(f, "\n        protection: (%lld",
			(long long)z->lowmem_reserve[0]);
		for (i = 1; i < z->n_lowmem_reserve; i++)
			fprintf(f, ", %lld", (long long)z->lowmem_reserve[i]);
		fputc(')', f);
	}

	/* If unpopulated, no other information is useful. */
	if (!populated(z)) {
		fputc('\n', f);
		return;
	}

	/* Of the zone's vm stat items, the shadow world counts free pages. */
	if (z->has[SHADOW_MM_A_ZONE_FREE_PAGES])
		fprintf(f, "\n      %-12s %llu", "nr_free_pages",
			(unsigned long long)z->free);

	if (z->n_pcp) {
		fprintf(f, "\n  pagesets");
		for (i = 0; i < z->n_pcp; i++) {
			fprintf(f, "\n    cpu: %u", z->pcp[i].cpu);
			fprintf(f, "\n              count: %u", z->pcp[i].count);
			fprintf(f, "\n              high:  %u", z->pcp[i].high);
			fprintf(f, "\n              batch: %u", z->pcp[i].batch);
		}
	}
	zoneinfo_line(f, z, SHADOW_MM_A_ZONE_START_PFN,
		      "  start_pfn:           ", z->start_pfn);
	fputc('\n', f);
}

/**
 * proc_zoneinfo() - print zones as /proc/zoneinfo does
 * @f: where to print
 * @zones: the zones, sorted
 * @n: entries in @zones
 *
 * Every zone, populated or not, as the kernel does (lowmem reserves act
 * on all zones); an unpopulated zone ends after its protection line.
 */
void proc_zoneinfo(FILE *f, const struct smm_zone_info *zones, size_t n)
{
	size_t i;

	/*
	 * The kernel prints the node's vm stats under its first populated
	 * zone ("per-node stats"): the shadow world keeps none.
	 */
	for (i = 0; i < n; i++)
		zoneinfo_zone(f, &zones[i]);
}
