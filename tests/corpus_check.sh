#!/bin/sh
# corpus_check.sh BINARY - tests/corpus_check.py over ../shared/corpus (the
# whole corpus, texts and PDFs, read as issue 23 checks it); skips, saying
# so, without the corpus or python3.
set -u
bin=${1:-./ofsted-scan}
corpus=${SHARED:-../shared}/corpus
if [ ! -d "$corpus/letters" ]; then
	echo "corpus_check: SKIP: no shared corpus at $corpus"
	echo "corpus_check: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "corpus_check: SKIP: python3 is needed"
	echo "corpus_check: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
exec python3 "$(dirname "$0")/corpus_check.py" "$bin" "$corpus"
