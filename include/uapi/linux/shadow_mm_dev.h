/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * /dev/shadow_mm: dma-bufs of shadow memory.
 *
 * SHADOW_MM_IOCTL_ALLOC works like a DMA heap's DMA_HEAP_IOCTL_ALLOC: the
 * first four fields have the layout of struct dma_heap_allocation_data,
 * and it returns a dma-buf file descriptor backed by zeroed shadow pages.
 * The fields after them are shadowmm's own choices.
 *
 * The struct is versioned by its size, which the ioctl number carries:
 * the kernel accepts any size from SHADOW_MM_ALLOC_SIZE_VER0 up. A smaller
 * struct than the kernel's (an older program) has the missing fields
 * taken as zero - the defaults; a larger one (a newer program) is
 * accepted when every byte the kernel does not know is zero, and refused
 * with E2BIG otherwise. The kernel writes back only the bytes the caller
 * passed.
 */

#ifndef _UAPI_LINUX_SHADOW_MM_DEV_H
#define _UAPI_LINUX_SHADOW_MM_DEV_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* The misc device's name: /dev/shadow_mm. */
#define SHADOW_MM_DEV_NAME		"shadow_mm"

/* fd_flags the allocation accepts: O_RDWR and O_CLOEXEC, nothing else. */

/* No heap flag is defined: heap_flags must be 0. */
#define SHADOW_MM_HEAP_FLAGS_VALID	0ULL

/* shadow_mm_alloc_data.flags */
#define SHADOW_MM_ALLOC_CONTIGUOUS	(1U << 0)	/* one contiguous block */
#define SHADOW_MM_ALLOC_NODE		(1U << 1)	/* node is given */
#define SHADOW_MM_ALLOC_FLAGS_VALID	(SHADOW_MM_ALLOC_CONTIGUOUS | \
					 SHADOW_MM_ALLOC_NODE)

#define SHADOW_MM_OWNER_LEN		16

/**
 * struct shadow_mm_alloc_data - an allocation request
 * @len: in - bytes, rounded up to whole pages; at least 1
 * @fd: out - the dma-buf file descriptor
 * @fd_flags: in - flags of the new file descriptor: O_RDWR and O_CLOEXEC
 *	only (0 gives a read-only one, whose mmap cannot be written)
 * @heap_flags: in - must be 0
 * @flags: in - SHADOW_MM_ALLOC_* (version 1 from here)
 * @zone: in - shadow zone to take the pages from (enum shadow_mm_zone_type
 *	of <linux/shadow_mm.h>); 0 for normal
 * @node: in - with SHADOW_MM_ALLOC_NODE, the preferred shadow node
 * @id: out - the buffer's id, which netlink's dmabuf-get shows
 * @owner: in - owner tag of the pages, NUL-terminated; "" for "dmabuf"
 */
struct shadow_mm_alloc_data {
	__u64 len;
	__u32 fd;
	__u32 fd_flags;
	__u64 heap_flags;
	__u32 flags;
	__u32 zone;
	__u32 node;
	__u32 id;
	char owner[SHADOW_MM_OWNER_LEN];
};

/* The size of version 0: struct dma_heap_allocation_data's fields. */
#define SHADOW_MM_ALLOC_SIZE_VER0	24
#define SHADOW_MM_ALLOC_SIZE_VER1	56

#define SHADOW_MM_IOC_MAGIC		0xb7
#define SHADOW_MM_IOCTL_ALLOC		_IOWR(SHADOW_MM_IOC_MAGIC, 0x0, \
					      struct shadow_mm_alloc_data)

#endif /* _UAPI_LINUX_SHADOW_MM_DEV_H */
