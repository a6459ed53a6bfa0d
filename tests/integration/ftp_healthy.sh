#!/bin/bash
# ftp_healthy.sh — a healthy vsftpd (anonymous, passive and active open)
# yields no cause; every data mode is measured as working.
. "$(dirname "$0")/lib_ftp.sh"
ftp_need_root
ftp_ns_setup
ftp_vsftpd_start </dev/null
ftp_sockdoc --timeout 5 --transcript "$FTP_TMP/transcript.txt" "ftp://$FTP_SRV_IP"
assert_json "$FTP_TMP/report.json" 'r["causes"] == [] and r["verdict"] == "ok"' "no cause, verdict ok"
assert_json "$FTP_TMP/report.json" '[probe(i)["status"] for i in ("ftp.login", "ftp.passive", "ftp.active")] == ["ok"] * 3' \
	"login, passive and active are ok"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["modes_ok"] == ["epsv", "pasv"] and det("ftp.active")["modes_ok"] == ["eprt", "port"]' \
	"EPSV, PASV, EPRT and PORT all listed the directory"
assert_json "$FTP_TMP/report.json" 'det("ftp.passive")["pasv"]["reply"] == 227 and 40000 <= det("ftp.passive")["pasv"]["port"] <= 40009' \
	"227 reply with a port from the passive range"
assert_json "$FTP_TMP/report.json" 'det("ftp.login")["greeting_code"] == 220 and "EPSV" in det("ftp.login")["features"] and det("ftp.login")["syst"].startswith("UNIX")' \
	"greeting, FEAT and SYST recorded"
assert_json "$FTP_TMP/report.json" 'all(det(i)[m]["retr"]["ok"] and det(i)[m]["retr"]["bytes"] == 33 for i, m in (("ftp.passive", "epsv"), ("ftp.passive", "pasv"), ("ftp.active", "eprt"), ("ftp.active", "port")))' \
	"each mode also fetched hello.txt (33 bytes) with RETR"
assert_json "$FTP_TMP/report.json" 'not any(p["details"].get("refusals") for p in r["probes"])' \
	"a healthy server refuses no step (no refusals recorded)"
# The data probes share two logged-in control connections (ftp_pool.h):
# the one ftp.login opened, for the extended commands (EPSV, EPRT), and
# a second one it opened beside it for the classic ones (PASV, PORT): two
# logins (USER) in all for the login and the four modes with their LIST
# and RETR, not one per mode.
n=$(grep -cE "] ftp\.login *> USER" "$FTP_TMP/transcript.txt")
[ "$n" -eq 2 ] || fail "ftp.login logged in $n times (2 expected: its own session and the data probes' second one)"
n=$(grep -cE "] ftp\.(passive|active) *> USER" "$FTP_TMP/transcript.txt")
[ "$n" -eq 0 ] || fail "the data probes logged in $n times (0 expected: they reuse the two logged-in connections)"
grep -qE "] ftp\.login *> QUIT" "$FTP_TMP/transcript.txt" &&
	fail "ftp.login ended its session (QUIT): the data probes had to log in again"
for m in EPSV PASV EPRT PORT; do
	grep -qE "] ftp\.(passive|active) *> $m" "$FTP_TMP/transcript.txt" ||
		fail "no $m in the transcript"
done
assert_exit 0
echo "PASS"
