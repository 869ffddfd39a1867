// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64: IA-32e paging with 4 levels, or 5 with LA57 (Intel SDM vol. 3A,
 * 4.5 "4-Level Paging and 5-Level Paging"; entry formats in tables 4-14
 * (PML5E) to 4-20 (PTE)).
 *
 * Linux's names and the SDM's, per depth:
 *   4 levels: pgd = PML4, pud = PDPT, pmd = PD, pte = PT
 *   5 levels: pgd = PML5, p4d = PML4, then as with 4
 * The "level" field of every entry gives the SDM's name.
 *
 * The MMU modelled: CR0.WP = 1 (the kernel cannot write read-only
 * pages), EFER.NXE = 1, no SMEP and no SMAP (the kernel may read, write
 * and execute user pages as their bits allow), CR4.PKE = 0 (protection
 * keys decoded, not enforced), MAXPHYADDR 52. Memory types through the
 * PAT Linux programs (arch/x86/mm/pat/memtype.c): WB WC UC- UC WB WP UC- WT.
 */

#include "fmt_x86_64.h"

/* Linux's software bits (arch/x86/include/asm/pgtable_types.h). */
#define X86_SW_SPECIAL		9
#define X86_SW_UFFD_WP		10
#define X86_SW_SOFT_DIRTY	11
#define X86_SW_DEVMAP		58

/* What Linux's pud/pmd/p4d_populate() write: _PAGE_TABLE. */
#define X86_TABLE_BITS	(X86_P | X86_RW | X86_US | X86_A | X86_D)

static const struct smm_pt_level x86_levels4[] = {
	{ "pgd", 39, 9, 0, 0 },
	{ "pud", 30, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pmd", 21, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pte", 12, 9, BIT(SMM_PT_PAGE), 0 },
};

