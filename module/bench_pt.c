// SPDX-License-Identifier: GPL-2.0
/*
 * bench-pt: shadow page tables timed against the host kernel's own, in
 * one request, on one CPU, in the host's format and depth. Both sides map
 * the same count host pages with 4 KiB leaves: the shadow side into a
 * private shadow address space (smm_as_map() of PFN regions, its tables
 * from the shadow allocator), the host side into the kernel's vmalloc
 * area (vmap(), init_mm's tables). Each then walks every page - the
 * shadow walker's smm_as_translate() of its space against
 * vmalloc_to_page() of init_mm, each going down its tables from the root
 * as the MMU would - and unmaps them again (smm_as_unmap(), vunmap()).
 * Rounds alternate which side goes first; each side's fastest round of
 * each phase is reported.
 *
 * Maps and unmaps may sleep (vmap() allocates, vunmap() may purge lazily
 * freed areas), so the task is kept on its CPU with migrate_disable();
 * only the walk loops run with preemption off, in chunks with
 * cond_resched() between them, outside the time taken.
 *
 * Untimed rounds come first: the first checks that both walks find
 * every page where it was mapped (what is timed are walks that work),
 * the others warm up - under qemu's TCG the translated code and its
 * TLB, which the first timed rounds would otherwise pay for. On arm,
 * where a new shadow leaf is old and invalid to the MMU until first
 * touched, each round makes the leaves young after the map, untimed:
 * vmap() maps young kernel pages at once.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "pt_glue.h"
#include "shadow_mm.h"

/* Rounds per side; the fastest of each phase counts. */
#define SMM_BENCH_PT_ROUNDS	8
/* Untimed rounds per side first, the first of them checking the walks. */
#define SMM_BENCH_PT_WARMUP	3
/* Pages per round when the request does not say. */
#define SMM_BENCH_PT_COUNT	1024
/* Walks timed with preemption off, between two cond_resched() calls. */
#define SMM_BENCH_PT_CHUNK	4096
/* Where the shadow space maps the pages: valid in every format. */
#define SMM_BENCH_PT_VA		0x40000000ULL

/* The phases of a round. */
enum smm_bench_pt_phase {
	SMM_BENCH_PT_MAP,
	SMM_BENCH_PT_WALK,
	SMM_BENCH_PT_UNMAP,
	SMM_BENCH_PT_NR_PHASES,
};

/* The two sides. */
enum smm_bench_pt_side {
	SMM_BENCH_PT_SHADOW,
	SMM_BENCH_PT_HOST,
};

/**
 * struct smm_bench_pt_chunk - a block of host pages, one shadow region
 * @page: its first page
 * @order: its order
 */
struct smm_bench_pt_chunk {
	struct page *page;
	unsigned int order;
};

/**
 * struct smm_bench_pt - one bench-pt run
 * @count: pages mapped, walked and unmapped per round and side
 * @pages: the host pages, in the order both sides map them
 * @chunks: the blocks @pages come in
 * @nr_chunks: blocks in @chunks
 * @as: the shadow address space
 * @vaddr: where vmap() put the pages while the host side has them mapped
 * @sink: where the host walks' results go, so that they are not elided
 * @why: the core's message when it refused something
 */
struct smm_bench_pt {
	unsigned int count;
	struct page **pages;
	struct smm_bench_pt_chunk *chunks;
	unsigned int nr_chunks;
	struct smm_as *as;
	void *vaddr;
	unsigned long sink;
	const char *why;
};

/*
 * Take count host pages in the largest blocks the host has, so that the
 * shadow side maps them in few regions.
 * Return: 0, -ENOMEM when the host has not that many, -ENOSPC when they
 * come in more blocks than a space has regions.
 */
