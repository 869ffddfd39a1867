// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_test - shadow memory exported as dma-bufs, as userspace and real
 * importers see it: /dev/shadow_mm's allocation ioctl checked the way the
 * kernel's dmabuf-heaps selftest checks a heap (sizes, zeroing, the
 * size-versioned struct, error cases), then for each zone and both
 * layouts; what netlink's dmabuf-get reports (name, mmaps, attachments)
 * and the kernel's bufinfo; vgem, a DRM driver, importing a buffer; the
 * edu device moving data through one, checked through the fd's mmap; a
 * buffer mapped into a shadow address space; a thousand allocations that
 * leave the allocator as it was; imports that must be refused; and the
 * module held while a buffer lives, then unloaded and loaded again.
 *
 * Runs inside a test guest, as root, with shadow_mm.ko loaded (scripts/vm).
 * vgem and the DRM modules it needs are loaded from $SMM_EXTRA_MODULES
 * (default /lib/modules/extra), in the order its file "order" lists, unless
 * a vgem card is already there. The last test unloads shadow_mm and loads
 * $SMM_MODULE again with $SMM_PARAMS, as the guest did.
 *
 * Every test ends with no dma-buf left, every zone's free pages and every
 * owner's pages as they were before it; the buffers it makes have the
 * owner tag "dmabuf" unless it names another. Fill patterns come from a
 * seed printed at the start (SMM_SEED=N repeats a run).
 */

#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <drm/drm.h>
#include <drm/vgem_drm.h>
#include <linux/dma-buf.h>
#include <linux/shadow_mm_dev.h>

#include "smm_mnl.h"

#define PAGE_SZ			4096ULL
#define MIB			(1024ULL * 1024)
#define RECV_SIZE		0x100000
#define DEV_PATH		"/dev/" SHADOW_MM_DEV_NAME
#define OWNER_DEFAULT		"dmabuf"
#define EXPORTER_NAME		"shadow_mm"
#define EXTRA_MODULES_FALLBACK	"/lib/modules/extra"
#define DEBUGFS			"/sys/kernel/debug"
#define BUFINFO			DEBUGFS "/dma_buf/bufinfo"
#define PCI_DEVICES		"/sys/bus/pci/devices"
#define EDU_VENDOR		0x1234U
#define EDU_DEVICE		0x11e8U
#define MAX_ATTACH		16
/* Block orders a reply may count (the module's limit is 13). */
#define MAX_ORDERS		16
#define CYCLES			1000
/* Buffers per round of the zeroing test, as the heaps selftest takes. */
#define ZERO_BUFS		32
/* Where the address-space test maps a buffer. */
#define AS_VA			0x20000000ULL

static unsigned int seed;
/* --expect-mask: the DMA-mask test must not be skipped. */
static bool expect_mask;

/* A byte pattern of @n bytes from the run's seed and @salt (xorshift32). */
static void fill_pattern(unsigned char *p, size_t n, unsigned int salt)
{
	__u32 x = (seed ^ (salt * 0x9e3779b9u)) | 1;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = x;
	}
}

/* The first byte of @p (@n bytes) that is not @c, or -1. */
static long first_not(const unsigned char *p, size_t n, unsigned char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != c)
			return i;
	return -1;
}

static __u64 page_round(__u64 len)
{
	return (len + PAGE_SZ - 1) & ~(PAGE_SZ - 1);
}

/* The lowest free file descriptor: an fd leaked by a failure moves it. */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd;
}

static int dmabuf_sync(int fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };

	return ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync) ? -errno : 0;
}

/* The allocation ioctl. */

/**
 * struct alloc - an allocation request and what it returned
 * @len: bytes
 * @fd_flags: of the new fd (default O_RDWR | O_CLOEXEC when 0 and
 *	@fd_flags_set is false)
 * @fd_flags_set: @fd_flags is meant as it is, even 0
 * @heap_flags: heap flags
 * @flags: SHADOW_MM_ALLOC_*
 * @zone: zone type, 0 for the default
 * @node: with SHADOW_MM_ALLOC_NODE
 * @owner: owner tag, NULL for the default
 * @fd: the dma-buf fd returned
 * @id: the buffer's id returned
 */
struct alloc {
	__u64 len;
	__u32 fd_flags;
	bool fd_flags_set;
	__u64 heap_flags;
	__u32 flags;
	__u32 zone;
	__u32 node;
	const char *owner;
	int fd;
	__u32 id;
};

static void alloc_data(const struct alloc *a, struct shadow_mm_alloc_data *d)
{
	memset(d, 0, sizeof(*d));
	d->len = a->len;
	d->fd_flags = a->fd_flags_set ? a->fd_flags : O_RDWR | O_CLOEXEC;
	d->heap_flags = a->heap_flags;
	d->flags = a->flags;
	d->zone = a->zone;
	d->node = a->node;
	/* A tag of SHADOW_MM_OWNER_LEN characters goes without its NUL. */
	if (a->owner)
		memcpy(d->owner, a->owner, strnlen(a->owner, sizeof(d->owner)));
}

/* SHADOW_MM_IOCTL_ALLOC: 0 with @a->fd and @a->id set, or -errno. */
static int alloc_buf(int dev, struct alloc *a)
{
	struct shadow_mm_alloc_data d;

	a->fd = -1;
	alloc_data(a, &d);
	if (ioctl(dev, SHADOW_MM_IOCTL_ALLOC, &d))
		return -errno;
	a->fd = d.fd;
	a->id = d.id;
	return 0;
}

/* The allocation ioctl with the struct in @buf taken as @size bytes. */
static int alloc_sized(int dev, void *buf, size_t size)
{
	unsigned long cmd = _IOC(_IOC_READ | _IOC_WRITE, SHADOW_MM_IOC_MAGIC,
				 0, size);

	return ioctl(dev, cmd, buf) ? -errno : 0;
}

/* One attachment of a dma-buf (dmabuf-attach). */
struct dmabuf_attach {
	bool has[SHADOW_MM_A_DMABUF_ATTACH_MAX + 1];
	char device[64];
	char driver[64];
	__u32 maps;
	bool mapped;
	__u32 dir;
	__u32 nents;
	bool bounced;
};

/* A dma-buf as dmabuf-get reports it. */
struct dmabuf {
	bool has[SHADOW_MM_A_DMABUF_MAX + 1];
	__u32 id;
	__u64 size;
	__u32 pages;
	__u32 zone;
	__u32 node;
	bool contiguous;
	__u64 pa;
	__u32 chunks;
	__u32 blocks[MAX_ORDERS];
	unsigned int norders;
	char owner[64];
	char name[64];
	__u64 inode;
	__u32 mmaps;
	__u32 vmaps;
	unsigned int nattach;
	struct dmabuf_attach attach[MAX_ATTACH];
};

static void attach_read(const struct nlattr *nest, struct dmabuf_attach *at,
			const char **bad)
{
	const struct nlattr *a;
	unsigned int type;

	memset(at, 0, sizeof(*at));
	mnl_attr_for_each_nested(a, nest) {
		type = mnl_attr_get_type(a);
		if (type > SHADOW_MM_A_DMABUF_ATTACH_MAX)
			continue;
		at->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_DMABUF_ATTACH_DEVICE:
			rd_str(a, at->device, sizeof(at->device), bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH_DRIVER:
			rd_str(a, at->driver, sizeof(at->driver), bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH_MAPS:
			rd_u32(a, &at->maps, bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH_MAPPED:
			rd_flag(a, &at->mapped, bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH_DIR:
			rd_u32(a, &at->dir, bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH_NENTS:
			rd_u32(a, &at->nents, bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH_BOUNCED:
			rd_flag(a, &at->bounced, bad);
			break;
		}
	}
	if (!at->has[SHADOW_MM_A_DMABUF_ATTACH_DEVICE] ||
	    !at->has[SHADOW_MM_A_DMABUF_ATTACH_MAPS])
		*bad = "an attachment without device or maps";
}

/* Attributes every dmabuf-get reply carries. */
static const unsigned int dmabuf_required[] = {
	SHADOW_MM_A_DMABUF_ID, SHADOW_MM_A_DMABUF_SIZE,
	SHADOW_MM_A_DMABUF_PAGES, SHADOW_MM_A_DMABUF_ZONE,
	SHADOW_MM_A_DMABUF_PA, SHADOW_MM_A_DMABUF_CHUNKS,
	SHADOW_MM_A_DMABUF_OWNER, SHADOW_MM_A_DMABUF_INODE,
	SHADOW_MM_A_DMABUF_MMAPS, SHADOW_MM_A_DMABUF_VMAPS,
	SHADOW_MM_A_DMABUF_BLOCKS,
};

static void dmabuf_read(const struct nlmsghdr *nlh, struct dmabuf *b,
			const char **bad)
{
	const struct nlattr *a;
	unsigned int type;
	size_t i, len;

	memset(b, 0, sizeof(*b));
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		type = mnl_attr_get_type(a);
		if (type > SHADOW_MM_A_DMABUF_MAX)
			continue;
		b->has[type] = true;
		switch (type) {
		case SHADOW_MM_A_DMABUF_ID:
			rd_u32(a, &b->id, bad);
			break;
		case SHADOW_MM_A_DMABUF_SIZE:
			rd_u64(a, &b->size, bad);
			break;
		case SHADOW_MM_A_DMABUF_PAGES:
			rd_u32(a, &b->pages, bad);
			break;
		case SHADOW_MM_A_DMABUF_ZONE:
			rd_u32(a, &b->zone, bad);
			break;
		case SHADOW_MM_A_DMABUF_NODE:
			rd_u32(a, &b->node, bad);
			break;
		case SHADOW_MM_A_DMABUF_CONTIGUOUS:
			rd_flag(a, &b->contiguous, bad);
			break;
		case SHADOW_MM_A_DMABUF_PA:
			rd_u64(a, &b->pa, bad);
			break;
		case SHADOW_MM_A_DMABUF_CHUNKS:
			rd_u32(a, &b->chunks, bad);
			break;
		case SHADOW_MM_A_DMABUF_BLOCKS:
			len = mnl_attr_get_payload_len(a);
			if (len % sizeof(__u32) || len > sizeof(b->blocks)) {
				*bad = "a blocks attribute of the wrong size";
				break;
			}
			memcpy(b->blocks, mnl_attr_get_payload(a), len);
			b->norders = len / sizeof(__u32);
			break;
		case SHADOW_MM_A_DMABUF_OWNER:
			rd_str(a, b->owner, sizeof(b->owner), bad);
			break;
		case SHADOW_MM_A_DMABUF_NAME:
			rd_str(a, b->name, sizeof(b->name), bad);
			break;
		case SHADOW_MM_A_DMABUF_INODE:
			rd_u64(a, &b->inode, bad);
			break;
		case SHADOW_MM_A_DMABUF_MMAPS:
			rd_u32(a, &b->mmaps, bad);
			break;
		case SHADOW_MM_A_DMABUF_VMAPS:
			rd_u32(a, &b->vmaps, bad);
			break;
		case SHADOW_MM_A_DMABUF_ATTACH:
			if (b->nattach == MAX_ATTACH) {
				*bad = "more attachments than the test keeps";
				break;
			}
			attach_read(a, &b->attach[b->nattach++], bad);
			break;
		}
	}
	for (i = 0; i < ARRAY_SIZE(dmabuf_required); i++)
		if (!b->has[dmabuf_required[i]])
			*bad = "a dmabuf reply without a required attribute";
}

/* What dmabuf-get (do) collects. */
struct dmabuf_one {
	struct dmabuf *b;
	unsigned int nreplies;
	const char *bad;
};

static int dmabuf_one_part(const struct nlmsghdr *nlh, void *arg)
{
	struct dmabuf_one *one = arg;

	if (!one->nreplies++)
		dmabuf_read(nlh, one->b, &one->bad);
	return 0;
}

/* dmabuf-get of @id: 0, the kernel's -errno, or -EBADMSG. */
static int dmabuf_get(struct smm_mnl *s, __u32 id, struct dmabuf *b)
{
	const struct attr req[] = { AU32(SHADOW_MM_A_DMABUF_ID, id), {} };
	struct dmabuf_one one = { .b = b };
	int err;

	memset(b, 0, sizeof(*b));
	err = call(s, SHADOW_MM_CMD_DMABUF_GET, NLM_F_ACK, req,
		   dmabuf_one_part, &one);
	if (err)
		return err;
	return one.nreplies == 1 && !one.bad ? 0 : -EBADMSG;
}

/* The dma-bufs of a dmabuf-get dump (@b is malloc()ed: free() it). */
struct dmabuf_list {
	struct dmabuf *b;
	unsigned int n;
	unsigned int max;
	const char *bad;
};

static int dmabuf_list_part(const struct nlmsghdr *nlh, void *arg)
{
	struct dmabuf_list *l = arg;
	struct dmabuf *b;

	b = smm_mnl_grow(l->b, &l->max, l->n, sizeof(*b));
	if (!b)
		return -ENOMEM;
	l->b = b;
	dmabuf_read(nlh, &l->b[l->n++], &l->bad);
	return 0;
}

static int dmabuf_dump(struct smm_mnl *s, struct dmabuf_list *l)
{
	int err;

	memset(l, 0, sizeof(*l));
	err = call(s, SHADOW_MM_CMD_DMABUF_GET, NLM_F_DUMP, NULL,
		   dmabuf_list_part, l);
	if (err)
		return err;
	return l->bad ? -EBADMSG : 0;
}

/* dma-bufs the exporter holds now, or -errno. */
static long dmabuf_count(struct smm_mnl *s)
{
	struct dmabuf_list l;
	int err;

	err = dmabuf_dump(s, &l);
	free(l.b);
	return err ? err : (long)l.n;
}

/* The attachment of @b whose device is @device, or NULL. */
static const struct dmabuf_attach *attach_of(const struct dmabuf *b,
					     const char *device)
{
	unsigned int i;

	for (i = 0; i < b->nattach; i++)
		if (!strcmp(b->attach[i].device, device))
			return &b->attach[i];
	return NULL;
}

/* dmabuf-import: the reply's id and dma-id (0 when absent). */
struct import_reply {
	__u32 id;
	__u32 dma_id;
	unsigned int nreplies;
	const char *bad;
};

static int import_part(const struct nlmsghdr *nlh, void *arg)
{
	struct import_reply *r = arg;
	const struct nlattr *a;

	if (r->nreplies++)
		return 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_DMABUF_ID)
			rd_u32(a, &r->id, &r->bad);
		if (mnl_attr_get_type(a) == SHADOW_MM_A_DMABUF_DMA_ID)
			rd_u32(a, &r->dma_id, &r->bad);
	}
	return 0;
}

static int dmabuf_import(struct smm_mnl *s, const struct attr *req,
			 struct import_reply *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	err = call(s, SHADOW_MM_CMD_DMABUF_IMPORT, NLM_F_ACK, req,
		   import_part, r);
	if (err)
		return err;
	return r->nreplies == 1 && !r->bad ? 0 : -EBADMSG;
}

/* The DMA device's parts this test reads (dma-dev-get). */
struct dma_dev {
	char name[64];
	__u32 window_size;
	bool has_reachable_zone;
	__u32 reachable_zone;
	__u64 xfers;
	__u32 mask_bits;
	__u64 mask;
	__u32 iommu_domain;
	const char *bad;
};

static int dev_part(const struct nlmsghdr *nlh, void *arg)
{
	struct dma_dev *d = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(a)) {
		case SHADOW_MM_A_DMA_DEV_NAME:
			rd_str(a, d->name, sizeof(d->name), &d->bad);
			break;
		case SHADOW_MM_A_DMA_DEV_WINDOW_SIZE:
			rd_u32(a, &d->window_size, &d->bad);
			break;
		case SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE:
			rd_u32(a, &d->reachable_zone, &d->bad);
			d->has_reachable_zone = true;
			break;
		case SHADOW_MM_A_DMA_DEV_XFERS:
			rd_u64(a, &d->xfers, &d->bad);
			break;
		case SHADOW_MM_A_DMA_DEV_MASK_BITS:
			rd_u32(a, &d->mask_bits, &d->bad);
			break;
		case SHADOW_MM_A_DMA_DEV_MASK:
			rd_u64(a, &d->mask, &d->bad);
			break;
		case SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN:
			rd_u32(a, &d->iommu_domain, &d->bad);
			break;
		}
	}
	return 0;
}

