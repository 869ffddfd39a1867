// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline.c - the table of smm's objects and commands, their help texts,
 * and the parser that turns argv into a struct smm_cmdline
 *
 * To add an object: write its command rows (a "help" row included) and its
 * usage text here, append a row to smm_objects[], add its enum smm_cmd
 * values in cmdline.h and their runners in smm.c. Keywords may be
 * abbreviated to any prefix that is not shared with another keyword of the
 * same table, so adding a row can make an abbreviation ambiguous: keep new
 * names distinct in their first letters where that is natural.
 */
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include "cmdline.h"

/* The usage texts below spell the debug levels out. */
static_assert(SHADOW_MM_DEBUG_MAX == 2, "update smm config help");

/* The `help` row every object's command table carries. */
#define SMM_HELP_COMMAND { { "help" }, SMM_CMD_HELP, NULL }

/* ---- status ---------------------------------------------------------- */

static const struct smm_command status_cmds[] = {
	{ { "show" }, SMM_CMD_STATUS_SHOW, NULL },
	SMM_HELP_COMMAND,
};

static const char status_usage[] =
	"Usage: smm [ OPTIONS ] status [ show ]\n"
	"       smm status help\n"
	"\n"
	"Show the module's version, the kernel it runs in, the host's page size\n"
	"and page-table format, the online CPUs, the memory carved for the\n"
	"shadow world and the debug level. With -j one JSON object, with -jp\n"
	"indented.\n";

/* ---- config ---------------------------------------------------------- */

static const struct smm_keyword config_settings[] = {
	{ "debug" },
};

/* Parses `config set SETTING VALUE...`: at least one setting, each once. */
static int config_set_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word;
	size_t i;
	int ret;

	if (!args_peek(a))
		return args_error(a, "config set: missing setting (debug LEVEL)");

	while ((word = args_next(a))) {
		ret = args_lookup(a, "setting", word, config_settings,
				  ARRAY_SIZE(config_settings),
				  sizeof(config_settings[0]), &i);
		if (ret)
			return ret;

		/* Only "debug" so far; later settings get their own case. */
		if (cl->config_set.has_debug)
			return args_error(a, "debug given more than once");
		ret = args_get_u32(a, "debug level", 0, SHADOW_MM_DEBUG_MAX,
				   &cl->config_set.debug);
		if (ret)
			return ret;
		cl->config_set.has_debug = true;
	}
	return SMM_EXIT_OK;
}

static const struct smm_command config_cmds[] = {
	{ { "set" }, SMM_CMD_CONFIG_SET, config_set_parse },
	SMM_HELP_COMMAND,
};

static const char config_usage[] =
	"Usage: smm config set debug LEVEL\n"
	"       smm config help\n"
	"where  LEVEL := { 0 | 1 | 2 }\n"
	"         0  log errors only\n"
	"         1  also log each mutating request and its caller\n"
	"         2  log every request\n"
	"\n"
	"Changing the configuration needs CAP_NET_ADMIN.\n";

/* ---- help ------------------------------------------------------------ */

