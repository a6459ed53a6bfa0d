#!/bin/bash
# trial.idle against vsftpd idle_session_timeout=5: the logged-in control
# connection is closed after 5 s idle (421 Timeout) ->
# transfer.control_idle_timeout with the limit within 10%.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd idle_session_timeout=5
report "ftp://127.0.0.1:$FTP_PORT" --trials idle --budget 30
assert_json "$TL_TMP/report.json" 'cause("transfer.control_idle_timeout")["confidence"] == "high"' "no transfer.control_idle_timeout"
assert_json "$TL_TMP/report.json" 'abs(probe("trial.idle")["details"]["idle_limit_ms"] - 5000) <= 500' "limit not within 10% of 5 s"
assert_json "$TL_TMP/report.json" 'probe("trial.idle")["details"]["code"] == 421' "no 421"
echo "ok: idle limit $(json_value "$TL_TMP/report.json" 'probe("trial.idle")["details"]["idle_limit_ms"]') ms in ${REPORT_S}s"