static int dev_get(struct smm_mnl *s, struct dma_dev *d)
{
	int err;

	memset(d, 0, sizeof(*d));
	err = call(s, SHADOW_MM_CMD_DMA_DEV_GET, NLM_F_ACK, NULL, dev_part, d);
	if (err)
		return err;
	return d->bad || !d->name[0] || !d->window_size ? -EBADMSG : 0;
}

/* dma-dev-set: the device's mask to @bits bits. */
static int dev_set_mask(struct smm_mnl *s, __u32 bits)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMA_DEV_MASK_BITS, bits), {}
	};
	struct dma_dev d = { 0 };

	return call(s, SHADOW_MM_CMD_DMA_DEV_SET, NLM_F_ACK, req, dev_part,
		    &d);
}

/* The device's addresses are translated (an IOMMU's DMA domain). */
static bool dev_translated(const struct dma_dev *d)
{
	return d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA ||
	       d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA_FQ ||
	       d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_UNMANAGED;
}

/* A DMA buffer's kind and size (dma-get). */
struct dma_buf_info {
	__u32 kind;
	__u64 size;
	const char *bad;
};

static int dma_buf_part(const struct nlmsghdr *nlh, void *arg)
{
	struct dma_buf_info *b = arg;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(a) == SHADOW_MM_A_DMA_KIND)
			rd_u32(a, &b->kind, &b->bad);
		if (mnl_attr_get_type(a) == SHADOW_MM_A_DMA_SIZE)
			rd_u64(a, &b->size, &b->bad);
	}
	return 0;
}

static int dma_get(struct smm_mnl *s, __u32 id, struct dma_buf_info *b)
{
	const struct attr req[] = { AU32(SHADOW_MM_A_DMA_ID, id), {} };
	int err;

	memset(b, 0, sizeof(*b));
	err = call(s, SHADOW_MM_CMD_DMA_GET, NLM_F_ACK, req, dma_buf_part, b);
	if (err)
		return err;
	return b->bad ? -EBADMSG : 0;
}

static int dma_unmap(struct smm_mnl *s, __u32 id)
{
	const struct attr req[] = { AU32(SHADOW_MM_A_DMA_ID, id), {} };

	return call(s, SHADOW_MM_CMD_DMA_UNMAP, NLM_F_ACK, req, NULL, NULL);
}

/* Bytes a dma-xfer moved (its reply's bytes). */
static int bytes_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;
	__u32 *bytes = arg;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_DMA_XFER_BYTES &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			*bytes = mnl_attr_get_u32(a);
	return 0;
}

static int dma_xfer(struct smm_mnl *s, const struct attr *req, __u32 *bytes)
{
	*bytes = 0;
	return call(s, SHADOW_MM_CMD_DMA_XFER, NLM_F_ACK, req, bytes_part,
		    bytes);
}

/* An address space: as-new's id. */
static int as_id_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *a;
	__u32 *id = arg;

	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) == SHADOW_MM_A_AS_ID &&
		    !mnl_attr_validate(a, MNL_TYPE_U32))
			*id = mnl_attr_get_u32(a);
	return 0;
}

/* A new address space in the host's page-table format. */
static int as_new(struct smm_mnl *s, __u32 *id)
{
	struct attr req[] = { AU32(SHADOW_MM_A_AS_FORMAT, 0), {} };
	struct smm_mnl_status st;
	int err;

	*id = 0;
	err = smm_mnl_status_get(s, &st);
	if (err)
		return err;
	req[0].value = st.pt_format;
	err = call(s, SHADOW_MM_CMD_AS_NEW, NLM_F_ACK, req, as_id_part, id);
	return err ? err : *id ? 0 : -EBADMSG;
}

static int as_del(struct smm_mnl *s, __u32 id)
{
	const struct attr req[] = { AU32(SHADOW_MM_A_AS_ID, id), {} };

	return call(s, SHADOW_MM_CMD_AS_DEL, NLM_F_ACK, req, NULL, NULL);
}

static int as_unmap(struct smm_mnl *s, __u32 as, __u64 va, __u64 len)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_MAP_AS, as),
		AU64(SHADOW_MM_A_MAP_VA, va),
		AU64(SHADOW_MM_A_MAP_LEN, len),
		{}
	};

	return call(s, SHADOW_MM_CMD_AS_UNMAP, NLM_F_ACK, req, NULL, NULL);
}

/* Modules: vgem from the guest's extra modules, shadow_mm itself. */

static int finit_module_path(const char *path, const char *params)
{
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	return ret;
}

static bool module_loaded(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return !access(path, F_OK);
}

/*
 * The references on module @name, as /sys/module/NAME/refcnt gives them
 * (what kmod's rmmod reads before refusing with "is in use"); -1 when
 * unreadable.
 */
static long module_refcnt(const char *name)
{
	char path[256];
	long refs = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/refcnt", name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &refs) != 1)
		refs = -1;
	fclose(f);
	return refs;
}

/*
 * Loads the modules $SMM_EXTRA_MODULES/order lists, in its order, those
 * not loaded yet. Return: 0; -ENOENT without the list; another -errno
 * for the module @why (@size bytes) names.
 */
static int load_extra_modules(char *why, size_t size)
{
	const char *dir = getenv("SMM_EXTRA_MODULES");
	char path[512], line[128];
	int err = 0;
	FILE *f;

	if (!dir || !*dir)
		dir = EXTRA_MODULES_FALLBACK;
	snprintf(why, size, "%s/order", dir);
	f = fopen(why, "re");
	if (!f)
		return -ENOENT;
	while (!err && fgets(line, sizeof(line), f)) {
		char *dot;

		line[strcspn(line, "\n")] = '\0';
		dot = strstr(line, ".ko");
		if (!line[0] || !dot)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, line);
		*dot = '\0';
		if (module_loaded(line))
			continue;
		err = finit_module_path(path, "");
		if (err == -EEXIST)
			err = 0;
		if (err)
			snprintf(why, size, "%s", path);
	}
	fclose(f);
	return err;
}

/* The DRM card whose driver is vgem, opened; or -errno. */
static int vgem_card_open(void)
{
	char path[64], name[16];
	struct drm_version v;
	int i, fd;

	for (i = 0; i < 64; i++) {
		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		memset(&v, 0, sizeof(v));
		memset(name, 0, sizeof(name));
		v.name = name;
		v.name_len = sizeof(name) - 1;
		if (!ioctl(fd, DRM_IOCTL_VERSION, &v) && v.name_len == 4 &&
		    !memcmp(name, "vgem", 4))
			return fd;
		close(fd);
	}
	return -ENOENT;
}

/*
 * A vgem card, loading vgem first when there is none. Return: the fd;
 * -ENOENT when there is no vgem to load (@why says where it looked); or
 * another -errno (@why says what failed).
 */
static int vgem_try(char *why, size_t size)
{
	int fd, err;

	fd = vgem_card_open();
	if (fd >= 0)
		return fd;
	err = load_extra_modules(why, size);
	if (err)
		return err;
	fd = vgem_card_open();
	if (fd < 0)
		snprintf(why, size, "vgem loaded, yet no /dev/dri/card* is vgem");
	return fd < 0 ? -ENODEV : fd;
}

/*
 * A vgem card: the fd, or -1 after skipping the test (no vgem in this
 * machine) or failing it (vgem there but not working).
 */
static int vgem_get(struct __test_metadata *_metadata)
{
	char why[512];
	int fd;

	fd = vgem_try(why, sizeof(why));
	if (fd == -ENOENT)
		SKIP(return -1, "no vgem card and no %s (scripts/mkinitramfs puts vgem there)",
		     why);
	ASSERT_LE(0, fd) TH_LOG("vgem: %s: %s", why, strerror(-fd));
	return fd;
}

/* DRM_IOCTL_PRIME_FD_TO_HANDLE: 0 with @handle, or -errno. */
static int prime_import(int card, int fd, __u32 *handle)
{
	struct drm_prime_handle p = { .fd = fd };

	if (ioctl(card, DRM_IOCTL_PRIME_FD_TO_HANDLE, &p))
		return -errno;
	*handle = p.handle;
	return 0;
}

/* DRM_IOCTL_PRIME_HANDLE_TO_FD: a dma-buf fd of @handle, or -errno. */
static int prime_export(int card, __u32 handle)
{
	struct drm_prime_handle p = {
		.handle = handle,
		.flags = DRM_CLOEXEC | DRM_RDWR,
	};

	if (ioctl(card, DRM_IOCTL_PRIME_HANDLE_TO_FD, &p))
		return -errno;
	return p.fd;
}

static int gem_close(int card, __u32 handle)
{
	struct drm_gem_close c = { .handle = handle };

	return ioctl(card, DRM_IOCTL_GEM_CLOSE, &c) ? -errno : 0;
}

/* A vgem dumb buffer of @pages pages exported as a dma-buf: fd or -errno. */
static int vgem_foreign_dmabuf(int card, unsigned int pages, __u32 *handle)
{
	struct drm_mode_create_dumb c = {
		.width = PAGE_SZ / 4,
		.height = pages,
		.bpp = 32,
	};
	int fd;

	if (ioctl(card, DRM_IOCTL_MODE_CREATE_DUMB, &c))
		return -errno;
	*handle = c.handle;
	fd = prime_export(card, c.handle);
	if (fd < 0)
		gem_close(card, c.handle);
	return fd;
}

