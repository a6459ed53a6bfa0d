#!/bin/bash
# ftp_active_blocked.sh — the server cannot connect back to the client
# (iptables in its namespace rejects its outgoing connections) while
# passive works: ftp.active_blocked, the 425 as evidence, "keep passive".
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_vsftpd_start </dev/null
ftp_ns iptables -A OUTPUT -p tcp -m state --state ESTABLISHED,RELATED -j ACCEPT &&
ftp_ns iptables -A OUTPUT -p tcp --syn -j REJECT ||
	{ echo "SKIP: iptables in the namespace"; exit 77; }
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("ftp.active_blocked")["confidence"] == "high"' \
	"ftp.active_blocked, high confidence"
assert_json "$FTP_TMP/report.json" 'det("ftp.active")["port"]["list_reply"] == 425 and det("ftp.active")["eprt"]["data"] == "server_425"' \
	"LIST answered 425 after PORT and EPRT"
assert_json "$FTP_TMP/report.json" '"425" in ev("ftp.active_blocked") and "'"$FTP_HOST_IP"'" in ev("ftp.active_blocked")' \
	"evidence: the 425 and the address the server had to reach"
assert_json "$FTP_TMP/report.json" '"keep passive" in cause("ftp.active_blocked")["fixes"][0]' \
	"first fix: keep passive"
assert_json "$FTP_TMP/report.json" 'probe("ftp.passive")["status"] == "ok" and cause("ftp.passive_blocked") is None' \
	"passive works and is not blamed"
echo "PASS"
