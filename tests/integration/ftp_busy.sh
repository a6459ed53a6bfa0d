#!/bin/bash
# ftp_busy.sh — vsftpd with max_clients=1 and one session held open:
# every new session gets 421 at the greeting: server.busy with the 421.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_vsftpd_start <<EOF2
max_clients=1
EOF2
# Hold the one allowed session for at most 30 s.
$PY -c "
import socket, time
s = socket.create_connection(('$FTP_SRV_IP', 21), 5)
s.recv(512)
time.sleep(30)
" &
track_pid "$!" busy
sleep 0.5
ftp_sockdoc --timeout 3 "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'cause("server.busy") is not None' "server.busy concluded"
assert_json "$FTP_TMP/report.json" '"421" in ev("server.busy")' "evidence: the 421"
assert_json "$FTP_TMP/report.json" 'det("ftp.login")["refusal"] == "busy" and det("ftp.login")["refusal_code"] == 421' \
	"ftp.login decoded the 421 as busy"
assert_json "$FTP_TMP/report.json" 'probe("ftp.passive")["status"] == "skipped" and cause("ftp.passive_blocked") is None' \
	"data probes skipped, not blamed"
echo "PASS"
