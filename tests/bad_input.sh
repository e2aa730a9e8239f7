#!/bin/sh
# bad_input.sh BINARY - hostile and broken inputs, each run beside a good
# letter.  Every case checks the exit status, the message on standard error
# (naming the input), that standard output stays valid JSON Lines with the
# good letter's record last, a time and memory bound, and the warning in the
# record where content was degraded.  Prints "N passed, N failed".
set -u
bin=${1:-./ofsted-scan}
good=data/samples/sample-letter.txt
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
skipped=0
timer=""
[ -x /usr/bin/time ] && timer=/usr/bin/time
last_kb=""    # the peak memory of the last run, when measured
SECS=30       # every case finishes within this
KB=1048576    # and within this much memory (a 60 MB input is the largest)

# run NAME STATUS ERR_RE RECORD_RE [OPTIONS --] INPUT...: run the inputs and
# the good letter; ERR_RE must be on stderr ('' for nothing at all),
# RECORD_RE in the output ('' for no check)
run() {
	name=$1 want=$2 err=$3 rec=$4
	shift 4
	if [ -n "$timer" ]; then
		$timer -f '%e %M' -o "$tmp/tm" timeout $SECS "$bin" -q -f jsonl "$@" "$good" \
			>"$tmp/o" 2>"$tmp/e"
	else
		timeout $SECS "$bin" -q -f jsonl "$@" "$good" >"$tmp/o" 2>"$tmp/e"
	fi
	got=$?
	[ $got = "$want" ] && ok || bad "$name: exit $got, want $want ($(head -c 200 "$tmp/e"))"
	if [ -z "$err" ]; then
		[ ! -s "$tmp/e" ] && ok || bad "$name: unexpected stderr: $(head -c 200 "$tmp/e")"
	else
		grep -q -- "$err" "$tmp/e" && ok || bad "$name: stderr lacks '$err': $(head -c 200 "$tmp/e")"
	fi
	if [ -n "$rec" ]; then
		grep -q -- "$rec" "$tmp/o" && ok || bad "$name: output lacks '$rec'"
	fi
	tail -n 1 "$tmp/o" | grep -q '"source":"data/samples/sample-letter.txt","input_format":"text","kind":"focused_visit"' &&
		ok || bad "$name: the good letter's record is not last"
	if [ $have_python = 1 ]; then
		valid_jsonl "$tmp/o" 2>/dev/null && ok || bad "$name: output is not valid JSON Lines"
	fi
	if [ -n "$timer" ] && [ -s "$tmp/tm" ]; then
		set -- $(tail -n 1 "$tmp/tm")
		last_kb=$2
		awk -v s="$1" -v m="$2" -v S=$SECS -v K=$KB 'BEGIN { exit !(s < S && m < K) }' &&
			ok || bad "$name: $1 s, $2 KB: over the bound"
	fi
}

# empty, blank and binary input
: >"$tmp/empty.txt"
run "empty file" 2 "empty.txt: empty input" '"error":"empty input' "$tmp/empty.txt"
printf ' \n\t\n   \r\n' >"$tmp/blank.txt"
run "whitespace only" 2 "blank.txt: empty input" "" "$tmp/blank.txt"
head -c 65536 /dev/urandom >"$tmp/random.txt"
run "random binary" 2 "random.txt: binary data" "" "$tmp/random.txt"

# degraded text: read, with a warning in the record
{ head -c 400 "$good"; printf '\0\0'; tail -c +401 "$good"; } >"$tmp/nul.txt"
run "NUL bytes" 0 "" '"warnings":\["NUL bytes removed from the input"' "$tmp/nul.txt"
{ head -c 400 "$good"; printf '\377\376\300'; tail -c +401 "$good"; } >"$tmp/invalid.txt"
run "invalid UTF-8" 0 "" 'invalid UTF-8 bytes replaced with U+FFFD' "$tmp/invalid.txt"
if [ $have_python = 1 ]; then
	python3 -c 'import sys; t=open(sys.argv[1],encoding="utf-8").read(); open(sys.argv[2],"wb").write(b"\xff\xfe"+t.encode("utf-16-le"))' "$good" "$tmp/utf16.txt"
	run "UTF-16 with BOM" 0 "" '"source":"[^"]*utf16.txt","input_format":"text","kind":"focused_visit","authority":"Riverford"' "$tmp/utf16.txt"
	python3 -c 'import sys; t=open(sys.argv[1],encoding="utf-8").read(); open(sys.argv[2],"wb").write(t.encode("cp1252", "replace"))' "$good" "$tmp/cp1252.txt"
	run "Windows-1252" 0 "" 'read as Windows-1252' "$tmp/cp1252.txt"
