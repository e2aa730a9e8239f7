#!/bin/sh
# cli.sh BINARY - the command line as users run it: inputs, formats, exit
# codes, messages, write errors.  Prints "N passed, N failed".
set -u
bin=${1:-./ofsted-scan}
sample=data/samples/sample-letter.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

# --help and --version
"$bin" --help >"$tmp/help" 2>&1; check "--help exits 0" test $? = 0
check "--help shows usage" grep -q "^Usage: ofsted-scan" "$tmp/help"
check "--help documents exit status" grep -q "Exit status" "$tmp/help"
"$bin" --version >"$tmp/v"; check "--version" grep -q "ofsted-scan [0-9]" "$tmp/v"

# bad usage: exit 2 and a message
"$bin" --format xml "$sample" >/dev/null 2>"$tmp/e"; check "bad format exits 2" test $? = 2
check "bad format message" grep -q "^ofsted-scan: unknown format 'xml'" "$tmp/e"
"$bin" --bogus >/dev/null 2>"$tmp/e"; check "unknown option exits 2" test $? = 2

# a file, as jsonl (the default when stdout is not a terminal)
"$bin" "$sample" >"$tmp/o"; check "file exits 0" test $? = 0
check "one line of jsonl" test "$(wc -l <"$tmp/o")" = 1
check "jsonl is valid" valid_jsonl "$tmp/o"
check "authority found" grep -q '"authority":"Riverford"' "$tmp/o"

# standard input: '-' and a pipe with no argument
"$bin" - <"$sample" >"$tmp/o1"; check "stdin '-' exits 0" test $? = 0
check "stdin source is -" grep -q '"source":"-"' "$tmp/o1"
cat "$sample" | "$bin" >"$tmp/o2"; check "pipe exits 0" test $? = 0
check "pipe and '-' agree" cmp -s "$tmp/o1" "$tmp/o2"

# --format json: one object for one file, an array for several
"$bin" -f json "$sample" >"$tmp/j"; check "json object" sh -c "head -c1 '$tmp/j' | grep -q '{'"
"$bin" -f json "$sample" data/samples/sample-letter.md >"$tmp/j2"
check "json array for two files" sh -c "head -c1 '$tmp/j2' | grep -q '\['"
if [ $have_python = 1 ]; then
	check "json array parses" python3 -c "import json,sys; assert len(json.load(open(sys.argv[1])))==2" "$tmp/j2"
fi

# text format: no colour when not a terminal
"$bin" -f text "$sample" >"$tmp/t"; check "text exits 0" test $? = 0
check "text has findings" grep -q "Findings by theme" "$tmp/t"
check "no colour in a pipe" sh -c "! grep -q \"$(printf '\033')\" '$tmp/t'"

# -o FILE
"$bin" -o "$tmp/out.jsonl" "$sample"; check "-o writes the file" grep -q '"kind":"focused_visit"' "$tmp/out.jsonl"

# folders: recursive, sorted, hidden files skipped, a symlink loop survived
mkdir -p "$tmp/d/b" "$tmp/d/a" "$tmp/d/.hidden"
cp "$sample" "$tmp/d/b/z.txt"; cp "$sample" "$tmp/d/a/y.txt"; cp "$sample" "$tmp/d/.hidden/x.txt"
cp "$sample" "$tmp/d/.dot.txt"; echo ignored >"$tmp/d/notes.json"
ln -s .. "$tmp/d/a/loop"
"$bin" "$tmp/d" >"$tmp/o" 2>"$tmp/e"; check "folder exits 0" test $? = 0
check "folder: two documents" test "$(wc -l <"$tmp/o")" = 2
check "folder: sorted order" sh -c "head -1 '$tmp/o' | grep -q 'a/y.txt' && tail -1 '$tmp/o' | grep -q 'b/z.txt'"

