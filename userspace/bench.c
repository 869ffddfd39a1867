// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - `smm bench`: benchmarks against a peer measured in the same
 * run, printed as ratios
 *
 *   bench alloc  the module times the shadow allocator against the host's
 *                (BENCH_ALLOC); this prints the rates and their ratio
 *   bench dump   the page dump over netlink, packed and per page,
 *                against reading as many entries from /proc/kpageflags
 *   bench pt     the module times shadow page-table walks, maps and
 *                unmaps against the host's (BENCH_PT); pt_print.c prints
 *                the rates and their ratios
 *   bench dmabuf this process times bandwidth through a dma-buf's mmap
 *                against anonymous memory, and dma-buf alloc+export+close
 *                cycles against memfd ones
 *
 * Benchmarks print; they never judge. What a ratio means is in
 * Documentation/cli.rst.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/dma-buf.h>
#include <linux/shadow_mm.h>
#include <linux/shadow_mm_dev.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "commands.h"
#include "mm_nl.h"
#include "nl.h"
#include "print.h"
#include "pt_info.h"
#include "pt_print.h"

/* Rounds of each side of `bench dump`; the fastest counts. */
#define DUMP_ROUNDS		3
/* /proc/kpageflags entries read per pread(). */
#define KPF_CHUNK		8192

/* Time in nanoseconds, monotonic. */
static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + (__u64)ts.tv_nsec;
}

/* Operations per second, from a count and the nanoseconds they took. */
static double per_second(__u64 count, __u64 ns)
{
	return ns ? (double)count * 1e9 / (double)ns : 0.0;
}

/**
 * struct bench_result - the BENCH_ALLOC reply, decoded
 * @order: block order
 * @count: pairs per round and side
 * @cpu: the CPU both sides ran on
 * @rounds: rounds per side
 * @ns: fastest round's nanoseconds: [0] plain, [1] zeroing; [..][0] the
 *	shadow side, [..][1] the host
 * @has_zero: the zeroing run was made
 * @host_debug: enum shadow_mm_bench_host_debug bits
 */
struct bench_result {
	__u32 order;
	__u32 count;
	__u32 cpu;
	__u32 rounds;
	__u64 ns[2][2];
	bool has_zero;
	__u32 host_debug;
};

