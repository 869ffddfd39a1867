// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow DMA layer (smm_dma.h): the kernel's DMA mapping API over
 * shadow pages, for the one registered device (edu.c), with a shadow
 * bounce pool (core/bounce.c) and the DMA-debug checks (core/dma_check.c).
 * This file has the device (registration, mask, IOMMU domain, the zones
 * it reaches), the tracker's glue, coherent buffers and every unmap;
 * dma_stream.c the bounce pool and the streaming maps and syncs.
 *
 * Every dma_addr_t comes from the kernel's real dma_map_page(),
 * dma_map_sgtable() or their unmap and sync calls; what the layer adds
 * is what the kernel does below them. Without a translating IOMMU, a
 * page beyond the device's mask is never handed to dma_map_page() (the
 * kernel would warn, or bounce through a swiotlb it may not have): its
 * bytes go through a slot of the shadow bounce pool, carved from shadow
 * memory the device reaches, and the slot is what is mapped.
 *
 * Tracking keys. The tracker keys a mapping by (device, address) and
 * refuses overlapping ranges under one key. Single and coherent mappings
 * are one range of device addresses each: their key is the struct
 * device. A scatter-gather mapping is tracked as one entry, its first
 * segment's address and its total bytes, the way the netlink side names
 * it; without an IOMMU its segments are scattered, so that range is no
 * range of the device's and may cover other mappings' addresses. Each
 * scatter-gather mapping is therefore keyed by its own struct smm_dma_sg,
 * and the entry's range is the mapping's bytes by offset: handle + offset
 * names its byte at that offset. A raw address is first resolved to the
 * key it belongs to by the DMA segments it lies in (smm_dma_key()).
 *
 * Locking: smm_dma_mutex over everything (see smm_dma.h); the shadow
 * allocator's smm_shadow.pages_mutex nests inside it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "dma_priv.h"
#include "shadow_mm.h"
#include "smm_dma.h"

/* The device, its pool, the tracker and the callers' objects: smm_dma.h */
DEFINE_MUTEX(smm_dma_mutex);

/* Live mappings of every device, counts and findings since load. */
struct smm_dma_tracker smm_dma_tracker;
static struct smm_dma_dev *smm_dma_dev_now;
static void (*smm_dma_release)(struct smm_dma_dev *sdev);
static u16 smm_dma_owner_pages;
u16 smm_dma_owner_pool;

/* Extack messages with numbers in them; see smm_dma_set_msg(). */
#define SMM_DMA_MSGS	16
#define SMM_DMA_MSG_MAX	160

static char smm_dma_msgs[SMM_DMA_MSGS][SMM_DMA_MSG_MAX];
static unsigned int smm_dma_msg_next;
static DEFINE_SPINLOCK(smm_dma_msg_lock);

/**
 * smm_dma_set_msg() - point an extack at an attribute with a formatted
 * message
 * @extack: the extack, or NULL
 * @attr: the attribute, or NULL
 * @fmt: printf format of the message
 *
 * The message must live until the acknowledgment is built, after the
 * handler returns. From 6.2 the extack has room for one of up to
 * NETLINK_MAX_FMTMSG_LEN - 1 characters (NL_SET_ERR_MSG_FMT()'s), which
 * lives exactly as long as the request: a message that fits goes there.
 *
 * On 6.1, whose extack only points at a message, and for a longer one,
 * the text goes into the next of a ring of SMM_DMA_MSGS static buffers.
 * Its limit: a buffer is reused after SMM_DMA_MSGS later messages, so a
 * request whose acknowledgment is built only after that many messages of
 * parallel requests (the family runs requests in parallel) shows one of
 * theirs. The window runs from the formatting, as a handler fails, to
 * the acknowledgment's copy right after it returns: other tasks would
 * have to fail SMM_DMA_MSGS requests in it.
 */
void smm_dma_set_msg(struct netlink_ext_ack *extack, const struct nlattr *attr,
		     const char *fmt, ...)
{
	char text[SMM_DMA_MSG_MAX];
	va_list args;
	char *buf;

	if (!extack)
		return;
	/* Formatted aside first: an argument may be the extack's message. */
	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	extack->bad_attr = attr;
#ifdef SMM_HAVE_NL_SET_ERR_MSG_FMT
	if (strlen(text) < NETLINK_MAX_FMTMSG_LEN) {
		NL_SET_ERR_MSG_FMT(extack, "%s", text);
		return;
	}
#endif
	spin_lock(&smm_dma_msg_lock);
	buf = smm_dma_msgs[smm_dma_msg_next++ % SMM_DMA_MSGS];
	strscpy(buf, text, SMM_DMA_MSG_MAX);
	spin_unlock(&smm_dma_msg_lock);
	extack->_msg = buf;
}

/**
 * smm_dma_current() - the registered device
 *
 * Return: the device, or NULL when none is bound. smm_dma_mutex held.
 */
