// SPDX-License-Identifier: GPL-2.0
/*
 * netlink_test - the shadow_mm generic-netlink family as userspace sees it.
 *
 * Runs inside a test guest, as root, with shadow_mm.ko loaded. It speaks the
 * wire protocol itself with libmnl, independently of the smm CLI, so that it
 * can also forge requests the CLI would never send (a set reserved byte, a
 * truncated attribute, a u8 where a u32 belongs) and read the kernel's
 * extended ACK word for word.
 *
 * The module reload test runs last, in its own fixture: it needs the module
 * file, found through $SMM_MODULE or at /lib/modules/shadow_mm.ko, and
 * reloads it with the parameters in $SMM_PARAMS, if set.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/types.h>
#include <linux/netlink.h>

#include <linux/shadow_mm.h>

/* The harness has an unused signal-handler argument; -Wextra would say so. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED		0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS		0x200
#endif

#define SMM_MODULE_NAME		"shadow_mm"
#define SMM_MODULE_FALLBACK	"/lib/modules/shadow_mm.ko"
#define NOBODY_ID		65534

/* Large enough for any reply of this family and of the controller. */
#define NL_BUF_SIZE		32768

/* Where the first attribute of a genetlink request sits. */
#define GENL_FIRST_ATTR_OFFS	(NLMSG_HDRLEN + GENL_HDRLEN)

/**
 * struct nl_sock - a NETLINK_GENERIC socket with extended ACKs turned on
 * @mnl: the libmnl socket
 * @seq: sequence number of the last request sent
 * @buf: receive buffer
 */
struct nl_sock {
	struct mnl_socket *mnl;
	unsigned int seq;
	char *buf;
};

/**
 * struct nl_answer - what the kernel said to one request
 * @error: 0 for an ACK, the negative errno of an error, as the kernel sent it
 * @ext_msg: NLMSGERR_ATTR_MSG, or "" when the kernel sent none
 * @has_offs: NLMSGERR_ATTR_OFFS was present
 * @offs: byte offset of the offending attribute in the request
 * @has_miss_type: NLMSGERR_ATTR_MISS_TYPE was present
 * @miss_type: type of the missing attribute
 * @nreplies: number of data (non-ACK) messages that came before the ACK
 * @reply_len: length of the first data message, kept in @reply
 * @reply: copy of the first data message
 */
struct nl_answer {
	int error;
	char ext_msg[256];
	bool has_offs;
	__u32 offs;
	bool has_miss_type;
	__u32 miss_type;
	unsigned int nreplies;
	size_t reply_len;
	union {
		struct nlmsghdr nlh;
		char bytes[NL_BUF_SIZE];
	} reply;
};

/* An attribute table filled by attr_collect(). */
struct attr_table {
	const struct nlattr **tb;
	unsigned int max;
};

struct family_op {
	__u32 id;
	__u32 flags;
};

/**
 * struct family_info - a genetlink family as CTRL_CMD_GETFAMILY describes it
 * @id: family id (the nlmsg_type of its messages)
 * @version: CTRL_ATTR_VERSION
 * @nops: entries used in @ops
 * @ops: the family's operations with their GENL_* flags
 */
struct family_info {
	__u16 id;
	__u32 version;
	unsigned int nops;
	struct family_op ops[32];
};

/**
 * struct smm_status - a STATUS_GET reply
 * @len: payload length of each attribute, 0 when absent
 * @version: SHADOW_MM_A_STATUS_VERSION
 * @release: SHADOW_MM_A_STATUS_KERNEL_RELEASE
 * @machine: SHADOW_MM_A_STATUS_MACHINE
 * @u32: value of each u32 attribute, indexed by attribute type
 * @shadow_bytes: SHADOW_MM_A_STATUS_SHADOW_BYTES
 */
struct smm_status {
	__u16 len[SHADOW_MM_A_STATUS_MAX + 1];
	char version[128];
	char release[sizeof(((struct utsname *)0)->release)];
	char machine[sizeof(((struct utsname *)0)->machine)];
	__u32 u32[SHADOW_MM_A_STATUS_MAX + 1];
	__u64 shadow_bytes;
};

/**
 * nl_open() - open a NETLINK_GENERIC socket that asks for extended ACKs
 * @s: socket to fill in
 *
 * Return: 0, or a negative errno.
 */
