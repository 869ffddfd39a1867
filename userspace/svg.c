// SPDX-License-Identifier: GPL-2.0
/*
 * svg.c - the pieces of SVG output the zone map and the walk pictures
 * share
 */
#include "svg.h"

/**
 * svg_escape() - write @s as XML text or attribute content
 * @f: where to write
 * @s: the text
 */
void svg_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/**
 * svg_text_open() - open a <text> element at (@x, @y)
 * @f: where to write
 * @class: its class, or NULL for none
 * @x: where it is anchored
 * @y: its baseline
 * @anchor: "start", "middle" or "end"
 *
 * The caller writes the text, escaped, and closes it with "</text>".
 */
void svg_text_open(FILE *f, const char *class, double x, double y,
		   const char *anchor)
{
	fputs("<text", f);
	if (class)
		fprintf(f, " class=\"%s\"", class);
	fprintf(f, " x=\"%g\" y=\"%g\" text-anchor=\"%s\">", x, y, anchor);
}