# a missing file among good ones: exit 2, a message naming it, the rest printed
"$bin" "$sample" "$tmp/missing.txt" "$sample" >"$tmp/o" 2>"$tmp/e"; check "missing file exits 2" test $? = 2
check "missing file message" grep -q "^ofsted-scan: $tmp/missing.txt: No such file or directory" "$tmp/e"
check "others still printed" test "$(wc -l <"$tmp/o")" = 3
check "error record in its place" sh -c "sed -n 2p '$tmp/o' | grep -q '\"error\":'"
check "output stays valid jsonl" valid_jsonl "$tmp/o"

# empty input and binary input: per-file errors
: >"$tmp/empty.txt"
"$bin" "$tmp/empty.txt" >/dev/null 2>"$tmp/e"; check "empty file exits 2" test $? = 2
check "empty file message" grep -q "empty input" "$tmp/e"
head -c 4096 /dev/urandom >"$tmp/random.txt" 2>/dev/null || dd if=/dev/urandom of="$tmp/random.txt" bs=4096 count=1 2>/dev/null
"$bin" "$tmp/random.txt" >/dev/null 2>"$tmp/e"; check "binary exits 2" test $? = 2
"$bin" "$tmp/d" >/dev/null 2>&1; check "a folder given as a file is walked" test $? = 0

# PDF: by its content, whatever its name; from a pipe too; a damaged,
# truncated or encrypted PDF is an error for that file and the batch goes on
pdf=tests/data/letter.pdf
"$bin" "$pdf" >"$tmp/o"; check "pdf exits 0" test $? = 0
check "pdf read as pdf" grep -q '"input_format":"pdf","kind":"focused_visit"' "$tmp/o"
cp "$pdf" "$tmp/letter.txt"
"$bin" "$tmp/letter.txt" >"$tmp/o2"; check "pdf named .txt read as pdf" grep -q '"input_format":"pdf"' "$tmp/o2"
"$bin" <"$pdf" >"$tmp/o3"; check "pdf from a pipe" grep -q '"authority":"Exampleshire"' "$tmp/o3"
mkdir -p "$tmp/pdfs"
cp "$pdf" "$tmp/pdfs/a.pdf"
head -c 6000 "$pdf" >"$tmp/pdfs/b.pdf"
cp tests/data/encrypted.pdf "$tmp/pdfs/c.pdf"
printf '%%PDF-1.4\nnot really\n%%%%EOF\n' >"$tmp/pdfs/d.pdf"
cp "$pdf" "$tmp/pdfs/e.pdf"
"$bin" "$tmp/pdfs" >"$tmp/o" 2>"$tmp/e"; check "bad pdfs exit 2" test $? = 2
check "bad pdfs: five records" test "$(wc -l <"$tmp/o")" = 5
check "bad pdfs: good ones read" test "$(grep -c '"kind":"focused_visit"' "$tmp/o")" = 2
check "truncated pdf message" grep -q "b.pdf: damaged or truncated PDF" "$tmp/e"
check "encrypted pdf message" grep -q "c.pdf: encrypted PDF: it needs a password" "$tmp/e"
check "damaged pdf message" grep -q "d.pdf: damaged PDF" "$tmp/e"
check "bad pdfs: valid jsonl" valid_jsonl "$tmp/o"

# HTML: a saved news page and a gov.uk-style page, from a file or a pipe
"$bin" data/samples/sample-news.html >"$tmp/o"; check "news page exits 0" test $? = 0
check "news page kind" grep -q '"input_format":"html","kind":"news_summary","authority":"Riverford"' "$tmp/o"
"$bin" <data/samples/sample-letter.html >"$tmp/o"; check "gov.uk page from a pipe" grep -q '"input_format":"html","kind":"focused_visit"' "$tmp/o"
check "gov.uk page: no cookie banner" sh -c "! grep -q 'essential cookies' '$tmp/o'"
printf '<html><body><script>only()</script></body></html>' >"$tmp/empty.html"
"$bin" "$tmp/empty.html" >/dev/null 2>"$tmp/e"; check "html with no text exits 2" test $? = 2
check "html with no text message" grep -q "no visible text in the HTML" "$tmp/e"

