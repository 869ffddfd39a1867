// SPDX-License-Identifier: GPL-2.0
/*
 * smm's command-line parsing, as a table of { argv, expected exit status,
 * expected choice }
 *
 * Drives smm_parse() directly: no socket, no module, no main(). It needs
 * the parser sources only, SMM_PARSER_SRCS in userspace/sources.mk
 * (userspace/args.c and userspace/cmdline.c), and no library:
 *
 *   gcc -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror \
 *	-fsanitize=address,undefined -g \
 *	-I$KSFT -I$TOP/include/uapi -I$TOP/userspace \
 *	-o cli_args_test selftests/host/cli_args_test.c \
 *	userspace/args.c userspace/cmdline.c
 *
 * with KSFT the kernel's tools/testing/selftests (kselftest_harness.h).
 * A clean run prints the TAP lines and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include "kselftest_harness.h"

#include "cmdline.h"

#define MAX_WORDS	8
#define NO_DEBUG	(-1)

/**
 * struct args_case - one command line and what parsing it must give
 * @argv: the words after "smm", NULL-terminated
 * @exit: expected return of smm_parse()
 * @cmd: expected command (on success)
 * @object: expected object name (on success), NULL for none
 * @opts: expected SMM_OPT_* (on success)
 * @debug: expected `config set debug` level, NO_DEBUG when not given
 * @err: on failure, a piece the error message must contain
 */
struct args_case {
	const char *argv[MAX_WORDS];
	int exit;
	enum smm_cmd cmd;
	const char *object;
	unsigned int opts;
	int debug;
	const char *err;
};

#define OK(cmd_, obj_, opts_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, .cmd = (cmd_), \
	  .object = (obj_), .opts = (opts_), .debug = NO_DEBUG }
#define SET_DEBUG(level, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_OK, \
	  .cmd = SMM_CMD_CONFIG_SET, .object = "config", .debug = (level) }
#define USAGE(err_, ...) \
	{ .argv = { __VA_ARGS__ }, .exit = SMM_EXIT_USAGE, .err = (err_), \
	  .debug = NO_DEBUG }

#define J	SMM_OPT_JSON
#define P	SMM_OPT_PRETTY

