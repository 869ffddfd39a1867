// SPDX-License-Identifier: GPL-2.0
/*
 * The software MMU: one walker for every format of pt_format.h. It
 * reads a descriptor per level through struct smm_pt_mem, one page at a
 * time and never beyond it, and treats whatever it cannot follow as the
 * hardware would: an invalid descriptor. It walks shadow tables and the
 * host's live tables alike, so it trusts nothing it reads.
 */

#include "walk_fast.h"

/* VA bits of the lower half: x86_64 sign-extends its top bit. */
static inline unsigned int smm_pt_half_bits(const struct smm_pt_cfg *cfg)
{
	if (cfg->fmt->id == SHADOW_MM_PT_FORMAT_X86_64)
		return cfg->va_bits - 1;
	return cfg->va_bits;
}

/* smm_pt_va_valid() in format @id, a constant where the caller can. */
static __always_inline bool smm_pt_va_valid_fmt(const struct smm_pt_cfg *cfg,
						u32 id, u64 va)
{
	unsigned int bits = cfg->va_bits;
	u64 top;

	if (id == SMM_PT_OPS_X86_64)
		bits--;
	top = va >> bits;
	if (id == SMM_PT_OPS_X86_64 || id == SMM_PT_OPS_ARM64)
		return !top || top == ~0ULL >> bits;
	return !top;
}

/**
 * smm_pt_va_valid() - whether the MMU translates an address at all
 * @cfg: format and depth
 * @va: the address
 *
 * arm and arm-lpae translate 32-bit addresses. arm64 translates
 * addresses whose bits above va_bits are all 0 (TTBR0_EL1) or all 1
 * (TTBR1_EL1, the kernel's); x86_64 wants them canonical: bits 63 down
 * to va_bits - 1 equal (SDM vol. 3A, 3.3.7.1).
 *
 * Return: true if @va lies in the address space @cfg translates.
 */
bool smm_pt_va_valid(const struct smm_pt_cfg *cfg, u64 va)
{
	return smm_pt_va_valid_fmt(cfg, cfg->fmt->id, va);
}

/*
 * The half of the address space holding @va, as its first and last
 * address; formats without an upper half have one "half".
 */
static void smm_pt_va_half(const struct smm_pt_cfg *cfg, u64 va, u64 *first,
			   u64 *last)
{
	unsigned int bits = smm_pt_half_bits(cfg);

	if (va >> bits) {
		*first = ~0ULL << bits;
		*last = ~0ULL;
	} else {
		*first = 0;
		*last = (1ULL << bits) - 1;
	}
}

static inline u64 smm_pt_read_raw(const void *desc, unsigned int size)
{
	if (size == 4)
		return READ_ONCE(*(const u32 *)desc);
	return READ_ONCE(*(const u64 *)desc);
}

/*
 * Read and decode the descriptor for @va in the table at @table. What
 * the level cannot hold (a table at the last level, a leaf kind the
 * level has none of) is garbage to the MMU: it reads as invalid.
 * Return: 0, or -EIO when the descriptor is not readable.
 */
static inline int smm_pt_read_entry(const struct smm_pt_cfg *cfg,
				    const struct smm_pt_mem *mem,
				    unsigned int level, u64 table, u64 va,
				    u64 *desc_pa, u64 *raw, u64 *sw,
				    struct smm_pt_entry *e)
{
	const struct smm_pt_format *fmt = cfg->fmt;
	u64 pa = table + (u64)smm_pt_index(cfg, level, va) * fmt->desc_size;
	unsigned int off = pa & (SMM_PT_PAGE_SIZE - 1);
	u8 *page;

	/* A table not aligned to its descriptors would straddle pages. */
	if (pa < table || (pa & (fmt->desc_size - 1)))
		return -EIO;
	page = smm_pt_mem_map(mem, pa - off);
	if (!page)
		return -EIO;
	*raw = smm_pt_ops_read(fmt->id, page + off, level + 1 == cfg->levels,
			       sw);
	smm_pt_mem_unmap(mem, pa - off, page);

	fmt->decode(cfg, level, *raw, *sw, e);
	if (e->kind == SMM_PT_TABLE) {
		if (level + 1 == cfg->levels)
			e->kind = SMM_PT_INVALID;
	} else if (e->kind != SMM_PT_INVALID &&
		   !(cfg->lvl[level]->leaf_kinds & BIT(e->kind))) {
		e->kind = SMM_PT_INVALID;
	}
	*desc_pa = pa;
	return 0;
}

