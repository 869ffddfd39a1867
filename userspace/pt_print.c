// SPDX-License-Identifier: GPL-2.0
/*
 * pt_print.c - shadow address spaces, walks, touches, range dumps and the
 * page-table benchmark as text and JSON; a walk as a tree
 *
 * JSON keys are the spec's attribute names in snake_case; a repeated nest
 * is an array under its attribute's name ("level", "field", "region");
 * enum values are the spec's names, flag sets arrays of names; what the
 * module did not send is null. Text is for people: addresses in hex,
 * sizes with units, protections as "rwxu" letters.
 */
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "pt_print.h"

/* Labels of the walk's summary lines ("pa:", "fault:"), colon included. */
#define PT_LABEL_WIDTH		8
/* Cells of the per-level table. */
#define PT_CELL_LEN		48
/* Text lines of decoded fields wrap before this column. */
#define PT_WRAP_COLUMN		80

/* vm_flags bits /proc/PID/maps shows; the same in every kernel. */
#define PT_VM_READ		0x1ULL
#define PT_VM_WRITE		0x2ULL
#define PT_VM_EXEC		0x4ULL
#define PT_VM_SHARED		0x8ULL

/* The leaf kinds that map memory. */
static bool kind_is_leaf(__u32 kind)
{
	return kind == SHADOW_MM_ENTRY_KIND_BLOCK ||
	       kind == SHADOW_MM_ENTRY_KIND_PAGE;
}

/**
 * pt_va_digits() - hex digits a virtual address of a format takes
 * @format: an enum shadow_mm_pt_format value, 0 when unknown
 *
 * Return: 8 for the 32-bit formats (arm, arm-lpae), else 16.
 */
int pt_va_digits(__u32 format)
{
	return format == SHADOW_MM_PT_FORMAT_ARM ||
	       format == SHADOW_MM_PT_FORMAT_ARM_LPAE ? 8 : 16;
}

/**
 * pt_desc_digits() - hex digits a descriptor of a format takes
 * @format: an enum shadow_mm_pt_format value, 0 when unknown
 *
 * Return: 8 for arm's 32-bit descriptors, else 16.
 */
int pt_desc_digits(__u32 format)
{
	return format == SHADOW_MM_PT_FORMAT_ARM ? 8 : 16;
}

/**
 * pt_source_text() - what a walk read, for titles
 * @source: where the tables were
 * @id: the address space or pid
 * @buf: where the text goes
 * @size: size of @buf
 *
 * Return: @buf: "address space 3", "pid 1234", "the kernel".
 */
const char *pt_source_text(enum smm_walk_source source, __u32 id, char *buf,
			   size_t size)
{
	switch (source) {
	case SMM_WALK_AS:
		snprintf(buf, size, "address space %u", id);
		break;
	case SMM_WALK_PID:
		snprintf(buf, size, "pid %u", id);
		break;
	case SMM_WALK_KERNEL:
		snprintf(buf, size, "the kernel");
		break;
	default:
		snprintf(buf, size, "the tables");
		break;
	}
	return buf;
}

/**
 * pt_size_text() - a size as ptdump prints one: "4K", "2M", "1G"
 * @bytes: the size
 * @buf: where the text goes
 * @size: size of @buf
 *
 * The largest of K, M, G, T, P that divides @bytes; bytes otherwise
 * ("0", "512").
 *
 * Return: @buf.
 */
const char *pt_size_text(__u64 bytes, char *buf, size_t size)
{
	static const char units[] = "KMGTP";
	int u = -1;

	while (u + 1 < (int)sizeof(units) - 1 && bytes &&
	       !(bytes & ((1ULL << (10 * (u + 2))) - 1)))
		u++;
	if (u < 0)
		snprintf(buf, size, "%llu", (unsigned long long)bytes);
	else
		snprintf(buf, size, "%llu%c",
			 (unsigned long long)(bytes >> (10 * (u + 1))),
			 units[u]);
	return buf;
}

/**
 * pt_index_text() - a level's index and the VA bits that made it
 * @l: the level
 * @buf: where the text goes
 * @size: size of @buf
 *
 * Return: @buf: "[47:39] = 0x1"; the index alone when the bits did not
 * come.
 */
const char *pt_index_text(const struct smm_walk_level_info *l, char *buf,
			  size_t size)
{
	if (!l->has[SHADOW_MM_A_WALK_LEVEL_INDEX])
		snprintf(buf, size, "-");
	else if (l->has[SHADOW_MM_A_WALK_LEVEL_SHIFT] &&
		 l->has[SHADOW_MM_A_WALK_LEVEL_BITS] && l->bits)
		snprintf(buf, size, "[%u:%u] = %#x", l->shift + l->bits - 1,
			 l->shift, l->index);
	else
		snprintf(buf, size, "%#x", l->index);
	return buf;
}

/**
 * pt_field_text() - a decoded field as "name=value (text)"
 * @f: the field
 * @buf: where the text goes
 * @size: size of @buf
 *
 * Values under 10 print in decimal, larger ones in hex.
 *
 * Return: @buf.
 */
const char *pt_field_text(const struct smm_pt_field_info *f, char *buf,
			  size_t size)
{
	char value[24] = "?";

	if (f->has_value)
		snprintf(value, sizeof(value), f->value < 10 ? "%llu" : "%#llx",
			 (unsigned long long)f->value);
	if (f->text[0])
		snprintf(buf, size, "%s=%s (%s)", f->name, value, f->text);
	else
		snprintf(buf, size, "%s=%s", f->name, value);
	return buf;
}

static const char *format_name(__u32 format, char *buf, size_t size)
{
	const char *name = smm_pt_format_name(format);

	if (name)
		return name;
	snprintf(buf, size, "format %u", format);
	return buf;
}

/* ---- address spaces ------------------------------------------------- */

