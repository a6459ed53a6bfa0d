# lib_nagios.sh — shared by the nagios_*.sh tests (sourced after lib.sh):
# run the Monitoring Plugins' own check_smtp/check_ftp and sockdoc's
# plugin mode with the same arguments, check the plugin output with the
# strict reader nagios_output.py and compare the states.

PLUGINS=/usr/lib/nagios/plugins
NAGIOS_OUT=$T_LIB/nagios_output.py
STATE_NAMES=(OK WARNING CRITICAL UNKNOWN)

# need_plugin NAME: skip (77) without Debian's monitoring-plugins.
need_plugin() {
	[ -x "$PLUGINS/$1" ] ||
		skip "needs $PLUGINS/$1 (monitoring-plugins-basic)"
}

# peer NAME EXPECT ARGS...: the real plugin NAME must end in state EXPECT
# (OK, WARNING, CRITICAL or UNKNOWN) for ARGS.
peer() {
	local name=$1 want=$2 rc
	shift 2
	timeout --foreground -k 5 60 "$PLUGINS/$name" "$@" >"$T_DIR/peer.out" 2>&1
	rc=$?
	note "$name $* -> $rc: $(head -n1 "$T_DIR/peer.out")"
	[ "${STATE_NAMES[$rc]:-?}" = "$want" ] ||
		fail "$name $* gave exit $rc ($(head -c 300 "$T_DIR/peer.out")), expected $want"
}

# plugin EXPECT ARGS...: `sockdoc check ARGS` must end in state EXPECT,
# its output must pass the strict reader; the perfdata lands as JSON in
# $T_DIR/perf.json and the output in $T_DIR/plugin.out.
plugin() {
	local want=$1
	shift
	plugin_run "$SOCKDOC" check "$@"
	plugin_expect "$want"
}

# plugin_run CMD...: run a plugin command line; PLUGIN_RC is its exit.
plugin_run() {
	timeout --foreground -k 5 60 "$@" </dev/null >"$T_DIR/plugin.out" 2>"$T_DIR/plugin.err"
	PLUGIN_RC=$?
	note "$* -> $PLUGIN_RC: $(head -n1 "$T_DIR/plugin.out")"
}

# plugin_expect EXPECT: the last plugin_run ended in state EXPECT and its
# output is conformant.
plugin_expect() {
	[ "${STATE_NAMES[$PLUGIN_RC]:-?}" = "$1" ] || {
		cat "$T_DIR/plugin.out" "$T_DIR/plugin.err"
		fail "sockdoc plugin exit $PLUGIN_RC, expected $1"
	}
	/usr/bin/python3 "$NAGIOS_OUT" "$T_DIR/plugin.out" "$PLUGIN_RC" "$1" \
		>"$T_DIR/perf.json" || {
		cat "$T_DIR/plugin.out"
		fail "the plugin output breaks the guidelines' format"
	}
}

# perf_check EXPR...: each python EXPR holds for p, the perfdata dict
# ({label: {value, uom, warn, crit, min, max}}) of the last plugin run.
perf_check() {
	/usr/bin/python3 - "$T_DIR/perf.json" "$@" <<'PY' || { cat "$T_DIR/plugin.out"; fail "perfdata check failed"; }
import json, sys
p = json.load(open(sys.argv[1]))
for e in sys.argv[2:]:
    if not eval(e):
        sys.exit("perfdata: not true: %s (%s)" % (e, p))
PY
}
