// SPDX-License-Identifier: GPL-2.0
/*
 * The host's own page tables, read-only: a process's, by pid, and the
 * kernel's, as the CPU translates kernel addresses right now. The same
 * software MMU as the shadow address spaces walks them (core/walk.c),
 * reaching each table through smm_pt_host_mem; nothing here ever writes
 * a live descriptor. On ARM a kernel walk also asks the CPU to translate
 * the address itself (an AT operation), so the two answers can be held
 * side by side.
 *
 * init_mm is not exported to modules, so a kernel walk starts where the
 * hardware starts: x86_64 at CR3, arm64 at TTBR1_EL1 (swapper_pg_dir),
 * armhf at TTBR0. On armhf that is the calling process's first-level
 * table, whose kernel half Linux copies from init_mm; vmalloc entries
 * are copied lazily, on the first fault that needs them, so a vmalloc
 * address this process never touched may not be mapped in it yet. The
 * walk then agrees with the hardware, which is the point.
 */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#ifdef CONFIG_ARM64
#include <asm/sysreg.h>
#endif

#include "pt_glue.h"
#include "shadow_mm.h"

/* One past the highest user address of any task. */
#ifdef TASK_SIZE_MAX
#define SMM_USER_VA_END		((u64)TASK_SIZE_MAX)
#else
#define SMM_USER_VA_END		((u64)TASK_SIZE)
#endif

/**
 * smm_live_cfg() - the format and depth of the host's page tables
 * @cfg: filled with them
 *
 * On arm64 AttrIndx decodes through the MAIR_EL1 this CPU runs with;
 * elsewhere through the format's own default.
 *
 * Return: 0; -EOPNOTSUPP on a host without a format shadowmm knows.
 */
int smm_live_cfg(struct smm_pt_cfg *cfg)
{
	const struct smm_pt_format *fmt;
	u64 mair;

	fmt = smm_pt_format_by_id(smm_host_pt_format());
	if (!fmt)
		return -EOPNOTSUPP;
	mair = fmt->default_mair;
#ifdef CONFIG_ARM64
	mair = read_sysreg(mair_el1);
#endif
	return smm_pt_cfg_init(cfg, fmt, smm_host_pt_levels(), mair);
}

/*
 * Whether @va is an address of the kernel's half of the address space,
 * the half a kernel walk translates.
 */
static bool smm_live_is_kernel_va(const struct smm_pt_cfg *cfg, u64 va)
{
#if defined(CONFIG_X86_64)
	/* The upper canonical half: bits 63 to va_bits - 1 all set. */
	return va >= -(1ULL << (cfg->va_bits - 1));
#elif defined(CONFIG_ARM64)
	/* TTBR1_EL1's range: bits 63 to va_bits all set. */
	return va >= -(1ULL << cfg->va_bits);
#else
	/* One table for all 4 GiB: the kernel's part starts at TASK_SIZE. */
	return va >= TASK_SIZE && va <= U32_MAX;
#endif
}

/*
 * The physical address of the table the MMU translates kernel addresses
 * with, on this CPU, now; 0 on a host where that is not read here.
 */
static u64 smm_live_kernel_root(void)
{
#if defined(CONFIG_X86_64)
	/*
	 * Intel SDM vol. 3A, 4.5 (table 4-12, 4-13): CR3 holds the PML4 or
	 * PML5 table's address; its low bits are the PCID and flags, and
	 * read_cr3_pa() also drops the memory-encryption bit. With page
	 * table isolation this is the kernel-mode copy.
	 */
	return read_cr3_pa();
#elif defined(CONFIG_ARM64)
	/*
	 * Arm ARM (DDI 0487), TTBR1_EL1: BADDR is bits 47:1 (low bits RES0
	 * for a 4 KiB level-0 table), the ASID above it, CnP bit 0.
	 */
	return read_sysreg(ttbr1_el1) & GENMASK_ULL(47, 1);
#elif defined(CONFIG_ARM) && !defined(CONFIG_ARM_LPAE)
	u32 ttbr0;

	/*
	 * ARM ARM (DDI 0406C) B4.1.154 TTBR0: Linux sets TTBCR.N to 0, so
	 * TTBR0 translates all 4 GiB and bits 31:14 hold the 16 KiB
	 * first-level table.
	 */
	asm volatile("mrc p15, 0, %0, c2, c0, 0" : "=r" (ttbr0));
	return ttbr0 & ~0x3fffU;
#else
	/* LPAE splits the space between TTBR0 and TTBR1: not read here. */
	return 0;
#endif
}

/*
 * The physical address of @mm's root table, as the MMU uses it while
 * the process runs in user mode.
 */
