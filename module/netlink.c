// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow_mm generic netlink family: every op validated strictly
 * against its own policy (resv_start_op is 0), mutating ops admin-only.
 * Documentation/netlink/specs/shadow_mm.yaml describes the same.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/module.h>
#include <linux/utsname.h>
#include <net/genetlink.h>

#include "shadow_mm.h"

/* STATUS_GET takes no attributes: every one is refused. */
static const struct nla_policy smm_status_get_policy[SHADOW_MM_A_STATUS_MAX + 1] = {
};

static const struct nla_policy smm_config_set_policy[SHADOW_MM_A_STATUS_DEBUG + 1] = {
	[SHADOW_MM_A_STATUS_DEBUG] = NLA_POLICY_MAX(NLA_U32, SHADOW_MM_DEBUG_MAX),
};

static struct genl_family smm_genl_family;

static const char *const smm_cmd_names[] = {
	[SHADOW_MM_CMD_STATUS_GET] = "status-get",
	[SHADOW_MM_CMD_CONFIG_SET] = "config-set",
};

/* Log the request at debug level @level or above, with who sent it. */
static void smm_nl_log_request(const struct genl_info *info,
			       unsigned int level)
{
	u8 cmd = info->genlhdr->cmd;

	if (READ_ONCE(smm_debug) < level)
		return;
	pr_info("%s from pid %d uid %u\n",
		cmd < ARRAY_SIZE(smm_cmd_names) ? smm_cmd_names[cmd] : "?",
		task_pid_nr(current),
		from_kuid_munged(current_user_ns(), current_uid()));
}

static int smm_nl_status_fill(struct sk_buff *msg)
{
	struct new_utsname *uts = utsname();
	int pt_format = smm_host_pt_format();

	if (nla_put_string(msg, SHADOW_MM_A_STATUS_VERSION, SMM_VERSION) ||
	    nla_put_string(msg, SHADOW_MM_A_STATUS_KERNEL_RELEASE,
			   uts->release) ||
	    nla_put_string(msg, SHADOW_MM_A_STATUS_MACHINE, uts->machine) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_PAGE_SIZE, PAGE_SIZE) ||
	    (pt_format &&
	     nla_put_u32(msg, SHADOW_MM_A_STATUS_PT_FORMAT, pt_format)) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_PT_LEVELS,
			smm_host_pt_levels()) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_CPUS_ONLINE,
			num_online_cpus()) ||
	    nla_put_u64_64bit(msg, SHADOW_MM_A_STATUS_SHADOW_BYTES,
			      smm_shadow_bytes(), SHADOW_MM_A_STATUS_PAD) ||
	    nla_put_u32(msg, SHADOW_MM_A_STATUS_DEBUG, READ_ONCE(smm_debug)))
		return -EMSGSIZE;
	return 0;
}

static int smm_nl_status_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	smm_nl_log_request(info, SMM_DEBUG_ALL);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &smm_genl_family, 0,
				SHADOW_MM_CMD_STATUS_GET);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err_free;
	}
	ret = smm_nl_status_fill(msg);
	if (ret)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}

static int smm_nl_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	smm_nl_log_request(info, SMM_DEBUG_ADMIN);

	if (GENL_REQ_ATTR_CHECK(info, SHADOW_MM_A_STATUS_DEBUG)) {
		NL_SET_ERR_MSG(info->extack, "config-set needs attribute debug");
		return -EINVAL;
	}
	WRITE_ONCE(smm_debug,
		   nla_get_u32(info->attrs[SHADOW_MM_A_STATUS_DEBUG]));
	return 0;
}

static const struct genl_ops smm_genl_ops[] = {
	{
		.cmd = SHADOW_MM_CMD_STATUS_GET,
		.doit = smm_nl_status_get_doit,
		.policy = smm_status_get_policy,
		.maxattr = ARRAY_SIZE(smm_status_get_policy) - 1,
	},
	{
		.cmd = SHADOW_MM_CMD_CONFIG_SET,
		.flags = GENL_ADMIN_PERM,
		.doit = smm_nl_config_set_doit,
		.policy = smm_config_set_policy,
		.maxattr = ARRAY_SIZE(smm_config_set_policy) - 1,
	},
};

static struct genl_family smm_genl_family __ro_after_init = {
	.name = SHADOW_MM_FAMILY_NAME,
	.version = SHADOW_MM_FAMILY_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = smm_genl_ops,
	.n_ops = ARRAY_SIZE(smm_genl_ops),
	/* Every op, from the first, gets strict attribute validation. */
	.resv_start_op = 0,
};

/**
 * smm_netlink_init() - register the shadow_mm genetlink family
 *
 * Return: 0 or a negative errno.
 */
int smm_netlink_init(void)
{
	return genl_register_family(&smm_genl_family);
}

/**
 * smm_netlink_exit() - unregister the family; no request runs after it
 */
void smm_netlink_exit(void)
{
	genl_unregister_family(&smm_genl_family);
}