static const struct args_case cases[] = {
	/* Help, in every form; none needs the module. */
	OK(SMM_CMD_HELP, NULL, 0, "help"),
	OK(SMM_CMD_HELP, NULL, 0, "-h"),
	OK(SMM_CMD_HELP, NULL, 0, "--help"),
	OK(SMM_CMD_HELP, NULL, 0, "--he"),
	OK(SMM_CMD_HELP, NULL, J, "-j", "help"),
	OK(SMM_CMD_HELP, NULL, 0, "help", "help"),
	OK(SMM_CMD_HELP, "status", 0, "help", "status"),
	OK(SMM_CMD_HELP, "config", 0, "help", "config"),
	OK(SMM_CMD_HELP, "config", 0, "help", "conf"),
	OK(SMM_CMD_HELP, "status", 0, "status", "help"),
	OK(SMM_CMD_HELP, "status", 0, "status", "-h"),
	OK(SMM_CMD_HELP, "status", 0, "status", "--help"),
	OK(SMM_CMD_HELP, "config", 0, "config", "set", "-h"),
	OK(SMM_CMD_HELP, "status", 0, "status", "show", "help"),
	OK(SMM_CMD_HELP, "config", 0, "config", "help"),
	OK(SMM_CMD_HELP, "config", 0, "config", "h"),
	OK(SMM_CMD_HELP, "config", 0, "config", "set", "help"),
	/* -h and -V act at once, whatever follows. */
	OK(SMM_CMD_HELP, NULL, 0, "-h", "bogus", "words"),
	USAGE("unknown object 'bogus'", "help", "bogus"),
	USAGE("unexpected argument 'extra'", "help", "status", "extra"),
	USAGE("unexpected argument 'extra'", "status", "help", "extra"),
	USAGE("unexpected argument 'x'", "config", "set", "help", "x"),

	/* Version. */
	OK(SMM_CMD_VERSION, NULL, 0, "-V"),
	OK(SMM_CMD_VERSION, NULL, 0, "--version"),
	OK(SMM_CMD_VERSION, NULL, 0, "--v"),
	OK(SMM_CMD_VERSION, NULL, J, "-jV"),
	OK(SMM_CMD_VERSION, NULL, 0, "-V", "status", "bogus"),
	OK(SMM_CMD_VERSION, NULL, 0, "-Vh"),	/* the first wins */
	OK(SMM_CMD_HELP, NULL, 0, "-hV"),

	/* status and its options. */
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "status", "show"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "--json", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", P, "-p", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", P, "--pretty", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "-jp", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "-pj", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "-j", "-p", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "--js", "--pre", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "-j", "status"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "--", "status"),
	/* Abbreviations: any prefix shared with no other keyword. */
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "stat"),
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "s"),
	OK(SMM_CMD_STATUS_SHOW, "status", 0, "st", "sh"),
	USAGE("unknown command 'showx'", "status", "showx"),
	USAGE("unknown object 'statusx'", "statusx"),
	USAGE("unknown object 'Status'", "Status"),

	/* Options may stand after the object and command too. */
	OK(SMM_CMD_STATUS_SHOW, "status", J, "status", "-j"),
	OK(SMM_CMD_STATUS_SHOW, "status", J | P, "status", "show", "-j", "-p"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "status", "show", "--json"),
	OK(SMM_CMD_STATUS_SHOW, "status", J, "-j", "status", "-j"),
	USAGE("unknown command '-j'", "status", "--", "-j"),

	/* Unknown options, objects, commands; extra words. */
	USAGE("unknown option '-x'", "-x", "status"),
	USAGE("unknown option '-x'", "-jx", "status"),
	USAGE("unknown option '--bogus'", "--bogus"),
	USAGE("unknown option '---'", "---", "status"),
	USAGE("unknown object '-'", "-"),
	USAGE("unknown object '-j'", "--", "-j", "status"),
	USAGE("missing object", NULL),
	USAGE("missing object", "-j"),
	USAGE("missing object", "--"),
	USAGE("unknown object 'bogus'", "bogus"),
	USAGE("unknown object ''", ""),
	USAGE("unknown command 'bogus'", "status", "bogus"),
	USAGE("unknown command 'bogus'", "config", "bogus"),
	USAGE("unexpected argument 'extra'", "status", "show", "extra"),
	USAGE("missing command", "config"),

	/* config set debug LEVEL: 0..SHADOW_MM_DEBUG_MAX, decimal only. */
	SET_DEBUG(0, "config", "set", "debug", "0"),
	SET_DEBUG(1, "config", "set", "debug", "1"),
	SET_DEBUG(2, "config", "set", "debug", "2"),
	SET_DEBUG(2, "conf", "se", "deb", "2"),
	SET_DEBUG(2, "config", "set", "debug", "02"),
	USAGE("out of range 0..2", "config", "set", "debug", "3"),
	USAGE("out of range 0..2", "config", "set", "debug", "4294967296"),
	USAGE("out of range 0..2", "config", "set", "debug",
	      "99999999999999999999999"),
	USAGE("invalid debug level '-1'", "config", "set", "debug", "-1"),
	USAGE("invalid debug level '+1'", "config", "set", "debug", "+1"),
	USAGE("invalid debug level ' 1'", "config", "set", "debug", " 1"),
	USAGE("invalid debug level 'abc'", "config", "set", "debug", "abc"),
	USAGE("invalid debug level '1abc'", "config", "set", "debug", "1abc"),
	USAGE("invalid debug level '0x1'", "config", "set", "debug", "0x1"),
	USAGE("invalid debug level ''", "config", "set", "debug", ""),
	USAGE("missing debug level", "config", "set", "debug"),
	USAGE("missing setting", "config", "set"),
	USAGE("unknown setting 'bogus'", "config", "set", "bogus", "1"),
	USAGE("unknown setting 'extra'", "config", "set", "debug", "1",
	      "extra"),
	USAGE("more than once", "config", "set", "debug", "1", "debug", "2"),
};

/* "smm -j status" for the logs. */
static const char *join(const struct args_case *c, char *buf, size_t len)
{
	size_t used;
	int i;

	used = snprintf(buf, len, "smm");
	for (i = 0; c->argv[i] && used < len; i++)
		used += snprintf(buf + used, len - used, " '%s'", c->argv[i]);
	return buf;
}

static int run_case(const struct args_case *c, struct smm_cmdline *cl)
{
	char *argv[MAX_WORDS + 2] = { "smm" };
	int argc = 1;

	while (c->argv[argc - 1]) {
		argv[argc] = (char *)c->argv[argc - 1];
		argc++;
	}
	return smm_parse(argc, argv, cl);
}

TEST(table)
{
	struct smm_cmdline cl;
	char line[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct args_case *c = &cases[i];
		int ret;

		ret = run_case(c, &cl);
		join(c, line, sizeof(line));
		EXPECT_EQ(c->exit, ret) TH_LOG("%s: error '%s'", line, cl.err);
		if (ret != c->exit)
			continue;

		if (ret) {
			/* One line, with a hint that points to some help. */
			EXPECT_NE(NULL, strstr(cl.err, c->err)) {
				TH_LOG("%s: error '%s', expected '%s'", line,
				       cl.err, c->err);
			}
			EXPECT_EQ(NULL, strchr(cl.err, '\n'));
			EXPECT_NE(NULL, strstr(cl.hint, " help'")) {
				TH_LOG("%s: hint '%s'", line, cl.hint);
			}
			continue;
		}

		EXPECT_EQ(c->cmd, cl.cmd) TH_LOG("%s", line);
		EXPECT_EQ(c->opts, cl.opts) TH_LOG("%s", line);
		if (c->object) {
			ASSERT_NE(NULL, cl.object) TH_LOG("%s", line);
			EXPECT_STREQ(c->object, cl.object->kw.name)
				TH_LOG("%s", line);
		} else {
			EXPECT_EQ(NULL, cl.object) TH_LOG("%s", line);
		}
		EXPECT_EQ(c->debug != NO_DEBUG, cl.config_set.has_debug)
			TH_LOG("%s", line);
		if (c->debug != NO_DEBUG)
			EXPECT_EQ(c->debug, (int)cl.config_set.debug)
				TH_LOG("%s", line);
	}
}

