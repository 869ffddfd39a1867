/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table formats: the names and the shapes (number of levels) that
 * shadowmm knows. The per-format descriptor encodings build on this.
 */

#ifndef _SMM_PT_FORMAT_H
#define _SMM_PT_FORMAT_H

#include "smm_ctx.h"

/**
 * struct smm_pt_format - a page-table format
 * @id: its value on the wire
 * @name: its name on the command line and in JSON
 * @min_levels: fewest translation levels the format is used with
 * @max_levels: most translation levels the format is used with
 */
struct smm_pt_format {
	enum shadow_mm_pt_format id;
	const char *name;
	unsigned int min_levels;
	unsigned int max_levels;
};

const struct smm_pt_format *smm_pt_format_by_id(u32 id);
const struct smm_pt_format *smm_pt_format_by_name(const char *name);
bool smm_pt_format_levels_valid(const struct smm_pt_format *fmt,
				unsigned int levels);

#endif /* _SMM_PT_FORMAT_H */