/* Bytes a leaf maps; a format gives its size, a level's is the fallback. */
static inline u64 smm_pt_leaf_size(const struct smm_pt_cfg *cfg,
				   unsigned int level,
				   const struct smm_pt_entry *e)
{
	if (e->size && !(e->size & (e->size - 1)))
		return e->size;
	return smm_pt_level_size(cfg, level);
}

/**
 * smm_pt_walk() - translate an address the way the MMU does, level by level
 * @cfg: format and depth
 * @mem: how table pages are read
 * @root: physical address of the root table
 * @va: the address
 * @w: the walk: every level read, then the translation or the fault
 *
 * Each level's descriptor is read at table + index * descriptor size,
 * decoded and recorded; tables are followed, and the walk ends at a
 * leaf (@w->mapped, with the permissions every level left) or at an
 * invalid descriptor (@w->fault_level). A table at the last level or a
 * leaf a level cannot hold counts as invalid.
 *
 * Return: 0 (mapped or not), -ERANGE for an address the MMU does not
 * translate (@w holds no step), -EIO when a table is not readable (@w
 * holds the steps read before it).
 */
int smm_pt_walk(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		u64 root, u64 va, struct smm_walk *w)
{
	u32 perm = SMM_PT_PERM_ALL;
	unsigned int level;
	u64 table = root;
	int ret;

	memset(w, 0, sizeof(*w));
	w->va = va;
	if (!smm_pt_va_valid(cfg, va))
		return -ERANGE;
	for (level = 0; level < cfg->levels; level++) {
		struct smm_pt_step *s = &w->step[level];

		ret = smm_pt_read_entry(cfg, mem, level, table, va,
					&s->desc_pa, &s->raw, &s->sw, &s->e);
		if (ret)
			return ret;
		s->level = level;
		s->table = table;
		s->index = smm_pt_index(cfg, level, va);
		w->nr_steps = level + 1;
		perm &= s->e.perm;
		if (s->e.kind == SMM_PT_TABLE) {
			table = s->e.addr;
			continue;
		}
		if (s->e.kind == SMM_PT_INVALID) {
			w->fault_level = level;
			return 0;
		}
		w->mapped = true;
		w->size = smm_pt_leaf_size(cfg, level, &s->e);
		w->pa = s->e.addr + (va & (w->size - 1));
		w->perm = perm;
		w->attr = s->e.attr;
		return 0;
	}
	return 0;
}

/*
 * smm_pt_translate() for any root and any table memory: each
 * descriptor's page mapped on its own, the checks of smm_pt_read_entry()
 * at every level.
 */
static int smm_pt_translate_careful(const struct smm_pt_cfg *cfg,
				    const struct smm_pt_mem *mem, u64 root,
				    u64 va, u64 *pa)
{
	const struct smm_pt_format *fmt = cfg->fmt;
	unsigned int size = fmt->desc_size, level, off;
	u64 table = root, desc_pa, raw;
	struct smm_pt_entry e;
	u8 *page;

	for (level = 0; level < cfg->levels; level++) {
		desc_pa = table + (u64)smm_pt_index(cfg, level, va) * size;
		off = desc_pa & (SMM_PT_PAGE_SIZE - 1);
		if (desc_pa < table || (desc_pa & (size - 1)))
			return -EIO;
		page = smm_pt_mem_map(mem, desc_pa - off);
		if (!page)
			return -EIO;
		raw = smm_pt_read_raw(page + off, size);
		smm_pt_mem_unmap(mem, desc_pa - off, page);
		fmt->decode(cfg, level, raw, 0, &e);
		/* a table at the last level ends the loop: not mapped */
		if (e.kind == SMM_PT_TABLE) {
			table = e.addr;
			continue;
		}
		if (e.kind == SMM_PT_INVALID ||
		    !(cfg->lvl[level]->leaf_kinds & BIT(e.kind)))
			break;
		*pa = e.addr + (va & (smm_pt_leaf_size(cfg, level, &e) - 1));
		return 0;
	}
	return -EFAULT;
}

