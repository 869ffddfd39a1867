/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shadow memory manager: nodes (pg_data_t), zones and pages over
 * memory carved from the host, with a buddy allocator sorted by
 * migratetype, per-CPU page lists, watermarks and zonelists, modelled on
 * the kernel's mm/page_alloc.c so the two can be read side by side.
 *
 * How the glue drives it
 * ----------------------
 * 1. Carve: allocate naturally aligned blocks of host pages (any order up
 *    to params.max_order) and describe each in a struct smm_block: its
 *    first pfn, its order and the shadow node and zone type it goes to.
 * 2. Fill a struct smm_mm_params (max_order and pageblock_order of the
 *    running kernel, page_shift, number of shadow nodes and CPUs, the zone
 *    types this architecture has) and call smm_mm_create() with the block
 *    array. It builds the sections, page descriptors, zones, watermarks,
 *    lowmem reserves, zonelists and per-CPU lists, and frees every block
 *    into the buddy lists. On failure it has freed everything it took and
 *    the glue gives the host pages back.
 * 3. Register owner tags with smm_owner_register() (e.g. "netlink",
 *    "bench"); allocate with smm_alloc(), free with smm_free().
 * 4. Read state for netlink replies with smm_zone_snapshot(),
 *    smm_pcp_snapshot(), smm_page_snapshot() and the node/zone fields
 *    documented below as stable after create; run smm_mm_check() on
 *    demand.
 * 5. At unload: smm_mm_owner_usage() reports what is still allocated by
 *    owner (print it), then smm_mm_destroy() frees every core structure.
 *    Only then give the carved host pages back.
 *
 * Locking contract
 * ----------------
 * Each zone has a lock (zone->lock) over its free lists and counters, and
 * each (zone, CPU) pair a per-CPU list lock. Lock order: mm->lock, then
 * per-CPU list locks, then the zone lock; the core takes them itself,
 * callers hold none. All calls are from process context; none sleeps
 * except smm_mm_create() and smm_mm_destroy(), which allocate and free
 * with kvzalloc()/kvfree() and must not race with anything else. The
 * event callback runs with a zone or per-CPU lock held: it must not sleep
 * nor call back into the core. Fields marked "stable after create" may be
 * read without locks. Two concurrent smm_free() calls of the same block
 * are the caller's bug (as in the kernel); a sequential double free is
 * refused.
 *
 * Memory contents
 * ---------------
 * The core never reads or writes the carved pages themselves, only their
 * descriptors. SMM_GFP_ZERO is recorded (SMM_PG_ZEROED on the first page)
 * and the GLUE zeroes the memory after smm_alloc() returns.
 */

#ifndef _SMM_MM_H
#define _SMM_MM_H

#include "smm_ctx.h"

/* Limits of the model. */
#define SMM_MAX_NODES		8
#define SMM_MAX_ORDER_LIMIT	12	/* largest max_order accepted */
#define SMM_NR_ORDERS_MAX	(SMM_MAX_ORDER_LIMIT + 1)
#define SMM_MAX_CPUS		1024
#define SMM_MAX_OWNERS		256	/* owner tags, 0 included */
#define SMM_OWNER_NAME_LEN	32
#define SMM_NUMA_NO_NODE	(-1)
#define SMM_LOCAL_DISTANCE	10
#define SMM_REMOTE_DISTANCE	20

/* The kernel's PAGE_ALLOC_COSTLY_ORDER: orders up to this use pcp lists. */
#define SMM_PCP_MAX_ORDER	3

/* A page index (gidx) that names no page: the end of a list. */
#define SMM_NIL			0xffffffffu

/**
 * enum smm_zone_type - zone types, in the kernel's order (enum zone_type)
 * @SMM_ZONE_DMA: memory a legacy DMA device reaches
 * @SMM_ZONE_DMA32: memory below 4 GiB
 * @SMM_ZONE_NORMAL: memory the kernel maps permanently
 * @SMM_ZONE_HIGHMEM: memory without a permanent kernel mapping
 * @SMM_ZONE_MOVABLE: memory only for movable allocations
 * @SMM_NR_ZONE_TYPES: number of zone types
 *
 * The uapi enum shadow_mm_zone_type has the same order, one higher (its
 * value 0 is reserved).
 */
enum smm_zone_type {
	SMM_ZONE_DMA,
	SMM_ZONE_DMA32,
	SMM_ZONE_NORMAL,
	SMM_ZONE_HIGHMEM,
	SMM_ZONE_MOVABLE,
	SMM_NR_ZONE_TYPES
};

/**
 * enum smm_migratetype - migratetypes of free lists and pageblocks
 * @SMM_MIGRATE_UNMOVABLE: kernel allocations that never move
 * @SMM_MIGRATE_MOVABLE: pages that can be migrated
 * @SMM_MIGRATE_RECLAIMABLE: pages that can be freed on demand
 * @SMM_MIGRATE_HIGHATOMIC: reserve for high-order atomic allocations
 * @SMM_MIGRATE_ISOLATE: pageblocks taken out of allocation
 * @SMM_MIGRATE_TYPES: number of migratetypes
 *
 * As the kernel's enum migratetype without CMA; the first
 * SMM_MIGRATE_PCPTYPES have per-CPU lists. The uapi enum
 * shadow_mm_migratetype has the same order, one higher.
 */
