// SPDX-License-Identifier: GPL-2.0
/*
 * The walk op: a virtual address through a shadow address space, a
 * process's page tables or the kernel's, level by level (do); or a range
 * as runs of like leaves, the way the kernel's ptdump prints them (dump).
 * Shadow walks are open to everyone. Live ones need CAP_SYS_ADMIN: they
 * show physical addresses, which /proc/PID/pagemap hides from others.
 */

#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "pt_glue.h"
#include "shadow_mm.h"

/*
 * A request names its tables with as, pid or kernel, and gives va; a
 * dump also len. The other attributes of the set are only sent: strict
 * validation refuses them in a request.
 */
const struct nla_policy smm_walk_policy[SHADOW_MM_A_WALK_MAX + 1] = {
	[SHADOW_MM_A_WALK_AS] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_WALK_PID] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_WALK_KERNEL] = { .type = NLA_FLAG },
	[SHADOW_MM_A_WALK_VA] = { .type = NLA_U64 },
	[SHADOW_MM_A_WALK_LEN] = NLA_POLICY_MIN(NLA_U64, 1),
};

/* Whose tables a request walks. */
enum smm_walk_source {
	SMM_WALK_SHADOW,
	SMM_WALK_PROCESS,
	SMM_WALK_KERNEL,
};

/* The page flags the uapi names, as nl_page.c sends them. */
#define SMM_WALK_PAGE_FLAGS	(SHADOW_MM_PAGE_FLAGS_ISOLATED * 2 - 1)

/* Room for one attribute of each width, the 64-bit one's padding too. */
#define SMM_WALK_U32_SIZE	nla_total_size(sizeof(u32))
#define SMM_WALK_U64_SIZE	nla_total_size_64bit(sizeof(u64))

/**
 * struct smm_walk_result - a walk and what the reply says besides it
 * @cfg: the format and depth walked
 * @w: the walk
 * @li: what a live walk adds (VMA, the CPU's own translation)
 * @f: room for one level's decoded fields
 */
struct smm_walk_result {
	struct smm_pt_cfg cfg;
	struct smm_walk w;
	struct smm_live_info li;
	struct smm_pt_field f[SMM_PT_MAX_FIELDS];
};

/*
 * Which of as, pid and kernel the request gives: exactly one.
 * Return: an enum smm_walk_source, or -EINVAL with the extack set.
 */
static int smm_walk_source(struct nlattr **tb, struct netlink_ext_ack *extack)
{
	static const int attrs[] = {
		[SMM_WALK_SHADOW] = SHADOW_MM_A_WALK_AS,
		[SMM_WALK_PROCESS] = SHADOW_MM_A_WALK_PID,
		[SMM_WALK_KERNEL] = SHADOW_MM_A_WALK_KERNEL,
	};
	int source = -1;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		if (!tb[attrs[i]])
			continue;
		if (source >= 0) {
			NL_SET_ERR_MSG_ATTR(extack, tb[attrs[i]],
					    "walk takes only one of as, pid, kernel");
			return -EINVAL;
		}
		source = i;
	}
	if (source < 0) {
		NL_SET_ERR_MSG(extack, "walk needs one of as, pid, kernel");
		return -EINVAL;
	}
	return source;
}

/*
 * Point the extack of a failed live walk or dump at the attribute the
 * error is about; live_pt.c wrote the message.
 */
static void smm_walk_live_bad_attr(struct nlattr **tb, int err,
				   struct netlink_ext_ack *extack)
{
	if (err == -ESRCH)
		NL_SET_BAD_ATTR(extack, tb[SHADOW_MM_A_WALK_PID]);
	else if (err == -ERANGE)
		NL_SET_BAD_ATTR(extack, tb[SHADOW_MM_A_WALK_VA]);
	else if (err == -EOPNOTSUPP)
		NL_SET_BAD_ATTR(extack, tb[SHADOW_MM_A_WALK_KERNEL]);
}

