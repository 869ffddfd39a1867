#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every test program in this directory (and every *_test.sh script),
# the way a guest's test command does. Each program's KTAP goes to stdout as it is, so every test result
# stays a top-level line that make check counts; a program that fails
# without a failing result line of its own gets one here. Exit 0 if every
# program passed or skipped, 1 otherwise. POSIX sh; busybox ash is enough.

dir=$(dirname "$0")
dir=$(cd "$dir" && pwd) || exit 1
self=$(basename "$0")
log=${TMPDIR:-/tmp}/run_tests.$$

failed=0
for f in "$dir"/*; do
	name=$(basename "$f")
	case "$name" in
	"$self" | *.o | *.c | Makefile | config) continue ;;
	*.sh) case "$name" in *_test.sh) ;; *) continue ;; esac ;;
	esac
	[ -f "$f" ] && [ -x "$f" ] || continue

	# tee streams the output as it comes; the status goes by a file.
	{ (cd "$dir" && "./$name") 2>&1; echo $? >"$log.rc"; } | tee "$log"
	rc=$(cat "$log.rc")
	case "$rc" in
	0 | 4) ;;
	*)
		failed=1
		grep -q '^not ok ' "$log" ||
			echo "not ok 1 $name # exited with status $rc"
		;;
	esac
done
rm -f "$log" "$log.rc"
exit $failed
