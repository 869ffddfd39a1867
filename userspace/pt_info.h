/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pt_info.h - shadow address spaces, walks, touches, range dumps and the
 * page-table benchmark as smm holds them once a reply is decoded
 *
 * The decoders work on a reply's attribute bytes (what follows the
 * genetlink header) and need no libnl, so host tests feed them messages
 * built by hand; the renderers (pt_print.c, pt_draw.c) take the structs.
 * Each struct records which attributes came (@has, by attribute type):
 * what the module did not send is left out, never shown as zero.
 */
#ifndef SMM_PT_INFO_H
#define SMM_PT_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/shadow_mm.h>

/* Room for what a decoder refused ("walk-level raw (4 bytes)"). */
#define PT_BAD_LEN		96
/* Fields kept per descriptor; the core decodes at most 24. */
#define PT_MAX_FIELDS		32
/* Room for a field's name and its meaning, NUL included. */
#define PT_FIELD_NAME_LEN	48
#define PT_FIELD_TEXT_LEN	64
/* Room for a level's name ("pgd"), a VMA's name, a run's attributes. */
#define PT_LEVEL_NAME_LEN	8
#define PT_VMA_NAME_LEN		128
#define PT_ATTRS_LEN		128
#define PT_OWNER_LEN		64
/* Every format here translates 4 KiB pages. */
#define PT_PAGE_SHIFT		12

/* Where a walk reads its tables; the request says it, not the reply. */
enum smm_walk_source {
	SMM_WALK_NONE,
	SMM_WALK_AS,		/* a shadow address space, by id */
	SMM_WALK_PID,		/* a process's page tables, by pid */
	SMM_WALK_KERNEL,	/* the kernel's (init_mm) */
};

/**
 * struct smm_region_info - a region of a shadow address space
 * @has: which SHADOW_MM_A_REGION_* attributes came
 * @va: first virtual address
 * @len: bytes
 * @prot: enum shadow_mm_prot bits
 * @kind: enum shadow_mm_region_kind
 * @pfn: for a pfn region, the frame mapped at @va
 */
struct smm_region_info {
	bool has[SHADOW_MM_A_REGION_MAX + 1];
	__u64 va;
	__u64 len;
	__u32 prot;
	__u32 kind;
	__u64 pfn;
};

/**
 * struct smm_as_info - an AS_GET or AS_NEW reply
 * @has: which SHADOW_MM_A_AS_* attributes came
 * @id: its id
 * @format: enum shadow_mm_pt_format
 * @levels: translation levels
 * @va_bits: width of the virtual addresses it translates
 * @root: physical address of the root table
 * @table_pages: shadow pages its page tables hold
 * @mapped_bytes: bytes mapped by valid leaves
 * @mair: MAIR value AttrIndx is decoded with
 * @regions: its regions, in the order they came (allocated;
 *	smm_as_info_release() frees them)
 * @n_regions: entries in @regions
 */
struct smm_as_info {
	bool has[SHADOW_MM_A_AS_MAX + 1];
	__u32 id;
	__u32 format;
	__u32 levels;
	__u32 va_bits;
	__u64 root;
	__u32 table_pages;
	__u64 mapped_bytes;
	__u64 mair;
	struct smm_region_info *regions;
	size_t n_regions;
};

/**
 * struct smm_map_info - the reply to AS_MAP, AS_UNMAP or AS_PROTECT
 * @has: which SHADOW_MM_A_MAP_* attributes came
 * @tables: page-table pages allocated (map) or freed (unmap)
 * @blocks: block descriptors written or cleared
 * @pages: page descriptors written or cleared
 */
struct smm_map_info {
	bool has[SHADOW_MM_A_MAP_MAX + 1];
	__u32 tables;
	__u32 blocks;
	__u32 pages;
};

/**
 * struct smm_pt_field_info - one decoded field of a descriptor
 * @has_value: the value came
 * @name: the manual's name ("AttrIndx", "L_PTE_YOUNG")
 * @value: the value
 * @text: what it means, "" when the number says it
 */
struct smm_pt_field_info {
	bool has_value;
	char name[PT_FIELD_NAME_LEN];
	__u64 value;
	char text[PT_FIELD_TEXT_LEN];
};

/**
 * struct smm_walk_level_info - one level of a walk
 * @has: which SHADOW_MM_A_WALK_LEVEL_* attributes came
 * @level: 0 for the root
 * @name: Linux's name of the table ("pgd")
 * @table: physical address of the table
 * @index: index of the descriptor in it
 * @shift: lowest VA bit of the index
 * @bits: VA bits of the index
 * @raw: the hardware descriptor
 * @raw_linux: arm's Linux PTE, beside the hardware one
 * @kind: enum shadow_mm_entry_kind
 * @addr: output address: the next table, the block or the page
 * @size: bytes one descriptor maps here
 * @desc_addr: physical address of the descriptor
 * @fields: the descriptor's fields, decoded
 * @n_fields: entries in @fields
 */
struct smm_walk_level_info {
	bool has[SHADOW_MM_A_WALK_LEVEL_MAX + 1];
	__u32 level;
	char name[PT_LEVEL_NAME_LEN];
	__u64 table;
	__u32 index;
	__u32 shift;
	__u32 bits;
	__u64 raw;
	__u64 raw_linux;
	__u32 kind;
	__u64 addr;
	__u64 size;
	__u64 desc_addr;
	struct smm_pt_field_info fields[PT_MAX_FIELDS];
	unsigned int n_fields;
};

