// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - names of the values in the shadow_mm UAPI, as users see them
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/shadow_mm.h>

#include "names.h"
#include "util.h"

static const char *const status_attr_names[] = {
	[SHADOW_MM_A_STATUS_VERSION]		= "version",
	[SHADOW_MM_A_STATUS_KERNEL_RELEASE]	= "kernel-release",
	[SHADOW_MM_A_STATUS_MACHINE]		= "machine",
	[SHADOW_MM_A_STATUS_PAGE_SIZE]		= "page-size",
	[SHADOW_MM_A_STATUS_PT_FORMAT]		= "pt-format",
	[SHADOW_MM_A_STATUS_PT_LEVELS]		= "pt-levels",
	[SHADOW_MM_A_STATUS_CPUS_ONLINE]	= "cpus-online",
	[SHADOW_MM_A_STATUS_SHADOW_BYTES]	= "shadow-bytes",
	[SHADOW_MM_A_STATUS_DEBUG]		= "debug",
	[SHADOW_MM_A_STATUS_PAD]		= "pad",
	[SHADOW_MM_A_STATUS_MAX_ORDER]		= "max-order",
	[SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER]	= "pageblock-order",
	[SHADOW_MM_A_STATUS_EVENTS_DROPPED]	= "events-dropped",
};

const struct smm_attr_set smm_status_attr_set = {
	.name = "status",
	.names = status_attr_names,
	.max = ARRAY_SIZE(status_attr_names) - 1,
};

static const char *const node_attr_names[] = {
	[SHADOW_MM_A_NODE_ID]			= "id",
	[SHADOW_MM_A_NODE_START_PFN]		= "start-pfn",
	[SHADOW_MM_A_NODE_SPANNED_PAGES]	= "spanned-pages",
	[SHADOW_MM_A_NODE_PRESENT_PAGES]	= "present-pages",
	[SHADOW_MM_A_NODE_FREE_PAGES]		= "free-pages",
	[SHADOW_MM_A_NODE_DISTANCE]		= "distance",
	[SHADOW_MM_A_NODE_ZONE_TYPE]		= "zone-type",
	[SHADOW_MM_A_NODE_PAD]			= "pad",
};

const struct smm_attr_set smm_node_attr_set = {
	.name = "node",
	.names = node_attr_names,
	.max = ARRAY_SIZE(node_attr_names) - 1,
	.multi = BIT(SHADOW_MM_A_NODE_DISTANCE) |
		 BIT(SHADOW_MM_A_NODE_ZONE_TYPE),
};

static const char *const free_area_attr_names[] = {
	[SHADOW_MM_A_FREE_AREA_ORDER]		= "order",
	[SHADOW_MM_A_FREE_AREA_NR_FREE]		= "nr-free",
	[SHADOW_MM_A_FREE_AREA_UNMOVABLE]	= "unmovable",
	[SHADOW_MM_A_FREE_AREA_MOVABLE]		= "movable",
	[SHADOW_MM_A_FREE_AREA_RECLAIMABLE]	= "reclaimable",
	[SHADOW_MM_A_FREE_AREA_HIGHATOMIC]	= "highatomic",
	[SHADOW_MM_A_FREE_AREA_ISOLATE]		= "isolate",
	[SHADOW_MM_A_FREE_AREA_PAD]		= "pad",
};

const struct smm_attr_set smm_free_area_attr_set = {
	.name = "free-area",
	.names = free_area_attr_names,
	.max = ARRAY_SIZE(free_area_attr_names) - 1,
};

static const char *const pageblocks_attr_names[] = {
	[SHADOW_MM_A_PAGEBLOCKS_UNMOVABLE]	= "unmovable",
	[SHADOW_MM_A_PAGEBLOCKS_MOVABLE]	= "movable",
	[SHADOW_MM_A_PAGEBLOCKS_RECLAIMABLE]	= "reclaimable",
	[SHADOW_MM_A_PAGEBLOCKS_HIGHATOMIC]	= "highatomic",
	[SHADOW_MM_A_PAGEBLOCKS_ISOLATE]	= "isolate",
	[SHADOW_MM_A_PAGEBLOCKS_PAD]		= "pad",
};

const struct smm_attr_set smm_pageblocks_attr_set = {
	.name = "pageblocks",
	.names = pageblocks_attr_names,
	.max = ARRAY_SIZE(pageblocks_attr_names) - 1,
};

static const char *const pcp_attr_names[] = {
	[SHADOW_MM_A_PCP_CPU]			= "cpu",
	[SHADOW_MM_A_PCP_COUNT]			= "count",
	[SHADOW_MM_A_PCP_HIGH]			= "high",
	[SHADOW_MM_A_PCP_BATCH]			= "batch",
};

const struct smm_attr_set smm_pcp_attr_set = {
	.name = "pcp",
	.names = pcp_attr_names,
	.max = ARRAY_SIZE(pcp_attr_names) - 1,
};

static const char *const zone_attr_names[] = {
	[SHADOW_MM_A_ZONE_NODE]			= "node",
	[SHADOW_MM_A_ZONE_TYPE]			= "type",
	[SHADOW_MM_A_ZONE_NAME]			= "name",
	[SHADOW_MM_A_ZONE_START_PFN]		= "start-pfn",
	[SHADOW_MM_A_ZONE_SPANNED_PAGES]	= "spanned-pages",
	[SHADOW_MM_A_ZONE_PRESENT_PAGES]	= "present-pages",
	[SHADOW_MM_A_ZONE_MANAGED_PAGES]	= "managed-pages",
	[SHADOW_MM_A_ZONE_FREE_PAGES]		= "free-pages",
	[SHADOW_MM_A_ZONE_WMARK_MIN]		= "wmark-min",
	[SHADOW_MM_A_ZONE_WMARK_LOW]		= "wmark-low",
	[SHADOW_MM_A_ZONE_WMARK_HIGH]		= "wmark-high",
	[SHADOW_MM_A_ZONE_LOWMEM_RESERVE]	= "lowmem-reserve",
	[SHADOW_MM_A_ZONE_FREE_AREA]		= "free-area",
	[SHADOW_MM_A_ZONE_PAGEBLOCKS]		= "pageblocks",
	[SHADOW_MM_A_ZONE_PCP]			= "pcp",
	[SHADOW_MM_A_ZONE_ALLOC_COUNT]		= "alloc-count",
	[SHADOW_MM_A_ZONE_FREE_COUNT]		= "free-count",
	[SHADOW_MM_A_ZONE_SPLIT_COUNT]		= "split-count",
	[SHADOW_MM_A_ZONE_MERGE_COUNT]		= "merge-count",
	[SHADOW_MM_A_ZONE_STEAL_COUNT]		= "steal-count",
	[SHADOW_MM_A_ZONE_FAIL_COUNT]		= "fail-count",
	[SHADOW_MM_A_ZONE_PAD]			= "pad",
};

static const struct smm_attr_set *const zone_nested[] = {
	[SHADOW_MM_A_ZONE_FREE_AREA]		= &smm_free_area_attr_set,
	[SHADOW_MM_A_ZONE_PAGEBLOCKS]		= &smm_pageblocks_attr_set,
	[SHADOW_MM_A_ZONE_PCP]			= &smm_pcp_attr_set,
	[SHADOW_MM_A_ZONE_PAD]			= NULL,
};

