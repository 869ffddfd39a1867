// SPDX-License-Identifier: GPL-2.0
/*
 * The host side of smm_ctx.h: calloc()/free() with failure injection.
 * Set smm_ctx_fail_nth to N to make the Nth smm_ctx_zalloc() from now fail
 * (once); smm_ctx_nr_allocs counts the calls.
 */

#ifndef __KERNEL__

#include "smm_ctx.h"

unsigned long smm_ctx_fail_nth;
unsigned long smm_ctx_nr_allocs;

void *smm_ctx_zalloc(size_t size)
{
	smm_ctx_nr_allocs++;
	if (smm_ctx_fail_nth && --smm_ctx_fail_nth == 0)
		return NULL;
	return calloc(1, size);
}

void smm_ctx_free(void *p)
{
	free(p);
}

#endif /* __KERNEL__ */
