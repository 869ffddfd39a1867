// SPDX-License-Identifier: GPL-2.0
/*
 * `smm dmabuf`, `dma xfer ... copy` and the monitor's dma-buf events
 * without a socket: replies built by hand as netlink attributes, decoded
 * by dmabuf_info.c (checked field by field, refused when malformed,
 * fuzzed with the seed printed) and rendered by dmabuf_print.c: a buffer
 * and its attachments, the table (compared character for character),
 * imports, copies, events; JSON checked to parse, with its key members;
 * and a name for every attribute and enum value of the dma-buf part of
 * the UAPI.
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
#include "dmabuf_info.h"
#include "dmabuf_print.h"
#include "names.h"
#include "print.h"

/* ---- replies built by hand ------------------------------------------ */

/* An attachment: @dir 0 for one that is not mapped now. */
static void attach(struct msg *m, const char *device, const char *driver,
		   __u32 maps, __u32 dir, __u32 nents, bool bounced)
{
	nest_begin(m, SHADOW_MM_A_DMABUF_ATTACH);
	put_str(m, SHADOW_MM_A_DMABUF_ATTACH_DEVICE, device);
	if (driver)
		put_str(m, SHADOW_MM_A_DMABUF_ATTACH_DRIVER, driver);
	put_u32(m, SHADOW_MM_A_DMABUF_ATTACH_MAPS, maps);
	if (dir) {
		put_flag(m, SHADOW_MM_A_DMABUF_ATTACH_MAPPED);
		put_u32(m, SHADOW_MM_A_DMABUF_ATTACH_DIR, dir);
		put_u32(m, SHADOW_MM_A_DMABUF_ATTACH_NENTS, nents);
	}
	if (bounced)
		put_flag(m, SHADOW_MM_A_DMABUF_ATTACH_BOUNCED);
	nest_end(m);
}

/* Every attribute of a buffer but its name and attachments. */
static void buf_head(struct msg *m, __u32 id, __u64 size, __u32 zone,
		     bool contiguous, __u64 pa, __u32 chunks,
		     const char *owner, __u32 mmaps)
{
	put_u32(m, SHADOW_MM_A_DMABUF_ID, id);
	put_u64(m, SHADOW_MM_A_DMABUF_SIZE, size);
	put_u32(m, SHADOW_MM_A_DMABUF_PAGES, size / 4096);
	put_u32(m, SHADOW_MM_A_DMABUF_ZONE, zone);
	put_u32(m, SHADOW_MM_A_DMABUF_NODE, 0);
	if (contiguous)
		put_flag(m, SHADOW_MM_A_DMABUF_CONTIGUOUS);
	put_u64(m, SHADOW_MM_A_DMABUF_PA, pa);
	put_u32(m, SHADOW_MM_A_DMABUF_CHUNKS, chunks);
	put_str(m, SHADOW_MM_A_DMABUF_OWNER, owner);
	put_u64(m, SHADOW_MM_A_DMABUF_INODE, 4321);
	put_u32(m, SHADOW_MM_A_DMABUF_MMAPS, mmaps);
	put_u32(m, SHADOW_MM_A_DMABUF_VMAPS, 0);
}

/* A blocks attribute: @n counts by order, from order 0 up. */
static void put_blocks(struct msg *m, const __u32 *counts, size_t n)
{
	put(m, SHADOW_MM_A_DMABUF_BLOCKS, counts, n * sizeof(*counts));
}

/*
 * 1 MiB of zone dma in one block, named "frames", mapped once, imported
 * by vgem (its sg_table not mapped now) and by edu (mapped twice so far,
 * mapped now, bounced).
 */
static void shared_msg(struct msg *m)
{
	static const __u32 one_of_order_8[] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };

	msg_init(m);
	buf_head(m, 3, 1 << 20, SHADOW_MM_ZONE_TYPE_DMA, true, 0x00800000, 1,
		 "dmabuf", 1);
	put_blocks(m, one_of_order_8, ARRAY_SIZE(one_of_order_8));
	put_str(m, SHADOW_MM_A_DMABUF_NAME, "frames");
	attach(m, "vgem", "vgem", 1, 0, 0, false);
	attach(m, "0000:00:02.0", "shadow_mm", 2,
	       SHADOW_MM_DMA_DIR_BIDIRECTIONAL, 1, true);
}

/*
 * 76 KiB of zone normal, a 64 KiB block and three single pages in two
 * runs: nothing attached.
 */
