// SPDX-License-Identifier: GPL-2.0
/*
 * pt_draw.c - a walk drawn as a picture: a standalone SVG 1.1 image, or a
 * Graphviz DOT graph (`dot -Tpng`)
 *
 * The picture reads top to bottom, left to right: the virtual address
 * split into its fields (one per level: the index into that level's
 * table; then the offset into the page), a dashed line from each field to
 * the table it indexes, the tables as boxes showing the entry taken
 * (index, raw descriptor, kind) and its decoded fields, an arrow from the
 * entry to the next table, and the page or block at the end, or the
 * fault where the walk stopped.
 */
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "pt_draw.h"
#include "pt_print.h"
#include "svg.h"

/* Geometry of the SVG, in pixels. */
#define SVG_MARGIN	20
#define SVG_BOX_W	300
#define SVG_BOX_GAP	60
#define SVG_TITLE_Y	28
#define SVG_BAR_Y	48
#define SVG_BAR_H	40
#define SVG_BOX_Y	150
#define SVG_LINE_H	14
/* Box: header lines, the entry row between two elided rows, then fields. */
#define SVG_ENTRY_Y	52
#define SVG_ENTRY_H	22
#define SVG_FIELDS_Y	110
#define SVG_BOX_MIN_H	120
/* Characters of monospace 11px (6.6 px each) that fit in a box. */
#define SVG_BOX_CHARS	42
/* Width of a character of the title (monospace 15px, bold). */
#define SVG_TITLE_CHAR_W	9.2

/* Room for one line of text in a box or a label. */
#define DRAW_LINE_LEN	(PT_FIELD_NAME_LEN + PT_FIELD_TEXT_LEN + 32)

/**
 * struct va_field - a piece of the virtual address: an index or the offset
 * @hi: its highest bit
 * @lo: its lowest bit
 * @value: its value
 * @name: what it indexes ("pgd") or "offset"
 * @offset: it is the offset into the page, not an index
 * @level: for an index, the position of its level in the walk
 */
struct va_field {
	unsigned int hi;
	unsigned int lo;
	__u64 value;
	const char *name;
	bool offset;
	unsigned int level;
};

/*
 * The fields of the walked address, from the top: one per level whose
 * bits came, then the offset into the leaf (or below the last level
 * walked). Return: how many (up to SHADOW_MM_MAX_PT_LEVELS + 1).
 */
static unsigned int va_fields(const struct smm_walk_info *w,
			      struct va_field *fields)
{
	const struct smm_walk_level_info *l;
	unsigned int i, n = 0, low = 64;

	for (i = 0; i < w->n_level; i++) {
		l = &w->level[i];
		if (!l->has[SHADOW_MM_A_WALK_LEVEL_SHIFT] ||
		    !l->has[SHADOW_MM_A_WALK_LEVEL_BITS] || !l->bits ||
		    l->bits > 64 || l->shift >= 64 || l->shift + l->bits > 64)
			continue;
		fields[n].hi = l->shift + l->bits - 1;
		fields[n].lo = l->shift;
		fields[n].value = l->index;
		fields[n].name = l->name[0] ? l->name : "index";
		fields[n].offset = false;
		fields[n].level = i;
		low = l->shift;
		n++;
	}
	/* The offset: below the leaf's size, or below the last index. */
	if (pt_walk_mapped(w) && w->has[SHADOW_MM_A_WALK_SIZE] && w->size &&
	    !(w->size & (w->size - 1)))
		low = __builtin_ctzll(w->size);
	if (n && low > 0 && low < 64) {
		fields[n].hi = low - 1;
		fields[n].lo = 0;
		fields[n].value = w->va & ((1ULL << low) - 1);
		fields[n].name = "offset";
		fields[n].offset = true;
		fields[n].level = w->n_level;
		n++;
	}
	return n;
}

