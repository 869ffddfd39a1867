/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shadow_mm: what the netlink files share. netlink.c holds the family,
 * the per-op policies and the op table; nl_*.c the handlers by object.
 */

#ifndef _SMM_NETLINK_H
#define _SMM_NETLINK_H

#include <net/genetlink.h>

extern struct genl_family smm_genl_family;

/* The family's multicast groups, by their index in its mcgrps. */
enum smm_nl_mcgrp {
	SMM_NL_MCGRP_MONITOR,
};

void smm_nl_log_request(u8 cmd, unsigned int level);
struct sk_buff *smm_nl_reply_new(struct genl_info *info, size_t payload,
				 void **hdr);

/**
 * smm_nl_dump_put() - start a message of a dump
 * @skb: the dump's buffer
 * @cb: the dump's state
 * @cmd: the command the message answers
 *
 * Return: the user header, or NULL when @skb is full.
 */
static inline void *smm_nl_dump_put(struct sk_buff *skb,
				    struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, &smm_genl_family, NLM_F_MULTI,
			   cmd);
}

int smm_nl_dump_start(struct netlink_callback *cb);

/* nl_node.c */
int smm_nl_node_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_node_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int smm_nl_zone_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_zone_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_page.c */
int smm_nl_page_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_page_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int smm_nl_page_alloc_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_page_free_doit(struct sk_buff *skb, struct genl_info *info);

/* nl_check.c */
int smm_nl_check_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_owner_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

/* bench.c */
int smm_nl_bench_alloc_doit(struct sk_buff *skb, struct genl_info *info);

/* nl_dma.c */
int smm_nl_dma_dev_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_dev_set_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_alloc_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_map_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_unmap_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_sync_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int smm_nl_dma_xfer_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_error_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dma_error_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);

/* nl_dmabuf.c */
int smm_nl_dmabuf_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_dmabuf_get_dumpit(struct sk_buff *skb,
			     struct netlink_callback *cb);
int smm_nl_dmabuf_import_doit(struct sk_buff *skb, struct genl_info *info);

/*
 * The two targets of dmabuf-import: the DMA device (nl_dma.c) and a
 * shadow address space (nl_as.c). Each imports @dmabuf as the request in
 * @info asks, adds its own attribute to the reply @msg and sends it. On
 * success the import keeps the caller's reference on @dmabuf; on failure
 * nothing changed and the caller still holds it. @msg is consumed either
 * way.
 */
struct dma_buf;
int smm_nl_dma_import(struct genl_info *info, struct dma_buf *dmabuf,
		      struct sk_buff *msg, void *hdr);
int smm_nl_as_import(struct genl_info *info, struct dma_buf *dmabuf,
		     struct sk_buff *msg, void *hdr);

#endif /* _SMM_NETLINK_H */
