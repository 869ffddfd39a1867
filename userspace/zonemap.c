// SPDX-License-Identifier: GPL-2.0
/*
 * zonemap.c - a shadow zone's physical layout as runs of pages, drawn in
 * the terminal, as JSON and as SVG
 *
 * The page-get dump says, page by page, what each descriptor holds; only
 * the first page of a block says so (buddy, pcp, or an allocated head
 * with its order). The builder follows each block over its 2^order pages
 * and merges neighbours in the same state into runs. The pictures are
 * drawn from the runs alone:
 *
 *   terminal  ZONEMAP_COLS cells a row, 2^k pages a cell so that the span
 *             fits in ZONEMAP_MAX_ROWS rows; rows start at multiples of
 *             their size, so pageblocks line up with them
 *   SVG       the same rows, a rectangle for each piece of a run in a row,
 *             a line at each pageblock boundary
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include "names.h"
#include "svg.h"
#include "zonemap.h"

/* Beyond this a block order is garbage (the module's maximum is 11). */
#define ZONEMAP_MAX_BLOCK_ORDER	40

/**
 * zonemap_init() - start a map of a zone's span
 * @map: the map
 * @node: the zone's node
 * @zone_type: its enum shadow_mm_zone_type
 * @start_pfn: its first page frame
 * @spanned: the page frames it spans
 * @pageblock_order: the module's pageblock order
 *
 * Feed the zone's pages with zonemap_add_page(), then call
 * zonemap_finish(); zonemap_release() frees the runs.
 */
void zonemap_init(struct zonemap *map, __u32 node, __u32 zone_type,
		  __u64 start_pfn, __u64 spanned, unsigned int pageblock_order)
{
	memset(map, 0, sizeof(*map));
	map->node = node;
	map->zone_type = zone_type;
	map->start_pfn = start_pfn;
	map->spanned = spanned;
	map->pageblock_order = pageblock_order < ZONEMAP_MAX_BLOCK_ORDER ?
			       pageblock_order : ZONEMAP_MAX_BLOCK_ORDER;
	map->next_pfn = start_pfn;
}

/* Appends @pages pages at @pfn, merged into the last run when alike. */
static int add_run(struct zonemap *map, __u64 pfn, __u64 pages,
		   enum zonemap_kind kind, __u32 order, __u32 mt)
{
	struct zonemap_run *last = map->n_runs ? &map->runs[map->n_runs - 1] :
				   NULL;

	if (last && last->kind == kind && last->order == order &&
	    last->migratetype == mt && last->start_pfn + last->pages == pfn) {
		last->pages += pages;
		return 0;
	}
	if (map->n_runs == map->cap) {
		size_t cap = map->cap ? map->cap * 2 : 64;
		struct zonemap_run *runs;

		runs = realloc(map->runs, cap * sizeof(*runs));
		if (!runs)
			return -ENOMEM;
		map->runs = runs;
		map->cap = cap;
	}
	map->runs[map->n_runs++] = (struct zonemap_run) {
		.start_pfn = pfn, .pages = pages, .kind = kind,
		.order = order, .migratetype = mt,
	};
	return 0;
}

/* A head page: its block covers the next 2^@order pages. */
static bool start_block(struct zonemap *map, __u64 pfn,
			enum zonemap_kind kind, __u32 order)
{
	if (order > ZONEMAP_MAX_BLOCK_ORDER)
		return false;
	map->block_end = pfn + (1ULL << order);
	map->block_kind = kind;
	map->block_order = order;
	return true;
}

/**
 * zonemap_add_page() - add the next page of the zone's dump
 * @map: the map
 * @page: the page's descriptor; pages come in rising pfn order
 *
 * Pages of another node or zone, or outside the span, are skipped. Page
 * frames between the previous page and this one become an absent run.
 *
 * Return: 0; -EINVAL for a page without pfn or one that does not come
 * after the previous; -ENOMEM.
 */
