// SPDX-License-Identifier: GPL-2.0
/*
 * The invariant checker: walks every descriptor and every list of each
 * zone under its locks and compares them with the counters, the way
 * drm_buddy's tests check their allocator after each step. It allocates
 * nothing, so it runs in any context the core runs in.
 */

#include "internal.h"

/**
 * struct smm_check - the state of one check
 * @mm: the memory manager
 * @rep: where descriptions go, or NULL
 * @violations: found so far
 * @buddy_blocks: free block heads seen in the descriptors, by order and
 *	list migratetype
 * @free_pages: free pages outside isolate lists seen in the descriptors
 * @pcp_pages: per-CPU pages seen in the descriptors
 */
struct smm_check {
	struct smm_mm *mm;
	struct smm_check_report *rep;
	unsigned int violations;
	unsigned long buddy_blocks[SMM_NR_ORDERS_MAX][SMM_MIGRATE_TYPES];
	unsigned long free_pages;
	unsigned long pcp_pages;
};

static void smm_violation(struct smm_check *c, u32 gidx, const char *what,
			  unsigned long a, unsigned long b)
{
	struct smm_check_report *rep = c->rep;

	c->violations++;
	if (!rep)
		return;
	rep->violations = c->violations;
	if (rep->nr_msgs >= SMM_CHECK_MAX_MSGS)
		return;
	if (gidx == SMM_NIL)
		snprintf(rep->msg[rep->nr_msgs++], SMM_CHECK_MSG_LEN,
			 "zone: %s (%lu, %lu)", what, a, b);
	else
		snprintf(rep->msg[rep->nr_msgs++], SMM_CHECK_MSG_LEN,
			 "pfn 0x%llx: %s (%lu, %lu)",
			 (unsigned long long)smm_gidx_pfn(c->mm, gidx), what,
			 a, b);
}

/* The zone of a gidx, or NULL when no present section holds it. */
static struct smm_zone *smm_check_zone_of(struct smm_mm *mm, u32 gidx)
{
	struct smm_section *s;

	if (gidx == SMM_NIL || gidx >= mm->end_pfn - mm->base_pfn)
		return NULL;
	s = smm_gidx_section(mm, gidx);
	return s->pages ? smm_section_zone(mm, s) : NULL;
}

static void smm_check_free_block(struct smm_check *c, struct smm_zone *zone,
				 u32 gidx, unsigned int order, int mt)
{
	struct smm_mm *mm = c->mm;
	unsigned long pb = 1UL << mm->p.pb_order, i;
	unsigned long nr = 1UL << order;
	u32 buddy;

	/* Isolate lists hold exactly the free pages of isolated blocks. */
	for (i = 0; i < nr; i += pb) {
		int pb_mt = smm_gidx_pb_mt(mm, gidx + (u32)i);

		bool pb_iso = pb_mt == SMM_MIGRATE_ISOLATE;

		if (pb_iso != (mt == SMM_MIGRATE_ISOLATE))
			smm_violation(c, gidx + (u32)i,
				      "free block on a list of the wrong isolation",
				      mt, pb_mt);
		if (mt == SMM_MIGRATE_HIGHATOMIC &&
		    pb_mt != SMM_MIGRATE_HIGHATOMIC)
			smm_violation(c, gidx + (u32)i,
				      "highatomic free block outside the reserve",
				      mt, pb_mt);
	}
	if (order >= mm->p.max_order)
		return;
	buddy = gidx ^ (1U << order);
	if (smm_gidx_page(mm, buddy)->flags & SMM_PG_BUDDY &&
	    smm_gidx_page(mm, buddy)->order == order) {
		int a = smm_gidx_pb_mt(mm, gidx), b = smm_gidx_pb_mt(mm, buddy);

		if (order < mm->p.pb_order || a == b ||
		    (smm_mt_mergeable(a) && smm_mt_mergeable(b)))
			smm_violation(c, gidx, "free buddies not merged",
				      order, buddy);
	}
}

static void smm_check_allocated(struct smm_check *c, struct smm_page *head,
				u32 gidx, unsigned int order)
{
	struct smm_mm *mm = c->mm;
	bool comp = head->flags & SMM_PG_HEAD;
	u32 i;

	if (comp && !order)
		smm_violation(c, gidx, "compound head of order 0", 0, 0);
	for (i = 1; i < (1U << order); i++) {
		struct smm_page *p = smm_gidx_page(mm, gidx + i);
		u16 bad = SMM_PG_BUDDY | SMM_PG_PCP | SMM_PG_RESERVED |
			  SMM_PG_HEAD;

		if (!comp)
			bad |= SMM_PG_TAIL;
		if ((p->flags & bad) || p->refcount)
			smm_violation(c, gidx + i,
				      "page in an allocated block is not plain",
				      p->flags, p->refcount);
		if (comp && (!(p->flags & SMM_PG_TAIL) ||
			     p->compound_head != gidx))
			smm_violation(c, gidx + i, "tail does not name its head",
				      p->flags, p->compound_head);
	}
}

