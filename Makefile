# gavel — a council's records in the terminal.
#   make            build ./gavel
#   make demo       install missing dependencies, build, open the demo council
#   make check      install missing dependencies, build with sanitizers, run every test
#   make bench      build optimised and print the benchmark figures
#   make pot        extract the messages into po/gavel.pot (then msgmerge po/sv.po)
#   make install    PREFIX=/usr/local DESTDIR=
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
PKG_CONFIG ?= pkg-config
CC ?= cc
V ?= 0
Q := $(if $(filter 1,$(V)),,@)

PKGS := sqlite3 libsodium ncursesw cairo pangocairo libzip
CSTD := -std=c11 -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS ?= -O2 -g
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) -I. $(shell $(PKG_CONFIG) --cflags $(PKGS)) -MMD -MP
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm

SRC_LIB := $(wildcard core/*.c store/*.c sync/*.c) $(filter-out tui/main.c,$(wildcard tui/*.c))
OBJ_LIB := $(SRC_LIB:%.c=build/%.o) build/tui/demo_script.o
SAN_LIB := $(SRC_LIB:%.c=build/san/%.o) build/san/tui/demo_script.o

SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=build/san/tests/%)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)

# The message catalogs: po/LANG.po, compiled to build/locale/LANG/LC_MESSAGES/gavel.mo
LINGUAS := $(patsubst po/%.po,%,$(wildcard po/*.po))
MO := $(LINGUAS:%=build/locale/%/LC_MESSAGES/gavel.mo)

all: gavel build/gavel.1 $(MO)

gavel: $(OBJ_LIB) build/tui/main.o
	@echo "  LINK  $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(DEFS) -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (sanitized)"
	$(Q)$(CC) $(CSTD) $(WARN) $(SANFLAGS) -I. $(shell $(PKG_CONFIG) --cflags $(PKGS)) -MMD -MP $(DEFS) -c -o $@ $<

# The program finds its catalogs in $GAVEL_LOCALEDIR (the tests use it), else
# in build/locale beside ./gavel, else in LOCALEDIR; main.o is rebuilt when
# LOCALEDIR changes.
build/tui/main.o build/san/tui/main.o: DEFS = -DLOCALEDIR='"$(LOCALEDIR)"'
build/tui/main.o build/san/tui/main.o: build/localedir
build/localedir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@

build/locale/%/LC_MESSAGES/gavel.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT $<"
	$(Q)msgfmt --check -o $@ $<

# After adding or changing a message: make pot, then
# msgmerge --update po/sv.po po/gavel.pot and translate what it marks.
pot:
	$(Q)scripts/pot.sh po/gavel.pot

# The demo council is a script of gavel commands, compiled into the binary.
DEMO_SCRIPT ?= tui/demo.gavel
build/tui/demo_script.c: $(DEMO_SCRIPT) scripts/embed.sh
	@mkdir -p $(dir $@)
	$(Q)scripts/embed.sh demo_script < $< > $@
build/san/tui/demo_script.c: build/tui/demo_script.c
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
build/tui/demo_script.o: build/tui/demo_script.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/san/tui/demo_script.o: build/san/tui/demo_script.c
	$(Q)$(CC) $(CSTD) $(WARN) $(SANFLAGS) -I. -c -o $@ $<

build/san/gavel: $(SAN_LIB) build/san/tui/main.o
	@echo "  LINK  $@ (sanitized)"
	$(Q)$(CC) $(SANFLAGS) -o $@ $^ $(LIBS)

build/san/tests/%: tests/unit/%.c tests/unit/helpers.h $(SAN_LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(CSTD) $(WARN) $(SANFLAGS) -I. $(shell $(PKG_CONFIG) --cflags $(PKGS) check) -o $@ $< $(SAN_LIB) $(LIBS) $(CHECK_LIBS)

deps:
	$(Q)scripts/deps.sh build

check:
	$(Q)scripts/deps.sh check
	$(Q)$(MAKE) --no-print-directory test

test: build/san/gavel $(TEST_BIN) gavel clang-check $(MO)
	$(Q)GAVEL=$(CURDIR)/build/san/gavel tests/run.sh $(TEST_BIN)

# The code must also build without a warning under clang.
clang-check:
	$(Q)if command -v clang >/dev/null; then \
		echo "  CLANG -Werror (all sources)"; \
		for f in $(SRC_LIB) tui/main.c $(BENCH_SRC) $(TEST_SRC); do \
			clang $(CSTD) $(WARN) -I. $$($(PKG_CONFIG) --cflags $(PKGS) check) -fsyntax-only $$f || exit 1; \
		done; \
	else echo "  clang not installed: skipped the clang build"; fi

demo:
	$(Q)scripts/deps.sh build
	$(Q)$(MAKE) --no-print-directory gavel $(MO)
	$(Q)GAVEL_DB=$${GAVEL_DB:-$(CURDIR)/build/demo.db} ./gavel demo --force >/dev/null
	$(Q)GAVEL_DB=$${GAVEL_DB:-$(CURDIR)/build/demo.db} ./gavel

bench: gavel build/bench
	$(Q)build/bench build/bench.db ./gavel

BENCH_SRC := tests/bench/bench.c tests/bench/bench_tui.c tests/bench/bench_sync.c tests/bench/bench_hist.c
build/bench: $(BENCH_SRC) tests/bench/bench.h tests/bench/bench_sync.h $(OBJ_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(BENCH_SRC) $(OBJ_LIB) $(LIBS)

# The man page's command list comes from the program's own command table.
build/gavel.1: docs/gavel.1.in gavel
	@mkdir -p $(dir $@)
	$(Q)./gavel --man-commands > build/commands.roff
	$(Q)./gavel --man-keys > build/keys.roff
	$(Q)sed -e '/@COMMANDS@/{r build/commands.roff' -e 'd}' -e '/@KEYS@/{r build/keys.roff' -e 'd}' \
		docs/gavel.1.in > $@

man: build/gavel.1

install: gavel build/gavel.1 $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 gavel $(DESTDIR)$(BINDIR)/gavel
	install -m 644 build/gavel.1 $(DESTDIR)$(MANDIR)/man1/gavel.1
	for l in $(LINGUAS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 build/locale/$$l/LC_MESSAGES/gavel.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/gavel.mo || exit 1; \
	done

clean:
	rm -rf build gavel

.PHONY: all deps check test clang-check demo bench man pot install clean FORCE
-include $(shell find build -name '*.d' 2>/dev/null)
