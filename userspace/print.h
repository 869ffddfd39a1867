/* SPDX-License-Identifier: GPL-2.0 */
/*
 * print.h - one print path for text and JSON output
 *
 * A command describes each field once: its JSON key, its text label and
 * its value. The printer writes "label: value" lines in text mode and
 * "key": value members in JSON mode. Fields whose two renderings differ
 * (a unit added for people, two JSON members shown as one text line) are
 * written twice with OUT_JSON and OUT_TEXT.
 */
#ifndef SMM_PRINT_H
#define SMM_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

#include "json.h"
#include "util.h"

/* Which output a field goes to. */
enum out_kind {
	OUT_ANY,
	OUT_TEXT,
	OUT_JSON,
};

/**
 * struct smm_out - an output being written
 * @f: the stream
 * @json: JSON mode (else text)
 * @jw: the JSON writer, in JSON mode
 * @label_width: text mode: labels (with their colon) are padded to this
 */
struct smm_out {
	FILE *f;
	bool json;
	struct json_writer jw;
	int label_width;
};

void out_init(struct smm_out *o, FILE *f, bool json, bool pretty);
void out_begin_object(struct smm_out *o, const char *key);
void out_end_object(struct smm_out *o);
void out_str(struct smm_out *o, enum out_kind kind, const char *key,
	     const char *label, const char *value);
void out_u64(struct smm_out *o, enum out_kind kind, const char *key,
	     const char *label, __u64 value);
__printf(3, 4)
void out_textf(struct smm_out *o, const char *label, const char *fmt, ...);
void out_begin_array(struct smm_out *o, const char *key);
void out_end_array(struct smm_out *o);
int out_finish(struct smm_out *o);
int out_done(struct smm_out *o, const char *what);

const char *format_size_iec(__u64 bytes, char *buf, size_t len);

#endif /* SMM_PRINT_H */
