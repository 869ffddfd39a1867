// SPDX-License-Identifier: GPL-2.0
/*
 * pt_info.c - address-space, walk, touch, dump and bench-pt replies decoded
 * into pt_info.h's structs
 *
 * The decoders read the attributes' bytes themselves: every header is
 * checked to lie within the message, every value for its size, every
 * string to end within its attribute. Attribute types this smm does not
 * know (from a newer module) are skipped; repeated ones are kept in the
 * order they came, up to the room the struct has.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "names.h"
#include "pt_info.h"
#include "util.h"

/* One attribute: its type, its payload and the payload's length. */
struct pt_attr {
	unsigned int type;
	const void *data;
	__u32 len;
};

/* The attributes left to read. */
struct pt_cursor {
	const unsigned char *pos;
	size_t rem;
};

static void cursor_init(struct pt_cursor *c, const void *attrs, size_t len)
{
	c->pos = attrs;
	c->rem = attrs ? len : 0;
}

/*
 * Takes the next attribute into @a. Return: 1, 0 at the end, or
 * -EBADMSG when a header or payload runs past the end.
 */
static int cursor_next(struct pt_cursor *c, struct pt_attr *a)
{
	struct nlattr nla;
	size_t step;

	/* Fewer bytes than a header: alignment slack, not an attribute. */
	if (c->rem < NLA_HDRLEN)
		return 0;
	memcpy(&nla, c->pos, sizeof(nla));
	if (nla.nla_len < NLA_HDRLEN || nla.nla_len > c->rem)
		return -EBADMSG;
	a->type = nla.nla_type & NLA_TYPE_MASK;
	a->data = c->pos + NLA_HDRLEN;
	a->len = nla.nla_len - NLA_HDRLEN;
	step = NLA_ALIGN(nla.nla_len);
	if (step > c->rem)
		step = c->rem;
	c->pos += step;
	c->rem -= step;
	return 1;
}

/* Names the attribute @a of @set in @bad and fails. */
static int bad_attr(const struct smm_attr_set *set, const struct pt_attr *a,
		    char *bad)
{
	const char *name = smm_attr_name(set, a->type);

	if (name)
		snprintf(bad, PT_BAD_LEN, "%s %s (%u bytes)", set->name, name,
			 a->len);
	else
		snprintf(bad, PT_BAD_LEN, "%s %u (%u bytes)", set->name,
			 a->type, a->len);
	return -EBADMSG;
}

static int truncated(const struct smm_attr_set *set, char *bad)
{
	snprintf(bad, PT_BAD_LEN, "%s: an attribute runs past the message",
		 set->name);
	return -EBADMSG;
}

static bool get_u32(const struct pt_attr *a, __u32 *v)
{
	if (a->len != sizeof(*v))
		return false;
	memcpy(v, a->data, sizeof(*v));
	return true;
}

static bool get_u64(const struct pt_attr *a, __u64 *v)
{
	if (a->len != sizeof(*v))
		return false;
	memcpy(v, a->data, sizeof(*v));
	return true;
}

/* A NUL-terminated string, cut to @size - 1 bytes. */
static bool get_string(const struct pt_attr *a, char *buf, size_t size)
{
	if (!a->len || !memchr(a->data, '\0', a->len))
		return false;
	snprintf(buf, size, "%s", (const char *)a->data);
	return true;
}

static bool get_flag(const struct pt_attr *a)
{
	return !a->len;
}

/* What an attribute holds; PT_NONE: a type the decoder skips. */
enum pt_val { PT_NONE, PT_U32, PT_U64, PT_STR, PT_FLAG, PT_NEST };

/**
 * struct pt_member - where an attribute goes in the struct decoded into
 * @val: what the attribute holds
 * @offset: offset of the member
 * @size: PT_STR: size of the member's buffer
 */
struct pt_member {
	enum pt_val val;
	size_t offset;
	size_t size;
};

/*
 * Rows of the tables below, which are indexed by attribute type: the
 * member of TYPE (the struct decoded into) that the attribute fills.
 */
#define U32_AT(field)		{ PT_U32, offsetof(TYPE, field), 0 }
#define U64_AT(field)		{ PT_U64, offsetof(TYPE, field), 0 }
#define STR_AT(field, size)	{ PT_STR, offsetof(TYPE, field), size }
#define FLAG_AT(field)		{ PT_FLAG, offsetof(TYPE, field), 0 }
#define NEST_AT			{ PT_NEST, 0, 0 }

