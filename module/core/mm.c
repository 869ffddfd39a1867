// SPDX-License-Identifier: GPL-2.0
/*
 * Building the shadow memory: sections over the carved blocks (a
 * SPARSEMEM-like memory model), nodes and zones with their spans, then
 * handing every block to the buddy allocator, the way memblock's memory
 * reaches the kernel's free lists at boot. Also lookups and owner tags.
 */

#include "internal.h"

const char * const smm_zone_names[SMM_NR_ZONE_TYPES] = {
	[SMM_ZONE_DMA] = "DMA",
	[SMM_ZONE_DMA32] = "DMA32",
	[SMM_ZONE_NORMAL] = "Normal",
	[SMM_ZONE_HIGHMEM] = "HighMem",
	[SMM_ZONE_MOVABLE] = "Movable",
};

const char * const smm_migratetype_names[SMM_MIGRATE_TYPES] = {
	[SMM_MIGRATE_UNMOVABLE] = "Unmovable",
	[SMM_MIGRATE_MOVABLE] = "Movable",
	[SMM_MIGRATE_RECLAIMABLE] = "Reclaimable",
	[SMM_MIGRATE_HIGHATOMIC] = "HighAtomic",
	[SMM_MIGRATE_ISOLATE] = "Isolate",
};

void smm_list_add(struct smm_mm *mm, struct smm_list *l, u32 gidx)
{
	struct smm_page *page = smm_gidx_page(mm, gidx);

	page->prev = SMM_NIL;
	page->next = l->head;
	if (l->head != SMM_NIL)
		smm_gidx_page(mm, l->head)->prev = gidx;
	else
		l->tail = gidx;
	l->head = gidx;
}

void smm_list_add_tail(struct smm_mm *mm, struct smm_list *l, u32 gidx)
{
	struct smm_page *page = smm_gidx_page(mm, gidx);

	page->next = SMM_NIL;
	page->prev = l->tail;
	if (l->tail != SMM_NIL)
		smm_gidx_page(mm, l->tail)->next = gidx;
	else
		l->head = gidx;
	l->tail = gidx;
}

void smm_list_del(struct smm_mm *mm, struct smm_list *l, u32 gidx)
{
	struct smm_page *page = smm_gidx_page(mm, gidx);

	if (page->prev != SMM_NIL)
		smm_gidx_page(mm, page->prev)->next = page->next;
	else
		l->head = page->next;
	if (page->next != SMM_NIL)
		smm_gidx_page(mm, page->next)->prev = page->prev;
	else
		l->tail = page->prev;
	page->next = SMM_NIL;
	page->prev = SMM_NIL;
}

static int smm_check_params(const struct smm_mm_params *p)
{
	unsigned int i, j;

	if (p->max_order > SMM_MAX_ORDER_LIMIT ||
	    p->pb_order > p->max_order ||
	    p->page_shift < 10 || p->page_shift > 20 ||
	    !p->nr_nodes || p->nr_nodes > SMM_MAX_NODES ||
	    !p->nr_cpus || p->nr_cpus > SMM_MAX_CPUS ||
	    !(p->zone_mask & BIT(SMM_ZONE_NORMAL)) ||
	    (p->zone_mask & ~(BIT(SMM_NR_ZONE_TYPES) - 1)) ||
	    p->watermark_scale_factor > 3000)
		return -EINVAL;
	if (!p->node_distance[0][0])
		return 0;
	/* The kernel's numa_set_distance() rules. */
	for (i = 0; i < p->nr_nodes; i++)
		for (j = 0; j < p->nr_nodes; j++) {
			u8 d = p->node_distance[i][j];

			if (i == j && d != SMM_LOCAL_DISTANCE)
				return -EINVAL;
			if (i != j && d <= SMM_LOCAL_DISTANCE)
				return -EINVAL;
		}
	return 0;
}

static int smm_check_block(const struct smm_mm_params *p,
			   const struct smm_block *b)
{
	if (b->order > p->max_order || b->nid >= p->nr_nodes ||
	    b->zone >= SMM_NR_ZONE_TYPES || !(p->zone_mask & BIT(b->zone)))
		return -EINVAL;
	if (b->pfn & ((1ULL << b->order) - 1))
		return -EINVAL;
	/* Keep pfn + size far from overflowing. */
	if (b->pfn >> 52)
		return -EINVAL;
	return 0;
}