/* Decodes the reply; -1 with @bad set when it is malformed. */
static int bench_decode(struct nl_msg *reply, struct bench_result *r,
			char *bad, size_t len)
{
	static const struct {
		int type;
		const char *name;
	} need[] = {
		{ SHADOW_MM_A_BENCH_ORDER, "order" },
		{ SHADOW_MM_A_BENCH_COUNT, "count" },
		{ SHADOW_MM_A_BENCH_CPU, "cpu" },
		{ SHADOW_MM_A_BENCH_ROUNDS, "rounds" },
		{ SHADOW_MM_A_BENCH_SHADOW_NS, "shadow-ns" },
		{ SHADOW_MM_A_BENCH_HOST_NS, "host-ns" },
	};
	struct nla_policy pol[SHADOW_MM_A_BENCH_MAX + 1] = {
		[SHADOW_MM_A_BENCH_ORDER] = { .type = NLA_U32 },
		[SHADOW_MM_A_BENCH_COUNT] = { .type = NLA_U32 },
		[SHADOW_MM_A_BENCH_CPU] = { .type = NLA_U32 },
		[SHADOW_MM_A_BENCH_ROUNDS] = { .type = NLA_U32 },
		[SHADOW_MM_A_BENCH_SHADOW_NS] = { .type = NLA_U64 },
		[SHADOW_MM_A_BENCH_HOST_NS] = { .type = NLA_U64 },
		[SHADOW_MM_A_BENCH_SHADOW_ZERO_NS] = { .type = NLA_U64 },
		[SHADOW_MM_A_BENCH_HOST_ZERO_NS] = { .type = NLA_U64 },
		[SHADOW_MM_A_BENCH_HOST_DEBUG] = { .type = NLA_U32 },
	};
	struct nlattr *tb[SHADOW_MM_A_BENCH_MAX + 1];
	size_t i;

	if (genlmsg_parse(nlmsg_hdr(reply), 0, tb, SHADOW_MM_A_BENCH_MAX,
			  pol)) {
		snprintf(bad, len, "attributes of the wrong size");
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (!tb[need[i].type]) {
			snprintf(bad, len, "no %s", need[i].name);
			return -1;
		}
	memset(r, 0, sizeof(*r));
	r->order = nla_get_u32(tb[SHADOW_MM_A_BENCH_ORDER]);
	r->count = nla_get_u32(tb[SHADOW_MM_A_BENCH_COUNT]);
	r->cpu = nla_get_u32(tb[SHADOW_MM_A_BENCH_CPU]);
	r->rounds = nla_get_u32(tb[SHADOW_MM_A_BENCH_ROUNDS]);
	r->ns[0][0] = nla_get_u64(tb[SHADOW_MM_A_BENCH_SHADOW_NS]);
	r->ns[0][1] = nla_get_u64(tb[SHADOW_MM_A_BENCH_HOST_NS]);
	if (tb[SHADOW_MM_A_BENCH_SHADOW_ZERO_NS] &&
	    tb[SHADOW_MM_A_BENCH_HOST_ZERO_NS]) {
		r->has_zero = true;
		r->ns[1][0] = nla_get_u64(tb[SHADOW_MM_A_BENCH_SHADOW_ZERO_NS]);
		r->ns[1][1] = nla_get_u64(tb[SHADOW_MM_A_BENCH_HOST_ZERO_NS]);
	}
	if (tb[SHADOW_MM_A_BENCH_HOST_DEBUG])
		r->host_debug = nla_get_u32(tb[SHADOW_MM_A_BENCH_HOST_DEBUG]);
	return 0;
}

/* Host settings that add work to its side, and what they do. */
static const struct {
	__u32 bit;
	const char *name;
	const char *effect;
} host_debug_notes[] = {
	{ SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_ALLOC, "init-on-alloc",
	  "init_on_alloc is on: the host zeroes every block, also in the plain run" },
	{ SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_FREE, "init-on-free",
	  "init_on_free is on: the host zeroes every block it frees" },
	{ SHADOW_MM_BENCH_HOST_DEBUG_PAGE_POISONING, "page-poisoning",
	  "page_poison is on: the host poisons every page it frees and checks it on allocation" },
};

static void bench_print(struct smm_out *o, const struct bench_result *r)
{
	static const char *const run_names[2] = { "plain", "zero" };
	unsigned int run;
	size_t i;

	out_begin_object(o, NULL);
	if (o->json) {
		json_u64(&o->jw, "order", r->order);
		json_u64(&o->jw, "count", r->count);
		json_u64(&o->jw, "cpu", r->cpu);
		json_u64(&o->jw, "rounds", r->rounds);
		json_begin_array(&o->jw, "host_debug");
		for (i = 0; i < ARRAY_SIZE(host_debug_notes); i++)
			if (r->host_debug & host_debug_notes[i].bit)
				json_string(&o->jw, NULL,
					    host_debug_notes[i].name);
		json_end_array(&o->jw);
		json_begin_array(&o->jw, "runs");
	} else {
		printf("%5s %8s  %-5s %16s %16s %12s\n", "ORDER", "COUNT", "RUN",
		       "SHADOW PAIRS/S", "HOST PAIRS/S", "SHADOW/HOST");
	}
	for (run = 0; run < 2; run++) {
		double shadow, host;

		if (run && !r->has_zero)
			break;
		shadow = per_second(r->count, r->ns[run][0]);
		host = per_second(r->count, r->ns[run][1]);
		if (o->json) {
			json_begin_object(&o->jw, NULL);
			json_string(&o->jw, "run", run_names[run]);
			json_u64(&o->jw, "shadow_ns", r->ns[run][0]);
			json_u64(&o->jw, "host_ns", r->ns[run][1]);
			json_double(&o->jw, "shadow_pairs_per_s", shadow);
			json_double(&o->jw, "host_pairs_per_s", host);
			json_double(&o->jw, "ratio",
				    host > 0 ? shadow / host : 0.0);
			json_end_object(&o->jw);
		} else {
			printf("%5u %8u  %-5s %16.0f %16.0f %12.2f\n",
			       r->order, r->count, run_names[run], shadow, host,
			       host > 0 ? shadow / host : 0.0);
		}
	}
	if (o->json) {
		json_end_array(&o->jw);
	} else {
		printf("fastest of %u rounds per side, on cpu %u\n", r->rounds,
		       r->cpu);
		for (i = 0; i < ARRAY_SIZE(host_debug_notes); i++)
			if (r->host_debug & host_debug_notes[i].bit)
				printf("note: %s\n", host_debug_notes[i].effect);
	}
	out_end_object(o);
}

/**
 * bench_alloc() - `smm bench alloc ORDER COUNT [zero]`
 * @cl: the command line (-j, -p, the order, count and zero)
 *
 * The module does the timing; a run of a large COUNT takes a while (five
 * rounds per side, twice with zero).
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int bench_alloc(const struct smm_cmdline *cl)
{
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	struct bench_result r;
	struct smm_out o;
	struct smm_nl nl;
	char bad[MM_BAD_LEN];

	if (smm_nl_open(&nl))
		goto fail;
	req = smm_nl_request(&nl, SHADOW_MM_CMD_BENCH_ALLOC);
	if (!req)
		goto fail;
	if (nla_put_u32(req, SHADOW_MM_A_BENCH_ORDER, cl->bench.order) ||
	    nla_put_u32(req, SHADOW_MM_A_BENCH_COUNT, cl->bench.count) ||
	    (cl->bench.zero && nla_put_flag(req, SHADOW_MM_A_BENCH_ZERO))) {
		nlmsg_free(req);
		fprintf(stderr, "smm: bench alloc: out of memory\n");
		goto out;
	}
	if (smm_nl_do(&nl, req, &smm_bench_attr_set, &reply))
		goto fail;
	if (bench_decode(reply, &r, bad, sizeof(bad))) {
		fprintf(stderr, "smm: bench alloc: malformed reply: %s\n", bad);
		goto out;
	}
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	bench_print(&o, &r);
	if (!out_done(&o, "bench alloc"))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "bench alloc");
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* The two forms of the page dump `bench dump` times. */
enum dump_form {
	DUMP_PACKED,	/* what `page dump` fetches: owner-get, packed */
	DUMP_PER_PAGE,	/* a message per page, as before packed dumps */
	DUMP_FORMS,
};

/**
 * struct dump_count - what a page dump of `bench dump` saw
 * @owners: owner names (packed form), from the owner-get of the run
 * @entries: page descriptors decoded
 * @first_pfn: the first one's pfn
 * @flags: the OR of every page's flags, so that decoding is not idle
 */
struct dump_count {
	struct smm_owner_names owners;
	__u64 entries;
	__u64 first_pfn;
	__u32 flags;
};

static void dump_count_one(struct dump_count *dc,
			   const struct smm_page_info *page)
{
	if (!dc->entries)
		dc->first_pfn = page->pfn;
	dc->entries++;
	dc->flags |= page->flags;
}

static int dump_count_page(struct nl_msg *msg, void *arg)
{
	struct dump_count *dc = arg;
	struct smm_page_info page;
	char bad[MM_BAD_LEN];

	if (mm_decode_page(msg, &page, bad)) {
		fprintf(stderr, "smm: bench dump: malformed reply: %s\n", bad);
		return -EBADMSG;
	}
	dump_count_one(dc, &page);
	return 0;
}

/* A packed part: every record expanded as `page dump` expands it. */
static int dump_count_packed(struct nl_msg *msg, void *arg)
{
	struct dump_count *dc = arg;
	struct smm_page_info page;
	struct smm_page_pack pk;
	char bad[MM_BAD_LEN];
	__u32 i;

	if (mm_decode_page_pack(msg, &pk, bad)) {
		fprintf(stderr, "smm: bench dump: malformed packed reply: %s\n",
			bad[0] ? bad : "no count");
		return -EBADMSG;
	}
	for (i = 0; i < pk.count; i++) {
		smm_page_pack_record(&pk, i, &dc->owners, &page);
		dump_count_one(dc, &page);
	}
	return 0;
}

/*
 * One full page dump of @form, timed: for the packed form the owner-get
 * dump that maps owner ids to names too, as `page dump` does.
 * Return: 0, or -1 with the reason printed.
 */
static int time_dump(struct smm_nl *nl, enum dump_form form,
		     struct dump_count *dc, __u64 *ns)
{
	bool packed = form == DUMP_PACKED;
	struct nl_msg *req;
	__u64 start;
	int ret;

	smm_owner_names_release(&dc->owners);
	memset(dc, 0, sizeof(*dc));
	start = now_ns();
	if (packed && mm_fetch_owner_names(nl, "bench dump", &dc->owners))
		goto fail;
	req = smm_nl_dump_request(nl, SHADOW_MM_CMD_PAGE_GET);
	if (!req)
		goto fail;
	if (packed && nla_put_flag(req, SHADOW_MM_A_PAGE_PACKED)) {
		nlmsg_free(req);
		fprintf(stderr, "smm: bench dump: out of memory\n");
		return -1;
	}
	ret = smm_nl_dump(nl, req, &smm_page_attr_set,
			  packed ? dump_count_packed : dump_count_page, dc);
	if (ret)
		goto fail;
	*ns = now_ns() - start;
	return 0;

fail:
	smm_nl_perror(nl, "bench dump");
	return -1;
}

/*
 * Reads @entries 8-byte entries of /proc/kpageflags from pfn @first on
 * (from pfn 0 again past the last pfn), KPF_CHUNK per pread(), timed.
 * Return: 0, or -1 with the reason printed.
 */
static int time_kpageflags(int fd, __u64 first, __u64 entries,
			   __u64 *buf, __u64 *ns)
{
	__u64 done = 0, pfn = first, flags = 0, start;
	bool wrapped = false;
	size_t i;

	start = now_ns();
	while (done < entries) {
		size_t want = entries - done < KPF_CHUNK ?
			      entries - done : KPF_CHUNK;
		ssize_t got = pread(fd, buf, want * sizeof(*buf),
				    (off_t)(pfn * sizeof(*buf)));

		if (got < 0) {
			fprintf(stderr, "smm: bench dump: reading /proc/kpageflags: %s\n",
				strerror(errno));
			return -1;
		}
		if ((size_t)got < sizeof(*buf)) {
			/* Past the last pfn: start over from 0, once. */
			if (wrapped || !pfn) {
				fprintf(stderr, "smm: bench dump: /proc/kpageflags has fewer than %llu entries\n",
					(unsigned long long)entries);
				return -1;
			}
			wrapped = true;
			pfn = 0;
			continue;
		}
		got /= sizeof(*buf);
		for (i = 0; i < (size_t)got; i++)
			flags |= buf[i];
		done += got;
		pfn += got;
	}
	*ns = now_ns() - start;
	/* Keep the reading loop honest. */
	if (flags == ~0ULL)
		fprintf(stderr, "smm: bench dump: every kpageflags bit set\n");
	return 0;
}

static double ratio_of(__u64 ns, __u64 base_ns)
{
	return base_ns ? (double)ns / (double)base_ns : 0.0;
}

/*
 * @ns: fastest round of each dump form (enum dump_form) and, last, of
 * /proc/kpageflags.
 */
static void dump_print(struct smm_out *o, __u64 entries,
		       const __u64 ns[DUMP_FORMS + 1])
{
	__u64 kpf_ns = ns[DUMP_FORMS];

	o->label_width = 21;
	out_begin_object(o, NULL);
	out_u64(o, OUT_ANY, "entries", "entries", entries);
	out_u64(o, OUT_JSON, "dump_ns", NULL, ns[DUMP_PACKED]);
	out_u64(o, OUT_JSON, "per_page_dump_ns", NULL, ns[DUMP_PER_PAGE]);
	out_u64(o, OUT_JSON, "kpageflags_ns", NULL, kpf_ns);
	if (o->json) {
		json_u64(&o->jw, "rounds", DUMP_ROUNDS);
		json_double(&o->jw, "ratio", ratio_of(ns[DUMP_PACKED], kpf_ns));
		json_double(&o->jw, "per_page_ratio",
			    ratio_of(ns[DUMP_PER_PAGE], kpf_ns));
	} else {
		out_textf(o, "packed dump", "%.3f ms (%.0f entries/s, owner-get + packed page-get, every record decoded)",
			  ns[DUMP_PACKED] / 1e6,
			  per_second(entries, ns[DUMP_PACKED]));
		out_textf(o, "per-page dump", "%.3f ms (%.0f entries/s, a message per page, every message parsed)",
			  ns[DUMP_PER_PAGE] / 1e6,
			  per_second(entries, ns[DUMP_PER_PAGE]));
		out_textf(o, "/proc/kpageflags", "%.3f ms (%.0f entries/s)",
			  kpf_ns / 1e6, per_second(entries, kpf_ns));
		out_textf(o, "packed/kpageflags", "%.2f (fastest of %u rounds each)",
			  ratio_of(ns[DUMP_PACKED], kpf_ns), DUMP_ROUNDS);
		out_textf(o, "per-page/kpageflags", "%.2f (the form before packed dumps)",
			  ratio_of(ns[DUMP_PER_PAGE], kpf_ns));
	}
	out_end_object(o);
}

/**
 * bench_dump() - `smm bench dump`: the page dump against /proc/kpageflags
 * @cl: the command line (-j, -p)
 *
 * Times a full packed page dump as `page dump` fetches it (owner-get,
 * then PAGE_GET with packed on a connection tuned for dumps, every record
 * expanded as `page dump` expands it, nothing printed), the per-page
 * dump (a message per page, each decoded, on a default connection, as
 * `page dump` fetched before packed dumps), and pread() of as many
 * 8-byte /proc/kpageflags entries from the dump's first pfn on, in rounds
 * that rotate which goes first; prints the fastest of each and the two
 * dumps' ratios to /proc/kpageflags.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed (also
 * when /proc/kpageflags is missing or unreadable).
 */
int bench_dump(const struct smm_cmdline *cl)
{
	__u64 best[DUMP_FORMS + 1], ns, entries, first_pfn, *buf = NULL;
	struct smm_nl nl[DUMP_FORMS] = { 0 };
	int ret = SMM_EXIT_ERROR, fd = -1;
	struct dump_count dc = { 0 };
	unsigned int round, k, which;
	struct smm_out o;

	for (k = 0; k < DUMP_FORMS; k++) {
		if (smm_nl_open(&nl[k])) {
			smm_nl_perror(&nl[k], "bench dump");
			goto out;
		}
	}
	smm_nl_set_bulk(&nl[DUMP_PACKED]);
	fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "smm: bench dump: /proc/kpageflags: %s%s\n",
			strerror(errno),
			errno == ENOENT ? " (kernel without CONFIG_PROC_PAGE_MONITOR): nothing to compare with" :
			errno == EACCES || errno == EPERM ? " (reading it needs root)" : "");
		goto out;
	}
	buf = malloc(KPF_CHUNK * sizeof(*buf));
	if (!buf) {
		fprintf(stderr, "smm: bench dump: out of memory\n");
		goto out;
	}

	/* The first dump says how many entries to read. */
	if (time_dump(&nl[DUMP_PACKED], DUMP_PACKED, &dc, &ns))
		goto out;
	entries = dc.entries;
	first_pfn = dc.first_pfn;
	if (!entries) {
		fprintf(stderr, "smm: bench dump: the page dump is empty\n");
		goto out;
	}
	for (k = 0; k <= DUMP_FORMS; k++)
		best[k] = ~0ULL;
	for (round = 0; round < DUMP_ROUNDS; round++) {
		for (k = 0; k <= DUMP_FORMS; k++) {
			which = (round + k) % (DUMP_FORMS + 1);
			if (which == DUMP_FORMS) {
				if (time_kpageflags(fd, first_pfn, entries,
						    buf, &ns))
					goto out;
			} else {
				if (time_dump(&nl[which], which, &dc, &ns))
					goto out;
				if (dc.entries != entries)
					fprintf(stderr, "smm: bench dump: the %s dump gave %llu entries, the first %llu\n",
						which == DUMP_PACKED ?
						"packed" : "per-page",
						(unsigned long long)dc.entries,
						(unsigned long long)entries);
			}
			if (ns < best[which])
				best[which] = ns;
		}
	}

	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	dump_print(&o, entries, best);
	if (!out_done(&o, "bench dump"))
		ret = SMM_EXIT_OK;
