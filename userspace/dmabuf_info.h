/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabuf_info.h - dma-bufs, their attachments, import replies and dma-buf
 * monitor events as smm holds them once a reply is decoded
 *
 * As dma_info.h: the decoders take a reply's attribute bytes (what
 * follows the genetlink header) and need no libnl, so host tests feed
 * them messages built by hand; dmabuf_print.c renders the structs. Each
 * struct records which attributes came (@has, by attribute type): what
 * the module did not send is left out, never shown as zero.
 */
#ifndef SMM_DMABUF_INFO_H
#define SMM_DMABUF_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/shadow_mm.h>

#include "attr_decode.h"

/* Room for what a decoder refused ("dmabuf-attach maps (8 bytes)"). */
#define DMABUF_BAD_LEN		ATTR_BAD_LEN
/* Room for an importer's dev_name() ("0000:00:02.0", "vgem"). */
#define DMABUF_DEVICE_LEN	64
/* Room for its driver's name. */
#define DMABUF_DRIVER_LEN	32
/* Room for an owner tag and for a dma-buf's name (DMA_BUF_NAME_LEN). */
#define DMABUF_OWNER_LEN	32
#define DMABUF_NAME_LEN		32
/* Orders a buffer's block counts may cover (the module's limit is 13). */
#define DMABUF_MAX_ORDERS	16

/**
 * struct smm_dmabuf_attach_info - one importer's attachment
 * @has: which SHADOW_MM_A_DMABUF_ATTACH_* attributes came
 * @device: the importing device's name
 * @driver: its driver's name
 * @maps: times its sg_table was mapped
 * @mapped: it is mapped now
 * @dir: the current mapping's enum shadow_mm_dma_dir
 * @nents: DMA segments of the current mapping
 * @bounced: the current mapping goes through the device's bounce pool
 */
struct smm_dmabuf_attach_info {
	bool has[SHADOW_MM_A_DMABUF_ATTACH_MAX + 1];
	char device[DMABUF_DEVICE_LEN];
	char driver[DMABUF_DRIVER_LEN];
	__u32 maps;
	bool mapped;
	__u32 dir;
	__u32 nents;
	bool bounced;
};

/**
 * struct smm_dmabuf_info - a dma-buf: a DMABUF_GET reply (do or dump part)
 * @has: which SHADOW_MM_A_DMABUF_* attributes came
 * @id: the buffer's id
 * @size: bytes
 * @pages: shadow pages backing it
 * @zone: enum shadow_mm_zone_type of the pages
 * @node: node of the first page
 * @contiguous: one physically contiguous block
 * @pa: physical address of the first page
 * @chunks: physically contiguous runs
 * @blocks: shadow blocks the pages come in, by order
 * @n_orders: entries of @blocks that came
 * @owner: owner tag of the pages
 * @name: the name userspace gave it
 * @inode: inode number of its file
 * @mmaps: userspace mappings alive
 * @vmaps: kernel mappings alive
 * @attach: the attachments, in the order they came (allocated;
 *	smm_dmabuf_info_release() frees them)
 * @n_attach: entries in @attach
 */
struct smm_dmabuf_info {
	bool has[SHADOW_MM_A_DMABUF_MAX + 1];
	__u32 id;
	__u64 size;
	__u32 pages;
	__u32 zone;
	__u32 node;
	bool contiguous;
	__u64 pa;
	__u32 chunks;
	__u32 blocks[DMABUF_MAX_ORDERS];
	unsigned int n_orders;
	char owner[DMABUF_OWNER_LEN];
	char name[DMABUF_NAME_LEN];
	__u64 inode;
	__u32 mmaps;
	__u32 vmaps;
	struct smm_dmabuf_attach_info *attach;
	size_t n_attach;
};

/**
 * struct smm_dmabuf_import_info - a DMABUF_IMPORT reply
 * @has: which SHADOW_MM_A_DMABUF_* attributes came
 * @id: the dma-buf's id (only when it is shadow_mm's)
 * @dma_id: target edu: the DMA buffer made of the mapping
 */
struct smm_dmabuf_import_info {
	bool has[SHADOW_MM_A_DMABUF_MAX + 1];
	__u32 id;
	__u32 dma_id;
};

/**
 * struct smm_dmabuf_event_info - a dma-buf event of the monitor group
 * @has: which SHADOW_MM_A_EVENT_* attributes came
 * @type: SHADOW_MM_EVENT_TYPE_DMABUF_*
 * @seq: the event's number
 * @dropped: events dropped before it
 * @id: the dma-buf's id
 * @size: its bytes
 * @device: the importing device (attach, detach)
 * @cpu: the CPU it happened on
 */
struct smm_dmabuf_event_info {
	bool has[SHADOW_MM_A_EVENT_MAX + 1];
	__u32 type;
	__u64 seq;
	__u64 dropped;
	__u32 id;
	__u64 size;
	char device[DMABUF_DEVICE_LEN];
	__u32 cpu;
};

int dmabuf_decode(const void *attrs, size_t len, struct smm_dmabuf_info *b,
		  char *bad);
void smm_dmabuf_info_release(struct smm_dmabuf_info *b);
int dmabuf_decode_import(const void *attrs, size_t len,
			 struct smm_dmabuf_import_info *r, char *bad);
int dmabuf_decode_event(const void *attrs, size_t len,
			struct smm_dmabuf_event_info *ev, char *bad);

bool dmabuf_event_is_dmabuf(__u32 type);

#endif /* SMM_DMABUF_INFO_H */
