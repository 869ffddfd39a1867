// SPDX-License-Identifier: GPL-2.0
/*
 * walk.c - `smm walk` and `smm as dump`: an address walked through the
 * page tables of a shadow address space, a process or the kernel, or a
 * range dumped as runs of equal attributes
 *
 * One address: the WALK do request; printed as the per-level table, as
 * JSON, as a tree (--tree), drawn into files (--svg, --dot). A range: the
 * WALK dump, printed a run per line as the parts come.
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
#include "pt_draw.h"
#include "pt_info.h"
#include "pt_print.h"

/* The command's name, for messages. */
static const char *walk_what(const struct smm_cmdline *cl)
{
	if (cl->cmd == SMM_CMD_AS_DUMP)
		return "as dump";
	switch (cl->walk.source) {
	case SMM_WALK_PID:
		return "walk pid";
	case SMM_WALK_KERNEL:
		return "walk kernel";
	default:
		return "walk";
	}
}

/* Adds what is walked (as, pid or kernel) and the range to @req. */
static int put_source(struct nl_msg *req, const struct smm_cmdline *cl,
		      bool dump)
{
	int err = 0;

	switch (cl->walk.source) {
	case SMM_WALK_AS:
		err = nla_put_u32(req, SHADOW_MM_A_WALK_AS, cl->walk.id);
		break;
	case SMM_WALK_PID:
		err = nla_put_u32(req, SHADOW_MM_A_WALK_PID, cl->walk.id);
		break;
	default:
		err = nla_put_flag(req, SHADOW_MM_A_WALK_KERNEL);
		break;
	}
	if (!err)
		err = nla_put_u64(req, SHADOW_MM_A_WALK_VA,
				  cl->walk.has_va ? cl->walk.va : 0);
	if (!err && dump && cl->walk.has_len)
		err = nla_put_u64(req, SHADOW_MM_A_WALK_LEN, cl->walk.len);
	return err;
}

