// SPDX-License-Identifier: GPL-2.0
/*
 * mm_nl.c - node, zone, page and owner replies decoded into structs
 *
 * Every attribute is checked for its size before it is read; a string
 * must end within its attribute. Attribute types this smm does not know
 * (from a newer module) are skipped. Repeated (multi-attr) attributes are
 * kept in the order they came.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "mm_nl.h"
#include "names.h"
#include "page_pack.h"

/* Names @nla of @set in @bad and fails. */
static int bad_attr(const struct smm_attr_set *set, const struct nlattr *nla,
		    char *bad)
{
	const char *name = smm_attr_name(set, nla_type(nla));

	if (name)
		snprintf(bad, MM_BAD_LEN, "%s %s (%d bytes)", set->name, name,
			 nla_len(nla));
	else
		snprintf(bad, MM_BAD_LEN, "%s %d (%d bytes)", set->name,
			 nla_type(nla), nla_len(nla));
	return -EBADMSG;
}

static bool is_u32(const struct nlattr *nla)
{
	return nla_len(nla) == sizeof(__u32);
}

static bool is_u64(const struct nlattr *nla)
{
	return nla_len(nla) == sizeof(__u64);
}

/* Copies a NUL-terminated string attribute, cut to @size - 1 bytes. */
static bool get_string(const struct nlattr *nla, char *buf, size_t size)
{
	size_t len = nla_len(nla);

	if (!len || !memchr(nla_data(nla), '\0', len))
		return false;
	snprintf(buf, size, "%s", (const char *)nla_data(nla));
	return true;
}

/* Where a node's u64 attribute goes; @type is one of the four. */
static __u64 *node_u64(struct smm_node_info *node, int type)
{
	switch (type) {
	case SHADOW_MM_A_NODE_START_PFN:	return &node->start_pfn;
	case SHADOW_MM_A_NODE_SPANNED_PAGES:	return &node->spanned;
	case SHADOW_MM_A_NODE_PRESENT_PAGES:	return &node->present;
	default:				return &node->free;
	}
}

/**
 * mm_decode_node() - decode a NODE_GET reply
 * @msg: the reply
 * @node: filled in
 * @bad: MM_BAD_LEN bytes: on failure, the attribute that was malformed
 *
 * Return: 0, or -EBADMSG.
 */
int mm_decode_node(struct nl_msg *msg, struct smm_node_info *node, char *bad)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	const struct smm_attr_set *set = &smm_node_attr_set;
	struct nlattr *nla;
	int rem, type;

	memset(node, 0, sizeof(*node));
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		type = nla_type(nla);
		switch (type) {
		case SHADOW_MM_A_NODE_ID:
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			node->id = nla_get_u32(nla);
			break;
		case SHADOW_MM_A_NODE_START_PFN:
		case SHADOW_MM_A_NODE_SPANNED_PAGES:
		case SHADOW_MM_A_NODE_PRESENT_PAGES:
		case SHADOW_MM_A_NODE_FREE_PAGES:
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			*node_u64(node, type) = nla_get_u64(nla);
			break;
		case SHADOW_MM_A_NODE_DISTANCE:
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			if (node->n_distance < SHADOW_MM_MAX_NODES)
				node->distance[node->n_distance++] =
					nla_get_u32(nla);
			break;
		case SHADOW_MM_A_NODE_ZONE_TYPE:
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			if (node->n_zone_types < SMM_NR_ZONE_TYPES)
				node->zone_types[node->n_zone_types++] =
					nla_get_u32(nla);
			break;
		default:
			continue;
		}
		node->has[type] = true;
	}
	return 0;
}

