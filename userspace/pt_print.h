/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pt_print.h - shadow address spaces, walks, touches, range dumps and the
 * page-table benchmark as text and JSON; the walk as a tree
 *
 * No netlink here: the renderers take pt_info.h's structs, so host tests
 * feed them made-up walks and compare the output.
 */
#ifndef SMM_PT_PRINT_H
#define SMM_PT_PRINT_H

#include <stdio.h>
#include <linux/types.h>

#include "print.h"
#include "pt_info.h"

/* What a map-type request did, for pt_print_map(). */
enum smm_map_op {
	SMM_MAP_OP_MAP,
	SMM_MAP_OP_UNMAP,
	SMM_MAP_OP_PROTECT,
};

int pt_va_digits(__u32 format);
int pt_desc_digits(__u32 format);
const char *pt_source_text(enum smm_walk_source source, __u32 id, char *buf,
			   size_t size);
const char *pt_size_text(__u64 bytes, char *buf, size_t size);
const char *pt_index_text(const struct smm_walk_level_info *l, char *buf,
			  size_t size);
const char *pt_field_text(const struct smm_pt_field_info *f, char *buf,
			  size_t size);

void pt_print_as(struct smm_out *o, const struct smm_as_info *as);
void pt_print_map(struct smm_out *o, enum smm_map_op op, __u64 va, __u64 len,
		  __u32 prot, const struct smm_map_info *m);
void pt_print_touch(struct smm_out *o, const struct smm_walk_info *w);
void pt_print_walk(struct smm_out *o, const struct smm_walk_info *w);
void pt_print_walk_tree(FILE *f, const struct smm_walk_info *w);

void pt_print_runs_begin(struct smm_out *o, enum smm_walk_source source,
			 __u32 id, __u32 format, __u32 levels);
void pt_print_run(struct smm_out *o, const struct smm_walk_run_info *r,
		  __u32 format);
void pt_print_runs_end(struct smm_out *o, __u64 runs);

double pt_ops_per_s(__u64 count, __u64 ns);
double pt_bench_ratio(const struct smm_bench_pt_info *b,
		      enum smm_bench_pt_test test);
void pt_print_bench(struct smm_out *o, const struct smm_bench_pt_info *b);

#endif /* SMM_PT_PRINT_H */
