// SPDX-License-Identifier: GPL-2.0
/*
 * zone.c - the zone dump and what is made of it: `smm zone show`, and the
 * /proc look-alikes `smm buddyinfo`, `smm pagetypeinfo`, `smm zoneinfo`;
 * `smm zone map`, one zone and the page dump of it
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "commands.h"
#include "mm_nl.h"
#include "mm_print.h"
#include "names.h"
#include "procfmt.h"
#include "zonemap.h"

/* Every zone, sorted; -1 with the reason printed on failure. */
static int zones_get(const char *what, struct smm_zone_info **zones,
		     size_t *n)
{
	struct smm_nl nl;
	int ret = -1;

	if (smm_nl_open(&nl) || mm_fetch_zones(&nl, what, zones, n))
		smm_nl_perror(&nl, what);
	else
		ret = 0;
	smm_nl_close(&nl);
	return ret;
}

static bool zone_wanted(const struct smm_cmdline *cl,
			const struct smm_zone_info *z)
{
	if (cl->filter.has_node && z->node != cl->filter.node)
		return false;
	return !cl->filter.zone || z->type == cl->filter.zone;
}

/**
 * zone_show() - `smm zone [show [node N] [type T]]`
 * @cl: the command line (-j, -p, the filter)
 *
 * Text: a block per zone. JSON: an array of zone objects.
 *
 * Return: SMM_EXIT_OK; SMM_EXIT_ERROR when the request failed or no zone
 * matched the filter.
 */
int zone_show(const struct smm_cmdline *cl)
{
	unsigned long page_size = mm_page_size();
	struct smm_zone_info *zones;
	size_t i, n, shown = 0;
	struct smm_out o;
	int ret;

	if (zones_get("zone show", &zones, &n))
		return SMM_EXIT_ERROR;

	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	out_begin_array(&o, NULL);
	for (i = 0; i < n; i++) {
		if (!zone_wanted(cl, &zones[i]))
			continue;
		if (shown++ && !o.json)
			fputc('\n', stdout);
		mm_print_zone(&o, &zones[i], page_size);
	}
	out_end_array(&o);
	ret = out_done(&o, "zone show") ? SMM_EXIT_ERROR : SMM_EXIT_OK;
	smm_zones_release(zones, n);

	if (!ret && !shown && (cl->filter.has_node || cl->filter.zone)) {
		fprintf(stderr, "smm: zone show: no such zone");
		if (cl->filter.has_node)
			fprintf(stderr, " on node %u", cl->filter.node);
		if (cl->filter.zone)
			fprintf(stderr, " of type %s",
				smm_zone_type_name(cl->filter.zone));
		fputc('\n', stderr);
		ret = SMM_EXIT_ERROR;
	}
	return ret;
}

