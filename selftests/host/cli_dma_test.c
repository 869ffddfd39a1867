// SPDX-License-Identifier: GPL-2.0
/*
 * `smm dma` and the monitor's DMA events without a socket: replies built
 * by hand as netlink attributes, decoded by dma_info.c (checked field by
 * field, refused when malformed, fuzzed with the seed printed) and
 * rendered by dma_print.c: the device in each IOMMU case, a buffer and
 * its segments, the buffer table (compared character for character),
 * transfers, the DMA-debug counts and findings, events; JSON checked to
 * parse, with its key members; and a name for every attribute and enum
 * value of the DMA part of the UAPI.
 *
 * Needs SMM_PRINT_SRCS and SMM_RENDER_SRCS of userspace/sources.mk and no
 * library; selftests/host/Makefile builds it under ASan and UBSan.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/netlink.h>
#include <linux/shadow_mm.h>

#include "kselftest_harness.h"

#include "cli_helpers.h"
#include "dma_info.h"
#include "dma_print.h"
#include "names.h"
#include "print.h"

/* ---- building replies ----------------------------------------------- */

/*
 * qemu's edu on x86_64 without an IOMMU: a 28-bit mask, a bounce pool of
 * 1 MiB in ZONE_DMA32's shadow memory, two mappings, a few transfers.
 */
static void dev_msg(struct msg *m)
{
	msg_init(m);
	put_str(m, SHADOW_MM_A_DMA_DEV_NAME, "0000:00:03.0");
	put_u32(m, SHADOW_MM_A_DMA_DEV_VENDOR, 0x1234);
	put_u32(m, SHADOW_MM_A_DMA_DEV_DEVICE, 0x11e8);
	put_u32(m, SHADOW_MM_A_DMA_DEV_REVISION, 0x10);
	put_u32(m, SHADOW_MM_A_DMA_DEV_ID_REG, 0x010000ed);
	put_u32(m, SHADOW_MM_A_DMA_DEV_IRQ_MODE, SHADOW_MM_DMA_IRQ_MSI);
	put_u32(m, SHADOW_MM_A_DMA_DEV_IRQ, 24);
	put_u64(m, SHADOW_MM_A_DMA_DEV_IRQS, 12);
	put_u32(m, SHADOW_MM_A_DMA_DEV_MASK_BITS, 28);
	put_u64(m, SHADOW_MM_A_DMA_DEV_MASK, 0x0fffffff);
	put_u64(m, SHADOW_MM_A_DMA_DEV_COHERENT_MASK, 0x0fffffff);
	put_u32(m, SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN,
		SHADOW_MM_IOMMU_DOMAIN_NONE);
	put_flag(m, SHADOW_MM_A_DMA_DEV_COHERENT);
	put_u32(m, SHADOW_MM_A_DMA_DEV_REACHABLE_ZONE,
		SHADOW_MM_ZONE_TYPE_DMA32);
	put_u64(m, SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE, 1 << 20);
	put_u32(m, SHADOW_MM_A_DMA_DEV_BOUNCE_SLOT, 2048);
	put_u64(m, SHADOW_MM_A_DMA_DEV_BOUNCE_PA, 0x0e000000);
	put_u32(m, SHADOW_MM_A_DMA_DEV_BOUNCE_USED, 3);
	put_u64(m, SHADOW_MM_A_DMA_DEV_BOUNCED, 5);
	put_u64(m, SHADOW_MM_A_DMA_DEV_BOUNCE_BYTES, 20480);
	put_u32(m, SHADOW_MM_A_DMA_DEV_MAPPINGS, 2);
	put_u64(m, SHADOW_MM_A_DMA_DEV_XFERS, 14);
	put_u64(m, SHADOW_MM_A_DMA_DEV_XFER_BYTES, 57344);
	put_u64(m, SHADOW_MM_A_DMA_DEV_WINDOW, 0x40000);
	put_u32(m, SHADOW_MM_A_DMA_DEV_WINDOW_SIZE, 4096);
}

/* The same device behind a translating IOMMU: no pool, IOVAs. */
static void dev_iommu_msg(struct msg *m, __u32 domain)
{
	msg_init(m);
	put_str(m, SHADOW_MM_A_DMA_DEV_NAME, "0000:00:04.0");
	put_u32(m, SHADOW_MM_A_DMA_DEV_IRQ_MODE, SHADOW_MM_DMA_IRQ_INTX);
	put_u32(m, SHADOW_MM_A_DMA_DEV_IRQ, 11);
	put_u32(m, SHADOW_MM_A_DMA_DEV_MASK_BITS, 28);
	put_u64(m, SHADOW_MM_A_DMA_DEV_MASK, 0x0fffffff);
	put_u32(m, SHADOW_MM_A_DMA_DEV_IOMMU_DOMAIN, domain);
	put_u32(m, SHADOW_MM_A_DMA_DEV_IOMMU_GROUP, 3);
	put_u64(m, SHADOW_MM_A_DMA_DEV_BOUNCE_SIZE, 0);
	put_u32(m, SHADOW_MM_A_DMA_DEV_MAPPINGS, 0);
}

static void seg(struct msg *m, __u32 index, __u64 pa, __u32 len, __u64 dma,
		__u64 bounce_pa)
{
	nest_begin(m, SHADOW_MM_A_DMA_SEG);
	put_u32(m, SHADOW_MM_A_DMA_SEG_INDEX, index);
	put_u64(m, SHADOW_MM_A_DMA_SEG_PA, pa);
	put_u32(m, SHADOW_MM_A_DMA_SEG_LEN, len);
	put_u64(m, SHADOW_MM_A_DMA_SEG_DMA_ADDR, dma);
	if (bounce_pa)
		put_u64(m, SHADOW_MM_A_DMA_SEG_BOUNCE_PA, bounce_pa);
	nest_end(m);
}

