// SPDX-License-Identifier: GPL-2.0
/*
 * `smm as`, `smm walk` and `smm bench pt` without a socket: replies built
 * by hand as netlink attributes, decoded by pt_info.c (checked field by
 * field, refused when malformed, fuzzed with the seed printed) and
 * rendered by pt_print.c and pt_draw.c: the per-level table (compared
 * character for character), JSON (checked to parse, with its key
 * members), the tree, SVG (well-formed, each level's index in it) and
 * DOT (balanced, an edge per step); ptdump-like run lines; the benchmark
 * table and its ratios; and a name for every attribute and enum value of
 * the page-table part of the UAPI.
 *
 * Needs SMM_PRINT_SRCS and SMM_RENDER_SRCS of userspace/sources.mk and no
 * library; selftests/host/Makefile builds it under ASan and UBSan.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netlink.h>
#include <linux/shadow_mm.h>

#include "kselftest_harness.h"

#include "cli_helpers.h"
#include "names.h"
#include "print.h"
#include "pt_draw.h"
#include "pt_info.h"
#include "pt_print.h"

/* ---- building replies ----------------------------------------------- */

static void put_field(struct msg *m, const char *name, __u64 value,
		      const char *text)
{
	nest_begin(m, SHADOW_MM_A_WALK_LEVEL_FIELD);
	put_str(m, SHADOW_MM_A_PT_FIELD_NAME, name);
	put_u64(m, SHADOW_MM_A_PT_FIELD_VALUE, value);
	if (text)
		put_str(m, SHADOW_MM_A_PT_FIELD_TEXT, text);
	nest_end(m);
}

/* One level of a walk reply; its fields follow until level_end(). */
static void level_begin(struct msg *m, __u32 level, const char *name,
			__u64 table, __u32 shift, __u32 bits, __u32 index,
			__u64 raw, __u32 kind, __u64 addr)
{
	nest_begin(m, SHADOW_MM_A_WALK_LEVEL);
	put_u32(m, SHADOW_MM_A_WALK_LEVEL_LEVEL, level);
	put_str(m, SHADOW_MM_A_WALK_LEVEL_NAME, name);
	put_u64(m, SHADOW_MM_A_WALK_LEVEL_TABLE, table);
	put_u32(m, SHADOW_MM_A_WALK_LEVEL_INDEX, index);
	put_u32(m, SHADOW_MM_A_WALK_LEVEL_SHIFT, shift);
	put_u32(m, SHADOW_MM_A_WALK_LEVEL_BITS, bits);
	put_u64(m, SHADOW_MM_A_WALK_LEVEL_RAW, raw);
	put_u32(m, SHADOW_MM_A_WALK_LEVEL_KIND, kind);
	put_u64(m, SHADOW_MM_A_WALK_LEVEL_ADDR, addr);
	put_u64(m, SHADOW_MM_A_WALK_LEVEL_SIZE, 1ULL << shift);
	put_u64(m, SHADOW_MM_A_WALK_LEVEL_DESC_ADDR, table + index * 8);
}

#define TABLE	SHADOW_MM_ENTRY_KIND_TABLE
#define BLOCK	SHADOW_MM_ENTRY_KIND_BLOCK
#define PAGE	SHADOW_MM_ENTRY_KIND_PAGE
#define INVALID	SHADOW_MM_ENTRY_KIND_INVALID
#define R	SHADOW_MM_PROT_READ
#define W	SHADOW_MM_PROT_WRITE
#define X	SHADOW_MM_PROT_EXEC
#define U	SHADOW_MM_PROT_USER

/*
 * The walk of 0x401234 through an arm64 space of 4 levels: three table
 * descriptors, then a user read-write page (AP=01, SH inner, AF, nG, DBM,
 * PXN, UXN) mapping the shadow page 0x41240.
 */
static void arm64_walk_msg(struct msg *m)
{
	memset(m, 0, sizeof(*m));
	put_u64(m, SHADOW_MM_A_WALK_VA, 0x401234);
	put_u32(m, SHADOW_MM_A_WALK_FORMAT, SHADOW_MM_PT_FORMAT_ARM64);
	put_u32(m, SHADOW_MM_A_WALK_LEVELS, 4);
	level_begin(m, 0, "pgd", 0x41200000, 39, 9, 0, 0x41201003, TABLE,
		    0x41201000);
	put_field(m, "type", 3, "table");
	put_field(m, "NSTable", 0, NULL);
	put_field(m, "APTable", 0, "no effect");
	put_field(m, "UXNTable", 0, NULL);
	put_field(m, "PXNTable", 0, NULL);
	nest_end(m);
	level_begin(m, 1, "pud", 0x41201000, 30, 9, 0, 0x41202003, TABLE,
		    0x41202000);
	put_field(m, "type", 3, "table");
	nest_end(m);
	level_begin(m, 2, "pmd", 0x41202000, 21, 9, 2, 0x41203003, TABLE,
		    0x41203000);
	put_field(m, "type", 3, "table");
	nest_end(m);
	level_begin(m, 3, "pte", 0x41203000, 12, 9, 1, 0x0068000041240f43ULL,
		    PAGE, 0x41240000);
	put_field(m, "type", 3, "page");
	put_field(m, "AttrIndx", 0, "MAIR[0] 0xff Normal WB");
	put_field(m, "AP", 1, "EL1 RW, EL0 RW");
	put_field(m, "SH", 3, "inner shareable");
	put_field(m, "AF", 1, NULL);
	put_field(m, "nG", 1, NULL);
	put_field(m, "OA", 0x41240000, NULL);
	put_field(m, "DBM", 1, NULL);
	put_field(m, "PXN", 1, NULL);
	put_field(m, "UXN", 1, NULL);
	nest_end(m);
	put_u64(m, SHADOW_MM_A_WALK_PA, 0x41240234);
	put_u64(m, SHADOW_MM_A_WALK_SIZE, 4096);
	put_u32(m, SHADOW_MM_A_WALK_PROT, R | W | U);
	put_u32(m, SHADOW_MM_A_WALK_PAGE_FLAGS, SHADOW_MM_PAGE_FLAGS_HEAD);
	put_str(m, SHADOW_MM_A_WALK_PAGE_OWNER, "as-1");
	put_u32(m, SHADOW_MM_A_WALK_PAGE_REFCOUNT, 1);
	put_u32(m, SHADOW_MM_A_WALK_PAGE_MAPCOUNT, 1);
	put_u32(m, SHADOW_MM_A_WALK_PAGE_ZONE, SHADOW_MM_ZONE_TYPE_NORMAL);
	put_u32(m, SHADOW_MM_A_WALK_PAGE_NODE, 0);
}

static void walk_of(struct __test_metadata *_metadata,
		    const struct msg *m, enum smm_walk_source source,
		    __u32 id, struct smm_walk_info *w)
{
	char bad[PT_BAD_LEN] = "";

	w->source = source;
	w->id = id;
	ASSERT_EQ(0, pt_decode_walk(m->buf, m->len, w, bad)) TH_LOG("%s", bad);
}

/* ---- decoding ------------------------------------------------------- */

