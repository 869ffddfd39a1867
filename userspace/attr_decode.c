// SPDX-License-Identifier: GPL-2.0
/*
 * attr_decode.c - the table-driven attribute decoder of attr_decode.h
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include "attr_decode.h"
#include "names.h"

/* Names attribute @type (@len bytes of payload) of @set in @bad. */
static int refuse(const struct smm_attr_set *set, unsigned int type,
		  size_t len, char *bad)
{
	const char *name = smm_attr_name(set, type);

	if (name)
		snprintf(bad, ATTR_BAD_LEN, "%s %s (%zu bytes)", set->name,
			 name, len);
	else
		snprintf(bad, ATTR_BAD_LEN, "%s %u (%zu bytes)", set->name,
			 type, len);
	return -EBADMSG;
}

/**
 * attr_missing() - refuse a reply for a required attribute that did not come
 * @set: the attribute set it belongs to
 * @type: the attribute's type
 * @bad: ATTR_BAD_LEN bytes: set to "<set>: no <attribute>"
 *
 * Return: -EBADMSG.
 */
static int attr_missing(const struct smm_attr_set *set, unsigned int type,
			char *bad)
{
	snprintf(bad, ATTR_BAD_LEN, "%s: no %s", set->name,
		 smm_attr_name(set, type));
	return -EBADMSG;
}

/* Copies @data (@len bytes) into @obj as @m says; false if it does not fit. */
static bool store(void *obj, const struct attr_member *m, const void *data,
		  size_t len)
{
	char *p = (char *)obj + m->offset;

	switch (m->val) {
	case ATTR_VAL_U32:
		if (len != sizeof(__u32))
			return false;
		memcpy(p, data, len);
		return true;
	case ATTR_VAL_U64:
		if (len != sizeof(__u64))
			return false;
		memcpy(p, data, len);
		return true;
	case ATTR_VAL_STR:
		if (!len || !memchr(data, '\0', len))
			return false;
		snprintf(p, m->size, "%s", (const char *)data);
		return true;
	case ATTR_VAL_FLAG:
		if (len)
			return false;
		*(bool *)p = true;
		return true;
	case ATTR_VAL_U32_ARRAY:
		/* Whole elements, no more than the array holds. */
		if (len % sizeof(__u32) || len / sizeof(__u32) > m->size)
			return false;
		memcpy(p, data, len);
		*(unsigned int *)((char *)obj + m->count_offset) =
			len / sizeof(__u32);
		return true;
	default:
		return false;
	}
}

/**
 * attr_decode() - decode attributes of one set into a struct
 * @set: the set's table
 * @attrs: the attributes (NULL: none)
 * @len: their length in bytes
 * @obj: the struct filled
 * @has: set to true at each attribute type that came
 * @bad: ATTR_BAD_LEN bytes: on failure, what was malformed or missing
 *
 * Return: 0, or a negative errno (-EBADMSG, or what @set's nest callback
 * returned) with @bad set; -EBADMSG too when a type of @set->required did
 * not come.
 */
int attr_decode(const struct attr_set *set, const void *attrs, size_t len,
		void *obj, bool *has, char *bad)
{
	const unsigned char *pos = attrs;
	size_t rem = attrs ? len : 0;
	const struct attr_member *m;
	const unsigned int *req;
	size_t step, payload;
	struct nlattr nla;
	unsigned int type;
	int ret;

	/* Fewer bytes than a header at the end: padding, not an attribute. */
	while (rem >= NLA_HDRLEN) {
		memcpy(&nla, pos, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > rem) {
			snprintf(bad, ATTR_BAD_LEN,
				 "%s: an attribute runs past the message",
				 set->names->name);
			return -EBADMSG;
		}
		type = nla.nla_type & NLA_TYPE_MASK;
		payload = nla.nla_len - NLA_HDRLEN;
		m = type < set->n_members ? &set->members[type] : NULL;
		if (m && m->val == ATTR_VAL_NEST && set->nest) {
			ret = set->nest(obj, pos + NLA_HDRLEN, payload, bad);
			if (ret)
				return ret;
			has[type] = true;
		} else if (m && m->val != ATTR_VAL_NONE &&
			   m->val != ATTR_VAL_NEST) {
			if (!store(obj, m, pos + NLA_HDRLEN, payload))
				return refuse(set->names, type, payload, bad);
			has[type] = true;
		}
		step = NLA_ALIGN(nla.nla_len);
		if (step > rem)
			step = rem;
		pos += step;
		rem -= step;
	}
	for (req = set->required; req && *req; req++)
		if (!has[*req])
			return attr_missing(set->names, *req, bad);
	return 0;
}
