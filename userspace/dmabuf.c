// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf.c - `smm dmabuf`: dma-bufs of shadow memory, made through
 * /dev/shadow_mm's allocation ioctl, listed and shown over netlink
 * (dmabuf-get), and imported into the DMA device or an address space
 * (dmabuf-import)
 *
 * The replies are decoded by dmabuf_info.c and printed by dmabuf_print.c,
 * neither of which knows netlink.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <linux/dma-buf.h>
#include <linux/shadow_mm.h>
#include <linux/shadow_mm_dev.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "commands.h"
#include "dmabuf_info.h"
#include "dmabuf_print.h"
#include "names.h"
#include "nl.h"
#include "print.h"

#define SMM_DEV_PATH	"/dev/" SHADOW_MM_DEV_NAME

static void out_start(struct smm_out *o, const struct smm_cmdline *cl)
{
	out_init(o, stdout, cl->opts & SMM_OPT_JSON,
		 cl->opts & SMM_OPT_PRETTY);
}

static void bad_reply(const char *what, const char *bad)
{
	fprintf(stderr, "smm: %s: malformed reply: %s\n", what, bad);
}

/**
 * smm_dev_open() - open /dev/shadow_mm for the allocation ioctl
 * @what: the command, for messages
 *
 * Return: the file descriptor (close-on-exec), or -1 with the reason
 * printed.
 */
int smm_dev_open(const char *what)
{
	int dev = open(SMM_DEV_PATH, O_RDWR | O_CLOEXEC);

	if (dev >= 0)
		return dev;
	fprintf(stderr, "smm: %s: %s: %s%s\n", what, SMM_DEV_PATH,
		strerror(errno),
		errno == ENOENT ? " (shadow_mm not loaded, or no devtmpfs on /dev)" :
		errno == EACCES || errno == EPERM ? " (needs root)" : "");
	return -1;
}

/*
 * Why the allocation ioctl may fail, in words: the ioctl has no extended
 * ACK, so the errno is all the module says.
 */
static const char *alloc_hint(int err)
{
	switch (err) {
	case ENOMEM:
		return " (not that much free shadow memory in the zone: smm buddyinfo)";
	case EINVAL:
		return " (a zone or node the shadow world lacks, or a size beyond the zone)";
	case E2BIG:
		return " (the loaded module is older than this smm)";
	case ENOTTY:
		return " (the loaded module has no allocation ioctl)";
	default:
		return "";
	}
}

/**
 * smm_dev_alloc() - make a dma-buf through /dev/shadow_mm
 * @dev: the open device
 * @req: the request; on success @req->fd and @req->id are the new
 *	buffer's
 * @what: the command, for messages
 *
 * Return: 0, or -1 with the reason printed.
 */
int smm_dev_alloc(int dev, struct shadow_mm_alloc_data *req,
		  const char *what)
{
	if (!ioctl(dev, SHADOW_MM_IOCTL_ALLOC, req))
		return 0;
	fprintf(stderr, "smm: %s: allocating %llu bytes: %s%s\n", what,
		(unsigned long long)req->len, strerror(errno),
		alloc_hint(errno));
	return -1;
}

/*
 * Fetches dma-buf @id on @nl and prints it. Return: 0, or -1 with the
 * reason printed.
 */
static int show_one(struct smm_nl *nl, const struct smm_cmdline *cl,
		    __u32 id, const char *what)
{
	struct nl_msg *req, *reply = NULL;
	struct smm_dmabuf_info b;
	char bad[DMABUF_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	int err, ret = -1;
	size_t len;

	req = smm_nl_request(nl, SHADOW_MM_CMD_DMABUF_GET);
	if (!req) {
		smm_nl_perror(nl, what);
		return -1;
	}
	err = nla_put_u32(req, SHADOW_MM_A_DMABUF_ID, id);
	if (smm_nl_call(nl, req, err, &smm_dmabuf_attr_set, &reply, what))
		return -1;
	attrs = smm_nl_attrs(reply, &len);
	if (dmabuf_decode(attrs, len, &b, bad)) {
		bad_reply(what, bad);
	} else {
		out_start(&o, cl);
		dmabuf_print_buf(&o, &b);
		if (!out_done(&o, what))
			ret = 0;
	}
	smm_dmabuf_info_release(&b);
	nlmsg_free(reply);
	return ret;
}

/* Ignores SIGINT and SIGQUIT, keeping what they did in @old. */
static void ignore_stop_signals(struct sigaction old[2])
{
	struct sigaction ignore = { .sa_handler = SIG_IGN };

	sigaction(SIGINT, &ignore, &old[0]);
	sigaction(SIGQUIT, &ignore, &old[1]);
}

static void restore_stop_signals(const struct sigaction old[2])
{
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGQUIT, &old[1], NULL);
}