/*
 * smm_pt_translate() from a page-aligned root below 2^52 in any table
 * memory: the format's inline decoding, each descriptor read through a
 * map of its page. Descriptors never straddle a page nor wrap around:
 * tables below the root are aligned to their page (arm: to 1 KiB).
 */
static int smm_pt_translate_mapped(const struct smm_pt_cfg *cfg,
				   const struct smm_pt_mem *mem, u64 root,
				   u64 va, u64 *pa)
{
	const u32 id = cfg->fmt->id;
	unsigned int size = smm_pt_ops_desc_size(id);
	unsigned int shift = cfg->lvl[0]->shift, off;
	u64 table = root, desc_pa, raw, mask = 0;
	enum smm_pt_kind kind;
	u8 *page;

	for (;;) {
		desc_pa = table + smm_pt_ops_index(id, shift, va) * size;
		off = desc_pa & (SMM_PT_PAGE_SIZE - 1);
		page = smm_pt_mem_map(mem, desc_pa - off);
		if (!page)
			return -EIO;
		raw = smm_pt_read_raw(page + off, size);
		smm_pt_mem_unmap(mem, desc_pa - off, page);
		/* never a table at the last level: the loop ends there */
		kind = smm_pt_ops_next(id, raw, shift, &table, &mask);
		if (kind != SMM_PT_TABLE)
			break;
		shift = smm_pt_ops_shift_below(id, shift);
	}
	if (kind == SMM_PT_INVALID)
		return -EFAULT;
	*pa = table + (va & mask);
	return 0;
}

/* Roots the fast walks take: page aligned, a physical address. */
#define SMM_PT_ROOT_MAX_BITS	52

/* What smm_pt_translate_id() leaves to smm_pt_translate_slow(). */
#define SMM_PT_SLOW	1

/*
 * smm_pt_translate() in format @id from a root at @top_shift, constants,
 * when the root is in @mem's linear range; else SMM_PT_SLOW.
 */
static __always_inline int smm_pt_translate_id(const struct smm_pt_mem *mem,
					       u64 root, u64 va, u64 *pa,
					       const u32 id,
					       const unsigned int top_shift)
{
	if (!smm_pt_fast_va_valid(id, top_shift, va))
		return -ERANGE;
	if (unlikely((root & (SMM_PT_PAGE_SIZE - 1)) ||
		     !smm_pt_mem_linear(mem, root)))
		return SMM_PT_SLOW;
	return smm_pt_walk_linear(mem->linear_base +
				  (uintptr_t)(root - mem->linear_start),
				  (uintptr_t)mem->linear_base -
				  (uintptr_t)mem->linear_start,
				  va, pa, id, top_shift);
}

/* smm_pt_translate() from a root outside the linear range, or odd. */
static noinline int smm_pt_translate_slow(const struct smm_pt_cfg *cfg,
					  const struct smm_pt_mem *mem,
					  u64 root, u64 va, u64 *pa)
{
	if (!smm_pt_va_valid(cfg, va))
		return -ERANGE;
	if (cfg->fast == SMM_PT_FAST_NONE ||
	    (root & (SMM_PT_PAGE_SIZE - 1)) || (root >> SMM_PT_ROOT_MAX_BITS))
		return smm_pt_translate_careful(cfg, mem, root, va, pa);
	return smm_pt_translate_mapped(cfg, mem, root, va, pa);
}

/**
 * smm_pt_translate() - the MMU's fast path: only the physical address
 * @cfg: format and depth
 * @mem: how table pages are read
 * @root: physical address of the root table
 * @va: the address
 * @pa: where @va translates to
 *
 * The same translation as smm_pt_walk(), recording nothing on the way.
 * Like the MMU it reads only the hardware descriptors: what a format
 * keeps beside them (arm's Linux PTE) never changes a translation. No
 * call per level: each format and depth has its own walk that decodes
 * inline, unrolled over tables in @mem's linear range, which it reads
 * without a map and trusts (struct smm_pt_mem).
 *
 * Return: 0, -EFAULT when @va is not mapped, -EIO when a table is not
 * readable, -ERANGE for an address the MMU does not translate.
 */
