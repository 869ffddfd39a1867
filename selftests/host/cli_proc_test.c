// SPDX-License-Identifier: GPL-2.0
/*
 * smm's renderers without a socket: the /proc/buddyinfo, pagetypeinfo and
 * zoneinfo formats character for character, the node, zone and page
 * summaries in text and JSON, and the names of attributes an extack
 * offset points into
 *
 * The expected /proc texts are what a Debian 6.1 x86_64 guest's kernel
 * printed (2 CPUs, 512 MiB), with the lines the shadow world has no data
 * for taken out; the zones fed in carry the same numbers.
 *
 * Needs SMM_PRINT_SRCS and SMM_RENDER_SRCS of userspace/sources.mk and no
 * library; selftests/host/Makefile builds it under ASan and UBSan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/shadow_mm.h>

#include "kselftest_harness.h"

#include "cli_helpers.h"
#include "mm_info.h"
#include "mm_print.h"
#include "names.h"
#include "page_pack.h"
#include "procfmt.h"

#define ORDERS	11

/*
 * Expected outputs are written a line (TEXT) or a piece (JSON) per string,
 * joined here: the kernel's lines end in spaces, which would otherwise sit
 * before a quoted newline. The result lives until the next few calls.
 */
static const char *joined(const char *const *parts, bool newline_each)
{
	static char bufs[4][8192];
	static unsigned int next;
	char *buf = bufs[next++ % ARRAY_SIZE(bufs)];
	size_t used = 0;

	buf[0] = '\0';
	for (; *parts; parts++)
		used += snprintf(buf + used, sizeof(bufs[0]) - used, "%s%s",
				 *parts, newline_each ? "\n" : "");
	if (!newline_each)
		snprintf(buf + used, sizeof(bufs[0]) - used, "\n");
	return buf;
}

static const char *text_of(const char *const *lines)
{
	return joined(lines, true);
}

#define TEXT(...)	joined((const char *const []){ __VA_ARGS__, NULL }, true)
#define JSON(...)	joined((const char *const []){ __VA_ARGS__, NULL }, false)

/* The free blocks of one zone: per order, per migrate type. */
struct free_table {
	__u64 by_type[SMM_NR_MIGRATETYPES][ORDERS];
};

static void set_all(bool *has, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		has[i] = true;
}

/* A zone with every attribute, as the module sends them. */
static void zone_fill(struct smm_zone_info *z, __u32 node, __u32 type,
		      const char *name, __u64 start, __u64 spanned,
		      __u64 present, __u64 managed, __u64 free,
		      __u64 min, __u64 low, __u64 high)
{
	memset(z, 0, sizeof(*z));
	set_all(z->has, ARRAY_SIZE(z->has));
	z->node = node;
	z->type = type;
	snprintf(z->name, sizeof(z->name), "%s", name);
	z->start_pfn = start;
	z->spanned = spanned;
	z->present = present;
	z->managed = managed;
	z->free = free;
	z->wmark_min = min;
	z->wmark_low = low;
	z->wmark_high = high;
	z->n_lowmem_reserve = 5;
	z->n_orders = ORDERS;
	set_all(z->has_pageblock, SMM_NR_MIGRATETYPES);
}

static void zone_free(struct smm_zone_info *z, const struct free_table *t)
{
	unsigned int order, mt;

	for (order = 0; order < ORDERS; order++) {
		struct smm_free_area *fa = &z->free_area[order];

		fa->has = true;
		for (mt = 0; mt < SMM_NR_MIGRATETYPES; mt++) {
			fa->by_type[mt] = t->by_type[mt][order];
			fa->has_type[mt] = true;
			fa->nr_free += t->by_type[mt][order];
		}
	}
}

static void zone_pcp(struct smm_zone_info *z, unsigned int cpus,
		     const struct smm_pcp_info *pcp)
{
	z->pcp = calloc(cpus, sizeof(*pcp));
	if (!z->pcp)
		abort();
	memcpy(z->pcp, pcp, cpus * sizeof(*pcp));
	z->n_pcp = cpus;
}

static const struct free_table dma_free = { {
	{ 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0 },
	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3 },
} };

static const struct free_table dma32_free = { {
	{ 0, 1, 16, 11, 14, 7, 6, 5, 3, 1, 0 },
	{ 1, 1, 0, 1, 1, 1, 2, 1, 0, 1, 97 },
	{ 1, 2, 1, 0, 1, 0, 0, 0, 1, 0, 0 },
} };

