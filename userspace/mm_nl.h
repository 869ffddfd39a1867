/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_nl.h - node, zone, page and owner replies decoded into mm_info.h's
 * structs, and the dumps that fetch them
 */
#ifndef SMM_MM_NL_H
#define SMM_MM_NL_H

#include <stddef.h>

#include "mm_info.h"
#include "nl.h"
#include "page_pack.h"

struct nl_msg;

/* Room for the name of the attribute a decoder refused. */
#define MM_BAD_LEN	64

int mm_decode_node(struct nl_msg *msg, struct smm_node_info *node,
		   char *bad);
int mm_decode_zone(struct nl_msg *msg, struct smm_zone_info *zone,
		   char *bad);
int mm_decode_page(struct nl_msg *msg, struct smm_page_info *page,
		   char *bad);
int mm_decode_owner(struct nl_msg *msg, struct smm_owner_info *owner,
		    char *bad);
int mm_decode_page_pack(struct nl_msg *msg, struct smm_page_pack *pk,
			char *bad);

int mm_fetch_nodes(struct smm_nl *nl, const char *what,
		   struct smm_node_info **nodes, size_t *n);
int mm_fetch_zones(struct smm_nl *nl, const char *what,
		   struct smm_zone_info **zones, size_t *n);
int mm_fetch_owner_names(struct smm_nl *nl, const char *what,
			 struct smm_owner_names *t);

unsigned long mm_page_size(void);

#endif /* SMM_MM_NL_H */