/* A PCI device 1234:11e8 (qemu's edu) is in the machine, bound or not. */
static bool edu_present(void)
{
	char path[512], text[16];
	unsigned long vendor, device;
	struct dirent *de;
	bool found = false;
	DIR *dir;
	FILE *f;

	dir = opendir(PCI_DEVICES);
	if (!dir)
		return false;
	while (!found && (de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		vendor = 0;
		device = 0;
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/vendor",
			 de->d_name);
		f = fopen(path, "re");
		if (f && fgets(text, sizeof(text), f))
			vendor = strtoul(text, NULL, 0);
		if (f)
			fclose(f);
		snprintf(path, sizeof(path), PCI_DEVICES "/%s/device",
			 de->d_name);
		f = fopen(path, "re");
		if (f && fgets(text, sizeof(text), f))
			device = strtoul(text, NULL, 0);
		if (f)
			fclose(f);
		found = vendor == EDU_VENDOR && device == EDU_DEVICE;
	}
	closedir(dir);
	return found;
}

/* Address spaces a test made: the teardown deletes those it left. */
struct spaces {
	__u32 id[4];
	unsigned int n;
};

/* A new address space, remembered in @l until spaces_del(). */
static int spaces_new(struct smm_mnl *s, struct spaces *l, __u32 *id)
{
	int err;

	if (l->n == ARRAY_SIZE(l->id))
		return -ENOSPC;
	err = as_new(s, id);
	if (!err)
		l->id[l->n++] = *id;
	return err;
}

static int spaces_del(struct smm_mnl *s, struct spaces *l, __u32 id)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (l->id[i] == id)
			l->id[i] = 0;
	return as_del(s, id);
}

/*
 * The fixture: a socket to the family, /dev/shadow_mm, what the
 * allocator held at the start, the address spaces the test made.
 */
FIXTURE(dmabuf) {
	struct smm_mnl s;
	struct smm_mnl_family fam;
	int dev;
	struct smm_mnl_zones zones;
	struct smm_mnl_owners owners;
	int free_fd;
	struct spaces spaces;
	__u32 restore_mask_bits;
};

/*
 * Nothing the test made is left: no dma-buf, no fd, every zone's free
 * pages and every owner's pages as at the start.
 */
#define ASSERT_CLEAN() do {						\
	struct smm_mnl_owners __w;					\
	struct smm_mnl_zones __z;					\
	const struct smm_mnl_zone *__zd;				\
	const char *__who;						\
									\
	ASSERT_EQ(0, dmabuf_count(&self->s)) TH_LOG("dma-bufs left");	\
	ASSERT_EQ(self->free_fd, lowest_free_fd()) TH_LOG("an fd left");\
	ASSERT_EQ(0, smm_mnl_zones_get(&self->s, &__z));		\
	__zd = smm_mnl_zones_differ(&self->zones, &__z);		\
	ASSERT_TRUE(!__zd) TH_LOG("node %u zone %u: free pages changed",\
				  __zd->node, __zd->type);		\
	ASSERT_EQ(0, smm_mnl_owners_get(&self->s, &__w));		\
	__who = smm_mnl_owners_differ(&self->owners, &__w);		\
	ASSERT_TRUE(!__who)						\
		TH_LOG("owner %s: %llu pages, was %llu", __who,		\
		       (unsigned long long)smm_mnl_owner_pages(&__w, __who), \
		       (unsigned long long)				\
		       smm_mnl_owner_pages(&self->owners, __who));	\
} while (0)

FIXTURE_SETUP(dmabuf)
{
	cpu_set_t cpus;
	long n;

	self->dev = -1;
	/*
	 * One CPU: pages a test frees are the next ones it allocates (the
	 * per-CPU lists are LIFO), which the zeroing test relies on.
	 */
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	ASSERT_EQ(0, sched_setaffinity(0, sizeof(cpus), &cpus));
	ASSERT_EQ(PAGE_SZ, (__u64)sysconf(_SC_PAGESIZE));
	smm_mnl_open_family(_metadata, &self->s, RECV_SIZE, &self->fam);
	ASSERT_TRUE(!!smm_mnl_family_op(&self->fam, SHADOW_MM_CMD_DMABUF_GET))
		TH_LOG("the module has no dmabuf-get op");
	self->dev = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->dev) TH_LOG("%s: %s", DEV_PATH, strerror(errno));
	n = dmabuf_count(&self->s);
	ASSERT_EQ(0, n) TH_LOG("dma-bufs left from before the test (%ld)", n);
	ASSERT_EQ(0, smm_mnl_zones_get(&self->s, &self->zones));
	ASSERT_LT(0U, self->zones.n);
	ASSERT_EQ(0, smm_mnl_owners_get(&self->s, &self->owners));
	self->free_fd = lowest_free_fd();
}

FIXTURE_TEARDOWN(dmabuf)
{
	unsigned int i;

	if (self->restore_mask_bits)
		dev_set_mask(&self->s, self->restore_mask_bits);
	/* A space left by a failed test would hold its buffers. */
	for (i = 0; i < self->spaces.n; i++)
		if (self->spaces.id[i])
			as_del(&self->s, self->spaces.id[i]);
	if (self->dev >= 0)
		close(self->dev);
	smm_mnl_close(&self->s);
}

/* The zone of type @type with the most managed pages, or NULL. */
static const struct smm_mnl_zone *zone_of(const struct smm_mnl_zones *zs,
					  __u32 type)
{
	const struct smm_mnl_zone *best = NULL;
	unsigned int i;

	for (i = 0; i < zs->n; i++)
		if (zs->z[i].type == type && zs->z[i].managed &&
		    (!best || zs->z[i].managed > best->managed))
			best = &zs->z[i];
	return best;
}

/* Whether the zone dump lists a zone of type @type, pages or not. */
static bool zone_listed(const struct smm_mnl_zones *zs, __u32 type)
{
	unsigned int i;

	for (i = 0; i < zs->n; i++)
		if (zs->z[i].type == type)
			return true;
	return false;
}

/*
 * Bytes a buffer of zone type @type can never have. Its pages come from
 * that zone or those below it, as with the kernel's GFP zone modifiers:
 * one page more than all of them hold.
 */
static __u64 beyond_zone(const struct smm_mnl_zones *zs, __u32 type)
{
	__u64 pages = 0;
	unsigned int i;

	for (i = 0; i < zs->n; i++)
		if (zs->z[i].type <= type)
			pages += zs->z[i].present;
	return (pages + 1) * PAGE_SZ;
}

/*
 * What a fresh buffer @a of @len bytes must show: its fd, its dmabuf-get
 * report, a mapping of all of it that reads zero and keeps what is
 * written, between syncs; and no mapping past its end.
 */
static void check_fresh(struct __test_metadata *_metadata,
			struct smm_mnl *s, const struct alloc *a, __u64 len)
{
	__u64 size = page_round(len);
	unsigned char *map, *part;
	struct dmabuf b;
	struct stat st;
	long bad;
	__u64 i;

	ASSERT_LE(0, a->fd);
	ASSERT_EQ(0, fstat(a->fd, &st));
	EXPECT_EQ(size, (__u64)st.st_size);
	EXPECT_TRUE(fcntl(a->fd, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_RDWR, fcntl(a->fd, F_GETFL) & O_ACCMODE);

	ASSERT_EQ(0, dmabuf_get(s, a->id, &b));
	EXPECT_EQ(a->id, b.id);
	EXPECT_EQ(size, b.size);
	EXPECT_LE(size / PAGE_SZ, (__u64)b.pages);
	EXPECT_EQ(!!(a->flags & SHADOW_MM_ALLOC_CONTIGUOUS), b.contiguous);
	if (b.contiguous)
		EXPECT_EQ(1U, b.chunks);
	EXPECT_LE(1U, b.chunks);
	EXPECT_LE(b.chunks, b.pages);
	EXPECT_EQ(0ULL, b.pa % PAGE_SZ);
	EXPECT_EQ(a->zone ? a->zone : (__u32)SHADOW_MM_ZONE_TYPE_NORMAL,
		  b.zone);
	EXPECT_STREQ(a->owner && *a->owner ? a->owner : OWNER_DEFAULT,
		     b.owner);
	EXPECT_EQ((__u64)st.st_ino, b.inode);
	EXPECT_EQ(0U, b.mmaps);
	EXPECT_EQ(0U, b.vmaps);
	EXPECT_EQ(0U, b.nattach);
	EXPECT_FALSE(b.has[SHADOW_MM_A_DMABUF_NAME] && b.name[0]);

	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, a->fd, 0);
	ASSERT_TRUE(map != MAP_FAILED) TH_LOG("mmap: %s", strerror(errno));
	ASSERT_EQ(0, dmabuf_sync(a->fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW));
	bad = first_not(map, size, 0);
	EXPECT_EQ(-1, bad) TH_LOG("a new buffer has 0x%02x at %ld",
				  bad < 0 ? 0 : map[bad], bad);
	for (i = 0; i < size; i += PAGE_SZ) {
		map[i] = 0xa0 + i / PAGE_SZ;
		map[i + PAGE_SZ - 1] = 0x5f;
	}
	for (i = 0; i < size; i += PAGE_SZ) {
		EXPECT_EQ((unsigned char)(0xa0 + i / PAGE_SZ), map[i]);
		EXPECT_EQ(0x5f, map[i + PAGE_SZ - 1]);
	}
	ASSERT_EQ(0, dmabuf_sync(a->fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW));

	/* A mapping at an offset shows the same page. */
	if (size > PAGE_SZ) {
		part = mmap(NULL, PAGE_SZ, PROT_READ, MAP_SHARED, a->fd,
			    size - PAGE_SZ);
		ASSERT_TRUE(part != MAP_FAILED)
			TH_LOG("mmap at an offset: %s", strerror(errno));
		EXPECT_EQ(map[size - PAGE_SZ], part[0]);
		munmap(part, PAGE_SZ);
	}
	ASSERT_EQ(0, munmap(map, size));

	/* Nothing past the end. */
	map = mmap(NULL, size + PAGE_SZ, PROT_READ, MAP_SHARED, a->fd, 0);
	EXPECT_TRUE(map == MAP_FAILED);
	if (map != MAP_FAILED)
		munmap(map, size + PAGE_SZ);
}

/* Closes @a's fd; then its buffer is gone (released, its id unknown). */
static void close_gone(struct __test_metadata *_metadata, struct smm_mnl *s,
		       struct alloc *a)
{
	struct dmabuf b;

	ASSERT_EQ(0, close(a->fd));
	a->fd = -1;
	EXPECT_EQ(-ENOENT, dmabuf_get(s, a->id, &b))
		TH_LOG("buffer %u still there after its last fd closed", a->id);
}

TEST_F_TIMEOUT(dmabuf, alloc_sizes_and_layouts, 120)
{
	static const struct {
		__u64 len;
		__u32 flags;
	} cases[] = {
		{ 1, 0 },
		{ PAGE_SZ, 0 },
		{ PAGE_SZ + 1, 0 },
		{ 3 * PAGE_SZ - 5, 0 },
		{ MIB, 0 },
		{ 1, SHADOW_MM_ALLOC_CONTIGUOUS },
		{ 5 * PAGE_SZ + 7, SHADOW_MM_ALLOC_CONTIGUOUS },
		{ MIB, SHADOW_MM_ALLOC_CONTIGUOUS },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct alloc a = {
			.len = cases[i].len,
			.flags = cases[i].flags,
		};
		int err;

		err = alloc_buf(self->dev, &a);
		ASSERT_EQ(0, err) TH_LOG("%llu bytes, flags %#x: %s",
					 (unsigned long long)a.len, a.flags,
					 strerror(-err));
		EXPECT_LT(0U, a.id);
		EXPECT_GE((__u32)SHADOW_MM_MAX_DMABUFS, a.id);
		check_fresh(_metadata, &self->s, &a, a.len);
		close_gone(_metadata, &self->s, &a);
	}
	ASSERT_CLEAN();
}

/*
 * A scattered buffer comes in blocks of 256, 16 and 1 pages, each the
 * largest that fits what is missing (the kernel's system heap): the
 * owner's block count says how many. The shadow memory of a fresh guest
 * has free blocks of every order, so nothing falls back.
 */
