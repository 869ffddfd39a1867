// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI driver of qemu's edu device (1234:11e8): a real bus master with
 * a 4 KiB buffer of its own and a DMA engine that moves data between that
 * buffer and RAM, signalling completion by interrupt.
 *
 * The driver binds the device, checks that it answers like an edu, sets
 * up its interrupt (MSI when it can, the INTx pin otherwise) and registers
 * it with the shadow DMA layer (dma.c), which then calls edu_xfer() with
 * smm_dma_mutex held for each command. Nothing else lives here.
 *
 * qemu 7.2 stops the whole VM (hw_error) on a command whose device-side
 * range leaves the buffer, or merely ends at its last byte, or whose count
 * is 0, so edu_xfer() checks them before it rings the doorbell.
 */

#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "compat.h"
#include "shadow_mm.h"
#include "smm_dma.h"

#define EDU_DRV_NAME		"shadow_mm_edu"

#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8

/* Registers in BAR0. */
#define EDU_REG_ID		0x00	/* 0xRRrr00ed: version RR.rr */
#define EDU_REG_LIVENESS	0x04	/* reads back the bitwise NOT */
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_ACK		0x64
#define EDU_REG_DMA_SRC		0x80
#define EDU_REG_DMA_DST		0x88
#define EDU_REG_DMA_COUNT	0x90
#define EDU_REG_DMA_CMD		0x98

#define EDU_ID_MAGIC		0xed
#define EDU_LIVENESS_PROBE	0x5a17c0de

#define EDU_DMA_CMD_RUN		BIT(0)	/* start; reads 1 while running */
#define EDU_DMA_CMD_TO_RAM	BIT(1)	/* direction: device buffer -> RAM */
#define EDU_DMA_CMD_IRQ		BIT(2)	/* raise EDU_IRQ_DMA_DONE when done */

#define EDU_IRQ_DMA_DONE	0x100

/*
 * The device's buffer, as the DMA engine addresses it: 4096 bytes, of
 * which a command reaches only the first 4095. qemu 7.2 wants a command's
 * end (device address + count) strictly below the buffer's end, and stops
 * the VM for one that ends exactly there.
 */
#define EDU_WINDOW		0x40000
#define EDU_WINDOW_SIZE		SHADOW_MM_EDU_WINDOW
#define EDU_XFER_LIMIT		(EDU_WINDOW_SIZE - 1)

/* A command takes 100 ms of guest time; TCG may stretch that a lot. */
#define EDU_XFER_TIMEOUT	(10 * HZ)

static bool smm_edu_msi = true;
module_param_named(edu_msi, smm_edu_msi, bool, 0444);
MODULE_PARM_DESC(edu_msi,
		 "use MSI when the device offers it; 0 forces the legacy INTx pin");

/**
 * struct smm_edu - one bound edu device
 * @pdev: the PCI device
 * @regs: BAR0, mapped
 * @sdev: its registration with the shadow DMA layer; the interrupt
 *	handler reads it with READ_ONCE() (NULL before registration and
 *	from the start of remove)
 * @done: completed by the interrupt handler when a DMA command finishes
 * @irq: Linux interrupt number
 * @msi: @irq is an MSI vector (else the shared INTx pin)
 * @timeout_logged: a timed-out command was already logged since bind
 * @dead: a command timed out with the engine still running: bus
 *	mastering is off, so that its late DMA cannot land in memory freed
 *	meanwhile, and every later command fails until the device is bound
 *	again (smm_dma_mutex)
 */
struct smm_edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct smm_dma_dev *sdev;
	struct completion done;
	int irq;
	bool msi;
	bool timeout_logged;
	bool dead;
};

/*
 * The DMA registers are 64 bits wide. qemu's edu takes a 4-byte write at
 * a register's base offset as the whole (zero-extended) value, which is
 * what a 32-bit kernel, without writeq(), does; never write base + 4.
 */
