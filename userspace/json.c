// SPDX-License-Identifier: GPL-2.0
/*
 * json.c - a small streaming JSON writer (RFC 8259 output)
 */
#include <errno.h>
#include <math.h>

#include "json.h"

/**
 * json_init() - start a JSON document
 * @w: the writer
 * @out: where the document goes
 * @pretty: indent nested values
 */
void json_init(struct json_writer *w, FILE *out, bool pretty)
{
	*w = (struct json_writer) { .out = out, .pretty = pretty };
}

/*
 * Length of the well-formed UTF-8 sequence at @p (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 if there is none. @p is
 * NUL-terminated and NUL is never a continuation byte, so this never reads
 * past the end.
 */
static unsigned int utf8_seq_len(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	unsigned int len, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}

	/* The second byte has the narrowed range, the others 80..bf. */
	for (i = 1; i < len; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return len;
}

/**
 * json_write_string() - write @s as a quoted JSON string
 * @out: where to write
 * @s: NUL-terminated bytes, normally UTF-8
 *
 * Quotes, backslashes and control characters are escaped. Bytes that are
 * not well-formed UTF-8 become U+FFFD, so the output is always valid JSON
 * whatever the kernel put in a string attribute.
 */
void json_write_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int len;

	putc('"', out);
	while (*p) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\b':
			fputs("\\b", out);
			break;
		case '\f':
			fputs("\\f", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20) {
				fprintf(out, "\\u%04x", *p);
			} else if (*p < 0x80) {
				putc(*p, out);
			} else {
				len = utf8_seq_len(p);
				if (!len) {
					fputs("\\ufffd", out);
					break;
				}
				fwrite(p, 1, len, out);
				p += len;
				continue;
			}
		}
		p++;
	}
	putc('"', out);
}

static void newline_indent(struct json_writer *w, unsigned int depth)
{
	unsigned int i;

	putc('\n', w->out);
	for (i = 0; i < depth; i++)
		fputs("    ", w->out);
}

/* Writes what goes before a value: comma, indentation, key. */
static void value_prefix(struct json_writer *w, const char *key)
{
	unsigned int d = w->depth;

	if (d == 0) {
		/* One value per document, and it has no key. */
		if (key || w->has_items[0])
			w->broken = true;
		w->has_items[0] = true;
		return;
	}

	/* Members of objects have keys, elements of arrays have none. */
	if (w->in_array[d] == !!key)
		w->broken = true;
	if (w->has_items[d])
		putc(',', w->out);
	if (w->pretty)
		newline_indent(w, d);
	w->has_items[d] = true;

	if (key) {
		json_write_string(w->out, key);
		fputs(w->pretty ? ": " : ":", w->out);
	}
}

static void begin(struct json_writer *w, const char *key, bool array)
{
	if (w->depth + 1 >= JSON_MAX_DEPTH) {
		w->broken = true;
		return;
	}
	value_prefix(w, key);
	putc(array ? '[' : '{', w->out);
	w->depth++;
	w->in_array[w->depth] = array;
	w->has_items[w->depth] = false;
}

static void end(struct json_writer *w, bool array)
{
	unsigned int d = w->depth;

	if (d == 0 || w->in_array[d] != array) {
		w->broken = true;
		return;
	}
	if (w->pretty && w->has_items[d])
		newline_indent(w, d - 1);
	putc(array ? ']' : '}', w->out);
	w->depth--;
}

/**
 * json_begin_object() - open an object
 * @w: the writer
 * @key: its key in the enclosing object; NULL in an array or at the top
 */
void json_begin_object(struct json_writer *w, const char *key)
{
	begin(w, key, false);
}

/**
 * json_end_object() - close the innermost container, which is an object
 * @w: the writer
 */
void json_end_object(struct json_writer *w)
{
	end(w, false);
}

/**
 * json_begin_array() - open an array
 * @w: the writer
 * @key: its key in the enclosing object; NULL in an array or at the top
 */
void json_begin_array(struct json_writer *w, const char *key)
{
	begin(w, key, true);
}

/**
 * json_end_array() - close the innermost container, which is an array
 * @w: the writer
 */
void json_end_array(struct json_writer *w)
{
	end(w, true);
}

/**
 * json_string() - write a string value
 * @w: the writer
 * @key: its key, or NULL in an array
 * @value: the string; NULL writes null
 */
void json_string(struct json_writer *w, const char *key, const char *value)
{
	value_prefix(w, key);
	if (value)
		json_write_string(w->out, value);
	else
		fputs("null", w->out);
}

