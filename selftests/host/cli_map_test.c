// SPDX-License-Identifier: GPL-2.0
/*
 * `smm zone map` without a socket: page records of small made-up zones
 * (holes, pages of no section, free blocks of several orders, per-CPU
 * pages, allocations in pageblocks of every migrate type) folded into
 * runs, and the runs drawn as the terminal picture (compared character
 * for character), as JSON and as SVG (checked to be well-formed, with a
 * rectangle per run piece, pageblock lines and a legend)
 *
 * Needs SMM_PRINT_SRCS and SMM_RENDER_SRCS of userspace/sources.mk and no
 * library; selftests/host/Makefile builds it under ASan and UBSan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include "kselftest_harness.h"

#include "cli_helpers.h"
#include "mm_info.h"
#include "print.h"
#include "zonemap.h"

#define MAX_PAGES	8192

#define UNMOVABLE	SHADOW_MM_MIGRATETYPE_UNMOVABLE
#define MOVABLE		SHADOW_MM_MIGRATETYPE_MOVABLE
#define RECLAIMABLE	SHADOW_MM_MIGRATETYPE_RECLAIMABLE
#define HIGHATOMIC	SHADOW_MM_MIGRATETYPE_HIGHATOMIC
#define ISOLATE		SHADOW_MM_MIGRATETYPE_ISOLATE

#define BUDDY		SHADOW_MM_PAGE_FLAGS_BUDDY
#define RESERVED	SHADOW_MM_PAGE_FLAGS_RESERVED
#define HEAD		SHADOW_MM_PAGE_FLAGS_HEAD
#define TAIL		SHADOW_MM_PAGE_FLAGS_TAIL
#define PCP		SHADOW_MM_PAGE_FLAGS_PCP

/* A zone's page records, as the page-get dump sends them, in pfn order. */
struct dump {
	struct smm_page_info pages[MAX_PAGES];
	size_t n;
	__u32 node;
	__u32 zone;
};

/* One page: what the module sends (order only on a block's first page). */
static struct smm_page_info *page_add(struct dump *d, __u64 pfn, __u32 flags,
				      __u32 refcount, __u32 mt)
{
	struct smm_page_info *p;

	if (d->n == MAX_PAGES)
		abort();
	p = &d->pages[d->n++];
	memset(p, 0, sizeof(*p));
	p->has[SHADOW_MM_A_PAGE_PFN] = true;
	p->has[SHADOW_MM_A_PAGE_NODE] = true;
	p->has[SHADOW_MM_A_PAGE_ZONE] = true;
	p->has[SHADOW_MM_A_PAGE_FLAGS] = true;
	p->has[SHADOW_MM_A_PAGE_REFCOUNT] = true;
	p->has[SHADOW_MM_A_PAGE_MAPCOUNT] = true;
	p->has[SHADOW_MM_A_PAGE_MIGRATETYPE] = true;
	p->pfn = pfn;
	p->node = d->node;
	p->zone = d->zone;
	p->flags = flags;
	p->refcount = refcount;
	p->migratetype = mt;
	return p;
}

/* A block of 2^@order pages whose first page has @flags and @refcount. */
static void block_add(struct dump *d, __u64 pfn, unsigned int order,
		      __u32 flags, __u32 refcount, __u32 tail_flags, __u32 mt)
{
	struct smm_page_info *head = page_add(d, pfn, flags, refcount, mt);
	__u64 i;

	head->has[SHADOW_MM_A_PAGE_ORDER] = true;
	head->order = order;
	for (i = 1; i < 1ULL << order; i++)
		page_add(d, pfn + i, tail_flags, 0, mt);
}

static void free_add(struct dump *d, __u64 pfn, unsigned int order, __u32 mt)
{
	block_add(d, pfn, order, BUDDY, 0, 0, mt);
}

static void pcp_add(struct dump *d, __u64 pfn, __u32 mt)
{
	block_add(d, pfn, 0, PCP, 0, 0, mt);
}

static void used_add(struct dump *d, __u64 pfn, unsigned int order, __u32 mt)
{
	block_add(d, pfn, order, 0, 1, 0, mt);
}

