// SPDX-License-Identifier: GPL-2.0
/*
 * dma_info.c - DMA device, buffer, transfer, DMA-debug and DMA event
 * replies decoded into dma_info.h's structs
 *
 * Strict like pt_info.c: every attribute header must lie within the
 * message, every value must have exactly its type's size, every string
 * must end within its attribute and a flag must be empty; anything else
 * refuses the whole reply, naming the attribute. Attribute types this smm
 * does not know (from a newer module) are skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr_decode.h"
#include "dma_info.h"
#include "names.h"
#include "util.h"

/* ---- the device ----------------------------------------------------- */

#define TYPE struct smm_dma_dev_info
static const struct attr_member dev_members[] = {
	[SHADOW_MM_A_DMA_DEV_NAME] = ATTR_STR(name, DMA_DEV_NAME_LEN),
	[SHADOW_MM_A_DMA_DEV_VENDOR] = ATTR_U32(vendor),
	[SHADOW_MM_A_DMA_DEV_DEVICE] = ATTR_U32(device),
	[SHADOW_MM_A_DMA_DEV_REVISION] = ATTR_U32(revision),
	[SHADOW_MM_A_DMA_DEV_ID_REG] = ATTR_U32(id_reg),
	[SHADOW_MM_A_DMA_DEV_IRQ_MODE] = ATTR_U32(irq_mode),
	[SHADOW_MM_A_DMA_DEV_IRQ] = ATTR_U32(irq),
	[SHADOW_MM_A_DMA_DEV_IRQS] = ATTR_U64(irqs),
	[SHADOW_MM_A_DMA_DEV_MASK_BITS] = ATTR_U32(mask_bits),
	[SHADOW_MM_A_DMA_DEV_MASK] = ATTR_U64(mask),
	[SHADOW_MM_A_DMA_DEV_COHERENT_MASK] = ATTR_U64(coherent_mask),
	[SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN] = ATTR_U32(iommu_domain),
	[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP] = ATTR_U32(iommu_group),
	[SHADOW_MM_A_DMA_DEV_COHERENT] = ATTR_FLAG(coherent),
	[SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE] = ATTR_U32(reachable_zone),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE] = ATTR_U64(bounce_size),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT] = ATTR_U32(bounce_slot),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_PA] = ATTR_U64(bounce_pa),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_USED] = ATTR_U32(bounce_used),
	[SHADOW_MM_A_DMA_DEV_BOUNCED] = ATTR_U64(bounced),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES] = ATTR_U64(bounce_bytes),
	[SHADOW_MM_A_DMA_DEV_MAPPINGS] = ATTR_U32(mappings),
	[SHADOW_MM_A_DMA_DEV_XFERS] = ATTR_U64(xfers),
	[SHADOW_MM_A_DMA_DEV_XFER_BYTES] = ATTR_U64(xfer_bytes),
	[SHADOW_MM_A_DMA_DEV_WINDOW] = ATTR_U64(window),
	[SHADOW_MM_A_DMA_DEV_WINDOW_SIZE] = ATTR_U32(window_size),
};

#undef TYPE

static const struct attr_set dev_set = {
	.names = &smm_dma_dev_attr_set,
	.members = dev_members,
	.n_members = ARRAY_SIZE(dev_members),
};

/**
 * dma_decode_dev() - decode a DMA_DEV_GET or DMA_DEV_SET reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @d: filled in
 * @bad: DMA_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: 0 or -EBADMSG.
 */
int dma_decode_dev(const void *attrs, size_t len, struct smm_dma_dev_info *d,
		   char *bad)
{
	memset(d, 0, sizeof(*d));
	return attr_decode(&dev_set, attrs, len, d, d->has, bad);
}

/* ---- buffers -------------------------------------------------------- */

#define TYPE struct smm_dma_seg_info
static const struct attr_member seg_members[] = {
	[SHADOW_MM_A_DMA_SEG_INDEX] = ATTR_U32(index),
	[SHADOW_MM_A_DMA_SEG_PA] = ATTR_U64(pa),
	[SHADOW_MM_A_DMA_SEG_LEN] = ATTR_U32(len),
	[SHADOW_MM_A_DMA_SEG_DMA_ADDR] = ATTR_U64(dma_addr),
	[SHADOW_MM_A_DMA_SEG_BOUNCE_PA] = ATTR_U64(bounce_pa),
};

#undef TYPE

static const struct attr_set seg_set = {
	.names = &smm_dma_seg_attr_set,
	.members = seg_members,
	.n_members = ARRAY_SIZE(seg_members),
};

