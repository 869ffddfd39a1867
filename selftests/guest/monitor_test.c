// SPDX-License-Identifier: GPL-2.0
/*
 * monitor_test - the "monitor" multicast group as a listener sees it:
 * page-alloc and page-free through netlink show up as alloc, split, free
 * and merge events naming the blocks the requests returned, and a burst
 * past the event_rate limit is reported as dropped events, both on the
 * next event delivered (matching the gap in the sequence numbers) and in
 * status-get's events-dropped.
 *
 * Runs inside a test guest, as root, with shadow_mm.ko loaded and memory
 * carved (e.g. size_mb=32). Speaks the wire protocol with libmnl, apart
 * from the smm CLI. Events that must arrive are waited for with a 10 s
 * receive timeout; nothing is timed beyond that.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "smm_mnl.h"

#define OWNER		"monitor_test"
#define MARK_OWNER	"monitor_mark"
#define RATE_PARAM	"/sys/module/shadow_mm/parameters/event_rate"
#define RECV_SIZE	0x40000
#define REQ_SIZE	0x10000
#define EVENT_TIMEOUT_S	10
#define MAX_PFNS	4096
/* The kernel's PAGE_ALLOC_COSTLY_ORDER: larger orders skip the pcp lists. */
#define PCP_MAX_ORDER	3

/**
 * struct event - one SHADOW_MM_CMD_EVENT message, decoded
 * @has: which attributes it carried, by type
 * @type: enum shadow_mm_event_type
 * @seq: sequence number
 * @dropped: events dropped before it
 * @pfn: first page frame
 * @order: block order
 * @node: node id
 * @zone: enum shadow_mm_zone_type
 * @mt: enum shadow_mm_migratetype
 * @old_mt: previous pageblock type (steal)
 * @cpu: CPU
 * @owner: owner tag, "" when none
 */
struct event {
	bool has[SHADOW_MM_A_EVENT_MAX + 1];
	__u32 type;
	__u64 seq;
	__u64 dropped;
	__u64 pfn;
	__u32 order;
	__u32 node;
	__u32 zone;
	__u32 mt;
	__u32 old_mt;
	__u32 cpu;
	char owner[64];
};

struct pfns {
	__u64 pfn[MAX_PFNS];
	unsigned int n;
};

/* Joins @grp with a large buffer and a receive timeout. */
static int join_group(struct smm_mnl *s, __u32 grp)
{
	struct timeval tv = { .tv_sec = EVENT_TIMEOUT_S };
	int fd = mnl_socket_get_fd(s->mnl);
	int size = 8 << 20;

	if (mnl_socket_setsockopt(s->mnl, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)))
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		return -errno;
	return 0;
}

static void event_decode(const struct nlmsghdr *nlh, struct event *ev)
{
	const struct nlattr *a;

	memset(ev, 0, sizeof(*ev));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		unsigned int type = mnl_attr_get_type(a);
		unsigned int len = mnl_attr_get_payload_len(a);
		__u64 v = len == 8 ? mnl_attr_get_u64(a) :
			  len == 4 ? mnl_attr_get_u32(a) : ~0ULL;

		if (type > SHADOW_MM_A_EVENT_MAX)
			continue;
		ev->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_EVENT_TYPE:
			ev->type = v;
			break;
		case SHADOW_MM_A_EVENT_SEQ:
			ev->seq = v;
			break;
		case SHADOW_MM_A_EVENT_DROPPED:
			ev->dropped = v;
			break;
		case SHADOW_MM_A_EVENT_PFN:
			ev->pfn = v;
			break;
		case SHADOW_MM_A_EVENT_ORDER:
			ev->order = v;
			break;
		case SHADOW_MM_A_EVENT_NODE:
			ev->node = v;
			break;
		case SHADOW_MM_A_EVENT_ZONE:
			ev->zone = v;
			break;
		case SHADOW_MM_A_EVENT_MIGRATETYPE:
			ev->mt = v;
			break;
		case SHADOW_MM_A_EVENT_OLD_MIGRATETYPE:
			ev->old_mt = v;
			break;
		case SHADOW_MM_A_EVENT_CPU:
			ev->cpu = v;
			break;
		case SHADOW_MM_A_EVENT_OWNER:
			if (!mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				snprintf(ev->owner, sizeof(ev->owner), "%s",
					 mnl_attr_get_str(a));
			break;
		}
	}
}

