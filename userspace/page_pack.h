/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page_pack.h - packed page-get dump messages: many pages to a message,
 * in per-page arrays, decoded without libnl and expanded into the
 * smm_page_info a per-page message would have given
 */
#ifndef SMM_PAGE_PACK_H
#define SMM_PAGE_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "mm_info.h"

/* Room for what a decoder refused (as MM_BAD_LEN). */
#define PAGE_PACK_BAD_LEN	64

/**
 * struct smm_page_pack - one packed message; the arrays point into it
 * @pfn: the first page's frame
 * @node: node of every page, when @has_node
 * @zone: enum shadow_mm_zone_type of every page, when @has_zone
 * @has_node: the message carried node
 * @has_zone: the message carried zone
 * @count: pages in the message; each array holds @count elements
 * @flags: enum shadow_mm_page_flags bits
 * @order: block orders (meaningful where smm_page_pack_has_order())
 * @refcount: references
 * @mapcount: mappings
 * @owner: owner tag ids, 0 for none
 * @mt: enum shadow_mm_migratetype values, 0 when unknown
 */
struct smm_page_pack {
	__u64 pfn;
	__u32 node;
	__u32 zone;
	bool has_node;
	bool has_zone;
	__u32 count;
	const __u16 *flags;
	const __u8 *order;
	const __u16 *refcount;
	const __u8 *mapcount;
	const __u16 *owner;
	const __u8 *mt;
};

/**
 * struct smm_owner_names - owner tag names by id, from owner-get
 * @names: names indexed by id, NULL where unknown
 * @n: length of @names
 */
struct smm_owner_names {
	char **names;
	size_t n;
};

int smm_page_pack_decode(const void *attrs, size_t len,
			 struct smm_page_pack *pk, char *bad);
bool smm_page_pack_has_order(__u32 flags, __u32 refcount);
void smm_page_pack_record(const struct smm_page_pack *pk, __u32 i,
			  const struct smm_owner_names *owners,
			  struct smm_page_info *page);

int smm_owner_names_set(struct smm_owner_names *t, __u32 id,
			const char *name);
const char *smm_owner_names_get(const struct smm_owner_names *t, __u32 id);
void smm_owner_names_release(struct smm_owner_names *t);

#endif /* SMM_PAGE_PACK_H */