static const struct smm_pt_level x86_levels5[] = {
	{ "pgd", 48, 9, 0, 0 },
	{ "p4d", 39, 9, 0, 0 },
	{ "pud", 30, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pmd", 21, 9, BIT(SMM_PT_BLOCK), 0 },
	{ "pte", 12, 9, BIT(SMM_PT_PAGE), 0 },
};

/* The PAT Linux programs, indexed by PAT:PCD:PWT. */
static const char *const x86_pat_types[8] = {
	"WB", "WC", "UC-", "UC", "WB", "WP", "UC-", "WT"
};

static const struct smm_pt_level *x86_level(unsigned int levels,
					    unsigned int level)
{
	if (levels == 4 && level < 4)
		return &x86_levels4[level];
	if (levels == 5 && level < 5)
		return &x86_levels5[level];
	return NULL;
}

static u64 x86_read(const void *desc, unsigned int level, u64 *sw)
{
	*sw = 0;
	return READ_ONCE(*(const u64 *)desc);
}

static bool x86_is_last(const struct smm_pt_cfg *cfg, unsigned int level)
{
	return level == cfg->levels - 1;
}

/* The PAT entry a leaf selects: PAT:PCD:PWT (SDM 11.12.3). */
static unsigned int x86_pat_index(const struct smm_pt_cfg *cfg,
				  unsigned int level, u64 raw)
{
	u64 pat = x86_is_last(cfg, level) ? raw & X86_PAT :
					    raw & X86_PAT_LARGE;

	return (pat ? 4 : 0) | (raw & X86_PCD ? 2 : 0) | (raw & X86_PWT ? 1 : 0);
}

/* A leaf's permissions (SDM 4.6.1, CR0.WP = 1, no SMEP or SMAP). */
static u32 x86_leaf_perm(u64 raw)
{
	u32 perm = SMM_PT_PR;

	if (raw & X86_RW)
		perm |= SMM_PT_PW;
	if (!(raw & X86_XD))
		perm |= SMM_PT_PX;
	if (raw & X86_US)
		perm |= (perm & (SMM_PT_PW | SMM_PT_PX)) << 3 | SMM_PT_UR;
	return perm;
}

/* What a non-leaf entry takes away from the entries below (SDM 4.6.1). */
static u32 x86_table_perm(u64 raw)
{
	u32 perm = SMM_PT_PERM_ALL;

	if (!(raw & X86_RW))
		perm &= ~(SMM_PT_PW | SMM_PT_UW);
	if (!(raw & X86_US))
		perm &= ~(SMM_PT_UR | SMM_PT_UW | SMM_PT_UX);
	if (raw & X86_XD)
		perm &= ~(SMM_PT_PX | SMM_PT_UX);
	return perm;
}

static void x86_decode(const struct smm_pt_cfg *cfg, unsigned int level,
		       u64 raw, u64 sw, struct smm_pt_entry *e)
{
	unsigned int pat;
	u64 mask = 0;

	memset(e, 0, sizeof(*e));
	e->kind = SMM_PT_INVALID;
	if (level >= cfg->levels)
		return;
	e->kind = x86_64_pt_next(raw, cfg->lvl[level]->shift, &e->addr, &mask);
	if (e->kind == SMM_PT_INVALID)
		return;
	e->size = 1ULL << cfg->lvl[level]->shift;
	if (e->kind == SMM_PT_TABLE) {
		e->perm = x86_table_perm(raw);
		if (raw & X86_A)
			e->attr |= SMM_PT_ATTR_ACCESSED;
		return;
	}
	e->perm = x86_leaf_perm(raw);
	if (raw & X86_A)
		e->attr |= SMM_PT_ATTR_ACCESSED;
	if (raw & X86_D)
		e->attr |= SMM_PT_ATTR_DIRTY;
	if (raw & X86_RW)
		e->attr |= SMM_PT_ATTR_SW_WRITE;
	if (raw & X86_G)
		e->attr |= SMM_PT_ATTR_GLOBAL;
	pat = x86_pat_index(cfg, level, raw);
	if (pat == 2 || pat == 3 || pat == 6)
		e->attr |= SMM_PT_ATTR_DEVICE;
}

static u64 x86_set_table(void *desc, unsigned int idx, u64 page_pa)
{
	WRITE_ONCE(*(u64 *)desc, (page_pa & X86_ADDR) | X86_TABLE_BITS);
	return page_pa & X86_ADDR;
}

/* As Linux's PAGE_KERNEL and friends: see x86_64_leaf_bits(). */
static void x86_set_leaf(const struct smm_pt_cfg *cfg, void *desc,
			 unsigned int level, enum smm_pt_kind kind, u64 pa,
			 u32 prot, u32 attr)
{
	bool large = kind == SMM_PT_BLOCK && level < cfg->levels;
	u64 v = x86_64_leaf_bits(large, prot, attr);

	if (large)
		v |= pa & X86_ADDR & ~((1ULL << cfg->lvl[level]->shift) - 1);
	else
		v |= pa & X86_ADDR;
	WRITE_ONCE(*(u64 *)desc, v);
}

/* The SDM's name of an entry at @level. */
static const char *x86_entry_name(const struct smm_pt_cfg *cfg,
				  unsigned int level)
{
	switch (cfg->lvl[level]->shift) {
	case 48:
		return "PML5E: PML5 entry";
	case 39:
		return "PML4E: PML4 entry";
	case 30:
		return "PDPTE: page-directory-pointer entry";
	case 21:
		return "PDE: page-directory entry";
	default:
		return "PTE: page-table entry";
	}
}

static unsigned int x86_fields(const struct smm_pt_cfg *cfg,
			       unsigned int level, u64 raw, u64 sw,
			       struct smm_pt_field *f, unsigned int max)
{
	struct smm_pt_fields fs = { .f = f, .max = max };
	struct smm_pt_entry e;
	const char *size_text;
	u64 x;

	if (level >= cfg->levels)
		return 0;
	x86_decode(cfg, level, raw, sw, &e);
	/* 5 for a PML5E down to 1 for a PTE */
	smm_pt_field_add(&fs, "level", (cfg->lvl[level]->shift - 12) / 9 + 1,
			 x86_entry_name(cfg, level));
	smm_pt_field_add(&fs, "P", raw & X86_P,
			 raw & X86_P ? "present" : "not present");
	if (!(raw & X86_P)) {
		x = raw >> 1;
		if (x)
			smm_pt_field_add(&fs, "bits[63:1]", x,
					 "ignored by the MMU");
		return fs.n;
	}
	smm_pt_field_add(&fs, "R/W", smm_pt_bit(raw, 1),
			 raw & X86_RW ? "writable" : "read-only");
	smm_pt_field_add(&fs, "U/S", smm_pt_bit(raw, 2),
			 raw & X86_US ? "user" : "supervisor only");
	smm_pt_field_add(&fs, "PWT", smm_pt_bit(raw, 3), NULL);
	smm_pt_field_add(&fs, "PCD", smm_pt_bit(raw, 4), NULL);
	smm_pt_field_add(&fs, "A", smm_pt_bit(raw, 5), "accessed");

	if (e.kind == SMM_PT_TABLE) {
		if (cfg->lvl[level]->leaf_kinds & BIT(SMM_PT_BLOCK))
			smm_pt_field_add(&fs, "PS", 0, "PS=0 points to a table");
		smm_pt_field_pa(&fs, "addr", smm_pt_bits(raw, 51, 12), e.addr);
		smm_pt_field_add(&fs, "XD", smm_pt_bit(raw, 63),
				 raw & X86_XD ? "NX: no execute below" : "");
		return fs.n;
	}

	smm_pt_field_add(&fs, "D", smm_pt_bit(raw, 6), "dirty");
	if (!x86_is_last(cfg, level)) {
		size_text = cfg->lvl[level]->shift == 30 ? "PS=1 1 GiB page" :
							   "PS=1 2 MiB page";
		if (e.kind == SMM_PT_INVALID)
			size_text = "PS=1 reserved here: page fault";
		smm_pt_field_add(&fs, "PS", smm_pt_bit(raw, 7), size_text);
	}
	smm_pt_field_add(&fs, "G", smm_pt_bit(raw, 8), "global");
	smm_pt_field_add(&fs, "PAT", x86_is_last(cfg, level) ?
			 smm_pt_bit(raw, 7) : smm_pt_bit(raw, 12), NULL);
	smm_pt_field_add(&fs, "type", x86_pat_index(cfg, level, raw),
			 x86_pat_types[x86_pat_index(cfg, level, raw)]);
	if (e.kind != SMM_PT_INVALID)
		smm_pt_field_pa(&fs, "addr",
				smm_pt_bits(raw, 51, cfg->lvl[level]->shift),
				e.addr);
	smm_pt_field_add(&fs, "PK", smm_pt_bits(raw, 62, 59),
			 "protection key");
	smm_pt_field_add(&fs, "XD", smm_pt_bit(raw, 63),
			 raw & X86_XD ? "NX: no execute" : "");
	smm_pt_field_add(&fs, "_PAGE_SPECIAL", smm_pt_bit(raw, X86_SW_SPECIAL),
			 NULL);
	smm_pt_field_add(&fs, "_PAGE_UFFD_WP", smm_pt_bit(raw, X86_SW_UFFD_WP),
			 NULL);
	smm_pt_field_add(&fs, "_PAGE_SOFT_DIRTY",
			 smm_pt_bit(raw, X86_SW_SOFT_DIRTY), NULL);
	smm_pt_field_add(&fs, "_PAGE_DEVMAP", smm_pt_bit(raw, X86_SW_DEVMAP),
			 NULL);
	return fs.n;
}

/* As arch/x86/mm/dump_pagetables.c prints a present entry. */
static void x86_attrs_str(const struct smm_pt_cfg *cfg, unsigned int level,
			  u64 raw, u64 sw, char *buf, size_t len)
{
	bool last;

	if (!len)
		return;
	buf[0] = '\0';
	if (level >= cfg->levels || !(raw & X86_P))
		return;
	last = x86_is_last(cfg, level);
	smm_pt_attrs_add(buf, len, raw & X86_US ? "USR" : "");
	smm_pt_attrs_add(buf, len, raw & X86_RW ? "RW" : "ro");
	smm_pt_attrs_add(buf, len, raw & X86_PWT ? "PWT" : "");
	smm_pt_attrs_add(buf, len, raw & X86_PCD ? "PCD" : "");
	smm_pt_attrs_add(buf, len, !last && (raw & X86_PS) ? "PSE" : "");
	if ((last && (raw & X86_PAT)) || (!last && (raw & X86_PAT_LARGE)))
		smm_pt_attrs_add(buf, len, "PAT");
	smm_pt_attrs_add(buf, len, raw & X86_G ? "GLB" : "");
	smm_pt_attrs_add(buf, len, raw & X86_XD ? "NX" : "x");
}

const struct smm_pt_format smm_pt_format_x86_64 = {
	.id = SHADOW_MM_PT_FORMAT_X86_64,
	.name = "x86_64",
	.min_levels = 4,
	.max_levels = 5,
	.desc_size = 8,
	.root_order = 0,
	.pa_bits = 52,
	.flags = SMM_PT_FMT_HW_AD,
	.default_mair = 0,
	.level = x86_level,
	.read = x86_read,
	.decode = x86_decode,
	.set_table = x86_set_table,
	.clear_table = smm_pt_clear_table64,
	.set_leaf = x86_set_leaf,
	.clear_leaf = smm_pt_clear_leaf64,
	.fields = x86_fields,
	.attrs_str = x86_attrs_str,
};
