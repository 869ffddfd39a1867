// SPDX-License-Identifier: GPL-2.0
/*
 * page-get, page-alloc and page-free: shadow page descriptors, and blocks
 * of shadow pages allocated and freed on request. Reading is open;
 * allocating and freeing need CAP_NET_ADMIN (GENL_ADMIN_PERM) and
 * CAP_SYS_ADMIN, and change nothing when they fail.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "pt_glue.h"
#include "shadow_mm.h"
#include "smm_dma.h"
#include "smm_dmabuf.h"

/* The page flags the uapi names; the core's others stay inside. */
#define SMM_NL_PAGE_FLAGS	(SHADOW_MM_PAGE_FLAGS_ISOLATED * 2 - 1)

/*
 * The descriptor of @pfn, copied. The copy is not taken under the zone
 * and per-CPU locks, like /proc/kpageflags: a page changing state while
 * it is read may show a mix of before and after.
 */
static bool smm_page_read(u64 pfn, struct smm_page *copy)
{
	struct smm_page *page = smm_pfn_to_page(smm_shadow.mm, pfn);

	if (!page)
		return false;
	/* Racy on purpose, like /proc/kpageflags: see above. */
	*copy = data_race(*page);
	return true;
}

/* Whether a descriptor copy is the first page of an allocated block. */
static bool smm_page_is_block_head(const struct smm_page *p)
{
	return p->refcount &&
	       !(p->flags & (SMM_PG_BUDDY | SMM_PG_PCP | SMM_PG_TAIL |
			     SMM_PG_RESERVED));
}

/**
 * smm_nl_page_put() - the attributes of a page
 * @msg: the message to fill
 * @pfn: the page
 * @p: a copy of its descriptor
 *
 * Order is sent for the first page of a free or allocated block,
 * mapcount for pages not free, owner for allocated blocks that have one.
 *
 * Return: 0, or -EMSGSIZE when @msg is full.
 */
static int smm_nl_page_put(struct sk_buff *msg, u64 pfn,
			   const struct smm_page *p)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct smm_zone *zone = smm_pfn_zone(mm, pfn);
	bool free = p->flags & (SMM_PG_BUDDY | SMM_PG_PCP);
	int mt = smm_pageblock_migratetype(mm, pfn);

	if (nla_put_u64_64bit(msg, SHADOW_MM_A_PAGE_PFN, pfn,
			      SHADOW_MM_A_PAGE_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_PAGE_NODE, zone->nid) ||
	    nla_put_u32(msg, SHADOW_MM_A_PAGE_ZONE, zone->type + 1) ||
	    nla_put_u32(msg, SHADOW_MM_A_PAGE_FLAGS,
			p->flags & SMM_NL_PAGE_FLAGS) ||
	    ((free || smm_page_is_block_head(p) || p->flags & SMM_PG_HEAD) &&
	     nla_put_u32(msg, SHADOW_MM_A_PAGE_ORDER, p->order)) ||
	    nla_put_u32(msg, SHADOW_MM_A_PAGE_REFCOUNT, p->refcount) ||
	    nla_put_u32(msg, SHADOW_MM_A_PAGE_MAPCOUNT, free ? 0 : p->mapcount) ||
	    (smm_page_is_block_head(p) && p->owner &&
	     nla_put_string(msg, SHADOW_MM_A_PAGE_OWNER,
			    smm_owner_name(mm, p->owner))) ||
	    (mt >= 0 &&
	     nla_put_u32(msg, SHADOW_MM_A_PAGE_MIGRATETYPE, mt + 1)))
		return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_page_get_doit() - PAGE_GET: the descriptor of one page
 * @skb: the request
 * @info: the request, parsed
 *
 * Holes in a section show as reserved pages.
 *
 * Return: 0 after the reply; -EINVAL for a missing pfn or a node or zone
 * (which only a dump takes); -ENOENT for a pfn outside shadow memory.
 */
