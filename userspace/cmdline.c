// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline.c - the table of smm's objects and commands, their help texts,
 * and the parser that turns argv into a struct smm_cmdline
 *
 * To add an object: write its command rows (a "help" row included) and its
 * usage text here, append a row to smm_objects[], add its enum smm_cmd
 * values in cmdline.h and their runners in smm.c. Keywords may be
 * abbreviated to any prefix that is not shared with another keyword of the
 * same table, so adding a row can make an abbreviation ambiguous: keep new
 * names distinct in their first letters where that is natural.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>
#include <linux/shadow_mm_dev.h>

#include "cmdline.h"

/* The usage texts below spell the debug levels out. */
static_assert(SHADOW_MM_DEBUG_MAX == 2, "update smm config help");

/* The `help` row every object's command table carries. */
#define SMM_HELP_COMMAND { { "help" }, SMM_CMD_HELP, NULL }

/* ---- status ---------------------------------------------------------- */

static const struct smm_command status_cmds[] = {
	{ { "show" }, SMM_CMD_STATUS_SHOW, NULL },
	SMM_HELP_COMMAND,
};

static const char status_usage[] =
	"Usage: smm [ OPTIONS ] status [ show ]\n"
	"       smm status help\n"
	"\n"
	"Show the module's version, the kernel it runs in, the host's page size\n"
	"and page-table format, the online CPUs, the memory carved for the\n"
	"shadow world and the debug level. With -j one JSON object, with -jp\n"
	"indented.\n";

/* ---- config ---------------------------------------------------------- */

static const struct smm_keyword config_settings[] = {
	{ "debug" },
};

/* Parses `config set SETTING VALUE...`: at least one setting, each once. */
static int config_set_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word;
	size_t i;
	int ret;

	if (!args_peek(a))
		return args_error(a, "config set: missing setting (debug LEVEL)");

	while ((word = args_next(a))) {
		ret = args_lookup(a, "setting", word, config_settings,
				  ARRAY_SIZE(config_settings),
				  sizeof(config_settings[0]), &i);
		if (ret)
			return ret;

		/* Only "debug" so far; later settings get their own case. */
		if (cl->config_set.has_debug)
			return args_error(a, "debug given more than once");
		ret = args_get_u32(a, "debug level", 0, SHADOW_MM_DEBUG_MAX,
				   &cl->config_set.debug);
		if (ret)
			return ret;
		cl->config_set.has_debug = true;
	}
	return SMM_EXIT_OK;
}

static const struct smm_command config_cmds[] = {
	{ { "set" }, SMM_CMD_CONFIG_SET, config_set_parse },
	SMM_HELP_COMMAND,
};

static const char config_usage[] =
	"Usage: smm config set debug LEVEL\n"
	"       smm config help\n"
	"where  LEVEL := { 0 | 1 | 2 }\n"
	"         0  log errors only\n"
	"         1  also log each mutating request and its caller\n"
	"         2  log every request\n"
	"\n"
	"Changing the configuration needs CAP_NET_ADMIN.\n";

/* ---- words shared by the memory objects ------------------------------ */

/* Zone types and migrate types by their spec names; row i is value i + 1. */
static const struct smm_keyword zone_type_words[] = {
	{ "dma" }, { "dma32" }, { "normal" }, { "highmem" }, { "movable" },
};

static const struct smm_keyword migratetype_words[] = {
	{ "unmovable" }, { "movable" }, { "reclaimable" }, { "highatomic" },
	{ "isolate" },
};

static_assert(SHADOW_MM_ZONE_TYPE_DMA == 1 &&
	      ARRAY_SIZE(zone_type_words) == SHADOW_MM_ZONE_TYPE_MOVABLE,
	      "zone_type_words[] follows enum shadow_mm_zone_type");
static_assert(SHADOW_MM_MIGRATETYPE_UNMOVABLE == 1 &&
	      ARRAY_SIZE(migratetype_words) == SHADOW_MM_MIGRATETYPE_ISOLATE,
	      "migratetype_words[] follows enum shadow_mm_migratetype");

#define SMM_ZONE_TYPES_USAGE	"{ dma | dma32 | normal | highmem | movable }"
#define SMM_MIGRATETYPES_USAGE	\
	"{ unmovable | movable | reclaimable | highatomic | isolate }"

/* Takes the next word as a zone type; @val gets its enum value. */
static int get_zone_type(struct smm_args *a, __u32 *val)
{
	const char *word = args_next(a);
	size_t i;
	int ret;

	if (!word)
		return args_error(a, "missing zone type");
	ret = args_lookup(a, "zone type", word, zone_type_words,
			  ARRAY_SIZE(zone_type_words),
			  sizeof(zone_type_words[0]), &i);
	if (!ret)
		*val = i + 1;
	return ret;
}

static int get_migratetype(struct smm_args *a, __u32 *val)
{
	const char *word = args_next(a);
	size_t i;
	int ret;

	if (!word)
		return args_error(a, "missing migrate type");
	ret = args_lookup(a, "migrate type", word, migratetype_words,
			  ARRAY_SIZE(migratetype_words),
			  sizeof(migratetype_words[0]), &i);
	if (!ret)
		*val = i + 1;
	return ret;
}

static int get_node_id(struct smm_args *a, __u32 *val)
{
	return args_get_u32(a, "node id", 0, SHADOW_MM_MAX_NODES - 1, val);
}

/*
 * Looks @word up in @words, the optional arguments of a command, each of
 * which may come once: @seen records those that came. *@index gets the
 * row of @word.
 */
static int keyword_once(struct smm_args *a, const char *word,
			const struct smm_keyword *words, size_t count,
			bool *seen, size_t *index)
{
	int ret;

	ret = args_lookup(a, "argument", word, words, count, sizeof(words[0]),
			  index);
	if (ret)
		return ret;
	if (seen[*index])
		return args_error(a, "%s given more than once",
				  words[*index].name);
	seen[*index] = true;
	return SMM_EXIT_OK;
}

/*
 * Takes the next word, if there is one, as @keyword (or a prefix of it):
 * the optional last argument of a command. *@given is set when it came.
 */
static int get_last_keyword(struct smm_args *a, const char *keyword,
			    bool *given)
{
	const struct smm_keyword words[] = { { keyword } };
	const char *word = args_next(a);
	size_t i;
	int ret;

	if (!word)
		return SMM_EXIT_OK;
	ret = args_lookup(a, "argument", word, words, ARRAY_SIZE(words),
			  sizeof(words[0]), &i);
	if (!ret)
		*given = true;
	return ret;
}

/*
 * Parses `[ node N ] [ KEY ZONE-TYPE ]`, each at most once, into
 * cl->filter: `zone show` calls the zone keyword "type", `page dump`
 * "zone".
 */
static int filter_parse(struct smm_args *a, struct smm_cmdline *cl,
			const char *zone_kw)
{
	const struct smm_keyword words[] = { { "node" }, { zone_kw } };
	const char *word;
	size_t i;
	int ret;

	while ((word = args_next(a))) {
		ret = args_lookup(a, "argument", word, words,
				  ARRAY_SIZE(words), sizeof(words[0]), &i);
		if (ret)
			return ret;
		if (i == 0) {
			if (cl->filter.has_node)
				return args_error(a, "node given more than once");
			ret = get_node_id(a, &cl->filter.node);
			cl->filter.has_node = true;
		} else {
			if (cl->filter.zone)
				return args_error(a, "%s given more than once",
						  zone_kw);
			ret = get_zone_type(a, &cl->filter.zone);
		}
		if (ret)
			return ret;
	}
	return SMM_EXIT_OK;
}

/* ---- node ------------------------------------------------------------ */

/* Parses `node show [ ID ]`. */
static int node_show_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	if (!args_peek(a))
		return SMM_EXIT_OK;
	cl->filter.has_node = true;
	return get_node_id(a, &cl->filter.node);
}

static const struct smm_command node_cmds[] = {
	{ { "show" }, SMM_CMD_NODE_SHOW, node_show_parse },
	SMM_HELP_COMMAND,
};

static const char node_usage[] =
	"Usage: smm [ OPTIONS ] node [ show [ ID ] ]\n"
	"       smm node help\n"
	"\n"
	"Show the shadow nodes, or node ID: the page frames each spans, its\n"
	"spanned, present and free pages, its distance to every node (10 is\n"
	"local) and its zones.\n";

/* ---- zone ------------------------------------------------------------ */

static int zone_show_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	return filter_parse(a, cl, "type");
}

/* Parses `zone map TYPE [ node N ]`; --svg FILE came with the options. */
static int zone_map_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	static const struct smm_keyword node_word[] = { { "node" } };
	const char *word;
	size_t i;
	int ret;

	if (!args_peek(a))
		return args_error(a, "zone map: missing zone type");
	ret = get_zone_type(a, &cl->filter.zone);
	if (ret)
		return ret;
	while ((word = args_next(a))) {
		ret = args_lookup(a, "argument", word, node_word,
				  ARRAY_SIZE(node_word), sizeof(node_word[0]),
				  &i);
		if (ret)
			return ret;
		if (cl->filter.has_node)
			return args_error(a, "node given more than once");
		ret = get_node_id(a, &cl->filter.node);
		if (ret)
			return ret;
		cl->filter.has_node = true;
	}
	if (cl->svg && !strcmp(cl->svg, "-") && (cl->opts & SMM_OPT_JSON))
		return args_error(a, "--svg - and -j would both write to standard output");
	return SMM_EXIT_OK;
}

static const struct smm_command zone_cmds[] = {
	{ { "show" }, SMM_CMD_ZONE_SHOW, zone_show_parse },
	{ { "map" }, SMM_CMD_ZONE_MAP, zone_map_parse },
	SMM_HELP_COMMAND,
};

static const char zone_usage[] =
	"Usage: smm [ OPTIONS ] zone [ show [ node N ] [ type TYPE ] ]\n"
	"       smm [ OPTIONS ] zone map TYPE [ node N ] [ --svg FILE ]\n"
	"       smm zone help\n"
	"where  TYPE := " SMM_ZONE_TYPES_USAGE "\n"
	"\n"
	"show  the zones of every node, of node N, or of one type: the page\n"
	"      frames spanned, present, managed and free pages, the min, low and\n"
	"      high watermarks, the lowmem reserve, the free blocks of each order,\n"
	"      the pageblocks by migrate type, the per-CPU lists and the\n"
	"      allocator's counters (allocations, frees, splits, merges, steals,\n"
	"      failures)\n"
	"map   the physical layout of zone TYPE of node N (default 0), a\n"
	"      character a page or group of pages: free blocks by order,\n"
	"      allocated pages by migrate type, per-CPU pages, holes, pageblock\n"
	"      boundaries, and a legend. With -j the runs of pages in one state;\n"
	"      with --svg FILE an SVG image instead (FILE - : standard output).\n";

/* ---- page ------------------------------------------------------------ */

static int page_show_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	return args_get_pfn(a, "pfn", &cl->pfn);
}

static const struct smm_keyword alloc_words[] = {
	{ "zone" }, { "node" }, { "migratetype" }, { "count" }, { "zero" },
	{ "owner" },
};

enum { ALLOC_ZONE, ALLOC_NODE, ALLOC_MT, ALLOC_COUNT, ALLOC_ZERO,
	ALLOC_OWNER };