int zonemap_add_page(struct zonemap *map, const struct smm_page_info *page)
{
	const struct smm_page_info *p = page;
	__u32 flags = p->has[SHADOW_MM_A_PAGE_FLAGS] ? p->flags : 0;
	__u32 mt = p->has[SHADOW_MM_A_PAGE_MIGRATETYPE] ? p->migratetype : 0;
	bool has_order = p->has[SHADOW_MM_A_PAGE_ORDER];
	enum zonemap_kind kind = ZONEMAP_UNKNOWN;
	__u32 order = 0;
	int ret;

	if (!p->has[SHADOW_MM_A_PAGE_PFN])
		return -EINVAL;
	if ((p->has[SHADOW_MM_A_PAGE_NODE] && p->node != map->node) ||
	    (p->has[SHADOW_MM_A_PAGE_ZONE] && p->zone != map->zone_type) ||
	    p->pfn < map->start_pfn ||
	    p->pfn - map->start_pfn >= map->spanned)
		return 0;
	if (p->pfn < map->next_pfn)
		return -EINVAL;
	if (p->pfn > map->next_pfn) {
		ret = add_run(map, map->next_pfn, p->pfn - map->next_pfn,
			      ZONEMAP_ABSENT, 0, 0);
		if (ret)
			return ret;
	}

	if (flags & SHADOW_MM_PAGE_FLAGS_RESERVED)
		kind = ZONEMAP_HOLE;
	else if (flags & SHADOW_MM_PAGE_FLAGS_BUDDY)
		kind = ZONEMAP_FREE;
	else if (flags & SHADOW_MM_PAGE_FLAGS_PCP)
		kind = ZONEMAP_PCP;
	else if ((flags & SHADOW_MM_PAGE_FLAGS_HEAD) ||
		 (p->refcount && !(flags & SHADOW_MM_PAGE_FLAGS_TAIL)))
		kind = ZONEMAP_USED;

	if (kind == ZONEMAP_FREE || kind == ZONEMAP_PCP ||
	    kind == ZONEMAP_USED) {
		/* A head page: it starts a block. */
		if (has_order && start_block(map, p->pfn, kind, p->order))
			order = p->order;
		else
			kind = ZONEMAP_UNKNOWN;
	} else if (kind == ZONEMAP_UNKNOWN && p->pfn < map->block_end) {
		/* Another page of the block a head started. */
		kind = map->block_kind;
		order = map->block_order;
	}
	if (kind == ZONEMAP_HOLE || kind == ZONEMAP_UNKNOWN)
		mt = 0;

	map->next_pfn = p->pfn + 1;
	return add_run(map, p->pfn, 1, kind, order, mt);
}

/**
 * zonemap_finish() - end the map: the rest of the span is absent
 * @map: the map, all pages added
 *
 * Return: 0 or -ENOMEM.
 */
int zonemap_finish(struct zonemap *map)
{
	__u64 end = map->start_pfn + map->spanned;
	int ret = 0;

	if (map->next_pfn < end)
		ret = add_run(map, map->next_pfn, end - map->next_pfn,
			      ZONEMAP_ABSENT, 0, 0);
	map->next_pfn = end;
	return ret;
}

/**
 * zonemap_build() - a map from an array of page records
 * @map: a map zonemap_init() set up
 * @pages: the zone's pages, in pfn order
 * @n: entries in @pages
 *
 * Return: 0, or the first error of zonemap_add_page() or zonemap_finish().
 */
int zonemap_build(struct zonemap *map, const struct smm_page_info *pages,
		  size_t n)
{
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = zonemap_add_page(map, &pages[i]);
		if (ret)
			return ret;
	}
	return zonemap_finish(map);
}

/**
 * zonemap_release() - free a map's runs
 * @map: the map
 */
void zonemap_release(struct zonemap *map)
{
	free(map->runs);
	map->runs = NULL;
	map->n_runs = 0;
	map->cap = 0;
}

static const char *const kind_names[__ZONEMAP_KIND_MAX] = {
	[ZONEMAP_ABSENT]	= "absent",
	[ZONEMAP_HOLE]		= "hole",
	[ZONEMAP_FREE]		= "free",
	[ZONEMAP_PCP]		= "pcp",
	[ZONEMAP_USED]		= "used",
	[ZONEMAP_UNKNOWN]	= "unknown",
};

/**
 * zonemap_kind_name() - the JSON name of a run's kind ("free")
 * @kind: the kind
 *
 * Return: the name; "unknown" for a value out of range.
 */
const char *zonemap_kind_name(enum zonemap_kind kind)
{
	if ((unsigned int)kind >= __ZONEMAP_KIND_MAX)
		return "unknown";
	return kind_names[kind];
}

static bool kind_has_block(enum zonemap_kind kind)
{
	return kind == ZONEMAP_FREE || kind == ZONEMAP_PCP ||
	       kind == ZONEMAP_USED;
}

/* ---- layout: rows of cells, shared by the terminal and SVG ----------- */

/**
 * struct zonemap_layout - how the span is cut into rows
 * @cell_pages: pages per terminal cell (a power of two)
 * @row_pages: pages per row, ZONEMAP_COLS cells
 * @first_pfn: the first row's first page frame, a multiple of @row_pages
 * @rows: rows covering the span
 * @pageblock_pages: pages per pageblock
 * @cells_per_pageblock: cells in a pageblock; 0 when a cell holds several
 * @inner_bars: pageblocks are marked by '|' inside the rows
 * @pageblock_types: rows show their pageblocks' migrate types
 */
struct zonemap_layout {
	__u64 cell_pages;
	__u64 row_pages;
	__u64 first_pfn;
	__u64 rows;
	__u64 pageblock_pages;
	__u64 cells_per_pageblock;
	bool inner_bars;
	bool pageblock_types;
};

