#!/bin/sh
# no_poppler.sh BINARY - ofsted-scan built with a poppler-glib that cannot be
# loaded (make's ofsted-scan-nopoppler): a PDF gets a clear error naming the
# library, exit status 2, and every other input in the batch is still read.
# Prints "N passed, N failed".
set -u
bin=${1:-build/ofsted-scan-nopoppler}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

"$bin" --format jsonl tests/data/letter.pdf data/samples/sample-letter.txt \
	>"$tmp/out" 2>"$tmp/err"
check "exit status 2 when a PDF cannot be read" test $? = 2
check "the error names the input" grep -q "letter.pdf" "$tmp/err"
check "the error names poppler-glib" grep -q "PDF input needs poppler-glib" "$tmp/err"
check "the error says why" grep -q "could not be loaded" "$tmp/err"
check "the text input is still read" grep -q '"source":"data/samples/sample-letter.txt"' "$tmp/out"
check "the PDF gets an error record" grep -q '"source":"tests/data/letter.pdf","error":"PDF input needs poppler-glib' "$tmp/out"
check "one line an input" test "$(wc -l <"$tmp/out")" = 2
check "the tally counts the error" grep -q "2 files, 1 error" "$tmp/err"

# the same error for every PDF of a batch, on every thread
cp tests/data/letter.pdf "$tmp/a.pdf"
cp tests/data/letter.pdf "$tmp/b.pdf"
"$bin" -j2 -q "$tmp/a.pdf" "$tmp/b.pdf" >/dev/null 2>"$tmp/err2"
check "exit status 2 for a batch of PDFs" test $? = 2
check "each PDF gets the error" test "$(grep -c 'PDF input needs poppler-glib' "$tmp/err2")" = 2

# text from standard input needs no PDF library
"$bin" --format jsonl - <data/samples/sample-letter.txt >"$tmp/stdin" 2>&1
check "standard input still read" test $? = 0

echo "no_poppler: $pass passed, $fail failed"
test $fail = 0
