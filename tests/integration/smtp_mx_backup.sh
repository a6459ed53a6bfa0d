#!/bin/bash
# A mail domain whose primary MX fails while a backup MX takes mail
# (RFC 5321 5.1: senders try the MX hosts in preference order).  dnsmasq
# in the namespace gives backup.test three MX hosts on loopback addresses:
# mx1 (10, 127.0.0.2), mx2 (20, 127.0.0.3, aiosmtpd), mx3 (30, 127.0.0.4);
# the target port (--port) applies to every MX host.
#   a. mx1 refused: smtp.mx_partial first (medium), naming mx1 and mx2,
#      "mail still flows through mx2"; reach stays on the primary.
#   b. mx1 filtered (iptables DROP): the same with "filtered".
#   c. every MX host refuses: tcp.refused first with every host's result.
#   d. the primary MX has no address (nodata.test: mx1 has only a TXT
#      record): smtp.mx_partial before dns.no_address (medium), which
#      names the backup.
#   e. a null MX (RFC 7505, null.test MX "."): dns.no_address "accepts no
#      mail", and nothing connects to the domain's own address.
#   f. port 587: smtp.mx does not run (submission uses the given host).
#   g. the primary MX's name does not exist, the backup greets.
#   h. the only MX's name does not exist; i. the MX is an IP address.
# Everything runs in a namespace with only lo (asserted: no other link,
# no route off the host).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
DNSMASQ=/usr/sbin/dnsmasq
[ -x "$DNSMASQ" ] || skip "dnsmasq missing"
[ "$(nsx ip -o link show | grep -vc ': lo:')" = 0 ] ||
	fail "the namespace has a link other than lo"
[ -z "$(nsx ip route show default)" ] || fail "the namespace has a default route"

smtp_server mx2 --mode plain --host 127.0.0.3
PORT=$(smtp_port mx2)
# A listener on the null-MX domain's own address (127.0.0.5, the same
# port): it logs every connection, and there must be none.
ip netns exec "$SMTP_NS" /usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.5", int(sys.argv[1]))); s.listen(8); s.settimeout(1)
end = time.time() + 120
while time.time() < end:
    try:
        c, a = s.accept()
    except socket.timeout:
        continue
    open(sys.argv[2], "a").write("connection from %s\n" % a[0]); c.close()
' "$PORT" "$SMTP_TMP/null_conns.log" >"$SMTP_TMP/null_listener.log" 2>&1 &
track_pid "$!" null_listener
# As in smtp_mx.sh: ip netns exec execs dnsmasq (and the listener above)
# in place, so $! is the daemon; its pid file is tracked too in case it ever forks.
ip netns exec "$SMTP_NS" "$DNSMASQ" -k --conf-file=/dev/null --no-resolv \
	--no-hosts --port=53 --listen-address=127.0.0.1 --bind-interfaces \
	--local=/test/ --pid-file="$SMTP_TMP/dnsmasq.pid" \
	--log-queries --log-facility="$SMTP_TMP/dnsmasq.log" \
	--host-record=mx1.backup.test,127.0.0.2 \
	--host-record=mx2.backup.test,127.0.0.3 \
	--host-record=mx3.backup.test,127.0.0.4 \
	--mx-host=backup.test,mx1.backup.test,10 \
	--mx-host=backup.test,mx2.backup.test,20 \
	--mx-host=backup.test,mx3.backup.test,30 \
	--txt-record=mx1.nodata.test,"no address here" \
	--mx-host=nodata.test,mx1.nodata.test,10 \
	--mx-host=nodata.test,mx2.backup.test,20 \
	--host-record=null.test,127.0.0.5 \
	--mx-host=null.test,.,0 \
	--mx-host=nx.test,mx1.nx.test,10 \
	--mx-host=nx.test,mx2.backup.test,20 \
	--mx-host=typo.test,mx.tpyo.test,10 \
	--local=/3/ --mx-host=lit.test,127.0.0.3,10 &
track_pid "$!"
for i in $(seq 50); do
	[ -s "$SMTP_TMP/dnsmasq.pid" ] && break
	sleep 0.1
done
[ -s "$SMTP_TMP/dnsmasq.pid" ] || fail "dnsmasq did not start"
track_pid "$(cat "$SMTP_TMP/dnsmasq.pid")" dnsmasq

