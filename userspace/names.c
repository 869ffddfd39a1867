// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - names of the values in the shadow_mm UAPI, as users see them
 */
#include <stddef.h>
#include <linux/shadow_mm.h>

#include "names.h"
#include "util.h"

static const char *const status_attr_names[] = {
	[SHADOW_MM_A_STATUS_VERSION]		= "version",
	[SHADOW_MM_A_STATUS_KERNEL_RELEASE]	= "kernel-release",
	[SHADOW_MM_A_STATUS_MACHINE]		= "machine",
	[SHADOW_MM_A_STATUS_PAGE_SIZE]		= "page-size",
	[SHADOW_MM_A_STATUS_PT_FORMAT]		= "pt-format",
	[SHADOW_MM_A_STATUS_PT_LEVELS]		= "pt-levels",
	[SHADOW_MM_A_STATUS_CPUS_ONLINE]	= "cpus-online",
	[SHADOW_MM_A_STATUS_SHADOW_BYTES]	= "shadow-bytes",
	[SHADOW_MM_A_STATUS_DEBUG]		= "debug",
	[SHADOW_MM_A_STATUS_PAD]		= "pad",
};

const struct smm_attr_set smm_status_attr_set = {
	.name = "status",
	.names = status_attr_names,
	.max = ARRAY_SIZE(status_attr_names) - 1,
};

/**
 * smm_attr_name() - the name of an attribute
 * @set: its attribute set
 * @type: its type (nla_type(), flags masked off)
 *
 * Return: the name, or NULL for a type this smm does not know.
 */
const char *smm_attr_name(const struct smm_attr_set *set, unsigned int type)
{
	if (!set || type > set->max)
		return NULL;
	return set->names[type];
}

static const char *const pt_format_names[] = {
	[SHADOW_MM_PT_FORMAT_ARM]	= "arm",
	[SHADOW_MM_PT_FORMAT_ARM_LPAE]	= "arm-lpae",
	[SHADOW_MM_PT_FORMAT_ARM64]	= "arm64",
	[SHADOW_MM_PT_FORMAT_X86_64]	= "x86_64",
};

/**
 * smm_pt_format_name() - the name of a page-table format
 * @format: an enum shadow_mm_pt_format value
 *
 * Return: the name, or NULL for a value this smm does not know.
 */
const char *smm_pt_format_name(__u32 format)
{
	if (format >= ARRAY_SIZE(pt_format_names))
		return NULL;
	return pt_format_names[format];
}
