/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm-lpae descriptors (ARM ARM v7-AR B3.6, "Long-descriptor translation
 * table format"): the bits, and the inline operations the fast paths
 * share with fmt_arm_lpae.c: what the MMU makes of a descriptor, and the
 * bits of a leaf as Linux encodes it. fmt_arm_lpae.c holds the rest of
 * the format.
 */

#ifndef _SMM_FMT_ARM_LPAE_H
#define _SMM_FMT_ARM_LPAE_H

#include "fmt_common.h"

#define LPAE_VALID	BIT_ULL(0)
#define LPAE_TABLE	BIT_ULL(1)	/* table (levels 1-2), page (level 3) */
#define LPAE_TYPE	(LPAE_VALID | LPAE_TABLE)
#define LPAE_NS		BIT_ULL(5)
#define LPAE_AP1	BIT_ULL(6)	/* AP[1]: PL0 access, L_PTE_USER */
#define LPAE_AP2	BIT_ULL(7)	/* AP[2]: read-only */
#define LPAE_SH		GENMASK_ULL(9, 8)	/* L_PTE_SHARED: inner */
#define LPAE_AF		BIT_ULL(10)	/* L_PTE_YOUNG */
#define LPAE_NG		BIT_ULL(11)
#define LPAE_CONT	BIT_ULL(52)
#define LPAE_PXN	BIT_ULL(53)
#define LPAE_XN		BIT_ULL(54)	/* L_PTE_XN */
#define LPAE_ADDR	GENMASK_ULL(39, 12)

/* Linux's software bits (pgtable-3level.h). */
#define LPAE_SW_DIRTY		55
#define LPAE_SW_SPECIAL		56
#define LPAE_SW_NONE		57
#define LPAE_SW_RDONLY		58

/* AttrIndx of L_PTE_MT_WRITEALLOC and L_PTE_MT_DEV_SHARED. */
#define LPAE_MT_WRITEALLOC	7
#define LPAE_MT_DEV_SHARED	4

/**
 * lpae_pt_next() - what the MMU makes of a descriptor (B3.6.1)
 * @raw: the descriptor
 * @shift: its level's shift: 30 first level, 21 second, 12 third
 * @addr: the next table; for a leaf, its first byte
 * @mask: for a leaf, its size less one
 *
 * Bit 0 clear: invalid. Bits[1:0] 0b11 are a table at the first and
 * second levels and a page at the third; 0b01 is a block at the first
 * and second levels and reserved (invalid) at the third.
 *
 * Return: SMM_PT_TABLE, SMM_PT_BLOCK, SMM_PT_PAGE or SMM_PT_INVALID.
 */
static inline enum smm_pt_kind lpae_pt_next(u64 raw, unsigned int shift,
					    u64 *addr, u64 *mask)
{
	bool last = shift == SMM_PT_PAGE_SHIFT;

	/* the common case first, with one test */
	if (!last && (raw & LPAE_TYPE) == LPAE_TYPE) {
		*addr = raw & LPAE_ADDR;
		return SMM_PT_TABLE;
	}
	if (!(raw & LPAE_VALID) || (!(raw & LPAE_TABLE) && last))
		return SMM_PT_INVALID;
	*mask = (1ULL << shift) - 1;
	*addr = raw & LPAE_ADDR & ~*mask;
	return last ? SMM_PT_PAGE : SMM_PT_BLOCK;
}

/*
 * A leaf's bits but its address: the Linux PTE (or huge PMD) for @prot,
 * then what cpu_v7_set_pte_ext (set_pmd_at for blocks) makes of it:
 * AP[2] unless writable and dirty. L_PTE_SHARED as on SMP; nG from
 * set_pte_at()'s ext for non-global pages; no PXN (Linux's LPAE user
 * pages have none).
 */
static inline u64 lpae_leaf_bits(bool page, u32 prot, u32 attr)
{
	u64 v = LPAE_VALID | LPAE_SH;

	if (page)
		v |= LPAE_TABLE;
	v |= attr & SMM_PT_ATTR_DEVICE ? LPAE_MT_DEV_SHARED << 2 :
					 LPAE_MT_WRITEALLOC << 2;
	if (prot & SMM_PROT_USER)
		v |= LPAE_AP1;
	if (!(prot & SMM_PROT_EXEC))
		v |= LPAE_XN;
	if (!(prot & SMM_PROT_WRITE))
		v |= BIT_ULL(LPAE_SW_RDONLY);
	if (attr & SMM_PT_ATTR_DIRTY)
		v |= BIT_ULL(LPAE_SW_DIRTY);
	if (!(prot & SMM_PROT_WRITE) || !(attr & SMM_PT_ATTR_DIRTY))
		v |= LPAE_AP2;
	if (attr & SMM_PT_ATTR_ACCESSED)
		v |= LPAE_AF;
	if (!(attr & SMM_PT_ATTR_GLOBAL))
		v |= LPAE_NG;
	if (attr & SMM_PT_ATTR_CONTIG)
		v |= LPAE_CONT;
	return v;
}

/* A third-level descriptor maps a page when bits[1:0] are 0b11. */
static inline bool lpae_pte_present(u64 raw)
{
	return (raw & LPAE_TYPE) == LPAE_TYPE;
}

#endif /* _SMM_FMT_ARM_LPAE_H */
