#!/bin/bash
# tcp:// against a generic service: a silent one (it waits for the
# client) and one that speaks first are both healthy, the first bytes
# recorded in banner's details, no service.wrong_protocol; a tcp:// target
# without a port is a usage error (exit 2); --protocol tcp works with
# host:port; the lab's tcp sink reset-on-connect is tcp.reset_on_connect;
# trial.halfclose sees the sink's graceful close after our FIN.
. "$(dirname "$0")/lib_trials.sh"
cat >"$TL_TMP/srv.py" <<'EOP'
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
s.settimeout(1)
end = time.time() + 60
while time.time() < end:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    if len(sys.argv) > 2:
        c.sendall(sys.argv[2].encode() + b"\r\n")
EOP
P1=$(free_port)
$PY "$TL_TMP/srv.py" "$P1" &
track_pid "$!" silent
P2=$(free_port)
$PY "$TL_TMP/srv.py" "$P2" "HELLO myapp 1.0" &
track_pid "$!" speaker
wait_port 127.0.0.1 "$P1" 5
wait_port 127.0.0.1 "$P2" 5

report --timeout 1 "tcp://127.0.0.1:$P1"
assert_exit 0 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'details("banner")["result"] == "silent"' "silence not recorded"
assert_json "$TL_TMP/report.json" '"service.wrong_protocol" not in cause_ids()' "silence read as the wrong protocol"

report --timeout 1 --protocol tcp "127.0.0.1:$P2"
assert_exit 0 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'details("banner")["result"] == "data"' "first bytes not recorded"
assert_json "$TL_TMP/report.json" '"HELLO myapp 1.0" in details("banner")["raw"]' "first bytes missing"

report --timeout 1 "tcp://127.0.0.1"
assert_exit 2 "$REPORT_RC"

start_lab tcp reset-on-connect
report --timeout 1 "tcp://127.0.0.1:$LAB_PORT"
assert_exit 1 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'cause_ids()[0] == "tcp.reset_on_connect"' "reset-on-connect not first"

# trial.halfclose on tcp://: our FIN first; the lab's sink answers with
# its own FIN (a graceful close).
start_lab tcp none
report --timeout 1 --trials halfclose "tcp://127.0.0.1:$LAB_PORT"
assert_exit 0 "$REPORT_RC"
assert_json "$TL_TMP/report.json" 'details("trial.halfclose")["result"] == "peer_fin"' "no graceful close seen"

# explain's hard-close and message-boundary notes name the tcp:// commands.
"$SOCKDOC" explain 10054 >"$TL_TMP/explain.txt" || true
grep -q 'halfclose tcp://HOST:PORT' "$TL_TMP/explain.txt" || fail "explain 10054 does not link the tcp:// half-close command"
grep -q 'watch 10 tcp://HOST:PORT' "$TL_TMP/explain.txt" || fail "explain 10054 does not link the tcp:// watch"
echo "ok"