const struct smm_attr_set smm_zone_attr_set = {
	.name = "zone",
	.names = zone_attr_names,
	.max = ARRAY_SIZE(zone_attr_names) - 1,
	.nested = zone_nested,
	.multi = BIT(SHADOW_MM_A_ZONE_LOWMEM_RESERVE) |
		 BIT(SHADOW_MM_A_ZONE_FREE_AREA) |
		 BIT(SHADOW_MM_A_ZONE_PCP),
};

static const char *const page_attr_names[] = {
	[SHADOW_MM_A_PAGE_PFN]			= "pfn",
	[SHADOW_MM_A_PAGE_NODE]			= "node",
	[SHADOW_MM_A_PAGE_ZONE]			= "zone",
	[SHADOW_MM_A_PAGE_FLAGS]		= "flags",
	[SHADOW_MM_A_PAGE_ORDER]		= "order",
	[SHADOW_MM_A_PAGE_REFCOUNT]		= "refcount",
	[SHADOW_MM_A_PAGE_MAPCOUNT]		= "mapcount",
	[SHADOW_MM_A_PAGE_OWNER]		= "owner",
	[SHADOW_MM_A_PAGE_MIGRATETYPE]		= "migratetype",
	[SHADOW_MM_A_PAGE_PAD]			= "pad",
	[SHADOW_MM_A_PAGE_PACKED]		= "packed",
	[SHADOW_MM_A_PAGE_COUNT]		= "count",
	[SHADOW_MM_A_PAGE_FLAGS_ARRAY]		= "flags-array",
	[SHADOW_MM_A_PAGE_ORDER_ARRAY]		= "order-array",
	[SHADOW_MM_A_PAGE_REFCOUNT_ARRAY]	= "refcount-array",
	[SHADOW_MM_A_PAGE_MAPCOUNT_ARRAY]	= "mapcount-array",
	[SHADOW_MM_A_PAGE_OWNER_ARRAY]		= "owner-array",
	[SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY]	= "migratetype-array",
};

const struct smm_attr_set smm_page_attr_set = {
	.name = "page",
	.names = page_attr_names,
	.max = ARRAY_SIZE(page_attr_names) - 1,
};

static const char *const pages_attr_names[] = {
	[SHADOW_MM_A_PAGES_ORDER]		= "order",
	[SHADOW_MM_A_PAGES_ZONE]		= "zone",
	[SHADOW_MM_A_PAGES_NODE]		= "node",
	[SHADOW_MM_A_PAGES_MIGRATETYPE]		= "migratetype",
	[SHADOW_MM_A_PAGES_COUNT]		= "count",
	[SHADOW_MM_A_PAGES_ZERO]		= "zero",
	[SHADOW_MM_A_PAGES_OWNER]		= "owner",
	[SHADOW_MM_A_PAGES_PFN]			= "pfn",
	[SHADOW_MM_A_PAGES_PAD]			= "pad",
};

const struct smm_attr_set smm_pages_attr_set = {
	.name = "pages",
	.names = pages_attr_names,
	.max = ARRAY_SIZE(pages_attr_names) - 1,
	.multi = BIT(SHADOW_MM_A_PAGES_PFN),
};

static const char *const check_attr_names[] = {
	[SHADOW_MM_A_CHECK_VIOLATIONS]		= "violations",
	[SHADOW_MM_A_CHECK_MESSAGE]		= "message",
};

const struct smm_attr_set smm_check_attr_set = {
	.name = "check",
	.names = check_attr_names,
	.max = ARRAY_SIZE(check_attr_names) - 1,
	.multi = BIT(SHADOW_MM_A_CHECK_MESSAGE),
};

static const char *const owner_attr_names[] = {
	[SHADOW_MM_A_OWNER_NAME]		= "name",
	[SHADOW_MM_A_OWNER_BLOCKS]		= "blocks",
	[SHADOW_MM_A_OWNER_PAGES]		= "pages",
	[SHADOW_MM_A_OWNER_PAD]			= "pad",
	[SHADOW_MM_A_OWNER_ID]			= "id",
};

const struct smm_attr_set smm_owner_attr_set = {
	.name = "owner",
	.names = owner_attr_names,
	.max = ARRAY_SIZE(owner_attr_names) - 1,
};

static const char *const bench_attr_names[] = {
	[SHADOW_MM_A_BENCH_ORDER]		= "order",
	[SHADOW_MM_A_BENCH_COUNT]		= "count",
	[SHADOW_MM_A_BENCH_ZERO]		= "zero",
	[SHADOW_MM_A_BENCH_CPU]			= "cpu",
	[SHADOW_MM_A_BENCH_ROUNDS]		= "rounds",
	[SHADOW_MM_A_BENCH_SHADOW_NS]		= "shadow-ns",
	[SHADOW_MM_A_BENCH_HOST_NS]		= "host-ns",
	[SHADOW_MM_A_BENCH_SHADOW_ZERO_NS]	= "shadow-zero-ns",
	[SHADOW_MM_A_BENCH_HOST_ZERO_NS]	= "host-zero-ns",
	[SHADOW_MM_A_BENCH_HOST_DEBUG]		= "host-debug",
	[SHADOW_MM_A_BENCH_PAD]			= "pad",
};

const struct smm_attr_set smm_bench_attr_set = {
	.name = "bench",
	.names = bench_attr_names,
	.max = ARRAY_SIZE(bench_attr_names) - 1,
};

static const char *const region_attr_names[] = {
	[SHADOW_MM_A_REGION_VA]			= "va",
	[SHADOW_MM_A_REGION_LEN]		= "len",
	[SHADOW_MM_A_REGION_PROT]		= "prot",
	[SHADOW_MM_A_REGION_KIND]		= "kind",
	[SHADOW_MM_A_REGION_PFN]		= "pfn",
	[SHADOW_MM_A_REGION_PAD]		= "pad",
};

const struct smm_attr_set smm_region_attr_set = {
	.name = "region",
	.names = region_attr_names,
	.max = ARRAY_SIZE(region_attr_names) - 1,
};

static const char *const as_attr_names[] = {
	[SHADOW_MM_A_AS_ID]			= "id",
	[SHADOW_MM_A_AS_FORMAT]			= "format",
	[SHADOW_MM_A_AS_LEVELS]			= "levels",
	[SHADOW_MM_A_AS_VA_BITS]		= "va-bits",
	[SHADOW_MM_A_AS_ROOT]			= "root",
	[SHADOW_MM_A_AS_TABLE_PAGES]		= "table-pages",
	[SHADOW_MM_A_AS_MAPPED_BYTES]		= "mapped-bytes",
	[SHADOW_MM_A_AS_REGION]			= "region",
	[SHADOW_MM_A_AS_PAD]			= "pad",
	[SHADOW_MM_A_AS_MAIR]			= "mair",
};