int smm_nl_page_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct sk_buff *msg;
	struct smm_page p;
	void *hdr;
	u64 pfn;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	if (tb[SHADOW_MM_A_PAGE_NODE] || tb[SHADOW_MM_A_PAGE_ZONE]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[SHADOW_MM_A_PAGE_NODE] ?:
				    tb[SHADOW_MM_A_PAGE_ZONE],
				    "page-get takes node and zone only in a dump");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_PAGE_PACKED]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_PAGE_PACKED],
				    "page-get takes packed only in a dump");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_PAGE_PFN)) {
		NL_SET_ERR_MSG(info->extack, "page-get needs attribute pfn");
		return -EINVAL;
	}
	pfn = nla_get_u64(tb[SHADOW_MM_A_PAGE_PFN]);
	if (!smm_page_read(pfn, &p)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_PAGE_PFN],
				    "pfn is not in shadow memory");
		return -ENOENT;
	}

	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	ret = smm_nl_page_put(msg, pfn, &p);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

/* Most pages in one packed message. */
#define SMM_NL_PACKED_MAX	1024

/* Bytes of one page in the arrays of a packed message: flags to mt. */
#define SMM_NL_PACKED_PAGE_BYTES					\
	(sizeof(u16) + sizeof(u8) + sizeof(u16) + sizeof(u8) +		\
	 sizeof(u16) + sizeof(u8))

/* The attributes of a packed message, besides the arrays. */
static size_t smm_nl_packed_head_size(void)
{
	return nla_total_size_64bit(sizeof(u64)) +	/* pfn */
	       3 * nla_total_size(sizeof(u32));		/* node, zone, count */
}

/*
 * How many pages of a packed message fit in @skb, at most @want: each
 * array attribute costs its header and up to NLA_ALIGNTO - 1 bytes of
 * padding besides its elements.
 */
static unsigned int smm_nl_packed_fit(const struct sk_buff *skb,
				      unsigned int want)
{
	size_t room = skb_tailroom(skb);
	size_t fixed = nlmsg_total_size(GENL_HDRLEN) +
		       smm_nl_packed_head_size() +
		       6 * (NLA_HDRLEN + NLA_ALIGNTO - 1);

	if (room <= fixed)
		return 0;
	return min_t(size_t, want, (room - fixed) / SMM_NL_PACKED_PAGE_BYTES);
}

/**
 * struct smm_nl_packed - the arrays of a packed message, reserved in the
 * message and written in place
 * @flags: page flags (the uapi's)
 * @order: block orders, 0 where no order is sent in a per-page message
 * @refcount: reference counts
 * @mapcount: mapcounts, 0 on free pages
 * @owner: owner tag ids on the first page of an allocated block, else 0
 * @mt: pageblock migratetypes, uapi values
 */
struct smm_nl_packed {
	u16 *flags;
	u8 *order;
	u16 *refcount;
	u8 *mapcount;
	u16 *owner;
	u8 *mt;
};

/* Reserve one array of @n elements of @size bytes; NULL when full. */
static void *smm_nl_packed_reserve(struct sk_buff *skb, int type,
				   unsigned int n, size_t size)
{
	struct nlattr *nla = nla_reserve(skb, type, n * size);

	return nla ? nla_data(nla) : NULL;
}

/*
 * Fill @a with the @n pages from @idx on (page indices from mm->base_pfn,
 * all in section @sec), the way smm_nl_page_put() describes one page.
 */
static void smm_nl_packed_fill(const struct smm_nl_packed *a,
			       const struct smm_section *sec,
			       unsigned long idx, unsigned int n)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned long per_section = 1UL << SMM_HOST_MAX_ORDER;
	unsigned long pb_mask = (1UL << mm->p.pb_order) - 1;
	const struct smm_page *pages = sec->pages + idx % per_section;
	unsigned int i;
	u8 mt = 0;

	for (i = 0; i < n; i++) {
		/* Racy on purpose, as in smm_page_read(). */
		struct smm_page p = data_race(pages[i]);
		bool free = p.flags & (SMM_PG_BUDDY | SMM_PG_PCP);
		bool block = smm_page_is_block_head(&p);

		if (!i || !((idx + i) & pb_mask)) {
			int t = smm_pageblock_migratetype(mm, mm->base_pfn +
							  idx + i);

			mt = t >= 0 ? t + 1 : 0;
		}
		a->flags[i] = p.flags & SMM_NL_PAGE_FLAGS;
		a->order[i] = free || block || p.flags & SMM_PG_HEAD ?
			      p.order : 0;
		a->refcount[i] = p.refcount;
		a->mapcount[i] = free ? 0 : p.mapcount;
		a->owner[i] = block ? p.owner : 0;
		a->mt[i] = mt;
	}
}