out:
	smm_owner_names_release(&dc.owners);
	free(buf);
	if (fd >= 0)
		close(fd);
	for (k = 0; k < DUMP_FORMS; k++)
		smm_nl_close(&nl[k]);
	return ret;
}

/**
 * bench_pt() - `smm bench pt [count N]`
 * @cl: the command line (-j, -p, the count)
 *
 * The module maps, walks and unmaps N pages in a shadow address space of
 * the host's format and as many with the host's own vmap(),
 * vmalloc_to_page() and vunmap(), in alternating rounds on one CPU.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int bench_pt(const struct smm_cmdline *cl)
{
	const char *what = "bench pt";
	struct nl_msg *req, *reply = NULL;
	struct smm_bench_pt_info b;
	int ret = SMM_EXIT_ERROR;
	char bad[PT_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_BENCH_PT, what);
	if (!req)
		goto out;
	err = cl->bench_pt.count &&
	      nla_put_u32(req, SHADOW_MM_A_BENCH_PT_COUNT, cl->bench_pt.count);
	if (smm_nl_call(&nl, req, err, &smm_bench_pt_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	if (pt_decode_bench(attrs, len, &b, bad)) {
		fprintf(stderr, "smm: %s: malformed reply: %s\n", what, bad);
		goto out;
	}
	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	pt_print_bench(&o, &b);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}

/* ---- bench dmabuf --------------------------------------------------- */

