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
#include <linux/netlink.h>

#include "dma_info.h"
#include "names.h"
#include "util.h"

/* What an attribute holds; DMA_VAL_NONE: a type the decoder skips. */
enum dma_val {
	DMA_VAL_NONE,
	DMA_VAL_U32,
	DMA_VAL_U64,
	DMA_VAL_STR,
	DMA_VAL_FLAG,
	DMA_VAL_NEST,
};

/**
 * struct dma_member - where an attribute of a set goes in its struct
 * @val: what the attribute holds
 * @offset: offset of the member
 * @size: DMA_VAL_STR: size of the member's buffer
 */
struct dma_member {
	enum dma_val val;
	size_t offset;
	size_t size;
};

/* Table rows, indexed by attribute type; TYPE is the struct filled. */
#define DMA_U32(field)		{ DMA_VAL_U32, offsetof(TYPE, field), 0 }
#define DMA_U64(field)		{ DMA_VAL_U64, offsetof(TYPE, field), 0 }
#define DMA_STR(field, size)	{ DMA_VAL_STR, offsetof(TYPE, field), size }
#define DMA_FLAG(field)		{ DMA_VAL_FLAG, offsetof(TYPE, field), 0 }
#define DMA_NEST		{ DMA_VAL_NEST, 0, 0 }

/**
 * struct dma_set - how to decode one attribute set
 * @names: its names, for messages
 * @members: where each attribute goes, by type
 * @n_members: rows in @members
 * @nest: called with each DMA_VAL_NEST attribute; NULL skips them
 */
struct dma_set {
	const struct smm_attr_set *names;
	const struct dma_member *members;
	unsigned int n_members;
	int (*nest)(void *obj, const struct nlattr *nla, const void *data,
		    char *bad);
};

/* Names the attribute @nla of @set in @bad; -EBADMSG. */
static int refuse(const struct smm_attr_set *set, const struct nlattr *nla,
		  char *bad)
{
	unsigned int type = nla->nla_type & NLA_TYPE_MASK;
	const char *name = smm_attr_name(set, type);
	unsigned int len = nla->nla_len - NLA_HDRLEN;

	if (name)
		snprintf(bad, DMA_BAD_LEN, "%s %s (%u bytes)", set->name, name,
			 len);
	else
		snprintf(bad, DMA_BAD_LEN, "%s %u (%u bytes)", set->name, type,
			 len);
	return -EBADMSG;
}

/* A required attribute that did not come; -EBADMSG. */
static int missing(const struct smm_attr_set *set, unsigned int type,
		   char *bad)
{
	snprintf(bad, DMA_BAD_LEN, "%s: no %s", set->name,
		 smm_attr_name(set, type));
	return -EBADMSG;
}

/* Copies @data (@len bytes) into @obj as @m says; false if it does not fit. */
static bool store(void *obj, const struct dma_member *m, const void *data,
		  size_t len)
{
	char *p = (char *)obj + m->offset;

	switch (m->val) {
	case DMA_VAL_U32:
		if (len != sizeof(__u32))
			return false;
		memcpy(p, data, len);
		return true;
	case DMA_VAL_U64:
		if (len != sizeof(__u64))
			return false;
		memcpy(p, data, len);
		return true;
	case DMA_VAL_STR:
		if (!len || !memchr(data, '\0', len))
			return false;
		snprintf(p, m->size, "%s", (const char *)data);
		return true;
	case DMA_VAL_FLAG:
		if (len)
			return false;
		*(bool *)p = true;
		return true;
	default:
		return false;
	}
}

/*
 * Decodes the attributes at @attrs (@len bytes) of @set into @obj,
 * setting @has[type] for each that came. Return: 0, or a negative errno
 * with @bad set.
 */
