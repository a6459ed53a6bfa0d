#!/bin/bash
# dns.sh — the dns and icmp probes against a real DNS server (dnsmasq on
# loopback, authoritative for .test) and a real SMTP server (aiosmtpd):
# a name that resolves, a typo with a suggestion, an e-mail domain's MX,
# a DNS server where nothing listens, one that never answers, a hosts-file
# override, and ping to 127.0.0.1.  Only loopback traffic; never the
# system's resolver (every run passes --dns-server).
set -u
export LC_ALL=C LANG=C LANGUAGE=

PY=/usr/bin/python3
DNSMASQ=/usr/sbin/dnsmasq
SOCKDOC=${SOCKDOC:-$(pwd)/src/sockdoc}

[ -x "$DNSMASQ" ] || { echo "SKIP: no $DNSMASQ"; exit 77; }
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIP: no aiosmtpd"; exit 77; }
[ -x "$SOCKDOC" ] || { echo "FAIL: no $SOCKDOC"; exit 1; }

TMP=$(mktemp -d)
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# A port free for both UDP and TCP on 127.0.0.1.
free_port() {
	$PY - <<'EOF'
import socket
for _ in range(50):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    port = u.getsockname()[1]
    t = socket.socket()
    try:
        t.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(port)
    break
EOF
}

# Wait (at most 5 s) until TCP port $1 on 127.0.0.1 accepts.
wait_tcp() {
	local i
	for i in $(seq 50); do
		$PY -c "import socket;socket.create_connection(('127.0.0.1',$1),0.2)" \
			2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# Wait (at most 5 s) until the DNS server on port $1 answers a query.
wait_dns() {
	$PY - "$1" <<'EOF'
import socket, sys, time
q = bytes.fromhex("abcd01000001000000000000") + \
    b"\x04mail\x07example\x04test\x00\x00\x01\x00\x01"
end = time.time() + 5
while time.time() < end:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.2)
    try:
        s.sendto(q, ("127.0.0.1", int(sys.argv[1])))
        if s.recv(512)[:2] == q[:2]:
            sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
EOF
}

SMTP_PORT=$(free_port)
$PY -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" >"$TMP/smtp.log" 2>&1 &
PIDS+=($!)
wait_tcp "$SMTP_PORT" || { echo "FAIL: aiosmtpd did not start"; exit 1; }

for try in 1 2 3; do
	DNS_PORT=$(free_port)
	$DNSMASQ -k --conf-file=/dev/null --no-resolv --no-hosts \
		--port="$DNS_PORT" --listen-address=127.0.0.1 --bind-interfaces \
		--pid-file="$TMP/dnsmasq.pid" --local=/test/ \
		--address=/mail.example.test/127.0.0.1 \
		--mx-host=example.test,mail.example.test,10 \
		--srv-host=_submission._tcp.example.test,mail.example.test,"$SMTP_PORT" \
		--address=/localhost/127.0.0.2 \
		--address=/dual.example.test/127.0.0.1 \
		--address=/dual.example.test/::1 \
		--log-facility="$TMP/dnsmasq.log" 2>>"$TMP/dnsmasq.err" &
	DNS_PID=$!
	if wait_dns "$DNS_PORT"; then
		PIDS+=($DNS_PID)
		break
	fi
	kill "$DNS_PID" 2>/dev/null
	wait "$DNS_PID" 2>/dev/null
	DNS_PID=
done
[ -n "$DNS_PID" ] || { cat "$TMP/dnsmasq.err"; echo "FAIL: dnsmasq did not start"; exit 1; }

# Run sockdoc with OUR DNS server; the report lands in $TMP/$1.json.
diag() {
	local out=$1
	shift
	timeout --foreground -k 5 30 "$SOCKDOC" --report --format json --timeout 2 --budget 20 "$@" \
		>"$TMP/$out.json" 2>"$TMP/$out.err"
	echo $? >"$TMP/$out.rc"
}

# Check report $1 with the python assertions on stdin (r = the report,
# probe(id) = a probe, cause(id) = a cause or None).
check() {
	local name=$1
	if $PY - "$TMP/$name.json" >"$TMP/$name.check" 2>&1 <<EOF
import json, sys
r = json.load(open(sys.argv[1]))
def probe(i):
    return next(p for p in r["probes"] if p["id"] == i)
def cause(i):
    return next((c for c in r["causes"] if c["id"] == i), None)
def ev(c, text):
    return any(text in e for e in c["evidence"])
$(cat)
EOF
	then
		echo "ok: $name"
	else
		fail "$name"
		cat "$TMP/$name.check"
		head -c 4000 "$TMP/$name.json"
		echo
	fi
}

DNS="--dns-server 127.0.0.1:$DNS_PORT"

# 1. A name that resolves: dns ok with its address, the banner is read.
diag resolves $DNS "smtp://mail.example.test:$SMTP_PORT"
check resolves <<'EOF'
d = probe("dns")
assert d["status"] == "ok", d
assert d["details"]["addresses"] == ["127.0.0.1"], d
assert d["details"]["server"].startswith("127.0.0.1:"), d
assert r["target"]["addresses"] == ["127.0.0.1"]
assert probe("banner")["status"] == "ok", probe("banner")
assert not any(c["id"].startswith("dns.") for c in r["causes"]), r["causes"]
EOF