TEST_F_TIMEOUT(dmabuf, scattered_buffers_take_the_largest_blocks, 120)
{
	static const struct {
		unsigned int pages;
		unsigned int blocks;
	} cases[] = {
		{ 1, 1 }, { 15, 15 }, { 16, 1 }, { 17, 2 }, { 255, 30 },
		{ 256, 1 }, { 256 + 16 + 3, 5 }, { 512 + 32, 4 },
	};
	unsigned int order, pages, total;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct alloc a = {
			.len = (__u64)cases[i].pages * PAGE_SZ,
			.owner = "dmabuf_orders",
		};
		struct smm_mnl_owners w;
		struct dmabuf b;
		int err;

		err = alloc_buf(self->dev, &a);
		ASSERT_EQ(0, err) TH_LOG("%u pages: %s", cases[i].pages,
					 strerror(-err));
		ASSERT_EQ(0, smm_mnl_owners_get(&self->s, &w));
		EXPECT_EQ(cases[i].pages,
			  smm_mnl_owner_pages(&w, "dmabuf_orders"));
		EXPECT_EQ(cases[i].blocks,
			  smm_mnl_owner_blocks(&w, "dmabuf_orders"))
			TH_LOG("%u pages", cases[i].pages);
		ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
		EXPECT_LE(1U, b.chunks);
		EXPECT_GE(cases[i].blocks, b.chunks);
		/* The reply's counts by order: 256, 16 and 1 pages, greedily. */
		pages = cases[i].pages;
		total = 0;
		ASSERT_LT(0U, b.norders);
		for (order = 0; order < b.norders; order++) {
			total += b.blocks[order];
			if (order != 8 && order != 4 && order != 0)
				EXPECT_EQ(0U, b.blocks[order]);
		}
		EXPECT_EQ(cases[i].blocks, total);
		EXPECT_EQ(pages / 256, b.norders > 8 ? b.blocks[8] : 0);
		EXPECT_EQ(pages % 256 / 16, b.norders > 4 ? b.blocks[4] : 0);
		EXPECT_EQ(pages % 16, b.blocks[0]);
		close_gone(_metadata, &self->s, &a);
	}
	ASSERT_CLEAN();
}

/*
 * With no free block of 256 pages the next order serves: zone DMA is
 * taken in blocks of 16 pages until the allocator refuses, and every
 * other one (its buddy kept) given back, so the free memory comes in
 * 16-page blocks that cannot merge beyond 32. A 256-page buffer then
 * comes in 16 blocks of 16.
 */
TEST_F_TIMEOUT(dmabuf, scattered_buffers_fall_back_to_smaller_blocks, 120)
{
	const struct smm_mnl_zone *z = zone_of(&self->zones,
					       SHADOW_MM_ZONE_TYPE_DMA);
	struct alloc a = {
		.len = 256 * PAGE_SZ,
		.zone = SHADOW_MM_ZONE_TYPE_DMA,
		.owner = "dmabuf_orders",
	};
	__u64 *held, *back;
	struct smm_mnl_pfns out;
	struct smm_mnl_owners w;
	struct dmabuf b;
	unsigned int n = 0, nback = 0, nheld = 0, i, max;
	int err;

	if (!z || z->managed < 4 * 256)
		SKIP(return, "no shadow DMA zone of 1024 pages or more");
	max = z->managed / 16 + 1;
	held = calloc(max, sizeof(*held));
	back = calloc(max, sizeof(*back));
	ASSERT_TRUE(held && back);
	do {
		ASSERT_LT(n, max);
		out = (struct smm_mnl_pfns){ .pfn = &held[n], .max = 1 };
		err = smm_mnl_page_alloc_zone(&self->s, 4, 1,
					      SHADOW_MM_ZONE_TYPE_DMA,
					      "dmabuf_frag", &out);
		n += out.n;
	} while (!err);
	ASSERT_EQ(-ENOMEM, err);
	ASSERT_LT(32U, n) TH_LOG("only %u blocks of 16 pages in zone DMA", n);
	for (i = 0; i < n; i++) {
		if ((held[i] >> 4) & 1)
			held[nheld++] = held[i];
		else
			back[nback++] = held[i];
	}
	ASSERT_EQ(0, smm_mnl_page_free(&self->s, back, nback));

	err = alloc_buf(self->dev, &a);
	EXPECT_EQ(0, err) TH_LOG("256 pages in 16-page blocks: %s",
				 strerror(-err));
	if (!err) {
		ASSERT_EQ(0, smm_mnl_owners_get(&self->s, &w));
		EXPECT_EQ(256U, smm_mnl_owner_pages(&w, "dmabuf_orders"));
		EXPECT_EQ(16U, smm_mnl_owner_blocks(&w, "dmabuf_orders"));
		ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
		EXPECT_EQ(5U, b.norders);
		EXPECT_EQ(16U, b.blocks[4]);
		close_gone(_metadata, &self->s, &a);
	}
	ASSERT_EQ(0, smm_mnl_page_free(&self->s, held, nheld));
	free(held);
	free(back);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dmabuf, each_zone_and_node, 120)
{
	static const __u32 flags[] = {
		0, SHADOW_MM_ALLOC_CONTIGUOUS, SHADOW_MM_ALLOC_NODE,
		SHADOW_MM_ALLOC_NODE | SHADOW_MM_ALLOC_CONTIGUOUS,
	};
	unsigned int i, j, tried = 0;

	for (i = 0; i < self->zones.n; i++) {
		const struct smm_mnl_zone *z = &self->zones.z[i];

		if (!z->managed)
			continue;
		tried++;
		for (j = 0; j < ARRAY_SIZE(flags); j++) {
			struct alloc a = {
				.len = 2 * PAGE_SZ,
				.flags = flags[j],
				.zone = z->type,
				.owner = "dmabuf_zone",
			};
			struct dmabuf b;
			int err;

			/* Without the flag, node must be 0. */
			if (a.flags & SHADOW_MM_ALLOC_NODE)
				a.node = z->node;
			err = alloc_buf(self->dev, &a);
			ASSERT_EQ(0, err) TH_LOG("node %u zone %u, flags %#x: %s",
						 z->node, z->type, a.flags,
						 strerror(-err));
			check_fresh(_metadata, &self->s, &a, a.len);
			ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
			if (a.flags & SHADOW_MM_ALLOC_NODE)
				EXPECT_EQ(z->node, b.node);
			close_gone(_metadata, &self->s, &a);
		}
		TH_LOG("node %u zone %u (%llu pages): allocated from",
		       z->node, z->type, (unsigned long long)z->managed);
	}
	ASSERT_LT(0U, tried);
	ASSERT_CLEAN();
}

/*
 * Zeroing, as the heaps selftest checks it: @count buffers of @len bytes
 * filled with 0xff and freed, then as many allocated again read zero
 * everywhere. The pages must really come back: at least one buffer of
 * the second round starts where one of the first did.
 */
static void zeroing_round(struct __test_metadata *_metadata,
			  struct smm_mnl *s, int dev, __u64 len, __u32 flags,
			  unsigned int count)
{
	struct alloc a[ZERO_BUFS];
	__u64 pa[ZERO_BUFS];
	unsigned int i, j, reused = 0;
	unsigned char *map;
	struct dmabuf b;
	long bad;

	ASSERT_GE((unsigned int)ZERO_BUFS, count);
	for (i = 0; i < count; i++) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].len = len;
		a[i].flags = flags;
		ASSERT_EQ(0, alloc_buf(dev, &a[i]));
		ASSERT_EQ(0, dmabuf_get(s, a[i].id, &b));
		pa[i] = b.pa;
		map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			   a[i].fd, 0);
		ASSERT_TRUE(map != MAP_FAILED);
		ASSERT_EQ(0, dmabuf_sync(a[i].fd, DMA_BUF_SYNC_START |
						  DMA_BUF_SYNC_WRITE));
		memset(map, 0xff, len);
		ASSERT_EQ(0, dmabuf_sync(a[i].fd, DMA_BUF_SYNC_END |
						  DMA_BUF_SYNC_WRITE));
		ASSERT_EQ(0, munmap(map, len));
	}
	for (i = 0; i < count; i++)
		close_gone(_metadata, s, &a[i]);

	for (i = 0; i < count; i++) {
		ASSERT_EQ(0, alloc_buf(dev, &a[i]));
		ASSERT_EQ(0, dmabuf_get(s, a[i].id, &b));
		for (j = 0; j < count; j++)
			reused += b.pa == pa[j];
		map = mmap(NULL, len, PROT_READ, MAP_SHARED, a[i].fd, 0);
		ASSERT_TRUE(map != MAP_FAILED);
		ASSERT_EQ(0, dmabuf_sync(a[i].fd, DMA_BUF_SYNC_START |
						  DMA_BUF_SYNC_READ));
		bad = first_not(map, len, 0);
		EXPECT_EQ(-1, bad)
			TH_LOG("buffer %u of %llu bytes (pa %#llx): 0x%02x at %ld",
			       i, (unsigned long long)len,
			       (unsigned long long)b.pa,
			       bad < 0 ? 0 : map[bad], bad);
		ASSERT_EQ(0, dmabuf_sync(a[i].fd, DMA_BUF_SYNC_END |
						  DMA_BUF_SYNC_READ));
		ASSERT_EQ(0, munmap(map, len));
	}
	for (i = 0; i < count; i++)
		close_gone(_metadata, s, &a[i]);
	TH_LOG("%u buffers of %llu bytes: %u started on a page freed filled",
	       count, (unsigned long long)len, reused);
	EXPECT_LT(0U, reused);
}

TEST_F_TIMEOUT(dmabuf, freed_pages_come_back_zeroed, 240)
{
	zeroing_round(_metadata, &self->s, self->dev, PAGE_SZ, 0, ZERO_BUFS);
	zeroing_round(_metadata, &self->s, self->dev, 3 * PAGE_SZ, 0,
		      ZERO_BUFS);
	zeroing_round(_metadata, &self->s, self->dev, MIB,
		      SHADOW_MM_ALLOC_CONTIGUOUS, 4);
	zeroing_round(_metadata, &self->s, self->dev, MIB, 0, 2);
	ASSERT_CLEAN();
}

/* The version-0 struct: struct dma_heap_allocation_data's layout. */
struct alloc_v0 {
	__u64 len;
	__u32 fd;
	__u32 fd_flags;
	__u64 heap_flags;
};

TEST_F_TIMEOUT(dmabuf, struct_size_compat, 120)
{
	union {
		struct shadow_mm_alloc_data d;
		struct alloc_v0 v0;
		unsigned char raw[256];
	} u;
	struct dmabuf_list l;
	struct stat st;
	unsigned int i;
	struct dmabuf b;
	int err;

	ASSERT_EQ(24U, sizeof(struct alloc_v0));
	ASSERT_EQ((size_t)SHADOW_MM_ALLOC_SIZE_VER0, sizeof(struct alloc_v0));
	ASSERT_EQ((size_t)SHADOW_MM_ALLOC_SIZE_VER1,
		  sizeof(struct shadow_mm_alloc_data));

	/* Version 0, as a heap user writes it: defaults for the rest. */
	memset(u.raw, 0xa5, sizeof(u.raw));
	u.v0.len = 2 * PAGE_SZ;
	u.v0.fd = ~0U;
	u.v0.fd_flags = O_RDWR | O_CLOEXEC;
	u.v0.heap_flags = 0;
	err = alloc_sized(self->dev, &u, SHADOW_MM_ALLOC_SIZE_VER0);
	ASSERT_EQ(0, err) TH_LOG("version 0: %s", strerror(-err));
	EXPECT_EQ(-1, first_not(u.raw + SHADOW_MM_ALLOC_SIZE_VER0,
				sizeof(u.raw) - SHADOW_MM_ALLOC_SIZE_VER0, 0xa5))
		TH_LOG("the kernel wrote past the 24 bytes it was given");
	ASSERT_EQ(0, fstat(u.v0.fd, &st));
	ASSERT_EQ(0, dmabuf_dump(&self->s, &l));
	for (i = 0; i < l.n && l.b[i].inode != (__u64)st.st_ino; i++)
		;
	ASSERT_LT(i, l.n) TH_LOG("dmabuf-get lists no buffer of inode %lu",
				 (unsigned long)st.st_ino);
	EXPECT_EQ(2 * PAGE_SZ, l.b[i].size);
	EXPECT_EQ((__u32)SHADOW_MM_ZONE_TYPE_NORMAL, l.b[i].zone);
	EXPECT_FALSE(l.b[i].contiguous);
	EXPECT_STREQ(OWNER_DEFAULT, l.b[i].owner);
	free(l.b);
	ASSERT_EQ(0, close(u.v0.fd));

	/* Version 1: every field. */
	memset(u.raw, 0, sizeof(u.raw));
	u.d.len = PAGE_SZ;
	u.d.fd_flags = O_RDWR | O_CLOEXEC;
	u.d.flags = SHADOW_MM_ALLOC_CONTIGUOUS;
	u.d.zone = SHADOW_MM_ZONE_TYPE_NORMAL;
	memcpy(u.d.owner, "dmabuf_v1", 9);
	ASSERT_EQ(0, alloc_sized(self->dev, &u, SHADOW_MM_ALLOC_SIZE_VER1));
	ASSERT_LT(0U, u.d.id);
	ASSERT_EQ(0, dmabuf_get(&self->s, u.d.id, &b));
	EXPECT_TRUE(b.contiguous);
	EXPECT_STREQ("dmabuf_v1", b.owner);
	ASSERT_EQ(0, close(u.d.fd));

	/* A newer program's larger struct, its tail zero: accepted. */
	for (i = 0; i < 2; i++) {
		size_t size = i ? sizeof(u.raw) : 64;

		memset(u.raw, 0, sizeof(u.raw));
		u.d.len = PAGE_SZ;
		u.d.fd_flags = O_RDWR | O_CLOEXEC;
		err = alloc_sized(self->dev, &u, size);
		ASSERT_EQ(0, err) TH_LOG("%zu bytes, zero tail: %s", size,
					 strerror(-err));
		EXPECT_LT(0U, u.d.id);
		EXPECT_EQ(-1, first_not(u.raw + SHADOW_MM_ALLOC_SIZE_VER1,
					size - SHADOW_MM_ALLOC_SIZE_VER1, 0))
			TH_LOG("the kernel wrote into the tail it does not know");
		ASSERT_EQ(0, close(u.d.fd));
	}

	/* A larger struct asking for something unknown: E2BIG. */
	memset(u.raw, 0, sizeof(u.raw));
	u.d.len = PAGE_SZ;
	u.d.fd_flags = O_RDWR | O_CLOEXEC;
	u.raw[63] = 1;
	EXPECT_EQ(-E2BIG, alloc_sized(self->dev, &u, 64));

	/* Smaller than version 0: refused. */
	memset(u.raw, 0, sizeof(u.raw));
	u.v0.len = PAGE_SZ;
	u.v0.fd_flags = O_RDWR | O_CLOEXEC;
	EXPECT_EQ(-EINVAL, alloc_sized(self->dev, &u, 16));
	EXPECT_EQ(-EINVAL, alloc_sized(self->dev, &u, 0));
	EXPECT_EQ(-EINVAL, alloc_sized(self->dev, &u,
				       SHADOW_MM_ALLOC_SIZE_VER0 - 1));
	ASSERT_CLEAN();
}

