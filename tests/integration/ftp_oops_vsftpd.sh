#!/bin/bash
# ftp_oops_vsftpd.sh — a real vsftpd whose anonymous root is writable:
# at the login (USER for anonymous with no_anon_password, else PASS) it
# answers "500 OOPS: vsftpd: refusing to run with writable
# root inside chroot()" and closes.  ftp.login records the refusal (PASS,
# 500, the quoted text, closed) — the server's configuration fault.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
chmod 777 "$FTP_TMP/pub"
ftp_vsftpd_start </dev/null
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'any(x["step"] in ("USER", "PASS") and x["code"] == 500 and "writable root inside chroot()" in x["text"] and x.get("closed") for x in det("ftp.login").get("refusals", []))' \
	"the login answered 500 OOPS ... writable root inside chroot(), then closed"
assert_json "$FTP_TMP/report.json" 'probe("ftp.login")["status"] == "fail"' "the login fails"
assert_json "$FTP_TMP/report.json" 'cause_ids()[0] == "ftp.server_error" and "writable root inside chroot()" in ev("ftp.server_error")' \
	"ftp.server_error first, the OOPS quoted"
assert_json "$FTP_TMP/report.json" 'r["verdict"] == "problems"' "not inconclusive"
assert_exit 1
echo "PASS"
