// SPDX-License-Identifier: GPL-2.0
/*
 * The table of page-table formats.
 *
 * Levels as each architecture's Linux port uses them:
 *  - arm: short-descriptor, 2 levels (ARM ARM B3.5), the PMD folded;
 *  - arm-lpae: long-descriptor, 3 levels (ARM ARM B3.6);
 *  - arm64: 4 KiB granule, 3 levels for 39-bit VA, 4 for 48-bit
 *    (ARM ARM D8.2);
 *  - x86_64: 4-level paging, 5 with LA57 (SDM vol. 3A, 4.5).
 */

#include "pt_format.h"

static const struct smm_pt_format smm_pt_formats[] = {
	{ SHADOW_MM_PT_FORMAT_ARM, "arm", 2, 2 },
	{ SHADOW_MM_PT_FORMAT_ARM_LPAE, "arm-lpae", 3, 3 },
	{ SHADOW_MM_PT_FORMAT_ARM64, "arm64", 3, 4 },
	{ SHADOW_MM_PT_FORMAT_X86_64, "x86_64", 4, 5 },
};

/**
 * smm_pt_format_by_id() - look a format up by its wire value
 * @id: an enum shadow_mm_pt_format value
 *
 * Return: the format, or NULL for a value shadowmm does not know.
 */
const struct smm_pt_format *smm_pt_format_by_id(u32 id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smm_pt_formats); i++)
		if (smm_pt_formats[i].id == id)
			return &smm_pt_formats[i];
	return NULL;
}

/**
 * smm_pt_format_by_name() - look a format up by its name
 * @name: a format name such as "arm-lpae"
 *
 * Return: the format, or NULL for a name shadowmm does not know.
 */
const struct smm_pt_format *smm_pt_format_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smm_pt_formats); i++)
		if (!strcmp(smm_pt_formats[i].name, name))
			return &smm_pt_formats[i];
	return NULL;
}

/**
 * smm_pt_format_levels_valid() - whether a format is used with that depth
 * @fmt: the format
 * @levels: number of translation levels
 *
 * Return: true if @fmt translates with @levels levels.
 */
bool smm_pt_format_levels_valid(const struct smm_pt_format *fmt,
				unsigned int levels)
{
	return levels >= fmt->min_levels && levels <= fmt->max_levels;
}
