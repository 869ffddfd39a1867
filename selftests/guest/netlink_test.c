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

#include "smm_mnl.h"

#define NOBODY_ID		65534

/* Large enough for any reply of this family and of the controller. */
#define NL_BUF_SIZE		32768

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

static void copy_str_attr(char *dst, size_t size, const struct nlattr *attr)
{
	if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		snprintf(dst, size, "%s", mnl_attr_get_str(attr));
	else
		snprintf(dst, size, "<not a NUL-terminated string>");
}

/* What smm_status_get() takes from the replies to STATUS_GET. */
struct status_reply {
	struct smm_status *st;
	unsigned int n;
	__u16 type;
};

/* smm_mnl_cb: decodes the first reply, counts them all. */
static int status_part(const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[SHADOW_MM_A_STATUS_MAX + 1] = { NULL };
	struct status_reply *r = arg;
	struct smm_status *st = r->st;
	const struct nlattr *a;
	unsigned int type;

	if (r->n++)
		return 0;
	r->type = nlh->nlmsg_type;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(a) <= SHADOW_MM_A_STATUS_MAX)
			tb[mnl_attr_get_type(a)] = a;
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
	return 0;
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
static int smm_status_get(struct smm_mnl *s, __u16 family,
			  struct smm_status *st)
{
	struct status_reply r = { .st = st };
	__u32 req[64];
	int err;

	memset(st, 0, sizeof(*st));
	err = smm_mnl_call(s, smm_mnl_req(req, family, NLM_F_ACK,
					  SHADOW_MM_CMD_STATUS_GET),
			   status_part, &r);
	if (err)
		return err;
	if (r.n != 1 || r.type != family)
		return -EBADMSG;
	return 0;
}

/**
 * smm_debug_get() - read the DEBUG level through STATUS_GET
 * @s: socket
 * @family: shadow_mm family id
 *
 * Return: the level, or a negative errno.
 */
static __s64 smm_debug_get(struct smm_mnl *s, __u16 family)
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
static int smm_debug_set(struct smm_mnl *s, __u16 family, __u32 level)
{
	struct nlmsghdr *nlh;
	__u32 req[64];
	int err;

	nlh = smm_mnl_req(req, family, NLM_F_ACK, SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	err = smm_mnl_call(s, nlh, NULL, NULL);
	if (!err && s->ans.nreplies)
		err = -EBADMSG;
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

/* The shadow_mm fixture: a socket, the resolved family, DEBUG to restore. */
FIXTURE(smm) {
	struct smm_mnl sk;
	struct smm_mnl_family fam;
	__u32 debug_saved;
	char *req;
	struct smm_mnl_ans *ans;
};

FIXTURE_SETUP(smm)
{
	__s64 debug;

	self->req = malloc(NL_BUF_SIZE);
	self->ans = &self->sk.ans;
	ASSERT_TRUE(!!self->req);
	ASSERT_TRUE(!!self->ans);
	ASSERT_EQ(0, smm_mnl_open(&self->sk, NL_BUF_SIZE, SMM_MNL_EXT_ACK));
	ASSERT_EQ(0, smm_mnl_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
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
	smm_mnl_close(&self->sk);
	free(self->req);
}

/*
 * assert_still_answers() - a well-formed STATUS_GET still gets its reply.
 * Also checks that the DEBUG level is still @debug: a refused request must
 * change nothing.
 */
static void assert_still_answers(struct __test_metadata *_metadata,
				 struct smm_mnl *sk, __u16 family, __u32 debug)
{
	ASSERT_EQ(debug, smm_debug_get(sk, family));
}

/*
 * assert_refused() - send @nlh and expect the error -@err with an extack
 * message, and with NLMSGERR_ATTR_OFFS == @offs unless @offs is negative.
 */
static void assert_refused(struct __test_metadata *_metadata,
			   struct smm_mnl *sk, struct smm_mnl_ans *ans,
			   struct nlmsghdr *nlh, int err, long offs,
			   const char *what)
{
	ASSERT_EQ(0, smm_mnl_exchange(sk, nlh, NULL, NULL));
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
	const struct smm_mnl_op *get, *set;

	EXPECT_LE(GENL_MIN_ID, self->fam.id);
	EXPECT_EQ((__u32)SHADOW_MM_FAMILY_VERSION, self->fam.version);

	get = smm_mnl_family_op(&self->fam, SHADOW_MM_CMD_STATUS_GET);
	set = smm_mnl_family_op(&self->fam, SHADOW_MM_CMD_CONFIG_SET);
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
		nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
				  SHADOW_MM_CMD_STATUS_GET);
		mnl_attr_put_u32(nlh, types[i], 1);
		ASSERT_REFUSED(nlh, SMM_MNL_FIRST_ATTR_OFFS,
			       "STATUS_GET + unknown type");
		ASSERT_STILL_ANSWERS();
	}
}

TEST_F(smm, status_get_takes_no_attribute)
{
	struct nlmsghdr *nlh;
	__u16 type;

	for (type = 1; type <= SHADOW_MM_A_STATUS_MAX; type++) {
		nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
				  SHADOW_MM_CMD_STATUS_GET);
		mnl_attr_put_u32(nlh, type, 0);
		TH_LOG("attribute type %u", type);
		ASSERT_REFUSED(nlh, SMM_MNL_FIRST_ATTR_OFFS,
			       "STATUS_GET + known type");
		ASSERT_STILL_ANSWERS();
	}
}