/* Parses `page alloc ORDER [ KEYWORD VALUE | zero ]...`, each once. */
static int page_alloc_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	bool seen[ARRAY_SIZE(alloc_words)] = { false };
	const char *word;
	size_t i, len;
	int ret;

	if (!args_peek(a))
		return args_error(a, "page alloc: missing ORDER");
	ret = args_get_u32(a, "order", 0, SMM_ALLOC_MAX_ORDER,
			   &cl->alloc.order);
	if (ret)
		return ret;

	while ((word = args_next(a))) {
		ret = keyword_once(a, word, alloc_words,
				   ARRAY_SIZE(alloc_words), seen, &i);
		if (ret)
			return ret;

		switch (i) {
		case ALLOC_ZONE:
			ret = get_zone_type(a, &cl->alloc.zone);
			break;
		case ALLOC_NODE:
			ret = get_node_id(a, &cl->alloc.node);
			cl->alloc.has_node = true;
			break;
		case ALLOC_MT:
			ret = get_migratetype(a, &cl->alloc.migratetype);
			break;
		case ALLOC_COUNT:
			ret = args_get_u32(a, "count", 1, SMM_ALLOC_MAX_COUNT,
					   &cl->alloc.count);
			break;
		case ALLOC_ZERO:
			cl->alloc.zero = true;
			break;
		case ALLOC_OWNER:
			word = args_next(a);
			if (!word)
				return args_error(a, "missing owner name");
			len = strlen(word);
			if (!len || len > SMM_OWNER_MAX_LEN)
				return args_error(a, "owner name '%s' must be 1 to %d bytes",
						  word, SMM_OWNER_MAX_LEN);
			cl->alloc.owner = word;
			break;
		}
		if (ret)
			return ret;
	}
	return SMM_EXIT_OK;
}

static int pfn_cmp(const void *x, const void *y)
{
	const __u64 *a = x, *b = y;

	return *a < *b ? -1 : *a > *b;
}

/* Parses `page free PFN...`: at least one, none twice. */
static int page_free_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	__u64 *sorted;
	size_t i, n = a->argc;
	int ret;

	if (!n)
		return args_error(a, "page free: missing PFN");
	cl->free.pfns = calloc(n, sizeof(*cl->free.pfns));
	sorted = calloc(n, sizeof(*sorted));
	if (!cl->free.pfns || !sorted) {
		free(sorted);
		return args_error(a, "out of memory");
	}
	for (i = 0; i < n; i++) {
		ret = args_get_pfn(a, "pfn", &cl->free.pfns[i]);
		if (ret)
			goto out;
		cl->free.n_pfns++;
	}

	memcpy(sorted, cl->free.pfns, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), pfn_cmp);
	for (i = 1; i < n; i++)
		if (sorted[i] == sorted[i - 1]) {
			ret = args_error(a, "pfn %#llx given more than once",
					 (unsigned long long)sorted[i]);
			goto out;
		}
	ret = SMM_EXIT_OK;
out:
	free(sorted);
	return ret;
}

static int page_dump_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	return filter_parse(a, cl, "zone");
}

static const struct smm_command page_cmds[] = {
	{ { "show" }, SMM_CMD_PAGE_SHOW, page_show_parse },
	{ { "alloc" }, SMM_CMD_PAGE_ALLOC, page_alloc_parse },
	{ { "free" }, SMM_CMD_PAGE_FREE, page_free_parse },
	{ { "dump" }, SMM_CMD_PAGE_DUMP, page_dump_parse },
	{ { "owners" }, SMM_CMD_PAGE_OWNERS, NULL },
	SMM_HELP_COMMAND,
};

static const char page_usage[] =
	"Usage: smm [ OPTIONS ] page show PFN\n"
	"       smm [ OPTIONS ] page alloc ORDER [ zone TYPE ] [ node N ]\n"
	"                                  [ migratetype MT ] [ count C ] [ zero ]\n"
	"                                  [ owner NAME ]\n"
	"       smm page free PFN...\n"
	"       smm [ OPTIONS ] page dump [ node N ] [ zone TYPE ]\n"
	"       smm [ OPTIONS ] page owners\n"
	"       smm page help\n"
	"where  PFN := a page frame number, decimal or 0x hex\n"
	"       TYPE := " SMM_ZONE_TYPES_USAGE "\n"
	"       MT := " SMM_MIGRATETYPES_USAGE "\n"
	"       C := 1..65536, NAME := 1 to 31 bytes\n"
	"\n"
	"show    the page's descriptor: flags, order, reference and map counts,\n"
	"        owner, node, zone and its pageblock's migrate type\n"
	"alloc   C blocks (default 1) of 2^ORDER pages from zone TYPE or below,\n"
	"        preferring node N; prints the first page frame of each\n"
	"free    the blocks that start at the PFNs (as alloc printed them)\n"
	"dump    every shadow page, one line each (with -j a JSON array)\n"
	"owners  the blocks and pages each owner tag holds\n"
	"\n"
	"alloc and free need CAP_NET_ADMIN and CAP_SYS_ADMIN.\n";

/* ---- buddyinfo, pagetypeinfo, zoneinfo, check ------------------------ */

static const struct smm_command buddyinfo_cmds[] = {
	{ { "show" }, SMM_CMD_BUDDYINFO, NULL },
	SMM_HELP_COMMAND,
};

static const char buddyinfo_usage[] =
	"Usage: smm [ OPTIONS ] buddyinfo [ show ]\n"
	"       smm buddyinfo help\n"
	"\n"
	"The free blocks of each order in every populated shadow zone, in the\n"
	"format of /proc/buddyinfo.\n";

static const struct smm_command pagetypeinfo_cmds[] = {
	{ { "show" }, SMM_CMD_PAGETYPEINFO, NULL },
	SMM_HELP_COMMAND,
};

static const char pagetypeinfo_usage[] =
	"Usage: smm [ OPTIONS ] pagetypeinfo [ show ]\n"
	"       smm pagetypeinfo help\n"
	"\n"
	"The free blocks of each order by migrate type, and the pageblocks by\n"
	"migrate type, of every shadow zone, in the format of /proc/pagetypeinfo.\n";

static const struct smm_command zoneinfo_cmds[] = {
	{ { "show" }, SMM_CMD_ZONEINFO, NULL },
	SMM_HELP_COMMAND,
};

static const char zoneinfo_usage[] =
	"Usage: smm [ OPTIONS ] zoneinfo [ show ]\n"
	"       smm zoneinfo help\n"
	"\n"
	"Every shadow zone in the format of /proc/zoneinfo: free pages,\n"
	"watermarks, spanned, present and managed pages, protection, per-CPU\n"
	"lists and first page frame. Lines about what the shadow world does not\n"
	"have (per-node vm stats, boost, cma, NUMA counters) are left out.\n";

static const struct smm_command check_cmds[] = {
	{ { "run" }, SMM_CMD_CHECK, NULL },
	SMM_HELP_COMMAND,
};

static const char check_usage[] =
	"Usage: smm [ OPTIONS ] check [ run ]\n"
	"       smm check help\n"
	"\n"
	"Run the allocator's invariant checker over every shadow zone. Prints\n"
	"\"ok\", or what is broken; the exit status is 2 when something is.\n";

/* ---- numbers, lengths, protections: the page-table objects ---------- */

/* Takes the next word as a decimal or 0x hex number in @min..@max. */
static int get_number(struct smm_args *a, const char *what, __u64 min,
		      __u64 max, __u64 *val)
{
	const char *word = args_peek(a);
	__u64 v = 0;
	int ret;

	ret = args_get_pfn(a, what, &v);
	if (ret)
		return ret;
	if (v < min || v > max)
		return args_error(a, "%s %s out of range %llu..%llu", what, word,
				  (unsigned long long)min,
				  (unsigned long long)max);
	*val = v;
	return SMM_EXIT_OK;
}

static int get_u32_number(struct smm_args *a, const char *what, __u32 min,
			  __u32 max, __u32 *val)
{
	__u64 v = 0;
	int ret;

	ret = get_number(a, what, min, max, &v);
	if (!ret)
		*val = v;
	return ret;
}

/* A virtual address: any 64-bit value; the module checks the range. */
static int get_va(struct smm_args *a, __u64 *va)
{
	return args_get_pfn(a, "virtual address", va);
}

/*
 * Takes the next word as a length: a decimal or 0x hex number, then
 * optionally K, M, G or T (binary: K is 1024), as "64K" or "0x10000".
 */
static int get_length(struct smm_args *a, __u64 *len)
{
	static const char units[] = "KMGT";
	const char *word = args_next(a), *digits, *unit;
	unsigned long long v;
	unsigned int shift = 0;
	int base = 10;
	char *end;

	if (!word)
		return args_error(a, "missing length");
	digits = word;
	if (word[0] == '0' && (word[1] == 'x' || word[1] == 'X')) {
		digits = word + 2;
		base = 16;
	}
	if (!isxdigit((unsigned char)digits[0]) ||
	    (base == 10 && !isdigit((unsigned char)digits[0])))
		goto invalid;
	errno = 0;
	v = strtoull(digits, &end, base);
	if (errno == ERANGE)
		goto range;
	if (*end) {
		unit = strchr(units, toupper((unsigned char)*end));
		if (!unit || end[1])
			goto invalid;
		shift = 10 * (unit - units + 1);
	}
	if (shift && v > (~0ULL >> shift))
		goto range;
	*len = (__u64)v << shift;
	return SMM_EXIT_OK;

invalid:
	return args_error(a, "invalid length '%s': expected a decimal or 0x hex number, optionally with K, M, G or T",
			  word);
range:
	return args_error(a, "length %s out of range (64 bits)", word);
}

/* Letters of enum shadow_mm_prot, bit by bit. */
static const char prot_letters[] = "rwxu";

static_assert(SHADOW_MM_PROT_READ == 1 && SHADOW_MM_PROT_WRITE == 2 &&
	      SHADOW_MM_PROT_EXEC == 4 && SHADOW_MM_PROT_USER == 8,
	      "prot_letters[] follows enum shadow_mm_prot");

/* Takes the next word as protections: letters of "rwxu", or "none". */
static int get_prot(struct smm_args *a, __u32 *prot)
{
	const char *word = args_next(a), *p, *letter;
	__u32 v = 0, bit;

	if (!word)
		return args_error(a, "missing protection (letters of r, w, x, u, or none)");
	if (!strcmp(word, "none")) {
		*prot = 0;
		return SMM_EXIT_OK;
	}
	if (!*word)
		goto invalid;
	for (p = word; *p; p++) {
		letter = strchr(prot_letters, *p);
		if (!letter)
			goto invalid;
		bit = BIT(letter - prot_letters);
		if (v & bit)
			return args_error(a, "'%c' given twice in protection '%s'",
					  *p, word);
		v |= bit;
	}
	*prot = v;
	return SMM_EXIT_OK;

invalid:
	return args_error(a, "invalid protection '%s': letters of r, w, x, u, or none",
			  word);
}

/* ---- bench ----------------------------------------------------------- */