/* A seg nest of a buffer: appended to its segments. */
static int buf_seg(void *obj, const void *data, size_t len, char *bad)
{
	struct smm_dma_buf_info *b = obj;
	struct smm_dma_seg_info *s;

	s = realloc(b->segs, (b->n_segs + 1) * sizeof(*s));
	if (!s) {
		snprintf(bad, DMA_BAD_LEN, "out of memory");
		return -ENOMEM;
	}
	b->segs = s;
	s += b->n_segs++;
	memset(s, 0, sizeof(*s));
	return attr_decode(&seg_set, data, len, s, s->has, bad);
}

#define TYPE struct smm_dma_buf_info
static const struct attr_member buf_members[] = {
	[SHADOW_MM_A_DMA_ID] = ATTR_U32(id),
	[SHADOW_MM_A_DMA_KIND] = ATTR_U32(kind),
	[SHADOW_MM_A_DMA_DIR] = ATTR_U32(dir),
	[SHADOW_MM_A_DMA_SIZE] = ATTR_U64(size),
	[SHADOW_MM_A_DMA_ZONE] = ATTR_U32(zone),
	[SHADOW_MM_A_DMA_NODE] = ATTR_U32(node),
	[SHADOW_MM_A_DMA_UNCHECKED] = ATTR_FLAG(unchecked),
	[SHADOW_MM_A_DMA_DMA_ADDR] = ATTR_U64(dma_addr),
	[SHADOW_MM_A_DMA_PA] = ATTR_U64(pa),
	[SHADOW_MM_A_DMA_BOUNCED] = ATTR_FLAG(bounced),
	[SHADOW_MM_A_DMA_NENTS] = ATTR_U32(nents),
	[SHADOW_MM_A_DMA_MAPPED_NENTS] = ATTR_U32(mapped_nents),
	[SHADOW_MM_A_DMA_SEG] = ATTR_NEST,
	[SHADOW_MM_A_DMA_PAGES] = ATTR_U32(pages),
};

#undef TYPE

static const unsigned int buf_required[] = { SHADOW_MM_A_DMA_ID, 0 };

static const struct attr_set buf_set = {
	.names = &smm_dma_attr_set,
	.members = buf_members,
	.n_members = ARRAY_SIZE(buf_members),
	.nest = buf_seg,
	.required = buf_required,
};

/**
 * dma_decode_buf() - decode a DMA buffer: DMA_GET (do or dump part),
 *	DMA_ALLOC or DMA_MAP reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @b: filled in; release it with smm_dma_buf_info_release(), also on
 *	failure
 * @bad: DMA_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * The id must come: a buffer is named by it.
 *
 * Return: 0, -EBADMSG, or -ENOMEM.
 */
int dma_decode_buf(const void *attrs, size_t len, struct smm_dma_buf_info *b,
		   char *bad)
{
	memset(b, 0, sizeof(*b));
	return attr_decode(&buf_set, attrs, len, b, b->has, bad);
}

/**
 * smm_dma_buf_info_release() - free the segments dma_decode_buf() kept
 * @b: the buffer
 */
void smm_dma_buf_info_release(struct smm_dma_buf_info *b)
{
	free(b->segs);
	b->segs = NULL;
	b->n_segs = 0;
}

/**
 * dma_buf_merge_part() - append the next part of a buffer's dump to it
 * @b: the buffer as decoded so far
 * @part: the next part of the dump, of the same id: a buffer with more
 *	segments than one message holds comes in parts, each repeating the
 *	buffer's attributes and carrying the next segments
 *
 * @part's segments move after @b's; @part keeps none.
 *
 * Return: 0, or -ENOMEM with nothing moved.
 */
int dma_buf_merge_part(struct smm_dma_buf_info *b,
		       struct smm_dma_buf_info *part)
{
	struct smm_dma_seg_info *s;

	if (!part->n_segs)
		return 0;
	s = realloc(b->segs, (b->n_segs + part->n_segs) * sizeof(*s));
	if (!s)
		return -ENOMEM;
	memcpy(s + b->n_segs, part->segs, part->n_segs * sizeof(*s));
	b->segs = s;
	b->n_segs += part->n_segs;
	b->has[SHADOW_MM_A_DMA_SEG] = true;
	smm_dma_buf_info_release(part);
	return 0;
}

/* ---- transfers ------------------------------------------------------ */

