#!/bin/bash
# smtp.port25_blocked: a server answering on 25, 587 and 465 behind a
# firewall that silently drops port 25 (iptables in the server's
# namespace, reached over a veth pair).  The client is set like Outlook
# in the issue (port 25, no SSL); the report must name the block, show the
# silent drop against the working submission ports, and give the pair.
# Control: port 25 refused (nothing listens) is not a block.  Then port
# 25 reset right after the handshake is one.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
command -v iptables >/dev/null || { echo "no iptables"; exit 77; }
smtp_setup_pair
smtp_cert good "IP:$SMTP_SRV_ADDR"
C=(--cert "$SMTP_TMP/good.pem" --key "$SMTP_TMP/good.key")
smtp_server mx --host 0.0.0.0 --port 25
smtp_server sub --host 0.0.0.0 --port 587 --mode starttls "${C[@]}"
smtp_server smtps --host 0.0.0.0 --port 465 --mode implicit "${C[@]}"
ip netns exec "$SMTP_SRV_NS" iptables -A INPUT -p tcp --dport 25 -j DROP ||
	exit 77

smtp_sockdoc "$SMTP_TMP/a.json" --cacert "$SMTP_TMP/ca.pem" --tls none \
	"smtp://$SMTP_SRV_ADDR:25"
assert_json "$SMTP_TMP/a.json" "'smtp.port25_blocked' in causes()"
assert_json "$SMTP_TMP/a.json" "cause('smtp.port25_blocked')['confidence'] == 'high'"
assert_json "$SMTP_TMP/a.json" "[p for p in details('smtp.ports')['ports'] if p['port'] == 25][0]['outcome'] == 'connect_timeout'"
assert_json "$SMTP_TMP/a.json" "{'port': 587, 'security': 'starttls'} in details('smtp.ports')['working']"
assert_json "$SMTP_TMP/a.json" "details('smtp.ports')['recommended'] == {'port': 465, 'security': 'implicit'}"
assert_json "$SMTP_TMP/a.json" "'dropped silently' in ev('smtp.port25_blocked')"
assert_json "$SMTP_TMP/a.json" "'answers on port 465 with SSL/TLS' in ev('smtp.port25_blocked')"
assert_json "$SMTP_TMP/a.json" "'handshake ok, TLSv1.' in ev('smtp.port25_blocked')"
assert_json "$SMTP_TMP/a.json" "'port 465' in cause('smtp.port25_blocked')['fixes'][0]"

# Nothing listening on 25 (refused): the host is submission-only, no block.
ip netns exec "$SMTP_SRV_NS" iptables -F INPUT
kill "${T_PIDS[0]}"
wait "${T_PIDS[0]}" 2>/dev/null
smtp_sockdoc "$SMTP_TMP/b.json" --cacert "$SMTP_TMP/ca.pem" --tls starttls \
	"smtp://$SMTP_SRV_ADDR:587"
assert_json "$SMTP_TMP/b.json" "'smtp.port25_blocked' not in causes()"
assert_json "$SMTP_TMP/b.json" "[p for p in details('smtp.ports')['ports'] if p['port'] == 25][0]['outcome'] == 'refused'"
assert_json "$SMTP_TMP/b.json" "causes() == []"

# Port 25 accepted, then reset at once (a scanner or per-IP block in the
# path, played by sockdoc's fault lab) while 587/465 work: also a block.
ip netns exec "$SMTP_SRV_NS" timeout --foreground -k 5 60 "$SOCKDOC" lab --protocol smtp \
	--fault reset-on-connect --listen "$SMTP_SRV_ADDR:25" \
	>"$SMTP_TMP/lab.out" 2>&1 &
track_pid "$!"
for i in $(seq 50); do
	grep -q reset-on-connect "$SMTP_TMP/lab.out" && break
	sleep 0.1
done
smtp_sockdoc "$SMTP_TMP/c.json" --cacert "$SMTP_TMP/ca.pem" --tls none \
	"smtp://$SMTP_SRV_ADDR:25"
assert_json "$SMTP_TMP/c.json" "'smtp.port25_blocked' in causes()"
assert_json "$SMTP_TMP/c.json" "[p for p in details('smtp.ports')['ports'] if p['port'] == 25][0]['outcome'] == 'reset'"
assert_json "$SMTP_TMP/c.json" "'connection was reset (ECONNRESET)' in ev('smtp.port25_blocked')"
assert_json "$SMTP_TMP/c.json" "'answers on port 465' in ev('smtp.port25_blocked')"
echo PASS
