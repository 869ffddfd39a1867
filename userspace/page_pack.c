// SPDX-License-Identifier: GPL-2.0
/*
 * page_pack.c - packed page-get dump messages
 *
 * A packed message describes count consecutive pages from pfn on, one
 * section's, with node and zone once and one array per field. This file
 * checks such a message and turns its element i into the struct
 * smm_page_info that the per-page message of the same page would decode
 * to, attribute presence included, so that every renderer prints both
 * alike. It works on the attributes' bytes and needs no libnl: the host
 * tests build messages by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/shadow_mm.h>

#include "names.h"
#include "page_pack.h"

/* The arrays, by attribute type: element size and where the pointer goes. */
static const void **pack_array(struct smm_page_pack *pk, int type,
			       size_t *size)
{
	switch (type) {
	case SHADOW_MM_A_PAGE_FLAGS_ARRAY:
		*size = sizeof(*pk->flags);
		return (const void **)&pk->flags;
	case SHADOW_MM_A_PAGE_ORDER_ARRAY:
		*size = sizeof(*pk->order);
		return (const void **)&pk->order;
	case SHADOW_MM_A_PAGE_REFCOUNT_ARRAY:
		*size = sizeof(*pk->refcount);
		return (const void **)&pk->refcount;
	case SHADOW_MM_A_PAGE_MAPCOUNT_ARRAY:
		*size = sizeof(*pk->mapcount);
		return (const void **)&pk->mapcount;
	case SHADOW_MM_A_PAGE_OWNER_ARRAY:
		*size = sizeof(*pk->owner);
		return (const void **)&pk->owner;
	case SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY:
		*size = sizeof(*pk->mt);
		return (const void **)&pk->mt;
	default:
		return NULL;
	}
}

static int pack_bad(char *bad, int type, __u32 len, const char *why)
{
	const char *name = smm_attr_name(&smm_page_attr_set, type);

	if (name)
		snprintf(bad, PAGE_PACK_BAD_LEN, "page %s (%u bytes)%s", name,
			 len, why);
	else
		snprintf(bad, PAGE_PACK_BAD_LEN, "page %d (%u bytes)%s", type,
			 len, why);
	return -EBADMSG;
}

static __u32 get_u32(const void *data)
{
	__u32 v;

	memcpy(&v, data, sizeof(v));
	return v;
}

/**
 * smm_page_pack_decode() - check a packed page-get dump message
 * @attrs: its attributes (after the genetlink header)
 * @len: their length in bytes
 * @pk: filled in; its arrays point into @attrs
 * @bad: PAGE_PACK_BAD_LEN bytes: on failure, what was malformed
 *
 * pfn, count and every array must come, each array with count elements
 * exactly; attribute types this smm does not know are skipped.
 *
 * Return: 0; -ENOMSG when the message has no count (it is not packed);
 * -EBADMSG when it is malformed.
 */
int smm_page_pack_decode(const void *attrs, size_t len,
			 struct smm_page_pack *pk, char *bad)
{
	const struct nlattr *nla = attrs;
	bool has_pfn = false, has_count = false;
	__u32 lens[SHADOW_MM_A_PAGE_MAX + 1] = { 0 };
	size_t rem = len, size;
	const void **array;
	int type;
	__u32 alen;

	memset(pk, 0, sizeof(*pk));
	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		const void *data = (const char *)nla + NLA_HDRLEN;
		size_t step = NLA_ALIGN(nla->nla_len);

		type = nla->nla_type & NLA_TYPE_MASK;
		alen = nla->nla_len - NLA_HDRLEN;
		switch (type) {
		case SHADOW_MM_A_PAGE_PFN:
			if (alen != sizeof(__u64))
				return pack_bad(bad, type, alen, "");
			memcpy(&pk->pfn, data, sizeof(pk->pfn));
			has_pfn = true;
			break;
		case SHADOW_MM_A_PAGE_NODE:
		case SHADOW_MM_A_PAGE_ZONE:
		case SHADOW_MM_A_PAGE_COUNT:
			if (alen != sizeof(__u32))
				return pack_bad(bad, type, alen, "");
			if (type == SHADOW_MM_A_PAGE_NODE) {
				pk->node = get_u32(data);
				pk->has_node = true;
			} else if (type == SHADOW_MM_A_PAGE_ZONE) {
				pk->zone = get_u32(data);
				pk->has_zone = true;
			} else {
				pk->count = get_u32(data);
				has_count = true;
			}
			break;
		default:
			array = pack_array(pk, type, &size);
			if (!array)
				break;
			*array = data;
			lens[type] = alen;
			break;
		}
		if (step >= rem)
			break;
		rem -= step;
		nla = (const void *)((const char *)nla + step);
	}
	if (!has_count)
		return -ENOMSG;
	if (!has_pfn) {
		snprintf(bad, PAGE_PACK_BAD_LEN, "packed page message without pfn");
		return -EBADMSG;
	}
	for (type = SHADOW_MM_A_PAGE_FLAGS_ARRAY;
	     type <= SHADOW_MM_A_PAGE_MIGRATETYPE_ARRAY; type++) {
		array = pack_array(pk, type, &size);
		if (!*array)
			return pack_bad(bad, type, 0, " missing");
		if (lens[type] != (__u64)pk->count * size)
			return pack_bad(bad, type, lens[type],
					" does not match count");
	}
	return 0;
}