/* Defaults of `bench dmabuf`: MiB per side, rounds per test. */
#define BENCH_DMABUF_MIB	16
#define BENCH_DMABUF_ROUNDS	5
/* The alloc+export+close cycles: buffers of 64 KiB, this many a round. */
#define CYCLE_BYTES		(64 << 10)
#define CYCLE_COUNT		1000

/* What `bench dmabuf` times over each mapping. */
enum bw_test {
	BW_WRITE,	/* memset of the whole area */
	BW_READ,	/* the sum of its 64-bit words */
	BW_COPY,	/* memcpy of its first half onto its second */
	BW_TESTS,
};

static const char *const bw_test_names[BW_TESTS] = {
	[BW_WRITE] = "write",
	[BW_READ] = "read",
	[BW_COPY] = "copy",
};

/* The two sides, and the cycles' two kinds of file. */
enum bw_side {
	SIDE_DMABUF,
	SIDE_PEER,	/* anonymous memory; memfd for the cycles */
	SIDES,
};

/**
 * struct bw_area - one side's memory
 * @p: the mapping
 * @len: its bytes
 * @fd: the dma-buf it maps, whose accesses DMA_BUF_IOCTL_SYNC brackets;
 *	-1 for anonymous memory
 */
struct bw_area {
	unsigned char *p;
	size_t len;
	int fd;
};

