// SPDX-License-Identifier: GPL-2.0
/*
 * smm's command-line parsing, as a table of { argv, expected exit status,
 * expected choice }
 *
 * Drives smm_parse() directly: no socket, no module, no main(). It needs
 * the parser sources only, SMM_PARSER_SRCS in userspace/sources.mk
 * (userspace/args.c and userspace/cmdline.c), and no library:
 *
 *   gcc -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror \
 *	-fsanitize=address,undefined -g \
 *	-I$KSFT -I$TOP/include/uapi -I$TOP/userspace \
 *	-o cli_args_test selftests/host/cli_args_test.c \
 *	userspace/args.c userspace/cmdline.c
 *
 * with KSFT the kernel's tools/testing/selftests (kselftest_harness.h).
 * A clean run prints the TAP lines and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include "kselftest_harness.h"

#include "cmdline.h"

#define MAX_WORDS	16
#define MAX_PFNS	4
#define NO_DEBUG	(-1)
#define NO_NODE		(-1)

/**
 * struct pt_args - what the page-table commands must have chosen (zero
 *	for every other command)
 * @format: `as create` FORMAT
 * @levels: `as create` levels N
 * @has_mair: `as create` mair was given
 * @mair: its value
 * @id: ID of the other `as` commands
 * @va: VA of `as map|unmap|protect|touch`
 * @len: LEN of the same
 * @prot: PROT of map (rw by default) and protect
 * @has_pfn: `as map` pfn was given
 * @pfn: its value
 * @demand: `as map` demand
 * @small: `as map` small
 * @access: `as touch` access
 * @user: `as touch` user
 * @source: what `walk` or `as dump` reads
 * @walk_id: its address space or pid
 * @has_va: a VA was given to walk or dump
 * @walk_va: it
 * @has_len: a LEN was given to walk or dump
 * @walk_len: it
 * @bench_count: `bench pt` count
 */
struct pt_args {
	__u32 format;
	__u32 levels;
	bool has_mair;
	__u64 mair;
	__u32 id;
	__u64 va;
	__u64 len;
	__u32 prot;
	bool has_pfn;
	__u64 pfn;
	bool demand;
	bool small;
	__u32 access;
	bool user;
	enum smm_walk_source source;
	__u32 walk_id;
	bool has_va;
	__u64 walk_va;
	bool has_len;
	__u64 walk_len;
	__u32 bench_count;
};

/**
 * struct dma_args - what the dma commands must have chosen (zero for every
 *	other command): the members of struct smm_cmdline's dma
 * @mask_bits: `dma dev mask` BITS
 * @id: the buffer of unmap, free, sync, show; SRC of xfer
 * @has_addr: `addr DMA_ADDR` was given
 * @addr: DMA_ADDR
 * @size: SIZE, or `size S`
 * @kind: `kind K` (map: single when not given; free: coherent)
 * @dir: `dir D` (map: bidirectional when not given)
 * @zone: `zone Z`
 * @has_node: `node N` was given
 * @node: N
 * @unchecked: `unchecked`
 * @sync: for-cpu or for-device
 * @has_offset: `offset O` was given
 * @offset: O
 * @dst: DST of xfer
 * @has_seed: `seed N` was given
 * @seed: N
 * @log: `dma errors log`
 * @copy: `copy` of xfer
 * @has_dst_offset: `dst-offset D` of xfer was given
 * @dst_offset: D
 */
struct dma_args {
	__u32 mask_bits;
	__u32 id;
	bool has_addr;
	__u64 addr;
	__u64 size;
	__u32 kind;
	__u32 dir;
	__u32 zone;
	bool has_node;
	__u32 node;
	bool unchecked;
	__u32 sync;
	bool has_offset;
	__u64 offset;
	__u32 dst;
	bool has_seed;
	__u32 seed;
	bool log;
	bool copy;
	bool has_dst_offset;
	__u64 dst_offset;
};

#define MAX_CMD_WORDS	4

/**
 * struct dmabuf_args - what the dmabuf commands and `bench dmabuf` must
 *	have chosen (zero for every other command)
 * @size: SIZE of alloc
 * @zone: `zone Z` of alloc
 * @has_node: `node N` was given
 * @node: N
 * @contiguous: `contiguous`
 * @owner: `owner TAG`, NULL when not given
 * @name: `name NAME`, NULL when not given
 * @ro: `ro`
 * @cmd: CMD ARGS... after `--`, NULL-terminated; cmd[0] NULL for none
 * @id: ID of show
 * @fd: FD of import
 * @target: import's target
 * @as: AS of `import FD as AS va VA`
 * @va: VA of the same
 * @bench_mib: `bench dmabuf size MIB`
 * @bench_rounds: `bench dmabuf rounds N`
 */
struct dmabuf_args {
	__u64 size;
	__u32 zone;
	bool has_node;
	__u32 node;
	bool contiguous;
	const char *owner;
	const char *name;
	bool ro;
	const char *cmd[MAX_CMD_WORDS + 1];
	__u32 id;
	__u32 fd;
	__u32 target;
	__u32 as;
	__u64 va;
	__u32 bench_mib;
	__u32 bench_rounds;
};

/**
 * struct args_case - one command line and what parsing it must give
 * @argv: the words after "smm", NULL-terminated
 * @exit: expected return of smm_parse()
 * @cmd: expected command (on success)
 * @object: expected object name (on success), NULL for none
 * @opts: expected SMM_OPT_* (on success)
 * @debug: expected `config set debug` level, NO_DEBUG when not given
 * @node: expected node of `node show`, `zone show`, `page dump` (the
 *	filter) or `page alloc`; NO_NODE when not given
 * @zone: expected zone type of the same, 0 when not given
 * @pfn: expected PFN of `page show`
 * @order: expected ORDER of `page alloc` and `bench alloc`
 * @mt: expected migrate type of `page alloc`, 0 when not given
 * @count: expected count of `page alloc` (0 when not given) and
 *	`bench alloc`
 * @zero: expected `zero` of `page alloc` and `bench alloc`
 * @monitor_count: expected N of `monitor count N`, 0 when not given
 * @owner: expected owner of `page alloc`, NULL when not given
 * @pfns: expected PFNs of `page free`
 * @n_pfns: how many
 * @svg: expected FILE of `--svg FILE`, NULL when not given
 * @dot: expected FILE of `--dot FILE`, NULL when not given
 * @pt: expected arguments of the page-table commands
 * @dma: expected arguments of the dma commands
 * @dmabuf: expected arguments of the dmabuf commands and bench dmabuf
 * @err: on failure, a piece the error message must contain
 */
struct args_case {
	const char *argv[MAX_WORDS];
	int exit;
	enum smm_cmd cmd;
	const char *object;
	unsigned int opts;
	int debug;
	int node;
	__u32 zone;
	__u64 pfn;
	__u32 order;
	__u32 mt;
	__u32 count;
	bool zero;
	const char *owner;
	__u32 monitor_count;
	__u64 pfns[MAX_PFNS];
	size_t n_pfns;
	const char *svg;
	const char *dot;
	struct pt_args pt;
	struct dma_args dma;
	struct dmabuf_args dmabuf;
	const char *err;
};

#define OK(cmd_, obj_, opts_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, .cmd = (cmd_), \
	  .object = (obj_), .opts = (opts_), .debug = NO_DEBUG, \
	  .node = NO_NODE }
#define SET_DEBUG(level, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_CONFIG_SET, .object = "config", .debug = (level), \
	  .node = NO_NODE }
#define USAGE(err_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_USAGE, .err = (err_), \
	  .debug = NO_DEBUG, .node = NO_NODE }
/* A command of the memory objects with what it selects. */
#define MM(cmd_, obj_, node_, zone_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, .cmd = (cmd_), \
	  .object = (obj_), .debug = NO_DEBUG, .node = (node_), \
	  .zone = (zone_) }
/* zone map TYPE [node N] [--svg FILE]. */
#define ZMAP(node_, zone_, svg_, opts_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_ZONE_MAP, .object = "zone", .opts = (opts_), \
	  .debug = NO_DEBUG, .node = (node_), .zone = (zone_), .svg = (svg_) }
#define PAGE_SHOW(pfn_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_PAGE_SHOW, .object = "page", .debug = NO_DEBUG, \
	  .node = NO_NODE, .pfn = (pfn_) }
/* page alloc: order, zone, node, migratetype, count, zero, owner. */
#define ALLOC(order_, zone_, node_, mt_, count_, zero_, owner_, ...) \
	{ .argv = { "page", "alloc", __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_PAGE_ALLOC, .object = "page", .debug = NO_DEBUG, \
	  .order = (order_), .zone = (zone_), .node = (node_), .mt = (mt_), \
	  .count = (count_), .zero = (zero_), .owner = (owner_) }
#define FREE(pfns_, n_, ...) \
	{ .argv = { "page", "free", __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_PAGE_FREE, .object = "page", .debug = NO_DEBUG, \
	  .node = NO_NODE, .pfns = pfns_, .n_pfns = (n_) }
#define PFNS(...)	{ __VA_ARGS__ }
/* monitor [count N]: N, 0 when not given. */
#define MONITOR(count_, opts_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_MONITOR, .object = "monitor", .opts = (opts_), \
	  .debug = NO_DEBUG, .node = NO_NODE, .monitor_count = (count_) }
/* bench alloc: order, count, zero. */
#define BENCH(order_, count_, zero_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_BENCH_ALLOC, .object = "bench", .debug = NO_DEBUG, \
	  .node = NO_NODE, .order = (order_), .count = (count_), \
	  .zero = (zero_) }

/*
 * A page-table command: its words in parentheses, then designated
 * initializers of struct pt_args.
 */
#define STRIP(...)	__VA_ARGS__
#define PT(cmd_, obj_, opts_, argv_, ...) \
	{ .argv = { STRIP argv_ }, .exit = SMM_EXIT_OK, .cmd = (cmd_), \
	  .object = (obj_), .opts = (opts_), .debug = NO_DEBUG, \
	  .node = NO_NODE, .pt = { __VA_ARGS__ } }
/* The same, drawing: --svg and --dot FILEs expected. */
#define PT_DRAW(svg_, dot_, opts_, argv_, ...) \
	{ .argv = { STRIP argv_ }, .exit = SMM_EXIT_OK, .cmd = SMM_CMD_WALK, \
	  .object = "walk", .opts = (opts_), .debug = NO_DEBUG, \
	  .node = NO_NODE, .svg = (svg_), .dot = (dot_), \
	  .pt = { __VA_ARGS__ } }

/* A dma command: its words in parentheses, then struct dma_args's. */
#define DMA_CMD(cmd_, opts_, argv_, ...) \
	{ .argv = { STRIP argv_ }, .exit = SMM_EXIT_OK, .cmd = (cmd_), \
	  .object = "dma", .opts = (opts_), .debug = NO_DEBUG, \
	  .node = NO_NODE, .dma = { __VA_ARGS__ } }

/* A dmabuf command (or bench dmabuf): words, then struct dmabuf_args's. */
#define DMABUF_CMD(cmd_, obj_, opts_, argv_, ...) \
	{ .argv = { STRIP argv_ }, .exit = SMM_EXIT_OK, .cmd = (cmd_), \
	  .object = (obj_), .opts = (opts_), .debug = NO_DEBUG, \
	  .node = NO_NODE, .dmabuf = { __VA_ARGS__ } }