/* The spec's name of a descriptor kind, or its number. */
static const char *kind_text(__u32 kind, char *buf, size_t size)
{
	return smm_name_or_number(smm_entry_kind_name(kind), kind, buf, size);
}

/* The spec's name of the fault a walk ended with ("translation"). */
static const char *fault_text(const struct smm_walk_info *w)
{
	const char *name = smm_fault_name(w->fault);

	return w->has[SHADOW_MM_A_WALK_FAULT] && name ? name : "translation";
}

/* ---- SVG ------------------------------------------------------------ */

/* A <text> at (@x, @y) holding @s, cut to @max characters. */
static void svg_text(FILE *f, const char *class, double x, double y,
		     const char *anchor, const char *s, size_t max)
{
	char cut[DRAW_LINE_LEN];

	snprintf(cut, sizeof(cut), "%s", s);
	if (max >= 4 && max < sizeof(cut) && strlen(cut) > max)
		strcpy(cut + max - 3, "...");
	svg_text_open(f, class, x, y, anchor);
	svg_escape(f, cut);
	fputs("</text>\n", f);
}

static double box_x(unsigned int i)
{
	return SVG_MARGIN + i * (double)(SVG_BOX_W + SVG_BOX_GAP);
}

/* Height of the table boxes: room for the most fields of any level. */
static double box_height(const struct smm_walk_info *w)
{
	unsigned int i, most = 0;
	double h;

	for (i = 0; i < w->n_level; i++)
		if (w->level[i].n_fields > most)
			most = w->level[i].n_fields;
	h = SVG_FIELDS_Y + most * SVG_LINE_H;
	return h < SVG_BOX_MIN_H ? SVG_BOX_MIN_H : h;
}

static void svg_va_bar(FILE *f, const struct va_field *fields, unsigned int n,
		       double width, double *centre)
{
	unsigned int top = fields[0].hi + 1, i;
	double px = width / top, x0, x1;
	char buf[DRAW_LINE_LEN];
	size_t chars;

	fputs("<g class=\"va\">\n", f);
	for (i = 0; i < n; i++) {
		x0 = SVG_MARGIN + ((double)top - 1 - fields[i].hi) * px;
		x1 = SVG_MARGIN + ((double)top - fields[i].lo) * px;
		centre[i] = (x0 + x1) / 2;
		/* What fits in the field, at 6.5 px a character. */
		chars = x1 > x0 ? (size_t)((x1 - x0) / 6.5) : 0;
		fprintf(f, "<rect class=\"%s\" x=\"%g\" y=\"%d\" width=\"%g\" height=\"%d\"/>\n",
			fields[i].offset ? "offset" : "field",
			x0, SVG_BAR_Y, x1 > x0 ? x1 - x0 : 0, SVG_BAR_H);
		snprintf(buf, sizeof(buf), "%s [%u:%u]", fields[i].name,
			 fields[i].hi, fields[i].lo);
		svg_text(f, "bits", centre[i], SVG_BAR_Y + 16, "middle", buf,
			 chars);
		snprintf(buf, sizeof(buf), "%#llx",
			 (unsigned long long)fields[i].value);
		svg_text(f, "value", centre[i], SVG_BAR_Y + 32, "middle", buf,
			 chars);
	}
	fputs("</g>\n", f);
}

