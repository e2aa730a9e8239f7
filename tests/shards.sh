#!/bin/sh
# shards.sh BINARY - map and reduce: the inputs split into four shards, each
# read by its own run into JSON Lines (with GNU parallel when it is there,
# else one after another), then one --summary over the four shards' records
# is byte-identical, in every format, to the summary of one run over all
# the inputs.  Over the shared corpus when it is there, else the samples.
set -u
bin=${1:-./ofsted-scan}
corpus=${SHARED:-../shared}/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

if [ -d "$corpus/letters" ]; then
	find "$corpus/letters" "$corpus/reports" "$corpus/pdf" -type f | sort >"$tmp/all"
else
	echo "shards: the shared corpus is absent: the samples instead"
	find data/samples -type f | sort >"$tmp/all"
fi
# an input that cannot be read: its error record counts in the merge too
echo "$tmp/missing.txt" >>"$tmp/all"
split -n r/4 "$tmp/all" "$tmp/shard."
map() { # shard file -> its records
	xargs "$bin" -q -j1 -f jsonl <"$1" >"$1.jsonl" 2>/dev/null
	true
}
if command -v parallel >/dev/null 2>&1; then
	# each shard on its own job slot; across hosts it is the same with -S
	SHELL=/bin/sh parallel --will-cite -j4 "xargs '$bin' -q -j1 -f jsonl <{} >{}.jsonl 2>/dev/null; true" \
		::: "$tmp"/shard.a?
	echo "shards: mapped with GNU parallel"
else
	echo "shards: GNU parallel is not installed (Debian: parallel): the shards one after another"
	for s in "$tmp"/shard.a?; do map "$s"; done
fi
check "four shards of records" test "$(ls "$tmp"/shard.a?.jsonl | wc -l)" = 4
check "every input has its record" test "$(cat "$tmp"/shard.a?.jsonl | wc -l)" = "$(wc -l <"$tmp/all")"
for f in text json csv; do
	xargs "$bin" -q --summary -f $f <"$tmp/all" >"$tmp/one.$f" 2>/dev/null
	"$bin" -q --summary -f $f "$tmp"/shard.a?.jsonl >"$tmp/merged.$f" 2>"$tmp/e"
	check "$f: the merged summary is the single run's" cmp -s "$tmp/one.$f" "$tmp/merged.$f"
	check "$f: the merge says nothing" test ! -s "$tmp/e"
done
check "the error record counted" grep -q '"errors":1,' "$tmp/one.json"

# a line that is no record: an error naming it, exit 2
cp "$tmp/shard.aa.jsonl" "$tmp/cut.jsonl"
printf '{"schema":"ofsted-scan/1","kind":"focused_visit","findings":[{"polar' >>"$tmp/cut.jsonl"
"$bin" -q --summary "$tmp/cut.jsonl" >/dev/null 2>"$tmp/e"; check "a cut line exits 2" test $? = 2
check "a cut line is named" grep -q "cut.jsonl: line $(wc -l <"$tmp/cut.jsonl" | awk '{ print $1 + 1 }'): not a record of ofsted-scan's: the line ends too soon" "$tmp/e"
"$bin" -q "$tmp/shard.aa.jsonl" >/dev/null 2>"$tmp/e"; check "records without --summary exit 2" test $? = 2
check "records without --summary: said" grep -q "only --summary reads them back" "$tmp/e"
"$bin" -q --summary --since 2020 "$tmp/shard.aa.jsonl" >/dev/null 2>"$tmp/e"; check "records with --since exit 2" test $? = 2
"$bin" -q --documents "$tmp/shard.aa.jsonl" >/dev/null 2>&1
"$bin" -q --documents -f jsonl $(head -2 "$tmp/all") >"$tmp/rows.jsonl" 2>/dev/null
"$bin" -q --summary "$tmp/rows.jsonl" >/dev/null 2>"$tmp/e"; check "document-table rows are refused" grep -q "a row of the document table" "$tmp/e"

echo "shards: $pass passed, $fail failed"
[ $fail = 0 ]
