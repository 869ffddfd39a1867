// SPDX-License-Identifier: GPL-2.0
/*
 * The bounce pool's slot allocator (module/core/bounce.c): ranges refused
 * unless slot aligned, a pool filled exactly, mappings never crossing a
 * segment, the search starting after the last mapping and wrapping,
 * fragmentation refusing what does not fit in one run, every byte of a
 * mapping (and none past it) traced back to its original, a wrong unmap
 * refused with the pool unchanged, an allocation failure, and a seeded
 * random workload against a plain first-fit model (seed printed;
 * SMM_SEED=N replays, SMM_STEPS=N changes its length).
 */

#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "bounce.h"

#define SLOT		((u64)SMM_BOUNCE_SLOT)
#define SEG		SMM_BOUNCE_SEG_SLOTS
#define T_BASE		0x40000000ULL
#define T_ORIG		0x7654321ULL	/* not slot aligned */

static unsigned int t_env(const char *name, unsigned int dflt)
{
	const char *v = getenv(name);

	return v && *v ? (unsigned int)strtoul(v, NULL, 0) : dflt;
}

static unsigned int t_slot(u64 bounce)
{
	return (bounce - T_BASE) / SLOT;
}

/* A copy of everything a refused call must leave as it was. */
struct t_snap {
	struct smm_bounce_pool pool;
	struct smm_bounce_slot *slots;
};

static void t_snap_take(const struct smm_bounce_pool *pool, struct t_snap *s)
{
	s->pool = *pool;
	s->slots = malloc(pool->nslots * sizeof(*s->slots));
	memcpy(s->slots, pool->slots, pool->nslots * sizeof(*s->slots));
}

static bool t_snap_same(const struct smm_bounce_pool *pool, struct t_snap *s)
{
	bool same = !memcmp(&s->pool, pool, sizeof(*pool)) &&
		    !memcmp(s->slots, pool->slots,
			    pool->nslots * sizeof(*s->slots));

	free(s->slots);
	return same;
}

/* The used count, the sizes and the segments agree with the slots. */
static bool t_consistent(const struct smm_bounce_pool *pool)
{
	unsigned int i, used = 0, left = 0;

	for (i = 0; i < pool->nslots; i++) {
		const struct smm_bounce_slot *s = &pool->slots[i];

		used += s->used;
		if (s->alloc_size) {
			unsigned int n = (s->alloc_size + SLOT - 1) / SLOT;

			if (left || !s->used || i / SEG != (i + n - 1) / SEG)
				return false;
			left = n;
		}
		if (s->used != !!left)
			return false;
		if (left)
			left--;
	}
	return !left && used == pool->used;
}

TEST(init_refuses_bad_ranges)
{
	struct smm_bounce_pool pool;

	memset(&pool, 0xff, sizeof(pool));
	EXPECT_EQ(-EINVAL, smm_bounce_init(&pool, T_BASE + 1, 4 * SLOT));
	EXPECT_EQ(0, pool.nslots);	/* left empty, destroy is safe */
	EXPECT_EQ(NULL, pool.slots);
	smm_bounce_destroy(&pool);
	EXPECT_EQ(-EINVAL, smm_bounce_init(&pool, T_BASE + SLOT / 2, SLOT));
	EXPECT_EQ(-EINVAL, smm_bounce_init(&pool, T_BASE, 0));
	EXPECT_EQ(-EINVAL, smm_bounce_init(&pool, T_BASE, SLOT + 1));
	EXPECT_EQ(-EINVAL, smm_bounce_init(&pool, T_BASE, SLOT - 1));
	EXPECT_EQ(-EINVAL, smm_bounce_init(&pool, -SLOT, 2 * SLOT));
	EXPECT_EQ(0, pool.nslots);

	/* one slot, and one ending at the top of the address space */
	ASSERT_EQ(0, smm_bounce_init(&pool, T_BASE, SLOT));
	EXPECT_EQ(1, pool.nslots);
	EXPECT_EQ(T_BASE, pool.base);
	EXPECT_EQ(0, pool.used);
	EXPECT_EQ(0, pool.index);
	smm_bounce_destroy(&pool);
	EXPECT_EQ(NULL, pool.slots);
	ASSERT_EQ(0, smm_bounce_init(&pool, -4 * SLOT, 4 * SLOT));
	EXPECT_TRUE(smm_bounce_contains(&pool, ~0ULL));
	EXPECT_FALSE(smm_bounce_contains(&pool, -4 * SLOT - 1));
	smm_bounce_destroy(&pool);
}

