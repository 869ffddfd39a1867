// SPDX-License-Identifier: GPL-2.0
/*
 * node-get and zone-get: the shadow nodes and zones as pg_data_t and
 * struct zone would show them (/proc/zoneinfo, buddyinfo, pagetypeinfo).
 * Open to everyone; they only read.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "shadow_mm.h"

static int smm_nl_put_u64(struct sk_buff *msg, int type, u64 value, int pad)
{
	return nla_put_u64_64bit(msg, type, value, pad);
}

static int smm_nl_node_put(struct sk_buff *msg, struct smm_node *node)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned long free_pages = 0;
	unsigned int nid;
	int type;

	for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
		free_pages += READ_ONCE(node->zones[type].free_pages);

	if (nla_put_u32(msg, SHADOW_MM_A_NODE_ID, node->nid) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_NODE_START_PFN,
			   node->node_start_pfn, SHADOW_MM_A_NODE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_NODE_SPANNED_PAGES,
			   node->node_spanned_pages, SHADOW_MM_A_NODE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_NODE_PRESENT_PAGES,
			   node->node_present_pages, SHADOW_MM_A_NODE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_NODE_FREE_PAGES, free_pages,
			   SHADOW_MM_A_NODE_PAD))
		return -EMSGSIZE;
	for (nid = 0; nid < mm->nr_nodes; nid++)
		if (nla_put_u32(msg, SHADOW_MM_A_NODE_DISTANCE,
				mm->p.node_distance[node->nid][nid]))
			return -EMSGSIZE;
	for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
		if (node->zones[type].exists &&
		    nla_put_u32(msg, SHADOW_MM_A_NODE_ZONE_TYPE, type + 1))
			return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_node_get_doit() - NODE_GET: one node
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply; -EINVAL for a missing or unknown node id.
 */
int smm_nl_node_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct sk_buff *msg;
	unsigned int nid;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_NODE_ID)) {
		NL_SET_ERR_MSG(info->extack, "node-get needs attribute id");
		return -EINVAL;
	}
	nid = nla_get_u32(info->attrs[SHADOW_MM_A_NODE_ID]);
	if (nid >= mm->nr_nodes) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[SHADOW_MM_A_NODE_ID],
				    "no such node: id is at or above the number of nodes");
		return -EINVAL;
	}

	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	ret = smm_nl_node_put(msg, &mm->nodes[nid]);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

/**
 * smm_nl_node_get_dumpit() - NODE_GET dump: every node, in id order
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next node id
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_node_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **tb = smm_dump_attrs(cb);
	struct smm_mm *mm = smm_shadow.mm;
	unsigned int nid;

	if (tb[SHADOW_MM_A_NODE_ID]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[SHADOW_MM_A_NODE_ID],
				    "node-get dump takes no id: it dumps every node");
		return -EINVAL;
	}

	for (nid = cb->args[0]; nid < mm->nr_nodes; nid++) {
		void *hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_NODE_GET);

		if (!hdr)
			break;
		if (smm_nl_node_put(skb, &mm->nodes[nid])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	if (nid == cb->args[0] && nid < mm->nr_nodes)
		return -EMSGSIZE;
	cb->args[0] = nid;
	return skb->len;
}

/* Room a zone's reply needs: its free areas and per-CPU lists vary. */
static size_t smm_nl_zone_size(void)
{
	size_t free_area = nla_total_size(0) + nla_total_size(sizeof(u32)) +
			   6 * nla_total_size_64bit(sizeof(u64));
	size_t pcp = nla_total_size(0) + 4 * nla_total_size(sizeof(u32));

	return NLMSG_DEFAULT_SIZE + (SMM_HOST_MAX_ORDER + 1) * free_area +
	       smm_shadow.nr_cpus * pcp;
}

static int smm_nl_free_area_put(struct sk_buff *msg,
				const struct smm_zone_info *info,
				unsigned int order)
{
	static const int mt_attr[SMM_MIGRATE_TYPES] = {
		[SMM_MIGRATE_UNMOVABLE] = SHADOW_MM_A_FREE_AREA_UNMOVABLE,
		[SMM_MIGRATE_MOVABLE] = SHADOW_MM_A_FREE_AREA_MOVABLE,
		[SMM_MIGRATE_RECLAIMABLE] = SHADOW_MM_A_FREE_AREA_RECLAIMABLE,
		[SMM_MIGRATE_HIGHATOMIC] = SHADOW_MM_A_FREE_AREA_HIGHATOMIC,
		[SMM_MIGRATE_ISOLATE] = SHADOW_MM_A_FREE_AREA_ISOLATE,
	};
	struct nlattr *nest;
	int mt;

	nest = nla_nest_start(msg, SHADOW_MM_A_ZONE_FREE_AREA);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, SHADOW_MM_A_FREE_AREA_ORDER, order) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_FREE_AREA_NR_FREE,
			   info->nr_free[order], SHADOW_MM_A_FREE_AREA_PAD))
		goto err_cancel;
	for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
		if (smm_nl_put_u64(msg, mt_attr[mt], info->nr_free_mt[order][mt],
				   SHADOW_MM_A_FREE_AREA_PAD))
			goto err_cancel;
	nla_nest_end(msg, nest);
	return 0;

