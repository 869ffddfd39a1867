// SPDX-License-Identifier: GPL-2.0
/*
 * arm: the ARMv7 Short-descriptor translation table format (ARM ARM
 * v7-AR: B3.5.1 "Short-descriptor translation table format descriptors",
 * both levels; B3.7.1 "Access permissions", with SCTLR.AFE = 0; B3.8.3
 * memory attributes "with TEX remap", SCTLR.TRE = 1, through the PRRR and
 * NMRR registers of B4.1), the way Linux's 2-level tables use it
 * (arch/arm/include/asm/pgtable-2level*.h, arch/arm/mm/proc-v7-2level.S).
 *
 * Level 0, the hardware's first level ("pgd"): 4096 four-byte entries,
 * 1 MiB each, in a 16 KiB table. Linux sees 2048 pgd_t pairs (PGDIR_SHIFT
 * 21) and always fills both entries of a pair. An entry is a fault, a
 * page table, a 1 MiB section, or one of the 16 identical entries of a
 * 16 MiB supersection (PA up to 40 bits, through PA[39:32] in the entry).
 *
 * Level 1, the hardware's second level ("pte"): 256 entries, 4 KiB each,
 * in a 1 KiB table. Linux puts two of them and its own two tables in one
 * 4 KiB page:
 *
 *   +0     Linux pt 0   (L_PTE_* bits, for the hardware table at +2048)
 *   +1024  Linux pt 1   (for +3072)
 *   +2048  h/w pt 0     pointed to by first-level entry 2n
 *   +3072  h/w pt 1     pointed to by first-level entry 2n + 1
 *
 * The hardware has no accessed or dirty bit here: a page Linux calls old
 * has an empty hardware PTE (a translation fault), and a clean one is
 * read-only (AP[2]), as cpu_v7_set_pte_ext writes them.
 */

#include "fmt_arm.h"

/* Linux's domains (asm/domain.h, without CONFIG_IO_36). */
#define ARM_DOMAIN_KERNEL	0
#define ARM_DOMAIN_USER		1
#define ARM_DOMAIN_IO		2

/* Below PAGE_OFFSET 0xc0000000 (VMSPLIT_3G): user space's entries. */
#define ARM_USER_L1_ENTRIES	3072

/* TEX remap registers as proc-v7-2level.S programs them. */
#define ARM_LINUX_PRRR		0xff0a81a8U
#define ARM_LINUX_NMRR		0x40e040e0U

static const struct smm_pt_level arm_levels[] = {
	{ "pgd", 20, 12, BIT(SMM_PT_BLOCK), 16 },
	{ "pte", 12, 8, BIT(SMM_PT_PAGE), 0 },
};

static const struct smm_pt_level *arm_level(unsigned int levels,
					    unsigned int level)
{
	if (levels == 2 && level < 2)
		return &arm_levels[level];
	return NULL;
}

static u64 arm_read(const void *desc, unsigned int level, u64 *sw)
{
	*sw = 0;
	if (level == 1 && arm_has_linux_pte(desc))
		*sw = READ_ONCE(*(const u32 *)((const u8 *)desc -
					       ARM_HW_TABLE_OFF));
	return READ_ONCE(*(const u32 *)desc);
}

/*
 * Permissions of AP[2:0] with SCTLR.AFE = 0 (B3.7.1, table "VMSAv7 MMU
 * access permissions"): 001 PL1 RW; 010 PL1 RW, PL0 RO; 011 both RW;
 * 101 PL1 RO; 110 and 111 both RO; 000 and 100 no access. Execution
 * needs read permission and no XN (and, at PL1, no PXN).
 */
static u32 arm_ap_perm(unsigned int apx, unsigned int ap, bool xn, bool pxn)
{
	static const u8 perm_of[8] = {
		[1] = SMM_PT_PR | SMM_PT_PW,
		[2] = SMM_PT_PR | SMM_PT_PW | SMM_PT_UR,
		[3] = SMM_PT_PR | SMM_PT_PW | SMM_PT_UR | SMM_PT_UW,
		[5] = SMM_PT_PR,
		[6] = SMM_PT_PR | SMM_PT_UR,
		[7] = SMM_PT_PR | SMM_PT_UR,
	};
	u32 perm = perm_of[(apx << 2 | ap) & 7];

	if (!xn) {
		if (!pxn && (perm & SMM_PT_PR))
			perm |= SMM_PT_PX;
		if (perm & SMM_PT_UR)
			perm |= SMM_PT_UX;
	}
	return perm;
}

