// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the page-table formats (module/core/pt_format.c and
 * fmt_*.c), built from the same sources as the module under ASan/UBSan:
 * the table of formats, their shapes, descriptors decoded from vectors
 * worked out by hand from the manuals, encode/decode round trips of every
 * protection and attribute at every leaf level, arm's Linux pair layout,
 * table restrictions, fields() and attrs_str(), and a decoder fed random
 * descriptors (seed printed; SMM_SEED=N replays).
 */

#include <stdlib.h>

#include "kselftest_harness.h"

#include "pt_format.h"

#define PR	SMM_PT_PR
#define PW	SMM_PT_PW
#define PX	SMM_PT_PX
#define UR	SMM_PT_UR
#define UW	SMM_PT_UW
#define UX	SMM_PT_UX
#define ALL	SMM_PT_PERM_ALL

#define ACC	SMM_PT_ATTR_ACCESSED
#define DIRTY	SMM_PT_ATTR_DIRTY
#define SWW	SMM_PT_ATTR_SW_WRITE
#define SWP	SMM_PT_ATTR_SW_PRESENT
#define GLOB	SMM_PT_ATTR_GLOBAL
#define CONT	SMM_PT_ATTR_CONTIG
#define DEV	SMM_PT_ATTR_DEVICE

#define R	SMM_PROT_READ
#define W	SMM_PROT_WRITE
#define X	SMM_PROT_EXEC
#define U	SMM_PROT_USER

static const struct {
	const char *name;
	enum shadow_mm_pt_format id;
	unsigned int levels;		/* the depth Linux uses it with */
} known[] = {
	{ "arm", SHADOW_MM_PT_FORMAT_ARM, 2 },
	{ "arm-lpae", SHADOW_MM_PT_FORMAT_ARM_LPAE, 3 },
	{ "arm64", SHADOW_MM_PT_FORMAT_ARM64, 4 },
	{ "arm64", SHADOW_MM_PT_FORMAT_ARM64, 3 },
	{ "x86_64", SHADOW_MM_PT_FORMAT_X86_64, 4 },
	{ "x86_64", SHADOW_MM_PT_FORMAT_X86_64, 5 },
};

static void cfg_of(struct __test_metadata *_metadata, struct smm_pt_cfg *cfg,
		   const char *name, unsigned int levels)
{
	const struct smm_pt_format *fmt = smm_pt_format_by_name(name);

	ASSERT_NE(NULL, fmt) TH_LOG("%s", name);
	ASSERT_EQ(0, smm_pt_cfg_init(cfg, fmt, levels, 0))
		TH_LOG("%s/%u", name, levels);
}

/* One table page, aligned as kmap_local_page() maps one. */
static void *table_page(void)
{
	void *p = aligned_alloc(SMM_PT_PAGE_SIZE, SMM_PT_PAGE_SIZE);

	if (p)
		memset(p, 0, SMM_PT_PAGE_SIZE);
	return p;
}

TEST(every_format_found_by_name_and_id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		const struct smm_pt_format *by_name, *by_id;

		by_name = smm_pt_format_by_name(known[i].name);
		by_id = smm_pt_format_by_id(known[i].id);
		ASSERT_NE(NULL, by_name) TH_LOG("%s", known[i].name);
		ASSERT_EQ(by_name, by_id) TH_LOG("%s", known[i].name);
		EXPECT_STREQ(known[i].name, by_id->name);
		EXPECT_TRUE(smm_pt_format_levels_valid(by_id, known[i].levels))
			TH_LOG("%s with %u levels", known[i].name,
			       known[i].levels);
	}
}

TEST(every_wire_value_has_a_format)
{
	u32 id;

	/* 0 is reserved; each value the uapi enum defines has an entry. */
	EXPECT_EQ(NULL, smm_pt_format_by_id(0));
	for (id = SHADOW_MM_PT_FORMAT_ARM; id <= SHADOW_MM_PT_FORMAT_X86_64; id++)
		EXPECT_NE(NULL, smm_pt_format_by_id(id)) TH_LOG("id %u", id);
	EXPECT_EQ(NULL, smm_pt_format_by_id(SHADOW_MM_PT_FORMAT_X86_64 + 1));
	EXPECT_EQ(NULL, smm_pt_format_by_id(~0u));
}

TEST(unknown_names_refused)
{
	EXPECT_EQ(NULL, smm_pt_format_by_name(""));
	EXPECT_EQ(NULL, smm_pt_format_by_name("ARM"));
	EXPECT_EQ(NULL, smm_pt_format_by_name("arm-"));
	EXPECT_EQ(NULL, smm_pt_format_by_name("x86"));
	EXPECT_EQ(NULL, smm_pt_format_by_name("riscv"));
}

TEST(depths_outside_the_format_refused)
{
	struct smm_pt_cfg cfg;

	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm"), 3));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm-lpae"), 2));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm64"), 5));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm64"), 2));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("x86_64"), 3));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("x86_64"), 0));

	EXPECT_EQ(-EINVAL, smm_pt_cfg_init(&cfg, smm_pt_format_by_name("arm"),
					   3, 0));
	EXPECT_EQ(-EINVAL, smm_pt_cfg_init(&cfg, smm_pt_format_by_name("arm64"),
					   5, 0));
	EXPECT_EQ(-EINVAL, smm_pt_cfg_init(&cfg,
					   smm_pt_format_by_name("x86_64"), 6, 0));
	EXPECT_EQ(-EINVAL, smm_pt_cfg_init(&cfg, NULL, 4, 0));
}

/*
 * Shapes: the Linux names, SHIFT and index bits of each level, the VA
 * bits they make, and the index of a sample VA at each level.
 */
static const struct {
	const char *fmt;
	unsigned int levels;
	unsigned int va_bits;
	unsigned int desc_size;
	const char *names[SMM_PT_MAX_LEVELS];
	u8 shift[SMM_PT_MAX_LEVELS];
	u8 bits[SMM_PT_MAX_LEVELS];
	u64 va;
	unsigned int index[SMM_PT_MAX_LEVELS];
} shapes[] = {
	/* 0xc0123456: L1 index 0xc01, L2 index 0x23 */
	{ "arm", 2, 32, 4, { "pgd", "pte" }, { 20, 12 }, { 12, 8 },
	  0xc0123456, { 3073, 35 } },
	/* 0x87654321: 10 | 000111011 | 001010100 | 0x321 */
	{ "arm-lpae", 3, 32, 8, { "pgd", "pmd", "pte" }, { 30, 21, 12 },
	  { 2, 9, 9 }, 0x87654321, { 2, 59, 84 } },
	{ "arm64", 3, 39, 8, { "pgd", "pmd", "pte" }, { 30, 21, 12 },
	  { 9, 9, 9 }, 0x7fdeadb000ULL, { 511, 245, 219 } },
	/* a TTBR1 address: the index ignores the upper bits */
	{ "arm64", 4, 48, 8, { "pgd", "pud", "pmd", "pte" }, { 39, 30, 21, 12 },
	  { 9, 9, 9, 9 }, 0xffff800012345000ULL, { 256, 0, 145, 325 } },
	{ "x86_64", 4, 48, 8, { "pgd", "pud", "pmd", "pte" }, { 39, 30, 21, 12 },
	  { 9, 9, 9, 9 }, 0x7f1234567000ULL, { 254, 72, 418, 359 } },
	{ "x86_64", 5, 57, 8, { "pgd", "p4d", "pud", "pmd", "pte" },
	  { 48, 39, 30, 21, 12 }, { 9, 9, 9, 9, 9 }, 0xff123456789000ULL,
	  { 255, 36, 209, 179, 393 } },
};

