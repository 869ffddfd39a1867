// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters with bounds: a value outside them fails insmod with
 * one line saying what was given and what is accepted.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>

#include "shadow_mm.h"

static int smm_param_set_uint_range(const char *val,
				    const struct kernel_param *kp)
{
	const struct smm_uint_range *range = kp->arg;
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < range->min || v > range->max) {
		pr_err("%s=%s is out of range (accepted: %u..%u)\n",
		       kp->name, val, range->min, range->max);
		return -EINVAL;
	}
	WRITE_ONCE(*range->value, v);
	return 0;
}

static int smm_param_get_uint_range(char *buffer,
				    const struct kernel_param *kp)
{
	const struct smm_uint_range *range = kp->arg;

	return sysfs_emit(buffer, "%u\n", READ_ONCE(*range->value));
}

const struct kernel_param_ops smm_param_ops_uint_range = {
	.set = smm_param_set_uint_range,
	.get = smm_param_get_uint_range,
};
