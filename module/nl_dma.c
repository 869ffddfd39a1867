// SPDX-License-Identifier: GPL-2.0
/*
 * DMA buffers over netlink: dma-dev-get, dma-dev-set, dma-alloc, dma-map,
 * dma-unmap, dma-sync, dma-get, dma-xfer and dma-error-get, on the shadow
 * DMA layer (dma.c) and the device its driver registered (edu.c).
 *
 * A buffer is shadow pages (owner "dma") mapped for the device, kept by
 * id: a coherent buffer (dma_alloc_coherent()), a single one (one block,
 * dma_map_page()) or a scatter-gather one (order-0 pages one at a time,
 * dma_map_sgtable()). A request may name a buffer and still pass other
 * values to the DMA API (address, size, direction, function), as a buggy
 * driver would: the layer's DMA-debug checks refuse those, and nothing
 * changes. A transfer moves a pattern from one buffer through the
 * device's own buffer into another and compares every byte, or (copy)
 * moves what src holds for the caller to check.
 *
 * A dma-buf imported into the device (dmabuf-import, target edu) is a
 * buffer too, of kind dmabuf: the device's attachment to it, mapped by
 * the exporter, whose sg_table gives the DMA segments; the CPU reaches it
 * through dma_buf_vmap() between begin/end_cpu_access, the exporter's
 * syncs. dma-unmap detaches it and drops the import's reference.
 *
 * Everything, the id table included, is under smm_dma_mutex, which also
 * keeps the device from going away under a request. When it does go, the
 * layer calls smm_nl_dma_release(), which releases every buffer. Changing
 * anything needs CAP_NET_ADMIN (GENL_ADMIN_PERM) and CAP_SYS_ADMIN.
 *
 * Lock order with dma-bufs: smm_dma_mutex, then whatever the dma-buf
 * core and the exporter take (the reservation lock from 6.2, the
 * exporter's own buffer mutex). Unmap, detach, vmap, vunmap and
 * begin/end_cpu_access run with smm_dma_mutex held; no exporter callback
 * may take it (shadow_mm's own, dmabuf.c, never does). Attaching and
 * mapping run without it all the same, as an importing driver would
 * from its own context.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/dma-buf.h>
#include <linux/dma-map-ops.h>
#include <linux/highmem.h>
#include <linux/iosys-map.h>
#include <linux/kallsyms.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/xarray.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "shadow_mm.h"
#include "smm_dma.h"
#include "smm_dmabuf.h"

/* Pages of a scatter-gather buffer at most: its reply stays small. */
#define SMM_NL_DMA_SG_MAX_PAGES	256

/**
 * struct smm_nl_dma_buf - a DMA buffer
 * @id: its id, 1..SHADOW_MM_MAX_DMA_BUFFERS
 * @kind: enum smm_dma_kind
 * @dir: the direction it is mapped with (coherent: bidirectional)
 * @size: bytes mapped
 * @zone: zone type of its first page
 * @nid: node of its first page
 * @pfn: first pfn of its block (single, coherent); of its first page (sg)
 * @npages: shadow pages it holds
 * @pages: its pages (sg)
 * @sg: its scatter-gather table (sg)
 * @cpu: its kernel mapping (coherent)
 * @handle: the device address of its first byte
 * @checked: the mapping's error was checked
 * @bounced: part of it goes through the bounce pool
 * @dmabuf: the dma-buf imported (dmabuf), with the import's reference
 * @attach: the device's attachment to it (dmabuf)
 * @dsgt: the exporter's table, mapped for the device (dmabuf)
 * @pfns: the frames of its pages, for shadow_mm's own dma-bufs (dmabuf;
 *	NULL for another exporter's, whose pages are not shadow pages)
 * @vmap: its kernel mapping while a transfer's CPU part runs (dmabuf)
 */
struct smm_nl_dma_buf {
	u32 id;
	enum smm_dma_kind kind;
	enum dma_data_direction dir;
	u64 size;
	int zone;
	int nid;
	u64 pfn;
	unsigned int npages;
	struct page **pages;
	struct smm_dma_sg sg;
	void *cpu;
	dma_addr_t handle;
	bool checked;
	bool bounced;
	struct dma_buf *dmabuf;
	struct dma_buf_attachment *attach;
	struct sg_table *dsgt;
	u64 *pfns;
	struct iosys_map vmap;
};

/* Buffers by id; under smm_dma_mutex. */
static DEFINE_XARRAY_ALLOC1(smm_dma_bufs);

/*
 * The registered device, or NULL with the extack saying there is none.
 * smm_dma_mutex held.
 */
static struct smm_dma_dev *smm_nl_dma_dev(struct netlink_ext_ack *extack)
{
	struct smm_dma_dev *sdev = smm_dma_current();

	if (!sdev)
		NL_SET_ERR_MSG(extack, "no edu device (PCI 1234:11e8) is bound");
	return sdev;
}

/*
 * What every request that changes something starts with: log it, let the
 * monitor see its allocations, and check CAP_SYS_ADMIN (GENL_ADMIN_PERM
 * checked CAP_NET_ADMIN).
 */
static int smm_nl_dma_admin(struct sk_buff *skb, struct genl_info *info)
{
	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack,
			       "DMA requests that change something need CAP_SYS_ADMIN");
		return -EPERM;
	}
	return 0;
}

static void smm_nl_dma_event(u32 type, const struct smm_nl_dma_buf *buf,
			     u64 addr, u64 size)
{
	struct smm_dma_event ev = {
		.type = type,
		.id = buf->id,
		.addr = addr,
		.size = size,
		.dir = buf->dir,
		.kind = buf->kind,
		.bounced = buf->bounced,
	};

	smm_event_dma(&ev);
}

/* The buffer whose handle @addr is, or NULL. */
static struct smm_nl_dma_buf *smm_nl_dma_by_addr(u64 addr)
{
	struct smm_nl_dma_buf *buf;
	unsigned long id;

	xa_for_each(&smm_dma_bufs, id, buf)
		if (buf->handle == addr)
			return buf;
	return NULL;
}

static struct page *smm_nl_dma_page(const struct smm_nl_dma_buf *buf,
				    unsigned long index)
{
	if (buf->kind == SMM_DMA_KIND_SG)
		return buf->pages[index];
	return pfn_to_page(buf->pfn + index);
}

/* Give the pages of a buffer back; a coherent one's went with its free. */
static void smm_nl_dma_pages_free(struct smm_nl_dma_buf *buf)
{
	unsigned int i;

	switch (buf->kind) {
	case SMM_DMA_KIND_SINGLE:
		smm_dma_pages_free(buf->pfn);
		break;
	case SMM_DMA_KIND_SG:
		sg_free_table(&buf->sg.sgt);
		for (i = 0; i < buf->npages; i++)
			smm_dma_pages_free(page_to_pfn(buf->pages[i]));
		kvfree(buf->pages);
		buf->pages = NULL;
		break;
	case SMM_DMA_KIND_DMABUF:
		/* Detached already: the exporter may free its pages now. */
		if (buf->dmabuf)
			dma_buf_put(buf->dmabuf);
		buf->dmabuf = NULL;
		kvfree(buf->pfns);
		buf->pfns = NULL;
		break;
	default:
		break;
	}
}

/* Forget a buffer whose mapping is gone: pages (or reference), id, event. */
static void smm_nl_dma_forget(struct smm_nl_dma_buf *buf)
{
	smm_nl_dma_pages_free(buf);
	xa_erase(&smm_dma_bufs, buf->id);
	smm_nl_dma_event(SHADOW_MM_EVENT_TYPE_DMA_UNMAP, buf, buf->handle,
			 buf->size);
	kfree(buf);
}

/*
 * Unmap a dma-buf import's attachment and detach the device: the
 * exporter's callbacks run, with smm_dma_mutex held or not (see the lock
 * order above). The reference goes with smm_nl_dma_forget().
 */
static void smm_nl_dma_detach(struct smm_nl_dma_buf *buf)
{
	smm_dma_buf_unmap(buf->attach, buf->dsgt, buf->dir);
	dma_buf_detach(buf->dmabuf, buf->attach);
	buf->attach = NULL;
	buf->dsgt = NULL;
}

/* Unmap or free a buffer with the values it was made with. */
static int smm_nl_dma_unmap_buf(struct smm_dma_dev *sdev,
				struct smm_nl_dma_buf *buf, unsigned long site,
				struct netlink_ext_ack *extack)
{
	switch (buf->kind) {
	case SMM_DMA_KIND_DMABUF:
		smm_nl_dma_detach(buf);
		return 0;
	case SMM_DMA_KIND_COHERENT:
		return smm_dma_free_coherent(sdev, buf->size, buf->cpu,
					     buf->handle, site, extack);
	case SMM_DMA_KIND_SG:
		return smm_dma_unmap_sg(sdev, &buf->sg, buf->dir, site,
					extack);
	default:
		return smm_dma_unmap_page(sdev, buf->handle, buf->size,
					  buf->dir, site, extack);
	}
}

/* Release every buffer of a device that goes away (or of the module). */
static void smm_nl_dma_release(struct smm_dma_dev *sdev)
{
	struct smm_nl_dma_buf *buf;
	unsigned long id;

	lockdep_assert_held(&smm_dma_mutex);
	xa_for_each(&smm_dma_bufs, id, buf) {
		if (!smm_nl_dma_unmap_buf(sdev, buf, _THIS_IP_, NULL)) {
			smm_nl_dma_forget(buf);
			continue;
		}
		/*
		 * Cannot be: it is unmapped as it was mapped. The layer
		 * unmaps it after this, through its table: the buffer and
		 * its pages stay allocated, leaked, rather than reused under
		 * a mapping.
		 */
		pr_err("DMA buffer %u was refused its unmap: it leaks\n",
		       buf->id);
		xa_erase(&smm_dma_bufs, buf->id);
	}
}

static size_t smm_nl_dma_seg_size(void)
{
	return nla_total_size(0) +			/* the nest */
	       2 * nla_total_size(sizeof(u32)) +	/* index, len */
	       3 * nla_total_size_64bit(sizeof(u64));	/* pa, dma, bounce */
}

