/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/shadow_mm.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_SHADOW_MM_H
#define _UAPI_LINUX_SHADOW_MM_H

#define SHADOW_MM_FAMILY_NAME		"shadow_mm"
#define SHADOW_MM_FAMILY_VERSION	1

/**
 * enum shadow_mm_pt_format - page-table formats shadowmm knows
 * @SHADOW_MM_PT_FORMAT_ARM: ARMv7 short-descriptor, as Linux uses it (2
 *   levels, PMD folded, Linux and hardware PTE tables side by side)
 * @SHADOW_MM_PT_FORMAT_ARM_LPAE: ARMv7 long-descriptor (LPAE), 3 levels
 * @SHADOW_MM_PT_FORMAT_ARM64: ARMv8-A VMSAv8-64 with a 4 KiB granule
 * @SHADOW_MM_PT_FORMAT_X86_64: x86-64 IA-32e paging (4 levels, 5 with LA57)
 */
enum shadow_mm_pt_format {
	SHADOW_MM_PT_FORMAT_ARM = 1,
	SHADOW_MM_PT_FORMAT_ARM_LPAE,
	SHADOW_MM_PT_FORMAT_ARM64,
	SHADOW_MM_PT_FORMAT_X86_64,
};

#define SHADOW_MM_DEBUG_MAX	2
#define SHADOW_MM_MAX_NODES	8

/**
 * enum shadow_mm_zone_type - Zone types, as the kernel names them. Which exist
 *   follows the architecture: DMA, DMA32 on x86_64 and arm64, HIGHMEM on
 *   armhf.
 * @SHADOW_MM_ZONE_TYPE_DMA: Memory the DMA device reaches (edu's 28-bit mask
 *   on x86_64).
 * @SHADOW_MM_ZONE_TYPE_DMA32: Memory below 4 GiB.
 * @SHADOW_MM_ZONE_TYPE_NORMAL: Memory the kernel maps permanently.
 * @SHADOW_MM_ZONE_TYPE_HIGHMEM: Memory without a permanent kernel mapping
 *   (armhf).
 * @SHADOW_MM_ZONE_TYPE_MOVABLE: Memory only for movable allocations.
 */
enum shadow_mm_zone_type {
	SHADOW_MM_ZONE_TYPE_DMA = 1,
	SHADOW_MM_ZONE_TYPE_DMA32,
	SHADOW_MM_ZONE_TYPE_NORMAL,
	SHADOW_MM_ZONE_TYPE_HIGHMEM,
	SHADOW_MM_ZONE_TYPE_MOVABLE,
};

/**
 * enum shadow_mm_migratetype - Migrate types of free lists and pageblocks, as
 *   the kernel's.
 * @SHADOW_MM_MIGRATETYPE_UNMOVABLE: Kernel allocations that never move.
 * @SHADOW_MM_MIGRATETYPE_MOVABLE: Pages that can be migrated (user memory).
 * @SHADOW_MM_MIGRATETYPE_RECLAIMABLE: Pages that can be freed on demand
 *   (caches).
 * @SHADOW_MM_MIGRATETYPE_HIGHATOMIC: Reserve for high-order atomic
 *   allocations.
 * @SHADOW_MM_MIGRATETYPE_ISOLATE: Pageblocks taken out of allocation
 *   (compaction, hotplug).
 */
enum shadow_mm_migratetype {
	SHADOW_MM_MIGRATETYPE_UNMOVABLE = 1,
	SHADOW_MM_MIGRATETYPE_MOVABLE,
	SHADOW_MM_MIGRATETYPE_RECLAIMABLE,
	SHADOW_MM_MIGRATETYPE_HIGHATOMIC,
	SHADOW_MM_MIGRATETYPE_ISOLATE,
};

/**
 * enum shadow_mm_page_flags - State of a shadow page, after the kernel's PG_*
 *   flags.
 * @SHADOW_MM_PAGE_FLAGS_BUDDY: First page of a free block in the buddy
 *   allocator.
 * @SHADOW_MM_PAGE_FLAGS_RESERVED: Not managed by the allocator (a hole in a
 *   section).
 * @SHADOW_MM_PAGE_FLAGS_HEAD: First page of a compound allocation.
 * @SHADOW_MM_PAGE_FLAGS_TAIL: Other page of a compound allocation.
 * @SHADOW_MM_PAGE_FLAGS_PCP: Free, on a per-CPU list.
 * @SHADOW_MM_PAGE_FLAGS_LRU: On an LRU list.
 * @SHADOW_MM_PAGE_FLAGS_ACTIVE: On the active LRU list.
 * @SHADOW_MM_PAGE_FLAGS_REFERENCED: Referenced since last scanned.
 * @SHADOW_MM_PAGE_FLAGS_DIRTY: Contents differ from backing store.
 * @SHADOW_MM_PAGE_FLAGS_SWAPBACKED: Backed by swap, not a file.
 * @SHADOW_MM_PAGE_FLAGS_ISOLATED: Taken off its list for migration.
 */
enum shadow_mm_page_flags {
	SHADOW_MM_PAGE_FLAGS_BUDDY = 1,
	SHADOW_MM_PAGE_FLAGS_RESERVED = 2,
	SHADOW_MM_PAGE_FLAGS_HEAD = 4,
	SHADOW_MM_PAGE_FLAGS_TAIL = 8,
	SHADOW_MM_PAGE_FLAGS_PCP = 16,
	SHADOW_MM_PAGE_FLAGS_LRU = 32,
	SHADOW_MM_PAGE_FLAGS_ACTIVE = 64,
	SHADOW_MM_PAGE_FLAGS_REFERENCED = 128,
	SHADOW_MM_PAGE_FLAGS_DIRTY = 256,
	SHADOW_MM_PAGE_FLAGS_SWAPBACKED = 512,
	SHADOW_MM_PAGE_FLAGS_ISOLATED = 1024,
};

