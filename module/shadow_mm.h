/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shadow_mm: what the kernel glue files share.
 */

#ifndef _SHADOW_MM_H
#define _SHADOW_MM_H

#include <linux/moduleparam.h>
#include <linux/types.h>
#include <linux/shadow_mm.h>

/* Current debug level, 0..SHADOW_MM_DEBUG_MAX: set at load or by CONFIG_SET */
extern unsigned int smm_debug;

/* What each debug level adds to the kernel log */
#define SMM_DEBUG_ADMIN	1	/* every mutating request, with its caller */
#define SMM_DEBUG_ALL	2	/* every request, reads too */

/**
 * struct smm_uint_range - an unsigned module parameter with its bounds
 * @value: where the parameter lives
 * @min: smallest value accepted
 * @max: largest value accepted
 */
struct smm_uint_range {
	unsigned int *value;
	unsigned int min;
	unsigned int max;
};

extern const struct kernel_param_ops smm_param_ops_uint_range;

/*
 * SMM_PARAM_UINT_RANGE() - declare a module parameter that refuses values
 * outside [lo, hi] with a message naming the parameter and the range.
 * @desc should state the range for modinfo.
 */
#define SMM_PARAM_UINT_RANGE(name, var, lo, hi, perm, desc)		\
	static const struct smm_uint_range __smm_range_##name = {	\
		.value = &(var), .min = (lo), .max = (hi),		\
	};								\
	module_param_cb(name, &smm_param_ops_uint_range,		\
			(void *)&__smm_range_##name, perm);		\
	MODULE_PARM_DESC(name, desc)

int smm_host_pt_format(void);
unsigned int smm_host_pt_levels(void);

u64 smm_shadow_bytes(void);

int smm_netlink_init(void);
void smm_netlink_exit(void);

#endif /* _SHADOW_MM_H */