/* One table: its header, the entry taken and the entry's fields. */
static void svg_table(FILE *f, const struct smm_walk_info *w, unsigned int i,
		      double h)
{
	const struct smm_walk_level_info *l = &w->level[i];
	int digits = pt_desc_digits(w->format);
	char buf[DRAW_LINE_LEN], index[32], num[16];
	double x = box_x(i), y = SVG_BOX_Y;
	unsigned int k;

	fprintf(f, "<g class=\"table\">\n<rect class=\"table\" x=\"%g\" y=\"%g\" width=\"%d\" height=\"%g\"/>\n",
		x, y, SVG_BOX_W, h);
	snprintf(buf, sizeof(buf), "%s @ %#llx", l->name[0] ? l->name : "table",
		 (unsigned long long)l->table);
	svg_text(f, "head", x + 8, y + 18, "start", buf, SVG_BOX_CHARS);
	if (l->has[SHADOW_MM_A_WALK_LEVEL_BITS] && l->bits < 32)
		snprintf(buf, sizeof(buf), "%u entries, index %s",
			 1U << l->bits, pt_index_text(l, index, sizeof(index)));
	else
		snprintf(buf, sizeof(buf), "index %s",
			 pt_index_text(l, index, sizeof(index)));
	svg_text(f, "sub", x + 8, y + 34, "start", buf, SVG_BOX_CHARS);
	svg_text(f, "elided", x + SVG_BOX_W / 2, y + SVG_ENTRY_Y - 4, "middle",
		 "...", SVG_BOX_CHARS);
	fprintf(f, "<rect class=\"%s\" x=\"%g\" y=\"%g\" width=\"%d\" height=\"%d\"/>\n",
		l->kind == SHADOW_MM_ENTRY_KIND_INVALID ? "entry invalid" :
		"entry", x + 4, y + SVG_ENTRY_Y, SVG_BOX_W - 8, SVG_ENTRY_H);
	snprintf(buf, sizeof(buf), "[%#x] 0x%0*llx %s", l->index, digits,
		 (unsigned long long)l->raw, kind_text(l->kind, num, sizeof(num)));
	svg_text(f, "desc", x + 8, y + SVG_ENTRY_Y + 15, "start", buf,
		 SVG_BOX_CHARS);
	if (l->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]) {
		snprintf(buf, sizeof(buf), "linux pte 0x%0*llx", digits,
			 (unsigned long long)l->raw_linux);
		svg_text(f, "sub", x + 8, y + SVG_ENTRY_Y + SVG_ENTRY_H + 14,
			 "start", buf, SVG_BOX_CHARS);
	} else {
		svg_text(f, "elided", x + SVG_BOX_W / 2,
			 y + SVG_ENTRY_Y + SVG_ENTRY_H + 14, "middle", "...",
			 SVG_BOX_CHARS);
	}
	for (k = 0; k < l->n_fields; k++)
		svg_text(f, "field", x + 8, y + SVG_FIELDS_Y + k * SVG_LINE_H,
			 "start", pt_field_text(&l->fields[k], buf,
						sizeof(buf)), SVG_BOX_CHARS);
	fputs("</g>\n", f);
}

/* The page or block reached, right of the last table. */
static void svg_page(FILE *f, const struct smm_walk_info *w, unsigned int i)
{
	const struct smm_walk_level_info *leaf = pt_walk_leaf(w);
	char buf[DRAW_LINE_LEN], human[32], prot[16];
	double x = box_x(i), y = SVG_BOX_Y;

	fprintf(f, "<g class=\"target\">\n<rect class=\"page\" x=\"%g\" y=\"%g\" width=\"%d\" height=\"%d\"/>\n",
		x, y, SVG_BOX_W, SVG_BOX_MIN_H);
	snprintf(buf, sizeof(buf), "%s %s @ %#llx",
		 format_size_iec(w->size, human, sizeof(human)),
		 leaf && leaf->kind == SHADOW_MM_ENTRY_KIND_BLOCK ?
		 "block" : "page",
		 (unsigned long long)(leaf ? leaf->addr : w->pa));
	svg_text(f, "head", x + 8, y + 18, "start", buf, SVG_BOX_CHARS);
	snprintf(buf, sizeof(buf), "pa %#llx", (unsigned long long)w->pa);
	svg_text(f, "desc", x + 8, y + 40, "start", buf, SVG_BOX_CHARS);
	if (w->has[SHADOW_MM_A_WALK_PROT]) {
		snprintf(buf, sizeof(buf), "prot %s",
			 smm_prot_text(w->prot, prot, sizeof(prot)));
		svg_text(f, "sub", x + 8, y + 58, "start", buf,
			 SVG_BOX_CHARS);
	}
	if (w->has[SHADOW_MM_A_WALK_PAGE_OWNER]) {
		snprintf(buf, sizeof(buf), "shadow page, owner %s",
			 w->page_owner[0] ? w->page_owner : "-");
		svg_text(f, "sub", x + 8, y + 76, "start", buf,
			 SVG_BOX_CHARS);
	}
	fputs("</g>\n", f);
}

