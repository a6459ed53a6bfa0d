#!/bin/bash
# docs_causes.sh — the cause catalog in docs/causes.md and the one in
# src/engine/causes.c name the same ids: fails on an id in one and not the
# other.  No network.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
top=${top_srcdir:-$(dirname "$0")/../..}
code=$top/src/engine/causes.c
doc=$top/docs/causes.md
[ -r "$code" ] && [ -r "$doc" ] || { echo "FAIL: $code or $doc missing"; exit 1; }

# The ids of causes.c: the first string of each catalog entry.
code_ids() {
	sed -n 's/^[[:space:]]*{ "\([a-z0-9_]*\.[a-z0-9_.]*\)",.*/\1/p' "$code" | sort
}

# The ids of docs/causes.md: the first cell of each table row.
doc_ids() {
	sed -n 's/^| `\([a-z0-9_]*\.[a-z0-9_.]*\)` |.*/\1/p' "$doc" | sort
}

c=$(code_ids)
d=$(doc_ids)
[ -n "$c" ] || { echo "FAIL: no id found in $code"; exit 1; }
dup=$(printf '%s\n' "$d" | uniq -d)
only_code=$(comm -23 <(printf '%s\n' "$c") <(printf '%s\n' "$d"))
only_doc=$(comm -13 <(printf '%s\n' "$c") <(printf '%s\n' "$d"))
rc=0
[ -z "$only_code" ] || { echo "FAIL: in causes.c, not in docs/causes.md:"; echo "$only_code"; rc=1; }
[ -z "$only_doc" ] || { echo "FAIL: in docs/causes.md, not in causes.c:"; echo "$only_doc"; rc=1; }
[ -z "$dup" ] || { echo "FAIL: twice in docs/causes.md:"; echo "$dup"; rc=1; }
[ "$rc" = 0 ] && echo "PASS: $(printf '%s\n' "$c" | wc -l) cause ids in both"
exit "$rc"
