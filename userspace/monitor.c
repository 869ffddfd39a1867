// SPDX-License-Identifier: GPL-2.0
/*
 * monitor.c - `smm monitor`: the allocator's events as they happen
 *
 * Joins the family's "monitor" multicast group and prints each event
 * message (SHADOW_MM_CMD_EVENT) it receives, a line each, until SIGINT or
 * SIGTERM, or until `count N` events have been printed. The DMA layer's
 * events (dma-map, dma-unmap, dma-xfer, dma-check) are decoded by
 * dma_info.c and printed by dma_print.c, the dma-buf exporter's
 * (dmabuf-export, -attach, -detach, -release) by dmabuf_info.c and
 * dmabuf_print.c.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/shadow_mm.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "commands.h"
#include "dma_info.h"
#include "dma_print.h"
#include "dmabuf_info.h"
#include "dmabuf_print.h"
#include "json.h"
#include "names.h"
#include "nl.h"

/* A receive buffer that rides out bursts (the module sends 1000/s). */
#define MONITOR_RCVBUF	(4 << 20)

/*
 * What an event may carry; libnl checks the sizes and that the owner is
 * NUL-terminated. Attributes from a newer module are ignored.
 */
static struct nla_policy event_policy[SHADOW_MM_A_EVENT_MAX + 1] = {
	[SHADOW_MM_A_EVENT_TYPE]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_SEQ]			= { .type = NLA_U64 },
	[SHADOW_MM_A_EVENT_DROPPED]		= { .type = NLA_U64 },
	[SHADOW_MM_A_EVENT_PFN]			= { .type = NLA_U64 },
	[SHADOW_MM_A_EVENT_ORDER]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_NODE]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_ZONE]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_MIGRATETYPE]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_OLD_MIGRATETYPE]	= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_OWNER]		= { .type = NLA_STRING },
	[SHADOW_MM_A_EVENT_CPU]			= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_DMA_ID]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_DMA_ADDR]		= { .type = NLA_U64 },
	[SHADOW_MM_A_EVENT_DMA_SIZE]		= { .type = NLA_U64 },
	[SHADOW_MM_A_EVENT_DMA_DIR]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_DMA_KIND]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_DMA_CHECK]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_DMA_BOUNCED]		= { .type = NLA_FLAG },
	[SHADOW_MM_A_EVENT_DMABUF_ID]		= { .type = NLA_U32 },
	[SHADOW_MM_A_EVENT_DMABUF_DEVICE]	= { .type = NLA_STRING },
};

static const char *const event_type_names[] = {
	[SHADOW_MM_EVENT_TYPE_ALLOC]	= "alloc",
	[SHADOW_MM_EVENT_TYPE_FREE]	= "free",
	[SHADOW_MM_EVENT_TYPE_SPLIT]	= "split",
	[SHADOW_MM_EVENT_TYPE_MERGE]	= "merge",
	[SHADOW_MM_EVENT_TYPE_STEAL]	= "steal",
	[SHADOW_MM_EVENT_TYPE_DMA_MAP]	= "dma-map",
	[SHADOW_MM_EVENT_TYPE_DMA_UNMAP] = "dma-unmap",
	[SHADOW_MM_EVENT_TYPE_DMA_XFER]	= "dma-xfer",
	[SHADOW_MM_EVENT_TYPE_DMA_CHECK] = "dma-check",
	[SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT] = "dmabuf-export",
	[SHADOW_MM_EVENT_TYPE_DMABUF_ATTACH] = "dmabuf-attach",
	[SHADOW_MM_EVENT_TYPE_DMABUF_DETACH] = "dmabuf-detach",
	[SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE] = "dmabuf-release",
};

/**
 * struct monitor - the state of one `smm monitor`
 * @cl: the command line
 * @seen: events printed so far
 * @failed: writing the output failed (the reason printed)
 */
struct monitor {
	const struct smm_cmdline *cl;
	__u64 seen;
	bool failed;
};

static volatile sig_atomic_t monitor_stop;

static void on_signal(int sig)
{
	(void)sig;
	monitor_stop = 1;
}