/* Node 0 of the guest: DMA, DMA32, and Normal and Movable empty. */
static size_t guest_zones(struct smm_zone_info *zones)
{
	static const struct smm_pcp_info dma_pcp[] = {
		{ 0, 0, 13, 1 }, { 1, 0, 13, 1 },
	};
	static const struct smm_pcp_info dma32_pcp[] = {
		{ 0, 82, 408, 31 }, { 1, 126, 408, 31 },
	};
	static const __u64 dma_reserve[] = { 0, 431, 431, 431, 431 };
	struct smm_zone_info *z;

	z = &zones[0];
	zone_fill(z, 0, SHADOW_MM_ZONE_TYPE_DMA, "DMA", 1, 4095, 3998, 3840,
		  3808, 22, 27, 32);
	memcpy(z->lowmem_reserve, dma_reserve, sizeof(dma_reserve));
	zone_free(z, &dma_free);
	z->pageblocks[0] = 1;
	z->pageblocks[1] = 7;
	zone_pcp(z, 2, dma_pcp);

	z = &zones[1];
	zone_fill(z, 0, SHADOW_MM_ZONE_TYPE_DMA32, "DMA32", 4096, 126943,
		  126943, 113137, 103342, 653, 816, 979);
	zone_free(z, &dma32_free);
	z->pageblocks[0] = 43;
	z->pageblocks[1] = 199;
	z->pageblocks[2] = 6;
	zone_pcp(z, 2, dma32_pcp);

	/* Unpopulated: no free areas, no pageblocks, no per-CPU lists. */
	zone_fill(&zones[2], 0, SHADOW_MM_ZONE_TYPE_NORMAL, "Normal", 0, 0,
		  0, 0, 0, 0, 0, 0);
	zone_fill(&zones[3], 0, SHADOW_MM_ZONE_TYPE_MOVABLE, "Movable", 0, 0,
		  0, 0, 0, 0, 0, 0);
	zones[2].n_orders = 0;
	zones[3].n_orders = 0;
	return 4;
}

static const char *const kernel_buddyinfo[] = {
	"Node 0, zone      DMA      0      0      0      0      0      1      1      1      0      1      3 ",
	"Node 0, zone    DMA32      2      4     17     12     16      8      8      6      4      2     97 ",
	NULL,
};

static const char *const kernel_pagetypeinfo[] = {
	"Page block order: 9",
	"Pages per block:  512",
	"",
	"Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 ",
	"Node    0, zone      DMA, type    Unmovable      0      0      0      0      0      1      1      1      0      0      0 ",
	"Node    0, zone      DMA, type      Movable      0      0      0      0      0      0      0      0      0      1      3 ",
	"Node    0, zone      DMA, type  Reclaimable      0      0      0      0      0      0      0      0      0      0      0 ",
	"Node    0, zone      DMA, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 ",
	"Node    0, zone      DMA, type      Isolate      0      0      0      0      0      0      0      0      0      0      0 ",
	"Node    0, zone    DMA32, type    Unmovable      0      1     16     11     14      7      6      5      3      1      0 ",
	"Node    0, zone    DMA32, type      Movable      1      1      0      1      1      1      2      1      0      1     97 ",
	"Node    0, zone    DMA32, type  Reclaimable      1      2      1      0      1      0      0      0      1      0      0 ",
	"Node    0, zone    DMA32, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 ",
	"Node    0, zone    DMA32, type      Isolate      0      0      0      0      0      0      0      0      0      0      0 ",
	"",
	"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate ",
	"Node 0, zone      DMA            1            7            0            0            0 ",
	"Node 0, zone    DMA32           43          199            6            0            0 ",
	NULL,
};

static const char *const kernel_zoneinfo[] = {
	"Node 0, zone      DMA",
	"  pages free     3808",
	"        min      22",
	"        low      27",
	"        high     32",
	"        spanned  4095",
	"        present  3998",
	"        managed  3840",
	"        protection: (0, 431, 431, 431, 431)",
	"      nr_free_pages 3808",
	"  pagesets",
	"    cpu: 0",
	"              count: 0",
	"              high:  13",
	"              batch: 1",
	"    cpu: 1",
	"              count: 0",
	"              high:  13",
	"              batch: 1",
	"  start_pfn:           1",
	"Node 0, zone    DMA32",
	"  pages free     103342",
	"        min      653",
	"        low      816",
	"        high     979",
	"        spanned  126943",
	"        present  126943",
	"        managed  113137",
	"        protection: (0, 0, 0, 0, 0)",
	"      nr_free_pages 103342",
	"  pagesets",
	"    cpu: 0",
	"              count: 82",
	"              high:  408",
	"              batch: 31",
	"    cpu: 1",
	"              count: 126",
	"              high:  408",
	"              batch: 31",
	"  start_pfn:           4096",
	"Node 0, zone   Normal",
	"  pages free     0",
	"        min      0",
	"        low      0",
	"        high     0",
	"        spanned  0",
	"        present  0",
	"        managed  0",
	"        protection: (0, 0, 0, 0, 0)",
	"Node 0, zone  Movable",
	"  pages free     0",
	"        min      0",
	"        low      0",
	"        high     0",
	"        spanned  0",
	"        present  0",
	"        managed  0",
	"        protection: (0, 0, 0, 0, 0)",
	NULL,
};

FIXTURE(guest) {
	struct smm_zone_info zones[4];
	size_t n;
	char *buf;
	size_t len;
	FILE *f;
};

