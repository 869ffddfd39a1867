// SPDX-License-Identifier: GPL-2.0
/*
 * The dma-buf exporter (smm_dmabuf.h): buffers of zeroed shadow pages,
 * exported as dma-bufs that other drivers import and userspace maps.
 *
 *   smm_dmabuf_alloc()  pages from the shadow allocator (one block, or
 *                       order-0 pages sorted by pfn), zeroed
 *                       dma_buf_export() + an id in the registry
 *   attach              an sg_table over the pages, per importer
 *   map_dma_buf         dma_map_sgtable() for the importer, refused when
 *                       it cannot reach a page (no IOMMU, beyond its mask)
 *   mmap, vmap          the pages' pfns into a vma; vmap() of the pages
 *   begin/end_cpu_access  syncs of every mapped attachment
 *   release             every page back to the shadow allocator
 *
 * A buffer's pages are fixed for its life; what changes (attachments,
 * their mappings, the kernel mapping) is under the buffer's mutex, never
 * under the dma-buf's reservation lock, which 6.2+ holds around some
 * callbacks and 6.1 does not. The registry (id -> buffer) has its own
 * mutex, taken before a buffer's and never inside a callback. The first
 * pfn of every block a buffer holds is also kept in a second xarray,
 * under smm_shadow.pages_mutex, so that page-free can refuse them.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/iommu.h>
#include <linux/iosys-map.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include "compat.h"
#include "shadow_mm.h"
#include "smm_dma.h"
#include "smm_dmabuf.h"

MODULE_IMPORT_NS(DMA_BUF);

/**
 * struct smm_dmabuf - one exported buffer (the dma-buf's priv)
 * @dmabuf: its dma-buf
 * @id: its id in the registry, 0 until it has one
 * @size: bytes, a whole number of pages
 * @npages: pages backing it
 * @pages: the pages, by offset
 * @blocks: the first pfn of each shadow block the pages come in, by pfn
 * @nr_blocks: entries in @blocks
 * @contiguous: one block, of 2^get_order(@size) pages
 * @zone: enum smm_zone_type of the first page
 * @nid: shadow node of the first page
 * @chunks: physically contiguous runs of @pages
 * @order_blocks: how many of @blocks are of each order
 * @owner: owner tag of the blocks
 * @inode: the dma-buf file's inode number
 * @mmaps: userspace mappings alive (vmas, split and forked ones included)
 * @lock: protects what follows
 * @attachments: the importers' struct smm_dmabuf_attachment
 * @nr_attach: entries on @attachments
 * @vaddr: the kernel mapping, while @vmaps is not 0
 * @vmaps: users of @vaddr
 */
struct smm_dmabuf {
	struct dma_buf *dmabuf;
	u32 id;
	u64 size;
	unsigned int npages;
	struct page **pages;
	u64 *blocks;
	unsigned int nr_blocks;
	bool contiguous;
	int zone;
	int nid;
	u32 chunks;
	u32 order_blocks[SMM_NR_ORDERS_MAX];
	u16 owner;
	unsigned long inode;
	atomic_t mmaps;

	struct mutex lock;	/* attachments, mappings */
	struct list_head attachments;
	unsigned int nr_attach;
	void *vaddr;
	unsigned int vmaps;
};

/**
 * struct smm_dmabuf_attachment - an importer's view (the attachment's priv)
 * @node: on smm_dmabuf.attachments
 * @dev: the importing device
 * @sgt: the pages, in segments the device takes; mapped for it while
 *	@mapped
 * @dir: direction of the current mapping
 * @maps: map_dma_buf calls that succeeded
 * @mapped: @sgt is mapped for @dev
 */
struct smm_dmabuf_attachment {
	struct list_head node;
	struct device *dev;
	struct sg_table sgt;
	enum dma_data_direction dir;
	u32 maps;
	bool mapped;
};

/* Buffers by id, 1..SHADOW_MM_MAX_DMABUFS, handed out cyclically. */
static DEFINE_MUTEX(smm_dmabuf_lock);
static DEFINE_XARRAY_ALLOC1(smm_dmabuf_ids);
static u32 smm_dmabuf_id_next;

/* First pfn of each block a buffer holds -> the buffer; pages_mutex. */
static DEFINE_XARRAY(smm_dmabuf_blocks);

static u16 smm_dmabuf_owner_default;

static const struct dma_buf_ops smm_dmabuf_ops;

/*
 * One block for @buf, recorded as the buffer's before page-free can see
 * it. Return: 0, or the allocator's errno (-ENOMEM when nothing is free).
 */
