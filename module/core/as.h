/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shadow address spaces: page tables in any format of pt_format.h, built
 * from shadow pages, with regions (the vm_area_structs) that say what
 * backs each range. The software MMU (walk.h) translates through them;
 * smm_as_touch() plays the CPU and the kernel's fault handler.
 *
 * The core does not allocate pages nor reach memory itself: the glue
 * passes struct smm_as_ops (the shadow allocator and kmap_local_page()
 * in the kernel; a fake memory on the host). Not locked: the glue
 * serializes every call on one address space. Calls may sleep only as
 * far as the ops do.
 */

#ifndef _SMM_AS_H
#define _SMM_AS_H

#include "walk.h"

#define SMM_AS_MAX_REGIONS	1024

/* enum shadow_mm_region_kind, as the core uses it. */
enum smm_as_kind {
	SMM_AS_PAGES = SHADOW_MM_REGION_KIND_PAGES,
	SMM_AS_PFN = SHADOW_MM_REGION_KIND_PFN,
	SMM_AS_DEMAND = SHADOW_MM_REGION_KIND_DEMAND,
};

/**
 * struct smm_as_ops - what an address space needs from its environment
 * @mem: how tables and pages are reached
 * @alloc: allocate 1 << @order zeroed pages (@table: for a page table,
 *	else for data), naturally aligned; put the physical address in *@pa;
 *	return 0 or -ENOMEM
 * @free: free what @alloc gave
 * @arg: first argument of @alloc and @free
 */
struct smm_as_ops {
	struct smm_pt_mem mem;
	int (*alloc)(void *arg, unsigned int order, bool table, u64 *pa);
	void (*free)(void *arg, u64 pa, unsigned int order, bool table);
	void *arg;
};

/**
 * struct smm_as_region - a region of an address space (vm_area_struct)
 * @va: first address, page aligned
 * @len: bytes, a multiple of the page size
 * @prot: SMM_PROT_* bits
 * @kind: what backs it
 * @pfn: for SMM_AS_PFN, the frame mapped at @va
 */
struct smm_as_region {
	u64 va;
	u64 len;
	u32 prot;
	enum smm_as_kind kind;
	u64 pfn;
};

/**
 * struct smm_as - a shadow address space
 * @cfg: its format and depth
 * @ops: its environment
 * @root: physical address of the root table
 * @table_pages: pages held by its page tables, the root included
 * @mapped_bytes: bytes mapped by valid leaves
 * @nr_regions: regions in @regions
 * @regions: regions sorted by address, never overlapping
 * @fast: cfg.fast when the tables are in the linear range of ops->mem,
 *	for smm_as_translate(); else SMM_PT_FAST_NONE
 * @lin_root: the root table in that range
 * @lin_bias: what a table's physical address is added to for its place in
 *	that range
 */
struct smm_as {
	struct smm_pt_cfg cfg;
	const struct smm_as_ops *ops;
	u64 root;
	unsigned long table_pages;
	u64 mapped_bytes;
	unsigned int nr_regions;
	struct smm_as_region *regions;
	enum smm_pt_fast fast;
	const void *lin_root;
	uintptr_t lin_bias;
};

/**
 * struct smm_as_stats - what one map, unmap or protect did
 * @tables: page-table pages allocated (map) or freed (unmap)
 * @blocks: block leaves written or cleared
 * @pages: page leaves written or cleared
 */
struct smm_as_stats {
	unsigned int tables;
	unsigned int blocks;
	unsigned int pages;
};

/* Flags of smm_as_map(). */
#define SMM_AS_MAP_SMALL	BIT(0)	/* pages only, never blocks */

/* enum shadow_mm_access, as the core uses it. */
enum smm_access {
	SMM_ACCESS_READ = SHADOW_MM_ACCESS_READ,
	SMM_ACCESS_WRITE = SHADOW_MM_ACCESS_WRITE,
	SMM_ACCESS_EXEC = SHADOW_MM_ACCESS_EXEC,
};

/**
 * struct smm_touch - the result of a touch
 * @fault: the first fault raised (enum shadow_mm_fault), 0 for none
 * @fault_level: level of the descriptor that raised it
 * @fixup: what the shadow kernel did about it (enum shadow_mm_fixup), 0
 *	when it could not: the access fails (a real process gets SIGSEGV)
 * @done: the access completed (first time or after the fixup)
 * @w: the final walk; when @done, w.pa is where the access went
 */
struct smm_touch {
	u32 fault;
	unsigned int fault_level;
	u32 fixup;
	bool done;
	struct smm_walk w;
};

int smm_as_create(const struct smm_pt_cfg *cfg, const struct smm_as_ops *ops,
		  struct smm_as **out);
void smm_as_destroy(struct smm_as *as);
int smm_as_map(struct smm_as *as, u64 va, u64 len, u32 prot,
	       enum smm_as_kind kind, u64 pfn, u32 flags,
	       struct smm_as_stats *st, const char **why);
int smm_as_unmap(struct smm_as *as, u64 va, u64 len,
		 struct smm_as_stats *st, const char **why);
int smm_as_protect(struct smm_as *as, u64 va, u64 len, u32 prot,
		   struct smm_as_stats *st, const char **why);
int smm_as_touch(struct smm_as *as, u64 va, enum smm_access access,
		 bool user, struct smm_touch *t, const char **why);
int smm_as_walk(struct smm_as *as, u64 va, struct smm_walk *w,
		const char **why);
int smm_as_translate(const struct smm_as *as, u64 va, u64 *pa);

#endif /* _SMM_AS_H */
