// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy allocator: free lists per order and migratetype, splitting
 * on allocation (expand()), merging on free (__free_one_page()), falling
 * back to other migratetypes and stealing pageblocks
 * (__rmqueue_fallback()), the highatomic reserve, pageblock isolation,
 * and the allocation and free entry points with their zonelist walk
 * (get_page_from_freelist()).
 */

#include "internal.h"

/* Where a request of each migratetype looks when its own lists are empty. */
static const int smm_fallbacks[SMM_MIGRATE_PCPTYPES][2] = {
	[SMM_MIGRATE_UNMOVABLE] = { SMM_MIGRATE_RECLAIMABLE,
				    SMM_MIGRATE_MOVABLE },
	[SMM_MIGRATE_MOVABLE] = { SMM_MIGRATE_RECLAIMABLE,
				  SMM_MIGRATE_UNMOVABLE },
	[SMM_MIGRATE_RECLAIMABLE] = { SMM_MIGRATE_UNMOVABLE,
				      SMM_MIGRATE_MOVABLE },
};

static unsigned long smm_pb_pages(const struct smm_mm *mm)
{
	return 1UL << mm->p.pb_order;
}

void __smm_emit(struct smm_zone *zone, enum smm_event_type type, u32 gidx,
		unsigned int order, int mt, int old_mt, u16 owner,
		unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	struct smm_event ev;

	if (!mm->p.event)
		return;
	ev.type = type;
	ev.nid = zone->nid;
	ev.zone = zone->type;
	ev.pfn = smm_gidx_pfn(mm, gidx);
	ev.order = order;
	ev.mt = mt;
	ev.old_mt = old_mt;
	ev.owner = owner;
	ev.cpu = cpu;
	mm->p.event(mm->p.event_arg, &ev);
}

static void smm_add_free(struct smm_zone *zone, u32 gidx, unsigned int order,
			 int mt, bool tail)
{
	struct smm_page *page = smm_gidx_page(zone->mm, gidx);
	struct smm_free_area *area = &zone->free_area[order];

	page->flags = SMM_PG_BUDDY;
	page->order = order;
	page->list_mt = mt;
	if (tail)
		smm_list_add_tail(zone->mm, &area->free_list[mt], gidx);
	else
		smm_list_add(zone->mm, &area->free_list[mt], gidx);
	area->nr_free++;
	area->nr_free_mt[mt]++;
	if (mt != SMM_MIGRATE_ISOLATE)
		zone->free_pages += 1UL << order;
}

static void smm_del_free(struct smm_zone *zone, u32 gidx)
{
	struct smm_page *page = smm_gidx_page(zone->mm, gidx);
	unsigned int order = page->order;
	struct smm_free_area *area = &zone->free_area[order];
	int mt = page->list_mt;

	smm_list_del(zone->mm, &area->free_list[mt], gidx);
	area->nr_free--;
	area->nr_free_mt[mt]--;
	if (mt != SMM_MIGRATE_ISOLATE)
		zone->free_pages -= 1UL << order;
	page->flags &= ~SMM_PG_BUDDY;
	page->order = 0;
	page->list_mt = 0;
}

/* move_to_free_list(): to the tail of another migratetype's list. */
static void smm_move_free(struct smm_zone *zone, u32 gidx, int mt)
{
	unsigned int order = smm_gidx_page(zone->mm, gidx)->order;

	smm_del_free(zone, gidx);
	smm_add_free(zone, gidx, order, mt, true);
}

static void smm_set_pb_mt(struct smm_zone *zone, u32 gidx, int mt)
{
	struct smm_mm *mm = zone->mm;
	struct smm_section *s = smm_gidx_section(mm, gidx);
	unsigned long idx = (gidx & (smm_section_pages(mm) - 1)) >>
			    mm->p.pb_order;
	int old = s->pageblock_mt[idx];

	if (old == mt)
		return;
	if (smm_pageblock_in_span(mm, zone, s - mm->sections, idx)) {
		zone->nr_pageblocks[old]--;
		zone->nr_pageblocks[mt]++;
	}
	s->pageblock_mt[idx] = mt;
}