static int smm_dmabuf_block_get(struct smm_dmabuf *buf, unsigned int order,
				u32 gfp, int nid, u64 *pfn)
{
	struct smm_alloc_req req = {
		.order = order,
		.gfp = gfp | SMM_GFP_ZERO,
		.nid = nid,
		.migratetype = SMM_MIGRATE_FROM_GFP,
		.owner = buf->owner,
	};
	int ret;

	mutex_lock(&smm_shadow.pages_mutex);
	req.cpu = smm_this_cpu();
	ret = smm_alloc(smm_shadow.mm, &req, pfn);
	if (!ret) {
		ret = xa_err(xa_store(&smm_dmabuf_blocks, *pfn, buf,
				      GFP_KERNEL));
		if (ret)
			smm_free(smm_shadow.mm, *pfn, smm_this_cpu());
	}
	mutex_unlock(&smm_shadow.pages_mutex);
	return ret;
}

/* Give a block back to the shadow allocator. */
static void smm_dmabuf_block_put(u64 pfn)
{
	int ret;

	mutex_lock(&smm_shadow.pages_mutex);
	xa_erase(&smm_dmabuf_blocks, pfn);
	ret = smm_free(smm_shadow.mm, pfn, smm_this_cpu());
	mutex_unlock(&smm_shadow.pages_mutex);
	if (ret)
		pr_err("dma-buf block at pfn %#llx was already freed by someone else\n",
		       pfn);
}

/* Every block of @buf back to the shadow allocator. */
static void smm_dmabuf_blocks_put(struct smm_dmabuf *buf)
{
	unsigned int i;

	for (i = 0; i < buf->nr_blocks; i++) {
		smm_dmabuf_block_put(buf->blocks[i]);
		if (!(i % 256))
			cond_resched();
	}
	buf->nr_blocks = 0;
}

/*
 * The orders of a scattered buffer's blocks, largest first, as the
 * kernel's system heap takes them (1 MiB, 64 KiB, 4 KiB with 4 KiB
 * pages): fewer blocks to take and give back, fewer scatterlist entries.
 */
static const unsigned int smm_dmabuf_orders[] = { 8, 4, 0 };

/**
 * struct smm_dmabuf_run - a block while a scattered buffer is built
 * @pfn: its first pfn
 * @order: its order
 */
struct smm_dmabuf_run {
	u64 pfn;
	unsigned int order;
};

static int smm_dmabuf_run_cmp(const void *a, const void *b)
{
	u64 x = ((const struct smm_dmabuf_run *)a)->pfn;
	u64 y = ((const struct smm_dmabuf_run *)b)->pfn;

	return x < y ? -1 : x > y;
}

/*
 * @buf->npages pages in blocks of smm_dmabuf_orders[], each the largest
 * that still fits what is missing and that the allocator has at hand:
 * only the last order may drain per-CPU lists before failing (the others
 * ask with SMM_GFP_NORECLAIM), and an order that failed once is not asked
 * for again. The blocks are sorted by pfn, so that neighbours form runs.
 * Return: 0, or -ENOMEM with none kept.
 */
static int smm_dmabuf_pages_scattered(struct smm_dmabuf *buf, u32 gfp,
				      int nid)
{
	unsigned int i, k, o = 0, last = ARRAY_SIZE(smm_dmabuf_orders) - 1;
	unsigned int missing = buf->npages, nr = 0, page = 0;
	struct smm_dmabuf_run *runs;
	int ret = 0;

	runs = kvmalloc_array(buf->npages, sizeof(*runs), GFP_KERNEL);
	if (!runs)
		return -ENOMEM;
	while (missing) {
		unsigned int order = smm_dmabuf_orders[o];
		u32 flags = o < last ? gfp | SMM_GFP_NORECLAIM : gfp;

		if (order > smm_shadow.mm->p.max_order ||
		    (1U << order) > missing) {
			o++;
			continue;
		}
		ret = smm_dmabuf_block_get(buf, order, flags, nid,
					   &runs[nr].pfn);
		if (ret && o < last) {
			o++;
			continue;
		}
		if (ret)
			break;
		runs[nr++].order = order;
		missing -= 1U << order;
		if (!(nr % 256))
			cond_resched();
	}
	if (!ret) {
		buf->blocks = kvmalloc_array(nr, sizeof(*buf->blocks),
					     GFP_KERNEL);
		if (!buf->blocks)
			ret = -ENOMEM;
	}
	if (ret) {
		for (i = 0; i < nr; i++)
			smm_dmabuf_block_put(runs[i].pfn);
		goto out;
	}
	sort(runs, nr, sizeof(*runs), smm_dmabuf_run_cmp, NULL);
	for (i = 0; i < nr; i++) {
		buf->blocks[i] = runs[i].pfn;
		buf->order_blocks[runs[i].order]++;
		for (k = 0; k < 1U << runs[i].order; k++)
			buf->pages[page++] = pfn_to_page(runs[i].pfn + k);
	}
	buf->nr_blocks = nr;
out:
	kvfree(runs);
	return ret;
}