static __u32 get_u32(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

static __u64 get_u64(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u64(tb[type]) : 0;
}

static const char *type_name(__u32 type)
{
	return type < ARRAY_SIZE(event_type_names) && event_type_names[type] ?
	       event_type_names[type] : NULL;
}

/* A name from @fn, or the number when this smm does not know it. */
static const char *enum_text(const char *(*fn)(__u32), __u32 v, char *buf,
			     size_t size)
{
	const char *name = fn(v);

	if (name)
		return name;
	snprintf(buf, size, "%u", v);
	return buf;
}

static void event_json(struct nlattr **tb)
{
	__u32 type = get_u32(tb, SHADOW_MM_A_EVENT_TYPE);
	struct json_writer jw;
	char buf[16];

	json_init(&jw, stdout, false);
	json_begin_object(&jw, NULL);
	json_u64(&jw, "seq", get_u64(tb, SHADOW_MM_A_EVENT_SEQ));
	json_u64(&jw, "dropped", get_u64(tb, SHADOW_MM_A_EVENT_DROPPED));
	json_string(&jw, "type", enum_text(type_name, type, buf, sizeof(buf)));
	json_u64(&jw, "pfn", get_u64(tb, SHADOW_MM_A_EVENT_PFN));
	json_u64(&jw, "order", get_u32(tb, SHADOW_MM_A_EVENT_ORDER));
	json_u64(&jw, "node", get_u32(tb, SHADOW_MM_A_EVENT_NODE));
	json_string(&jw, "zone",
		    enum_text(smm_zone_type_name,
			      get_u32(tb, SHADOW_MM_A_EVENT_ZONE), buf,
			      sizeof(buf)));
	if (tb[SHADOW_MM_A_EVENT_OLD_MIGRATETYPE])
		json_string(&jw, "old_migratetype",
			    enum_text(smm_migratetype_name,
				      get_u32(tb, SHADOW_MM_A_EVENT_OLD_MIGRATETYPE),
				      buf, sizeof(buf)));
	if (tb[SHADOW_MM_A_EVENT_MIGRATETYPE])
		json_string(&jw, "migratetype",
			    enum_text(smm_migratetype_name,
				      get_u32(tb, SHADOW_MM_A_EVENT_MIGRATETYPE),
				      buf, sizeof(buf)));
	json_string(&jw, "owner", tb[SHADOW_MM_A_EVENT_OWNER] ?
		    nla_get_string(tb[SHADOW_MM_A_EVENT_OWNER]) : NULL);
	json_u64(&jw, "cpu", get_u32(tb, SHADOW_MM_A_EVENT_CPU));
	json_end_object(&jw);
	json_finish(&jw);
}

/*
 * "alloc  pfn 0x4800 order 2 node 0 Normal Unmovable owner demo cpu 1";
 * a steal shows its pageblock's types as "Movable->Unmovable".
 */
static void event_text(struct nlattr **tb)
{
	__u32 type = get_u32(tb, SHADOW_MM_A_EVENT_TYPE);
	char tbuf[16], zbuf[16], old[16], mt[16];

	printf("%-6s pfn %#llx order %u node %u %s",
	       enum_text(type_name, type, tbuf, sizeof(tbuf)),
	       (unsigned long long)get_u64(tb, SHADOW_MM_A_EVENT_PFN),
	       get_u32(tb, SHADOW_MM_A_EVENT_ORDER),
	       get_u32(tb, SHADOW_MM_A_EVENT_NODE),
	       enum_text(smm_zone_type_kname,
			 get_u32(tb, SHADOW_MM_A_EVENT_ZONE), zbuf,
			 sizeof(zbuf)));
	if (tb[SHADOW_MM_A_EVENT_OLD_MIGRATETYPE])
		printf(" %s->",
		       enum_text(smm_migratetype_kname,
				 get_u32(tb, SHADOW_MM_A_EVENT_OLD_MIGRATETYPE),
				 old, sizeof(old)));
	else if (tb[SHADOW_MM_A_EVENT_MIGRATETYPE])
		putchar(' ');
	if (tb[SHADOW_MM_A_EVENT_MIGRATETYPE])
		printf("%s", enum_text(smm_migratetype_kname,
				       get_u32(tb, SHADOW_MM_A_EVENT_MIGRATETYPE),
				       mt, sizeof(mt)));
	if (tb[SHADOW_MM_A_EVENT_OWNER])
		printf(" owner %s", nla_get_string(tb[SHADOW_MM_A_EVENT_OWNER]));
	printf(" cpu %u\n", get_u32(tb, SHADOW_MM_A_EVENT_CPU));
}

/*
 * A DMA event, decoded strictly from @msg's attributes and printed.
 * Return: false when it is malformed (and skipped, the reason told).
 */
static bool dma_event(struct nl_msg *msg, bool json)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct smm_dma_event_info ev;
	char bad[DMA_BAD_LEN];
	struct smm_out o;

	if (dma_decode_event(genlmsg_attrdata(gh, 0), genlmsg_attrlen(gh, 0),
			     &ev, bad)) {
		fprintf(stderr, "smm: monitor: skipping a malformed event: %s\n",
			bad);
		return false;
	}
	out_init(&o, stdout, json, false);
	dma_print_event(&o, &ev);
	/* A write error shows in output_ok() after. */
	out_finish(&o);
	return true;
}

