/* SPDX-License-Identifier: GPL-2.0 */
/*
 * names.h - names of the values in the shadow_mm UAPI, as users see them
 *
 * Attribute names are those of the YNL spec
 * (Documentation/netlink/specs/shadow_mm.yaml): lower case, dashes. Enum
 * values have two names: the spec's (JSON output, command-line keywords)
 * and, where the kernel prints one, the kernel's (/proc formats: "Normal",
 * "HighAtomic").
 */
#ifndef SMM_NAMES_H
#define SMM_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/**
 * struct smm_attr_set - the names of one attribute set
 * @name: the set's name in the spec
 * @names: attribute names indexed by attribute type; holes are NULL
 * @max: highest index of @names
 * @nested: per attribute type, the set a nest attribute holds; NULL when
 *	the set has no nests (or for a type that is no nest)
 * @multi: BIT(type) for each multi-attr type (it may repeat)
 */
struct smm_attr_set {
	const char *name;
	const char *const *names;
	unsigned int max;
	const struct smm_attr_set *const *nested;
	__u64 multi;
};

extern const struct smm_attr_set smm_status_attr_set;
extern const struct smm_attr_set smm_node_attr_set;
extern const struct smm_attr_set smm_free_area_attr_set;
extern const struct smm_attr_set smm_pageblocks_attr_set;
extern const struct smm_attr_set smm_pcp_attr_set;
extern const struct smm_attr_set smm_zone_attr_set;
extern const struct smm_attr_set smm_page_attr_set;
extern const struct smm_attr_set smm_pages_attr_set;
extern const struct smm_attr_set smm_check_attr_set;
extern const struct smm_attr_set smm_owner_attr_set;
extern const struct smm_attr_set smm_bench_attr_set;
extern const struct smm_attr_set smm_region_attr_set;
extern const struct smm_attr_set smm_as_attr_set;
extern const struct smm_attr_set smm_map_attr_set;
extern const struct smm_attr_set smm_pt_field_attr_set;
extern const struct smm_attr_set smm_walk_level_attr_set;
extern const struct smm_attr_set smm_walk_attr_set;
extern const struct smm_attr_set smm_bench_pt_attr_set;
extern const struct smm_attr_set smm_event_attr_set;
extern const struct smm_attr_set smm_dma_dev_attr_set;
extern const struct smm_attr_set smm_dma_seg_attr_set;
extern const struct smm_attr_set smm_dma_attr_set;
extern const struct smm_attr_set smm_dma_xfer_attr_set;
extern const struct smm_attr_set smm_dma_check_count_attr_set;
extern const struct smm_attr_set smm_dma_error_attr_set;
extern const struct smm_attr_set smm_dmabuf_attach_attr_set;
extern const struct smm_attr_set smm_dmabuf_attr_set;

const char *smm_attr_name(const struct smm_attr_set *set, unsigned int type);
bool smm_attr_path(const struct smm_attr_set *set, const void *attrs,
		   size_t len, size_t offs, char *buf, size_t size,
		   const struct smm_attr_set **inner);

const char *smm_pt_format_name(__u32 format);
const char *smm_zone_type_name(__u32 type);
const char *smm_zone_type_kname(__u32 type);
const char *smm_migratetype_name(__u32 mt);
const char *smm_migratetype_kname(__u32 mt);
const char *smm_page_flag_name(unsigned int bit);
const char *smm_page_flags_text(__u32 flags, char *buf, size_t size);
const char *smm_prot_name(unsigned int bit);
const char *smm_prot_text(__u32 prot, char *buf, size_t size);
const char *smm_region_kind_name(__u32 kind);
const char *smm_access_name(__u32 access);
const char *smm_fault_name(__u32 fault);
const char *smm_fixup_name(__u32 fixup);
const char *smm_entry_kind_name(__u32 kind);
const char *smm_dma_dir_name(__u32 dir);
const char *smm_dma_kind_name(__u32 kind);
const char *smm_dma_sync_name(__u32 sync);
const char *smm_dma_irq_name(__u32 irq);
const char *smm_iommu_domain_name(__u32 domain);
const char *smm_dma_check_name(__u32 check);
const char *smm_dmabuf_target_name(__u32 target);
const char *smm_name_or_number(const char *name, __u32 value, char *buf,
			       size_t size);

#endif /* SMM_NAMES_H */