/*
 * An allocation that must fail with @e; the caller then checks that it
 * left nothing (ASSERT_CLEAN()).
 */
static void refused(struct __test_metadata *_metadata, int dev,
		    struct alloc *a, const char *what, int e)
{
	int err = alloc_buf(dev, a);

	if (!err)
		close(a->fd);
	TH_LOG("%s: %s", what, err ? strerror(-err) : "accepted");
	EXPECT_EQ(-e, err) TH_LOG("%s: expected %s", what, strerror(e));
}

TEST_F_TIMEOUT(dmabuf, bad_requests_refused_nothing_leaked, 120)
{
	const struct smm_mnl_zone *normal;
	unsigned long cmd;
	__u32 type, absent = 0;
	struct alloc a;
	char owner[SHADOW_MM_OWNER_LEN + 1];
	unsigned char raw[64] = { 0 };

	normal = zone_of(&self->zones, SHADOW_MM_ZONE_TYPE_NORMAL);
	ASSERT_TRUE(!!normal);

#define BAD(field, value, e) do {					\
	memset(&a, 0, sizeof(a));					\
	a.len = PAGE_SZ;						\
	a.field = (value);						\
	refused(_metadata, self->dev, &a, #field " " #value, e);	\
	ASSERT_CLEAN();							\
} while (0)

	/* fd_flags: O_RDWR and O_CLOEXEC only. */
	memset(&a, 0, sizeof(a));
	a.len = PAGE_SZ;
	a.fd_flags_set = true;
	a.fd_flags = O_RDWR | O_CLOEXEC | O_NONBLOCK;
	refused(_metadata, self->dev, &a, "fd_flags O_NONBLOCK", EINVAL);
	ASSERT_CLEAN();
	a.fd_flags = O_WRONLY | O_CLOEXEC;
	refused(_metadata, self->dev, &a, "fd_flags O_WRONLY", EINVAL);
	ASSERT_CLEAN();
	a.fd_flags = ~(O_RDWR | O_CLOEXEC);
	refused(_metadata, self->dev, &a, "fd_flags ~(O_RDWR|O_CLOEXEC)", EINVAL);
	ASSERT_CLEAN();
	a.fd_flags = O_RDWR | O_CLOEXEC | O_APPEND;
	refused(_metadata, self->dev, &a, "fd_flags O_APPEND", EINVAL);
	ASSERT_CLEAN();

	/* No heap flag is defined; flags only the defined ones. */
	BAD(heap_flags, 1, EINVAL);
	BAD(heap_flags, 0x111111, EINVAL);
	BAD(heap_flags, 1ULL << 63, EINVAL);
	BAD(flags, SHADOW_MM_ALLOC_FLAGS_VALID + 1, EINVAL);
	BAD(flags, 1U << 31, EINVAL);

	/* Sizes: none, more than the zone holds, more than anything. */
	BAD(len, 0, EINVAL);
	BAD(len, beyond_zone(&self->zones, SHADOW_MM_ZONE_TYPE_NORMAL),
	    ENOMEM);
	memset(&a, 0, sizeof(a));
	a.len = beyond_zone(&self->zones, SHADOW_MM_ZONE_TYPE_NORMAL);
	a.flags = SHADOW_MM_ALLOC_CONTIGUOUS;
	refused(_metadata, self->dev, &a, "contiguous, beyond the zone", ENOMEM);
	ASSERT_CLEAN();
	BAD(len, 1ULL << 50, ENOMEM);
	BAD(len, ~0ULL, ENOMEM);
	BAD(len, ~0ULL - PAGE_SZ + 2, ENOMEM);

	/*
	 * Zones: an unknown type, one this architecture lacks (the dump
	 * lists none of it: HighMem on 64-bit, DMA32 on armhf).
	 */
	BAD(zone, SHADOW_MM_ZONE_TYPE_MOVABLE + 1, EINVAL);
	BAD(zone, ~0U, EINVAL);
	for (type = SHADOW_MM_ZONE_TYPE_DMA;
	     type <= SHADOW_MM_ZONE_TYPE_MOVABLE && !absent; type++)
		if (!zone_listed(&self->zones, type))
			absent = type;
	ASSERT_NE(0U, absent) TH_LOG("every zone type is listed");
	TH_LOG("no zone of type %u here", absent);
	BAD(zone, absent, EINVAL);

	/* An owner tag without its NUL. */
	memset(owner, 'x', SHADOW_MM_OWNER_LEN);
	owner[SHADOW_MM_OWNER_LEN] = '\0';
	BAD(owner, owner, EINVAL);

	/* Unknown ioctls, and the right number with the wrong direction. */
	cmd = _IOWR(SHADOW_MM_IOC_MAGIC, 1, struct shadow_mm_alloc_data);
	EXPECT_EQ(-1, ioctl(self->dev, cmd, raw));
	EXPECT_EQ(ENOTTY, errno);
	cmd = _IOWR('x', 0, struct shadow_mm_alloc_data);
	EXPECT_EQ(-1, ioctl(self->dev, cmd, raw));
	EXPECT_EQ(ENOTTY, errno);
	cmd = _IOW(SHADOW_MM_IOC_MAGIC, 0, struct shadow_mm_alloc_data);
	EXPECT_EQ(-1, ioctl(self->dev, cmd, raw));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->dev, _IO(SHADOW_MM_IOC_MAGIC, 0)));
	EXPECT_EQ(ENOTTY, errno);
#undef BAD
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dmabuf, read_only_and_inheritable_fds, 60)
{
	struct alloc a = {
		.len = PAGE_SZ, .fd_flags = O_CLOEXEC, .fd_flags_set = true,
	};
	unsigned char *map;

	/* 0 access bits: a read-only fd, whose mapping cannot be written. */
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	EXPECT_EQ(O_RDONLY, fcntl(a.fd, F_GETFL) & O_ACCMODE);
	map = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, a.fd, 0);
	EXPECT_TRUE(map == MAP_FAILED);
	EXPECT_EQ(EACCES, errno);
	if (map != MAP_FAILED)
		munmap(map, PAGE_SZ);
	map = mmap(NULL, PAGE_SZ, PROT_READ, MAP_SHARED, a.fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	EXPECT_EQ(0, map[0]);
	ASSERT_EQ(0, munmap(map, PAGE_SZ));
	close_gone(_metadata, &self->s, &a);

	/* Without O_CLOEXEC: an fd that survives exec. */
	a.fd_flags = O_RDWR;
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	EXPECT_FALSE(fcntl(a.fd, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_RDWR, fcntl(a.fd, F_GETFL) & O_ACCMODE);
	close_gone(_metadata, &self->s, &a);
	ASSERT_CLEAN();
}

/* debugfs is mounted (the guest mounts it; mount it if not). */
static int debugfs_ready(void)
{
	if (!access(BUFINFO, R_OK))
		return 0;
	if (mount("debugfs", DEBUGFS, "debugfs", 0, NULL) && errno != EBUSY)
		return -errno;
	return access(BUFINFO, R_OK) ? -errno : 0;
}

/*
 * Finds the bufinfo line of the dma-buf of inode @ino: "size flags mode
 * count exp_name ino name", tab-separated. Return: 1 with its fields, 0
 * when there is none, or -errno.
 */
static int bufinfo_find(unsigned long ino, __u64 *size, char *exp_name,
			char *name, size_t len)
{
	char line[512], *field[8], *save, *tok;
	int found = 0;
	unsigned int n;
	FILE *f;

	f = fopen(BUFINFO, "re");
	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		n = 0;
		for (tok = strtok_r(line, "\t", &save); tok && n < 8;
		     tok = strtok_r(NULL, "\t", &save))
			field[n++] = tok;
		if (n < 6 || strtoul(field[5], NULL, 10) != ino ||
		    field[5][0] < '0' || field[5][0] > '9')
			continue;
		found = 1;
		*size = strtoull(field[0], NULL, 10);
		snprintf(exp_name, len, "%s", field[4]);
		snprintf(name, len, "%s", n > 6 ? field[6] : "");
	}
	fclose(f);
	return found;
}

TEST_F_TIMEOUT(dmabuf, set_name_and_bufinfo, 60)
{
	static const char name[] = "dmabuf_test:name";
	struct alloc a = { .len = 3 * PAGE_SZ };
	char exp_name[64], shown[64];
	struct dmabuf b;
	struct stat st;
	__u64 size;
	int err;

	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	ASSERT_EQ(0, fstat(a.fd, &st));
	ASSERT_EQ(0, ioctl(a.fd, DMA_BUF_SET_NAME, name))
		TH_LOG("DMA_BUF_SET_NAME: %s", strerror(errno));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
	EXPECT_STREQ(name, b.name);

	err = debugfs_ready();
	ASSERT_EQ(0, err) TH_LOG("%s: %s", BUFINFO, strerror(-err));
	err = bufinfo_find(st.st_ino, &size, exp_name, shown, sizeof(shown));
	ASSERT_EQ(1, err) TH_LOG("bufinfo has no buffer of inode %lu (%d)",
				 (unsigned long)st.st_ino, err);
	EXPECT_STREQ(EXPORTER_NAME, exp_name);
	EXPECT_EQ(3 * PAGE_SZ, size);
	EXPECT_STREQ(name, shown);

	close_gone(_metadata, &self->s, &a);
	EXPECT_EQ(0, bufinfo_find(st.st_ino, &size, exp_name, shown,
				  sizeof(shown)));
	ASSERT_CLEAN();
}

/* dmabuf-get of @id: its mmaps. */
static __u32 mmaps_of(struct __test_metadata *_metadata, struct smm_mnl *s,
		      __u32 id)
{
	struct dmabuf b;

	b.mmaps = ~0U;
	EXPECT_EQ(0, dmabuf_get(s, id, &b));
	return b.mmaps;
}

