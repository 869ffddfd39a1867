// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow address spaces over netlink: as-new, as-del, as-get, as-map,
 * as-unmap, as-protect and as-touch. The core (core/as.c) builds the
 * page tables; this file gives it the shadow allocator and the kernel's
 * linear map of lowmem where their tables are (pt_mem.c), keeps the
 * spaces by id and turns the core's answers into replies and extack
 * messages.
 *
 * Page-table pages come from the shadow allocator the way the kernel's
 * own come from its page allocator without HIGHPTE: unmovable, from
 * NORMAL or below, owner "pgtable". Data pages are taken like a user's
 * anonymous pages: movable, from MOVABLE or below, owner "as-page". Both
 * show in the owner report and in the zones.
 *
 * A shadow_mm dma-buf imported into a space (dmabuf-import, target as)
 * is mapped as pfn regions over its pages, one per physically contiguous
 * run, and the import holds a reference on the dma-buf until as-unmap of
 * its whole range or as-del: the exporter cannot give the pages back to
 * the allocator while a space maps them.
 *
 * Every operation on a space, its imports, and the id table, is under
 * smm_as_mutex; walks (nl_walk.c) take it too. Changing a space needs
 * CAP_NET_ADMIN (GENL_ADMIN_PERM) and CAP_SYS_ADMIN; reading it is open.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/dma-buf.h>
#include <linux/highmem.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/xarray.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "pt_glue.h"
#include "shadow_mm.h"
#include "smm_dmabuf.h"

/* Every address-space operation and the id table; see pt_glue.h. */
DEFINE_MUTEX(smm_as_mutex);

/* Address spaces by id, 1..SHADOW_MM_MAX_AS; under smm_as_mutex. */
static DEFINE_XARRAY_ALLOC1(smm_as_xa);

/**
 * struct smm_as_import - a dma-buf imported into an address space
 * @node: on smm_as_imports
 * @as: the space
 * @va: where the buffer's first page is mapped
 * @len: bytes mapped (the buffer's pages)
 * @dmabuf: the dma-buf, with the reference the import holds
 */
struct smm_as_import {
	struct list_head node;
	struct smm_as *as;
	u64 va;
	u64 len;
	struct dma_buf *dmabuf;
};

/* The imports of every space; under smm_as_mutex. */
static LIST_HEAD(smm_as_imports);

static u16 smm_as_owner_table;
static u16 smm_as_owner_data;

static int smm_as_pages_alloc(void *arg, unsigned int order, bool table,
			      u64 *pa)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct smm_alloc_req req = {
		.order = order,
		.gfp = table ? 0 : SMM_GFP_HIGHMEM | SMM_GFP_MOVABLE,
		.nid = SMM_NUMA_NO_NODE,
		.migratetype = SMM_MIGRATE_FROM_GFP,
		.owner = table ? smm_as_owner_table : smm_as_owner_data,
	};
	struct smm_page *page;
	unsigned long i;
	u64 pfn;
	int ret;

	/* The core falls back to smaller leaves when a block fails. */
	if (order > SMM_HOST_MAX_ORDER)
		return -ENOMEM;
	/* page-free checks, then frees, under it: keep its checks true. */
	mutex_lock(&smm_shadow.pages_mutex);
	req.cpu = smm_this_cpu();
	ret = smm_alloc(mm, &req, &pfn);
	mutex_unlock(&smm_shadow.pages_mutex);
	if (ret)
		return -ENOMEM;

	/* The core never zeroes: an old table must not leak through. */
	for (i = 0; i < 1UL << order; i++)
		clear_highpage(pfn_to_page(pfn + i));
	/* A data page is mapped once, by the space it is allocated for. */
	for (i = 0; !table && i < 1UL << order; i++) {
		page = smm_pfn_to_page(mm, pfn + i);
		if (page)
			WRITE_ONCE(page->mapcount, 1);
	}
	*pa = (u64)pfn << PAGE_SHIFT;
	/* A big map allocates many pages in one request. */
	cond_resched();
	return 0;
}

static void smm_as_pages_free(void *arg, u64 pa, unsigned int order,
			      bool table)
{
	struct smm_mm *mm = smm_shadow.mm;
	u64 pfn = pa >> PAGE_SHIFT;
	struct smm_page *page;
	unsigned long i;
	int ret;

	mutex_lock(&smm_shadow.pages_mutex);
	/*
	 * Unmapped: the allocator clears the first page's mapcount, the
	 * others are ours to clear while the block is still ours.
	 */
	for (i = 1; !table && i < 1UL << order; i++) {
		page = smm_pfn_to_page(mm, pfn + i);
		if (page)
			WRITE_ONCE(page->mapcount, 0);
	}
	ret = smm_free(mm, pfn, smm_this_cpu());
	mutex_unlock(&smm_shadow.pages_mutex);
	/* Only after a page-free request named a page of ours. */
	if (ret)
		pr_err_ratelimited("address-space page %#llx (order %u) was already freed by someone else\n",
				   pa, order);
}

/* What a kernel address space runs on; its memory set by smm_as_init(). */
struct smm_as_ops smm_as_shadow_ops __ro_after_init = {
	.alloc = smm_as_pages_alloc,
	.free = smm_as_pages_free,
};