/* TEX remap (B3.8.3): n = TEX[0]:C:B selects PRRR.TRn and NMRR.IRn/ORn. */
static unsigned int arm_remap_n(u64 raw, u64 tex0)
{
	return (raw & tex0 ? 4 : 0) | (raw & ARM_PTE_C ? 2 : 0) |
	       (raw & ARM_PTE_B ? 1 : 0);
}

static bool arm_remap_is_device(unsigned int n)
{
	/* PRRR.TRn: 00 Strongly-ordered, 01 Device, 10 Normal */
	return ((ARM_LINUX_PRRR >> (2 * n)) & 3) < 2;
}

static void arm_remap_text(unsigned int n, char *buf, size_t len)
{
	static const char *const policy[4] = { "NC", "WB WA", "WT", "WB" };
	unsigned int tr = (ARM_LINUX_PRRR >> (2 * n)) & 3;
	unsigned int ir = (ARM_LINUX_NMRR >> (2 * n)) & 3;
	unsigned int or = (ARM_LINUX_NMRR >> (2 * n + 16)) & 3;

	if (tr == 0)
		snprintf(buf, len, "Strongly-ordered");
	else if (tr == 1)
		snprintf(buf, len, "Device");
	else if (tr == 3)
		snprintf(buf, len, "reserved");
	else if (ir == or)
		snprintf(buf, len, "Normal %s", policy[ir]);
	else
		snprintf(buf, len, "Normal I:%s O:%s", policy[ir], policy[or]);
}

/* A section's or supersection's output address (B3.5.1). */
static u64 arm_sect_addr(u64 raw)
{
	u64 addr = 0, mask;

	arm_pt_next(raw | ARM_L1_SECT, ARM_L1_SHIFT, &addr, &mask);
	return addr;
}

static void arm_decode_l1(u64 raw, struct smm_pt_entry *e)
{
	u64 mask = 0;

	e->kind = arm_pt_next(raw, ARM_L1_SHIFT, &e->addr, &mask);
	switch (e->kind) {
	case SMM_PT_INVALID:
		return;
	case SMM_PT_TABLE:
		e->size = SZ_1M_ULL;
		e->perm = SMM_PT_PERM_ALL;
		if (raw & ARM_L1_PXN_TABLE)
			e->perm &= ~SMM_PT_PX;
		return;
	default:
		break;
	}
	e->size = mask + 1;
	e->perm = arm_ap_perm(smm_pt_bit(raw, 15), smm_pt_bits(raw, 11, 10),
			      raw & ARM_SECT_XN, raw & ARM_SECT_PXN);
	/*
	 * No access flag (AFE = 0) and no dirty tracking: a section is
	 * always young, and dirty as soon as it is writable.
	 */
	e->attr = SMM_PT_ATTR_ACCESSED;
	if (e->perm & SMM_PT_PW)
		e->attr |= SMM_PT_ATTR_DIRTY | SMM_PT_ATTR_SW_WRITE;
	if (!(raw & ARM_SECT_NG))
		e->attr |= SMM_PT_ATTR_GLOBAL;
	if (raw & ARM_SECT_SUPER)
		e->attr |= SMM_PT_ATTR_CONTIG;
	if (arm_remap_is_device(arm_remap_n(raw, ARM_SECT_TEX0)))
		e->attr |= SMM_PT_ATTR_DEVICE;
}

/* What a present Linux PTE says about the page. */
static u32 arm_linux_attr(u64 pte)
{
	u32 attr = 0;

	if (pte & L_PTE_YOUNG)
		attr |= SMM_PT_ATTR_ACCESSED;
	if (pte & L_PTE_DIRTY)
		attr |= SMM_PT_ATTR_DIRTY;
	if (!(pte & L_PTE_RDONLY))
		attr |= SMM_PT_ATTR_SW_WRITE;
	return attr;
}

