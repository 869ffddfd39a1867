// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters with bounds: a value outside them fails insmod with
 * one line saying what was given and what is accepted.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "shadow_mm.h"

static int smm_param_set_uint_range(const char *val,
				    const struct kernel_param *kp)
{
	const struct smm_uint_range *range = kp->arg;
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < range->min || v > range->max) {
		pr_err("%s=%s is out of range (accepted: %u..%u)\n",
		       kp->name, val, range->min, range->max);
		return -EINVAL;
	}
	WRITE_ONCE(*range->value, v);
	return 0;
}

static int smm_param_get_uint_range(char *buffer,
				    const struct kernel_param *kp)
{
	const struct smm_uint_range *range = kp->arg;

	return sysfs_emit(buffer, "%u\n", READ_ONCE(*range->value));
}

const struct kernel_param_ops smm_param_ops_uint_range = {
	.set = smm_param_set_uint_range,
	.get = smm_param_get_uint_range,
};

/* The zone type named @name, @len bytes long (not terminated), or -1. */
static int smm_zone_type_by_name(const char *name, size_t len)
{
	int type;

	for (type = 0; type < SMM_NR_ZONE_TYPES; type++) {
		const char *n = smm_zone_param_name(type);

		if (strlen(n) == len && !strncasecmp(n, name, len))
			return type;
	}
	return -1;
}

/* The names of the zone types this architecture has, into @buf. */
static const char *smm_zone_types_on_arch(char *buf, size_t size)
{
	size_t len = 0;
	int type;

	buf[0] = '\0';
	for (type = 0; type < SMM_NR_ZONE_TYPES; type++)
		if (smm_arch_has_zone_type(type))
			len += scnprintf(buf + len, size - len, "%s%s",
					 len ? ", " : "",
					 smm_zone_param_name(type));
	return buf;
}

/*
 * Parse the entry "TYPE" or "TYPE:MIB", @len bytes at @entry, into
 * @layout. @whole is the parameter's value, for the messages.
 */
static int smm_zone_layout_parse_entry(struct smm_zone_layout *layout,
				       const char *whole, const char *entry,
				       size_t len)
{
	const char *colon = memchr(entry, ':', len);
	size_t name_len = colon ? colon - entry : len;
	size_t size_len = colon ? len - name_len - 1 : 0;
	char have[64], num[16];
	unsigned int mib;
	int type;

	type = smm_zone_type_by_name(entry, name_len);
	if (type < 0) {
		pr_err("zones=%s: unknown zone type '%.*s' (this architecture has %s)\n",
		       whole, (int)name_len, entry,
		       smm_zone_types_on_arch(have, sizeof(have)));
		return -EINVAL;
	}
	if (!smm_arch_has_zone_type(type)) {
		pr_err("zones=%s: %s has no %s zone (it has %s)\n",
		       whole, utsname()->machine, smm_zone_param_name(type),
		       smm_zone_types_on_arch(have, sizeof(have)));
		return -EINVAL;
	}
	if (layout->present & BIT(type)) {
		pr_err("zones=%s: zone %s is given twice\n",
		       whole, smm_zone_param_name(type));
		return -EINVAL;
	}
	layout->present |= BIT(type);

	if (!colon) {
		if (layout->rest >= 0) {
			pr_err("zones=%s: only one zone may leave out its size to take the rest (%s and %s do)\n",
			       whole, smm_zone_param_name(layout->rest),
			       smm_zone_param_name(type));
			return -EINVAL;
		}
		layout->rest = type;
		return 0;
	}

	if (!size_len || size_len >= sizeof(num))
		goto bad_size;
	memcpy(num, colon + 1, size_len);
	num[size_len] = '\0';
	if (kstrtouint(num, 10, &mib) || mib < 1 || mib > SMM_SIZE_MB_MAX)
		goto bad_size;
	layout->mib[type] = mib;
	return 0;

bad_size:
	pr_err("zones=%s: size of %s must be 1..%u (MiB per node), not '%.*s'\n",
	       whole, smm_zone_param_name(type), SMM_SIZE_MB_MAX,
	       (int)size_len, colon + 1);
	return -EINVAL;
}

static int smm_param_set_zone_layout(const char *val,
				     const struct kernel_param *kp)
{
	struct smm_zone_layout *layout = kp->arg;
	struct smm_zone_layout parsed = { .rest = -1 };
	size_t len = strcspn(val, "\n");
	const char *p, *end;
	int ret;

	if (len >= sizeof(parsed.text)) {
		pr_err("zones= is longer than %zu characters\n",
		       sizeof(parsed.text) - 1);
		return -EINVAL;
	}
	memcpy(parsed.text, val, len);
	parsed.text[len] = '\0';

	p = parsed.text;
	end = p + len;
	while (p < end) {
		const char *comma = memchr(p, ',', end - p);
		size_t n = comma ? comma - p : end - p;

		if (!n || (comma && comma + 1 == end)) {
			pr_err("zones=%s: empty entry (expected TYPE:MIB or TYPE, separated by commas)\n",
			       parsed.text);
			return -EINVAL;
		}
		ret = smm_zone_layout_parse_entry(&parsed, parsed.text, p, n);
		if (ret)
			return ret;
		p += n + (comma ? 1 : 0);
	}
	*layout = parsed;
	return 0;
}

static int smm_param_get_zone_layout(char *buffer,
				     const struct kernel_param *kp)
{
	const struct smm_zone_layout *layout = kp->arg;

	return sysfs_emit(buffer, "%s\n", layout->text);
}

const struct kernel_param_ops smm_param_ops_zone_layout = {
	.set = smm_param_set_zone_layout,
	.get = smm_param_get_zone_layout,
};