struct smm_dma_dev *smm_dma_current(void)
{
	lockdep_assert_held(&smm_dma_mutex);
	return smm_dma_dev_now;
}

/**
 * smm_dma_set_release() - name the owner of the mappings
 * @release: frees every mapping of a device that goes away
 */
void smm_dma_set_release(void (*release)(struct smm_dma_dev *sdev))
{
	mutex_lock(&smm_dma_mutex);
	smm_dma_release = release;
	mutex_unlock(&smm_dma_mutex);
}

/*
 * Whether every populated zone of @type, on every node, lies below
 * @limit as the device addresses it; *@populated tells whether one is
 * populated at all.
 */
static bool smm_dma_zone_below(struct smm_dma_dev *sdev, int type, u64 limit,
			       bool *populated)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned int nid;

	for (nid = 0; nid < mm->nr_nodes; nid++) {
		const struct smm_zone *z = &mm->nodes[nid].zones[type];
		u64 end = z->zone_start_pfn + z->spanned_pages;

		if (!smm_zone_populated(z))
			continue;
		*populated = true;
		if (smm_dma_bus(sdev, (end << PAGE_SHIFT) - 1) > limit)
			return false;
	}
	return true;
}

/*
 * Walk the zone types up to @max while each lies below @limit (see
 * smm_dma_zone_below()). *@best is set to the highest populated one
 * passed, -1 when none. Return: true when all of them were passed.
 */
static bool smm_dma_zones_below(struct smm_dma_dev *sdev, u64 limit, int max,
				int *best)
{
	bool populated = false;
	int type;

	*best = -1;
	for (type = 0; type <= max; type++) {
		if (!smm_arch_has_zone_type(type))
			continue;
		if (!smm_dma_zone_below(sdev, type, limit, &populated))
			return false;
		if (populated)
			*best = type;
	}
	return true;
}

/**
 * smm_dma_highest_below() - the highest zone an allocation below a limit
 * may come from
 * @sdev: the device whose addresses @limit is in
 * @limit: the highest device address allowed
 * @max: the highest zone type to consider
 *
 * Return: the highest zone type up to @max whose pages, and those of
 * every zone below it (where an allocation falls back), lie below
 * @limit; -1 when no zone with pages does.
 */
int smm_dma_highest_below(struct smm_dma_dev *sdev, u64 limit, int max)
{
	int best;

	smm_dma_zones_below(sdev, limit, max, &best);
	return best;
}

/**
 * smm_dma_reachable_zone() - the zone coherent buffers come from
 * @sdev: the device
 *
 * The highest shadow zone, up to NORMAL, every page of which (and of
 * every zone below, where an allocation falls back) the device reaches
 * without a bounce. Under a translating IOMMU it reaches every page.
 *
 * Return: an enum smm_zone_type, or -1 when no zone with pages is
 * wholly reachable.
 */
int smm_dma_reachable_zone(struct smm_dma_dev *sdev)
{
	u64 limit = sdev->translated ? U64_MAX : smm_dma_limit(sdev);

	return smm_dma_highest_below(sdev, limit, SMM_ZONE_NORMAL);
}

/**
 * smm_dma_zone_reachable() - whether the device reaches all of a zone
 * @sdev: the device
 * @zone: an enum smm_zone_type
 *
 * Return: true when every page of @zone and of the zones below it lies
 * within the device's reach (always, under a translating IOMMU).
 */
bool smm_dma_zone_reachable(struct smm_dma_dev *sdev, int zone)
{
	int best;

	return sdev->translated ||
	       smm_dma_zones_below(sdev, smm_dma_limit(sdev), zone, &best);
}

/* Physical address of the lowest shadow page. */
static u64 smm_dma_lowest_pa(void)
{
	struct smm_mm *mm = smm_shadow.mm;
	u64 lowest = U64_MAX;
	unsigned int nid;
	int type;

	for (nid = 0; nid < mm->nr_nodes; nid++)
		for (type = 0; type < SMM_NR_ZONE_TYPES; type++) {
			const struct smm_zone *z = &mm->nodes[nid].zones[type];

			if (smm_zone_populated(z))
				lowest = min(lowest, z->zone_start_pfn);
		}
	return lowest == U64_MAX ? U64_MAX : lowest << PAGE_SHIFT;
}

/**
 * smm_dma_block_alloc() - one zeroed block of shadow pages
 * @order: its order
 * @zone: highest zone type to take it from
 * @nid: preferred node, or SMM_NUMA_NO_NODE
 * @owner: its owner tag
 * @pfn: set to its first pfn
 *
 * Return: 0, or the allocator's errno.
 */