/*
 * Stores @a into the member of @obj that @m describes. Return: false
 * when @a is of the wrong size.
 */
static bool store(void *obj, const struct pt_member *m,
		  const struct pt_attr *a)
{
	char *p = (char *)obj + m->offset;

	switch (m->val) {
	case PT_U32:
		return get_u32(a, (__u32 *)p);
	case PT_U64:
		return get_u64(a, (__u64 *)p);
	case PT_STR:
		return get_string(a, p, m->size);
	case PT_FLAG:
		if (!get_flag(a))
			return false;
		*(bool *)p = true;
		return true;
	default:
		return false;
	}
}

/*
 * Decodes the attributes of @attrs (@len bytes, of @set) into @obj as
 * @members (@n_members rows, by type) says, setting @has[type] for each
 * that came; a PT_NEST attribute goes to @nest. Types without a row are
 * skipped. Return: 0, or a negative errno with @bad set.
 */
static int decode_set(const struct smm_attr_set *set, const void *attrs,
		      size_t len, void *obj, bool *has,
		      const struct pt_member *members, unsigned int n_members,
		      int (*nest)(void *obj, const struct pt_attr *a,
				  char *bad),
		      char *bad)
{
	struct pt_cursor c;
	struct pt_attr a;
	int ret;

	cursor_init(&c, attrs, len);
	while ((ret = cursor_next(&c, &a)) > 0) {
		if (a.type >= n_members || members[a.type].val == PT_NONE)
			continue;
		if (members[a.type].val == PT_NEST) {
			if (!nest)
				continue;
			ret = nest(obj, &a, bad);
			if (ret)
				return ret;
			has[a.type] = true;
			continue;
		}
		if (!store(obj, &members[a.type], &a))
			return bad_attr(set, &a, bad);
		has[a.type] = true;
	}
	return ret ? truncated(set, bad) : 0;
}

/* ---- regions and address spaces ------------------------------------- */

#define TYPE struct smm_region_info
static const struct pt_member region_members[] = {
	[SHADOW_MM_A_REGION_VA] = U64_AT(va),
	[SHADOW_MM_A_REGION_LEN] = U64_AT(len),
	[SHADOW_MM_A_REGION_PROT] = U32_AT(prot),
	[SHADOW_MM_A_REGION_KIND] = U32_AT(kind),
	[SHADOW_MM_A_REGION_PFN] = U64_AT(pfn),
};

#undef TYPE

#define TYPE struct smm_as_info
static const struct pt_member as_members[] = {
	[SHADOW_MM_A_AS_ID] = U32_AT(id),
	[SHADOW_MM_A_AS_FORMAT] = U32_AT(format),
	[SHADOW_MM_A_AS_LEVELS] = U32_AT(levels),
	[SHADOW_MM_A_AS_VA_BITS] = U32_AT(va_bits),
	[SHADOW_MM_A_AS_ROOT] = U64_AT(root),
	[SHADOW_MM_A_AS_TABLE_PAGES] = U32_AT(table_pages),
	[SHADOW_MM_A_AS_MAPPED_BYTES] = U64_AT(mapped_bytes),
	[SHADOW_MM_A_AS_REGION] = NEST_AT,
	[SHADOW_MM_A_AS_MAIR] = U64_AT(mair),
};

#undef TYPE

static int as_region(void *obj, const struct pt_attr *a, char *bad)
{
	struct smm_as_info *as = obj;
	struct smm_region_info *r;

	r = realloc(as->regions, (as->n_regions + 1) * sizeof(*r));
	if (!r) {
		snprintf(bad, PT_BAD_LEN, "out of memory");
		return -ENOMEM;
	}
	as->regions = r;
	r += as->n_regions;
	memset(r, 0, sizeof(*r));
	as->n_regions++;
	return decode_set(&smm_region_attr_set, a->data, a->len, r, r->has,
			  region_members,
			  ARRAY_SIZE(region_members), NULL, bad);
}

/**
 * pt_decode_as() - decode an AS_GET (do or dump part) or AS_NEW reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @as: filled in; release it with smm_as_info_release(), also on failure
 * @bad: PT_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: 0, -EBADMSG, or -ENOMEM.
 */
int pt_decode_as(const void *attrs, size_t len, struct smm_as_info *as,
		 char *bad)
{
	memset(as, 0, sizeof(*as));
	return decode_set(&smm_as_attr_set, attrs, len, as, as->has,
			  as_members, ARRAY_SIZE(as_members),
			  as_region, bad);
}

