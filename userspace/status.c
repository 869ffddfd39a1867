// SPDX-License-Identifier: GPL-2.0
/*
 * status.c - `smm status` and `smm config`: the module as a whole
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "commands.h"
#include "names.h"
#include "nl.h"
#include "print.h"

/*
 * What a STATUS_GET reply may carry. libnl checks the sizes, and that
 * strings are NUL-terminated; attributes above SHADOW_MM_A_STATUS_MAX (from
 * a newer module) are ignored.
 */
static struct nla_policy status_policy[SHADOW_MM_A_STATUS_MAX + 1] = {
	[SHADOW_MM_A_STATUS_VERSION]		= { .type = NLA_STRING },
	[SHADOW_MM_A_STATUS_KERNEL_RELEASE]	= { .type = NLA_STRING },
	[SHADOW_MM_A_STATUS_MACHINE]		= { .type = NLA_STRING },
	[SHADOW_MM_A_STATUS_PAGE_SIZE]		= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_PT_FORMAT]		= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_PT_LEVELS]		= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_CPUS_ONLINE]	= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_SHADOW_BYTES]	= { .type = NLA_U64 },
	[SHADOW_MM_A_STATUS_DEBUG]		= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_MAX_ORDER]		= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER]	= { .type = NLA_U32 },
	[SHADOW_MM_A_STATUS_EVENTS_DROPPED]	= { .type = NLA_U64 },
};

static const char *attr_str(struct nlattr *nla)
{
	return nla ? nla_get_string(nla) : NULL;
}

/* A u32 field; an absent attribute shows as "unknown" / null. */
static void field_u32(struct smm_out *o, const char *key, const char *label,
		      struct nlattr *nla)
{
	if (nla)
		out_u64(o, OUT_ANY, key, label, nla_get_u32(nla));
	else
		out_str(o, OUT_ANY, key, label, NULL);
}

/* "x86_64, 4 levels": the format and depth of the host's page tables. */
static void field_page_tables(struct smm_out *o, struct nlattr *fmt_nla,
			      struct nlattr *levels_nla)
{
	const char *name = NULL;
	char fmt_text[32];
	__u32 fmt = 0;

	if (fmt_nla) {
		fmt = nla_get_u32(fmt_nla);
		name = smm_pt_format_name(fmt);
	}

	if (o->json) {
		/* null when absent, "unknown" when newer than this smm. */
		out_str(o, OUT_JSON, "pt_format", NULL,
			fmt_nla && !name ? "unknown" : name);
		field_u32(o, "pt_levels", NULL, levels_nla);
		return;
	}

	if (name)
		snprintf(fmt_text, sizeof(fmt_text), "%s", name);
	else if (fmt_nla)
		snprintf(fmt_text, sizeof(fmt_text), "unknown format %u", fmt);
	else
		snprintf(fmt_text, sizeof(fmt_text), "unknown format");

	if (levels_nla)
		out_textf(o, "page tables", "%s, %u levels", fmt_text,
			  nla_get_u32(levels_nla));
	else
		out_textf(o, "page tables", "%s", fmt_text);
}

/* "134217728 bytes (128 MiB)" in text, the plain number in JSON. */
static void field_shadow_bytes(struct smm_out *o, struct nlattr *nla)
{
	char human[32];
	__u64 bytes;

	if (!nla) {
		out_str(o, OUT_ANY, "shadow_bytes", "shadow memory", NULL);
		return;
	}
	bytes = nla_get_u64(nla);
	out_u64(o, OUT_JSON, "shadow_bytes", NULL, bytes);
	if (bytes < 1024)
		out_textf(o, "shadow memory", "%llu bytes",
			  (unsigned long long)bytes);
	else
		out_textf(o, "shadow memory", "%llu bytes (%s)",
			  (unsigned long long)bytes,
			  format_size_iec(bytes, human, sizeof(human)));
}