/**
 * buddyinfo_show() - `smm buddyinfo`: the zones as /proc/buddyinfo
 * @cl: the command line (-j, -p)
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int buddyinfo_show(const struct smm_cmdline *cl)
{
	struct smm_zone_info *zones;
	struct smm_out o;
	size_t n;
	int ret;

	if (zones_get("buddyinfo", &zones, &n))
		return SMM_EXIT_ERROR;
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	if (o.json)
		mm_print_buddyinfo_json(&o, zones, n);
	else
		proc_buddyinfo(stdout, zones, n);
	ret = out_done(&o, "buddyinfo") ? SMM_EXIT_ERROR : SMM_EXIT_OK;
	smm_zones_release(zones, n);
	return ret;
}

/**
 * pagetypeinfo_show() - `smm pagetypeinfo`: the zones as /proc/pagetypeinfo
 * @cl: the command line (-j, -p)
 *
 * The pageblock order comes from the module's status (the host kernel's
 * pageblock_order, which the shadow allocator uses).
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int pagetypeinfo_show(const struct smm_cmdline *cl)
{
	struct smm_zone_info *zones;
	struct smm_out o;
	int ret, order;
	size_t n;

	order = status_pageblock_order("pagetypeinfo");
	if (order < 0)
		return SMM_EXIT_ERROR;
	if (zones_get("pagetypeinfo", &zones, &n))
		return SMM_EXIT_ERROR;
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	if (o.json)
		mm_print_pagetypeinfo_json(&o, zones, n, order);
	else
		proc_pagetypeinfo(stdout, zones, n, order);
	ret = out_done(&o, "pagetypeinfo") ? SMM_EXIT_ERROR : SMM_EXIT_OK;
	smm_zones_release(zones, n);
	return ret;
}

/**
 * zoneinfo_show() - `smm zoneinfo`: the zones as /proc/zoneinfo
 * @cl: the command line (-j, -p)
 *
 * With -j the same array of zone objects as `smm -j zone show`.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int zoneinfo_show(const struct smm_cmdline *cl)
{
	struct smm_zone_info *zones;
	struct smm_out o;
	size_t i, n;
	int ret;

	if (zones_get("zoneinfo", &zones, &n))
		return SMM_EXIT_ERROR;
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	if (o.json) {
		out_begin_array(&o, NULL);
		for (i = 0; i < n; i++)
			mm_print_zone(&o, &zones[i], 0);
		out_end_array(&o);
	} else {
		proc_zoneinfo(stdout, zones, n);
	}
	ret = out_done(&o, "zoneinfo") ? SMM_EXIT_ERROR : SMM_EXIT_OK;
	smm_zones_release(zones, n);
	return ret;
}

/* Node @node's zone of type @type into @zone; -1 with the reason printed. */
static int map_zone_get(struct smm_nl *nl, __u32 node, __u32 type,
			struct smm_zone_info *zone)
{
	struct nl_msg *req, *reply = NULL;
	char bad[MM_BAD_LEN];
	int ret = -1;

	memset(zone, 0, sizeof(*zone));
	req = smm_nl_request(nl, SHADOW_MM_CMD_ZONE_GET);
	if (!req) {
		smm_nl_perror(nl, "zone map");
		return -1;
	}
	if (nla_put_u32(req, SHADOW_MM_A_ZONE_NODE, node) ||
	    nla_put_u32(req, SHADOW_MM_A_ZONE_TYPE, type)) {
		nlmsg_free(req);
		fprintf(stderr, "smm: zone map: out of memory\n");
		return -1;
	}
	if (smm_nl_do(nl, req, &smm_zone_attr_set, &reply)) {
		smm_nl_perror(nl, "zone map");
		return -1;
	}
	if (mm_decode_zone(reply, zone, bad))
		fprintf(stderr, "smm: zone map: malformed reply: %s\n", bad);
	else if (!zone->has[SHADOW_MM_A_ZONE_START_PFN] ||
		 !zone->has[SHADOW_MM_A_ZONE_SPANNED_PAGES])
		fprintf(stderr, "smm: zone map: the module did not send the zone's span\n");
	else
		ret = 0;
	nlmsg_free(reply);
	return ret;
}

/* A part of the page dump: into the map. */
static int map_page(struct nl_msg *msg, void *arg)
{
	struct zonemap *map = arg;
	struct smm_page_info page;
	char bad[MM_BAD_LEN];
	int ret;

	if (mm_decode_page(msg, &page, bad)) {
		fprintf(stderr, "smm: zone map: malformed reply: %s\n", bad);
		return -EBADMSG;
	}
	ret = zonemap_add_page(map, &page);
	if (ret == -ENOMEM)
		fprintf(stderr, "smm: zone map: out of memory\n");
	else if (ret)
		fprintf(stderr, "smm: zone map: page %#llx out of order in the dump\n",
			(unsigned long long)page.pfn);
	return ret;
}