# Windows-1252 and CRLF input still read, with a warning in the record
printf 'Dear X\r\nThis letter summarises a focused visit.\r\nFindings\r\nChildren\222s plans are clear.\r\n' >"$tmp/cp.txt"
"$bin" "$tmp/cp.txt" >"$tmp/o"; check "cp1252 exits 0" test $? = 0
check "cp1252 warning" grep -q 'Windows-1252' "$tmp/o"
check "cp1252 converted" grep -q 'Children’s plans are clear.' "$tmp/o"

# a write error on stdout is an error
if [ -w /dev/full ]; then
	"$bin" "$sample" >/dev/full 2>"$tmp/e"; check "write error exits 2" test $? = 2
	check "write error message" grep -q "write error" "$tmp/e"
fi

# --themes: extend; a bad rules file names file and line
printf '[theme riverford]\nlabel = Riverford\nphrase 5 = dental checks\n' >"$tmp/my.rules"
"$bin" --themes "$tmp/my.rules" "$sample" >"$tmp/o"; check "--themes exits 0" test $? = 0
check "--themes adds a theme" grep -q '"riverford"' "$tmp/o"
check "--themes keeps the defaults" grep -q '"health"' "$tmp/o"
"$bin" --no-default-themes --themes "$tmp/my.rules" "$sample" >"$tmp/o"
check "--no-default-themes replaces" sh -c "! grep -q '\"health\"' '$tmp/o'"
printf '[theme x]\nphrase-regex = (oops\n' >"$tmp/bad.rules"
"$bin" --themes "$tmp/bad.rules" "$sample" >/dev/null 2>"$tmp/e"; check "bad rules exits 2" test $? = 2
check "bad rules message names file:line" grep -q "bad.rules:2: bad pattern" "$tmp/e"

# --theme: only items with the theme; an unknown id lists the known ones
"$bin" --theme health "$sample" >"$tmp/o"; check "--theme exits 0" test $? = 0
check "--theme keeps health items" grep -q '"id":"health"' "$tmp/o"
check "--theme drops the others" sh -c "! grep -q 'Permanence is considered early' '$tmp/o'"
"$bin" --theme nosuch "$sample" >/dev/null 2>"$tmp/e"; check "unknown --theme exits 2" test $? = 2
check "unknown --theme lists the themes" grep -q "unknown theme 'nosuch'; the themes are: health permanence" "$tmp/e"

# --explain: text shows scores against the threshold and the rules' lines;
# JSON carries an "explain" object and stays valid
"$bin" --explain --format text --no-color "$sample" >"$tmp/o"; check "--explain exits 0" test $? = 0
check "--explain shows the threshold" grep -q "themes (threshold 3, relative 0.4): health" "$tmp/o"
check "--explain shows rules and their lines" grep -q 'theme health +[0-9.]* (sentence 1; default rules:[0-9]' "$tmp/o"
check "--explain shows the polarity tally" grep -q "polarity: [0-9] sentences: [0-9] lean strength" "$tmp/o"
check "--explain shows the polarity rule" grep -q "concern sentences" "$tmp/o"
"$bin" --explain --format jsonl "$sample" >"$tmp/o"
check "--explain JSON" grep -q '"explain":{"threshold":3' "$tmp/o"
check "--explain JSON is valid" valid_jsonl "$tmp/o"

# -j: the same bytes, in input order, for any number of workers
mkdir -p "$tmp/many"
for i in 1 2 3 4 5 6 7 8 9; do
	cp "$sample" "$tmp/many/l$i.txt"; cp data/samples/sample-jtai.txt "$tmp/many/j$i.txt"
	cp data/samples/sample-news.html "$tmp/many/n$i.html"