static void as_json(struct smm_out *o, const struct smm_as_info *as)
{
	const struct smm_region_info *r;
	size_t i;

	json_begin_object(&o->jw, NULL);
	json_opt_u64(&o->jw, "id", as->has[SHADOW_MM_A_AS_ID], as->id);
	json_opt_enum(&o->jw, "format", as->has[SHADOW_MM_A_AS_FORMAT],
		      as->format, smm_pt_format_name);
	json_opt_u64(&o->jw, "levels", as->has[SHADOW_MM_A_AS_LEVELS],
		     as->levels);
	json_opt_u64(&o->jw, "va_bits", as->has[SHADOW_MM_A_AS_VA_BITS],
		     as->va_bits);
	json_opt_u64(&o->jw, "root", as->has[SHADOW_MM_A_AS_ROOT], as->root);
	json_opt_u64(&o->jw, "table_pages", as->has[SHADOW_MM_A_AS_TABLE_PAGES],
		     as->table_pages);
	json_opt_u64(&o->jw, "mapped_bytes",
		     as->has[SHADOW_MM_A_AS_MAPPED_BYTES], as->mapped_bytes);
	json_opt_u64(&o->jw, "mair", as->has[SHADOW_MM_A_AS_MAIR], as->mair);
	json_begin_array(&o->jw, "region");
	for (i = 0; i < as->n_regions; i++) {
		r = &as->regions[i];
		json_begin_object(&o->jw, NULL);
		json_opt_u64(&o->jw, "va", r->has[SHADOW_MM_A_REGION_VA],
			     r->va);
		json_opt_u64(&o->jw, "len", r->has[SHADOW_MM_A_REGION_LEN],
			     r->len);
		json_opt_flags(&o->jw, "prot", r->has[SHADOW_MM_A_REGION_PROT],
			       r->prot, smm_prot_name);
		json_opt_enum(&o->jw, "kind", r->has[SHADOW_MM_A_REGION_KIND],
			      r->kind, smm_region_kind_name);
		json_opt_u64(&o->jw, "pfn", r->has[SHADOW_MM_A_REGION_PFN],
			     r->pfn);
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);
	json_end_object(&o->jw);
}

/* "  0x400000-0x410000  rw-u  pages" (and the frame of a pfn region). */
static void region_text(struct smm_out *o, const struct smm_region_info *r,
			int digits)
{
	char prot[16], kind[16], size[24];

	fprintf(o->f, "    0x%0*llx-0x%0*llx %6s  %s  %s", digits,
		(unsigned long long)r->va, digits,
		(unsigned long long)(r->va + r->len),
		pt_size_text(r->len, size, sizeof(size)),
		r->has[SHADOW_MM_A_REGION_PROT] ?
		smm_prot_text(r->prot, prot, sizeof(prot)) : "????",
		r->has[SHADOW_MM_A_REGION_KIND] ?
		smm_name_or_number(smm_region_kind_name(r->kind), r->kind, kind,
				   sizeof(kind)) : "?");
	if (r->has[SHADOW_MM_A_REGION_PFN])
		fprintf(o->f, " %#llx", (unsigned long long)r->pfn);
	fputc('\n', o->f);
}

static void as_text(struct smm_out *o, const struct smm_as_info *as)
{
	char name[24], human[32];
	int digits = pt_va_digits(as->format);
	size_t i;

	fprintf(o->f, "as %u: %s", as->id,
		as->has[SHADOW_MM_A_AS_FORMAT] ?
		format_name(as->format, name, sizeof(name)) : "format unknown");
	if (as->has[SHADOW_MM_A_AS_LEVELS])
		fprintf(o->f, ", %u levels", as->levels);
	if (as->has[SHADOW_MM_A_AS_VA_BITS])
		fprintf(o->f, ", %u-bit VA", as->va_bits);
	fputc('\n', o->f);
	o->label_width = 15;
	if (as->has[SHADOW_MM_A_AS_ROOT])
		out_textf(o, "  root", "%#llx", (unsigned long long)as->root);
	if (as->has[SHADOW_MM_A_AS_TABLE_PAGES])
		out_textf(o, "  table pages", "%u", as->table_pages);
	if (as->has[SHADOW_MM_A_AS_MAPPED_BYTES] && as->mapped_bytes < 1024)
		out_textf(o, "  mapped", "%llu bytes",
			  (unsigned long long)as->mapped_bytes);
	else if (as->has[SHADOW_MM_A_AS_MAPPED_BYTES])
		out_textf(o, "  mapped", "%llu bytes (%s)",
			  (unsigned long long)as->mapped_bytes,
			  format_size_iec(as->mapped_bytes, human,
					  sizeof(human)));
	if (as->has[SHADOW_MM_A_AS_MAIR])
		out_textf(o, "  mair", "%#018llx",
			  (unsigned long long)as->mair);
	if (!as->n_regions) {
		out_textf(o, "  regions", "none");
		return;
	}
	out_textf(o, "  regions", "%zu", as->n_regions);
	for (i = 0; i < as->n_regions; i++)
		region_text(o, &as->regions[i], digits);
}

/**
 * pt_print_as() - a shadow address space, as `as list` shows it
 * @o: the output
 * @as: the address space
 *
 * Text: a title line (id, format, levels, VA width), the root table, the
 * page-table pages, the bytes mapped, the MAIR, and a line per region
 * (range, size, protections, what backs it, the first frame of a pfn
 * region). JSON: one object.
 */
void pt_print_as(struct smm_out *o, const struct smm_as_info *as)
{
	if (o->json)
		as_json(o, as);
	else
		as_text(o, as);
}

/**
 * pt_print_map() - what `as map`, `as unmap` or `as protect` did
 * @o: the output
 * @op: which of them
 * @va: the first address of the range asked for
 * @len: its length
 * @prot: for protect, the new protections
 * @m: the reply
 *
 * Text: one line, "mapped 0x400000-0x410000: 16 pages, 0 blocks; 2
 * page-table pages allocated". JSON: the range and the reply's counts.
 */