static void compound_add(struct dump *d, __u64 pfn, unsigned int order,
			 __u32 mt)
{
	block_add(d, pfn, order, HEAD, 1, TAIL, mt);
}

static void holes_add(struct dump *d, __u64 pfn, __u64 n)
{
	__u64 i;

	for (i = 0; i < n; i++)
		page_add(d, pfn + i, RESERVED, 0, MOVABLE);
}

/*
 * Node 0's Normal zone, pfns 0x210-0x27f, pageblocks of 8 pages, in rows
 * of 64 starting at 0x200:
 *
 *   0x210  free order 3                        movable pageblock
 *   0x218  allocated order 2, free order 1,    unmovable pageblock
 *          per-CPU page, allocated order 0
 *   0x220  16 holes (reserved)
 *   0x230  8 pfns of no section of this zone
 *   0x238  compound allocation of order 3      reclaimable pageblock
 *   0x240  free order 5                        4 movable pageblocks
 *   0x260  four allocations of order 2         2 movable pageblocks
 *   0x270  free order 2 and 1, per-CPU page,   highatomic pageblock
 *          allocated order 0
 *   0x278  free order 3                        isolated pageblock
 */
static void small_zone(struct dump *d)
{
	int i;

	memset(d, 0, sizeof(*d));
	d->zone = SHADOW_MM_ZONE_TYPE_NORMAL;
	free_add(d, 0x210, 3, MOVABLE);
	used_add(d, 0x218, 2, UNMOVABLE);
	free_add(d, 0x21c, 1, UNMOVABLE);
	pcp_add(d, 0x21e, UNMOVABLE);
	used_add(d, 0x21f, 0, UNMOVABLE);
	holes_add(d, 0x220, 16);
	compound_add(d, 0x238, 3, RECLAIMABLE);
	free_add(d, 0x240, 5, MOVABLE);
	for (i = 0; i < 4; i++)
		used_add(d, 0x260 + 4 * i, 2, MOVABLE);
	free_add(d, 0x270, 2, HIGHATOMIC);
	free_add(d, 0x274, 1, HIGHATOMIC);
	pcp_add(d, 0x276, HIGHATOMIC);
	used_add(d, 0x277, 0, HIGHATOMIC);
	free_add(d, 0x278, 3, ISOLATE);
}

static int map_of(struct zonemap *map, const struct dump *d, __u64 start,
		  __u64 spanned, unsigned int pageblock_order)
{
	zonemap_init(map, d->node, d->zone, start, spanned, pageblock_order);
	return zonemap_build(map, d->pages, d->n);
}

/*
 * The strings joined: expected texts longer than a source line. The
 * result lives until the next few calls.
 */
static const char *joined(const char *const *parts)
{
	static char bufs[4][2048];
	static unsigned int next;
	char *buf = bufs[next++ % ARRAY_SIZE(bufs)];
	size_t used = 0;

	buf[0] = '\0';
	for (; *parts; parts++)
		used += snprintf(buf + used, sizeof(bufs[0]) - used, "%s",
				 *parts);
	return buf;
}

#define CAT(...)	joined((const char *const []){ __VA_ARGS__, NULL })

/* Whether a line of @s ends in a space. */
static bool trailing_space(const char *s)
{
	for (; *s; s++)
		if (s[0] == ' ' && s[1] == '\n')
			return true;
	return false;
}

static const char small_text[] =
	"node 0, zone Normal: pfns 0x210-0x27f, 112 pages spanned\n"
	"1 cell = 1 page, 1 pageblock = 8 pages (8 cells)\n"
	"0x200 |        |        |33333333|UUUU11+U|........|........|        |RRRRRRRR|  --MU---R\n"
	"0x240 |55555555|55555555|55555555|55555555|MMMMMMMM|MMMMMMMM|222211+H|33333333|  MMMMMMHI\n"
	"pages: 56 free, 2 per-CPU, 30 allocated, 16 holes, 8 not in this zone\n";