# 2. ICMP to 127.0.0.1: replies, or skipped with the reason.
cp "$TMP/resolves.json" "$TMP/icmp_loopback.json"
check icmp_loopback <<'EOF'
i = probe("icmp")
assert i["status"] in ("ok", "skipped"), i
if i["status"] == "ok":
    t = i["details"]["targets"][0]
    assert t["address"] == "127.0.0.1" and 1 <= t["sent"] <= 3, t
    assert t["received"] > 0 and t["rtt_ms_min"] <= t["rtt_ms_max"], t
else:
    assert "ICMP" in i["summary"], i
EOF

# 3. A typo: NXDOMAIN, and the near name that exists is suggested.
diag typo $DNS "smtp://smpt.example.test:$SMTP_PORT"
check typo <<'EOF'
d = probe("dns")
assert d["status"] == "fail" and d["details"]["error"] == "nxdomain", d
s = d["details"]["suggestions"]
assert s[0]["name"] == "mail.example.test", s
assert s[0]["addresses"] == ["127.0.0.1"], s
c = cause("dns.nxdomain")
assert c and c["confidence"] == "high", r["causes"]
assert ev(c, "smpt.example.test") and ev(c, "mail.example.test exists (127.0.0.1)"), c
assert c["fixes"][0] == "use mail.example.test instead of smpt.example.test", c
EOF

# 4. An e-mail address: the domain's MX is found and diagnosed.
diag email $DNS --port "$SMTP_PORT" user@example.test
check email <<'EOF'
d = probe("dns")["details"]
assert d["mx"] == [{"host": "mail.example.test", "preference": 10}], d
assert d["mx_host"] == "mail.example.test" and d["addresses"] == ["127.0.0.1"], d
assert d["submission"][0]["host"] == "mail.example.test", d
assert d["name"] == "example.test" and r["target"]["host"] == "mail.example.test", r["target"]
assert probe("dns")["status"] == "ok", probe("dns")
assert probe("banner")["status"] == "ok", probe("banner")
assert not any(c["id"].startswith("dns.") for c in r["causes"]), r["causes"]
EOF

# 5. A DNS server where nothing listens: dns.failure, at once.
DEAD_PORT=$(free_port)
diag dead --dns-server "127.0.0.1:$DEAD_PORT" "smtp://mail.example.test:$SMTP_PORT"
check dead <<EOF
d = probe("dns")
assert d["status"] == "fail" and d["details"]["error"] in ("no_answer", "timeout"), d
assert d["duration_ms"] <= 2500, d
c = cause("dns.failure")
assert c and ev(c, "127.0.0.1:$DEAD_PORT"), r["causes"]
assert probe("reach")["status"] == "skipped"
EOF

# 6. A DNS server that never answers: dns.failure after the timeout.
$PY -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
time.sleep(40)' >"$TMP/silent.port" &
PIDS+=($!)
for i in $(seq 50); do [ -s "$TMP/silent.port" ] && break; sleep 0.1; done
SILENT_PORT=$(cat "$TMP/silent.port")
diag silent --dns-server "127.0.0.1:$SILENT_PORT" "smtp://mail.example.test:$SMTP_PORT"
check silent <<EOF
d = probe("dns")
assert d["status"] == "fail" and d["details"]["error"] == "timeout", d
assert 1900 <= d["duration_ms"] <= 3000, d
c = cause("dns.failure")
assert c and ev(c, "127.0.0.1:$SILENT_PORT") and ev(c, "within 2000 ms"), r["causes"]
EOF

# 7. The hosts file maps localhost elsewhere than DNS does (if it maps it).
if grep -Eq '^127\.0\.0\.1[[:space:]].*\blocalhost\b' /etc/hosts; then
	diag override $DNS "smtp://localhost:$SMTP_PORT"
	check override <<'EOF'
d = probe("dns")["details"]
assert d["local_override"] is True and "127.0.0.1" in d["hosts_file"], d
assert d["addresses"] == ["127.0.0.2"], d
c = cause("dns.local_override")
assert c and ev(c, "127.0.0.1") and ev(c, "127.0.0.2"), r["causes"]
EOF
else
	echo "skip: /etc/hosts has no 127.0.0.1 localhost line"
fi

# 8. An IP literal needs no lookup.
diag literal $DNS "smtp://127.0.0.1:$SMTP_PORT"
check literal <<'EOF'
d = probe("dns")
assert d["status"] == "ok" and d["details"]["addresses"] == ["127.0.0.1"], d
assert d["summary"] == "no lookup needed", d
EOF

# 9. IPv4 and IPv6 addresses, the server listens on IPv4 only.
if $PY -c 'import socket;s=socket.socket(socket.AF_INET6);s.bind(("::1",0))' 2>/dev/null; then
	diag dual $DNS "smtp://dual.example.test:$SMTP_PORT"
	check dual <<'EOF'
d = probe("dns")["details"]
assert d["addresses"] == ["127.0.0.1", "::1"], d
c = cause("net.ipv6_broken")
assert c and ev(c, "every IPv6 address fails") and ev(c, "::1 refused"), r["causes"]
assert ev(c, "1 of 1 IPv4 address(es) connect"), c
EOF
else
	echo "skip: no IPv6 loopback"
fi

[ "$FAILS" -eq 0 ] || { echo "$FAILS check(s) failed"; exit 1; }
echo "all dns checks passed"