/**
 * smm_nl_page_put_packed() - a packed message of up to @want pages
 * @skb: the dump's buffer
 * @cb: the dump's state
 * @sec: the section of the pages
 * @idx: the first page's index from mm->base_pfn
 * @want: pages left in the section, at least 1
 *
 * Return: the pages the message holds, 0 when @skb has no room for one.
 */
static unsigned int smm_nl_page_put_packed(struct sk_buff *skb,
					   struct netlink_callback *cb,
					   const struct smm_section *sec,
					   unsigned long idx,
					   unsigned int want)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned int n = smm_nl_packed_fit(skb, min(want, SMM_NL_PACKED_MAX));
	struct smm_nl_packed a;
	void *hdr;

	if (!n)
		return 0;
	hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_PAGE_GET);
	if (!hdr)
		return 0;
	if (nla_put_u64_64bit(skb, SHADOW_MM_A_PAGE_PFN, mm->base_pfn + idx,
			      SHADOW_MM_A_PAGE_PAD) ||
	    nla_put_u32(skb, SHADOW_MM_A_PAGE_NODE, sec->nid) ||
	    nla_put_u32(skb, SHADOW_MM_A_PAGE_ZONE, sec->zone + 1) ||
	    nla_put_u32(skb, SHADOW_MM_A_PAGE_COUNT, n))
		goto cancel;
	a.flags = smm_nl_packed_reserve(skb, SHADOW_MM_A_PAGE_FLAGS_ARRAY, n,
					sizeof(*a.flags));
	a.order = smm_nl_packed_reserve(skb, SHADOW_MM_A_PAGE_ORDER_ARRAY, n,
					sizeof(*a.order));
	a.refcount = smm_nl_packed_reserve(skb,
					   SHADOW_MM_A_PAGE_REFCOUNT_ARRAY, n,
					   sizeof(*a.refcount));
	a.mapcount = smm_nl_packed_reserve(skb,
					   SHADOW_MM_A_PAGE_MAPCOUNT_ARRAY, n,
					   sizeof(*a.mapcount));
	a.owner = smm_nl_packed_reserve(skb, SHADOW_MM_A_PAGE_OWNER_ARRAY, n,
					sizeof(*a.owner));
	a.mt = smm_nl_packed_reserve(skb, SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY,
				     n, sizeof(*a.mt));
	/* smm_nl_packed_fit() left room for all of them. */
	if (WARN_ON_ONCE(!a.flags || !a.order || !a.refcount ||
			 !a.mapcount || !a.owner || !a.mt))
		goto cancel;
	smm_nl_packed_fill(&a, sec, idx, n);
	genlmsg_end(skb, hdr);
	return n;

cancel:
	genlmsg_cancel(skb, hdr);
	return 0;
}