/**
 * struct smm_walk_info - a WALK reply (one address), or an AS_TOUCH reply
 * @source: where the tables were read (from the request, for titles)
 * @id: the address space or the pid walked
 * @has: which SHADOW_MM_A_WALK_* attributes came
 * @va: the virtual address
 * @format: enum shadow_mm_pt_format of the tables
 * @levels: their translation levels
 * @level: the levels walked, from the root
 * @n_level: entries in @level
 * @pa: the physical address @va translates to
 * @size: bytes the leaf maps
 * @prot: enum shadow_mm_prot bits left after every level
 * @fault: enum shadow_mm_fault
 * @fault_level: level of the descriptor that raised it
 * @page_flags: enum shadow_mm_page_flags of the shadow page at @pa
 * @page_owner: its owner tag
 * @page_refcount: its references
 * @page_mapcount: its mappings
 * @page_zone: its enum shadow_mm_zone_type
 * @page_node: its node
 * @vma_start: a process walk: the VMA's start
 * @vma_end: its end
 * @vma_flags: its vm_flags
 * @vma_name: its name
 * @hw_pa: what the CPU's own translation gave
 * @hw_par: the raw PAR it left
 * @access: a touch: enum shadow_mm_access
 * @user: a touch from user mode
 * @fixup: a touch: enum shadow_mm_fixup
 */
struct smm_walk_info {
	enum smm_walk_source source;
	__u32 id;
	bool has[SHADOW_MM_A_WALK_MAX + 1];
	__u64 va;
	__u32 format;
	__u32 levels;
	struct smm_walk_level_info level[SHADOW_MM_MAX_PT_LEVELS];
	unsigned int n_level;
	__u64 pa;
	__u64 size;
	__u32 prot;
	__u32 fault;
	__u32 fault_level;
	__u32 page_flags;
	char page_owner[PT_OWNER_LEN];
	__u32 page_refcount;
	__u32 page_mapcount;
	__u32 page_zone;
	__u32 page_node;
	__u64 vma_start;
	__u64 vma_end;
	__u64 vma_flags;
	char vma_name[PT_VMA_NAME_LEN];
	__u64 hw_pa;
	__u64 hw_par;
	__u32 access;
	bool user;
	__u32 fixup;
};

/**
 * struct smm_walk_run_info - a part of a WALK dump: a run of leaves with
 *	equal attributes, as the kernel's ptdump prints one line
 * @has: which SHADOW_MM_A_WALK_* attributes came
 * @va: first address of the run
 * @va_end: one past its last
 * @pa: physical address of @va
 * @size: bytes each leaf maps
 * @prot: enum shadow_mm_prot bits
 * @attrs: the format's attributes, as ptdump prints them
 * @pages: leaves in the run
 * @levels: translation levels of the tables
 */
struct smm_walk_run_info {
	bool has[SHADOW_MM_A_WALK_MAX + 1];
	__u64 va;
	__u64 va_end;
	__u64 pa;
	__u64 size;
	__u32 prot;
	char attrs[PT_ATTRS_LEN];
	__u32 pages;
	__u32 levels;
};

/* The three operations bench pt times, in its rows' order. */
enum smm_bench_pt_test {
	SMM_BENCH_PT_WALK,
	SMM_BENCH_PT_MAP,
	SMM_BENCH_PT_UNMAP,
	SMM_BENCH_PT_TESTS,
};

/**
 * struct smm_bench_pt_info - a BENCH_PT reply
 * @has: which SHADOW_MM_A_BENCH_PT_* attributes came
 * @count: operations per round
 * @rounds: rounds per side
 * @cpu: the CPU it ran on
 * @format: enum shadow_mm_pt_format of the shadow space
 * @levels: levels of both walks
 * @shadow_ns: per test, the shadow side's fastest round
 * @host_ns: per test, the host's fastest round
 */
struct smm_bench_pt_info {
	bool has[SHADOW_MM_A_BENCH_PT_MAX + 1];
	__u32 count;
	__u32 rounds;
	__u32 cpu;
	__u32 format;
	__u32 levels;
	__u64 shadow_ns[SMM_BENCH_PT_TESTS];
	__u64 host_ns[SMM_BENCH_PT_TESTS];
};

int pt_decode_as(const void *attrs, size_t len, struct smm_as_info *as,
		 char *bad);
void smm_as_info_release(struct smm_as_info *as);
int pt_decode_map(const void *attrs, size_t len, struct smm_map_info *m,
		  char *bad);
int pt_decode_walk(const void *attrs, size_t len, struct smm_walk_info *w,
		   char *bad);
int pt_decode_run(const void *attrs, size_t len, struct smm_walk_run_info *r,
		  char *bad);
int pt_decode_bench(const void *attrs, size_t len,
		    struct smm_bench_pt_info *b, char *bad);

bool pt_walk_mapped(const struct smm_walk_info *w);
const struct smm_walk_level_info *pt_walk_leaf(const struct smm_walk_info *w);

#endif /* SMM_PT_INFO_H */
