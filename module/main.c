// SPDX-License-Identifier: GPL-2.0
/*
 * shadow_mm: a memory-management lab that loads into a running kernel.
 *
 * Load and unload, module-wide state and parameters. The memory manager
 * itself lives in core/; this file wires the kernel-facing parts up:
 * carving (carve.c) first, then the shadow address spaces (nl_as.c),
 * which take their pages from it, the shadow DMA layer (dma.c), the
 * owner of its buffers (nl_dma.c), the dma-buf exporter's registry
 * (dmabuf.c), the edu PCI driver (edu.c), which may bind its device
 * right away, /dev/shadow_mm (dmabuf_dev.c), from which dma-bufs come,
 * and the netlink family (netlink.c) last.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/shadow_mm_dev.h>
#include <net/genetlink.h>

#include "pt_glue.h"
#include "shadow_mm.h"
#include "smm_dma.h"
#include "smm_dmabuf.h"

unsigned int smm_debug;
SMM_PARAM_UINT_RANGE(debug, smm_debug, 0, SHADOW_MM_DEBUG_MAX, 0644,
		     "Log level 0..2: 0 errors, 1 admin requests, 2 every request");

static int __init smm_init(void)
{
	int ret;

	ret = smm_carve_init();
	if (ret)
		return ret;
	ret = smm_as_init();
	if (ret) {
		pr_err("cannot register the owner tags of address spaces: %d\n",
		       ret);
		goto err_carve;
	}
	ret = smm_dma_init();
	if (ret) {
		pr_err("cannot register the owner tags of DMA buffers: %d\n",
		       ret);
		goto err_as;
	}
	smm_nl_dma_init();
	ret = smm_dmabuf_init();
	if (ret) {
		pr_err("cannot set up the dma-buf exporter: %d\n", ret);
		goto err_dma;
	}
	ret = smm_edu_init();
	if (ret) {
		pr_err("cannot register the edu PCI driver: %d\n", ret);
		goto err_dmabuf;
	}
	ret = smm_dmabuf_dev_init();
	if (ret) {
		pr_err("cannot register /dev/%s: %d\n", SHADOW_MM_DEV_NAME, ret);
		goto err_edu;
	}
	ret = smm_netlink_init();
	if (ret) {
		pr_err("cannot register genetlink family %s: %d\n",
		       SHADOW_MM_FAMILY_NAME, ret);
		goto err_dmabuf_dev;
	}
	pr_info("version %s loaded\n", SMM_VERSION);
	return 0;

err_dmabuf_dev:
	smm_dmabuf_dev_exit();
err_edu:
	smm_edu_exit();
err_dmabuf:
	smm_dmabuf_exit();
err_dma:
	smm_nl_dma_exit();
	smm_dma_exit();
err_as:
	smm_as_exit();
err_carve:
	smm_carve_exit();
	return ret;
}

static void __exit smm_exit(void)
{
	/* First, so no request races with the teardown below it. */
	smm_netlink_exit();
	/* No new dma-buf after this. */
	smm_dmabuf_dev_exit();
	/*
	 * DMA buffers held now are reported, then released, before the
	 * device goes, and the layer after it. None of them is a shadow_mm
	 * dma-buf's import, nor is any address space's: every live dma-buf
	 * of ours holds a reference on this module (its exp_info.owner), so
	 * unloading waits until the last one is released and the exporter
	 * has no buffer left here. Another exporter's imports are detached.
	 */
	smm_nl_dma_exit();
	smm_edu_exit();
	smm_dmabuf_exit();
	smm_dma_exit();
	/* Their pages go back before the shadow memory does. */
	smm_as_exit();
	smm_carve_exit();
	pr_info("unloaded\n");
}

module_init(smm_init);
module_exit(smm_exit);

MODULE_DESCRIPTION("shadowmm: a Linux memory-management lab");
MODULE_AUTHOR("shadowmm developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(SMM_VERSION);
MODULE_ALIAS_GENL_FAMILY(SHADOW_MM_FAMILY_NAME);