static int nl_open(struct nl_sock *s)
{
	int one = 1;
	int err;

	memset(s, 0, sizeof(*s));
	s->buf = malloc(NL_BUF_SIZE);
	if (!s->buf)
		return -ENOMEM;
	s->mnl = mnl_socket_open(NETLINK_GENERIC);
	if (!s->mnl) {
		err = -errno;
		goto err_free;
	}
	if (mnl_socket_setsockopt(s->mnl, NETLINK_EXT_ACK, &one,
				  sizeof(one)) < 0) {
		err = -errno;
		goto err_close;
	}
	if (mnl_socket_bind(s->mnl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto err_close;
	}
	s->seq = (unsigned int)getpid() << 8;
	return 0;

err_close:
	mnl_socket_close(s->mnl);
	s->mnl = NULL;
err_free:
	free(s->buf);
	s->buf = NULL;
	return err;
}

static void nl_close(struct nl_sock *s)
{
	if (s->mnl)
		mnl_socket_close(s->mnl);
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

/* mnl_attr_parse() callback: file each attribute under its type. */
static int attr_collect(const struct nlattr *attr, void *data)
{
	struct attr_table *t = data;
	__u16 type = mnl_attr_get_type(attr);

	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

static void attrs_of_msg(const struct nlmsghdr *nlh, size_t hdrlen,
			 const struct nlattr **tb, unsigned int max)
{
	struct attr_table t = { .tb = tb, .max = max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	mnl_attr_parse(nlh, hdrlen, attr_collect, &t);
}

static void attrs_of_nest(const struct nlattr *nest,
			  const struct nlattr **tb, unsigned int max)
{
	struct attr_table t = { .tb = tb, .max = max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	mnl_attr_parse_nested(nest, attr_collect, &t);
}

/**
 * nl_read_error() - decode an NLMSG_ERROR message and its extack TLVs
 * @nlh: the NLMSG_ERROR message
 * @ans: answer to fill in
 *
 * The TLVs follow struct nlmsgerr and, unless the kernel capped the echo
 * (NLM_F_CAPPED), the payload of the request it echoes.
 */
static void nl_read_error(const struct nlmsghdr *nlh, struct nl_answer *ans)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t hdrlen = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err)) {
		ans->error = -EBADMSG;
		return;
	}
	ans->error = err->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		hdrlen += mnl_nlmsg_get_payload_len(&err->msg);
	if (MNL_ALIGN(hdrlen) > mnl_nlmsg_get_payload_len(nlh))
		return;

	attrs_of_msg(nlh, hdrlen, tb, NLMSGERR_ATTR_MAX);
	if (tb[NLMSGERR_ATTR_MSG] &&
	    mnl_attr_validate(tb[NLMSGERR_ATTR_MSG], MNL_TYPE_NUL_STRING) == 0)
		snprintf(ans->ext_msg, sizeof(ans->ext_msg), "%s",
			 mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS] &&
	    mnl_attr_validate(tb[NLMSGERR_ATTR_OFFS], MNL_TYPE_U32) == 0) {
		ans->has_offs = true;
		ans->offs = mnl_attr_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    mnl_attr_validate(tb[NLMSGERR_ATTR_MISS_TYPE], MNL_TYPE_U32) == 0) {
		ans->has_miss_type = true;
		ans->miss_type = mnl_attr_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
	}
}

/**
 * nl_exchange() - send one request as it is and collect the answer
 * @s: socket
 * @req: request; its nlmsg_len bytes are sent, whatever they hold
 * @ans: answer to fill in
 *
 * Sets NLM_F_REQUEST and NLM_F_ACK and a fresh sequence number, then reads
 * until the ACK or error that closes the request. Messages for older
 * sequence numbers are skipped.
 *
 * Return: 0 when the kernel answered (its verdict is in @ans->error), or a
 * negative errno when the socket failed or the answer made no sense.
 */
static int nl_exchange(struct nl_sock *s, struct nlmsghdr *req,
		       struct nl_answer *ans)
{
	unsigned int portid = mnl_socket_get_portid(s->mnl);
	const struct nlmsghdr *nlh;
	ssize_t n;
	int len;

	memset(ans, 0, offsetof(struct nl_answer, reply));
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = ++s->seq;
	req->nlmsg_pid = 0;

	if (mnl_socket_sendto(s->mnl, req, req->nlmsg_len) < 0)
		return -errno;

	for (;;) {
		n = mnl_socket_recvfrom(s->mnl, s->buf, NL_BUF_SIZE);
		if (n < 0)
			return -errno;
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)s->buf;
		     mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != s->seq)
				continue;
			if (nlh->nlmsg_pid != portid)
				return -EPROTO;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				nl_read_error(nlh, ans);
				return 0;
			}
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (ans->nreplies++ == 0) {
				ans->reply_len = nlh->nlmsg_len;
				memcpy(ans->reply.bytes, nlh, nlh->nlmsg_len);
			}
		}
		if (len != 0)
			return -EBADMSG;
	}
}

/**
 * genl_start() - begin a genetlink request in @buf
 * @buf: NL_BUF_SIZE bytes, suitably aligned
 * @family: family id
 * @cmd: command
 * @version: genetlink header version
 *
 * Return: the message header; attributes go after it with mnl_attr_put_*().
 */
static struct nlmsghdr *genl_start(void *buf, __u16 family, __u8 cmd,
				   __u8 version)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	memset(buf, 0, NL_BUF_SIZE);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = family;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

static struct nlmsghdr *smm_start(void *buf, __u16 family, __u8 cmd)
{
	return genl_start(buf, family, cmd, SHADOW_MM_FAMILY_VERSION);
}