FIXTURE_SETUP(guest)
{
	self->n = guest_zones(self->zones);
	self->buf = NULL;
	self->f = open_memstream(&self->buf, &self->len);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(guest)
{
	size_t i;

	for (i = 0; i < self->n; i++)
		smm_zone_info_release(&self->zones[i]);
	if (self->f)
		fclose(self->f);
	free(self->buf);
}

/* Closes the stream *@f and returns what was written to *@buf. */
static const char *closed(FILE **f, char **buf)
{
	fclose(*f);
	*f = NULL;
	return *buf;
}

/* Line by line, so a failure says which line differs. */
static void expect_text(struct __test_metadata *_metadata,
			const char *expected, const char *seen)
{
	const char *e = expected, *s = seen;
	unsigned int line = 1;

	while (*e && *s) {
		size_t el = strcspn(e, "\n"), sl = strcspn(s, "\n");

		if (el != sl || memcmp(e, s, el)) {
			TH_LOG("line %u differs:\nexpected '%.*s'\nseen     '%.*s'",
			       line, (int)el, e, (int)sl, s);
			break;
		}
		e += el + (e[el] == '\n');
		s += sl + (s[sl] == '\n');
		line++;
	}
	EXPECT_STREQ(expected, seen);
}

TEST_F(guest, buddyinfo)
{
	proc_buddyinfo(self->f, self->zones, self->n);
	expect_text(_metadata, text_of(kernel_buddyinfo), closed(&self->f, &self->buf));
}

TEST_F(guest, pagetypeinfo)
{
	proc_pagetypeinfo(self->f, self->zones, self->n, 9);
	expect_text(_metadata, text_of(kernel_pagetypeinfo), closed(&self->f, &self->buf));
}

TEST_F(guest, zoneinfo)
{
	proc_zoneinfo(self->f, self->zones, self->n);
	expect_text(_metadata, text_of(kernel_zoneinfo), closed(&self->f, &self->buf));
}

/* Sorting puts the zones in the kernel's order whatever the dump's. */
TEST_F(guest, sorted_as_the_kernel_walks)
{
	struct smm_zone_info swapped = self->zones[0];

	self->zones[0] = self->zones[3];
	self->zones[3] = swapped;
	smm_zones_sort(self->zones, self->n);
	proc_buddyinfo(self->f, self->zones, self->n);
	expect_text(_metadata, text_of(kernel_buddyinfo), closed(&self->f, &self->buf));
}

/* Without a pageblock order, the two lines that need it are left out. */
TEST_F(guest, pagetypeinfo_order_unknown)
{
	proc_pagetypeinfo(self->f, self->zones, self->n, -1);
	expect_text(_metadata, strstr(text_of(kernel_pagetypeinfo), "Free pages"),
		    closed(&self->f, &self->buf));
}

/* What the module did not send is left out, not printed as zero. */
TEST_F(guest, zoneinfo_leaves_out_what_did_not_come)
{
	struct smm_zone_info *z = &self->zones[2];

	z->has[SHADOW_MM_A_ZONE_WMARK_LOW] = false;
	z->has[SHADOW_MM_A_ZONE_MANAGED_PAGES] = false;
	z->n_lowmem_reserve = 0;
	proc_zoneinfo(self->f, z, 1);
	EXPECT_STREQ(TEXT("Node 0, zone   Normal",
			  "  pages free     0",
			  "        min      0",
			  "        high     0",
			  "        spanned  0",
			  "        present  0"), closed(&self->f, &self->buf));
}

TEST_F(guest, buddyinfo_json)
{
	struct smm_out o;

	out_init(&o, self->f, true, false);
	mm_print_buddyinfo_json(&o, self->zones, self->n);
	ASSERT_EQ(0, out_finish(&o));
	EXPECT_STREQ(JSON("[{\"node\":0,\"zone\":\"DMA\",",
			  "\"free\":[0,0,0,0,0,1,1,1,0,1,3]},",
			  "{\"node\":0,\"zone\":\"DMA32\",",
			  "\"free\":[2,4,17,12,16,8,8,6,4,2,97]}]"),
		     closed(&self->f, &self->buf));
}

TEST_F(guest, pagetypeinfo_json)
{
	struct smm_out o;

	out_init(&o, self->f, true, false);
	mm_print_pagetypeinfo_json(&o, self->zones, 1, 9);
	ASSERT_EQ(0, out_finish(&o));
	EXPECT_STREQ(JSON("{\"pageblock_order\":9,\"pages_per_block\":512,",
			  "\"zones\":[{\"node\":0,\"zone\":\"DMA\",\"free\":{",
			  "\"unmovable\":[0,0,0,0,0,1,1,1,0,0,0],",
			  "\"movable\":[0,0,0,0,0,0,0,0,0,1,3],",
			  "\"reclaimable\":[0,0,0,0,0,0,0,0,0,0,0],",
			  "\"highatomic\":[0,0,0,0,0,0,0,0,0,0,0],",
			  "\"isolate\":[0,0,0,0,0,0,0,0,0,0,0]},",
			  "\"pageblocks\":{\"unmovable\":1,\"movable\":7,",
			  "\"reclaimable\":0,\"highatomic\":0,\"isolate\":0}}]}"),
		     closed(&self->f, &self->buf));
}

TEST_F(guest, zone_text)
{
	struct smm_out o;

	out_init(&o, self->f, false, false);
	mm_print_zone(&o, &self->zones[0], 4096);
	ASSERT_EQ(0, out_finish(&o));
	EXPECT_STREQ(TEXT("node 0, zone DMA",
			  "  pfns:          0x1-0xfff",
			  "  spanned:       4095 pages (16.0 MiB)",
			  "  present:       3998 pages (15.6 MiB)",
			  "  managed:       3840 pages (15 MiB)",
			  "  free:          3808 pages (14.9 MiB)",
			  "  watermarks:    min 22, low 27, high 32",
			  "  lowmem reserve: 0, 431, 431, 431, 431",
			  "  free blocks:   0:0 1:0 2:0 3:0 4:0 5:1 6:1 7:1 8:0 9:1 10:3",
			  "  pageblocks:    unmovable 1, movable 7, reclaimable 0, highatomic 0, isolate 0",
			  "  cpu 0 lists:   count 0, high 13, batch 1",
			  "  cpu 1 lists:   count 0, high 13, batch 1",
			  "  counters:      alloc 0, free 0, split 0, merge 0, steal 0, fail 0"),
		     closed(&self->f, &self->buf));
}

TEST_F(guest, zone_json)
{
	struct smm_out o;

	self->zones[3].alloc_count = 5;
	self->zones[3].has[SHADOW_MM_A_ZONE_FAIL_COUNT] = false;
	self->zones[3].has[SHADOW_MM_A_ZONE_PAGEBLOCKS] = false;
	self->zones[3].n_lowmem_reserve = 2;
	out_init(&o, self->f, true, false);
	mm_print_zone(&o, &self->zones[3], 4096);
	ASSERT_EQ(0, out_finish(&o));
	EXPECT_STREQ(JSON("{\"node\":0,\"type\":\"movable\",\"name\":\"Movable\",",
			  "\"start_pfn\":0,\"spanned_pages\":0,\"present_pages\":0,",
			  "\"managed_pages\":0,\"free_pages\":0,",
			  "\"watermarks\":{\"min\":0,\"low\":0,\"high\":0},",
			  "\"lowmem_reserve\":[0,0],\"free_areas\":[],",
			  "\"pageblocks\":null,\"pcp\":[],",
			  "\"counters\":{\"alloc\":5,\"free\":0,\"split\":0,",
			  "\"merge\":0,\"steal\":0,\"fail\":null}}"),
		     closed(&self->f, &self->buf));
}

/* Two nodes: each gets its own pagetypeinfo header, as in the kernel. */
TEST(two_nodes)
{
	struct smm_zone_info zones[3];
	static const struct free_table one = { { { 1 }, { 0, 2 } } };
	char *buf = NULL;
	size_t len, i;
	FILE *f;

	zone_fill(&zones[0], 0, SHADOW_MM_ZONE_TYPE_NORMAL, "Normal", 0x40000,
		  4096, 4096, 4096, 5, 1, 2, 3);
	zone_fill(&zones[1], 1, SHADOW_MM_ZONE_TYPE_NORMAL, "Normal", 0x41000,
		  4096, 4096, 4096, 5, 1, 2, 3);
	zone_fill(&zones[2], 1, SHADOW_MM_ZONE_TYPE_MOVABLE, "Movable", 0, 0,
		  0, 0, 0, 0, 0, 0);
	for (i = 0; i < 2; i++) {
		zone_free(&zones[i], &one);
		zones[i].n_orders = 3;
		zones[i].pageblocks[1] = 8;
	}
	zones[2].n_orders = 0;

	f = open_memstream(&buf, &len);
	ASSERT_NE(NULL, f);
	proc_buddyinfo(f, zones, 3);
	proc_pagetypeinfo(f, zones, 3, 9);
	fclose(f);
	EXPECT_STREQ(TEXT("Node 0, zone   Normal      1      2      0 ",
			  "Node 1, zone   Normal      1      2      0 ",
			  "Page block order: 9",
			  "Pages per block:  512",
			  "",
			  "Free pages count per migrate type at order       0      1      2 ",
			  "Node    0, zone   Normal, type    Unmovable      1      0      0 ",
			  "Node    0, zone   Normal, type      Movable      0      2      0 ",
			  "Node    0, zone   Normal, type  Reclaimable      0      0      0 ",
			  "Node    0, zone   Normal, type   HighAtomic      0      0      0 ",
			  "Node    0, zone   Normal, type      Isolate      0      0      0 ",
			  "",
			  "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate ",
			  "Node 0, zone   Normal            0            8            0            0            0 ",
			  "Page block order: 9",
			  "Pages per block:  512",
			  "",
			  "Free pages count per migrate type at order       0      1      2 ",
			  "Node    1, zone   Normal, type    Unmovable      1      0      0 ",
			  "Node    1, zone   Normal, type      Movable      0      2      0 ",
			  "Node    1, zone   Normal, type  Reclaimable      0      0      0 ",
			  "Node    1, zone   Normal, type   HighAtomic      0      0      0 ",
			  "Node    1, zone   Normal, type      Isolate      0      0      0 ",
			  "",
			  "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate ",
			  "Node 1, zone   Normal            0            8            0            0            0 "
			  ),
		     buf);
	free(buf);
}

static char *render(void (*fn)(struct smm_out *o, const void *arg),
		    const void *arg, bool json)
{
	struct smm_out o;
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	out_init(&o, f, json, false);
	fn(&o, arg);
	if (out_finish(&o)) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

static void node_fn(struct smm_out *o, const void *arg)
{
	mm_print_node(o, arg, 4096);
}

static void page_fn(struct smm_out *o, const void *arg)
{
	mm_print_page(o, arg);
}

static void page_line_fn(struct smm_out *o, const void *arg)
{
	mm_print_page_line(o, arg);
}

static void owner_fn(struct smm_out *o, const void *arg)
{
	mm_print_owners_header(o);
	mm_print_owner(o, arg);
}

TEST(node)
{
	struct smm_node_info n = {
		.id = 1, .start_pfn = 0x42000, .spanned = 8192,
		.present = 8192, .free = 8000,
		.distance = { 20, 10 }, .n_distance = 2,
		.zone_types = { SHADOW_MM_ZONE_TYPE_DMA32,
				SHADOW_MM_ZONE_TYPE_NORMAL },
		.n_zone_types = 2,
	};
	char *text, *json;

	set_all(n.has, ARRAY_SIZE(n.has));
	text = render(node_fn, &n, false);
	json = render(node_fn, &n, true);
	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, json);
	EXPECT_STREQ(TEXT("node 1",
			  "  pfns:          0x42000-0x43fff",
			  "  spanned:       8192 pages (32 MiB)",
			  "  present:       8192 pages (32 MiB)",
			  "  free:          8000 pages (31.2 MiB)",
			  "  distances:     20 10",
			  "  zones:         DMA32 Normal"), text);
	EXPECT_STREQ(JSON("{\"id\":1,\"start_pfn\":270336,\"spanned_pages\":8192,",
			  "\"present_pages\":8192,\"free_pages\":8000,",
			  "\"distances\":[20,10],\"zones\":[\"dma32\",\"normal\"]}"),
		     json);
	free(text);
	free(json);
}

TEST(page)
{
	struct smm_page_info p = {
		.pfn = 0x40010, .node = 0, .zone = SHADOW_MM_ZONE_TYPE_NORMAL,
		.flags = SHADOW_MM_PAGE_FLAGS_HEAD | SHADOW_MM_PAGE_FLAGS_DIRTY |
			 0x8000,
		.order = 2, .refcount = 1, .mapcount = 0, .owner = "test",
		.migratetype = SHADOW_MM_MIGRATETYPE_MOVABLE,
	};
	char *text, *json, *line;

	set_all(p.has, ARRAY_SIZE(p.has));
	text = render(page_fn, &p, false);
	json = render(page_fn, &p, true);
	line = render(page_line_fn, &p, false);
	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, json);
	ASSERT_NE(NULL, line);
	EXPECT_STREQ(TEXT("pfn:         0x40010 (262160)",
			  "node:        0",
			  "zone:        Normal",
			  "flags:       head,dirty,0x8000",
			  "order:       2",
			  "refcount:    1",
			  "mapcount:    0",
			  "owner:       test",
			  "migratetype: Movable"), text);
	EXPECT_STREQ(JSON("{\"pfn\":262160,\"node\":0,\"zone\":\"normal\",",
			  "\"flags\":[\"head\",\"dirty\",32768],\"order\":2,",
			  "\"refcount\":1,\"mapcount\":0,\"owner\":\"test\",",
			  "\"migratetype\":\"movable\"}"), json);
	EXPECT_STREQ(JSON("pfn 0x40010 node 0 zone Normal flags head,dirty,0x8000 ",
			  "order 2 refcount 1 mapcount 0 migratetype Movable ",
			  "owner test"), line);
	free(text);
	free(json);
	free(line);

	/* A free page: no owner. */
	p.flags = SHADOW_MM_PAGE_FLAGS_BUDDY;
	p.has[SHADOW_MM_A_PAGE_OWNER] = false;
	p.refcount = 0;
	line = render(page_line_fn, &p, false);
	json = render(page_fn, &p, true);
	ASSERT_NE(NULL, line);
	ASSERT_NE(NULL, json);
	EXPECT_STREQ(JSON("pfn 0x40010 node 0 zone Normal flags buddy order 2 ",
			  "refcount 0 mapcount 0 migratetype Movable owner -"),
		     line);
	EXPECT_NE(NULL, strstr(json, "\"owner\":null"));
	free(line);
	free(json);
}

