# gavel — a council's records in the terminal.
#   make            build ./gavel
#   make demo       install missing dependencies, build, open the demo council
#   make check      install missing dependencies, build with sanitizers, run every test
#   make bench      build optimised and print the benchmark figures
#   make converge   the sync's random schedules for many seeds (CONVERGE_SEEDS=1-1000):
#                   every copy must end byte for byte the same; not part of check
#   make fuzz       fuzz the reader of the shared folder's files (clang, libFuzzer)
#                   for FUZZ_SECONDS (600); FUZZ_MERGE=1 keeps what it finds in the corpus
#   make pot        extract the messages into po/gavel.pot (then msgmerge po/sv.po)
#   make screens-update  rewrite the whole-screen tests' expected screens (tests/screens/)
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
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lzxcvbn -lm

# every .c under core/ store/ sync/ tui/ (sub-folders too) but the program's main
SRC_LIB := $(sort $(shell find core store sync tui -name '*.c')) 
SRC_LIB := $(filter-out tui/main.c,$(SRC_LIB))
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
DEMO_SCRIPT ?= tui/cli/demo.gavel
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

# The attacker's tool of the end-to-end tests (tests/tools/forge.c): files
# in the folder's format, made with gavel's own code.
build/san/forge: tests/tools/forge.c $(SAN_LIB)
	@echo "  LINK  $@ (sanitized)"
	$(Q)$(CC) $(CSTD) $(WARN) $(SANFLAGS) -I. $(shell $(PKG_CONFIG) --cflags $(PKGS)) -o $@ $< $(SAN_LIB) $(LIBS)

