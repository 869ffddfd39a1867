/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dma-buf exporter: shadow pages shared as dma-bufs with other drivers
 * (importers) and with userspace (mmap of the fd).
 *
 *   /dev/shadow_mm  --SHADOW_MM_IOCTL_ALLOC-->  struct smm_dmabuf
 *                                                 shadow pages (owner tag)
 *                                                 struct dma_buf (fd)
 *                                                   attachments: per
 *                                                   importer sg_table
 *
 * Files: dmabuf.c (the buffers and their dma_buf_ops), dmabuf_dev.c (the
 * misc device and its ioctl), nl_dmabuf.c (netlink: dmabuf-get,
 * dmabuf-import).
 *
 * Lifetime: a buffer lives while its dma-buf has a reference (an fd, an
 * mmap, an importer's attachment, an address-space region); the dma-buf
 * holds a reference on the module (exp_info.owner), so rmmod is refused
 * until the last one goes. Its release callback gives every page back to
 * the shadow allocator and drops the buffer from the registry.
 *
 * Locking: each buffer has a mutex of its own for its attachments and
 * mappings (never the dma-buf's reservation lock: from 6.2 the dma-buf
 * core already holds it around map/unmap/mmap/vmap, in 6.1 it does not);
 * dmabuf.c's registry mutex guards the ids (id -> buffer) and is taken
 * before a buffer's mutex, never inside a dma_buf_ops callback. The
 * shadow allocator's smm_shadow.pages_mutex is taken alone.
 *
 * Events (smm_event_dmabuf(), shadow_mm.h): export after the buffer has
 * its id, attach and detach from those callbacks (6.1 calls detach with
 * the reservation lock held), release from the release callback.
 */

#ifndef _SMM_DMABUF_H
#define _SMM_DMABUF_H

#include <linux/dma-buf.h>
#include <linux/fcntl.h>
#include <linux/types.h>
#include <uapi/linux/dma-buf.h>

#include "core/mm.h"

struct netlink_ext_ack;

/* The exporter's name in /sys/kernel/debug/dma_buf/bufinfo. */
#define SMM_DMABUF_EXP_NAME	"shadow_mm"
/* Owner tag of the pages when a request names none. */
#define SMM_DMABUF_OWNER	"dmabuf"
/* fd_flags an allocation accepts. */
#define SMM_DMABUF_FD_FLAGS	(O_RDWR | O_CLOEXEC)

/**
 * struct smm_dmabuf_req - what an allocation asks for
 * @len: bytes (rounded up to pages)
 * @fd_flags: O_RDWR and O_CLOEXEC only
 * @contiguous: one physically contiguous block, else order-0 pages
 * @zone: enum smm_zone_type: the highest zone to allocate from (lower
 *	ones are the fallback, as for a gfp zone modifier)
 * @nid: preferred shadow node, or SMM_NUMA_NO_NODE
 * @owner: owner tag of the pages ("dmabuf" when NULL or empty)
 */
struct smm_dmabuf_req {
	u64 len;
	u32 fd_flags;
	bool contiguous;
	int zone;
	int nid;
	const char *owner;
};

/**
 * struct smm_dmabuf_attach_info - one attachment, for replies
 * @device: dev_name() of the importer
 * @driver: its driver's name, or ""
 * @maps: map_dma_buf calls so far
 * @mapped: mapped now
 * @dir: direction of the current mapping (enum dma_data_direction)
 * @nents: DMA segments of the current mapping
 * @bounced: the current mapping goes through a bounce pool
 */
struct smm_dmabuf_attach_info {
	char device[64];
	char driver[32];
	u32 maps;
	bool mapped;
	int dir;
	u32 nents;
	bool bounced;
};

#define SMM_DMABUF_MAX_ATTACH_INFO	16

/**
 * struct smm_dmabuf_info - a consistent copy of a buffer's state
 * @id: its id
 * @size: bytes
 * @npages: shadow pages
 * @zone: enum smm_zone_type of the first page (a scattered buffer's
 *	pages may come from the zones below the one asked for)
 * @nid: shadow node of the first page
 * @contiguous: one block
 * @pa: physical address of the first page
 * @chunks: physically contiguous runs
 * @blocks: shadow blocks of each order the pages come in
 * @nr_orders: entries of @blocks that count: the largest order + 1
 * @owner: owner tag
 * @name: DMA_BUF_SET_NAME's name, or ""
 * @inode: the dma-buf file's inode number
 * @mmaps: userspace mappings alive
 * @vmaps: kernel mappings alive
 * @nr_attach: attachments (only the first SMM_DMABUF_MAX_ATTACH_INFO
 *	are in @attach)
 * @attach: the attachments
 */
struct smm_dmabuf_info {
	u32 id;
	u64 size;
	u32 npages;
	int zone;
	int nid;
	bool contiguous;
	u64 pa;
	u32 chunks;
	u32 blocks[SMM_NR_ORDERS_MAX];
	unsigned int nr_orders;
	char owner[32];
	char name[DMA_BUF_NAME_LEN];
	u64 inode;
	u32 mmaps;
	u32 vmaps;
	u32 nr_attach;
	struct smm_dmabuf_attach_info attach[SMM_DMABUF_MAX_ATTACH_INFO];
};

int smm_dmabuf_init(void);
void smm_dmabuf_exit(void);

/*
 * A new buffer: its dma-buf with one reference, which the caller turns
 * into an fd (fd_install(fd, dmabuf->file)) or drops (dma_buf_put()).
 */
struct dma_buf *smm_dmabuf_alloc(const struct smm_dmabuf_req *req, u32 *id,
				 struct netlink_ext_ack *extack);
bool smm_dmabuf_is_ours(const struct dma_buf *dmabuf);
int smm_dmabuf_info(u32 id, struct smm_dmabuf_info *info);
int smm_dmabuf_next_id(u32 from, u32 *id);
int smm_dmabuf_pfns(struct dma_buf *dmabuf, u64 *pfns, u32 max, u32 *n);
/* For page-free's checks, with smm_shadow.pages_mutex held. */
bool smm_dmabuf_holds(u64 pfn);

/* dmabuf_dev.c: the misc device. */
int smm_dmabuf_dev_init(void);
void smm_dmabuf_dev_exit(void);

/* nl_dmabuf.c: netlink ops (netlink.h declares the handlers). */

#endif /* _SMM_DMABUF_H */