enum smm_migratetype {
	SMM_MIGRATE_UNMOVABLE,
	SMM_MIGRATE_MOVABLE,
	SMM_MIGRATE_RECLAIMABLE,
	SMM_MIGRATE_HIGHATOMIC,
	SMM_MIGRATE_ISOLATE,
	SMM_MIGRATE_TYPES
};

#define SMM_MIGRATE_PCPTYPES	SMM_MIGRATE_HIGHATOMIC
/* smm_alloc_req.migratetype: take the migratetype from the gfp flags. */
#define SMM_MIGRATE_FROM_GFP	(-1)

/* Per-CPU lists: one per (order <= SMM_PCP_MAX_ORDER, pcp migratetype). */
#define SMM_NR_PCP_LISTS	(SMM_MIGRATE_PCPTYPES * (SMM_PCP_MAX_ORDER + 1))

/**
 * enum smm_wmark - the zone watermarks (enum zone_watermarks)
 * @SMM_WMARK_MIN: below it only SMM_GFP_HIGH/SMM_GFP_ATOMIC requests dip
 * @SMM_WMARK_LOW: the first allocation pass wants free pages above it
 * @SMM_WMARK_HIGH: where the kernel's kswapd would stop
 * @SMM_WMARK_PROMO: high plus the same step (6.1's memory tiering mark)
 * @SMM_NR_WMARK: number of watermarks
 */
enum smm_wmark {
	SMM_WMARK_MIN,
	SMM_WMARK_LOW,
	SMM_WMARK_HIGH,
	SMM_WMARK_PROMO,
	SMM_NR_WMARK
};

/*
 * Request flags, after the kernel's __GFP_*. Zone modifiers pick the
 * highest zone a request may use (smm_gfp_zone()): none means NORMAL,
 * SMM_GFP_MOVABLE with SMM_GFP_HIGHMEM means MOVABLE; SMM_GFP_MOVABLE
 * and SMM_GFP_RECLAIMABLE also give the migratetype.
 */
#define SMM_GFP_DMA		BIT(0)	/* highest zone DMA */
#define SMM_GFP_HIGHMEM		BIT(1)	/* highest zone HIGHMEM */
#define SMM_GFP_DMA32		BIT(2)	/* highest zone DMA32 */
#define SMM_GFP_MOVABLE		BIT(3)	/* movable; with HIGHMEM: MOVABLE */
#define SMM_GFP_RECLAIMABLE	BIT(4)	/* reclaimable migratetype */
#define SMM_GFP_ZERO		BIT(5)	/* the glue zeroes: recorded only */
#define SMM_GFP_THISNODE	BIT(6)	/* no fallback to other nodes */
#define SMM_GFP_NOFALLBACK	BIT(7)	/* only the preferred zone */
#define SMM_GFP_ATOMIC		BIT(8)	/* ALLOC_HARDER: min - min/4 */
#define SMM_GFP_HIGH		BIT(9)	/* ALLOC_HIGH: min - min/2 */
#define SMM_GFP_COMP		BIT(10)	/* compound: head and tail pages */
#define SMM_GFP_NORECLAIM	BIT(11)	/* no last pass: ~__GFP_DIRECT_RECLAIM */
#define SMM_GFP_ALL		(BIT(12) - 1)

#define SMM_GFP_ZONEMASK	(SMM_GFP_DMA | SMM_GFP_HIGHMEM | \
				 SMM_GFP_DMA32 | SMM_GFP_MOVABLE)

/*
 * Page flags (struct smm_page.flags). The first eleven have the values of
 * the uapi enum shadow_mm_page_flags, so the glue copies them as they are.
 */
#define SMM_PG_BUDDY		BIT(0)	/* first page of a free buddy block */
#define SMM_PG_RESERVED		BIT(1)	/* a hole: never free, never used */
#define SMM_PG_HEAD		BIT(2)	/* first page of a compound block */
#define SMM_PG_TAIL		BIT(3)	/* other page of a compound block */
#define SMM_PG_PCP		BIT(4)	/* free, on a per-CPU list */
#define SMM_PG_LRU		BIT(5)
#define SMM_PG_ACTIVE		BIT(6)
#define SMM_PG_REFERENCED	BIT(7)
#define SMM_PG_DIRTY		BIT(8)
#define SMM_PG_SWAPBACKED	BIT(9)
#define SMM_PG_ISOLATED		BIT(10)	/* taken off a list for migration */
#define SMM_PG_ZEROED		BIT(11)	/* allocated with SMM_GFP_ZERO */
#define SMM_PG_LOCKED		BIT(12)
#define SMM_PG_UPTODATE		BIT(13)
#define SMM_PG_WRITEBACK	BIT(14)
#define SMM_PG_RECLAIM		BIT(15)

