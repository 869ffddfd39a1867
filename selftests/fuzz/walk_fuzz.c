// SPDX-License-Identifier: GPL-2.0
/*
 * A libFuzzer target for the walker (module/core/walk.c) and the
 * decoders of every format: the input becomes the contents of a small
 * physical memory of table pages, a format and depth, a root, addresses
 * to walk and a range to dump. Walks of live tables meet whatever the
 * tables hold, so nothing read may make the walker leave a page, loop,
 * or disagree with itself:
 *  - every page sits between inaccessible guard pages, and the memory
 *    answers NULL for any address outside it, so a read past a table's
 *    page faults;
 *  - smm_pt_translate() agrees with smm_pt_walk(), both with any root
 *    (each level checked alone) and a page-aligned one (each format's
 *    inline decoding, pt_ops.h), and each step of a walk is where the
 *    index says;
 *  - a dump's runs are in order, inside the range, and each agrees with
 *    a walk of its first and last page; a refused run is where the dump
 *    says it can resume;
 *  - every map is undone.
 *
 * The input, little endian:
 *   u8  configuration: (arm, 2) (arm-lpae, 3) (arm64, 3) (arm64, 4)
 *       (x86_64, 4) (x86_64, 5), modulo 6
 *   u16 root: its physical address (memory is at 0 to 32 KiB)
 *   u8  addresses to walk, 1 + (n % 4), then each as a u64
 *   u64 dump start, u16 dump length in pages less one (at most 4096)
 *   u8  run to refuse (0: none)
 *   then patches to the memory, each a u16 (offset / 4) and a u64 value
 *
 * Built with clang -fsanitize=fuzzer (SMM_FUZZ_LIBFUZZER defined), it is
 * a fuzzer; built with gcc, main() replays the files named on the
 * command line, for the committed corpus (corpus-walk/).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "walk.h"

#define FZ_PAGES	8
#define FZ_BYTES	(FZ_PAGES * SMM_PT_PAGE_SIZE)
#define FZ_MAX_RUNS	64
#define FZ_MAX_DUMP	4096	/* pages: bounds the work of one input */

struct fz_input {
	const u8 *data;
	size_t size;
	size_t pos;
};

/**
 * struct fz_mem - the physical memory the tables live in
 * @page: each page's memory
 * @maps: maps not undone
 */
struct fz_mem {
	u8 *page[FZ_PAGES];
	long maps;
};

struct fz_runs {
	unsigned int nr;
	unsigned int refuse_at;
	struct smm_pt_run run[FZ_MAX_RUNS];
};

static const struct {
	const char *fmt;
	unsigned int levels;
} fz_configs[] = {
	{ "arm", 2 }, { "arm-lpae", 3 }, { "arm64", 3 }, { "arm64", 4 },
	{ "x86_64", 4 }, { "x86_64", 5 },
};

static u64 fz_bytes(struct fz_input *in, unsigned int n)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (in->pos < in->size)
			v |= (u64)in->data[in->pos++] << (8 * i);
	return v;
}

static void *fz_map(void *arg, u64 pa)
{
	struct fz_mem *m = arg;

	if ((pa & (SMM_PT_PAGE_SIZE - 1)) || pa >= FZ_BYTES)
		return NULL;
	m->maps++;
	return m->page[pa >> SMM_PT_PAGE_SHIFT];
}

static void fz_unmap(void *arg, void *page)
{
	struct fz_mem *m = arg;

	m->maps--;
}

