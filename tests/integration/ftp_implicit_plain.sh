#!/bin/bash
# ftp_implicit_plain.sh — vsftpd speaks implicit FTPS (implicit_ssl=YES)
# on port 21 and the client is set to plain FTP there: no greeting comes
# (vsftpd answers the banner's nudge with "500 OOPS: ... wrong version
# number" and closes).  The FTP chain tries a TLS handshake on the same
# port: tls.mode_mismatch with the pair that works (implicit FTPS, port
# 21); a 500 after a nudge is never a policy refusal
# (server.rejects_client) and the run is not inconclusive.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_make_cert
FTP_PORT=21
ftp_vsftpd_start <<EOF2
ssl_enable=YES
implicit_ssl=YES
allow_anon_ssl=YES
rsa_cert_file=$FTP_TMP/cert.pem
rsa_private_key_file=$FTP_TMP/key.pem
EOF2
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP:21"
assert_json "$FTP_TMP/report.json" 'cause("tls.mode_mismatch") is not None and r["causes"][0]["id"] == "tls.mode_mismatch"' "tls.mode_mismatch first"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls")["other"]["ok"] and det("ftp.tls")["other_mode"] == "implicit" and det("ftp.tls")["other_port"] == 21' \
	"implicit FTPS on the same port (21) measured as working"
assert_json "$FTP_TMP/report.json" 'cause("server.rejects_client") is None' "a 500 after the nudge is not a policy refusal"
assert_json "$FTP_TMP/report.json" '"implicit FTP over TLS" in fx("tls.mode_mismatch") and "port 21" in fx("tls.mode_mismatch")' \
	"first fix: implicit FTPS on port 21"
assert_json "$FTP_TMP/report.json" 'r.get("verdict") != "inconclusive" and '"$FTP_RC"' == 1' "exit 1, not inconclusive"
echo "PASS"
