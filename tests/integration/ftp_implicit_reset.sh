#!/bin/bash
# ftp_implicit_reset.sh — a plain-text FTP client on an implicit-FTPS
# port whose server resets a client that does not start TLS (the
# scripted server with --implicit-tls): no greeting, a reset after the
# banner's nudge.  The FTP chain tries TLS on the same port: the first
# cause is tls.mode_mismatch with the pair that works (implicit FTPS on
# this port), not tcp.reset_on_connect.
. "$(dirname "$0")/lib.sh"
need_prog openssl
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-keyout "$T_DIR/key.pem" -out "$T_DIR/cert.pem" >/dev/null 2>&1 ||
	skip "openssl cannot make a certificate"
start_scripted_ftp implicit '{}' --implicit-tls "$T_DIR/cert.pem" "$T_DIR/key.pem"
out=$T_DIR/report.json
report_json "$out" --timeout 3 "ftp://127.0.0.1:$SCRIPTED_PORT"
assert_exit 1
assert_first_cause "$out" tls.mode_mismatch
assert_json "$out" '"tcp.reset_on_connect" not in cause_ids() and "server.rejects_client" not in cause_ids()'
assert_json "$out" 'details("banner")["result"] == "reset" and details("ftp.tls")["other"]["ok"]'
assert_json "$out" "details('ftp.tls')['other_port'] == $SCRIPTED_PORT and details('ftp.tls')['other_mode'] == 'implicit'"
assert_evidence "$out" tls.mode_mismatch "implicit FTPS on port $SCRIPTED_PORT works"
assert_json "$out" "'implicit FTPS on port $SCRIPTED_PORT' in cause('tls.mode_mismatch')['fixes'][0]"
exit 0
