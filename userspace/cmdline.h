/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmdline.h - the table of smm's objects and commands, and the parser that
 * turns argv into a struct smm_cmdline without touching netlink
 */
#ifndef SMM_CMDLINE_H
#define SMM_CMDLINE_H

#include <stdio.h>
#include <linux/types.h>

#include "args.h"
#include "pt_info.h"

/*
 * What to run. Each value has a runner in smm.c; the parser only picks
 * one. Append new commands before __SMM_CMD_MAX.
 */
enum smm_cmd {
	SMM_CMD_NONE,
	SMM_CMD_HELP,		/* help for cmdline.object, or top help */
	SMM_CMD_VERSION,
	SMM_CMD_STATUS_SHOW,
	SMM_CMD_CONFIG_SET,
	SMM_CMD_NODE_SHOW,
	SMM_CMD_ZONE_SHOW,
	SMM_CMD_ZONE_MAP,
	SMM_CMD_PAGE_SHOW,
	SMM_CMD_PAGE_ALLOC,
	SMM_CMD_PAGE_FREE,
	SMM_CMD_PAGE_DUMP,
	SMM_CMD_PAGE_OWNERS,
	SMM_CMD_BUDDYINFO,
	SMM_CMD_PAGETYPEINFO,
	SMM_CMD_ZONEINFO,
	SMM_CMD_CHECK,
	SMM_CMD_BENCH_ALLOC,
	SMM_CMD_BENCH_DUMP,
	SMM_CMD_MONITOR,
	SMM_CMD_AS_CREATE,
	SMM_CMD_AS_DESTROY,
	SMM_CMD_AS_LIST,
	SMM_CMD_AS_MAP,
	SMM_CMD_AS_UNMAP,
	SMM_CMD_AS_PROTECT,
	SMM_CMD_AS_TOUCH,
	SMM_CMD_AS_DUMP,
	SMM_CMD_WALK,
	SMM_CMD_BENCH_PT,
	SMM_CMD_DMA_DEV,
	SMM_CMD_DMA_DEV_SET,
	SMM_CMD_DMA_ALLOC,
	SMM_CMD_DMA_MAP,
	SMM_CMD_DMA_UNMAP,
	SMM_CMD_DMA_FREE,
	SMM_CMD_DMA_SYNC,
	SMM_CMD_DMA_XFER,
	SMM_CMD_DMA_LIST,
	SMM_CMD_DMA_SHOW,
	SMM_CMD_DMA_ERRORS,
	SMM_CMD_DMABUF_ALLOC,
	SMM_CMD_DMABUF_LIST,
	SMM_CMD_DMABUF_SHOW,
	SMM_CMD_DMABUF_IMPORT,
	SMM_CMD_BENCH_DMABUF,

	__SMM_CMD_MAX
};

/* Page-alloc limits the parser checks (the spec's checks on "pages"). */
#define SMM_ALLOC_MAX_ORDER	31	/* the module refuses above its own */
#define SMM_ALLOC_MAX_COUNT	65536
#define SMM_OWNER_MAX_LEN	31

/* Bench-alloc limits (the spec's checks on "bench"). */
#define SMM_BENCH_MAX_COUNT	1048576

/*
 * Bench-pt limit: pages mapped, walked and unmapped per round (the
 * module's bench-pt policy, page-alloc's count range).
 */
#define SMM_BENCH_PT_MAX_COUNT	65536

/* DMA mask limits (the spec's mask-bits: the device's limit, 24..64). */
#define SMM_DMA_MIN_MASK_BITS	24
#define SMM_DMA_MAX_MASK_BITS	64

/* A dma-buf's name: DMA_BUF_SET_NAME takes at most DMA_BUF_NAME_LEN - 1. */
#define SMM_DMABUF_NAME_MAX_LEN	31

/* Bench-dmabuf limits: MiB mapped per side, rounds per test. */
#define SMM_BENCH_DMABUF_MAX_MIB	1024
#define SMM_BENCH_DMABUF_MAX_ROUNDS	100

/* Global options, before OBJECT. */
#define SMM_OPT_JSON	BIT(0)	/* -j, --json */
#define SMM_OPT_PRETTY	BIT(1)	/* -p, --pretty: indent JSON */
#define SMM_OPT_TREE	BIT(2)	/* --tree: a walk as a tree */
#define SMM_OPT_VERBOSE	BIT(3)	/* -v, --verbose: dma errors' findings */

struct smm_cmdline;

/**
 * struct smm_command - one COMMAND of an object
 * @kw: the command's keyword
 * @cmd: what the runner table in smm.c runs for it
 * @parse: parses the command's ARGS into the cmdline; NULL when the
 *	command takes none. Words it leaves are refused as extra arguments.
 */
struct smm_command {
	struct smm_keyword kw;
	enum smm_cmd cmd;
	int (*parse)(struct smm_args *a, struct smm_cmdline *cl);
};

