// SPDX-License-Identifier: GPL-2.0
/*
 * Carving: the shadow world's physical memory, taken from the host's page
 * allocator at load and given back at unload.
 *
 * Each zone of each node gets real host pages in the largest naturally
 * aligned blocks the host hands out, with their real page frame numbers,
 * so the shadow zones have the holes real zones have (spanned > present).
 * A zone only keeps blocks that fit it: DMA below the device's address
 * mask, DMA32 below 4 GiB, HIGHMEM only pages without a permanent kernel
 * mapping. The core builds sections of 1 << max_order pages and gives a
 * whole section to one node and zone, so a block that would share a
 * section with another node's or zone's blocks is refused too. Refused
 * blocks stay allocated until carving ends, so that the host does not
 * hand them out again, and then go back.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <linux/xarray.h>

#include "compat.h"
#include "shadow_mm.h"

/* The device the DMA zone serves: qemu's edu has a 28-bit mask. */
#ifdef CONFIG_X86
#define SMM_DMA_BITS_DEFAULT	28
#else
#define SMM_DMA_BITS_DEFAULT	32
#endif

static unsigned int smm_size_mb = 32;
SMM_PARAM_UINT_RANGE(size_mb, smm_size_mb, SMM_SIZE_MB_MIN, SMM_SIZE_MB_MAX,
		     0444,
		     "Shadow memory carved from the host in MiB, all nodes together: "
		     __stringify(SMM_SIZE_MB_MIN) ".." __stringify(SMM_SIZE_MB_MAX)
		     " (default 32)");

static unsigned int smm_nr_nodes = 1;
SMM_PARAM_UINT_RANGE(nodes, smm_nr_nodes, 1, SHADOW_MM_MAX_NODES, 0444,
		     "Shadow nodes (fake NUMA), sharing size_mb evenly: 1.."
		     __stringify(SHADOW_MM_MAX_NODES) " (default 1)");

static struct smm_zone_layout smm_zones = { .rest = -1 };
SMM_PARAM_ZONE_LAYOUT(zones, smm_zones, 0444,
		      "Zones of each node: TYPE:MIB,... in MiB per node; one TYPE without a size takes the rest of the node's share of size_mb. TYPE: dma, dma32 (x86_64, arm64), normal, highmem (armhf), movable. Default: dma, dma32 and movable 1/8 of the node each, highmem 1/4 when the host has highmem, normal the rest");

static unsigned int smm_dma_bits = SMM_DMA_BITS_DEFAULT;
SMM_PARAM_UINT_RANGE(dma_bits, smm_dma_bits, 24, 64, 0444,
		     "Address bits of the DMA device: the DMA zone lies below 2^dma_bits: 24..64 (default "
		     __stringify(SMM_DMA_BITS_DEFAULT) ")");

static unsigned int smm_node_distance = SMM_REMOTE_DISTANCE;
SMM_PARAM_UINT_RANGE(node_distance, smm_node_distance, SMM_LOCAL_DISTANCE + 1,
		     254, 0444,
		     "Distance between two different nodes (a node's own is 10): 11..254 (default 20)");

static bool smm_debug_check;
module_param_named(debug_check, smm_debug_check, bool, 0444);
MODULE_PARM_DESC(debug_check,
		 "Run the allocator's invariant checker after every operation (slow; default off); smm check reports what it found");

struct smm_shadow smm_shadow = {
	.pages_mutex = __MUTEX_INITIALIZER(smm_shadow.pages_mutex),
	.usage_mutex = __MUTEX_INITIALIZER(smm_shadow.usage_mutex),
};

/* Host blocks handed to the core; page->lru, smm_host_block_*() private. */
static LIST_HEAD(smm_carved);

/* The names zones= takes, as the uapi enum spells them. */
static const char *const smm_zone_param_names[SMM_NR_ZONE_TYPES] = {
	[SMM_ZONE_DMA] = "dma",
	[SMM_ZONE_DMA32] = "dma32",
	[SMM_ZONE_NORMAL] = "normal",
	[SMM_ZONE_HIGHMEM] = "highmem",
	[SMM_ZONE_MOVABLE] = "movable",
};

/**
 * smm_zone_param_name() - the name of a zone type in zones=
 * @type: the zone type
 *
 * Return: its lower-case name.
 */
