#!/bin/bash
# The drop-in plugin against a real SMTP server (aiosmtpd): the check_smtp
# command lines of a Nagios/Icinga setup (-H -p -t -w -c) give the same
# state from `sockdoc check` and from check_smtp itself, the output obeys
# the guidelines' grammar (strict reader: nagios_output.py), the perfdata
# has the response time with its thresholds and the steps in seconds (no
# ICMP; '.' decimals in a Russian locale too), usage errors are UNKNOWN (3), a refused port is CRITICAL with the
# diagnosis as long output, and the binary answers as check_sockdoc.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_nagios.sh"
need_plugin check_smtp

port=$(free_port)
start_aiosmtpd "$port"

peer check_smtp OK -H 127.0.0.1 -p "$port"
plugin OK -H 127.0.0.1 -p "$port"
peer check_smtp OK -H 127.0.0.1 -p "$port" -t 5 -w 2 -c 5
plugin OK -H 127.0.0.1 -p "$port" -t 5 -w 2 -c 5
assert_grep "$T_DIR/plugin.out" "^SOCKDOC OK - smtp 127\.0\.0\.1:$port: ok, response time"
perf_check "p['time']['uom'] == 's' and p['time']['warn'] == '2'" \
	"p['time']['crit'] == '5' and p['time']['min'] == '0'" \
	"all(k in p for k in ('connect', 'greeting', 'ehlo'))" \
	"all(p[k]['uom'] == 's' for k in ('connect', 'greeting', 'ehlo'))" \
	"abs(p['time']['value'] - p['connect']['value'] - p['greeting']['value'] - p['ehlo']['value']) < 1e-5" \
	"'icmp' not in p" \
	"p['causes']['value'] == 0"

# Thresholds the healthy server crosses on purpose (ranges of the
# guidelines): 10: wants at least 10 s, @0:10 alerts inside 0..10.
plugin WARNING -H 127.0.0.1 -p "$port" -w 10: -c 20
assert_grep "$T_DIR/plugin.out" "crossed the -w threshold 10:"
plugin CRITICAL -H 127.0.0.1 -p "$port" -w 20 -c @0:10
plugin OK -H 127.0.0.1 -p "$port" -w '~:10' -c @20:30
plugin OK -H 127.0.0.1 -p "$port" --protocol smtp -4 -v
assert_grep "$T_DIR/plugin.out" '^probe banner: ok - '

# -4/-6 with a name (our own dnsmasq on loopback, a name under .test):
# only that family's address is tried; aiosmtpd listens on 127.0.0.1 only.
dns=$(free_port)
start_dnsmasq "$dns" --host-record=mail.test,127.0.0.1,::1
plugin OK -H mail.test -p "$port" -4 --dns-server "127.0.0.1:$dns"
plugin CRITICAL -H mail.test -p "$port" -6 --dns-server "127.0.0.1:$dns"
assert_grep "$T_DIR/plugin.out" '::1'
assert_no_grep "$T_DIR/plugin.out" '127.0.0.1'

# A Russian locale writes "0,5": the thresholds still parse with '.', the
# perfdata and the numbers stay in the guidelines' grammar.
if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	LC_ALL=ru_RU.UTF-8 plugin OK -H 127.0.0.1 -p "$port" -t 4.5 -w 2.5 -c 3.5
	perf_check "p['time']['warn'] == '2.5'"
	LC_ALL=ru_RU.UTF-8 plugin WARNING -H 127.0.0.1 -p "$port" -w 0.000001 -c 3.5
else
	note "no ru_RU.UTF-8 locale: the decimal-comma part is skipped"
fi

# A refused port: CRITICAL for both, the diagnosis as long output.
closed=$(free_port)
peer check_smtp CRITICAL -H 127.0.0.1 -p "$closed" -w 2 -c 5
plugin CRITICAL -H 127.0.0.1 -p "$closed" -w 2 -c 5
assert_grep "$T_DIR/plugin.out" '^SOCKDOC CRITICAL - tcp\.refused: '
assert_grep "$T_DIR/plugin.out" '^\[CRITICAL\] tcp\.refused \(confidence high\): '
assert_grep "$T_DIR/plugin.out" '^  evidence: .*port [0-9]+'
assert_grep "$T_DIR/plugin.out" '^  fix: '
perf_check "p['causes']['value'] >= 1"