done
cp "$pdf" "$tmp/many/p.pdf"
"$bin" -q -j1 "$tmp/many" data/samples >"$tmp/j1"; check "-j1 exits 0" test $? = 0
"$bin" -q -j4 "$tmp/many" data/samples >"$tmp/j4"; check "-j4 exits 0" test $? = 0
check "-j1 and -j4 byte-identical" cmp -s "$tmp/j1" "$tmp/j4"
"$bin" -q -j3 -f text --no-color "$tmp/many" >"$tmp/t3"; "$bin" -q -j1 -f text "$tmp/many" >"$tmp/t1"
check "-j3 text identical" cmp -s "$tmp/t1" "$tmp/t3"
# a write error in a batch stops every worker (none left waiting for room)
if [ -w /dev/full ]; then
	for j in 1 2 4; do
		timeout 60 "$bin" -q -j$j "$tmp/many" >/dev/full 2>"$tmp/e"
		check "-j$j batch write error exits 2" test $? = 2
		check "-j$j batch write error said once" test "$(grep -c 'write error' "$tmp/e")" = 1
		# the failing write's own errno, not the main thread's later one
		check "-j$j batch write error: no space" grep -q "No space left on device" "$tmp/e"
	done
fi
if [ -d "${SHARED:-../shared}/corpus/letters" ]; then
	"$bin" -q -j1 "${SHARED:-../shared}/corpus/letters" >"$tmp/c1"
	"$bin" -q -j2 "${SHARED:-../shared}/corpus/letters" >"$tmp/c2"
	check "corpus: -j1 and -j2 byte-identical" cmp -s "$tmp/c1" "$tmp/c2"
	# the summary's authorities: one group for each authority the files
	# are named for (fv_<authority>_<yyyy-mm>), however styled inside
	c=${SHARED:-../shared}/corpus
	want=$(ls "$c/letters" "$c/reports" | sed -n 's/^[a-z]*_\([a-z-]*\)_.*/\1/p' | sort -u | wc -l)
	"$bin" -q --summary -f csv "$c/letters" "$c/reports" >"$tmp/sum"
	got=$(grep -c '^authority,\("[^"]*"\|[^,"]*\),,' "$tmp/sum")
	check "corpus: $got authority groups in the summary, $want authorities" test "$got" = "$want"
fi
"$bin" -j 0 "$sample" >/dev/null 2>"$tmp/e"; check "-j 0 exits 2" test $? = 2
check "-j 0 message" grep -q "jobs '0': give a number from 1 to 256" "$tmp/e"

# the tally on standard error after a batch; --quiet; progress only on a terminal
"$bin" "$tmp/many" >/dev/null 2>"$tmp/e"
check "tally line" grep -q "^ofsted-scan: 28 files, 0 errors, [0-9]* items, [0-9.]* s$" "$tmp/e"
check "no progress when stderr is not a terminal" sh -c "! grep -q 'files/s' '$tmp/e'"
"$bin" -q "$tmp/many" >/dev/null 2>"$tmp/e"; check "--quiet: nothing on stderr" test ! -s "$tmp/e"
"$bin" "$sample" >/dev/null 2>"$tmp/e"; check "one file: no tally" test ! -s "$tmp/e"
if command -v script >/dev/null 2>&1; then
	script -qec "$bin -f jsonl -o /dev/null $tmp/many" /dev/null >"$tmp/tty" 2>&1
	check "progress on a terminal" grep -q "of 28 files" "$tmp/tty"
	script -qec "$bin --no-progress -f jsonl -o /dev/null $tmp/many" /dev/null >"$tmp/tty" 2>&1
	check "--no-progress" sh -c "! grep -q 'of 28 files' '$tmp/tty'"
fi

