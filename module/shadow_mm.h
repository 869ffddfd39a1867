/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shadow_mm: what the kernel glue files share.
 */

#ifndef _SHADOW_MM_H
#define _SHADOW_MM_H

#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/smp.h>
#include <linux/types.h>
#include <linux/shadow_mm.h>

#include "core/mm.h"

/* Current debug level, 0..SHADOW_MM_DEBUG_MAX: set at load or by CONFIG_SET */
extern unsigned int smm_debug;

/* What each debug level adds to the kernel log */
#define SMM_DEBUG_ADMIN	1	/* every mutating request, with its caller */
#define SMM_DEBUG_ALL	2	/* every request, reads too */

/**
 * struct smm_uint_range - an unsigned module parameter with its bounds
 * @value: where the parameter lives
 * @min: smallest value accepted
 * @max: largest value accepted
 */
struct smm_uint_range {
	unsigned int *value;
	unsigned int min;
	unsigned int max;
};

extern const struct kernel_param_ops smm_param_ops_uint_range;

/*
 * SMM_PARAM_UINT_RANGE() - declare a module parameter that refuses values
 * outside [lo, hi] with a message naming the parameter and the range.
 * @desc should state the range for modinfo.
 */
#define SMM_PARAM_UINT_RANGE(name, var, lo, hi, perm, desc)		\
	static const struct smm_uint_range __smm_range_##name = {	\
		.value = &(var), .min = (lo), .max = (hi),		\
	};								\
	module_param_cb(name, &smm_param_ops_uint_range,		\
			(void *)&__smm_range_##name, perm);		\
	MODULE_PARM_DESC(name, desc)

/* Bounds of size_mb, and of each zone's size in zones=, in MiB. */
#define SMM_SIZE_MB_MIN		4
#define SMM_SIZE_MB_MAX		65536

/**
 * struct smm_zone_layout - the zones= parameter, parsed
 * @text: the value as given ("" for the default layout)
 * @present: BIT(enum smm_zone_type) of each zone type given
 * @mib: size of each zone type per node, in MiB; 0 for the one that
 *	takes the rest, and for those not given
 * @rest: the zone type that takes what the others leave, or -1
 */
struct smm_zone_layout {
	char text[128];
	u32 present;
	unsigned int mib[SMM_NR_ZONE_TYPES];
	int rest;
};

extern const struct kernel_param_ops smm_param_ops_zone_layout;

/*
 * SMM_PARAM_ZONE_LAYOUT() - declare a module parameter holding a zone
 * layout, "TYPE:MIB,TYPE:MIB,TYPE": refuses unknown types, types the
 * architecture lacks, duplicates and bad sizes with one line each.
 */
#define SMM_PARAM_ZONE_LAYOUT(name, var, perm, desc)			\
	module_param_cb(name, &smm_param_ops_zone_layout, &(var), perm);	\
	MODULE_PARM_DESC(name, desc)

const char *smm_zone_param_name(enum smm_zone_type type);
bool smm_arch_has_zone_type(enum smm_zone_type type);

/**
 * struct smm_shadow - the shadow physical memory of the loaded module
 * @mm: the core memory manager over the carved pages
 * @nr_cpus: per-CPU list sets per zone; CPU c uses set c % @nr_cpus
 * @owner_netlink: owner tag of page-alloc requests that name none
 * @bytes: bytes carved from the host
 * @pages_mutex: serializes page-alloc and page-free, so that page-free
 *	checks every block before it frees any
 * @usage_mutex: serializes smm_mm_owner_usage(), which counts in
 *	scratch fields of the owner table
 *
 * Set up before the netlink family registers and torn down after it is
 * gone, so handlers use it without a reference.
 */
struct smm_shadow {
	struct smm_mm *mm;
	unsigned int nr_cpus;
	u16 owner_netlink;
	u64 bytes;
	struct mutex pages_mutex;	/* page-alloc and page-free */
	struct mutex usage_mutex;	/* smm_mm_owner_usage() */
};

extern struct smm_shadow smm_shadow;

int smm_carve_init(void);
void smm_carve_exit(void);

/**
 * smm_this_cpu() - the per-CPU list set the calling task should use
 *
 * Return: a CPU number below smm_shadow.nr_cpus.
 */
static inline unsigned int smm_this_cpu(void)
{
	unsigned int cpu = raw_smp_processor_id();

	/* Only above SMM_MAX_CPUS CPUs do sets have to be shared. */
	return likely(cpu < smm_shadow.nr_cpus) ? cpu : cpu % smm_shadow.nr_cpus;
}

/**
 * smm_zone_gfp_flags() - the zone modifier of a shadow allocation
 * @type: the highest zone type the allocation may come from
 *
 * Return: the SMM_GFP_* zone bits that make @type the highest zone of a
 * request, 0 for the normal zone.
 */
static inline u32 smm_zone_gfp_flags(enum smm_zone_type type)
{
	switch (type) {
	case SMM_ZONE_DMA:
		return SMM_GFP_DMA;
	case SMM_ZONE_DMA32:
		return SMM_GFP_DMA32;
	case SMM_ZONE_HIGHMEM:
		return SMM_GFP_HIGHMEM;
	case SMM_ZONE_MOVABLE:
		return SMM_GFP_HIGHMEM | SMM_GFP_MOVABLE;
	default:
		return 0;
	}
}

/**
 * smm_zone_pages_upto() - the pages an allocation may ever get
 * @type: the highest zone type the allocation may come from
 *
 * Return: the pages of zone @type and of the zones below it (where a
 * request falls back), on every node.
 */
static inline unsigned long smm_zone_pages_upto(enum smm_zone_type type)
{
	const struct smm_mm *mm = smm_shadow.mm;
	unsigned long pages = 0;
	unsigned int nid;
	int t;

	for (nid = 0; nid < mm->nr_nodes; nid++)
		for (t = 0; t <= (int)type; t++)
			pages += mm->nodes[nid].zones[t].managed_pages;
	return pages;
}

int smm_host_pt_format(void);
unsigned int smm_host_pt_levels(void);

u64 smm_shadow_bytes(void);
unsigned int smm_dma_zone_bits(void);

int smm_netlink_init(void);
void smm_netlink_exit(void);

/* event.c: the monitor group's events */
void smm_event_record(void *arg, const struct smm_event *ev);
void smm_event_start(void);
void smm_event_refresh(void);
void smm_event_stop(void);
u64 smm_events_dropped(void);
/* The dma-buf exporter's events: any process context, never sleeps. */
void smm_event_dmabuf(u32 type, u32 id, u64 size, const char *device);

#endif /* _SHADOW_MM_H */
