// SPDX-License-Identifier: GPL-2.0
/*
 * A libFuzzer target for the shadow memory manager: the input picks a
 * configuration and a layout of carved blocks, then reads as a sequence
 * of operations (allocate, free, free a wrong pfn, isolate, unisolate,
 * drain, register an owner). The invariant checker runs after every
 * operation; any violation, unexpected return value or sanitizer report
 * is a crash.
 *
 * Built with clang -fsanitize=fuzzer (SMM_FUZZ_LIBFUZZER defined), it is
 * a fuzzer; built with gcc, main() replays the files named on the
 * command line, for the committed corpus.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm.h"

#define FZ_MAX_LIVE	4096
#define FZ_MAX_BLOCKS	48
#define FZ_MAX_ISO	16
#define FZ_BASE		0x40000ULL

struct fz_input {
	const u8 *data;
	size_t size;
	size_t pos;
};

struct fz_live {
	u64 pfn;
	unsigned int order;
};

struct fz_state {
	struct smm_mm *mm;
	struct fz_live live[FZ_MAX_LIVE];
	unsigned int nr_live;
	u64 iso[FZ_MAX_ISO];
	unsigned int nr_iso;
};

static const struct {
	unsigned int max_order;
	unsigned int pb_order;
	u32 zone_mask;
} fz_configs[] = {
	{ 10, 9, BIT(SMM_ZONE_DMA) | BIT(SMM_ZONE_DMA32) |
		 BIT(SMM_ZONE_NORMAL) | BIT(SMM_ZONE_MOVABLE) },
	{ 11, 11, BIT(SMM_ZONE_NORMAL) | BIT(SMM_ZONE_HIGHMEM) |
		  BIT(SMM_ZONE_MOVABLE) },
	{ 4, 2, BIT(SMM_ZONE_DMA32) | BIT(SMM_ZONE_NORMAL) },
	{ 6, 3, BIT(SMM_ZONE_DMA) | BIT(SMM_ZONE_NORMAL) |
		BIT(SMM_ZONE_HIGHMEM) },
};

static unsigned int fz_byte(struct fz_input *in)
{
	return in->pos < in->size ? in->data[in->pos++] : 0;
}

static unsigned int fz_u16(struct fz_input *in)
{
	unsigned int lo = fz_byte(in);

	return lo | fz_byte(in) << 8;
}

static void fz_fail(struct fz_state *st, const char *what, long a, long b)
{
	struct smm_check_report rep;
	unsigned int i;

	fprintf(stderr, "buddy_fuzz: %s (%ld, %ld)\n", what, a, b);
	if (st->mm && smm_mm_check(st->mm, &rep))
		for (i = 0; i < rep.nr_msgs; i++)
			fprintf(stderr, "  %s\n", rep.msg[i]);
	abort();
}

static void fz_check(struct fz_state *st, unsigned int op)
{
	if (smm_mm_check(st->mm, NULL))
		fz_fail(st, "invariant violated after op", op, 0);
}

static int fz_find_live(struct fz_state *st, u64 pfn)
{
	unsigned int i;

	for (i = 0; i < st->nr_live; i++)
		if (st->live[i].pfn == pfn)
			return (int)i;
	return -1;
}

static void fz_forget(struct fz_state *st, unsigned int i)
{
	st->live[i] = st->live[--st->nr_live];
}

static void fz_alloc(struct fz_state *st, struct fz_input *in)
{
	struct smm_mm *mm = st->mm;
	struct smm_alloc_req req;
	unsigned int b = fz_byte(in);
	struct smm_page *page;
	u64 pfn;
	int ret;

	req.order = b % (mm->p.max_order + 2);	/* one past: refused */
	req.gfp = fz_u16(in) & (SMM_GFP_ALL | BIT(12));
	req.nid = (int)(fz_byte(in) % (mm->nr_nodes + 2)) - 1;
	b = fz_byte(in);
	req.migratetype = b & 0x80 ? (int)(b % 6) - 1 : SMM_MIGRATE_FROM_GFP;
	req.owner = b & 3;
	req.cpu = fz_byte(in) % (mm->p.nr_cpus + 1);
	ret = smm_alloc(mm, &req, &pfn);
	if (ret == -ENOMEM || ret == -EINVAL)
		return;
	if (ret)
		fz_fail(st, "alloc returned", ret, req.order);
	if (pfn & ((1ULL << req.order) - 1))
		fz_fail(st, "misaligned block", (long)pfn, req.order);
	page = smm_pfn_to_page(mm, pfn);
	if (!page || page->refcount != 1 || page->order != req.order)
		fz_fail(st, "allocated page not marked", (long)pfn, req.order);
	if (fz_find_live(st, pfn) >= 0)
		fz_fail(st, "block handed out twice", (long)pfn, req.order);
	if (st->nr_live == FZ_MAX_LIVE) {
		if (smm_free(mm, pfn, 0))
			fz_fail(st, "free of a new block", (long)pfn, 0);
		return;
	}
	st->live[st->nr_live].pfn = pfn;
	st->live[st->nr_live].order = req.order;
	st->nr_live++;
}

static void fz_free_any(struct fz_state *st, struct fz_input *in)
{
	struct smm_mm *mm = st->mm;
	u64 span = mm->end_pfn - mm->base_pfn;
	u64 pfn = mm->base_pfn - 8 + fz_u16(in) % (span + 16);
	unsigned int cpu = fz_byte(in) % (mm->p.nr_cpus + 1);
	int i = fz_find_live(st, pfn), ret;

	ret = smm_free(mm, pfn, cpu);
	if (i >= 0 && cpu < mm->p.nr_cpus) {
		if (ret)
			fz_fail(st, "free of a live block", (long)pfn, ret);
		fz_forget(st, (unsigned int)i);
	} else if (ret != -EINVAL) {
		fz_fail(st, "bad free not refused", (long)pfn, ret);
	}
}