void pt_print_map(struct smm_out *o, enum smm_map_op op, __u64 va, __u64 len,
		  __u32 prot, const struct smm_map_info *m)
{
	static const char *const verb[] = {
		[SMM_MAP_OP_MAP] = "mapped",
		[SMM_MAP_OP_UNMAP] = "unmapped",
		[SMM_MAP_OP_PROTECT] = "protected",
	};
	char p[16];

	if (o->json) {
		json_begin_object(&o->jw, NULL);
		json_u64(&o->jw, "va", va);
		json_u64(&o->jw, "len", len);
		json_opt_u64(&o->jw, "tables", m->has[SHADOW_MM_A_MAP_TABLES],
			     m->tables);
		json_opt_u64(&o->jw, "blocks", m->has[SHADOW_MM_A_MAP_BLOCKS],
			     m->blocks);
		json_opt_u64(&o->jw, "pages", m->has[SHADOW_MM_A_MAP_PAGES],
			     m->pages);
		json_end_object(&o->jw);
		return;
	}
	fprintf(o->f, "%s %#llx-%#llx", verb[op], (unsigned long long)va,
		(unsigned long long)(va + len));
	if (op == SMM_MAP_OP_PROTECT)
		fprintf(o->f, " %s", smm_prot_text(prot, p, sizeof(p)));
	fprintf(o->f, ": %u pages, %u blocks", m->pages, m->blocks);
	if (m->has[SHADOW_MM_A_MAP_TABLES] && op != SMM_MAP_OP_PROTECT)
		fprintf(o->f, "; %u page-table pages %s", m->tables,
			op == SMM_MAP_OP_MAP ? "allocated" : "freed");
	fputc('\n', o->f);
}

/* ---- touches -------------------------------------------------------- */

static void touch_json(struct smm_out *o, const struct smm_walk_info *w)
{
	json_begin_object(&o->jw, NULL);
	json_opt_u64(&o->jw, "va", w->has[SHADOW_MM_A_WALK_VA], w->va);
	json_opt_enum(&o->jw, "access", w->has[SHADOW_MM_A_WALK_ACCESS],
		      w->access, smm_access_name);
	json_bool(&o->jw, "user", w->user);
	json_opt_enum(&o->jw, "fault", w->has[SHADOW_MM_A_WALK_FAULT], w->fault,
		      smm_fault_name);
	json_opt_u64(&o->jw, "fault_level",
		     w->has[SHADOW_MM_A_WALK_FAULT_LEVEL], w->fault_level);
	json_opt_enum(&o->jw, "fixup", w->has[SHADOW_MM_A_WALK_FIXUP], w->fixup,
		      smm_fixup_name);
	json_opt_u64(&o->jw, "pa", w->has[SHADOW_MM_A_WALK_PA], w->pa);
	json_opt_u64(&o->jw, "size", w->has[SHADOW_MM_A_WALK_SIZE], w->size);
	json_opt_flags(&o->jw, "prot", w->has[SHADOW_MM_A_WALK_PROT], w->prot,
		       smm_prot_name);
	json_bool(&o->jw, "completed", pt_walk_mapped(w));
	json_end_object(&o->jw);
}

/* "0x41240123 (4 KiB page), prot rw-u" */
static void pa_text(struct smm_out *o, const struct smm_walk_info *w)
{
	char human[32], prot[16];

	fprintf(o->f, "%#llx", (unsigned long long)w->pa);
	if (w->has[SHADOW_MM_A_WALK_SIZE])
		fprintf(o->f, " (%s %s)",
			format_size_iec(w->size, human, sizeof(human)),
			w->size > (1ULL << PT_PAGE_SHIFT) ? "block" : "page");
	if (w->has[SHADOW_MM_A_WALK_PROT])
		fprintf(o->f, ", prot %s",
			smm_prot_text(w->prot, prot, sizeof(prot)));
	fputc('\n', o->f);
}

/* "translation at level 2" and, when the level is known, "(pmd)". */
static void fault_text(struct smm_out *o, const struct smm_walk_info *w)
{
	char num[16];
	unsigned int i;

	fprintf(o->f, "%s",
		w->has[SHADOW_MM_A_WALK_FAULT] ?
		smm_name_or_number(smm_fault_name(w->fault), w->fault, num,
				   sizeof(num)) : "unknown");
	if (!w->has[SHADOW_MM_A_WALK_FAULT_LEVEL]) {
		fputc('\n', o->f);
		return;
	}
	fprintf(o->f, " at level %u", w->fault_level);
	for (i = 0; i < w->n_level; i++)
		if (w->level[i].has[SHADOW_MM_A_WALK_LEVEL_LEVEL] &&
		    w->level[i].level == w->fault_level &&
		    w->level[i].name[0])
			fprintf(o->f, " (%s)", w->level[i].name);
	fputc('\n', o->f);
}

static void touch_text(struct smm_out *o, const struct smm_walk_info *w)
{
	char num[16];

	o->label_width = PT_LABEL_WIDTH;
	fprintf(o->f, "%s of %#llx%s\n",
		w->has[SHADOW_MM_A_WALK_ACCESS] ?
		smm_name_or_number(smm_access_name(w->access), w->access, num,
				   sizeof(num)) : "access",
		(unsigned long long)w->va, w->user ? " from user mode" : "");
	fprintf(o->f, "%-*s", PT_LABEL_WIDTH, "fault:");
	if (w->has[SHADOW_MM_A_WALK_FAULT])
		fault_text(o, w);
	else
		fputs("none\n", o->f);
	if (w->has[SHADOW_MM_A_WALK_FIXUP])
		out_textf(o, "fixup", "%s",
			  smm_name_or_number(smm_fixup_name(w->fixup), w->fixup,
					     num, sizeof(num)));
	else if (w->has[SHADOW_MM_A_WALK_FAULT])
		out_textf(o, "fixup", "none");
	if (pt_walk_mapped(w)) {
		fprintf(o->f, "%-*s", PT_LABEL_WIDTH, "pa:");
		pa_text(o, w);
	} else {
		fputs("unresolved: the access fails (SIGSEGV)\n", o->f);
	}
}

/**
 * pt_print_touch() - what `as touch` did
 * @o: the output
 * @w: the AS_TOUCH reply
 *
 * Text: the access, the fault the MMU raised (or none) and at which
 * level, what the shadow kernel did about it, then the physical address
 * the access reached, or "unresolved: the access fails (SIGSEGV)". JSON:
 * every attribute, and "completed".
 */
void pt_print_touch(struct smm_out *o, const struct smm_walk_info *w)
{
	if (o->json)
		touch_json(o, w);
	else
		touch_text(o, w);
}

/* ---- walks: JSON ---------------------------------------------------- */

/*
 * Whether the CPU's own translation agrees with the walk: 1 yes, 0 no,
 * -1 when the module sent none.
 */
