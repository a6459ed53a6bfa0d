#!/bin/bash
# ftp_pasv_address.sh — vsftpd advertises pasv_address=10.77.N.99, an
# address nobody has: ftp.pasv_address_private with the advertised and
# control addresses as evidence; the control address with the advertised
# port works.  The advertised host is tried only with --allow-third-host.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
NOBODY="10.77.$FTP_NET.99"
ftp_vsftpd_start <<EOF2
pasv_address=$NOBODY
EOF2
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("ftp.pasv_address_private")["confidence"] == "high"' \
	"ftp.pasv_address_private, high confidence"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["pasv_address"] == "'"$NOBODY"'" and det("ftp.passive")["pasv_address_class"] == "private"' \
	"227 address recorded and classed private"
assert_json "$FTP_TMP/report.json" '"'"$NOBODY"'" in ev("ftp.pasv_address_private") and "'"$FTP_SRV_IP"'" in ev("ftp.pasv_address_private")' \
	"evidence names both addresses"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["pasv"]["ok"] and "advertised" not in det("ftp.passive")' \
	"control address + advertised port works; no third host contacted"
assert_json "$FTP_TMP/report.json" '"pasv_address='"$FTP_SRV_IP"'" in fx("ftp.pasv_address_private")' \
	"fix names the server setting with the right address"
assert_json "$FTP_TMP/report.json" 'cause("ftp.passive_blocked") is None' "passive is not called blocked"

ftp_sockdoc --timeout 3 --allow-third-host "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["advertised"]["data"] in ("unreachable", "filtered") and not det("ftp.passive")["advertised"]["ok"]' \
	"with --allow-third-host the advertised address is tried and fails"
assert_json "$FTP_TMP/report.json" '"advertised address itself" in ev("ftp.pasv_address_private")' \
	"evidence reports the advertised address's result"
echo "PASS"
