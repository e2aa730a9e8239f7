#!/usr/bin/env python3
"""bench.py BINARY CORPUS_DIR - throughput and peak memory of ofsted-scan over
the shared corpus's text (letters/ and reports/): best of 5 runs."""
import os, resource, subprocess, sys, time

binary, corpus = sys.argv[1], sys.argv[2]
classify = sys.argv[3] if len(sys.argv) > 3 else None
dirs = [os.path.join(corpus, d) for d in ('letters', 'reports')]
if not all(os.path.isdir(d) for d in dirs):
    print('bench: SKIP: no corpus at', corpus)
    sys.exit(0)
files = [os.path.join(d, f) for d in dirs for f in os.listdir(d) if f.endswith('.txt')]
size = sum(os.path.getsize(f) for f in files)
best = None
for _ in range(5):
    t = time.perf_counter()
    subprocess.run([binary, '--format', 'jsonl'] + dirs, stdout=subprocess.DEVNULL, check=True)
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print('bench: %d documents, %.1f MB of text' % (len(files), size / 1e6))
print('bench: whole pipeline, 1 thread: %.3f s, %.1f MB/s, %.0f documents/s' % (best, size / 1e6 / best, len(files) / best))
print('bench: peak RSS %.1f MiB' % rss)
if classify:
    subprocess.run([classify] + sorted(files), check=True)