/*
 * A dma-buf event, decoded strictly from @msg's attributes and printed.
 * Return: false when it is malformed (and skipped, the reason told).
 */
static bool dmabuf_event(struct nl_msg *msg, bool json)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct smm_dmabuf_event_info ev;
	char bad[DMABUF_BAD_LEN];
	struct smm_out o;

	if (dmabuf_decode_event(genlmsg_attrdata(gh, 0),
				genlmsg_attrlen(gh, 0), &ev, bad)) {
		fprintf(stderr, "smm: monitor: skipping a malformed event: %s\n",
			bad);
		return false;
	}
	out_init(&o, stdout, json, false);
	dmabuf_print_event(&o, &ev);
	/* A write error shows in output_ok() after. */
	out_finish(&o);
	return true;
}

/* Flushes what was printed; false (and the reason told) when that fails. */
static bool output_ok(struct monitor *m)
{
	if (!fflush(stdout) && !ferror(stdout))
		return true;
	fprintf(stderr, "smm: monitor: writing the output: %s\n",
		strerror(errno ? errno : EIO));
	m->failed = true;
	return false;
}

/* Events are not answers to requests: no sequence number to match. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Each message from the group: an event, or something to skip. */
static int on_event(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[SHADOW_MM_A_EVENT_MAX + 1];
	struct monitor *m = arg;
	__u64 dropped;
	__u32 type;
	bool json;

	if (gh->cmd != SHADOW_MM_CMD_EVENT)
		return NL_SKIP;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, SHADOW_MM_A_EVENT_MAX,
			  event_policy) < 0 || !tb[SHADOW_MM_A_EVENT_TYPE]) {
		fprintf(stderr, "smm: monitor: skipping a malformed event\n");
		return NL_SKIP;
	}

	dropped = get_u64(tb, SHADOW_MM_A_EVENT_DROPPED);
	json = m->cl->opts & SMM_OPT_JSON;
	if (!json && dropped)
		printf("(%llu event%s dropped)\n", (unsigned long long)dropped,
		       dropped == 1 ? "" : "s");
	type = get_u32(tb, SHADOW_MM_A_EVENT_TYPE);
	if (dma_event_is_dma(type)) {
		if (!dma_event(msg, json))
			return NL_SKIP;
	} else if (dmabuf_event_is_dmabuf(type)) {
		if (!dmabuf_event(msg, json))
			return NL_SKIP;
	} else if (json) {
		event_json(tb);
	} else {
		event_text(tb);
	}
	if (!output_ok(m))
		return NL_STOP;
	m->seen++;
	if (m->cl->monitor.count && m->seen >= m->cl->monitor.count)
		return NL_STOP;
	return NL_OK;
}

