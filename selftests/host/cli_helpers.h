/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host tests of the CLI's renderers share: capturing what a
 * renderer writes, counting pieces of it, checking that an SVG image is
 * well-formed XML, and that the attribute sets name every attribute.
 * Include after kselftest_harness.h: these assert.
 */

#ifndef _SMM_CLI_HELPERS_H
#define _SMM_CLI_HELPERS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

#endif /* _SMM_CLI_HELPERS_H */
