// SPDX-License-Identifier: GPL-2.0
/*
 * dma_test - the shadow DMA layer on qemu's edu device as userspace sees
 * it: the device's identity, interrupt and mask; transfers of every kind
 * of buffer, verified byte for byte by the kernel; the addresses each
 * mapping shows (physical, bounce slot, IOVA); the bounce pool; each
 * DMA-debug check provoked, refused or reported, counted and logged once
 * per site; bad input refused with the device and the memory untouched;
 * the DMA events of the monitor group; unprivileged callers; and an
 * unload with a buffer still mapped.
 *
 * Runs inside a test guest, as root, with shadow_mm.ko loaded and edu
 * attached (scripts/vm does both). Speaks the wire protocol with libmnl,
 * apart from the smm CLI. Some tests need what only some configurations
 * give, and skip otherwise, unless an option says the configuration must
 * give it (then they fail):
 *
 *   dma_test [--expect-bounce] [--expect-iommu] [--expect-intx]
 *
 *   --expect-bounce  no IOMMU, a bounce pool, and shadow pages above the
 *                    device's mask (x86_64 booted with size_mb=288)
 *   --expect-iommu   a translating IOMMU (scripts/vm --iommu)
 *   --expect-intx    completions signalled by INTx (edu_msi=0)
 *
 * DMA buffers hold shadow pages under the owner tag "dma", the bounce
 * pool under "dma-bounce"; pages this test holds to steer the allocator
 * are "dma_test". Every test ends with every owner's usage as it began.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smm_mnl.h"

#define OWNER_DMA		"dma"
#define OWNER_HOLD		"dma_test"
#define RECV_SIZE		0x100000
#define PAGE_SZ			4096ULL
#define NOBODY_ID		65534

#define EDU_VENDOR		0x1234U
#define EDU_DEVICE		0x11e8U
#define EDU_ID_REG		0x010000edU
#define EDU_WINDOW		0x40000ULL
#define EDU_DRIVER		"/sys/bus/pci/drivers/shadow_mm_edu"
#define PCI_DEVICES		"/sys/bus/pci/devices"
#define PARAMS			"/sys/module/shadow_mm/parameters/"

#define NR_CHECKS		SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD
#define MAX_SEGS		64
#define MAX_OWNERS		64
#define MAX_FINDINGS		128
/* Steering the allocator: pages held per round, rounds at most. */
#define HOLD_CHUNK		1024
#define HOLD_ROUNDS		96
/* Pages taken to leave isolated free pages for a scatterlist. */
#define FRAG_POOL		64
#define EVENT_TIMEOUT_S		10

/* What the configuration must give: the tests fail instead of skipping. */
static bool expect_bounce;
static bool expect_iommu;
static bool expect_intx;

/*
 * Replies: each attribute a test reads is described by a field, read
 * strictly (an attribute of the wrong size marks the reply malformed).
 */

enum field_kind { F_U32, F_U64, F_FLAG, F_STR };

/**
 * struct field - where an attribute of a reply goes
 * @type: the attribute's type
 * @kind: how it is read
 * @off: offset of its destination in the reply's struct
 * @size: size of the destination (strings)
 */
struct field {
	unsigned int type;
	enum field_kind kind;
	size_t off;
	size_t size;
};

#define FIELD(s, t, k, m) \
	{ (t), (k), offsetof(struct s, m), sizeof(((struct s *)0)->m) }

static void field_read(const struct nlattr *a, const struct field *f,
		       void *obj, const char **bad)
{
	char *dst = (char *)obj + f->off;

	switch (f->kind) {
	case F_U32:
		rd_u32(a, (__u32 *)dst, bad);
		break;
	case F_U64:
		rd_u64(a, (__u64 *)dst, bad);
		break;
	case F_FLAG:
		rd_flag(a, (bool *)dst, bad);
		break;
	case F_STR:
		rd_str(a, dst, f->size, bad);
		break;
	}
}

/* Reads @a into @obj when @fields (@n of them) describe it; marks @has. */
static void fields_read(const struct nlattr *a, const struct field *fields,
			size_t n, void *obj, bool *has, unsigned int max,
			const char **bad)
{
	unsigned int type = mnl_attr_get_type(a);
	size_t i;

	if (type > max)
		return;
	has[type] = true;
	for (i = 0; i < n; i++)
		if (fields[i].type == type)
			field_read(a, &fields[i], obj, bad);
}

/* The DMA device: a dma-dev-get or dma-dev-set reply. */
struct dma_dev {
	bool has[SHADOW_MM_A_DMA_DEV_MAX + 1];
	const char *bad;
	unsigned int nreplies;
	char name[64];
	__u32 vendor;
	__u32 device;
	__u32 revision;
	__u32 id_reg;
	__u32 irq_mode;
	__u32 irq;
	__u64 irqs;
	__u32 mask_bits;
	__u64 mask;
	__u64 coherent_mask;
	__u32 iommu_domain;
	__u32 iommu_group;
	bool coherent;
	__u32 reachable_zone;
	__u64 bounce_size;
	__u32 bounce_slot;
	__u64 bounce_pa;
	__u32 bounce_used;
	__u64 bounced;
	__u64 bounce_bytes;
	__u32 mappings;
	__u64 xfers;
	__u64 xfer_bytes;
	__u64 window;
	__u32 window_size;
};

#define DEV_FIELD(t, k, m) FIELD(dma_dev, SHADOW_MM_A_DMA_DEV_##t, k, m)
static const struct field dev_fields[] = {
	DEV_FIELD(NAME, F_STR, name),
	DEV_FIELD(VENDOR, F_U32, vendor),
	DEV_FIELD(DEVICE, F_U32, device),
	DEV_FIELD(REVISION, F_U32, revision),
	DEV_FIELD(ID_REG, F_U32, id_reg),
	DEV_FIELD(IRQ_MODE, F_U32, irq_mode),
	DEV_FIELD(IRQ, F_U32, irq),
	DEV_FIELD(IRQS, F_U64, irqs),
	DEV_FIELD(MASK_BITS, F_U32, mask_bits),
	DEV_FIELD(MASK, F_U64, mask),
	DEV_FIELD(COHERENT_MASK, F_U64, coherent_mask),
	DEV_FIELD(IOMMU_DOMAIN, F_U32, iommu_domain),
	DEV_FIELD(IOMMU_GROUP, F_U32, iommu_group),
	DEV_FIELD(COHERENT, F_FLAG, coherent),
	DEV_FIELD(REACHABLE_ZONE, F_U32, reachable_zone),
	DEV_FIELD(BOUNCE_SIZE, F_U64, bounce_size),
	DEV_FIELD(BOUNCE_SLOT, F_U32, bounce_slot),
	DEV_FIELD(BOUNCE_PA, F_U64, bounce_pa),
	DEV_FIELD(BOUNCE_USED, F_U32, bounce_used),
	DEV_FIELD(BOUNCED, F_U64, bounced),
	DEV_FIELD(BOUNCE_BYTES, F_U64, bounce_bytes),
	DEV_FIELD(MAPPINGS, F_U32, mappings),
	DEV_FIELD(XFERS, F_U64, xfers),
	DEV_FIELD(XFER_BYTES, F_U64, xfer_bytes),
	DEV_FIELD(WINDOW, F_U64, window),
	DEV_FIELD(WINDOW_SIZE, F_U32, window_size),
};

static int dev_part(const struct nlmsghdr *nlh, void *arg)
{
	struct dma_dev *d = arg;
	const struct nlattr *a;

	if (d->nreplies++)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		fields_read(a, dev_fields, ARRAY_SIZE(dev_fields), d, d->has,
			    SHADOW_MM_A_DMA_DEV_MAX, &d->bad);
	return 0;
}

/* Attributes every dma-dev reply carries. */
static const unsigned int dev_required[] = {
	SHADOW_MM_A_DMA_DEV_NAME, SHADOW_MM_A_DMA_DEV_VENDOR,
	SHADOW_MM_A_DMA_DEV_DEVICE, SHADOW_MM_A_DMA_DEV_ID_REG,
	SHADOW_MM_A_DMA_DEV_IRQ_MODE, SHADOW_MM_A_DMA_DEV_IRQS,
	SHADOW_MM_A_DMA_DEV_MASK_BITS, SHADOW_MM_A_DMA_DEV_MASK,
	SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN, SHADOW_MM_A_DMA_DEV_MAPPINGS,
	SHADOW_MM_A_DMA_DEV_XFERS, SHADOW_MM_A_DMA_DEV_XFER_BYTES,
	SHADOW_MM_A_DMA_DEV_WINDOW, SHADOW_MM_A_DMA_DEV_WINDOW_SIZE,
};

/* A do's one reply, well formed: 0, or -EBADMSG. */
static int dev_done(int err, struct dma_dev *d)
{
	size_t i;

	if (err)
		return err;
	if (d->nreplies != 1 || d->bad)
		return -EBADMSG;
	for (i = 0; i < ARRAY_SIZE(dev_required); i++)
		if (!d->has[dev_required[i]]) {
			d->bad = "a dma-dev reply without a required attribute";
			return -EBADMSG;
		}
	return 0;
}

static int dev_get(struct smm_mnl *s, struct dma_dev *d)
{
	memset(d, 0, sizeof(*d));
	return dev_done(call(s, SHADOW_MM_CMD_DMA_DEV_GET, NLM_F_ACK, NULL,
			     dev_part, d), d);
}

static int dev_set(struct smm_mnl *s, const struct attr *attrs,
		   struct dma_dev *d)
{
	memset(d, 0, sizeof(*d));
	return dev_done(call(s, SHADOW_MM_CMD_DMA_DEV_SET, NLM_F_ACK, attrs,
			     dev_part, d), d);
}

static bool dev_translated(const struct dma_dev *d)
{
	return d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA ||
	       d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA_FQ ||
	       d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_UNMANAGED;
}

/* One segment of a mapping (dma-seg). */
struct dma_seg {
	bool has[SHADOW_MM_A_DMA_SEG_MAX + 1];
	__u32 index;
	__u64 pa;
	__u32 len;
	__u64 dma;
	__u64 bounce_pa;
};

#define SEG_FIELD(t, k, m) FIELD(dma_seg, SHADOW_MM_A_DMA_SEG_##t, k, m)
static const struct field seg_fields[] = {
	SEG_FIELD(INDEX, F_U32, index),
	SEG_FIELD(PA, F_U64, pa),
	SEG_FIELD(LEN, F_U32, len),
	SEG_FIELD(DMA_ADDR, F_U64, dma),
	SEG_FIELD(BOUNCE_PA, F_U64, bounce_pa),
};

static bool seg_bounced(const struct dma_seg *g)
{
	return g->has[SHADOW_MM_A_DMA_SEG_BOUNCE_PA];
}

/* A DMA buffer: a dma-alloc, dma-map or dma-get reply. */
struct dma_buf {
	bool has[SHADOW_MM_A_DMA_MAX + 1];
	const char *bad;
	__u32 id;
	__u32 kind;
	__u32 dir;
	__u64 size;
	__u32 zone;
	__u32 node;
	bool unchecked;
	__u64 dma_addr;
	__u64 pa;
	bool bounced;
	__u32 nents;
	__u32 mapped_nents;
	__u32 pages;
	unsigned int nsegs;
	struct dma_seg seg[MAX_SEGS];
};

#define BUF_FIELD(t, k, m) FIELD(dma_buf, SHADOW_MM_A_DMA_##t, k, m)
static const struct field buf_fields[] = {
	BUF_FIELD(ID, F_U32, id),
	BUF_FIELD(KIND, F_U32, kind),
	BUF_FIELD(DIR, F_U32, dir),
	BUF_FIELD(SIZE, F_U64, size),
	BUF_FIELD(ZONE, F_U32, zone),
	BUF_FIELD(NODE, F_U32, node),
	BUF_FIELD(UNCHECKED, F_FLAG, unchecked),
	BUF_FIELD(DMA_ADDR, F_U64, dma_addr),
	BUF_FIELD(PA, F_U64, pa),
	BUF_FIELD(BOUNCED, F_FLAG, bounced),
	BUF_FIELD(NENTS, F_U32, nents),
	BUF_FIELD(MAPPED_NENTS, F_U32, mapped_nents),
	BUF_FIELD(PAGES, F_U32, pages),
};

static void buf_read(const struct nlmsghdr *nlh, struct dma_buf *b)
{
	const struct nlattr *a, *g;
	struct dma_seg *seg;

	memset(b, 0, sizeof(*b));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) != SHADOW_MM_A_DMA_SEG) {
			fields_read(a, buf_fields, ARRAY_SIZE(buf_fields), b,
				    b->has, SHADOW_MM_A_DMA_MAX, &b->bad);
			continue;
		}
		b->has[SHADOW_MM_A_DMA_SEG] = true;
		if (b->nsegs == MAX_SEGS) {
			b->bad = "more segments than the test keeps";
			continue;
		}
		seg = &b->seg[b->nsegs++];
		mnl_attr_for_each_nested(g, a)
			fields_read(g, seg_fields, ARRAY_SIZE(seg_fields), seg,
				    seg->has, SHADOW_MM_A_DMA_SEG_MAX, &b->bad);
		if (!seg->has[SHADOW_MM_A_DMA_SEG_PA] ||
		    !seg->has[SHADOW_MM_A_DMA_SEG_LEN] ||
		    !seg->has[SHADOW_MM_A_DMA_SEG_DMA_ADDR])
			b->bad = "a segment without pa, len or dma-addr";
	}
	if (!b->has[SHADOW_MM_A_DMA_ID] || !b->has[SHADOW_MM_A_DMA_KIND] ||
	    !b->has[SHADOW_MM_A_DMA_DIR] || !b->has[SHADOW_MM_A_DMA_SIZE] ||
	    !b->has[SHADOW_MM_A_DMA_DMA_ADDR] || !b->nsegs)
		b->bad = "a buffer without id, kind, dir, size, dma-addr or seg";
}