build/san/tests/%: tests/unit/%.c tests/unit/helpers.h $(SAN_LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(CSTD) $(WARN) $(SANFLAGS) -I. $(shell $(PKG_CONFIG) --cflags $(PKGS) check) -o $@ $< $(SAN_LIB) $(LIBS) $(CHECK_LIBS)

deps:
	$(Q)scripts/deps.sh build

check:
	$(Q)scripts/deps.sh check
	$(Q)$(MAKE) --no-print-directory test

test: layers build/san/gavel build/san/forge $(TEST_BIN) gavel clang-check fuzz-check $(MO)
	$(Q)GAVEL=$(CURDIR)/build/san/gavel tests/run.sh $(TEST_BIN)

# The whole suite again with the system's clock moved (libfaketime) to just
# before the end of another year, so that a test that depends on the day it
# runs fails here rather than on that day (CI runs it after make check).
# File times stay the kernel's (NO_FAKE_STAT), as on a machine whose clock
# really says that day.
MOVED_CLOCK ?= 2027-12-30 10:00:00
test-moved-clock: build/san/gavel build/san/forge $(TEST_BIN) $(MO)
	@echo "  TEST  with the clock moved to $(MOVED_CLOCK)"
	$(Q)NO_FAKE_STAT=1 ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1:abort_on_error=0 \
		faketime -f '@$(MOVED_CLOCK)' env GAVEL=$(CURDIR)/build/san/gavel tests/run.sh $(TEST_BIN)

# The include rule (docs/ARCHITECTURE.md): layers only include downwards,
# no circles between folders or modules.
layers:
	@echo "  LAYERS"
	$(Q)scripts/layers.py

# The code must also build without a warning under clang.
clang-check:
	$(Q)if command -v clang >/dev/null; then \
		echo "  CLANG -Werror (all sources)"; \
		for f in $(SRC_LIB) tui/main.c $(BENCH_SRC) $(TEST_SRC) tests/tools/forge.c; do \
			clang $(CSTD) $(WARN) -I. $$($(PKG_CONFIG) --cflags $(PKGS) check) -fsyntax-only $$f || exit 1; \
		done; \
	else echo "  clang not installed: skipped the clang build"; fi

# The fuzz target: what a reader does with a file of the shared folder, built
# by clang with libFuzzer and the sanitizers from the sources that needs (a
# new dependency of sync/bundle.c or sync/keyring.c goes in FUZZ_LIB). New
# inputs go to build/fuzz/found, crashes to build/fuzz/crash-*; with
# FUZZ_MERGE=1 the finds that add coverage are merged into the corpus.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_MERGE ?= 0
FUZZ_ARGS ?=
FUZZ_CORPUS := tests/fuzz/corpus/bundle
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_PKGS := sqlite3 libsodium
FUZZ_LIB := sync/bundle.c sync/keyring.c $(wildcard store/replica/*.c) store/content.c store/value.c store/db.c \
	store/open.c store/vfs.c store/model.c store/schema.c \
	$(wildcard core/base/*.c)
FUZZ_OBJ := $(FUZZ_LIB:%.c=build/fuzz/%.o)
FUZZ_HDR := tests/fuzz/fixed.h sync/bundle.h sync/keyring.h

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (fuzz)"
	$(Q)$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -I. \
		$(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS)) -MMD -MP -c -o $@ $<

build/fuzz/fuzz_bundle: tests/fuzz/fuzz_bundle.c $(FUZZ_HDR) $(FUZZ_OBJ)
	@echo "  LINK  $@ (fuzz)"
	$(Q)$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -I. \
		$(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS)) -o $@ $< $(FUZZ_OBJ) $(shell $(PKG_CONFIG) --libs $(FUZZ_PKGS))

# Writes seed files into a directory; tests/fuzz/make_corpus.c says how to
# merge them into the corpus.
build/fuzz/make_corpus: tests/fuzz/make_corpus.c $(FUZZ_HDR) $(FUZZ_OBJ)
	@echo "  LINK  $@ (fuzz)"
	$(Q)$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -I. \
		$(shell $(PKG_CONFIG) --cflags $(FUZZ_PKGS)) -o $@ $< $(FUZZ_OBJ) $(shell $(PKG_CONFIG) --libs $(FUZZ_PKGS))

fuzz: build/fuzz/fuzz_bundle
	@mkdir -p build/fuzz/found
	$(Q)build/fuzz/fuzz_bundle -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=build/fuzz/ $(FUZZ_ARGS) build/fuzz/found $(FUZZ_CORPUS)
	$(Q)if [ "$(FUZZ_MERGE)" = 1 ]; then \
		build/fuzz/fuzz_bundle -merge=1 -artifact_prefix=build/fuzz/ $(FUZZ_CORPUS) build/fuzz/found; \
	fi

# make check: every corpus file once through the fuzz target, when clang
# has libFuzzer.
fuzz-check:
	$(Q)mkdir -p build/fuzz; \
	if echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return d && n; }' | \
		$(FUZZ_CC) -fsanitize=fuzzer -x c -o build/fuzz/probe - >/dev/null 2>&1; then \
		$(MAKE) -s --no-print-directory build/fuzz/fuzz_bundle || exit 1; \
		echo "  FUZZ  $(FUZZ_CORPUS) ($$(ls $(FUZZ_CORPUS) | wc -l) files, once each)"; \
		build/fuzz/fuzz_bundle -runs=0 -artifact_prefix=build/fuzz/ $(FUZZ_CORPUS) >build/fuzz/check.log 2>&1 || \
		{ tail -40 build/fuzz/check.log; echo "  the fuzz target crashed on its corpus (build/fuzz/check.log)"; exit 1; }; \
	else echo "  no libFuzzer in $(FUZZ_CC) (-fsanitize=fuzzer): skipped the fuzz corpus"; fi

demo:
	$(Q)scripts/deps.sh build
	$(Q)$(MAKE) --no-print-directory gavel $(MO)
	$(Q)GAVEL_DB=$${GAVEL_DB:-$(CURDIR)/build/demo.db} ./gavel demo --force >/dev/null
	$(Q)GAVEL_DB=$${GAVEL_DB:-$(CURDIR)/build/demo.db} ./gavel

# The random schedules of tests/unit/test_sync.c (edits, clashes, clocks a
# year ahead, adjustments, partial deliveries) for a range of seeds.
converge: build/san/tests/test_sync
	$(Q)CONVERGE_SEEDS=$${CONVERGE_SEEDS:-1-1000} CK_TIMEOUT_MULTIPLIER=10000 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 build/san/tests/test_sync

bench: gavel build/bench
	$(Q)build/bench build/bench.db ./gavel

BENCH_SRC := tests/bench/bench.c tests/bench/bench_tui.c tests/bench/bench_sync.c tests/bench/bench_hist.c \
	tests/bench/synth.c
build/bench: $(BENCH_SRC) tests/bench/bench.h tests/bench/bench_sync.h tests/bench/synth.h $(OBJ_LIB)
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

# The expected screens of the whole-screen tests (tests/screens/), and the
# README's captures made from them, rewritten as the program draws them now:
# after a change to a screen that is meant, read the diff and commit it.
screens-update: gavel $(MO)
	$(Q)SCREENS_UPDATE=1 GAVEL=$(CURDIR)/gavel GAVEL_LOCALEDIR=$(CURDIR)/build/locale bash tests/e2e/screens.sh

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

.PHONY: all deps check test test-moved-clock layers clang-check fuzz fuzz-check demo bench converge man pot screens-update \
	install clean FORCE
-include $(shell find build -name '*.d' 2>/dev/null)
