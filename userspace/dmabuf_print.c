// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_print.c - dma-bufs, imports, copies through the DMA device and
 * dma-buf events as text and JSON
 *
 * As dma_print.c: JSON keys are the spec's attribute names in snake_case,
 * the attachments an array under "attach"; enum values are the spec's
 * names (a value this smm does not know is its number); a flag is true or
 * false; what the module did not send is null. Text: physical addresses
 * as 0x and 16 hex digits, sizes in bytes with binary units from 1 KiB.
 */
#include <stdio.h>
#include <string.h>

#include "dma_print.h"
#include "dmabuf_print.h"
#include "names.h"

/* Text labels ("  chunks:") padded to this, colon included. */
#define DMABUF_LABEL_WIDTH	14
/* Room for an enum's name or number, a size with units, a time. */
#define DMABUF_WORD_LEN		32
/* Room for a list row's attachments: the module reports at most 16. */
#define DMABUF_ATTACH_TEXT_LEN	1024

/**
 * dmabuf_attach_text() - a buffer's attachments for the list's ATTACH
 *	column: "vgem:1,0000:00:02.0:2", device and map count each
 * @b: the buffer
 * @buf: where the text goes
 * @size: size of @buf; text that does not fit ends in "..."
 *
 * Return: @buf; "-" when nothing is attached.
 */
const char *dmabuf_attach_text(const struct smm_dmabuf_info *b, char *buf,
			       size_t size)
{
	const struct smm_dmabuf_attach_info *at;
	size_t used = 0, i;
	int n;

	if (!size)
		return buf;
	snprintf(buf, size, "-");
	for (i = 0; i < b->n_attach; i++) {
		at = &b->attach[i];
		if (at->has[SHADOW_MM_A_DMABUF_ATTACH_MAPS])
			n = snprintf(buf + used, size - used, "%s%s:%u",
				     i ? "," : "", at->device, at->maps);
		else
			n = snprintf(buf + used, size - used, "%s%s:?",
				     i ? "," : "", at->device);
		if (n < 0 || (size_t)n >= size - used) {
			if (size > 4)
				memcpy(buf + size - 4, "...", 4);
			break;
		}
		used += n;
	}
	return buf;
}

/* ---- one buffer ----------------------------------------------------- */

static void attach_json(struct json_writer *w,
			const struct smm_dmabuf_attach_info *at)
{
	const bool *has = at->has;

	json_begin_object(w, NULL);
	json_string(w, "device", at->device);
	json_opt_str(w, "driver", has[SHADOW_MM_A_DMABUF_ATTACH_DRIVER],
		     at->driver);
	json_opt_u64(w, "maps", has[SHADOW_MM_A_DMABUF_ATTACH_MAPS], at->maps);
	json_bool(w, "mapped", at->mapped);
	json_opt_enum(w, "dir", has[SHADOW_MM_A_DMABUF_ATTACH_DIR], at->dir,
		      smm_dma_dir_name);
	json_opt_u64(w, "nents", has[SHADOW_MM_A_DMABUF_ATTACH_NENTS],
		     at->nents);
	json_bool(w, "bounced", at->bounced);
	json_end_object(w);
}

static void buf_json(struct json_writer *w, const struct smm_dmabuf_info *b)
{
	const bool *has = b->has;
	size_t i;

	json_begin_object(w, NULL);
	json_u64(w, "id", b->id);
	json_opt_u64(w, "size", has[SHADOW_MM_A_DMABUF_SIZE], b->size);
	json_opt_u64(w, "pages", has[SHADOW_MM_A_DMABUF_PAGES], b->pages);
	json_opt_enum(w, "zone", has[SHADOW_MM_A_DMABUF_ZONE], b->zone,
		      smm_zone_type_name);
	json_opt_u64(w, "node", has[SHADOW_MM_A_DMABUF_NODE], b->node);
	json_bool(w, "contiguous", b->contiguous);
	json_opt_u64(w, "pa", has[SHADOW_MM_A_DMABUF_PA], b->pa);
	json_opt_u64(w, "chunks", has[SHADOW_MM_A_DMABUF_CHUNKS], b->chunks);
	if (has[SHADOW_MM_A_DMABUF_BLOCKS]) {
		json_begin_array(w, "blocks");
		for (i = 0; i < b->n_orders; i++)
			json_u64(w, NULL, b->blocks[i]);
		json_end_array(w);
	} else {
		json_null(w, "blocks");
	}
	json_opt_str(w, "owner", has[SHADOW_MM_A_DMABUF_OWNER], b->owner);
	json_opt_str(w, "name", has[SHADOW_MM_A_DMABUF_NAME], b->name);
	json_opt_u64(w, "inode", has[SHADOW_MM_A_DMABUF_INODE], b->inode);
	json_opt_u64(w, "mmaps", has[SHADOW_MM_A_DMABUF_MMAPS], b->mmaps);
	json_opt_u64(w, "vmaps", has[SHADOW_MM_A_DMABUF_VMAPS], b->vmaps);
	json_begin_array(w, "attach");
	for (i = 0; i < b->n_attach; i++)
		attach_json(w, &b->attach[i]);
	json_end_array(w);
	json_end_object(w);
}