int smm_dma_block_alloc(unsigned int order, int zone, int nid, u16 owner,
			u64 *pfn)
{
	struct smm_alloc_req req = {
		.order = order,
		.gfp = smm_zone_gfp_flags(zone) | SMM_GFP_ZERO,
		.nid = nid,
		.migratetype = SMM_MIGRATE_FROM_GFP,
		.owner = owner,
	};
	unsigned long i;
	int ret;

	if (order > SMM_HOST_MAX_ORDER)
		return -EINVAL;
	mutex_lock(&smm_shadow.pages_mutex);
	req.cpu = smm_this_cpu();
	ret = smm_alloc(smm_shadow.mm, &req, pfn);
	mutex_unlock(&smm_shadow.pages_mutex);
	if (ret)
		return ret;
	/* The core never zeroes; nothing old may reach the device. */
	for (i = 0; i < 1UL << order; i++) {
		clear_highpage(pfn_to_page(*pfn + i));
		if (!(i % 256))
			cond_resched();
	}
	return 0;
}

/**
 * smm_dma_pages_alloc() - shadow pages for a DMA buffer
 * @order: the block's order
 * @zone: highest zone (enum smm_zone_type) to take them from
 * @nid: preferred node, or SMM_NUMA_NO_NODE
 * @pfn: the block's first pfn, on success
 *
 * One block, zeroed, owner "dma".
 *
 * Return: 0; -ENOMEM when the shadow memory cannot serve it; -EINVAL
 * for an order above the allocator's.
 */
int smm_dma_pages_alloc(unsigned int order, int zone, int nid, u64 *pfn)
{
	return smm_dma_block_alloc(order, zone, nid, smm_dma_owner_pages, pfn);
}

/**
 * smm_dma_pages_free() - give a block of DMA pages back
 * @pfn: the block's first pfn
 */
void smm_dma_pages_free(u64 pfn)
{
	int ret;

	mutex_lock(&smm_shadow.pages_mutex);
	ret = smm_free(smm_shadow.mm, pfn, smm_this_cpu());
	mutex_unlock(&smm_shadow.pages_mutex);
	if (ret)
		pr_err("DMA block at pfn %#llx was already freed by someone else\n",
		       pfn);
}

/**
 * smm_dma_owns() - whether a block's owner tag is the DMA layer's
 * @owner: the owner tag of an allocated block
 *
 * Return: true for "dma" and "dma-bounce" blocks, which only their
 * mappings' release frees.
 */
bool smm_dma_owns(u16 owner)
{
	return owner && (owner == smm_dma_owner_pages ||
			 owner == smm_dma_owner_pool);
}

/**
 * smm_dma_note() - make a finding of the tracker known
 * @sdev: the device
 * @check: what the tracker just reported
 * @log: the tracker said to log it (the first time at its site)
 * @kind: the function family of the call, 0 for a sync
 * @extack: gets the finding's message, when not NULL
 *
 * Logs it, and tells the monitor group.
 */
void smm_dma_note(struct smm_dma_dev *sdev, enum smm_dma_check check,
		  bool log, u8 kind, struct netlink_ext_ack *extack)
{
	const struct smm_dma_finding *f = smm_dma_track_last(&smm_dma_tracker);
	struct smm_dma_event ev = {
		.type = SHADOW_MM_EVENT_TYPE_DMA_CHECK,
		.kind = kind,
		.check = check,
	};

	if (!f)
		return;
	if (log)
		dev_warn(sdev->dev, "DMA-debug %s: %s (at %pS)\n",
			 smm_dma_check_name(check), f->msg, (void *)f->site);
	ev.addr = f->addr;
	ev.size = f->size;
	ev.dir = f->dir;
	smm_event_dma(&ev);
	smm_dma_set_msg(extack, NULL, "%s", f->msg);
}

/*
 * The live scatter-gather mapping one of whose DMA segments holds @addr,
 * or NULL; *@offset is set to the byte's offset in the mapping.
 */
static struct smm_dma_map *smm_dma_sg_holding(struct smm_dma_dev *sdev,
					      u64 addr, u64 *offset)
{
	struct smm_dma_map *m;
	struct scatterlist *s;
	unsigned int i;

	list_for_each_entry(m, &sdev->sg_maps, sg_node) {
		u64 pos = 0;

		for_each_sgtable_dma_sg(&m->sg->sgt, s, i) {
			if (addr - sg_dma_address(s) < sg_dma_len(s)) {
				*offset = pos + (addr - sg_dma_address(s));
				return m;
			}
			pos += sg_dma_len(s);
		}
	}
	return NULL;
}

/**
 * smm_dma_key() - the tracker key a raw device address belongs to
 * @sdev: the device
 * @addr: the address
 * @tracked: set to the address as the tracker names it under that key
 *
 * An address inside a DMA segment of a live scatter-gather mapping is
 * that mapping's, named handle + the byte's offset in it (the segments
 * are scattered without an IOMMU, so only a segment says which mapping an
 * address is in). Otherwise it is the device's (single and coherent
 * mappings), unless no live mapping of the device holds it and a
 * scatter-gather mapping was unmapped at it lately: that mapping's, so
 * that a second unmap is told from an unknown address.
 *
 * Return: the key; *@tracked is @addr itself except in a segment.
 */