/* An arrow from (@x1, @y1) to (@x2, @y2) with a label above its middle. */
static void svg_arrow(FILE *f, double x1, double y1, double x2, double y2,
		      const char *label)
{
	fprintf(f, "<line class=\"next\" x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" marker-end=\"url(#arrow)\"/>\n",
		x1, y1, x2, y2);
	if (label)
		svg_text(f, "label", (x1 + x2) / 2, (y1 + y2) / 2 - 6, "middle",
			 label, 12);
}

/* The title: the address, what was walked and how it ended. */
static const char *svg_title(const struct smm_walk_info *w, char *buf,
			     size_t size)
{
	const char *format = smm_pt_format_name(w->format);
	char source[48];
	int len;

	len = snprintf(buf, size, "walk of 0x%0*llx in %s",
		       pt_va_digits(w->format), (unsigned long long)w->va,
		       pt_source_text(w->source, w->id, source,
				      sizeof(source)));
	if (format && len < (int)size)
		len += snprintf(buf + len, size - len, ": %s, %u levels",
				format, w->levels);
	if (len >= (int)size)
		return buf;
	if (pt_walk_mapped(w))
		snprintf(buf + len, size - len, " -> pa %#llx",
			 (unsigned long long)w->pa);
	else
		snprintf(buf + len, size - len, " -> %s fault",
			 fault_text(w));
	return buf;
}

/**
 * pt_draw_svg() - a walk as a standalone SVG 1.1 image
 * @f: where to write
 * @w: the walk
 *
 * Classes for styling and tests: rect "field" and "offset" for the pieces
 * of the address, "table" for each table, "entry" (with "invalid" where
 * the walk faulted) for the entry taken, "page" for the page reached;
 * lines "index" from a field to its table, "next" for the arrows.
 */
