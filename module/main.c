// SPDX-License-Identifier: GPL-2.0
/*
 * shadow_mm: a memory-management lab that loads into a running kernel.
 *
 * Load and unload, module-wide state and parameters. The memory manager
 * itself lives in core/; this file wires the kernel-facing parts up:
 * carving (carve.c) first, then the shadow address spaces (nl_as.c),
 * which take their pages from it, the shadow DMA layer (dma.c), the
 * owner of its buffers (nl_dma.c) and the edu PCI driver (edu.c), which
 * may bind its device right away, and the netlink family (netlink.c)
 * last.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <net/genetlink.h>

#include "pt_glue.h"
#include "shadow_mm.h"
#include "smm_dma.h"

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
	ret = smm_edu_init();
	if (ret) {
		pr_err("cannot register the edu PCI driver: %d\n", ret);
		goto err_dma;
	}
	ret = smm_netlink_init();
	if (ret) {
		pr_err("cannot register genetlink family %s: %d\n",
		       SHADOW_MM_FAMILY_NAME, ret);
		goto err_edu;
	}
	pr_info("version %s loaded\n", SMM_VERSION);
	return 0;

err_edu:
	smm_edu_exit();
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
	/* DMA buffers held now are reported, then released... */
	smm_nl_dma_exit();
	/* ...before the device goes, and the layer after it. */
	smm_edu_exit();
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