const char *smm_zone_param_name(enum smm_zone_type type)
{
	return type < SMM_NR_ZONE_TYPES ? smm_zone_param_names[type] : "?";
}

/**
 * smm_arch_has_zone_type() - whether the shadow world of this architecture
 * has a zone type
 * @type: the zone type
 *
 * As in the kernel: DMA32 where the kernel has ZONE_DMA32 (x86_64,
 * arm64), HIGHMEM where it has highmem (armhf); DMA, NORMAL and MOVABLE
 * everywhere.
 *
 * Return: true when it has.
 */
bool smm_arch_has_zone_type(enum smm_zone_type type)
{
	switch (type) {
	case SMM_ZONE_DMA:
	case SMM_ZONE_NORMAL:
	case SMM_ZONE_MOVABLE:
		return true;
	case SMM_ZONE_DMA32:
		return IS_ENABLED(CONFIG_ZONE_DMA32);
	case SMM_ZONE_HIGHMEM:
		return IS_ENABLED(CONFIG_HIGHMEM);
	default:
		return false;
	}
}

/**
 * smm_dma_zone_bits() - the dma_bits parameter: the DMA device's address
 * limit, below which the shadow DMA zone lies
 *
 * Return: the number of address bits, 24 to 64.
 */
unsigned int smm_dma_zone_bits(void)
{
	return smm_dma_bits;
}

/**
 * smm_shadow_bytes() - bytes of host memory carved into shadow memory
 *
 * Return: the number of bytes.
 */
u64 smm_shadow_bytes(void)
{
	return smm_shadow.bytes;
}

/* A host block keeps its order, node and zone in page->private. */
static void smm_host_block_set(struct page *page, unsigned int order,
			       unsigned int nid, enum smm_zone_type type)
{
	set_page_private(page, order | nid << 8 | type << 16);
}

static unsigned int smm_host_block_order(struct page *page)
{
	return page_private(page) & 0xff;
}

static unsigned int smm_host_block_nid(struct page *page)
{
	return (page_private(page) >> 8) & 0xff;
}

static enum smm_zone_type smm_host_block_zone(struct page *page)
{
	return (page_private(page) >> 16) & 0xff;
}

/* Give every block on @list back to the host. */
static void smm_host_blocks_free(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned int order = smm_host_block_order(page);

		list_del(&page->lru);
		set_page_private(page, 0);
		__free_pages(page, order);
	}
}

/**
 * struct smm_carve_plan - how many pages each zone of each node gets
 * @pages: pages by node and zone type
 * @total: pages in all
 */
struct smm_carve_plan {
	unsigned long pages[SHADOW_MM_MAX_NODES][SMM_NR_ZONE_TYPES];
	unsigned long total;
};

#define SMM_PAGES_PER_MIB	(1UL << (20 - PAGE_SHIFT))

/* Print @pages as "N MiB" when whole, else "N KiB", into @buf. */
static const char *smm_size_str(char *buf, size_t size, unsigned long pages)
{
	if (pages % SMM_PAGES_PER_MIB)
		snprintf(buf, size, "%lu KiB", pages << (PAGE_SHIFT - 10));
	else
		snprintf(buf, size, "%lu MiB", pages / SMM_PAGES_PER_MIB);
	return buf;
}

/* The default zones of a node of @pages pages. */
static void smm_plan_default(unsigned long *zone_pages, unsigned long pages)
{
	unsigned long rest = pages;
	int type;

	for (type = 0; type < SMM_NR_ZONE_TYPES; type++) {
		unsigned long n = 0;

		if (!smm_arch_has_zone_type(type) || type == SMM_ZONE_NORMAL)
			continue;
		if (type == SMM_ZONE_HIGHMEM)
			n = totalhigh_pages() ? pages / 4 : 0;
		else
			n = pages / 8;
		zone_pages[type] = n;
		rest -= n;
	}
	zone_pages[SMM_ZONE_NORMAL] = rest;
}

/**
 * smm_plan_make() - split size_mb over the nodes and their zones
 * @plan: the plan to fill in
 *
 * Nodes share size_mb evenly (the first ones get a page more when it does
 * not divide); zones= or the default layout splits each node.
 *
 * Return: 0, or -EINVAL after one line saying why zones= does not fit.
 */
