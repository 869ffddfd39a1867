// SPDX-License-Identifier: GPL-2.0
/*
 * mm_print.c - nodes, zones, pages and owners as text and JSON
 *
 * JSON keys are snake_case; enum values are the spec's names ("dma32",
 * "movable"); a value the module did not send is null. Text shows the
 * kernel's names ("DMA32", "Movable") and leaves out what did not come.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "mm_print.h"
#include "names.h"

/* Labels of the summaries, their colon included, are padded to this. */
#define MM_LABEL_WIDTH	17

/* "8192 pages (32 MiB)", or "8192 pages" when the page size is unknown. */
static void text_pages(struct smm_out *o, const char *label, bool has,
		       __u64 pages, unsigned long page_size)
{
	char human[32];

	if (!has)
		return;
	if (page_size)
		out_textf(o, label, "%llu pages (%s)", (unsigned long long)pages,
			  format_size_iec(pages * page_size, human,
					  sizeof(human)));
	else
		out_textf(o, label, "%llu pages", (unsigned long long)pages);
}

/* "0x40000-0x41fff": the first and the last page frame spanned. */
static void text_span(struct smm_out *o, bool has, __u64 start, __u64 pages)
{
	if (!has)
		return;
	if (pages)
		out_textf(o, "  pfns", "%#llx-%#llx", (unsigned long long)start,
			  (unsigned long long)(start + pages - 1));
	else
		out_textf(o, "  pfns", "none (starts at %#llx)",
			  (unsigned long long)start);
}

static void node_json(struct smm_out *o, const struct smm_node_info *n)
{
	const char *name;
	unsigned int i;

	json_begin_object(&o->jw, NULL);
	json_opt_u64(&o->jw, "id", n->has[SHADOW_MM_A_NODE_ID], n->id);
	json_opt_u64(&o->jw, "start_pfn", n->has[SHADOW_MM_A_NODE_START_PFN],
		     n->start_pfn);
	json_opt_u64(&o->jw, "spanned_pages",
		     n->has[SHADOW_MM_A_NODE_SPANNED_PAGES], n->spanned);
	json_opt_u64(&o->jw, "present_pages",
		     n->has[SHADOW_MM_A_NODE_PRESENT_PAGES], n->present);
	json_opt_u64(&o->jw, "free_pages", n->has[SHADOW_MM_A_NODE_FREE_PAGES],
		     n->free);
	json_begin_array(&o->jw, "distances");
	for (i = 0; i < n->n_distance; i++)
		json_u64(&o->jw, NULL, n->distance[i]);
	json_end_array(&o->jw);
	json_begin_array(&o->jw, "zones");
	for (i = 0; i < n->n_zone_types; i++) {
		name = smm_zone_type_name(n->zone_types[i]);
		if (name)
			json_string(&o->jw, NULL, name);
		else
			json_u64(&o->jw, NULL, n->zone_types[i]);
	}
	json_end_array(&o->jw);
	json_end_object(&o->jw);
}

/**
 * mm_print_node() - a node: span, page counts, distances, zones
 * @o: the output; in JSON mode one object, as an array element
 * @node: the node
 * @page_size: bytes per page, for sizes in text; 0 to leave them out
 */
void mm_print_node(struct smm_out *o, const struct smm_node_info *node,
		   unsigned long page_size)
{
	char line[256] = "", num[16];
	unsigned int i;
	size_t used;
	__u32 type;

	if (o->json) {
		node_json(o, node);
		return;
	}
	o->label_width = MM_LABEL_WIDTH;
	fprintf(o->f, "node %u\n", node->id);
	text_span(o, node->has[SHADOW_MM_A_NODE_START_PFN] &&
		  node->has[SHADOW_MM_A_NODE_SPANNED_PAGES],
		  node->start_pfn, node->spanned);
	text_pages(o, "  spanned", node->has[SHADOW_MM_A_NODE_SPANNED_PAGES],
		   node->spanned, page_size);
	text_pages(o, "  present", node->has[SHADOW_MM_A_NODE_PRESENT_PAGES],
		   node->present, page_size);
	text_pages(o, "  free", node->has[SHADOW_MM_A_NODE_FREE_PAGES],
		   node->free, page_size);
	if (node->n_distance) {
		for (i = 0, used = 0; i < node->n_distance &&
		     used < sizeof(line); i++)
			used += snprintf(line + used, sizeof(line) - used,
					 "%s%u", i ? " " : "",
					 node->distance[i]);
		out_textf(o, "  distances", "%s", line);
	}
	if (node->n_zone_types) {
		line[0] = '\0';
		for (i = 0, used = 0; i < node->n_zone_types &&
		     used < sizeof(line); i++) {
			type = node->zone_types[i];
			used += snprintf(line + used, sizeof(line) - used,
					 "%s%s", i ? " " : "",
					 smm_name_or_number(smm_zone_type_kname(type),
							    type, num,
							    sizeof(num)));
		}
		out_textf(o, "  zones", "%s", line);
	}
}

