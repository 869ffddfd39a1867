// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table format and depth the host kernel runs with, as built
 * (Kconfig) and as booted (x86's LA57 is chosen at boot).
 */

#include <linux/pgtable.h>

#include "shadow_mm.h"

/**
 * smm_host_pt_format() - the host's page-table format
 *
 * Return: an enum shadow_mm_pt_format value, or 0 on an architecture
 * shadowmm has no format for.
 */
int smm_host_pt_format(void)
{
#if defined(CONFIG_ARM) && defined(CONFIG_ARM_LPAE)
	return SHADOW_MM_PT_FORMAT_ARM_LPAE;
#elif defined(CONFIG_ARM)
	return SHADOW_MM_PT_FORMAT_ARM;
#elif defined(CONFIG_ARM64) && defined(CONFIG_ARM64_4K_PAGES)
	return SHADOW_MM_PT_FORMAT_ARM64;
#elif defined(CONFIG_X86_64)
	return SHADOW_MM_PT_FORMAT_X86_64;
#else
	return 0;
#endif
}

/**
 * smm_host_pt_levels() - translation levels of the host's page tables
 *
 * Counts levels the hardware walks: ARM's folded PMD is not one.
 *
 * Return: the number of levels.
 */
unsigned int smm_host_pt_levels(void)
{
#ifdef CONFIG_X86_64
	return pgtable_l5_enabled() ? 5 : 4;
#else
	return CONFIG_PGTABLE_LEVELS;
#endif
}
