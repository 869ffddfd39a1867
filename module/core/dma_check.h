/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DMA-debug for the shadow DMA layer: every live mapping of a device is
 * tracked, and each unmap, free and sync is checked against it the way the
 * kernel's CONFIG_DMA_API_DEBUG (kernel/dma/debug.c) checks drivers, which
 * Debian's kernels are built without.
 *
 * One tracker serves every device: its live mappings are keyed by (device,
 * device address), since two devices may use the same address (IOVAs);
 * its counts and findings outlive a device that goes away. It keeps the
 * live mappings sorted by that key, the recently unmapped ones (to tell a
 * double unmap from an unknown address), a count per check, the latest
 * findings, and which (check, call site) pairs were already logged, so the
 * glue logs each once.
 *
 * What is refused and what is only reported follows the uapi enum
 * shadow_mm_dma_check: a refused call changes nothing (the mapping stays,
 * the caller may retry correctly); a reported one proceeds.
 *
 * Locking: none inside. The glue serializes every call on one tracker (it
 * holds its DMA mutex). Memory comes from smm_ctx_zalloc(), so host tests
 * can make any allocation fail.
 */

#ifndef _SMM_DMA_CHECK_H
#define _SMM_DMA_CHECK_H

#include "smm_ctx.h"

/**
 * enum smm_dma_dir - direction of a mapping, the kernel's values
 * @SMM_DMA_BIDIRECTIONAL: DMA_BIDIRECTIONAL
 * @SMM_DMA_TO_DEVICE: DMA_TO_DEVICE
 * @SMM_DMA_FROM_DEVICE: DMA_FROM_DEVICE
 *
 * The uapi enum shadow_mm_dma_dir is one higher.
 */
enum smm_dma_dir {
	SMM_DMA_BIDIRECTIONAL = 0,
	SMM_DMA_TO_DEVICE = 1,
	SMM_DMA_FROM_DEVICE = 2,
};

/**
 * enum smm_dma_kind - the DMA API function family that made a mapping
 * @SMM_DMA_KIND_COHERENT: dma_alloc_coherent()/dma_free_coherent()
 * @SMM_DMA_KIND_SINGLE: dma_map_page()/dma_unmap_page()
 * @SMM_DMA_KIND_SG: dma_map_sgtable()/dma_unmap_sgtable()
 * @SMM_DMA_KIND_DMABUF: dma_buf_map_attachment(): an exporter's mapping,
 *	which the tracker never sees
 *
 * The values of the uapi enum shadow_mm_dma_kind.
 */
enum smm_dma_kind {
	SMM_DMA_KIND_COHERENT = 1,
	SMM_DMA_KIND_SINGLE = 2,
	SMM_DMA_KIND_SG = 3,
	SMM_DMA_KIND_DMABUF = 4,
};

/**
 * enum smm_dma_check - what a check found; the uapi enum shadow_mm_dma_check
 * @SMM_DMA_OK: nothing wrong
 * @SMM_DMA_CHECK_UNMAP_UNKNOWN: unmap/free of an address never mapped
 * @SMM_DMA_CHECK_UNMAP_SIZE: unmap/free with another size
 * @SMM_DMA_CHECK_UNMAP_DIR: unmap with another direction
 * @SMM_DMA_CHECK_UNMAP_KIND: unmap with another function family
 * @SMM_DMA_CHECK_DOUBLE_UNMAP: unmap of an address unmapped before
 * @SMM_DMA_CHECK_SYNC_UNKNOWN: sync of an address not mapped
 * @SMM_DMA_CHECK_SYNC_BEYOND: sync past the end of the mapping
 * @SMM_DMA_CHECK_SYNC_DIR: sync in another direction (not bidirectional)
 * @SMM_DMA_CHECK_UNCHECKED: unmapped with its error never checked
 * @SMM_DMA_CHECK_HELD_AT_UNBIND: still mapped when the device went away
 * @SMM_DMA_CHECK_HELD_AT_UNLOAD: still mapped when the module went away
 * @SMM_DMA_NR_CHECKS: one past the last
 */
enum smm_dma_check {
	SMM_DMA_OK = 0,
	SMM_DMA_CHECK_UNMAP_UNKNOWN,
	SMM_DMA_CHECK_UNMAP_SIZE,
	SMM_DMA_CHECK_UNMAP_DIR,
	SMM_DMA_CHECK_UNMAP_KIND,
	SMM_DMA_CHECK_DOUBLE_UNMAP,
	SMM_DMA_CHECK_SYNC_UNKNOWN,
	SMM_DMA_CHECK_SYNC_BEYOND,
	SMM_DMA_CHECK_SYNC_DIR,
	SMM_DMA_CHECK_UNCHECKED,
	SMM_DMA_CHECK_HELD_AT_UNBIND,
	SMM_DMA_CHECK_HELD_AT_UNLOAD,
	SMM_DMA_NR_CHECKS
};

