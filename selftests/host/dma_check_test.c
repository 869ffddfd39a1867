// SPDX-License-Identifier: GPL-2.0
/*
 * The DMA-debug tracker (module/core/dma_check.c): every check class
 * provoked and told apart, a refused unmap or sync leaving the mapping
 * usable, double unmap told from an unknown address and forgotten when
 * the address is mapped again, sync bounds to the byte, devices sharing
 * addresses kept apart, findings logged once per (check, site), the
 * findings ring overflowing in order, a map failed at its allocation
 * leaving everything as it was, and a seeded random workload against a
 * plain reference model (seed printed; SMM_SEED=N replays, SMM_STEPS=N
 * changes its length).
 */

#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "dma_check.h"

#define T_PAGE		4096ULL
#define T_ADDR		0x12340000ULL

/* Two devices: only their addresses matter to the tracker. */
static const int t_dev_a, t_dev_b, t_dev_c;
#define DEV_A	((const void *)&t_dev_a)
#define DEV_B	((const void *)&t_dev_b)
#define DEV_C	((const void *)&t_dev_c)

#define BIDI	SMM_DMA_BIDIRECTIONAL
#define TO_DEV	SMM_DMA_TO_DEVICE
#define FROM_DEV SMM_DMA_FROM_DEVICE
#define COHERENT SMM_DMA_KIND_COHERENT
#define SINGLE	SMM_DMA_KIND_SINGLE
#define SG	SMM_DMA_KIND_SG

static unsigned int t_env(const char *name, unsigned int dflt)
{
	const char *v = getenv(name);

	return v && *v ? (unsigned int)strtoul(v, NULL, 0) : dflt;
}

static int t_map(struct smm_dma_tracker *t, const void *dev, u64 addr,
		 u64 size, u8 dir, u8 kind, bool checked)
{
	struct smm_dma_entry e = {
		.dev = dev, .addr = addr, .size = size, .dir = dir,
		.kind = kind, .checked = checked,
		.cookie = (void *)(unsigned long)(addr ^ size),
	};

	return smm_dma_track_map(t, &e);
}

static u64 t_total(const struct smm_dma_tracker *t)
{
	u64 sum = 0;
	unsigned int i;

	for (i = 0; i < SMM_DMA_NR_CHECKS; i++)
		sum += t->counts[i];
	return sum;
}

/* The entries are sorted by (dev, addr) and a device's never overlap. */
static bool t_sorted(const struct smm_dma_tracker *t)
{
	unsigned int i;

	for (i = 1; i < t->nr; i++) {
		const struct smm_dma_entry *a = &t->entries[i - 1];
		const struct smm_dma_entry *b = &t->entries[i];

		if ((unsigned long)a->dev > (unsigned long)b->dev)
			return false;
		if (a->dev == b->dev && a->addr + a->size - 1 >= b->addr)
			return false;
	}
	return true;
}

FIXTURE(track)
{
	struct smm_dma_tracker t;
};

FIXTURE_SETUP(track)
{
	smm_dma_track_init(&self->t);
}

FIXTURE_TEARDOWN(track)
{
	EXPECT_TRUE(t_sorted(&self->t));
	smm_dma_track_destroy(&self->t);
	EXPECT_EQ(NULL, self->t.entries);
	EXPECT_EQ(0, self->t.nr);
}

TEST(names_as_the_uapi_spells_them)
{
	static const char * const want[] = {
		[SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN] = "unmap-unknown",
		[SHADOW_MM_DMA_CHECK_UNMAP_SIZE] = "unmap-size",
		[SHADOW_MM_DMA_CHECK_UNMAP_DIR] = "unmap-dir",
		[SHADOW_MM_DMA_CHECK_UNMAP_KIND] = "unmap-kind",
		[SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP] = "double-unmap",
		[SHADOW_MM_DMA_CHECK_SYNC_UNKNOWN] = "sync-unknown",
		[SHADOW_MM_DMA_CHECK_SYNC_BEYOND] = "sync-beyond",
		[SHADOW_MM_DMA_CHECK_SYNC_DIR] = "sync-dir",
		[SHADOW_MM_DMA_CHECK_UNCHECKED] = "unchecked",
		[SHADOW_MM_DMA_CHECK_HELD_AT_UNBIND] = "held-at-unbind",
		[SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD] = "held-at-unload",
	};
	unsigned int i;

	/* the core's values are the uapi's */
	ASSERT_EQ(ARRAY_SIZE(want), SMM_DMA_NR_CHECKS);
	for (i = 1; i < ARRAY_SIZE(want); i++)
		EXPECT_STREQ(want[i], smm_dma_check_name(i));
	EXPECT_STREQ("?", smm_dma_check_name(SMM_DMA_NR_CHECKS));
	EXPECT_STREQ("?", smm_dma_check_name(-1));

	EXPECT_EQ(SHADOW_MM_DMA_DIR_BIDIRECTIONAL, SMM_DMA_BIDIRECTIONAL + 1);
	EXPECT_EQ(SHADOW_MM_DMA_DIR_FROM_DEVICE, SMM_DMA_FROM_DEVICE + 1);
	EXPECT_EQ(SHADOW_MM_DMA_KIND_SG, SMM_DMA_KIND_SG);
	EXPECT_STREQ("bidirectional", smm_dma_dir_name(BIDI));
	EXPECT_STREQ("to-device", smm_dma_dir_name(TO_DEV));
	EXPECT_STREQ("from-device", smm_dma_dir_name(FROM_DEV));
	EXPECT_STREQ("?", smm_dma_dir_name(3));
	EXPECT_STREQ("?", smm_dma_dir_name(255));
}