static int hw_agrees(const struct smm_walk_info *w)
{
	bool hw_faults;

	if (w->has[SHADOW_MM_A_WALK_HW_PA])
		return pt_walk_mapped(w) && w->hw_pa == w->pa;
	if (!w->has[SHADOW_MM_A_WALK_HW_PAR])
		return -1;
	/* PAR.F, bit 0 in every PAR format, says the translation faulted. */
	hw_faults = w->hw_par & 1;
	return hw_faults ? !pt_walk_mapped(w) : 0;
}

static void level_json(struct smm_out *o, const struct smm_walk_level_info *l)
{
	const struct smm_pt_field_info *f;
	unsigned int i;

	json_begin_object(&o->jw, NULL);
	json_opt_u64(&o->jw, "level", l->has[SHADOW_MM_A_WALK_LEVEL_LEVEL],
		     l->level);
	json_opt_str(&o->jw, "name", l->has[SHADOW_MM_A_WALK_LEVEL_NAME],
		     l->name);
	json_opt_u64(&o->jw, "table", l->has[SHADOW_MM_A_WALK_LEVEL_TABLE],
		     l->table);
	json_opt_u64(&o->jw, "index", l->has[SHADOW_MM_A_WALK_LEVEL_INDEX],
		     l->index);
	json_opt_u64(&o->jw, "shift", l->has[SHADOW_MM_A_WALK_LEVEL_SHIFT],
		     l->shift);
	json_opt_u64(&o->jw, "bits", l->has[SHADOW_MM_A_WALK_LEVEL_BITS],
		     l->bits);
	json_opt_u64(&o->jw, "raw", l->has[SHADOW_MM_A_WALK_LEVEL_RAW], l->raw);
	json_opt_u64(&o->jw, "raw_linux",
		     l->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX], l->raw_linux);
	json_opt_enum(&o->jw, "kind", l->has[SHADOW_MM_A_WALK_LEVEL_KIND],
		      l->kind, smm_entry_kind_name);
	json_opt_u64(&o->jw, "addr", l->has[SHADOW_MM_A_WALK_LEVEL_ADDR],
		     l->addr);
	json_opt_u64(&o->jw, "size", l->has[SHADOW_MM_A_WALK_LEVEL_SIZE],
		     l->size);
	json_opt_u64(&o->jw, "desc_addr",
		     l->has[SHADOW_MM_A_WALK_LEVEL_DESC_ADDR], l->desc_addr);
	json_begin_array(&o->jw, "field");
	for (i = 0; i < l->n_fields; i++) {
		f = &l->fields[i];
		json_begin_object(&o->jw, NULL);
		json_string(&o->jw, "name", f->name);
		json_opt_u64(&o->jw, "value", f->has_value, f->value);
		json_opt_str(&o->jw, "text", f->text[0], f->text);
		json_end_object(&o->jw);
	}
	json_end_array(&o->jw);
	json_end_object(&o->jw);
}

static void walk_json(struct smm_out *o, const struct smm_walk_info *w)
{
	static const char *const source_names[] = {
		[SMM_WALK_AS] = "as",
		[SMM_WALK_PID] = "pid",
		[SMM_WALK_KERNEL] = "kernel",
	};
	const bool *has = w->has;
	unsigned int i;
	int agrees;

	json_begin_object(&o->jw, NULL);
	json_opt_str(&o->jw, "source",
		     w->source > SMM_WALK_NONE && w->source <= SMM_WALK_KERNEL,
		     source_names[w->source <= SMM_WALK_KERNEL ?
				  w->source : SMM_WALK_NONE]);
	if (w->source == SMM_WALK_AS)
		json_u64(&o->jw, "as", w->id);
	else if (w->source == SMM_WALK_PID)
		json_u64(&o->jw, "pid", w->id);
	json_opt_u64(&o->jw, "va", has[SHADOW_MM_A_WALK_VA], w->va);
	json_opt_enum(&o->jw, "format", has[SHADOW_MM_A_WALK_FORMAT], w->format,
		      smm_pt_format_name);
	json_opt_u64(&o->jw, "levels", has[SHADOW_MM_A_WALK_LEVELS], w->levels);
	json_begin_array(&o->jw, "level");
	for (i = 0; i < w->n_level; i++)
		level_json(o, &w->level[i]);
	json_end_array(&o->jw);
	json_opt_u64(&o->jw, "pa", has[SHADOW_MM_A_WALK_PA], w->pa);
	json_opt_u64(&o->jw, "size", has[SHADOW_MM_A_WALK_SIZE], w->size);
	json_opt_flags(&o->jw, "prot", has[SHADOW_MM_A_WALK_PROT], w->prot,
		       smm_prot_name);
	json_opt_enum(&o->jw, "fault", has[SHADOW_MM_A_WALK_FAULT], w->fault,
		      smm_fault_name);
	json_opt_u64(&o->jw, "fault_level", has[SHADOW_MM_A_WALK_FAULT_LEVEL],
		     w->fault_level);
	json_opt_flags(&o->jw, "page_flags", has[SHADOW_MM_A_WALK_PAGE_FLAGS],
		       w->page_flags, smm_page_flag_name);
	json_opt_str(&o->jw, "page_owner", has[SHADOW_MM_A_WALK_PAGE_OWNER],
		     w->page_owner);
	json_opt_u64(&o->jw, "page_refcount",
		     has[SHADOW_MM_A_WALK_PAGE_REFCOUNT], w->page_refcount);
	json_opt_u64(&o->jw, "page_mapcount",
		     has[SHADOW_MM_A_WALK_PAGE_MAPCOUNT], w->page_mapcount);
	json_opt_enum(&o->jw, "page_zone", has[SHADOW_MM_A_WALK_PAGE_ZONE],
		      w->page_zone, smm_zone_type_name);
	json_opt_u64(&o->jw, "page_node", has[SHADOW_MM_A_WALK_PAGE_NODE],
		     w->page_node);
	json_opt_u64(&o->jw, "vma_start", has[SHADOW_MM_A_WALK_VMA_START],
		     w->vma_start);
	json_opt_u64(&o->jw, "vma_end", has[SHADOW_MM_A_WALK_VMA_END],
		     w->vma_end);
	json_opt_u64(&o->jw, "vma_flags", has[SHADOW_MM_A_WALK_VMA_FLAGS],
		     w->vma_flags);
	json_opt_str(&o->jw, "vma_name", has[SHADOW_MM_A_WALK_VMA_NAME],
		     w->vma_name);
	json_opt_u64(&o->jw, "hw_pa", has[SHADOW_MM_A_WALK_HW_PA], w->hw_pa);
	json_opt_u64(&o->jw, "hw_par", has[SHADOW_MM_A_WALK_HW_PAR], w->hw_par);
	agrees = hw_agrees(w);
	if (agrees < 0)
		json_null(&o->jw, "hw_agrees");
	else
		json_bool(&o->jw, "hw_agrees", agrees);
	json_end_object(&o->jw);
}