static void plain_msg(struct msg *m)
{
	static const __u32 sixteen_and_three[] = { 3, 0, 0, 0, 1 };

	msg_init(m);
	buf_head(m, 12, 77824, SHADOW_MM_ZONE_TYPE_NORMAL, false, 0x12340000,
		 2, "demo", 0);
	put_blocks(m, sixteen_and_three, ARRAY_SIZE(sixteen_and_three));
}

/* What a module may leave out: only the id. */
static void bare_msg(struct msg *m)
{
	msg_init(m);
	put_u32(m, SHADOW_MM_A_DMABUF_ID, 4096);
}

/* ---- one buffer ----------------------------------------------------- */

TEST(show_shared)
{
	static const char *const members[] = {
		"{\"id\":3,\"size\":1048576,\"pages\":256,\"zone\":\"dma\",\"node\":0,\"contiguous\":true,\"pa\":8388608,\"chunks\":1,\"blocks\":[0,0,0,0,0,0,0,0,1],\"owner\":\"dmabuf\",\"name\":\"frames\",\"inode\":4321,\"mmaps\":1,\"vmaps\":0,\"attach\":[",
		"{\"device\":\"vgem\",\"driver\":\"vgem\",\"maps\":1,\"mapped\":false,\"dir\":null,\"nents\":null,\"bounced\":false}",
		"{\"device\":\"0000:00:02.0\",\"driver\":\"shadow_mm\",\"maps\":2,\"mapped\":true,\"dir\":\"bidirectional\",\"nents\":1,\"bounced\":true}]}",
		NULL,
	};
	struct smm_dmabuf_info b;
	char bad[DMABUF_BAD_LEN];
	char *text, *json;
	struct msg m;

	shared_msg(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	EXPECT_EQ(3U, b.id);
	EXPECT_EQ(1ULL << 20, b.size);
	EXPECT_TRUE(b.contiguous);
	EXPECT_STREQ("frames", b.name);
	ASSERT_EQ(2U, b.n_attach);
	EXPECT_STREQ("vgem", b.attach[0].device);
	EXPECT_FALSE(b.attach[0].mapped);
	EXPECT_FALSE(b.attach[0].has[SHADOW_MM_A_DMABUF_ATTACH_DIR]);
	EXPECT_EQ(2U, b.attach[1].maps);
	EXPECT_TRUE(b.attach[1].bounced);

	text = RENDER_OUT(false, dmabuf_print_buf(&o_, &b));
	EXPECT_STREQ("dmabuf 3: 1048576 bytes (1 MiB) in 256 pages, zone dma, node 0, contiguous\n"
		     "  name:       frames\n"
		     "  owner:      dmabuf\n"
		     "  pa:         0x0000000000800000\n"
		     "  chunks:     1 physically contiguous run\n"
		     "  blocks:     1 (order 8: 1)\n"
		     "  inode:      4321\n"
		     "  mmaps:      1\n"
		     "  vmaps:      0\n"
		     "  attached:   2 devices\n"
		     "  DEVICE        DRIVER      MAPS  MAPPED\n"
		     "  vgem          vgem           1  no\n"
		     "  0000:00:02.0  shadow_mm      2  bidirectional, 1 segment, bounced\n",
		     text);
	free(text);

	json = RENDER_OUT(true, dmabuf_print_buf(&o_, &b));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	expect_members(_metadata, json, members);
	free(json);
	smm_dmabuf_info_release(&b);
}

/* Nothing attached, no name; then a reply of nothing but the id. */
TEST(show_plain_and_bare)
{
	struct smm_dmabuf_info b;
	char bad[DMABUF_BAD_LEN];
	char *text, *json;
	struct msg m;

	plain_msg(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	text = RENDER_OUT(false, dmabuf_print_buf(&o_, &b));
	EXPECT_NE(NULL, strstr(text, "dmabuf 12: 77824 bytes (76 KiB) in 19 pages, zone normal, node 0, scattered\n"
			       "  name:       -\n"))
		TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "  chunks:     2 physically contiguous runs\n"
			       "  blocks:     4 (order 4: 1, order 0: 3)\n"));
	EXPECT_NE(NULL, strstr(text, "  attached:   nothing\n"));
	EXPECT_EQ(NULL, strstr(text, "DEVICE"));
	free(text);
	json = RENDER_OUT(true, dmabuf_print_buf(&o_, &b));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_NE(NULL, strstr(json, "\"contiguous\":false"));
	EXPECT_NE(NULL, strstr(json, "\"blocks\":[3,0,0,0,1]"));
	EXPECT_NE(NULL, strstr(json, "\"name\":null"));
	EXPECT_NE(NULL, strstr(json, "\"attach\":[]"));
	free(json);
	smm_dmabuf_info_release(&b);

	/* What did not come is left out, or null; never 0. */
	bare_msg(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	text = RENDER_OUT(false, dmabuf_print_buf(&o_, &b));
	EXPECT_STREQ("dmabuf 4096: scattered\n"
		     "  name:       -\n"
		     "  attached:   nothing\n", text);
	free(text);
	json = RENDER_OUT(true, dmabuf_print_buf(&o_, &b));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_STREQ("{\"id\":4096,\"size\":null,\"pages\":null,\"zone\":null,\"node\":null,\"contiguous\":false,\"pa\":null,\"chunks\":null,\"blocks\":null,\"owner\":null,\"name\":null,\"inode\":null,\"mmaps\":null,\"vmaps\":null,\"attach\":[]}\n",
		     json);
	free(json);
	smm_dmabuf_info_release(&b);
}

/* ---- the list ------------------------------------------------------- */

TEST(list_table)
{
	struct smm_dmabuf_info b[3];
	char bad[DMABUF_BAD_LEN];
	char *text, *json;
	struct msg m;
	size_t i;

	shared_msg(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b[0], bad));
	plain_msg(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b[1], bad));
	bare_msg(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b[2], bad));

	text = RENDER_OUT(false, dmabuf_print_list(&o_, b, 3));
	EXPECT_STREQ("  ID        SIZE  PAGES  ZONE     NODE  CHUNKS  MMAPS  VMAPS  ATTACH                 NAME    OWNER\n"
		     "   3     1048576    256  dma         0       1      1      0  vgem:1,0000:00:02.0:2  frames  dmabuf\n"
		     "  12       77824     19  normal      0       2      0      0  -                      -       demo\n"
		     "4096           ?      ?  ?           ?       ?      ?      ?  -                      -       ?\n",
		     text);
	free(text);

	json = RENDER_OUT(true, dmabuf_print_list(&o_, b, 3));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_EQ(0, strncmp(json, "[{\"id\":3,\"size\":1048576,", 24))
		TH_LOG("%s", json);
	EXPECT_EQ(3U, count_of(json, "\"attach\":["));
	free(json);

	text = RENDER_OUT(false, dmabuf_print_list(&o_, b, 0));
	EXPECT_STREQ("no dma-bufs\n", text);
	free(text);
	json = RENDER_OUT(true, dmabuf_print_list(&o_, b, 0));
	EXPECT_STREQ("[]\n", json);
	free(json);
	for (i = 0; i < ARRAY_SIZE(b); i++)
		smm_dmabuf_info_release(&b[i]);
}