/**
 * smm_nl_page_get_dumpit() - PAGE_GET dump: every page descriptor (holes
 * in sections included), by pfn, optionally of one node and/or one zone
 * type
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next page's index from the first
 *	section's first pfn
 *
 * With packed, each message holds up to SMM_NL_PACKED_MAX consecutive
 * pages of one section (as many as fit in @skb), in arrays; else one
 * page. The descriptors are read without locks, as smm_page_read() does.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_page_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **tb = smm_dump_attrs(cb);
	struct smm_mm *mm = smm_shadow.mm;
	unsigned long per_section = 1UL << SMM_HOST_MAX_ORDER;
	unsigned long idx = cb->args[0];
	unsigned long nr_pages = mm->end_pfn - mm->base_pfn;
	bool packed = nla_get_flag(tb[SHADOW_MM_A_PAGE_PACKED]);
	int nid = -1, type = -1;
	bool filled = false;

	if (tb[SHADOW_MM_A_PAGE_PFN]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[SHADOW_MM_A_PAGE_PFN],
				    "page-get dump takes node and zone, not pfn");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_PAGE_NODE]) {
		nid = nla_get_u32(tb[SHADOW_MM_A_PAGE_NODE]);
		if (nid >= mm->nr_nodes) {
			NL_SET_ERR_MSG_ATTR(cb->extack,
					    tb[SHADOW_MM_A_PAGE_NODE],
					    "no such node: node is at or above the number of nodes");
			return -EINVAL;
		}
	}
	if (tb[SHADOW_MM_A_PAGE_ZONE]) {
		type = nla_get_u32(tb[SHADOW_MM_A_PAGE_ZONE]) - 1;
		if (!smm_arch_has_zone_type(type)) {
			NL_SET_ERR_MSG_ATTR(cb->extack,
					    tb[SHADOW_MM_A_PAGE_ZONE],
					    "this architecture has no zone of that type");
			return -EINVAL;
		}
	}

	while (idx < nr_pages) {
		const struct smm_section *sec = &mm->sections[idx / per_section];
		unsigned long end = (idx / per_section + 1) * per_section;
		void *hdr;

		if (!sec->pages || (nid >= 0 && sec->nid != nid) ||
		    (type >= 0 && sec->zone != type)) {
			idx = end;
			continue;
		}
		while (packed && idx < end) {
			unsigned int n = smm_nl_page_put_packed(skb, cb, sec,
								idx,
								end - idx);

			if (!n)
				goto out_full;
			idx += n;
			filled = true;
		}
		for (; idx < end; idx++) {
			/* Racy on purpose, as in smm_page_read(). */
			struct smm_page p = data_race(sec->pages[idx % per_section]);

			hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_PAGE_GET);
			if (!hdr)
				goto out_full;
			if (smm_nl_page_put(skb, mm->base_pfn + idx, &p)) {
				genlmsg_cancel(skb, hdr);
				goto out_full;
			}
			genlmsg_end(skb, hdr);
			filled = true;
		}
		cond_resched();
	}

out_full:
	cb->args[0] = idx;
	if (idx < nr_pages && !filled)
		return -EMSGSIZE;
	return skb->len;
}

/* Zero every page of the blocks at @pfns, through temporary maps. */
static void smm_blocks_zero(const u64 *pfns, unsigned int count,
			    unsigned int order)
{
	unsigned int i;
	unsigned long j;

	for (i = 0; i < count; i++) {
		for (j = 0; j < 1UL << order; j++)
			clear_highpage(pfn_to_page(pfns[i] + j));
		cond_resched();
	}
}

/*
 * Fill @req from a PAGE_ALLOC request.
 * Return: 0, or -EINVAL with the extack set.
 */
static int smm_nl_alloc_req_parse(struct genl_info *info,
				  struct smm_alloc_req *req,
				  unsigned int *count)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct nlattr **tb = info->attrs;
	char owner[SMM_OWNER_NAME_LEN];
	int ret;

	req->order = 0;
	req->gfp = 0;
	req->nid = SMM_NUMA_NO_NODE;
	req->migratetype = SMM_MIGRATE_FROM_GFP;
	req->owner = smm_shadow.owner_netlink;
	*count = 1;

	if (tb[SHADOW_MM_A_PAGES_ORDER])
		req->order = nla_get_u32(tb[SHADOW_MM_A_PAGES_ORDER]);
	if (tb[SHADOW_MM_A_PAGES_ZONE]) {
		int type = nla_get_u32(tb[SHADOW_MM_A_PAGES_ZONE]) - 1;

		if (!smm_arch_has_zone_type(type)) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_PAGES_ZONE],
					    "this architecture has no zone of that type");
			return -EINVAL;
		}
		req->gfp |= smm_zone_gfp_flags(type);
	}
	if (tb[SHADOW_MM_A_PAGES_NODE]) {
		req->nid = nla_get_u32(tb[SHADOW_MM_A_PAGES_NODE]);
		if (req->nid >= mm->nr_nodes) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_PAGES_NODE],
					    "no such node: node is at or above the number of nodes");
			return -EINVAL;
		}
	}
	if (tb[SHADOW_MM_A_PAGES_MIGRATETYPE])
		req->migratetype =
			nla_get_u32(tb[SHADOW_MM_A_PAGES_MIGRATETYPE]) - 1;
	if (tb[SHADOW_MM_A_PAGES_COUNT])
		*count = nla_get_u32(tb[SHADOW_MM_A_PAGES_COUNT]);
	if (tb[SHADOW_MM_A_PAGES_ZERO])
		req->gfp |= SMM_GFP_ZERO;
	if (tb[SHADOW_MM_A_PAGES_OWNER]) {
		nla_strscpy(owner, tb[SHADOW_MM_A_PAGES_OWNER], sizeof(owner));
		ret = smm_owner_register(mm, owner);
		if (ret == -ENOSPC) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_PAGES_OWNER],
					    "no room for another owner tag");
			return ret;
		}
		if (ret < 0) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_PAGES_OWNER],
					    "owner must not be empty");
			return -EINVAL;
		}
		req->owner = ret;
	}
	return 0;
}

