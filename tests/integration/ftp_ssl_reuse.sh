#!/bin/bash
# ftp_ssl_reuse.sh — vsftpd with require_ssl_reuse=YES: the protected
# listing works when the data connection resumes the TLS session and is
# refused when it does not: ftp.data_tls with the server's reply.
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
require_ssl_reuse=YES
EOF2
SOCKDOC_PASSWORD="$FTP_LOCAL_PASS" ftp_sockdoc --timeout 5 --tls starttls --user "$FTP_LOCAL_USER" "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("ftp.data_tls") is not None' "ftp.data_tls concluded"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls")["reuse_required"] and det("ftp.tls")["data"]["ok"]' \
	"with reuse the listing works, without it fails"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls")["noreuse"]["refusal_code"] in (425, 522, 450) and "reuse" in ev("ftp.data_tls")' \
	"evidence: the server's reply about session reuse"
assert_json "$FTP_TMP/report.json" '"require_ssl_reuse=NO" in fx("ftp.data_tls")' "fix names the server option"
assert_json "$FTP_TMP/report.json" 'cause("ftp.active_blocked") is None and cause("ftp.passive_blocked") is None' \
	"no data mode blamed"
echo "PASS"