/* Fewer cells per pageblock than this and '|' would crowd the picture. */
#define ZONEMAP_MIN_BAR_CELLS	8

static void zonemap_layout(const struct zonemap *map,
			   struct zonemap_layout *l)
{
	__u64 end = map->start_pfn + map->spanned;

	memset(l, 0, sizeof(*l));
	l->pageblock_pages = 1ULL << map->pageblock_order;
	for (l->cell_pages = 1; ; l->cell_pages <<= 1) {
		l->row_pages = l->cell_pages * ZONEMAP_COLS;
		l->first_pfn = map->start_pfn - map->start_pfn % l->row_pages;
		l->rows = map->spanned ? (end - l->first_pfn + l->row_pages - 1) /
					 l->row_pages : 0;
		if (l->rows <= ZONEMAP_MAX_ROWS || l->cell_pages >= 1ULL << 56)
			break;
	}
	if (l->pageblock_pages >= l->cell_pages)
		l->cells_per_pageblock = l->pageblock_pages / l->cell_pages;
	l->inner_bars = l->cells_per_pageblock >= ZONEMAP_MIN_BAR_CELLS &&
			l->cells_per_pageblock < ZONEMAP_COLS;
	l->pageblock_types = l->cells_per_pageblock >= ZONEMAP_MIN_BAR_CELLS;
}

/* ---- the terminal picture -------------------------------------------- */

/* Used pages by migrate type: letter and ANSI colour; [0] is unknown. */
static const char used_glyphs[SMM_NR_MIGRATETYPES + 1] = "#UMRHI";
static const char *const used_sgr[SMM_NR_MIGRATETYPES + 1] = {
	"31", "31", "34", "35", "33", "7",
};

#define SGR_FREE	"32"
#define SGR_FREE_BIG	"1;32"	/* a pageblock or more */
#define SGR_PCP		"36"
#define SGR_HOLE	"90"
#define SGR_UNKNOWN	"1;31"

/* One character cell: what it shows, and in which colour (NULL: none). */
struct cell {
	char c;
	const char *sgr;
};

/* '0'-'9' for orders 0-9, then 'a' for 10, 'b' for 11, ...; '*' past 'z'. */
static char order_glyph(__u32 order)
{
	if (order < 10)
		return '0' + order;
	if (order < 36)
		return 'a' + (order - 10);
	return '*';
}

static char mt_glyph(__u32 mt)
{
	return mt && mt <= SMM_NR_MIGRATETYPES ? used_glyphs[mt] : '-';
}

static struct cell run_cell(const struct zonemap *map,
			    const struct zonemap_run *r)
{
	__u32 mt = r->migratetype <= SMM_NR_MIGRATETYPES ? r->migratetype : 0;

	switch (r->kind) {
	case ZONEMAP_FREE:
		return (struct cell){ order_glyph(r->order),
			r->order >= map->pageblock_order ? SGR_FREE_BIG :
			SGR_FREE };
	case ZONEMAP_PCP:
		return (struct cell){ '+', SGR_PCP };
	case ZONEMAP_USED:
		return (struct cell){ used_glyphs[mt], used_sgr[mt] };
	case ZONEMAP_HOLE:
		return (struct cell){ '.', SGR_HOLE };
	case ZONEMAP_UNKNOWN:
		return (struct cell){ '?', SGR_UNKNOWN };
	default:
		return (struct cell){ ' ', NULL };
	}
}

/*
 * What the cell of pages [@lo, @hi) shows, of its pages in the span:
 * allocated pages, by the most common migrate type, in upper case when
 * nothing in the cell is free, in lower case when some is; else free
 * pages, by the largest order (or '+' when most are on per-CPU lists);
 * else '?', '.' or blank. @ri is the index of the first run that may
 * overlap; it moves on.
 */