TEST(owners)
{
	struct smm_owner_info ow = { .name = "bench", .blocks = 3,
				     .pages = 12 };
	char *text, *json;

	set_all(ow.has, ARRAY_SIZE(ow.has));
	text = render(owner_fn, &ow, false);
	json = render(owner_fn, &ow, true);
	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, json);
	EXPECT_STREQ(TEXT("OWNER                                 BLOCKS        PAGES",
			  "bench                                      3           12"),
		     text);
	EXPECT_STREQ("{\"owner\":\"bench\",\"blocks\":3,\"pages\":12}\n", json);
	free(text);
	free(json);
}

TEST(page_flags_text)
{
	char buf[64];

	EXPECT_STREQ("none", smm_page_flags_text(0, buf, sizeof(buf)));
	EXPECT_STREQ("buddy", smm_page_flags_text(1, buf, sizeof(buf)));
	EXPECT_STREQ("reserved,isolated",
		     smm_page_flags_text(SHADOW_MM_PAGE_FLAGS_RESERVED |
					 SHADOW_MM_PAGE_FLAGS_ISOLATED,
					 buf, sizeof(buf)));
	EXPECT_STREQ("0xfffff800",
		     smm_page_flags_text(0xfffff800u, buf, sizeof(buf)));
	/* Cut, never overrun. */
	EXPECT_STREQ("buddy,re", smm_page_flags_text(3, buf, 9));
}

