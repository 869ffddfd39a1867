/* SPDX-License-Identifier: GPL-2.0 */
/*
 * attr_decode.h - a strict, table-driven decoder of netlink attributes
 * into a struct, shared by the DMA and dma-buf reply decoders
 *
 * A table row per attribute type says where its value goes in the struct;
 * every header must lie within the message (or its nest), every value must
 * have exactly its type's size, every string must end within its attribute
 * and a flag must be empty. Anything else refuses the whole reply, naming
 * the attribute. Types without a row (from a newer module) are skipped.
 */
#ifndef SMM_ATTR_DECODE_H
#define SMM_ATTR_DECODE_H

#include <stdbool.h>
#include <stddef.h>

struct smm_attr_set;

/* Room for what a decoder refused ("dma-seg len (8 bytes)"). */
#define ATTR_BAD_LEN		96

/* What an attribute holds; ATTR_VAL_NONE: a type the decoder skips. */
enum attr_val {
	ATTR_VAL_NONE,
	ATTR_VAL_U32,
	ATTR_VAL_U64,
	ATTR_VAL_STR,
	ATTR_VAL_FLAG,
	ATTR_VAL_NEST,
	ATTR_VAL_U32_ARRAY,
};

/**
 * struct attr_member - where an attribute of a set goes in its struct
 * @val: what the attribute holds
 * @offset: offset of the member
 * @size: ATTR_VAL_STR: size of the member's buffer; ATTR_VAL_U32_ARRAY:
 *	elements the member's array holds
 * @count_offset: ATTR_VAL_U32_ARRAY: offset of the unsigned int that gets
 *	the number of elements that came
 */
struct attr_member {
	enum attr_val val;
	size_t offset;
	size_t size;
	size_t count_offset;
};

/* Table rows, indexed by attribute type; TYPE is the struct filled. */
#define ATTR_U32(field)		{ ATTR_VAL_U32, offsetof(TYPE, field), 0 }
#define ATTR_U64(field)		{ ATTR_VAL_U64, offsetof(TYPE, field), 0 }
#define ATTR_STR(field, size)	{ ATTR_VAL_STR, offsetof(TYPE, field), size }
#define ATTR_FLAG(field)	{ ATTR_VAL_FLAG, offsetof(TYPE, field), 0 }
#define ATTR_NEST		{ ATTR_VAL_NEST, 0, 0 }
/* A binary attribute of u32s (a spec's sub-type: u32), into an array. */
#define ATTR_U32_ARRAY(field, count)					\
	{ ATTR_VAL_U32_ARRAY, offsetof(TYPE, field),			\
	  sizeof(((TYPE *)0)->field) / sizeof(__u32), offsetof(TYPE, count) }

/**
 * struct attr_set - how to decode one attribute set
 * @names: its names, for messages
 * @members: where each attribute goes, by type
 * @n_members: rows in @members
 * @nest: called with each ATTR_VAL_NEST attribute's payload (@len bytes);
 *	NULL skips them
 * @required: the types that must come, in the order they are checked,
 *	ended by 0; NULL when none must
 */
struct attr_set {
	const struct smm_attr_set *names;
	const struct attr_member *members;
	unsigned int n_members;
	int (*nest)(void *obj, const void *data, size_t len, char *bad);
	const unsigned int *required;
};

int attr_decode(const struct attr_set *set, const void *attrs, size_t len,
		void *obj, bool *has, char *bad);

#endif /* SMM_ATTR_DECODE_H */