#define TYPE struct smm_dma_xfer_info
static const struct attr_member xfer_members[] = {
	[SHADOW_MM_A_DMA_XFER_BYTES] = ATTR_U32(bytes),
	[SHADOW_MM_A_DMA_XFER_COMMANDS] = ATTR_U32(commands),
	[SHADOW_MM_A_DMA_XFER_SRC_DMA] = ATTR_U64(src_dma),
	[SHADOW_MM_A_DMA_XFER_DST_DMA] = ATTR_U64(dst_dma),
	[SHADOW_MM_A_DMA_XFER_BOUNCED] = ATTR_FLAG(bounced),
	[SHADOW_MM_A_DMA_XFER_DEVICE_NS] = ATTR_U64(device_ns),
};

#undef TYPE

static const unsigned int xfer_required[] = { SHADOW_MM_A_DMA_XFER_BYTES, 0 };

static const struct attr_set xfer_set = {
	.names = &smm_dma_xfer_attr_set,
	.members = xfer_members,
	.n_members = ARRAY_SIZE(xfer_members),
	.required = xfer_required,
};

/**
 * dma_decode_xfer() - decode a DMA_XFER reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @x: filled in
 * @bad: DMA_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * bytes must come: it is what was verified.
 *
 * Return: 0 or -EBADMSG.
 */
int dma_decode_xfer(const void *attrs, size_t len,
		    struct smm_dma_xfer_info *x, char *bad)
{
	memset(x, 0, sizeof(*x));
	return attr_decode(&xfer_set, attrs, len, x, x->has, bad);
}

/* ---- DMA-debug counts and findings ---------------------------------- */

/**
 * struct dma_count_nest - a dma-check-count nest being decoded
 * @has: which SHADOW_MM_A_DMA_CHECK_COUNT_* attributes came
 * @c: its values
 */
struct dma_count_nest {
	bool has[SHADOW_MM_A_DMA_CHECK_COUNT_MAX + 1];
	struct smm_dma_check_count_info c;
};

#define TYPE struct dma_count_nest
static const struct attr_member count_members[] = {
	[SHADOW_MM_A_DMA_CHECK_COUNT_CHECK] = ATTR_U32(c.check),
	[SHADOW_MM_A_DMA_CHECK_COUNT_COUNT] = ATTR_U64(c.count),
};

#undef TYPE

static const unsigned int count_required[] = {
	SHADOW_MM_A_DMA_CHECK_COUNT_CHECK, SHADOW_MM_A_DMA_CHECK_COUNT_COUNT, 0
};

static const struct attr_set count_set = {
	.names = &smm_dma_check_count_attr_set,
	.members = count_members,
	.n_members = ARRAY_SIZE(count_members),
	.required = count_required,
};

/* A counts nest: kept while there is room; check and count must come. */
static int counts_nest(void *obj, const void *data, size_t len, char *bad)
{
	struct smm_dma_counts_info *c = obj;
	struct dma_count_nest n;
	int ret;

	memset(&n, 0, sizeof(n));
	ret = attr_decode(&count_set, data, len, &n, n.has, bad);
	if (ret)
		return ret;
	if (c->n_counts < DMA_MAX_CHECK_COUNTS)
		c->counts[c->n_counts++] = n.c;
	return 0;
}

#define TYPE struct smm_dma_counts_info
static const struct attr_member counts_members[] = {
	[SHADOW_MM_A_DMA_ERROR_COUNTS] = ATTR_NEST,
	[SHADOW_MM_A_DMA_ERROR_TOTAL] = ATTR_U64(total),
	[SHADOW_MM_A_DMA_ERROR_LOST] = ATTR_U64(lost),
};

#undef TYPE

static const struct attr_set counts_set = {
	.names = &smm_dma_error_attr_set,
	.members = counts_members,
	.n_members = ARRAY_SIZE(counts_members),
	.nest = counts_nest,
};

/**
 * dma_decode_counts() - decode a DMA_ERROR_GET do reply: counts per check
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @c: filled in
 * @bad: DMA_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * Each counts nest must hold its check and its count.
 *
 * Return: 0 or -EBADMSG.
 */
int dma_decode_counts(const void *attrs, size_t len,
		      struct smm_dma_counts_info *c, char *bad)
{
	memset(c, 0, sizeof(*c));
	return attr_decode(&counts_set, attrs, len, c, c->has, bad);
}

