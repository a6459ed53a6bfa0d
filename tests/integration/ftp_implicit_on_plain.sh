#!/bin/bash
# ftp_implicit_on_plain.sh — FileZilla's classic mistake: "Require
# implicit FTP over TLS" on a plain FTP port.  vsftpd with ssl_enable=YES
# (explicit FTPS: AUTH TLS) on a non-standard port, the client set to
# implicit TLS (ftps://): where the TLS handshake was due the server
# greets in plain text ("220 ..."), OpenSSL says "wrong version number".
# Expected: tls.mode_mismatch quoting that greeting, the measured pair
# (explicit FTPS on this port works, nothing on 990) and the fix in
# FileZilla's words; never check.unexplained nor "offers no TLS".
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_make_cert
FTP_PORT=2121
ftp_vsftpd_start <<EOF2
ssl_enable=YES
allow_anon_ssl=YES
require_ssl_reuse=NO
ftpd_banner=sockdoc plain test server
rsa_cert_file=$FTP_TMP/cert.pem
rsa_private_key_file=$FTP_TMP/key.pem
EOF2
ftp_sockdoc --timeout 3 "ftps://$FTP_SRV_IP:2121"
assert_json "$FTP_TMP/report.json" 'r["causes"][0]["id"] == "tls.mode_mismatch" and cause("tls.mode_mismatch")["confidence"] == "high"' \
	"tls.mode_mismatch first, high confidence"
assert_json "$FTP_TMP/report.json" 'cause("check.unexplained") is None' "not unexplained"
assert_json "$FTP_TMP/report.json" '"220 sockdoc plain test server" in ev("tls.mode_mismatch") and "speaks plain FTP" in ev("tls.mode_mismatch")' \
	"evidence: the plain greeting where the handshake was due"
assert_json "$FTP_TMP/report.json" 'det("ftp.login")["plain_reply"]["line"].startswith("220 ")' "ftp.login keeps the greeting"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls")["other"]["ok"] and det("ftp.tls")["other_mode"] == "explicit" and det("ftp.tls")["other_port"] == 2121 and det("ftp.tls")["tls_offered"]' \
	"explicit FTPS on the same port measured as working"
assert_json "$FTP_TMP/report.json" '"explicit FTPS (AUTH TLS) on port 2121 works" in ev("tls.mode_mismatch") and "implicit FTPS on port 990: connection refused" in ev("tls.mode_mismatch")' \
	"evidence: which TLS the server offers (AUTH TLS yes, 990 no)"
assert_json "$FTP_TMP/report.json" '"Require explicit FTP over TLS" in cause("tls.mode_mismatch")["fixes"][0] and "port 2121" in cause("tls.mode_mismatch")["fixes"][0]' \
	"first fix: explicit FTPS on this port, in FileZilla's words"
assert_json "$FTP_TMP/report.json" '"Outlook" not in fx("tls.mode_mismatch") and not cause("tls.mode_mismatch")["client_errors"]["outlook"]' \
	"no mail client's advice or codes"
assert_json "$FTP_TMP/report.json" '"offers no TLS" not in probe("ftp.tls")["summary"]' "ftp.tls does not say no TLS"
echo "PASS"
