/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm short-descriptor descriptors (ARM ARM v7-AR B3.5.1) and Linux's
 * PTE beside them (arch/arm/include/asm/pgtable-2level.h): the bits,
 * and the inline operations the fast paths share with fmt_arm.c: what
 * the MMU makes of a hardware descriptor, a small page's Linux PTE and
 * the hardware PTE cpu_v7_set_pte_ext() derives from it. fmt_arm.c holds
 * the rest of the format.
 */

#ifndef _SMM_FMT_ARM_H
#define _SMM_FMT_ARM_H

#include "fmt_common.h"

/* First-level descriptors (B3.5.1). */
#define ARM_L1_TYPE		GENMASK_ULL(1, 0)
#define ARM_L1_TABLE		1
#define ARM_L1_SECT		BIT_ULL(1)	/* bit 0 is then PXN */
#define ARM_L1_PXN_TABLE	BIT_ULL(2)
#define ARM_L1_BIT4		BIT_ULL(4)	/* SBZ; Linux's PMD_BIT4 */
#define ARM_L1_TABLE_ADDR	GENMASK_ULL(31, 10)
#define ARM_SECT_PXN		BIT_ULL(0)
#define ARM_SECT_B		BIT_ULL(2)
#define ARM_SECT_C		BIT_ULL(3)
#define ARM_SECT_XN		BIT_ULL(4)
#define ARM_SECT_AP0		BIT_ULL(10)	/* PMD_SECT_AP_WRITE */
#define ARM_SECT_AP1		BIT_ULL(11)	/* PMD_SECT_AP_READ */
#define ARM_SECT_TEX0		BIT_ULL(12)
#define ARM_SECT_APX		BIT_ULL(15)
#define ARM_SECT_S		BIT_ULL(16)
#define ARM_SECT_NG		BIT_ULL(17)
#define ARM_SECT_SUPER		BIT_ULL(18)
#define ARM_SECT_ADDR		GENMASK_ULL(31, 20)
#define ARM_SUPER_ADDR		GENMASK_ULL(31, 24)

/* Second-level descriptors (B3.5.1). */
#define ARM_PTE_TYPE		GENMASK_ULL(1, 0)
#define ARM_PTE_LARGE		1
#define ARM_PTE_SMALL		BIT_ULL(1)	/* bit 0 is then XN */
#define ARM_PTE_XN		BIT_ULL(0)
#define ARM_PTE_B		BIT_ULL(2)
#define ARM_PTE_C		BIT_ULL(3)
#define ARM_PTE_AP0		BIT_ULL(4)
#define ARM_PTE_AP1		BIT_ULL(5)
#define ARM_PTE_TEX0		BIT_ULL(6)
#define ARM_PTE_APX		BIT_ULL(9)
#define ARM_PTE_S		BIT_ULL(10)
#define ARM_PTE_NG		BIT_ULL(11)
#define ARM_LARGE_TEX0		BIT_ULL(12)
#define ARM_LARGE_XN		BIT_ULL(15)
#define ARM_SMALL_ADDR		GENMASK_ULL(31, 12)
#define ARM_LARGE_ADDR		GENMASK_ULL(31, 16)

/* Linux's PTE (pgtable-2level.h). */
#define L_PTE_PRESENT		BIT_ULL(0)
#define L_PTE_YOUNG		BIT_ULL(1)
#define L_PTE_MT_SHIFT		2	/* 4 bits */
#define L_PTE_DIRTY		BIT_ULL(6)
#define L_PTE_RDONLY		BIT_ULL(7)
#define L_PTE_USER		BIT_ULL(8)
#define L_PTE_XN		BIT_ULL(9)
#define L_PTE_SHARED		BIT_ULL(10)
#define L_PTE_NONE		BIT_ULL(11)
#define L_PTE_MT_WRITEALLOC	0x7
#define L_PTE_MT_DEV_SHARED	0x4

/* The hardware table of a Linux PTE page sits 2048 bytes into it. */
#define ARM_HW_TABLE_OFF	2048

/*
 * The Linux PTE of the hardware PTE at @desc: 2048 bytes below, in the
 * same page. A hardware table in a page's lower half is not Linux's
 * layout: there is none to read.
 */
static inline bool arm_has_linux_pte(const void *desc)
{
	return ((uintptr_t)desc & (SMM_PT_PAGE_SIZE - 1)) >= ARM_HW_TABLE_OFF;
}

/* The first level's shift: 1 MiB per hardware entry. */
#define ARM_L1_SHIFT		20

