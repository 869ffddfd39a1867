// SPDX-License-Identifier: GPL-2.0
/*
 * live_pt_test - walks of the page tables the host is using: this
 * process's (by pid) and the kernel's, checked against what the kernel
 * says elsewhere. A user page must translate to the frame
 * /proc/self/pagemap gives, inside the VMA /proc/self/maps lists; a
 * kernel address to a physical address in /proc/iomem's "Kernel code"
 * for the kernel's text, and on ARM to the very address the CPU's own
 * translation (AT S1E1R, ATS1CPR) gives.
 *
 * Runs inside a test guest, as root (pagemap hides frames, kallsyms and
 * iomem hide addresses from others), with shadow_mm.ko loaded. Speaks the
 * wire protocol with libmnl, independently of the smm CLI.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smm_mnl.h"

#define RECV_SIZE		0x100000
#define PAGE_SZ			4096ULL
#define MODULE_NAME		"shadow_mm"
/* A function of the module that runs while it walks: surely mapped. */
#define MODULE_SYMBOL		"smm_nl_walk_doit"
#define MAX_KADDRS		16
#define MAX_VMALLOC		4
#define KTEXT_RANGE		0x100000ULL

/* vm_flags bits (include/linux/mm.h), stable since the first Linux. */
#define VMF_READ		0x1ULL
#define VMF_WRITE		0x2ULL
#define VMF_EXEC		0x4ULL

/* PAR_EL1.F and the short-descriptor PAR.F: bit 0 (a fault). */
#define PAR_F			1ULL

/* The walk source of process @pid, or of the kernel if @pid is 0. */
static int live_source(pid_t pid)
{
	return pid ? SHADOW_MM_A_WALK_PID : SHADOW_MM_A_WALK_KERNEL;
}

/* A walk of @va in process @pid, or in the kernel's tables if @pid is 0. */
static int live_walk(struct smm_mnl *s, pid_t pid, __u64 va,
		     struct smm_mnl_walk *w)
{
	return smm_mnl_walk(s, live_source(pid), pid, va, w);
}

/* A walk dump of [@va, @va + @len), of @pid or (0) the kernel. */
static int live_dump(struct smm_mnl *s, pid_t pid, __u64 va, __u64 len,
		     struct smm_mnl_runs *runs)
{
	return smm_mnl_walk_dump(s, live_source(pid), pid, va, len, runs);
}

/*
 * The frame /proc/self/pagemap gives for @va (Documentation/admin-guide/
 * mm/pagemap.rst: bit 63 present, bits 54..0 the frame).
 * Return: 0, -ENOENT when the page is not present, or a negative errno.
 */
static int pagemap_pfn(__u64 va, __u64 *pfn)
{
	__u64 e;
	int fd;
	ssize_t n;

	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0)
		return -errno;
	n = pread(fd, &e, sizeof(e), (off_t)(va / PAGE_SZ * sizeof(e)));
	close(fd);
	if (n != sizeof(e))
		return n < 0 ? -errno : -EIO;
	if (!(e >> 63))
		return -ENOENT;
	*pfn = e & ((1ULL << 55) - 1);
	return 0;
}

/* The line of /proc/self/maps that covers @va. */
struct map_line {
	__u64 start;
	__u64 end;
	char perms[8];
	char path[256];
};