const void *smm_dma_key(struct smm_dma_dev *sdev, u64 addr, u64 *tracked)
{
	struct smm_dma_map *m;
	unsigned int i;
	u64 offset;

	m = smm_dma_sg_holding(sdev, addr, &offset);
	if (m) {
		*tracked = m->addr + offset;
		return m->sg;
	}
	*tracked = addr;
	if (smm_dma_track_find(&smm_dma_tracker, sdev->dev, addr))
		return sdev->dev;
	for (i = 0; i < ARRAY_SIZE(sdev->sg_recent); i++)
		if (sdev->sg_recent[i].key && sdev->sg_recent[i].addr == addr)
			return sdev->sg_recent[i].key;
	return sdev->dev;
}

static void smm_dma_sg_forget(struct smm_dma_dev *sdev, struct smm_dma_map *m)
{
	unsigned int slot = sdev->sg_recent_head++ % ARRAY_SIZE(sdev->sg_recent);

	list_del(&m->sg_node);
	sdev->nr_sg_maps--;
	sdev->sg_recent[slot].addr = m->addr;
	sdev->sg_recent[slot].key = m->sg;
}

/* The real unmap of a mapping the tracker let go, and its record. */
static void smm_dma_unmap_record(struct smm_dma_dev *sdev,
				 struct smm_dma_map *m)
{
	struct smm_dma_sg *sg = m->sg;

	switch (m->kind) {
	case SMM_DMA_KIND_SINGLE:
		dma_unmap_page(sdev->dev, m->addr, m->size, m->dir);
		if (m->bounce_pa)
			smm_dma_bounce_unmap(sdev, m->bounce_pa, m->pa, m->size,
					     m->dir);
		break;
	case SMM_DMA_KIND_COHERENT:
		dma_unmap_page(sdev->dev, m->addr, m->size, DMA_BIDIRECTIONAL);
		vunmap(m->cpu);
		smm_dma_pages_free(m->pfn);
		break;
	case SMM_DMA_KIND_SG:
		if (m->per_entry)
			smm_dma_sg_unmap_entries(sdev, sg, sg->sgt.orig_nents,
						 m->dir, true);
		else
			dma_unmap_sgtable(sdev->dev, &sg->sgt, m->dir, 0);
		smm_dma_sg_forget(sdev, m);
		break;
	case SMM_DMA_KIND_DMABUF:
		/* The exporter's mapping: never in the tracker. */
		break;
	}
	kfree(m);
}

/**
 * smm_dma_mappings() - live mappings of a device
 * @sdev: the device
 *
 * Return: how many.
 */
unsigned int smm_dma_mappings(struct smm_dma_dev *sdev)
{
	return smm_dma_track_count(&smm_dma_tracker, sdev->dev) +
	       sdev->nr_sg_maps;
}

/**
 * smm_dma_report_held() - report every live mapping of a device
 * @sdev: the device
 * @check: SMM_DMA_CHECK_HELD_AT_UNBIND or SMM_DMA_CHECK_HELD_AT_UNLOAD
 *
 * Each is counted, logged once per the site that mapped it and sent to
 * the monitor; nothing is released.
 */
void smm_dma_report_held(struct smm_dma_dev *sdev, enum smm_dma_check check)
{
	struct smm_dma_tracker *t = &smm_dma_tracker;
	const struct smm_dma_entry *e;
	struct smm_dma_map *m;
	unsigned int i;
	bool log;

	lockdep_assert_held(&smm_dma_mutex);
	for (i = 0; i < t->nr; i++) {
		e = &t->entries[i];
		if (e->dev != sdev->dev)
			continue;
		m = e->cookie;
		log = smm_dma_track_report(t, check, e->dev, e->addr, e->size,
					   e->dir, e, m->site);
		smm_dma_note(sdev, check, log, e->kind, NULL);
	}
	list_for_each_entry(m, &sdev->sg_maps, sg_node) {
		e = smm_dma_track_find(t, m->sg, m->addr);
		if (!e)
			continue;
		log = smm_dma_track_report(t, check, e->dev, e->addr, e->size,
					   e->dir, e, m->site);
		smm_dma_note(sdev, check, log, e->kind, NULL);
	}
}

/*
 * Take one mapping out of the tracker quietly and unmap it.
 * Return: false when the tracker would not let it go.
 */