/* A request's attributes, built by hand as the kernel would see them. */
struct attrs {
	unsigned char buf[256];
	size_t len;
	size_t nest;	/* where the open nest's header is */
};

static size_t attrs_put(struct attrs *a, __u16 type, const void *data,
			size_t len)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = type };
	size_t at = a->len;

	memcpy(a->buf + at, &nla, sizeof(nla));
	if (len)
		memcpy(a->buf + at + NLA_HDRLEN, data, len);
	a->len += NLA_ALIGN(nla.nla_len);
	return at;
}

static size_t attrs_put_u32(struct attrs *a, __u16 type, __u32 v)
{
	return attrs_put(a, type, &v, sizeof(v));
}

static size_t attrs_put_u64(struct attrs *a, __u16 type, __u64 v)
{
	return attrs_put(a, type, &v, sizeof(v));
}

static size_t attrs_nest_start(struct attrs *a, __u16 type)
{
	a->nest = attrs_put(a, type | NLA_F_NESTED, NULL, 0);
	return a->nest;
}

static void attrs_nest_end(struct attrs *a)
{
	struct nlattr nla;

	memcpy(&nla, a->buf + a->nest, sizeof(nla));
	nla.nla_len = a->len - a->nest;
	memcpy(a->buf + a->nest, &nla, sizeof(nla));
}

