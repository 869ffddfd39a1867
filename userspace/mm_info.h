/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_info.h - the shadow world's nodes, zones, pages and owners as smm holds
 * them once a reply is decoded
 *
 * The renderers (procfmt.c, mm_print.c) take these structs and nothing
 * from netlink, so host tests feed them known data; mm_nl.c fills them
 * from the replies. Each struct records which attributes the module sent
 * (@has, indexed by attribute type): what the module did not send is left
 * out of the output rather than shown as a made-up zero.
 */
#ifndef SMM_MM_INFO_H
#define SMM_MM_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/shadow_mm.h>

/* Migrate types the free lists and pageblocks are counted by. */
#define SMM_NR_MIGRATETYPES	SHADOW_MM_MIGRATETYPE_ISOLATE
/* Zone types there are; also the most lowmem-reserve entries kept. */
#define SMM_NR_ZONE_TYPES	SHADOW_MM_ZONE_TYPE_MOVABLE
/* Most free-area orders kept (the kernel's MAX_ORDER is 11 or 12). */
#define SMM_MAX_ORDERS		32
/* Room for a zone's name, NUL included ("HighMem"). */
#define SMM_ZONE_NAME_LEN	16
/* Room for an owner tag (31 bytes on the wire), NUL included. */
#define SMM_OWNER_LEN		64

/**
 * struct smm_node_info - a NODE_GET reply
 * @has: which SHADOW_MM_A_NODE_* attributes came
 * @id: node id
 * @start_pfn: first page frame
 * @spanned: pages spanned, holes included
 * @present: pages present
 * @free: pages free in the buddy allocator
 * @distance: distance to each node, in node order
 * @n_distance: entries in @distance
 * @zone_types: the node's zone types, lowest first
 * @n_zone_types: entries in @zone_types
 */
struct smm_node_info {
	bool has[SHADOW_MM_A_NODE_MAX + 1];
	__u32 id;
	__u64 start_pfn;
	__u64 spanned;
	__u64 present;
	__u64 free;
	__u32 distance[SHADOW_MM_MAX_NODES];
	unsigned int n_distance;
	__u32 zone_types[SMM_NR_ZONE_TYPES];
	unsigned int n_zone_types;
};

/**
 * struct smm_free_area - the free blocks of one order in a zone
 * @has: the free-area nest for this order came
 * @nr_free: free blocks, all migrate types
 * @by_type: free blocks per migrate type (index: migratetype - 1)
 * @has_type: which of @by_type came
 */
struct smm_free_area {
	bool has;
	__u64 nr_free;
	__u64 by_type[SMM_NR_MIGRATETYPES];
	bool has_type[SMM_NR_MIGRATETYPES];
};

/**
 * struct smm_pcp_info - one CPU's page lists of a zone
 * @cpu: CPU number
 * @count: pages on the lists
 * @high: drain mark
 * @batch: pages moved at a time
 */
struct smm_pcp_info {
	__u32 cpu;
	__u32 count;
	__u32 high;
	__u32 batch;
};

/**
 * struct smm_zone_info - a ZONE_GET reply
 * @has: which SHADOW_MM_A_ZONE_* attributes came
 * @node: node id
 * @type: enum shadow_mm_zone_type
 * @name: the name /proc/zoneinfo prints ("Normal")
 * @start_pfn: first page frame spanned
 * @spanned: pages spanned, holes included
 * @present: pages present
 * @managed: pages the allocator manages
 * @free: pages free in the buddy lists
 * @wmark_min: min watermark
 * @wmark_low: low watermark
 * @wmark_high: high watermark
 * @lowmem_reserve: pages kept from requests that could use higher zones
 * @n_lowmem_reserve: entries in @lowmem_reserve
 * @free_area: free blocks per order
 * @n_orders: orders 0 to @n_orders - 1 were reported
 * @pageblocks: pageblocks per migrate type (index: migratetype - 1)
 * @has_pageblock: which of @pageblocks came
 * @pcp: per-CPU lists (allocated; smm_zone_info_release() frees them)
 * @n_pcp: entries in @pcp
 * @alloc_count: blocks allocated since load
 * @free_count: blocks freed since load
 * @split_count: splits
 * @merge_count: merges
 * @steal_count: migrate-type fallbacks
 * @fail_count: failed requests
 */
struct smm_zone_info {
	bool has[SHADOW_MM_A_ZONE_MAX + 1];
	__u32 node;
	__u32 type;
	char name[SMM_ZONE_NAME_LEN];
	__u64 start_pfn;
	__u64 spanned;
	__u64 present;
	__u64 managed;
	__u64 free;
	__u64 wmark_min;
	__u64 wmark_low;
	__u64 wmark_high;
	__u64 lowmem_reserve[SMM_NR_ZONE_TYPES];
	unsigned int n_lowmem_reserve;
	struct smm_free_area free_area[SMM_MAX_ORDERS];
	unsigned int n_orders;
	__u64 pageblocks[SMM_NR_MIGRATETYPES];
	bool has_pageblock[SMM_NR_MIGRATETYPES];
	struct smm_pcp_info *pcp;
	unsigned int n_pcp;
	__u64 alloc_count;
	__u64 free_count;
	__u64 split_count;
	__u64 merge_count;
	__u64 steal_count;
	__u64 fail_count;
};

/**
 * struct smm_page_info - a PAGE_GET reply: one page descriptor
 * @has: which SHADOW_MM_A_PAGE_* attributes came
 * @pfn: page frame number
 * @node: node id
 * @zone: enum shadow_mm_zone_type
 * @flags: enum shadow_mm_page_flags bits
 * @order: order of its free block or compound allocation
 * @refcount: references
 * @mapcount: mappings
 * @owner: owner tag, "" when none
 * @migratetype: its pageblock's enum shadow_mm_migratetype
 */
struct smm_page_info {
	bool has[SHADOW_MM_A_PAGE_MAX + 1];
	__u64 pfn;
	__u32 node;
	__u32 zone;
	__u32 flags;
	__u32 order;
	__u32 refcount;
	__u32 mapcount;
	char owner[SMM_OWNER_LEN];
	__u32 migratetype;
};

/**
 * struct smm_owner_info - an OWNER_GET dump entry
 * @has: which SHADOW_MM_A_OWNER_* attributes came
 * @name: owner tag
 * @blocks: allocations held
 * @pages: pages held
 * @id: owner tag id (what packed page dumps give)
 */
struct smm_owner_info {
	bool has[SHADOW_MM_A_OWNER_MAX + 1];
	char name[SMM_OWNER_LEN];
	__u64 blocks;
	__u64 pages;
	__u32 id;
};

void smm_zone_info_release(struct smm_zone_info *z);
void smm_zones_release(struct smm_zone_info *zones, size_t n);
void smm_zones_sort(struct smm_zone_info *zones, size_t n);

#endif /* SMM_MM_INFO_H */
