// SPDX-License-Identifier: GPL-2.0
/*
 * The table of page-table formats, a format at a depth (struct
 * smm_pt_cfg), and the helpers the format files share (fmt_common.h).
 *
 * Levels as each architecture's Linux port uses them:
 *  - arm: short-descriptor, 2 levels (ARM ARM v7-AR B3.5), the PMD folded;
 *  - arm-lpae: long-descriptor, 3 levels (ARM ARM v7-AR B3.6);
 *  - arm64: 4 KiB granule, 3 levels for 39-bit VA, 4 for 48-bit
 *    (ARM ARM v8-A D5.3, chapter D8 from issue H);
 *  - x86_64: 4-level paging, 5 with LA57 (SDM vol. 3A, 4.5).
 */

#include "fmt_common.h"

static const struct smm_pt_format *const smm_pt_formats[] = {
	&smm_pt_format_arm,
	&smm_pt_format_arm_lpae,
	&smm_pt_format_arm64,
	&smm_pt_format_x86_64,
};

/**
 * smm_pt_format_by_id() - look a format up by its wire value
 * @id: an enum shadow_mm_pt_format value
 *
 * Return: the format, or NULL for a value shadowmm does not know.
 */
const struct smm_pt_format *smm_pt_format_by_id(u32 id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smm_pt_formats); i++)
		if (smm_pt_formats[i]->id == id)
			return smm_pt_formats[i];
	return NULL;
}

/**
 * smm_pt_format_by_name() - look a format up by its name
 * @name: a format name such as "arm-lpae"
 *
 * Return: the format, or NULL for a name shadowmm does not know.
 */
const struct smm_pt_format *smm_pt_format_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(smm_pt_formats); i++)
		if (!strcmp(smm_pt_formats[i]->name, name))
			return smm_pt_formats[i];
	return NULL;
}

/**
 * smm_pt_format_levels_valid() - whether a format is used with that depth
 * @fmt: the format
 * @levels: number of translation levels
 *
 * Return: true if @fmt translates with @levels levels.
 */
bool smm_pt_format_levels_valid(const struct smm_pt_format *fmt,
				unsigned int levels)
{
	return levels >= fmt->min_levels && levels <= fmt->max_levels;
}

static enum smm_pt_fast smm_pt_cfg_fast(u32 id, unsigned int levels)
{
	switch (id) {
	case SHADOW_MM_PT_FORMAT_ARM:
		return SMM_PT_FAST_ARM;
	case SHADOW_MM_PT_FORMAT_ARM_LPAE:
		return SMM_PT_FAST_ARM_LPAE;
	case SHADOW_MM_PT_FORMAT_ARM64:
		return levels == 3 ? SMM_PT_FAST_ARM64_3 : SMM_PT_FAST_ARM64_4;
	case SHADOW_MM_PT_FORMAT_X86_64:
		return levels == 4 ? SMM_PT_FAST_X86_64_4 :
				     SMM_PT_FAST_X86_64_5;
	default:
		return SMM_PT_FAST_NONE;
	}
}

/**
 * smm_pt_cfg_init() - set up a format at a depth
 * @cfg: filled in
 * @fmt: the format
 * @levels: translation levels
 * @mair: the MAIR AttrIndx decodes through; 0 for the one Linux programs
 *	(fmt->default_mair)
 *
 * Return: 0, or -EINVAL when @fmt is not used with @levels levels.
 */
int smm_pt_cfg_init(struct smm_pt_cfg *cfg, const struct smm_pt_format *fmt,
		    unsigned int levels, u64 mair)
{
	unsigned int i;

	if (!fmt || !smm_pt_format_levels_valid(fmt, levels) ||
	    levels > SMM_PT_MAX_LEVELS)
		return -EINVAL;

	memset(cfg, 0, sizeof(*cfg));
	cfg->fmt = fmt;
	cfg->levels = levels;
	cfg->mair = mair ? mair : fmt->default_mair;
	for (i = 0; i < levels; i++) {
		cfg->lvl[i] = fmt->level(levels, i);
		if (!cfg->lvl[i])
			return -EINVAL;
	}
	cfg->va_bits = cfg->lvl[0]->shift + cfg->lvl[0]->bits;
	cfg->fast = smm_pt_cfg_fast(fmt->id, levels);
	return 0;
}

/**
 * smm_pt_field_add() - append a field, when there is room
 * @fs: the array being filled
 * @name: the field's name (a string literal: only the pointer is kept)
 * @value: its value, shifted down
 * @text: what it means, or NULL
 *
 * Return: the field, for a caller that writes its text itself, or NULL
 * when the array is full.
 */
struct smm_pt_field *smm_pt_field_add(struct smm_pt_fields *fs,
				      const char *name, u64 value,
				      const char *text)
{
	struct smm_pt_field *f;

	if (fs->n >= fs->max)
		return NULL;
	f = &fs->f[fs->n++];
	f->name = name;
	f->value = value;
	snprintf(f->text, sizeof(f->text), "%s", text ? text : "");
	return f;
}