static struct genlmsghdr *genl_hdr(struct nlmsghdr *nlh)
{
	return mnl_nlmsg_get_payload(nlh);
}

/**
 * family_resolve() - look a family up with CTRL_CMD_GETFAMILY
 * @s: socket
 * @name: family name
 * @fi: filled in on success
 *
 * Return: 0, the negative errno the controller answered (-ENOENT for an
 * unknown family), or -EBADMSG for a reply without the expected attributes.
 */
static int family_resolve(struct nl_sock *s, const char *name,
			  struct family_info *fi)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const struct nlattr *op_tb[CTRL_ATTR_OP_MAX + 1];
	const struct nlattr *op;
	struct nl_answer *ans;
	struct nlmsghdr *nlh;
	char *req;
	int err;

	memset(fi, 0, sizeof(*fi));
	req = malloc(NL_BUF_SIZE);
	ans = malloc(sizeof(*ans));
	if (!req || !ans) {
		err = -ENOMEM;
		goto out;
	}
	nlh = genl_start(req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);

	err = nl_exchange(s, nlh, ans);
	if (err)
		goto out;
	err = ans->error;
	if (err)
		goto out;
	err = -EBADMSG;
	if (ans->nreplies != 1 || ans->reply.nlh.nlmsg_type != GENL_ID_CTRL)
		goto out;

	attrs_of_msg(&ans->reply.nlh, GENL_HDRLEN, tb, CTRL_ATTR_MAX);
	if (!tb[CTRL_ATTR_FAMILY_ID] || !tb[CTRL_ATTR_VERSION] ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    mnl_attr_validate(tb[CTRL_ATTR_FAMILY_ID], MNL_TYPE_U16) ||
	    mnl_attr_validate(tb[CTRL_ATTR_VERSION], MNL_TYPE_U32) ||
	    strcmp(mnl_attr_get_str(tb[CTRL_ATTR_FAMILY_NAME]), name))
		goto out;
	fi->id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	fi->version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);

	if (tb[CTRL_ATTR_OPS]) {
		mnl_attr_for_each_nested(op, tb[CTRL_ATTR_OPS]) {
			if (fi->nops == ARRAY_SIZE(fi->ops))
				break;
			attrs_of_nest(op, op_tb, CTRL_ATTR_OP_MAX);
			if (!op_tb[CTRL_ATTR_OP_ID])
				goto out;
			fi->ops[fi->nops].id =
				mnl_attr_get_u32(op_tb[CTRL_ATTR_OP_ID]);
			if (op_tb[CTRL_ATTR_OP_FLAGS])
				fi->ops[fi->nops].flags =
				  mnl_attr_get_u32(op_tb[CTRL_ATTR_OP_FLAGS]);
			fi->nops++;
		}
	}
	err = 0;
out:
	free(ans);
	free(req);
	return err;
}

static const struct family_op *family_op(const struct family_info *fi,
					 __u32 cmd)
{
	unsigned int i;

	for (i = 0; i < fi->nops; i++)
		if (fi->ops[i].id == cmd)
			return &fi->ops[i];
	return NULL;
}

static void copy_str_attr(char *dst, size_t size, const struct nlattr *attr)
{
	if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		snprintf(dst, size, "%s", mnl_attr_get_str(attr));
	else
		snprintf(dst, size, "<not a NUL-terminated string>");
}

/**
 * smm_status_get() - ask the module for its status
 * @s: socket
 * @family: shadow_mm family id
 * @st: filled in on success
 *
 * Return: 0, the negative errno the kernel answered, or -EBADMSG when the
 * answer was not exactly one STATUS_GET reply followed by an ACK.
 */
static int smm_status_get(struct nl_sock *s, __u16 family,
			  struct smm_status *st)
{
	const struct nlattr *tb[SHADOW_MM_A_STATUS_MAX + 1];
	struct nl_answer *ans;
	char *req;
	unsigned int type;
	int err;

	memset(st, 0, sizeof(*st));
	req = malloc(NL_BUF_SIZE);
	ans = malloc(sizeof(*ans));
	if (!req || !ans) {
		err = -ENOMEM;
		goto out;
	}
	err = nl_exchange(s, smm_start(req, family, SHADOW_MM_CMD_STATUS_GET),
			  ans);
	if (err)
		goto out;
	err = ans->error;
	if (err)
		goto out;
	err = -EBADMSG;
	if (ans->nreplies != 1 || ans->reply.nlh.nlmsg_type != family)
		goto out;

