#!/bin/bash
# lab-faults-doc.sh SOCKDOC [DOC] — print DOC (default docs/lab-faults.md
# next to this script) with the region between its "BEGIN fault table" and
# "END fault table" markers replaced by `SOCKDOC lab --list --format
# markdown`: the page's table always comes from the fault table in
# src/lab/lab_faults.c.  `make lab-faults-doc` writes it back; the test
# tests/integration/lab_faults_doc.sh compares.
set -eu
sockdoc=$1
doc=${2:-$(dirname "$0")/../docs/lab-faults.md}
table=$(mktemp)
trap 'rm -f "$table"' EXIT
LC_ALL=C "$sockdoc" lab --list --format markdown >"$table"
grep -q '^<!-- BEGIN fault table' "$doc" && grep -q '^<!-- END fault table' "$doc" ||
	{ echo "lab-faults-doc.sh: markers missing in $doc" >&2; exit 1; }
awk -v table="$table" '
	/^<!-- BEGIN fault table/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
	/^<!-- END fault table/ { skip = 0 }
	!skip { print }
' "$doc"