/* Hints point to the help of the object being parsed. */
TEST(hint_names_the_object)
{
	char *bad_top[] = { "smm", "bogus", NULL };
	char *bad_cmd[] = { "smm", "config", "bogus", NULL };
	struct smm_cmdline cl;

	ASSERT_EQ(SMM_EXIT_USAGE, smm_parse(2, bad_top, &cl));
	EXPECT_STREQ("Try 'smm help'.", cl.hint);
	ASSERT_EQ(SMM_EXIT_USAGE, smm_parse(3, bad_cmd, &cl));
	EXPECT_STREQ("Try 'smm config help'.", cl.hint);
}

/* The parser reads argv and leaves it as it was. */
TEST(argv_untouched)
{
	char w0[] = "smm", w1[] = "-jp", w2[] = "conf", w3[] = "set";
	char w4[] = "debug", w5[] = "2";
	char *argv[] = { w0, w1, w2, w3, w4, w5, NULL };
	struct smm_cmdline cl;

	ASSERT_EQ(SMM_EXIT_OK, smm_parse(6, argv, &cl));
	EXPECT_STREQ("-jp", argv[1]);
	EXPECT_STREQ("conf", argv[2]);
	EXPECT_STREQ("2", argv[5]);
	EXPECT_EQ(NULL, argv[6]);
	/* And a second parse gives the same answer: no hidden state. */
	ASSERT_EQ(SMM_EXIT_OK, smm_parse(6, argv, &cl));
	EXPECT_EQ(SMM_CMD_CONFIG_SET, (int)cl.cmd);
	EXPECT_EQ(2, (int)cl.config_set.debug);
}

/* argc 0 (execve with an empty argv) is a usage error, not a crash. */
TEST(empty_argv)
{
	char *argv[] = { NULL };
	struct smm_cmdline cl;

	EXPECT_EQ(SMM_EXIT_USAGE, smm_parse(0, argv, &cl));
}

/* Rules every table row follows, so new objects keep them. */
TEST(table_rows)
{
	size_t i, j, k;

	for (i = 0; i < smm_n_objects; i++) {
		const struct smm_object *o = &smm_objects[i];
		bool has_help = false;

		EXPECT_NE(NULL, o->summary) TH_LOG("%s", o->kw.name);
		EXPECT_NE(NULL, o->usage) TH_LOG("%s", o->kw.name);
		/* A usage text names its object. */
		EXPECT_NE(NULL, strstr(o->usage, o->kw.name))
			TH_LOG("%s", o->kw.name);
		for (k = 0; k < i; k++)
			EXPECT_STRNE(o->kw.name, smm_objects[k].kw.name);

		if (!o->cmds) {
			EXPECT_NE(NULL, o->parse) TH_LOG("%s", o->kw.name);
			continue;
		}
		for (j = 0; j < o->n_cmds; j++) {
			const struct smm_command *c = &o->cmds[j];

			EXPECT_GT((int)c->cmd, SMM_CMD_NONE) TH_LOG("%s", c->kw.name);
			EXPECT_LT((int)c->cmd, __SMM_CMD_MAX) TH_LOG("%s", c->kw.name);
			if (c->cmd == SMM_CMD_HELP) {
				has_help = true;
				EXPECT_STREQ("help", c->kw.name);
			}
			for (k = 0; k < j; k++)
				EXPECT_STRNE(c->kw.name, o->cmds[k].kw.name);
		}
		EXPECT_TRUE(has_help) TH_LOG("%s has no help row", o->kw.name);
	}
}

static char *capture_help(const struct smm_object *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	smm_print_help(f, o);
	fclose(f);
	return buf;
}

/* The top help lists every object; each object's help is its usage. */
TEST(help_text)
{
	char *top = capture_help(NULL);
	char *obj;
	size_t i;

	ASSERT_NE(NULL, top);
	EXPECT_EQ(0, strncmp(top, "Usage: smm", 10));
	for (i = 0; i < smm_n_objects; i++) {
		EXPECT_NE(NULL, strstr(top, smm_objects[i].kw.name))
			TH_LOG("%s", smm_objects[i].kw.name);

		obj = capture_help(&smm_objects[i]);
		ASSERT_NE(NULL, obj);
		EXPECT_STREQ(smm_objects[i].usage, obj);
		free(obj);
	}
	free(top);
}

TEST_HARNESS_MAIN