/* ---- walks: the per-level table ------------------------------------- */

enum walk_col {
	COL_LEVEL,
	COL_TABLE,
	COL_INDEX,
	COL_DESC,
	COL_LINUX,
	COL_KIND,
	COL_OUTPUT,
	WALK_COLS,
};

static const char *const walk_col_heads[WALK_COLS] = {
	"LEVEL", "TABLE", "INDEX", "DESCRIPTOR", "LINUX PTE", "KIND", "OUTPUT",
};

/**
 * struct walk_table - the per-level table, laid out before it is printed
 * @cell: per row (the head first, then a level each), per column
 * @width: per column, the widest cell
 * @shown: per column, whether it is printed (LINUX PTE: arm only)
 * @rows: rows filled
 */
struct walk_table {
	char cell[SHADOW_MM_MAX_PT_LEVELS + 1][WALK_COLS][PT_CELL_LEN];
	int width[WALK_COLS];
	bool shown[WALK_COLS];
	unsigned int rows;
};

static void walk_row(struct walk_table *t, const struct smm_walk_info *w,
		     const struct smm_walk_level_info *l)
{
	char (*c)[PT_CELL_LEN] = t->cell[t->rows++];
	int digits = pt_desc_digits(w->format);
	char num[16];

	if (l->name[0])
		snprintf(c[COL_LEVEL], PT_CELL_LEN, "%s", l->name);
	else
		snprintf(c[COL_LEVEL], PT_CELL_LEN, "L%u", l->level);
	if (l->has[SHADOW_MM_A_WALK_LEVEL_TABLE])
		snprintf(c[COL_TABLE], PT_CELL_LEN, "%#llx",
			 (unsigned long long)l->table);
	else
		snprintf(c[COL_TABLE], PT_CELL_LEN, "-");
	pt_index_text(l, c[COL_INDEX], PT_CELL_LEN);
	if (l->has[SHADOW_MM_A_WALK_LEVEL_RAW])
		snprintf(c[COL_DESC], PT_CELL_LEN, "0x%0*llx", digits,
			 (unsigned long long)l->raw);
	else
		snprintf(c[COL_DESC], PT_CELL_LEN, "-");
	if (l->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]) {
		snprintf(c[COL_LINUX], PT_CELL_LEN, "0x%0*llx", digits,
			 (unsigned long long)l->raw_linux);
		t->shown[COL_LINUX] = true;
	} else {
		snprintf(c[COL_LINUX], PT_CELL_LEN, "-");
	}
	snprintf(c[COL_KIND], PT_CELL_LEN, "%s",
		 l->has[SHADOW_MM_A_WALK_LEVEL_KIND] ?
		 smm_name_or_number(smm_entry_kind_name(l->kind), l->kind, num,
				    sizeof(num)) : "-");
	if (l->has[SHADOW_MM_A_WALK_LEVEL_ADDR] &&
	    l->kind != SHADOW_MM_ENTRY_KIND_INVALID)
		snprintf(c[COL_OUTPUT], PT_CELL_LEN, "%#llx",
			 (unsigned long long)l->addr);
	else
		snprintf(c[COL_OUTPUT], PT_CELL_LEN, "-");
}

static void walk_table_fill(struct walk_table *t,
			    const struct smm_walk_info *w)
{
	unsigned int r, c;
	int len;

	memset(t, 0, sizeof(*t));
	for (c = 0; c < WALK_COLS; c++) {
		snprintf(t->cell[0][c], PT_CELL_LEN, "%s", walk_col_heads[c]);
		t->shown[c] = c != COL_LINUX;
	}
	t->rows = 1;
	for (r = 0; r < w->n_level; r++)
		walk_row(t, w, &w->level[r]);
	for (r = 0; r < t->rows; r++)
		for (c = 0; c < WALK_COLS; c++) {
			len = strlen(t->cell[r][c]);
			if (len > t->width[c])
				t->width[c] = len;
		}
}

static void walk_table_row(FILE *f, const struct walk_table *t,
			   unsigned int r)
{
	unsigned int c, last = WALK_COLS - 1;

	for (c = 0; c < WALK_COLS; c++) {
		if (!t->shown[c])
			continue;
		if (c == last)
			fprintf(f, "%s\n", t->cell[r][c]);
		else
			fprintf(f, "%-*s  ", t->width[c], t->cell[r][c]);
	}
}

/* The fields of @l, "name=value (text)", wrapped under the table column. */
static void fields_text(FILE *f, const struct smm_walk_level_info *l,
			int indent)
{
	char field[PT_FIELD_NAME_LEN + PT_FIELD_TEXT_LEN + 32];
	int col = 0, len;
	unsigned int i;

	for (i = 0; i < l->n_fields; i++) {
		len = strlen(pt_field_text(&l->fields[i], field,
					   sizeof(field)));
		if (col && col + 2 + len > PT_WRAP_COLUMN) {
			fputc('\n', f);
			col = 0;
		}
		if (!col)
			col = fprintf(f, "%*s%s", indent, "", field);
		else
			col += fprintf(f, "  %s", field);
	}
	if (col)
		fputc('\n', f);
}

/* "rw-p" as /proc/PID/maps shows vm_flags. */
static const char *vma_perms(__u64 flags, char *buf, size_t size)
{
	snprintf(buf, size, "%c%c%c%c", flags & PT_VM_READ ? 'r' : '-',
		 flags & PT_VM_WRITE ? 'w' : '-',
		 flags & PT_VM_EXEC ? 'x' : '-',
		 flags & PT_VM_SHARED ? 's' : 'p');
	return buf;
}