static void smm_zone_init(struct smm_mm *mm, struct smm_node *node,
			  enum smm_zone_type t)
{
	struct smm_zone *zone = &node->zones[t];
	unsigned int o, mt;

	zone->mm = mm;
	zone->node = node;
	zone->nid = node->nid;
	zone->type = t;
	zone->exists = !!(mm->p.zone_mask & BIT(t));
	smm_lock_init(&zone->lock);
	for (o = 0; o < SMM_NR_ORDERS_MAX; o++)
		for (mt = 0; mt < SMM_MIGRATE_TYPES; mt++)
			smm_list_init(&zone->free_area[o].free_list[mt]);
}

/* Allocate a present section's descriptors, every page a hole. */
static int smm_section_populate(struct smm_mm *mm, struct smm_section *s,
				const struct smm_block *b)
{
	unsigned long nr = smm_section_pages(mm), i;
	size_t size = nr * sizeof(struct smm_page) + mm->pageblocks_per_section;

	s->pages = smm_ctx_zalloc(size);
	if (!s->pages)
		return -ENOMEM;
	s->pageblock_mt = (u8 *)(s->pages + nr);
	for (i = 0; i < nr; i++) {
		s->pages[i].next = SMM_NIL;
		s->pages[i].prev = SMM_NIL;
		s->pages[i].flags = SMM_PG_RESERVED;
	}
	s->nid = b->nid;
	s->zone = b->zone;
	return 0;
}

/* Take a block into its section: its pages stop being holes. */
static int smm_take_block(struct smm_mm *mm, const struct smm_block *b)
{
	u32 gidx = (u32)(b->pfn - mm->base_pfn), i;
	struct smm_section *s = smm_gidx_section(mm, gidx);
	unsigned long nr = 1UL << b->order;
	struct smm_zone *zone;
	u64 start, end;
	int ret;

	if (!s->pages) {
		ret = smm_section_populate(mm, s, b);
		if (ret)
			return ret;
	} else if (s->nid != b->nid || s->zone != b->zone) {
		mm->nr_blocks_moved++;
	}
	for (i = 0; i < nr; i++)
		if (smm_gidx_page(mm, gidx + i)->flags != SMM_PG_RESERVED)
			return -EINVAL;	/* overlaps an earlier block */
	for (i = 0; i < nr; i++)
		smm_gidx_page(mm, gidx + i)->flags = 0;
	s->present_pages += nr;

	zone = smm_section_zone(mm, s);
	start = zone->zone_start_pfn;
	end = start + zone->spanned_pages;
	if (!zone->present_pages) {
		start = b->pfn;
		end = b->pfn + nr;
	}
	start = min(start, b->pfn);
	end = max(end, b->pfn + nr);
	zone->zone_start_pfn = start;
	zone->spanned_pages = (unsigned long)(end - start);
	zone->present_pages += nr;
	zone->managed_pages += nr;
	mm->present_pages += nr;
	return 0;
}

/* Pageblock types at boot: MOVABLE where a page is present, as memmap_init. */
static void smm_init_pageblocks(struct smm_mm *mm)
{
	unsigned long si, pb, i, pb_pages = 1UL << mm->p.pb_order;

	for (si = 0; si < mm->nr_sections; si++) {
		struct smm_section *s = &mm->sections[si];
		struct smm_zone *zone;

		if (!s->pages)
			continue;
		zone = smm_section_zone(mm, s);
		for (pb = 0; pb < mm->pageblocks_per_section; pb++) {
			int mt = SMM_MIGRATE_UNMOVABLE;

			for (i = 0; i < pb_pages; i++)
				if (!(s->pages[pb * pb_pages + i].flags &
				      SMM_PG_RESERVED)) {
					mt = SMM_MIGRATE_MOVABLE;
					break;
				}
			s->pageblock_mt[pb] = mt;
			if (smm_pageblock_in_span(mm, zone, si, pb))
				zone->nr_pageblocks[mt]++;
		}
	}
}