/**
 * smm_pt_perm_to_prot() - the permissions a walk left, as the wire's
 * protections
 * @perm: SMM_PT_P* and SMM_PT_U* bits
 *
 * A page user mode may reach shows what user mode may do with it, with
 * SHADOW_MM_PROT_USER; a kernel-only page what the kernel may do.
 *
 * Return: enum shadow_mm_prot flags.
 */
u32 smm_pt_perm_to_prot(u32 perm)
{
	u32 prot = 0;

	if (perm & (SMM_PT_UR | SMM_PT_UW | SMM_PT_UX)) {
		prot |= SHADOW_MM_PROT_USER;
		if (perm & SMM_PT_UR)
			prot |= SHADOW_MM_PROT_READ;
		if (perm & SMM_PT_UW)
			prot |= SHADOW_MM_PROT_WRITE;
		if (perm & SMM_PT_UX)
			prot |= SHADOW_MM_PROT_EXEC;
		return prot;
	}
	if (perm & SMM_PT_PR)
		prot |= SHADOW_MM_PROT_READ;
	if (perm & SMM_PT_PW)
		prot |= SHADOW_MM_PROT_WRITE;
	if (perm & SMM_PT_PX)
		prot |= SHADOW_MM_PROT_EXEC;
	return prot;
}

/**
 * smm_as_lookup() - an address space by id
 * @id: its id
 *
 * The caller holds smm_as_mutex for as long as it uses the space.
 *
 * Return: the space, or NULL when none has @id.
 */
struct smm_as *smm_as_lookup(u32 id)
{
	lockdep_assert_held(&smm_as_mutex);
	return xa_load(&smm_as_xa, id);
}

/**
 * smm_nl_set_why() - point the extack at an attribute with the core's
 * message
 * @extack: the extack, or NULL
 * @attr: the attribute, or NULL
 * @why: the message, a string with static storage (the core's `why`):
 *	NL_SET_ERR_MSG_ATTR() takes only literals
 */
void smm_nl_set_why(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *why)
{
	if (!extack)
		return;
	extack->_msg = why;
	extack->bad_attr = attr;
}

/**
 * struct smm_nl_word - a word of the core's messages naming an attribute
 * @word: the word
 * @type: the attribute of the request it names
 */
struct smm_nl_word {
	const char *word;
	int type;
};

static const struct smm_nl_word smm_map_words[] = {
	{ "va", SHADOW_MM_A_MAP_VA },
	{ "address", SHADOW_MM_A_MAP_VA },
	{ "len", SHADOW_MM_A_MAP_LEN },
	{ "length", SHADOW_MM_A_MAP_LEN },
	{ "pfn", SHADOW_MM_A_MAP_PFN },
	{ "frames", SHADOW_MM_A_MAP_PFN },
	{ "prot", SHADOW_MM_A_MAP_PROT },
	{ "protection", SHADOW_MM_A_MAP_PROT },
	{ "protections", SHADOW_MM_A_MAP_PROT },
};

static const struct smm_nl_word smm_touch_words[] = {
	{ "va", SHADOW_MM_A_WALK_VA },
	{ "address", SHADOW_MM_A_WALK_VA },
	{ "access", SHADOW_MM_A_WALK_ACCESS },
};

/* The first place @word stands as a whole word in @s, or NULL. */
static const char *smm_find_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(s, word); p; p = strstr(p + 1, word))
		if ((p == s || !isalnum(p[-1])) && !isalnum(p[n]))
			return p;
	return NULL;
}

/**
 * smm_nl_core_err() - report the core's refusal of a request
 * @info: the request
 * @ret: the core's errno
 * @why: the core's message, or NULL
 * @words: the words that name the request's attributes
 * @nr_words: how many
 * @fallback: the attribute to point at when the message names none
 *
 * The extack points at the attribute the message names first (va, len,
 * pfn, ...), present in the request; running out of shadow pages is no
 * attribute's fault.
 */
static void smm_nl_core_err(struct genl_info *info, int ret, const char *why,
			    const struct smm_nl_word *words,
			    unsigned int nr_words, int fallback)
{
	struct nlattr **tb = info->attrs;
	const struct nlattr *attr = ret == -ENOMEM ? NULL : tb[fallback];
	const char *first = NULL;
	unsigned int i;

	if (!why) {
		if (ret == -ENOMEM)
			NL_SET_ERR_MSG(info->extack,
				       "out of shadow pages; nothing changed");
		else
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "the address space refused the request");
		return;
	}
	for (i = 0; i < nr_words; i++) {
		const char *p;

		if (!tb[words[i].type])
			continue;
		p = smm_find_word(why, words[i].word);
		if (p && (!first || p < first)) {
			first = p;
			attr = tb[words[i].type];
		}
	}
	smm_nl_set_why(info->extack, attr, why);
}

/* Whether the format decodes AttrIndx through a MAIR. */
static bool smm_pt_format_has_mair(const struct smm_pt_format *fmt)
{
	return fmt->id == SHADOW_MM_PT_FORMAT_ARM_LPAE ||
	       fmt->id == SHADOW_MM_PT_FORMAT_ARM64;
}

