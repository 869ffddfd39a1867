// SPDX-License-Identifier: GPL-2.0
/*
 * dma.c - `smm dma`: the DMA device, DMA buffers (coherent, single and
 * scatter-gather mappings of shadow pages), syncs, transfers through the
 * device's DMA engine, and the DMA-debug findings
 *
 * The replies are decoded by dma_info.c and printed by dma_print.c,
 * neither of which knows netlink.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "commands.h"
#include "dma_info.h"
#include "dma_print.h"
#include "dmabuf_print.h"
#include "nl.h"
#include "print.h"

/*
 * `dma xfer kind sg` makes a buffer of two windows and moves one window's
 * worth from its middle, so that the transfer crosses a page boundary:
 * two segments unless the pages came out adjacent.
 */
#define DMA_XFER_SG_BYTES	(2 * SHADOW_MM_EDU_WINDOW)

static void out_start(struct smm_out *o, const struct smm_cmdline *cl)
{
	out_init(o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
}

static void bad_reply(const char *what, const char *bad)
{
	fprintf(stderr, "smm: %s: malformed reply: %s\n", what, bad);
}

/**
 * dma_dev() - `smm dma dev [mask BITS]`
 * @cl: the command line
 *
 * Shows the DMA device (DMA_DEV_GET), or sets its mask and shows it
 * (DMA_DEV_SET).
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_dev(const struct smm_cmdline *cl)
{
	bool set = cl->cmd == SMM_CMD_DMA_DEV_SET;
	const char *what = set ? "dma dev mask" : "dma dev";
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_dma_dev_info d;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;
	int err;

	req = smm_nl_start(&nl, set ? SHADOW_MM_CMD_DMA_DEV_SET :
			   SHADOW_MM_CMD_DMA_DEV_GET, what);
	if (!req)
		goto out;
	err = set && nla_put_u32(req, SHADOW_MM_A_DMA_DEV_MASK_BITS,
				 cl->dma.mask_bits);
	if (smm_nl_call(&nl, req, err, &smm_dma_dev_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	if (dma_decode_dev(attrs, len, &d, bad)) {
		bad_reply(what, bad);
		goto out;
	}
	out_start(&o, cl);
	dma_print_dev(&o, &d);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* Decodes a buffer from @reply and prints it; 0 or -1 (reason printed). */
static int print_buf_reply(struct smm_out *o, struct nl_msg *reply,
			   const char *what)
{
	struct smm_dma_buf_info b;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	size_t len;
	int ret;

	attrs = smm_nl_attrs(reply, &len);
	ret = dma_decode_buf(attrs, len, &b, bad);
	if (ret)
		bad_reply(what, bad);
	else
		dma_print_buf(o, &b);
	smm_dma_buf_info_release(&b);
	return ret ? -1 : 0;
}

/* Adds the zone and node of alloc and map, when given. */
static int put_placement(struct nl_msg *req, const struct smm_cmdline *cl)
{
	return (cl->dma.zone &&
		nla_put_u32(req, SHADOW_MM_A_DMA_ZONE, cl->dma.zone)) ||
	       (cl->dma.has_node &&
		nla_put_u32(req, SHADOW_MM_A_DMA_NODE, cl->dma.node));
}

/* Alloc and map: one request of the dma set, a buffer in reply. */
static int buf_request(const struct smm_cmdline *cl, __u8 cmd,
		       const char *what)
{
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_out o;
	struct smm_nl nl;
	int err;

	req = smm_nl_start(&nl, cmd, what);
	if (!req)
		goto out;
	err = nla_put_u64(req, SHADOW_MM_A_DMA_SIZE, cl->dma.size) ||
	      put_placement(req, cl);
	if (!err && cmd == SHADOW_MM_CMD_DMA_MAP)
		err = nla_put_u32(req, SHADOW_MM_A_DMA_KIND, cl->dma.kind) ||
		      nla_put_u32(req, SHADOW_MM_A_DMA_DIR, cl->dma.dir) ||
		      (cl->dma.unchecked &&
		       nla_put_flag(req, SHADOW_MM_A_DMA_UNCHECKED));
	if (smm_nl_call(&nl, req, err, &smm_dma_attr_set, &reply, what))
		goto out;
	out_start(&o, cl);
	if (!print_buf_reply(&o, reply, what) && !out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/**
 * dma_alloc() - `smm dma alloc SIZE [zone Z] [node N]`
 * @cl: the command line
 *
 * Prints the new coherent buffer as `dma show` does.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_alloc(const struct smm_cmdline *cl)
{
	return buf_request(cl, SHADOW_MM_CMD_DMA_ALLOC, "dma alloc");
}

/**
 * dma_map() - `smm dma map SIZE [kind K] [dir D] [zone Z] [node N]
 *	[unchecked]`
 * @cl: the command line
 *
 * Prints the new streaming mapping as `dma show` does.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_map(const struct smm_cmdline *cl)
{
	return buf_request(cl, SHADOW_MM_CMD_DMA_MAP, "dma map");
}

/* Names the buffer of unmap, free and sync: by id or by dma_addr. */
static int put_target(struct nl_msg *req, const struct smm_cmdline *cl)
{
	if (cl->dma.has_addr)
		return nla_put_u64(req, SHADOW_MM_A_DMA_DMA_ADDR, cl->dma.addr);
	return nla_put_u32(req, SHADOW_MM_A_DMA_ID, cl->dma.id);
}

/**
 * dma_unmap() - `smm dma unmap {ID | addr A} [size S] [dir D] [kind K]`
 *	and `smm dma free {ID | addr A} [size S]`
 * @cl: the command line
 *
 * Prints nothing when it worked. What was not given is left for the
 * module to take from the buffer; free passes kind coherent.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_unmap(const struct smm_cmdline *cl)
{
	const char *what = cl->cmd == SMM_CMD_DMA_FREE ? "dma free" :
			   "dma unmap";
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_DMA_UNMAP, what);
	if (!req)
		goto out;
	err = put_target(req, cl) ||
	      (cl->dma.kind &&
	       nla_put_u32(req, SHADOW_MM_A_DMA_KIND, cl->dma.kind)) ||
	      (cl->dma.size &&
	       nla_put_u64(req, SHADOW_MM_A_DMA_SIZE, cl->dma.size)) ||
	      (cl->dma.dir && nla_put_u32(req, SHADOW_MM_A_DMA_DIR, cl->dma.dir));
	if (!smm_nl_call(&nl, req, err, &smm_dma_attr_set, NULL, what))
		ret = SMM_EXIT_OK;
out:
	smm_nl_close(&nl);
	return ret;
}

/**
 * dma_sync() - `smm dma sync {ID | addr A} {for-cpu | for-device}
 *	[offset O] [size S] [dir D]`
 * @cl: the command line
 *
 * Prints nothing when it worked.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_sync(const struct smm_cmdline *cl)
{
	const char *what = "dma sync";
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_DMA_SYNC, what);
	if (!req)
		goto out;
	err = put_target(req, cl) ||
	      nla_put_u32(req, SHADOW_MM_A_DMA_SYNC, cl->dma.sync) ||
	      (cl->dma.has_offset &&
	       nla_put_u64(req, SHADOW_MM_A_DMA_OFFSET, cl->dma.offset)) ||
	      (cl->dma.size &&
	       nla_put_u64(req, SHADOW_MM_A_DMA_SIZE, cl->dma.size)) ||
	      (cl->dma.dir && nla_put_u32(req, SHADOW_MM_A_DMA_DIR, cl->dma.dir));
	if (!smm_nl_call(&nl, req, err, &smm_dma_attr_set, NULL, what))
		ret = SMM_EXIT_OK;
out:
	smm_nl_close(&nl);
	return ret;
}

/**
 * struct xfer_args - one DMA_XFER request
 * @src: the buffer the device reads
 * @dst: the buffer it writes back into
 * @has_offset: @offset is to be sent
 * @offset: bytes into both buffers
 * @size: bytes to move, 0 for the module's default
 * @has_seed: @seed is to be sent
 * @seed: the pattern's seed
 * @copy: move the bytes @src holds, no pattern, nothing verified
 * @has_dst_offset: @dst_offset is to be sent
 * @dst_offset: bytes into @dst where the data lands
 */
struct xfer_args {
	__u32 src;
	__u32 dst;
	bool has_offset;
	__u64 offset;
	__u32 size;
	bool has_seed;
	__u32 seed;
	bool copy;
	bool has_dst_offset;
	__u64 dst_offset;
};

/*
 * Sends one DMA_XFER on @nl and decodes the reply into @x. Return: 0, or
 * -1 with the reason printed.
 */
static int xfer_once(struct smm_nl *nl, const struct xfer_args *xa,
		     struct smm_dma_xfer_info *x)
{
	const char *what = "dma xfer";
	struct nl_msg *req, *reply = NULL;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	size_t len;
	int err, ret = -1;

	req = smm_nl_request(nl, SHADOW_MM_CMD_DMA_XFER);
	if (!req) {
		smm_nl_perror(nl, what);
		return -1;
	}
	err = nla_put_u32(req, SHADOW_MM_A_DMA_XFER_SRC, xa->src) ||
	      (xa->dst != xa->src &&
	       nla_put_u32(req, SHADOW_MM_A_DMA_XFER_DST, xa->dst)) ||
	      (xa->has_offset &&
	       nla_put_u64(req, SHADOW_MM_A_DMA_XFER_OFFSET, xa->offset)) ||
	      (xa->size && nla_put_u32(req, SHADOW_MM_A_DMA_XFER_SIZE, xa->size)) ||
	      (xa->has_seed &&
	       nla_put_u32(req, SHADOW_MM_A_DMA_XFER_SEED, xa->seed)) ||
	      (xa->copy && nla_put_flag(req, SHADOW_MM_A_DMA_XFER_COPY)) ||
	      (xa->has_dst_offset &&
	       nla_put_u64(req, SHADOW_MM_A_DMA_XFER_DST_OFFSET,
			   xa->dst_offset));
	if (smm_nl_call(nl, req, err, &smm_dma_xfer_attr_set, &reply, what))
		return -1;
	attrs = smm_nl_attrs(reply, &len);
	if (dma_decode_xfer(attrs, len, x, bad))
		bad_reply(what, bad);
	else
		ret = 0;
	nlmsg_free(reply);
	return ret;
}

/*
 * `dma xfer SRC [DST] ... [copy] [dst-offset D]`: one transfer between
 * named buffers; a copy says that it verified nothing.
 */
static int xfer_named(const struct smm_cmdline *cl)
{
	struct xfer_args xa = {
		.src = cl->dma.id,
		.dst = cl->dma.dst ? cl->dma.dst : cl->dma.id,
		.has_offset = cl->dma.has_offset,
		.offset = cl->dma.offset,
		.size = cl->dma.size,
		.has_seed = cl->dma.has_seed,
		.seed = cl->dma.seed,
		.copy = cl->dma.copy,
		.has_dst_offset = cl->dma.has_dst_offset,
		.dst_offset = cl->dma.dst_offset,
	};
	const char *what = "dma xfer";
	struct smm_dma_xfer_info x;
	int ret = SMM_EXIT_ERROR;
	struct smm_out o;
	struct smm_nl nl;

	if (smm_nl_open(&nl)) {
		smm_nl_perror(&nl, what);
		goto out;
	}
	if (xfer_once(&nl, &xa, &x))
		goto out;
	out_start(&o, cl);
	if (xa.copy)
		dmabuf_print_copy(&o, xa.src, xa.dst, xa.has_dst_offset,
				  xa.dst_offset, &x);
	else
		dma_print_xfer(&o, 0, xa.src, xa.dst, &x);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	smm_nl_close(&nl);
	return ret;
}

/*
 * Makes a temporary bidirectional buffer of @kind and @size bytes on @nl:
 * coherent by DMA_ALLOC, the others by DMA_MAP. Return: its id, or 0
 * with the reason printed.
 */
static __u32 temp_buffer(struct smm_nl *nl, __u32 kind, __u64 size)
{
	bool coherent = kind == SHADOW_MM_DMA_KIND_COHERENT;
	const char *what = coherent ? "dma xfer: dma alloc" :
			   "dma xfer: dma map";
	struct nl_msg *req, *reply = NULL;
	struct smm_dma_buf_info b;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	__u32 id = 0;
	size_t len;
	int err;

	req = smm_nl_request(nl, coherent ? SHADOW_MM_CMD_DMA_ALLOC :
			     SHADOW_MM_CMD_DMA_MAP);
	if (!req) {
		smm_nl_perror(nl, what);
		return 0;
	}
	err = nla_put_u64(req, SHADOW_MM_A_DMA_SIZE, size);
	if (!err && !coherent)
		err = nla_put_u32(req, SHADOW_MM_A_DMA_KIND, kind) ||
		      nla_put_u32(req, SHADOW_MM_A_DMA_DIR,
				  SHADOW_MM_DMA_DIR_BIDIRECTIONAL);
	if (smm_nl_call(nl, req, err, &smm_dma_attr_set, &reply, what))
		return 0;
	attrs = smm_nl_attrs(reply, &len);
	if (dma_decode_buf(attrs, len, &b, bad))
		bad_reply(what, bad);
	else
		id = b.id;
	smm_dma_buf_info_release(&b);
	nlmsg_free(reply);
	return id;
}

/* Releases temporary buffer @id; 0, or -1 with the reason printed. */
static int temp_release(struct smm_nl *nl, __u32 id)
{
	const char *what = "dma xfer: dma unmap";
	struct nl_msg *req;
	int err;

	req = smm_nl_request(nl, SHADOW_MM_CMD_DMA_UNMAP);
	if (!req) {
		smm_nl_perror(nl, what);
		return -1;
	}
	err = nla_put_u32(req, SHADOW_MM_A_DMA_ID, id);
	if (smm_nl_call(nl, req, err, &smm_dma_attr_set, NULL, what)) {
		fprintf(stderr, "smm: dma xfer: buffer %u is left: smm dma unmap %u\n",
			id, id);
		return -1;
	}
	return 0;
}

/*
 * One transfer of @size bytes through a temporary buffer of @kind,
 * released whatever happens. Return: 0; 1 when the transfer or the
 * release failed; -1 when the buffer could not be made (reasons printed).
 */
static int xfer_kind(struct smm_nl *nl, struct smm_out *o,
		     const struct smm_cmdline *cl, __u32 kind, __u32 size)
{
	struct xfer_args xa = {
		.size = size,
		.has_seed = cl->dma.has_seed,
		.seed = cl->dma.seed,
	};
	__u64 bytes = size;
	struct smm_dma_xfer_info x;
	int ret = 0;

	if (kind == SHADOW_MM_DMA_KIND_SG) {
		bytes = DMA_XFER_SG_BYTES;
		xa.has_offset = true;
		xa.offset = (DMA_XFER_SG_BYTES - size) / 2;
	}
	xa.src = temp_buffer(nl, kind, bytes);
	if (!xa.src)
		return -1;
	xa.dst = xa.src;
	if (xfer_once(nl, &xa, &x)) {
		fprintf(stderr, "smm: dma xfer: the %s transfer failed\n",
			smm_dma_kind_name(kind));
		ret = 1;
	} else {
		dma_print_xfer(o, kind, xa.src, xa.dst, &x);
	}
	if (temp_release(nl, xa.src))
		ret = 1;
	return ret;
}

/*
 * The bytes one transfer may move: the device's window as the module
 * reports it (qemu's edu takes one byte less than its 4 KiB buffer).
 * Return: 0, or -1 with the reason printed (no device, most often).
 */
static int xfer_window(struct smm_nl *nl, __u32 *window)
{
	const char *what = "dma xfer: dma dev";
	struct nl_msg *req, *reply = NULL;
	struct smm_dma_dev_info d;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	size_t len;
	int ret = -1;

	req = smm_nl_request(nl, SHADOW_MM_CMD_DMA_DEV_GET);
	if (!req) {
		smm_nl_perror(nl, what);
		return -1;
	}
	if (smm_nl_call(nl, req, 0, &smm_dma_dev_attr_set, &reply, what))
		return -1;
	attrs = smm_nl_attrs(reply, &len);
	if (dma_decode_dev(attrs, len, &d, bad)) {
		bad_reply(what, bad);
	} else {
		*window = d.has[SHADOW_MM_A_DMA_DEV_WINDOW_SIZE] &&
			  d.window_size ? d.window_size : SHADOW_MM_EDU_WINDOW;
		ret = 0;
	}
	nlmsg_free(reply);
	return ret;
}

/*
 * `dma xfer [kind K] [size S] [seed N]`: each kind asked for in turn,
 * moving S bytes (default: the device's window). A failed transfer does
 * not stop the others; a buffer that cannot be made (no memory) does.
 */
static int xfer_kinds(const struct smm_cmdline *cl)
{
	static const __u32 kinds[] = {
		SHADOW_MM_DMA_KIND_COHERENT, SHADOW_MM_DMA_KIND_SINGLE,
		SHADOW_MM_DMA_KIND_SG,
	};
	const char *what = "dma xfer";
	int ret = SMM_EXIT_ERROR;
	bool failed = false;
	struct smm_out o;
	struct smm_nl nl;
	__u32 size;
	size_t i;
	int done;

	if (smm_nl_open(&nl)) {
		smm_nl_perror(&nl, what);
		goto out;
	}
	if (xfer_window(&nl, &size))
		goto out;
	if (cl->dma.size > size) {
		fprintf(stderr, "smm: dma xfer: size %llu is larger than the device's window (%u bytes)\n",
			(unsigned long long)cl->dma.size, size);
		goto out;
	}
	if (cl->dma.size)
		size = cl->dma.size;
	out_start(&o, cl);
	out_begin_array(&o, NULL);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (cl->dma.kind && cl->dma.kind != kinds[i])
			continue;
		done = xfer_kind(&nl, &o, cl, kinds[i], size);
		failed |= done != 0;
		if (done < 0)
			break;
		/* Each line as it comes: a transfer takes a while. */
		fflush(o.f);
	}
	out_end_array(&o);
	if (!out_done(&o, what) && !failed)
		ret = SMM_EXIT_OK;
out:
	smm_nl_close(&nl);
	return ret;
}

/**
 * dma_xfer() - `smm dma xfer SRC [DST] [offset O] [size S] [seed N | copy]
 *	[dst-offset D]` and `smm dma xfer [kind K] [size S] [seed N]`
 * @cl: the command line
 *
 * A line per transfer; with -j an object for named buffers, an array for
 * the temporary ones.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_xfer(const struct smm_cmdline *cl)
{
	return cl->dma.id ? xfer_named(cl) : xfer_kinds(cl);
}

/* The buffers of a dump, gathered to be printed as one table. */
struct list_ctx {
	struct smm_dma_buf_info *bufs;
	size_t n;
};

/*
 * One part of the dump: a buffer, or the rest of the segments of the one
 * before (same id), which go to it.
 */
static int list_one(struct nl_msg *msg, void *arg)
{
	struct smm_dma_buf_info part, *b;
	struct list_ctx *ctx = arg;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	size_t len;
	int ret;

	attrs = smm_nl_attrs(msg, &len);
	ret = dma_decode_buf(attrs, len, &part, bad);
	if (ret) {
		smm_dma_buf_info_release(&part);
		bad_reply("dma list", bad);
		return ret;
	}
	if (ctx->n && ctx->bufs[ctx->n - 1].id == part.id) {
		ret = dma_buf_merge_part(&ctx->bufs[ctx->n - 1], &part);
	} else {
		b = realloc(ctx->bufs, (ctx->n + 1) * sizeof(*b));
		if (b) {
			ctx->bufs = b;
			b[ctx->n++] = part;
		}
		ret = b ? 0 : -ENOMEM;
	}
	if (ret) {
		smm_dma_buf_info_release(&part);
		fprintf(stderr, "smm: dma list: out of memory\n");
	}
	return ret;
}

/**
 * dma_list() - `smm dma list`: every DMA buffer, a row each
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_list(const struct smm_cmdline *cl)
{
	struct list_ctx ctx = { NULL, 0 };
	const char *what = "dma list";
	int ret = SMM_EXIT_ERROR;
	struct smm_out o;
	struct smm_nl nl;
	size_t i;

	if (smm_nl_open(&nl))
		goto fail;
	if (smm_nl_dump_cmd(&nl, SHADOW_MM_CMD_DMA_GET, &smm_dma_attr_set,
			    list_one, &ctx))
		goto fail;
	out_start(&o, cl);
	dma_print_list(&o, ctx.bufs, ctx.n);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, what);
out:
	for (i = 0; i < ctx.n; i++)
		smm_dma_buf_info_release(&ctx.bufs[i]);
	free(ctx.bufs);
	smm_nl_close(&nl);
	return ret;
}

/**
 * dma_show() - `smm dma show ID`: one buffer and its segments
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_show(const struct smm_cmdline *cl)
{
	const char *what = "dma show";
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_out o;
	struct smm_nl nl;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_DMA_GET, what);
	if (!req)
		goto out;
	err = nla_put_u32(req, SHADOW_MM_A_DMA_ID, cl->dma.id);
	if (smm_nl_call(&nl, req, err, &smm_dma_attr_set, &reply, what))
		goto out;
	out_start(&o, cl);
	if (!print_buf_reply(&o, reply, what) && !out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* The findings of the error dump, gathered in order. */
struct findings_ctx {
	struct smm_dma_finding_info *f;
	size_t n;
};

static int finding_one(struct nl_msg *msg, void *arg)
{
	struct findings_ctx *ctx = arg;
	struct smm_dma_finding_info *f;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	size_t len;

	f = realloc(ctx->f, (ctx->n + 1) * sizeof(*f));
	if (!f) {
		fprintf(stderr, "smm: dma errors: out of memory\n");
		return -ENOMEM;
	}
	ctx->f = f;
	attrs = smm_nl_attrs(msg, &len);
	if (dma_decode_finding(attrs, len, &f[ctx->n], bad)) {
		bad_reply("dma errors", bad);
		return -EBADMSG;
	}
	ctx->n++;
	return 0;
}

/**
 * dma_errors() - `smm dma errors [log]` (-v as log): the DMA-debug counts,
 *	and with log the findings kept
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dma_errors(const struct smm_cmdline *cl)
{
	bool verbose = cl->dma.log || (cl->opts & SMM_OPT_VERBOSE);
	struct findings_ctx ctx = { NULL, 0 };
	const char *what = "dma errors";
	struct nl_msg *req, *reply = NULL;
	struct smm_dma_counts_info c;
	int ret = SMM_EXIT_ERROR;
	char bad[DMA_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_DMA_ERROR_GET, what);
	if (!req)
		goto out;
	if (smm_nl_call(&nl, req, 0, &smm_dma_error_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	if (dma_decode_counts(attrs, len, &c, bad)) {
		bad_reply(what, bad);
		goto out;
	}
	if (verbose) {
		if (smm_nl_dump_cmd(&nl, SHADOW_MM_CMD_DMA_ERROR_GET,
				    &smm_dma_error_attr_set, finding_one,
				    &ctx)) {
			smm_nl_perror(&nl, what);
			goto out;
		}
	}
	out_start(&o, cl);
	dma_print_errors(&o, &c, ctx.f, ctx.n, verbose);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	free(ctx.f);
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}