/*
 * The pages of @buf from zone @zone or below, zeroed.
 * Return: 0; -ENOMEM when the shadow memory cannot serve it; -EINVAL
 * for a contiguous buffer larger than the allocator's largest block.
 */
static int smm_dmabuf_pages_get(struct smm_dmabuf *buf, int zone, int nid,
				struct netlink_ext_ack *extack)
{
	u32 gfp = smm_zone_gfp_flags(zone);
	unsigned int i, order;
	const struct smm_zone *z;
	u64 pfn;
	int ret;

	if (buf->contiguous) {
		order = get_order(buf->size);
		if (order > SMM_HOST_MAX_ORDER) {
			smm_dma_set_msg(extack, NULL,
					"a contiguous buffer is one block: at most %lu bytes",
					PAGE_SIZE << SMM_HOST_MAX_ORDER);
			return -EINVAL;
		}
		buf->blocks = kmalloc(sizeof(*buf->blocks), GFP_KERNEL);
		if (!buf->blocks)
			return -ENOMEM;
		ret = smm_dmabuf_block_get(buf, order, gfp, nid, &pfn);
		if (!ret) {
			buf->blocks[0] = pfn;
			buf->nr_blocks = 1;
			buf->order_blocks[order] = 1;
		}
		for (i = 0; !ret && i < buf->npages; i++)
			buf->pages[i] = pfn_to_page(pfn + i);
	} else {
		ret = smm_dmabuf_pages_scattered(buf, gfp, nid);
	}
	if (ret) {
		smm_dma_set_msg(extack, NULL,
				"not enough free shadow memory in zone %s and below for %u pages%s",
				smm_zone_names[zone], buf->npages,
				buf->contiguous ? " in one block" : "");
		return ret;
	}

	/* The core never zeroes; nothing old may reach userspace. */
	for (i = 0; i < buf->npages; i++) {
		clear_highpage(buf->pages[i]);
		if (!(i % 256))
			cond_resched();
	}
	pfn = page_to_pfn(buf->pages[0]);
	z = smm_pfn_zone(smm_shadow.mm, pfn);
	buf->zone = z ? z->type : zone;
	buf->nid = z ? z->nid : 0;
	buf->chunks = 1;
	for (i = 1; i < buf->npages; i++)
		if (page_to_pfn(buf->pages[i]) != page_to_pfn(buf->pages[i - 1]) + 1)
			buf->chunks++;
	return 0;
}

static void smm_dmabuf_free(struct smm_dmabuf *buf)
{
	mutex_destroy(&buf->lock);
	kvfree(buf->blocks);
	kvfree(buf->pages);
	kfree(buf);
}

/*
 * Check a request and fill in what it leaves to the defaults.
 * Return: 0, or -EINVAL / -ENOMEM / -ENOSPC with the extack set.
 */