/**
 * struct bw_result - the fastest round of each test and side
 * @ns: its nanoseconds, syncs included
 * @sync_ns: the part of @ns spent in the two DMA_BUF_IOCTL_SYNC calls
 *	(dma-buf side only)
 */
struct bw_result {
	__u64 ns[BW_TESTS][SIDES];
	__u64 sync_ns[BW_TESTS];
};

/* DMA_BUF_IOCTL_SYNC, repeated when a signal interrupts it. */
static int dmabuf_sync(int fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };
	int ret;

	do {
		ret = ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync);
	} while (ret && (errno == EINTR || errno == EAGAIN));
	if (ret)
		fprintf(stderr, "smm: bench dmabuf: DMA_BUF_IOCTL_SYNC: %s\n",
			strerror(errno));
	return ret;
}

/* The sum of @len bytes at @p as 64-bit words. */
static __u64 sum_words(const unsigned char *p, size_t len)
{
	const __u64 *w = (const __u64 *)p;
	__u64 sum = 0;
	size_t i;

	for (i = 0; i < len / sizeof(*w); i++)
		sum += w[i];
	return sum;
}

/* The byte round @round writes, never 0 (what a fresh buffer holds). */
static unsigned char round_byte(unsigned int round)
{
	return 0x5a ^ (round & 0x7f);
}