#define CMD_WORDS(...)	{ __VA_ARGS__ }

#define DMA		SHADOW_MM_ZONE_TYPE_DMA
#define DMA32		SHADOW_MM_ZONE_TYPE_DMA32
#define NORMAL		SHADOW_MM_ZONE_TYPE_NORMAL
#define HIGHMEM		SHADOW_MM_ZONE_TYPE_HIGHMEM
#define MOVABLE		SHADOW_MM_ZONE_TYPE_MOVABLE
#define MT_UNMOVABLE	SHADOW_MM_MIGRATETYPE_UNMOVABLE
#define MT_MOVABLE	SHADOW_MM_MIGRATETYPE_MOVABLE
#define MT_HIGHATOMIC	SHADOW_MM_MIGRATETYPE_HIGHATOMIC
#define MT_ISOLATE	SHADOW_MM_MIGRATETYPE_ISOLATE

#define J	SMM_OPT_JSON
#define P	SMM_OPT_PRETTY
#define T	SMM_OPT_TREE

#define R	SHADOW_MM_PROT_READ
#define W	SHADOW_MM_PROT_WRITE
#define X	SHADOW_MM_PROT_EXEC
#define U	SHADOW_MM_PROT_USER
#define ARM	SHADOW_MM_PT_FORMAT_ARM
#define LPAE	SHADOW_MM_PT_FORMAT_ARM_LPAE
#define ARM64	SHADOW_MM_PT_FORMAT_ARM64
#define X86_64	SHADOW_MM_PT_FORMAT_X86_64