/* Bytes of a buffer's attributes with @nsegs segments. */
static size_t smm_nl_dma_buf_size(unsigned int nsegs)
{
	return 8 * nla_total_size(sizeof(u32)) +	/* id ... pages */
	       3 * nla_total_size_64bit(sizeof(u64)) +	/* size, dma, pa */
	       2 * nla_total_size(0) +			/* the flags */
	       nsegs * smm_nl_dma_seg_size();
}

/*
 * Segments a reply lists: a scatterlist's CPU entries, each with its
 * device address; an imported dma-buf's DMA segments (the exporter's CPU
 * entries are its own business).
 */
static unsigned int smm_nl_dma_nsegs(const struct smm_nl_dma_buf *buf)
{
	switch (buf->kind) {
	case SMM_DMA_KIND_SG:
		return buf->sg.sgt.orig_nents;
	case SMM_DMA_KIND_DMABUF:
		return buf->dsgt->nents;
	default:
		return 1;
	}
}

/* The physical address of byte @off of a shadow_mm dma-buf import. */
static u64 smm_nl_dma_pfns_pa(const struct smm_nl_dma_buf *buf, u64 off)
{
	return ((u64)buf->pfns[off >> PAGE_SHIFT] << PAGE_SHIFT) +
	       (off & (PAGE_SIZE - 1));
}

static int smm_nl_dma_seg_put(struct sk_buff *msg, unsigned int index,
			      const struct smm_dma_seg *seg)
{
	struct nlattr *nest = nla_nest_start(msg, SHADOW_MM_A_DMA_SEG);

	if (!nest)
		return -EMSGSIZE;
	/* pa is unknown (0) in another exporter's dma-buf: left out. */
	if (nla_put_u32(msg, SHADOW_MM_A_DMA_SEG_INDEX, index) ||
	    (seg->pa &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_SEG_PA, seg->pa,
			       SHADOW_MM_A_DMA_SEG_PAD)) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_SEG_LEN, seg->len) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_SEG_DMA_ADDR, seg->dma,
			      SHADOW_MM_A_DMA_SEG_PAD) ||
	    (seg->bounce_pa &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_SEG_BOUNCE_PA,
			       seg->bounce_pa, SHADOW_MM_A_DMA_SEG_PAD))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Segment @index of a buffer, as the CPU and the device see it. */
static void smm_nl_dma_seg(struct smm_dma_dev *sdev,
			   struct smm_nl_dma_buf *buf, unsigned int index,
			   struct smm_dma_seg *seg)
{
	struct scatterlist *s;
	unsigned int i;
	u64 off = 0, len;

	memset(seg, 0, sizeof(*seg));
	if (buf->kind == SMM_DMA_KIND_DMABUF) {
		for_each_sgtable_dma_sg(buf->dsgt, s, i) {
			if (i == index) {
				seg->len = sg_dma_len(s);
				seg->dma = sg_dma_address(s);
				if (buf->pfns && off < buf->size)
					seg->pa = smm_nl_dma_pfns_pa(buf, off);
				return;
			}
			off += sg_dma_len(s);
		}
		return;
	}
	if (buf->kind != SMM_DMA_KIND_SG) {
		smm_dma_segment(sdev, buf->handle, buf->size, seg);
		return;
	}
	for_each_sgtable_sg(&buf->sg.sgt, s, i) {
		if (i == index) {
			seg->pa = sg_phys(s);
			seg->len = s->length;
			smm_dma_sg_dma_at(&buf->sg, off, &seg->dma, &len);
			seg->bounce_pa = buf->sg.bounce ? buf->sg.bounce[i] : 0;
			return;
		}
		off += s->length;
	}
}

/*
 * The attributes of a buffer, its segments from *@seg on; *@seg is left
 * at the first segment that did not fit.
 * Return: 0 when everything fit, else -EMSGSIZE.
 */
static int smm_nl_dma_buf_put(struct sk_buff *msg, struct smm_dma_dev *sdev,
			      struct smm_nl_dma_buf *buf, unsigned int *seg)
{
	unsigned int nsegs = smm_nl_dma_nsegs(buf);
	unsigned int nents = nsegs, mapped = 1;
	bool known = buf->kind != SMM_DMA_KIND_DMABUF || buf->pfns;
	struct smm_dma_seg s;

	if (buf->kind == SMM_DMA_KIND_SG) {
		mapped = buf->sg.nents_mapped;
	} else if (buf->kind == SMM_DMA_KIND_DMABUF) {
		nents = buf->dsgt->orig_nents;
		mapped = buf->dsgt->nents;
	}

	if (nla_put_u32(msg, SHADOW_MM_A_DMA_ID, buf->id) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_KIND, buf->kind) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DIR, buf->dir + 1) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_SIZE, buf->size,
			      SHADOW_MM_A_DMA_PAD) ||
	    /* Not shadow pages (another exporter's): no zone, node, pa. */
	    (known &&
	     (nla_put_u32(msg, SHADOW_MM_A_DMA_ZONE, buf->zone + 1) ||
	      nla_put_u32(msg, SHADOW_MM_A_DMA_NODE, buf->nid))) ||
	    (!buf->checked &&
	     nla_put_flag(msg, SHADOW_MM_A_DMA_UNCHECKED)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DMA_ADDR, buf->handle,
			      SHADOW_MM_A_DMA_PAD) ||
	    (known &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_PA,
			       (u64)buf->pfn << PAGE_SHIFT,
			       SHADOW_MM_A_DMA_PAD)) ||
	    (buf->bounced && nla_put_flag(msg, SHADOW_MM_A_DMA_BOUNCED)) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_NENTS, nents) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_MAPPED_NENTS, mapped) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_PAGES, buf->npages))
		return -EMSGSIZE;
	for (; *seg < nsegs; (*seg)++) {
		smm_nl_dma_seg(sdev, buf, *seg, &s);
		if (smm_nl_dma_seg_put(msg, *seg, &s))
			return -EMSGSIZE;
	}
	return 0;
}

/* Reply with a buffer into @msg, sized by smm_nl_dma_buf_size(). */
static int smm_nl_dma_buf_reply(struct genl_info *info, struct sk_buff *msg,
				void *hdr, struct smm_dma_dev *sdev,
				struct smm_nl_dma_buf *buf)
{
	unsigned int seg = 0;

	/* Sized for every segment: cannot run out of room. */
	if (WARN_ON_ONCE(smm_nl_dma_buf_put(msg, sdev, buf, &seg))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * struct smm_nl_dma_req - what a dma-alloc or dma-map request asks for
 * @kind: enum smm_dma_kind
 * @dir: the direction
 * @size: bytes
 * @zone: highest zone to take pages from
 * @nid: preferred node, or SMM_NUMA_NO_NODE
 * @unchecked: do not check the mapping's error
 */
struct smm_nl_dma_req {
	enum smm_dma_kind kind;
	enum dma_data_direction dir;
	u64 size;
	int zone;
	int nid;
	bool unchecked;
};

/*
 * Fill @r from a dma-alloc or dma-map request and check what does not
 * need the device. Return: 0, or an errno with the extack set.
 */
static int smm_nl_dma_req_parse(struct genl_info *info,
				struct smm_nl_dma_req *r)
{
	struct nlattr **tb = info->attrs;
	u8 cmd = info->genlhdr->cmd;

	r->kind = cmd == SHADOW_MM_CMD_DMA_ALLOC ? SMM_DMA_KIND_COHERENT :
						    SMM_DMA_KIND_SINGLE;
	r->dir = DMA_BIDIRECTIONAL;
	r->zone = cmd == SHADOW_MM_CMD_DMA_ALLOC ? -1 : SMM_ZONE_NORMAL;
	r->nid = SMM_NUMA_NO_NODE;
	r->unchecked = nla_get_flag(tb[SHADOW_MM_A_DMA_UNCHECKED]);

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMA_SIZE)) {
		NL_SET_ERR_MSG(info->extack, "the request needs attribute size");
		return -EINVAL;
	}
	r->size = nla_get_u64(tb[SHADOW_MM_A_DMA_SIZE]);
	if (!r->size) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_SIZE],
				    "size must be at least 1 byte");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_DMA_KIND])
		r->kind = nla_get_u32(tb[SHADOW_MM_A_DMA_KIND]);
	if (tb[SHADOW_MM_A_DMA_DIR])
		r->dir = nla_get_u32(tb[SHADOW_MM_A_DMA_DIR]) - 1;
	if (tb[SHADOW_MM_A_DMA_ZONE]) {
		r->zone = nla_get_u32(tb[SHADOW_MM_A_DMA_ZONE]) - 1;
		if (!smm_arch_has_zone_type(r->zone)) {
			smm_dma_set_msg(info->extack, tb[SHADOW_MM_A_DMA_ZONE],
					"this architecture has no %s zone",
					smm_zone_names[r->zone]);
			return -EINVAL;
		}
	}
	if (tb[SHADOW_MM_A_DMA_NODE]) {
		r->nid = nla_get_u32(tb[SHADOW_MM_A_DMA_NODE]);
		if (r->nid >= smm_shadow.mm->nr_nodes) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_DMA_NODE],
					    "no such node: node is at or above the number of nodes");
			return -EINVAL;
		}
	}
	if (r->unchecked && r->kind == SMM_DMA_KIND_SG) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_UNCHECKED],
				    "unchecked is for single mappings: a scatterlist mapping's error is its return value");
		return -EINVAL;
	}
	return 0;
}

/* Check the size against the zone and the kind. Mutex held. */
static int smm_nl_dma_size_check(struct genl_info *info,
				 const struct smm_nl_dma_req *r)
{
	const struct nlattr *attr = info->attrs[SHADOW_MM_A_DMA_SIZE];
	u64 max_block = (u64)PAGE_SIZE << SMM_HOST_MAX_ORDER;
	u64 zone_bytes = (u64)smm_zone_pages_upto(r->zone) << PAGE_SHIFT;

	if (r->size > zone_bytes) {
		smm_dma_set_msg(info->extack, attr,
				"size is larger than shadow zone %s and the zones below it hold (%llu bytes)",
				smm_zone_names[r->zone], zone_bytes);
		return -ENOSPC;
	}
	if (r->kind != SMM_DMA_KIND_SG && r->size > max_block) {
		smm_dma_set_msg(info->extack, attr,
				"size is larger than the largest block (%llu bytes): a %s buffer is one block; use kind sg",
				max_block,
				r->kind == SMM_DMA_KIND_COHERENT ? "coherent" : "single");
		return -EINVAL;
	}
	if (r->kind == SMM_DMA_KIND_SG &&
	    DIV_ROUND_UP_ULL(r->size, PAGE_SIZE) > SMM_NL_DMA_SG_MAX_PAGES) {
		smm_dma_set_msg(info->extack, attr,
				"an sg buffer holds at most %u pages (%lu bytes)",
				SMM_NL_DMA_SG_MAX_PAGES,
				SMM_NL_DMA_SG_MAX_PAGES * PAGE_SIZE);
		return -EINVAL;
	}
	return 0;
}