# CSV: a header, then one row per item; quoting as RFC 4180
"$bin" -f csv "$sample" data/samples/sample-jtai.txt >"$tmp/csv"; check "csv exits 0" test $? = 0
check "csv header" sh -c "head -1 '$tmp/csv' | grep -q '^source,kind,authority,date,section,index,polarity,themes,text'"
check "csv: one header for two files" test "$(grep -c '^source,kind' "$tmp/csv")" = 1
check "csv: rows" test "$(wc -l <"$tmp/csv")" = 18
check "csv: quoted field" grep -q '"The quality of care plans, so that actions are specific and regularly reviewed."' "$tmp/csv"
if [ $have_python = 1 ]; then
	check "csv parses, 12 fields a row" python3 -c "import csv,sys
rows=list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
assert all(len(r)==12 for r in rows) and len(rows)==18" "$tmp/csv"
fi

# --summary in each format; --since
"$bin" --summary -f text "$tmp/many" >"$tmp/s" 2>/dev/null; check "--summary text" grep -q "^Summary of 28 documents" "$tmp/s"
"$bin" --summary -f json "$tmp/many" >"$tmp/s" 2>/dev/null
if [ $have_python = 1 ]; then
	check "--summary json" python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['summary']; assert d['documents']==28 and d['kinds']['news_summary']==9" "$tmp/s"
fi
"$bin" --summary -f csv "$tmp/many" >"$tmp/s" 2>/dev/null; check "--summary csv" grep -q '^kind,jtai,,9,' "$tmp/s"
"$bin" --summary -f jsonl --since 2025-04 "$tmp/many" >"$tmp/s" 2>/dev/null
check "--since keeps the later ones" grep -q '"documents":18,' "$tmp/s"
"$bin" --since 2025-4 "$sample" >/dev/null 2>"$tmp/e"; check "bad --since exits 2" test $? = 2

# --fail-on: 1 when met, 0 when not, 2 for errors whatever else; bad conditions
"$bin" -q --fail-on concern:health "$sample" >/dev/null; check "--fail-on met exits 1" test $? = 1
"$bin" -q --fail-on concern:uasc "$sample" >/dev/null; check "--fail-on not met exits 0" test $? = 0
"$bin" -q --fail-on strength "$sample" >/dev/null; check "--fail-on any theme exits 1" test $? = 1
"$bin" -q --fail-on concern:uasc,health "$sample" >/dev/null; check "--fail-on theme list exits 1" test $? = 1
"$bin" -q --fail-on concern:health "$sample" "$tmp/missing.txt" >/dev/null 2>&1; check "--fail-on met with an error exits 2" test $? = 2
"$bin" --fail-on worry:health "$sample" >/dev/null 2>"$tmp/e"; check "--fail-on bad polarity exits 2" test $? = 2
check "--fail-on bad polarity message" grep -q "unknown polarity 'worry'" "$tmp/e"
"$bin" --fail-on concern:nosuch "$sample" >/dev/null 2>"$tmp/e"; check "--fail-on bad theme exits 2" test $? = 2
check "--fail-on bad theme message" grep -q "fail-on: unknown theme 'nosuch'; the themes are: health" "$tmp/e"
"$bin" --fail-on concern: "$sample" >/dev/null 2>"$tmp/e"; check "--fail-on empty theme exits 2" test $? = 2

# --max-size: a larger input is an error for that file, the rest go on
"$bin" -q --max-size 1k "$sample" "$tmp/cp.txt" >"$tmp/o" 2>"$tmp/e"; check "--max-size exits 2" test $? = 2
check "--max-size message" grep -q "sample-letter.txt: too large: over --max-size (1024 bytes)" "$tmp/e"
check "--max-size: the small file still read" grep -q 'cp.txt' "$tmp/o"
"$bin" -q --max-size 1k - <"$sample" >/dev/null 2>"$tmp/e"; check "--max-size on stdin" grep -q "too large" "$tmp/e"
"$bin" --max-size lots "$sample" >/dev/null 2>"$tmp/e"; check "bad --max-size exits 2" test $? = 2