/* Parses `bench alloc ORDER COUNT [ zero ]`. */
static int bench_alloc_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	if (!args_peek(a))
		return args_error(a, "bench alloc: missing ORDER");
	ret = args_get_u32(a, "order", 0, SMM_ALLOC_MAX_ORDER,
			   &cl->bench.order);
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "bench alloc: missing COUNT");
	ret = args_get_u32(a, "count", 1, SMM_BENCH_MAX_COUNT,
			   &cl->bench.count);
	if (ret)
		return ret;
	return get_last_keyword(a, "zero", &cl->bench.zero);
}

/* Parses `bench pt [ count N ]`. */
static int bench_pt_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	bool count = false;
	int ret;

	ret = get_last_keyword(a, "count", &count);
	if (ret || !count)
		return ret;
	return get_u32_number(a, "count", 1, SMM_BENCH_PT_MAX_COUNT,
			      &cl->bench_pt.count);
}

/* Parses `bench dmabuf [ size MIB ] [ rounds N ]`, each once. */
static int bench_dmabuf_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	static const struct smm_keyword words[] = {
		{ "size" }, { "rounds" },
	};
	bool seen[ARRAY_SIZE(words)] = { false };
	const char *word;
	size_t i;
	int ret;

	while ((word = args_next(a))) {
		ret = keyword_once(a, word, words, ARRAY_SIZE(words), seen, &i);
		if (ret)
			return ret;
		if (i == 0)
			ret = args_get_u32(a, "size in MiB", 1,
					   SMM_BENCH_DMABUF_MAX_MIB,
					   &cl->bench_dmabuf.size_mib);
		else
			ret = args_get_u32(a, "rounds", 1,
					   SMM_BENCH_DMABUF_MAX_ROUNDS,
					   &cl->bench_dmabuf.rounds);
		if (ret)
			return ret;
	}
	return SMM_EXIT_OK;
}

static const struct smm_command bench_cmds[] = {
	{ { "alloc" }, SMM_CMD_BENCH_ALLOC, bench_alloc_parse },
	{ { "dump" }, SMM_CMD_BENCH_DUMP, NULL },
	{ { "pt" }, SMM_CMD_BENCH_PT, bench_pt_parse },
	{ { "dmabuf" }, SMM_CMD_BENCH_DMABUF, bench_dmabuf_parse },
	SMM_HELP_COMMAND,
};

static const char bench_usage[] =
	"Usage: smm [ OPTIONS ] bench alloc ORDER COUNT [ zero ]\n"
	"       smm [ OPTIONS ] bench dump\n"
	"       smm [ OPTIONS ] bench pt [ count N ]\n"
	"       smm [ OPTIONS ] bench dmabuf [ size MIB ] [ rounds R ]\n"
	"       smm bench help\n"
	"where  COUNT := 1..1048576, N := 1..65536, MIB := 1..1024, R := 1..100\n"
	"\n"
	"alloc  in the kernel, on one CPU, COUNT alloc and free pairs of 2^ORDER\n"
	"       pages from the shadow allocator and from the host's\n"
	"       (alloc_pages/__free_pages), in alternating rounds; prints each\n"
	"       side's pairs per second and the ratio shadow/host, without\n"
	"       zeroing and, with zero, with it. Needs CAP_NET_ADMIN and\n"
	"       CAP_SYS_ADMIN.\n"
	"dump   times `page dump` (every message parsed) against reading as\n"
	"       many entries from /proc/kpageflags, and prints the ratio\n"
	"       dump/kpageflags. Reading /proc/kpageflags needs root.\n"
	"pt     in the kernel, on one CPU, N page walks (default: the module's),\n"
	"       maps and unmaps of a page in a shadow address space of the host's\n"
	"       format against the host's own vmalloc_to_page(), vmap() and\n"
	"       vunmap(), in alternating rounds; prints each side's operations\n"
	"       per second and the ratio shadow/host. Needs CAP_NET_ADMIN and\n"
	"       CAP_SYS_ADMIN.\n"
	"dmabuf in this process, write, read and copy bandwidth through the\n"
	"       mmap of a dma-buf of MIB MiB (default 16, zone normal) against as\n"
	"       much anonymous memory, best of R rounds (default 5) each; then\n"
	"       64 KiB dma-bufs allocated and closed per second against\n"
	"       memfd_create+ftruncate+close. Prints the ratios dmabuf/anon and\n"
	"       dmabuf/memfd. Needs access to /dev/shadow_mm.\n"
	"\n"
	"These are benchmarks: in a TCG (emulated) guest the numbers are noisy.\n";

/* ---- as -------------------------------------------------------------- */

/* Page-table formats by their spec names; row i is value i + 1. */
static const struct smm_keyword format_words[] = {
	{ "arm" }, { "arm-lpae" }, { "arm64" }, { "x86_64" },
};

static_assert(SHADOW_MM_PT_FORMAT_ARM == 1 &&
	      ARRAY_SIZE(format_words) == SHADOW_MM_PT_FORMAT_X86_64,
	      "format_words[] follows enum shadow_mm_pt_format");

#define SMM_FORMATS_USAGE	"{ arm | arm-lpae | arm64 | x86_64 }"

static int get_as_id(struct smm_args *a, const char *cmd, __u32 *id)
{
	if (!args_peek(a))
		return args_error(a, "%s: missing ID", cmd);
	return get_u32_number(a, "address space id", 1, UINT32_MAX, id);
}

/* Takes the next word as a MAIR: 1 to 16 hex digits, "0x" optional. */
static int get_mair(struct smm_args *a, __u64 *mair)
{
	const char *word = args_next(a), *digits;
	size_t n;

	if (!word)
		return args_error(a, "missing mair");
	digits = word;
	if (word[0] == '0' && (word[1] == 'x' || word[1] == 'X'))
		digits += 2;
	n = strspn(digits, "0123456789abcdefABCDEF");
	if (!n || digits[n] || n > 16)
		return args_error(a, "invalid mair '%s': expected 1 to 16 hex digits",
				  word);
	*mair = strtoull(digits, NULL, 16);
	return SMM_EXIT_OK;
}

/* Parses `as create FORMAT [ levels N ] [ mair HEX ]`. */
static int as_create_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	static const struct smm_keyword words[] = {
		{ "levels" }, { "mair" },
	};
	bool seen[ARRAY_SIZE(words)] = { false };
	const char *word = args_next(a);
	size_t i;
	int ret;

	if (!word)
		return args_error(a, "as create: missing FORMAT " SMM_FORMATS_USAGE);
	ret = args_lookup(a, "format", word, format_words,
			  ARRAY_SIZE(format_words), sizeof(format_words[0]),
			  &i);
	if (ret)
		return ret;
	cl->as_new.format = i + 1;

	while ((word = args_next(a))) {
		ret = keyword_once(a, word, words, ARRAY_SIZE(words), seen, &i);
		if (ret)
			return ret;
		if (i == 0) {
			ret = get_u32_number(a, "levels", 1,
					     SHADOW_MM_MAX_PT_LEVELS,
					     &cl->as_new.levels);
		} else {
			ret = get_mair(a, &cl->as_new.mair);
			cl->as_new.has_mair = true;
		}
		if (ret)
			return ret;
	}
	return SMM_EXIT_OK;
}

/* Parses `as destroy ID`. */
static int as_destroy_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	return get_as_id(a, "as destroy", &cl->as.id);
}

/* Parses `as list [ ID ]`. */
static int as_list_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	if (!args_peek(a))
		return SMM_EXIT_OK;
	return get_as_id(a, "as list", &cl->as.id);
}

/* Parses `ID VA` of the commands on an address of a space. */
static int as_address_parse(struct smm_args *a, struct smm_cmdline *cl,
			    const char *cmd)
{
	int ret;

	ret = get_as_id(a, cmd, &cl->as.id);
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "%s: missing VA", cmd);
	return get_va(a, &cl->as.va);
}

/* Parses `ID VA LEN` of map, unmap and protect. */
static int as_range_parse(struct smm_args *a, struct smm_cmdline *cl,
			  const char *cmd)
{
	int ret;

	ret = as_address_parse(a, cl, cmd);
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "%s: missing LEN", cmd);
	return get_length(a, &cl->as.len);
}

enum { MAP_PROT, MAP_PFN, MAP_DEMAND, MAP_SMALL };

/* Parses `as map ID VA LEN [ prot PROT ] [ pfn PFN | demand ] [ small ]`. */
static int as_map_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	static const struct smm_keyword words[] = {
		{ "prot" }, { "pfn" }, { "demand" }, { "small" },
	};
	bool seen[ARRAY_SIZE(words)] = { false };
	const char *word;
	size_t i;
	int ret;

	ret = as_range_parse(a, cl, "as map");
	if (ret)
		return ret;
	cl->as.prot = SHADOW_MM_PROT_READ | SHADOW_MM_PROT_WRITE;
	while ((word = args_next(a))) {
		ret = keyword_once(a, word, words, ARRAY_SIZE(words), seen, &i);
		if (ret)
			return ret;
		switch (i) {
		case MAP_PROT:
			ret = get_prot(a, &cl->as.prot);
			break;
		case MAP_PFN:
			ret = args_get_pfn(a, "pfn", &cl->as.pfn);
			cl->as.has_pfn = true;
			break;
		case MAP_DEMAND:
			cl->as.demand = true;
			break;
		case MAP_SMALL:
			cl->as.small = true;
			break;
		}
		if (ret)
			return ret;
	}
	if (cl->as.has_pfn && cl->as.demand)
		return args_error(a, "pfn and demand exclude each other");
	return SMM_EXIT_OK;
}

static int as_unmap_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	return as_range_parse(a, cl, "as unmap");
}

/* Parses `as protect ID VA LEN PROT`. */
static int as_protect_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = as_range_parse(a, cl, "as protect");
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "as protect: missing PROT");
	return get_prot(a, &cl->as.prot);
}

/* Accesses by their spec names; row i is value i + 1. */
static const struct smm_keyword access_words[] = {
	{ "read" }, { "write" }, { "exec" },
};

static_assert(SHADOW_MM_ACCESS_READ == 1 &&
	      ARRAY_SIZE(access_words) == SHADOW_MM_ACCESS_EXEC,
	      "access_words[] follows enum shadow_mm_access");

/* Parses `as touch ID VA { r | w | x } [ user ]`. */
static int as_touch_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word;
	size_t i;
	int ret;

	ret = as_address_parse(a, cl, "as touch");
	if (ret)
		return ret;
	word = args_next(a);
	if (!word)
		return args_error(a, "as touch: missing access (r, w or x)");
	/* "x" is no prefix of "exec" but what mmap() users call it. */
	if (!strcmp(word, "x")) {
		i = SHADOW_MM_ACCESS_EXEC - 1;
	} else {
		ret = args_lookup(a, "access", word, access_words,
				  ARRAY_SIZE(access_words),
				  sizeof(access_words[0]), &i);
		if (ret)
			return ret;
	}
	cl->as.access = i + 1;
	return get_last_keyword(a, "user", &cl->as.user);
}

/*
 * Parses `[ VA [ LEN ] ]` of a walk or dump (@va_needed: VA is not
 * optional) and checks the pictures asked for with the options.
 */