TEST(decode_walk)
{
	const struct smm_walk_level_info *l;
	struct smm_walk_info w;
	struct msg m;

	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	EXPECT_EQ((int)SMM_WALK_AS, (int)w.source);
	EXPECT_EQ(1U, w.id);
	EXPECT_EQ(0x401234ULL, w.va);
	EXPECT_EQ((__u32)SHADOW_MM_PT_FORMAT_ARM64, w.format);
	EXPECT_EQ(4U, w.levels);
	ASSERT_EQ(4U, w.n_level);
	l = &w.level[3];
	EXPECT_STREQ("pte", l->name);
	EXPECT_EQ(0x41203000ULL, l->table);
	EXPECT_EQ(1U, l->index);
	EXPECT_EQ(12U, l->shift);
	EXPECT_EQ(9U, l->bits);
	EXPECT_EQ(0x0068000041240f43ULL, l->raw);
	EXPECT_FALSE(l->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]);
	EXPECT_EQ((__u32)PAGE, l->kind);
	EXPECT_EQ(0x41203008ULL, l->desc_addr);
	ASSERT_EQ(10U, l->n_fields);
	EXPECT_STREQ("AttrIndx", l->fields[1].name);
	EXPECT_STREQ("MAIR[0] 0xff Normal WB", l->fields[1].text);
	EXPECT_EQ(0x41240000ULL, l->fields[6].value);
	EXPECT_STREQ("", l->fields[4].text);
	EXPECT_EQ(5U, w.level[0].n_fields);
	EXPECT_TRUE(pt_walk_mapped(&w));
	EXPECT_EQ(0x41240234ULL, w.pa);
	EXPECT_EQ((__u32)(R | W | U), w.prot);
	EXPECT_STREQ("as-1", w.page_owner);
	EXPECT_FALSE(w.has[SHADOW_MM_A_WALK_FAULT]);
	EXPECT_FALSE(w.has[SHADOW_MM_A_WALK_HW_PA]);
	EXPECT_EQ(&w.level[3], pt_walk_leaf(&w));

	/* The manual's long field names come whole. */
	memset(&m, 0, sizeof(m));
	level_begin(&m, 0, "pgd", 0x1000, 39, 9, 0, 0x2003, TABLE, 0x2000);
	put_field(&m, "next-level table address", 2, "pa 0x2000");
	nest_end(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	ASSERT_EQ(1U, w.n_level);
	ASSERT_EQ(1U, w.level[0].n_fields);
	EXPECT_STREQ("next-level table address", w.level[0].fields[0].name);
}

/* A wrong size, a string without its NUL, a level too many: refused. */
TEST(decode_refuses_malformed)
{
	struct smm_walk_run_info r;
	struct smm_bench_pt_info b;
	struct smm_walk_info w;
	struct smm_map_info mi;
	char bad[PT_BAD_LEN];
	struct msg m;
	int i;

	memset(&m, 0, sizeof(m));
	nest_begin(&m, SHADOW_MM_A_WALK_LEVEL);
	put_u32(&m, SHADOW_MM_A_WALK_LEVEL_RAW, 7);
	nest_end(&m);
	EXPECT_EQ(-EBADMSG, pt_decode_walk(m.buf, m.len, &w, bad));
	EXPECT_STREQ("walk-level raw (4 bytes)", bad);

	memset(&m, 0, sizeof(m));
	put(&m, SHADOW_MM_A_WALK_VMA_NAME, "heap", 4);
	EXPECT_EQ(-EBADMSG, pt_decode_walk(m.buf, m.len, &w, bad));
	EXPECT_STREQ("walk vma-name (4 bytes)", bad);

	memset(&m, 0, sizeof(m));
	for (i = 0; i <= SHADOW_MM_MAX_PT_LEVELS; i++) {
		nest_begin(&m, SHADOW_MM_A_WALK_LEVEL);
		nest_end(&m);
	}
	EXPECT_EQ(-EBADMSG, pt_decode_walk(m.buf, m.len, &w, bad));
	EXPECT_NE(NULL, strstr(bad, "more than 5 levels"));

	/* An attribute that claims more bytes than the message has. */
	arm64_walk_msg(&m);
	EXPECT_EQ(-EBADMSG, pt_decode_walk(m.buf, m.len - 4, &w, bad));

	memset(&m, 0, sizeof(m));
	put_u64(&m, SHADOW_MM_A_WALK_PAGES, 3);
	EXPECT_EQ(-EBADMSG, pt_decode_run(m.buf, m.len, &r, bad));
	EXPECT_STREQ("walk pages (8 bytes)", bad);

	memset(&m, 0, sizeof(m));
	put_u32(&m, SHADOW_MM_A_MAP_TABLES, 2);
	put_u32(&m, SHADOW_MM_A_MAP_PAGES, 16);
	put_u32(&m, 200, 16);	/* a newer module's: skipped */
	EXPECT_EQ(0, pt_decode_map(m.buf, m.len, &mi, bad));
	EXPECT_EQ(2U, mi.tables);
	EXPECT_EQ(16U, mi.pages);
	EXPECT_FALSE(mi.has[SHADOW_MM_A_MAP_BLOCKS]);

	memset(&m, 0, sizeof(m));
	put_u32(&m, SHADOW_MM_A_BENCH_PT_COUNT, 10);
	EXPECT_EQ(-EBADMSG, pt_decode_bench(m.buf, m.len, &b, bad));
	EXPECT_STREQ("bench-pt: no walk-shadow-ns", bad);
}