static struct cell cell_of(const struct zonemap *map, __u64 lo, __u64 hi,
			   size_t *ri)
{
	const struct zonemap_run *used_run[SMM_NR_MIGRATETYPES + 1] = { NULL };
	const struct zonemap_run *best_free = NULL;
	__u64 count[__ZONEMAP_KIND_MAX] = { 0 };
	__u64 used[SMM_NR_MIGRATETYPES + 1] = { 0 };
	__u64 end = map->start_pfn + map->spanned;
	size_t i, best_mt = 0;
	struct cell c;

	if (lo < map->start_pfn)
		lo = map->start_pfn;
	if (hi > end)
		hi = end;
	if (lo >= hi)
		return (struct cell){ ' ', NULL };

	while (*ri < map->n_runs &&
	       map->runs[*ri].start_pfn + map->runs[*ri].pages <= lo)
		(*ri)++;
	for (i = *ri; i < map->n_runs && map->runs[i].start_pfn < hi; i++) {
		const struct zonemap_run *r = &map->runs[i];
		__u64 from = r->start_pfn > lo ? r->start_pfn : lo;
		__u64 to = r->start_pfn + r->pages < hi ?
			   r->start_pfn + r->pages : hi;
		__u32 mt = r->migratetype <= SMM_NR_MIGRATETYPES ?
			   r->migratetype : 0;

		if ((unsigned int)r->kind >= __ZONEMAP_KIND_MAX)
			continue;
		count[r->kind] += to - from;
		if (r->kind == ZONEMAP_USED) {
			used[mt] += to - from;
			used_run[mt] = r;
		}
		if (r->kind == ZONEMAP_FREE &&
		    (!best_free || r->order > best_free->order))
			best_free = r;
	}

	if (count[ZONEMAP_USED]) {
		for (i = 1; i < ARRAY_SIZE(used); i++)
			if (used[i] > used[best_mt])
				best_mt = i;
		c = run_cell(map, used_run[best_mt]);
		if (count[ZONEMAP_FREE] || count[ZONEMAP_PCP])
			c.c = tolower((unsigned char)c.c);
		return c;
	}
	if (count[ZONEMAP_FREE] && count[ZONEMAP_FREE] >= count[ZONEMAP_PCP])
		return run_cell(map, best_free);
	if (count[ZONEMAP_PCP])
		return (struct cell){ '+', SGR_PCP };
	if (count[ZONEMAP_UNKNOWN])
		return (struct cell){ '?', SGR_UNKNOWN };
	if (count[ZONEMAP_HOLE] && count[ZONEMAP_HOLE] >= count[ZONEMAP_ABSENT])
		return (struct cell){ '.', SGR_HOLE };
	return (struct cell){ ' ', NULL };
}

/*
 * The migrate type of the pageblock [@lo, @hi) as a letter: that of the
 * first page in a block there whose type is known; '-' when none is.
 */
static char pageblock_glyph(const struct zonemap *map, __u64 lo, __u64 hi,
			    size_t ri)
{
	size_t i;

	while (ri < map->n_runs &&
	       map->runs[ri].start_pfn + map->runs[ri].pages <= lo)
		ri++;
	for (i = ri; i < map->n_runs && map->runs[i].start_pfn < hi; i++)
		if (kind_has_block(map->runs[i].kind) &&
		    map->runs[i].migratetype)
			return mt_glyph(map->runs[i].migratetype);
	return '-';
}

/* Writes @c, switching colours only when they change. */
static void put_cell(FILE *f, struct cell c, const char **cur, bool colour)
{
	if (colour && c.sgr != *cur) {
		if (c.sgr)
			fprintf(f, "\033[0;%sm", c.sgr);
		else
			fputs("\033[0m", f);
		*cur = c.sgr;
	}
	fputc(c.c, f);
}

static void put_plain(FILE *f, char c, const char **cur, bool colour)
{
	put_cell(f, (struct cell){ c, NULL }, cur, colour);
}

static unsigned int hex_digits(__u64 v)
{
	unsigned int n = 1;

	while (v >>= 4)
		n++;
	return n;
}

static const char *zone_kname(__u32 type, char *buf, size_t size)
{
	return smm_name_or_number(smm_zone_type_kname(type), type, buf, size);
}

/* One row of the picture, pfns [@row, @row + l->row_pages). */
static void text_row(FILE *f, const struct zonemap *map,
		     const struct zonemap_layout *l, __u64 row,
		     unsigned int width, size_t *ri, bool colour)
{
	const char *cur = NULL;
	__u64 pb = l->pageblock_pages, end = row + l->row_pages;
	size_t row_ri = *ri;
	unsigned int col;
	bool types;

	fprintf(f, "0x%0*llx %c", width, (unsigned long long)row,
		row % pb ? ' ' : '|');
	for (col = 0; col < ZONEMAP_COLS; col++) {
		__u64 lo = row + col * l->cell_pages;

		if (col && l->inner_bars && lo % pb == 0)
			put_plain(f, '|', &cur, colour);
		put_cell(f, cell_of(map, lo, lo + l->cell_pages, ri), &cur,
			 colour);
	}
	if (colour && cur)
		fputs("\033[0m", f);
	types = l->pageblock_types && row % pb == 0;
	if (end % pb == 0)
		fputc('|', f);
	else if (types)
		fputc(' ', f);

	if (types) {
		__u64 lo;

		fputs("  ", f);
		for (lo = row; lo < end; lo += pb)
			fputc(pageblock_glyph(map, lo, lo + pb, row_ri), f);
	}
	fputc('\n', f);
}

