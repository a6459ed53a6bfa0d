#!/bin/bash
# sockdoc demo: the tour diagnoses every stop as expected (exit 0) in
# well under 30 s, shows a heading per fault and the summary table; a
# single fault works too; an unknown fault is a usage error.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
t0=$(date +%s)
expect_rc 0 timeout 60 "$SOCKDOC" demo
t=$(( $(date +%s) - t0 ))
[ "$t" -lt 30 ] || fail "the tour took $t s"
expect_out "Fault injected: reset-on-connect (ftp) — expected cause: tcp.reset_on_connect"
expect_out "Summary"
for f in none refused reset-on-connect busy policy-reject garbage; do
	grep -Eq "^$f +(smtp|ftp) +[a-z._]+ +[a-z._]+ +yes$" "$LAB_TMP/out" || fail "summary row $f"
done
grep -Eq " no$" "$LAB_TMP/out" && fail "a tour item did not match"

expect_rc 0 timeout 30 "$SOCKDOC" demo busy
expect_out "Fault injected: busy (smtp) — expected cause: server.busy"
expect_out "server.busy"
expect_rc 0 timeout 30 "$SOCKDOC" demo --protocol ftp refused
expect_out "tcp.refused"
expect_rc 2 "$SOCKDOC" demo no-such-fault
expect_rc 2 "$SOCKDOC" demo --protocol smtp pasv-closed
expect_rc 2 "$SOCKDOC" demo busy:3
echo PASS
