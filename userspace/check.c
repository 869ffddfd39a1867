// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - `smm check`: the allocator's invariant checker
 */
#include <stdio.h>
#include <string.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "commands.h"
#include "nl.h"
#include "print.h"

/* Prints the CHECK reply; -1 when it is malformed. */
static int check_print(const struct smm_cmdline *cl, struct nl_msg *reply,
		       __u32 *violations)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(reply));
	bool has_violations = false;
	struct smm_out o;
	struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		if (nla_type(nla) == SHADOW_MM_A_CHECK_VIOLATIONS &&
		    nla_len(nla) == sizeof(__u32)) {
			*violations = nla_get_u32(nla);
			has_violations = true;
		} else if (nla_type(nla) == SHADOW_MM_A_CHECK_MESSAGE &&
			   (!nla_len(nla) ||
			    !memchr(nla_data(nla), '\0', nla_len(nla)))) {
			has_violations = false;
			break;
		}
	}
	if (!has_violations) {
		fprintf(stderr, "smm: check: malformed reply\n");
		return -1;
	}

	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	out_begin_object(&o, NULL);
	out_u64(&o, OUT_JSON, "violations", NULL, *violations);
	out_begin_array(&o, "messages");
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			  rem) {
		if (nla_type(nla) != SHADOW_MM_A_CHECK_MESSAGE)
			continue;
		if (o.json)
			json_string(&o.jw, NULL, nla_data(nla));
		else
			printf("%s\n", (const char *)nla_data(nla));
	}
	out_end_array(&o);
	out_end_object(&o);
	if (!o.json) {
		if (*violations)
			printf("%u violation%s\n", *violations,
			       *violations == 1 ? "" : "s");
		else
			printf("ok\n");
	}
	return out_done(&o, "check");
}

/**
 * check_run() - `smm check`: run the invariant checker over every zone
 * @cl: the command line (-j, -p)
 *
 * Text: "ok", or the checker's messages (the first few) and "N
 * violations". JSON: {"violations": N, "messages": [...]}.
 *
 * Return: SMM_EXIT_OK when nothing is broken; SMM_EXIT_ERROR when
 * something is, or when the check could not run.
 */
int check_run(const struct smm_cmdline *cl)
{
	struct nl_msg *req, *reply = NULL;
	int ret = SMM_EXIT_ERROR;
	__u32 violations = 0;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		goto fail;
	req = smm_nl_request(&nl, SHADOW_MM_CMD_CHECK);
	if (!req)
		goto fail;
	if (smm_nl_do(&nl, req, &smm_check_attr_set, &reply))
		goto fail;
	if (!check_print(cl, reply, &violations) && !violations)
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "check");
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}