/*
 * The decoded fields of @s into @f; texts are cut to their room, so
 * that they can be sent as strings whatever the format wrote.
 * Return: how many.
 */
static unsigned int smm_walk_fields(const struct smm_pt_cfg *cfg,
				    const struct smm_pt_step *s,
				    struct smm_pt_field *f)
{
	unsigned int nr, i;

	nr = cfg->fmt->fields(cfg, s->level, s->raw, s->sw, f,
			      SMM_PT_MAX_FIELDS);
	nr = min_t(unsigned int, nr, SMM_PT_MAX_FIELDS);
	for (i = 0; i < nr; i++)
		f[i].text[sizeof(f[i].text) - 1] = '\0';
	return nr;
}

/* arm keeps a Linux PTE beside the hardware one at its PTE level. */
static bool smm_walk_has_linux_pte(const struct smm_pt_cfg *cfg,
				   const struct smm_pt_step *s)
{
	return s->sw ||
	       (cfg->fmt->id == SHADOW_MM_PT_FORMAT_ARM &&
		s->level + 1 == cfg->levels);
}

/* Bytes one descriptor of @s maps: a leaf's own size, else the level's. */
static u64 smm_walk_step_size(const struct smm_pt_cfg *cfg,
			      const struct smm_pt_step *s)
{
	if ((s->e.kind == SMM_PT_BLOCK || s->e.kind == SMM_PT_PAGE) &&
	    s->e.size)
		return s->e.size;
	return smm_pt_level_size(cfg, s->level);
}

/* Room for the level nest smm_walk_level_put() writes for @s. */
static size_t smm_walk_level_size(const struct smm_pt_cfg *cfg,
				  const struct smm_pt_step *s,
				  struct smm_pt_field *f)
{
	const char *name = cfg->lvl[s->level]->name;
	unsigned int nr = smm_walk_fields(cfg, s, f), i;
	size_t size;

	size = nla_total_size(0) +		/* the nest */
	       5 * SMM_WALK_U32_SIZE +		/* level, index, shift, bits, kind */
	       6 * SMM_WALK_U64_SIZE;		/* table, raw, raw-linux, addr, */
						/* size, desc-addr */
	if (name)
		size += nla_total_size(strlen(name) + 1);
	for (i = 0; i < nr; i++) {
		if (!f[i].name)
			continue;
		size += nla_total_size(0) +
			nla_total_size(strlen(f[i].name) + 1) +
			SMM_WALK_U64_SIZE +
			nla_total_size(strlen(f[i].text) + 1);
	}
	return size;
}

/* Put one level of a walk: a nest of walk-level attributes. */
static int smm_walk_level_put(struct sk_buff *msg,
			      const struct smm_pt_cfg *cfg,
			      const struct smm_pt_step *s,
			      struct smm_pt_field *f)
{
	const struct smm_pt_level *lvl = cfg->lvl[s->level];
	unsigned int nr = smm_walk_fields(cfg, s, f), i;
	struct nlattr *nest, *field;