/**
 * struct smm_page - the descriptor of one shadow page (struct page)
 * @next: next page (gidx) on the free, per-CPU or (later) LRU list
 * @prev: previous page (gidx) on that list
 * @compound_head: on a tail page (SMM_PG_TAIL), the gidx of its head
 * @flags: SMM_PG_* flags
 * @order: free-block order on a SMM_PG_BUDDY or SMM_PG_PCP page; block
 *	order on the first page of an allocated block (compound or not)
 * @mapcount: mappings of an allocated page (later: page tables)
 * @list_mt: on a free page (buddy or per-CPU), the migratetype of the
 *	list it is on
 * @refcount: references to an allocated block, on its first page; 0 on
 *	free pages, holes and the other pages of a block
 * @owner: owner tag of an allocated block, on its first page
 *
 * A gidx is pfn - mm->base_pfn. Free-list links are gidx, SMM_NIL ends a
 * list. 16 bytes, against the kernel's 64.
 */
struct smm_page {
	union {
		struct {
			u32 next;
			u32 prev;
		};
		u32 compound_head;
	};
	u16 flags;
	u8 order;
	union {
		u8 mapcount;
		u8 list_mt;
	};
	u16 refcount;
	u16 owner;
};

/**
 * struct smm_block - a naturally aligned block of host pages handed over
 * @pfn: its first host pfn (a multiple of 1 << @order)
 * @order: its order, at most params.max_order
 * @nid: the shadow node it goes to
 * @zone: the zone type (enum smm_zone_type) it goes to
 *
 * The first block landing in a section decides the section's node and
 * zone; a later block in the same section joins them whatever it says
 * (counted in smm_mm.nr_blocks_moved).
 */
struct smm_block {
	u64 pfn;
	u8 order;
	u8 nid;
	u8 zone;
};

/**
 * struct smm_section - a section of 1 << max_order pages (mem_section)
 * @pages: descriptors of the section's pages, NULL when not present
 * @pageblock_mt: migratetype of each pageblock (enum smm_migratetype)
 * @nid: node of the section
 * @zone: zone type of the section
 * @present_pages: pages handed over in it; the others are holes
 *
 * Stable after create (except the pageblock types, under the zone lock).
 */
struct smm_section {
	struct smm_page *pages;
	u8 *pageblock_mt;
	u8 nid;
	u8 zone;
	u32 present_pages;
};

/**
 * struct smm_list - a list of pages linked by gidx
 * @head: first page, SMM_NIL when empty
 * @tail: last page, SMM_NIL when empty
 */
struct smm_list {
	u32 head;
	u32 tail;
};

/**
 * struct smm_free_area - the free blocks of one order (struct free_area)
 * @free_list: one list per migratetype
 * @nr_free: blocks on all the lists (what /proc/buddyinfo prints)
 * @nr_free_mt: blocks on each list (what /proc/pagetypeinfo prints)
 */
struct smm_free_area {
	struct smm_list free_list[SMM_MIGRATE_TYPES];
	unsigned long nr_free;
	unsigned long nr_free_mt[SMM_MIGRATE_TYPES];
};

/**
 * struct smm_pcp_stats - counters of one per-CPU list set
 * @allocs: blocks handed out from the lists
 * @frees: blocks freed to the lists
 * @refills: bulk refills from the buddy lists
 * @drains: bulk drains to the buddy lists (high reached, or drain calls)
 */
struct smm_pcp_stats {
	u64 allocs;
	u64 frees;
	u64 refills;
	u64 drains;
};

/**
 * struct smm_per_cpu_pages - per-CPU free lists of a zone (per_cpu_pages)
 * @lock: protects this structure; taken before the zone lock
 * @count: pages on all the lists
 * @high: drain when @count reaches it
 * @batch: pages moved per refill (shifted down by the order) and drain
 * @lists: free lists indexed by smm_pcp_index(order, migratetype)
 * @stats: counters
 */
struct smm_per_cpu_pages {
	struct smm_lock lock;
	int count;
	int high;
	int batch;
	struct smm_list lists[SMM_NR_PCP_LISTS];
	struct smm_pcp_stats stats;
};

/**
 * struct smm_zone_stats - counters of a zone, under the zone lock
 * @allocs: blocks allocated from the buddy lists (pcp refills excluded)
 * @frees: blocks freed to the buddy lists (pcp drains excluded)
 * @splits: blocks split in two on allocation
 * @merges: buddy pairs merged on free
 * @fallbacks: allocations served from another migratetype's list, by the
 *	requested migratetype
 * @steals: pageblocks whose type changed to the requested migratetype on
 *	fallback, by that migratetype
 * @alloc_fail: requests that failed with this as their preferred zone
 * @highatomic_reserved: pageblocks turned into the highatomic reserve
 */
struct smm_zone_stats {
	u64 allocs;
	u64 frees;
	u64 splits;
	u64 merges;
	u64 fallbacks[SMM_MIGRATE_TYPES];
	u64 steals[SMM_MIGRATE_TYPES];
	u64 alloc_fail;
	u64 highatomic_reserved;
};

struct smm_mm;
struct smm_node;

