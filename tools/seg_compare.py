#!/usr/bin/env python3
"""seg_compare.py TEXT.jsonl PDF.jsonl - how far the text reader's items
(pdftotext output) agree with the PDF reader's for the same documents, the
PDF's paragraphs taken as the truth (the PDF layout shows where paragraphs
end; pdftotext often prints a paragraph break with no blank line).

Items are matched by their first 60 letters and digits, as score.py matches
gold items.  Prints the segmentation F1 of the text items against the PDF
items, and counts the two ways they differ: PDF items that start inside a
text item (a paragraph break the text reader missed: two paragraphs merged)
and text items that start inside a PDF item (a break the text reader made
that the PDF has not: a paragraph split)."""
import json, os, re, sys, unicodedata


def norm(s):
    s = unicodedata.normalize('NFKC', s or '').replace('\u2019', "'")
    return re.sub(r'[^a-z0-9]', '', s.lower())


def load(path):
    docs = {}
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        items = []
        for sec in ('improvements', 'priority_actions', 'findings'):
            items += [norm(i['text']) for i in d.get(sec) or []]
        docs[os.path.splitext(os.path.basename(d['source']))[0]] = items
    return docs


text, pdf = load(sys.argv[1]), load(sys.argv[2])
tp = fp = fn = merged = split = 0
for stem, pitems in pdf.items():
    titems = text.get(stem)
    if titems is None:
        continue
    tkeys = set(t[:60] for t in titems)
    pkeys = set(p[:60] for p in pitems)
    m = len(tkeys & pkeys)
    tp += m
    fp += len(titems) - m
    fn += len(pitems) - m
    tall = ''.join(titems)
    for p in pitems:
        if p[:60] not in tkeys and p[:40] and p[:40] in tall:
            merged += 1
    pall = ''.join(pitems)
    for t in titems:
        if t[:60] not in pkeys and t[:40] and t[:40] in pall:
            split += 1
prec = tp / (tp + fp) if tp + fp else 0
rec = tp / (tp + fn) if tp + fn else 0
f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0
print('documents %d, items: pdf %d, text %d, matched %d; seg F1 of text against PDF %.3f; '
      'PDF items merged into a text item %d; text items that split a PDF item %d'
      % (len(pdf), tp + fn, tp + fp, tp, f1, merged, split))
