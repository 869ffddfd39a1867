// SPDX-License-Identifier: GPL-2.0
/*
 * arm-lpae: the ARMv7 Long-descriptor translation table format (ARM ARM
 * v7-AR, B3.6 "Long-descriptor translation table format"; permissions
 * B3.7.1, B3.7.2; memory attributes B3.8 through MAIR0/MAIR1 of B4.1),
 * as Linux uses it with CONFIG_ARM_LPAE: 3 levels, a 4-entry first-level
 * table (pgd, 1 GiB per entry), then pmd (2 MiB) and pte (4 KiB) tables
 * of 512 8-byte descriptors. Blocks at the first (1 GiB) and second (2 MiB)
 * levels. Output addresses have 40 bits.
 *
 * Linux's bits (arch/arm/include/asm/pgtable-3level.h, cpu_v7_set_pte_ext
 * in arch/arm/mm/proc-v7-3level.S): write permission lives in the
 * software bit L_PTE_RDONLY (58), dirtiness in L_PTE_DIRTY (55); the
 * hardware AP[2] is set (read-only) unless the PTE is writable and
 * dirty, so the first write to a clean page faults. The access flag
 * starts clear, so the first access faults. Memory types index MAIR0/1 as
 * proc-v7-3level.S programs them (0xeeaa4400, 0xff000004): 0 Strongly-
 * ordered, 1 Normal NC, 2 WT, 3 WB, 4 Device, 7 Normal WB RA WA.
 */

#include "fmt_arm_lpae.h"

/* Table descriptors: hierarchical controls (B3.6.1; B3.7.1, B3.7.2). */
#define LPAE_PXN_TABLE	BIT_ULL(59)
#define LPAE_XN_TABLE	BIT_ULL(60)
#define LPAE_AP_TABLE0	BIT_ULL(61)	/* no PL0 access below */
#define LPAE_AP_TABLE1	BIT_ULL(62)	/* no write below */
#define LPAE_NS_TABLE	BIT_ULL(63)

/* MAIR1 << 32 | MAIR0, as proc-v7-3level.S writes them. */
#define LPAE_LINUX_MAIR	0xff000004eeaa4400ULL