static size_t smm_nl_region_size(void)
{
	return nla_total_size(0) +			/* the nest */
	       3 * nla_total_size_64bit(sizeof(u64)) +	/* va, len, pfn */
	       2 * nla_total_size(sizeof(u32));		/* prot, kind */
}

/* Bytes of an address space's attributes with @nr_regions regions. */
static size_t smm_nl_as_size(unsigned int nr_regions)
{
	return 5 * nla_total_size(sizeof(u32)) +	/* id ... table-pages */
	       3 * nla_total_size_64bit(sizeof(u64)) +	/* root, mapped, mair */
	       nr_regions * smm_nl_region_size();
}

static int smm_nl_region_put(struct sk_buff *msg,
			     const struct smm_as_region *r)
{
	struct nlattr *nest = nla_nest_start(msg, SHADOW_MM_A_AS_REGION);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(msg, SHADOW_MM_A_REGION_VA, r->va,
			      SHADOW_MM_A_REGION_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_REGION_LEN, r->len,
			      SHADOW_MM_A_REGION_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_REGION_PROT, r->prot) ||
	    nla_put_u32(msg, SHADOW_MM_A_REGION_KIND, r->kind) ||
	    (r->kind == SMM_AS_PFN &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_REGION_PFN, r->pfn,
			       SHADOW_MM_A_REGION_PAD))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * The attributes of address space @id, its regions from *@region on;
 * *@region is left at the first region that did not fit.
 * Return: 0 when everything fit, else -EMSGSIZE.
 */
static int smm_nl_as_put(struct sk_buff *msg, u32 id, const struct smm_as *as,
			 unsigned int *region)
{
	const struct smm_pt_cfg *cfg = &as->cfg;

	if (nla_put_u32(msg, SHADOW_MM_A_AS_ID, id) ||
	    nla_put_u32(msg, SHADOW_MM_A_AS_FORMAT, cfg->fmt->id) ||
	    nla_put_u32(msg, SHADOW_MM_A_AS_LEVELS, cfg->levels) ||
	    nla_put_u32(msg, SHADOW_MM_A_AS_VA_BITS, cfg->va_bits) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_AS_ROOT, as->root,
			      SHADOW_MM_A_AS_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_AS_TABLE_PAGES,
			min_t(unsigned long, as->table_pages, U32_MAX)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_AS_MAPPED_BYTES,
			      as->mapped_bytes, SHADOW_MM_A_AS_PAD) ||
	    (smm_pt_format_has_mair(cfg->fmt) &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_AS_MAIR, cfg->mair,
			       SHADOW_MM_A_AS_PAD)))
		return -EMSGSIZE;
	for (; *region < as->nr_regions; (*region)++)
		if (smm_nl_region_put(msg, &as->regions[*region]))
			return -EMSGSIZE;
	return 0;
}

/*
 * Fill @msg, sized by smm_nl_as_size() under the same hold of
 * smm_as_mutex, with every attribute of the space, and send it.
 * Return: 0, or the errno of the send.
 */
static int smm_nl_as_reply(struct genl_info *info, struct sk_buff *msg,
			   void *hdr, u32 id, const struct smm_as *as)
{
	unsigned int region = 0;

	/* Sized for every region: cannot run out of room. */
	if (WARN_ON_ONCE(smm_nl_as_put(msg, id, as, &region))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * What every request that changes a space starts with: log it, let the
 * monitor see its allocations, and check CAP_SYS_ADMIN (GENL_ADMIN_PERM
 * checked CAP_NET_ADMIN).
 * Return: 0, or -EPERM with the extack set.
 */
static int smm_nl_as_admin(struct sk_buff *skb, struct genl_info *info)
{
	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack,
			       "changing shadow address spaces needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	return 0;
}

/* Fill @cfg from an as-new request. Return: 0, or -EINVAL with extack. */
static int smm_nl_as_cfg(struct genl_info *info, struct smm_pt_cfg *cfg)
{
	struct nlattr **tb = info->attrs;
	const struct smm_pt_format *fmt;
	unsigned int levels;
	u64 mair;

	fmt = smm_pt_format_by_id(nla_get_u32(tb[SHADOW_MM_A_AS_FORMAT]));
	if (!fmt) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_AS_FORMAT],
				    "unknown page-table format");
		return -EINVAL;
	}
	levels = fmt->max_levels;
	if (tb[SHADOW_MM_A_AS_LEVELS]) {
		levels = nla_get_u32(tb[SHADOW_MM_A_AS_LEVELS]);
		if (!smm_pt_format_levels_valid(fmt, levels)) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_AS_LEVELS],
					    "the format has no such depth: arm has 2 levels, arm-lpae 3, arm64 3 or 4, x86_64 4 or 5");
			return -EINVAL;
		}
	}
	mair = fmt->default_mair;
	if (tb[SHADOW_MM_A_AS_MAIR]) {
		if (!smm_pt_format_has_mair(fmt)) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_AS_MAIR],
					    "mair is for arm-lpae and arm64 only: this format has no AttrIndx");
			return -EINVAL;
		}
		mair = nla_get_u64(tb[SHADOW_MM_A_AS_MAIR]);
	}
	if (smm_pt_cfg_init(cfg, fmt, levels, mair)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_AS_FORMAT],
				    "the format refused this depth");
		return -EINVAL;
	}
	return 0;
}