	attrs_of_msg(&ans->reply.nlh, GENL_HDRLEN, tb, SHADOW_MM_A_STATUS_MAX);
	for (type = 1; type <= SHADOW_MM_A_STATUS_MAX; type++) {
		if (!tb[type])
			continue;
		st->len[type] = mnl_attr_get_payload_len(tb[type]);
		if (st->len[type] == sizeof(__u32))
			st->u32[type] = mnl_attr_get_u32(tb[type]);
	}
	if (tb[SHADOW_MM_A_STATUS_VERSION])
		copy_str_attr(st->version, sizeof(st->version),
			      tb[SHADOW_MM_A_STATUS_VERSION]);
	if (tb[SHADOW_MM_A_STATUS_KERNEL_RELEASE])
		copy_str_attr(st->release, sizeof(st->release),
			      tb[SHADOW_MM_A_STATUS_KERNEL_RELEASE]);
	if (tb[SHADOW_MM_A_STATUS_MACHINE])
		copy_str_attr(st->machine, sizeof(st->machine),
			      tb[SHADOW_MM_A_STATUS_MACHINE]);
	if (st->len[SHADOW_MM_A_STATUS_SHADOW_BYTES] == sizeof(__u64))
		st->shadow_bytes =
			mnl_attr_get_u64(tb[SHADOW_MM_A_STATUS_SHADOW_BYTES]);
	err = 0;
out:
	free(ans);
	free(req);
	return err;
}

/**
 * smm_debug_get() - read the DEBUG level through STATUS_GET
 * @s: socket
 * @family: shadow_mm family id
 *
 * Return: the level, or a negative errno.
 */
static __s64 smm_debug_get(struct nl_sock *s, __u16 family)
{
	struct smm_status st;
	int err;

	err = smm_status_get(s, family, &st);
	if (err)
		return err;
	if (st.len[SHADOW_MM_A_STATUS_DEBUG] != sizeof(__u32))
		return -EBADMSG;
	return st.u32[SHADOW_MM_A_STATUS_DEBUG];
}

/**
 * smm_debug_set() - CONFIG_SET with a well-formed DEBUG attribute
 * @s: socket
 * @family: shadow_mm family id
 * @level: value to send
 *
 * Return: the kernel's verdict (0 or a negative errno).
 */
static int smm_debug_set(struct nl_sock *s, __u16 family, __u32 level)
{
	struct nl_answer *ans;
	struct nlmsghdr *nlh;
	char *req;
	int err;

	req = malloc(NL_BUF_SIZE);
	ans = malloc(sizeof(*ans));
	if (!req || !ans) {
		err = -ENOMEM;
		goto out;
	}
	nlh = smm_start(req, family, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	err = nl_exchange(s, nlh, ans);
	if (!err)
		err = ans->error;
	if (!err && ans->nreplies)
		err = -EBADMSG;
out:
	free(ans);
	free(req);
	return err;
}

/**
 * cpu_has_flag() - look a word up in the "flags" line of /proc/cpuinfo
 * @flag: the flag, e.g. "la57"
 *
 * Return: 1 if present, 0 if not, a negative errno if cpuinfo is unreadable.
 */
static int cpu_has_flag(const char *flag)
{
	char line[4096];
	int found = 0;
	FILE *f;

	f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f)) {
		char *save, *word;

		if (strncmp(line, "flags", 5))
			continue;
		word = strchr(line, ':');
		if (!word)
			continue;
		for (word = strtok_r(word + 1, " \t\n", &save); word;
		     word = strtok_r(NULL, " \t\n", &save))
			if (!strcmp(word, flag)) {
				found = 1;
				break;
			}
		break;	/* every CPU lists the same flags */
	}
	fclose(f);
	return found;
}

/**
 * expected_paging() - the page-table format and depth this guest must report
 * @uts: uname(2) of the guest
 * @fmt: expected enum shadow_mm_pt_format
 * @levels: expected number of levels
 *
 * armv7: the short-descriptor format with 2 levels, or LPAE with 3 on a
 * Debian "-lpae" kernel; aarch64 with 4 KiB pages: 48-bit VA, 4 levels;
 * x86_64: 4 levels, 5 when the kernel turned LA57 on (it clears the cpuinfo
 * flag otherwise).
 *
 * Return: 0, -ENOTSUP for a machine this test has no rule for, or the
 * negative errno of reading /proc/cpuinfo.
 */
static int expected_paging(const struct utsname *uts, __u32 *fmt,
			   __u32 *levels)
{
	int la57;

	if (!strcmp(uts->machine, "x86_64")) {
		la57 = cpu_has_flag("la57");
		if (la57 < 0)
			return la57;
		*fmt = SHADOW_MM_PT_FORMAT_X86_64;
		*levels = la57 ? 5 : 4;
		return 0;
	}
	if (!strcmp(uts->machine, "aarch64") && getpagesize() == 4096) {
		*fmt = SHADOW_MM_PT_FORMAT_ARM64;
		*levels = 4;
		return 0;
	}
	if (!strncmp(uts->machine, "armv7", 5)) {
		if (strstr(uts->release, "lpae")) {
			*fmt = SHADOW_MM_PT_FORMAT_ARM_LPAE;
			*levels = 3;
		} else {
			*fmt = SHADOW_MM_PT_FORMAT_ARM;
			*levels = 2;
		}
		return 0;
	}
	return -ENOTSUP;
}

