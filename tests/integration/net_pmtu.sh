#!/bin/bash
# net_pmtu.sh — a path MTU black hole on a real link: the test runs in a
# private network namespace (unshare -n) with a veth pair (MTU 1500 on
# both ends) to a peer namespace 10.77.41.2 where openssl s_server speaks
# implicit TLS with a certificate made here (its chain makes the server's
# flight larger than one small packet).  The peer's iptables drops every
# packet of the server's port longer than 700 bytes and sends no ICMP: a
# black hole.  tcp.tls stalls, the pmtu probe's retry with an MSS of 536
# passes: net.pmtu_blackhole with both sizes.  The same for SMTP with
# STARTTLS (a python server on port 25: the plain-text EHLO passes, the
# TLS flight vanishes; the retry is the own dialogue with MSS 536).
# Without the rule each run is healthy and pmtu does not run; a server
# whose every packet vanishes after connecting is no black hole.  smtps://
# (implicit TLS on 465): smtp.ehlo (libcurl) times out in the handshake,
# the retry passes and one with the usual MSS stalls again.  Needs root, unshare, ip, iptables,
# openssl; exits 77 without them.
set -u
export LC_ALL=C LANG=C LANGUAGE=

PY=/usr/bin/python3
SOCKDOC=${SOCKDOC:-$(pwd)/src/sockdoc}

if [ -z "${SOCKDOC_IN_NETNS:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
	for tool in unshare ip iptables openssl; do
		command -v $tool >/dev/null || { echo "SKIP: no $tool"; exit 77; }
	done
	unshare -n true 2>/dev/null || { echo "SKIP: unshare -n refused"; exit 77; }
	SOCKDOC_IN_NETNS=1 SOCKDOC=$SOCKDOC exec unshare -n bash "$0"
fi

PEER=sdpmtu$$
TMP=$(mktemp -d)
SRV=
SMTP=
cleanup() {
	[ -n "$SRV" ] && kill "$SRV" 2>/dev/null
	[ -n "$SMTP" ] && kill "$SMTP" 2>/dev/null
	ip netns del "$PEER" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

ip link set lo up
ip netns add "$PEER" || { echo "SKIP: ip netns add refused"; exit 77; }
ip link add sdmh$$ mtu 1500 type veth peer name sdmp$$ mtu 1500 ||
	{ echo "SKIP: no veth"; exit 77; }
ip link set sdmp$$ netns "$PEER"
ip addr add 10.77.41.1/24 dev sdmh$$
ip link set sdmh$$ up
ip -n "$PEER" addr add 10.77.41.2/24 dev sdmp$$
ip -n "$PEER" link set sdmp$$ up
ip -n "$PEER" link set lo up
# No segmentation offload on the server's side: the length match must
# see the packets as they go on the wire.
ip -n "$PEER" link set sdmp$$ gso_max_size 1500 gso_max_segs 1 2>/dev/null
ip netns exec "$PEER" iptables -F OUTPUT 2>/dev/null ||
	{ echo "SKIP: no iptables in the namespace"; exit 77; }

PORT=8443
openssl req -x509 -newkey rsa:3072 -nodes -keyout "$TMP/key.pem" \
	-out "$TMP/cert.pem" -days 2 -subj "/CN=pmtu.test" \
	-addext "subjectAltName=DNS:pmtu.test,IP:10.77.41.2" 2>/dev/null ||
	{ echo "FAIL: openssl req"; exit 1; }
ip netns exec "$PEER" openssl s_server -quiet -accept "10.77.41.2:$PORT" \
	-cert "$TMP/cert.pem" -key "$TMP/key.pem" </dev/null \
	>"$TMP/server.log" 2>&1 &
SRV=$!
for _ in $(seq 50); do
	ip netns exec "$PEER" ss -ltn | grep -q ":$PORT " && break
	sleep 0.1
done

# An SMTP server with STARTTLS (RFC 3207) on port 25, 90 s at most.
cat >"$TMP/smtp.py" <<'EOP'
import select, socket, ssl, sys, threading, time
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
def serve(c, implicit):
    c.settimeout(10)
    try:
        if implicit:
            c = ctx.wrap_socket(c, server_side=True)
        f = c.makefile("rb")
        c.sendall(b"220 pmtu.test ESMTP\r\n")
        for _ in range(10):
            line = f.readline(1000).strip().upper()
            if not line or line.startswith(b"QUIT"):
                break
            if line.startswith(b"EHLO"):
                c.sendall(b"250 pmtu.test\r\n" if implicit else
                          b"250-pmtu.test\r\n250 STARTTLS\r\n")
            elif line.startswith(b"STARTTLS"):
                c.sendall(b"220 go ahead\r\n")
                t = ctx.wrap_socket(c, server_side=True)
                tf = t.makefile("rb")
                for _ in range(10):
                    l = tf.readline(1000).strip().upper()
                    if not l or l.startswith(b"QUIT"):
                        break
                    t.sendall(b"250-pmtu.test\r\n250 AUTH PLAIN\r\n"
                              if l.startswith(b"EHLO") else b"250 ok\r\n")
                break
            else:
                c.sendall(b"250 ok\r\n")
    except Exception:
        pass
    c.close()
socks = {}
for port in (25, 465):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], port))
    s.listen(16)
    socks[s] = port == 465