# nothing to read is an error, even quiet: a CI gate must not pass on it
mkdir -p "$tmp/empty/sub"; echo notes >"$tmp/empty/sub/notes.json"
"$bin" -q "$tmp/empty" >"$tmp/o" 2>"$tmp/e"; check "an empty folder exits 2" test $? = 2
check "an empty folder is said" grep -q "nothing to read" "$tmp/e"
# dates that do not exist, and an empty theme in a --fail-on list
for d in 2024-13 2024-00 2024-02-30 2023-02-29 2024-04-31; do
	"$bin" --since $d "$sample" >/dev/null 2>"$tmp/e"; check "--since $d exits 2" test $? = 2
done
"$bin" -q --since 2024-02-29 "$sample" >/dev/null; check "--since a leap day" test $? = 0
for c in concern:health, concern:,health concern:health,,audit; do
	"$bin" --fail-on $c "$sample" >/dev/null 2>"$tmp/e"; check "--fail-on $c exits 2" test $? = 2
	check "--fail-on $c said" grep -q "an empty theme" "$tmp/e"
done
# -o FILE without -f: the format from its name
"$bin" -o "$tmp/out.csv" "$sample"; check "-o x.csv writes CSV" grep -q "source,kind,authority" "$tmp/out.csv"
"$bin" -o "$tmp/out.json" "$sample"; check "-o x.json writes JSON" sh -c "head -c1 '$tmp/out.json' | grep -q '{' && grep -q '^  \"schema\"' '$tmp/out.json'"
"$bin" -o "$tmp/out.txt" "$sample"; check "-o x.txt writes text" grep -q "Findings by theme" "$tmp/out.txt"
"$bin" -o "$tmp/out.data" "$sample"; check "-o x.data writes JSON Lines" test "$(wc -l <"$tmp/out.data")" = 1
"$bin" -f jsonl -o "$tmp/out2.csv" "$sample"; check "-f wins over the name" grep -q '"schema"' "$tmp/out2.csv"

# CSV written to a file starts with a UTF-8 byte-order mark (Excel); a pipe
# gets none
check "-o x.csv starts with a BOM" sh -c "head -c3 '$tmp/out.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "-o x.csv: the header after the BOM" sh -c "head -1 '$tmp/out.csv' | cut -b4- | grep -q '^source,kind,authority,'"
"$bin" -f csv "$sample" >"$tmp/pipe.csv"; check "no BOM on standard output" grep -q "^source,kind" "$tmp/pipe.csv"
"$bin" --summary -o "$tmp/sum.csv" "$sample"; check "a summary CSV file has the BOM too" sh -c "head -c3 '$tmp/sum.csv' | od -An -tx1 | grep -q 'ef bb bf'"

# --documents: one record per document
"$bin" -q --documents "$tmp/many" >"$tmp/docs"; check "--documents exits 0" test $? = 0
check "--documents: a line per document" test "$(wc -l <"$tmp/docs")" = 28
check "--documents: records of the document table" test "$(grep -c '"record":"document"' "$tmp/docs")" = 28
"$bin" -q --documents -f csv "$tmp/many" >"$tmp/docs.csv"; check "--documents csv exits 0" test $? = 0
if [ $have_python = 1 ]; then
	check "--documents csv: a row per document, every row as long as the header" python3 -c "import csv,sys
rows=list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
h=rows[0]
assert h[:4]==['source','kind','authority_key','authority'] and 'help_and_protection' in h and 'health_concerns' in h, h
assert len(rows)==29 and all(len(r)==len(h) for r in rows)
d=[dict(zip(h,r)) for r in rows[1:]]
l=[r for r in d if r['source'].endswith('l1.txt')][0]
assert l['date']=='2025-03-14' and l['first_visit']=='2025-02-11' and l['health_concerns']=='2' and l['improvements']=='2', l
assert [r for r in d if r['kind']=='jtai']" "$tmp/docs.csv"
fi
"$bin" --documents --summary "$sample" >/dev/null 2>"$tmp/e"; check "--documents with --summary exits 2" test $? = 2
"$bin" --documents -f text "$sample" >/dev/null 2>"$tmp/e"; check "--documents -f text exits 2" test $? = 2
check "--documents -f text said" grep -q "writes jsonl or csv" "$tmp/e"

