#!/usr/bin/env python3
"""gold_heldout.py PRED.jsonl GOLD_DIR [--features rules|words|both] [--threshold Z]

How far a model fitted to the gold labels carries to a letter it has not seen,
beside the rules' own themes on the same items (docs/design.md, Classifier).

For each gold document in turn: a logistic regression per theme (one against
the rest) is trained on the items of all the other documents and scored on
this one's.  Features: the item's section and, with `words`, its words and
word pairs; with `rules`, the themes ofsted-scan gave it (PRED.jsonl), their
ranks and score bands.  Items are those score.py aligns with a gold item.
Prints the theme micro-F1 of the held-out model and of the rules."""
import importlib.util, json, math, os, random, re, sys
from collections import defaultdict

args = sys.argv[1:]
if len(args) < 2:
    sys.exit(__doc__)
pred_path, gold_dir = args[0], args[1]
mode = args[args.index('--features') + 1] if '--features' in args else 'both'
cut = float(args[args.index('--threshold') + 1]) if '--threshold' in args else 0.0

spec = importlib.util.spec_from_file_location('score', os.path.join(gold_dir, '..', 'score.py'))
S = importlib.util.module_from_spec(spec)
spec.loader.exec_module(S)

preds = {}
for line in open(pred_path, encoding='utf-8'):
    d = json.loads(line)
    preds[os.path.splitext(os.path.basename(d['source']))[0]] = d

items = []  # (document, features, gold themes, rules' themes)
for gf in sorted(f for f in os.listdir(gold_dir) if f.endswith('.json')):
    g = json.load(open(os.path.join(gold_dir, gf), encoding='utf-8'))
    p = preds.get(os.path.splitext(g['file'])[0], {})
    for sect in ('improvements', 'findings', 'priority_actions'):
        for gi, pi in S.align(g.get(sect, []), p.get(sect, []) or []):
            f = {'section=' + sect}
            if mode in ('words', 'both'):
                w = re.findall(r'[a-z0-9]+', S.norm(pi['text']))
                f |= set(w) | {a + '_' + b for a, b in zip(w, w[1:])}
            themes = pi.get('themes', [])
            if mode in ('rules', 'both'):
                for k, t in enumerate(themes):
                    f |= {'rule=' + t['id'], 'rank%d=%s' % (min(k, 3), t['id'])}
                    f |= {'score>=%d=%s' % (b, t['id']) for b in (4, 6, 8, 10) if t.get('score', 0) >= b}
            items.append((gf, f, set(gi['themes']), {t['id'] for t in themes}))

labels = sorted({t for it in items for t in it[2]})


def train(rows, theme, epochs=30, rate=0.5, l2=1e-3):
    w, b = defaultdict(float), 0.0
    order = list(rows)
    rnd = random.Random(1)
    for _ in range(epochs):
        rnd.shuffle(order)
        for i in order:
            f = items[i][1]
            z = max(-30.0, min(30.0, b + sum(w[x] for x in f)))
            g = 1 / (1 + math.exp(-z)) - (theme in items[i][2])
            for x in f:
                w[x] -= rate * (g + l2 * w[x])
            b -= rate * g
    return w, b


model, rules = [0, 0, 0], [0, 0, 0]


def tally(c, got, want):
    c[0] += len(got & want)
    c[1] += len(got - want)
    c[2] += len(want - got)


for doc in sorted({it[0] for it in items}):
    train_rows = [i for i, it in enumerate(items) if it[0] != doc]
    fitted = {t: train(train_rows, t) for t in labels}
    for it in (it for it in items if it[0] == doc):
        z = {t: b + sum(w.get(x, 0.0) for x in it[1]) for t, (w, b) in fitted.items()}
        got = {t for t, v in z.items() if v > cut} or {max(z, key=z.get)}
        tally(model, got, it[2])
        tally(rules, it[3], it[2])
print('items %d  held-out model (%s) theme_f1 %.3f  rules %.3f' % (
    len(items), mode, S.f1(*model), S.f1(*rules)))