static bool is_help_word(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

/* Parses `smm help [ OBJECT ]`. */
static int help_parse(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word = args_next(a);
	size_t i;
	int ret;

	cl->cmd = SMM_CMD_HELP;
	cl->object = NULL;
	a->object = NULL;
	if (!word)
		return SMM_EXIT_OK;

	ret = args_lookup(a, "object", word, smm_objects, smm_n_objects,
			  sizeof(smm_objects[0]), &i);
	if (ret)
		return ret;
	/* `smm help help` is the top-level help. */
	if (smm_objects[i].cmds)
		cl->object = &smm_objects[i];
	return args_end(a);
}

static const char help_usage[] =
	"Usage: smm help [ OBJECT ]\n";

/* ---- the table ------------------------------------------------------- */

const struct smm_object smm_objects[] = {
	{
		.kw = { "status" },
		.summary = "module, kernel and page-table status",
		.usage = status_usage,
		.cmds = status_cmds,
		.n_cmds = ARRAY_SIZE(status_cmds),
		.default_cmd = SMM_CMD_STATUS_SHOW,
	},
	{
		.kw = { "config" },
		.summary = "change the module's settings",
		.usage = config_usage,
		.cmds = config_cmds,
		.n_cmds = ARRAY_SIZE(config_cmds),
	},
	{
		.kw = { "help" },
		.summary = "this text, or the usage of one object",
		.usage = help_usage,
		.parse = help_parse,
	},
};

const size_t smm_n_objects = ARRAY_SIZE(smm_objects);

/* ---- the parser ------------------------------------------------------ */

/* Parses COMMAND [ARGS] of @obj, the words after OBJECT. */
static int parse_object(struct smm_args *a, struct smm_cmdline *cl,
			const struct smm_object *obj)
{
	const struct smm_command *c;
	const char *word;
	size_t i;
	int ret;

	if (obj->parse)
		return obj->parse(a, cl);

	word = args_next(a);
	if (!word) {
		if (obj->default_cmd == SMM_CMD_NONE)
			return args_error(a, "%s: missing command",
					  obj->kw.name);
		cl->cmd = obj->default_cmd;
		return SMM_EXIT_OK;
	}
	if (is_help_word(word)) {
		cl->cmd = SMM_CMD_HELP;
		return args_end(a);
	}
	ret = args_lookup(a, "command", word, obj->cmds, obj->n_cmds,
			  sizeof(obj->cmds[0]), &i);
	if (ret)
		return ret;
	c = &obj->cmds[i];
	cl->cmd = c->cmd;

	/* `smm config set help` shows the object's usage too. */
	word = args_peek(a);
	if (c->cmd == SMM_CMD_HELP || (word && is_help_word(word))) {
		cl->cmd = SMM_CMD_HELP;
		if (c->cmd != SMM_CMD_HELP)
			args_next(a);
		return args_end(a);
	}

	if (c->parse) {
		ret = c->parse(a, cl);
		if (ret)
			return ret;
	}
	return args_end(a);
}

static const struct smm_option {
	struct smm_keyword kw;
	char letter;
	unsigned int flag;	/* SMM_OPT_* it sets, or */
	enum smm_cmd cmd;	/* what it runs instead of OBJECT */
} smm_options[] = {
	{ { "json" }, 'j', SMM_OPT_JSON, SMM_CMD_NONE },
	{ { "pretty" }, 'p', SMM_OPT_PRETTY, SMM_CMD_NONE },
	{ { "version" }, 'V', 0, SMM_CMD_VERSION },
	{ { "help" }, 'h', 0, SMM_CMD_HELP },
};

static void apply_option(struct smm_cmdline *cl, const struct smm_option *o)
{
	cl->opts |= o->flag;
	/* The first of -V and -h wins. */
	if (o->cmd != SMM_CMD_NONE && cl->cmd == SMM_CMD_NONE)
		cl->cmd = o->cmd;
}

/* Parses the word @word (which starts with '-') as one or more options. */
static int parse_option(struct smm_args *a, struct smm_cmdline *cl,
			const char *word)
{
	const struct smm_option *o;
	const char *p;
	size_t i;

	if (word[1] == '-') {
		const char *name = word + 2;
		const struct smm_option *found = NULL;

		for (i = 0; i < ARRAY_SIZE(smm_options); i++) {
			o = &smm_options[i];
			if (!strcmp(name, o->kw.name)) {
				found = o;
				break;
			}
			if (!matches(name, o->kw.name))
				continue;
			if (found)
				return args_error(a, "ambiguous option '%s'",
						  word);
			found = o;
		}
		if (!found)
			return args_error(a, "unknown option '%s'", word);
		apply_option(cl, found);
		return SMM_EXIT_OK;
	}

	for (p = word + 1; *p; p++) {
		for (i = 0; i < ARRAY_SIZE(smm_options); i++)
			if (smm_options[i].letter == *p)
				break;
		if (i == ARRAY_SIZE(smm_options))
			return args_error(a, "unknown option '-%c'", *p);
		apply_option(cl, &smm_options[i]);
	}
	return SMM_EXIT_OK;
}

/*
 * Takes the options out of the command line, wherever they stand (`smm -j
 * status` and `smm status -j` are the same), and copies the other words,
 * in order, into @words. Words after `--` are never options, nor is a
 * negative number.
 */
static int take_options(struct smm_args *a, struct smm_cmdline *cl,
			char **words)
{
	bool options_done = false;
	int i, n = 0, ret;

	for (i = 0; i < a->argc; i++) {
		char *word = a->argv[i];

		if (!options_done && !strcmp(word, "--")) {
			options_done = true;
			continue;
		}
		if (!options_done && word[0] == '-' && word[1] &&
		    !isdigit((unsigned char)word[1])) {
			ret = parse_option(a, cl, word);
			if (ret)
				return ret;
			continue;
		}
		words[n++] = word;
	}
	a->argc = n;
	a->argv = words;
	return SMM_EXIT_OK;
}

/* Parses what is left once the options are out: OBJECT [COMMAND [ARGS]]. */
static int parse_words(struct smm_args *a, struct smm_cmdline *cl)
{
	const char *word;
	size_t i;
	int ret;

	if (cl->cmd != SMM_CMD_NONE) {
		/* -h after an object asks for that object's help. */
		word = args_peek(a);
		if (cl->cmd == SMM_CMD_HELP && word &&
		    !args_lookup(a, "object", word, smm_objects,
				 smm_n_objects, sizeof(smm_objects[0]), &i))
			cl->object = &smm_objects[i];
		cl->err[0] = '\0';
		cl->hint[0] = '\0';
		return SMM_EXIT_OK;
	}

	word = args_next(a);
	if (!word)
		return args_error(a, "missing object");

	ret = args_lookup(a, "object", word, smm_objects, smm_n_objects,
			  sizeof(smm_objects[0]), &i);
	if (ret)
		return ret;
	cl->object = &smm_objects[i];
	a->object = cl->object->kw.name;
	return parse_object(a, cl, cl->object);
}

/**
 * smm_parse() - parse smm's command line
 * @argc: as main() got it
 * @argv: as main() got it; argv[0] is the program name and is skipped
 * @cl: filled with what the command line chose
 *
 * Grammar: `smm [OPTIONS] OBJECT [COMMAND [ARGS]] [OPTIONS]`: options may
 * stand anywhere; `--` ends them. -V and -h win over the rest of the line
 * (`smm status -h` shows the status object's help). Nothing is printed and
 * no socket is opened, so the host test drives this directly.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_USAGE with @cl->err and @cl->hint set.
 */
int smm_parse(int argc, char **argv, struct smm_cmdline *cl)
{
	struct smm_args a = {
		.argc = argc > 0 ? argc - 1 : 0,
		.argv = argc > 0 ? argv + 1 : argv,
		.err = cl->err,
		.hint = cl->hint,
	};
	char **words;
	int ret;

	memset(cl, 0, sizeof(*cl));

	words = calloc(a.argc + 1, sizeof(*words));
	if (!words)
		return args_error(&a, "out of memory");
	ret = take_options(&a, cl, words);
	if (!ret)
		ret = parse_words(&a, cl);
	free(words);
	return ret;
}

/**
 * smm_print_help() - print the top-level help or an object's usage
 * @f: where to print
 * @object: the object, or NULL for the top-level help
 */
void smm_print_help(FILE *f, const struct smm_object *object)
{
	const char *sep = "";
	size_t i;

	if (object) {
		fputs(object->usage, f);
		return;
	}

	fputs("Usage: smm [ OPTIONS ] OBJECT { COMMAND | help } [ OPTIONS ]\n"
	      "       smm [ OPTIONS ] help [ OBJECT ]\n"
	      "where  OBJECT := { ", f);
	for (i = 0; i < smm_n_objects; i++) {
		if (!smm_objects[i].cmds)
			continue;
		fprintf(f, "%s%s", sep, smm_objects[i].kw.name);
		sep = " | ";
	}
	fputs(" }\n"
	      "       OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n"
	      "\n"
	      "Objects:\n", f);
	for (i = 0; i < smm_n_objects; i++)
		fprintf(f, "  %-8s  %s\n", smm_objects[i].kw.name,
			smm_objects[i].summary);
	fputs("\n"
	      "Exit status: 0 success, 1 usage error, 2 kernel or runtime error.\n",
	      f);
}