/* "bidirectional, 2 segments, bounced", or "no" when not mapped now. */
static const char *mapping_text(const struct smm_dmabuf_attach_info *at,
				char *buf, size_t size)
{
	const bool *has = at->has;
	char dir[DMABUF_WORD_LEN];
	size_t used;

	if (!at->mapped) {
		snprintf(buf, size, "no");
		return buf;
	}
	used = snprintf(buf, size, "%s",
			dma_enum_text(smm_dma_dir_name,
				      has[SHADOW_MM_A_DMABUF_ATTACH_DIR], at->dir,
				      dir, sizeof(dir)));
	if (has[SHADOW_MM_A_DMABUF_ATTACH_NENTS] && used < size)
		used += snprintf(buf + used, size - used, ", %u segment%s",
				 at->nents, at->nents == 1 ? "" : "s");
	if (at->bounced && used < size)
		snprintf(buf + used, size - used, ", bounced");
	return buf;
}

/*
 * "  DEVICE  DRIVER  MAPS  MAPPED": the columns as wide as their widest
 * entry.
 */
static void attach_text(struct smm_out *o, const struct smm_dmabuf_info *b)
{
	int dev_w = strlen("DEVICE"), drv_w = strlen("DRIVER"), len;
	const struct smm_dmabuf_attach_info *at;
	char mapped[DMABUF_WORD_LEN * 2];
	size_t i;

	for (i = 0; i < b->n_attach; i++) {
		at = &b->attach[i];
		len = strlen(at->device);
		if (len > dev_w)
			dev_w = len;
		len = strlen(at->driver);
		if (len > drv_w)
			drv_w = len;
	}
	fprintf(o->f, "  %-*s  %-*s  %5s  %s\n", dev_w, "DEVICE", drv_w,
		"DRIVER", "MAPS", "MAPPED");
	for (i = 0; i < b->n_attach; i++) {
		at = &b->attach[i];
		fprintf(o->f, "  %-*s  %-*s  ", dev_w, at->device, drv_w,
			at->has[SHADOW_MM_A_DMABUF_ATTACH_DRIVER] &&
			at->driver[0] ? at->driver : "-");
		if (at->has[SHADOW_MM_A_DMABUF_ATTACH_MAPS])
			fprintf(o->f, "%5u", at->maps);
		else
			fprintf(o->f, "%5s", "?");
		fprintf(o->f, "  %s\n", mapping_text(at, mapped,
						     sizeof(mapped)));
	}
}

/*
 * "5 (order 8: 1, order 4: 1, order 0: 3)": the blocks, then how many of
 * each order, largest first, orders without a block left out.
 */
static const char *blocks_text(const struct smm_dmabuf_info *b, char *buf,
			       size_t size)
{
	unsigned int order, total = 0;
	const char *sep = " (";
	size_t used;
	int n;

	for (order = 0; order < b->n_orders; order++)
		total += b->blocks[order];
	used = snprintf(buf, size, "%u", total);
	for (order = b->n_orders; order-- > 0 && used < size;) {
		if (!b->blocks[order])
			continue;
		n = snprintf(buf + used, size - used, "%sorder %u: %u", sep,
			     order, b->blocks[order]);
		used += n > 0 ? (size_t)n : 0;
		sep = ", ";
	}
	if (*sep == ',' && used < size)
		snprintf(buf + used, size - used, ")");
	return buf;
}

