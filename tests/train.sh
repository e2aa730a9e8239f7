#!/bin/sh
# train.sh BINARY TRAINER - the learned model from the command line: the
# trainer on a small labelled sample of the project's own (deterministic,
# its model used with --model), its errors, --model and --no-model, and
# that the default model is what the trainer makes of the shared training
# set (skipped without it).  Prints "train: N passed, N failed".
set -u
bin=${1:-./ofsted-scan}
trainer=${2:-./ofsted-scan-train}
sample=tests/data/train-sample.jsonl
letter=data/samples/sample-letter.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
opts="--min-labels 3 --min-count 1 --folds 2 -q"

# training is deterministic: the same items give the same bytes
"$trainer" $opts -o "$tmp/a.model" "$sample"; check "trainer exits 0" test $? = 0
"$trainer" $opts -o "$tmp/b.model" "$sample"
check "training is deterministic" cmp -s "$tmp/a.model" "$tmp/b.model"
check "a model file" sh -c "head -c 8 '$tmp/a.model' | grep -q OSCMODEL"
"$trainer" --min-labels 3 --min-count 1 --folds 2 --report "$sample" >"$tmp/r" 2>/dev/null
check "--report prints the tables" grep -q "^| all items | model | 24 |" "$tmp/r"
check "--report compares the rules" grep -q "^| all items | rules | 24 |" "$tmp/r"
check "--report gives the confusion" grep -q "^| mixed |" "$tmp/r"

# the model used: themes carry their probability; --no-model: the rules
"$bin" --model "$tmp/a.model" -f jsonl "$letter" >"$tmp/o"; check "--model exits 0" test $? = 0
check "--model: probabilities" grep -q '"probability":' "$tmp/o"
"$bin" --no-model -f jsonl "$letter" >"$tmp/o"
check "--no-model: no probabilities" sh -c "! grep -q '\"probability\":' '$tmp/o'"
"$bin" -f jsonl "$letter" >"$tmp/o"
check "the default model decides" grep -q '"probability":' "$tmp/o"
"$bin" -f text --explain "$letter" >"$tmp/o"
check "--explain shows the model" grep -q "model polarity: neutral" "$tmp/o"

# errors name the file
"$bin" --model "$tmp/missing.model" "$letter" >/dev/null 2>"$tmp/e"
check "missing model exits 2" test $? = 2
check "missing model named" grep -q "missing.model" "$tmp/e"
"$bin" --model "$letter" "$letter" >/dev/null 2>"$tmp/e"
check "not a model exits 2" test $? = 2
check "not a model said" grep -q "model $letter: not an ofsted-scan model" "$tmp/e"
head -c 500 "$tmp/a.model" >"$tmp/cut.model"
"$bin" --model "$tmp/cut.model" "$letter" >/dev/null 2>"$tmp/e"
check "a truncated model is refused" grep -q "cut.model: damaged or truncated" "$tmp/e"
"$bin" --model "$tmp/a.model" --no-model "$letter" >/dev/null 2>"$tmp/e"
check "--model with --no-model exits 2" test $? = 2
printf '[theme money]\nphrase 3 = budget\n' >"$tmp/mine.rules"
"$bin" --no-default-themes --themes "$tmp/mine.rules" --model "$tmp/a.model" "$letter" \
	>/dev/null 2>"$tmp/e"
check "a model of other themes is refused" grep -q "a theme that the taxonomy does not" "$tmp/e"
"$bin" --no-default-themes --themes "$tmp/mine.rules" -f jsonl "$letter" >"$tmp/o"
check "--no-default-themes: the rules alone" test $? = 0

# trainer errors
printf '{"doc": "fv_x_2024-01", "section": "findings", "text": "t", "themes": ["nosuch"], "polarity": "strength"}\n' >"$tmp/bad.jsonl"
"$trainer" -q -o "$tmp/x.model" "$tmp/bad.jsonl" 2>"$tmp/e"; check "unknown theme exits 2" test $? = 2
check "unknown theme named" grep -q "theme 'nosuch' is not in the taxonomy" "$tmp/e"
printf '{"doc": "fv_x_2024-01", "text": "t"\n' >"$tmp/bad.jsonl"
"$trainer" -q -o "$tmp/x.model" "$tmp/bad.jsonl" 2>"$tmp/e"; check "bad JSON exits 2" test $? = 2
check "bad JSON: file and line" grep -q "bad.jsonl:1: " "$tmp/e"
check "nothing written on error" test ! -e "$tmp/x.model"

# the committed default model is the trainer's on the shared training set
items=${SHARED:-../shared}/corpus/train/items.jsonl
if [ -f "$items" ]; then
	"$trainer" -q -o "$tmp/default.model" "$items"
	check "make model reproduces data/model.bin" cmp -s "$tmp/default.model" data/model.bin
else
	echo "train: SKIP: no training set at $items (make model's reproduction not checked)"
fi
echo "train: $pass passed, $fail failed"
[ $fail = 0 ]