/**
 * enum shadow_mm_event_type - What an allocator event reports (monitor group).
 * @SHADOW_MM_EVENT_TYPE_ALLOC: A block was allocated.
 * @SHADOW_MM_EVENT_TYPE_FREE: A block was freed by its user.
 * @SHADOW_MM_EVENT_TYPE_SPLIT: A free block of order was split into two
 *   buddies of order - 1.
 * @SHADOW_MM_EVENT_TYPE_MERGE: Two free buddies merged into a block of order.
 * @SHADOW_MM_EVENT_TYPE_STEAL: The pageblock at pfn changed from
 *   old-migratetype to migratetype (a fallback stole it, or the highatomic
 *   reserve took or gave it back).
 * @SHADOW_MM_EVENT_TYPE_DMA_MAP: A DMA buffer was allocated or mapped (dma-id,
 *   dma-addr, dma-size, dma-dir, dma-kind).
 * @SHADOW_MM_EVENT_TYPE_DMA_UNMAP: A DMA buffer was unmapped or freed.
 * @SHADOW_MM_EVENT_TYPE_DMA_XFER: A transfer through the DMA device finished
 *   (dma-id is the source).
 * @SHADOW_MM_EVENT_TYPE_DMA_CHECK: A DMA-debug check fired (dma-check says
 *   which).
 * @SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT: A dma-buf was exported (dmabuf-id,
 *   dma-size).
 * @SHADOW_MM_EVENT_TYPE_DMABUF_ATTACH: A device attached to a dma-buf
 *   (dmabuf-device names it).
 * @SHADOW_MM_EVENT_TYPE_DMABUF_DETACH: A device detached from a dma-buf.
 * @SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE: The last reference to a dma-buf went;
 *   its pages are free again.
 */
enum shadow_mm_event_type {
	SHADOW_MM_EVENT_TYPE_ALLOC = 1,
	SHADOW_MM_EVENT_TYPE_FREE,
	SHADOW_MM_EVENT_TYPE_SPLIT,
	SHADOW_MM_EVENT_TYPE_MERGE,
	SHADOW_MM_EVENT_TYPE_STEAL,
	SHADOW_MM_EVENT_TYPE_DMA_MAP,
	SHADOW_MM_EVENT_TYPE_DMA_UNMAP,
	SHADOW_MM_EVENT_TYPE_DMA_XFER,
	SHADOW_MM_EVENT_TYPE_DMA_CHECK,
	SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT,
	SHADOW_MM_EVENT_TYPE_DMABUF_ATTACH,
	SHADOW_MM_EVENT_TYPE_DMABUF_DETACH,
	SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE,
};

/**
 * enum shadow_mm_bench_host_debug - Host kernel settings that make the host's
 *   page allocator write or check page contents on every allocation or free,
 *   so that a benchmark against it measures more than the allocator.
 * @SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_ALLOC: init_on_alloc is on; every host
 *   allocation is zeroed.
 * @SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_FREE: init_on_free is on; every host
 *   free is zeroed.
 * @SHADOW_MM_BENCH_HOST_DEBUG_PAGE_POISONING: page_poison is on; every host
 *   free poisons the pages and every allocation checks the poison.
 */
enum shadow_mm_bench_host_debug {
	SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_ALLOC = 1,
	SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_FREE = 2,
	SHADOW_MM_BENCH_HOST_DEBUG_PAGE_POISONING = 4,
};

#define SHADOW_MM_MAX_AS	64
#define SHADOW_MM_MAX_PT_LEVELS	5

/**
 * enum shadow_mm_prot - Protections of a mapping, as mmap() takes them, plus
 *   who may use it. In a walk, the permissions left after every level's
 *   restrictions (table bits such as APTable, XNTable, x86 RW/US/NX above the
 *   leaf).
 * @SHADOW_MM_PROT_READ: Readable.
 * @SHADOW_MM_PROT_WRITE: Writable.
 * @SHADOW_MM_PROT_EXEC: Executable.
 * @SHADOW_MM_PROT_USER: Accessible from user mode (EL0, PL0, CPL 3), not only
 *   the kernel.
 */
enum shadow_mm_prot {
	SHADOW_MM_PROT_READ = 1,
	SHADOW_MM_PROT_WRITE = 2,
	SHADOW_MM_PROT_EXEC = 4,
	SHADOW_MM_PROT_USER = 8,
};

/**
 * enum shadow_mm_region_kind - What backs a region of a shadow address space.
 * @SHADOW_MM_REGION_KIND_PAGES: New shadow pages, allocated and mapped when
 *   the region is mapped.
 * @SHADOW_MM_REGION_KIND_PFN: Page frames given by the caller, mapped as they
 *   are.
 * @SHADOW_MM_REGION_KIND_DEMAND: New shadow pages, allocated and mapped one by
 *   one by the first touch that faults on them (like an anonymous mmap()).
 */
enum shadow_mm_region_kind {
	SHADOW_MM_REGION_KIND_PAGES = 1,
	SHADOW_MM_REGION_KIND_PFN,
	SHADOW_MM_REGION_KIND_DEMAND,
};

/**
 * enum shadow_mm_access - The kind of memory access a touch simulates.
 * @SHADOW_MM_ACCESS_READ: A load.
 * @SHADOW_MM_ACCESS_WRITE: A store.
 * @SHADOW_MM_ACCESS_EXEC: An instruction fetch.
 */
enum shadow_mm_access {
	SHADOW_MM_ACCESS_READ = 1,
	SHADOW_MM_ACCESS_WRITE,
	SHADOW_MM_ACCESS_EXEC,
};

/**
 * enum shadow_mm_fault - The fault the MMU raises for an access.
 * @SHADOW_MM_FAULT_TRANSLATION: No valid descriptor at fault-level (x86: a
 *   not-present page fault; arm: also a Linux PTE that is not young, whose
 *   hardware PTE Linux keeps empty).
 * @SHADOW_MM_FAULT_ACCESS_FLAG: The leaf's access flag (AF) is clear
 *   (arm-lpae, arm64).
 * @SHADOW_MM_FAULT_PERMISSION: The permissions left after every level forbid
 *   the access (a write to a clean page included where dirtiness is tracked by
 *   software: arm, and arm64 without hardware DBM).
 */
enum shadow_mm_fault {
	SHADOW_MM_FAULT_TRANSLATION = 1,
	SHADOW_MM_FAULT_ACCESS_FLAG,
	SHADOW_MM_FAULT_PERMISSION,
};