TEST_F(track, map_find_first_count)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_entry *e;

	EXPECT_EQ(NULL, smm_dma_track_first(t, DEV_A));
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_A, T_ADDR));
	EXPECT_EQ(0, smm_dma_track_count(t, NULL));

	/* mapped out of order: kept sorted */
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR + 8 * T_PAGE, T_PAGE, TO_DEV,
			   SINGLE, false));
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, 2 * T_PAGE, BIDI, COHERENT,
			   true));
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR + 2 * T_PAGE, 3, FROM_DEV, SG,
			   false));
	ASSERT_EQ(3, t->nr);
	EXPECT_TRUE(t_sorted(t));
	EXPECT_EQ(T_ADDR, t->entries[0].addr);
	EXPECT_EQ(T_ADDR + 2 * T_PAGE, t->entries[1].addr);

	/* the first byte, the last and one past */
	e = smm_dma_track_find(t, DEV_A, T_ADDR);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(2 * T_PAGE, e->size);
	EXPECT_EQ(COHERENT, e->kind);
	EXPECT_TRUE(e->checked);
	EXPECT_EQ((void *)(unsigned long)(T_ADDR ^ (2 * T_PAGE)), e->cookie);
	EXPECT_EQ(e, smm_dma_track_find(t, DEV_A, T_ADDR + 2 * T_PAGE - 1));
	e = smm_dma_track_find(t, DEV_A, T_ADDR + 2 * T_PAGE + 2);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(3, e->size);
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_A, T_ADDR + 2 * T_PAGE + 3));
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_A, T_ADDR - 1));
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_A, T_ADDR + 9 * T_PAGE));
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_B, T_ADDR));

	e = smm_dma_track_first(t, DEV_A);
	ASSERT_NE(NULL, e);
	EXPECT_EQ(T_ADDR, e->addr);
	EXPECT_EQ(NULL, smm_dma_track_first(t, DEV_B));
	EXPECT_EQ(3, smm_dma_track_count(t, DEV_A));
	EXPECT_EQ(0, smm_dma_track_count(t, DEV_B));
	EXPECT_EQ(3, smm_dma_track_count(t, NULL));

	/* address 0 and the top of the address space are addresses too */
	ASSERT_EQ(0, t_map(t, DEV_B, 0, T_PAGE, BIDI, SINGLE, true));
	ASSERT_EQ(0, t_map(t, DEV_B, -T_PAGE, T_PAGE, BIDI, SINGLE, true));
	EXPECT_EQ(0, smm_dma_track_first(t, DEV_B)->addr);
	EXPECT_EQ(-T_PAGE, smm_dma_track_find(t, DEV_B, ~0ULL)->addr);
	EXPECT_EQ(2, smm_dma_track_count(t, DEV_B));
	EXPECT_EQ(5, smm_dma_track_count(t, NULL));
	EXPECT_EQ(0, t_total(t));
}

TEST_F(track, map_refuses_empty_wrapping_and_overlapping)
{
	struct smm_dma_tracker *t = &self->t;
	static const struct { u64 addr, size; } overlaps[] = {
		{ T_ADDR, 4 * T_PAGE },			/* the same */
		{ T_ADDR, 1 },				/* its first byte */
		{ T_ADDR + 4 * T_PAGE - 1, 1 },		/* its last byte */
		{ T_ADDR - T_PAGE, T_PAGE + 1 },	/* from below */
		{ T_ADDR + T_PAGE, 8 * T_PAGE },	/* from inside */
		{ T_ADDR - T_PAGE, 8 * T_PAGE },	/* around it */
		{ T_ADDR + T_PAGE, T_PAGE },		/* within it */
	};
	unsigned int i;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, 4 * T_PAGE, TO_DEV, SINGLE,
			   false));
	EXPECT_EQ(-EINVAL, t_map(t, DEV_A, T_ADDR + 8 * T_PAGE, 0, TO_DEV,
				 SINGLE, false));
	EXPECT_EQ(-EINVAL, t_map(t, DEV_A, -T_PAGE, T_PAGE + 1, TO_DEV,
				 SINGLE, false));
	for (i = 0; i < ARRAY_SIZE(overlaps); i++) {
		EXPECT_EQ(-EEXIST, t_map(t, DEV_A, overlaps[i].addr,
					 overlaps[i].size, TO_DEV, SINGLE,
					 false)) {
			TH_LOG("overlap %u", i);
		}
	}
	EXPECT_EQ(1, t->nr);
	EXPECT_EQ(4 * T_PAGE, t->entries[0].size);

	/* touching it on either side is fine, and so is another device */
	EXPECT_EQ(0, t_map(t, DEV_A, T_ADDR - T_PAGE, T_PAGE, TO_DEV, SINGLE,
			   false));
	EXPECT_EQ(0, t_map(t, DEV_A, T_ADDR + 4 * T_PAGE, T_PAGE, TO_DEV,
			   SINGLE, false));
	for (i = 0; i < ARRAY_SIZE(overlaps); i++)
		EXPECT_EQ(0, smm_dma_track_map(t, &(struct smm_dma_entry){
			.dev = (const char *)DEV_C + i, .addr = overlaps[i].addr,
			.size = overlaps[i].size, .dir = BIDI, .kind = SG }));
	EXPECT_EQ(3 + ARRAY_SIZE(overlaps), t->nr);
	EXPECT_EQ(3, smm_dma_track_count(t, DEV_A));
	EXPECT_EQ(0, t_total(t));
	EXPECT_EQ(0, t->seq);
}

TEST_F(track, unmap_unknown_and_inside_a_mapping)
{
	struct smm_dma_tracker *t = &self->t;
	const struct smm_dma_finding *f;
	struct smm_dma_entry out;
	bool log = false;

	ASSERT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, T_PAGE, TO_DEV, SINGLE,
				      1, &out, &log));
	EXPECT_TRUE(log);
	EXPECT_EQ(NULL, out.dev);
	EXPECT_EQ(0, out.size);
	f = smm_dma_track_last(t);
	ASSERT_NE(NULL, f);
	EXPECT_EQ(1, f->seq);
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN, f->check);
	EXPECT_EQ(T_ADDR, f->addr);
	EXPECT_EQ(T_PAGE, f->size);
	EXPECT_EQ(TO_DEV, f->dir);
	EXPECT_EQ(1, f->site);
	EXPECT_FALSE(f->has_mapping);
	EXPECT_STREQ("unmap of 0x12340000 (4096 bytes): no mapping there",
		     f->msg);

	/* inside a mapping but not at its start: unknown, the mapping told */
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, 4 * T_PAGE, FROM_DEV, SINGLE,
			   true));
	ASSERT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + T_PAGE, T_PAGE,
				      FROM_DEV, SINGLE, 1, &out, &log));
	EXPECT_FALSE(log);	/* same check, same site */
	EXPECT_EQ(T_ADDR, out.addr);
	EXPECT_EQ(4 * T_PAGE, out.size);
	f = smm_dma_track_last(t);
	EXPECT_EQ(2, f->seq);
	EXPECT_TRUE(f->has_mapping);
	EXPECT_EQ(4 * T_PAGE, f->mapped_size);
	EXPECT_EQ(FROM_DEV, f->mapped_dir);
	EXPECT_NE(NULL, strstr(f->msg, "inside the mapping at 0x12340000"));
	EXPECT_EQ(2, t->counts[SMM_DMA_CHECK_UNMAP_UNKNOWN]);
	EXPECT_EQ(2, t_total(t));

	/* the mapping is still there and unmaps correctly */
	ASSERT_EQ(1, t->nr);
	EXPECT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, 4 * T_PAGE, FROM_DEV,
				      SINGLE, 1, &out, &log));
	EXPECT_FALSE(log);
	EXPECT_EQ(0, t->nr);
	EXPECT_EQ(2, t->seq);

	/* NULL out and log are allowed */
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_A, 5, 1, BIDI, SINGLE, 2, NULL,
				      NULL));
	EXPECT_EQ(3, t->seq);
}