TEST(decode_as)
{
	struct smm_as_info as;
	char bad[PT_BAD_LEN];
	char *text, *json;
	struct msg m;

	memset(&m, 0, sizeof(m));
	put_u32(&m, SHADOW_MM_A_AS_ID, 3);
	put_u32(&m, SHADOW_MM_A_AS_FORMAT, SHADOW_MM_PT_FORMAT_ARM);
	put_u32(&m, SHADOW_MM_A_AS_LEVELS, 2);
	put_u32(&m, SHADOW_MM_A_AS_VA_BITS, 32);
	put_u64(&m, SHADOW_MM_A_AS_ROOT, 0x45000000);
	put_u32(&m, SHADOW_MM_A_AS_TABLE_PAGES, 5);
	put_u64(&m, SHADOW_MM_A_AS_MAPPED_BYTES, 0x11000);
	nest_begin(&m, SHADOW_MM_A_AS_REGION);
	put_u64(&m, SHADOW_MM_A_REGION_VA, 0x8000);
	put_u64(&m, SHADOW_MM_A_REGION_LEN, 0x10000);
	put_u32(&m, SHADOW_MM_A_REGION_PROT, R | W | U);
	put_u32(&m, SHADOW_MM_A_REGION_KIND, SHADOW_MM_REGION_KIND_PAGES);
	nest_end(&m);
	nest_begin(&m, SHADOW_MM_A_AS_REGION);
	put_u64(&m, SHADOW_MM_A_REGION_VA, 0x100000);
	put_u64(&m, SHADOW_MM_A_REGION_LEN, 0x1000);
	put_u32(&m, SHADOW_MM_A_REGION_PROT, R | X);
	put_u32(&m, SHADOW_MM_A_REGION_KIND, SHADOW_MM_REGION_KIND_PFN);
	put_u64(&m, SHADOW_MM_A_REGION_PFN, 0x48000);
	nest_end(&m);
	nest_begin(&m, SHADOW_MM_A_AS_REGION);
	put_u64(&m, SHADOW_MM_A_REGION_VA, 0x200000);
	put_u64(&m, SHADOW_MM_A_REGION_LEN, 0x200000);
	put_u32(&m, SHADOW_MM_A_REGION_PROT, R | W);
	put_u32(&m, SHADOW_MM_A_REGION_KIND, SHADOW_MM_REGION_KIND_DEMAND);
	nest_end(&m);

	ASSERT_EQ(0, pt_decode_as(m.buf, m.len, &as, bad)) TH_LOG("%s", bad);
	EXPECT_EQ(3U, as.id);
	EXPECT_EQ(0x45000000ULL, as.root);
	ASSERT_EQ(3U, as.n_regions);
	EXPECT_EQ(0x48000ULL, as.regions[1].pfn);
	EXPECT_TRUE(as.regions[1].has[SHADOW_MM_A_REGION_PFN]);
	EXPECT_FALSE(as.regions[0].has[SHADOW_MM_A_REGION_PFN]);
	EXPECT_FALSE(as.has[SHADOW_MM_A_AS_MAIR]);

	text = RENDER_OUT(false, pt_print_as(&o_, &as));
	EXPECT_STREQ("as 3: arm, 2 levels, 32-bit VA\n"
		     "  root:        0x45000000\n"
		     "  table pages: 5\n"
		     "  mapped:      69632 bytes (68 KiB)\n"
		     "  regions:     3\n"
		     "    0x00008000-0x00018000    64K  rw-u  pages\n"
		     "    0x00100000-0x00101000     4K  r-x-  pfn 0x48000\n"
		     "    0x00200000-0x00400000     2M  rw--  demand\n",
		     text);
	free(text);

	json = RENDER_OUT(true, pt_print_as(&o_, &as));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_NE(NULL, strstr(json, "\"id\":3,\"format\":\"arm\",\"levels\":2,\"va_bits\":32"));
	EXPECT_NE(NULL, strstr(json, "\"mair\":null"));
	EXPECT_NE(NULL, strstr(json, "{\"va\":1048576,\"len\":4096,\"prot\":[\"read\",\"exec\"],\"kind\":\"pfn\",\"pfn\":294912}"));
	EXPECT_NE(NULL, strstr(json, "\"kind\":\"demand\",\"pfn\":null"));
	free(json);
	smm_as_info_release(&as);
}

/*
 * Random bytes, and valid replies with random bytes changed or cut
 * short: the decoders never read outside the message (ASan watches a
 * buffer of the message's exact size) and either decode or refuse.
 */
TEST(decode_fuzz)
{
	unsigned int seed = getenv("SMM_SEED") ?
			    (unsigned int)atoi(getenv("SMM_SEED")) :
			    (unsigned int)time(NULL);
	struct smm_walk_run_info r;
	struct smm_bench_pt_info b;
	struct smm_walk_info w;
	struct smm_as_info as;
	struct smm_map_info mi;
	char bad[PT_BAD_LEN];
	unsigned char *copy;
	struct msg m;
	size_t len;
	int i, ret;

	TH_LOG("seed %u (SMM_SEED=%u to repeat)", seed, seed);
	srand(seed);
	arm64_walk_msg(&m);
	for (i = 0; i < 20000; i++) {
		copy = fuzz_mutation(&m, i, &len);
		ASSERT_NE(NULL, copy);
		w.source = SMM_WALK_KERNEL;
		ret = pt_decode_walk(copy, len, &w, bad);
		EXPECT_TRUE(ret == 0 || ret == -EBADMSG);
		if (!ret) {
			/* Whatever decoded renders without harm. */
			char *out = RENDER_OUT(i % 2, pt_print_walk(&o_, &w));

			free(out);
			out = RENDER(pt_draw_svg(f_, &w));
			free(out);
		}
		EXPECT_GE(0, pt_decode_run(copy, len, &r, bad));
		EXPECT_GE(0, pt_decode_map(copy, len, &mi, bad));
		EXPECT_GE(0, pt_decode_bench(copy, len, &b, bad));
		EXPECT_GE(0, pt_decode_as(copy, len, &as, bad));
		smm_as_info_release(&as);
		free(copy);
		if (!_metadata->passed)
			break;
	}
}

/* ---- the walk ------------------------------------------------------- */

TEST(walk_text_arm64)
{
	struct smm_walk_info w;
	struct msg m;
	char *text;

	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_STREQ(
"walk of 0x0000000000401234 in address space 1: arm64, 4 levels\n"
"LEVEL  TABLE       INDEX          DESCRIPTOR          KIND   OUTPUT\n"
"pgd    0x41200000  [47:39] = 0    0x0000000041201003  table  0x41201000\n"
"       type=3 (table)  NSTable=0  APTable=0 (no effect)  UXNTable=0  PXNTable=0\n"
"pud    0x41201000  [38:30] = 0    0x0000000041202003  table  0x41202000\n"
"       type=3 (table)\n"
"pmd    0x41202000  [29:21] = 0x2  0x0000000041203003  table  0x41203000\n"
"       type=3 (table)\n"
"pte    0x41203000  [20:12] = 0x1  0x0068000041240f43  page   0x41240000\n"
"       type=3 (page)  AttrIndx=0 (MAIR[0] 0xff Normal WB)  AP=1 (EL1 RW, EL0 RW)\n"
"       SH=3 (inner shareable)  AF=1  nG=1  OA=0x41240000  DBM=1  PXN=1  UXN=1\n"
"pa:     0x41240234 (4 KiB page), prot rw-u\n"
"page:   pfn 0x41240, node 0, zone Normal, flags head, owner as-1, refcount 1, mapcount 1\n",
		text);
	free(text);
}

/*
 * arm: 32-bit descriptors, the Linux PTE beside the hardware one (empty
 * while the page is old), a translation fault at the PTE level.
 */
static void arm_fault_walk(struct msg *m)
{
	memset(m, 0, sizeof(*m));
	put_u64(m, SHADOW_MM_A_WALK_VA, 0x10000);
	put_u32(m, SHADOW_MM_A_WALK_FORMAT, SHADOW_MM_PT_FORMAT_ARM);
	put_u32(m, SHADOW_MM_A_WALK_LEVELS, 2);
	level_begin(m, 0, "pgd", 0x46000000, 21, 11, 0, 0x46101c01, TABLE,
		    0x46101c00);
	put_field(m, "type", 1, "page table");
	put_field(m, "domain", 0, NULL);
	nest_end(m);
	level_begin(m, 1, "pte", 0x46101c00, 12, 9, 0x10, 0, INVALID, 0);
	put_u64(m, SHADOW_MM_A_WALK_LEVEL_RAW_LINUX, 0x4612045b);
	put_field(m, "L_PTE_PRESENT", 1, NULL);
	put_field(m, "L_PTE_YOUNG", 0, "old: hardware PTE kept empty");
	nest_end(m);
	put_u32(m, SHADOW_MM_A_WALK_FAULT, SHADOW_MM_FAULT_TRANSLATION);
	put_u32(m, SHADOW_MM_A_WALK_FAULT_LEVEL, 1);
}