/*
 * One access of @test to @a, timed: a dma-buf's is bracketed by
 * DMA_BUF_IOCTL_SYNC start and end for the access's direction, as a
 * careful user does, the syncs inside the time (*@sync_ns says how much
 * of it they took). A read checks what it sums: every byte is
 * round_byte(@round) after that round's write. Return: 0, or -1 with the
 * reason printed.
 */
static int bw_access(const struct bw_area *a, enum bw_test test,
		     unsigned int round, __u64 *ns, __u64 *sync_ns)
{
	static const __u64 dir[BW_TESTS] = {
		[BW_WRITE] = DMA_BUF_SYNC_WRITE,
		[BW_READ] = DMA_BUF_SYNC_READ,
		[BW_COPY] = DMA_BUF_SYNC_RW,
	};
	unsigned char byte = round_byte(round);
	__u64 start, begun, done, end, sum = 0, want;
	size_t half = a->len / 2;

	start = now_ns();
	if (a->fd >= 0 && dmabuf_sync(a->fd, DMA_BUF_SYNC_START | dir[test]))
		return -1;
	begun = now_ns();
	switch (test) {
	case BW_WRITE:
		memset(a->p, byte, a->len);
		break;
	case BW_READ:
		sum = sum_words(a->p, a->len);
		break;
	default:
		memcpy(a->p + half, a->p, half);
		break;
	}
	done = now_ns();
	if (a->fd >= 0 && dmabuf_sync(a->fd, DMA_BUF_SYNC_END | dir[test]))
		return -1;
	end = now_ns();
	*ns = end - start;
	*sync_ns = (begun - start) + (end - done);

	want = (__u64)(a->len / sizeof(__u64)) * (byte * 0x0101010101010101ULL);
	if (test == BW_READ && sum != want) {
		fprintf(stderr, "smm: bench dmabuf: the %s read back wrong data (sum %#llx, expected %#llx)\n",
			a->fd >= 0 ? "dma-buf" : "anonymous memory",
			(unsigned long long)sum, (unsigned long long)want);
		return -1;
	}
	return 0;
}

/*
 * Round @round of every test on both sides, after an untimed write of
 * each, the dma-buf first in even rounds and second in odd ones; @r keeps
 * the fastest of each. Return:
 * 0, or -1 with the reason printed.
 */
static int bw_round(const struct bw_area area[SIDES], unsigned int round,
		    struct bw_result *r)
{
	unsigned int test, k, side;
	__u64 ns, sync_ns;

	/*
	 * Untimed: the first access after a round of cycles (thousands of
	 * system calls) runs slower, whichever side makes it; in arm64 TCG
	 * guests the write's ratio was 0.87 (median) in rounds where the
	 * dma-buf went first, 1.05 where it went second. A pass over each
	 * area first puts both on equal terms.
	 */
	for (side = 0; side < SIDES; side++)
		if (bw_access(&area[side], BW_WRITE, round, &ns, &sync_ns))
			return -1;
	for (test = 0; test < BW_TESTS; test++) {
		for (k = 0; k < SIDES; k++) {
			side = (round + k) % SIDES;
			if (bw_access(&area[side], test, round, &ns, &sync_ns))
				return -1;
			if (ns >= r->ns[test][side])
				continue;
			r->ns[test][side] = ns;
			if (side == SIDE_DMABUF)
				r->sync_ns[test] = sync_ns;
		}
	}
	return 0;
}

/*
 * @count dma-bufs of CYCLE_BYTES made through @dev and closed, timed.
 * Return: 0, or -1 with the reason printed.
 */
static int dmabuf_cycles(int dev, unsigned int count, __u64 *ns)
{
	struct shadow_mm_alloc_data req;
	unsigned int i;
	__u64 start;

	start = now_ns();
	for (i = 0; i < count; i++) {
		memset(&req, 0, sizeof(req));
		req.len = CYCLE_BYTES;
		req.fd_flags = O_RDWR | O_CLOEXEC;
		if (smm_dev_alloc(dev, &req, "bench dmabuf"))
			return -1;
		close(req.fd);
	}
	*ns = now_ns() - start;
	return 0;
}