static void smm_init_nodes(struct smm_mm *mm)
{
	unsigned int nid, t;

	for (nid = 0; nid < mm->nr_nodes; nid++) {
		struct smm_node *node = &mm->nodes[nid];
		u64 end = 0;

		for (t = 0; t < SMM_NR_ZONE_TYPES; t++) {
			struct smm_zone *zone = &node->zones[t];
			u64 zend = zone->zone_start_pfn + zone->spanned_pages;

			if (!zone->present_pages)
				continue;
			if (!node->node_present_pages ||
			    zone->zone_start_pfn < node->node_start_pfn)
				node->node_start_pfn = zone->zone_start_pfn;
			end = max(end, zend);
			node->node_present_pages += zone->present_pages;
		}
		if (node->node_present_pages)
			node->node_spanned_pages = end - node->node_start_pfn;
	}
}

static int smm_alloc_pcp(struct smm_mm *mm)
{
	unsigned int cpu, i;
	struct smm_zone *zone;

	for_each_smm_zone(mm, zone) {
		if (!smm_zone_populated(zone))
			continue;
		zone->pcp = smm_ctx_zalloc(mm->p.nr_cpus * sizeof(*zone->pcp));
		if (!zone->pcp)
			return -ENOMEM;
		for (cpu = 0; cpu < mm->p.nr_cpus; cpu++) {
			struct smm_per_cpu_pages *pcp = &zone->pcp[cpu];

			smm_lock_init(&pcp->lock);
			for (i = 0; i < SMM_NR_PCP_LISTS; i++)
				smm_list_init(&pcp->lists[i]);
		}
	}
	return 0;
}

static void smm_reset_stats(struct smm_mm *mm)
{
	unsigned int cpu;
	struct smm_zone *zone;

	for_each_smm_zone(mm, zone) {
		memset(&zone->stats, 0, sizeof(zone->stats));
		for (cpu = 0; zone->pcp && cpu < mm->p.nr_cpus; cpu++)
			memset(&zone->pcp[cpu].stats, 0,
			       sizeof(zone->pcp[cpu].stats));
	}
}

/* Compute base_pfn, end_pfn and the section table size from the blocks. */
static int smm_layout(struct smm_mm *mm, const struct smm_block *blocks,
		      unsigned int nr_blocks)
{
	unsigned int shift = mm->p.max_order, i;
	u64 lo = ~0ULL, hi = 0;

	for (i = 0; i < nr_blocks; i++) {
		if (smm_check_block(&mm->p, &blocks[i]))
			return -EINVAL;
		lo = min(lo, blocks[i].pfn);
		hi = max(hi, blocks[i].pfn + (1ULL << blocks[i].order));
	}
	mm->base_pfn = (lo >> shift) << shift;
	mm->end_pfn = ((hi + (1ULL << shift) - 1) >> shift) << shift;
	/* Every gidx must fit in a u32 below SMM_NIL. */
	if (mm->end_pfn - mm->base_pfn > SMM_NIL)
		return -EINVAL;
	mm->nr_sections = (unsigned long)((mm->end_pfn - mm->base_pfn) >> shift);
	return 0;
}

int smm_mm_create(const struct smm_mm_params *params,
		  const struct smm_block *blocks, unsigned int nr_blocks,
		  struct smm_mm **out)
{
	unsigned int nid, t, i;
	struct smm_zone *zone;
	struct smm_mm *mm;
	int ret;

	if (!params || !blocks || !nr_blocks || !out)
		return -EINVAL;
	ret = smm_check_params(params);
	if (ret)
		return ret;