/* Writes a picture of @w into @path ("-": standard output). */
static int write_picture(const char *path, const struct smm_walk_info *w,
			 void (*draw)(FILE *f, const struct smm_walk_info *w),
			 const char *what)
{
	bool to_stdout = !strcmp(path, "-");
	FILE *f = to_stdout ? stdout : fopen(path, "w");
	int bad;

	if (!f) {
		fprintf(stderr, "smm: %s: %s: %s\n", what, path,
			strerror(errno));
		return -1;
	}
	draw(f, w);
	bad = to_stdout ? fflush(f) || ferror(f) : ferror(f);
	if (!to_stdout && fclose(f))
		bad = 1;
	if (bad) {
		fprintf(stderr, "smm: %s: writing %s: %s\n", what,
			to_stdout ? "the output" : path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Prints the walk of one address in every form the command line asked. */
static int walk_output(const struct smm_cmdline *cl,
		       const struct smm_walk_info *w, const char *what)
{
	bool tree = cl->opts & SMM_OPT_TREE;
	struct smm_out o;

	if (cl->svg && write_picture(cl->svg, w, pt_draw_svg, what))
		return SMM_EXIT_ERROR;
	if (cl->dot && write_picture(cl->dot, w, pt_draw_dot, what))
		return SMM_EXIT_ERROR;
	/* Pictures into files alone print nothing else. */
	if ((cl->svg || cl->dot) && !tree && !(cl->opts & SMM_OPT_JSON))
		return SMM_EXIT_OK;
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	if (tree)
		pt_print_walk_tree(stdout, w);
	else
		pt_print_walk(&o, w);
	return out_done(&o, what) ? SMM_EXIT_ERROR : SMM_EXIT_OK;
}

static int walk_one(const struct smm_cmdline *cl)
{
	const char *what = walk_what(cl);
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_walk_info w;
	char bad[PT_BAD_LEN];
	const void *attrs;
	struct smm_nl nl;
	size_t len;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_WALK, what);
	if (!req)
		goto out;
	if (smm_nl_call(&nl, req, put_source(req, cl, false),
			&smm_walk_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	w.source = cl->walk.source;
	w.id = cl->walk.id;
	if (pt_decode_walk(attrs, len, &w, bad)) {
		fprintf(stderr, "smm: %s: malformed reply: %s\n", what, bad);
		goto out;
	}
	if (!w.has[SHADOW_MM_A_WALK_VA]) {
		w.va = cl->walk.va;
		w.has[SHADOW_MM_A_WALK_VA] = true;
	}
	ret = walk_output(cl, &w, what);
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* A u32 attribute of @type in @msg, if it came with the right size. */
static bool find_u32(struct nl_msg *msg, int type, __u32 *val)
{
	const void *attrs;
	struct nlattr *nla;
	size_t len;

	attrs = smm_nl_attrs(msg, &len);
	nla = nla_find(attrs, len, type);
	if (!nla || nla_len(nla) != sizeof(*val))
		return false;
	*val = nla_get_u32(nla);
	return true;
}

/*
 * The format and levels of the tables a dump reads, for its title and
 * address width: the address space's, or the host's (status). Unknown
 * (0) when the module does not say; the dump itself reports errors.
 */
static void dump_format(struct smm_nl *nl, const struct smm_cmdline *cl,
			__u32 *format, __u32 *levels)
{
	bool as = cl->walk.source == SMM_WALK_AS;
	struct nl_msg *req, *reply = NULL;

	*format = 0;
	*levels = 0;
	req = smm_nl_request(nl, as ? SHADOW_MM_CMD_AS_GET :
				     SHADOW_MM_CMD_STATUS_GET);
	if (!req)
		return;
	if (as && nla_put_u32(req, SHADOW_MM_A_AS_ID, cl->walk.id)) {
		nlmsg_free(req);
		return;
	}
	if (smm_nl_do(nl, req, as ? &smm_as_attr_set : &smm_status_attr_set,
		      &reply))
		return;
	if (!find_u32(reply, as ? SHADOW_MM_A_AS_FORMAT :
			     SHADOW_MM_A_STATUS_PT_FORMAT, format) ||
	    !find_u32(reply, as ? SHADOW_MM_A_AS_LEVELS :
			     SHADOW_MM_A_STATUS_PT_LEVELS, levels))
		*levels = 0;
	nlmsg_free(reply);
}

/* The output the runs of a range dump stream into. */
struct dump_ctx {
	struct smm_out *o;
	const char *what;
	__u32 format;
	__u64 runs;
};

static int dump_run(struct nl_msg *msg, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct smm_walk_run_info r;
	char bad[PT_BAD_LEN];
	const void *attrs;
	size_t len;

	attrs = smm_nl_attrs(msg, &len);
	if (pt_decode_run(attrs, len, &r, bad)) {
		fprintf(stderr, "smm: %s: malformed reply: %s\n", ctx->what,
			bad);
		return -EBADMSG;
	}
	pt_print_run(ctx->o, &r, ctx->format);
	ctx->runs++;
	if (ferror(ctx->o->f)) {
		fprintf(stderr, "smm: %s: writing the output: %s\n",
			ctx->what, strerror(errno));
		return -EIO;
	}
	return 0;
}

static int walk_dump(const struct smm_cmdline *cl)
{
	struct dump_ctx ctx = { .what = walk_what(cl) };
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_out o;
	struct smm_nl nl;
	__u32 levels;

	if (smm_nl_open(&nl))
		goto fail;
	dump_format(&nl, cl, &ctx.format, &levels);
	req = smm_nl_dump_request(&nl, SHADOW_MM_CMD_WALK);
	if (!req)
		goto fail;
	if (put_source(req, cl, true)) {
		nlmsg_free(req);
		fprintf(stderr, "smm: %s: out of memory\n", ctx.what);
		goto out;
	}
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	ctx.o = &o;
	pt_print_runs_begin(&o, cl->walk.source, cl->walk.id, ctx.format,
			    levels);
	if (smm_nl_dump(&nl, req, &smm_walk_attr_set, dump_run, &ctx)) {
		/* What was printed stays; the JSON is cut short. */
		fflush(stdout);
		goto fail;
	}
	pt_print_runs_end(&o, ctx.runs);
	if (!out_done(&o, ctx.what))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, ctx.what);
out:
	smm_nl_close(&nl);
	return ret;
}

/**
 * walk_run() - `smm walk ...` and `smm as dump ...`
 * @cl: the command line (what to walk, VA, LEN, -j, -p, --tree, --svg,
 *	--dot)
 *
 * With LEN, and for `as dump`, the range as runs; else the walk of VA.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int walk_run(const struct smm_cmdline *cl)
{
	if (cl->cmd == SMM_CMD_AS_DUMP || cl->walk.has_len)
		return walk_dump(cl);
	return walk_one(cl);
}