/**
 * enum shadow_mm_fixup - What the shadow kernel did about a fault before the
 *   access was retried.
 * @SHADOW_MM_FIXUP_DEMAND_MAP: Allocated a new page and mapped it (a demand
 *   region).
 * @SHADOW_MM_FIXUP_SET_YOUNG: Marked the page young (accessed) and made it
 *   valid again.
 * @SHADOW_MM_FIXUP_SET_DIRTY: Marked the page dirty and made it writable.
 */
enum shadow_mm_fixup {
	SHADOW_MM_FIXUP_DEMAND_MAP = 1,
	SHADOW_MM_FIXUP_SET_YOUNG,
	SHADOW_MM_FIXUP_SET_DIRTY,
};

/**
 * enum shadow_mm_entry_kind - What a descriptor is.
 * @SHADOW_MM_ENTRY_KIND_INVALID: Not valid; the MMU raises a translation fault
 *   here.
 * @SHADOW_MM_ENTRY_KIND_TABLE: Points to the next level's table.
 * @SHADOW_MM_ENTRY_KIND_BLOCK: Maps a block larger than a page: a section or
 *   supersection (arm), a block (arm-lpae, arm64), a 2 MiB or 1 GiB page
 *   (x86_64).
 * @SHADOW_MM_ENTRY_KIND_PAGE: Maps one page (arm large pages included).
 */
enum shadow_mm_entry_kind {
	SHADOW_MM_ENTRY_KIND_INVALID = 1,
	SHADOW_MM_ENTRY_KIND_TABLE,
	SHADOW_MM_ENTRY_KIND_BLOCK,
	SHADOW_MM_ENTRY_KIND_PAGE,
};

/**
 * enum shadow_mm_dma_dir - Direction of a DMA mapping: the kernel's enum
 *   dma_data_direction, one higher (the kernel's value is this one minus one).
 * @SHADOW_MM_DMA_DIR_BIDIRECTIONAL: The device may read and write the memory.
 * @SHADOW_MM_DMA_DIR_TO_DEVICE: The device reads the memory; the CPU wrote it
 *   before.
 * @SHADOW_MM_DMA_DIR_FROM_DEVICE: The device writes the memory; the CPU reads
 *   it after.
 */
enum shadow_mm_dma_dir {
	SHADOW_MM_DMA_DIR_BIDIRECTIONAL = 1,
	SHADOW_MM_DMA_DIR_TO_DEVICE,
	SHADOW_MM_DMA_DIR_FROM_DEVICE,
};

/**
 * enum shadow_mm_dma_kind - How a DMA buffer was obtained and mapped.
 * @SHADOW_MM_DMA_KIND_COHERENT: dma_alloc_coherent(): one contiguous block
 *   from the shadow zone the device reaches, mapped for both directions for
 *   its lifetime.
 * @SHADOW_MM_DMA_KIND_SINGLE: dma_map_page() - one contiguous block, mapped in
 *   one direction.
 * @SHADOW_MM_DMA_KIND_SG: dma_map_sgtable(): pages allocated one at a time,
 *   physically adjacent ones coalesced into one scatterlist entry.
 * @SHADOW_MM_DMA_KIND_DMABUF: A dma-buf imported into the device
 *   (dmabuf-import, target edu): the exporter's sg_table as
 *   dma_buf_map_attachment() mapped it.
 */
enum shadow_mm_dma_kind {
	SHADOW_MM_DMA_KIND_COHERENT = 1,
	SHADOW_MM_DMA_KIND_SINGLE,
	SHADOW_MM_DMA_KIND_SG,
	SHADOW_MM_DMA_KIND_DMABUF,
};

/**
 * enum shadow_mm_dma_sync - Who owns a streaming mapping after a sync.
 * @SHADOW_MM_DMA_SYNC_FOR_CPU: dma_sync_*_for_cpu() - the CPU may read what
 *   the device wrote.
 * @SHADOW_MM_DMA_SYNC_FOR_DEVICE: dma_sync_*_for_device() - the device may
 *   read what the CPU wrote.
 */
enum shadow_mm_dma_sync {
	SHADOW_MM_DMA_SYNC_FOR_CPU = 1,
	SHADOW_MM_DMA_SYNC_FOR_DEVICE,
};

/**
 * enum shadow_mm_dma_irq - How the DMA device signals a finished transfer.
 * @SHADOW_MM_DMA_IRQ_MSI: A message-signalled interrupt.
 * @SHADOW_MM_DMA_IRQ_INTX: The legacy INTx pin (possibly shared).
 */
enum shadow_mm_dma_irq {
	SHADOW_MM_DMA_IRQ_MSI = 1,
	SHADOW_MM_DMA_IRQ_INTX,
};

/**
 * enum shadow_mm_iommu_domain - The IOMMU domain a device sits in, by the
 *   kernel's domain type.
 * @SHADOW_MM_IOMMU_DOMAIN_NONE: No IOMMU; a dma_addr is the physical address.
 * @SHADOW_MM_IOMMU_DOMAIN_IDENTITY: An IOMMU in passthrough; a dma_addr is the
 *   physical address.
 * @SHADOW_MM_IOMMU_DOMAIN_DMA: Translated by the DMA API; a dma_addr is an
 *   IOVA (strict invalidation).
 * @SHADOW_MM_IOMMU_DOMAIN_DMA_FQ: Translated by the DMA API; a dma_addr is an
 *   IOVA (lazy invalidation).
 * @SHADOW_MM_IOMMU_DOMAIN_BLOCKED: All DMA blocked.
 * @SHADOW_MM_IOMMU_DOMAIN_UNMANAGED: Translated by a driver's own IOMMU API
 *   use (VFIO, ...).
 * @SHADOW_MM_IOMMU_DOMAIN_OTHER: A domain type this module does not know.
 */
enum shadow_mm_iommu_domain {
	SHADOW_MM_IOMMU_DOMAIN_NONE = 1,
	SHADOW_MM_IOMMU_DOMAIN_IDENTITY,
	SHADOW_MM_IOMMU_DOMAIN_DMA,
	SHADOW_MM_IOMMU_DOMAIN_DMA_FQ,
	SHADOW_MM_IOMMU_DOMAIN_BLOCKED,
	SHADOW_MM_IOMMU_DOMAIN_UNMANAGED,
	SHADOW_MM_IOMMU_DOMAIN_OTHER,
};