static const char *path(const struct attrs *a,
			const struct smm_attr_set *set, size_t offs,
			char *buf, size_t size,
			const struct smm_attr_set **inner)
{
	if (!smm_attr_path(set, a->buf, a->len, offs, buf, size, inner))
		return "(none)";
	return buf;
}

TEST(extack_names)
{
	const struct smm_attr_set *inner;
	struct attrs a = { .len = 0 };
	size_t order, pfn2, fa1, fa1_nr, pcp0, pad;
	char buf[64];

	/* page-free: the third of three pfns. */
	attrs_put_u64(&a, SHADOW_MM_A_PAGES_PFN, 1);
	attrs_put_u64(&a, SHADOW_MM_A_PAGES_PFN, 2);
	pfn2 = attrs_put_u64(&a, SHADOW_MM_A_PAGES_PFN, 3);
	order = attrs_put_u32(&a, SHADOW_MM_A_PAGES_ORDER, 99);
	EXPECT_STREQ("pfn[0]", path(&a, &smm_pages_attr_set, 0, buf,
				    sizeof(buf), NULL));
	EXPECT_STREQ("pfn[2]", path(&a, &smm_pages_attr_set, pfn2, buf,
				    sizeof(buf), NULL));
	/* Inside the value, not only at the header. */
	EXPECT_STREQ("pfn[2]", path(&a, &smm_pages_attr_set, pfn2 + 6, buf,
				    sizeof(buf), NULL));
	EXPECT_STREQ("order", path(&a, &smm_pages_attr_set, order, buf,
				   sizeof(buf), NULL));
	EXPECT_STREQ("(none)", path(&a, &smm_pages_attr_set, a.len, buf,
				    sizeof(buf), NULL));

	/* zone: into nests, with the index of a repeated nest. */
	memset(&a, 0, sizeof(a));
	attrs_put_u32(&a, SHADOW_MM_A_ZONE_NODE, 0);
	attrs_nest_start(&a, SHADOW_MM_A_ZONE_FREE_AREA);
	attrs_put_u32(&a, SHADOW_MM_A_FREE_AREA_ORDER, 0);
	attrs_nest_end(&a);
	fa1 = attrs_nest_start(&a, SHADOW_MM_A_ZONE_FREE_AREA);
	attrs_put_u32(&a, SHADOW_MM_A_FREE_AREA_ORDER, 1);
	fa1_nr = attrs_put_u64(&a, SHADOW_MM_A_FREE_AREA_NR_FREE, 5);
	attrs_nest_end(&a);
	pcp0 = attrs_nest_start(&a, SHADOW_MM_A_ZONE_PCP);
	attrs_nest_end(&a);
	pad = attrs_put_u32(&a, 77, 0);

	EXPECT_STREQ("free-area[1]", path(&a, &smm_zone_attr_set, fa1, buf,
					  sizeof(buf), &inner));
	EXPECT_EQ(&smm_free_area_attr_set, inner);
	EXPECT_STREQ("free-area[1].nr-free",
		     path(&a, &smm_zone_attr_set, fa1_nr, buf, sizeof(buf),
			  &inner));
	EXPECT_EQ(NULL, inner);
	/* An empty nest: named, its set handed back for a missing member. */
	EXPECT_STREQ("pcp[0]", path(&a, &smm_zone_attr_set, pcp0, buf,
				    sizeof(buf), &inner));
	EXPECT_EQ(&smm_pcp_attr_set, inner);
	/* A type no spec names. */
	EXPECT_STREQ("77", path(&a, &smm_zone_attr_set, pad, buf, sizeof(buf),
				NULL));

	/* A truncated attribute at the end can still be named. */
	memset(&a, 0, sizeof(a));
	attrs_put_u32(&a, SHADOW_MM_A_STATUS_DEBUG, 1);
	a.len -= 2;
	EXPECT_STREQ("debug", path(&a, &smm_status_attr_set, 0, buf,
				   sizeof(buf), NULL));
	/* A short buffer is cut, never overrun. */
	memset(&a, 0, sizeof(a));
	attrs_put_u32(&a, SHADOW_MM_A_ZONE_LOWMEM_RESERVE, 1);
	EXPECT_STREQ("lowm", path(&a, &smm_zone_attr_set, 0, buf, 5, NULL));
}

