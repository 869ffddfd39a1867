#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest runner and the build entry points, driven from the host:
# bad input gets one line naming what is accepted and a non-zero exit;
# a guest's failure (command, insmod, kernel crash) reaches the exit
# status. Prints KTAP. Boots a few x86_64 guests.

top=$(cd "$(dirname "$0")/../.." && pwd)
vm=$top/scripts/vm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

# expect NAME STATUS PATTERN CMD...: CMD exits with STATUS and its
# output matches the extended regex PATTERN.
expect() {
	local name=$1 want=$2 pattern=$3 rc

	shift 3
	n=$((n + 1))
	"$@" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -eq "$want" ] &&
	   { [ -z "$pattern" ] || grep -qE -- "$pattern" "$tmp/out"; }; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "# wanted exit $want and /$pattern/; got exit $rc:"
		sed 's/^/#   /' "$tmp/out" | tail -n 20
		failed=1
	fi
}

echo "TAP version 13"
echo "1..14"
expect "vm --help" 0 'Usage: scripts/vm' "$vm" --help
expect "vm refuses an unknown arch" 1 "unknown arch 'sparc' \(accepted: armhf arm64 x86_64\)" \
	"$vm" --arch sparc -- true
expect "vm refuses an unknown kernel" 1 "unknown kernel '5.10'" \
	"$vm" --arch x86_64 --kernel 5.10 -- true
expect "vm refuses 6.12 on armhf" 1 "x86_64 only" \
	"$vm" --arch armhf --kernel 6.12 -- true
expect "vm refuses a missing --put path" 1 "--put: '/nonexistent/f' does not exist" \
	"$vm" --arch x86_64 --put /nonexistent/f -- true
expect "vm refuses --smp 0" 1 "--smp '0' is out of range \(accepted: 1..8\)" \
	"$vm" --smp 0 -- true
expect "make refuses a missing KDIR" 2 "KDIR=/nonexistent/kdir" \
	make -s -C "$top" KDIR=/nonexistent/kdir modules

echo "hello from the host" >"$tmp/hello"
expect "vm: --put and --params reach the guest" 0 '^hello from the host$' \
	"$vm" --arch x86_64 --params debug=1 --put "$tmp/hello:/tmp/greeting" -- \
	sh -c 'cat /tmp/greeting && grep -qx 1 /sys/module/shadow_mm/parameters/debug'
expect "vm: the command's exit status comes back" 3 '' \
	"$vm" --arch x86_64 -- sh -c 'exit 3'
expect "vm: false fails" 1 '' "$vm" --arch x86_64 -- false
expect "vm: an out-of-range module parameter fails insmod" 126 \
	'debug=7 is out of range \(accepted: 0..2\)' \
	"$vm" --arch x86_64 --params debug=7 -- true
# Memory below 32 MiB is the kernel's own on x86_64: the carve gives up
# after holding back half the free memory, and says so.
expect "vm: a DMA zone the host cannot fill fails insmod, saying why" 126 \
	'came first that the zone \(memory below the 25-bit DMA mask\) cannot take.*a wider dma_bits' \
	"$vm" --arch x86_64 --params 'size_mb=64 dma_bits=25' -- true
expect "vm: a guest kernel crash fails the run with its log" 125 \
	'Kernel panic' \
	"$vm" --arch x86_64 -- sh -c 'echo c >/proc/sysrq-trigger; sleep 5'
# A WARNING never reaches the quiet console: /init finds it in the log.
expect "vm: a kernel WARNING fails the run with its log" 125 \
	'WARNING: CPU: 0 PID: 1 at injected by vm_test' \
	"$vm" --arch x86_64 -- sh -c \
	'echo "WARNING: CPU: 0 PID: 1 at injected by vm_test" >/dev/kmsg'
exit $failed