static int maps_find(__u64 va, struct map_line *m)
{
	char line[512];
	int found = -ENOENT;
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return -errno;
	while (found && fgets(line, sizeof(line), f)) {
		unsigned long long start, end;
		int path_at = 0;

		if (sscanf(line, "%llx-%llx %7s %*s %*s %*s %n", &start, &end,
			   m->perms, &path_at) < 3)
			continue;
		if (va < start || va >= end)
			continue;
		m->start = start;
		m->end = end;
		snprintf(m->path, sizeof(m->path), "%s",
			 path_at ? line + path_at : "");
		m->path[strcspn(m->path, "\n")] = '\0';
		found = 0;
	}
	fclose(f);
	return found;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * The address of a kernel symbol: named @name (any name if NULL), of a
 * type in @types (any type if NULL), in module @module ("" for the kernel
 * itself). The first one that fits; its name goes to @found if not NULL.
 * Return: 0, -ENOENT, or -EACCES when kallsyms hides addresses.
 */
static int kallsyms_find_any(const char *name, const char *types,
			     const char *module, __u64 *addr, char *found,
			     size_t size)
{
	char line[512], sym[256], mod[64];
	unsigned long long a;
	int err = -ENOENT;
	char type;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return -errno;
	while (err && fgets(line, sizeof(line), f)) {
		mod[0] = '\0';
		if (sscanf(line, "%llx %c %255s [%63[^]]]", &a, &type, sym,
			   mod) < 3)
			continue;
		if ((name && strcmp(sym, name)) || strcmp(mod, module) ||
		    (types && !strchr(types, type)))
			continue;
		*addr = a;
		if (found)
			snprintf(found, size, "%s", sym);
		err = a ? 0 : -EACCES;
	}
	fclose(f);
	return err;
}

static int kallsyms_find(const char *name, const char *types,
			 const char *module, __u64 *addr)
{
	return kallsyms_find_any(name, types, module, addr, NULL, 0);
}

/* The range of the first /proc/iomem entry named @name. */
static int iomem_find(const char *name, __u64 *start, __u64 *end)
{
	char line[256];
	int err = -ENOENT;
	FILE *f;

	f = fopen("/proc/iomem", "r");
	if (!f)
		return -errno;
	while (err && fgets(line, sizeof(line), f)) {
		unsigned long long s, e;
		int at = 0;

		if (sscanf(line, " %llx-%llx : %n", &s, &e, &at) < 2 || !at)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line + at, name))
			continue;
		*start = s;
		*end = e;
		err = s || e ? 0 : -EACCES;
	}
	fclose(f);
	return err;
}

/* A vmalloc()ed area of /proc/vmallocinfo: its mapped pages. */
struct vm_area {
	__u64 start;
	__u64 pages;
	char caller[96];
};

/* Up to @max areas allocated by vmalloc() with their pages listed. */
static int vmalloc_areas(struct vm_area *v, int max)
{
	char line[512];
	int n = 0;
	FILE *f;

	f = fopen("/proc/vmallocinfo", "r");
	if (!f)
		return -errno;
	while (n < max && fgets(line, sizeof(line), f)) {
		unsigned long long s, e, pages;
		char *p = strstr(line, " pages=");

		if (!p || !strstr(line, " vmalloc") ||
		    sscanf(line, "0x%llx-0x%llx %*u %95s", &s, &e,
			   v[n].caller) != 3 ||
		    sscanf(p, " pages=%llu", &pages) != 1 || !pages || !s)
			continue;
		v[n].start = s;
		v[n].pages = pages;
		n++;
	}
	fclose(f);
	return n;
}

/* Whether /proc/vmallocinfo still lists an area starting at @start. */
static bool vmalloc_still_there(__u64 start)
{
	char line[512];
	bool found = false;
	FILE *f;

	f = fopen("/proc/vmallocinfo", "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long long s;

		found = sscanf(line, "0x%llx-", &s) == 1 && s == start;
	}
	fclose(f);
	return found;
}

FIXTURE(live) {
	struct smm_mnl s;
	/* The host's page-table format and depth. */
	struct smm_mnl_status host;
};

FIXTURE_SETUP(live)
{
	struct smm_mnl_family fam;

	smm_mnl_open_family(_metadata, &self->s, RECV_SIZE, &fam);
	ASSERT_TRUE(!!smm_mnl_family_op(&fam, SHADOW_MM_CMD_WALK))
		TH_LOG("the module has no walk op");
	ASSERT_EQ(0, smm_mnl_status_get(&self->s, &self->host));
	ASSERT_NE(0U, self->host.pt_format);
	ASSERT_NE(0U, self->host.pt_levels);
}

FIXTURE_TEARDOWN(live)
{
	smm_mnl_close(&self->s);
}

