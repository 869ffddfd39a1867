// SPDX-License-Identifier: GPL-2.0
/*
 * zone.c - the zone dump and what is made of it: `smm zone show`, and the
 * /proc look-alikes `smm buddyinfo`, `smm pagetypeinfo`, `smm zoneinfo`
 */
#include <stdio.h>
#include <linux/shadow_mm.h>

#include "commands.h"
#include "mm_nl.h"
#include "mm_print.h"
#include "names.h"
#include "procfmt.h"

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
