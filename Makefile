# SPDX-License-Identifier: GPL-2.0
#
# shadowmm: shadow_mm.ko (Kbuild) and the smm CLI.
#
# On the machine the module runs on (a board, or a PC):
#   make [KDIR=/lib/modules/$(uname -r)/build]   module and CLI
#   make install                                 both, into the system
# On a development machine, with qemu guests of every target:
#   make run      boot the armhf guest with the module loaded (scripts/vm)
#   make check    every test; ends with "N passed, N failed"

KDIR ?= /lib/modules/$(shell uname -r)/build
PREFIX ?= /usr/local
DESTDIR ?=

all: modules smm

kdir-exists:
	@test -f "$(KDIR)/Makefile" || { echo "KDIR=$(KDIR) is not a kernel build tree: install the headers (linux-headers-$$(uname -r)) or pass KDIR=DIR" >&2; exit 2; }

modules: kdir-exists
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

modules_install: kdir-exists
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

smm:
	$(MAKE) -C userspace

install: modules_install smm
	install -D -m 755 userspace/smm $(DESTDIR)$(PREFIX)/bin/smm

deps:
	@scripts/deps

run: deps
	scripts/vm

check: deps
	@scripts/check

clean:
	-test -f "$(KDIR)/Makefile" && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace clean
	rm -rf build

.PHONY: all kdir-exists modules modules_install smm install deps run check clean
