// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU page lists: orders up to SMM_PCP_MAX_ORDER of the three
 * per-CPU migratetypes are handed out from and freed to a list of the
 * caller's CPU, refilled from the buddy lists a batch at a time
 * (rmqueue_bulk()) and drained a batch at a time when the list set
 * reaches its high mark (free_pcppages_bulk()).
 */

#include "internal.h"

static void smm_pcp_take(struct smm_zone *zone, struct smm_per_cpu_pages *pcp,
			 struct smm_list *l, u32 gidx)
{
	struct smm_page *page = smm_gidx_page(zone->mm, gidx);

	smm_list_del(zone->mm, l, gidx);
	pcp->count -= 1 << page->order;
	page->flags &= ~SMM_PG_PCP;
	page->order = 0;
	page->list_mt = 0;
}

void smm_pcp_drain_locked(struct smm_zone *zone, struct smm_per_cpu_pages *pcp,
			  int count, unsigned int cpu)
{
	struct smm_mm *mm = zone->mm;
	unsigned int pindex = SMM_NR_PCP_LISTS - 1, empty;

	count = min(count, pcp->count);
	if (count <= 0)
		return;
	pcp->stats.drains++;
	while (count > 0) {
		struct smm_list *l;
		unsigned int order;

		/* Round robin over the lists, from the cold end of each. */
		for (empty = 0; empty < SMM_NR_PCP_LISTS; empty++) {
			pindex = (pindex + 1) % SMM_NR_PCP_LISTS;
			if (!smm_list_empty(&pcp->lists[pindex]))
				break;
		}
		if (empty == SMM_NR_PCP_LISTS)
			return;	/* count disagrees: the checker says so */
		l = &pcp->lists[pindex];
		order = pindex / SMM_MIGRATE_PCPTYPES;
		do {
			u32 gidx = l->tail;
			int mt = smm_gidx_page(mm, gidx)->list_mt;
			int pb_mt = smm_gidx_pb_mt(mm, gidx);

			smm_pcp_take(zone, pcp, l, gidx);
			count -= 1 << order;
			/* Isolated and highatomic blocks keep their pages. */
			if (pb_mt >= SMM_MIGRATE_PCPTYPES)
				mt = pb_mt;
			smm_free_one(zone, gidx, order, mt, cpu);
		} while (count > 0 && !smm_list_empty(l));
	}
}

u32 smm_pcp_alloc(struct smm_zone *zone, const struct smm_prep *prep)
{
	struct smm_per_cpu_pages *pcp = &zone->pcp[prep->cpu];
	unsigned int order = prep->order;
	struct smm_mm *mm = zone->mm;
	struct smm_list *l;
	u32 gidx = SMM_NIL;
	int batch, i;

	smm_lock(&pcp->lock);
	l = &pcp->lists[smm_pcp_index(order, prep->mt)];
	if (smm_list_empty(l)) {
		batch = pcp->batch;
		if (batch > 1)
			batch = max(batch >> order, 2);
		smm_lock(&zone->lock);
		for (i = 0; i < batch; i++) {
			u32 g = smm_rmqueue(zone, order, prep->mt, prep->cpu);
			struct smm_page *page;

			if (g == SMM_NIL)
				break;
			page = smm_gidx_page(mm, g);
			page->flags = SMM_PG_PCP;
			page->order = order;
			page->list_mt = prep->mt;
			smm_list_add_tail(mm, l, g);
			pcp->count += 1 << order;
		}
		if (i)
			pcp->stats.refills++;
		smm_unlock(&zone->lock);
	}
	if (!smm_list_empty(l)) {
		gidx = l->head;
		smm_pcp_take(zone, pcp, l, gidx);
		pcp->stats.allocs++;
		smm_prep_new_page(zone, gidx, prep);
	}
	smm_unlock(&pcp->lock);
	return gidx;
}

void smm_pcp_free(struct smm_zone *zone, struct smm_per_cpu_pages *pcp,
		  u32 gidx, unsigned int order, int pb_mt, unsigned int cpu)
{
	struct smm_page *page = smm_gidx_page(zone->mm, gidx);
	int mt = pb_mt < SMM_MIGRATE_PCPTYPES ? pb_mt : SMM_MIGRATE_MOVABLE;

	page->flags = SMM_PG_PCP;
	page->order = order;
	page->list_mt = mt;
	smm_list_add(zone->mm, &pcp->lists[smm_pcp_index(order, mt)], gidx);
	pcp->count += 1 << order;
	pcp->stats.frees++;
	if (pcp->count >= pcp->high) {
		smm_lock(&zone->lock);
		smm_pcp_drain_locked(zone, pcp, max(pcp->batch, 1), cpu);
		smm_unlock(&zone->lock);
	}
}

void smm_drain_cpu_zones(struct smm_mm *mm, unsigned int cpu)
{
	struct smm_zone *zone;

	for_each_smm_zone(mm, zone) {
		struct smm_per_cpu_pages *pcp;

		if (!zone->pcp)
			continue;
		pcp = &zone->pcp[cpu];
		smm_lock(&pcp->lock);
		if (pcp->count) {
			smm_lock(&zone->lock);
			smm_pcp_drain_locked(zone, pcp, pcp->count, cpu);
			smm_unlock(&zone->lock);
		}
		smm_unlock(&pcp->lock);
	}
}

void smm_drain_cpu(struct smm_mm *mm, unsigned int cpu)
{
	if (cpu >= mm->p.nr_cpus)
		return;
	smm_drain_cpu_zones(mm, cpu);
	if (mm->p.debug_check)
		smm_debug_check(mm);
}

void smm_drain_all(struct smm_mm *mm)
{
	unsigned int cpu;

	for (cpu = 0; cpu < mm->p.nr_cpus; cpu++)
		smm_drain_cpu_zones(mm, cpu);
	if (mm->p.debug_check)
		smm_debug_check(mm);
}