# a. The primary refuses (nothing listens on 127.0.0.2), mx2 greets.
smtp_sockdoc "$SMTP_TMP/a.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@backup.test
A=$SMTP_TMP/a.json
note "a. causes: $(t_cause_ids "$A")"
assert_json "$A" "details('dns')['host_used'] == 'mx1.backup.test'"
assert_json "$A" "status('reach') == 'fail'"
assert_json "$A" "[h['host'] for h in details('smtp.mx')['mx']] == ['mx1.backup.test', 'mx2.backup.test', 'mx3.backup.test']"
assert_json "$A" "[h['preference'] for h in details('smtp.mx')['mx']] == [10, 20, 30]"
assert_json "$A" "[h['result'] for h in details('smtp.mx')['mx']] == ['refused', 'ok', 'refused']"
assert_json "$A" "details('smtp.mx')['mx'][1]['address'] == '127.0.0.3:$PORT'"
assert_cause "$A" smtp.mx_partial
assert_json "$A" "cause('smtp.mx_partial')['confidence'] == 'medium'"
assert_evidence "$A" smtp.mx_partial "mx1.backup.test \(10, refused\)"
assert_evidence "$A" smtp.mx_partial "mx2.backup.test \(20, ok\)"
assert_evidence "$A" smtp.mx_partial "mail still flows through mx2.backup.test \(preference 20\); the primary MX mx1.backup.test fails \(refused\)"
assert_exit 1

# b. The primary filtered (its SYNs dropped in the namespace).
if nsx iptables -A INPUT -d 127.0.0.2 -p tcp --dport "$PORT" -j DROP; then
	smtp_sockdoc "$SMTP_TMP/b.json" --dns-server 127.0.0.1 \
		--port "$PORT" alice@backup.test
	B=$SMTP_TMP/b.json
	note "b. causes: $(t_cause_ids "$B")"
	assert_json "$B" "details('smtp.mx')['mx'][0]['result'] == 'filtered'"
	assert_cause "$B" smtp.mx_partial
	assert_evidence "$B" smtp.mx_partial "the primary MX mx1.backup.test fails \(filtered\)"
	assert_evidence "$B" smtp.mx_partial "mx2.backup.test"
	nsx iptables -D INPUT -d 127.0.0.2 -p tcp --dport "$PORT" -j DROP ||
		fail "cannot remove the DROP rule"
else
	note "no iptables in the namespace: the filtered case is not tested"
fi

# c. Every MX host refuses (a port where nothing listens): the primary's
# cause first, with every host's evidence; no smtp.mx_partial.
DEAD=$(( PORT == 65535 ? PORT - 1 : PORT + 1 ))
smtp_sockdoc "$SMTP_TMP/c.json" --dns-server 127.0.0.1 --port "$DEAD" \
	alice@backup.test
C=$SMTP_TMP/c.json
note "c. causes: $(t_cause_ids "$C")"
assert_json "$C" "details('smtp.mx')['hosts_ok'] == 0"
assert_cause "$C" tcp.refused
assert_json "$C" "'smtp.mx_partial' not in causes()"
assert_evidence "$C" tcp.refused "none of the 3 MX hosts .* port $DEAD: mx1.backup.test \(10, refused\), mx2.backup.test \(20, refused\), mx3.backup.test \(30, refused\)"

# d. The primary MX has no address; the backup (mx2) greets.
smtp_sockdoc "$SMTP_TMP/d.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@nodata.test
D=$SMTP_TMP/d.json
note "d. causes: $(t_cause_ids "$D")"
assert_json "$D" "details('dns')['mx_host_status'] == 'nodata'"
assert_json "$D" "[h['result'] for h in details('smtp.mx')['mx']] == ['unresolved', 'ok']"
assert_cause "$D" smtp.mx_partial
assert_evidence "$D" smtp.mx_partial "mx1.nodata.test \(10, unresolved\)"
assert_json "$D" "cause('dns.no_address')['confidence'] == 'medium'"
assert_evidence "$D" dns.no_address "mx1.nodata.test has no IPv4 or IPv6 address"
assert_evidence "$D" dns.no_address "mail still flows through the backup MX mx2.backup.test \(preference 20\)"

