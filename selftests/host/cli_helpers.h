/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host tests of the CLI's renderers share: capturing what a
 * renderer writes, counting pieces of it, checking that an SVG image is
 * well-formed XML and JSON is well-formed, that the attribute sets name
 * every attribute, and building replies by hand for the decoders.
 * Include after kselftest_harness.h: these assert.
 */

#ifndef _SMM_CLI_HELPERS_H
#define _SMM_CLI_HELPERS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include "names.h"

/*
 * Everything @call_ wrote to the memory stream f_; free() it. Fails the
 * test when the stream cannot be had or closed.
 */
#define RENDER(call_)						\
	({							\
		char *buf_ = NULL;				\
		size_t len_ = 0;				\
		FILE *f_ = open_memstream(&buf_, &len_);	\
								\
		ASSERT_NE(NULL, f_);				\
		call_;						\
		ASSERT_EQ(0, fclose(f_));			\
		buf_;						\
	})

/*
 * Text or JSON of a renderer taking a struct smm_out (print.h);
 * malformed JSON (the writer's record of misuse) fails the test.
 */
#define RENDER_OUT(json_, call_)				\
	RENDER(struct smm_out o_;				\
	       out_init(&o_, f_, (json_), false);		\
	       call_;						\
	       EXPECT_EQ(0, out_finish(&o_)))

/* How many times @what occurs in @s, not overlapping. */
static inline size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what))) {
		n++;
		s += strlen(what);
	}
	return n;
}

/*
 * A small XML checker: an XML declaration, then one root element; tags
 * nest and close in order, attribute values are quoted, text holds no
 * bare '>', and no '&' that starts no entity. Return: NULL when @s is
 * well-formed, or what is wrong.
 */
static inline const char *xml_check(const char *s)
{
	static char why[128];
	char stack[32][32];
	int depth = 0, roots = 0;
	const char *end, *name;
	bool closing;
	size_t len;

	if (strncmp(s, "<?xml ", 6))
		return "no XML declaration";
	s = strstr(s, "?>");
	if (!s)
		return "unterminated declaration";
	for (s += 2; *s; s++) {
		if (*s == '&') {
			if (strncmp(s, "&amp;", 5) && strncmp(s, "&lt;", 4) &&
			    strncmp(s, "&gt;", 4) && strncmp(s, "&quot;", 6) &&
			    strncmp(s, "&apos;", 6))
				return "bare '&'";
			continue;
		}
		if (*s == '>')
			return "bare '>'";
		if (*s != '<') {
			if (!depth && *s != '\n' && *s != ' ')
				return "text outside the root";
			continue;
		}
		closing = s[1] == '/';
		name = s + 1 + closing;
		len = strcspn(name, " />\n");
		if (!len || len >= sizeof(stack[0]))
			return "bad tag name";
		/* The tag's end, outside quoted values. */
		for (end = name + len; *end && *end != '>'; end++) {
			if (*end == '<')
				return "'<' inside a tag";
			if (*end != '"')
				continue;
			end = strchr(end + 1, '"');
			if (!end)
				return "unterminated attribute";
		}
		if (!*end)
			return "unterminated tag";
		if (closing) {
			if (!depth || strlen(stack[depth - 1]) != len ||
			    strncmp(stack[depth - 1], name, len)) {
				snprintf(why, sizeof(why), "</%.*s> closes nothing open",
					 (int)len, name);
				return why;
			}
			depth--;
		} else if (end[-1] != '/') {
			if (depth == (int)ARRAY_SIZE(stack))
				return "too deep";
			roots += !depth;
			memcpy(stack[depth], name, len);
			stack[depth++][len] = '\0';
		}
		s = end;
	}
	if (depth)
		return "an element is left open";
	return roots == 1 ? NULL : "not one root element";
}

/*
 * Each of the @n attribute sets @sets ends at the UAPI's last attribute
 * (@max, one per set) and names every attribute up to it: one added to
 * the UAPI but not to names.c fails.
 */
static inline void expect_attr_sets_named(struct __test_metadata *_metadata,
					  const struct smm_attr_set *const *sets,
					  const unsigned int *max, size_t n)
{
	unsigned int type;
	size_t i;

	for (i = 0; i < n; i++) {
		EXPECT_EQ(max[i], sets[i]->max) TH_LOG("%s", sets[i]->name);
		for (type = 1; type <= sets[i]->max; type++)
			EXPECT_NE(NULL, smm_attr_name(sets[i], type))
				TH_LOG("%s %u", sets[i]->name, type);
	}
}

/* ---- replies built by hand ------------------------------------------ */

#define MSG_LEN		16384
#define MAX_NEST	4

/* A reply's attributes, as the module would put them after genetlink. */
struct msg {
	unsigned char buf[MSG_LEN];
	size_t len;
	size_t nest[MAX_NEST];
	int depth;
};

static inline void msg_init(struct msg *m)
{
	memset(m, 0, sizeof(*m));
}