TEST(shapes_and_indexes)
{
	struct smm_pt_cfg cfg;
	unsigned int l;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(shapes); i++) {
		cfg_of(_metadata, &cfg, shapes[i].fmt, shapes[i].levels);
		EXPECT_EQ(shapes[i].va_bits, cfg.va_bits)
			TH_LOG("%s/%u", shapes[i].fmt, shapes[i].levels);
		EXPECT_EQ(shapes[i].desc_size, cfg.fmt->desc_size);
		EXPECT_EQ(cfg.fmt->default_mair, cfg.mair);
		for (l = 0; l < shapes[i].levels; l++) {
			EXPECT_STREQ(shapes[i].names[l], cfg.lvl[l]->name);
			EXPECT_EQ(shapes[i].shift[l], cfg.lvl[l]->shift)
				TH_LOG("%s/%u level %u", shapes[i].fmt,
				       shapes[i].levels, l);
			EXPECT_EQ(shapes[i].bits[l], cfg.lvl[l]->bits);
			EXPECT_EQ(shapes[i].index[l],
				  smm_pt_index(&cfg, l, shapes[i].va))
				TH_LOG("%s/%u level %u", shapes[i].fmt,
				       shapes[i].levels, l);
			/* one table's entries cover the level above's entry */
			if (l)
				EXPECT_EQ(cfg.lvl[l - 1]->shift,
					  cfg.lvl[l]->shift + cfg.lvl[l]->bits);
		}
		/* the last level maps pages, the first holds no page */
		EXPECT_EQ(12, cfg.lvl[shapes[i].levels - 1]->shift);
		EXPECT_TRUE(!!(cfg.lvl[shapes[i].levels - 1]->leaf_kinds &
			    BIT(SMM_PT_PAGE)));
		EXPECT_FALSE(!!(cfg.lvl[0]->leaf_kinds & BIT(SMM_PT_PAGE)));
		EXPECT_EQ(NULL, cfg.fmt->level(shapes[i].levels,
					       shapes[i].levels));
	}
}

TEST(mair_given_or_linux_default)
{
	struct smm_pt_cfg cfg;

	ASSERT_EQ(0, smm_pt_cfg_init(&cfg, smm_pt_format_by_name("arm64"), 4,
				     0x44ULL));
	EXPECT_EQ(0x44ULL, cfg.mair);
	/* MAIR_EL1_SET: 0 and 1 Normal WB, 2 NC, 3 nGnRnE, 4 nGnRE */
	EXPECT_EQ(0x000000040044ffffULL, smm_pt_format_arm64.default_mair);
	/* MAIR1 0xff000004 : MAIR0 0xeeaa4400 (proc-v7-3level.S) */
	EXPECT_EQ(0xff000004eeaa4400ULL, smm_pt_format_arm_lpae.default_mair);
	EXPECT_EQ(0ULL, smm_pt_format_x86_64.default_mair);
	EXPECT_EQ(0ULL, smm_pt_format_arm.default_mair);
}

/* A descriptor and what decoding it must give, worked out from the manual. */
struct vector {
	const char *fmt;
	unsigned int levels;
	unsigned int level;
	u64 raw;
	u64 sw;
	enum smm_pt_kind kind;
	u64 addr;
	u64 size;
	u32 perm;
	u32 attr;
};

