#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# smm bench runs and answers with sane numbers, and refuses bad input.
# Never judges speed: benchmarks print ratios for people, tests check
# that they work. KTAP on stdout; POSIX sh (busybox ash is enough).

SMM=${SMM:-smm}
tmp=${TMPDIR:-/tmp}/bench_test.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
# Show a file as diagnostics.
diag() { sed 's/^/# /' "$1"; }

# The JSON member "KEY":NUMBER of a one-line document.
json_num() {
	sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$2" | head -n 1
}

# A number above zero (integer or decimal).
positive() {
	case "$1" in
	'' | *[!0-9.]* | *.*.*) return 1 ;;
	esac
	awk -v v="$1" 'BEGIN { exit !(v > 0) }'
}

max_order=$($SMM -j status | sed -n 's/.*"max_order":\([0-9]*\).*/\1/p')
[ -n "$max_order" ] || max_order=10

echo "TAP version 13"
echo "1..12"

# alloc_ok NAME ARGS...: the run succeeds and every rate and time is > 0.
alloc_ok() {
	name=$1
	shift
	if ! $SMM -j bench alloc "$@" >"$tmp/out" 2>"$tmp/err"; then
		diag "$tmp/err"
		not_ok "$name"
		return
	fi
	bad=
	for key in shadow_ns host_ns shadow_pairs_per_s host_pairs_per_s ratio; do
		positive "$(json_num "$key" "$tmp/out")" || bad="$bad $key"
	done
	if [ -n "$bad" ]; then
		echo "# not above zero:$bad"
		diag "$tmp/out"
		not_ok "$name"
		return
	fi
	ok "$name"
}

alloc_ok "bench_alloc_order0" 0 2000
alloc_ok "bench_alloc_max_order_zero" "$max_order" 4 zero

# With zero, both runs are reported; without, one.
if $SMM -j bench alloc 1 100 zero >"$tmp/out" 2>"$tmp/err" &&
	[ "$(grep -o '"run":' "$tmp/out" | wc -l)" -eq 2 ] &&
	$SMM -j bench alloc 1 100 >"$tmp/out" 2>"$tmp/err" &&
	[ "$(grep -o '"run":' "$tmp/out" | wc -l)" -eq 1 ]; then
	ok "bench_alloc_runs"
else
	diag "$tmp/err"
	diag "$tmp/out"
	not_ok "bench_alloc_runs"
fi

# The bench leaves nothing allocated under its owner tag.
if $SMM page owners >"$tmp/out" 2>"$tmp/err" && ! grep -q '^bench ' "$tmp/out"; then
	ok "bench_alloc_leaves_nothing"
else
	diag "$tmp/out"
	not_ok "bench_alloc_leaves_nothing"
fi

# refused NAME PATTERN ARGS...: exit 2 and the kernel's message.
refused() {
	name=$1 pattern=$2
	shift 2
	$SMM bench alloc "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "$pattern" "$tmp/err"; then
		ok "$name"
	else
		echo "# exit $rc, wanted 2 and '$pattern'"
		diag "$tmp/err"
		not_ok "$name"
	fi
}

refused "bench_alloc_refuses_order" "attribute order" $((max_order + 1)) 1
refused "bench_alloc_refuses_zero_count" "attribute count" \
	"$max_order" 1048576 zero

# The text table has a row per run and a ratio column.
if $SMM bench alloc 0 100 >"$tmp/out" 2>"$tmp/err" &&
	grep -q 'SHADOW/HOST' "$tmp/out" && grep -q ' plain ' "$tmp/out"; then
	ok "bench_alloc_text"
else
	diag "$tmp/err"
	diag "$tmp/out"
	not_ok "bench_alloc_text"
fi

if [ ! -r /proc/kpageflags ]; then
	skip "bench_dump" "/proc/kpageflags is not readable"
elif $SMM -j bench dump >"$tmp/out" 2>"$tmp/err" &&
	positive "$(json_num entries "$tmp/out")" &&
	positive "$(json_num dump_ns "$tmp/out")" &&
	positive "$(json_num kpageflags_ns "$tmp/out")"; then
	ok "bench_dump"
else
	diag "$tmp/err"
	diag "$tmp/out"
	not_ok "bench_dump"
fi

# The JSON object of run TEST of a bench pt document, on one line.
pt_run() {
	tr '{' '\n' <"$2" | grep "\"test\":\"$1\""
}

# The shadow page-table owners and what they hold, as page owners lists them.
pt_owners() {
	$SMM page owners | awk '$1 == "pgtable" || $1 == "as-page"'
}

# bench pt: every run is there with times and a ratio above zero.
pt_owners >"$tmp/owners.before" 2>"$tmp/err" || diag "$tmp/err"
if ! $SMM -j bench pt count 256 >"$tmp/out" 2>"$tmp/err"; then
	diag "$tmp/err"
	not_ok "bench_pt"
else
	bad=
	[ "$(json_num count "$tmp/out")" = 256 ] || bad="$bad count"
	positive "$(json_num levels "$tmp/out")" || bad="$bad levels"
	grep -q '"format":"[a-z0-9_-]*"' "$tmp/out" || bad="$bad format"
	for run in walk map unmap; do
		pt_run "$run" "$tmp/out" >"$tmp/run"
		[ -s "$tmp/run" ] || { bad="$bad $run"; continue; }
		for key in shadow_ns host_ns shadow_ops_per_s host_ops_per_s ratio; do
			positive "$(json_num "$key" "$tmp/run")" ||
				bad="$bad $run.$key"
		done
	done
	if [ -n "$bad" ]; then
		echo "# missing or not above zero:$bad"
		diag "$tmp/out"
		not_ok "bench_pt"
	else
		ok "bench_pt"
	fi
fi

# Its address space and pages are gone afterwards.
if pt_owners >"$tmp/owners.after" 2>"$tmp/err" &&
	cmp -s "$tmp/owners.before" "$tmp/owners.after"; then
	ok "bench_pt_leaves_nothing"
else
	diag "$tmp/err"
	diag "$tmp/owners.before"
	diag "$tmp/owners.after"
	not_ok "bench_pt_leaves_nothing"
fi

# A count of 0 is refused.
if $SMM bench pt count 0 >"$tmp/out" 2>"$tmp/err"; then
	diag "$tmp/out"
	not_ok "bench_pt_refuses_zero_count"
elif grep -q 'count' "$tmp/err"; then
	ok "bench_pt_refuses_zero_count"
else
	echo "# exit non-zero, but no word about count"
	diag "$tmp/err"
	not_ok "bench_pt_refuses_zero_count"
fi

# The text table: a row per run, a ratio column.
if $SMM bench pt count 64 >"$tmp/out" 2>"$tmp/err" &&
	grep -q 'SHADOW/HOST' "$tmp/out" && grep -q '^ *walk ' "$tmp/out" &&
	grep -q '^ *map ' "$tmp/out" && grep -q '^ *unmap ' "$tmp/out"; then
	ok "bench_pt_text"
else
	diag "$tmp/err"
	diag "$tmp/out"
	not_ok "bench_pt_text"
fi

exit $failed