static void edu_write_dma_reg(struct smm_edu *edu, unsigned int reg, u64 val)
{
#ifdef CONFIG_64BIT
	writeq(val, edu->regs + reg);
#else
	writel(lower_32_bits(val), edu->regs + reg);
#endif
}

static irqreturn_t edu_irq_handler(int irq, void *data)
{
	struct smm_edu *edu = data;
	struct smm_dma_dev *sdev;
	u32 status;

	status = readl(edu->regs + EDU_REG_IRQ_STATUS);
	if (!status)
		return IRQ_NONE;	/* another device on a shared INTx */
	/* Acknowledging every bit lowers the INTx line. */
	writel(status, edu->regs + EDU_REG_IRQ_ACK);

	sdev = READ_ONCE(edu->sdev);
	if (sdev)
		WRITE_ONCE(sdev->id.irqs, sdev->id.irqs + 1);
	if (status & EDU_IRQ_DMA_DONE)
		complete(&edu->done);
	return IRQ_HANDLED;
}

/*
 * A command that did not signal completion in time. The engine cannot be
 * stopped: if it still runs, its DMA may land whenever it ends, in memory
 * the caller frees as soon as it sees the error. Clearing bus mastering
 * makes the device's memory accesses fail instead; the device is dead
 * from then on. If it finished and only the interrupt went missing, the
 * status is cleared and the device is idle again.
 */
static void edu_xfer_timed_out(struct smm_edu *edu)
{
	bool running;
	u32 status;

	running = readl(edu->regs + EDU_REG_DMA_CMD) & EDU_DMA_CMD_RUN;
	status = readl(edu->regs + EDU_REG_IRQ_STATUS);
	if (running) {
		pci_clear_master(edu->pdev);
		edu->dead = true;
		dev_err(&edu->pdev->dev,
			"DMA command not complete after %u ms and the engine still runs: bus mastering off, the device is dead until bound again\n",
			jiffies_to_msecs(EDU_XFER_TIMEOUT));
		return;
	}
	if (status)
		writel(status, edu->regs + EDU_REG_IRQ_ACK);
	if (edu->timeout_logged)
		return;
	edu->timeout_logged = true;
	dev_err(&edu->pdev->dev,
		"DMA command not complete after %u ms: engine idle, irq status %#x\n",
		jiffies_to_msecs(EDU_XFER_TIMEOUT), status);
}

/**
 * edu_xfer() - run one DMA command on the edu engine
 * @sdev: the registered device
 * @addr: device address of the RAM side
 * @dev_off: offset in the device's buffer
 * @len: bytes to move
 * @to_device: RAM -> device buffer (else device buffer -> RAM)
 *
 * Called with smm_dma_mutex held; sleeps until the completion interrupt.
 *
 * Return: 0; -EINVAL for a @len of 0, a range leaving the part of the
 * device's buffer a command reaches (EDU_XFER_LIMIT bytes) or a RAM range
 * the engine cannot address (nothing touched then); -EBUSY when the
 * engine still runs an earlier command; -ETIMEDOUT; -EIO when the engine
 * still reports itself busy after its completion interrupt, or when the
 * device is dead after a timeout.
 */