static const struct vector vectors[] = {
	/*
	 * arm64 (ARM ARM v8-A D5.3 descriptors, D5.4 permissions):
	 * 0x00e8_0000_4000_0f43, level 3 page: [1:0] 11 page, AttrIndx 0,
	 * AP[2:1] 01 EL1 RW EL0 RW, SH 11, AF 1, nG 1, OA 0x40000000,
	 * DBM 1, PXN 1, UXN 1, bit 55 PTE_DIRTY: a dirty PAGE_SHARED page.
	 */
	{ "arm64", 4, 3, 0x00e8000040000f43ULL, 0, SMM_PT_PAGE,
	  0x40000000, 0x1000, PR | PW | UR | UW, ACC | DIRTY | SWW },
	/* the same page clean: AP[2] 1 (0x80), no bit 55: EL1/EL0 RO */
	{ "arm64", 4, 3, 0x0068000040000fc3ULL, 0, SMM_PT_PAGE,
	  0x40000000, 0x1000, PR | UR, ACC | SWW },
	/*
	 * 0x0040_0000_4020_0701, level 2: [1:0] 01 block, AttrIndx 0,
	 * AP 00 EL1 RW, SH 11, AF, UXN: PROT_SECT_NORMAL_EXEC, 2 MiB.
	 */
	{ "arm64", 4, 2, 0x0040000040200701ULL, 0, SMM_PT_BLOCK,
	  0x40200000, 0x200000, PR | PW | PX, ACC | GLOB },
	/*
	 * 0x0060_0000_0900_0793, level 3: page, AttrIndx 4 (MAIR 0x04
	 * Device-nGnRE), AP 10 EL1 RO, SH 11, AF, PXN, UXN.
	 */
	{ "arm64", 4, 3, 0x0060000009000793ULL, 0, SMM_PT_PAGE,
	  0x09000000, 0x1000, PR, ACC | GLOB | DEV },
	/*
	 * A user RW page without PXN (AP 01, UXN 0, PXN 0): EL0 writable
	 * memory is never executable at EL1 (D5.4).
	 */
	{ "arm64", 4, 3, 0x0000000040000443ULL, 0, SMM_PT_PAGE,
	  0x40000000, 0x1000, PR | PW | UR | UW | UX, ACC | GLOB },
	/* 0x5000_0000_8000_0003 at level 1: table, APTable 10, UXNTable */
	{ "arm64", 4, 1, 0x5000000080000003ULL, 0, SMM_PT_TABLE,
	  0x80000000, 1ULL << 30, ALL & ~(PW | UW | UX), 0 },
	/* 0x2800_0000_8000_0003: table, APTable 01, PXNTable */
	{ "arm64", 4, 2, 0x2800000080000003ULL, 0, SMM_PT_TABLE,
	  0x80000000, 0x200000, ALL & ~(UR | UW | PX), 0 },
	/* 0b01 at level 0 of a 4 KiB granule: no block there, invalid */
	{ "arm64", 4, 0, 0x0000000040000401ULL, 0, SMM_PT_INVALID, 0, 0, 0, 0 },
	/* 0b01 at level 3: reserved, invalid */
	{ "arm64", 4, 3, 0x0000000040000401ULL, 0, SMM_PT_INVALID, 0, 0, 0, 0 },
	/* 39-bit VA: level 1 first, a 1 GiB block there (bits 29:12 dropped) */
	{ "arm64", 3, 0, 0x0040000040123701ULL, 0, SMM_PT_BLOCK,
	  0x40000000, 1ULL << 30, PR | PW | PX, ACC | GLOB },

	/*
	 * arm-lpae (ARM ARM v7-AR B3.6.1, B3.7.1):
	 * 0x0080_00ab_1234_5f5f, third level: page, AttrIndx 111 (MAIR1
	 * Attr7 0xff), AP[2:1] 01, SH 11, AF, nG, OA 0xab12345000 (40
	 * bits), XN 0, bit 55 L_PTE_DIRTY: PL0/PL1 RWX.
	 */
	{ "arm-lpae", 3, 2, 0x008000ab12345f5fULL, 0, SMM_PT_PAGE,
	  0xab12345000ULL, 0x1000, PR | PW | PX | UR | UW | UX,
	  ACC | DIRTY | SWW },
	/* clean: AP[2] set (0x80) by cpu_v7_set_pte_ext: PL0/PL1 RO */
	{ "arm-lpae", 3, 2, 0x0000000012345fdfULL, 0, SMM_PT_PAGE,
	  0x12345000, 0x1000, PR | PX | UR | UX, ACC | SWW },
	/*
	 * 0x0440_0000_4020_0791, second level: block (2 MiB), AttrIndx 100
	 * (MAIR0 Attr4 0x04 Device), AP 10 PL1 RO, SH 11, AF, XN, bit 58
	 * L_PTE_RDONLY.
	 */
	{ "arm-lpae", 3, 1, 0x0440000040200791ULL, 0, SMM_PT_BLOCK,
	  0x40200000, 0x200000, PR, ACC | GLOB | DEV },
	/* 0x2800_0000_8765_4003: table, APTable 01 (no PL0), PXNTable */
	{ "arm-lpae", 3, 1, 0x2800000087654003ULL, 0, SMM_PT_TABLE,
	  0x87654000, 0x200000, ALL & ~(UR | UW | UX | PX), 0 },
	/*
	 * 0xc000_0401, first level: 1 GiB block, AttrIndx 0 (MAIR0 Attr0
	 * 0x00, Strongly-ordered), AP 00, AF, XN 0: PL1 RWX.
	 */
	{ "arm-lpae", 3, 0, 0x00000000c0000401ULL, 0, SMM_PT_BLOCK,
	  0xc0000000, 1ULL << 30, PR | PW | PX, ACC | GLOB | SWW | DEV },
	/* 0b01 at the third level: reserved */
	{ "arm-lpae", 3, 2, 0x0000000012345401ULL, 0, SMM_PT_INVALID,
	  0, 0, 0, 0 },

	/*
	 * x86_64 (SDM vol. 3A tables 4-14..4-20):
	 * 0x8000_0001_2345_6067, PTE: P RW US A D, addr 0x123456000, XD.
	 */
	{ "x86_64", 4, 3, 0x8000000123456067ULL, 0, SMM_PT_PAGE,
	  0x123456000ULL, 0x1000, PR | PW | UR | UW, ACC | DIRTY | SWW },
	/* 0x4020_01a1, PDE: P A PS G, 2 MiB at 0x40200000, executable */
	{ "x86_64", 4, 2, 0x00000000402001a1ULL, 0, SMM_PT_BLOCK,
	  0x40200000, 0x200000, PR | PX, ACC | GLOB },
	/*
	 * 0xc000_1093, PDPTE: P RW PCD PS, PAT (bit 12) 1: 1 GiB at
	 * 0xc0000000, PAT entry 6 (PAT PCD !PWT) = UC- in Linux's PAT.
	 */
	{ "x86_64", 4, 1, 0x00000000c0001093ULL, 0, SMM_PT_BLOCK,
	  0xc0000000, 1ULL << 30, PR | PW | PX, SWW | DEV },
	/* PTE 0x1000_0083: bit 7 is PAT here, not PS; entry 4 = WB */
	{ "x86_64", 4, 3, 0x0000000010000083ULL, 0, SMM_PT_PAGE,
	  0x10000000, 0x1000, PR | PW | PX, SWW },
	/* PML4E 0x0010_0025: P US A, R/W 0: no write below */
	{ "x86_64", 4, 0, 0x0000000000100025ULL, 0, SMM_PT_TABLE,
	  0x100000, 1ULL << 39, ALL & ~(PW | UW), ACC },
	/* PDPTE 0x8000_0000_0020_0003: P RW, US 0, XD: supervisor, no exec */
	{ "x86_64", 4, 1, 0x8000000000200003ULL, 0, SMM_PT_TABLE,
	  0x200000, 1ULL << 30, PR | PW, 0 },
	/* PML4E with PS (bit 7): reserved, a page fault */
	{ "x86_64", 4, 0, 0x0000000000100083ULL, 0, SMM_PT_INVALID,
	  0, 0, 0, 0 },
	/* not present: the other bits mean nothing */
	{ "x86_64", 4, 3, 0xfffffffffffffffeULL, 0, SMM_PT_INVALID, 0, 0, 0, 0 },
	/* PML5E 0x0030_0067 of 5-level paging: a table */
	{ "x86_64", 5, 0, 0x0000000000300067ULL, 0, SMM_PT_TABLE,
	  0x300000, 1ULL << 48, ALL, ACC },

	/*
	 * arm short-descriptor (ARM ARM v7-AR B3.5.1, B3.7.1, B3.8.3):
	 * 0x6001_140e, first level: section (bits 1:0 10, PXN 0), B 1, C 1,
	 * XN 0, domain 0, AP[1:0] 01, TEX 001, AP[2] 0, S 1, nG 0: Linux's
	 * lowmem (MT_MEMORY_RWX), PL1 RWX, TEX remap n = 7 Normal WB WA.
	 */
	{ "arm", 2, 0, 0x6001140e, 0, SMM_PT_BLOCK, 0x60000000, 0x100000,
	  PR | PW | PX, ACC | DIRTY | SWW | GLOB },
	/*
	 * 0x2314_0412: supersection (bit 18), XN, AP 01, TEX 000 C 0 B 0
	 * (n = 0, Strongly-ordered), PA[35:32] 1 in bits 23:20, PA[31:24]
	 * 0x23: 16 MiB at 0x1_2300_0000.
	 */
	{ "arm", 2, 0, 0x23140412, 0, SMM_PT_BLOCK, 0x123000000ULL, 0x1000000,
	  PR | PW, ACC | DIRTY | SWW | GLOB | CONT | DEV },
	/* 0x8765_4831: page table at 0x87654800 (h/w pt 0), BIT4, domain 1 */
	{ "arm", 2, 0, 0x87654831, 0, SMM_PT_TABLE, 0x87654800, 0x100000,
	  ALL, 0 },
	/* 0x8765_4c35: h/w pt 1 at +3072, PXN (bit 2): no PL1 execution */
	{ "arm", 2, 0, 0x87654c35, 0, SMM_PT_TABLE, 0x87654c00, 0x100000,
	  ALL & ~PX, 0 },
	/*
	 * Second level, a user RW page as Linux writes it. Linux PTE
	 * 0x4000_175f: PRESENT YOUNG, MT 0111 WRITEALLOC, DIRTY, USER, XN,
	 * SHARED. cpu_v7_set_pte_ext: (pte & ~0x3f3) = 0x4000_140c, | nG
	 * 0x800 | AP0 0x10 | small 2 = 0x4000_1c1e, MT bit 4 -> TEX0
	 * 0x40, dirty and writable: no APX, USER -> AP1 0x20, XN -> bit 0:
	 * hardware PTE 0x4000_1c7f. AP[2:0] 011: PL0/PL1 RW.
	 */
	{ "arm", 2, 1, 0x40001c7f, 0x4000175f, SMM_PT_PAGE, 0x40001000,
	  0x1000, PR | PW | UR | UW, ACC | DIRTY | SWW },
	/* clean (no L_PTE_DIRTY 0x40): APX 0x200 set, AP[2:0] 111 RO */
	{ "arm", 2, 1, 0x40001e7f, 0x4000171f, SMM_PT_PAGE, 0x40001000,
	  0x1000, PR | UR, ACC | SWW },
	/*
	 * Old (no L_PTE_YOUNG): the hardware PTE is 0, the Linux PTE
	 * present: a translation fault the kernel fixes by making it
	 * young. addr and perm say what it will map.
	 */
	{ "arm", 2, 1, 0, 0x4000175d, SMM_PT_INVALID, 0x40001000, 0x1000,
	  PR | PW | UR | UW, SWP | DIRTY | SWW },
	/* PROT_NONE (L_PTE_NONE): not a page Linux makes young */
	{ "arm", 2, 1, 0, 0x40001f5f, SMM_PT_INVALID, 0, 0, 0, 0 },
	/*
	 * 0x1234_903d: large page (bits 1:0 01), B C, AP 11, TEX 001 in
	 * bits 14:12, XN bit 15: 64 KiB at 0x12340000, Normal WB WA.
	 */
	{ "arm", 2, 1, 0x1234903d, 0, SMM_PT_PAGE, 0x12340000, 0x10000,
	  PR | PW | UR | UW, ACC | DIRTY | SWW | GLOB },
};

