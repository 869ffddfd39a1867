// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow DMA layer's streaming half (see dma.c for the whole): the
 * bounce pool, dma_map_page() and dma_map_sgtable() over shadow pages,
 * and their syncs.
 *
 * Without a translating IOMMU, memory beyond the device's mask goes
 * through slots of the pool (core/bounce.c's bookkeeping over a block of
 * shadow pages the device reaches, vmap()ed for the copies): the bytes
 * are copied into the slot at map, always, as swiotlb does, so that a
 * from-device mapping never shows old pool bytes; to the slot before the
 * device gets the memory (sync for device, to-device directions), back
 * after (sync for CPU and unmap, from-device directions); and the slot is
 * what the kernel's DMA API maps. Syncs of a range copy that range only.
 *
 * Everything runs with smm_dma_mutex held.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "dma_priv.h"
#include "shadow_mm.h"
#include "smm_dma.h"

static unsigned int smm_bounce_kb = 256;
SMM_PARAM_UINT_RANGE(bounce_kb, smm_bounce_kb, 0, 4096, 0644,
		     "Shadow bounce pool of the DMA device in KiB, rounded up to a power-of-two block of pages; 0..4096 (default 256); read at bind and at each mask change");

static_assert(SMM_BOUNCE_MAX_MAP == SZ_256K);

/* Copy @size bytes between a bounce slot and the memory it stands for. */
static void smm_dma_bounce_copy(struct smm_dma_dev *sdev, u64 bounce_pa,
				u64 orig_pa, u64 size, bool to_slot)
{
	u8 *slot = (u8 *)sdev->pool_vaddr + (bounce_pa - sdev->pool.base);

	sdev->bounce_bytes += size;
	while (size) {
		unsigned int off = orig_pa & (PAGE_SIZE - 1);
		size_t n = min_t(u64, size, PAGE_SIZE - off);
		u8 *p = kmap_local_page(pfn_to_page(orig_pa >> PAGE_SHIFT));

		if (to_slot)
			memcpy(slot, p + off, n);
		else
			memcpy(p + off, slot, n);
		kunmap_local(p);
		slot += n;
		orig_pa += n;
		size -= n;
	}
}

static bool smm_dma_dir_to_device(enum dma_data_direction dir)
{
	return dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL;
}

static bool smm_dma_dir_from_device(enum dma_data_direction dir)
{
	return dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL;
}

/*
 * Take bounce slots for [pa, pa + size) and copy the bytes in.
 * Return: the slots' physical address, or 0 with sdev->map_why set.
 */
static u64 smm_dma_bounce_map(struct smm_dma_dev *sdev, u64 pa, u64 size)
{
	u64 bounce;

	if (!sdev->pool.nslots) {
		sdev->map_why =
			"it lies beyond the device's DMA mask and there is no bounce pool";
		return 0;
	}
	if (size > SMM_BOUNCE_MAX_MAP) {
		sdev->map_why =
			"it lies beyond the DMA mask and a bounced mapping takes at most 256 KiB";
		return 0;
	}
	if (smm_bounce_map(&sdev->pool, pa, size, &bounce)) {
		sdev->map_why =
			"it lies beyond the device's DMA mask and the bounce pool is full";
		return 0;
	}
	smm_dma_bounce_copy(sdev, bounce, pa, size, true);
	return bounce;
}

/* Give bounce slots back, copying nothing out of them. */
static void smm_dma_bounce_drop(struct smm_dma_dev *sdev, u64 bounce, u64 size)
{
	u64 orig;

	if (smm_bounce_unmap(&sdev->pool, bounce, size, &orig))
		dev_err(sdev->dev, "bounce slots at %#llx (%llu bytes) were not a mapping of the pool\n",
			bounce, size);
}

/**
 * smm_dma_bounce_unmap() - give bounce slots back
 * @sdev: the device
 * @bounce: physical address of the first slot
 * @pa: the memory the slots stand for
 * @size: bytes mapped
 * @dir: the mapping's direction: from the device, its bytes are copied
 *	out of the slots first
 */
