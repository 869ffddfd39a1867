/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the core's files share and nobody else uses: page lookup by gidx,
 * the gidx-linked lists, pageblock types and the buddy primitives that
 * run under the zone lock.
 */

#ifndef _SMM_INTERNAL_H
#define _SMM_INTERNAL_H

#include "mm.h"

static inline unsigned long smm_section_pages(const struct smm_mm *mm)
{
	return 1UL << mm->p.max_order;
}

static inline struct smm_section *smm_gidx_section(struct smm_mm *mm,
						   u32 gidx)
{
	return &mm->sections[gidx >> mm->p.max_order];
}

/* The descriptor of a gidx known to be in a present section. */
static inline struct smm_page *smm_gidx_page(struct smm_mm *mm, u32 gidx)
{
	struct smm_section *s = smm_gidx_section(mm, gidx);

	return &s->pages[gidx & (smm_section_pages(mm) - 1)];
}

static inline struct smm_zone *smm_section_zone(struct smm_mm *mm,
						const struct smm_section *s)
{
	return &mm->nodes[s->nid].zones[s->zone];
}

static inline u64 smm_gidx_pfn(const struct smm_mm *mm, u32 gidx)
{
	return mm->base_pfn + gidx;
}

/* Pageblock type of a gidx in a present section. */
static inline int smm_gidx_pb_mt(struct smm_mm *mm, u32 gidx)
{
	struct smm_section *s = smm_gidx_section(mm, gidx);
	unsigned long off = gidx & (smm_section_pages(mm) - 1);

	return s->pageblock_mt[off >> mm->p.pb_order];
}

/* Migratetypes whose pageblocks merge with each other's at high order. */
/*
 * Whether pageblock @pb of section @si is counted in @zone's pageblocks:
 * like /proc/pagetypeinfo, only the pageblocks within the zone's span,
 * so a section reaching past a zone's ends adds none of its outer blocks.
 */
static inline bool smm_pageblock_in_span(const struct smm_mm *mm,
					 const struct smm_zone *zone,
					 unsigned long si, unsigned long pb)
{
	u64 first = mm->base_pfn + ((u64)si << mm->p.max_order) +
		    ((u64)pb << mm->p.pb_order);

	return first + (1ULL << mm->p.pb_order) > zone->zone_start_pfn &&
	       first < zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool smm_mt_mergeable(int mt)
{
	return mt < SMM_MIGRATE_PCPTYPES;
}

/*
 * pcp_allowed_order(): small orders go through the per-CPU lists, but
 * never a block over several pageblocks (only with pageblocks smaller
 * than the kernel ever has them).
 */
static inline bool smm_pcp_order(const struct smm_mm *mm, unsigned int order)
{
	return order <= SMM_PCP_MAX_ORDER && order <= mm->p.pb_order;
}

static inline void smm_list_init(struct smm_list *l)
{
	l->head = SMM_NIL;
	l->tail = SMM_NIL;
}

static inline bool smm_list_empty(const struct smm_list *l)
{
	return l->head == SMM_NIL;
}

void smm_list_add(struct smm_mm *mm, struct smm_list *l, u32 gidx);
void smm_list_add_tail(struct smm_mm *mm, struct smm_list *l, u32 gidx);
void smm_list_del(struct smm_mm *mm, struct smm_list *l, u32 gidx);

/**
 * struct smm_prep - what an allocation writes into its first page
 * @order: block order
 * @gfp: request flags (SMM_GFP_COMP, SMM_GFP_ZERO)
 * @mt: requested migratetype (for the event)
 * @owner: owner tag
 * @cpu: the caller's CPU
 */
struct smm_prep {
	unsigned int order;
	u32 gfp;
	int mt;
	u16 owner;
	unsigned int cpu;
};

/* buddy.c, zone lock held */
void smm_free_one(struct smm_zone *zone, u32 gidx, unsigned int order,
		  int mt, unsigned int cpu);
void smm_free_range(struct smm_zone *zone, u32 gidx, unsigned int order,
		    unsigned int cpu);
u32 smm_rmqueue(struct smm_zone *zone, unsigned int order, int mt,
		unsigned int cpu);
/* under the zone lock or the per-CPU lock the page came from */
void smm_prep_new_page(struct smm_zone *zone, u32 gidx,
		       const struct smm_prep *prep);
void __smm_emit(struct smm_zone *zone, enum smm_event_type type, u32 gidx,
		unsigned int order, int mt, int old_mt, u16 owner,
		unsigned int cpu);

/* Report an event when events are on: one load when they are off. */
static inline void smm_emit(struct smm_zone *zone, enum smm_event_type type,
			    u32 gidx, unsigned int order, int mt, int old_mt,
			    u16 owner, unsigned int cpu)
{
	if (READ_ONCE(zone->mm->events_on))
		__smm_emit(zone, type, gidx, order, mt, old_mt, owner, cpu);
}

/* pcp.c */
void smm_pcp_drain_locked(struct smm_zone *zone, struct smm_per_cpu_pages *pcp,
			  int count, unsigned int cpu);
u32 smm_pcp_alloc(struct smm_zone *zone, const struct smm_prep *prep);
void smm_pcp_free(struct smm_zone *zone, struct smm_per_cpu_pages *pcp,
		  u32 gidx, unsigned int order, int pb_mt, unsigned int cpu);
void smm_drain_cpu_zones(struct smm_mm *mm, unsigned int cpu);

/* zone.c */
void smm_zone_setup_watermarks(struct smm_mm *mm);
void smm_build_zonelists(struct smm_mm *mm);
/* Lock every CPU's lists of a zone, then the zone; mm->lock held. */
void smm_lock_zone_all(struct smm_zone *zone);
void smm_unlock_zone_all(struct smm_zone *zone);

/* The first zone the architecture has from flat index @idx on, or NULL. */
static inline struct smm_zone *smm_zone_from(struct smm_mm *mm,
					     unsigned int idx)
{
	for (; idx < mm->nr_nodes * SMM_NR_ZONE_TYPES; idx++) {
		struct smm_zone *zone = &mm->nodes[idx / SMM_NR_ZONE_TYPES]
					.zones[idx % SMM_NR_ZONE_TYPES];

		if (zone->exists)
			return zone;
	}
	return NULL;
}

/* Every zone the architecture has, empty ones included. */
#define for_each_smm_zone(mm, zone)					\
	for (zone = smm_zone_from(mm, 0); zone;				\
	     zone = smm_zone_from(mm, zone->nid * SMM_NR_ZONE_TYPES +	\
				  zone->type + 1))

/* check.c */
void smm_debug_check(struct smm_mm *mm);

#endif /* _SMM_INTERNAL_H */