/*
 * The next event of the group on @s. Return: 0; -EAGAIN when none came
 * within the receive timeout; -ENOBUFS when the socket overran (events
 * lost); another negative errno when the socket failed.
 */
static int next_event(struct smm_mnl *s, __u16 family, struct event *ev)
{
	const struct genlmsghdr *gh;
	const struct nlmsghdr *nlh;
	int err;

	for (;;) {
		err = smm_mnl_recv_msg(s, &nlh);
		if (err)
			return err;
		if (nlh->nlmsg_type != family)
			continue;
		gh = mnl_nlmsg_get_payload(nlh);
		if (gh->cmd != SHADOW_MM_CMD_EVENT)
			continue;
		event_decode(nlh, ev);
		return 0;
	}
}

static int alloc_part(const struct nlmsghdr *nlh, void *arg)
{
	struct pfns *out = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_PAGES_PFN &&
		    out->n < MAX_PFNS)
			out->pfn[out->n++] = mnl_attr_get_u64(a);
	return 0;
}

static int page_alloc_owner(struct smm_mnl *s, __u16 family, __u32 order,
			    __u32 count, const char *owner, struct pfns *out)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	out->n = 0;
	nlh = smm_mnl_req(buf, family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_ALLOC);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_ORDER, order);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_COUNT, count);
	mnl_attr_put_strz(nlh, SHADOW_MM_A_PAGES_OWNER, owner);
	return smm_mnl_call(s, nlh, alloc_part, out);
}

static int page_alloc(struct smm_mnl *s, __u16 family, __u32 order,
		      __u32 count, struct pfns *out)
{
	return page_alloc_owner(s, family, order, count, OWNER, out);
}

static int page_free(struct smm_mnl *s, __u16 family, const struct pfns *p)
{
	struct nlmsghdr *nlh;
	unsigned int i;
	char *buf;
	int err;

	buf = malloc(REQ_SIZE + (size_t)p->n * 16);
	if (!buf)
		return -ENOMEM;
	nlh = smm_mnl_req(buf, family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_FREE);
	for (i = 0; i < p->n; i++)
		mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGES_PFN, p->pfn[i]);
	err = smm_mnl_call(s, nlh, NULL, NULL);
	free(buf);
	return err;
}

/* Node and zone of a page, from page-get. */
struct page_where {
	bool found;
	__u32 node;
	__u32 zone;
};

static int page_part(const struct nlmsghdr *nlh, void *arg)
{
	struct page_where *w = arg;
	const struct nlattr *a;

	w->found = true;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_PAGE_NODE)
			w->node = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == SHADOW_MM_A_PAGE_ZONE)
			w->zone = mnl_attr_get_u32(a);
	}
	return 0;
}

static int page_where(struct smm_mnl *s, __u16 family, __u64 pfn,
		      struct page_where *w)
{
	struct nlmsghdr *nlh;
	__u32 buf[64];

	memset(w, 0, sizeof(*w));
	nlh = smm_mnl_req(buf, family, NLM_F_ACK, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN, pfn);
	return smm_mnl_call(s, nlh, page_part, w);
}

static int dropped_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;
	__s64 *dropped = arg;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_STATUS_EVENTS_DROPPED &&
		    mnl_attr_get_payload_len(a) == sizeof(__u64))
			*dropped = (__s64)mnl_attr_get_u64(a);
	return 0;
}

/* status-get's events-dropped; -1 when the reply lacks it. */
static int status_events_dropped(struct smm_mnl *s, __u16 family,
				 __s64 *dropped)
{
	__u32 buf[64];

	*dropped = -1;
	return smm_mnl_call(s, smm_mnl_req(buf, family, NLM_F_ACK,
					   SHADOW_MM_CMD_STATUS_GET),
			    dropped_part, dropped);
}

/* Reads the event_rate parameter; -1 when it cannot be read. */
static long rate_get(void)
{
	char text[32] = "";
	long v = -1;
	int fd;

	fd = open(RATE_PARAM, O_RDONLY);
	if (fd < 0)
		return -1;
	if (read(fd, text, sizeof(text) - 1) > 0)
		v = strtol(text, NULL, 10);
	close(fd);
	return v;
}

