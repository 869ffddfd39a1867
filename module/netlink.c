// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow_mm generic netlink family: every op validated strictly
 * against its own policy (resv_start_op is 0), mutating ops admin-only.
 * Documentation/netlink/specs/shadow_mm.yaml describes the same. The
 * status and config ops are handled here; the memory manager's in
 * nl_node.c, nl_page.c and nl_check.c; shadow address spaces in nl_as.c,
 * walks in nl_walk.c, the benchmarks in bench.c and bench_pt.c, DMA in
 * nl_dma.c, dma-bufs in nl_dmabuf.c.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/module.h>
#include <linux/utsname.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "pt_glue.h"
#include "shadow_mm.h"

/* STATUS_GET takes no attributes: every one is refused. */
static const struct nla_policy smm_status_get_policy[SHADOW_MM_A_STATUS_MAX + 1] = {
};

static const struct nla_policy smm_config_set_policy[SHADOW_MM_A_STATUS_DEBUG + 1] = {
	[SHADOW_MM_A_STATUS_DEBUG] = NLA_POLICY_MAX(NLA_U32, SHADOW_MM_DEBUG_MAX),
};

static const struct nla_policy smm_node_get_policy[SHADOW_MM_A_NODE_ID + 1] = {
	[SHADOW_MM_A_NODE_ID] = NLA_POLICY_MAX(NLA_U32, SHADOW_MM_MAX_NODES - 1),
};

static const struct nla_policy smm_zone_get_policy[SHADOW_MM_A_ZONE_TYPE + 1] = {
	[SHADOW_MM_A_ZONE_NODE] = NLA_POLICY_MAX(NLA_U32, SHADOW_MM_MAX_NODES - 1),
	[SHADOW_MM_A_ZONE_TYPE] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_ZONE_TYPE_DMA,
						   SHADOW_MM_ZONE_TYPE_MOVABLE),
};

/*
 * The do request takes pfn, the dump request node, zone and packed; the
 * attributes between zone and packed are only sent: strict validation
 * refuses them in a request.
 */
static const struct nla_policy smm_page_get_policy[SHADOW_MM_A_PAGE_PACKED + 1] = {
	[SHADOW_MM_A_PAGE_PFN] = { .type = NLA_U64 },
	[SHADOW_MM_A_PAGE_NODE] = NLA_POLICY_MAX(NLA_U32, SHADOW_MM_MAX_NODES - 1),
	[SHADOW_MM_A_PAGE_ZONE] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_ZONE_TYPE_DMA,
						   SHADOW_MM_ZONE_TYPE_MOVABLE),
	[SHADOW_MM_A_PAGE_PACKED] = { .type = NLA_FLAG },
};

/* Not const: NLA_POLICY_FULL_RANGE() wants a plain pointer in 6.1. */
static struct netlink_range_validation smm_pages_count_range __ro_after_init = {
	.min = 1,
	.max = 65536,
};

static const struct nla_policy smm_page_alloc_policy[SHADOW_MM_A_PAGES_OWNER + 1] = {
	[SHADOW_MM_A_PAGES_ORDER] = NLA_POLICY_MAX(NLA_U32, SMM_HOST_MAX_ORDER),
	[SHADOW_MM_A_PAGES_ZONE] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_ZONE_TYPE_DMA,
						    SHADOW_MM_ZONE_TYPE_MOVABLE),
	[SHADOW_MM_A_PAGES_NODE] = NLA_POLICY_MAX(NLA_U32, SHADOW_MM_MAX_NODES - 1),
	/* What an allocation may ask for: not highatomic, not isolate. */
	[SHADOW_MM_A_PAGES_MIGRATETYPE] =
		NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_MIGRATETYPE_UNMOVABLE,
				 SHADOW_MM_MIGRATETYPE_RECLAIMABLE),
	[SHADOW_MM_A_PAGES_COUNT] = NLA_POLICY_FULL_RANGE(NLA_U32,
							  &smm_pages_count_range),
	[SHADOW_MM_A_PAGES_ZERO] = { .type = NLA_FLAG },
	[SHADOW_MM_A_PAGES_OWNER] = { .type = NLA_STRING,
				      .len = SMM_OWNER_NAME_LEN - 1 },
};

static const struct nla_policy smm_page_free_policy[SHADOW_MM_A_PAGES_PFN + 1] = {
	[SHADOW_MM_A_PAGES_PFN] = { .type = NLA_U64 },
};

/* Not const, as above. */
static struct netlink_range_validation smm_bench_count_range __ro_after_init = {
	.min = 1,
	.max = 1048576,
};