/* What a do that answers with one buffer collects. */
struct buf_one {
	struct dma_buf *b;
	unsigned int nreplies;
};

static int buf_one_part(const struct nlmsghdr *nlh, void *arg)
{
	struct buf_one *one = arg;

	if (!one->nreplies++)
		buf_read(nlh, one->b);
	return 0;
}

/* dma-alloc, dma-map or dma-get (do): the buffer it answers with. */
static int buf_call(struct smm_mnl *s, __u8 cmd, const struct attr *attrs,
		    struct dma_buf *b)
{
	struct buf_one one = { .b = b };
	int err;

	memset(b, 0, sizeof(*b));
	err = call(s, cmd, NLM_F_ACK, attrs, buf_one_part, &one);
	if (err)
		return err;
	return one.nreplies == 1 && !b->bad ? 0 : -EBADMSG;
}

static int dma_alloc(struct smm_mnl *s, __u64 size, struct dma_buf *b)
{
	const struct attr req[] = {
		AU64(SHADOW_MM_A_DMA_SIZE, size), {}
	};

	return buf_call(s, SHADOW_MM_CMD_DMA_ALLOC, req, b);
}

static int dma_map(struct smm_mnl *s, __u32 kind, __u32 dir, __u64 size,
		   struct dma_buf *b)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_KIND, kind),
		AU32(SHADOW_MM_A_DMA_DIR, dir),
		AU64(SHADOW_MM_A_DMA_SIZE, size),
		AU32(SHADOW_MM_A_DMA_ZONE, SHADOW_MM_ZONE_TYPE_NORMAL),
		{}
	};

	return buf_call(s, SHADOW_MM_CMD_DMA_MAP, req, b);
}

static int dma_get(struct smm_mnl *s, __u32 id, struct dma_buf *b)
{
	const struct attr req[] = { AU32(SHADOW_MM_A_DMA_ID, id), {} };

	return buf_call(s, SHADOW_MM_CMD_DMA_GET, req, b);
}

static int dma_unmap(struct smm_mnl *s, const struct attr *attrs)
{
	return call(s, SHADOW_MM_CMD_DMA_UNMAP, NLM_F_ACK, attrs, NULL, NULL);
}

/* Releases buffer @id the right way (its own kind, size and direction). */
static int unmap_id(struct smm_mnl *s, __u32 id)
{
	const struct attr req[] = { AU32(SHADOW_MM_A_DMA_ID, id), {} };

	return dma_unmap(s, req);
}

static int dma_sync(struct smm_mnl *s, const struct attr *attrs)
{
	return call(s, SHADOW_MM_CMD_DMA_SYNC, NLM_F_ACK, attrs, NULL, NULL);
}

/* The buffers of a dma-get dump. */
struct buf_list {
	struct dma_buf *b;
	unsigned int n;
	unsigned int max;
	const char *bad;
};

static int buf_list_part(const struct nlmsghdr *nlh, void *arg)
{
	struct buf_list *l = arg;
	struct dma_buf *b;

	b = smm_mnl_grow(l->b, &l->max, l->n, sizeof(*b));
	if (!b)
		return -ENOMEM;
	l->b = b;
	b = &l->b[l->n++];
	buf_read(nlh, b);
	if (b->bad && !l->bad)
		l->bad = b->bad;
	return 0;
}

/* The dma-get dump; free() @l->b. */
static int buf_list(struct smm_mnl *s, struct buf_list *l)
{
	int err;

	memset(l, 0, sizeof(*l));
	err = call(s, SHADOW_MM_CMD_DMA_GET, NLM_F_DUMP, NULL, buf_list_part,
		   l);
	if (err)
		return err;
	return l->bad ? -EBADMSG : 0;
}

/* A dma-xfer reply. */
struct xfer_reply {
	bool has[SHADOW_MM_A_DMA_XFER_MAX + 1];
	const char *bad;
	unsigned int nreplies;
	__u32 bytes;
	__u32 commands;
	__u64 src_dma;
	__u64 dst_dma;
	bool bounced;
	__u64 device_ns;
};

#define XFER_FIELD(t, k, m) FIELD(xfer_reply, SHADOW_MM_A_DMA_XFER_##t, k, m)
static const struct field xfer_fields[] = {
	XFER_FIELD(BYTES, F_U32, bytes),
	XFER_FIELD(COMMANDS, F_U32, commands),
	XFER_FIELD(SRC_DMA, F_U64, src_dma),
	XFER_FIELD(DST_DMA, F_U64, dst_dma),
	XFER_FIELD(BOUNCED, F_FLAG, bounced),
	XFER_FIELD(DEVICE_NS, F_U64, device_ns),
};

static int xfer_part(const struct nlmsghdr *nlh, void *arg)
{
	struct xfer_reply *r = arg;
	const struct nlattr *a;

	if (r->nreplies++)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		fields_read(a, xfer_fields, ARRAY_SIZE(xfer_fields), r, r->has,
			    SHADOW_MM_A_DMA_XFER_MAX, &r->bad);
	return 0;
}

static int xfer(struct smm_mnl *s, const struct attr *attrs,
		struct xfer_reply *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	err = call(s, SHADOW_MM_CMD_DMA_XFER, NLM_F_ACK, attrs, xfer_part, r);
	if (err)
		return err;
	if (r->nreplies != 1 || r->bad || !r->has[SHADOW_MM_A_DMA_XFER_BYTES] ||
	    !r->has[SHADOW_MM_A_DMA_XFER_COMMANDS])
		return -EBADMSG;
	return 0;
}

/* A dma-error-get do reply: findings per check. */
struct dma_errors {
	const char *bad;
	unsigned int nreplies;
	bool has_count[NR_CHECKS + 1];
	__u64 count[NR_CHECKS + 1];
	__u64 total;
	__u64 lost;
	bool has_total;
};

static int errors_part(const struct nlmsghdr *nlh, void *arg)
{
	struct dma_errors *e = arg;
	const struct nlattr *a, *c;

	if (e->nreplies++)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		__u32 check = 0;
		__u64 count = 0;
		bool has_count = false;

		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_DMA_ERROR_TOTAL:
			if (mnl_attr_validate(a, MNL_TYPE_U64)) {
				e->bad = "total of the wrong size";
				break;
			}
			e->total = mnl_attr_get_u64(a);
			e->has_total = true;
			break;
		case SHADOW_MM_A_DMA_ERROR_LOST:
			if (mnl_attr_validate(a, MNL_TYPE_U64))
				e->bad = "lost of the wrong size";
			else
				e->lost = mnl_attr_get_u64(a);
			break;
		case SHADOW_MM_A_DMA_ERROR_COUNTS:
			mnl_attr_for_each_nested(c, a) {
				if (mnl_attr_get_type(c) ==
				    SHADOW_MM_A_DMA_CHECK_COUNT_CHECK &&
				    !mnl_attr_validate(c, MNL_TYPE_U32))
					check = mnl_attr_get_u32(c);
				if (mnl_attr_get_type(c) ==
				    SHADOW_MM_A_DMA_CHECK_COUNT_COUNT &&
				    !mnl_attr_validate(c, MNL_TYPE_U64)) {
					count = mnl_attr_get_u64(c);
					has_count = true;
				}
			}
			if (check < 1 || check > NR_CHECKS || !has_count ||
			    e->has_count[check]) {
				e->bad = "a count of no check, or twice";
				break;
			}
			e->has_count[check] = true;
			e->count[check] = count;
			break;
		}
	}
	return 0;
}

static int errors_get(struct smm_mnl *s, struct dma_errors *e)
{
	unsigned int c;
	int err;

	memset(e, 0, sizeof(*e));
	err = call(s, SHADOW_MM_CMD_DMA_ERROR_GET, NLM_F_ACK, NULL,
		   errors_part, e);
	if (err)
		return err;
	for (c = 1; c <= NR_CHECKS; c++)
		if (!e->has_count[c])
			e->bad = "a check without its count";
	return e->nreplies == 1 && !e->bad && e->has_total ? 0 : -EBADMSG;
}

/* One finding of the dma-error-get dump. */
struct finding {
	bool has[SHADOW_MM_A_DMA_ERROR_MAX + 1];
	__u64 seq;
	__u32 check;
	__u64 addr;
	__u64 size;
	__u32 dir;
	__u64 mapped_size;
	__u32 mapped_dir;
	char site[128];
	char message[256];
};

#define FINDING_FIELD(t, k, m) FIELD(finding, SHADOW_MM_A_DMA_ERROR_##t, k, m)
static const struct field finding_fields[] = {
	FINDING_FIELD(SEQ, F_U64, seq),
	FINDING_FIELD(CHECK, F_U32, check),
	FINDING_FIELD(DMA_ADDR, F_U64, addr),
	FINDING_FIELD(SIZE, F_U64, size),
	FINDING_FIELD(DIR, F_U32, dir),
	FINDING_FIELD(MAPPED_SIZE, F_U64, mapped_size),
	FINDING_FIELD(MAPPED_DIR, F_U32, mapped_dir),
	FINDING_FIELD(SITE, F_STR, site),
	FINDING_FIELD(MESSAGE, F_STR, message),
};

struct findings {
	struct finding f[MAX_FINDINGS];
	unsigned int n;
	const char *bad;
};

static int findings_part(const struct nlmsghdr *nlh, void *arg)
{
	struct findings *l = arg;
	const struct nlattr *a;
	struct finding *f;

	if (l->n == MAX_FINDINGS) {
		l->bad = "more findings than the kernel keeps";
		return 0;
	}
	f = &l->f[l->n++];
	memset(f, 0, sizeof(*f));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		fields_read(a, finding_fields, ARRAY_SIZE(finding_fields), f,
			    f->has, SHADOW_MM_A_DMA_ERROR_MAX, &l->bad);
	if (!f->has[SHADOW_MM_A_DMA_ERROR_SEQ] ||
	    !f->has[SHADOW_MM_A_DMA_ERROR_CHECK] ||
	    !f->has[SHADOW_MM_A_DMA_ERROR_MESSAGE])
		l->bad = "a finding without seq, check or message";
	return 0;
}

static int findings_get(struct smm_mnl *s, struct findings *l)
{
	int err;

	memset(l, 0, sizeof(*l));
	err = call(s, SHADOW_MM_CMD_DMA_ERROR_GET, NLM_F_DUMP, NULL,
		   findings_part, l);
	if (err)
		return err;
	return l->bad ? -EBADMSG : 0;
}

/* Pages held per owner tag (owner-get dump). */
struct owners {
	unsigned int n;
	struct {
		char name[32];
		__u64 pages;
	} o[MAX_OWNERS];
};

static int owners_part(const struct nlmsghdr *nlh, void *arg)
{
	struct owners *w = arg;
	const struct nlattr *a;

	if (w->n == MAX_OWNERS)
		return -ENOSPC;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_NAME &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(w->o[w->n].name, sizeof(w->o[0].name), "%s",
				 mnl_attr_get_str(a));
		if (mnl_attr_get_type(a) == SHADOW_MM_A_OWNER_PAGES &&
		    !mnl_attr_validate(a, MNL_TYPE_U64))
			w->o[w->n].pages = mnl_attr_get_u64(a);
	}
	w->n++;
	return 0;
}

static int owners_get(struct smm_mnl *s, struct owners *w)
{
	memset(w, 0, sizeof(*w));
	return call(s, SHADOW_MM_CMD_OWNER_GET, NLM_F_DUMP, NULL, owners_part,
		    w);
}

static __u64 owner_pages(const struct owners *w, const char *name)
{
	unsigned int i;

	for (i = 0; i < w->n; i++)
		if (!strcmp(w->o[i].name, name))
			return w->o[i].pages;
	return 0;
}

/* The first owner whose pages differ between @a and @b, or NULL. */
static const char *owners_differ(const struct owners *a,
				 const struct owners *b)
{
	unsigned int i;

	for (i = 0; i < a->n; i++)
		if (owner_pages(b, a->o[i].name) != a->o[i].pages)
			return a->o[i].name;
	for (i = 0; i < b->n; i++)
		if (owner_pages(a, b->o[i].name) != b->o[i].pages)
			return b->o[i].name;
	return NULL;
}

/* Every owner holds what it held in @was. */
#define ASSERT_OWNERS(s_, was_) do {					\
	struct owners __now;						\
	const char *__who;						\
									\
	ASSERT_EQ(0, owners_get((s_), &__now));				\
	__who = owners_differ((was_), &__now);				\
	ASSERT_TRUE(!__who)						\
		TH_LOG("owner %s: %llu pages, was %llu", __who,		\
		       (unsigned long long)owner_pages(&__now, __who),	\
		       (unsigned long long)owner_pages((was_), __who));	\
} while (0)