TEST(walk_text_arm_fault)
{
	struct smm_walk_info w;
	struct msg m;
	char *text;

	arm_fault_walk(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 2, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_STREQ(
"walk of 0x00010000 in address space 2: arm, 2 levels\n"
"LEVEL  TABLE       INDEX           DESCRIPTOR  LINUX PTE   KIND     OUTPUT\n"
"pgd    0x46000000  [31:21] = 0     0x46101c01  -           table    0x46101c00\n"
"       type=1 (page table)  domain=0\n"
"pte    0x46101c00  [20:12] = 0x10  0x00000000  0x4612045b  invalid  -\n"
"       L_PTE_PRESENT=1  L_PTE_YOUNG=0 (old: hardware PTE kept empty)\n"
"fault:  translation at level 1 (pte)\n",
		text);
	free(text);

	text = RENDER(pt_print_walk_tree(f_, &w));
	EXPECT_STREQ("0x00010000 in address space 2 (arm, 2 levels)\n"
		     "pgd table @ 0x46000000 (2048 entries)\n"
		     "`-- [31:21] = 0  0x46101c01 table\n"
		     "    pte table @ 0x46101c00 (512 entries)\n"
		     "    `-- [20:12] = 0x10  0x00000000 invalid (linux 0x4612045b)\n"
		     "        -> translation fault\n", text);
	free(text);
}

/* A process walk: the VMA; a kernel walk: the CPU's own translation. */
TEST(walk_text_live)
{
	struct smm_walk_info w;
	struct msg m;
	char *text;

	arm64_walk_msg(&m);
	put_u64(&m, SHADOW_MM_A_WALK_VMA_START, 0x400000);
	put_u64(&m, SHADOW_MM_A_WALK_VMA_END, 0x421000);
	put_u64(&m, SHADOW_MM_A_WALK_VMA_FLAGS, 0x100073);
	put_str(&m, SHADOW_MM_A_WALK_VMA_NAME, "[heap]");
	walk_of(_metadata, &m, SMM_WALK_PID, 321, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "walk of 0x0000000000401234 in pid 321: arm64, 4 levels\n"));
	EXPECT_NE(NULL, strstr(text, "\nvma:    0x400000-0x421000 rw-p [heap] (vm_flags 0x100073)\n"));
	EXPECT_EQ(NULL, strstr(text, "hardware"));
	free(text);

	/* No VMA: a pid walk says so. */
	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_PID, 321, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "\nvma:    none covers 0x401234\n"));
	free(text);

	arm64_walk_msg(&m);
	put_u64(&m, SHADOW_MM_A_WALK_HW_PA, 0x41240234);
	put_u64(&m, SHADOW_MM_A_WALK_HW_PAR, 0x41240f80);
	walk_of(_metadata, &m, SMM_WALK_KERNEL, 0, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "in the kernel: arm64"));
	EXPECT_NE(NULL, strstr(text, "\nhardware (AT): pa 0x41240234 (PAR 0x41240f80) agrees\n"));
	EXPECT_EQ(NULL, strstr(text, "vma:"));
	free(text);
	text = RENDER_OUT(true, pt_print_walk(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "\"hw_pa\":1092878900,\"hw_par\":1092882304,\"hw_agrees\":true}"));
	free(text);

	arm64_walk_msg(&m);
	put_u64(&m, SHADOW_MM_A_WALK_HW_PA, 0x51240234);
	walk_of(_metadata, &m, SMM_WALK_KERNEL, 0, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "\nhardware (AT): pa 0x51240234 DIFFERS from the walk's pa 0x41240234\n"));
	free(text);

	/* The CPU faults (PAR.F) where the walk faults too: agreement. */
	arm_fault_walk(&m);
	put_u64(&m, SHADOW_MM_A_WALK_HW_PAR, 0x9);
	walk_of(_metadata, &m, SMM_WALK_KERNEL, 0, &w);
	text = RENDER_OUT(false, pt_print_walk(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "\nhardware (AT): faults (PAR 0x9) agrees\n"));
	free(text);
}

TEST(walk_json)
{
	struct smm_walk_info w;
	const char *why;
	struct msg m;
	char *json;

	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	json = RENDER_OUT(true, pt_print_walk(&o_, &w));
	why = json_check(json);
	EXPECT_EQ(NULL, why) TH_LOG("%s: %s", why, json);
	EXPECT_EQ(0, strncmp(json, "{\"source\":\"as\",\"as\":1,\"va\":4198964,\"format\":\"arm64\",\"levels\":4,\"level\":[{\"level\":0,\"name\":\"pgd\",\"table\":1092616192,\"index\":0,\"shift\":39,\"bits\":9,\"raw\":1092620291,\"raw_linux\":null,\"kind\":\"table\",\"addr\":1092620288,\"size\":549755813888,\"desc_addr\":1092616192,\"field\":[{\"name\":\"type\",\"value\":3,\"text\":\"table\"},{\"name\":\"NSTable\",\"value\":0,\"text\":null}", 330)) TH_LOG("%s", json);
	EXPECT_EQ(4U, count_of(json, "{\"level\":"));
	EXPECT_NE(NULL, strstr(json, "\"kind\":\"page\""));
	EXPECT_NE(NULL, strstr(json, "\"pa\":1092878900,\"size\":4096,\"prot\":[\"read\",\"write\",\"user\"],\"fault\":null,\"fault_level\":null,\"page_flags\":[\"head\"],\"page_owner\":\"as-1\",\"page_refcount\":1,\"page_mapcount\":1,\"page_zone\":\"normal\",\"page_node\":0,\"vma_start\":null"));
	EXPECT_NE(NULL, strstr(json, "\"hw_agrees\":null}"));
	free(json);

	arm_fault_walk(&m);
	walk_of(_metadata, &m, SMM_WALK_KERNEL, 0, &w);
	json = RENDER_OUT(true, pt_print_walk(&o_, &w));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_NE(NULL, strstr(json, "{\"source\":\"kernel\",\"va\":65536,"));
	EXPECT_NE(NULL, strstr(json, "\"raw_linux\":1175585883,\"kind\":\"invalid\""));
	EXPECT_NE(NULL, strstr(json, "\"pa\":null,\"size\":null,\"prot\":null,\"fault\":\"translation\",\"fault_level\":1,"));
	free(json);
}

TEST(walk_tree)
{
	struct smm_walk_info w;
	struct msg m;
	char *text;

	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	text = RENDER(pt_print_walk_tree(f_, &w));
	EXPECT_STREQ("0x0000000000401234 in address space 1 (arm64, 4 levels)\n"
		     "pgd table @ 0x41200000 (512 entries)\n"
		     "`-- [47:39] = 0  0x0000000041201003 table\n"
		     "    pud table @ 0x41201000 (512 entries)\n"
		     "    `-- [38:30] = 0  0x0000000041202003 table\n"
		     "        pmd table @ 0x41202000 (512 entries)\n"
		     "        `-- [29:21] = 0x2  0x0000000041203003 table\n"
		     "            pte table @ 0x41203000 (512 entries)\n"
		     "            `-- [20:12] = 0x1  0x0068000041240f43 page\n"
		     "                4 KiB page @ 0x41240000\n"
		     "                -> pa 0x41240234 (rw-u)\n", text);
	free(text);
}

