// SPDX-License-Identifier: GPL-2.0
/*
 * dma-bufs over netlink: dmabuf-get shows the exporter's buffers
 * (dmabuf.c); dmabuf-import takes a dma-buf file descriptor of the
 * caller and imports the buffer the way a driver would:
 *
 *   target edu  attach the DMA device and map the buffer for it
 *               (nl_dma.c): a DMA buffer of kind dmabuf, any exporter's
 *   target as   map the buffer's pages into a shadow address space
 *               (nl_as.c): pfn regions, shadow_mm's buffers only
 *
 * Either import holds the reference dma_buf_get() took until it goes
 * (dma-unmap, as-unmap, as-del, unbind): the exporter cannot free the
 * pages under it, and for shadow_mm's own buffers that reference also
 * keeps the module loaded.
 *
 * Reading is open; importing needs CAP_NET_ADMIN (GENL_ADMIN_PERM) and
 * CAP_SYS_ADMIN.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/dma-buf.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "shadow_mm.h"
#include "smm_dmabuf.h"

/* Bytes of one attachment's nest. */
static size_t smm_nl_dmabuf_attach_size(void)
{
	struct smm_dmabuf_attach_info *a;

	return nla_total_size(0) +			/* the nest */
	       nla_total_size(sizeof(a->device)) +
	       nla_total_size(sizeof(a->driver)) +
	       3 * nla_total_size(sizeof(u32)) +	/* maps, dir, nents */
	       2 * nla_total_size(0);			/* mapped, bounced */
}

/* Bytes of a buffer's attributes with @nr_attach attachments. */
static size_t smm_nl_dmabuf_size(unsigned int nr_attach)
{
	struct smm_dmabuf_info *di;

	return 7 * nla_total_size(sizeof(u32)) +	/* id, pages ... vmaps */
	       3 * nla_total_size_64bit(sizeof(u64)) +	/* size, pa, inode */
	       nla_total_size(0) +			/* contiguous */
	       nla_total_size(sizeof(di->owner)) +
	       nla_total_size(sizeof(di->name)) +
	       nla_total_size(sizeof(di->blocks)) +
	       nr_attach * smm_nl_dmabuf_attach_size();
}

/* The attachments a reply carries: the info keeps only the first ones. */
static unsigned int smm_nl_dmabuf_nr_attach(const struct smm_dmabuf_info *di)
{
	return min_t(u32, di->nr_attach, SMM_DMABUF_MAX_ATTACH_INFO);
}

static int smm_nl_dmabuf_attach_put(struct sk_buff *msg,
				    const struct smm_dmabuf_attach_info *a)
{
	struct nlattr *nest = nla_nest_start(msg, SHADOW_MM_A_DMABUF_ATTACH);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(msg, SHADOW_MM_A_DMABUF_ATTACH_DEVICE, a->device) ||
	    (a->driver[0] &&
	     nla_put_string(msg, SHADOW_MM_A_DMABUF_ATTACH_DRIVER,
			    a->driver)) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_ATTACH_MAPS, a->maps) ||
	    (a->mapped &&
	     (nla_put_flag(msg, SHADOW_MM_A_DMABUF_ATTACH_MAPPED) ||
	      /* enum shadow_mm_dma_dir is the kernel's, one up. */
	      nla_put_u32(msg, SHADOW_MM_A_DMABUF_ATTACH_DIR, a->dir + 1) ||
	      nla_put_u32(msg, SHADOW_MM_A_DMABUF_ATTACH_NENTS, a->nents))) ||
	    (a->bounced &&
	     nla_put_flag(msg, SHADOW_MM_A_DMABUF_ATTACH_BOUNCED))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * The attributes of a buffer, sized by smm_nl_dmabuf_size().
 * Return: 0, or -EMSGSIZE when @msg is full.
 */