/*
 * Walk one present section: every page is a hole, in exactly one free
 * (buddy or per-CPU) block, or in exactly one allocated block.
 */
static void smm_check_section(struct smm_check *c, struct smm_zone *zone,
			      unsigned long si)
{
	struct smm_mm *mm = c->mm;
	struct smm_section *s = &mm->sections[si];
	unsigned long nr = smm_section_pages(mm), i = 0, j, present = 0;
	u32 base = (u32)(si << mm->p.max_order);

	while (i < nr) {
		struct smm_page *page = &s->pages[i];
		u32 gidx = base + (u32)i;
		unsigned int order = page->order;
		unsigned long size;

		if (page->flags & SMM_PG_RESERVED) {
			if (page->flags != SMM_PG_RESERVED || page->refcount)
				smm_violation(c, gidx, "hole in use",
					      page->flags, page->refcount);
			i++;
			continue;
		}
		if (page->flags & SMM_PG_TAIL) {
			smm_violation(c, gidx, "tail outside its block",
				      page->flags, page->compound_head);
			i++;
			present++;
			continue;
		}
		if (!(page->flags & (SMM_PG_BUDDY | SMM_PG_PCP)) &&
		    !page->refcount) {
			smm_violation(c, gidx, "page neither free nor allocated",
				      page->flags, 0);
			i++;
			present++;
			continue;
		}
		if (order > mm->p.max_order || (i & ((1UL << order) - 1))) {
			smm_violation(c, gidx, "block misaligned or too big",
				      order, 0);
			i++;
			present++;
			continue;
		}
		size = 1UL << order;
		if ((page->flags & SMM_PG_BUDDY) && (page->flags & ~SMM_PG_BUDDY))
			smm_violation(c, gidx, "free page with other flags",
				      page->flags, 0);
		if ((page->flags & (SMM_PG_BUDDY | SMM_PG_PCP)) &&
		    (page->refcount || page->owner))
			smm_violation(c, gidx, "free page referenced",
				      page->refcount, page->owner);
		if (page->flags & (SMM_PG_BUDDY | SMM_PG_PCP)) {
			for (j = 1; j < size; j++) {
				struct smm_page *p = &s->pages[i + j];

				if (p->flags || p->refcount)
					smm_violation(c, gidx + (u32)j,
						      p->flags & SMM_PG_RESERVED ?
						      "hole inside a free block" :
						      "page in a free block not plain",
						      p->flags, p->refcount);
			}
		}
		if (page->flags & SMM_PG_BUDDY) {
			if (page->list_mt >= SMM_MIGRATE_TYPES) {
				smm_violation(c, gidx, "bad list migratetype",
					      page->list_mt, 0);
			} else {
				c->buddy_blocks[order][page->list_mt]++;
				if (page->list_mt != SMM_MIGRATE_ISOLATE)
					c->free_pages += size;
				smm_check_free_block(c, zone, gidx, order,
						     page->list_mt);
			}
		} else if (page->flags & SMM_PG_PCP) {
			c->pcp_pages += size;
			if (order > SMM_PCP_MAX_ORDER)
				smm_violation(c, gidx, "per-CPU block too big",
					      order, 0);
		} else {
			smm_check_allocated(c, page, gidx, order);
		}
		present += size;
		i += size;
	}
	if (present != s->present_pages)
		smm_violation(c, base, "section present pages disagree",
			      present, s->present_pages);
}

/*
 * Walk a list: links agree both ways, each member is what the list
 * holds. Return: its length (stops at @limit members).
 */
static unsigned long smm_check_list(struct smm_check *c, struct smm_zone *zone,
				    struct smm_list *l, u16 flag,
				    unsigned int order, int mt,
				    unsigned long limit)
{
	struct smm_mm *mm = c->mm;
	u32 prev = SMM_NIL, cur = l->head;
	unsigned long n = 0;

	while (cur != SMM_NIL) {
		struct smm_page *page;

		if (smm_check_zone_of(mm, cur) != zone) {
			smm_violation(c, prev, "list leads out of the zone",
				      cur, order);
			return n;
		}
		if (n >= limit) {
			smm_violation(c, cur, "list longer than its zone",
				      n, order);
			return n;
		}
		page = smm_gidx_page(mm, cur);
		if (page->prev != prev)
			smm_violation(c, cur, "prev link broken", page->prev,
				      prev);
		if (!(page->flags & flag) || page->order != order ||
		    page->list_mt != mt)
			smm_violation(c, cur, "page on the wrong list",
				      page->order, page->list_mt);
		prev = cur;
		cur = page->next;
		n++;
	}
	if (l->tail != prev)
		smm_violation(c, prev, "list tail wrong", l->tail, prev);
	return n;
}

