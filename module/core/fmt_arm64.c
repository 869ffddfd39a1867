// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: VMSAv8-64 stage 1 translation with a 4 KiB granule (ARM ARM
 * v8-A, issue F.c: D5.3 "VMSAv8-64 translation table format
 * descriptors", D5.4 "Memory access control", D5.5 "Memory region
 * attributes"; from issue H the same in chapter D8; MAIR_EL1 in the
 * AArch64 system register descriptions).
 *
 * 48-bit VA: 4 levels, lookup levels 0..3 (pgd, pud, pmd, pte); 39-bit
 * VA: 3 levels, lookup levels 1..3 (pgd, pmd, pte). Blocks at level 1
 * (1 GiB) and level 2 (2 MiB); level-0 entries are tables or invalid.
 *
 * As Linux 6.1 without FEAT_HAFDBS uses the bits
 * (arch/arm64/include/asm/pgtable-hwdef.h, pgtable-prot.h): DBM (bit 51)
 * is PTE_WRITE, and a writable page stays read-only (AP[2] = 1) until
 * PTE_DIRTY (bit 55) is set, so the first write faults; the access flag
 * starts clear, so the first access faults. Memory types index MAIR_EL1
 * as proc.S programs it: 0 and 1 Normal WB RA WA (MT_NORMAL,
 * MT_NORMAL_TAGGED), 2 Normal NC, 3 Device-nGnRnE, 4 Device-nGnRE.
 */

#include "fmt_arm64.h"

/* Table descriptors' hierarchical controls (D5.4, "Hierarchical ..."). */
#define A64_PXN_TABLE	BIT_ULL(59)
#define A64_UXN_TABLE	BIT_ULL(60)
#define A64_AP_TABLE0	BIT_ULL(61)	/* no EL0 access below */
#define A64_AP_TABLE1	BIT_ULL(62)	/* no write below */
#define A64_NS_TABLE	BIT_ULL(63)

/* MAIR_EL1_SET of arch/arm64/mm/proc.S in Linux 6.1. */
#define A64_LINUX_MAIR	0x000000040044ffffULL