/**
 * smm_as_info_release() - free the regions pt_decode_as() allocated
 * @as: the address space
 */
void smm_as_info_release(struct smm_as_info *as)
{
	free(as->regions);
	as->regions = NULL;
	as->n_regions = 0;
}

/* ---- map replies ---------------------------------------------------- */

#define TYPE struct smm_map_info
static const struct pt_member map_members[] = {
	[SHADOW_MM_A_MAP_TABLES] = U32_AT(tables),
	[SHADOW_MM_A_MAP_BLOCKS] = U32_AT(blocks),
	[SHADOW_MM_A_MAP_PAGES] = U32_AT(pages),
};

#undef TYPE

/**
 * pt_decode_map() - decode the reply to AS_MAP, AS_UNMAP or AS_PROTECT
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @m: filled in
 * @bad: PT_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: 0 or -EBADMSG.
 */
int pt_decode_map(const void *attrs, size_t len, struct smm_map_info *m,
		  char *bad)
{
	memset(m, 0, sizeof(*m));
	return decode_set(&smm_map_attr_set, attrs, len, m, m->has,
			  map_members, ARRAY_SIZE(map_members), NULL,
			  bad);
}

/* ---- walks ---------------------------------------------------------- */

static int decode_field(struct smm_walk_level_info *l, const struct pt_attr *a,
			char *bad)
{
	const struct smm_attr_set *set = &smm_pt_field_attr_set;
	struct smm_pt_field_info *f;
	struct pt_cursor c;
	struct pt_attr fa;
	int ret;

	/* More fields than there is room for: the first ones are kept. */
	if (l->n_fields == PT_MAX_FIELDS)
		return 0;
	f = &l->fields[l->n_fields];
	memset(f, 0, sizeof(*f));
	cursor_init(&c, a->data, a->len);
	while ((ret = cursor_next(&c, &fa)) > 0) {
		switch (fa.type) {
		case SHADOW_MM_A_PT_FIELD_NAME:
			if (!get_string(&fa, f->name, sizeof(f->name)))
				return bad_attr(set, &fa, bad);
			break;
		case SHADOW_MM_A_PT_FIELD_VALUE:
			if (!get_u64(&fa, &f->value))
				return bad_attr(set, &fa, bad);
			f->has_value = true;
			break;
		case SHADOW_MM_A_PT_FIELD_TEXT:
			if (!get_string(&fa, f->text, sizeof(f->text)))
				return bad_attr(set, &fa, bad);
			break;
		default:
			break;
		}
	}
	if (ret)
		return truncated(set, bad);
	/* A field without a name says nothing. */
	if (f->name[0])
		l->n_fields++;
	return 0;
}

#define TYPE struct smm_walk_level_info
static const struct pt_member level_members[] = {
	[SHADOW_MM_A_WALK_LEVEL_LEVEL] = U32_AT(level),
	[SHADOW_MM_A_WALK_LEVEL_NAME] = STR_AT(name, PT_LEVEL_NAME_LEN),
	[SHADOW_MM_A_WALK_LEVEL_TABLE] = U64_AT(table),
	[SHADOW_MM_A_WALK_LEVEL_INDEX] = U32_AT(index),
	[SHADOW_MM_A_WALK_LEVEL_SHIFT] = U32_AT(shift),
	[SHADOW_MM_A_WALK_LEVEL_BITS] = U32_AT(bits),
	[SHADOW_MM_A_WALK_LEVEL_RAW] = U64_AT(raw),
	[SHADOW_MM_A_WALK_LEVEL_RAW_LINUX] = U64_AT(raw_linux),
	[SHADOW_MM_A_WALK_LEVEL_KIND] = U32_AT(kind),
	[SHADOW_MM_A_WALK_LEVEL_ADDR] = U64_AT(addr),
	[SHADOW_MM_A_WALK_LEVEL_SIZE] = U64_AT(size),
	[SHADOW_MM_A_WALK_LEVEL_FIELD] = NEST_AT,
	[SHADOW_MM_A_WALK_LEVEL_DESC_ADDR] = U64_AT(desc_addr),
};

#undef TYPE

static int level_field(void *obj, const struct pt_attr *a, char *bad)
{
	return decode_field(obj, a, bad);
}