/* A buffer's attributes, its segments left for the caller. */
static void buf_head(struct msg *m, __u32 id, __u32 kind, __u32 dir,
		     __u64 size, __u32 pages, __u32 zone, __u64 dma, __u64 pa,
		     __u32 nents, __u32 mapped)
{
	put_u32(m, SHADOW_MM_A_DMA_ID, id);
	put_u32(m, SHADOW_MM_A_DMA_KIND, kind);
	put_u32(m, SHADOW_MM_A_DMA_DIR, dir);
	put_u64(m, SHADOW_MM_A_DMA_SIZE, size);
	put_u32(m, SHADOW_MM_A_DMA_PAGES, pages);
	put_u32(m, SHADOW_MM_A_DMA_ZONE, zone);
	put_u32(m, SHADOW_MM_A_DMA_NODE, 0);
	put_u64(m, SHADOW_MM_A_DMA_DMA_ADDR, dma);
	put_u64(m, SHADOW_MM_A_DMA_PA, pa);
	put_u32(m, SHADOW_MM_A_DMA_NENTS, nents);
	put_u32(m, SHADOW_MM_A_DMA_MAPPED_NENTS, mapped);
}

/* A coherent page in ZONE_DMA32, below the mask: dma_addr == pa. */
static void coherent_msg(struct msg *m)
{
	msg_init(m);
	buf_head(m, 1, SHADOW_MM_DMA_KIND_COHERENT,
		 SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 4096, 1,
		 SHADOW_MM_ZONE_TYPE_DMA32, 0x0f7c2000, 0x0f7c2000, 1, 1);
	seg(m, 0, 0x0f7c2000, 4096, 0x0f7c2000, 0);
}

/*
 * Three pages of ZONE_NORMAL above a 28-bit mask, mapped as a scatterlist
 * to the device: the first two adjacent (one entry), both bounced; the
 * mapping's error never checked.
 */
static void sg_bounced_msg(struct msg *m)
{
	msg_init(m);
	buf_head(m, 3, SHADOW_MM_DMA_KIND_SG, SHADOW_MM_DMA_DIR_TO_DEVICE,
		 12288, 3, SHADOW_MM_ZONE_TYPE_NORMAL, 0x0e001000, 0x12340000,
		 2, 2);
	put_flag(m, SHADOW_MM_A_DMA_BOUNCED);
	put_flag(m, SHADOW_MM_A_DMA_UNCHECKED);
	seg(m, 0, 0x12340000, 8192, 0x0e001000, 0x0e001000);
	seg(m, 1, 0x12350000, 4096, 0x0e003000, 0x0e003000);
}

/* A single mapping behind a translating IOMMU: an IOVA, no bounce. */
static void single_iommu_msg(struct msg *m)
{
	msg_init(m);
	buf_head(m, 12, SHADOW_MM_DMA_KIND_SINGLE,
		 SHADOW_MM_DMA_DIR_FROM_DEVICE, 8192, 2,
		 SHADOW_MM_ZONE_TYPE_NORMAL, 0xfffff000, 0x1f400000, 1, 1);
	seg(m, 0, 0x1f400000, 8192, 0xfffff000, 0);
}

/* ---- the device ----------------------------------------------------- */

TEST(dev_no_iommu)
{
	static const char *const members[] = {
		"\"name\":\"0000:00:03.0\"", "\"vendor\":4660",
		"\"device\":4584", "\"id_reg\":16777453",
		"\"irq_mode\":\"msi\"", "\"irq\":24", "\"irqs\":12",
		"\"mask_bits\":28", "\"mask\":268435455",
		"\"iommu_domain\":\"none\"", "\"iommu_group\":null",
		"\"coherent\":true", "\"reachable_zone\":\"dma32\"",
		"\"bounce_size\":1048576", "\"bounce_slot\":2048",
		"\"bounce_pa\":234881024", "\"bounce_used\":3",
		"\"bounced\":5", "\"bounce_bytes\":20480", "\"mappings\":2",
		"\"xfers\":14", "\"xfer_bytes\":57344", "\"window\":262144",
		"\"window_size\":4096", NULL,
	};
	struct smm_dma_dev_info d;
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;

	dev_msg(&m);
	ASSERT_EQ(0, dma_decode_dev(m.buf, m.len, &d, bad)) TH_LOG("%s", bad);
	EXPECT_STREQ("0000:00:03.0", d.name);
	EXPECT_EQ(0x010000edU, d.id_reg);
	EXPECT_EQ(0x0fffffffULL, d.mask);
	EXPECT_TRUE(d.coherent);
	EXPECT_FALSE(d.has[SHADOW_MM_A_DMA_DEV_IOMMU_GROUP]);

	text = RENDER_OUT(false, dma_print_dev(&o_, &d));
	EXPECT_STREQ("device:       0000:00:03.0, 1234:11e8 rev 0x10, edu 1.0 (id 0x010000ed)\n"
		     "interrupt:    msi, irq 24, 12 raised\n"
		     "dma mask:     28 bits, 0x000000000fffffff (coherent 0x000000000fffffff)\n"
		     "iommu:        none (dma_addr = physical address)\n"
		     "coherent:     yes (the device snoops CPU caches)\n"
		     "reachable:    zone dma32 (coherent buffers come from it)\n"
		     "bounce pool:  1 MiB at 0x000000000e000000, 512 slots of 2048 bytes, 3 used\n"
		     "bounced:      5 mappings, 20480 bytes (20 KiB) copied\n"
		     "mappings:     2\n"
		     "transfers:    14 commands, 57344 bytes (56 KiB)\n"
		     "window:       0x40000, 4096 bytes\n",
		     text);
	free(text);

	json = RENDER_OUT(true, dma_print_dev(&o_, &d));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	expect_members(_metadata, json, members);
	free(json);
}

