// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - small helpers for walking and checking command-line words
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

/**
 * matches() - is @word an abbreviation of @keyword?
 * @word: what the user typed
 * @keyword: the full keyword
 *
 * Return: true when @word is a non-empty prefix of @keyword (or equal to it).
 */
bool matches(const char *word, const char *keyword)
{
	size_t len = strlen(word);

	return len && !strncmp(word, keyword, len);
}

/**
 * args_peek() - the next word, left in place
 * @a: the cursor
 *
 * Return: the next word, or NULL when there are none left.
 */
const char *args_peek(const struct smm_args *a)
{
	return a->argc > 0 ? a->argv[0] : NULL;
}

/**
 * args_next() - take the next word
 * @a: the cursor
 *
 * Return: the word taken, or NULL when there are none left.
 */
const char *args_next(struct smm_args *a)
{
	const char *word = args_peek(a);

	if (word) {
		a->argc--;
		a->argv++;
	}
	return word;
}

/**
 * args_error() - describe a usage error
 * @a: the cursor; its @object selects the help the hint points to
 * @fmt: printf format of the one-line description
 *
 * Return: SMM_EXIT_USAGE, so callers can `return args_error(...)`.
 */
int args_error(struct smm_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->err, SMM_ERR_LEN, fmt, ap);
	va_end(ap);

	if (a->object)
		snprintf(a->hint, SMM_ERR_LEN, "Try 'smm %s help'.", a->object);
	else
		snprintf(a->hint, SMM_ERR_LEN, "Try 'smm help'.");
	return SMM_EXIT_USAGE;
}

static const char *row_name(const void *table, size_t row_size, size_t i)
{
	const struct smm_keyword *kw;

	kw = (const void *)((const char *)table + i * row_size);
	return kw->name;
}

/**
 * args_lookup() - find a keyword in a table, accepting abbreviations
 * @a: the cursor (for the error message)
 * @what: what the table holds, for messages ("object", "command")
 * @word: what the user typed
 * @table: array of rows, each starting with a struct smm_keyword
 * @count: rows in @table
 * @row_size: sizeof one row
 * @index: set to the matching row
 *
 * An exact match wins. Otherwise @word must be a prefix of exactly one
 * keyword: a prefix shared by several is refused, so `smm s` never guesses.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_USAGE with the error described.
 */
int args_lookup(struct smm_args *a, const char *what, const char *word,
		const void *table, size_t count, size_t row_size,
		size_t *index)
{
	const char *first = NULL, *second = NULL;
	size_t i, found = 0;

	for (i = 0; i < count; i++) {
		const char *name = row_name(table, row_size, i);

		if (!strcmp(word, name)) {
			*index = i;
			return SMM_EXIT_OK;
		}
		if (!matches(word, name))
			continue;
		if (!first) {
			first = name;
			found = i;
		} else if (!second) {
			second = name;
		}
	}

	if (second)
		return args_error(a, "ambiguous %s '%s': could be '%s' or '%s'",
				  what, word, first, second);
	if (!first)
		return args_error(a, "unknown %s '%s'", what, word);
	*index = found;
	return SMM_EXIT_OK;
}

/**
 * args_get_u32() - take the next word as a decimal number within a range
 * @a: the cursor
 * @what: name of the value, for messages ("debug level")
 * @min: smallest accepted value
 * @max: largest accepted value
 * @val: set to the number
 *
 * Only plain decimal digits are accepted: no sign, no spaces, no hex, so
 * "-1" is refused rather than wrapped to 4294967295.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_USAGE with the error described.
 */
int args_get_u32(struct smm_args *a, const char *what, __u32 min, __u32 max,
		 __u32 *val)
{
	const char *word = args_next(a);
	unsigned long long v;
	char *end;

	if (!word)
		return args_error(a, "missing %s", what);
	if (!isdigit((unsigned char)word[0]))
		goto invalid;

	errno = 0;
	v = strtoull(word, &end, 10);
	if (*end)
		goto invalid;
	if (errno == ERANGE || v < min || v > max)
		return args_error(a, "%s %s out of range %u..%u",
				  what, word, min, max);
	*val = v;
	return SMM_EXIT_OK;

invalid:
	return args_error(a, "invalid %s '%s': expected a number %u..%u",
			  what, word, min, max);
}

/**
 * args_get_pfn() - take the next word as a page frame number
 * @a: the cursor
 * @what: name of the value, for messages ("pfn")
 * @val: set to the number
 *
 * Decimal, or hexadecimal after "0x" or "0X" (as the module's messages
 * and `smm page alloc` print them). No sign, no spaces, nothing after
 * the digits; at most 64 bits.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_USAGE with the error described.
 */
int args_get_pfn(struct smm_args *a, const char *what, __u64 *val)
{
	const char *word = args_next(a), *digits;
	unsigned long long v;
	int base = 10;
	char *end;

	if (!word)
		return args_error(a, "missing %s", what);
	digits = word;
	if (word[0] == '0' && (word[1] == 'x' || word[1] == 'X')) {
		digits = word + 2;
		base = 16;
		if (!isxdigit((unsigned char)digits[0]))
			goto invalid;
	} else if (!isdigit((unsigned char)digits[0])) {
		goto invalid;
	}

	errno = 0;
	v = strtoull(digits, &end, base);
	if (*end)
		goto invalid;
	if (errno == ERANGE)
		return args_error(a, "%s %s out of range (64 bits)", what, word);
	*val = v;
	return SMM_EXIT_OK;

invalid:
	return args_error(a, "invalid %s '%s': expected a decimal or 0x hex number",
			  what, word);
}

/**
 * args_end() - check that no words are left
 * @a: the cursor
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_USAGE naming the first extra word.
 */
int args_end(struct smm_args *a)
{
	const char *word = args_peek(a);

	if (!word)
		return SMM_EXIT_OK;
	if (word[0] == '-' && (word[1] == '-' || isalpha((unsigned char)word[1])))
		return args_error(a, "unexpected argument '%s' (options go before the object)",
				  word);
	return args_error(a, "unexpected argument '%s'", word);
}