# Usage errors are UNKNOWN (3), as for check_smtp.
peer check_smtp UNKNOWN -H 127.0.0.1 -p "$port" -w
plugin UNKNOWN -H 127.0.0.1 -p "$port" -w
plugin UNKNOWN -p "$port"
assert_grep "$T_DIR/plugin.out" '^SOCKDOC UNKNOWN - -H HOST is required'
plugin UNKNOWN -H 127.0.0.1 -p 70000
plugin UNKNOWN -H 127.0.0.1 -w 5:1
plugin UNKNOWN -H 127.0.0.1 -D 5,30
plugin UNKNOWN -H 127.0.0.1 -P secret
assert_grep "$T_DIR/plugin.out" 'never goes on the command line'
plugin UNKNOWN -H 127.0.0.1 --bogus
peer check_smtp UNKNOWN -6 -H 127.0.0.1 -p "$port"
plugin UNKNOWN -6 -H 127.0.0.1 -p "$port"
plugin UNKNOWN -4 -H ::1 -p "$port"
plugin_run "$SOCKDOC" check --help
[ "$PLUGIN_RC" = 3 ] || fail "--help exit $PLUGIN_RC, check_smtp's is 3"
assert_grep "$T_DIR/plugin.out" '^Usage: check_sockdoc -H HOST'
# The nagios format of the ordinary command line: usage errors are 3 too,
# with the reason on the status line (stdout), as check mode gives it.
plugin_run "$SOCKDOC" --report --format nagios --bogus "smtp://127.0.0.1:$port"
plugin_expect UNKNOWN
assert_grep "$T_DIR/plugin.out" "^SOCKDOC UNKNOWN - unknown option '--bogus'$"
plugin_run "$SOCKDOC" --report --format nagios
plugin_expect UNKNOWN
assert_grep "$T_DIR/plugin.out" '^SOCKDOC UNKNOWN - which server\? Give a TARGET'
plugin_run "$SOCKDOC" --report --format nagios --port 0 "smtp://127.0.0.1:$port"
plugin_expect UNKNOWN
assert_grep "$T_DIR/plugin.out" "^SOCKDOC UNKNOWN - --port wants a number from 1 to 65535, not '0'"
plugin_run "$SOCKDOC" --report --format nagios "127.0.0.1:$port:25"
plugin_expect UNKNOWN
assert_grep "$T_DIR/plugin.out" '^SOCKDOC UNKNOWN - .*the target has more than one port'
plugin_run "$SOCKDOC" --report --format nagios -6 "smtp://127.0.0.1:$port"
plugin_expect UNKNOWN
assert_grep "$T_DIR/plugin.out" '^SOCKDOC UNKNOWN - -6 asks for IPv6, but the target is an IPv4 address'
assert_no_grep "$T_DIR/plugin.out" 'message is on stderr'
plugin_run "$SOCKDOC" --report --format nagios "127.0.0.1"
plugin_expect UNKNOWN
assert_grep "$T_DIR/plugin.out" '^SOCKDOC UNKNOWN - .*cannot tell the protocol.*smtp/ftp'

plugin_run "$SOCKDOC" --report --format json --bogus "smtp://127.0.0.1:$port"
[ "$PLUGIN_RC" = 2 ] || fail "--format json usage error exit $PLUGIN_RC, expected 2"

# Installed as check_sockdoc (a symlink, as make install makes it).
ln -s "$SOCKDOC" "$T_DIR/check_sockdoc"
plugin_run "$T_DIR/check_sockdoc" -H 127.0.0.1 -p "$port" -w 2 -c 5
plugin_expect OK
plugin_run "$T_DIR/check_sockdoc" -H 127.0.0.1 -p "$closed"
plugin_expect CRITICAL
exit 0
