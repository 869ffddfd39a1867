// SPDX-License-Identifier: GPL-2.0
/*
 * dma_print.c - the DMA device, DMA buffers, transfers, DMA-debug
 * findings and DMA events as text and JSON
 *
 * JSON keys are the spec's attribute names in snake_case; segments are an
 * array under "seg"; enum values are the spec's names (a value this smm
 * does not know is its number); a flag is true or false; what the module
 * did not send is null. Text is for people: every address as 0x and 16
 * hex digits, so that CPU physical addresses and device addresses line up
 * and compare at a glance; sizes in bytes, with binary units from 1 KiB.
 */
#include <stdio.h>
#include <string.h>

#include "dma_print.h"
#include "names.h"

/* Text labels ("bounce pool:") padded to this, colon included. */
#define DMA_LABEL_WIDTH		14
/* Room for an enum's name or number, a size with units, a time. */
#define DMA_WORD_LEN		32

/**
 * dma_enum_text() - an enum value's name, or its number for one this smm
 *	does not know
 * @name: the enum's name lookup
 * @has: whether the attribute came
 * @v: its value
 * @buf: room for the number
 * @size: bytes at @buf
 *
 * Return: the name, @buf, or "?" when the attribute did not come.
 */
const char *dma_enum_text(const char *(*name)(__u32), bool has, __u32 v,
			  char *buf, size_t size)
{
	if (!has)
		return "?";
	return smm_name_or_number(name(v), v, buf, size);
}

/**
 * dma_bytes_text() - "4096 bytes", or "12288 bytes (12 KiB)" from 1 KiB on
 * @bytes: the size
 * @buf: where the text goes
 * @size: bytes at @buf
 *
 * Return: @buf.
 */
const char *dma_bytes_text(__u64 bytes, char *buf, size_t size)
{
	char human[DMA_WORD_LEN];

	if (bytes < 1024)
		snprintf(buf, size, "%llu bytes", (unsigned long long)bytes);
	else
		snprintf(buf, size, "%llu bytes (%s)",
			 (unsigned long long)bytes,
			 format_size_iec(bytes, human, sizeof(human)));
	return buf;
}

/**
 * dma_iommu_text() - what an IOMMU domain type means for a dma_addr
 * @domain: an enum shadow_mm_iommu_domain value
 *
 * Return: a few words: "dma_addr = physical address", "translated:
 * dma_addr is an IOVA", "passthrough", ...; "unknown" for a value this
 * smm does not know.
 */
const char *dma_iommu_text(__u32 domain)
{
	switch (domain) {
	case SHADOW_MM_IOMMU_DOMAIN_NONE:
		return "dma_addr = physical address";
	case SHADOW_MM_IOMMU_DOMAIN_IDENTITY:
		return "passthrough: dma_addr = physical address";
	case SHADOW_MM_IOMMU_DOMAIN_DMA:
		return "translated: dma_addr is an IOVA";
	case SHADOW_MM_IOMMU_DOMAIN_DMA_FQ:
		return "translated: dma_addr is an IOVA, lazy invalidation";
	case SHADOW_MM_IOMMU_DOMAIN_BLOCKED:
		return "all DMA blocked";
	case SHADOW_MM_IOMMU_DOMAIN_UNMANAGED:
		return "translated by a driver's own IOMMU use";
	case SHADOW_MM_IOMMU_DOMAIN_OTHER:
		return "a domain type the module does not know";
	default:
		return "unknown";
	}
}

static bool iommu_translates(const struct smm_dma_dev_info *d)
{
	return d->has[SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN] &&
	       (d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA ||
		d->iommu_domain == SHADOW_MM_IOMMU_DOMAIN_DMA_FQ);
}

/**
 * dma_time_text() - a duration for people: "850 ns", "12.5 us", "200.4 ms"
 * @ns: the duration in nanoseconds
 * @buf: where the text goes
 * @size: size of @buf
 *
 * Return: @buf.
 */