/* Each refusal keeps the mapping; the right unmap afterwards succeeds. */
TEST_F(track, refused_unmaps_keep_the_mapping)
{
	struct smm_dma_tracker *t = &self->t;
	static const struct {
		u64 size;
		u8 dir, kind;
		enum smm_dma_check check;
		const char *msg;
	} wrong[] = {
		{ 2 * T_PAGE, TO_DEV, SINGLE, SMM_DMA_CHECK_UNMAP_SIZE,
		  "unmap size 8192 but 0x12340000 was mapped with 4096 bytes" },
		{ T_PAGE, FROM_DEV, SINGLE, SMM_DMA_CHECK_UNMAP_DIR,
		  "unmap from-device but 0x12340000 was mapped to-device" },
		{ T_PAGE, BIDI, SINGLE, SMM_DMA_CHECK_UNMAP_DIR, NULL },
		{ T_PAGE, TO_DEV, COHERENT, SMM_DMA_CHECK_UNMAP_KIND,
		  "unmap as coherent of a single mapping at 0x12340000" },
		{ T_PAGE, TO_DEV, SG, SMM_DMA_CHECK_UNMAP_KIND,
		  "unmap as sg of a single mapping at 0x12340000" },
		/* the kind is tested first, then the size, then the dir */
		{ 3, FROM_DEV, SG, SMM_DMA_CHECK_UNMAP_KIND, NULL },
		{ 3, FROM_DEV, SINGLE, SMM_DMA_CHECK_UNMAP_SIZE, NULL },
	};
	const struct smm_dma_finding *f;
	struct smm_dma_entry out;
	unsigned int i;
	bool log;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, T_PAGE, TO_DEV, SINGLE, true));
	for (i = 0; i < ARRAY_SIZE(wrong); i++) {
		memset(&out, 0, sizeof(out));
		EXPECT_EQ(wrong[i].check,
			  smm_dma_track_unmap(t, DEV_A, T_ADDR, wrong[i].size,
					      wrong[i].dir, wrong[i].kind,
					      100 + i, &out, &log)) {
			TH_LOG("case %u", i);
		}
		EXPECT_TRUE(log);	/* each at its own site */
		EXPECT_EQ(T_ADDR, out.addr);
		EXPECT_EQ(T_PAGE, out.size);
		EXPECT_EQ(TO_DEV, out.dir);
		ASSERT_EQ(1, t->nr);
		EXPECT_EQ(T_PAGE, t->entries[0].size);
		f = smm_dma_track_last(t);
		EXPECT_EQ(i + 1, f->seq);
		EXPECT_EQ(wrong[i].check, f->check);
		EXPECT_EQ(wrong[i].size, f->size);
		EXPECT_EQ(wrong[i].dir, f->dir);
		EXPECT_TRUE(f->has_mapping);
		EXPECT_EQ(T_PAGE, f->mapped_size);
		EXPECT_EQ(TO_DEV, f->mapped_dir);
		if (wrong[i].msg)
			EXPECT_STREQ(wrong[i].msg, f->msg);
	}
	EXPECT_EQ(3, t->counts[SMM_DMA_CHECK_UNMAP_KIND]);
	EXPECT_EQ(2, t->counts[SMM_DMA_CHECK_UNMAP_SIZE]);
	EXPECT_EQ(2, t->counts[SMM_DMA_CHECK_UNMAP_DIR]);
	EXPECT_EQ(ARRAY_SIZE(wrong), t_total(t));

	EXPECT_EQ(SMM_DMA_OK, smm_dma_track_unmap(t, DEV_A, T_ADDR, T_PAGE,
						  TO_DEV, SINGLE, 1, &out,
						  &log));
	EXPECT_FALSE(log);
	EXPECT_EQ(0, t->nr);
	EXPECT_EQ(ARRAY_SIZE(wrong), t->seq);
	EXPECT_EQ((void *)(unsigned long)(T_ADDR ^ T_PAGE), out.cookie);
}

TEST_F(track, coherent_free_ignores_the_direction)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_entry out;
	bool log;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, T_PAGE, BIDI, COHERENT, true));
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_KIND,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, T_PAGE, BIDI, SINGLE,
				      1, &out, &log));
	EXPECT_STREQ("unmap as single of a coherent mapping at 0x12340000",
		     smm_dma_track_last(t)->msg);
	EXPECT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, T_PAGE, FROM_DEV,
				      COHERENT, 1, &out, &log));
	EXPECT_FALSE(log);
	EXPECT_EQ(1, t->seq);
	EXPECT_EQ(COHERENT, out.kind);
}