/**
 * struct smm_zone - a zone (struct zone)
 * @mm: the memory manager
 * @node: the node it is in
 * @nid: that node's id
 * @type: its zone type
 * @exists: the architecture has this zone type (params.zone_mask); a zone
 *	that exists can still be empty (/proc/zoneinfo prints it)
 * @zone_start_pfn: first pfn of the zone's span (0 when empty)
 * @spanned_pages: pfns from the first to the last present page
 * @present_pages: pages handed over to the zone
 * @managed_pages: pages the buddy allocator manages (== present here)
 * @watermark: min, low, high, promo (enum smm_wmark), in pages
 * @lowmem_reserve: pages kept free from requests whose highest zone is
 *	the index (/proc/zoneinfo's "protection")
 * @pcp_batch: per-CPU batch (zone_batchsize())
 * @pcp_high: per-CPU high mark (zone_highsize())
 * @pcp: per-CPU lists, params.nr_cpus of them
 * @lock: protects what follows
 * @free_pages: free pages on the buddy lists, isolated ones excluded
 *	(NR_FREE_PAGES; per-CPU pages are not counted)
 * @nr_reserved_highatomic: pages in highatomic pageblocks
 * @free_area: free lists by order
 * @nr_pageblocks: pageblocks of the zone by migratetype
 * @stats: counters
 *
 * Everything before @lock is stable after create.
 */
struct smm_zone {
	struct smm_mm *mm;
	struct smm_node *node;
	int nid;
	enum smm_zone_type type;
	bool exists;
	u64 zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;
	unsigned long watermark[SMM_NR_WMARK];
	unsigned long lowmem_reserve[SMM_NR_ZONE_TYPES];
	int pcp_batch;
	int pcp_high;
	struct smm_per_cpu_pages *pcp;

	struct smm_lock lock;
	unsigned long free_pages;
	unsigned long nr_reserved_highatomic;
	struct smm_free_area free_area[SMM_NR_ORDERS_MAX];
	unsigned long nr_pageblocks[SMM_MIGRATE_TYPES];
	struct smm_zone_stats stats;
};

/**
 * struct smm_node - a node (pg_data_t)
 * @nid: its id
 * @node_start_pfn: first pfn of its span (0 when empty)
 * @node_spanned_pages: pfns from its first to its last present page
 * @node_present_pages: pages handed over to it
 * @zones: its zones, indexed by enum smm_zone_type
 * @zonelist: the node-ordered fallback zonelist, NULL-terminated: nodes
 *	by distance (itself first, ties by id), in each the populated zones
 *	from the highest type down
 * @zonelist_thisnode: the same restricted to this node (SMM_GFP_THISNODE)
 *
 * Stable after create, except inside @zones.
 */
struct smm_node {
	int nid;
	u64 node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;
	struct smm_zone zones[SMM_NR_ZONE_TYPES];
	struct smm_zone *zonelist[SMM_MAX_NODES * SMM_NR_ZONE_TYPES + 1];
	struct smm_zone *zonelist_thisnode[SMM_NR_ZONE_TYPES + 1];
};

/**
 * enum smm_event_type - what an event reports
 * @SMM_EV_ALLOC: a block was allocated (@pfn, @order, @mt, @owner)
 * @SMM_EV_FREE: a block was freed by its user
 * @SMM_EV_SPLIT: a free block of @order was split into two of @order - 1
 * @SMM_EV_MERGE: two free buddies merged into a block of @order
 * @SMM_EV_STEAL: the pageblock at @pfn changed from @old_mt to @mt
 */
enum smm_event_type {
	SMM_EV_ALLOC,
	SMM_EV_FREE,
	SMM_EV_SPLIT,
	SMM_EV_MERGE,
	SMM_EV_STEAL,
};

/**
 * struct smm_event - an allocator event
 * @type: enum smm_event_type
 * @nid: node of the zone
 * @zone: zone type
 * @pfn: first pfn of the block (or pageblock)
 * @order: order of the block
 * @mt: migratetype (requested on alloc, new type on steal)
 * @old_mt: previous pageblock type (steal only)
 * @owner: owner tag (alloc and free)
 * @cpu: the caller's CPU
 */
struct smm_event {
	enum smm_event_type type;
	int nid;
	enum smm_zone_type zone;
	u64 pfn;
	unsigned int order;
	int mt;
	int old_mt;
	u16 owner;
	unsigned int cpu;
};

/**
 * struct smm_mm_params - what the glue tells smm_mm_create()
 * @max_order: the largest order (MAX_ORDER - 1 in 6.1): 10 on x86_64 and
 *	arm64, 11 on armhf; sections are 1 << @max_order pages
 * @pb_order: the kernel's pageblock_order, at most @max_order (a macro in
 *	the kernel, hence the short name)
 * @page_shift: PAGE_SHIFT (12 for 4 KiB pages)
 * @nr_nodes: shadow nodes, 1 to SMM_MAX_NODES
 * @nr_cpus: CPUs (per-CPU list sets per zone), 1 to SMM_MAX_CPUS; CPU
 *	c belongs to node c % @nr_nodes
 * @zone_mask: BIT(enum smm_zone_type) of each zone type the architecture
 *	has; NORMAL is required
 * @min_free_kbytes: 0 to compute it like the kernel, else this value
 * @watermark_scale_factor: 0 for the kernel's default 10
 * @node_distance: node_distance(from, to); all zero for 10 local and 20
 *	remote
 * @debug_check: run smm_mm_check() after every operation (slow); the
 *	results accumulate in smm_mm.debug_violations and debug_report
 * @event: optional event callback, called under a zone or per-CPU lock
 * @event_arg: its first argument
 */