static int decode_free_area(struct smm_zone_info *z, struct nlattr *nest,
			    char *bad)
{
	const struct smm_attr_set *set = &smm_free_area_attr_set;
	struct smm_free_area fa = { .has = true };
	bool has_order = false;
	__u32 order = 0;
	struct nlattr *nla;
	int rem, type;

	nla_for_each_nested(nla, nest, rem) {
		type = nla_type(nla);
		if (type == SHADOW_MM_A_FREE_AREA_ORDER) {
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			order = nla_get_u32(nla);
			has_order = true;
		} else if (type == SHADOW_MM_A_FREE_AREA_NR_FREE) {
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			fa.nr_free = nla_get_u64(nla);
		} else if (type >= SHADOW_MM_A_FREE_AREA_UNMOVABLE &&
			   type <= SHADOW_MM_A_FREE_AREA_ISOLATE) {
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			type -= SHADOW_MM_A_FREE_AREA_UNMOVABLE;
			fa.by_type[type] = nla_get_u64(nla);
			fa.has_type[type] = true;
		}
	}
	if (!has_order) {
		snprintf(bad, MM_BAD_LEN, "free-area without its order");
		return -EBADMSG;
	}
	/* Orders beyond what smm keeps are left out. */
	if (order >= SMM_MAX_ORDERS)
		return 0;
	z->free_area[order] = fa;
	if (order + 1 > z->n_orders)
		z->n_orders = order + 1;
	return 0;
}

static int decode_pageblocks(struct smm_zone_info *z, struct nlattr *nest,
			     char *bad)
{
	struct nlattr *nla;
	int rem, type;

	nla_for_each_nested(nla, nest, rem) {
		type = nla_type(nla);
		if (type < SHADOW_MM_A_PAGEBLOCKS_UNMOVABLE ||
		    type > SHADOW_MM_A_PAGEBLOCKS_ISOLATE)
			continue;
		if (!is_u64(nla))
			return bad_attr(&smm_pageblocks_attr_set, nla, bad);
		type -= SHADOW_MM_A_PAGEBLOCKS_UNMOVABLE;
		z->pageblocks[type] = nla_get_u64(nla);
		z->has_pageblock[type] = true;
	}
	return 0;
}

static int decode_pcp(struct smm_zone_info *z, struct nlattr *nest,
		      char *bad)
{
	struct smm_pcp_info pcp = { 0 }, *grown;
	struct nlattr *nla;
	int rem, type;

	nla_for_each_nested(nla, nest, rem) {
		type = nla_type(nla);
		if (type < SHADOW_MM_A_PCP_CPU || type > SHADOW_MM_A_PCP_BATCH)
			continue;
		if (!is_u32(nla))
			return bad_attr(&smm_pcp_attr_set, nla, bad);
		switch (type) {
		case SHADOW_MM_A_PCP_CPU:
			pcp.cpu = nla_get_u32(nla);
			break;
		case SHADOW_MM_A_PCP_COUNT:
			pcp.count = nla_get_u32(nla);
			break;
		case SHADOW_MM_A_PCP_HIGH:
			pcp.high = nla_get_u32(nla);
			break;
		case SHADOW_MM_A_PCP_BATCH:
			pcp.batch = nla_get_u32(nla);
			break;
		}
	}
	grown = realloc(z->pcp, (z->n_pcp + 1) * sizeof(*z->pcp));
	if (!grown) {
		snprintf(bad, MM_BAD_LEN, "out of memory");
		return -ENOMEM;
	}
	z->pcp = grown;
	z->pcp[z->n_pcp++] = pcp;
	return 0;
}

