// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_info.c - dma-buf, import and dma-buf event replies decoded into
 * dmabuf_info.h's structs
 *
 * As strict as dma_info.c: every attribute header must lie within the
 * message (or its nest), every value must have exactly its type's size,
 * every string must end within its attribute and a flag must be empty;
 * anything else refuses the whole reply, naming the attribute. Types this
 * smm does not know (from a newer module) are skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "dmabuf_info.h"
#include "names.h"
#include "util.h"

/* What an attribute holds; VAL_NONE: a type the decoder skips. */
enum dmabuf_val {
	VAL_NONE,
	VAL_U32,
	VAL_U64,
	VAL_STR,
	VAL_FLAG,
	VAL_NEST,
};

/**
 * struct dmabuf_member - where an attribute of a set goes in its struct
 * @val: what the attribute holds
 * @offset: offset of the member
 * @size: VAL_STR: size of the member's buffer
 */
struct dmabuf_member {
	enum dmabuf_val val;
	size_t offset;
	size_t size;
};

/* Table rows, indexed by attribute type; TYPE is the struct filled. */
#define M_U32(field)		{ VAL_U32, offsetof(TYPE, field), 0 }
#define M_U64(field)		{ VAL_U64, offsetof(TYPE, field), 0 }
#define M_STR(field, size)	{ VAL_STR, offsetof(TYPE, field), size }
#define M_FLAG(field)		{ VAL_FLAG, offsetof(TYPE, field), 0 }
#define M_NEST			{ VAL_NEST, 0, 0 }

/**
 * struct dmabuf_set - how to decode one attribute set
 * @names: its names, for messages
 * @members: where each attribute goes, by type
 * @n_members: rows in @members
 * @nest: called with each VAL_NEST attribute's payload
 */
struct dmabuf_set {
	const struct smm_attr_set *names;
	const struct dmabuf_member *members;
	unsigned int n_members;
	int (*nest)(void *obj, const void *data, size_t len, char *bad);
};

/* Names attribute @type (@len bytes of payload) of @set in @bad. */
static int refuse(const struct smm_attr_set *set, unsigned int type,
		  size_t len, char *bad)
{
	const char *name = smm_attr_name(set, type);

	if (name)
		snprintf(bad, DMABUF_BAD_LEN, "%s %s (%zu bytes)", set->name,
			 name, len);
	else
		snprintf(bad, DMABUF_BAD_LEN, "%s %u (%zu bytes)", set->name,
			 type, len);
	return -EBADMSG;
}

/* A required attribute that did not come. */
static int missing(const struct smm_attr_set *set, unsigned int type,
		   char *bad)
{
	snprintf(bad, DMABUF_BAD_LEN, "%s: no %s", set->name,
		 smm_attr_name(set, type));
	return -EBADMSG;
}