/**
 * run_program() - run a program with its output going to ours
 * @argv: program and arguments, NULL-terminated; looked up in $PATH
 *
 * Return: its exit status, 128 + signal number if a signal ended it, or
 * -1 if it could not be started.
 */
static int run_program(char *const argv[])
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

static const char *module_path(void)
{
	const char *path = getenv("SMM_MODULE");

	return path && *path ? path : SMM_MODULE_FALLBACK;
}

/**
 * insmod_module() - load the module file again
 *
 * Passes on the parameters in $SMM_PARAMS (space-separated), if any, so the
 * module comes back as the guest first loaded it.
 *
 * Return: insmod's exit status, or -1 if it could not be run.
 */
static int insmod_module(void)
{
	const char *env = getenv("SMM_PARAMS");
	char *argv[34] = { "insmod", (char *)module_path() };
	char *params = strdup(env ? env : "");
	char *save, *word;
	int argc = 2, ret;

	if (!params)
		return -1;
	for (word = strtok_r(params, " \t", &save);
	     word && argc < (int)ARRAY_SIZE(argv) - 1;
	     word = strtok_r(NULL, " \t", &save))
		argv[argc++] = word;
	argv[argc] = NULL;
	ret = run_program(argv);
	free(params);
	return ret;
}

/* The shadow_mm fixture: a socket, the resolved family, DEBUG to restore. */
FIXTURE(smm) {
	struct nl_sock sk;
	struct family_info fam;
	__u32 debug_saved;
	char *req;
	struct nl_answer *ans;
};

FIXTURE_SETUP(smm)
{
	__s64 debug;

	self->req = malloc(NL_BUF_SIZE);
	self->ans = malloc(sizeof(*self->ans));
	ASSERT_TRUE(!!self->req);
	ASSERT_TRUE(!!self->ans);
	ASSERT_EQ(0, nl_open(&self->sk));
	ASSERT_EQ(0, family_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
				    &self->fam)) {
		TH_LOG("family \"%s\" not found: is %s loaded?",
		       SHADOW_MM_FAMILY_NAME, SMM_MODULE_NAME);
	}
	debug = smm_debug_get(&self->sk, self->fam.id);
	ASSERT_LE(0, debug);
	self->debug_saved = (__u32)debug;
}

FIXTURE_TEARDOWN(smm)
{
	if (self->sk.mnl && self->fam.id &&
	    smm_debug_get(&self->sk, self->fam.id) != self->debug_saved)
		EXPECT_EQ(0, smm_debug_set(&self->sk, self->fam.id,
					   self->debug_saved));
	nl_close(&self->sk);
	free(self->ans);
	free(self->req);
}

/*
 * assert_still_answers() - a well-formed STATUS_GET still gets its reply.
 * Also checks that the DEBUG level is still @debug: a refused request must
 * change nothing.
 */
static void assert_still_answers(struct __test_metadata *_metadata,
				 struct nl_sock *sk, __u16 family, __u32 debug)
{
	ASSERT_EQ(debug, smm_debug_get(sk, family));
}

/*
 * assert_refused() - send @nlh and expect the error -@err with an extack
 * message, and with NLMSGERR_ATTR_OFFS == @offs unless @offs is negative.
 */
static void assert_refused(struct __test_metadata *_metadata,
			   struct nl_sock *sk, struct nl_answer *ans,
			   struct nlmsghdr *nlh, int err, long offs,
			   const char *what)
{
	ASSERT_EQ(0, nl_exchange(sk, nlh, ans));
	TH_LOG("%s: error %d, extack \"%s\"%s", what, ans->error,
	       ans->ext_msg, ans->has_offs ? " with offset" : "");
	ASSERT_EQ(-err, ans->error);
	ASSERT_EQ(0U, ans->nreplies);
	ASSERT_NE('\0', ans->ext_msg[0]);
	if (offs >= 0) {
		ASSERT_TRUE(ans->has_offs);
		ASSERT_EQ(offs, (long)ans->offs);
	}
}

/*
 * The two checks above, for tests of the smm fixture. Malformed requests
 * get EINVAL; a well-formed value outside its policy's range gets ERANGE,
 * as from any netlink policy.
 */
#define ASSERT_REFUSED(nlh, offs, what) \
	assert_refused(_metadata, &self->sk, self->ans, (nlh), EINVAL, \
		       (offs), (what))
#define ASSERT_OUT_OF_RANGE(nlh, offs, what) \
	assert_refused(_metadata, &self->sk, self->ans, (nlh), ERANGE, \
		       (offs), (what))
#define ASSERT_STILL_ANSWERS() \
	assert_still_answers(_metadata, &self->sk, self->fam.id, \
			     self->debug_saved)

/* A DEBUG level other than the current one, to see refused sets not land. */
static __u32 other_debug(__u32 debug)
{
	return debug == SHADOW_MM_DEBUG_MAX ? 0 : debug + 1;
}