/* What every live walk of @va shows: the host's format, one entry per level. */
static void check_live_shape(struct __test_metadata *_metadata,
			     FIXTURE_DATA(live) *self,
			     const struct smm_mnl_walk *w, __u64 va)
{
	unsigned int i;

	ASSERT_TRUE(!w->bad) TH_LOG("%s", w->bad);
	ASSERT_EQ(1U, w->nreplies);
	ASSERT_EQ(va, w->va);
	ASSERT_EQ(self->host.pt_format, w->format);
	ASSERT_EQ(self->host.pt_levels, w->levels);
	ASSERT_LE(1U, w->nlevels);
	ASSERT_GE(w->levels, w->nlevels);
	for (i = 0; i < w->nlevels; i++) {
		const struct smm_mnl_walk_level *l = &w->level[i];

		ASSERT_EQ(i, l->level);
		ASSERT_EQ((va >> l->shift) & ((1ULL << l->bits) - 1),
			  l->index) TH_LOG("level %u", i);
		if (i + 1 < w->nlevels) {
			ASSERT_EQ((__u32)SHADOW_MM_ENTRY_KIND_TABLE, l->kind);
			ASSERT_EQ(l->addr, w->level[i + 1].table);
		}
	}
}

/* A present page of this process: the walk must agree with pagemap. */
static void check_user_page(struct __test_metadata *_metadata,
			    FIXTURE_DATA(live) *self, __u64 va,
			    const char *what)
{
	struct smm_mnl_walk *w = malloc(sizeof(*w));
	struct map_line m;
	__u64 pfn;
	int err;

	ASSERT_TRUE(!!w);
	err = live_walk(&self->s, getpid(), va, w);
	ASSERT_EQ(0, err) TH_LOG("%s: \"%s\"", what, self->s.ans.ext_msg);
	/* Read after the walk, as the walk must not change them. */
	ASSERT_EQ(0, pagemap_pfn(va, &pfn)) TH_LOG("%s: not present", what);
	ASSERT_NE(0ULL, pfn) TH_LOG("pagemap hides frames: not root?");
	ASSERT_EQ(0, maps_find(va, &m));

	check_live_shape(_metadata, self, w, va);
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PA])
		TH_LOG("%s %#llx: fault %u at level %u", what,
		       (unsigned long long)va, w->fault, w->fault_level);
	TH_LOG("%s %#llx: pa %#llx, pagemap pfn %#llx, vma %#llx-%#llx %s",
	       what, (unsigned long long)va, (unsigned long long)w->pa,
	       (unsigned long long)pfn, (unsigned long long)w->vma_start,
	       (unsigned long long)w->vma_end, w->vma_name);
	ASSERT_EQ(pfn, w->pa / PAGE_SZ);
	ASSERT_EQ(va % PAGE_SZ, w->pa % PAGE_SZ);
	ASSERT_NE(0U, w->prot & SHADOW_MM_PROT_USER);
	ASSERT_NE(0U, w->prot & SHADOW_MM_PROT_READ);

	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_VMA_START]);
	ASSERT_EQ(m.start, w->vma_start);
	ASSERT_EQ(m.end, w->vma_end);
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_VMA_FLAGS]);
	ASSERT_EQ(m.perms[0] == 'r', !!(w->vma_flags & VMF_READ));
	ASSERT_EQ(m.perms[1] == 'w', !!(w->vma_flags & VMF_WRITE));
	ASSERT_EQ(m.perms[2] == 'x', !!(w->vma_flags & VMF_EXEC));
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_VMA_NAME]);
	/* maps names files by path, the walk may by name alone. */
	ASSERT_STREQ(m.path[0] ? base_name(m.path) : "[anon]",
		     base_name(w->vma_name));
	/* A page of this process is no shadow page. */
	ASSERT_FALSE(w->has[SHADOW_MM_A_WALK_PAGE_OWNER]);
	free(w);
}