end = time.time() + 90
while time.time() < end:
    for s in select.select(list(socks), [], [], 1)[0]:
        c, _ = s.accept()
        threading.Thread(target=serve, args=(c, socks[s]),
                         daemon=True).start()
EOP
ip netns exec "$PEER" $PY "$TMP/smtp.py" 10.77.41.2 "$TMP/cert.pem" \
	"$TMP/key.pem" >"$TMP/smtp.log" 2>&1 &
SMTP=$!
for _ in $(seq 50); do
	ip netns exec "$PEER" ss -ltn | grep -q ":465 " && break
	sleep 0.1
done

FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# Run sockdoc into report $1.
diag() {
	timeout --foreground -k 5 40 "$SOCKDOC" --report --format json --timeout 2 --budget 25 \
		--tls implicit --cacert "$TMP/cert.pem" "tcp://10.77.41.2:$PORT" >"$TMP/$1.json" \
		2>"$TMP/$1.err"
	echo $? >"$TMP/$1.rc"
}

# Run sockdoc on the SMTP server into report $1 (URL $2: STARTTLS on 25
# by default).
diag_smtp() {
	timeout --foreground -k 5 60 "$SOCKDOC" --report --format json --timeout 2 --budget 40 \
		--cacert "$TMP/cert.pem" "${2:-smtp://10.77.41.2:25}" \
		>"$TMP/$1.json" 2>"$TMP/$1.err"
	echo $? >"$TMP/$1.rc"
}

# Check report $1 with python on stdin (r = report, d(id) = details).
check() {
	local name=$1
	if $PY - "$TMP/$name.json" >"$TMP/$name.check" 2>&1 <<EOF
import json, sys
r = json.load(open(sys.argv[1]))
def probe(i):
    return next((p for p in r["probes"] if p["id"] == i), {})
def d(i):
    return probe(i).get("details", {})
ids = [c["id"] for c in r.get("causes", [])]
rc = int(open(sys.argv[1][:-5] + ".rc").read())
$(cat)
EOF
	then
		echo "ok: $name"
	else
		fail "$name"
		cat "$TMP/$name.check" "$TMP/$name.json"
	fi
}

# Healthy path: no drop rule, the handshake passes, pmtu skipped.
diag healthy
check healthy <<'EOF'
assert d("tcp.tls")["result"] == "ok", d("tcp.tls")
assert probe("pmtu").get("status") == "skipped", probe("pmtu")
assert rc == 0, rc
assert "net.pmtu_blackhole" not in ids, ids
EOF

# SMTP with STARTTLS, healthy path.
diag_smtp smtp_healthy
check smtp_healthy <<'EOF'
assert d("tls").get("mode") == "starttls", d("tls")
assert probe("pmtu").get("status") == "skipped", probe("pmtu")
assert rc == 0, (rc, ids)
assert "net.pmtu_blackhole" not in ids, ids
EOF