void smm_dma_bounce_unmap(struct smm_dma_dev *sdev, u64 bounce, u64 pa,
			  u64 size, enum dma_data_direction dir)
{
	if (smm_dma_dir_from_device(dir))
		smm_dma_bounce_copy(sdev, bounce, pa, size, false);
	smm_dma_bounce_drop(sdev, bounce, size);
}

/**
 * smm_dma_sg_unmap_entries() - undo the mapping of a table mapped entry
 * by entry
 * @sdev: the device
 * @sg: the table
 * @nents: its first entries to unmap (all, or those mapped before a
 *	failure)
 * @dir: the direction they were mapped with
 * @copy_back: copy bounced bytes back (from-device directions), as an
 *	unmap does; false when the mapping failed and the device never had
 *	the memory, whose slots then hold nothing new
 *
 * Bounced entries have their slots freed; the table's bounce array goes.
 */
void smm_dma_sg_unmap_entries(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
			      unsigned int nents, enum dma_data_direction dir,
			      bool copy_back)
{
	struct scatterlist *s;
	unsigned int i;

	for_each_sg(sg->sgt.sgl, s, nents, i) {
		dma_unmap_page(sdev->dev, sg_dma_address(s), sg_dma_len(s),
			       dir);
		if (!sg->bounce[i])
			continue;
		if (copy_back)
			smm_dma_bounce_unmap(sdev, sg->bounce[i], sg_phys(s),
					     s->length, dir);
		else
			smm_dma_bounce_drop(sdev, sg->bounce[i], s->length);
	}
	kfree(sg->bounce);
	sg->bounce = NULL;
}

/**
 * smm_dma_pool_free() - free the device's bounce pool, if it has one
 * @sdev: the device, without bounced mappings
 */
void smm_dma_pool_free(struct smm_dma_dev *sdev)
{
	if (!sdev->pool.nslots)
		return;
	if (sdev->pool.used)
		dev_err(sdev->dev, "bounce pool freed with %u slot(s) in use\n",
			sdev->pool.used);
	smm_bounce_destroy(&sdev->pool);
	memset(&sdev->pool, 0, sizeof(sdev->pool));
	vunmap(sdev->pool_vaddr);
	sdev->pool_vaddr = NULL;
	smm_dma_pages_free(sdev->pool_pfn);
}

/*
 * Why no pool could be carved: in @extack when there is one (a mask
 * change, which is then refused), else in the kernel log (at bind, where
 * the device goes without).
 */
__printf(3, 4)
static void smm_dma_pool_why(struct smm_dma_dev *sdev,
			     struct netlink_ext_ack *extack,
			     const char *fmt, ...)
{
	char why[128];
	va_list args;

	va_start(args, fmt);
	vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);
	if (extack)
		smm_dma_set_msg(extack, NULL, "no bounce pool for a %u-bit mask: %s",
				sdev->mask_bits, why);
	else
		dev_info(sdev->dev, "no bounce pool: %s\n", why);
}

/**
 * smm_dma_pool_carve() - carve a bounce pool for the device's mask
 * @sdev: the device, its mask set; its current pool (if any) untouched
 * @blk: set to the pool, to install with smm_dma_pool_install()
 * @extack: for the reason of a failure; NULL logs it instead
 *
 * One block of bounce_kb (rounded up to a power of two pages) from the
 * highest shadow zone wholly below the mask, vmap()ed for the copies.
 * None is wanted under a translating IOMMU or with bounce_kb=0: success
 * with blk->pool.nslots == 0.
 *
 * Return: 0; -ERANGE when no shadow zone lies wholly below the mask;
 * -ENOMEM when no free block or no memory for its bookkeeping.
 */
int smm_dma_pool_carve(struct smm_dma_dev *sdev,
		       struct smm_dma_pool_block *blk,
		       struct netlink_ext_ack *extack)
{
	unsigned int kb = READ_ONCE(smm_bounce_kb);
	unsigned int order;