/**
 * enum shadow_mm_dma_check - DMA-debug check classes: misuse of the DMA API
 *   that the shadow layer refuses or reports (the kernel's
 *   CONFIG_DMA_API_DEBUG checks).
 * @SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN: Unmap or free of an address that was
 *   never mapped. Refused.
 * @SHADOW_MM_DMA_CHECK_UNMAP_SIZE: Unmap or free with a size other than the
 *   mapping's. Refused.
 * @SHADOW_MM_DMA_CHECK_UNMAP_DIR: Unmap with a direction other than the
 *   mapping's. Refused.
 * @SHADOW_MM_DMA_CHECK_UNMAP_KIND: Unmap with the wrong function (a coherent
 *   buffer unmapped as a page, a page as a scatterlist, ...). Refused.
 * @SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP: Unmap of an address already unmapped.
 *   Refused.
 * @SHADOW_MM_DMA_CHECK_SYNC_UNKNOWN: Sync of an address that is not mapped.
 *   Refused.
 * @SHADOW_MM_DMA_CHECK_SYNC_BEYOND: Sync of a range that runs past the end of
 *   its mapping. Refused.
 * @SHADOW_MM_DMA_CHECK_SYNC_DIR: Sync in a direction other than the mapping's
 *   (a bidirectional mapping accepts any). Refused.
 * @SHADOW_MM_DMA_CHECK_UNCHECKED: A mapping unmapped without its error having
 *   been checked (dma_mapping_error() never called). Reported; the unmap
 *   proceeds.
 * @SHADOW_MM_DMA_CHECK_HELD_AT_UNBIND: A mapping still held when the device
 *   was unbound. Reported, then released.
 * @SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD: A mapping still held when the module
 *   was unloaded. Reported, then released.
 */
enum shadow_mm_dma_check {
	SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN = 1,
	SHADOW_MM_DMA_CHECK_UNMAP_SIZE,
	SHADOW_MM_DMA_CHECK_UNMAP_DIR,
	SHADOW_MM_DMA_CHECK_UNMAP_KIND,
	SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP,
	SHADOW_MM_DMA_CHECK_SYNC_UNKNOWN,
	SHADOW_MM_DMA_CHECK_SYNC_BEYOND,
	SHADOW_MM_DMA_CHECK_SYNC_DIR,
	SHADOW_MM_DMA_CHECK_UNCHECKED,
	SHADOW_MM_DMA_CHECK_HELD_AT_UNBIND,
	SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD,
};

#define SHADOW_MM_MAX_DMA_BUFFERS	64
#define SHADOW_MM_EDU_WINDOW		4096

/**
 * enum shadow_mm_dmabuf_target - Where dmabuf-import puts a dma-buf.
 * @SHADOW_MM_DMABUF_TARGET_EDU: Attach the DMA device and map the buffer for
 *   it, as an importing driver does; the mapping becomes a DMA buffer (kind
 *   dmabuf) that dma-xfer moves data through and dma-unmap detaches.
 * @SHADOW_MM_DMABUF_TARGET_AS: Map the buffer's pages into a shadow address
 *   space at va (a pfn region holding a reference on the dma-buf until it is
 *   unmapped), so that a walk shows them.
 */
enum shadow_mm_dmabuf_target {
	SHADOW_MM_DMABUF_TARGET_EDU = 1,
	SHADOW_MM_DMABUF_TARGET_AS,
};

#define SHADOW_MM_MAX_DMABUFS	4096

enum {
	SHADOW_MM_A_STATUS_VERSION = 1,
	SHADOW_MM_A_STATUS_KERNEL_RELEASE,
	SHADOW_MM_A_STATUS_MACHINE,
	SHADOW_MM_A_STATUS_PAGE_SIZE,
	SHADOW_MM_A_STATUS_PT_FORMAT,
	SHADOW_MM_A_STATUS_PT_LEVELS,
	SHADOW_MM_A_STATUS_CPUS_ONLINE,
	SHADOW_MM_A_STATUS_SHADOW_BYTES,
	SHADOW_MM_A_STATUS_DEBUG,
	SHADOW_MM_A_STATUS_PAD,
	SHADOW_MM_A_STATUS_MAX_ORDER,
	SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER,
	SHADOW_MM_A_STATUS_EVENTS_DROPPED,

	__SHADOW_MM_A_STATUS_MAX,
	SHADOW_MM_A_STATUS_MAX = (__SHADOW_MM_A_STATUS_MAX - 1)
};

enum {
	SHADOW_MM_A_NODE_ID = 1,
	SHADOW_MM_A_NODE_START_PFN,
	SHADOW_MM_A_NODE_SPANNED_PAGES,
	SHADOW_MM_A_NODE_PRESENT_PAGES,
	SHADOW_MM_A_NODE_FREE_PAGES,
	SHADOW_MM_A_NODE_DISTANCE,
	SHADOW_MM_A_NODE_ZONE_TYPE,
	SHADOW_MM_A_NODE_PAD,

	__SHADOW_MM_A_NODE_MAX,
	SHADOW_MM_A_NODE_MAX = (__SHADOW_MM_A_NODE_MAX - 1)
};

enum {
	SHADOW_MM_A_FREE_AREA_ORDER = 1,
	SHADOW_MM_A_FREE_AREA_NR_FREE,
	SHADOW_MM_A_FREE_AREA_UNMOVABLE,
	SHADOW_MM_A_FREE_AREA_MOVABLE,
	SHADOW_MM_A_FREE_AREA_RECLAIMABLE,
	SHADOW_MM_A_FREE_AREA_HIGHATOMIC,
	SHADOW_MM_A_FREE_AREA_ISOLATE,
	SHADOW_MM_A_FREE_AREA_PAD,

	__SHADOW_MM_A_FREE_AREA_MAX,
	SHADOW_MM_A_FREE_AREA_MAX = (__SHADOW_MM_A_FREE_AREA_MAX - 1)
};

enum {
	SHADOW_MM_A_PAGEBLOCKS_UNMOVABLE = 1,
	SHADOW_MM_A_PAGEBLOCKS_MOVABLE,
	SHADOW_MM_A_PAGEBLOCKS_RECLAIMABLE,
	SHADOW_MM_A_PAGEBLOCKS_HIGHATOMIC,
	SHADOW_MM_A_PAGEBLOCKS_ISOLATE,
	SHADOW_MM_A_PAGEBLOCKS_PAD,