static int smm_nl_dmabuf_put(struct sk_buff *msg,
			     const struct smm_dmabuf_info *di)
{
	unsigned int i;

	if (nla_put_u32(msg, SHADOW_MM_A_DMABUF_ID, di->id) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMABUF_SIZE, di->size,
			      SHADOW_MM_A_DMABUF_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_PAGES, di->npages) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_ZONE, di->zone + 1) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_NODE, di->nid) ||
	    (di->contiguous &&
	     nla_put_flag(msg, SHADOW_MM_A_DMABUF_CONTIGUOUS)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMABUF_PA, di->pa,
			      SHADOW_MM_A_DMABUF_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_CHUNKS, di->chunks) ||
	    nla_put_string(msg, SHADOW_MM_A_DMABUF_OWNER, di->owner) ||
	    (di->name[0] &&
	     nla_put_string(msg, SHADOW_MM_A_DMABUF_NAME, di->name)) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_DMABUF_INODE, di->inode,
			      SHADOW_MM_A_DMABUF_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_MMAPS, di->mmaps) ||
	    nla_put_u32(msg, SHADOW_MM_A_DMABUF_VMAPS, di->vmaps) ||
	    nla_put(msg, SHADOW_MM_A_DMABUF_BLOCKS,
		    di->nr_orders * sizeof(di->blocks[0]), di->blocks))
		return -EMSGSIZE;
	for (i = 0; i < smm_nl_dmabuf_nr_attach(di); i++)
		if (smm_nl_dmabuf_attach_put(msg, &di->attach[i]))
			return -EMSGSIZE;
	return 0;
}

/**
 * smm_nl_dmabuf_get_doit() - DMABUF_GET: one exported dma-buf
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply (the buffer and its attachments); -EINVAL
 * without id; -ENOENT for an unknown id; -ENOMEM.
 */
int smm_nl_dmabuf_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_dmabuf_info *di;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMABUF_ID)) {
		NL_SET_ERR_MSG(info->extack, "dmabuf-get needs attribute id");
		return -EINVAL;
	}
	/* Sixteen attachments make it too big for the stack. */
	di = kzalloc(sizeof(*di), GFP_KERNEL);
	if (!di)
		return -ENOMEM;
	ret = smm_dmabuf_info(nla_get_u32(tb[SHADOW_MM_A_DMABUF_ID]), di);
	if (ret) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMABUF_ID],
				    "no dma-buf with this id");
		goto out_free;
	}
	msg = smm_nl_reply_new(info,
			       smm_nl_dmabuf_size(smm_nl_dmabuf_nr_attach(di)),
			       &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto out_free;
	}
	/* Sized for every attribute: cannot run out of room. */
	ret = smm_nl_dmabuf_put(msg, di);
	if (WARN_ON_ONCE(ret)) {
		nlmsg_free(msg);
		goto out_free;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out_free:
	kfree(di);
	return ret;
}

/**
 * smm_nl_dmabuf_get_dumpit() - DMABUF_GET dump: every exported dma-buf,
 * by id
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next id to look from
 *
 * A buffer released while the dump runs is skipped; one exported
 * meanwhile shows when its id is above the dump's position.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_dmabuf_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **tb = smm_dump_attrs(cb);
	u32 id = max_t(unsigned long, cb->args[0], 1);
	struct smm_dmabuf_info *di;
	bool filled = false;
	void *hdr;
	int ret = 0;

	if (tb[SHADOW_MM_A_DMABUF_ID]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[SHADOW_MM_A_DMABUF_ID],
				    "dmabuf-get dump takes no id: it lists every dma-buf");
		return -EINVAL;
	}
	di = kzalloc(sizeof(*di), GFP_KERNEL);
	if (!di)
		return -ENOMEM;
	while (id <= SHADOW_MM_MAX_DMABUFS) {
		if (smm_dmabuf_next_id(id, &id)) {
			id = SHADOW_MM_MAX_DMABUFS + 1;
			break;
		}
		if (smm_dmabuf_info(id, di)) {
			/* Released since next_id saw it. */
			id++;
			continue;
		}
		hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_DMABUF_GET);
		if (!hdr)
			break;
		if (smm_nl_dmabuf_put(skb, di)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		filled = true;
		id++;
	}
	kfree(di);
	cb->args[0] = id;
	/* One buffer always fits an empty dump message. */
	if (id <= SHADOW_MM_MAX_DMABUFS && !filled)
		ret = -EMSGSIZE;
	return ret ?: skb->len;
}

/*
 * The id of one of shadow_mm's dma-bufs: the live buffer whose file has
 * @dmabuf's inode (each dma-buf has an inode of its own). 0 for another
 * exporter's. Imports are rare and the buffers few: a walk will do.
 */