static const struct nla_policy smm_bench_alloc_policy[SHADOW_MM_A_BENCH_ZERO + 1] = {
	[SHADOW_MM_A_BENCH_ORDER] = NLA_POLICY_MAX(NLA_U32, SMM_HOST_MAX_ORDER),
	[SHADOW_MM_A_BENCH_COUNT] = NLA_POLICY_FULL_RANGE(NLA_U32,
							  &smm_bench_count_range),
	[SHADOW_MM_A_BENCH_ZERO] = { .type = NLA_FLAG },
};

static const struct nla_policy smm_as_new_policy[SHADOW_MM_A_AS_MAIR + 1] = {
	[SHADOW_MM_A_AS_FORMAT] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_PT_FORMAT_ARM,
						   SHADOW_MM_PT_FORMAT_X86_64),
	[SHADOW_MM_A_AS_LEVELS] = NLA_POLICY_RANGE(NLA_U32, 1, SHADOW_MM_MAX_PT_LEVELS),
	[SHADOW_MM_A_AS_MAIR] = { .type = NLA_U64 },
};

/* as-del and as-get name a space by id; an as-get dump refuses it. */
static const struct nla_policy smm_as_id_policy[SHADOW_MM_A_AS_ID + 1] = {
	[SHADOW_MM_A_AS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

#define SMM_NL_PROT_ALL	(SHADOW_MM_PROT_READ | SHADOW_MM_PROT_WRITE | \
			 SHADOW_MM_PROT_EXEC | SHADOW_MM_PROT_USER)

/*
 * as-map, as-unmap and as-protect share the map attribute set; each takes
 * its own part of it. The reply's tables, blocks and pages are refused.
 */
static const struct nla_policy smm_as_map_policy[SHADOW_MM_A_MAP_SMALL + 1] = {
	[SHADOW_MM_A_MAP_AS] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_MAP_VA] = { .type = NLA_U64 },
	[SHADOW_MM_A_MAP_LEN] = { .type = NLA_U64 },
	[SHADOW_MM_A_MAP_PROT] = NLA_POLICY_MASK(NLA_U32, SMM_NL_PROT_ALL),
	[SHADOW_MM_A_MAP_PFN] = { .type = NLA_U64 },
	[SHADOW_MM_A_MAP_DEMAND] = { .type = NLA_FLAG },
	[SHADOW_MM_A_MAP_SMALL] = { .type = NLA_FLAG },
};

static const struct nla_policy smm_as_unmap_policy[SHADOW_MM_A_MAP_LEN + 1] = {
	[SHADOW_MM_A_MAP_AS] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_MAP_VA] = { .type = NLA_U64 },
	[SHADOW_MM_A_MAP_LEN] = { .type = NLA_U64 },
};

static const struct nla_policy smm_as_protect_policy[SHADOW_MM_A_MAP_PROT + 1] = {
	[SHADOW_MM_A_MAP_AS] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_MAP_VA] = { .type = NLA_U64 },
	[SHADOW_MM_A_MAP_LEN] = { .type = NLA_U64 },
	[SHADOW_MM_A_MAP_PROT] = NLA_POLICY_MASK(NLA_U32, SMM_NL_PROT_ALL),
};

/* as-touch takes four attributes of the walk set; the rest are replies. */
static const struct nla_policy smm_as_touch_policy[SHADOW_MM_A_WALK_USER + 1] = {
	[SHADOW_MM_A_WALK_AS] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_WALK_VA] = { .type = NLA_U64 },
	[SHADOW_MM_A_WALK_ACCESS] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_ACCESS_READ,
						     SHADOW_MM_ACCESS_EXEC),
	[SHADOW_MM_A_WALK_USER] = { .type = NLA_FLAG },
};

/* Pages per round: the range page-alloc's count has. */
static const struct nla_policy smm_bench_pt_policy[SHADOW_MM_A_BENCH_PT_COUNT + 1] = {
	[SHADOW_MM_A_BENCH_PT_COUNT] = NLA_POLICY_FULL_RANGE(NLA_U32,
							     &smm_pages_count_range),
};

/* CHECK and OWNER_GET take no attributes. */
static const struct nla_policy smm_check_policy[SHADOW_MM_A_CHECK_MAX + 1] = {
};

static const struct nla_policy smm_owner_get_policy[SHADOW_MM_A_OWNER_MAX + 1] = {
};

