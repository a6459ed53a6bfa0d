#!/bin/bash
# --resolve and --connect-to (issue 15): a lab server under a name DNS
# does not know (dnsmasq on loopback that knows nothing of it) is
# diagnosed healthy with the override, and the report says which
# override was used; without it the name does not exist.  -6 / -4 against
# a dual-stack name use only that family.
. "$(dirname "$0")/lib.sh"
P=$(free_port)
start_aiosmtpd "$P"
D=$(free_port)
start_dnsmasq "$D" "--host-record=dual.test,127.0.0.1,::1"
DNS=(--dns-server "127.0.0.1:$D")
out=$T_DIR/r.json

report_json "$out" --timeout 3 "${DNS[@]}" "smtp://mail.unknown.test:$P"
assert_cause "$out" dns.nxdomain

report_json "$out" --timeout 3 "${DNS[@]}" \
	--resolve "mail.unknown.test:$P:127.0.0.1" "smtp://mail.unknown.test:$P"
assert_exit 0
assert_json "$out" 'r["verdict"] == "ok"'
assert_json "$out" 'r["target"]["host"] == "mail.unknown.test"'
assert_json "$out" 'r["target"]["addresses"] == ["127.0.0.1"]'
assert_json "$out" 'r["target"]["path"]["override"] == "resolve" and r["target"]["path"]["connect_host"] == "127.0.0.1"'
assert_json "$out" 'details("input")["path"]["override"] == "resolve"'
assert_json "$out" 'r["target"]["path"]["override_given"] == sys.argv[3]' \
	"the override as given" "mail.unknown.test:$P:127.0.0.1"
n=$(grep -c "mail.unknown.test" "$T_DIR/dnsmasq-$D.out")
# The first run asked (NXDOMAIN); the pinned run asked nothing more.
report_json "$out" --timeout 3 "${DNS[@]}" \
	--resolve "mail.unknown.test:$P:127.0.0.1" "smtp://mail.unknown.test:$P"
[ "$(grep -c "mail.unknown.test" "$T_DIR/dnsmasq-$D.out")" = "$n" ] ||
	fail "--resolve still asked DNS about the name"
# An entry for another port does not apply.
report_json "$out" --timeout 3 "${DNS[@]}" \
	--resolve "mail.unknown.test:1:127.0.0.1" "smtp://mail.unknown.test:$P"
assert_cause "$out" dns.nxdomain

# --connect-to moves the port as well; the name stays the target's.
report_json "$out" --timeout 3 "${DNS[@]}" \
	--connect-to "mail.unknown.test:2525:127.0.0.1:$P" "smtp://mail.unknown.test:2525"
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["path"]["override"] == "connect_to"'
assert_json "$out" "r['target']['path']['connect_port'] == $P and status('smtp.ports') == 'ok'"
assert_json "$out" 'r["target"]["host"] == "mail.unknown.test" and r["target"]["port"] == 2525'
# HOST2 a name: looked up in DNS instead of the target.
report_json "$out" --timeout 3 "${DNS[@]}" -4 \
	--connect-to "mail.unknown.test::dual.test:$P" "smtp://mail.unknown.test:25"
assert_json "$out" 'r["verdict"] == "ok" and r["target"]["addresses"] == ["127.0.0.1"]'

# -6 / -4 against a dual-stack name.
report_json "$out" --timeout 3 "${DNS[@]}" -6 "smtp://dual.test:$P"
assert_json "$out" 'r["target"]["addresses"] == ["::1"] and r["target"]["path"]["family"] == 6'
assert_json "$out" 'all(a["family"] == "ipv6" for a in details("reach")["addresses"])'
report_json "$out" --timeout 3 "${DNS[@]}" -4 "smtp://dual.test:$P"
assert_json "$out" 'r["target"]["addresses"] == ["127.0.0.1"] and r["verdict"] == "ok"'
report_json "$out" --timeout 3 "${DNS[@]}" "smtp://dual.test:$P"
assert_json "$out" 'sorted(r["target"]["addresses"]) == ["127.0.0.1", "::1"]'
echo PASS