/* The ATTACH column: every attachment, cut with "..." when too long. */
TEST(attach_column)
{
	struct smm_dmabuf_info b;
	char bad[DMABUF_BAD_LEN], name[32], small[24], big[1024];
	struct msg m;
	int i;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	for (i = 0; i < 16; i++) {
		snprintf(name, sizeof(name), "0000:00:%02x.0", i);
		attach(&m, name, NULL, i, 0, 0, false);
	}
	/* One the module sent without its map count. */
	nest_begin(&m, SHADOW_MM_A_DMABUF_ATTACH);
	put_str(&m, SHADOW_MM_A_DMABUF_ATTACH_DEVICE, "vgem");
	nest_end(&m);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad)) TH_LOG("%s", bad);
	ASSERT_EQ(17U, b.n_attach);

	dmabuf_attach_text(&b, big, sizeof(big));
	EXPECT_EQ(0, strncmp(big, "0000:00:00.0:0,0000:00:01.0:1,", 30))
		TH_LOG("%s", big);
	EXPECT_NE(NULL, strstr(big, ",0000:00:0f.0:15,vgem:?")) TH_LOG("%s", big);
	EXPECT_EQ(16U, count_of(big, ","));

	dmabuf_attach_text(&b, small, sizeof(small));
	EXPECT_STREQ("0000:00:00.0:0,0000:...", small);
	EXPECT_EQ(sizeof(small) - 1, strlen(small));
	smm_dmabuf_info_release(&b);

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	ASSERT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("-", dmabuf_attach_text(&b, small, sizeof(small)));
	smm_dmabuf_info_release(&b);
}