/* Violations the allocator's invariant checker finds (check). */
static int check_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;
	long *violations = arg;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_CHECK_VIOLATIONS &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			*violations = mnl_attr_get_u32(a);
	return 0;
}

/* Lowest and one past the highest shadow physical address (zone dump). */
struct span {
	__u64 lo;
	__u64 hi;
};

static __u64 attr_uint(const struct nlattr *a)
{
	if (mnl_attr_get_payload_len(a) == sizeof(__u64))
		return mnl_attr_get_u64(a);
	if (mnl_attr_get_payload_len(a) == sizeof(__u32))
		return mnl_attr_get_u32(a);
	return 0;
}

static int span_part(const struct nlmsghdr *nlh, void *arg)
{
	__u64 start = 0, spanned = 0, present = 0;
	struct span *sp = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_ZONE_START_PFN:
			start = attr_uint(a);
			break;
		case SHADOW_MM_A_ZONE_SPANNED_PAGES:
			spanned = attr_uint(a);
			break;
		case SHADOW_MM_A_ZONE_PRESENT_PAGES:
			present = attr_uint(a);
			break;
		}
	}
	if (!present)
		return 0;
	if (!sp->hi || start * PAGE_SZ < sp->lo)
		sp->lo = start * PAGE_SZ;
	if ((start + spanned) * PAGE_SZ > sp->hi)
		sp->hi = (start + spanned) * PAGE_SZ;
	return 0;
}

static int shadow_span(struct smm_mnl *s, struct span *sp)
{
	memset(sp, 0, sizeof(*sp));
	return call(s, SHADOW_MM_CMD_ZONE_GET, NLM_F_DUMP, NULL, span_part, sp);
}

/* Host files: sysfs, the kernel log. */

/* Reads a short file into @buf, its last newline dropped: 0 or -errno. */
static int read_text(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

static int write_text(const char *path, const char *text)
{
	ssize_t len = strlen(text);
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != len)
		err = -errno;
	close(fd);
	return err;
}

/* A PCI device 1234:11e8 is there, bound or not. */
static bool edu_present(void)
{
	char path[512], vendor[16], device[16];
	struct dirent *de;
	bool found = false;
	DIR *dir;

	dir = opendir(PCI_DEVICES);
	if (!dir)
		return false;
	while (!found && (de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/vendor",
			 de->d_name);
		if (read_text(path, vendor, sizeof(vendor)))
			continue;
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/device",
			 de->d_name);
		if (read_text(path, device, sizeof(device)))
			continue;
		found = strtoul(vendor, NULL, 0) == EDU_VENDOR &&
			strtoul(device, NULL, 0) == EDU_DEVICE;
	}
	closedir(dir);
	return found;
}

/* The guest has an IOMMU (intel-iommu, SMMUv3, ...). */
static bool iommu_present(void)
{
	struct dirent *de;
	bool found = false;
	DIR *dir;

	dir = opendir("/sys/class/iommu");
	if (!dir)
		return false;
	while (!found && (de = readdir(dir)))
		found = de->d_name[0] != '.';
	closedir(dir);
	return found;
}

static bool arch_is_x86_64(void)
{
	struct utsname u;

	return !uname(&u) && !strcmp(u.machine, "x86_64");
}

/* A module parameter the guest was booted with ($SMM_PARAMS). */
static bool param_given(const char *name)
{
	const char *params = getenv("SMM_PARAMS");
	size_t len = strlen(name);
	const char *p;

	for (p = params; p && (p = strstr(p, name)); p += len)
		if ((p == params || p[-1] == ' ') && p[len] == '=')
			return true;
	return false;
}

/* Opens the kernel log at its end: reads return what is logged after. */
static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Reads the records logged since kmsg_open() (or the last read) and
 * counts those whose text holds one of @needles (@n of them; empty ones
 * match nothing). Return: the count, or a negative errno.
 */
static int kmsg_count(int fd, const char *const *needles, unsigned int n)
{
	char rec[8192];
	const char *text;
	unsigned int i;
	int count = 0;
	ssize_t len;

	for (;;) {
		len = read(fd, rec, sizeof(rec) - 1);
		if (len < 0 && errno == EPIPE)
			continue;	/* overwritten: on from the oldest kept */
		if (len < 0 && errno == EAGAIN)
			return count;
		if (len < 0)
			return -errno;
		rec[len] = '\0';
		text = strchr(rec, ';');
		text = text ? text + 1 : rec;
		for (i = 0; i < n; i++) {
			if (needles[i][0] && strstr(text, needles[i])) {
				count++;
				break;
			}
		}
	}
}

/*
 * The fixture: a socket to the family, the device, every owner's pages
 * at the start, and what a test may leave to undo: pages held to steer
 * the allocator, an unbound device, the event rate.
 */
FIXTURE(dma) {
	struct smm_mnl s;
	struct smm_mnl_family fam;
	struct dma_dev dev;
	struct owners base;
	__u64 *held;
	unsigned int nheld;
	bool unbound;
	long saved_rate;
};

/*
 * The configuration lacks what the test needs: the test fails when an
 * option said it must not (@must), else it is skipped - its caller then
 * returns.
 */
static void not_given(struct __test_metadata *_metadata, bool must,
		      const char *why)
{
	if (must) {
		TH_LOG("%s", why);
		ASSERT_TRUE(false);
	}
	SKIP(, "%s", why);
}

/* What one transfer moves at most: the device's window. */
#define WINDOW (self->dev.window_size)

/* Nothing the test made is left: no buffer, every owner as at the start. */
#define ASSERT_CLEAN() do {						\
	struct buf_list __l;						\
									\
	ASSERT_EQ(0, buf_list(&self->s, &__l));				\
	free(__l.b);							\
	ASSERT_EQ(0U, __l.n);						\
	ASSERT_OWNERS(&self->s, &self->base);				\
} while (0)

FIXTURE_SETUP(dma)
{
	struct buf_list l;
	cpu_set_t cpus;
	int err;

	self->saved_rate = -1;
	/*
	 * One CPU: pages this test frees are the next ones the kernel
	 * allocates for it (the per-CPU lists are LIFO).
	 */
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(cpus), &cpus));
	smm_mnl_open_family(_metadata, &self->s, RECV_SIZE, &self->fam);
	err = dev_get(&self->s, &self->dev);
	if (err == -ENODEV && !edu_present()) {
		SKIP(, "no edu device (PCI 1234:11e8) in this machine");
		/*
		 * The 6.1 harness runs the test body unless setup failed:
		 * clearing "passed" stops it, and the child reports the skip.
		 */
		_metadata->passed = 0;
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("dma-dev-get: %s \"%s\"%s%s", strerror(-err),
				 self->s.ans.ext_msg,
				 self->dev.bad ? ", " : "",
				 self->dev.bad ? self->dev.bad : "");
	ASSERT_EQ(0, buf_list(&self->s, &l));
	free(l.b);
	ASSERT_EQ(0U, l.n) TH_LOG("DMA buffers left from before the test");
	ASSERT_EQ(0, owners_get(&self->s, &self->base));
}

static void device_bind(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), EDU_DRIVER "/%s", name);
	if (access(path, F_OK))
		write_text(EDU_DRIVER "/bind", name);
}

static void release_holds(FIXTURE_DATA(dma) *self)
{
	unsigned int i, n;

	for (i = 0; i < self->nheld; i += n) {
		n = self->nheld - i < HOLD_CHUNK ? self->nheld - i : HOLD_CHUNK;
		smm_mnl_page_free(&self->s, self->held + i, n);
	}
	free(self->held);
	self->held = NULL;
	self->nheld = 0;
}

static int rate_set(long rate)
{
	char text[32];

	snprintf(text, sizeof(text), "%ld\n", rate);
	return write_text(PARAMS "event_rate", text);
}

FIXTURE_TEARDOWN(dma)
{
	struct buf_list l;
	unsigned int i;

	if (self->unbound)
		device_bind(self->dev.name);
	if (!buf_list(&self->s, &l)) {
		for (i = 0; i < l.n; i++)
			unmap_id(&self->s, l.b[i].id);
		free(l.b);
	}
	release_holds(self);
	if (self->saved_rate > 0)
		rate_set(self->saved_rate);
	smm_mnl_close(&self->s);
}

/* Takes @count more pages (order 0, zone normal or below) and holds them. */
static int hold_pages(FIXTURE_DATA(dma) *self, unsigned int count)
{
	struct smm_mnl_pfns out;
	__u64 *held;
	int err;

	held = realloc(self->held, (self->nheld + count) * sizeof(*held));
	if (!held)
		return -ENOMEM;
	self->held = held;
	out.pfn = held + self->nheld;
	out.max = count;
	err = smm_mnl_page_alloc(&self->s, 0, count, OWNER_HOLD, &out);
	self->nheld += out.n;
	if (!err && out.n != count)
		err = -EBADMSG;
	return err;
}

static int cmp_u64(const void *a, const void *b)
{
	__u64 x = *(const __u64 *)a, y = *(const __u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * Leaves @want free pages none of which is next to another free one:
 * takes FRAG_POOL pages, gives back some whose neighbours stay held.
 * The next order-0 allocations on this CPU take them (LIFO per-CPU
 * list), so a scatterlist made of them has one entry per page. The rest
 * stays held until release_holds().
 */
static int fragment(FIXTURE_DATA(dma) *self, unsigned int want)
{
	__u64 sorted[FRAG_POOL], freed[FRAG_POOL];
	unsigned int first = self->nheld, i, n = 0;
	int err;

	err = hold_pages(self, FRAG_POOL);
	if (err)
		return err;
	memcpy(sorted, self->held + first, sizeof(sorted));
	qsort(sorted, FRAG_POOL, sizeof(sorted[0]), cmp_u64);
	for (i = 1; i + 1 < FRAG_POOL && n < want; i++) {
		if (sorted[i - 1] + 1 != sorted[i] ||
		    sorted[i] + 1 != sorted[i + 1])
			continue;
		freed[n++] = sorted[i++];	/* its upper neighbour stays */
	}
	if (n < want)
		return -ENOSPC;
	err = smm_mnl_page_free(&self->s, freed, n);
	if (err)
		return err;
	/* Forget them: compact the held list. */
	for (i = first; i < self->nheld; i++) {
		unsigned int j;

		for (j = 0; j < n; j++)
			if (self->held[i] == freed[j])
				break;
		if (j < n)
			self->held[i--] = self->held[--self->nheld];
	}
	return 0;
}

/* A segment of @b lies above the device's @mask. */
static bool buf_above(const struct dma_buf *b, __u64 mask)
{
	unsigned int i;

	for (i = 0; i < b->nsegs; i++)
		if (b->seg[i].pa + b->seg[i].len - 1 > mask)
			return true;
	return false;
}

static bool buf_any_bounced(const struct dma_buf *b)
{
	unsigned int i;

	for (i = 0; i < b->nsegs; i++)
		if (seg_bounced(&b->seg[i]))
			return true;
	return false;
}

/*
 * Maps (@req, a dma-map request) until a segment lies above the device's
 * mask, holding meanwhile a chunk of the pages the allocator hands out
 * below it (owner dma_test) after each miss. Return: 0 with the buffer in
 * @b; -ENOENT when no shadow page lies above the mask; another -errno.
 */
static int map_above_mask(FIXTURE_DATA(dma) *self, const struct attr *req,
			  struct dma_buf *b)
{
	struct span sp;
	unsigned int round;
	int err;

	err = shadow_span(&self->s, &sp);
	if (err)
		return err;
	if (sp.hi - 1 <= self->dev.mask)
		return -ENOENT;
	for (round = 0; round < HOLD_ROUNDS; round++) {
		err = buf_call(&self->s, SHADOW_MM_CMD_DMA_MAP, req, b);
		if (err)
			break;
		if (buf_above(b, self->dev.mask))
			break;
		err = unmap_id(&self->s, b->id);
		if (!err)
			err = hold_pages(self, HOLD_CHUNK);
		if (err == -ENOMEM)
			err = -ENOENT;	/* memory ran out below the mask */
		if (err)
			break;
	}
	if (round == HOLD_ROUNDS)
		err = -ENOENT;
	release_holds(self);
	return err;
}

/* Why map_above_mask() found nothing, and what gives such pages. */
#define NO_PAGE_ABOVE_MASK \
	"no shadow page above the DMA mask (on x86_64 size_mb=288 carves some)"

/*
 * Device segment pieces of [@off, @off + @len) in @b: one per segment it
 * touches, except that segments the IOMMU merged (fewer mapped entries
 * than entries) count once per device-contiguous run. Sets @first_dma to
 * the device address of byte @off, and @bounced when a touched segment
 * is bounced.
 */
static unsigned int dma_pieces(const struct dma_buf *b, __u64 off, __u64 len,
			       __u64 *first_dma, bool *bounced)
{
	bool merged = b->mapped_nents < b->nents, prev_touched = false;
	__u64 pos = 0, end = off + len, prev_end = 0;
	unsigned int i, n = 0;

	for (i = 0; i < b->nsegs; i++) {
		const struct dma_seg *g = &b->seg[i];
		__u64 start = pos;

		pos += g->len;
		if (pos <= off || start >= end) {
			prev_touched = false;
			continue;
		}
		if (!n)
			*first_dma = g->dma + (off - start);
		if (seg_bounced(g))
			*bounced = true;
		if (!(merged && prev_touched && g->dma == prev_end) || !n)
			n++;
		prev_touched = true;
		prev_end = g->dma + g->len;
	}
	return n;
}

/*
 * Transfers [@off, @off + @size) of @src to the device and back into
 * @dst, and checks the reply and the device's counters against the
 * segments: every byte verified, one command per device segment piece
 * each way, the first device addresses, the bounced flag.
 */
static void xfer_ok(struct __test_metadata *_metadata, struct smm_mnl *s,
		    const struct dma_buf *src, const struct dma_buf *dst,
		    __u64 off, __u32 size, __u32 seed)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, src->id),
		AU32(SHADOW_MM_A_DMA_XFER_DST, dst->id),
		AU64(SHADOW_MM_A_DMA_XFER_OFFSET, off),
		AU32(SHADOW_MM_A_DMA_XFER_SIZE, size),
		AU32(SHADOW_MM_A_DMA_XFER_SEED, seed),
		{}
	};
	__u64 src_dma = 0, dst_dma = 0;
	struct dma_dev before, after;
	unsigned int commands;
	struct xfer_reply r;
	bool bounced = false;
	int err;

	commands = dma_pieces(src, off, size, &src_dma, &bounced) +
		   dma_pieces(dst, off, size, &dst_dma, &bounced);
	ASSERT_EQ(0, dev_get(s, &before));
	err = xfer(s, req, &r);
	ASSERT_EQ(0, err) TH_LOG("dma-xfer %u -> %u, %u bytes at %llu: %s \"%s\"",
				 src->id, dst->id, size,
				 (unsigned long long)off, strerror(-err),
				 s->ans.ext_msg);
	EXPECT_EQ(size, r.bytes);
	EXPECT_EQ(commands, r.commands);
	EXPECT_EQ(src_dma, r.src_dma);
	EXPECT_EQ(dst_dma, r.dst_dma);
	if (bounced)
		EXPECT_TRUE(r.bounced);
	if (!buf_any_bounced(src) && !buf_any_bounced(dst))
		EXPECT_FALSE(r.bounced);
	ASSERT_EQ(0, dev_get(s, &after));
	EXPECT_EQ(before.xfers + commands, after.xfers);
	EXPECT_EQ(before.xfer_bytes + 2ULL * size, after.xfer_bytes);
	EXPECT_LE(before.irqs + commands, after.irqs);
}