TEST_F_TIMEOUT(dmabuf, mmaps_counted, 60)
{
	struct alloc a = { .len = 4 * PAGE_SZ };
	unsigned char *m1, *m2;

	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	EXPECT_EQ(0U, mmaps_of(_metadata, &self->s, a.id));
	m1 = mmap(NULL, 4 * PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED,
		  a.fd, 0);
	ASSERT_TRUE(m1 != MAP_FAILED);
	EXPECT_EQ(1U, mmaps_of(_metadata, &self->s, a.id));
	m2 = mmap(NULL, 2 * PAGE_SZ, PROT_READ, MAP_SHARED, a.fd, PAGE_SZ);
	ASSERT_TRUE(m2 != MAP_FAILED);
	EXPECT_EQ(2U, mmaps_of(_metadata, &self->s, a.id));

	/* Cutting a mapping in two makes two; unmapping one half, one. */
	ASSERT_EQ(0, munmap(m1 + PAGE_SZ, PAGE_SZ));
	EXPECT_EQ(3U, mmaps_of(_metadata, &self->s, a.id));
	ASSERT_EQ(0, munmap(m1, PAGE_SZ));
	EXPECT_EQ(2U, mmaps_of(_metadata, &self->s, a.id));

	/* A mapping keeps the buffer after its fd is closed. */
	ASSERT_EQ(0, close(a.fd));
	EXPECT_EQ(2U, mmaps_of(_metadata, &self->s, a.id));
	ASSERT_EQ(0, munmap(m2, 2 * PAGE_SZ));
	EXPECT_EQ(1U, mmaps_of(_metadata, &self->s, a.id));
	ASSERT_EQ(0, munmap(m1 + 2 * PAGE_SZ, 2 * PAGE_SZ));
	ASSERT_CLEAN();
}

/*
 * Writes @n pattern bytes through @w (of dma-buf fd @wfd) between syncs,
 * then reads them through @r (of dma-buf fd @rfd) between syncs.
 */
static void write_then_read(struct __test_metadata *_metadata,
			    unsigned char *w, int wfd, unsigned char *r,
			    int rfd, size_t n, unsigned int salt)
{
	unsigned char *want = malloc(n);

	ASSERT_TRUE(!!want);
	fill_pattern(want, n, salt);
	ASSERT_EQ(0, dmabuf_sync(wfd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE));
	memcpy(w, want, n);
	ASSERT_EQ(0, dmabuf_sync(wfd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE));
	ASSERT_EQ(0, dmabuf_sync(rfd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ));
	EXPECT_EQ(0, memcmp(r, want, n));
	ASSERT_EQ(0, dmabuf_sync(rfd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ));
	free(want);
}

TEST_F_TIMEOUT(dmabuf, vgem_imports, 120)
{
	const size_t size = 4 * PAGE_SZ;
	struct drm_vgem_fence_attach fence = { .flags = VGEM_FENCE_WRITE };
	struct drm_vgem_fence_signal signal = { 0 };
	struct drm_mode_map_dumb dumb = { 0 };
	struct alloc a = { .len = size };
	unsigned char *own, *via_vgem;
	const struct dmabuf_attach *at;
	struct pollfd pfd;
	struct stat st, st2;
	struct dmabuf b;
	int card, fd2, vgem_map_fd;
	__u32 handle = 0;
	int err;

	card = vgem_get(_metadata);
	if (card < 0)
		return;
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	ASSERT_EQ(0, fstat(a.fd, &st));
	own = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, a.fd, 0);
	ASSERT_TRUE(own != MAP_FAILED);

	/* vgem imports it: attached, and mapped for vgem's device. */
	err = prime_import(card, a.fd, &handle);
	ASSERT_EQ(0, err) TH_LOG("PRIME_FD_TO_HANDLE: %s", strerror(-err));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
	ASSERT_EQ(1U, b.nattach);
	at = attach_of(&b, "vgem");
	ASSERT_TRUE(!!at) TH_LOG("attached: %s", b.attach[0].device);
	EXPECT_LE(1U, at->maps);
	EXPECT_TRUE(at->mapped);
	EXPECT_LE(1U, at->nents);
	EXPECT_FALSE(at->bounced);
	TH_LOG("vgem attachment: driver \"%s\", %u maps, dir %u, %u segments",
	       at->driver, at->maps, at->dir, at->nents);

	/* The handle is this buffer: vgem hands the same dma-buf back. */
	fd2 = prime_export(card, handle);
	ASSERT_LE(0, fd2) TH_LOG("PRIME_HANDLE_TO_FD: %s", strerror(-fd2));
	ASSERT_EQ(0, fstat(fd2, &st2));
	EXPECT_EQ(st.st_ino, st2.st_ino);

	/*
	 * A mapping through vgem: through the card at the handle's fake
	 * offset where the DRM core allows it; 6.1 and 6.12 refuse offsets
	 * for imported objects (drm_gem_dumb_map_offset), and then the
	 * mapping is through the fd vgem handed back for the handle.
	 */
	dumb.handle = handle;
	if (!ioctl(card, DRM_IOCTL_MODE_MAP_DUMB, &dumb)) {
		via_vgem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
				card, dumb.offset);
		vgem_map_fd = a.fd;
		TH_LOG("mapped through the vgem card at offset %#llx",
		       (unsigned long long)dumb.offset);
	} else {
		TH_LOG("MAP_DUMB of an imported handle: %s; mapping the fd vgem exports for it",
		       strerror(errno));
		EXPECT_EQ(EINVAL, errno);
		via_vgem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
				fd2, 0);
		vgem_map_fd = fd2;
	}
	ASSERT_TRUE(via_vgem != MAP_FAILED) TH_LOG("mmap: %s", strerror(errno));
	EXPECT_EQ(2U, mmaps_of(_metadata, &self->s, a.id));
	write_then_read(_metadata, via_vgem, vgem_map_fd, own, a.fd, size, 1);
	write_then_read(_metadata, own, a.fd, via_vgem, vgem_map_fd, size, 2);

	/*
	 * vgem's write fence on the handle is this buffer's: until vgem
	 * signals it, the dma-buf polls busy; then ready.
	 */
	fence.handle = handle;
	ASSERT_EQ(0, ioctl(card, DRM_IOCTL_VGEM_FENCE_ATTACH, &fence))
		TH_LOG("VGEM_FENCE_ATTACH: %s", strerror(errno));
	pfd.fd = a.fd;
	pfd.events = POLLIN | POLLOUT;
	EXPECT_EQ(0, poll(&pfd, 1, 0)) TH_LOG("ready under vgem's fence");
	signal.fence = fence.out_fence;
	ASSERT_EQ(0, ioctl(card, DRM_IOCTL_VGEM_FENCE_SIGNAL, &signal));
	pfd.revents = 0;
	EXPECT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLIN | POLLOUT, pfd.revents & (POLLIN | POLLOUT));

	/* Closing the handle detaches vgem. */
	ASSERT_EQ(0, munmap(via_vgem, size));
	ASSERT_EQ(0, close(fd2));
	ASSERT_EQ(0, gem_close(card, handle));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
	EXPECT_EQ(0U, b.nattach);
	EXPECT_EQ(1U, b.mmaps);
	ASSERT_EQ(0, munmap(own, size));
	close_gone(_metadata, &self->s, &a);
	close(card);
	ASSERT_CLEAN();
}

/* The edu device, or skips the test without one: 0, or -1 to return. */
static int edu_get(struct __test_metadata *_metadata, struct smm_mnl *s,
		   struct dma_dev *d)
{
	int err = dev_get(s, d);

	if (err == -ENODEV && !edu_present())
		SKIP(return -1, "no edu device (PCI 1234:11e8) in this machine");
	ASSERT_EQ(0, err) TH_LOG("dma-dev-get: %s \"%s\"", strerror(-err),
				 s->ans.ext_msg);
	return 0;
}

/* Imports @a into the DMA device: the DMA buffer's id. */
static __u32 edu_import(struct __test_metadata *_metadata, struct smm_mnl *s,
			const struct alloc *a, const struct dma_dev *d)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMABUF_FD, a->fd),
		AU32(SHADOW_MM_A_DMABUF_TARGET, SHADOW_MM_DMABUF_TARGET_EDU),
		{}
	};
	const struct dmabuf_attach *at;
	struct dma_buf_info dma;
	struct import_reply r;
	struct dmabuf b;
	int err;

	err = dmabuf_import(s, req, &r);
	EXPECT_EQ(0, err) TH_LOG("dmabuf-import edu: %s \"%s\"",
				 strerror(-err), s->ans.ext_msg);
	if (err)
		return 0;
	EXPECT_EQ(a->id, r.id);
	EXPECT_LT(0U, r.dma_id);
	EXPECT_EQ(0, dma_get(s, r.dma_id, &dma));
	EXPECT_EQ((__u32)SHADOW_MM_DMA_KIND_DMABUF, dma.kind);
	EXPECT_EQ(page_round(a->len), dma.size);
	EXPECT_EQ(0, dmabuf_get(s, a->id, &b));
	at = attach_of(&b, d->name);
	EXPECT_TRUE(!!at) TH_LOG("no attachment of %s", d->name);
	if (at) {
		EXPECT_TRUE(at->mapped);
		EXPECT_EQ(1U, at->maps);
		EXPECT_LE(1U, at->nents);
	}
	return r.dma_id;
}

TEST_F_TIMEOUT(dmabuf, edu_dma_through_a_dmabuf, 300)
{
	const size_t size = 2 * PAGE_SZ, half = size / 2;
	struct attr copy[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, 0),
		AFLAG(SHADOW_MM_A_DMA_XFER_COPY),
		AU64(SHADOW_MM_A_DMA_XFER_OFFSET, 0),
		AU32(SHADOW_MM_A_DMA_XFER_SIZE, 0),
		AU64(SHADOW_MM_A_DMA_XFER_DST_OFFSET, half),
		{}
	};
	struct attr pattern[] = {
		AU32(SHADOW_MM_A_DMA_XFER_SRC, 0),
		AU32(SHADOW_MM_A_DMA_XFER_DST, 0),
		AU64(SHADOW_MM_A_DMA_XFER_OFFSET, half),
		AU32(SHADOW_MM_A_DMA_XFER_SIZE, 0),
		AU32(SHADOW_MM_A_DMA_XFER_SEED, seed),
		{}
	};
	unsigned char *ma, *mb, *want;
	struct alloc a = { .len = size }, b2 = { .len = size };
	struct dma_dev d, after;
	struct dmabuf info;
	__u32 dma_a, dma_b, bytes, w;
	int err;

	if (edu_get(_metadata, &self->s, &d))
		return;
	w = d.window_size;
	ASSERT_GE(half, w);
	/* Pages the device reaches. */
	a.zone = d.has_reachable_zone ? d.reachable_zone :
		 SHADOW_MM_ZONE_TYPE_DMA;
	b2.zone = a.zone;
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	ASSERT_EQ(0, alloc_buf(self->dev, &b2));
	ma = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, a.fd, 0);
	mb = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, b2.fd, 0);
	ASSERT_TRUE(ma != MAP_FAILED);
	ASSERT_TRUE(mb != MAP_FAILED);
	want = malloc(w);
	ASSERT_TRUE(!!want);
	fill_pattern(want, w, 3);

	dma_a = edu_import(_metadata, &self->s, &a, &d);
	dma_b = edu_import(_metadata, &self->s, &b2, &d);
	ASSERT_TRUE(dma_a && dma_b);

	/* Written through mmap, copied by the device to the second half. */
	ASSERT_EQ(0, dmabuf_sync(a.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE));
	memcpy(ma, want, w);
	ASSERT_EQ(0, dmabuf_sync(a.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE));
	copy[0].value = dma_a;
	copy[3].value = w;
	err = dma_xfer(&self->s, copy, &bytes);
	ASSERT_EQ(0, err) TH_LOG("dma-xfer copy: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	EXPECT_EQ(w, bytes);
	ASSERT_EQ(0, dmabuf_sync(a.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ));
	EXPECT_EQ(0, memcmp(ma + half, want, w))
		TH_LOG("the device's copy is not in the second half");
	EXPECT_EQ(0, memcmp(ma, want, w));
	EXPECT_EQ(-1, first_not(ma + w, half - w, 0));
	ASSERT_EQ(0, dmabuf_sync(a.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ));

	/* The kernel's pattern from one dma-buf into the other. */
	pattern[0].value = dma_a;
	pattern[1].value = dma_b;
	pattern[3].value = w;
	err = dma_xfer(&self->s, pattern, &bytes);
	ASSERT_EQ(0, err) TH_LOG("dma-xfer: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	EXPECT_EQ(w, bytes);
	ASSERT_EQ(0, dmabuf_sync(a.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ));
	ASSERT_EQ(0, dmabuf_sync(b2.fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ));
	EXPECT_EQ(0, memcmp(ma + half, mb + half, w))
		TH_LOG("the pattern written into one is not in the other");
	EXPECT_NE(0, memcmp(ma + half, want, w));
	EXPECT_EQ(-1, first_not(mb, half, 0));
	ASSERT_EQ(0, dmabuf_sync(b2.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ));
	ASSERT_EQ(0, dmabuf_sync(a.fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ));

	/* A destination past the end: refused before the device moves. */
	copy[4].value = size - w + 1;
	ASSERT_EQ(0, dev_get(&self->s, &d));
	err = dma_xfer(&self->s, copy, &bytes);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	ASSERT_EQ(0, dev_get(&self->s, &after));
	EXPECT_EQ(d.xfers, after.xfers);

	/* dma-unmap detaches; the buffers live on until their fds close. */
	ASSERT_EQ(0, dma_unmap(&self->s, dma_a));
	ASSERT_EQ(0, dma_unmap(&self->s, dma_b));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &info));
	EXPECT_EQ(0U, info.nattach);
	ASSERT_EQ(0, dmabuf_get(&self->s, b2.id, &info));
	EXPECT_EQ(0U, info.nattach);
	free(want);
	ASSERT_EQ(0, munmap(ma, size));
	ASSERT_EQ(0, munmap(mb, size));
	close_gone(_metadata, &self->s, &a);
	close_gone(_metadata, &self->s, &b2);
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dmabuf, edu_import_outlives_the_fd, 120)
{
	struct alloc a = { .len = PAGE_SZ };
	struct dmabuf info;
	struct dma_dev d;
	__u32 dma_id;

	if (edu_get(_metadata, &self->s, &d))
		return;
	a.zone = d.has_reachable_zone ? d.reachable_zone :
		 SHADOW_MM_ZONE_TYPE_DMA;
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	dma_id = edu_import(_metadata, &self->s, &a, &d);
	ASSERT_LT(0U, dma_id);
	/* The attachment holds the buffer; detaching releases it. */
	ASSERT_EQ(0, close(a.fd));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &info));
	EXPECT_EQ(1U, info.nattach);
	ASSERT_EQ(0, dma_unmap(&self->s, dma_id));
	EXPECT_EQ(-ENOENT, dmabuf_get(&self->s, a.id, &info));
	ASSERT_CLEAN();
}