static int smm_dmabuf_req_check(const struct smm_dmabuf_req *req,
				u64 *npages, u16 *owner,
				struct netlink_ext_ack *extack)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned long zone_pages;
	int ret;

	if (!req->len) {
		smm_dma_set_msg(extack, NULL, "len must be at least 1 byte");
		return -EINVAL;
	}
	if (req->fd_flags & ~SMM_DMABUF_FD_FLAGS) {
		smm_dma_set_msg(extack, NULL,
				"fd_flags takes O_RDWR and O_CLOEXEC only");
		return -EINVAL;
	}
	if (req->zone < 0 || req->zone >= SMM_NR_ZONE_TYPES ||
	    !smm_arch_has_zone_type(req->zone)) {
		smm_dma_set_msg(extack, NULL,
				"this architecture has no zone of that type");
		return -EINVAL;
	}
	if (req->nid != SMM_NUMA_NO_NODE &&
	    (req->nid < 0 || req->nid >= mm->nr_nodes)) {
		smm_dma_set_msg(extack, NULL,
				"no such node: there are %u shadow nodes",
				mm->nr_nodes);
		return -EINVAL;
	}
	/* Whole pages; no rounding that could wrap. */
	*npages = (req->len >> PAGE_SHIFT) + !!(req->len & ~PAGE_MASK);
	zone_pages = smm_zone_pages_upto(req->zone);
	if (*npages > zone_pages || *npages > (SIZE_MAX >> PAGE_SHIFT) ||
	    *npages > U32_MAX) {
		smm_dma_set_msg(extack, NULL,
				"len is more than zone %s and the zones below it hold (%lu pages)",
				smm_zone_names[req->zone], zone_pages);
		return -ENOMEM;
	}
	*owner = smm_dmabuf_owner_default;
	if (req->owner && req->owner[0]) {
		ret = smm_owner_register(mm, req->owner);
		if (ret == -ENOSPC) {
			smm_dma_set_msg(extack, NULL,
					"no room for another owner tag");
			return ret;
		}
		if (ret < 0) {
			smm_dma_set_msg(extack, NULL,
					"owner must be 1 to %d characters",
					SMM_OWNER_NAME_LEN - 1);
			return -EINVAL;
		}
		*owner = ret;
	}
	return 0;
}

/**
 * smm_dmabuf_alloc() - a new buffer of zeroed shadow pages, exported
 * @req: what to allocate
 * @id: set to the buffer's id
 * @extack: for the reason of a failure, or NULL
 *
 * The pages come from @req->zone or the zones below it, preferring
 * @req->nid; they are zeroed before the buffer is exported. The dma-buf
 * holds a reference on this module until its release. The monitor group
 * hears of the export.
 *
 * Return: the dma-buf, with one reference for the caller (see
 * smm_dmabuf.h); ERR_PTR(-EINVAL) for a bad request (length 0, fd_flags,
 * zone, node, owner; a contiguous buffer beyond the largest block),
 * -ENOMEM when @req->len is more than the zone holds or than is free,
 * -ENOSPC when every id or every owner tag is taken, or dma_buf_export()'s
 * error. Nothing is left behind on failure.
 */
struct dma_buf *smm_dmabuf_alloc(const struct smm_dmabuf_req *req, u32 *id,
				 struct netlink_ext_ack *extack)
{
	DEFINE_DMA_BUF_EXPORT_INFO(exp_info);
	struct smm_dmabuf *buf;
	struct dma_buf *dmabuf;
	u64 npages;
	u16 owner;
	int ret;

	ret = smm_dmabuf_req_check(req, &npages, &owner, extack);
	if (ret)
		return ERR_PTR(ret);
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	mutex_init(&buf->lock);
	INIT_LIST_HEAD(&buf->attachments);
	atomic_set(&buf->mmaps, 0);
	buf->npages = npages;
	buf->size = npages << PAGE_SHIFT;
	buf->contiguous = req->contiguous;
	buf->owner = owner;
	buf->pages = kvmalloc_array(npages, sizeof(*buf->pages),
				    GFP_KERNEL | __GFP_NOWARN);
	if (!buf->pages) {
		ret = -ENOMEM;
		goto err_buf;
	}
	ret = smm_dmabuf_pages_get(buf, req->zone, req->nid, extack);
	if (ret)
		goto err_buf;

	exp_info.exp_name = SMM_DMABUF_EXP_NAME;
	exp_info.owner = THIS_MODULE;
	exp_info.ops = &smm_dmabuf_ops;
	exp_info.size = buf->size;
	exp_info.flags = req->fd_flags;
	exp_info.priv = buf;
	dmabuf = dma_buf_export(&exp_info);
	if (IS_ERR(dmabuf)) {
		ret = PTR_ERR(dmabuf);
		smm_dma_set_msg(extack, NULL,
				"dma_buf_export() failed: error %d", ret);
		goto err_pages;
	}
	buf->dmabuf = dmabuf;
	buf->inode = file_inode(dmabuf->file)->i_ino;

	/* From here the release callback undoes everything. */
	mutex_lock(&smm_dmabuf_lock);
	ret = xa_alloc_cyclic(&smm_dmabuf_ids, &buf->id, buf,
			      XA_LIMIT(1, SHADOW_MM_MAX_DMABUFS),
			      &smm_dmabuf_id_next, GFP_KERNEL);
	mutex_unlock(&smm_dmabuf_lock);
	if (ret < 0) {
		buf->id = 0;
		dma_buf_put(dmabuf);
		if (ret == -EBUSY) {
			smm_dma_set_msg(extack, NULL,
					"%d dma-bufs exist already: the most there can be",
					SHADOW_MM_MAX_DMABUFS);
			ret = -ENOSPC;
		}
		return ERR_PTR(ret);
	}
	*id = buf->id;
	smm_event_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT, buf->id, buf->size,
			 NULL);
	return dmabuf;