/* The IOMMU domain said in words; a translating one needs no pool. */
TEST(dev_iommu)
{
	static const struct {
		__u32 domain;
		const char *iommu;
		const char *bounce;
	} cases[] = {
		{ SHADOW_MM_IOMMU_DOMAIN_DMA,
		  "iommu:        dma (translated: dma_addr is an IOVA), group 3\n",
		  "bounce pool:  none (IOMMU translates)\n" },
		{ SHADOW_MM_IOMMU_DOMAIN_DMA_FQ,
		  "iommu:        dma-fq (translated: dma_addr is an IOVA, lazy invalidation), group 3\n",
		  "bounce pool:  none (IOMMU translates)\n" },
		{ SHADOW_MM_IOMMU_DOMAIN_IDENTITY,
		  "iommu:        identity (passthrough: dma_addr = physical address), group 3\n",
		  "bounce pool:  none\n" },
		{ 99,
		  "iommu:        99 (unknown), group 3\n",
		  "bounce pool:  none\n" },
	};
	struct smm_dma_dev_info d;
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		dev_iommu_msg(&m, cases[i].domain);
		ASSERT_EQ(0, dma_decode_dev(m.buf, m.len, &d, bad));
		text = RENDER_OUT(false, dma_print_dev(&o_, &d));
		EXPECT_NE(NULL, strstr(text, cases[i].iommu)) TH_LOG("%s", text);
		EXPECT_NE(NULL, strstr(text, cases[i].bounce)) TH_LOG("%s", text);
		EXPECT_NE(NULL, strstr(text, "coherent:     no")) TH_LOG("%s", text);
		EXPECT_NE(NULL, strstr(text, "reachable:    no zone lies wholly below the mask\n"));
		/* What did not come is left out, not shown as 0. */
		EXPECT_EQ(NULL, strstr(text, "transfers:"));
		EXPECT_EQ(NULL, strstr(text, "window:"));
		free(text);

		json = RENDER_OUT(true, dma_print_dev(&o_, &d));
		EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
		EXPECT_NE(NULL, strstr(json, "\"iommu_group\":3"));
		EXPECT_NE(NULL, strstr(json, "\"coherent\":false"));
		EXPECT_NE(NULL, strstr(json, "\"xfers\":null"));
		EXPECT_NE(NULL, strstr(json, "\"irq_mode\":\"intx\""));
		free(json);
	}
	EXPECT_STREQ("dma_addr = physical address",
		     dma_iommu_text(SHADOW_MM_IOMMU_DOMAIN_NONE));
	EXPECT_STREQ("translated: dma_addr is an IOVA",
		     dma_iommu_text(SHADOW_MM_IOMMU_DOMAIN_DMA));
}

/* ---- buffers -------------------------------------------------------- */

TEST(buf_sg_bounced)
{
	static const char *const members[] = {
		"\"id\":3", "\"kind\":\"sg\"", "\"dir\":\"to-device\"",
		"\"size\":12288", "\"pages\":3", "\"zone\":\"normal\"",
		"\"node\":0", "\"dma_addr\":234885120", "\"pa\":305397760",
		"\"nents\":2", "\"mapped_nents\":2", "\"bounced\":true",
		"\"unchecked\":true",
		"\"seg\":[{\"index\":0,\"pa\":305397760,\"len\":8192,\"dma_addr\":234885120,\"bounce_pa\":234885120},",
		NULL,
	};
	struct smm_dma_buf_info b;
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;

	sg_bounced_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	EXPECT_EQ(3U, b.id);
	EXPECT_TRUE(b.bounced);
	EXPECT_TRUE(b.unchecked);
	ASSERT_EQ(2U, b.n_segs);
	EXPECT_EQ(0x12350000ULL, b.segs[1].pa);
	EXPECT_EQ(0x0e003000ULL, b.segs[1].bounce_pa);

	text = RENDER_OUT(false, dma_print_buf(&o_, &b));
	EXPECT_STREQ("dma 3: sg, to-device, 12288 bytes (12 KiB) in 3 pages, zone normal, node 0\n"
		     "  dma_addr:   0x000000000e001000\n"
		     "  pa:         0x0000000012340000\n"
		     "  segments:   2 entries, 2 mapped\n"
		     "  bounced:    yes\n"
		     "  checked:    no: dma_mapping_error() was not called\n"
		     "  SEG  PA                       LEN  DMA_ADDR            BOUNCE_PA\n"
		     "    0  0x0000000012340000      8192  0x000000000e001000  0x000000000e001000  bounced\n"
		     "    1  0x0000000012350000      4096  0x000000000e003000  0x000000000e003000  bounced\n",
		     text);
	free(text);

	json = RENDER_OUT(true, dma_print_buf(&o_, &b));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	expect_members(_metadata, json, members);
	free(json);
	smm_dma_buf_info_release(&b);
}

/* An IOVA: the segment says IOMMU; a coherent buffer has no check. */
TEST(buf_iommu_and_coherent)
{
	struct smm_dma_buf_info b;
	char bad[DMA_BAD_LEN];
	struct msg m;
	char *text;

	single_iommu_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	text = RENDER_OUT(false, dma_print_buf(&o_, &b));
	EXPECT_NE(NULL, strstr(text, "dma 12: single, from-device, 8192 bytes (8 KiB) in 2 pages, zone normal, node 0\n"));
	EXPECT_NE(NULL, strstr(text, "  checked:    yes\n"));
	EXPECT_NE(NULL, strstr(text, "    0  0x000000001f400000      8192  0x00000000fffff000  -                   IOMMU\n"))
		TH_LOG("%s", text);
	free(text);
	smm_dma_buf_info_release(&b);

	coherent_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	text = RENDER_OUT(false, dma_print_buf(&o_, &b));
	EXPECT_EQ(NULL, strstr(text, "checked")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "  segments:   1 entry, 1 mapped\n"));
	EXPECT_NE(NULL, strstr(text, "  bounced:    no\n"));
	/* pa == dma_addr, not bounced: nothing to say in the last column. */
	EXPECT_NE(NULL, strstr(text, "0x000000000f7c2000  -\n")) TH_LOG("%s", text);
	free(text);
	smm_dma_buf_info_release(&b);
}

