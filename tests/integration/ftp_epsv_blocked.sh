#!/bin/bash
# ftp_epsv_blocked.sh — a firewall in the server's namespace drops every
# segment that carries the EPSV command (iptables string match), the way
# a middlebox that only knows PASV makes EPSV hang; PASV works:
# ftp.epsv_unsupported with the hang as evidence and the client setting.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_vsftpd_start </dev/null
ftp_ns iptables -A INPUT -p tcp --dport 21 -m string --string "EPSV" \
	--algo bm -j DROP ||
	{ echo "SKIP: iptables string match unavailable"; exit 77; }
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("ftp.epsv_unsupported")["confidence"] == "high"' \
	"ftp.epsv_unsupported, high confidence"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["epsv"]["data"] == "no_reply" and det("ftp.passive")["pasv"]["ok"]' \
	"EPSV got no reply, PASV listed the directory"
assert_json "$FTP_TMP/report.json" '"EPSV: no reply" in ev("ftp.epsv_unsupported") and "PASV: the directory listing came through" in ev("ftp.epsv_unsupported")' \
	"evidence: the EPSV hang and the PASV success"
assert_json "$FTP_TMP/report.json" '"--disable-epsv" in cause("ftp.epsv_unsupported")["fixes"][0]' \
	"first fix: make the client use PASV"
assert_json "$FTP_TMP/report.json" 'cause("ftp.passive_blocked") is None' "passive mode is not called blocked"
echo "PASS"