static void check_vector(struct __test_metadata *_metadata, size_t i)
{
	const struct vector *v = &vectors[i];
	struct smm_pt_entry e;
	struct smm_pt_cfg cfg;

	cfg_of(_metadata, &cfg, v->fmt, v->levels);
	cfg.fmt->decode(&cfg, v->level, v->raw, v->sw, &e);
	EXPECT_EQ(v->kind, e.kind) TH_LOG("vector %zu: %s 0x%llx", i, v->fmt,
					  (unsigned long long)v->raw);
	EXPECT_EQ(v->perm, e.perm) TH_LOG("vector %zu: perm 0x%x", i, e.perm);
	EXPECT_EQ(v->attr, e.attr) TH_LOG("vector %zu: attr 0x%x", i, e.attr);
	if (v->kind != SMM_PT_INVALID || v->addr) {
		EXPECT_EQ(v->addr, e.addr) TH_LOG("vector %zu", i);
		EXPECT_EQ(v->size, e.size) TH_LOG("vector %zu", i);
	}
}

TEST(decode_vectors_from_the_manuals)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vectors); i++)
		check_vector(_metadata, i);
}

/* Encoding as Linux does gives the same words, computed by hand. */
static const struct {
	const char *fmt;
	unsigned int levels;
	unsigned int level;
	enum smm_pt_kind kind;
	u64 pa;
	u32 prot;
	u32 attr;
	u64 raw;
	u64 sw;		/* arm: the Linux PTE 2048 bytes below */
} encodings[] = {
	/* dirty young PAGE_SHARED: the first arm64 vector */
	{ "arm64", 4, 3, SMM_PT_PAGE, 0x40000000, R | W | U, ACC | DIRTY,
	  0x00e8000040000f43ULL, 0 },
	/*
	 * PAGE_KERNEL_EXEC as a 2 MiB block: 0b01, SH 11, AF, DBM
	 * (PTE_WRITE), UXN, PTE_DIRTY: 0x00c8_0000_4020_0701
	 */
	{ "arm64", 4, 2, SMM_PT_BLOCK, 0x40200000, R | W | X, ACC | DIRTY | GLOB,
	  0x00c8000040200701ULL, 0 },
	/*
	 * old clean user RX contiguous page: 0b11, AP[2:1] 11 (0xc0), SH,
	 * nG (0x800), no AF; CONT (52), PXN (53): 0x0030_0000_4001_0bc3
	 */
	{ "arm64", 4, 3, SMM_PT_PAGE, 0x40010000, R | X | U, CONT,
	  0x0030000040010bc3ULL, 0 },
	/* device: AttrIndx 4 (0x10), PXN UXN, kernel RW dirty */
	{ "arm64", 4, 3, SMM_PT_PAGE, 0x09000000, R | W, ACC | DIRTY | GLOB | DEV,
	  0x00e8000009000713ULL, 0 },
	/* the first arm-lpae vector */
	{ "arm-lpae", 3, 2, SMM_PT_PAGE, 0xab12345000ULL, R | W | X | U,
	  ACC | DIRTY, 0x008000ab12345f5fULL, 0 },
	/* a kernel RO block, device: 0b01, AttrIndx 4, AP2, XN, RDONLY */
	{ "arm-lpae", 3, 1, SMM_PT_BLOCK, 0x40200000, R, ACC | GLOB | DEV,
	  0x0440000040200791ULL, 0 },
	/* the first x86_64 vector */
	{ "x86_64", 4, 3, SMM_PT_PAGE, 0x123456000ULL, R | W | U, ACC | DIRTY,
	  0x8000000123456067ULL, 0 },
	/* 2 MiB kernel text: P A PS G, no NX */
	{ "x86_64", 4, 2, SMM_PT_BLOCK, 0x40200000, R | X, ACC | GLOB,
	  0x00000000402001a1ULL, 0 },
	/* device 1 GiB: P RW PWT PCD PS, NX (PAT entry 3, UC) */
	{ "x86_64", 4, 1, SMM_PT_BLOCK, 0xc0000000, R | W, DEV,
	  0x80000000c000009bULL, 0 },
	/* the arm lowmem section vector */
	{ "arm", 2, 0, SMM_PT_BLOCK, 0x60000000, R | W | X, ACC | GLOB,
	  0x6001140e, 0 },
	/*
	 * user RO section, nG: AP[2:0] 111 (APX 0x8000, AP 0xc00), domain
	 * 1 (0x20), XN 0x10, nG 0x20000, S, TEX0 C B:
	 * 0x6003_9c3e
	 */
	{ "arm", 2, 0, SMM_PT_BLOCK, 0x60000000, R | U, ACC,
	  0x60039c3e, 0 },
	/*
	 * supersection of PA 0x1_2300_0000, kernel RW device: TEX0 (n =
	 * 4), AP 01, XN, S, bit 18, PA[35:32] 1: 0x2315_1412
	 */
	{ "arm", 2, 0, SMM_PT_BLOCK, 0x123000000ULL, R | W,
	  ACC | GLOB | DEV | CONT, 0x23151412, 0 },
	/* the arm user page vector: both words */
	{ "arm", 2, 1, SMM_PT_PAGE, 0x40001000, R | W | U, ACC | DIRTY,
	  0x40001c7f, 0x4000175f },
	/* old: the Linux PTE alone */
	{ "arm", 2, 1, SMM_PT_PAGE, 0x40001000, R | W | U, DIRTY,
	  0, 0x4000175d },
	/*
	 * kernel RX page, global, clean: Linux PTE 0x4000_149f (PRESENT
	 * YOUNG MT 0111 RDONLY SHARED: 0x1|0x2|0x1c|0x80|0x400); hardware:
	 * 0x4000_140c | AP0 | 2 | TEX0 | APX = 0x4000_165e
	 */
	{ "arm", 2, 1, SMM_PT_PAGE, 0x40001000, R | X, ACC | GLOB,
	  0x4000165e, 0x4000149f },
};

