/* SPDX-License-Identifier: GPL-2.0 */
/*
 * util.h - the few kernel-style helpers smm's userspace code uses
 */
#ifndef SMM_UTIL_H
#define SMM_UTIL_H

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif

#ifndef BIT
#define BIT(nr)		(1U << (nr))
#endif

#ifndef __printf
#define __printf(fmt_idx, first_arg) \
	__attribute__((format(printf, fmt_idx, first_arg)))
#endif

#endif /* SMM_UTIL_H */