void pt_draw_svg(FILE *f, const struct smm_walk_info *w)
{
	struct va_field fields[SHADOW_MM_MAX_PT_LEVELS + 1];
	double centre[SHADOW_MM_MAX_PT_LEVELS + 1];
	double width, height, h, y_entry, title_w;
	unsigned int n_fields, boxes, i, k;
	bool mapped = pt_walk_mapped(w);
	char title[DRAW_LINE_LEN + 64];

	n_fields = va_fields(w, fields);
	boxes = w->n_level + (mapped ? 1 : 0);
	if (!boxes)
		boxes = 1;
	width = 2 * SVG_MARGIN + boxes * SVG_BOX_W +
		(boxes - 1) * SVG_BOX_GAP;
	svg_title(w, title, sizeof(title));
	title_w = 2 * SVG_MARGIN + SVG_TITLE_CHAR_W * strlen(title);
	if (width < title_w)
		width = title_w;
	h = box_height(w);
	height = SVG_BOX_Y + h + 2 * SVG_MARGIN + SVG_LINE_H;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\">\n",
		width, height, width, height);
	fputs("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\"\n"
	      " refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">\n"
	      "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#333\"/></marker></defs>\n"
	      "<style>\n"
	      "text { font-family: monospace; font-size: 11px; fill: #000; }\n"
	      ".title { font-size: 15px; font-weight: bold; }\n"
	      ".head { font-weight: bold; }\n"
	      ".sub, .elided, .label { fill: #555; }\n"
	      "rect.field { fill: #dbe9f6; stroke: #333; }\n"
	      "rect.offset { fill: #e5f5e0; stroke: #333; }\n"
	      "rect.table, rect.page { fill: #fafafa; stroke: #333; }\n"
	      "rect.page { fill: #e5f5e0; }\n"
	      "rect.entry { fill: #fff3b0; stroke: #b8860b; }\n"
	      "rect.invalid { fill: #f8c9c4; stroke: #b22222; }\n"
	      "line.index { stroke: #777; stroke-dasharray: 4 3; }\n"
	      "line.next { stroke: #333; stroke-width: 1.5; }\n"
	      "</style>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%g\" height=\"%g\" fill=\"#ffffff\"/>\n",
		width, height);
	svg_text(f, "title", SVG_MARGIN, SVG_TITLE_Y, "start", title,
		 sizeof(title) - 1);
	if (n_fields)
		svg_va_bar(f, fields, n_fields, width - 2 * SVG_MARGIN,
			   centre);

	for (i = 0; i < w->n_level; i++)
		svg_table(f, w, i, h);
	if (mapped)
		svg_page(f, w, w->n_level);

	/* Each field to the box it selects in; the offset to the page. */
	for (k = 0; k < n_fields; k++) {
		i = fields[k].level;
		if (fields[k].offset && !mapped)
			continue;
		if (i >= boxes)
			continue;
		fprintf(f, "<line class=\"index\" x1=\"%g\" y1=\"%d\" x2=\"%g\" y2=\"%d\"/>\n",
			centre[k], SVG_BAR_Y + SVG_BAR_H,
			box_x(i) + SVG_BOX_W / 2, SVG_BOX_Y);
	}
	y_entry = SVG_BOX_Y + SVG_ENTRY_Y + SVG_ENTRY_H / 2;
	for (i = 0; i + 1 < boxes && i < w->n_level; i++)
		svg_arrow(f, box_x(i) + SVG_BOX_W - 4, y_entry,
			  box_x(i + 1), SVG_BOX_Y + 14,
			  w->level[i].kind == SHADOW_MM_ENTRY_KIND_TABLE ?
			  "table" : "maps");
	if (!mapped && w->n_level) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%s fault here", fault_text(w));
		svg_text(f, "label", box_x(w->n_level - 1) + SVG_BOX_W / 2,
			 SVG_BOX_Y + h + SVG_LINE_H + 4, "middle", buf,
			 sizeof(buf) - 1);
	}
	fputs("</svg>\n", f);
}

/* ---- DOT ------------------------------------------------------------ */

/*
 * Writes @s inside a double-quoted DOT string; @record also escapes what
 * a record label gives meaning to.
 */
static void dot_escape(FILE *f, const char *s, bool record)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\' ||
		    (record && strchr("{}|<>", *s)))
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* A line of a node's label, left-justified ("\l" ends it). */
static void dot_line(FILE *f, const char *s)
{
	dot_escape(f, s, false);
	fputs("\\l", f);
}

/**
 * pt_draw_dot() - a walk as a Graphviz graph, left to right
 * @f: where to write
 * @w: the walk
 *
 * Nodes: "va" (a record of the address's fields, ports f0, f1, ...),
 * "t0".."tN" (the tables, with the entry taken and its fields), "page"
 * or "fault". Edges: a dashed one from each field to its table, one from
 * each table to the next and to the page.
 */