TEST(init_allocation_failure)
{
	struct smm_bounce_pool pool;
	unsigned long allocs = smm_ctx_nr_allocs;

	smm_ctx_fail_nth = 1;
	EXPECT_EQ(-ENOMEM, smm_bounce_init(&pool, T_BASE, 64 * SLOT));
	smm_ctx_fail_nth = 0;
	EXPECT_EQ(allocs + 1, smm_ctx_nr_allocs);
	EXPECT_EQ(0, pool.nslots);
	EXPECT_EQ(NULL, pool.slots);
	smm_bounce_destroy(&pool);
	/* the one allocation is the only one: maps allocate nothing */
	ASSERT_EQ(0, smm_bounce_init(&pool, T_BASE, 64 * SLOT));
	allocs = smm_ctx_nr_allocs;
	{
		u64 bounce, orig;

		ASSERT_EQ(0, smm_bounce_map(&pool, T_ORIG, 3 * SLOT, &bounce));
		ASSERT_EQ(0, smm_bounce_unmap(&pool, bounce, 3 * SLOT, &orig));
	}
	EXPECT_EQ(allocs, smm_ctx_nr_allocs);
	smm_bounce_destroy(&pool);
}

FIXTURE(pool)
{
	struct smm_bounce_pool pool;
};

/* @nslots: the pool's size, in slots */
FIXTURE_VARIANT(pool)
{
	unsigned int nslots;
};

FIXTURE_VARIANT_ADD(pool, one_segment) { .nslots = SEG };
FIXTURE_VARIANT_ADD(pool, two_segments) { .nslots = 2 * SEG };
FIXTURE_VARIANT_ADD(pool, partial_segment) { .nslots = 2 * SEG + 40 };

FIXTURE_SETUP(pool)
{
	ASSERT_EQ(0, smm_bounce_init(&self->pool, T_BASE,
				     variant->nslots * SLOT));
	ASSERT_EQ(variant->nslots, self->pool.nslots);
}

FIXTURE_TEARDOWN(pool)
{
	EXPECT_TRUE(t_consistent(&self->pool));
	smm_bounce_destroy(&self->pool);
}

TEST_F(pool, map_sizes_and_contains)
{
	struct smm_bounce_pool *pool = &self->pool;
	u64 bounce = 1, orig;

	EXPECT_EQ(-EINVAL, smm_bounce_map(pool, T_ORIG, 0, &bounce));
	EXPECT_EQ(-EINVAL, smm_bounce_map(pool, T_ORIG, SMM_BOUNCE_MAX_MAP + 1,
					  &bounce));
	EXPECT_EQ(1, bounce);
	EXPECT_EQ(0, pool->maps);
	EXPECT_EQ(0, pool->fails);

	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SMM_BOUNCE_MAX_MAP,
				    &bounce));
	EXPECT_EQ(T_BASE, bounce);
	EXPECT_EQ(SEG, pool->used);
	EXPECT_EQ(SMM_BOUNCE_MAX_MAP, pool->slots[0].alloc_size);
	EXPECT_EQ(0, pool->slots[1].alloc_size);
	EXPECT_EQ(T_ORIG + SLOT, pool->slots[1].orig);
	ASSERT_EQ(0, smm_bounce_unmap(pool, bounce, SMM_BOUNCE_MAX_MAP, &orig));
	EXPECT_EQ(T_ORIG, orig);
	EXPECT_EQ(0, pool->used);

	/* 1 byte takes a slot, a slot and a byte two */
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 1, &bounce));
	EXPECT_EQ(1, pool->used);
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SLOT + 1, &bounce));
	EXPECT_EQ(3, pool->used);
	EXPECT_EQ(3, pool->maps);

	EXPECT_TRUE(smm_bounce_contains(pool, T_BASE));
	EXPECT_TRUE(smm_bounce_contains(pool, T_BASE + pool->nslots * SLOT - 1));
	EXPECT_FALSE(smm_bounce_contains(pool, T_BASE + pool->nslots * SLOT));
	EXPECT_FALSE(smm_bounce_contains(pool, T_BASE - 1));
	EXPECT_FALSE(smm_bounce_contains(pool, 0));
}

