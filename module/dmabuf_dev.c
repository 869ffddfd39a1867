// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/shadow_mm: the misc device whose SHADOW_MM_IOCTL_ALLOC hands out
 * dma-bufs of shadow memory, the way a DMA heap's DMA_HEAP_IOCTL_ALLOC
 * does (include/uapi/linux/shadow_mm_dev.h).
 *
 * The ioctl's struct is versioned by its size, which the command number
 * carries: the command is matched on its type, number and direction, and
 * its size is the caller's struct. Errors are not logged: any user who
 * may open the device could fill the log with them.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-buf.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/shadow_mm_dev.h>

#include "shadow_mm.h"
#include "smm_dmabuf.h"

/*
 * The request in the exporter's terms, after the checks the struct's
 * fields need. Return: 0, or -EINVAL.
 */
static int smm_dmabuf_dev_req(const struct shadow_mm_alloc_data *data,
			      struct smm_dmabuf_req *req)
{
	if (!data->len)
		return -EINVAL;
	if (data->fd_flags & ~SMM_DMABUF_FD_FLAGS)
		return -EINVAL;
	if (data->heap_flags & ~SHADOW_MM_HEAP_FLAGS_VALID)
		return -EINVAL;
	if (data->flags & ~SHADOW_MM_ALLOC_FLAGS_VALID)
		return -EINVAL;
	if (!memchr(data->owner, '\0', sizeof(data->owner)))
		return -EINVAL;
	if (data->zone > SHADOW_MM_ZONE_TYPE_MOVABLE)
		return -EINVAL;
	/* Without the flag the field is not a node: it must stay 0. */
	if (!(data->flags & SHADOW_MM_ALLOC_NODE) && data->node)
		return -EINVAL;
	if (data->node >= SMM_MAX_NODES)
		return -EINVAL;

	req->len = data->len;
	req->fd_flags = data->fd_flags;
	req->contiguous = data->flags & SHADOW_MM_ALLOC_CONTIGUOUS;
	req->zone = data->zone ? data->zone - 1 : SMM_ZONE_NORMAL;
	req->nid = data->flags & SHADOW_MM_ALLOC_NODE ? data->node :
							 SMM_NUMA_NO_NODE;
	req->owner = data->owner;
	return 0;
}

/*
 * SHADOW_MM_IOCTL_ALLOC with a struct of @usize bytes at @uarg. The fd is
 * reserved first and installed last, once the reply reached the caller:
 * a failure on the way leaves no fd, no buffer, no page.
 */
static long smm_dmabuf_dev_alloc(void __user *uarg, size_t usize)
{
	struct shadow_mm_alloc_data data;
	struct smm_dmabuf_req req;
	struct dma_buf *dmabuf;
	u32 id;
	int fd, ret;

	if (usize < SHADOW_MM_ALLOC_SIZE_VER0)
		return -EINVAL;
	/* Older: zero-filled; newer: E2BIG unless the tail is zero. */
	ret = copy_struct_from_user(&data, sizeof(data), uarg, usize);
	if (ret)
		return ret;
	ret = smm_dmabuf_dev_req(&data, &req);
	if (ret) {
		pr_debug("SHADOW_MM_IOCTL_ALLOC: bad request (%d)\n", ret);
		return ret;
	}

	fd = get_unused_fd_flags(data.fd_flags);
	if (fd < 0)
		return fd;
	dmabuf = smm_dmabuf_alloc(&req, &id, NULL);
	if (IS_ERR(dmabuf)) {
		ret = PTR_ERR(dmabuf);
		pr_debug("SHADOW_MM_IOCTL_ALLOC: %llu bytes refused (%d)\n",
			 data.len, ret);
		goto err_fd;
	}
	data.fd = fd;
	data.id = id;
	if (copy_to_user(uarg, &data, min(usize, sizeof(data)))) {
		ret = -EFAULT;
		goto err_buf;
	}
	/* The fd takes over the reference the allocation gave us. */
	fd_install(fd, dmabuf->file);
	return 0;

err_buf:
	dma_buf_put(dmabuf);
err_fd:
	put_unused_fd(fd);
	return ret;
}

static long smm_dmabuf_dev_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	/* Any size: the struct's version. */
	if (_IOC_TYPE(cmd) != _IOC_TYPE(SHADOW_MM_IOCTL_ALLOC) ||
	    _IOC_NR(cmd) != _IOC_NR(SHADOW_MM_IOCTL_ALLOC) ||
	    _IOC_DIR(cmd) != _IOC_DIR(SHADOW_MM_IOCTL_ALLOC))
		return -ENOTTY;
	return smm_dmabuf_dev_alloc((void __user *)arg, _IOC_SIZE(cmd));
}

static const struct file_operations smm_dmabuf_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = smm_dmabuf_dev_ioctl,
	/* The struct has one layout on 32 and 64 bits. */
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice smm_dmabuf_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = SHADOW_MM_DEV_NAME,
	.fops = &smm_dmabuf_dev_fops,
	.mode = 0600,
};

/**
 * smm_dmabuf_dev_init() - create /dev/shadow_mm, after smm_dmabuf_init()
 *
 * Return: 0, or misc_register()'s error.
 */
int smm_dmabuf_dev_init(void)
{
	return misc_register(&smm_dmabuf_miscdev);
}

/**
 * smm_dmabuf_dev_exit() - remove /dev/shadow_mm; an open file holds a
 * reference on the module, so no ioctl can be running
 */
void smm_dmabuf_dev_exit(void)
{
	misc_deregister(&smm_dmabuf_miscdev);
}
