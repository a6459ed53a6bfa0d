#!/bin/bash
# The healthy lab satisfies real clients fully: FTP LIST, RETR and STOR in
# passive (EPSV and PASV) and active (EPRT and PORT) mode; SMTP through
# curl and swaks; and sockdoc reports both as ok.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
need curl
need swaks

lab_start ftp none
F=$LAB_PORT
U="ftp://127.0.0.1:$F"
head -c 300000 /dev/urandom >"$LAB_TMP/up.bin"

run_out curl -sS -m 5 "$U/"; assert_exit 0
assert_out "readme.txt"
run_out curl -sS -m 5 "$U/readme.txt"; assert_exit 0
assert_out "sockdoc fault lab"
run_out curl -sS -m 5 -T "$LAB_TMP/up.bin" "$U/up.bin"; assert_exit 0
curl -sS -m 5 "$U/up.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "passive RETR differs"
curl -sS -m 5 --disable-epsv "$U/up.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "PASV RETR differs"
run_out curl -sS -m 5 --disable-epsv -T "$LAB_TMP/up.bin" "$U/pasv.bin"; assert_exit 0

# Active mode: the lab connects back to curl.
run_out curl -sS -m 5 -P 127.0.0.1 "$U/"; assert_exit 0
assert_out "up.bin"
run_out curl -sS -m 5 -P 127.0.0.1 -T "$LAB_TMP/up.bin" "$U/act.bin"; assert_exit 0
curl -sS -m 5 -P 127.0.0.1 "$U/act.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "EPRT RETR differs"
curl -sS -m 5 -P 127.0.0.1 --disable-eprt "$U/pasv.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "PORT RETR differs"
run_out curl -sS -m 5 -v "$U/big.bin" -o "$LAB_TMP/big.bin" -Q "SIZE big.bin" -Q "-DELE act.bin"; assert_exit 0
[ "$(stat -c %s "$LAB_TMP/big.bin")" = 1048576 ] || fail "big.bin size"
run_out curl -sS -m 5 -l "$U/"; assert_exit 0
grep -q "act.bin" "$LAB_TMP/out" && fail "DELE left act.bin"

lab_start smtp none
S=$LAB_PORT
make_msg "$LAB_TMP/msg" 20000
printf '.leading dot line\r\n' >>"$LAB_TMP/msg"
run_out curl_smtp "$S" "$LAB_TMP/msg"; assert_exit 0
assert_out "250-PIPELINING"
assert_out "250 2.0.0 Ok: queued as LAB1"
run_out swaks --pipeline --to b@lab.test --from a@lab.test --server "127.0.0.1:$S"; assert_exit 0
assert_out "250 2.0.0 Ok: queued"
run_out swaks -q HELO --server "127.0.0.1:$S"; assert_exit 0
assert_out "221 2.0.0 Bye"

lab_diagnose smtp "$S"
assert_exit 0 "$LAB_RC"; assert_json "$LAB_TMP/report.json" 'r["verdict"] == "ok" and not r["causes"] and status("banner") == "ok" and "220" in probe("banner")["summary"]' "the healthy lab reported ok"
lab_diagnose ftp "$F"
assert_exit 0 "$LAB_RC"; assert_json "$LAB_TMP/report.json" 'r["verdict"] == "ok" and not r["causes"] and status("banner") == "ok" and "220" in probe("banner")["summary"]' "the healthy lab reported ok"
echo "PASS"
