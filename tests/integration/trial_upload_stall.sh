#!/bin/bash
# trial.upload against a server that stops reading after 800000 bytes:
# the 1 MB upload stalls -> transfer.stall_timeout with the byte count
# (within 10%) and the stall time (the --timeout of 2 s).
. "$(dirname "$0")/lib_trials.sh"
start_fault ftp_fault stall:800000
report "ftp://127.0.0.1:$SRV_PORT" --trials upload --max-upload 1M --timeout 2
assert_json "$TL_TMP/report.json" 'cause("transfer.stall_timeout")["confidence"] == "high"' "no high transfer.stall_timeout"
assert_json "$TL_TMP/report.json" 'abs(probe("trial.upload")["details"]["stall_after_bytes"] - 800000) <= 80000' "stall bytes not within 10%"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["stall_ms"] >= 2000' "stall shorter than the timeout"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["failed_size"] == 1048576' "did not stall at 1 MB"
echo "ok: stalled after $(json_value "$TL_TMP/report.json" 'probe("trial.upload")["details"]["stall_after_bytes"]') bytes in ${REPORT_S}s"