/* ---- import, copy --------------------------------------------------- */

TEST(import)
{
	struct smm_dmabuf_import_req edu = {
		.fd = 4, .target = SHADOW_MM_DMABUF_TARGET_EDU,
	};
	struct smm_dmabuf_import_req as = {
		.fd = 4, .target = SHADOW_MM_DMABUF_TARGET_AS, .as = 2,
		.va = 0x400000,
	};
	struct smm_dmabuf_import_info r;
	char bad[DMABUF_BAD_LEN];
	char *text, *json;
	struct msg m;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 3);
	put_u32(&m, SHADOW_MM_A_DMABUF_DMA_ID, 7);
	ASSERT_EQ(0, dmabuf_decode_import(m.buf, m.len, &r, bad));
	EXPECT_EQ(7U, r.dma_id);
	text = RENDER_OUT(false, dmabuf_print_import(&o_, &edu, &r));
	EXPECT_STREQ("dma 7: dmabuf 3 (fd 4) mapped for the edu device\n", text);
	free(text);
	json = RENDER_OUT(true, dmabuf_print_import(&o_, &edu, &r));
	EXPECT_STREQ("{\"fd\":4,\"target\":\"edu\",\"id\":3,\"dma_id\":7,\"as\":null,\"va\":null}\n",
		     json);
	free(json);

	/* Another exporter's dma-buf has no id of ours. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_DMA_ID, 8);
	ASSERT_EQ(0, dmabuf_decode_import(m.buf, m.len, &r, bad));
	text = RENDER_OUT(false, dmabuf_print_import(&o_, &edu, &r));
	EXPECT_STREQ("dma 8: fd 4 mapped for the edu device\n", text);
	free(text);

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 3);
	ASSERT_EQ(0, dmabuf_decode_import(m.buf, m.len, &r, bad));
	text = RENDER_OUT(false, dmabuf_print_import(&o_, &as, &r));
	EXPECT_STREQ("dmabuf 3 (fd 4) mapped in as 2 at 0x0000000000400000\n",
		     text);
	free(text);
	json = RENDER_OUT(true, dmabuf_print_import(&o_, &as, &r));
	EXPECT_STREQ("{\"fd\":4,\"target\":\"as\",\"id\":3,\"dma_id\":null,\"as\":2,\"va\":4194304}\n",
		     json);
	free(json);

	msg_init(&m);
	put_u64(&m, SHADOW_MM_A_DMABUF_DMA_ID, 8);
	EXPECT_EQ(-EBADMSG, dmabuf_decode_import(m.buf, m.len, &r, bad));
	EXPECT_STREQ("dmabuf dma-id (8 bytes)", bad);
}

TEST(copy)
{
	struct smm_dma_xfer_info x = { 0 };
	char *text, *json;

	x.bytes = 4095;
	x.commands = 2;
	x.src_dma = 0x00800000;
	x.dst_dma = 0x00880000;
	x.device_ns = 200400000;
	x.has[SHADOW_MM_A_DMA_XFER_BYTES] = true;
	x.has[SHADOW_MM_A_DMA_XFER_COMMANDS] = true;
	x.has[SHADOW_MM_A_DMA_XFER_SRC_DMA] = true;
	x.has[SHADOW_MM_A_DMA_XFER_DST_DMA] = true;
	x.has[SHADOW_MM_A_DMA_XFER_DEVICE_NS] = true;

	text = RENDER_OUT(false, dmabuf_print_copy(&o_, 5, 5, true, 524288,
						   &x));
	EXPECT_STREQ("dma 5: 4095 bytes copied (not verified) to offset 524288, 2 commands, src 0x0000000000800000, dst 0x0000000000880000, not bounced, device 200.4 ms\n",
		     text);
	free(text);
	text = RENDER_OUT(false, dmabuf_print_copy(&o_, 5, 6, false, 0, &x));
	EXPECT_EQ(0, strncmp(text, "dma 5 -> 6: 4095 bytes copied (not verified), 2 commands", 56))
		TH_LOG("%s", text);
	free(text);
	json = RENDER_OUT(true, dmabuf_print_copy(&o_, 5, 6, true, 4096, &x));
	EXPECT_EQ(NULL, json_check(json)) TH_LOG("%s", json);
	EXPECT_STREQ("{\"kind\":null,\"src\":5,\"dst\":6,\"copy\":true,\"dst_offset\":4096,\"bytes\":4095,\"commands\":2,\"src_dma\":8388608,\"dst_dma\":8912896,\"bounced\":false,\"device_ns\":200400000}\n",
		     json);
	free(json);
}

/* ---- events --------------------------------------------------------- */

