/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pt_draw.h - a walk drawn as a picture: SVG, and Graphviz DOT
 *
 * Both show the virtual address split into the index fields each level
 * takes from it, each table as a box with the entry the walk took in it
 * (index, raw descriptor, kind, decoded fields), arrows to the next table,
 * and the page or block reached, or the fault. No netlink here.
 */
#ifndef SMM_PT_DRAW_H
#define SMM_PT_DRAW_H

#include <stdio.h>

#include "pt_info.h"

void pt_draw_svg(FILE *f, const struct smm_walk_info *w);
void pt_draw_dot(FILE *f, const struct smm_walk_info *w);

#endif /* SMM_PT_DRAW_H */