#define TYPE struct smm_dma_finding_info
static const struct attr_member finding_members[] = {
	[SHADOW_MM_A_DMA_ERROR_SEQ] = ATTR_U64(seq),
	[SHADOW_MM_A_DMA_ERROR_CHECK] = ATTR_U32(check),
	[SHADOW_MM_A_DMA_ERROR_DMA_ADDR] = ATTR_U64(dma_addr),
	[SHADOW_MM_A_DMA_ERROR_SIZE] = ATTR_U64(size),
	[SHADOW_MM_A_DMA_ERROR_DIR] = ATTR_U32(dir),
	[SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE] = ATTR_U64(mapped_size),
	[SHADOW_MM_A_DMA_ERROR_MAPPED_DIR] = ATTR_U32(mapped_dir),
	[SHADOW_MM_A_DMA_ERROR_SITE] = ATTR_STR(site, DMA_SITE_LEN),
	[SHADOW_MM_A_DMA_ERROR_MESSAGE] = ATTR_STR(message, DMA_MESSAGE_LEN),
};

#undef TYPE

static const unsigned int finding_required[] = {
	SHADOW_MM_A_DMA_ERROR_SEQ, SHADOW_MM_A_DMA_ERROR_CHECK, 0
};

static const struct attr_set finding_set = {
	.names = &smm_dma_error_attr_set,
	.members = finding_members,
	.n_members = ARRAY_SIZE(finding_members),
	.required = finding_required,
};

/**
 * dma_decode_finding() - decode a part of a DMA_ERROR_GET dump
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @f: filled in
 * @bad: DMA_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * seq and check must come.
 *
 * Return: 0 or -EBADMSG.
 */
int dma_decode_finding(const void *attrs, size_t len,
		       struct smm_dma_finding_info *f, char *bad)
{
	memset(f, 0, sizeof(*f));
	return attr_decode(&finding_set, attrs, len, f, f->has, bad);
}

/* ---- events --------------------------------------------------------- */

#define TYPE struct smm_dma_event_info
static const struct attr_member event_members[] = {
	[SHADOW_MM_A_EVENT_TYPE] = ATTR_U32(type),
	[SHADOW_MM_A_EVENT_SEQ] = ATTR_U64(seq),
	[SHADOW_MM_A_EVENT_DROPPED] = ATTR_U64(dropped),
	[SHADOW_MM_A_EVENT_CPU] = ATTR_U32(cpu),
	[SHADOW_MM_A_EVENT_DMA_ID] = ATTR_U32(id),
	[SHADOW_MM_A_EVENT_DMA_ADDR] = ATTR_U64(addr),
	[SHADOW_MM_A_EVENT_DMA_SIZE] = ATTR_U64(size),
	[SHADOW_MM_A_EVENT_DMA_DIR] = ATTR_U32(dir),
	[SHADOW_MM_A_EVENT_DMA_KIND] = ATTR_U32(kind),
	[SHADOW_MM_A_EVENT_DMA_CHECK] = ATTR_U32(check),
	[SHADOW_MM_A_EVENT_DMA_BOUNCED] = ATTR_FLAG(bounced),
};

#undef TYPE

static const unsigned int event_required[] = { SHADOW_MM_A_EVENT_TYPE, 0 };

static const struct attr_set event_set = {
	.names = &smm_event_attr_set,
	.members = event_members,
	.n_members = ARRAY_SIZE(event_members),
	.required = event_required,
};

/**
 * dma_decode_event() - decode a DMA event of the monitor group
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @ev: filled in; the allocator's attributes (pfn, order, ...) are
 *	skipped
 * @bad: DMA_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * The type must come.
 *
 * Return: 0 or -EBADMSG.
 */
int dma_decode_event(const void *attrs, size_t len,
		     struct smm_dma_event_info *ev, char *bad)
{
	memset(ev, 0, sizeof(*ev));
	return attr_decode(&event_set, attrs, len, ev, ev->has, bad);
}

/**
 * dma_event_is_dma() - is an event type one of the DMA layer's?
 * @type: an enum shadow_mm_event_type value
 *
 * Return: true for dma-map, dma-unmap, dma-xfer and dma-check.
 */
bool dma_event_is_dma(__u32 type)
{
	return type >= SHADOW_MM_EVENT_TYPE_DMA_MAP &&
	       type <= SHADOW_MM_EVENT_TYPE_DMA_CHECK;
}

/**
 * dma_check_refused() - does a DMA-debug check refuse the call?
 * @check: an enum shadow_mm_dma_check value
 *
 * The checks of misuse with a known right answer (unmap and sync of what
 * is not mapped so) refuse the call and change nothing; unchecked and the
 * mappings held at unbind or unload are reported, and the unmap or the
 * release goes on.
 *
 * Return: true when the check refuses the call.
 */
bool dma_check_refused(__u32 check)
{
	return check >= SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN &&
	       check <= SHADOW_MM_DMA_CHECK_SYNC_DIR;
}
