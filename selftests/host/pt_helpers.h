/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fake physical memory for the host tests of the walker and the shadow
 * address spaces (module/core/walk.h, as.h): a pool of 4 KiB pages at
 * fake physical addresses, each page between two inaccessible guard
 * pages so that any access past a page faults (or all of them between
 * two, as one linear range like the kernel's lowmem), with a page allocator
 * behind struct smm_as_ops and struct smm_pt_mem. It counts what is in
 * use (tables and data apart), can fail its Nth allocation from now,
 * checks every free against what was allocated, poisons freed pages
 * (a walk through a freed table then reads garbage) and counts maps
 * not undone.
 */

#ifndef _SMM_PT_HELPERS_H
#define _SMM_PT_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "as.h"

#define T_POOL_BASE	0x80000000ULL	/* below 4 GiB: arm reaches it */
#define T_POOL_POISON	0x5a

enum t_page_state {
	T_PAGE_FREE,
	T_PAGE_HEAD,	/* first page of an allocation */
	T_PAGE_TAIL,
};

/**
 * struct t_pool - fake physical memory
 * @nr: pages
 * @base: physical address of the first
 * @area: the memory of the pages and of the guard pages between them
 * @page: each page's memory
 * @state: enum t_page_state of each page
 * @order: of an allocation, at its head
 * @table: an allocation is for a page table, at its head
 * @max_order: largest allocation; above it, alloc fails
 * @scatter: order-0 allocations start at a random page
 * @rng: xorshift state for @scatter
 * @fail_nth: make the Nth allocation from now fail (once); 0: never
 * @nr_allocs: allocations asked for
 * @nr_failed: allocations refused (injected or out of pages)
 * @table_pages: pages allocated for tables
 * @data_pages: pages allocated for data
 * @bad_frees: frees that did not match an allocation
 * @maps: maps not undone yet
 * @bad_maps: maps of addresses outside the pool or not page aligned
 * @linear: the pages are contiguous, the memory's linear range
 * @ops: the struct smm_as_ops over this pool (its mem too)
 */
struct t_pool {
	unsigned int nr;
	u64 base;
	u8 *area;
	u8 **page;
	u8 *state;
	u8 *order;
	u8 *table;
	unsigned int max_order;
	bool scatter;
	unsigned int rng;
	unsigned long fail_nth;
	unsigned long nr_allocs;
	unsigned long nr_failed;
	unsigned long table_pages;
	unsigned long data_pages;
	unsigned long bad_frees;
	long maps;
	unsigned long bad_maps;
	bool linear;
	struct smm_as_ops ops;
};

/* xorshift32: the random tests' generator, replayable from a seed. */
static inline unsigned int t_rand(unsigned int *state)
{
	unsigned int x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static inline u64 t_rand64(unsigned int *state)
{
	u64 hi = t_rand(state);

	return hi << 32 | t_rand(state);
}

static inline unsigned int t_env(const char *name, unsigned int dflt)
{
	const char *v = getenv(name);

	return v && *v ? (unsigned int)strtoul(v, NULL, 0) : dflt;
}

static inline void *t_pool_map(void *arg, u64 pa)
{
	struct t_pool *p = arg;

	if (pa < p->base || (pa & (SMM_PT_PAGE_SIZE - 1)) ||
	    (pa - p->base) >> SMM_PT_PAGE_SHIFT >= p->nr) {
		p->bad_maps++;
		return NULL;
	}
	p->maps++;
	return p->page[(pa - p->base) >> SMM_PT_PAGE_SHIFT];
}

static inline void t_pool_unmap(void *arg, void *page)
{
	struct t_pool *p = arg;

	p->maps--;
}

static inline bool t_pool_range_free(struct t_pool *p, unsigned int i,
				     unsigned int n)
{
	unsigned int j;

	for (j = 0; j < n; j++)
		if (p->state[i + j] != T_PAGE_FREE)
			return false;
	return true;
}

static inline int t_pool_alloc(void *arg, unsigned int order, bool table,
			       u64 *pa)
{
	struct t_pool *p = arg;
	unsigned int n = 1U << order, i, j, k, start = 0;

	p->nr_allocs++;
	if (p->fail_nth && --p->fail_nth == 0)
		goto fail;
	if (order > p->max_order || n > p->nr)
		goto fail;
	if (!order && p->scatter)
		start = t_rand(&p->rng) % p->nr;
	for (j = 0; j < p->nr; j += n) {
		i = (start + j) % p->nr & ~(n - 1);
		if (i + n > p->nr || !t_pool_range_free(p, i, n))
			continue;
		p->state[i] = T_PAGE_HEAD;
		for (k = 1; k < n; k++)
			p->state[i + k] = T_PAGE_TAIL;
		p->order[i] = order;
		p->table[i] = table;
		for (k = 0; k < n; k++)
			memset(p->page[i + k], 0, SMM_PT_PAGE_SIZE);
		if (table)
			p->table_pages += n;
		else
			p->data_pages += n;
		*pa = p->base + ((u64)i << SMM_PT_PAGE_SHIFT);
		return 0;
	}
fail:
	p->nr_failed++;
	return -ENOMEM;
}

static inline void t_pool_free(void *arg, u64 pa, unsigned int order,
			       bool table)
{
	struct t_pool *p = arg;
	u64 i = (pa - p->base) >> SMM_PT_PAGE_SHIFT;
	unsigned int n = 1U << order, j;

	if (pa < p->base || (pa & (SMM_PT_PAGE_SIZE - 1)) || i >= p->nr ||
	    p->state[i] != T_PAGE_HEAD || p->order[i] != order ||
	    p->table[i] != table) {
		fprintf(stderr, "# bad free: pa 0x%llx order %u table %d\n",
			(unsigned long long)pa, order, table);
		p->bad_frees++;
		return;
	}
	for (j = 0; j < n; j++) {
		p->state[i + j] = T_PAGE_FREE;
		memset(p->page[i + j], T_POOL_POISON, SMM_PT_PAGE_SIZE);
	}
	if (table)
		p->table_pages -= n;
	else
		p->data_pages -= n;
}

/*
 * A pool of @nr pages at @base, allocations up to @max_order. Each page
 * between two guard pages; with @linear, the pages follow each other
 * between two guard pages, and the pool's memory has them as its linear
 * range (struct smm_pt_mem), as the kernel's lowmem.
 */
static inline struct t_pool *t_pool_new_mode(unsigned int nr, u64 base,
					     unsigned int max_order,
					     bool linear)
{
	struct t_pool *p = calloc(1, sizeof(*p));
	size_t area_pages = linear ? nr + 2 : 2 * (size_t)nr + 1;
	unsigned int i;

	if (!p)
		abort();
	p->nr = nr;
	p->base = base;
	p->max_order = max_order;
	p->rng = 0x2545f491;
	p->linear = linear;
	p->page = calloc(nr, sizeof(*p->page));
	p->state = calloc(nr, 1);
	p->order = calloc(nr, 1);
	p->table = calloc(nr, 1);
	if (!p->page || !p->state || !p->order || !p->table)
		abort();
	/* page i at area + (2i + 1) pages, or (i + 1) if linear */
	p->area = mmap(NULL, area_pages * SMM_PT_PAGE_SIZE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p->area == MAP_FAILED)
		abort();
	for (i = 0; i < nr; i++) {
		p->page[i] = p->area + ((linear ? 1 : 2) * (size_t)i + 1) *
				       SMM_PT_PAGE_SIZE;
		if (mprotect(p->page[i], SMM_PT_PAGE_SIZE,
			     PROT_READ | PROT_WRITE))
			abort();
		memset(p->page[i], T_POOL_POISON, SMM_PT_PAGE_SIZE);
	}
	p->ops.mem.map = t_pool_map;
	p->ops.mem.unmap = t_pool_unmap;
	p->ops.mem.arg = p;
	if (linear) {
		p->ops.mem.linear_base = p->page[0];
		p->ops.mem.linear_start = base;
		p->ops.mem.linear_size = (u64)nr * SMM_PT_PAGE_SIZE;
	}
	p->ops.alloc = t_pool_alloc;
	p->ops.free = t_pool_free;
	p->ops.arg = p;
	return p;
}

static inline struct t_pool *t_pool_new(unsigned int nr, u64 base,
					unsigned int max_order)
{
	return t_pool_new_mode(nr, base, max_order, false);
}

static inline void t_pool_delete(struct t_pool *p)
{
	if (!p)
		return;
	munmap(p->area, (p->linear ? p->nr + 2 : 2 * (size_t)p->nr + 1) *
			SMM_PT_PAGE_SIZE);
	free(p->page);
	free(p->state);
	free(p->order);
	free(p->table);
	free(p);
}

/* Pages in use. */
static inline unsigned long t_pool_used(const struct t_pool *p)
{
	return p->table_pages + p->data_pages;
}

/* The page at @pa is the head of a data allocation, or inside one. */
static inline bool t_pool_is_data(const struct t_pool *p, u64 pa)
{
	u64 i = (pa - p->base) >> SMM_PT_PAGE_SHIFT;

	if (pa < p->base || i >= p->nr)
		return false;
	while (i && p->state[i] == T_PAGE_TAIL)
		i--;
	return p->state[i] == T_PAGE_HEAD && !p->table[i];
}

/* Every (format, depth) shadowmm knows, as the tests name them. */
struct t_pt_config {
	const char *fmt;
	unsigned int levels;
};

static const struct t_pt_config t_pt_configs[] = {
	{ "arm", 2 }, { "arm-lpae", 3 }, { "arm64", 3 }, { "arm64", 4 },
	{ "x86_64", 4 }, { "x86_64", 5 },
};

/* Set @cfg up for format @name at @levels; aborts on a bad pair. */
static inline void t_cfg(struct smm_pt_cfg *cfg, const char *name,
			 unsigned int levels)
{
	const struct smm_pt_format *fmt = smm_pt_format_by_name(name);

	if (!fmt || smm_pt_cfg_init(cfg, fmt, levels, 0)) {
		fprintf(stderr, "# no format %s/%u\n", name, levels);
		abort();
	}
}

/*
 * Bits of the lower half of the address space, where maps go (x86_64
 * also has an upper half, the kernel's).
 */
static inline unsigned int t_half_bits(const struct smm_pt_cfg *cfg)
{
	return cfg->fmt->id == SHADOW_MM_PT_FORMAT_X86_64 ?
	       cfg->va_bits - 1 : cfg->va_bits;
}

#endif /* _SMM_PT_HELPERS_H */