TEST(runs_of_a_small_zone)
{
	static const struct zonemap_run want[] = {
		{ 0x210, 8, ZONEMAP_FREE, 3, MOVABLE },
		{ 0x218, 4, ZONEMAP_USED, 2, UNMOVABLE },
		{ 0x21c, 2, ZONEMAP_FREE, 1, UNMOVABLE },
		{ 0x21e, 1, ZONEMAP_PCP, 0, UNMOVABLE },
		{ 0x21f, 1, ZONEMAP_USED, 0, UNMOVABLE },
		{ 0x220, 16, ZONEMAP_HOLE, 0, 0 },
		{ 0x230, 8, ZONEMAP_ABSENT, 0, 0 },
		{ 0x238, 8, ZONEMAP_USED, 3, RECLAIMABLE },
		{ 0x240, 32, ZONEMAP_FREE, 5, MOVABLE },
		{ 0x260, 16, ZONEMAP_USED, 2, MOVABLE },
		{ 0x270, 4, ZONEMAP_FREE, 2, HIGHATOMIC },
		{ 0x274, 2, ZONEMAP_FREE, 1, HIGHATOMIC },
		{ 0x276, 1, ZONEMAP_PCP, 0, HIGHATOMIC },
		{ 0x277, 1, ZONEMAP_USED, 0, HIGHATOMIC },
		{ 0x278, 8, ZONEMAP_FREE, 3, ISOLATE },
	};
	static struct dump d;
	struct zonemap map;
	size_t i;

	small_zone(&d);
	ASSERT_EQ(0, map_of(&map, &d, 0x210, 0x70, 3));
	ASSERT_EQ(ARRAY_SIZE(want), map.n_runs);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		EXPECT_EQ(want[i].start_pfn, map.runs[i].start_pfn)
			TH_LOG("run %zu", i);
		EXPECT_EQ(want[i].pages, map.runs[i].pages) TH_LOG("run %zu", i);
		EXPECT_EQ(want[i].kind, map.runs[i].kind) TH_LOG("run %zu", i);
		EXPECT_EQ(want[i].order, map.runs[i].order) TH_LOG("run %zu", i);
		EXPECT_EQ(want[i].migratetype, map.runs[i].migratetype)
			TH_LOG("run %zu", i);
	}
	zonemap_release(&map);
}

TEST(text_of_a_small_zone)
{
	static struct dump d;
	struct zonemap map;
	char *text;

	small_zone(&d);
	ASSERT_EQ(0, map_of(&map, &d, 0x210, 0x70, 3));
	text = RENDER(zonemap_print_text(f_, &map, false));
	/* The picture, then the legend. */
	EXPECT_EQ(0, strncmp(small_text, text, strlen(small_text))) {
		TH_LOG("got:\n%s", text);
	}
	EXPECT_NE(NULL, strstr(text + strlen(small_text), "legend: 0-9 a b    free block"));
	EXPECT_EQ(NULL, strchr(text, '\033'));
	EXPECT_FALSE(trailing_space(text));
	/* One page a cell: no line about mixed cells. */
	EXPECT_EQ(NULL, strstr(text, "partly allocated"));
	free(text);
	zonemap_release(&map);
}

TEST(colour_only_when_asked)
{
	static struct dump d;
	struct zonemap map;
	char *text;

	small_zone(&d);
	ASSERT_EQ(0, map_of(&map, &d, 0x210, 0x70, 3));
	text = RENDER(zonemap_print_text(f_, &map, true));
	/*
	 * Free blocks green, bold from the pageblock's order (3) up;
	 * allocated unmovable red; '|' and blank cells uncoloured.
	 */
	EXPECT_NE(NULL, strstr(text, CAT("|\033[0;1;32m33333333\033[0m|",
					 "\033[0;31mUUUU\033[0;32m11",
					 "\033[0;36m+\033[0;31mU\033[0m|")))
		TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "\033[0;90m........\033[0m|        |"));
	/* Each row ends with the colour reset; the types stay plain. */
	EXPECT_NE(NULL, strstr(text, "R\033[0m|  --MU---R\n"));
	EXPECT_NE(NULL, strstr(text, "3\033[0m|  MMMMMMHI\n"));
	EXPECT_EQ(0, strncmp(text, small_text, strstr(small_text, "\n0x") - small_text));
	free(text);
	zonemap_release(&map);
}