static u32 smm_nl_dmabuf_id(struct dma_buf *dmabuf,
			    struct smm_dmabuf_info *di)
{
	unsigned long ino = file_inode(dmabuf->file)->i_ino;
	u32 id = 1;

	if (!smm_dmabuf_is_ours(dmabuf))
		return 0;
	while (!smm_dmabuf_next_id(id, &id)) {
		if (!smm_dmabuf_info(id, di) && di->inode == ino)
			return id;
		id++;
	}
	return 0;
}

/* Check that a request names what its target takes. */
static int smm_nl_dmabuf_import_check(struct genl_info *info, u32 target)
{
	struct nlattr **tb = info->attrs;

	if (target == SHADOW_MM_DMABUF_TARGET_AS) {
		if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMABUF_AS) ||
		    GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMABUF_VA)) {
			NL_SET_ERR_MSG(info->extack,
				       "target as needs attributes as and va");
			return -EINVAL;
		}
		return 0;
	}
	if (tb[SHADOW_MM_A_DMABUF_AS] || tb[SHADOW_MM_A_DMABUF_VA]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[SHADOW_MM_A_DMABUF_AS] ?:
				    tb[SHADOW_MM_A_DMABUF_VA],
				    "as and va are for target as: an import into the DMA device takes neither");
		return -EINVAL;
	}
	return 0;
}

/**
 * smm_nl_dmabuf_import_doit() - DMABUF_IMPORT: import a dma-buf fd of the
 * caller into the DMA device or a shadow address space
 * @skb: the request
 * @info: the request, parsed
 *
 * All or nothing: on any error no attachment, mapping, region, id or
 * reference is left behind.
 *
 * Return: 0 after the reply (id when the buffer is shadow_mm's, dma-id
 * for target edu); -EPERM; -EINVAL without fd or target, with attributes
 * the target does not take, for an fd that is not a dma-buf, or a
 * foreign dma-buf into an address space; -EBADF for an fd not open; the
 * target's errors (nl_dma.c, nl_as.c).
 */
int smm_nl_dmabuf_import_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct smm_dmabuf_info *di;
	struct dma_buf *dmabuf;
	struct sk_buff *msg;
	u32 target, id;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();
	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack,
			       "importing a dma-buf needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMABUF_FD) ||
	    GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_DMABUF_TARGET)) {
		NL_SET_ERR_MSG(info->extack,
			       "dmabuf-import needs attributes fd and target");
		return -EINVAL;
	}
	target = nla_get_u32(tb[SHADOW_MM_A_DMABUF_TARGET]);
	ret = smm_nl_dmabuf_import_check(info, target);
	if (ret)
		return ret;

	/* The request runs in the caller's context: its fd table. */
	dmabuf = dma_buf_get(nla_get_u32(tb[SHADOW_MM_A_DMABUF_FD]));
	if (IS_ERR(dmabuf)) {
		ret = PTR_ERR(dmabuf);
		if (ret == -EBADF)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_DMABUF_FD],
					    "fd is not an open file descriptor of the caller");
		else
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[SHADOW_MM_A_DMABUF_FD],
					    "fd is not a dma-buf");
		return ret;
	}
	di = kmalloc(sizeof(*di), GFP_KERNEL);
	if (!di) {
		ret = -ENOMEM;
		goto err_put;
	}
	id = smm_nl_dmabuf_id(dmabuf, di);
	kfree(di);
	if (target == SHADOW_MM_DMABUF_TARGET_AS && !id) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_DMABUF_FD],
				    "not a shadow_mm dma-buf: only shadow_mm's own buffers map into an address space");
		ret = -EINVAL;
		goto err_put;
	}
	msg = smm_nl_reply_new(info, 2 * nla_total_size(sizeof(u32)), &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto err_put;
	}
	if (id && nla_put_u32(msg, SHADOW_MM_A_DMABUF_ID, id)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto err_put;
	}
	if (target == SHADOW_MM_DMABUF_TARGET_AS)
		ret = smm_nl_as_import(info, dmabuf, msg, hdr);
	else
		ret = smm_nl_dma_import(info, dmabuf, msg, hdr);
	if (ret)
		goto err_put;
	return 0;

err_put:
	dma_buf_put(dmabuf);
	return ret;
}