	memset(blk, 0, sizeof(*blk));
	if (sdev->translated)
		return 0;
	if (!kb) {
		if (!extack)
			dev_info(sdev->dev, "no bounce pool: bounce_kb=0\n");
		return 0;
	}
	order = min_t(unsigned int, get_order((unsigned long)kb << 10),
		      SMM_HOST_MAX_ORDER);
	blk->zone = smm_dma_highest_below(sdev, smm_dma_limit(sdev),
					  SMM_ZONE_NORMAL);
	if (blk->zone < 0) {
		smm_dma_pool_why(sdev, extack,
				 "no shadow zone lies wholly below it");
		return -ERANGE;
	}
	if (smm_dma_block_alloc(order, blk->zone, SMM_NUMA_NO_NODE,
				smm_dma_owner_pool, &blk->pfn)) {
		smm_dma_pool_why(sdev, extack,
				 "no free block of %lu KiB in shadow zone %s and below",
				 PAGE_SIZE << order >> 10,
				 smm_zone_names[blk->zone]);
		return -ENOMEM;
	}
	blk->vaddr = smm_dma_vmap_block(blk->pfn, order, PAGE_KERNEL);
	if (!blk->vaddr)
		goto err_free;
	if (smm_bounce_init(&blk->pool, blk->pfn << PAGE_SHIFT,
			    (u64)PAGE_SIZE << order))
		goto err_vunmap;
	return 0;

err_vunmap:
	vunmap(blk->vaddr);
err_free:
	smm_dma_pages_free(blk->pfn);
	memset(blk, 0, sizeof(*blk));
	smm_dma_pool_why(sdev, extack, "out of memory for its bookkeeping");
	return -ENOMEM;
}

/**
 * smm_dma_pool_install() - make a carved pool the device's
 * @sdev: the device, without a pool
 * @blk: what smm_dma_pool_carve() made (nothing when it made no pool)
 */
void smm_dma_pool_install(struct smm_dma_dev *sdev,
			  const struct smm_dma_pool_block *blk)
{
	if (!blk->pool.nslots)
		return;
	sdev->pool = blk->pool;
	sdev->pool_pfn = blk->pfn;
	sdev->pool_vaddr = blk->vaddr;
	dev_info(sdev->dev, "bounce pool: %llu KiB at %#llx (shadow zone %s), %u slots of %u bytes\n",
		 (u64)sdev->pool.nslots * SMM_BOUNCE_SLOT >> 10, sdev->pool.base,
		 smm_zone_names[blk->zone], sdev->pool.nslots,
		 SMM_BOUNCE_SLOT);
}

/*
 * Map [pa, pa + size) for the device: through bounce slots when it lies
 * beyond the device's reach, directly otherwise. Sets *@addr to the
 * device address and *@bounce to the slots' physical address (0: not
 * bounced). Return: 0; -ENOMEM when it needs slots the pool cannot give,
 * -EIO when the kernel's DMA API refuses it; sdev->map_why says which,
 * and nothing is left behind.
 */
static int smm_dma_map_range(struct smm_dma_dev *sdev, u64 pa, u64 size,
			     enum dma_data_direction dir, dma_addr_t *addr,
			     u64 *bounce)
{
	*bounce = 0;
	if (smm_dma_beyond(sdev, pa, size)) {
		*bounce = smm_dma_bounce_map(sdev, pa, size);
		if (!*bounce)
			return -ENOMEM;
	}
	*addr = smm_dma_map_phys(sdev, *bounce ?: pa, size, dir);
	if (dma_mapping_error(sdev->dev, *addr)) {
		sdev->map_why = "the kernel's DMA API refused it";
		if (*bounce)
			smm_dma_bounce_drop(sdev, *bounce, size);
		*bounce = 0;
		return -EIO;
	}
	return 0;
}