struct smm_mm_params {
	unsigned int max_order;
	unsigned int pb_order;
	unsigned int page_shift;
	unsigned int nr_nodes;
	unsigned int nr_cpus;
	u32 zone_mask;
	unsigned long min_free_kbytes;
	unsigned int watermark_scale_factor;
	u8 node_distance[SMM_MAX_NODES][SMM_MAX_NODES];
	bool debug_check;
	void (*event)(void *arg, const struct smm_event *ev);
	void *event_arg;
};

#define SMM_CHECK_MAX_MSGS	8
#define SMM_CHECK_MSG_LEN	128

/**
 * struct smm_check_report - what the invariant checker found
 * @violations: number of violations
 * @nr_msgs: descriptions kept in @msg (the first SMM_CHECK_MAX_MSGS)
 * @msg: "pfn 0x...: what is wrong" descriptions
 */
struct smm_check_report {
	unsigned int violations;
	unsigned int nr_msgs;
	char msg[SMM_CHECK_MAX_MSGS][SMM_CHECK_MSG_LEN];
};

/**
 * struct smm_owner - an owner tag
 * @name: its name, "" for a free slot
 * @usage_pages: scratch for smm_mm_owner_usage()
 * @usage_blocks: scratch for smm_mm_owner_usage()
 */
struct smm_owner {
	char name[SMM_OWNER_NAME_LEN];
	unsigned long usage_pages;
	unsigned long usage_blocks;
};

/**
 * struct smm_mm - the shadow memory manager
 * @p: the parameters it was created with (distances filled in)
 * @base_pfn: first pfn of the first section: gidx 0
 * @end_pfn: one past the last pfn of the last section
 * @nr_sections: sections from @base_pfn to @end_pfn
 * @sections: the section table
 * @pageblocks_per_section: 1 << (max_order - pb_order)
 * @nr_nodes: nodes
 * @nodes: the nodes
 * @min_free_kbytes: in force
 * @present_pages: pages handed over, all nodes
 * @nr_blocks_moved: blocks that joined a section of another node or zone
 * @lock: protects @owners and @debug_report, and serializes the
 *	operations that hold every per-CPU lock of a zone at once (checker,
 *	snapshots, owner usage, isolation); taken before any other lock
 * @owners: owner tags; 0 is "none"
 * @debug_violations: violations found by debug checks so far
 * @debug_report: the first debug check that found any
 * @events_on: call p.event (read without locks on the hot path; set by
 *	smm_mm_set_events(), on at create when p.event is given)
 */
struct smm_mm {
	struct smm_mm_params p;
	u64 base_pfn;
	u64 end_pfn;
	unsigned long nr_sections;
	struct smm_section *sections;
	unsigned int pageblocks_per_section;
	unsigned int nr_nodes;
	struct smm_node nodes[SMM_MAX_NODES];
	unsigned long min_free_kbytes;
	unsigned long present_pages;
	unsigned long nr_blocks_moved;
	struct smm_lock lock;
	struct smm_owner owners[SMM_MAX_OWNERS];
	unsigned long debug_violations;
	struct smm_check_report debug_report;
	bool events_on;
};

/**
 * struct smm_alloc_req - an allocation request
 * @order: block order, 0 to max_order
 * @gfp: SMM_GFP_* flags
 * @nid: preferred node, or SMM_NUMA_NO_NODE for the CPU's node
 * @migratetype: SMM_MIGRATE_FROM_GFP, or UNMOVABLE, MOVABLE or
 *	RECLAIMABLE to override the gfp's
 * @owner: owner tag (0 for none)
 * @cpu: the caller's CPU, below params.nr_cpus
 */
struct smm_alloc_req {
	unsigned int order;
	u32 gfp;
	int nid;
	int migratetype;
	u16 owner;
	unsigned int cpu;
};

/**
 * struct smm_zone_info - a consistent copy of a zone's changing state
 * @free_pages: zone->free_pages
 * @nr_reserved_highatomic: zone->nr_reserved_highatomic
 * @pcp_pages: pages on all the zone's per-CPU lists
 * @nr_free: blocks per order on all lists (buddyinfo)
 * @nr_free_mt: blocks per order and migratetype (pagetypeinfo)
 * @nr_pageblocks: pageblocks per migratetype (pagetypeinfo)
 * @stats: zone counters
 * @pcp_stats: per-CPU counters summed over the CPUs
 */
struct smm_zone_info {
	unsigned long free_pages;
	unsigned long nr_reserved_highatomic;
	unsigned long pcp_pages;
	unsigned long nr_free[SMM_NR_ORDERS_MAX];
	unsigned long nr_free_mt[SMM_NR_ORDERS_MAX][SMM_MIGRATE_TYPES];
	unsigned long nr_pageblocks[SMM_MIGRATE_TYPES];
	struct smm_zone_stats stats;
	struct smm_pcp_stats pcp_stats;
};