/* DMA-DEV-GET, DMA-ERROR-GET (do and dump) take no attributes. */
static const struct nla_policy smm_dma_dev_get_policy[SHADOW_MM_A_DMA_DEV_MAX + 1] = {
};

static const struct nla_policy smm_dma_error_get_policy[SHADOW_MM_A_DMA_ERROR_MAX + 1] = {
};

static const struct nla_policy smm_dma_dev_set_policy[SHADOW_MM_A_DMA_DEV_MASK_BITS + 1] = {
	[SHADOW_MM_A_DMA_DEV_MASK_BITS] = NLA_POLICY_RANGE(NLA_U32, 24, 64),
};

#define SMM_NL_DMA_DIR	NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_DMA_DIR_BIDIRECTIONAL, \
					 SHADOW_MM_DMA_DIR_FROM_DEVICE)
#define SMM_NL_DMA_ZONE	NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_ZONE_TYPE_DMA, \
					 SHADOW_MM_ZONE_TYPE_MOVABLE)
#define SMM_NL_DMA_NODE	NLA_POLICY_MAX(NLA_U32, SHADOW_MM_MAX_NODES - 1)

static const struct nla_policy smm_dma_alloc_policy[SHADOW_MM_A_DMA_NODE + 1] = {
	[SHADOW_MM_A_DMA_SIZE] = { .type = NLA_U64 },
	[SHADOW_MM_A_DMA_ZONE] = SMM_NL_DMA_ZONE,
	[SHADOW_MM_A_DMA_NODE] = SMM_NL_DMA_NODE,
};

/* dma-map makes streaming buffers: single or sg, not coherent. */
static const struct nla_policy smm_dma_map_policy[SHADOW_MM_A_DMA_UNCHECKED + 1] = {
	[SHADOW_MM_A_DMA_KIND] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_DMA_KIND_SINGLE,
						  SHADOW_MM_DMA_KIND_SG),
	[SHADOW_MM_A_DMA_DIR] = SMM_NL_DMA_DIR,
	[SHADOW_MM_A_DMA_SIZE] = { .type = NLA_U64 },
	[SHADOW_MM_A_DMA_ZONE] = SMM_NL_DMA_ZONE,
	[SHADOW_MM_A_DMA_NODE] = SMM_NL_DMA_NODE,
	[SHADOW_MM_A_DMA_UNCHECKED] = { .type = NLA_FLAG },
};

static const struct nla_policy smm_dma_unmap_policy[SHADOW_MM_A_DMA_DMA_ADDR + 1] = {
	[SHADOW_MM_A_DMA_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_DMA_KIND] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_DMA_KIND_COHERENT,
						  SHADOW_MM_DMA_KIND_SG),
	[SHADOW_MM_A_DMA_DIR] = SMM_NL_DMA_DIR,
	[SHADOW_MM_A_DMA_SIZE] = { .type = NLA_U64 },
	[SHADOW_MM_A_DMA_DMA_ADDR] = { .type = NLA_U64 },
};

static const struct nla_policy smm_dma_sync_policy[SHADOW_MM_A_DMA_OFFSET + 1] = {
	[SHADOW_MM_A_DMA_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_DMA_DIR] = SMM_NL_DMA_DIR,
	[SHADOW_MM_A_DMA_SIZE] = { .type = NLA_U64 },
	[SHADOW_MM_A_DMA_DMA_ADDR] = { .type = NLA_U64 },
	[SHADOW_MM_A_DMA_SYNC] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_DMA_SYNC_FOR_CPU,
						  SHADOW_MM_DMA_SYNC_FOR_DEVICE),
	[SHADOW_MM_A_DMA_OFFSET] = { .type = NLA_U64 },
};

/* dma-get names a buffer by id; its dump refuses it. */
static const struct nla_policy smm_dma_get_policy[SHADOW_MM_A_DMA_ID + 1] = {
	[SHADOW_MM_A_DMA_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/*
 * The size is checked by the handler, against the device's window; the
 * reply's attributes between seed and copy are refused.
 */
static const struct nla_policy smm_dma_xfer_policy[SHADOW_MM_A_DMA_XFER_DST_OFFSET + 1] = {
	[SHADOW_MM_A_DMA_XFER_SRC] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_DMA_XFER_DST] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_DMA_XFER_OFFSET] = { .type = NLA_U64 },
	[SHADOW_MM_A_DMA_XFER_SIZE] = { .type = NLA_U32 },
	[SHADOW_MM_A_DMA_XFER_SEED] = { .type = NLA_U32 },
	[SHADOW_MM_A_DMA_XFER_COPY] = { .type = NLA_FLAG },
	[SHADOW_MM_A_DMA_XFER_DST_OFFSET] = { .type = NLA_U64 },
};

