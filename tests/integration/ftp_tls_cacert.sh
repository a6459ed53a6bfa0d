#!/bin/bash
# ftp_tls_cacert.sh — a healthy explicit-FTPS vsftpd whose certificate
# is signed by a private CA; with --cacert naming that CA the FTP TLS
# probes trust it: no tls.certificate (the false alarm of issue 10), the
# certificate verifies (cert_ok), the protected data channel is measured
# (data_tls_ok), and the run finds nothing wrong.  Without --cacert the
# same server is reported as tls.certificate (the control).
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
# A private CA, and a server certificate for the namespace address.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=sockdoc test CA $$" \
	-keyout "$FTP_TMP/ca.key" -out "$FTP_TMP/ca.pem" >/dev/null 2>&1 || exit 99
openssl req -newkey rsa:2048 -nodes -subj "/CN=$FTP_SRV_IP" \
	-keyout "$FTP_TMP/key.pem" -out "$FTP_TMP/srv.csr" >/dev/null 2>&1 || exit 99
printf 'subjectAltName=IP:%s\nbasicConstraints=CA:FALSE\n' "$FTP_SRV_IP" >"$FTP_TMP/ext.cnf"
openssl x509 -req -in "$FTP_TMP/srv.csr" -CA "$FTP_TMP/ca.pem" -CAkey "$FTP_TMP/ca.key" \
	-CAcreateserial -days 2 -extfile "$FTP_TMP/ext.cnf" -out "$FTP_TMP/cert.pem" \
	>/dev/null 2>&1 || exit 99
chmod 600 "$FTP_TMP/key.pem"
ftp_vsftpd_start <<EOF2
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
require_ssl_reuse=NO
rsa_cert_file=$FTP_TMP/cert.pem
rsa_private_key_file=$FTP_TMP/key.pem
EOF2
ftp_sockdoc --timeout 5 --tls starttls --cacert "$FTP_TMP/ca.pem" "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("tls.certificate") is None' "with --cacert: no tls.certificate"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls").get("cert_ok") is True' "the certificate verifies against the private CA"
assert_json "$FTP_TMP/report.json" 'det("ftp.tls").get("data_tls_ok") is True and cause("ftp.data_tls") is None' \
	"the protected data channel was measured and works"
assert_json "$FTP_TMP/report.json" 'det("ftp.login")["login_ok"] and det("ftp.login")["tls"] == "explicit"' "login over AUTH TLS"
assert_json "$FTP_TMP/report.json" 'r["causes"] == [] and '"$FTP_RC"' == 0' "healthy: no cause, exit 0"
assert_json "$FTP_TMP/report.json" 'not any(p["details"].get("refusals") for p in r["probes"])' \
	"no step refused (AUTH TLS, PBSZ, PROT, PASV/EPSV judged strictly)"
ftp_sockdoc --timeout 5 --tls starttls "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("tls.certificate") is not None and det("ftp.tls").get("cert_ok") is False' \
	"control: without --cacert the private CA is not trusted"
echo "PASS"