static int walk_level(void *obj, const struct pt_attr *a, char *bad)
{
	struct smm_walk_info *w = obj;
	struct smm_walk_level_info *l;

	if (w->n_level == SHADOW_MM_MAX_PT_LEVELS) {
		snprintf(bad, PT_BAD_LEN, "walk: more than %d levels",
			 SHADOW_MM_MAX_PT_LEVELS);
		return -EBADMSG;
	}
	l = &w->level[w->n_level++];
	memset(l, 0, sizeof(*l));
	return decode_set(&smm_walk_level_attr_set, a->data, a->len, l,
			  l->has, level_members,
			  ARRAY_SIZE(level_members), level_field, bad);
}

#define TYPE struct smm_walk_info
static const struct pt_member walk_members[] = {
	[SHADOW_MM_A_WALK_VA] = U64_AT(va),
	[SHADOW_MM_A_WALK_FORMAT] = U32_AT(format),
	[SHADOW_MM_A_WALK_LEVELS] = U32_AT(levels),
	[SHADOW_MM_A_WALK_LEVEL] = NEST_AT,
	[SHADOW_MM_A_WALK_PA] = U64_AT(pa),
	[SHADOW_MM_A_WALK_SIZE] = U64_AT(size),
	[SHADOW_MM_A_WALK_PROT] = U32_AT(prot),
	[SHADOW_MM_A_WALK_FAULT] = U32_AT(fault),
	[SHADOW_MM_A_WALK_FAULT_LEVEL] = U32_AT(fault_level),
	[SHADOW_MM_A_WALK_PAGE_FLAGS] = U32_AT(page_flags),
	[SHADOW_MM_A_WALK_PAGE_OWNER] = STR_AT(page_owner, PT_OWNER_LEN),
	[SHADOW_MM_A_WALK_PAGE_REFCOUNT] = U32_AT(page_refcount),
	[SHADOW_MM_A_WALK_PAGE_MAPCOUNT] = U32_AT(page_mapcount),
	[SHADOW_MM_A_WALK_PAGE_ZONE] = U32_AT(page_zone),
	[SHADOW_MM_A_WALK_PAGE_NODE] = U32_AT(page_node),
	[SHADOW_MM_A_WALK_VMA_START] = U64_AT(vma_start),
	[SHADOW_MM_A_WALK_VMA_END] = U64_AT(vma_end),
	[SHADOW_MM_A_WALK_VMA_FLAGS] = U64_AT(vma_flags),
	[SHADOW_MM_A_WALK_VMA_NAME] = STR_AT(vma_name, PT_VMA_NAME_LEN),
	[SHADOW_MM_A_WALK_HW_PA] = U64_AT(hw_pa),
	[SHADOW_MM_A_WALK_HW_PAR] = U64_AT(hw_par),
	[SHADOW_MM_A_WALK_ACCESS] = U32_AT(access),
	[SHADOW_MM_A_WALK_USER] = FLAG_AT(user),
	[SHADOW_MM_A_WALK_FIXUP] = U32_AT(fixup),
};

#undef TYPE

/**
 * pt_decode_walk() - decode a WALK (do) or AS_TOUCH reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @w: filled in; @w->source and @w->id are left for the caller, who
 *	knows what was asked
 * @bad: PT_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: 0 or -EBADMSG.
 */
int pt_decode_walk(const void *attrs, size_t len, struct smm_walk_info *w,
		   char *bad)
{
	enum smm_walk_source source = w->source;
	__u32 id = w->id;
	int ret;

	memset(w, 0, sizeof(*w));
	ret = decode_set(&smm_walk_attr_set, attrs, len, w, w->has,
			 walk_members, ARRAY_SIZE(walk_members),
			 walk_level, bad);
	w->source = source;
	w->id = id;
	return ret;
}

#define TYPE struct smm_walk_run_info
static const struct pt_member run_members[] = {
	[SHADOW_MM_A_WALK_VA] = U64_AT(va),
	[SHADOW_MM_A_WALK_VA_END] = U64_AT(va_end),
	[SHADOW_MM_A_WALK_PA] = U64_AT(pa),
	[SHADOW_MM_A_WALK_SIZE] = U64_AT(size),
	[SHADOW_MM_A_WALK_PROT] = U32_AT(prot),
	[SHADOW_MM_A_WALK_ATTRS] = STR_AT(attrs, PT_ATTRS_LEN),
	[SHADOW_MM_A_WALK_PAGES] = U32_AT(pages),
	[SHADOW_MM_A_WALK_LEVELS] = U32_AT(levels),
};