/**
 * struct smm_pcp_info - a copy of one CPU's list set of a zone
 * @count: pages on the lists
 * @high: high mark
 * @batch: batch
 * @stats: counters
 */
struct smm_pcp_info {
	int count;
	int high;
	int batch;
	struct smm_pcp_stats stats;
};

/**
 * struct smm_owner_usage - what one owner still holds
 * @owner: its tag
 * @name: its name
 * @pages: pages allocated to it
 * @blocks: blocks allocated to it
 */
struct smm_owner_usage {
	u16 owner;
	const char *name;
	unsigned long pages;
	unsigned long blocks;
};

/* Names as /proc prints them, indexed by the enums. */
extern const char * const smm_zone_names[SMM_NR_ZONE_TYPES];
extern const char * const smm_migratetype_names[SMM_MIGRATE_TYPES];

/**
 * smm_mm_create() - build the memory manager over carved blocks
 * @params: parameters; copied
 * @blocks: the carved blocks, in any order; not kept
 * @nr_blocks: number of blocks, at least one
 * @out: the new memory manager, on success
 *
 * Builds sections (a descriptor array only for sections with present
 * pages; pages not handed over are holes: SMM_PG_RESERVED), nodes and
 * zones with their spans, the pageblock types (MOVABLE where a pageblock
 * has present pages), watermarks, lowmem reserves, per-CPU lists and
 * zonelists, then frees every block into the buddy lists, where they
 * merge into the largest blocks possible. Counters start at zero. Sleeps.
 *
 * Return: 0; -EINVAL for bad parameters or a bad block (misaligned, order
 * above max_order, unknown node or zone type, overlapping another, a span
 * too wide for 32-bit indices); -ENOMEM when an allocation fails. On
 * error nothing is left allocated.
 */
int smm_mm_create(const struct smm_mm_params *params,
		  const struct smm_block *blocks, unsigned int nr_blocks,
		  struct smm_mm **out);

/**
 * smm_mm_destroy() - free every structure of the memory manager
 * @mm: the memory manager, or NULL
 *
 * Whatever is still allocated is forgotten: call smm_mm_owner_usage()
 * first to report it. The carved host pages are the glue's to give back.
 * Sleeps.
 */
void smm_mm_destroy(struct smm_mm *mm);

/**
 * smm_mm_set_events() - turn the event callback on or off
 * @mm: the memory manager
 * @on: call params.event from now on (ignored without one)
 *
 * Off, the allocator's hot paths skip building events and the indirect
 * call: the glue turns events off while nobody listens. Takes no lock;
 * an operation running concurrently may still see the old setting.
 */
void smm_mm_set_events(struct smm_mm *mm, bool on);

/**
 * smm_pfn_to_page() - the descriptor of a pfn
 * @mm: the memory manager
 * @pfn: a host pfn
 *
 * Return: the descriptor (of a present page or a hole in a present
 * section), or NULL when no present section holds @pfn.
 */
struct smm_page *smm_pfn_to_page(struct smm_mm *mm, u64 pfn);

/**
 * smm_page_to_pfn() - the pfn of a descriptor
 * @mm: the memory manager
 * @page: a descriptor from smm_pfn_to_page()
 *
 * Return: its pfn.
 */
u64 smm_page_to_pfn(struct smm_mm *mm, const struct smm_page *page);

/**
 * smm_pfn_zone() - the zone of a pfn
 * @mm: the memory manager
 * @pfn: a host pfn
 *
 * Return: the zone of its section (holes included), or NULL when no
 * present section holds @pfn.
 */
struct smm_zone *smm_pfn_zone(struct smm_mm *mm, u64 pfn);

/**
 * smm_page_snapshot() - copy a page descriptor consistently
 * @mm: the memory manager
 * @pfn: a host pfn
 * @copy: where to copy its descriptor
 *
 * Takes the locks that guard the descriptor (its zone's per-CPU list
 * locks and zone lock), so the copy is never half-way through an
 * allocation or free; does not sleep.
 *
 * Return: 0; -EINVAL when no present section holds @pfn.
 */
int smm_page_snapshot(struct smm_mm *mm, u64 pfn, struct smm_page *copy);

/**
 * smm_pageblock_migratetype() - the migratetype of a pfn's pageblock
 * @mm: the memory manager
 * @pfn: a host pfn
 *
 * Return: an enum smm_migratetype, or -EINVAL when no present section
 * holds @pfn.
 */
int smm_pageblock_migratetype(struct smm_mm *mm, u64 pfn);

/**
 * smm_owner_register() - get the tag of an owner name
 * @mm: the memory manager
 * @name: a name of 1 to SMM_OWNER_NAME_LEN - 1 characters
 *
 * The same name always gives the same tag; tags are never released.
 *
 * Return: the tag (1 or more); -EINVAL for an empty or too long name;
 * -ENOSPC when SMM_MAX_OWNERS - 1 names are registered.
 */
int smm_owner_register(struct smm_mm *mm, const char *name);