# --until, and with --since
"$bin" --summary -f jsonl --until 2025-03 "$tmp/many" >"$tmp/s" 2>/dev/null
check "--until keeps the earlier ones" grep -q '"documents":9,' "$tmp/s"
"$bin" --summary -f jsonl --since 2025 --until 2025 "$tmp/many" >"$tmp/s" 2>/dev/null
check "--since and --until a year" grep -q '"documents":18,' "$tmp/s"
"$bin" --since 2025 --until 2024 "$sample" >/dev/null 2>"$tmp/e"; check "--since after --until exits 2" test $? = 2
"$bin" --until 2025-02-30 "$sample" >/dev/null 2>"$tmp/e"; check "a bad --until exits 2" test $? = 2

# --grep: the matching items, each with its citation; documents without one
# are left out; a bad pattern is said
"$bin" -f text --grep 'HEALTH assess' "$sample" "$tmp/many/j1.txt" >"$tmp/g"; check "--grep exits 0" test $? = 0
check "--grep: the improvement point, cited" grep -q "^data/samples/sample-letter.txt: improvements 1 (concern; health)$" "$tmp/g"
check "--grep: the finding, cited" grep -q "^data/samples/sample-letter.txt: findings 4 (concern; health)$" "$tmp/g"
check "--grep: only matching items" test "$(grep -c '^data/samples' "$tmp/g")" = 2
"$bin" --grep 'health assess' "$sample" "$tmp/many/j1.txt" >"$tmp/g"
check "--grep jsonl: documents with a match only" test "$(wc -l <"$tmp/g")" = 1
check "--grep jsonl: the two items kept" test "$(grep -o '"text":' "$tmp/g" | wc -l)" = 2
"$bin" --grep 'no such words at all' "$sample" >"$tmp/g"; check "--grep without a match exits 0" test $? = 0
check "--grep without a match prints nothing" test ! -s "$tmp/g"
"$bin" --grep '(' "$sample" >/dev/null 2>"$tmp/e"; check "--grep bad pattern exits 2" test $? = 2
check "--grep bad pattern said" grep -q "^ofsted-scan: --grep '(': missing closing parenthesis at offset 1" "$tmp/e"
"$bin" --grep '' "$sample" >/dev/null 2>&1; check "--grep empty exits 2" test $? = 2

# --fail-on names each item that met it
"$bin" -q --fail-on concern:health "$sample" >/dev/null 2>"$tmp/e"
check "--fail-on: a line per item" test "$(grep -c -- '--fail-on concern:health: ' "$tmp/e")" = 2
check "--fail-on: source, section, index, first words" grep -q "^ofsted-scan: data/samples/sample-letter.txt: --fail-on concern:health: findings 4: The timeliness of health assessments" "$tmp/e"

# --list-themes; --theme by label; --brief
"$bin" --list-themes >"$tmp/lt"; check "--list-themes exits 0" test $? = 0
check "--list-themes: ids and labels" grep -q "^health  *Health assessments and health needs$" "$tmp/lt"
check "--list-themes: 17 themes" test "$(wc -l <"$tmp/lt")" = 17
"$bin" -f csv --theme "health assessments and health needs" "$sample" >"$tmp/t1"
"$bin" -f csv --theme health "$sample" >"$tmp/t2"; check "--theme by label as by id" cmp -s "$tmp/t1" "$tmp/t2"
check "--theme keeps the item's own index" grep -q ',findings,4,concern,' "$tmp/t2"
"$bin" -f text "$sample" >"$tmp/full"; "$bin" -f text --brief "$sample" >"$tmp/brief"
check "text shows a finding whole" grep -q "Leaders have escalated this with health partners, but it is too soon" "$tmp/full"
check "text shows every paragraph of the headline" grep -q "Health assessments are not always completed on time" "$tmp/full"
check "--brief: the first sentence" sh -c "! grep -q 'Leaders have escalated this with health partners' '$tmp/brief' && grep -q 'The timeliness of health assessments has declined this year. …' '$tmp/brief'"