static u64 smm_live_user_root(struct mm_struct *mm)
{
	/* Linux 6.9 renamed the option to CONFIG_MITIGATION_... */
#if defined(CONFIG_PAGE_TABLE_ISOLATION) || \
	defined(CONFIG_MITIGATION_PAGE_TABLE_ISOLATION)
	/*
	 * With page table isolation, user mode runs on the second page of
	 * the PGD: the kernel-mode copy sets NX in every PGD entry that
	 * maps user memory, which would make all of it look
	 * non-executable.
	 */
	if (boot_cpu_has(X86_FEATURE_PTI))
		return __pa(kernel_to_user_pgdp(mm->pgd));
#endif
	return __pa(mm->pgd);
}

/*
 * Let the CPU translate @va itself, as a privileged read, and keep the
 * answer in @li. Interrupts are off between the translation and the
 * read of its result, so that nothing else translates in between and
 * overwrites PAR.
 */
static void smm_live_hw_translate(u64 va, struct smm_live_info *li)
{
#if defined(CONFIG_ARM64)
	unsigned long flags;
	u64 par;

	/*
	 * Arm ARM (DDI 0487), AT S1E1R: stage 1 translation of an EL1 read;
	 * its result lands in PAR_EL1: F is bit 0, and on success bits
	 * 47:12 hold the output address of the page (not of the block).
	 */
	local_irq_save(flags);
	asm volatile("at s1e1r, %0" : : "r" (va));
	isb();
	par = read_sysreg_par();
	local_irq_restore(flags);

	li->has_hw = true;
	li->hw_par = par;
	li->hw_fault = par & SYS_PAR_EL1_F;
	if (!li->hw_fault)
		li->hw_pa = (par & GENMASK_ULL(47, 12)) | (va & ~PAGE_MASK);
#elif defined(CONFIG_ARM) && !defined(CONFIG_ARM_LPAE)
	unsigned long flags;
	u32 par;

	/*
	 * ARM ARM (DDI 0406C): ATS1CPR (CP15 c7, c8, 0) is the PL1 stage 1
	 * translation of a read; B4.1.112 PAR, in its 32-bit
	 * (short-descriptor) format, takes the result: F is bit 0. On
	 * success SS (bit 1) clear means bits 31:12 are PA[31:12]; set
	 * means a supersection: bits 31:24 are PA[31:24] and bits 23:16
	 * PA[39:32], the rest of the address comes from va.
	 */
	local_irq_save(flags);
	asm volatile("mcr p15, 0, %0, c7, c8, 0" : : "r" ((u32)va));
	isb();
	asm volatile("mrc p15, 0, %0, c7, c4, 0" : "=r" (par));
	local_irq_restore(flags);

	li->has_hw = true;
	li->hw_par = par;
	li->hw_fault = par & BIT(0);
	if (li->hw_fault)
		return;
	if (par & BIT(1))
		li->hw_pa = (par & 0xff000000U) |
			    ((u64)((par >> 16) & 0xff) << 32) |
			    (va & 0x00ffffffU);
	else
		li->hw_pa = (par & 0xfffff000U) | (va & 0xfffU);
#else
	/* x86 has no instruction that translates without accessing. */
	li->has_hw = false;
#endif
}

/*
 * Find @pid's address space and take a reference on it.
 * Return: 0 with *@mmp set; -ESRCH with the extack set.
 */
static int smm_live_mm_get(u32 pid, struct mm_struct **mmp,
			   struct netlink_ext_ack *extack)
{
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *p;
	bool kthread;

	p = find_get_pid(pid);
	if (!p) {
		NL_SET_ERR_MSG(extack, "no process has that pid");
		return -ESRCH;
	}
	task = get_pid_task(p, PIDTYPE_PID);
	put_pid(p);
	if (!task) {
		NL_SET_ERR_MSG(extack, "the process of that pid has exited");
		return -ESRCH;
	}
	mm = get_task_mm(task);
	kthread = task->flags & PF_KTHREAD;
	put_task_struct(task);
	if (!mm) {
		if (kthread)
			NL_SET_ERR_MSG(extack,
				       "that pid is a kernel thread: it has no user address space");
		else
			NL_SET_ERR_MSG(extack,
				       "the process of that pid has exited");
		return -ESRCH;
	}
	*mmp = mm;
	return 0;
}