/**
 * json_u64() - write an unsigned number
 * @w: the writer
 * @key: its key, or NULL in an array
 * @value: the number, written in full (consumers that read numbers as
 *	doubles lose precision above 2^53)
 */
void json_u64(struct json_writer *w, const char *key, __u64 value)
{
	value_prefix(w, key);
	fprintf(w->out, "%llu", (unsigned long long)value);
}

/**
 * json_s64() - write a signed number
 * @w: the writer
 * @key: its key, or NULL in an array
 * @value: the number
 */
void json_s64(struct json_writer *w, const char *key, __s64 value)
{
	value_prefix(w, key);
	fprintf(w->out, "%lld", (long long)value);
}

/**
 * json_double() - write a number with three decimals
 * @w: the writer
 * @key: its key, or NULL in an array
 * @value: the number; NaN and infinities (which JSON lacks) become null
 */
void json_double(struct json_writer *w, const char *key, double value)
{
	value_prefix(w, key);
	if (isfinite(value))
		fprintf(w->out, "%.3f", value);
	else
		fputs("null", w->out);
}

/**
 * json_bool() - write true or false
 * @w: the writer
 * @key: its key, or NULL in an array
 * @value: the truth value
 */
void json_bool(struct json_writer *w, const char *key, bool value)
{
	value_prefix(w, key);
	fputs(value ? "true" : "false", w->out);
}

/**
 * json_null() - write null
 * @w: the writer
 * @key: its key, or NULL in an array
 */
void json_null(struct json_writer *w, const char *key)
{
	value_prefix(w, key);
	fputs("null", w->out);
}

/*
 * Members of attributes that may not have come: each writes null when
 * @has is false. Shared by the renderers of replies (mm_print.c,
 * pt_print.c).
 */

/**
 * json_opt_u64() - write @value, or null
 * @w: the writer
 * @key: its key, or NULL in an array
 * @has: the value came
 * @value: the value
 */
void json_opt_u64(struct json_writer *w, const char *key, bool has,
		  __u64 value)
{
	if (has)
		json_u64(w, key, value);
	else
		json_null(w, key);
}

/**
 * json_opt_str() - write @value, or null
 * @w: the writer
 * @key: its key, or NULL in an array
 * @has: the value came
 * @value: the string
 */
void json_opt_str(struct json_writer *w, const char *key, bool has,
		  const char *value)
{
	if (has)
		json_string(w, key, value);
	else
		json_null(w, key);
}

/**
 * json_opt_enum() - write an enum value by its name, or null
 * @w: the writer
 * @key: its key, or NULL in an array
 * @has: the value came
 * @value: the value
 * @name: gives the value's name, NULL for one it does not know: that one
 *	is written as a number
 */
void json_opt_enum(struct json_writer *w, const char *key, bool has,
		   __u32 value, const char *(*name)(__u32))
{
	const char *s = has ? name(value) : NULL;

	if (!has)
		json_null(w, key);
	else if (s)
		json_string(w, key, s);
	else
		json_u64(w, key, value);
}

/**
 * json_opt_flags() - write flag bits as an array of their names, or null
 * @w: the writer
 * @key: its key, or NULL in an array
 * @has: the value came
 * @value: the bits
 * @name: gives the name of a bit number, NULL for one it does not know:
 *	that bit is written as a number (its value)
 */
void json_opt_flags(struct json_writer *w, const char *key, bool has,
		    __u32 value, const char *(*name)(unsigned int))
{
	unsigned int bit;

	if (!has) {
		json_null(w, key);
		return;
	}
	json_begin_array(w, key);
	for (bit = 0; bit < 32; bit++) {
		if (!(value & (1U << bit)))
			continue;
		if (name(bit))
			json_string(w, NULL, name(bit));
		else
			json_u64(w, NULL, 1ULL << bit);
	}
	json_end_array(w);
}

/**
 * json_finish() - end the document with a newline and flush it
 * @w: the writer
 *
 * Return: 0; -EINVAL if the writer was misused (the output is not valid
 * JSON); a negative errno (-ENOSPC, -EPIPE, else -EIO) if writing failed.
 */
int json_finish(struct json_writer *w)
{
	if (w->depth)
		w->broken = true;
	if (w->has_items[0])
		putc('\n', w->out);
	if (fflush(w->out))
		return errno ? -errno : -EIO;
	if (ferror(w->out))
		return -EIO;
	return w->broken ? -EINVAL : 0;
}
