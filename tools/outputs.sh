#!/bin/sh
# outputs.sh BINARY SHARED_CORPUS OUTDIR: every output format over the whole
# shared corpus and the bundled samples, one file per (input set, format),
# for checking that a change keeps the output byte-identical:
#   sh tools/outputs.sh ./ofsted-scan ../shared/corpus /tmp/before
#   ... change ...
#   sh tools/outputs.sh ./ofsted-scan ../shared/corpus /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
set -eu
bin=$1 corpus=$2 out=$3
mkdir -p "$out"
for set in letters reports sif seeds pdf pdf-more samples; do
	case $set in
	samples) src=data/samples ;;
	*) src=$corpus/$set ;;
	esac
	[ -d "$src" ] || continue
	for f in text json jsonl csv; do
		"$bin" -q --no-color -f $f "$src" >"$out/$set.$f" 2>"$out/$set.$f.err" || true
	done
	"$bin" -q --no-color -f text --explain "$src" >"$out/$set.explain.text" 2>&1 || true
	"$bin" -q --no-color -f jsonl --explain "$src" >"$out/$set.explain.jsonl" 2>&1 || true
	for f in text json csv; do
		"$bin" -q --no-color --summary -f $f "$src" >"$out/$set.summary.$f" 2>&1 || true
	done
done
