#!/usr/bin/env python3
"""corpus_check.py BINARY CORPUS - the whole shared corpus read as a careful
reader would check it (issue 23): from the texts and from the PDFs, no item
that is a list's lead-in ending in a colon, a letter's closing or a judgement
heading; no running head, page number or footnote mark glued into a word;
judgements for every inspection report; inspectors for every document that
names them; a report's date its last inspection day.  And for analysts
(issue 24): every document has an authority_key, one per authority of the
file names; --history pairs every document that has a predecessor with the
latest; every item read from a PDF has its page, every finding of an
ILACS report its paragraph.  Prints "corpus_check: N passed, N
failed"."""
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


def run(paths, *opts):
    out = subprocess.run([binary, '-q', '-f', 'jsonl'] + list(opts) + paths, capture_output=True,
                         text=True)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


# one run over everything, so that --history sees every document
docs = run([os.path.join(corpus, s) for s in ('letters', 'reports', 'pdf', 'pdf-more')
            if os.path.isdir(os.path.join(corpus, s))], '--history')
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
# authorities: a key for every document, one key per authority of the file
# names ("fv_bedford_2019-01.txt": bedford)
keys, no_key = {}, []
for doc in docs + sif:
    stem = os.path.splitext(os.path.basename(doc['source']))[0]
    if not doc.get('authority_key'):
        no_key.append((stem, doc.get('authority')))
    keys.setdefault(stem.split('_')[1], set()).add(doc.get('authority_key'))
check(not no_key, 'documents without an authority_key: %s' % no_key[:5])
two = {k: v for k, v in keys.items() if len(v) > 1}
check(not two, 'an authority of the file names with two keys: %s' % list(two.items())[:5])


# --history: the latest earlier document of the same key, for every one that
# has one (the corpus has no document of a reorganised authority)
def dated(d):
    return d['date'] or (d['visit_dates'][0] if d['visit_dates'] else None)


by_key = {}
for doc in docs:
    by_key.setdefault(doc['authority_key'], []).append(doc)
unpaired, mispaired = [], []
for doc in docs:
    earlier = [dated(e) for e in by_key[doc['authority_key']] if dated(e) and dated(doc) and dated(e) < dated(doc)]
    prev = doc.get('previous', 'missing')
    if earlier and not prev:
        unpaired.append(os.path.basename(doc['source']))
    elif (earlier and prev['date'] != max(earlier)) or (not earlier and prev is not None):
        mispaired.append(os.path.basename(doc['source']))
check(not unpaired, '--history: documents with a predecessor left unpaired: %s' % unpaired[:5])
check(not mispaired, '--history: documents paired with the wrong one: %s' % mispaired[:5])
paired = sum(1 for d in docs if d.get('previous'))
check(paired >= 600, '--history: %d documents paired' % paired)

# citations
no_page = [(os.path.basename(d['source']), it['text'][:40]) for d in docs + sif
           if d['input_format'] == 'pdf'
           for sec in ('improvements', 'priority_actions', 'findings') for it in d[sec]
           if not it.get('page')]
check(not no_page, 'items read from a PDF without their page: %s' % no_page[:5])
# (a SIF report opens each area with unnumbered paragraphs: ILACS only)
no_para = [(os.path.basename(d['source']), it['text'][:40]) for d in docs
           if d['kind'] == 'inspection_report' and 'sif' not in d['source']
           for it in d['findings'] if not it.get('paragraph')]
check(not no_para, "ILACS report findings without their paragraph: %s" % no_para[:5])
print('corpus_check: %d documents, %d paired with their predecessor' % (len(docs), paired))
print('corpus_check: %d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