static int walk_range_parse(struct smm_args *a, struct smm_cmdline *cl,
			    const char *cmd, bool va_needed)
{
	static const char *const drawn[] = { "--svg", "--dot", "--tree" };
	const char *given[ARRAY_SIZE(drawn)];
	size_t i;
	int ret;

	if (va_needed && !args_peek(a))
		return args_error(a, "%s: missing VA", cmd);
	if (args_peek(a)) {
		ret = get_va(a, &cl->walk.va);
		if (ret)
			return ret;
		cl->walk.has_va = true;
	}
	if (args_peek(a)) {
		ret = get_length(a, &cl->walk.len);
		if (ret)
			return ret;
		cl->walk.has_len = true;
	}

	given[0] = cl->svg;
	given[1] = cl->dot;
	given[2] = cl->opts & SMM_OPT_TREE ? "" : NULL;
	for (i = 0; i < ARRAY_SIZE(drawn); i++) {
		if (!given[i])
			continue;
		if (cl->cmd != SMM_CMD_WALK || cl->walk.has_len)
			return args_error(a, "%s draws one walk: not with %s",
					  drawn[i], cl->cmd == SMM_CMD_WALK ?
					  "LEN" : cmd);
	}
	if ((cl->opts & SMM_OPT_JSON) && (cl->opts & SMM_OPT_TREE))
		return args_error(a, "--tree and -j are two forms of the output: choose one");
	for (i = 0; i < ARRAY_SIZE(drawn); i++) {
		bool on_stdout = given[i] && (i == 2 || !strcmp(given[i], "-"));
		size_t k;

		if (!on_stdout)
			continue;
		if (cl->opts & SMM_OPT_JSON)
			return args_error(a, "%s - and -j would both write to standard output",
					  drawn[i]);
		for (k = i + 1; k < ARRAY_SIZE(drawn); k++)
			if (given[k] && (k == 2 || !strcmp(given[k], "-")))
				return args_error(a, "%s%s and %s%s would both write to standard output",
						  drawn[i], i == 2 ? "" : " -",
						  drawn[k], k == 2 ? "" : " -");
	}
	return SMM_EXIT_OK;
}

/* Parses `as dump ID [ VA [ LEN ] ]`. */
static int as_dump_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = get_as_id(a, "as dump", &cl->walk.id);
	if (ret)
		return ret;
	cl->walk.source = SMM_WALK_AS;
	return walk_range_parse(a, cl, "as dump", false);
}

static const struct smm_command as_cmds[] = {
	{ { "create" }, SMM_CMD_AS_CREATE, as_create_parse },
	{ { "destroy" }, SMM_CMD_AS_DESTROY, as_destroy_parse },
	{ { "list" }, SMM_CMD_AS_LIST, as_list_parse },
	{ { "map" }, SMM_CMD_AS_MAP, as_map_parse },
	{ { "unmap" }, SMM_CMD_AS_UNMAP, as_unmap_parse },
	{ { "protect" }, SMM_CMD_AS_PROTECT, as_protect_parse },
	{ { "touch" }, SMM_CMD_AS_TOUCH, as_touch_parse },
	{ { "dump" }, SMM_CMD_AS_DUMP, as_dump_parse },
	SMM_HELP_COMMAND,
};

static const char as_usage[] =
	"Usage: smm [ OPTIONS ] as create FORMAT [ levels N ] [ mair HEX ]\n"
	"       smm as destroy ID\n"
	"       smm [ OPTIONS ] as [ list [ ID ] ]\n"
	"       smm [ OPTIONS ] as map ID VA LEN [ prot PROT ] [ pfn PFN | demand ]\n"
	"                                        [ small ]\n"
	"       smm [ OPTIONS ] as unmap ID VA LEN\n"
	"       smm [ OPTIONS ] as protect ID VA LEN PROT\n"
	"       smm [ OPTIONS ] as touch ID VA { r | w | x } [ user ]\n"
	"       smm [ OPTIONS ] as dump ID [ VA [ LEN ] ]\n"
	"       smm as help\n"
	"where  FORMAT := " SMM_FORMATS_USAGE "\n"
	"       VA, PFN := a number, decimal or 0x hex; HEX := hex digits\n"
	"       LEN := a number with an optional K, M, G or T (64K, 2M, 0x1000)\n"
	"       PROT := letters of r (read), w (write), x (exec), u (user), or none\n"
	"\n"
	"A shadow address space is a set of page tables in a real hardware\n"
	"format, built from shadow pages, and its regions.\n"
	"create   a space of FORMAT with N levels (default: the format's most),\n"
	"         AttrIndx decoded through MAIR HEX (default: Linux's); prints\n"
	"         its id\n"
	"destroy  frees its pages and page tables\n"
	"list     every space, or space ID: format, levels, VA width, root\n"
	"         table, page-table pages, bytes mapped, and its regions\n"
	"map      maps LEN bytes at VA with PROT (default rw) to new shadow\n"
	"         pages, to the frames from PFN on, or on first touch (demand);\n"
	"         with blocks where alignment allows, unless small\n"
	"unmap    unmaps the range, freeing the pages it owned and the tables\n"
	"         left empty\n"
	"protect  changes the range's protections\n"
	"touch    accesses VA as the MMU would (read, write or exec; from user\n"
	"         mode with user): prints the fault raised and at which level,\n"
	"         what the shadow kernel did about it, and the physical address\n"
	"dump     the mappings of the range (default: all) as runs of equal\n"
	"         attributes, like the kernel's ptdump\n"
	"\n"
	"All but list and dump need CAP_NET_ADMIN and CAP_SYS_ADMIN. To walk an\n"
	"address through a space: smm walk ID VA.\n";

/* ---- walk ------------------------------------------------------------ */

/* Parses `walk AS VA [ LEN ]`: the object's words when the first is a number. */
static int walk_as_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	cl->cmd = SMM_CMD_WALK;
	if (!args_peek(a))
		return args_error(a, "walk: missing AS, pid PID or kernel");
	ret = get_u32_number(a, "address space id", 1, UINT32_MAX,
			     &cl->walk.id);
	if (ret)
		return ret;
	cl->walk.source = SMM_WALK_AS;
	return walk_range_parse(a, cl, "walk", true);
}

/* Parses `walk pid PID VA [ LEN ]`. */
static int walk_pid_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	if (!args_peek(a))
		return args_error(a, "walk pid: missing PID");
	ret = get_u32_number(a, "pid", 1, INT32_MAX, &cl->walk.id);
	if (ret)
		return ret;
	cl->walk.source = SMM_WALK_PID;
	return walk_range_parse(a, cl, "walk pid", true);
}

/* Parses `walk kernel VA [ LEN ]`. */
static int walk_kernel_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	cl->walk.source = SMM_WALK_KERNEL;
	return walk_range_parse(a, cl, "walk kernel", true);
}

static const struct smm_command walk_cmds[] = {
	{ { "pid" }, SMM_CMD_WALK, walk_pid_parse },
	{ { "kernel" }, SMM_CMD_WALK, walk_kernel_parse },
	SMM_HELP_COMMAND,
};

static const char walk_usage[] =
	"Usage: smm [ OPTIONS ] walk AS VA [ LEN ]\n"
	"       smm [ OPTIONS ] walk pid PID VA [ LEN ]\n"
	"       smm [ OPTIONS ] walk kernel VA [ LEN ]\n"
	"       smm walk help\n"
	"where  AS := the id of a shadow address space (smm as list)\n"
	"       VA := a number, decimal or 0x hex\n"
	"       LEN := a number with an optional K, M, G or T (64K, 2M, 0x1000)\n"
	"       OPTIONS := { -j[son] | -p[retty] | --tree | --svg FILE |\n"
	"                    --dot FILE }\n"
	"\n"
	"Walk VA through the page tables of a shadow address space, of process\n"
	"PID, or of the kernel, as the MMU would: for each level the table's\n"
	"physical address, the index and the VA bits that made it, the raw\n"
	"descriptor (for arm the Linux PTE beside it), its kind, the address it\n"
	"points to and its decoded fields; then the physical address and the\n"
	"permissions left, or the fault. Also the shadow page's descriptor when\n"
	"the address is in shadow memory, the VMA for a process, and on ARM\n"
	"the CPU's own translation (AT) of a kernel address.\n"
	"With LEN: the mappings of the range as runs of equal attributes.\n"
	"--tree prints the walk as a tree; --svg FILE and --dot FILE draw it\n"
	"(FILE - : standard output), and print nothing else unless -j or --tree.\n"
	"\n"
	"Process and kernel walks need CAP_SYS_ADMIN.\n";

/* ---- dma ------------------------------------------------------------- */

/* DMA directions, kinds and syncs by their spec names; row i is value i + 1. */
static const struct smm_keyword dma_dir_words[] = {
	{ "bidirectional" }, { "to-device" }, { "from-device" },
};

/* xfer's kinds: "all" (row 3, value 0) runs each of the others. */
static const struct smm_keyword dma_kind_words[] = {
	{ "coherent" }, { "single" }, { "sg" }, { "all" },
};

static const struct smm_keyword dma_sync_words[] = {
	{ "for-cpu" }, { "for-device" },
};

static_assert(SHADOW_MM_DMA_DIR_BIDIRECTIONAL == 1 &&
	      ARRAY_SIZE(dma_dir_words) == SHADOW_MM_DMA_DIR_FROM_DEVICE,
	      "dma_dir_words[] follows enum shadow_mm_dma_dir");
static_assert(SHADOW_MM_DMA_KIND_COHERENT == 1 &&
	      ARRAY_SIZE(dma_kind_words) == SHADOW_MM_DMA_KIND_SG + 1,
	      "dma_kind_words[] follows enum shadow_mm_dma_kind, then all");
static_assert(SHADOW_MM_DMA_SYNC_FOR_CPU == 1 &&
	      ARRAY_SIZE(dma_sync_words) == SHADOW_MM_DMA_SYNC_FOR_DEVICE,
	      "dma_sync_words[] follows enum shadow_mm_dma_sync");
/* The usage text spells the window out. */
static_assert(SHADOW_MM_EDU_WINDOW == 4096, "update smm dma help");

/*
 * Takes the next word as one of the @n rows of @words, abbreviated or
 * not; @val gets the row's number plus one (the spec's value).
 */
static int get_word_value(struct smm_args *a, const char *what,
			  const struct smm_keyword *words, size_t n,
			  __u32 *val)
{
	const char *word = args_next(a);
	size_t i;
	int ret;

	if (!word)
		return args_error(a, "missing %s", what);
	ret = args_lookup(a, what, word, words, n, sizeof(words[0]), &i);
	if (!ret)
		*val = i + 1;
	return ret;
}

/*
 * Takes the next word as a size (a length: K, M, G, T allowed) of at
 * least @min and at most @max bytes.
 */
static int get_size(struct smm_args *a, const char *what, __u64 min,
		    __u64 max, __u64 *val)
{
	const char *word = args_peek(a);
	__u64 v;
	int ret;

	if (!word)
		return args_error(a, "missing %s", what);
	ret = get_length(a, &v);
	if (ret)
		return ret;
	if (v >= min && v <= max) {
		*val = v;
		return SMM_EXIT_OK;
	}
	if (max == UINT64_MAX)
		return args_error(a, "%s %s out of range: at least %llu", what,
				  word, (unsigned long long)min);
	return args_error(a, "%s %s out of range %llu..%llu", what, word,
			  (unsigned long long)min, (unsigned long long)max);
}