/* Page i at (2i + 1) pages into a mapping whose other pages fault. */
static void fz_mem_init(struct fz_mem *m)
{
	u8 *area = mmap(NULL, (2 * FZ_PAGES + 1) * SMM_PT_PAGE_SIZE, PROT_NONE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned int i;

	if (area == MAP_FAILED)
		abort();
	for (i = 0; i < FZ_PAGES; i++) {
		m->page[i] = area + (2 * i + 1) * SMM_PT_PAGE_SIZE;
		if (mprotect(m->page[i], SMM_PT_PAGE_SIZE,
			     PROT_READ | PROT_WRITE))
			abort();
	}
}

static void fz_fail(const char *what, u64 a, u64 b)
{
	fprintf(stderr, "walk_fuzz: %s (0x%llx, 0x%llx)\n", what,
		(unsigned long long)a, (unsigned long long)b);
	abort();
}

static int fz_collect(void *arg, const struct smm_pt_run *run)
{
	struct fz_runs *runs = arg;

	if (runs->nr == FZ_MAX_RUNS || runs->nr + 1 == runs->refuse_at)
		return -EMSGSIZE;
	runs->run[runs->nr++] = *run;
	return 0;
}

/* A walk must be well formed and agree with the fast path. */
static void fz_walk(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		    u64 root, u64 va)
{
	struct smm_pt_field fields[SMM_PT_MAX_FIELDS];
	char attrs[SMM_PT_ATTRS_LEN];
	struct smm_walk w;
	unsigned int i, n;
	int ret, tret;
	u64 pa = 0;

	ret = smm_pt_walk(cfg, mem, root, va, &w);
	tret = smm_pt_translate(cfg, mem, root, va, &pa);
	if (ret == -ERANGE || tret == -ERANGE) {
		if (ret != tret || smm_pt_va_valid(cfg, va))
			fz_fail("range check differs", va, tret);
		return;
	}
	if (ret == -EIO || tret == -EIO) {
		if (ret != tret)
			fz_fail("walk and translate disagree on -EIO", va, tret);
		return;
	}
	if (ret)
		fz_fail("walk returned", va, ret);
	if (!w.nr_steps || w.nr_steps > cfg->levels)
		fz_fail("steps", va, w.nr_steps);
	for (i = 0; i < w.nr_steps; i++) {
		const struct smm_pt_step *s = &w.step[i];

		if (s->index != smm_pt_index(cfg, i, va) ||
		    s->desc_pa != s->table + s->index * cfg->fmt->desc_size)
			fz_fail("step not where the index says", va, i);
		if (i + 1 < w.nr_steps && s->e.kind != SMM_PT_TABLE)
			fz_fail("walk went on past a non-table", va, i);
		n = cfg->fmt->fields(cfg, i, s->raw, s->sw, fields,
				     SMM_PT_MAX_FIELDS);
		if (n > SMM_PT_MAX_FIELDS)
			fz_fail("too many fields", va, n);
		while (n--)
			if (!fields[n].name ||
			    !memchr(fields[n].text, 0, sizeof(fields[n].text)))
				fz_fail("bad field", va, n);
		cfg->fmt->attrs_str(cfg, i, s->raw, s->sw, attrs,
				    sizeof(attrs));
		if (!memchr(attrs, 0, sizeof(attrs)))
			fz_fail("attributes not terminated", va, i);
	}
	if (w.mapped) {
		if (tret || pa != w.pa)
			fz_fail("translate differs from walk", va, pa);
		if (w.step[w.nr_steps - 1].e.kind == SMM_PT_INVALID ||
		    w.step[w.nr_steps - 1].e.kind == SMM_PT_TABLE)
			fz_fail("mapped by a non-leaf", va, w.nr_steps);
	} else {
		if (tret != -EFAULT)
			fz_fail("translate maps what walk does not", va, tret);
		if (w.fault_level != w.nr_steps - 1)
			fz_fail("fault level", va, w.fault_level);
	}
}

/* Each run agrees with walks of its ends. */
/*
 * What a dump counts as a leaf at @va: a mapped walk, or an arm old page
 * (hardware PTE empty, Linux PTE present), which a dump shows as ptdump
 * does. Fills the leaf's pa and permissions; false when there is none.
 */
static bool fz_leaf(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		    u64 root, u64 va, struct smm_walk *w, u64 *pa, u32 *perm)
{
	const struct smm_pt_entry *e;
	unsigned int i;

	if (smm_pt_walk(cfg, mem, root, va, w))
		return false;
	if (w->mapped) {
		*pa = w->pa;
		*perm = w->perm;
		return true;
	}
	if (!w->nr_steps)
		return false;
	e = &w->step[w->nr_steps - 1].e;
	if (!(e->attr & SMM_PT_ATTR_SW_PRESENT))
		return false;
	*pa = e->addr + (va & (e->size - 1));
	*perm = SMM_PT_PERM_ALL;
	for (i = 0; i < w->nr_steps; i++)
		*perm &= w->step[i].e.perm;
	return true;
}

static void fz_check_run(const struct smm_pt_cfg *cfg,
			 const struct smm_pt_mem *mem, u64 root,
			 const struct smm_pt_run *run, u64 start, u64 end)
{
	u64 last = run->va_end - 1, pa;
	struct smm_walk w;
	u32 perm;

	if (run->va < start || last < run->va || last > end - 1 || !run->nr)
		fz_fail("run outside the range", run->va, run->va_end);
	if (!fz_leaf(cfg, mem, root, run->va, &w, &pa, &perm) ||
	    pa != run->pa || perm != run->perm ||
	    w.nr_steps - 1 != run->level)
		fz_fail("run start differs from its walk", run->va, pa);
	if (!fz_leaf(cfg, mem, root, last, &w, &pa, &perm) ||
	    perm != run->perm || w.nr_steps - 1 != run->level)
		fz_fail("run end differs from its walk", last, pa);
	if (run->pa_contig && pa != run->pa + (last - run->va))
		fz_fail("contiguous run is not", run->va, pa);
}

static void fz_dump(const struct smm_pt_cfg *cfg, const struct smm_pt_mem *mem,
		    u64 root, u64 start, u64 pages, unsigned int refuse_at)
{
	static struct fz_runs runs;
	u64 end = start + pages * SMM_PT_PAGE_SIZE, next = 0;
	unsigned int i;
	int ret;

	runs.nr = 0;
	runs.refuse_at = refuse_at;
	ret = smm_pt_dump(cfg, mem, root, start, end, fz_collect, &runs,
			  &next);
	if (ret == -ERANGE) {
		if (smm_pt_va_valid(cfg, start))
			fz_fail("dump refused a valid start", start, end);
		return;
	}
	if (ret && ret != -EMSGSIZE && ret != -EIO)
		fz_fail("dump returned", start, ret);
	if (!ret && next != end)
		fz_fail("dump ended elsewhere", next, end);
	if (ret == -EMSGSIZE &&
	    (runs.nr + 1 != refuse_at && runs.nr != FZ_MAX_RUNS))
		fz_fail("dump stopped without a refusal", start, runs.nr);
	for (i = 0; i < runs.nr; i++) {
		fz_check_run(cfg, mem, root, &runs.run[i], start, end);
		if (i && runs.run[i - 1].va_end > runs.run[i].va)
			fz_fail("runs out of order", runs.run[i].va, i);
	}
	if (ret && runs.nr && next < runs.run[runs.nr - 1].va_end)
		fz_fail("resumes inside an emitted run", next, runs.nr);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_input in = { .data = data, .size = size };
	static struct fz_mem m;
	struct smm_pt_mem mem = { .map = fz_map, .unmap = fz_unmap, .arg = &m };
	const struct smm_pt_format *fmt;
	unsigned int c, i, nr_va, refuse_at;
	u64 root, va[4], start, pages, off, v;
	struct smm_pt_cfg cfg;

	if (!m.page[0])
		fz_mem_init(&m);
	for (i = 0; i < FZ_PAGES; i++)
		memset(m.page[i], 0, SMM_PT_PAGE_SIZE);
	c = fz_bytes(&in, 1) % ARRAY_SIZE(fz_configs);
	fmt = smm_pt_format_by_name(fz_configs[c].fmt);
	if (!fmt || smm_pt_cfg_init(&cfg, fmt, fz_configs[c].levels, 0))
		fz_fail("no configuration", c, 0);
	root = fz_bytes(&in, 2) & (FZ_BYTES - 1);
	nr_va = 1 + fz_bytes(&in, 1) % 4;
	for (i = 0; i < nr_va; i++)
		va[i] = fz_bytes(&in, 8);
	start = fz_bytes(&in, 8);
	pages = 1 + fz_bytes(&in, 2) % FZ_MAX_DUMP;
	refuse_at = fz_bytes(&in, 1);
	while (in.pos < in.size) {
		off = (fz_bytes(&in, 2) * 4) % FZ_BYTES;
		v = fz_bytes(&in, 8);
		/* the last word of a page takes the low half */
		memcpy(m.page[off >> SMM_PT_PAGE_SHIFT] +
		       (off & (SMM_PT_PAGE_SIZE - 1)), &v,
		       (off & (SMM_PT_PAGE_SIZE - 1)) > SMM_PT_PAGE_SIZE - 8 ?
		       4 : 8);
	}

	for (i = 0; i < nr_va; i++) {
		fz_walk(&cfg, &mem, root, va[i]);
		/* its neighbours share the upper tables */
		fz_walk(&cfg, &mem, root, va[i] + SMM_PT_PAGE_SIZE);
		/* a page-aligned root: smm_pt_translate()'s inline decoding */
		fz_walk(&cfg, &mem, root & ~(u64)(SMM_PT_PAGE_SIZE - 1),
			va[i]);
	}
	fz_dump(&cfg, &mem, root, start, pages, refuse_at);
	fz_dump(&cfg, &mem, root, va[0] & ~(u64)(SMM_PT_PAGE_SIZE - 1),
		pages, 0);
	if (m.maps)
		fz_fail("maps not undone", m.maps, 0);
	return 0;
}

#ifndef SMM_FUZZ_LIBFUZZER
/* Replay: run each file named on the command line once. */
int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		static u8 buf[1 << 16];
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	return 0;
}
#endif
