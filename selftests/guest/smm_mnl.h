/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smm_mnl - the generic-netlink plumbing the in-guest selftests share.
 *
 * A NETLINK_GENERIC socket with its family id and buffers, a request
 * builder, an exchange that hands each reply message of a do or a dump to
 * a callback and keeps what the closing ACK, error or NLMSG_DONE said
 * (extended ACK included), family resolution through the controller, and
 * a reader of multicast messages; decoders of the page-table replies (walk,
 * touch, walk dump); the walk requests, and the allocation and freeing of
 * shadow pages, that several tests make. Built on libmnl, apart from the
 * smm CLI.
 *
 * A test includes this header after its system headers; it also brings in
 * kselftest_harness.h and, for the tests, smm_mnl_open_family() and
 * ASSERT_MNL_REFUSED(), unless SMM_MNL_NO_HARNESS is defined (smm_mnl.c).
 */
#ifndef SMM_MNL_H
#define SMM_MNL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include <linux/shadow_mm.h>

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK		10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED		0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS		0x200
#endif

/* Where the first attribute of a genetlink request sits. */
#define SMM_MNL_FIRST_ATTR_OFFS	(NLMSG_HDRLEN + GENL_HDRLEN)

/* smm_mnl_open() flags */
#define SMM_MNL_EXT_ACK		0x1	/* extended ACKs (NETLINK_EXT_ACK) */
#define SMM_MNL_CAP_ACK		0x2	/* no request echo (NETLINK_CAP_ACK) */

#define SMM_MNL_MAX_OPS		32
#define SMM_MNL_MAX_GRPS	8

/**
 * struct smm_mnl_ans - what the kernel said to the last request
 * @error: 0 for an ACK, else the negative errno of the error (or of the
 *	NLMSG_DONE that ended a failed dump), as the kernel sent it
 * @ext_msg: NLMSGERR_ATTR_MSG, "" when the kernel sent none
 * @has_offs: NLMSGERR_ATTR_OFFS was present
 * @offs: byte offset of the offending attribute in the request
 * @has_miss_type: NLMSGERR_ATTR_MISS_TYPE was present
 * @miss_type: type of the missing attribute
 * @nreplies: data messages that came before the ACK, error or NLMSG_DONE
 * @nrecv: receive calls that brought data messages (a multi-part dump
 *	takes several)
 */
struct smm_mnl_ans {
	int error;
	char ext_msg[256];
	bool has_offs;
	__u32 offs;
	bool has_miss_type;
	__u32 miss_type;
	unsigned int nreplies;
	unsigned int nrecv;
};

/**
 * struct smm_mnl - a NETLINK_GENERIC socket
 * @mnl: the libmnl socket
 * @family: the family id requests go to, set by smm_mnl_resolve()
 * @seq: sequence number of the last request sent
 * @buf: receive buffer
 * @buf_size: its size: a reply message larger than this cannot be read
 * @len: bytes of @buf not yet handed out by smm_mnl_recv_msg()
 * @next: the next message in @buf for smm_mnl_recv_msg()
 * @ans: the answer to the last request
 */
struct smm_mnl {
	struct mnl_socket *mnl;
	__u16 family;
	unsigned int seq;
	char *buf;
	size_t buf_size;
	int len;
	const struct nlmsghdr *next;
	struct smm_mnl_ans ans;
};

/* Called with each data message of an answer; non-zero stops reading. */
typedef int (*smm_mnl_cb)(const struct nlmsghdr *nlh, void *arg);

/**
 * struct smm_mnl_op - an operation of a family
 * @id: its command
 * @flags: its GENL_* flags
 */
struct smm_mnl_op {
	__u32 id;
	__u32 flags;
};

/**
 * struct smm_mnl_grp - a multicast group of a family
 * @name: its name
 * @id: its id, 0 when the controller did not say
 */
struct smm_mnl_grp {
	char name[GENL_NAMSIZ];
	__u32 id;
};

