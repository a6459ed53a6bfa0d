#!/bin/bash
# ftp_tls_required.sh — vsftpd refuses plain logins for local users
# (force_local_logins_ssl): the plain USER gets 530, the login over AUTH
# TLS works: auth.requires_tls with the 530 and the measured client
# setting; the self-signed certificate is reported (tls.certificate).
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
command -v useradd >/dev/null || { echo "SKIP: no useradd"; exit 77; }
ftp_ns_setup
ftp_make_cert
ftp_make_user
ftp_vsftpd_start <<EOF2
local_enable=YES
anonymous_enable=NO
ssl_enable=YES
rsa_cert_file=$FTP_TMP/cert.pem
rsa_private_key_file=$FTP_TMP/key.pem
force_local_logins_ssl=YES
force_local_data_ssl=YES
require_ssl_reuse=NO
EOF2
SOCKDOC_PASSWORD="$FTP_LOCAL_PASS" ftp_sockdoc --timeout 5 --user "$FTP_LOCAL_USER" "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("auth.requires_tls")["confidence"] == "high"' \
	"auth.requires_tls, high confidence"
assert_json "$FTP_TMP/report.json" '"530" in ev("auth.requires_tls") and "encryption" in ev("auth.requires_tls")' \
	"evidence: the 530 asking for encryption"
assert_json "$FTP_TMP/report.json" 'det("ftp.login")["tls_retry_ok"] and det("ftp.login")["tls"] == "explicit"' \
	"the login over AUTH TLS worked"
assert_json "$FTP_TMP/report.json" '"explicit FTP over TLS" in cause("auth.requires_tls")["fixes"][0]' \
	"first fix: the measured client encryption setting"
assert_json "$FTP_TMP/report.json" 'probe("ftp.passive")["status"] == "ok" and det("ftp.passive")["tls"] == "explicit"' \
	"passive listing over TLS works"
assert_json "$FTP_TMP/report.json" 'cause("tls.certificate") is not None and det("ftp.tls")["cert_ok"] is False' \
	"self-signed certificate reported"
assert_json "$FTP_TMP/report.json" 'cause("ftp.data_tls") is None' "data channel TLS not blamed"
if grep -q -- "$FTP_LOCAL_PASS" "$FTP_TMP/report.json"; then
	echo "FAIL: the password appears in the report"
	exit 1
fi
echo "ok: the password is not in the report"
assert_json "$FTP_TMP/report.json" 'cause("ftp.active_blocked") is None and cause("ftp.passive_blocked") is None' \
	"no data mode blamed"
echo "PASS"
