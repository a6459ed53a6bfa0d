#!/bin/bash
# lab_faults_doc.sh — docs/lab-faults.md's fault table is the one the fault
# table generates (`sockdoc lab --list --format markdown`, spliced in by
# scripts/lab-faults-doc.sh); regenerate with `make lab-faults-doc`.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
doc="$top/docs/lab-faults.md"
[ -f "$doc" ] || { echo "SKIP: $doc missing"; exit 77; }
"$top/scripts/lab-faults-doc.sh" "$SOCKDOC" "$doc" >"$LAB_TMP/doc.md" ||
	fail "lab-faults-doc.sh"
diff -u "$doc" "$LAB_TMP/doc.md" ||
	fail "docs/lab-faults.md is stale: run make lab-faults-doc"
# The table really came from the binary: every fault has a row.
for f in $("$SOCKDOC" lab --list --format tsv | tail -n +2 | cut -f1 | sort -u); do
	grep -q "^| \`$f[:\`]" "$LAB_TMP/doc.md" || fail "no row for $f"
done
echo PASS
