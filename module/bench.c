// SPDX-License-Identifier: GPL-2.0
/*
 * bench-alloc: the shadow page allocator timed against the host's, in
 * the kernel, on one CPU, in one request. Each side runs count alloc and
 * free pairs of 2^order pages (at most one block live, so any count fits
 * in shadow memory), in rounds that alternate which side goes first; the
 * fastest round of each side is reported. The shadow side takes the path
 * page-alloc takes (smm_alloc() and smm_free() of the core, clear_highpage()
 * per page when zeroing); the host side alloc_pages() and __free_pages()
 * with GFP_KERNEL, and __GFP_ZERO when zeroing.
 *
 * The task is kept on its CPU with migrate_disable(), not preempt_disable():
 * both allocators may sleep (the host's in reclaim, the glue's mutex), and
 * a long run must not stall the CPU. Timed stretches are chunks of
 * SMM_BENCH_CHUNK_PAGES pages; cond_resched() runs between chunks, outside
 * the time taken.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "shadow_mm.h"

/* Rounds per side; the fastest counts. */
#define SMM_BENCH_ROUNDS	5
/* Pages allocated (and zeroed) between two cond_resched() calls. */
#define SMM_BENCH_CHUNK_PAGES	1024
/* With zero, at most this many pages zeroed per round and side (1 GiB). */
#define SMM_BENCH_ZERO_MAX_PAGES	262144

/**
 * struct smm_bench - one bench-alloc run
 * @order: block order
 * @count: pairs per round and side
 * @owner: the shadow owner tag "bench"
 * @chunk: pairs timed between two cond_resched() calls
 */
struct smm_bench {
	unsigned int order;
	unsigned int count;
	u16 owner;
	unsigned int chunk;
};

/* Which side failed, for the error message. */
enum smm_bench_side {
	SMM_BENCH_SHADOW,
	SMM_BENCH_HOST,
};

/* Zero a shadow block the way page-alloc does: page by page. */
static void smm_bench_zero(u64 pfn, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < 1UL << order; i++)
		clear_highpage(pfn_to_page(pfn + i));
}

/*
 * @n alloc and free pairs of the shadow allocator, with zeroing when
 * @zero. pages_mutex is held, as page-alloc and page-free hold it, so no
 * page-free request can free a bench block in between.
 * Return: 0, or the first error of smm_alloc() or smm_free().
 */
static int smm_bench_shadow_chunk(const struct smm_bench *b, bool zero,
				  unsigned int n, u64 *ns)
{
	struct smm_mm *mm = smm_shadow.mm;
	struct smm_alloc_req req = {
		.order = b->order,
		.gfp = zero ? SMM_GFP_ZERO : 0,
		.nid = SMM_NUMA_NO_NODE,
		.migratetype = SMM_MIGRATE_FROM_GFP,
		.owner = b->owner,
	};
	unsigned int i;
	int ret = 0;
	u64 start;
	u64 pfn;

	mutex_lock(&smm_shadow.pages_mutex);
	start = ktime_get_ns();
	for (i = 0; i < n; i++) {
		req.cpu = smm_this_cpu();
		ret = smm_alloc(mm, &req, &pfn);
		if (ret)
			break;
		if (zero)
			smm_bench_zero(pfn, b->order);
		ret = smm_free(mm, pfn, smm_this_cpu());
		if (ret)
			break;
	}
	*ns += ktime_get_ns() - start;
	mutex_unlock(&smm_shadow.pages_mutex);
	return ret;
}

/* @n alloc_pages() and __free_pages() pairs. Return: 0 or -ENOMEM. */
static int smm_bench_host_chunk(const struct smm_bench *b, bool zero,
				unsigned int n, u64 *ns)
{
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | (zero ? __GFP_ZERO : 0);
	struct page *page;
	unsigned int i;
	int ret = 0;
	u64 start;

	start = ktime_get_ns();
	for (i = 0; i < n; i++) {
		page = alloc_pages(gfp, b->order);
		if (!page) {
			ret = -ENOMEM;
			break;
		}
		__free_pages(page, b->order);
	}
	*ns += ktime_get_ns() - start;
	return ret;
}

/*
 * One round of one side: count pairs in chunks.
 * Return: 0, or an errno with *@failed saying which side.
 */
static int smm_bench_side(const struct smm_bench *b, enum smm_bench_side side,
			  bool zero, u64 *ns, enum smm_bench_side *failed)
{
	unsigned int done, n;
	int ret = 0;

	*ns = 0;
	for (done = 0; done < b->count; done += n) {
		n = min(b->count - done, b->chunk);
		if (side == SMM_BENCH_SHADOW)
			ret = smm_bench_shadow_chunk(b, zero, n, ns);
		else
			ret = smm_bench_host_chunk(b, zero, n, ns);
		if (ret) {
			*failed = side;
			return ret;
		}
		cond_resched();
	}
	return 0;
}

/*
 * SMM_BENCH_ROUNDS rounds of both sides, alternating which goes first;
 * @best gets each side's fastest round.
 */
