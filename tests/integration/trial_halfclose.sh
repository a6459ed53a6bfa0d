#!/bin/bash
# trial.halfclose: vsftpd closes after QUIT and answers a further write
# with RST (low confidence: normal TCP); a server that closes by itself
# after one command is conn.graceful_then_reset with high confidence.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd
report "ftp://127.0.0.1:$FTP_PORT" --trials halfclose
assert_json "$TL_TMP/report.json" 'probe("trial.halfclose")["details"]["result"] == "reset"' "vsftpd: no RST after FIN"
assert_json "$TL_TMP/report.json" 'probe("trial.halfclose")["details"]["closed_after"] == "QUIT"' "vsftpd: not closed after QUIT"
assert_json "$TL_TMP/report.json" 'probe("trial.halfclose")["details"]["quit_code"] == 221' "vsftpd: no 221"
assert_json "$TL_TMP/report.json" 'cause("conn.graceful_then_reset")["confidence"] == "low"' "vsftpd: not low"
start_fault close_after
report --trials halfclose "smtp://127.0.0.1:$SRV_PORT"
assert_json "$TL_TMP/report.json" 'probe("trial.halfclose")["details"]["closed_after"] == "NOOP"' "closer: not closed after NOOP"
assert_json "$TL_TMP/report.json" 'cause("conn.graceful_then_reset")["confidence"] == "high"' "closer: not high"
assert_json "$TL_TMP/report.json" '"421" in evidence("conn.graceful_then_reset") and "RST" in evidence("conn.graceful_then_reset")' "closer: evidence lacks 421/RST"
echo "ok in ${REPORT_S}s"