static const struct smm_attr_set *const as_nested[] = {
	[SHADOW_MM_A_AS_REGION]			= &smm_region_attr_set,
	[SHADOW_MM_A_AS_MAIR]			= NULL,
};

const struct smm_attr_set smm_as_attr_set = {
	.name = "as",
	.names = as_attr_names,
	.max = ARRAY_SIZE(as_attr_names) - 1,
	.nested = as_nested,
	.multi = BIT(SHADOW_MM_A_AS_REGION),
};

static const char *const map_attr_names[] = {
	[SHADOW_MM_A_MAP_AS]			= "as",
	[SHADOW_MM_A_MAP_VA]			= "va",
	[SHADOW_MM_A_MAP_LEN]			= "len",
	[SHADOW_MM_A_MAP_PROT]			= "prot",
	[SHADOW_MM_A_MAP_PFN]			= "pfn",
	[SHADOW_MM_A_MAP_DEMAND]		= "demand",
	[SHADOW_MM_A_MAP_SMALL]			= "small",
	[SHADOW_MM_A_MAP_PAD]			= "pad",
	[SHADOW_MM_A_MAP_TABLES]		= "tables",
	[SHADOW_MM_A_MAP_BLOCKS]		= "blocks",
	[SHADOW_MM_A_MAP_PAGES]			= "pages",
};

const struct smm_attr_set smm_map_attr_set = {
	.name = "map",
	.names = map_attr_names,
	.max = ARRAY_SIZE(map_attr_names) - 1,
};

static const char *const pt_field_attr_names[] = {
	[SHADOW_MM_A_PT_FIELD_NAME]		= "name",
	[SHADOW_MM_A_PT_FIELD_VALUE]		= "value",
	[SHADOW_MM_A_PT_FIELD_TEXT]		= "text",
	[SHADOW_MM_A_PT_FIELD_PAD]		= "pad",
};

const struct smm_attr_set smm_pt_field_attr_set = {
	.name = "pt-field",
	.names = pt_field_attr_names,
	.max = ARRAY_SIZE(pt_field_attr_names) - 1,
};

static const char *const walk_level_attr_names[] = {
	[SHADOW_MM_A_WALK_LEVEL_LEVEL]		= "level",
	[SHADOW_MM_A_WALK_LEVEL_NAME]		= "name",
	[SHADOW_MM_A_WALK_LEVEL_TABLE]		= "table",
	[SHADOW_MM_A_WALK_LEVEL_INDEX]		= "index",
	[SHADOW_MM_A_WALK_LEVEL_SHIFT]		= "shift",
	[SHADOW_MM_A_WALK_LEVEL_BITS]		= "bits",
	[SHADOW_MM_A_WALK_LEVEL_RAW]		= "raw",
	[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]	= "raw-linux",
	[SHADOW_MM_A_WALK_LEVEL_KIND]		= "kind",
	[SHADOW_MM_A_WALK_LEVEL_ADDR]		= "addr",
	[SHADOW_MM_A_WALK_LEVEL_SIZE]		= "size",
	[SHADOW_MM_A_WALK_LEVEL_FIELD]		= "field",
	[SHADOW_MM_A_WALK_LEVEL_PAD]		= "pad",
	[SHADOW_MM_A_WALK_LEVEL_DESC_ADDR]	= "desc-addr",
};

static const struct smm_attr_set *const walk_level_nested[] = {
	[SHADOW_MM_A_WALK_LEVEL_FIELD]		= &smm_pt_field_attr_set,
	[SHADOW_MM_A_WALK_LEVEL_DESC_ADDR]	= NULL,
};

const struct smm_attr_set smm_walk_level_attr_set = {
	.name = "walk-level",
	.names = walk_level_attr_names,
	.max = ARRAY_SIZE(walk_level_attr_names) - 1,
	.nested = walk_level_nested,
	.multi = BIT(SHADOW_MM_A_WALK_LEVEL_FIELD),
};

static const char *const walk_attr_names[] = {
	[SHADOW_MM_A_WALK_AS]			= "as",
	[SHADOW_MM_A_WALK_PID]			= "pid",
	[SHADOW_MM_A_WALK_KERNEL]		= "kernel",
	[SHADOW_MM_A_WALK_VA]			= "va",
	[SHADOW_MM_A_WALK_LEN]			= "len",
	[SHADOW_MM_A_WALK_FORMAT]		= "format",
	[SHADOW_MM_A_WALK_LEVELS]		= "levels",
	[SHADOW_MM_A_WALK_LEVEL]		= "level",
	[SHADOW_MM_A_WALK_PA]			= "pa",
	[SHADOW_MM_A_WALK_SIZE]			= "size",
	[SHADOW_MM_A_WALK_PROT]			= "prot",
	[SHADOW_MM_A_WALK_FAULT]		= "fault",
	[SHADOW_MM_A_WALK_FAULT_LEVEL]		= "fault-level",
	[SHADOW_MM_A_WALK_PAGE_FLAGS]		= "page-flags",
	[SHADOW_MM_A_WALK_PAGE_OWNER]		= "page-owner",
	[SHADOW_MM_A_WALK_PAGE_REFCOUNT]	= "page-refcount",
	[SHADOW_MM_A_WALK_PAGE_MAPCOUNT]	= "page-mapcount",
	[SHADOW_MM_A_WALK_PAGE_ZONE]		= "page-zone",
	[SHADOW_MM_A_WALK_PAGE_NODE]		= "page-node",
	[SHADOW_MM_A_WALK_VMA_START]		= "vma-start",
	[SHADOW_MM_A_WALK_VMA_END]		= "vma-end",
	[SHADOW_MM_A_WALK_VMA_FLAGS]		= "vma-flags",
	[SHADOW_MM_A_WALK_VMA_NAME]		= "vma-name",
	[SHADOW_MM_A_WALK_HW_PA]		= "hw-pa",
	[SHADOW_MM_A_WALK_HW_PAR]		= "hw-par",
	[SHADOW_MM_A_WALK_VA_END]		= "va-end",
	[SHADOW_MM_A_WALK_ATTRS]		= "attrs",
	[SHADOW_MM_A_WALK_PAD]			= "pad",
	[SHADOW_MM_A_WALK_ACCESS]		= "access",
	[SHADOW_MM_A_WALK_USER]			= "user",
	[SHADOW_MM_A_WALK_FIXUP]		= "fixup",
	[SHADOW_MM_A_WALK_PAGES]		= "pages",
};

static const struct smm_attr_set *const walk_nested[] = {
	[SHADOW_MM_A_WALK_LEVEL]		= &smm_walk_level_attr_set,
	[SHADOW_MM_A_WALK_PAGES]		= NULL,
};

const struct smm_attr_set smm_walk_attr_set = {
	.name = "walk",
	.names = walk_attr_names,
	.max = ARRAY_SIZE(walk_attr_names) - 1,
	.nested = walk_nested,
	.multi = BIT(SHADOW_MM_A_WALK_LEVEL),
};