#undef TYPE

/**
 * pt_decode_run() - decode a part of a WALK dump (one run)
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @r: filled in
 * @bad: PT_BAD_LEN bytes: on failure, what was malformed
 *
 * Return: 0 or -EBADMSG.
 */
int pt_decode_run(const void *attrs, size_t len, struct smm_walk_run_info *r,
		  char *bad)
{
	memset(r, 0, sizeof(*r));
	return decode_set(&smm_walk_attr_set, attrs, len, r, r->has,
			  run_members, ARRAY_SIZE(run_members), NULL,
			  bad);
}

/* ---- bench pt ------------------------------------------------------- */

#define TYPE struct smm_bench_pt_info
static const struct pt_member bench_members[] = {
	[SHADOW_MM_A_BENCH_PT_COUNT] = U32_AT(count),
	[SHADOW_MM_A_BENCH_PT_ROUNDS] = U32_AT(rounds),
	[SHADOW_MM_A_BENCH_PT_CPU] = U32_AT(cpu),
	[SHADOW_MM_A_BENCH_PT_FORMAT] = U32_AT(format),
	[SHADOW_MM_A_BENCH_PT_LEVELS] = U32_AT(levels),
	[SHADOW_MM_A_BENCH_PT_WALK_SHADOW_NS] = U64_AT(shadow_ns[SMM_BENCH_PT_WALK]),
	[SHADOW_MM_A_BENCH_PT_WALK_HOST_NS] = U64_AT(host_ns[SMM_BENCH_PT_WALK]),
	[SHADOW_MM_A_BENCH_PT_MAP_SHADOW_NS] = U64_AT(shadow_ns[SMM_BENCH_PT_MAP]),
	[SHADOW_MM_A_BENCH_PT_MAP_HOST_NS] = U64_AT(host_ns[SMM_BENCH_PT_MAP]),
	[SHADOW_MM_A_BENCH_PT_UNMAP_SHADOW_NS] = U64_AT(shadow_ns[SMM_BENCH_PT_UNMAP]),
	[SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS] = U64_AT(host_ns[SMM_BENCH_PT_UNMAP]),
};

#undef TYPE

/**
 * pt_decode_bench() - decode a BENCH_PT reply
 * @attrs: the attributes after the genetlink header
 * @len: their length in bytes
 * @b: filled in
 * @bad: PT_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * count and the six timings must come: without them there is no table.
 *
 * Return: 0 or -EBADMSG.
 */
int pt_decode_bench(const void *attrs, size_t len,
		    struct smm_bench_pt_info *b, char *bad)
{
	static const unsigned int need[] = {
		SHADOW_MM_A_BENCH_PT_COUNT,
		SHADOW_MM_A_BENCH_PT_WALK_SHADOW_NS,
		SHADOW_MM_A_BENCH_PT_WALK_HOST_NS,
		SHADOW_MM_A_BENCH_PT_MAP_SHADOW_NS,
		SHADOW_MM_A_BENCH_PT_MAP_HOST_NS,
		SHADOW_MM_A_BENCH_PT_UNMAP_SHADOW_NS,
		SHADOW_MM_A_BENCH_PT_UNMAP_HOST_NS,
	};
	size_t i;
	int ret;

	memset(b, 0, sizeof(*b));
	ret = decode_set(&smm_bench_pt_attr_set, attrs, len, b, b->has,
			 bench_members, ARRAY_SIZE(bench_members),
			 NULL, bad);
	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (!b->has[need[i]]) {
			snprintf(bad, PT_BAD_LEN, "bench-pt: no %s",
				 smm_attr_name(&smm_bench_pt_attr_set,
					       need[i]));
			return -EBADMSG;
		}
	return 0;
}

/**
 * pt_walk_mapped() - did the walk end at a leaf that maps the address?
 * @w: the walk
 *
 * Return: true when the module gave the physical address.
 */
bool pt_walk_mapped(const struct smm_walk_info *w)
{
	return w->has[SHADOW_MM_A_WALK_PA];
}

/**
 * pt_walk_leaf() - the last level walked
 * @w: the walk
 *
 * Return: the leaf or the invalid descriptor's level, NULL when no level
 * came.
 */
const struct smm_walk_level_info *pt_walk_leaf(const struct smm_walk_info *w)
{
	return w->n_level ? &w->level[w->n_level - 1] : NULL;
}