/**
 * smm_owner_name() - the name of an owner tag
 * @mm: the memory manager
 * @owner: a tag
 *
 * Return: its name; "" for tag 0 and tags not registered.
 */
const char *smm_owner_name(struct smm_mm *mm, u16 owner);

/**
 * smm_mm_owner_usage() - report the allocated pages by owner
 * @mm: the memory manager
 * @fn: called once per owner (tag 0 included) holding any block, in tag
 *	order, with no lock held
 * @arg: its first argument
 *
 * Counts by walking every descriptor under the zone locks, into scratch
 * counters in mm->owners that @fn's reports are read from: concurrent
 * calls would mix their counts, so callers serialize their calls (the
 * glue with a mutex).
 *
 * Return: the number of owners reported (0: nothing is allocated).
 */
unsigned int smm_mm_owner_usage(struct smm_mm *mm,
				void (*fn)(void *arg,
					   const struct smm_owner_usage *u),
				void *arg);

/**
 * smm_gfp_zone() - the highest zone type a request may use (gfp_zone())
 * @mm: the memory manager (which zone types exist)
 * @gfp: SMM_GFP_* flags
 *
 * No modifier: NORMAL; DMA, DMA32, HIGHMEM: that type; MOVABLE with
 * HIGHMEM: MOVABLE; MOVABLE alone: NORMAL. A type the architecture lacks
 * becomes NORMAL, as the kernel's OPT_ZONE_* do.
 *
 * Return: an enum smm_zone_type, or -EINVAL for a conflicting mix of
 * modifiers (two of DMA, DMA32, HIGHMEM).
 */
int smm_gfp_zone(struct smm_mm *mm, u32 gfp);

/**
 * smm_gfp_migratetype() - the migratetype of request flags
 * @gfp: SMM_GFP_* flags
 *
 * Return: MOVABLE, RECLAIMABLE or UNMOVABLE; -EINVAL when both
 * SMM_GFP_MOVABLE and SMM_GFP_RECLAIMABLE are set.
 */
int smm_gfp_migratetype(u32 gfp);

/**
 * smm_zone_watermark_ok() - __zone_watermark_ok()
 * @zone: the zone
 * @order: the request's order
 * @mark: a watermark in pages
 * @highest: the request's highest zone type (picks the lowmem reserve)
 * @gfp: the request's flags (SMM_GFP_HIGH halves the mark, SMM_GFP_ATOMIC
 *	takes a quarter off and may use the highatomic reserve)
 *
 * Reads the counters without the zone lock, as the kernel does.
 *
 * Return: true when free pages minus (1 << @order) - 1 stay above the
 * adjusted mark plus the lowmem reserve and a free block of at least
 * @order exists on a list the request may use.
 */
bool smm_zone_watermark_ok(struct smm_zone *zone, unsigned int order,
			   unsigned long mark, enum smm_zone_type highest,
			   u32 gfp);

/**
 * smm_zone_snapshot() - copy a zone's changing state consistently
 * @zone: the zone
 * @info: where to copy it
 *
 * Takes the zone's per-CPU locks and the zone lock.
 */
void smm_zone_snapshot(struct smm_zone *zone, struct smm_zone_info *info);

/**
 * smm_pcp_snapshot() - copy one CPU's per-CPU list state of a zone
 * @zone: the zone
 * @cpu: the CPU
 * @info: where to copy it
 *
 * Return: 0, or -EINVAL for a CPU out of range.
 */
int smm_pcp_snapshot(struct smm_zone *zone, unsigned int cpu,
		     struct smm_pcp_info *info);

/**
 * smm_alloc() - allocate a block (__alloc_pages())
 * @mm: the memory manager
 * @req: the request
 * @pfn: the block's first pfn, on success
 *
 * Walks the preferred node's zonelist (only that node with
 * SMM_GFP_THISNODE, only the first populated zone with
 * SMM_GFP_NOFALLBACK) from the request's highest zone down, first
 * against the low watermark then against the min one; takes orders up to
 * SMM_PCP_MAX_ORDER from the CPU's per-CPU lists (refilled in bulk),
 * larger ones from the buddy lists, splitting and falling back to other
 * migratetypes (stealing pageblocks) like the kernel. The first page gets
 * refcount 1, the order and the owner; with SMM_GFP_COMP the block is
 * compound (head and tails), with SMM_GFP_ZERO it is marked
 * SMM_PG_ZEROED and the glue must zero it. Before failing, a last pass
 * gives the highatomic reserves back and drains every CPU's lists, as the
 * kernel's direct reclaim does; SMM_GFP_NORECLAIM skips it, as a kernel
 * request without __GFP_DIRECT_RECLAIM does (a high-order try that has a
 * smaller order to fall back to).
 *
 * Return: 0; -EINVAL for a bad order, flags, migratetype, node or CPU;
 * -ENOMEM when no zone can serve it (counted on the preferred zone).
 */
int smm_alloc(struct smm_mm *mm, const struct smm_alloc_req *req, u64 *pfn);