	__SHADOW_MM_A_PAGEBLOCKS_MAX,
	SHADOW_MM_A_PAGEBLOCKS_MAX = (__SHADOW_MM_A_PAGEBLOCKS_MAX - 1)
};

enum {
	SHADOW_MM_A_PCP_CPU = 1,
	SHADOW_MM_A_PCP_COUNT,
	SHADOW_MM_A_PCP_HIGH,
	SHADOW_MM_A_PCP_BATCH,

	__SHADOW_MM_A_PCP_MAX,
	SHADOW_MM_A_PCP_MAX = (__SHADOW_MM_A_PCP_MAX - 1)
};

enum {
	SHADOW_MM_A_ZONE_NODE = 1,
	SHADOW_MM_A_ZONE_TYPE,
	SHADOW_MM_A_ZONE_NAME,
	SHADOW_MM_A_ZONE_START_PFN,
	SHADOW_MM_A_ZONE_SPANNED_PAGES,
	SHADOW_MM_A_ZONE_PRESENT_PAGES,
	SHADOW_MM_A_ZONE_MANAGED_PAGES,
	SHADOW_MM_A_ZONE_FREE_PAGES,
	SHADOW_MM_A_ZONE_WMARK_MIN,
	SHADOW_MM_A_ZONE_WMARK_LOW,
	SHADOW_MM_A_ZONE_WMARK_HIGH,
	SHADOW_MM_A_ZONE_LOWMEM_RESERVE,
	SHADOW_MM_A_ZONE_FREE_AREA,
	SHADOW_MM_A_ZONE_PAGEBLOCKS,
	SHADOW_MM_A_ZONE_PCP,
	SHADOW_MM_A_ZONE_ALLOC_COUNT,
	SHADOW_MM_A_ZONE_FREE_COUNT,
	SHADOW_MM_A_ZONE_SPLIT_COUNT,
	SHADOW_MM_A_ZONE_MERGE_COUNT,
	SHADOW_MM_A_ZONE_STEAL_COUNT,
	SHADOW_MM_A_ZONE_FAIL_COUNT,
	SHADOW_MM_A_ZONE_PAD,

	__SHADOW_MM_A_ZONE_MAX,
	SHADOW_MM_A_ZONE_MAX = (__SHADOW_MM_A_ZONE_MAX - 1)
};

enum {
	SHADOW_MM_A_PAGE_PFN = 1,
	SHADOW_MM_A_PAGE_NODE,
	SHADOW_MM_A_PAGE_ZONE,
	SHADOW_MM_A_PAGE_FLAGS,
	SHADOW_MM_A_PAGE_ORDER,
	SHADOW_MM_A_PAGE_REFCOUNT,
	SHADOW_MM_A_PAGE_MAPCOUNT,
	SHADOW_MM_A_PAGE_OWNER,
	SHADOW_MM_A_PAGE_MIGRATETYPE,
	SHADOW_MM_A_PAGE_PAD,
	SHADOW_MM_A_PAGE_PACKED,
	SHADOW_MM_A_PAGE_COUNT,
	SHADOW_MM_A_PAGE_FLAGS_ARRAY,
	SHADOW_MM_A_PAGE_ORDER_ARRAY,
	SHADOW_MM_A_PAGE_REFCOUNT_ARRAY,
	SHADOW_MM_A_PAGE_MAPCOUNT_ARRAY,
	SHADOW_MM_A_PAGE_OWNER_ARRAY,
	SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY,

	__SHADOW_MM_A_PAGE_MAX,
	SHADOW_MM_A_PAGE_MAX = (__SHADOW_MM_A_PAGE_MAX - 1)
};

enum {
	SHADOW_MM_A_PAGES_ORDER = 1,
	SHADOW_MM_A_PAGES_ZONE,
	SHADOW_MM_A_PAGES_NODE,
	SHADOW_MM_A_PAGES_MIGRATETYPE,
	SHADOW_MM_A_PAGES_COUNT,
	SHADOW_MM_A_PAGES_ZERO,
	SHADOW_MM_A_PAGES_OWNER,
	SHADOW_MM_A_PAGES_PFN,
	SHADOW_MM_A_PAGES_PAD,

	__SHADOW_MM_A_PAGES_MAX,
	SHADOW_MM_A_PAGES_MAX = (__SHADOW_MM_A_PAGES_MAX - 1)
};

enum {
	SHADOW_MM_A_CHECK_VIOLATIONS = 1,
	SHADOW_MM_A_CHECK_MESSAGE,

	__SHADOW_MM_A_CHECK_MAX,
	SHADOW_MM_A_CHECK_MAX = (__SHADOW_MM_A_CHECK_MAX - 1)
};

enum {
	SHADOW_MM_A_OWNER_NAME = 1,
	SHADOW_MM_A_OWNER_BLOCKS,
	SHADOW_MM_A_OWNER_PAGES,
	SHADOW_MM_A_OWNER_PAD,
	SHADOW_MM_A_OWNER_ID,

	__SHADOW_MM_A_OWNER_MAX,
	SHADOW_MM_A_OWNER_MAX = (__SHADOW_MM_A_OWNER_MAX - 1)
};

enum {
	SHADOW_MM_A_EVENT_TYPE = 1,
	SHADOW_MM_A_EVENT_SEQ,
	SHADOW_MM_A_EVENT_DROPPED,
	SHADOW_MM_A_EVENT_PFN,
	SHADOW_MM_A_EVENT_ORDER,
	SHADOW_MM_A_EVENT_NODE,
	SHADOW_MM_A_EVENT_ZONE,
	SHADOW_MM_A_EVENT_MIGRATETYPE,
	SHADOW_MM_A_EVENT_OLD_MIGRATETYPE,
	SHADOW_MM_A_EVENT_OWNER,
	SHADOW_MM_A_EVENT_CPU,
	SHADOW_MM_A_EVENT_PAD,
	SHADOW_MM_A_EVENT_DMA_ID,
	SHADOW_MM_A_EVENT_DMA_ADDR,
	SHADOW_MM_A_EVENT_DMA_SIZE,
	SHADOW_MM_A_EVENT_DMA_DIR,
	SHADOW_MM_A_EVENT_DMA_KIND,
	SHADOW_MM_A_EVENT_DMA_CHECK,
	SHADOW_MM_A_EVENT_DMA_BOUNCED,
	SHADOW_MM_A_EVENT_DMABUF_ID,
	SHADOW_MM_A_EVENT_DMABUF_DEVICE,

