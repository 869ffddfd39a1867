// SPDX-License-Identifier: GPL-2.0
/*
 * The monitor multicast group: the core's allocator events (alloc, free,
 * split, merge, steal), the DMA layer's (map, unmap, transfer, check) and
 * the dma-buf exporter's (export, attach, detach, release) sent to
 * userspace as they happen.
 *
 * The core calls smm_event_record() with a zone or per-CPU lock held, so
 * it neither sleeps nor allocates: it only copies the event into a ring
 * under a spinlock of its own (a leaf lock, taken with interrupts off so
 * any caller context is safe) and kicks a work item. The work turns what
 * the ring holds into SHADOW_MM_CMD_EVENT messages, several to an skb,
 * and multicasts them with GFP_KERNEL.
 *
 * Nothing is recorded while the group has no listener in the initial
 * network namespace (the one genlmsg_multicast() sends to): the core is
 * told to stop emitting, and smm_event_refresh() at the start of each
 * request that allocates or frees turns it back on for a listener. A token
 * bucket admits event_rate events a second, with a burst of one second's
 * worth; an event it refuses, or one that finds the ring full, is
 * dropped and counted: the next event queued carries the count since the
 * previous one (sequence numbers count dropped events too, so a gap
 * shows any loss), and status-get reports the total since load.
 *
 * Lifetime: smm_event_start() once the family is registered,
 * smm_event_stop() before it is unregistered. Events are recorded only
 * in between, and the work never runs outside it, so it never sends on a
 * family that is gone.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "netlink.h"
#include "shadow_mm.h"
#include "smm_dma.h"

/* Events the ring holds; a power of two. */
#define SMM_EVENT_RING		1024
/* Events the work sends before it yields and requeues itself. */
#define SMM_EVENT_BUDGET	256

#define SMM_EVENT_RATE_MAX	1000000

/* Bytes of an importing device's name an event keeps, NUL included. */
#define SMM_EVENT_DEVICE_LEN	48

static unsigned int smm_event_rate = 1000;
SMM_PARAM_UINT_RANGE(event_rate, smm_event_rate, 1, SMM_EVENT_RATE_MAX, 0644,
		     "Monitor events sent per second at most, 1..1000000 (default 1000); the rest are counted as dropped");

/**
 * struct smm_dmabuf_event - a dma-buf exporter's event
 * @type: SHADOW_MM_EVENT_TYPE_DMABUF_*
 * @id: the buffer's id
 * @size: its bytes
 * @device: the importing device's name (attach, detach), or ""
 */
struct smm_dmabuf_event {
	u32 type;
	u32 id;
	u64 size;
	char device[SMM_EVENT_DEVICE_LEN];
};

/* Where an event comes from: which member of the record's union it is. */
enum smm_event_src {
	SMM_EVENT_SRC_MM,
	SMM_EVENT_SRC_DMA,
	SMM_EVENT_SRC_DMABUF,
};

/**
 * struct smm_event_rec - an event waiting in the ring
 * @ev: the core's event
 * @dma: the DMA layer's event
 * @dmabuf: the dma-buf exporter's event
 * @src: which of the three it is
 * @seq: its sequence number
 * @dropped: events dropped between the previous queued one and this one
 */
struct smm_event_rec {
	union {
		struct smm_event ev;
		struct smm_dma_event dma;
		struct smm_dmabuf_event dmabuf;
	};
	enum smm_event_src src;
	u64 seq;
	u64 dropped;
};

/**
 * struct smm_event_queue - the events on their way to the monitor group
 * @lock: protects what follows
 * @running: events are recorded (between start and stop)
 * @head: count of events put in @ring (index: modulo its size)
 * @tail: count of events taken out of @ring
 * @seq: sequence number of the last event seen
 * @dropped: events dropped since the last one queued
 * @dropped_total: events dropped since load
 * @credit_ns: the token bucket: time credit, at most a second; an event
 *	costs NSEC_PER_SEC / event_rate
 * @last_ns: when @credit_ns was last topped up
 * @ring: the events queued
 * @work: sends them
 */
struct smm_event_queue {
	spinlock_t lock;	/* the whole queue; a leaf lock */
	bool running;
	unsigned int head;
	unsigned int tail;
	u64 seq;
	u64 dropped;
	u64 dropped_total;
	u64 credit_ns;
	u64 last_ns;
	struct smm_event_rec ring[SMM_EVENT_RING];
	struct work_struct work;
};

static void smm_event_work(struct work_struct *work);

