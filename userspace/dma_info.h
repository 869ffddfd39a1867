/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dma_info.h - the DMA device, DMA buffers, transfers, DMA-debug findings
 * and DMA monitor events as smm holds them once a reply is decoded
 *
 * The decoders work on a reply's attribute bytes (what follows the
 * genetlink header) and need no libnl, so host tests feed them messages
 * built by hand; dma_print.c renders the structs. Each struct records
 * which attributes came (@has, by attribute type): what the module did
 * not send is left out, never shown as zero.
 */
#ifndef SMM_DMA_INFO_H
#define SMM_DMA_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/shadow_mm.h>

#include "attr_decode.h"

/* Room for what a decoder refused ("dma-seg len (8 bytes)"). */
#define DMA_BAD_LEN		ATTR_BAD_LEN
/* Room for the device's PCI name ("0000:00:03.0"). */
#define DMA_DEV_NAME_LEN	64
/* Room for a finding's site ("smm_nl_dma_unmap+0x5c/0x1a0 [shadow_mm]"). */
#define DMA_SITE_LEN		128
/* Room for a finding's message. */
#define DMA_MESSAGE_LEN		256
/* Counts kept from an error-get reply: every check and then some. */
#define DMA_MAX_CHECK_COUNTS	32

/**
 * struct smm_dma_dev_info - a DMA_DEV_GET or DMA_DEV_SET reply
 * @has: which SHADOW_MM_A_DMA_DEV_* attributes came
 * @name: the PCI device's name
 * @vendor: PCI vendor id
 * @device: PCI device id
 * @revision: PCI revision
 * @id_reg: the device's identification register
 * @irq_mode: enum shadow_mm_dma_irq
 * @irq: Linux interrupt number
 * @irqs: interrupts raised since bind
 * @mask_bits: bits of the DMA mask
 * @mask: the streaming DMA mask
 * @coherent_mask: the coherent DMA mask
 * @iommu_domain: enum shadow_mm_iommu_domain
 * @iommu_group: IOMMU group id
 * @coherent: the device snoops CPU caches
 * @reachable_zone: enum shadow_mm_zone_type of the zone wholly reachable
 * @bounce_size: bytes of the bounce pool, 0 for none
 * @bounce_slot: bytes of one slot
 * @bounce_pa: physical address of the pool
 * @bounce_used: slots in use
 * @bounced: mappings bounced since bind
 * @bounce_bytes: bytes copied through the pool since bind
 * @mappings: live mappings
 * @xfers: DMA commands run since bind
 * @xfer_bytes: bytes they moved
 * @window: device-side address of the device's buffer
 * @window_size: its bytes
 */
struct smm_dma_dev_info {
	bool has[SHADOW_MM_A_DMA_DEV_MAX + 1];
	char name[DMA_DEV_NAME_LEN];
	__u32 vendor;
	__u32 device;
	__u32 revision;
	__u32 id_reg;
	__u32 irq_mode;
	__u32 irq;
	__u64 irqs;
	__u32 mask_bits;
	__u64 mask;
	__u64 coherent_mask;
	__u32 iommu_domain;
	__u32 iommu_group;
	bool coherent;
	__u32 reachable_zone;
	__u64 bounce_size;
	__u32 bounce_slot;
	__u64 bounce_pa;
	__u32 bounce_used;
	__u64 bounced;
	__u64 bounce_bytes;
	__u32 mappings;
	__u64 xfers;
	__u64 xfer_bytes;
	__u64 window;
	__u32 window_size;
};

/**
 * struct smm_dma_seg_info - one segment of a DMA buffer
 * @has: which SHADOW_MM_A_DMA_SEG_* attributes came
 * @index: position in the mapping
 * @pa: CPU physical address
 * @len: bytes
 * @dma_addr: the address the device uses
 * @bounce_pa: the bounce slot standing in for @pa (only when bounced)
 */
struct smm_dma_seg_info {
	bool has[SHADOW_MM_A_DMA_SEG_MAX + 1];
	__u32 index;
	__u64 pa;
	__u32 len;
	__u64 dma_addr;
	__u64 bounce_pa;
};

/**
 * struct smm_dma_buf_info - a DMA buffer: a DMA_GET (do or dump part),
 *	DMA_ALLOC or DMA_MAP reply
 * @has: which SHADOW_MM_A_DMA_* attributes came
 * @id: the buffer's id
 * @kind: enum shadow_mm_dma_kind
 * @dir: enum shadow_mm_dma_dir
 * @size: bytes mapped
 * @zone: enum shadow_mm_zone_type of its pages
 * @node: their node
 * @unchecked: the mapping's error has not been checked
 * @dma_addr: the handle, the first segment's device address
 * @pa: physical address of the first page
 * @bounced: a segment goes through the bounce pool
 * @nents: scatterlist entries
 * @mapped_nents: segments as the device sees them
 * @pages: shadow pages held
 * @segs: the segments, in the order they came (allocated;
 *	smm_dma_buf_info_release() frees them)
 * @n_segs: entries in @segs
 */