err_pages:
	smm_dmabuf_blocks_put(buf);
err_buf:
	smm_dmabuf_free(buf);
	return ERR_PTR(ret);
}

/**
 * smm_dmabuf_is_ours() - whether this exporter made a dma-buf
 * @dmabuf: any dma-buf
 *
 * Return: true for a shadow_mm buffer.
 */
bool smm_dmabuf_is_ours(const struct dma_buf *dmabuf)
{
	return dmabuf->ops == &smm_dmabuf_ops;
}

/*
 * Whether @a's device reaches every page without help. Under a
 * translating IOMMU it does; otherwise each segment must lie within its
 * DMA mask and bus limit (dma.c decides the same way, on physical
 * addresses). *@bad is set to the first page it does not reach.
 */
static bool smm_dmabuf_reachable(struct smm_dmabuf_attachment *a, u64 *bad)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(a->dev);
	struct scatterlist *sg;
	unsigned int i;
	u64 limit;

	if (domain && iommu_is_dma_domain(domain))
		return true;
	*bad = 0;
	if (!a->dev->dma_mask)
		return false;
	limit = min_not_zero(*a->dev->dma_mask, a->dev->bus_dma_limit);
	for_each_sgtable_sg(&a->sgt, sg, i) {
		if (sg_phys(sg) + sg->length - 1 > limit) {
			*bad = sg_phys(sg);
			return false;
		}
	}
	return true;
}

static int smm_dmabuf_attach(struct dma_buf *dmabuf,
			     struct dma_buf_attachment *attach)
{
	struct smm_dmabuf *buf = dmabuf->priv;
	struct smm_dmabuf_attachment *a;
	unsigned int max_seg;
	int ret;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	/* Segments no longer than the device says it takes. */
	max_seg = max_t(unsigned int, PAGE_SIZE,
			round_down(dma_get_max_seg_size(attach->dev),
				   PAGE_SIZE));
	ret = sg_alloc_table_from_pages_segment(&a->sgt, buf->pages,
						buf->npages, 0, buf->size,
						max_seg, GFP_KERNEL);
	if (ret) {
		kfree(a);
		return ret;
	}
	a->dev = attach->dev;
	a->dir = DMA_NONE;
	attach->priv = a;
	mutex_lock(&buf->lock);
	list_add_tail(&a->node, &buf->attachments);
	buf->nr_attach++;
	mutex_unlock(&buf->lock);
	smm_event_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_ATTACH, buf->id, buf->size,
			 dev_name(a->dev));
	return 0;
}

static void smm_dmabuf_detach(struct dma_buf *dmabuf,
			      struct dma_buf_attachment *attach)
{
	struct smm_dmabuf_attachment *a = attach->priv;
	struct smm_dmabuf *buf = dmabuf->priv;

	mutex_lock(&buf->lock);
	if (a->mapped) {
		/* The importer's bug; the device keeps no mapping of ours. */
		dev_warn(a->dev, "detached from dma-buf %u while mapped: unmapping it\n",
			 buf->id);
		dma_unmap_sgtable(a->dev, &a->sgt, a->dir, 0);
		a->mapped = false;
	}
	list_del(&a->node);
	buf->nr_attach--;
	mutex_unlock(&buf->lock);
	smm_event_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_DETACH, buf->id, buf->size,
			 dev_name(a->dev));
	sg_free_table(&a->sgt);
	kfree(a);
}

static struct sg_table *smm_dmabuf_map(struct dma_buf_attachment *attach,
				       enum dma_data_direction dir)
{
	struct smm_dmabuf *buf = attach->dmabuf->priv;
	struct smm_dmabuf_attachment *a = attach->priv;
	u64 bad;
	int ret;

	if (!valid_dma_direction(dir))
		return ERR_PTR(-EINVAL);
	mutex_lock(&buf->lock);
	if (a->mapped) {
		ret = -EBUSY;
		goto out;
	}
	/* Never hand the DMA API a page the device cannot reach. */
	if (!smm_dmabuf_reachable(a, &bad)) {
		dev_warn_once(a->dev, "cannot reach page %#llx of dma-buf %u (DMA mask %#llx, no IOMMU): not mapping it\n",
			      bad, buf->id,
			      a->dev->dma_mask ? *a->dev->dma_mask : 0ULL);
		ret = -EINVAL;
		goto out;
	}
	ret = dma_map_sgtable(a->dev, &a->sgt, dir, 0);
	if (ret)
		goto out;
	a->mapped = true;
	a->dir = dir;
	a->maps++;
	mutex_unlock(&buf->lock);
	return &a->sgt;

out:
	mutex_unlock(&buf->lock);
	return ERR_PTR(ret);
}