TEST(svg_of_a_small_zone)
{
	static struct dump d;
	struct zonemap map;
	const char *why;
	char *svg;

	small_zone(&d);
	ASSERT_EQ(0, map_of(&map, &d, 0x210, 0x70, 3));
	svg = RENDER(zonemap_print_svg(f_, &map));
	why = xml_check(svg);
	EXPECT_EQ(NULL, why) TH_LOG("%s:\n%s", why, svg);
	EXPECT_NE(NULL, strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""));
	EXPECT_NE(NULL, strstr(svg, "node 0, zone Normal: pfns 0x210-0x27f, 112 pages spanned"));
	/* No run crosses a row (0x200-0x23f, 0x240-0x27f): a rectangle each. */
	EXPECT_EQ(15U, count_of(svg, "<rect class=\"run\""));
	/* Pageblock boundaries 0x210, 0x218, ..., 0x280; one in the legend. */
	EXPECT_EQ(15 + 1U, count_of(svg, "<line class=\"pageblock\""));
	/* Row labels. */
	EXPECT_NE(NULL, strstr(svg, ">0x200</text>"));
	EXPECT_NE(NULL, strstr(svg, ">0x240</text>"));
	/* A run's tooltip. */
	EXPECT_NE(NULL, strstr(svg, CAT("<title>0x260-0x26f: 16 pages ",
					"allocated, order 2, movable</title>")));
	/* The legend: free orders 0 to 5, per-CPU, migrate types, holes. */
	EXPECT_NE(NULL, strstr(svg, "<g class=\"legend\">"));
	EXPECT_EQ(6 + 1 + 6 + 3U, count_of(svg, "<rect class=\"key\""));
	EXPECT_NE(NULL, strstr(svg, ">free on a per-CPU list</text>"));
	EXPECT_NE(NULL, strstr(svg, ">reclaimable</text>"));
	EXPECT_NE(NULL, strstr(svg, ">hole (reserved)</text>"));
	free(svg);
	zonemap_release(&map);
}

/*
 * 8192 pages from pfn 0 with pageblocks of 512 (x86_64's): 4 pages a
 * cell, a pageblock every two rows. The first four cells mix states.
 */
static void big_zone(struct dump *d)
{
	unsigned int o;

	memset(d, 0, sizeof(*d));
	d->node = 1;
	d->zone = SHADOW_MM_ZONE_TYPE_DMA32;
	/* Cell 0: allocated only: upper case. */
	used_add(d, 0, 1, UNMOVABLE);
	used_add(d, 2, 0, UNMOVABLE);
	used_add(d, 3, 0, UNMOVABLE);
	/* Cell 1: 1 allocated, 1 per-CPU, 2 free: lower case. */
	used_add(d, 4, 0, UNMOVABLE);
	pcp_add(d, 5, UNMOVABLE);
	free_add(d, 6, 1, UNMOVABLE);
	/* Cell 2: 2 per-CPU, 2 free of order 1: the free order. */
	pcp_add(d, 8, UNMOVABLE);
	pcp_add(d, 9, UNMOVABLE);
	free_add(d, 10, 1, UNMOVABLE);
	/* Cell 3: 3 per-CPU, 1 free: per-CPU. */
	pcp_add(d, 12, UNMOVABLE);
	pcp_add(d, 13, UNMOVABLE);
	pcp_add(d, 14, UNMOVABLE);
	free_add(d, 15, 0, UNMOVABLE);
	for (o = 4; o <= 8; o++)
		free_add(d, 1 << o, o, UNMOVABLE);
	free_add(d, 512, 9, MOVABLE);
	/* An order-10 block over a reclaimable and a movable pageblock. */
	block_add(d, 1024, 10, BUDDY, 0, 0, RECLAIMABLE);
	for (o = 1536; o < 2048; o++)
		d->pages[d->n - 2048 + o].migratetype = MOVABLE;
	for (o = 2048; o < 8192; o += 1024)
		free_add(d, o, 10, MOVABLE);
}

