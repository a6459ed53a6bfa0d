#!/bin/bash
# trial.idle against a server with no idle limit within the budget: it
# stops inside --budget and reports how long the connection survived.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd
report "ftp://127.0.0.1:$FTP_PORT" --trials idle --budget 12 --timeout 2
assert_json "$TL_TMP/report.json" 'probe("trial.idle")["details"]["result"] == "survived"' "not survived"
assert_json "$TL_TMP/report.json" 'probe("trial.idle")["details"]["lower_ms"] >= 4000' "survived less than 4 s"
assert_json "$TL_TMP/report.json" 'cause("transfer.control_idle_timeout") is None' "idle cause without a limit"
$PY -c "import sys; sys.exit(0 if $REPORT_S < 13 else 1)" || fail "took ${REPORT_S}s for a 12 s budget"
echo "ok in ${REPORT_S}s"