/* x86_64 with a 2 MiB page at the PMD: the block ends the walk early. */
static void x86_block_walk(struct msg *m)
{
	memset(m, 0, sizeof(*m));
	put_u64(m, SHADOW_MM_A_WALK_VA, 0x7f0000234567ULL);
	put_u32(m, SHADOW_MM_A_WALK_FORMAT, SHADOW_MM_PT_FORMAT_X86_64);
	put_u32(m, SHADOW_MM_A_WALK_LEVELS, 4);
	level_begin(m, 0, "pgd", 0x10000000, 39, 9, 0xfe, 0x10001067, TABLE,
		    0x10001000);
	put_field(m, "P", 1, NULL);
	put_field(m, "RW", 1, NULL);
	put_field(m, "US", 1, NULL);
	nest_end(m);
	level_begin(m, 1, "pud", 0x10001000, 30, 9, 0, 0x10002067, TABLE,
		    0x10002000);
	nest_end(m);
	level_begin(m, 2, "pmd", 0x10002000, 21, 9, 1, 0x80000000200000e7ULL,
		    BLOCK, 0x20000000);
	put_field(m, "PS", 1, "2 MiB page");
	put_field(m, "NX", 1, "<no exec> & \"more\"");
	nest_end(m);
	put_u64(m, SHADOW_MM_A_WALK_PA, 0x20034567);
	put_u64(m, SHADOW_MM_A_WALK_SIZE, 2 << 20);
	put_u32(m, SHADOW_MM_A_WALK_PROT, R | W | U);
}

TEST(walk_svg)
{
	struct smm_walk_info w;
	const char *why;
	struct msg m;
	char *svg;

	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	svg = RENDER(pt_draw_svg(f_, &w));
	why = xml_check(svg);
	EXPECT_EQ(NULL, why) TH_LOG("%s:\n%s", why, svg);
	EXPECT_NE(NULL, strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""));
	EXPECT_EQ(4U, count_of(svg, "<rect class=\"table\""));
	EXPECT_EQ(1U, count_of(svg, "<rect class=\"page\""));
	EXPECT_EQ(4U, count_of(svg, "<rect class=\"field\""));
	EXPECT_EQ(1U, count_of(svg, "<rect class=\"offset\""));
	/* Every level's index, in its box and on the address bar. */
	EXPECT_NE(NULL, strstr(svg, ">512 entries, index [47:39] = 0</text>"));
	EXPECT_NE(NULL, strstr(svg, ">512 entries, index [38:30] = 0</text>"));
	EXPECT_NE(NULL, strstr(svg, ">512 entries, index [29:21] = 0x2</text>"));
	EXPECT_NE(NULL, strstr(svg, ">512 entries, index [20:12] = 0x1</text>"));
	EXPECT_NE(NULL, strstr(svg, ">pmd [29:21]</text>"));
	EXPECT_NE(NULL, strstr(svg, ">offset [11:0]</text>"));
	EXPECT_NE(NULL, strstr(svg, ">0x234</text>"));
	EXPECT_NE(NULL, strstr(svg, ">[0x1] 0x0068000041240f43 page</text>"));
	EXPECT_NE(NULL, strstr(svg, ">pa 0x41240234</text>"));
	/* A line from each field to its box, an arrow between boxes. */
	EXPECT_EQ(5U, count_of(svg, "<line class=\"index\""));
	EXPECT_EQ(4U, count_of(svg, "<line class=\"next\""));
	free(svg);

	/* A fault: the invalid entry marked, no page; text escaped. */
	arm_fault_walk(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 2, &w);
	svg = RENDER(pt_draw_svg(f_, &w));
	why = xml_check(svg);
	EXPECT_EQ(NULL, why) TH_LOG("%s:\n%s", why, svg);
	EXPECT_EQ(1U, count_of(svg, "class=\"entry invalid\""));
	EXPECT_EQ(0U, count_of(svg, "<rect class=\"page\""));
	EXPECT_NE(NULL, strstr(svg, ">translation fault here</text>"));
	EXPECT_NE(NULL, strstr(svg, ">linux pte 0x4612045b</text>"));
	free(svg);

	x86_block_walk(&m);
	walk_of(_metadata, &m, SMM_WALK_PID, 9, &w);
	svg = RENDER(pt_draw_svg(f_, &w));
	why = xml_check(svg);
	EXPECT_EQ(NULL, why) TH_LOG("%s:\n%s", why, svg);
	EXPECT_NE(NULL, strstr(svg, "NX=1 (&lt;no exec&gt; &amp; &quot;more&quot;)"));
	EXPECT_NE(NULL, strstr(svg, ">offset [20:0]</text>"));
	EXPECT_NE(NULL, strstr(svg, ">2 MiB block @ 0x20000000</text>"));
	free(svg);
}

/* Braces balanced outside quoted strings; NULL when they are. */
static const char *dot_check(const char *s)
{
	int depth = 0;
	bool quoted = false;

	if (strncmp(s, "digraph walk {\n", 15))
		return "not a digraph";
	for (; *s; s++) {
		if (quoted) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == '"')
				quoted = false;
			continue;
		}
		if (*s == '"')
			quoted = true;
		else if (*s == '{')
			depth++;
		else if (*s == '}' && --depth < 0)
			return "'}' closes nothing";
	}
	if (quoted)
		return "unterminated string";
	return depth ? "unbalanced braces" : NULL;
}

TEST(walk_dot)
{
	struct smm_walk_info w;
	const char *why;
	struct msg m;
	char *dot;

	arm64_walk_msg(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 1, &w);
	dot = RENDER(pt_draw_dot(f_, &w));
	why = dot_check(dot);
	EXPECT_EQ(NULL, why) TH_LOG("%s:\n%s", why, dot);
	EXPECT_NE(NULL, strstr(dot, "\tva [shape=record, label=\"{VA 0x0000000000401234|{<f0> pgd [47:39]\\n0|<f1> pud [38:30]\\n0|<f2> pmd [29:21]\\n0x2|<f3> pte [20:12]\\n0x1|<f4> offset [11:0]\\n0x234}}\"];\n"));
	EXPECT_NE(NULL, strstr(dot, "\tt3 [label=\"pte @ 0x41203000\\lindex [20:12] = 0x1\\l[0x1] 0x0068000041240f43 page\\ltype=3 (page)\\l"));
	EXPECT_NE(NULL, strstr(dot, "\tt0 -> t1 [label=\"table\"];\n\tt1 -> t2 [label=\"table\"];\n\tt2 -> t3 [label=\"table\"];\n\tt3 -> page;\n"));
	EXPECT_EQ(5U, count_of(dot, "[style=dashed]"));
	EXPECT_NE(NULL, strstr(dot, "\tva:f4 -> page [style=dashed];\n"));
	free(dot);

	x86_block_walk(&m);
	walk_of(_metadata, &m, SMM_WALK_PID, 9, &w);
	dot = RENDER(pt_draw_dot(f_, &w));
	why = dot_check(dot);
	EXPECT_EQ(NULL, why) TH_LOG("%s:\n%s", why, dot);
	EXPECT_NE(NULL, strstr(dot, "NX=1 (<no exec> & \\\"more\\\")\\l"));
	EXPECT_NE(NULL, strstr(dot, "\\lpa 0x20034567\\l"));
	EXPECT_NE(NULL, strstr(dot, "label=\"walk of 0x00007f0000234567 in pid 9\""));
	free(dot);

	arm_fault_walk(&m);
	walk_of(_metadata, &m, SMM_WALK_AS, 2, &w);
	dot = RENDER(pt_draw_dot(f_, &w));
	EXPECT_EQ(NULL, dot_check(dot)) TH_LOG("%s", dot);
	EXPECT_NE(NULL, strstr(dot, "\tt1 -> fault;\n"));
	EXPECT_NE(NULL, strstr(dot, "label=\"translation fault\""));
	EXPECT_EQ(0U, count_of(dot, "page ["));
	free(dot);
}

