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
ftp_assert 'cause("ftp.epsv_unsupported")["confidence"] == "high"' \
	"ftp.epsv_unsupported, high confidence"
ftp_assert 'det("ftp.passive")["epsv"]["data"] == "no_reply" and det("ftp.passive")["pasv"]["ok"]' \
	"EPSV got no reply, PASV listed the directory"
ftp_assert '"EPSV: no reply" in ev("ftp.epsv_unsupported") and "PASV: the directory listing came through" in ev("ftp.epsv_unsupported")' \
	"evidence: the EPSV hang and the PASV success"
ftp_assert '"--disable-epsv" in cause("ftp.epsv_unsupported")["fixes"][0]' \
	"first fix: make the client use PASV"
ftp_assert 'cause("ftp.passive_blocked") is None' "passive mode is not called blocked"
echo "PASS"