/**
 * smm_dma_map_page() - dma_map_page() of shadow memory
 * @sdev: the device
 * @page: the first page
 * @offset: bytes into it
 * @size: bytes to map, physically contiguous
 * @dir: the direction
 * @site: the caller
 *
 * Through a bounce slot when the device cannot reach the memory and no
 * IOMMU translates. Tracked with its error not yet checked.
 *
 * Return: the device address, or DMA_MAPPING_ERROR with sdev->map_why
 * saying why.
 */
dma_addr_t smm_dma_map_page(struct smm_dma_dev *sdev, struct page *page,
			    size_t offset, size_t size,
			    enum dma_data_direction dir, unsigned long site)
{
	u64 pa = ((u64)page_to_pfn(page) << PAGE_SHIFT) + offset;
	struct smm_dma_map *m;
	dma_addr_t addr;
	u64 bounce;

	lockdep_assert_held(&smm_dma_mutex);
	sdev->map_why = NULL;
	if (!size) {
		sdev->map_why = "a mapping of 0 bytes";
		return DMA_MAPPING_ERROR;
	}
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m) {
		sdev->map_why = "out of memory for its record";
		return DMA_MAPPING_ERROR;
	}
	if (smm_dma_map_range(sdev, pa, size, dir, &addr, &bounce))
		goto err_record;
	m->kind = SMM_DMA_KIND_SINGLE;
	m->dir = dir;
	m->addr = addr;
	m->size = size;
	m->site = site;
	m->pa = pa;
	m->bounce_pa = bounce;
	if (smm_dma_track(sdev, sdev->dev, m, false)) {
		sdev->map_why = "the DMA-debug tracker could not record it";
		dma_unmap_page(sdev->dev, addr, size, dir);
		if (bounce)
			smm_dma_bounce_drop(sdev, bounce, size);
		goto err_record;
	}
	if (bounce)
		sdev->bounced++;
	return addr;

err_record:
	kfree(m);
	return DMA_MAPPING_ERROR;
}

/**
 * smm_dma_mapping_error() - dma_mapping_error(), which marks the
 * mapping checked
 * @sdev: the device
 * @addr: what smm_dma_map_page() returned
 *
 * Return: true when @addr is the mapping error.
 */
bool smm_dma_mapping_error(struct smm_dma_dev *sdev, dma_addr_t addr)
{
	lockdep_assert_held(&smm_dma_mutex);
	smm_dma_track_checked(&smm_dma_tracker, sdev->dev, addr);
	return dma_mapping_error(sdev->dev, addr) != 0;
}

/**
 * smm_dma_unmap_page() - dma_unmap_page()
 * @sdev: the device
 * @addr: the handle
 * @size: bytes, as mapped
 * @dir: the direction, as mapped
 * @site: the caller
 * @extack: for the finding of a refusal
 *
 * Return: as smm_dma_unmap_any().
 */
int smm_dma_unmap_page(struct smm_dma_dev *sdev, dma_addr_t addr, size_t size,
		       enum dma_data_direction dir, unsigned long site,
		       struct netlink_ext_ack *extack)
{
	return smm_dma_unmap_any(sdev, addr, size, dir, SMM_DMA_KIND_SINGLE,
				 site, extack);
}

/**
 * smm_dma_sg_size() - bytes of a scatter-gather table
 * @sg: the table
 *
 * Return: the sum of its CPU entries' lengths.
 */
u64 smm_dma_sg_size(struct smm_dma_sg *sg)
{
	struct scatterlist *s;
	unsigned int i;
	u64 size = 0;

	for_each_sgtable_sg(&sg->sgt, s, i)
		size += s->length;
	return size;
}

/**
 * smm_dma_sg_bounced() - whether an entry of a mapped table bounced
 * @sg: the table
 *
 * Return: true when one did.
 */
bool smm_dma_sg_bounced(struct smm_dma_sg *sg)
{
	return !!sg->bounce;
}