/* `dma list`: the table, character for character. */
TEST(list_table)
{
	struct smm_dma_buf_info b[3];
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;
	size_t i;

	coherent_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b[0], bad));
	sg_bounced_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b[1], bad));
	single_iommu_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b[2], bad));

	text = RENDER_OUT(false, dma_print_list(&o_, b, 3));
	EXPECT_STREQ(" ID  KIND      DIR                  SIZE  PAGES  ZONE     DMA_ADDR            PA                  SEGS   BOUNCED  CHECKED\n"
		     "  1  coherent  bidirectional        4096      1  dma32    0x000000000f7c2000  0x000000000f7c2000  1/1    no       -\n"
		     "  3  sg        to-device           12288      3  normal   0x000000000e001000  0x0000000012340000  2/2    yes      no\n"
		     " 12  single    from-device          8192      2  normal   0x00000000fffff000  0x000000001f400000  1/1    no       yes\n",
		     text);
	free(text);

	json = RENDER_OUT(true, dma_print_list(&o_, b, 3));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_EQ(0, strncmp(json, "[{\"id\":1,\"kind\":\"coherent\"", 26)) TH_LOG("%s", json);
	EXPECT_EQ(3U, count_of(json, "\"seg\":["));
	free(json);

	text = RENDER_OUT(false, dma_print_list(&o_, b, 0));
	EXPECT_STREQ("no DMA buffers\n", text);
	free(text);
	json = RENDER_OUT(true, dma_print_list(&o_, b, 0));
	EXPECT_STREQ("[]\n", json);
	free(json);
	for (i = 0; i < ARRAY_SIZE(b); i++)
		smm_dma_buf_info_release(&b[i]);
}

/* A buffer with more segments than a dump message holds comes in parts. */
TEST(dump_parts)
{
	struct smm_dma_buf_info b, part;
	char bad[DMA_BAD_LEN];
	struct msg m;
	char *text;

	sg_bounced_msg(&m);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &b, bad));
	msg_init(&m);
	buf_head(&m, 3, SHADOW_MM_DMA_KIND_SG, SHADOW_MM_DMA_DIR_TO_DEVICE,
		 12288, 3, SHADOW_MM_ZONE_TYPE_NORMAL, 0x0e001000, 0x12340000,
		 3, 3);
	seg(&m, 2, 0x12370000, 4096, 0x0e004000, 0x0e004000);
	ASSERT_EQ(0, dma_decode_buf(m.buf, m.len, &part, bad));
	ASSERT_EQ(0, dma_buf_merge_part(&b, &part));
	EXPECT_EQ(0U, part.n_segs);
	EXPECT_EQ(NULL, part.segs);
	ASSERT_EQ(3U, b.n_segs);
	EXPECT_EQ(1U, b.segs[1].index);
	EXPECT_EQ(2U, b.segs[2].index);
	EXPECT_EQ(0x12370000ULL, b.segs[2].pa);
	text = RENDER_OUT(false, dma_print_buf(&o_, &b));
	EXPECT_NE(NULL, strstr(text, "\n    2  0x0000000012370000      4096  0x000000000e004000  0x000000000e004000  bounced\n"))
		TH_LOG("%s", text);
	free(text);
	smm_dma_buf_info_release(&b);
}

/* ---- transfers ------------------------------------------------------ */

TEST(xfer)
{
	static const char *const members[] = {
		"\"kind\":\"sg\"", "\"src\":4", "\"dst\":4", "\"bytes\":4096",
		"\"commands\":4", "\"src_dma\":234891264",
		"\"dst_dma\":234891264", "\"bounced\":true",
		"\"device_ns\":401234567", NULL,
	};
	struct smm_dma_xfer_info x;
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_XFER_BYTES, 4096);
	put_u32(&m, SHADOW_MM_A_DMA_XFER_COMMANDS, 4);
	put_u64(&m, SHADOW_MM_A_DMA_XFER_SRC_DMA, 0x0e002800);
	put_u64(&m, SHADOW_MM_A_DMA_XFER_DST_DMA, 0x0e002800);
	put_flag(&m, SHADOW_MM_A_DMA_XFER_BOUNCED);
	put_u64(&m, SHADOW_MM_A_DMA_XFER_DEVICE_NS, 401234567);
	ASSERT_EQ(0, dma_decode_xfer(m.buf, m.len, &x, bad)) TH_LOG("%s", bad);

	text = RENDER_OUT(false, dma_print_xfer(&o_, SHADOW_MM_DMA_KIND_SG, 4,
						4, &x));
	EXPECT_STREQ("sg: 4096 bytes verified, 4 commands, src 0x000000000e002800, dst 0x000000000e002800, bounced, device 401.2 ms\n",
		     text);
	free(text);
	text = RENDER_OUT(false, dma_print_xfer(&o_, 0, 1, 2, &x));
	EXPECT_EQ(0, strncmp(text, "dma 1 -> 2: 4096 bytes verified,", 32))
		TH_LOG("%s", text);
	free(text);

	json = RENDER_OUT(true, dma_print_xfer(&o_, SHADOW_MM_DMA_KIND_SG, 4,
					       4, &x));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	expect_members(_metadata, json, members);
	free(json);
	json = RENDER_OUT(true, dma_print_xfer(&o_, 0, 1, 2, &x));
	EXPECT_NE(NULL, strstr(json, "\"kind\":null,\"src\":1,\"dst\":2"));
	free(json);

	/* Only the bytes verified are needed. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_XFER_BYTES, 1);
	ASSERT_EQ(0, dma_decode_xfer(m.buf, m.len, &x, bad));
	text = RENDER_OUT(false, dma_print_xfer(&o_, 0, 7, 7, &x));
	EXPECT_STREQ("dma 7: 1 bytes verified, not bounced\n", text);
	free(text);
}

TEST(time_text)
{
	char buf[32];

	EXPECT_STREQ("850 ns", dma_time_text(850, buf, sizeof(buf)));
	EXPECT_STREQ("12.5 us", dma_time_text(12500, buf, sizeof(buf)));
	EXPECT_STREQ("200.4 ms", dma_time_text(200400000, buf, sizeof(buf)));
	EXPECT_STREQ("2.50 s", dma_time_text(2500000000ULL, buf, sizeof(buf)));
}

/* ---- DMA-debug ------------------------------------------------------ */