/* The zone and node of a buffer's first page, for replies. */
static void smm_nl_dma_where(struct smm_nl_dma_buf *buf)
{
	struct smm_zone *z = smm_pfn_zone(smm_shadow.mm, buf->pfn);

	buf->zone = z ? z->type : SMM_ZONE_NORMAL;
	buf->nid = z ? z->nid : 0;
}

/*
 * Reserve an id for @buf, which the table then holds.
 * Return: 0, or -ENOSPC with the extack set.
 */
static int smm_nl_dma_id_alloc(struct genl_info *info,
			       struct smm_nl_dma_buf *buf)
{
	int ret = xa_alloc(&smm_dma_bufs, &buf->id, buf,
			   XA_LIMIT(1, SHADOW_MM_MAX_DMA_BUFFERS), GFP_KERNEL);

	if (ret == -EBUSY) {
		NL_SET_ERR_MSG(info->extack,
			       "there are max-dma-buffers (64) DMA buffers already");
		return -ENOSPC;
	}
	return ret;
}

/*
 * Reply with a new buffer; when the reply cannot go, the buffer goes
 * too, so that none exists that the caller never heard of.
 */
static int smm_nl_dma_new_reply(struct genl_info *info, struct sk_buff *msg,
				void *hdr, struct smm_dma_dev *sdev,
				struct smm_nl_dma_buf *buf)
{
	int ret;

	smm_nl_dma_event(SHADOW_MM_EVENT_TYPE_DMA_MAP, buf, buf->handle,
			 buf->size);
	ret = smm_nl_dma_buf_reply(info, msg, hdr, sdev, buf);
	if (ret) {
		/* Released as made: no finding for an unchecked one. */
		smm_dma_mapping_error(sdev, buf->handle);
		if (!smm_nl_dma_unmap_buf(sdev, buf, _THIS_IP_, NULL))
			smm_nl_dma_forget(buf);
	}
	return ret;
}

/**
 * smm_nl_dma_alloc_doit() - DMA_ALLOC: a coherent buffer
 * @skb: the request
 * @info: the request, parsed
 *
 * One block of zeroed shadow pages from the zone the device reaches
 * (or the zone given, which the device must reach wholly), mapped for
 * both directions.
 *
 * Return: 0 after the reply (the buffer); -EPERM; -ENODEV without a
 * device; -EINVAL for a size of 0 or above the largest block; -ENOSPC for
 * a size above what the zone holds, or when every id is taken; -ERANGE
 * for a zone the device cannot wholly reach; -ENOMEM when the shadow
 * memory cannot serve it. Nothing is left behind on failure.
 */
int smm_nl_dma_alloc_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_nl_dma_buf *buf;
	struct smm_dma_dev *sdev;
	struct smm_nl_dma_req r;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	ret = smm_nl_dma_admin(skb, info);
	if (ret)
		return ret;
	ret = smm_nl_dma_req_parse(info, &r);
	if (ret)
		return ret;
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	msg = smm_nl_reply_new(info, smm_nl_dma_buf_size(1), &hdr);
	if (!buf || !msg) {
		ret = -ENOMEM;
		goto err_free;
	}

	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	if (!sdev) {
		ret = -ENODEV;
		goto err_unlock;
	}
	if (r.zone < 0) {
		r.zone = smm_dma_reachable_zone(sdev);
		if (r.zone < 0) {
			smm_dma_set_msg(info->extack, NULL,
					"no shadow zone lies wholly below the device's %u-bit DMA mask: give zone",
					sdev->mask_bits);
			ret = -ERANGE;
			goto err_unlock;
		}
	} else if (!smm_dma_zone_reachable(sdev, r.zone)) {
		smm_dma_set_msg(info->extack, info->attrs[SHADOW_MM_A_DMA_ZONE],
				"the device (DMA mask %u bits) cannot reach all of zone %s and below: coherent buffers come from memory it reaches",
				sdev->mask_bits, smm_zone_names[r.zone]);
		ret = -ERANGE;
		goto err_unlock;
	}
	ret = smm_nl_dma_size_check(info, &r);
	if (ret)
		goto err_unlock;
	ret = smm_nl_dma_id_alloc(info, buf);
	if (ret)
		goto err_unlock;

	buf->cpu = smm_dma_alloc_coherent(sdev, r.size, r.zone, r.nid,
					  &buf->handle, &buf->pfn, _THIS_IP_,
					  info->extack);
	if (!buf->cpu) {
		ret = -ENOMEM;
		goto err_id;
	}
	buf->kind = SMM_DMA_KIND_COHERENT;
	buf->dir = DMA_BIDIRECTIONAL;
	buf->size = r.size;
	buf->npages = 1U << get_order(r.size);
	buf->checked = true;
	smm_nl_dma_where(buf);
	ret = smm_nl_dma_new_reply(info, msg, hdr, sdev, buf);
	mutex_unlock(&smm_dma_mutex);
	return ret;

err_id:
	xa_erase(&smm_dma_bufs, buf->id);
err_unlock:
	mutex_unlock(&smm_dma_mutex);
err_free:
	nlmsg_free(msg);
	kfree(buf);
	return ret;
}

/* sort() order of page pointers: by frame number. */
static int smm_nl_dma_page_cmp(const void *a, const void *b)
{
	unsigned long pa = page_to_pfn(*(struct page * const *)a);
	unsigned long pb = page_to_pfn(*(struct page * const *)b);

	return pa < pb ? -1 : pa > pb;
}

/*
 * The pages of a scatter-gather buffer, one at a time, and its table.
 * The allocator hands split-off pages out from the top down; put them in
 * address order, so that physically adjacent pages share an entry.
 */
static int smm_nl_dma_sg_pages(struct genl_info *info,
			       struct smm_nl_dma_buf *buf,
			       const struct smm_nl_dma_req *r)
{
	unsigned int i, n = DIV_ROUND_UP_ULL(r->size, PAGE_SIZE);
	u64 pfn;
	int ret;

	buf->pages = kvcalloc(n, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		ret = smm_dma_pages_alloc(0, r->zone, r->nid, &pfn);
		if (ret)
			goto err_pages;
		buf->pages[i] = pfn_to_page(pfn);
	}
	sort(buf->pages, n, sizeof(*buf->pages), smm_nl_dma_page_cmp, NULL);
	/*
	 * Adjacent pages share an entry, up to what one bounce can take:
	 * an entry beyond the mask is bounced whole.
	 */
	ret = sg_alloc_table_from_pages_segment(&buf->sg.sgt, buf->pages, n,
						0, r->size, SMM_BOUNCE_MAX_MAP,
						GFP_KERNEL);
	if (ret)
		goto err_pages;
	buf->npages = n;
	buf->pfn = page_to_pfn(buf->pages[0]);
	return 0;

err_pages:
	while (i--)
		smm_dma_pages_free(page_to_pfn(buf->pages[i]));
	kvfree(buf->pages);
	buf->pages = NULL;
	if (ret == -ENOMEM)
		smm_dma_set_msg(info->extack, NULL,
				"not enough free shadow memory in zone %s and below for %u pages",
				smm_zone_names[r->zone], n);
	return ret;
}

/*
 * Allocate and map a streaming buffer.
 * Return: 0, or an errno with the extack set and nothing left behind.
 */
static int smm_nl_dma_map_buf(struct genl_info *info,
			      struct smm_dma_dev *sdev,
			      struct smm_nl_dma_buf *buf,
			      const struct smm_nl_dma_req *r)
{
	unsigned int order = get_order(r->size);
	int ret;

	buf->kind = r->kind;
	buf->dir = r->dir;
	buf->size = r->size;
	buf->checked = !r->unchecked;
	if (r->kind == SMM_DMA_KIND_SG) {
		ret = smm_nl_dma_sg_pages(info, buf, r);
		if (ret)
			return ret;
		ret = smm_dma_map_sg(sdev, &buf->sg, r->dir, _THIS_IP_,
				     info->extack);
		if (ret) {
			smm_nl_dma_pages_free(buf);
			return ret;
		}
		buf->handle = sg_dma_address(buf->sg.sgt.sgl);
		buf->bounced = smm_dma_sg_bounced(&buf->sg);
		return 0;
	}

	ret = smm_dma_pages_alloc(order, r->zone, r->nid, &buf->pfn);
	if (ret) {
		smm_dma_set_msg(info->extack, NULL,
				"not enough free shadow memory in zone %s and below for one block of %lu bytes",
				smm_zone_names[r->zone], PAGE_SIZE << order);
		return ret;
	}
	buf->npages = 1U << order;
	buf->handle = smm_dma_map_page(sdev, pfn_to_page(buf->pfn), 0, r->size,
				       r->dir, _THIS_IP_);
	/* The careless driver never asks; a failed map still fails here. */
	if (r->unchecked ? buf->handle == DMA_MAPPING_ERROR :
			   smm_dma_mapping_error(sdev, buf->handle)) {
		smm_dma_set_msg(info->extack, NULL,
				"the DMA API could not map the buffer: %s",
				sdev->map_why ?: "no reason given");
		smm_dma_pages_free(buf->pfn);
		return -ENOMEM;
	}
	return 0;
}