/* A packed page-get dump message of four pages, built as the module does. */
static void packed_four(struct attrs *a, __u32 count)
{
	static const __u16 flags[4] = {
		SHADOW_MM_PAGE_FLAGS_HEAD, SHADOW_MM_PAGE_FLAGS_TAIL,
		SHADOW_MM_PAGE_FLAGS_BUDDY, 0,
	};
	static const __u8 order[4] = { 2, 0, 1, 0 };
	static const __u16 refcount[4] = { 1, 0, 0, 2 };
	static const __u8 mapcount[4] = { 1, 0, 0, 0 };
	static const __u16 owner[4] = { 3, 0, 0, 9 };
	static const __u8 mt[4] = {
		SHADOW_MM_MIGRATETYPE_MOVABLE, SHADOW_MM_MIGRATETYPE_MOVABLE,
		SHADOW_MM_MIGRATETYPE_UNMOVABLE, 0,
	};

	memset(a, 0, sizeof(*a));
	attrs_put_u64(a, SHADOW_MM_A_PAGE_PFN, 0x40000);
	attrs_put_u32(a, SHADOW_MM_A_PAGE_NODE, 1);
	attrs_put_u32(a, SHADOW_MM_A_PAGE_ZONE, SHADOW_MM_ZONE_TYPE_NORMAL);
	attrs_put_u32(a, SHADOW_MM_A_PAGE_COUNT, count);
	attrs_put(a, SHADOW_MM_A_PAGE_FLAGS_ARRAY, flags, sizeof(flags));
	attrs_put(a, SHADOW_MM_A_PAGE_ORDER_ARRAY, order, sizeof(order));
	attrs_put(a, SHADOW_MM_A_PAGE_REFCOUNT_ARRAY, refcount, sizeof(refcount));
	attrs_put(a, SHADOW_MM_A_PAGE_MAPCOUNT_ARRAY, mapcount, sizeof(mapcount));
	attrs_put(a, SHADOW_MM_A_PAGE_OWNER_ARRAY, owner, sizeof(owner));
	attrs_put(a, SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY, mt, sizeof(mt));
}

TEST(packed_page_records)
{
	struct smm_owner_names owners = { 0 };
	struct smm_page_info p, single;
	struct smm_page_pack pk;
	char bad[PAGE_PACK_BAD_LEN];
	struct attrs a;
	char *line;
	__u32 i;
	static const char *const lines[4] = {
		"pfn 0x40000 node 1 zone Normal flags head order 2 refcount 1 mapcount 1 migratetype Movable owner test\n",
		"pfn 0x40001 node 1 zone Normal flags tail order - refcount 0 mapcount 0 migratetype Movable owner -\n",
		"pfn 0x40002 node 1 zone Normal flags buddy order 1 refcount 0 mapcount 0 migratetype Unmovable owner -\n",
		"pfn 0x40003 node 1 zone Normal flags none order 0 refcount 2 mapcount 0 migratetype - owner #9\n",
	};

	packed_four(&a, 4);
	ASSERT_EQ(0, smm_owner_names_set(&owners, 3, "test"));
	ASSERT_EQ(0, smm_page_pack_decode(a.buf, a.len, &pk, bad));
	EXPECT_EQ(4U, pk.count);
	EXPECT_EQ(0x40000ULL, pk.pfn);
	for (i = 0; i < pk.count; i++) {
		smm_page_pack_record(&pk, i, &owners, &p);
		line = render(page_line_fn, &p, false);
		ASSERT_NE(NULL, line);
		EXPECT_STREQ(lines[i], line);
		free(line);
	}

	/*
	 * The head page as a per-page message decodes: every attribute
	 * the module sends for it, so JSON prints alike too.
	 */
	memset(&single, 0, sizeof(single));
	single.pfn = 0x40000;
	single.node = 1;
	single.zone = SHADOW_MM_ZONE_TYPE_NORMAL;
	single.flags = SHADOW_MM_PAGE_FLAGS_HEAD;
	single.order = 2;
	single.refcount = 1;
	single.mapcount = 1;
	strcpy(single.owner, "test");
	single.migratetype = SHADOW_MM_MIGRATETYPE_MOVABLE;
	set_all(single.has, ARRAY_SIZE(single.has));
	single.has[0] = false;
	for (i = SHADOW_MM_A_PAGE_PAD; i <= SHADOW_MM_A_PAGE_MAX; i++)
		single.has[i] = false;
	smm_page_pack_record(&pk, 0, &owners, &p);
	EXPECT_EQ(0, memcmp(&single, &p, sizeof(p)));
	smm_owner_names_release(&owners);
}

