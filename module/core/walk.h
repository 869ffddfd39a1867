/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The software MMU: one generic walker over every format of
 * pt_format.h, for shadow address spaces and for the host's live tables
 * alike. It reads tables through struct smm_pt_mem, so it never knows
 * whether a table is a shadow page or a page the host's MMU is using.
 */

#ifndef _SMM_WALK_H
#define _SMM_WALK_H

#include "pt_format.h"

/**
 * struct smm_pt_mem - how the walker reaches table memory
 * @map: map the 4 KiB page at physical address @pa (page aligned) and
 *	return its address, or NULL when it cannot be read (not RAM); the
 *	kernel uses kmap_local_page(), so maps nest and are undone in
 *	reverse order
 * @unmap: undo @map of the page mapped at @page
 * @arg: first argument of both
 * @linear_base: where the page at @linear_start is, when the memory has
 *	a linear range: the kernel's linear map of lowmem, where shadow
 *	spaces keep their tables, reaches a table without a call
 * @linear_start: first physical address of the linear range, page
 *	aligned
 * @linear_size: its bytes, a multiple of the page size; 0 when there is
 *	none. Pages outside it go through @map.
 *
 * A linear range is a promise: the tables below a root in it are in it
 * too, as the tables of a shadow space are (smm_as_create() and its
 * maps allocate none elsewhere). smm_pt_translate() then reads them
 * there unchecked, as the kernel's own walkers read its tables; any
 * other root is walked with every table checked.
 */
struct smm_pt_mem {
	void *(*map)(void *arg, u64 pa);
	void (*unmap)(void *arg, void *page);
	void *arg;
	u8 *linear_base;
	u64 linear_start;
	u64 linear_size;
};

/* Whether the page at @pa is in @mem's linear range. */
static inline bool smm_pt_mem_linear(const struct smm_pt_mem *mem, u64 pa)
{
	return pa - mem->linear_start < mem->linear_size;
}

/*
 * The page at @pa (page aligned) for reading or writing descriptors:
 * from the linear range, else through mem->map. NULL when unreadable.
 * smm_pt_mem_unmap() undoes it.
 */
static inline void *smm_pt_mem_map(const struct smm_pt_mem *mem, u64 pa)
{
	if (smm_pt_mem_linear(mem, pa))
		return mem->linear_base + (uintptr_t)(pa - mem->linear_start);
	return mem->map(mem->arg, pa);
}

static inline void smm_pt_mem_unmap(const struct smm_pt_mem *mem, u64 pa,
				    void *page)
{
	if (!smm_pt_mem_linear(mem, pa))
		mem->unmap(mem->arg, page);
}

/**
 * struct smm_pt_step - one level of a walk
 * @level: 0 for the root
 * @table: physical address of the table
 * @desc_pa: physical address of the descriptor
 * @index: the descriptor's index in the table
 * @raw: the hardware descriptor
 * @sw: arm's Linux PTE at the PTE level, else 0
 * @e: the descriptor, decoded
 */
struct smm_pt_step {
	unsigned int level;
	u64 table;
	u64 desc_pa;
	unsigned int index;
	u64 raw;
	u64 sw;
	struct smm_pt_entry e;
};

/**
 * struct smm_walk - the result of a walk
 * @va: the address walked
 * @nr_steps: levels read, the last one the leaf or the invalid one
 * @step: the levels read
 * @mapped: a leaf maps @va
 * @fault_level: when not @mapped, the level of the invalid descriptor
 * @pa: when @mapped, the physical address @va translates to
 * @size: when @mapped, the bytes the leaf maps (e.size)
 * @perm: when @mapped, SMM_PT_P* and SMM_PT_U* left after every level
 * @attr: when @mapped, the leaf's SMM_PT_ATTR_* bits
 */
struct smm_walk {
	u64 va;
	unsigned int nr_steps;
	struct smm_pt_step step[SMM_PT_MAX_LEVELS];
	bool mapped;
	unsigned int fault_level;
	u64 pa;
	u64 size;
	u32 perm;
	u32 attr;
};

/**
 * struct smm_pt_run - a run of leaves with equal attributes (ptdump)
 * @va: first address
 * @va_end: one past the last
 * @pa: physical address of @va
 * @pa_contig: the run maps physically contiguous memory from @pa
 * @level: level of its leaves
 * @size: bytes each leaf maps
 * @nr: leaves in the run
 * @perm: permissions left after every level
 * @attrs: the format's attributes string (fmt->attrs_str)
 */
struct smm_pt_run {
	u64 va;
	u64 va_end;
	u64 pa;
	bool pa_contig;
	unsigned int level;
	u64 size;
	u64 nr;
	u32 perm;
	char attrs[SMM_PT_ATTRS_LEN];
};

int smm_pt_walk(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		u64 root, u64 va, struct smm_walk *w);
int smm_pt_translate(const struct smm_pt_cfg *cfg,
		     const struct smm_pt_mem *mem, u64 root, u64 va, u64 *pa);
int smm_pt_dump(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		u64 root, u64 start, u64 end,
		int (*emit)(void *arg, const struct smm_pt_run *run),
		void *arg, u64 *next);
bool smm_pt_va_valid(const struct smm_pt_cfg *cfg, u64 va);

#endif /* _SMM_WALK_H */