	__SHADOW_MM_A_EVENT_MAX,
	SHADOW_MM_A_EVENT_MAX = (__SHADOW_MM_A_EVENT_MAX - 1)
};

enum {
	SHADOW_MM_A_BENCH_ORDER = 1,
	SHADOW_MM_A_BENCH_COUNT,
	SHADOW_MM_A_BENCH_ZERO,
	SHADOW_MM_A_BENCH_CPU,
	SHADOW_MM_A_BENCH_ROUNDS,
	SHADOW_MM_A_BENCH_SHADOW_NS,
	SHADOW_MM_A_BENCH_HOST_NS,
	SHADOW_MM_A_BENCH_SHADOW_ZERO_NS,
	SHADOW_MM_A_BENCH_HOST_ZERO_NS,
	SHADOW_MM_A_BENCH_HOST_DEBUG,
	SHADOW_MM_A_BENCH_PAD,

	__SHADOW_MM_A_BENCH_MAX,
	SHADOW_MM_A_BENCH_MAX = (__SHADOW_MM_A_BENCH_MAX - 1)
};

enum {
	SHADOW_MM_A_REGION_VA = 1,
	SHADOW_MM_A_REGION_LEN,
	SHADOW_MM_A_REGION_PROT,
	SHADOW_MM_A_REGION_KIND,
	SHADOW_MM_A_REGION_PFN,
	SHADOW_MM_A_REGION_PAD,

	__SHADOW_MM_A_REGION_MAX,
	SHADOW_MM_A_REGION_MAX = (__SHADOW_MM_A_REGION_MAX - 1)
};

enum {
	SHADOW_MM_A_AS_ID = 1,
	SHADOW_MM_A_AS_FORMAT,
	SHADOW_MM_A_AS_LEVELS,
	SHADOW_MM_A_AS_VA_BITS,
	SHADOW_MM_A_AS_ROOT,
	SHADOW_MM_A_AS_TABLE_PAGES,
	SHADOW_MM_A_AS_MAPPED_BYTES,
	SHADOW_MM_A_AS_REGION,
	SHADOW_MM_A_AS_PAD,
	SHADOW_MM_A_AS_MAIR,

	__SHADOW_MM_A_AS_MAX,
	SHADOW_MM_A_AS_MAX = (__SHADOW_MM_A_AS_MAX - 1)
};

enum {
	SHADOW_MM_A_MAP_AS = 1,
	SHADOW_MM_A_MAP_VA,
	SHADOW_MM_A_MAP_LEN,
	SHADOW_MM_A_MAP_PROT,
	SHADOW_MM_A_MAP_PFN,
	SHADOW_MM_A_MAP_DEMAND,
	SHADOW_MM_A_MAP_SMALL,
	SHADOW_MM_A_MAP_PAD,
	SHADOW_MM_A_MAP_TABLES,
	SHADOW_MM_A_MAP_BLOCKS,
	SHADOW_MM_A_MAP_PAGES,

	__SHADOW_MM_A_MAP_MAX,
	SHADOW_MM_A_MAP_MAX = (__SHADOW_MM_A_MAP_MAX - 1)
};

enum {
	SHADOW_MM_A_PT_FIELD_NAME = 1,
	SHADOW_MM_A_PT_FIELD_VALUE,
	SHADOW_MM_A_PT_FIELD_TEXT,
	SHADOW_MM_A_PT_FIELD_PAD,

	__SHADOW_MM_A_PT_FIELD_MAX,
	SHADOW_MM_A_PT_FIELD_MAX = (__SHADOW_MM_A_PT_FIELD_MAX - 1)
};

enum {
	SHADOW_MM_A_WALK_LEVEL_LEVEL = 1,
	SHADOW_MM_A_WALK_LEVEL_NAME,
	SHADOW_MM_A_WALK_LEVEL_TABLE,
	SHADOW_MM_A_WALK_LEVEL_INDEX,
	SHADOW_MM_A_WALK_LEVEL_SHIFT,
	SHADOW_MM_A_WALK_LEVEL_BITS,
	SHADOW_MM_A_WALK_LEVEL_RAW,
	SHADOW_MM_A_WALK_LEVEL_RAW_LINUX,
	SHADOW_MM_A_WALK_LEVEL_KIND,
	SHADOW_MM_A_WALK_LEVEL_ADDR,
	SHADOW_MM_A_WALK_LEVEL_SIZE,
	SHADOW_MM_A_WALK_LEVEL_FIELD,
	SHADOW_MM_A_WALK_LEVEL_PAD,
	SHADOW_MM_A_WALK_LEVEL_DESC_ADDR,

	__SHADOW_MM_A_WALK_LEVEL_MAX,
	SHADOW_MM_A_WALK_LEVEL_MAX = (__SHADOW_MM_A_WALK_LEVEL_MAX - 1)
};

enum {
	SHADOW_MM_A_WALK_AS = 1,
	SHADOW_MM_A_WALK_PID,
	SHADOW_MM_A_WALK_KERNEL,
	SHADOW_MM_A_WALK_VA,
	SHADOW_MM_A_WALK_LEN,
	SHADOW_MM_A_WALK_FORMAT,
	SHADOW_MM_A_WALK_LEVELS,
	SHADOW_MM_A_WALK_LEVEL,
	SHADOW_MM_A_WALK_PA,
	SHADOW_MM_A_WALK_SIZE,
	SHADOW_MM_A_WALK_PROT,
	SHADOW_MM_A_WALK_FAULT,
	SHADOW_MM_A_WALK_FAULT_LEVEL,
	SHADOW_MM_A_WALK_PAGE_FLAGS,
	SHADOW_MM_A_WALK_PAGE_OWNER,
	SHADOW_MM_A_WALK_PAGE_REFCOUNT,
	SHADOW_MM_A_WALK_PAGE_MAPCOUNT,
	SHADOW_MM_A_WALK_PAGE_ZONE,
	SHADOW_MM_A_WALK_PAGE_NODE,
	SHADOW_MM_A_WALK_VMA_START,
	SHADOW_MM_A_WALK_VMA_END,
	SHADOW_MM_A_WALK_VMA_FLAGS,
	SHADOW_MM_A_WALK_VMA_NAME,
	SHADOW_MM_A_WALK_HW_PA,
	SHADOW_MM_A_WALK_HW_PAR,
	SHADOW_MM_A_WALK_VA_END,
	SHADOW_MM_A_WALK_ATTRS,
	SHADOW_MM_A_WALK_PAD,
	SHADOW_MM_A_WALK_ACCESS,
	SHADOW_MM_A_WALK_USER,
	SHADOW_MM_A_WALK_FIXUP,
	SHADOW_MM_A_WALK_PAGES,