err_cancel:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

static int smm_nl_pageblocks_put(struct sk_buff *msg,
				 const struct smm_zone_info *info)
{
	static const int mt_attr[SMM_MIGRATE_TYPES] = {
		[SMM_MIGRATE_UNMOVABLE] = SHADOW_MM_A_PAGEBLOCKS_UNMOVABLE,
		[SMM_MIGRATE_MOVABLE] = SHADOW_MM_A_PAGEBLOCKS_MOVABLE,
		[SMM_MIGRATE_RECLAIMABLE] = SHADOW_MM_A_PAGEBLOCKS_RECLAIMABLE,
		[SMM_MIGRATE_HIGHATOMIC] = SHADOW_MM_A_PAGEBLOCKS_HIGHATOMIC,
		[SMM_MIGRATE_ISOLATE] = SHADOW_MM_A_PAGEBLOCKS_ISOLATE,
	};
	struct nlattr *nest;
	int mt;

	nest = nla_nest_start(msg, SHADOW_MM_A_ZONE_PAGEBLOCKS);
	if (!nest)
		return -EMSGSIZE;
	for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
		if (smm_nl_put_u64(msg, mt_attr[mt], info->nr_pageblocks[mt],
				   SHADOW_MM_A_PAGEBLOCKS_PAD)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
	nla_nest_end(msg, nest);
	return 0;
}

static int smm_nl_pcp_put(struct sk_buff *msg, struct smm_zone *zone)
{
	unsigned int cpu;

	for (cpu = 0; cpu < smm_shadow.nr_cpus; cpu++) {
		struct smm_pcp_info pcp;
		struct nlattr *nest;

		if (smm_pcp_snapshot(zone, cpu, &pcp))
			continue;
		nest = nla_nest_start(msg, SHADOW_MM_A_ZONE_PCP);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(msg, SHADOW_MM_A_PCP_CPU, cpu) ||
		    nla_put_u32(msg, SHADOW_MM_A_PCP_COUNT, pcp.count) ||
		    nla_put_u32(msg, SHADOW_MM_A_PCP_HIGH, pcp.high) ||
		    nla_put_u32(msg, SHADOW_MM_A_PCP_BATCH, pcp.batch)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, nest);
	}
	return 0;
}

/**
 * smm_nl_zone_put() - the attributes of a zone
 * @msg: the message to fill
 * @zone: the zone
 * @info: room for a snapshot of the zone
 *
 * The counters come from one snapshot taken under the zone's locks; the
 * per-CPU lists are read one CPU at a time after it.
 *
 * Return: 0, or -EMSGSIZE when @msg is full.
 */
static int smm_nl_zone_put(struct sk_buff *msg, struct smm_zone *zone,
			   struct smm_zone_info *info)
{
	const struct smm_zone_stats *st = &info->stats;
	u64 steals = 0;
	unsigned int order;
	int type, mt;

	smm_zone_snapshot(zone, info);
	for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
		steals += st->steals[mt];