static void arm_decode_l2(u64 raw, u64 sw, struct smm_pt_entry *e)
{
	bool linux_pte = sw & L_PTE_PRESENT;
	u64 hw, mask = 0;
	unsigned int n;

	if (!(raw & ARM_PTE_TYPE)) {
		/* old (or PROT_NONE): the hardware PTE Linux keeps empty */
		if (!linux_pte || (sw & L_PTE_NONE))
			return;
		hw = arm_hw_pte(sw | L_PTE_YOUNG, 0);
		e->addr = sw & ARM_SMALL_ADDR;
		e->size = SZ_4K_ULL;
		e->perm = arm_ap_perm(smm_pt_bit(hw, 9), smm_pt_bits(hw, 5, 4),
				      hw & ARM_PTE_XN, false);
		e->attr = SMM_PT_ATTR_SW_PRESENT | arm_linux_attr(sw);
		if (!(sw & L_PTE_USER))
			e->attr |= SMM_PT_ATTR_GLOBAL;
		if (arm_remap_is_device(arm_remap_n(hw, ARM_PTE_TEX0)))
			e->attr |= SMM_PT_ATTR_DEVICE;
		return;
	}

	e->kind = arm_pt_next(raw, SMM_PT_PAGE_SHIFT, &e->addr, &mask);
	e->size = mask + 1;
	if (raw & ARM_PTE_SMALL) {
		e->perm = arm_ap_perm(smm_pt_bit(raw, 9), smm_pt_bits(raw, 5, 4),
				      raw & ARM_PTE_XN, false);
		n = arm_remap_n(raw, ARM_PTE_TEX0);
	} else {
		e->perm = arm_ap_perm(smm_pt_bit(raw, 9), smm_pt_bits(raw, 5, 4),
				      raw & ARM_LARGE_XN, false);
		n = arm_remap_n(raw, ARM_LARGE_TEX0);
	}
	/* A valid hardware PTE is young; without a Linux PTE, go by it. */
	if (linux_pte)
		e->attr = arm_linux_attr(sw);
	else if (e->perm & SMM_PT_PW)
		e->attr = SMM_PT_ATTR_DIRTY | SMM_PT_ATTR_SW_WRITE;
	e->attr |= SMM_PT_ATTR_ACCESSED;
	if (!(raw & ARM_PTE_NG))
		e->attr |= SMM_PT_ATTR_GLOBAL;
	if (arm_remap_is_device(n))
		e->attr |= SMM_PT_ATTR_DEVICE;
}

static void arm_decode(const struct smm_pt_cfg *cfg, unsigned int level,
		       u64 raw, u64 sw, struct smm_pt_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->kind = SMM_PT_INVALID;
	raw &= 0xffffffffULL;
	sw &= 0xffffffffULL;
	if (level == 0)
		arm_decode_l1(raw, e);
	else if (level == 1)
		arm_decode_l2(raw, sw, e);
}

/*
 * As pmd_populate() and pmd_populate_kernel(): both entries of the pair,
 * to the two hardware tables at +2048 and +3072, with PMD_BIT4 and the
 * user or kernel domain by the half of the address space. Linux adds
 * PXNTable on user tables when the CPU has PXN; a shadow space may map
 * kernel code low, so its tables carry none.
 */
static u64 arm_set_table(void *desc, unsigned int idx, u64 page_pa)
{
	u32 *pair = (u32 *)desc - (idx & 1);
	u32 base = (u32)page_pa & ~(u32)(SMM_PT_PAGE_SIZE - 1);
	u32 prot = ARM_L1_TABLE | ARM_L1_BIT4;

	prot |= (idx < ARM_USER_L1_ENTRIES ? ARM_DOMAIN_USER :
					     ARM_DOMAIN_KERNEL) << 5;
	WRITE_ONCE(pair[0], (base + ARM_HW_TABLE_OFF) | prot);
	WRITE_ONCE(pair[1], (base + ARM_HW_TABLE_OFF + 1024) | prot);
	return base + ARM_HW_TABLE_OFF + 1024 * (idx & 1);
}

static void arm_clear_table(void *desc, unsigned int idx)
{
	u32 *pair = (u32 *)desc - (idx & 1);

	WRITE_ONCE(pair[0], 0);
	WRITE_ONCE(pair[1], 0);
}

/*
 * A section or supersection as Linux's mem_types[] build them on ARMv7:
 * AP from @prot (PMD_SECT_AP_WRITE, _AP_READ, _APX), XN unless
 * executable, S, TEX[0]CB 111 (Normal WB WA) or 100 (Device), nG unless
 * global, and the kernel, user or IO domain.
 */
