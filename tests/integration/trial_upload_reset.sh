#!/bin/bash
# trial.upload over FTP against a server that resets the data connection
# after 600000 bytes: 64 KB and 256 KB pass, 700 KB is reset twice at the
# same threshold -> transfer.reset_after_bytes, threshold within 10%.
. "$(dirname "$0")/lib_trials.sh"
start_fault ftp_fault reset:600000
report "ftp://127.0.0.1:$SRV_PORT" --trials upload --max-upload 2M --timeout 3
assert_json "$TL_TMP/report.json" 'cause("transfer.reset_after_bytes")["confidence"] == "high"' "no high transfer.reset_after_bytes"
assert_json "$TL_TMP/report.json" 'abs(probe("trial.upload")["details"]["threshold_bytes"] - 600000) <= 60000' "threshold not within 10%"
assert_json "$TL_TMP/report.json" 'abs(probe("trial.upload")["details"]["threshold_repeat_bytes"] - 600000) <= 60000' "repeat threshold not within 10%"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["largest_ok"] == 262144' "largest ok is not 256 KB"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["failed_size"] == 716800' "did not stop at 700 KB"
assert_json "$TL_TMP/report.json" 'len(probe("trial.upload")["details"]["uploads"]) == 4' "not 2 ok + 2 resets"
echo "ok: threshold $(json_value "$TL_TMP/report.json" 'probe("trial.upload")["details"]["threshold_bytes"]') bytes in ${REPORT_S}s"