TEST(encode_vectors_as_linux_writes_them)
{
	struct smm_pt_cfg cfg;
	u8 *page = table_page();
	size_t i;

	ASSERT_NE(NULL, page);
	for (i = 0; i < ARRAY_SIZE(encodings); i++) {
		/* arm's hardware PTE table in the page's upper half */
		unsigned int off = !strcmp(encodings[i].fmt, "arm") &&
				   encodings[i].level == 1 ? 2048 + 4 * 5 : 8 * 5;
		u64 raw, sw;

		memset(page, 0, SMM_PT_PAGE_SIZE);
		cfg_of(_metadata, &cfg, encodings[i].fmt, encodings[i].levels);
		cfg.fmt->set_leaf(&cfg, page + off, encodings[i].level,
				  encodings[i].kind, encodings[i].pa,
				  encodings[i].prot, encodings[i].attr);
		raw = cfg.fmt->read(page + off, encodings[i].level, &sw);
		EXPECT_EQ(encodings[i].raw, raw)
			TH_LOG("encoding %zu: 0x%llx", i,
			       (unsigned long long)raw);
		EXPECT_EQ(encodings[i].sw, sw)
			TH_LOG("encoding %zu: sw 0x%llx", i,
			       (unsigned long long)sw);
		/* the word in memory is the hardware descriptor */
		raw = cfg.fmt->desc_size == 4 ? *(u32 *)(page + off) :
						*(u64 *)(page + off);
		EXPECT_EQ(encodings[i].raw, raw);
	}
	free(page);
}

/* What a leaf written with @prot and @attr must allow, per the manuals. */
static u32 expected_perm(const struct smm_pt_format *fmt, bool arm_section,
			 u32 prot, u32 attr)
{
	bool w = prot & W, x = prot & X, u = prot & U;
	/* arm, arm-lpae, arm64: the hardware may write only once dirty */
	bool hw_w = w && ((attr & DIRTY) || arm_section);
	u32 perm = PR;

	switch (fmt->id) {
	case SHADOW_MM_PT_FORMAT_X86_64:
		/* no SMEP/SMAP: the kernel may use user pages */
		perm |= (w ? PW : 0) | (x ? PX : 0);
		if (u)
			perm |= UR | (w ? UW : 0) | (x ? UX : 0);
		return perm;
	case SHADOW_MM_PT_FORMAT_ARM64:
		/* Linux: user pages PXN, kernel pages UXN */
		perm |= hw_w ? PW : 0;
		if (u)
			perm |= UR | (hw_w ? UW : 0) | (x ? UX : 0);
		else
			perm |= x ? PX : 0;
		return perm;
	default:
		/* ARMv7: no PXN in Linux's user pages, exec needs read */
		perm |= hw_w ? PW : 0;
		if (u)
			perm |= UR | (hw_w ? UW : 0);
		if (x)
			perm |= PX | (u ? UX : 0);
		return perm;
	}
}

/* The attributes a leaf written with @prot and @attr must decode to. */
static u32 expected_attr(const struct smm_pt_format *fmt, bool arm_section,
			 u32 prot, u32 attr)
{
	u32 want = attr & (DEV | CONT);

	if (prot & W)
		want |= SWW;
	if (arm_section) {
		/* no access flag, no dirty tracking: young, dirty if RW */
		want |= ACC | (prot & W ? DIRTY : 0) | (attr & GLOB);
		return want;
	}
	if (fmt->id == SHADOW_MM_PT_FORMAT_ARM && !(attr & ACC))
		/* old: only the Linux PTE, which has no nG */
		return want | SWP | (attr & DIRTY) | (prot & U ? 0 : GLOB);
	return want | (attr & (ACC | DIRTY | GLOB));
}

static u64 rnd_state;

static u64 rnd(void)
{
	/* xorshift64* */
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545f4914f6cdd1dULL;
}

static u64 seed_from_env(void)
{
	const char *s = getenv("SMM_SEED");
	u64 seed = s ? strtoull(s, NULL, 0) : 0;

	return seed ? seed : 0x5eed0f4b1eULL;
}

/*
 * Write a leaf of @kind at @level with @prot and @attr into @page, read
 * and decode it: what went in comes out; then clear it.
 */
static void round_trip(struct __test_metadata *_metadata,
		       const struct smm_pt_cfg *cfg, u8 *page,
		       unsigned int level, enum smm_pt_kind kind, u32 prot,
		       u32 attr)
{
	const struct smm_pt_level *l = cfg->lvl[level];
	bool arm = cfg->fmt->id == SHADOW_MM_PT_FORMAT_ARM;
	bool section = arm && level == 0;
	bool super = section && (attr & CONT);
	enum smm_pt_kind want = kind;
	u64 size = super ? 1ULL << 24 : 1ULL << l->shift;
	unsigned int pa_bits = super ? 40 : cfg->fmt->pa_bits;
	unsigned int off, idx;
	struct smm_pt_entry e;
	u64 pa, raw, sw;

	pa = rnd() & ((1ULL << pa_bits) - 1) & ~(size - 1);
	idx = rnd() % (1U << min_t(unsigned int, l->bits, 8));
	off = idx * cfg->fmt->desc_size;
	if (arm && level == 1)
		off += 2048;	/* h/w pt 0; its Linux pt at +0 */
	if (arm && !section && !(attr & ACC))
		want = SMM_PT_INVALID;	/* old: the hardware PTE empty */

	memset(page, 0, SMM_PT_PAGE_SIZE);
	cfg->fmt->set_leaf(cfg, page + off, level, kind, pa, prot, attr);
	raw = cfg->fmt->read(page + off, level, &sw);
	cfg->fmt->decode(cfg, level, raw, sw, &e);
	EXPECT_EQ((int)want, (int)e.kind)
		TH_LOG("%s/%u level %u prot %x attr %x", cfg->fmt->name,
		       cfg->levels, level, prot, attr);
	EXPECT_EQ(pa, e.addr);
	EXPECT_EQ(size, e.size);
	EXPECT_EQ(expected_perm(cfg->fmt, section, prot, attr), e.perm)
		TH_LOG("%s/%u level %u prot %x attr %x", cfg->fmt->name,
		       cfg->levels, level, prot, attr);
	EXPECT_EQ(expected_attr(cfg->fmt, section, prot, attr), e.attr)
		TH_LOG("%s/%u level %u prot %x attr %x", cfg->fmt->name,
		       cfg->levels, level, prot, attr);

	cfg->fmt->clear_leaf(page + off, level);
	raw = cfg->fmt->read(page + off, level, &sw);
	EXPECT_EQ(0ULL, raw);
	EXPECT_EQ(0ULL, sw);
	cfg->fmt->decode(cfg, level, raw, sw, &e);
	EXPECT_EQ((int)SMM_PT_INVALID, (int)e.kind);
}

/* Every prot x attr at every leaf level of every format survives. */
TEST(encode_decode_round_trips)
{
	struct smm_pt_cfg cfg;
	u8 *page = table_page();
	unsigned int level, kind, n;
	size_t i;

	ASSERT_NE(NULL, page);
	rnd_state = 0x1234567;
	for (i = 0; i < ARRAY_SIZE(known); i++) {
		cfg_of(_metadata, &cfg, known[i].name, known[i].levels);
		for (level = 0; level < cfg.levels; level++)
			for (kind = SMM_PT_BLOCK; kind <= SMM_PT_PAGE; kind++)
				/* READ and any of WRITE EXEC USER x 5 attrs */
				for (n = 0; n < 8 * 32; n++) {
					u32 prot = R | (n >> 5) << 1;
					u32 attr = (n & 3) | (n & 4 ? GLOB : 0) |
						   (n & 8 ? DEV : 0) |
						   (n & 16 ? CONT : 0);
					const struct smm_pt_level *l;

					l = cfg.lvl[level];
					if (!(l->leaf_kinds & BIT(kind)) ||
					    ((attr & CONT) && !l->contig))
						continue;
					round_trip(_metadata, &cfg, page, level,
						   kind, prot, attr);
				}
	}
	free(page);
}