	nest = nla_nest_start(msg, SHADOW_MM_A_WALK_LEVEL);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, SHADOW_MM_A_WALK_LEVEL_LEVEL, s->level) ||
	    (lvl->name &&
	     nla_put_string(msg, SHADOW_MM_A_WALK_LEVEL_NAME, lvl->name)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_LEVEL_TABLE, s->table,
			      SHADOW_MM_A_WALK_LEVEL_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_LEVEL_INDEX, s->index) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_LEVEL_SHIFT, lvl->shift) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_LEVEL_BITS, lvl->bits) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_LEVEL_RAW, s->raw,
			      SHADOW_MM_A_WALK_LEVEL_PAD) ||
	    (smm_walk_has_linux_pte(cfg, s) &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_LEVEL_RAW_LINUX, s->sw,
			       SHADOW_MM_A_WALK_LEVEL_PAD)) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_LEVEL_KIND, s->e.kind + 1) ||
	    (s->e.kind != SMM_PT_INVALID &&
	     nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_LEVEL_ADDR, s->e.addr,
			       SHADOW_MM_A_WALK_LEVEL_PAD)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_LEVEL_SIZE,
			      smm_walk_step_size(cfg, s),
			      SHADOW_MM_A_WALK_LEVEL_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_LEVEL_DESC_ADDR,
			      s->desc_pa, SHADOW_MM_A_WALK_LEVEL_PAD))
		goto cancel;

	for (i = 0; i < nr; i++) {
		if (!f[i].name)
			continue;
		field = nla_nest_start(msg, SHADOW_MM_A_WALK_LEVEL_FIELD);
		if (!field ||
		    nla_put_string(msg, SHADOW_MM_A_PT_FIELD_NAME, f[i].name) ||
		    nla_put_u64_64bit(msg, SHADOW_MM_A_PT_FIELD_VALUE,
				      f[i].value, SHADOW_MM_A_PT_FIELD_PAD) ||
		    (f[i].text[0] &&
		     nla_put_string(msg, SHADOW_MM_A_PT_FIELD_TEXT, f[i].text)))
			goto cancel;
		nla_nest_end(msg, field);
	}
	nla_nest_end(msg, nest);
	return 0;

cancel:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

/*
 * The first page of the allocated shadow block holding @pfn, copied into
 * @head. Blocks are naturally aligned: the head is @pfn rounded down to
 * the block's order, whatever that order is.
 * Return: true if @pfn is in an allocated block.
 */
static bool smm_walk_block_head(u64 pfn, struct smm_page *head)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned int order;

	for (order = 0; order <= SMM_HOST_MAX_ORDER; order++) {
		u64 head_pfn = pfn & ~((1ULL << order) - 1);
		struct smm_page *page = smm_pfn_to_page(mm, head_pfn);
		struct smm_page p;

		if (!page)
			return false;
		/* Racy on purpose, like nl_page.c's reads. */
		p = data_race(*page);
		if (p.refcount &&
		    !(p.flags & (SMM_PG_BUDDY | SMM_PG_PCP | SMM_PG_TAIL |
				 SMM_PG_RESERVED)) &&
		    pfn - head_pfn < (1ULL << p.order)) {
			*head = p;
			return true;
		}
	}
	return false;
}

/*
 * The shadow page descriptor of @pa, when shadow memory holds it: its
 * own flags and mapcount, its block's refcount and owner.
 */
static int smm_walk_page_put(struct sk_buff *msg, u64 pa)
{
	struct smm_mm *mm = smm_shadow.mm;
	u64 pfn = pa >> PAGE_SHIFT;
	struct smm_page *page = smm_pfn_to_page(mm, pfn);
	struct smm_zone *zone = smm_pfn_zone(mm, pfn);
	struct smm_page p, head;
	bool in_block;

	if (!page || !zone)
		return 0;
	/* Racy on purpose, like nl_page.c's reads. */
	p = data_race(*page);
	in_block = smm_walk_block_head(pfn, &head);
	if (nla_put_u32(msg, SHADOW_MM_A_WALK_PAGE_FLAGS,
			p.flags & SMM_WALK_PAGE_FLAGS) ||
	    (in_block && head.owner &&
	     nla_put_string(msg, SHADOW_MM_A_WALK_PAGE_OWNER,
			    smm_owner_name(mm, head.owner))) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_PAGE_REFCOUNT,
			in_block ? head.refcount : 0) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_PAGE_MAPCOUNT,
			in_block ? p.mapcount : 0) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_PAGE_ZONE, zone->type + 1) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_PAGE_NODE, zone->nid))
		return -EMSGSIZE;
	return 0;
}

