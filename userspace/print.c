// SPDX-License-Identifier: GPL-2.0
/*
 * print.c - one print path for text and JSON output
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "print.h"

/* Wide enough for "module version:" and one space. */
#define OUT_LABEL_WIDTH	16

/**
 * out_init() - start an output
 * @o: the output
 * @f: the stream to write
 * @json: write JSON instead of text
 * @pretty: indent the JSON (ignored for text)
 */
void out_init(struct smm_out *o, FILE *f, bool json, bool pretty)
{
	*o = (struct smm_out) {
		.f = f,
		.json = json,
		.label_width = OUT_LABEL_WIDTH,
	};
	if (json)
		json_init(&o->jw, f, pretty);
}

/**
 * out_begin_object() - open a JSON object; nothing in text mode
 * @o: the output
 * @key: its key in the enclosing object, NULL at the top or in an array
 */
void out_begin_object(struct smm_out *o, const char *key)
{
	if (o->json)
		json_begin_object(&o->jw, key);
}

/**
 * out_end_object() - close the JSON object; nothing in text mode
 * @o: the output
 */
void out_end_object(struct smm_out *o)
{
	if (o->json)
		json_end_object(&o->jw);
}

static bool wants(const struct smm_out *o, enum out_kind kind)
{
	if (kind == OUT_ANY)
		return true;
	return o->json ? kind == OUT_JSON : kind == OUT_TEXT;
}

static void text_label(struct smm_out *o, const char *label)
{
	int pad = o->label_width - (int)strlen(label) - 1;

	fprintf(o->f, "%s:%*s", label, pad > 0 ? pad : 1, "");
}

/**
 * out_str() - a string field
 * @o: the output
 * @kind: which outputs show it
 * @key: its JSON key
 * @label: its text label, without the colon
 * @value: the string; NULL shows "unknown" in text and null in JSON
 */
void out_str(struct smm_out *o, enum out_kind kind, const char *key,
	     const char *label, const char *value)
{
	if (!wants(o, kind))
		return;
	if (o->json) {
		json_string(&o->jw, key, value);
		return;
	}
	text_label(o, label);
	fprintf(o->f, "%s\n", value ? value : "unknown");
}

/**
 * out_u64() - a number field
 * @o: the output
 * @kind: which outputs show it
 * @key: its JSON key
 * @label: its text label, without the colon
 * @value: the number
 */
void out_u64(struct smm_out *o, enum out_kind kind, const char *key,
	     const char *label, __u64 value)
{
	if (!wants(o, kind))
		return;
	if (o->json) {
		json_u64(&o->jw, key, value);
		return;
	}
	text_label(o, label);
	fprintf(o->f, "%llu\n", (unsigned long long)value);
}

/**
 * out_textf() - a field shown in text mode only, its value formatted
 * @o: the output
 * @label: its label, without the colon
 * @fmt: printf format of the value
 */
void out_textf(struct smm_out *o, const char *label, const char *fmt, ...)
{
	va_list ap;

	if (o->json)
		return;
	text_label(o, label);
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	putc('\n', o->f);
}

/**
 * out_finish() - end the output and flush it
 * @o: the output
 *
 * Return: 0; a negative errno if writing failed (see json_finish());
 * -EINVAL if the JSON came out malformed (a bug in the caller).
 */
int out_finish(struct smm_out *o)
{
	if (o->json)
		return json_finish(&o->jw);
	if (fflush(o->f))
		return errno ? -errno : -EIO;
	if (ferror(o->f))
		return -EIO;
	return 0;
}

/**
 * out_begin_array() - open a JSON array; nothing in text mode
 * @o: the output
 * @key: its key in the enclosing object, NULL at the top or in an array
 */
void out_begin_array(struct smm_out *o, const char *key)
{
	if (o->json)
		json_begin_array(&o->jw, key);
}

/**
 * out_end_array() - close the JSON array; nothing in text mode
 * @o: the output
 */
void out_end_array(struct smm_out *o)
{
	if (o->json)
		json_end_array(&o->jw);
}

/**
 * out_done() - end the output, telling the user if that failed
 * @o: the output
 * @what: the command, for the message ("zone show")
 *
 * Return: 0, or -1 with the reason printed on stderr.
 */
int out_done(struct smm_out *o, const char *what)
{
	int ret = out_finish(o);

	if (!ret)
		return 0;
	fprintf(stderr, "smm: %s: writing the output: %s\n", what,
		strerror(-ret));
	return -1;
}

/**
 * format_size_iec() - a byte count in binary units for people
 * @bytes: the count
 * @buf: where to write
 * @len: size of @buf
 *
 * Exact multiples print without decimals ("128 MiB"), others with one
 * ("1.5 GiB"); counts under 1 KiB print as "N B".
 *
 * Return: @buf.
 */
const char *format_size_iec(__u64 bytes, char *buf, size_t len)
{
	static const char *const units[] = {
		"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
	};
	unsigned int u = 0;
	double v;

	while (u + 1 < ARRAY_SIZE(units) &&
	       bytes >> (10 * (u + 1)))
		u++;

	if (!(bytes & ((1ULL << (10 * u)) - 1))) {
		snprintf(buf, len, "%llu %s",
			 (unsigned long long)(bytes >> (10 * u)), units[u]);
		return buf;
	}

	v = (double)bytes / (double)(1ULL << (10 * u));
	/* 1023.96 KiB would print as "1024.0 KiB": say "1.0 MiB". */
	if (v >= 1023.95 && u + 1 < ARRAY_SIZE(units)) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s", v, units[u]);
	return buf;
}