TEST_F(track, unchecked_is_reported_and_still_unmapped)
{
	struct smm_dma_tracker *t = &self->t;
	const struct smm_dma_finding *f;
	struct smm_dma_entry out;
	bool log = false;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, T_PAGE, TO_DEV, SINGLE, false));
	EXPECT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, T_PAGE, TO_DEV, SINGLE,
				      7, &out, &log));
	EXPECT_TRUE(log);
	EXPECT_EQ(0, t->nr);
	EXPECT_EQ(T_ADDR, out.addr);
	EXPECT_FALSE(out.checked);
	EXPECT_EQ(1, t->counts[SMM_DMA_CHECK_UNCHECKED]);
	f = smm_dma_track_last(t);
	ASSERT_NE(NULL, f);
	EXPECT_EQ(SMM_DMA_CHECK_UNCHECKED, f->check);
	EXPECT_EQ(7, f->site);
	EXPECT_TRUE(f->has_mapping);
	EXPECT_STREQ("0x12340000 (4096 bytes) unmapped without its mapping error checked",
		     f->msg);

	/* checked marks only the mapping starting there */
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, 2 * T_PAGE, TO_DEV, SINGLE,
			   false));
	smm_dma_track_checked(t, DEV_A, T_ADDR + 1);
	smm_dma_track_checked(t, DEV_B, T_ADDR);
	EXPECT_FALSE(t->entries[0].checked);
	smm_dma_track_checked(t, DEV_A, T_ADDR);
	EXPECT_TRUE(t->entries[0].checked);
	EXPECT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, 2 * T_PAGE, TO_DEV,
				      SINGLE, 7, &out, &log));
	EXPECT_FALSE(log);
	EXPECT_TRUE(out.checked);
	EXPECT_EQ(1, t->seq);
}

TEST_F(track, double_unmap_versus_unknown)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_entry out;
	unsigned int i;
	bool log;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, 4 * T_PAGE, TO_DEV, SINGLE,
			   true));
	ASSERT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, 4 * T_PAGE, TO_DEV,
				      SINGLE, 1, &out, &log));
	EXPECT_EQ(SMM_DMA_CHECK_DOUBLE_UNMAP,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, 4 * T_PAGE, TO_DEV,
				      SINGLE, 1, &out, &log));
	EXPECT_TRUE(log);
	EXPECT_STREQ("0x12340000 unmapped twice", smm_dma_track_last(t)->msg);
	EXPECT_FALSE(smm_dma_track_last(t)->has_mapping);
	/* any size, any kind: still the same address twice */
	EXPECT_EQ(SMM_DMA_CHECK_DOUBLE_UNMAP,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, 1, BIDI, SG, 1, &out,
				      &log));
	EXPECT_FALSE(log);
	/* inside the old range, or by another device: never mapped */
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + T_PAGE, T_PAGE, TO_DEV,
				      SINGLE, 1, &out, &log));
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_B, T_ADDR, 4 * T_PAGE, TO_DEV,
				      SINGLE, 1, &out, &log));
	EXPECT_EQ(2, t->counts[SMM_DMA_CHECK_DOUBLE_UNMAP]);
	EXPECT_EQ(2, t->counts[SMM_DMA_CHECK_UNMAP_UNKNOWN]);

	/* mapped again (overlapping, another start): no longer recent */
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE, TO_DEV,
			   SINGLE, true));
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, 4 * T_PAGE, TO_DEV,
				      SINGLE, 1, &out, &log));
	/* the same address re-used, unmapped once: fine, twice: double */
	ASSERT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE,
				      TO_DEV, SINGLE, 1, &out, &log));
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE, TO_DEV,
			   SINGLE, true));
	EXPECT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE,
				      TO_DEV, SINGLE, 1, &out, &log));
	EXPECT_EQ(SMM_DMA_CHECK_DOUBLE_UNMAP,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE,
				      TO_DEV, SINGLE, 1, &out, &log));

	/* a map by another device does not clear dev A's record */
	ASSERT_EQ(0, t_map(t, DEV_B, T_ADDR, 8 * T_PAGE, TO_DEV, SINGLE,
			   true));
	EXPECT_EQ(SMM_DMA_CHECK_DOUBLE_UNMAP,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE,
				      TO_DEV, SINGLE, 1, &out, &log));

	/* the memory is bounded: enough later unmaps push it out */
	for (i = 0; i < SMM_DMA_RECENT_UNMAPS; i++) {
		ASSERT_EQ(0, t_map(t, DEV_C, i * T_PAGE, T_PAGE, BIDI, SG,
				   true));
		ASSERT_EQ(SMM_DMA_OK,
			  smm_dma_track_unmap(t, DEV_C, i * T_PAGE, T_PAGE,
					      BIDI, SG, 1, &out, &log));
	}
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_UNKNOWN,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR + 3 * T_PAGE, T_PAGE,
				      TO_DEV, SINGLE, 1, &out, &log));
	EXPECT_EQ(SMM_DMA_CHECK_DOUBLE_UNMAP,
		  smm_dma_track_unmap(t, DEV_C, 0, T_PAGE, TO_DEV, SG, 1, &out,
				      &log));
}