static void smm_dmabuf_unmap(struct dma_buf_attachment *attach,
			     struct sg_table *sgt,
			     enum dma_data_direction dir)
{
	struct smm_dmabuf *buf = attach->dmabuf->priv;
	struct smm_dmabuf_attachment *a = attach->priv;

	mutex_lock(&buf->lock);
	if (!a->mapped || sgt != &a->sgt) {
		dev_warn_once(a->dev, "unmap of dma-buf %u that is not mapped\n",
			      buf->id);
	} else {
		/* As it was mapped, whatever the importer says now. */
		dma_unmap_sgtable(a->dev, &a->sgt, a->dir, 0);
		a->mapped = false;
	}
	mutex_unlock(&buf->lock);
}

static void smm_dmabuf_vm_open(struct vm_area_struct *vma)
{
	struct smm_dmabuf *buf = vma->vm_private_data;

	atomic_inc(&buf->mmaps);
}

static void smm_dmabuf_vm_close(struct vm_area_struct *vma)
{
	struct smm_dmabuf *buf = vma->vm_private_data;

	atomic_dec(&buf->mmaps);
}

static const struct vm_operations_struct smm_dmabuf_vm_ops = {
	.open = smm_dmabuf_vm_open,
	.close = smm_dmabuf_vm_close,
};

/*
 * No private writable (copy-on-write) mappings: pfns have nothing to copy
 * from. A shared mapping of a read-only fd comes without VM_SHARED, and
 * without VM_MAYWRITE, and is fine. remap_pfn_range() marks the vma
 * VM_PFNMAP, VM_IO, VM_DONTEXPAND and VM_DONTDUMP itself (no vm_flags
 * write here, which 6.3+ would want as vm_flags_set()); the protections
 * stay cached.
 */
static int smm_dmabuf_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	struct smm_dmabuf *buf = dmabuf->priv;
	unsigned long addr = vma->vm_start;
	unsigned long i = vma->vm_pgoff;
	unsigned long end = i + vma_pages(vma);
	unsigned long pfn, n;
	int ret;

	if (is_cow_mapping(vma->vm_flags))
		return -EINVAL;
	if (end > buf->npages || end < i)
		return -EINVAL;
	while (i < end) {
		/* One call per physically contiguous run. */
		pfn = page_to_pfn(buf->pages[i]);
		for (n = 1; i + n < end; n++)
			if (page_to_pfn(buf->pages[i + n]) != pfn + n)
				break;
		ret = remap_pfn_range(vma, addr, pfn, n << PAGE_SHIFT,
				      vma->vm_page_prot);
		if (ret)
			return ret;
		addr += n << PAGE_SHIFT;
		i += n;
	}
	vma->vm_ops = &smm_dmabuf_vm_ops;
	vma->vm_private_data = buf;
	atomic_inc(&buf->mmaps);
	return 0;
}

static int smm_dmabuf_vmap(struct dma_buf *dmabuf, struct iosys_map *map)
{
	struct smm_dmabuf *buf = dmabuf->priv;
	void *vaddr;

	mutex_lock(&buf->lock);
	if (!buf->vaddr) {
		/* Highmem pages too: vmap() maps each one. */
		vaddr = vmap(buf->pages, buf->npages, VM_MAP, PAGE_KERNEL);
		if (!vaddr) {
			mutex_unlock(&buf->lock);
			return -ENOMEM;
		}
		buf->vaddr = vaddr;
	}
	buf->vmaps++;
	iosys_map_set_vaddr(map, buf->vaddr);
	mutex_unlock(&buf->lock);
	return 0;
}

static void smm_dmabuf_vunmap(struct dma_buf *dmabuf, struct iosys_map *map)
{
	struct smm_dmabuf *buf = dmabuf->priv;

	mutex_lock(&buf->lock);
	if (WARN_ON_ONCE(!buf->vmaps || map->vaddr != buf->vaddr)) {
		mutex_unlock(&buf->lock);
		return;
	}
	if (!--buf->vmaps) {
		vunmap(buf->vaddr);
		buf->vaddr = NULL;
	}
	mutex_unlock(&buf->lock);
}

