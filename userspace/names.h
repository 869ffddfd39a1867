/* SPDX-License-Identifier: GPL-2.0 */
/*
 * names.h - names of the values in the shadow_mm UAPI, as users see them
 *
 * Attribute names are those of the YNL spec
 * (Documentation/netlink/specs/shadow_mm.yaml): lower case, dashes.
 */
#ifndef SMM_NAMES_H
#define SMM_NAMES_H

#include <linux/types.h>

/**
 * struct smm_attr_set - the names of one attribute set
 * @name: the set's name in the spec
 * @names: attribute names indexed by attribute type; holes are NULL
 * @max: highest index of @names
 */
struct smm_attr_set {
	const char *name;
	const char *const *names;
	unsigned int max;
};

extern const struct smm_attr_set smm_status_attr_set;

const char *smm_attr_name(const struct smm_attr_set *set, unsigned int type);
const char *smm_pt_format_name(__u32 format);

#endif /* SMM_NAMES_H */