static const struct args_case cases[] = {
	/* Help, in every form; none needs the module. */
	OK(SMM_CMD_HELP, NULL, 0, "help"),
	OK(SMM_CMD_HELP, NULL, 0, "-h"),
	OK(SMM_CMD_HELP, NULL, 0, "--help"),
	OK(SMM_CMD_HELP, NULL, 0, "--he"),
	OK(SMM_CMD_HELP, NULL, J, "-j", "help"),
	OK(SMM_CMD_HELP, NULL, 0, "help", "help"),
	OK(SMM_CMD_HELP, "status", 0, "help", "status"),
	OK(SMM_CMD_HELP, "config", 0, "help", "config"),
	OK(SMM_CMD_HELP, "config", 0, "help", "conf"),
	OK(SMM_CMD_HELP, "status", 0, "status", "help"),
	OK(SMM_CMD_HELP, "status", 0, "status", "-h"),
	OK(SMM_CMD_HELP, "status", 0, "status", "--help"),
	OK(SMM_CMD_HELP, "config", 0, "config", "set", "-h"),
	OK(SMM_CMD_HELP, "status", 0, "status", "show", "help"),
	OK(SMM_CMD_HELP, "config", 0, "config", "help"),
	OK(SMM_CMD_HELP, "config", 0, "config", "h"),
	OK(SMM_CMD_HELP, "config", 0, "config", "set", "help"),
	/* -h and -V act at once, whatever follows. */
	OK(SMM_CMD_HELP, NULL, 0, "-h", "bogus", "words"),
	USAGE("unknown object 'bogus'", "help", "bogus"),
	USAGE("unexpected argument 'extra'", "help", "status", "extra"),
	USAGE("unexpected argument 'extra'", "status", "help", "extra"),
	USAGE("unexpected argument 'x'", "config", "set", "help", "x"),

	/* Version. */
	OK(SMM_CMD_VERSION, NULL, 0, "-V"),
	OK(SMM_CMD_VERSION, NULL, 0, "--version"),
	OK(SMM_CMD_VERSION, NULL, 0, "--vers"),
	/* --v could be --version or --verbose. */
	USAGE("ambiguous option '--v'", "--v"),
	OK(SMM_CMD_VERSION, NULL, J, "-jV"),
	OK(SMM_CMD_VERSION, NULL, 0, "-V", "status", "bogus"),
	OK(SMM_CMD_VERSION, NULL, 0, "-Vh"),	/* the first wins */
	OK(SMM_CMD_HELP, NULL, 0, "-hV"),

	/* status and its options. */
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "status", "show"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "--json", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", P, "-p", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", P, "--pretty", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "-jp", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "-pj", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "-j", "-p", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "--js", "--pre", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "-j", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "--", "status"),
	/* Abbreviations: any prefix shared with no other keyword. */
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "stat"),
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "s"),
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "st", "sh"),
	USAGE("unknown command 'showx'", "status", "showx"),
	USAGE("unknown object 'statusx'", "statusx"),
	USAGE("unknown object 'Status'", "Status"),

	/* Options may stand after the object and command too. */
	OK(SMM_CMD_STATUS_SHOW, "status", J, "status", "-j"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "status", "show", "-j", "-p"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "status", "show", "--json"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "status", "-j"),
	USAGE("unknown command '-j'", "status", "--", "-j"),

	/* Unknown options, objects, commands; extra words. */
	USAGE("unknown option '-x'", "-x", "status"),
	USAGE("unknown option '-x'", "-jx", "status"),
	USAGE("unknown option '--bogus'", "--bogus"),
	USAGE("unknown option '---'", "---", "status"),
	USAGE("unknown object '-'", "-"),
	USAGE("unknown object '-j'", "--", "-j", "status"),
	USAGE("missing object", NULL),
	USAGE("missing object", "-j"),
	USAGE("missing object", "--"),
	USAGE("unknown object 'bogus'", "bogus"),
	USAGE("unknown object ''", ""),
	USAGE("unknown command 'bogus'", "status", "bogus"),
	USAGE("unknown command 'bogus'", "config", "bogus"),
	USAGE("unexpected argument 'extra'", "status", "show", "extra"),
	USAGE("missing command", "config"),

	/* config set debug LEVEL: 0..SHADOW_MM_DEBUG_MAX, decimal only. */
	SET_DEBUG(0, "config", "set", "debug", "0"),
	SET_DEBUG(1, "config", "set", "debug", "1"),
	SET_DEBUG(2, "config", "set", "debug", "2"),
	SET_DEBUG(2, "conf", "se", "deb", "2"),
	SET_DEBUG(2, "config", "set", "debug", "02"),
	USAGE("out of range 0..2", "config", "set", "debug", "3"),
	USAGE("out of range 0..2", "config", "set", "debug", "4294967296"),
	USAGE("out of range 0..2", "config", "set", "debug",
	      "99999999999999999999999"),
	USAGE("invalid debug level '-1'", "config", "set", "debug", "-1"),
	USAGE("invalid debug level '+1'", "config", "set", "debug", "+1"),
	USAGE("invalid debug level ' 1'", "config", "set", "debug", " 1"),
	USAGE("invalid debug level 'abc'", "config", "set", "debug", "abc"),
	USAGE("invalid debug level '1abc'", "config", "set", "debug", "1abc"),
	USAGE("invalid debug level '0x1'", "config", "set", "debug", "0x1"),
	USAGE("invalid debug level ''", "config", "set", "debug", ""),
	USAGE("missing debug level", "config", "set", "debug"),
	USAGE("missing setting", "config", "set"),
	USAGE("unknown setting 'bogus'", "config", "set", "bogus", "1"),
	USAGE("unknown setting 'extra'", "config", "set", "debug", "1",
	      "extra"),
	USAGE("more than once", "config", "set", "debug", "1", "debug", "2"),

	/* node [show [ID]]: ID 0..SHADOW_MM_MAX_NODES-1. */
	MM(SMM_CMD_NODE_SHOW, "node", NO_NODE, 0, "node"),
	MM(SMM_CMD_NODE_SHOW, "node", NO_NODE, 0, "node", "show"),
	MM(SMM_CMD_NODE_SHOW, "node", 0, 0, "node", "show", "0"),
	MM(SMM_CMD_NODE_SHOW, "node", 7, 0, "n", "sh", "7"),
	OK(SMM_CMD_NODE_SHOW, "node", J | P, "-jp", "node"),
	OK(SMM_CMD_HELP, "node", 0, "node", "help"),
	OK(SMM_CMD_HELP, "node", 0, "node", "show", "-h"),
	USAGE("out of range 0..7", "node", "show", "8"),
	USAGE("invalid node id '-1'", "node", "show", "-1"),
	USAGE("invalid node id 'x'", "node", "show", "x"),
	USAGE("unexpected argument '1'", "node", "show", "0", "1"),
	USAGE("unknown command '0'", "node", "0"),

	/* zone [show [node N] [type T]]. */
	MM(SMM_CMD_ZONE_SHOW, "zone", NO_NODE, 0, "zone"),
	MM(SMM_CMD_ZONE_SHOW, "zone", NO_NODE, 0, "zone", "show"),
	MM(SMM_CMD_ZONE_SHOW, "zone", 1, 0, "zone", "show", "node", "1"),
	MM(SMM_CMD_ZONE_SHOW, "zone", NO_NODE, DMA, "zone", "show", "type",
	   "dma"),
	MM(SMM_CMD_ZONE_SHOW, "zone", NO_NODE, DMA32, "zone", "show", "type",
	   "dma32"),
	MM(SMM_CMD_ZONE_SHOW, "zone", 0, NORMAL, "zone", "show", "type",
	   "norm", "node", "0"),
	MM(SMM_CMD_ZONE_SHOW, "zone", 0, HIGHMEM, "zone", "sh", "n", "0",
	   "t", "high"),
	MM(SMM_CMD_ZONE_SHOW, "zone", NO_NODE, MOVABLE, "zone", "show",
	   "type", "movable"),
	USAGE("ambiguous zone type 'd'", "zone", "show", "type", "d"),
	USAGE("unknown zone type 'Normal'", "zone", "show", "type", "Normal"),
	USAGE("missing zone type", "zone", "show", "type"),
	USAGE("missing node id", "zone", "show", "node"),
	USAGE("node given more than once", "zone", "show", "node", "0",
	      "node", "1"),
	USAGE("type given more than once", "zone", "show", "type", "dma",
	      "type", "dma"),
	USAGE("unknown argument 'zone'", "zone", "show", "zone", "dma"),
	USAGE("out of range 0..7", "zone", "show", "node", "8"),
	/* "zone" is exact; "zon" could be zone or zoneinfo. */
	USAGE("ambiguous object 'zon'", "zon"),

	/* zone map TYPE [node N] [--svg FILE]: --svg only here. */
	ZMAP(NO_NODE, NORMAL, NULL, 0, "zone", "map", "normal"),
	ZMAP(1, DMA32, NULL, 0, "zone", "map", "dma32", "node", "1"),
	ZMAP(NO_NODE, HIGHMEM, NULL, J, "-j", "zone", "map", "high"),
	ZMAP(0, MOVABLE, NULL, J | P, "zone", "m", "mov", "n", "0", "-jp"),
	ZMAP(NO_NODE, NORMAL, "/tmp/z.svg", 0, "zone", "map", "normal",
	     "--svg", "/tmp/z.svg"),
	ZMAP(NO_NODE, NORMAL, "z.svg", 0, "--svg", "z.svg", "zone", "map",
	     "normal"),
	ZMAP(7, DMA, "z.svg", 0, "zone", "map", "dma", "--svg=z.svg", "node",
	     "7"),
	ZMAP(NO_NODE, NORMAL, "-", 0, "zone", "map", "normal", "--svg", "-"),
	ZMAP(NO_NODE, NORMAL, "z.svg", J, "zone", "map", "normal", "--s",
	     "z.svg", "-j"),
	/* The word after --svg is its FILE, whatever it looks like. */
	ZMAP(NO_NODE, NORMAL, "node", 0, "zone", "map", "normal", "--svg",
	     "node"),
	OK(SMM_CMD_HELP, "zone", 0, "zone", "map", "help"),
	OK(SMM_CMD_HELP, "zone", 0, "zone", "map", "--svg", "z.svg", "-h"),
	USAGE("zone map: missing zone type", "zone", "map"),
	USAGE("unknown zone type 'bogus'", "zone", "map", "bogus"),
	USAGE("ambiguous zone type 'd'", "zone", "map", "d"),
	USAGE("unknown zone type 'node'", "zone", "map", "node", "0"),
	USAGE("missing node id", "zone", "map", "normal", "node"),
	USAGE("out of range 0..7", "zone", "map", "normal", "node", "8"),
	USAGE("invalid node id 'x'", "zone", "map", "normal", "node", "x"),
	USAGE("invalid node id '-1'", "zone", "map", "normal", "node", "-1"),
	USAGE("node given more than once", "zone", "map", "normal", "node",
	      "0", "node", "1"),
	USAGE("unknown argument 'type'", "zone", "map", "normal", "type",
	      "dma"),
	USAGE("option '--svg' needs a FILE", "zone", "map", "normal", "--svg"),
	USAGE("option '--svg' needs a FILE", "zone", "map", "normal",
	      "--svg="),
	USAGE("option '--svg' needs a FILE", "zone", "map", "normal", "--svg",
	      ""),
	USAGE("option '--svg' needs a FILE, not '-j'", "zone", "map",
	      "normal", "--svg", "-j"),
	USAGE("--svg given more than once", "zone", "map", "normal", "--svg",
	      "a", "--svg", "b"),
	USAGE("--svg - and -j would both write to standard output", "-j",
	      "zone", "map", "normal", "--svg", "-"),
	USAGE("--svg is an option of 'zone map' and 'walk' only", "zone",
	      "show", "--svg", "z.svg"),
	USAGE("--svg is an option of 'zone map' and 'walk' only", "--svg",
	      "z.svg", "status"),
	USAGE("unknown argument '--svg'", "zone", "map", "normal", "--",
	      "--svg", "z.svg"),
	USAGE("unknown option '--json=1'", "--json=1", "status"),

	/* page show PFN: decimal or 0x hex, 64 bits. */
	PAGE_SHOW(0, "page", "show", "0"),
	PAGE_SHOW(4096, "page", "show", "4096"),
	PAGE_SHOW(0x1000, "page", "show", "0x1000"),
	PAGE_SHOW(0xabcdef, "page", "s", "0XABCDEF"),
	PAGE_SHOW(0x40000, "page", "show", "0x00040000"),
	PAGE_SHOW(18446744073709551615ULL, "page", "show",
		  "0xffffffffffffffff"),
	PAGE_SHOW(18446744073709551615ULL, "page", "show",
		  "18446744073709551615"),
	USAGE("out of range", "page", "show", "0x10000000000000000"),
	USAGE("out of range", "page", "show", "18446744073709551616"),
	USAGE("invalid pfn '0x'", "page", "show", "0x"),
	USAGE("invalid pfn '0xg'", "page", "show", "0xg"),
	USAGE("invalid pfn '-1'", "page", "show", "-1"),
	USAGE("invalid pfn '+1'", "page", "show", "+1"),
	USAGE("invalid pfn ' 1'", "page", "show", " 1"),
	USAGE("invalid pfn '1k'", "page", "show", "1k"),
	USAGE("invalid pfn '0x-1'", "page", "show", "0x-1"),
	USAGE("invalid pfn ''", "page", "show", ""),
	USAGE("missing pfn", "page", "show"),
	USAGE("unexpected argument '2'", "page", "show", "1", "2"),
	USAGE("missing command", "page"),
	OK(SMM_CMD_HELP, "page", 0, "page", "help"),
	OK(SMM_CMD_HELP, "page", 0, "page", "alloc", "help"),

	/* page alloc ORDER [zone Z] [node N] [migratetype M] [count C]
	 * [zero] [owner NAME]: any order, each once.
	 */
	ALLOC(0, 0, NO_NODE, 0, 0, false, NULL, "0"),
	ALLOC(10, 0, NO_NODE, 0, 0, false, NULL, "10"),
	ALLOC(31, 0, NO_NODE, 0, 0, false, NULL, "31"),
	ALLOC(2, DMA32, 1, MT_MOVABLE, 8, true, "test", "2", "zone", "dma32",
	      "node", "1", "migratetype", "movable", "count", "8", "zero",
	      "owner", "test"),
	ALLOC(2, DMA32, 1, MT_MOVABLE, 8, true, "test", "2", "owner", "test",
	      "zero", "count", "8", "migratetype", "movable", "node", "1",
	      "zone", "dma32"),
	ALLOC(1, NORMAL, NO_NODE, MT_UNMOVABLE, 0, false, NULL, "1", "zo",
	      "normal", "mi", "unm"),
	ALLOC(0, 0, NO_NODE, MT_HIGHATOMIC, 1, false, NULL, "0", "m", "h",
	      "c", "1"),
	ALLOC(0, 0, NO_NODE, MT_ISOLATE, 65536, false, NULL, "0",
	      "migratetype", "isolate", "count", "65536"),
	ALLOC(0, 0, 0, 0, 0, true, "0123456789012345678901234567890",
	      "0", "node", "0", "zero", "owner",
	      "0123456789012345678901234567890"),
	USAGE("missing ORDER", "page", "alloc"),
	USAGE("order 32 out of range 0..31", "page", "alloc", "32"),
	USAGE("invalid order 'zone'", "page", "alloc", "zone", "dma"),
	USAGE("invalid order '-1'", "page", "alloc", "-1"),
	USAGE("count 0 out of range 1..65536", "page", "alloc", "0", "count",
	      "0"),
	USAGE("count 65537 out of range 1..65536", "page", "alloc", "0",
	      "count", "65537"),
	USAGE("missing count", "page", "alloc", "0", "count"),
	USAGE("missing owner name", "page", "alloc", "0", "owner"),
	USAGE("must be 1 to 31 bytes", "page", "alloc", "0", "owner", ""),
	USAGE("must be 1 to 31 bytes", "page", "alloc", "0", "owner",
	      "01234567890123456789012345678901"),
	USAGE("zero given more than once", "page", "alloc", "0", "zero",
	      "zero"),
	USAGE("zone given more than once", "page", "alloc", "0", "zone",
	      "dma", "zone", "dma"),
	USAGE("unknown migrate type 'cma'", "page", "alloc", "0",
	      "migratetype", "cma"),
	ALLOC(0, 0, NO_NODE, MT_MOVABLE, 0, false, NULL, "0", "migratetype",
	      "m"),
	USAGE("missing migrate type", "page", "alloc", "0", "migratetype"),
	USAGE("unknown zone type 'dma64'", "page", "alloc", "0", "zone",
	      "dma64"),
	USAGE("out of range 0..7", "page", "alloc", "0", "node", "8"),
	USAGE("unknown argument 'pfn'", "page", "alloc", "0", "pfn", "1"),
	USAGE("ambiguous argument 'z'", "page", "alloc", "0", "z"),

	/* page free PFN...: at least one, each once, decimal or hex. */
	FREE(PFNS(1), 1, "1"),
	FREE(PFNS(0x40000), 1, "0x40000"),
	FREE(PFNS(16, 0x20, 48, 0x40), 4, "16", "0x20", "48", "0x40"),
	FREE(PFNS(0xffffffffffffffffULL), 1, "0xffffffffffffffff"),
	USAGE("missing PFN", "page", "free"),
	USAGE("pfn 0x10 given more than once", "page", "free", "16", "0x10"),
	USAGE("pfn 0x1 given more than once", "page", "free", "1", "2", "1"),
	USAGE("invalid pfn 'x'", "page", "free", "1", "x"),
	USAGE("invalid pfn '-5'", "page", "free", "-5"),
	USAGE("unknown option '-x'", "page", "free", "-x"),

	/* page dump [node N] [zone Z]; page owners. */
	MM(SMM_CMD_PAGE_DUMP, "page", NO_NODE, 0, "page", "dump"),
	MM(SMM_CMD_PAGE_DUMP, "page", 1, 0, "page", "dump", "node", "1"),
	MM(SMM_CMD_PAGE_DUMP, "page", 0, NORMAL, "page", "dump", "zone",
	   "normal", "node", "0"),
	MM(SMM_CMD_PAGE_DUMP, "page", NO_NODE, DMA, "page", "d", "z", "dma"),
	USAGE("unknown argument 'type'", "page", "dump", "type", "dma"),
	USAGE("zone given more than once", "page", "dump", "zone", "dma",
	      "zone", "dma"),
	MM(SMM_CMD_PAGE_OWNERS, "page", NO_NODE, 0, "page", "owners"),
	MM(SMM_CMD_PAGE_OWNERS, "page", NO_NODE, 0, "page", "o"),
	USAGE("unexpected argument 'x'", "page", "owners", "x"),

	/* The /proc look-alikes and check: `show` (`run`) or nothing. */
	OK(SMM_CMD_BUDDYINFO, "buddyinfo", 0, "buddyinfo"),
	OK(SMM_CMD_BUDDYINFO, "buddyinfo", 0, "buddyinfo", "show"),
	OK(SMM_CMD_BUDDYINFO, "buddyinfo", J, "bu", "-j"),
	OK(SMM_CMD_PAGETYPEINFO, "pagetypeinfo", 0, "pagetypeinfo"),
	OK(SMM_CMD_PAGETYPEINFO, "pagetypeinfo", 0, "paget", "sh"),
	OK(SMM_CMD_ZONEINFO, "zoneinfo", 0, "zoneinfo"),
	OK(SMM_CMD_ZONEINFO, "zoneinfo", J | P, "zonei", "show", "-jp"),
	OK(SMM_CMD_CHECK, "check", 0, "check"),
	OK(SMM_CMD_CHECK, "check", 0, "check", "run"),
	OK(SMM_CMD_CHECK, "check", J, "ch", "-j"),
	OK(SMM_CMD_HELP, "check", 0, "check", "help"),
	OK(SMM_CMD_HELP, "zoneinfo", 0, "zoneinfo", "help"),
	USAGE("ambiguous object 'pa'", "pa"),
	USAGE("ambiguous object 'c'", "c"),
	USAGE("unexpected argument 'x'", "buddyinfo", "show", "x"),
	USAGE("unknown command 'x'", "check", "x"),

	/* bench alloc ORDER COUNT [zero]; bench dump. */
	BENCH(0, 100000, false, "bench", "alloc", "0", "100000"),
	BENCH(10, 1, true, "bench", "alloc", "10", "1", "zero"),
	BENCH(3, 1048576, true, "be", "a", "3", "1048576", "z"),
	BENCH(31, 7, false, "bench", "alloc", "31", "7"),
	OK(SMM_CMD_BENCH_DUMP, "bench", 0, "bench", "dump"),
	/* "d" could be dump or dmabuf. */
	OK(SMM_CMD_BENCH_DUMP, "bench", J | P, "be", "du", "-jp"),
	OK(SMM_CMD_HELP, "bench", 0, "bench", "help"),
	OK(SMM_CMD_HELP, "bench", 0, "bench", "alloc", "help"),
	USAGE("missing command", "bench"),
	USAGE("missing ORDER", "bench", "alloc"),
	USAGE("missing COUNT", "bench", "alloc", "0"),
	USAGE("order 32 out of range 0..31", "bench", "alloc", "32", "1"),
	USAGE("count 0 out of range 1..1048576", "bench", "alloc", "0", "0"),
	USAGE("count 1048577 out of range 1..1048576", "bench", "alloc", "0",
	      "1048577"),
	USAGE("invalid count 'zero'", "bench", "alloc", "0", "zero"),
	USAGE("unknown argument 'zap'", "bench", "alloc", "0", "1", "zap"),
	USAGE("unexpected argument 'zero'", "bench", "alloc", "0", "1",
	      "zero", "zero"),
	USAGE("unexpected argument 'x'", "bench", "dump", "x"),
	USAGE("ambiguous object 'b'", "b"),

	/* monitor [count N]: "count" is the one command, N 1..2^32-1. */
	MONITOR(0, 0, "monitor"),
	MONITOR(0, J, "-j", "monitor"),
	MONITOR(5, 0, "monitor", "count", "5"),
	MONITOR(4294967295U, J, "mon", "c", "4294967295", "-j"),
	MONITOR(1, 0, "m", "count", "1"),
	OK(SMM_CMD_HELP, "monitor", 0, "monitor", "help"),
	OK(SMM_CMD_HELP, "monitor", 0, "monitor", "count", "help"),
	OK(SMM_CMD_HELP, "monitor", 0, "help", "monitor"),
	USAGE("missing N", "monitor", "count"),
	USAGE("count 0 out of range 1..4294967295", "monitor", "count", "0"),
	USAGE("count 4294967296 out of range 1..4294967295", "monitor",
	      "count", "4294967296"),
	USAGE("invalid count 'x'", "monitor", "count", "x"),
	USAGE("unexpected argument '7'", "monitor", "count", "5", "7"),
	USAGE("unknown command '5'", "monitor", "5"),
	USAGE("unknown command 'x'", "monitor", "x"),
	/* as create FORMAT [levels N] [mair HEX]. */
	PT(SMM_CMD_AS_CREATE, "as", 0, ("as", "create", "arm64"),
	   .format = ARM64),
	PT(SMM_CMD_AS_CREATE, "as", 0, ("as", "create", "arm"), .format = ARM),
	PT(SMM_CMD_AS_CREATE, "as", J, ("-j", "as", "c", "arm-l"),
	   .format = LPAE),
	PT(SMM_CMD_AS_CREATE, "as", 0, ("as", "create", "x86_64", "levels",
	   "5"), .format = X86_64, .levels = 5),
	PT(SMM_CMD_AS_CREATE, "as", 0, ("as", "create", "arm64", "levels", "3",
	   "mair", "0x000000ff440c0400"), .format = ARM64, .levels = 3,
	   .has_mair = true, .mair = 0xff440c0400ULL),
	PT(SMM_CMD_AS_CREATE, "as", 0, ("as", "create", "x", "m", "FF"),
	   .format = X86_64, .has_mair = true, .mair = 0xff),
	USAGE("as create: missing FORMAT", "as", "create"),
	USAGE("unknown format 'sparc'", "as", "create", "sparc"),
	USAGE("ambiguous format 'ar'", "as", "create", "ar"),
	USAGE("levels 0 out of range 1..5", "as", "create", "arm", "levels",
	      "0"),
	USAGE("levels 6 out of range 1..5", "as", "create", "arm", "levels",
	      "6"),
	USAGE("levels given more than once", "as", "create", "arm", "levels",
	      "2", "levels", "2"),
	USAGE("invalid mair 'xyz'", "as", "create", "arm64", "mair", "xyz"),
	USAGE("invalid mair '0x11112222333344445'", "as", "create", "arm64",
	      "mair", "0x11112222333344445"),
	USAGE("missing mair", "as", "create", "arm64", "mair"),
	USAGE("unknown argument 'pfn'", "as", "create", "arm64", "pfn", "1"),

	/* as destroy ID; as list [ID]; `smm as` lists. */
	PT(SMM_CMD_AS_DESTROY, "as", 0, ("as", "destroy", "3"), .id = 3),
	PT(SMM_CMD_AS_DESTROY, "as", 0, ("as", "de", "0x10"), .id = 16),
	PT(SMM_CMD_AS_LIST, "as", 0, ("as")),
	PT(SMM_CMD_AS_LIST, "as", 0, ("a")),
	PT(SMM_CMD_AS_LIST, "as", J | P, ("as", "list", "-jp")),
	PT(SMM_CMD_AS_LIST, "as", 0, ("as", "l", "2"), .id = 2),
	USAGE("as destroy: missing ID", "as", "destroy"),
	USAGE("address space id 0 out of range 1..4294967295", "as",
	      "destroy", "0"),
	USAGE("out of range 1..4294967295", "as", "list", "4294967296"),
	USAGE("unexpected argument '4'", "as", "destroy", "3", "4"),
	USAGE("ambiguous command 'd'", "as", "d", "1"),
	USAGE("invalid address space id 'x'", "as", "list", "x"),

	/* as map ID VA LEN [prot PROT] [pfn PFN | demand] [small]. */
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "map", "1", "0x400000", "64K"),
	   .id = 1, .va = 0x400000, .len = 0x10000, .prot = R | W),
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "map", "2", "4194304", "2M",
	   "prot", "rwu", "small"), .id = 2, .va = 0x400000,
	   .len = 0x200000, .prot = R | W | U, .small = true),
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "ma", "1", "0x0", "1g", "pr", "xr",
	   "pf", "0x40000"), .id = 1, .len = 1ULL << 30, .prot = R | X,
	   .has_pfn = true, .pfn = 0x40000),
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "map", "1", "0x1000", "0x3000",
	   "demand", "prot", "none"), .id = 1, .va = 0x1000, .len = 0x3000,
	   .demand = true),
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "map", "1", "0x1000", "4096",
	   "prot", "uxwr"), .id = 1, .va = 0x1000, .len = 4096,
	   .prot = R | W | X | U),
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "map", "1", "0", "0X10k"), .id = 1,
	   .len = 0x4000, .prot = R | W),
	PT(SMM_CMD_AS_MAP, "as", 0, ("as", "map", "1", "0", "16777215T"),
	   .id = 1, .len = 0xffffffULL << 40, .prot = R | W),
	USAGE("pfn and demand exclude each other", "as", "map", "1", "0",
	      "4K", "pfn", "1", "demand"),
	USAGE("as map: missing LEN", "as", "map", "1", "0x1000"),
	USAGE("as map: missing VA", "as", "map", "1"),
	USAGE("as map: missing ID", "as", "map"),
	USAGE("invalid length '1.5M'", "as", "map", "1", "0", "1.5M"),
	USAGE("invalid length '64KB'", "as", "map", "1", "0", "64KB"),
	USAGE("invalid length 'K'", "as", "map", "1", "0", "K"),
	USAGE("invalid length '0x'", "as", "map", "1", "0", "0x"),
	USAGE("invalid length '-4096'", "as", "map", "1", "0", "-4096"),
	USAGE("length 16777216T out of range", "as", "map", "1", "0",
	      "16777216T"),
	USAGE("length 0x10000000000000000 out of range", "as", "map", "1",
	      "0", "0x10000000000000000"),
	USAGE("invalid virtual address 'zz'", "as", "map", "1", "zz", "4K"),
	USAGE("'r' given twice in protection 'rwr'", "as", "map", "1", "0",
	      "4K", "prot", "rwr"),
	USAGE("invalid protection 'rwz'", "as", "map", "1", "0", "4K", "prot",
	      "rwz"),
	USAGE("invalid protection ''", "as", "map", "1", "0", "4K", "prot",
	      ""),
	USAGE("missing protection", "as", "map", "1", "0", "4K", "prot"),
	USAGE("demand given more than once", "as", "map", "1", "0", "4K",
	      "demand", "demand"),
	USAGE("unknown argument 'rw'", "as", "map", "1", "0", "4K", "rw"),

	/* as unmap ID VA LEN; as protect ID VA LEN PROT. */
	PT(SMM_CMD_AS_UNMAP, "as", 0, ("as", "unmap", "1", "0x400000",
	   "0x10000"), .id = 1, .va = 0x400000, .len = 0x10000),
	PT(SMM_CMD_AS_PROTECT, "as", J, ("as", "protect", "1", "0x400000",
	   "4K", "r", "-j"), .id = 1, .va = 0x400000, .len = 4096,
	   .prot = R),
	PT(SMM_CMD_AS_PROTECT, "as", 0, ("as", "p", "1", "0", "4K", "none"),
	   .id = 1, .len = 4096),
	USAGE("as protect: missing PROT", "as", "protect", "1", "0", "4K"),
	USAGE("unexpected argument 'prot'", "as", "unmap", "1", "0", "4K",
	      "prot", "r"),

	/* as touch ID VA { r | w | x } [user]. */
	PT(SMM_CMD_AS_TOUCH, "as", 0, ("as", "touch", "1", "0x401000", "r"),
	   .id = 1, .va = 0x401000, .access = SHADOW_MM_ACCESS_READ),
	PT(SMM_CMD_AS_TOUCH, "as", 0, ("as", "t", "1", "0x401000", "w",
	   "user"), .id = 1, .va = 0x401000, .access = SHADOW_MM_ACCESS_WRITE,
	   .user = true),
	PT(SMM_CMD_AS_TOUCH, "as", 0, ("as", "touch", "7", "0", "x", "u"),
	   .id = 7, .access = SHADOW_MM_ACCESS_EXEC, .user = true),
	PT(SMM_CMD_AS_TOUCH, "as", 0, ("as", "touch", "7", "0", "exec"),
	   .id = 7, .access = SHADOW_MM_ACCESS_EXEC),
	USAGE("as touch: missing access", "as", "touch", "1", "0x1000"),
	USAGE("unknown access 'q'", "as", "touch", "1", "0x1000", "q"),
	USAGE("unknown argument 'kernel'", "as", "touch", "1", "0x1000", "r",
	      "kernel"),
	USAGE("unexpected argument 'user'", "as", "touch", "1", "0x1000", "r",
	      "user", "user"),

	/* as dump ID [VA [LEN]]. */
	PT(SMM_CMD_AS_DUMP, "as", 0, ("as", "dump", "1"),
	   .source = SMM_WALK_AS, .walk_id = 1),
	PT(SMM_CMD_AS_DUMP, "as", J, ("as", "du", "1", "0x400000", "-j"),
	   .source = SMM_WALK_AS, .walk_id = 1, .has_va = true,
	   .walk_va = 0x400000),
	PT(SMM_CMD_AS_DUMP, "as", 0, ("as", "dump", "1", "0x400000", "2M"),
	   .source = SMM_WALK_AS, .walk_id = 1, .has_va = true,
	   .walk_va = 0x400000, .has_len = true, .walk_len = 0x200000),
	USAGE("--svg draws one walk: not with as dump", "as", "dump", "1",
	      "--svg", "d.svg"),
	USAGE("--tree draws one walk: not with as dump", "as", "dump", "1",
	      "--tree"),
	USAGE("unexpected argument '3'", "as", "dump", "1", "0", "4K", "3"),
	OK(SMM_CMD_HELP, "as", 0, "as", "help"),
	OK(SMM_CMD_HELP, "as", 0, "as", "map", "help"),
	OK(SMM_CMD_HELP, "as", 0, "help", "as"),

	/* walk AS VA [LEN], walk pid PID VA [LEN], walk kernel VA [LEN]. */
	PT(SMM_CMD_WALK, "walk", 0, ("walk", "1", "0x401000"),
	   .source = SMM_WALK_AS, .walk_id = 1, .has_va = true,
	   .walk_va = 0x401000),
	PT(SMM_CMD_WALK, "walk", 0, ("w", "2", "0", "1M"),
	   .source = SMM_WALK_AS, .walk_id = 2, .has_va = true,
	   .has_len = true, .walk_len = 1 << 20),
	PT(SMM_CMD_WALK, "walk", J, ("walk", "pid", "123", "0x7fff0000", "-j"),
	   .source = SMM_WALK_PID, .walk_id = 123, .has_va = true,
	   .walk_va = 0x7fff0000),
	PT(SMM_CMD_WALK, "walk", 0, ("walk", "p", "2147483647", "0", "4K"),
	   .source = SMM_WALK_PID, .walk_id = 2147483647, .has_va = true,
	   .has_len = true, .walk_len = 4096),
	PT(SMM_CMD_WALK, "walk", 0, ("walk", "kernel", "0xc0008000"),
	   .source = SMM_WALK_KERNEL, .has_va = true, .walk_va = 0xc0008000),
	PT(SMM_CMD_WALK, "walk", 0, ("walk", "k", "0xffff800008000000",
	   "16M"), .source = SMM_WALK_KERNEL, .has_va = true,
	   .walk_va = 0xffff800008000000ULL, .has_len = true,
	   .walk_len = 16 << 20),
	PT(SMM_CMD_WALK, "walk", T, ("walk", "1", "0x1000", "--tree"),
	   .source = SMM_WALK_AS, .walk_id = 1, .has_va = true,
	   .walk_va = 0x1000),
	PT_DRAW("w.svg", NULL, 0, ("walk", "1", "0x1000", "--svg", "w.svg"),
		.source = SMM_WALK_AS, .walk_id = 1, .has_va = true,
		.walk_va = 0x1000),
	PT_DRAW(NULL, "w.dot", J, ("-j", "--dot=w.dot", "walk", "kernel",
		"0x1000"), .source = SMM_WALK_KERNEL, .has_va = true,
		.walk_va = 0x1000),
	PT_DRAW("-", "w.dot", 0, ("walk", "1", "0x1000", "--svg", "-",
		"--dot", "w.dot"), .source = SMM_WALK_AS, .walk_id = 1,
		.has_va = true, .walk_va = 0x1000),
	PT_DRAW("w.svg", "w.dot", T, ("walk", "1", "0x1000", "--svg", "w.svg",
		"--d", "w.dot", "--tr"), .source = SMM_WALK_AS, .walk_id = 1,
		.has_va = true, .walk_va = 0x1000),
	OK(SMM_CMD_HELP, "walk", 0, "walk", "help"),
	OK(SMM_CMD_HELP, "walk", 0, "walk", "pid", "help"),
	OK(SMM_CMD_HELP, "walk", 0, "help", "walk"),
	OK(SMM_CMD_HELP, "walk", T, "walk", "-h", "--tree"),
	USAGE("walk: missing AS, pid PID or kernel", "walk"),
	USAGE("walk pid: missing PID", "walk", "pid"),
	USAGE("pid 0 out of range 1..2147483647", "walk", "pid", "0", "0"),
	USAGE("walk pid: missing VA", "walk", "pid", "1"),
	USAGE("walk kernel: missing VA", "walk", "kernel"),
	USAGE("walk: missing VA", "walk", "1"),
	USAGE("unknown command 'bogus'", "walk", "bogus"),
	USAGE("invalid virtual address '0xzz'", "walk", "1", "0xzz"),
	USAGE("unexpected argument 'extra'", "walk", "1", "0x1000", "2M",
	      "extra"),
	USAGE("--tree and -j are two forms of the output", "walk", "1",
	      "0x1000", "--tree", "-j"),
	USAGE("--svg - and --dot - would both write to standard output",
	      "walk", "1", "0x1000", "--svg", "-", "--dot", "-"),
	USAGE("--svg - and --tree would both write to standard output",
	      "walk", "1", "0x1000", "--tree", "--svg", "-"),
	USAGE("--dot - and -j would both write to standard output", "-j",
	      "walk", "1", "0x1000", "--dot", "-"),
	USAGE("--dot draws one walk: not with LEN", "walk", "1", "0x1000",
	      "1M", "--dot", "d.dot"),
	USAGE("--dot given more than once", "walk", "1", "0x1000", "--dot",
	      "a", "--dot", "b"),
	USAGE("option '--dot' needs a FILE", "walk", "1", "0x1000", "--dot"),
	USAGE("unknown option '--tree=1'", "walk", "1", "0x1000", "--tree=1"),
	USAGE("--tree is an option of 'walk' only", "status", "--tree"),
	USAGE("--dot is an option of 'walk' only", "zone", "map", "normal",
	      "--dot", "z.dot"),
	USAGE("--tree is an option of 'walk' only", "--t", "status"),
	USAGE("--dot - and --tree would both write to standard output",
	      "walk", "1", "0x1000", "--dot", "-", "--tree"),

	/* bench pt [count N]. */
	PT(SMM_CMD_BENCH_PT, "bench", 0, ("bench", "pt")),
	PT(SMM_CMD_BENCH_PT, "bench", J, ("-j", "bench", "pt", "count",
	   "1000"), .bench_count = 1000),
	PT(SMM_CMD_BENCH_PT, "bench", 0, ("be", "p", "c", "0x10"),
	   .bench_count = 16),
	PT(SMM_CMD_BENCH_PT, "bench", 0, ("bench", "pt", "count", "65536"),
	   .bench_count = 65536),
	USAGE("count 0 out of range 1..65536", "bench", "pt", "count", "0"),
	USAGE("count 65537 out of range 1..65536", "bench", "pt", "count",
	      "65537"),
	USAGE("unknown argument '1000'", "bench", "pt", "1000"),
	USAGE("missing count", "bench", "pt", "count"),

	/* dma: the device, and its mask. */
	DMA_CMD(SMM_CMD_DMA_DEV, 0, ("dma")),
	/* "d" and "dm" could be dma or dmabuf; "dma" is exact. */
	USAGE("ambiguous object 'd': could be 'dma' or 'dmabuf'", "d"),
	DMA_CMD(SMM_CMD_DMA_DEV, J, ("-j", "dma", "dev")),
	DMA_CMD(SMM_CMD_DMA_DEV_SET, 0, ("dma", "dev", "mask", "28"),
		.mask_bits = 28),
	DMA_CMD(SMM_CMD_DMA_DEV_SET, J, ("dma", "de", "m", "64", "-j"),
		.mask_bits = 64),
	DMA_CMD(SMM_CMD_DMA_DEV_SET, 0, ("dma", "dev", "mask", "0x18"),
		.mask_bits = 24),
	USAGE("mask bits 23 out of range 24..64", "dma", "dev", "mask", "23"),
	USAGE("mask bits 65 out of range 24..64", "dma", "dev", "mask", "65"),
	USAGE("dma dev mask: missing BITS", "dma", "dev", "mask"),
	USAGE("unknown argument 'bits'", "dma", "dev", "bits", "28"),
	USAGE("unexpected argument '32'", "dma", "dev", "mask", "28", "32"),
	DMA_CMD(SMM_CMD_DMA_DEV, 0, ("dma", "d")),
	OK(SMM_CMD_HELP, "dma", 0, "dma", "help"),
	OK(SMM_CMD_HELP, "dma", 0, "dma", "xfer", "help"),
	OK(SMM_CMD_HELP, "dma", 0, "help", "dma"),

	/* dma alloc SIZE [zone Z] [node N]. */
	DMA_CMD(SMM_CMD_DMA_ALLOC, 0, ("dma", "alloc", "4096"), .size = 4096),
	DMA_CMD(SMM_CMD_DMA_ALLOC, J, ("-j", "dma", "a", "64K", "zone",
		"dma32", "node", "1"), .size = 65536, .zone = DMA32,
		.has_node = true, .node = 1),
	DMA_CMD(SMM_CMD_DMA_ALLOC, 0, ("dma", "alloc", "1", "z", "dma"),
		.size = 1, .zone = DMA),
	USAGE("dma alloc: missing SIZE", "dma", "alloc"),
	USAGE("size 0 out of range: at least 1", "dma", "alloc", "0"),
	USAGE("invalid length 'big'", "dma", "alloc", "big"),
	USAGE("unknown argument 'kind'", "dma", "alloc", "4K", "kind", "sg"),
	USAGE("unknown zone type 'low'", "dma", "alloc", "4K", "zone", "low"),
	USAGE("zone given more than once", "dma", "alloc", "4K", "zone", "dma",
	      "zone", "dma"),
	USAGE("node id 64 out of range", "dma", "alloc", "4K", "node", "64"),

	/* dma map SIZE [kind K] [dir D] [zone Z] [node N] [unchecked]. */
	DMA_CMD(SMM_CMD_DMA_MAP, 0, ("dma", "map", "8K"), .size = 8192,
		.kind = SHADOW_MM_DMA_KIND_SINGLE,
		.dir = SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
	DMA_CMD(SMM_CMD_DMA_MAP, 0, ("dma", "map", "12K", "kind", "sg", "dir",
		"to-device", "zone", "normal", "node", "0", "unchecked"),
		.size = 12288, .kind = SHADOW_MM_DMA_KIND_SG,
		.dir = SHADOW_MM_DMA_DIR_TO_DEVICE, .zone = NORMAL,
		.has_node = true, .unchecked = true),
	DMA_CMD(SMM_CMD_DMA_MAP, 0, ("dma", "m", "0x1000", "d", "f", "k",
		"si", "u"), .size = 4096, .kind = SHADOW_MM_DMA_KIND_SINGLE,
		.dir = SHADOW_MM_DMA_DIR_FROM_DEVICE, .unchecked = true),
	USAGE("dma map makes single or sg buffers", "dma", "map", "4K", "kind",
	      "coherent"),
	USAGE("unknown kind 'all'", "dma", "map", "4K", "kind", "all"),
	USAGE("ambiguous kind 's'", "dma", "map", "4K", "kind", "s"),
	USAGE("unknown direction 'both'", "dma", "map", "4K", "dir", "both"),
	USAGE("missing direction", "dma", "map", "4K", "dir"),
	USAGE("unchecked given more than once", "dma", "map", "4K",
	      "unchecked", "unchecked"),
	USAGE("dma map: missing SIZE", "dma", "map"),
	USAGE("size 0x0 out of range", "dma", "map", "0x0"),

	/* dma unmap and free: by id or by address; overrides. */
	DMA_CMD(SMM_CMD_DMA_UNMAP, 0, ("dma", "unmap", "3"), .id = 3),
	DMA_CMD(SMM_CMD_DMA_UNMAP, 0, ("dma", "u", "addr", "0xe001000",
		"size", "4K", "dir", "to", "kind", "coherent"),
		.has_addr = true, .addr = 0xe001000, .size = 4096,
		.dir = SHADOW_MM_DMA_DIR_TO_DEVICE,
		.kind = SHADOW_MM_DMA_KIND_COHERENT),
	DMA_CMD(SMM_CMD_DMA_UNMAP, 0, ("dma", "unmap", "0x10", "kind", "sg"),
		.id = 16, .kind = SHADOW_MM_DMA_KIND_SG),
	DMA_CMD(SMM_CMD_DMA_FREE, 0, ("dma", "free", "1"), .id = 1,
		.kind = SHADOW_MM_DMA_KIND_COHERENT),
	DMA_CMD(SMM_CMD_DMA_FREE, 0, ("dma", "f", "a", "4096", "s", "8K"),
		.has_addr = true, .addr = 4096, .size = 8192,
		.kind = SHADOW_MM_DMA_KIND_COHERENT),
	USAGE("dma unmap: missing ID or addr DMA_ADDR", "dma", "unmap"),
	USAGE("dma unmap: expected ID or addr DMA_ADDR, not 'all'", "dma",
	      "unmap", "all"),
	USAGE("dma unmap: missing DMA_ADDR", "dma", "unmap", "addr"),
	USAGE("invalid dma address 'zz'", "dma", "unmap", "addr", "zz"),
	USAGE("dma id 0 out of range 1..4294967295", "dma", "unmap", "0"),
	USAGE("unknown kind 'all'", "dma", "unmap", "1", "kind", "all"),
	USAGE("size 0 out of range", "dma", "unmap", "1", "size", "0"),
	USAGE("unknown argument 'dir'", "dma", "free", "1", "dir", "to"),
	USAGE("unknown argument 'kind'", "dma", "free", "1", "kind", "sg"),
	USAGE("dma free: missing ID or addr DMA_ADDR", "dma", "free"),

	/* dma sync ID|addr A for-cpu|for-device [offset O] [size S] [dir D]. */
	DMA_CMD(SMM_CMD_DMA_SYNC, 0, ("dma", "sync", "2", "for-cpu"), .id = 2,
		.sync = SHADOW_MM_DMA_SYNC_FOR_CPU),
	DMA_CMD(SMM_CMD_DMA_SYNC, 0, ("dma", "sy", "addr", "0x1000", "for-d",
		"offset", "0", "size", "2K", "dir", "bi"), .has_addr = true,
		.addr = 0x1000, .sync = SHADOW_MM_DMA_SYNC_FOR_DEVICE,
		.has_offset = true, .size = 2048,
		.dir = SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
	DMA_CMD(SMM_CMD_DMA_SYNC, 0, ("dma", "sync", "2", "for-cpu", "o",
		"4K"), .id = 2, .sync = SHADOW_MM_DMA_SYNC_FOR_CPU,
		.has_offset = true, .offset = 4096),
	USAGE("dma sync: missing for-cpu or for-device", "dma", "sync", "2"),
	USAGE("ambiguous sync 'for'", "dma", "sync", "2", "for"),
	USAGE("unknown sync 'offset'", "dma", "sync", "2", "offset", "0"),
	USAGE("unknown argument 'kind'", "dma", "sync", "2", "for-cpu", "kind",
	      "sg"),
	USAGE("missing offset", "dma", "sync", "2", "for-cpu", "offset"),
	USAGE("ambiguous command 's'", "dma", "s", "2"),

	/* dma xfer SRC [DST] ..., or through temporary buffers. */
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer")),
	DMA_CMD(SMM_CMD_DMA_XFER, J, ("dma", "x", "kind", "all", "-j")),
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer", "kind", "coherent",
		"size", "100", "seed", "7"), .kind = SHADOW_MM_DMA_KIND_COHERENT,
		.size = 100, .has_seed = true, .seed = 7),
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer", "k", "sg", "si", "4K"),
		.kind = SHADOW_MM_DMA_KIND_SG, .size = 4096),
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer", "1"), .id = 1),
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer", "1", "2", "offset", "1K",
		"size", "2K", "seed", "0"), .id = 1, .dst = 2,
		.has_offset = true, .offset = 1024, .size = 2048,
		.has_seed = true),
	USAGE("size 4097 out of range 1..4096", "dma", "xfer", "size", "4097"),
	USAGE("size 8K out of range 1..4096", "dma", "xfer", "1", "size", "8K"),
	USAGE("size 0 out of range 1..4096", "dma", "xfer", "1", "size", "0"),
	USAGE("unknown argument 'kind'", "dma", "xfer", "1", "kind", "sg"),
	USAGE("unknown argument 'offset'", "dma", "xfer", "offset", "0"),
	USAGE("unknown kind 'bounce'", "dma", "xfer", "kind", "bounce"),
	USAGE("source id 0 out of range", "dma", "xfer", "0"),
	USAGE("destination id 0 out of range", "dma", "xfer", "1", "0"),
	USAGE("unknown argument '3'", "dma", "xfer", "1", "2", "3"),
	USAGE("ambiguous argument 's'", "dma", "xfer", "s", "1"),
	USAGE("seed 4294967296 out of range", "dma", "xfer", "seed",
	      "4294967296"),

	/* dma list, show ID, errors [log] and -v. */
	DMA_CMD(SMM_CMD_DMA_LIST, 0, ("dma", "list")),
	DMA_CMD(SMM_CMD_DMA_LIST, J | P, ("dma", "l", "-jp")),
	DMA_CMD(SMM_CMD_DMA_SHOW, 0, ("dma", "show", "5"), .id = 5),
	DMA_CMD(SMM_CMD_DMA_SHOW, J, ("-j", "dma", "sh", "0x5"), .id = 5),
	DMA_CMD(SMM_CMD_DMA_ERRORS, 0, ("dma", "errors")),
	DMA_CMD(SMM_CMD_DMA_ERRORS, 0, ("dma", "e", "log"), .log = true),
	DMA_CMD(SMM_CMD_DMA_ERRORS, SMM_OPT_VERBOSE, ("dma", "errors", "-v")),
	DMA_CMD(SMM_CMD_DMA_ERRORS, SMM_OPT_VERBOSE | J,
		("--verbose", "-j", "dma", "errors")),
	USAGE("unexpected argument '1'", "dma", "list", "1"),
	USAGE("dma show: missing ID", "dma", "show"),
	USAGE("invalid dma id 'x'", "dma", "show", "x"),
	USAGE("unknown argument 'all'", "dma", "errors", "all"),
	USAGE("-v is an option of 'dma errors' only", "dma", "list", "-v"),
	USAGE("-v is an option of 'dma errors' only", "-v", "status"),
	USAGE("unknown command 'bogus'", "dma", "bogus"),
	OK(SMM_CMD_HELP, NULL, SMM_OPT_VERBOSE, "-v", "help"),

	/* dma xfer SRC [DST] ... copy [dst-offset D]. */
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer", "1", "2", "copy",
		"dst-offset", "2K"), .id = 1, .dst = 2, .copy = true,
		.has_dst_offset = true, .dst_offset = 2048),
	DMA_CMD(SMM_CMD_DMA_XFER, J, ("dma", "x", "3", "offset", "0", "size",
		"4095", "c", "d", "0x800", "-j"), .id = 3, .has_offset = true,
		.size = 4095, .copy = true, .has_dst_offset = true,
		.dst_offset = 2048),
	DMA_CMD(SMM_CMD_DMA_XFER, 0, ("dma", "xfer", "1", "seed", "9",
		"dst-offset", "0"), .id = 1, .has_seed = true, .seed = 9,
		.has_dst_offset = true),
	USAGE("seed and copy exclude each other", "dma", "xfer", "1", "copy",
	      "seed", "1"),
	USAGE("copy given more than once", "dma", "xfer", "1", "copy", "copy"),
	USAGE("missing dst-offset", "dma", "xfer", "1", "dst-offset"),
	USAGE("invalid length 'half'", "dma", "xfer", "1", "dst-offset",
	      "half"),
	USAGE("unknown argument 'copy'", "dma", "xfer", "copy"),
	USAGE("unknown argument 'dst-offset'", "dma", "xfer", "kind", "sg",
	      "dst-offset", "0"),

	/* dmabuf alloc SIZE [...] [-- CMD ARGS...]. */
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", 0,
		   ("dmabuf", "alloc", "1M"), .size = 1 << 20),
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", J,
		   ("-j", "dmabuf", "a", "64K", "zone", "dma", "node", "1",
		    "contiguous", "owner", "camera", "name", "frames", "ro"),
		   .size = 65536, .zone = DMA, .has_node = true, .node = 1,
		   .contiguous = true, .owner = "camera", .name = "frames",
		   .ro = true),
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", 0,
		   ("dmabuf", "alloc", "4K", "c", "o", "fifteen-bytes-x", "na",
		    "thirty-one-bytes-of-a-name-xxxx"), .size = 4096,
		   .contiguous = true, .owner = "fifteen-bytes-x",
		   .name = "thirty-one-bytes-of-a-name-xxxx"),
	/* After --, CMD is CMD's: smm neither parses nor takes options. */
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", 0,
		   ("dmabuf", "alloc", "4K", "--", "sh", "-c",
		    "smm dmabuf import $SMM_DMABUF_FD edu"), .size = 4096,
		   .cmd = CMD_WORDS("sh", "-c",
				    "smm dmabuf import $SMM_DMABUF_FD edu")),
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", J,
		   ("dmabuf", "alloc", "4K", "zone", "normal", "-j", "--", "smm",
		    "-p", "dmabuf", "list"), .size = 4096, .zone = NORMAL,
		   .cmd = CMD_WORDS("smm", "-p", "dmabuf", "list")),
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", 0,
		   ("dmabuf", "alloc", "4K", "--", "true"), .size = 4096,
		   .cmd = CMD_WORDS("true")),
	/* A -- before the command's words only ends the options. */
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", J,
		   ("-j", "--", "dmabuf", "alloc", "8K"), .size = 8192),
	DMABUF_CMD(SMM_CMD_DMABUF_ALLOC, "dmabuf", 0,
		   ("dmabuf", "--", "alloc", "8K", "ro"), .size = 8192,
		   .ro = true),
	USAGE("dmabuf alloc: missing CMD after --", "dmabuf", "alloc", "4K",
	      "--"),
	USAGE("dmabuf alloc: missing SIZE", "dmabuf", "alloc", "--", "4K"),
	USAGE("dmabuf alloc: missing SIZE", "dmabuf", "alloc"),
	USAGE("missing owner tag", "dmabuf", "alloc", "4K", "owner", "--",
	      "true"),
	USAGE("unknown argument 'sh'", "dmabuf", "alloc", "4K", "sh"),
	USAGE("size 0 out of range: at least 1", "dmabuf", "alloc", "0"),
	USAGE("invalid length '1X'", "dmabuf", "alloc", "1X"),
	USAGE("unknown zone type 'low'", "dmabuf", "alloc", "4K", "zone",
	      "low"),
	USAGE("node id 64 out of range", "dmabuf", "alloc", "4K", "node",
	      "64"),
	USAGE("contiguous given more than once", "dmabuf", "alloc", "4K",
	      "contiguous", "c"),
	USAGE("owner tag 'sixteen-bytes-xx' must be 1 to 15 bytes", "dmabuf",
	      "alloc", "4K", "owner", "sixteen-bytes-xx"),
	USAGE("owner tag '' must be 1 to 15 bytes", "dmabuf", "alloc", "4K",
	      "owner", ""),
	USAGE("must be 1 to 31 bytes", "dmabuf", "alloc", "4K", "name",
	      "thirty-two-bytes-of-a-name-xxxxx"),
	USAGE("missing name", "dmabuf", "alloc", "4K", "name"),

	/* dmabuf [list], show ID, import FD { edu | as AS va VA }. */
	DMABUF_CMD(SMM_CMD_DMABUF_LIST, "dmabuf", 0, ("dmabuf")),
	DMABUF_CMD(SMM_CMD_DMABUF_LIST, "dmabuf", J | P,
		   ("dmabuf", "l", "-jp")),
	DMABUF_CMD(SMM_CMD_DMABUF_SHOW, "dmabuf", 0, ("dmabuf", "show", "3"),
		   .id = 3),
	DMABUF_CMD(SMM_CMD_DMABUF_SHOW, "dmabuf", J,
		   ("-j", "dmabuf", "s", "0x10"), .id = 16),
	DMABUF_CMD(SMM_CMD_DMABUF_IMPORT, "dmabuf", 0,
		   ("dmabuf", "import", "5", "edu"), .fd = 5,
		   .target = SHADOW_MM_DMABUF_TARGET_EDU),
	DMABUF_CMD(SMM_CMD_DMABUF_IMPORT, "dmabuf", J,
		   ("dmabuf", "i", "0", "as", "2", "va", "0x400000", "-j"),
		   .fd = 0, .target = SHADOW_MM_DMABUF_TARGET_AS, .as = 2,
		   .va = 0x400000),
	DMABUF_CMD(SMM_CMD_DMABUF_IMPORT, "dmabuf", 0,
		   ("dmabuf", "import", "7", "a", "1", "v", "4096"), .fd = 7,
		   .target = SHADOW_MM_DMABUF_TARGET_AS, .as = 1, .va = 4096),
	USAGE("unexpected argument '1'", "dmabuf", "list", "1"),
	USAGE("dmabuf show: missing ID", "dmabuf", "show"),
	USAGE("dmabuf id 0 out of range", "dmabuf", "show", "0"),
	USAGE("dmabuf import: missing FD", "dmabuf", "import"),
	USAGE("invalid file descriptor 'edu'", "dmabuf", "import", "edu"),
	USAGE("file descriptor 2147483648 out of range", "dmabuf", "import",
	      "2147483648", "edu"),
	USAGE("dmabuf import: missing edu or as AS va VA", "dmabuf", "import",
	      "3"),
	USAGE("unknown import target 'vgem'", "dmabuf", "import", "3", "vgem"),
	USAGE("unexpected argument 'x'", "dmabuf", "import", "3", "edu", "x"),
	USAGE("dmabuf import as: missing ID", "dmabuf", "import", "3", "as"),
	USAGE("address space id 0 out of range", "dmabuf", "import", "3", "as",
	      "0", "va", "0"),
	USAGE("dmabuf import as: missing va VA", "dmabuf", "import", "3", "as",
	      "1"),
	USAGE("unknown argument 'at'", "dmabuf", "import", "3", "as", "1",
	      "at", "0x1000"),
	USAGE("dmabuf import as: missing VA", "dmabuf", "import", "3", "as",
	      "1", "va"),
	USAGE("unknown command 'free'", "dmabuf", "free", "3"),
	USAGE("ambiguous object 'dm'", "dm", "list"),
	OK(SMM_CMD_HELP, "dmabuf", 0, "dmabuf", "help"),
	OK(SMM_CMD_HELP, "dmabuf", 0, "help", "dmabuf"),
	OK(SMM_CMD_HELP, "dmabuf", 0, "dmabuf", "alloc", "-h"),
	/* dma and dmabuf: the whole word is never ambiguous. */
	DMA_CMD(SMM_CMD_DMA_LIST, 0, ("dma", "list")),

	/* bench dmabuf [size MIB] [rounds N]. */
	DMABUF_CMD(SMM_CMD_BENCH_DMABUF, "bench", 0, ("bench", "dmabuf")),
	DMABUF_CMD(SMM_CMD_BENCH_DMABUF, "bench", J,
		   ("-j", "bench", "dm", "size", "64", "rounds", "3"),
		   .bench_mib = 64, .bench_rounds = 3),
	DMABUF_CMD(SMM_CMD_BENCH_DMABUF, "bench", 0,
		   ("bench", "dmabuf", "r", "100", "s", "1024"),
		   .bench_mib = 1024, .bench_rounds = 100),
	USAGE("size in MiB 0 out of range 1..1024", "bench", "dmabuf", "size",
	      "0"),
	USAGE("size in MiB 1025 out of range 1..1024", "bench", "dmabuf",
	      "size", "1025"),
	USAGE("rounds 101 out of range 1..100", "bench", "dmabuf", "rounds",
	      "101"),
	USAGE("rounds given more than once", "bench", "dmabuf", "rounds", "1",
	      "rounds", "2"),
	USAGE("unknown argument 'count'", "bench", "dmabuf", "count", "5"),
	USAGE("ambiguous command 'd'", "bench", "d"),
};

