/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shadow_mm: what the page-table glue files share - shadow address
 * spaces (nl_as.c), walks of every source (nl_walk.c), the host's live
 * tables (live_pt.c) and the page-table benchmark (bench_pt.c).
 */

#ifndef _SMM_PT_GLUE_H
#define _SMM_PT_GLUE_H

#include <linux/mutex.h>
#include <net/genetlink.h>

#include "core/as.h"

/*
 * pt_mem.c: table memory of the host. smm_pt_host_mem reaches any RAM
 * page by physical address through kmap_local_page() (armhf page tables
 * may sit in highmem) and refuses what is not RAM (pfn_valid()): live
 * walks use it. smm_pt_linear_mem_init() describes the linear map of
 * lowmem, where shadow spaces keep their tables and read them with no
 * map call.
 */
extern const struct smm_pt_mem smm_pt_host_mem;
void *smm_pt_host_map(void *arg, u64 pa);
void smm_pt_host_unmap(void *arg, void *page);
void smm_pt_linear_mem_init(struct smm_pt_mem *mem);

/* nl_as.c: shadow address spaces, by id */

/* A walk's SMM_PT_P*, SMM_PT_U* permissions as enum shadow_mm_prot flags. */
u32 smm_pt_perm_to_prot(u32 perm);
/* The extack with the core's `why` message (not a literal), at @attr. */
void smm_nl_set_why(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *why);

/* Serializes every shadow address-space operation and the id table. */
extern struct mutex smm_as_mutex;

/*
 * The shadow allocator and the linear map of lowmem, where their tables
 * are: what kernel spaces run on. Set up by smm_as_init().
 */
extern struct smm_as_ops smm_as_shadow_ops;

struct smm_as *smm_as_lookup(u32 id);
bool smm_as_owns(u16 owner);
int smm_as_init(void);
void smm_as_exit(void);

int smm_nl_as_new_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_as_del_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_as_get_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_as_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int smm_nl_as_map_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_as_unmap_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_as_protect_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_as_touch_doit(struct sk_buff *skb, struct genl_info *info);

/* nl_walk.c: the walk op, over a shadow space, a process or the kernel */

extern const struct nla_policy smm_walk_policy[SHADOW_MM_A_WALK_MAX + 1];

int smm_nl_walk_doit(struct sk_buff *skb, struct genl_info *info);
int smm_nl_walk_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int smm_nl_walk_put(struct sk_buff *msg, const struct smm_pt_cfg *cfg,
		    const struct smm_walk *w);

/* live_pt.c: the host's own page tables, read-only */

#define SMM_VMA_NAME_LEN	64

/**
 * struct smm_live_info - what a live walk adds to the walk itself
 * @has_vma: a process walk found a VMA covering the address
 * @vma_start: its vm_start
 * @vma_end: its vm_end
 * @vma_flags: its vm_flags
 * @vma_name: the file it maps, or [heap], [stack], [vdso], [anon]
 * @has_hw: the CPU translated the address itself (arm, arm64 kernel
 *	walks: ATS1CPR, AT S1E1R)
 * @hw_fault: the hardware translation faulted (PAR.F)
 * @hw_pa: the physical address it gave, when it did not fault
 * @hw_par: the raw PAR/PAR_EL1
 */
struct smm_live_info {
	bool has_vma;
	u64 vma_start;
	u64 vma_end;
	u64 vma_flags;
	char vma_name[SMM_VMA_NAME_LEN];
	bool has_hw;
	bool hw_fault;
	u64 hw_pa;
	u64 hw_par;
};

int smm_live_cfg(struct smm_pt_cfg *cfg);
int smm_live_walk(bool kernel, u32 pid, u64 va, struct smm_pt_cfg *cfg,
		  struct smm_walk *w, struct smm_live_info *li,
		  struct netlink_ext_ack *extack);
int smm_live_dump(bool kernel, u32 pid, u64 start, u64 end,
		  struct smm_pt_cfg *cfg,
		  int (*emit)(void *arg, const struct smm_pt_run *run),
		  void *arg, u64 *next, struct netlink_ext_ack *extack);

/* bench_pt.c */

int smm_nl_bench_pt_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _SMM_PT_GLUE_H */
