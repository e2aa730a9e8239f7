# lib.sh - what the shell suites share (sourced): counts and checks.
# Each suite prints "NAME: N passed, N failed" at its end.
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # description, then a command that must succeed
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