/**
 * struct smm_mnl_family - a family as CTRL_CMD_GETFAMILY describes it
 * @id: family id (the nlmsg_type of its messages)
 * @version: CTRL_ATTR_VERSION
 * @nops: entries used in @ops
 * @ops: the family's operations
 * @ngrps: entries used in @grps
 * @grps: the family's multicast groups
 */
struct smm_mnl_family {
	__u16 id;
	__u32 version;
	unsigned int nops;
	struct smm_mnl_op ops[SMM_MNL_MAX_OPS];
	unsigned int ngrps;
	struct smm_mnl_grp grps[SMM_MNL_MAX_GRPS];
};

int smm_mnl_open(struct smm_mnl *s, size_t buf_size, unsigned int flags);
void smm_mnl_close(struct smm_mnl *s);
struct nlmsghdr *smm_mnl_genl_req(void *buf, __u16 type, __u16 flags,
				  __u8 cmd, __u8 version);
struct nlmsghdr *smm_mnl_req(void *buf, __u16 family, __u16 flags,
			     __u8 cmd);
struct genlmsghdr *smm_mnl_genl_hdr(struct nlmsghdr *nlh);
int smm_mnl_exchange(struct smm_mnl *s, struct nlmsghdr *req, smm_mnl_cb cb,
		     void *arg);
int smm_mnl_call(struct smm_mnl *s, struct nlmsghdr *req, smm_mnl_cb cb,
		 void *arg);
int smm_mnl_resolve(struct smm_mnl *s, const char *name,
		    struct smm_mnl_family *fam);
const struct smm_mnl_op *smm_mnl_family_op(const struct smm_mnl_family *fam,
					   __u32 cmd);
__u32 smm_mnl_family_grp(const struct smm_mnl_family *fam, const char *name);
int smm_mnl_recv_msg(struct smm_mnl *s, const struct nlmsghdr **nlh);

/**
 * struct smm_mnl_status - the parts of a status-get reply the page-table
 *	tests read
 * @pt_format: the host's page-table format (enum shadow_mm_pt_format)
 * @pt_levels: its translation levels
 * @max_order: the shadow allocator's highest order
 * @shadow_bytes: shadow memory carved
 */
struct smm_mnl_status {
	__u32 pt_format;
	__u32 pt_levels;
	__u32 max_order;
	__u64 shadow_bytes;
};

int smm_mnl_status_get(struct smm_mnl *s, struct smm_mnl_status *st);

/* Page-table replies: walks, touches and the runs of a walk dump. */

#define SMM_MNL_PT_FIELDS	32

/**
 * struct smm_mnl_pt_field - a decoded field of a descriptor (pt-field)
 * @name: its name
 * @value: its value
 * @text: what it means, "" when the kernel sent no text
 */
struct smm_mnl_pt_field {
	char name[32];
	__u64 value;
	char text[64];
};

/**
 * struct smm_mnl_walk_level - one level of a walk reply (walk-level)
 * @has: which attributes came, by type
 * @level: SHADOW_MM_A_WALK_LEVEL_LEVEL, and so on for each attribute
 * @name: the table's name
 * @table: physical address of the table
 * @index: index of the descriptor
 * @shift: lowest VA bit of the index
 * @bits: VA bits of the index
 * @raw: the hardware descriptor
 * @raw_linux: arm's Linux PTE
 * @kind: enum shadow_mm_entry_kind
 * @addr: output address
 * @size: bytes a descriptor maps here
 * @desc_addr: physical address of the descriptor
 * @nfields: fields in @field (more are counted, not kept)
 * @field: the fields
 */
struct smm_mnl_walk_level {
	bool has[SHADOW_MM_A_WALK_LEVEL_MAX + 1];
	__u32 level;
	char name[16];
	__u64 table;
	__u32 index;
	__u32 shift;
	__u32 bits;
	__u64 raw;
	__u64 raw_linux;
	__u32 kind;
	__u64 addr;
	__u64 size;
	__u64 desc_addr;
	unsigned int nfields;
	struct smm_mnl_pt_field field[SMM_MNL_PT_FIELDS];
};