# --history: each document against the same authority's previous one among
# the inputs, whatever their order; a reorganised authority's too
mkdir -p "$tmp/hist"
hist_letter() { # file, date, authority, improvement point
	printf '%s\nDear X\nThis letter summarises the findings of the focused visit to %s children\342\200\231s services.\nWhat needs to improve?\n\342\227\274 %s\nFindings\nHealth assessments are late.\n' "$2" "$3" "$4" >"$tmp/hist/$1"
}
hist_letter a.txt "3 May 2021" Wokingham "The timeliness of initial health assessments and dental checks."
hist_letter b.txt "9 June 2024" "Wokingham Borough Council" "Initial health assessments and dental checks."
hist_letter c.txt "9 June 2020" "Cumbria County Council" "Pathway plans for care leavers."
hist_letter d.txt "1 July 2024" "Cumberland Council" "Pathway plans for care leavers, raised at the last inspection."
"$bin" -q --history "$tmp/hist/b.txt" "$tmp/hist/d.txt" "$tmp/hist/a.txt" "$tmp/hist/c.txt" >"$tmp/h"; check "--history exits 0" test $? = 0
check "--history: a record per document" test "$(wc -l <"$tmp/h")" = 4
check "--history: the later letter has the earlier as previous" sh -c "sed -n 1p '$tmp/h' | grep -q '\"previous\":{\"source\":\"$tmp/hist/a.txt\",\"date\":\"2021-05-03\"'"
check "--history: its point recurs" sh -c "sed -n 1p '$tmp/h' | grep -q '\"recurring\":\[{\"section\":\"improvements\",\"index\":1,'"
check "--history: Cumberland's previous is Cumbria's" sh -c "sed -n 2p '$tmp/h' | grep -q '\"previous\":{\"source\":\"$tmp/hist/c.txt\"'"
check "--history: the first has none" sh -c "sed -n 3p '$tmp/h' | grep -q '\"previous\":null}\$'"
"$bin" -q --history -f text "$tmp/hist/b.txt" "$tmp/hist/a.txt" >"$tmp/h"
check "--history text: since the previous visit" grep -q "^Since the previous visit (2021-05-03)$" "$tmp/h"
check "--history text: the previous one named" grep -q "^  Previous   2021-05-03, focused_visit: $tmp/hist/a.txt$" "$tmp/h"
"$bin" -q --history --documents "$tmp/hist/b.txt" "$tmp/hist/a.txt" >"$tmp/h"
check "--history --documents: previous in the row" grep -q '"record":"document".*"previous":{"source"' "$tmp/h"
"$bin" -q --history "$tmp/hist/b.txt" >"$tmp/h"
check "--history without the earlier one: null" grep -q '"previous":null}$' "$tmp/h"
"$bin" --history --summary "$sample" >/dev/null 2>"$tmp/e"; check "--history with --summary exits 2" test $? = 2
# standard input is read once: the first pass keeps it for the second
"$bin" -q --history - "$tmp/hist/a.txt" <"$tmp/hist/b.txt" >"$tmp/h"; check "--history from standard input exits 0" test $? = 0
check "--history from standard input: its predecessor found" sh -c "sed -n 1p '$tmp/h' | grep -q '\"source\":\"-\".*\"previous\":{\"source\":\"$tmp/hist/a.txt\"'"

echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