/* What the memory objects' commands chose, against the row. */
static void check_memory_args(struct __test_metadata *_metadata,
			      const struct args_case *c,
			      const struct smm_cmdline *cl, const char *line)
{
	bool has_node;
	__u32 node, zone;
	size_t i;

	if (c->cmd == SMM_CMD_BENCH_ALLOC) {
		EXPECT_EQ(c->order, cl->bench.order) TH_LOG("%s", line);
		EXPECT_EQ(c->count, cl->bench.count) TH_LOG("%s", line);
		EXPECT_EQ(c->zero, cl->bench.zero) TH_LOG("%s", line);
	} else {
		EXPECT_EQ(0U, cl->bench.count) TH_LOG("%s", line);
	}
	if (c->cmd == SMM_CMD_PAGE_ALLOC) {
		has_node = cl->alloc.has_node;
		node = cl->alloc.node;
		zone = cl->alloc.zone;
		EXPECT_EQ(c->order, cl->alloc.order) TH_LOG("%s", line);
		EXPECT_EQ(c->mt, cl->alloc.migratetype) TH_LOG("%s", line);
		EXPECT_EQ(c->count, cl->alloc.count) TH_LOG("%s", line);
		EXPECT_EQ(c->zero, cl->alloc.zero) TH_LOG("%s", line);
		if (c->owner) {
			EXPECT_STREQ(c->owner, cl->alloc.owner)
				TH_LOG("%s", line);
		} else {
			EXPECT_EQ(NULL, cl->alloc.owner) TH_LOG("%s", line);
		}
		EXPECT_FALSE(cl->filter.has_node) TH_LOG("%s", line);
	} else {
		has_node = cl->filter.has_node;
		node = cl->filter.node;
		zone = cl->filter.zone;
		EXPECT_FALSE(cl->alloc.has_node) TH_LOG("%s", line);
	}
	EXPECT_EQ(c->node != NO_NODE, has_node) TH_LOG("%s", line);
	if (c->node != NO_NODE)
		EXPECT_EQ((__u32)c->node, node) TH_LOG("%s", line);
	EXPECT_EQ(c->zone, zone) TH_LOG("%s", line);
	EXPECT_EQ(c->pfn, cl->pfn) TH_LOG("%s", line);

	ASSERT_EQ(c->n_pfns, cl->free.n_pfns) TH_LOG("%s", line);
	for (i = 0; i < c->n_pfns; i++)
		EXPECT_EQ(c->pfns[i], cl->free.pfns[i]) TH_LOG("%s", line);
}

