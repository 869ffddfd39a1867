// SPDX-License-Identifier: GPL-2.0
/*
 * page.c - `smm page`: show a descriptor, allocate and free blocks, dump
 * every page, list the owners
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "commands.h"
#include "mm_nl.h"
#include "mm_print.h"

/*
 * PFNs per PAGE_FREE request: 12 bytes each, well under a netlink
 * socket's send buffer. More are sent in several requests, in order.
 */
#define PAGE_FREE_BATCH		4096

static struct smm_out *out_start(struct smm_out *o,
				 const struct smm_cmdline *cl)
{
	out_init(o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	return o;
}

static void no_memory(const char *what)
{
	fprintf(stderr, "smm: %s: out of memory\n", what);
}

/**
 * page_show() - `smm page show PFN`: one page's descriptor
 * @cl: the command line (-j, -p, the PFN)
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int page_show(const struct smm_cmdline *cl)
{
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_page_info page;
	char bad[MM_BAD_LEN];
	struct smm_out o;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	req = smm_nl_request(&nl, SHADOW_MM_CMD_PAGE_GET);
	if (!req)
		goto fail;
	if (nla_put_u64(req, SHADOW_MM_A_PAGE_PFN, cl->pfn)) {
		nlmsg_free(req);
		no_memory("page show");
		goto out;
	}
	if (smm_nl_do(&nl, req, &smm_page_attr_set, &reply))
		goto fail;
	if (mm_decode_page(reply, &page, bad)) {
		fprintf(stderr, "smm: page show: malformed reply: %s\n", bad);
		goto out;
	}
	mm_print_page(out_start(&o, cl), &page);
	if (!out_done(&o, "page show"))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "page show");
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* The PAGE_ALLOC request of `page alloc ...`; NULL when out of memory. */
static struct nl_msg *alloc_request(struct smm_nl *nl,
				    const struct smm_cmdline *cl)
{
	struct nl_msg *req = smm_nl_request(nl, SHADOW_MM_CMD_PAGE_ALLOC);

	if (!req)
		return NULL;
	if (nla_put_u32(req, SHADOW_MM_A_PAGES_ORDER, cl->alloc.order) ||
	    (cl->alloc.zone &&
	     nla_put_u32(req, SHADOW_MM_A_PAGES_ZONE, cl->alloc.zone)) ||
	    (cl->alloc.has_node &&
	     nla_put_u32(req, SHADOW_MM_A_PAGES_NODE, cl->alloc.node)) ||
	    (cl->alloc.migratetype &&
	     nla_put_u32(req, SHADOW_MM_A_PAGES_MIGRATETYPE,
			 cl->alloc.migratetype)) ||
	    (cl->alloc.count &&
	     nla_put_u32(req, SHADOW_MM_A_PAGES_COUNT, cl->alloc.count)) ||
	    (cl->alloc.zero && nla_put_flag(req, SHADOW_MM_A_PAGES_ZERO)) ||
	    (cl->alloc.owner &&
	     nla_put_string(req, SHADOW_MM_A_PAGES_OWNER, cl->alloc.owner))) {
		nlmsg_free(req);
		return NULL;
	}
	return req;
}

static int alloc_print(const struct smm_cmdline *cl, struct nl_msg *reply)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(reply));
	struct smm_out o;
	struct nlattr *nla;
	int rem;

	out_start(&o, cl);
	out_begin_object(&o, NULL);
	if (o.json) {
		json_u64(&o.jw, "order", cl->alloc.order);
		json_begin_array(&o.jw, "pfns");
	}
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		if (nla_type(nla) != SHADOW_MM_A_PAGES_PFN)
			continue;
		if (nla_len(nla) != sizeof(__u64)) {
			fprintf(stderr, "smm: page alloc: malformed reply: pfn of %d bytes\n",
				nla_len(nla));
			return -1;
		}
		if (o.json)
			json_u64(&o.jw, NULL, nla_get_u64(nla));
		else
			printf("%#llx\n", (unsigned long long)nla_get_u64(nla));
	}
	if (o.json)
		json_end_array(&o.jw);
	out_end_object(&o);
	return out_done(&o, "page alloc");
}

/**
 * page_alloc() - `smm page alloc ORDER ...`: allocate blocks
 * @cl: the command line (-j, -p, the request)
 *
 * Prints the first page frame of each block, in hex, a line each; with
 * -j {"order": ORDER, "pfns": [...]}.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int page_alloc(const struct smm_cmdline *cl)
{
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	req = alloc_request(&nl, cl);
	if (!req) {
		no_memory("page alloc");
		goto out;
	}
	if (smm_nl_do(&nl, req, &smm_pages_attr_set, &reply))
		goto fail;
	if (!alloc_print(cl, reply))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "page alloc");
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/**
 * page_free() - `smm page free PFN...`: free blocks by their first frame
 * @cl: the command line (the PFNs)
 *
 * The module refuses a request in which any PFN is not the head of an
 * allocated block, and then frees none of it. More than PAGE_FREE_BATCH
 * PFNs go in several requests; when one is refused, the blocks of the
 * requests before it stay freed, and the message says how many.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int page_free(const struct smm_cmdline *cl)
{
	size_t done = 0, batch, i;
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	while (done < cl->free.n_pfns) {
		batch = cl->free.n_pfns - done;
		if (batch > PAGE_FREE_BATCH)
			batch = PAGE_FREE_BATCH;
		nlmsg_set_default_size(getpagesize() +
				       batch * nla_total_size(sizeof(__u64)));
		req = smm_nl_request(&nl, SHADOW_MM_CMD_PAGE_FREE);
		if (!req)
			goto fail;
		for (i = 0; i < batch; i++)
			if (nla_put_u64(req, SHADOW_MM_A_PAGES_PFN,
					cl->free.pfns[done + i]))
				break;
		if (i < batch) {
			nlmsg_free(req);
			no_memory("page free");
			goto out;
		}
		if (smm_nl_do(&nl, req, &smm_pages_attr_set, NULL))
			goto fail;
		done += batch;
	}
	ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "page free");
	if (done)
		fprintf(stderr, "smm: page free: the first %zu blocks were freed\n",
			done);
out:
	smm_nl_close(&nl);
	return ret;
}

/* The output page dump streams into, and the owner names it uses. */
struct dump_ctx {
	struct smm_out *o;
	const char *what;
	const struct smm_owner_names *owners;
};