static int get_dma_id(struct smm_args *a, const char *what, __u32 *id)
{
	return get_u32_number(a, what, 1, UINT32_MAX, id);
}

/* Parses `dma dev [ mask BITS ]`: with a mask, the command sets it. */
static int dma_dev_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	bool mask = false;
	int ret;

	ret = get_last_keyword(a, "mask", &mask);
	if (ret || !mask)
		return ret;
	if (!args_peek(a))
		return args_error(a, "dma dev mask: missing BITS");
	cl->cmd = SMM_CMD_DMA_DEV_SET;
	return get_u32_number(a, "mask bits", SMM_DMA_MIN_MASK_BITS,
			      SMM_DMA_MAX_MASK_BITS, &cl->dma.mask_bits);
}

/* The optional arguments of the dma commands; each takes its own set. */
enum dma_opt {
	DMA_OPT_SIZE,
	DMA_OPT_DIR,
	DMA_OPT_KIND,
	DMA_OPT_ZONE,
	DMA_OPT_NODE,
	DMA_OPT_UNCHECKED,
	DMA_OPT_OFFSET,
	DMA_OPT_SEED,
	DMA_OPT_COPY,
	DMA_OPT_DST_OFFSET,
	DMA_OPT_COUNT
};

static const struct smm_keyword dma_opt_words[DMA_OPT_COUNT] = {
	[DMA_OPT_SIZE] = { "size" },
	[DMA_OPT_DIR] = { "dir" },
	[DMA_OPT_KIND] = { "kind" },
	[DMA_OPT_ZONE] = { "zone" },
	[DMA_OPT_NODE] = { "node" },
	[DMA_OPT_UNCHECKED] = { "unchecked" },
	[DMA_OPT_OFFSET] = { "offset" },
	[DMA_OPT_SEED] = { "seed" },
	[DMA_OPT_COPY] = { "copy" },
	[DMA_OPT_DST_OFFSET] = { "dst-offset" },
};

/*
 * `kind K`: map makes single or sg buffers, unmap names any kind, xfer
 * also takes "all" (0).
 */
static int dma_kind_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	size_t n = ARRAY_SIZE(dma_kind_words);
	int ret;

	if (cl->cmd != SMM_CMD_DMA_XFER)
		n--;
	ret = get_word_value(a, "kind", dma_kind_words, n, &cl->dma.kind);
	if (ret)
		return ret;
	if (cl->dma.kind == ARRAY_SIZE(dma_kind_words))
		cl->dma.kind = 0;
	if (cl->cmd == SMM_CMD_DMA_MAP &&
	    cl->dma.kind == SHADOW_MM_DMA_KIND_COHERENT)
		return args_error(a, "dma map makes single or sg buffers: a coherent one comes from 'dma alloc'");
	return SMM_EXIT_OK;
}

/* Parses the optional arguments in @allowed (BIT(enum dma_opt)), each once. */
static int dma_opts_parse(struct smm_args *a, struct smm_cmdline *cl,
			  unsigned int allowed)
{
	struct smm_keyword words[DMA_OPT_COUNT];
	enum dma_opt opts[DMA_OPT_COUNT];
	bool seen[DMA_OPT_COUNT] = { false };
	__u64 max_size = UINT64_MAX;
	const char *word;
	size_t i, n = 0;
	int ret;

	for (i = 0; i < DMA_OPT_COUNT; i++)
		if (allowed & BIT(i)) {
			words[n] = dma_opt_words[i];
			opts[n++] = i;
		}
	/* One transfer moves at most the device's window. */
	if (cl->cmd == SMM_CMD_DMA_XFER)
		max_size = SHADOW_MM_EDU_WINDOW;

	while ((word = args_next(a))) {
		ret = keyword_once(a, word, words, n, seen, &i);
		if (ret)
			return ret;
		switch (opts[i]) {
		case DMA_OPT_SIZE:
			ret = get_size(a, "size", 1, max_size, &cl->dma.size);
			break;
		case DMA_OPT_DIR:
			ret = get_word_value(a, "direction", dma_dir_words,
					     ARRAY_SIZE(dma_dir_words),
					     &cl->dma.dir);
			break;
		case DMA_OPT_KIND:
			ret = dma_kind_parse(a, cl);
			break;
		case DMA_OPT_ZONE:
			ret = get_zone_type(a, &cl->dma.zone);
			break;
		case DMA_OPT_NODE:
			ret = get_node_id(a, &cl->dma.node);
			cl->dma.has_node = true;
			break;
		case DMA_OPT_UNCHECKED:
			cl->dma.unchecked = true;
			break;
		case DMA_OPT_OFFSET:
			if (!args_peek(a))
				return args_error(a, "missing offset");
			ret = get_length(a, &cl->dma.offset);
			cl->dma.has_offset = true;
			break;
		case DMA_OPT_SEED:
			ret = get_u32_number(a, "seed", 0, UINT32_MAX,
					     &cl->dma.seed);
			cl->dma.has_seed = true;
			break;
		case DMA_OPT_COPY:
			cl->dma.copy = true;
			break;
		case DMA_OPT_DST_OFFSET:
			if (!args_peek(a))
				return args_error(a, "missing dst-offset");
			ret = get_length(a, &cl->dma.dst_offset);
			cl->dma.has_dst_offset = true;
			break;
		default:
			break;
		}
		if (ret)
			return ret;
	}
	return SMM_EXIT_OK;
}

/* Parses SIZE, the first argument of alloc and map. */
static int dma_size_parse(struct smm_args *a, struct smm_cmdline *cl,
			  const char *cmd)
{
	if (!args_peek(a))
		return args_error(a, "%s: missing SIZE", cmd);
	return get_size(a, "size", 1, UINT64_MAX, &cl->dma.size);
}

/* Parses `dma alloc SIZE [ zone Z ] [ node N ]`. */
static int dma_alloc_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = dma_size_parse(a, cl, "dma alloc");
	if (ret)
		return ret;
	return dma_opts_parse(a, cl, BIT(DMA_OPT_ZONE) | BIT(DMA_OPT_NODE));
}

/*
 * Parses `dma map SIZE [ kind K ] [ dir D ] [ zone Z ] [ node N ]
 * [ unchecked ]`; a single bidirectional mapping unless told.
 */
static int dma_map_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = dma_size_parse(a, cl, "dma map");
	if (ret)
		return ret;
	ret = dma_opts_parse(a, cl, BIT(DMA_OPT_KIND) | BIT(DMA_OPT_DIR) |
			     BIT(DMA_OPT_ZONE) | BIT(DMA_OPT_NODE) |
			     BIT(DMA_OPT_UNCHECKED));
	if (ret)
		return ret;
	if (!cl->dma.kind)
		cl->dma.kind = SHADOW_MM_DMA_KIND_SINGLE;
	if (!cl->dma.dir)
		cl->dma.dir = SHADOW_MM_DMA_DIR_BIDIRECTIONAL;
	return SMM_EXIT_OK;
}

/* Parses `ID` or `addr DMA_ADDR`: the buffer unmap, free and sync name. */
static int dma_target_parse(struct smm_args *a, struct smm_cmdline *cl,
			    const char *cmd)
{
	const char *word = args_peek(a);

	if (!word)
		return args_error(a, "%s: missing ID or addr DMA_ADDR", cmd);
	if (isdigit((unsigned char)word[0]))
		return get_dma_id(a, "dma id", &cl->dma.id);
	if (!matches(word, "addr"))
		return args_error(a, "%s: expected ID or addr DMA_ADDR, not '%s'",
				  cmd, word);
	args_next(a);
	if (!args_peek(a))
		return args_error(a, "%s: missing DMA_ADDR", cmd);
	cl->dma.has_addr = true;
	return args_get_pfn(a, "dma address", &cl->dma.addr);
}

/* Parses `dma unmap { ID | addr A } [ size S ] [ dir D ] [ kind K ]`. */
static int dma_unmap_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = dma_target_parse(a, cl, "dma unmap");
	if (ret)
		return ret;
	return dma_opts_parse(a, cl, BIT(DMA_OPT_SIZE) | BIT(DMA_OPT_DIR) |
			      BIT(DMA_OPT_KIND));
}

/* Parses `dma free { ID | addr A } [ size S ]`: unmap as coherent. */
static int dma_free_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = dma_target_parse(a, cl, "dma free");
	if (ret)
		return ret;
	cl->dma.kind = SHADOW_MM_DMA_KIND_COHERENT;
	return dma_opts_parse(a, cl, BIT(DMA_OPT_SIZE));
}

/*
 * Parses `dma sync { ID | addr A } { for-cpu | for-device } [ offset O ]
 * [ size S ] [ dir D ]`.
 */
static int dma_sync_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	int ret;

	ret = dma_target_parse(a, cl, "dma sync");
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "dma sync: missing for-cpu or for-device");
	ret = get_word_value(a, "sync", dma_sync_words,
			     ARRAY_SIZE(dma_sync_words), &cl->dma.sync);
	if (ret)
		return ret;
	return dma_opts_parse(a, cl, BIT(DMA_OPT_OFFSET) | BIT(DMA_OPT_SIZE) |
			      BIT(DMA_OPT_DIR));
}

/*
 * Parses `dma xfer SRC [ DST ] [ offset O ] [ size S ] [ seed N | copy ]
 * [ dst-offset D ]`, or without buffers `dma xfer [ kind K ] [ size S ]
 * [ seed N ]`.
 */
static int dma_xfer_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word = args_peek(a);
	int ret;

	if (!word || !isdigit((unsigned char)word[0]))
		return dma_opts_parse(a, cl, BIT(DMA_OPT_KIND) |
				      BIT(DMA_OPT_SIZE) | BIT(DMA_OPT_SEED));
	ret = get_dma_id(a, "source id", &cl->dma.id);
	if (ret)
		return ret;
	word = args_peek(a);
	if (word && isdigit((unsigned char)word[0])) {
		ret = get_dma_id(a, "destination id", &cl->dma.dst);
		if (ret)
			return ret;
	}
	ret = dma_opts_parse(a, cl, BIT(DMA_OPT_OFFSET) | BIT(DMA_OPT_SIZE) |
			     BIT(DMA_OPT_SEED) | BIT(DMA_OPT_COPY) |
			     BIT(DMA_OPT_DST_OFFSET));
	if (ret)
		return ret;
	/* A copy moves what SRC holds: there is no pattern to seed. */
	if (cl->dma.copy && cl->dma.has_seed)
		return args_error(a, "seed and copy exclude each other: a copy writes no pattern");
	return SMM_EXIT_OK;
}

/* Parses `dma show ID`. */
static int dma_show_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	if (!args_peek(a))
		return args_error(a, "dma show: missing ID");
	return get_dma_id(a, "dma id", &cl->dma.id);
}

/* Parses `dma errors [ log ]`. */
static int dma_errors_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	return get_last_keyword(a, "log", &cl->dma.log);
}

