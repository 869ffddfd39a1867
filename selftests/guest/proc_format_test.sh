#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# smm's /proc look-alikes have the shape of the kernel's own files, so
# tools that parse /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo
# parse them. Each check holds the guest kernel's file to the same rule
# first, so a rule that no longer fits the kernel fails loudly instead of
# passing on smm alone. KTAP on stdout; POSIX sh (busybox ash is enough).

SMM=${SMM:-smm}
tmp=${TMPDIR:-/tmp}/proc_format_test.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }

# check NAME FILE RULE: RULE (a command reading stdin) accepts FILE.
check() {
	if "$3" <"$2" >"$tmp/why" 2>&1; then
		return 0
	fi
	sed "s|^|# $1: |" "$tmp/why"
	return 1
}

# awk helpers: fixed-width fields, as the kernel's printf formats make them
# (no regex intervals: not every awk has them).
AWK_LIB='
# "%Ns " columns: @s is whole columns of @w characters, each a right-
# aligned match of @re and a space.
function columns(s, w, re,    i, c) {
	if (s == "" || length(s) % w)
		return 0
	for (i = 1; i <= length(s); i += w) {
		c = substr(s, i, w)
		if (substr(c, w, 1) != " " || c !~ re)
			return 0
	}
	return 1
}
# A right-aligned "%Ns" field: @s is that, padded with spaces on the left.
function field(s, w, re) {
	return length(s) == w && s ~ re
}
# "Node N, zone %8s": the length of that head (0 if @s has none).
function node_zone(s,    rest) {
	if (!match(s, /^Node [0-9]+, zone /))
		return 0
	rest = substr(s, RLENGTH + 1)
	if (!field(substr(rest, 1, 8), 8, "^ *[A-Za-z0-9]+$"))
		return 0
	return RLENGTH + 8
}
'

# "Node N, zone %8s " then "%6lu " per order: every line, columns exact.
buddyinfo_rule() {
	awk "$AWK_LIB"'
	{
		head = node_zone($0)
		if (!head || substr($0, head + 1, 1) != " " ||
		    !columns(substr($0, head + 2), 7, "^ *[0-9]+ $")) {
			print "bad line: " $0; bad = 1
		}
		lines++
	}
	END { if (!lines) print "no lines"; exit bad || !lines }'
}

# The section headers "Node N, zone %8s" and the lines' shapes; the numbers,
# the zone names and the count of protection entries may differ.
zoneinfo_shape() {
	sed -e 's/^Node [0-9]*, zone .*$/Node N, zone NAME/' \
	    -e 's/[0-9][0-9]*/N/g' \
	    -e 's/protection: (.*)$/protection: (LIST)/'
}

zoneinfo_rule() {
	awk "$AWK_LIB"'
	/^Node / {
		head = node_zone($0)
		if (!head || length($0) != head)
			{ print "bad section header: " $0; bad = 1 }
		headers++
	}
	END { if (!headers) print "no section header"; exit bad || !headers }'
}

pagetypeinfo_rule() {
	awk "$AWK_LIB"'
	BEGIN { free_head = "Free pages count per migrate type at order  " }
	/^Page block order: [0-9]+$/ { order++; next }
	/^Pages per block:  [0-9]+$/ { per++; next }
	/^$/ { next }
	/^Free pages count/ {
		if (substr($0, 1, 44) != free_head ||
		    !columns(substr($0, 45), 7, "^ *[0-9]+ $"))
			{ print "bad header: " $0; bad = 1 }
		free++; next
	}
	/^Node .*, type / {
		if (substr($0, 1, 5) != "Node " ||
		    !field(substr($0, 6, 4), 4, "^ *[0-9]+$") ||
		    substr($0, 10, 7) != ", zone " ||
		    !field(substr($0, 17, 8), 8, "^ *[A-Za-z0-9]+$") ||
		    substr($0, 25, 7) != ", type " ||
		    !field(substr($0, 32, 12), 12, "^ *[A-Za-z]+$") ||
		    substr($0, 44, 1) != " " ||
		    !columns(substr($0, 45), 7, "^ *[0-9]+ $"))
			{ print "bad line: " $0; bad = 1 }
		types++; next
	}
	/^Number of blocks type / {
		if (!columns(substr($0, 24), 13, "^ *[A-Za-z]+ $"))
			{ print "bad header: " $0; bad = 1 }
		blocks++; next
	}
	/^Node / {
		head = node_zone($0)
		if (!head || substr($0, head + 1, 1) != " " ||
		    !columns(substr($0, head + 2), 13, "^ *[0-9]+ $"))
			{ print "bad line: " $0; bad = 1 }
		counts++; next
	}
	{ print "unexpected line: " $0; bad = 1 }
	END {
		if (!order || order != per || !free || !types || !blocks ||
		    !counts) {
			print "missing sections"; bad = 1
		}
		exit bad
	}'
}

echo "TAP version 13"
echo "1..5"

if ! "$SMM" zone show >/dev/null 2>"$tmp/err"; then
	sed 's/^/# /' "$tmp/err"
	for t in buddyinfo pagetypeinfo zoneinfo_headers zoneinfo_lines \
		 buddyinfo_json; do
		skip "$t" "smm zone show failed (no shadow memory?)"
	done
	exit 0
fi

"$SMM" buddyinfo >"$tmp/smm.buddyinfo" 2>&1
if check /proc/buddyinfo /proc/buddyinfo buddyinfo_rule &&
   check "smm buddyinfo" "$tmp/smm.buddyinfo" buddyinfo_rule; then
	ok buddyinfo
else
	not_ok buddyinfo
fi

"$SMM" pagetypeinfo >"$tmp/smm.pagetypeinfo" 2>&1
if check /proc/pagetypeinfo /proc/pagetypeinfo pagetypeinfo_rule &&
   check "smm pagetypeinfo" "$tmp/smm.pagetypeinfo" pagetypeinfo_rule; then
	ok pagetypeinfo
else
	not_ok pagetypeinfo
fi

"$SMM" zoneinfo >"$tmp/smm.zoneinfo" 2>&1
if check /proc/zoneinfo /proc/zoneinfo zoneinfo_rule &&
   check "smm zoneinfo" "$tmp/smm.zoneinfo" zoneinfo_rule; then
	ok zoneinfo_headers
else
	not_ok zoneinfo_headers
fi

# Every line smm prints has the shape of some line of the kernel's file.
zoneinfo_shape </proc/zoneinfo | sort -u >"$tmp/kernel.shapes"
zoneinfo_shape <"$tmp/smm.zoneinfo" | sort -u >"$tmp/smm.shapes"
missing=$(grep -vxF -f "$tmp/kernel.shapes" "$tmp/smm.shapes")
if [ -s "$tmp/smm.shapes" ] && [ -z "$missing" ]; then
	ok zoneinfo_lines
else
	echo "$missing" | sed 's/^/# not in \/proc\/zoneinfo: /'
	not_ok zoneinfo_lines
fi

# -j gives as many zones as the text has lines.
lines=$(grep -c '^Node' "$tmp/smm.buddyinfo")
zones=$("$SMM" -j buddyinfo | grep -o '"node":' | wc -l)
if [ "$lines" -gt 0 ] && [ "$lines" -eq "$zones" ]; then
	ok buddyinfo_json
else
	echo "# $lines lines, $zones JSON zones"
	not_ok buddyinfo_json
fi

exit $failed
