#!/bin/bash
# lab_ftp_tls_modes.sh — FTP TLS modes against the lab (no TLS at all:
# AUTH TLS answered 502, nothing on 990):
#  - implicit FTPS (ftps://) on its plain port: tls.mode_mismatch quoting
#    the "220" greeting that came where the handshake was due, AUTH TLS
#    refused, and the plain-FTP fix with its price (not check.unexplained);
#  - explicit FTPS required (--tls starttls): tls.mode_mismatch quoting the
#    502 to AUTH TLS (not server.refused_step "ask the administrator");
#  - ftp.tls never says "the server offers no TLS" where it cannot know:
#    a reset before the greeting, garbage, an SMTP server on the port;
#    and ftp.login shows no stale errno ("errno: 115") on garbage.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
R=$LAB_TMP/report.json
tls_summary='probe("ftp.tls")["summary"]'

lab_start ftp none
SOCKDOC_PASSWORD=lab-password timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 2 \
	"ftps://127.0.0.1:$LAB_PORT" >"$R"
assert_json "$R" 'r["causes"][0]["id"] == "tls.mode_mismatch" and cause("check.unexplained") is None'
assert_json "$R" '"220 sockdoc lab FTP server ready." in ev("tls.mode_mismatch") and "speaks plain FTP" in ev("tls.mode_mismatch")'
assert_json "$R" '"AUTH TLS was answered 502" in ev("tls.mode_mismatch") and "port 990: connection refused" in ev("tls.mode_mismatch")'
assert_json "$R" '"Only use plain FTP (insecure)" in cause("tls.mode_mismatch")["fixes"][0] and "clear text" in cause("tls.mode_mismatch")["fixes"][0]'
assert_json "$R" '"Outlook" not in fx("tls.mode_mismatch")'
assert_json "$R" 'det("ftp.tls")["plain_port"] and det("ftp.tls")["tls_offered"] is False and "AUTH TLS answered 502" in '"$tls_summary"

lab_diagnose ftp "$LAB_PORT" --tls starttls
assert_json "$R" 'r["causes"][0]["id"] == "tls.mode_mismatch" and cause("server.refused_step") is None'
assert_json "$R" '"AUTH TLS was answered 502 AUTH not supported." in ev("tls.mode_mismatch") and "port 990: connection refused" in ev("tls.mode_mismatch")'
assert_json "$R" '"Only use plain FTP (insecure)" in cause("tls.mode_mismatch")["fixes"][0] and "clear text" in cause("tls.mode_mismatch")["fixes"][0]'
assert_json "$R" '"administrator to enable FTP over TLS" in fx("tls.mode_mismatch") and "Outlook" not in fx("tls.mode_mismatch")'

lab_start ftp reset-on-connect
lab_diagnose ftp "$LAB_PORT"
assert_json "$R" '"offers no TLS" not in '"$tls_summary"' and "not known" in '"$tls_summary"' and "tls_offered" not in det("ftp.tls")'
assert_json "$R" '"connection reset" in '"$tls_summary"' or "reset by peer" in '"$tls_summary"

lab_start ftp garbage
lab_diagnose ftp "$LAB_PORT"
assert_json "$R" 'probe("ftp.tls")["status"] == "skipped" and "no FTP greeting" in '"$tls_summary"
assert_json "$R" '"errno: 115" not in probe("ftp.login")["summary"] and "errno:" not in det("ftp.login")["curl_message"]'

lab_start smtp none
lab_diagnose ftp "$LAB_PORT"
assert_json "$R" 'probe("ftp.tls")["status"] == "skipped" and "does not speak FTP" in '"$tls_summary"
assert_json "$R" 'r["causes"][0]["id"] == "service.wrong_protocol"'
echo PASS