static int smm_bench_rounds(const struct smm_bench *b, bool zero,
			    u64 best[2], enum smm_bench_side *failed)
{
	unsigned int round, k;
	int ret;

	best[SMM_BENCH_SHADOW] = U64_MAX;
	best[SMM_BENCH_HOST] = U64_MAX;
	for (round = 0; round < SMM_BENCH_ROUNDS; round++) {
		for (k = 0; k < 2; k++) {
			enum smm_bench_side side = (round + k) % 2;
			u64 ns;

			ret = smm_bench_side(b, side, zero, &ns, failed);
			if (ret)
				return ret;
			best[side] = min(best[side], ns);
		}
	}
	return 0;
}

/* The host settings that add work to each of its allocations or frees. */
static u32 smm_bench_host_debug(void)
{
	u32 flags = 0;

	if (want_init_on_alloc(GFP_KERNEL))
		flags |= SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_ALLOC;
	if (want_init_on_free())
		flags |= SHADOW_MM_BENCH_HOST_DEBUG_INIT_ON_FREE;
	if (page_poisoning_enabled_static())
		flags |= SHADOW_MM_BENCH_HOST_DEBUG_PAGE_POISONING;
	return flags;
}

static int smm_bench_reply(struct genl_info *info, const struct smm_bench *b,
			   unsigned int cpu, const u64 plain[2],
			   const u64 *zeroed)
{
	struct sk_buff *msg;
	void *hdr;

	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, SHADOW_MM_A_BENCH_ORDER, b->order) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_COUNT, b->count) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_CPU, cpu) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_ROUNDS, SMM_BENCH_ROUNDS) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_SHADOW_NS,
			      plain[SMM_BENCH_SHADOW], SHADOW_MM_A_BENCH_PAD) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_HOST_NS,
			      plain[SMM_BENCH_HOST], SHADOW_MM_A_BENCH_PAD) ||
	    (zeroed &&
	     (nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_SHADOW_ZERO_NS,
				zeroed[SMM_BENCH_SHADOW],
				SHADOW_MM_A_BENCH_PAD) ||
	      nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_HOST_ZERO_NS,
				zeroed[SMM_BENCH_HOST],
				SHADOW_MM_A_BENCH_PAD))) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_HOST_DEBUG,
			smm_bench_host_debug()))
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/**
 * smm_nl_bench_alloc_doit() - BENCH_ALLOC: time the shadow allocator
 * against the host's
 * @skb: the request
 * @info: the request, parsed (order and count range-checked by the policy)
 *
 * Runs on the CPU the request arrived on, for the whole request. Leaves
 * nothing allocated, also on failure.
 *
 * Return: 0 after the reply; -EPERM without CAP_SYS_ADMIN; -EINVAL for a
 * missing order or count, or too many pages to zero; -ENOMEM when either
 * allocator has no block of the order; -ENOSPC when the owner tag table
 * is full.
 */
int smm_nl_bench_alloc_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	enum smm_bench_side failed = SMM_BENCH_SHADOW;
	u64 plain[2], zeroed[2];
	struct smm_bench b;
	unsigned int cpu;
	bool zero;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "bench-alloc needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_BENCH_ORDER)) {
		NL_SET_ERR_MSG(info->extack, "bench-alloc needs attribute order");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_BENCH_COUNT)) {
		NL_SET_ERR_MSG(info->extack, "bench-alloc needs attribute count");
		return -EINVAL;
	}
	b.order = nla_get_u32(tb[SHADOW_MM_A_BENCH_ORDER]);
	b.count = nla_get_u32(tb[SHADOW_MM_A_BENCH_COUNT]);
	b.chunk = max_t(unsigned int, SMM_BENCH_CHUNK_PAGES >> b.order, 1);
	zero = nla_get_flag(tb[SHADOW_MM_A_BENCH_ZERO]);
	if (zero && ((u64)b.count << b.order) > SMM_BENCH_ZERO_MAX_PAGES) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_BENCH_COUNT],
				    "with zero, count blocks of 2^order pages must not exceed 262144 pages");
		return -EINVAL;
	}
	ret = smm_owner_register(smm_shadow.mm, "bench");
	if (ret < 0) {
		NL_SET_ERR_MSG(info->extack, "no room for the owner tag bench");
		return ret;
	}
	b.owner = ret;

	migrate_disable();
	cpu = raw_smp_processor_id();
	ret = smm_bench_rounds(&b, false, plain, &failed);
	if (!ret && zero)
		ret = smm_bench_rounds(&b, true, zeroed, &failed);
	migrate_enable();

	if (ret == -ENOMEM && failed == SMM_BENCH_SHADOW) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_BENCH_ORDER],
				    "the shadow allocator has no free block of this order");
		return ret;
	}
	if (ret == -ENOMEM) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[SHADOW_MM_A_BENCH_ORDER],
				    "the host allocator has no free block of this order");
		return ret;
	}
	if (ret) {
		NL_SET_ERR_MSG(info->extack,
			       "the shadow allocator refused a bench request");
		return ret;
	}
	return smm_bench_reply(info, &b, cpu, plain, zero ? zeroed : NULL);
}