/* dmabuf-get names a buffer by id; its dump refuses it. */
static const struct nla_policy smm_dmabuf_get_policy[SHADOW_MM_A_DMABUF_ID + 1] = {
	[SHADOW_MM_A_DMABUF_ID] = NLA_POLICY_RANGE(NLA_U32, 1, SHADOW_MM_MAX_DMABUFS),
};

/* dmabuf-import takes fd, target, as and va; the rest are replies. */
static const struct nla_policy smm_dmabuf_import_policy[SHADOW_MM_A_DMABUF_VA + 1] = {
	[SHADOW_MM_A_DMABUF_FD] = { .type = NLA_U32 },
	[SHADOW_MM_A_DMABUF_TARGET] = NLA_POLICY_RANGE(NLA_U32, SHADOW_MM_DMABUF_TARGET_EDU,
						       SHADOW_MM_DMABUF_TARGET_AS),
	[SHADOW_MM_A_DMABUF_AS] = NLA_POLICY_MIN(NLA_U32, 1),
	[SHADOW_MM_A_DMABUF_VA] = { .type = NLA_U64 },
};

static const char *const smm_cmd_names[] = {
	[SHADOW_MM_CMD_STATUS_GET] = "status-get",
	[SHADOW_MM_CMD_CONFIG_SET] = "config-set",
	[SHADOW_MM_CMD_NODE_GET] = "node-get",
	[SHADOW_MM_CMD_ZONE_GET] = "zone-get",
	[SHADOW_MM_CMD_PAGE_GET] = "page-get",
	[SHADOW_MM_CMD_PAGE_ALLOC] = "page-alloc",
	[SHADOW_MM_CMD_PAGE_FREE] = "page-free",
	[SHADOW_MM_CMD_CHECK] = "check",
	[SHADOW_MM_CMD_OWNER_GET] = "owner-get",
	[SHADOW_MM_CMD_BENCH_ALLOC] = "bench-alloc",
	[SHADOW_MM_CMD_AS_NEW] = "as-new",
	[SHADOW_MM_CMD_AS_DEL] = "as-del",
	[SHADOW_MM_CMD_AS_GET] = "as-get",
	[SHADOW_MM_CMD_AS_MAP] = "as-map",
	[SHADOW_MM_CMD_AS_UNMAP] = "as-unmap",
	[SHADOW_MM_CMD_AS_PROTECT] = "as-protect",
	[SHADOW_MM_CMD_AS_TOUCH] = "as-touch",
	[SHADOW_MM_CMD_WALK] = "walk",
	[SHADOW_MM_CMD_BENCH_PT] = "bench-pt",
	[SHADOW_MM_CMD_DMA_DEV_GET] = "dma-dev-get",
	[SHADOW_MM_CMD_DMA_DEV_SET] = "dma-dev-set",
	[SHADOW_MM_CMD_DMA_ALLOC] = "dma-alloc",
	[SHADOW_MM_CMD_DMA_MAP] = "dma-map",
	[SHADOW_MM_CMD_DMA_UNMAP] = "dma-unmap",
	[SHADOW_MM_CMD_DMA_SYNC] = "dma-sync",
	[SHADOW_MM_CMD_DMA_GET] = "dma-get",
	[SHADOW_MM_CMD_DMA_XFER] = "dma-xfer",
	[SHADOW_MM_CMD_DMA_ERROR_GET] = "dma-error-get",
	[SHADOW_MM_CMD_DMABUF_GET] = "dmabuf-get",
	[SHADOW_MM_CMD_DMABUF_IMPORT] = "dmabuf-import",
};

/**
 * smm_nl_log_request() - log a request when the debug level asks for it
 * @cmd: the request's command
 * @level: the debug level from which it is logged
 */
void smm_nl_log_request(u8 cmd, unsigned int level)
{
	if (READ_ONCE(smm_debug) < level)
		return;
	pr_info("%s from pid %d uid %u\n",
		cmd < ARRAY_SIZE(smm_cmd_names) ? smm_cmd_names[cmd] : "?",
		task_pid_nr(current),
		from_kuid_munged(current_user_ns(), current_uid()));
}