static bool smm_dma_force_unmap(struct smm_dma_dev *sdev, const void *key,
				const struct smm_dma_entry *e)
{
	struct smm_dma_entry copy = *e;
	struct smm_dma_entry out;
	bool log;

	dev_err(sdev->dev, "DMA mapping at %#llx (%llu bytes) was not released by its owner: unmapping it\n",
		copy.addr, copy.size);
	smm_dma_track_checked(&smm_dma_tracker, key, copy.addr);
	if (smm_dma_track_unmap(&smm_dma_tracker, key, copy.addr, copy.size,
				copy.dir, copy.kind, _THIS_IP_, &out, &log))
		return false;
	smm_dma_unmap_record(sdev, out.cookie);
	return true;
}

/* What the owner left mapped: unmapped, so the device can go. */
static void smm_dma_force_unmap_all(struct smm_dma_dev *sdev)
{
	struct smm_dma_map *m, *next;
	const struct smm_dma_entry *e;

	while ((e = smm_dma_track_first(&smm_dma_tracker, sdev->dev)))
		if (!smm_dma_force_unmap(sdev, sdev->dev, e))
			break;
	list_for_each_entry_safe(m, next, &sdev->sg_maps, sg_node) {
		e = smm_dma_track_find(&smm_dma_tracker, m->sg, m->addr);
		if (e && smm_dma_force_unmap(sdev, m->sg, e))
			continue;
		/* Untracked: cannot be, but never leave it mapped. */
		smm_dma_unmap_record(sdev, m);
	}
}

/**
 * smm_dma_vmap_block() - map a block of shadow pages into the kernel
 * @pfn: its first pfn
 * @order: its order
 * @prot: the protections (uncached for a non-coherent device's buffer)
 *
 * Return: the kernel address, or NULL.
 */
void *smm_dma_vmap_block(u64 pfn, unsigned int order, pgprot_t prot)
{
	unsigned long i, n = 1UL << order;
	struct page **pages;
	void *vaddr;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return NULL;
	for (i = 0; i < n; i++)
		pages[i] = pfn_to_page(pfn + i);
	vaddr = vmap(pages, n, VM_MAP, prot);
	kvfree(pages);
	return vaddr;
}

/**
 * smm_dma_dev_register() - make a device the shadow DMA layer's
 * @dev: the device
 * @ops: what its driver does
 * @hw_bits: the address bits the device drives, 24..64: its DMA mask,
 *	and the widest one smm_dma_set_mask() accepts
 * @id: its identity, copied before the device is published
 * @drvdata: the driver's pointer
 *
 * Sets the DMA mask (streaming and coherent), finds out whether an IOMMU
 * translates its addresses, and, when none does, carves its bounce pool
 * (without one when it cannot: the reason is logged). Takes
 * smm_dma_mutex.
 *
 * Return: the device; ERR_PTR(-EBUSY) when one is registered already,
 * -EINVAL for bad @hw_bits, -ENOMEM, or the error of
 * dma_set_mask_and_coherent().
 */
struct smm_dma_dev *smm_dma_dev_register(struct device *dev,
					 const struct smm_dma_dev_ops *ops,
					 unsigned int hw_bits,
					 const struct smm_dma_dev_id *id,
					 void *drvdata)
{
	struct smm_dma_pool_block blk;
	struct iommu_domain *domain;
	struct smm_dma_dev *sdev;
	int ret;

	if (hw_bits < 24 || hw_bits > 64)
		return ERR_PTR(-EINVAL);
	mutex_lock(&smm_dma_mutex);
	if (smm_dma_dev_now) {
		ret = -EBUSY;
		goto err_unlock;
	}
	sdev = kzalloc(sizeof(*sdev), GFP_KERNEL);
	if (!sdev) {
		ret = -ENOMEM;
		goto err_unlock;
	}
	sdev->dev = dev;
	sdev->ops = ops;
	sdev->id = *id;
	sdev->drvdata = drvdata;
	INIT_LIST_HEAD(&sdev->sg_maps);
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(hw_bits));
	if (ret) {
		dev_err(dev, "the kernel refused a %u-bit DMA mask: %d\n",
			hw_bits, ret);
		goto err_free;
	}
	sdev->hw_bits = hw_bits;
	sdev->mask_bits = hw_bits;
	domain = iommu_get_domain_for_dev(dev);
	sdev->translated = domain && iommu_is_dma_domain(domain);
	if (!smm_dma_pool_carve(sdev, &blk, NULL))
		smm_dma_pool_install(sdev, &blk);
	smm_dma_dev_now = sdev;
	mutex_unlock(&smm_dma_mutex);
	return sdev;

err_free:
	kfree(sdev);
err_unlock:
	mutex_unlock(&smm_dma_mutex);
	return ERR_PTR(ret);
}

/**
 * smm_dma_dev_unregister() - the device goes away
 * @sdev: the device
 *
 * Waits for a transfer in progress (it holds smm_dma_mutex), reports
 * each mapping still held, lets their owner release them, unmaps
 * whatever it left, and frees the bounce pool. The tracker's counts and
 * findings stay.
 */