static struct smm_event_queue smm_evq = {
	.lock = __SPIN_LOCK_UNLOCKED(smm_evq.lock),
	.work = __WORK_INITIALIZER(smm_evq.work, smm_event_work),
};

static bool smm_event_listened(void)
{
	return genl_has_listeners(&smm_genl_family, &init_net,
				  SMM_NL_MCGRP_MONITOR);
}

/* The token bucket: whether one more event may go now. Queue locked. */
static bool smm_event_admit(struct smm_event_queue *q)
{
	unsigned int rate = READ_ONCE(smm_event_rate);
	u64 now = ktime_get_mono_fast_ns();
	u64 cost = NSEC_PER_SEC / max(rate, 1U);

	if (now > q->last_ns)
		q->credit_ns = min_t(u64, q->credit_ns + (now - q->last_ns),
				     NSEC_PER_SEC);
	q->last_ns = now;
	if (q->credit_ns < cost)
		return false;
	q->credit_ns -= cost;
	return true;
}

/*
 * Queue one event (@ev, @dma or @dmabuf: the one @src says), counting it
 * as dropped when the rate limit or a full ring refuses it. Takes only
 * the queue's lock.
 */
static void smm_event_enqueue(enum smm_event_src src,
			      const struct smm_event *ev,
			      const struct smm_dma_event *dma,
			      const struct smm_dmabuf_event *dmabuf)
{
	struct smm_event_queue *q = &smm_evq;
	struct smm_event_rec *rec;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (!q->running)
		goto out;
	q->seq++;
	if (q->head - q->tail >= SMM_EVENT_RING || !smm_event_admit(q)) {
		q->dropped++;
		q->dropped_total++;
		goto out;
	}
	rec = &q->ring[q->head % SMM_EVENT_RING];
	rec->src = src;
	if (src == SMM_EVENT_SRC_DMA)
		rec->dma = *dma;
	else if (src == SMM_EVENT_SRC_DMABUF)
		rec->dmabuf = *dmabuf;
	else
		rec->ev = *ev;
	rec->seq = q->seq;
	rec->dropped = q->dropped;
	q->dropped = 0;
	q->head++;
	queue_work(system_wq, &q->work);
out:
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * smm_event_record() - the core's event callback: queue an event
 * @arg: unused (smm_mm_params.event_arg)
 * @ev: the event
 *
 * Called with a zone or per-CPU lock held: takes only the queue's lock,
 * allocates nothing, never sleeps.
 */
void smm_event_record(void *arg, const struct smm_event *ev)
{
	/*
	 * Unlocked peeks: the fast way out when nobody listens. The core
	 * then stops calling until smm_event_refresh() sees a listener.
	 */
	if (!READ_ONCE(smm_evq.running) || !smm_event_listened()) {
		smm_mm_set_events(smm_shadow.mm, false);
		return;
	}
	smm_event_enqueue(SMM_EVENT_SRC_MM, ev, NULL, NULL);
}

/**
 * smm_event_dma() - queue a DMA event
 * @ev: the event
 *
 * The same ring, rate limit and sequence numbers as the allocator's
 * events; nothing is queued while the group has no listener. Takes only
 * the queue's lock: callable with smm_dma_mutex held or not.
 */
void smm_event_dma(const struct smm_dma_event *ev)
{
	if (!READ_ONCE(smm_evq.running) || !smm_event_listened())
		return;
	smm_event_enqueue(SMM_EVENT_SRC_DMA, NULL, ev, NULL);
}

/**
 * smm_event_dmabuf() - queue a dma-buf event
 * @type: SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT, _ATTACH, _DETACH or _RELEASE
 * @id: the buffer's id
 * @size: its bytes
 * @device: the importing device's name for attach and detach, else NULL
 *
 * The same ring, rate limit and sequence numbers as the other events;
 * nothing is queued while the group has no listener. The exporter calls
 * it from any process context, its own locks held or not: it takes only
 * the queue's spinlock, allocates nothing and never sleeps. A long device
 * name is cut short.
 */
void smm_event_dmabuf(u32 type, u32 id, u64 size, const char *device)
{
	struct smm_dmabuf_event ev = {
		.type = type,
		.id = id,
		.size = size,
	};

	if (!READ_ONCE(smm_evq.running) || !smm_event_listened())
		return;
	if (device)
		strscpy(ev.device, device, sizeof(ev.device));
	smm_event_enqueue(SMM_EVENT_SRC_DMABUF, NULL, NULL, &ev);
}

/* Takes the oldest queued event into @rec; false when none is left. */
static bool smm_event_pop(struct smm_event_queue *q, struct smm_event_rec *rec)
{
	bool found = false;

	spin_lock_irq(&q->lock);
	if (q->tail != q->head) {
		*rec = q->ring[q->tail % SMM_EVENT_RING];
		q->tail++;
		found = true;
	}
	spin_unlock_irq(&q->lock);
	return found;
}

/* The attributes of a DMA event. */
static int smm_event_put_dma(struct sk_buff *skb,
			     const struct smm_dma_event *ev)
{
	if ((ev->id && nla_put_u32(skb, SHADOW_MM_A_EVENT_DMA_ID, ev->id)) ||
	    nla_put_u64_64bit(skb, SHADOW_MM_A_EVENT_DMA_ADDR, ev->addr,
			      SHADOW_MM_A_EVENT_PAD) ||
	    nla_put_u64_64bit(skb, SHADOW_MM_A_EVENT_DMA_SIZE, ev->size,
			      SHADOW_MM_A_EVENT_PAD) ||
	    nla_put_u32(skb, SHADOW_MM_A_EVENT_DMA_DIR, ev->dir + 1) ||
	    (ev->kind &&
	     nla_put_u32(skb, SHADOW_MM_A_EVENT_DMA_KIND, ev->kind)) ||
	    (ev->check &&
	     nla_put_u32(skb, SHADOW_MM_A_EVENT_DMA_CHECK, ev->check)) ||
	    (ev->bounced &&
	     nla_put_flag(skb, SHADOW_MM_A_EVENT_DMA_BOUNCED)))
		return -EMSGSIZE;
	return 0;
}

/* The attributes of a dma-buf event. */
static int smm_event_put_dmabuf(struct sk_buff *skb,
				const struct smm_dmabuf_event *ev)
{
	if (nla_put_u32(skb, SHADOW_MM_A_EVENT_DMABUF_ID, ev->id) ||
	    nla_put_u64_64bit(skb, SHADOW_MM_A_EVENT_DMA_SIZE, ev->size,
			      SHADOW_MM_A_EVENT_PAD) ||
	    (ev->device[0] &&
	     nla_put_string(skb, SHADOW_MM_A_EVENT_DMABUF_DEVICE,
			    ev->device)))
		return -EMSGSIZE;
	return 0;
}

/* The attributes of an allocator event. */
static int smm_event_put_mm(struct sk_buff *skb, const struct smm_event *ev)
{
	const char *owner = "";

	if (ev->owner &&
	    (ev->type == SMM_EV_ALLOC || ev->type == SMM_EV_FREE))
		owner = smm_owner_name(smm_shadow.mm, ev->owner);
	if (nla_put_u64_64bit(skb, SHADOW_MM_A_EVENT_PFN, ev->pfn,
			      SHADOW_MM_A_EVENT_PAD) ||
	    nla_put_u32(skb, SHADOW_MM_A_EVENT_ORDER, ev->order) ||
	    nla_put_u32(skb, SHADOW_MM_A_EVENT_NODE, ev->nid) ||
	    nla_put_u32(skb, SHADOW_MM_A_EVENT_ZONE, ev->zone + 1) ||
	    (ev->mt >= 0 && ev->mt < SMM_MIGRATE_TYPES &&
	     nla_put_u32(skb, SHADOW_MM_A_EVENT_MIGRATETYPE, ev->mt + 1)) ||
	    (ev->type == SMM_EV_STEAL &&
	     ev->old_mt >= 0 && ev->old_mt < SMM_MIGRATE_TYPES &&
	     nla_put_u32(skb, SHADOW_MM_A_EVENT_OLD_MIGRATETYPE,
			 ev->old_mt + 1)) ||
	    (owner[0] &&
	     nla_put_string(skb, SHADOW_MM_A_EVENT_OWNER, owner)) ||
	    nla_put_u32(skb, SHADOW_MM_A_EVENT_CPU, ev->cpu))
		return -EMSGSIZE;
	return 0;
}

/* Appends the message of @rec to @skb; -EMSGSIZE when it is full. */
static int smm_event_put(struct sk_buff *skb, const struct smm_event_rec *rec)
{
	void *hdr;
	u32 type;
	int ret;

	/* DMA and dma-buf events carry the uapi type; the core's are one lower. */
	switch (rec->src) {
	case SMM_EVENT_SRC_DMA:
		type = rec->dma.type;
		break;
	case SMM_EVENT_SRC_DMABUF:
		type = rec->dmabuf.type;
		break;
	default:
		type = rec->ev.type + 1;
		break;
	}

	hdr = genlmsg_put(skb, 0, 0, &smm_genl_family, 0, SHADOW_MM_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	ret = nla_put_u32(skb, SHADOW_MM_A_EVENT_TYPE, type) ||
	      nla_put_u64_64bit(skb, SHADOW_MM_A_EVENT_SEQ, rec->seq,
				SHADOW_MM_A_EVENT_PAD) ||
	      nla_put_u64_64bit(skb, SHADOW_MM_A_EVENT_DROPPED, rec->dropped,
				SHADOW_MM_A_EVENT_PAD);
	if (!ret) {
		if (rec->src == SMM_EVENT_SRC_DMA)
			ret = smm_event_put_dma(skb, &rec->dma);
		else if (rec->src == SMM_EVENT_SRC_DMABUF)
			ret = smm_event_put_dmabuf(skb, &rec->dmabuf);
		else
			ret = smm_event_put_mm(skb, &rec->ev);
	}
	if (ret) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Multicasts @skb when it holds anything; frees it either way. */
static void smm_event_send(struct sk_buff *skb)
{
	if (!skb)
		return;
	if (!skb->len) {
		nlmsg_free(skb);
		return;
	}
	/* -ESRCH: the last listener left meanwhile; nothing to do. */
	genlmsg_multicast(&smm_genl_family, skb, 0, SMM_NL_MCGRP_MONITOR,
			  GFP_KERNEL);
}

/*
 * Sends what the ring holds, several events to an skb, up to a budget;
 * requeues itself when more is left. With nobody listening any more, the
 * events are taken out and forgotten.
 */
static void smm_event_work(struct work_struct *work)
{
	struct smm_event_queue *q = container_of(work, struct smm_event_queue,
						 work);
	struct smm_event_rec rec;
	struct sk_buff *skb = NULL;
	unsigned int n;

	for (n = 0; n < SMM_EVENT_BUDGET; n++) {
		if (!smm_event_pop(q, &rec))
			goto out;
		if (!smm_event_listened())
			continue;
		if (skb && !smm_event_put(skb, &rec))
			continue;
		/* No skb yet, or this one is full: send it, start another. */
		smm_event_send(skb);
		skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
		if (!skb || smm_event_put(skb, &rec)) {
			/*
			 * Out of memory: the event is lost. Later events are
			 * queued already with their own counts: only the total
			 * and the gap in the sequence numbers show this one.
			 */
			spin_lock_irq(&q->lock);
			q->dropped_total++;
			spin_unlock_irq(&q->lock);
		}
	}
	queue_work(system_wq, &q->work);
out:
	smm_event_send(skb);
}

/**
 * smm_event_refresh() - let the core emit events while someone listens
 *
 * The core skips building events while they are off, which keeps the
 * allocator's fast path free of them. They go off when an event finds no
 * listener; the requests that allocate or free call this first, so that
 * a monitor that joined since is heard from their first event on.
 */
void smm_event_refresh(void)
{
	smm_mm_set_events(smm_shadow.mm,
			  READ_ONCE(smm_evq.running) && smm_event_listened());
}

/**
 * smm_events_dropped() - events lost to the rate limit or a full queue
 *
 * Return: the number since load.
 */
u64 smm_events_dropped(void)
{
	u64 n;

	spin_lock_irq(&smm_evq.lock);
	n = smm_evq.dropped_total;
	spin_unlock_irq(&smm_evq.lock);
	return n;
}

/**
 * smm_event_start() - start recording events; the family is registered
 */
void smm_event_start(void)
{
	spin_lock_irq(&smm_evq.lock);
	smm_evq.credit_ns = NSEC_PER_SEC;
	smm_evq.last_ns = ktime_get_mono_fast_ns();
	smm_evq.running = true;
	spin_unlock_irq(&smm_evq.lock);
}

/**
 * smm_event_stop() - stop recording events and wait for the work to end
 *
 * Called before the family is unregistered: afterwards nothing sends on
 * it. Events still queued are forgotten.
 */
void smm_event_stop(void)
{
	spin_lock_irq(&smm_evq.lock);
	smm_evq.running = false;
	spin_unlock_irq(&smm_evq.lock);
	/* Nothing queues it any more; it may still requeue itself. */
	cancel_work_sync(&smm_evq.work);
	spin_lock_irq(&smm_evq.lock);
	smm_evq.tail = smm_evq.head;
	spin_unlock_irq(&smm_evq.lock);
}
