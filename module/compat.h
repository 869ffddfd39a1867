/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shadow_mm: differences between the kernels shadowmm builds for (Debian
 * 6.1 and 6.12), in one place. Feature probes where a macro or a Kbuild
 * probe can tell; a version check only where nothing else can.
 */

#ifndef _SMM_COMPAT_H
#define _SMM_COMPAT_H

#include <linux/dma-buf.h>
#include <linux/mmzone.h>
#include <linux/pageblock-flags.h>
#include <linux/pci.h>
#include <net/genetlink.h>

/*
 * SMM_HOST_MAX_ORDER - the largest order the host's buddy allocator hands
 * out, inclusive; the shadow allocator uses the same. Linux 6.8 renamed
 * the limit MAX_PAGE_ORDER (inclusive). Before 6.4 MAX_ORDER was one past
 * the largest order, from 6.4 to 6.7 it was the largest order itself:
 * Kbuild tells them apart by how mmzone.h defines MAX_ORDER_NR_PAGES.
 */
#if defined(MAX_PAGE_ORDER)
#define SMM_HOST_MAX_ORDER	MAX_PAGE_ORDER
#elif defined(SMM_HAVE_EXCLUSIVE_MAX_ORDER)
#define SMM_HOST_MAX_ORDER	(MAX_ORDER - 1)
#else
#define SMM_HOST_MAX_ORDER	MAX_ORDER
#endif

/* The host's pageblock order, which the shadow pageblocks follow. */
#define SMM_HOST_PAGEBLOCK_ORDER	((unsigned int)pageblock_order)

/**
 * smm_dump_attrs() - the parsed attributes of a dump request
 * @cb: the dump's callback state
 *
 * 6.1 keeps them in struct genl_dumpit_info; from 6.6 they live in the
 * struct genl_info that genl_info_dump() returns. Kbuild probes which.
 *
 * Return: the attribute table, indexed by attribute type.
 */
static inline struct nlattr **smm_dump_attrs(struct netlink_callback *cb)
{
#ifdef SMM_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* 6.8 renamed PCI_IRQ_LEGACY, the INTx pin, to PCI_IRQ_INTX. */
#ifndef PCI_IRQ_INTX
#define PCI_IRQ_INTX	PCI_IRQ_LEGACY
#endif

/*
 * An importer's dma-buf calls. From 6.2 the plain ones expect the
 * reservation lock held and the _unlocked ones take it; before, the plain
 * ones took what they needed. Kbuild probes each _unlocked one (Debian's
 * 6.1 backports the attachment pair only).
 */
static inline struct sg_table *
smm_dma_buf_map(struct dma_buf_attachment *attach,
		enum dma_data_direction dir)
{
#ifdef SMM_HAVE_DMA_BUF_MAP_UNLOCKED
	return dma_buf_map_attachment_unlocked(attach, dir);
#else
	return dma_buf_map_attachment(attach, dir);
#endif
}

static inline void smm_dma_buf_unmap(struct dma_buf_attachment *attach,
				     struct sg_table *sgt,
				     enum dma_data_direction dir)
{
#ifdef SMM_HAVE_DMA_BUF_MAP_UNLOCKED
	dma_buf_unmap_attachment_unlocked(attach, sgt, dir);
#else
	dma_buf_unmap_attachment(attach, sgt, dir);
#endif
}

static inline int smm_dma_buf_vmap(struct dma_buf *dmabuf,
				   struct iosys_map *map)
{
#ifdef SMM_HAVE_DMA_BUF_VMAP_UNLOCKED
	return dma_buf_vmap_unlocked(dmabuf, map);
#else
	return dma_buf_vmap(dmabuf, map);
#endif
}

static inline void smm_dma_buf_vunmap(struct dma_buf *dmabuf,
				      struct iosys_map *map)
{
#ifdef SMM_HAVE_DMA_BUF_VMAP_UNLOCKED
	dma_buf_vunmap_unlocked(dmabuf, map);
#else
	dma_buf_vunmap(dmabuf, map);
#endif
}

#endif /* _SMM_COMPAT_H */
