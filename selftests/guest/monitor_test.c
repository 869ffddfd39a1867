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

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include <linux/shadow_mm.h>

/* The harness has an unused signal-handler argument; -Wextra would say so. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

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
 * struct sock - a NETLINK_GENERIC socket and its receive buffer
 * @mnl: the libmnl socket
 * @seq: sequence number of the last request
 * @buf: receive buffer
 * @len: bytes of @buf not yet handed out (events)
 * @next: the next message in @buf (events)
 */
struct sock {
	struct mnl_socket *mnl;
	unsigned int seq;
	char *buf;
	int len;
	const struct nlmsghdr *next;
};

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

static int sock_open(struct sock *s)
{
	memset(s, 0, sizeof(*s));
	s->buf = malloc(RECV_SIZE);
	if (!s->buf)
		return -ENOMEM;
	s->mnl = mnl_socket_open(NETLINK_GENERIC);
	if (!s->mnl)
		return -errno;
	if (mnl_socket_bind(s->mnl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	s->seq = (unsigned int)getpid() << 12;
	return 0;
}

static void sock_close(struct sock *s)
{
	if (s->mnl)
		mnl_socket_close(s->mnl);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

static struct nlmsghdr *start(void *buf, __u16 type, __u8 cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(buf, 0, MNL_NLMSG_HDRLEN + sizeof(*genl));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = 1;
	return nlh;
}

/* Called with each reply message; non-zero stops reading. */
typedef int (*reply_cb)(const struct nlmsghdr *nlh, void *arg);

/*
 * Sends @req as a do request and reads its replies and ACK. Return: 0 or
 * the negative errno the kernel answered or the socket failed with.
 */
static int exchange(struct sock *s, struct nlmsghdr *req, reply_cb cb,
		    void *arg)
{
	const struct nlmsghdr *nlh;
	ssize_t n;
	int len;

	req->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = ++s->seq;
	if (mnl_socket_sendto(s->mnl, req, req->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(s->mnl, s->buf, RECV_SIZE);
		if (n < 0)
			return -errno;
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)s->buf;
		     mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != s->seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e =
					mnl_nlmsg_get_payload(nlh);

				return e->error;
			}
			if (cb && cb(nlh, arg))
				return -ECANCELED;
		}
	}
}

/* What CTRL_CMD_GETFAMILY tells: the family id and the group's id. */
struct family {
	__u16 id;
	__u32 monitor_grp;
};

static void family_groups(struct family *f, const struct nlattr *groups)
{
	const struct nlattr *grp, *a;

	mnl_attr_for_each_nested(grp, groups) {
		const char *name = NULL;
		__u32 id = 0;

		mnl_attr_for_each_nested(a, grp) {
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_NAME &&
			    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
				name = mnl_attr_get_str(a);
			if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GRP_ID &&
			    !mnl_attr_validate(a, MNL_TYPE_U32))
				id = mnl_attr_get_u32(a);
		}
		if (name && !strcmp(name, SHADOW_MM_MCGRP_MONITOR))
			f->monitor_grp = id;
	}
}

static int family_part(const struct nlmsghdr *nlh, void *arg)
{
	struct family *f = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			f->id = mnl_attr_get_u16(a);
		if (mnl_attr_get_type(a) == CTRL_ATTR_MCAST_GROUPS)
			family_groups(f, a);
	}
	return 0;
}

static int family_resolve(struct sock *s, struct family *f)
{
	struct nlmsghdr *nlh;
	char buf[256];

	memset(f, 0, sizeof(*f));
	nlh = start(buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, SHADOW_MM_FAMILY_NAME);
	return exchange(s, nlh, family_part, f);
}