static inline void put(struct msg *m, int type, const void *data,
		       size_t len)
{
	struct nlattr nla = {
		.nla_len = NLA_HDRLEN + len,
		.nla_type = type,
	};

	if (m->len + NLA_ALIGN(nla.nla_len) > MSG_LEN)
		abort();
	memcpy(m->buf + m->len, &nla, sizeof(nla));
	if (len)
		memcpy(m->buf + m->len + NLA_HDRLEN, data, len);
	memset(m->buf + m->len + NLA_HDRLEN + len, 0,
	       NLA_ALIGN(nla.nla_len) - nla.nla_len);
	m->len += NLA_ALIGN(nla.nla_len);
}

static inline void put_u32(struct msg *m, int type, __u32 v)
{
	put(m, type, &v, sizeof(v));
}

static inline void put_u64(struct msg *m, int type, __u64 v)
{
	put(m, type, &v, sizeof(v));
}

static inline void put_str(struct msg *m, int type, const char *s)
{
	put(m, type, s, strlen(s) + 1);
}

static inline void put_flag(struct msg *m, int type)
{
	put(m, type, NULL, 0);
}

static inline void nest_begin(struct msg *m, int type)
{
	if (m->depth == MAX_NEST)
		abort();
	m->nest[m->depth++] = m->len;
	put(m, type | NLA_F_NESTED, NULL, 0);
}

static inline void nest_end(struct msg *m)
{
	struct nlattr nla;
	size_t at = m->nest[--m->depth];

	memcpy(&nla, m->buf + at, sizeof(nla));
	nla.nla_len = m->len - at;
	memcpy(m->buf + at, &nla, sizeof(nla));
}

/* ---- a JSON checker ------------------------------------------------- */

static inline const char *json_value(const char **p, int depth);

static inline void json_space(const char **p)
{
	while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
		(*p)++;
}

static inline const char *json_str(const char **p)
{
	if (**p != '"')
		return "expected a string";
	for ((*p)++; **p != '"'; (*p)++) {
		if (!**p || (unsigned char)**p < 0x20)
			return "unterminated string";
		if (**p == '\\') {
			(*p)++;
			if (!**p || !strchr("\"\\/bfnrtu", **p))
				return "bad escape";
		}
	}
	(*p)++;
	return NULL;
}

static inline const char *json_number(const char **p)
{
	const char *start = *p;

	if (**p == '-')
		(*p)++;
	if (**p < '0' || **p > '9')
		return "bad number";
	while (**p && ((**p >= '0' && **p <= '9') || strchr(".eE+-", **p)))
		(*p)++;
	return *p > start ? NULL : "bad number";
}

static inline const char *json_items(const char **p, char close,
				     bool object, int depth)
{
	const char *why;

	(*p)++;
	json_space(p);
	if (**p == close) {
		(*p)++;
		return NULL;
	}
	for (;;) {
		json_space(p);
		if (object) {
			why = json_str(p);
			if (why)
				return why;
			json_space(p);
			if (*(*p)++ != ':')
				return "expected ':'";
		}
		why = json_value(p, depth + 1);
		if (why)
			return why;
		json_space(p);
		if (**p == close) {
			(*p)++;
			return NULL;
		}
		if (*(*p)++ != ',')
			return "expected ','";
	}
}

static inline const char *json_value(const char **p, int depth)
{
	if (depth > 32)
		return "too deep";
	json_space(p);
	switch (**p) {
	case '{':
		return json_items(p, '}', true, depth);
	case '[':
		return json_items(p, ']', false, depth);
	case '"':
		return json_str(p);
	case 't':
		return strncmp(*p, "true", 4) ? "bad word" : (*p += 4, NULL);
	case 'f':
		return strncmp(*p, "false", 5) ? "bad word" : (*p += 5, NULL);
	case 'n':
		return strncmp(*p, "null", 4) ? "bad word" : (*p += 4, NULL);
	default:
		return json_number(p);
	}
}

/*
 * Round @i of a decoder fuzz: a copy of @m cut short at random with a few
 * random bytes (three rounds in four), or random bytes alone (the
 * fourth). Return: the copy, *@len bytes, to free(); NULL without memory.
 */
static inline unsigned char *fuzz_mutation(const struct msg *m,
					   unsigned int i, size_t *len)
{
	unsigned char *copy;
	size_t k;

	*len = i % 4 ? m->len - rand() % (m->len / 2) : (size_t)(rand() % 512);
	copy = malloc(*len ? *len : 1);
	if (!copy)
		return NULL;
	if (i % 4) {
		memcpy(copy, m->buf, *len);
		for (k = 0; k < 1 + (size_t)(rand() % 8); k++)
			copy[rand() % *len] = rand();
	} else {
		for (k = 0; k < *len; k++)
			copy[k] = rand();
	}
	return copy;
}

/* NULL when @s is one JSON value and nothing else but spaces. */
static inline const char *json_check(const char *s)
{
	const char *why = json_value(&s, 0);

	if (why)
		return why;
	json_space(&s);
	return *s ? "text after the value" : NULL;
}

/* Each of the NULL-terminated "key":value pieces is in @json. */
static inline void expect_members(struct __test_metadata *_metadata,
				  const char *json,
				  const char *const *members)
{
	for (; *members; members++) {
		EXPECT_NE(NULL, strstr(json, *members))
			TH_LOG("%s not in %s", *members, json);
	}
}

#endif /* _SMM_CLI_HELPERS_H */