TEST_F(smm, family_resolves)
{
	const struct family_op *get, *set;

	EXPECT_LE(GENL_MIN_ID, self->fam.id);
	EXPECT_EQ((__u32)SHADOW_MM_FAMILY_VERSION, self->fam.version);

	get = family_op(&self->fam, SHADOW_MM_CMD_STATUS_GET);
	set = family_op(&self->fam, SHADOW_MM_CMD_CONFIG_SET);
	ASSERT_TRUE(!!get) TH_LOG("STATUS_GET missing from the ops list");
	ASSERT_TRUE(!!set) TH_LOG("CONFIG_SET missing from the ops list");

	/* Both are do operations with their own policy... */
	EXPECT_NE(0U, get->flags & GENL_CMD_CAP_DO);
	EXPECT_NE(0U, get->flags & GENL_CMD_CAP_HASPOL);
	EXPECT_NE(0U, set->flags & GENL_CMD_CAP_DO);
	EXPECT_NE(0U, set->flags & GENL_CMD_CAP_HASPOL);
	/* ...and only the mutating one is for admins. */
	EXPECT_EQ(0U, get->flags & GENL_ADMIN_PERM);
	EXPECT_NE(0U, set->flags & GENL_ADMIN_PERM);
}

TEST_F(smm, status_matches_guest)
{
	struct smm_status st;
	struct utsname uts;
	__u32 fmt, levels;
	long ncpus;
	int err;

	ASSERT_EQ(0, uname(&uts));
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	ASSERT_LT(0, ncpus);
	ASSERT_EQ(0, smm_status_get(&self->sk, self->fam.id, &st));

	ASSERT_LT(0, st.len[SHADOW_MM_A_STATUS_VERSION]);
	EXPECT_NE('\0', st.version[0]);
	TH_LOG("module version \"%s\"", st.version);

	ASSERT_LT(0, st.len[SHADOW_MM_A_STATUS_KERNEL_RELEASE]);
	EXPECT_STREQ(uts.release, st.release);
	ASSERT_LT(0, st.len[SHADOW_MM_A_STATUS_MACHINE]);
	EXPECT_STREQ(uts.machine, st.machine);

	ASSERT_EQ(sizeof(__u32), st.len[SHADOW_MM_A_STATUS_PAGE_SIZE]);
	EXPECT_EQ((__u32)getpagesize(), st.u32[SHADOW_MM_A_STATUS_PAGE_SIZE]);

	ASSERT_EQ(sizeof(__u32), st.len[SHADOW_MM_A_STATUS_CPUS_ONLINE]);
	EXPECT_EQ((__u32)ncpus, st.u32[SHADOW_MM_A_STATUS_CPUS_ONLINE]);

	ASSERT_EQ(sizeof(__u32), st.len[SHADOW_MM_A_STATUS_PT_FORMAT]);
	ASSERT_EQ(sizeof(__u32), st.len[SHADOW_MM_A_STATUS_PT_LEVELS]);
	err = expected_paging(&uts, &fmt, &levels);
	if (err == -ENOTSUP) {
		TH_LOG("no paging rule for %s: checking ranges only",
		       uts.machine);
		EXPECT_LE((__u32)SHADOW_MM_PT_FORMAT_ARM,
			  st.u32[SHADOW_MM_A_STATUS_PT_FORMAT]);
		EXPECT_GE((__u32)SHADOW_MM_PT_FORMAT_X86_64,
			  st.u32[SHADOW_MM_A_STATUS_PT_FORMAT]);
		EXPECT_LE(2U, st.u32[SHADOW_MM_A_STATUS_PT_LEVELS]);
		EXPECT_GE(5U, st.u32[SHADOW_MM_A_STATUS_PT_LEVELS]);
	} else {
		ASSERT_EQ(0, err);
		EXPECT_EQ(fmt, st.u32[SHADOW_MM_A_STATUS_PT_FORMAT]);
		EXPECT_EQ(levels, st.u32[SHADOW_MM_A_STATUS_PT_LEVELS]);
	}

	EXPECT_EQ(sizeof(__u64), st.len[SHADOW_MM_A_STATUS_SHADOW_BYTES]);

	ASSERT_EQ(sizeof(__u32), st.len[SHADOW_MM_A_STATUS_DEBUG]);
	EXPECT_GE((__u32)SHADOW_MM_DEBUG_MAX, st.u32[SHADOW_MM_A_STATUS_DEBUG]);
}

TEST_F(smm, unknown_attribute_type)
{
	static const __u16 types[] = {
		SHADOW_MM_A_STATUS_MAX + 1, (__u16)NLA_TYPE_MASK,
	};
	struct nlmsghdr *nlh;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		nlh = smm_start(self->req, self->fam.id,
				SHADOW_MM_CMD_STATUS_GET);
		mnl_attr_put_u32(nlh, types[i], 1);
		ASSERT_REFUSED(nlh, GENL_FIRST_ATTR_OFFS,
			       "STATUS_GET + unknown type");
		ASSERT_STILL_ANSWERS();
	}
}