void smm_dma_dev_unregister(struct smm_dma_dev *sdev)
{
	mutex_lock(&smm_dma_mutex);
	smm_dma_report_held(sdev, SMM_DMA_CHECK_HELD_AT_UNBIND);
	if (smm_dma_release)
		smm_dma_release(sdev);
	smm_dma_force_unmap_all(sdev);
	smm_dma_pool_free(sdev);
	if (smm_dma_dev_now == sdev)
		smm_dma_dev_now = NULL;
	mutex_unlock(&smm_dma_mutex);
	kfree(sdev);
}

/**
 * smm_dma_set_mask() - change the device's DMA mask
 * @sdev: the device
 * @bits: the new limit in bits, 24 up to the device's own (hw_bits)
 * @extack: for the reason of a refusal
 *
 * The bounce pool for the new mask is carved before the old one goes.
 * On any refusal the device keeps its mask and its pool.
 *
 * Return: 0; -EINVAL for @bits outside 24..64; -ERANGE above the bits
 * the device drives, or when no shadow page lies below the mask, or no
 * shadow zone for the bounce pool does; -EBUSY while it has mappings;
 * -ENOMEM when the pool cannot be carved; the kernel's error when it
 * refuses the mask.
 */
int smm_dma_set_mask(struct smm_dma_dev *sdev, unsigned int bits,
		     struct netlink_ext_ack *extack)
{
	unsigned int old_bits = sdev->mask_bits;
	struct device *dev = sdev->dev;
	u64 old_coherent = dev->coherent_dma_mask;
	u64 old_mask = dma_get_mask(dev);
	unsigned int n = smm_dma_mappings(sdev);
	u64 lowest = smm_dma_lowest_pa();
	struct smm_dma_pool_block blk;
	int ret;

	lockdep_assert_held(&smm_dma_mutex);
	if (bits < 24 || bits > 64) {
		smm_dma_set_msg(extack, NULL, "mask-bits must be 24..64");
		return -EINVAL;
	}
	if (bits > sdev->hw_bits) {
		smm_dma_set_msg(extack, NULL,
				"the device reaches only %u bits: a %u-bit mask would let it write to truncated addresses",
				sdev->hw_bits, bits);
		return -ERANGE;
	}
	if (n) {
		smm_dma_set_msg(extack, NULL,
				"the device has %u mapping(s): release them before changing its mask",
				n);
		return -EBUSY;
	}
	if (lowest == U64_MAX ||
	    smm_dma_bus(sdev, lowest + PAGE_SIZE - 1) > DMA_BIT_MASK(bits)) {
		smm_dma_set_msg(extack, NULL,
				"no shadow memory below 2^%u: the lowest shadow page is at %#llx",
				bits, lowest);
		return -ERANGE;
	}
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(bits));
	if (ret) {
		smm_dma_set_msg(extack, NULL,
				"the kernel refused a %u-bit DMA mask for the device (error %d)",
				bits, ret);
		goto err_masks;
	}
	sdev->mask_bits = bits;
	/* Both pools live for a moment: the old one stays on failure. */
	ret = smm_dma_pool_carve(sdev, &blk, extack);
	if (ret) {
		sdev->mask_bits = old_bits;
		goto err_masks;
	}
	smm_dma_pool_free(sdev);
	smm_dma_pool_install(sdev, &blk);
	dev_info(dev, "DMA mask set to %u bits\n", bits);
	return 0;

err_masks:
	/* The kernel held these before (the streaming one may have changed). */
	dma_set_mask(dev, old_mask);
	dma_set_coherent_mask(dev, old_coherent);
	return ret;
}

/**
 * smm_dma_iommu_domain() - the IOMMU domain the device sits in
 * @sdev: the device
 * @group: set to its IOMMU group's id, U32_MAX when it has none
 *
 * Return: an enum shadow_mm_iommu_domain value.
 */
int smm_dma_iommu_domain(struct smm_dma_dev *sdev, u32 *group)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(sdev->dev);
	struct iommu_group *g = iommu_group_get(sdev->dev);

	*group = U32_MAX;
	if (g) {
		*group = iommu_group_id(g);
		iommu_group_put(g);
	}
	if (!domain)
		return SHADOW_MM_IOMMU_DOMAIN_NONE;
	switch (domain->type) {
	case IOMMU_DOMAIN_IDENTITY:
		return SHADOW_MM_IOMMU_DOMAIN_IDENTITY;
	case IOMMU_DOMAIN_DMA:
		return SHADOW_MM_IOMMU_DOMAIN_DMA;
	case IOMMU_DOMAIN_DMA_FQ:
		return SHADOW_MM_IOMMU_DOMAIN_DMA_FQ;
	case IOMMU_DOMAIN_BLOCKED:
		return SHADOW_MM_IOMMU_DOMAIN_BLOCKED;
	case IOMMU_DOMAIN_UNMANAGED:
		return SHADOW_MM_IOMMU_DOMAIN_UNMANAGED;
	default:
		return SHADOW_MM_IOMMU_DOMAIN_OTHER;
	}
}