/**
 * smm_nl_as_new_doit() - AS_NEW: create a shadow address space
 * @skb: the request
 * @info: the request, parsed
 *
 * Any format on any host, at its most levels unless levels says; its
 * root table is allocated and zeroed. A reply that cannot be delivered
 * destroys the space again: nobody would know its id.
 *
 * Return: 0 after the reply with every attribute of the new space;
 * -EPERM without CAP_SYS_ADMIN; -EINVAL for a bad format, depth or mair;
 * -ENOSPC when SHADOW_MM_MAX_AS spaces exist; -ENOMEM when the shadow
 * allocator has no page for the root.
 */
int smm_nl_as_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_pt_cfg cfg;
	struct sk_buff *msg;
	struct smm_as *as;
	void *hdr;
	u32 id;
	int ret;

	ret = smm_nl_as_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_AS_FORMAT)) {
		NL_SET_ERR_MSG(info->extack, "as-new needs attribute format");
		return -EINVAL;
	}
	ret = smm_nl_as_cfg(info, &cfg);
	if (ret)
		return ret;
	msg = smm_nl_reply_new(info, smm_nl_as_size(0), &hdr);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&smm_as_mutex);
	/* Reserve the id first: a full table costs no page. */
	ret = xa_alloc(&smm_as_xa, &id, NULL,
		       XA_LIMIT(1, SHADOW_MM_MAX_AS), GFP_KERNEL);
	if (ret == -EBUSY) {
		NL_SET_ERR_MSG(info->extack,
			       "already " __stringify(SHADOW_MM_MAX_AS)
			       " address spaces (max-as); destroy one first");
		ret = -ENOSPC;
		goto err_unlock;
	}
	if (ret)
		goto err_unlock;
	ret = smm_as_create(&cfg, &smm_as_shadow_ops, &as);
	if (ret) {
		xa_erase(&smm_as_xa, id);
		if (ret == -ENOMEM)
			NL_SET_ERR_MSG(info->extack,
				       "out of shadow pages for the root table");
		else
			NL_SET_ERR_MSG(info->extack,
				       "the address space could not be created");
		goto err_unlock;
	}
	/* Into the reserved slot: no allocation, cannot fail. */
	xa_store(&smm_as_xa, id, as, GFP_KERNEL);
	ret = smm_nl_as_reply(info, msg, hdr, id, as);
	if (ret) {
		xa_erase(&smm_as_xa, id);
		smm_as_destroy(as);
	}
	mutex_unlock(&smm_as_mutex);
	return ret;

err_unlock:
	mutex_unlock(&smm_as_mutex);
	nlmsg_free(msg);
	return ret;
}

/*
 * Forget an import whose pages are no longer mapped: its reference goes,
 * and with the last one the exporter frees the pages. smm_as_mutex held;
 * dma_buf_put() only defers the release to the file's last fput().
 */
static void smm_as_import_drop(struct smm_as_import *imp)
{
	list_del(&imp->node);
	dma_buf_put(imp->dmabuf);
	kfree(imp);
}

/* Drop the imports of @as within [va, end) (all of them: 0, U64_MAX). */
static void smm_as_imports_drop(struct smm_as *as, u64 va, u64 end)
{
	struct smm_as_import *imp, *tmp;

	lockdep_assert_held(&smm_as_mutex);
	list_for_each_entry_safe(imp, tmp, &smm_as_imports, node)
		if (imp->as == as && imp->va >= va && imp->va < end &&
		    imp->len <= end - imp->va)
			smm_as_import_drop(imp);
}

/*
 * The import of @as that [va, end) takes only part of, or NULL: an
 * import's pages are unmapped together, when its reference goes.
 */
static struct smm_as_import *smm_as_import_cut(struct smm_as *as, u64 va,
					       u64 end)
{
	struct smm_as_import *imp;

	lockdep_assert_held(&smm_as_mutex);
	list_for_each_entry(imp, &smm_as_imports, node) {
		u64 imp_end = imp->va + imp->len;

		if (imp->as != as || imp_end <= va || imp->va >= end)
			continue;
		if (imp->va < va || imp_end > end)
			return imp;
	}
	return NULL;
}

/**
 * smm_nl_as_del_doit() - AS_DEL: destroy a shadow address space
 * @skb: the request
 * @info: the request, parsed
 *
 * Its data pages and every page-table page go back to the shadow
 * allocator; the references of dma-bufs imported into it go once their
 * pages are unmapped.
 *
 * Return: 0; -EPERM without CAP_SYS_ADMIN; -EINVAL without id; -ENOENT
 * when no space has the id.
 */
int smm_nl_as_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_as *as;
	int ret;

	ret = smm_nl_as_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_AS_ID)) {
		NL_SET_ERR_MSG(info->extack, "as-del needs attribute id");
		return -EINVAL;
	}
	mutex_lock(&smm_as_mutex);
	as = xa_erase(&smm_as_xa, nla_get_u32(tb[SHADOW_MM_A_AS_ID]));
	if (as) {
		smm_as_destroy(as);
		smm_as_imports_drop(as, 0, U64_MAX);
	}
	mutex_unlock(&smm_as_mutex);
	if (!as) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_AS_ID],
				    "no address space with this id");
		return -ENOENT;
	}
	return 0;
}