static void text_header(FILE *f, const struct zonemap *map,
			const struct zonemap_layout *l)
{
	char buf[16];

	fprintf(f, "node %u, zone %s: ", map->node,
		zone_kname(map->zone_type, buf, sizeof(buf)));
	if (!map->spanned) {
		fprintf(f, "no pages (starts at %#llx)\n",
			(unsigned long long)map->start_pfn);
		return;
	}
	fprintf(f, "pfns %#llx-%#llx, %llu pages spanned\n",
		(unsigned long long)map->start_pfn,
		(unsigned long long)(map->start_pfn + map->spanned - 1),
		(unsigned long long)map->spanned);
	fprintf(f, "1 cell = %llu page%s, 1 pageblock = %llu pages",
		(unsigned long long)l->cell_pages,
		l->cell_pages == 1 ? "" : "s",
		(unsigned long long)l->pageblock_pages);
	if (l->cells_per_pageblock)
		fprintf(f, " (%llu cells)\n",
			(unsigned long long)l->cells_per_pageblock);
	else
		fprintf(f, " (1 cell = %llu pageblocks)\n",
			(unsigned long long)(l->cell_pages /
					     l->pageblock_pages));
}

static void text_summary(FILE *f, const struct zonemap *map)
{
	__u64 pages[__ZONEMAP_KIND_MAX] = { 0 };
	size_t i;

	for (i = 0; i < map->n_runs; i++)
		if ((unsigned int)map->runs[i].kind < __ZONEMAP_KIND_MAX)
			pages[map->runs[i].kind] += map->runs[i].pages;
	fprintf(f, "pages: %llu free, %llu per-CPU, %llu allocated, %llu holes",
		(unsigned long long)pages[ZONEMAP_FREE],
		(unsigned long long)pages[ZONEMAP_PCP],
		(unsigned long long)pages[ZONEMAP_USED],
		(unsigned long long)pages[ZONEMAP_HOLE]);
	if (pages[ZONEMAP_ABSENT])
		fprintf(f, ", %llu not in this zone",
			(unsigned long long)pages[ZONEMAP_ABSENT]);
	if (pages[ZONEMAP_UNKNOWN])
		fprintf(f, ", %llu changing",
			(unsigned long long)pages[ZONEMAP_UNKNOWN]);
	fputc('\n', f);
}

static const char text_legend[] =
	"legend: 0-9 a b    free block of order 0-9, 10, 11\n"
	"        +          free, on a per-CPU list\n"
	"        U M R H I  allocated, in an unmovable, movable, reclaimable,\n"
	"                   highatomic or isolate pageblock (# type unknown)\n"
	"        .          hole (reserved); blank: not in this zone; ? changing\n"
	"        |          pageblock boundary; after a row: its pageblocks' types\n";

/**
 * zonemap_print_text() - the zone's layout as a terminal picture
 * @f: where to write
 * @map: the finished map
 * @colour: colour the cells with ANSI escapes
 *
 * A header (node, zone, span, scale), rows of ZONEMAP_COLS cells of 2^k
 * pages, each row starting with its first pfn, then the page counts by
 * kind and a legend. A cell shows a free block's order, '+' for per-CPU
 * pages, the migrate type's letter for allocated pages (lower case when
 * the cell has free pages too), '.' for holes; see cell_of().
 */
void zonemap_print_text(FILE *f, const struct zonemap *map, bool colour)
{
	struct zonemap_layout l;
	unsigned int width;
	size_t ri = 0;
	__u64 r;

	zonemap_layout(map, &l);
	text_header(f, map, &l);
	if (!l.rows)
		return;
	width = hex_digits(l.first_pfn + (l.rows - 1) * l.row_pages);
	for (r = 0; r < l.rows; r++)
		text_row(f, map, &l, l.first_pfn + r * l.row_pages, width,
			 &ri, colour);
	text_summary(f, map);
	fputs(text_legend, f);
	if (l.cell_pages > 1)
		fputs("        u m r h i  partly allocated: the cell has free pages too;\n"
		      "                   a cell of free pages shows its largest order\n",
		      f);
}

/* ---- JSON ------------------------------------------------------------ */

/**
 * zonemap_print_json() - the zone's runs as one JSON object
 * @o: the output, in JSON mode
 * @map: the finished map
 *
 * {"node", "zone", "start_pfn", "spanned_pages", "pageblock_order",
 * "runs": [{"start_pfn", "pages", "kind", "order", "migratetype"}]}, with
 * order and migratetype null where they do not apply or are unknown.
 */