/**
 * struct smm_object - one OBJECT of `smm [OPTIONS] OBJECT COMMAND [ARGS]`
 * @kw: the object's keyword
 * @summary: one line for the object list in `smm help`
 * @usage: the text of `smm OBJECT help`
 * @cmds: its commands, a "help" row included; NULL for a pseudo-object
 *	that parses its own words
 * @n_cmds: rows in @cmds
 * @default_cmd: what `smm OBJECT` alone runs; SMM_CMD_NONE to require a
 *	command
 * @parse: for a pseudo-object (@cmds NULL), parses all words after it;
 *	for an object with commands, parses the words when the first is a
 *	number rather than a command (`smm walk AS VA`)
 */
struct smm_object {
	struct smm_keyword kw;
	const char *summary;
	const char *usage;
	const struct smm_command *cmds;
	size_t n_cmds;
	enum smm_cmd default_cmd;
	int (*parse)(struct smm_args *a, struct smm_cmdline *cl);
};

/**
 * struct smm_cmdline - everything the command line chose
 * @opts: SMM_OPT_* flags
 * @cmd: what to run
 * @object: the object the command belongs to (or whose help was asked
 *	for); NULL for the top-level help and for --version
 * @config_set: arguments of `config set`
 * @config_set.has_debug: `debug LEVEL` was given
 * @config_set.debug: the LEVEL
 * @filter: which node and zone `node show ID`, `zone show node N type T`,
 *	`zone map TYPE node N` and `page dump node N zone Z` ask for
 * @filter.has_node: a node was given
 * @filter.node: its id
 * @filter.zone: an enum shadow_mm_zone_type; 0 for every zone
 * @svg: the FILE of `zone map --svg FILE` and `walk ... --svg FILE` (a
 *	word of argv; "-" for standard output), NULL when not given
 * @dot: the FILE of `walk ... --dot FILE`, as @svg
 * @pfn: the PFN of `page show`
 * @alloc: arguments of `page alloc`
 * @alloc.order: ORDER
 * @alloc.zone: `zone Z` as an enum shadow_mm_zone_type, 0 when not given
 * @alloc.has_node: `node N` was given
 * @alloc.node: N
 * @alloc.migratetype: an enum shadow_mm_migratetype, 0 when not given
 * @alloc.count: `count C`, 0 when not given
 * @alloc.zero: `zero` was given
 * @alloc.owner: `owner NAME` (a word of argv), NULL when not given
 * @free: arguments of `page free`
 * @free.pfns: the PFNs, in the order given (allocated: smm_cmdline_free())
 * @free.n_pfns: entries in @free.pfns
 * @bench: arguments of `bench alloc`
 * @bench.order: ORDER
 * @bench.count: COUNT
 * @bench.zero: `zero` was given
 * @monitor: arguments of `monitor`
 * @monitor.count: stop after this many events; 0 to run until interrupted
 * @as_new: arguments of `as create`
 * @as_new.format: FORMAT, an enum shadow_mm_pt_format
 * @as_new.levels: `levels N`, 0 when not given (the format's most)
 * @as_new.has_mair: `mair HEX` was given
 * @as_new.mair: HEX
 * @as: arguments of the other `as` commands
 * @as.id: the address space; 0 for `as list` without ID
 * @as.va: VA of map, unmap, protect and touch
 * @as.len: LEN of map, unmap and protect
 * @as.prot: PROT of map (rw when not given) and protect (enum
 *	shadow_mm_prot bits)
 * @as.has_pfn: `pfn PFN` was given (map)
 * @as.pfn: PFN
 * @as.demand: `demand` was given (map)
 * @as.small: `small` was given (map)
 * @as.access: the access of touch, an enum shadow_mm_access
 * @as.user: `user` was given (touch)
 * @walk: arguments of `walk` and `as dump`
 * @walk.source: what to walk
 * @walk.id: the address space or pid
 * @walk.has_va: a VA was given (always, but for `as dump ID`)
 * @walk.va: VA
 * @walk.has_len: LEN was given: a range dump
 * @walk.len: LEN
 * @bench_pt: arguments of `bench pt`
 * @bench_pt.count: `count N`, 0 when not given (the module's default)
 * @dma: arguments of the `dma` commands
 * @dma.mask_bits: BITS of `dma dev mask BITS`
 * @dma.id: the buffer of unmap, free, sync and show; SRC of xfer (0 for
 *	xfer's temporary buffers, and when `addr` names the buffer)
 * @dma.has_addr: `addr DMA_ADDR` named the buffer (unmap, free, sync)
 * @dma.addr: DMA_ADDR
 * @dma.size: SIZE of alloc and map; `size S` of unmap, free, sync and
 *	xfer, 0 when not given
 * @dma.kind: an enum shadow_mm_dma_kind: `kind K` of map (single when
 *	not given), unmap and xfer (0 when not given: unmap passes the
 *	buffer's own, xfer runs every kind)
 * @dma.dir: an enum shadow_mm_dma_dir: `dir D` of map (bidirectional
 *	when not given), unmap and sync (0 when not given: the mapping's)
 * @dma.zone: `zone Z` of alloc and map, an enum shadow_mm_zone_type; 0
 *	when not given
 * @dma.has_node: `node N` was given (alloc, map)
 * @dma.node: N
 * @dma.unchecked: `unchecked` was given (map)
 * @dma.sync: for-cpu or for-device, an enum shadow_mm_dma_sync (sync)
 * @dma.has_offset: `offset O` was given (sync, xfer)
 * @dma.offset: O
 * @dma.dst: DST of xfer, 0 when not given (SRC)
 * @dma.has_seed: `seed N` was given (xfer)
 * @dma.seed: N
 * @dma.log: `dma errors log` (as -v)
 * @dma.copy: `copy` was given (xfer SRC: move the bytes, no pattern)
 * @dma.has_dst_offset: `dst-offset N` was given (xfer SRC)
 * @dma.dst_offset: N
 * @dmabuf: arguments of the `dmabuf` commands
 * @dmabuf.size: SIZE of alloc
 * @dmabuf.zone: `zone Z` of alloc, an enum shadow_mm_zone_type; 0 when
 *	not given (the module's default, normal)
 * @dmabuf.has_node: `node N` was given (alloc)
 * @dmabuf.node: N
 * @dmabuf.contiguous: `contiguous` was given (alloc)
 * @dmabuf.owner: `owner TAG` (a word of argv), NULL when not given
 * @dmabuf.name: `name NAME` (a word of argv), NULL when not given
 * @dmabuf.ro: `ro` was given (alloc: a read-only file descriptor)
 * @dmabuf.cmd: CMD ARGS... after `--` of alloc (words of argv, NULL
 *	after the last); NULL when not given
 * @dmabuf.id: the buffer of show
 * @dmabuf.fd: FD of import
 * @dmabuf.target: where import puts it, an enum shadow_mm_dmabuf_target
 * @dmabuf.as: AS of `import FD as AS va VA`
 * @dmabuf.va: VA of the same
 * @bench_dmabuf: arguments of `bench dmabuf`
 * @bench_dmabuf.size_mib: `size MIB`, 0 when not given (16)
 * @bench_dmabuf.rounds: `rounds N`, 0 when not given (5)
 * @tail: the words after `--` (pointers into argv, NULL after the last),
 *	NULL when there was no `--`; `dmabuf alloc` takes them as CMD
 * @n_tail: how many words @tail holds
 * @err: on a usage error, a one-line description
 * @hint: on a usage error, what to try next
 */