static void buf_text(struct smm_out *o, const struct smm_dmabuf_info *b)
{
	char size[DMABUF_WORD_LEN * 2], zone[DMABUF_WORD_LEN];
	char blocks[DMABUF_MAX_ORDERS * 24];
	const bool *has = b->has;

	fprintf(o->f, "dmabuf %u:", b->id);
	if (has[SHADOW_MM_A_DMABUF_SIZE])
		fprintf(o->f, " %s", dma_bytes_text(b->size, size, sizeof(size)));
	if (has[SHADOW_MM_A_DMABUF_PAGES])
		fprintf(o->f, "%s%u page%s",
			has[SHADOW_MM_A_DMABUF_SIZE] ? " in " : " ", b->pages,
			b->pages == 1 ? "" : "s");
	if (has[SHADOW_MM_A_DMABUF_ZONE])
		fprintf(o->f, ", zone %s",
			dma_enum_text(smm_zone_type_name, true, b->zone, zone,
				      sizeof(zone)));
	if (has[SHADOW_MM_A_DMABUF_NODE])
		fprintf(o->f, ", node %u", b->node);
	/* The title's first piece stands after a space, the others a comma. */
	fprintf(o->f, "%s%s\n",
		has[SHADOW_MM_A_DMABUF_SIZE] || has[SHADOW_MM_A_DMABUF_PAGES] ||
		has[SHADOW_MM_A_DMABUF_ZONE] || has[SHADOW_MM_A_DMABUF_NODE] ?
		", " : " ", b->contiguous ? "contiguous" : "scattered");

	o->label_width = DMABUF_LABEL_WIDTH;
	out_textf(o, "  name", "%s", has[SHADOW_MM_A_DMABUF_NAME] &&
		  b->name[0] ? b->name : "-");
	if (has[SHADOW_MM_A_DMABUF_OWNER])
		out_textf(o, "  owner", "%s", b->owner);
	if (has[SHADOW_MM_A_DMABUF_PA])
		out_textf(o, "  pa", "0x%016llx", (unsigned long long)b->pa);
	if (has[SHADOW_MM_A_DMABUF_CHUNKS])
		out_textf(o, "  chunks", "%u physically contiguous run%s",
			  b->chunks, b->chunks == 1 ? "" : "s");
	if (has[SHADOW_MM_A_DMABUF_BLOCKS])
		out_textf(o, "  blocks", "%s",
			  blocks_text(b, blocks, sizeof(blocks)));
	if (has[SHADOW_MM_A_DMABUF_INODE])
		out_textf(o, "  inode", "%llu", (unsigned long long)b->inode);
	if (has[SHADOW_MM_A_DMABUF_MMAPS])
		out_textf(o, "  mmaps", "%u", b->mmaps);
	if (has[SHADOW_MM_A_DMABUF_VMAPS])
		out_textf(o, "  vmaps", "%u", b->vmaps);
	if (!b->n_attach) {
		out_textf(o, "  attached", "nothing");
		return;
	}
	out_textf(o, "  attached", "%zu device%s", b->n_attach,
		  b->n_attach == 1 ? "" : "s");
	attach_text(o, b);
}

/**
 * dmabuf_print_buf() - a dma-buf, as `dmabuf show` and `dmabuf alloc`
 *	show it
 * @o: the output
 * @b: the buffer
 *
 * Text: a title line (id, size, pages, zone, node, contiguous or
 * scattered), then its name ("-": none), owner tag, first page's physical
 * address, contiguous runs, file inode, userspace and kernel mappings,
 * how many devices are attached, and a row per attachment: device,
 * driver, times mapped, and the current mapping (direction, segments,
 * bounced) or "no". JSON: one object, the attachments under "attach".
 */
void dmabuf_print_buf(struct smm_out *o, const struct smm_dmabuf_info *b)
{
	if (o->json)
		buf_json(&o->jw, b);
	else
		buf_text(o, b);
}

/* ---- the list ------------------------------------------------------- */

/* A u32 column: the number, or "?" when it did not come. */
static void u32_cell(FILE *f, int width, bool has, __u32 v)
{
	if (has)
		fprintf(f, "  %*u", width, v);
	else
		fprintf(f, "  %*s", width, "?");
}

/**
 * dmabuf_print_list() - the dma-bufs, as `dmabuf list` shows them
 * @o: the output
 * @bufs: the buffers, in the order the dump gave them
 * @n: how many
 *
 * Text: a table, a buffer a row: ID SIZE (bytes) PAGES ZONE NODE CHUNKS
 * MMAPS VMAPS ATTACH (device:maps, comma-separated; "-" for none) NAME
 * ("-" for none) OWNER; ATTACH and NAME as wide as their widest entry.
 * "no dma-bufs" when there are none. JSON: an array of buffers as
 * dmabuf_print_buf() writes them.
 */