static int smm_plan_make(struct smm_carve_plan *plan)
{
	const struct smm_zone_layout *l = &smm_zones;
	unsigned long total = (unsigned long)smm_size_mb * SMM_PAGES_PER_MIB;
	unsigned long fixed = 0;
	char a[24], b[24];
	unsigned int nid;
	int type;

	memset(plan, 0, sizeof(*plan));
	plan->total = total;

	for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
		fixed += (unsigned long)l->mib[type] * SMM_PAGES_PER_MIB;

	if (l->present && l->rest < 0 && fixed * smm_nr_nodes != total) {
		pr_err("zones=%s adds up to %s per node, %s on %u node(s), but size_mb=%u; make them agree or leave one zone's size out\n",
		       l->text, smm_size_str(a, sizeof(a), fixed),
		       smm_size_str(b, sizeof(b), fixed * smm_nr_nodes),
		       smm_nr_nodes, smm_size_mb);
		return -EINVAL;
	}

	for (nid = 0; nid < smm_nr_nodes; nid++) {
		unsigned long pages = total / smm_nr_nodes +
				      (nid < total % smm_nr_nodes);
		unsigned long *zp = plan->pages[nid];

		if (!l->present) {
			smm_plan_default(zp, pages);
			continue;
		}
		if (l->rest >= 0 && fixed >= pages) {
			pr_err("zones=%s: the sized zones take %s per node, leaving nothing for %s of the %s each node gets (size_mb=%u, nodes=%u)\n",
			       l->text, smm_size_str(a, sizeof(a), fixed),
			       smm_zone_param_name(l->rest),
			       smm_size_str(b, sizeof(b), pages),
			       smm_size_mb, smm_nr_nodes);
			return -EINVAL;
		}
		for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
			zp[type] = (unsigned long)l->mib[type] *
				   SMM_PAGES_PER_MIB;
		if (l->rest >= 0)
			zp[l->rest] = pages - fixed;
	}
	return 0;
}

/**
 * struct smm_carver - the state of carving
 * @rejected: blocks that fit no zone, held until carving ends
 * @rejected_pages: pages in @rejected
 * @reject_budget: most pages @rejected may hold before carving gives up
 * @budget_spent: carving gave up because @rejected outgrew @reject_budget
 * @carved_pages: pages kept so far
 * @nr_blocks: blocks kept so far
 * @sections: the (node, zone) each section with kept blocks belongs to,
 *	stored as xa_mk_value(nid * SMM_NR_ZONE_TYPES + type)
 */
struct smm_carver {
	struct list_head rejected;
	unsigned long rejected_pages;
	unsigned long reject_budget;
	bool budget_spent;
	unsigned long carved_pages;
	unsigned int nr_blocks;
	struct xarray sections;
};

/* The host allocation flags that give memory a zone type can use. */
static gfp_t smm_zone_gfp(enum smm_zone_type type)
{
	switch (type) {
	case SMM_ZONE_DMA:
		if (smm_dma_bits > 32)
			return GFP_KERNEL;
		if (IS_ENABLED(CONFIG_ZONE_DMA32) && smm_dma_bits > 24)
			return GFP_DMA32;
		return IS_ENABLED(CONFIG_ZONE_DMA) ? GFP_DMA : GFP_KERNEL;
	case SMM_ZONE_DMA32:
		return GFP_DMA32;
	case SMM_ZONE_HIGHMEM:
	case SMM_ZONE_MOVABLE:
		return GFP_HIGHUSER;
	default:
		return GFP_KERNEL;
	}
}

/* Whether a block of @order at @page may serve zone @type. */
static bool smm_block_fits(struct page *page, unsigned int order,
			   enum smm_zone_type type)
{
	u64 last = ((u64)(page_to_pfn(page) + (1UL << order)) << PAGE_SHIFT) - 1;

	switch (type) {
	case SMM_ZONE_DMA:
		return last <= DMA_BIT_MASK(smm_dma_bits);
	case SMM_ZONE_DMA32:
		return last <= DMA_BIT_MASK(32);
	case SMM_ZONE_HIGHMEM:
		return PageHighMem(page);
	default:
		return true;
	}
}

/*
 * Claim the section of a block for (@nid, @type).
 * Return: 0; -EBUSY when another node or zone has it; -ENOMEM.
 */