static int edu_xfer(struct smm_dma_dev *sdev, dma_addr_t addr, u32 dev_off,
		    u32 len, bool to_device)
{
	u64 reach = min_t(u64, dma_get_mask(sdev->dev),
			  DMA_BIT_MASK(sdev->hw_bits));
	struct smm_edu *edu = sdev->drvdata;
	u64 ram_last = (u64)addr + len - 1;
	u64 dev_addr = EDU_WINDOW + dev_off;
	u32 cmd = EDU_DMA_CMD_RUN | EDU_DMA_CMD_IRQ;

	lockdep_assert_held(&smm_dma_mutex);

	if (edu->dead) {
		dev_err_ratelimited(&edu->pdev->dev,
				    "DMA command refused: the device is dead since a command timed out (unbind and bind it)\n");
		return -EIO;
	}
	/* Checked before any register is touched: qemu dies on these. */
	if (!len || dev_off >= EDU_XFER_LIMIT || len > EDU_XFER_LIMIT - dev_off)
		return -EINVAL;
	/* 32 bits is all a 4-byte register write can carry. */
	if (!IS_ENABLED(CONFIG_64BIT) && ram_last > U32_MAX)
		return -EINVAL;
	/* The engine would truncate the address and hit other memory. */
	if (ram_last < addr || ram_last > reach)
		return -EINVAL;

	if (readl(edu->regs + EDU_REG_DMA_CMD) & EDU_DMA_CMD_RUN)
		return -EBUSY;

	reinit_completion(&edu->done);
	if (to_device) {
		edu_write_dma_reg(edu, EDU_REG_DMA_SRC, addr);
		edu_write_dma_reg(edu, EDU_REG_DMA_DST, dev_addr);
	} else {
		edu_write_dma_reg(edu, EDU_REG_DMA_SRC, dev_addr);
		edu_write_dma_reg(edu, EDU_REG_DMA_DST, addr);
		cmd |= EDU_DMA_CMD_TO_RAM;
	}
	edu_write_dma_reg(edu, EDU_REG_DMA_COUNT, len);
	/* writel() orders the CPU's writes to the buffer before the doorbell. */
	writel(cmd, edu->regs + EDU_REG_DMA_CMD);

	if (!wait_for_completion_timeout(&edu->done, EDU_XFER_TIMEOUT)) {
		edu_xfer_timed_out(edu);
		return -ETIMEDOUT;
	}
	if (readl(edu->regs + EDU_REG_DMA_CMD) & EDU_DMA_CMD_RUN) {
		dev_err(&edu->pdev->dev,
			"DMA engine still busy after its completion interrupt\n");
		return -EIO;
	}

	sdev->id.xfers++;
	sdev->id.xfer_bytes += len;
	return 0;
}

static const struct smm_dma_dev_ops edu_dma_ops = {
	.xfer = edu_xfer,
	.window = EDU_WINDOW,
	.window_size = EDU_XFER_LIMIT,
};

/* The device answers like an edu: its id, and a live liveness register. */
static int edu_identify(struct smm_edu *edu, u32 *id)
{
	struct device *dev = &edu->pdev->dev;
	u32 echo;

	*id = readl(edu->regs + EDU_REG_ID);
	if ((*id & 0xff) != EDU_ID_MAGIC) {
		dev_err(dev, "id register reads %#010x, not an edu (%#04x)\n",
			*id, EDU_ID_MAGIC);
		return -ENODEV;
	}
	writel(EDU_LIVENESS_PROBE, edu->regs + EDU_REG_LIVENESS);
	echo = readl(edu->regs + EDU_REG_LIVENESS);
	if (echo != (u32)~EDU_LIVENESS_PROBE) {
		dev_err(dev, "liveness register reads %#010x after %#010x, want %#010x\n",
			echo, EDU_LIVENESS_PROBE, (u32)~EDU_LIVENESS_PROBE);
		return -EIO;
	}
	return 0;
}