/* ---- touches, maps, runs -------------------------------------------- */

TEST(touch)
{
	struct smm_walk_info w;
	char bad[PT_BAD_LEN];
	struct msg m;
	char *text;

	/* A write to a clean page: a permission fault, fixed by set-dirty. */
	memset(&m, 0, sizeof(m));
	put_u64(&m, SHADOW_MM_A_WALK_VA, 0x401000);
	put_u32(&m, SHADOW_MM_A_WALK_ACCESS, SHADOW_MM_ACCESS_WRITE);
	put_u32(&m, SHADOW_MM_A_WALK_FAULT, SHADOW_MM_FAULT_PERMISSION);
	put_u32(&m, SHADOW_MM_A_WALK_FAULT_LEVEL, 3);
	put_u32(&m, SHADOW_MM_A_WALK_FIXUP, SHADOW_MM_FIXUP_SET_DIRTY);
	put_u64(&m, SHADOW_MM_A_WALK_PA, 0x41240000);
	put_u64(&m, SHADOW_MM_A_WALK_SIZE, 4096);
	put_u32(&m, SHADOW_MM_A_WALK_PROT, R | W | U);
	w.source = SMM_WALK_AS;
	w.id = 1;
	ASSERT_EQ(0, pt_decode_walk(m.buf, m.len, &w, bad));
	w.user = true;
	text = RENDER_OUT(false, pt_print_touch(&o_, &w));
	EXPECT_STREQ("write of 0x401000 from user mode\n"
		     "fault:  permission at level 3\n"
		     "fixup:  set-dirty\n"
		     "pa:     0x41240000 (4 KiB page), prot rw-u\n", text);
	free(text);
	text = RENDER_OUT(true, pt_print_touch(&o_, &w));
	EXPECT_EQ(NULL, json_check(text));
	EXPECT_STREQ("{\"va\":4198400,\"access\":\"write\",\"user\":true,\"fault\":\"permission\",\"fault_level\":3,\"fixup\":\"set-dirty\",\"pa\":1092878336,\"size\":4096,\"prot\":[\"read\",\"write\",\"user\"],\"completed\":true}\n",
		     text);
	free(text);

	/* An exec of a non-executable page: nothing to fix. */
	memset(&m, 0, sizeof(m));
	put_u64(&m, SHADOW_MM_A_WALK_VA, 0x401000);
	put_u32(&m, SHADOW_MM_A_WALK_ACCESS, SHADOW_MM_ACCESS_EXEC);
	put_u32(&m, SHADOW_MM_A_WALK_FAULT, SHADOW_MM_FAULT_PERMISSION);
	put_u32(&m, SHADOW_MM_A_WALK_FAULT_LEVEL, 3);
	ASSERT_EQ(0, pt_decode_walk(m.buf, m.len, &w, bad));
	text = RENDER_OUT(false, pt_print_touch(&o_, &w));
	EXPECT_STREQ("exec of 0x401000\n"
		     "fault:  permission at level 3\n"
		     "fixup:  none\n"
		     "unresolved: the access fails (SIGSEGV)\n", text);
	free(text);
	text = RENDER_OUT(true, pt_print_touch(&o_, &w));
	EXPECT_NE(NULL, strstr(text, "\"fixup\":null,\"pa\":null,\"size\":null,\"prot\":null,\"completed\":false}"));
	free(text);

	/* A read of a mapped, young page: no fault at all. */
	memset(&m, 0, sizeof(m));
	put_u64(&m, SHADOW_MM_A_WALK_VA, 0x401008);
	put_u32(&m, SHADOW_MM_A_WALK_ACCESS, SHADOW_MM_ACCESS_READ);
	put_u64(&m, SHADOW_MM_A_WALK_PA, 0x41240008);
	ASSERT_EQ(0, pt_decode_walk(m.buf, m.len, &w, bad));
	text = RENDER_OUT(false, pt_print_touch(&o_, &w));
	EXPECT_STREQ("read of 0x401008\nfault:  none\npa:     0x41240008\n",
		     text);
	free(text);
}

TEST(map_results)
{
	struct smm_map_info mi = {
		.has = {
			[SHADOW_MM_A_MAP_TABLES] = true,
			[SHADOW_MM_A_MAP_BLOCKS] = true,
			[SHADOW_MM_A_MAP_PAGES] = true,
		},
		.tables = 3, .blocks = 1, .pages = 16,
	};
	char *text;

	text = RENDER_OUT(false, pt_print_map(&o_, SMM_MAP_OP_MAP, 0x400000,
					      0x210000, R | W, &mi));
	EXPECT_STREQ("mapped 0x400000-0x610000: 16 pages, 1 blocks; 3 page-table pages allocated\n",
		     text);
	free(text);
	text = RENDER_OUT(false, pt_print_map(&o_, SMM_MAP_OP_UNMAP, 0x400000,
					      0x210000, 0, &mi));
	EXPECT_STREQ("unmapped 0x400000-0x610000: 16 pages, 1 blocks; 3 page-table pages freed\n",
		     text);
	free(text);
	text = RENDER_OUT(false, pt_print_map(&o_, SMM_MAP_OP_PROTECT,
					      0x400000, 0x1000, R | U, &mi));
	EXPECT_STREQ("protected 0x400000-0x401000 r--u: 16 pages, 1 blocks\n",
		     text);
	free(text);
	text = RENDER_OUT(true, pt_print_map(&o_, SMM_MAP_OP_MAP, 0x400000,
					     0x1000, R, &mi));
	EXPECT_STREQ("{\"va\":4194304,\"len\":4096,\"tables\":3,\"blocks\":1,\"pages\":16}\n",
		     text);
	free(text);
}

static void run_msg(struct msg *m, __u64 va, __u64 end, __u64 pa,
		    __u64 size, __u32 pages, __u32 prot, const char *attrs)
{
	memset(m, 0, sizeof(*m));
	put_u64(m, SHADOW_MM_A_WALK_VA, va);
	put_u64(m, SHADOW_MM_A_WALK_VA_END, end);
	put_u64(m, SHADOW_MM_A_WALK_PA, pa);
	put_u64(m, SHADOW_MM_A_WALK_SIZE, size);
	put_u32(m, SHADOW_MM_A_WALK_PROT, prot);
	put_str(m, SHADOW_MM_A_WALK_ATTRS, attrs);
	put_u32(m, SHADOW_MM_A_WALK_PAGES, pages);
	put_u32(m, SHADOW_MM_A_WALK_LEVELS, 4);
}

