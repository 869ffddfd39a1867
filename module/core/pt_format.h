/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page-table formats: for each hardware format, its shape (levels, the
 * SHIFT and index bits of each, descriptor size) and operations that
 * read, decode and write its descriptors bit-exactly. One file per
 * format (fmt_arm.c, fmt_arm_lpae.c, fmt_arm64.c, fmt_x86_64.c), each
 * citing the manual; the generic walker (walk.c) and the address spaces
 * (as.c) go through this interface. Their fast paths (translating an
 * address, filling and clearing a table of pages) use each format's
 * small header of inline operations instead (fmt_*.h, chosen by id in
 * pt_ops.h), which its .c file builds decode and set_leaf on.
 *
 * Descriptors are reached through a pointer to the descriptor itself,
 * inside a page-table page that the caller has mapped whole: a format
 * may look beside it (arm keeps the Linux PTE 2048 bytes below the
 * hardware one; arm writes L1 descriptors in pairs).
 */

#ifndef _SMM_PT_FORMAT_H
#define _SMM_PT_FORMAT_H

#include "smm_ctx.h"

#define SMM_PT_MAX_LEVELS	SHADOW_MM_MAX_PT_LEVELS
#define SMM_PT_PAGE_SHIFT	12	/* every format here: 4 KiB pages */
#define SMM_PT_PAGE_SIZE	BIT(SMM_PT_PAGE_SHIFT)
#define SMM_PT_MAX_FIELDS	24
#define SMM_PT_FIELD_TEXT_LEN	40
#define SMM_PT_ATTRS_LEN	96

/*
 * Protections of a mapping request (the uapi enum shadow_mm_prot):
 * SMM_PROT_READ, SMM_PROT_WRITE, SMM_PROT_EXEC, SMM_PROT_USER.
 */
#define SMM_PROT_READ		SHADOW_MM_PROT_READ
#define SMM_PROT_WRITE		SHADOW_MM_PROT_WRITE
#define SMM_PROT_EXEC		SHADOW_MM_PROT_EXEC
#define SMM_PROT_USER		SHADOW_MM_PROT_USER
#define SMM_PROT_ALL		(SMM_PROT_READ | SMM_PROT_WRITE | \
				 SMM_PROT_EXEC | SMM_PROT_USER)

/*
 * Permissions as the MMU checks them, per privilege: what a descriptor
 * allows (a table descriptor: what it does not take away from the
 * levels below). A walk ANDs them over the levels.
 */
#define SMM_PT_PR		BIT(0)	/* privileged (kernel) read */
#define SMM_PT_PW		BIT(1)	/* privileged write */
#define SMM_PT_PX		BIT(2)	/* privileged execute */
#define SMM_PT_UR		BIT(3)	/* user read */
#define SMM_PT_UW		BIT(4)	/* user write */
#define SMM_PT_UX		BIT(5)	/* user execute */
#define SMM_PT_PERM_ALL		(BIT(6) - 1)

/*
 * Attributes of a leaf, decoded and encoded.
 * @SMM_PT_ATTR_ACCESSED: x86 A, arm64/LPAE AF, arm Linux L_PTE_YOUNG
 * @SMM_PT_ATTR_DIRTY: x86 D; arm, LPAE and arm64: Linux's software
 *	dirty bit (the hardware is made read-only while clean)
 * @SMM_PT_ATTR_SW_WRITE: the OS allows writes (x86 RW, arm
 *	!L_PTE_RDONLY, arm64 PTE_WRITE/DBM): a clean page may still be
 *	read-only for the hardware
 * @SMM_PT_ATTR_SW_PRESENT: arm: the Linux PTE is present although the
 *	hardware PTE is empty (Linux keeps it so while the page is old)
 * @SMM_PT_ATTR_GLOBAL: not tied to an ASID/PCID (x86 G, arm !nG)
 * @SMM_PT_ATTR_CONTIG: arm64 contiguous hint; arm supersection (16
 *	replicated L1 entries); on encode, write it so
 * @SMM_PT_ATTR_DEVICE: device or strongly-ordered memory type
 */
#define SMM_PT_ATTR_ACCESSED	BIT(0)
#define SMM_PT_ATTR_DIRTY	BIT(1)
#define SMM_PT_ATTR_SW_WRITE	BIT(2)
#define SMM_PT_ATTR_SW_PRESENT	BIT(3)
#define SMM_PT_ATTR_GLOBAL	BIT(4)
#define SMM_PT_ATTR_CONTIG	BIT(5)
#define SMM_PT_ATTR_DEVICE	BIT(6)

