// SPDX-License-Identifier: GPL-2.0
/*
 * smm's print path: the JSON writer (escaping, pretty mode, misuse
 * detection), text "label: value" lines, human byte sizes
 *
 * Needs SMM_PRINT_SRCS in userspace/sources.mk (userspace/json.c and
 * userspace/print.c) and no library:
 *
 *   gcc -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror \
 *	-fsanitize=address,undefined -g \
 *	-I$KSFT -I$TOP/include/uapi -I$TOP/userspace \
 *	-o cli_output_test selftests/host/cli_output_test.c \
 *	userspace/json.c userspace/print.c
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "json.h"
#include "print.h"

/* An in-memory stream, so output can be compared. */
FIXTURE(mem) {
	char *buf;
	size_t len;
	FILE *f;
};

FIXTURE_SETUP(mem)
{
	self->buf = NULL;
	self->f = open_memstream(&self->buf, &self->len);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(mem)
{
	if (self->f)
		fclose(self->f);
	free(self->buf);
}

/* Closes the stream and returns what was written. */
static const char *written(FIXTURE_DATA(mem) *self)
{
	fclose(self->f);
	self->f = NULL;
	return self->buf;
}

static void status_like(struct json_writer *w)
{
	json_begin_object(w, NULL);
	json_string(w, "version", "0.1.0");
	json_u64(w, "page_size", 4096);
	json_null(w, "pt_format");
	json_begin_array(w, "list");
	json_s64(w, NULL, -1);
	json_bool(w, NULL, true);
	json_end_array(w);
	json_begin_object(w, "empty");
	json_end_object(w);
	json_end_object(w);
}

TEST_F(mem, compact)
{
	struct json_writer w;

	json_init(&w, self->f, false);
	status_like(&w);
	ASSERT_EQ(0, json_finish(&w));
	EXPECT_STREQ("{\"version\":\"0.1.0\",\"page_size\":4096,"
		     "\"pt_format\":null,\"list\":[-1,true],\"empty\":{}}\n",
		     written(self));
}

TEST_F(mem, pretty)
{
	struct json_writer w;

	json_init(&w, self->f, true);
	status_like(&w);
	ASSERT_EQ(0, json_finish(&w));
	EXPECT_STREQ("{\n"
		     "    \"version\": \"0.1.0\",\n"
		     "    \"page_size\": 4096,\n"
		     "    \"pt_format\": null,\n"
		     "    \"list\": [\n"
		     "        -1,\n"
		     "        true\n"
		     "    ],\n"
		     "    \"empty\": {}\n"
		     "}\n", written(self));
}

TEST_F(mem, escaping)
{
	struct json_writer w;

	json_init(&w, self->f, false);
	json_begin_array(&w, NULL);
	json_string(&w, NULL, "q\"b\\s/");
	json_string(&w, NULL, "\b\f\n\r\t\x01\x1f\x7f");
	/* é, €, U+1F600: well-formed UTF-8 passes through. */
	json_string(&w, NULL, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	/* Stray, overlong, surrogate, truncated: each bad byte is U+FFFD. */
	json_string(&w, NULL, "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe2\x82");
	json_end_array(&w);
	ASSERT_EQ(0, json_finish(&w));
	EXPECT_STREQ("[\"q\\\"b\\\\s/\","
		     "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\","
		     "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\","
		     "\"a\\ufffdb\\ufffd\\ufffdc\\ufffd\\ufffd\\ufffdd"
		     "\\ufffd\\ufffd\"]\n", written(self));
}

TEST_F(mem, keys_escaped)
{
	struct json_writer w;

	json_init(&w, self->f, false);
	json_begin_object(&w, NULL);
	json_u64(&w, "a\"b", 18446744073709551615ULL);
	json_end_object(&w);
	ASSERT_EQ(0, json_finish(&w));
	EXPECT_STREQ("{\"a\\\"b\":18446744073709551615}\n", written(self));
}

/* Misuse is reported, never silently written as broken JSON. */
TEST_F(mem, misuse)
{
	struct json_writer w;
	unsigned int i;

	json_init(&w, self->f, false);
	json_begin_object(&w, NULL);
	json_u64(&w, NULL, 1);			/* no key in an object */
	json_end_object(&w);
	EXPECT_EQ(-EINVAL, json_finish(&w));

	json_init(&w, self->f, false);
	json_begin_array(&w, NULL);
	json_u64(&w, "key", 1);			/* a key in an array */
	json_end_array(&w);
	EXPECT_EQ(-EINVAL, json_finish(&w));

	json_init(&w, self->f, false);
	json_begin_object(&w, NULL);		/* never closed */
	EXPECT_EQ(-EINVAL, json_finish(&w));

	json_init(&w, self->f, false);
	json_begin_object(&w, NULL);
	json_end_array(&w);			/* wrong kind */
	EXPECT_EQ(-EINVAL, json_finish(&w));

	json_init(&w, self->f, false);
	json_end_object(&w);			/* nothing open */
	EXPECT_EQ(-EINVAL, json_finish(&w));

	json_init(&w, self->f, false);
	json_u64(&w, NULL, 1);
	json_u64(&w, NULL, 2);			/* two top-level values */
	EXPECT_EQ(-EINVAL, json_finish(&w));

	json_init(&w, self->f, false);
	for (i = 0; i < JSON_MAX_DEPTH + 2; i++)
		json_begin_array(&w, NULL);	/* too deep: refused, no overflow */
	for (i = 0; i < JSON_MAX_DEPTH + 2; i++)
		json_end_array(&w);
	EXPECT_EQ(-EINVAL, json_finish(&w));
}

TEST_F(mem, text_fields)
{
	struct smm_out o;

	out_init(&o, self->f, false, true);
	out_begin_object(&o, NULL);
	out_str(&o, OUT_ANY, "version", "module version", "0.1.0");
	out_u64(&o, OUT_ANY, "page_size", "page size", 4096);
	out_str(&o, OUT_ANY, "machine", "machine", NULL);
	out_u64(&o, OUT_JSON, "shadow_bytes", NULL, 1);
	out_textf(&o, "page tables", "%s, %u levels", "arm", 2);
	out_str(&o, OUT_TEXT, NULL, "a label longer than the column", "x");
	out_end_object(&o);
	ASSERT_EQ(0, out_finish(&o));
	EXPECT_STREQ("module version: 0.1.0\n"
		     "page size:      4096\n"
		     "machine:        unknown\n"
		     "page tables:    arm, 2 levels\n"
		     "a label longer than the column: x\n", written(self));
}

TEST_F(mem, json_fields)
{
	struct smm_out o;

	out_init(&o, self->f, true, false);
	out_begin_object(&o, NULL);
	out_str(&o, OUT_ANY, "version", "module version", "0.1.0");
	out_str(&o, OUT_ANY, "machine", "machine", NULL);
	out_u64(&o, OUT_JSON, "shadow_bytes", NULL, 1);
	out_textf(&o, "page tables", "%s", "text only");
	out_u64(&o, OUT_TEXT, "nope", "nope", 2);
	out_end_object(&o);
	ASSERT_EQ(0, out_finish(&o));
	EXPECT_STREQ("{\"version\":\"0.1.0\",\"machine\":null,"
		     "\"shadow_bytes\":1}\n", written(self));
}

TEST(write_error)
{
	struct smm_out o;
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		SKIP(return, "no /dev/full");
	out_init(&o, f, true, false);
	out_begin_object(&o, NULL);
	out_str(&o, OUT_ANY, "version", "module version", "0.1.0");
	out_end_object(&o);
	EXPECT_EQ(-ENOSPC, out_finish(&o));
	fclose(f);
}

TEST(size_iec)
{
	static const struct {
		__u64 bytes;
		const char *text;
	} cases[] = {
		{ 0, "0 B" },
		{ 1023, "1023 B" },
		{ 1024, "1 KiB" },
		{ 1536, "1.5 KiB" },
		{ 4096, "4 KiB" },
		{ 128ULL << 20, "128 MiB" },
		{ (1ULL << 20) - 1, "1.0 MiB" },
		{ (3ULL << 30) + (512ULL << 20), "3.5 GiB" },
		{ 1ULL << 40, "1 TiB" },
		{ 1ULL << 60, "1 EiB" },
		{ UINT64_MAX, "16.0 EiB" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		EXPECT_STREQ(cases[i].text,
			     format_size_iec(cases[i].bytes, buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