TEST_F(live, process_walks_agree_with_pagemap)
{
	const unsigned int n = 16;
	volatile char *buf;
	char on_stack[64];
	__u64 text;
	unsigned int i;

	buf = mmap(NULL, n * PAGE_SZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(buf != MAP_FAILED);
	for (i = 0; i < n; i++)
		buf[i * PAGE_SZ] = (char)i;
	for (i = 0; i < n; i++)
		check_user_page(_metadata, self,
				(uintptr_t)buf + i * PAGE_SZ + 0x10 * i,
				"anon");

	/* This very code, which is running (Thumb bit or not). */
	text = (uintptr_t)&check_user_page & ~1ULL;
	check_user_page(_metadata, self, text, "text");
	check_user_page(_metadata, self, (uintptr_t)&pagemap_pfn & ~1ULL,
			"text");
	/* The stack. */
	memset(on_stack, 1, sizeof(on_stack));
	check_user_page(_metadata, self, (uintptr_t)on_stack, "stack");
	munmap((void *)buf, n * PAGE_SZ);
}

TEST_F(live, written_page_is_user_writable)
{
	struct smm_mnl_walk w;
	volatile char *buf;

	buf = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(buf != MAP_FAILED);
	buf[0] = 1;
	ASSERT_EQ(0, live_walk(&self->s, getpid(), (uintptr_t)buf, &w));
	check_live_shape(_metadata, self, &w, (uintptr_t)buf);
	ASSERT_TRUE(w.has[SHADOW_MM_A_WALK_PA]);
	/* Written, hence dirty and writable even where dirt is software. */
	ASSERT_EQ((__u32)(SHADOW_MM_PROT_READ | SHADOW_MM_PROT_WRITE |
			  SHADOW_MM_PROT_USER), w.prot);
	ASSERT_EQ((__u32)SHADOW_MM_ENTRY_KIND_PAGE,
		  w.level[w.nlevels - 1].kind);

	/* Read-only now: the walk follows the tables. */
	ASSERT_EQ(0, mprotect((void *)buf, PAGE_SZ, PROT_READ));
	ASSERT_EQ(0, live_walk(&self->s, getpid(), (uintptr_t)buf, &w));
	ASSERT_TRUE(w.has[SHADOW_MM_A_WALK_PA]);
	ASSERT_EQ((__u32)(SHADOW_MM_PROT_READ | SHADOW_MM_PROT_USER), w.prot);
	ASSERT_EQ(0ULL, w.vma_flags & VMF_WRITE);
	munmap((void *)buf, PAGE_SZ);
}

TEST_F(live, unmapped_address_faults)
{
	struct smm_mnl_walk w;
	volatile char *buf;
	struct map_line m;
	__u64 va;

	buf = mmap(NULL, 2 * PAGE_SZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(buf != MAP_FAILED);
	buf[0] = 1;
	buf[PAGE_SZ] = 1;
	va = (uintptr_t)buf + PAGE_SZ;
	ASSERT_EQ(0, munmap((void *)(uintptr_t)va, PAGE_SZ));

	/* No VMA, no page: a translation fault. */
	ASSERT_EQ(0, live_walk(&self->s, getpid(), va, &w));
	check_live_shape(_metadata, self, &w, va);
	ASSERT_FALSE(w.has[SHADOW_MM_A_WALK_PA]);
	ASSERT_TRUE(w.has[SHADOW_MM_A_WALK_FAULT]);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, w.fault);
	ASSERT_EQ(w.nlevels - 1, w.fault_level);
	if (maps_find(va, &m) == -ENOENT)
		ASSERT_FALSE(w.has[SHADOW_MM_A_WALK_VMA_START]);

	/* A VMA never touched: the VMA, no page. */
	ASSERT_EQ(0, mprotect((void *)buf, PAGE_SZ, PROT_NONE));
	ASSERT_EQ(0, madvise((void *)buf, PAGE_SZ, MADV_DONTNEED));
	va = (uintptr_t)buf;
	ASSERT_EQ(0, live_walk(&self->s, getpid(), va, &w));
	ASSERT_FALSE(w.has[SHADOW_MM_A_WALK_PA]);
	ASSERT_EQ((__u32)SHADOW_MM_FAULT_TRANSLATION, w.fault);
	ASSERT_EQ(0, maps_find(va, &m));
	ASSERT_TRUE(w.has[SHADOW_MM_A_WALK_VMA_START]);
	ASSERT_EQ(m.start, w.vma_start);
	ASSERT_EQ(m.end, w.vma_end);
	ASSERT_EQ(0ULL, w.vma_flags & (VMF_READ | VMF_WRITE | VMF_EXEC));
	munmap((void *)buf, PAGE_SZ);
}

/* A pid no process has: the first one from the top kill() denies. */
static pid_t unused_pid(void)
{
	pid_t pid;

	for (pid = 4000000; pid > 1000; pid -= 7919)
		if (kill(pid, 0) && errno == ESRCH)
			return pid;
	return 0;
}

TEST_F(live, pid_errors)
{
	struct smm_mnl_walk w;
	char comm[32] = "";
	int status;
	pid_t pid;
	FILE *f;

	pid = unused_pid();
	ASSERT_NE(0, pid);
	ASSERT_EQ(-ESRCH, live_walk(&self->s, pid, 0x10000, &w));
	TH_LOG("pid %d: \"%s\"", pid, self->s.ans.ext_msg);
	ASSERT_NE('\0', self->s.ans.ext_msg[0]);

	/* A process that has exited and been reaped. */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(0);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(-ESRCH, live_walk(&self->s, pid, 0x10000, &w));
	TH_LOG("reaped pid %d: \"%s\"", pid, self->s.ans.ext_msg);
	ASSERT_NE('\0', self->s.ans.ext_msg[0]);

	/* A kernel thread (kthreadd is pid 2) has no user address space. */
	f = fopen("/proc/2/comm", "r");
	ASSERT_TRUE(!!f);
	ASSERT_TRUE(!!fgets(comm, sizeof(comm), f));
	fclose(f);
	ASSERT_STREQ("kthreadd\n", comm);
	ASSERT_EQ(-ESRCH, live_walk(&self->s, 2, 0x10000, &w));
	TH_LOG("kthreadd: \"%s\"", self->s.ans.ext_msg);
	ASSERT_NE('\0', self->s.ans.ext_msg[0]);
}

/* Kernel addresses worth walking, and what each is. */
struct kaddrs {
	__u64 va[MAX_KADDRS];
	char what[MAX_KADDRS][112];
	unsigned int n;
	/* Where _stext's page must land: /proc/iomem's "Kernel code". */
	__u64 stext;
	__u64 code_start;
	__u64 code_end;
};

static void kaddr_add(struct kaddrs *k, __u64 va, const char *what)
{
	if (k->n == MAX_KADDRS)
		return;
	k->va[k->n] = va;
	snprintf(k->what[k->n], sizeof(k->what[0]), "%s", what);
	k->n++;
}

/* Collects kernel addresses from kallsyms and vmallocinfo. */
static void kaddrs_get(struct __test_metadata *_metadata, struct kaddrs *k)
{
	struct vm_area v[MAX_VMALLOC];
	char what[112], sym[256];
	__u64 a;
	int i, n;

	memset(k, 0, sizeof(*k));
	ASSERT_EQ(0, kallsyms_find("_stext", "Tt", "", &k->stext))
		TH_LOG("/proc/kallsyms shows no _stext (kptr_restrict?)");
	kaddr_add(k, k->stext, "_stext");
	/* arm64 lists no _text: its head section is left out. */
	if (!kallsyms_find("_text", "Tt", "", &a))
		kaddr_add(k, a, "_text");
	/*
	 * Kernel data is listed with CONFIG_KALLSYMS_ALL only (not on ARM),
	 * apart from a few markers such as _etext (the start of rodata).
	 */
	if (!kallsyms_find_any(NULL, "DdBb", "", &a, sym, sizeof(sym))) {
		snprintf(what, sizeof(what), "%.64s (kernel data)", sym);
		kaddr_add(k, a, what);
	} else {
		TH_LOG("no kernel data symbol in kallsyms (KALLSYMS_ALL=n)");
	}
	ASSERT_EQ(0, kallsyms_find(MODULE_SYMBOL, "Tt", MODULE_NAME, &a))
		TH_LOG("no %s [%s] in kallsyms", MODULE_SYMBOL, MODULE_NAME);
	kaddr_add(k, a, MODULE_SYMBOL " [" MODULE_NAME "]");
	/* So is a module's, with KALLSYMS_ALL only. */
	if (!kallsyms_find_any(NULL, "DdBb", MODULE_NAME, &a, sym,
			       sizeof(sym))) {
		snprintf(what, sizeof(what), "%.64s [" MODULE_NAME "] (data)",
			 sym);
		kaddr_add(k, a, what);
	}
	ASSERT_EQ(0, iomem_find("Kernel code", &k->code_start, &k->code_end))
		TH_LOG("no Kernel code in /proc/iomem");

	n = vmalloc_areas(v, MAX_VMALLOC);
	ASSERT_LT(0, n) TH_LOG("no vmalloc()ed area in /proc/vmallocinfo");
	for (i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "vmalloc %.90s", v[i].caller);
		kaddr_add(k, v[i].start, what);
		kaddr_add(k, v[i].start + (v[i].pages - 1) * PAGE_SZ + 0x88,
			  what);
	}
}