TEST_F(pool, exact_fill_then_refused)
{
	struct smm_bounce_pool *pool = &self->pool;
	unsigned int n = pool->nslots, i;
	u64 bounce, orig;

	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG + i * 0x10000, 100,
					    &bounce));
		EXPECT_EQ(T_BASE + i * SLOT, bounce);
	}
	EXPECT_EQ(n, pool->used);
	EXPECT_EQ(0, pool->index);	/* wrapped past the end */
	EXPECT_EQ(-ENOMEM, smm_bounce_map(pool, T_ORIG, 1, &bounce));
	EXPECT_EQ(1, pool->fails);
	EXPECT_EQ(n, pool->maps);

	/* freed in any order, all come back */
	for (i = 0; i < n; i++) {
		unsigned int slot = i * 7 % n;

		if (n % 7 == 0)
			slot = i;
		ASSERT_EQ(0, smm_bounce_unmap(pool, T_BASE + slot * SLOT, 100,
					      &orig));
		EXPECT_EQ(T_ORIG + slot * 0x10000, orig);
	}
	EXPECT_EQ(0, pool->used);

	/* whole segments fill it too, all but a partial last one */
	for (i = 0; i < n / SEG; i++)
		ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SMM_BOUNCE_MAX_MAP,
					    &bounce));
	if (n % SEG)
		EXPECT_EQ(-ENOMEM, smm_bounce_map(pool, T_ORIG,
						  SMM_BOUNCE_MAX_MAP, &bounce));
	EXPECT_EQ(n / SEG * SEG, pool->used);
}

TEST_F(pool, never_crosses_a_segment)
{
	struct smm_bounce_pool *pool = &self->pool;
	u64 first, second, third, orig;

	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 100 * SLOT, &first));
	EXPECT_EQ(T_BASE, first);
	EXPECT_EQ(100, pool->index);
	/* 64 slots do not fit in 100..127: the next segment, or a wrap */
	if (pool->nslots < 2 * SEG) {
		EXPECT_EQ(-ENOMEM, smm_bounce_map(pool, T_ORIG, 64 * SLOT,
						  &second));
		EXPECT_EQ(1, pool->fails);
		/* 28 still do, right after the first */
		ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 28 * SLOT, &second));
		EXPECT_EQ(100, t_slot(second));
		return;
	}
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 64 * SLOT, &second));
	EXPECT_EQ(SEG, t_slot(second));
	/* a smaller one then fits after the second */
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 28 * SLOT, &third));
	EXPECT_EQ(SEG + 64, t_slot(third));
	/* a whole segment needs one whole segment free */
	EXPECT_EQ(-ENOMEM, smm_bounce_map(pool, T_ORIG, SMM_BOUNCE_MAX_MAP,
					  &third));
	ASSERT_EQ(0, smm_bounce_unmap(pool, first, 100 * SLOT, &orig));
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SMM_BOUNCE_MAX_MAP, &third));
	EXPECT_EQ(T_BASE, third);
}

