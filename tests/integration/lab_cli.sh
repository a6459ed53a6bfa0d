#!/bin/bash
# The lab's command line: --list names every fault once with its cause;
# several faults get one listener (and line) each on their own ports;
# bad faults and protocols are usage errors (2); SIGTERM ends it with 0.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
run_out "$SOCKDOC" lab --list; assert_exit 0
for f in none refused reset-on-connect reset-after-greeting close-after-command \
	busy policy-reject slow-greeting:SEC drip:MS garbage reset-after-bytes:N \
	stall-after-bytes:N size-limit:N max-sessions:N idle-timeout:SEC \
	pasv-private pasv-closed active-refused epsv-hang starttls-required \
	auth-required restart-every:SEC; do
	grep -q "^$f " "$LAB_TMP/out" || fail "--list lacks $f"
done
assert_out "[tcp.reset_on_connect]"
[ "$(wc -l <"$LAB_TMP/out")" -ge 22 ] || fail "--list too short"
# Machine-readable listings of the same table (lab_faults.sh uses tsv).
expect_rc 0 "$SOCKDOC" lab --list --format json
$PY -c 'import json, sys; t = json.load(open(sys.argv[1])); assert len(t) >= 22 and all(f["expect"] for f in t)' "$LAB_TMP/out" ||
	fail "--list --format json"
expect_rc 0 "$SOCKDOC" lab --list --format tsv
[ "$(awk -F '\t' 'NF != 7' "$LAB_TMP/out" | wc -l)" = 0 ] || fail "tsv: 7 fields per row"
expect_rc 0 "$SOCKDOC" lab --list --format markdown
expect_out "| \`restart-every:SEC\` |"
expect_rc 2 "$SOCKDOC" lab --list --format yaml
expect_rc 2 "$SOCKDOC" lab --format json

run_out "$SOCKDOC" lab --fault no-such-fault; assert_exit 2
assert_out "unknown fault"
run_out "$SOCKDOC" lab --protocol smtp --fault pasv-private; assert_exit 2
assert_out "does not apply"
run_out "$SOCKDOC" lab --protocol gopher; assert_exit 2
run_out "$SOCKDOC" lab --fault busy:3; assert_exit 2
run_out "$SOCKDOC" lab --fault slow-greeting:-1; assert_exit 2
run_out "$SOCKDOC" lab --fault none --listen nowhere; assert_exit 2

# Several faults, both protocols: one line each, distinct ports.
out="$LAB_TMP/multi"
timeout --foreground -k 5 60 "$SOCKDOC" lab --fault none,busy --fault pasv-private >"$out" 2>&1 &
pid=$!
track_pid "$pid" lab
for i in $(seq 50); do [ "$(wc -l <"$out")" -ge 5 ] && break; sleep 0.1; done
cat "$out"
[ "$(wc -l <"$out")" = 5 ] || fail "expected 5 listeners (pasv-private is FTP only)"
grep -Eq '^smtp none 127\.0\.0\.1:[0-9]+$' "$out" || fail "line format"
grep -Eq '^ftp pasv-private 127\.0\.0\.1:[0-9]+$' "$out" || fail "ftp line"
[ "$(awk '{print $3}' "$out" | sort -u | wc -l)" = 5 ] || fail "ports not distinct"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" = 0 ] || fail "SIGTERM exit $rc"

# A fixed --listen port, and IPv6 loopback when the host has it.
port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
lab_pid_out="$LAB_TMP/fixed"
timeout --foreground -k 5 60 "$SOCKDOC" lab --protocol smtp --fault none --listen "127.0.0.1:$port" >"$lab_pid_out" 2>&1 &
track_pid "$!" lab
for i in $(seq 50); do [ -s "$lab_pid_out" ] && break; sleep 0.1; done
grep -qx "smtp none 127.0.0.1:$port" "$lab_pid_out" || fail "fixed port: $(cat "$lab_pid_out")"
if $PY -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
	v6="$LAB_TMP/v6"
	timeout --foreground -k 5 60 "$SOCKDOC" lab --protocol ftp --fault none --listen "[::1]:0" >"$v6" 2>&1 &
	track_pid "$!" lab
	for i in $(seq 50); do [ -s "$v6" ] && break; sleep 0.1; done
	p6=$(sed -n 's/^ftp none \[::1\]:\([0-9]*\)$/\1/p' "$v6")
	[ -n "$p6" ] || fail "v6 line: $(cat "$v6")"
	run_out curl -sS -m 5 "ftp://[::1]:$p6/readme.txt"; assert_exit 0
	run_out curl -sS -m 5 -P ::1 "ftp://[::1]:$p6/"; assert_exit 0
	assert_out "big.bin"
fi
echo PASS