TEST(cells_of_several_pages)
{
	static struct dump d;
	struct zonemap map;
	char *text, line[128];
	const char *why;
	char *svg;

	big_zone(&d);
	ASSERT_EQ(0, map_of(&map, &d, 0, 8192, 9));
	EXPECT_EQ(16U, map.n_runs);
	text = RENDER(zonemap_print_text(f_, &map, false));
	EXPECT_NE(NULL, strstr(text, "node 1, zone DMA32: pfns 0-0x1fff, 8192 pages spanned\n"
				     "1 cell = 4 pages, 1 pageblock = 512 pages (128 cells)\n"))
		TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, CAT("\n0x0000 |Uu1+4444", "55555555",
					 "6666666666666666",
					 "77777777777777777777777777777777",
					 "   U\n")))
		TH_LOG("%s", text);
	memset(line, '8', 64);
	line[64] = '\0';
	EXPECT_NE(NULL, strstr(text, "\n0x0100  ")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, line));
	EXPECT_NE(NULL, strstr(text, "8|\n0x0200 |9999"));
	EXPECT_NE(NULL, strstr(text, "aaaa   R\n0x0500  aaaa"));
	EXPECT_NE(NULL, strstr(text, "aaaa|\n0x0600 |aaaa"));
	EXPECT_NE(NULL, strstr(text, "aaaa   M\n0x1f00  aaaa"));
	EXPECT_EQ(32U, count_of(text, "\n0x"));
	EXPECT_NE(NULL, strstr(text, "pages: 8181 free, 6 per-CPU, 5 allocated, 0 holes\n"));
	EXPECT_NE(NULL, strstr(text, "u m r h i  partly allocated"));
	EXPECT_FALSE(trailing_space(text));
	free(text);

	svg = RENDER(zonemap_print_svg(f_, &map));
	why = xml_check(svg);
	EXPECT_EQ(NULL, why) TH_LOG("%s", why);
	/*
	 * Rows of 256 pages: 12 runs in row 0, order 8 fills row 1, order 9
	 * rows 2-3, the reclaimable half of order 10 rows 4-5, the movable
	 * rest rows 6-31.
	 */
	EXPECT_EQ(12 + 1 + 2 + 2 + 26U, count_of(svg, "<rect class=\"run\""));
	/* 17 boundaries 0, 0x200, ..., 0x2000; legend: orders 0-10. */
	EXPECT_EQ(17 + 1U, count_of(svg, "<line class=\"pageblock\""));
	EXPECT_EQ(11 + 1 + 6 + 3U, count_of(svg, "<rect class=\"key\""));
	free(svg);
	zonemap_release(&map);
}

TEST(json_runs)
{
	static struct dump d;
	struct zonemap map;
	struct smm_out o;
	char *json;

	memset(&d, 0, sizeof(d));
	d.node = 1;
	d.zone = SHADOW_MM_ZONE_TYPE_DMA32;
	free_add(&d, 0x10, 1, MOVABLE);
	used_add(&d, 0x12, 0, UNMOVABLE);
	holes_add(&d, 0x13, 1);
	ASSERT_EQ(0, map_of(&map, &d, 0x10, 6, 2));
	json = RENDER(out_init(&o, f_, true, false);
		      zonemap_print_json(&o, &map);
		      ASSERT_EQ(0, out_finish(&o)));
	EXPECT_STREQ(CAT("{\"node\":1,\"zone\":\"dma32\",\"start_pfn\":16,",
			 "\"spanned_pages\":6,\"pageblock_order\":2,\"runs\":[",
			 "{\"start_pfn\":16,\"pages\":2,\"kind\":\"free\",",
			 "\"order\":1,\"migratetype\":\"movable\"},",
			 "{\"start_pfn\":18,\"pages\":1,\"kind\":\"used\",",
			 "\"order\":0,\"migratetype\":\"unmovable\"},",
			 "{\"start_pfn\":19,\"pages\":1,\"kind\":\"hole\",",
			 "\"order\":null,\"migratetype\":null},",
			 "{\"start_pfn\":20,\"pages\":2,\"kind\":\"absent\",",
			 "\"order\":null,\"migratetype\":null}]}\n"),
		     json);
	free(json);
	zonemap_release(&map);
}