TEST_F(pool, search_starts_after_the_last_and_wraps)
{
	struct smm_bounce_pool *pool = &self->pool;
	unsigned int n = pool->nslots, tail;
	u64 a, b, c, d, orig;

	/* fill all but a tail of 8 slots */
	tail = n - 8;
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 100 * SLOT, &a));
	for (b = 0; pool->used < tail; ) {
		unsigned int take = min(tail - pool->used, 100u);

		/* stay within segments: the next one's start when short */
		if (take > SEG - pool->index % SEG)
			take = SEG - pool->index % SEG;
		ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, take * SLOT, &b));
	}
	EXPECT_EQ(tail, pool->index);
	/* freed at the start: the search still starts at the index */
	ASSERT_EQ(0, smm_bounce_unmap(pool, a, 100 * SLOT, &orig));
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SLOT, &c));
	EXPECT_EQ(tail, t_slot(c));
	EXPECT_EQ(tail + 1, pool->index);
	/* 10 slots do not fit in the 7 left: wrap to slot 0 */
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 10 * SLOT, &d));
	EXPECT_EQ(T_BASE, d);
	EXPECT_EQ(10, pool->index);
	/* the tail's last slots are found again from the start's side */
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 90 * SLOT, &d));
	EXPECT_EQ(10, t_slot(d));
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 7 * SLOT, &d));
	EXPECT_EQ(tail + 1, t_slot(d));
	EXPECT_EQ(0, pool->index);
	EXPECT_EQ(n, pool->used);
}

TEST_F(pool, fragmentation_refuses_what_does_not_fit)
{
	struct smm_bounce_pool *pool = &self->pool;
	unsigned int n = pool->nslots, i;
	u64 bounce, orig;

	for (i = 0; i < n; i++)
		ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SLOT, &bounce));
	for (i = 0; i < n; i += 2)
		ASSERT_EQ(0, smm_bounce_unmap(pool, T_BASE + i * SLOT, SLOT,
					      &orig));
	EXPECT_EQ(n / 2, pool->used);
	/* half the pool is free, two slots in a row are not */
	EXPECT_EQ(-ENOMEM, smm_bounce_map(pool, T_ORIG, SLOT + 1, &bounce));
	EXPECT_EQ(1, pool->fails);
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, SLOT, &bounce));
	EXPECT_EQ(0, t_slot(bounce) % 2);
	/* one more free neighbour makes a run of three */
	ASSERT_EQ(0, smm_bounce_unmap(pool, T_BASE + 41 * SLOT, SLOT, &orig));
	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, 3 * SLOT, &bounce));
	EXPECT_EQ(40, t_slot(bounce));
}

TEST_F(pool, lookup_every_byte_class)
{
	struct smm_bounce_pool *pool = &self->pool;
	const u32 size = 3 * SLOT + 5;
	const u64 offs[] = { 0, 1, SLOT - 1, SLOT, SLOT + 1, 2 * SLOT + 7,
			     3 * SLOT, size - 1 };
	u64 a, b, orig;
	unsigned int i;

	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, size, &a));
	ASSERT_EQ(0, smm_bounce_map(pool, 0x9000000, SLOT, &b));
	EXPECT_EQ(a + 4 * SLOT, b);
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		orig = 0;
		EXPECT_EQ(0, smm_bounce_lookup(pool, a + offs[i], &orig));
		EXPECT_EQ(T_ORIG + offs[i], orig) {
			TH_LOG("offset %llu", (unsigned long long)offs[i]);
		}
	}
	/* the tail of the last slot is not the mapping's */
	orig = 1;
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool, a + size, &orig));
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool, a + 4 * SLOT - 1, &orig));
	EXPECT_EQ(1, orig);
	/* the next mapping, a free slot, outside the pool */
	EXPECT_EQ(0, smm_bounce_lookup(pool, b + SLOT - 1, &orig));
	EXPECT_EQ(0x9000000 + SLOT - 1, orig);
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool, b + SLOT, &orig));
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool, T_BASE - 1, &orig));
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool,
					     T_BASE + pool->nslots * SLOT,
					     &orig));
	/* gone with its unmap */
	ASSERT_EQ(0, smm_bounce_unmap(pool, a, size, &orig));
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool, a, &orig));
	EXPECT_EQ(-ENOENT, smm_bounce_lookup(pool, a + SLOT, &orig));
}