/* Room for everything a walk reply may hold: see smm_walk_reply_put(). */
static size_t smm_walk_reply_size(const struct smm_pt_cfg *cfg,
				  const struct smm_walk *w,
				  struct smm_pt_field *f)
{
	size_t size;
	unsigned int i;

	size = 3 * SMM_WALK_U64_SIZE +		/* va, pa, size */
	       5 * SMM_WALK_U32_SIZE +		/* format, levels, prot, */
						/* fault, fault-level */
	       5 * SMM_WALK_U32_SIZE +		/* page-flags to page-node */
	       nla_total_size(SMM_OWNER_NAME_LEN) +
	       5 * SMM_WALK_U64_SIZE +		/* vma-start, -end, -flags, */
						/* hw-pa, hw-par */
	       nla_total_size(SMM_VMA_NAME_LEN);
	for (i = 0; i < w->nr_steps; i++)
		size += smm_walk_level_size(cfg, &w->step[i], f);
	return size;
}

/* Put a walk, with @f as room for the fields: see smm_nl_walk_put(). */
static int smm_walk_put(struct sk_buff *msg, const struct smm_pt_cfg *cfg,
			const struct smm_walk *w, struct smm_pt_field *f)
{
	unsigned int i;
	int ret;

	if (nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_VA, w->va,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_FORMAT, cfg->fmt->id) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_LEVELS, cfg->levels))
		return -EMSGSIZE;
	for (i = 0; i < w->nr_steps; i++) {
		ret = smm_walk_level_put(msg, cfg, &w->step[i], f);
		if (ret)
			return ret;
	}
	if (!w->mapped) {
		if (nla_put_u32(msg, SHADOW_MM_A_WALK_FAULT,
				SHADOW_MM_FAULT_TRANSLATION) ||
		    nla_put_u32(msg, SHADOW_MM_A_WALK_FAULT_LEVEL,
				w->fault_level))
			return -EMSGSIZE;
		return 0;
	}
	if (nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_PA, w->pa,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_SIZE, w->size,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_WALK_PROT,
			smm_pt_perm_to_prot(w->perm)))
		return -EMSGSIZE;
	return smm_walk_page_put(msg, w->pa);
}

/**
 * smm_nl_walk_put() - put the attributes of a walk
 * @msg: the message
 * @cfg: the format and depth walked
 * @w: the walk
 *
 * Puts va, format, levels and a nested level per descriptor read (its
 * table, index, the VA bits that made it, the raw descriptor, arm's
 * Linux PTE, kind, output address, size and decoded fields); then pa,
 * size and prot when a leaf maps the address, with the shadow page
 * descriptor when shadow memory holds it; else fault (translation) and
 * fault-level. A full walk takes several KiB: size @msg generously.
 * Sleeps (allocates).
 *
 * Return: 0; -EMSGSIZE when @msg is full; -ENOMEM.
 */
int smm_nl_walk_put(struct sk_buff *msg, const struct smm_pt_cfg *cfg,
		    const struct smm_walk *w)
{
	struct smm_pt_field *f;
	int ret;

	f = kmalloc_array(SMM_PT_MAX_FIELDS, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	ret = smm_walk_put(msg, cfg, w, f);
	kfree(f);
	return ret;
}

/* What a live walk adds: the VMA and the CPU's own translation. */
static int smm_walk_live_put(struct sk_buff *msg,
			     const struct smm_live_info *li)
{
	if (li->has_vma &&
	    (nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_VMA_START, li->vma_start,
			       SHADOW_MM_A_WALK_PAD) ||
	     nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_VMA_END, li->vma_end,
			       SHADOW_MM_A_WALK_PAD) ||
	     nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_VMA_FLAGS, li->vma_flags,
			       SHADOW_MM_A_WALK_PAD) ||
	     nla_put_string(msg, SHADOW_MM_A_WALK_VMA_NAME, li->vma_name)))
		return -EMSGSIZE;
	if (li->has_hw &&
	    ((!li->hw_fault &&
	      nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_HW_PA, li->hw_pa,
				SHADOW_MM_A_WALK_PAD)) ||
	     nla_put_u64_64bit(msg, SHADOW_MM_A_WALK_HW_PAR, li->hw_par,
			       SHADOW_MM_A_WALK_PAD)))
		return -EMSGSIZE;
	return 0;
}