static const struct smm_pt_level arm64_levels3[] = {
	{ "pgd", 30, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pmd", 21, 9, BIT(SMM_PT_BLOCK), 16 },
	{ "pte", 12, 9, BIT(SMM_PT_PAGE), 16 },
};

static const struct smm_pt_level arm64_levels4[] = {
	{ "pgd", 39, 9, 0, 0 },
	{ "pud", 30, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pmd", 21, 9, BIT(SMM_PT_BLOCK), 16 },
	{ "pte", 12, 9, BIT(SMM_PT_PAGE), 16 },
};

static const struct smm_pt_level *arm64_level(unsigned int levels,
					      unsigned int level)
{
	if (levels == 3 && level < 3)
		return &arm64_levels3[level];
	if (levels == 4 && level < 4)
		return &arm64_levels4[level];
	return NULL;
}

static u64 arm64_read(const void *desc, unsigned int level, u64 *sw)
{
	*sw = 0;
	return READ_ONCE(*(const u64 *)desc);
}

/* The architecture's lookup level of @level: 0 (512 GiB) .. 3 (4 KiB). */
static unsigned int arm64_lookup_level(const struct smm_pt_cfg *cfg,
				       unsigned int level)
{
	return 3 - (cfg->lvl[level]->shift - 12) / 9;
}

/*
 * Data permissions of AP[2:1] (D5.4, "Data access permissions for stage
 * 1 translations"), and execution: PXN and UXN, plus the rule that memory
 * writable at EL0 is never executable at EL1. The rule is applied to the
 * leaf's AP alone, not after APTable.
 */
static u32 arm64_leaf_perm(u64 raw)
{
	u32 perm = SMM_PT_PR;

	if (!(raw & A64_AP2))
		perm |= SMM_PT_PW;
	if (raw & A64_AP1)
		perm |= SMM_PT_UR | (perm & SMM_PT_PW ? SMM_PT_UW : 0);
	if (!(raw & A64_PXN) && !(perm & SMM_PT_UW))
		perm |= SMM_PT_PX;
	if (!(raw & A64_UXN))
		perm |= SMM_PT_UX;
	return perm;
}

static u32 arm64_table_perm(u64 raw)
{
	u32 perm = SMM_PT_PERM_ALL;

	if (raw & A64_PXN_TABLE)
		perm &= ~SMM_PT_PX;
	if (raw & A64_UXN_TABLE)
		perm &= ~SMM_PT_UX;
	if (raw & A64_AP_TABLE0)
		perm &= ~(SMM_PT_UR | SMM_PT_UW);
	if (raw & A64_AP_TABLE1)
		perm &= ~(SMM_PT_PW | SMM_PT_UW);
	return perm;
}

static void arm64_decode(const struct smm_pt_cfg *cfg, unsigned int level,
			 u64 raw, u64 sw, struct smm_pt_entry *e)
{
	u64 mask = 0;

	memset(e, 0, sizeof(*e));
	e->kind = SMM_PT_INVALID;
	if (level >= cfg->levels)
		return;
	e->kind = arm64_pt_next(raw, cfg->lvl[level]->shift, &e->addr, &mask);
	if (e->kind == SMM_PT_INVALID)
		return;
	e->size = 1ULL << cfg->lvl[level]->shift;
	if (e->kind == SMM_PT_TABLE) {
		e->perm = arm64_table_perm(raw);
		return;
	}
	e->perm = arm64_leaf_perm(raw);
	if (raw & A64_AF)
		e->attr |= SMM_PT_ATTR_ACCESSED;
	/* pte_dirty(): the software bit, or writable by DBM and written */
	if ((raw & BIT_ULL(A64_SW_DIRTY)) ||
	    ((raw & A64_DBM) && !(raw & A64_AP2)))
		e->attr |= SMM_PT_ATTR_DIRTY;
	if (raw & A64_DBM)
		e->attr |= SMM_PT_ATTR_SW_WRITE;
	if (!(raw & A64_NG))
		e->attr |= SMM_PT_ATTR_GLOBAL;
	if (raw & A64_CONT)
		e->attr |= SMM_PT_ATTR_CONTIG;
	if (smm_pt_mair_is_device(smm_pt_mair_attr(cfg->mair,
						   smm_pt_bits(raw, 4, 2))))
		e->attr |= SMM_PT_ATTR_DEVICE;
}

/* As pud/pmd_populate(): a bare table descriptor (see set_leaf). */
static u64 arm64_set_table(void *desc, unsigned int idx, u64 page_pa)
{
	WRITE_ONCE(*(u64 *)desc, (page_pa & A64_ADDR) | A64_VALID | A64_TABLE);
	return page_pa & A64_ADDR;
}

/*
 * As Linux encodes its protections (arm64_leaf_bits()). Linux also sets
 * PXNTable on user tables and UXNTable on kernel ones; a shadow space
 * holds both in one tree, so its tables carry no restriction.
 */
static void arm64_set_leaf(const struct smm_pt_cfg *cfg, void *desc,
			   unsigned int level, enum smm_pt_kind kind, u64 pa,
			   u32 prot, u32 attr)
{
	unsigned int shift = level < cfg->levels ? cfg->lvl[level]->shift : 12;
	u64 v = arm64_leaf_bits(kind == SMM_PT_PAGE, prot, attr);

	v |= pa & A64_ADDR & ~((1ULL << shift) - 1);
	WRITE_ONCE(*(u64 *)desc, v);
}

static const char *const arm64_ap_text[4] = {
	"EL1 RW, EL0 none", "EL1 RW, EL0 RW", "EL1 RO, EL0 none",
	"EL1 RO, EL0 RO",
};

static const char *const arm64_level_text[4] = {
	"level 0: 512 GiB per entry", "level 1: 1 GiB per entry",
	"level 2: 2 MiB per entry", "level 3: 4 KiB per entry",
};

static const char *const arm64_ap_table_text[4] = {
	"no effect", "no EL0 access below", "no write below",
	"no write, no EL0 access below",
};

static unsigned int arm64_fields(const struct smm_pt_cfg *cfg,
				 unsigned int level, u64 raw, u64 sw,
				 struct smm_pt_field *f, unsigned int max)
{
	struct smm_pt_fields fs = { .f = f, .max = max };
	char mem[SMM_PT_FIELD_TEXT_LEN];
	struct smm_pt_entry e;
	unsigned int lookup;

	if (level >= cfg->levels)
		return 0;
	arm64_decode(cfg, level, raw, sw, &e);
	lookup = arm64_lookup_level(cfg, level);
	smm_pt_field_add(&fs, "level", lookup, arm64_level_text[lookup & 3]);

	switch (e.kind) {
	case SMM_PT_INVALID:
		smm_pt_field_add(&fs, "type", raw & 3,
				 raw & A64_VALID ? "reserved: invalid" :
						   "invalid");
		if (raw >> 1)
			smm_pt_field_add(&fs, "bits[63:1]", raw >> 1,
					 "ignored by the MMU");
		if (!(raw & A64_VALID) && (raw & BIT_ULL(A64_SW_PROT_NONE)))
			smm_pt_field_add(&fs, "PTE_PROT_NONE", 1,
					 "Linux: present, PROT_NONE");
		return fs.n;
	case SMM_PT_TABLE:
		smm_pt_field_add(&fs, "type", raw & 3, "table");
		smm_pt_field_pa(&fs, "next-level table address",
				smm_pt_bits(raw, 47, 12), e.addr);
		smm_pt_field_add(&fs, "PXNTable", smm_pt_bit(raw, 59),
				 raw & A64_PXN_TABLE ? "no EL1 execution below" :
						       "");
		smm_pt_field_add(&fs, "UXNTable", smm_pt_bit(raw, 60),
				 raw & A64_UXN_TABLE ? "no EL0 execution below" :
						       "");
		smm_pt_field_add(&fs, "APTable", smm_pt_bits(raw, 62, 61),
				 arm64_ap_table_text[smm_pt_bits(raw, 62, 61)]);
		smm_pt_field_add(&fs, "NSTable", smm_pt_bit(raw, 63), NULL);
		return fs.n;
	default:
		break;
	}

	smm_pt_field_add(&fs, "type", raw & 3,
			 e.kind == SMM_PT_PAGE ? "page" :
			 e.size == SZ_1G_ULL ? "block: 1 GiB" : "block: 2 MiB");
	smm_pt_mair_text(smm_pt_mair_attr(cfg->mair, smm_pt_bits(raw, 4, 2)),
			 true, mem, sizeof(mem));
	smm_pt_field_add(&fs, "AttrIndx", smm_pt_bits(raw, 4, 2), mem);
	smm_pt_field_add(&fs, "NS", smm_pt_bit(raw, 5), NULL);
	smm_pt_field_add(&fs, "AP[2:1]", smm_pt_bits(raw, 7, 6),
			 arm64_ap_text[smm_pt_bits(raw, 7, 6)]);
	smm_pt_field_add(&fs, "SH", smm_pt_bits(raw, 9, 8),
			 smm_pt_sh_text[smm_pt_bits(raw, 9, 8)]);
	smm_pt_field_add(&fs, "AF", smm_pt_bit(raw, 10),
			 raw & A64_AF ? "accessed" : "access faults");
	smm_pt_field_add(&fs, "nG", smm_pt_bit(raw, 11),
			 raw & A64_NG ? "per ASID" : "global");
	smm_pt_field_pa(&fs, "OA", smm_pt_bits(raw, 47, cfg->lvl[level]->shift),
			e.addr);
	smm_pt_field_add(&fs, "GP", smm_pt_bit(raw, 50), NULL);
	smm_pt_field_add(&fs, "DBM", smm_pt_bit(raw, 51), "Linux PTE_WRITE");
	smm_pt_field_add(&fs, "Contiguous", smm_pt_bit(raw, 52),
			 raw & A64_CONT ? "one of 16 contiguous entries" : "");
	smm_pt_field_add(&fs, "PXN", smm_pt_bit(raw, 53), NULL);
	smm_pt_field_add(&fs, "UXN", smm_pt_bit(raw, 54), NULL);
	smm_pt_field_add(&fs, "PTE_DIRTY", smm_pt_bit(raw, A64_SW_DIRTY), NULL);
	smm_pt_field_add(&fs, "PTE_SPECIAL", smm_pt_bit(raw, A64_SW_SPECIAL),
			 NULL);
	smm_pt_field_add(&fs, "PTE_DEVMAP", smm_pt_bit(raw, A64_SW_DEVMAP),
			 NULL);
	return fs.n;
}

/* Linux's MT_* name of a MAIR attribute, as arm64's ptdump prints it. */
static const char *arm64_mt_name(u8 attr)
{
	switch (attr) {
	case 0x00:
		return "DEVICE/nGnRnE";
	case 0x04:
		return "DEVICE/nGnRE";
	case 0x44:
		return "MEM/NORMAL-NC";
	case 0xff:
		return "MEM/NORMAL";
	case 0xf0:
		return "MEM/NORMAL-TAGGED";
	default:
		return smm_pt_mair_is_device(attr) ? "DEVICE/?" : "MEM/?";
	}
}

/* As arch/arm64/mm/ptdump.c prints a leaf's pte_bits. */
static void arm64_attrs_str(const struct smm_pt_cfg *cfg, unsigned int level,
			    u64 raw, u64 sw, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	smm_pt_attrs_add(buf, len, raw & A64_VALID ? "" : "F");
	smm_pt_attrs_add(buf, len, raw & A64_AP1 ? "USR" : "");
	smm_pt_attrs_add(buf, len, raw & A64_AP2 ? "ro" : "RW");
	smm_pt_attrs_add(buf, len, raw & A64_PXN ? "NX" : "x");
	smm_pt_attrs_add(buf, len, (raw & A64_SH) == A64_SH ? "SHD" : "");
	smm_pt_attrs_add(buf, len, raw & A64_AF ? "AF" : "");
	smm_pt_attrs_add(buf, len, raw & A64_NG ? "NG" : "");
	smm_pt_attrs_add(buf, len, raw & A64_CONT ? "CON" : "");
	smm_pt_attrs_add(buf, len, raw & A64_TABLE ? "" : "BLK");
	smm_pt_attrs_add(buf, len, raw & A64_UXN ? "UXN" : "");
	smm_pt_attrs_add(buf, len, raw & A64_GP ? "GP" : "");
	smm_pt_attrs_add(buf, len,
			 arm64_mt_name(smm_pt_mair_attr(cfg->mair,
							smm_pt_bits(raw, 4, 2))));
}

const struct smm_pt_format smm_pt_format_arm64 = {
	.id = SHADOW_MM_PT_FORMAT_ARM64,
	.name = "arm64",
	.min_levels = 3,
	.max_levels = 4,
	.desc_size = 8,
	.root_order = 0,
	.pa_bits = 48,
	.flags = SMM_PT_FMT_AF_FAULT,
	.default_mair = A64_LINUX_MAIR,
	.level = arm64_level,
	.read = arm64_read,
	.decode = arm64_decode,
	.set_table = arm64_set_table,
	.clear_table = smm_pt_clear_table64,
	.set_leaf = arm64_set_leaf,
	.clear_leaf = smm_pt_clear_leaf64,
	.fields = arm64_fields,
	.attrs_str = arm64_attrs_str,
};