static void zone_json(struct smm_out *o, const struct smm_zone_info *z)
{
	static const struct {
		const char *key;
		int attr;
		size_t offset;
	} counters[] = {
		{ "alloc", SHADOW_MM_A_ZONE_ALLOC_COUNT,
		  offsetof(struct smm_zone_info, alloc_count) },
		{ "free", SHADOW_MM_A_ZONE_FREE_COUNT,
		  offsetof(struct smm_zone_info, free_count) },
		{ "split", SHADOW_MM_A_ZONE_SPLIT_COUNT,
		  offsetof(struct smm_zone_info, split_count) },
		{ "merge", SHADOW_MM_A_ZONE_MERGE_COUNT,
		  offsetof(struct smm_zone_info, merge_count) },
		{ "steal", SHADOW_MM_A_ZONE_STEAL_COUNT,
		  offsetof(struct smm_zone_info, steal_count) },
		{ "fail", SHADOW_MM_A_ZONE_FAIL_COUNT,
		  offsetof(struct smm_zone_info, fail_count) },
	};
	unsigned int i, mt;

	json_begin_object(&o->jw, NULL);
	json_opt_u64(&o->jw, "node", z->has[SHADOW_MM_A_ZONE_NODE], z->node);
	json_opt_enum(&o->jw, "type", z->has[SHADOW_MM_A_ZONE_TYPE], z->type,
		      smm_zone_type_name);
	json_string(&o->jw, "name",
		    z->has[SHADOW_MM_A_ZONE_NAME] ? z->name : NULL);
	json_opt_u64(&o->jw, "start_pfn", z->has[SHADOW_MM_A_ZONE_START_PFN],
		     z->start_pfn);
	json_opt_u64(&o->jw, "spanned_pages",
		     z->has[SHADOW_MM_A_ZONE_SPANNED_PAGES], z->spanned);
	json_opt_u64(&o->jw, "present_pages",
		     z->has[SHADOW_MM_A_ZONE_PRESENT_PAGES], z->present);
	json_opt_u64(&o->jw, "managed_pages",
		     z->has[SHADOW_MM_A_ZONE_MANAGED_PAGES], z->managed);
	json_opt_u64(&o->jw, "free_pages", z->has[SHADOW_MM_A_ZONE_FREE_PAGES],
		     z->free);
	json_begin_object(&o->jw, "watermarks");
	json_opt_u64(&o->jw, "min", z->has[SHADOW_MM_A_ZONE_WMARK_MIN],
		     z->wmark_min);
	json_opt_u64(&o->jw, "low", z->has[SHADOW_MM_A_ZONE_WMARK_LOW],
		     z->wmark_low);
	json_opt_u64(&o->jw, "high", z->has[SHADOW_MM_A_ZONE_WMARK_HIGH],
		     z->wmark_high);
	json_end_object(&o->jw);

	json_begin_array(&o->jw, "lowmem_reserve");
	for (i = 0; i < z->n_lowmem_reserve; i++)
		json_u64(&o->jw, NULL, z->lowmem_reserve[i]);
	json_end_array(&o->jw);

	json_begin_array(&o->jw, "free_areas");
	for (i = 0; i < z->n_orders; i++) {
		const struct smm_free_area *fa = &z->free_area[i];

		if (!fa->has)
			continue;
		json_begin_object(&o->jw, NULL);
		json_u64(&o->jw, "order", i);
		json_u64(&o->jw, "nr_free", fa->nr_free);
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++)
			json_opt_u64(&o->jw, smm_migratetype_name(mt + 1),
				     fa->has_type[mt], fa->by_type[mt]);
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);

	if (z->has[SHADOW_MM_A_ZONE_PAGEBLOCKS]) {
		json_begin_object(&o->jw, "pageblocks");
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++)
			json_opt_u64(&o->jw, smm_migratetype_name(mt + 1),
				     z->has_pageblock[mt], z->pageblocks[mt]);
		json_end_object(&o->jw);
	} else {
		json_null(&o->jw, "pageblocks");
	}

	json_begin_array(&o->jw, "pcp");
	for (i = 0; i < z->n_pcp; i++) {
		json_begin_object(&o->jw, NULL);
		json_u64(&o->jw, "cpu", z->pcp[i].cpu);
		json_u64(&o->jw, "count", z->pcp[i].count);
		json_u64(&o->jw, "high", z->pcp[i].high);
		json_u64(&o->jw, "batch", z->pcp[i].batch);
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);

	json_begin_object(&o->jw, "counters");
	for (i = 0; i < ARRAY_SIZE(counters); i++)
		json_opt_u64(&o->jw, counters[i].key, z->has[counters[i].attr],
			     *(const __u64 *)((const char *)z +
					      counters[i].offset));
	json_end_object(&o->jw);
	json_end_object(&o->jw);
}