/**
 * smm_dma_sg_dma_at() - the device address of a byte of a mapped table
 * @sg: the table, mapped
 * @offset: the byte's offset in the mapping
 * @dma: set to its device address
 * @len: set to the bytes from it to the end of its DMA segment
 *
 * Return: false when @offset lies past the mapping.
 */
bool smm_dma_sg_dma_at(struct smm_dma_sg *sg, u64 offset, dma_addr_t *dma,
		       u64 *len)
{
	struct scatterlist *s;
	unsigned int i;
	u64 pos = 0;

	for_each_sgtable_dma_sg(&sg->sgt, s, i) {
		u64 n = sg_dma_len(s);

		if (offset < pos + n) {
			*dma = sg_dma_address(s) + (offset - pos);
			*len = pos + n - offset;
			return true;
		}
		pos += n;
	}
	return false;
}

/*
 * Map each entry by itself, the way dma-direct does, bouncing the ones
 * beyond the mask. Return: 0, or -ENOMEM/-EIO with the extack set.
 */
static int smm_dma_sg_map_entries(struct smm_dma_dev *sdev,
				  struct smm_dma_sg *sg,
				  enum dma_data_direction dir,
				  struct netlink_ext_ack *extack)
{
	unsigned int nents = sg->sgt.orig_nents;
	struct scatterlist *s;
	unsigned int i;

	sg->bounce = kcalloc(nents, sizeof(*sg->bounce), GFP_KERNEL);
	if (!sg->bounce) {
		smm_dma_set_msg(extack, NULL,
				"out of memory for the bounce records of %u entries",
				nents);
		return -ENOMEM;
	}
	for_each_sgtable_sg(&sg->sgt, s, i) {
		dma_addr_t addr;
		int ret;

		ret = smm_dma_map_range(sdev, sg_phys(s), s->length, dir,
					&addr, &sg->bounce[i]);
		if (ret) {
			smm_dma_set_msg(extack, NULL, "entry %u: %s", i,
					sdev->map_why);
			/* The entries before it: never the device's. */
			smm_dma_sg_unmap_entries(sdev, sg, i, dir, false);
			return ret;
		}
		sg_dma_address(s) = addr;
		sg_dma_len(s) = s->length;
	}
	sg->sgt.nents = nents;
	return 0;
}

/**
 * smm_dma_map_sg() - dma_map_sgtable() of shadow pages
 * @sdev: the device
 * @sg: the table, its CPU entries built by the caller
 * @dir: the direction
 * @site: the caller
 * @extack: for the reason of a failure
 *
 * When an IOMMU translates or every entry is within reach, the kernel
 * maps the table (an IOMMU may merge entries); otherwise each entry is
 * mapped by itself, through bounce slots where needed. Tracked as one
 * mapping: the first segment's address, the table's bytes, checked (the
 * return value is the check).
 *
 * Return: 0, or a negative errno with the extack set.
 */
int smm_dma_map_sg(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
		   enum dma_data_direction dir, unsigned long site,
		   struct netlink_ext_ack *extack)
{
	bool bounce = false;
	struct smm_dma_map *m;
	struct scatterlist *s;
	unsigned int i;
	int ret;