TEST(events)
{
	struct smm_dmabuf_event_info ev;
	char bad[DMABUF_BAD_LEN];
	char *text, *json;
	struct msg m;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, SHADOW_MM_EVENT_TYPE_DMABUF_EXPORT);
	put_u64(&m, SHADOW_MM_A_EVENT_SEQ, 7);
	put_u64(&m, SHADOW_MM_A_EVENT_DROPPED, 0);
	put_u32(&m, SHADOW_MM_A_EVENT_CPU, 1);
	put_u32(&m, SHADOW_MM_A_EVENT_DMABUF_ID, 3);
	put_u64(&m, SHADOW_MM_A_EVENT_DMA_SIZE, 1 << 20);
	/* The allocator's and the DMA layer's attributes are skipped. */
	put_u64(&m, SHADOW_MM_A_EVENT_PFN, 0x800);
	put_u32(&m, SHADOW_MM_A_EVENT_DMA_KIND, SHADOW_MM_DMA_KIND_SG);
	ASSERT_EQ(0, dmabuf_decode_event(m.buf, m.len, &ev, bad))
		TH_LOG("%s", bad);
	EXPECT_TRUE(dmabuf_event_is_dmabuf(ev.type));
	text = RENDER_OUT(false, dmabuf_print_event(&o_, &ev));
	EXPECT_STREQ("dmabuf-export  id 3 1048576 bytes cpu 1\n", text);
	free(text);
	json = RENDER_OUT(true, dmabuf_print_event(&o_, &ev));
	EXPECT_STREQ("{\"seq\":7,\"dropped\":0,\"type\":\"dmabuf-export\",\"id\":3,\"size\":1048576,\"device\":null,\"cpu\":1}\n",
		     json);
	free(json);

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, SHADOW_MM_EVENT_TYPE_DMABUF_ATTACH);
	put_u32(&m, SHADOW_MM_A_EVENT_DMABUF_ID, 3);
	put_str(&m, SHADOW_MM_A_EVENT_DMABUF_DEVICE, "0000:00:02.0");
	ASSERT_EQ(0, dmabuf_decode_event(m.buf, m.len, &ev, bad));
	text = RENDER_OUT(false, dmabuf_print_event(&o_, &ev));
	EXPECT_STREQ("dmabuf-attach  id 3 device 0000:00:02.0\n", text);
	free(text);

	/* A newer module's event type prints as its number. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, 99);
	ASSERT_EQ(0, dmabuf_decode_event(m.buf, m.len, &ev, bad));
	text = RENDER_OUT(false, dmabuf_print_event(&o_, &ev));
	EXPECT_STREQ("99            \n", text);
	free(text);

	EXPECT_FALSE(dmabuf_event_is_dmabuf(SHADOW_MM_EVENT_TYPE_DMA_CHECK));
	EXPECT_TRUE(dmabuf_event_is_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_DETACH));
	EXPECT_TRUE(dmabuf_event_is_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE));
	EXPECT_FALSE(dmabuf_event_is_dmabuf(SHADOW_MM_EVENT_TYPE_DMABUF_RELEASE + 1));
}

/* ---- malformed replies ---------------------------------------------- */

