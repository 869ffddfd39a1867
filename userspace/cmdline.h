/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmdline.h - the table of smm's objects and commands, and the parser that
 * turns argv into a struct smm_cmdline without touching netlink
 */
#ifndef SMM_CMDLINE_H
#define SMM_CMDLINE_H

#include <stdio.h>
#include <linux/types.h>

#include "args.h"

/*
 * What to run. Each value has a runner in smm.c; the parser only picks
 * one. Append new commands before __SMM_CMD_MAX.
 */
enum smm_cmd {
	SMM_CMD_NONE,
	SMM_CMD_HELP,		/* help for cmdline.object, or top help */
	SMM_CMD_VERSION,
	SMM_CMD_STATUS_SHOW,
	SMM_CMD_CONFIG_SET,

	__SMM_CMD_MAX
};

/* Global options, before OBJECT. */
#define SMM_OPT_JSON	BIT(0)	/* -j, --json */
#define SMM_OPT_PRETTY	BIT(1)	/* -p, --pretty: indent JSON */

struct smm_cmdline;

/**
 * struct smm_command - one COMMAND of an object
 * @kw: the command's keyword
 * @cmd: what the runner table in smm.c runs for it
 * @parse: parses the command's ARGS into the cmdline; NULL when the
 *	command takes none. Words it leaves are refused as extra arguments.
 */
struct smm_command {
	struct smm_keyword kw;
	enum smm_cmd cmd;
	int (*parse)(struct smm_args *a, struct smm_cmdline *cl);
};

/**
 * struct smm_object - one OBJECT of `smm [OPTIONS] OBJECT COMMAND [ARGS]`
 * @kw: the object's keyword
 * @summary: one line for the object list in `smm help`
 * @usage: the text of `smm OBJECT help`
 * @cmds: its commands, a "help" row included; NULL for a pseudo-object
 *	that parses its own words
 * @n_cmds: rows in @cmds
 * @default_cmd: what `smm OBJECT` alone runs; SMM_CMD_NONE to require a
 *	command
 * @parse: for a pseudo-object (@cmds NULL), parses all words after it
 */
struct smm_object {
	struct smm_keyword kw;
	const char *summary;
	const char *usage;
	const struct smm_command *cmds;
	size_t n_cmds;
	enum smm_cmd default_cmd;
	int (*parse)(struct smm_args *a, struct smm_cmdline *cl);
};

/**
 * struct smm_cmdline - everything the command line chose
 * @opts: SMM_OPT_* flags
 * @cmd: what to run
 * @object: the object the command belongs to (or whose help was asked
 *	for); NULL for the top-level help and for --version
 * @config_set: arguments of `config set`
 * @config_set.has_debug: `debug LEVEL` was given
 * @config_set.debug: the LEVEL
 * @err: on a usage error, a one-line description
 * @hint: on a usage error, what to try next
 */
struct smm_cmdline {
	unsigned int opts;
	enum smm_cmd cmd;
	const struct smm_object *object;
	struct {
		bool has_debug;
		__u32 debug;
	} config_set;
	char err[SMM_ERR_LEN];
	char hint[SMM_ERR_LEN];
};

extern const struct smm_object smm_objects[];
extern const size_t smm_n_objects;

int smm_parse(int argc, char **argv, struct smm_cmdline *cl);
void smm_print_help(FILE *f, const struct smm_object *object);

#endif /* SMM_CMDLINE_H */