static void count(struct msg *m, __u32 check, __u64 n)
{
	nest_begin(m, SHADOW_MM_A_DMA_ERROR_COUNTS);
	put_u32(m, SHADOW_MM_A_DMA_CHECK_COUNT_CHECK, check);
	put_u64(m, SHADOW_MM_A_DMA_CHECK_COUNT_COUNT, n);
	nest_end(m);
}

/* Every check counted, two fired; a newer module's check 12 too. */
static void counts_msg(struct msg *m)
{
	__u32 check;

	msg_init(m);
	for (check = SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN;
	     check <= SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD; check++)
		count(m, check, check == SHADOW_MM_DMA_CHECK_UNMAP_SIZE ||
		      check == SHADOW_MM_DMA_CHECK_UNCHECKED);
	count(m, 12, 7);
	put_u64(m, SHADOW_MM_A_DMA_ERROR_TOTAL, 9);
	put_u64(m, SHADOW_MM_A_DMA_ERROR_LOST, 0);
}

static void finding_msg(struct msg *m, __u64 seq, __u32 check, bool mapped)
{
	msg_init(m);
	put_u64(m, SHADOW_MM_A_DMA_ERROR_SEQ, seq);
	put_u32(m, SHADOW_MM_A_DMA_ERROR_CHECK, check);
	put_u64(m, SHADOW_MM_A_DMA_ERROR_DMA_ADDR, 0x0f7c2000);
	put_u64(m, SHADOW_MM_A_DMA_ERROR_SIZE, 8192);
	put_u32(m, SHADOW_MM_A_DMA_ERROR_DIR, SHADOW_MM_DMA_DIR_BIDIRECTIONAL);
	if (mapped) {
		put_u64(m, SHADOW_MM_A_DMA_ERROR_MAPPED_SIZE, 4096);
		put_u32(m, SHADOW_MM_A_DMA_ERROR_MAPPED_DIR,
			SHADOW_MM_DMA_DIR_TO_DEVICE);
	}
	put_str(m, SHADOW_MM_A_DMA_ERROR_SITE,
		"smm_nl_dma_unmap+0x5c/0x1a0 [shadow_mm]");
	put_str(m, SHADOW_MM_A_DMA_ERROR_MESSAGE,
		"unmap of 8192 bytes, the mapping has 4096");
}

TEST(errors)
{
	static const char *const members[] = {
		"{\"check\":\"unmap-unknown\",\"action\":\"refused\",\"count\":0}",
		"{\"check\":\"unmap-size\",\"action\":\"refused\",\"count\":1}",
		"{\"check\":\"unchecked\",\"action\":\"reported\",\"count\":1}",
		"{\"check\":12,\"action\":null,\"count\":7}",
		"\"total\":9,\"lost\":0",
		"\"findings\":[{\"seq\":4,\"check\":\"unmap-size\",\"dma_addr\":259792896,\"size\":8192,\"dir\":\"bidirectional\",\"mapped_size\":4096,\"mapped_dir\":\"to-device\",\"site\":\"smm_nl_dma_unmap+0x5c/0x1a0 [shadow_mm]\"",
		"\"mapped_size\":null,\"mapped_dir\":null",
		NULL,
	};
	struct smm_dma_finding_info f[2];
	struct smm_dma_counts_info c;
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;

	counts_msg(&m);
	ASSERT_EQ(0, dma_decode_counts(m.buf, m.len, &c, bad)) TH_LOG("%s", bad);
	EXPECT_EQ(12U, c.n_counts);
	EXPECT_EQ(9ULL, c.total);
	finding_msg(&m, 4, SHADOW_MM_DMA_CHECK_UNMAP_SIZE, true);
	ASSERT_EQ(0, dma_decode_finding(m.buf, m.len, &f[0], bad));
	finding_msg(&m, 5, SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP, false);
	ASSERT_EQ(0, dma_decode_finding(m.buf, m.len, &f[1], bad));

	text = RENDER_OUT(false, dma_print_errors(&o_, &c, f, 2, false));
	EXPECT_STREQ("CHECK            ACTION           COUNT\n"
		     "unmap-unknown    refused              0\n"
		     "unmap-size       refused              1\n"
		     "unmap-dir        refused              0\n"
		     "unmap-kind       refused              0\n"
		     "double-unmap     refused              0\n"
		     "sync-unknown     refused              0\n"
		     "sync-beyond      refused              0\n"
		     "sync-dir         refused              0\n"
		     "unchecked        reported             1\n"
		     "held-at-unbind   reported             0\n"
		     "held-at-unload   reported             0\n"
		     "check 12         ?                    7\n"
		     "total: 9 findings since load, 0 no longer kept\n",
		     text);
	free(text);

	text = RENDER_OUT(false, dma_print_errors(&o_, &c, f, 2, true));
	EXPECT_NE(NULL, strstr(text, "0 no longer kept\n\n"
			       "  SEQ  CHECK            DMA_ADDR                  SIZE  DIR            MAPPED                    SITE\n"
			       "    4  unmap-size       0x000000000f7c2000        8192  bidirectional  4096 to-device            smm_nl_dma_unmap+0x5c/0x1a0 [shadow_mm]\n"
			       "       unmap of 8192 bytes, the mapping has 4096\n"
			       "    5  double-unmap     0x000000000f7c2000        8192  bidirectional  -                         smm_nl_dma_unmap+0x5c/0x1a0 [shadow_mm]\n"))
		TH_LOG("%s", text);
	free(text);
	text = RENDER_OUT(false, dma_print_errors(&o_, &c, NULL, 0, true));
	EXPECT_NE(NULL, strstr(text, "kept\n\nno findings kept\n")) TH_LOG("%s", text);
	free(text);

	json = RENDER_OUT(true, dma_print_errors(&o_, &c, f, 2, true));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	expect_members(_metadata, json, members);
	free(json);
	json = RENDER_OUT(true, dma_print_errors(&o_, &c, f, 2, false));
	EXPECT_EQ(NULL, strstr(json, "findings"));
	free(json);

	/* A check the module did not count shows as unknown, not 0. */
	msg_init(&m);
	count(&m, SHADOW_MM_DMA_CHECK_SYNC_DIR, 2);
	ASSERT_EQ(0, dma_decode_counts(m.buf, m.len, &c, bad));
	text = RENDER_OUT(false, dma_print_errors(&o_, &c, NULL, 0, false));
	EXPECT_NE(NULL, strstr(text, "unmap-unknown    refused              ?\n"));
	EXPECT_NE(NULL, strstr(text, "sync-dir         refused              2\n"));
	EXPECT_EQ(NULL, strstr(text, "total"));
	free(text);
}