/*
 * enum smm_pt_kind - what a descriptor is; the uapi enum
 * shadow_mm_entry_kind is the same one higher.
 */
enum smm_pt_kind {
	SMM_PT_INVALID,
	SMM_PT_TABLE,
	SMM_PT_BLOCK,
	SMM_PT_PAGE,
};

/*
 * Format flags (struct smm_pt_format.flags): how the hardware tracks
 * accessed and dirty, which decides what a touch does.
 * @SMM_PT_FMT_HW_AD: the MMU sets accessed and dirty itself (x86)
 * @SMM_PT_FMT_AF_FAULT: a clear access flag raises an access-flag fault
 *	(arm-lpae, arm64 without FEAT_HAFDBS)
 * @SMM_PT_FMT_YOUNG_BY_INVALID: an old page has an empty hardware PTE
 *	and faults as a translation fault (arm short-descriptor)
 */
#define SMM_PT_FMT_HW_AD		BIT(0)
#define SMM_PT_FMT_AF_FAULT		BIT(1)
#define SMM_PT_FMT_YOUNG_BY_INVALID	BIT(2)

/**
 * struct smm_pt_level - one translation level of a format at a depth
 * @name: Linux's name of the table (pgd, p4d, pud, pmd, pte)
 * @shift: lowest VA bit of the index (PGDIR_SHIFT, PMD_SHIFT, ...)
 * @bits: VA bits of the index; the table holds 1 << @bits descriptors
 * @leaf_kinds: BIT(SMM_PT_BLOCK) and/or BIT(SMM_PT_PAGE): the leaves a
 *	descriptor at this level can be
 * @contig: descriptors a contiguous run spans (SMM_PT_ATTR_CONTIG), 0
 *	when the level has none
 */
struct smm_pt_level {
	const char *name;
	u8 shift;
	u8 bits;
	u8 leaf_kinds;
	u8 contig;
};

/**
 * struct smm_pt_entry - a descriptor, decoded
 * @kind: what it is
 * @addr: output address: the next table, or the first byte of the
 *	block or page (for a contiguous run, of this descriptor's part)
 * @size: bytes a leaf's output covers (a supersection: 16 MiB; an arm
 *	large page: 64 KiB; else the level's 1 << shift)
 * @perm: SMM_PT_P* and SMM_PT_U* bits this descriptor allows
 * @attr: SMM_PT_ATTR_* bits
 */
struct smm_pt_entry {
	enum smm_pt_kind kind;
	u64 addr;
	u64 size;
	u32 perm;
	u32 attr;
};

/**
 * struct smm_pt_field - one named field of a descriptor
 * @name: as the manual (or Linux, for software bits) names it
 * @value: its value, shifted down
 * @text: what the value means ("" when the number says it)
 */
struct smm_pt_field {
	const char *name;
	u64 value;
	char text[SMM_PT_FIELD_TEXT_LEN];
};

struct smm_pt_cfg;

/**
 * struct smm_pt_format - a page-table format
 * @id: its value on the wire
 * @name: its name on the command line and in JSON
 * @min_levels: fewest translation levels the format is used with
 * @max_levels: most translation levels
 * @desc_size: bytes of a hardware descriptor (4 or 8)
 * @root_order: the root table takes 1 << @root_order pages (arm: 2)
 * @pa_bits: physical-address bits a leaf can output
 * @flags: SMM_PT_FMT_* flags
 * @default_mair: the MAIR Linux programs for this format (0 when
 *	AttrIndx does not exist)
 * @level: the shape of @level (0: the root) at depth @levels
 * @read: the descriptor at @desc; for arm's PTE level, also the Linux
 *	PTE into *@sw (else *@sw = 0)
 * @decode: decode @raw (and @sw) found at @level
 * @set_table: point the invalid descriptor at @desc (index @idx) to a
 *	new zeroed table page at @page_pa (arm: both descriptors of the
 *	pair, each to its half); returns the address of the table @desc
 *	now points to
 * @clear_table: clear the table descriptor at @desc (arm: the pair)
 * @set_leaf: write a leaf of @kind at @level mapping @pa with @prot
 *	(SMM_PROT_*) and @attr (SMM_PT_ATTR_ACCESSED, _DIRTY, _CONTIG,
 *	_GLOBAL, _DEVICE), as Linux would encode it; arm writes the Linux
 *	PTE and the hardware PTE it derives (empty while old)
 * @clear_leaf: clear the leaf at @desc (arm: both PTEs)
 * @fields: fill up to @max fields of the descriptor; returns how many
 * @attrs_str: the leaf's attributes as the kernel's ptdump prints them
 *	for this architecture ("RW NX SHD AF UXN MEM/NORMAL")
 */
