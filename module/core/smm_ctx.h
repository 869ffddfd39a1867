/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place the portable core meets its environment. Core files
 * include this and no kernel header directly, so the same sources
 * build into shadow_mm.ko and into the host unit tests.
 *
 * What it provides besides the fixed-width types:
 *  - struct smm_lock with smm_lock_init(), smm_lock(), smm_lock_nest(),
 *    smm_unlock() and smm_lock_destroy(): a spinlock in the kernel, a
 *    pthread mutex on the host;
 *  - smm_ctx_zalloc() and smm_ctx_free(): zeroed memory for descriptors and
 *    tables, kvzalloc(GFP_KERNEL)/kvfree() in the kernel (so never call
 *    them under a lock), calloc()/free() on the host, where
 *    smm_ctx_fail_nth makes the Nth call from now fail (tests count with
 *    smm_ctx_nr_allocs);
 *  - smm_div64() for 64-bit divisions 32-bit kernels can link;
 *  - READ_ONCE() and WRITE_ONCE() (relaxed atomics on the host);
 *  - BIT(), min()/max() style helpers, errno values, static_assert and
 *    snprintf;
 *  - the compiler hints noinline, likely(), unlikely(), __section() and
 *    __aligned() (no-ops on the host).
 */

#ifndef _SMM_CTX_H
#define _SMM_CTX_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/math64.h>
#include <linux/compiler.h>

/**
 * struct smm_lock - a lock of the core: a spinlock in the kernel
 * @l: the spinlock
 *
 * Zone and per-CPU list locks are taken from process context only; the
 * core never sleeps while holding one.
 */
struct smm_lock {
	spinlock_t l;	/* zone or per-CPU list lock */
};

static inline void smm_lock_init(struct smm_lock *lock)
{
	spin_lock_init(&lock->l);
}

static inline void smm_lock_destroy(struct smm_lock *lock)
{
}

static inline void smm_lock(struct smm_lock *lock)
{
	spin_lock(&lock->l);
}

/* Take @lock, one of many of its kind held together under @outer. */
static inline void smm_lock_nest(struct smm_lock *lock, struct smm_lock *outer)
{
	spin_lock_nest_lock(&lock->l, &outer->l);
}

static inline void smm_unlock(struct smm_lock *lock)
{
	spin_unlock(&lock->l);
}

static inline void *smm_ctx_zalloc(size_t size)
{
	return kvzalloc(size, GFP_KERNEL);
}

static inline void smm_ctx_free(void *p)
{
	kvfree(p);
}

/* 64-bit division that 32-bit targets can link. */
static inline u64 smm_div64(u64 a, u64 b)
{
	return div64_u64(a, b);
}

#else /* host unit tests */

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifndef BIT
#define BIT(nr) (1UL << (nr))
#endif

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			_a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
			_a > _b ? _a : _b; })
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))
#define clamp(v, lo, hi) min(max((v), (lo)), (hi))

/**
 * struct smm_lock - a lock of the core: a pthread mutex on the host
 * @m: the mutex
 */
struct smm_lock {
	pthread_mutex_t m;
};

static inline void smm_lock_init(struct smm_lock *lock)
{
	pthread_mutex_init(&lock->m, NULL);
}

static inline void smm_lock_destroy(struct smm_lock *lock)
{
	pthread_mutex_destroy(&lock->m);
}

static inline void smm_lock(struct smm_lock *lock)
{
	pthread_mutex_lock(&lock->m);
}

static inline void smm_lock_nest(struct smm_lock *lock, struct smm_lock *outer)
{
	pthread_mutex_lock(&lock->m);
}

static inline void smm_unlock(struct smm_lock *lock)
{
	pthread_mutex_unlock(&lock->m);
}

static inline u64 smm_div64(u64 a, u64 b)
{
	return a / b;
}

/*
 * The kernel's compiler hints the fast paths use: glibc has
 * __always_inline; the others are only hints, or (section placement)
 * matter only under qemu, so they expand to nothing here.
 */
#define noinline
#define likely(x)	(x)
#define unlikely(x)	(x)
#define __section(name)
#define __aligned(x)

#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

/* Failure injection: see ctx_host.c. */
extern unsigned long smm_ctx_fail_nth;
extern unsigned long smm_ctx_nr_allocs;

void *smm_ctx_zalloc(size_t size);
void smm_ctx_free(void *p);

#endif /* __KERNEL__ */

#include <linux/shadow_mm.h>

#endif /* _SMM_CTX_H */
