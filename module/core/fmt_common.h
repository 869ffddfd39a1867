/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the page-table format files (fmt_*.c) share: bit extraction,
 * filling a struct smm_pt_field array, building a ptdump-style attribute
 * string, and decoding a MAIR attribute (arm-lpae and arm64). Core
 * internal: the walker and the address spaces use pt_format.h only.
 */

#ifndef _SMM_FMT_COMMON_H
#define _SMM_FMT_COMMON_H

#include "pt_format.h"

#ifndef BIT_ULL
#define BIT_ULL(nr)		((u64)1 << (nr))
#endif
#ifndef GENMASK_ULL
#define GENMASK_ULL(h, l)	((~0ULL << (l)) & (~0ULL >> (63 - (h))))
#endif

#define SZ_4K_ULL	BIT_ULL(12)
#define SZ_1M_ULL	BIT_ULL(20)
#define SZ_2M_ULL	BIT_ULL(21)
#define SZ_16M_ULL	BIT_ULL(24)
#define SZ_1G_ULL	BIT_ULL(30)

/* Bits @hi..@lo of @v, shifted down. */
static inline u64 smm_pt_bits(u64 v, unsigned int hi, unsigned int lo)
{
	return (v & GENMASK_ULL(hi, lo)) >> lo;
}

/* Bit @nr of @v: 0 or 1. */
static inline u64 smm_pt_bit(u64 v, unsigned int nr)
{
	return (v >> nr) & 1;
}

/**
 * struct smm_pt_fields - a struct smm_pt_field array being filled
 * @f: the array
 * @max: its room
 * @n: fields filled; never above @max
 */
struct smm_pt_fields {
	struct smm_pt_field *f;
	unsigned int max;
	unsigned int n;
};

struct smm_pt_field *smm_pt_field_add(struct smm_pt_fields *fs,
				      const char *name, u64 value,
				      const char *text);
void smm_pt_field_pa(struct smm_pt_fields *fs, const char *name, u64 value,
		     u64 pa);
void smm_pt_attrs_add(char *buf, size_t len, const char *token);

/*
 * Attribute @idx (AttrIndx) of a MAIR value: MAIR_EL1, or LPAE's MAIR0
 * in bits 31:0 and MAIR1 in bits 63:32.
 */
static inline u8 smm_pt_mair_attr(u64 mair, unsigned int idx)
{
	return (mair >> (8 * (idx & 7))) & 0xff;
}

/* A MAIR attribute of Device (or Strongly-ordered) memory: Attr[7:4] 0. */
static inline bool smm_pt_mair_is_device(u8 attr)
{
	return !(attr & 0xf0);
}

void smm_pt_mair_text(u8 attr, bool v8, char *buf, size_t len);

/* SH[1:0] of a long descriptor (arm-lpae, arm64), by value. */
extern const char *const smm_pt_sh_text[4];

/*
 * Clearing a 64-bit descriptor, table or leaf, where a format writes one
 * descriptor and no companion (all but arm).
 */
void smm_pt_clear_table64(void *desc, unsigned int idx);
void smm_pt_clear_leaf64(void *desc, unsigned int level);

#endif /* _SMM_FMT_COMMON_H */