/* The zone's u64 attributes and where they go. */
static __u64 *zone_u64(struct smm_zone_info *z, int type)
{
	switch (type) {
	case SHADOW_MM_A_ZONE_START_PFN:	return &z->start_pfn;
	case SHADOW_MM_A_ZONE_SPANNED_PAGES:	return &z->spanned;
	case SHADOW_MM_A_ZONE_PRESENT_PAGES:	return &z->present;
	case SHADOW_MM_A_ZONE_MANAGED_PAGES:	return &z->managed;
	case SHADOW_MM_A_ZONE_FREE_PAGES:	return &z->free;
	case SHADOW_MM_A_ZONE_WMARK_MIN:	return &z->wmark_min;
	case SHADOW_MM_A_ZONE_WMARK_LOW:	return &z->wmark_low;
	case SHADOW_MM_A_ZONE_WMARK_HIGH:	return &z->wmark_high;
	case SHADOW_MM_A_ZONE_ALLOC_COUNT:	return &z->alloc_count;
	case SHADOW_MM_A_ZONE_FREE_COUNT:	return &z->free_count;
	case SHADOW_MM_A_ZONE_SPLIT_COUNT:	return &z->split_count;
	case SHADOW_MM_A_ZONE_MERGE_COUNT:	return &z->merge_count;
	case SHADOW_MM_A_ZONE_STEAL_COUNT:	return &z->steal_count;
	case SHADOW_MM_A_ZONE_FAIL_COUNT:	return &z->fail_count;
	default:				return NULL;
	}
}

/**
 * mm_decode_zone() - decode a ZONE_GET reply
 * @msg: the reply
 * @zone: filled in; smm_zone_info_release() frees what it holds, whatever
 *	this returns
 * @bad: MM_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: 0, -EBADMSG or -ENOMEM.
 */
int mm_decode_zone(struct nl_msg *msg, struct smm_zone_info *zone, char *bad)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	const struct smm_attr_set *set = &smm_zone_attr_set;
	struct nlattr *nla;
	int rem, type, ret;
	__u64 *u64;

	memset(zone, 0, sizeof(*zone));
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		type = nla_type(nla);
		ret = 0;
		switch (type) {
		case SHADOW_MM_A_ZONE_NODE:
		case SHADOW_MM_A_ZONE_TYPE:
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			if (type == SHADOW_MM_A_ZONE_NODE)
				zone->node = nla_get_u32(nla);
			else
				zone->type = nla_get_u32(nla);
			break;
		case SHADOW_MM_A_ZONE_NAME:
			if (!get_string(nla, zone->name, sizeof(zone->name)))
				return bad_attr(set, nla, bad);
			break;
		case SHADOW_MM_A_ZONE_LOWMEM_RESERVE:
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			if (zone->n_lowmem_reserve < SMM_NR_ZONE_TYPES)
				zone->lowmem_reserve[zone->n_lowmem_reserve++] =
					nla_get_u64(nla);
			break;
		case SHADOW_MM_A_ZONE_FREE_AREA:
			ret = decode_free_area(zone, nla, bad);
			break;
		case SHADOW_MM_A_ZONE_PAGEBLOCKS:
			ret = decode_pageblocks(zone, nla, bad);
			break;
		case SHADOW_MM_A_ZONE_PCP:
			ret = decode_pcp(zone, nla, bad);
			break;
		default:
			u64 = zone_u64(zone, type);
			if (!u64)
				continue;
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			*u64 = nla_get_u64(nla);
			break;
		}
		if (ret)
			return ret;
		zone->has[type] = true;
	}
	return 0;
}

/* Where a page's u32 attribute goes, NULL for other types. */
static __u32 *page_u32(struct smm_page_info *page, int type)
{
	switch (type) {
	case SHADOW_MM_A_PAGE_NODE:		return &page->node;
	case SHADOW_MM_A_PAGE_ZONE:		return &page->zone;
	case SHADOW_MM_A_PAGE_FLAGS:		return &page->flags;
	case SHADOW_MM_A_PAGE_ORDER:		return &page->order;
	case SHADOW_MM_A_PAGE_REFCOUNT:		return &page->refcount;
	case SHADOW_MM_A_PAGE_MAPCOUNT:		return &page->mapcount;
	case SHADOW_MM_A_PAGE_MIGRATETYPE:	return &page->migratetype;
	default:				return NULL;
	}
}

/**
 * mm_decode_page() - decode a PAGE_GET reply or dump part
 * @msg: the message
 * @page: filled in
 * @bad: MM_BAD_LEN bytes: on failure, the attribute that was malformed
 *
 * Return: 0, or -EBADMSG.
 */
