// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow address spaces: regions (the vm_area_structs) and the page
 * tables that map them, in any format of pt_format.h, built from pages
 * the environment gives (struct smm_as_ops). smm_as_touch() plays the
 * CPU (the walker, its checks and the fault it raises) and then the
 * kernel's fault handler. A table of pages is filled and cleared in one
 * pass with its format's inline operations (pt_ops.h); the rest goes
 * through struct smm_pt_format.
 *
 * Invariants the code relies on:
 *  - every leaf lies inside one region, and a region's range holds no
 *    leaf of another; a block or a contiguous run lies in one region;
 *  - a table other than the root is never left empty: whatever empties
 *    one frees it, so a failed map can undo itself by clearing its
 *    range; with the first, a table a sweep left nothing in is empty
 *    unless a region lies in its span beside the swept range: only then
 *    is it read through;
 *  - in a pages or demand region, a block leaf is one allocation of the
 *    block's order and a contiguous run of pages (arm64) is one
 *    allocation of the run's; other leaves are one page each.
 */

#include "as.h"
#include "walk_fast.h"

#define SMM_AS_PAGE_MASK	(SMM_PT_PAGE_SIZE - 1)

static inline void smm_as_why(const char **why, const char *msg)
{
	if (why)
		*why = msg;
}

static inline u64 smm_as_level_size(const struct smm_as *as,
				    unsigned int level)
{
	return smm_pt_level_size(&as->cfg, level);
}

static inline bool smm_as_last_level(const struct smm_as *as,
				     unsigned int level)
{
	return level + 1 == as->cfg.levels;
}

/* log2 of a power of two, without a builtin 32-bit kernels may lack */
static inline unsigned int smm_as_log2(u64 n)
{
	unsigned int order = 0;

	while (n > 1) {
		n >>= 1;
		order++;
	}
	return order;
}

/* Pages order of a leaf at @level: its span in 4 KiB pages, as log2. */
static inline unsigned int smm_as_leaf_order(const struct smm_as *as,
					     unsigned int level)
{
	return as->cfg.lvl[level]->shift - SMM_PT_PAGE_SHIFT;
}

/* VA bits of the lower half: x86_64 sign-extends its top bit. */
static inline unsigned int smm_as_half_bits(const struct smm_pt_cfg *cfg)
{
	if (cfg->fmt->id == SHADOW_MM_PT_FORMAT_X86_64)
		return cfg->va_bits - 1;
	return cfg->va_bits;
}

/*
 * Addresses a shadow space maps: what the MMU translates, except
 * arm64's upper half, which the hardware translates from another root
 * (TTBR1_EL1) and which would alias the lower half here.
 */
static bool smm_as_va_ok(const struct smm_as *as, u64 va)
{
	if (as->cfg.fmt->id == SHADOW_MM_PT_FORMAT_ARM64)
		return !(va >> as->cfg.va_bits);
	return smm_pt_va_valid(&as->cfg, va);
}

static const char *smm_as_va_why(const struct smm_pt_cfg *cfg)
{
	if (cfg->fmt->id == SHADOW_MM_PT_FORMAT_X86_64)
		return cfg->va_bits == 57 ?
			"va is not canonical in the 57-bit address space" :
			"va is not canonical in the 48-bit address space";
	switch (cfg->va_bits) {
	case 32:
		return "va is outside the 32-bit address space";
	case 39:
		return "va is outside the 39-bit (TTBR0) address space";
	case 48:
		return "va is outside the 48-bit (TTBR0) address space";
	}
	return "va is outside the address space";
}

static const char *smm_as_pa_why(const struct smm_pt_cfg *cfg)
{
	switch (cfg->fmt->pa_bits) {
	case 32:
		return "pfn range beyond the format's 32-bit physical addresses";
	case 40:
		return "pfn range beyond the format's 40-bit physical addresses";
	case 48:
		return "pfn range beyond the format's 48-bit physical addresses";
	case 52:
		return "pfn range beyond the format's 52-bit physical addresses";
	}
	return "pfn range beyond the format's physical addresses";
}

static const char *smm_as_cut_why(u64 unit)
{
	switch (unit) {
	case 1ULL << 16:
		return "range splits a 64 KiB contiguous run";
	case 1ULL << 20:
		return "range splits a 1 MiB section mapping";
	case 1ULL << 21:
		return "range splits a 2 MiB block mapping";
	case 1ULL << 24:
		return "range splits a 16 MiB supersection mapping";
	case 1ULL << 25:
		return "range splits a 32 MiB contiguous run";
	case 1ULL << 30:
		return "range splits a 1 GiB block mapping";
	}
	return "range splits a block mapping";
}

/**
 * struct smm_as_page - a page-table page mapped for its descriptors
 * @va: where it is mapped; NULL when it is not
 * @pa: its physical address
 */
struct smm_as_page {
	u8 *va;
	u64 pa;
};

/*
 * Map the page holding descriptor @idx of the table at @table.
 * Return: the descriptor, or NULL when the page is not readable.
 */
static u8 *smm_as_desc(const struct smm_as *as, u64 table, unsigned int idx,
		       struct smm_as_page *pg)
{
	u64 pa = table + (u64)idx * as->cfg.fmt->desc_size;

	pg->pa = pa & ~(u64)SMM_AS_PAGE_MASK;
	pg->va = smm_pt_mem_map(&as->ops->mem, pg->pa);
	return pg->va ? pg->va + (pa & SMM_AS_PAGE_MASK) : NULL;
}

/* Undo smm_as_desc(), if the page is mapped. */
static inline void smm_as_undesc(const struct smm_as *as,
				 struct smm_as_page *pg)
{
	if (pg->va)
		smm_pt_mem_unmap(&as->ops->mem, pg->pa, pg->va);
	pg->va = NULL;
}

/* The descriptor at @desc, at @level: fmt->read without the call. */
static inline u64 smm_as_read_desc(const struct smm_as *as,
				   unsigned int level, const u8 *desc, u64 *sw)
{
	return smm_pt_ops_read(as->cfg.fmt->id, desc,
			       level + 1 == as->cfg.levels, sw);
}

static int smm_as_read(const struct smm_as *as, unsigned int level,
		       u64 table, unsigned int idx, struct smm_pt_entry *e)
{
	struct smm_as_page pg;
	u8 *desc = smm_as_desc(as, table, idx, &pg);
	u64 raw, sw;

	if (!desc)
		return -EIO;
	raw = smm_as_read_desc(as, level, desc, &sw);
	smm_as_undesc(as, &pg);
	as->cfg.fmt->decode(&as->cfg, level, raw, sw, e);
	return 0;
}

/* A leaf for the kernel: mapped, or arm's old page (Linux PTE only). */
static inline bool smm_as_present(const struct smm_pt_entry *e)
{
	return e->kind == SMM_PT_BLOCK || e->kind == SMM_PT_PAGE ||
	       (e->attr & SMM_PT_ATTR_SW_PRESENT);
}

/*
 * arm writes its L1 table descriptors in pairs (Linux's 2 MiB pmd is two
 * hardware entries pointing into one PTE page).
 */
static inline bool smm_as_pair_level(const struct smm_as *as,
				     unsigned int level)
{
	return as->cfg.fmt->id == SHADOW_MM_PT_FORMAT_ARM && level == 0;
}

/* Attributes a leaf keeps when it is written again. */
#define SMM_AS_KEEP_ATTR	(SMM_PT_ATTR_ACCESSED | SMM_PT_ATTR_DIRTY | \
				 SMM_PT_ATTR_CONTIG | SMM_PT_ATTR_DEVICE)

static inline u32 smm_as_global(u32 prot)
{
	/* Kernel mappings are global; user ones belong to an ASID/PCID. */
	return prot & SMM_PROT_USER ? 0 : SMM_PT_ATTR_GLOBAL;
}

/* Regions */

static inline u64 smm_as_region_last(const struct smm_as_region *r)
{
	return r->va + r->len - 1;
}

