#!/bin/sh
# snapshots.sh BINARY - the complete output of a few documents, in every
# format, compared byte for byte with tests/snapshots/.  The inputs are listed
# in tests/snapshots/inputs: the bundled samples, and the seeds and a handful
# of shared-corpus documents (text and PDF), compared only when
# ../shared/corpus is there.  Each document gives NAME.text, .json, .jsonl,
# .csv and .explain; the samples and the corpus documents together give
# summary.text, .json and .csv.
#
# When an output change is intended, re-bless and review the diff:
#   make bless          (BLESS=1 sh tests/snapshots.sh ./ofsted-scan)
#   git diff tests/snapshots
# Prints "snapshots: N passed, N failed".
set -u
bin=${1:-./ofsted-scan}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
shared=${SHARED:-../shared}
corpus=$shared/corpus
snaps=tests/snapshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
skipped=0

# compare NAME: $tmp/NAME against $snaps/NAME (or bless it)
compare() {
	if [ "${BLESS:-0}" = 1 ]; then
		cp "$tmp/$1" "$snaps/$1"; ok
	elif [ ! -f "$snaps/$1" ]; then
		bad "$1: no snapshot (run make bless)"
	elif cmp -s "$tmp/$1" "$snaps/$1"; then
		ok
	else
		bad "$1 differs from $snaps/$1:"
		diff "$snaps/$1" "$tmp/$1" | head -n 10 | cut -c 1-300
	fi
}

# The program's own messages on standard error (a sanitizer's report, under
# make asan, is not part of the output).
own_messages() {
	grep '^ofsted-scan:' "$tmp/stderr" || true
}

# OUT DIR FILE FORMAT [OPTION...]: the output, messages and exit status of
# a run in DIR (corpus documents are named from the shared folder, so that
# their source is the same wherever it is)
run() {
	r_out=$1 r_dir=$2 r_file=$3 r_fmt=$4; shift 4
	(cd "$r_dir" && "$bin" -q --no-color -f "$r_fmt" "$@" "$r_file") >"$tmp/$r_out" 2>"$tmp/stderr"
	echo "exit $?" >>"$tmp/$r_out"
	own_messages >>"$tmp/$r_out"
}

set_inputs=""
while read -r name path; do
	case $name in ''|'#'*) continue ;; esac
	dir=.
	case $path in
	CORPUS/*)
		path=corpus/${path#CORPUS/} dir=$shared
		if [ ! -f "$dir/$path" ]; then skipped=$((skipped + 1)); continue; fi ;;
	esac
	for fmt in text json jsonl csv; do
		run "$name.$fmt" "$dir" "$path" $fmt; compare "$name.$fmt"
	done
	run "$name.explain" "$dir" "$path" text --explain; compare "$name.explain"
	set_inputs="$set_inputs $dir/$path"
done <"$snaps/inputs"

# one summary over every input read above
for fmt in text json csv; do
	# shellcheck disable=SC2086
	"$bin" -q --no-color --summary -f $fmt $set_inputs >"$tmp/summary.$fmt" 2>"$tmp/stderr"
	echo "exit $?" >>"$tmp/summary.$fmt"
	own_messages >>"$tmp/summary.$fmt"
	if [ $skipped = 0 ]; then compare "summary.$fmt"; fi
done
[ $skipped != 0 ] && echo "snapshots: SKIP: $skipped corpus documents (no shared corpus at $corpus), and the summaries"
echo "snapshots: $pass passed, $fail failed, $skipped skipped"
[ $fail = 0 ]