static void arm_set_section(void *desc, u64 pa, u32 prot, u32 attr)
{
	u64 v = ARM_L1_SECT | ARM_SECT_AP0 | ARM_SECT_S | ARM_SECT_TEX0;
	unsigned int domain = ARM_DOMAIN_KERNEL;

	if (attr & SMM_PT_ATTR_CONTIG) {
		v |= ARM_SECT_SUPER | (pa & ARM_SUPER_ADDR) |
		     smm_pt_bits(pa, 35, 32) << 20 | smm_pt_bits(pa, 39, 36) << 5;
	} else {
		v |= pa & ARM_SECT_ADDR;
		if (attr & SMM_PT_ATTR_DEVICE)
			domain = ARM_DOMAIN_IO;
		else if (prot & SMM_PROT_USER)
			domain = ARM_DOMAIN_USER;
		v |= (u64)domain << 5;
	}
	if (!(attr & SMM_PT_ATTR_DEVICE))
		v |= ARM_SECT_C | ARM_SECT_B;
	if (prot & SMM_PROT_USER)
		v |= ARM_SECT_AP1;
	if (!(prot & SMM_PROT_WRITE))
		v |= ARM_SECT_APX;
	if (!(prot & SMM_PROT_EXEC))
		v |= ARM_SECT_XN;
	if (!(attr & SMM_PT_ATTR_GLOBAL))
		v |= ARM_SECT_NG;
	WRITE_ONCE(*(u32 *)desc, (u32)v);
}

/*
 * A small page: the Linux PTE (arm_pte_bits()), then the hardware PTE
 * cpu_v7_set_pte_ext() derives, with set_pte_at()'s PTE_EXT_NG for a
 * non-global page.
 */
static void arm_set_leaf(const struct smm_pt_cfg *cfg, void *desc,
			 unsigned int level, enum smm_pt_kind kind, u64 pa,
			 u32 prot, u32 attr)
{
	u64 pte = (pa & ARM_SMALL_ADDR) | arm_pte_bits(prot, attr);

	if (level == 0) {
		arm_set_section(desc, pa, prot, attr);
		return;
	}
	if (arm_has_linux_pte(desc))
		WRITE_ONCE(*(u32 *)((u8 *)desc - ARM_HW_TABLE_OFF), (u32)pte);
	WRITE_ONCE(*(u32 *)desc,
		   (u32)arm_hw_pte(pte, attr & SMM_PT_ATTR_GLOBAL ? 0 :
						ARM_PTE_NG));
}

static void arm_clear_leaf(void *desc, unsigned int level)
{
	if (level == 1 && arm_has_linux_pte(desc))
		WRITE_ONCE(*(u32 *)((u8 *)desc - ARM_HW_TABLE_OFF), 0);
	WRITE_ONCE(*(u32 *)desc, 0);
}

static const char *const arm_domain_names[16] = {
	[ARM_DOMAIN_KERNEL] = "KERNEL", [ARM_DOMAIN_USER] = "USER",
	[ARM_DOMAIN_IO] = "IO", [3] = "VECTORS",
};

static const char *const arm_ap_text[8] = {
	"no access", "PL1 RW, PL0 none", "PL1 RW, PL0 RO", "PL1 RW, PL0 RW",
	"reserved", "PL1 RO, PL0 none", "PL1 RO, PL0 RO", "PL1 RO, PL0 RO",
};

/* L_PTE_MT_* names by value (pgtable-2level.h). */
static const char *const arm_mt_names[16] = {
	"UNCACHED", "BUFFERABLE", "WRITETHROUGH", "WRITEBACK",
	"DEV_SHARED", "?", "MINICACHE", "WRITEALLOC",
	"?", "DEV_WC", "?", "DEV_CACHED",
	"DEV_NONSHARED", "?", "?", "VECTORS",
};

static void arm_fields_remap(struct smm_pt_fields *fs, unsigned int n)
{
	char text[SMM_PT_FIELD_TEXT_LEN];

	arm_remap_text(n, text, sizeof(text));
	smm_pt_field_add(fs, "TEX[0]:C:B", n, text);
}