fi
sed 's/$/\r/' "$good" >"$tmp/crlf.txt"
run "CRLF" 0 "" '"source":"[^"]*crlf.txt","input_format":"text","kind":"focused_visit","authority":"Riverford"' "$tmp/crlf.txt"
"$bin" -q "$good" | sed 's/"source":"[^"]*"//' >"$tmp/lf.json"
"$bin" -q "$tmp/crlf.txt" | sed 's/"source":"[^"]*"//' >"$tmp/crlf.json"
cmp -s "$tmp/lf.json" "$tmp/crlf.json" && ok || bad "CRLF: not the same record as LF"

# large and deep inputs: bounded time and memory
# within twice the largest input and 16 MiB (issue 26)
within_twice() {
	# (not under the sanitizers: their shadow memory and quarantine are
	# no part of the program's)
	if [ -n "$last_kb" ] && [ -z "${ASAN_OPTIONS:-}" ]; then
		awk -v m="$last_kb" -v b="$2" 'BEGIN { exit !(m <= 2 * b / 1024 + 16384) }' &&
			ok || bad "$1: $last_kb KB, over twice the input ($2 bytes) and 16 MiB"
	fi
}
yes 'Children are seen often. ' | head -c 60000000 | tr -d '\n' >"$tmp/oneline.txt"
run "a 60 MB single line" 0 "" 'not recognised as an Ofsted letter' "$tmp/oneline.txt"
within_twice "a 60 MB single line" "$(wc -c <"$tmp/oneline.txt")"
rm -f "$tmp/oneline.txt"
# a letter of 40,000 findings of a letter's length, 18 MB: its record
# (27 MB) is written as it is made, in its place among the others, for any
# number of workers
{ printf 'Dear X\nThis letter summarises a focused visit.\nFindings\n'
  i=0; while [ $i -lt 40000 ]; do
	printf '%s\n%s\n%s\n%s\n%s\n\n' \
		'Managers review plans on time, and children are seen alone by social workers who' \
		'know them well. Most assessments are thorough and consider the history of the' \
		'family, but some are late, and the reasons for delay are not always recorded.' \
		'Supervision is regular and reflective; actions are followed up at the next session,' \
		'although the records of some visits do not show what children said.'
	i=$((i + 1)); done; } >"$tmp/many.txt"
run "a letter of 40,000 findings" 0 "" '"kind":"focused_visit"' "$tmp/many.txt"
within_twice "a letter of 40,000 findings" "$(wc -c <"$tmp/many.txt")"
"$bin" -q -j1 -f jsonl "$tmp/many.txt" "$good" "$tmp/many.txt" >"$tmp/m1" 2>/dev/null
"$bin" -q -j2 -f jsonl "$tmp/many.txt" "$good" "$tmp/many.txt" >"$tmp/m2" 2>/dev/null
cmp -s "$tmp/m1" "$tmp/m2" && ok || bad "large records: -j1 and -j2 differ"
[ "$(wc -l <"$tmp/m1")" = 3 ] && [ "$(grep -c '"text":"Managers review plans' "$tmp/m1")" = 2 ] &&
	ok || bad "large records: not three records, the large two in their places"
for f in json text csv; do
	"$bin" -q -j2 -f $f "$tmp/many.txt" "$good" >"$tmp/m.$f" 2>/dev/null && ok || bad "large records: -f $f failed"
done
if [ $have_python = 1 ]; then
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not (len(d) == 2 and len(d[0]["findings"]) == 40000))' \
		"$tmp/m.json" 2>/dev/null && ok || bad "large records: -f json is not an array of both, all findings"