static bool smm_is_free_buddy(struct smm_mm *mm, u32 gidx, unsigned int order)
{
	struct smm_page *page = smm_gidx_page(mm, gidx);

	return (page->flags & SMM_PG_BUDDY) && page->order == order;
}

void smm_free_one(struct smm_zone *zone, u32 gidx, unsigned int order,
		  int mt, unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned int max_order = mm->p.max_order;
	bool tail = false;

	while (order < max_order) {
		u32 buddy = gidx ^ (1U << order);

		if (!smm_is_free_buddy(mm, buddy, order))
			break;
		/* Isolated and highatomic pageblocks keep to themselves. */
		if (order >= mm->p.pb_order) {
			int bmt = smm_gidx_pb_mt(mm, buddy);

			if (mt != bmt && (!smm_mt_mergeable(mt) ||
					  !smm_mt_mergeable(bmt)))
				break;
		}
		smm_del_free(zone, buddy);
		gidx &= buddy;
		order++;
		zone->stats.merges++;
		smm_emit(zone, SMM_EV_MERGE, gidx, order, mt, mt, 0, cpu);
	}

	/*
	 * buddy_merge_likely(): when the buddy of the next larger block is
	 * free, this block will likely merge soon: keep it at the tail so
	 * it is not handed out first.
	 */
	if (order + 1 < max_order) {
		u32 parent = gidx & ~(1U << order);

		tail = smm_is_free_buddy(mm, parent ^ (1U << (order + 1)),
					 order + 1);
	}
	smm_add_free(zone, gidx, order, mt, tail);
}

void smm_free_range(struct smm_zone *zone, u32 gidx, unsigned int order,
		    unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned long pb = smm_pb_pages(mm), i, nr = 1UL << order;
	int mt = smm_gidx_pb_mt(mm, gidx);
	bool same = true;

	/*
	 * A block over several pageblocks of different types is freed a
	 * pageblock at a time, each to its own type, so an isolated or
	 * highatomic pageblock never hides inside a larger free block.
	 */
	for (i = pb; i < nr; i += pb)
		if (smm_gidx_pb_mt(mm, gidx + i) != mt)
			same = false;
	if (same) {
		smm_free_one(zone, gidx, order, mt, cpu);
		return;
	}
	for (i = 0; i < nr; i += pb)
		smm_free_one(zone, gidx + i, mm->p.pb_order,
			     smm_gidx_pb_mt(mm, gidx + i), cpu);
}

/* expand(): split a block down to the order wanted, halves to the list. */
static void smm_expand(struct smm_zone *zone, u32 gidx, unsigned int low,
		       unsigned int high, int mt, unsigned int cpu)
{
	while (high > low) {
		high--;
		smm_add_free(zone, gidx + (1U << high), high, mt, false);
		zone->stats.splits++;
		smm_emit(zone, SMM_EV_SPLIT, gidx, high + 1, mt, mt, 0, cpu);
	}
}

static u32 smm_rmqueue_smallest(struct smm_zone *zone, unsigned int order,
				int mt, unsigned int cpu)
{
	unsigned int o;

	for (o = order; o <= zone->mm->p.max_order; o++) {
		struct smm_list *l = &zone->free_area[o].free_list[mt];
		u32 gidx = l->head;

		if (gidx == SMM_NIL)
			continue;
		smm_del_free(zone, gidx);
		smm_expand(zone, gidx, order, o, mt, cpu);
		return gidx;
	}
	return SMM_NIL;
}

/* can_steal_fallback() */
static bool smm_can_steal(struct smm_mm *mm, unsigned int order, int start_mt)
{
	if (order >= mm->p.pb_order)
		return true;
	return order >= mm->p.pb_order / 2 ||
	       start_mt == SMM_MIGRATE_RECLAIMABLE ||
	       start_mt == SMM_MIGRATE_UNMOVABLE;
}