static int smm_section_claim(struct smm_carver *c, unsigned long pfn,
			     unsigned int nid, enum smm_zone_type type)
{
	unsigned long section = pfn >> SMM_HOST_MAX_ORDER;
	unsigned long want = nid * SMM_NR_ZONE_TYPES + type;
	void *old;

	old = xa_cmpxchg(&c->sections, section, NULL, xa_mk_value(want),
			 GFP_KERNEL);
	if (xa_is_err(old))
		return xa_err(old);
	if (old && xa_to_value(old) != want)
		return -EBUSY;
	return 0;
}

/* Why a zone type could not be carved, for the message. */
static const char *smm_zone_shortage(enum smm_zone_type type, char *buf,
				     size_t size)
{
	switch (type) {
	case SMM_ZONE_DMA:
		snprintf(buf, size, "below the %u-bit DMA mask", smm_dma_bits);
		break;
	case SMM_ZONE_DMA32:
		snprintf(buf, size, "below 4 GiB");
		break;
	case SMM_ZONE_HIGHMEM:
		snprintf(buf, size, "in highmem");
		break;
	default:
		snprintf(buf, size, "anywhere");
		break;
	}
	return buf;
}

/**
 * smm_carve_zone() - take host blocks for one zone of one node
 * @c: the carver
 * @nid: the node
 * @type: the zone type
 * @want: pages to take
 * @list: where the kept blocks go
 *
 * Asks for the largest order first and steps down when the host has no
 * block that large; never asks for more than is still wanted.
 *
 * Return: the pages taken, @want unless the host ran out; a negative
 * errno when the section table could not grow.
 */
static long smm_carve_zone(struct smm_carver *c, unsigned int nid,
			   enum smm_zone_type type, unsigned long want,
			   struct list_head *list)
{
	gfp_t gfp = smm_zone_gfp(type) | __GFP_NOWARN | __GFP_NORETRY;
	unsigned int max = SMM_HOST_MAX_ORDER;
	unsigned long got = 0;
	int ret;

	while (got < want) {
		unsigned int order = min_t(unsigned int, max,
					   ilog2(want - got));
		struct page *page = alloc_pages(gfp, order);

		if (!page) {
			if (!order)
				break;
			max = order - 1;
			continue;
		}
		smm_host_block_set(page, order, nid, type);

		ret = -EBUSY;
		if (smm_block_fits(page, order, type))
			ret = smm_section_claim(c, page_to_pfn(page), nid,
						type);
		if (ret == -EBUSY) {
			list_add(&page->lru, &c->rejected);
			c->rejected_pages += 1UL << order;
			if (c->rejected_pages > c->reject_budget) {
				c->budget_spent = true;
				break;
			}
			continue;
		}
		if (ret) {
			__free_pages(page, order);
			return ret;
		}
		list_add_tail(&page->lru, list);
		got += 1UL << order;
		c->nr_blocks++;
		cond_resched();
	}
	return got;
}

/* The most constrained zones are carved first. */
static const enum smm_zone_type smm_carve_order[] = {
	SMM_ZONE_DMA, SMM_ZONE_DMA32, SMM_ZONE_HIGHMEM,
	SMM_ZONE_NORMAL, SMM_ZONE_MOVABLE,
};

/**
 * smm_carve() - take every zone's blocks from the host
 * @plan: what to take
 * @c: the carver
 *
 * Kept blocks go onto smm_carved; refused ones onto @c->rejected, which
 * the caller frees.
 *
 * Return: 0; -ENOMEM after one line saying what was asked and what the
 * host gave.
 */