/*
 * What a mapping shows, checked against the device: segments that add
 * up to the size, one entry per physically contiguous run, device
 * addresses the mask allows, and the address kinds: without an IOMMU
 * the physical address or, bounced, the bounce slot in the pool; under
 * a translating one an IOVA and never a bounce.
 */
static void buf_check(struct __test_metadata *_metadata,
		      const struct dma_dev *dev, const struct dma_buf *b)
{
	bool translated = dev_translated(dev);
	unsigned int i, runs = 0;
	__u64 sum = 0;

	ASSERT_LT(0U, b->nsegs);
	EXPECT_EQ(b->nents, b->nsegs);
	EXPECT_LE(1U, b->mapped_nents);
	EXPECT_LE(b->mapped_nents, b->nents);
	EXPECT_LE((b->size + PAGE_SZ - 1) / PAGE_SZ, (__u64)b->pages);
	for (i = 0; i < b->nsegs; i++) {
		const struct dma_seg *g = &b->seg[i];

		if (g->has[SHADOW_MM_A_DMA_SEG_INDEX])
			EXPECT_EQ(i, g->index);
		sum += g->len;
		EXPECT_LE(g->dma + g->len - 1, dev->mask)
			TH_LOG("segment %u: dma 0x%llx + %u past the mask", i,
			       (unsigned long long)g->dma, g->len);
		if (!i || b->seg[i - 1].pa + b->seg[i - 1].len != g->pa)
			runs++;
		if (seg_bounced(g)) {
			EXPECT_FALSE(translated);
			EXPECT_LE(dev->bounce_pa, g->bounce_pa);
			EXPECT_GE(dev->bounce_pa + dev->bounce_size,
				  g->bounce_pa + g->len);
			EXPECT_EQ(g->bounce_pa, g->dma);
			EXPECT_GT(g->pa + g->len - 1, dev->mask);
		} else if (!translated) {
			EXPECT_EQ(g->pa, g->dma);
		}
	}
	EXPECT_EQ(b->size, sum);
	/* Adjacent pages are one entry: each entry starts a run. */
	EXPECT_EQ(runs, b->nents);
	EXPECT_EQ(b->seg[0].dma, b->dma_addr);
	EXPECT_EQ(b->seg[0].pa, b->pa);
	EXPECT_EQ(buf_any_bounced(b), b->bounced);
	switch (b->kind) {
	case SHADOW_MM_DMA_KIND_COHERENT:
		EXPECT_EQ((__u32)SHADOW_MM_DMA_DIR_BIDIRECTIONAL, b->dir);
		EXPECT_FALSE(b->bounced);
		EXPECT_EQ(1U, b->nents);
		break;
	case SHADOW_MM_DMA_KIND_SINGLE:
		EXPECT_EQ(1U, b->nents);
		break;
	case SHADOW_MM_DMA_KIND_SG:
		EXPECT_EQ((b->size + PAGE_SZ - 1) / PAGE_SZ, (__u64)b->pages);
		break;
	default:
		EXPECT_TRUE(false) TH_LOG("kind %u", b->kind);
	}
}

TEST_F(dma, device_identity)
{
	unsigned int default_bits = arch_is_x86_64() ? 28 : 32;
	struct dma_dev *d = &self->dev;
	char text[64], path[256];
	unsigned long bits;

	EXPECT_EQ(EDU_VENDOR, d->vendor);
	EXPECT_EQ(EDU_DEVICE, d->device);
	EXPECT_EQ(EDU_ID_REG, d->id_reg);
	/* The name is the PCI device the driver bound. */
	ASSERT_NE('\0', d->name[0]);
	snprintf(path, sizeof(path), EDU_DRIVER "/%s", d->name);
	EXPECT_EQ(0, access(path, F_OK)) TH_LOG("%s is not bound", path);
	EXPECT_TRUE(d->irq_mode == SHADOW_MM_DMA_IRQ_MSI ||
		    d->irq_mode == SHADOW_MM_DMA_IRQ_INTX);

	/* The mask is the dma_bits parameter (28 bits on x86_64, 32 on arm). */
	ASSERT_EQ(0, read_text(PARAMS "dma_bits", text, sizeof(text)));
	bits = strtoul(text, NULL, 10);
	EXPECT_EQ(bits, d->mask_bits);
	if (!param_given("dma_bits"))
		EXPECT_EQ(default_bits, d->mask_bits);
	EXPECT_EQ(d->mask_bits >= 64 ? ~0ULL : (1ULL << d->mask_bits) - 1,
		  d->mask);
	if (d->has[SHADOW_MM_A_DMA_DEV_COHERENT_MASK])
		EXPECT_EQ(d->mask, d->coherent_mask);

	/*
	 * The device's buffer: 4096 bytes at 0x40000, of which qemu 7.2 lets
	 * a command reach the first 4095 (a command ending at the buffer's
	 * end stops the VM); the window is what a transfer may move.
	 */
	EXPECT_EQ(EDU_WINDOW, d->window);
	EXPECT_GE((__u32)SHADOW_MM_EDU_WINDOW, d->window_size);
	EXPECT_LE((__u32)SHADOW_MM_EDU_WINDOW - 1, d->window_size);
	EXPECT_EQ(0U, d->mappings);

	if (iommu_present()) {
		EXPECT_TRUE(d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA ||
			    d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA_FQ)
			TH_LOG("iommu-domain %u under an IOMMU", d->iommu_domain);
		EXPECT_TRUE(d->has[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP]);
	} else {
		EXPECT_FALSE(expect_iommu) TH_LOG("--expect-iommu: no IOMMU");
		EXPECT_EQ((__u32)SHADOW_MM_IOMMU_DOMAIN_NONE, d->iommu_domain);
	}

	/* A bounce pool only without translation, wholly below the mask. */
	if (dev_translated(d))
		EXPECT_EQ(0ULL, d->bounce_size);
	if (d->bounce_size) {
		EXPECT_LT(0U, d->bounce_slot);
		EXPECT_EQ(0U, d->bounce_slot & (d->bounce_slot - 1));
		EXPECT_EQ(0ULL, d->bounce_pa % d->bounce_slot);
		EXPECT_EQ(0ULL, d->bounce_size % d->bounce_slot);
		EXPECT_LE(d->bounce_pa + d->bounce_size - 1, d->mask);
		EXPECT_EQ(0U, d->bounce_used);
	}
}