/* Copies @data (@len bytes) into @obj as @m says; false if it does not fit. */
static bool store(void *obj, const struct dmabuf_member *m, const void *data,
		  size_t len)
{
	char *p = (char *)obj + m->offset;

	switch (m->val) {
	case VAL_U32:
		if (len != sizeof(__u32))
			return false;
		memcpy(p, data, len);
		return true;
	case VAL_U64:
		if (len != sizeof(__u64))
			return false;
		memcpy(p, data, len);
		return true;
	case VAL_STR:
		if (!len || !memchr(data, '\0', len))
			return false;
		snprintf(p, m->size, "%s", (const char *)data);
		return true;
	case VAL_FLAG:
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
static int decode(const struct dmabuf_set *set, const void *attrs,
		  size_t len, void *obj, bool *has, char *bad)
{
	const unsigned char *pos = attrs;
	size_t rem = attrs ? len : 0;
	const struct dmabuf_member *m;
	size_t step, payload;
	struct nlattr nla;
	unsigned int type;
	int ret;

	/* Fewer bytes than a header at the end: padding, not an attribute. */
	while (rem >= NLA_HDRLEN) {
		memcpy(&nla, pos, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > rem) {
			snprintf(bad, DMABUF_BAD_LEN,
				 "%s: an attribute runs past the message",
				 set->names->name);
			return -EBADMSG;
		}
		type = nla.nla_type & NLA_TYPE_MASK;
		payload = nla.nla_len - NLA_HDRLEN;
		m = type < set->n_members ? &set->members[type] : NULL;
		if (m && m->val == VAL_NEST && set->nest) {
			ret = set->nest(obj, pos + NLA_HDRLEN, payload, bad);
			if (ret)
				return ret;
			has[type] = true;
		} else if (m && m->val != VAL_NONE && m->val != VAL_NEST) {
			if (!store(obj, m, pos + NLA_HDRLEN, payload))
				return refuse(set->names, type, payload, bad);
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

/* ---- dma-bufs and their attachments --------------------------------- */

#define TYPE struct smm_dmabuf_attach_info
static const struct dmabuf_member attach_members[] = {
	[SHADOW_MM_A_DMABUF_ATTACH_DEVICE] = M_STR(device, DMABUF_DEVICE_LEN),
	[SHADOW_MM_A_DMABUF_ATTACH_DRIVER] = M_STR(driver, DMABUF_DRIVER_LEN),
	[SHADOW_MM_A_DMABUF_ATTACH_MAPS] = M_U32(maps),
	[SHADOW_MM_A_DMABUF_ATTACH_MAPPED] = M_FLAG(mapped),
	[SHADOW_MM_A_DMABUF_ATTACH_DIR] = M_U32(dir),
	[SHADOW_MM_A_DMABUF_ATTACH_NENTS] = M_U32(nents),
	[SHADOW_MM_A_DMABUF_ATTACH_BOUNCED] = M_FLAG(bounced),
};

#undef TYPE

static const struct dmabuf_set attach_set = {
	.names = &smm_dmabuf_attach_attr_set,
	.members = attach_members,
	.n_members = ARRAY_SIZE(attach_members),
};

/* An attach nest of a buffer: appended to its attachments. */
static int buf_attach(void *obj, const void *data, size_t len, char *bad)
{
	struct smm_dmabuf_info *b = obj;
	struct smm_dmabuf_attach_info *at;

	at = realloc(b->attach, (b->n_attach + 1) * sizeof(*at));
	if (!at) {
		snprintf(bad, DMABUF_BAD_LEN, "out of memory");
		return -ENOMEM;
	}
	b->attach = at;
	at += b->n_attach++;
	memset(at, 0, sizeof(*at));
	return decode(&attach_set, data, len, at, at->has, bad);
}

#define TYPE struct smm_dmabuf_info
static const struct dmabuf_member buf_members[] = {
	[SHADOW_MM_A_DMABUF_ID] = M_U32(id),
	[SHADOW_MM_A_DMABUF_SIZE] = M_U64(size),
	[SHADOW_MM_A_DMABUF_PAGES] = M_U32(pages),
	[SHADOW_MM_A_DMABUF_ZONE] = M_U32(zone),
	[SHADOW_MM_A_DMABUF_NODE] = M_U32(node),
	[SHADOW_MM_A_DMABUF_CONTIGUOUS] = M_FLAG(contiguous),
	[SHADOW_MM_A_DMABUF_PA] = M_U64(pa),
	[SHADOW_MM_A_DMABUF_CHUNKS] = M_U32(chunks),
	[SHADOW_MM_A_DMABUF_OWNER] = M_STR(owner, DMABUF_OWNER_LEN),
	[SHADOW_MM_A_DMABUF_NAME] = M_STR(name, DMABUF_NAME_LEN),
	[SHADOW_MM_A_DMABUF_INODE] = M_U64(inode),
	[SHADOW_MM_A_DMABUF_MMAPS] = M_U32(mmaps),
	[SHADOW_MM_A_DMABUF_VMAPS] = M_U32(vmaps),
	[SHADOW_MM_A_DMABUF_ATTACH] = M_NEST,
};

#undef TYPE

static const struct dmabuf_set buf_set = {
	.names = &smm_dmabuf_attr_set,
	.members = buf_members,
	.n_members = ARRAY_SIZE(buf_members),
	.nest = buf_attach,
};

/**
 * dmabuf_decode() - decode a dma-buf: a DMABUF_GET reply, do or dump part
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @b: filled in; release it with smm_dmabuf_info_release(), also on
 *	failure
 * @bad: DMABUF_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * The id must come: a buffer is named by it; so must each attachment's
 * device.
 *
 * Return: 0, -EBADMSG, or -ENOMEM.
 */
int dmabuf_decode(const void *attrs, size_t len, struct smm_dmabuf_info *b,
		  char *bad)
{
	size_t i;
	int ret;

	memset(b, 0, sizeof(*b));
	ret = decode(&buf_set, attrs, len, b, b->has, bad);
	if (!ret && !b->has[SHADOW_MM_A_DMABUF_ID])
		ret = missing(&smm_dmabuf_attr_set, SHADOW_MM_A_DMABUF_ID, bad);
	for (i = 0; !ret && i < b->n_attach; i++)
		if (!b->attach[i].has[SHADOW_MM_A_DMABUF_ATTACH_DEVICE])
			ret = missing(&smm_dmabuf_attach_attr_set,
				      SHADOW_MM_A_DMABUF_ATTACH_DEVICE, bad);
	return ret;
}

/**
 * smm_dmabuf_info_release() - free the attachments dmabuf_decode() kept
 * @b: the buffer
 */
void smm_dmabuf_info_release(struct smm_dmabuf_info *b)
{
	free(b->attach);
	b->attach = NULL;
	b->n_attach = 0;
}

/* ---- import --------------------------------------------------------- */

#define TYPE struct smm_dmabuf_import_info
static const struct dmabuf_member import_members[] = {
	[SHADOW_MM_A_DMABUF_ID] = M_U32(id),
	[SHADOW_MM_A_DMABUF_DMA_ID] = M_U32(dma_id),
};

#undef TYPE

static const struct dmabuf_set import_set = {
	.names = &smm_dmabuf_attr_set,
	.members = import_members,
	.n_members = ARRAY_SIZE(import_members),
};

/**
 * dmabuf_decode_import() - decode a DMABUF_IMPORT reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @r: filled in
 * @bad: DMABUF_BAD_LEN bytes: on failure, what was malformed
 *
 * Neither attribute is required here: id comes only for shadow_mm's own
 * dma-bufs, dma-id only for target edu (the caller knows which it asked).
 *
 * Return: 0 or -EBADMSG.
 */
int dmabuf_decode_import(const void *attrs, size_t len,
			 struct smm_dmabuf_import_info *r, char *bad)
{
	memset(r, 0, sizeof(*r));
	return decode(&import_set, attrs, len, r, r->has, bad);
}

/* ---- events --------------------------------------------------------- */

#define TYPE struct smm_dmabuf_event_info
static const struct dmabuf_member event_members[] = {
	[SHADOW_MM_A_EVENT_TYPE] = M_U32(type),
	[SHADOW_MM_A_EVENT_SEQ] = M_U64(seq),
	[SHADOW_MM_A_EVENT_DROPPED] = M_U64(dropped),
	[SHADOW_MM_A_EVENT_CPU] = M_U32(cpu),
	[SHADOW_MM_A_EVENT_DMA_SIZE] = M_U64(size),
	[SHADOW_MM_A_EVENT_DMABUF_ID] = M_U32(id),
	[SHADOW_MM_A_EVENT_DMABUF_DEVICE] = M_STR(device, DMABUF_DEVICE_LEN),
};

#undef TYPE

static const struct dmabuf_set event_set = {
	.names = &smm_event_attr_set,
	.members = event_members,
	.n_members = ARRAY_SIZE(event_members),
};

/**
 * dmabuf_decode_event() - decode a dma-buf event of the monitor group
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @ev: filled in; other layers' attributes (pfn, dma-addr, ...) are
 *	skipped
 * @bad: DMABUF_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * The type must come.
 *
 * Return: 0 or -EBADMSG.
 */
int dmabuf_decode_event(const void *attrs, size_t len,
			struct smm_dmabuf_event_info *ev, char *bad)
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
 * dmabuf_event_is_dmabuf() - is an event type one of the exporter's?
 * @type: an enum shadow_mm_event_type value
 *
 * Return: true for dmabuf-export, -attach, -detach and -release.
 */
bool dmabuf_event_is_dmabuf(__u32 type)
{
	return type >= SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT &&
	       type <= SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE;
}