	__SHADOW_MM_A_WALK_MAX,
	SHADOW_MM_A_WALK_MAX = (__SHADOW_MM_A_WALK_MAX - 1)
};

enum {
	SHADOW_MM_A_BENCH_PT_COUNT = 1,
	SHADOW_MM_A_BENCH_PT_ROUNDS,
	SHADOW_MM_A_BENCH_PT_CPU,
	SHADOW_MM_A_BENCH_PT_FORMAT,
	SHADOW_MM_A_BENCH_PT_LEVELS,
	SHADOW_MM_A_BENCH_PT_WALK_SHADOW_NS,
	SHADOW_MM_A_BENCH_PT_WALK_HOST_NS,
	SHADOW_MM_A_BENCH_PT_MAP_SHADOW_NS,
	SHADOW_MM_A_BENCH_PT_MAP_HOST_NS,
	SHADOW_MM_A_BENCH_PT_UNMAP_SHADOW_NS,
	SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS,
	SHADOW_MM_A_BENCH_PT_PAD,

	__SHADOW_MM_A_BENCH_PT_MAX,
	SHADOW_MM_A_BENCH_PT_MAX = (__SHADOW_MM_A_BENCH_PT_MAX - 1)
};

enum {
	SHADOW_MM_A_DMA_DEV_NAME = 1,
	SHADOW_MM_A_DMA_DEV_VENDOR,
	SHADOW_MM_A_DMA_DEV_DEVICE,
	SHADOW_MM_A_DMA_DEV_REVISION,
	SHADOW_MM_A_DMA_DEV_ID_REG,
	SHADOW_MM_A_DMA_DEV_IRQ_MODE,
	SHADOW_MM_A_DMA_DEV_IRQ,
	SHADOW_MM_A_DMA_DEV_IRQS,
	SHADOW_MM_A_DMA_DEV_MASK_BITS,
	SHADOW_MM_A_DMA_DEV_MASK,
	SHADOW_MM_A_DMA_DEV_COHERENT_MASK,
	SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN,
	SHADOW_MM_A_DMA_DEV_IOMMU_GROUP,
	SHADOW_MM_A_DMA_DEV_COHERENT,
	SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE,
	SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE,
	SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT,
	SHADOW_MM_A_DMA_DEV_BOUNCE_PA,
	SHADOW_MM_A_DMA_DEV_BOUNCE_USED,
	SHADOW_MM_A_DMA_DEV_BOUNCED,
	SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES,
	SHADOW_MM_A_DMA_DEV_MAPPINGS,
	SHADOW_MM_A_DMA_DEV_XFERS,
	SHADOW_MM_A_DMA_DEV_XFER_BYTES,
	SHADOW_MM_A_DMA_DEV_WINDOW,
	SHADOW_MM_A_DMA_DEV_WINDOW_SIZE,
	SHADOW_MM_A_DMA_DEV_PAD,

	__SHADOW_MM_A_DMA_DEV_MAX,
	SHADOW_MM_A_DMA_DEV_MAX = (__SHADOW_MM_A_DMA_DEV_MAX - 1)
};

enum {
	SHADOW_MM_A_DMA_SEG_INDEX = 1,
	SHADOW_MM_A_DMA_SEG_PA,
	SHADOW_MM_A_DMA_SEG_LEN,
	SHADOW_MM_A_DMA_SEG_DMA_ADDR,
	SHADOW_MM_A_DMA_SEG_BOUNCE_PA,
	SHADOW_MM_A_DMA_SEG_PAD,

	__SHADOW_MM_A_DMA_SEG_MAX,
	SHADOW_MM_A_DMA_SEG_MAX = (__SHADOW_MM_A_DMA_SEG_MAX - 1)
};

enum {
	SHADOW_MM_A_DMA_ID = 1,
	SHADOW_MM_A_DMA_KIND,
	SHADOW_MM_A_DMA_DIR,
	SHADOW_MM_A_DMA_SIZE,
	SHADOW_MM_A_DMA_ZONE,
	SHADOW_MM_A_DMA_NODE,
	SHADOW_MM_A_DMA_UNCHECKED,
	SHADOW_MM_A_DMA_DMA_ADDR,
	SHADOW_MM_A_DMA_PA,
	SHADOW_MM_A_DMA_BOUNCED,
	SHADOW_MM_A_DMA_NENTS,
	SHADOW_MM_A_DMA_MAPPED_NENTS,
	SHADOW_MM_A_DMA_SEG,
	SHADOW_MM_A_DMA_SYNC,
	SHADOW_MM_A_DMA_OFFSET,
	SHADOW_MM_A_DMA_PAGES,
	SHADOW_MM_A_DMA_PAD,

	__SHADOW_MM_A_DMA_MAX,
	SHADOW_MM_A_DMA_MAX = (__SHADOW_MM_A_DMA_MAX - 1)
};

enum {
	SHADOW_MM_A_DMA_XFER_SRC = 1,
	SHADOW_MM_A_DMA_XFER_DST,
	SHADOW_MM_A_DMA_XFER_OFFSET,
	SHADOW_MM_A_DMA_XFER_SIZE,
	SHADOW_MM_A_DMA_XFER_SEED,
	SHADOW_MM_A_DMA_XFER_BYTES,
	SHADOW_MM_A_DMA_XFER_COMMANDS,
	SHADOW_MM_A_DMA_XFER_SRC_DMA,
	SHADOW_MM_A_DMA_XFER_DST_DMA,
	SHADOW_MM_A_DMA_XFER_BOUNCED,
	SHADOW_MM_A_DMA_XFER_DEVICE_NS,
	SHADOW_MM_A_DMA_XFER_PAD,
	SHADOW_MM_A_DMA_XFER_COPY,
	SHADOW_MM_A_DMA_XFER_DST_OFFSET,