/*
 * Walks every address of @k; each must be mapped, unless it is a
 * vmalloc() area that went away meanwhile.
 */
static void walk_kaddrs(struct __test_metadata *_metadata,
			FIXTURE_DATA(live) *self, const struct kaddrs *k,
			struct smm_mnl_walk *w, bool at_check)
{
	unsigned int i;
	int err;

	for (i = 0; i < k->n; i++) {
		__u64 va = k->va[i];

		err = live_walk(&self->s, 0, va, w);
		ASSERT_EQ(0, err) TH_LOG("%s %#llx: \"%s\"", k->what[i],
					 (unsigned long long)va,
					 self->s.ans.ext_msg);
		check_live_shape(_metadata, self, w, va);
		if (!w->has[SHADOW_MM_A_WALK_PA] &&
		    !strncmp(k->what[i], "vmalloc", 7) &&
		    !vmalloc_still_there(va & ~(PAGE_SZ - 1))) {
			TH_LOG("%s %#llx: freed meanwhile", k->what[i],
			       (unsigned long long)va);
			continue;
		}
		TH_LOG("%s %#llx: pa %#llx size %#llx levels %u, hw-pa %#llx par %#llx",
		       k->what[i], (unsigned long long)va,
		       (unsigned long long)w->pa, (unsigned long long)w->size,
		       w->nlevels, (unsigned long long)w->hw_pa,
		       (unsigned long long)w->hw_par);
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PA])
			TH_LOG("%s %#llx: fault %u at level %u", k->what[i],
			       (unsigned long long)va, w->fault,
			       w->fault_level);
		ASSERT_EQ(va % PAGE_SZ, w->pa % PAGE_SZ);
		/* Kernel mappings are for the kernel alone. */
		ASSERT_EQ(0U, w->prot & SHADOW_MM_PROT_USER);
		ASSERT_FALSE(w->has[SHADOW_MM_A_WALK_VMA_START]);
		if (!at_check)
			continue;
		/* The CPU translated it too, without a fault, to the same pa. */
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_HW_PAR]);
		ASSERT_EQ(0ULL, w->hw_par & PAR_F)
			TH_LOG("%s: PAR %#llx", k->what[i],
			       (unsigned long long)w->hw_par);
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_HW_PA]);
		ASSERT_EQ(w->pa, w->hw_pa) TH_LOG("%s", k->what[i]);
	}
}

