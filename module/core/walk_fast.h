/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MMU's walk unrolled, for a format and depth known at compile time
 * (enum smm_pt_fast), over tables in a linear range: what
 * smm_pt_translate() and smm_as_translate() run. Core internal.
 *
 * Each level reads its descriptor with a load and decodes it with the
 * format's inline operations (pt_ops.h); nothing is called. The tables
 * are trusted to lie in the range, as the kernel's own walkers trust
 * its tables: the memory promises it (struct smm_pt_mem), and the
 * callers check the root.
 */

#ifndef _SMM_WALK_FAST_H
#define _SMM_WALK_FAST_H

#include "pt_ops.h"
#include "walk.h"

/*
 * One level at @shift: the descriptor for @va in the table at @table (a
 * pointer), decoded. Return: SMM_PT_TABLE with *@next the next table's
 * physical address; a leaf kind with *@next its first byte and *@mask
 * its size less one; or SMM_PT_INVALID.
 */
static __always_inline enum smm_pt_kind
smm_pt_linear_level(u32 id, unsigned int shift, uintptr_t table, u64 va,
		    u64 *next, u64 *mask)
{
	unsigned long idx = smm_pt_ops_index(id, shift, va);
	u64 raw;

	if (smm_pt_ops_desc_size(id) == 4)
		raw = READ_ONCE(((const u32 *)table)[idx]);
	else
		raw = READ_ONCE(((const u64 *)table)[idx]);
	return smm_pt_ops_next(id, raw, shift, next, mask);
}

/* The end of a walk at a leaf (or an invalid descriptor) @kind. */
static __always_inline int smm_pt_linear_end(enum smm_pt_kind kind, u64 out,
					     u64 mask, u64 va, u64 *pa)
{
	if (kind == SMM_PT_INVALID)
		return -EFAULT;
	/* the leaf's first byte is aligned to its size */
	*pa = out | (va & mask);
	return 0;
}

/**
 * smm_pt_walk_linear() - translate @va, tables in a linear range
 * @root: the root table, in the range
 * @bias: what a table's physical address is added to for its place there
 * @va: the address, one the format translates
 * @pa: where it translates to
 * @id: the format (SHADOW_MM_PT_FORMAT_*), a constant
 * @top_shift: the root level's shift, a constant
 *
 * Each level ends the walk where it finds no table, with the level's
 * own constants; the last level holds no tables.
 *
 * Return: 0, or -EFAULT when @va is not mapped.
 */
static __always_inline int smm_pt_walk_linear(const void *root,
					      uintptr_t bias, u64 va,
					      u64 *pa, const u32 id,
					      const unsigned int top_shift)
{
	enum smm_pt_kind kind;
	u64 out = 0, mask = 0;

	kind = smm_pt_linear_level(id, top_shift, (uintptr_t)root, va, &out,
				   &mask);
	if (kind != SMM_PT_TABLE)
		return smm_pt_linear_end(kind, out, mask, va, pa);
	if (top_shift > 39) {
		kind = smm_pt_linear_level(id, 39, (uintptr_t)out + bias, va,
					   &out, &mask);
		if (kind != SMM_PT_TABLE)
			return smm_pt_linear_end(kind, out, mask, va, pa);
	}
	if (top_shift > 30) {
		kind = smm_pt_linear_level(id, 30, (uintptr_t)out + bias, va,
					   &out, &mask);
		if (kind != SMM_PT_TABLE)
			return smm_pt_linear_end(kind, out, mask, va, pa);
	}
	if (top_shift > 21) {
		kind = smm_pt_linear_level(id, 21, (uintptr_t)out + bias, va,
					   &out, &mask);
		if (kind != SMM_PT_TABLE)
			return smm_pt_linear_end(kind, out, mask, va, pa);
	}
	kind = smm_pt_linear_level(id, 12, (uintptr_t)out + bias, va, &out,
				   &mask);
	return smm_pt_linear_end(kind, out, mask, va, pa);
}

/*
 * smm_pt_va_valid() of format @id from a root at @top_shift, constants.
 * With an upper half, the bits from b, the lower half's, up are all
 * equal: adding 2^b carries them all out.
 */
static __always_inline bool smm_pt_fast_va_valid(u32 id,
						 unsigned int top_shift,
						 u64 va)
{
	unsigned int b;

	switch (id) {
	case SMM_PT_OPS_X86_64:
		b = top_shift + 9 - 1;
		break;
	case SMM_PT_OPS_ARM64:
		b = top_shift + 9;
		break;
	default:
		return !(va >> 32);
	}
	return !((va + (1ULL << b)) >> (b + 1));
}

#endif /* _SMM_WALK_FAST_H */