fi
[ "$(grep -c 'Managers review plans' "$tmp/m.csv")" = 40000 ] && ok || bad "large records: CSV rows"
[ "$(grep -c '^  [+~.-] Managers review plans' "$tmp/m.text")" = 40000 ] && ok || bad "large records: text findings"
rm -f "$tmp/many.txt" "$tmp/m1" "$tmp/m2" "$tmp"/m.*
{ printf '<html><body><p>Before the nest.</p>'
  i=0; while [ $i -lt 2000 ]; do printf '<div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div>'; i=$((i + 1)); done
  printf 'deep text</body></html>'; } >"$tmp/deep.html"
run "HTML nested 200,000 deep" 0 "" 'the HTML nests more than 256 elements deep' "$tmp/deep.html"
printf '<html><head><script>var x = 1;</script></head><body><script>go()</script></body></html>' >"$tmp/script.html"
run "script-only HTML" 2 "script.html: no visible text in the HTML" "" "$tmp/script.html"
printf '<html><body><p>Dear X</p><p>This letter summarises a focused visit &bogus; &#xZZZ; &#99999999; &amp</p><h2>Findings</h2><p>Plans are clear &nosuch; and <b>timely<p>Visits <i>are regular</body>' >"$tmp/broken.html"
run "broken HTML, bogus entities" 0 "" '"text":"Plans are clear &nosuch; and timely"' "$tmp/broken.html"

# PDFs: broken ones are errors for that file; a PDF is a PDF whatever its name
head -c 5000 tests/data/letter.pdf >"$tmp/truncated.pdf"
run "truncated PDF" 2 "truncated.pdf: damaged or truncated PDF" '"error":"damaged or truncated PDF' "$tmp/truncated.pdf"
printf '%%PDF-1.7\nThis is not a PDF at all.\n%%%%EOF\n' >"$tmp/fake.pdf"
run "fake PDF header" 2 "fake.pdf: damaged PDF" "" "$tmp/fake.pdf"
printf '%%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$tmp/nopages.pdf"
run "a PDF with no pages" 2 "nopages.pdf: PDF with no pages" "" "$tmp/nopages.pdf"
run "encrypted PDF" 2 "encrypted.pdf: encrypted PDF: it needs a password" "" tests/data/encrypted.pdf
cp tests/data/letter.pdf "$tmp/letter.txt"
run "PDF named .txt" 0 "" '"source":"[^"]*letter.txt","input_format":"pdf","kind":"focused_visit"' "$tmp/letter.txt"

# structure: many findings, headings only
{ printf 'Dear X\nThis letter summarises the findings of a focused visit to Exampleshire children\342\200\231s services on 3 May 2024.\nFindings\n'
  i=0; while [ $i -lt 20000 ]; do printf '\342\227\274 Finding %d: plans are not reviewed on time.\n' $i; i=$((i + 1)); done; } >"$tmp/many.txt"
run "20,000 findings" 0 "" '"text":"Finding 19999: plans are not reviewed on time."' "$tmp/many.txt"
printf 'Overview\n\nWhat needs to improve\n\nFindings\n\nAreas for priority action\n' >"$tmp/headings.txt"
run "headings only" 0 "" 'no findings section found' "$tmp/headings.txt"

# files and folders
mkdir -p "$tmp/loop/a"
cp "$good" "$tmp/loop/a/letter.txt"
ln -s .. "$tmp/loop/a/up"
run "folder with a symlink loop" 0 "folder loop (a link to a folder above it): skipped" "" "$tmp/loop"
cp "$good" "$tmp/locked.txt"
chmod 000 "$tmp/locked.txt"
if [ "$(id -u)" = 0 ]; then
	skipped=$((skipped + 1))
	echo "bad_input: SKIP: unreadable file (root reads everything)"
else
	run "unreadable file" 2 "locked.txt: Permission denied" '"error":"Permission denied"' "$tmp/locked.txt"
fi
if mkfifo "$tmp/fifo" 2>/dev/null; then
	( sleep 1; cat "$good" >"$tmp/fifo" ) &
	run "a FIFO with a writer" 0 "" '"source":"[^"]*fifo","input_format":"text","kind":"focused_visit"' "$tmp/fifo"
	wait
	SECS=20 run "a FIFO nothing writes to" 2 "fifo: a named pipe that nothing wrote to in 10 s" "" "$tmp/fifo"