const char *dma_time_text(__u64 ns, char *buf, size_t size)
{
	if (ns < 1000)
		snprintf(buf, size, "%llu ns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, size, "%.1f us", ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, size, "%.1f ms", ns / 1e6);
	else
		snprintf(buf, size, "%.2f s", ns / 1e9);
	return buf;
}

/* ---- the device ----------------------------------------------------- */

static void dev_json(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	const bool *has = d->has;
	struct json_writer *w = &o->jw;

	json_begin_object(w, NULL);
	json_opt_str(w, "name", has[SHADOW_MM_A_DMA_DEV_NAME], d->name);
	json_opt_u64(w, "vendor", has[SHADOW_MM_A_DMA_DEV_VENDOR], d->vendor);
	json_opt_u64(w, "device", has[SHADOW_MM_A_DMA_DEV_DEVICE], d->device);
	json_opt_u64(w, "revision", has[SHADOW_MM_A_DMA_DEV_REVISION],
		     d->revision);
	json_opt_u64(w, "id_reg", has[SHADOW_MM_A_DMA_DEV_ID_REG], d->id_reg);
	json_opt_enum(w, "irq_mode", has[SHADOW_MM_A_DMA_DEV_IRQ_MODE],
		      d->irq_mode, smm_dma_irq_name);
	json_opt_u64(w, "irq", has[SHADOW_MM_A_DMA_DEV_IRQ], d->irq);
	json_opt_u64(w, "irqs", has[SHADOW_MM_A_DMA_DEV_IRQS], d->irqs);
	json_opt_u64(w, "mask_bits", has[SHADOW_MM_A_DMA_DEV_MASK_BITS],
		     d->mask_bits);
	json_opt_u64(w, "mask", has[SHADOW_MM_A_DMA_DEV_MASK], d->mask);
	json_opt_u64(w, "coherent_mask", has[SHADOW_MM_A_DMA_DEV_COHERENT_MASK],
		     d->coherent_mask);
	json_opt_enum(w, "iommu_domain", has[SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN],
		      d->iommu_domain, smm_iommu_domain_name);
	json_opt_u64(w, "iommu_group", has[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP],
		     d->iommu_group);
	json_bool(w, "coherent", d->coherent);
	json_opt_enum(w, "reachable_zone",
		      has[SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE],
		      d->reachable_zone, smm_zone_type_name);
	json_opt_u64(w, "bounce_size", has[SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE],
		     d->bounce_size);
	json_opt_u64(w, "bounce_slot", has[SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT],
		     d->bounce_slot);
	json_opt_u64(w, "bounce_pa", has[SHADOW_MM_A_DMA_DEV_BOUNCE_PA],
		     d->bounce_pa);
	json_opt_u64(w, "bounce_used", has[SHADOW_MM_A_DMA_DEV_BOUNCE_USED],
		     d->bounce_used);
	json_opt_u64(w, "bounced", has[SHADOW_MM_A_DMA_DEV_BOUNCED],
		     d->bounced);
	json_opt_u64(w, "bounce_bytes", has[SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES],
		     d->bounce_bytes);
	json_opt_u64(w, "mappings", has[SHADOW_MM_A_DMA_DEV_MAPPINGS],
		     d->mappings);
	json_opt_u64(w, "xfers", has[SHADOW_MM_A_DMA_DEV_XFERS], d->xfers);
	json_opt_u64(w, "xfer_bytes", has[SHADOW_MM_A_DMA_DEV_XFER_BYTES],
		     d->xfer_bytes);
	json_opt_u64(w, "window", has[SHADOW_MM_A_DMA_DEV_WINDOW], d->window);
	json_opt_u64(w, "window_size", has[SHADOW_MM_A_DMA_DEV_WINDOW_SIZE],
		     d->window_size);
	json_end_object(w);
}

/* "0000:00:03.0, 1234:11e8 rev 0x10, edu 1.0 (id 0x010000ed)" */
static void dev_identity_text(struct smm_out *o,
			      const struct smm_dma_dev_info *d)
{
	const bool *has = d->has;

	fprintf(o->f, "%-*s%s", DMA_LABEL_WIDTH, "device:",
		has[SHADOW_MM_A_DMA_DEV_NAME] ? d->name : "unknown");
	if (has[SHADOW_MM_A_DMA_DEV_VENDOR] && has[SHADOW_MM_A_DMA_DEV_DEVICE])
		fprintf(o->f, ", %04x:%04x", d->vendor, d->device);
	if (has[SHADOW_MM_A_DMA_DEV_REVISION])
		fprintf(o->f, " rev %#x", d->revision);
	/* edu's version sits in the top two bytes: 0x010000ed is 1.0. */
	if (has[SHADOW_MM_A_DMA_DEV_ID_REG])
		fprintf(o->f, ", edu %u.%u (id %#010x)", d->id_reg >> 24,
			(d->id_reg >> 16) & 0xff, d->id_reg);
	fputc('\n', o->f);
}

static void dev_irq_text(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	const bool *has = d->has;
	char mode[DMA_WORD_LEN];

	if (!has[SHADOW_MM_A_DMA_DEV_IRQ_MODE] && !has[SHADOW_MM_A_DMA_DEV_IRQ])
		return;
	fprintf(o->f, "%-*s%s", DMA_LABEL_WIDTH, "interrupt:",
		dma_enum_text(smm_dma_irq_name, has[SHADOW_MM_A_DMA_DEV_IRQ_MODE],
			      d->irq_mode, mode, sizeof(mode)));
	if (has[SHADOW_MM_A_DMA_DEV_IRQ])
		fprintf(o->f, ", irq %u", d->irq);
	if (has[SHADOW_MM_A_DMA_DEV_IRQS])
		fprintf(o->f, ", %llu raised", (unsigned long long)d->irqs);
	fputc('\n', o->f);
}

static void dev_mask_text(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	const bool *has = d->has;

	if (!has[SHADOW_MM_A_DMA_DEV_MASK_BITS] && !has[SHADOW_MM_A_DMA_DEV_MASK])
		return;
	fprintf(o->f, "%-*s", DMA_LABEL_WIDTH, "dma mask:");
	if (has[SHADOW_MM_A_DMA_DEV_MASK_BITS])
		fprintf(o->f, "%u bits", d->mask_bits);
	if (has[SHADOW_MM_A_DMA_DEV_MASK])
		fprintf(o->f, "%s0x%016llx",
			has[SHADOW_MM_A_DMA_DEV_MASK_BITS] ? ", " : "",
			(unsigned long long)d->mask);
	if (has[SHADOW_MM_A_DMA_DEV_COHERENT_MASK])
		fprintf(o->f, " (coherent 0x%016llx)",
			(unsigned long long)d->coherent_mask);
	fputc('\n', o->f);
}

static void dev_iommu_text(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	char name[DMA_WORD_LEN];

	if (!d->has[SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN])
		return;
	fprintf(o->f, "%-*s%s (%s)", DMA_LABEL_WIDTH, "iommu:",
		dma_enum_text(smm_iommu_domain_name, true, d->iommu_domain, name,
			      sizeof(name)),
		dma_iommu_text(d->iommu_domain));
	if (d->has[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP])
		fprintf(o->f, ", group %u", d->iommu_group);
	fputc('\n', o->f);
}

static void dev_bounce_text(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	const bool *has = d->has;
	char human[DMA_WORD_LEN], copied[DMA_WORD_LEN * 2];

	if (!has[SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE])
		return;
	fprintf(o->f, "%-*s", DMA_LABEL_WIDTH, "bounce pool:");
	if (!d->bounce_size) {
		fprintf(o->f, "%s\n",
			iommu_translates(d) ? "none (IOMMU translates)" : "none");
		return;
	}
	fputs(format_size_iec(d->bounce_size, human, sizeof(human)), o->f);
	if (has[SHADOW_MM_A_DMA_DEV_BOUNCE_PA])
		fprintf(o->f, " at 0x%016llx",
			(unsigned long long)d->bounce_pa);
	if (has[SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT] && d->bounce_slot)
		fprintf(o->f, ", %llu slots of %u bytes",
			(unsigned long long)(d->bounce_size / d->bounce_slot),
			d->bounce_slot);
	if (has[SHADOW_MM_A_DMA_DEV_BOUNCE_USED])
		fprintf(o->f, ", %u used", d->bounce_used);
	fputc('\n', o->f);
	if (!has[SHADOW_MM_A_DMA_DEV_BOUNCED])
		return;
	fprintf(o->f, "%-*s%llu mapping%s", DMA_LABEL_WIDTH, "bounced:",
		(unsigned long long)d->bounced, d->bounced == 1 ? "" : "s");
	if (has[SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES])
		fprintf(o->f, ", %s copied",
			dma_bytes_text(d->bounce_bytes, copied, sizeof(copied)));
	fputc('\n', o->f);
}

static void dev_text(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	const bool *has = d->has;
	char zone[DMA_WORD_LEN], moved[DMA_WORD_LEN * 2];

	o->label_width = DMA_LABEL_WIDTH;
	dev_identity_text(o, d);
	dev_irq_text(o, d);
	dev_mask_text(o, d);
	dev_iommu_text(o, d);
	out_textf(o, "coherent", "%s", d->coherent ?
		  "yes (the device snoops CPU caches)" :
		  "no (syncs write back or invalidate CPU caches)");
	if (has[SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE])
		out_textf(o, "reachable", "zone %s (coherent buffers come from it)",
			  dma_enum_text(smm_zone_type_name, true, d->reachable_zone,
					zone, sizeof(zone)));
	else
		out_textf(o, "reachable", "no zone lies wholly below the mask");
	dev_bounce_text(o, d);
	if (has[SHADOW_MM_A_DMA_DEV_MAPPINGS])
		out_textf(o, "mappings", "%u", d->mappings);
	if (has[SHADOW_MM_A_DMA_DEV_XFERS])
		out_textf(o, "transfers", "%llu command%s, %s",
			  (unsigned long long)d->xfers,
			  d->xfers == 1 ? "" : "s",
			  dma_bytes_text(d->xfer_bytes, moved, sizeof(moved)));
	if (has[SHADOW_MM_A_DMA_DEV_WINDOW])
		out_textf(o, "window", "%#llx, %u bytes",
			  (unsigned long long)d->window, d->window_size);
}

/**
 * dma_print_dev() - the DMA device, as `dma dev` shows it
 * @o: the output
 * @d: the DMA_DEV_GET or DMA_DEV_SET reply
 *
 * Text: a line each for the device (PCI name, vendor:device, revision,
 * edu version), its interrupt, the DMA mask, the IOMMU domain in words,
 * whether it is cache-coherent, the zone it reaches whole, the bounce
 * pool and what went through it, the live mappings, the transfers and
 * the device's window. JSON: one object of the reply's attributes.
 */
void dma_print_dev(struct smm_out *o, const struct smm_dma_dev_info *d)
{
	if (o->json)
		dev_json(o, d);
	else
		dev_text(o, d);
}

/* ---- buffers -------------------------------------------------------- */

static bool is_streaming(const struct smm_dma_buf_info *b)
{
	return b->has[SHADOW_MM_A_DMA_KIND] &&
	       b->kind != SHADOW_MM_DMA_KIND_COHERENT;
}

static void seg_json(struct json_writer *w, const struct smm_dma_seg_info *s)
{
	json_begin_object(w, NULL);
	json_opt_u64(w, "index", s->has[SHADOW_MM_A_DMA_SEG_INDEX], s->index);
	json_opt_u64(w, "pa", s->has[SHADOW_MM_A_DMA_SEG_PA], s->pa);
	json_opt_u64(w, "len", s->has[SHADOW_MM_A_DMA_SEG_LEN], s->len);
	json_opt_u64(w, "dma_addr", s->has[SHADOW_MM_A_DMA_SEG_DMA_ADDR],
		     s->dma_addr);
	json_opt_u64(w, "bounce_pa", s->has[SHADOW_MM_A_DMA_SEG_BOUNCE_PA],
		     s->bounce_pa);
	json_end_object(w);
}

static void buf_json(struct smm_out *o, const struct smm_dma_buf_info *b)
{
	const bool *has = b->has;
	struct json_writer *w = &o->jw;
	size_t i;

	json_begin_object(w, NULL);
	json_u64(w, "id", b->id);
	json_opt_enum(w, "kind", has[SHADOW_MM_A_DMA_KIND], b->kind,
		      smm_dma_kind_name);
	json_opt_enum(w, "dir", has[SHADOW_MM_A_DMA_DIR], b->dir,
		      smm_dma_dir_name);
	json_opt_u64(w, "size", has[SHADOW_MM_A_DMA_SIZE], b->size);
	json_opt_u64(w, "pages", has[SHADOW_MM_A_DMA_PAGES], b->pages);
	json_opt_enum(w, "zone", has[SHADOW_MM_A_DMA_ZONE], b->zone,
		      smm_zone_type_name);
	json_opt_u64(w, "node", has[SHADOW_MM_A_DMA_NODE], b->node);
	json_opt_u64(w, "dma_addr", has[SHADOW_MM_A_DMA_DMA_ADDR], b->dma_addr);
	json_opt_u64(w, "pa", has[SHADOW_MM_A_DMA_PA], b->pa);
	json_opt_u64(w, "nents", has[SHADOW_MM_A_DMA_NENTS], b->nents);
	json_opt_u64(w, "mapped_nents", has[SHADOW_MM_A_DMA_MAPPED_NENTS],
		     b->mapped_nents);
	json_bool(w, "bounced", b->bounced);
	json_bool(w, "unchecked", b->unchecked);
	json_begin_array(w, "seg");
	for (i = 0; i < b->n_segs; i++)
		seg_json(w, &b->segs[i]);
	json_end_array(w);
	json_end_object(w);
}

/* "0x0000000012340000", or "?" (padded as wide) when it did not come. */
static const char *addr_text(bool has, __u64 addr, char *buf, size_t size)
{
	if (has)
		snprintf(buf, size, "0x%016llx", (unsigned long long)addr);
	else
		snprintf(buf, size, "%-18s", "?");
	return buf;
}

/*
 * "  SEG  PA  LEN  DMA_ADDR  BOUNCE_PA": a bounced segment says so at the
 * end; one the device sees at another address without a bounce went
 * through the IOMMU.
 */
static void segs_text(struct smm_out *o, const struct smm_dma_buf_info *b)
{
	char pa[24], dma[24], bpa[24];
	const struct smm_dma_seg_info *s;
	bool bounced, has_pa, has_dma;
	size_t i;

	fprintf(o->f, "  %3s  %-18s  %8s  %-18s  %s\n", "SEG", "PA", "LEN",
		"DMA_ADDR", "BOUNCE_PA");
	for (i = 0; i < b->n_segs; i++) {
		s = &b->segs[i];
		has_pa = s->has[SHADOW_MM_A_DMA_SEG_PA];
		has_dma = s->has[SHADOW_MM_A_DMA_SEG_DMA_ADDR];
		bounced = s->has[SHADOW_MM_A_DMA_SEG_BOUNCE_PA];
		if (s->has[SHADOW_MM_A_DMA_SEG_INDEX])
			fprintf(o->f, "  %3u", s->index);
		else
			fprintf(o->f, "  %3s", "?");
		fprintf(o->f, "  %s", addr_text(has_pa, s->pa, pa, sizeof(pa)));
		if (s->has[SHADOW_MM_A_DMA_SEG_LEN])
			fprintf(o->f, "  %8u", s->len);
		else
			fprintf(o->f, "  %8s", "?");
		fprintf(o->f, "  %s", addr_text(has_dma, s->dma_addr, dma,
						sizeof(dma)));
		if (bounced)
			fprintf(o->f, "  %s  bounced\n",
				addr_text(true, s->bounce_pa, bpa, sizeof(bpa)));
		else if (has_pa && has_dma && s->pa != s->dma_addr)
			fprintf(o->f, "  %-18s  IOMMU\n", "-");
		else
			fprintf(o->f, "  -\n");
	}
}

static void buf_text(struct smm_out *o, const struct smm_dma_buf_info *b)
{
	char kind[DMA_WORD_LEN], dir[DMA_WORD_LEN], zone[DMA_WORD_LEN];
	char size[DMA_WORD_LEN * 2];
	const bool *has = b->has;

	fprintf(o->f, "dma %u: %s, %s", b->id,
		dma_enum_text(smm_dma_kind_name, has[SHADOW_MM_A_DMA_KIND], b->kind,
			      kind, sizeof(kind)),
		dma_enum_text(smm_dma_dir_name, has[SHADOW_MM_A_DMA_DIR], b->dir,
			      dir, sizeof(dir)));
	if (has[SHADOW_MM_A_DMA_SIZE])
		fprintf(o->f, ", %s", dma_bytes_text(b->size, size, sizeof(size)));
	if (has[SHADOW_MM_A_DMA_PAGES])
		fprintf(o->f, " in %u page%s", b->pages,
			b->pages == 1 ? "" : "s");
	if (has[SHADOW_MM_A_DMA_ZONE])
		fprintf(o->f, ", zone %s",
			dma_enum_text(smm_zone_type_name, true, b->zone, zone,
				      sizeof(zone)));
	if (has[SHADOW_MM_A_DMA_NODE])
		fprintf(o->f, ", node %u", b->node);
	fputc('\n', o->f);

	o->label_width = DMA_LABEL_WIDTH;
	if (has[SHADOW_MM_A_DMA_DMA_ADDR])
		out_textf(o, "  dma_addr", "0x%016llx",
			  (unsigned long long)b->dma_addr);
	if (has[SHADOW_MM_A_DMA_PA])
		out_textf(o, "  pa", "0x%016llx", (unsigned long long)b->pa);
	if (has[SHADOW_MM_A_DMA_NENTS] || has[SHADOW_MM_A_DMA_MAPPED_NENTS])
		out_textf(o, "  segments", "%u entr%s, %u mapped", b->nents,
			  b->nents == 1 ? "y" : "ies", b->mapped_nents);
	out_textf(o, "  bounced", "%s", b->bounced ? "yes" : "no");
	/* Only a streaming mapping has an error to check. */
	if (is_streaming(b))
		out_textf(o, "  checked", "%s", b->unchecked ?
			  "no: dma_mapping_error() was not called" : "yes");
	if (b->n_segs)
		segs_text(o, b);
}

/**
 * dma_print_buf() - a DMA buffer, as `dma show`, `dma alloc` and `dma map`
 *	show it
 * @o: the output
 * @b: the buffer
 *
 * Text: a title line (id, kind, direction, size, pages, zone, node), the
 * handle, the first page's physical address, the scatterlist entries and
 * the segments the device sees, whether it bounced, whether its error was
 * checked (streaming mappings), then a line per segment: its physical
 * address, length, device address and bounce slot, "bounced" for a
 * bounced segment and "IOMMU" for one the device sees at another address
 * without a bounce. JSON: one object, the segments under "seg".
 */
void dma_print_buf(struct smm_out *o, const struct smm_dma_buf_info *b)
{
	if (o->json)
		buf_json(o, b);
	else
		buf_text(o, b);
}

/* One row of `dma list`. */
static void list_row(struct smm_out *o, const struct smm_dma_buf_info *b)
{
	char kind[DMA_WORD_LEN], dir[DMA_WORD_LEN], zone[DMA_WORD_LEN];
	char dma[24], pa[24], segs[DMA_WORD_LEN];
	const bool *has = b->has;

	if (has[SHADOW_MM_A_DMA_NENTS] && has[SHADOW_MM_A_DMA_MAPPED_NENTS])
		snprintf(segs, sizeof(segs), "%u/%u", b->nents,
			 b->mapped_nents);
	else
		snprintf(segs, sizeof(segs), "?");
	fprintf(o->f, "%3u  %-8s  %-13s  ", b->id,
		dma_enum_text(smm_dma_kind_name, has[SHADOW_MM_A_DMA_KIND], b->kind,
			      kind, sizeof(kind)),
		dma_enum_text(smm_dma_dir_name, has[SHADOW_MM_A_DMA_DIR], b->dir,
			      dir, sizeof(dir)));
	if (has[SHADOW_MM_A_DMA_SIZE])
		fprintf(o->f, "%10llu", (unsigned long long)b->size);
	else
		fprintf(o->f, "%10s", "?");
	if (has[SHADOW_MM_A_DMA_PAGES])
		fprintf(o->f, "  %5u", b->pages);
	else
		fprintf(o->f, "  %5s", "?");
	fprintf(o->f, "  %-7s  %s  %s  %-5s  %-7s  %s\n",
		dma_enum_text(smm_zone_type_name, has[SHADOW_MM_A_DMA_ZONE],
			      b->zone, zone, sizeof(zone)),
		addr_text(has[SHADOW_MM_A_DMA_DMA_ADDR], b->dma_addr, dma,
			  sizeof(dma)),
		addr_text(has[SHADOW_MM_A_DMA_PA], b->pa, pa, sizeof(pa)),
		segs, b->bounced ? "yes" : "no",
		!is_streaming(b) ? "-" : b->unchecked ? "no" : "yes");
}

/**
 * dma_print_list() - the DMA buffers, as `dma list` shows them
 * @o: the output
 * @bufs: the buffers, in the order the dump gave them
 * @n: how many
 *
 * Text: a table, a buffer a row: ID KIND DIR SIZE (bytes) PAGES ZONE
 * DMA_ADDR PA SEGS (scatterlist entries/mapped segments) BOUNCED CHECKED
 * ("-" for coherent buffers, which have no error to check); "no DMA
 * buffers" when there are none. JSON: an array of buffers as
 * dma_print_buf() writes them.
 */
void dma_print_list(struct smm_out *o, const struct smm_dma_buf_info *bufs,
		    size_t n)
{
	size_t i;

	if (o->json) {
		json_begin_array(&o->jw, NULL);
		for (i = 0; i < n; i++)
			buf_json(o, &bufs[i]);
		json_end_array(&o->jw);
		return;
	}
	if (!n) {
		fputs("no DMA buffers\n", o->f);
		return;
	}
	fprintf(o->f, "%3s  %-8s  %-13s  %10s  %5s  %-7s  %-18s  %-18s  %-5s  %-7s  %s\n",
		"ID", "KIND", "DIR", "SIZE", "PAGES", "ZONE", "DMA_ADDR", "PA",
		"SEGS", "BOUNCED", "CHECKED");
	for (i = 0; i < n; i++)
		list_row(o, &bufs[i]);
}

/* ---- transfers ------------------------------------------------------ */

/**
 * dma_print_xfer_result() - what a DMA_XFER reply says after the bytes
 * @o: the output
 * @x: the reply
 *
 * JSON: the members bytes, commands, src_dma, dst_dma, bounced and
 * device_ns of the caller's open object. Text: ", 2 commands, src
 * 0x000000000f7c2000, dst 0x000000000f7c2000, not bounced, device 200.4
 * ms" and the end of the line.
 */
void dma_print_xfer_result(struct smm_out *o,
			   const struct smm_dma_xfer_info *x)
{
	struct json_writer *w = &o->jw;
	const bool *has = x->has;
	char time[DMA_WORD_LEN];

	if (o->json) {
		json_u64(w, "bytes", x->bytes);
		json_opt_u64(w, "commands", has[SHADOW_MM_A_DMA_XFER_COMMANDS],
			     x->commands);
		json_opt_u64(w, "src_dma", has[SHADOW_MM_A_DMA_XFER_SRC_DMA],
			     x->src_dma);
		json_opt_u64(w, "dst_dma", has[SHADOW_MM_A_DMA_XFER_DST_DMA],
			     x->dst_dma);
		json_bool(w, "bounced", x->bounced);
		json_opt_u64(w, "device_ns", has[SHADOW_MM_A_DMA_XFER_DEVICE_NS],
			     x->device_ns);
		return;
	}
	if (has[SHADOW_MM_A_DMA_XFER_COMMANDS])
		fprintf(o->f, ", %u command%s", x->commands,
			x->commands == 1 ? "" : "s");
	if (has[SHADOW_MM_A_DMA_XFER_SRC_DMA])
		fprintf(o->f, ", src 0x%016llx",
			(unsigned long long)x->src_dma);
	if (has[SHADOW_MM_A_DMA_XFER_DST_DMA])
		fprintf(o->f, ", dst 0x%016llx",
			(unsigned long long)x->dst_dma);
	fprintf(o->f, ", %s", x->bounced ? "bounced" : "not bounced");
	if (has[SHADOW_MM_A_DMA_XFER_DEVICE_NS])
		fprintf(o->f, ", device %s",
			dma_time_text(x->device_ns, time, sizeof(time)));
	fputc('\n', o->f);
}

/**
 * dma_print_xfer() - one transfer, as `dma xfer` shows it
 * @o: the output
 * @kind: the enum shadow_mm_dma_kind of the temporary buffer `dma xfer
 *	kind K` made; 0 when the buffers were named
 * @src: id of the buffer the device read
 * @dst: id of the buffer it wrote back into
 * @x: the DMA_XFER reply
 *
 * Text: one line, "coherent: 4096 bytes verified, 2 commands, src
 * 0x000000000f7c2000, dst 0x000000000f7c2000, not bounced, device 200.4
 * ms" (named buffers: "dma 1 -> 2: ..."). JSON: one object with kind,
 * src, dst and the reply's attributes.
 */
void dma_print_xfer(struct smm_out *o, __u32 kind, __u32 src, __u32 dst,
		    const struct smm_dma_xfer_info *x)
{
	char name[DMA_WORD_LEN];

	if (o->json) {
		json_begin_object(&o->jw, NULL);
		json_opt_enum(&o->jw, "kind", kind, kind, smm_dma_kind_name);
		json_u64(&o->jw, "src", src);
		json_u64(&o->jw, "dst", dst);
		dma_print_xfer_result(o, x);
		json_end_object(&o->jw);
		return;
	}
	if (kind)
		fprintf(o->f, "%s:", dma_enum_text(smm_dma_kind_name, true, kind,
						   name, sizeof(name)));
	else if (src == dst)
		fprintf(o->f, "dma %u:", src);
	else
		fprintf(o->f, "dma %u -> %u:", src, dst);
	fprintf(o->f, " %u bytes verified", x->bytes);
	dma_print_xfer_result(o, x);
}

/* ---- DMA-debug ------------------------------------------------------ */

static const char *check_action(__u32 check)
{
	if (!smm_dma_check_name(check))
		return NULL;
	return dma_check_refused(check) ? "refused" : "reported";
}

/*
 * The count of @check in @c; false when the reply had none (-1 in
 * *@index), else *@index is its row.
 */
static bool find_count(const struct smm_dma_counts_info *c, __u32 check,
		       unsigned int *index)
{
	unsigned int i;

	for (i = 0; i < c->n_counts; i++)
		if (c->counts[i].check == check) {
			*index = i;
			return true;
		}
	return false;
}

/* Every check this smm knows, in order, then those it does not. */
static void counts_json(struct json_writer *w,
			const struct smm_dma_counts_info *c)
{
	const char *action;
	unsigned int i;
	__u32 check;

	json_begin_array(w, "counts");
	for (check = SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN;
	     smm_dma_check_name(check); check++) {
		bool has = find_count(c, check, &i);

		json_begin_object(w, NULL);
		json_string(w, "check", smm_dma_check_name(check));
		json_string(w, "action", check_action(check));
		json_opt_u64(w, "count", has, has ? c->counts[i].count : 0);
		json_end_object(w);
	}
	for (i = 0; i < c->n_counts; i++) {
		if (smm_dma_check_name(c->counts[i].check))
			continue;
		action = check_action(c->counts[i].check);
		json_begin_object(w, NULL);
		json_u64(w, "check", c->counts[i].check);
		json_opt_str(w, "action", action, action);
		json_u64(w, "count", c->counts[i].count);
		json_end_object(w);
	}
	json_end_array(w);
}

static void finding_json(struct json_writer *w,
			 const struct smm_dma_finding_info *f)
{
	const bool *has = f->has;

	json_begin_object(w, NULL);
	json_u64(w, "seq", f->seq);
	json_opt_enum(w, "check", true, f->check, smm_dma_check_name);
	json_opt_u64(w, "dma_addr", has[SHADOW_MM_A_DMA_ERROR_DMA_ADDR],
		     f->dma_addr);
	json_opt_u64(w, "size", has[SHADOW_MM_A_DMA_ERROR_SIZE], f->size);
	json_opt_enum(w, "dir", has[SHADOW_MM_A_DMA_ERROR_DIR], f->dir,
		      smm_dma_dir_name);
	json_opt_u64(w, "mapped_size", has[SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE],
		     f->mapped_size);
	json_opt_enum(w, "mapped_dir", has[SHADOW_MM_A_DMA_ERROR_MAPPED_DIR],
		      f->mapped_dir, smm_dma_dir_name);
	json_opt_str(w, "site", has[SHADOW_MM_A_DMA_ERROR_SITE], f->site);
	json_opt_str(w, "message", has[SHADOW_MM_A_DMA_ERROR_MESSAGE],
		     f->message);
	json_end_object(w);
}

static void counts_text(struct smm_out *o, const struct smm_dma_counts_info *c)
{
	char num[DMA_WORD_LEN];
	unsigned int i;
	__u32 check;

	fprintf(o->f, "%-15s  %-8s  %12s\n", "CHECK", "ACTION", "COUNT");
	for (check = SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN;
	     smm_dma_check_name(check); check++) {
		fprintf(o->f, "%-15s  %-8s  ", smm_dma_check_name(check),
			check_action(check));
		if (find_count(c, check, &i))
			fprintf(o->f, "%12llu\n",
				(unsigned long long)c->counts[i].count);
		else
			fprintf(o->f, "%12s\n", "?");
	}
	for (i = 0; i < c->n_counts; i++) {
		check = c->counts[i].check;
		if (smm_dma_check_name(check))
			continue;
		snprintf(num, sizeof(num), "check %u", check);
		fprintf(o->f, "%-15s  %-8s  %12llu\n", num, "?",
			(unsigned long long)c->counts[i].count);
	}
	if (c->has[SHADOW_MM_A_DMA_ERROR_TOTAL])
		fprintf(o->f, "total: %llu finding%s since load",
			(unsigned long long)c->total,
			c->total == 1 ? "" : "s");
	if (c->has[SHADOW_MM_A_DMA_ERROR_LOST])
		fprintf(o->f, "%s%llu no longer kept",
			c->has[SHADOW_MM_A_DMA_ERROR_TOTAL] ? ", " : "",
			(unsigned long long)c->lost);
	if (c->has[SHADOW_MM_A_DMA_ERROR_TOTAL] ||
	    c->has[SHADOW_MM_A_DMA_ERROR_LOST])
		fputc('\n', o->f);
}

/* "4096 to-device", or "-" when no mapping was found at the address. */
static const char *mapped_text(const struct smm_dma_finding_info *f,
			       char *buf, size_t size)
{
	bool has_size = f->has[SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE];
	bool has_dir = f->has[SHADOW_MM_A_DMA_ERROR_MAPPED_DIR];
	char num[DMA_WORD_LEN];
	const char *dir;

	if (!has_size && !has_dir) {
		snprintf(buf, size, "-");
		return buf;
	}
	dir = dma_enum_text(smm_dma_dir_name, has_dir, f->mapped_dir, num,
			    sizeof(num));
	if (has_size)
		snprintf(buf, size, "%llu %s",
			 (unsigned long long)f->mapped_size, dir);
	else
		snprintf(buf, size, "%s", dir);
	return buf;
}

static void finding_text(struct smm_out *o,
			 const struct smm_dma_finding_info *f)
{
	char check[DMA_WORD_LEN], dir[DMA_WORD_LEN], addr[24], size[24];
	char mapped[DMA_WORD_LEN * 2];
	const bool *has = f->has;

	if (has[SHADOW_MM_A_DMA_ERROR_SIZE])
		snprintf(size, sizeof(size), "%llu",
			 (unsigned long long)f->size);
	else
		snprintf(size, sizeof(size), "-");
	fprintf(o->f, "%5llu  %-15s  %s  %10s  %-13s  %-24s  %s\n",
		(unsigned long long)f->seq,
		dma_enum_text(smm_dma_check_name, true, f->check, check,
			      sizeof(check)),
		addr_text(has[SHADOW_MM_A_DMA_ERROR_DMA_ADDR], f->dma_addr,
			  addr, sizeof(addr)),
		size,
		has[SHADOW_MM_A_DMA_ERROR_DIR] ?
		dma_enum_text(smm_dma_dir_name, true, f->dir, dir, sizeof(dir)) :
		"-",
		mapped_text(f, mapped, sizeof(mapped)),
		has[SHADOW_MM_A_DMA_ERROR_SITE] ? f->site : "?");
	if (has[SHADOW_MM_A_DMA_ERROR_MESSAGE])
		fprintf(o->f, "%5s  %s\n", "", f->message);
}

/**
 * dma_print_errors() - the DMA-debug checks, as `dma errors` shows them
 * @o: the output
 * @c: the counts (the DMA_ERROR_GET do reply)
 * @findings: the kept findings, oldest first (the dump); NULL when not
 *	asked for
 * @n: entries in @findings
 * @verbose: show @findings (`dma errors -v`, `dma errors log`)
 *
 * Text: a row per check (every check this smm knows, in the spec's order,
 * then any it does not): its name, whether it refuses the call or reports
 * it, and how often it fired ("?" when the module sent no count); the
 * total and how many findings are no longer kept. Verbose: then a row per
 * finding: sequence number, check, the device address, size and
 * direction passed, the size and direction of the mapping found there
 * ("-": none), the caller, and under it the message. JSON: one object,
 * "counts", "total", "lost" and, verbose, "findings".
 */
void dma_print_errors(struct smm_out *o, const struct smm_dma_counts_info *c,
		      const struct smm_dma_finding_info *findings, size_t n,
		      bool verbose)
{
	size_t i;

	if (o->json) {
		json_begin_object(&o->jw, NULL);
		counts_json(&o->jw, c);
		json_opt_u64(&o->jw, "total", c->has[SHADOW_MM_A_DMA_ERROR_TOTAL],
			     c->total);
		json_opt_u64(&o->jw, "lost", c->has[SHADOW_MM_A_DMA_ERROR_LOST],
			     c->lost);
		if (verbose) {
			json_begin_array(&o->jw, "findings");
			for (i = 0; i < n; i++)
				finding_json(&o->jw, &findings[i]);
			json_end_array(&o->jw);
		}
		json_end_object(&o->jw);
		return;
	}
	counts_text(o, c);
	if (!verbose)
		return;
	fputc('\n', o->f);
	if (!n) {
		fputs("no findings kept\n", o->f);
		return;
	}
	fprintf(o->f, "%5s  %-15s  %-18s  %10s  %-13s  %-24s  %s\n", "SEQ",
		"CHECK", "DMA_ADDR", "SIZE", "DIR", "MAPPED", "SITE");
	for (i = 0; i < n; i++)
		finding_text(o, &findings[i]);
}

/* ---- events --------------------------------------------------------- */

static const char *event_name(__u32 type)
{
	switch (type) {
	case SHADOW_MM_EVENT_TYPE_DMA_MAP:
		return "dma-map";
	case SHADOW_MM_EVENT_TYPE_DMA_UNMAP:
		return "dma-unmap";
	case SHADOW_MM_EVENT_TYPE_DMA_XFER:
		return "dma-xfer";
	case SHADOW_MM_EVENT_TYPE_DMA_CHECK:
		return "dma-check";
	default:
		return NULL;
	}
}

static void event_json(struct smm_out *o, const struct smm_dma_event_info *ev)
{
	struct json_writer *w = &o->jw;
	const bool *has = ev->has;

	json_begin_object(w, NULL);
	json_opt_u64(w, "seq", has[SHADOW_MM_A_EVENT_SEQ], ev->seq);
	json_opt_u64(w, "dropped", has[SHADOW_MM_A_EVENT_DROPPED], ev->dropped);
	json_opt_enum(w, "type", true, ev->type, event_name);
	json_opt_u64(w, "id", has[SHADOW_MM_A_EVENT_DMA_ID], ev->id);
	json_opt_u64(w, "dma_addr", has[SHADOW_MM_A_EVENT_DMA_ADDR], ev->addr);
	json_opt_u64(w, "size", has[SHADOW_MM_A_EVENT_DMA_SIZE], ev->size);
	json_opt_enum(w, "dir", has[SHADOW_MM_A_EVENT_DMA_DIR], ev->dir,
		      smm_dma_dir_name);
	json_opt_enum(w, "kind", has[SHADOW_MM_A_EVENT_DMA_KIND], ev->kind,
		      smm_dma_kind_name);
	json_opt_enum(w, "check", has[SHADOW_MM_A_EVENT_DMA_CHECK], ev->check,
		      smm_dma_check_name);
	json_bool(w, "bounced", ev->bounced);
	json_opt_u64(w, "cpu", has[SHADOW_MM_A_EVENT_CPU], ev->cpu);
	json_end_object(w);
}

/*
 * "dma-map   id 3 sg to-device 12288 bytes dma 0x000000000e001000
 * bounced cpu 0"; a dma-check event names its check first.
 */
static void event_text(struct smm_out *o, const struct smm_dma_event_info *ev)
{
	char type[DMA_WORD_LEN], word[DMA_WORD_LEN];
	const bool *has = ev->has;

	fprintf(o->f, "%-9s", dma_enum_text(event_name, true, ev->type, type,
					    sizeof(type)));
	if (has[SHADOW_MM_A_EVENT_DMA_CHECK])
		fprintf(o->f, " %s", dma_enum_text(smm_dma_check_name, true,
						   ev->check, word, sizeof(word)));
	if (has[SHADOW_MM_A_EVENT_DMA_ID])
		fprintf(o->f, " id %u", ev->id);
	if (has[SHADOW_MM_A_EVENT_DMA_KIND])
		fprintf(o->f, " %s", dma_enum_text(smm_dma_kind_name, true,
						   ev->kind, word, sizeof(word)));
	if (has[SHADOW_MM_A_EVENT_DMA_DIR])
		fprintf(o->f, " %s", dma_enum_text(smm_dma_dir_name, true, ev->dir,
						   word, sizeof(word)));
	if (has[SHADOW_MM_A_EVENT_DMA_SIZE])
		fprintf(o->f, " %llu bytes", (unsigned long long)ev->size);
	if (has[SHADOW_MM_A_EVENT_DMA_ADDR])
		fprintf(o->f, " dma 0x%016llx", (unsigned long long)ev->addr);
	if (ev->bounced)
		fputs(" bounced", o->f);
	if (has[SHADOW_MM_A_EVENT_CPU])
		fprintf(o->f, " cpu %u", ev->cpu);
	fputc('\n', o->f);
}

/**
 * dma_print_event() - a DMA event, as `monitor` shows it
 * @o: the output
 * @ev: the event
 *
 * Text: one line, the type (dma-map, dma-unmap, dma-xfer, dma-check), for
 * a check its name, then what came of the buffer's id, kind, direction,
 * size and device address, "bounced", and the CPU. JSON: one object with
 * seq, dropped, type, id, dma_addr, size, dir, kind, check, bounced, cpu.
 */
void dma_print_event(struct smm_out *o, const struct smm_dma_event_info *ev)
{
	if (o->json)
		event_json(o, ev);
	else
		event_text(o, ev);
}