TEST(decode_refuses_malformed)
{
	struct smm_dmabuf_event_info ev;
	struct smm_dmabuf_info b;
	char bad[DMABUF_BAD_LEN];
	struct msg m;

	/* A u32 of 8 bytes; a u64 of 4. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	put_u64(&m, SHADOW_MM_A_DMABUF_PAGES, 1);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf pages (8 bytes)", bad);
	smm_dmabuf_info_release(&b);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_SIZE, 4096);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf size (4 bytes)", bad);
	smm_dmabuf_info_release(&b);

	/* A flag with a payload; a name without its NUL; an empty string. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_CONTIGUOUS, 1);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf contiguous (4 bytes)", bad);
	smm_dmabuf_info_release(&b);
	msg_init(&m);
	put(&m, SHADOW_MM_A_DMABUF_NAME, "frames", 6);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf name (6 bytes)", bad);
	smm_dmabuf_info_release(&b);
	msg_init(&m);
	put(&m, SHADOW_MM_A_DMABUF_OWNER, NULL, 0);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf owner (0 bytes)", bad);
	smm_dmabuf_info_release(&b);

	/* Block counts: not whole u32s; more orders than there can be. */
	msg_init(&m);
	put(&m, SHADOW_MM_A_DMABUF_BLOCKS, "\1\0\0\0\2\0", 6);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf blocks (6 bytes)", bad);
	smm_dmabuf_info_release(&b);
	{
		__u32 many[DMABUF_MAX_ORDERS + 1] = { 1 };

		msg_init(&m);
		put_blocks(&m, many, ARRAY_SIZE(many));
		EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
		EXPECT_STREQ("dmabuf blocks (68 bytes)", bad);
		smm_dmabuf_info_release(&b);
		msg_init(&m);
		put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
		put_blocks(&m, many, DMABUF_MAX_ORDERS);
		EXPECT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad))
			TH_LOG("%s", bad);
		EXPECT_EQ((unsigned int)DMABUF_MAX_ORDERS, b.n_orders);
		EXPECT_EQ(1U, b.blocks[0]);
		smm_dmabuf_info_release(&b);
	}

	/* An attachment's value of the wrong size, inside its nest. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	nest_begin(&m, SHADOW_MM_A_DMABUF_ATTACH);
	put_str(&m, SHADOW_MM_A_DMABUF_ATTACH_DEVICE, "vgem");
	put_u64(&m, SHADOW_MM_A_DMABUF_ATTACH_MAPS, 1);
	nest_end(&m);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf-attach maps (8 bytes)", bad);
	smm_dmabuf_info_release(&b);

	/* A buffer without its id, an attachment without its device. */
	msg_init(&m);
	put_u64(&m, SHADOW_MM_A_DMABUF_SIZE, 4096);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf: no id", bad);
	smm_dmabuf_info_release(&b);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	nest_begin(&m, SHADOW_MM_A_DMABUF_ATTACH);
	put_u32(&m, SHADOW_MM_A_DMABUF_ATTACH_MAPS, 1);
	nest_end(&m);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf-attach: no device", bad);
	smm_dmabuf_info_release(&b);

	/* Cut short; inside a whole nest, an attribute longer than it. */
	shared_msg(&m);
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len - 4, &b, bad));
	EXPECT_STREQ("dmabuf: an attribute runs past the message", bad);
	smm_dmabuf_info_release(&b);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	nest_begin(&m, SHADOW_MM_A_DMABUF_ATTACH);
	put_u32(&m, SHADOW_MM_A_DMABUF_ATTACH_MAPS, 1);
	nest_end(&m);
	((struct nlattr *)(m.buf + m.len - 8))->nla_len += 8;
	EXPECT_EQ(-EBADMSG, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_STREQ("dmabuf-attach: an attribute runs past the message", bad);
	smm_dmabuf_info_release(&b);

	/* An event without its type; a device without its NUL. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_DMABUF_ID, 1);
	EXPECT_EQ(-EBADMSG, dmabuf_decode_event(m.buf, m.len, &ev, bad));
	EXPECT_STREQ("event: no type", bad);
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_EVENT_TYPE, SHADOW_MM_EVENT_TYPE_DMABUF_DETACH);
	put(&m, SHADOW_MM_A_EVENT_DMABUF_DEVICE, "vgem", 4);
	EXPECT_EQ(-EBADMSG, dmabuf_decode_event(m.buf, m.len, &ev, bad));
	EXPECT_STREQ("event dmabuf-device (4 bytes)", bad);

	/* A newer module's attribute is skipped, not refused. */
	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 9);
	put_u64(&m, SHADOW_MM_A_DMABUF_MAX + 1, 5);
	EXPECT_EQ(0, dmabuf_decode(m.buf, m.len, &b, bad));
	EXPECT_EQ(9U, b.id);
	smm_dmabuf_info_release(&b);
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
	struct smm_dmabuf_import_info r;
	struct smm_dmabuf_event_info ev;
	struct smm_dmabuf_info b;
	char bad[DMABUF_BAD_LEN];
	struct msg msgs[2];
	unsigned char *copy;
	const struct msg *m;
	size_t len;
	char *out;
	int i, ret;

	TH_LOG("seed %u (SMM_SEED=%u to repeat)", seed, seed);
	srand(seed);
	shared_msg(&msgs[0]);
	plain_msg(&msgs[1]);
	for (i = 0; i < 20000; i++) {
		m = &msgs[i % 2];
		copy = fuzz_mutation(m, i, &len);
		ASSERT_NE(NULL, copy);
		ret = dmabuf_decode(copy, len, &b, bad);
		EXPECT_TRUE(ret == 0 || ret == -EBADMSG);
		if (!ret) {
			out = RENDER_OUT(i % 2, dmabuf_print_buf(&o_, &b));
			free(out);
			out = RENDER_OUT(i % 2, dmabuf_print_list(&o_, &b, 1));
			free(out);
		}
		smm_dmabuf_info_release(&b);
		if (!dmabuf_decode_event(copy, len, &ev, bad)) {
			out = RENDER_OUT(i % 2, dmabuf_print_event(&o_, &ev));
			free(out);
		}
		EXPECT_GE(0, dmabuf_decode_import(copy, len, &r, bad));
		free(copy);
		if (!_metadata->passed)
			break;
	}
}

