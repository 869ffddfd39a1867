// SPDX-License-Identifier: GPL-2.0
/*
 * check and owner-get: the allocator's invariant checker, and who holds
 * how much shadow memory. Open to everyone; they only read.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>

#include "compat.h"
#include "netlink.h"
#include "shadow_mm.h"

/**
 * smm_nl_check_doit() - CHECK: run the invariant checker over every zone
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 after the reply, which carries the number of violations and
 * the first few of them described; -ENOMEM.
 */
int smm_nl_check_doit(struct sk_buff *skb, struct genl_info *info)
{
	unsigned long debug_violations;
	struct smm_check_report *rep;
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;
	int ret;

	smm_nl_log_request(info->genlhdr->cmd, SMM_DEBUG_ALL);

	rep = kzalloc(sizeof(*rep), GFP_KERNEL);
	if (!rep)
		return -ENOMEM;
	msg = smm_nl_reply_new(info, NLMSG_DEFAULT_SIZE +
			       (SMM_CHECK_MAX_MSGS + 1) *
			       nla_total_size(SMM_CHECK_MSG_LEN), &hdr);
	if (!msg) {
		ret = -ENOMEM;
		goto out_rep;
	}

	smm_mm_check(smm_shadow.mm, rep);
	/* With debug_check=1, what the checks after each operation found. */
	debug_violations = READ_ONCE(smm_shadow.mm->debug_violations);
	ret = -EMSGSIZE;
	if (nla_put_u32(msg, SHADOW_MM_A_CHECK_VIOLATIONS,
			rep->violations + debug_violations))
		goto err_free;
	if (debug_violations) {
		char line[80];

		snprintf(line, sizeof(line),
			 "%lu violation(s) seen by debug checks since load",
			 debug_violations);
		if (nla_put_string(msg, SHADOW_MM_A_CHECK_MESSAGE, line))
			goto err_free;
	}
	for (i = 0; i < rep->nr_msgs && i < SMM_CHECK_MAX_MSGS; i++) {
		rep->msg[i][SMM_CHECK_MSG_LEN - 1] = '\0';
		if (nla_put_string(msg, SHADOW_MM_A_CHECK_MESSAGE, rep->msg[i]))
			goto err_free;
	}
	if (rep->violations)
		pr_warn("check: %u violation(s), first: %s\n", rep->violations,
			rep->nr_msgs ? rep->msg[0] : "(not described)");
	genlmsg_end(msg, hdr);
	kfree(rep);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
out_rep:
	kfree(rep);
	return ret;
}

/**
 * struct smm_owner_row - what one owner holds, copied for a dump
 * @name: the owner tag's name
 * @id: the owner tag
 * @pages: pages held
 * @blocks: blocks held
 */
struct smm_owner_row {
	char name[SMM_OWNER_NAME_LEN];
	u16 id;
	u64 pages;
	u64 blocks;
};

/**
 * struct smm_owner_table - every owner holding memory
 * @n: rows used
 * @rows: the rows, in tag order
 */
struct smm_owner_table {
	unsigned int n;
	struct smm_owner_row rows[SMM_MAX_OWNERS];
};

static void smm_owner_collect(void *arg, const struct smm_owner_usage *u)
{
	struct smm_owner_table *t = arg;
	struct smm_owner_row *row;

	if (t->n >= ARRAY_SIZE(t->rows))
		return;
	row = &t->rows[t->n++];
	strscpy(row->name, u->owner ? u->name : "", sizeof(row->name));
	row->id = u->owner;
	row->pages = u->pages;
	row->blocks = u->blocks;
}

/**
 * smm_nl_owner_get_dumpit() - OWNER_GET dump: the pages and blocks each
 * owner tag holds, in tag order, with the tag's id; blocks allocated
 * without an owner show under the empty name and id 0
 * @skb: the buffer to fill
 * @cb: the dump's state; args[0] is the next row
 *
 * Each part counts afresh (a walk over every descriptor), so a dump of
 * several parts may mix two moments, as dumps do.
 *
 * Return: the length filled, 0 at the end, or a negative errno.
 */
int smm_nl_owner_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct smm_owner_table *t;
	unsigned int i;
	int ret = 0;

	t = kvzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	mutex_lock(&smm_shadow.usage_mutex);
	smm_mm_owner_usage(smm_shadow.mm, smm_owner_collect, t);
	mutex_unlock(&smm_shadow.usage_mutex);

	for (i = cb->args[0]; i < t->n; i++) {
		const struct smm_owner_row *row = &t->rows[i];
		void *hdr = smm_nl_dump_put(skb, cb, SHADOW_MM_CMD_OWNER_GET);

		if (!hdr)
			break;
		if (nla_put_string(skb, SHADOW_MM_A_OWNER_NAME, row->name) ||
		    nla_put_u64_64bit(skb, SHADOW_MM_A_OWNER_BLOCKS, row->blocks,
				      SHADOW_MM_A_OWNER_PAD) ||
		    nla_put_u64_64bit(skb, SHADOW_MM_A_OWNER_PAGES, row->pages,
				      SHADOW_MM_A_OWNER_PAD) ||
		    nla_put_u32(skb, SHADOW_MM_A_OWNER_ID, row->id)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	if (i == cb->args[0] && i < t->n)
		ret = -EMSGSIZE;
	cb->args[0] = i;
	kvfree(t);
	return ret ?: skb->len;
}