TEST_F(smm, status_get_takes_no_attribute)
{
	struct nlmsghdr *nlh;
	__u16 type;

	for (type = 1; type <= SHADOW_MM_A_STATUS_MAX; type++) {
		nlh = smm_start(self->req, self->fam.id,
				SHADOW_MM_CMD_STATUS_GET);
		mnl_attr_put_u32(nlh, type, 0);
		TH_LOG("attribute type %u", type);
		ASSERT_REFUSED(nlh, GENL_FIRST_ATTR_OFFS,
			       "STATUS_GET + known type");
		ASSERT_STILL_ANSWERS();
	}
}

TEST_F(smm, reserved_header_byte)
{
	struct nlmsghdr *nlh;

	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_STATUS_GET);
	genl_hdr(nlh)->reserved = 1;
	ASSERT_REFUSED(nlh, -1, "STATUS_GET, reserved 1");
	ASSERT_STILL_ANSWERS();

	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	genl_hdr(nlh)->reserved = 0x100;
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG,
			 other_debug(self->debug_saved));
	ASSERT_REFUSED(nlh, -1, "CONFIG_SET, reserved 0x100");
	ASSERT_STILL_ANSWERS();
}

TEST_F(smm, truncated_attribute)
{
	__u32 level = other_debug(self->debug_saved);
	struct nlmsghdr *nlh;

	/* The attribute header claims 8 bytes; only its 4-byte header is sent. */
	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	nlh->nlmsg_len -= sizeof(__u32);
	ASSERT_REFUSED(nlh, -1, "nla_len past the end");
	ASSERT_STILL_ANSWERS();

	/* The same, cut in the middle of the value. */
	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	nlh->nlmsg_len -= 2;
	ASSERT_REFUSED(nlh, -1, "value cut short");
	ASSERT_STILL_ANSWERS();

	/* A good attribute followed by 3 bytes too few for another header. */
	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	memset(mnl_nlmsg_get_payload_tail(nlh), 0xa5, 3);
	nlh->nlmsg_len += 3;
	ASSERT_REFUSED(nlh, -1, "trailing garbage");
	ASSERT_STILL_ANSWERS();

	/* STATUS_GET with only an attribute header that overruns the end. */
	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_STATUS_GET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_MAX + 1, 0);
	nlh->nlmsg_len -= sizeof(__u32);
	ASSERT_REFUSED(nlh, -1, "STATUS_GET, nla_len past end");
	ASSERT_STILL_ANSWERS();
}

TEST_F(smm, wrong_attribute_size)
{
	__u32 level = other_debug(self->debug_saved);
	struct nlmsghdr *nlh;

	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u8(nlh, SHADOW_MM_A_STATUS_DEBUG, (__u8)level);
	ASSERT_REFUSED(nlh, GENL_FIRST_ATTR_OFFS, "DEBUG as u8");
	ASSERT_STILL_ANSWERS();

	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u16(nlh, SHADOW_MM_A_STATUS_DEBUG, (__u16)level);
	ASSERT_REFUSED(nlh, GENL_FIRST_ATTR_OFFS, "DEBUG as u16");
	ASSERT_STILL_ANSWERS();
}

TEST_F(smm, debug_out_of_range)
{
	static const __u32 levels[] = {
		SHADOW_MM_DEBUG_MAX + 1, 0x80000000u, 0xffffffffu,
	};
	struct nlmsghdr *nlh;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		nlh = smm_start(self->req, self->fam.id,
				SHADOW_MM_CMD_CONFIG_SET);
		mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, levels[i]);
		TH_LOG("DEBUG %u", levels[i]);
		ASSERT_OUT_OF_RANGE(nlh, GENL_FIRST_ATTR_OFFS,
				    "DEBUG out of range");
		ASSERT_STILL_ANSWERS();
	}
}

TEST_F(smm, config_set_missing_debug)
{
	struct nl_answer *ans = self->ans;
	struct nlmsghdr *nlh;

	nlh = smm_start(self->req, self->fam.id, SHADOW_MM_CMD_CONFIG_SET);
	ASSERT_EQ(0, nl_exchange(&self->sk, nlh, ans));
	TH_LOG("error %d, extack \"%s\"", ans->error, ans->ext_msg);
	ASSERT_EQ(-EINVAL, ans->error);
	ASSERT_EQ(0U, ans->nreplies);
	/* The kernel's own missing-attribute check names the type, no text. */
	ASSERT_TRUE(ans->has_miss_type);
	ASSERT_EQ((__u32)SHADOW_MM_A_STATUS_DEBUG, ans->miss_type);
	ASSERT_STILL_ANSWERS();
}

TEST_F(smm, config_set_changes_debug)
{
	__u32 level;
	int i;

	/* Every level, starting with one that differs from the current. */
	for (i = 0; i <= SHADOW_MM_DEBUG_MAX; i++) {
		level = (self->debug_saved + 1 + i) % (SHADOW_MM_DEBUG_MAX + 1);
		ASSERT_EQ(0, smm_debug_set(&self->sk, self->fam.id, level));
		ASSERT_EQ(level, smm_debug_get(&self->sk, self->fam.id));
	}

	ASSERT_EQ(0, smm_debug_set(&self->sk, self->fam.id, self->debug_saved));
	ASSERT_EQ(self->debug_saved, smm_debug_get(&self->sk, self->fam.id));
}