/* Appends ", name value" pieces to @line for the values that came. */
static size_t add_piece(char *line, size_t size, size_t used, bool has,
			const char *name, __u64 value)
{
	if (!has || used >= size)
		return used;
	return used + snprintf(line + used, size - used, "%s%s %llu",
			       used ? ", " : "", name,
			       (unsigned long long)value);
}

static void zone_text(struct smm_out *o, const struct smm_zone_info *z,
		      unsigned long page_size)
{
	char line[512], label[32];
	unsigned int i, mt;
	size_t used;

	o->label_width = MM_LABEL_WIDTH;
	fprintf(o->f, "node %u, zone %s\n", z->node,
		z->has[SHADOW_MM_A_ZONE_NAME] ? z->name :
		smm_name_or_number(smm_zone_type_kname(z->type), z->type, label,
				   sizeof(label)));
	text_span(o, z->has[SHADOW_MM_A_ZONE_START_PFN] &&
		  z->has[SHADOW_MM_A_ZONE_SPANNED_PAGES],
		  z->start_pfn, z->spanned);
	text_pages(o, "  spanned", z->has[SHADOW_MM_A_ZONE_SPANNED_PAGES],
		   z->spanned, page_size);
	text_pages(o, "  present", z->has[SHADOW_MM_A_ZONE_PRESENT_PAGES],
		   z->present, page_size);
	text_pages(o, "  managed", z->has[SHADOW_MM_A_ZONE_MANAGED_PAGES],
		   z->managed, page_size);
	text_pages(o, "  free", z->has[SHADOW_MM_A_ZONE_FREE_PAGES],
		   z->free, page_size);

	used = 0;
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_WMARK_MIN], "min",
			 z->wmark_min);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_WMARK_LOW], "low",
			 z->wmark_low);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_WMARK_HIGH], "high",
			 z->wmark_high);
	if (used)
		out_textf(o, "  watermarks", "%s", line);

	if (z->n_lowmem_reserve) {
		for (i = 0, used = 0; i < z->n_lowmem_reserve &&
		     used < sizeof(line); i++)
			used += snprintf(line + used, sizeof(line) - used,
					 "%s%llu", i ? ", " : "",
					 (unsigned long long)z->lowmem_reserve[i]);
		out_textf(o, "  lowmem reserve", "%s", line);
	}

	/* "order:blocks" pairs, as buddyinfo's columns. */
	for (i = 0, used = 0; i < z->n_orders && used < sizeof(line); i++)
		if (z->free_area[i].has)
			used += snprintf(line + used, sizeof(line) - used,
					 "%s%u:%llu", used ? " " : "", i,
					 (unsigned long long)z->free_area[i].nr_free);
	if (used)
		out_textf(o, "  free blocks", "%s", line);

	if (z->has[SHADOW_MM_A_ZONE_PAGEBLOCKS]) {
		for (mt = 0, used = 0; mt < SMM_NR_MIGRATETYPES; mt++)
			used = add_piece(line, sizeof(line), used,
					 z->has_pageblock[mt],
					 smm_migratetype_name(mt + 1),
					 z->pageblocks[mt]);
		if (used)
			out_textf(o, "  pageblocks", "%s", line);
	}

	for (i = 0; i < z->n_pcp; i++) {
		snprintf(label, sizeof(label), "  cpu %u lists", z->pcp[i].cpu);
		out_textf(o, label, "count %u, high %u, batch %u",
			  z->pcp[i].count, z->pcp[i].high, z->pcp[i].batch);
	}

	used = 0;
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_ALLOC_COUNT], "alloc",
			 z->alloc_count);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_FREE_COUNT], "free",
			 z->free_count);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_SPLIT_COUNT], "split",
			 z->split_count);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_MERGE_COUNT], "merge",
			 z->merge_count);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_STEAL_COUNT], "steal",
			 z->steal_count);
	used = add_piece(line, sizeof(line), used,
			 z->has[SHADOW_MM_A_ZONE_FAIL_COUNT], "fail",
			 z->fail_count);
	if (used)
		out_textf(o, "  counters", "%s", line);
}

