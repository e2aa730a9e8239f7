#!/bin/sh
# spreadsheet.sh BINARY - the workbook (--format xlsx) and the CSV read back
# by real spreadsheet readers: python's openpyxl for the workbook, and
# LibreOffice (headless) for the CSV file, which it converts to a workbook
# that openpyxl then reads.  Characters, types and columns must come back
# as written.  Each part skips with a message when its reader is absent.
set -u
bin=${1:-./ofsted-scan}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

py=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
		py=$p
		break
	fi
done

# Two letters and a report, with characters a code page would break.
cp data/samples/sample-letter.txt "$tmp/letter.txt"
cp data/samples/sample-sif-report.txt "$tmp/report.txt"
cat >"$tmp/accents.txt" <<'EOF'
3 May 2023

Dear Ms Exemple

Focused visit to Wokingham Borough Council children’s services

This letter summarises the findings of the focused visit to Wokingham children’s services on 4 and 5 April 2023.

Findings

Children’s plans are reviewed by the independent reviewing officer (IRO) — “café” meetings & <drop-ins> help.

Health assessments are late; =SUM(A1) stays text.
EOF

# The workbook: refused without a file; written with one
"$bin" -f xlsx "$tmp/letter.txt" >/dev/null 2>"$tmp/e"; check "xlsx without -o exits 2" test $? = 2
check "xlsx without -o said" grep -q "give -o FILE.xlsx" "$tmp/e"
"$bin" --summary -o "$tmp/s.xlsx" "$tmp/letter.txt" >/dev/null 2>&1; check "xlsx with --summary exits 2" test $? = 2
"$bin" -q -o "$tmp/w.xlsx" "$tmp"/*.txt; check "-o x.xlsx exits 0" test $? = 0
check "-o x.xlsx writes a zip (xlsx)" sh -c "head -c2 '$tmp/w.xlsx' | grep -q PK"
"$bin" -q -o "$tmp/nodir/w.xlsx" "$tmp/letter.txt" 2>"$tmp/e"; check "xlsx into a missing folder exits 2" test $? = 2
check "xlsx into a missing folder said" grep -q "nodir/w.xlsx" "$tmp/e"

if [ -n "$py" ]; then
	check "workbook: sheets, headers, types and characters" "$py" - "$tmp/w.xlsx" "$tmp" <<'EOF'
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
tmp = sys.argv[2]
assert wb.sheetnames == ['Documents', 'Items', 'Themes', 'Judgements'], wb.sheetnames
for ws in wb:
    assert ws.freeze_panes == 'A2', (ws.title, ws.freeze_panes)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith('A1:'), (ws.title, ws.auto_filter.ref)
    assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
docs = wb['Documents']
head = [c.value for c in docs[1]]
assert head[:5] == ['source', 'kind', 'authority_key', 'authority', 'date'], head
assert 'health_concerns' in head and 'uasc_strengths' in head
rows = {r[0]: dict(zip(head, r)) for r in docs.iter_rows(min_row=2, values_only=True)}
assert len(rows) == 3, rows.keys()
a = rows[tmp + '/accents.txt']
assert a['authority_key'] == 'Wokingham' and a['authority'] == 'Wokingham', a
assert a['date'] == datetime.datetime(2023, 5, 3), a['date']
assert a['first_visit'] == datetime.datetime(2023, 4, 4) and a['last_visit'] == datetime.datetime(2023, 4, 5)
assert isinstance(a['findings'], int) and a['findings'] == 2, a['findings']
assert docs.cell(row=2, column=5).number_format == 'yyyy-mm-dd'
r = rows[tmp + '/report.txt']
assert r['kind'] == 'inspection_report' and r['overall_effectiveness'], r
items = wb['Items']
ih = [c.value for c in items[1]]
assert ih == ['source', 'authority_key', 'date', 'kind', 'section', 'index', 'paragraph',
              'page', 'polarity', 'themes', 'text'], ih
texts = [dict(zip(ih, r)) for r in items.iter_rows(min_row=2, values_only=True)]
t = [x for x in texts if x['source'].endswith('accents.txt')]
assert t[0]['text'] == ('Children’s plans are reviewed by the independent reviewing officer '
                        '(IRO) — “café” meetings & <drop-ins> help.'), t[0]['text']
assert t[1]['text'] == 'Health assessments are late; =SUM(A1) stays text.', t[1]
assert items.cell(row=2, column=11).data_type == 's'
assert all(isinstance(x['index'], int) for x in texts)
assert len([x for x in texts if x['source'].endswith('letter.txt')]) == 10
th = wb['Themes']
hh = [c.value for c in th[1]]
trs = [dict(zip(hh, r)) for r in th.iter_rows(min_row=2, values_only=True)]
health = [x for x in trs if x['scope'] == 'all' and x['theme'] == 'health'][0]
assert health['of_documents'] == 3 and health['documents'] == 2, health
assert abs(health['share'] - 2 / 3) < 1e-9 and th.cell(row=2, column=7).number_format == '0%'
assert [x for x in trs if x['scope'] == 'year' and x['key'] == 2023], 'a year is a number'
assert [x for x in trs if x['scope'] == 'authority' and x['key'] == 'Wokingham']
j = wb['Judgements']
jr = [r for r in j.iter_rows(min_row=2, values_only=True)]
assert jr and all(x[0].endswith('report.txt') for x in jr), jr
assert 'overall_effectiveness' in [x[4] for x in jr]
EOF
else
	echo "spreadsheet: SKIP: the workbook checks need python3 with openpyxl (Debian: python3-openpyxl)"
fi

# The CSV file through LibreOffice: the byte-order mark makes it UTF-8
if [ -n "$py" ] && command -v soffice >/dev/null 2>&1; then
	"$bin" -q -o "$tmp/items.csv" "$tmp"/*.txt
	mkdir -p "$tmp/lo"
	# comma-separated, '"' quoted, UTF-8 (76), from line 1: as a user
	# imports it; the byte-order mark must not end up in the first cell
	HOME="$tmp" soffice --headless --norestore --infilter=CSV:44,34,76,1 \
		--convert-to xlsx --outdir "$tmp/lo" "$tmp/items.csv" >"$tmp/lo.log" 2>&1
	check "LibreOffice reads the CSV" test -s "$tmp/lo/items.xlsx"
	check "CSV in LibreOffice: characters, types and columns" "$py" - "$tmp/lo/items.xlsx" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [list(r) for r in ws.iter_rows(values_only=True)]
head = rows[0]
assert head == ['source', 'kind', 'authority', 'date', 'section', 'index', 'polarity',
                'themes', 'text', 'page', 'paragraph', 'authority_key'], head
assert all(len(r) == 12 for r in rows)
d = [dict(zip(head, r)) for r in rows[1:]]
a = [x for x in d if str(x['source']).endswith('accents.txt')]
assert a[0]['text'] == ('Children’s plans are reviewed by the independent reviewing officer '
                        '(IRO) — “café” meetings & <drop-ins> help.'), a[0]['text']
assert a[0]['authority'] == 'Wokingham' and a[0]['authority_key'] == 'Wokingham'
assert isinstance(a[0]['index'], (int, float)) and a[0]['index'] == 1, a[0]['index']
assert len(d) == 10 + 2 + len([x for x in d if str(x['source']).endswith('report.txt')])
EOF
else
	echo "spreadsheet: SKIP: the CSV check needs LibreOffice (soffice; Debian: libreoffice-calc-nogui) and python3 with openpyxl"
fi

echo "spreadsheet: $pass passed, $fail failed"
[ $fail = 0 ]