static const char *const bench_pt_attr_names[] = {
	[SHADOW_MM_A_BENCH_PT_COUNT]		= "count",
	[SHADOW_MM_A_BENCH_PT_ROUNDS]		= "rounds",
	[SHADOW_MM_A_BENCH_PT_CPU]		= "cpu",
	[SHADOW_MM_A_BENCH_PT_FORMAT]		= "format",
	[SHADOW_MM_A_BENCH_PT_LEVELS]		= "levels",
	[SHADOW_MM_A_BENCH_PT_WALK_SHADOW_NS]	= "walk-shadow-ns",
	[SHADOW_MM_A_BENCH_PT_WALK_HOST_NS]	= "walk-host-ns",
	[SHADOW_MM_A_BENCH_PT_MAP_SHADOW_NS]	= "map-shadow-ns",
	[SHADOW_MM_A_BENCH_PT_MAP_HOST_NS]	= "map-host-ns",
	[SHADOW_MM_A_BENCH_PT_UNMAP_SHADOW_NS]	= "unmap-shadow-ns",
	[SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS]	= "unmap-host-ns",
	[SHADOW_MM_A_BENCH_PT_PAD]		= "pad",
};

const struct smm_attr_set smm_bench_pt_attr_set = {
	.name = "bench-pt",
	.names = bench_pt_attr_names,
	.max = ARRAY_SIZE(bench_pt_attr_names) - 1,
};

static const char *const event_attr_names[] = {
	[SHADOW_MM_A_EVENT_TYPE]		= "type",
	[SHADOW_MM_A_EVENT_SEQ]			= "seq",
	[SHADOW_MM_A_EVENT_DROPPED]		= "dropped",
	[SHADOW_MM_A_EVENT_PFN]			= "pfn",
	[SHADOW_MM_A_EVENT_ORDER]		= "order",
	[SHADOW_MM_A_EVENT_NODE]		= "node",
	[SHADOW_MM_A_EVENT_ZONE]		= "zone",
	[SHADOW_MM_A_EVENT_MIGRATETYPE]		= "migratetype",
	[SHADOW_MM_A_EVENT_OLD_MIGRATETYPE]	= "old-migratetype",
	[SHADOW_MM_A_EVENT_OWNER]		= "owner",
	[SHADOW_MM_A_EVENT_CPU]			= "cpu",
	[SHADOW_MM_A_EVENT_PAD]			= "pad",
	[SHADOW_MM_A_EVENT_DMA_ID]		= "dma-id",
	[SHADOW_MM_A_EVENT_DMA_ADDR]		= "dma-addr",
	[SHADOW_MM_A_EVENT_DMA_SIZE]		= "dma-size",
	[SHADOW_MM_A_EVENT_DMA_DIR]		= "dma-dir",
	[SHADOW_MM_A_EVENT_DMA_KIND]		= "dma-kind",
	[SHADOW_MM_A_EVENT_DMA_CHECK]		= "dma-check",
	[SHADOW_MM_A_EVENT_DMA_BOUNCED]		= "dma-bounced",
	[SHADOW_MM_A_EVENT_DMABUF_ID]		= "dmabuf-id",
	[SHADOW_MM_A_EVENT_DMABUF_DEVICE]	= "dmabuf-device",
};

const struct smm_attr_set smm_event_attr_set = {
	.name = "event",
	.names = event_attr_names,
	.max = ARRAY_SIZE(event_attr_names) - 1,
};

static const char *const dma_dev_attr_names[] = {
	[SHADOW_MM_A_DMA_DEV_NAME]		= "name",
	[SHADOW_MM_A_DMA_DEV_VENDOR]		= "vendor",
	[SHADOW_MM_A_DMA_DEV_DEVICE]		= "device",
	[SHADOW_MM_A_DMA_DEV_REVISION]		= "revision",
	[SHADOW_MM_A_DMA_DEV_ID_REG]		= "id-reg",
	[SHADOW_MM_A_DMA_DEV_IRQ_MODE]		= "irq-mode",
	[SHADOW_MM_A_DMA_DEV_IRQ]		= "irq",
	[SHADOW_MM_A_DMA_DEV_IRQS]		= "irqs",
	[SHADOW_MM_A_DMA_DEV_MASK_BITS]		= "mask-bits",
	[SHADOW_MM_A_DMA_DEV_MASK]		= "mask",
	[SHADOW_MM_A_DMA_DEV_COHERENT_MASK]	= "coherent-mask",
	[SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN]	= "iommu-domain",
	[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP]	= "iommu-group",
	[SHADOW_MM_A_DMA_DEV_COHERENT]		= "coherent",
	[SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE]	= "reachable-zone",
	[SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE]	= "bounce-size",
	[SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT]	= "bounce-slot",
	[SHADOW_MM_A_DMA_DEV_BOUNCE_PA]		= "bounce-pa",
	[SHADOW_MM_A_DMA_DEV_BOUNCE_USED]	= "bounce-used",
	[SHADOW_MM_A_DMA_DEV_BOUNCED]		= "bounced",
	[SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES]	= "bounce-bytes",
	[SHADOW_MM_A_DMA_DEV_MAPPINGS]		= "mappings",
	[SHADOW_MM_A_DMA_DEV_XFERS]		= "xfers",
	[SHADOW_MM_A_DMA_DEV_XFER_BYTES]	= "xfer-bytes",
	[SHADOW_MM_A_DMA_DEV_WINDOW]		= "window",
	[SHADOW_MM_A_DMA_DEV_WINDOW_SIZE]	= "window-size",
	[SHADOW_MM_A_DMA_DEV_PAD]		= "pad",
};

const struct smm_attr_set smm_dma_dev_attr_set = {
	.name = "dma-dev",
	.names = dma_dev_attr_names,
	.max = ARRAY_SIZE(dma_dev_attr_names) - 1,
};

static const char *const dma_seg_attr_names[] = {
	[SHADOW_MM_A_DMA_SEG_INDEX]		= "index",
	[SHADOW_MM_A_DMA_SEG_PA]		= "pa",
	[SHADOW_MM_A_DMA_SEG_LEN]		= "len",
	[SHADOW_MM_A_DMA_SEG_DMA_ADDR]		= "dma-addr",
	[SHADOW_MM_A_DMA_SEG_BOUNCE_PA]		= "bounce-pa",
	[SHADOW_MM_A_DMA_SEG_PAD]		= "pad",
};

const struct smm_attr_set smm_dma_seg_attr_set = {
	.name = "dma-seg",
	.names = dma_seg_attr_names,
	.max = ARRAY_SIZE(dma_seg_attr_names) - 1,
};

static const char *const dma_attr_names[] = {
	[SHADOW_MM_A_DMA_ID]			= "id",
	[SHADOW_MM_A_DMA_KIND]			= "kind",
	[SHADOW_MM_A_DMA_DIR]			= "dir",
	[SHADOW_MM_A_DMA_SIZE]			= "size",
	[SHADOW_MM_A_DMA_ZONE]			= "zone",
	[SHADOW_MM_A_DMA_NODE]			= "node",
	[SHADOW_MM_A_DMA_UNCHECKED]		= "unchecked",
	[SHADOW_MM_A_DMA_DMA_ADDR]		= "dma-addr",
	[SHADOW_MM_A_DMA_PA]			= "pa",
	[SHADOW_MM_A_DMA_BOUNCED]		= "bounced",
	[SHADOW_MM_A_DMA_NENTS]			= "nents",
	[SHADOW_MM_A_DMA_MAPPED_NENTS]		= "mapped-nents",
	[SHADOW_MM_A_DMA_SEG]			= "seg",
	[SHADOW_MM_A_DMA_SYNC]			= "sync",
	[SHADOW_MM_A_DMA_OFFSET]		= "offset",
	[SHADOW_MM_A_DMA_PAGES]			= "pages",
	[SHADOW_MM_A_DMA_PAD]			= "pad",
};