/*
 * Before the CPU touches the pages: each importer's mapping gives them
 * back (invalidating what a non-coherent device wrote past the caches),
 * then the kernel mapping's alias is invalidated (a no-op but on
 * aliasing caches).
 */
static int smm_dmabuf_begin_cpu_access(struct dma_buf *dmabuf,
				       enum dma_data_direction dir)
{
	struct smm_dmabuf *buf = dmabuf->priv;
	struct smm_dmabuf_attachment *a;

	mutex_lock(&buf->lock);
	list_for_each_entry(a, &buf->attachments, node)
		if (a->mapped)
			dma_sync_sgtable_for_cpu(a->dev, &a->sgt, a->dir);
	if (buf->vaddr)
		invalidate_kernel_vmap_range(buf->vaddr, buf->size);
	mutex_unlock(&buf->lock);
	return 0;
}

/* After the CPU wrote: the kernel alias, then every device's view. */
static int smm_dmabuf_end_cpu_access(struct dma_buf *dmabuf,
				     enum dma_data_direction dir)
{
	struct smm_dmabuf *buf = dmabuf->priv;
	struct smm_dmabuf_attachment *a;

	mutex_lock(&buf->lock);
	if (buf->vaddr)
		flush_kernel_vmap_range(buf->vaddr, buf->size);
	list_for_each_entry(a, &buf->attachments, node)
		if (a->mapped)
			dma_sync_sgtable_for_device(a->dev, &a->sgt, a->dir);
	mutex_unlock(&buf->lock);
	return 0;
}

/* The last reference went: the pages go back, the id goes. */
static void smm_dmabuf_release(struct dma_buf *dmabuf)
{
	struct smm_dmabuf *buf = dmabuf->priv;

	mutex_lock(&smm_dmabuf_lock);
	if (buf->id)
		xa_erase(&smm_dmabuf_ids, buf->id);
	mutex_unlock(&smm_dmabuf_lock);
	/* The core refuses to release an attached or vmapped buffer. */
	WARN_ON(buf->nr_attach || buf->vmaps);
	smm_dmabuf_blocks_put(buf);
	if (buf->id)
		smm_event_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE, buf->id,
				 buf->size, NULL);
	smm_dmabuf_free(buf);
}

static const struct dma_buf_ops smm_dmabuf_ops = {
	.attach = smm_dmabuf_attach,
	.detach = smm_dmabuf_detach,
	.map_dma_buf = smm_dmabuf_map,
	.unmap_dma_buf = smm_dmabuf_unmap,
	.release = smm_dmabuf_release,
	.begin_cpu_access = smm_dmabuf_begin_cpu_access,
	.end_cpu_access = smm_dmabuf_end_cpu_access,
	.mmap = smm_dmabuf_mmap,
	.vmap = smm_dmabuf_vmap,
	.vunmap = smm_dmabuf_vunmap,
};

/* One attachment as a reply shows it; the buffer's mutex held. */
static void smm_dmabuf_attach_info(const struct smm_dmabuf_attachment *a,
				   struct smm_dmabuf_attach_info *ai)
{
	strscpy(ai->device, dev_name(a->dev), sizeof(ai->device));
	strscpy(ai->driver, a->dev->driver ? a->dev->driver->name : "",
		sizeof(ai->driver));
	ai->maps = a->maps;
	ai->mapped = a->mapped;
	ai->dir = a->mapped ? a->dir : DMA_NONE;
	ai->nents = a->mapped ? a->sgt.nents : 0;
	ai->bounced = false;
}

/**
 * smm_dmabuf_info() - a consistent copy of a buffer's state
 * @id: the buffer's id
 * @info: where to copy it
 *
 * Return: 0, or -ENOENT when no buffer has @id.
 */