/* set_table: what each format writes, and that it decodes back. */
TEST(tables_written_and_cleared)
{
	static const struct {
		const char *fmt;
		unsigned int levels;
		u64 bits;	/* what set_table adds to the address */
	} tables[] = {
		{ "arm-lpae", 3, 0x3 },
		{ "arm64", 4, 0x3 },
		{ "arm64", 3, 0x3 },
		{ "x86_64", 4, 0x67 },	/* _PAGE_TABLE: P RW US A D */
		{ "x86_64", 5, 0x67 },
	};
	struct smm_pt_entry e;
	struct smm_pt_cfg cfg;
	u64 *page = table_page();
	size_t i;

	ASSERT_NE(NULL, page);
	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		unsigned int level;

		cfg_of(_metadata, &cfg, tables[i].fmt, tables[i].levels);
		for (level = 0; level + 1 < cfg.levels; level++) {
			u64 raw, sw, next;

			next = cfg.fmt->set_table(&page[3], 3, 0x8765f000ULL);
			EXPECT_EQ(0x8765f000ULL, next);
			EXPECT_EQ(0x8765f000ULL | tables[i].bits, page[3]);
			raw = cfg.fmt->read(&page[3], level, &sw);
			cfg.fmt->decode(&cfg, level, raw, sw, &e);
			EXPECT_EQ((int)SMM_PT_TABLE, (int)e.kind);
			EXPECT_EQ(0x8765f000ULL, e.addr);
			/* a table written here takes nothing away */
			EXPECT_EQ(ALL, e.perm);
			cfg.fmt->clear_table(&page[3], 3);
			EXPECT_EQ(0ULL, page[3]);
		}
	}
	free(page);
}

/*
 * arm: first-level entries go in pairs to the two hardware tables of one
 * Linux PTE page; the Linux PTE sits 2048 bytes below the hardware one.
 */
TEST(arm_linux_pair_layout)
{
	struct smm_pt_entry e;
	struct smm_pt_cfg cfg;
	u32 *root = aligned_alloc(16384, 16384);
	u8 *pte_page = table_page();
	u32 *hw, *linux_pte;
	u64 raw, sw, table;
	unsigned int idx;

	ASSERT_NE(NULL, root);
	ASSERT_NE(NULL, pte_page);
	memset(root, 0, 16384);
	cfg_of(_metadata, &cfg, "arm", 2);
	EXPECT_EQ(2U, cfg.fmt->root_order);

	for (idx = 0x100; idx <= 0x101; idx++) {
		memset(root, 0, 16384);
		table = cfg.fmt->set_table(&root[idx], idx, 0x40005000);
		EXPECT_EQ(0x40005000ULL + 2048 + 1024 * (idx & 1), table);
		/* both of the pair: TABLE | PMD_BIT4 | DOMAIN_USER */
		EXPECT_EQ(0x40005800U | 0x31, root[0x100]);
		EXPECT_EQ(0x40005c00U | 0x31, root[0x101]);
		EXPECT_EQ(0U, root[0xff]);
		EXPECT_EQ(0U, root[0x102]);
		raw = cfg.fmt->read(&root[0x101], 0, &sw);
		EXPECT_EQ(0ULL, sw);
		cfg.fmt->decode(&cfg, 0, raw, sw, &e);
		EXPECT_EQ((int)SMM_PT_TABLE, (int)e.kind);
		EXPECT_EQ(0x40005c00ULL, e.addr);
		cfg.fmt->clear_table(&root[idx], idx);
		EXPECT_EQ(0U, root[0x100]);
		EXPECT_EQ(0U, root[0x101]);
	}
	/* kernel half (from 0xc0000000): DOMAIN_KERNEL */
	cfg.fmt->set_table(&root[0xc01], 0xc01, 0x40005000);
	EXPECT_EQ(0x40005800U | 0x11, root[0xc00]);
	EXPECT_EQ(0x40005c00U | 0x11, root[0xc01]);

	/* a PTE in h/w pt 1, index 7: Linux pt 1 holds its Linux PTE */
	hw = (u32 *)(pte_page + 3072) + 7;
	linux_pte = (u32 *)(pte_page + 1024) + 7;
	/* old: the Linux PTE only */
	cfg.fmt->set_leaf(&cfg, hw, 1, SMM_PT_PAGE, 0x40001000, R | W | U, 0);
	EXPECT_EQ(0U, *hw);
	EXPECT_EQ(0x4000171dU, *linux_pte);
	raw = cfg.fmt->read(hw, 1, &sw);
	EXPECT_EQ(0ULL, raw);
	EXPECT_EQ(0x4000171dULL, sw);
	cfg.fmt->decode(&cfg, 1, raw, sw, &e);
	EXPECT_EQ((int)SMM_PT_INVALID, (int)e.kind);
	EXPECT_TRUE(!!(e.attr & SWP));
	/* young and clean: APX (bit 9) while writable in the Linux PTE */
	cfg.fmt->set_leaf(&cfg, hw, 1, SMM_PT_PAGE, 0x40001000, R | W | U, ACC);
	EXPECT_EQ(0x4000171fU, *linux_pte);
	EXPECT_TRUE(!!(*hw & 0x200));
	EXPECT_EQ(0x2U, *hw & 0x2);	/* small page; bit 0 is XN */
	cfg.fmt->decode(&cfg, 1, *hw, *linux_pte, &e);
	EXPECT_EQ((int)SMM_PT_PAGE, (int)e.kind);
	EXPECT_FALSE(!!(e.perm & (PW | UW)));
	EXPECT_TRUE(!!(e.attr & SWW));
	/* dirty: APX goes */
	cfg.fmt->set_leaf(&cfg, hw, 1, SMM_PT_PAGE, 0x40001000, R | W | U,
			  ACC | DIRTY);
	EXPECT_FALSE(!!(*hw & 0x200));
	cfg.fmt->decode(&cfg, 1, *hw, *linux_pte, &e);
	EXPECT_EQ(PR | PW | UR | UW, e.perm);
	/* read-only and dirty: APX stays */
	cfg.fmt->set_leaf(&cfg, hw, 1, SMM_PT_PAGE, 0x40001000, R | U,
			  ACC | DIRTY);
	EXPECT_TRUE(!!(*hw & 0x200));
	cfg.fmt->clear_leaf(hw, 1);
	EXPECT_EQ(0U, *hw);
	EXPECT_EQ(0U, *linux_pte);

	/* a table in a page's lower half is not Linux's: no Linux PTE */
	hw = (u32 *)(pte_page + 1024) + 3;
	*hw = 0x40001c7f;
	*(u32 *)pte_page = 0xdeadbeef;
	raw = cfg.fmt->read(hw, 1, &sw);
	EXPECT_EQ(0x40001c7fULL, raw);
	EXPECT_EQ(0ULL, sw);
	cfg.fmt->decode(&cfg, 1, raw, sw, &e);
	EXPECT_EQ((int)SMM_PT_PAGE, (int)e.kind);
	EXPECT_EQ(0x40001000ULL, e.addr);

	free(pte_page);
	free(root);
}

