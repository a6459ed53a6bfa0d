#!/bin/bash
# sockdoc demo: the tour diagnoses every stop as expected (exit 0) in
# well under 30 s, shows a heading per fault and the summary table; a
# single fault works too; an unknown fault is a usage error.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
t0=$(date +%s)
run_out timeout --foreground -k 5 60 "$SOCKDOC" demo; assert_exit 0
t=$(( $(date +%s) - t0 ))
[ "$t" -lt 30 ] || fail "the tour took $t s"
assert_out "Fault injected: reset-on-connect (ftp) — expected cause: tcp.reset_on_connect"
assert_out "Summary"
for f in none refused reset-on-connect busy policy-reject garbage; do
	grep -Eq "^$f +(smtp|ftp) +[a-z._]+ +[a-z._]+ +yes$" "$LAB_TMP/out" || fail "summary row $f"
done
grep -Eq "^[a-z0-9:-]+ +(smtp|ftp) +[a-z._]+ +[a-z._]+ +no$" "$LAB_TMP/out" &&
	fail "a tour item did not match"

run_out timeout --foreground -k 5 30 "$SOCKDOC" demo busy; assert_exit 0
assert_out "Fault injected: busy (smtp) — expected cause: server.busy"
assert_out "server.busy"
run_out timeout --foreground -k 5 30 "$SOCKDOC" demo --protocol ftp refused; assert_exit 0
assert_out "tcp.refused"
run_out "$SOCKDOC" demo no-such-fault; assert_exit 2
run_out "$SOCKDOC" demo --protocol smtp pasv-closed; assert_exit 2
run_out "$SOCKDOC" demo busy:3; assert_exit 2
echo PASS