TEST_F(track, sync_bounds_to_the_byte)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_entry out;
	bool log;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, T_PAGE, TO_DEV, SINGLE, true));
	/* whole, exactly to the end, from inside */
	EXPECT_EQ(SMM_DMA_OK, smm_dma_track_sync(t, DEV_A, T_ADDR, T_PAGE,
						 TO_DEV, 1, &out, &log));
	EXPECT_FALSE(log);
	EXPECT_EQ(T_ADDR, out.addr);
	EXPECT_EQ(SMM_DMA_OK, smm_dma_track_sync(t, DEV_A, T_ADDR + 100,
						 T_PAGE - 100, TO_DEV, 1,
						 &out, &log));
	EXPECT_EQ(SMM_DMA_OK, smm_dma_track_sync(t, DEV_A, T_ADDR + T_PAGE - 1,
						 1, TO_DEV, 1, &out, &log));
	EXPECT_EQ(0, t->seq);

	/* one byte past */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_BEYOND,
		  smm_dma_track_sync(t, DEV_A, T_ADDR + 100, T_PAGE - 99,
				     TO_DEV, 1, &out, &log));
	EXPECT_TRUE(log);
	EXPECT_EQ(T_ADDR, out.addr);
	EXPECT_STREQ("sync of 0x12340064 + 3997 runs 1 bytes past its mapping's end",
		     smm_dma_track_last(t)->msg);
	EXPECT_TRUE(smm_dma_track_last(t)->has_mapping);
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_BEYOND,
		  smm_dma_track_sync(t, DEV_A, T_ADDR + 2048, T_PAGE, TO_DEV,
				     2, &out, &log));
	EXPECT_STREQ("sync of 0x12340800 + 4096 runs 2048 bytes past its mapping's end",
		     smm_dma_track_last(t)->msg);
	/* nothing at all, and a size that would wrap */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_BEYOND,
		  smm_dma_track_sync(t, DEV_A, T_ADDR, 0, TO_DEV, 3, &out,
				     &log));
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_BEYOND,
		  smm_dma_track_sync(t, DEV_A, T_ADDR + 1, ~0ULL, TO_DEV, 3,
				     &out, &log));

	/* past the end is another address: unknown */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_UNKNOWN,
		  smm_dma_track_sync(t, DEV_A, T_ADDR + T_PAGE, 1, TO_DEV, 1,
				     &out, &log));
	EXPECT_EQ(NULL, out.dev);
	EXPECT_STREQ("sync of 0x12341000 (1 bytes): no mapping there",
		     smm_dma_track_last(t)->msg);
	EXPECT_FALSE(smm_dma_track_last(t)->has_mapping);

	/* the wrong direction */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_DIR,
		  smm_dma_track_sync(t, DEV_A, T_ADDR, T_PAGE, FROM_DEV, 1,
				     &out, &log));
	EXPECT_STREQ("sync from-device of a to-device mapping at 0x12340000",
		     smm_dma_track_last(t)->msg);
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_DIR,
		  smm_dma_track_sync(t, DEV_A, T_ADDR, T_PAGE, BIDI, 1, &out,
				     &log));
	/* bounds are checked before the direction */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_BEYOND,
		  smm_dma_track_sync(t, DEV_A, T_ADDR, T_PAGE + 1, FROM_DEV, 1,
				     &out, &log));

	EXPECT_EQ(5, t->counts[SMM_DMA_CHECK_SYNC_BEYOND]);
	EXPECT_EQ(1, t->counts[SMM_DMA_CHECK_SYNC_UNKNOWN]);
	EXPECT_EQ(2, t->counts[SMM_DMA_CHECK_SYNC_DIR]);
	EXPECT_EQ(8, t_total(t));
	/* a sync changes no mapping */
	ASSERT_EQ(1, t->nr);
	EXPECT_EQ(T_PAGE, t->entries[0].size);
	EXPECT_EQ(TO_DEV, t->entries[0].dir);
}

TEST_F(track, bidirectional_accepts_any_sync)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_entry out;
	u8 dir;
	bool log;

	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR, T_PAGE, BIDI, COHERENT, true));
	ASSERT_EQ(0, t_map(t, DEV_A, T_ADDR + T_PAGE, T_PAGE, FROM_DEV,
			   SINGLE, true));
	for (dir = BIDI; dir <= FROM_DEV; dir++)
		EXPECT_EQ(SMM_DMA_OK,
			  smm_dma_track_sync(t, DEV_A, T_ADDR, T_PAGE, dir, 1,
					     &out, &log));
	EXPECT_EQ(SMM_DMA_OK, smm_dma_track_sync(t, DEV_A, T_ADDR + T_PAGE,
						 T_PAGE, FROM_DEV, 1, &out,
						 &log));
	EXPECT_EQ(FROM_DEV, out.dir);
	/* a sync never spans two mappings, adjacent or not */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_BEYOND,
		  smm_dma_track_sync(t, DEV_A, T_ADDR, 2 * T_PAGE, BIDI, 1,
				     &out, &log));
	EXPECT_EQ(1, t->seq);
}

TEST_F(track, devices_sharing_addresses_kept_apart)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_entry out;
	bool log;

	ASSERT_EQ(0, smm_dma_track_map(t, &(struct smm_dma_entry){
		.dev = DEV_A, .addr = T_ADDR, .size = T_PAGE, .dir = TO_DEV,
		.kind = SINGLE, .checked = true, .cookie = (void *)0xa }));
	ASSERT_EQ(0, smm_dma_track_map(t, &(struct smm_dma_entry){
		.dev = DEV_B, .addr = T_ADDR, .size = 2 * T_PAGE,
		.dir = FROM_DEV, .kind = SINGLE, .checked = true,
		.cookie = (void *)0xb }));
	EXPECT_EQ((void *)0xa, smm_dma_track_find(t, DEV_A, T_ADDR)->cookie);
	EXPECT_EQ((void *)0xb, smm_dma_track_find(t, DEV_B, T_ADDR)->cookie);
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_A, T_ADDR + T_PAGE));
	EXPECT_NE(NULL, smm_dma_track_find(t, DEV_B, T_ADDR + T_PAGE));
	EXPECT_EQ(1, smm_dma_track_count(t, DEV_A));
	EXPECT_EQ(1, smm_dma_track_count(t, DEV_B));

	/* dev B's mapping checked with dev A's arguments: refused */
	EXPECT_EQ(SMM_DMA_CHECK_SYNC_UNKNOWN,
		  smm_dma_track_sync(t, DEV_A, T_ADDR + T_PAGE, 1, TO_DEV, 1,
				     &out, &log));
	EXPECT_EQ(SMM_DMA_CHECK_UNMAP_SIZE,
		  smm_dma_track_unmap(t, DEV_B, T_ADDR, T_PAGE, TO_DEV, SINGLE,
				      1, &out, &log));
	EXPECT_EQ((void *)0xb, out.cookie);

	ASSERT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_A, T_ADDR, T_PAGE, TO_DEV, SINGLE,
				      1, &out, &log));
	EXPECT_EQ((void *)0xa, out.cookie);
	EXPECT_EQ(NULL, smm_dma_track_find(t, DEV_A, T_ADDR));
	EXPECT_EQ((void *)0xb, smm_dma_track_first(t, DEV_B)->cookie);
	EXPECT_EQ(SMM_DMA_OK,
		  smm_dma_track_unmap(t, DEV_B, T_ADDR, 2 * T_PAGE, FROM_DEV,
				      SINGLE, 1, &out, &log));
	EXPECT_EQ((void *)0xb, out.cookie);
	EXPECT_EQ(0, t->nr);
}

