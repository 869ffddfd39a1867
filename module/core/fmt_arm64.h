/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 descriptors, 4 KiB granule (ARM ARM v8-A D5.3, D8 from issue
 * H): the bits, and the inline operations the fast paths share with
 * fmt_arm64.c: what the MMU makes of a descriptor, and the bits of a
 * leaf as Linux encodes it. fmt_arm64.c holds the rest of the format.
 */

#ifndef _SMM_FMT_ARM64_H
#define _SMM_FMT_ARM64_H

#include "fmt_common.h"

#define A64_VALID	BIT_ULL(0)
#define A64_TABLE	BIT_ULL(1)	/* table (levels 0-2), page (level 3) */
#define A64_TYPE	(A64_VALID | A64_TABLE)
#define A64_NS		BIT_ULL(5)
#define A64_AP1		BIT_ULL(6)	/* AP[1]: EL0 access, Linux PTE_USER */
#define A64_AP2		BIT_ULL(7)	/* AP[2]: read-only, PTE_RDONLY */
#define A64_SH		GENMASK_ULL(9, 8)
#define A64_AF		BIT_ULL(10)
#define A64_NG		BIT_ULL(11)
#define A64_GP		BIT_ULL(50)	/* BTI guarded page */
#define A64_DBM		BIT_ULL(51)	/* Linux's PTE_WRITE */
#define A64_CONT	BIT_ULL(52)
#define A64_PXN		BIT_ULL(53)
#define A64_UXN		BIT_ULL(54)	/* XN at stage 1 of EL1&0 */
#define A64_ADDR	GENMASK_ULL(47, 12)

/* Linux's software bits (pgtable-prot.h). */
#define A64_SW_DIRTY		55
#define A64_SW_SPECIAL		56
#define A64_SW_DEVMAP		57
#define A64_SW_PROT_NONE	58

/* MAIR_EL1 indexes (asm/memory.h): MT_NORMAL, MT_DEVICE_nGnRE */
#define A64_MT_NORMAL		0
#define A64_MT_DEVICE		4

/* Blocks exist at lookup levels 1 (1 GiB) and 2 (2 MiB) only. */
#define A64_MAX_BLOCK_SHIFT	30

/**
 * arm64_pt_next() - what the MMU makes of a descriptor (D5.3.1)
 * @raw: the descriptor
 * @shift: its level's shift: 12 at lookup level 3, 21 at 2, 30 at 1, 39
 *	at 0
 * @addr: the next table; for a leaf, its first byte
 * @mask: for a leaf, its size less one
 *
 * Bit 0 clear: invalid. Bits[1:0] 0b11 are a table above level 3 and a
 * page at level 3; 0b01 is a block at levels 1 and 2 and reserved
 * (invalid) at levels 0 and 3.
 *
 * Return: SMM_PT_TABLE, SMM_PT_BLOCK, SMM_PT_PAGE or SMM_PT_INVALID.
 */
static inline enum smm_pt_kind arm64_pt_next(u64 raw, unsigned int shift,
					     u64 *addr, u64 *mask)
{
	bool last = shift == SMM_PT_PAGE_SHIFT;

	/* the common case first, with one test */
	if (!last && (raw & A64_TYPE) == A64_TYPE) {
		*addr = raw & A64_ADDR;
		return SMM_PT_TABLE;
	}
	if (!(raw & A64_VALID) ||
	    (!(raw & A64_TABLE) && (last || shift > A64_MAX_BLOCK_SHIFT)))
		return SMM_PT_INVALID;
	*mask = (1ULL << shift) - 1;
	*addr = raw & A64_ADDR & ~*mask;
	return last ? SMM_PT_PAGE : SMM_PT_BLOCK;
}

/*
 * A leaf's bits but its address, as Linux encodes PAGE_KERNEL{,_RO,
 * _EXEC,_ROX} and PAGE_SHARED{,_EXEC}, PAGE_READONLY{,_EXEC}: SH inner
 * shareable; user pages have AP[1] and PXN, kernel pages UXN;
 * PTE_WRITE (DBM) when writable, AP[2] (RDONLY) unless writable and
 * dirty, PTE_DIRTY when dirty.
 */
static inline u64 arm64_leaf_bits(bool page, u32 prot, u32 attr)
{
	u64 v = A64_VALID | A64_SH;

	if (page)
		v |= A64_TABLE;
	v |= attr & SMM_PT_ATTR_DEVICE ? A64_MT_DEVICE << 2 :
					 A64_MT_NORMAL << 2;
	if (prot & SMM_PROT_USER) {
		v |= A64_AP1 | A64_PXN;
		if (!(prot & SMM_PROT_EXEC))
			v |= A64_UXN;
	} else {
		v |= A64_UXN;
		if (!(prot & SMM_PROT_EXEC))
			v |= A64_PXN;
	}
	if (prot & SMM_PROT_WRITE)
		v |= A64_DBM;
	if (!(prot & SMM_PROT_WRITE) || !(attr & SMM_PT_ATTR_DIRTY))
		v |= A64_AP2;
	if (attr & SMM_PT_ATTR_DIRTY)
		v |= BIT_ULL(A64_SW_DIRTY);
	if (attr & SMM_PT_ATTR_ACCESSED)
		v |= A64_AF;
	if (!(attr & SMM_PT_ATTR_GLOBAL))
		v |= A64_NG;
	if (attr & SMM_PT_ATTR_CONTIG)
		v |= A64_CONT;
	return v;
}

/* A level-3 descriptor maps a page when bits[1:0] are 0b11. */
static inline bool arm64_pte_present(u64 raw)
{
	return (raw & A64_TYPE) == A64_TYPE;
}

#endif /* _SMM_FMT_ARM64_H */