/*
 * Runs @argv with dma-buf @fd (given to it, close-on-exec cleared) and
 * @id in its environment, and waits for it. Like a shell, smm ignores
 * Ctrl-C meanwhile: the signal is CMD's to handle. @fd is closed here.
 * Return: CMD's exit status, 128 + the signal that killed it, or
 * SMM_EXIT_ERROR when it could not be started (reason printed).
 */
static int run_with_buffer(char **argv, int fd, __u32 id)
{
	struct sigaction old[2];
	char fd_text[16], id_text[16];
	int status, flags;
	pid_t pid;

	snprintf(fd_text, sizeof(fd_text), "%d", fd);
	snprintf(id_text, sizeof(id_text), "%u", id);
	flags = fcntl(fd, F_GETFD);
	if (flags < 0 || fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) ||
	    setenv("SMM_DMABUF_FD", fd_text, 1) ||
	    setenv("SMM_DMABUF_ID", id_text, 1)) {
		fprintf(stderr, "smm: dmabuf alloc: passing the buffer on: %s\n",
			strerror(errno));
		close(fd);
		return SMM_EXIT_ERROR;
	}
	ignore_stop_signals(old);
	pid = fork();
	if (!pid) {
		restore_stop_signals(old);
		execvp(argv[0], argv);
		fprintf(stderr, "smm: dmabuf alloc: %s: %s\n", argv[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	/* CMD holds the buffer now: it lives as long as CMD keeps it. */
	close(fd);
	if (pid < 0) {
		fprintf(stderr, "smm: dmabuf alloc: fork: %s\n",
			strerror(errno));
		restore_stop_signals(old);
		return SMM_EXIT_ERROR;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno == EINTR)
			continue;
		fprintf(stderr, "smm: dmabuf alloc: waiting for %s: %s\n",
			argv[0], strerror(errno));
		status = SMM_EXIT_ERROR << 8;
		break;
	}
	restore_stop_signals(old);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/**
 * dmabuf_alloc() - `smm dmabuf alloc SIZE [zone Z] [node N] [contiguous]
 *	[owner TAG] [name NAME] [ro] [-- CMD ARGS...]`
 * @cl: the command line
 *
 * The allocation ioctl on /dev/shadow_mm, DMA_BUF_SET_NAME, then the new
 * buffer as `dmabuf show` prints it. Without CMD the file descriptor
 * closes as smm exits, which frees the buffer unless an importer holds
 * it; with CMD it is CMD's (see run_with_buffer()).
 *
 * Return: SMM_EXIT_OK or CMD's status, or SMM_EXIT_ERROR with the reason
 * printed.
 */
int dmabuf_alloc(const struct smm_cmdline *cl)
{
	struct shadow_mm_alloc_data req = {
		.len = cl->dmabuf.size,
		.fd_flags = (cl->dmabuf.ro ? O_RDONLY : O_RDWR) | O_CLOEXEC,
		.zone = cl->dmabuf.zone,
		.node = cl->dmabuf.node,
	};
	const char *what = "dmabuf alloc";
	int dev, fd = -1, ret = SMM_EXIT_ERROR;
	struct smm_nl nl = { 0 };

	if (cl->dmabuf.contiguous)
		req.flags |= SHADOW_MM_ALLOC_CONTIGUOUS;
	if (cl->dmabuf.has_node)
		req.flags |= SHADOW_MM_ALLOC_NODE;
	if (cl->dmabuf.owner)
		snprintf(req.owner, sizeof(req.owner), "%s", cl->dmabuf.owner);

	dev = smm_dev_open(what);
	if (dev < 0)
		return SMM_EXIT_ERROR;
	if (smm_dev_alloc(dev, &req, what)) {
		close(dev);
		return SMM_EXIT_ERROR;
	}
	close(dev);
	fd = req.fd;

	if (cl->dmabuf.name && ioctl(fd, DMA_BUF_SET_NAME, cl->dmabuf.name)) {
		fprintf(stderr, "smm: %s: naming dmabuf %u: %s\n", what, req.id,
			strerror(errno));
		goto out;
	}
	if (smm_nl_open(&nl)) {
		smm_nl_perror(&nl, what);
		goto out;
	}
	if (show_one(&nl, cl, req.id, what))
		goto out;
	smm_nl_close(&nl);
	if (!cl->dmabuf.cmd) {
		ret = SMM_EXIT_OK;
		goto out;
	}
	ret = run_with_buffer(cl->dmabuf.cmd, fd, req.id);
	fd = -1;
out:
	smm_nl_close(&nl);
	if (fd >= 0)
		close(fd);
	return ret;
}

/* The buffers of a dump, gathered to be printed as one table. */
struct list_ctx {
	struct smm_dmabuf_info *bufs;
	size_t n;
};

static int list_one(struct nl_msg *msg, void *arg)
{
	struct smm_dmabuf_info part, *b;
	struct list_ctx *ctx = arg;
	char bad[DMABUF_BAD_LEN];
	const void *attrs;
	size_t len;

	attrs = smm_nl_attrs(msg, &len);
	if (dmabuf_decode(attrs, len, &part, bad)) {
		smm_dmabuf_info_release(&part);
		bad_reply("dmabuf list", bad);
		return -EBADMSG;
	}
	b = realloc(ctx->bufs, (ctx->n + 1) * sizeof(*b));
	if (!b) {
		smm_dmabuf_info_release(&part);
		fprintf(stderr, "smm: dmabuf list: out of memory\n");
		return -ENOMEM;
	}
	ctx->bufs = b;
	b[ctx->n++] = part;
	return 0;
}

/**
 * dmabuf_list() - `smm dmabuf list`: every dma-buf, a row each
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dmabuf_list(const struct smm_cmdline *cl)
{
	struct list_ctx ctx = { NULL, 0 };
	const char *what = "dmabuf list";
	int ret = SMM_EXIT_ERROR;
	struct smm_out o;
	struct smm_nl nl;
	size_t i;

	if (smm_nl_open(&nl))
		goto fail;
	if (smm_nl_dump_cmd(&nl, SHADOW_MM_CMD_DMABUF_GET,
			    &smm_dmabuf_attr_set, list_one, &ctx))
		goto fail;
	out_start(&o, cl);
	dmabuf_print_list(&o, ctx.bufs, ctx.n);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
	goto out;

fail:
	smm_nl_perror(&nl, what);
out:
	for (i = 0; i < ctx.n; i++)
		smm_dmabuf_info_release(&ctx.bufs[i]);
	free(ctx.bufs);
	smm_nl_close(&nl);
	return ret;
}

/**
 * dmabuf_show() - `smm dmabuf show ID`: one dma-buf and its attachments
 * @cl: the command line
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dmabuf_show(const struct smm_cmdline *cl)
{
	const char *what = "dmabuf show";
	int ret = SMM_EXIT_ERROR;
	struct smm_nl nl;

	if (smm_nl_open(&nl))
		smm_nl_perror(&nl, what);
	else if (!show_one(&nl, cl, cl->dmabuf.id, what))
		ret = SMM_EXIT_OK;
	smm_nl_close(&nl);
	return ret;
}

/**
 * dmabuf_import() - `smm dmabuf import FD { edu | as AS va VA }`
 * @cl: the command line
 *
 * FD is one of smm's own descriptors (the module looks it up in the
 * calling process): a shell passes it on, as `dmabuf alloc ... -- CMD`
 * does. Prints the DMA buffer the edu import made, or where the buffer
 * was mapped.
 *
 * Return: SMM_EXIT_OK, or SMM_EXIT_ERROR with the reason printed.
 */
int dmabuf_import(const struct smm_cmdline *cl)
{
	const struct smm_dmabuf_import_req ir = {
		.fd = cl->dmabuf.fd,
		.target = cl->dmabuf.target,
		.as = cl->dmabuf.as,
		.va = cl->dmabuf.va,
	};
	bool as = ir.target == SHADOW_MM_DMABUF_TARGET_AS;
	const char *what = "dmabuf import";
	struct nl_msg *req, *reply = NULL;
	struct smm_dmabuf_import_info r;
	int ret = SMM_EXIT_ERROR;
	char bad[DMABUF_BAD_LEN];
	const void *attrs;
	struct smm_out o;
	struct smm_nl nl;
	size_t len;
	int err;

	req = smm_nl_start(&nl, SHADOW_MM_CMD_DMABUF_IMPORT, what);
	if (!req)
		goto out;
	err = nla_put_u32(req, SHADOW_MM_A_DMABUF_FD, ir.fd) ||
	      nla_put_u32(req, SHADOW_MM_A_DMABUF_TARGET, ir.target) ||
	      (as && (nla_put_u32(req, SHADOW_MM_A_DMABUF_AS, ir.as) ||
		      nla_put_u64(req, SHADOW_MM_A_DMABUF_VA, ir.va)));
	if (smm_nl_call(&nl, req, err, &smm_dmabuf_attr_set, &reply, what))
		goto out;
	attrs = smm_nl_attrs(reply, &len);
	if (dmabuf_decode_import(attrs, len, &r, bad)) {
		bad_reply(what, bad);
		goto out;
	}
	if (!as && !r.has[SHADOW_MM_A_DMABUF_DMA_ID]) {
		bad_reply(what, "dmabuf: no dma-id");
		goto out;
	}
	out_start(&o, cl);
	dmabuf_print_import(&o, &ir, &r);
	if (!out_done(&o, what))
		ret = SMM_EXIT_OK;
out:
	nlmsg_free(reply);
	smm_nl_close(&nl);
	return ret;
}