	__SHADOW_MM_A_DMA_XFER_MAX,
	SHADOW_MM_A_DMA_XFER_MAX = (__SHADOW_MM_A_DMA_XFER_MAX - 1)
};

enum {
	SHADOW_MM_A_DMA_CHECK_COUNT_CHECK = 1,
	SHADOW_MM_A_DMA_CHECK_COUNT_COUNT,
	SHADOW_MM_A_DMA_CHECK_COUNT_PAD,

	__SHADOW_MM_A_DMA_CHECK_COUNT_MAX,
	SHADOW_MM_A_DMA_CHECK_COUNT_MAX = (__SHADOW_MM_A_DMA_CHECK_COUNT_MAX - 1)
};

enum {
	SHADOW_MM_A_DMA_ERROR_SEQ = 1,
	SHADOW_MM_A_DMA_ERROR_CHECK,
	SHADOW_MM_A_DMA_ERROR_DMA_ADDR,
	SHADOW_MM_A_DMA_ERROR_SIZE,
	SHADOW_MM_A_DMA_ERROR_DIR,
	SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE,
	SHADOW_MM_A_DMA_ERROR_MAPPED_DIR,
	SHADOW_MM_A_DMA_ERROR_SITE,
	SHADOW_MM_A_DMA_ERROR_MESSAGE,
	SHADOW_MM_A_DMA_ERROR_COUNTS,
	SHADOW_MM_A_DMA_ERROR_TOTAL,
	SHADOW_MM_A_DMA_ERROR_LOST,
	SHADOW_MM_A_DMA_ERROR_PAD,

	__SHADOW_MM_A_DMA_ERROR_MAX,
	SHADOW_MM_A_DMA_ERROR_MAX = (__SHADOW_MM_A_DMA_ERROR_MAX - 1)
};

enum {
	SHADOW_MM_A_DMABUF_ATTACH_DEVICE = 1,
	SHADOW_MM_A_DMABUF_ATTACH_DRIVER,
	SHADOW_MM_A_DMABUF_ATTACH_MAPS,
	SHADOW_MM_A_DMABUF_ATTACH_MAPPED,
	SHADOW_MM_A_DMABUF_ATTACH_DIR,
	SHADOW_MM_A_DMABUF_ATTACH_NENTS,
	SHADOW_MM_A_DMABUF_ATTACH_BOUNCED,

	__SHADOW_MM_A_DMABUF_ATTACH_MAX,
	SHADOW_MM_A_DMABUF_ATTACH_MAX = (__SHADOW_MM_A_DMABUF_ATTACH_MAX - 1)
};

enum {
	SHADOW_MM_A_DMABUF_ID = 1,
	SHADOW_MM_A_DMABUF_SIZE,
	SHADOW_MM_A_DMABUF_PAGES,
	SHADOW_MM_A_DMABUF_ZONE,
	SHADOW_MM_A_DMABUF_NODE,
	SHADOW_MM_A_DMABUF_CONTIGUOUS,
	SHADOW_MM_A_DMABUF_PA,
	SHADOW_MM_A_DMABUF_CHUNKS,
	SHADOW_MM_A_DMABUF_OWNER,
	SHADOW_MM_A_DMABUF_NAME,
	SHADOW_MM_A_DMABUF_INODE,
	SHADOW_MM_A_DMABUF_MMAPS,
	SHADOW_MM_A_DMABUF_VMAPS,
	SHADOW_MM_A_DMABUF_ATTACH,
	SHADOW_MM_A_DMABUF_FD,
	SHADOW_MM_A_DMABUF_TARGET,
	SHADOW_MM_A_DMABUF_AS,
	SHADOW_MM_A_DMABUF_VA,
	SHADOW_MM_A_DMABUF_DMA_ID,
	SHADOW_MM_A_DMABUF_PAD,
	SHADOW_MM_A_DMABUF_BLOCKS,

	__SHADOW_MM_A_DMABUF_MAX,
	SHADOW_MM_A_DMABUF_MAX = (__SHADOW_MM_A_DMABUF_MAX - 1)
};

enum {
	SHADOW_MM_CMD_STATUS_GET = 1,
	SHADOW_MM_CMD_CONFIG_SET,
	SHADOW_MM_CMD_NODE_GET,
	SHADOW_MM_CMD_ZONE_GET,
	SHADOW_MM_CMD_PAGE_GET,
	SHADOW_MM_CMD_PAGE_ALLOC,
	SHADOW_MM_CMD_PAGE_FREE,
	SHADOW_MM_CMD_CHECK,
	SHADOW_MM_CMD_OWNER_GET,
	SHADOW_MM_CMD_EVENT,
	SHADOW_MM_CMD_BENCH_ALLOC,
	SHADOW_MM_CMD_AS_NEW,
	SHADOW_MM_CMD_AS_DEL,
	SHADOW_MM_CMD_AS_GET,
	SHADOW_MM_CMD_AS_MAP,
	SHADOW_MM_CMD_AS_UNMAP,
	SHADOW_MM_CMD_AS_PROTECT,
	SHADOW_MM_CMD_AS_TOUCH,
	SHADOW_MM_CMD_WALK,
	SHADOW_MM_CMD_BENCH_PT,
	SHADOW_MM_CMD_DMA_DEV_GET,
	SHADOW_MM_CMD_DMA_DEV_SET,
	SHADOW_MM_CMD_DMA_ALLOC,
	SHADOW_MM_CMD_DMA_MAP,
	SHADOW_MM_CMD_DMA_UNMAP,
	SHADOW_MM_CMD_DMA_SYNC,
	SHADOW_MM_CMD_DMA_GET,
	SHADOW_MM_CMD_DMA_XFER,
	SHADOW_MM_CMD_DMA_ERROR_GET,
	SHADOW_MM_CMD_DMABUF_GET,
	SHADOW_MM_CMD_DMABUF_IMPORT,

	__SHADOW_MM_CMD_MAX,
	SHADOW_MM_CMD_MAX = (__SHADOW_MM_CMD_MAX - 1)
};

#define SHADOW_MM_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_SHADOW_MM_H */