/**
 * smm_nl_dma_map_doit() - DMA_MAP: a streaming buffer
 * @skb: the request
 * @info: the request, parsed
 *
 * Shadow pages (one block for single, order-0 pages for sg) from the
 * zone given (default normal) or below, zeroed, mapped in one direction;
 * pages beyond the device's reach go through the bounce pool. With
 * unchecked, the mapping's error is not checked.
 *
 * Return: 0 after the reply (the buffer); -EPERM; -ENODEV without a
 * device; -EINVAL for a bad size, zone, node or flag; -ENOSPC for a size
 * above what the zone holds or when every id is taken; -ENOMEM when the
 * shadow memory or the bounce pool cannot serve it. Nothing is left
 * behind on failure.
 */
int smm_nl_dma_map_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_nl_dma_buf *buf;
	struct smm_dma_dev *sdev;
	struct smm_nl_dma_req r;
	struct sk_buff *msg = NULL;
	unsigned int nsegs;
	void *hdr;
	int ret;

	ret = smm_nl_dma_admin(skb, info);
	if (ret)
		return ret;
	ret = smm_nl_dma_req_parse(info, &r);
	if (ret)
		return ret;
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	if (!sdev) {
		ret = -ENODEV;
		goto err_unlock;
	}
	ret = smm_nl_dma_size_check(info, &r);
	if (ret)
		goto err_unlock;
	nsegs = r.kind == SMM_DMA_KIND_SG ?
		DIV_ROUND_UP_ULL(r.size, PAGE_SIZE) : 1;
	msg = smm_nl_reply_new(info, smm_nl_dma_buf_size(nsegs), &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto err_unlock;
	}
	ret = smm_nl_dma_id_alloc(info, buf);
	if (ret)
		goto err_unlock;
	ret = smm_nl_dma_map_buf(info, sdev, buf, &r);
	if (ret) {
		xa_erase(&smm_dma_bufs, buf->id);
		goto err_unlock;
	}
	if (r.kind == SMM_DMA_KIND_SINGLE) {
		struct smm_dma_seg seg;

		if (!smm_dma_segment(sdev, buf->handle, buf->size, &seg))
			buf->bounced = !!seg.bounce_pa;
	}
	smm_nl_dma_where(buf);
	ret = smm_nl_dma_new_reply(info, msg, hdr, sdev, buf);
	mutex_unlock(&smm_dma_mutex);
	return ret;

err_unlock:
	mutex_unlock(&smm_dma_mutex);
	nlmsg_free(msg);
	kfree(buf);
	return ret;
}

/*
 * The frames of a shadow_mm dma-buf's pages, for replies; none (0) for
 * another exporter's, which are not shadow pages.
 * Return: 0, or -ENOMEM.
 */
static int smm_nl_dma_import_pfns(struct smm_nl_dma_buf *buf,
				  struct dma_buf *dmabuf)
{
	u32 max = dmabuf->size >> PAGE_SHIFT, n = 0;
	int ret;

	buf->zone = -1;
	if (!smm_dmabuf_is_ours(dmabuf) || !max)
		return 0;
	buf->pfns = kvcalloc(max, sizeof(*buf->pfns), GFP_KERNEL);
	if (!buf->pfns)
		return -ENOMEM;
	ret = smm_dmabuf_pfns(dmabuf, buf->pfns, max, &n);
	if (ret || !n) {
		kvfree(buf->pfns);
		buf->pfns = NULL;
		return ret;
	}
	buf->npages = n;
	buf->pfn = buf->pfns[0];
	smm_nl_dma_where(buf);
	return 0;
}

/*
 * Whether the kernel may hand the device an address it cannot reach when
 * another exporter maps its pages: no IOMMU translates for it, RAM goes
 * beyond its DMA limit, and no swiotlb bounces for it (dma-direct then
 * warns and fails). A swiotlb that bounces for the device is what makes
 * dma-direct cap its mapping size. shadow_mm's own exporter checks every
 * page itself.
 */
static bool smm_nl_dma_foreign_unsafe(struct smm_dma_dev *sdev)
{
	return !sdev->translated && dma_addressing_limited(sdev->dev) &&
	       dma_max_mapping_size(sdev->dev) == SIZE_MAX;
}

/*
 * The device to attach, with a reference: its struct device outlives an
 * unbind while the import runs unlocked. Return: the device, or NULL
 * with the extack set (*@err -ENODEV or -ERANGE).
 */
static struct device *smm_nl_dma_import_dev(struct genl_info *info,
					    struct dma_buf *dmabuf,
					    unsigned int *mask_bits, int *err)
{
	struct smm_dma_dev *sdev;
	struct device *dev = NULL;

	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	*err = -ENODEV;
	if (sdev && !smm_dmabuf_is_ours(dmabuf) &&
	    smm_nl_dma_foreign_unsafe(sdev)) {
		smm_dma_set_msg(info->extack, info->attrs[SHADOW_MM_A_DMABUF_FD],
				"another exporter's pages may lie beyond the device's %u-bit DMA mask, with no IOMMU nor swiotlb to help: only shadow_mm's dma-bufs import here",
				sdev->mask_bits);
		*err = -ERANGE;
		sdev = NULL;
	}
	if (sdev) {
		dev = get_device(sdev->dev);
		*mask_bits = sdev->mask_bits;
	}
	mutex_unlock(&smm_dma_mutex);
	return dev;
}

/**
 * smm_nl_dma_import() - dmabuf-import, target edu: the DMA device imports
 * a dma-buf
 * @info: the request
 * @dmabuf: the dma-buf, with the caller's reference
 * @msg: the reply, with the dma-buf's id when it is shadow_mm's
 * @hdr: its header
 *
 * As an importing driver does: dma_buf_attach() for the device, then
 * dma_buf_map_attachment() for both directions; the exporter builds the
 * table and maps it (shadow_mm's refuses pages beyond the device's DMA
 * mask). Both run without smm_dma_mutex; the buffer is registered under
 * it after, when the device is still the one attached. The reply gets
 * dma-id, the new DMA buffer (kind dmabuf); when it cannot be sent the
 * import is undone.
 *
 * Return: 0 after the reply, the import keeping the reference; -ENODEV
 * without a device, or when it went away meanwhile; -ERANGE for another
 * exporter's dma-buf when the kernel could hand the device an address
 * beyond its DMA mask (no IOMMU, no swiotlb); -ENOSPC when every
 * DMA buffer id is taken; -ENOMEM; the exporter's error. Nothing is left
 * behind on failure and the caller keeps its reference; @msg is consumed
 * either way.
 */
int smm_nl_dma_import(struct genl_info *info, struct dma_buf *dmabuf,
		      struct sk_buff *msg, void *hdr)
{
	struct netlink_ext_ack *extack = info->extack;
	struct smm_nl_dma_buf *buf;
	struct smm_dma_dev *sdev;
	unsigned int mask_bits = 0;
	struct device *dev;
	int ret;

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto err_msg;
	}
	ret = smm_nl_dma_import_pfns(buf, dmabuf);
	if (ret)
		goto err_buf;
	dev = smm_nl_dma_import_dev(info, dmabuf, &mask_bits, &ret);
	if (!dev)
		goto err_buf;

	buf->attach = dma_buf_attach(dmabuf, dev);
	if (IS_ERR(buf->attach)) {
		ret = PTR_ERR(buf->attach);
		smm_dma_set_msg(extack, NULL,
				"the exporter refused to attach the device: error %d",
				ret);
		goto err_dev;
	}
	buf->dsgt = smm_dma_buf_map(buf->attach, DMA_BIDIRECTIONAL);
	if (IS_ERR(buf->dsgt)) {
		ret = PTR_ERR(buf->dsgt);
		if (buf->pfns)
			smm_dma_set_msg(extack, NULL,
					"shadow_mm could not map the dma-buf for the device (error %d): it maps only pages below the device's %u-bit DMA mask; allocate from a zone below it",
					ret, mask_bits);
		else
			smm_dma_set_msg(extack, NULL,
					"the exporter could not map the dma-buf for the device (%u-bit DMA mask): error %d",
					mask_bits, ret);
		goto err_detach;
	}
	if (!buf->dsgt->nents) {
		NL_SET_ERR_MSG(extack, "the exporter mapped the dma-buf with no DMA segment");
		ret = -EIO;
		goto err_unmap;
	}
	buf->kind = SMM_DMA_KIND_DMABUF;
	buf->dir = DMA_BIDIRECTIONAL;
	buf->size = dmabuf->size;
	buf->dmabuf = dmabuf;
	buf->handle = sg_dma_address(buf->dsgt->sgl);
	buf->checked = true;

	mutex_lock(&smm_dma_mutex);
	sdev = smm_dma_current();
	/* Unbound meanwhile, its buffers released: this one must go too. */
	if (!sdev || sdev->dev != dev) {
		NL_SET_ERR_MSG(extack, "the DMA device went away during the import");
		ret = -ENODEV;
		goto err_unlock;
	}
	ret = smm_nl_dma_id_alloc(info, buf);
	if (ret)
		goto err_unlock;
	/* Sized by the caller for its id and this one: cannot fail. */
	WARN_ON_ONCE(nla_put_u32(msg, SHADOW_MM_A_DMABUF_DMA_ID, buf->id));
	smm_nl_dma_event(SHADOW_MM_EVENT_TYPE_DMA_MAP, buf, buf->handle,
			 buf->size);
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	if (ret) {
		/* None exists that the caller never heard of; its reference stays. */
		smm_nl_dma_detach(buf);
		buf->dmabuf = NULL;
		smm_nl_dma_forget(buf);
	}
	mutex_unlock(&smm_dma_mutex);
	put_device(dev);
	return ret;

err_unlock:
	mutex_unlock(&smm_dma_mutex);
err_unmap:
	smm_dma_buf_unmap(buf->attach, buf->dsgt, DMA_BIDIRECTIONAL);
err_detach:
	dma_buf_detach(dmabuf, buf->attach);
err_dev:
	put_device(dev);
err_buf:
	kvfree(buf->pfns);
	kfree(buf);
err_msg:
	nlmsg_free(msg);
	return ret;
}

/**
 * struct smm_nl_dma_call - what an unmap or sync request passes to the
 * DMA API
 * @buf: the buffer it names, or NULL
 * @addr: the device address passed
 * @size: the size passed
 * @dir: the direction passed
 * @kind: the function family used (unmap)
 */
struct smm_nl_dma_call {
	struct smm_nl_dma_buf *buf;
	u64 addr;
	u64 size;
	enum dma_data_direction dir;
	enum smm_dma_kind kind;
};