TEST_F(track, logged_once_per_check_and_site)
{
	struct smm_dma_tracker *t = &self->t;
	const enum smm_dma_check held = SMM_DMA_CHECK_HELD_AT_UNBIND;
	unsigned long site;

	EXPECT_TRUE(smm_dma_track_report(t, held, DEV_A, T_ADDR, T_PAGE,
					 TO_DEV, NULL, 10));
	EXPECT_STREQ("0x12340000 (4096 bytes, to-device) still mapped at unbind",
		     smm_dma_track_last(t)->msg);
	EXPECT_FALSE(smm_dma_track_report(t, held, DEV_B, 0, 1, BIDI, NULL,
					  10));
	/* another site, or another check at the same site */
	EXPECT_TRUE(smm_dma_track_report(t, held, DEV_A, T_ADDR, T_PAGE,
					 TO_DEV, NULL, 11));
	EXPECT_TRUE(smm_dma_track_report(t, SMM_DMA_CHECK_HELD_AT_UNLOAD,
					 DEV_A, T_ADDR, T_PAGE, FROM_DEV, NULL,
					 10));
	EXPECT_STREQ("0x12340000 (4096 bytes, from-device) still mapped at unload",
		     smm_dma_track_last(t)->msg);
	EXPECT_FALSE(smm_dma_track_report(t, held, DEV_A, T_ADDR, T_PAGE,
					  TO_DEV, NULL, 11));
	EXPECT_EQ(4, t->counts[held]);
	EXPECT_EQ(5, t->seq);
	EXPECT_EQ(3, t->nr_logged);

	/* not a check: nothing kept, nothing logged */
	EXPECT_FALSE(smm_dma_track_report(t, SMM_DMA_OK, DEV_A, 0, 1, BIDI,
					  NULL, 12));
	EXPECT_FALSE(smm_dma_track_report(t, SMM_DMA_NR_CHECKS, DEV_A, 0, 1,
					  BIDI, NULL, 12));
	EXPECT_EQ(5, t->seq);
	EXPECT_EQ(0, t->counts[SMM_DMA_OK]);

	/* the table fills: later pairs are counted and kept, not logged */
	for (site = 1000; t->nr_logged < SMM_DMA_LOGGED_SITES; site++)
		ASSERT_TRUE(smm_dma_track_report(t, held, DEV_A, 0, 1, BIDI,
						 NULL, site));
	EXPECT_FALSE(smm_dma_track_report(t, held, DEV_A, 0, 1, BIDI, NULL,
					  site));
	EXPECT_FALSE(smm_dma_track_report(t, SMM_DMA_CHECK_SYNC_DIR, DEV_A,
					  0, 1, BIDI, NULL, 10));
	EXPECT_FALSE(smm_dma_track_report(t, held, DEV_A, 0, 1, BIDI, NULL,
					  10));
	EXPECT_EQ(SMM_DMA_LOGGED_SITES, t->nr_logged);
	EXPECT_EQ(1, t->counts[SMM_DMA_CHECK_SYNC_DIR]);
	EXPECT_EQ(SMM_DMA_CHECK_HELD_AT_UNBIND, smm_dma_track_last(t)->check);
}

TEST_F(track, findings_ring_overflows_oldest_first)
{
	struct smm_dma_tracker *t = &self->t;
	struct smm_dma_finding out[SMM_DMA_FINDINGS + 8];
	const unsigned int total = 2 * SMM_DMA_FINDINGS + 37;
	unsigned int i, n;

	EXPECT_EQ(NULL, smm_dma_track_last(t));
	EXPECT_EQ(0, smm_dma_track_findings(t, 0, out, ARRAY_SIZE(out)));

	for (i = 1; i <= total; i++)
		smm_dma_track_report(t, 1 + i % (SMM_DMA_NR_CHECKS - 1), DEV_A,
				     i * T_PAGE, i, TO_DEV, NULL, i % 3);
	EXPECT_EQ(total, t->seq);
	EXPECT_EQ(total, t_total(t));
	EXPECT_EQ(total, smm_dma_track_last(t)->seq);
	EXPECT_EQ(total * T_PAGE, smm_dma_track_last(t)->addr);

	/* everything kept, oldest first; the lost ones are seq - kept */
	n = smm_dma_track_findings(t, 0, out, ARRAY_SIZE(out));
	ASSERT_EQ(SMM_DMA_FINDINGS, n);
	EXPECT_EQ(total - SMM_DMA_FINDINGS, t->seq - n);
	for (i = 0; i < n; i++) {
		u64 seq = total - SMM_DMA_FINDINGS + 1 + i;

		EXPECT_EQ(seq, out[i].seq);
		EXPECT_EQ(seq * T_PAGE, out[i].addr);
		EXPECT_EQ(seq, out[i].size);
		EXPECT_EQ(1 + seq % (SMM_DMA_NR_CHECKS - 1), out[i].check);
	}
	/* after a lost one: from the oldest kept */
	n = smm_dma_track_findings(t, 5, out, ARRAY_SIZE(out));
	EXPECT_EQ(SMM_DMA_FINDINGS, n);
	EXPECT_EQ(total - SMM_DMA_FINDINGS + 1, out[0].seq);
	/* after a kept one, and bounded by max */
	n = smm_dma_track_findings(t, total - 10, out, ARRAY_SIZE(out));
	ASSERT_EQ(10, n);
	EXPECT_EQ(total - 9, out[0].seq);
	EXPECT_EQ(total, out[9].seq);
	n = smm_dma_track_findings(t, total - 10, out, 3);
	ASSERT_EQ(3, n);
	EXPECT_EQ(total - 9, out[0].seq);
	EXPECT_EQ(total - 7, out[2].seq);
	EXPECT_EQ(0, smm_dma_track_findings(t, total, out, ARRAY_SIZE(out)));
	EXPECT_EQ(0, smm_dma_track_findings(t, total + 5, out,
					    ARRAY_SIZE(out)));
	EXPECT_EQ(0, smm_dma_track_findings(t, 0, out, 0));
}

/* What a failed map must leave untouched. */
struct t_snap {
	unsigned int nr;
	struct smm_dma_entry entries[80];
	unsigned int recent_head;
	u64 recent_sum;
	u64 seq;
};

static void t_snap(const struct smm_dma_tracker *t, struct t_snap *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->nr = t->nr;
	memcpy(s->entries, t->entries, t->nr * sizeof(*t->entries));
	s->recent_head = t->recent_head;
	for (i = 0; i < SMM_DMA_RECENT_UNMAPS; i++)
		s->recent_sum = s->recent_sum * 31 + t->recent[i].addr +
				t->recent[i].size;
	s->seq = t->seq;
}

