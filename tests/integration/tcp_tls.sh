#!/bin/bash
# tcp:// with --tls implicit: tcp.tls does a plain TLS handshake.  A
# python ssl server with a self-signed certificate: the handshake works
# (version, cipher recorded) and tls.certificate is named; with --cacert
# the certificate verifies and the run is healthy; the lab's silent tcp
# sink never answers the ClientHello: tls.handshake_failed (timeout).
. "$(dirname "$0")/lib_trials.sh"
command -v openssl >/dev/null || skip "no openssl"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TL_TMP/key.pem" \
	-out "$TL_TMP/cert.pem" -days 2 -subj "/CN=localhost" \
	-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null ||
	fail "openssl req"
cat >"$TL_TMP/tls.py" <<'EOP'
import socket, ssl, sys, time
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
s.settimeout(1)
keep = []
end = time.time() + 60
while time.time() < end:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    c.settimeout(2)
    try:
        keep.append(ctx.wrap_socket(c, server_side=True))
    except Exception:
        pass
EOP
P=$(free_port)
$PY "$TL_TMP/tls.py" "$P" "$TL_TMP/cert.pem" "$TL_TMP/key.pem" &
track_pid "$!" tls
wait_port 127.0.0.1 "$P" 5

report --timeout 2 --tls implicit "tcp://127.0.0.1:$P"
assert_exit 1 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'details("tcp.tls")["result"] == "ok"' "handshake not ok"
assert_json "$TL_TMP/report.json" 'details("tcp.tls")["version"].startswith("TLSv1.")' "no version"
assert_json "$TL_TMP/report.json" 'details("tcp.tls")["verify"] == "self_signed"' "not self_signed"
assert_json "$TL_TMP/report.json" 'cause_ids()[0] == "tls.certificate"' "no tls.certificate"
assert_json "$TL_TMP/report.json" 'status("banner") == "skipped"' "banner ran before TLS"

report --timeout 2 --tls implicit --cacert "$TL_TMP/cert.pem" "tcp://127.0.0.1:$P"
assert_exit 0 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'status("tcp.tls") == "ok"' "verified handshake not ok"

start_lab tcp none
report --timeout 1 --tls implicit "tcp://127.0.0.1:$LAB_PORT"
assert_exit 1 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'details("tcp.tls")["result"] == "timeout"' "no handshake timeout"
assert_json "$TL_TMP/report.json" 'cause_ids()[0] == "tls.handshake_failed"' "no tls.handshake_failed"
echo "ok"
