#!/bin/bash
# --format openmetrics: the same figures as the plugin, as OpenMetrics text
# for node_exporter's textfile collector, validated by Debian's
# python3-prometheus-client OpenMetrics parser (strict: # EOF, TYPE/UNIT
# metadata, unit suffixes, label escaping).  A healthy aiosmtpd gives state
# 0, probe success 1, the steps in seconds matching the plugin's perfdata
# names; a refused port gives one sockdoc_cause series labelled with the
# cause id and its confidence; a 10-day certificate gives its expiry as a
# Unix timestamp about 10 days ahead.
. "$(dirname "$0")/lib.sh"
$PY -c 'import prometheus_client.openmetrics.parser' 2>/dev/null ||
	skip "needs python3-prometheus-client"

# om_check FILE EXPR...: parse FILE with prometheus_client's OpenMetrics
# parser; each python EXPR must hold, with s(name, **labels) the value of
# a sample (None when absent) and fams the family names.
om_check() {
	$PY - "$@" <<'PY' || fail "OpenMetrics check failed for $1"
import sys, time
from prometheus_client.openmetrics.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
fams = {f.name: f for f in text_string_to_metric_families(text)}
def s(name, **labels):
    for f in fams.values():
        for x in f.samples:
            if x.name == name and all(x.labels.get(k) == v for k, v in labels.items()):
                return x.value
    return None
now = time.time()
for e in sys.argv[2:]:
    if not eval(e):
        sys.exit("not true: %s\n%s" % (e, text))
PY
}

port=$(free_port)
start_aiosmtpd "$port"
run_sockdoc "$T_DIR/ok.om" --report --format openmetrics --timeout 3 \
	"smtp://127.0.0.1:$port"
assert_exit 0
[ "$(tail -n1 "$T_DIR/ok.om")" = "# EOF" ] || fail "no # EOF at the end"
om_check "$T_DIR/ok.om" "s('sockdoc_state') == 0" \
	"s('sockdoc_probe_success', probe='banner') == 1" \
	"s('sockdoc_probe_success', probe='tls') is None" \
	"s('sockdoc_probe_duration_seconds', probe='banner') >= 0" \
	"s('sockdoc_step_duration_seconds', step='connect') >= 0" \
	"s('sockdoc_step_duration_seconds', step='greeting') >= 0" \
	"s('sockdoc_step_duration_seconds', step='ehlo') >= 0" \
	"abs(s('sockdoc_response_time_seconds') - sum(s('sockdoc_step_duration_seconds', step=k) for k in ('connect', 'greeting', 'ehlo'))) < 1e-5" \
	"abs(s('sockdoc_last_run_timestamp_seconds') - now) < 120" \
	"s('sockdoc_causes') == 0 and 'sockdoc_cause' not in fams" \
	"s('sockdoc_state', protocol='smtp', host='127.0.0.1', port='$port') == 0"

# A decimal-comma locale changes nothing in the exposition.
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	LC_ALL=ru_RU.UTF-8 run_sockdoc "$T_DIR/ru.om" --report --format \
		openmetrics --timeout 3 "smtp://127.0.0.1:$port"
	assert_exit 0
	om_check "$T_DIR/ru.om" "s('sockdoc_state') == 0" \
		"s('sockdoc_run_duration_seconds') > 0"
fi

closed=$(free_port)
run_sockdoc "$T_DIR/bad.om" --report --format openmetrics --timeout 3 \
	"smtp://127.0.0.1:$closed"
assert_exit 1
om_check "$T_DIR/bad.om" "s('sockdoc_state') == 2" \
	"s('sockdoc_cause', cause='tcp.refused', confidence='high') == 1" \
	"s('sockdoc_probe_success', probe='reach') == 0" \
	"s('sockdoc_causes') >= 1"

# A certificate valid 10 days, trusted through --cacert.
need_prog openssl
d=$T_DIR
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=om test CA" \
	-keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null || fail "openssl CA"
openssl req -new -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
	-keyout "$d/leaf.key" -out "$d/leaf.csr" 2>/dev/null || fail "openssl csr"
printf 'subjectAltName=IP:127.0.0.1\n' >"$d/leaf.ext"
openssl x509 -req -in "$d/leaf.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
	-CAcreateserial -days 10 -extfile "$d/leaf.ext" -out "$d/leaf.pem" \
	2>/dev/null || fail "openssl x509"
start_bg tls-smtpd $PY "$T_LIB/smtp_server.py" --portfile "$d/tls.port" \
	--mode starttls --cert "$d/leaf.pem" --key "$d/leaf.key"
wait_file "$d/tls.port" 15
tls=$(cat "$d/tls.port")
wait_port 127.0.0.1 "$tls"
run_sockdoc "$T_DIR/tls.om" --report --format openmetrics --timeout 3 \
	--cacert "$d/ca.pem" "smtp://127.0.0.1:$tls"
assert_exit 0
om_check "$T_DIR/tls.om" \
	"abs(s('sockdoc_certificate_expiry_timestamp_seconds') - (now + 10 * 86400)) < 300" \
	"s('sockdoc_step_duration_seconds', step='tls_handshake') > 0"
exit 0
