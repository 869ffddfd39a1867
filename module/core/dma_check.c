// SPDX-License-Identifier: GPL-2.0
/*
 * DMA-debug tracker: the live mappings of every device in one array sorted
 * by (device, address), binary-searched, so a lookup costs log n and a map
 * or unmap one memmove. A range is handled by its first and last byte, so
 * a mapping that ends at the top of the address space needs no wider type.
 */

#include "dma_check.h"

/* Ring positions are taken from the low 32 bits of 64-bit counters. */
static_assert((SMM_DMA_FINDINGS & (SMM_DMA_FINDINGS - 1)) == 0,
	      "SMM_DMA_FINDINGS must be a power of two");
static_assert((SMM_DMA_RECENT_UNMAPS & (SMM_DMA_RECENT_UNMAPS - 1)) == 0,
	      "SMM_DMA_RECENT_UNMAPS must be a power of two");

#define SMM_DMA_FIRST_CAP	16

static const char * const smm_dma_check_names[SMM_DMA_NR_CHECKS] = {
	[SMM_DMA_OK]			= "ok",
	[SMM_DMA_CHECK_UNMAP_UNKNOWN]	= "unmap-unknown",
	[SMM_DMA_CHECK_UNMAP_SIZE]	= "unmap-size",
	[SMM_DMA_CHECK_UNMAP_DIR]	= "unmap-dir",
	[SMM_DMA_CHECK_UNMAP_KIND]	= "unmap-kind",
	[SMM_DMA_CHECK_DOUBLE_UNMAP]	= "double-unmap",
	[SMM_DMA_CHECK_SYNC_UNKNOWN]	= "sync-unknown",
	[SMM_DMA_CHECK_SYNC_BEYOND]	= "sync-beyond",
	[SMM_DMA_CHECK_SYNC_DIR]	= "sync-dir",
	[SMM_DMA_CHECK_UNCHECKED]	= "unchecked",
	[SMM_DMA_CHECK_HELD_AT_UNBIND]	= "held-at-unbind",
	[SMM_DMA_CHECK_HELD_AT_UNLOAD]	= "held-at-unload",
};

static const char * const smm_dma_dir_names[] = {
	[SMM_DMA_BIDIRECTIONAL]	= "bidirectional",
	[SMM_DMA_TO_DEVICE]	= "to-device",
	[SMM_DMA_FROM_DEVICE]	= "from-device",
};

static const char * const smm_dma_kind_names[] = {
	[SMM_DMA_KIND_COHERENT]	= "coherent",
	[SMM_DMA_KIND_SINGLE]	= "single",
	[SMM_DMA_KIND_SG]	= "sg",
};

/**
 * smm_dma_check_name() - the uapi spelling of a check
 * @check: enum smm_dma_check
 *
 * Return: "unmap-unknown", ..., "ok" for SMM_DMA_OK, "?" out of range.
 */
const char *smm_dma_check_name(enum smm_dma_check check)
{
	if ((unsigned int)check >= SMM_DMA_NR_CHECKS)
		return "?";
	return smm_dma_check_names[check];
}

/**
 * smm_dma_dir_name() - the uapi spelling of a direction
 * @dir: enum smm_dma_dir
 *
 * Return: "bidirectional", "to-device", "from-device", or "?".
 */
const char *smm_dma_dir_name(u8 dir)
{
	if (dir >= ARRAY_SIZE(smm_dma_dir_names))
		return "?";
	return smm_dma_dir_names[dir];
}

static const char *smm_dma_kind_name(u8 kind)
{
	if (kind >= ARRAY_SIZE(smm_dma_kind_names) || !smm_dma_kind_names[kind])
		return "?";
	return smm_dma_kind_names[kind];
}

/**
 * smm_dma_track_init() - make an empty tracker
 * @t: the tracker
 */
void smm_dma_track_init(struct smm_dma_tracker *t)
{
	memset(t, 0, sizeof(*t));
}

/**
 * smm_dma_track_destroy() - free a tracker's live-mapping array
 * @t: the tracker
 *
 * The live mappings are forgotten (the glue reports and releases them
 * first); counts and findings stay readable.
 */
