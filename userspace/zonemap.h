/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zonemap.h - the physical layout of one shadow zone, for `smm zone map`
 *
 * The page descriptors of a zone (the page-get dump, in pfn order) are
 * folded into runs: pages next to each other in the same state (free in a
 * buddy block of some order, on a per-CPU list, allocated, a hole) and in
 * pageblocks of the same migrate type. The runs are then drawn as a
 * terminal picture, written as JSON or as an SVG image. No netlink here:
 * host tests feed page records and compare what comes out.
 */
#ifndef SMM_ZONEMAP_H
#define SMM_ZONEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

#include "mm_info.h"
#include "print.h"

/* Columns of the terminal picture: one character cell each. */
#define ZONEMAP_COLS		64
/* The terminal picture's rows stay at or under this many. */
#define ZONEMAP_MAX_ROWS	32

/**
 * enum zonemap_kind - what the pages of a run are
 * @ZONEMAP_ABSENT: no descriptor of this zone (a section of another zone,
 *	or no section at all) inside the zone's span
 * @ZONEMAP_HOLE: a reserved page: a hole in a present section
 * @ZONEMAP_FREE: in a free block on the buddy lists
 * @ZONEMAP_PCP: in a free block on a per-CPU list
 * @ZONEMAP_USED: in an allocated block
 * @ZONEMAP_UNKNOWN: no block claims the page (read while it changed)
 * @__ZONEMAP_KIND_MAX: the number of kinds
 */
enum zonemap_kind {
	ZONEMAP_ABSENT,
	ZONEMAP_HOLE,
	ZONEMAP_FREE,
	ZONEMAP_PCP,
	ZONEMAP_USED,
	ZONEMAP_UNKNOWN,
	__ZONEMAP_KIND_MAX
};

/**
 * struct zonemap_run - pages next to each other in one state
 * @start_pfn: the first page frame
 * @pages: how many
 * @kind: their state
 * @order: for ZONEMAP_FREE, ZONEMAP_PCP and ZONEMAP_USED, the order of
 *	the blocks they are in (a run may hold several blocks); else 0
 * @migratetype: for the same kinds, their pageblocks' enum
 *	shadow_mm_migratetype; 0 when unknown or for the other kinds
 */
struct zonemap_run {
	__u64 start_pfn;
	__u64 pages;
	enum zonemap_kind kind;
	__u32 order;
	__u32 migratetype;
};

/**
 * struct zonemap - a zone's span as runs, and how to draw it
 * @node: the zone's node
 * @zone_type: its enum shadow_mm_zone_type
 * @start_pfn: the first page frame it spans
 * @spanned: the page frames it spans, holes included
 * @pageblock_order: a pageblock is 2^pageblock_order pages
 * @runs: the runs, in pfn order; once zonemap_finish() ran they tile
 *	@start_pfn to @start_pfn + @spanned
 * @n_runs: entries in @runs
 * @cap: room in @runs
 * @next_pfn: the builder's next expected page frame
 * @block_end: the end of the block the last head page started
 * @block_kind: that block's kind
 * @block_order: that block's order
 */
struct zonemap {
	__u32 node;
	__u32 zone_type;
	__u64 start_pfn;
	__u64 spanned;
	unsigned int pageblock_order;
	struct zonemap_run *runs;
	size_t n_runs;
	size_t cap;
	__u64 next_pfn;
	__u64 block_end;
	enum zonemap_kind block_kind;
	__u32 block_order;
};

void zonemap_init(struct zonemap *map, __u32 node, __u32 zone_type,
		  __u64 start_pfn, __u64 spanned, unsigned int pageblock_order);
int zonemap_add_page(struct zonemap *map, const struct smm_page_info *page);
int zonemap_finish(struct zonemap *map);
int zonemap_build(struct zonemap *map, const struct smm_page_info *pages,
		  size_t n);
void zonemap_release(struct zonemap *map);

const char *zonemap_kind_name(enum zonemap_kind kind);
void zonemap_print_text(FILE *f, const struct zonemap *map, bool colour);
void zonemap_print_json(struct smm_out *o, const struct zonemap *map);
void zonemap_print_svg(FILE *f, const struct zonemap *map);

#endif /* SMM_ZONEMAP_H */