struct smm_cmdline {
	unsigned int opts;
	enum smm_cmd cmd;
	const struct smm_object *object;
	struct {
		bool has_debug;
		__u32 debug;
	} config_set;
	struct {
		bool has_node;
		__u32 node;
		__u32 zone;
	} filter;
	const char *svg;
	const char *dot;
	__u64 pfn;
	struct {
		__u32 order;
		__u32 zone;
		bool has_node;
		__u32 node;
		__u32 migratetype;
		__u32 count;
		bool zero;
		const char *owner;
	} alloc;
	struct {
		__u64 *pfns;
		size_t n_pfns;
	} free;
	struct {
		__u32 order;
		__u32 count;
		bool zero;
	} bench;
	struct {
		__u32 count;
	} monitor;
	struct {
		__u32 format;
		__u32 levels;
		bool has_mair;
		__u64 mair;
	} as_new;
	struct {
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
	} as;
	struct {
		enum smm_walk_source source;
		__u32 id;
		bool has_va;
		__u64 va;
		bool has_len;
		__u64 len;
	} walk;
	struct {
		__u32 count;
	} bench_pt;
	struct {
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
	} dma;
	struct {
		__u64 size;
		__u32 zone;
		bool has_node;
		__u32 node;
		bool contiguous;
		const char *owner;
		const char *name;
		bool ro;
		char **cmd;
		__u32 id;
		__u32 fd;
		__u32 target;
		__u32 as;
		__u64 va;
	} dmabuf;
	struct {
		__u32 size_mib;
		__u32 rounds;
	} bench_dmabuf;
	char **tail;
	int n_tail;
	char err[SMM_ERR_LEN];
	char hint[SMM_ERR_LEN];
};

extern const struct smm_object smm_objects[];
extern const size_t smm_n_objects;

int smm_parse(int argc, char **argv, struct smm_cmdline *cl);
void smm_cmdline_free(struct smm_cmdline *cl);
void smm_print_help(FILE *f, const struct smm_object *object);

#endif /* SMM_CMDLINE_H */