static int smm_bench_pt_pages_get(struct smm_bench_pt *b)
{
	unsigned int max = SMM_HOST_MAX_ORDER;
	unsigned int done = 0, i;

	while (done < b->count) {
		unsigned int order = min_t(unsigned int, max,
					   ilog2(b->count - done));
		/* Never the OOM killer for a benchmark. */
		gfp_t gfp = GFP_KERNEL | __GFP_NOWARN |
			    (order ? __GFP_NORETRY : __GFP_RETRY_MAYFAIL);
		struct page *page;

		if (b->nr_chunks == SMM_AS_MAX_REGIONS)
			return -ENOSPC;
		page = alloc_pages(gfp, order);
		if (!page) {
			if (!order)
				return -ENOMEM;
			max = order - 1;
			continue;
		}
		b->chunks[b->nr_chunks].page = page;
		b->chunks[b->nr_chunks].order = order;
		b->nr_chunks++;
		for (i = 0; i < 1U << order; i++)
			b->pages[done + i] = page + i;
		done += 1U << order;
		cond_resched();
	}
	return 0;
}

static void smm_bench_pt_pages_put(struct smm_bench_pt *b)
{
	while (b->nr_chunks--)
		__free_pages(b->chunks[b->nr_chunks].page,
			     b->chunks[b->nr_chunks].order);
}

static u64 smm_bench_pt_va(unsigned int i)
{
	return SMM_BENCH_PT_VA + ((u64)i << PAGE_SHIFT);
}

/* Map every page into the shadow space, a region per block. */
static int smm_bench_pt_shadow_map(struct smm_bench_pt *b)
{
	struct smm_as_stats st;
	u64 va = SMM_BENCH_PT_VA;
	unsigned int i;
	int ret;

	for (i = 0; i < b->nr_chunks; i++) {
		const struct smm_bench_pt_chunk *c = &b->chunks[i];
		u64 len = (u64)PAGE_SIZE << c->order;

		ret = smm_as_map(b->as, va, len,
				 SHADOW_MM_PROT_READ | SHADOW_MM_PROT_WRITE,
				 SMM_AS_PFN, page_to_pfn(c->page),
				 SMM_AS_MAP_SMALL, &st, &b->why);
		if (ret)
			return ret;
		va += len;
	}
	return 0;
}

static int smm_bench_pt_shadow_unmap(struct smm_bench_pt *b,
				     const char **why)
{
	struct smm_as_stats st;

	return smm_as_unmap(b->as, SMM_BENCH_PT_VA,
			    (u64)b->count << PAGE_SHIFT, &st, why);
}

/*
 * The timed loops, each in a small function alone in a section aligned
 * to its size, so that it never straddles a page: under qemu's TCG a
 * jump to another page is looked up instead of chained, and a loop that
 * happened to straddle one would time where the linker put it rather
 * than the walks.
 */

/* Walks @first to @end - 1 in the shadow space; -EIO when one fails. */
static noinline __section(".text.smm_bench_pt_shadow_loop") __aligned(256) int
smm_bench_pt_shadow_loop(const struct smm_as *as, struct page **pages,
			 unsigned int first, unsigned int end, bool check)
{
	unsigned int i;
	u64 pa;

	for (i = first; i < end; i++)
		if (smm_as_translate(as, smm_bench_pt_va(i), &pa) ||
		    (check && pa != page_to_phys(pages[i])))
			return -EIO;
	return 0;
}

/*
 * Walks @first to @end - 1 of the vmap()ed area at @vaddr, adding the
 * pages found to *@sink; -EIO when one is not where it was mapped.
 */
static noinline __section(".text.smm_bench_pt_host_loop") __aligned(256) int
smm_bench_pt_host_loop(void *vaddr, struct page **pages, unsigned int first,
		       unsigned int end, bool check, unsigned long *sink)
{
	unsigned long sum = 0;
	struct page *page;
	unsigned int i;

	for (i = first; i < end; i++) {
		page = vmalloc_to_page(vaddr + ((unsigned long)i << PAGE_SHIFT));
		if (check && page != pages[i])
			return -EIO;
		sum += (unsigned long)page;
	}
	*sink += sum;
	return 0;
}

/*
 * Walk every page in the shadow space; with @check, also see that each
 * translates to its page.
 * Return: 0, or -EIO when a walk did not find its page.
 */
static int smm_bench_pt_shadow_walk(struct smm_bench_pt *b, bool check,
				    u64 *ns)
{
	unsigned int i, end;
	u64 start;
	int ret;

	*ns = 0;
	for (i = 0; i < b->count; i = end) {
		end = min(b->count, i + SMM_BENCH_PT_CHUNK);
		preempt_disable();
		start = ktime_get_ns();
		ret = smm_bench_pt_shadow_loop(b->as, b->pages, i, end, check);
		*ns += ktime_get_ns() - start;
		preempt_enable();
		if (ret)
			return ret;
		cond_resched();
	}
	return 0;
}