static void arm_fields_l1(struct smm_pt_fields *fs, u64 raw)
{
	bool super = raw & ARM_SECT_SUPER;
	unsigned int ap;

	switch (raw & ARM_L1_TYPE) {
	case 0:
		smm_pt_field_add(fs, "type", 0, "fault");
		if (raw >> 2)
			smm_pt_field_add(fs, "bits[31:2]", raw >> 2,
					 "ignored by the MMU");
		return;
	case ARM_L1_TABLE:
		smm_pt_field_add(fs, "type", 1, "page table");
		smm_pt_field_add(fs, "PXN", smm_pt_bit(raw, 2),
				 raw & ARM_L1_PXN_TABLE ?
				 "no PL1 execution below" : "");
		smm_pt_field_add(fs, "NS", smm_pt_bit(raw, 3), NULL);
		smm_pt_field_add(fs, "SBZ", smm_pt_bit(raw, 4),
				 raw & ARM_L1_BIT4 ? "Linux's PMD_BIT4" : "");
		smm_pt_field_add(fs, "Domain", smm_pt_bits(raw, 8, 5),
				 arm_domain_names[smm_pt_bits(raw, 8, 5)]);
		smm_pt_field_add(fs, "IMP", smm_pt_bit(raw, 9), NULL);
		smm_pt_field_pa(fs, "base", smm_pt_bits(raw, 31, 10),
				raw & ARM_L1_TABLE_ADDR);
		if (smm_pt_bit(raw, 11))
			smm_pt_field_add(fs, "Linux pt", smm_pt_bit(raw, 10),
					 raw & BIT_ULL(10) ?
					 "h/w pt 1 at +3072, Linux pt at +1024" :
					 "h/w pt 0 at +2048, Linux pt at +0");
		else
			smm_pt_field_add(fs, "Linux pt", 0,
					 "none: not in a page's upper half");
		smm_pt_field_pa(fs, "Linux PTE page", smm_pt_bits(raw, 31, 12),
				raw & ARM_SMALL_ADDR);
		return;
	default:
		break;
	}

	smm_pt_field_add(fs, "type", raw & 3,
			 super ? "supersection: 16 MiB" : "section: 1 MiB");
	smm_pt_field_add(fs, "PXN", smm_pt_bit(raw, 0), NULL);
	smm_pt_field_add(fs, "B", smm_pt_bit(raw, 2), NULL);
	smm_pt_field_add(fs, "C", smm_pt_bit(raw, 3), NULL);
	smm_pt_field_add(fs, "XN", smm_pt_bit(raw, 4), NULL);
	if (super)
		smm_pt_field_add(fs, "PA[39:36]", smm_pt_bits(raw, 8, 5),
				 "extended base address");
	else
		smm_pt_field_add(fs, "Domain", smm_pt_bits(raw, 8, 5),
				 arm_domain_names[smm_pt_bits(raw, 8, 5)]);
	smm_pt_field_add(fs, "IMP", smm_pt_bit(raw, 9), NULL);
	ap = smm_pt_bit(raw, 15) << 2 | smm_pt_bits(raw, 11, 10);
	smm_pt_field_add(fs, "AP[1:0]", smm_pt_bits(raw, 11, 10),
			 arm_ap_text[ap]);
	smm_pt_field_add(fs, "TEX[2:0]", smm_pt_bits(raw, 14, 12), NULL);
	smm_pt_field_add(fs, "AP[2]", smm_pt_bit(raw, 15),
			 raw & ARM_SECT_APX ? "read-only" : "");
	smm_pt_field_add(fs, "S", smm_pt_bit(raw, 16), NULL);
	smm_pt_field_add(fs, "nG", smm_pt_bit(raw, 17),
			 raw & ARM_SECT_NG ? "per ASID" : "global");
	smm_pt_field_add(fs, "NS", smm_pt_bit(raw, 19), NULL);
	if (super) {
		smm_pt_field_add(fs, "PA[35:32]", smm_pt_bits(raw, 23, 20),
				 "extended base address");
		smm_pt_field_pa(fs, "base", smm_pt_bits(raw, 31, 24),
				arm_sect_addr(raw));
	} else {
		smm_pt_field_pa(fs, "base", smm_pt_bits(raw, 31, 20),
				arm_sect_addr(raw));
	}
	arm_fields_remap(fs, arm_remap_n(raw, ARM_SECT_TEX0));
}