static int decode(const struct dma_set *set, const void *attrs, size_t len,
		  void *obj, bool *has, char *bad)
{
	const unsigned char *pos = attrs;
	size_t rem = attrs ? len : 0;
	const struct dma_member *m;
	struct nlattr nla;
	unsigned int type;
	size_t step;
	int ret;

	/* Fewer bytes than a header at the end: padding, not an attribute. */
	while (rem >= NLA_HDRLEN) {
		memcpy(&nla, pos, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > rem) {
			snprintf(bad, DMA_BAD_LEN,
				 "%s: an attribute runs past the message",
				 set->names->name);
			return -EBADMSG;
		}
		type = nla.nla_type & NLA_TYPE_MASK;
		m = type < set->n_members ? &set->members[type] : NULL;
		if (m && m->val == DMA_VAL_NEST && set->nest) {
			ret = set->nest(obj, &nla, pos + NLA_HDRLEN, bad);
			if (ret)
				return ret;
			has[type] = true;
		} else if (m && m->val != DMA_VAL_NONE &&
			   m->val != DMA_VAL_NEST) {
			if (!store(obj, m, pos + NLA_HDRLEN,
				   nla.nla_len - NLA_HDRLEN))
				return refuse(set->names, &nla, bad);
			has[type] = true;
		}
		step = NLA_ALIGN(nla.nla_len);
		if (step > rem)
			step = rem;
		pos += step;
		rem -= step;
	}
	return 0;
}

/* ---- the device ----------------------------------------------------- */

#define TYPE struct smm_dma_dev_info
static const struct dma_member dev_members[] = {
	[SHADOW_MM_A_DMA_DEV_NAME] = DMA_STR(name, DMA_DEV_NAME_LEN),
	[SHADOW_MM_A_DMA_DEV_VENDOR] = DMA_U32(vendor),
	[SHADOW_MM_A_DMA_DEV_DEVICE] = DMA_U32(device),
	[SHADOW_MM_A_DMA_DEV_REVISION] = DMA_U32(revision),
	[SHADOW_MM_A_DMA_DEV_ID_REG] = DMA_U32(id_reg),
	[SHADOW_MM_A_DMA_DEV_IRQ_MODE] = DMA_U32(irq_mode),
	[SHADOW_MM_A_DMA_DEV_IRQ] = DMA_U32(irq),
	[SHADOW_MM_A_DMA_DEV_IRQS] = DMA_U64(irqs),
	[SHADOW_MM_A_DMA_DEV_MASK_BITS] = DMA_U32(mask_bits),
	[SHADOW_MM_A_DMA_DEV_MASK] = DMA_U64(mask),
	[SHADOW_MM_A_DMA_DEV_COHERENT_MASK] = DMA_U64(coherent_mask),
	[SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN] = DMA_U32(iommu_domain),
	[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP] = DMA_U32(iommu_group),
	[SHADOW_MM_A_DMA_DEV_COHERENT] = DMA_FLAG(coherent),
	[SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE] = DMA_U32(reachable_zone),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE] = DMA_U64(bounce_size),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT] = DMA_U32(bounce_slot),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_PA] = DMA_U64(bounce_pa),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_USED] = DMA_U32(bounce_used),
	[SHADOW_MM_A_DMA_DEV_BOUNCED] = DMA_U64(bounced),
	[SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES] = DMA_U64(bounce_bytes),
	[SHADOW_MM_A_DMA_DEV_MAPPINGS] = DMA_U32(mappings),
	[SHADOW_MM_A_DMA_DEV_XFERS] = DMA_U64(xfers),
	[SHADOW_MM_A_DMA_DEV_XFER_BYTES] = DMA_U64(xfer_bytes),
	[SHADOW_MM_A_DMA_DEV_WINDOW] = DMA_U64(window),
	[SHADOW_MM_A_DMA_DEV_WINDOW_SIZE] = DMA_U32(window_size),
};

#undef TYPE

static const struct dma_set dev_set = {
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
	return decode(&dev_set, attrs, len, d, d->has, bad);
}

/* ---- buffers -------------------------------------------------------- */

#define TYPE struct smm_dma_seg_info
static const struct dma_member seg_members[] = {
	[SHADOW_MM_A_DMA_SEG_INDEX] = DMA_U32(index),
	[SHADOW_MM_A_DMA_SEG_PA] = DMA_U64(pa),
	[SHADOW_MM_A_DMA_SEG_LEN] = DMA_U32(len),
	[SHADOW_MM_A_DMA_SEG_DMA_ADDR] = DMA_U64(dma_addr),
	[SHADOW_MM_A_DMA_SEG_BOUNCE_PA] = DMA_U64(bounce_pa),
};

#undef TYPE

static const struct dma_set seg_set = {
	.names = &smm_dma_seg_attr_set,
	.members = seg_members,
	.n_members = ARRAY_SIZE(seg_members),
};

/* A seg nest of a buffer: appended to its segments. */
static int buf_seg(void *obj, const struct nlattr *nla, const void *data,
		   char *bad)
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
	return decode(&seg_set, data, nla->nla_len - NLA_HDRLEN, s, s->has,
		      bad);
}