/**
 * smm_pt_field_pa() - append an address field: its bits and the address
 * @fs: the array being filled
 * @name: the field's name
 * @value: the address bits, shifted down
 * @pa: the physical address they make
 */
void smm_pt_field_pa(struct smm_pt_fields *fs, const char *name, u64 value,
		     u64 pa)
{
	struct smm_pt_field *f = smm_pt_field_add(fs, name, value, NULL);

	if (f)
		snprintf(f->text, sizeof(f->text), "pa 0x%llx",
			 (unsigned long long)pa);
}

/**
 * smm_pt_attrs_add() - append one ptdump column to an attribute string
 * @buf: the string so far (NUL-terminated)
 * @len: its room
 * @token: the column as ptdump prints it; its padding is dropped, and a
 *	blank column adds nothing
 *
 * ptdump pads absent attributes with spaces to keep its columns aligned;
 * a string made here keeps only the words, one space apart.
 */
void smm_pt_attrs_add(char *buf, size_t len, const char *token)
{
	size_t pos = strlen(buf);
	size_t n;

	while (*token == ' ')
		token++;
	n = strlen(token);
	while (n && token[n - 1] == ' ')
		n--;
	if (!n || pos + 1 >= len)
		return;
	snprintf(buf + pos, len - pos, "%s%.*s", pos ? " " : "", (int)n,
		 token);
}

/*
 * One half of a Normal MAIR attribute (ARM ARM v8-A, MAIR_EL1): 0b00RW
 * Write-Through transient, 0b0100 Non-cacheable, 0b01RW Write-Back
 * transient, 0b10RW Write-Through, 0b11RW Write-Back; R read-allocate,
 * W write-allocate. 0b0000 is not a Normal policy.
 */
static const char *const smm_pt_mair_cache[16] = {
	"?", "WT-t WA", "WT-t RA", "WT-t RA WA",
	"NC", "WB-t WA", "WB-t RA", "WB-t RA WA",
	"WT", "WT WA", "WT RA", "WT RA WA",
	"WB", "WB WA", "WB RA", "WB RA WA",
};

/**
 * smm_pt_mair_text() - what a MAIR attribute means
 * @attr: the attribute (Attr<n> of MAIR_EL1, or of LPAE's MAIR0/MAIR1)
 * @v8: name device memory as ARMv8 does (Device-nGnRE), else as ARMv7
 *	(Strongly-ordered, Device)
 * @buf: where the text goes
 * @len: its room
 *
 * ARM ARM v8-A MAIR_EL1, v7-AR B4.1 MAIR0 and MAIR1:
 * Attr[7:4] 0 is Device memory, its kind in Attr[3:2]; else Normal
 * memory with the outer policy in Attr[7:4] and the inner in Attr[3:0]
 * (R: read-allocate, W: write-allocate, -t: transient).
 */
void smm_pt_mair_text(u8 attr, bool v8, char *buf, size_t len)
{
	static const char *const dev_v8[4] = {
		"Device-nGnRnE", "Device-nGnRE", "Device-nGRE", "Device-GRE"
	};
	static const char *const dev_v7[4] = {
		"Strongly-ordered", "Device", NULL, NULL
	};
	unsigned int outer = attr >> 4, inner = attr & 0xf;

	if (smm_pt_mair_is_device(attr)) {
		const char *name = (v8 ? dev_v8 : dev_v7)[inner >> 2];

		if ((inner & 3) || !name)
			snprintf(buf, len, "Device (reserved 0x%02x)", attr);
		else
			snprintf(buf, len, "%s", name);
		return;
	}
	if (attr == 0xf0) {
		snprintf(buf, len, "Normal Tagged (MTE)");
		return;
	}
	if (!inner) {
		snprintf(buf, len, "Normal (reserved 0x%02x)", attr);
		return;
	}
	if (inner == outer)
		snprintf(buf, len, "Normal %s", smm_pt_mair_cache[inner]);
	else
		snprintf(buf, len, "Normal I:%s O:%s",
			 smm_pt_mair_cache[inner], smm_pt_mair_cache[outer]);
}

const char *const smm_pt_sh_text[4] = {
	"non-shareable", "reserved", "outer shareable", "inner shareable",
};

/**
 * smm_pt_clear_table64() - clear a 64-bit table descriptor
 * @desc: the descriptor
 * @idx: its index (unused: no companion to clear)
 */
void smm_pt_clear_table64(void *desc, unsigned int idx)
{
	WRITE_ONCE(*(u64 *)desc, 0);
}

/**
 * smm_pt_clear_leaf64() - clear a 64-bit leaf descriptor
 * @desc: the descriptor
 * @level: its level (unused: every level clears alike)
 */
void smm_pt_clear_leaf64(void *desc, unsigned int level)
{
	WRITE_ONCE(*(u64 *)desc, 0);
}