int mm_decode_page(struct nl_msg *msg, struct smm_page_info *page, char *bad)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	const struct smm_attr_set *set = &smm_page_attr_set;
	struct nlattr *nla;
	int rem, type;
	__u32 *u32;

	memset(page, 0, sizeof(*page));
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		type = nla_type(nla);
		switch (type) {
		case SHADOW_MM_A_PAGE_PFN:
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			page->pfn = nla_get_u64(nla);
			break;
		case SHADOW_MM_A_PAGE_OWNER:
			if (!get_string(nla, page->owner, sizeof(page->owner)))
				return bad_attr(set, nla, bad);
			break;
		default:
			u32 = page_u32(page, type);
			if (!u32)
				continue;
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			*u32 = nla_get_u32(nla);
			break;
		}
		page->has[type] = true;
	}
	return 0;
}

/**
 * mm_decode_owner() - decode an OWNER_GET dump part
 * @msg: the message
 * @owner: filled in
 * @bad: MM_BAD_LEN bytes: on failure, the attribute that was malformed
 *
 * Return: 0, or -EBADMSG.
 */
int mm_decode_owner(struct nl_msg *msg, struct smm_owner_info *owner,
		    char *bad)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	const struct smm_attr_set *set = &smm_owner_attr_set;
	struct nlattr *nla;
	int rem, type;

	memset(owner, 0, sizeof(*owner));
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		type = nla_type(nla);
		switch (type) {
		case SHADOW_MM_A_OWNER_NAME:
			if (!get_string(nla, owner->name, sizeof(owner->name)))
				return bad_attr(set, nla, bad);
			break;
		case SHADOW_MM_A_OWNER_BLOCKS:
		case SHADOW_MM_A_OWNER_PAGES:
			if (!is_u64(nla))
				return bad_attr(set, nla, bad);
			if (type == SHADOW_MM_A_OWNER_BLOCKS)
				owner->blocks = nla_get_u64(nla);
			else
				owner->pages = nla_get_u64(nla);
			break;
		case SHADOW_MM_A_OWNER_ID:
			if (!is_u32(nla))
				return bad_attr(set, nla, bad);
			owner->id = nla_get_u32(nla);
			break;
		default:
			continue;
		}
		owner->has[type] = true;
	}
	return 0;
}

/**
 * mm_decode_page_pack() - check a packed PAGE_GET dump part
 * @msg: the message
 * @pk: filled in; its arrays point into @msg
 * @bad: MM_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: as smm_page_pack_decode().
 */
int mm_decode_page_pack(struct nl_msg *msg, struct smm_page_pack *pk,
			char *bad)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));

	return smm_page_pack_decode(genlmsg_attrdata(gh, 0),
				    genlmsg_attrlen(gh, 0), pk, bad);
}

struct owner_names_ctx {
	const char *what;
	struct smm_owner_names *t;
};

static int owner_name_one(struct nl_msg *msg, void *arg)
{
	struct owner_names_ctx *c = arg;
	struct smm_owner_info owner;
	char bad[MM_BAD_LEN];

	if (mm_decode_owner(msg, &owner, bad)) {
		fprintf(stderr, "smm: %s: malformed reply: %s\n", c->what,
			bad);
		return -EBADMSG;
	}
	/* A module before ids, or the no-owner row: nothing to map. */
	if (!owner.has[SHADOW_MM_A_OWNER_ID] || !owner.id)
		return 0;
	if (smm_owner_names_set(c->t, owner.id, owner.name)) {
		fprintf(stderr, "smm: %s: out of memory\n", c->what);
		return -ENOMEM;
	}
	return 0;
}

/**
 * mm_fetch_owner_names() - map owner tag ids to names, by an owner-get
 * dump
 * @nl: an open connection
 * @what: the command, for messages
 * @t: the table, zeroed at first; smm_owner_names_release() frees it,
 *	whatever this returns
 *
 * owner-get lists the owners holding memory: a tag that gets its first
 * block after this call is not in @t.
 *
 * Return: 0, or -1 as mm_fetch_nodes().
 */
