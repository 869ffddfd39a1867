/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two halves of the shadow DMA layer share, and nobody else:
 * dma.c (the device, its mask and zones, the tracker's glue, coherent
 * buffers, unmap) and dma_stream.c (the bounce pool, streaming maps and
 * syncs). Everything here runs with smm_dma_mutex held.
 */

#ifndef _SMM_DMA_PRIV_H
#define _SMM_DMA_PRIV_H

#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/list.h>
#include <linux/mm.h>

#include "smm_dma.h"

/**
 * struct smm_dma_map - the layer's record of one mapping (the tracker
 * entry's cookie)
 * @sg_node: on smm_dma_dev.sg_maps (scatter-gather only)
 * @kind: enum smm_dma_kind
 * @dir: the direction it was mapped with
 * @addr: the handle
 * @size: bytes mapped
 * @site: where it was mapped (named when it is found held)
 * @pa: physical address of the first byte (single, coherent)
 * @bounce_pa: the bounce slot standing in for it, 0 when not bounced
 * @cpu: the kernel mapping of a coherent buffer
 * @pfn: first pfn of a coherent buffer's block
 * @sg: the scatter-gather table (also its tracker key)
 * @per_entry: the entries were mapped one by one (some bounced), not by
 *	dma_map_sgtable()
 */
struct smm_dma_map {
	struct list_head sg_node;
	enum smm_dma_kind kind;
	enum dma_data_direction dir;
	dma_addr_t addr;
	u64 size;
	unsigned long site;
	u64 pa;
	u64 bounce_pa;
	void *cpu;
	u64 pfn;
	struct smm_dma_sg *sg;
	bool per_entry;
};

/* Live mappings of every device, counts and findings since load. */
extern struct smm_dma_tracker smm_dma_tracker;
/* Owner tag of the bounce pools' blocks. */
extern u16 smm_dma_owner_pool;

/* The highest device address the device reaches without help. */
static inline u64 smm_dma_limit(struct smm_dma_dev *sdev)
{
	u64 limit = dma_get_mask(sdev->dev);

	if (sdev->dev->bus_dma_limit)
		limit = min_t(u64, limit, sdev->dev->bus_dma_limit);
	return limit;
}

/*
 * The address the device puts on the bus for physical address @pa when no
 * IOMMU translates: dma-direct's phys_to_dma(), which adds a bus offset
 * (dma-ranges) or a memory-encryption bit where the platform has one. It
 * is inline on every target; what it reads (dev->dma_range_map, x86's
 * exported sme_me_mask) needs no unexported symbol. Returns
 * DMA_MAPPING_ERROR for memory outside every bus range: beyond any mask.
 */
static inline u64 smm_dma_bus(struct smm_dma_dev *sdev, u64 pa)
{
	return phys_to_dma(sdev->dev, pa);
}

/* Whether [pa, pa + size) needs a bounce slot for the device. */
static inline bool smm_dma_beyond(struct smm_dma_dev *sdev, u64 pa, u64 size)
{
	return !sdev->translated &&
	       smm_dma_bus(sdev, pa + size - 1) > smm_dma_limit(sdev);
}

/* dma_map_page() of any physical range of RAM: its first page and offset. */
static inline dma_addr_t smm_dma_map_phys(struct smm_dma_dev *sdev, u64 pa,
					  u64 size, enum dma_data_direction dir)
{
	return dma_map_page(sdev->dev, pfn_to_page(pa >> PAGE_SHIFT),
			    pa & (PAGE_SIZE - 1), size, dir);
}

/**
 * struct smm_dma_pool_block - a bounce pool carved, not yet the device's
 * @pool: its slots (pool.nslots == 0: no pool)
 * @pfn: first shadow pfn of its block
 * @vaddr: the block's kernel mapping
 * @zone: the shadow zone it came from
 */
struct smm_dma_pool_block {
	struct smm_bounce_pool pool;
	u64 pfn;
	void *vaddr;
	int zone;
};

/* dma.c */
int smm_dma_highest_below(struct smm_dma_dev *sdev, u64 limit, int max);
int smm_dma_block_alloc(unsigned int order, int zone, int nid, u16 owner,
			u64 *pfn);
void *smm_dma_vmap_block(u64 pfn, unsigned int order, pgprot_t prot);
void smm_dma_note(struct smm_dma_dev *sdev, enum smm_dma_check check,
		  bool log, u8 kind, struct netlink_ext_ack *extack);
const void *smm_dma_key(struct smm_dma_dev *sdev, u64 addr, u64 *tracked);
int smm_dma_track(struct smm_dma_dev *sdev, const void *key,
		  struct smm_dma_map *m, bool checked);

/* dma_stream.c */
int smm_dma_pool_carve(struct smm_dma_dev *sdev,
		       struct smm_dma_pool_block *blk,
		       struct netlink_ext_ack *extack);
void smm_dma_pool_install(struct smm_dma_dev *sdev,
			  const struct smm_dma_pool_block *blk);
void smm_dma_pool_free(struct smm_dma_dev *sdev);
void smm_dma_bounce_unmap(struct smm_dma_dev *sdev, u64 bounce, u64 pa,
			  u64 size, enum dma_data_direction dir);
void smm_dma_sg_unmap_entries(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
			      unsigned int nents, enum dma_data_direction dir,
			      bool copy_back);

#endif /* _SMM_DMA_PRIV_H */