TEST_F(pool, wrong_unmap_refused_pool_unchanged)
{
	struct smm_bounce_pool *pool = &self->pool;
	const u32 size = 2 * SLOT + 100;
	struct {
		u64 bounce;
		u32 size;
	} wrong[] = {
		{ T_BASE, size + 1 },
		{ T_BASE, size - 1 },
		{ T_BASE, 3 * SLOT },
		{ T_BASE, 0 },
		{ T_BASE + SLOT, size },	/* not its first slot */
		{ T_BASE + SLOT, 0 },
		{ T_BASE + 1, size },		/* not a slot's start */
		{ T_BASE + 3 * SLOT, SLOT },	/* the other one, a wrong size */
		{ T_BASE + 4 * SLOT, SLOT },	/* a free slot */
		{ T_BASE - SLOT, size },	/* outside */
		{ T_BASE + pool->nslots * SLOT, size },
	};
	struct t_snap snap;
	unsigned int i;
	u64 a, b, orig;

	ASSERT_EQ(0, smm_bounce_map(pool, T_ORIG, size, &a));
	ASSERT_EQ(0, smm_bounce_map(pool, 0x9000000, 100, &b));
	for (i = 0; i < ARRAY_SIZE(wrong); i++) {
		orig = 1;
		t_snap_take(pool, &snap);
		EXPECT_EQ(-EINVAL, smm_bounce_unmap(pool, wrong[i].bounce,
						    wrong[i].size, &orig)) {
			TH_LOG("case %u", i);
		}
		EXPECT_TRUE(t_snap_same(pool, &snap));
		EXPECT_EQ(1, orig);
	}
	ASSERT_EQ(0, smm_bounce_unmap(pool, a, size, &orig));
	EXPECT_EQ(T_ORIG, orig);
	t_snap_take(pool, &snap);
	EXPECT_EQ(-EINVAL, smm_bounce_unmap(pool, a, size, &orig));
	EXPECT_TRUE(t_snap_same(pool, &snap));
	ASSERT_EQ(0, smm_bounce_unmap(pool, b, 100, &orig));
	EXPECT_EQ(0x9000000, orig);
	EXPECT_EQ(0, pool->used);
}

/*
 * The model: which mapping owns each slot, and a first fit that tries
 * every start from the index on, wrapping, the plainest way.
 */
struct m_mapping {
	u64 orig;
	u32 size;
	unsigned int first;
};

static int m_find(const int *owner, unsigned int nslots, unsigned int index,
		  unsigned int n)
{
	unsigned int k, j;

	for (k = 0; k < nslots; k++) {
		unsigned int start = (index + k) % nslots;
		bool ok = start + n <= nslots &&
			  start / SEG == (start + n - 1) / SEG;

		for (j = 0; ok && j < n; j++)
			ok = owner[start + j] < 0;
		if (ok)
			return start;
	}
	return -1;
}

static unsigned int t_rand(unsigned int *rs)
{
	*rs ^= *rs << 13;
	*rs ^= *rs >> 17;
	*rs ^= *rs << 5;
	return *rs;
}