/*
 * Walk @va through shadow address space as; the space is only held
 * during the walk, whose result is a copy.
 * Return: 0, or a negative errno with the extack set.
 */
static int smm_walk_shadow(struct nlattr **tb, u64 va,
			   struct smm_walk_result *r,
			   struct netlink_ext_ack *extack)
{
	const char *why = NULL;
	struct smm_as *as;
	int ret;

	mutex_lock(&smm_as_mutex);
	as = smm_as_lookup(nla_get_u32(tb[SHADOW_MM_A_WALK_AS]));
	if (!as) {
		mutex_unlock(&smm_as_mutex);
		NL_SET_ERR_MSG_ATTR(extack, tb[SHADOW_MM_A_WALK_AS],
				    "no address space has that id");
		return -ENOENT;
	}
	r->cfg = as->cfg;
	ret = smm_as_walk(as, va, &r->w, &why);
	mutex_unlock(&smm_as_mutex);
	if (ret)
		smm_nl_set_why(extack, tb[SHADOW_MM_A_WALK_VA],
			       why ?: "the walk failed");
	return ret;
}

/* Send the reply to a walk that succeeded. */
static int smm_walk_reply(struct genl_info *info, struct smm_walk_result *r)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = smm_nl_reply_new(info, smm_walk_reply_size(&r->cfg, &r->w, r->f),
			       &hdr);
	if (!msg)
		return -ENOMEM;
	ret = smm_walk_put(msg, &r->cfg, &r->w, r->f);
	if (!ret)
		ret = smm_walk_live_put(msg, &r->li);
	/* The reply was sized for every attribute it can hold. */
	if (WARN_ON_ONCE(ret)) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * smm_nl_walk_doit() - WALK: one virtual address, level by level
 * @skb: the request
 * @info: the request, parsed
 *
 * The address is walked through shadow address space as, through the
 * tables of process pid, or through the kernel's (see live_pt.c). A
 * walk that ends on an invalid descriptor is an answer, not an error:
 * the reply says where the MMU would fault.
 *
 * Return: 0 after the reply; -EINVAL for a bad request; -EPERM for a
 * live walk without CAP_SYS_ADMIN; -ENOENT for an unknown address space;
 * -ERANGE for an address outside the tables' range; -ESRCH for a process
 * that has exited; -EIO when a table is not in RAM; -ENOMEM.
 */
int smm_nl_walk_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_walk_result *r;
	int source, ret;
	u64 va;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	source = smm_walk_source(tb, info->extack);
	if (source < 0)
		return source;
	if (tb[SHADOW_MM_A_WALK_LEN]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_WALK_LEN],
				    "walk takes len only in a dump");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_WALK_VA)) {
		NL_SET_ERR_MSG(info->extack, "walk needs attribute va");
		return -EINVAL;
	}
	if (source != SMM_WALK_SHADOW && !netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack,
			       "walks of live tables need CAP_SYS_ADMIN");
		return -EPERM;
	}
	va = nla_get_u64(tb[SHADOW_MM_A_WALK_VA]);

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	if (source == SMM_WALK_SHADOW) {
		ret = smm_walk_shadow(tb, va, r, info->extack);
	} else {
		u32 pid = tb[SHADOW_MM_A_WALK_PID] ?
			  nla_get_u32(tb[SHADOW_MM_A_WALK_PID]) : 0;

		ret = smm_live_walk(source == SMM_WALK_KERNEL, pid, va, &r->cfg,
				    &r->w, &r->li, info->extack);
		if (ret)
			smm_walk_live_bad_attr(tb, ret, info->extack);
	}
	if (!ret)
		ret = smm_walk_reply(info, r);
	kfree(r);
	return ret;
}