TEST_F_TIMEOUT(dma, interrupts_complete_transfers, 60)
{
	bool msi_off = false;
	struct dma_buf b;
	char text[16];

	if (!read_text(PARAMS "edu_msi", text, sizeof(text)))
		msi_off = text[0] == 'N' || text[0] == 'n' || text[0] == '0';
	if (expect_intx || msi_off)
		EXPECT_EQ((__u32)SHADOW_MM_DMA_IRQ_INTX, self->dev.irq_mode)
			TH_LOG("INTx expected (%s)", msi_off ? "edu_msi=0" :
			       "--expect-intx");
	EXPECT_LT(0U, self->dev.irq);
	TH_LOG("completion by %s, irq %u",
	       self->dev.irq_mode == SHADOW_MM_DMA_IRQ_MSI ? "MSI" : "INTx",
	       self->dev.irq);

	/* Each command completes by its interrupt (xfer_ok counts them). */
	ASSERT_EQ(0, dma_alloc(&self->s, PAGE_SZ, &b));
	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 1);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, xfer_coherent, 60)
{
	struct dma_buf b, got;

	ASSERT_EQ(0, dma_alloc(&self->s, 2 * PAGE_SZ, &b));
	EXPECT_EQ((__u32)SHADOW_MM_DMA_KIND_COHERENT, b.kind);
	EXPECT_EQ(2 * PAGE_SZ, b.size);
	if (self->dev.has[SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE] && b.has[SHADOW_MM_A_DMA_ZONE])
		EXPECT_EQ(self->dev.reachable_zone, b.zone);
	buf_check(_metadata, &self->dev, &b);
	ASSERT_EQ(0, dma_get(&self->s, b.id, &got));
	EXPECT_EQ(b.dma_addr, got.dma_addr);
	EXPECT_EQ(b.pa, got.pa);

	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 1);
	xfer_ok(_metadata, &self->s, &b, &b, PAGE_SZ, WINDOW, 2);
	xfer_ok(_metadata, &self->s, &b, &b, PAGE_SZ / 2, WINDOW, 3);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, xfer_single_bidirectional, 60)
{
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 2 * PAGE_SZ, &b));
	EXPECT_EQ((__u32)SHADOW_MM_DMA_KIND_SINGLE, b.kind);
	EXPECT_EQ((__u32)SHADOW_MM_DMA_DIR_BIDIRECTIONAL, b.dir);
	EXPECT_FALSE(b.unchecked);
	buf_check(_metadata, &self->dev, &b);
	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 11);
	/* Across the page boundary: still one segment. */
	xfer_ok(_metadata, &self->s, &b, &b, PAGE_SZ - 1000, WINDOW, 12);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, xfer_single_to_device_from_device, 60)
{
	struct dma_buf to, from;
	struct xfer_reply r;
	struct attr wrong[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, 0),
		AU32(SHADOW_MM_A_DMA_XFER_DST, 0),
		{}
	};
	struct dma_dev before, after;
	int err;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_TO_DEVICE, PAGE_SZ, &to));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_FROM_DEVICE, PAGE_SZ, &from));
	EXPECT_EQ((__u32)SHADOW_MM_DMA_DIR_TO_DEVICE, to.dir);
	EXPECT_EQ((__u32)SHADOW_MM_DMA_DIR_FROM_DEVICE, from.dir);
	buf_check(_metadata, &self->dev, &to);
	buf_check(_metadata, &self->dev, &from);
	xfer_ok(_metadata, &self->s, &to, &from, 0, WINDOW, 21);

	/* The device never reads a from-device buffer nor writes a to-device one. */
	ASSERT_EQ(0, dev_get(&self->s, &before));
	wrong[0].value = from.id;
	wrong[1].value = from.id;
	err = xfer(&self->s, wrong, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	wrong[0].value = to.id;
	wrong[1].value = to.id;
	err = xfer(&self->s, wrong, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	ASSERT_EQ(0, dev_get(&self->s, &after));
	EXPECT_EQ(before.xfers, after.xfers);

	ASSERT_EQ(0, unmap_id(&self->s, to.id));
	ASSERT_EQ(0, unmap_id(&self->s, from.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, xfer_sg_several_segments, 120)
{
	__u64 pos = 0;
	struct dma_buf b;
	unsigned int i;

	/* Four free pages, no two adjacent: four scatterlist entries. */
	ASSERT_EQ(0, fragment(self, 4));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SG,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 4 * PAGE_SZ, &b));
	release_holds(self);
	EXPECT_EQ((__u32)SHADOW_MM_DMA_KIND_SG, b.kind);
	EXPECT_EQ(4U, b.pages);
	buf_check(_metadata, &self->dev, &b);
	ASSERT_LE(2U, b.nents) TH_LOG("the pages came adjacent: %u entries",
				      b.nents);
	TH_LOG("%u entries, %u device segments", b.nents, b.mapped_nents);

	/* Across each boundary between entries, then the whole of the first. */
	for (i = 0; i + 1 < b.nsegs; i++) {
		pos += b.seg[i].len;
		xfer_ok(_metadata, &self->s, &b, &b, pos - PAGE_SZ / 2,
			WINDOW, 31 + i);
	}
	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 39);

	/*
	 * A device address inside any segment names the buffer, as the
	 * device sees it: each segment synced by its own dma address.
	 */
	for (i = 0; i < b.nsegs; i++) {
		const struct attr sync[] = {
			AU64(SHADOW_MM_A_DMA_DMA_ADDR, b.seg[i].dma),
			AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_DEVICE),
			AU64(SHADOW_MM_A_DMA_SIZE, b.seg[i].len),
			AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
			{}
		};

		EXPECT_EQ(0, dma_sync(&self->s, sync))
			TH_LOG("segment %u at 0x%llx", i,
			       (unsigned long long)b.seg[i].dma);
	}
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, xfer_sub_page, 60)
{
	static const struct {
		__u64 off;
		__u32 size;
	} piece[] = {
		{ 0, 1 }, { 1, 1 }, { 123, 1000 }, { 2049, 2047 },
		{ PAGE_SZ - 1, 1 }, { 7, PAGE_SZ - 7 },
	};
	struct dma_buf b;
	unsigned int i;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	for (i = 0; i < ARRAY_SIZE(piece); i++)
		xfer_ok(_metadata, &self->s, &b, &b, piece[i].off,
			piece[i].size, 41 + i);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, xfer_window_and_buffer_ends, 60)
{
	const __u64 size = 3 * PAGE_SZ;
	struct dma_dev before, after;
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, 0),
		AU64(SHADOW_MM_A_DMA_XFER_OFFSET, 0),
		AU32(SHADOW_MM_A_DMA_XFER_SIZE, 0),
		{}
	};
	struct xfer_reply r;
	struct dma_buf b;
	int err;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, size, &b));
	/* A whole window, the last window, the last byte. */
	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 51);
	xfer_ok(_metadata, &self->s, &b, &b, size - WINDOW, WINDOW, 52);
	xfer_ok(_metadata, &self->s, &b, &b, size - 1, 1, 53);

	/* Without a size: what fits, at most a window. */
	req[0].value = b.id;
	req[2].type = 0;
	ASSERT_EQ(0, xfer(&self->s, req, &r));
	EXPECT_EQ(WINDOW, r.bytes);
	req[1].value = size - 100;
	ASSERT_EQ(0, xfer(&self->s, req, &r));
	EXPECT_EQ(100U, r.bytes);

	/* One byte past the end, or starting at it: refused, device untouched. */
	ASSERT_EQ(0, dev_get(&self->s, &before));
	req[2].type = SHADOW_MM_A_DMA_XFER_SIZE;
	req[1].value = size - WINDOW + 1;
	req[2].value = WINDOW;
	err = xfer(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	req[1].value = size;
	req[2].value = 1;
	err = xfer(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	ASSERT_EQ(0, dev_get(&self->s, &after));
	EXPECT_EQ(before.xfers, after.xfers);

	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, mapping_addresses, 60)
{
	struct dma_buf b[4], got;
	struct buf_list l;
	struct owners now;
	unsigned int i, j, seen;
	__u64 pages = 0;

	ASSERT_EQ(0, dma_alloc(&self->s, PAGE_SZ, &b[0]));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_TO_DEVICE, 3 * PAGE_SZ, &b[1]));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_FROM_DEVICE, 100, &b[2]));
	ASSERT_EQ(0, fragment(self, 3));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SG,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 5 * PAGE_SZ, &b[3]));
	release_holds(self);

	for (i = 0; i < ARRAY_SIZE(b); i++) {
		buf_check(_metadata, &self->dev, &b[i]);
		ASSERT_EQ(0, dma_get(&self->s, b[i].id, &got));
		EXPECT_EQ(b[i].dma_addr, got.dma_addr);
		EXPECT_EQ(b[i].nsegs, got.nsegs);
		EXPECT_EQ(b[i].seg[b[i].nsegs - 1].dma,
			  got.seg[got.nsegs - 1].dma);
		pages += b[i].pages;
	}
	/* The dump lists each once; their pages are what "dma" holds. */
	ASSERT_EQ(0, buf_list(&self->s, &l));
	EXPECT_EQ(ARRAY_SIZE(b), l.n);
	for (i = 0; i < ARRAY_SIZE(b); i++) {
		for (j = 0, seen = 0; j < l.n; j++)
			seen += l.b[j].id == b[i].id;
		EXPECT_EQ(1U, seen) TH_LOG("buffer %u", b[i].id);
	}
	free(l.b);
	ASSERT_EQ(0, owners_get(&self->s, &now));
	EXPECT_EQ(owner_pages(&self->base, OWNER_DMA) + pages,
		  owner_pages(&now, OWNER_DMA));
	ASSERT_EQ(0, dev_get(&self->s, &self->dev));
	EXPECT_EQ(ARRAY_SIZE(b), self->dev.mappings);

	for (i = 0; i < ARRAY_SIZE(b); i++)
		ASSERT_EQ(0, unmap_id(&self->s, b[i].id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, iommu_translates, 120)
{
	unsigned int i, j, iovas = 0;
	struct dma_buf b[3];

	if (!dev_translated(&self->dev)) {
		not_given(_metadata, expect_iommu, "no translating IOMMU");
		return;
	}
	ASSERT_EQ(0, dma_alloc(&self->s, PAGE_SZ, &b[0]));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 2 * PAGE_SZ, &b[1]));
	ASSERT_EQ(0, fragment(self, 4));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SG,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 4 * PAGE_SZ, &b[2]));
	release_holds(self);
	for (i = 0; i < ARRAY_SIZE(b); i++) {
		buf_check(_metadata, &self->dev, &b[i]);
		for (j = 0; j < b[i].nsegs; j++)
			iovas += b[i].seg[j].dma != b[i].seg[j].pa;
		xfer_ok(_metadata, &self->s, &b[i], &b[i], 0, WINDOW, 61 + i);
	}
	/* IOVAs: the device sees other addresses than the CPU's. */
	TH_LOG("%u segments at an IOVA; sg: %u entries, %u device segments",
	       iovas, b[2].nents, b[2].mapped_nents);
	EXPECT_LT(0U, iovas);
	/* The entries may be merged; across them the transfer still lands. */
	xfer_ok(_metadata, &self->s, &b[2], &b[2], PAGE_SZ / 2, WINDOW, 64);
	for (i = 0; i < ARRAY_SIZE(b); i++)
		ASSERT_EQ(0, unmap_id(&self->s, b[i].id));
	ASSERT_CLEAN();
}

/* A page beyond the mask needs no bounce: its IOVA is below the mask. */
TEST_F_TIMEOUT(dma, iommu_maps_beyond_the_mask, 300)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		{}
	};
	struct dma_buf high;
	int err;

	if (!dev_translated(&self->dev)) {
		not_given(_metadata, expect_iommu, "no translating IOMMU");
		return;
	}
	err = map_above_mask(self, req, &high);
	if (err == -ENOENT) {
		/* On arm all RAM lies below the 32-bit mask. */
		not_given(_metadata, expect_iommu && arch_is_x86_64(),
			  NO_PAGE_ABOVE_MASK);
		return;
	}
	ASSERT_EQ(0, err) TH_LOG("dma-map: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	TH_LOG("page 0x%llx mapped at IOVA 0x%llx", (unsigned long long)high.pa,
	       (unsigned long long)high.dma_addr);
	EXPECT_FALSE(high.bounced);
	EXPECT_NE(high.pa, high.dma_addr);
	buf_check(_metadata, &self->dev, &high);
	xfer_ok(_metadata, &self->s, &high, &high, 0, WINDOW, 65);
	ASSERT_EQ(0, unmap_id(&self->s, high.id));
	ASSERT_CLEAN();
}

/*
 * The bounce tests need no IOMMU, a bounce pool and shadow pages above
 * the mask. Maps @req's buffer above the mask into @b. Return: false
 * when the configuration gives no bounce (the test is skipped, or fails
 * with --expect-bounce; either way its caller returns).
 */
static bool map_bounced(struct __test_metadata *_metadata,
			FIXTURE_DATA(dma) *self, const struct attr *req,
			struct dma_buf *b)
{
	int err;

	if (dev_translated(&self->dev)) {
		not_given(_metadata, expect_bounce,
			  "an IOMMU translates: nothing bounces");
		return false;
	}
	if (!self->dev.bounce_size) {
		not_given(_metadata, expect_bounce, "no bounce pool");
		return false;
	}
	err = map_above_mask(self, req, b);
	if (err == -ENOENT) {
		not_given(_metadata, expect_bounce, NO_PAGE_ABOVE_MASK);
		return false;
	}
	EXPECT_EQ(0, err) TH_LOG("dma-map: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	return !err;
}

TEST_F_TIMEOUT(dma, bounce_single, 300)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		AU32(SHADOW_MM_A_DMA_ZONE, SHADOW_MM_ZONE_TYPE_NORMAL),
		{}
	};
	struct attr sync[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_CPU),
		AU64(SHADOW_MM_A_DMA_OFFSET, 100),
		AU64(SHADOW_MM_A_DMA_SIZE, 200),
		{}
	};
	struct dma_dev before, mapped, now;
	struct dma_buf b;
	__u32 slots;

	ASSERT_EQ(0, dev_get(&self->s, &before));
	if (!map_bounced(_metadata, self, req, &b))
		return;
	ASSERT_EQ(0, dev_get(&self->s, &mapped));
	slots = (PAGE_SZ + mapped.bounce_slot - 1) / mapped.bounce_slot;

	TH_LOG("page 0x%llx bounced through slot 0x%llx",
	       (unsigned long long)b.pa, (unsigned long long)b.dma_addr);
	EXPECT_TRUE(b.bounced);
	ASSERT_EQ(1U, b.nsegs);
	EXPECT_GT(b.pa + PAGE_SZ - 1, self->dev.mask);
	EXPECT_TRUE(seg_bounced(&b.seg[0]));
	EXPECT_EQ(b.seg[0].bounce_pa, b.dma_addr);
	buf_check(_metadata, &mapped, &b);
	EXPECT_EQ(before.bounce_used + slots, mapped.bounce_used);
	EXPECT_EQ(before.bounced + 1, mapped.bounced);

	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 71);
	xfer_ok(_metadata, &self->s, &b, &b, 10, 1000, 72);

	/* Syncs copy through the slot, whole or in part. */
	sync[0].value = b.id;
	ASSERT_EQ(0, dev_get(&self->s, &mapped));
	ASSERT_EQ(0, dma_sync(&self->s, sync));
	sync[1].value = SHADOW_MM_DMA_SYNC_FOR_DEVICE;
	ASSERT_EQ(0, dma_sync(&self->s, sync));
	sync[2].type = 0;
	ASSERT_EQ(0, dma_sync(&self->s, sync));
	sync[1].value = SHADOW_MM_DMA_SYNC_FOR_CPU;
	ASSERT_EQ(0, dma_sync(&self->s, sync));
	ASSERT_EQ(0, dev_get(&self->s, &now));
	EXPECT_LT(mapped.bounce_bytes, now.bounce_bytes);

	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_EQ(0, dev_get(&self->s, &now));
	EXPECT_EQ(before.bounce_used, now.bounce_used);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, bounce_to_device_from_device, 300)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_TO_DEVICE),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		{}
	};
	struct attr sync[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_DEVICE),
		{}
	};
	struct dma_buf to, from;
	struct dma_dev before, now;

	ASSERT_EQ(0, dev_get(&self->s, &before));
	if (!map_bounced(_metadata, self, req, &to))
		return;
	req[1].value = SHADOW_MM_DMA_DIR_FROM_DEVICE;
	if (!map_bounced(_metadata, self, req, &from))
		return;
	EXPECT_TRUE(to.bounced);
	EXPECT_TRUE(from.bounced);
	buf_check(_metadata, &self->dev, &to);
	buf_check(_metadata, &self->dev, &from);
	xfer_ok(_metadata, &self->s, &to, &from, 0, WINDOW, 81);
	xfer_ok(_metadata, &self->s, &to, &from, 333, 444, 82);

	/* The CPU hands the to-device one over, takes the from-device one back. */
	sync[0].value = to.id;
	ASSERT_EQ(0, dma_sync(&self->s, sync));
	sync[0].value = from.id;
	sync[1].value = SHADOW_MM_DMA_SYNC_FOR_CPU;
	ASSERT_EQ(0, dma_sync(&self->s, sync));

	ASSERT_EQ(0, unmap_id(&self->s, to.id));
	ASSERT_EQ(0, unmap_id(&self->s, from.id));
	ASSERT_EQ(0, dev_get(&self->s, &now));
	EXPECT_EQ(before.bounce_used, now.bounce_used);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, bounce_sg, 300)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SG),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		AU64(SHADOW_MM_A_DMA_SIZE, 4 * PAGE_SZ),
		{}
	};
	const struct attr sync[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_CPU),
		{}
	};
	struct attr my_sync[ARRAY_SIZE(sync)];
	struct dma_dev before, now;
	unsigned int i, bounced = 0;
	__u64 pos = 0;
	struct dma_buf b;

	ASSERT_EQ(0, dev_get(&self->s, &before));
	if (!map_bounced(_metadata, self, req, &b))
		return;
	buf_check(_metadata, &self->dev, &b);
	for (i = 0; i < b.nsegs; i++)
		bounced += seg_bounced(&b.seg[i]);
	TH_LOG("%u entries, %u bounced", b.nents, bounced);
	EXPECT_LT(0U, bounced);
	EXPECT_TRUE(b.bounced);

	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 91);
	for (i = 0; i + 1 < b.nsegs; i++) {
		pos += b.seg[i].len;
		xfer_ok(_metadata, &self->s, &b, &b, pos - 1000, 2000, 92 + i);
	}
	xfer_ok(_metadata, &self->s, &b, &b, 4 * PAGE_SZ - 1, 1, 99);
	memcpy(my_sync, sync, sizeof(sync));
	my_sync[0].value = b.id;
	ASSERT_EQ(0, dma_sync(&self->s, my_sync));
	my_sync[1].value = SHADOW_MM_DMA_SYNC_FOR_DEVICE;
	ASSERT_EQ(0, dma_sync(&self->s, my_sync));

	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_EQ(0, dev_get(&self->s, &now));
	EXPECT_EQ(before.bounce_used, now.bounce_used);
	ASSERT_CLEAN();
}

