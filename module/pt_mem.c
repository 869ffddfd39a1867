// SPDX-License-Identifier: GPL-2.0
/*
 * Table memory of the host for the software walker: any RAM page by
 * physical address, mapped with kmap_local_page(). Shadow tables and the
 * host's live ones are read the same way; an armhf page table may sit in
 * highmem (HIGHPTE), where only a temporary map reaches it.
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