/* ---- events --------------------------------------------------------- */

TEST(events)
{
	struct smm_dma_event_info ev;
	char bad[DMA_BAD_LEN];
	char *text, *json;
	struct msg m;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, SHADOW_MM_EVENT_TYPE_DMA_MAP);
	put_u64(&m, SHADOW_MM_A_EVENT_SEQ, 41);
	put_u64(&m, SHADOW_MM_A_EVENT_DROPPED, 0);
	put_u32(&m, SHADOW_MM_A_EVENT_CPU, 1);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_ID, 3);
	put_u64(&m, SHADOW_MM_A_EVENT_DMA_ADDR, 0x0e001000);
	put_u64(&m, SHADOW_MM_A_EVENT_DMA_SIZE, 12288);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_DIR, SHADOW_MM_DMA_DIR_TO_DEVICE);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_KIND, SHADOW_MM_DMA_KIND_SG);
	put_flag(&m, SHADOW_MM_A_EVENT_DMA_BOUNCED);
	/* An allocator attribute in a DMA event is skipped. */
	put_u64(&m, SHADOW_MM_A_EVENT_PFN, 0x4800);
	ASSERT_EQ(0, dma_decode_event(m.buf, m.len, &ev, bad)) TH_LOG("%s", bad);
	EXPECT_TRUE(dma_event_is_dma(ev.type));
	text = RENDER_OUT(false, dma_print_event(&o_, &ev));
	EXPECT_STREQ("dma-map   id 3 sg to-device 12288 bytes dma 0x000000000e001000 bounced cpu 1\n",
		     text);
	free(text);
	json = RENDER_OUT(true, dma_print_event(&o_, &ev));
	EXPECT_STREQ("{\"seq\":41,\"dropped\":0,\"type\":\"dma-map\",\"id\":3,\"dma_addr\":234885120,\"size\":12288,\"dir\":\"to-device\",\"kind\":\"sg\",\"check\":null,\"bounced\":true,\"cpu\":1}\n",
		     json);
	EXPECT_EQ(NULL, json_check(json));
	free(json);

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, SHADOW_MM_EVENT_TYPE_DMA_CHECK);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_CHECK,
		SHADOW_MM_DMA_CHECK_DOUBLE_UNMAP);
	put_u64(&m, SHADOW_MM_A_EVENT_DMA_ADDR, 0x0f7c2000);
	put_u64(&m, SHADOW_MM_A_EVENT_DMA_SIZE, 4096);
	ASSERT_EQ(0, dma_decode_event(m.buf, m.len, &ev, bad));
	text = RENDER_OUT(false, dma_print_event(&o_, &ev));
	EXPECT_STREQ("dma-check double-unmap 4096 bytes dma 0x000000000f7c2000\n",
		     text);
	free(text);

	EXPECT_FALSE(dma_event_is_dma(SHADOW_MM_EVENT_TYPE_STEAL));
	EXPECT_TRUE(dma_event_is_dma(SHADOW_MM_EVENT_TYPE_DMA_XFER));
	EXPECT_TRUE(dma_event_is_dma(SHADOW_MM_EVENT_TYPE_DMA_UNMAP));
}

/* ---- malformed replies ---------------------------------------------- */