static const struct smm_attr_set *const dma_nested[] = {
	[SHADOW_MM_A_DMA_SEG]			= &smm_dma_seg_attr_set,
	[SHADOW_MM_A_DMA_PAD]			= NULL,
};

const struct smm_attr_set smm_dma_attr_set = {
	.name = "dma",
	.names = dma_attr_names,
	.max = ARRAY_SIZE(dma_attr_names) - 1,
	.nested = dma_nested,
	.multi = BIT(SHADOW_MM_A_DMA_SEG),
};

static const char *const dma_xfer_attr_names[] = {
	[SHADOW_MM_A_DMA_XFER_SRC]		= "src",
	[SHADOW_MM_A_DMA_XFER_DST]		= "dst",
	[SHADOW_MM_A_DMA_XFER_OFFSET]		= "offset",
	[SHADOW_MM_A_DMA_XFER_SIZE]		= "size",
	[SHADOW_MM_A_DMA_XFER_SEED]		= "seed",
	[SHADOW_MM_A_DMA_XFER_BYTES]		= "bytes",
	[SHADOW_MM_A_DMA_XFER_COMMANDS]		= "commands",
	[SHADOW_MM_A_DMA_XFER_SRC_DMA]		= "src-dma",
	[SHADOW_MM_A_DMA_XFER_DST_DMA]		= "dst-dma",
	[SHADOW_MM_A_DMA_XFER_BOUNCED]		= "bounced",
	[SHADOW_MM_A_DMA_XFER_DEVICE_NS]	= "device-ns",
	[SHADOW_MM_A_DMA_XFER_PAD]		= "pad",
	[SHADOW_MM_A_DMA_XFER_COPY]		= "copy",
	[SHADOW_MM_A_DMA_XFER_DST_OFFSET]	= "dst-offset",
};

const struct smm_attr_set smm_dma_xfer_attr_set = {
	.name = "dma-xfer",
	.names = dma_xfer_attr_names,
	.max = ARRAY_SIZE(dma_xfer_attr_names) - 1,
};

static const char *const dma_check_count_attr_names[] = {
	[SHADOW_MM_A_DMA_CHECK_COUNT_CHECK]	= "check",
	[SHADOW_MM_A_DMA_CHECK_COUNT_COUNT]	= "count",
	[SHADOW_MM_A_DMA_CHECK_COUNT_PAD]	= "pad",
};

const struct smm_attr_set smm_dma_check_count_attr_set = {
	.name = "dma-check-count",
	.names = dma_check_count_attr_names,
	.max = ARRAY_SIZE(dma_check_count_attr_names) - 1,
};

static const char *const dma_error_attr_names[] = {
	[SHADOW_MM_A_DMA_ERROR_SEQ]		= "seq",
	[SHADOW_MM_A_DMA_ERROR_CHECK]		= "check",
	[SHADOW_MM_A_DMA_ERROR_DMA_ADDR]	= "dma-addr",
	[SHADOW_MM_A_DMA_ERROR_SIZE]		= "size",
	[SHADOW_MM_A_DMA_ERROR_DIR]		= "dir",
	[SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE]	= "mapped-size",
	[SHADOW_MM_A_DMA_ERROR_MAPPED_DIR]	= "mapped-dir",
	[SHADOW_MM_A_DMA_ERROR_SITE]		= "site",
	[SHADOW_MM_A_DMA_ERROR_MESSAGE]		= "message",
	[SHADOW_MM_A_DMA_ERROR_COUNTS]		= "counts",
	[SHADOW_MM_A_DMA_ERROR_TOTAL]		= "total",
	[SHADOW_MM_A_DMA_ERROR_LOST]		= "lost",
	[SHADOW_MM_A_DMA_ERROR_PAD]		= "pad",
};

static const struct smm_attr_set *const dma_error_nested[] = {
	[SHADOW_MM_A_DMA_ERROR_COUNTS]		= &smm_dma_check_count_attr_set,
	[SHADOW_MM_A_DMA_ERROR_PAD]		= NULL,
};

const struct smm_attr_set smm_dma_error_attr_set = {
	.name = "dma-error",
	.names = dma_error_attr_names,
	.max = ARRAY_SIZE(dma_error_attr_names) - 1,
	.nested = dma_error_nested,
	.multi = BIT(SHADOW_MM_A_DMA_ERROR_COUNTS),
};

static const char *const dmabuf_attach_attr_names[] = {
	[SHADOW_MM_A_DMABUF_ATTACH_DEVICE]	= "device",
	[SHADOW_MM_A_DMABUF_ATTACH_DRIVER]	= "driver",
	[SHADOW_MM_A_DMABUF_ATTACH_MAPS]	= "maps",
	[SHADOW_MM_A_DMABUF_ATTACH_MAPPED]	= "mapped",
	[SHADOW_MM_A_DMABUF_ATTACH_DIR]		= "dir",
	[SHADOW_MM_A_DMABUF_ATTACH_NENTS]	= "nents",
	[SHADOW_MM_A_DMABUF_ATTACH_BOUNCED]	= "bounced",
};

const struct smm_attr_set smm_dmabuf_attach_attr_set = {
	.name = "dmabuf-attach",
	.names = dmabuf_attach_attr_names,
	.max = ARRAY_SIZE(dmabuf_attach_attr_names) - 1,
};

static const char *const dmabuf_attr_names[] = {
	[SHADOW_MM_A_DMABUF_ID]			= "id",
	[SHADOW_MM_A_DMABUF_SIZE]		= "size",
	[SHADOW_MM_A_DMABUF_PAGES]		= "pages",
	[SHADOW_MM_A_DMABUF_ZONE]		= "zone",
	[SHADOW_MM_A_DMABUF_NODE]		= "node",
	[SHADOW_MM_A_DMABUF_CONTIGUOUS]		= "contiguous",
	[SHADOW_MM_A_DMABUF_PA]			= "pa",
	[SHADOW_MM_A_DMABUF_CHUNKS]		= "chunks",
	[SHADOW_MM_A_DMABUF_OWNER]		= "owner",
	[SHADOW_MM_A_DMABUF_NAME]		= "name",
	[SHADOW_MM_A_DMABUF_INODE]		= "inode",
	[SHADOW_MM_A_DMABUF_MMAPS]		= "mmaps",
	[SHADOW_MM_A_DMABUF_VMAPS]		= "vmaps",
	[SHADOW_MM_A_DMABUF_ATTACH]		= "attach",
	[SHADOW_MM_A_DMABUF_FD]			= "fd",
	[SHADOW_MM_A_DMABUF_TARGET]		= "target",
	[SHADOW_MM_A_DMABUF_AS]			= "as",
	[SHADOW_MM_A_DMABUF_VA]			= "va",
	[SHADOW_MM_A_DMABUF_DMA_ID]		= "dma-id",
	[SHADOW_MM_A_DMABUF_PAD]		= "pad",
	[SHADOW_MM_A_DMABUF_BLOCKS]		= "blocks",
};