TEST_F(live, kernel_walks_are_mapped)
{
	struct smm_mnl_walk *w = malloc(sizeof(*w));
	struct kaddrs k;
	__u64 text;

	ASSERT_TRUE(!!w);
	kaddrs_get(_metadata, &k);
	walk_kaddrs(_metadata, self, &k, w, false);

	/* The kernel's text lies where /proc/iomem says it is. */
	ASSERT_EQ(0, live_walk(&self->s, 0, k.stext, w));
	ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PA]);
	TH_LOG("_stext pa %#llx, Kernel code %#llx-%#llx",
	       (unsigned long long)w->pa, (unsigned long long)k.code_start,
	       (unsigned long long)k.code_end);
	ASSERT_LE(k.code_start, w->pa);
	ASSERT_GE(k.code_end, w->pa);
	/* _text too, where kallsyms lists it: the first byte of the code. */
	if (!kallsyms_find("_text", "Tt", "", &text)) {
		ASSERT_EQ(0, live_walk(&self->s, 0, text, w));
		ASSERT_TRUE(w->has[SHADOW_MM_A_WALK_PA]);
		TH_LOG("_text pa %#llx", (unsigned long long)w->pa);
		ASSERT_LE(k.code_start, w->pa);
		ASSERT_GE(k.code_end, w->pa);
	}
	free(w);
}

