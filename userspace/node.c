// SPDX-License-Identifier: GPL-2.0
/*
 * node.c - `smm node show`: the shadow nodes
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "commands.h"
#include "mm_nl.h"
#include "mm_print.h"

/* Asks for node @id alone; the module answers ENOENT if there is none. */
static int node_get(struct smm_nl *nl, __u32 id, struct smm_node_info *node)
{
	struct nl_msg *req, *reply = NULL;
	char bad[MM_BAD_LEN];
	int ret;

	req = smm_nl_request(nl, SHADOW_MM_CMD_NODE_GET);
	if (!req)
		return -1;
	if (nla_put_u32(req, SHADOW_MM_A_NODE_ID, id)) {
		nlmsg_free(req);
		fprintf(stderr, "smm: node show: out of memory\n");
		return -2;
	}
	if (smm_nl_do(nl, req, &smm_node_attr_set, &reply))
		return -1;
	ret = mm_decode_node(reply, node, bad);
	nlmsg_free(reply);
	if (ret) {
		fprintf(stderr, "smm: node show: malformed reply: %s\n", bad);
		return -2;
	}
	return 0;
}

/**
 * node_show() - `smm node [show [ID]]`: one node, or all of them
 * @cl: the command line (-j, -p, the node id)
 *
 * Text: a block per node. JSON: an object for node ID, else an array.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int node_show(const struct smm_cmdline *cl)
{
	unsigned long page_size = mm_page_size();
	struct smm_node_info one, *nodes = NULL;
	int ret = SMM_EXIT_ERROR, err;
	struct smm_out o;
	struct smm_nl nl;
	size_t i, n = 0;

	if (smm_nl_open(&nl))
		goto fail;
	if (cl->filter.has_node) {
		err = node_get(&nl, cl->filter.node, &one);
		if (err == -1)
			goto fail;
		if (err)
			goto out;
	} else if (mm_fetch_nodes(&nl, "node show", &nodes, &n)) {
		goto fail;
	}

	out_init(&o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
	if (cl->filter.has_node) {
		mm_print_node(&o, &one, page_size);
	} else {
		out_begin_array(&o, NULL);
		for (i = 0; i < n; i++) {
			if (i && !o.json)
				fputc('\n', stdout);
			mm_print_node(&o, &nodes[i], page_size);
		}
		out_end_array(&o);
	}
	if (!out_done(&o, "node show"))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, "node show");
out:
	free(nodes);
	smm_nl_close(&nl);
	return ret;
}