TEST(decode_refuses_malformed)
{
	struct smm_dma_finding_info f;
	struct smm_dma_counts_info c;
	struct smm_dma_event_info ev;
	struct smm_dma_xfer_info x;
	struct smm_dma_dev_info d;
	struct smm_dma_buf_info b;
	char bad[DMA_BAD_LEN];
	struct msg m;

	/* A u32 of 8 bytes, a u64 of 4. */
	msg_init(&m);
	put_u64(&m, SHADOW_MM_A_DMA_DEV_MASK_BITS, 28);
	EXPECT_EQ(-EBADMSG, dma_decode_dev(m.buf, m.len, &d, bad));
	EXPECT_STREQ("dma-dev mask-bits (8 bytes)", bad);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_DEV_MASK, 0xfffffff);
	EXPECT_EQ(-EBADMSG, dma_decode_dev(m.buf, m.len, &d, bad));
	EXPECT_STREQ("dma-dev mask (4 bytes)", bad);

	/* A flag with a payload; a string without its NUL. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_DEV_COHERENT, 1);
	EXPECT_EQ(-EBADMSG, dma_decode_dev(m.buf, m.len, &d, bad));
	EXPECT_STREQ("dma-dev coherent (4 bytes)", bad);
	msg_init(&m);
	put(&m, SHADOW_MM_A_DMA_DEV_NAME, "0000", 4);
	EXPECT_EQ(-EBADMSG, dma_decode_dev(m.buf, m.len, &d, bad));
	EXPECT_STREQ("dma-dev name (4 bytes)", bad);

	/* A segment's length of the wrong size, inside its nest. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_ID, 1);
	nest_begin(&m, SHADOW_MM_A_DMA_SEG);
	put_u64(&m, SHADOW_MM_A_DMA_SEG_LEN, 4096);
	nest_end(&m);
	EXPECT_EQ(-EBADMSG, dma_decode_buf(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dma-seg len (8 bytes)", bad);
	smm_dma_buf_info_release(&b);

	/* A buffer without its id; a message cut short. */
	msg_init(&m);
	put_u64(&m, SHADOW_MM_A_DMA_SIZE, 4096);
	EXPECT_EQ(-EBADMSG, dma_decode_buf(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dma: no id", bad);
	smm_dma_buf_info_release(&b);
	sg_bounced_msg(&m);
	EXPECT_EQ(-EBADMSG, dma_decode_buf(m.buf, m.len - 4, &b, bad));
	EXPECT_STREQ("dma: an attribute runs past the message", bad);
	smm_dma_buf_info_release(&b);
	/* Inside a whole nest, an attribute longer than the nest. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_ID, 1);
	nest_begin(&m, SHADOW_MM_A_DMA_SEG);
	put_u64(&m, SHADOW_MM_A_DMA_SEG_PA, 0x1000);
	nest_end(&m);
	((struct nlattr *)(m.buf + m.len - 12))->nla_len += 8;
	EXPECT_EQ(-EBADMSG, dma_decode_buf(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dma-seg: an attribute runs past the message", bad);
	smm_dma_buf_info_release(&b);
	EXPECT_EQ(-EBADMSG, dma_decode_buf(m.buf, 6, &b, bad));
	EXPECT_STREQ("dma: an attribute runs past the message", bad);
	smm_dma_buf_info_release(&b);

	/* A transfer that verified nothing said. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_XFER_COMMANDS, 2);
	EXPECT_EQ(-EBADMSG, dma_decode_xfer(m.buf, m.len, &x, bad));
	EXPECT_STREQ("dma-xfer: no bytes", bad);
	msg_init(&m);
	put_u64(&m, SHADOW_MM_A_DMA_XFER_BYTES, 4096);
	EXPECT_EQ(-EBADMSG, dma_decode_xfer(m.buf, m.len, &x, bad));
	EXPECT_STREQ("dma-xfer bytes (8 bytes)", bad);

	/* A count without its number, a finding without its check. */
	msg_init(&m);
	nest_begin(&m, SHADOW_MM_A_DMA_ERROR_COUNTS);
	put_u32(&m, SHADOW_MM_A_DMA_CHECK_COUNT_CHECK, 1);
	nest_end(&m);
	EXPECT_EQ(-EBADMSG, dma_decode_counts(m.buf, m.len, &c, bad));
	EXPECT_STREQ("dma-check-count: no count", bad);
	msg_init(&m);
	put_u64(&m, SHADOW_MM_A_DMA_ERROR_SEQ, 1);
	EXPECT_EQ(-EBADMSG, dma_decode_finding(m.buf, m.len, &f, bad));
	EXPECT_STREQ("dma-error: no check", bad);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_ERROR_CHECK, 1);
	put(&m, SHADOW_MM_A_DMA_ERROR_SITE, "f+0x1", 5);
	put_u64(&m, SHADOW_MM_A_DMA_ERROR_SEQ, 1);
	EXPECT_EQ(-EBADMSG, dma_decode_finding(m.buf, m.len, &f, bad));
	EXPECT_STREQ("dma-error site (5 bytes)", bad);

	/* An event without its type; a bounced flag with a payload. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_ID, 1);
	EXPECT_EQ(-EBADMSG, dma_decode_event(m.buf, m.len, &ev, bad));
	EXPECT_STREQ("event: no type", bad);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, SHADOW_MM_EVENT_TYPE_DMA_XFER);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_BOUNCED, 1);
	EXPECT_EQ(-EBADMSG, dma_decode_event(m.buf, m.len, &ev, bad));
	EXPECT_STREQ("event dma-bounced (4 bytes)", bad);

	/* A newer module's attribute is skipped, not refused. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_XFER_BYTES, 64);
	put_u64(&m, SHADOW_MM_A_DMA_XFER_MAX + 1, 5);
	EXPECT_EQ(0, dma_decode_xfer(m.buf, m.len, &x, bad));
	EXPECT_EQ(64U, x.bytes);
	EXPECT_FALSE(x.has[SHADOW_MM_A_DMA_XFER_COMMANDS]);
}

/*
 * Random bytes, and valid replies with random bytes changed or cut
 * short: the decoders never read outside the message (ASan watches a
 * buffer of the message's exact size) and either decode or refuse; what
 * decodes renders.
 */
TEST(decode_fuzz)
{
	unsigned int seed = getenv("SMM_SEED") ?
			    (unsigned int)atoi(getenv("SMM_SEED")) :
			    (unsigned int)time(NULL);
	struct smm_dma_finding_info f;
	struct smm_dma_counts_info c;
	struct smm_dma_event_info ev;
	struct smm_dma_xfer_info x;
	struct smm_dma_dev_info d;
	struct smm_dma_buf_info b;
	char bad[DMA_BAD_LEN];
	struct msg msgs[3];
	unsigned char *copy;
	const struct msg *m;
	size_t len;
	char *out;
	int i, ret;

	TH_LOG("seed %u (SMM_SEED=%u to repeat)", seed, seed);
	srand(seed);
	sg_bounced_msg(&msgs[0]);
	dev_msg(&msgs[1]);
	counts_msg(&msgs[2]);
	for (i = 0; i < 20000; i++) {
		m = &msgs[i % 3];
		copy = fuzz_mutation(m, i, &len);
		ASSERT_NE(NULL, copy);
		ret = dma_decode_buf(copy, len, &b, bad);
		EXPECT_TRUE(ret == 0 || ret == -EBADMSG);
		if (!ret) {
			out = RENDER_OUT(i % 2, dma_print_buf(&o_, &b));
			free(out);
			out = RENDER_OUT(i % 2, dma_print_list(&o_, &b, 1));
			free(out);
		}
		smm_dma_buf_info_release(&b);
		if (!dma_decode_dev(copy, len, &d, bad)) {
			out = RENDER_OUT(i % 2, dma_print_dev(&o_, &d));
			free(out);
		}
		if (!dma_decode_counts(copy, len, &c, bad)) {
			out = RENDER_OUT(i % 2, dma_print_errors(&o_, &c, NULL,
								 0, false));
			free(out);
		}
		EXPECT_GE(0, dma_decode_xfer(copy, len, &x, bad));
		EXPECT_GE(0, dma_decode_finding(copy, len, &f, bad));
		EXPECT_GE(0, dma_decode_event(copy, len, &ev, bad));
		free(copy);
		if (!_metadata->passed)
			break;
	}
}

/* ---- names ---------------------------------------------------------- */

/* Every attribute of the DMA sets, and of the event set, has its name. */
TEST(attr_sets_complete)
{
	static const struct smm_attr_set *const sets[] = {
		&smm_dma_dev_attr_set, &smm_dma_seg_attr_set,
		&smm_dma_attr_set, &smm_dma_xfer_attr_set,
		&smm_dma_check_count_attr_set, &smm_dma_error_attr_set,
		&smm_event_attr_set,
	};
	static const unsigned int max[] = {
		SHADOW_MM_A_DMA_DEV_MAX, SHADOW_MM_A_DMA_SEG_MAX,
		SHADOW_MM_A_DMA_MAX, SHADOW_MM_A_DMA_XFER_MAX,
		SHADOW_MM_A_DMA_CHECK_COUNT_MAX, SHADOW_MM_A_DMA_ERROR_MAX,
		SHADOW_MM_A_EVENT_MAX,
	};

	expect_attr_sets_named(_metadata, sets, max, ARRAY_SIZE(sets));
	EXPECT_STREQ("mapped-nents", smm_attr_name(&smm_dma_attr_set,
						   SHADOW_MM_A_DMA_MAPPED_NENTS));
	EXPECT_STREQ("dma-bounced", smm_attr_name(&smm_event_attr_set,
						  SHADOW_MM_A_EVENT_DMA_BOUNCED));
}

/* An extack offset inside a segment names it: "seg[1].len". */
TEST(attr_paths)
{
	const struct smm_attr_set *inner;
	char path[64];
	size_t second;
	struct msg m;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMA_ID, 1);
	nest_begin(&m, SHADOW_MM_A_DMA_SEG);
	nest_end(&m);
	second = m.len;
	nest_begin(&m, SHADOW_MM_A_DMA_SEG);
	put_u64(&m, SHADOW_MM_A_DMA_SEG_PA, 0);
	put_u32(&m, SHADOW_MM_A_DMA_SEG_LEN, 0);
	nest_end(&m);
	ASSERT_TRUE(smm_attr_path(&smm_dma_attr_set, m.buf, m.len,
				  second + NLA_HDRLEN + 12 + 2, path,
				  sizeof(path), &inner));
	EXPECT_STREQ("seg[1].len", path);

	msg_init(&m);
	count(&m, 1, 0);
	ASSERT_TRUE(smm_attr_path(&smm_dma_error_attr_set, m.buf, m.len,
				  NLA_HDRLEN + 8 + 2, path, sizeof(path),
				  &inner));
	EXPECT_STREQ("counts[0].count", path);
}

