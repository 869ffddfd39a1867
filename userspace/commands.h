/* SPDX-License-Identifier: GPL-2.0 */
/*
 * commands.h - the runners of smm's commands, one per enum smm_cmd
 *
 * A runner gets the parsed command line and returns smm's exit status.
 * Each object's runners live in the object's own file.
 */
#ifndef SMM_COMMANDS_H
#define SMM_COMMANDS_H

#include "cmdline.h"

/* status.c */
int status_show(const struct smm_cmdline *cl);
int config_set(const struct smm_cmdline *cl);
int status_pageblock_order(const char *what);

/* node.c */
int node_show(const struct smm_cmdline *cl);

/* zone.c */
int zone_show(const struct smm_cmdline *cl);
int zone_map(const struct smm_cmdline *cl);
int buddyinfo_show(const struct smm_cmdline *cl);
int pagetypeinfo_show(const struct smm_cmdline *cl);
int zoneinfo_show(const struct smm_cmdline *cl);

/* page.c */
int page_show(const struct smm_cmdline *cl);
int page_alloc(const struct smm_cmdline *cl);
int page_free(const struct smm_cmdline *cl);
int page_dump(const struct smm_cmdline *cl);
int page_owners(const struct smm_cmdline *cl);

/* check.c */
int check_run(const struct smm_cmdline *cl);

/* bench.c */
int bench_alloc(const struct smm_cmdline *cl);
int bench_dump(const struct smm_cmdline *cl);
int bench_pt(const struct smm_cmdline *cl);
int bench_dmabuf(const struct smm_cmdline *cl);

/* as.c */
int as_create(const struct smm_cmdline *cl);
int as_destroy(const struct smm_cmdline *cl);
int as_list(const struct smm_cmdline *cl);
int as_map(const struct smm_cmdline *cl);
int as_unmap(const struct smm_cmdline *cl);
int as_protect(const struct smm_cmdline *cl);
int as_touch(const struct smm_cmdline *cl);

/* walk.c: `walk` and `as dump` */
int walk_run(const struct smm_cmdline *cl);

/* dma.c */
int dma_dev(const struct smm_cmdline *cl);
int dma_alloc(const struct smm_cmdline *cl);
int dma_map(const struct smm_cmdline *cl);
int dma_unmap(const struct smm_cmdline *cl);
int dma_sync(const struct smm_cmdline *cl);
int dma_xfer(const struct smm_cmdline *cl);
int dma_list(const struct smm_cmdline *cl);
int dma_show(const struct smm_cmdline *cl);
int dma_errors(const struct smm_cmdline *cl);

/* dmabuf.c */
struct shadow_mm_alloc_data;
int dmabuf_alloc(const struct smm_cmdline *cl);
int dmabuf_list(const struct smm_cmdline *cl);
int dmabuf_show(const struct smm_cmdline *cl);
int dmabuf_import(const struct smm_cmdline *cl);
int smm_dev_open(const char *what);
int smm_dev_alloc(int dev, struct shadow_mm_alloc_data *req,
		  const char *what);

/* monitor.c */
int monitor_run(const struct smm_cmdline *cl);

#endif /* SMM_COMMANDS_H */