void dmabuf_print_list(struct smm_out *o, const struct smm_dmabuf_info *bufs,
		       size_t n)
{
	int attach_w = strlen("ATTACH"), name_w = strlen("NAME"), len;
	char attach[DMABUF_ATTACH_TEXT_LEN], zone[DMABUF_WORD_LEN];
	const struct smm_dmabuf_info *b;
	size_t i;

	if (o->json) {
		json_begin_array(&o->jw, NULL);
		for (i = 0; i < n; i++)
			buf_json(&o->jw, &bufs[i]);
		json_end_array(&o->jw);
		return;
	}
	if (!n) {
		fputs("no dma-bufs\n", o->f);
		return;
	}
	for (i = 0; i < n; i++) {
		len = strlen(dmabuf_attach_text(&bufs[i], attach,
						sizeof(attach)));
		if (len > attach_w)
			attach_w = len;
		len = strlen(bufs[i].name);
		if (len > name_w)
			name_w = len;
	}
	fprintf(o->f, "%4s  %10s  %5s  %-7s  %4s  %6s  %5s  %5s  %-*s  %-*s  %s\n",
		"ID", "SIZE", "PAGES", "ZONE", "NODE", "CHUNKS", "MMAPS",
		"VMAPS", attach_w, "ATTACH", name_w, "NAME", "OWNER");
	for (i = 0; i < n; i++) {
		b = &bufs[i];
		fprintf(o->f, "%4u", b->id);
		if (b->has[SHADOW_MM_A_DMABUF_SIZE])
			fprintf(o->f, "  %10llu", (unsigned long long)b->size);
		else
			fprintf(o->f, "  %10s", "?");
		u32_cell(o->f, 5, b->has[SHADOW_MM_A_DMABUF_PAGES], b->pages);
		fprintf(o->f, "  %-7s",
			dma_enum_text(smm_zone_type_name,
				      b->has[SHADOW_MM_A_DMABUF_ZONE], b->zone,
				      zone, sizeof(zone)));
		u32_cell(o->f, 4, b->has[SHADOW_MM_A_DMABUF_NODE], b->node);
		u32_cell(o->f, 6, b->has[SHADOW_MM_A_DMABUF_CHUNKS],
			 b->chunks);
		u32_cell(o->f, 5, b->has[SHADOW_MM_A_DMABUF_MMAPS], b->mmaps);
		u32_cell(o->f, 5, b->has[SHADOW_MM_A_DMABUF_VMAPS], b->vmaps);
		fprintf(o->f, "  %-*s  %-*s  %s\n", attach_w,
			dmabuf_attach_text(b, attach, sizeof(attach)), name_w,
			b->name[0] ? b->name : "-",
			b->has[SHADOW_MM_A_DMABUF_OWNER] ? b->owner : "?");
	}
}

/* ---- import --------------------------------------------------------- */

/**
 * dmabuf_print_import() - what `dmabuf import` did
 * @o: the output
 * @req: what was asked
 * @r: the reply
 *
 * Text: one line; for edu the DMA buffer the mapping became ("dma 5:
 * dmabuf 3 (fd 4) mapped for the edu device"), for an address space
 * where the pages went ("dmabuf 3 (fd 4) mapped in as 1 at
 * 0x0000000000400000"); "fd 4" alone names a dma-buf of another exporter.
 * JSON: one object, fd, target, id, dma_id, as, va.
 */
void dmabuf_print_import(struct smm_out *o,
			 const struct smm_dmabuf_import_req *req,
			 const struct smm_dmabuf_import_info *r)
{
	bool as = req->target == SHADOW_MM_DMABUF_TARGET_AS;
	bool has_id = r->has[SHADOW_MM_A_DMABUF_ID];
	bool has_dma = r->has[SHADOW_MM_A_DMABUF_DMA_ID];
	struct json_writer *w = &o->jw;
	char who[DMABUF_WORD_LEN * 2];

	if (o->json) {
		json_begin_object(w, NULL);
		json_u64(w, "fd", req->fd);
		json_opt_enum(w, "target", true, req->target,
			      smm_dmabuf_target_name);
		json_opt_u64(w, "id", has_id, r->id);
		json_opt_u64(w, "dma_id", has_dma, r->dma_id);
		json_opt_u64(w, "as", as, req->as);
		json_opt_u64(w, "va", as, req->va);
		json_end_object(w);
		return;
	}
	if (has_id)
		snprintf(who, sizeof(who), "dmabuf %u (fd %u)", r->id, req->fd);
	else
		snprintf(who, sizeof(who), "fd %u", req->fd);
	if (as)
		fprintf(o->f, "%s mapped in as %u at 0x%016llx\n", who, req->as,
			(unsigned long long)req->va);
	else if (has_dma)
		fprintf(o->f, "dma %u: %s mapped for the edu device\n",
			r->dma_id, who);
	else
		fprintf(o->f, "%s mapped for the edu device\n", who);
}