/**
 * smm_dma_track() - put a new mapping in the tracker
 * @sdev: the device
 * @key: its key (smm_dma_key())
 * @m: its record
 * @checked: its error counts as checked
 *
 * Return: 0; -EEXIST when it overlaps a live one (logged), -ENOMEM. On
 * failure the caller undoes the mapping.
 */
int smm_dma_track(struct smm_dma_dev *sdev, const void *key,
		  struct smm_dma_map *m, bool checked)
{
	struct smm_dma_entry e = {
		.dev = key,
		.addr = m->addr,
		.size = m->size,
		.dir = m->dir,
		.kind = m->kind,
		.checked = checked,
		.cookie = m,
	};
	int ret = smm_dma_track_map(&smm_dma_tracker, &e);

	if (ret == -EEXIST)
		dev_err(sdev->dev, "DMA-debug: the kernel handed out %#llx (%llu bytes) twice\n",
			e.addr, e.size);
	return ret;
}

/**
 * smm_dma_alloc_coherent() - dma_alloc_coherent() from shadow pages
 * @sdev: the device
 * @size: bytes, at least 1
 * @zone: highest zone to take the pages from, -1 for the reachable zone
 * @nid: preferred node, or SMM_NUMA_NO_NODE
 * @handle: set to the device address
 * @pfn: set to the block's first pfn
 * @site: the caller
 * @extack: for the reason of a failure
 *
 * One block of shadow pages, zeroed, mapped into the kernel (uncached
 * when the device does not snoop caches) and mapped for the device in
 * both directions for its lifetime; tracked as checked.
 *
 * Return: the kernel address, or NULL after setting the extack.
 */
void *smm_dma_alloc_coherent(struct smm_dma_dev *sdev, size_t size,
			     int zone, int nid, dma_addr_t *handle,
			     u64 *pfn, unsigned long site,
			     struct netlink_ext_ack *extack)
{
	unsigned int order = get_order(size);
	pgprot_t prot = PAGE_KERNEL;
	struct smm_dma_map *m;
	dma_addr_t addr;
	void *cpu;

	lockdep_assert_held(&smm_dma_mutex);
	if (zone < 0) {
		zone = smm_dma_reachable_zone(sdev);
		if (zone < 0) {
			smm_dma_set_msg(extack, NULL,
					"no shadow zone lies wholly below the device's %u-bit DMA mask: coherent buffers need one",
					sdev->mask_bits);
			return NULL;
		}
	} else if (!smm_dma_zone_reachable(sdev, zone)) {
		smm_dma_set_msg(extack, NULL,
				"the device (DMA mask %u bits) cannot reach all of zone %s and below: coherent buffers come from memory it reaches",
				sdev->mask_bits, smm_zone_names[zone]);
		return NULL;
	}
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m) {
		smm_dma_set_msg(extack, NULL,
				"out of memory for the buffer's record");
		return NULL;
	}
	if (smm_dma_pages_alloc(order, zone, nid, pfn)) {
		smm_dma_set_msg(extack, NULL,
				"not enough free shadow memory in zone %s and below for one block of %lu bytes",
				smm_zone_names[zone], PAGE_SIZE << order);
		goto err_record;
	}
	if (!dev_is_dma_coherent(sdev->dev))
		prot = pgprot_dmacoherent(prot);
	cpu = smm_dma_vmap_block(*pfn, order, prot);
	if (!cpu) {
		smm_dma_set_msg(extack, NULL,
				"no kernel address space to map %lu bytes of the buffer (vmap)",
				PAGE_SIZE << order);
		goto err_pages;
	}
	addr = smm_dma_map_phys(sdev, *pfn << PAGE_SHIFT, size,
				DMA_BIDIRECTIONAL);
	if (dma_mapping_error(sdev->dev, addr)) {
		smm_dma_set_msg(extack, NULL,
				"the kernel's DMA API refused to map the buffer");
		goto err_vunmap;
	}
	m->kind = SMM_DMA_KIND_COHERENT;
	m->dir = DMA_BIDIRECTIONAL;
	m->addr = addr;
	m->size = size;
	m->site = site;
	m->pa = *pfn << PAGE_SHIFT;
	m->cpu = cpu;
	m->pfn = *pfn;
	if (smm_dma_track(sdev, sdev->dev, m, true)) {
		smm_dma_set_msg(extack, NULL,
				"the DMA-debug tracker could not record the buffer");
		goto err_unmap;
	}
	*handle = addr;
	return cpu;

err_unmap:
	dma_unmap_page(sdev->dev, addr, size, DMA_BIDIRECTIONAL);