#define TYPE struct smm_dma_buf_info
static const struct dma_member buf_members[] = {
	[SHADOW_MM_A_DMA_ID] = DMA_U32(id),
	[SHADOW_MM_A_DMA_KIND] = DMA_U32(kind),
	[SHADOW_MM_A_DMA_DIR] = DMA_U32(dir),
	[SHADOW_MM_A_DMA_SIZE] = DMA_U64(size),
	[SHADOW_MM_A_DMA_ZONE] = DMA_U32(zone),
	[SHADOW_MM_A_DMA_NODE] = DMA_U32(node),
	[SHADOW_MM_A_DMA_UNCHECKED] = DMA_FLAG(unchecked),
	[SHADOW_MM_A_DMA_DMA_ADDR] = DMA_U64(dma_addr),
	[SHADOW_MM_A_DMA_PA] = DMA_U64(pa),
	[SHADOW_MM_A_DMA_BOUNCED] = DMA_FLAG(bounced),
	[SHADOW_MM_A_DMA_NENTS] = DMA_U32(nents),
	[SHADOW_MM_A_DMA_MAPPED_NENTS] = DMA_U32(mapped_nents),
	[SHADOW_MM_A_DMA_SEG] = DMA_NEST,
	[SHADOW_MM_A_DMA_PAGES] = DMA_U32(pages),
};

#undef TYPE