static void arm_fields_l2(struct smm_pt_fields *fs, u64 raw, u64 sw)
{
	unsigned int ap = smm_pt_bit(raw, 9) << 2 | smm_pt_bits(raw, 5, 4);

	switch (raw & ARM_PTE_TYPE) {
	case 0:
		smm_pt_field_add(fs, "type", 0,
				 sw & L_PTE_PRESENT ? "fault: Linux PTE old" :
						      "fault");
		if (raw >> 2)
			smm_pt_field_add(fs, "bits[31:2]", raw >> 2,
					 "ignored by the MMU");
		break;
	case ARM_PTE_LARGE:
		smm_pt_field_add(fs, "type", 1, "large page: 64 KiB");
		smm_pt_field_add(fs, "B", smm_pt_bit(raw, 2), NULL);
		smm_pt_field_add(fs, "C", smm_pt_bit(raw, 3), NULL);
		smm_pt_field_add(fs, "AP[1:0]", smm_pt_bits(raw, 5, 4),
				 arm_ap_text[ap]);
		smm_pt_field_add(fs, "AP[2]", smm_pt_bit(raw, 9),
				 raw & ARM_PTE_APX ? "read-only" : "");
		smm_pt_field_add(fs, "S", smm_pt_bit(raw, 10), NULL);
		smm_pt_field_add(fs, "nG", smm_pt_bit(raw, 11),
				 raw & ARM_PTE_NG ? "per ASID" : "global");
		smm_pt_field_add(fs, "TEX[2:0]", smm_pt_bits(raw, 14, 12), NULL);
		smm_pt_field_add(fs, "XN", smm_pt_bit(raw, 15), NULL);
		smm_pt_field_pa(fs, "base", smm_pt_bits(raw, 31, 16),
				raw & ARM_LARGE_ADDR);
		arm_fields_remap(fs, arm_remap_n(raw, ARM_LARGE_TEX0));
		break;
	default:
		smm_pt_field_add(fs, "type", raw & 3, "small page: 4 KiB");
		smm_pt_field_add(fs, "XN", smm_pt_bit(raw, 0), NULL);
		smm_pt_field_add(fs, "B", smm_pt_bit(raw, 2), NULL);
		smm_pt_field_add(fs, "C", smm_pt_bit(raw, 3), NULL);
		smm_pt_field_add(fs, "AP[1:0]", smm_pt_bits(raw, 5, 4),
				 arm_ap_text[ap]);
		smm_pt_field_add(fs, "TEX[2:0]", smm_pt_bits(raw, 8, 6), NULL);
		smm_pt_field_add(fs, "AP[2]", smm_pt_bit(raw, 9),
				 raw & ARM_PTE_APX ? "read-only" : "");
		smm_pt_field_add(fs, "S", smm_pt_bit(raw, 10), NULL);
		smm_pt_field_add(fs, "nG", smm_pt_bit(raw, 11),
				 raw & ARM_PTE_NG ? "per ASID" : "global");
		smm_pt_field_pa(fs, "base", smm_pt_bits(raw, 31, 12),
				raw & ARM_SMALL_ADDR);
		arm_fields_remap(fs, arm_remap_n(raw, ARM_PTE_TEX0));
		break;
	}

	/* The Linux PTE beside it (pgtable-2level.h). */
	smm_pt_field_add(fs, "L_PTE_PRESENT", smm_pt_bit(sw, 0), NULL);
	smm_pt_field_add(fs, "L_PTE_YOUNG", smm_pt_bit(sw, 1), NULL);
	smm_pt_field_add(fs, "L_PTE_MT", smm_pt_bits(sw, 5, 2),
			 arm_mt_names[smm_pt_bits(sw, 5, 2)]);
	smm_pt_field_add(fs, "L_PTE_DIRTY", smm_pt_bit(sw, 6), NULL);
	smm_pt_field_add(fs, "L_PTE_RDONLY", smm_pt_bit(sw, 7), NULL);
	smm_pt_field_add(fs, "L_PTE_USER", smm_pt_bit(sw, 8), NULL);
	smm_pt_field_add(fs, "L_PTE_XN", smm_pt_bit(sw, 9), NULL);
	smm_pt_field_add(fs, "L_PTE_SHARED", smm_pt_bit(sw, 10), NULL);
	smm_pt_field_add(fs, "L_PTE_NONE", smm_pt_bit(sw, 11), NULL);
	smm_pt_field_pa(fs, "L_PTE_PFN", smm_pt_bits(sw, 31, 12),
			sw & ARM_SMALL_ADDR);
}