int smm_dmabuf_info(u32 id, struct smm_dmabuf_info *info)
{
	struct smm_dmabuf_attachment *a;
	struct smm_dmabuf *buf;
	unsigned int n = 0;

	mutex_lock(&smm_dmabuf_lock);
	buf = xa_load(&smm_dmabuf_ids, id);
	if (!buf) {
		mutex_unlock(&smm_dmabuf_lock);
		return -ENOENT;
	}
	memset(info, 0, sizeof(*info));
	info->id = buf->id;
	info->size = buf->size;
	info->npages = buf->npages;
	info->zone = buf->zone;
	info->nid = buf->nid;
	info->contiguous = buf->contiguous;
	info->pa = (u64)page_to_pfn(buf->pages[0]) << PAGE_SHIFT;
	info->chunks = buf->chunks;
	memcpy(info->blocks, buf->order_blocks, sizeof(info->blocks));
	info->nr_orders = SMM_NR_ORDERS_MAX;
	while (info->nr_orders > 1 && !info->blocks[info->nr_orders - 1])
		info->nr_orders--;
	strscpy(info->owner, smm_owner_name(smm_shadow.mm, buf->owner),
		sizeof(info->owner));
	info->inode = buf->inode;
	/* Released only after it leaves the registry: the dma-buf is alive. */
	spin_lock(&buf->dmabuf->name_lock);
	if (buf->dmabuf->name)
		strscpy(info->name, buf->dmabuf->name, sizeof(info->name));
	spin_unlock(&buf->dmabuf->name_lock);

	mutex_lock(&buf->lock);
	info->mmaps = atomic_read(&buf->mmaps);
	info->vmaps = buf->vmaps;
	info->nr_attach = buf->nr_attach;
	list_for_each_entry(a, &buf->attachments, node) {
		if (n == SMM_DMABUF_MAX_ATTACH_INFO)
			break;
		smm_dmabuf_attach_info(a, &info->attach[n++]);
	}
	mutex_unlock(&buf->lock);
	mutex_unlock(&smm_dmabuf_lock);
	return 0;
}

/**
 * smm_dmabuf_next_id() - the first live buffer at or after an id, for
 * dumps
 * @from: the id to start at
 * @id: set to the id found
 *
 * Return: 0, or -ENOENT when no buffer has an id of @from or more.
 */
int smm_dmabuf_next_id(u32 from, u32 *id)
{
	unsigned long index = from;
	void *entry;

	mutex_lock(&smm_dmabuf_lock);
	entry = xa_find(&smm_dmabuf_ids, &index, SHADOW_MM_MAX_DMABUFS,
			XA_PRESENT);
	mutex_unlock(&smm_dmabuf_lock);
	if (!entry)
		return -ENOENT;
	*id = index;
	return 0;
}

/**
 * smm_dmabuf_pfns() - the pfns of a buffer's pages, by offset
 * @dmabuf: the dma-buf; the caller holds a reference
 * @pfns: where to put them
 * @max: room in @pfns
 * @n: set to the buffer's pages
 *
 * The pages are fixed while the dma-buf lives.
 *
 * Return: 0 with @pfns filled; -EINVAL when another exporter made
 * @dmabuf; -ENOSPC, with nothing copied, when @max is less than *@n.
 */
int smm_dmabuf_pfns(struct dma_buf *dmabuf, u64 *pfns, u32 max, u32 *n)
{
	struct smm_dmabuf *buf;
	unsigned int i;

	if (!smm_dmabuf_is_ours(dmabuf))
		return -EINVAL;
	buf = dmabuf->priv;
	*n = buf->npages;
	if (max < buf->npages)
		return -ENOSPC;
	for (i = 0; i < buf->npages; i++)
		pfns[i] = page_to_pfn(buf->pages[i]);
	return 0;
}

/**
 * smm_dmabuf_holds() - whether a block belongs to a dma-buf
 * @pfn: the first pfn of an allocated block
 *
 * A buffer records its blocks under smm_shadow.pages_mutex, before
 * anyone else can see them allocated, and forgets each with the same
 * mutex held as it frees it: with the mutex held, the answer stays true.
 *
 * Return: true when a live buffer holds the block.
 */
bool smm_dmabuf_holds(u64 pfn)
{
	return pfn <= ULONG_MAX && xa_load(&smm_dmabuf_blocks, pfn);
}

/**
 * smm_dmabuf_init() - get the exporter ready, after the DMA layer
 *
 * Return: 0, or the error of registering the default owner tag.
 */
int smm_dmabuf_init(void)
{
	int ret = smm_owner_register(smm_shadow.mm, SMM_DMABUF_OWNER);

	if (ret < 0)
		return ret;
	smm_dmabuf_owner_default = ret;
	return 0;
}

/**
 * smm_dmabuf_exit() - the exporter goes; no buffer can be left, since each
 * holds a reference on the module
 */
void smm_dmabuf_exit(void)
{
	WARN_ON(!xa_empty(&smm_dmabuf_ids) || !xa_empty(&smm_dmabuf_blocks));
	xa_destroy(&smm_dmabuf_ids);
	xa_destroy(&smm_dmabuf_blocks);
}