fi
run "a device" 2 "/dev/zero: not a regular file or a pipe" "" /dev/zero
run "a missing path" 2 "nope.txt: No such file or directory" '"error":"No such file or directory"' "$tmp/nope.txt"
cp "$good" "$tmp/with space.txt"
run "a name with spaces" 0 "" '"source":"[^"]*with space.txt","input_format":"text"' "$tmp/with space.txt"
nl=$(printf 'new\nline.txt')
cp "$good" "$tmp/$nl"
run "a name with a newline" 0 "" '"source":"[^"]*new\\nline.txt","input_format":"text"' "$tmp/$nl"
run "a missing name with a newline" 2 'new\\nline-gone.txt: No such file' "" "$tmp/new
line-gone.txt"
esc=$(printf 'esc\033[31m.txt')
run "a name with an escape sequence" 2 'esc\\x1b\[31m.txt: No such file' "" "$tmp/$esc"

# rules: malformed, and a pattern that backtracks without end
printf '[theme x]\nlabel = X\nphrase-regex 2 = (unclosed\n' >"$tmp/bad.rules"
"$bin" --themes "$tmp/bad.rules" "$good" >"$tmp/o" 2>"$tmp/e"
[ $? = 2 ] && ok || bad "malformed rules: exit status"
grep -q "bad.rules:3: bad pattern" "$tmp/e" && ok || bad "malformed rules: message names file:line"
[ ! -s "$tmp/o" ] && ok || bad "malformed rules: output written"
printf '[theme slow]\nlabel = Slow\nphrase-regex 5 = ^(\\w+\\s?)+$\n' >"$tmp/slow.rules"
{ printf 'Dear X\nThis letter summarises a focused visit.\nFindings\n'
  printf 'Children are seen by social workers who know them well and visit them often at home!\n'; } >"$tmp/slow.txt"
run "catastrophic backtracking" 0 "" 'hit the PCRE2 match limit' --themes "$tmp/slow.rules" "$tmp/slow.txt"

# output: a reader that stops early, a full disk
mkdir -p "$tmp/batch"
i=0; while [ $i -lt 40 ]; do cp "$good" "$tmp/batch/l$i.txt"; i=$((i + 1)); done
lines=$(timeout $SECS "$bin" -q "$tmp/batch" 2>"$tmp/e" | head -n 1 | wc -l)
[ "$lines" = 1 ] && ok || bad "| head -1: $lines lines"
[ ! -s "$tmp/e" ] && ok || bad "| head -1: stderr: $(head -c 200 "$tmp/e")"
if [ -w /dev/full ]; then
	"$bin" -q "$tmp/batch" >/dev/full 2>"$tmp/e"
	[ $? = 2 ] && ok || bad "/dev/full: exit status"
	grep -q "standard output: write error: No space left on device" "$tmp/e" && ok || bad "/dev/full: message"
fi
exec 3>&-
"$bin" -q "$good" >&- 2>"$tmp/e"
[ $? = 2 ] && ok || bad "closed stdout: exit status"
grep -q "write error" "$tmp/e" && ok || bad "closed stdout: message"

# regression inputs (tests/regress): a status of 0 or 2, never a signal;
# valid JSON Lines; in time
for f in tests/regress/*; do
	case $f in */README.md) continue ;; esac
	timeout $SECS "$bin" -q -f jsonl "$f" "$good" >"$tmp/o" 2>"$tmp/e"
	st=$?
	{ [ $st = 0 ] || [ $st = 2 ]; } && ok || bad "$f: exit $st"
	tail -n 1 "$tmp/o" | grep -q '"kind":"focused_visit"' && ok || bad "$f: the good letter's record is not last"
	if [ $have_python = 1 ]; then
		valid_jsonl "$tmp/o" 2>/dev/null && ok || bad "$f: output is not valid JSON Lines"
	fi
done

echo "bad_input: $pass passed, $fail failed, $skipped skipped"
[ $fail = 0 ]
