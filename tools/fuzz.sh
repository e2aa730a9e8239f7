#!/bin/sh
# fuzz.sh CC SECONDS HARNESS... - build the libFuzzer harnesses in fuzz/
# (with address and undefined-behaviour sanitizers) and run each for SECONDS,
# from seeds made of the project's own samples.  A crash leaves its input in
# build/fuzz/ and fails the run; make it a regression test in tests/regress/.
set -u
cc=$1 secs=$2
shift 2
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc is needed (libFuzzer): apt-get install clang libclang-rt-dev" >&2
	exit 2
fi
out=build/fuzz
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
make -s B=$out CC="$cc" CFLAGS="$flags -fsanitize=fuzzer-no-link" $out/libofsted-scan.a || exit 2
libs="$(pkg-config --libs libpcre2-8 libxml-2.0) -ldl"
cflags=$(pkg-config --cflags libpcre2-8 poppler-glib libxml-2.0)

# seeds: the first byte of most harnesses chooses options
seed() { # harness, option byte (octal), files...
	d=$out/seeds-$1 o=$2
	shift 2
	mkdir -p "$d"
	for f in "$@"; do
		[ -f "$f" ] || continue
		{ printf "\\$o"; cat "$f"; } >"$d/$(basename "$f")-$o"
	done
}
samples="data/samples/sample-letter.txt data/samples/sample-letter.md data/samples/sample-monitoring.txt data/samples/sample-jtai.txt"
for o in 000 003 027; do seed text $o $samples; done
for o in 000 001; do seed html $o data/samples/sample-letter.html data/samples/sample-news.html; done
mkdir -p $out/seeds-pdf && cp tests/data/*.pdf $out/seeds-pdf/
printf '[theme x]\nlabel = X\nphrase 3 = dental checks\nphrase-regex 2 = \\bcare\\s+plans?\\b\nexclude = x\n[polarity]\nconcern 2 = late\n[settings]\nthreshold = 2\n' >$out/rules-own
for o in 000 001 002; do seed rules $o data/themes.rules $out/rules-own; done
for o in 000 001 006; do seed json $o $samples data/samples/sample-news.html; done

status=0
for h in "$@"; do
	"$cc" $flags -fsanitize=fuzzer $cflags -Iinclude -Isrc -o $out/fuzz_$h fuzz/fuzz_$h.c \
		$out/libofsted-scan.a $libs -lm -pthread || exit 2
	mkdir -p $out/corpus-$h
	echo "fuzz: $h for ${secs}s"
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp $out/fuzz_$h -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
		-artifact_prefix=$out/crash-$h- $out/corpus-$h $out/seeds-$h \
		>$out/log-$h 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' $out/log-$h)
	echo "fuzz: $h: ${runs:-?} executions, exit $rc"
	[ $rc = 0 ] || { status=1; tail -40 $out/log-$h; }
done
exit $status