void smm_dma_track_destroy(struct smm_dma_tracker *t)
{
	smm_ctx_free(t->entries);
	t->entries = NULL;
	t->nr = 0;
	t->cap = 0;
}

/* Order of entry @e against the key (@dev, @addr): <0, 0 or >0. */
static int smm_dma_cmp(const struct smm_dma_entry *e, const void *dev,
		       u64 addr)
{
	if (e->dev != dev)
		return (unsigned long)e->dev < (unsigned long)dev ? -1 : 1;
	if (e->addr != addr)
		return e->addr < addr ? -1 : 1;
	return 0;
}

/*
 * Index of the first entry above (@dev, @addr), or with @or_equal of the
 * first entry at or above it.
 */
static unsigned int smm_dma_search(const struct smm_dma_tracker *t,
				   const void *dev, u64 addr, bool or_equal)
{
	unsigned int lo = 0, hi = t->nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		int cmp = smm_dma_cmp(&t->entries[mid], dev, addr);

		if (cmp < 0 || (cmp == 0 && !or_equal))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static u64 smm_dma_last(const struct smm_dma_entry *e)
{
	return e->addr + e->size - 1;
}

/**
 * smm_dma_track_find() - the live mapping of a device holding an address
 * @t: the tracker
 * @dev: the device
 * @addr: a device address
 *
 * Return: the entry whose range contains @addr, or NULL. It stays valid
 * until the next map or unmap on @t.
 */
struct smm_dma_entry *smm_dma_track_find(struct smm_dma_tracker *t,
					 const void *dev, u64 addr)
{
	unsigned int i = smm_dma_search(t, dev, addr, false);
	struct smm_dma_entry *e;

	if (!i)
		return NULL;
	e = &t->entries[i - 1];
	if (e->dev != dev || addr - e->addr >= e->size)
		return NULL;
	return e;
}

/**
 * smm_dma_track_first() - a device's lowest live mapping
 * @t: the tracker
 * @dev: the device
 *
 * The glue releases a device's mappings at unbind by taking this one until
 * none is left.
 *
 * Return: the entry, or NULL when @dev has none.
 */
struct smm_dma_entry *smm_dma_track_first(struct smm_dma_tracker *t,
					  const void *dev)
{
	unsigned int i = smm_dma_search(t, dev, 0, true);

	if (i >= t->nr || t->entries[i].dev != dev)
		return NULL;
	return &t->entries[i];
}

/**
 * smm_dma_track_count() - live mappings of a device
 * @t: the tracker
 * @dev: the device, or NULL for every device
 *
 * Return: how many.
 */
unsigned int smm_dma_track_count(const struct smm_dma_tracker *t,
				 const void *dev)
{
	unsigned int i, n = 0;

	if (!dev)
		return t->nr;
	for (i = smm_dma_search(t, dev, 0, true); i < t->nr; i++) {
		if (t->entries[i].dev != dev)
			break;
		n++;
	}
	return n;
}

/* The entry of @dev starting exactly at @addr, or NULL. */
static struct smm_dma_entry *smm_dma_at(struct smm_dma_tracker *t,
					const void *dev, u64 addr)
{
	struct smm_dma_entry *e = smm_dma_track_find(t, dev, addr);

	return e && e->addr == addr ? e : NULL;
}

/**
 * smm_dma_track_checked() - note that a mapping's error was checked
 * @t: the tracker
 * @dev: the device
 * @addr: the mapping's handle (its first byte)
 *
 * Does nothing when no mapping of @dev starts at @addr.
 */
void smm_dma_track_checked(struct smm_dma_tracker *t, const void *dev,
			   u64 addr)
{
	struct smm_dma_entry *e = smm_dma_at(t, dev, addr);

	if (e)
		e->checked = true;
}

/* Make room for one more entry; nothing changes on failure. */
static int smm_dma_grow(struct smm_dma_tracker *t)
{
	struct smm_dma_entry *bigger;
	unsigned int cap;

	if (t->nr < t->cap)
		return 0;
	/* the doubled array's bytes must fit 32 bits */
	if (t->cap > ~0u / 2 / sizeof(*bigger))
		return -ENOMEM;
	cap = t->cap ? t->cap * 2 : SMM_DMA_FIRST_CAP;
	bigger = smm_ctx_zalloc(cap * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	if (t->nr)
		memcpy(bigger, t->entries, t->nr * sizeof(*bigger));
	smm_ctx_free(t->entries);
	t->entries = bigger;
	t->cap = cap;
	return 0;
}

/* Forget recent unmaps of @dev within [@addr, @last]: mapped again. */
static void smm_dma_forget_recent(struct smm_dma_tracker *t, const void *dev,
				  u64 addr, u64 last)
{
	unsigned int i;

	for (i = 0; i < SMM_DMA_RECENT_UNMAPS; i++) {
		u64 r_addr = t->recent[i].addr;
		u64 r_size = t->recent[i].size;

		/* size 0: a free or forgotten record */
		if (!r_size || t->recent[i].dev != dev)
			continue;
		if (r_addr <= last && addr <= r_addr + r_size - 1)
			t->recent[i].size = 0;
	}
}

static bool smm_dma_is_recent(const struct smm_dma_tracker *t,
			      const void *dev, u64 addr)
{
	unsigned int i;

	for (i = 0; i < SMM_DMA_RECENT_UNMAPS; i++)
		if (t->recent[i].size && t->recent[i].dev == dev &&
		    t->recent[i].addr == addr)
			return true;
	return false;
}

static void smm_dma_push_recent(struct smm_dma_tracker *t,
				const struct smm_dma_entry *e)
{
	unsigned int slot = t->recent_head % SMM_DMA_RECENT_UNMAPS;

	t->recent[slot].dev = e->dev;
	t->recent[slot].addr = e->addr;
	t->recent[slot].size = e->size;
	t->recent_head++;
}

/**
 * smm_dma_track_map() - track a new mapping
 * @t: the tracker
 * @e: the mapping; copied as given (@e->checked included)
 *
 * Any record of a recent unmap of the same device in the range is
 * dropped: unmapping the new mapping is not a double unmap.
 *
 * Return: 0; -EINVAL when @e->size is 0 or the range wraps past the top of
 * the address space; -EEXIST when it overlaps a live mapping of the same
 * device; -ENOMEM when the array cannot grow. On error nothing changed.
 */
int smm_dma_track_map(struct smm_dma_tracker *t, const struct smm_dma_entry *e)
{
	u64 last = e->addr + e->size - 1;
	unsigned int pos;
	int ret;

	if (!e->size || last < e->addr)
		return -EINVAL;
	pos = smm_dma_search(t, e->dev, e->addr, false);
	/* Entries do not overlap: only the neighbours can reach the range. */
	if (pos && t->entries[pos - 1].dev == e->dev &&
	    smm_dma_last(&t->entries[pos - 1]) >= e->addr)
		return -EEXIST;
	if (pos < t->nr && t->entries[pos].dev == e->dev &&
	    t->entries[pos].addr <= last)
		return -EEXIST;
	ret = smm_dma_grow(t);
	if (ret)
		return ret;
	memmove(&t->entries[pos + 1], &t->entries[pos],
		(t->nr - pos) * sizeof(*t->entries));
	t->entries[pos] = *e;
	t->nr++;
	smm_dma_forget_recent(t, e->dev, e->addr, last);
	return 0;
}

static void smm_dma_put_out(struct smm_dma_entry *out,
			    const struct smm_dma_entry *e)
{
	if (!out)
		return;
	if (e)
		*out = *e;
	else
		memset(out, 0, sizeof(*out));
}

/* The finding's words; @kind is the unmap's function family, 0 unknown. */
static void smm_dma_describe(struct smm_dma_finding *f, u8 kind,
			     const struct smm_dma_entry *found)
{
	unsigned long long addr = f->addr, size = f->size;
	const char *dir = smm_dma_dir_name(f->dir);
	char *msg = f->msg;
	size_t len = sizeof(f->msg);

	switch (f->check) {
	case SMM_DMA_CHECK_UNMAP_UNKNOWN:
		if (found)
			snprintf(msg, len,
				 "unmap of 0x%llx (%llu bytes): inside the mapping at 0x%llx, not its start",
				 addr, size, (unsigned long long)found->addr);
		else
			snprintf(msg, len,
				 "unmap of 0x%llx (%llu bytes): no mapping there",
				 addr, size);
		break;
	case SMM_DMA_CHECK_UNMAP_SIZE:
		if (found)
			snprintf(msg, len,
				 "unmap size %llu but 0x%llx was mapped with %llu bytes",
				 size, addr, (unsigned long long)found->size);
		else
			snprintf(msg, len,
				 "unmap size %llu of 0x%llx is not its mapping's",
				 size, addr);
		break;
	case SMM_DMA_CHECK_UNMAP_DIR:
		if (found)
			snprintf(msg, len,
				 "unmap %s but 0x%llx was mapped %s",
				 dir, addr, smm_dma_dir_name(found->dir));
		else
			snprintf(msg, len,
				 "unmap %s of 0x%llx is not its mapping's direction",
				 dir, addr);
		break;
	case SMM_DMA_CHECK_UNMAP_KIND:
		snprintf(msg, len, "unmap as %s of a %s mapping at 0x%llx",
			 kind ? smm_dma_kind_name(kind) : "another function",
			 found ? smm_dma_kind_name(found->kind) : "different",
			 addr);
		break;
	case SMM_DMA_CHECK_DOUBLE_UNMAP:
		snprintf(msg, len, "0x%llx unmapped twice", addr);
		break;
	case SMM_DMA_CHECK_SYNC_UNKNOWN:
		snprintf(msg, len,
			 "sync of 0x%llx (%llu bytes): no mapping there",
			 addr, size);
		break;
	case SMM_DMA_CHECK_SYNC_BEYOND:
		if (!size)
			snprintf(msg, len, "sync of 0 bytes at 0x%llx", addr);
		else if (found && addr - found->addr < found->size)
			snprintf(msg, len,
				 "sync of 0x%llx + %llu runs %llu bytes past its mapping's end",
				 addr, size,
				 size - (smm_dma_last(found) - addr + 1));
		else
			snprintf(msg, len,
				 "sync of 0x%llx + %llu runs past its mapping's end",
				 addr, size);
		break;
	case SMM_DMA_CHECK_SYNC_DIR:
		snprintf(msg, len, "sync %s of a %s mapping at 0x%llx", dir,
			 found ? smm_dma_dir_name(found->dir) : "differently directed",
			 addr);
		break;
	case SMM_DMA_CHECK_UNCHECKED:
		snprintf(msg, len,
			 "0x%llx (%llu bytes) unmapped without its mapping error checked",
			 addr, size);
		break;
	case SMM_DMA_CHECK_HELD_AT_UNBIND:
		snprintf(msg, len, "0x%llx (%llu bytes, %s) still mapped at unbind",
			 addr, size, dir);
		break;
	case SMM_DMA_CHECK_HELD_AT_UNLOAD:
		snprintf(msg, len, "0x%llx (%llu bytes, %s) still mapped at unload",
			 addr, size, dir);
		break;
	default:
		snprintf(msg, len, "0x%llx: check %u", addr, f->check);
		break;
	}
}

/* Remember (@check, @site) as logged; false if it was, or if out of room. */
static bool smm_dma_log_once(struct smm_dma_tracker *t,
			     enum smm_dma_check check, unsigned long site)
{
	unsigned int i;

	for (i = 0; i < t->nr_logged; i++)
		if (t->logged[i].check == check && t->logged[i].site == site)
			return false;
	if (t->nr_logged >= SMM_DMA_LOGGED_SITES)
		return false;
	t->logged[t->nr_logged].check = check;
	t->logged[t->nr_logged].site = site;
	t->nr_logged++;
	return true;
}

static bool smm_dma_report_kind(struct smm_dma_tracker *t,
				enum smm_dma_check check, const void *dev,
				u64 addr, u64 size, u8 dir, u8 kind,
				const struct smm_dma_entry *found,
				unsigned long site)
{
	struct smm_dma_finding *f;

	if (check <= SMM_DMA_OK || check >= SMM_DMA_NR_CHECKS)
		return false;
	t->counts[check]++;
	t->seq++;
	f = &t->findings[(u32)(t->seq - 1) % SMM_DMA_FINDINGS];
	memset(f, 0, sizeof(*f));
	f->seq = t->seq;
	f->check = check;
	f->addr = addr;
	f->size = size;
	f->dir = dir;
	f->site = site;
	if (found) {
		f->has_mapping = true;
		f->mapped_size = found->size;
		f->mapped_dir = found->dir;
	}
	smm_dma_describe(f, kind, found);
	return smm_dma_log_once(t, check, site);
}

/**
 * smm_dma_track_report() - count and keep a finding
 * @t: the tracker
 * @check: what was found (not SMM_DMA_OK)
 * @dev: the device
 * @addr: the device address the caller passed
 * @size: the size it passed
 * @dir: the direction it passed
 * @found: the mapping found at or around @addr, or NULL
 * @site: the caller, as the glue names it
 *
 * The glue calls this itself for what the tracker cannot see (mappings
 * held at unbind or unload); unmap and sync call it for theirs. The
 * finding overwrites the oldest kept one when the ring is full.
 *
 * Return: true when (@check, @site) was not logged before, so the glue
 * should log this one; false otherwise, also once SMM_DMA_LOGGED_SITES
 * pairs were logged, and for an out-of-range @check (nothing is kept).
 */
bool smm_dma_track_report(struct smm_dma_tracker *t, enum smm_dma_check check,
			  const void *dev, u64 addr, u64 size, u8 dir,
			  const struct smm_dma_entry *found,
			  unsigned long site)
{
	return smm_dma_report_kind(t, check, dev, addr, size, dir, 0, found,
				   site);
}

/**
 * smm_dma_track_unmap() - check and untrack an unmap or free
 * @t: the tracker
 * @dev: the device
 * @addr: the handle passed
 * @size: the size passed
 * @dir: the direction passed (ignored for a coherent mapping)
 * @kind: the function family of the unmap
 * @site: the caller
 * @out: the mapping found, when any (zeroed when none); may be NULL
 * @log: whether the glue should log what was reported (false when nothing
 *	was); may be NULL
 *
 * A refused unmap is reported and changes no mapping. A mapping whose
 * error was never checked is reported as SMM_DMA_CHECK_UNCHECKED but is
 * unmapped all the same.
 *
 * Return: SMM_DMA_OK when the mapping was removed (copied to @out);
 * otherwise the check that refused it: SMM_DMA_CHECK_DOUBLE_UNMAP,
 * SMM_DMA_CHECK_UNMAP_UNKNOWN (also for an address inside a mapping but
 * not its start), SMM_DMA_CHECK_UNMAP_KIND, SMM_DMA_CHECK_UNMAP_SIZE or
 * SMM_DMA_CHECK_UNMAP_DIR, tested in that order.
 */
enum smm_dma_check smm_dma_track_unmap(struct smm_dma_tracker *t,
				       const void *dev, u64 addr, u64 size,
				       u8 dir, u8 kind, unsigned long site,
				       struct smm_dma_entry *out, bool *log)
{
	struct smm_dma_entry *e = smm_dma_track_find(t, dev, addr);
	enum smm_dma_check check = SMM_DMA_OK;
	struct smm_dma_entry gone;
	bool logit = false;

	smm_dma_put_out(out, e);
	if (!e || e->addr != addr) {
		if (!e && smm_dma_is_recent(t, dev, addr))
			check = SMM_DMA_CHECK_DOUBLE_UNMAP;
		else
			check = SMM_DMA_CHECK_UNMAP_UNKNOWN;
	} else if (e->kind != kind) {
		check = SMM_DMA_CHECK_UNMAP_KIND;
	} else if (e->size != size) {
		check = SMM_DMA_CHECK_UNMAP_SIZE;
	} else if (kind != SMM_DMA_KIND_COHERENT && e->dir != dir) {
		check = SMM_DMA_CHECK_UNMAP_DIR;
	}
	if (check != SMM_DMA_OK) {
		logit = smm_dma_report_kind(t, check, dev, addr, size, dir, kind,
					    e, site);
		goto out;
	}

	gone = *e;
	memmove(e, e + 1, (t->nr - (e - t->entries) - 1) * sizeof(*e));
	t->nr--;
	smm_dma_push_recent(t, &gone);
	if (!gone.checked)
		logit = smm_dma_report_kind(t, SMM_DMA_CHECK_UNCHECKED, dev,
					    addr, gone.size, dir, kind, &gone,
					    site);
out:
	if (log)
		*log = logit;
	return check;
}

/**
 * smm_dma_track_sync() - check a sync against its mapping
 * @t: the tracker
 * @dev: the device
 * @addr: the first byte to sync (anywhere inside a mapping)
 * @size: bytes to sync
 * @dir: the direction passed
 * @site: the caller
 * @out: the mapping holding @addr, when any (zeroed when none); may be NULL
 * @log: whether the glue should log what was reported (false when nothing
 *	was); may be NULL
 *
 * Return: SMM_DMA_OK; or, reported and refused, SMM_DMA_CHECK_SYNC_UNKNOWN
 * (no mapping holds @addr), SMM_DMA_CHECK_SYNC_BEYOND (@size 0 or the
 * range runs past the mapping's end) or SMM_DMA_CHECK_SYNC_DIR (@dir is
 * not the direction of a mapping that is not bidirectional).
 */
enum smm_dma_check smm_dma_track_sync(struct smm_dma_tracker *t,
				      const void *dev, u64 addr, u64 size,
				      u8 dir, unsigned long site,
				      struct smm_dma_entry *out, bool *log)
{
	struct smm_dma_entry *e = smm_dma_track_find(t, dev, addr);
	enum smm_dma_check check = SMM_DMA_OK;
	bool logit = false;

	smm_dma_put_out(out, e);
	if (!e)
		check = SMM_DMA_CHECK_SYNC_UNKNOWN;
	else if (!size || size - 1 > smm_dma_last(e) - addr)
		check = SMM_DMA_CHECK_SYNC_BEYOND;
	else if (e->dir != SMM_DMA_BIDIRECTIONAL && e->dir != dir)
		check = SMM_DMA_CHECK_SYNC_DIR;
	if (check != SMM_DMA_OK)
		logit = smm_dma_report_kind(t, check, dev, addr, size, dir, 0, e,
					    site);
	if (log)
		*log = logit;
	return check;
}

/**
 * smm_dma_track_last() - the latest finding
 * @t: the tracker
 *
 * Return: the finding, or NULL when there was none.
 */
const struct smm_dma_finding *smm_dma_track_last(const struct smm_dma_tracker *t)
{
	if (!t->seq)
		return NULL;
	return &t->findings[(u32)(t->seq - 1) % SMM_DMA_FINDINGS];
}

/**
 * smm_dma_track_findings() - copy the kept findings after a given one
 * @t: the tracker
 * @after_seq: copy findings with a higher seq (0: from the oldest kept)
 * @out: where to copy
 * @max: room in @out
 *
 * At most SMM_DMA_FINDINGS are kept; @t->seq minus the kept ones were lost.
 *
 * Return: how many were copied, oldest first.
 */
unsigned int smm_dma_track_findings(const struct smm_dma_tracker *t,
				    u64 after_seq,
				    struct smm_dma_finding *out,
				    unsigned int max)
{
	u64 kept = min_t(u64, t->seq, SMM_DMA_FINDINGS);
	u64 seq = max_t(u64, after_seq, t->seq - kept) + 1;
	unsigned int n = 0;

	for (; seq <= t->seq && n < max; seq++)
		out[n++] = t->findings[(u32)(seq - 1) % SMM_DMA_FINDINGS];
	return n;
}