static const struct smm_attr_set *const dmabuf_nested[] = {
	[SHADOW_MM_A_DMABUF_ATTACH]		= &smm_dmabuf_attach_attr_set,
	[SHADOW_MM_A_DMABUF_PAD]		= NULL,
};

const struct smm_attr_set smm_dmabuf_attr_set = {
	.name = "dmabuf",
	.names = dmabuf_attr_names,
	.max = ARRAY_SIZE(dmabuf_attr_names) - 1,
	.nested = dmabuf_nested,
	.multi = BIT(SHADOW_MM_A_DMABUF_ATTACH),
};

/**
 * smm_attr_name() - the name of an attribute
 * @set: its attribute set
 * @type: its type (nla_type(), flags masked off)
 *
 * Return: the name, or NULL for a type this smm does not know.
 */
const char *smm_attr_name(const struct smm_attr_set *set, unsigned int type)
{
	if (!set || type > set->max)
		return NULL;
	return set->names[type];
}

static bool is_multi(const struct smm_attr_set *set, unsigned int type)
{
	return set && type < 64 && (set->multi & (1ULL << type));
}

static const struct smm_attr_set *nested_set(const struct smm_attr_set *set,
					     unsigned int type)
{
	if (!set || !set->nested || type > set->max)
		return NULL;
	return set->nested[type];
}

/* Appends to @buf (@size bytes), never past its end. */
__printf(3, 4)
static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strnlen(buf, size);
	va_list ap;

	if (used + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* Counts the attributes of type @type before byte @end of @attrs. */
static unsigned int index_of(const unsigned char *attrs, size_t end,
			     unsigned int type)
{
	struct nlattr nla;
	unsigned int n = 0;
	size_t pos = 0;

	while (pos + NLA_HDRLEN <= end) {
		memcpy(&nla, attrs + pos, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN)
			break;
		if ((nla.nla_type & NLA_TYPE_MASK) == type)
			n++;
		pos += NLA_ALIGN(nla.nla_len);
	}
	return n;
}

static bool attr_path(const struct smm_attr_set *set,
		      const unsigned char *attrs, size_t len, size_t offs,
		      char *buf, size_t size,
		      const struct smm_attr_set **inner)
{
	const struct smm_attr_set *child;
	struct nlattr nla;
	unsigned int type;
	const char *name;
	size_t pos = 0;

	while (pos + NLA_HDRLEN <= len) {
		memcpy(&nla, attrs + pos, sizeof(nla));
		/* A truncated attribute can still be the one pointed at. */
		if (offs >= pos && (offs < pos + nla.nla_len ||
				    offs < pos + NLA_HDRLEN))
			break;
		if (nla.nla_len < NLA_HDRLEN)
			return false;
		pos += NLA_ALIGN(nla.nla_len);
	}
	if (pos + NLA_HDRLEN > len)
		return false;

	type = nla.nla_type & NLA_TYPE_MASK;
	name = smm_attr_name(set, type);
	if (name)
		append(buf, size, "%s", name);
	else
		append(buf, size, "%u", type);
	if (is_multi(set, type))
		append(buf, size, "[%u]", index_of(attrs, pos, type));

	child = nested_set(set, type);
	*inner = child;
	if (child && offs >= pos + NLA_HDRLEN && nla.nla_len <= len - pos) {
		size_t at = strnlen(buf, size);

		append(buf, size, ".");
		if (!attr_path(child, attrs + pos + NLA_HDRLEN,
			       nla.nla_len - NLA_HDRLEN,
			       offs - pos - NLA_HDRLEN, buf, size, inner)) {
			/* Inside the nest but in no attribute of it. */
			buf[at] = '\0';
			*inner = child;
		}
	}
	return true;
}

/**
 * smm_attr_path() - name the attribute that holds a byte of a request
 * @set: the attribute set of the top-level attributes
 * @attrs: the first top-level attribute
 * @len: bytes from @attrs to the end of the request
 * @offs: the byte, counted from @attrs
 * @buf: where the name goes: "debug", "pfn[2]" (the third pfn of a
 *	multi-attr), "free-area[1].order" (inside a nest), "42" (a type
 *	this smm has no name for)
 * @size: size of @buf
 * @inner: set to the attribute set the named attribute holds when it is a
 *	nest (for a missing attribute reported inside it), else NULL
 *
 * The kernel's extended ACK points at a request attribute by its offset;
 * this walks the request as sent, so it needs no knowledge of the op.
 *
 * Return: true when some attribute holds @offs (@buf is then set).
 */
bool smm_attr_path(const struct smm_attr_set *set, const void *attrs,
		   size_t len, size_t offs, char *buf, size_t size,
		   const struct smm_attr_set **inner)
{
	const struct smm_attr_set *dummy;

	if (!size)
		return false;
	buf[0] = '\0';
	if (!inner)
		inner = &dummy;
	*inner = NULL;
	return attr_path(set, attrs, len, offs, buf, size, inner);
}

static const char *const pt_format_names[] = {
	[SHADOW_MM_PT_FORMAT_ARM]	= "arm",
	[SHADOW_MM_PT_FORMAT_ARM_LPAE]	= "arm-lpae",
	[SHADOW_MM_PT_FORMAT_ARM64]	= "arm64",
	[SHADOW_MM_PT_FORMAT_X86_64]	= "x86_64",
};

/**
 * smm_pt_format_name() - the name of a page-table format
 * @format: an enum shadow_mm_pt_format value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_pt_format_name(__u32 format)
{
	if (format >= ARRAY_SIZE(pt_format_names))
		return NULL;
	return pt_format_names[format];
}

static const char *const zone_type_names[] = {
	[SHADOW_MM_ZONE_TYPE_DMA]	= "dma",
	[SHADOW_MM_ZONE_TYPE_DMA32]	= "dma32",
	[SHADOW_MM_ZONE_TYPE_NORMAL]	= "normal",
	[SHADOW_MM_ZONE_TYPE_HIGHMEM]	= "highmem",
	[SHADOW_MM_ZONE_TYPE_MOVABLE]	= "movable",
};

/* The kernel's zone_names[] of mm/page_alloc.c. */
static const char *const zone_type_knames[] = {
	[SHADOW_MM_ZONE_TYPE_DMA]	= "DMA",
	[SHADOW_MM_ZONE_TYPE_DMA32]	= "DMA32",
	[SHADOW_MM_ZONE_TYPE_NORMAL]	= "Normal",
	[SHADOW_MM_ZONE_TYPE_HIGHMEM]	= "HighMem",
	[SHADOW_MM_ZONE_TYPE_MOVABLE]	= "Movable",
};

/**
 * smm_zone_type_name() - the spec's name of a zone type ("dma32")
 * @type: an enum shadow_mm_zone_type value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_zone_type_name(__u32 type)
{
	if (type >= ARRAY_SIZE(zone_type_names))
		return NULL;
	return zone_type_names[type];
}

/**
 * smm_zone_type_kname() - the kernel's name of a zone type ("DMA32")
 * @type: an enum shadow_mm_zone_type value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_zone_type_kname(__u32 type)
{
	if (type >= ARRAY_SIZE(zone_type_knames))
		return NULL;
	return zone_type_knames[type];
}

static const char *const migratetype_names[] = {
	[SHADOW_MM_MIGRATETYPE_UNMOVABLE]	= "unmovable",
	[SHADOW_MM_MIGRATETYPE_MOVABLE]		= "movable",
	[SHADOW_MM_MIGRATETYPE_RECLAIMABLE]	= "reclaimable",
	[SHADOW_MM_MIGRATETYPE_HIGHATOMIC]	= "highatomic",
	[SHADOW_MM_MIGRATETYPE_ISOLATE]		= "isolate",
};

/* The kernel's migratetype_names[] of mm/page_alloc.c. */
static const char *const migratetype_knames[] = {
	[SHADOW_MM_MIGRATETYPE_UNMOVABLE]	= "Unmovable",
	[SHADOW_MM_MIGRATETYPE_MOVABLE]		= "Movable",
	[SHADOW_MM_MIGRATETYPE_RECLAIMABLE]	= "Reclaimable",
	[SHADOW_MM_MIGRATETYPE_HIGHATOMIC]	= "HighAtomic",
	[SHADOW_MM_MIGRATETYPE_ISOLATE]		= "Isolate",
};

/**
 * smm_migratetype_name() - the spec's name of a migrate type ("movable")
 * @mt: an enum shadow_mm_migratetype value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_migratetype_name(__u32 mt)
{
	if (mt >= ARRAY_SIZE(migratetype_names))
		return NULL;
	return migratetype_names[mt];
}

/**
 * smm_migratetype_kname() - the kernel's name of a migrate type ("Movable")
 * @mt: an enum shadow_mm_migratetype value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_migratetype_kname(__u32 mt)
{
	if (mt >= ARRAY_SIZE(migratetype_knames))
		return NULL;
	return migratetype_knames[mt];
}

/* By bit number: enum shadow_mm_page_flags is BIT(0), BIT(1), ... */
static const char *const page_flag_names[] = {
	"buddy", "reserved", "head", "tail", "pcp", "lru", "active",
	"referenced", "dirty", "swapbacked", "isolated",
};

/**
 * smm_page_flag_name() - the spec's name of a page flag
 * @bit: the flag's bit number (SHADOW_MM_PAGE_FLAGS_HEAD is bit 2)
 *
 * Return: the name, or NULL for a bit this smm does not know.
 */
const char *smm_page_flag_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(page_flag_names))
		return NULL;
	return page_flag_names[bit];
}

