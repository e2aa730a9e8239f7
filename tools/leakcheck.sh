#!/bin/sh
# leakcheck.sh BINARY CORPUS - every document of the shared corpus (and the
# project's samples) through valgrind memcheck in one run: no memory errors,
# nothing definitely or indirectly lost.  (GLib keeps its type system until
# exit: "still reachable", not a leak.)  Skips without valgrind or a corpus.
set -u
bin=$1 corpus=$2
if ! command -v valgrind >/dev/null 2>&1; then
	echo "leakcheck: SKIP: valgrind is not installed (apt-get install valgrind)"
	exit 0
fi
inputs="data/samples tests/data"
if [ -d "$corpus" ]; then
	inputs="$inputs $corpus"
else
	echo "leakcheck: no corpus at $corpus: the samples only"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# -j2: the worker threads' paths are checked too
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect --error-exitcode=99 --log-file="$log" \
	"$bin" -j2 --format jsonl $inputs >/dev/null 2>/dev/null
rc=$?
errors=$(grep -c "^==[0-9]*== [A-Z].*\(Invalid\|uninitialised\|Mismatched\|definitely lost\|indirectly lost\)" "$log")
files=$(find $inputs -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.pdf' \) | wc -l)
if [ $rc = 99 ] || [ "$errors" != 0 ]; then
	cat "$log"
	echo "leakcheck: FAIL over $files files: memcheck found errors or leaks"
	exit 1
fi
echo "leakcheck: $files files, 0 errors, 0 leaks (exit status $rc: 2 is the encrypted test PDF)"