TEST_F(track, failed_allocation_changes_nothing)
{
	struct smm_dma_tracker *t = &self->t;
	unsigned int i, failed = 0;
	struct t_snap before, after;
	struct smm_dma_entry out;
	bool log;

	/* the first map makes the array */
	smm_ctx_fail_nth = 1;
	EXPECT_EQ(-ENOMEM, t_map(t, DEV_A, 0, T_PAGE, BIDI, SG, true));
	smm_ctx_fail_nth = 0;
	EXPECT_EQ(NULL, t->entries);
	EXPECT_EQ(0, t->cap);
	EXPECT_EQ(0, t->nr);

	/* recent unmaps at the addresses the maps below re-use */
	for (i = 0; i < 8; i++) {
		ASSERT_EQ(0, t_map(t, DEV_A, i * T_PAGE, T_PAGE, BIDI, SG,
				   true));
		ASSERT_EQ(SMM_DMA_OK,
			  smm_dma_track_unmap(t, DEV_A, i * T_PAGE, T_PAGE,
					      BIDI, SG, 1, &out, &log));
	}
	/* each map, failed at its allocation if it makes one, then redone */
	for (i = 0; i < 70; i++) {
		u64 addr = (u64)(i * 37 % 70) * T_PAGE;
		unsigned long allocs = smm_ctx_nr_allocs;
		int ret;

		t_snap(t, &before);
		smm_ctx_fail_nth = 1;
		ret = t_map(t, DEV_A, addr, T_PAGE, BIDI, SG, true);
		smm_ctx_fail_nth = 0;
		if (ret) {
			ASSERT_EQ(-ENOMEM, ret);
			EXPECT_EQ(allocs + 1, smm_ctx_nr_allocs);
			t_snap(t, &after);
			ASSERT_EQ(0, memcmp(&before, &after, sizeof(before)));
			failed++;
			ret = t_map(t, DEV_A, addr, T_PAGE, BIDI, SG, true);
		} else {
			/* a map that made no allocation could not fail */
			EXPECT_EQ(allocs, smm_ctx_nr_allocs);
		}
		ASSERT_EQ(0, ret);
		ASSERT_EQ(i + 1, t->nr);
	}
	/* the array starts at 16 and doubles: 32, 64, 128 */
	EXPECT_EQ(3, failed);
	EXPECT_EQ(128, t->cap);
	EXPECT_TRUE(t_sorted(t));
	EXPECT_EQ(0, t->seq);

	/* every re-used address cleared its record, only once mapped */
	for (i = 0; i < 8; i++)
		ASSERT_EQ(SMM_DMA_OK,
			  smm_dma_track_unmap(t, DEV_A, i * T_PAGE, T_PAGE,
					      BIDI, SG, 1, &out, &log));
}

/*
 * The reference model: live mappings in an unsorted array, and every unmap
 * ever made in order, each either still remembered or forgotten by a later
 * map over it; only the last SMM_DMA_RECENT_UNMAPS are looked at.
 */
struct m_map {
	const void *dev;
	u64 addr, size;
	u8 dir, kind;
	bool checked;
};

struct m_unmap {
	const void *dev;
	u64 addr, size;
	bool forgotten;
};

struct model {
	struct m_map live[512];
	unsigned int nr;
	struct m_unmap *unmaps;
	unsigned int nr_unmaps;
	u64 counts[SMM_DMA_NR_CHECKS];
};

static int m_holding(const struct model *m, const void *dev, u64 addr)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (m->live[i].dev == dev &&
		    addr >= m->live[i].addr &&
		    addr - m->live[i].addr < m->live[i].size)
			return i;
	return -1;
}

static bool m_recent(const struct model *m, const void *dev, u64 addr)
{
	unsigned int i = m->nr_unmaps > SMM_DMA_RECENT_UNMAPS ?
			 m->nr_unmaps - SMM_DMA_RECENT_UNMAPS : 0;

	for (; i < m->nr_unmaps; i++)
		if (!m->unmaps[i].forgotten && m->unmaps[i].dev == dev &&
		    m->unmaps[i].addr == addr)
			return true;
	return false;
}

static int m_map(struct model *m, const struct m_map *e)
{
	unsigned int i;

	if (!e->size)
		return -EINVAL;
	for (i = 0; i < m->nr; i++)
		if (m->live[i].dev == e->dev &&
		    m->live[i].addr < e->addr + e->size &&
		    e->addr < m->live[i].addr + m->live[i].size)
			return -EEXIST;
	if (m->nr == ARRAY_SIZE(m->live))
		return 1;
	m->live[m->nr++] = *e;
	for (i = 0; i < m->nr_unmaps; i++)
		if (m->unmaps[i].dev == e->dev &&
		    m->unmaps[i].addr < e->addr + e->size &&
		    e->addr < m->unmaps[i].addr + m->unmaps[i].size)
			m->unmaps[i].forgotten = true;
	return 0;
}

static enum smm_dma_check m_unmap(struct model *m, const void *dev, u64 addr,
				  u64 size, u8 dir, u8 kind)
{
	int i = m_holding(m, dev, addr);
	struct m_map e;

	if (i < 0) {
		if (m_recent(m, dev, addr))
			return SMM_DMA_CHECK_DOUBLE_UNMAP;
		return SMM_DMA_CHECK_UNMAP_UNKNOWN;
	}
	e = m->live[i];
	if (e.addr != addr)
		return SMM_DMA_CHECK_UNMAP_UNKNOWN;
	if (e.kind != kind)
		return SMM_DMA_CHECK_UNMAP_KIND;
	if (e.size != size)
		return SMM_DMA_CHECK_UNMAP_SIZE;
	if (kind != COHERENT && e.dir != dir)
		return SMM_DMA_CHECK_UNMAP_DIR;
	m->live[i] = m->live[--m->nr];
	m->unmaps[m->nr_unmaps++] = (struct m_unmap){
		.dev = dev, .addr = addr, .size = size };
	if (!e.checked)
		m->counts[SMM_DMA_CHECK_UNCHECKED]++;
	return SMM_DMA_OK;
}

static enum smm_dma_check m_sync(const struct model *m, const void *dev,
				 u64 addr, u64 size, u8 dir)
{
	int i = m_holding(m, dev, addr);

	if (i < 0)
		return SMM_DMA_CHECK_SYNC_UNKNOWN;
	if (!size || addr + size > m->live[i].addr + m->live[i].size)
		return SMM_DMA_CHECK_SYNC_BEYOND;
	if (m->live[i].dir != BIDI && m->live[i].dir != dir)
		return SMM_DMA_CHECK_SYNC_DIR;
	return SMM_DMA_OK;
}

