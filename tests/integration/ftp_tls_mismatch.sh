#!/bin/bash
# ftp_tls_mismatch.sh — vsftpd speaks implicit FTPS on port 990 and the
# client is set to plain FTP on that port: no greeting comes, the login
# fails (the port is silent until nudged), implicit TLS on the same port works: tls.mode_mismatch with the
# measured setting (implicit FTPS, port 990).
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_make_cert
FTP_PORT=990
ftp_vsftpd_start <<EOF2
ssl_enable=YES
implicit_ssl=YES
allow_anon_ssl=YES
rsa_cert_file=$FTP_TMP/cert.pem
rsa_private_key_file=$FTP_TMP/key.pem
EOF2
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP:990"
assert_json "$FTP_TMP/report.json" 'cause("tls.mode_mismatch")["confidence"] == "high"' "tls.mode_mismatch, high confidence"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls")["other"]["ok"] and det("ftp.tls")["other_mode"] == "implicit" and det("ftp.tls")["other_port"] == 990' \
	"implicit FTPS on 990 measured as working"
assert_json "$FTP_TMP/report.json" 'probe("ftp.login")["status"] == "skipped" and det("ftp.tls")["skipped_explicit"] == "silent" and det("banner")["nudged"]' \
	"no plain greeting: no login tried, only the other TLS mode"
assert_json "$FTP_TMP/report.json" '"no FTP greeting came" in ev("tls.mode_mismatch")' "evidence: no greeting in the client's mode"
assert_json "$FTP_TMP/report.json" '"implicit FTP over TLS" in cause("tls.mode_mismatch")["fixes"][0] and "990" in cause("tls.mode_mismatch")["fixes"][0]' \
	"first fix: implicit FTPS on port 990"
echo "PASS"