/*
 * The buffer an unmap or sync request names, by id or by dma-addr, and
 * the address passed. Return: 0, or an errno with the extack set.
 */
static int smm_nl_dma_call_target(struct genl_info *info,
				  struct smm_nl_dma_call *c)
{
	struct nlattr **tb = info->attrs;

	c->buf = NULL;
	if (!tb[SHADOW_MM_A_DMA_ID] && !tb[SHADOW_MM_A_DMA_DMA_ADDR]) {
		NL_SET_ERR_MSG(info->extack,
			       "the request needs attribute id or dma-addr");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_DMA_ID]) {
		c->buf = xa_load(&smm_dma_bufs,
				 nla_get_u32(tb[SHADOW_MM_A_DMA_ID]));
		if (!c->buf) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_ID],
					    "no DMA buffer with this id");
			return -ENOENT;
		}
	}
	if (tb[SHADOW_MM_A_DMA_DMA_ADDR]) {
		c->addr = nla_get_u64(tb[SHADOW_MM_A_DMA_DMA_ADDR]);
		if (!c->buf)
			c->buf = smm_nl_dma_by_addr(c->addr);
	} else {
		c->addr = c->buf->handle;
	}
	return 0;
}

/*
 * dma-unmap of an imported dma-buf: detach the device, drop the import's
 * reference. The exporter mapped it, not the DMA API: a size, direction
 * or function to pass does not apply. Return: 0, or -EINVAL.
 */
static int smm_nl_dma_unimport(struct genl_info *info,
			       struct smm_nl_dma_buf *buf)
{
	struct nlattr **tb = info->attrs;
	struct nlattr *bad = tb[SHADOW_MM_A_DMA_SIZE] ?:
			     tb[SHADOW_MM_A_DMA_DIR] ?: tb[SHADOW_MM_A_DMA_KIND];

	if (bad) {
		NL_SET_ERR_MSG_ATTR(info->extack, bad,
				    "an imported dma-buf is unmapped by detaching it: size, dir and kind do not apply");
		return -EINVAL;
	}
	smm_nl_dma_detach(buf);
	smm_nl_dma_forget(buf);
	return 0;
}

/**
 * smm_nl_dma_unmap_doit() - DMA_UNMAP: release a buffer
 * @skb: the request
 * @info: the request, parsed
 *
 * Unmaps a streaming buffer or frees a coherent one with the address,
 * size, direction and function given (default: the buffer's own), then
 * gives its pages back. The DMA-debug checks refuse a wrong one: nothing
 * changes then. An imported dma-buf is detached, its reference dropped.
 *
 * Return: 0; -EPERM; -ENODEV without a device; -EINVAL without id or
 * dma-addr, or when a check refused the call (the extack says which);
 * -ENOENT for an unknown id.
 */
int smm_nl_dma_unmap_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_nl_dma_call c;
	struct smm_nl_dma_buf *buf;
	struct smm_dma_dev *sdev;
	int ret;

	ret = smm_nl_dma_admin(skb, info);
	if (ret)
		return ret;
	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	if (!sdev) {
		ret = -ENODEV;
		goto out_unlock;
	}
	ret = smm_nl_dma_call_target(info, &c);
	if (ret)
		goto out_unlock;
	if (c.buf && c.buf->kind == SMM_DMA_KIND_DMABUF &&
	    c.addr == c.buf->handle) {
		ret = smm_nl_dma_unimport(info, c.buf);
		goto out_unlock;
	}
	c.size = c.buf ? c.buf->size : 0;
	c.dir = c.buf ? c.buf->dir : DMA_BIDIRECTIONAL;
	c.kind = c.buf ? c.buf->kind : SMM_DMA_KIND_SINGLE;
	if (tb[SHADOW_MM_A_DMA_SIZE])
		c.size = nla_get_u64(tb[SHADOW_MM_A_DMA_SIZE]);
	if (tb[SHADOW_MM_A_DMA_DIR])
		c.dir = nla_get_u32(tb[SHADOW_MM_A_DMA_DIR]) - 1;
	if (tb[SHADOW_MM_A_DMA_KIND])
		c.kind = nla_get_u32(tb[SHADOW_MM_A_DMA_KIND]);

	ret = smm_dma_unmap_any(sdev, c.addr, c.size, c.dir, c.kind, _THIS_IP_,
				info->extack);
	if (ret)
		goto out_unlock;
	/* What went is the mapping at the address passed: its buffer. */
	buf = c.buf && c.buf->handle == c.addr ? c.buf :
						 smm_nl_dma_by_addr(c.addr);
	if (buf)
		smm_nl_dma_forget(buf);
	else
		pr_err("DMA mapping at %#llx was unmapped but no buffer had it\n",
		       c.addr);
out_unlock:
	mutex_unlock(&smm_dma_mutex);
	return ret;
}

/**
 * smm_nl_dma_sync_doit() - DMA_SYNC: hand a streaming buffer to the CPU
 * or to the device
 * @skb: the request
 * @info: the request, parsed
 *
 * Syncs offset..offset + size of the mapping (default: from offset to
 * its end) with the direction given (default: the mapping's), copying
 * through the bounce pool where it bounces. The DMA-debug checks refuse
 * a sync of an address not mapped, past the mapping's end or in the
 * wrong direction.
 *
 * Return: 0; -EPERM; -ENODEV without a device; -EINVAL without sync, id
 * or dma-addr, for a coherent buffer or an imported dma-buf, or when a
 * check refused the call; -ENOENT for an unknown id.
 */
int smm_nl_dma_sync_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_nl_dma_call c;
	struct smm_dma_dev *sdev;
	bool for_device;
	u64 offset = 0;
	int ret;

	ret = smm_nl_dma_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMA_SYNC)) {
		NL_SET_ERR_MSG(info->extack,
			       "dma-sync needs attribute sync (for-cpu or for-device)");
		return -EINVAL;
	}
	for_device = nla_get_u32(tb[SHADOW_MM_A_DMA_SYNC]) ==
		     SHADOW_MM_DMA_SYNC_FOR_DEVICE;
	if (tb[SHADOW_MM_A_DMA_OFFSET])
		offset = nla_get_u64(tb[SHADOW_MM_A_DMA_OFFSET]);

	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	if (!sdev) {
		ret = -ENODEV;
		goto out_unlock;
	}
	ret = smm_nl_dma_call_target(info, &c);
	if (ret)
		goto out_unlock;
	if (c.buf && c.buf->kind == SMM_DMA_KIND_COHERENT) {
		NL_SET_ERR_MSG(info->extack, "coherent buffers need no sync");
		ret = -EINVAL;
		goto out_unlock;
	}
	if (c.buf && c.buf->kind == SMM_DMA_KIND_DMABUF) {
		NL_SET_ERR_MSG(info->extack,
			       "an imported dma-buf is synced by its exporter: DMA_BUF_IOCTL_SYNC on its fd");
		ret = -EINVAL;
		goto out_unlock;
	}
	if (!c.buf && (!tb[SHADOW_MM_A_DMA_SIZE] || !tb[SHADOW_MM_A_DMA_DIR])) {
		NL_SET_ERR_MSG(info->extack,
			       "no buffer has this dma-addr: give size and dir");
		ret = -EINVAL;
		goto out_unlock;
	}
	c.size = 0;
	if (c.buf && offset < c.buf->size)
		c.size = c.buf->size - offset;
	if (tb[SHADOW_MM_A_DMA_SIZE])
		c.size = nla_get_u64(tb[SHADOW_MM_A_DMA_SIZE]);
	c.dir = tb[SHADOW_MM_A_DMA_DIR] ?
		nla_get_u32(tb[SHADOW_MM_A_DMA_DIR]) - 1 : c.buf->dir;

	/* A scatterlist's bytes are named by offset from its handle. */
	if (c.buf && c.buf->kind == SMM_DMA_KIND_SG &&
	    c.addr == c.buf->handle)
		ret = smm_dma_sync_sg(sdev, &c.buf->sg, offset, c.size, c.dir,
				      for_device, _THIS_IP_, info->extack);
	else
		ret = smm_dma_sync_single(sdev, c.addr + offset, c.size, c.dir,
					  for_device, _THIS_IP_,
					  info->extack);
out_unlock:
	mutex_unlock(&smm_dma_mutex);
	return ret;
}

/**
 * smm_nl_dma_get_doit() - DMA_GET: one buffer
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply (the buffer and its segments); -ENODEV
 * without a device; -EINVAL without id; -ENOENT for an unknown id.
 */
int smm_nl_dma_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_nl_dma_buf *buf;
	struct smm_dma_dev *sdev;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMA_ID)) {
		NL_SET_ERR_MSG(info->extack, "dma-get needs attribute id");
		return -EINVAL;
	}
	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	if (!sdev) {
		ret = -ENODEV;
		goto out_unlock;
	}
	buf = xa_load(&smm_dma_bufs, nla_get_u32(tb[SHADOW_MM_A_DMA_ID]));
	if (!buf) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_ID],
				    "no DMA buffer with this id");
		ret = -ENOENT;
		goto out_unlock;
	}
	msg = smm_nl_reply_new(info,
			       smm_nl_dma_buf_size(smm_nl_dma_nsegs(buf)),
			       &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	ret = smm_nl_dma_buf_reply(info, msg, hdr, sdev, buf);
out_unlock:
	mutex_unlock(&smm_dma_mutex);
	return ret;
}