/* A closed pipe (`| head`) ends the dump early. */
static int dump_check_output(const struct dump_ctx *ctx)
{
	if (ferror(ctx->o->f)) {
		fprintf(stderr, "smm: %s: writing the output: %s\n",
			ctx->what, strerror(errno));
		return -EIO;
	}
	return 0;
}

/*
 * A part of the page dump: packed (many pages), or one page when the
 * module sent one per message.
 */
static int dump_page(struct nl_msg *msg, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct smm_page_info page;
	struct smm_page_pack pk;
	char bad[MM_BAD_LEN];
	bool single;
	__u32 i;
	int ret;

	ret = mm_decode_page_pack(msg, &pk, bad);
	single = ret == -ENOMSG;
	if (single)
		ret = mm_decode_page(msg, &page, bad);
	if (ret) {
		fprintf(stderr, "smm: %s: malformed reply: %s\n", ctx->what,
			bad);
		return -EBADMSG;
	}
	if (single) {
		mm_print_page_line(ctx->o, &page);
	} else {
		for (i = 0; i < pk.count; i++) {
			smm_page_pack_record(&pk, i, ctx->owners, &page);
			mm_print_page_line(ctx->o, &page);
		}
	}
	return dump_check_output(ctx);
}

static int dump_owner(struct nl_msg *msg, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct smm_owner_info owner;
	char bad[MM_BAD_LEN];

	if (mm_decode_owner(msg, &owner, bad)) {
		fprintf(stderr, "smm: %s: malformed reply: %s\n", ctx->what,
			bad);
		return -EBADMSG;
	}
	mm_print_owner(ctx->o, &owner);
	return 0;
}

/*
 * Runs a dump whose parts (or the pages of a packed part) each become an
 * element of a JSON array.
 */
static int stream_dump(const struct smm_cmdline *cl, struct nl_msg *req,
		       struct smm_nl *nl, const struct smm_attr_set *attrs,
		       int (*cb)(struct nl_msg *msg, void *arg),
		       const char *what, const struct smm_owner_names *owners)
{
	struct smm_out o;
	struct dump_ctx ctx = { .o = &o, .what = what, .owners = owners };
	int ret;

	out_start(&o, cl);
	out_begin_array(&o, NULL);
	if (cb == dump_owner)
		mm_print_owners_header(&o);
	ret = smm_nl_dump(nl, req, attrs, cb, &ctx);
	out_end_array(&o);
	if (ret) {
		/* What was printed stays; the JSON may be cut short. */
		fflush(stdout);
		smm_nl_perror(nl, what);
		return SMM_EXIT_ERROR;
	}
	return out_done(&o, what) ? SMM_EXIT_ERROR : SMM_EXIT_OK;
}

/**
 * page_dump() - `smm page dump [node N] [zone Z]`: every shadow page
 * @cl: the command line (-j, -p, the filter)
 *
 * Maps owner ids to names with an owner-get dump, then streams the
 * module's resumable page dump in its packed form (up to 1024 pages a
 * message): a line per page as the parts come (see
 * mm_print_page_line()), or one JSON array, as the per-page form prints.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int page_dump(const struct smm_cmdline *cl)
{
	struct smm_owner_names owners = { 0 };
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	smm_nl_set_bulk(&nl);
	if (mm_fetch_owner_names(&nl, "page dump", &owners))
		goto fail;
	req = smm_nl_dump_request(&nl, SHADOW_MM_CMD_PAGE_GET);
	if (!req)
		goto fail;
	if (nla_put_flag(req, SHADOW_MM_A_PAGE_PACKED) ||
	    (cl->filter.has_node &&
	     nla_put_u32(req, SHADOW_MM_A_PAGE_NODE, cl->filter.node)) ||
	    (cl->filter.zone &&
	     nla_put_u32(req, SHADOW_MM_A_PAGE_ZONE, cl->filter.zone))) {
		nlmsg_free(req);
		no_memory("page dump");
		goto out;
	}
	ret = stream_dump(cl, req, &nl, &smm_page_attr_set, dump_page,
			  "page dump", &owners);
	goto out;

fail:
	smm_nl_perror(&nl, "page dump");
out:
	smm_owner_names_release(&owners);
	smm_nl_close(&nl);
	return ret;
}

/**
 * page_owners() - `smm page owners`: what each owner tag holds
 * @cl: the command line (-j, -p)
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int page_owners(const struct smm_cmdline *cl)
{
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	req = smm_nl_dump_request(&nl, SHADOW_MM_CMD_OWNER_GET);
	if (!req)
		goto fail;
	ret = stream_dump(cl, req, &nl, &smm_owner_attr_set, dump_owner,
			  "page owners", NULL);
	goto out;

fail:
	smm_nl_perror(&nl, "page owners");
out:
	smm_nl_close(&nl);
	return ret;
}