static void page_text(struct smm_out *o, const struct smm_walk_info *w)
{
	const bool *has = w->has;
	char flags[160], zone[16];
	const char *kname;

	if (!has[SHADOW_MM_A_WALK_PAGE_FLAGS] &&
	    !has[SHADOW_MM_A_WALK_PAGE_OWNER] &&
	    !has[SHADOW_MM_A_WALK_PAGE_ZONE] &&
	    !has[SHADOW_MM_A_WALK_PAGE_REFCOUNT])
		return;
	fprintf(o->f, "%-*spfn %#llx", PT_LABEL_WIDTH, "page:",
		(unsigned long long)(w->pa >> PT_PAGE_SHIFT));
	if (has[SHADOW_MM_A_WALK_PAGE_NODE])
		fprintf(o->f, ", node %u", w->page_node);
	if (has[SHADOW_MM_A_WALK_PAGE_ZONE]) {
		kname = smm_zone_type_kname(w->page_zone);
		fprintf(o->f, ", zone %s",
			smm_name_or_number(kname, w->page_zone, zone,
					   sizeof(zone)));
	}
	if (has[SHADOW_MM_A_WALK_PAGE_FLAGS])
		fprintf(o->f, ", flags %s",
			smm_page_flags_text(w->page_flags, flags,
					    sizeof(flags)));
	if (has[SHADOW_MM_A_WALK_PAGE_OWNER])
		fprintf(o->f, ", owner %s",
			w->page_owner[0] ? w->page_owner : "-");
	if (has[SHADOW_MM_A_WALK_PAGE_REFCOUNT])
		fprintf(o->f, ", refcount %u", w->page_refcount);
	if (has[SHADOW_MM_A_WALK_PAGE_MAPCOUNT])
		fprintf(o->f, ", mapcount %u", w->page_mapcount);
	fputc('\n', o->f);
}

static void vma_text(struct smm_out *o, const struct smm_walk_info *w)
{
	const bool *has = w->has;
	char perms[8];

	if (!has[SHADOW_MM_A_WALK_VMA_START]) {
		if (w->source == SMM_WALK_PID)
			out_textf(o, "vma", "none covers %#llx",
				  (unsigned long long)w->va);
		return;
	}
	fprintf(o->f, "%-*s%#llx-%#llx", PT_LABEL_WIDTH, "vma:",
		(unsigned long long)w->vma_start,
		(unsigned long long)w->vma_end);
	if (has[SHADOW_MM_A_WALK_VMA_FLAGS])
		fprintf(o->f, " %s", vma_perms(w->vma_flags, perms,
					       sizeof(perms)));
	if (has[SHADOW_MM_A_WALK_VMA_NAME] && w->vma_name[0])
		fprintf(o->f, " %s", w->vma_name);
	if (has[SHADOW_MM_A_WALK_VMA_FLAGS])
		fprintf(o->f, " (vm_flags %#llx)",
			(unsigned long long)w->vma_flags);
	fputc('\n', o->f);
}

static void hw_text(struct smm_out *o, const struct smm_walk_info *w)
{
	int agrees = hw_agrees(w);

	if (agrees < 0)
		return;
	fprintf(o->f, "hardware (AT): ");
	if (w->has[SHADOW_MM_A_WALK_HW_PA])
		fprintf(o->f, "pa %#llx", (unsigned long long)w->hw_pa);
	else
		fprintf(o->f, "faults");
	if (w->has[SHADOW_MM_A_WALK_HW_PAR])
		fprintf(o->f, " (PAR %#llx)", (unsigned long long)w->hw_par);
	if (agrees)
		fprintf(o->f, " agrees\n");
	else if (pt_walk_mapped(w))
		fprintf(o->f, " DIFFERS from the walk's pa %#llx\n",
			(unsigned long long)w->pa);
	else
		fprintf(o->f, " DIFFERS: the walk faults\n");
}

static void walk_text(struct smm_out *o, const struct smm_walk_info *w)
{
	char source[48], name[24];
	struct walk_table t;
	unsigned int r;

	o->label_width = PT_LABEL_WIDTH;
	fprintf(o->f, "walk of 0x%0*llx in %s", pt_va_digits(w->format),
		(unsigned long long)w->va,
		pt_source_text(w->source, w->id, source, sizeof(source)));
	if (w->has[SHADOW_MM_A_WALK_FORMAT])
		fprintf(o->f, ": %s", format_name(w->format, name,
						  sizeof(name)));
	if (w->has[SHADOW_MM_A_WALK_LEVELS])
		fprintf(o->f, ", %u levels", w->levels);
	fputc('\n', o->f);

	walk_table_fill(&t, w);
	walk_table_row(o->f, &t, 0);
	for (r = 1; r < t.rows; r++) {
		walk_table_row(o->f, &t, r);
		fields_text(o->f, &w->level[r - 1], t.width[COL_LEVEL] + 2);
	}

	if (pt_walk_mapped(w)) {
		fprintf(o->f, "%-*s", PT_LABEL_WIDTH, "pa:");
		pa_text(o, w);
	} else if (w->has[SHADOW_MM_A_WALK_FAULT]) {
		fprintf(o->f, "%-*s", PT_LABEL_WIDTH, "fault:");
		fault_text(o, w);
	} else {
		out_textf(o, "pa", "none: not mapped");
	}
	page_text(o, w);
	vma_text(o, w);
	hw_text(o, w);
}

/**
 * pt_print_walk() - a walk of one address, level by level
 * @o: the output
 * @w: the WALK reply, its source set
 *
 * Text: a title (the address, what was walked, format and levels); a
 * table with a row per level: Linux's name of the table, the table's
 * physical address, the index with the VA bits that made it ("[47:39] =
 * 0x1"), the raw descriptor, for arm the Linux PTE beside it, the kind
 * and the output address, each row followed by the descriptor's decoded
 * fields ("name=value (text)"); then the physical address with the
 * leaf's size and the permissions left, or the fault and its level; the
 * shadow page's descriptor when the address is in shadow memory; the VMA
 * for a process walk; the CPU's own translation when the module made one.
 * JSON: every attribute; "hw_agrees" compares the CPU with the walk.
 */