/**
 * smm_nl_page_alloc_doit() - PAGE_ALLOC: allocate count blocks of 2^order
 * pages
 * @skb: the request
 * @info: the request, parsed
 *
 * All or nothing: when a block cannot be had, the ones taken before it
 * are freed. The reply is allocated before the blocks, so that a reply
 * that cannot be had costs no allocation either. With zero, the blocks
 * are zeroed before the reply.
 *
 * Return: 0 after the reply, which lists each block's first pfn; -EPERM
 * without CAP_SYS_ADMIN; -EINVAL for a bad request; -ENOMEM when the
 * shadow memory cannot serve it.
 */
int smm_nl_page_alloc_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct smm_alloc_req req;
	unsigned int count, i;
	struct sk_buff *msg;
	u64 *pfns;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "page-alloc needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	ret = smm_nl_alloc_req_parse(info, &req, &count);
	if (ret)
		return ret;

	pfns = kvmalloc_array(count, sizeof(*pfns), GFP_KERNEL);
	if (!pfns)
		return -ENOMEM;
	msg = smm_nl_reply_new(info, count * nla_total_size_64bit(sizeof(u64)),
			       &hdr);
	if (!msg) {
		NL_SET_ERR_MSG(info->extack,
			       "no memory for the reply; nothing allocated");
		ret = -ENOMEM;
		goto out_pfns;
	}

	mutex_lock(&smm_shadow.pages_mutex);
	for (i = 0; i < count; i++) {
		req.cpu = smm_this_cpu();
		ret = smm_alloc(mm, &req, &pfns[i]);
		if (ret)
			break;
		if (!(i % 256))
			cond_resched();
	}
	if (ret) {
		while (i--)
			smm_free(mm, pfns[i], smm_this_cpu());
		mutex_unlock(&smm_shadow.pages_mutex);
		if (ret == -ENOMEM)
			NL_SET_ERR_MSG(info->extack,
				       "not enough free shadow memory for all the blocks; nothing allocated");
		else
			NL_SET_ERR_MSG(info->extack,
				       "the allocator refused the request");
		goto err_msg;
	}
	mutex_unlock(&smm_shadow.pages_mutex);

	if (req.gfp & SMM_GFP_ZERO)
		smm_blocks_zero(pfns, count, req.order);
	for (i = 0; i < count; i++)
		if (nla_put_u64_64bit(msg, SHADOW_MM_A_PAGES_PFN, pfns[i],
				      SHADOW_MM_A_PAGES_PAD))
			break;
	/* The reply was sized for every pfn. */
	WARN_ON_ONCE(i < count);
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	if (ret) {
		/* Nobody learns the pfns (a full socket): keep nothing. */
		mutex_lock(&smm_shadow.pages_mutex);
		for (i = 0; i < count; i++)
			smm_free(mm, pfns[i], smm_this_cpu());
		mutex_unlock(&smm_shadow.pages_mutex);
	}
	kvfree(pfns);
	return ret;

err_msg:
	nlmsg_free(msg);
out_pfns:
	kvfree(pfns);
	return ret;
}