/**
 * smm_page_pack_has_order() - whether a page's order is meaningful
 * @flags: its enum shadow_mm_page_flags bits
 * @refcount: its references
 *
 * As the module decides to send order in a per-page message: on the
 * first page of a free block (buddy, pcp), of a compound allocation
 * (head), or of an allocated block (referenced, not tail nor reserved).
 *
 * Return: true when it is.
 */
bool smm_page_pack_has_order(__u32 flags, __u32 refcount)
{
	const __u32 free = SHADOW_MM_PAGE_FLAGS_BUDDY | SHADOW_MM_PAGE_FLAGS_PCP;

	if (flags & (free | SHADOW_MM_PAGE_FLAGS_HEAD))
		return true;
	return refcount && !(flags & (SHADOW_MM_PAGE_FLAGS_TAIL |
				      SHADOW_MM_PAGE_FLAGS_RESERVED));
}

/**
 * smm_page_pack_record() - one page of a packed message, as a per-page
 * message would have described it
 * @pk: the message, from smm_page_pack_decode()
 * @i: the page, below @pk->count
 * @owners: owner names by id; an id it does not know shows as "#ID"
 * @page: filled in
 */
void smm_page_pack_record(const struct smm_page_pack *pk, __u32 i,
			  const struct smm_owner_names *owners,
			  struct smm_page_info *page)
{
	const char *name;

	memset(page, 0, sizeof(*page));
	page->pfn = pk->pfn + i;
	page->has[SHADOW_MM_A_PAGE_PFN] = true;
	page->node = pk->node;
	page->has[SHADOW_MM_A_PAGE_NODE] = pk->has_node;
	page->zone = pk->zone;
	page->has[SHADOW_MM_A_PAGE_ZONE] = pk->has_zone;
	page->flags = pk->flags[i];
	page->has[SHADOW_MM_A_PAGE_FLAGS] = true;
	page->refcount = pk->refcount[i];
	page->has[SHADOW_MM_A_PAGE_REFCOUNT] = true;
	page->mapcount = pk->mapcount[i];
	page->has[SHADOW_MM_A_PAGE_MAPCOUNT] = true;
	if (smm_page_pack_has_order(page->flags, page->refcount)) {
		page->order = pk->order[i];
		page->has[SHADOW_MM_A_PAGE_ORDER] = true;
	}
	if (pk->owner[i]) {
		name = owners ? smm_owner_names_get(owners, pk->owner[i]) :
		       NULL;
		if (name)
			snprintf(page->owner, sizeof(page->owner), "%s", name);
		else
			snprintf(page->owner, sizeof(page->owner), "#%u",
				 pk->owner[i]);
		page->has[SHADOW_MM_A_PAGE_OWNER] = true;
	}
	if (pk->mt[i]) {
		page->migratetype = pk->mt[i];
		page->has[SHADOW_MM_A_PAGE_MIGRATETYPE] = true;
	}
}

/**
 * smm_owner_names_set() - record the name of an owner tag id
 * @t: the table, zeroed at first
 * @id: the id
 * @name: its name (copied)
 *
 * Return: 0, or -ENOMEM.
 */
int smm_owner_names_set(struct smm_owner_names *t, __u32 id,
			const char *name)
{
	char *copy;

	if (id >= t->n) {
		char **grown = realloc(t->names, (id + 1) * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		memset(grown + t->n, 0, (id + 1 - t->n) * sizeof(*grown));
		t->names = grown;
		t->n = id + 1;
	}
	copy = strdup(name);
	if (!copy)
		return -ENOMEM;
	free(t->names[id]);
	t->names[id] = copy;
	return 0;
}

/**
 * smm_owner_names_get() - the name of an owner tag id
 * @t: the table
 * @id: the id
 *
 * Return: the name, or NULL when @t does not know @id.
 */
const char *smm_owner_names_get(const struct smm_owner_names *t, __u32 id)
{
	return id < t->n ? t->names[id] : NULL;
}

/**
 * smm_owner_names_release() - free what a table holds
 * @t: the table; left empty
 */
void smm_owner_names_release(struct smm_owner_names *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t->names);
	t->names = NULL;
	t->n = 0;
}