/*
 * Joins the monitor group on @nl's socket. Return: 0, or -1 with the
 * reason printed.
 */
static int join_group(struct smm_nl *nl)
{
	int size = MONITOR_RCVBUF;
	int fd, grp, ret;

	grp = genl_ctrl_resolve_grp(nl->sk, SHADOW_MM_FAMILY_NAME,
				    SHADOW_MM_MCGRP_MONITOR);
	if (grp == -NLE_OBJ_NOTFOUND) {
		fprintf(stderr, "smm: monitor: the loaded module has no %s group (too old?)\n",
			SHADOW_MM_MCGRP_MONITOR);
		return -1;
	}
	if (grp < 0) {
		fprintf(stderr, "smm: monitor: netlink: %s\n",
			nl_geterror(grp));
		return -1;
	}
	ret = nl_socket_add_membership(nl->sk, grp);
	if (ret < 0) {
		fprintf(stderr, "smm: monitor: joining group %s: %s\n",
			SHADOW_MM_MCGRP_MONITOR, nl_geterror(ret));
		return -1;
	}
	/* Past rmem_max when root may; a smaller buffer still works. */
	fd = nl_socket_get_fd(nl->sk);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	return 0;
}

/*
 * Reads events until a signal, the count, or an error. SIGINT and SIGTERM
 * are blocked but while waiting in ppoll(), so none is missed between
 * checking monitor_stop and waiting. Return: an exit status.
 */
static int monitor_loop(struct smm_nl *nl, struct monitor *m)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, wait_mask;
	struct pollfd pfd = { .fd = nl_socket_get_fd(nl->sk), .events = POLLIN };
	struct nl_cb *cb;
	int ret = SMM_EXIT_ERROR;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		fprintf(stderr, "smm: monitor: out of memory\n");
		return SMM_EXIT_ERROR;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, m);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	while (!monitor_stop) {
		int err;

		if (ppoll(&pfd, 1, NULL, &wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "smm: monitor: poll: %s\n",
				strerror(errno));
			goto out;
		}
		err = nl_recvmsgs(nl->sk, cb);
		if (m->failed)
			goto out;
		if (m->cl->monitor.count && m->seen >= m->cl->monitor.count)
			break;
		/* ENOBUFS: the socket overran, the kernel dropped events. */
		if (err == -NLE_NOMEM) {
			if (m->cl->opts & SMM_OPT_JSON)
				continue;
			printf("(socket buffer overrun: events lost)\n");
			if (!output_ok(m))
				goto out;
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "smm: monitor: netlink: %s\n",
				nl_geterror(err));
			goto out;
		}
	}
	ret = SMM_EXIT_OK;
out:
	nl_cb_put(cb);
	return ret;
}

/**
 * monitor_run() - `smm monitor [count N]`: print allocator events
 * @cl: the command line (-j; count)
 *
 * Text: a line per event, and "(N events dropped)" before one that
 * follows events the module's rate limit dropped. JSON (-j): one object
 * per line, {"seq", "dropped", "type", "pfn", "order", "node", "zone",
 * ["old_migratetype",] "migratetype", "owner", "cpu"}; for a DMA event
 * {"seq", "dropped", "type", "id", "dma_addr", "size", "dir", "kind",
 * "check", "bounced", "cpu"} (see dma_print_event()); for a dma-buf event
 * {"seq", "dropped", "type", "id", "size", "device", "cpu"} (see
 * dmabuf_print_event()).
 *
 * Return: SMM_EXIT_OK when interrupted or after N events; SMM_EXIT_ERROR
 * when the group cannot be joined or reading fails.
 */
int monitor_run(const struct smm_cmdline *cl)
{
	struct monitor m = { .cl = cl };
	struct smm_nl nl;
	int ret = SMM_EXIT_ERROR;

	if (smm_nl_open(&nl)) {
		smm_nl_perror(&nl, "monitor");
		goto out;
	}
	if (join_group(&nl))
		goto out;
	ret = monitor_loop(&nl, &m);
out:
	smm_nl_close(&nl);
	return ret;
}