/**
 * mm_print_zone() - a zone: span, page counts, watermarks, lowmem reserve,
 *	free blocks per order, pageblocks, per-CPU lists, event counters
 * @o: the output; in JSON mode one object, as an array element
 * @zone: the zone
 * @page_size: bytes per page, for sizes in text; 0 to leave them out
 */
void mm_print_zone(struct smm_out *o, const struct smm_zone_info *zone,
		   unsigned long page_size)
{
	if (o->json)
		zone_json(o, zone);
	else
		zone_text(o, zone, page_size);
}

static void page_json(struct smm_out *o, const struct smm_page_info *p)
{
	unsigned int bit;
	const char *name;

	json_begin_object(&o->jw, NULL);
	json_opt_u64(&o->jw, "pfn", p->has[SHADOW_MM_A_PAGE_PFN], p->pfn);
	json_opt_u64(&o->jw, "node", p->has[SHADOW_MM_A_PAGE_NODE], p->node);
	json_opt_enum(&o->jw, "zone", p->has[SHADOW_MM_A_PAGE_ZONE], p->zone,
		      smm_zone_type_name);
	if (p->has[SHADOW_MM_A_PAGE_FLAGS]) {
		json_begin_array(&o->jw, "flags");
		for (bit = 0; bit < 32; bit++) {
			if (!(p->flags & (1U << bit)))
				continue;
			name = smm_page_flag_name(bit);
			if (name)
				json_string(&o->jw, NULL, name);
			else
				json_u64(&o->jw, NULL, 1U << bit);
		}
		json_end_array(&o->jw);
	} else {
		json_null(&o->jw, "flags");
	}
	json_opt_u64(&o->jw, "order", p->has[SHADOW_MM_A_PAGE_ORDER], p->order);
	json_opt_u64(&o->jw, "refcount", p->has[SHADOW_MM_A_PAGE_REFCOUNT],
		     p->refcount);
	json_opt_u64(&o->jw, "mapcount", p->has[SHADOW_MM_A_PAGE_MAPCOUNT],
		     p->mapcount);
	json_string(&o->jw, "owner",
		    p->has[SHADOW_MM_A_PAGE_OWNER] ? p->owner : NULL);
	json_opt_enum(&o->jw, "migratetype",
		      p->has[SHADOW_MM_A_PAGE_MIGRATETYPE], p->migratetype,
		      smm_migratetype_name);
	json_end_object(&o->jw);
}

static const char *page_zone_text(const struct smm_page_info *p, char *buf,
				  size_t size)
{
	if (!p->has[SHADOW_MM_A_PAGE_ZONE])
		return "-";
	return smm_name_or_number(smm_zone_type_kname(p->zone), p->zone, buf,
				  size);
}

static const char *page_mt_text(const struct smm_page_info *p, char *buf,
				size_t size)
{
	if (!p->has[SHADOW_MM_A_PAGE_MIGRATETYPE])
		return "-";
	return smm_name_or_number(smm_migratetype_kname(p->migratetype),
				  p->migratetype, buf, size);
}

