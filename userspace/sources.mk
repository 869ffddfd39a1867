# SPDX-License-Identifier: GPL-2.0
#
# The sources of smm, for userspace/Makefile and for host tests that build
# parts of smm with their own flags (sanitizers). Names are relative to
# userspace/.
#
# SMM_PARSER_SRCS: the argument parser and its table. No libnl, no main():
#   enough for selftests/host/cli_args_test.c.
# SMM_PRINT_SRCS: the text/JSON print path. No libnl either.
# SMM_RENDER_SRCS: the renderers of nodes, zones and pages (text, JSON,
#   the /proc formats, the zone map), of address spaces and walks (their
#   decoders, text, JSON, tree, SVG, DOT), of the DMA device, buffers,
#   transfers, findings and events (their decoders, text, JSON), the SVG
#   pieces both pictures use, of dma-bufs, imports and dma-buf events
#   (decoders, text, JSON), the attribute decoder they share, and the
#   names they use. No libnl: enough, with SMM_PRINT_SRCS, for
#   selftests/host/cli_proc_test.c, cli_map_test.c, cli_pt_test.c,
#   cli_dma_test.c and cli_dmabuf_test.c.
# SMM_SRCS: everything in the smm binary.

SMM_PARSER_SRCS := args.c cmdline.c
SMM_PRINT_SRCS := json.c print.c
SMM_RENDER_SRCS := names.c mm_info.c mm_print.c procfmt.c zonemap.c \
	page_pack.c pt_info.c pt_print.c pt_draw.c svg.c \
	attr_decode.c dma_info.c dma_print.c dmabuf_info.c dmabuf_print.c
SMM_SRCS := smm.c $(SMM_PARSER_SRCS) $(SMM_PRINT_SRCS) $(SMM_RENDER_SRCS) \
	nl.c status.c node.c zone.c page.c check.c mm_nl.c \
	monitor.c \
	bench.c as.c walk.c dma.c dmabuf.c