static int smm_carve(const struct smm_carve_plan *plan, struct smm_carver *c)
{
	char a[24], b[24], d[24], e[24], why[40];
	unsigned int i, nid;

	for (i = 0; i < ARRAY_SIZE(smm_carve_order); i++) {
		enum smm_zone_type type = smm_carve_order[i];

		for (nid = 0; nid < smm_nr_nodes; nid++) {
			unsigned long want = plan->pages[nid][type];
			long got;

			if (!want)
				continue;
			got = smm_carve_zone(c, nid, type, want, &smm_carved);
			if (got < 0) {
				pr_err("cannot track the carved sections: %ld\n",
				       got);
				return (int)got;
			}
			c->carved_pages += got;
			if (got == want)
				continue;
			pr_err("size_mb=%u: could carve only %s of %s: node %u's %s zone got %s of its %s\n",
			       smm_size_mb,
			       smm_size_str(a, sizeof(a), c->carved_pages),
			       smm_size_str(b, sizeof(b), plan->total), nid,
			       smm_zone_names[type],
			       smm_size_str(d, sizeof(d), got),
			       smm_size_str(e, sizeof(e), want));
			smm_zone_shortage(type, why, sizeof(why));
			/* Free memory may remain where no zone can use it. */
			if (c->budget_spent)
				pr_err("%s of host blocks came first that the zone (memory %s) cannot take, or in sections other zones took; carving holds back at most half the available memory: a smaller size_mb%s or more memory helps\n",
				       smm_size_str(a, sizeof(a),
						    c->rejected_pages), why,
				       type == SMM_ZONE_DMA ?
				       ", a wider dma_bits" : "");
			else
				pr_err("the host has no more free memory %s\n",
				       why);
			return -ENOMEM;
		}
	}
	return 0;
}

/* Describe the kept blocks for the core. */
static struct smm_block *smm_carved_blocks(unsigned int nr_blocks)
{
	struct smm_block *blocks;
	struct page *page;
	unsigned int i = 0;

	blocks = kvmalloc_array(nr_blocks, sizeof(*blocks), GFP_KERNEL);
	if (!blocks)
		return NULL;
	list_for_each_entry(page, &smm_carved, lru) {
		blocks[i].pfn = page_to_pfn(page);
		blocks[i].order = smm_host_block_order(page);
		blocks[i].nid = smm_host_block_nid(page);
		blocks[i].zone = smm_host_block_zone(page);
		i++;
	}
	return blocks;
}

/* Log the zones as carved. */
/*
 * The cost of describing the shadow memory: a descriptor per page of each
 * present section (holes included), against the kernel's 64-byte struct
 * page on 64-bit hosts.
 */
static void smm_descriptor_report(const struct smm_mm *mm)
{
	unsigned long si, sections = 0;
	u64 bytes;

	for (si = 0; si < mm->nr_sections; si++)
		if (mm->sections[si].pages)
			sections++;
	bytes = ((u64)sections << mm->p.max_order) * sizeof(struct smm_page);
	pr_info("page descriptors: %llu KiB for %lu present pages in %lu sections (%zu bytes a page, %llu.%02llu%% of the memory described)\n",
		bytes >> 10, mm->present_pages, sections,
		sizeof(struct smm_page),
		div64_u64(bytes * 100, (u64)mm->present_pages << PAGE_SHIFT),
		div64_u64(bytes * 10000, (u64)mm->present_pages << PAGE_SHIFT) % 100);
}

static void smm_carve_report(void)
{
	struct smm_mm *mm = smm_shadow.mm;
	unsigned int nid;
	int type;

	for (nid = 0; nid < mm->nr_nodes; nid++) {
		char line[160];
		size_t len = 0;

		for (type = 0; type < SMM_NR_ZONE_TYPES; type++) {
			struct smm_zone *z = &mm->nodes[nid].zones[type];
			char sz[24];

			if (!smm_zone_populated(z))
				continue;
			len += scnprintf(line + len, sizeof(line) - len,
					 "%s%s %s (pfn %#llx+%lu)",
					 len ? ", " : "", smm_zone_names[type],
					 smm_size_str(sz, sizeof(sz),
						      z->present_pages),
					 z->zone_start_pfn, z->spanned_pages);
		}
		pr_info("node %u: %s\n", nid, line);
	}
	smm_descriptor_report(mm);
}

static void smm_mm_params_fill(struct smm_mm_params *p)
{
	unsigned int i, j;
	int type;

	memset(p, 0, sizeof(*p));
	p->max_order = SMM_HOST_MAX_ORDER;
	p->pb_order = SMM_HOST_PAGEBLOCK_ORDER;
	p->page_shift = PAGE_SHIFT;
	p->nr_nodes = smm_nr_nodes;
	p->nr_cpus = smm_shadow.nr_cpus;
	p->debug_check = smm_debug_check;
	p->event = smm_event_record;
	for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
		if (smm_arch_has_zone_type(type))
			p->zone_mask |= BIT(type);
	for (i = 0; i < smm_nr_nodes; i++)
		for (j = 0; j < smm_nr_nodes; j++)
			p->node_distance[i][j] = i == j ? SMM_LOCAL_DISTANCE :
							  smm_node_distance;
}