/**
 * struct smm_mnl_walk - a walk or a touch reply
 * @has: which top-level attributes came, by type
 * @bad: why the reply is malformed (an attribute of the wrong size, too
 *	many levels or fields, a string without its NUL), NULL if it is not
 * @nreplies: reply messages decoded into this (one expected)
 * @va: SHADOW_MM_A_WALK_VA, and so on for each attribute
 * @format: enum shadow_mm_pt_format
 * @levels: translation levels
 * @nlevels: walk-level nests in @level
 * @level: the levels walked, in the order they came
 * @pa: physical address
 * @size: bytes of the leaf
 * @prot: enum shadow_mm_prot flags
 * @fault: enum shadow_mm_fault
 * @fault_level: level that raised it
 * @access: a touch's access
 * @fixup: enum shadow_mm_fixup
 * @page_flags: page descriptor of @pa, when in shadow memory
 * @page_owner: its owner tag
 * @page_refcount: its refcount
 * @page_mapcount: its mapcount
 * @page_zone: its zone
 * @page_node: its node
 * @vma_start: a process walk's VMA
 * @vma_end: its end
 * @vma_flags: its vm_flags
 * @vma_name: its name
 * @hw_pa: the CPU's own translation
 * @hw_par: the raw PAR
 */
struct smm_mnl_walk {
	bool has[SHADOW_MM_A_WALK_MAX + 1];
	const char *bad;
	unsigned int nreplies;
	__u64 va;
	__u32 format;
	__u32 levels;
	unsigned int nlevels;
	struct smm_mnl_walk_level level[SHADOW_MM_MAX_PT_LEVELS];
	__u64 pa;
	__u64 size;
	__u32 prot;
	__u32 fault;
	__u32 fault_level;
	__u32 access;
	__u32 fixup;
	__u32 page_flags;
	char page_owner[64];
	__u32 page_refcount;
	__u32 page_mapcount;
	__u32 page_zone;
	__u32 page_node;
	__u64 vma_start;
	__u64 vma_end;
	__u64 vma_flags;
	char vma_name[256];
	__u64 hw_pa;
	__u64 hw_par;
};

/**
 * struct smm_mnl_run - one run of a walk dump
 * @has: which attributes came, by type
 * @va: first address
 * @va_end: one past the last
 * @pa: physical address of @va
 * @size: bytes each leaf maps
 * @prot: enum shadow_mm_prot flags
 * @pages: leaves in the run
 * @levels: translation levels of the tables
 * @attrs: the run's attributes, as ptdump prints them
 */
struct smm_mnl_run {
	bool has[SHADOW_MM_A_WALK_MAX + 1];
	__u64 va;
	__u64 va_end;
	__u64 pa;
	__u64 size;
	__u32 prot;
	__u32 pages;
	__u32 levels;
	char attrs[128];
};

/**
 * struct smm_mnl_runs - the runs of a walk dump, as smm_mnl_runs_part()
 *	collects them
 * @run: the runs, in the order they came (malloc()ed; free() it)
 * @n: runs in @run
 * @max: room in @run
 * @bad: the first malformed message's reason, NULL when none was
 */
struct smm_mnl_runs {
	struct smm_mnl_run *run;
	unsigned int n;
	unsigned int max;
	const char *bad;
};

int smm_mnl_walk_part(const struct nlmsghdr *nlh, void *arg);
void *smm_mnl_grow(void *arr, unsigned int *max, unsigned int n, size_t size);
int smm_mnl_runs_part(const struct nlmsghdr *nlh, void *arg);
const struct smm_mnl_pt_field *
smm_mnl_walk_field(const struct smm_mnl_walk_level *l, const char *name);
int smm_mnl_walk(struct smm_mnl *s, int source, __u32 id, __u64 va,
		 struct smm_mnl_walk *w);
int smm_mnl_walk_dump(struct smm_mnl *s, int source, __u32 id, __u64 va,
		      __u64 len, struct smm_mnl_runs *runs);

