/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place the portable core meets its environment. Core files
 * include this and no kernel header directly, so the same sources
 * build into shadow_mm.ko and into the host unit tests.
 */

#ifndef _SMM_CTX_H
#define _SMM_CTX_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>

#else /* host unit tests */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif /* __KERNEL__ */

#include <linux/shadow_mm.h>

#endif /* _SMM_CTX_H */
