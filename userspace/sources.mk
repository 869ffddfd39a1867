# SPDX-License-Identifier: GPL-2.0
#
# The sources of smm, for userspace/Makefile and for host tests that build
# parts of smm with their own flags (sanitizers). Names are relative to
# userspace/.
#
# SMM_PARSER_SRCS: the argument parser and its table. No libnl, no main():
#   enough for selftests/host/cli_args_test.c.
# SMM_PRINT_SRCS: the text/JSON print path. No libnl either.
# SMM_SRCS: everything in the smm binary.

SMM_PARSER_SRCS := args.c cmdline.c
SMM_PRINT_SRCS := json.c print.c
SMM_SRCS := smm.c $(SMM_PARSER_SRCS) $(SMM_PRINT_SRCS) names.c nl.c status.c