struct smm_pt_format {
	enum shadow_mm_pt_format id;
	const char *name;
	unsigned int min_levels;
	unsigned int max_levels;
	unsigned int desc_size;
	unsigned int root_order;
	unsigned int pa_bits;
	u32 flags;
	u64 default_mair;
	const struct smm_pt_level *(*level)(unsigned int levels,
					    unsigned int level);
	u64 (*read)(const void *desc, unsigned int level, u64 *sw);
	void (*decode)(const struct smm_pt_cfg *cfg, unsigned int level,
		       u64 raw, u64 sw, struct smm_pt_entry *e);
	u64 (*set_table)(void *desc, unsigned int idx, u64 page_pa);
	void (*clear_table)(void *desc, unsigned int idx);
	void (*set_leaf)(const struct smm_pt_cfg *cfg, void *desc,
			 unsigned int level, enum smm_pt_kind kind, u64 pa,
			 u32 prot, u32 attr);
	void (*clear_leaf)(void *desc, unsigned int level);
	unsigned int (*fields)(const struct smm_pt_cfg *cfg,
			       unsigned int level, u64 raw, u64 sw,
			       struct smm_pt_field *f, unsigned int max);
	void (*attrs_str)(const struct smm_pt_cfg *cfg, unsigned int level,
			  u64 raw, u64 sw, char *buf, size_t len);
};

/*
 * enum smm_pt_fast - a format at a depth with its own unrolled walk in
 * smm_pt_translate() and smm_as_translate() (its constants compiled
 * in); SMM_PT_FAST_NONE for one without.
 */
enum smm_pt_fast {
	SMM_PT_FAST_NONE,
	SMM_PT_FAST_ARM,
	SMM_PT_FAST_ARM_LPAE,
	SMM_PT_FAST_ARM64_3,
	SMM_PT_FAST_ARM64_4,
	SMM_PT_FAST_X86_64_4,
	SMM_PT_FAST_X86_64_5,
};

/**
 * struct smm_pt_cfg - a format at a depth: what a walk needs to know
 * @fmt: the format
 * @levels: translation levels, within the format's min and max
 * @mair: MAIR value AttrIndx decodes through (arm-lpae, arm64)
 * @lvl: the shape of each level, from fmt->level()
 * @va_bits: VA bits translated: lvl[0].shift + lvl[0].bits
 * @fast: the same format and depth for smm_pt_translate()
 */
struct smm_pt_cfg {
	const struct smm_pt_format *fmt;
	unsigned int levels;
	u64 mair;
	const struct smm_pt_level *lvl[SMM_PT_MAX_LEVELS];
	unsigned int va_bits;
	enum smm_pt_fast fast;
};

extern const struct smm_pt_format smm_pt_format_arm;
extern const struct smm_pt_format smm_pt_format_arm_lpae;
extern const struct smm_pt_format smm_pt_format_arm64;
extern const struct smm_pt_format smm_pt_format_x86_64;

const struct smm_pt_format *smm_pt_format_by_id(u32 id);
const struct smm_pt_format *smm_pt_format_by_name(const char *name);
bool smm_pt_format_levels_valid(const struct smm_pt_format *fmt,
				unsigned int levels);
int smm_pt_cfg_init(struct smm_pt_cfg *cfg, const struct smm_pt_format *fmt,
		    unsigned int levels, u64 mair);

/* Bytes one descriptor at @level maps: 1 << shift. */
static inline u64 smm_pt_level_size(const struct smm_pt_cfg *cfg,
				    unsigned int level)
{
	return 1ULL << cfg->lvl[level]->shift;
}

/* Index of @va in the table at @level. */
static inline unsigned int smm_pt_index(const struct smm_pt_cfg *cfg,
					unsigned int level, u64 va)
{
	const struct smm_pt_level *l = cfg->lvl[level];

	return (va >> l->shift) & ((1U << l->bits) - 1);
}

#endif /* _SMM_PT_FORMAT_H */