/* Restrictions in table descriptors take permissions away below. */
TEST(table_restrictions)
{
	static const struct {
		const char *fmt;
		unsigned int levels;
		u64 raw;
		u32 perm;
	} restrict_vectors[] = {
		/* x86: RW 0 (P US A) */
		{ "x86_64", 4, 0x1025, ALL & ~(PW | UW) },
		/* x86: US 0 (P RW A) */
		{ "x86_64", 4, 0x1023, PR | PW | PX },
		/* x86: XD */
		{ "x86_64", 4, 0x8000000000001027ULL, ALL & ~(PX | UX) },
		/* arm64: APTable 01 (bit 61), 10 (62), UXNTable (60), PXNTable (59) */
		{ "arm64", 4, 0x2000000000001003ULL, ALL & ~(UR | UW) },
		{ "arm64", 4, 0x4000000000001003ULL, ALL & ~(PW | UW) },
		{ "arm64", 4, 0x1000000000001003ULL, ALL & ~UX },
		{ "arm64", 4, 0x0800000000001003ULL, ALL & ~PX },
		/* arm-lpae: XNTable, APTable 11 */
		{ "arm-lpae", 3, 0x1000000000001003ULL, ALL & ~(PX | UX) },
		{ "arm-lpae", 3, 0x6000000000001003ULL, PR | PX },
		/* arm: PXN in a page-table entry */
		{ "arm", 2, 0x40001805, ALL & ~PX },
	};
	struct smm_pt_entry e;
	struct smm_pt_cfg cfg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(restrict_vectors); i++) {
		cfg_of(_metadata, &cfg, restrict_vectors[i].fmt,
		       restrict_vectors[i].levels);
		cfg.fmt->decode(&cfg, 0, restrict_vectors[i].raw, 0, &e);
		EXPECT_EQ((int)SMM_PT_TABLE, (int)e.kind) TH_LOG("restriction %zu", i);
		EXPECT_EQ(restrict_vectors[i].perm, e.perm)
			TH_LOG("restriction %zu: 0x%x", i, e.perm);
	}
}

static const struct smm_pt_field *field(const struct smm_pt_field *f,
					unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(f[i].name, name))
			return &f[i];
	return NULL;
}

/* Fields: bounded by max, a prefix when cut short, unique names. */
static void check_fields(struct __test_metadata *_metadata,
			 const struct smm_pt_cfg *cfg, unsigned int level,
			 u64 raw, u64 sw)
{
	struct smm_pt_field all[SMM_PT_MAX_FIELDS + 1], some[6];
	unsigned int n, m, i, j;

	memset(all, 0xa5, sizeof(all));
	n = cfg->fmt->fields(cfg, level, raw, sw, all, SMM_PT_MAX_FIELDS);
	ASSERT_LE(n, (unsigned int)SMM_PT_MAX_FIELDS);
	ASSERT_GE(n, 2U) TH_LOG("%s level %u 0x%llx", cfg->fmt->name, level,
				(unsigned long long)raw);
	/* the slot past max is never written */
	EXPECT_EQ(0xa5, ((u8 *)&all[SMM_PT_MAX_FIELDS])[0]);
	for (i = 0; i < n; i++) {
		ASSERT_NE(NULL, all[i].name);
		EXPECT_NE(0U, (unsigned int)strlen(all[i].name));
		EXPECT_LT(strlen(all[i].text), sizeof(all[i].text));
		for (j = 0; j < i; j++)
			EXPECT_STRNE(all[j].name, all[i].name)
				TH_LOG("%s level %u 0x%llx: %s twice",
				       cfg->fmt->name, level,
				       (unsigned long long)raw, all[i].name);
	}
	m = cfg->fmt->fields(cfg, level, raw, sw, some, ARRAY_SIZE(some));
	EXPECT_EQ(min_t(unsigned int, n, ARRAY_SIZE(some)), m);
	for (i = 0; i < m; i++) {
		EXPECT_STREQ(all[i].name, some[i].name);
		EXPECT_EQ(all[i].value, some[i].value);
	}
	EXPECT_EQ(0U, cfg->fmt->fields(cfg, level, raw, sw, some, 0));
}

TEST(fields_bounded_and_unique)
{
	struct smm_pt_cfg cfg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vectors); i++) {
		cfg_of(_metadata, &cfg, vectors[i].fmt, vectors[i].levels);
		check_fields(_metadata, &cfg, vectors[i].level, vectors[i].raw,
			     vectors[i].sw);
	}
	for (i = 0; i < ARRAY_SIZE(encodings); i++) {
		cfg_of(_metadata, &cfg, encodings[i].fmt, encodings[i].levels);
		check_fields(_metadata, &cfg, encodings[i].level,
			     encodings[i].raw, encodings[i].sw);
	}
}

/* What a student reads: the manual's names with the values by hand. */
TEST(fields_name_the_manuals_bits)
{
	static const struct {
		size_t vector;
		const char *name;
		u64 value;
		const char *text;	/* NULL: not checked */
	} expect[] = {
		{ 0, "level", 3, "level 3: 4 KiB per entry" },
		{ 0, "AP[2:1]", 1, "EL1 RW, EL0 RW" },
		{ 0, "AttrIndx", 0, "Normal WB RA WA" },
		{ 0, "SH", 3, "inner shareable" },
		{ 0, "OA", 0x40000, "pa 0x40000000" },
		{ 0, "DBM", 1, NULL },
		{ 0, "PTE_DIRTY", 1, NULL },
		{ 0, "nG", 1, NULL },
		{ 3, "AttrIndx", 4, "Device-nGnRE" },
		{ 5, "APTable", 2, "no write below" },
		{ 5, "UXNTable", 1, NULL },
		{ 10, "AttrIndx", 7, "Normal WB RA WA" },
		{ 10, "OA", 0xab12345, "pa 0xab12345000" },
		{ 10, "L_PTE_DIRTY", 1, NULL },
		{ 12, "AttrIndx", 4, "Device" },
		{ 12, "L_PTE_RDONLY", 1, NULL },
		{ 14, "AttrIndx", 0, "Strongly-ordered" },
		{ 16, "level", 1, "PTE: page-table entry" },
		{ 16, "XD", 1, NULL },
		{ 16, "U/S", 1, "user" },
		{ 17, "PS", 1, "PS=1 2 MiB page" },
		{ 17, "G", 1, NULL },
		{ 18, "PAT", 1, NULL },
		{ 18, "type", 6, "UC-" },
		{ 18, "addr", 3, "pa 0xc0000000" },
		{ 19, "PAT", 1, NULL },
		{ 19, "type", 4, "WB" },
		{ 24, "level", 5, "PML5E: PML5 entry" },
		{ 25, "AP[1:0]", 1, "PL1 RW, PL0 none" },
		{ 25, "TEX[0]:C:B", 7, "Normal WB WA" },
		{ 25, "Domain", 0, "KERNEL" },
		{ 25, "base", 0x600, "pa 0x60000000" },
		{ 26, "PA[35:32]", 1, NULL },
		{ 26, "base", 0x23, "pa 0x123000000" },
		{ 26, "TEX[0]:C:B", 0, "Strongly-ordered" },
		{ 27, "Domain", 1, "USER" },
		{ 27, "SBZ", 1, NULL },
		{ 27, "Linux pt", 0, "h/w pt 0 at +2048, Linux pt at +0" },
		{ 28, "Linux pt", 1, "h/w pt 1 at +3072, Linux pt at +1024" },
		{ 29, "type", 3, "small page: 4 KiB" },
		{ 29, "AP[1:0]", 3, "PL1 RW, PL0 RW" },
		{ 29, "AP[2]", 0, NULL },
		{ 29, "nG", 1, NULL },
		{ 29, "TEX[2:0]", 1, NULL },
		{ 29, "L_PTE_MT", 7, "WRITEALLOC" },
		{ 29, "L_PTE_DIRTY", 1, NULL },
		{ 29, "L_PTE_USER", 1, NULL },
		{ 29, "L_PTE_PFN", 0x40001, "pa 0x40001000" },
		{ 30, "AP[2]", 1, "read-only" },
		{ 31, "type", 0, "fault: Linux PTE old" },
		{ 31, "L_PTE_YOUNG", 0, NULL },
		{ 33, "type", 1, "large page: 64 KiB" },
		{ 33, "base", 0x1234, "pa 0x12340000" },
	};
	struct smm_pt_field f[SMM_PT_MAX_FIELDS];
	const struct smm_pt_field *got;
	struct smm_pt_cfg cfg;
	unsigned int n;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		const struct vector *v = &vectors[expect[i].vector];

		cfg_of(_metadata, &cfg, v->fmt, v->levels);
		n = cfg.fmt->fields(&cfg, v->level, v->raw, v->sw, f,
				    ARRAY_SIZE(f));
		got = field(f, n, expect[i].name);
		ASSERT_NE(NULL, got) TH_LOG("vector %zu has no %s",
					    expect[i].vector, expect[i].name);
		EXPECT_EQ(expect[i].value, got->value)
			TH_LOG("vector %zu %s", expect[i].vector, expect[i].name);
		if (expect[i].text) {
			EXPECT_STREQ(expect[i].text, got->text)
				TH_LOG("vector %zu %s", expect[i].vector,
				       expect[i].name);
		}
	}
}

