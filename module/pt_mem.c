// SPDX-License-Identifier: GPL-2.0
/*
 * Table memory of the host for the software walker: any RAM page by
 * physical address, mapped with kmap_local_page(). Shadow tables and the
 * host's live ones are read the same way; an armhf page table may sit in
 * highmem (HIGHPTE), where only a temporary map reaches it. Shadow
 * tables come from lowmem, which the kernel's linear map holds whole:
 * their memory reads them there, with no map at all.
 */

#include <linux/highmem.h>
#include <linux/mm.h>

#include "pt_glue.h"

/**
 * smm_pt_host_map() - map a page of host RAM for the walker
 * @arg: unused
 * @pa: its physical address
 *
 * Return: the page's address until smm_pt_host_unmap(), or NULL when @pa
 * is not RAM the kernel describes (pfn_valid()).
 */
void *smm_pt_host_map(void *arg, u64 pa)
{
	u64 page_pa = pa & ~((u64)PAGE_SIZE - 1);
	unsigned long pfn = page_pa >> PAGE_SHIFT;

	/* A 32-bit pfn cannot name every address a descriptor can. */
	if (((u64)pfn << PAGE_SHIFT) != page_pa || !pfn_valid(pfn))
		return NULL;
	return kmap_local_page(pfn_to_page(pfn));
}

/**
 * smm_pt_host_unmap() - undo smm_pt_host_map()
 * @arg: unused
 * @page: what it returned
 */
void smm_pt_host_unmap(void *arg, void *page)
{
	kunmap_local(page);
}

const struct smm_pt_mem smm_pt_host_mem = {
	.map = smm_pt_host_map,
	.unmap = smm_pt_host_unmap,
};

/**
 * smm_pt_linear_mem_init() - table memory with lowmem as its linear range
 * @mem: filled: smm_pt_host_mem, plus the kernel's linear map of lowmem
 *
 * Lowmem, from the first address the linear map translates up to
 * high_memory, is mapped at __va(): x86_64 page_offset_base + pa, arm64
 * and armhf PAGE_OFFSET + (pa - PHYS_OFFSET). A table there is read with
 * no call; a page outside still goes through kmap_local_page(). Only for
 * shadow spaces, whose tables the core allocates there and nowhere else
 * (struct smm_pt_mem): their fast walks trust them, where a live walk
 * checks every table with pfn_valid().
 */
void smm_pt_linear_mem_init(struct smm_pt_mem *mem)
{
	phys_addr_t start = __pa(PAGE_OFFSET);
	phys_addr_t end = __pa((unsigned long)high_memory - 1) + 1;

	*mem = smm_pt_host_mem;
	mem->linear_base = (u8 *)PAGE_OFFSET;
	mem->linear_start = start;
	mem->linear_size = end - start;
}
