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

expect_rc 0 curl -sS -m 5 "$U/"
expect_out "readme.txt"
expect_rc 0 curl -sS -m 5 "$U/readme.txt"
expect_out "sockdoc fault lab"
expect_rc 0 curl -sS -m 5 -T "$LAB_TMP/up.bin" "$U/up.bin"
curl -sS -m 5 "$U/up.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "passive RETR differs"
curl -sS -m 5 --disable-epsv "$U/up.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "PASV RETR differs"
expect_rc 0 curl -sS -m 5 --disable-epsv -T "$LAB_TMP/up.bin" "$U/pasv.bin"

# Active mode: the lab connects back to curl.
expect_rc 0 curl -sS -m 5 -P 127.0.0.1 "$U/"
expect_out "up.bin"
expect_rc 0 curl -sS -m 5 -P 127.0.0.1 -T "$LAB_TMP/up.bin" "$U/act.bin"
curl -sS -m 5 -P 127.0.0.1 "$U/act.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "EPRT RETR differs"
curl -sS -m 5 -P 127.0.0.1 --disable-eprt "$U/pasv.bin" | cmp -s - "$LAB_TMP/up.bin" || fail "PORT RETR differs"
expect_rc 0 curl -sS -m 5 -v "$U/big.bin" -o "$LAB_TMP/big.bin" -Q "SIZE big.bin" -Q "-DELE act.bin"
[ "$(stat -c %s "$LAB_TMP/big.bin")" = 1048576 ] || fail "big.bin size"
expect_rc 0 curl -sS -m 5 -l "$U/"
grep -q "act.bin" "$LAB_TMP/out" && fail "DELE left act.bin"

lab_start smtp none
S=$LAB_PORT
make_msg "$LAB_TMP/msg" 20000
printf '.leading dot line\r\n' >>"$LAB_TMP/msg"
expect_rc 0 curl_smtp "$S" "$LAB_TMP/msg"
expect_out "250-PIPELINING"
expect_out "250 2.0.0 Ok: queued as LAB1"
expect_rc 0 swaks --pipeline --to b@lab.test --from a@lab.test --server "127.0.0.1:$S"
expect_out "250 2.0.0 Ok: queued"
expect_rc 0 swaks -q HELO --server "127.0.0.1:$S"
expect_out "221 2.0.0 Bye"

lab_diagnose smtp "$S"
lab_assert_healthy
lab_diagnose ftp "$F"
lab_assert_healthy
echo "PASS"