static const struct smm_command dma_cmds[] = {
	{ { "dev" }, SMM_CMD_DMA_DEV, dma_dev_parse },
	{ { "alloc" }, SMM_CMD_DMA_ALLOC, dma_alloc_parse },
	{ { "map" }, SMM_CMD_DMA_MAP, dma_map_parse },
	{ { "unmap" }, SMM_CMD_DMA_UNMAP, dma_unmap_parse },
	{ { "free" }, SMM_CMD_DMA_FREE, dma_free_parse },
	{ { "sync" }, SMM_CMD_DMA_SYNC, dma_sync_parse },
	{ { "xfer" }, SMM_CMD_DMA_XFER, dma_xfer_parse },
	{ { "list" }, SMM_CMD_DMA_LIST, NULL },
	{ { "show" }, SMM_CMD_DMA_SHOW, dma_show_parse },
	{ { "errors" }, SMM_CMD_DMA_ERRORS, dma_errors_parse },
	SMM_HELP_COMMAND,
};

#define SMM_DMA_DIRS_USAGE	"{ bidirectional | to-device | from-device }"

static const char dma_usage[] =
	"Usage: smm [ OPTIONS ] dma [ dev [ mask BITS ] ]\n"
	"       smm [ OPTIONS ] dma alloc SIZE [ zone ZONE ] [ node N ]\n"
	"       smm [ OPTIONS ] dma map SIZE [ kind { single | sg } ] [ dir DIR ]\n"
	"                               [ zone ZONE ] [ node N ] [ unchecked ]\n"
	"       smm dma unmap { ID | addr DMA_ADDR } [ size S ] [ dir DIR ]\n"
	"                     [ kind KIND ]\n"
	"       smm dma free { ID | addr DMA_ADDR } [ size S ]\n"
	"       smm dma sync { ID | addr DMA_ADDR } { for-cpu | for-device }\n"
	"                    [ offset O ] [ size S ] [ dir DIR ]\n"
	"       smm [ OPTIONS ] dma xfer SRC [ DST ] [ offset O ] [ size X ]\n"
	"                                [ seed SEED | copy ] [ dst-offset D ]\n"
	"       smm [ OPTIONS ] dma xfer [ kind { KIND | all } ] [ size X ]\n"
	"                                [ seed SEED ]\n"
	"       smm [ OPTIONS ] dma list\n"
	"       smm [ OPTIONS ] dma show ID\n"
	"       smm [ OPTIONS ] dma errors [ log ]\n"
	"       smm dma help\n"
	"where  BITS := 24..64\n"
	"       ZONE := " SMM_ZONE_TYPES_USAGE "\n"
	"       DIR := " SMM_DMA_DIRS_USAGE "\n"
	"       KIND := { coherent | single | sg }\n"
	"       SIZE, S, O, D := a number with an optional K, M, G or T (8K, 0x2000)\n"
	"       X := as SIZE, 1..4096: at most the device's window (dma dev)\n"
	"       ID, SRC, DST := a buffer's id (dma list); DMA_ADDR := its dma_addr\n"
	"       N := a node id; SEED := 0..4294967295\n"
	"       OPTIONS := { -j[son] | -p[retty] | -v[erbose] (errors) }\n"
	"\n"
	"DMA through qemu's edu device, with the kernel's DMA API over shadow\n"
	"pages. `smm dma` alone is `smm dma dev`.\n"
	"dev     the device: PCI identity, interrupt, DMA mask, IOMMU domain,\n"
	"        the zone it reaches whole, the bounce pool, live mappings and\n"
	"        transfers; with mask BITS, sets the DMA mask first\n"
	"alloc   a coherent buffer from ZONE (default: the zone the device\n"
	"        reaches); prints it as show does\n"
	"map     SIZE bytes of new shadow pages (default zone normal) mapped for\n"
	"        the device in direction DIR (default bidirectional), as one\n"
	"        block (single, the default) or a scatterlist of pages (sg),\n"
	"        through the bounce pool where the device cannot reach a page;\n"
	"        unchecked skips dma_mapping_error(), as a careless driver would\n"
	"unmap   unmaps a buffer and frees its pages; free frees a coherent one.\n"
	"        size, dir and kind replace what is passed to the DMA API, to\n"
	"        provoke its debug checks (which refuse, and nothing changes)\n"
	"sync    hands a streaming buffer to the CPU or to the device, from O\n"
	"        (default 0) for S bytes (default: to the end)\n"
	"xfer    moves a pattern RAM -> device -> RAM through the device's DMA\n"
	"        engine and checks every byte: from SRC back into DST (default\n"
	"        SRC), at D bytes into DST (default O); without SRC, through\n"
	"        temporary bidirectional buffers of KIND (default all: each kind\n"
	"        in turn), released afterwards. copy moves the bytes SRC holds,\n"
	"        writing no pattern and checking nothing (check DST yourself,\n"
	"        e.g. through a dma-buf's mmap)\n"
	"list    every DMA buffer, a line each\n"
	"show    one buffer and its segments: physical address, device address\n"
	"        and bounce slot of each\n"
	"errors  how often each DMA-debug check fired; with log or -v also the\n"
	"        findings kept, oldest first\n"
	"\n"
	"All but dev without mask, list, show and errors need CAP_NET_ADMIN and\n"
	"CAP_SYS_ADMIN.\n";

/* ---- dmabuf ---------------------------------------------------------- */

/* Owner tags fit shadow_mm_alloc_data.owner with its NUL. */
#define SMM_DMABUF_OWNER_MAX_LEN	(SHADOW_MM_OWNER_LEN - 1)

/* Takes the next word as a NAME of 1 to @max bytes; *@val points to it. */
static int get_name(struct smm_args *a, const char *what, size_t max,
		    const char **val)
{
	const char *word = args_next(a);
	size_t len;

	if (!word)
		return args_error(a, "missing %s", what);
	len = strlen(word);
	if (!len || len > max)
		return args_error(a, "%s '%s' must be 1 to %zu bytes", what,
				  word, max);
	*val = word;
	return SMM_EXIT_OK;
}

enum { DMABUF_ZONE, DMABUF_NODE, DMABUF_CONTIGUOUS, DMABUF_OWNER,
	DMABUF_NAME, DMABUF_RO };

/*
 * Parses `dmabuf alloc SIZE [ zone Z ] [ node N ] [ contiguous ]
 * [ owner TAG ] [ name NAME ] [ ro ] [ -- CMD ARGS... ]`. The words after
 * `--` are CMD when the `--` stands among alloc's own words; a `--`
 * before `dmabuf` only ends the options, as for every command.
 */
static int dmabuf_alloc_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	static const struct smm_keyword words[] = {
		[DMABUF_ZONE] = { "zone" },
		[DMABUF_NODE] = { "node" },
		[DMABUF_CONTIGUOUS] = { "contiguous" },
		[DMABUF_OWNER] = { "owner" },
		[DMABUF_NAME] = { "name" },
		[DMABUF_RO] = { "ro" },
	};
	bool seen[ARRAY_SIZE(words)] = { false };
	bool has_cmd = cl->tail && a->argc >= cl->n_tail;
	const char *word;
	size_t i;
	int ret;

	/* Alloc's own words end where CMD starts. */
	if (has_cmd)
		a->argc -= cl->n_tail;
	if (!args_peek(a))
		return args_error(a, "dmabuf alloc: missing SIZE");
	ret = get_size(a, "size", 1, UINT64_MAX, &cl->dmabuf.size);
	if (ret)
		return ret;
	while ((word = args_next(a))) {
		ret = keyword_once(a, word, words, ARRAY_SIZE(words), seen, &i);
		if (ret)
			return ret;
		switch (i) {
		case DMABUF_ZONE:
			ret = get_zone_type(a, &cl->dmabuf.zone);
			break;
		case DMABUF_NODE:
			ret = get_node_id(a, &cl->dmabuf.node);
			cl->dmabuf.has_node = true;
			break;
		case DMABUF_CONTIGUOUS:
			cl->dmabuf.contiguous = true;
			break;
		case DMABUF_OWNER:
			ret = get_name(a, "owner tag", SMM_DMABUF_OWNER_MAX_LEN,
				       &cl->dmabuf.owner);
			break;
		case DMABUF_NAME:
			ret = get_name(a, "name", SMM_DMABUF_NAME_MAX_LEN,
				       &cl->dmabuf.name);
			break;
		case DMABUF_RO:
			cl->dmabuf.ro = true;
			break;
		}
		if (ret)
			return ret;
	}
	if (!has_cmd)
		return SMM_EXIT_OK;
	if (!cl->n_tail)
		return args_error(a, "dmabuf alloc: missing CMD after --");
	/* CMD is for the shell to run, not for smm to parse. */
	cl->dmabuf.cmd = cl->tail;
	a->argv += cl->n_tail;
	return SMM_EXIT_OK;
}

static int get_dmabuf_id(struct smm_args *a, __u32 *id)
{
	return get_u32_number(a, "dmabuf id", 1, UINT32_MAX, id);
}

/* Parses `dmabuf show ID`. */
static int dmabuf_show_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	if (!args_peek(a))
		return args_error(a, "dmabuf show: missing ID");
	return get_dmabuf_id(a, &cl->dmabuf.id);
}

/* Import targets by their spec names; row i is value i + 1. */
static const struct smm_keyword dmabuf_target_words[] = {
	{ "edu" }, { "as" },
};

static_assert(SHADOW_MM_DMABUF_TARGET_EDU == 1 &&
	      ARRAY_SIZE(dmabuf_target_words) == SHADOW_MM_DMABUF_TARGET_AS,
	      "dmabuf_target_words[] follows enum shadow_mm_dmabuf_target");

/* Parses `dmabuf import FD { edu | as AS va VA }`. */
static int dmabuf_import_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	static const struct smm_keyword va_word[] = { { "va" } };
	const char *word;
	size_t i;
	int ret;

	if (!args_peek(a))
		return args_error(a, "dmabuf import: missing FD");
	ret = args_get_u32(a, "file descriptor", 0, INT32_MAX, &cl->dmabuf.fd);
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "dmabuf import: missing edu or as AS va VA");
	ret = get_word_value(a, "import target", dmabuf_target_words,
			     ARRAY_SIZE(dmabuf_target_words),
			     &cl->dmabuf.target);
	if (ret || cl->dmabuf.target != SHADOW_MM_DMABUF_TARGET_AS)
		return ret;
	ret = get_as_id(a, "dmabuf import as", &cl->dmabuf.as);
	if (ret)
		return ret;
	word = args_next(a);
	if (!word)
		return args_error(a, "dmabuf import as: missing va VA");
	ret = args_lookup(a, "argument", word, va_word, ARRAY_SIZE(va_word),
			  sizeof(va_word[0]), &i);
	if (ret)
		return ret;
	if (!args_peek(a))
		return args_error(a, "dmabuf import as: missing VA");
	return get_va(a, &cl->dmabuf.va);
}

static const struct smm_command dmabuf_cmds[] = {
	{ { "alloc" }, SMM_CMD_DMABUF_ALLOC, dmabuf_alloc_parse },
	{ { "list" }, SMM_CMD_DMABUF_LIST, NULL },
	{ { "show" }, SMM_CMD_DMABUF_SHOW, dmabuf_show_parse },
	{ { "import" }, SMM_CMD_DMABUF_IMPORT, dmabuf_import_parse },
	SMM_HELP_COMMAND,
};