void zonemap_print_json(struct smm_out *o, const struct zonemap *map)
{
	const char *name = smm_zone_type_name(map->zone_type);
	size_t i;

	json_begin_object(&o->jw, NULL);
	json_u64(&o->jw, "node", map->node);
	if (name)
		json_string(&o->jw, "zone", name);
	else
		json_u64(&o->jw, "zone", map->zone_type);
	json_u64(&o->jw, "start_pfn", map->start_pfn);
	json_u64(&o->jw, "spanned_pages", map->spanned);
	json_u64(&o->jw, "pageblock_order", map->pageblock_order);
	json_begin_array(&o->jw, "runs");
	for (i = 0; i < map->n_runs; i++) {
		const struct zonemap_run *r = &map->runs[i];
		const char *mt = r->migratetype ?
				 smm_migratetype_name(r->migratetype) : NULL;

		json_begin_object(&o->jw, NULL);
		json_u64(&o->jw, "start_pfn", r->start_pfn);
		json_u64(&o->jw, "pages", r->pages);
		json_string(&o->jw, "kind", zonemap_kind_name(r->kind));
		if (kind_has_block(r->kind))
			json_u64(&o->jw, "order", r->order);
		else
			json_null(&o->jw, "order");
		if (mt)
			json_string(&o->jw, "migratetype", mt);
		else if (r->migratetype)
			json_u64(&o->jw, "migratetype", r->migratetype);
		else
			json_null(&o->jw, "migratetype");
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);
	json_end_object(&o->jw);
}

/* ---- SVG ------------------------------------------------------------- */

#define SVG_LEFT	96	/* room for the row labels */
#define SVG_TOP		64	/* title, scale line, top axis */
#define SVG_MAP_W	1024	/* a row */
#define SVG_RIGHT	24
#define SVG_ROW_H	20
#define SVG_ROW_GAP	10
#define SVG_LEGEND_H	86
/* Pageblock lines closer than this (px) would merge: left out. */
#define SVG_MIN_BAR_GAP	3

static const char *const svg_used_fill[SMM_NR_MIGRATETYPES + 1] = {
	"#8c564b", "#d62728", "#1f77b4", "#9467bd", "#ff7f0e", "#404040",
};

#define SVG_FILL_PCP		"#17becf"
#define SVG_FILL_HOLE		"#c8c8c8"
#define SVG_FILL_ABSENT		"#ffffff"
#define SVG_FILL_UNKNOWN	"#e377c2"

/* A pageblock boundary (or its sample in the legend). */
static void svg_line(FILE *f, double x1, double y1, double x2, double y2)
{
	fprintf(f, "<line class=\"pageblock\" x1=\"%g\" y1=\"%g\"", x1, y1);
	fprintf(f, " x2=\"%g\" y2=\"%g\"/>\n", x2, y2);
}