/**
 * mm_print_page() - a page descriptor, a line per field
 * @o: the output; in JSON mode one object
 * @page: the descriptor
 *
 * Flags by name ("head,lru"), zone and migrate type by the kernel's names.
 */
void mm_print_page(struct smm_out *o, const struct smm_page_info *page)
{
	char flags[160], zone[16], mt[16];
	const struct smm_page_info *p = page;

	if (o->json) {
		page_json(o, p);
		return;
	}
	o->label_width = 13;
	if (p->has[SHADOW_MM_A_PAGE_PFN])
		out_textf(o, "pfn", "%#llx (%llu)", (unsigned long long)p->pfn,
			  (unsigned long long)p->pfn);
	if (p->has[SHADOW_MM_A_PAGE_NODE])
		out_textf(o, "node", "%u", p->node);
	if (p->has[SHADOW_MM_A_PAGE_ZONE])
		out_textf(o, "zone", "%s",
			  page_zone_text(p, zone, sizeof(zone)));
	if (p->has[SHADOW_MM_A_PAGE_FLAGS])
		out_textf(o, "flags", "%s",
			  smm_page_flags_text(p->flags, flags, sizeof(flags)));
	if (p->has[SHADOW_MM_A_PAGE_ORDER])
		out_textf(o, "order", "%u", p->order);
	if (p->has[SHADOW_MM_A_PAGE_REFCOUNT])
		out_textf(o, "refcount", "%u", p->refcount);
	if (p->has[SHADOW_MM_A_PAGE_MAPCOUNT])
		out_textf(o, "mapcount", "%u", p->mapcount);
	out_textf(o, "owner", "%s",
		  p->has[SHADOW_MM_A_PAGE_OWNER] && p->owner[0] ?
		  p->owner : "-");
	if (p->has[SHADOW_MM_A_PAGE_MIGRATETYPE])
		out_textf(o, "migratetype", "%s",
			  page_mt_text(p, mt, sizeof(mt)));
}

/**
 * mm_print_page_line() - a page descriptor on one line, for `page dump`
 * @o: the output; in JSON mode one object, as an array element
 * @page: the descriptor
 *
 * "pfn 0x40000 node 0 zone Normal flags buddy order 10 refcount 0
 * mapcount 0 migratetype Movable owner -": key-value pairs in a fixed
 * order, so the lines can be cut and grepped. An absent value is "-".
 */
void mm_print_page_line(struct smm_out *o, const struct smm_page_info *page)
{
	char flags[160], zone[16], mt[16];
	const struct smm_page_info *p = page;

	if (o->json) {
		page_json(o, p);
		return;
	}
	fprintf(o->f, "pfn %#llx node ", (unsigned long long)p->pfn);
	if (p->has[SHADOW_MM_A_PAGE_NODE])
		fprintf(o->f, "%u", p->node);
	else
		fputc('-', o->f);
	fprintf(o->f, " zone %s flags %s order ",
		page_zone_text(p, zone, sizeof(zone)),
		p->has[SHADOW_MM_A_PAGE_FLAGS] ?
		smm_page_flags_text(p->flags, flags, sizeof(flags)) : "-");
	if (p->has[SHADOW_MM_A_PAGE_ORDER])
		fprintf(o->f, "%u", p->order);
	else
		fputc('-', o->f);
	fprintf(o->f, " refcount %u mapcount %u migratetype %s owner %s\n",
		p->refcount, p->mapcount, page_mt_text(p, mt, sizeof(mt)),
		p->has[SHADOW_MM_A_PAGE_OWNER] && p->owner[0] ?
		p->owner : "-");
}

/**
 * mm_print_owners_header() - the column heads of `page owners`
 * @o: the output; nothing in JSON mode
 */
void mm_print_owners_header(struct smm_out *o)
{
	if (!o->json)
		fprintf(o->f, "%-31s %12s %12s\n", "OWNER", "BLOCKS", "PAGES");
}

/**
 * mm_print_owner() - one owner tag and what it holds
 * @o: the output; in JSON mode one object, as an array element
 * @owner: the owner
 */
