/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The shadow DMA layer: the kernel's DMA mapping API over shadow pages,
 * with a shadow bounce pool and DMA-debug checks.
 *
 *   CPU address -> shadow page (pa) -> bounce slot? -> dma_map_page()
 *                                      (pa > mask,     (IOMMU: IOVA)
 *                                       no IOMMU)
 *
 * Every dma_addr_t handed out comes from the kernel's real DMA API for the
 * real device, so it is what the device uses: the physical address
 * without an IOMMU, an IOVA under a translating one. What the shadow layer
 * adds is what the kernel does below that API and hides: the decision to
 * bounce (made here, before the kernel's own swiotlb would be asked, on
 * the shadow pool carved from memory the device reaches), the copies at
 * map, sync and unmap, and the tracking of every mapping for the checks
 * of core/dma_check.h.
 *
 * Files: dma.c (the device, coherent buffers, unmaps, the checks' glue),
 * dma_stream.c (the bounce pool, streaming maps and syncs), dma_priv.h
 * (what those two share), edu.c (the PCI driver of qemu's edu, which
 * registers its device here), nl_dma.c (the netlink buffers built on this
 * API, imported dma-bufs among them).
 *
 * Locking: one mutex, smm_dma_mutex, serializes everything here: the
 * registered device, its pool, the tracker, and the callers' own objects.
 * Every function below expects it held, except smm_dma_init()/exit() and
 * the edu driver's register/unregister, which take it. A transfer sleeps
 * with it held (about 100 ms of guest time per command), which is what
 * keeps the device from being unbound under it.
 *
 * Sites: each mapping call takes the address of the call (_THIS_IP_ in
 * the caller) as @site; a finding is logged to the kernel log once per
 * (check, site), and the findings dump prints it as symbol+offset.
 */

#ifndef _SMM_DMA_H
#define _SMM_DMA_H

#include <linux/dma-mapping.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>
#include <linux/types.h>

#include "core/bounce.h"
#include "core/dma_check.h"
#include "core/mm.h"

extern struct mutex smm_dma_mutex;

struct netlink_ext_ack;
struct nlattr;
struct smm_dma_dev;

/**
 * struct smm_dma_dev_ops - what the device's driver does for the layer
 * @xfer: run one DMA command: move @len bytes between device address
 *	@addr and the device's own buffer at @dev_off; @to_device: RAM to
 *	device. Sleeps until the device signals completion. Returns 0, or
 *	-EINVAL for a range outside the device's buffer or a @len of 0
 *	(checked before the doorbell), -ETIMEDOUT, -EIO.
 * @window: device-side address of the device's buffer
 * @window_size: its bytes (a transfer's limit)
 */
struct smm_dma_dev_ops {
	int (*xfer)(struct smm_dma_dev *sdev, dma_addr_t addr, u32 dev_off,
		    u32 len, bool to_device);
	u64 window;
	u32 window_size;
};

/**
 * struct smm_dma_dev_id - what the driver knows of its device, for replies
 * @vendor: PCI vendor id
 * @device: PCI device id
 * @revision: PCI revision
 * @id_reg: the device's identification register
 * @msi: completion is signalled by MSI (else INTx)
 * @irq: Linux interrupt number
 * @irqs: interrupts handled since bind (read with READ_ONCE)
 * @xfers: DMA commands run since bind
 * @xfer_bytes: bytes they moved
 */
struct smm_dma_dev_id {
	u16 vendor;
	u16 device;
	u8 revision;
	u32 id_reg;
	bool msi;
	int irq;
	u64 irqs;
	u64 xfers;
	u64 xfer_bytes;
};

/**
 * struct smm_dma_dev - a device as the shadow DMA layer sees it
 * @dev: the real device
 * @ops: its driver's operations
 * @id: its identity and counters, kept up to date by the driver
 * @drvdata: the driver's own pointer
 * @hw_bits: address bits the device really drives, as its driver
 *	registered it; no mask is ever set wider (the device would put
 *	truncated addresses on the bus)
 * @mask_bits: bits of the DMA mask set on @dev
 * @translated: an IOMMU domain of the DMA API translates its addresses
 *	(IOVAs): no bounce is ever needed
 * @pool: the bounce pool (pool.nslots == 0: none)
 * @pool_pfn: first shadow pfn of the pool's block, if any
 * @pool_vaddr: its kernel mapping (vmap() of the shadow pages)
 * @bounced: mappings bounced since bind
 * @bounce_bytes: bytes copied through the pool since bind
 * @map_why: why the last smm_dma_map_page() failed, a static string
 * @sg_maps: live scatter-gather mappings (dma.c's records), which the
 *	tracker keys by their struct smm_dma_sg (see dma.c)
 * @nr_sg_maps: entries on @sg_maps
 * @sg_recent: handles and keys of the latest scatter-gather unmaps, so
 *	that a second unmap of one is told apart from an unknown address
 * @sg_recent_head: unmaps recorded in @sg_recent (index: modulo its size)
 */
struct smm_dma_dev {
	struct device *dev;
	const struct smm_dma_dev_ops *ops;
	struct smm_dma_dev_id id;
	void *drvdata;
	unsigned int hw_bits;
	unsigned int mask_bits;
	bool translated;
	struct smm_bounce_pool pool;
	u64 pool_pfn;
	void *pool_vaddr;
	u64 bounced;
	u64 bounce_bytes;
	const char *map_why;
	struct list_head sg_maps;
	unsigned int nr_sg_maps;
	struct {
		u64 addr;
		const void *key;
	} sg_recent[8];
	unsigned int sg_recent_head;
};

/**
 * struct smm_dma_seg - one segment of a mapping, for replies
 * @pa: CPU physical address
 * @len: bytes
 * @dma: device address
 * @bounce_pa: the bounce slot's physical address, 0 when not bounced
 */
struct smm_dma_seg {
	u64 pa;
	u32 len;
	dma_addr_t dma;
	u64 bounce_pa;
};

/**
 * struct smm_dma_sg - a scatter-gather mapping of shadow pages
 * @sgt: the table the caller built (sg_alloc_table_from_pages()), whose
 *	entries are the CPU view; after smm_dma_map_sg() its DMA fields
 *	(sg_dma_address/len over @nents_mapped) are the device's view
 * @dir: the direction it was mapped with
 * @nents_mapped: DMA segments (an IOMMU may merge entries)
 * @bounce: per CPU entry, the bounce slot's physical address (0: not
 *	bounced); NULL when no entry bounced
 */
struct smm_dma_sg {
	struct sg_table sgt;
	enum dma_data_direction dir;
	unsigned int nents_mapped;
	u64 *bounce;
};

int smm_dma_init(void);
void smm_dma_exit(void);

/* The registered device (there is one: the first edu bound), or NULL. */
struct smm_dma_dev *smm_dma_current(void);

/* Driver side: edu.c. */
struct smm_dma_dev *smm_dma_dev_register(struct device *dev,
					 const struct smm_dma_dev_ops *ops,
					 unsigned int hw_bits,
					 const struct smm_dma_dev_id *id,
					 void *drvdata);
void smm_dma_dev_unregister(struct smm_dma_dev *sdev);

/*
 * The unbind callback: called by smm_dma_dev_unregister() (and at unload)
 * with smm_dma_mutex held, after each live mapping was reported as held;
 * the owner of the mappings (nl_dma.c) releases them through the normal
 * unmap/free calls. One owner: nl_dma.c sets it at init.
 */
void smm_dma_set_release(void (*release)(struct smm_dma_dev *sdev));

int smm_dma_set_mask(struct smm_dma_dev *sdev, unsigned int bits,
		     struct netlink_ext_ack *extack);
int smm_dma_reachable_zone(struct smm_dma_dev *sdev);
bool smm_dma_zone_reachable(struct smm_dma_dev *sdev, int zone);
int smm_dma_iommu_domain(struct smm_dma_dev *sdev, u32 *group);
unsigned int smm_dma_mappings(struct smm_dma_dev *sdev);

/*
 * Shadow pages for DMA buffers: one block of 2^@order pages, zeroed,
 * owner "dma", from @zone (enum smm_zone_type) or below, preferring node
 * @nid (SMM_NUMA_NO_NODE: any). Return: 0 or the allocator's errno.
 */
int smm_dma_pages_alloc(unsigned int order, int zone, int nid, u64 *pfn);
void smm_dma_pages_free(u64 pfn);
bool smm_dma_owns(u16 owner);

/* The DMA API over shadow pages; @site is the caller's _THIS_IP_. */
void *smm_dma_alloc_coherent(struct smm_dma_dev *sdev, size_t size,
			     int zone, int nid, dma_addr_t *handle,
			     u64 *pfn, unsigned long site,
			     struct netlink_ext_ack *extack);
int smm_dma_free_coherent(struct smm_dma_dev *sdev, size_t size, void *cpu,
			  dma_addr_t handle, unsigned long site,
			  struct netlink_ext_ack *extack);
dma_addr_t smm_dma_map_page(struct smm_dma_dev *sdev, struct page *page,
			    size_t offset, size_t size,
			    enum dma_data_direction dir, unsigned long site);
bool smm_dma_mapping_error(struct smm_dma_dev *sdev, dma_addr_t addr);
int smm_dma_unmap_page(struct smm_dma_dev *sdev, dma_addr_t addr, size_t size,
		       enum dma_data_direction dir, unsigned long site,
		       struct netlink_ext_ack *extack);
int smm_dma_map_sg(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
		   enum dma_data_direction dir, unsigned long site,
		   struct netlink_ext_ack *extack);
int smm_dma_unmap_sg(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
		     enum dma_data_direction dir, unsigned long site,
		     struct netlink_ext_ack *extack);
/*
 * Raw addresses and sizes, as a careless caller may pass them: u64, so
 * that nothing is truncated on the way to the checks.
 */
int smm_dma_unmap_any(struct smm_dma_dev *sdev, u64 addr, u64 size,
		      enum dma_data_direction dir, enum smm_dma_kind kind,
		      unsigned long site, struct netlink_ext_ack *extack);
int smm_dma_sync_single(struct smm_dma_dev *sdev, u64 addr, u64 size,
			enum dma_data_direction dir, bool for_device,
			unsigned long site, struct netlink_ext_ack *extack);
int smm_dma_sync_sg(struct smm_dma_dev *sdev, struct smm_dma_sg *sg,
		    u64 offset, u64 size, enum dma_data_direction dir,
		    bool for_device, unsigned long site,
		    struct netlink_ext_ack *extack);
int smm_dma_segment(struct smm_dma_dev *sdev, dma_addr_t addr, size_t size,
		    struct smm_dma_seg *seg);
bool smm_dma_sg_dma_at(struct smm_dma_sg *sg, u64 offset, dma_addr_t *dma,
		       u64 *len);
u64 smm_dma_sg_size(struct smm_dma_sg *sg);
bool smm_dma_sg_bounced(struct smm_dma_sg *sg);

/*
 * Report every live mapping of @sdev as @check (held at unbind or at
 * unload); the caller releases them after.
 */
void smm_dma_report_held(struct smm_dma_dev *sdev, enum smm_dma_check check);

/*
 * Point @extack at @attr with a formatted message: in the extack itself
 * where the kernel gives it room (6.2+, up to 79 characters), else in a
 * ring of static buffers (see dma.c for that one's limit).
 */
__printf(3, 4)
void smm_dma_set_msg(struct netlink_ext_ack *extack, const struct nlattr *attr,
		     const char *fmt, ...);

/* DMA-debug: counts and findings since load. */
void smm_dma_check_counts(u64 counts[SMM_DMA_NR_CHECKS], u64 *total,
			  u64 *lost);
unsigned int smm_dma_check_findings(u64 after_seq,
				    struct smm_dma_finding *out,
				    unsigned int max);

/* Monitor events (event.c), sent with smm_dma_mutex held or not. */
struct smm_dma_event {
	u32 type;	/* SHADOW_MM_EVENT_TYPE_DMA_* */
	u32 id;
	u64 addr;
	u64 size;
	u8 dir;		/* enum smm_dma_dir */
	u8 kind;	/* enum smm_dma_kind, 0 for none */
	u8 check;	/* enum smm_dma_check, dma-check events */
	bool bounced;
};

void smm_event_dma(const struct smm_dma_event *ev);

/* edu.c: the PCI driver. */
int smm_edu_init(void);
void smm_edu_exit(void);

/* nl_dma.c: buffers released at unload, before the device goes. */
void smm_nl_dma_init(void);
void smm_nl_dma_exit(void);

#endif /* _SMM_DMA_H */
