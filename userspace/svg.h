/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svg.h - the pieces of SVG output the zone map and the walk pictures
 * share: text escaped for XML, the opening tag of a <text>
 */
#ifndef SMM_SVG_H
#define SMM_SVG_H

#include <stdio.h>

void svg_escape(FILE *f, const char *s);
void svg_text_open(FILE *f, const char *class, double x, double y,
		   const char *anchor);

#endif /* SMM_SVG_H */