/* The zone's pages into @map; -1 with the reason printed. */
static int map_pages(struct smm_nl *nl, struct zonemap *map)
{
	struct nl_msg *req = smm_nl_dump_request(nl, SHADOW_MM_CMD_PAGE_GET);

	if (!req) {
		smm_nl_perror(nl, "zone map");
		return -1;
	}
	if (nla_put_u32(req, SHADOW_MM_A_PAGE_NODE, map->node) ||
	    nla_put_u32(req, SHADOW_MM_A_PAGE_ZONE, map->zone_type)) {
		nlmsg_free(req);
		fprintf(stderr, "smm: zone map: out of memory\n");
		return -1;
	}
	if (smm_nl_dump(nl, req, &smm_page_attr_set, map_page, map)) {
		smm_nl_perror(nl, "zone map");
		return -1;
	}
	if (zonemap_finish(map)) {
		fprintf(stderr, "smm: zone map: out of memory\n");
		return -1;
	}
	return 0;
}

/* Colour on a terminal, unless NO_COLOR (https://no-color.org) is set. */
static bool map_colour(void)
{
	const char *no_colour = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && !(no_colour && *no_colour) &&
	       !(term && !strcmp(term, "dumb"));
}

/* The SVG image into @path ("-": standard output); -1 with the reason. */
static int map_write_svg(const char *path, const struct zonemap *map)
{
	bool to_stdout = !strcmp(path, "-");
	FILE *f = to_stdout ? stdout : fopen(path, "w");
	int bad;

	if (!f) {
		fprintf(stderr, "smm: zone map: %s: %s\n", path, strerror(errno));
		return -1;
	}
	zonemap_print_svg(f, map);
	bad = to_stdout ? fflush(f) || ferror(f) : ferror(f);
	if (!to_stdout && fclose(f))
		bad = 1;
	if (bad) {
		fprintf(stderr, "smm: zone map: writing %s: %s\n",
			to_stdout ? "the output" : path, strerror(errno));
		return -1;
	}
	return 0;
}

/**
 * zone_map() - `smm zone map TYPE [node N] [--svg FILE]`
 * @cl: the command line (-j, -p, the zone, --svg)
 *
 * Fetches the pageblock order (status), the zone's span (zone-get) and
 * its pages (the page-get dump of that node and zone), and draws them:
 * a terminal picture (coloured on a terminal), with -j the runs as JSON,
 * with --svg FILE an SVG image in FILE and nothing else unless -j.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int zone_map(const struct smm_cmdline *cl)
{
	__u32 node = cl->filter.has_node ? cl->filter.node : 0;
	struct smm_zone_info zone;
	int order, ret = SMM_EXIT_ERROR;
	struct zonemap map;
	struct smm_out o;
	struct smm_nl nl;

	order = status_pageblock_order("zone map");
	if (order < 0)
		return SMM_EXIT_ERROR;
	if (smm_nl_open(&nl)) {
		smm_nl_perror(&nl, "zone map");
		smm_nl_close(&nl);
		return SMM_EXIT_ERROR;
	}
	if (map_zone_get(&nl, node, cl->filter.zone, &zone)) {
		smm_zone_info_release(&zone);
		smm_nl_close(&nl);
		return SMM_EXIT_ERROR;
	}
	zonemap_init(&map, node, cl->filter.zone, zone.start_pfn,
		     zone.spanned, order);
	smm_zone_info_release(&zone);
	if (map_pages(&nl, &map))
		goto out;

	if (cl->svg && map_write_svg(cl->svg, &map))
		goto out;
	ret = SMM_EXIT_OK;
	if (cl->svg && !(cl->opts & SMM_OPT_JSON))
		goto out;
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	if (o.json)
		zonemap_print_json(&o, &map);
	else
		zonemap_print_text(stdout, &map, map_colour());
	if (out_done(&o, "zone map"))
		ret = SMM_EXIT_ERROR;
out:
	zonemap_release(&map);
	smm_nl_close(&nl);
	return ret;
}
