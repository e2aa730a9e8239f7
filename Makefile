# ofsted-scan - a plain Makefile; dependencies through pkg-config.
#   make          the ofsted-scan binary and libofsted-scan.a
#   make demo     build and run on the bundled sample letter
#   make check    build and run every test (unit, snapshots, CLI, corpus)
#   make bless    re-bless tests/snapshots after an intended output change
#   make model    train data/model.bin again from ../shared/corpus/train
#   make bench    throughput and peak memory over the shared corpus
#   make install  PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/ofsted-scan
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
PKGS    := libpcre2-8 poppler-glib libxml-2.0
# the command's own: Excel workbooks (--format xlsx)
CLIPKGS := xlsxwriter
BUILDPKGS := $(PKGS) $(CLIPKGS) liblinear
TESTPKGS := cmocka cairo
SHARED  ?= ../shared

# Recursive variables: pkg-config runs after `deps` has had its chance.
# poppler-glib gives its headers at build time; the library itself is
# loaded on the first PDF (src/reader_pdf.c), by the soname found here.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(filter-out poppler-glib,$(PKGS))) -ldl
POPPLER_SONAME = $(shell objdump -p "$$(pkg-config --variable=libdir poppler-glib)/libpoppler-glib.so" 2>/dev/null | awk '/SONAME/ { print $$2 }')
CLI_LIBS   = $(shell pkg-config --libs $(CLIPKGS))
TEST_CFLAGS = $(shell pkg-config --cflags $(TESTPKGS))
TEST_LIBS   = $(shell pkg-config --libs $(TESTPKGS))
ALL_CFLAGS = $(WARN) $(CFLAGS) -pthread $(PKG_CFLAGS) -Iinclude -Isrc -D_DEFAULT_SOURCE

B := build
BIN := ofsted-scan
# The library, in the order of the pipeline's stages (docs/design.md, "Layout").
LIB_SRC := src/alloc.c src/buf.c src/text.c src/names.c src/lexicon.c \
           src/decode.c src/blocks.c \
           src/text_width.c src/text_lines.c src/text_furniture.c src/text_paragraphs.c \
           src/reader_text.c src/reader_pdf.c src/reader_html.c \
           src/split.c src/split_report.c src/split_news.c \
           src/dates.c src/authorities.c src/meta.c src/meta_authority.c src/meta_inspectors.c src/meta_focus.c \
           src/judgements.c \
           src/rules.c src/rules_parse.c src/rules_compile.c src/trie.c \
           src/classify.c src/match.c src/polarity.c src/feature.c src/model.c src/explain.c \
           src/scan.c src/history.c \
           src/writers.c src/render_json.c src/render_text.c src/render_csv.c \
           src/render_charts.c src/render_html.c \
           src/summary.c src/record.c src/render_summary.c
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/default_rules.o $(B)/default_model.o \
           $(B)/default_authorities.o
# The command: a thin layer over the library (cli/).
CLI_SRC := cli/main.c cli/options.c cli/filters.c cli/inputs.c cli/pool.c cli/output.c cli/progress.c \
           cli/workbook.c cli/history.c
CLI_OBJ := $(CLI_SRC:cli/%.c=$(B)/cli/%.o)
# The trainer (ofsted-scan-train): learns a model with liblinear.
TRAIN_SRC := cli/train.c cli/train_eval.c cli/trainset.c
TRAIN_OBJ := $(TRAIN_SRC:cli/%.c=$(B)/cli/%.o)
TRAIN := ofsted-scan-train
TESTS   := $(patsubst tests/%.c,$(B)/%,$(wildcard tests/test_*.c))

.PHONY: all deps test-deps check bless model demo bench fuzz asan leakcheck install uninstall clean

all: deps $(BIN) $(TRAIN)

deps:
	@sh tools/deps.sh $(BUILDPKGS)

test-deps:
	@sh tools/deps.sh $(BUILDPKGS) $(TESTPKGS)

$(B):
	@mkdir -p $(B)

# Each object's dependencies are its includes, as the compiler found them
# (-MMD: build/*.d, read below).
$(B)/%.o: src/%.c | $(B)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/cli/%.o: cli/%.c | $(B)
	@mkdir -p $(B)/cli
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags $(CLIPKGS)) -Icli -MMD -MP -c -o $@ $<

$(B)/reader_pdf.o: src/reader_pdf.c | $(B)
	$(CC) $(ALL_CFLAGS) $(if $(POPPLER_SONAME),-DOSC_POPPLER_SONAME='"$(POPPLER_SONAME)"') -MMD -MP -c -o $@ $<

# The same program with a poppler-glib that cannot be found: PDFs must get
# a clear error while everything else still reads (tests/no_poppler.sh).
NOPOPPLER = -DOSC_POPPLER_SONAME='"libosc-test-missing-poppler.so.0"' \
	-DOSC_POPPLER_FALLBACK='"libosc-test-missing-poppler.so"'
$(B)/reader_pdf_nopoppler.o: src/reader_pdf.c | $(B)
	$(CC) $(ALL_CFLAGS) $(NOPOPPLER) -MMD -MP -c -o $@ $<

$(B)/ofsted-scan-nopoppler: $(CLI_OBJ) $(B)/reader_pdf_nopoppler.o $(filter-out $(B)/reader_pdf.o,$(LIB_OBJ))
	$(CC) $(CFLAGS) -pthread -o $@ $^ $(PKG_LIBS) $(CLI_LIBS) -lm

$(B)/default_rules.c: data/themes.rules tools/embed.sh | $(B)
	sh tools/embed.sh data/themes.rules osc_default_rules > $@