/**
 * smm_nl_dma_get_dumpit() - DMA_GET dump: every buffer, by id
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next id, args[1] the segment of
 *	that buffer to go on from
 *
 * A buffer with more segments than fit in one message comes in several,
 * each with every attribute but the segments, which continue where the
 * previous message stopped.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_dma_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **tb = smm_dump_attrs(cb);
	unsigned long id = cb->args[0];
	unsigned int seg = cb->args[1];
	struct smm_nl_dma_buf *buf;
	struct smm_dma_dev *sdev;
	bool filled = false;
	void *hdr;

	if (tb[SHADOW_MM_A_DMA_ID]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[SHADOW_MM_A_DMA_ID],
				    "dma-get dump takes no id: it lists every DMA buffer");
		return -EINVAL;
	}
	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(cb->extack);
	if (!sdev) {
		mutex_unlock(&smm_dma_mutex);
		return -ENODEV;
	}
	xa_for_each_start(&smm_dma_bufs, id, buf, id) {
		unsigned int from;

		/*
		 * A buffer released between two parts, or its id reused by
		 * a new one since: start that one from its first segment.
		 */
		if (id != cb->args[0] || buf->handle != (dma_addr_t)cb->args[2])
			seg = 0;
		from = seg;
		hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_DMA_GET);
		if (!hdr)
			break;
		if (!smm_nl_dma_buf_put(skb, sdev, buf, &seg)) {
			genlmsg_end(skb, hdr);
			filled = true;
			seg = 0;
			continue;
		}
		/* Alone in the message and still too big: send it in parts. */
		if (!filled && seg > from) {
			genlmsg_end(skb, hdr);
			filled = true;
		} else {
			genlmsg_cancel(skb, hdr);
			seg = from;
		}
		break;
	}
	mutex_unlock(&smm_dma_mutex);

	cb->args[0] = buf ? id : SHADOW_MM_MAX_DMA_BUFFERS + 1;
	cb->args[1] = seg;
	cb->args[2] = buf ? buf->handle : 0;
	if (buf && !filled)
		return -EMSGSIZE;
	return skb->len;
}

/* Byte @pos of a transfer's pattern. */
static u8 smm_nl_dma_pattern(u32 seed, u32 pos)
{
	u32 x = seed * 0x9e3779b9u ^ (pos + 1) * 0x85ebca6bu;

	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return x;
}

enum smm_nl_dma_cpu_op {
	SMM_NL_DMA_FILL,	/* write the pattern */
	SMM_NL_DMA_POISON,	/* write its complement */
	SMM_NL_DMA_VERIFY,	/* compare with the pattern */
};

/*
 * The CPU's part of a transfer over [off, off + len) of a buffer, page by
 * page through kmap_local_page(), or through a coherent buffer's own
 * mapping or an imported dma-buf's vmap. Return: true, or false for
 * VERIFY at the first wrong byte, whose position in the transfer and
 * value go to @bad and @got.
 */
static bool smm_nl_dma_cpu(struct smm_nl_dma_buf *buf, u64 off, u32 len,
			   u32 seed, enum smm_nl_dma_cpu_op op, u32 *bad,
			   u8 *got)
{
	u32 pos = 0;

	while (pos < len) {
		u64 at = off + pos;
		u32 in = at & (PAGE_SIZE - 1);
		u32 n = min_t(u32, len - pos, PAGE_SIZE - in);
		u8 *base, *p;
		u32 i;

		if (buf->kind == SMM_DMA_KIND_COHERENT) {
			base = NULL;
			p = (u8 *)buf->cpu + at;
		} else if (buf->kind == SMM_DMA_KIND_DMABUF) {
			base = NULL;
			p = (u8 *)buf->vmap.vaddr + at;
		} else {
			base = kmap_local_page(smm_nl_dma_page(buf,
							       at >> PAGE_SHIFT));
			p = base + in;
		}
		for (i = 0; i < n; i++) {
			u8 want = smm_nl_dma_pattern(seed, pos + i);

			if (op == SMM_NL_DMA_FILL) {
				p[i] = want;
			} else if (op == SMM_NL_DMA_POISON) {
				p[i] = ~want;
			} else if (p[i] != want) {
				*bad = pos + i;
				*got = p[i];
				break;
			}
		}
		if (base)
			kunmap_local(base);
		if (i < n)
			return false;
		pos += n;
	}
	return true;
}

/* The device address of byte @off of a buffer, and the bytes after it. */
static dma_addr_t smm_nl_dma_addr_at(struct smm_nl_dma_buf *buf, u64 off,
				     u64 *len)
{
	dma_addr_t dma = 0;
	struct scatterlist *s;
	unsigned int i;
	u64 pos = 0;

	if (buf->kind == SMM_DMA_KIND_DMABUF) {
		*len = 0;
		for_each_sgtable_dma_sg(buf->dsgt, s, i) {
			if (off < pos + sg_dma_len(s)) {
				*len = pos + sg_dma_len(s) - off;
				return sg_dma_address(s) + (off - pos);
			}
			pos += sg_dma_len(s);
		}
		return 0;
	}
	if (buf->kind != SMM_DMA_KIND_SG) {
		*len = buf->size - off;
		return buf->handle + off;
	}
	if (!smm_dma_sg_dma_at(&buf->sg, off, &dma, len))
		*len = 0;
	return dma;
}

/*
 * Sync a transfer's range of a streaming buffer. A coherent buffer needs
 * none; an imported dma-buf's are the exporter's, around the CPU's part
 * (smm_nl_dma_cpu_begin/end).
 */
static int smm_nl_dma_xfer_sync(struct smm_dma_dev *sdev,
				struct smm_nl_dma_buf *buf, u64 off, u32 len,
				bool for_device, struct netlink_ext_ack *extack)
{
	switch (buf->kind) {
	case SMM_DMA_KIND_SINGLE:
		return smm_dma_sync_single(sdev, buf->handle + off, len,
					   buf->dir, for_device, _THIS_IP_,
					   extack);
	case SMM_DMA_KIND_SG:
		return smm_dma_sync_sg(sdev, &buf->sg, off, len, buf->dir,
				       for_device, _THIS_IP_, extack);
	default:
		return 0;
	}
}

/**
 * struct smm_nl_dma_xfer - a transfer under way
 * @sdev: the device
 * @src: the buffer the device reads
 * @dst: the buffer it writes back into
 * @off: where in @src the transfer starts
 * @dst_off: where in @dst it lands
 * @size: bytes
 * @seed: seed of the pattern
 * @copy: move what @src holds: no pattern, no comparison
 * @commands: DMA commands rung
 * @device_ns: time spent waiting for the device
 */
struct smm_nl_dma_xfer {
	struct smm_dma_dev *sdev;
	struct smm_nl_dma_buf *src;
	struct smm_nl_dma_buf *dst;
	u64 off;
	u64 dst_off;
	u32 size;
	u32 seed;
	bool copy;
	u32 commands;
	u64 device_ns;
};

/*
 * Move [off, off + len) of a buffer to or from the device's own buffer,
 * one command per piece of a DMA segment; the device offset is the
 * position in the transfer.
 */
static int smm_nl_dma_move(struct smm_nl_dma_xfer *x,
			   struct smm_nl_dma_buf *buf, u64 off, u32 len,
			   bool to_device, struct netlink_ext_ack *extack)
{
	u32 pos = 0;

	while (pos < len) {
		u64 left;
		dma_addr_t dma = smm_nl_dma_addr_at(buf, off + pos, &left);
		u32 n = min_t(u64, len - pos, left);
		ktime_t t0;
		int ret;

		if (!n) {
			NL_SET_ERR_MSG(extack,
				       "the buffer's DMA segments end before the transfer does");
			return -EIO;
		}
		t0 = ktime_get();
		ret = x->sdev->ops->xfer(x->sdev, dma, pos, n, to_device);
		x->device_ns += ktime_to_ns(ktime_sub(ktime_get(), t0));
		x->commands++;
		if (ret) {
			smm_dma_set_msg(extack, NULL,
					"the device failed DMA command %u (%s, %u bytes at device address %#llx): error %d",
					x->commands,
					to_device ? "RAM to device" : "device to RAM",
					n, (u64)dma, ret);
			return ret;
		}
		pos += n;
	}
	return 0;
}

/* Refuse a buffer the device cannot read (src) or write (dst). */
static int smm_nl_dma_xfer_dir(struct genl_info *info, int type,
			       const struct smm_nl_dma_buf *buf, bool src)
{
	enum dma_data_direction need = src ? DMA_TO_DEVICE : DMA_FROM_DEVICE;

	if (buf->dir == need || buf->dir == DMA_BIDIRECTIONAL)
		return 0;
	if (src)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
				    "src must be mapped to-device or bidirectional: the device reads it");
	else
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
				    "dst must be mapped from-device or bidirectional: the device writes it");
	return -EINVAL;
}

/* A buffer named by a transfer's src or dst attribute. */
static struct smm_nl_dma_buf *smm_nl_dma_xfer_buf(struct genl_info *info,
						  int type)
{
	struct smm_nl_dma_buf *buf;

	buf = xa_load(&smm_dma_bufs, nla_get_u32(info->attrs[type]));
	if (!buf)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
				    "no DMA buffer with this id");
	return buf;
}

/*
 * Check a transfer's ranges against the buffers and the device's window,
 * before anything reaches the device, and fill in the size. Return: 0,
 * or -EINVAL with the extack set.
 */
static int smm_nl_dma_xfer_range(struct genl_info *info,
				 struct smm_nl_dma_xfer *x)
{
	struct nlattr **tb = info->attrs;
	/* The attribute that set dst's offset: dst-offset, or offset. */
	struct nlattr *dst_attr = tb[SHADOW_MM_A_DMA_XFER_DST_OFFSET] ?:
				  tb[SHADOW_MM_A_DMA_XFER_OFFSET];
	u32 window = x->sdev->ops->window_size;
	u64 room;

	if (x->off >= x->src->size) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_XFER_OFFSET],
				    "offset lies past the end of src");
		return -EINVAL;
	}
	if (x->dst_off >= x->dst->size) {
		NL_SET_ERR_MSG_ATTR(info->extack, dst_attr,
				    "the offset into dst lies past its end");
		return -EINVAL;
	}
	room = min(x->src->size - x->off, x->dst->size - x->dst_off);
	if (!tb[SHADOW_MM_A_DMA_XFER_SIZE]) {
		x->size = min_t(u64, room, window);
		return 0;
	}
	x->size = nla_get_u32(tb[SHADOW_MM_A_DMA_XFER_SIZE]);
	if (!x->size) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_XFER_SIZE],
				    "size must be at least 1 byte");
		return -EINVAL;
	}
	if (x->size > window) {
		smm_dma_set_msg(info->extack, tb[SHADOW_MM_A_DMA_XFER_SIZE],
				"size is larger than the device's window (%u bytes)",
				window);
		return -EINVAL;
	}
	if (x->size > x->src->size - x->off) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_XFER_SIZE],
				    "offset + size runs past the end of src");
		return -EINVAL;
	}
	if (x->size > room) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMA_XFER_SIZE],
				    "the offset into dst + size runs past its end");
		return -EINVAL;
	}
	return 0;
}