/* Exit codes of unprivileged_child(), for the parent's log. */
enum {
	UNPRIV_OK,
	UNPRIV_DROP_FAILED,
	UNPRIV_STILL_PRIVILEGED,
	UNPRIV_SOCKET_FAILED,
	UNPRIV_STATUS_FAILED,
	UNPRIV_SET_NOT_EPERM,
};

static const char *const unpriv_step[] = {
	[UNPRIV_OK] = "ok",
	[UNPRIV_DROP_FAILED] = "setgroups/setgid/setuid(65534) failed",
	[UNPRIV_STILL_PRIVILEGED] = "ids did not change",
	[UNPRIV_SOCKET_FAILED] = "could not open a netlink socket",
	[UNPRIV_STATUS_FAILED] = "STATUS_GET was refused",
	[UNPRIV_SET_NOT_EPERM] = "CONFIG_SET did not fail with EPERM",
};

/*
 * unprivileged_child() - in a forked child: become nobody, then STATUS_GET
 * must work and CONFIG_SET must be refused for lack of CAP_NET_ADMIN.
 */
static int unprivileged_child(__u16 family, __u32 level)
{
	struct smm_status st;
	struct nl_sock s;
	int err;

	if (setgroups(0, NULL) || setgid(NOBODY_ID) || setuid(NOBODY_ID))
		return UNPRIV_DROP_FAILED;
	if (getuid() != NOBODY_ID || geteuid() != NOBODY_ID ||
	    getgid() != NOBODY_ID || getegid() != NOBODY_ID)
		return UNPRIV_STILL_PRIVILEGED;
	if (nl_open(&s))
		return UNPRIV_SOCKET_FAILED;
	if (smm_status_get(&s, family, &st))
		return UNPRIV_STATUS_FAILED;
	err = smm_debug_set(&s, family, level);
	if (err != -EPERM) {
		fprintf(stderr, "# CONFIG_SET as nobody: %d\n", err);
		return UNPRIV_SET_NOT_EPERM;
	}
	nl_close(&s);
	return UNPRIV_OK;
}

TEST_F(smm, unprivileged_caller)
{
	__u32 level = other_debug(self->debug_saved);
	int status, code;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(unprivileged_child(self->fam.id, level));

	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	code = WEXITSTATUS(status);
	ASSERT_EQ(UNPRIV_OK, code) {
		TH_LOG("as nobody: %s", code < (int)ARRAY_SIZE(unpriv_step) ?
		       unpriv_step[code] : "unexpected exit");
	}
	/* The refused CONFIG_SET left the level alone. */
	ASSERT_STILL_ANSWERS();
}

/*
 * The reload fixture: unloads and reloads the module, so it runs after
 * everything else and puts the module back in its teardown if a step failed.
 */
FIXTURE(smm_reload) {
	struct nl_sock sk;
	bool removed;	/* rmmod succeeded: the module must come back */
};

FIXTURE_SETUP(smm_reload)
{
	ASSERT_EQ(0, nl_open(&self->sk));
}

FIXTURE_TEARDOWN(smm_reload)
{
	struct family_info fi;

	if (self->removed && self->sk.mnl &&
	    family_resolve(&self->sk, SHADOW_MM_FAMILY_NAME, &fi) == -ENOENT) {
		TH_LOG("putting %s back", SMM_MODULE_NAME);
		insmod_module();
	}
	nl_close(&self->sk);
}

TEST_F_TIMEOUT(smm_reload, rmmod_insmod, 300)
{
	static char *const rmmod[] = { "rmmod", SMM_MODULE_NAME, NULL };
	struct family_info before, gone, after;
	struct smm_status st;

	if (access(module_path(), R_OK))
		SKIP(return, "module file %s not readable (set SMM_MODULE)",
		     module_path());

	ASSERT_EQ(0, family_resolve(&self->sk, SHADOW_MM_FAMILY_NAME, &before));

	ASSERT_EQ(0, run_program(rmmod));
	self->removed = true;
	ASSERT_EQ(-ENOENT, family_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
					  &gone));
	ASSERT_NE(0, access("/sys/module/" SMM_MODULE_NAME, F_OK));

	ASSERT_EQ(0, insmod_module());
	self->removed = false;
	ASSERT_EQ(0, family_resolve(&self->sk, SHADOW_MM_FAMILY_NAME, &after));
	EXPECT_EQ((__u32)SHADOW_MM_FAMILY_VERSION, after.version);
	ASSERT_EQ(0, smm_status_get(&self->sk, after.id, &st));
	EXPECT_NE('\0', st.version[0]);
	TH_LOG("family id %u before, %u after the reload", before.id, after.id);
}

TEST_HARNESS_MAIN