/* What the page-table commands chose, against the row. */
static void check_pt_args(struct __test_metadata *_metadata,
			  const struct args_case *c,
			  const struct smm_cmdline *cl, const char *line)
{
	const struct pt_args *e = &c->pt;

	EXPECT_EQ(e->format, cl->as_new.format) TH_LOG("%s", line);
	EXPECT_EQ(e->levels, cl->as_new.levels) TH_LOG("%s", line);
	EXPECT_EQ(e->has_mair, cl->as_new.has_mair) TH_LOG("%s", line);
	EXPECT_EQ(e->mair, cl->as_new.mair) TH_LOG("%s", line);
	EXPECT_EQ(e->id, cl->as.id) TH_LOG("%s", line);
	EXPECT_EQ(e->va, cl->as.va) TH_LOG("%s", line);
	EXPECT_EQ(e->len, cl->as.len) TH_LOG("%s", line);
	EXPECT_EQ(e->prot, cl->as.prot) TH_LOG("%s", line);
	EXPECT_EQ(e->has_pfn, cl->as.has_pfn) TH_LOG("%s", line);
	EXPECT_EQ(e->pfn, cl->as.pfn) TH_LOG("%s", line);
	EXPECT_EQ(e->demand, cl->as.demand) TH_LOG("%s", line);
	EXPECT_EQ(e->small, cl->as.small) TH_LOG("%s", line);
	EXPECT_EQ(e->access, cl->as.access) TH_LOG("%s", line);
	EXPECT_EQ(e->user, cl->as.user) TH_LOG("%s", line);
	EXPECT_EQ(e->source, cl->walk.source) TH_LOG("%s", line);
	EXPECT_EQ(e->walk_id, cl->walk.id) TH_LOG("%s", line);
	EXPECT_EQ(e->has_va, cl->walk.has_va) TH_LOG("%s", line);
	EXPECT_EQ(e->walk_va, cl->walk.va) TH_LOG("%s", line);
	EXPECT_EQ(e->has_len, cl->walk.has_len) TH_LOG("%s", line);
	EXPECT_EQ(e->walk_len, cl->walk.len) TH_LOG("%s", line);
	EXPECT_EQ(e->bench_count, cl->bench_pt.count) TH_LOG("%s", line);
}