/*
 * Walk every page of the vmap()ed area; with @check, also see that each
 * is its page.
 * Return: 0, or -EIO when a walk did not find its page.
 */
static int smm_bench_pt_host_walk(struct smm_bench_pt *b, bool check,
				  u64 *ns)
{
	unsigned long sink = 0;
	unsigned int i, end;
	u64 start;
	int ret;

	*ns = 0;
	for (i = 0; i < b->count; i = end) {
		end = min(b->count, i + SMM_BENCH_PT_CHUNK);
		preempt_disable();
		start = ktime_get_ns();
		ret = smm_bench_pt_host_loop(b->vaddr, b->pages, i, end, check,
					     &sink);
		*ns += ktime_get_ns() - start;
		preempt_enable();
		if (ret)
			return ret;
		cond_resched();
	}
	WRITE_ONCE(b->sink, sink);
	return 0;
}

/*
 * arm writes a new leaf old: its hardware PTE stays empty until a first
 * access makes it young (Linux's L_PTE_YOUNG). vmap() writes young kernel
 * PTEs; make the shadow leaves young too, by a read of each page, so
 * that both sides walk to a valid leaf.
 * Return: 0, -ENOMEM, or -EIO when a read did not complete.
 */
static int smm_bench_pt_shadow_young(struct smm_bench_pt *b)
{
	struct smm_touch *t;
	unsigned int i;
	int ret = 0;

	if (!(b->as->cfg.fmt->flags & SMM_PT_FMT_YOUNG_BY_INVALID))
		return 0;
	t = kmalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	for (i = 0; i < b->count && !ret; i++) {
		ret = smm_as_touch(b->as, smm_bench_pt_va(i), SMM_ACCESS_READ,
				   false, t, &b->why);
		if (!ret && !t->done)
			ret = -EIO;
		if (!(i % 256))
			cond_resched();
	}
	kfree(t);
	return ret;
}

/* Map, walk and unmap on the shadow side; @ns gets each phase's time. */
static int smm_bench_pt_shadow_round(struct smm_bench_pt *b, bool check,
				     u64 ns[SMM_BENCH_PT_NR_PHASES])
{
	const char *why;
	u64 start;
	int ret;

	start = ktime_get_ns();
	ret = smm_bench_pt_shadow_map(b);
	ns[SMM_BENCH_PT_MAP] = ktime_get_ns() - start;
	if (ret)
		goto err_unmap;
	ret = smm_bench_pt_shadow_young(b);
	if (ret)
		goto err_unmap;
	ret = smm_bench_pt_shadow_walk(b, check, &ns[SMM_BENCH_PT_WALK]);
	if (ret)
		goto err_unmap;
	start = ktime_get_ns();
	ret = smm_bench_pt_shadow_unmap(b, &b->why);
	ns[SMM_BENCH_PT_UNMAP] = ktime_get_ns() - start;
	return ret;

err_unmap:
	/* A failed map undid itself, not the blocks mapped before it. */
	smm_bench_pt_shadow_unmap(b, &why);
	return ret;
}

/* Map, walk and unmap on the host side; @ns gets each phase's time. */
static int smm_bench_pt_host_round(struct smm_bench_pt *b, bool check,
				   u64 ns[SMM_BENCH_PT_NR_PHASES])
{
	u64 start;
	int ret;

	start = ktime_get_ns();
	b->vaddr = vmap(b->pages, b->count, VM_MAP, PAGE_KERNEL);
	ns[SMM_BENCH_PT_MAP] = ktime_get_ns() - start;
	if (!b->vaddr)
		return -ENOMEM;
	ret = smm_bench_pt_host_walk(b, check, &ns[SMM_BENCH_PT_WALK]);
	start = ktime_get_ns();
	vunmap(b->vaddr);
	ns[SMM_BENCH_PT_UNMAP] = ktime_get_ns() - start;
	b->vaddr = NULL;
	return ret;
}