void pt_draw_dot(FILE *f, const struct smm_walk_info *w)
{
	struct va_field fields[SHADOW_MM_MAX_PT_LEVELS + 1];
	char buf[DRAW_LINE_LEN + 64], index[32], num[16], human[32];
	int digits = pt_desc_digits(w->format);
	const struct smm_walk_level_info *l;
	bool mapped = pt_walk_mapped(w);
	unsigned int n_fields, i, k;

	n_fields = va_fields(w, fields);
	fputs("digraph walk {\n"
	      "\trankdir=LR;\n"
	      "\tnode [shape=box, fontname=\"monospace\", fontsize=10];\n"
	      "\tedge [fontname=\"monospace\", fontsize=9];\n", f);
	pt_source_text(w->source, w->id, buf, sizeof(buf));
	fprintf(f, "\tlabel=\"walk of 0x%0*llx in ", pt_va_digits(w->format),
		(unsigned long long)w->va);
	dot_escape(f, buf, false);
	fputs("\";\n\tlabelloc=t;\n", f);

	fputs("\tva [shape=record, label=\"{VA", f);
	fprintf(f, " 0x%0*llx|{", pt_va_digits(w->format),
		(unsigned long long)w->va);
	for (k = 0; k < n_fields; k++) {
		snprintf(buf, sizeof(buf), "%s [%u:%u]\\n%#llx",
			 fields[k].name, fields[k].hi, fields[k].lo,
			 (unsigned long long)fields[k].value);
		fprintf(f, "%s<f%u> ", k ? "|" : "", k);
		/* "\n" inside a record field is a line break: keep it. */
		for (i = 0; buf[i]; i++) {
			if (strchr("{}|<>\"", buf[i]))
				fputc('\\', f);
			fputc(buf[i], f);
		}
	}
	fputs("}}\"];\n", f);

	for (i = 0; i < w->n_level; i++) {
		l = &w->level[i];
		fprintf(f, "\tt%u [label=\"", i);
		snprintf(buf, sizeof(buf), "%s @ %#llx",
			 l->name[0] ? l->name : "table",
			 (unsigned long long)l->table);
		dot_line(f, buf);
		snprintf(buf, sizeof(buf), "index %s",
			 pt_index_text(l, index, sizeof(index)));
		dot_line(f, buf);
		snprintf(buf, sizeof(buf), "[%#x] 0x%0*llx %s", l->index,
			 digits, (unsigned long long)l->raw,
			 kind_text(l->kind, num, sizeof(num)));
		dot_line(f, buf);
		if (l->has[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX]) {
			snprintf(buf, sizeof(buf), "linux pte 0x%0*llx",
				 digits, (unsigned long long)l->raw_linux);
			dot_line(f, buf);
		}
		for (k = 0; k < l->n_fields; k++)
			dot_line(f, pt_field_text(&l->fields[k], buf,
						  sizeof(buf)));
		fprintf(f, "\"%s];\n",
			l->kind == SHADOW_MM_ENTRY_KIND_INVALID ?
			", color=red" : "");
	}

	if (mapped) {
		l = pt_walk_leaf(w);
		fputs("\tpage [shape=box3d, label=\"", f);
		snprintf(buf, sizeof(buf), "%s %s @ %#llx",
			 format_size_iec(w->size, human, sizeof(human)),
			 l && l->kind == SHADOW_MM_ENTRY_KIND_BLOCK ?
			 "block" : "page",
			 (unsigned long long)(l ? l->addr : w->pa));
		dot_line(f, buf);
		snprintf(buf, sizeof(buf), "pa %#llx",
			 (unsigned long long)w->pa);
		dot_line(f, buf);
		fputs("\"];\n", f);
	} else {
		fprintf(f, "\tfault [shape=octagon, color=red, label=\"%s fault\"];\n",
			fault_text(w));
	}

	for (k = 0; k < n_fields; k++) {
		if (!fields[k].offset)
			fprintf(f, "\tva:f%u -> t%u [style=dashed];\n", k,
				fields[k].level);
		else if (mapped)
			fprintf(f, "\tva:f%u -> page [style=dashed];\n", k);
	}
	for (i = 0; i + 1 < w->n_level; i++)
		fprintf(f, "\tt%u -> t%u [label=\"table\"];\n", i, i + 1);
	if (w->n_level)
		fprintf(f, "\tt%u -> %s;\n", w->n_level - 1,
			mapped ? "page" : "fault");
	fputs("}\n", f);
}
