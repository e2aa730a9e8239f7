#!/bin/sh
# embed.sh FILE SYMBOL : a C file defining `const char SYMBOL[]` (NUL-ended)
# and `const size_t SYMBOL_len` with FILE's bytes.
set -eu
printf '/* generated from %s by tools/embed.sh: do not edit */\n#include <stddef.h>\n' "$1"
printf 'const char %s[] = {\n' "$2"
od -An -v -tx1 "$1" | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
printf '\t0x00\n};\nconst size_t %s_len = sizeof %s - 1;\n' "$2" "$2"