static const struct smm_pt_level lpae_levels[] = {
	{ "pgd", 30, 2, BIT(SMM_PT_BLOCK), 0 },
	{ "pmd", 21, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pte", 12, 9, BIT(SMM_PT_PAGE), 0 },
};

static const struct smm_pt_level *lpae_level(unsigned int levels,
					     unsigned int level)
{
	if (levels == 3 && level < 3)
		return &lpae_levels[level];
	return NULL;
}

static u64 lpae_read(const void *desc, unsigned int level, u64 *sw)
{
	*sw = 0;
	return READ_ONCE(*(const u64 *)desc);
}

/*
 * AP[2:1] (B3.7.1, "Access permissions", simplified model): 00 PL1 RW,
 * 01 PL1 and PL0 RW, 10 PL1 RO, 11 PL1 and PL0 RO. Execution needs read
 * permission (ARMv7 has no execute-only memory) and neither XN nor, for
 * PL1, PXN. Linux sets neither WXN nor UWXN.
 */
static u32 lpae_leaf_perm(u64 raw)
{
	u32 perm = SMM_PT_PR;

	if (!(raw & LPAE_AP2))
		perm |= SMM_PT_PW;
	if (raw & LPAE_AP1)
		perm |= SMM_PT_UR | (perm & SMM_PT_PW ? SMM_PT_UW : 0);
	if (!(raw & LPAE_XN)) {
		if (!(raw & LPAE_PXN))
			perm |= SMM_PT_PX;
		if (perm & SMM_PT_UR)
			perm |= SMM_PT_UX;
	}
	return perm;
}

static u32 lpae_table_perm(u64 raw)
{
	u32 perm = SMM_PT_PERM_ALL;

	if (raw & LPAE_PXN_TABLE)
		perm &= ~SMM_PT_PX;
	if (raw & LPAE_XN_TABLE)
		perm &= ~(SMM_PT_PX | SMM_PT_UX);
	if (raw & LPAE_AP_TABLE0)
		perm &= ~(SMM_PT_UR | SMM_PT_UW | SMM_PT_UX);
	if (raw & LPAE_AP_TABLE1)
		perm &= ~(SMM_PT_PW | SMM_PT_UW);
	return perm;
}

static void lpae_decode(const struct smm_pt_cfg *cfg, unsigned int level,
			u64 raw, u64 sw, struct smm_pt_entry *e)
{
	u64 mask = 0;

	memset(e, 0, sizeof(*e));
	e->kind = SMM_PT_INVALID;
	if (level >= cfg->levels)
		return;
	e->kind = lpae_pt_next(raw, cfg->lvl[level]->shift, &e->addr, &mask);
	if (e->kind == SMM_PT_INVALID)
		return;
	e->size = 1ULL << cfg->lvl[level]->shift;
	if (e->kind == SMM_PT_TABLE) {
		e->perm = lpae_table_perm(raw);
		return;
	}
	e->perm = lpae_leaf_perm(raw);
	if (raw & LPAE_AF)
		e->attr |= SMM_PT_ATTR_ACCESSED;
	if (raw & BIT_ULL(LPAE_SW_DIRTY))
		e->attr |= SMM_PT_ATTR_DIRTY;
	if (!(raw & BIT_ULL(LPAE_SW_RDONLY)))
		e->attr |= SMM_PT_ATTR_SW_WRITE;
	if (!(raw & LPAE_NG))
		e->attr |= SMM_PT_ATTR_GLOBAL;
	if (raw & LPAE_CONT)
		e->attr |= SMM_PT_ATTR_CONTIG;
	if (smm_pt_mair_is_device(smm_pt_mair_attr(cfg->mair,
						   smm_pt_bits(raw, 4, 2))))
		e->attr |= SMM_PT_ATTR_DEVICE;
}

/* As pud_populate() and pmd_populate(): PMD_TYPE_TABLE and the address. */
static u64 lpae_set_table(void *desc, unsigned int idx, u64 page_pa)
{
	WRITE_ONCE(*(u64 *)desc,
		   (page_pa & LPAE_ADDR) | LPAE_VALID | LPAE_TABLE);
	return page_pa & LPAE_ADDR;
}

/* The Linux PTE (or huge PMD), as lpae_leaf_bits() encodes it. */
static void lpae_set_leaf(const struct smm_pt_cfg *cfg, void *desc,
			  unsigned int level, enum smm_pt_kind kind, u64 pa,
			  u32 prot, u32 attr)
{
	unsigned int shift = level < cfg->levels ? cfg->lvl[level]->shift : 12;
	u64 v = lpae_leaf_bits(kind == SMM_PT_PAGE, prot, attr);

	v |= pa & LPAE_ADDR & ~((1ULL << shift) - 1);
	WRITE_ONCE(*(u64 *)desc, v);
}

static const char *const lpae_ap_text[4] = {
	"PL1 RW, PL0 none", "PL1 RW, PL0 RW", "PL1 RO, PL0 none",
	"PL1 RO, PL0 RO",
};

static const char *const lpae_level_text[3] = {
	"first-level: 1 GiB per entry", "second-level: 2 MiB per entry",
	"third-level: 4 KiB per entry",
};

static const char *const lpae_ap_table_text[4] = {
	"no effect", "no PL0 access below", "no write below",
	"no write, no PL0 access below",
};

static unsigned int lpae_fields(const struct smm_pt_cfg *cfg,
				unsigned int level, u64 raw, u64 sw,
				struct smm_pt_field *f, unsigned int max)
{
	struct smm_pt_fields fs = { .f = f, .max = max };
	char mem[SMM_PT_FIELD_TEXT_LEN];
	struct smm_pt_entry e;

	if (level >= cfg->levels)
		return 0;
	lpae_decode(cfg, level, raw, sw, &e);
	smm_pt_field_add(&fs, "level", level + 1, lpae_level_text[level % 3]);

	switch (e.kind) {
	case SMM_PT_INVALID:
		smm_pt_field_add(&fs, "type", raw & 3,
				 raw & LPAE_VALID ? "reserved: invalid" :
						    "invalid");
		if (raw >> 1)
			smm_pt_field_add(&fs, "bits[63:1]", raw >> 1,
					 "ignored by the MMU");
		if (!(raw & LPAE_VALID) && (raw & LPAE_TABLE) &&
		    (raw & BIT_ULL(LPAE_SW_NONE)))
			smm_pt_field_add(&fs, "L_PTE_NONE", 1,
					 "Linux: present, PROT_NONE");
		return fs.n;
	case SMM_PT_TABLE:
		smm_pt_field_add(&fs, "type", raw & 3, "table");
		smm_pt_field_pa(&fs, "next-level table address",
				smm_pt_bits(raw, 39, 12), e.addr);
		smm_pt_field_add(&fs, "PXNTable", smm_pt_bit(raw, 59),
				 raw & LPAE_PXN_TABLE ? "no PL1 execution below" :
							"");
		smm_pt_field_add(&fs, "XNTable", smm_pt_bit(raw, 60),
				 raw & LPAE_XN_TABLE ? "no execution below" : "");
		smm_pt_field_add(&fs, "APTable", smm_pt_bits(raw, 62, 61),
				 lpae_ap_table_text[smm_pt_bits(raw, 62, 61)]);
		smm_pt_field_add(&fs, "NSTable", smm_pt_bit(raw, 63), NULL);
		return fs.n;
	default:
		break;
	}

	smm_pt_field_add(&fs, "type", raw & 3,
			 e.kind == SMM_PT_PAGE ? "page" :
			 e.size == SZ_1G_ULL ? "block: 1 GiB" : "block: 2 MiB");
	smm_pt_mair_text(smm_pt_mair_attr(cfg->mair, smm_pt_bits(raw, 4, 2)),
			 false, mem, sizeof(mem));
	smm_pt_field_add(&fs, "AttrIndx", smm_pt_bits(raw, 4, 2), mem);
	smm_pt_field_add(&fs, "NS", smm_pt_bit(raw, 5), NULL);
	smm_pt_field_add(&fs, "AP[2:1]", smm_pt_bits(raw, 7, 6),
			 lpae_ap_text[smm_pt_bits(raw, 7, 6)]);
	smm_pt_field_add(&fs, "SH", smm_pt_bits(raw, 9, 8),
			 smm_pt_sh_text[smm_pt_bits(raw, 9, 8)]);
	smm_pt_field_add(&fs, "AF", smm_pt_bit(raw, 10),
			 raw & LPAE_AF ? "accessed" : "access faults");
	smm_pt_field_add(&fs, "nG", smm_pt_bit(raw, 11),
			 raw & LPAE_NG ? "per ASID" : "global");
	smm_pt_field_pa(&fs, "OA", smm_pt_bits(raw, 39, cfg->lvl[level]->shift),
			e.addr);
	smm_pt_field_add(&fs, "Contiguous", smm_pt_bit(raw, 52),
			 raw & LPAE_CONT ? "one of 16 contiguous entries" : "");
	smm_pt_field_add(&fs, "PXN", smm_pt_bit(raw, 53), NULL);
	smm_pt_field_add(&fs, "XN", smm_pt_bit(raw, 54), NULL);
	smm_pt_field_add(&fs, "L_PTE_DIRTY", smm_pt_bit(raw, LPAE_SW_DIRTY),
			 NULL);
	smm_pt_field_add(&fs, "L_PTE_SPECIAL", smm_pt_bit(raw, LPAE_SW_SPECIAL),
			 NULL);
	smm_pt_field_add(&fs, "L_PTE_NONE", smm_pt_bit(raw, LPAE_SW_NONE),
			 NULL);
	smm_pt_field_add(&fs, "L_PTE_RDONLY", smm_pt_bit(raw, LPAE_SW_RDONLY),
			 raw & BIT_ULL(LPAE_SW_RDONLY) ? "read-only" :
							 "writable");
	return fs.n;
}

/*
 * arch/arm/mm/dump.c's names of the L_PTE_MT_* types with LPAE, in its
 * order; several share a value, and ptdump prints each one that matches.
 */
static const struct {
	u8 mt;
	const char *name;
} lpae_mt_names[] = {
	{ 0, "SO/UNCACHED" },
	{ 1, "MEM/BUFFERABLE/WC" },
	{ 2, "MEM/CACHED/WT" },
	{ 3, "MEM/CACHED/WBRA" },
	{ 7, "MEM/CACHED/WBWA" },
	{ 4, "DEV/SHARED" },
	{ 1, "DEV/WC" },
	{ 3, "DEV/CACHED" },
};

/* As arch/arm/mm/dump.c prints a PTE (pte_bits) or a PMD (section_bits). */
static void lpae_attrs_str(const struct smm_pt_cfg *cfg, unsigned int level,
			   u64 raw, u64 sw, char *buf, size_t len)
{
	u64 ro = BIT_ULL(LPAE_SW_RDONLY) | LPAE_AP2;
	size_t i;

	if (!len)
		return;
	buf[0] = '\0';
	smm_pt_attrs_add(buf, len, raw & LPAE_AP1 ? "USR" : "");
	if (level == cfg->levels - 1) {
		smm_pt_attrs_add(buf, len, raw & BIT_ULL(LPAE_SW_RDONLY) ?
				 "ro" : "RW");
		smm_pt_attrs_add(buf, len, raw & LPAE_XN ? "NX" : "x");
		smm_pt_attrs_add(buf, len,
				 (raw & LPAE_SH) == LPAE_SH ? "SHD" : "");
		for (i = 0; i < ARRAY_SIZE(lpae_mt_names); i++)
			if (smm_pt_bits(raw, 4, 2) == lpae_mt_names[i].mt)
				smm_pt_attrs_add(buf, len,
						 lpae_mt_names[i].name);
		return;
	}
	smm_pt_attrs_add(buf, len, (raw & ro) == ro ? "ro" : "RW");
	smm_pt_attrs_add(buf, len, raw & LPAE_XN ? "NX" : "x");
	smm_pt_attrs_add(buf, len, (raw & LPAE_SH) == LPAE_SH ? "SHD" : "");
}

const struct smm_pt_format smm_pt_format_arm_lpae = {
	.id = SHADOW_MM_PT_FORMAT_ARM_LPAE,
	.name = "arm-lpae",
	.min_levels = 3,
	.max_levels = 3,
	.desc_size = 8,
	.root_order = 0,
	.pa_bits = 40,
	.flags = SMM_PT_FMT_AF_FAULT,
	.default_mair = LPAE_LINUX_MAIR,
	.level = lpae_level,
	.read = lpae_read,
	.decode = lpae_decode,
	.set_table = lpae_set_table,
	.clear_table = smm_pt_clear_table64,
	.set_leaf = lpae_set_leaf,
	.clear_leaf = smm_pt_clear_leaf64,
	.fields = lpae_fields,
	.attrs_str = lpae_attrs_str,
};
