// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of module/core/pt_format.c, the table of page-table
 * formats, built from the same source as the module under ASan/UBSan.
 */

#include "kselftest_harness.h"

#include "pt_format.h"

static const struct {
	const char *name;
	enum shadow_mm_pt_format id;
	unsigned int levels;		/* the depth Linux uses it with */
} known[] = {
	{ "arm", SHADOW_MM_PT_FORMAT_ARM, 2 },
	{ "arm-lpae", SHADOW_MM_PT_FORMAT_ARM_LPAE, 3 },
	{ "arm64", SHADOW_MM_PT_FORMAT_ARM64, 4 },
	{ "arm64", SHADOW_MM_PT_FORMAT_ARM64, 3 },
	{ "x86_64", SHADOW_MM_PT_FORMAT_X86_64, 4 },
	{ "x86_64", SHADOW_MM_PT_FORMAT_X86_64, 5 },
};

TEST(every_format_found_by_name_and_id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		const struct smm_pt_format *by_name, *by_id;

		by_name = smm_pt_format_by_name(known[i].name);
		by_id = smm_pt_format_by_id(known[i].id);
		ASSERT_NE(NULL, by_name) TH_LOG("%s", known[i].name);
		ASSERT_EQ(by_name, by_id) TH_LOG("%s", known[i].name);
		EXPECT_STREQ(known[i].name, by_id->name);
		EXPECT_TRUE(smm_pt_format_levels_valid(by_id, known[i].levels))
			TH_LOG("%s with %u levels", known[i].name,
			       known[i].levels);
	}
}

TEST(every_wire_value_has_a_format)
{
	u32 id;

	/* 0 is reserved; each value the uapi enum defines has an entry. */
	EXPECT_EQ(NULL, smm_pt_format_by_id(0));
	for (id = SHADOW_MM_PT_FORMAT_ARM; id <= SHADOW_MM_PT_FORMAT_X86_64; id++)
		EXPECT_NE(NULL, smm_pt_format_by_id(id)) TH_LOG("id %u", id);
	EXPECT_EQ(NULL, smm_pt_format_by_id(SHADOW_MM_PT_FORMAT_X86_64 + 1));
	EXPECT_EQ(NULL, smm_pt_format_by_id(~0u));
}

TEST(unknown_names_refused)
{
	EXPECT_EQ(NULL, smm_pt_format_by_name(""));
	EXPECT_EQ(NULL, smm_pt_format_by_name("ARM"));
	EXPECT_EQ(NULL, smm_pt_format_by_name("arm-"));
	EXPECT_EQ(NULL, smm_pt_format_by_name("x86"));
	EXPECT_EQ(NULL, smm_pt_format_by_name("riscv"));
}

TEST(depths_outside_the_format_refused)
{
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm"), 3));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm-lpae"), 2));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm64"), 5));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("arm64"), 2));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("x86_64"), 3));
	EXPECT_FALSE(smm_pt_format_levels_valid(smm_pt_format_by_name("x86_64"), 0));
}

TEST_HARNESS_MAIN