/* What the dump may hold that does not fit: skipped, or refused. */
TEST(builder_edges)
{
	static struct dump d;
	struct zonemap map;
	char *text;

	memset(&d, 0, sizeof(d));
	d.zone = SHADOW_MM_ZONE_TYPE_NORMAL;
	free_add(&d, 0x100, 2, MOVABLE);
	/* Another zone's page, and one outside the span: skipped. */
	page_add(&d, 0x104, BUDDY, 0, MOVABLE)->zone = SHADOW_MM_ZONE_TYPE_DMA;
	page_add(&d, 0x200, BUDDY, 0, MOVABLE);
	ASSERT_EQ(0, map_of(&map, &d, 0x100, 8, 2));
	ASSERT_EQ(2U, map.n_runs);
	EXPECT_EQ(ZONEMAP_ABSENT, (int)map.runs[1].kind);
	EXPECT_EQ(4U, map.runs[1].pages);
	zonemap_release(&map);

	/* A page with no block before it: unknown. A head without order too. */
	memset(&d, 0, sizeof(d));
	page_add(&d, 0, 0, 0, MOVABLE);
	page_add(&d, 1, BUDDY, 0, MOVABLE);
	ASSERT_EQ(0, map_of(&map, &d, 0, 2, 0));
	ASSERT_EQ(1U, map.n_runs);
	EXPECT_EQ(ZONEMAP_UNKNOWN, (int)map.runs[0].kind);
	EXPECT_EQ(0U, map.runs[0].migratetype);
	text = RENDER(zonemap_print_text(f_, &map, false));
	EXPECT_NE(NULL, strstr(text, "\n0x0 |??")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, ", 2 changing\n"));
	free(text);
	zonemap_release(&map);

	/* Out of order, twice the same pfn, no pfn: refused. */
	memset(&d, 0, sizeof(d));
	page_add(&d, 5, RESERVED, 0, 0);
	page_add(&d, 4, RESERVED, 0, 0);
	EXPECT_EQ(-EINVAL, map_of(&map, &d, 0, 8, 0));
	zonemap_release(&map);
	d.pages[1].pfn = 5;
	EXPECT_EQ(-EINVAL, map_of(&map, &d, 0, 8, 0));
	zonemap_release(&map);
	d.pages[1].pfn = 6;
	d.pages[1].has[SHADOW_MM_A_PAGE_PFN] = false;
	EXPECT_EQ(-EINVAL, map_of(&map, &d, 0, 8, 0));
	zonemap_release(&map);
}

TEST(empty_zone)
{
	struct zonemap map;
	const char *why;
	char *text, *svg;

	zonemap_init(&map, 0, SHADOW_MM_ZONE_TYPE_MOVABLE, 0x5000, 0, 9);
	ASSERT_EQ(0, zonemap_finish(&map));
	EXPECT_EQ(0U, map.n_runs);
	text = RENDER(zonemap_print_text(f_, &map, false));
	EXPECT_STREQ("node 0, zone Movable: no pages (starts at 0x5000)\n", text);
	svg = RENDER(zonemap_print_svg(f_, &map));
	why = xml_check(svg);
	EXPECT_EQ(NULL, why) TH_LOG("%s", why);
	EXPECT_EQ(0U, count_of(svg, "class=\"run\""));
	free(text);
	free(svg);
	zonemap_release(&map);
}

/* The checker itself catches what it is there for. */
TEST(xml_checker)
{
	EXPECT_EQ(NULL, xml_check("<?xml version=\"1.0\"?>\n<a><b x=\"1>\"/>t&amp;</a>\n"));
	EXPECT_NE(NULL, xml_check("<?xml version=\"1.0\"?>\n<a><b></a></b>\n"));
	EXPECT_NE(NULL, xml_check("<?xml version=\"1.0\"?>\n<a>x & y</a>\n"));
	EXPECT_NE(NULL, xml_check("<?xml version=\"1.0\"?>\n<a><b></a>\n"));
	EXPECT_NE(NULL, xml_check("<?xml version=\"1.0\"?>\n<a/><a/>\n"));
	EXPECT_NE(NULL, xml_check("<a/>\n"));
}

TEST_HARNESS_MAIN