/**
 * smm_nl_as_get_doit() - AS_GET: one shadow address space
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply (format, depth, root, table pages, mapped
 * bytes, every region); -EINVAL without id; -ENOENT when no space has
 * it; -ENOMEM.
 */
int smm_nl_as_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct sk_buff *msg;
	struct smm_as *as;
	void *hdr;
	u32 id;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_AS_ID)) {
		NL_SET_ERR_MSG(info->extack, "as-get needs attribute id");
		return -EINVAL;
	}
	id = nla_get_u32(tb[SHADOW_MM_A_AS_ID]);
	mutex_lock(&smm_as_mutex);
	as = smm_as_lookup(id);
	if (!as) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_AS_ID],
				    "no address space with this id");
		ret = -ENOENT;
		goto out_unlock;
	}
	msg = smm_nl_reply_new(info, smm_nl_as_size(as->nr_regions), &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	ret = smm_nl_as_reply(info, msg, hdr, id, as);
out_unlock:
	mutex_unlock(&smm_as_mutex);
	return ret;
}

/**
 * smm_nl_as_get_dumpit() - AS_GET dump: every shadow address space, by id
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next id, args[1] the region of
 *	that space to go on from
 *
 * A space with more regions than fit in one message comes in several,
 * each with every attribute but the regions, which continue where the
 * previous message stopped.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_as_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **tb = smm_dump_attrs(cb);
	unsigned long id = cb->args[0];
	unsigned int region = cb->args[1];
	bool filled = false;
	struct smm_as *as;
	void *hdr;

	if (tb[SHADOW_MM_A_AS_ID]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[SHADOW_MM_A_AS_ID],
				    "as-get dump takes no id: it lists every address space");
		return -EINVAL;
	}

	mutex_lock(&smm_as_mutex);
	xa_for_each_start(&smm_as_xa, id, as, id) {
		unsigned int from;

		/* A space destroyed between two parts: go on with the next. */
		if (id != cb->args[0])
			region = 0;
		from = region;
		hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_AS_GET);
		if (!hdr)
			break;
		if (!smm_nl_as_put(skb, id, as, &region)) {
			genlmsg_end(skb, hdr);
			filled = true;
			region = 0;
			continue;
		}
		/* Alone in the buffer and still too big: send it in parts. */
		if (!filled && region > from) {
			genlmsg_end(skb, hdr);
			filled = true;
		} else {
			genlmsg_cancel(skb, hdr);
			region = from;
		}
		break;
	}
	mutex_unlock(&smm_as_mutex);

	cb->args[0] = as ? id : SHADOW_MM_MAX_AS + 1;
	cb->args[1] = region;
	if (as && !filled)
		return -EMSGSIZE;
	return skb->len;
}

/* The reply to as-map, as-unmap and as-protect: what the change did. */
static size_t smm_nl_stats_size(void)
{
	return 3 * nla_total_size(sizeof(u32));
}

static int smm_nl_stats_reply(struct genl_info *info, struct sk_buff *msg,
			      void *hdr, const struct smm_as_stats *st)
{
	if (nla_put_u32(msg, SHADOW_MM_A_MAP_TABLES, st->tables) ||
	    nla_put_u32(msg, SHADOW_MM_A_MAP_BLOCKS, st->blocks) ||
	    nla_put_u32(msg, SHADOW_MM_A_MAP_PAGES, st->pages)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * struct smm_nl_change - a request to change the mappings of a space
 * @as: the space; smm_as_mutex held
 * @va: first address
 * @len: bytes
 * @msg: the reply, allocated before anything changes
 * @hdr: its header
 */
struct smm_nl_change {
	struct smm_as *as;
	u64 va;
	u64 len;
	struct sk_buff *msg;
	void *hdr;
};

/*
 * The common part of as-map, as-unmap and as-protect: as, va and len,
 * the reply, and the space, looked up with smm_as_mutex taken.
 * Return: 0 with the mutex held and @c filled; else an errno with the
 * extack set, the mutex not held and nothing allocated.
 */
static int smm_nl_change_begin(struct genl_info *info,
			       struct smm_nl_change *c)
{
	struct nlattr **tb = info->attrs;

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_MAP_AS) ||
	    GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_MAP_VA) ||
	    GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_MAP_LEN)) {
		NL_SET_ERR_MSG(info->extack, "the request needs attributes as, va and len");
		return -EINVAL;
	}
	c->va = nla_get_u64(tb[SHADOW_MM_A_MAP_VA]);
	c->len = nla_get_u64(tb[SHADOW_MM_A_MAP_LEN]);
	c->msg = smm_nl_reply_new(info, smm_nl_stats_size(), &c->hdr);
	if (!c->msg)
		return -ENOMEM;

	mutex_lock(&smm_as_mutex);
	c->as = smm_as_lookup(nla_get_u32(tb[SHADOW_MM_A_MAP_AS]));
	if (!c->as) {
		mutex_unlock(&smm_as_mutex);
		nlmsg_free(c->msg);
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_MAP_AS],
				    "no address space with this id");
		return -ENOENT;
	}
	return 0;
}

/*
 * Unlock, then reply with @st when the core's @ret is 0, else report
 * its refusal.
 */