TEST_F(smm, reserved_header_byte)
{
	struct nlmsghdr *nlh;

	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_STATUS_GET);
	smm_mnl_genl_hdr(nlh)->reserved = 1;
	ASSERT_REFUSED(nlh, -1, "STATUS_GET, reserved 1");
	ASSERT_STILL_ANSWERS();

	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	smm_mnl_genl_hdr(nlh)->reserved = 0x100;
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
	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	nlh->nlmsg_len -= sizeof(__u32);
	ASSERT_REFUSED(nlh, -1, "nla_len past the end");
	ASSERT_STILL_ANSWERS();

	/* The same, cut in the middle of the value. */
	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	nlh->nlmsg_len -= 2;
	ASSERT_REFUSED(nlh, -1, "value cut short");
	ASSERT_STILL_ANSWERS();

	/* A good attribute followed by 3 bytes too few for another header. */
	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, level);
	memset(mnl_nlmsg_get_payload_tail(nlh), 0xa5, 3);
	nlh->nlmsg_len += 3;
	ASSERT_REFUSED(nlh, -1, "trailing garbage");
	ASSERT_STILL_ANSWERS();

	/* STATUS_GET with only an attribute header that overruns the end. */
	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_STATUS_GET);
	mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_MAX + 1, 0);
	nlh->nlmsg_len -= sizeof(__u32);
	ASSERT_REFUSED(nlh, -1, "STATUS_GET, nla_len past end");
	ASSERT_STILL_ANSWERS();
}

TEST_F(smm, wrong_attribute_size)
{
	__u32 level = other_debug(self->debug_saved);
	struct nlmsghdr *nlh;

	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u8(nlh, SHADOW_MM_A_STATUS_DEBUG, (__u8)level);
	ASSERT_REFUSED(nlh, SMM_MNL_FIRST_ATTR_OFFS, "DEBUG as u8");
	ASSERT_STILL_ANSWERS();

	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	mnl_attr_put_u16(nlh, SHADOW_MM_A_STATUS_DEBUG, (__u16)level);
	ASSERT_REFUSED(nlh, SMM_MNL_FIRST_ATTR_OFFS, "DEBUG as u16");
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
		nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
				  SHADOW_MM_CMD_CONFIG_SET);
		mnl_attr_put_u32(nlh, SHADOW_MM_A_STATUS_DEBUG, levels[i]);
		TH_LOG("DEBUG %u", levels[i]);
		ASSERT_OUT_OF_RANGE(nlh, SMM_MNL_FIRST_ATTR_OFFS,
				    "DEBUG out of range");
		ASSERT_STILL_ANSWERS();
	}
}

TEST_F(smm, config_set_missing_debug)
{
	struct smm_mnl_ans *ans = self->ans;
	struct nlmsghdr *nlh;

	nlh = smm_mnl_req(self->req, self->fam.id, NLM_F_ACK,
			  SHADOW_MM_CMD_CONFIG_SET);
	ASSERT_EQ(0, smm_mnl_exchange(&self->sk, nlh, NULL, NULL));
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
	struct smm_mnl s;
	int err;

	if (setgroups(0, NULL) || setgid(NOBODY_ID) || setuid(NOBODY_ID))
		return UNPRIV_DROP_FAILED;
	if (getuid() != NOBODY_ID || geteuid() != NOBODY_ID ||
	    getgid() != NOBODY_ID || getegid() != NOBODY_ID)
		return UNPRIV_STILL_PRIVILEGED;
	if (smm_mnl_open(&s, NL_BUF_SIZE, SMM_MNL_EXT_ACK))
		return UNPRIV_SOCKET_FAILED;
	if (smm_status_get(&s, family, &st))
		return UNPRIV_STATUS_FAILED;
	err = smm_debug_set(&s, family, level);
	if (err != -EPERM) {
		fprintf(stderr, "# CONFIG_SET as nobody: %d\n", err);
		return UNPRIV_SET_NOT_EPERM;
	}
	smm_mnl_close(&s);
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
	struct smm_mnl sk;
	bool removed;	/* rmmod succeeded: the module must come back */
};

FIXTURE_SETUP(smm_reload)
{
	ASSERT_EQ(0, smm_mnl_open(&self->sk, NL_BUF_SIZE, SMM_MNL_EXT_ACK));
}

FIXTURE_TEARDOWN(smm_reload)
{
	struct smm_mnl_family fi;

	if (self->removed && self->sk.mnl &&
	    smm_mnl_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
			    &fi) == -ENOENT) {
		TH_LOG("putting %s back", SMM_MODULE_NAME);
		smm_insmod_module();
	}
	smm_mnl_close(&self->sk);
}

TEST_F_TIMEOUT(smm_reload, rmmod_insmod, 300)
{
	static char *const rmmod[] = { "rmmod", SMM_MODULE_NAME, NULL };
	struct smm_mnl_family before, gone, after;
	struct smm_status st;

	if (access(smm_module_path(), R_OK))
		SKIP(return, "module file %s not readable (set SMM_MODULE)",
		     smm_module_path());

	ASSERT_EQ(0, smm_mnl_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
				     &before));

	ASSERT_EQ(0, smm_run_program(rmmod));
	self->removed = true;
	ASSERT_EQ(-ENOENT, smm_mnl_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
					   &gone));
	ASSERT_NE(0, access("/sys/module/" SMM_MODULE_NAME, F_OK));

	ASSERT_EQ(0, smm_insmod_module());
	self->removed = false;
	ASSERT_EQ(0, smm_mnl_resolve(&self->sk, SHADOW_MM_FAMILY_NAME,
				     &after));
	EXPECT_EQ((__u32)SHADOW_MM_FAMILY_VERSION, after.version);
	ASSERT_EQ(0, smm_status_get(&self->sk, after.id, &st));
	EXPECT_NE('\0', st.version[0]);
	TH_LOG("family id %u before, %u after the reload", before.id, after.id);
}

TEST_HARNESS_MAIN
