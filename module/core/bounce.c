// SPDX-License-Identifier: GPL-2.0
/*
 * The bounce pool's slot allocator. A mapping is a run of used slots whose
 * first one carries the mapping's size, so the head of the mapping a slot
 * belongs to is the nearest slot at or below it with a size.
 */

#include "bounce.h"

static unsigned int smm_bounce_slots_for(u32 size)
{
	return (size + SMM_BOUNCE_SLOT - 1) >> SMM_BOUNCE_SLOT_SHIFT;
}

static u64 smm_bounce_slot_addr(const struct smm_bounce_pool *pool,
				unsigned int slot)
{
	return pool->base + ((u64)slot << SMM_BOUNCE_SLOT_SHIFT);
}

/**
 * smm_bounce_init() - make a pool over a range of memory
 * @pool: the pool; left empty (all zero) on error
 * @base: physical address of the range, SMM_BOUNCE_SLOT aligned
 * @bytes: its size, a non-zero multiple of SMM_BOUNCE_SLOT
 *
 * Return: 0; -EINVAL for a misaligned, empty, wrapping or too large range;
 * -ENOMEM when the slot array cannot be allocated.
 */
int smm_bounce_init(struct smm_bounce_pool *pool, u64 base, u64 bytes)
{
	u64 nslots = bytes >> SMM_BOUNCE_SLOT_SHIFT;

	memset(pool, 0, sizeof(*pool));
	if ((base | bytes) & (SMM_BOUNCE_SLOT - 1) || !bytes)
		return -EINVAL;
	if (base + bytes - 1 < base ||
	    nslots > ~0u / sizeof(*pool->slots) ||
	    nslots > SIZE_MAX / sizeof(*pool->slots))
		return -EINVAL;
	pool->slots = smm_ctx_zalloc(nslots * sizeof(*pool->slots));
	if (!pool->slots)
		return -ENOMEM;
	pool->base = base;
	pool->nslots = nslots;
	return 0;
}

/**
 * smm_bounce_destroy() - free a pool's slot array
 * @pool: the pool (initialized, or left empty by a failed init)
 *
 * Mappings still live are forgotten; the pool is left empty.
 */
void smm_bounce_destroy(struct smm_bounce_pool *pool)
{
	smm_ctx_free(pool->slots);
	memset(pool, 0, sizeof(*pool));
}

/*
 * The first of @n free slots in a row within one segment, searching from
 * @pool->index and wrapping; -1 when there are none. Each step rules out
 * a run of start slots: past the pool's end, past the segment's end, or
 * up to a used slot that every start before it would cover.
 */
static int smm_bounce_find(const struct smm_bounce_pool *pool, unsigned int n)
{
	unsigned int start = pool->index, ruled_out = 0;

	if (start >= pool->nslots)
		start = 0;
	while (ruled_out < pool->nslots) {
		unsigned int seg_end, slot;

		if (n > pool->nslots - start) {
			ruled_out += pool->nslots - start;
			start = 0;
			continue;
		}
		seg_end = (start / SMM_BOUNCE_SEG_SLOTS + 1) *
			  SMM_BOUNCE_SEG_SLOTS;
		if (start + n > seg_end) {
			ruled_out += seg_end - start;
			start = seg_end < pool->nslots ? seg_end : 0;
			continue;
		}
		for (slot = start; slot < start + n; slot++)
			if (pool->slots[slot].used)
				break;
		if (slot == start + n)
			return start;
		ruled_out += slot + 1 - start;
		start = slot + 1 < pool->nslots ? slot + 1 : 0;
	}
	return -1;
}

/**
 * smm_bounce_map() - take slots for a buffer
 * @pool: the pool
 * @orig: physical address of the buffer the slots stand in for
 * @size: its size in bytes, 1 to SMM_BOUNCE_MAX_MAP
 * @bounce: set to the physical address of the first slot
 *
 * Return: 0; -EINVAL for a size out of range; -ENOMEM when no run of free
 * slots within one segment is long enough (counted in @pool->fails).
 */
int smm_bounce_map(struct smm_bounce_pool *pool, u64 orig, u32 size,
		   u64 *bounce)
{
	unsigned int n, i;
	int first;

	if (!size || size > SMM_BOUNCE_MAX_MAP)
		return -EINVAL;
	n = smm_bounce_slots_for(size);
	first = pool->nslots ? smm_bounce_find(pool, n) : -1;
	if (first < 0) {
		pool->fails++;
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		struct smm_bounce_slot *s = &pool->slots[first + i];

		s->used = true;
		s->orig = orig + ((u64)i << SMM_BOUNCE_SLOT_SHIFT);
		s->alloc_size = i ? 0 : size;
	}
	pool->used += n;
	pool->index = first + n < pool->nslots ? first + n : 0;
	pool->maps++;
	*bounce = smm_bounce_slot_addr(pool, first);
	return 0;
}

/* Slot index of @addr inside the pool, or -1. */
static int smm_bounce_slot_of(const struct smm_bounce_pool *pool, u64 addr)
{
	if (!smm_bounce_contains(pool, addr))
		return -1;
	return (addr - pool->base) >> SMM_BOUNCE_SLOT_SHIFT;
}

/**
 * smm_bounce_unmap() - give a mapping's slots back
 * @pool: the pool
 * @bounce: the address smm_bounce_map() returned
 * @size: the size it was given
 * @orig: set to the buffer's physical address
 *
 * Return: 0; -EINVAL when no mapping of @size starts at @bounce (nothing
 * changes then).
 */
int smm_bounce_unmap(struct smm_bounce_pool *pool, u64 bounce, u32 size,
		     u64 *orig)
{
	int first = smm_bounce_slot_of(pool, bounce);
	unsigned int n, i;

	if (first < 0 || bounce & (SMM_BOUNCE_SLOT - 1))
		return -EINVAL;
	if (!pool->slots[first].used || !size ||
	    pool->slots[first].alloc_size != size)
		return -EINVAL;
	n = smm_bounce_slots_for(size);
	*orig = pool->slots[first].orig;
	for (i = 0; i < n; i++) {
		struct smm_bounce_slot *s = &pool->slots[first + i];

		s->used = false;
		s->orig = 0;
		s->alloc_size = 0;
	}
	pool->used -= n;
	return 0;
}

/**
 * smm_bounce_lookup() - the original of a byte in the pool
 * @pool: the pool
 * @addr: a physical address in the pool
 * @orig: set to the physical address of the byte @addr stands in for
 *
 * Return: 0; -ENOENT when @addr is not one of a live mapping's @size bytes
 * (the unused tail of a mapping's last slot is not).
 */
int smm_bounce_lookup(const struct smm_bounce_pool *pool, u64 addr, u64 *orig)
{
	int slot = smm_bounce_slot_of(pool, addr);
	int head;

	if (slot < 0 || !pool->slots[slot].used)
		return -ENOENT;
	for (head = slot; head > 0 && !pool->slots[head].alloc_size; head--)
		;
	if (addr - smm_bounce_slot_addr(pool, head) >=
	    pool->slots[head].alloc_size)
		return -ENOENT;
	*orig = pool->slots[slot].orig + (addr & (SMM_BOUNCE_SLOT - 1));
	return 0;
}

/**
 * smm_bounce_contains() - whether an address lies in the pool's range
 * @pool: the pool
 * @addr: a physical address
 *
 * Return: true for an address of one of the pool's slots, used or free.
 */
bool smm_bounce_contains(const struct smm_bounce_pool *pool, u64 addr)
{
	return addr - pool->base < ((u64)pool->nslots << SMM_BOUNCE_SLOT_SHIFT);
}
