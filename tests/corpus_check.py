#!/usr/bin/env python3
"""corpus_check.py BINARY CORPUS - the whole shared corpus read as a careful
reader would check it (issue 23): from the texts and from the PDFs, no item
that is a list's lead-in ending in a colon, a letter's closing or a judgement
heading; no running head, page number or footnote mark glued into a word;
judgements for every inspection report; inspectors for every document that
names them; a report's date its last inspection day.  Prints
"corpus_check: N passed, N failed"."""
import json, os, re, subprocess, sys

binary, corpus = sys.argv[1], sys.argv[2]
CLOSINGS = ('Yours sincerely', 'Yours faithfully', 'Thank you and your staff', 'Thank you for',
            'Ofsted will publish', 'Ofsted will take', 'Ofsted will share',
            'Where a focused visit results in', 'We require you to submit', 'I am copying this letter')
GRADE = r'(outstanding|good|inadequate|requires? improvement(?: to be good)?)'
HEADING = re.compile(r'^(The )?(experiences?( and progress)? of|impact of leaders on|overall effectiveness)'
                     r'[^.]*(: |\bis (now )?|\bare (now )?)' + GRADE + r'\.?$', re.I)
GLUED_HEAD = re.compile(r'[a-z]Inspection of [A-Z]')
GLUED_NUMBER = re.compile(r'\b(?!post)[a-z]{3,}[0-9]{1,2}(?=[ .,;])')  # post16 is a word
NAMES_INSPECTORS = re.compile(r'Lead inspector|inspectors (for this visit )?were|inspectors are', re.I)

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL:', what)


def run(paths):
    out = subprocess.run([binary, '-q', '-f', 'jsonl'] + paths, capture_output=True, text=True)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


docs = []
for sub in ('letters', 'reports', 'pdf', 'pdf-more'):
    d = os.path.join(corpus, sub)
    if os.path.isdir(d):
        docs += run([d])
texts = {}
for sub in ('letters', 'reports'):
    d = os.path.join(corpus, sub)
    for f in os.listdir(d) if os.path.isdir(d) else []:
        texts[os.path.splitext(f)[0]] = open(os.path.join(d, f), encoding='utf-8', errors='replace').read()

bad = {'lead-in': [], 'closing': [], 'heading': [], 'glued head': [], 'glued number': []}
for doc in docs:
    name = os.path.basename(doc['source'])
    for sec in ('improvements', 'priority_actions', 'findings'):
        for it in doc.get(sec) or []:
            t = it['text']
            if t.rstrip().endswith(':'):
                bad['lead-in'].append((name, t[:80]))
            if t.startswith(CLOSINGS):
                bad['closing'].append((name, t[:80]))
            if HEADING.match(t):
                bad['heading'].append((name, t[:80]))
            if GLUED_HEAD.search(t):
                bad['glued head'].append((name, GLUED_HEAD.search(t).group(0)))
            m = GLUED_NUMBER.search(t)
            if m:
                bad['glued number'].append((name, m.group(0)))
for what, where in bad.items():
    check(not where, 'an item that is %s: %s' % (what, where[:5]))

no_judgements, no_inspectors, not_last = [], [], []
for doc in docs:
    stem = os.path.splitext(os.path.basename(doc['source']))[0]
    if doc['kind'] == 'inspection_report':
        if not doc['judgements']:
            no_judgements.append(stem)
        if doc['visit_dates'] and doc['date'] != doc['visit_dates'][-1]:
            not_last.append(stem)
    if NAMES_INSPECTORS.search(texts.get(stem, '')[:6000]) and not doc['inspectors']:
        no_inspectors.append(stem)
check(not no_judgements, 'inspection reports without judgements: %s' % no_judgements[:5])
check(not no_inspectors, 'documents that name their inspectors, with none read: %s' % no_inspectors[:5])
check(not not_last, "reports whose date is not their last inspection day: %s" % not_last[:5])
check(len(docs) >= 800, 'the corpus read: %d documents' % len(docs))

# the single inspection framework's reports (sif/, text and PDF): read as the
# inspection reports they are
sif_dir = os.path.join(corpus, 'sif')
sif = run([sif_dir]) if os.path.isdir(sif_dir) else []
for doc in sif:
    name = os.path.basename(doc['source'])
    areas = [j['area'] for j in doc['judgements']]
    check(doc['kind'] == 'inspection_report' and doc['findings'] and doc['improvements'] and
          doc['inspectors'] and 'adoption' in areas and len(areas) == 6,
          '%s: kind %s, %d findings, %d improvements, %d inspectors, judgements %s' % (
              name, doc['kind'], len(doc['findings']), len(doc['improvements']),
              len(doc['inspectors']), areas))
print('corpus_check: %d documents' % len(docs))
print('corpus_check: %d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