/* The peer: @count memfds sized to CYCLE_BYTES and closed, timed. */
static int memfd_cycles(unsigned int count, __u64 *ns)
{
	unsigned int i;
	__u64 start;
	int fd;

	start = now_ns();
	for (i = 0; i < count; i++) {
		fd = memfd_create("smm-bench", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, CYCLE_BYTES)) {
			fprintf(stderr, "smm: bench dmabuf: memfd: %s\n",
				strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
	}
	*ns = now_ns() - start;
	return 0;
}

/*
 * Round @round of both kinds of cycles, the dma-buf's first in even
 * rounds; @best keeps the fastest of each. Return: 0, or -1 with the
 * reason printed.
 */
static int cycles_round(int dev, unsigned int round, __u64 best[SIDES])
{
	unsigned int k, side;
	__u64 ns;
	int ret;

	for (k = 0; k < SIDES; k++) {
		side = (round + k) % SIDES;
		if (side == SIDE_DMABUF)
			ret = dmabuf_cycles(dev, CYCLE_COUNT, &ns);
		else
			ret = memfd_cycles(CYCLE_COUNT, &ns);
		if (ret)
			return -1;
		if (ns < best[side])
			best[side] = ns;
	}
	return 0;
}

/* Megabytes (10^6 bytes) a second. */
static double mb_per_s(__u64 bytes, __u64 ns)
{
	return ns ? (double)bytes * 1e3 / (double)ns : 0.0;
}

/* Bytes one access of @test moves: a copy moves half the area. */
static __u64 bw_bytes(enum bw_test test, size_t len)
{
	return test == BW_COPY ? len / 2 : len;
}

static void bench_dmabuf_print(struct smm_out *o, size_t len, __u32 id,
			       unsigned int rounds, const struct bw_result *r,
			       const __u64 cycles[SIDES])
{
	double rate[SIDES], ratio, bare;
	unsigned int test, side;
	char human[32];

	out_begin_object(o, NULL);
	if (o->json) {
		json_u64(&o->jw, "size", len);
		json_u64(&o->jw, "dmabuf_id", id);
		json_u64(&o->jw, "rounds", rounds);
		json_begin_array(&o->jw, "tests");
	} else {
		printf("%-6s %14s %14s %13s %11s\n", "TEST", "DMABUF MB/S",
		       "ANON MB/S", "DMABUF/ANON", "W/O SYNCS");
	}
	for (test = 0; test < BW_TESTS; test++) {
		for (side = 0; side < SIDES; side++)
			rate[side] = mb_per_s(bw_bytes(test, len),
					      r->ns[test][side]);
		ratio = rate[SIDE_PEER] > 0 ? rate[SIDE_DMABUF] /
					      rate[SIDE_PEER] : 0.0;
		/* The mapping's own speed: the same round, its syncs left out. */
		bare = mb_per_s(bw_bytes(test, len), r->ns[test][SIDE_DMABUF] -
				r->sync_ns[test]);
		bare = rate[SIDE_PEER] > 0 ? bare / rate[SIDE_PEER] : 0.0;
		if (!o->json) {
			printf("%-6s %14.1f %14.1f %13.2f %11.2f\n",
			       bw_test_names[test], rate[SIDE_DMABUF],
			       rate[SIDE_PEER], ratio, bare);
			continue;
		}
		json_begin_object(&o->jw, NULL);
		json_string(&o->jw, "test", bw_test_names[test]);
		json_u64(&o->jw, "bytes", bw_bytes(test, len));
		json_u64(&o->jw, "dmabuf_ns", r->ns[test][SIDE_DMABUF]);
		json_u64(&o->jw, "anon_ns", r->ns[test][SIDE_PEER]);
		json_u64(&o->jw, "sync_ns", r->sync_ns[test]);
		json_double(&o->jw, "dmabuf_mb_per_s", rate[SIDE_DMABUF]);
		json_double(&o->jw, "anon_mb_per_s", rate[SIDE_PEER]);
		json_double(&o->jw, "ratio", ratio);
		json_double(&o->jw, "ratio_without_syncs", bare);
		json_end_object(&o->jw);
	}

	for (side = 0; side < SIDES; side++)
		rate[side] = per_second(CYCLE_COUNT, cycles[side]);
	ratio = rate[SIDE_PEER] > 0 ? rate[SIDE_DMABUF] / rate[SIDE_PEER] : 0;
	if (o->json) {
		json_end_array(&o->jw);
		json_begin_object(&o->jw, "cycles");
		json_u64(&o->jw, "size", CYCLE_BYTES);
		json_u64(&o->jw, "count", CYCLE_COUNT);
		json_u64(&o->jw, "dmabuf_ns", cycles[SIDE_DMABUF]);
		json_u64(&o->jw, "memfd_ns", cycles[SIDE_PEER]);
		json_double(&o->jw, "dmabuf_per_s", rate[SIDE_DMABUF]);
		json_double(&o->jw, "memfd_per_s", rate[SIDE_PEER]);
		json_double(&o->jw, "ratio", ratio);
		json_end_object(&o->jw);
	} else {
		printf("fastest of %u rounds over %s each; DMA_BUF_IOCTL_SYNC start + end took %.1f us of the write\n",
		       rounds, format_size_iec(len, human, sizeof(human)),
		       r->sync_ns[BW_WRITE] / 1e3);
		printf("%-6s %14s %14s %13s\n", "CYCLE", "DMABUF/S",
		       "MEMFD/S", "DMABUF/MEMFD");
		printf("%-6s %14.0f %14.0f %13.2f\n",
		       format_size_iec(CYCLE_BYTES, human, sizeof(human)),
		       rate[SIDE_DMABUF], rate[SIDE_PEER], ratio);
		printf("fastest of %u rounds of %u: alloc+export+close against memfd_create+ftruncate+close\n",
		       rounds, CYCLE_COUNT);
	}
	out_end_object(o);
}

/**
 * bench_dmabuf() - `smm bench dmabuf [size MIB] [rounds N]`
 * @cl: the command line (-j, -p, the size and rounds)
 *
 * In this process: a dma-buf of MIB MiB (default 16, the module's default
 * zone, normal) mapped with mmap against as much anonymous memory,
 * written once each before timing so that no fault is timed. Each round
 * writes both untimed, then writes (memset), reads (sums the 64-bit
 * words, checked) and copies (the first half onto the second) both, in
 * an order that alternates;
 * the fastest round of each counts. The dma-buf's accesses are bracketed
 * by DMA_BUF_IOCTL_SYNC as a correct user would, inside the time (with
 * no importer attached a sync does no cache work, so it costs a system
 * call, but in a TCG guest that is a few per cent of a 16 MiB access:
 * a second ratio leaves the syncs out). Each round also times 1000
 * alloc+export+close cycles of a 64 KiB dma-buf against as many
 * memfd_create+ftruncate+close of the same size. Prints the rates and the
 * ratios dmabuf/anon and dmabuf/memfd; judges nothing.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int bench_dmabuf(const struct smm_cmdline *cl)
{
	unsigned int rounds = cl->bench_dmabuf.rounds ?: BENCH_DMABUF_ROUNDS;
	size_t len = (size_t)(cl->bench_dmabuf.size_mib ?: BENCH_DMABUF_MIB)
		     << 20;
	struct shadow_mm_alloc_data req = {
		.len = len,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};
	struct bw_area area[SIDES] = {
		[SIDE_DMABUF] = { MAP_FAILED, len, -1 },
		[SIDE_PEER] = { MAP_FAILED, len, -1 },
	};
	const char *what = "bench dmabuf";
	int dev, ret = SMM_EXIT_ERROR;
	__u64 cycles[SIDES] = { ~0ULL, ~0ULL }, ns, sync_ns;
	unsigned int side, test, round;
	struct bw_result r = { 0 };
	struct smm_out o;

	dev = smm_dev_open(what);
	if (dev < 0)
		return SMM_EXIT_ERROR;
	if (smm_dev_alloc(dev, &req, what))
		goto out;
	area[SIDE_DMABUF].fd = req.fd;
	area[SIDE_DMABUF].p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				   MAP_SHARED, req.fd, 0);
	area[SIDE_PEER].p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (side = 0; side < SIDES; side++) {
		if (area[side].p != MAP_FAILED)
			continue;
		fprintf(stderr, "smm: %s: mmap of %zu bytes of %s: %s\n", what,
			len, side == SIDE_DMABUF ? "the dma-buf" :
			"anonymous memory", strerror(errno));
		goto out;
	}
	/* Fault both in: the time is the memory's, not the page faults'. */
	for (side = 0; side < SIDES; side++)
		if (bw_access(&area[side], BW_WRITE, 0, &ns, &sync_ns))
			goto out;
	for (test = 0; test < BW_TESTS; test++)
		for (side = 0; side < SIDES; side++)
			r.ns[test][side] = ~0ULL;
	/*
	 * Bandwidth and cycle rounds take turns, so that the short bandwidth
	 * rounds spread over the whole run: a burst of load on the host of a
	 * TCG guest then spoils some rounds of each side, not all of one.
	 */
	for (round = 0; round < rounds; round++)
		if (bw_round(area, round, &r) ||
		    cycles_round(dev, round, cycles))
			goto out;

	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	bench_dmabuf_print(&o, len, req.id, rounds, &r, cycles);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	for (side = 0; side < SIDES; side++)
		if (area[side].p != MAP_FAILED)
			munmap(area[side].p, len);
	if (area[SIDE_DMABUF].fd >= 0)
		close(area[SIDE_DMABUF].fd);
	close(dev);
	return ret;
}
