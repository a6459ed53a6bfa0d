#!/bin/bash
# trial.upload against a healthy vsftpd (anonymous upload dir): every size
# up to 1 MB passes, every file is deleted again, nothing is left behind.
. "$(dirname "$0")/lib_trials.sh"
start_vsftpd
report "ftp://127.0.0.1:$FTP_PORT" --trials upload --max-upload 1M --upload-dir upload
assert_exit 0
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["status"] == "ok"' "upload trial not ok"
assert_json "$TL_TMP/report.json" '[u["size"] for u in probe("trial.upload")["details"]["uploads"]] == [65536, 262144, 716800, 1048576]' "wrong ladder"
assert_json "$TL_TMP/report.json" 'probe("trial.upload")["details"]["deleted"] == 4' "not every file deleted"
[ -z "$(ls -A "$FTP_ROOT/upload")" ] || fail "files left on the server: $(ls "$FTP_ROOT/upload")"
echo "ok in ${REPORT_S}s"