/**
 * smm_page_flags_text() - page flags as "head,lru"
 * @flags: enum shadow_mm_page_flags bits
 * @buf: where the text goes
 * @size: size of @buf
 *
 * Unknown bits show as one hex value ("head,0x800"); no flag is "none".
 *
 * Return: @buf.
 */
const char *smm_page_flags_text(__u32 flags, char *buf, size_t size)
{
	__u32 unknown = 0;
	unsigned int bit;
	const char *name;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (bit = 0; bit < 32; bit++) {
		if (!(flags & (1U << bit)))
			continue;
		name = smm_page_flag_name(bit);
		if (!name) {
			unknown |= 1U << bit;
			continue;
		}
		append(buf, size, "%s%s", buf[0] ? "," : "", name);
	}
	if (unknown)
		append(buf, size, "%s0x%x", buf[0] ? "," : "", unknown);
	if (!buf[0])
		append(buf, size, "none");
	return buf;
}

/* Letters of enum shadow_mm_prot, by bit: mmap()'s and "u" for user. */
static const char prot_letters[] = "rwxu";

static const char *const prot_names[] = {
	"read", "write", "exec", "user",
};

/**
 * smm_prot_name() - the spec's name of a protection bit
 * @bit: the bit number (SHADOW_MM_PROT_EXEC is bit 2)
 *
 * Return: the name, or NULL for a bit this smm does not know.
 */
const char *smm_prot_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(prot_names))
		return NULL;
	return prot_names[bit];
}

/**
 * smm_prot_text() - protections as four letters, "rw-u"
 * @prot: enum shadow_mm_prot bits
 * @buf: where the text goes, at least 5 bytes for known bits
 * @size: size of @buf
 *
 * A letter per bit, in the order r w x u, '-' where it is clear, like
 * /proc/PID/maps; unknown bits follow as hex ("r---+0x10").
 *
 * Return: @buf.
 */
const char *smm_prot_text(__u32 prot, char *buf, size_t size)
{
	__u32 unknown = prot & ~((1U << (sizeof(prot_letters) - 1)) - 1);
	unsigned int bit;

	if (!size)
		return buf;
	buf[0] = '\0';
	for (bit = 0; bit < sizeof(prot_letters) - 1; bit++)
		append(buf, size, "%c",
		       prot & (1U << bit) ? prot_letters[bit] : '-');
	if (unknown)
		append(buf, size, "+0x%x", unknown);
	return buf;
}

/* The names of the page-table enums, by value; index 0 is no value. */
static const char *const region_kind_names[] = {
	[SHADOW_MM_REGION_KIND_PAGES]	= "pages",
	[SHADOW_MM_REGION_KIND_PFN]	= "pfn",
	[SHADOW_MM_REGION_KIND_DEMAND]	= "demand",
};

static const char *const access_names[] = {
	[SHADOW_MM_ACCESS_READ]		= "read",
	[SHADOW_MM_ACCESS_WRITE]	= "write",
	[SHADOW_MM_ACCESS_EXEC]		= "exec",
};

static const char *const fault_names[] = {
	[SHADOW_MM_FAULT_TRANSLATION]	= "translation",
	[SHADOW_MM_FAULT_ACCESS_FLAG]	= "access-flag",
	[SHADOW_MM_FAULT_PERMISSION]	= "permission",
};

static const char *const fixup_names[] = {
	[SHADOW_MM_FIXUP_DEMAND_MAP]	= "demand-map",
	[SHADOW_MM_FIXUP_SET_YOUNG]	= "set-young",
	[SHADOW_MM_FIXUP_SET_DIRTY]	= "set-dirty",
};

static const char *const entry_kind_names[] = {
	[SHADOW_MM_ENTRY_KIND_INVALID]	= "invalid",
	[SHADOW_MM_ENTRY_KIND_TABLE]	= "table",
	[SHADOW_MM_ENTRY_KIND_BLOCK]	= "block",
	[SHADOW_MM_ENTRY_KIND_PAGE]	= "page",
};

static const char *const dma_dir_names[] = {
	[SHADOW_MM_DMA_DIR_BIDIRECTIONAL]	= "bidirectional",
	[SHADOW_MM_DMA_DIR_TO_DEVICE]		= "to-device",
	[SHADOW_MM_DMA_DIR_FROM_DEVICE]		= "from-device",
};