/* Writes the event_rate parameter. Return: 0 or a negative errno. */
static int rate_set(long rate)
{
	char text[32];
	int fd, len, ret = 0;

	fd = open(RATE_PARAM, O_WRONLY);
	if (fd < 0)
		return -errno;
	len = snprintf(text, sizeof(text), "%ld\n", rate);
	if (write(fd, text, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

FIXTURE(mon) {
	struct smm_mnl req;
	struct smm_mnl mon;
	struct smm_mnl_family fam;
	long saved_rate;
};

FIXTURE_SETUP(mon)
{
	__u32 grp;
	int err;

	self->saved_rate = -1;
	ASSERT_EQ(0, smm_mnl_open(&self->req, RECV_SIZE, 0));
	ASSERT_EQ(0, smm_mnl_open(&self->mon, RECV_SIZE, 0));
	err = smm_mnl_resolve(&self->req, SHADOW_MM_FAMILY_NAME, &self->fam);
	if (err == -ENOENT)
		SKIP(return, "shadow_mm is not loaded");
	ASSERT_EQ(0, err);
	grp = smm_mnl_family_grp(&self->fam, SHADOW_MM_MCGRP_MONITOR);
	ASSERT_NE(0U, grp)
		TH_LOG("the family has no %s group", SHADOW_MM_MCGRP_MONITOR);
	ASSERT_EQ(0, join_group(&self->mon, grp));
	self->saved_rate = rate_get();
	ASSERT_LT(0, self->saved_rate) TH_LOG("cannot read %s", RATE_PARAM);
}

FIXTURE_TEARDOWN(mon)
{
	if (self->saved_rate > 0)
		EXPECT_EQ(0, rate_set(self->saved_rate));
	smm_mnl_close(&self->mon);
	smm_mnl_close(&self->req);
}

/*
 * Waits for the event of @type at @pfn, checking each event on the way:
 * seq grows by 1 + dropped (no loss before @type arrives). Splits and
 * merges seen on the way are counted into @splits / @merges, with the
 * order of the last one at @pfn's block.
 */
static int wait_for(struct __test_metadata *_metadata, struct smm_mnl *mon,
		    __u16 family, __u32 type, __u64 pfn, struct event *out,
		    unsigned int *splits, unsigned int *merges)
{
	__u64 last_seq = 0;
	struct event ev;
	int err;

	for (;;) {
		err = next_event(mon, family, &ev);
		if (err)
			return err;
		EXPECT_TRUE(ev.has[SHADOW_MM_A_EVENT_SEQ]);
		if (last_seq)
			EXPECT_EQ(last_seq + 1 + ev.dropped, ev.seq);
		last_seq = ev.seq;
		EXPECT_LE((__u32)SHADOW_MM_EVENT_TYPE_ALLOC, ev.type);
		EXPECT_GE((__u32)SHADOW_MM_EVENT_TYPE_STEAL, ev.type);
		EXPECT_LE((__u32)SHADOW_MM_ZONE_TYPE_DMA, ev.zone);
		EXPECT_GE((__u32)SHADOW_MM_ZONE_TYPE_MOVABLE, ev.zone);
		EXPECT_GT((__u32)SHADOW_MM_MAX_NODES, ev.node);
		EXPECT_EQ(ev.type == SHADOW_MM_EVENT_TYPE_STEAL,
			  ev.has[SHADOW_MM_A_EVENT_OLD_MIGRATETYPE]);
		if (ev.type == SHADOW_MM_EVENT_TYPE_SPLIT && splits)
			(*splits)++;
		if (ev.type == SHADOW_MM_EVENT_TYPE_MERGE && merges)
			(*merges)++;
		if (ev.type == type && ev.pfn == pfn) {
			*out = ev;
			return 0;
		}
	}
}

/* An order-2 block: served from the per-CPU lists, as the kernel does. */
TEST_F(mon, alloc_and_free_order2)
{
	struct page_where where;
	struct pfns *p;
	struct event ev;

	p = calloc(1, sizeof(*p));
	ASSERT_TRUE(p != NULL);
	/* No drops from earlier bursts in the way. */
	ASSERT_EQ(0, rate_set(1000000));

	ASSERT_EQ(0, page_alloc(&self->req, self->fam.id, 2, 1, p));
	ASSERT_EQ(1U, p->n);
	ASSERT_EQ(0, wait_for(_metadata, &self->mon, self->fam.id,
			      SHADOW_MM_EVENT_TYPE_ALLOC, p->pfn[0], &ev,
			      NULL, NULL));
	EXPECT_EQ(2U, ev.order);
	EXPECT_STREQ(OWNER, ev.owner);
	/* page-alloc's default: unmovable. */
	EXPECT_EQ((__u32)SHADOW_MM_MIGRATETYPE_UNMOVABLE, ev.mt);
	EXPECT_TRUE(ev.has[SHADOW_MM_A_EVENT_CPU]);
	ASSERT_EQ(0, page_where(&self->req, self->fam.id, p->pfn[0], &where));
	EXPECT_EQ(where.node, ev.node);
	EXPECT_EQ(where.zone, ev.zone);

	ASSERT_EQ(0, page_free(&self->req, self->fam.id, p));
	ASSERT_EQ(0, wait_for(_metadata, &self->mon, self->fam.id,
			      SHADOW_MM_EVENT_TYPE_FREE, p->pfn[0], &ev,
			      NULL, NULL));
	EXPECT_EQ(2U, ev.order);
	EXPECT_STREQ(OWNER, ev.owner);
	EXPECT_EQ(where.node, ev.node);
	EXPECT_EQ(where.zone, ev.zone);
	free(p);
}

/*
 * Allocates one order-4 block and reads the events up to its alloc event,
 * checking the splits at its pfn: from the larger order down, one order a
 * time. Return: the number of splits, or -1 (the test has failed).
 */
static int alloc_order4(struct __test_metadata *_metadata,
			FIXTURE_DATA(mon) *self, __u64 *pfn)
{
	struct event ev, first = { 0 };
	unsigned int splits = 0;
	struct pfns *p;
	int err;

	p = calloc(1, sizeof(*p));
	if (!p)
		return -1;
	err = page_alloc(&self->req, self->fam.id, PCP_MAX_ORDER + 1, 1, p);
	EXPECT_EQ(0, err);
	EXPECT_EQ(1U, p->n);
	*pfn = p->pfn[0];
	free(p);
	if (err)
		return -1;
	for (;;) {
		err = next_event(&self->mon, self->fam.id, &ev);
		EXPECT_EQ(0, err);
		if (err)
			return -1;
		if (ev.type == SHADOW_MM_EVENT_TYPE_SPLIT && ev.pfn == *pfn) {
			if (!splits)
				first = ev;
			else
				EXPECT_EQ(first.order - splits, ev.order);
			splits++;
		}
		if (ev.type == SHADOW_MM_EVENT_TYPE_ALLOC && ev.pfn == *pfn)
			break;
	}
	EXPECT_EQ(PCP_MAX_ORDER + 1U, ev.order);
	EXPECT_STREQ(OWNER, ev.owner);
	if (splits)
		EXPECT_EQ(PCP_MAX_ORDER + 1 + splits, first.order);
	return splits;
}

/*
 * An order-4 block comes straight from the buddy lists. Order-4 blocks
 * are taken until one needs a larger block split for it; freeing that one
 * merges the halves split off back, one order a time.
 */
TEST_F(mon, split_on_alloc_merge_on_free)
{
	unsigned int held = 0, merges = 0;
	struct pfns *p, one = { .n = 1 };
	struct event ev;
	int splits = 0;
	__u64 pfn;

	p = calloc(1, sizeof(*p));
	ASSERT_TRUE(p != NULL);
	ASSERT_EQ(0, rate_set(1000000));

	/* Free order-4 blocks are few: the free lists hold larger ones. */
	while (held < 256) {
		splits = alloc_order4(_metadata, self, &pfn);
		if (splits < 0)
			break;
		if (splits)
			break;
		p->pfn[held++] = pfn;
	}
	ASSERT_LT(0, splits) TH_LOG("no split in %u order-%u allocations",
				    held, PCP_MAX_ORDER + 1);
	TH_LOG("order-%u block %u at pfn %#llx took %d split(s)",
	       PCP_MAX_ORDER + 1, held + 1, (unsigned long long)pfn, splits);

	one.pfn[0] = pfn;
	ASSERT_EQ(0, page_free(&self->req, self->fam.id, &one));
	ASSERT_EQ(0, wait_for(_metadata, &self->mon, self->fam.id,
			      SHADOW_MM_EVENT_TYPE_FREE, pfn, &ev, NULL, NULL));
	EXPECT_EQ(PCP_MAX_ORDER + 1U, ev.order);
	EXPECT_STREQ(OWNER, ev.owner);
	/* The halves split off are still free: each merges back. */
	while (merges < (unsigned int)splits) {
		ASSERT_EQ(0, next_event(&self->mon, self->fam.id, &ev))
			TH_LOG("%u of %d merges seen", merges, splits);
		if (ev.type != SHADOW_MM_EVENT_TYPE_MERGE)
			continue;
		EXPECT_EQ(PCP_MAX_ORDER + 2 + merges, ev.order);
		EXPECT_EQ(pfn & ~((1ULL << ev.order) - 1), ev.pfn);
		merges++;
	}

	p->n = held;
	if (held)
		EXPECT_EQ(0, page_free(&self->req, self->fam.id, p));
	free(p);
}

/*
 * A burst past the rate limit: the events left out are counted on the
 * next one delivered, which matches the gap in sequence numbers, and in
 * status-get. A last allocation under another owner, once the limit is
 * lifted, is that next event for whatever the burst ended with.
 */
TEST_F(mon, burst_past_the_rate_is_counted_as_dropped)
{
	__u64 last_seq = 0, dropped_seen = 0;
	unsigned int count = 1000, delivered = 0;
	struct pfns *p, *mark;
	__s64 before, after;
	struct event ev;

	p = calloc(1, sizeof(*p));
	mark = calloc(1, sizeof(*mark));
	ASSERT_TRUE(p != NULL);
	ASSERT_TRUE(mark != NULL);
	ASSERT_EQ(0, status_events_dropped(&self->req, self->fam.id,
					   &before));
	ASSERT_LE(0, before) TH_LOG("status-get has no events-dropped");

	/* A bucket of 100 events against 1000 allocs and 1000 frees. */
	ASSERT_EQ(0, rate_set(100));
	ASSERT_EQ(0, page_alloc(&self->req, self->fam.id, 0, count, p));
	ASSERT_EQ(count, p->n);
	ASSERT_EQ(0, page_free(&self->req, self->fam.id, p));
	ASSERT_EQ(0, rate_set(1000000));
	ASSERT_EQ(0, page_alloc_owner(&self->req, self->fam.id, 0, 1,
				      MARK_OWNER, mark));
	ASSERT_EQ(1U, mark->n);

	for (;;) {
		ASSERT_EQ(0, next_event(&self->mon, self->fam.id, &ev))
			TH_LOG("after %u events, %llu dropped", delivered,
			       (unsigned long long)dropped_seen);
		/* The first one's count is from before this test. */
		if (last_seq) {
			EXPECT_EQ(last_seq + 1 + ev.dropped, ev.seq);
			dropped_seen += ev.dropped;
		}
		last_seq = ev.seq;
		delivered++;
		if (ev.type == SHADOW_MM_EVENT_TYPE_ALLOC &&
		    !strcmp(ev.owner, MARK_OWNER))
			break;
	}
	EXPECT_EQ(mark->pfn[0], ev.pfn);
	EXPECT_LT(0ULL, dropped_seen);
	/* At least 2000 events happened; most were dropped. */
	EXPECT_LE(2 * count, delivered + dropped_seen);
	TH_LOG("%u events delivered, %llu dropped", delivered,
	       (unsigned long long)dropped_seen);

	ASSERT_EQ(0, status_events_dropped(&self->req, self->fam.id,
					   &after));
	EXPECT_LE(before + (__s64)dropped_seen, after);
	EXPECT_EQ(0, page_free(&self->req, self->fam.id, mark));
	free(mark);
	free(p);
}

/* The parameter refuses rates out of its range, and keeps its value. */
TEST_F(mon, event_rate_range)
{
	EXPECT_EQ(-EINVAL, rate_set(0));
	EXPECT_EQ(-EINVAL, rate_set(1000001));
	EXPECT_EQ(self->saved_rate, rate_get());
	EXPECT_EQ(0, rate_set(1));
	EXPECT_EQ(1, rate_get());
}

TEST_HARNESS_MAIN
