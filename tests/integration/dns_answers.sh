#!/bin/bash
# DNS answers sockdoc cannot use whole: more than 16 A records (dnsmasq,
# answered over TCP after TC) are said to be dropped in the dns details,
# and a CNAME loop (servers/dnsd.py: dnsmasq refuses to load one) is
# named as such, not "no address".
. "$(dirname "$0")/lib.sh"

start_fault srv --mode greet --text '220 dns ESMTP\r\n' --hold 1
dport=$(free_port)
recs=()
for i in $(seq 1 20); do recs+=(--host-record="many.test,127.0.0.$i"); done
start_dnsmasq "$dport" "${recs[@]}"
out=$T_DIR/many.json
report_json "$out" --timeout 3 --budget 20 --dns-server "127.0.0.1:$dport" \
	"smtp://many.test:$FAULT_PORT"
assert_json "$out" 'details("dns")["a_total"] == 20'
assert_json "$out" 'details("dns")["addresses_dropped"] == 4'
assert_json "$out" 'len(details("dns")["a"]) == 16'
assert_json "$out" '"20 IPv4" in probe("dns")["summary"]'

pf=$T_DIR/dnsd.port
start_bg dnsd $PY "$T_LIB/servers/dnsd.py" --port-file "$pf" \
	--cname loop.test=back.test --cname back.test=loop.test
wait_file "$pf" 10
out=$T_DIR/loop.json
report_json "$out" --timeout 3 --budget 20 --dns-server "127.0.0.1:$(cat "$pf")" \
	"smtp://loop.test:$FAULT_PORT"
assert_exit 1
assert_json "$out" 'details("dns")["cname_loop"] is True'
assert_json "$out" 'details("dns")["cname_chain"] == "loop.test -> back.test -> loop.test"'
assert_json "$out" '"loop" in probe("dns")["summary"]'
assert_cause "$out" dns.no_address
assert_evidence "$out" dns.no_address 'CNAME.*loop'
exit 0