static void fz_run_ops(struct fz_state *st, struct fz_input *in)
{
	struct smm_mm *mm = st->mm;
	unsigned int op, i;
	char name[8];

	while (in->pos < in->size) {
		op = fz_byte(in) % 12;
		switch (op) {
		case 0 ... 3:
			fz_alloc(st, in);
			break;
		case 4 ... 6:
			if (!st->nr_live)
				break;
			i = fz_u16(in) % st->nr_live;
			if (smm_free(mm, st->live[i].pfn,
				     fz_byte(in) % mm->p.nr_cpus))
				fz_fail(st, "free of a live block",
					(long)st->live[i].pfn, 0);
			fz_forget(st, i);
			break;
		case 7:
			fz_free_any(st, in);
			break;
		case 8:
			if (st->nr_iso < FZ_MAX_ISO) {
				u64 pfn = mm->base_pfn + fz_u16(in) %
					  (mm->end_pfn - mm->base_pfn);

				if (!smm_pageblock_isolate(mm, pfn))
					st->iso[st->nr_iso++] = pfn;
			}
			break;
		case 9:
			if (st->nr_iso) {
				i = fz_byte(in) % st->nr_iso;
				if (smm_pageblock_unisolate(mm, st->iso[i],
							    fz_byte(in) % 3))
					fz_fail(st, "unisolate refused", 0, 0);
				st->iso[i] = st->iso[--st->nr_iso];
			}
			break;
		case 10:
			i = fz_byte(in);
			if (i & 1)
				smm_drain_all(mm);
			else
				smm_drain_cpu(mm, (i >> 1) % (mm->p.nr_cpus + 1));
			break;
		case 11:
			snprintf(name, sizeof(name), "o%u", fz_byte(in) % 8);
			if (smm_owner_register(mm, name) <= 0)
				fz_fail(st, "owner refused", 0, 0);
			break;
		}
		fz_check(st, op);
	}
}

/* Build the manager from the input's head; false when it refused it. */
static bool fz_create(struct fz_state *st, struct fz_input *in)
{
	unsigned int cfg = fz_byte(in), nr, i, sec;
	struct smm_block blocks[FZ_MAX_BLOCKS];
	struct smm_mm_params p;
	unsigned int fail = 0;
	int ret;

	memset(&p, 0, sizeof(p));
	p.max_order = fz_configs[cfg % ARRAY_SIZE(fz_configs)].max_order;
	p.pb_order = fz_configs[cfg % ARRAY_SIZE(fz_configs)].pb_order;
	p.zone_mask = fz_configs[cfg % ARRAY_SIZE(fz_configs)].zone_mask;
	p.page_shift = 12;
	p.nr_nodes = 1 + (cfg >> 2) % 3;
	p.nr_cpus = 1 + (cfg >> 4) % 4;
	if (cfg & 0x40)
		fail = 1 + fz_byte(in) % 24;
	sec = 1U << p.max_order;

	nr = 1 + fz_byte(in) % FZ_MAX_BLOCKS;
	for (i = 0; i < nr; i++) {
		unsigned int s = fz_byte(in) % 24, order, off, t, z;

		order = fz_byte(in) % (p.max_order + 1);
		off = (fz_u16(in) << order) & (sec - 1);
		z = fz_byte(in);
		blocks[i].pfn = FZ_BASE + (u64)s * sec + off;
		blocks[i].order = order;
		blocks[i].nid = z % p.nr_nodes;
		/* The z-th zone type this configuration has. */
		for (t = 0, z >>= 3; ; t = (t + 1) % SMM_NR_ZONE_TYPES)
			if ((p.zone_mask & BIT(t)) && !z--)
				break;
		blocks[i].zone = t;
	}

	smm_ctx_fail_nth = fail;
	ret = smm_mm_create(&p, blocks, nr, &st->mm);
	smm_ctx_fail_nth = 0;
	if (ret == -EINVAL || (fail && ret == -ENOMEM))
		return false;
	if (ret)
		fz_fail(st, "create returned", ret, fail);
	if (smm_mm_check(st->mm, NULL))
		fz_fail(st, "invariant violated after create", 0, 0);
	return true;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_input in = { .data = data, .size = size };
	static struct fz_state st;
	unsigned long free_pages = 0;
	unsigned int nid, t, o;

	memset(&st, 0, sizeof(st));
	if (!fz_create(&st, &in))
		return 0;
	fz_run_ops(&st, &in);

	/* Give everything back: every present page must be free again. */
	while (st.nr_live) {
		if (smm_free(st.mm, st.live[st.nr_live - 1].pfn, 0))
			fz_fail(&st, "final free", 0, 0);
		st.nr_live--;
	}
	while (st.nr_iso)
		if (smm_pageblock_unisolate(st.mm, st.iso[--st.nr_iso],
					    SMM_MIGRATE_MOVABLE))
			fz_fail(&st, "final unisolate", 0, 0);
	smm_drain_all(st.mm);
	fz_check(&st, 100);
	if (smm_mm_owner_usage(st.mm, NULL, NULL))
		fz_fail(&st, "pages still owned", 0, 0);
	for (nid = 0; nid < st.mm->nr_nodes; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++)
			for (o = 0; o <= st.mm->p.max_order; o++)
				free_pages += st.mm->nodes[nid].zones[t]
					.free_area[o].nr_free << o;
	if (free_pages != st.mm->present_pages)
		fz_fail(&st, "pages lost", (long)free_pages,
			(long)st.mm->present_pages);
	smm_mm_destroy(st.mm);
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