static int smm_nl_status_fill(struct sk_buff *msg)
{
	struct new_utsname *uts = utsname();
	int pt_format = smm_host_pt_format();

	if (nla_put_string(msg, SHADOW_MM_A_STATUS_VERSION, SMM_VERSION) ||
	    nla_put_string(msg, SHADOW_MM_A_STATUS_KERNEL_RELEASE,
			   uts->release) ||
	    nla_put_string(msg, SHADOW_MM_A_STATUS_MACHINE, uts->machine) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_PAGE_SIZE, PAGE_SIZE) ||
	    (pt_format &&
	     nla_put_u32(msg, SHADOW_MM_A_STATUS_PT_FORMAT, pt_format)) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_PT_LEVELS,
			smm_host_pt_levels()) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_CPUS_ONLINE,
			num_online_cpus()) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_STATUS_SHADOW_BYTES,
			      smm_shadow_bytes(), SHADOW_MM_A_STATUS_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_DEBUG, READ_ONCE(smm_debug)) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_MAX_ORDER, SMM_HOST_MAX_ORDER) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER,
			SMM_HOST_PAGEBLOCK_ORDER) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_STATUS_EVENTS_DROPPED,
			      smm_events_dropped(), SHADOW_MM_A_STATUS_PAD))
		return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_reply_new() - a reply to @info's request, its header written
 * @info: the request
 * @payload: room for the attributes, in bytes
 * @hdr: set to the header, for genlmsg_end()
 *
 * Return: the message, or NULL when out of memory.
 */
struct sk_buff *smm_nl_reply_new(struct genl_info *info, size_t payload,
				 void **hdr)
{
	struct sk_buff *msg = genlmsg_new(payload, GFP_KERNEL);

	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &smm_genl_family, 0,
				 info->genlhdr->cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int smm_nl_status_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	ret = smm_nl_status_fill(msg);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

static int smm_nl_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_STATUS_DEBUG)) {
		NL_SET_ERR_MSG(info->extack, "config-set needs attribute debug");
		return -EINVAL;
	}
	WRITE_ONCE(smm_debug,
		   nla_get_u32(info->attrs[SHADOW_MM_A_STATUS_DEBUG]));
	return 0;
}