/* What /proc/PID/maps would call @vma, into @buf. */
static void smm_live_vma_name(struct mm_struct *mm,
			      struct vm_area_struct *vma, char *buf,
			      size_t len)
{
	const char *name = NULL;

	if (vma->vm_file) {
		char *path = d_path(&vma->vm_file->f_path, buf, len);

		if (!IS_ERR(path))
			memmove(buf, path, strlen(path) + 1);
		else	/* a path too long for @buf: the file's own name */
			snprintf(buf, len, "%pD", vma->vm_file);
		return;
	}
	/* Special mappings name themselves: [vdso], [vvar], [sigpage]. */
	if (vma->vm_ops && vma->vm_ops->name)
		name = vma->vm_ops->name(vma);
	if (!name && vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		name = "[heap]";
	if (!name && vma->vm_start <= mm->start_stack &&
	    vma->vm_end >= mm->start_stack)
		name = "[stack]";
	strscpy(buf, name ?: "[anon]", len);
}

/* Fill @li with what the VMA covering @va says; none: has_vma false. */
static void smm_live_vma_info(struct mm_struct *mm, u64 va,
			      struct smm_live_info *li)
{
	struct vm_area_struct *vma = vma_lookup(mm, va);

	if (!vma)
		return;
	li->has_vma = true;
	li->vma_start = vma->vm_start;
	li->vma_end = vma->vm_end;
	li->vma_flags = vma->vm_flags;
	smm_live_vma_name(mm, vma, li->vma_name, sizeof(li->vma_name));
}

/*
 * Walk @va through @pid's tables, with the mmap lock held for reading
 * like /proc/PID/pagemap; inside an RCU read section too, because from
 * Linux 6.6 a PTE table may be freed by RCU under only that lock (and
 * where the architecture frees tables by RCU, upper levels as well).
 */
static int smm_live_walk_user(u32 pid, u64 va, const struct smm_pt_cfg *cfg,
			      struct smm_walk *w, struct smm_live_info *li,
			      struct netlink_ext_ack *extack)
{
	struct mm_struct *mm;
	int ret;

	if (va >= SMM_USER_VA_END) {
		NL_SET_ERR_MSG(extack, "va is not a user address");
		return -ERANGE;
	}
	ret = smm_live_mm_get(pid, &mm, extack);
	if (ret)
		return ret;
	ret = mmap_read_lock_killable(mm);
	if (ret) {
		NL_SET_ERR_MSG(extack, "interrupted while waiting for the mmap lock");
		goto out_mmput;
	}
	smm_live_vma_info(mm, va, li);
	rcu_read_lock();
	ret = smm_pt_walk(cfg, &smm_pt_host_mem, smm_live_user_root(mm), va, w);
	rcu_read_unlock();
	mmap_read_unlock(mm);
	if (ret == -EIO)
		NL_SET_ERR_MSG(extack, "a page table of the walk is not in RAM");
out_mmput:
	mmput(mm);
	return ret;
}

/*
 * Walk @va through the kernel's tables. No lock: init_mm's is out of a
 * module's reach. The walker only reads RAM pages (pfn_valid()), so a
 * table freed meanwhile (a vmap replaced by a huge one, memory hot
 * removal) gives a wrong answer, never a bad access.
 */
static int smm_live_walk_kernel(u64 va, const struct smm_pt_cfg *cfg,
				struct smm_walk *w, struct smm_live_info *li,
				struct netlink_ext_ack *extack)
{
	u64 root = smm_live_kernel_root();
	int ret;

	if (!root) {
		NL_SET_ERR_MSG(extack, "kernel walks are not supported on this host");
		return -EOPNOTSUPP;
	}
	if (!smm_live_is_kernel_va(cfg, va)) {
		NL_SET_ERR_MSG(extack, "va is not a kernel address");
		return -ERANGE;
	}
	ret = smm_pt_walk(cfg, &smm_pt_host_mem, root, va, w);
	if (ret == -EIO) {
		NL_SET_ERR_MSG(extack, "a page table of the walk is not in RAM");
		return ret;
	}
	if (!ret)
		smm_live_hw_translate(va, li);
	return ret;
}

/**
 * smm_live_walk() - walk a virtual address through the host's tables
 * @kernel: the kernel's tables, else @pid's
 * @pid: the process, in the caller's pid namespace
 * @va: the address: a kernel one for @kernel, else a user one
 * @cfg: set to the host's format and depth
 * @w: the walk
 * @li: zeroed by the caller; the VMA covering @va (process walks) and
 *	the CPU's own translation (kernel walks on ARM)
 * @extack: for the error message
 *
 * The caller checks CAP_SYS_ADMIN. A process that exits during the walk
 * keeps its tables until the walk's reference on its mm is dropped.
 *
 * Return: 0; -ERANGE for a @va of the wrong half; -ESRCH when @pid has
 * exited or has no user address space; -EINTR when killed while waiting
 * for the mmap lock; -EIO when a table is not in RAM; -EOPNOTSUPP on a
 * host shadowmm cannot walk.
 */
int smm_live_walk(bool kernel, u32 pid, u64 va, struct smm_pt_cfg *cfg,
		  struct smm_walk *w, struct smm_live_info *li,
		  struct netlink_ext_ack *extack)
{
	int ret = smm_live_cfg(cfg);

	if (ret) {
		NL_SET_ERR_MSG(extack, "shadowmm has no format for this host's page tables");
		return ret;
	}
	if (kernel)
		return smm_live_walk_kernel(va, cfg, w, li, extack);
	return smm_live_walk_user(pid, va, cfg, w, li, extack);
}

/*
 * Dump [@start, @end) of @pid's tables, VMA by VMA like /proc/PID/pagemap:
 * page tables between VMAs may be freed under the mmap read lock (munmap
 * downgrades its lock before it frees them), those under a VMA may not.
 * Runs do not merge across VMAs. @end is 0 for the end of user space.
 */
static int smm_live_dump_user(u32 pid, u64 start, u64 end,
			      const struct smm_pt_cfg *cfg,
			      int (*emit)(void *arg,
					  const struct smm_pt_run *run),
			      void *arg, u64 *next,
			      struct netlink_ext_ack *extack)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	u64 addr = start;
	u64 root;
	int ret;

	if (start >= SMM_USER_VA_END) {
		NL_SET_ERR_MSG(extack, "va is not a user address");
		return -ERANGE;
	}
	if (!end || end > SMM_USER_VA_END)
		end = SMM_USER_VA_END;
	ret = smm_live_mm_get(pid, &mm, extack);
	if (ret)
		return ret;
	ret = mmap_read_lock_killable(mm);
	if (ret) {
		NL_SET_ERR_MSG(extack, "interrupted while waiting for the mmap lock");
		goto out_mmput;
	}
	root = smm_live_user_root(mm);
	while (addr < end) {
		u64 from, to;

		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start >= end)
			break;
		from = max_t(u64, addr, vma->vm_start);
		to = min_t(u64, end, vma->vm_end);
		rcu_read_lock();
		ret = smm_pt_dump(cfg, &smm_pt_host_mem, root, from, to, emit,
				  arg, &addr);
		rcu_read_unlock();
		if (ret)
			break;
		addr = to;
	}
	mmap_read_unlock(mm);
	if (!ret)
		addr = end;
	else if (ret == -EIO)
		NL_SET_ERR_MSG(extack, "a page table of the dump is not in RAM");
	*next = addr;