int smm_pt_translate(const struct smm_pt_cfg *cfg,
		     const struct smm_pt_mem *mem, u64 root, u64 va, u64 *pa)
{
	int ret;

	switch (cfg->fast) {
	case SMM_PT_FAST_X86_64_4:
		ret = smm_pt_translate_id(mem, root, va, pa,
					  SMM_PT_OPS_X86_64, 39);
		break;
	case SMM_PT_FAST_X86_64_5:
		ret = smm_pt_translate_id(mem, root, va, pa,
					  SMM_PT_OPS_X86_64, 48);
		break;
	case SMM_PT_FAST_ARM64_4:
		ret = smm_pt_translate_id(mem, root, va, pa,
					  SMM_PT_OPS_ARM64, 39);
		break;
	case SMM_PT_FAST_ARM64_3:
		ret = smm_pt_translate_id(mem, root, va, pa,
					  SMM_PT_OPS_ARM64, 30);
		break;
	case SMM_PT_FAST_ARM:
		ret = smm_pt_translate_id(mem, root, va, pa,
					  SMM_PT_OPS_ARM, ARM_L1_SHIFT);
		break;
	case SMM_PT_FAST_ARM_LPAE:
		ret = smm_pt_translate_id(mem, root, va, pa,
					  SMM_PT_OPS_ARM_LPAE, 30);
		break;
	default:
		ret = SMM_PT_SLOW;
		break;
	}
	if (likely(ret != SMM_PT_SLOW))
		return ret;
	return smm_pt_translate_slow(cfg, mem, root, va, pa);
}

/**
 * struct smm_pt_dumper - the state of a range dump
 * @cfg: format and depth
 * @mem: how table pages are read
 * @emit: called with each finished run
 * @arg: its first argument
 * @open: @run holds leaves not emitted yet
 * @run: the run being gathered
 * @attrs: the attributes string of the leaf just read
 * @path_va: the address @table and @perm were read for
 * @depth: levels of @table and @perm that are valid for @path_va
 * @table: the table read at each level for @path_va
 * @perm: the permissions the levels above each level left
 *
 * Consecutive addresses mostly share their upper tables: a lookup
 * starts again at the deepest table that also holds the new address.
 */
struct smm_pt_dumper {
	const struct smm_pt_cfg *cfg;
	const struct smm_pt_mem *mem;
	int (*emit)(void *arg, const struct smm_pt_run *run);
	void *arg;
	bool open;
	struct smm_pt_run run;
	char attrs[SMM_PT_ATTRS_LEN];
	u64 path_va;
	unsigned int depth;
	u64 table[SMM_PT_MAX_LEVELS];
	u32 perm[SMM_PT_MAX_LEVELS];
};

/* The leaf or invalid descriptor that holds @va; -EIO as read_entry. */
static int smm_pt_dump_find(struct smm_pt_dumper *d, u64 va,
			    unsigned int *level, u64 *raw, u64 *sw,
			    struct smm_pt_entry *e, u32 *perm)
{
	const struct smm_pt_cfg *cfg = d->cfg;
	unsigned int l, top;
	u64 desc_pa;
	int ret;

	for (l = d->depth - 1; l > 0; l--) {
		top = cfg->lvl[l]->shift + cfg->lvl[l]->bits;
		if (!((va ^ d->path_va) >> top))
			break;
	}
	d->path_va = va;
	for (;; l++) {
		d->depth = l + 1;
		ret = smm_pt_read_entry(cfg, d->mem, l, d->table[l], va,
					&desc_pa, raw, sw, e);
		if (ret)
			return ret;
		if (e->kind != SMM_PT_TABLE)
			break;
		d->table[l + 1] = e->addr;
		d->perm[l + 1] = d->perm[l] & e->perm;
	}
	*level = l;
	*perm = d->perm[l] & e->perm;
	return 0;
}

/* Emit the run gathered so far; on refusal *@next is where it began. */
static int smm_pt_dump_flush(struct smm_pt_dumper *d, u64 *next)
{
	int ret;

	if (!d->open)
		return 0;
	d->open = false;
	ret = d->emit(d->arg, &d->run);
	if (ret)
		*next = d->run.va;
	return ret;
}

