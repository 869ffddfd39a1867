# SPDX-License-Identifier: GPL-2.0
#
# Shared by the scripts: the target matrix and the cache layout.
# Source it; it defines functions and variables only.

SMM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SMM_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/shadowmm
SMM_ARCHES="armhf arm64 x86_64"
SMM_TARGETS="armhf-6.1 arm64-6.1 x86_64-6.1 x86_64-6.12"

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# smm_target ARCH KERNEL: check the pair and set the target's variables.
# Exits with a one-line message naming what is accepted otherwise.
smm_target() {
	local arch=$1 kernel=$2

	case "$arch" in
	armhf)
		T_KARCH=arm T_TRIPLET=arm-linux-gnueabihf T_DEBARCH=armhf
		# highmem=off: a non-LPAE kernel cannot reach the PCIe ECAM
		# window qemu otherwise puts above 4 GiB.
		T_FLAVOUR=armmp T_QEMU=qemu-system-arm
		T_MACHINE="-M virt,highmem=off -cpu cortex-a15" T_CONSOLE=ttyAMA0
		# Lowmem ends near 760 MiB with the 3G/1G split: 1 GiB of
		# RAM gives the guest a HighMem zone.
		T_MEM=1024
		# arm virt RAM starts at 1 GiB: edu's 28-bit default mask
		# reaches none of it.
		T_EDU="edu,dma_mask=0xffffffff" ;;
	arm64)
		T_KARCH=arm64 T_TRIPLET=aarch64-linux-gnu T_DEBARCH=arm64
		T_FLAVOUR=arm64 T_QEMU=qemu-system-aarch64
		T_MACHINE="-M virt -cpu cortex-a57" T_CONSOLE=ttyAMA0
		T_MEM=512
		T_EDU="edu,dma_mask=0xffffffff" ;;
	x86_64)
		T_KARCH=x86 T_TRIPLET=x86_64-linux-gnu T_DEBARCH=amd64
		T_FLAVOUR=amd64 T_QEMU=qemu-system-x86_64
		# One TCG thread: x86 patches live kernel text through int3
		# (text_poke_bp), and qemu 7.2's multi-threaded TCG can let the
		# other vCPU run the stale int3 (an "Oops: int3" at boot).
		T_MACHINE="-M q35 -accel tcg,thread=single" T_CONSOLE=ttyS0
		T_MEM=512
		T_EDU="edu" ;;
	*)
		die "unknown arch '$arch' (accepted: $SMM_ARCHES)" ;;
	esac

	case "$arch-$kernel" in
	*-6.1)
		T_META=linux-image-$T_FLAVOUR ;;
	x86_64-6.12)
		T_META=linux-image-6.12-$T_FLAVOUR ;;
	*-6.12)
		die "kernel 6.12 is built for x86_64 only (accepted for $arch: 6.1)" ;;
	*)
		die "unknown kernel '$kernel' (accepted: 6.1, and 6.12 on x86_64)" ;;
	esac

	T_NAME=$arch-$kernel
	T_ARCH=$arch
	T_KERNEL=$kernel
	T_CROSS=
	[ "$T_DEBARCH" = amd64 ] || T_CROSS=$T_TRIPLET-
	T_KCACHE=$SMM_CACHE/kernels/$T_NAME
	T_BUILD=$SMM_TOP/build/$T_NAME
}
