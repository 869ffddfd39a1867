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

#include "attr_decode.h"
#include "dmabuf_info.h"
#include "names.h"
#include "util.h"

/* ---- dma-bufs and their attachments --------------------------------- */

#define TYPE struct smm_dmabuf_attach_info
static const struct attr_member attach_members[] = {
	[SHADOW_MM_A_DMABUF_ATTACH_DEVICE] = ATTR_STR(device, DMABUF_DEVICE_LEN),
	[SHADOW_MM_A_DMABUF_ATTACH_DRIVER] = ATTR_STR(driver, DMABUF_DRIVER_LEN),
	[SHADOW_MM_A_DMABUF_ATTACH_MAPS] = ATTR_U32(maps),
	[SHADOW_MM_A_DMABUF_ATTACH_MAPPED] = ATTR_FLAG(mapped),
	[SHADOW_MM_A_DMABUF_ATTACH_DIR] = ATTR_U32(dir),
	[SHADOW_MM_A_DMABUF_ATTACH_NENTS] = ATTR_U32(nents),
	[SHADOW_MM_A_DMABUF_ATTACH_BOUNCED] = ATTR_FLAG(bounced),
};

#undef TYPE

static const unsigned int attach_required[] = {
	SHADOW_MM_A_DMABUF_ATTACH_DEVICE, 0
};

static const struct attr_set attach_set = {
	.names = &smm_dmabuf_attach_attr_set,
	.members = attach_members,
	.n_members = ARRAY_SIZE(attach_members),
	.required = attach_required,
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
	return attr_decode(&attach_set, data, len, at, at->has, bad);
}

#define TYPE struct smm_dmabuf_info
static const struct attr_member buf_members[] = {
	[SHADOW_MM_A_DMABUF_ID] = ATTR_U32(id),
	[SHADOW_MM_A_DMABUF_SIZE] = ATTR_U64(size),
	[SHADOW_MM_A_DMABUF_PAGES] = ATTR_U32(pages),
	[SHADOW_MM_A_DMABUF_ZONE] = ATTR_U32(zone),
	[SHADOW_MM_A_DMABUF_NODE] = ATTR_U32(node),
	[SHADOW_MM_A_DMABUF_CONTIGUOUS] = ATTR_FLAG(contiguous),
	[SHADOW_MM_A_DMABUF_PA] = ATTR_U64(pa),
	[SHADOW_MM_A_DMABUF_CHUNKS] = ATTR_U32(chunks),
	[SHADOW_MM_A_DMABUF_BLOCKS] = ATTR_U32_ARRAY(blocks, n_orders),
	[SHADOW_MM_A_DMABUF_OWNER] = ATTR_STR(owner, DMABUF_OWNER_LEN),
	[SHADOW_MM_A_DMABUF_NAME] = ATTR_STR(name, DMABUF_NAME_LEN),
	[SHADOW_MM_A_DMABUF_INODE] = ATTR_U64(inode),
	[SHADOW_MM_A_DMABUF_MMAPS] = ATTR_U32(mmaps),
	[SHADOW_MM_A_DMABUF_VMAPS] = ATTR_U32(vmaps),
	[SHADOW_MM_A_DMABUF_ATTACH] = ATTR_NEST,
};

#undef TYPE

static const unsigned int buf_required[] = { SHADOW_MM_A_DMABUF_ID, 0 };

static const struct attr_set buf_set = {
	.names = &smm_dmabuf_attr_set,
	.members = buf_members,
	.n_members = ARRAY_SIZE(buf_members),
	.nest = buf_attach,
	.required = buf_required,
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
	memset(b, 0, sizeof(*b));
	return attr_decode(&buf_set, attrs, len, b, b->has, bad);
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
static const struct attr_member import_members[] = {
	[SHADOW_MM_A_DMABUF_ID] = ATTR_U32(id),
	[SHADOW_MM_A_DMABUF_DMA_ID] = ATTR_U32(dma_id),
};

#undef TYPE

static const struct attr_set import_set = {
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
	return attr_decode(&import_set, attrs, len, r, r->has, bad);
}

/* ---- events --------------------------------------------------------- */

#define TYPE struct smm_dmabuf_event_info
static const struct attr_member event_members[] = {
	[SHADOW_MM_A_EVENT_TYPE] = ATTR_U32(type),
	[SHADOW_MM_A_EVENT_SEQ] = ATTR_U64(seq),
	[SHADOW_MM_A_EVENT_DROPPED] = ATTR_U64(dropped),
	[SHADOW_MM_A_EVENT_CPU] = ATTR_U32(cpu),
	[SHADOW_MM_A_EVENT_DMA_SIZE] = ATTR_U64(size),
	[SHADOW_MM_A_EVENT_DMABUF_ID] = ATTR_U32(id),
	[SHADOW_MM_A_EVENT_DMABUF_DEVICE] = ATTR_STR(device, DMABUF_DEVICE_LEN),
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
	memset(ev, 0, sizeof(*ev));
	return attr_decode(&event_set, attrs, len, ev, ev->has, bad);
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
