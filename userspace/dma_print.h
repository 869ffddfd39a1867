/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dma_print.h - the DMA device, DMA buffers, transfers, DMA-debug
 * findings and DMA events as text and JSON
 *
 * No netlink here: the renderers take dma_info.h's structs, so host tests
 * feed them made-up replies and compare the output.
 */
#ifndef SMM_DMA_PRINT_H
#define SMM_DMA_PRINT_H

#include <stddef.h>
#include <linux/types.h>

#include "dma_info.h"
#include "print.h"

const char *dma_iommu_text(__u32 domain);
const char *dma_enum_text(const char *(*name)(__u32), bool has, __u32 v,
			  char *buf, size_t size);
const char *dma_bytes_text(__u64 bytes, char *buf, size_t size);
const char *dma_time_text(__u64 ns, char *buf, size_t size);

void dma_print_dev(struct smm_out *o, const struct smm_dma_dev_info *d);
void dma_print_buf(struct smm_out *o, const struct smm_dma_buf_info *b);
void dma_print_list(struct smm_out *o, const struct smm_dma_buf_info *bufs,
		    size_t n);
void dma_print_xfer(struct smm_out *o, __u32 kind, __u32 src, __u32 dst,
		    const struct smm_dma_xfer_info *x);
void dma_print_xfer_result(struct smm_out *o,
			   const struct smm_dma_xfer_info *x);
void dma_print_errors(struct smm_out *o, const struct smm_dma_counts_info *c,
		      const struct smm_dma_finding_info *findings, size_t n,
		      bool verbose);
void dma_print_event(struct smm_out *o, const struct smm_dma_event_info *ev);

#endif /* SMM_DMA_PRINT_H */
