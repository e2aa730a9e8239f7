# lib.sh - what the shell suites share (sourced): counts and checks.
# Each suite prints "NAME: N passed, N failed" at its end.
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # description, then a command that must succeed
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1
valid_jsonl() { # every line of $1 parses as JSON (true without python3)
	[ $have_python = 0 ] && return 0
	python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"): json.loads(l)' "$1"
}