/* Add the leaf mapping [@va, @last] at @pa to the run, or start one. */
static int smm_pt_dump_leaf(struct smm_pt_dumper *d, unsigned int level,
			    u32 perm, u64 va, u64 last, u64 pa, u64 *next)
{
	struct smm_pt_run *run = &d->run;
	int ret;

	if (d->open && run->level == level && run->perm == perm &&
	    run->va_end == va && !strcmp(run->attrs, d->attrs)) {
		if (pa != run->pa + (va - run->va))
			run->pa_contig = false;
		run->va_end = last + 1;
		run->nr++;
		return 0;
	}
	ret = smm_pt_dump_flush(d, next);
	if (ret)
		return ret;
	run->va = va;
	run->va_end = last + 1;
	run->pa = pa;
	run->pa_contig = true;
	run->level = level;
	run->size = smm_pt_level_size(d->cfg, level);
	run->nr = 1;
	run->perm = perm;
	memcpy(run->attrs, d->attrs, sizeof(run->attrs));
	d->open = true;
	return 0;
}

/**
 * smm_pt_dump() - the mappings of a range as runs of like leaves (ptdump)
 * @cfg: format and depth
 * @mem: how table pages are read
 * @root: physical address of the root table
 * @start: first address
 * @end: one past the last address; 0 stands for 2^64
 * @emit: called with each run, in address order; non-zero refuses it
 * @arg: first argument of @emit
 * @next: where a dump that stopped can resume, else @end
 *
 * Visits [@start, @end) in address order, skipping an invalid
 * descriptor's whole span at once; an arm page whose Linux PTE is
 * present while its hardware PTE is empty (an old page) counts as a
 * leaf, as ptdump counts it. Consecutive leaves of one level with
 * equal permissions and attributes string (fmt->attrs_str) make one run
 * even when their physical addresses are not contiguous (@pa_contig
 * says whether they are), as the kernel's ptdump merges them. Runs are
 * clipped to the range; a run that reaches 2^64 has va_end 0. The range
 * stays in the half of the address space @start is in: arm64 indexes
 * both halves alike, so its upper half is a separate walk from a
 * separate root. When @emit returns non-zero the run it was given
 * counts as not emitted: the dump stops with *@next = that run's first
 * address.
 *
 * Return: 0, @emit's non-zero value, -ERANGE for a @start the MMU does
 * not translate, -EIO when a table is not readable (runs before it are
 * emitted, *@next is where the dump stopped).
 */
int smm_pt_dump(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		u64 root, u64 start, u64 end,
		int (*emit)(void *arg, const struct smm_pt_run *run),
		void *arg, u64 *next)
{
	struct smm_pt_dumper d = {
		.cfg = cfg, .mem = mem, .emit = emit, .arg = arg,
		.path_va = start, .depth = 1,
		.table = { root }, .perm = { SMM_PT_PERM_ALL },
	};
	u64 va = start, last, first, half_last, span_last, raw, sw, size;
	struct smm_pt_entry e;
	unsigned int level;
	u32 perm;
	int ret;

	*next = end;
	if (!smm_pt_va_valid(cfg, start))
		return -ERANGE;
	if (end && end <= start)
		return 0;
	last = end - 1;
	smm_pt_va_half(cfg, start, &first, &half_last);
	if (last > half_last)
		last = half_last;

	for (;;) {
		ret = smm_pt_dump_find(&d, va, &level, &raw, &sw, &e, &perm);
		if (ret) {
			if (!smm_pt_dump_flush(&d, next))
				*next = va;
			return ret;
		}
		size = smm_pt_level_size(cfg, level);
		span_last = va | (size - 1);
		if (span_last > last)
			span_last = last;
		/*
		 * arm's old pages have an empty hardware PTE but are mapped
		 * all the same: like the kernel's ptdump, which reads the
		 * Linux PTE there, show them.
		 */
		if (e.kind == SMM_PT_INVALID &&
		    !(e.attr & SMM_PT_ATTR_SW_PRESENT)) {
			ret = smm_pt_dump_flush(&d, next);
		} else {
			cfg->fmt->attrs_str(cfg, level, raw, sw, d.attrs,
					    sizeof(d.attrs));
			d.attrs[sizeof(d.attrs) - 1] = '\0';
			size = smm_pt_leaf_size(cfg, level, &e);
			ret = smm_pt_dump_leaf(&d, level, perm, va, span_last,
					       e.addr + (va & (size - 1)),
					       next);
		}
		if (ret)
			return ret;
		if (span_last == last)
			break;
		va = span_last + 1;
	}
	ret = smm_pt_dump_flush(&d, next);
	if (ret)
		return ret;
	*next = end;
	return 0;
}