/* Free blocks: light green for order 0 to dark green for @max_order. */
static void free_fill(char *buf, size_t size, __u32 order, __u32 max_order)
{
	static const unsigned int light[3] = { 0xd9, 0xf0, 0xd3 };
	static const unsigned int dark[3] = { 0x00, 0x44, 0x1b };
	unsigned int c[3], i;

	if (!max_order)
		max_order = 1;
	if (order > max_order)
		order = max_order;
	for (i = 0; i < 3; i++)
		c[i] = light[i] - (light[i] - dark[i]) * order / max_order;
	snprintf(buf, size, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* The highest free order the legend shows: at least the pageblock's. */
static __u32 svg_max_order(const struct zonemap *map)
{
	__u32 max = map->pageblock_order;
	size_t i;

	for (i = 0; i < map->n_runs; i++)
		if (map->runs[i].kind == ZONEMAP_FREE &&
		    map->runs[i].order > max &&
		    map->runs[i].order <= ZONEMAP_MAX_BLOCK_ORDER)
			max = map->runs[i].order;
	return max;
}

static const char *run_fill(const struct zonemap_run *r, __u32 max_order,
			    char *buf, size_t size)
{
	__u32 mt = r->migratetype <= SMM_NR_MIGRATETYPES ? r->migratetype : 0;

	switch (r->kind) {
	case ZONEMAP_FREE:
		free_fill(buf, size, r->order, max_order);
		return buf;
	case ZONEMAP_PCP:
		return SVG_FILL_PCP;
	case ZONEMAP_USED:
		return svg_used_fill[mt];
	case ZONEMAP_HOLE:
		return SVG_FILL_HOLE;
	case ZONEMAP_UNKNOWN:
		return SVG_FILL_UNKNOWN;
	default:
		return SVG_FILL_ABSENT;
	}
}

/* "free, order 3, movable": what a run is, for its tooltip. */
static void run_describe(FILE *f, const struct zonemap_run *r)
{
	static const char *const what[__ZONEMAP_KIND_MAX] = {
		[ZONEMAP_ABSENT]	= "not in this zone",
		[ZONEMAP_HOLE]		= "hole",
		[ZONEMAP_FREE]		= "free",
		[ZONEMAP_PCP]		= "free on a per-CPU list",
		[ZONEMAP_USED]		= "allocated",
		[ZONEMAP_UNKNOWN]	= "changing",
	};
	const char *mt = smm_migratetype_name(r->migratetype);

	fprintf(f, "%#llx-%#llx: %llu page%s ",
		(unsigned long long)r->start_pfn,
		(unsigned long long)(r->start_pfn + r->pages - 1),
		(unsigned long long)r->pages, r->pages == 1 ? "" : "s");
	svg_escape(f, (unsigned int)r->kind < __ZONEMAP_KIND_MAX ?
		   what[r->kind] : "?");
	if (kind_has_block(r->kind))
		fprintf(f, ", order %u", r->order);
	if (r->migratetype && mt) {
		fputs(", ", f);
		svg_escape(f, mt);
	}
}

static double svg_row_y(__u64 row)
{
	return SVG_TOP + (double)row * (SVG_ROW_H + SVG_ROW_GAP);
}

/* The rectangles of run @r: one for each row it crosses. */
static void svg_run(FILE *f, const struct zonemap_layout *l,
		    const struct zonemap_run *r, const char *fill, double pw)
{
	__u64 pfn = r->start_pfn, end = r->start_pfn + r->pages;

	while (pfn < end) {
		__u64 row = (pfn - l->first_pfn) / l->row_pages;
		__u64 row_start = l->first_pfn + row * l->row_pages;
		__u64 to = row_start + l->row_pages < end ?
			   row_start + l->row_pages : end;

		fprintf(f, "<rect class=\"run\" x=\"%g\" y=\"%g\"",
			SVG_LEFT + (double)(pfn - row_start) * pw,
			svg_row_y(row));
		fprintf(f, " width=\"%g\" height=\"%d\" fill=\"%s\"><title>",
			(double)(to - pfn) * pw, SVG_ROW_H, fill);
		run_describe(f, r);
		fputs("</title></rect>\n", f);
		pfn = to;
	}
}

/*
 * A line at every pageblock boundary in the span: across the row's top
 * (or the last row's bottom) when pageblocks are rows or more, else
 * down through the row.
 */
static void svg_pageblocks(FILE *f, const struct zonemap *map,
			   const struct zonemap_layout *l, double pw)
{
	__u64 pb = l->pageblock_pages, end = map->start_pfn + map->spanned;
	__u64 b = (map->start_pfn + pb - 1) / pb * pb;
	bool across = pb >= l->row_pages;

	for (; b <= end; b += pb) {
		__u64 row = (b - l->first_pfn) / l->row_pages;
		__u64 off = (b - l->first_pfn) % l->row_pages;
		double x, y;

		if (!off && row == l->rows) {
			/* The end of the last row. */
			row--;
			off = l->row_pages;
		}
		y = svg_row_y(row);
		if (across) {
			y += off ? SVG_ROW_H + SVG_ROW_GAP / 2.0 :
			     -SVG_ROW_GAP / 2.0;
			svg_line(f, SVG_LEFT - 4, y, SVG_LEFT + SVG_MAP_W + 4, y);
			continue;
		}
		x = SVG_LEFT + (double)off * pw;
		svg_line(f, x, y - 4, x, y + SVG_ROW_H + 4);
	}
}

/* A legend swatch with its label at (@x, @y); returns the next x. */
static double svg_swatch(FILE *f, double x, double y, const char *fill,
			 const char *label)
{
	fprintf(f, "<rect class=\"key\" x=\"%g\" y=\"%g\"", x, y);
	fprintf(f, " width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#888\"/>\n",
		fill);
	svg_text_open(f, NULL, x + 18, y + 11, "start");
	svg_escape(f, label);
	fputs("</text>\n", f);
	return x + 30 + 7 * strlen(label);
}

static void svg_legend(FILE *f, const struct zonemap *map, double y)
{
	__u32 max_order = svg_max_order(map), o;
	static const char *const used_label[SMM_NR_MIGRATETYPES + 1] = {
		"type unknown", "unmovable", "movable", "reclaimable",
		"highatomic", "isolate",
	};
	char fill[8], label[8];
	double x = SVG_LEFT;
	unsigned int mt;

	fputs("<g class=\"legend\">\n", f);
	svg_text_open(f, NULL, SVG_LEFT - 8, y + 11, "end");
	fputs("free order</text>\n", f);
	for (o = 0; o <= max_order; o++) {
		free_fill(fill, sizeof(fill), o, max_order);
		snprintf(label, sizeof(label), "%u", o);
		x = svg_swatch(f, x, y, fill, label);
	}
	x = svg_swatch(f, x + 16, y, SVG_FILL_PCP, "free on a per-CPU list");

	y += 24;
	x = SVG_LEFT;
	svg_text_open(f, NULL, SVG_LEFT - 8, y + 11, "end");
	fputs("allocated</text>\n", f);
	for (mt = 1; mt <= SMM_NR_MIGRATETYPES; mt++)
		x = svg_swatch(f, x, y, svg_used_fill[mt], used_label[mt]);
	svg_swatch(f, x, y, svg_used_fill[0], used_label[0]);

	y += 24;
	x = SVG_LEFT;
	x = svg_swatch(f, x, y, SVG_FILL_HOLE, "hole (reserved)");
	x = svg_swatch(f, x, y, SVG_FILL_ABSENT, "not in this zone");
	x = svg_swatch(f, x, y, SVG_FILL_UNKNOWN, "changing");
	svg_line(f, x + 7, y - 2, x + 7, y + 16);
	svg_text_open(f, NULL, x + 18, y + 11, "start");
	fputs("pageblock boundary</text>\n</g>\n", f);
}

static void svg_title(FILE *f, const struct zonemap *map,
		      const struct zonemap_layout *l, bool bars)
{
	char buf[16];

	fputs("<title>", f);
	fprintf(f, "node %u, zone ", map->node);
	svg_escape(f, zone_kname(map->zone_type, buf, sizeof(buf)));
	fputs("</title>\n<text class=\"title\" x=\"8\" y=\"22\">", f);
	fprintf(f, "node %u, zone ", map->node);
	svg_escape(f, zone_kname(map->zone_type, buf, sizeof(buf)));
	if (!map->spanned) {
		fputs(": no pages</text>\n", f);
		return;
	}
	fprintf(f, ": pfns %#llx-%#llx, %llu pages spanned</text>\n",
		(unsigned long long)map->start_pfn,
		(unsigned long long)(map->start_pfn + map->spanned - 1),
		(unsigned long long)map->spanned);
	fprintf(f, "<text x=\"8\" y=\"40\">1 row = %llu pages, 1 pageblock = %llu pages%s</text>\n",
		(unsigned long long)l->row_pages,
		(unsigned long long)l->pageblock_pages,
		bars ? " (black lines)" : " (too small to draw)");
}

/* pfn offsets across the top, row starts down the left. */
static void svg_axes(FILE *f, const struct zonemap_layout *l)
{
	unsigned int i, width;
	__u64 r;

	for (i = 0; i <= 4; i++) {
		svg_text_open(f, "axis", SVG_LEFT + SVG_MAP_W * i / 4.0,
			      SVG_TOP - 10,
			      i == 0 ? "start" : i == 4 ? "end" : "middle");
		fprintf(f, "+%#llx</text>\n",
			(unsigned long long)(l->row_pages * i / 4));
	}
	width = hex_digits(l->first_pfn + (l->rows - 1) * l->row_pages);
	for (r = 0; r < l->rows; r++) {
		svg_text_open(f, "axis", SVG_LEFT - 8, svg_row_y(r) + 14, "end");
		fprintf(f, "0x%0*llx</text>\n", width,
			(unsigned long long)(l->first_pfn + r * l->row_pages));
	}
}

/**
 * zonemap_print_svg() - the zone's layout as a standalone SVG 1.1 image
 * @f: where to write
 * @map: the finished map
 *
 * The rows of the terminal picture at one page's resolution: a title
 * (node, zone, span), pfn labels (row starts on the left, offsets in a
 * row on top), a rectangle (class "run", with a tooltip) for each piece
 * of a run within a row, a line (class "pageblock") at each pageblock
 * boundary when they are at least SVG_MIN_BAR_GAP pixels apart, and a
 * legend.
 */
void zonemap_print_svg(FILE *f, const struct zonemap *map)
{
	__u32 max_order = svg_max_order(map);
	struct zonemap_layout l;
	double pw, height;
	bool bars;
	char fill[8];
	size_t i;

	zonemap_layout(map, &l);
	pw = (double)SVG_MAP_W / l.row_pages;
	bars = pw * l.pageblock_pages >= SVG_MIN_BAR_GAP;
	height = svg_row_y(l.rows) + SVG_LEGEND_H;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%g\" viewBox=\"0 0 %d %g\">\n",
		SVG_LEFT + SVG_MAP_W + SVG_RIGHT, height,
		SVG_LEFT + SVG_MAP_W + SVG_RIGHT, height);
	fputs("<style>\n"
	      "text { font-family: monospace; font-size: 12px; fill: #000; }\n"
	      ".title { font-size: 16px; font-weight: bold; }\n"
	      ".axis { fill: #444; }\n"
	      ".pageblock { stroke: #000; stroke-width: 1.5; }\n"
	      "</style>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%g\" fill=\"#ffffff\"/>\n",
		SVG_LEFT + SVG_MAP_W + SVG_RIGHT, height);
	svg_title(f, map, &l, bars);
	if (!l.rows) {
		fputs("</svg>\n", f);
		return;
	}
	svg_axes(f, &l);

	fputs("<g class=\"runs\">\n", f);
	for (i = 0; i < map->n_runs; i++)
		svg_run(f, &l, &map->runs[i],
			run_fill(&map->runs[i], max_order, fill, sizeof(fill)),
			pw);
	fputs("</g>\n", f);
	if (bars) {
		fputs("<g class=\"pageblocks\">\n", f);
		svg_pageblocks(f, map, &l, pw);
		fputs("</g>\n", f);
	}
	svg_legend(f, map, svg_row_y(l.rows) + 8);
	fputs("</svg>\n", f);
}