/* Shadow pages. */

/**
 * struct smm_mnl_pfns - the pfns of a PAGE_ALLOC reply
 * @pfn: where they go
 * @n: how many were kept
 * @max: room in @pfn; more are not kept
 */
struct smm_mnl_pfns {
	__u64 *pfn;
	unsigned int n;
	unsigned int max;
};

int smm_mnl_page_alloc(struct smm_mnl *s, __u32 order, __u32 count,
		       const char *owner, struct smm_mnl_pfns *out);
int smm_mnl_page_alloc_zone(struct smm_mnl *s, __u32 order, __u32 count,
			    __u32 zone, const char *owner,
			    struct smm_mnl_pfns *out);
int smm_mnl_page_free(struct smm_mnl *s, const __u64 *pfn, unsigned int n);

/* What the allocator holds: free pages by zone, used pages by owner. */

#define SMM_MNL_MAX_ZONES	32
#define SMM_MNL_MAX_OWNERS	64

/**
 * struct smm_mnl_zone - a zone's size and free pages (zone-get dump)
 * @node: its node
 * @type: enum shadow_mm_zone_type
 * @start_pfn: its first page frame
 * @present: present-pages
 * @managed: managed-pages
 * @free: free-pages: in the buddy lists
 * @pcp: free pages on the per-CPU lists, every CPU's
 */
struct smm_mnl_zone {
	__u32 node;
	__u32 type;
	__u64 start_pfn;
	__u64 present;
	__u64 managed;
	__u64 free;
	__u64 pcp;
};

/**
 * struct smm_mnl_zones - every zone, in the order the dump sent them
 * @n: zones in @z
 * @z: the zones
 */
struct smm_mnl_zones {
	unsigned int n;
	struct smm_mnl_zone z[SMM_MNL_MAX_ZONES];
};

/**
 * struct smm_mnl_owner - pages held under one owner tag (owner-get dump)
 * @name: the tag
 * @pages: pages held
 * @blocks: blocks those pages come in
 */
struct smm_mnl_owner {
	char name[32];
	__u64 pages;
	__u64 blocks;
};

/**
 * struct smm_mnl_owners - every owner tag that holds pages
 * @n: owners in @o
 * @o: the owners
 */
struct smm_mnl_owners {
	unsigned int n;
	struct smm_mnl_owner o[SMM_MNL_MAX_OWNERS];
};

int smm_mnl_zones_get(struct smm_mnl *s, struct smm_mnl_zones *zs);
const struct smm_mnl_zone *smm_mnl_zones_differ(const struct smm_mnl_zones *a,
						const struct smm_mnl_zones *b);
int smm_mnl_owners_get(struct smm_mnl *s, struct smm_mnl_owners *w);
__u64 smm_mnl_owner_pages(const struct smm_mnl_owners *w, const char *name);
__u64 smm_mnl_owner_blocks(const struct smm_mnl_owners *w, const char *name);
const char *smm_mnl_owners_differ(const struct smm_mnl_owners *a,
				  const struct smm_mnl_owners *b);

/* The module, as a test that unloads it loads it again. */
#define SMM_MODULE_NAME		"shadow_mm"
#define SMM_MODULE_FALLBACK	"/lib/modules/shadow_mm.ko"

int smm_run_program(char *const argv[]);
const char *smm_module_path(void);
int smm_insmod_module(void);

/*
 * Requests of the tests: a list of attributes ended by type 0, so that a
 * test can say which attribute a refusal names (attr_offs()).
 */

/**
 * struct attr - one attribute of a request
 * @type: its type; 0 ends a list
 * @width: payload bytes: 4 (u32), 8 (u64) or 0 (flag)
 * @value: the value
 */
struct attr {
	__u16 type;
	__u8 width;
	__u64 value;
};

#define AU32(t, v)	{ .type = (t), .width = 4, .value = (v) }
#define AU64(t, v)	{ .type = (t), .width = 8, .value = (v) }
#define AFLAG(t)	{ .type = (t), .width = 0 }