static int smm_nl_change_end(struct genl_info *info, struct smm_nl_change *c,
			     int ret, const char *why,
			     const struct smm_as_stats *st)
{
	mutex_unlock(&smm_as_mutex);
	if (ret) {
		nlmsg_free(c->msg);
		smm_nl_core_err(info, ret, why, smm_map_words,
				ARRAY_SIZE(smm_map_words), SHADOW_MM_A_MAP_VA);
		return ret;
	}
	return smm_nl_stats_reply(info, c->msg, c->hdr, st);
}

/**
 * smm_nl_as_map_doit() - AS_MAP: map a range of a shadow address space
 * @skb: the request
 * @info: the request, parsed
 *
 * To new shadow pages; with pfn, to the frames from pfn on; with demand,
 * to new pages allocated by the first touch of each. prot defaults to
 * read and write, a kernel mapping. Blocks where alignment allows, unless
 * small. All or nothing: a refused or failed map leaves the space as it
 * was, no page-table page kept.
 *
 * Return: 0 after the reply (tables allocated, blocks and pages
 * written); -EPERM without CAP_SYS_ADMIN; -ENOENT for an unknown space;
 * -EINVAL, -ERANGE, -EEXIST, -ENOSPC as the core refuses the range, with
 * its message; -ENOMEM when shadow pages ran out.
 */
int smm_nl_as_map_doit(struct sk_buff *skb, struct genl_info *info)
{
	u32 prot = SHADOW_MM_PROT_READ | SHADOW_MM_PROT_WRITE;
	struct nlattr **tb = info->attrs;
	enum smm_as_kind kind = SMM_AS_PAGES;
	struct smm_as_stats st = {};
	struct smm_nl_change c;
	const char *why = NULL;
	u32 flags = 0;
	u64 pfn = 0;
	int ret;

	ret = smm_nl_as_admin(skb, info);
	if (ret)
		return ret;
	if (tb[SHADOW_MM_A_MAP_PFN] && tb[SHADOW_MM_A_MAP_DEMAND]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_MAP_DEMAND],
				    "demand allocates new pages, pfn maps given frames: not both");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_MAP_PROT])
		prot = nla_get_u32(tb[SHADOW_MM_A_MAP_PROT]);
	if (tb[SHADOW_MM_A_MAP_PFN]) {
		kind = SMM_AS_PFN;
		pfn = nla_get_u64(tb[SHADOW_MM_A_MAP_PFN]);
	} else if (nla_get_flag(tb[SHADOW_MM_A_MAP_DEMAND])) {
		kind = SMM_AS_DEMAND;
	}
	if (nla_get_flag(tb[SHADOW_MM_A_MAP_SMALL]))
		flags |= SMM_AS_MAP_SMALL;

	ret = smm_nl_change_begin(info, &c);
	if (ret)
		return ret;
	ret = smm_as_map(c.as, c.va, c.len, prot, kind, pfn, flags, &st, &why);
	return smm_nl_change_end(info, &c, ret, why, &st);
}

/**
 * smm_nl_as_unmap_doit() - AS_UNMAP: unmap a range of a shadow address
 * space
 * @skb: the request
 * @info: the request, parsed
 *
 * Like munmap(): the range may cover holes. Pages the space allocated go
 * back, and so do the page tables left empty. An imported dma-buf is
 * unmapped whole or not at all; its reference goes with it.
 *
 * Return: 0 after the reply (tables freed, blocks and pages cleared);
 * -EPERM without CAP_SYS_ADMIN; -ENOENT for an unknown space; -EINVAL
 * for an unaligned range, one that cuts a block or takes part of an
 * imported dma-buf, with the core's message.
 */
int smm_nl_as_unmap_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_as_stats st = {};
	struct smm_nl_change c;
	const char *why = NULL;
	u64 end;
	int ret;

	ret = smm_nl_as_admin(skb, info);
	if (ret)
		return ret;
	ret = smm_nl_change_begin(info, &c);
	if (ret)
		return ret;
	/* A range that wraps is the core's to refuse. */
	end = c.va + c.len < c.va ? U64_MAX : c.va + c.len;
	if (smm_as_import_cut(c.as, c.va, end)) {
		mutex_unlock(&smm_as_mutex);
		nlmsg_free(c.msg);
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SHADOW_MM_A_MAP_VA],
				    "the range takes part of an imported dma-buf: unmap all of its pages at once");
		return -EINVAL;
	}
	ret = smm_as_unmap(c.as, c.va, c.len, &st, &why);
	if (!ret)
		smm_as_imports_drop(c.as, c.va, end);
	return smm_nl_change_end(info, &c, ret, why, &st);
}

/**
 * smm_nl_as_protect_doit() - AS_PROTECT: change the protections of a
 * mapped range
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply (leaves rewritten); -EPERM without
 * CAP_SYS_ADMIN; -EINVAL without prot; -ENOENT for an unknown space;
 * -EINVAL for a range not wholly mapped or one that cuts a block, with
 * the core's message.
 */