# e. A null MX: the domain accepts no mail; its own address is not tried.
smtp_sockdoc "$SMTP_TMP/e.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@null.test
E=$SMTP_TMP/e.json
note "e. causes: $(t_cause_ids "$E")"
assert_json "$E" "status('dns') == 'fail'"
assert_json "$E" "details('dns')['null_mx'] is True"
assert_json "$E" "details('dns')['implicit_mx'] is False"
assert_json "$E" "status('reach') in ('skipped', 'absent')"
assert_cause "$E" dns.no_address
assert_json "$E" "cause('dns.no_address')['confidence'] == 'high'"
assert_evidence "$E" dns.no_address "null.test publishes a null MX .*accepts no mail"
assert_json "$E" "'replace the null MX' in fixes('dns.no_address').split(chr(10))[0]"
assert_json "$E" "'tcp.refused' not in causes()"
assert_exit 1
[ ! -s "$SMTP_TMP/null_conns.log" ] ||
	fail "sockdoc connected to the null-MX domain's address: $(cat "$SMTP_TMP/null_conns.log")"
# The listener is up (a connection from here is logged), so "no
# connection" above means none was made.
nsx /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.5', $PORT), 2).close()" ||
	fail "the null-MX listener is not up"
for i in $(seq 20); do
	[ -s "$SMTP_TMP/null_conns.log" ] && break
	sleep 0.1
done
[ -s "$SMTP_TMP/null_conns.log" ] || fail "the null-MX listener logs nothing"

# f. The submission port (587): a client uses the host it is given, not
# the MX list, so smtp.mx stays out and no backup is claimed.
smtp_sockdoc "$SMTP_TMP/f.json" --dns-server 127.0.0.1 --port 587 \
	alice@backup.test
F=$SMTP_TMP/f.json
note "f. causes: $(t_cause_ids "$F")"
assert_json "$F" "status('smtp.mx') == 'skipped'"
assert_json "$F" "'submission port' in probe('smtp.mx')['summary']"
assert_json "$F" "'smtp.mx_partial' not in causes()"

# g. The primary MX names a host that does not exist, the backup greets.
smtp_sockdoc "$SMTP_TMP/g.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@nx.test
G=$SMTP_TMP/g.json
note "g. causes: $(t_cause_ids "$G")"
assert_json "$G" "details('dns')['mx_host_status'] == 'nxdomain'"
assert_cause "$G" smtp.mx_partial
assert_json "$G" "causes()[1] == 'dns.nxdomain'"
assert_json "$G" "cause('dns.nxdomain')['confidence'] == 'medium'"
assert_evidence "$G" dns.nxdomain "the mail server \(MX\) of nx.test is mx1.nx.test, .*NXDOMAIN"
assert_evidence "$G" dns.nxdomain "mail still flows through the backup MX mx2.backup.test \(preference 20\)"

# h. The only MX host does not exist (a typo in the MX record): a DNS
# cause for the MX, not check.unexplained.
smtp_sockdoc "$SMTP_TMP/h.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@typo.test
H=$SMTP_TMP/h.json
note "h. causes: $(t_cause_ids "$H")"
assert_cause "$H" dns.nxdomain
assert_json "$H" "cause('dns.nxdomain')['confidence'] == 'high'"
assert_json "$H" "fixes('dns.nxdomain').split(chr(10))[0].startswith('Correct the MX record of typo.test: mx.tpyo.test does not exist')"
assert_json "$H" "'check.unexplained' not in causes()"

# i. The MX names an IP address: looked up as a name (the last label
# "3" is a zone dnsmasq holds, so NXDOMAIN as from the root), reported
# as an address where a name belongs.
smtp_sockdoc "$SMTP_TMP/i.json" --dns-server 127.0.0.1 --port "$PORT" \
	alice@lit.test
I=$SMTP_TMP/i.json
note "i. causes: $(t_cause_ids "$I")"
assert_json "$I" "details('dns')['mx_host'] == '127.0.0.3'"
assert_cause "$I" dns.nxdomain
assert_evidence "$I" dns.nxdomain "the MX record names an IP address \(127.0.0.3\), not a host name"
assert_json "$I" "'not at the address itself' in fixes('dns.nxdomain').split(chr(10))[0]"
assert_json "$I" "'check.unexplained' not in causes()"

# Only .test names (and the literal MX of i.) were asked (no query for anything else).
grep -q 'query\[' "$SMTP_TMP/dnsmasq.log" || fail "dnsmasq logged no query"
! grep 'query\[' "$SMTP_TMP/dnsmasq.log" |
	grep -v -e '\.test from ' -e '\] 127\.0\.0\.3 from ' ||
	fail "a query for a name outside .test"
echo PASS