/*
 * The untimed rounds (the first checks every walk), then
 * SMM_BENCH_PT_ROUNDS rounds of both sides, alternating which goes
 * first; @best gets each side's fastest time of each phase.
 * Return: 0, or an errno with *@failed saying which side.
 */
static int smm_bench_pt_rounds(struct smm_bench_pt *b,
			       u64 best[2][SMM_BENCH_PT_NR_PHASES],
			       enum smm_bench_pt_side *failed)
{
	u64 ns[SMM_BENCH_PT_NR_PHASES];
	unsigned int round, k, p;
	int ret;

	/* untimed: the check, then as many rounds to warm up */
	for (round = 0; round < SMM_BENCH_PT_WARMUP; round++) {
		*failed = SMM_BENCH_PT_SHADOW;
		ret = smm_bench_pt_shadow_round(b, !round, ns);
		if (ret)
			return ret;
		*failed = SMM_BENCH_PT_HOST;
		ret = smm_bench_pt_host_round(b, !round, ns);
		if (ret)
			return ret;
	}

	for (p = 0; p < SMM_BENCH_PT_NR_PHASES; p++) {
		best[SMM_BENCH_PT_SHADOW][p] = U64_MAX;
		best[SMM_BENCH_PT_HOST][p] = U64_MAX;
	}
	for (round = 0; round < SMM_BENCH_PT_ROUNDS; round++) {
		for (k = 0; k < 2; k++) {
			enum smm_bench_pt_side side = (round + k) % 2;

			*failed = side;
			if (side == SMM_BENCH_PT_SHADOW)
				ret = smm_bench_pt_shadow_round(b, false, ns);
			else
				ret = smm_bench_pt_host_round(b, false, ns);
			if (ret)
				return ret;
			for (p = 0; p < SMM_BENCH_PT_NR_PHASES; p++)
				best[side][p] = min(best[side][p], ns[p]);
		}
	}
	return 0;
}

static int smm_bench_pt_reply(struct genl_info *info,
			      const struct smm_bench_pt *b, unsigned int cpu,
			      u64 best[2][SMM_BENCH_PT_NR_PHASES])
{
	const u64 *shadow = best[SMM_BENCH_PT_SHADOW];
	const u64 *host = best[SMM_BENCH_PT_HOST];
	const int pad = SHADOW_MM_A_BENCH_PT_PAD;
	struct sk_buff *msg;
	void *hdr;

	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, SHADOW_MM_A_BENCH_PT_COUNT, b->count) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_PT_ROUNDS,
			SMM_BENCH_PT_ROUNDS) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_PT_CPU, cpu) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_PT_FORMAT, b->as->cfg.fmt->id) ||
	    nla_put_u32(msg, SHADOW_MM_A_BENCH_PT_LEVELS, b->as->cfg.levels) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_PT_WALK_SHADOW_NS,
			      shadow[SMM_BENCH_PT_WALK], pad) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_PT_WALK_HOST_NS,
			      host[SMM_BENCH_PT_WALK], pad) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_PT_MAP_SHADOW_NS,
			      shadow[SMM_BENCH_PT_MAP], pad) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_PT_MAP_HOST_NS,
			      host[SMM_BENCH_PT_MAP], pad) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_PT_UNMAP_SHADOW_NS,
			      shadow[SMM_BENCH_PT_UNMAP], pad) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS,
			      host[SMM_BENCH_PT_UNMAP], pad)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Why the rounds failed, in the extack: @ret from @side. */
static void smm_bench_pt_err(struct genl_info *info,
			     const struct smm_bench_pt *b, int ret,
			     enum smm_bench_pt_side side)
{
	const struct nlattr *count = info->attrs[SHADOW_MM_A_BENCH_PT_COUNT];