/* find_suitable_fallback() */
static int smm_find_fallback(struct smm_zone *zone, unsigned int order,
			     int start_mt, bool *can_steal)
{
	struct smm_free_area *area = &zone->free_area[order];
	unsigned int i;

	*can_steal = false;
	if (!area->nr_free)
		return -1;
	for (i = 0; i < ARRAY_SIZE(smm_fallbacks[0]); i++) {
		int mt = smm_fallbacks[start_mt][i];

		if (smm_list_empty(&area->free_list[mt]))
			continue;
		*can_steal = smm_can_steal(zone->mm, order, start_mt);
		return mt;
	}
	return -1;
}

/*
 * move_freepages_block(): move the free blocks of a pageblock to @mt's
 * lists. Return: pages moved; *@movable gets pages in use that could
 * move (on an LRU).
 */
static unsigned long smm_move_freepages_block(struct smm_zone *zone, u32 gidx,
					      int mt, unsigned long *movable)
{
	struct smm_mm *mm = zone->mm;
	unsigned long pb = smm_pb_pages(mm), moved = 0;
	u32 start = gidx & ~(u32)(pb - 1), i = start;

	if (movable)
		*movable = 0;
	while (i < start + pb) {
		struct smm_page *page = smm_gidx_page(mm, i);
		unsigned int order;

		if (!(page->flags & SMM_PG_BUDDY)) {
			if (movable && (page->flags & SMM_PG_LRU))
				(*movable)++;
			i++;
			continue;
		}
		order = page->order;
		smm_move_free(zone, i, mt);
		moved += 1UL << order;
		i += 1U << order;
	}
	return moved;
}

/*
 * Free a pageblock-or-larger free block covering the pageblock of @gidx
 * again, so it is cut and merged by the pageblocks' current types.
 */
static void smm_pageblock_refree(struct smm_zone *zone, u32 gidx,
				 unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned int o;

	for (o = mm->p.pb_order; o <= mm->p.max_order; o++) {
		u32 head = gidx & ~((1U << o) - 1);

		if (smm_is_free_buddy(mm, head, o)) {
			smm_del_free(zone, head);
			smm_free_range(zone, head, o, cpu);
			return;
		}
	}
}

/* Give a pageblock a new type and its free pages the matching lists. */
static void smm_pageblock_retype(struct smm_zone *zone, u32 gidx, int mt,
				 unsigned int cpu)
{
	smm_set_pb_mt(zone, gidx, mt);
	smm_pageblock_refree(zone, gidx, cpu);
	smm_move_freepages_block(zone, gidx, mt, NULL);
}

/* steal_suitable_fallback() */
static void smm_steal_fallback(struct smm_zone *zone, u32 gidx,
			       unsigned int order, int start_mt,
			       bool whole_block, unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned long pb = smm_pb_pages(mm), free_pages, movable, alike;
	int old_mt = smm_gidx_pb_mt(mm, gidx);
	unsigned long i;

	if (old_mt == SMM_MIGRATE_HIGHATOMIC)
		goto single_page;

	/* A free block of whole pageblocks: they all change type. */
	if (order >= mm->p.pb_order) {
		for (i = 0; i < (1UL << order); i += pb) {
			int mt = smm_gidx_pb_mt(mm, gidx + i);

			if (mt == start_mt)
				continue;
			smm_set_pb_mt(zone, gidx + i, start_mt);
			zone->stats.steals[start_mt]++;
			smm_emit(zone, SMM_EV_STEAL, gidx + i,
				 mm->p.pb_order, start_mt, mt, 0, cpu);
		}
		goto single_page;
	}
	if (!whole_block)
		goto single_page;

	free_pages = smm_move_freepages_block(zone, gidx, start_mt, &movable);
	if (start_mt == SMM_MIGRATE_MOVABLE)
		alike = movable;
	else if (old_mt == SMM_MIGRATE_MOVABLE)
		alike = pb - (free_pages + movable);
	else
		alike = 0;
	if (!free_pages)
		goto single_page;
	/* Most of the pageblock is free or of our kind: it becomes ours. */
	if (free_pages + alike >= pb / 2) {
		u32 start = gidx & ~(u32)(pb - 1);

		smm_set_pb_mt(zone, start, start_mt);
		zone->stats.steals[start_mt]++;
		smm_emit(zone, SMM_EV_STEAL, start, mm->p.pb_order,
			 start_mt, old_mt, 0, cpu);
	}
	return;

single_page:
	smm_move_free(zone, gidx, start_mt);
}