/* Joins @grp with a large buffer and a receive timeout. */
static int join_group(struct sock *s, __u32 grp)
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
static int next_event(struct sock *s, __u16 family, struct event *ev)
{
	for (;;) {
		ssize_t n;

		while (s->next && mnl_nlmsg_ok(s->next, s->len)) {
			const struct nlmsghdr *nlh = s->next;
			const struct genlmsghdr *gh;

			s->next = mnl_nlmsg_next(nlh, &s->len);
			if (nlh->nlmsg_type != family)
				continue;
			gh = mnl_nlmsg_get_payload(nlh);
			if (gh->cmd != SHADOW_MM_CMD_EVENT)
				continue;
			event_decode(nlh, ev);
			return 0;
		}
		n = recv(mnl_socket_get_fd(s->mnl), s->buf, RECV_SIZE, 0);
		if (n < 0)
			return errno == EWOULDBLOCK ? -EAGAIN : -errno;
		s->len = (int)n;
		s->next = (const struct nlmsghdr *)s->buf;
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

static int page_alloc_owner(struct sock *s, __u16 family, __u32 order,
			    __u32 count, const char *owner, struct pfns *out)
{
	struct nlmsghdr *nlh;
	char buf[256];

	out->n = 0;
	nlh = start(buf, family, SHADOW_MM_CMD_PAGE_ALLOC);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_ORDER, order);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_PAGES_COUNT, count);
	mnl_attr_put_strz(nlh, SHADOW_MM_A_PAGES_OWNER, owner);
	return exchange(s, nlh, alloc_part, out);
}

static int page_alloc(struct sock *s, __u16 family, __u32 order,
		      __u32 count, struct pfns *out)
{
	return page_alloc_owner(s, family, order, count, OWNER, out);
}

static int page_free(struct sock *s, __u16 family, const struct pfns *p)
{
	struct nlmsghdr *nlh;
	unsigned int i;
	char *buf;
	int err;

	buf = malloc(REQ_SIZE + (size_t)p->n * 16);
	if (!buf)
		return -ENOMEM;
	nlh = start(buf, family, SHADOW_MM_CMD_PAGE_FREE);
	for (i = 0; i < p->n; i++)
		mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGES_PFN, p->pfn[i]);
	err = exchange(s, nlh, NULL, NULL);
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

static int page_where(struct sock *s, __u16 family, __u64 pfn,
		      struct page_where *w)
{
	struct nlmsghdr *nlh;
	char buf[256];

	memset(w, 0, sizeof(*w));
	nlh = start(buf, family, SHADOW_MM_CMD_PAGE_GET);
	mnl_attr_put_u64(nlh, SHADOW_MM_A_PAGE_PFN, pfn);
	return exchange(s, nlh, page_part, w);
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
static int status_events_dropped(struct sock *s, __u16 family,
				 __s64 *dropped)
{
	char buf[256];

	*dropped = -1;
	return exchange(s, start(buf, family, SHADOW_MM_CMD_STATUS_GET),
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
	struct sock req;
	struct sock mon;
	struct family fam;
	long saved_rate;
};

FIXTURE_SETUP(mon)
{
	int err;

	self->saved_rate = -1;
	ASSERT_EQ(0, sock_open(&self->req));
	ASSERT_EQ(0, sock_open(&self->mon));
	err = family_resolve(&self->req, &self->fam);
	if (err == -ENOENT)
		SKIP(return, "shadow_mm is not loaded");
	ASSERT_EQ(0, err);
	ASSERT_NE(0U, self->fam.monitor_grp)
		TH_LOG("the family has no %s group", SHADOW_MM_MCGRP_MONITOR);
	ASSERT_EQ(0, join_group(&self->mon, self->fam.monitor_grp));
	self->saved_rate = rate_get();
	ASSERT_LT(0, self->saved_rate) TH_LOG("cannot read %s", RATE_PARAM);
}

FIXTURE_TEARDOWN(mon)
{
	if (self->saved_rate > 0)
		EXPECT_EQ(0, rate_set(self->saved_rate));
	sock_close(&self->mon);
	sock_close(&self->req);
}

/*
 * Waits for the event of @type at @pfn, checking each event on the way:
 * seq grows by 1 + dropped (no loss before @type arrives). Splits and
 * merges seen on the way are counted into @splits / @merges, with the
 * order of the last one at @pfn's block.
 */
static int wait_for(struct __test_metadata *_metadata, struct sock *mon,
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
