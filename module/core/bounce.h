/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounce pool: the slot allocator of the kernel's swiotlb
 * (kernel/dma/swiotlb.c) over one physically contiguous range of memory
 * the device reaches. A mapping of a buffer the device cannot reach takes
 * whole slots of SMM_BOUNCE_SLOT bytes, contiguous and never crossing a
 * segment of SMM_BOUNCE_SEG_SLOTS slots (swiotlb's IO_TLB_SIZE and
 * IO_TLB_SEGSIZE); the pool remembers, per mapping, the original physical
 * address each slot stands in for, so that sync and unmap know where to
 * copy. The search starts after the last allocation and wraps, as
 * swiotlb's index does.
 *
 * The core only does the bookkeeping, in physical addresses; the glue maps
 * the slots for the device and copies the bytes.
 *
 * Locking: none inside; the glue serializes calls on one pool.
 */

#ifndef _SMM_BOUNCE_H
#define _SMM_BOUNCE_H

#include "smm_ctx.h"

#define SMM_BOUNCE_SLOT_SHIFT	11
#define SMM_BOUNCE_SLOT		(1u << SMM_BOUNCE_SLOT_SHIFT)
#define SMM_BOUNCE_SEG_SLOTS	128
/* The largest mapping one bounce can take: a whole segment (256 KiB). */
#define SMM_BOUNCE_MAX_MAP	(SMM_BOUNCE_SEG_SLOTS * SMM_BOUNCE_SLOT)

/**
 * struct smm_bounce_slot - what the pool knows of one slot
 * @orig: original physical address the slot stands in for (in use only)
 * @alloc_size: on the first slot of a mapping, its size in bytes; 0 on
 *	the others and on free slots
 * @used: the slot belongs to a mapping
 */
struct smm_bounce_slot {
	u64 orig;
	u32 alloc_size;
	bool used;
};

/**
 * struct smm_bounce_pool - a bounce pool
 * @base: physical address of slot 0, SMM_BOUNCE_SLOT aligned
 * @nslots: slots in the pool
 * @used: slots in use
 * @index: slot where the next search starts
 * @slots: per-slot state
 * @maps: mappings made since init
 * @fails: mappings refused for want of room
 */
struct smm_bounce_pool {
	u64 base;
	unsigned int nslots;
	unsigned int used;
	unsigned int index;
	struct smm_bounce_slot *slots;
	u64 maps;
	u64 fails;
};

int smm_bounce_init(struct smm_bounce_pool *pool, u64 base, u64 bytes);
void smm_bounce_destroy(struct smm_bounce_pool *pool);
int smm_bounce_map(struct smm_bounce_pool *pool, u64 orig, u32 size,
		   u64 *bounce);
int smm_bounce_unmap(struct smm_bounce_pool *pool, u64 bounce, u32 size,
		     u64 *orig);
int smm_bounce_lookup(const struct smm_bounce_pool *pool, u64 addr, u64 *orig);
bool smm_bounce_contains(const struct smm_bounce_pool *pool, u64 addr);

#endif /* _SMM_BOUNCE_H */