$(B)/default_model.c: data/model.bin tools/embed.sh | $(B)
	sh tools/embed.sh data/model.bin osc_default_model > $@

$(B)/default_model.o: $(B)/default_model.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/default_rules.o: $(B)/default_rules.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/default_authorities.c: data/authorities.txt tools/embed.sh | $(B)
	sh tools/embed.sh data/authorities.txt osc_default_authorities > $@

$(B)/default_authorities.o: $(B)/default_authorities.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libofsted-scan.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(B)/libofsted-scan.a
	$(CC) $(CFLAGS) -pthread -o $@ $^ $(PKG_LIBS) $(CLI_LIBS) -lm

$(TRAIN): $(TRAIN_OBJ) $(B)/libofsted-scan.a
	$(CC) $(CFLAGS) -pthread -o $@ $^ $(PKG_LIBS) -llinear -lm

# The default model, from ../shared/corpus/train (docs/classifier.md); the
# committed data/model.bin is compiled in.  tests/model.sh checks that this
# reproduces it.
TRAIN_ITEMS = $(SHARED)/corpus/train/items.jsonl
model: deps $(TRAIN)
	@if [ -f "$(TRAIN_ITEMS)" ]; then \
		./$(TRAIN) -q -o data/model.bin "$(TRAIN_ITEMS)" && echo "model: data/model.bin from $(TRAIN_ITEMS)"; \
	else echo "model: SKIP: no training items at $(TRAIN_ITEMS)"; fi

$(B)/test_%: tests/test_%.c tests/testutil.h tests/slurp.h tests/pdfgen.h $(B)/libofsted-scan.a
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests -MMD -MP -o $@ $< $(B)/libofsted-scan.a $(PKG_LIBS) $(TEST_LIBS) -lm

demo: all
	./ofsted-scan --format text data/samples/sample-letter.txt

check: test-deps $(BIN) $(TRAIN) $(TESTS) $(B)/ofsted-scan-nopoppler
	@set -e; for t in $(TESTS); do echo "== $$t"; SHARED=$(SHARED) ./$$t; done
	@SHARED=$(SHARED) sh tests/snapshots.sh ./$(BIN)
	@SHARED=$(SHARED) sh tests/cli.sh ./$(BIN)
	@sh tests/spreadsheet.sh ./$(BIN)
	@SHARED=$(SHARED) sh tests/html.sh ./$(BIN)
	@SHARED=$(SHARED) sh tests/shards.sh ./$(BIN)
	@SHARED=$(SHARED) sh tests/train.sh ./$(BIN) ./$(TRAIN)
	@sh tests/no_poppler.sh ./$(B)/ofsted-scan-nopoppler
	@SHARED=$(SHARED) sh tests/bad_input.sh ./$(BIN)
	@SHARED=$(SHARED) sh tests/corpus_gold.sh ./$(BIN)
	@SHARED=$(SHARED) sh tests/corpus_check.sh ./$(BIN)

# Re-bless the snapshots after an intended output change (review the diff:
# git diff tests/snapshots).
bless: $(BIN)
	@BLESS=1 SHARED=$(SHARED) sh tests/snapshots.sh ./$(BIN)

# The whole test suite built with AddressSanitizer and UBSan (gcc or clang).
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan:
	@$(SAN_ENV) $(MAKE) --no-print-directory B=build/asan BIN=build/asan/ofsted-scan \
		TRAIN=build/asan/ofsted-scan-train CFLAGS="$(SAN_FLAGS)" check

# The corpus through valgrind memcheck: no errors, no leaks.  PCRE2's JIT
# code is opaque to valgrind, so this build matches without it.
leakcheck:
	@$(MAKE) --no-print-directory B=build/vg BIN=build/vg/ofsted-scan \
		CFLAGS="-O1 -g -DOSC_NO_JIT" build/vg/ofsted-scan
	@sh tools/leakcheck.sh build/vg/ofsted-scan $(SHARED)/corpus

$(B)/bench_classify: bench/bench_classify.c tests/slurp.h $(B)/libofsted-scan.a
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(B)/libofsted-scan.a $(PKG_LIBS) -lm

bench: all $(B)/bench_classify
	@python3 tools/bench.py ./ofsted-scan $(SHARED)/corpus $(B)/bench_classify data/themes.rules

# libFuzzer harnesses (clang): FUZZ_TIME seconds each
FUZZ_CC   ?= clang
FUZZ_TIME ?= 60
FUZZERS   := text html pdf rules json
fuzz:
	@sh tools/fuzz.sh "$(FUZZ_CC)" "$(FUZZ_TIME)" $(FUZZERS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 ofsted-scan $(DESTDIR)$(BINDIR)/ofsted-scan
	install -m 755 ofsted-scan-train $(DESTDIR)$(BINDIR)/ofsted-scan-train
	install -m 644 docs/ofsted-scan.1 $(DESTDIR)$(MANDIR)/man1/ofsted-scan.1
	install -m 644 data/themes.rules $(DESTDIR)$(DATADIR)/themes.rules
	install -m 644 data/model.bin $(DESTDIR)$(DATADIR)/model.bin
	install -m 644 data/authorities.txt $(DESTDIR)$(DATADIR)/authorities.txt

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ofsted-scan $(DESTDIR)$(BINDIR)/ofsted-scan-train \
		$(DESTDIR)$(MANDIR)/man1/ofsted-scan.1
	rm -rf $(DESTDIR)$(DATADIR)

-include $(wildcard $(B)/*.d $(B)/cli/*.d)

clean:
	rm -rf $(B) build ofsted-scan ofsted-scan-train
