/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabuf_print.h - dma-bufs, imports, copies through the DMA device and
 * dma-buf events as text and JSON
 *
 * No netlink here: the renderers take dmabuf_info.h's structs, so host
 * tests feed them made-up replies and compare the output.
 */
#ifndef SMM_DMABUF_PRINT_H
#define SMM_DMABUF_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "dma_info.h"
#include "dmabuf_info.h"
#include "print.h"

/**
 * struct smm_dmabuf_import_req - what `dmabuf import` asked for
 * @fd: the file descriptor
 * @target: enum shadow_mm_dmabuf_target
 * @as: target as: the address space
 * @va: target as: where the buffer was mapped
 */
struct smm_dmabuf_import_req {
	__u32 fd;
	__u32 target;
	__u32 as;
	__u64 va;
};

const char *dmabuf_attach_text(const struct smm_dmabuf_info *b, char *buf,
			       size_t size);

void dmabuf_print_buf(struct smm_out *o, const struct smm_dmabuf_info *b);
void dmabuf_print_list(struct smm_out *o, const struct smm_dmabuf_info *bufs,
		       size_t n);
void dmabuf_print_import(struct smm_out *o,
			 const struct smm_dmabuf_import_req *req,
			 const struct smm_dmabuf_import_info *r);
void dmabuf_print_copy(struct smm_out *o, __u32 src, __u32 dst,
		       bool has_dst_offset, __u64 dst_offset,
		       const struct smm_dma_xfer_info *x);
void dmabuf_print_event(struct smm_out *o,
			const struct smm_dmabuf_event_info *ev);

#endif /* SMM_DMABUF_PRINT_H */