	if (ret == -EIO && side == SMM_BENCH_PT_SHADOW)
		NL_SET_ERR_MSG(info->extack,
			       "the shadow walker did not find a page where the shadow space mapped it");
	else if (ret == -EIO)
		NL_SET_ERR_MSG(info->extack,
			       "vmalloc_to_page() did not find a page where vmap() mapped it");
	else if (ret == -ENOMEM && side == SMM_BENCH_PT_SHADOW)
		NL_SET_ERR_MSG_ATTR(info->extack, count,
				    "out of shadow pages for the page tables of count pages");
	else if (ret == -ENOMEM)
		NL_SET_ERR_MSG_ATTR(info->extack, count,
				    "vmap() of count pages failed");
	else if (b->why)
		smm_nl_set_why(info->extack, NULL, b->why);
	else
		NL_SET_ERR_MSG(info->extack,
			       "the shadow address space refused the benchmark's mappings");
}

/*
 * The shadow address space of the host's format and depth.
 * Return: 0, or an errno with the extack set.
 */
static int smm_bench_pt_as_new(struct genl_info *info, struct smm_bench_pt *b)
{
	const struct smm_pt_format *fmt;
	struct smm_pt_cfg cfg;
	int ret;

	fmt = smm_pt_format_by_id(smm_host_pt_format());
	if (!fmt) {
		NL_SET_ERR_MSG(info->extack,
			       "shadowmm has no format for this host's page tables");
		return -EOPNOTSUPP;
	}
	ret = smm_pt_cfg_init(&cfg, fmt, smm_host_pt_levels(),
			      fmt->default_mair);
	if (ret) {
		NL_SET_ERR_MSG(info->extack,
			       "the shadow format does not take the host's depth");
		return ret;
	}
	ret = smm_as_create(&cfg, &smm_as_shadow_ops, &b->as);
	if (ret) {
		NL_SET_ERR_MSG(info->extack,
			       "out of shadow pages for the root table");
		return ret;
	}
	return 0;
}

/**
 * smm_nl_bench_pt_doit() - BENCH_PT: time shadow page tables against the
 * host's
 * @skb: the request
 * @info: the request, parsed (count range-checked by the policy)
 *
 * Runs on the CPU the request arrived on, for the whole request. Leaves
 * nothing mapped nor allocated, also on failure.
 *
 * Return: 0 after the reply with the fastest round of each phase and
 * side; -EPERM without CAP_SYS_ADMIN; -EOPNOTSUPP on a host shadowmm has
 * no format for; -ENOMEM when the host or the shadow allocator runs out;
 * -ENOSPC when the host pages come in too many blocks; -EIO when a walk
 * does not find a page (a bug).
 */
int smm_nl_bench_pt_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	u64 best[2][SMM_BENCH_PT_NR_PHASES];
	enum smm_bench_pt_side failed;
	struct smm_bench_pt b = {};
	unsigned int cpu;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ADMIN);
	smm_event_refresh();

	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "bench-pt needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	b.count = SMM_BENCH_PT_COUNT;
	if (tb[SHADOW_MM_A_BENCH_PT_COUNT])
		b.count = nla_get_u32(tb[SHADOW_MM_A_BENCH_PT_COUNT]);

	ret = smm_bench_pt_as_new(info, &b);
	if (ret)
		return ret;
	b.pages = kvmalloc_array(b.count, sizeof(*b.pages), GFP_KERNEL);
	b.chunks = kvmalloc_array(min_t(unsigned int, b.count,
					SMM_AS_MAX_REGIONS),
				  sizeof(*b.chunks), GFP_KERNEL);
	if (!b.pages || !b.chunks) {
		ret = -ENOMEM;
		goto out;
	}
	ret = smm_bench_pt_pages_get(&b);
	if (ret == -ENOSPC) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[SHADOW_MM_A_BENCH_PT_COUNT],
				    "the host's free memory is too fragmented for count pages; try fewer");
		goto out;
	}
	if (ret) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[SHADOW_MM_A_BENCH_PT_COUNT],
				    "the host has no memory for count pages");
		goto out;
	}

	migrate_disable();
	cpu = raw_smp_processor_id();
	ret = smm_bench_pt_rounds(&b, best, &failed);
	migrate_enable();
	if (ret) {
		smm_bench_pt_err(info, &b, ret, failed);
		goto out;
	}
	ret = smm_bench_pt_reply(info, &b, cpu, best);

out:
	/* Whatever the shadow space still maps goes with it. */
	smm_as_destroy(b.as);
	smm_bench_pt_pages_put(&b);
	kvfree(b.chunks);
	kvfree(b.pages);
	return ret;
}