TEST(dump_runs)
{
	struct smm_walk_run_info r[2];
	char bad[PT_BAD_LEN];
	struct msg m;
	char *text;

	run_msg(&m, 0x400000, 0x410000, 0x41240000, 4096, 16, R | W | U,
		"USR RW NX SHD AF NG UXN PXN MEM/NORMAL");
	ASSERT_EQ(0, pt_decode_run(m.buf, m.len, &r[0], bad));
	run_msg(&m, 0x600000, 0xa00000, 0x42000000, 2 << 20, 2, R | X,
		"ro x SHD AF BLK MEM/NORMAL");
	ASSERT_EQ(0, pt_decode_run(m.buf, m.len, &r[1], bad));

	text = RENDER_OUT(false,
			  pt_print_runs_begin(&o_, SMM_WALK_AS, 1,
					      SHADOW_MM_PT_FORMAT_ARM64, 4);
			  pt_print_run(&o_, &r[0], SHADOW_MM_PT_FORMAT_ARM64);
			  pt_print_run(&o_, &r[1], SHADOW_MM_PT_FORMAT_ARM64);
			  pt_print_runs_end(&o_, 2));
	EXPECT_STREQ(
"---[ address space 1: arm64, 4 levels ]---\n"
"VA RANGE                                SIZE  LEAVES      PA            PROT  ATTRS\n"
"0x0000000000400000-0x0000000000410000    64K  16 x 4K     0x41240000    rw-u  USR RW NX SHD AF NG UXN PXN MEM/NORMAL\n"
"0x0000000000600000-0x0000000000a00000     4M  2 x 2M      0x42000000    r-x-  ro x SHD AF BLK MEM/NORMAL\n",
		text);
	free(text);

	/* 32-bit addresses for arm; an empty range says so. */
	text = RENDER_OUT(false,
			  pt_print_runs_begin(&o_, SMM_WALK_KERNEL, 0,
					      SHADOW_MM_PT_FORMAT_ARM, 2);
			  pt_print_run(&o_, &r[0], SHADOW_MM_PT_FORMAT_ARM);
			  pt_print_runs_end(&o_, 1));
	EXPECT_NE(NULL, strstr(text, "---[ the kernel: arm, 2 levels ]---\n"));
	EXPECT_NE(NULL, strstr(text, "\n0x00400000-0x00410000    64K  16 x 4K"));
	free(text);
	text = RENDER_OUT(false,
			  pt_print_runs_begin(&o_, SMM_WALK_PID, 5, 0, 0);
			  pt_print_runs_end(&o_, 0));
	EXPECT_NE(NULL, strstr(text, "---[ pid 5 ]---\n"));
	EXPECT_NE(NULL, strstr(text, "(nothing mapped in the range)\n"));
	free(text);

	text = RENDER_OUT(true,
			  pt_print_runs_begin(&o_, SMM_WALK_PID, 5,
					      SHADOW_MM_PT_FORMAT_X86_64, 4);
			  pt_print_run(&o_, &r[0], SHADOW_MM_PT_FORMAT_X86_64);
			  pt_print_run(&o_, &r[1], SHADOW_MM_PT_FORMAT_X86_64);
			  pt_print_runs_end(&o_, 2));
	EXPECT_EQ(NULL, json_check(text)) TH_LOG("%s", text);
	EXPECT_STREQ("{\"pid\":5,\"format\":\"x86_64\",\"levels\":4,\"runs\":[{\"va\":4194304,\"va_end\":4259840,\"pa\":1092878336,\"size\":4096,\"pages\":16,\"levels\":4,\"prot\":[\"read\",\"write\",\"user\"],\"attrs\":\"USR RW NX SHD AF NG UXN PXN MEM/NORMAL\"},"
		     "{\"va\":6291456,\"va_end\":10485760,\"pa\":1107296256,\"size\":2097152,\"pages\":2,\"levels\":4,\"prot\":[\"read\",\"exec\"],\"attrs\":\"ro x SHD AF BLK MEM/NORMAL\"}]}\n",
		     text);
	free(text);
}

/* ---- bench pt ------------------------------------------------------- */

static void bench_msg(struct msg *m)
{
	memset(m, 0, sizeof(*m));
	put_u32(m, SHADOW_MM_A_BENCH_PT_COUNT, 1000);
	put_u32(m, SHADOW_MM_A_BENCH_PT_ROUNDS, 5);
	put_u32(m, SHADOW_MM_A_BENCH_PT_CPU, 1);
	put_u32(m, SHADOW_MM_A_BENCH_PT_FORMAT, SHADOW_MM_PT_FORMAT_ARM);
	put_u32(m, SHADOW_MM_A_BENCH_PT_LEVELS, 2);
	/* 1000 walks in 100 us against 200 us: 10M/s and 5M/s, ratio 2. */
	put_u64(m, SHADOW_MM_A_BENCH_PT_WALK_SHADOW_NS, 100000);
	put_u64(m, SHADOW_MM_A_BENCH_PT_WALK_HOST_NS, 200000);
	put_u64(m, SHADOW_MM_A_BENCH_PT_MAP_SHADOW_NS, 4000000);
	put_u64(m, SHADOW_MM_A_BENCH_PT_MAP_HOST_NS, 1000000);
	put_u64(m, SHADOW_MM_A_BENCH_PT_UNMAP_SHADOW_NS, 500000);
	put_u64(m, SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS, 0);
}