/* Sends command @cmd with @attrs (may be NULL) and waits for its answer. */
static inline int call(struct smm_mnl *s, __u8 cmd, __u16 flags,
		       const struct attr *attrs, smm_mnl_cb cb, void *arg)
{
	__u64 buf[128];
	const struct attr *a;
	struct nlmsghdr *nlh;

	nlh = smm_mnl_req(buf, s->family, flags, cmd);
	for (a = attrs; a && a->type; a++) {
		if (a->width == 4)
			mnl_attr_put_u32(nlh, a->type, a->value);
		else if (a->width == 8)
			mnl_attr_put_u64(nlh, a->type, a->value);
		else
			mnl_attr_put(nlh, a->type, 0, NULL);
	}
	return smm_mnl_call(s, nlh, cb, arg);
}

/* Byte offset of @type's attribute in the request call() makes of @attrs. */
static inline long attr_offs(const struct attr *attrs, __u16 type)
{
	long off = SMM_MNL_FIRST_ATTR_OFFS;
	const struct attr *a;

	for (a = attrs; a->type; a++) {
		if (a->type == type)
			return off;
		off += MNL_ALIGN(MNL_ATTR_HDRLEN + a->width);
	}
	return -1;
}

/*
 * Replies: attributes read strictly; one of the wrong size sets *@bad and
 * leaves the destination as it was.
 */

static inline void rd_u32(const struct nlattr *a, __u32 *v, const char **bad)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32))
		*bad = "a u32 attribute of the wrong size";
	else
		*v = mnl_attr_get_u32(a);
}

static inline void rd_u64(const struct nlattr *a, __u64 *v, const char **bad)
{
	if (mnl_attr_validate(a, MNL_TYPE_U64))
		*bad = "a u64 attribute of the wrong size";
	else
		*v = mnl_attr_get_u64(a);
}

static inline void rd_flag(const struct nlattr *a, bool *v, const char **bad)
{
	if (mnl_attr_get_payload_len(a))
		*bad = "a flag attribute with a payload";
	else
		*v = true;
}

static inline void rd_str(const struct nlattr *a, char *dst, size_t size,
			  const char **bad)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
		*bad = "a string attribute without its NUL";
	else
		snprintf(dst, size, "%s", mnl_attr_get_str(a));
}

#ifndef SMM_MNL_NO_HARNESS
/* The harness has an unused signal-handler argument; -Wextra would say so. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

/*
 * Opens @s with extended ACKs, its buffer @buf_size bytes, to the
 * shadow_mm family, which @fam then describes; the test fails if it
 * cannot.
 */
static inline void smm_mnl_open_family(struct __test_metadata *_metadata,
				       struct smm_mnl *s, size_t buf_size,
				       struct smm_mnl_family *fam)
{
	int err;

	ASSERT_EQ(0, smm_mnl_open(s, buf_size, SMM_MNL_EXT_ACK));
	err = smm_mnl_resolve(s, SHADOW_MM_FAMILY_NAME, fam);
	ASSERT_EQ(0, err) TH_LOG("family %s: %s", SHADOW_MM_FAMILY_NAME,
				 strerror(-err));
}

/*
 * The request @s_ answered was refused with -@err_ (@ret_) and an extack
 * message, which names the attribute at offset @at_ if @at_ >= 0.
 */
#define ASSERT_MNL_REFUSED(s_, ret_, err_, at_) do {			\
	const struct smm_mnl_ans *__ans = &(s_)->ans;			\
	long __at = (at_);						\
									\
	TH_LOG("refused: %d \"%s\"", __ans->error, __ans->ext_msg);	\
	ASSERT_EQ(-(err_), (ret_));					\
	ASSERT_NE('\0', __ans->ext_msg[0]);				\
	if (__at >= 0) {						\
		ASSERT_TRUE(__ans->has_offs);				\
		ASSERT_EQ((__u32)__at, __ans->offs);			\
	}								\
} while (0)
#endif

#endif /* SMM_MNL_H */