/* What the dma commands chose, against the row. */
static void check_dma_args(struct __test_metadata *_metadata,
			   const struct args_case *c,
			   const struct smm_cmdline *cl, const char *line)
{
	const struct dma_args *e = &c->dma;

	EXPECT_EQ(e->mask_bits, cl->dma.mask_bits) TH_LOG("%s", line);
	EXPECT_EQ(e->id, cl->dma.id) TH_LOG("%s", line);
	EXPECT_EQ(e->has_addr, cl->dma.has_addr) TH_LOG("%s", line);
	EXPECT_EQ(e->addr, cl->dma.addr) TH_LOG("%s", line);
	EXPECT_EQ(e->size, cl->dma.size) TH_LOG("%s", line);
	EXPECT_EQ(e->kind, cl->dma.kind) TH_LOG("%s", line);
	EXPECT_EQ(e->dir, cl->dma.dir) TH_LOG("%s", line);
	EXPECT_EQ(e->zone, cl->dma.zone) TH_LOG("%s", line);
	EXPECT_EQ(e->has_node, cl->dma.has_node) TH_LOG("%s", line);
	EXPECT_EQ(e->node, cl->dma.node) TH_LOG("%s", line);
	EXPECT_EQ(e->unchecked, cl->dma.unchecked) TH_LOG("%s", line);
	EXPECT_EQ(e->sync, cl->dma.sync) TH_LOG("%s", line);
	EXPECT_EQ(e->has_offset, cl->dma.has_offset) TH_LOG("%s", line);
	EXPECT_EQ(e->offset, cl->dma.offset) TH_LOG("%s", line);
	EXPECT_EQ(e->dst, cl->dma.dst) TH_LOG("%s", line);
	EXPECT_EQ(e->has_seed, cl->dma.has_seed) TH_LOG("%s", line);
	EXPECT_EQ(e->seed, cl->dma.seed) TH_LOG("%s", line);
	EXPECT_EQ(e->log, cl->dma.log) TH_LOG("%s", line);
	EXPECT_EQ(e->copy, cl->dma.copy) TH_LOG("%s", line);
	EXPECT_EQ(e->has_dst_offset, cl->dma.has_dst_offset) TH_LOG("%s", line);
	EXPECT_EQ(e->dst_offset, cl->dma.dst_offset) TH_LOG("%s", line);
}