/*
 * Hand an imported dma-buf to the CPU (begin) or back (end) around the
 * CPU's part of a transfer: the exporter syncs its attachments. @dir is
 * the CPU's access, as DMA_BUF_IOCTL_SYNC passes it. Nothing for the
 * other kinds: their syncs are the DMA API's (smm_nl_dma_xfer_sync).
 */
static int smm_nl_dma_cpu_access(struct smm_nl_dma_buf *buf, bool begin,
				 enum dma_data_direction dir,
				 struct netlink_ext_ack *extack)
{
	int ret;

	if (buf->kind != SMM_DMA_KIND_DMABUF)
		return 0;
	ret = begin ? dma_buf_begin_cpu_access(buf->dmabuf, dir) :
		      dma_buf_end_cpu_access(buf->dmabuf, dir);
	if (ret)
		smm_dma_set_msg(extack, NULL,
				"the exporter refused %s_cpu_access of DMA buffer %u: error %d",
				begin ? "begin" : "end", buf->id, ret);
	return ret;
}

/*
 * One CPU operation over a transfer's range of a buffer, handed to the
 * CPU around it when it is an imported dma-buf. Return: 0; -EIO for a
 * VERIFY that found a wrong byte (@bad, @got); the exporter's error.
 */
static int smm_nl_dma_cpu_op(struct smm_nl_dma_buf *buf, u64 off, u32 len,
			     u32 seed, enum smm_nl_dma_cpu_op op, u32 *bad,
			     u8 *got, struct netlink_ext_ack *extack)
{
	enum dma_data_direction dir = op == SMM_NL_DMA_VERIFY ?
				      DMA_FROM_DEVICE : DMA_TO_DEVICE;
	bool same;
	int ret;

	ret = smm_nl_dma_cpu_access(buf, true, dir, extack);
	if (ret)
		return ret;
	same = smm_nl_dma_cpu(buf, off, len, seed, op, bad, got);
	ret = smm_nl_dma_cpu_access(buf, false, dir, extack);
	if (ret)
		return ret;
	return same ? 0 : -EIO;
}

/*
 * Map an imported dma-buf into the kernel for a transfer's CPU part.
 * Return: 0, or an errno with the extack set.
 */
static int smm_nl_dma_vmap(struct smm_nl_dma_buf *buf,
			   struct netlink_ext_ack *extack)
{
	int ret;

	if (buf->kind != SMM_DMA_KIND_DMABUF || !iosys_map_is_null(&buf->vmap))
		return 0;
	ret = smm_dma_buf_vmap(buf->dmabuf, &buf->vmap);
	if (ret) {
		iosys_map_clear(&buf->vmap);
		smm_dma_set_msg(extack, NULL,
				"the exporter could not vmap DMA buffer %u: error %d",
				buf->id, ret);
		return ret;
	}
	if (buf->vmap.is_iomem) {
		smm_dma_buf_vunmap(buf->dmabuf, &buf->vmap);
		iosys_map_clear(&buf->vmap);
		smm_dma_set_msg(extack, NULL,
				"DMA buffer %u is I/O memory: a transfer with a pattern needs RAM (use copy)",
				buf->id);
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Undo smm_nl_dma_vmap(); nothing when it mapped nothing. */
static void smm_nl_dma_vunmap(struct smm_nl_dma_buf *buf)
{
	if (buf->kind != SMM_DMA_KIND_DMABUF || iosys_map_is_null(&buf->vmap))
		return;
	smm_dma_buf_vunmap(buf->dmabuf, &buf->vmap);
	iosys_map_clear(&buf->vmap);
}

/*
 * RAM -> device -> RAM: the CPU's fill, poison and comparison (not for a
 * copy), the syncs, the device's two moves.
 */
static int smm_nl_dma_xfer_run(struct genl_info *info,
			       struct smm_nl_dma_xfer *x)
{
	struct netlink_ext_ack *extack = info->extack;
	struct smm_nl_dma_buf *src = x->src, *dst = x->dst;
	u64 left;
	u32 bad;
	u8 got;
	int ret;

	if (!x->copy) {
		ret = smm_nl_dma_cpu_op(src, x->off, x->size, x->seed,
					SMM_NL_DMA_FILL, NULL, NULL, extack);
		if (ret)
			return ret;
	}
	ret = smm_nl_dma_xfer_sync(x->sdev, src, x->off, x->size, true,
				   extack);
	if (!ret)
		ret = smm_nl_dma_move(x, src, x->off, x->size, true, extack);
	if (ret)
		return ret;
	/* The device must overwrite every byte for the comparison to pass. */
	if (!x->copy) {
		ret = smm_nl_dma_cpu_op(dst, x->dst_off, x->size, x->seed,
					SMM_NL_DMA_POISON, NULL, NULL, extack);
		if (ret)
			return ret;
	}
	ret = smm_nl_dma_xfer_sync(x->sdev, dst, x->dst_off, x->size, true,
				   extack);
	if (!ret)
		ret = smm_nl_dma_move(x, dst, x->dst_off, x->size, false,
				      extack);
	if (!ret)
		ret = smm_nl_dma_xfer_sync(x->sdev, dst, x->dst_off, x->size,
					   false, extack);
	if (ret || x->copy)
		return ret;
	ret = smm_nl_dma_cpu_op(dst, x->dst_off, x->size, x->seed,
				SMM_NL_DMA_VERIFY, &bad, &got, extack);
	if (ret != -EIO)
		return ret;
	smm_dma_set_msg(extack, NULL,
			"byte %llu (device address %#llx): wrote %#04x, read %#04x",
			x->dst_off + bad,
			(u64)smm_nl_dma_addr_at(dst, x->dst_off + bad, &left),
			smm_nl_dma_pattern(x->seed, bad), got);
	return -EIO;
}

/*
 * Parse a transfer's buffers and ranges and check them; smm_dma_mutex
 * held. Return: 0, or an errno with the extack set.
 */
static int smm_nl_dma_xfer_prepare(struct genl_info *info,
				   struct smm_nl_dma_xfer *x)
{
	struct nlattr **tb = info->attrs;
	int ret;

	x->sdev = smm_nl_dma_dev(info->extack);
	if (!x->sdev)
		return -ENODEV;
	x->src = smm_nl_dma_xfer_buf(info, SHADOW_MM_A_DMA_XFER_SRC);
	if (!x->src)
		return -ENOENT;
	x->dst = x->src;
	if (tb[SHADOW_MM_A_DMA_XFER_DST]) {
		x->dst = smm_nl_dma_xfer_buf(info, SHADOW_MM_A_DMA_XFER_DST);
		if (!x->dst)
			return -ENOENT;
	}
	ret = smm_nl_dma_xfer_dir(info, SHADOW_MM_A_DMA_XFER_SRC, x->src,
				  true);
	if (!ret)
		ret = smm_nl_dma_xfer_dir(info, tb[SHADOW_MM_A_DMA_XFER_DST] ?
					  SHADOW_MM_A_DMA_XFER_DST :
					  SHADOW_MM_A_DMA_XFER_SRC,
					  x->dst, false);
	if (!ret)
		ret = smm_nl_dma_xfer_range(info, x);
	return ret;
}

/**
 * smm_nl_dma_xfer_doit() - DMA_XFER: a pattern through the device and back
 * @skb: the request
 * @info: the request, parsed
 *
 * The CPU writes a pattern (from seed) into src at offset, syncs it for
 * the device, which copies it into its own buffer (one command per DMA
 * segment piece); the CPU poisons the same number of bytes of dst at
 * dst-offset (default: offset), the device copies its buffer back there,
 * and after a sync for the CPU every byte is compared. With copy, the CPU
 * writes and compares nothing: what src holds lands in dst, for the
 * caller to check. An imported dma-buf is reached through its vmap, its
 * syncs are the exporter's begin/end_cpu_access. Every check is made
 * before the device is touched.
 *
 * Return: 0 after the reply (bytes, commands, addresses, bounced, device
 * time); -EPERM; -ENODEV without a device; -EINVAL for a missing src, a
 * wrong direction, a range past a buffer or a size of 0 or above the
 * device's window; -ENOENT for an unknown id; -EIO naming the first
 * wrong byte; the device's error (-ETIMEDOUT, -EIO); the exporter's.
 */
int smm_nl_dma_xfer_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_nl_dma_xfer x = { .seed = 1 };
	struct smm_dma_event ev = {};
	struct sk_buff *msg;
	u64 left;
	void *hdr;
	int ret;

	ret = smm_nl_dma_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMA_XFER_SRC)) {
		NL_SET_ERR_MSG(info->extack, "dma-xfer needs attribute src");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_DMA_XFER_OFFSET])
		x.off = nla_get_u64(tb[SHADOW_MM_A_DMA_XFER_OFFSET]);
	x.dst_off = x.off;
	if (tb[SHADOW_MM_A_DMA_XFER_DST_OFFSET])
		x.dst_off = nla_get_u64(tb[SHADOW_MM_A_DMA_XFER_DST_OFFSET]);
	if (tb[SHADOW_MM_A_DMA_XFER_SEED])
		x.seed = nla_get_u32(tb[SHADOW_MM_A_DMA_XFER_SEED]);
	x.copy = nla_get_flag(tb[SHADOW_MM_A_DMA_XFER_COPY]);
	msg = smm_nl_reply_new(info, 3 * nla_total_size(sizeof(u32)) +
				     3 * nla_total_size_64bit(sizeof(u64)),
			       &hdr);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&smm_dma_mutex);
	ret = smm_nl_dma_xfer_prepare(info, &x);
	if (!ret && !x.copy) {
		ret = smm_nl_dma_vmap(x.src, info->extack);
		if (!ret)
			ret = smm_nl_dma_vmap(x.dst, info->extack);
	}
	if (!ret)
		ret = smm_nl_dma_xfer_run(info, &x);
	if (x.src)
		smm_nl_dma_vunmap(x.src);
	if (x.dst)
		smm_nl_dma_vunmap(x.dst);
	if (ret)
		goto err_unlock;

	ev.type = SHADOW_MM_EVENT_TYPE_DMA_XFER;
	ev.id = x.src->id;
	ev.addr = smm_nl_dma_addr_at(x.src, x.off, &left);
	ev.size = x.size;
	ev.dir = x.src->dir;
	ev.kind = x.src->kind;
	ev.bounced = x.src->bounced || x.dst->bounced;
	if (nla_put_u32(msg, SHADOW_MM_A_DMA_XFER_BYTES, x.size) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_XFER_COMMANDS, x.commands) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_XFER_SRC_DMA, ev.addr,
			      SHADOW_MM_A_DMA_XFER_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_XFER_DST_DMA,
			      smm_nl_dma_addr_at(x.dst, x.dst_off, &left),
			      SHADOW_MM_A_DMA_XFER_PAD) ||
	    (ev.bounced && nla_put_flag(msg, SHADOW_MM_A_DMA_XFER_BOUNCED)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_XFER_DEVICE_NS, x.device_ns,
			      SHADOW_MM_A_DMA_XFER_PAD)) {
		ret = -EMSGSIZE;
		goto err_unlock;
	}
	mutex_unlock(&smm_dma_mutex);
	smm_event_dma(&ev);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	mutex_unlock(&smm_dma_mutex);
	nlmsg_free(msg);
	return ret;
}