void pt_print_walk(struct smm_out *o, const struct smm_walk_info *w)
{
	if (o->json)
		walk_json(o, w);
	else
		walk_text(o, w);
}

/**
 * pt_print_walk_tree() - a walk as a tree: each table, the entry taken in
 *	it, and the next table or the page it leads to
 * @f: where to write
 * @w: the walk
 *
 * Plain ASCII ("`--" and indentation), the same on every terminal.
 */
void pt_print_walk_tree(FILE *f, const struct smm_walk_info *w)
{
	int digits = pt_desc_digits(w->format);
	const struct smm_walk_level_info *l;
	char source[48], name[24], index[32], human[32], prot[16], num[16];
	unsigned int i;
	int indent = 0;

	fprintf(f, "0x%0*llx in %s", pt_va_digits(w->format),
		(unsigned long long)w->va,
		pt_source_text(w->source, w->id, source, sizeof(source)));
	if (w->has[SHADOW_MM_A_WALK_FORMAT])
		fprintf(f, " (%s, %u levels)",
			format_name(w->format, name, sizeof(name)),
			w->has[SHADOW_MM_A_WALK_LEVELS] ? w->levels : w->n_level);
	fputc('\n', f);

	for (i = 0; i < w->n_level; i++) {
		l = &w->level[i];
		fprintf(f, "%*s%s table @ %#llx", indent, "",
			l->name[0] ? l->name : "level",
			(unsigned long long)l->table);
		if (l->has[SHADOW_MM_A_WALK_LEVEL_BITS] && l->bits < 32)
			fprintf(f, " (%u entries)", 1U << l->bits);
		fputc('\n', f);
		fprintf(f, "%*s`-- %s  0x%0*llx %s", indent, "",
			pt_index_text(l, index, sizeof(index)), digits,
			(unsigned long long)l->raw,
			smm_name_or_number(smm_entry_kind_name(l->kind),
					   l->kind, num, sizeof(num)));
		if (l->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX])
			fprintf(f, " (linux 0x%0*llx)", digits,
				(unsigned long long)l->raw_linux);
		fputc('\n', f);
		indent += 4;
		if (kind_is_leaf(l->kind))
			fprintf(f, "%*s%s %s @ %#llx\n", indent, "",
				format_size_iec(l->size, human, sizeof(human)),
				l->kind == SHADOW_MM_ENTRY_KIND_BLOCK ?
				"block" : "page",
				(unsigned long long)l->addr);
	}
	if (pt_walk_mapped(w)) {
		fprintf(f, "%*s-> pa %#llx", indent, "",
			(unsigned long long)w->pa);
		if (w->has[SHADOW_MM_A_WALK_PROT])
			fprintf(f, " (%s)",
				smm_prot_text(w->prot, prot, sizeof(prot)));
		fputc('\n', f);
	} else {
		fprintf(f, "%*s-> %s fault\n", indent, "",
			w->has[SHADOW_MM_A_WALK_FAULT] ?
			smm_name_or_number(smm_fault_name(w->fault), w->fault,
					   num, sizeof(num)) : "translation");
	}
}

/* ---- range dumps ---------------------------------------------------- */

/**
 * pt_print_runs_begin() - start a range dump
 * @o: the output
 * @source: what is dumped
 * @id: its address space or pid
 * @format: the tables' format, 0 when unknown
 * @levels: their levels, 0 when unknown
 *
 * Text: a title and the column heads. JSON: opens an object with the
 * source, the format and the levels and its "runs" array.
 */
void pt_print_runs_begin(struct smm_out *o, enum smm_walk_source source,
			 __u32 id, __u32 format, __u32 levels)
{
	int digits = pt_va_digits(format);
	char text[48], name[24];

	if (o->json) {
		json_begin_object(&o->jw, NULL);
		if (source == SMM_WALK_AS)
			json_u64(&o->jw, "as", id);
		else if (source == SMM_WALK_PID)
			json_u64(&o->jw, "pid", id);
		else
			json_bool(&o->jw, "kernel", true);
		json_opt_enum(&o->jw, "format", format, format,
			      smm_pt_format_name);
		json_opt_u64(&o->jw, "levels", levels, levels);
		json_begin_array(&o->jw, "runs");
		return;
	}
	pt_source_text(source, id, text, sizeof(text));
	fprintf(o->f, "---[ %s", text);
	if (format)
		fprintf(o->f, ": %s", format_name(format, name, sizeof(name)));
	if (levels)
		fprintf(o->f, ", %u levels", levels);
	fprintf(o->f, " ]---\n");
	fprintf(o->f, "%-*s %6s  %-10s  %-12s  %-4s  %s\n", 2 * digits + 5,
		"VA RANGE", "SIZE", "LEAVES", "PA", "PROT", "ATTRS");
}

/**
 * pt_print_run() - one run of a range dump, as ptdump prints a line
 * @o: the output
 * @r: the run
 * @format: the tables' format, 0 when unknown (for the address width)
 *
 * Text: "0x00400000-0x00410000    64K  16 x 4K  0x41240000  rw-u  ATTRS".
 */