static const struct dma_set buf_set = {
	.names = &smm_dma_attr_set,
	.members = buf_members,
	.n_members = ARRAY_SIZE(buf_members),
	.nest = buf_seg,
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
	int ret;

	memset(b, 0, sizeof(*b));
	ret = decode(&buf_set, attrs, len, b, b->has, bad);
	if (!ret && !b->has[SHADOW_MM_A_DMA_ID])
		ret = missing(&smm_dma_attr_set, SHADOW_MM_A_DMA_ID, bad);
	return ret;
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
static const struct dma_member xfer_members[] = {
	[SHADOW_MM_A_DMA_XFER_BYTES] = DMA_U32(bytes),
	[SHADOW_MM_A_DMA_XFER_COMMANDS] = DMA_U32(commands),
	[SHADOW_MM_A_DMA_XFER_SRC_DMA] = DMA_U64(src_dma),
	[SHADOW_MM_A_DMA_XFER_DST_DMA] = DMA_U64(dst_dma),
	[SHADOW_MM_A_DMA_XFER_BOUNCED] = DMA_FLAG(bounced),
	[SHADOW_MM_A_DMA_XFER_DEVICE_NS] = DMA_U64(device_ns),
};

#undef TYPE

static const struct dma_set xfer_set = {
	.names = &smm_dma_xfer_attr_set,
	.members = xfer_members,
	.n_members = ARRAY_SIZE(xfer_members),
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
	int ret;

	memset(x, 0, sizeof(*x));
	ret = decode(&xfer_set, attrs, len, x, x->has, bad);
	if (!ret && !x->has[SHADOW_MM_A_DMA_XFER_BYTES])
		ret = missing(&smm_dma_xfer_attr_set,
			      SHADOW_MM_A_DMA_XFER_BYTES, bad);
	return ret;
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
static const struct dma_member count_members[] = {
	[SHADOW_MM_A_DMA_CHECK_COUNT_CHECK] = DMA_U32(c.check),
	[SHADOW_MM_A_DMA_CHECK_COUNT_COUNT] = DMA_U64(c.count),
};

#undef TYPE

static const struct dma_set count_set = {
	.names = &smm_dma_check_count_attr_set,
	.members = count_members,
	.n_members = ARRAY_SIZE(count_members),
};

/* A counts nest: kept while there is room; check and count must come. */
static int counts_nest(void *obj, const struct nlattr *nla, const void *data,
		       char *bad)
{
	struct smm_dma_counts_info *c = obj;
	struct dma_count_nest n;
	int ret;

	memset(&n, 0, sizeof(n));
	ret = decode(&count_set, data, nla->nla_len - NLA_HDRLEN, &n, n.has,
		     bad);
	if (ret)
		return ret;
	if (!n.has[SHADOW_MM_A_DMA_CHECK_COUNT_CHECK])
		return missing(&smm_dma_check_count_attr_set,
			       SHADOW_MM_A_DMA_CHECK_COUNT_CHECK, bad);
	if (!n.has[SHADOW_MM_A_DMA_CHECK_COUNT_COUNT])
		return missing(&smm_dma_check_count_attr_set,
			       SHADOW_MM_A_DMA_CHECK_COUNT_COUNT, bad);
	if (c->n_counts < DMA_MAX_CHECK_COUNTS)
		c->counts[c->n_counts++] = n.c;
	return 0;
}

#define TYPE struct smm_dma_counts_info
static const struct dma_member counts_members[] = {
	[SHADOW_MM_A_DMA_ERROR_COUNTS] = DMA_NEST,
	[SHADOW_MM_A_DMA_ERROR_TOTAL] = DMA_U64(total),
	[SHADOW_MM_A_DMA_ERROR_LOST] = DMA_U64(lost),
};

#undef TYPE

static const struct dma_set counts_set = {
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
	return decode(&counts_set, attrs, len, c, c->has, bad);
}

#define TYPE struct smm_dma_finding_info
static const struct dma_member finding_members[] = {
	[SHADOW_MM_A_DMA_ERROR_SEQ] = DMA_U64(seq),
	[SHADOW_MM_A_DMA_ERROR_CHECK] = DMA_U32(check),
	[SHADOW_MM_A_DMA_ERROR_DMA_ADDR] = DMA_U64(dma_addr),
	[SHADOW_MM_A_DMA_ERROR_SIZE] = DMA_U64(size),
	[SHADOW_MM_A_DMA_ERROR_DIR] = DMA_U32(dir),
	[SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE] = DMA_U64(mapped_size),
	[SHADOW_MM_A_DMA_ERROR_MAPPED_DIR] = DMA_U32(mapped_dir),
	[SHADOW_MM_A_DMA_ERROR_SITE] = DMA_STR(site, DMA_SITE_LEN),
	[SHADOW_MM_A_DMA_ERROR_MESSAGE] = DMA_STR(message, DMA_MESSAGE_LEN),
};

#undef TYPE

static const struct dma_set finding_set = {
	.names = &smm_dma_error_attr_set,
	.members = finding_members,
	.n_members = ARRAY_SIZE(finding_members),
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
	int ret;

	memset(f, 0, sizeof(*f));
	ret = decode(&finding_set, attrs, len, f, f->has, bad);
	if (!ret && !f->has[SHADOW_MM_A_DMA_ERROR_SEQ])
		ret = missing(&smm_dma_error_attr_set,
			      SHADOW_MM_A_DMA_ERROR_SEQ, bad);
	if (!ret && !f->has[SHADOW_MM_A_DMA_ERROR_CHECK])
		ret = missing(&smm_dma_error_attr_set,
			      SHADOW_MM_A_DMA_ERROR_CHECK, bad);
	return ret;
}

/* ---- events --------------------------------------------------------- */

#define TYPE struct smm_dma_event_info
static const struct dma_member event_members[] = {
	[SHADOW_MM_A_EVENT_TYPE] = DMA_U32(type),
	[SHADOW_MM_A_EVENT_SEQ] = DMA_U64(seq),
	[SHADOW_MM_A_EVENT_DROPPED] = DMA_U64(dropped),
	[SHADOW_MM_A_EVENT_CPU] = DMA_U32(cpu),
	[SHADOW_MM_A_EVENT_DMA_ID] = DMA_U32(id),
	[SHADOW_MM_A_EVENT_DMA_ADDR] = DMA_U64(addr),
	[SHADOW_MM_A_EVENT_DMA_SIZE] = DMA_U64(size),
	[SHADOW_MM_A_EVENT_DMA_DIR] = DMA_U32(dir),
	[SHADOW_MM_A_EVENT_DMA_KIND] = DMA_U32(kind),
	[SHADOW_MM_A_EVENT_DMA_CHECK] = DMA_U32(check),
	[SHADOW_MM_A_EVENT_DMA_BOUNCED] = DMA_FLAG(bounced),
};

#undef TYPE

static const struct dma_set event_set = {
	.names = &smm_event_attr_set,
	.members = event_members,
	.n_members = ARRAY_SIZE(event_members),
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
	int ret;

	memset(ev, 0, sizeof(*ev));
	ret = decode(&event_set, attrs, len, ev, ev->has, bad);
	if (!ret && !ev->has[SHADOW_MM_A_EVENT_TYPE])
		ret = missing(&smm_event_attr_set, SHADOW_MM_A_EVENT_TYPE,
			      bad);
	return ret;
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