static unsigned int arm_fields(const struct smm_pt_cfg *cfg,
			       unsigned int level, u64 raw, u64 sw,
			       struct smm_pt_field *f, unsigned int max)
{
	struct smm_pt_fields fs = { .f = f, .max = max };

	raw &= 0xffffffffULL;
	sw &= 0xffffffffULL;
	if (level == 0) {
		smm_pt_field_add(&fs, "level", 1, "first-level: 1 MiB per entry");
		arm_fields_l1(&fs, raw);
	} else if (level == 1) {
		smm_pt_field_add(&fs, "level", 2,
				 "second-level: 4 KiB per entry");
		arm_fields_l2(&fs, raw, sw);
	}
	return fs.n;
}

/* arch/arm/mm/dump.c's names of the L_PTE_MT_* types (2-level). */
static const char *const arm_dump_mt_names[16] = {
	[0x0] = "SO/UNCACHED", [0x1] = "MEM/BUFFERABLE/WC",
	[0x2] = "MEM/CACHED/WT", [0x3] = "MEM/CACHED/WBRA",
	[0x6] = "MEM/MINICACHE", [0x7] = "MEM/CACHED/WBWA",
	[0x4] = "DEV/SHARED", [0xc] = "DEV/NONSHARED",
	[0x9] = "DEV/WC", [0xb] = "DEV/CACHED",
};

/*
 * As arch/arm/mm/dump.c prints a section (its domain, then section_bits)
 * or a PTE (pte_bits, read from the Linux PTE).
 */
static void arm_attrs_str(const struct smm_pt_cfg *cfg, unsigned int level,
			  u64 raw, u64 sw, char *buf, size_t len)
{
	static const char *const sect_ap[8] = {
		[1] = "RW", [2] = "USR ro", [3] = "USR RW", [5] = "ro",
	};
	const char *mt;

	if (!len)
		return;
	buf[0] = '\0';
	if (level == 0) {
		if (!(raw & ARM_L1_SECT))
			return;
		if (!(raw & ARM_SECT_SUPER))
			smm_pt_attrs_add(buf, len,
					 arm_domain_names[smm_pt_bits(raw, 8, 5)] ?
					 : "unknown");
		mt = sect_ap[smm_pt_bit(raw, 15) << 2 | smm_pt_bits(raw, 11, 10)];
		smm_pt_attrs_add(buf, len, mt ? mt : "");
		smm_pt_attrs_add(buf, len, raw & ARM_SECT_XN ? "NX" : "x");
		smm_pt_attrs_add(buf, len, raw & ARM_SECT_S ? "SHD" : "");
		return;
	}
	smm_pt_attrs_add(buf, len, sw & L_PTE_USER ? "USR" : "");
	smm_pt_attrs_add(buf, len, sw & L_PTE_RDONLY ? "ro" : "RW");
	smm_pt_attrs_add(buf, len, sw & L_PTE_XN ? "NX" : "x");
	smm_pt_attrs_add(buf, len, sw & L_PTE_SHARED ? "SHD" : "");
	mt = arm_dump_mt_names[smm_pt_bits(sw, 5, 2)];
	smm_pt_attrs_add(buf, len, mt ? mt : "");
}

const struct smm_pt_format smm_pt_format_arm = {
	.id = SHADOW_MM_PT_FORMAT_ARM,
	.name = "arm",
	.min_levels = 2,
	.max_levels = 2,
	.desc_size = 4,
	.root_order = 2,
	.pa_bits = 32,
	.flags = SMM_PT_FMT_YOUNG_BY_INVALID,
	.default_mair = 0,
	.level = arm_level,
	.read = arm_read,
	.decode = arm_decode,
	.set_table = arm_set_table,
	.clear_table = arm_clear_table,
	.set_leaf = arm_set_leaf,
	.clear_leaf = arm_clear_leaf,
	.fields = arm_fields,
	.attrs_str = arm_attrs_str,
};