/*
 * DMA-debug: each check provoked twice the same way. A refused call gets
 * EINVAL and a message and changes nothing; each finding counts once, in
 * its own check only, and shows in the findings dump; the kernel log
 * has it once (a (check, site) pair logs once per load).
 */

struct check_run {
	struct dma_errors before;
	struct owners owners;
	__u64 xfers;
	int kmsg;
};

static void check_begin(struct __test_metadata *_metadata,
			FIXTURE_DATA(dma) *self, struct check_run *c)
{
	struct dma_dev d;

	ASSERT_EQ(0, errors_get(&self->s, &c->before));
	ASSERT_EQ(0, owners_get(&self->s, &c->owners));
	ASSERT_EQ(0, dev_get(&self->s, &d));
	c->xfers = d.xfers;
	c->kmsg = kmsg_open();
	ASSERT_LE(0, c->kmsg) TH_LOG("/dev/kmsg: %s", strerror(errno));
}

/* The last request was refused by a check; nothing changed. */
static void check_refused(struct __test_metadata *_metadata,
			  FIXTURE_DATA(dma) *self, const struct check_run *c,
			  int err)
{
	struct dma_dev d;

	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	ASSERT_OWNERS(&self->s, &c->owners);
	ASSERT_EQ(0, dev_get(&self->s, &d));
	EXPECT_EQ(c->xfers, d.xfers);
}

/* @check fired @times times since check_begin(), as it should show. */
static void check_end(struct __test_metadata *_metadata,
		      FIXTURE_DATA(dma) *self, struct check_run *c,
		      __u32 check, unsigned int times)
{
	const char *messages[MAX_FINDINGS];
	struct findings *f;
	struct dma_errors e;
	unsigned int i, n = 0;
	int lines;

	ASSERT_EQ(0, errors_get(&self->s, &e));
	for (i = 1; i <= NR_CHECKS; i++)
		EXPECT_EQ(c->before.count[i] + (i == check ? times : 0),
			  e.count[i]) TH_LOG("count of check %u", i);
	EXPECT_EQ(c->before.total + times, e.total);

	f = malloc(sizeof(*f));
	ASSERT_TRUE(!!f);
	ASSERT_EQ(0, findings_get(&self->s, f));
	for (i = 0; i < f->n; i++) {
		if (f->f[i].seq <= c->before.total)
			continue;
		EXPECT_EQ(check, f->f[i].check);
		EXPECT_NE('\0', f->f[i].message[0]);
		EXPECT_NE('\0', f->f[i].site[0]);
		TH_LOG("finding %llu: %s (at %s)",
		       (unsigned long long)f->f[i].seq, f->f[i].message,
		       f->f[i].site);
		messages[n++] = f->f[i].message;
		if (i)
			EXPECT_LT(f->f[i - 1].seq, f->f[i].seq);
	}
	EXPECT_EQ(times, n);

	lines = kmsg_count(c->kmsg, messages, n);
	close(c->kmsg);
	/*
	 * Once: a check that never fired before is logged now, the second
	 * time from the same site is not; one that fired before may have
	 * been logged then.
	 */
	EXPECT_LE(c->before.count[check] ? 0 : 1, lines);
	EXPECT_GE(1, lines) TH_LOG("kernel log lines of the findings");
	free(f);
}

/* DMA-unmap or DMA-sync: sends the request @attrs make. */
typedef int (*dma_request_fn)(struct smm_mnl *s, const struct attr *attrs);

/*
 * @send of @req, twice: refused both times by DMA-debug check @check,
 * which counts two findings and logs one line; nothing else changed.
 */
static void refused_twice(struct __test_metadata *_metadata,
			  FIXTURE_DATA(dma) *self, dma_request_fn send,
			  const struct attr *req, __u32 check)
{
	struct check_run c;
	unsigned int i;

	check_begin(_metadata, self, &c);
	for (i = 0; i < 2; i++)
		check_refused(_metadata, self, &c, send(&self->s, req));
	check_end(_metadata, self, &c, check, 2);
}

/* Buffer @b is still there as it was, and still moves data. */
static void still_usable(struct __test_metadata *_metadata, struct smm_mnl *s,
			 const struct dma_buf *b)
{
	struct dma_buf got;

	ASSERT_EQ(0, dma_get(s, b->id, &got));
	EXPECT_EQ(b->dma_addr, got.dma_addr);
	EXPECT_EQ(b->size, got.size);
	EXPECT_EQ(b->dir, got.dir);
	EXPECT_EQ(b->kind, got.kind);
	if (b->dir == SHADOW_MM_DMA_DIR_BIDIRECTIONAL)
		xfer_ok(_metadata, s, b, b, 0, 1, 100);
}

/* An address no buffer covers: past @b's end, well clear of it. */
static __u64 unmapped_addr(const struct dma_buf *b)
{
	return ((b->dma_addr + b->size) | 0xfffffULL) + 1 + 0x10000;
}