int smm_nl_as_protect_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_as_stats st = {};
	struct smm_nl_change c;
	const char *why = NULL;
	int ret;

	ret = smm_nl_as_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_MAP_PROT)) {
		NL_SET_ERR_MSG(info->extack, "as-protect needs attribute prot");
		return -EINVAL;
	}
	ret = smm_nl_change_begin(info, &c);
	if (ret)
		return ret;
	ret = smm_as_protect(c.as, c.va, c.len,
			     nla_get_u32(info->attrs[SHADOW_MM_A_MAP_PROT]),
			     &st, &why);
	return smm_nl_change_end(info, &c, ret, why, &st);
}

static int smm_nl_touch_put(struct sk_buff *msg, u64 va, u32 access,
			    const struct smm_touch *t)
{
	if (nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_VA, va,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_ACCESS, access))
		return -EMSGSIZE;
	if (t->fault &&
	    (nla_put_u32(msg, SHADOW_MM_A_WALK_FAULT, t->fault) ||
	     nla_put_u32(msg, SHADOW_MM_A_WALK_FAULT_LEVEL, t->fault_level)))
		return -EMSGSIZE;
	if (t->fixup && nla_put_u32(msg, SHADOW_MM_A_WALK_FIXUP, t->fixup))
		return -EMSGSIZE;
	if (t->done &&
	    (nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_PA, t->w.pa,
			       SHADOW_MM_A_WALK_PAD) ||
	     nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_SIZE, t->w.size,
			       SHADOW_MM_A_WALK_PAD) ||
	     nla_put_u32(msg, SHADOW_MM_A_WALK_PROT,
			 smm_pt_perm_to_prot(t->w.perm))))
		return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_as_touch_doit() - AS_TOUCH: access an address as the CPU would
 * @skb: the request
 * @info: the request, parsed
 *
 * The software MMU checks the access; the first fault it raises is
 * reported with its level, with what the shadow kernel did about it (on
 * a demand region: a new page), and where the access went once it
 * completed. A fault nothing fixes is no error: the reply just has no pa
 * (a real process would get SIGSEGV).
 *
 * Return: 0 after the reply; -EPERM without CAP_SYS_ADMIN; -EINVAL
 * without as, va or access; -ENOENT for an unknown space; -ERANGE or
 * -EINVAL for an address outside the space, with the core's message;
 * -ENOMEM when a demand fault found no shadow page.
 */
int smm_nl_as_touch_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	const char *why = NULL;
	struct sk_buff *msg;
	struct smm_touch *t;
	struct smm_as *as;
	u32 access;
	void *hdr;
	bool user;
	u64 va;
	int ret;

	ret = smm_nl_as_admin(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_WALK_AS) ||
	    GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_WALK_VA) ||
	    GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_WALK_ACCESS)) {
		NL_SET_ERR_MSG(info->extack,
			       "as-touch needs attributes as, va and access");
		return -EINVAL;
	}
	va = nla_get_u64(tb[SHADOW_MM_A_WALK_VA]);
	access = nla_get_u32(tb[SHADOW_MM_A_WALK_ACCESS]);
	user = nla_get_flag(tb[SHADOW_MM_A_WALK_USER]);

	/* A touch carries a whole walk: keep it off the stack. */
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto out_touch;
	}

	mutex_lock(&smm_as_mutex);
	as = smm_as_lookup(nla_get_u32(tb[SHADOW_MM_A_WALK_AS]));
	if (!as) {
		mutex_unlock(&smm_as_mutex);
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_WALK_AS],
				    "no address space with this id");
		ret = -ENOENT;
		goto err_msg;
	}
	ret = smm_as_touch(as, va, access, user, t, &why);
	mutex_unlock(&smm_as_mutex);
	if (ret) {
		smm_nl_core_err(info, ret, why, smm_touch_words,
				ARRAY_SIZE(smm_touch_words),
				SHADOW_MM_A_WALK_VA);
		goto err_msg;
	}

	ret = smm_nl_touch_put(msg, va, access, t);
	if (WARN_ON_ONCE(ret))
		goto err_msg;
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	goto out_touch;

err_msg:
	nlmsg_free(msg);
out_touch:
	kfree(t);
	return ret;
}

static const struct smm_nl_word smm_import_words[] = {
	{ "va", SHADOW_MM_A_DMABUF_VA },
	{ "address", SHADOW_MM_A_DMABUF_VA },
	{ "pfn", SHADOW_MM_A_DMABUF_FD },
	{ "frames", SHADOW_MM_A_DMABUF_FD },
};

/*
 * Map @n frames at @va, one pfn region per physically contiguous run,
 * read-write for the kernel. All or nothing. smm_as_mutex held.
 * Return: 0, or the core's errno with @why set.
 */
static int smm_as_map_pfns(struct smm_as *as, u64 va, const u64 *pfns,
			   u32 n, const char **why)
{
	u32 prot = SHADOW_MM_PROT_READ | SHADOW_MM_PROT_WRITE;
	const char *junk;
	u64 done = 0;
	u32 i, run;
	int ret = 0;

	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && pfns[i + run] == pfns[i] + run; run++)
			;
		ret = smm_as_map(as, va + done, (u64)run << PAGE_SHIFT, prot,
				 SMM_AS_PFN, pfns[i], 0, NULL, why);
		if (ret)
			break;
		done += (u64)run << PAGE_SHIFT;
	}
	/* Whole regions of this call's only: the unmap cannot be refused. */
	if (ret && done)
		WARN_ON_ONCE(smm_as_unmap(as, va, done, NULL, &junk));
	return ret;
}

