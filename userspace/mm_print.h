/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_print.h - nodes, zones, pages and owners for people (text) and for
 * programs (JSON), through the one print path of print.h
 *
 * No netlink here: host tests feed known structs and compare the output.
 */
#ifndef SMM_MM_PRINT_H
#define SMM_MM_PRINT_H

#include "mm_info.h"
#include "print.h"

void mm_print_node(struct smm_out *o, const struct smm_node_info *node,
		   unsigned long page_size);
void mm_print_zone(struct smm_out *o, const struct smm_zone_info *zone,
		   unsigned long page_size);
void mm_print_page(struct smm_out *o, const struct smm_page_info *page);
void mm_print_page_line(struct smm_out *o, const struct smm_page_info *page);
void mm_print_owners_header(struct smm_out *o);
void mm_print_owner(struct smm_out *o, const struct smm_owner_info *owner);
void mm_print_buddyinfo_json(struct smm_out *o,
			     const struct smm_zone_info *zones, size_t n);
void mm_print_pagetypeinfo_json(struct smm_out *o,
				const struct smm_zone_info *zones, size_t n,
				int pageblock_order);

#endif /* SMM_MM_PRINT_H */