	if (nla_put_u32(msg, SHADOW_MM_A_ZONE_NODE, zone->nid) ||
	    nla_put_u32(msg, SHADOW_MM_A_ZONE_TYPE, zone->type + 1) ||
	    nla_put_string(msg, SHADOW_MM_A_ZONE_NAME,
			   smm_zone_names[zone->type]) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_START_PFN,
			   zone->zone_start_pfn, SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_SPANNED_PAGES,
			   zone->spanned_pages, SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_PRESENT_PAGES,
			   zone->present_pages, SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_MANAGED_PAGES,
			   zone->managed_pages, SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_FREE_PAGES,
			   info->free_pages, SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_WMARK_MIN,
			   zone->watermark[SMM_WMARK_MIN],
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_WMARK_LOW,
			   zone->watermark[SMM_WMARK_LOW],
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_WMARK_HIGH,
			   zone->watermark[SMM_WMARK_HIGH],
			   SHADOW_MM_A_ZONE_PAD))
		return -EMSGSIZE;

	for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
		if (smm_arch_has_zone_type(type) &&
		    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_LOWMEM_RESERVE,
				   zone->lowmem_reserve[type],
				   SHADOW_MM_A_ZONE_PAD))
			return -EMSGSIZE;
	for (order = 0; order <= SMM_HOST_MAX_ORDER; order++)
		if (smm_nl_free_area_put(msg, info, order))
			return -EMSGSIZE;
	if (smm_nl_pageblocks_put(msg, info) || smm_nl_pcp_put(msg, zone))
		return -EMSGSIZE;

	if (smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_ALLOC_COUNT,
			   st->allocs + info->pcp_stats.allocs,
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_FREE_COUNT,
			   st->frees + info->pcp_stats.frees,
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_SPLIT_COUNT, st->splits,
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_MERGE_COUNT, st->merges,
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_STEAL_COUNT, steals,
			   SHADOW_MM_A_ZONE_PAD) ||
	    smm_nl_put_u64(msg, SHADOW_MM_A_ZONE_FAIL_COUNT, st->alloc_fail,
			   SHADOW_MM_A_ZONE_PAD))
		return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_zone_get_doit() - ZONE_GET: one zone of one node
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply; -EINVAL for a missing or unknown node or
 * zone type (a type the architecture lacks included).
 */
int smm_nl_zone_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct nlattr **tb = info->attrs;
	struct smm_zone_info *zi;
	struct sk_buff *msg;
	unsigned int nid;
	void *hdr;
	int type, ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_ZONE_NODE)) {
		NL_SET_ERR_MSG(info->extack, "zone-get needs attribute node");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_ZONE_TYPE)) {
		NL_SET_ERR_MSG(info->extack, "zone-get needs attribute type");
		return -EINVAL;
	}
	nid = nla_get_u32(tb[SHADOW_MM_A_ZONE_NODE]);
	if (nid >= mm->nr_nodes) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_ZONE_NODE],
				    "no such node: node is at or above the number of nodes");
		return -EINVAL;
	}
	type = nla_get_u32(tb[SHADOW_MM_A_ZONE_TYPE]) - 1;
	if (!smm_arch_has_zone_type(type)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_ZONE_TYPE],
				    "this architecture has no zone of that type");
		return -EINVAL;
	}

	zi = kmalloc(sizeof(*zi), GFP_KERNEL);
	if (!zi)
		return -ENOMEM;
	msg = smm_nl_reply_new(info, smm_nl_zone_size(), &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto out_zi;
	}
	ret = smm_nl_zone_put(msg, &mm->nodes[nid].zones[type], zi);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	kfree(zi);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
out_zi:
	kfree(zi);
	return ret;
}

/**
 * smm_nl_zone_get_dumpit() - ZONE_GET dump: every zone the architecture
 * has, empty ones included, node by node, lowest type first
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next node, args[1] the next type
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_zone_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **tb = smm_dump_attrs(cb);
	struct smm_mm *mm = smm_shadow.mm;
	unsigned int nid = cb->args[0];
	int type = cb->args[1];
	struct smm_zone_info *zi;
	bool filled = false;
	int ret = 0;

	if (tb[SHADOW_MM_A_ZONE_NODE] || tb[SHADOW_MM_A_ZONE_TYPE]) {
		NL_SET_ERR_MSG_ATTR(cb->extack,
				    tb[SHADOW_MM_A_ZONE_NODE] ?:
				    tb[SHADOW_MM_A_ZONE_TYPE],
				    "zone-get dump takes no attributes: it dumps every zone");
		return -EINVAL;
	}

	zi = kmalloc(sizeof(*zi), GFP_KERNEL);
	if (!zi)
		return -ENOMEM;
	for (; nid < mm->nr_nodes; nid++, type = 0) {
		for (; type < SMM_NR_ZONE_TYPES; type++) {
			struct smm_zone *zone = &mm->nodes[nid].zones[type];
			void *hdr;

			if (!zone->exists)
				continue;
			hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_ZONE_GET);
			if (!hdr)
				goto out_full;
			if (smm_nl_zone_put(skb, zone, zi)) {
				genlmsg_cancel(skb, hdr);
				goto out_full;
			}
			genlmsg_end(skb, hdr);
			filled = true;
		}
	}
	goto out;

out_full:
	/* A zone that does not fit an empty buffer never will. */
	if (!filled)
		ret = -EMSGSIZE;
out:
	kfree(zi);
	cb->args[0] = nid;
	cb->args[1] = type;
	return ret ?: skb->len;
}