err_vunmap:
	vunmap(cpu);
err_pages:
	smm_dma_pages_free(*pfn);
err_record:
	kfree(m);
	return NULL;
}

/**
 * smm_dma_free_coherent() - dma_free_coherent()
 * @sdev: the device
 * @size: bytes, as allocated
 * @cpu: the kernel address alloc returned (the record's is the one freed)
 * @handle: the device address
 * @site: the caller
 * @extack: for the finding of a refusal
 *
 * Return: as smm_dma_unmap_any().
 */
int smm_dma_free_coherent(struct smm_dma_dev *sdev, size_t size, void *cpu,
			  dma_addr_t handle, unsigned long site,
			  struct netlink_ext_ack *extack)
{
	return smm_dma_unmap_any(sdev, handle, size, DMA_BIDIRECTIONAL,
				 SMM_DMA_KIND_COHERENT, site, extack);
}

/**
 * smm_dma_unmap_any() - unmap or free whatever the arguments name, the
 * DMA-debug checks first
 * @sdev: the device
 * @addr: the device address passed
 * @size: the size passed
 * @dir: the direction passed
 * @kind: the function family used: coherent free, page or sg unmap
 * @site: the caller
 * @extack: for the finding of a refusal
 *
 * A call the checks refuse changes nothing; its finding is counted,
 * logged once per site and sent to the monitor. An unmap of a mapping
 * whose error was never checked is reported the same way and proceeds.
 * Otherwise the real unmap runs, bounce slots are copied back (from the
 * device) and freed, and a coherent buffer's pages go back.
 *
 * Return: 0, or -EINVAL with the finding's message in the extack.
 */
int smm_dma_unmap_any(struct smm_dma_dev *sdev, u64 addr, u64 size,
		      enum dma_data_direction dir, enum smm_dma_kind kind,
		      unsigned long site, struct netlink_ext_ack *extack)
{
	struct smm_dma_entry out;
	enum smm_dma_check check;
	bool log = false;
	const void *key;

	lockdep_assert_held(&smm_dma_mutex);
	/* Inside an sg mapping: refused as "inside, not its start". */
	key = smm_dma_key(sdev, addr, &addr);
	check = smm_dma_track_unmap(&smm_dma_tracker, key, addr, size, dir,
				    kind, site, &out, &log);
	if (check != SMM_DMA_OK) {
		smm_dma_note(sdev, check, log, kind, extack);
		return -EINVAL;
	}
	/* Unmapped all the same, but the tracker reported it. */
	if (!out.checked)
		smm_dma_note(sdev, SMM_DMA_CHECK_UNCHECKED, log, kind, NULL);
	smm_dma_unmap_record(sdev, out.cookie);
	return 0;
}

/**
 * smm_dma_check_counts() - the DMA-debug counts since load
 * @counts: set to the findings of each check
 * @total: set to the findings in all
 * @lost: set to the findings no longer kept
 */
void smm_dma_check_counts(u64 counts[SMM_DMA_NR_CHECKS], u64 *total,
			  u64 *lost)
{
	const struct smm_dma_tracker *t = &smm_dma_tracker;

	lockdep_assert_held(&smm_dma_mutex);
	memcpy(counts, t->counts, sizeof(t->counts));
	*total = t->seq;
	*lost = t->seq > SMM_DMA_FINDINGS ? t->seq - SMM_DMA_FINDINGS : 0;
}

/**
 * smm_dma_check_findings() - the kept findings after a sequence number
 * @after_seq: only findings numbered above it
 * @out: where to copy them, oldest first
 * @max: room in @out
 *
 * Return: how many were copied.
 */
unsigned int smm_dma_check_findings(u64 after_seq,
				    struct smm_dma_finding *out,
				    unsigned int max)
{
	lockdep_assert_held(&smm_dma_mutex);
	return smm_dma_track_findings(&smm_dma_tracker, after_seq, out, max);
}

/**
 * smm_dma_init() - get the DMA layer ready, before the driver registers
 *
 * Return: 0, or -ENOSPC when the owner tags cannot be registered.
 */
int smm_dma_init(void)
{
	int ret;

	smm_dma_track_init(&smm_dma_tracker);
	ret = smm_owner_register(smm_shadow.mm, "dma");
	if (ret < 0)
		return ret;
	smm_dma_owner_pages = ret;
	ret = smm_owner_register(smm_shadow.mm, "dma-bounce");
	if (ret < 0)
		return ret;
	smm_dma_owner_pool = ret;
	return 0;
}

/**
 * smm_dma_exit() - free the tracker; the driver is gone
 */
void smm_dma_exit(void)
{
	mutex_lock(&smm_dma_mutex);
	smm_dma_track_destroy(&smm_dma_tracker);
	mutex_unlock(&smm_dma_mutex);
}