/* Index of the first region that ends at or after @va. */
static unsigned int smm_as_region_after(const struct smm_as *as, u64 va)
{
	unsigned int lo = 0, hi = as->nr_regions, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (smm_as_region_last(&as->regions[mid]) < va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct smm_as_region *smm_as_region_at(const struct smm_as *as,
					      u64 va)
{
	unsigned int i = smm_as_region_after(as, va);

	if (i < as->nr_regions && as->regions[i].va <= va)
		return &as->regions[i];
	return NULL;
}

static void smm_as_region_insert(struct smm_as *as, unsigned int i,
				 const struct smm_as_region *r)
{
	memmove(&as->regions[i + 1], &as->regions[i],
		(as->nr_regions - i) * sizeof(*r));
	as->regions[i] = *r;
	as->nr_regions++;
}

static void smm_as_region_remove(struct smm_as *as, unsigned int i)
{
	as->nr_regions--;
	memmove(&as->regions[i], &as->regions[i + 1],
		(as->nr_regions - i) * sizeof(as->regions[0]));
}

/* Drop the first @bytes of region @r (they were unmapped). */
static void smm_as_region_cut_head(struct smm_as_region *r, u64 bytes)
{
	r->va += bytes;
	r->len -= bytes;
	if (r->kind == SMM_AS_PFN)
		r->pfn += bytes >> SMM_PT_PAGE_SHIFT;
}

/* Split region @i at @va (inside it, above its start); needs a slot. */
static void smm_as_region_split(struct smm_as *as, unsigned int i, u64 va)
{
	struct smm_as_region tail = as->regions[i];

	smm_as_region_cut_head(&tail, va - tail.va);
	as->regions[i].len = va - as->regions[i].va;
	smm_as_region_insert(as, i + 1, &tail);
}

/* Checks shared by map, unmap and protect */

static int smm_as_check_range(const struct smm_as *as, u64 va, u64 len,
			      u64 *last, const char **why)
{
	unsigned int bits = smm_as_half_bits(&as->cfg);

	if (va & SMM_AS_PAGE_MASK) {
		smm_as_why(why, "va is not page aligned");
		return -EINVAL;
	}
	if (!len) {
		smm_as_why(why, "len is 0");
		return -EINVAL;
	}
	if (len & SMM_AS_PAGE_MASK) {
		smm_as_why(why, "len is not a multiple of the page size");
		return -EINVAL;
	}
	if (len - 1 > ~va) {
		smm_as_why(why, "range wraps around the end of the address space");
		return -ERANGE;
	}
	*last = va + len - 1;
	/* Both ends in one half: nothing between them is non-canonical. */
	if (!smm_as_va_ok(as, va) || !smm_as_va_ok(as, *last) ||
	    (va >> bits) != (*last >> bits)) {
		smm_as_why(why, smm_as_va_why(&as->cfg));
		return -ERANGE;
	}
	return 0;
}

static int smm_as_check_prot(u32 prot, const char **why)
{
	if (prot & ~SMM_PROT_ALL) {
		smm_as_why(why, "prot has unknown bits");
		return -EINVAL;
	}
	if (!(prot & SMM_PROT_READ)) {
		smm_as_why(why, "prot must include read");
		return -EINVAL;
	}
	return 0;
}

/**
 * struct smm_as_loc - where the walk of an address ends
 * @level: level of the descriptor
 * @table: physical address of its table
 * @idx: its index there
 * @e: the descriptor: a leaf, arm's old page, invalid, or (only at the
 *	last level) a table the format should never write there
 */
struct smm_as_loc {
	unsigned int level;
	u64 table;
	unsigned int idx;
	struct smm_pt_entry e;
};

static int smm_as_locate(const struct smm_as *as, u64 va,
			 struct smm_as_loc *loc)
{
	u64 table = as->root;
	unsigned int level;
	int ret;

	for (level = 0; ; level++) {
		loc->level = level;
		loc->table = table;
		loc->idx = smm_pt_index(&as->cfg, level, va);
		ret = smm_as_read(as, level, table, loc->idx, &loc->e);
		if (ret)
			return ret;
		if (loc->e.kind != SMM_PT_TABLE || smm_as_last_level(as, level))
			return 0;
		table = loc->e.addr;
	}
}

/* VA bytes the leaf at @loc belongs to: a contiguous run is one unit. */
static u64 smm_as_leaf_unit(const struct smm_as *as,
			    const struct smm_as_loc *loc)
{
	const struct smm_pt_level *lvl = as->cfg.lvl[loc->level];
	u64 unit = smm_as_level_size(as, loc->level);

	if ((loc->e.attr & SMM_PT_ATTR_CONTIG) && lvl->contig > 1)
		unit *= lvl->contig;
	if (loc->e.size > unit)
		unit = loc->e.size;
	return unit;
}

/* Refuse a range [@va, @last] that would take part of a block or run. */
static int smm_as_check_cuts(const struct smm_as *as, u64 va, u64 last,
			     const char **why)
{
	struct smm_as_loc loc;
	u64 unit;

	if (!smm_as_locate(as, va, &loc) && smm_as_present(&loc.e)) {
		unit = smm_as_leaf_unit(as, &loc);
		if (va & (unit - 1))
			goto cut;
	}
	if (!smm_as_locate(as, last, &loc) && smm_as_present(&loc.e)) {
		unit = smm_as_leaf_unit(as, &loc);
		if ((last & (unit - 1)) != unit - 1)
			goto cut;
	}
	return 0;
cut:
	smm_as_why(why, smm_as_cut_why(unit));
	return -EINVAL;
}

/* Writing leaves (map, demand faults) */

/**
 * struct smm_as_fill - a range being populated
 * @as: the address space
 * @r: the region the range belongs to
 * @kind: what backs the leaves (pages for a demand fault)
 * @attr: SMM_PT_ATTR_* of every leaf written
 * @small: pages only: no block, no contiguous run
 * @st: what was done
 * @why: the reason of a failure
 */
struct smm_as_fill {
	struct smm_as *as;
	const struct smm_as_region *r;
	enum smm_as_kind kind;
	u32 attr;
	bool small;
	struct smm_as_stats *st;
	const char *why;
};

/* Physical address a pfn region maps at @va. */
static inline u64 smm_as_region_pa(const struct smm_as_region *r, u64 va)
{
	return (r->pfn << SMM_PT_PAGE_SHIFT) + (va - r->va);
}

/* Whether descriptors [@idx, @idx + @n) of the table are all invalid. */
static bool smm_as_all_invalid(const struct smm_as *as, unsigned int level,
			       u64 table, unsigned int idx, unsigned int n)
{
	struct smm_pt_entry e;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (smm_as_read(as, level, table, idx + i, &e) ||
		    e.kind != SMM_PT_INVALID || smm_as_present(&e))
			return false;
	return true;
}

/*
 * Write @n leaves of @kind from descriptor @idx, mapping @pa onwards.
 * A replicated descriptor (an arm supersection, whose 16 entries all
 * hold the 16 MiB base) keeps @pa; other runs advance by the level size.
 */
static int smm_as_write_leaves(struct smm_as_fill *f, unsigned int level,
			       u64 table, unsigned int idx, unsigned int n,
			       enum smm_pt_kind kind, u64 pa, u32 attr)
{
	struct smm_as *as = f->as;
	const struct smm_pt_format *fmt = as->cfg.fmt;
	u64 size = smm_as_level_size(as, level), step = size, raw, sw;
	struct smm_pt_entry e;
	struct smm_as_page pg;
	unsigned int i;
	u8 *desc = smm_as_desc(as, table, idx, &pg);

	if (!desc) {
		f->why = "a page table is not readable";
		return -EIO;
	}
	for (i = 0; i < n; i++) {
		fmt->set_leaf(&as->cfg, desc + i * fmt->desc_size, level, kind,
			      pa + i * step, f->r->prot, attr);
		if (!i && n > 1) {
			raw = smm_as_read_desc(as, level, desc, &sw);
			fmt->decode(&as->cfg, level, raw, sw, &e);
			if (e.size >= n * size)
				step = 0;
		}
	}
	smm_as_undesc(as, &pg);
	as->mapped_bytes += n * size;
	if (kind == SMM_PT_BLOCK)
		f->st->blocks += n;
	else
		f->st->pages += n;
	return 0;
}

/*
 * Try a contiguous run from descriptor @idx at @va: 16 aligned invalid
 * descriptors the range covers, over memory contiguous and aligned to
 * the run. A pages region gets one allocation for a run of pages; runs
 * of blocks (32 MiB on arm64, arm supersections) only map given frames.
 * Return: descriptors written, 0 when no run fits, or -errno.
 */
static int smm_as_put_run(struct smm_as_fill *f, unsigned int level,
			  u64 table, unsigned int idx, enum smm_pt_kind kind,
			  u64 va, u64 last)
{
	struct smm_as *as = f->as;
	unsigned int n = as->cfg.lvl[level]->contig;
	u64 run = n * smm_as_level_size(as, level), pa;
	unsigned int order = 0;
	int ret;

	if (n < 2 || f->small || idx % n || (va & (run - 1)) ||
	    last - va < run - 1)
		return 0;
	if (f->kind == SMM_AS_PFN) {
		pa = smm_as_region_pa(f->r, va);
		if (pa & (run - 1))
			return 0;
	} else if (kind != SMM_PT_PAGE) {
		return 0;
	}
	if (!smm_as_all_invalid(as, level, table, idx, n))
		return 0;
	if (f->kind != SMM_AS_PFN) {
		order = smm_as_leaf_order(as, level) + smm_as_log2(n);
		if (as->ops->alloc(as->ops->arg, order, false, &pa))
			return 0;
	}
	ret = smm_as_write_leaves(f, level, table, idx, n, kind, pa,
				  f->attr | SMM_PT_ATTR_CONTIG);
	if (ret) {
		if (f->kind != SMM_AS_PFN)
			as->ops->free(as->ops->arg, pa, order, false);
		return ret;
	}
	return n;
}

/*
 * Put leaves at descriptor @idx, which maps [@va, ...) whole within
 * [@va, @last]: a contiguous run, else one leaf, the largest the level
 * has. arm's sections come in pairs, both halves of a Linux pmd, so
 * that a pair never holds a section beside a page table (set_table
 * writes both halves). Return: descriptors written, 0 when the level
 * needs a table instead, or -errno.
 */
static int smm_as_put_leaves(struct smm_as_fill *f, unsigned int level,
			     u64 table, unsigned int idx, u64 va, u64 last)
{
	struct smm_as *as = f->as;
	bool page_level = smm_as_last_level(as, level);
	bool pair = smm_as_pair_level(as, level);
	enum smm_pt_kind kind = page_level ? SMM_PT_PAGE : SMM_PT_BLOCK;
	u64 size = smm_as_level_size(as, level), pa[2];
	unsigned int order = smm_as_leaf_order(as, level), n = pair ? 2 : 1;
	unsigned int i;
	int ret;

	if (!(as->cfg.lvl[level]->leaf_kinds & BIT(kind)) ||
	    (!page_level && f->small))
		return 0;
	ret = smm_as_put_run(f, level, table, idx, kind, va, last);
	if (ret)
		return ret;
	if (pair && ((idx & 1) || last - va < 2 * size - 1))
		return 0;

	if (f->kind == SMM_AS_PFN) {
		pa[0] = smm_as_region_pa(f->r, va);
		pa[1] = pa[0] + size;
		if (pa[0] & (size - 1))
			return 0;
	} else {
		for (i = 0; i < n; i++) {
			if (!as->ops->alloc(as->ops->arg, order, false, &pa[i]))
				continue;
			if (i)
				as->ops->free(as->ops->arg, pa[0], order, false);
			/* A block falls back to smaller leaves. */
			if (!page_level)
				return 0;
			f->why = "out of shadow pages for the mapping";
			return -ENOMEM;
		}
	}
	for (i = 0; i < n; i++) {
		ret = smm_as_write_leaves(f, level, table, idx + i, 1, kind,
					  pa[i], f->attr);
		if (ret)
			break;
	}
	if (ret && f->kind != SMM_AS_PFN) {
		/* The leaves written are undone with the range. */
		for (; i < n; i++)
			as->ops->free(as->ops->arg, pa[i], order, false);
	}
	return ret ? ret : (int)n;
}

/*
 * Allocate 1 << @order pages for a table. A memory with a linear range
 * promises that every table is in it (struct smm_pt_mem): a page
 * outside goes back, and the allocation fails.
 */
static int smm_as_table_alloc(const struct smm_as_ops *ops,
			      unsigned int order, u64 *pa)
{
	const struct smm_pt_mem *mem = &ops->mem;

	if (ops->alloc(ops->arg, order, true, pa))
		return -ENOMEM;
	if (mem->linear_size &&
	    (!smm_pt_mem_linear(mem, *pa) ||
	     !smm_pt_mem_linear(mem, *pa + (SMM_PT_PAGE_SIZE << order) - 1))) {
		ops->free(ops->arg, *pa, order, true);
		return -ENOMEM;
	}
	return 0;
}

/* Give descriptor @idx a new empty table; *@child is its address. */
static int smm_as_new_table(struct smm_as_fill *f, unsigned int level,
			    u64 table, unsigned int idx, u64 *child)
{
	struct smm_as *as = f->as;
	struct smm_pt_entry partner;
	struct smm_as_page pg;
	u8 *desc;
	u64 pa;

	if (smm_as_pair_level(as, level) &&
	    !smm_as_read(as, level, table, idx ^ 1, &partner) &&
	    smm_as_present(&partner)) {
		f->why = "range shares a 2 MiB Linux pmd with a 1 MiB section";
		return -EEXIST;
	}
	if (smm_as_table_alloc(as->ops, 0, &pa)) {
		f->why = "out of shadow pages for page tables";
		return -ENOMEM;
	}
	desc = smm_as_desc(as, table, idx, &pg);
	if (!desc) {
		as->ops->free(as->ops->arg, pa, 0, true);
		f->why = "a page table is not readable";
		return -EIO;
	}
	*child = as->cfg.fmt->set_table(desc, idx, pa);
	smm_as_undesc(as, &pg);
	as->table_pages++;
	f->st->tables++;
	return 0;
}

/*
 * Write page leaves @b for @pa onwards into the @n last-level
 * descriptors of format @id (a constant) from @desc, as long as they
 * are zero. Return: the leaves written; fewer than @n when a descriptor
 * is not zero, for the caller to look at.
 */
static __always_inline unsigned int smm_as_set_run(u32 id, u8 *desc,
						   unsigned int n,
						   const struct smm_pt_page_bits *b,
						   u64 pa)
{
	const unsigned int size = smm_pt_ops_desc_size(id);
	unsigned int i;
	u64 sw;

	for (i = 0; i < n; i++, desc += size, pa += SMM_PT_PAGE_SIZE) {
		if (smm_pt_ops_read(id, desc, true, &sw) | sw)
			break;
		smm_pt_ops_set_page(id, desc, b, pa);
	}
	return i;
}

/* smm_as_set_run() in the format of @as. */
static unsigned int smm_as_set_run_any(const struct smm_as *as, u8 *desc,
				       unsigned int n,
				       const struct smm_pt_page_bits *b, u64 pa)
{
	switch (as->cfg.fmt->id) {
	case SMM_PT_OPS_ARM:
		return smm_as_set_run(SMM_PT_OPS_ARM, desc, n, b, pa);
	case SMM_PT_OPS_ARM_LPAE:
		return smm_as_set_run(SMM_PT_OPS_ARM_LPAE, desc, n, b, pa);
	case SMM_PT_OPS_ARM64:
		return smm_as_set_run(SMM_PT_OPS_ARM64, desc, n, b, pa);
	default:
		return smm_as_set_run(SMM_PT_OPS_X86_64, desc, n, b, pa);
	}
}

/* Descriptor @idx of the table at @table, in its page @pg. */
static inline u8 *smm_as_pg_desc(const struct smm_as *as,
				 const struct smm_as_page *pg, u64 table,
				 unsigned int idx)
{
	return pg->va + (uintptr_t)(table + (u64)idx * as->cfg.fmt->desc_size -
				    pg->pa);
}

/*
 * The overlap check of a fill at the last level: a page there (or a
 * table, which the level cannot hold) is refused; a zero or otherwise
 * invalid descriptor is written over.
 */
static int smm_as_fill_check(struct smm_as_fill *f, unsigned int level,
			     const u8 *desc)
{
	struct smm_as *as = f->as;
	struct smm_pt_entry e;
	u64 raw, sw;

	raw = smm_as_read_desc(as, level, desc, &sw);
	if (!(raw | sw))
		return 0;
	as->cfg.fmt->decode(&as->cfg, level, raw, sw, &e);
	if (smm_as_present(&e) || e.kind == SMM_PT_TABLE) {
		f->why = "range overlaps a mapping";
		return -EEXIST;
	}
	return 0;
}

/*
 * Given frames, a page leaf each, over [@va, @last] in the last-level
 * table at @table: the format's own loop, held up only by a descriptor
 * that is not zero.
 */
static int smm_as_fill_frames(struct smm_as_fill *f, unsigned int level,
			      u64 table, u64 va, u64 last,
			      const struct smm_pt_page_bits *bits)
{
	struct smm_as *as = f->as;
	unsigned int idx = smm_pt_index(&as->cfg, level, va), n, done;
	struct smm_as_page pg;
	int ret = 0;
	u8 *desc;

	if (!smm_as_desc(as, table, idx, &pg)) {
		f->why = "a page table is not readable";
		return -EIO;
	}
	for (;;) {
		n = ((last - va) >> SMM_PT_PAGE_SHIFT) + 1;
		desc = smm_as_pg_desc(as, &pg, table, idx);
		done = smm_as_set_run_any(as, desc, n, bits,
					  smm_as_region_pa(f->r, va));
		as->mapped_bytes += (u64)done << SMM_PT_PAGE_SHIFT;
		f->st->pages += done;
		if (done == n)
			break;
		idx += done;
		va += (u64)done << SMM_PT_PAGE_SHIFT;
		desc = smm_as_pg_desc(as, &pg, table, idx);
		ret = smm_as_fill_check(f, level, desc);
		if (ret)
			break;
		smm_pt_ops_set_page(as->cfg.fmt->id, desc, bits,
				    smm_as_region_pa(f->r, va));
		as->mapped_bytes += SMM_PT_PAGE_SIZE;
		f->st->pages++;
		if (va + SMM_AS_PAGE_MASK == last)
			break;
		idx++;
		va += SMM_PT_PAGE_SIZE;
	}
	smm_as_undesc(as, &pg);
	return ret;
}

/*
 * Populate [@va, @last] in the last-level table at @table: a page leaf
 * per descriptor, or a contiguous run where one fits. The leaf's bits
 * are worked out once and each descriptor gets them with its address;
 * the table page stays mapped but across allocations.
 */
static int smm_as_fill_pages(struct smm_as_fill *f, unsigned int level,
			     u64 table, u64 va, u64 last)
{
	struct smm_as *as = f->as;
	unsigned int run = f->small ? 0 : as->cfg.lvl[level]->contig;
	unsigned int idx = smm_pt_index(&as->cfg, level, va);
	struct smm_as_page pg = { NULL, 0 };
	struct smm_pt_page_bits bits;
	int ret = 0;
	u64 pa;

	smm_pt_ops_page_bits(&as->cfg, f->r->prot, f->attr, &bits);
	if (f->kind == SMM_AS_PFN && run < 2)
		return smm_as_fill_frames(f, level, table, va, last, &bits);
	for (;; idx++, va += SMM_PT_PAGE_SIZE) {
		if (!pg.va && !smm_as_desc(as, table, idx, &pg))
			goto unreadable;
		ret = smm_as_fill_check(f, level,
					smm_as_pg_desc(as, &pg, table, idx));
		if (ret)
			break;
		if (run > 1 && !(idx % run)) {
			smm_as_undesc(as, &pg);
			ret = smm_as_put_run(f, level, table, idx, SMM_PT_PAGE,
					     va, last);
			if (ret < 0)
				break;
			if (ret > 0) {
				idx += ret - 1;
				va += (u64)(ret - 1) << SMM_PT_PAGE_SHIFT;
				ret = 0;
				goto next;
			}
		}
		if (f->kind == SMM_AS_PFN) {
			pa = smm_as_region_pa(f->r, va);
		} else {
			smm_as_undesc(as, &pg);
			if (as->ops->alloc(as->ops->arg, 0, false, &pa)) {
				f->why = "out of shadow pages for the mapping";
				ret = -ENOMEM;
				break;
			}
		}
		if (!pg.va && !smm_as_desc(as, table, idx, &pg)) {
			if (f->kind != SMM_AS_PFN)
				as->ops->free(as->ops->arg, pa, 0, false);
			goto unreadable;
		}
		smm_pt_ops_set_page(as->cfg.fmt->id,
				    smm_as_pg_desc(as, &pg, table, idx), &bits,
				    pa);
		as->mapped_bytes += SMM_PT_PAGE_SIZE;
		f->st->pages++;
next:
		if (va + SMM_AS_PAGE_MASK == last)
			break;
	}
	smm_as_undesc(as, &pg);
	return ret;

unreadable:
	f->why = "a page table is not readable";
	return -EIO;
}

/* Populate [@va, @last] below the table at @table, which is at @level. */
static int smm_as_fill_table(struct smm_as_fill *f, unsigned int level,
			     u64 table, u64 va, u64 last)
{
	struct smm_as *as = f->as;
	u64 size = smm_as_level_size(as, level), first, sub_last, child;
	struct smm_pt_entry e;
	unsigned int idx;
	int ret;

	if (smm_as_last_level(as, level))
		return smm_as_fill_pages(f, level, table, va, last);
	for (;;) {
		first = va & ~(size - 1);
		sub_last = first + (size - 1) < last ? first + (size - 1) : last;
		idx = smm_pt_index(&as->cfg, level, va);
		ret = smm_as_read(as, level, table, idx, &e);
		if (ret) {
			f->why = "a page table is not readable";
			return ret;
		}
		if (smm_as_present(&e) || (e.kind == SMM_PT_TABLE &&
					   smm_as_last_level(as, level))) {
			f->why = "range overlaps a mapping";
			return -EEXIST;
		}
		if (e.kind == SMM_PT_TABLE) {
			ret = smm_as_fill_table(f, level + 1, e.addr, va,
						sub_last);
		} else {
			ret = 0;
			if (va == first && sub_last - first == size - 1)
				ret = smm_as_put_leaves(f, level, table, idx,
							va, last);
			if (ret > 0) {
				sub_last = first + ret * size - 1;
				ret = 0;
			} else if (!ret) {
				ret = smm_as_new_table(f, level, table, idx,
						       &child);
				if (!ret)
					ret = smm_as_fill_table(f, level + 1,
								child, va,
								sub_last);
			}
		}
		if (ret)
			return ret;
		if (sub_last == last)
			return 0;
		va = sub_last + 1;
	}
}

/* Clearing and rewriting leaves (unmap, protect, undo) */

/**
 * struct smm_as_sweep - a pass over the leaves of a range
 * @as: the address space
 * @st: what was done
 * @clear: clear the leaves (freeing what backs them and the tables left
 *	empty), else write them again with @prot
 * @prot: the new protections
 */
struct smm_as_sweep {
	struct smm_as *as;
	struct smm_as_stats *st;
	bool clear;
	u32 prot;
};

static bool smm_as_table_empty(const struct smm_as *as, u64 page_pa)
{
	const u64 *p = smm_pt_mem_map(&as->ops->mem, page_pa);
	bool empty = true;
	unsigned int i;

	if (!p)
		return false;
	for (i = 0; i < SMM_PT_PAGE_SIZE / sizeof(*p) && empty; i++)
		empty = !p[i];
	smm_pt_mem_unmap(&as->ops->mem, page_pa, (void *)p);
	return empty;
}

/* Whether a region has an address in [@lo, @hi]. */
static bool smm_as_regions_in(const struct smm_as *as, u64 lo, u64 hi)
{
	unsigned int i = smm_as_region_after(as, lo);

	return i < as->nr_regions && as->regions[i].va <= hi;
}

/**
 * smm_as_drop_table() - free a table page the sweep left empty
 * @s: the sweep
 * @level: level of the descriptor pointing to the page
 * @table: the table holding that descriptor
 * @idx: its index
 * @child: the address it points to
 * @kept: the sweep left a descriptor of the page non-zero
 * @lo: first address the sweep went through below the descriptor
 * @hi: last one
 *
 * Every leaf lies in a region and no table is left without leaves, so
 * a page whose sweep left nothing holds nothing more, unless a region
 * lies in its span beside [@lo, @hi]: only then is it read through. An
 * arm page of PTEs spans the two first-level entries of its pair.
 *
 * Return: true if the page was freed with its descriptor.
 */
static bool smm_as_drop_table(struct smm_as_sweep *s, unsigned int level,
			      u64 table, unsigned int idx, u64 child,
			      bool kept, u64 lo, u64 hi)
{
	struct smm_as *as = s->as;
	u64 page_pa = child & ~(u64)SMM_AS_PAGE_MASK;
	u64 span = smm_as_level_size(as, level), span_lo, span_hi;
	struct smm_as_page pg;
	u8 *desc;

	if (kept)
		return false;
	if (smm_as_pair_level(as, level))
		span *= 2;
	span_lo = lo & ~(span - 1);
	span_hi = span_lo + (span - 1);
	if (((lo > span_lo && smm_as_regions_in(as, span_lo, lo - 1)) ||
	     (hi < span_hi && smm_as_regions_in(as, hi + 1, span_hi))) &&
	    !smm_as_table_empty(as, page_pa))
		return false;
	desc = smm_as_desc(as, table, idx, &pg);
	if (!desc)
		return false;
	as->cfg.fmt->clear_table(desc, idx);
	smm_as_undesc(as, &pg);
	as->ops->free(as->ops->arg, page_pa, 0, true);
	as->table_pages--;
	s->st->tables++;
	return true;
}

/*
 * Write the leaf at @idx again with @prot, keeping its address and
 * attributes, adding @set_attr.
 */
static void smm_as_rewrite(struct smm_as *as, unsigned int level, u64 table,
			   unsigned int idx, u32 prot, u32 set_attr)
{
	const struct smm_pt_format *fmt = as->cfg.fmt;
	struct smm_pt_entry e;
	struct smm_as_page pg;
	u8 *desc = smm_as_desc(as, table, idx, &pg);
	u64 raw, sw;

	if (!desc)
		return;
	raw = smm_as_read_desc(as, level, desc, &sw);
	fmt->decode(&as->cfg, level, raw, sw, &e);
	if (smm_as_present(&e))
		fmt->set_leaf(&as->cfg, desc, level,
			      e.kind == SMM_PT_INVALID ? SMM_PT_PAGE : e.kind,
			      e.addr, prot,
			      (e.attr & SMM_AS_KEEP_ATTR) | set_attr |
			      smm_as_global(prot));
	smm_as_undesc(as, &pg);
}

/* Return what backs the leaf @e at descriptor @idx to the allocator. */
static void smm_as_free_leaf(struct smm_as *as, unsigned int level,
			     unsigned int idx, const struct smm_as_region *r,
			     const struct smm_pt_entry *e)
{
	unsigned int n = as->cfg.lvl[level]->contig;
	unsigned int order = smm_as_leaf_order(as, level);

	if (!r || r->kind == SMM_AS_PFN)
		return;
	/* A run of pages is one allocation, freed with its first page. */
	if ((e->attr & SMM_PT_ATTR_CONTIG) && n > 1) {
		if (idx % n)
			return;
		order += smm_as_log2(n);
	}
	as->ops->free(as->ops->arg, e->addr, order, false);
}

static void smm_as_clear_leaf(struct smm_as_sweep *s, unsigned int level,
			      u64 table, unsigned int idx, u64 va,
			      const struct smm_pt_entry *e)
{
	struct smm_as *as = s->as;
	struct smm_as_page pg;
	u8 *desc = smm_as_desc(as, table, idx, &pg);

	if (!desc)
		return;
	as->cfg.fmt->clear_leaf(desc, level);
	smm_as_undesc(as, &pg);
	as->mapped_bytes -= smm_as_level_size(as, level);
	if (e->kind == SMM_PT_BLOCK)
		s->st->blocks++;
	else
		s->st->pages++;
	smm_as_free_leaf(as, level, idx, smm_as_region_at(as, va), e);
}

/*
 * Clear the pages among the @n descriptors from @desc, last-level ones
 * of format @id (a constant), which nothing needs to free: they are in
 * a pfn region, or in none. Return: the pages cleared; *@kept is set
 * when a non-zero descriptor that is no page stays.
 */
static __always_inline unsigned int smm_as_clear_run(u32 id, u8 *desc,
						     unsigned int n,
						     bool *kept)
{
	const unsigned int size = smm_pt_ops_desc_size(id);
	unsigned int cleared = 0;
	u64 raw, sw;

	for (; n; n--, desc += size) {
		raw = smm_pt_ops_read(id, desc, true, &sw);
		if (!(raw | sw))
			continue;
		if (!smm_pt_ops_page_present(id, raw, sw)) {
			*kept = true;
			continue;
		}
		smm_pt_ops_clear_page(id, desc);
		cleared++;
	}
	return cleared;
}

/* smm_as_clear_run() in the format of @as. */
static unsigned int smm_as_clear_run_any(const struct smm_as *as, u8 *desc,
					 unsigned int n, bool *kept)
{
	switch (as->cfg.fmt->id) {
	case SMM_PT_OPS_ARM:
		return smm_as_clear_run(SMM_PT_OPS_ARM, desc, n, kept);
	case SMM_PT_OPS_ARM_LPAE:
		return smm_as_clear_run(SMM_PT_OPS_ARM_LPAE, desc, n, kept);
	case SMM_PT_OPS_ARM64:
		return smm_as_clear_run(SMM_PT_OPS_ARM64, desc, n, kept);
	default:
		return smm_as_clear_run(SMM_PT_OPS_X86_64, desc, n, kept);
	}
}

/*
 * Clear the pages of descriptors [@idx, @idx + @n) of the last-level
 * table at @table, in pages or demand region @r, giving back what backs
 * them. The table page *@pg stays mapped but across frees.
 * Return: whether a non-zero descriptor that is no page stays.
 */
static bool smm_as_clear_freeing(struct smm_as_sweep *s, unsigned int level,
				 u64 table, unsigned int idx, unsigned int n,
				 const struct smm_as_region *r,
				 struct smm_as_page *pg)
{
	struct smm_as *as = s->as;
	const u32 id = as->cfg.fmt->id;
	const unsigned int size = as->cfg.fmt->desc_size;
	struct smm_pt_entry e;
	bool kept = false;
	u64 raw, sw;
	u8 *desc;

	for (; n; n--, idx++) {
		if (!pg->va && !smm_as_desc(as, table, idx, pg))
			return true;
		desc = pg->va + (uintptr_t)(table + (u64)idx * size - pg->pa);
		raw = smm_pt_ops_read(id, desc, true, &sw);
		if (!(raw | sw))
			continue;
		if (!smm_pt_ops_page_present(id, raw, sw)) {
			kept = true;
			continue;
		}
		as->cfg.fmt->decode(&as->cfg, level, raw, sw, &e);
		smm_pt_ops_clear_page(id, desc);
		as->mapped_bytes -= SMM_PT_PAGE_SIZE;
		s->st->pages++;
		smm_as_undesc(as, pg);
		smm_as_free_leaf(as, level, idx, r, &e);
	}
	return kept;
}

/*
 * Clear the pages of [@va, @last] in the last-level table at @table, a
 * region (or a hole between regions) at a time: where nothing is to be
 * freed, in one tight pass of the format's own loop.
 * Return: whether a descriptor of the range is left non-zero.
 */
static bool smm_as_clear_pages(struct smm_as_sweep *s, unsigned int level,
			       u64 table, u64 va, u64 last)
{
	struct smm_as *as = s->as;
	const unsigned int size = as->cfg.fmt->desc_size;
	unsigned int idx = smm_pt_index(&as->cfg, level, va), i, n, cleared;
	struct smm_as_page pg = { NULL, 0 };
	const struct smm_as_region *r;
	bool kept = false;
	u64 seg_last;

	for (;;) {
		/* the region holding @va, or the hole before the next one */
		r = NULL;
		seg_last = last;
		i = smm_as_region_after(as, va);
		if (i < as->nr_regions && as->regions[i].va <= va) {
			r = &as->regions[i];
			seg_last = min(last, smm_as_region_last(r));
		} else if (i < as->nr_regions) {
			seg_last = min(last, as->regions[i].va - 1);
		}
		n = ((seg_last - va) >> SMM_PT_PAGE_SHIFT) + 1;
		if (r && r->kind != SMM_AS_PFN) {
			kept |= smm_as_clear_freeing(s, level, table, idx, n, r,
						     &pg);
		} else {
			if (!pg.va && !smm_as_desc(as, table, idx, &pg))
				return true;
			cleared = smm_as_clear_run_any(as, pg.va +
				(uintptr_t)(table + (u64)idx * size - pg.pa),
				n, &kept);
			as->mapped_bytes -= (u64)cleared << SMM_PT_PAGE_SHIFT;
			s->st->pages += cleared;
		}
		if (seg_last == last)
			break;
		va = seg_last + 1;
		idx += n;
	}
	smm_as_undesc(as, &pg);
	return kept;
}

/**
 * struct smm_as_pending - an arm page of PTEs half swept
 * @set: the first half was swept, its table not dropped yet
 * @idx: the first half's descriptor
 * @child: where it points
 * @kept: its sweep left something
 * @lo: first address its sweep went through
 * @hi: last one
 */
struct smm_as_pending {
	bool set;
	unsigned int idx;
	u64 child;
	bool kept;
	u64 lo;
	u64 hi;
};

/*
 * Sweep [@va, @last] below the table at @table, which is at @level.
 * Return: whether a descriptor of the range is left non-zero (for a
 * clearing sweep).
 */
static bool smm_as_sweep_table(struct smm_as_sweep *s, unsigned int level,
			       u64 table, u64 va, u64 last)
{
	struct smm_as *as = s->as;
	u64 size = smm_as_level_size(as, level), first, sub_last, raw, sw;
	struct smm_as_pending pend = { .set = false };
	bool kept = false, child_kept;
	struct smm_pt_entry e;
	struct smm_as_page pg;
	unsigned int idx;
	u8 *desc;

	if (s->clear && smm_as_last_level(as, level))
		return smm_as_clear_pages(s, level, table, va, last);
	for (;;) {
		first = va & ~(size - 1);
		sub_last = first + (size - 1) < last ? first + (size - 1) : last;
		idx = smm_pt_index(&as->cfg, level, va);
		desc = smm_as_desc(as, table, idx, &pg);
		if (!desc) {
			kept = true;
			goto next;
		}
		raw = smm_as_read_desc(as, level, desc, &sw);
		smm_as_undesc(as, &pg);
		as->cfg.fmt->decode(&as->cfg, level, raw, sw, &e);
		if (pend.set && (e.kind != SMM_PT_TABLE ||
				 ((e.addr ^ pend.child) & ~(u64)SMM_AS_PAGE_MASK))) {
			/* not the other half of the page: decide alone */
			if (!smm_as_drop_table(s, level, table, pend.idx,
					       pend.child, pend.kept, pend.lo,
					       pend.hi))
				kept = true;
			pend.set = false;
		}
		if (e.kind == SMM_PT_TABLE && !smm_as_last_level(as, level)) {
			child_kept = smm_as_sweep_table(s, level + 1, e.addr, va,
							sub_last);
			if (!s->clear)
				goto next;
			if (smm_as_pair_level(as, level) && !(idx & 1) &&
			    sub_last != last) {
				/* the page's other half comes next */
				pend = (struct smm_as_pending) {
					.set = true, .idx = idx,
					.child = e.addr, .kept = child_kept,
					.lo = va, .hi = sub_last,
				};
				goto next;
			}
			if (pend.set) {
				child_kept |= pend.kept;
				pend.set = false;
				if (!smm_as_drop_table(s, level, table, idx,
						       e.addr, child_kept,
						       pend.lo, sub_last))
					kept = true;
			} else if (!smm_as_drop_table(s, level, table, idx,
						      e.addr, child_kept, va,
						      sub_last)) {
				kept = true;
			}
		} else if (smm_as_present(&e)) {
			if (s->clear) {
				smm_as_clear_leaf(s, level, table, idx, first,
						  &e);
			} else {
				smm_as_rewrite(as, level, table, idx, s->prot,
					       0);
				if (e.kind == SMM_PT_BLOCK)
					s->st->blocks++;
				else
					s->st->pages++;
			}
		} else if (raw | sw) {
			kept = true;
		}
next:
		if (sub_last == last)
			break;
		va = sub_last + 1;
	}
	if (pend.set && !smm_as_drop_table(s, level, table, pend.idx,
					   pend.child, pend.kept, pend.lo,
					   pend.hi))
		kept = true;
	return kept;
}

static void smm_as_sweep(struct smm_as *as, u64 va, u64 last, bool clear,
			 u32 prot, struct smm_as_stats *st)
{
	struct smm_as_sweep s = {
		.as = as, .st = st, .clear = clear, .prot = prot,
	};

	smm_as_sweep_table(&s, 0, as->root, va, last);
}

/* Clear every leaf, freeing every table but the root. */
static void smm_as_sweep_all(struct smm_as *as)
{
	unsigned int bits = smm_as_half_bits(&as->cfg);
	struct smm_as_stats st;

	smm_as_sweep(as, 0, (1ULL << bits) - 1, true, 0, &st);
	if (as->cfg.fmt->id == SHADOW_MM_PT_FORMAT_X86_64)
		smm_as_sweep(as, ~0ULL << bits, ~0ULL, true, 0, &st);
}

/**
 * smm_as_create() - a new, empty address space
 * @cfg: its format and depth (copied)
 * @ops: its environment; must outlive the address space
 * @out: the address space
 *
 * Allocates the root table (1 << fmt->root_order pages) from @ops and
 * room for SMM_AS_MAX_REGIONS regions.
 *
 * Return: 0, -EINVAL for a format used at another depth, -ENOMEM.
 */
int smm_as_create(const struct smm_pt_cfg *cfg, const struct smm_as_ops *ops,
		  struct smm_as **out)
{
	struct smm_as *as;
	int ret = -ENOMEM;

	if (!cfg->fmt || !smm_pt_format_levels_valid(cfg->fmt, cfg->levels))
		return -EINVAL;
	as = smm_ctx_zalloc(sizeof(*as));
	if (!as)
		return -ENOMEM;
	as->regions = smm_ctx_zalloc(SMM_AS_MAX_REGIONS *
				     sizeof(*as->regions));
	if (!as->regions)
		goto err_as;
	as->cfg = *cfg;
	as->ops = ops;
	if (smm_as_table_alloc(ops, cfg->fmt->root_order, &as->root))
		goto err_regions;
	as->table_pages = 1UL << cfg->fmt->root_order;
	/* its tables all are where its root is (smm_as_table_alloc()) */
	if (smm_pt_mem_linear(&ops->mem, as->root)) {
		as->fast = cfg->fast;
		as->lin_bias = (uintptr_t)ops->mem.linear_base -
			       (uintptr_t)ops->mem.linear_start;
		as->lin_root = (const void *)((uintptr_t)as->root +
					      as->lin_bias);
	}
	*out = as;
	return 0;

err_regions:
	smm_ctx_free(as->regions);
err_as:
	smm_ctx_free(as);
	return ret;
}

/**
 * smm_as_destroy() - unmap everything and free the address space
 * @as: the address space, or NULL
 *
 * Frees the pages of pages and demand regions, every table, the root
 * last.
 */
void smm_as_destroy(struct smm_as *as)
{
	if (!as)
		return;
	smm_as_sweep_all(as);
	as->ops->free(as->ops->arg, as->root, as->cfg.fmt->root_order, true);
	smm_ctx_free(as->regions);
	smm_ctx_free(as);
}

/**
 * smm_as_map() - add a region and map it
 * @as: the address space
 * @va: first address, page aligned
 * @len: bytes, a multiple of the page size
 * @prot: SMM_PROT_* bits; SMM_PROT_READ is required
 * @kind: what backs the region
 * @pfn: for SMM_AS_PFN, the frame mapped at @va (ignored otherwise)
 * @flags: SMM_AS_MAP_SMALL: 4 KiB pages only, no block, no contiguous run
 * @st: what the call did
 * @why: on error, what was wrong
 *
 * A pages or pfn region is mapped at once; a demand region only by the
 * touches that fault on it. Each address gets the largest leaf its
 * level offers where the address (and, for given frames, the physical
 * address) is aligned to it and the range covers it; a pages region's
 * block takes one allocation of the block's order and falls back to
 * smaller leaves when the allocator has none. On arm64, 16 aligned
 * leaves over contiguous memory carry the contiguous hint; on arm, 16
 * MiB of given frames aligned to 16 MiB make a supersection, and 1 MiB
 * sections come in pairs, each pair a whole Linux pmd (2 MiB).
 *
 * New leaves are written old and clean (no ACCESSED nor DIRTY), so that
 * the first touch shows what each MMU does about it: x86 sets A and D
 * itself, arm64 and LPAE raise an access-flag fault, arm finds its
 * hardware PTE empty. Kernel mappings are global, user ones are not.
 *
 * All or nothing: on failure the pages, tables and region this call
 * added are gone again.
 *
 * Return: 0; -EINVAL for a bad alignment, length, prot, kind or flag;
 * -ERANGE for addresses outside the address space or frames beyond the
 * format's physical addresses; -EEXIST for an overlap; -ENOSPC when no
 * region slot is left; -ENOMEM when the pages ran out; -EIO when a
 * table is not readable.
 */
int smm_as_map(struct smm_as *as, u64 va, u64 len, u32 prot,
	       enum smm_as_kind kind, u64 pfn, u32 flags,
	       struct smm_as_stats *st, const char **why)
{
	unsigned int pfn_bits = as->cfg.fmt->pa_bits - SMM_PT_PAGE_SHIFT;
	struct smm_as_region r = { .va = va, .len = len, .prot = prot,
				   .kind = kind };
	struct smm_as_stats local, junk;
	struct smm_as_fill f;
	unsigned int i;
	u64 last;
	int ret;

	if (!st)
		st = &local;
	memset(st, 0, sizeof(*st));
	ret = smm_as_check_range(as, va, len, &last, why);
	if (ret)
		return ret;
	ret = smm_as_check_prot(prot, why);
	if (ret)
		return ret;
	if (kind != SMM_AS_PAGES && kind != SMM_AS_PFN &&
	    kind != SMM_AS_DEMAND) {
		smm_as_why(why, "unknown region kind");
		return -EINVAL;
	}
	if (flags & ~SMM_AS_MAP_SMALL) {
		smm_as_why(why, "unknown map flags");
		return -EINVAL;
	}
	if (kind == SMM_AS_PFN) {
		if ((pfn >> pfn_bits) ||
		    (len >> SMM_PT_PAGE_SHIFT) > (1ULL << pfn_bits) - pfn) {
			smm_as_why(why, smm_as_pa_why(&as->cfg));
			return -ERANGE;
		}
		r.pfn = pfn;
	}
	i = smm_as_region_after(as, va);
	if (i < as->nr_regions && as->regions[i].va <= last) {
		smm_as_why(why, "range overlaps an existing region");
		return -EEXIST;
	}
	if (as->nr_regions == SMM_AS_MAX_REGIONS) {
		smm_as_why(why, "no region slot left in the address space");
		return -ENOSPC;
	}
	smm_as_region_insert(as, i, &r);
	if (kind == SMM_AS_DEMAND)
		return 0;

	f = (struct smm_as_fill) {
		.as = as, .r = &as->regions[i], .kind = kind,
		.attr = smm_as_global(prot),
		.small = flags & SMM_AS_MAP_SMALL, .st = st,
	};
	ret = smm_as_fill_table(&f, 0, as->root, va, last);
	if (ret) {
		/* Everything in the range is this call's: clear it all. */
		smm_as_sweep(as, va, last, true, 0, &junk);
		smm_as_region_remove(as, i);
		memset(st, 0, sizeof(*st));
		smm_as_why(why, f.why);
	}
	return ret;
}

/**
 * smm_as_unmap() - unmap a range, like munmap()
 * @as: the address space
 * @va: first address, page aligned
 * @len: bytes, a multiple of the page size
 * @st: what the call did
 * @why: on error, what was wrong
 *
 * The range may cover parts of regions and holes. Its leaves are
 * cleared, the pages of pages and demand regions freed, every table it
 * leaves empty freed (the root stays); regions shrink, split or go.
 *
 * Return: 0; -EINVAL for a bad alignment or length, or a range that
 * takes part of a block or a contiguous run; -ERANGE for addresses
 * outside the address space; -ENOSPC when a region would split and no
 * slot is left. Nothing is changed on error.
 */
int smm_as_unmap(struct smm_as *as, u64 va, u64 len,
		 struct smm_as_stats *st, const char **why)
{
	struct smm_as_region *r;
	struct smm_as_stats local;
	unsigned int i;
	u64 last;
	int ret;

	if (!st)
		st = &local;
	memset(st, 0, sizeof(*st));
	ret = smm_as_check_range(as, va, len, &last, why);
	if (ret)
		return ret;
	ret = smm_as_check_cuts(as, va, last, why);
	if (ret)
		return ret;
	i = smm_as_region_after(as, va);
	r = &as->regions[i];
	if (i < as->nr_regions && r->va < va && smm_as_region_last(r) > last &&
	    as->nr_regions == SMM_AS_MAX_REGIONS) {
		smm_as_why(why, "unmap would split a region and no region slot is left");
		return -ENOSPC;
	}

	/* Leaves first: freeing their pages needs the regions. */
	smm_as_sweep(as, va, last, true, 0, st);

	while (i < as->nr_regions && as->regions[i].va <= last) {
		r = &as->regions[i];
		if (r->va >= va && smm_as_region_last(r) <= last) {
			smm_as_region_remove(as, i);
			continue;
		}
		if (r->va < va && smm_as_region_last(r) > last) {
			/* a hole in the middle */
			smm_as_region_split(as, i, last + 1);
			as->regions[i].len = va - as->regions[i].va;
			break;
		}
		if (r->va < va) {
			r->len = va - r->va;
			i++;
			continue;
		}
		smm_as_region_cut_head(r, last + 1 - r->va);
		break;
	}
	return 0;
}

/**
 * smm_as_protect() - change the protections of a mapped range
 * @as: the address space
 * @va: first address, page aligned
 * @len: bytes, a multiple of the page size
 * @prot: the new SMM_PROT_* bits; SMM_PROT_READ is required
 * @st: what the call did (leaves written again)
 * @why: on error, what was wrong
 *
 * Every present leaf of the range is written again with @prot, keeping
 * its address and attributes; regions split at the range's ends and
 * take @prot, so a demand region's later pages get it too.
 *
 * Return: 0; -EINVAL for a bad alignment, length or prot, a range not
 * entirely inside regions, or one that takes part of a block or a
 * contiguous run; -ERANGE for addresses outside the address space;
 * -ENOSPC when a region would split and no slot is left. Nothing is
 * changed on error.
 */
int smm_as_protect(struct smm_as *as, u64 va, u64 len, u32 prot,
		   struct smm_as_stats *st, const char **why)
{
	unsigned int i, first, splits = 0;
	struct smm_as_stats local;
	struct smm_as_region *r;
	u64 last, next = va;
	int ret;

	if (!st)
		st = &local;
	memset(st, 0, sizeof(*st));
	ret = smm_as_check_range(as, va, len, &last, why);
	if (ret)
		return ret;
	ret = smm_as_check_prot(prot, why);
	if (ret)
		return ret;

	/* The regions from @va on must follow each other up to @last. */
	first = smm_as_region_after(as, va);
	for (i = first; ; i++) {
		r = &as->regions[i];
		if (i == as->nr_regions || r->va > next) {
			smm_as_why(why, "range is not mapped");
			return -EINVAL;
		}
		if (smm_as_region_last(r) >= last)
			break;
		next = smm_as_region_last(r) + 1;
	}
	if (as->regions[first].va < va)
		splits++;
	if (smm_as_region_last(&as->regions[i]) > last)
		splits++;
	if (as->nr_regions + splits > SMM_AS_MAX_REGIONS) {
		smm_as_why(why, "protect would split a region and no region slot is left");
		return -ENOSPC;
	}
	ret = smm_as_check_cuts(as, va, last, why);
	if (ret)
		return ret;

	smm_as_sweep(as, va, last, false, prot, st);

	i = first;
	if (as->regions[i].va < va)
		smm_as_region_split(as, i++, va);
	for (; i < as->nr_regions && as->regions[i].va <= last; i++) {
		r = &as->regions[i];
		if (smm_as_region_last(r) > last)
			smm_as_region_split(as, i, last + 1);
		as->regions[i].prot = prot;
	}
	return 0;
}

/* Touches: the CPU, then the kernel's fault handler */

/* Mark the leaf at @loc (its whole contiguous run) with @set_attr. */
static void smm_as_mark(struct smm_as *as, const struct smm_as_loc *loc,
			u32 prot, u32 set_attr)
{
	unsigned int n = as->cfg.lvl[loc->level]->contig, i, idx = loc->idx;

	/* Descriptors of a run must agree (ARM ARM D8.6.1, Contiguous). */
	if (!(loc->e.attr & SMM_PT_ATTR_CONTIG) || n < 2)
		n = 1;
	idx -= idx % n;
	for (i = 0; i < n; i++)
		smm_as_rewrite(as, loc->level, loc->table, idx + i, prot,
			       set_attr);
}

/* Map a new young page at @va of demand region @r. */
static int smm_as_demand_map(struct smm_as *as,
			     const struct smm_as_region *r, u64 va,
			     bool write, const char **why)
{
	struct smm_as_stats st = { 0 };
	struct smm_as_fill f = {
		.as = as, .r = r, .kind = SMM_AS_PAGES, .small = true,
		.attr = SMM_PT_ATTR_ACCESSED | smm_as_global(r->prot) |
			(write ? SMM_PT_ATTR_DIRTY : 0),
		.st = &st,
	};
	u64 page_va = va & ~(u64)SMM_AS_PAGE_MASK;
	int ret;

	ret = smm_as_fill_table(&f, 0, as->root, page_va,
				page_va + SMM_AS_PAGE_MASK);
	if (ret) {
		/* No leaf was written: this frees the tables it added. */
		smm_as_sweep(as, page_va, page_va + SMM_AS_PAGE_MASK, true, 0,
			     &st);
		smm_as_why(why, f.why);
		return ret;
	}
	return SHADOW_MM_FIXUP_DEMAND_MAP;
}

/*
 * The shadow kernel's fault handler, after do_page_fault() and
 * handle_pte_fault(): the region must allow the access (else the
 * process would get SIGSEGV); then a not-present demand page is
 * allocated, an old page made young, a clean writable page made dirty.
 * A write fault marks a young page dirty too, as handle_pte_fault()
 * does, so one fault is enough for a write to an old clean page.
 * Return: the fixup (enum shadow_mm_fixup), 0 when none applies, or
 * -errno.
 */
static int smm_as_fault(struct smm_as *as, u64 va, enum smm_access access,
			bool user, u32 fault, const char **why)
{
	const struct smm_as_region *r = smm_as_region_at(as, va);
	bool write = access == SMM_ACCESS_WRITE;
	struct smm_as_loc loc;
	u32 dirty;
	int ret;

	if (!r || (write && !(r->prot & SMM_PROT_WRITE)) ||
	    (access == SMM_ACCESS_EXEC && !(r->prot & SMM_PROT_EXEC)) ||
	    (user && !(r->prot & SMM_PROT_USER)))
		return 0;
	ret = smm_as_locate(as, va, &loc);
	if (ret) {
		smm_as_why(why, "a page table is not readable");
		return ret;
	}
	/* pte_write(): the OS allows the write, the hardware does not yet. */
	dirty = write && (loc.e.attr & SMM_PT_ATTR_SW_WRITE) ?
		SMM_PT_ATTR_DIRTY : 0;

	switch (fault) {
	case SHADOW_MM_FAULT_TRANSLATION:
		if (loc.e.attr & SMM_PT_ATTR_SW_PRESENT) {
			smm_as_mark(as, &loc, r->prot,
				    SMM_PT_ATTR_ACCESSED | dirty);
			return SHADOW_MM_FIXUP_SET_YOUNG;
		}
		if (r->kind == SMM_AS_DEMAND && !smm_as_present(&loc.e))
			return smm_as_demand_map(as, r, va, write, why);
		return 0;
	case SHADOW_MM_FAULT_ACCESS_FLAG:
		if (!smm_as_present(&loc.e))
			return 0;
		smm_as_mark(as, &loc, r->prot, SMM_PT_ATTR_ACCESSED | dirty);
		return SHADOW_MM_FIXUP_SET_YOUNG;
	case SHADOW_MM_FAULT_PERMISSION:
		if (!dirty || (loc.e.attr & SMM_PT_ATTR_DIRTY))
			return 0;
		smm_as_mark(as, &loc, r->prot,
			    SMM_PT_ATTR_ACCESSED | SMM_PT_ATTR_DIRTY);
		return SHADOW_MM_FIXUP_SET_DIRTY;
	}
	return 0;
}

static u32 smm_as_access_perm(enum smm_access access, bool user)
{
	switch (access) {
	case SMM_ACCESS_WRITE:
		return user ? SMM_PT_UW : SMM_PT_PW;
	case SMM_ACCESS_EXEC:
		return user ? SMM_PT_UX : SMM_PT_PX;
	default:
		return user ? SMM_PT_UR : SMM_PT_PR;
	}
}

/*
 * x86 sets A on every access and D on a write, in the leaf (SDM vol.
 * 3A, 4.8); the table entries above already have A, which set_table
 * writes as Linux's _PAGE_TABLE does.
 */
static int smm_as_hw_young(struct smm_as *as, u64 va, bool write,
			   const struct smm_walk *w)
{
	const struct smm_as_region *r = smm_as_region_at(as, va);
	u32 set = SMM_PT_ATTR_ACCESSED | (write ? SMM_PT_ATTR_DIRTY : 0);
	struct smm_as_loc loc;
	int ret;

	if (!r || (w->attr & set) == set)
		return 0;
	ret = smm_as_locate(as, va, &loc);
	if (ret)
		return ret;
	smm_as_mark(as, &loc, r->prot, set);
	return 1;
}

/**
 * smm_as_touch() - access an address as a CPU would, faults handled
 * @as: the address space
 * @va: the address
 * @access: load, store or instruction fetch
 * @user: from user mode (EL0, PL0, CPL 3), else from the kernel
 * @t: the first fault, its fixup, whether the access completed, the
 *	final walk
 * @why: on error, what was wrong
 *
 * The walker checks what the MMU checks, in the architecture's order: a
 * valid descriptor at every level (else a translation fault), then the
 * access flag where a clear one faults (arm-lpae, arm64: the access
 * flag fault has priority over the permission fault, ARM ARM v7-AR
 * B3.12.3 and ARMv8-A D8.16, Prioritization of aborts), then the
 * permissions every level left for @access from @user's privilege. The
 * kernel's fault handler then fixes what Linux would and the access is
 * retried, up to three times. On x86 the access itself sets the
 * accessed and dirty bits. @t records the first fault and the fixup of
 * that fault; @t->done whether the access finally completed.
 *
 * Return: 0 (whether or not the access completed), -EINVAL for an
 * unknown access, -ERANGE for an address outside the address space,
 * -ENOMEM when a demand fault found no page, -EIO when a table is not
 * readable.
 */
int smm_as_touch(struct smm_as *as, u64 va, enum smm_access access,
		 bool user, struct smm_touch *t, const char **why)
{
	const struct smm_pt_mem *mem = &as->ops->mem;
	u32 need = smm_as_access_perm(access, user), fault;
	struct smm_walk *w = &t->w;
	unsigned int round, level;
	int ret;

	memset(t, 0, sizeof(*t));
	if (access != SMM_ACCESS_READ && access != SMM_ACCESS_WRITE &&
	    access != SMM_ACCESS_EXEC) {
		smm_as_why(why, "unknown access");
		return -EINVAL;
	}
	if (!smm_as_va_ok(as, va)) {
		smm_as_why(why, smm_as_va_why(&as->cfg));
		return -ERANGE;
	}

	for (round = 0; round < 3; round++) {
		ret = smm_pt_walk(&as->cfg, mem, as->root, va, w);
		if (ret) {
			smm_as_why(why, "a page table is not readable");
			return ret;
		}
		level = w->nr_steps - 1;
		if (!w->mapped) {
			fault = SHADOW_MM_FAULT_TRANSLATION;
			level = w->fault_level;
		} else if ((as->cfg.fmt->flags & SMM_PT_FMT_AF_FAULT) &&
			   !(w->attr & SMM_PT_ATTR_ACCESSED)) {
			fault = SHADOW_MM_FAULT_ACCESS_FLAG;
		} else if (!(w->perm & need)) {
			fault = SHADOW_MM_FAULT_PERMISSION;
		} else {
			break;
		}
		if (!t->fault) {
			t->fault = fault;
			t->fault_level = level;
		}
		ret = smm_as_fault(as, va, access, user, fault, why);
		if (ret <= 0)
			return ret;
		if (!round)
			t->fixup = ret;
	}
	if (round == 3)
		return 0;

	if (as->cfg.fmt->flags & SMM_PT_FMT_HW_AD) {
		ret = smm_as_hw_young(as, va, access == SMM_ACCESS_WRITE, w);
		if (ret < 0) {
			smm_as_why(why, "a page table is not readable");
			return ret;
		}
		if (ret) {
			ret = smm_pt_walk(&as->cfg, mem, as->root, va, w);
			if (ret) {
				smm_as_why(why, "a page table is not readable");
				return ret;
			}
		}
	}
	t->done = true;
	return 0;
}

/**
 * smm_as_walk() - walk an address of the address space
 * @as: the address space
 * @va: the address
 * @w: the walk
 * @why: on error, what was wrong
 *
 * Return: 0 (mapped or not), -ERANGE for an address outside the address
 * space, -EIO when a table is not readable.
 */
int smm_as_walk(struct smm_as *as, u64 va, struct smm_walk *w,
		const char **why)
{
	int ret;

	if (!smm_as_va_ok(as, va)) {
		memset(w, 0, sizeof(*w));
		w->va = va;
		smm_as_why(why, smm_as_va_why(&as->cfg));
		return -ERANGE;
	}
	ret = smm_pt_walk(&as->cfg, &as->ops->mem, as->root, va, w);
	if (ret)
		smm_as_why(why, "a page table is not readable");
	return ret;
}

/*
 * smm_as_translate() in format @id from a root at @top_shift, constants:
 * the addresses of the space (smm_as_va_ok()), then the unrolled walk.
 */
static __always_inline int smm_as_translate_id(const struct smm_as *as,
					       u64 va, u64 *pa, const u32 id,
					       const unsigned int top_shift)
{
	/* arm64's upper half is another root's: not the space's */
	if (id == SMM_PT_OPS_ARM64 ? va >> (top_shift + 9) :
	    !smm_pt_fast_va_valid(id, top_shift, va))
		return -ERANGE;
	return smm_pt_walk_linear(as->lin_root, as->lin_bias, va, pa, id,
				  top_shift);
}

/* smm_as_translate() without the unrolled walk. */
static noinline int smm_as_translate_slow(const struct smm_as *as, u64 va,
					  u64 *pa)
{
	if (!smm_as_va_ok(as, va))
		return -ERANGE;
	return smm_pt_translate(&as->cfg, &as->ops->mem, as->root, va, pa);
}

/* What smm_as_translate_id() leaves to smm_as_translate_slow(). */
#define SMM_AS_SLOW	1

/* Where it goes: see below. */
__section(".text.smm_as_translate") __aligned(2048)
int smm_as_translate(const struct smm_as *as, u64 va, u64 *pa);

/**
 * smm_as_translate() - the MMU's fast path over an address space
 * @as: the address space
 * @va: the address
 * @pa: where @va translates to
 *
 * What smm_as_walk() finds, only the physical address, as the MMU
 * translates it: the hardware descriptors alone (arm's old page is not
 * mapped). With its tables in the linear range of its memory, as in the
 * kernel, a walk unrolled for the space's format and depth; else
 * smm_pt_translate().
 *
 * Smaller than 2 KiB, alone in a section aligned to 2 KiB, it never
 * straddles a page: under qemu's TCG, where the module's tests and
 * benchmarks run, a jump to another page is looked up, not chained.
 *
 * Return: 0, -EFAULT when @va is not mapped, -ERANGE for an address
 * outside the address space, -EIO when a table is not readable.
 */
int smm_as_translate(const struct smm_as *as, u64 va, u64 *pa)
{
	int ret = SMM_AS_SLOW;

	switch (as->fast) {
	case SMM_PT_FAST_X86_64_4:
		ret = smm_as_translate_id(as, va, pa, SMM_PT_OPS_X86_64, 39);
		break;
	case SMM_PT_FAST_X86_64_5:
		ret = smm_as_translate_id(as, va, pa, SMM_PT_OPS_X86_64, 48);
		break;
	case SMM_PT_FAST_ARM64_4:
		ret = smm_as_translate_id(as, va, pa, SMM_PT_OPS_ARM64, 39);
		break;
	case SMM_PT_FAST_ARM64_3:
		ret = smm_as_translate_id(as, va, pa, SMM_PT_OPS_ARM64, 30);
		break;
	case SMM_PT_FAST_ARM:
		ret = smm_as_translate_id(as, va, pa, SMM_PT_OPS_ARM,
					  ARM_L1_SHIFT);
		break;
	case SMM_PT_FAST_ARM_LPAE:
		ret = smm_as_translate_id(as, va, pa, SMM_PT_OPS_ARM_LPAE,
					  30);
		break;
	default:
		break;
	}
	if (likely(ret != SMM_AS_SLOW))
		return ret;
	return smm_as_translate_slow(as, va, pa);
}
