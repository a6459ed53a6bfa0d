#!/bin/bash
# ftp_bad_login.sh — a local account with the wrong password: PASS gets
# 530 Login incorrect: auth.rejected with the reply and the user name; the
# wrong password itself appears nowhere in the report.  (PAM delays the
# 530 by about 2 s, hence the longer step timeout.)
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
command -v useradd >/dev/null || { echo "SKIP: no useradd"; exit 77; }
ftp_ns_setup
ftp_make_user
ftp_vsftpd_start <<EOF2
local_enable=YES
anonymous_enable=NO
EOF2
WRONG="wrong-$RANDOM-secret"
SOCKDOC_PASSWORD="$WRONG" ftp_sockdoc --timeout 6 --transcript "$FTP_TMP/transcript.txt" --user "$FTP_LOCAL_USER" "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("auth.rejected")["confidence"] == "high"' "auth.rejected, high confidence"
assert_json "$FTP_TMP/report.json" '"PASS answered 530" in ev("auth.rejected") and "'"$FTP_LOCAL_USER"'" in ev("auth.rejected")' \
	"evidence: PASS answered 530, and the user name"
assert_json "$FTP_TMP/report.json" 'det("ftp.login")["refusal"] == "bad_credentials" and probe("ftp.passive")["status"] == "skipped"' \
	"login decoded as bad credentials; data probes skipped"
if grep -q -- "$WRONG" "$FTP_TMP/report.json"; then
	echo "FAIL: the password appears in the report"
	exit 1
fi
echo "ok: the password is not in the report"
grep -q "PASS" "$FTP_TMP/transcript.txt" || { echo "FAIL: no PASS line in the transcript"; exit 1; }
if grep -q -- "$WRONG" "$FTP_TMP/transcript.txt"; then
	echo "FAIL: the password appears in the transcript"
	exit 1
fi
echo "ok: the transcript shows PASS, redacted"
echo "PASS"