TEST_F_TIMEOUT(dma, check_unmap_unknown, 60)
{
	struct attr req[] = {
		AU64(SHADOW_MM_A_DMA_DMA_ADDR, 0),
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		{}
	};
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	req[0].value = unmapped_addr(&b);
	refused_twice(_metadata, self, dma_unmap, req,
		      SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_unmap_size, 60)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		{}
	};
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 2 * PAGE_SZ, &b));
	req[0].value = b.id;
	refused_twice(_metadata, self, dma_unmap, req,
		      SHADOW_MM_DMA_CHECK_UNMAP_SIZE);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_unmap_dir, 60)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_FROM_DEVICE),
		{}
	};
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_TO_DEVICE, PAGE_SZ, &b));
	req[0].value = b.id;
	refused_twice(_metadata, self, dma_unmap, req,
		      SHADOW_MM_DMA_CHECK_UNMAP_DIR);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_unmap_kind, 60)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		{}
	};
	struct dma_buf b;

	/* A coherent buffer released as a streaming single mapping. */
	ASSERT_EQ(0, dma_alloc(&self->s, PAGE_SZ, &b));
	req[0].value = b.id;
	refused_twice(_metadata, self, dma_unmap, req,
		      SHADOW_MM_DMA_CHECK_UNMAP_KIND);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_double_unmap, 60)
{
	struct attr req[] = {
		AU64(SHADOW_MM_A_DMA_DMA_ADDR, 0),
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		{}
	};
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
	/* The same handle again, by address: it was unmapped already. */
	req[0].value = b.dma_addr;
	refused_twice(_metadata, self, dma_unmap, req,
		      SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_sync_unknown, 60)
{
	struct attr req[] = {
		AU64(SHADOW_MM_A_DMA_DMA_ADDR, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_CPU),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		{}
	};
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	req[0].value = unmapped_addr(&b);
	refused_twice(_metadata, self, dma_sync, req,
		      SHADOW_MM_DMA_CHECK_SYNC_UNKNOWN);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_sync_beyond, 60)
{
	/* Half a page inside, a page long: half a page past the end. */
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_DEVICE),
		AU64(SHADOW_MM_A_DMA_OFFSET, 2 * PAGE_SZ - PAGE_SZ / 2),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		{}
	};
	struct dma_buf b;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 2 * PAGE_SZ, &b));
	req[0].value = b.id;
	refused_twice(_metadata, self, dma_sync, req,
		      SHADOW_MM_DMA_CHECK_SYNC_BEYOND);
	/* Up to the last byte exactly is fine. */
	req[3].value = PAGE_SZ / 2;
	ASSERT_EQ(0, dma_sync(&self->s, req));
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_sync_dir, 60)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_CPU),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_FROM_DEVICE),
		{}
	};
	struct dma_buf b, bidir;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_TO_DEVICE, PAGE_SZ, &b));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &bidir));
	req[0].value = b.id;
	refused_twice(_metadata, self, dma_sync, req,
		      SHADOW_MM_DMA_CHECK_SYNC_DIR);
	/* A bidirectional mapping takes a sync in any direction. */
	req[0].value = bidir.id;
	ASSERT_EQ(0, dma_sync(&self->s, req));
	req[2].value = SHADOW_MM_DMA_DIR_TO_DEVICE;
	ASSERT_EQ(0, dma_sync(&self->s, req));
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_EQ(0, unmap_id(&self->s, bidir.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_unchecked, 60)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		AFLAG(SHADOW_MM_A_DMA_UNCHECKED),
		{}
	};
	struct dma_buf b, got;
	struct check_run c;
	unsigned int i;

	check_begin(_metadata, self, &c);
	for (i = 0; i < 2; i++) {
		/* Reported, not refused: the unmap goes through. */
		ASSERT_EQ(0, buf_call(&self->s, SHADOW_MM_CMD_DMA_MAP, req, &b));
		EXPECT_TRUE(b.unchecked);
		ASSERT_EQ(0, dma_get(&self->s, b.id, &got));
		EXPECT_TRUE(got.unchecked);
		ASSERT_EQ(0, unmap_id(&self->s, b.id));
	}
	check_end(_metadata, self, &c, SHADOW_MM_DMA_CHECK_UNCHECKED, 2);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, check_held_at_unbind, 120)
{
	struct dma_buf b[2], again;
	struct dma_dev d;
	struct buf_list l;
	struct check_run c;
	struct owners now;
	char path[256];
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(b); i++)
		ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
				     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ,
				     &b[i]));
	check_begin(_metadata, self, &c);
	ASSERT_EQ(0, write_text(EDU_DRIVER "/unbind", self->dev.name));
	self->unbound = true;

	/*
	 * Reported and released: no device to list buffers of, no page
	 * left under the owner.
	 */
	err = buf_list(&self->s, &l);
	free(l.b);
	EXPECT_EQ(-ENODEV, err) TH_LOG("dma-get dump: %d", err);
	EXPECT_EQ(0U, l.n);
	ASSERT_EQ(0, owners_get(&self->s, &now));
	EXPECT_EQ(0ULL, owner_pages(&now, OWNER_DMA));
	err = dev_get(&self->s, &d);
	ASSERT_MNL_REFUSED(&self->s, err, ENODEV, -1);
	check_end(_metadata, self, &c, SHADOW_MM_DMA_CHECK_HELD_AT_UNBIND,
		  ARRAY_SIZE(b));

	/* Bound again: a fresh device, and transfers work. */
	ASSERT_EQ(0, write_text(EDU_DRIVER "/bind", self->dev.name));
	self->unbound = false;
	snprintf(path, sizeof(path), EDU_DRIVER "/%s", self->dev.name);
	ASSERT_EQ(0, access(path, F_OK));
	ASSERT_EQ(0, dev_get(&self->s, &d));
	EXPECT_EQ(0U, d.mappings);
	EXPECT_EQ(0U, d.bounce_used);
	EXPECT_EQ(self->dev.mask_bits, d.mask_bits);
	EXPECT_EQ(self->dev.bounce_size, d.bounce_size);
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &again));
	xfer_ok(_metadata, &self->s, &again, &again, 0, WINDOW, 111);
	ASSERT_EQ(0, unmap_id(&self->s, again.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, healthy_after_misuse, 60)
{
	long violations = -1;
	struct dma_buf b;
	struct dma_dev d;

	ASSERT_EQ(0, call(&self->s, SHADOW_MM_CMD_CHECK, NLM_F_ACK, NULL,
			  check_part, &violations));
	EXPECT_EQ(0, violations);
	ASSERT_EQ(0, dev_get(&self->s, &d));
	EXPECT_EQ(0U, d.mappings);
	EXPECT_EQ(0U, d.bounce_used);
	EXPECT_EQ(0ULL, owner_pages(&self->base, OWNER_DMA));
	ASSERT_EQ(0, dma_alloc(&self->s, PAGE_SZ, &b));
	xfer_ok(_metadata, &self->s, &b, &b, 0, WINDOW, 121);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

/*
 * Bad input: refused with a message (naming the attribute where one is
 * to blame), the device untouched, nothing allocated, no check counted.
 */

struct untouched {
	struct dma_dev dev;
	struct dma_errors errors;
	struct owners owners;
};

static void untouched_begin(struct __test_metadata *_metadata,
			    FIXTURE_DATA(dma) *self, struct untouched *u)
{
	ASSERT_EQ(0, dev_get(&self->s, &u->dev));
	ASSERT_EQ(0, errors_get(&self->s, &u->errors));
	ASSERT_EQ(0, owners_get(&self->s, &u->owners));
}

static void untouched_end(struct __test_metadata *_metadata,
			  FIXTURE_DATA(dma) *self, const struct untouched *u)
{
	struct dma_errors e;
	struct dma_dev d;

	ASSERT_EQ(0, dev_get(&self->s, &d));
	EXPECT_EQ(u->dev.xfers, d.xfers);
	EXPECT_EQ(u->dev.mask_bits, d.mask_bits);
	EXPECT_EQ(u->dev.mask, d.mask);
	EXPECT_EQ(u->dev.bounce_pa, d.bounce_pa);
	EXPECT_EQ(u->dev.bounce_size, d.bounce_size);
	EXPECT_EQ(u->dev.bounce_used, d.bounce_used);
	EXPECT_EQ(u->dev.mappings, d.mappings);
	ASSERT_EQ(0, errors_get(&self->s, &e));
	EXPECT_EQ(u->errors.total, e.total);
	ASSERT_OWNERS(&self->s, &u->owners);
}

TEST_F_TIMEOUT(dma, bad_mask, 60)
{
	struct attr req[] = { AU32(SHADOW_MM_A_DMA_DEV_MASK_BITS, 0), {} };
	struct untouched u;
	struct dma_dev d;
	struct dma_buf b;
	unsigned int bits;
	struct span sp;
	int err;

	untouched_begin(_metadata, self, &u);
	/* Outside 24..64. */
	req[0].value = 23;
	err = dev_set(&self->s, req, &d);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(req, SHADOW_MM_A_DMA_DEV_MASK_BITS));
	req[0].value = 65;
	err = dev_set(&self->s, req, &d);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(req, SHADOW_MM_A_DMA_DEV_MASK_BITS));

	/* Not while a mapping lives. */
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	req[0].value = self->dev.mask_bits;
	err = dev_set(&self->s, req, &d);
	ASSERT_MNL_REFUSED(&self->s, err, EBUSY, -1);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));

	/* Wider than the device reaches: it would DMA to truncated addresses. */
	if (self->dev.mask_bits < 64) {
		req[0].value = self->dev.mask_bits + 1;
		err = dev_set(&self->s, req, &d);
		ASSERT_MNL_REFUSED(&self->s, err, ERANGE, -1);
	}

	/* A mask below the lowest shadow page: nothing the device could use. */
	ASSERT_EQ(0, shadow_span(&self->s, &sp));
	for (bits = 24; bits < 64 && (1ULL << (bits + 1)) <= sp.lo; bits++)
		;
	if ((1ULL << bits) <= sp.lo) {
		req[0].value = bits;
		err = dev_set(&self->s, req, &d);
		ASSERT_MNL_REFUSED(&self->s, err, ERANGE, -1);
	} else {
		TH_LOG("shadow memory starts at 0x%llx, below any mask",
		       (unsigned long long)sp.lo);
	}
	untouched_end(_metadata, self, &u);

	/* The mask it has is accepted again, and stays. */
	req[0].value = self->dev.mask_bits;
	ASSERT_EQ(0, dev_set(&self->s, req, &d));
	EXPECT_EQ(self->dev.mask_bits, d.mask_bits);
	EXPECT_EQ(self->dev.mask, d.mask);
	EXPECT_EQ(self->dev.bounce_size, d.bounce_size);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, bad_size, 60)
{
	struct attr map[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL),
		AU64(SHADOW_MM_A_DMA_SIZE, 0),
		{}
	};
	struct attr alloc[] = { AU64(SHADOW_MM_A_DMA_SIZE, 0), {} };
	struct smm_mnl_status st;
	__u64 huge, sizes[2];
	struct untouched u;
	struct dma_buf b;
	unsigned int i, k;
	int err;

	ASSERT_EQ(0, smm_mnl_status_get(&self->s, &st));
	huge = st.shadow_bytes + PAGE_SZ;	/* more than any zone holds */
	sizes[0] = 0;
	sizes[1] = huge;
	untouched_begin(_metadata, self, &u);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		alloc[0].value = sizes[i];
		err = buf_call(&self->s, SHADOW_MM_CMD_DMA_ALLOC, alloc, &b);
		TH_LOG("dma-alloc %llu: %d \"%s\"",
		       (unsigned long long)sizes[i], err, self->s.ans.ext_msg);
		ASSERT_NE(0, err);
		ASSERT_NE('\0', self->s.ans.ext_msg[0]);
		ASSERT_TRUE(self->s.ans.has_offs);
		ASSERT_EQ(attr_offs(alloc, SHADOW_MM_A_DMA_SIZE),
			  (long)self->s.ans.offs);
		for (k = SHADOW_MM_DMA_KIND_SINGLE; k <= SHADOW_MM_DMA_KIND_SG;
		     k++) {
			map[0].value = k;
			map[2].value = sizes[i];
			err = buf_call(&self->s, SHADOW_MM_CMD_DMA_MAP, map, &b);
			TH_LOG("dma-map kind %u %llu: %d \"%s\"", k,
			       (unsigned long long)sizes[i], err,
			       self->s.ans.ext_msg);
			ASSERT_NE(0, err);
			ASSERT_NE('\0', self->s.ans.ext_msg[0]);
			ASSERT_TRUE(self->s.ans.has_offs);
			ASSERT_EQ(attr_offs(map, SHADOW_MM_A_DMA_SIZE),
				  (long)self->s.ans.offs);
		}
	}
	untouched_end(_metadata, self, &u);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, bad_xfer, 60)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, 0),
		AU32(SHADOW_MM_A_DMA_XFER_SIZE, 0),
		{}
	};
	struct xfer_reply r;
	struct untouched u;
	struct dma_buf b;
	int err;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 4 * PAGE_SZ, &b));
	req[0].value = b.id;
	req[1].value = WINDOW + 1;
	untouched_begin(_metadata, self, &u);
	/* More than the device's window, and nothing. */
	err = xfer(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL,
			   attr_offs(req, SHADOW_MM_A_DMA_XFER_SIZE));
	req[1].value = 0;
	err = xfer(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL,
			   attr_offs(req, SHADOW_MM_A_DMA_XFER_SIZE));
	untouched_end(_metadata, self, &u);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, bad_direction, 60)
{
	struct attr map[] = {
		AU32(SHADOW_MM_A_DMA_KIND, SHADOW_MM_DMA_KIND_SINGLE),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_FROM_DEVICE + 1),
		AU64(SHADOW_MM_A_DMA_SIZE, PAGE_SZ),
		{}
	};
	struct attr unmap[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_DIR, SHADOW_MM_DMA_DIR_FROM_DEVICE + 1),
		{}
	};
	struct attr sync[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_DEVICE + 1),
		{}
	};
	struct untouched u;
	struct dma_buf b;
	int err;

	untouched_begin(_metadata, self, &u);
	err = buf_call(&self->s, SHADOW_MM_CMD_DMA_MAP, map, &b);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(map, SHADOW_MM_A_DMA_DIR));
	map[1].value = 0;
	err = buf_call(&self->s, SHADOW_MM_CMD_DMA_MAP, map, &b);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(map, SHADOW_MM_A_DMA_DIR));
	map[1].value = SHADOW_MM_DMA_DIR_BIDIRECTIONAL;
	map[0].value = SHADOW_MM_DMA_KIND_SG + 1;
	err = buf_call(&self->s, SHADOW_MM_CMD_DMA_MAP, map, &b);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(map, SHADOW_MM_A_DMA_KIND));
	untouched_end(_metadata, self, &u);

	/* On a live buffer: refused before the DMA API sees it. */
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	untouched_begin(_metadata, self, &u);
	unmap[0].value = b.id;
	err = dma_unmap(&self->s, unmap);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(unmap, SHADOW_MM_A_DMA_DIR));
	sync[0].value = b.id;
	err = dma_sync(&self->s, sync);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(sync, SHADOW_MM_A_DMA_SYNC));
	untouched_end(_metadata, self, &u);
	still_usable(_metadata, &self->s, &b);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dma, unmapped_id, 60)
{
	struct attr by_id[] = { AU32(SHADOW_MM_A_DMA_ID, 0), {} };
	struct attr sync[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_CPU),
		{}
	};
	struct attr x[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, 0),
		AU32(SHADOW_MM_A_DMA_XFER_DST, 0),
		{}
	};
	struct xfer_reply r;
	struct untouched u;
	struct dma_buf b, got;
	__u32 gone;
	int err;

	/* An id that was handed out and released, and one never handed out. */
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	gone = b.id;
	ASSERT_EQ(0, unmap_id(&self->s, gone));
	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	if (b.id == gone) {
		/* Ids are reused: pick one no buffer has. */
		gone = b.id == SHADOW_MM_MAX_DMA_BUFFERS ? 1 :
			SHADOW_MM_MAX_DMA_BUFFERS;
	}
	untouched_begin(_metadata, self, &u);
	by_id[0].value = gone;
	err = dma_get(&self->s, gone, &got);
	ASSERT_MNL_REFUSED(&self->s, err, ENOENT, attr_offs(by_id, SHADOW_MM_A_DMA_ID));
	err = dma_unmap(&self->s, by_id);
	ASSERT_MNL_REFUSED(&self->s, err, ENOENT, attr_offs(by_id, SHADOW_MM_A_DMA_ID));
	sync[0].value = gone;
	err = dma_sync(&self->s, sync);
	ASSERT_MNL_REFUSED(&self->s, err, ENOENT, attr_offs(sync, SHADOW_MM_A_DMA_ID));
	x[0].value = gone;
	x[1].value = b.id;
	err = xfer(&self->s, x, &r);
	ASSERT_MNL_REFUSED(&self->s, err, ENOENT, attr_offs(x, SHADOW_MM_A_DMA_XFER_SRC));
	x[0].value = b.id;
	x[1].value = gone;
	err = xfer(&self->s, x, &r);
	ASSERT_MNL_REFUSED(&self->s, err, ENOENT, attr_offs(x, SHADOW_MM_A_DMA_XFER_DST));
	untouched_end(_metadata, self, &u);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

/* One event of the monitor group, the DMA parts decoded. */
struct event {
	bool has[SHADOW_MM_A_EVENT_MAX + 1];
	const char *bad;
	__u32 type;
	__u32 id;
	__u64 addr;
	__u64 size;
	__u32 dir;
	__u32 kind;
	__u32 check;
	bool bounced;
};

#define EVENT_FIELD(t, k, m) FIELD(event, SHADOW_MM_A_EVENT_##t, k, m)
static const struct field event_fields[] = {
	EVENT_FIELD(TYPE, F_U32, type),
	EVENT_FIELD(DMA_ID, F_U32, id),
	EVENT_FIELD(DMA_ADDR, F_U64, addr),
	EVENT_FIELD(DMA_SIZE, F_U64, size),
	EVENT_FIELD(DMA_DIR, F_U32, dir),
	EVENT_FIELD(DMA_KIND, F_U32, kind),
	EVENT_FIELD(DMA_CHECK, F_U32, check),
	EVENT_FIELD(DMA_BOUNCED, F_FLAG, bounced),
};