/**
 * smm_nl_as_import() - dmabuf-import, target as: map a shadow_mm dma-buf
 * into a shadow address space
 * @info: the request (as, va)
 * @dmabuf: the dma-buf, with the caller's reference; shadow_mm's own
 * @msg: the reply, with the dma-buf's id
 * @hdr: its header
 *
 * Its pages are mapped at va as pfn regions (read-write, kernel), as
 * as-map with pfn would map them, so that as-get and walks show them.
 * The import holds the reference until as-unmap of its range or as-del.
 *
 * Return: 0 after the reply; -ENOENT for an unknown space; -EINVAL,
 * -ERANGE, -EEXIST, -ENOSPC as the core refuses the range, with its
 * message; -ENOMEM. Nothing is mapped on failure and the caller keeps
 * its reference; @msg is consumed either way.
 */
int smm_nl_as_import(struct genl_info *info, struct dma_buf *dmabuf,
		     struct sk_buff *msg, void *hdr)
{
	struct nlattr **tb = info->attrs;
	u64 va = nla_get_u64(tb[SHADOW_MM_A_DMABUF_VA]);
	u32 max = dmabuf->size >> PAGE_SHIFT, n = 0;
	struct smm_as_import *imp;
	const char *why = NULL;
	struct smm_as *as;
	u64 *pfns;
	int ret;

	imp = kzalloc(sizeof(*imp), GFP_KERNEL);
	pfns = kvcalloc(max, sizeof(*pfns), GFP_KERNEL);
	if (!imp || !pfns) {
		ret = -ENOMEM;
		goto out_free;
	}
	ret = smm_dmabuf_pfns(dmabuf, pfns, max, &n);
	if (ret || !n) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMABUF_FD],
				    "the exporter gave no pages for the dma-buf");
		ret = ret ?: -EINVAL;
		goto out_free;
	}

	mutex_lock(&smm_as_mutex);
	as = smm_as_lookup(nla_get_u32(tb[SHADOW_MM_A_DMABUF_AS]));
	if (!as) {
		mutex_unlock(&smm_as_mutex);
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMABUF_AS],
				    "no address space with this id");
		ret = -ENOENT;
		goto out_free;
	}
	ret = smm_as_map_pfns(as, va, pfns, n, &why);
	if (ret) {
		mutex_unlock(&smm_as_mutex);
		smm_nl_core_err(info, ret, why, smm_import_words,
				ARRAY_SIZE(smm_import_words),
				SHADOW_MM_A_DMABUF_VA);
		goto out_free;
	}
	imp->as = as;
	imp->va = va;
	imp->len = (u64)n << PAGE_SHIFT;
	imp->dmabuf = dmabuf;
	list_add_tail(&imp->node, &smm_as_imports);
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	msg = NULL;
	if (ret) {
		/* None exists that the caller never heard of; its reference stays. */
		WARN_ON_ONCE(smm_as_unmap(as, va, imp->len, NULL, &why));
		list_del(&imp->node);
	} else {
		imp = NULL;
	}
	mutex_unlock(&smm_as_mutex);
out_free:
	kvfree(pfns);
	kfree(imp);
	nlmsg_free(msg);
	return ret;
}

/**
 * smm_as_owns() - whether a block's owner tag is the address spaces'
 * @owner: the owner tag of an allocated block
 *
 * A space frees its pages itself (as-unmap, as-del): page-free must leave
 * such blocks alone.
 *
 * Return: true for "pgtable" and "as-page" blocks.
 */
bool smm_as_owns(u16 owner)
{
	return owner && (owner == smm_as_owner_table ||
			 owner == smm_as_owner_data);
}

/**
 * smm_as_init() - get ready for shadow address spaces
 *
 * Runs once the shadow memory exists, before the netlink family is
 * registered: registers the owner tags of their pages and points their
 * table memory at the linear map (their tables are lowmem pages).
 *
 * Return: 0, or -ENOSPC when the owner tag table is full.
 */
int smm_as_init(void)
{
	int ret;

	smm_pt_linear_mem_init(&smm_as_shadow_ops.mem);

	ret = smm_owner_register(smm_shadow.mm, "pgtable");
	if (ret < 0)
		return ret;
	smm_as_owner_table = ret;
	ret = smm_owner_register(smm_shadow.mm, "as-page");
	if (ret < 0)
		return ret;
	smm_as_owner_data = ret;
	return 0;
}

/**
 * smm_as_exit() - destroy every shadow address space
 *
 * Runs after the netlink family is gone and before the shadow memory is:
 * every page the spaces hold goes back to the shadow allocator, so the
 * unload report shows none. No space holds an imported dma-buf by then:
 * its reference would have kept the module loaded.
 */
void smm_as_exit(void)
{
	struct smm_as *as;
	unsigned long id;

	mutex_lock(&smm_as_mutex);
	xa_for_each(&smm_as_xa, id, as) {
		xa_erase(&smm_as_xa, id);
		smm_as_destroy(as);
		smm_as_imports_drop(as, 0, U64_MAX);
	}
	mutex_unlock(&smm_as_mutex);
	xa_destroy(&smm_as_xa);
}
