/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/shadow_mm.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_SHADOW_MM_H
#define _UAPI_LINUX_SHADOW_MM_H

#define SHADOW_MM_FAMILY_NAME		"shadow_mm"
#define SHADOW_MM_FAMILY_VERSION	1

/**
 * enum shadow_mm_pt_format - page-table formats shadowmm knows
 * @SHADOW_MM_PT_FORMAT_ARM: ARMv7 short-descriptor, as Linux uses it (2
 *   levels, PMD folded, Linux and hardware PTE tables side by side)
 * @SHADOW_MM_PT_FORMAT_ARM_LPAE: ARMv7 long-descriptor (LPAE), 3 levels
 * @SHADOW_MM_PT_FORMAT_ARM64: ARMv8-A VMSAv8-64 with a 4 KiB granule
 * @SHADOW_MM_PT_FORMAT_X86_64: x86-64 IA-32e paging (4 levels, 5 with LA57)
 */
enum shadow_mm_pt_format {
	SHADOW_MM_PT_FORMAT_ARM = 1,
	SHADOW_MM_PT_FORMAT_ARM_LPAE,
	SHADOW_MM_PT_FORMAT_ARM64,
	SHADOW_MM_PT_FORMAT_X86_64,
};

#define SHADOW_MM_DEBUG_MAX	2

enum {
	SHADOW_MM_A_STATUS_VERSION = 1,
	SHADOW_MM_A_STATUS_KERNEL_RELEASE,
	SHADOW_MM_A_STATUS_MACHINE,
	SHADOW_MM_A_STATUS_PAGE_SIZE,
	SHADOW_MM_A_STATUS_PT_FORMAT,
	SHADOW_MM_A_STATUS_PT_LEVELS,
	SHADOW_MM_A_STATUS_CPUS_ONLINE,
	SHADOW_MM_A_STATUS_SHADOW_BYTES,
	SHADOW_MM_A_STATUS_DEBUG,
	SHADOW_MM_A_STATUS_PAD,

	__SHADOW_MM_A_STATUS_MAX,
	SHADOW_MM_A_STATUS_MAX = (__SHADOW_MM_A_STATUS_MAX - 1)
};

enum {
	SHADOW_MM_CMD_STATUS_GET = 1,
	SHADOW_MM_CMD_CONFIG_SET,

	__SHADOW_MM_CMD_MAX,
	SHADOW_MM_CMD_MAX = (__SHADOW_MM_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_SHADOW_MM_H */
