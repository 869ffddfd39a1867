/* SPDX-License-Identifier: GPL-2.0 */
/*
 * args.h - small helpers for walking and checking command-line words
 *
 * None of these print anything: a failing helper formats its complaint into
 * the walker's error buffer and returns SMM_EXIT_USAGE, so the caller (and
 * the host test) decides where the message goes.
 */
#ifndef SMM_ARGS_H
#define SMM_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "util.h"

/* Exit statuses of smm, shared by the parser and the commands. */
#define SMM_EXIT_OK	0
#define SMM_EXIT_USAGE	1
#define SMM_EXIT_ERROR	2

#define SMM_ERR_LEN	256

/**
 * struct smm_args - a cursor over the words that are left to parse
 * @argc: number of words left
 * @argv: the next word is argv[0]
 * @object: name of the object being parsed, or NULL before one is chosen;
 *	the hint after an error points to its help
 * @err: where a usage error is described (SMM_ERR_LEN bytes, one line)
 * @hint: where the follow-up hint goes (SMM_ERR_LEN bytes), e.g.
 *	"Try 'smm config help'."
 */
struct smm_args {
	int argc;
	char **argv;
	const char *object;
	char *err;
	char *hint;
};

/**
 * struct smm_keyword - the common head of every table row looked up by name
 * @name: the full keyword
 *
 * Tables of objects and commands start their rows with this struct so one
 * lookup routine serves them all.
 */
struct smm_keyword {
	const char *name;
};

bool matches(const char *word, const char *keyword);

const char *args_peek(const struct smm_args *a);
const char *args_next(struct smm_args *a);

__printf(2, 3)
int args_error(struct smm_args *a, const char *fmt, ...);

int args_lookup(struct smm_args *a, const char *what, const char *word,
		const void *table, size_t count, size_t row_size,
		size_t *index);

int args_get_u32(struct smm_args *a, const char *what, __u32 min, __u32 max,
		 __u32 *val);

int args_get_pfn(struct smm_args *a, const char *what, __u64 *val);

int args_end(struct smm_args *a);

#endif /* SMM_ARGS_H */