void mm_print_owner(struct smm_out *o, const struct smm_owner_info *owner)
{
	if (o->json) {
		json_begin_object(&o->jw, NULL);
		json_string(&o->jw, "owner",
			    owner->has[SHADOW_MM_A_OWNER_NAME] ?
			    owner->name : NULL);
		json_opt_u64(&o->jw, "blocks",
			     owner->has[SHADOW_MM_A_OWNER_BLOCKS],
			     owner->blocks);
		json_opt_u64(&o->jw, "pages",
			     owner->has[SHADOW_MM_A_OWNER_PAGES], owner->pages);
		json_end_object(&o->jw);
		return;
	}
	fprintf(o->f, "%-31s %12llu %12llu\n",
		owner->has[SHADOW_MM_A_OWNER_NAME] ? owner->name : "-",
		(unsigned long long)owner->blocks,
		(unsigned long long)owner->pages);
}

static bool zone_populated(const struct smm_zone_info *z)
{
	return z->has[SHADOW_MM_A_ZONE_PRESENT_PAGES] && z->present;
}

static const char *zone_kname(const struct smm_zone_info *z)
{
	const char *name = smm_zone_type_kname(z->type);

	if (z->has[SHADOW_MM_A_ZONE_NAME])
		return z->name;
	return name ? name : "?";
}

/**
 * mm_print_buddyinfo_json() - buddyinfo's numbers as JSON
 * @o: the output, in JSON mode
 * @zones: the zones, sorted
 * @n: entries in @zones
 *
 * An array of {"node", "zone", "free": [blocks per order]} for the
 * populated zones, as buddyinfo's lines.
 */
void mm_print_buddyinfo_json(struct smm_out *o,
			     const struct smm_zone_info *zones, size_t n)
{
	unsigned int order;
	size_t i;

	json_begin_array(&o->jw, NULL);
	for (i = 0; i < n; i++) {
		const struct smm_zone_info *z = &zones[i];

		if (!zone_populated(z))
			continue;
		json_begin_object(&o->jw, NULL);
		json_u64(&o->jw, "node", z->node);
		json_string(&o->jw, "zone", zone_kname(z));
		json_begin_array(&o->jw, "free");
		for (order = 0; order < z->n_orders; order++)
			json_u64(&o->jw, NULL, z->free_area[order].nr_free);
		json_end_array(&o->jw);
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);
}

/**
 * mm_print_pagetypeinfo_json() - pagetypeinfo's numbers as JSON
 * @o: the output, in JSON mode
 * @zones: the zones, sorted
 * @n: entries in @zones
 * @pageblock_order: the pageblock order, negative when unknown (null)
 *
 * {"pageblock_order", "pages_per_block", "zones": [{"node", "zone",
 * "free": {TYPE: [blocks per order]}, "pageblocks": {TYPE: count}}]}
 */
void mm_print_pagetypeinfo_json(struct smm_out *o,
				const struct smm_zone_info *zones, size_t n,
				int pageblock_order)
{
	unsigned int order, mt;
	size_t i;

	json_begin_object(&o->jw, NULL);
	if (pageblock_order >= 0) {
		json_u64(&o->jw, "pageblock_order", pageblock_order);
		json_u64(&o->jw, "pages_per_block", 1ULL << pageblock_order);
	} else {
		json_null(&o->jw, "pageblock_order");
		json_null(&o->jw, "pages_per_block");
	}
	json_begin_array(&o->jw, "zones");
	for (i = 0; i < n; i++) {
		const struct smm_zone_info *z = &zones[i];

		if (!zone_populated(z))
			continue;
		json_begin_object(&o->jw, NULL);
		json_u64(&o->jw, "node", z->node);
		json_string(&o->jw, "zone", zone_kname(z));
		json_begin_object(&o->jw, "free");
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++) {
			json_begin_array(&o->jw, smm_migratetype_name(mt + 1));
			for (order = 0; order < z->n_orders; order++)
				json_u64(&o->jw, NULL,
					 z->free_area[order].by_type[mt]);
			json_end_array(&o->jw);
		}
		json_end_object(&o->jw);
		json_begin_object(&o->jw, "pageblocks");
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++)
			json_u64(&o->jw, smm_migratetype_name(mt + 1),
				 z->pageblocks[mt]);
		json_end_object(&o->jw);
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);
	json_end_object(&o->jw);
}