TEST(bench_pt)
{
	struct smm_bench_pt_info b;
	char bad[PT_BAD_LEN];
	struct msg m;
	char *text;

	bench_msg(&m);
	ASSERT_EQ(0, pt_decode_bench(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	EXPECT_EQ(2.0, pt_bench_ratio(&b, SMM_BENCH_PT_WALK));
	EXPECT_EQ(0.25, pt_bench_ratio(&b, SMM_BENCH_PT_MAP));
	/* A side without time has no rate: no ratio, not infinity. */
	EXPECT_EQ(0.0, pt_bench_ratio(&b, SMM_BENCH_PT_UNMAP));
	EXPECT_EQ(1e7, pt_ops_per_s(1000, 100000));
	EXPECT_EQ(0.0, pt_ops_per_s(1000, 0));

	text = RENDER_OUT(false, pt_print_bench(&o_, &b));
	EXPECT_STREQ("TEST     COUNT   SHADOW OPS/S     HOST OPS/S  SHADOW/HOST\n"
		     "walk      1000       10000000        5000000         2.00\n"
		     "map       1000         250000        1000000         0.25\n"
		     "unmap     1000        2000000              0         0.00\n"
		     "fastest of 5 rounds per side, on cpu 1; arm with 2 levels; host: vmalloc_to_page(), vmap(), vunmap()\n",
		     text);
	free(text);

	text = RENDER_OUT(true, pt_print_bench(&o_, &b));
	EXPECT_EQ(NULL, json_check(text)) TH_LOG("%s", text);
	EXPECT_STREQ("{\"format\":\"arm\",\"levels\":2,\"count\":1000,\"cpu\":1,\"rounds\":5,\"runs\":["
		     "{\"test\":\"walk\",\"shadow_ns\":100000,\"host_ns\":200000,\"shadow_ops_per_s\":10000000.000,\"host_ops_per_s\":5000000.000,\"ratio\":2.000},"
		     "{\"test\":\"map\",\"shadow_ns\":4000000,\"host_ns\":1000000,\"shadow_ops_per_s\":250000.000,\"host_ops_per_s\":1000000.000,\"ratio\":0.250},"
		     "{\"test\":\"unmap\",\"shadow_ns\":500000,\"host_ns\":0,\"shadow_ops_per_s\":2000000.000,\"host_ops_per_s\":0.000,\"ratio\":0.000}]}\n",
		     text);
	free(text);
}

/* ---- names ---------------------------------------------------------- */

/* Every attribute of the page-table sets has its spec name. */
TEST(attr_sets_complete)
{
	static const struct smm_attr_set *const sets[] = {
		&smm_region_attr_set, &smm_as_attr_set, &smm_map_attr_set,
		&smm_pt_field_attr_set, &smm_walk_level_attr_set,
		&smm_walk_attr_set, &smm_bench_pt_attr_set,
	};
	static const unsigned int max[] = {
		SHADOW_MM_A_REGION_MAX, SHADOW_MM_A_AS_MAX, SHADOW_MM_A_MAP_MAX,
		SHADOW_MM_A_PT_FIELD_MAX, SHADOW_MM_A_WALK_LEVEL_MAX,
		SHADOW_MM_A_WALK_MAX, SHADOW_MM_A_BENCH_PT_MAX,
	};

	expect_attr_sets_named(_metadata, sets, max, ARRAY_SIZE(sets));
	EXPECT_STREQ("desc-addr", smm_attr_name(&smm_walk_level_attr_set,
						SHADOW_MM_A_WALK_LEVEL_DESC_ADDR));
	EXPECT_STREQ("unmap-host-ns",
		     smm_attr_name(&smm_bench_pt_attr_set,
				   SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS));
}

/* An extack offset inside a nest names the nested attribute. */
TEST(attr_paths)
{
	const struct smm_attr_set *inner;
	char path[64];
	struct msg m;
	size_t level1;

	arm64_walk_msg(&m);
	/* The second level nest starts after va, format, levels, level[0]. */
	level1 = 12 + 8 + 8;
	level1 += ((const struct nlattr *)(m.buf + level1))->nla_len;
	ASSERT_TRUE(smm_attr_path(&smm_walk_attr_set, m.buf, m.len,
				  level1 + NLA_HDRLEN + 8 + 4, path,
				  sizeof(path), &inner));
	EXPECT_STREQ("level[1].name", path);

	memset(&m, 0, sizeof(m));
	put_u32(&m, SHADOW_MM_A_AS_ID, 1);
	nest_begin(&m, SHADOW_MM_A_AS_REGION);
	nest_end(&m);
	nest_begin(&m, SHADOW_MM_A_AS_REGION);
	put_u64(&m, SHADOW_MM_A_REGION_LEN, 0);
	nest_end(&m);
	ASSERT_TRUE(smm_attr_path(&smm_as_attr_set, m.buf, m.len,
				  8 + 4 + 4 + 2, path, sizeof(path), &inner));
	EXPECT_STREQ("region[1].len", path);
}

TEST(enum_names)
{
	char buf[32];
	__u32 v;

	for (v = SHADOW_MM_REGION_KIND_PAGES; v <= SHADOW_MM_REGION_KIND_DEMAND; v++)
		EXPECT_NE(NULL, smm_region_kind_name(v)) TH_LOG("%u", v);
	for (v = SHADOW_MM_ACCESS_READ; v <= SHADOW_MM_ACCESS_EXEC; v++)
		EXPECT_NE(NULL, smm_access_name(v)) TH_LOG("%u", v);
	for (v = SHADOW_MM_FAULT_TRANSLATION; v <= SHADOW_MM_FAULT_PERMISSION; v++)
		EXPECT_NE(NULL, smm_fault_name(v)) TH_LOG("%u", v);
	for (v = SHADOW_MM_FIXUP_DEMAND_MAP; v <= SHADOW_MM_FIXUP_SET_DIRTY; v++)
		EXPECT_NE(NULL, smm_fixup_name(v)) TH_LOG("%u", v);
	for (v = SHADOW_MM_ENTRY_KIND_INVALID; v <= SHADOW_MM_ENTRY_KIND_PAGE; v++)
		EXPECT_NE(NULL, smm_entry_kind_name(v)) TH_LOG("%u", v);
	for (v = SHADOW_MM_PT_FORMAT_ARM; v <= SHADOW_MM_PT_FORMAT_X86_64; v++)
		EXPECT_NE(NULL, smm_pt_format_name(v)) TH_LOG("%u", v);
	for (v = 0; v < 4; v++)
		EXPECT_NE(NULL, smm_prot_name(v)) TH_LOG("%u", v);

	EXPECT_STREQ("access-flag", smm_fault_name(SHADOW_MM_FAULT_ACCESS_FLAG));
	EXPECT_STREQ("demand-map", smm_fixup_name(SHADOW_MM_FIXUP_DEMAND_MAP));
	EXPECT_STREQ("block", smm_entry_kind_name(SHADOW_MM_ENTRY_KIND_BLOCK));
	EXPECT_STREQ("demand", smm_region_kind_name(SHADOW_MM_REGION_KIND_DEMAND));
	EXPECT_STREQ("exec", smm_access_name(SHADOW_MM_ACCESS_EXEC));
	EXPECT_STREQ("user", smm_prot_name(3));
	EXPECT_EQ(NULL, smm_fault_name(0));
	EXPECT_EQ(NULL, smm_fault_name(SHADOW_MM_FAULT_PERMISSION + 1));
	EXPECT_EQ(NULL, smm_entry_kind_name(SHADOW_MM_ENTRY_KIND_PAGE + 1));
	EXPECT_EQ(NULL, smm_prot_name(4));

	EXPECT_STREQ("rwxu", smm_prot_text(R | W | X | U, buf, sizeof(buf)));
	EXPECT_STREQ("----", smm_prot_text(0, buf, sizeof(buf)));
	EXPECT_STREQ("r-x-", smm_prot_text(R | X, buf, sizeof(buf)));
	EXPECT_STREQ("-w--+0x30", smm_prot_text(W | 0x30, buf, sizeof(buf)));

	EXPECT_STREQ("4K", pt_size_text(4096, buf, sizeof(buf)));
	EXPECT_STREQ("64K", pt_size_text(65536, buf, sizeof(buf)));
	EXPECT_STREQ("2M", pt_size_text(2 << 20, buf, sizeof(buf)));
	EXPECT_STREQ("1G", pt_size_text(1 << 30, buf, sizeof(buf)));
	EXPECT_STREQ("512G", pt_size_text(512ULL << 30, buf, sizeof(buf)));
	EXPECT_STREQ("6K", pt_size_text(6144, buf, sizeof(buf)));
	EXPECT_STREQ("100", pt_size_text(100, buf, sizeof(buf)));
	EXPECT_STREQ("0", pt_size_text(0, buf, sizeof(buf)));
	EXPECT_STREQ("8192P", pt_size_text(1ULL << 63, buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