/* Every value of every DMA enum has its spec name, and no more. */
TEST(enum_names)
{
	static const struct {
		const char *(*name)(__u32 value);
		__u32 last;
	} enums[] = {
		{ smm_dma_dir_name, SHADOW_MM_DMA_DIR_FROM_DEVICE },
		{ smm_dma_kind_name, SHADOW_MM_DMA_KIND_DMABUF },
		{ smm_dma_sync_name, SHADOW_MM_DMA_SYNC_FOR_DEVICE },
		{ smm_dma_irq_name, SHADOW_MM_DMA_IRQ_INTX },
		{ smm_iommu_domain_name, SHADOW_MM_IOMMU_DOMAIN_OTHER },
		{ smm_dma_check_name, SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD },
	};
	__u32 v, check;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(enums); i++) {
		EXPECT_EQ(NULL, enums[i].name(0)) TH_LOG("enum %zu", i);
		for (v = 1; v <= enums[i].last; v++)
			EXPECT_NE(NULL, enums[i].name(v))
				TH_LOG("enum %zu value %u", i, v);
		EXPECT_EQ(NULL, enums[i].name(enums[i].last + 1))
			TH_LOG("enum %zu", i);
	}
	for (v = SHADOW_MM_IOMMU_DOMAIN_NONE; v <= SHADOW_MM_IOMMU_DOMAIN_OTHER; v++)
		EXPECT_STRNE("unknown", dma_iommu_text(v)) TH_LOG("%u", v);

	EXPECT_STREQ("from-device", smm_dma_dir_name(SHADOW_MM_DMA_DIR_FROM_DEVICE));
	EXPECT_STREQ("sg", smm_dma_kind_name(SHADOW_MM_DMA_KIND_SG));
	EXPECT_STREQ("for-cpu", smm_dma_sync_name(SHADOW_MM_DMA_SYNC_FOR_CPU));
	EXPECT_STREQ("intx", smm_dma_irq_name(SHADOW_MM_DMA_IRQ_INTX));
	EXPECT_STREQ("dma-fq", smm_iommu_domain_name(SHADOW_MM_IOMMU_DOMAIN_DMA_FQ));
	EXPECT_STREQ("held-at-unbind",
		     smm_dma_check_name(SHADOW_MM_DMA_CHECK_HELD_AT_UNBIND));

	/* The spec's word on each check: refused but for the last three. */
	for (check = SHADOW_MM_DMA_CHECK_UNMAP_UNKNOWN;
	     check <= SHADOW_MM_DMA_CHECK_HELD_AT_UNLOAD; check++)
		EXPECT_EQ(check < SHADOW_MM_DMA_CHECK_UNCHECKED,
			  dma_check_refused(check)) TH_LOG("%u", check);
	EXPECT_FALSE(dma_check_refused(0));
}

TEST_HARNESS_MAIN