static const char dmabuf_usage[] =
	"Usage: smm [ OPTIONS ] dmabuf alloc SIZE [ zone ZONE ] [ node N ]\n"
	"                                  [ contiguous ] [ owner TAG ]\n"
	"                                  [ name NAME ] [ ro ] [ -- CMD [ ARGS ] ]\n"
	"       smm [ OPTIONS ] dmabuf [ list ]\n"
	"       smm [ OPTIONS ] dmabuf show ID\n"
	"       smm [ OPTIONS ] dmabuf import FD { edu | as AS va VA }\n"
	"       smm dmabuf help\n"
	"where  SIZE := a number with an optional K, M, G or T (1M, 0x10000)\n"
	"       ZONE := " SMM_ZONE_TYPES_USAGE "\n"
	"       TAG := 1 to 15 bytes, NAME := 1 to 31 bytes\n"
	"       ID := a dma-buf's id (dmabuf list); FD := an open file descriptor\n"
	"       AS := a shadow address space (as list); VA := a page-aligned address\n"
	"\n"
	"dma-bufs of shadow memory, made through /dev/shadow_mm and shared with\n"
	"importing drivers and with userspace (mmap of the file descriptor).\n"
	"alloc   a dma-buf of SIZE bytes (rounded up to pages) of zeroed pages\n"
	"        from ZONE (default normal), preferring node N, as one contiguous\n"
	"        block or pages taken one at a time (the default), owned by TAG\n"
	"        (default dmabuf), named NAME (DMA_BUF_SET_NAME), read-only with\n"
	"        ro; prints it as show does. Without CMD smm closes the file\n"
	"        descriptor when it exits, which frees the buffer (unless an\n"
	"        importer still holds it). With CMD the descriptor stays open in\n"
	"        CMD, which runs with SMM_DMABUF_FD and SMM_DMABUF_ID in its\n"
	"        environment; smm exits with CMD's status.\n"
	"list    every dma-buf the module exported, a line each: size, pages,\n"
	"        zone, node, contiguous runs, mmaps, vmaps, attachments (device\n"
	"        and map count), name, owner\n"
	"show    one dma-buf and a line per attachment: device, driver, maps,\n"
	"        and the current mapping's direction and segments\n"
	"import  maps dma-buf FD (of this process: a descriptor CMD inherited)\n"
	"        for the edu device as an importing driver would, making a DMA\n"
	"        buffer (smm dma show, xfer, unmap: the unmap detaches), or maps\n"
	"        a shadow_mm dma-buf's pages into address space AS at VA (as\n"
	"        unmap releases it). Prints the DMA buffer's id, or the mapping.\n"
	"\n"
	"alloc needs access to /dev/shadow_mm; import needs CAP_NET_ADMIN and\n"
	"CAP_SYS_ADMIN. Example: smm dmabuf alloc 1M zone dma -- sh -c\n"
	"'smm dmabuf import $SMM_DMABUF_FD edu'\n";

/* ---- monitor --------------------------------------------------------- */

/*
 * `monitor count N`: "count" sits in the command table, so that `smm
 * monitor` alone runs the default and `smm monitor help` works as for
 * every object; its parser takes N.
 */
static int monitor_count_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	if (!args_peek(a))
		return args_error(a, "monitor count: missing N");
	return args_get_u32(a, "count", 1, UINT32_MAX, &cl->monitor.count);
}

static const struct smm_command monitor_cmds[] = {
	{ { "count" }, SMM_CMD_MONITOR, monitor_count_parse },
	SMM_HELP_COMMAND,
};

static const char monitor_usage[] =
	"Usage: smm [ OPTIONS ] monitor [ count N ]\n"
	"       smm monitor help\n"
	"where  N := 1..4294967295\n"
	"\n"
	"Print the shadow allocator's events as they happen, a line each:\n"
	"alloc, free, split, merge (pfn, order, node, zone, migrate type, owner,\n"
	"CPU) and steal (a pageblock changing migrate type, old->new); and the\n"
	"DMA layer's: dma-map, dma-unmap, dma-xfer (buffer id, kind, direction,\n"
	"size, device address, bounced) and dma-check (the check that fired); and\n"
	"the dma-buf exporter's: dmabuf-export, dmabuf-attach, dmabuf-detach and\n"
	"dmabuf-release (buffer id, size, importing device). Runs until\n"
	"interrupted, or until N events are printed. The module sends at most\n"
	"event_rate events a second (a module parameter, default 1000); \"(N\n"
	"events dropped)\" tells what it left out. With -j one JSON object per\n"
	"line.\n";

/* ---- help ------------------------------------------------------------ */

static bool is_help_word(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

/* Parses `smm help [ OBJECT ]`. */
static int help_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word = args_next(a);
	size_t i;
	int ret;

	cl->cmd = SMM_CMD_HELP;
	cl->object = NULL;
	a->object = NULL;
	if (!word)
		return SMM_EXIT_OK;

	ret = args_lookup(a, "object", word, smm_objects, smm_n_objects,
			  sizeof(smm_objects[0]), &i);
	if (ret)
		return ret;
	/* `smm help help` is the top-level help. */
	if (smm_objects[i].cmds)
		cl->object = &smm_objects[i];
	return args_end(a);
}

static const char help_usage[] =
	"Usage: smm help [ OBJECT ]\n";

/* ---- the table ------------------------------------------------------- */

const struct smm_object smm_objects[] = {
	{
		.kw = { "status" },
		.summary = "module, kernel and page-table status",
		.usage = status_usage,
		.cmds = status_cmds,
		.n_cmds = ARRAY_SIZE(status_cmds),
		.default_cmd = SMM_CMD_STATUS_SHOW,
	},
	{
		.kw = { "config" },
		.summary = "change the module's settings",
		.usage = config_usage,
		.cmds = config_cmds,
		.n_cmds = ARRAY_SIZE(config_cmds),
	},
	{
		.kw = { "node" },
		.summary = "shadow nodes: span, pages, distances, zones",
		.usage = node_usage,
		.cmds = node_cmds,
		.n_cmds = ARRAY_SIZE(node_cmds),
		.default_cmd = SMM_CMD_NODE_SHOW,
	},
	{
		.kw = { "zone" },
		.summary = "shadow zones: pages, watermarks, free lists, counters",
		.usage = zone_usage,
		.cmds = zone_cmds,
		.n_cmds = ARRAY_SIZE(zone_cmds),
		.default_cmd = SMM_CMD_ZONE_SHOW,
	},
	{
		.kw = { "page" },
		.summary = "shadow pages: show, alloc, free, dump, owners",
		.usage = page_usage,
		.cmds = page_cmds,
		.n_cmds = ARRAY_SIZE(page_cmds),
	},
	{
		.kw = { "buddyinfo" },
		.summary = "free blocks per order, as /proc/buddyinfo",
		.usage = buddyinfo_usage,
		.cmds = buddyinfo_cmds,
		.n_cmds = ARRAY_SIZE(buddyinfo_cmds),
		.default_cmd = SMM_CMD_BUDDYINFO,
	},
	{
		.kw = { "pagetypeinfo" },
		.summary = "free blocks and pageblocks by migrate type, as /proc/pagetypeinfo",
		.usage = pagetypeinfo_usage,
		.cmds = pagetypeinfo_cmds,
		.n_cmds = ARRAY_SIZE(pagetypeinfo_cmds),
		.default_cmd = SMM_CMD_PAGETYPEINFO,
	},
	{
		.kw = { "zoneinfo" },
		.summary = "zones as /proc/zoneinfo",
		.usage = zoneinfo_usage,
		.cmds = zoneinfo_cmds,
		.n_cmds = ARRAY_SIZE(zoneinfo_cmds),
		.default_cmd = SMM_CMD_ZONEINFO,
	},
	{
		.kw = { "check" },
		.summary = "run the allocator's invariant checker",
		.usage = check_usage,
		.cmds = check_cmds,
		.n_cmds = ARRAY_SIZE(check_cmds),
		.default_cmd = SMM_CMD_CHECK,
	},
	{
		.kw = { "as" },
		.summary = "shadow address spaces: create, map, protect, touch, dump",
		.usage = as_usage,
		.cmds = as_cmds,
		.n_cmds = ARRAY_SIZE(as_cmds),
		.default_cmd = SMM_CMD_AS_LIST,
	},
	{
		.kw = { "walk" },
		.summary = "walk an address through shadow, process or kernel page tables",
		.usage = walk_usage,
		.cmds = walk_cmds,
		.n_cmds = ARRAY_SIZE(walk_cmds),
		.parse = walk_as_parse,
	},
	{
		.kw = { "bench" },
		.summary = "benchmarks against the host: allocator, page dump, page tables",
		.usage = bench_usage,
		.cmds = bench_cmds,
		.n_cmds = ARRAY_SIZE(bench_cmds),
	},
	{
		.kw = { "dma" },
		.summary = "DMA through the edu device: map, sync, transfer, debug checks",
		.usage = dma_usage,
		.cmds = dma_cmds,
		.n_cmds = ARRAY_SIZE(dma_cmds),
		.default_cmd = SMM_CMD_DMA_DEV,
	},
	{
		.kw = { "dmabuf" },
		.summary = "dma-bufs of shadow memory: alloc, list, show, import",
		.usage = dmabuf_usage,
		.cmds = dmabuf_cmds,
		.n_cmds = ARRAY_SIZE(dmabuf_cmds),
		.default_cmd = SMM_CMD_DMABUF_LIST,
	},
	{
		.kw = { "monitor" },
		.summary = "allocator, DMA and dma-buf events as they happen",
		.usage = monitor_usage,
		.cmds = monitor_cmds,
		.n_cmds = ARRAY_SIZE(monitor_cmds),
		.default_cmd = SMM_CMD_MONITOR,
	},
	{
		.kw = { "help" },
		.summary = "this text, or the usage of one object",
		.usage = help_usage,
		.parse = help_parse,
	},
};

const size_t smm_n_objects = ARRAY_SIZE(smm_objects);

/* ---- the parser ------------------------------------------------------ */

/* Parses COMMAND [ARGS] of @obj, the words after OBJECT. */
static int parse_object(struct smm_args *a, struct smm_cmdline *cl,
			const struct smm_object *obj)
{
	const struct smm_command *c;
	const char *word;
	size_t i;
	int ret;

	if (!obj->cmds)
		return obj->parse(a, cl);

	word = args_peek(a);
	/* `smm walk 3 0x1000`: the object parses words that are no command. */
	if (obj->parse && (!word || isdigit((unsigned char)word[0]))) {
		ret = obj->parse(a, cl);
		return ret ? ret : args_end(a);
	}
	word = args_next(a);
	if (!word) {
		if (obj->default_cmd == SMM_CMD_NONE)
			return args_error(a, "%s: missing command",
					  obj->kw.name);
		cl->cmd = obj->default_cmd;
		return SMM_EXIT_OK;
	}
	if (is_help_word(word)) {
		cl->cmd = SMM_CMD_HELP;
		return args_end(a);
	}
	ret = args_lookup(a, "command", word, obj->cmds, obj->n_cmds,
			  sizeof(obj->cmds[0]), &i);
	if (ret)
		return ret;
	c = &obj->cmds[i];
	cl->cmd = c->cmd;

	/* `smm config set help` shows the object's usage too. */
	word = args_peek(a);
	if (c->cmd == SMM_CMD_HELP || (word && is_help_word(word))) {
		cl->cmd = SMM_CMD_HELP;
		if (c->cmd != SMM_CMD_HELP)
			args_next(a);
		return args_end(a);
	}

	if (c->parse) {
		ret = c->parse(a, cl);
		if (ret)
			return ret;
	}
	return args_end(a);
}