/**
 * smm_carve_init() - carve the shadow memory and build its manager
 *
 * Return: 0, or a negative errno after a line saying why; on error every
 * host page taken is back.
 */
int smm_carve_init(void)
{
	struct smm_carver c = { .rejected = LIST_HEAD_INIT(c.rejected) };
	struct smm_carve_plan *plan;
	struct smm_mm_params params;
	struct smm_block *blocks;
	unsigned long avail;
	char a[24], b[24];
	int ret;

	plan = kzalloc(sizeof(*plan), GFP_KERNEL);
	if (!plan)
		return -ENOMEM;
	ret = smm_plan_make(plan);
	if (ret)
		goto out_plan;

	avail = si_mem_available();
	if (plan->total > avail) {
		pr_err("size_mb=%u asks for %s; the host has %s available\n",
		       smm_size_mb, smm_size_str(a, sizeof(a), plan->total),
		       smm_size_str(b, sizeof(b), avail));
		ret = -ENOMEM;
		goto out_plan;
	}

	smm_shadow.nr_cpus = min_t(unsigned int, nr_cpu_ids, SMM_MAX_CPUS);
	xa_init(&c.sections);
	c.reject_budget = avail / 2;
	ret = smm_carve(plan, &c);
	smm_host_blocks_free(&c.rejected);
	xa_destroy(&c.sections);
	if (ret)
		goto err_free_carved;

	blocks = smm_carved_blocks(c.nr_blocks);
	if (!blocks) {
		ret = -ENOMEM;
		goto err_free_carved;
	}
	smm_mm_params_fill(&params);
	ret = smm_mm_create(&params, blocks, c.nr_blocks, &smm_shadow.mm);
	kvfree(blocks);
	if (ret) {
		pr_err("the memory manager refused the carved blocks: %d\n",
		       ret);
		goto err_free_carved;
	}

	ret = smm_owner_register(smm_shadow.mm, "netlink");
	if (ret < 0)
		goto err_destroy;
	smm_shadow.owner_netlink = ret;
	smm_shadow.bytes = (u64)c.carved_pages << PAGE_SHIFT;

	pr_info("carved %s in %u blocks on %u node(s), max order %u, pageblock order %u\n",
		smm_size_str(a, sizeof(a), c.carved_pages), c.nr_blocks,
		smm_nr_nodes, SMM_HOST_MAX_ORDER, SMM_HOST_PAGEBLOCK_ORDER);
	smm_carve_report();
	kfree(plan);
	return 0;

err_destroy:
	smm_mm_destroy(smm_shadow.mm);
	smm_shadow.mm = NULL;
err_free_carved:
	smm_host_blocks_free(&smm_carved);
out_plan:
	kfree(plan);
	return ret;
}

static void smm_report_owner(void *arg, const struct smm_owner_usage *u)
{
	pr_warn("unload: %s still holds %lu page(s) in %lu block(s)\n",
		u->owner ? u->name : "(no owner)", u->pages, u->blocks);
}

/**
 * smm_carve_exit() - report what is still allocated, tear the memory
 * manager down and give every carved page back to the host
 *
 * Runs after the netlink family is gone: nothing else uses the shadow
 * memory any more.
 */
void smm_carve_exit(void)
{
	mutex_lock(&smm_shadow.usage_mutex);
	smm_mm_owner_usage(smm_shadow.mm, smm_report_owner, NULL);
	mutex_unlock(&smm_shadow.usage_mutex);
	if (smm_shadow.mm->debug_violations)
		pr_err("unload: debug checks found %lu violation(s), first: %s\n",
		       smm_shadow.mm->debug_violations,
		       smm_shadow.mm->debug_report.nr_msgs ?
		       smm_shadow.mm->debug_report.msg[0] : "(not described)");
	smm_mm_destroy(smm_shadow.mm);
	smm_shadow.mm = NULL;
	smm_host_blocks_free(&smm_carved);
	smm_shadow.bytes = 0;
}
