#!/bin/bash
# A healthy FTP server (vsftpd, anonymous) on loopback: no cause, exit 0,
# the banner probe saw vsftpd's 220 greeting.
. "$(dirname "$0")/lib.sh"

port=$(free_port)
start_vsftpd "$port"
out=$T_DIR/report.json
report_json "$out" --timeout 3 "ftp://127.0.0.1:$port"
assert_exit 0
assert_no_cause "$out"
assert_json "$out" 'r["verdict"] == "ok"'
assert_json "$out" 'r["target"]["protocol"] == "ftp"'
assert_json "$out" "r['target']['port'] == $port"
assert_json "$out" 'status("reach") == "ok" and status("banner") == "ok"'
assert_json "$out" 'details("banner")["code"] == 220'
exit 0
