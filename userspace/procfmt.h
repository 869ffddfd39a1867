/* SPDX-License-Identifier: GPL-2.0 */
/*
 * procfmt.h - the shadow zones in the text formats of the kernel's
 * /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo (Linux 6.1,
 * mm/vmstat.c)
 *
 * Every line printed is character for character what the kernel prints
 * for the same numbers, so tools that parse those files parse these.
 * Lines about what the shadow world does not have (per-node vm stats,
 * watermark boost, CMA, NUMA event counters, vm stats thresholds, reclaim
 * state) are left out, not printed as zeros; so are lines whose attribute
 * the module did not send.
 */
#ifndef SMM_PROCFMT_H
#define SMM_PROCFMT_H

#include <stddef.h>
#include <stdio.h>

#include "mm_info.h"

void proc_buddyinfo(FILE *f, const struct smm_zone_info *zones, size_t n);
void proc_pagetypeinfo(FILE *f, const struct smm_zone_info *zones, size_t n,
		       int pageblock_order);
void proc_zoneinfo(FILE *f, const struct smm_zone_info *zones, size_t n);

#endif /* SMM_PROCFMT_H */