	lockdep_assert_held(&smm_dma_mutex);
	if (!sg->sgt.orig_nents) {
		smm_dma_set_msg(extack, NULL, "a scatterlist without entries");
		return -EINVAL;
	}
	for_each_sgtable_sg(&sg->sgt, s, i)
		bounce |= smm_dma_beyond(sdev, sg_phys(s), s->length);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m) {
		smm_dma_set_msg(extack, NULL,
				"out of memory for the mapping's record");
		return -ENOMEM;
	}
	sg->dir = dir;
	sg->bounce = NULL;
	if (bounce) {
		ret = smm_dma_sg_map_entries(sdev, sg, dir, extack);
	} else {
		ret = dma_map_sgtable(sdev->dev, &sg->sgt, dir, 0);
		if (ret)
			smm_dma_set_msg(extack, NULL,
					"the kernel's DMA API refused to map the scatterlist (error %d)",
					ret);
	}
	if (ret)
		goto err_record;
	sg->nents_mapped = sg->sgt.nents;
	m->kind = SMM_DMA_KIND_SG;
	m->dir = dir;
	m->addr = sg_dma_address(sg->sgt.sgl);
	m->size = smm_dma_sg_size(sg);
	m->site = site;
	m->sg = sg;
	m->per_entry = bounce;
	ret = smm_dma_track(sdev, sg, m, true);
	if (ret) {
		smm_dma_set_msg(extack, NULL,
				"the DMA-debug tracker could not record the mapping");
		goto err_unmap;
	}
	list_add_tail(&m->sg_node, &sdev->sg_maps);
	sdev->nr_sg_maps++;
	if (bounce)
		sdev->bounced++;
	return 0;

err_unmap:
	if (bounce)
		smm_dma_sg_unmap_entries(sdev, sg, sg->sgt.orig_nents, dir,
					 false);
	else
		dma_unmap_sgtable(sdev->dev, &sg->sgt, dir, 0);
err_record:
	kfree(m);
	return ret;
}

/**
 * smm_dma_unmap_sg() - dma_unmap_sgtable()
 * @sdev: the device
 * @sg: the table, mapped
 * @dir: the direction, as mapped
 * @site: the caller
 * @extack: for the finding of a refusal
 *
 * Return: as smm_dma_unmap_any().
 */
int smm_dma_unmap_sg(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
		     enum dma_data_direction dir, unsigned long site,
		     struct netlink_ext_ack *extack)
{
	return smm_dma_unmap_any(sdev, sg_dma_address(sg->sgt.sgl),
				 smm_dma_sg_size(sg), dir, SMM_DMA_KIND_SG,
				 site, extack);
}

/* Sync [off, off + size) of a single mapping, bounce copies included. */
static void smm_dma_sync_range(struct smm_dma_dev *sdev,
			       const struct smm_dma_map *m, dma_addr_t addr,
			       u64 off, u64 size, enum dma_data_direction dir,
			       bool for_device)
{
	if (for_device) {
		if (m->bounce_pa && smm_dma_dir_to_device(dir))
			smm_dma_bounce_copy(sdev, m->bounce_pa + off,
					    m->pa + off, size, true);
		dma_sync_single_for_device(sdev->dev, addr, size, dir);
		return;
	}
	dma_sync_single_for_cpu(sdev->dev, addr, size, dir);
	if (m->bounce_pa && smm_dma_dir_from_device(dir))
		smm_dma_bounce_copy(sdev, m->bounce_pa + off, m->pa + off,
				    size, false);
}

/*
 * Sync [off, off + size) of a scatter-gather mapping entry by entry: each
 * part of a CPU entry is physically contiguous and lies in one DMA
 * segment.
 */
static void smm_dma_sync_sg_range(struct smm_dma_dev *sdev,
				  struct smm_dma_sg *sg, u64 off, u64 size,
				  enum dma_data_direction dir, bool for_device)
{
	u64 end = off + size, pos = 0;
	struct scatterlist *s;
	unsigned int i;

	for_each_sgtable_sg(&sg->sgt, s, i) {
		u64 from = max(off, pos), to = min(end, pos + s->length);
		struct smm_dma_map part = {};
		dma_addr_t addr;
		u64 len;

		if (from < to && smm_dma_sg_dma_at(sg, from, &addr, &len)) {
			part.pa = sg_phys(s);
			part.bounce_pa = sg->bounce ? sg->bounce[i] : 0;
			smm_dma_sync_range(sdev, &part, addr, from - pos,
					   to - from, dir, for_device);
		}
		pos += s->length;
		if (pos >= end)
			break;
	}
}