/*
 * armhf: lowmem is mapped linearly from PAGE_OFFSET (0xc0000000 with
 * VMSPLIT_3G) to the start of RAM, so _stext's own virtual and physical
 * addresses give the offset every lowmem page has.
 */
TEST_F(live, arm_linear_map)
{
	struct smm_mnl_walk w;
	__u64 stext, offset, va;
	unsigned int i;

	if (self->host.pt_format != SHADOW_MM_PT_FORMAT_ARM)
		SKIP(return, "the linear map's offset is known on armhf only (KASLR elsewhere)");
	ASSERT_EQ(0, kallsyms_find("_stext", "Tt", "", &stext));
	ASSERT_EQ(0, live_walk(&self->s, 0, stext, &w));
	ASSERT_TRUE(w.has[SHADOW_MM_A_WALK_PA]);
	offset = stext - w.pa;
	for (i = 0; i < 8; i++) {
		/* Pages up to 128 MiB past _stext's, all lowmem. */
		va = (stext & ~(PAGE_SZ - 1)) + i * 16 * 1024 * 1024 + 0x44;
		ASSERT_EQ(0, live_walk(&self->s, 0, va, &w));
		ASSERT_TRUE(w.has[SHADOW_MM_A_WALK_PA])
			TH_LOG("%#llx", (unsigned long long)va);
		ASSERT_EQ(va - offset, w.pa);
		ASSERT_TRUE(!w.has[SHADOW_MM_A_WALK_HW_PA] || w.hw_pa == w.pa);
	}
}

TEST_F(live, kernel_walks_agree_with_at)
{
	struct smm_mnl_walk *w = malloc(sizeof(*w));
	struct kaddrs k;

	ASSERT_TRUE(!!w);
	kaddrs_get(_metadata, &k);
	ASSERT_EQ(0, live_walk(&self->s, 0, k.va[0], w));
	if (self->host.pt_format == SHADOW_MM_PT_FORMAT_X86_64) {
		/* Nothing there to compare with: say so, and that none came. */
		ASSERT_FALSE(w->has[SHADOW_MM_A_WALK_HW_PAR]);
		free(w);
		SKIP(return, "x86 has no address-translation instruction (AT is ARM's)");
	}
	walk_kaddrs(_metadata, self, &k, w, true);
	free(w);
}

TEST_F(live, kernel_refuses_user_address)
{
	struct smm_mnl_walk w;
	char on_stack[16];
	int err;

	memset(on_stack, 0, sizeof(on_stack));
	err = live_walk(&self->s, 0, (uintptr_t)on_stack, &w);
	TH_LOG("%d \"%s\"", err, self->s.ans.ext_msg);
	ASSERT_TRUE(err == -EINVAL || err == -ERANGE);
	ASSERT_NE('\0', self->s.ans.ext_msg[0]);
}