/* __rmqueue_fallback(): the largest block of another type, stolen. */
static bool smm_rmqueue_fallback(struct smm_zone *zone, unsigned int order,
				 int start_mt, unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	bool can_steal;
	int o, mt = -1;

	for (o = mm->p.max_order; o >= (int)order; o--) {
		mt = smm_find_fallback(zone, o, start_mt, &can_steal);
		if (mt < 0)
			continue;
		/*
		 * Movable requests that cannot take the whole pageblock
		 * split the smallest block instead, leaving the large
		 * ones to those that can.
		 */
		if (!can_steal && start_mt == SMM_MIGRATE_MOVABLE &&
		    o > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (o = order; o <= (int)mm->p.max_order; o++) {
		mt = smm_find_fallback(zone, o, start_mt, &can_steal);
		if (mt >= 0)
			break;
	}
	if (mt < 0)
		return false;

do_steal:
	zone->stats.fallbacks[start_mt]++;
	smm_steal_fallback(zone, zone->free_area[o].free_list[mt].head, o,
			   start_mt, can_steal, cpu);
	return true;
}

u32 smm_rmqueue(struct smm_zone *zone, unsigned int order, int mt,
		unsigned int cpu)
{
	u32 gidx;

	for (;;) {
		gidx = smm_rmqueue_smallest(zone, order, mt, cpu);
		if (gidx != SMM_NIL ||
		    !smm_rmqueue_fallback(zone, order, mt, cpu))
			return gidx;
	}
}

void smm_prep_new_page(struct smm_zone *zone, u32 gidx,
		       const struct smm_prep *prep)
{
	struct smm_mm *mm = zone->mm;
	struct smm_page *page = smm_gidx_page(mm, gidx);
	bool comp = prep->order && (prep->gfp & SMM_GFP_COMP);
	u32 i;

	page->flags = 0;
	if (comp)
		page->flags |= SMM_PG_HEAD;
	if (prep->gfp & SMM_GFP_ZERO)
		page->flags |= SMM_PG_ZEROED;
	page->order = prep->order;
	page->mapcount = 0;
	page->refcount = 1;
	page->owner = prep->owner;
	page->next = SMM_NIL;
	page->prev = SMM_NIL;
	for (i = 1; comp && i < (1U << prep->order); i++) {
		struct smm_page *tail = smm_gidx_page(mm, gidx + i);

		tail->flags = SMM_PG_TAIL;
		tail->compound_head = gidx;
	}
	smm_emit(zone, SMM_EV_ALLOC, gidx, prep->order, prep->mt, prep->mt,
		 prep->owner, prep->cpu);
}

/* reserve_highatomic_pageblock(): up to 1% of the zone plus a pageblock. */
static void smm_reserve_highatomic(struct smm_zone *zone, u32 gidx,
				   unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned long pb = smm_pb_pages(mm);
	int mt = smm_gidx_pb_mt(mm, gidx);

	if (zone->nr_reserved_highatomic >= zone->managed_pages / 100 + pb)
		return;
	if (mt == SMM_MIGRATE_HIGHATOMIC || mt == SMM_MIGRATE_ISOLATE)
		return;
	zone->nr_reserved_highatomic += pb;
	smm_set_pb_mt(zone, gidx, SMM_MIGRATE_HIGHATOMIC);
	smm_move_freepages_block(zone, gidx, SMM_MIGRATE_HIGHATOMIC, NULL);
	zone->stats.highatomic_reserved++;
	smm_emit(zone, SMM_EV_STEAL, gidx & ~(u32)(pb - 1),
		 mm->p.pb_order, SMM_MIGRATE_HIGHATOMIC, mt, 0, cpu);
}

/* unreserve_highatomic_pageblock(): give one reserved pageblock back. */
static bool smm_unreserve_highatomic(struct smm_zone *zone, int mt,
				     unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned long pb = smm_pb_pages(mm);
	unsigned int o;

	if (!zone->nr_reserved_highatomic)
		return false;
	for (o = 0; o <= mm->p.max_order; o++) {
		struct smm_list *l =
			&zone->free_area[o].free_list[SMM_MIGRATE_HIGHATOMIC];
		u32 gidx = l->head;

		if (gidx == SMM_NIL)
			continue;
		zone->nr_reserved_highatomic -=
			min(pb, zone->nr_reserved_highatomic);
		smm_emit(zone, SMM_EV_STEAL, gidx & ~(u32)(pb - 1),
			 mm->p.pb_order, mt, SMM_MIGRATE_HIGHATOMIC, 0,
			 cpu);
		smm_pageblock_retype(zone, gidx, mt, cpu);
		return true;
	}
	return false;
}

/* rmqueue(): one zone, per-CPU lists for small orders. */
static u32 smm_rmqueue_zone(struct smm_zone *zone, const struct smm_prep *prep,
			    bool harder)
{
	u32 gidx;

	if (smm_pcp_order(zone->mm, prep->order)) {
		gidx = smm_pcp_alloc(zone, prep);
	} else {
		smm_lock(&zone->lock);
		gidx = SMM_NIL;
		if (harder)
			gidx = smm_rmqueue_smallest(zone, prep->order,
						    SMM_MIGRATE_HIGHATOMIC,
						    prep->cpu);
		if (gidx == SMM_NIL)
			gidx = smm_rmqueue(zone, prep->order, prep->mt,
					   prep->cpu);
		if (gidx != SMM_NIL) {
			zone->stats.allocs++;
			smm_prep_new_page(zone, gidx, prep);
		}
		smm_unlock(&zone->lock);
	}
	if (gidx != SMM_NIL && harder && prep->order) {
		smm_lock(&zone->lock);
		smm_reserve_highatomic(zone, gidx, prep->cpu);
		smm_unlock(&zone->lock);
	}
	return gidx;
}

/* get_page_from_freelist(): the first zone of the list above @mark. */
static u32 smm_get_page(struct smm_zone **zonelist, enum smm_zone_type highest,
			const struct smm_prep *prep, enum smm_wmark mark,
			u32 gfp, struct smm_zone **zonep)
{
	bool harder = gfp & SMM_GFP_ATOMIC;
	struct smm_zone *zone;
	unsigned int i;
	u32 gidx;

	for (i = 0; (zone = zonelist[i]); i++) {
		if (zone->type > highest)
			continue;
		if (smm_zone_watermark_ok(zone, prep->order,
					  zone->watermark[mark], highest, gfp)) {
			gidx = smm_rmqueue_zone(zone, prep, harder);
			if (gidx != SMM_NIL) {
				*zonep = zone;
				return gidx;
			}
		}
		if (prep->gfp & SMM_GFP_NOFALLBACK)
			break;
	}
	return SMM_NIL;
}

static int smm_alloc_check(struct smm_mm *mm, const struct smm_alloc_req *req,
			   int *mt, int *nid)
{
	if (req->order > mm->p.max_order || (req->gfp & ~SMM_GFP_ALL) ||
	    req->cpu >= mm->p.nr_cpus)
		return -EINVAL;
	*mt = req->migratetype;
	if (*mt == SMM_MIGRATE_FROM_GFP)
		*mt = smm_gfp_migratetype(req->gfp);
	if (*mt < 0 || *mt >= SMM_MIGRATE_PCPTYPES)
		return -EINVAL;
	*nid = req->nid;
	if (*nid == SMM_NUMA_NO_NODE)
		/* No division on the fast path: 32-bit ARM has none in hardware. */
		*nid = mm->nr_nodes == 1 ? 0 : (int)(req->cpu % mm->nr_nodes);
	if (*nid < 0 || *nid >= (int)mm->nr_nodes)
		return -EINVAL;
	return 0;
}

int smm_alloc(struct smm_mm *mm, const struct smm_alloc_req *req, u64 *pfn)
{
	struct smm_zone **zonelist, *zone = NULL;
	struct smm_prep prep;
	int mt, nid, highest, pass, passes, ret;
	u32 gidx = SMM_NIL, low_gfp;
	unsigned int i;

	if (!req || !pfn)
		return -EINVAL;
	ret = smm_alloc_check(mm, req, &mt, &nid);
	if (ret)
		return ret;
	highest = smm_gfp_zone(mm, req->gfp);
	if (highest < 0)
		return highest;

	prep.order = req->order;
	prep.gfp = req->gfp;
	prep.mt = mt;
	prep.owner = req->owner;
	prep.cpu = req->cpu;
	zonelist = req->gfp & SMM_GFP_THISNODE ?
		mm->nodes[nid].zonelist_thisnode : mm->nodes[nid].zonelist;
	low_gfp = req->gfp & ~(SMM_GFP_HIGH | SMM_GFP_ATOMIC);

	/*
	 * The fast path wants the low watermark; the slow path the min one,
	 * less for SMM_GFP_HIGH/ATOMIC. With no reclaim to wait for, the
	 * last try gives the highatomic reserves back and drains every
	 * per-CPU list first, as the kernel's direct reclaim does before
	 * giving up; a request that may not reclaim stops short of it.
	 */
	passes = req->gfp & SMM_GFP_NORECLAIM ? 2 : 3;
	for (pass = 0; pass < passes && gidx == SMM_NIL; pass++) {
		if (pass == 2) {
			for (i = 0; zonelist[i]; i++) {
				smm_lock(&zonelist[i]->lock);
				smm_unreserve_highatomic(zonelist[i], mt,
							 req->cpu);
				smm_unlock(&zonelist[i]->lock);
			}
			for (i = 0; i < mm->p.nr_cpus; i++)
				smm_drain_cpu_zones(mm, i);
		}
		gidx = smm_get_page(zonelist, highest, &prep,
				    pass ? SMM_WMARK_MIN : SMM_WMARK_LOW,
				    pass ? req->gfp : low_gfp, &zone);
	}

	if (gidx == SMM_NIL) {
		for (i = 0; (zone = zonelist[i]); i++) {
			if ((int)zone->type > highest)
				continue;
			smm_lock(&zone->lock);
			zone->stats.alloc_fail++;
			smm_unlock(&zone->lock);
			break;
		}
		ret = -ENOMEM;
	} else {
		*pfn = smm_gidx_pfn(mm, gidx);
	}
	if (mm->p.debug_check)
		smm_debug_check(mm);
	return ret;
}

static bool smm_page_is_block_head(const struct smm_page *page)
{
	return page->refcount && !(page->flags & (SMM_PG_BUDDY | SMM_PG_PCP |
						  SMM_PG_RESERVED |
						  SMM_PG_TAIL));
}

int smm_free(struct smm_mm *mm, u64 pfn, unsigned int cpu)
{
	struct smm_per_cpu_pages *pcp;
	struct smm_page *page;
	struct smm_zone *zone;
	unsigned int order;
	u32 gidx, i, nr;
	u16 owner;
	int mt;

	if (cpu >= mm->p.nr_cpus)
		return -EINVAL;
	page = smm_pfn_to_page(mm, pfn);
	if (!page)
		return -EINVAL;
	gidx = (u32)(pfn - mm->base_pfn);
	zone = smm_section_zone(mm, smm_gidx_section(mm, gidx));
	if (!zone->pcp)
		return -EINVAL;
	pcp = &zone->pcp[cpu];

	smm_lock(&pcp->lock);
	if (!smm_page_is_block_head(page)) {
		smm_unlock(&pcp->lock);
		return -EINVAL;
	}
	if (--page->refcount) {
		smm_unlock(&pcp->lock);
		return 0;
	}
	order = page->order;
	owner = page->owner;
	/*
	 * free_pages_prepare(): the block's descriptors back clean. Only the
	 * head of a plain block was written (smm_prep_new_page()); a
	 * compound block's tails carry their head too. Leaving the other
	 * tails alone keeps large frees O(1), as 6.12 does without
	 * page-check debugging; the checker still looks at every page.
	 */
	nr = page->flags & SMM_PG_HEAD ? 1U << order : 1;
	for (i = 0; i < nr; i++) {
		struct smm_page *p = smm_gidx_page(mm, gidx + i);

		p->flags = 0;
		p->order = 0;
		p->mapcount = 0;
		p->refcount = 0;
		p->owner = 0;
		p->next = SMM_NIL;
		p->prev = SMM_NIL;
	}
	mt = smm_gidx_pb_mt(mm, gidx);
	smm_emit(zone, SMM_EV_FREE, gidx, order, mt, mt, owner, cpu);
	if (smm_pcp_order(mm, order) && mt != SMM_MIGRATE_ISOLATE) {
		smm_pcp_free(zone, pcp, gidx, order, mt, cpu);
	} else {
		smm_lock(&zone->lock);
		smm_free_range(zone, gidx, order, cpu);
		zone->stats.frees++;
		smm_unlock(&zone->lock);
	}
	smm_unlock(&pcp->lock);
	if (mm->p.debug_check)
		smm_debug_check(mm);
	return 0;
}

int smm_pageblock_isolate(struct smm_mm *mm, u64 pfn)
{
	struct smm_zone *zone = smm_pfn_zone(mm, pfn);
	u32 gidx = (u32)(pfn - mm->base_pfn);
	unsigned int cpu;
	int mt, ret = 0;

	if (!zone)
		return -EINVAL;
	smm_lock(&mm->lock);
	smm_lock_zone_all(zone);
	mt = smm_gidx_pb_mt(mm, gidx);
	if (mt == SMM_MIGRATE_ISOLATE) {
		ret = -EBUSY;
	} else {
		if (mt == SMM_MIGRATE_HIGHATOMIC)
			zone->nr_reserved_highatomic -=
				min(smm_pb_pages(mm),
				    zone->nr_reserved_highatomic);
		smm_pageblock_retype(zone, gidx, SMM_MIGRATE_ISOLATE, 0);
		/* Per-CPU pages of the block drain to the isolate lists. */
		for (cpu = 0; cpu < mm->p.nr_cpus; cpu++)
			smm_pcp_drain_locked(zone, &zone->pcp[cpu],
					     zone->pcp[cpu].count, cpu);
	}
	smm_unlock_zone_all(zone);
	smm_unlock(&mm->lock);
	if (mm->p.debug_check)
		smm_debug_check(mm);
	return ret;
}

int smm_pageblock_unisolate(struct smm_mm *mm, u64 pfn, int migratetype)
{
	struct smm_zone *zone = smm_pfn_zone(mm, pfn);
	u32 gidx = (u32)(pfn - mm->base_pfn);
	int ret = 0;

	if (!zone || migratetype < 0 || migratetype >= SMM_MIGRATE_PCPTYPES)
		return -EINVAL;
	smm_lock(&zone->lock);
	if (smm_gidx_pb_mt(mm, gidx) != SMM_MIGRATE_ISOLATE)
		ret = -EINVAL;
	else
		smm_pageblock_retype(zone, gidx, migratetype, 0);
	smm_unlock(&zone->lock);
	if (mm->p.debug_check)
		smm_debug_check(mm);
	return ret;
}