static int status_print(const struct smm_cmdline *cl, struct nlattr **tb)
{
	struct smm_out o;
	int ret;

	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	out_begin_object(&o, NULL);
	out_str(&o, OUT_ANY, "version", "module version",
		attr_str(tb[SHADOW_MM_A_STATUS_VERSION]));
	out_str(&o, OUT_ANY, "kernel_release", "kernel",
		attr_str(tb[SHADOW_MM_A_STATUS_KERNEL_RELEASE]));
	out_str(&o, OUT_ANY, "machine", "machine",
		attr_str(tb[SHADOW_MM_A_STATUS_MACHINE]));
	field_u32(&o, "page_size", "page size",
		  tb[SHADOW_MM_A_STATUS_PAGE_SIZE]);
	field_page_tables(&o, tb[SHADOW_MM_A_STATUS_PT_FORMAT],
			  tb[SHADOW_MM_A_STATUS_PT_LEVELS]);
	field_u32(&o, "cpus_online", "CPUs online",
		  tb[SHADOW_MM_A_STATUS_CPUS_ONLINE]);
	field_shadow_bytes(&o, tb[SHADOW_MM_A_STATUS_SHADOW_BYTES]);
	field_u32(&o, "debug", "debug level", tb[SHADOW_MM_A_STATUS_DEBUG]);
	field_u32(&o, "max_order", "max order",
		  tb[SHADOW_MM_A_STATUS_MAX_ORDER]);
	field_u32(&o, "pageblock_order", "pageblock order",
		  tb[SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER]);
	if (tb[SHADOW_MM_A_STATUS_EVENTS_DROPPED])
		out_u64(&o, OUT_ANY, "events_dropped", "events dropped",
			nla_get_u64(tb[SHADOW_MM_A_STATUS_EVENTS_DROPPED]));
	else
		out_str(&o, OUT_ANY, "events_dropped", "events dropped", NULL);
	out_end_object(&o);

	ret = out_finish(&o);
	if (ret) {
		fprintf(stderr, "smm: status: writing the output: %s\n",
			strerror(-ret));
		return SMM_EXIT_ERROR;
	}
	return SMM_EXIT_OK;
}

/*
 * Asks the module for its status into @tb (pointing into *@reply, which
 * the caller frees). Return: 0, or -1 with the reason printed.
 */
static int status_fetch(const char *what, struct nlattr **tb,
			struct nl_msg **reply)
{
	struct nl_msg *req;
	struct smm_nl nl;
	int ret = -1;
	int err;

	*reply = NULL;
	if (smm_nl_open(&nl))
		goto fail;
	req = smm_nl_request(&nl, SHADOW_MM_CMD_STATUS_GET);
	if (!req)
		goto fail;
	if (smm_nl_do(&nl, req, &smm_status_attr_set, reply))
		goto fail;

	err = genlmsg_parse(nlmsg_hdr(*reply), 0, tb, SHADOW_MM_A_STATUS_MAX,
			    status_policy);
	if (err < 0) {
		fprintf(stderr, "smm: %s: malformed status reply: %s\n",
			what, nl_geterror(err));
		goto out;
	}
	ret = 0;
	goto out;

fail:
	smm_nl_perror(&nl, what);
out:
	smm_nl_close(&nl);
	return ret;
}

/**
 * status_show() - `smm status [show]`: print the module's status
 * @cl: the command line (-j, -p)
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int status_show(const struct smm_cmdline *cl)
{
	struct nlattr *tb[SHADOW_MM_A_STATUS_MAX + 1];
	struct nl_msg *reply;
	int ret = SMM_EXIT_ERROR;

	if (!status_fetch("status", tb, &reply))
		ret = status_print(cl, tb);
	nlmsg_free(reply);
	return ret;
}

/**
 * status_pageblock_order() - the pageblock order the module runs with
 * @what: the command asking, for error messages
 *
 * Return: the order, or -1 with the reason printed (a module too old to
 * say counts as an error too).
 */
int status_pageblock_order(const char *what)
{
	struct nlattr *tb[SHADOW_MM_A_STATUS_MAX + 1];
	struct nl_msg *reply;
	int order = -1;

	if (!status_fetch(what, tb, &reply)) {
		if (tb[SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER])
			order = nla_get_u32(tb[SHADOW_MM_A_STATUS_PAGEBLOCK_ORDER]);
		else
			fprintf(stderr, "smm: %s: the module does not report its pageblock order\n",
				what);
	}
	nlmsg_free(reply);
	return order;
}

/**
 * config_set() - `smm config set debug LEVEL`: change the module's settings
 * @cl: the command line, with the settings parsed
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int config_set(const struct smm_cmdline *cl)
{
	int ret = SMM_EXIT_ERROR;
	struct nl_msg *req;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	req = smm_nl_request(&nl, SHADOW_MM_CMD_CONFIG_SET);
	if (!req)
		goto fail;
	if (cl->config_set.has_debug &&
	    nla_put_u32(req, SHADOW_MM_A_STATUS_DEBUG, cl->config_set.debug)) {
		nlmsg_free(req);
		fprintf(stderr, "smm: config set: out of memory\n");
		goto out;
	}
	if (smm_nl_do(&nl, req, &smm_status_attr_set, NULL))
		goto fail;
	ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "config set");
out:
	smm_nl_close(&nl);
	return ret;
}