	mm = smm_ctx_zalloc(sizeof(*mm));
	if (!mm)
		return -ENOMEM;
	mm->p = *params;
	/* No events while the blocks are handed over. */
	mm->p.event = NULL;
	mm->p.debug_check = false;
	if (!mm->p.watermark_scale_factor)
		mm->p.watermark_scale_factor = 10;
	if (!mm->p.node_distance[0][0]) {
		unsigned int a, b;

		for (a = 0; a < SMM_MAX_NODES; a++)
			for (b = 0; b < SMM_MAX_NODES; b++)
				mm->p.node_distance[a][b] = a == b ?
					SMM_LOCAL_DISTANCE :
					SMM_REMOTE_DISTANCE;
	}
	mm->nr_nodes = params->nr_nodes;
	mm->pageblocks_per_section =
		1U << (params->max_order - params->pb_order);
	smm_lock_init(&mm->lock);
	for (nid = 0; nid < mm->nr_nodes; nid++) {
		mm->nodes[nid].nid = nid;
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++)
			smm_zone_init(mm, &mm->nodes[nid], t);
	}

	ret = smm_layout(mm, blocks, nr_blocks);
	if (ret)
		goto fail;
	mm->sections = smm_ctx_zalloc(mm->nr_sections * sizeof(*mm->sections));
	if (!mm->sections) {
		ret = -ENOMEM;
		goto fail;
	}
	for (i = 0; i < nr_blocks; i++) {
		ret = smm_take_block(mm, &blocks[i]);
		if (ret)
			goto fail;
	}
	smm_init_pageblocks(mm);
	smm_init_nodes(mm);
	ret = smm_alloc_pcp(mm);
	if (ret)
		goto fail;
	smm_zone_setup_watermarks(mm);
	smm_build_zonelists(mm);

	/* Hand every block to the buddy allocator: they merge as they go. */
	for (i = 0; i < nr_blocks; i++) {
		u32 gidx = (u32)(blocks[i].pfn - mm->base_pfn);

		zone = smm_section_zone(mm, smm_gidx_section(mm, gidx));
		smm_lock(&zone->lock);
		smm_free_range(zone, gidx, blocks[i].order, 0);
		smm_unlock(&zone->lock);
	}
	smm_reset_stats(mm);
	mm->p.event = params->event;
	mm->events_on = !!params->event;
	mm->p.debug_check = params->debug_check;
	*out = mm;
	return 0;

fail:
	smm_mm_destroy(mm);
	return ret;
}

void smm_mm_destroy(struct smm_mm *mm)
{
	unsigned int nid, t, cpu;
	struct smm_zone *zone;
	unsigned long si;

	if (!mm)
		return;
	for (nid = 0; nid < mm->nr_nodes; nid++)
		for (t = 0; t < SMM_NR_ZONE_TYPES; t++) {
			zone = &mm->nodes[nid].zones[t];
			for (cpu = 0; zone->pcp && cpu < mm->p.nr_cpus; cpu++)
				smm_lock_destroy(&zone->pcp[cpu].lock);
			smm_ctx_free(zone->pcp);
			smm_lock_destroy(&zone->lock);
		}
	for (si = 0; mm->sections && si < mm->nr_sections; si++)
		smm_ctx_free(mm->sections[si].pages);
	smm_ctx_free(mm->sections);
	smm_lock_destroy(&mm->lock);
	smm_ctx_free(mm);
}

void smm_mm_set_events(struct smm_mm *mm, bool on)
{
	WRITE_ONCE(mm->events_on, on && mm->p.event);
}

struct smm_page *smm_pfn_to_page(struct smm_mm *mm, u64 pfn)
{
	struct smm_section *s;

	if (pfn < mm->base_pfn || pfn >= mm->end_pfn)
		return NULL;
	s = smm_gidx_section(mm, (u32)(pfn - mm->base_pfn));
	if (!s->pages)
		return NULL;
	return smm_gidx_page(mm, (u32)(pfn - mm->base_pfn));
}

u64 smm_page_to_pfn(struct smm_mm *mm, const struct smm_page *page)
{
	unsigned long si;

	/*
	 * Find the section whose array holds @page. Callers that know the
	 * pfn should keep it instead.
	 */
	for (si = 0; si < mm->nr_sections; si++) {
		const struct smm_section *s = &mm->sections[si];

		if (s->pages && page >= s->pages &&
		    page < s->pages + smm_section_pages(mm))
			return mm->base_pfn + ((u64)si << mm->p.max_order) +
				(u64)(page - s->pages);
	}
	return ~0ULL;
}

struct smm_zone *smm_pfn_zone(struct smm_mm *mm, u64 pfn)
{
	if (!smm_pfn_to_page(mm, pfn))
		return NULL;
	return smm_section_zone(mm,
				smm_gidx_section(mm, (u32)(pfn - mm->base_pfn)));
}

