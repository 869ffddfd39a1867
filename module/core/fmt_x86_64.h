/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 descriptors (Intel SDM vol. 3A, 4.5, tables 4-14 to 4-20): the
 * bits, and the inline operations the fast paths share with
 * fmt_x86_64.c: what the MMU makes of a descriptor, and the bits of a
 * leaf as Linux encodes it. fmt_x86_64.c holds the rest of the format.
 */

#ifndef _SMM_FMT_X86_64_H
#define _SMM_FMT_X86_64_H

#include "fmt_common.h"

#define X86_P		BIT_ULL(0)	/* present */
#define X86_RW		BIT_ULL(1)	/* read/write */
#define X86_US		BIT_ULL(2)	/* user/supervisor */
#define X86_PWT		BIT_ULL(3)	/* page-level write-through */
#define X86_PCD		BIT_ULL(4)	/* page-level cache disable */
#define X86_A		BIT_ULL(5)	/* accessed */
#define X86_D		BIT_ULL(6)	/* dirty (leaves) */
#define X86_PS		BIT_ULL(7)	/* page size (PDPTE, PDE) */
#define X86_PAT		BIT_ULL(7)	/* PAT (PTE) */
#define X86_G		BIT_ULL(8)	/* global (leaves) */
#define X86_PAT_LARGE	BIT_ULL(12)	/* PAT (1 GiB and 2 MiB pages) */
#define X86_XD		BIT_ULL(63)	/* execute-disable, Linux's NX */
#define X86_ADDR	GENMASK_ULL(51, 12)

/* Only a PDPTE (1 GiB) or a PDE (2 MiB) may map a page with PS = 1. */
#define X86_MAX_BLOCK_SHIFT	30

/**
 * x86_64_pt_next() - what the MMU makes of a descriptor (SDM 4.5.4)
 * @raw: the descriptor
 * @shift: its level's shift: 12 for a PTE, 21 a PDE, 30 a PDPTE, ...
 * @addr: the next table; for a leaf, its first byte
 * @mask: for a leaf, its size less one
 *
 * Not present: invalid. A PTE maps a page whatever bit 7 (PAT) says;
 * above, PS = 0 points to a table and PS = 1 maps a page where the
 * level has them (PDPTE, PDE) and is reserved elsewhere.
 *
 * Return: SMM_PT_TABLE, SMM_PT_BLOCK, SMM_PT_PAGE or SMM_PT_INVALID.
 */
static inline enum smm_pt_kind x86_64_pt_next(u64 raw, unsigned int shift,
					      u64 *addr, u64 *mask)
{
	/* the common case first, with one test */
	if (shift > SMM_PT_PAGE_SHIFT && (raw & (X86_P | X86_PS)) == X86_P) {
		*addr = raw & X86_ADDR;
		return SMM_PT_TABLE;
	}
	if (!(raw & X86_P))
		return SMM_PT_INVALID;
	if (shift > X86_MAX_BLOCK_SHIFT)
		return SMM_PT_INVALID;
	*mask = (1ULL << shift) - 1;
	*addr = raw & X86_ADDR & ~*mask;
	return shift > SMM_PT_PAGE_SHIFT ? SMM_PT_BLOCK : SMM_PT_PAGE;
}

/*
 * A leaf's bits but its address, as Linux's PAGE_KERNEL, PAGE_SHARED and
 * friends: P, PS for a large page, RW when writable, US for user pages,
 * NX unless executable, PCD|PWT (PAT entry 3: UC) for device memory, and
 * A, D, G as asked.
 */
static inline u64 x86_64_leaf_bits(bool large, u32 prot, u32 attr)
{
	u64 v = X86_P;

	if (large)
		v |= X86_PS;
	if (prot & SMM_PROT_WRITE)
		v |= X86_RW;
	if (prot & SMM_PROT_USER)
		v |= X86_US;
	if (!(prot & SMM_PROT_EXEC))
		v |= X86_XD;
	if (attr & SMM_PT_ATTR_DEVICE)
		v |= X86_PCD | X86_PWT;
	if (attr & SMM_PT_ATTR_ACCESSED)
		v |= X86_A;
	if (attr & SMM_PT_ATTR_DIRTY)
		v |= X86_D;
	if (attr & SMM_PT_ATTR_GLOBAL)
		v |= X86_G;
	return v;
}

/* A PTE is present for the kernel when the MMU uses it: P. */
static inline bool x86_64_pte_present(u64 raw)
{
	return raw & X86_P;
}

#endif /* _SMM_FMT_X86_64_H */