/**
 * struct smm_walk_dump_state - where a walk dump stands, in cb->ctx
 * @next: the first address not dumped yet
 * @end: one past the last address to dump; 0 for the end of the half of
 *	the address space the dump started in
 * @started: the request was checked and @next and @end set
 * @done: the range is dumped
 */
struct smm_walk_dump_state {
	u64 next;
	u64 end;
	bool started;
	bool done;
};

static_assert(sizeof(struct smm_walk_dump_state) <=
	      sizeof_field(struct netlink_callback, ctx));

/**
 * struct smm_walk_emitter - what smm_walk_emit() puts runs into
 * @skb: the dump's buffer
 * @cb: the dump's state
 * @cfg: the format walked, set before the first run
 * @filled: a run was put into @skb
 */
struct smm_walk_emitter {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	const struct smm_pt_cfg *cfg;
	bool filled;
};

/* What smm_walk_emit() returns when @skb is full: the dump stops. */
#define SMM_WALK_DUMP_FULL	1

/* Put one run as one message; called under the walk's locks. */
static int smm_walk_emit(void *arg, const struct smm_pt_run *run)
{
	struct smm_walk_emitter *em = arg;
	struct sk_buff *skb = em->skb;
	void *hdr;

	hdr = smm_nl_dump_put(skb, em->cb, SHADOW_MM_CMD_WALK);
	if (!hdr)
		return SMM_WALK_DUMP_FULL;
	if (nla_put_u64_64bit(skb, SHADOW_MM_A_WALK_VA, run->va,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u64_64bit(skb, SHADOW_MM_A_WALK_VA_END, run->va_end,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u64_64bit(skb, SHADOW_MM_A_WALK_PA, run->pa,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u64_64bit(skb, SHADOW_MM_A_WALK_SIZE, run->size,
			      SHADOW_MM_A_WALK_PAD) ||
	    nla_put_u32(skb, SHADOW_MM_A_WALK_PROT,
			smm_pt_perm_to_prot(run->perm)) ||
	    nla_put_string(skb, SHADOW_MM_A_WALK_ATTRS, run->attrs) ||
	    nla_put_u32(skb, SHADOW_MM_A_WALK_PAGES,
			min_t(u64, run->nr, U32_MAX)) ||
	    nla_put_u32(skb, SHADOW_MM_A_WALK_LEVELS, em->cfg->levels)) {
		genlmsg_cancel(skb, hdr);
		return SMM_WALK_DUMP_FULL;
	}
	genlmsg_end(skb, hdr);
	em->filled = true;
	return 0;
}

/*
 * Check a dump request and set where it starts and ends.
 * Return: 0, or a negative errno with the extack set.
 */
static int smm_walk_dump_begin(struct netlink_callback *cb, struct nlattr **tb,
			       int source, struct smm_walk_dump_state *st)
{
	u64 start = 0, end = 0, len;

	if (source != SMM_WALK_SHADOW &&
	    !netlink_capable(cb->skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(cb->extack,
			       "walks of live tables need CAP_SYS_ADMIN");
		return -EPERM;
	}
	if (tb[SHADOW_MM_A_WALK_VA]) {
		start = nla_get_u64(tb[SHADOW_MM_A_WALK_VA]);
	} else if (source == SMM_WALK_KERNEL) {
		NL_SET_ERR_ATTR_MISS(cb->extack, NULL, SHADOW_MM_A_WALK_VA);
		NL_SET_ERR_MSG(cb->extack,
			       "a dump of the kernel's tables needs attribute va");
		return -EINVAL;
	}
	if (tb[SHADOW_MM_A_WALK_LEN]) {
		len = nla_get_u64(tb[SHADOW_MM_A_WALK_LEN]);
		end = start + len;
		/* Exactly 2^64 is the top of the address space: 0. */
		if (end && end < start) {
			NL_SET_ERR_MSG_ATTR(cb->extack,
					    tb[SHADOW_MM_A_WALK_LEN],
					    "va + len wraps around the address space");
			return -ERANGE;
		}
	}
	st->next = start;
	st->end = end;
	st->started = true;
	return 0;
}

/*
 * Dump from st->next on through shadow address space as.
 * Return: as smm_pt_dump(), with the extack set on an error.
 */
static int smm_walk_dump_shadow(struct nlattr **tb,
				const struct smm_walk_dump_state *st,
				struct smm_walk_emitter *em, u64 *next,
				struct netlink_ext_ack *extack)
{
	struct smm_as *as;
	int ret;

	mutex_lock(&smm_as_mutex);
	as = smm_as_lookup(nla_get_u32(tb[SHADOW_MM_A_WALK_AS]));
	if (!as) {
		mutex_unlock(&smm_as_mutex);
		NL_SET_ERR_MSG_ATTR(extack, tb[SHADOW_MM_A_WALK_AS],
				    "no address space has that id");
		return -ENOENT;
	}
	em->cfg = &as->cfg;
	ret = smm_pt_dump(&as->cfg, &as->ops->mem, as->root, st->next,
			  st->end, smm_walk_emit, em, next);
	mutex_unlock(&smm_as_mutex);
	if (ret == -ERANGE)
		NL_SET_ERR_MSG_ATTR(extack, tb[SHADOW_MM_A_WALK_VA],
				    "va is outside the address space");
	else if (ret == -EIO)
		NL_SET_ERR_MSG(extack, "a page table of the dump is not readable");
	return ret;
}

/**
 * smm_nl_walk_dumpit() - WALK dump: a range of addresses as runs
 * @skb: the buffer to fill
 * @cb: the dump's state (struct smm_walk_dump_state in cb->ctx)
 *
 * One message per run of leaves with equal level, permissions and
 * attributes (struct smm_pt_run), in address order, from va (default 0;
 * a kernel dump needs one) for len bytes (default: to the end of the
 * half of the address space va is in; a process dump stops at the top
 * of user space and covers its VMAs only). Resumes where the last
 * buffer filled up; a run is never split between buffers.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_walk_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct smm_walk_dump_state *st = (void *)cb->ctx;
	struct nlattr **tb = smm_dump_attrs(cb);
	struct smm_walk_emitter em = { .skb = skb, .cb = cb };
	struct smm_pt_cfg cfg;
	int source, ret;
	u64 next;

	if (st->done)
		return 0;
	source = smm_walk_source(tb, cb->extack);
	if (source < 0)
		return source;
	if (!st->started) {
		ret = smm_walk_dump_begin(cb, tb, source, st);
		if (ret)
			return ret;
	}

	if (source == SMM_WALK_SHADOW) {
		ret = smm_walk_dump_shadow(tb, st, &em, &next, cb->extack);
	} else {
		u32 pid = tb[SHADOW_MM_A_WALK_PID] ?
			  nla_get_u32(tb[SHADOW_MM_A_WALK_PID]) : 0;

		/* smm_live_dump() sets cfg before the first run. */
		em.cfg = &cfg;
		ret = smm_live_dump(source == SMM_WALK_KERNEL, pid, st->next,
				    st->end, &cfg, smm_walk_emit, &em, &next,
				    cb->extack);
		if (ret < 0)
			smm_walk_live_bad_attr(tb, ret, cb->extack);
	}
	if (ret < 0)
		return ret;
	if (!ret) {
		st->done = true;
		return skb->len;
	}
	st->next = next;
	/* One run always fits an empty buffer. */
	if (WARN_ON_ONCE(!em.filled))
		return -EMSGSIZE;
	return skb->len;
}