TEST_F(pool, random_against_a_model)
{
	struct smm_bounce_pool *pool = &self->pool;
	unsigned int nslots = pool->nslots, index = 0, used = 0;
	unsigned int seed = t_env("SMM_SEED", 0);
	unsigned int steps = t_env("SMM_STEPS", 20000);
	unsigned int rs, step, i, nr = 0, fails = 0, unmaps = 0;
	struct m_mapping *live;
	int *owner;

	if (!seed)
		seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	TH_LOG("seed %u (replay: SMM_SEED=%u)", seed, seed);
	rs = seed ? seed : 1;
	live = calloc(nslots, sizeof(*live));
	owner = malloc(nslots * sizeof(*owner));
	ASSERT_NE(NULL, live);
	ASSERT_NE(NULL, owner);
	for (i = 0; i < nslots; i++)
		owner[i] = -1;

	for (step = 0; step < steps; step++) {
		unsigned int op = t_rand(&rs) % 8;

		if (op < 4 || !nr) {
			/* small ones mostly, now and then up to a segment */
			u32 size = t_rand(&rs) % 4 ?
				   1 + t_rand(&rs) % (6 * SLOT) :
				   1 + t_rand(&rs) % SMM_BOUNCE_MAX_MAP;
			u64 orig = (u64)t_rand(&rs) << 12 | t_rand(&rs) % 4096;
			unsigned int n = (size + SLOT - 1) / SLOT;
			int want = m_find(owner, nslots, index, n);
			u64 bounce = 0;
			int ret = smm_bounce_map(pool, orig, size, &bounce);

			if (want < 0) {
				ASSERT_EQ(-ENOMEM, ret) {
					TH_LOG("step %u size %u", step, size);
				}
				fails++;
				continue;
			}
			ASSERT_EQ(0, ret) {
				TH_LOG("step %u size %u", step, size);
			}
			ASSERT_EQ(T_BASE + want * SLOT, bounce) {
				TH_LOG("step %u size %u index %u", step, size,
				       index);
			}
			for (i = 0; i < n; i++)
				owner[want + i] = nr;
			live[nr++] = (struct m_mapping){
				.orig = orig, .size = size, .first = want };
			used += n;
			index = (want + n) % nslots;
		} else if (op < 7) {
			unsigned int k = t_rand(&rs) % nr;
			struct m_mapping m = live[k];
			unsigned int n = (m.size + SLOT - 1) / SLOT;
			u64 orig = 0;

			/* now and then a wrong size first: refused */
			if (t_rand(&rs) % 4 == 0)
				ASSERT_EQ(-EINVAL,
					  smm_bounce_unmap(pool,
							   T_BASE + m.first * SLOT,
							   m.size + 1 +
							   t_rand(&rs) % SLOT,
							   &orig));
			ASSERT_EQ(0, smm_bounce_unmap(pool,
						      T_BASE + m.first * SLOT,
						      m.size, &orig)) {
				TH_LOG("step %u", step);
			}
			ASSERT_EQ(m.orig, orig);
			for (i = 0; i < n; i++)
				owner[m.first + i] = -1;
			live[k] = live[--nr];
			/* the moved mapping's slots now name index k */
			if (k < nr)
				for (i = 0; i < (live[k].size + SLOT - 1) / SLOT;
				     i++)
					owner[live[k].first + i] = k;
			used -= n;
			unmaps++;
		} else {
			/* look up a random byte of the pool */
			unsigned int slot = t_rand(&rs) % nslots;
			u64 off = t_rand(&rs) % SLOT, orig = 0;
			u64 addr = T_BASE + slot * SLOT + off;
			int o = owner[slot];
			int ret = smm_bounce_lookup(pool, addr, &orig);

			if (o < 0 || addr - (T_BASE + live[o].first * SLOT) >=
				     live[o].size) {
				ASSERT_EQ(-ENOENT, ret);
			} else {
				ASSERT_EQ(0, ret);
				ASSERT_EQ(live[o].orig + addr -
					  (T_BASE + live[o].first * SLOT), orig);
			}
		}
		ASSERT_EQ(used, pool->used);
		ASSERT_EQ(index, pool->index);
		ASSERT_TRUE(t_consistent(pool)) {
			TH_LOG("step %u", step);
		}
	}
	EXPECT_EQ(fails, pool->fails);
	TH_LOG("%llu maps, %u unmaps, %u refused; %u live, %u slots used",
	       (unsigned long long)pool->maps, unmaps, fails, nr, used);
	EXPECT_NE(0, fails);
	free(live);
	free(owner);
}

TEST_HARNESS_MAIN