/* The attributes of the device. */
static int smm_nl_dma_dev_put(struct sk_buff *msg, struct smm_dma_dev *sdev)
{
	const struct smm_bounce_pool *pool = &sdev->pool;
	struct device *dev = sdev->dev;
	int zone = smm_dma_reachable_zone(sdev);
	u32 group;
	int domain = smm_dma_iommu_domain(sdev, &group);

	if (nla_put_string(msg, SHADOW_MM_A_DMA_DEV_NAME, dev_name(dev)) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_VENDOR, sdev->id.vendor) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_DEVICE, sdev->id.device) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_REVISION, sdev->id.revision) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_ID_REG, sdev->id.id_reg) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_IRQ_MODE,
			sdev->id.msi ? SHADOW_MM_DMA_IRQ_MSI :
				       SHADOW_MM_DMA_IRQ_INTX) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_IRQ, sdev->id.irq) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_IRQS,
			      READ_ONCE(sdev->id.irqs),
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_MASK_BITS, sdev->mask_bits) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_MASK, dma_get_mask(dev),
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_COHERENT_MASK,
			      dev->coherent_dma_mask,
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN, domain) ||
	    (group != U32_MAX &&
	     nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_IOMMU_GROUP, group)) ||
	    (dev_is_dma_coherent(dev) &&
	     nla_put_flag(msg, SHADOW_MM_A_DMA_DEV_COHERENT)) ||
	    (zone >= 0 &&
	     nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE, zone + 1)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE,
			      (u64)pool->nslots * SMM_BOUNCE_SLOT,
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT, SMM_BOUNCE_SLOT) ||
	    (pool->nslots &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_BOUNCE_PA, pool->base,
			       SHADOW_MM_A_DMA_DEV_PAD)) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_BOUNCE_USED, pool->used) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_BOUNCED, sdev->bounced,
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES,
			      sdev->bounce_bytes, SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_MAPPINGS,
			smm_dma_mappings(sdev)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_XFERS,
			      READ_ONCE(sdev->id.xfers),
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_XFER_BYTES,
			      READ_ONCE(sdev->id.xfer_bytes),
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_DEV_WINDOW, sdev->ops->window,
			      SHADOW_MM_A_DMA_DEV_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_DEV_WINDOW_SIZE,
			sdev->ops->window_size))
		return -EMSGSIZE;
	return 0;
}

/* dma-dev-get and dma-dev-set: the device, after @bits is set if > 0. */
static int smm_nl_dma_dev_do(struct genl_info *info, unsigned int bits)
{
	struct smm_dma_dev *sdev;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&smm_dma_mutex);
	sdev = smm_nl_dma_dev(info->extack);
	if (!sdev) {
		ret = -ENODEV;
		goto err_unlock;
	}
	if (bits) {
		ret = smm_dma_set_mask(sdev, bits, info->extack);
		if (ret) {
			/* Point at mask-bits, keeping the layer's message. */
			info->extack->bad_attr =
				info->attrs[SHADOW_MM_A_DMA_DEV_MASK_BITS];
			goto err_unlock;
		}
	}
	ret = smm_nl_dma_dev_put(msg, sdev);
	mutex_unlock(&smm_dma_mutex);
	if (WARN_ON_ONCE(ret)) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_unlock:
	mutex_unlock(&smm_dma_mutex);
	nlmsg_free(msg);
	return ret;
}

/**
 * smm_nl_dma_dev_get_doit() - DMA_DEV_GET: the DMA device
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply; -ENODEV without a device; -ENOMEM.
 */
int smm_nl_dma_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);
	return smm_nl_dma_dev_do(info, 0);
}

/**
 * smm_nl_dma_dev_set_doit() - DMA_DEV_SET: set the device's DMA mask
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply (the device as it is now); -EPERM; -ENODEV
 * without a device; -EINVAL without mask-bits; -EBUSY while the device
 * has mappings; -ERANGE when no shadow memory lies below the mask; the
 * kernel's error when it refuses the mask. The device is unchanged on
 * any error.
 */
int smm_nl_dma_dev_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	ret = smm_nl_dma_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMA_DEV_MASK_BITS)) {
		NL_SET_ERR_MSG(info->extack,
			       "dma-dev-set needs attribute mask-bits");
		return -EINVAL;
	}
	return smm_nl_dma_dev_do(info,
				 nla_get_u32(info->attrs[SHADOW_MM_A_DMA_DEV_MASK_BITS]));
}

/**
 * smm_nl_dma_error_get_doit() - DMA_ERROR_GET: the DMA-debug counts
 * @skb: the request
 * @info: the request, parsed
 *
 * Works with no device bound: the counts outlive it.
 *
 * Return: 0 after the reply (a count per check, in check order, the
 * total and the findings no longer kept); -ENOMEM.
 */
int smm_nl_dma_error_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	u64 counts[SMM_DMA_NR_CHECKS], total, lost;
	struct sk_buff *msg;
	unsigned int check;
	void *hdr;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);
	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&smm_dma_mutex);
	smm_dma_check_counts(counts, &total, &lost);
	mutex_unlock(&smm_dma_mutex);

	for (check = SMM_DMA_CHECK_UNMAP_UNKNOWN; check < SMM_DMA_NR_CHECKS;
	     check++) {
		struct nlattr *nest = nla_nest_start(msg,
						     SHADOW_MM_A_DMA_ERROR_COUNTS);

		if (!nest ||
		    nla_put_u32(msg, SHADOW_MM_A_DMA_CHECK_COUNT_CHECK, check) ||
		    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_CHECK_COUNT_COUNT,
				      counts[check],
				      SHADOW_MM_A_DMA_CHECK_COUNT_PAD))
			goto err_size;
		nla_nest_end(msg, nest);
	}
	if (nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_ERROR_TOTAL, total,
			      SHADOW_MM_A_DMA_ERROR_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_ERROR_LOST, lost,
			      SHADOW_MM_A_DMA_ERROR_PAD))
		goto err_size;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int smm_nl_dma_finding_put(struct sk_buff *msg,
				  const struct smm_dma_finding *f)
{
	char site[KSYM_SYMBOL_LEN];

	snprintf(site, sizeof(site), "%pS", (void *)f->site);
	if (nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_ERROR_SEQ, f->seq,
			      SHADOW_MM_A_DMA_ERROR_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_ERROR_CHECK, f->check) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_ERROR_DMA_ADDR, f->addr,
			      SHADOW_MM_A_DMA_ERROR_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_ERROR_SIZE, f->size,
			      SHADOW_MM_A_DMA_ERROR_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMA_ERROR_DIR, f->dir + 1) ||
	    (f->has_mapping &&
	     (nla_put_u64_64bit(msg, SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE,
				f->mapped_size, SHADOW_MM_A_DMA_ERROR_PAD) ||
	      nla_put_u32(msg, SHADOW_MM_A_DMA_ERROR_MAPPED_DIR,
			  f->mapped_dir + 1))) ||
	    nla_put_string(msg, SHADOW_MM_A_DMA_ERROR_SITE, site) ||
	    nla_put_string(msg, SHADOW_MM_A_DMA_ERROR_MESSAGE, f->msg))
		return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_dma_error_get_dumpit() - DMA_ERROR_GET dump: the kept findings
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the number of the last finding sent
 *
 * Oldest first. Findings made while the dump runs come at its end, or
 * are lost when more than the kept number came meanwhile.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_dma_error_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct smm_dma_finding *f;
	unsigned int i, n;
	void *hdr;
	int ret = 0;

	f = kmalloc_array(SMM_DMA_FINDINGS, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_lock(&smm_dma_mutex);
	n = smm_dma_check_findings(cb->args[0], f, SMM_DMA_FINDINGS);
	mutex_unlock(&smm_dma_mutex);
	for (i = 0; i < n; i++) {
		hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_DMA_ERROR_GET);
		if (!hdr)
			break;
		if (smm_nl_dma_finding_put(skb, &f[i])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = f[i].seq;
	}
	if (n && !i)
		ret = -EMSGSIZE;
	kfree(f);
	return ret ?: skb->len;
}

/**
 * smm_nl_dma_init() - own the mappings of the DMA layer: at unbind it
 * asks this file to release them
 */
void smm_nl_dma_init(void)
{
	smm_dma_set_release(smm_nl_dma_release);
}

/**
 * smm_nl_dma_exit() - release every buffer at unload
 *
 * Runs after the netlink family is gone and before the device goes: each
 * buffer still held is reported (held at unload), then released.
 */
void smm_nl_dma_exit(void)
{
	struct smm_dma_dev *sdev;

	mutex_lock(&smm_dma_mutex);
	sdev = smm_dma_current();
	if (sdev) {
		smm_dma_report_held(sdev, SMM_DMA_CHECK_HELD_AT_UNLOAD);
		smm_nl_dma_release(sdev);
	}
	mutex_unlock(&smm_dma_mutex);
	smm_dma_set_release(NULL);
	xa_destroy(&smm_dma_bufs);
}
