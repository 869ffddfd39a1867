/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The formats' inline operations, chosen by format id: what the fast
 * paths of the walker (smm_pt_translate()) and of the address spaces
 * (filling and clearing a table of pages) use instead of the indirect
 * calls of struct smm_pt_format. Each comes from its format's header
 * (fmt_*.h), which the format's .c file builds its decode and set_leaf
 * on, so that both paths read and write descriptors alike. Callers pass
 * a constant id where they can: the compiler then keeps one format's
 * code and no switch.
 */

#ifndef _SMM_PT_OPS_H
#define _SMM_PT_OPS_H

#include "fmt_arm.h"
#include "fmt_arm64.h"
#include "fmt_arm_lpae.h"
#include "fmt_x86_64.h"

#define SMM_PT_OPS_ARM		SHADOW_MM_PT_FORMAT_ARM
#define SMM_PT_OPS_ARM_LPAE	SHADOW_MM_PT_FORMAT_ARM_LPAE
#define SMM_PT_OPS_ARM64	SHADOW_MM_PT_FORMAT_ARM64
#define SMM_PT_OPS_X86_64	SHADOW_MM_PT_FORMAT_X86_64

/* Bytes of a descriptor: arm's are 32 bits, the others' 64. */
static __always_inline unsigned int smm_pt_ops_desc_size(u32 id)
{
	return id == SMM_PT_OPS_ARM ? 4 : 8;
}

/*
 * Index of @va at the level of @shift. Only for an address the format
 * translates (smm_pt_va_valid()): the top level of arm-lpae and of a
 * 39-bit arm64 then needs no narrower mask.
 */
static __always_inline unsigned int smm_pt_ops_index(u32 id,
						     unsigned int shift,
						     u64 va)
{
	if (id != SMM_PT_OPS_ARM)
		return (va >> shift) & 511;
	if (shift == ARM_L1_SHIFT)
		return (va >> shift) & 4095;
	return (va >> shift) & 255;
}

/* Shift of the level below the level of @shift. */
static __always_inline unsigned int smm_pt_ops_shift_below(u32 id,
							   unsigned int shift)
{
	return id == SMM_PT_OPS_ARM ? SMM_PT_PAGE_SHIFT : shift - 9;
}

/* What the MMU makes of @raw at the level of @shift: the fmt_*.h _next(). */
static __always_inline enum smm_pt_kind smm_pt_ops_next(u32 id, u64 raw,
							unsigned int shift,
							u64 *addr, u64 *mask)
{
	switch (id) {
	case SMM_PT_OPS_ARM:
		return arm_pt_next(raw, shift, addr, mask);
	case SMM_PT_OPS_ARM_LPAE:
		return lpae_pt_next(raw, shift, addr, mask);
	case SMM_PT_OPS_ARM64:
		return arm64_pt_next(raw, shift, addr, mask);
	default:
		return x86_64_pt_next(raw, shift, addr, mask);
	}
}

/*
 * The descriptor at @desc, in a mapped table page, as fmt->read gives
 * it: for arm's last level also the Linux PTE beside it (*@sw, else 0).
 */
static __always_inline u64 smm_pt_ops_read(u32 id, const void *desc,
					   bool last, u64 *sw)
{
	*sw = 0;
	if (id != SMM_PT_OPS_ARM)
		return READ_ONCE(*(const u64 *)desc);
	if (last && arm_has_linux_pte(desc))
		*sw = READ_ONCE(*(const u32 *)((const u8 *)desc -
					       ARM_HW_TABLE_OFF));
	return READ_ONCE(*(const u32 *)desc);
}

/**
 * struct smm_pt_page_bits - a 4 KiB page leaf, worked out once
 * @hw: the hardware descriptor but its address; arm: 0 for an old page,
 *	whose hardware PTE stays empty
 * @sw: arm's Linux PTE but its address
 * @addr: the bits of the page's address the descriptors hold
 */
struct smm_pt_page_bits {
	u64 hw;
	u64 sw;
	u64 addr;
};

/* The leaf fmt->set_leaf writes for a page with @prot and @attr, but pa. */
static inline void smm_pt_ops_page_bits(const struct smm_pt_cfg *cfg,
					u32 prot, u32 attr,
					struct smm_pt_page_bits *b)
{
	b->sw = 0;
	switch (cfg->fmt->id) {
	case SMM_PT_OPS_ARM:
		b->sw = arm_pte_bits(prot, attr);
		b->hw = arm_hw_pte(b->sw, attr & SMM_PT_ATTR_GLOBAL ? 0 :
						ARM_PTE_NG);
		b->addr = ARM_SMALL_ADDR;
		break;
	case SMM_PT_OPS_ARM_LPAE:
		b->hw = lpae_leaf_bits(true, prot, attr);
		b->addr = LPAE_ADDR;
		break;
	case SMM_PT_OPS_ARM64:
		b->hw = arm64_leaf_bits(true, prot, attr);
		b->addr = A64_ADDR;
		break;
	default:
		b->hw = x86_64_leaf_bits(false, prot, attr);
		b->addr = X86_ADDR;
		break;
	}
}

/* Write the page leaf @b for @pa at @desc, as fmt->set_leaf would. */
static __always_inline void smm_pt_ops_set_page(u32 id, void *desc,
						const struct smm_pt_page_bits *b,
						u64 pa)
{
	u64 addr = pa & b->addr;

	if (id != SMM_PT_OPS_ARM) {
		WRITE_ONCE(*(u64 *)desc, b->hw | addr);
		return;
	}
	if (arm_has_linux_pte(desc))
		WRITE_ONCE(*(u32 *)((u8 *)desc - ARM_HW_TABLE_OFF),
			   (u32)(b->sw | addr));
	WRITE_ONCE(*(u32 *)desc, b->hw ? (u32)(b->hw | addr) : 0);
}

/* Clear the page leaf at @desc, as fmt->clear_leaf would. */
static __always_inline void smm_pt_ops_clear_page(u32 id, void *desc)
{
	if (id != SMM_PT_OPS_ARM) {
		WRITE_ONCE(*(u64 *)desc, 0);
		return;
	}
	if (arm_has_linux_pte(desc))
		WRITE_ONCE(*(u32 *)((u8 *)desc - ARM_HW_TABLE_OFF), 0);
	WRITE_ONCE(*(u32 *)desc, 0);
}

/*
 * Whether the last-level descriptor @raw (with arm's Linux PTE @sw) is
 * a page for the kernel: the MMU maps it, or it is arm's old page.
 */
static __always_inline bool smm_pt_ops_page_present(u32 id, u64 raw, u64 sw)
{
	switch (id) {
	case SMM_PT_OPS_ARM:
		return arm_pte_present(raw, sw);
	case SMM_PT_OPS_ARM_LPAE:
		return lpae_pte_present(raw);
	case SMM_PT_OPS_ARM64:
		return arm64_pte_present(raw);
	default:
		return x86_64_pte_present(raw);
	}
}

#endif /* _SMM_PT_OPS_H */