TEST(packed_page_malformed)
{
	struct smm_page_pack pk;
	char bad[PAGE_PACK_BAD_LEN];
	struct attrs a;

	/* An array shorter than count says. */
	packed_four(&a, 5);
	EXPECT_EQ(-EBADMSG, smm_page_pack_decode(a.buf, a.len, &pk, bad));
	EXPECT_STREQ("page flags-array (8 bytes) does not match count", bad);

	/* A per-page message is not packed. */
	memset(&a, 0, sizeof(a));
	attrs_put_u64(&a, SHADOW_MM_A_PAGE_PFN, 0x40000);
	attrs_put_u32(&a, SHADOW_MM_A_PAGE_FLAGS, SHADOW_MM_PAGE_FLAGS_BUDDY);
	EXPECT_EQ(-ENOMSG, smm_page_pack_decode(a.buf, a.len, &pk, bad));

	/* count without its arrays. */
	attrs_put_u32(&a, SHADOW_MM_A_PAGE_COUNT, 1);
	EXPECT_EQ(-EBADMSG, smm_page_pack_decode(a.buf, a.len, &pk, bad));
	EXPECT_STREQ("page flags-array (0 bytes) missing", bad);

	/* A count of the wrong size. */
	memset(&a, 0, sizeof(a));
	attrs_put_u64(&a, SHADOW_MM_A_PAGE_PFN, 0x40000);
	attrs_put_u64(&a, SHADOW_MM_A_PAGE_COUNT, 1);
	EXPECT_EQ(-EBADMSG, smm_page_pack_decode(a.buf, a.len, &pk, bad));
	EXPECT_STREQ("page count (8 bytes)", bad);
}

TEST(enum_names)
{
	EXPECT_STREQ("dma32", smm_zone_type_name(SHADOW_MM_ZONE_TYPE_DMA32));
	EXPECT_STREQ("HighMem",
		     smm_zone_type_kname(SHADOW_MM_ZONE_TYPE_HIGHMEM));
	EXPECT_EQ(NULL, smm_zone_type_name(0));
	EXPECT_EQ(NULL, smm_zone_type_kname(SHADOW_MM_ZONE_TYPE_MOVABLE + 1));
	EXPECT_STREQ("HighAtomic",
		     smm_migratetype_kname(SHADOW_MM_MIGRATETYPE_HIGHATOMIC));
	EXPECT_STREQ("isolate",
		     smm_migratetype_name(SHADOW_MM_MIGRATETYPE_ISOLATE));
	EXPECT_EQ(NULL, smm_migratetype_name(SHADOW_MM_MIGRATETYPE_ISOLATE + 1));
	EXPECT_STREQ("isolated", smm_page_flag_name(10));
	EXPECT_EQ(NULL, smm_page_flag_name(11));
}

/* Every attribute of every set has its spec name. */
TEST(attr_sets_complete)
{
	static const struct smm_attr_set *const sets[] = {
		&smm_status_attr_set, &smm_node_attr_set,
		&smm_free_area_attr_set, &smm_pageblocks_attr_set,
		&smm_pcp_attr_set, &smm_zone_attr_set, &smm_page_attr_set,
		&smm_pages_attr_set, &smm_check_attr_set, &smm_owner_attr_set,
	};
	static const unsigned int max[] = {
		SHADOW_MM_A_STATUS_MAX, SHADOW_MM_A_NODE_MAX,
		SHADOW_MM_A_FREE_AREA_MAX, SHADOW_MM_A_PAGEBLOCKS_MAX,
		SHADOW_MM_A_PCP_MAX, SHADOW_MM_A_ZONE_MAX, SHADOW_MM_A_PAGE_MAX,
		SHADOW_MM_A_PAGES_MAX, SHADOW_MM_A_CHECK_MAX,
		SHADOW_MM_A_OWNER_MAX,
	};

	expect_attr_sets_named(_metadata, sets, max, ARRAY_SIZE(sets));
}

TEST_HARNESS_MAIN
