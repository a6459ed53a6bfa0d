#!/bin/bash
# ftp_passive_blocked.sh — the server's passive port range is dropped by
# iptables in its namespace while active mode works: ftp.passive_blocked
# with high confidence, the filtered data port as evidence, and the fix
# that names the client's active mode setting.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_vsftpd_start </dev/null
ftp_ns iptables -A INPUT -p tcp --dport 40000:40009 -j DROP ||
	{ echo "SKIP: iptables in the namespace"; exit 77; }
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("ftp.passive_blocked")["confidence"] == "high"' \
	"ftp.passive_blocked, high confidence"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["pasv"]["data"] == "filtered" and det("ftp.passive")["epsv"]["data"] == "filtered"' \
	"EPSV and PASV data connections measured as filtered"
assert_json "$FTP_TMP/report.json" '"filtered" in ev("ftp.passive_blocked") and str(det("ftp.passive")["pasv"]["port"]) in ev("ftp.passive_blocked")' \
	"evidence names the filtered advertised port"
assert_json "$FTP_TMP/report.json" '"Transfer mode: Active" in cause("ftp.passive_blocked")["fixes"][0]' \
	"first fix: set the client to active mode"
assert_json "$FTP_TMP/report.json" 'probe("ftp.active")["status"] == "ok" and cause("ftp.active_blocked") is None' \
	"active mode works and is not blamed"
assert_exit 1
echo "PASS"