void pt_print_run(struct smm_out *o, const struct smm_walk_run_info *r,
		  __u32 format)
{
	int digits = pt_va_digits(format);
	char size[24], leaf[24], leaves[48], prot[16], pa[24];

	if (o->json) {
		json_begin_object(&o->jw, NULL);
		json_opt_u64(&o->jw, "va", r->has[SHADOW_MM_A_WALK_VA], r->va);
		json_opt_u64(&o->jw, "va_end", r->has[SHADOW_MM_A_WALK_VA_END],
			     r->va_end);
		json_opt_u64(&o->jw, "pa", r->has[SHADOW_MM_A_WALK_PA], r->pa);
		json_opt_u64(&o->jw, "size", r->has[SHADOW_MM_A_WALK_SIZE],
			     r->size);
		json_opt_u64(&o->jw, "pages", r->has[SHADOW_MM_A_WALK_PAGES],
			     r->pages);
		json_opt_u64(&o->jw, "levels", r->has[SHADOW_MM_A_WALK_LEVELS],
			     r->levels);
		json_opt_flags(&o->jw, "prot", r->has[SHADOW_MM_A_WALK_PROT],
			       r->prot, smm_prot_name);
		json_opt_str(&o->jw, "attrs", r->has[SHADOW_MM_A_WALK_ATTRS],
			     r->attrs);
		json_end_object(&o->jw);
		return;
	}
	pt_size_text(r->va_end - r->va, size, sizeof(size));
	if (r->has[SHADOW_MM_A_WALK_PAGES] && r->has[SHADOW_MM_A_WALK_SIZE])
		snprintf(leaves, sizeof(leaves), "%u x %s", r->pages,
			 pt_size_text(r->size, leaf, sizeof(leaf)));
	else
		snprintf(leaves, sizeof(leaves), "-");
	if (r->has[SHADOW_MM_A_WALK_PA])
		snprintf(pa, sizeof(pa), "%#llx", (unsigned long long)r->pa);
	else
		snprintf(pa, sizeof(pa), "-");
	fprintf(o->f, "0x%0*llx-0x%0*llx %6s  %-10s  %-12s  %-4s  %s\n",
		digits, (unsigned long long)r->va, digits,
		(unsigned long long)r->va_end, size, leaves, pa,
		r->has[SHADOW_MM_A_WALK_PROT] ?
		smm_prot_text(r->prot, prot, sizeof(prot)) : "-",
		r->has[SHADOW_MM_A_WALK_ATTRS] ? r->attrs : "");
}

/**
 * pt_print_runs_end() - end a range dump
 * @o: the output
 * @runs: runs printed
 *
 * Text: says so when nothing in the range is mapped. JSON: closes the
 * array and the object pt_print_runs_begin() opened.
 */
void pt_print_runs_end(struct smm_out *o, __u64 runs)
{
	if (o->json) {
		json_end_array(&o->jw);
		json_end_object(&o->jw);
		return;
	}
	if (!runs)
		fprintf(o->f, "(nothing mapped in the range)\n");
}

/* ---- bench pt ------------------------------------------------------- */

/**
 * pt_ops_per_s() - a rate from a count and the nanoseconds it took
 * @count: operations
 * @ns: nanoseconds; 0 gives 0
 *
 * Return: operations per second.
 */
double pt_ops_per_s(__u64 count, __u64 ns)
{
	return ns ? (double)count * 1e9 / (double)ns : 0.0;
}

/**
 * pt_bench_ratio() - shadow operations per second over the host's
 * @b: the benchmark's result
 * @test: which row
 *
 * The convention of `bench alloc`: above 1, the shadow side did more
 * operations per second than the host.
 *
 * Return: the ratio, 0 when a side has no time.
 */
double pt_bench_ratio(const struct smm_bench_pt_info *b,
		      enum smm_bench_pt_test test)
{
	double shadow = pt_ops_per_s(b->count, b->shadow_ns[test]);
	double host = pt_ops_per_s(b->count, b->host_ns[test]);

	return host > 0 && shadow > 0 ? shadow / host : 0.0;
}

/**
 * pt_print_bench() - the result of `bench pt`
 * @o: the output
 * @b: the BENCH_PT reply
 *
 * Text: a row per test (walk, map, unmap) with the count, each side's
 * operations per second and their ratio, then what was compared. JSON:
 * format, levels, count, cpu, rounds and a "runs" array of {test,
 * shadow_ns, host_ns, shadow_ops_per_s, host_ops_per_s, ratio}.
 */
void pt_print_bench(struct smm_out *o, const struct smm_bench_pt_info *b)
{
	static const char *const tests[SMM_BENCH_PT_TESTS] = {
		[SMM_BENCH_PT_WALK] = "walk",
		[SMM_BENCH_PT_MAP] = "map",
		[SMM_BENCH_PT_UNMAP] = "unmap",
	};
	double shadow, host;
	char name[24];
	unsigned int t;

	if (o->json) {
		json_begin_object(&o->jw, NULL);
		json_opt_enum(&o->jw, "format",
			      b->has[SHADOW_MM_A_BENCH_PT_FORMAT], b->format,
			      smm_pt_format_name);
		json_opt_u64(&o->jw, "levels",
			     b->has[SHADOW_MM_A_BENCH_PT_LEVELS], b->levels);
		json_u64(&o->jw, "count", b->count);
		json_opt_u64(&o->jw, "cpu", b->has[SHADOW_MM_A_BENCH_PT_CPU],
			     b->cpu);
		json_opt_u64(&o->jw, "rounds",
			     b->has[SHADOW_MM_A_BENCH_PT_ROUNDS], b->rounds);
		json_begin_array(&o->jw, "runs");
	} else {
		fprintf(o->f, "%-5s %8s %14s %14s %12s\n", "TEST", "COUNT",
			"SHADOW OPS/S", "HOST OPS/S", "SHADOW/HOST");
	}
	for (t = 0; t < SMM_BENCH_PT_TESTS; t++) {
		shadow = pt_ops_per_s(b->count, b->shadow_ns[t]);
		host = pt_ops_per_s(b->count, b->host_ns[t]);
		if (o->json) {
			json_begin_object(&o->jw, NULL);
			json_string(&o->jw, "test", tests[t]);
			json_u64(&o->jw, "shadow_ns", b->shadow_ns[t]);
			json_u64(&o->jw, "host_ns", b->host_ns[t]);
			json_double(&o->jw, "shadow_ops_per_s", shadow);
			json_double(&o->jw, "host_ops_per_s", host);
			json_double(&o->jw, "ratio", pt_bench_ratio(b, t));
			json_end_object(&o->jw);
		} else {
			fprintf(o->f, "%-5s %8u %14.0f %14.0f %12.2f\n",
				tests[t], b->count, shadow, host,
				pt_bench_ratio(b, t));
		}
	}
	if (o->json) {
		json_end_array(&o->jw);
		json_end_object(&o->jw);
		return;
	}
	fprintf(o->f, "fastest of %u rounds per side, on cpu %u; %s with %u levels; host: vmalloc_to_page(), vmap(), vunmap()\n",
		b->rounds, b->cpu,
		b->has[SHADOW_MM_A_BENCH_PT_FORMAT] ?
		format_name(b->format, name, sizeof(name)) : "format unknown",
		b->levels);
}
