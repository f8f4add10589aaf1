# px - patient-experience toolkit.  One plain Makefile, no configure step.
#
#   make demo    install what is missing, build, run the whole loop
#   make check   install what is missing, build, run every test twice,
#                plain and under AddressSanitizer and UBSan, in parallel
#   make bench   benchmarks, figures as ratios to a baseline of the same run
#   make fuzz    each libFuzzer harness of tests/fuzz for FUZZ_TIME seconds (60)
#   make coverage  the suite on an instrumented build, then libpx's line and
#                branch coverage (gcovr)

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/px
DATADIR ?= $(PREFIX)/share/px
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
DESTDIR ?=

CC ?= cc
CFLAGS ?= -g -O2
PKGS = sqlite3 jansson libcurl libpcre2-8

ifeq ($(FUZZ),1)
# libpx built with clang for the libFuzzer harnesses of tests/fuzz
B ?= build/fuzz
CC = clang
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else ifeq ($(COVERAGE),1)
# gcov counters, with the fault injection so that the loops of t/oom and
# t/ioerr reach the error paths they are there for
B ?= build/cov
CFLAGS = -g -O0
SANFLAGS = --coverage
FAULTFLAGS = -DPX_FAULTS
else ifeq ($(SANITIZE),1)
B ?= build/asan
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# the fault injection of the tests (base/mem.h): PX_FAIL_ALLOC
FAULTFLAGS = -DPX_FAULTS
else
B ?= build
SANFLAGS =
endif

# Recursively expanded, so that they are read after 'make deps' ran.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
XCFLAGS = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers \
	-iquote lib -DPX_VERSION='"$(VERSION)"' \
	-DPX_LIBEXECDIR='"$(LIBEXECDIR)"' -DPX_MANDIR='"$(MANDIR)"' \
	-DPX_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) $(SANFLAGS) $(FAULTFLAGS)
XLDFLAGS = $(SANFLAGS)
# libcsv ships no pkg-config file.
LIBS = $(PKG_LIBS) -lcsv -lm

# libpx in folders by layer, each using only the layers above it in this
# list (DESIGN.md): base records store core messages intake surveys cases
# report.  lib/cli is the command-line front end the programs share, lib/web
# the web pages' (px-web).
LAYERS = base records store core messages intake surveys cases report
LIB_SRC = $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.c))
LIB_OBJ = $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/store/schema.o
CLI_SRC = $(wildcard lib/cli/*.c lib/web/*.c)
CLI_OBJ = $(CLI_SRC:lib/%.c=$(B)/lib/%.o)
SCHEMA = $(sort $(wildcard lib/store/schema/*.sql))
CMDS = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
BINS = $(CMDS:%=$(B)/bin/%)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNITS = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MANS = $(wildcard man/*.[1578])
FUZZ_SRC = $(wildcard tests/fuzz/*.c)
FUZZERS = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_TIME ?= 60

# Debian packages px builds and tests with.
DEB_PKGS = gcc make libc6-dev pkg-config libsqlite3-dev libjansson-dev jq \
	libcurl4-openssl-dev libcsv-dev libpcre2-dev sqlite3 mandoc python3 \
	python3-aiosmtpd tzdata ca-certificates openssl valgrind chromium time bc \
	lighttpd tidy socat clang libclang-rt-14-dev

.PHONY: all deps check check-build-plain check-build-asan check-build-fuzz test demo bench fuzz fuzzers coverage \
	install uninstall clean
.DELETE_ON_ERROR:

all: $(BINS) $(UNITS)

# A build with fault injection says so to the tests (t/oom, t/ioerr).
ifneq ($(FAULTFLAGS),)
all: $(B)/.faults
$(B)/.faults:
	@mkdir -p $(@D)
	@touch $@
endif

deps:
	@missing=; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/lib/store/schema.c: $(SCHEMA) lib/store/schema/gen.sh
	@mkdir -p $(@D)
	sh lib/store/schema/gen.sh $(SCHEMA) > $@

$(B)/lib/store/schema.o: $(B)/lib/store/schema.c
	$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libpx.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/libpxcli.a: $(CLI_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/bin/%: $(B)/cmd/%.o $(B)/libpxcli.a $(B)/libpx.a
	@mkdir -p $(@D)
	$(CC) $(XLDFLAGS) $(LDFLAGS) -o $@ $< $(B)/libpxcli.a $(B)/libpx.a $(LIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libpxcli.a $(B)/libpx.a tests/unit/tap.h
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) $(XLDFLAGS) $(LDFLAGS) -iquote tests/unit -o $@ $< $(B)/libpxcli.a $(B)/libpx.a $(LIBS)

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(B)/libpxcli.a $(B)/libpx.a
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -fsanitize=fuzzer -iquote tests/fuzz -o $@ $< $(B)/libpxcli.a $(B)/libpx.a $(LIBS)

fuzzers: $(FUZZERS)

-include $(wildcard $(B)/lib/*/*.d $(B)/cmd/*.d)

# The suite runs on the plain build and on a sanitized one, both built at
# once with a job per processor, their tests in parallel (tests/run.sh,
# TESTS_JOBS); the last line sums both builds.  The fuzz harnesses are
# built beside them and run a few seconds each (t/fuzz).
check: deps
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) check-build-plain check-build-asan check-build-fuzz
	@bash tests/run.sh build build/asan

check-build-plain:
	@$(MAKE) --no-print-directory all
check-build-asan:
	@$(MAKE) --no-print-directory SANITIZE=1 all
check-build-fuzz:
	@$(MAKE) --no-print-directory FUZZ=1 fuzzers

# Each harness for FUZZ_TIME seconds; what it finds is kept for the next
# run, a crash's input in tests/fuzz/regress (tests/fuzz/run.sh).
fuzz: deps
	@$(MAKE) --no-print-directory FUZZ=1 fuzzers
	@bash tests/fuzz/run.sh build/fuzz $(FUZZ_TIME)

# The whole suite on build/cov (the privacy scan aside), then the lines
# and branches of lib/ it ran; build/cov/coverage.html has them per file.
coverage: deps
	@$(MAKE) --no-print-directory deps DEB_PKGS=gcovr
	@$(MAKE) --no-print-directory COVERAGE=1 all
	@find build/cov -name '*.gcda' -delete
	@TESTS_PRIVACY=0 bash tests/run.sh build/cov | tail -3
	@gcovr --root . --object-directory build/cov --filter 'lib/' \
	  --exclude-unreachable-branches --exclude-throw-branches \
	  --html-details build/cov/coverage.html --print-summary --txt build/cov/coverage.txt \
	  | tail -3

test: all
	@bash tests/run.sh $(B)

demo: deps
	@$(MAKE) --no-print-directory all
	@PATH="$(CURDIR)/build/bin:$$PATH" PX_DATA="$(CURDIR)/share/px" \
	  sh share/px/examples/demo.sh build/demo

bench: deps
	@$(MAKE) --no-print-directory all
	@bash tests/bench/run.sh build
	@bash tests/bench/report.sh build
	@bash tests/bench/sla.sh build

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	  $(DESTDIR)$(MANDIR)/man8 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	for m in $(MANS); do \
	  s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done
	cp -R share/px/. $(DESTDIR)$(DATADIR)/
	install -m 644 completions/px.bash $(DESTDIR)$(BASHCOMPDIR)/px
	install -m 644 completions/_px $(DESTDIR)$(ZSHCOMPDIR)/_px

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	for m in $(MANS); do \
	  s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m#man/}; done
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/px $(DESTDIR)$(ZSHCOMPDIR)/_px

clean:
	rm -rf build