/* A string the row expects, NULL included, against what was parsed. */
#define EXPECT_WORD(want_, got_, line_) \
	EXPECT_STREQ((want_) ?: "(none)", (got_) ?: "(none)") TH_LOG("%s", line_)

/* What the dmabuf commands and bench dmabuf chose, against the row. */
static void check_dmabuf_args(struct __test_metadata *_metadata,
			      const struct args_case *c,
			      const struct smm_cmdline *cl, const char *line)
{
	const struct dmabuf_args *e = &c->dmabuf;
	size_t i;

	EXPECT_EQ(e->size, cl->dmabuf.size) TH_LOG("%s", line);
	EXPECT_EQ(e->zone, cl->dmabuf.zone) TH_LOG("%s", line);
	EXPECT_EQ(e->has_node, cl->dmabuf.has_node) TH_LOG("%s", line);
	EXPECT_EQ(e->node, cl->dmabuf.node) TH_LOG("%s", line);
	EXPECT_EQ(e->contiguous, cl->dmabuf.contiguous) TH_LOG("%s", line);
	EXPECT_WORD(e->owner, cl->dmabuf.owner, line);
	EXPECT_WORD(e->name, cl->dmabuf.name, line);
	EXPECT_EQ(e->ro, cl->dmabuf.ro) TH_LOG("%s", line);
	if (!e->cmd[0]) {
		EXPECT_EQ(NULL, cl->dmabuf.cmd) TH_LOG("%s", line);
	} else {
		ASSERT_NE(NULL, cl->dmabuf.cmd) TH_LOG("%s", line);
		/* CMD's words, then the NULL that execvp() needs. */
		for (i = 0; i <= MAX_CMD_WORDS; i++) {
			EXPECT_WORD(e->cmd[i], cl->dmabuf.cmd[i], line);
			if (!e->cmd[i])
				break;
		}
	}
	EXPECT_EQ(e->id, cl->dmabuf.id) TH_LOG("%s", line);
	EXPECT_EQ(e->fd, cl->dmabuf.fd) TH_LOG("%s", line);
	EXPECT_EQ(e->target, cl->dmabuf.target) TH_LOG("%s", line);
	EXPECT_EQ(e->as, cl->dmabuf.as) TH_LOG("%s", line);
	EXPECT_EQ(e->va, cl->dmabuf.va) TH_LOG("%s", line);
	EXPECT_EQ(e->bench_mib, cl->bench_dmabuf.size_mib) TH_LOG("%s", line);
	EXPECT_EQ(e->bench_rounds, cl->bench_dmabuf.rounds) TH_LOG("%s", line);
}