/* Logs each run of @runs. */
static void log_runs(struct __test_metadata *_metadata,
		     const struct smm_mnl_runs *runs)
{
	const struct smm_mnl_run *r;
	unsigned int i;

	for (i = 0; i < runs->n; i++) {
		r = &runs->run[i];
		TH_LOG("run %#llx-%#llx pa %#llx pages %u size %#llx %s",
		       (unsigned long long)r->va,
		       (unsigned long long)r->va_end,
		       (unsigned long long)r->pa, r->pages,
		       (unsigned long long)r->size, r->attrs);
	}
}

/* Checks that @runs are ordered, well formed and cover exactly @covered. */
static void check_runs(struct __test_metadata *_metadata,
		       const struct smm_mnl_runs *runs, __u64 start,
		       __u64 end, __u64 *covered)
{
	__u64 last = start;
	unsigned int i;

	*covered = 0;
	ASSERT_TRUE(!runs->bad) TH_LOG("%s", runs->bad);
	for (i = 0; i < runs->n; i++) {
		const struct smm_mnl_run *r = &runs->run[i];

		ASSERT_TRUE(r->has[SHADOW_MM_A_WALK_VA]);
		ASSERT_TRUE(r->has[SHADOW_MM_A_WALK_VA_END]);
		ASSERT_LT(r->va, r->va_end);
		ASSERT_LE(last, r->va)
			TH_LOG("run %u goes back or out of the range", i);
		ASSERT_GE(end, r->va_end);
		ASSERT_LE(1U, r->pages);
		ASSERT_TRUE(r->has[SHADOW_MM_A_WALK_PA]);
		ASSERT_NE(0ULL, r->size);
		ASSERT_NE('\0', r->attrs[0]);
		*covered += r->va_end - r->va;
		last = r->va_end;
	}
}

TEST_F(live, dump_covers_own_buffer)
{
	const __u64 len = 64 * 1024;
	struct smm_mnl_runs runs;
	__u64 covered, start, pfn, ktext;
	volatile char *buf;
	unsigned int i;
	int err;

	buf = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(buf != MAP_FAILED);
	for (i = 0; i < len / PAGE_SZ; i++)
		buf[i * PAGE_SZ] = 1;
	start = (uintptr_t)buf;

	err = live_dump(&self->s, getpid(), start, len, &runs);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	log_runs(_metadata, &runs);
	check_runs(_metadata, &runs, start, start + len, &covered);
	ASSERT_EQ(len, covered);
	ASSERT_LE(1U, runs.n);
	ASSERT_EQ(start, runs.run[0].va);
	ASSERT_EQ(0, pagemap_pfn(start, &pfn));
	ASSERT_EQ(pfn, runs.run[0].pa / PAGE_SZ);
	free(runs.run);

	/* A wider range: the buffer is still covered, within the range. */
	err = live_dump(&self->s, getpid(), start - 0x100000, len + 0x200000,
			&runs);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	check_runs(_metadata, &runs, start - 0x100000,
		   start + len + 0x100000, &covered);
	ASSERT_LE(len, covered);
	for (covered = 0, i = 0; i < runs.n; i++) {
		__u64 lo = runs.run[i].va > start ? runs.run[i].va : start;
		__u64 hi = runs.run[i].va_end < start + len ?
			   runs.run[i].va_end : start + len;

		if (lo < hi)
			covered += hi - lo;
	}
	ASSERT_EQ(len, covered);
	free(runs.run);
	munmap((void *)buf, len);

	/* The kernel's text dumps too; runs are clipped to the range. */
	ASSERT_EQ(0, kallsyms_find("_stext", "Tt", "", &ktext));
	ktext &= ~(PAGE_SZ - 1);
	err = live_dump(&self->s, 0, ktext, KTEXT_RANGE, &runs);
	ASSERT_EQ(0, err) TH_LOG("\"%s\"", self->s.ans.ext_msg);
	log_runs(_metadata, &runs);
	check_runs(_metadata, &runs, ktext, ktext + KTEXT_RANGE, &covered);
	ASSERT_LE(1U, runs.n);
	ASSERT_EQ(KTEXT_RANGE, covered);
	free(runs.run);
}

TEST_HARNESS_MAIN