/**
 * arm_pt_next() - what the MMU makes of a hardware descriptor (B3.5.1)
 * @raw: the descriptor (32 bits)
 * @shift: its level's shift: 20 first level, 12 second level
 * @addr: the next table; for a leaf, its first byte
 * @mask: for a leaf, its size less one
 *
 * First level: 0b00 fault, 0b01 page table, 0b1x section, or a 16 MiB
 * supersection with bit 18 (PA[39:32] in bits 8:5 and 23:20). Second
 * level: 0b00 fault, 0b01 large page (64 KiB), 0b1x small page. The MMU
 * never reads the Linux PTE: an old page faults.
 *
 * Return: SMM_PT_TABLE, SMM_PT_BLOCK, SMM_PT_PAGE or SMM_PT_INVALID.
 */
static inline enum smm_pt_kind arm_pt_next(u64 raw, unsigned int shift,
					   u64 *addr, u64 *mask)
{
	u64 type = raw & ARM_L1_TYPE;

	if (!type)
		return SMM_PT_INVALID;
	if (shift == ARM_L1_SHIFT) {
		if (type == ARM_L1_TABLE) {
			*addr = raw & ARM_L1_TABLE_ADDR;
			return SMM_PT_TABLE;
		}
		if (!(raw & ARM_SECT_SUPER)) {
			*mask = SZ_1M_ULL - 1;
			*addr = raw & ARM_SECT_ADDR;
		} else {
			*mask = SZ_16M_ULL - 1;
			*addr = (raw & ARM_SUPER_ADDR) |
				smm_pt_bits(raw, 23, 20) << 32 |
				smm_pt_bits(raw, 8, 5) << 36;
		}
		return SMM_PT_BLOCK;
	}
	if (type == ARM_PTE_LARGE) {
		*mask = 16 * SZ_4K_ULL - 1;
		*addr = raw & ARM_LARGE_ADDR;
	} else {
		*mask = SZ_4K_ULL - 1;
		*addr = raw & ARM_SMALL_ADDR;
	}
	return SMM_PT_PAGE;
}

/*
 * A small page's Linux PTE but its address, as pfn_pte(pfn, prot) with
 * L_PTE_SHARED (SMP) and L_PTE_MT_WRITEALLOC or _DEV_SHARED.
 */
static inline u64 arm_pte_bits(u32 prot, u32 attr)
{
	u64 pte = L_PTE_PRESENT | L_PTE_SHARED;

	pte |= attr & SMM_PT_ATTR_DEVICE ?
	       L_PTE_MT_DEV_SHARED << L_PTE_MT_SHIFT :
	       L_PTE_MT_WRITEALLOC << L_PTE_MT_SHIFT;
	if (attr & SMM_PT_ATTR_ACCESSED)
		pte |= L_PTE_YOUNG;
	if (attr & SMM_PT_ATTR_DIRTY)
		pte |= L_PTE_DIRTY;
	if (!(prot & SMM_PROT_WRITE))
		pte |= L_PTE_RDONLY;
	if (prot & SMM_PROT_USER)
		pte |= L_PTE_USER;
	if (!(prot & SMM_PROT_EXEC))
		pte |= L_PTE_XN;
	return pte;
}

/*
 * The hardware PTE cpu_v7_set_pte_ext() writes for Linux PTE @pte, with
 * set_pte_at()'s @ext (PTE_EXT_NG for a non-global page): empty while
 * old; else the address, C and B (MT[1:0]), S (L_PTE_SHARED) kept,
 * TEX[0] from MT[2], AP[2] unless writable and dirty.
 */
static inline u64 arm_hw_pte(u64 pte, u64 ext)
{
	u64 hw;

	if (!(pte & L_PTE_YOUNG) || !(pte & L_PTE_PRESENT) ||
	    (pte & L_PTE_NONE))
		return 0;
	hw = (pte & ~(GENMASK_ULL(9, 4) | ARM_PTE_TYPE)) | ext;
	hw |= ARM_PTE_AP0 | ARM_PTE_SMALL;
	if (pte & BIT_ULL(L_PTE_MT_SHIFT + 2))
		hw |= ARM_PTE_TEX0;
	if ((pte & L_PTE_RDONLY) || !(pte & L_PTE_DIRTY))
		hw |= ARM_PTE_APX;
	if (pte & L_PTE_USER)
		hw |= ARM_PTE_AP1;
	if (pte & L_PTE_XN)
		hw |= ARM_PTE_XN;
	return hw & 0xffffffffULL;
}

/*
 * A second-level entry is present for the kernel when the MMU maps it,
 * or when the Linux PTE @sw beside an empty hardware PTE is present (an
 * old page) and not PROT_NONE.
 */
static inline bool arm_pte_present(u64 raw, u64 sw)
{
	if (raw & ARM_PTE_TYPE)
		return true;
	return (sw & (L_PTE_PRESENT | L_PTE_NONE)) == L_PTE_PRESENT;
}

#endif /* _SMM_FMT_ARM_H */