/* "smm -j status" for the logs. */
static const char *join(const struct args_case *c, char *buf, size_t len)
{
	size_t used;
	int i;

	used = snprintf(buf, len, "smm");
	for (i = 0; c->argv[i] && used < len; i++)
		used += snprintf(buf + used, len - used, " '%s'", c->argv[i]);
	return buf;
}

/*
 * Parses the row's words, put in @argv: the command line outlives the
 * parse, as main()'s does (`dmabuf alloc -- CMD` keeps pointers into it).
 */
static int run_case(const struct args_case *c, struct smm_cmdline *cl,
		    char *argv[MAX_WORDS + 2])
{
	int argc = 1;

	memset(argv, 0, (MAX_WORDS + 2) * sizeof(*argv));
	argv[0] = "smm";

	while (c->argv[argc - 1]) {
		argv[argc] = (char *)c->argv[argc - 1];
		argc++;
	}
	return smm_parse(argc, argv, cl);
}

TEST(table)
{
	char *argv[MAX_WORDS + 2];
	struct smm_cmdline cl;
	char line[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct args_case *c = &cases[i];
		int ret;

		ret = run_case(c, &cl, argv);
		join(c, line, sizeof(line));
		EXPECT_EQ(c->exit, ret) TH_LOG("%s: error '%s'", line, cl.err);
		if (ret != c->exit)
			continue;

		if (ret) {
			/* One line, with a hint that points to some help. */
			EXPECT_NE(NULL, strstr(cl.err, c->err)) {
				TH_LOG("%s: error '%s', expected '%s'", line,
				       cl.err, c->err);
			}
			EXPECT_EQ(NULL, strchr(cl.err, '\n'));
			EXPECT_NE(NULL, strstr(cl.hint, " help'")) {
				TH_LOG("%s: hint '%s'", line, cl.hint);
			}
			continue;
		}

		EXPECT_EQ(c->cmd, cl.cmd) TH_LOG("%s", line);
		EXPECT_EQ(c->opts, cl.opts) TH_LOG("%s", line);
		if (c->object) {
			ASSERT_NE(NULL, cl.object) TH_LOG("%s", line);
			EXPECT_STREQ(c->object, cl.object->kw.name)
				TH_LOG("%s", line);
		} else {
			EXPECT_EQ(NULL, cl.object) TH_LOG("%s", line);
		}
		EXPECT_EQ(c->debug != NO_DEBUG, cl.config_set.has_debug)
			TH_LOG("%s", line);
		if (c->debug != NO_DEBUG)
			EXPECT_EQ(c->debug, (int)cl.config_set.debug)
				TH_LOG("%s", line);
		/* Help takes --svg and --dot and ignores them. */
		if (c->cmd != SMM_CMD_HELP) {
			EXPECT_STREQ(c->svg ?: "(none)", cl.svg ?: "(none)")
				TH_LOG("%s", line);
			EXPECT_STREQ(c->dot ?: "(none)", cl.dot ?: "(none)")
				TH_LOG("%s", line);
			check_pt_args(_metadata, c, &cl, line);
			check_dma_args(_metadata, c, &cl, line);
			check_dmabuf_args(_metadata, c, &cl, line);
		}
		check_memory_args(_metadata, c, &cl, line);
		EXPECT_EQ(c->monitor_count, cl.monitor.count)
			TH_LOG("%s", line);
		smm_cmdline_free(&cl);
	}
}

/* Hints point to the help of the object being parsed. */
TEST(hint_names_the_object)
{
	char *bad_top[] = { "smm", "bogus", NULL };
	char *bad_cmd[] = { "smm", "config", "bogus", NULL };
	struct smm_cmdline cl;

	ASSERT_EQ(SMM_EXIT_USAGE, smm_parse(2, bad_top, &cl));
	EXPECT_STREQ("Try 'smm help'.", cl.hint);
	ASSERT_EQ(SMM_EXIT_USAGE, smm_parse(3, bad_cmd, &cl));
	EXPECT_STREQ("Try 'smm config help'.", cl.hint);
}

/* The parser reads argv and leaves it as it was. */
TEST(argv_untouched)
{
	char w0[] = "smm", w1[] = "-jp", w2[] = "conf", w3[] = "set";
	char w4[] = "debug", w5[] = "2";
	char *argv[] = { w0, w1, w2, w3, w4, w5, NULL };
	struct smm_cmdline cl;

	ASSERT_EQ(SMM_EXIT_OK, smm_parse(6, argv, &cl));
	EXPECT_STREQ("-jp", argv[1]);
	EXPECT_STREQ("conf", argv[2]);
	EXPECT_STREQ("2", argv[5]);
	EXPECT_EQ(NULL, argv[6]);
	/* And a second parse gives the same answer: no hidden state. */
	ASSERT_EQ(SMM_EXIT_OK, smm_parse(6, argv, &cl));
	EXPECT_EQ(SMM_CMD_CONFIG_SET, (int)cl.cmd);
	EXPECT_EQ(2, (int)cl.config_set.debug);
}

/* argc 0 (execve with an empty argv) is a usage error, not a crash. */
TEST(empty_argv)
{
	char *argv[] = { NULL };
	struct smm_cmdline cl;

	EXPECT_EQ(SMM_EXIT_USAGE, smm_parse(0, argv, &cl));
}

/* Rules every table row follows, so new objects keep them. */
TEST(table_rows)
{
	size_t i, j, k;

	for (i = 0; i < smm_n_objects; i++) {
		const struct smm_object *o = &smm_objects[i];
		bool has_help = false;

		EXPECT_NE(NULL, o->summary) TH_LOG("%s", o->kw.name);
		EXPECT_NE(NULL, o->usage) TH_LOG("%s", o->kw.name);
		/* A usage text names its object. */
		EXPECT_NE(NULL, strstr(o->usage, o->kw.name))
			TH_LOG("%s", o->kw.name);
		for (k = 0; k < i; k++)
			EXPECT_STRNE(o->kw.name, smm_objects[k].kw.name);

		if (!o->cmds) {
			EXPECT_NE(NULL, o->parse) TH_LOG("%s", o->kw.name);
			continue;
		}
		for (j = 0; j < o->n_cmds; j++) {
			const struct smm_command *c = &o->cmds[j];

			EXPECT_GT((int)c->cmd, SMM_CMD_NONE) TH_LOG("%s", c->kw.name);
			EXPECT_LT((int)c->cmd, __SMM_CMD_MAX) TH_LOG("%s", c->kw.name);
			if (c->cmd == SMM_CMD_HELP) {
				has_help = true;
				EXPECT_STREQ("help", c->kw.name);
			}
			for (k = 0; k < j; k++)
				EXPECT_STRNE(c->kw.name, o->cmds[k].kw.name);
		}
		EXPECT_TRUE(has_help) TH_LOG("%s has no help row", o->kw.name);
	}
}

static char *capture_help(const struct smm_object *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	smm_print_help(f, o);
	fclose(f);
	return buf;
}

/* The top help lists every object; each object's help is its usage. */
TEST(help_text)
{
	char *top = capture_help(NULL);
	char *obj;
	size_t i;

	ASSERT_NE(NULL, top);
	EXPECT_EQ(0, strncmp(top, "Usage: smm", 10));
	for (i = 0; i < smm_n_objects; i++) {
		EXPECT_NE(NULL, strstr(top, smm_objects[i].kw.name))
			TH_LOG("%s", smm_objects[i].kw.name);

		obj = capture_help(&smm_objects[i]);
		ASSERT_NE(NULL, obj);
		EXPECT_STREQ(smm_objects[i].usage, obj);
		free(obj);
	}
	free(top);
}

TEST_HARNESS_MAIN