out_mmput:
	mmput(mm);
	return ret;
}

/**
 * smm_live_dump() - dump a range of the host's tables as runs (ptdump)
 * @kernel: the kernel's tables, else @pid's
 * @pid: the process, in the caller's pid namespace
 * @start: first address: a kernel one for @kernel, else a user one
 * @end: one past the last; 0 for the end of the half @start is in (the
 *	top of user space, or of the address space)
 * @cfg: set to the host's format and depth
 * @emit: called for each run; a non-zero return stops the dump
 * @arg: its first argument
 * @next: set to the first address not covered by an emitted run, where
 *	a dump stopped by @emit resumes
 * @extack: for the error message
 *
 * Locks as smm_live_walk() does; @emit runs under them and must not
 * sleep. A process dump covers VMAs only.
 *
 * Return: 0 at the end of the range; what @emit returned when it stopped
 * the dump; a negative errno as smm_live_walk() returns them.
 */
int smm_live_dump(bool kernel, u32 pid, u64 start, u64 end,
		  struct smm_pt_cfg *cfg,
		  int (*emit)(void *arg, const struct smm_pt_run *run),
		  void *arg, u64 *next, struct netlink_ext_ack *extack)
{
	u64 root;
	int ret;

	ret = smm_live_cfg(cfg);
	if (ret) {
		NL_SET_ERR_MSG(extack, "shadowmm has no format for this host's page tables");
		return ret;
	}
	if (!kernel)
		return smm_live_dump_user(pid, start, end, cfg, emit, arg, next,
					  extack);

	root = smm_live_kernel_root();
	if (!root) {
		NL_SET_ERR_MSG(extack, "kernel walks are not supported on this host");
		return -EOPNOTSUPP;
	}
	if (!smm_live_is_kernel_va(cfg, start)) {
		NL_SET_ERR_MSG(extack, "va is not a kernel address");
		return -ERANGE;
	}
	/* The walker keeps the dump in the kernel's half; 0 is its top. */
	ret = smm_pt_dump(cfg, &smm_pt_host_mem, root, start, end, emit, arg,
			  next);
	if (ret == -EIO)
		NL_SET_ERR_MSG(extack, "a page table of the dump is not in RAM");
	return ret;
}
