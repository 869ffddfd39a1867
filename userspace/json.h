/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json.h - a small streaming JSON writer
 *
 * Values are written as they come; the writer only tracks nesting, commas
 * and indentation. Inside an object every value needs a key, inside an
 * array or at the top level none may be given. Misuse (a missing or extra
 * key, unbalanced ends, nesting deeper than JSON_MAX_DEPTH) is recorded
 * and reported by json_finish() rather than producing silent garbage.
 */
#ifndef SMM_JSON_H
#define SMM_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

#define JSON_MAX_DEPTH	16

/**
 * struct json_writer - state of one JSON document being written
 * @out: where it goes
 * @pretty: indent by four spaces per level and put each value on its line
 * @broken: set on misuse; the document is not valid JSON
 * @depth: open containers
 * @in_array: per level: the container is an array (else an object)
 * @has_items: per level: something was written in it (so a comma is due)
 */
struct json_writer {
	FILE *out;
	bool pretty;
	bool broken;
	unsigned int depth;
	bool in_array[JSON_MAX_DEPTH];
	bool has_items[JSON_MAX_DEPTH];
};

void json_init(struct json_writer *w, FILE *out, bool pretty);
void json_begin_object(struct json_writer *w, const char *key);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w, const char *key);
void json_end_array(struct json_writer *w);
void json_string(struct json_writer *w, const char *key, const char *value);
void json_u64(struct json_writer *w, const char *key, __u64 value);
void json_s64(struct json_writer *w, const char *key, __s64 value);
void json_double(struct json_writer *w, const char *key, double value);
void json_bool(struct json_writer *w, const char *key, bool value);
void json_null(struct json_writer *w, const char *key);
void json_opt_u64(struct json_writer *w, const char *key, bool has,
		  __u64 value);
void json_opt_str(struct json_writer *w, const char *key, bool has,
		  const char *value);
void json_opt_enum(struct json_writer *w, const char *key, bool has,
		   __u32 value, const char *(*name)(__u32));
void json_opt_flags(struct json_writer *w, const char *key, bool has,
		    __u32 value, const char *(*name)(unsigned int));
int json_finish(struct json_writer *w);

void json_write_string(FILE *out, const char *s);

#endif /* SMM_JSON_H */
