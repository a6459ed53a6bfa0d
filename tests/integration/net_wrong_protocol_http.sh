#!/bin/bash
# An HTTP server (python http.server) where SMTP, FTP, POP3 or IMAP (or
# TLS, tcp:// --tls implicit) was expected: it
# says nothing first, and answers a line with HTTP (an HTML error page);
# service.wrong_protocol with HTTP named in the evidence, the only cause.
# On the plain port banner hears it (after its QUIT nudge) and the
# protocol probes skip naming HTTP; with implicit TLS the server's answer
# to the ClientHello comes where the first TLS record was due (pop3s://,
# imaps://: mailrecv.caps hears it, stops its plain session and the
# probes after it skip naming HTTP).
. "$(dirname "$0")/lib.sh"

port=$(free_port)
mkdir -p "$T_DIR/www"
start_bg http $PY -m http.server --bind 127.0.0.1 --directory "$T_DIR/www" "$port"
wait_port 127.0.0.1 "$port" 10
out=$T_DIR/report.json

# only_http FILE: service.wrong_protocol naming HTTP is the one cause.
only_http() {
	assert_cause "$1" service.wrong_protocol
	assert_evidence "$1" service.wrong_protocol 'HTTP'
	assert_json "$1" 'cause_ids() == ["service.wrong_protocol"]' \
		"no second cause (malformed reply, unexplained check, tls.*)"
}

report_json "$out" --timeout 2 "smtp://127.0.0.1:$port"
assert_exit 1
only_http "$out"
assert_json "$out" 'status("reach") == "ok"'
assert_json "$out" 'status("banner") == "fail"'
assert_json "$out" 'details("banner")["sniff"] == "http"'
assert_json "$out" 'status("smtp.ehlo") == "skipped"'
assert_json "$out" '"the port speaks HTTP" in probe("smtp.ehlo")["summary"]'
[ "$REPORT_MS" -lt 12000 ] || fail "took $REPORT_MS ms with --timeout 2"

report_json "$out" --timeout 2 "ftp://127.0.0.1:$port"
assert_exit 1
only_http "$out"
for id in ftp.login ftp.tls; do
	assert_json "$out" "status('$id') == 'skipped'"
	assert_json "$out" "'the port speaks HTTP' in probe('$id')['summary']"
done
[ "$REPORT_MS" -lt 12000 ] || fail "took $REPORT_MS ms with --timeout 2"

for u in smtps ftps; do
	report_json "$out" --timeout 2 "$u://127.0.0.1:$port"
	assert_exit 1
	only_http "$out"
	assert_evidence "$out" service.wrong_protocol 'where the TLS handshake was due'
	[ "$REPORT_MS" -lt 12000 ] || fail "$u: took $REPORT_MS ms with --timeout 2"
done

for u in pop3s imaps; do
	report_json "$out" --timeout 2 "$u://127.0.0.1:$port"
	assert_exit 1
	only_http "$out"
	assert_evidence "$out" service.wrong_protocol 'where the TLS handshake was due'
	assert_json "$out" 'details("mailrecv.caps")["wrong_protocol"]["protocol"] == "HTTP"'
	assert_json "$out" 'details("mailrecv.caps")["plain"]["outcome"] == "not_needed"' \
		"the plain session is stopped, not left to wait out --timeout"
	for id in mailrecv.tls mailrecv.login mailrecv.mailbox; do
		assert_json "$out" "status('$id') == 'skipped'"
		assert_json "$out" "'the port speaks HTTP' in probe('$id')['summary']"
	done
	[ "$REPORT_MS" -lt 12000 ] || fail "$u: took $REPORT_MS ms with --timeout 2"
done

report_json "$out" --timeout 2 --tls implicit "tcp://127.0.0.1:$port"
assert_exit 1
only_http "$out"
assert_json "$out" 'details("tcp.tls")["wrong_protocol"]["protocol"] == "HTTP"'
exit 0