/**
 * struct smm_free_item - a block named in a PAGE_FREE request
 * @pfn: its first pfn
 * @attr: the attribute that named it, for the error messages
 */
struct smm_free_item {
	u64 pfn;
	const struct nlattr *attr;
};

static int smm_free_item_cmp(const void *a, const void *b)
{
	const struct smm_free_item *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

/*
 * Check that every item names the first page of an allocated block, and
 * none twice (the items are sorted).
 * Return: 0, or -EINVAL with the extack pointing at the first bad one.
 */
static int smm_free_items_check(const struct smm_free_item *items,
				unsigned int n, struct netlink_ext_ack *extack)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct smm_page p;

		if (i && items[i].pfn == items[i - 1].pfn) {
			NL_SET_ERR_MSG_ATTR(extack, items[i].attr,
					    "pfn is given twice; nothing freed");
			return -EINVAL;
		}
		if (!smm_page_read(items[i].pfn, &p)) {
			NL_SET_ERR_MSG_ATTR(extack, items[i].attr,
					    "pfn is not in shadow memory; nothing freed");
			return -EINVAL;
		}
		if (!smm_page_is_block_head(&p)) {
			NL_SET_ERR_MSG_ATTR(extack, items[i].attr,
					    "pfn is not the first page of an allocated block; nothing freed");
			return -EINVAL;
		}
		if (smm_as_owns(p.owner)) {
			NL_SET_ERR_MSG_ATTR(extack, items[i].attr,
					    "pfn is a page of a shadow address space, which frees it (as-unmap, as-del); nothing freed");
			return -EBUSY;
		}
		if (smm_dmabuf_holds(items[i].pfn)) {
			NL_SET_ERR_MSG_ATTR(extack, items[i].attr,
					    "pfn is a page of a dma-buf, which frees it when its last reference goes; nothing freed");
			return -EBUSY;
		}
		if (smm_dma_owns(p.owner)) {
			NL_SET_ERR_MSG_ATTR(extack, items[i].attr,
					    "pfn is a page of a DMA buffer or the bounce pool, which dma-unmap frees; nothing freed");
			return -EBUSY;
		}
	}
	return 0;
}

/**
 * smm_nl_page_free_doit() - PAGE_FREE: free blocks by their first pfn
 * @skb: the request
 * @info: the request, parsed
 *
 * Every pfn is checked before any block is freed; page-alloc and
 * page-free requests are serialized, so none frees a block in between.
 *
 * Return: 0; -EPERM without CAP_SYS_ADMIN; -EINVAL when no pfn is given
 * or one is not the first page of an allocated block (or is given twice).
 */
int smm_nl_page_free_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct smm_free_item *items;
	const struct nlattr *attr;
	unsigned int n = 0, i;
	int rem, ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "page-free needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_PAGES_PFN)) {
		NL_SET_ERR_MSG(info->extack, "page-free needs attribute pfn");
		return -EINVAL;
	}

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem)
		if (nla_type(attr) == SHADOW_MM_A_PAGES_PFN)
			n++;
	items = kvmalloc_array(n, sizeof(*items), GFP_KERNEL);
	if (!items)
		return -ENOMEM;
	i = 0;
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != SHADOW_MM_A_PAGES_PFN)
			continue;
		items[i].pfn = nla_get_u64(attr);
		items[i].attr = attr;
		i++;
	}
	sort(items, n, sizeof(*items), smm_free_item_cmp, NULL);

	mutex_lock(&smm_shadow.pages_mutex);
	ret = smm_free_items_check(items, n, info->extack);
	for (i = 0; !ret && i < n; i++) {
		ret = smm_free(mm, items[i].pfn, smm_this_cpu());
		/* Checked above: only an in-kernel user racing us fails. */
		if (ret) {
			pr_err("page-free: pfn %#llx passed the checks, yet the allocator refused it: %d\n",
			       items[i].pfn, ret);
			NL_SET_ERR_MSG_ATTR(info->extack, items[i].attr,
					    "the allocator refused to free this block; the blocks at lower pfns are freed");
		}
	}
	mutex_unlock(&smm_shadow.pages_mutex);
	kvfree(items);
	return ret;
}