/* ---- copies through the DMA device ---------------------------------- */

/**
 * dmabuf_print_copy() - a `dma xfer SRC [DST] copy`, which moves what SRC
 *	holds without a pattern and verifies nothing
 * @o: the output
 * @src: the buffer the device read
 * @dst: the buffer it wrote into
 * @has_dst_offset: dst-offset was given
 * @dst_offset: where in @dst the bytes went
 * @x: the DMA_XFER reply
 *
 * Text: one line, "dma 1 -> 2: 4095 bytes copied (not verified) to
 * offset 2048, 2 commands, src 0x..., dst 0x..., not bounced, device
 * 200.4 ms". JSON: as dma_print_xfer()'s object, with "copy": true and
 * "dst_offset".
 */
void dmabuf_print_copy(struct smm_out *o, __u32 src, __u32 dst,
		       bool has_dst_offset, __u64 dst_offset,
		       const struct smm_dma_xfer_info *x)
{
	struct json_writer *w = &o->jw;

	if (o->json) {
		json_begin_object(w, NULL);
		json_null(w, "kind");
		json_u64(w, "src", src);
		json_u64(w, "dst", dst);
		json_bool(w, "copy", true);
		json_opt_u64(w, "dst_offset", has_dst_offset, dst_offset);
		dma_print_xfer_result(o, x);
		json_end_object(w);
		return;
	}
	if (src == dst)
		fprintf(o->f, "dma %u:", src);
	else
		fprintf(o->f, "dma %u -> %u:", src, dst);
	fprintf(o->f, " %u bytes copied (not verified)", x->bytes);
	if (has_dst_offset)
		fprintf(o->f, " to offset %llu",
			(unsigned long long)dst_offset);
	dma_print_xfer_result(o, x);
}

/* ---- events --------------------------------------------------------- */

static const char *event_name(__u32 type)
{
	switch (type) {
	case SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT:
		return "dmabuf-export";
	case SHADOW_MM_EVENT_TYPE_DMABUF_ATTACH:
		return "dmabuf-attach";
	case SHADOW_MM_EVENT_TYPE_DMABUF_DETACH:
		return "dmabuf-detach";
	case SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE:
		return "dmabuf-release";
	default:
		return NULL;
	}
}

/**
 * dmabuf_print_event() - a dma-buf event, as `monitor` shows it
 * @o: the output
 * @ev: the event
 *
 * Text: one line, the type (dmabuf-export, -attach, -detach, -release),
 * then what came of the buffer's id, size and importing device, and the
 * CPU: "dmabuf-attach  id 3 device 0000:00:02.0 cpu 1". JSON: one object
 * with seq, dropped, type, id, size, device, cpu.
 */
void dmabuf_print_event(struct smm_out *o,
			const struct smm_dmabuf_event_info *ev)
{
	struct json_writer *w = &o->jw;
	const bool *has = ev->has;
	char type[DMABUF_WORD_LEN];

	if (o->json) {
		json_begin_object(w, NULL);
		json_opt_u64(w, "seq", has[SHADOW_MM_A_EVENT_SEQ], ev->seq);
		json_opt_u64(w, "dropped", has[SHADOW_MM_A_EVENT_DROPPED],
			     ev->dropped);
		json_opt_enum(w, "type", true, ev->type, event_name);
		json_opt_u64(w, "id", has[SHADOW_MM_A_EVENT_DMABUF_ID], ev->id);
		json_opt_u64(w, "size", has[SHADOW_MM_A_EVENT_DMA_SIZE],
			     ev->size);
		json_opt_str(w, "device", has[SHADOW_MM_A_EVENT_DMABUF_DEVICE],
			     ev->device);
		json_opt_u64(w, "cpu", has[SHADOW_MM_A_EVENT_CPU], ev->cpu);
		json_end_object(w);
		return;
	}
	fprintf(o->f, "%-14s", dma_enum_text(event_name, true, ev->type, type,
					     sizeof(type)));
	if (has[SHADOW_MM_A_EVENT_DMABUF_ID])
		fprintf(o->f, " id %u", ev->id);
	if (has[SHADOW_MM_A_EVENT_DMA_SIZE])
		fprintf(o->f, " %llu bytes", (unsigned long long)ev->size);
	if (has[SHADOW_MM_A_EVENT_DMABUF_DEVICE])
		fprintf(o->f, " device %s", ev->device);
	if (has[SHADOW_MM_A_EVENT_CPU])
		fprintf(o->f, " cpu %u", ev->cpu);
	fputc('\n', o->f);
}
