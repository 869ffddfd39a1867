// SPDX-License-Identifier: GPL-2.0
/*
 * as.c - `smm as`: create and destroy shadow address spaces, list them,
 * map, unmap and protect ranges, touch an address as the MMU would
 *
 * `as dump` is a range walk: walk.c runs it. The replies are decoded by
 * pt_info.c and printed by pt_print.c, neither of which knows netlink.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "commands.h"
#include "nl.h"
#include "print.h"
#include "pt_info.h"
#include "pt_print.h"

static void out_start(struct smm_out *o, const struct smm_cmdline *cl)
{
	out_init(o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
}

static void bad_reply(const char *what, const char *bad)
{
	fprintf(stderr, "smm: %s: malformed reply: %s\n", what, bad);
}

/* Decodes an address space from @reply and prints it. */
static int print_as_reply(struct smm_out *o, struct nl_msg *reply,
			  const char *what)
{
	struct smm_as_info as;
	char bad[PT_BAD_LEN];
	const void *attrs;
	size_t len;
	int ret;

	attrs = smm_nl_attrs(reply, &len);
	ret = pt_decode_as(attrs, len, &as, bad);
	if (!ret)
		pt_print_as(o, &as);
	else
		bad_reply(what, bad);
	smm_as_info_release(&as);
	return ret;
}

/**
 * as_create() - `smm as create FORMAT [levels N] [mair HEX]`
 * @cl: the command line
 *
 * Prints the new space's id, or with -j the whole space.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_create(const struct smm_cmdline *cl)
{
	const char *what = "as create";
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_as_info as;
	char bad[PT_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_AS_NEW, what);
	if (!req)
		goto out;
	err = nla_put_u32(req, SHADOW_MM_A_AS_FORMAT, cl->as_new.format) ||
	      (cl->as_new.levels &&
	       nla_put_u32(req, SHADOW_MM_A_AS_LEVELS, cl->as_new.levels)) ||
	      (cl->as_new.has_mair &&
	       nla_put_u64(req, SHADOW_MM_A_AS_MAIR, cl->as_new.mair));
	if (smm_nl_call(&nl, req, err, &smm_as_attr_set, &reply, what))
		goto out;
	out_start(&o, cl);
	if (o.json) {
		if (!print_as_reply(&o, reply, what) && !out_done(&o, what))
			ret = SMM_EXIT_OK;
		goto out;
	}
	attrs = smm_nl_attrs(reply, &len);
	if (pt_decode_as(attrs, len, &as, bad)) {
		bad_reply(what, bad);
	} else if (!as.has[SHADOW_MM_A_AS_ID]) {
		bad_reply(what, "no id");
	} else {
		printf("%u\n", as.id);
		if (!out_done(&o, what))
			ret = SMM_EXIT_OK;
	}
	smm_as_info_release(&as);
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/**
 * as_destroy() - `smm as destroy ID`
 * @cl: the command line
 *
 * Prints nothing when it worked.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_destroy(const struct smm_cmdline *cl)
{
	const char *what = "as destroy";
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_AS_DEL, what);
	if (!req)
		goto out;
	err = nla_put_u32(req, SHADOW_MM_A_AS_ID, cl->as.id);
	if (!smm_nl_call(&nl, req, err, &smm_as_attr_set, NULL, what))
		ret = SMM_EXIT_OK;
out:
	smm_nl_close(&nl);
	return ret;
}

/* The output `as list` streams the dump's spaces into. */
struct list_ctx {
	struct smm_out *o;
	unsigned int n;
};

static int list_one(struct nl_msg *msg, void *arg)
{
	struct list_ctx *ctx = arg;

	/* A blank line between spaces in text. */
	if (ctx->n++ && !ctx->o->json)
		fputc('\n', ctx->o->f);
	if (print_as_reply(ctx->o, msg, "as list"))
		return -EBADMSG;
	return ferror(ctx->o->f) ? -EIO : 0;
}