/* The sync calls, once the key of the mapping is known. */
static int smm_dma_sync_keyed(struct smm_dma_dev *sdev, const void *key,
			      u64 addr, u64 size, enum dma_data_direction dir,
			      bool for_device, unsigned long site,
			      struct netlink_ext_ack *extack)
{
	struct smm_dma_entry out;
	enum smm_dma_check check;
	struct smm_dma_map *m;
	bool log = false;
	u64 off;

	lockdep_assert_held(&smm_dma_mutex);
	check = smm_dma_track_sync(&smm_dma_tracker, key, addr, size, dir, site,
				   &out, &log);
	if (check != SMM_DMA_OK) {
		smm_dma_note(sdev, check, log, 0, extack);
		return -EINVAL;
	}
	m = out.cookie;
	off = addr - out.addr;
	switch (m->kind) {
	case SMM_DMA_KIND_SINGLE:
		smm_dma_sync_range(sdev, m, addr, off, size, dir, for_device);
		break;
	case SMM_DMA_KIND_SG:
		smm_dma_sync_sg_range(sdev, m->sg, off, size, dir, for_device);
		break;
	default:
		/* Coherent memory needs no sync. */
		break;
	}
	return 0;
}

/**
 * smm_dma_sync_single() - dma_sync_single_for_cpu() or _for_device()
 * @sdev: the device
 * @addr: device address of the first byte to sync
 * @size: bytes
 * @dir: the direction passed
 * @for_device: hand the memory to the device (else to the CPU)
 * @site: the caller
 * @extack: for the finding of a refusal
 *
 * Only the range is synced, and through a bounce slot only the range is
 * copied: to the slot before the device gets it (to-device), back after
 * (from-device). @addr may lie in any DMA segment of a scatter-gather
 * mapping: the range then starts at that byte of the mapping, and a
 * finding names it by the mapping's handle plus the byte's offset.
 *
 * Return: 0, or -EINVAL after a check refused the call.
 */
int smm_dma_sync_single(struct smm_dma_dev *sdev, u64 addr, u64 size,
			enum dma_data_direction dir, bool for_device,
			unsigned long site, struct netlink_ext_ack *extack)
{
	const void *key = smm_dma_key(sdev, addr, &addr);

	return smm_dma_sync_keyed(sdev, key, addr, size, dir, for_device,
				  site, extack);
}

/**
 * smm_dma_sync_sg() - sync part of a scatter-gather mapping
 * @sdev: the device
 * @sg: the table, mapped
 * @offset: bytes into the mapping
 * @size: bytes
 * @dir: the direction passed
 * @for_device: hand the memory to the device (else to the CPU)
 * @site: the caller
 * @extack: for the finding of a refusal
 *
 * Return: as smm_dma_sync_single().
 */
int smm_dma_sync_sg(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
		    u64 offset, u64 size, enum dma_data_direction dir,
		    bool for_device, unsigned long site,
		    struct netlink_ext_ack *extack)
{
	return smm_dma_sync_keyed(sdev, sg,
				  (u64)sg_dma_address(sg->sgt.sgl) + offset,
				  size, dir, for_device, site, extack);
}

/**
 * smm_dma_segment() - a single or coherent mapping, for replies
 * @sdev: the device
 * @addr: its handle
 * @size: its bytes
 * @seg: filled with its physical and device addresses
 *
 * Return: 0, or -ENOENT when no mapping starts at @addr.
 */
int smm_dma_segment(struct smm_dma_dev *sdev, dma_addr_t addr, size_t size,
		    struct smm_dma_seg *seg)
{
	const struct smm_dma_entry *e;
	const struct smm_dma_map *m;

	lockdep_assert_held(&smm_dma_mutex);
	e = smm_dma_track_find(&smm_dma_tracker, sdev->dev, addr);
	if (!e || e->addr != addr)
		return -ENOENT;
	m = e->cookie;
	seg->pa = m->pa;
	seg->len = size;
	seg->dma = addr;
	seg->bounce_pa = m->bounce_pa;
	return 0;
}