/* Buffers the mask test holds while it looks for one beyond a mask. */
#define MASK_TRIES		64

/*
 * The exporter maps no page beyond the importing device's DMA mask
 * (unless an IOMMU translates): with a mask that has shadow memory on
 * both sides - the device's own, or a narrower one set for the test - a
 * buffer beyond it does not import and leaves nothing attached, one
 * below it does. 288 MiB carved on x86_64 (size_mb=288) lie on both
 * sides of edu's 28-bit mask; 32 MiB, or arm's RAM from 1 GiB on, may
 * lie on one side of every mask, and then the test is skipped, unless
 * --expect-mask makes that a failure.
 */
TEST_F_TIMEOUT(dmabuf, edu_import_respects_the_dma_mask, 120)
{
	static const __u32 zones[] = {
		SHADOW_MM_ZONE_TYPE_MOVABLE, SHADOW_MM_ZONE_TYPE_HIGHMEM,
		SHADOW_MM_ZONE_TYPE_NORMAL, SHADOW_MM_ZONE_TYPE_DMA32,
		SHADOW_MM_ZONE_TYPE_DMA,
	};
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMABUF_FD, 0),
		AU32(SHADOW_MM_A_DMABUF_TARGET, SHADOW_MM_DMABUF_TARGET_EDU),
		{}
	};
	struct alloc bufs[MASK_TRIES];
	int beyond = -1, below = -1;
	__u64 lowest = ~0ULL, mask;
	unsigned int i, n = 0;
	struct import_reply r;
	struct dmabuf info;
	struct dma_dev d;
	__u32 bits;
	int err;

	if (edu_get(_metadata, &self->s, &d))
		return;
	/* The narrowest mask with shadow memory below it, 24 bits at least. */
	for (i = 0; i < self->zones.n; i++)
		if (self->zones.z[i].present &&
		    self->zones.z[i].start_pfn * PAGE_SZ < lowest)
			lowest = self->zones.z[i].start_pfn * PAGE_SZ;
	for (bits = 24; bits < 64 && lowest >> bits; bits++)
		;
	if (bits > d.mask_bits)
		bits = d.mask_bits;
	/*
	 * The device takes a narrower mask only when a bounce pool fits
	 * below it, in a shadow zone that lies wholly there (ERANGE
	 * otherwise): widen it until one does.
	 */
	if (bits < d.mask_bits)
		self->restore_mask_bits = d.mask_bits;
	err = 0;
	while (bits < d.mask_bits) {
		err = dev_set_mask(&self->s, bits);
		if (err != -ERANGE)
			break;
		TH_LOG("dma-dev-set %u bits: \"%s\"; one more", bits,
		       self->s.ans.ext_msg);
		bits++;
	}
	if (bits < d.mask_bits)
		ASSERT_EQ(0, err) TH_LOG("dma-dev-set %u bits: %s \"%s\"", bits,
					 strerror(-err), self->s.ans.ext_msg);
	mask = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;

	/* A buffer beyond it, from the highest zones first; one below. */
	for (i = 0; n < MASK_TRIES && beyond < 0; n++) {
		struct alloc *a = &bufs[n];

		memset(a, 0, sizeof(*a));
		a->len = PAGE_SZ;
		while (i < ARRAY_SIZE(zones) && !zone_of(&self->zones, zones[i]))
			i++;
		if (i == ARRAY_SIZE(zones))
			break;
		a->zone = zones[i];
		if (alloc_buf(self->dev, a)) {
			i++;	/* that zone is full */
			continue;
		}
		ASSERT_EQ(0, dmabuf_get(&self->s, a->id, &info));
		if (info.pa > mask)
			beyond = n;
		else if (below < 0)
			below = n;
	}
	if (beyond < 0) {
		for (i = 0; i < n; i++)
			if (bufs[i].fd >= 0)
				close(bufs[i].fd);
		ASSERT_FALSE(expect_mask)
			TH_LOG("--expect-mask: no buffer beyond a %u-bit mask", bits);
		SKIP(return, "no shadow memory beyond a %u-bit mask (the lowest is at %#llx)",
		     bits, (unsigned long long)lowest);
	}

	ASSERT_EQ(0, dmabuf_get(&self->s, bufs[beyond].id, &info));
	req[0].value = bufs[beyond].fd;
	err = dmabuf_import(&self->s, req, &r);
	TH_LOG("pa %#llx, %u-bit mask%s: %s \"%s\"", (unsigned long long)info.pa,
	       bits, dev_translated(&d) ? ", IOMMU" : "",
	       err ? strerror(-err) : "imported", self->s.ans.ext_msg);
	if (dev_translated(&d)) {
		/* An IOMMU maps any page, at an address below the mask. */
		ASSERT_EQ(0, err);
		ASSERT_EQ(0, dma_unmap(&self->s, r.dma_id));
	} else {
		ASSERT_NE(0, err);
		ASSERT_NE('\0', self->s.ans.ext_msg[0]);
	}
	ASSERT_EQ(0, dmabuf_get(&self->s, bufs[beyond].id, &info));
	EXPECT_EQ(0U, info.nattach);
	if (below >= 0) {
		req[0].value = bufs[below].fd;
		err = dmabuf_import(&self->s, req, &r);
		ASSERT_EQ(0, err) TH_LOG("below the mask: %s \"%s\"",
					 strerror(-err), self->s.ans.ext_msg);
		ASSERT_EQ(0, dma_unmap(&self->s, r.dma_id));
	}
	if (self->restore_mask_bits) {
		ASSERT_EQ(0, dev_set_mask(&self->s, self->restore_mask_bits));
		self->restore_mask_bits = 0;
	}
	for (i = 0; i < n; i++)
		if (bufs[i].fd >= 0)
			close_gone(_metadata, &self->s, &bufs[i]);
	ASSERT_CLEAN();
}

/* Maps @a at @va of @as: 0 or the kernel's -errno. */
static int as_import(struct smm_mnl *s, const struct alloc *a, __u32 as,
		     __u64 va, struct import_reply *r)
{
	const struct attr req[] = {
		AU32(SHADOW_MM_A_DMABUF_FD, a->fd),
		AU32(SHADOW_MM_A_DMABUF_TARGET, SHADOW_MM_DMABUF_TARGET_AS),
		AU32(SHADOW_MM_A_DMABUF_AS, as),
		AU64(SHADOW_MM_A_DMABUF_VA, va),
		{}
	};

	return dmabuf_import(s, req, r);
}

/*
 * What a walk dump of [@va, @va + @len) of @as shows: the pages mapped,
 * and the physical address of @va (~0 when unmapped). With @pa not ~0,
 * every run must lie where a contiguous block at @pa puts it.
 */
static __u64 mapped_pages(struct __test_metadata *_metadata,
			  struct smm_mnl *s, __u32 as, __u64 va, __u64 len,
			  __u64 pa, __u64 *va_pa)
{
	struct smm_mnl_runs runs;
	__u64 pages = 0;
	unsigned int i;
	int err;

	*va_pa = ~0ULL;
	err = smm_mnl_walk_dump(s, SHADOW_MM_A_WALK_AS, as, va, len, &runs);
	EXPECT_EQ(0, err) TH_LOG("walk dump: %s \"%s\"", strerror(-err),
				 s->ans.ext_msg);
	EXPECT_TRUE(!runs.bad) TH_LOG("walk dump: %s", runs.bad);
	for (i = 0; !err && i < runs.n; i++) {
		const struct smm_mnl_run *r = &runs.run[i];

		if (!r->has[SHADOW_MM_A_WALK_PA])
			continue;
		pages += r->pages * (r->size / PAGE_SZ);
		if (r->va == va)
			*va_pa = r->pa;
		if (pa != ~0ULL)
			EXPECT_EQ(pa + (r->va - va), r->pa)
				TH_LOG("run at %#llx", (unsigned long long)r->va);
	}
	free(runs.run);
	return pages;
}