static const struct genl_ops smm_genl_ops[] = {
	{
		.cmd = SHADOW_MM_CMD_STATUS_GET,
		.doit = smm_nl_status_get_doit,
		.policy = smm_status_get_policy,
		.maxattr = ARRAY_SIZE(smm_status_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_CONFIG_SET,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_config_set_doit,
		.policy = smm_config_set_policy,
		.maxattr = ARRAY_SIZE(smm_config_set_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_NODE_GET,
		.doit = smm_nl_node_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_node_get_dumpit,
		.policy = smm_node_get_policy,
		.maxattr = ARRAY_SIZE(smm_node_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_ZONE_GET,
		.doit = smm_nl_zone_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_zone_get_dumpit,
		.policy = smm_zone_get_policy,
		.maxattr = ARRAY_SIZE(smm_zone_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_PAGE_GET,
		.doit = smm_nl_page_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_page_get_dumpit,
		.policy = smm_page_get_policy,
		.maxattr = ARRAY_SIZE(smm_page_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_PAGE_ALLOC,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_page_alloc_doit,
		.policy = smm_page_alloc_policy,
		.maxattr = ARRAY_SIZE(smm_page_alloc_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_PAGE_FREE,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_page_free_doit,
		.policy = smm_page_free_policy,
		.maxattr = ARRAY_SIZE(smm_page_free_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_CHECK,
		.doit = smm_nl_check_doit,
		.policy = smm_check_policy,
		.maxattr = ARRAY_SIZE(smm_check_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_OWNER_GET,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_owner_get_dumpit,
		.policy = smm_owner_get_policy,
		.maxattr = ARRAY_SIZE(smm_owner_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_BENCH_ALLOC,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_bench_alloc_doit,
		.policy = smm_bench_alloc_policy,
		.maxattr = ARRAY_SIZE(smm_bench_alloc_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_NEW,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_as_new_doit,
		.policy = smm_as_new_policy,
		.maxattr = ARRAY_SIZE(smm_as_new_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_DEL,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_as_del_doit,
		.policy = smm_as_id_policy,
		.maxattr = ARRAY_SIZE(smm_as_id_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_GET,
		.doit = smm_nl_as_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_as_get_dumpit,
		.policy = smm_as_id_policy,
		.maxattr = ARRAY_SIZE(smm_as_id_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_MAP,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_as_map_doit,
		.policy = smm_as_map_policy,
		.maxattr = ARRAY_SIZE(smm_as_map_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_UNMAP,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_as_unmap_doit,
		.policy = smm_as_unmap_policy,
		.maxattr = ARRAY_SIZE(smm_as_unmap_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_PROTECT,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_as_protect_doit,
		.policy = smm_as_protect_policy,
		.maxattr = ARRAY_SIZE(smm_as_protect_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_AS_TOUCH,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_as_touch_doit,
		.policy = smm_as_touch_policy,
		.maxattr = ARRAY_SIZE(smm_as_touch_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_WALK,
		.doit = smm_nl_walk_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_walk_dumpit,
		.policy = smm_walk_policy,
		.maxattr = ARRAY_SIZE(smm_walk_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_BENCH_PT,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_bench_pt_doit,
		.policy = smm_bench_pt_policy,
		.maxattr = ARRAY_SIZE(smm_bench_pt_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_DEV_GET,
		.doit = smm_nl_dma_dev_get_doit,
		.policy = smm_dma_dev_get_policy,
		.maxattr = ARRAY_SIZE(smm_dma_dev_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_DEV_SET,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dma_dev_set_doit,
		.policy = smm_dma_dev_set_policy,
		.maxattr = ARRAY_SIZE(smm_dma_dev_set_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_ALLOC,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dma_alloc_doit,
		.policy = smm_dma_alloc_policy,
		.maxattr = ARRAY_SIZE(smm_dma_alloc_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_MAP,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dma_map_doit,
		.policy = smm_dma_map_policy,
		.maxattr = ARRAY_SIZE(smm_dma_map_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_UNMAP,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dma_unmap_doit,
		.policy = smm_dma_unmap_policy,
		.maxattr = ARRAY_SIZE(smm_dma_unmap_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_SYNC,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dma_sync_doit,
		.policy = smm_dma_sync_policy,
		.maxattr = ARRAY_SIZE(smm_dma_sync_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_GET,
		.doit = smm_nl_dma_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_dma_get_dumpit,
		.policy = smm_dma_get_policy,
		.maxattr = ARRAY_SIZE(smm_dma_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_XFER,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dma_xfer_doit,
		.policy = smm_dma_xfer_policy,
		.maxattr = ARRAY_SIZE(smm_dma_xfer_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMA_ERROR_GET,
		.doit = smm_nl_dma_error_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_dma_error_get_dumpit,
		.policy = smm_dma_error_get_policy,
		.maxattr = ARRAY_SIZE(smm_dma_error_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMABUF_GET,
		.doit = smm_nl_dmabuf_get_doit,
		.start = smm_nl_dump_start,
		.dumpit = smm_nl_dmabuf_get_dumpit,
		.policy = smm_dmabuf_get_policy,
		.maxattr = ARRAY_SIZE(smm_dmabuf_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_DMABUF_IMPORT,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_dmabuf_import_doit,
		.policy = smm_dmabuf_import_policy,
		.maxattr = ARRAY_SIZE(smm_dmabuf_import_policy) - 1,
	},
};

/**
 * smm_nl_dump_start() - the start of every dump: log it
 * @cb: the dump's state
 *
 * Return: 0.
 */
int smm_nl_dump_start(struct netlink_callback *cb)
{
	const struct genlmsghdr *hdr = nlmsg_data(cb->nlh);

	smm_nl_log_request(hdr->cmd, SMM_DEBUG_ALL);
	return 0;
}

static const struct genl_multicast_group smm_genl_mcgrps[] = {
	[SMM_NL_MCGRP_MONITOR] = { .name = SHADOW_MM_MCGRP_MONITOR },
};

struct genl_family smm_genl_family __ro_after_init = {
	.name = SHADOW_MM_FAMILY_NAME,
	.version = SHADOW_MM_FAMILY_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = smm_genl_ops,
	.n_ops = ARRAY_SIZE(smm_genl_ops),
	.mcgrps = smm_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(smm_genl_mcgrps),
	/* Every op, from the first, gets strict attribute validation. */
	.resv_start_op = 0,
};

/**
 * smm_netlink_init() - register the shadow_mm genetlink family, then
 * start sending events to its monitor group
 *
 * Return: 0 or a negative errno.
 */
int smm_netlink_init(void)
{
	int ret;

	ret = genl_register_family(&smm_genl_family);
	if (ret)
		return ret;
	smm_event_start();
	return 0;
}

/**
 * smm_netlink_exit() - stop the events, whose work sends on the family,
 * then unregister the family; no request runs after it
 */
void smm_netlink_exit(void)
{
	smm_event_stop();
	genl_unregister_family(&smm_genl_family);
}