int mm_fetch_owner_names(struct smm_nl *nl, const char *what,
			 struct smm_owner_names *t)
{
	struct owner_names_ctx c = { .what = what, .t = t };

	return smm_nl_dump_cmd(nl, SHADOW_MM_CMD_OWNER_GET, &smm_owner_attr_set,
			       owner_name_one, &c);
}

/* What a node or zone dump collects into. */
struct collect {
	const char *what;
	void *items;
	size_t n;
	size_t size;
	int (*decode)(struct nl_msg *msg, void *item, char *bad);
	void (*release)(void *item);
};

static int collect_one(struct nl_msg *msg, void *arg)
{
	struct collect *c = arg;
	char bad[MM_BAD_LEN];
	void *grown, *item;
	int ret;

	grown = realloc(c->items, (c->n + 1) * c->size);
	if (!grown) {
		fprintf(stderr, "smm: %s: out of memory\n", c->what);
		return -ENOMEM;
	}
	c->items = grown;
	item = (char *)c->items + c->n * c->size;
	ret = c->decode(msg, item, bad);
	if (ret) {
		if (c->release)
			c->release(item);
		fprintf(stderr, "smm: %s: malformed reply: %s\n", c->what,
			bad);
		return ret;
	}
	c->n++;
	return 0;
}

static int decode_node_item(struct nl_msg *msg, void *item, char *bad)
{
	return mm_decode_node(msg, item, bad);
}

static int decode_zone_item(struct nl_msg *msg, void *item, char *bad)
{
	return mm_decode_zone(msg, item, bad);
}

static void release_zone_item(void *item)
{
	smm_zone_info_release(item);
}

/**
 * mm_fetch_nodes() - dump every shadow node
 * @nl: an open connection
 * @what: the command, for messages
 * @nodes: set to a malloc()ed array, in the order the module sent them
 * @n: set to its length
 *
 * Return: 0, or -1 with the reason printed (or in @nl->err for the
 * caller's smm_nl_perror()).
 */
int mm_fetch_nodes(struct smm_nl *nl, const char *what,
		   struct smm_node_info **nodes, size_t *n)
{
	struct collect c = {
		.what = what, .size = sizeof(**nodes),
		.decode = decode_node_item,
	};
	int ret;

	ret = smm_nl_dump_cmd(nl, SHADOW_MM_CMD_NODE_GET, &smm_node_attr_set,
			      collect_one, &c);
	if (ret) {
		free(c.items);
		return -1;
	}
	*nodes = c.items;
	*n = c.n;
	return 0;
}

/**
 * mm_fetch_zones() - dump every shadow zone, sorted by node and type
 * @nl: an open connection
 * @what: the command, for messages
 * @zones: set to a malloc()ed array; smm_zones_release() frees it
 * @n: set to its length
 *
 * Return: 0, or -1 as mm_fetch_nodes().
 */
int mm_fetch_zones(struct smm_nl *nl, const char *what,
		   struct smm_zone_info **zones, size_t *n)
{
	struct collect c = {
		.what = what, .size = sizeof(**zones),
		.decode = decode_zone_item, .release = release_zone_item,
	};
	int ret;

	ret = smm_nl_dump_cmd(nl, SHADOW_MM_CMD_ZONE_GET, &smm_zone_attr_set,
			      collect_one, &c);
	if (ret) {
		smm_zones_release(c.items, c.n);
		return -1;
	}
	smm_zones_sort(c.items, c.n);
	*zones = c.items;
	*n = c.n;
	return 0;
}

/**
 * mm_page_size() - bytes per page of the kernel smm runs on
 *
 * The shadow world's pages are the host kernel's (status page-size).
 *
 * Return: the size, or 0 when unknown.
 */
unsigned long mm_page_size(void)
{
	long size = sysconf(_SC_PAGESIZE);

	return size > 0 ? (unsigned long)size : 0;
}