/**
 * smm_free() - drop the allocation reference of a block (__free_pages())
 * @mm: the memory manager
 * @pfn: the first pfn of an allocated block
 * @cpu: the caller's CPU
 *
 * The block goes back to the CPU's per-CPU lists (orders up to
 * SMM_PCP_MAX_ORDER; drained in bulk at the high mark) or to the buddy
 * lists, merging with its free buddies.
 *
 * Return: 0; -EINVAL, with nothing changed, when @pfn is not the first
 * page of an allocated block (a hole, a free page, a tail or inner page,
 * out of range: double frees included) or @cpu is out of range.
 */
int smm_free(struct smm_mm *mm, u64 pfn, unsigned int cpu);

/**
 * smm_pageblock_isolate() - take a pageblock out of allocation
 * @mm: the memory manager
 * @pfn: any pfn in the pageblock
 *
 * Sets the pageblock's type to ISOLATE and moves its free pages to the
 * isolate lists (splitting a larger free block around it), then drains
 * the per-CPU lists so their pages of the block land there too. Pages
 * freed into the block later go to the isolate lists; none is handed out.
 *
 * Return: 0; -EINVAL when no present section holds @pfn; -EBUSY when the
 * pageblock is already isolated.
 */
int smm_pageblock_isolate(struct smm_mm *mm, u64 pfn);

/**
 * smm_pageblock_unisolate() - give an isolated pageblock back
 * @mm: the memory manager
 * @pfn: any pfn in the pageblock
 * @migratetype: its new type: UNMOVABLE, MOVABLE or RECLAIMABLE
 *
 * Moves its free pages to that type's lists, merging a free pageblock
 * with its buddies.
 *
 * Return: 0; -EINVAL for a bad pfn or type, or a pageblock that is not
 * isolated.
 */
int smm_pageblock_unisolate(struct smm_mm *mm, u64 pfn, int migratetype);

/**
 * smm_drain_cpu() - give one CPU's per-CPU pages back to the buddy lists
 * @mm: the memory manager
 * @cpu: the CPU (out of range: nothing happens)
 */
void smm_drain_cpu(struct smm_mm *mm, unsigned int cpu);

/**
 * smm_drain_all() - drain every CPU's per-CPU lists (drain_all_pages())
 * @mm: the memory manager
 */
void smm_drain_all(struct smm_mm *mm);

/**
 * smm_mm_check() - check every invariant of the allocator
 * @mm: the memory manager
 * @rep: the findings, or NULL
 *
 * Zone by zone under its locks: every free block is aligned to its order,
 * inside one present section and free of holes; its buddy is not free at
 * the same order (it should have merged) unless a pageblock boundary of
 * an unmergeable type keeps them apart; list links agree both ways; list
 * lengths equal nr_free and nr_free_mt, and free_pages their sum
 * (isolated excluded); per-CPU counts equal their lists; every present
 * page is in exactly one free block, per-CPU block or allocated block;
 * tails name their head; holes are never free; free blocks are on the
 * isolate lists exactly when their pageblocks are isolated; pageblock
 * counts match the types.
 *
 * Return: the number of violations (0 when all hold).
 */
unsigned int smm_mm_check(struct smm_mm *mm, struct smm_check_report *rep);

/**
 * smm_pcp_index() - the per-CPU list of an order and migratetype
 * @order: 0 to SMM_PCP_MAX_ORDER
 * @mt: a migratetype below SMM_MIGRATE_PCPTYPES
 *
 * Return: the index into smm_per_cpu_pages.lists.
 */
static inline unsigned int smm_pcp_index(unsigned int order, int mt)
{
	return SMM_MIGRATE_PCPTYPES * order + mt;
}

/**
 * smm_page_gidx() - the global index of a page descriptor
 * @mm: the memory manager
 * @page: a descriptor
 *
 * Return: pfn - base_pfn of @page.
 */
static inline u32 smm_page_gidx(struct smm_mm *mm, const struct smm_page *page)
{
	return (u32)(smm_page_to_pfn(mm, page) - mm->base_pfn);
}

/**
 * smm_zone_populated() - whether a zone has pages
 * @zone: the zone
 *
 * Return: true when the buddy allocator manages pages in @zone.
 */
static inline bool smm_zone_populated(const struct smm_zone *zone)
{
	return zone->managed_pages != 0;
}

/**
 * smm_alloc_pages() - allocate with the arguments in a line
 * @mm: the memory manager
 * @order: block order
 * @gfp: SMM_GFP_* flags
 * @nid: preferred node or SMM_NUMA_NO_NODE
 * @owner: owner tag
 * @cpu: the caller's CPU
 * @pfn: the first pfn of the block, on success
 *
 * Return: as smm_alloc().
 */
static inline int smm_alloc_pages(struct smm_mm *mm, unsigned int order,
				  u32 gfp, int nid, u16 owner,
				  unsigned int cpu, u64 *pfn)
{
	struct smm_alloc_req req = {
		.order = order,
		.gfp = gfp,
		.nid = nid,
		.migratetype = SMM_MIGRATE_FROM_GFP,
		.owner = owner,
		.cpu = cpu,
	};

	return smm_alloc(mm, &req, pfn);
}

#endif /* _SMM_MM_H */