static unsigned int t_rand(unsigned int *rs)
{
	*rs ^= *rs << 13;
	*rs ^= *rs >> 17;
	*rs ^= *rs << 5;
	return *rs;
}

/* Whether the tracker holds exactly the model's mappings. */
static bool t_same_live(const struct smm_dma_tracker *t,
			const struct model *m)
{
	unsigned int i;

	if (t->nr != m->nr)
		return false;
	for (i = 0; i < m->nr; i++) {
		const struct m_map *e = &m->live[i];
		const struct smm_dma_entry *got;

		got = smm_dma_track_find((struct smm_dma_tracker *)t, e->dev,
					 e->addr);
		if (!got || got->addr != e->addr || got->size != e->size ||
		    got->dir != e->dir || got->kind != e->kind ||
		    got->checked != e->checked)
			return false;
	}
	return true;
}

TEST_F(track, random_against_a_model)
{
	static const u64 sizes[] = { 1, 100, 0x800, 0x1000, 0x1001, 0x3000,
				     0x10000 };
	static const void * const devs[] = { DEV_A, DEV_B, DEV_C };
	struct smm_dma_tracker *t = &self->t;
	unsigned int seed = t_env("SMM_SEED", 0);
	unsigned int steps = t_env("SMM_STEPS", 20000);
	unsigned int rs, step, i, done[4] = { 0 };
	enum smm_dma_check want, got;
	struct smm_dma_entry out;
	struct model *m;
	bool log;

	if (!seed)
		seed = (unsigned int)time(NULL) ^ (unsigned int)getpid();
	TH_LOG("seed %u (replay: SMM_SEED=%u)", seed, seed);
	rs = seed ? seed : 1;
	m = calloc(1, sizeof(*m));
	ASSERT_NE(NULL, m);
	m->unmaps = calloc(steps, sizeof(*m->unmaps));
	ASSERT_NE(NULL, m->unmaps);

	for (step = 0; step < steps; step++) {
		const void *dev = devs[t_rand(&rs) % ARRAY_SIZE(devs)];
		/* a small window of addresses, so that ranges collide */
		u64 addr = (u64)(t_rand(&rs) % 96) * 0x800 +
			   (t_rand(&rs) % 8 ? 0 : t_rand(&rs) % 0x1000);
		u64 size = sizes[t_rand(&rs) % ARRAY_SIZE(sizes)];
		u8 dir = t_rand(&rs) % 3, kind = 1 + t_rand(&rs) % 3;
		unsigned int op = t_rand(&rs) % 4;
		int k;

		/* unmap and sync mostly a live mapping, maybe mistaken */
		if (op >= 1 && op <= 2 && m->nr && t_rand(&rs) % 4) {
			const struct m_map *e = &m->live[t_rand(&rs) % m->nr];

			dev = e->dev;
			addr = e->addr;
			if (t_rand(&rs) % 4)
				size = e->size;
			if (t_rand(&rs) % 4)
				dir = e->dir;
			if (t_rand(&rs) % 4)
				kind = e->kind;
			if (op == 2 && t_rand(&rs) % 2) {
				addr += t_rand(&rs) % e->size;
				size = t_rand(&rs) % 5 ? 1 + t_rand(&rs) % 0x1000
						       : 0;
			}
		}
		done[op]++;
		switch (op) {
		case 0: {
			struct m_map e = {
				.dev = dev, .addr = addr, .size = size,
				.dir = dir, .kind = kind,
				.checked = t_rand(&rs) % 2,
			};

			k = m_map(m, &e);
			if (k == 1)
				break;
			ASSERT_EQ(k, t_map(t, dev, addr, size, dir, kind,
					   e.checked)) {
				TH_LOG("step %u map 0x%llx+%llu", step,
				       (unsigned long long)addr,
				       (unsigned long long)size);
			}
			break;
		}
		case 1:
			want = m_unmap(m, dev, addr, size, dir, kind);
			if (want != SMM_DMA_OK)
				m->counts[want]++;
			got = smm_dma_track_unmap(t, dev, addr, size, dir, kind,
						  step % 5, &out, &log);
			ASSERT_EQ(want, got) {
				TH_LOG("step %u unmap 0x%llx+%llu", step,
				       (unsigned long long)addr,
				       (unsigned long long)size);
			}
			if (got == SMM_DMA_OK)
				ASSERT_EQ(addr, out.addr);
			break;
		case 2:
			want = m_sync(m, dev, addr, size, dir);
			if (want != SMM_DMA_OK)
				m->counts[want]++;
			got = smm_dma_track_sync(t, dev, addr, size, dir,
						 step % 5, &out, &log);
			ASSERT_EQ(want, got) {
				TH_LOG("step %u sync 0x%llx+%llu", step,
				       (unsigned long long)addr,
				       (unsigned long long)size);
			}
			break;
		default:
			k = m_holding(m, dev, addr);
			if (k >= 0 && m->live[k].addr == addr)
				m->live[k].checked = true;
			smm_dma_track_checked(t, dev, addr);
			break;
		}
		ASSERT_TRUE(t_sorted(t));
		ASSERT_TRUE(t_same_live(t, m)) {
			TH_LOG("step %u", step);
		}
		for (i = 1; i < SMM_DMA_NR_CHECKS; i++)
			ASSERT_EQ(m->counts[i], t->counts[i]) {
				TH_LOG("step %u check %s", step,
				       smm_dma_check_name(i));
			}
	}
	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		unsigned int n = 0, j;

		for (j = 0; j < m->nr; j++)
			n += m->live[j].dev == devs[i];
		EXPECT_EQ(n, smm_dma_track_count(t, devs[i]));
	}
	TH_LOG("%u maps, %u unmaps, %u syncs, %u checked; %u live, %llu findings",
	       done[0], done[1], done[2], done[3], m->nr,
	       (unsigned long long)t->seq);
	/* every class of the workload came up */
	for (i = SMM_DMA_CHECK_UNMAP_UNKNOWN; i <= SMM_DMA_CHECK_UNCHECKED;
	     i++)
		EXPECT_NE(0, t->counts[i]) {
			TH_LOG("no %s", smm_dma_check_name(i));
		}
	free(m->unmaps);
	free(m);
}

TEST_HARNESS_MAIN