/* One vector: MSI unless edu_msi=0 or the platform refuses it, else INTx. */
static int edu_setup_irq(struct smm_edu *edu)
{
	struct pci_dev *pdev = edu->pdev;
	unsigned int types = PCI_IRQ_INTX;
	int ret;

	if (smm_edu_msi)
		types |= PCI_IRQ_MSI;
	ret = pci_alloc_irq_vectors(pdev, 1, 1, types);
	if (ret < 0) {
		dev_err(&pdev->dev, "no interrupt vector (%s): %d\n",
			smm_edu_msi ? "MSI or INTx" : "INTx", ret);
		return ret;
	}
	edu->msi = pdev->msi_enabled;
	edu->irq = pci_irq_vector(pdev, 0);
	ret = request_irq(edu->irq, edu_irq_handler,
			  edu->msi ? 0 : IRQF_SHARED, EDU_DRV_NAME, edu);
	if (ret) {
		dev_err(&pdev->dev, "cannot request irq %d: %d\n",
			edu->irq, ret);
		pci_free_irq_vectors(pdev);
	}
	return ret;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	unsigned int bits = smm_dma_zone_bits();
	struct smm_dma_dev_id dev_id = {};
	struct smm_dma_dev *sdev;
	struct smm_edu *edu;
	u32 id;
	int ret;

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	init_completion(&edu->done);

	ret = pci_enable_device(pdev);
	if (ret) {
		dev_err(&pdev->dev, "cannot enable the device: %d\n", ret);
		goto err_free;
	}
	ret = pci_request_region(pdev, 0, EDU_DRV_NAME);
	if (ret) {
		dev_err(&pdev->dev, "BAR0 is in use: %d\n", ret);
		goto err_disable;
	}
	edu->regs = pci_iomap(pdev, 0, 0);
	if (!edu->regs) {
		dev_err(&pdev->dev, "cannot map BAR0\n");
		ret = -ENOMEM;
		goto err_release;
	}
	ret = edu_identify(edu, &id);
	if (ret)
		goto err_unmap;

	pci_set_master(pdev);
	ret = edu_setup_irq(edu);
	if (ret)
		goto err_master;

	dev_id.vendor = pdev->vendor;
	dev_id.device = pdev->device;
	dev_id.revision = pdev->revision;
	dev_id.id_reg = id;
	dev_id.msi = edu->msi;
	dev_id.irq = edu->irq;
	/* dma_bits says what qemu's dma_mask property gives the device. */
	sdev = smm_dma_dev_register(&pdev->dev, &edu_dma_ops, bits, &dev_id,
				    edu);
	if (IS_ERR(sdev)) {
		ret = PTR_ERR(sdev);
		if (ret == -EBUSY)
			dev_err(&pdev->dev, "another DMA device is already registered\n");
		else
			dev_err(&pdev->dev, "cannot register with the shadow DMA layer: %d\n",
				ret);
		goto err_irq;
	}
	WRITE_ONCE(edu->sdev, sdev);
	pci_set_drvdata(pdev, edu);

	dev_info(&pdev->dev, "edu %u.%u at %pa, irq %d (%s), dma mask %u bits\n",
		 id >> 24, (id >> 16) & 0xff, &pci_resource_start(pdev, 0),
		 edu->irq, edu->msi ? "msi" : "intx", bits);
	return 0;

err_irq:
	free_irq(edu->irq, edu);
	pci_free_irq_vectors(pdev);
err_master:
	pci_clear_master(pdev);
err_unmap:
	pci_iounmap(pdev, edu->regs);
err_release:
	pci_release_region(pdev, 0);
err_disable:
	pci_disable_device(pdev);
err_free:
	kfree(edu);
	return ret;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct smm_edu *edu = pci_get_drvdata(pdev);
	struct smm_dma_dev *sdev = edu->sdev;

	/* The handler stops counting into sdev before the layer frees it. */
	WRITE_ONCE(edu->sdev, NULL);
	synchronize_irq(edu->irq);
	/* Waits for a running transfer, then releases every mapping. */
	smm_dma_dev_unregister(sdev);

	free_irq(edu->irq, edu);
	pci_free_irq_vectors(pdev);
	pci_clear_master(pdev);
	pci_iounmap(pdev, edu->regs);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
	kfree(edu);
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR_ID, EDU_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = EDU_DRV_NAME,
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};

/**
 * smm_edu_init() - register the edu PCI driver
 *
 * Binds any edu present; loading succeeds without one (DMA requests then
 * find no device).
 *
 * Return: 0, or the error of pci_register_driver().
 */
int smm_edu_init(void)
{
	return pci_register_driver(&edu_driver);
}

/**
 * smm_edu_exit() - unregister the edu PCI driver, unbinding its device
 */
void smm_edu_exit(void)
{
	pci_unregister_driver(&edu_driver);
}
