// SPDX-License-Identifier: GPL-2.0
/*
 * smm - the shadowmm command-line tool
 *
 *	smm [ OPTIONS ] OBJECT { COMMAND | help } [ ARGS ]
 *
 * How it is put together:
 *
 *   smm.c       main(): parse, then run the chosen command from the runner
 *               table below; help and --version need no socket.
 *   cmdline.c   the table of objects and their commands, the usage texts,
 *               and smm_parse(), which turns argv into a struct
 *               smm_cmdline without printing or opening anything (the
 *               host test selftests/host/cli_args_test.c drives it).
 *   args.c      word-level helpers: abbreviations, numbers with ranges,
 *               "no words left"; they describe usage errors, never print.
 *   nl.c        the libnl-genl connection: family lookup, request/ACK
 *               round trip, extended-ACK decoding, error reporting.
 *   names.c     UAPI values as users see them (attribute names from the
 *               YNL spec, nested and repeated ones included, for extack
 *               offsets; zone, migrate type, page flag and page-table
 *               format names).
 *   print.c     one print path for text ("label: value") and JSON.
 *   json.c      the JSON writer under print.c (escaping, pretty mode).
 *   status.c    the status and config objects (runners).
 *   node.c      `node show`.
 *   zone.c      `zone show` and the /proc look-alikes buddyinfo,
 *               pagetypeinfo and zoneinfo, all from the zone dump;
 *               `zone map`, from one zone and its pages.
 *   page.c      `page show|alloc|free|dump|owners`.
 *   check.c     `check`, the allocator's invariant checker.
 *   monitor.c   `monitor`: joins the monitor multicast group and prints
 *               the allocator's events as they come.
 *   bench.c     `bench alloc|dump|pt|dmabuf`: the shadow allocator, the
 *               page dump and the page tables timed against the host's,
 *               a dma-buf's mmap against anonymous memory; ratios
 *               printed.
 *   as.c        `as create|destroy|list|map|unmap|protect|touch`: shadow
 *               address spaces.
 *   walk.c      `walk` (shadow, process, kernel) and `as dump`: one
 *               address level by level, or a range as ptdump-like runs.
 *   dma.c       `dma dev|alloc|map|unmap|free|sync|xfer|list|show|errors`:
 *               the DMA device, DMA buffers, transfers, DMA-debug findings.
 *   dmabuf.c    `dmabuf alloc|list|show|import`: dma-bufs made through
 *               /dev/shadow_mm's ioctl, shown and imported over netlink.
 *   mm_info.h   nodes, zones, pages, owners decoded into plain structs
 *               (mm_info.c: sorting, freeing).
 *   mm_nl.c     the decoders from netlink messages into those structs,
 *               and the node and zone dumps.
 *   mm_print.c  those structs as text and JSON; procfmt.c as the
 *               kernel's /proc/buddyinfo, pagetypeinfo and zoneinfo;
 *               zonemap.c a zone's pages as runs, drawn in the terminal,
 *               as JSON or SVG. None touches netlink: host tests feed
 *               them data.
 *   pt_info.c   address spaces, walks, touches, runs, bench pt decoded
 *               from a reply's attribute bytes into plain structs
 *               (pt_info.h), without libnl.
 *   pt_print.c  those as text and JSON, a walk as a tree; pt_draw.c a
 *               walk as SVG or Graphviz DOT.
 *   dma_info.c  the DMA device, buffers, transfers, findings and events
 *               decoded from a reply's attribute bytes (dma_info.h),
 *               without libnl; dma_print.c those as text and JSON.
 *   dmabuf_info.c  dma-bufs, imports and dma-buf events decoded the same
 *               way (dmabuf_info.h); dmabuf_print.c those as text and JSON.
 *   util.h      ARRAY_SIZE(), BIT(), __printf().
 *   sources.mk  which sources make smm, and which subsets host tests
 *               compile on their own (parser, print path).
 *
 * Adding an object: a row in smm_objects[] with its commands and usage
 * (cmdline.c), its enum smm_cmd values (cmdline.h), its runners in a new
 * file declared in commands.h and listed in smm_runners[] below, the file
 * in sources.mk, and rows in selftests/host/cli_args_test.c.
 *
 * Exit status: 0 success, 1 usage error, 2 kernel or runtime error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

#ifndef SMM_VERSION
#define SMM_VERSION "unknown"
#endif

/* Flushes stdout; a failed write (full disk, closed pipe) is an error. */
static int stdout_done(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "smm: writing the output: %s\n", strerror(errno));
		return SMM_EXIT_ERROR;
	}
	return SMM_EXIT_OK;
}

