#!/bin/bash
# ftp_lab_faults.sh — the fault lab's FTP data-connection faults on
# loopback, each diagnosed with its cause and the evidence that separates
# it: epsv-hang (EPSV never answered, PASV works), pasv-closed (the data
# port refuses, active works), pasv-private (227 names 192.168.1.10),
# active-refused (425 after PORT, passive works).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"

# check FAULT EXPR MSG: evaluate EXPR over the report (cause(), det(),
# ev(), fx() as in lib_ftp.sh).
check() {
	$PY - "$LAB_TMP/report.json" "$2" <<'PYEOF' || fail "$1: $3"
import json, sys
r = json.load(open(sys.argv[1]))
def cause(i):
    return next((c for c in r["causes"] if c["id"] == i), None)
def det(i):
    return next((p for p in r["probes"] if p["id"] == i), {}).get("details", {})
def ev(i):
    return " | ".join((cause(i) or {}).get("evidence", []))
def fx(i):
    return " | ".join((cause(i) or {}).get("fixes", []))
sys.exit(0 if eval(sys.argv[2]) else 1)
PYEOF
	echo "ok: $1: $3"
}

lab_start ftp epsv-hang
lab_diagnose ftp "$LAB_PORT"
check epsv-hang 'cause("ftp.epsv_unsupported")["confidence"] == "high"' \
	"ftp.epsv_unsupported, high"
check epsv-hang 'det("ftp.passive")["epsv"]["data"] == "no_reply" and "no reply" in ev("ftp.epsv_unsupported") and "PASV: the directory listing came through" in ev("ftp.epsv_unsupported")' \
	"evidence: EPSV unanswered, PASV works"

lab_start ftp pasv-closed
lab_diagnose ftp "$LAB_PORT"
check pasv-closed 'cause("ftp.passive_blocked")["confidence"] == "high"' \
	"ftp.passive_blocked, high"
check pasv-closed 'det("ftp.passive")["pasv"]["data"] == "refused" and "ECONNREFUSED" in ev("ftp.passive_blocked") and "Transfer mode: Active" in fx("ftp.passive_blocked")' \
	"evidence: data port refused; fix: active mode"

lab_start ftp pasv-private
lab_diagnose ftp "$LAB_PORT"
check pasv-private 'cause("ftp.pasv_address_private")["confidence"] == "high" and "192.168.1.10" in ev("ftp.pasv_address_private")' \
	"ftp.pasv_address_private with the advertised address"
check pasv-private 'r["causes"][0]["id"] == "ftp.pasv_address_private" and "advertised" not in det("ftp.passive")' \
	"ranked first; no third host contacted"

lab_start ftp active-refused
lab_diagnose ftp "$LAB_PORT"
check active-refused 'cause("ftp.active_blocked")["confidence"] == "high" and "425" in ev("ftp.active_blocked")' \
	"ftp.active_blocked with the 425"
check active-refused '"keep passive" in fx("ftp.active_blocked") and cause("ftp.passive_blocked") is None' \
	"fix: keep passive"
echo PASS
