#!/bin/bash
# ftp_lab_faults.sh — the fault lab's FTP data-connection faults on
# loopback, each diagnosed with its cause and the evidence that separates
# it: epsv-hang (EPSV never answered, PASV works), pasv-closed (the data
# port refuses, active works), pasv-private (227 names 192.168.1.10),
# active-refused (425 after PORT, passive works).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"

lab_start ftp epsv-hang
lab_diagnose ftp "$LAB_PORT"
assert_json "$LAB_TMP/report.json" 'cause("ftp.epsv_unsupported")["confidence"] == "high"' \
	"epsv-hang: ftp.epsv_unsupported, high"
assert_json "$LAB_TMP/report.json" 'det("ftp.passive")["epsv"]["data"] == "no_reply" and "no reply" in ev("ftp.epsv_unsupported") and "PASV: the directory listing came through" in ev("ftp.epsv_unsupported")' \
	"epsv-hang: evidence: EPSV unanswered, PASV works"

lab_start ftp pasv-closed
lab_diagnose ftp "$LAB_PORT"
assert_json "$LAB_TMP/report.json" 'cause("ftp.passive_blocked")["confidence"] == "high"' \
	"pasv-closed: ftp.passive_blocked, high"
assert_json "$LAB_TMP/report.json" 'det("ftp.passive")["pasv"]["data"] == "refused" and "ECONNREFUSED" in ev("ftp.passive_blocked") and "Transfer mode: Active" in fx("ftp.passive_blocked")' \
	"pasv-closed: evidence: data port refused; fix: active mode"

lab_start ftp pasv-private
lab_diagnose ftp "$LAB_PORT"
assert_json "$LAB_TMP/report.json" 'cause("ftp.pasv_address_private")["confidence"] == "high" and "192.168.1.10" in ev("ftp.pasv_address_private")' \
	"pasv-private: ftp.pasv_address_private with the advertised address"
assert_json "$LAB_TMP/report.json" 'r["causes"][0]["id"] == "ftp.pasv_address_private" and "advertised" not in det("ftp.passive")' \
	"pasv-private: ranked first; no third host contacted"

lab_start ftp active-refused
lab_diagnose ftp "$LAB_PORT"
assert_json "$LAB_TMP/report.json" 'cause("ftp.active_blocked")["confidence"] == "high" and "425" in ev("ftp.active_blocked")' \
	"active-refused: ftp.active_blocked with the 425"
assert_json "$LAB_TMP/report.json" '"keep passive" in fx("ftp.active_blocked") and cause("ftp.passive_blocked") is None' \
	"active-refused: fix: keep passive"
echo PASS