static void smm_check_lists(struct smm_check *c, struct smm_zone *zone)
{
	struct smm_mm *mm = c->mm;
	unsigned long limit = zone->present_pages + 1, sum = 0, pcp_sum = 0;
	unsigned int o, mt, cpu, i;

	for (o = 0; o <= mm->p.max_order; o++) {
		struct smm_free_area *area = &zone->free_area[o];
		unsigned long blocks = 0;

		for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++) {
			unsigned long n;

			n = smm_check_list(c, zone, &area->free_list[mt],
					   SMM_PG_BUDDY, o, mt, limit);
			if (n != area->nr_free_mt[mt] ||
			    n != c->buddy_blocks[o][mt])
				smm_violation(c, SMM_NIL,
					      "free list length disagrees", n,
					      area->nr_free_mt[mt]);
			blocks += n;
			if (mt != SMM_MIGRATE_ISOLATE)
				sum += n << o;
		}
		if (blocks != area->nr_free)
			smm_violation(c, SMM_NIL, "nr_free disagrees", blocks,
				      area->nr_free);
	}
	if (sum != zone->free_pages || sum != c->free_pages)
		smm_violation(c, SMM_NIL, "zone free pages disagree", sum,
			      zone->free_pages);

	for (cpu = 0; zone->pcp && cpu < mm->p.nr_cpus; cpu++) {
		struct smm_per_cpu_pages *pcp = &zone->pcp[cpu];
		unsigned long pages = 0;

		for (i = 0; i < SMM_NR_PCP_LISTS; i++)
			pages += smm_check_list(c, zone, &pcp->lists[i],
						SMM_PG_PCP,
						i / SMM_MIGRATE_PCPTYPES,
						i % SMM_MIGRATE_PCPTYPES,
						limit) << (i / SMM_MIGRATE_PCPTYPES);
		if (pages != (unsigned long)pcp->count)
			smm_violation(c, SMM_NIL, "per-CPU count disagrees",
				      pages, cpu);
		pcp_sum += pages;
	}
	if (pcp_sum != c->pcp_pages)
		smm_violation(c, SMM_NIL, "per-CPU pages off their lists",
			      c->pcp_pages, pcp_sum);
}

static void smm_check_pageblocks(struct smm_check *c, struct smm_zone *zone)
{
	unsigned long count[SMM_MIGRATE_TYPES] = { 0 }, si, pb;
	struct smm_mm *mm = c->mm;
	unsigned int mt;

	for (si = 0; si < mm->nr_sections; si++) {
		struct smm_section *s = &mm->sections[si];

		if (!s->pages || smm_section_zone(mm, s) != zone)
			continue;
		for (pb = 0; pb < mm->pageblocks_per_section; pb++) {
			if (s->pageblock_mt[pb] >= SMM_MIGRATE_TYPES)
				smm_violation(c, (u32)(si << mm->p.max_order),
					      "bad pageblock type", pb,
					      s->pageblock_mt[pb]);
			else if (smm_pageblock_in_span(mm, zone, si, pb))
				count[s->pageblock_mt[pb]]++;
		}
	}
	for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
		if (count[mt] != zone->nr_pageblocks[mt])
			smm_violation(c, SMM_NIL, "pageblock count disagrees",
				      count[mt], zone->nr_pageblocks[mt]);
	if (zone->nr_reserved_highatomic !=
	    count[SMM_MIGRATE_HIGHATOMIC] << mm->p.pb_order)
		smm_violation(c, SMM_NIL, "highatomic reserve disagrees",
			      zone->nr_reserved_highatomic,
			      count[SMM_MIGRATE_HIGHATOMIC]);
}

static void smm_check_zone(struct smm_check *c, struct smm_zone *zone)
{
	struct smm_mm *mm = c->mm;
	unsigned long si;

	memset(c->buddy_blocks, 0, sizeof(c->buddy_blocks));
	c->free_pages = 0;
	c->pcp_pages = 0;
	for (si = 0; si < mm->nr_sections; si++) {
		struct smm_section *s = &mm->sections[si];

		if (s->pages && smm_section_zone(mm, s) == zone)
			smm_check_section(c, zone, si);
	}
	smm_check_lists(c, zone);
	smm_check_pageblocks(c, zone);
}

static unsigned int smm_check_locked(struct smm_mm *mm,
				     struct smm_check_report *rep)
{
	struct smm_check c = { .mm = mm, .rep = rep };
	struct smm_zone *zone;

	if (rep)
		memset(rep, 0, sizeof(*rep));
	for_each_smm_zone(mm, zone) {
		if (!smm_zone_populated(zone))
			continue;
		smm_lock_zone_all(zone);
		smm_check_zone(&c, zone);
		smm_unlock_zone_all(zone);
	}
	return c.violations;
}

unsigned int smm_mm_check(struct smm_mm *mm, struct smm_check_report *rep)
{
	unsigned int n;

	smm_lock(&mm->lock);
	n = smm_check_locked(mm, rep);
	smm_unlock(&mm->lock);
	return n;
}

void smm_debug_check(struct smm_mm *mm)
{
	unsigned int n;

	smm_lock(&mm->lock);
	n = smm_check_locked(mm, mm->debug_violations ? NULL :
			     &mm->debug_report);
	mm->debug_violations += n;
	smm_unlock(&mm->lock);
}