static const char *const dma_kind_names[] = {
	[SHADOW_MM_DMA_KIND_COHERENT]	= "coherent",
	[SHADOW_MM_DMA_KIND_SINGLE]	= "single",
	[SHADOW_MM_DMA_KIND_SG]		= "sg",
	[SHADOW_MM_DMA_KIND_DMABUF]	= "dmabuf",
};

static const char *const dma_sync_names[] = {
	[SHADOW_MM_DMA_SYNC_FOR_CPU]	= "for-cpu",
	[SHADOW_MM_DMA_SYNC_FOR_DEVICE]	= "for-device",
};

static const char *const dma_irq_names[] = {
	[SHADOW_MM_DMA_IRQ_MSI]		= "msi",
	[SHADOW_MM_DMA_IRQ_INTX]	= "intx",
};

static const char *const iommu_domain_names[] = {
	[SHADOW_MM_IOMMU_DOMAIN_NONE]		= "none",
	[SHADOW_MM_IOMMU_DOMAIN_IDENTITY]	= "identity",
	[SHADOW_MM_IOMMU_DOMAIN_DMA]		= "dma",
	[SHADOW_MM_IOMMU_DOMAIN_DMA_FQ]		= "dma-fq",
	[SHADOW_MM_IOMMU_DOMAIN_BLOCKED]	= "blocked",
	[SHADOW_MM_IOMMU_DOMAIN_UNMANAGED]	= "unmanaged",
	[SHADOW_MM_IOMMU_DOMAIN_OTHER]		= "other",
};

static const char *const dma_check_names[] = {
	[SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN]	= "unmap-unknown",
	[SHADOW_MM_DMA_CHECK_UNMAP_SIZE]	= "unmap-size",
	[SHADOW_MM_DMA_CHECK_UNMAP_DIR]		= "unmap-dir",
	[SHADOW_MM_DMA_CHECK_UNMAP_KIND]	= "unmap-kind",
	[SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP]	= "double-unmap",
	[SHADOW_MM_DMA_CHECK_SYNC_UNKNOWN]	= "sync-unknown",
	[SHADOW_MM_DMA_CHECK_SYNC_BEYOND]	= "sync-beyond",
	[SHADOW_MM_DMA_CHECK_SYNC_DIR]		= "sync-dir",
	[SHADOW_MM_DMA_CHECK_UNCHECKED]		= "unchecked",
	[SHADOW_MM_DMA_CHECK_HELD_AT_UNBIND]	= "held-at-unbind",
	[SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD]	= "held-at-unload",
};

static const char *const dmabuf_target_names[] = {
	[SHADOW_MM_DMABUF_TARGET_EDU]	= "edu",
	[SHADOW_MM_DMABUF_TARGET_AS]	= "as",
};

static const char *name_of(const char *const *names, size_t n, __u32 value)
{
	return value < n ? names[value] : NULL;
}

/**
 * smm_region_kind_name() - the spec's name of a region kind ("demand")
 * @kind: an enum shadow_mm_region_kind value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_region_kind_name(__u32 kind)
{
	return name_of(region_kind_names, ARRAY_SIZE(region_kind_names), kind);
}

/**
 * smm_access_name() - the spec's name of an access ("write")
 * @access: an enum shadow_mm_access value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_access_name(__u32 access)
{
	return name_of(access_names, ARRAY_SIZE(access_names), access);
}

/**
 * smm_fault_name() - the spec's name of a fault ("access-flag")
 * @fault: an enum shadow_mm_fault value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_fault_name(__u32 fault)
{
	return name_of(fault_names, ARRAY_SIZE(fault_names), fault);
}

/**
 * smm_fixup_name() - the spec's name of a fixup ("set-young")
 * @fixup: an enum shadow_mm_fixup value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_fixup_name(__u32 fixup)
{
	return name_of(fixup_names, ARRAY_SIZE(fixup_names), fixup);
}

/**
 * smm_entry_kind_name() - the spec's name of a descriptor kind ("block")
 * @kind: an enum shadow_mm_entry_kind value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_entry_kind_name(__u32 kind)
{
	return name_of(entry_kind_names, ARRAY_SIZE(entry_kind_names), kind);
}

/**
 * smm_dma_dir_name() - the spec's name of a DMA direction ("to-device")
 * @dir: an enum shadow_mm_dma_dir value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_dma_dir_name(__u32 dir)
{
	return name_of(dma_dir_names, ARRAY_SIZE(dma_dir_names), dir);
}

/**
 * smm_dma_kind_name() - the spec's name of a DMA buffer kind ("sg")
 * @kind: an enum shadow_mm_dma_kind value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_dma_kind_name(__u32 kind)
{
	return name_of(dma_kind_names, ARRAY_SIZE(dma_kind_names), kind);
}

/**
 * smm_dma_sync_name() - the spec's name of a sync ("for-cpu")
 * @sync: an enum shadow_mm_dma_sync value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_dma_sync_name(__u32 sync)
{
	return name_of(dma_sync_names, ARRAY_SIZE(dma_sync_names), sync);
}

/**
 * smm_dma_irq_name() - the spec's name of an interrupt mode ("msi")
 * @irq: an enum shadow_mm_dma_irq value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_dma_irq_name(__u32 irq)
{
	return name_of(dma_irq_names, ARRAY_SIZE(dma_irq_names), irq);
}

/**
 * smm_iommu_domain_name() - the spec's name of an IOMMU domain type
 * @domain: an enum shadow_mm_iommu_domain value
 *
 * Return: the name ("dma-fq"), or NULL for a value this smm does not know.
 */
const char *smm_iommu_domain_name(__u32 domain)
{
	return name_of(iommu_domain_names, ARRAY_SIZE(iommu_domain_names),
		       domain);
}

/**
 * smm_dma_check_name() - the spec's name of a DMA-debug check
 * @check: an enum shadow_mm_dma_check value
 *
 * Return: the name ("double-unmap"), or NULL for a value this smm does
 * not know.
 */
const char *smm_dma_check_name(__u32 check)
{
	return name_of(dma_check_names, ARRAY_SIZE(dma_check_names), check);
}

/**
 * smm_dmabuf_target_name() - the spec's name of a dma-buf import target
 * @target: an enum shadow_mm_dmabuf_target value
 *
 * Return: the name ("edu"), or NULL for a value this smm does not know.
 */
const char *smm_dmabuf_target_name(__u32 target)
{
	return name_of(dmabuf_target_names, ARRAY_SIZE(dmabuf_target_names),
		       target);
}

/**
 * smm_name_or_number() - a value's name, or its number when it has none
 * @name: the name one of the functions above gave, or NULL
 * @value: the value
 * @buf: where the number is written when @name is NULL
 * @size: size of @buf
 *
 * Return: @name, or @buf holding @value in decimal.
 */
const char *smm_name_or_number(const char *name, __u32 value, char *buf,
			       size_t size)
{
	if (name)
		return name;
	snprintf(buf, size, "%u", value);
	return buf;
}