/* ---- names ---------------------------------------------------------- */

/* Every attribute of the dma-buf sets, and of those it extends. */
TEST(attr_sets_complete)
{
	static const struct smm_attr_set *const sets[] = {
		&smm_dmabuf_attr_set, &smm_dmabuf_attach_attr_set,
		&smm_event_attr_set, &smm_dma_xfer_attr_set,
	};
	static const unsigned int max[] = {
		SHADOW_MM_A_DMABUF_MAX, SHADOW_MM_A_DMABUF_ATTACH_MAX,
		SHADOW_MM_A_EVENT_MAX, SHADOW_MM_A_DMA_XFER_MAX,
	};

	expect_attr_sets_named(_metadata, sets, max, ARRAY_SIZE(sets));
	EXPECT_STREQ("dma-id", smm_attr_name(&smm_dmabuf_attr_set,
					     SHADOW_MM_A_DMABUF_DMA_ID));
	EXPECT_STREQ("dmabuf-device",
		     smm_attr_name(&smm_event_attr_set,
				   SHADOW_MM_A_EVENT_DMABUF_DEVICE));
	EXPECT_STREQ("dst-offset",
		     smm_attr_name(&smm_dma_xfer_attr_set,
				   SHADOW_MM_A_DMA_XFER_DST_OFFSET));
}

/* An extack offset inside an attachment names it: "attach[1].maps". */
TEST(attr_paths)
{
	const struct smm_attr_set *inner;
	size_t second;
	char path[64];
	struct msg m;

	msg_init(&m);
	put_u32(&m, SHADOW_MM_A_DMABUF_ID, 1);
	attach(&m, "vgem", NULL, 1, 0, 0, false);
	second = m.len;
	nest_begin(&m, SHADOW_MM_A_DMABUF_ATTACH);
	put_str(&m, SHADOW_MM_A_DMABUF_ATTACH_DEVICE, "edu");
	put_u32(&m, SHADOW_MM_A_DMABUF_ATTACH_MAPS, 2);
	nest_end(&m);
	ASSERT_TRUE(smm_attr_path(&smm_dmabuf_attr_set, m.buf, m.len,
				  second + NLA_HDRLEN + 8 + 2, path,
				  sizeof(path), &inner));
	EXPECT_STREQ("attach[1].maps", path);
	ASSERT_TRUE(smm_attr_path(&smm_dmabuf_attr_set, m.buf, m.len, 2, path,
				  sizeof(path), &inner));
	EXPECT_STREQ("id", path);
}

/* The import targets and the new DMA kind have their spec names. */
TEST(enum_names)
{
	EXPECT_EQ(NULL, smm_dmabuf_target_name(0));
	EXPECT_STREQ("edu", smm_dmabuf_target_name(SHADOW_MM_DMABUF_TARGET_EDU));
	EXPECT_STREQ("as", smm_dmabuf_target_name(SHADOW_MM_DMABUF_TARGET_AS));
	EXPECT_EQ(NULL, smm_dmabuf_target_name(SHADOW_MM_DMABUF_TARGET_AS + 1));
	EXPECT_STREQ("dmabuf", smm_dma_kind_name(SHADOW_MM_DMA_KIND_DMABUF));
	EXPECT_EQ(NULL, smm_dma_kind_name(SHADOW_MM_DMA_KIND_DMABUF + 1));
}

TEST_HARNESS_MAIN