struct smm_dma_buf_info {
	bool has[SHADOW_MM_A_DMA_MAX + 1];
	__u32 id;
	__u32 kind;
	__u32 dir;
	__u64 size;
	__u32 zone;
	__u32 node;
	bool unchecked;
	__u64 dma_addr;
	__u64 pa;
	bool bounced;
	__u32 nents;
	__u32 mapped_nents;
	__u32 pages;
	struct smm_dma_seg_info *segs;
	size_t n_segs;
};

/**
 * struct smm_dma_xfer_info - a DMA_XFER reply
 * @has: which SHADOW_MM_A_DMA_XFER_* attributes came
 * @bytes: bytes moved each way and verified
 * @commands: DMA commands rung
 * @src_dma: device address of the first byte read
 * @dst_dma: device address of the first byte written back
 * @bounced: a segment of either buffer went through the bounce pool
 * @device_ns: nanoseconds spent waiting for the device
 */
struct smm_dma_xfer_info {
	bool has[SHADOW_MM_A_DMA_XFER_MAX + 1];
	__u32 bytes;
	__u32 commands;
	__u64 src_dma;
	__u64 dst_dma;
	bool bounced;
	__u64 device_ns;
};

/**
 * struct smm_dma_check_count_info - how often one check fired
 * @check: enum shadow_mm_dma_check
 * @count: times since load
 */
struct smm_dma_check_count_info {
	__u32 check;
	__u64 count;
};

/**
 * struct smm_dma_counts_info - a DMA_ERROR_GET do reply
 * @has: which SHADOW_MM_A_DMA_ERROR_* attributes came
 * @counts: one per check, in the order they came (the first
 *	DMA_MAX_CHECK_COUNTS)
 * @n_counts: entries in @counts
 * @total: findings since load
 * @lost: findings no longer kept
 */
struct smm_dma_counts_info {
	bool has[SHADOW_MM_A_DMA_ERROR_MAX + 1];
	struct smm_dma_check_count_info counts[DMA_MAX_CHECK_COUNTS];
	unsigned int n_counts;
	__u64 total;
	__u64 lost;
};

/**
 * struct smm_dma_finding_info - a part of a DMA_ERROR_GET dump
 * @has: which SHADOW_MM_A_DMA_ERROR_* attributes came
 * @seq: number of the finding since load
 * @check: enum shadow_mm_dma_check
 * @dma_addr: the device address passed
 * @size: the size passed
 * @dir: the direction passed (enum shadow_mm_dma_dir)
 * @mapped_size: the size of the mapping found there
 * @mapped_dir: its direction
 * @site: the caller of the DMA API
 * @message: what went wrong
 */
struct smm_dma_finding_info {
	bool has[SHADOW_MM_A_DMA_ERROR_MAX + 1];
	__u64 seq;
	__u32 check;
	__u64 dma_addr;
	__u64 size;
	__u32 dir;
	__u64 mapped_size;
	__u32 mapped_dir;
	char site[DMA_SITE_LEN];
	char message[DMA_MESSAGE_LEN];
};

/**
 * struct smm_dma_event_info - a DMA event of the monitor group
 * @has: which SHADOW_MM_A_EVENT_* attributes came
 * @type: SHADOW_MM_EVENT_TYPE_DMA_*
 * @seq: the event's number
 * @dropped: events dropped before it
 * @id: the buffer (for a transfer, the source)
 * @addr: the device address
 * @size: bytes mapped, moved or passed
 * @dir: enum shadow_mm_dma_dir
 * @kind: enum shadow_mm_dma_kind
 * @check: enum shadow_mm_dma_check of a dma-check event
 * @bounced: it went through the bounce pool
 * @cpu: the CPU it happened on
 */
struct smm_dma_event_info {
	bool has[SHADOW_MM_A_EVENT_MAX + 1];
	__u32 type;
	__u64 seq;
	__u64 dropped;
	__u32 id;
	__u64 addr;
	__u64 size;
	__u32 dir;
	__u32 kind;
	__u32 check;
	bool bounced;
	__u32 cpu;
};

int dma_decode_dev(const void *attrs, size_t len, struct smm_dma_dev_info *d,
		   char *bad);
int dma_decode_buf(const void *attrs, size_t len, struct smm_dma_buf_info *b,
		   char *bad);
void smm_dma_buf_info_release(struct smm_dma_buf_info *b);
int dma_buf_merge_part(struct smm_dma_buf_info *b,
		       struct smm_dma_buf_info *part);
int dma_decode_xfer(const void *attrs, size_t len,
		    struct smm_dma_xfer_info *x, char *bad);
int dma_decode_counts(const void *attrs, size_t len,
		      struct smm_dma_counts_info *c, char *bad);
int dma_decode_finding(const void *attrs, size_t len,
		       struct smm_dma_finding_info *f, char *bad);
int dma_decode_event(const void *attrs, size_t len,
		     struct smm_dma_event_info *ev, char *bad);

bool dma_event_is_dma(__u32 type);
bool dma_check_refused(__u32 check);

#endif /* SMM_DMA_INFO_H */
