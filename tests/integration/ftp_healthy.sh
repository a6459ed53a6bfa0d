#!/bin/bash
# ftp_healthy.sh — a healthy vsftpd (anonymous, passive and active open)
# yields no cause; every data mode is measured as working.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_vsftpd_start </dev/null
ftp_sockdoc --timeout 5 "ftp://$FTP_SRV_IP"
ftp_assert 'r["causes"] == [] and r["verdict"] == "ok"' "no cause, verdict ok"
ftp_assert '[probe(i)["status"] for i in ("ftp.login", "ftp.passive", "ftp.active")] == ["ok"] * 3' \
	"login, passive and active are ok"
ftp_assert 'det("ftp.passive")["modes_ok"] == ["epsv", "pasv"] and det("ftp.active")["modes_ok"] == ["eprt", "port"]' \
	"EPSV, PASV, EPRT and PORT all listed the directory"
ftp_assert 'det("ftp.passive")["pasv"]["reply"] == 227 and 40000 <= det("ftp.passive")["pasv"]["port"] <= 40009' \
	"227 reply with a port from the passive range"
ftp_assert 'det("ftp.login")["greeting_code"] == 220 and "EPSV" in det("ftp.login")["features"] and det("ftp.login")["syst"].startswith("UNIX")' \
	"greeting, FEAT and SYST recorded"
ftp_assert 'all(det(i)[m]["retr"]["ok"] and det(i)[m]["retr"]["bytes"] == 33 for i, m in (("ftp.passive", "epsv"), ("ftp.passive", "pasv"), ("ftp.active", "eprt"), ("ftp.active", "port")))' \
	"each mode also fetched hello.txt (33 bytes) with RETR"
ftp_assert 'not any(p["details"].get("refusals") for p in r["probes"])' \
	"a healthy server refuses no step (no refusals recorded)"
[ "$FTP_RC" = 0 ] || { echo "FAIL: exit code $FTP_RC, expected 0"; exit 1; }
echo "PASS"