static int join_monitor(struct smm_mnl *s, const struct smm_mnl_family *fam)
{
	struct timeval tv = { .tv_sec = EVENT_TIMEOUT_S };
	__u32 grp = smm_mnl_family_grp(fam, SHADOW_MM_MCGRP_MONITOR);
	int size = 8 << 20;

	if (!grp)
		return -ENOENT;
	s->family = fam->id;
	if (mnl_socket_setsockopt(s->mnl, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		return -errno;
	if (setsockopt(mnl_socket_get_fd(s->mnl), SOL_SOCKET, SO_RCVBUFFORCE,
		       &size, sizeof(size)) &&
	    setsockopt(mnl_socket_get_fd(s->mnl), SOL_SOCKET, SO_RCVBUF,
		       &size, sizeof(size)))
		return -errno;
	if (setsockopt(mnl_socket_get_fd(s->mnl), SOL_SOCKET, SO_RCVTIMEO,
		       &tv, sizeof(tv)))
		return -errno;
	return 0;
}

/* The next DMA event; others are passed over. */
static int next_dma_event(struct smm_mnl *mon, struct event *ev)
{
	const struct nlmsghdr *nlh;
	const struct nlattr *a;
	int err;

	for (;;) {
		err = smm_mnl_recv_msg(mon, &nlh);
		if (err)
			return err;
		if (nlh->nlmsg_type != mon->family)
			continue;
		memset(ev, 0, sizeof(*ev));
		mnl_attr_for_each(a, nlh, GENL_HDRLEN)
			fields_read(a, event_fields, ARRAY_SIZE(event_fields),
				    ev, ev->has, SHADOW_MM_A_EVENT_MAX,
				    &ev->bad);
		if (ev->type >= SHADOW_MM_EVENT_TYPE_DMA_MAP &&
		    ev->type <= SHADOW_MM_EVENT_TYPE_DMA_CHECK)
			return 0;
	}
}

TEST_F_TIMEOUT(dma, monitor_events, 60)
{
	struct attr wrong_size[] = {
		AU32(SHADOW_MM_A_DMA_ID, 0),
		AU64(SHADOW_MM_A_DMA_SIZE, 3 * PAGE_SZ),
		{}
	};
	struct event ev, map = {}, xf = {}, check = {}, unmap = {};
	struct smm_mnl mon;
	char text[32];
	struct dma_buf b;
	int err;

	ASSERT_EQ(0, read_text(PARAMS "event_rate", text, sizeof(text)));
	self->saved_rate = strtol(text, NULL, 10);
	ASSERT_EQ(0, rate_set(1000000));	/* no drop on the way */
	ASSERT_EQ(0, smm_mnl_open(&mon, RECV_SIZE, 0));
	ASSERT_EQ(0, join_monitor(&mon, &self->fam));

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 2 * PAGE_SZ, &b));
	xfer_ok(_metadata, &self->s, &b, &b, 0, 300, 131);
	wrong_size[0].value = b.id;
	err = dma_unmap(&self->s, wrong_size);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));

	while (!map.type || !xf.type || !check.type || !unmap.type) {
		err = next_dma_event(&mon, &ev);
		ASSERT_EQ(0, err) TH_LOG("waiting for DMA events: %s",
					 strerror(-err));
		ASSERT_TRUE(!ev.bad) TH_LOG("event: %s", ev.bad);
		if (ev.type == SHADOW_MM_EVENT_TYPE_DMA_MAP && ev.id == b.id)
			map = ev;
		if (ev.type == SHADOW_MM_EVENT_TYPE_DMA_XFER && ev.id == b.id)
			xf = ev;
		if (ev.type == SHADOW_MM_EVENT_TYPE_DMA_CHECK &&
		    ev.addr == b.dma_addr)
			check = ev;
		if (ev.type == SHADOW_MM_EVENT_TYPE_DMA_UNMAP && ev.id == b.id)
			unmap = ev;
	}
	smm_mnl_close(&mon);

	EXPECT_EQ(b.dma_addr, map.addr);
	EXPECT_EQ(b.size, map.size);
	EXPECT_EQ((__u32)SHADOW_MM_DMA_DIR_BIDIRECTIONAL, map.dir);
	EXPECT_EQ((__u32)SHADOW_MM_DMA_KIND_SINGLE, map.kind);
	EXPECT_EQ(b.bounced, map.bounced);
	EXPECT_EQ(300ULL, xf.size);
	EXPECT_EQ((__u32)SHADOW_MM_DMA_CHECK_UNMAP_SIZE, check.check);
	EXPECT_TRUE(check.has[SHADOW_MM_A_EVENT_DMA_CHECK]);
	EXPECT_EQ(3 * PAGE_SZ, check.size);
	EXPECT_EQ(b.dma_addr, unmap.addr);
	EXPECT_EQ(b.size, unmap.size);
	ASSERT_CLEAN();
}

/* Exit codes of unprivileged_child(), for the parent's log. */
enum {
	UNPRIV_OK,
	UNPRIV_DROP_FAILED,
	UNPRIV_SOCKET_FAILED,
	UNPRIV_READ_FAILED,
	UNPRIV_SET_NOT_EPERM,
	UNPRIV_ALLOC_NOT_EPERM,
	UNPRIV_MAP_NOT_EPERM,
	UNPRIV_UNMAP_NOT_EPERM,
	UNPRIV_SYNC_NOT_EPERM,
	UNPRIV_XFER_NOT_EPERM,
};

static const char *const unpriv_step[] = {
	[UNPRIV_OK] = "ok",
	[UNPRIV_DROP_FAILED] = "setgroups/setgid/setuid(65534) failed",
	[UNPRIV_SOCKET_FAILED] = "no socket",
	[UNPRIV_READ_FAILED] = "dma-dev-get, dma-get or dma-error-get failed",
	[UNPRIV_SET_NOT_EPERM] = "dma-dev-set did not fail with EPERM",
	[UNPRIV_ALLOC_NOT_EPERM] = "dma-alloc did not fail with EPERM",
	[UNPRIV_MAP_NOT_EPERM] = "dma-map did not fail with EPERM",
	[UNPRIV_UNMAP_NOT_EPERM] = "dma-unmap did not fail with EPERM",
	[UNPRIV_SYNC_NOT_EPERM] = "dma-sync did not fail with EPERM",
	[UNPRIV_XFER_NOT_EPERM] = "dma-xfer did not fail with EPERM",
};

/* In a forked child: become nobody; reads work, changes get EPERM. */
static int unprivileged_child(__u16 family, const struct dma_buf *b,
			      __u32 bits)
{
	const struct attr set[] = {
		AU32(SHADOW_MM_A_DMA_DEV_MASK_BITS, bits), {}
	};
	const struct attr id[] = { AU32(SHADOW_MM_A_DMA_ID, b->id), {} };
	const struct attr sync[] = {
		AU32(SHADOW_MM_A_DMA_ID, b->id),
		AU32(SHADOW_MM_A_DMA_SYNC, SHADOW_MM_DMA_SYNC_FOR_CPU),
		{}
	};
	const struct attr x[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, b->id), {}
	};
	struct dma_errors *e = malloc(sizeof(*e));
	struct dma_buf *got = malloc(sizeof(*got));
	struct dma_dev *d = malloc(sizeof(*d));
	struct xfer_reply r;
	struct buf_list l;
	struct smm_mnl s;

	if (setgroups(0, NULL) || setgid(NOBODY_ID) || setuid(NOBODY_ID) ||
	    getuid() != NOBODY_ID || geteuid() != NOBODY_ID)
		return UNPRIV_DROP_FAILED;
	if (!e || !got || !d || smm_mnl_open(&s, RECV_SIZE, SMM_MNL_EXT_ACK))
		return UNPRIV_SOCKET_FAILED;
	s.family = family;
	if (dev_get(&s, d) || dma_get(&s, b->id, got) || buf_list(&s, &l) ||
	    errors_get(&s, e))
		return UNPRIV_READ_FAILED;
	free(l.b);
	if (dev_set(&s, set, d) != -EPERM)
		return UNPRIV_SET_NOT_EPERM;
	if (dma_alloc(&s, PAGE_SZ, got) != -EPERM)
		return UNPRIV_ALLOC_NOT_EPERM;
	if (dma_map(&s, SHADOW_MM_DMA_KIND_SINGLE,
		    SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, got) != -EPERM)
		return UNPRIV_MAP_NOT_EPERM;
	if (dma_unmap(&s, id) != -EPERM)
		return UNPRIV_UNMAP_NOT_EPERM;
	if (dma_sync(&s, sync) != -EPERM)
		return UNPRIV_SYNC_NOT_EPERM;
	if (xfer(&s, x, &r) != -EPERM)
		return UNPRIV_XFER_NOT_EPERM;
	smm_mnl_close(&s);
	return UNPRIV_OK;
}

TEST_F_TIMEOUT(dma, unprivileged_reads_but_cannot_change, 60)
{
	struct dma_dev before, after;
	struct dma_buf b, got;
	int status, code;
	pid_t pid;

	ASSERT_EQ(0, dma_map(&self->s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	ASSERT_EQ(0, dev_get(&self->s, &before));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(unprivileged_child(self->s.family, &b,
					 self->dev.mask_bits));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	code = WEXITSTATUS(status);
	EXPECT_EQ(UNPRIV_OK, code)
		TH_LOG("as nobody: %s", code < (int)ARRAY_SIZE(unpriv_step) ?
		       unpriv_step[code] : "unexpected exit");
	/* Nothing changed: the buffer is there, the device did nothing. */
	ASSERT_EQ(0, dma_get(&self->s, b.id, &got));
	EXPECT_EQ(b.dma_addr, got.dma_addr);
	ASSERT_EQ(0, dev_get(&self->s, &after));
	EXPECT_EQ(before.xfers, after.xfers);
	ASSERT_EQ(0, unmap_id(&self->s, b.id));
	ASSERT_CLEAN();
}

/*
 * Last: unload with a buffer still mapped (reported as held, released),
 * then load again from $SMM_MODULE with $SMM_PARAMS, as the guest did.
 */

FIXTURE(dma_reload) {
	bool removed;
};

FIXTURE_SETUP(dma_reload)
{
	self->removed = false;
}

FIXTURE_TEARDOWN(dma_reload)
{
	if (self->removed && access("/sys/module/" SMM_MODULE_NAME, F_OK))
		smm_insmod_module();
}

TEST_F_TIMEOUT(dma_reload, unload_with_a_buffer_mapped, 300)
{
	static char *const rmmod[] = { "rmmod", SMM_MODULE_NAME, NULL };
	struct smm_mnl_family fam;
	char addr[2][32];
	const char *needles[2];
	struct dma_errors e;
	struct buf_list l;
	struct dma_buf b;
	struct dma_dev d;
	struct smm_mnl s;
	unsigned int i;
	int kmsg, err;

	if (access(smm_module_path(), R_OK))
		SKIP(return, "module file %s not readable (set SMM_MODULE)",
		     smm_module_path());
	smm_mnl_open_family(_metadata, &s, RECV_SIZE, &fam);
	err = dev_get(&s, &d);
	if (err == -ENODEV && !edu_present())
		SKIP(return, "no edu device (PCI 1234:11e8) in this machine");
	ASSERT_EQ(0, err);
	ASSERT_EQ(0, dma_map(&s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	smm_mnl_close(&s);

	kmsg = kmsg_open();
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(0, smm_run_program(rmmod));
	self->removed = true;
	ASSERT_NE(0, access("/sys/module/" SMM_MODULE_NAME, F_OK));
	/* Reported as held at unload, under its device address. */
	snprintf(addr[0], sizeof(addr[0]), "0x%llx",
		 (unsigned long long)b.dma_addr);
	snprintf(addr[1], sizeof(addr[1]), "0x%016llx",
		 (unsigned long long)b.dma_addr);
	needles[0] = addr[0];
	needles[1] = addr[1];
	EXPECT_LE(1, kmsg_count(kmsg, needles, ARRAY_SIZE(needles)));
	close(kmsg);

	ASSERT_EQ(0, smm_insmod_module());
	self->removed = false;
	smm_mnl_open_family(_metadata, &s, RECV_SIZE, &fam);
	ASSERT_EQ(0, dev_get(&s, &d));
	EXPECT_EQ(0U, d.mappings);
	ASSERT_EQ(0, buf_list(&s, &l));
	free(l.b);
	EXPECT_EQ(0U, l.n);
	/* A fresh load: no finding yet. */
	ASSERT_EQ(0, errors_get(&s, &e));
	EXPECT_EQ(0ULL, e.total);
	for (i = 1; i <= NR_CHECKS; i++)
		EXPECT_EQ(0ULL, e.count[i]);
	ASSERT_EQ(0, dma_map(&s, SHADOW_MM_DMA_KIND_SINGLE,
			     SHADOW_MM_DMA_DIR_BIDIRECTIONAL, PAGE_SZ, &b));
	xfer_ok(_metadata, &s, &b, &b, 0, d.window_size, 141);
	ASSERT_EQ(0, unmap_id(&s, b.id));
	smm_mnl_close(&s);
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"Usage: %s [--expect-bounce] [--expect-iommu] [--expect-intx]\n"
		"  --expect-bounce  fail, not skip, when nothing can bounce (IOMMU, no pool,\n"
		"                   no shadow page above the mask)\n"
		"  --expect-iommu   fail, not skip, without a translating IOMMU\n"
		"  --expect-intx    fail unless completions come by INTx\n",
		prog);
}

/* The harness's main() under another name: ours takes the options first. */
#define main dma_test_harness_main
TEST_HARNESS_MAIN
#undef main

int main(int argc, char **argv)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--expect-bounce")) {
			expect_bounce = true;
		} else if (!strcmp(argv[i], "--expect-iommu")) {
			expect_iommu = true;
		} else if (!strcmp(argv[i], "--expect-intx")) {
			expect_intx = true;
		} else if (!strcmp(argv[i], "--help")) {
			usage(stdout, argv[0]);
			return 0;
		} else if (!strncmp(argv[i], "--", 2)) {
			usage(stderr, argv[0]);
			return 1;
		}
		if (strncmp(argv[i], "--expect-", 9))
			argv[n++] = argv[i];	/* the harness's own */
	}
	argv[n] = NULL;
	return dma_test_harness_main(n, argv);
}