/* attrs_str: the words each architecture's ptdump prints. */
TEST(attrs_like_ptdump)
{
	static const struct {
		size_t vector;
		const char *attrs;
	} expect[] = {
		{ 0, "USR RW NX SHD AF NG UXN MEM/NORMAL" },
		{ 2, "RW x SHD AF BLK UXN MEM/NORMAL" },
		{ 3, "ro NX SHD AF UXN DEVICE/nGnRE" },
		{ 10, "USR RW x SHD MEM/CACHED/WBWA" },
		{ 12, "ro NX SHD" },
		{ 16, "USR RW NX" },
		{ 17, "ro PSE GLB x" },
		{ 18, "RW PCD PSE PAT x" },
		{ 25, "KERNEL RW x SHD" },
		{ 29, "USR RW NX SHD MEM/CACHED/WBWA" },
	};
	char buf[SMM_PT_ATTRS_LEN], small[8];
	struct smm_pt_cfg cfg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(expect); i++) {
		const struct vector *v = &vectors[expect[i].vector];

		cfg_of(_metadata, &cfg, v->fmt, v->levels);
		cfg.fmt->attrs_str(&cfg, v->level, v->raw, v->sw, buf,
				   sizeof(buf));
		EXPECT_STREQ(expect[i].attrs, buf)
			TH_LOG("vector %zu", expect[i].vector);
		/* cut short, still a string in its room */
		memset(small, 0x5a, sizeof(small));
		cfg.fmt->attrs_str(&cfg, v->level, v->raw, v->sw, small,
				   sizeof(small));
		EXPECT_LT(strnlen(small, sizeof(small)), sizeof(small));
	}
}

/*
 * Random descriptors, as a live walk may meet: decoding never fails,
 * a leaf is of a kind its level allows and sits aligned to its size, a
 * table's address is aligned as a table; fields and attrs stay bounded.
 */
TEST(random_descriptors_decode_sanely)
{
	u64 seed = seed_from_env();
	struct smm_pt_field f[SMM_PT_MAX_FIELDS];
	char attrs[SMM_PT_ATTRS_LEN];
	struct smm_pt_entry e;
	struct smm_pt_cfg cfg;
	size_t i;

	TH_LOG("seed 0x%llx (replay: SMM_SEED=0x%llx)",
	       (unsigned long long)seed, (unsigned long long)seed);
	rnd_state = seed;
	for (i = 0; i < ARRAY_SIZE(known); i++) {
		unsigned int level, n;

		cfg_of(_metadata, &cfg, known[i].name, known[i].levels);
		for (level = 0; level < cfg.levels; level++) {
			const struct smm_pt_level *l = cfg.lvl[level];

			for (n = 0; n < 20000; n++) {
				u64 raw = rnd(), sw = rnd();
				u64 table_align;

				/* sparse bit patterns too: real ones are */
				if (n & 1)
					raw &= rnd() & rnd();
				cfg.fmt->decode(&cfg, level, raw, sw, &e);
				ASSERT_EQ(0U, e.perm & ~ALL);
				switch (e.kind) {
				case SMM_PT_INVALID:
					break;
				case SMM_PT_TABLE:
					ASSERT_LT(level + 1, cfg.levels);
					table_align = cfg.fmt->desc_size <<
						      cfg.lvl[level + 1]->bits;
					ASSERT_EQ(0ULL, e.addr &
						  (table_align - 1))
						TH_LOG("%s level %u raw 0x%llx",
						       known[i].name, level,
						       (unsigned long long)raw);
					break;
				default:
					ASSERT_TRUE(!!(l->leaf_kinds & BIT(e.kind)))
						TH_LOG("%s level %u raw 0x%llx",
						       known[i].name, level,
						       (unsigned long long)raw);
					ASSERT_NE(0ULL, e.size);
					ASSERT_EQ(0ULL, e.size & (e.size - 1));
					ASSERT_GE(e.size, SMM_PT_PAGE_SIZE);
					ASSERT_EQ(0ULL, e.addr & (e.size - 1))
						TH_LOG("%s level %u raw 0x%llx",
						       known[i].name, level,
						       (unsigned long long)raw);
					ASSERT_LT(e.addr, 1ULL << 52);
					if (e.attr & CONT) {
						ASSERT_TRUE(e.size ==
							    1ULL << l->shift ||
							    e.size == 1ULL << 24);
					}
					break;
				}
				if (n % 8)
					continue;
				ASSERT_LE(cfg.fmt->fields(&cfg, level, raw, sw,
							  f, ARRAY_SIZE(f)),
					  (unsigned int)SMM_PT_MAX_FIELDS);
				cfg.fmt->attrs_str(&cfg, level, raw, sw, attrs,
						   sizeof(attrs));
				ASSERT_LT(strlen(attrs), sizeof(attrs));
			}
		}
	}
}

/* read() stays inside the page it is given, at every index. */
TEST(read_stays_in_the_page)
{
	struct smm_pt_cfg cfg;
	u8 *page = table_page();
	unsigned int off;
	size_t i, b;

	ASSERT_NE(NULL, page);
	rnd_state = seed_from_env();
	for (b = 0; b < SMM_PT_PAGE_SIZE; b++)
		page[b] = rnd();
	for (i = 0; i < ARRAY_SIZE(known); i++) {
		unsigned int level;

		cfg_of(_metadata, &cfg, known[i].name, known[i].levels);
		for (level = 0; level < cfg.levels; level++)
			for (off = 0; off < SMM_PT_PAGE_SIZE;
			     off += cfg.fmt->desc_size) {
				u64 sw, raw;
				struct smm_pt_entry e;

				raw = cfg.fmt->read(page + off, level, &sw);
				cfg.fmt->decode(&cfg, level, raw, sw, &e);
			}
	}
	free(page);
}

TEST_HARNESS_MAIN