/* Findings kept for the dump; unmapped addresses remembered. */
#define SMM_DMA_FINDINGS	64
#define SMM_DMA_RECENT_UNMAPS	64
/* (check, site) pairs remembered as logged; beyond it, nothing more logs. */
#define SMM_DMA_LOGGED_SITES	256
#define SMM_DMA_MSG_LEN		96

/**
 * struct smm_dma_entry - one live mapping
 * @dev: the device it is mapped for (an opaque key)
 * @addr: device address of its first byte (the handle)
 * @size: bytes mapped, as the map call passed them (sg: the sum of the
 *	entries' lengths)
 * @dir: enum smm_dma_dir
 * @kind: enum smm_dma_kind
 * @checked: the mapping's error was checked (smm_dma_track_checked())
 * @cookie: the glue's own value (e.g. its mapping record), returned as is
 */
struct smm_dma_entry {
	const void *dev;
	u64 addr;
	u64 size;
	u8 dir;
	u8 kind;
	bool checked;
	void *cookie;
};

/**
 * struct smm_dma_finding - what one check found, for the findings dump
 * @seq: number of the finding since the tracker was made, from 1
 * @check: enum smm_dma_check
 * @addr: device address passed
 * @size: size passed
 * @dir: direction passed (enum smm_dma_dir)
 * @has_mapping: a mapping was found at @addr; @mapped_* describe it
 * @mapped_size: its size
 * @mapped_dir: its direction
 * @site: the caller the glue named (a return address in the kernel)
 * @msg: the finding in words, NUL-terminated
 */
struct smm_dma_finding {
	u64 seq;
	u32 check;
	u64 addr;
	u64 size;
	u8 dir;
	bool has_mapping;
	u64 mapped_size;
	u8 mapped_dir;
	unsigned long site;
	char msg[SMM_DMA_MSG_LEN];
};

/**
 * struct smm_dma_tracker - a device's live mappings and its findings
 * @entries: live mappings, sorted by (dev, addr); a device's never overlap
 * @nr: live mappings
 * @cap: room in @entries
 * @recent: device, address and size of the latest unmaps (a ring); size 0
 *	marks a free record or one forgotten because the range was mapped again
 * @recent_head: unmaps recorded in @recent so far (index: modulo its size)
 * @counts: findings per check
 * @findings: the latest findings (a ring)
 * @seq: findings since the tracker was made
 * @logged: (check, site) pairs already logged
 * @nr_logged: used part of @logged
 */
struct smm_dma_tracker {
	struct smm_dma_entry *entries;
	unsigned int nr;
	unsigned int cap;
	struct {
		const void *dev;
		u64 addr;
		u64 size;
	} recent[SMM_DMA_RECENT_UNMAPS];
	unsigned int recent_head;
	u64 counts[SMM_DMA_NR_CHECKS];
	struct smm_dma_finding findings[SMM_DMA_FINDINGS];
	u64 seq;
	struct {
		u32 check;
		unsigned long site;
	} logged[SMM_DMA_LOGGED_SITES];
	unsigned int nr_logged;
};

void smm_dma_track_init(struct smm_dma_tracker *t);
void smm_dma_track_destroy(struct smm_dma_tracker *t);

int smm_dma_track_map(struct smm_dma_tracker *t, const struct smm_dma_entry *e);
struct smm_dma_entry *smm_dma_track_find(struct smm_dma_tracker *t,
					 const void *dev, u64 addr);
struct smm_dma_entry *smm_dma_track_first(struct smm_dma_tracker *t,
					  const void *dev);
unsigned int smm_dma_track_count(const struct smm_dma_tracker *t,
				 const void *dev);
void smm_dma_track_checked(struct smm_dma_tracker *t, const void *dev,
			   u64 addr);
enum smm_dma_check smm_dma_track_unmap(struct smm_dma_tracker *t,
				       const void *dev, u64 addr, u64 size,
				       u8 dir, u8 kind, unsigned long site,
				       struct smm_dma_entry *out, bool *log);
enum smm_dma_check smm_dma_track_sync(struct smm_dma_tracker *t,
				      const void *dev, u64 addr, u64 size,
				      u8 dir, unsigned long site,
				      struct smm_dma_entry *out, bool *log);
bool smm_dma_track_report(struct smm_dma_tracker *t, enum smm_dma_check check,
			  const void *dev, u64 addr, u64 size, u8 dir,
			  const struct smm_dma_entry *found,
			  unsigned long site);
const struct smm_dma_finding *smm_dma_track_last(const struct smm_dma_tracker *t);
unsigned int smm_dma_track_findings(const struct smm_dma_tracker *t,
				    u64 after_seq,
				    struct smm_dma_finding *out,
				    unsigned int max);
const char *smm_dma_check_name(enum smm_dma_check check);
const char *smm_dma_dir_name(u8 dir);

#endif /* _SMM_DMA_CHECK_H */