# Black hole: large server packets vanish, no ICMP.
ip netns exec "$PEER" iptables -A OUTPUT -p tcp --sport "$PORT" \
	-m length --length 700:65535 -j DROP
diag blackhole
check blackhole <<'EOF'
assert d("tcp.tls")["result"] == "timeout", d("tcp.tls")
assert d("tcp.tls")["mss"] > 1000, d("tcp.tls")
m = d("pmtu")["pmtu"]
assert m["small_mss_ok"] is True and m["mss_ok"] == 536, m
assert m["mss_failed"] == d("tcp.tls")["mss"], m
assert m["stalled"] == "TLS handshake", m
assert d("pmtu")["result"] == "ok" and d("pmtu")["bytes_in"] > 700, d("pmtu")
assert ids and ids[0] == "net.pmtu_blackhole", ids
c = r["causes"][0]
ev = " ".join(c.get("evidence", []))
assert "MSS %d" % m["mss_failed"] in ev and "536" in ev, ev
assert rc == 1, rc
assert "536 bytes" in " ".join(c.get("fixes", [])), c
t = next(x for x in r["causes"] if x["id"] == "tls.handshake_failed")
assert "large packets are lost" in t["fixes"][0], t
assert not any("Update the client" in f for f in t["fixes"]), t

EOF

# SMTP: the plain-text dialogue passes, the TLS flight vanishes.
ip netns exec "$PEER" iptables -A OUTPUT -p tcp --sport 25 \
	-m length --length 700:65535 -j DROP
diag_smtp smtp_blackhole
check smtp_blackhole <<'EOF'
assert d("tls")["handshake_kind"] in ("stalled", "no_bytes"), d("tls")
assert d("tls")["handshake_mss"] > 1000, d("tls")
m = d("pmtu")["pmtu"]
assert m["small_mss_ok"] is True and m["mss_ok"] == 536, m
assert m["mss_failed"] == d("tls")["handshake_mss"], m
assert d("pmtu")["bytes_in"] > 700, d("pmtu")
assert ids and ids[0] == "net.pmtu_blackhole", ids
ev = " ".join(r["causes"][0].get("evidence", []))
assert "MSS %d" % m["mss_failed"] in ev and "536" in ev, ev
assert rc == 1, rc
EOF

# SMTP with implicit TLS (smtps://, RFC 8314): the handshake is the
# first thing on the connection.
diag_smtp smtps_healthy smtps://10.77.41.2:465
check smtps_healthy <<'EOF'
assert probe("pmtu").get("status") == "skipped", probe("pmtu")
assert "net.pmtu_blackhole" not in ids, ids
assert rc == 0, (rc, ids)
EOF
ip netns exec "$PEER" iptables -A OUTPUT -p tcp --sport 465 \
	-m length --length 700:65535 -j DROP
diag_smtp smtps_blackhole smtps://10.77.41.2:465
check smtps_blackhole <<'EOF'
m = d("pmtu")["pmtu"]
assert probe("tls").get("status") == "skipped", probe("tls")
assert d("pmtu")["result"] == "ok" and d("pmtu")["bytes_in"] > 700, d("pmtu")
assert m["small_mss_ok"] is True and m["mss_ok"] == 536, m
assert m["mss_failed"] > 1000, m
assert ids and ids[0] == "net.pmtu_blackhole", ids
EOF

# A server that never answers at all: the retry stalls too, no black hole.
ip netns exec "$PEER" iptables -F OUTPUT
ip netns exec "$PEER" iptables -A OUTPUT -p tcp --sport "$PORT" \
	-m length --length 100:65535 -j DROP
diag silent
check silent <<'EOF'
assert d("tcp.tls")["result"] == "timeout", d("tcp.tls")
assert d("pmtu")["result"] == "stalled", d("pmtu")
assert d("pmtu")["pmtu"]["small_mss_ok"] is False, d("pmtu")
assert "net.pmtu_blackhole" not in ids, ids
EOF

[ "$FAILS" = 0 ] || exit 1
echo "ok"