static const struct smm_option {
	struct smm_keyword kw;
	char letter;
	unsigned int flag;	/* SMM_OPT_* it sets, or */
	enum smm_cmd cmd;	/* what it runs instead of OBJECT */
	bool has_value;		/* takes a FILE, which goes to */
	size_t value_offset;	/* this const char * of struct smm_cmdline */
} smm_options[] = {
	{ { "json" }, 'j', SMM_OPT_JSON, SMM_CMD_NONE, false, 0 },
	{ { "pretty" }, 'p', SMM_OPT_PRETTY, SMM_CMD_NONE, false, 0 },
	{ { "version" }, 'V', 0, SMM_CMD_VERSION, false, 0 },
	{ { "help" }, 'h', 0, SMM_CMD_HELP, false, 0 },
	{ { "svg" }, 0, 0, SMM_CMD_NONE, true,
	  offsetof(struct smm_cmdline, svg) },
	{ { "dot" }, 0, 0, SMM_CMD_NONE, true,
	  offsetof(struct smm_cmdline, dot) },
	{ { "tree" }, 0, SMM_OPT_TREE, SMM_CMD_NONE, false, 0 },
	{ { "verbose" }, 'v', SMM_OPT_VERBOSE, SMM_CMD_NONE, false, 0 },
};

/*
 * The value of long option @o: after '=' in the word (@eq), else the
 * next word @next, which *@took_next then says was used. A FILE is
 * neither empty nor an option ("-" alone is standard output).
 */
static int option_value(struct smm_args *a, struct smm_cmdline *cl,
			const struct smm_option *o, const char *eq,
			const char *next, bool *took_next)
{
	const char **file = (const char **)((char *)cl + o->value_offset);
	const char *value = eq ? eq + 1 : next;

	if (!value || !*value || (value[0] == '-' && value[1]))
		return args_error(a, "option '--%s' needs a FILE%s%s%s",
				  o->kw.name, value && *value ? ", not '" : "",
				  value && *value ? value : "",
				  value && *value ? "'" : "");
	if (*file)
		return args_error(a, "--%s given more than once", o->kw.name);
	*file = value;
	*took_next = !eq;
	return SMM_EXIT_OK;
}

static void apply_option(struct smm_cmdline *cl, const struct smm_option *o)
{
	cl->opts |= o->flag;
	/* The first of -V and -h wins. */
	if (o->cmd != SMM_CMD_NONE && cl->cmd == SMM_CMD_NONE)
		cl->cmd = o->cmd;
}

/*
 * Parses the word @word (which starts with '-') as one or more options;
 * an option with a value may take the next word, @next (NULL at the end),
 * and then sets *@took_next.
 */
static int parse_option(struct smm_args *a, struct smm_cmdline *cl,
			const char *word, const char *next, bool *took_next)
{
	const struct smm_option *o;
	const char *p;
	size_t i;

	if (word[1] == '-') {
		const char *eq = strchr(word + 2, '=');
		size_t len = eq ? (size_t)(eq - (word + 2)) : strlen(word + 2);
		const struct smm_option *found = NULL;
		char name[16];

		/* --svg=FILE: the name is what stands before '='. */
		if (len >= sizeof(name))
			return args_error(a, "unknown option '%s'", word);
		memcpy(name, word + 2, len);
		name[len] = '\0';
		for (i = 0; i < ARRAY_SIZE(smm_options); i++) {
			o = &smm_options[i];
			if (!strcmp(name, o->kw.name)) {
				found = o;
				break;
			}
			if (!matches(name, o->kw.name))
				continue;
			if (found)
				return args_error(a, "ambiguous option '%s'",
						  word);
			found = o;
		}
		if (!found || (eq && !found->has_value))
			return args_error(a, "unknown option '%s'", word);
		if (found->has_value)
			return option_value(a, cl, found, eq, next, took_next);
		apply_option(cl, found);
		return SMM_EXIT_OK;
	}

	for (p = word + 1; *p; p++) {
		for (i = 0; i < ARRAY_SIZE(smm_options); i++)
			if (smm_options[i].letter == *p)
				break;
		if (i == ARRAY_SIZE(smm_options))
			return args_error(a, "unknown option '-%c'", *p);
		apply_option(cl, &smm_options[i]);
	}
	return SMM_EXIT_OK;
}

/*
 * Takes the options out of the command line, wherever they stand (`smm -j
 * status` and `smm status -j` are the same), and copies the other words,
 * in order, into @words. Words after `--` are never options, nor is a
 * negative number; @cl->tail records where they start.
 */
static int take_options(struct smm_args *a, struct smm_cmdline *cl,
			char **words)
{
	bool options_done = false;
	int i, n = 0, ret;

	for (i = 0; i < a->argc; i++) {
		char *word = a->argv[i];

		if (!options_done && !strcmp(word, "--")) {
			options_done = true;
			cl->tail = &a->argv[i + 1];
			cl->n_tail = a->argc - i - 1;
			continue;
		}
		if (!options_done && word[0] == '-' && word[1] &&
		    !isdigit((unsigned char)word[1])) {
			bool took_next = false;

			ret = parse_option(a, cl, word,
					   i + 1 < a->argc ? a->argv[i + 1] : NULL,
					   &took_next);
			if (ret)
				return ret;
			i += took_next;
			continue;
		}
		words[n++] = word;
	}
	a->argc = n;
	a->argv = words;
	return SMM_EXIT_OK;
}

/* Parses what is left once the options are out: OBJECT [COMMAND [ARGS]]. */
static int parse_words(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word;
	size_t i;
	int ret;

	if (cl->cmd != SMM_CMD_NONE) {
		/* -h after an object asks for that object's help. */
		word = args_peek(a);
		if (cl->cmd == SMM_CMD_HELP && word &&
		    !args_lookup(a, "object", word, smm_objects,
				 smm_n_objects, sizeof(smm_objects[0]), &i))
			cl->object = &smm_objects[i];
		cl->err[0] = '\0';
		cl->hint[0] = '\0';
		return SMM_EXIT_OK;
	}

	word = args_next(a);
	if (!word)
		return args_error(a, "missing object");

	ret = args_lookup(a, "object", word, smm_objects, smm_n_objects,
			  sizeof(smm_objects[0]), &i);
	if (ret)
		return ret;
	cl->object = &smm_objects[i];
	a->object = cl->object->kw.name;
	return parse_object(a, cl, cl->object);
}

/*
 * --svg belongs to `zone map` and `walk`, --dot and --tree to `walk`
 * (which checks them further); help and --version ignore them.
 */
static int check_pictures(struct smm_args *a, const struct smm_cmdline *cl)
{
	bool walk = cl->cmd == SMM_CMD_WALK || cl->cmd == SMM_CMD_AS_DUMP;

	if (cl->cmd == SMM_CMD_HELP || cl->cmd == SMM_CMD_VERSION)
		return SMM_EXIT_OK;
	if (cl->svg && !walk && cl->cmd != SMM_CMD_ZONE_MAP)
		return args_error(a, "--svg is an option of 'zone map' and 'walk' only");
	if (cl->dot && !walk)
		return args_error(a, "--dot is an option of 'walk' only");
	if ((cl->opts & SMM_OPT_TREE) && !walk)
		return args_error(a, "--tree is an option of 'walk' only");
	return SMM_EXIT_OK;
}

/* -v belongs to `dma errors`; help and --version ignore it. */
static int check_verbose(struct smm_args *a, const struct smm_cmdline *cl)
{
	if (!(cl->opts & SMM_OPT_VERBOSE) || cl->cmd == SMM_CMD_HELP ||
	    cl->cmd == SMM_CMD_VERSION || cl->cmd == SMM_CMD_DMA_ERRORS)
		return SMM_EXIT_OK;
	return args_error(a, "-v is an option of 'dma errors' only");
}

/**
 * smm_parse() - parse smm's command line
 * @argc: as main() got it
 * @argv: as main() got it; argv[0] is the program name and is skipped
 * @cl: filled with what the command line chose
 *
 * Grammar: `smm [OPTIONS] OBJECT [COMMAND [ARGS]] [OPTIONS]`: options may
 * stand anywhere; `--` ends them. -V and -h win over the rest of the line
 * (`smm status -h` shows the status object's help). Nothing is printed and
 * no socket is opened, so the host test drives this directly.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_USAGE with @cl->err and @cl->hint set.
 * After success, smm_cmdline_free() releases what @cl holds (the PFNs of
 * `page free`); after a failure nothing is held.
 */
int smm_parse(int argc, char **argv, struct smm_cmdline *cl)
{
	struct smm_args a = {
		.argc = argc > 0 ? argc - 1 : 0,
		.argv = argc > 0 ? argv + 1 : argv,
		.err = cl->err,
		.hint = cl->hint,
	};
	char **words;
	int ret;

	memset(cl, 0, sizeof(*cl));

	words = calloc(a.argc + 1, sizeof(*words));
	if (!words)
		return args_error(&a, "out of memory");
	ret = take_options(&a, cl, words);
	if (!ret)
		ret = parse_words(&a, cl);
	if (!ret)
		ret = check_pictures(&a, cl);
	if (!ret)
		ret = check_verbose(&a, cl);
	free(words);
	if (ret)
		smm_cmdline_free(cl);
	return ret;
}

/**
 * smm_cmdline_free() - free what smm_parse() allocated in @cl
 * @cl: a command line smm_parse() filled, successfully or not
 */
void smm_cmdline_free(struct smm_cmdline *cl)
{
	free(cl->free.pfns);
	cl->free.pfns = NULL;
	cl->free.n_pfns = 0;
}

/**
 * smm_print_help() - print the top-level help or an object's usage
 * @f: where to print
 * @object: the object, or NULL for the top-level help
 */
void smm_print_help(FILE *f, const struct smm_object *object)
{
	const char *sep = "";
	size_t i;

	if (object) {
		fputs(object->usage, f);
		return;
	}

	fputs("Usage: smm [ OPTIONS ] OBJECT { COMMAND | help } [ OPTIONS ]\n"
	      "       smm [ OPTIONS ] help [ OBJECT ]\n"
	      "where  OBJECT := { ", f);
	for (i = 0; i < smm_n_objects; i++) {
		if (!smm_objects[i].cmds)
			continue;
		fprintf(f, "%s%s", sep, smm_objects[i].kw.name);
		sep = " | ";
	}
	fputs(" }\n"
	      "       OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n"
	      "       (zone map and walk draw pictures: --svg FILE, --dot FILE, --tree;\n"
	      "       dma errors lists its findings with -v[erbose])\n"
	      "\n"
	      "Objects:\n", f);
	for (i = 0; i < smm_n_objects; i++)
		fprintf(f, "  %-12s  %s\n", smm_objects[i].kw.name,
			smm_objects[i].summary);
	fputs("\n"
	      "Exit status: 0 success, 1 usage error, 2 kernel or runtime error.\n",
	      f);
}