static int run_help(const struct smm_cmdline *cl)
{
	smm_print_help(stdout, cl->object);
	return stdout_done();
}

static int run_version(const struct smm_cmdline *cl)
{
	(void)cl;
	printf("smm %s\n", SMM_VERSION);
	return stdout_done();
}

static int (*const smm_runners[__SMM_CMD_MAX])(const struct smm_cmdline *) = {
	[SMM_CMD_HELP]		= run_help,
	[SMM_CMD_VERSION]	= run_version,
	[SMM_CMD_STATUS_SHOW]	= status_show,
	[SMM_CMD_CONFIG_SET]	= config_set,
	[SMM_CMD_NODE_SHOW]	= node_show,
	[SMM_CMD_ZONE_SHOW]	= zone_show,
	[SMM_CMD_ZONE_MAP]	= zone_map,
	[SMM_CMD_PAGE_SHOW]	= page_show,
	[SMM_CMD_PAGE_ALLOC]	= page_alloc,
	[SMM_CMD_PAGE_FREE]	= page_free,
	[SMM_CMD_PAGE_DUMP]	= page_dump,
	[SMM_CMD_PAGE_OWNERS]	= page_owners,
	[SMM_CMD_BUDDYINFO]	= buddyinfo_show,
	[SMM_CMD_PAGETYPEINFO]	= pagetypeinfo_show,
	[SMM_CMD_ZONEINFO]	= zoneinfo_show,
	[SMM_CMD_CHECK]		= check_run,
	[SMM_CMD_MONITOR]	= monitor_run,
	[SMM_CMD_BENCH_ALLOC]	= bench_alloc,
	[SMM_CMD_BENCH_DUMP]	= bench_dump,
	[SMM_CMD_BENCH_PT]	= bench_pt,
	[SMM_CMD_AS_CREATE]	= as_create,
	[SMM_CMD_AS_DESTROY]	= as_destroy,
	[SMM_CMD_AS_LIST]	= as_list,
	[SMM_CMD_AS_MAP]	= as_map,
	[SMM_CMD_AS_UNMAP]	= as_unmap,
	[SMM_CMD_AS_PROTECT]	= as_protect,
	[SMM_CMD_AS_TOUCH]	= as_touch,
	[SMM_CMD_AS_DUMP]	= walk_run,
	[SMM_CMD_WALK]		= walk_run,
	[SMM_CMD_DMA_DEV]	= dma_dev,
	[SMM_CMD_DMA_DEV_SET]	= dma_dev,
	[SMM_CMD_DMA_ALLOC]	= dma_alloc,
	[SMM_CMD_DMA_MAP]	= dma_map,
	[SMM_CMD_DMA_UNMAP]	= dma_unmap,
	[SMM_CMD_DMA_FREE]	= dma_unmap,
	[SMM_CMD_DMA_SYNC]	= dma_sync,
	[SMM_CMD_DMA_XFER]	= dma_xfer,
	[SMM_CMD_DMA_LIST]	= dma_list,
	[SMM_CMD_DMA_SHOW]	= dma_show,
	[SMM_CMD_DMA_ERRORS]	= dma_errors,
	[SMM_CMD_DMABUF_ALLOC]	= dmabuf_alloc,
	[SMM_CMD_DMABUF_LIST]	= dmabuf_list,
	[SMM_CMD_DMABUF_SHOW]	= dmabuf_show,
	[SMM_CMD_DMABUF_IMPORT]	= dmabuf_import,
	[SMM_CMD_BENCH_DMABUF]	= bench_dmabuf,
};

int main(int argc, char **argv)
{
	struct smm_cmdline cl;
	int ret;

	ret = smm_parse(argc, argv, &cl);
	if (ret) {
		fprintf(stderr, "smm: %s\n%s\n", cl.err, cl.hint);
		return ret;
	}

	if (cl.cmd <= SMM_CMD_NONE || cl.cmd >= __SMM_CMD_MAX ||
	    !smm_runners[cl.cmd]) {
		/* A table row without a runner: a bug, not the user's fault. */
		fprintf(stderr, "smm: internal error: no runner for command %d\n",
			cl.cmd);
		return SMM_EXIT_ERROR;
	}
	ret = smm_runners[cl.cmd](&cl);
	smm_cmdline_free(&cl);
	return ret;
}
