#!/bin/sh
# html.sh BINARY - the HTML report in the tools that read it: xmllint (the
# page is well-formed XML, and its HTML parser finds no error but its not
# knowing HTML5's and SVG's element names), and headless Chromium, which
# renders the sample letter's page and a folder's to PNG and whose DOM must
# hold the expected sections.  Each part skips with a message when its tool
# is absent.  The whole shared corpus's folder page must stay under 2 MB.
set -u
bin=${1:-./ofsted-scan}
corpus=${SHARED:-../shared}/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

sample=data/samples/sample-letter.txt
"$bin" -q -o "$tmp/letter.html" "$sample"; check "-o letter.html exits 0" test $? = 0
"$bin" -q --summary -f html -o "$tmp/folder.html" data/samples; check "--summary -f html exits 0" test $? = 0
"$bin" -q -f html "$sample" data/samples/sample-jtai.txt >"$tmp/two.html"; check "two documents, one page" test $? = 0
check "two documents: one html element" test "$(grep -c '<html' "$tmp/two.html")" = 1
check "two documents: two sections" test "$(grep -c '<section class="doc"' "$tmp/two.html")" = 2
"$bin" -q --history -o "$tmp/hist.html" "$sample"; check "--history html" grep -q "Since the previous visit" "$tmp/hist.html"
"$bin" --grep x -f html "$sample" >/dev/null 2>&1; check "html with --grep exits 2" test $? = 2
for f in letter folder two; do
	check "$f: self-contained (no script, nothing fetched)" sh -c "! grep -q -e '<script' -e 'src=' -e '<link' '$tmp/$f.html'"
	check "$f: every chart an inline svg with a title" sh -c "test \$(grep -o '<svg ' '$tmp/$f.html' | wc -l) = \$(grep -o '<svg [^>]*role=\"img\" aria-labelledby' '$tmp/$f.html' | wc -l)"
done

if command -v xmllint >/dev/null 2>&1; then
	for f in letter folder two hist; do
		check "$f: well-formed (xmllint)" xmllint --noout "$tmp/$f.html"
		xmllint --html --noout "$tmp/$f.html" >"$tmp/lint" 2>&1
		# xmllint's HTML parser is HTML 4's: it does not know HTML5's
		# elements (section, main, nav, figure, mark) nor SVG's
		grep 'error' "$tmp/lint" | grep -v -E 'Tag (main|section|nav|figure|mark|svg|title|desc|rect|text|line|g) invalid' >"$tmp/errs"
		check "$f: xmllint --html finds no other error" test ! -s "$tmp/errs"
	done
else
	echo "html: SKIP: xmllint is not installed (Debian: libxml2-utils)"
fi

chrome=""
for c in chromium chromium-browser google-chrome; do
	command -v $c >/dev/null 2>&1 && chrome=$c && break
done
if [ -n "$chrome" ]; then
	for f in letter folder; do
		HOME="$tmp" timeout 120 $chrome --headless --no-sandbox --disable-gpu --hide-scrollbars \
			--window-size=1100,2400 --screenshot="$tmp/$f.png" "file://$tmp/$f.html" >/dev/null 2>&1
		check "$f: rendered to PNG" sh -c "test \$(wc -c <'$tmp/$f.png') -gt 20000 && head -c8 '$tmp/$f.png' | od -An -c | grep -q 'P   N   G'"
		HOME="$tmp" timeout 120 $chrome --headless --no-sandbox --disable-gpu --dump-dom \
			"file://$tmp/$f.html" >"$tmp/$f.dom" 2>/dev/null
	done
	check "letter DOM: its title" grep -q "<h1 id=\"doc-h\">Riverford: Focused visit, 2025-03-14</h1>" "$tmp/letter.dom"
	for h in "Headline" "What needs to improve (2)" "Themes by polarity" "Findings by theme (8)"; do
		check "letter DOM: $h" grep -q "<h2>$h</h2>" "$tmp/letter.dom"
	done
	check "letter DOM: items marked by polarity in words" grep -q '<span class="pol">+ Strength</span>' "$tmp/letter.dom"
	check "letter DOM: the chart" grep -q '<svg class="chart"' "$tmp/letter.dom"
	for s in kinds-s themes-s trends-s heatmap-s documents each; do
		check "folder DOM: section $s" grep -q "<section id=\"$s\"" "$tmp/folder.dom"
	done
	check "folder DOM: the table links to the documents" grep -q '<td><a href="#d-' "$tmp/folder.dom"
else
	echo "html: SKIP: headless Chromium is not installed (Debian: chromium)"
fi

if [ -d "$corpus/letters" ]; then
	"$bin" -q --summary -o "$tmp/all.html" "$corpus/letters" "$corpus/reports" "$corpus/sif" \
		"$corpus/pdf" "$corpus/pdf-more"
	size=$(wc -c <"$tmp/all.html")
	check "the whole corpus's folder page is under 2 MB ($size bytes)" test "$size" -lt 2000000
	command -v xmllint >/dev/null 2>&1 && check "the whole corpus's page: well-formed" xmllint --noout "$tmp/all.html"
else
	echo "html: SKIP: no shared corpus at $corpus for the folder page's size"
fi

echo "html: $pass passed, $fail failed"
[ $fail = 0 ]