TEST_F_TIMEOUT(dmabuf, address_space_maps_the_pages, 120)
{
	static const char tag[] = "dmabuf_as";
	struct alloc a = {
		.len = 4 * PAGE_SZ, .flags = SHADOW_MM_ALLOC_CONTIGUOUS,
		.owner = tag,
	};
	struct alloc s2 = { .len = 3 * PAGE_SZ, .owner = tag };
	struct import_reply r;
	struct smm_mnl_walk w;
	struct dmabuf b, b2;
	__u64 va_pa;
	__u32 as;
	int err;

	ASSERT_EQ(0, spaces_new(&self->s, &self->spaces, &as));
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	ASSERT_EQ(0, alloc_buf(self->dev, &s2));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
	ASSERT_EQ(0, dmabuf_get(&self->s, s2.id, &b2));

	err = as_import(&self->s, &a, as, AS_VA, &r);
	ASSERT_EQ(0, err) TH_LOG("dmabuf-import as: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	EXPECT_EQ(a.id, r.id);
	err = as_import(&self->s, &s2, as, AS_VA + MIB, &r);
	ASSERT_EQ(0, err) TH_LOG("dmabuf-import as: %s \"%s\"", strerror(-err),
				 self->s.ans.ext_msg);
	EXPECT_EQ(s2.id, r.id);

	/*
	 * The walk dump shows each buffer's own pages and nothing more. (A
	 * walk of one address may fault where the format maps pages old,
	 * as arm's Linux PTEs do; where it translates, it is the same page.)
	 */
	EXPECT_EQ(4ULL, mapped_pages(_metadata, &self->s, as, AS_VA,
				     4 * PAGE_SZ, b.pa, &va_pa));
	EXPECT_EQ(b.pa, va_pa);
	EXPECT_EQ(3ULL, mapped_pages(_metadata, &self->s, as, AS_VA + MIB,
				     3 * PAGE_SZ, ~0ULL, &va_pa));
	EXPECT_EQ(b2.pa, va_pa);
	EXPECT_EQ(7ULL, mapped_pages(_metadata, &self->s, as, AS_VA,
				     2 * MIB, ~0ULL, &va_pa));
	ASSERT_EQ(0, smm_mnl_walk(&self->s, SHADOW_MM_A_WALK_AS, as, AS_VA,
				  &w));
	if (w.has[SHADOW_MM_A_WALK_PA]) {
		EXPECT_EQ(b.pa, w.pa);
		EXPECT_STREQ(tag, w.page_owner);
	}

	/* The mapping holds the buffer after its fd closes... */
	ASSERT_EQ(0, close(a.fd));
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
	EXPECT_EQ(4ULL, mapped_pages(_metadata, &self->s, as, AS_VA,
				     4 * PAGE_SZ, b.pa, &va_pa));
	/* ...until it is unmapped. */
	ASSERT_EQ(0, as_unmap(&self->s, as, AS_VA, 4 * PAGE_SZ));
	EXPECT_EQ(-ENOENT, dmabuf_get(&self->s, a.id, &b));
	EXPECT_EQ(0ULL, mapped_pages(_metadata, &self->s, as, AS_VA,
				     4 * PAGE_SZ, ~0ULL, &va_pa));

	/* Deleting the space drops the other one's reference. */
	ASSERT_EQ(0, close(s2.fd));
	ASSERT_EQ(0, dmabuf_get(&self->s, s2.id, &b2));
	ASSERT_EQ(0, spaces_del(&self->s, &self->spaces, as));
	EXPECT_EQ(-ENOENT, dmabuf_get(&self->s, s2.id, &b2));
	ASSERT_CLEAN();
}

TEST_F_TIMEOUT(dmabuf, thousand_cycles_leave_nothing, 600)
{
	unsigned int i;
	int err;

	for (i = 0; i < CYCLES; i++) {
		struct alloc a = {
			.len = (1 + i % 4) * PAGE_SZ - (i % 3),
			.flags = i % 2 ? SHADOW_MM_ALLOC_CONTIGUOUS : 0,
		};

		err = alloc_buf(self->dev, &a);
		ASSERT_EQ(0, err) TH_LOG("cycle %u: %s", i, strerror(-err));
		if (i % 100 == 0) {
			unsigned char *m = mmap(NULL, PAGE_SZ, PROT_WRITE,
						MAP_SHARED, a.fd, 0);

			ASSERT_TRUE(m != MAP_FAILED);
			m[0] = 1;
			munmap(m, PAGE_SZ);
		}
		ASSERT_EQ(0, close(a.fd));
	}
	ASSERT_CLEAN();
}

/*
 * Another exporter's dma-buf (a vgem dumb buffer) goes into no address
 * space (@as stays empty). Without vgem in the machine, nothing to try.
 */
static void foreign_refused(struct __test_metadata *_metadata,
			    struct smm_mnl *s, __u32 as)
{
	struct alloc foreign = { 0 };
	struct import_reply r;
	__u32 handle = 0;
	__u64 va_pa;
	char why[512];
	int card, err;

	card = vgem_try(why, sizeof(why));
	if (card == -ENOENT) {
		TH_LOG("no vgem (%s): no foreign dma-buf to try", why);
		return;
	}
	ASSERT_LE(0, card) TH_LOG("vgem: %s: %s", why, strerror(-card));
	foreign.fd = vgem_foreign_dmabuf(card, 2, &handle);
	ASSERT_LE(0, foreign.fd) TH_LOG("a vgem dma-buf: %s",
					strerror(-foreign.fd));
	err = as_import(s, &foreign, as, AS_VA, &r);
	ASSERT_MNL_REFUSED(s, err, EINVAL, -1);
	EXPECT_EQ(0ULL, mapped_pages(_metadata, s, as, AS_VA, 2 * PAGE_SZ,
				     ~0ULL, &va_pa));
	close(foreign.fd);
	gem_close(card, handle);
	close(card);
}

TEST_F_TIMEOUT(dmabuf, imports_refused, 120)
{
	struct attr req[] = {
		AU32(SHADOW_MM_A_DMABUF_FD, 0),
		AU32(SHADOW_MM_A_DMABUF_TARGET, SHADOW_MM_DMABUF_TARGET_EDU),
		AU32(SHADOW_MM_A_DMABUF_AS, 0),
		AU64(SHADOW_MM_A_DMABUF_VA, AS_VA),
		{}
	};
	struct attr no_target[] = {
		AU32(SHADOW_MM_A_DMABUF_FD, 0),
		AU32(SHADOW_MM_A_DMABUF_AS, 0),
		AU64(SHADOW_MM_A_DMABUF_VA, AS_VA),
		{}
	};
	const long fd_at = attr_offs(req, SHADOW_MM_A_DMABUF_FD);
	struct alloc a = { .len = PAGE_SZ };
	int pipefd[2], null_fd, t;
	struct import_reply r;
	struct dmabuf b;
	__u64 va_pa;
	__u32 as;
	int err;

	ASSERT_EQ(0, spaces_new(&self->s, &self->spaces, &as));
	req[2].value = as;
	ASSERT_EQ(0, pipe2(pipefd, O_CLOEXEC));
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, null_fd);

	/*
	 * Files that are not dma-bufs, and an fd that is not open, for
	 * either target (an import into the device takes no as nor va).
	 */
	for (t = SHADOW_MM_DMABUF_TARGET_EDU; t <= SHADOW_MM_DMABUF_TARGET_AS;
	     t++) {
		req[1].value = t;
		req[2].type = t == SHADOW_MM_DMABUF_TARGET_AS ?
			      SHADOW_MM_A_DMABUF_AS : 0;
		req[0].value = pipefd[0];
		err = dmabuf_import(&self->s, req, &r);
		ASSERT_MNL_REFUSED(&self->s, err, EINVAL, fd_at);
		req[0].value = null_fd;
		err = dmabuf_import(&self->s, req, &r);
		ASSERT_MNL_REFUSED(&self->s, err, EINVAL, fd_at);
		req[0].value = self->free_fd + 100;
		err = dmabuf_import(&self->s, req, &r);
		ASSERT_MNL_REFUSED(&self->s, err, EBADF, fd_at);
	}
	req[2].type = SHADOW_MM_A_DMABUF_AS;
	close(pipefd[0]);
	close(pipefd[1]);
	close(null_fd);

	/* A shadow_mm buffer into a space that is not there, or unaligned. */
	ASSERT_EQ(0, alloc_buf(self->dev, &a));
	req[0].value = a.fd;
	req[1].value = SHADOW_MM_DMABUF_TARGET_AS;
	req[2].value = as + 1000;
	err = dmabuf_import(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, ENOENT, -1);
	req[2].value = as;
	req[3].value = AS_VA + PAGE_SZ / 2;
	err = dmabuf_import(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	req[3].value = AS_VA;
	/* as and va with target edu, an unknown target, no target. */
	req[1].value = SHADOW_MM_DMABUF_TARGET_EDU;
	err = dmabuf_import(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);
	/* The policy's range check refuses it before any handler. */
	req[1].value = SHADOW_MM_DMABUF_TARGET_AS + 1;
	err = dmabuf_import(&self->s, req, &r);
	ASSERT_MNL_REFUSED(&self->s, err, ERANGE,
			   attr_offs(req, SHADOW_MM_A_DMABUF_TARGET));
	req[1].value = SHADOW_MM_DMABUF_TARGET_AS;
	no_target[0].value = a.fd;
	no_target[1].value = as;
	err = dmabuf_import(&self->s, no_target, &r);
	ASSERT_MNL_REFUSED(&self->s, err, EINVAL, -1);

	/* Nothing took a reference: the last fd still frees the buffer. */
	ASSERT_EQ(0, dmabuf_get(&self->s, a.id, &b));
	EXPECT_EQ(0U, b.nattach);
	EXPECT_EQ(0ULL, mapped_pages(_metadata, &self->s, as, AS_VA,
				     PAGE_SZ, ~0ULL, &va_pa));
	close_gone(_metadata, &self->s, &a);

	foreign_refused(_metadata, &self->s, as);
	ASSERT_EQ(0, spaces_del(&self->s, &self->spaces, as));
	ASSERT_CLEAN();
}

/*
 * Last: the module stays while a buffer lives (an fd or a mapping), is
 * removed after, and is loaded again from $SMM_MODULE with $SMM_PARAMS,
 * as the guest loaded it.
 */

static int delete_module(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

static int load_shadow_mm(void)
{
	const char *params = getenv("SMM_PARAMS");

	return finit_module_path(smm_module_path(), params ? params : "");
}

FIXTURE(dmabuf_reload) {
	bool removed;
};

FIXTURE_SETUP(dmabuf_reload)
{
	self->removed = false;
}

FIXTURE_TEARDOWN(dmabuf_reload)
{
	if (self->removed && !module_loaded(SMM_MODULE_NAME))
		load_shadow_mm();
}

/*
 * Unloading is refused; the module stays, its buffer @a still works.
 * kmod's rmmod sees the references and says "Module shadow_mm is in
 * use" (its EBUSY) without asking; busybox's asks, and the kernel answers
 * a held module with EWOULDBLOCK (EAGAIN) on 6.1 and 6.12 alike.
 */
static void unload_refused(struct __test_metadata *_metadata,
			   struct smm_mnl *s, const struct alloc *a,
			   unsigned char *map, const char *why)
{
	struct dmabuf b;
	int err;

	EXPECT_LT(0, module_refcnt(SMM_MODULE_NAME));
	err = delete_module(SMM_MODULE_NAME);
	ASSERT_EQ(-EAGAIN, err) TH_LOG("delete_module with %s: %s", why,
				       err ? strerror(-err) : "accepted");
	ASSERT_TRUE(module_loaded(SMM_MODULE_NAME));
	ASSERT_EQ(0, dmabuf_get(s, a->id, &b));
	EXPECT_EQ(0x5a, map[PAGE_SZ]);
	map[0] = 0x77;
	EXPECT_EQ(0x77, map[0]);
}

TEST_F_TIMEOUT(dmabuf_reload, module_held_while_a_buffer_lives, 300)
{
	struct alloc a = { .len = 2 * PAGE_SZ }, other = { .len = PAGE_SZ };
	struct smm_mnl_family fam;
	unsigned char *map;
	struct smm_mnl s;
	struct dmabuf b;
	int dev, err;

	if (access(smm_module_path(), R_OK))
		SKIP(return, "module file %s not readable (set SMM_MODULE)",
		     smm_module_path());
	smm_mnl_open_family(_metadata, &s, RECV_SIZE, &fam);
	dev = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, alloc_buf(dev, &a));
	/* The device's own file holds the module too: only the buffer now. */
	ASSERT_EQ(0, close(dev));
	map = mmap(NULL, a.len, PROT_READ | PROT_WRITE, MAP_SHARED, a.fd, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	map[PAGE_SZ] = 0x5a;

	unload_refused(_metadata, &s, &a, map, "a dma-buf fd open");
	/* Still allocating. */
	dev = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, alloc_buf(dev, &other));
	ASSERT_EQ(0, close(other.fd));
	ASSERT_EQ(0, close(dev));

	ASSERT_EQ(0, close(a.fd));
	unload_refused(_metadata, &s, &a, map, "a dma-buf mapped, its fd closed");
	ASSERT_EQ(0, munmap(map, a.len));
	EXPECT_EQ(-ENOENT, dmabuf_get(&s, a.id, &b));

	EXPECT_EQ(0, module_refcnt(SMM_MODULE_NAME));
	err = delete_module(SMM_MODULE_NAME);
	ASSERT_EQ(0, err) TH_LOG("delete_module with no buffer: %s",
				 strerror(-err));
	self->removed = true;
	ASSERT_FALSE(module_loaded(SMM_MODULE_NAME));
	smm_mnl_close(&s);

	err = load_shadow_mm();
	ASSERT_EQ(0, err) TH_LOG("loading %s again: %s", smm_module_path(),
				 strerror(-err));
	self->removed = false;
	smm_mnl_open_family(_metadata, &s, RECV_SIZE, &fam);
	EXPECT_EQ(0, dmabuf_count(&s));
	dev = open(DEV_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev) TH_LOG("%s after the reload: %s", DEV_PATH,
				 strerror(errno));
	ASSERT_EQ(0, alloc_buf(dev, &other));
	ASSERT_EQ(0, dmabuf_get(&s, other.id, &b));
	ASSERT_EQ(0, close(other.fd));
	ASSERT_EQ(0, close(dev));
	EXPECT_EQ(0, dmabuf_count(&s));
	smm_mnl_close(&s);
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"Usage: %s [--expect-mask]\n"
		"  --expect-mask  fail, not skip, when no DMA mask has shadow memory on\n"
		"                 both sides (x86_64 booted with size_mb=288 has)\n"
		"Environment: SMM_SEED (fill patterns), SMM_MODULE and SMM_PARAMS (the\n"
		"reload), SMM_EXTRA_MODULES (where vgem and its order file are)\n",
		prog);
}

/* The harness's main() under another name: ours takes the options first. */
#define main dmabuf_test_harness_main
TEST_HARNESS_MAIN
#undef main

int main(int argc, char **argv)
{
	const char *env = getenv("SMM_SEED");
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--expect-mask")) {
			expect_mask = true;
			continue;
		}
		if (!strcmp(argv[i], "--help")) {
			usage(stdout, argv[0]);
			return 0;
		}
		if (!strncmp(argv[i], "--", 2)) {
			usage(stderr, argv[0]);
			return 1;
		}
		argv[n++] = argv[i];	/* the harness's own */
	}
	argv[n] = NULL;
	seed = env && *env ? strtoul(env, NULL, 0) :
	       (unsigned int)time(NULL) ^ (unsigned int)getpid() << 16;
	printf("# dmabuf_test: seed %u (SMM_SEED=%u repeats it)\n", seed, seed);
	fflush(stdout);
	return dmabuf_test_harness_main(n, argv);
}