/**
 * as_list() - `smm as list [ID]`
 * @cl: the command line
 *
 * One space (AS_GET do) or every one (the dump; with -j a JSON array).
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_list(const struct smm_cmdline *cl)
{
	const char *what = "as list";
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct list_ctx ctx;
	struct smm_out o;
	struct smm_nl nl;
	int err;

	if (smm_nl_open(&nl))
		goto fail;
	req = cl->as.id ? smm_nl_request(&nl, SHADOW_MM_CMD_AS_GET) :
	      smm_nl_dump_request(&nl, SHADOW_MM_CMD_AS_GET);
	if (!req)
		goto fail;
	out_start(&o, cl);
	if (cl->as.id) {
		err = nla_put_u32(req, SHADOW_MM_A_AS_ID, cl->as.id);
		if (smm_nl_call(&nl, req, err, &smm_as_attr_set, &reply, what))
			goto out;
		if (!print_as_reply(&o, reply, what) && !out_done(&o, what))
			ret = SMM_EXIT_OK;
		goto out;
	}
	ctx = (struct list_ctx){ .o = &o };
	out_begin_array(&o, NULL);
	if (smm_nl_dump(&nl, req, &smm_as_attr_set, list_one, &ctx)) {
		fflush(stdout);
		goto fail;
	}
	out_end_array(&o);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, what);
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* Map, unmap and protect: one request of the map set, one reply. */
static int map_request(const struct smm_cmdline *cl, __u8 cmd,
		       enum smm_map_op op, const char *what)
{
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_map_info m;
	char bad[PT_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;
	int err;

	req = smm_nl_start(&nl, cmd, what);
	if (!req)
		goto out;
	err = nla_put_u32(req, SHADOW_MM_A_MAP_AS, cl->as.id) ||
	      nla_put_u64(req, SHADOW_MM_A_MAP_VA, cl->as.va) ||
	      nla_put_u64(req, SHADOW_MM_A_MAP_LEN, cl->as.len);
	if (!err && op != SMM_MAP_OP_UNMAP)
		err = nla_put_u32(req, SHADOW_MM_A_MAP_PROT, cl->as.prot);
	if (!err && op == SMM_MAP_OP_MAP)
		err = (cl->as.has_pfn &&
		       nla_put_u64(req, SHADOW_MM_A_MAP_PFN, cl->as.pfn)) ||
		      (cl->as.demand &&
		       nla_put_flag(req, SHADOW_MM_A_MAP_DEMAND)) ||
		      (cl->as.small &&
		       nla_put_flag(req, SHADOW_MM_A_MAP_SMALL));
	if (smm_nl_call(&nl, req, err, &smm_map_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	if (pt_decode_map(attrs, len, &m, bad)) {
		bad_reply(what, bad);
		goto out;
	}
	out_start(&o, cl);
	pt_print_map(&o, op, cl->as.va, cl->as.len, cl->as.prot, &m);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/**
 * as_map() - `smm as map ID VA LEN [prot PROT] [pfn PFN | demand] [small]`
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_map(const struct smm_cmdline *cl)
{
	return map_request(cl, SHADOW_MM_CMD_AS_MAP, SMM_MAP_OP_MAP, "as map");
}

/**
 * as_unmap() - `smm as unmap ID VA LEN`
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_unmap(const struct smm_cmdline *cl)
{
	return map_request(cl, SHADOW_MM_CMD_AS_UNMAP, SMM_MAP_OP_UNMAP,
			   "as unmap");
}

/**
 * as_protect() - `smm as protect ID VA LEN PROT`
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_protect(const struct smm_cmdline *cl)
{
	return map_request(cl, SHADOW_MM_CMD_AS_PROTECT, SMM_MAP_OP_PROTECT,
			   "as protect");
}

/**
 * as_touch() - `smm as touch ID VA {r|w|x} [user]`
 * @cl: the command line
 *
 * An access the shadow kernel could not fix up is an answer, not an
 * error: it prints "unresolved" and exits 0.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int as_touch(const struct smm_cmdline *cl)
{
	const char *what = "as touch";
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_walk_info w;
	char bad[PT_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_AS_TOUCH, what);
	if (!req)
		goto out;
	err = nla_put_u32(req, SHADOW_MM_A_WALK_AS, cl->as.id) ||
	      nla_put_u64(req, SHADOW_MM_A_WALK_VA, cl->as.va) ||
	      nla_put_u32(req, SHADOW_MM_A_WALK_ACCESS, cl->as.access) ||
	      (cl->as.user && nla_put_flag(req, SHADOW_MM_A_WALK_USER));
	if (smm_nl_call(&nl, req, err, &smm_walk_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	w.source = SMM_WALK_AS;
	w.id = cl->as.id;
	if (pt_decode_walk(attrs, len, &w, bad)) {
		bad_reply(what, bad);
		goto out;
	}
	/* The module may leave out what was asked: say what it was. */
	if (!w.has[SHADOW_MM_A_WALK_VA]) {
		w.va = cl->as.va;
		w.has[SHADOW_MM_A_WALK_VA] = true;
	}
	if (!w.has[SHADOW_MM_A_WALK_ACCESS]) {
		w.access = cl->as.access;
		w.has[SHADOW_MM_A_WALK_ACCESS] = true;
	}
	w.user = cl->as.user;
	out_start(&o, cl);
	pt_print_touch(&o, &w);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}