int smm_page_snapshot(struct smm_mm *mm, u64 pfn, struct smm_page *copy)
{
	struct smm_page *page = smm_pfn_to_page(mm, pfn);
	struct smm_zone *zone;

	if (!page)
		return -EINVAL;
	zone = smm_pfn_zone(mm, pfn);
	smm_lock(&mm->lock);
	smm_lock_zone_all(zone);
	*copy = *page;
	smm_unlock_zone_all(zone);
	smm_unlock(&mm->lock);
	return 0;
}

int smm_pageblock_migratetype(struct smm_mm *mm, u64 pfn)
{
	if (!smm_pfn_to_page(mm, pfn))
		return -EINVAL;
	return smm_gidx_pb_mt(mm, (u32)(pfn - mm->base_pfn));
}

int smm_owner_register(struct smm_mm *mm, const char *name)
{
	size_t len = strnlen(name, SMM_OWNER_NAME_LEN);
	int i, ret = -ENOSPC;

	if (!len || len >= SMM_OWNER_NAME_LEN)
		return -EINVAL;
	smm_lock(&mm->lock);
	for (i = 1; i < SMM_MAX_OWNERS; i++) {
		struct smm_owner *o = &mm->owners[i];

		if (!o->name[0]) {
			memcpy(o->name, name, len + 1);
			ret = i;
			break;
		}
		if (!strcmp(o->name, name)) {
			ret = i;
			break;
		}
	}
	smm_unlock(&mm->lock);
	return ret;
}

const char *smm_owner_name(struct smm_mm *mm, u16 owner)
{
	if (owner >= SMM_MAX_OWNERS)
		return "";
	return mm->owners[owner].name;
}

/* Count the allocated blocks of one zone by owner; its locks held. */
static void smm_zone_owner_usage(struct smm_zone *zone)
{
	struct smm_mm *mm = zone->mm;
	unsigned long si, i, nr = smm_section_pages(mm);

	for (si = 0; si < mm->nr_sections; si++) {
		struct smm_section *s = &mm->sections[si];

		if (!s->pages || smm_section_zone(mm, s) != zone)
			continue;
		for (i = 0; i < nr; i++) {
			struct smm_page *page = &s->pages[i];
			struct smm_owner *o;

			if (!page->refcount || (page->flags &
			    (SMM_PG_BUDDY | SMM_PG_PCP | SMM_PG_RESERVED |
			     SMM_PG_TAIL)))
				continue;
			o = &mm->owners[page->owner < SMM_MAX_OWNERS ?
					page->owner : 0];
			o->usage_blocks++;
			o->usage_pages += 1UL << page->order;
		}
	}
}

unsigned int smm_mm_owner_usage(struct smm_mm *mm,
				void (*fn)(void *arg,
					   const struct smm_owner_usage *u),
				void *arg)
{
	struct smm_owner_usage *u;
	unsigned int i, n = 0;
	struct smm_zone *zone;

	smm_lock(&mm->lock);
	for (i = 0; i < SMM_MAX_OWNERS; i++) {
		mm->owners[i].usage_pages = 0;
		mm->owners[i].usage_blocks = 0;
	}
	for_each_smm_zone(mm, zone) {
		if (!smm_zone_populated(zone))
			continue;
		smm_lock_zone_all(zone);
		smm_zone_owner_usage(zone);
		smm_unlock_zone_all(zone);
	}
	for (i = 0; i < SMM_MAX_OWNERS; i++)
		if (mm->owners[i].usage_blocks)
			n++;
	smm_unlock(&mm->lock);

	/* Report with no lock held: the results stay in mm->owners. */
	if (!fn)
		return n;
	for (i = 0; i < SMM_MAX_OWNERS; i++) {
		struct smm_owner_usage one;

		if (!mm->owners[i].usage_blocks)
			continue;
		u = &one;
		u->owner = i;
		u->name = mm->owners[i].name;
		u->pages = mm->owners[i].usage_pages;
		u->blocks = mm->owners[i].usage_blocks;
		fn(arg, u);
	}
	return n;
}
