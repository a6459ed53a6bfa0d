#!/bin/bash
# A real Icinga 2 (Debian's icinga2-bin) runs the CheckCommand of
# docs/monitoring.md as written, with the ITL's ipv4-or-ipv6 template and
# the Monitoring Plugins' conventions, for a healthy aiosmtpd and a refused
# port, and records OK (0) and CRITICAL (2) with sockdoc's output and
# perfdata.  The daemon runs in the foreground with a private
# configuration and state under the test's temp dir (no system paths),
# bounded by timeout and stopped by PID.  The states are read from a
# PerfdataWriter file (the same data Graphite/InfluxDB writers get).
. "$(dirname "$0")/lib.sh"
ICINGA=/usr/sbin/icinga2
[ -x "$ICINGA" ] || skip "needs $ICINGA (icinga2-bin)"
[ -d /usr/share/icinga2/include ] || skip "needs the Icinga 2 ITL"

port=$(free_port)
start_aiosmtpd "$port"
closed=$(free_port)
d=$T_DIR/icinga
mkdir -p "$d/plugins" "$d/spool" "$d/run" "$d/data" "$d/log" "$d/cache"
ln -s "$SOCKDOC" "$d/plugins/check_sockdoc"

# The CheckCommand exactly as docs/monitoring.md gives it.
sed -n '/^object CheckCommand "sockdoc" {/,/^}/p' \
	"$top_srcdir/docs/monitoring.md" >"$d/sockdoc.conf"
grep -q 'check_sockdoc' "$d/sockdoc.conf" ||
	fail "docs/monitoring.md lost its Icinga 2 CheckCommand"

tab=$(printf '\t')
cat >"$d/icinga2.conf" <<CFG
const PluginDir = "$d/plugins"
include <itl>
include <plugins>
include "$d/sockdoc.conf"
object CheckerComponent "checker" { }
object PerfdataWriter "perfdata" {
  service_perfdata_path = "$d/spool/service-perfdata"
  host_perfdata_path = "$d/spool/host-perfdata"
  service_temp_path = "$d/spool/service-perfdata.tmp"
  host_temp_path = "$d/spool/host-perfdata.tmp"
  service_format_template = "SERVICE::\$service.name\$${tab}STATE::\$service.state_id\$${tab}OUTPUT::\$service.output\$${tab}PERF::\$service.perfdata\$"
  rotation_interval = 1s
}
object Host "mail" {
  address = "127.0.0.1"
  check_command = "dummy"
  enable_active_checks = false
}
object Service "smtp-ok" {
  host_name = "mail"
  check_command = "sockdoc"
  vars.sockdoc_port = $port
  vars.sockdoc_warning = 2
  vars.sockdoc_critical = 5
  check_interval = 3s
  max_check_attempts = 1
}
object Service "smtp-refused" {
  host_name = "mail"
  check_command = "sockdoc"
  vars.sockdoc_port = $closed
  check_interval = 3s
  max_check_attempts = 1
}
CFG
defs=(-DRunAsUser="$(id -un)" -DRunAsGroup="$(id -gn)"
	-DDataDir="$d/data" -DLogDir="$d/log" -DCacheDir="$d/cache"
	-DSpoolDir="$d/spool" -DInitRunDir="$d/run"
	-DPidPath="$d/run/icinga2.pid"
	-DModAttrPath="$d/data/modified-attributes.conf"
	-DObjectsPath="$d/cache/icinga2.debug" -DVarsPath="$d/cache/icinga2.vars")
"$ICINGA" daemon -C -c "$d/icinga2.conf" "${defs[@]}" >"$d/validate.out" 2>&1 ||
	{ cat "$d/validate.out"; fail "icinga2 rejects the configuration"; }
start_bg icinga2 timeout --foreground -k 5 90 "$ICINGA" daemon -c "$d/icinga2.conf" "${defs[@]}"

# state SERVICE: the first state recorded for SERVICE, empty until then.
state() {
	cat "$d"/spool/service-perfdata.* 2>/dev/null |
		awk -F'\t' -v s="SERVICE::$1" '$1 == s { sub(/STATE::/, "", $2); print $2; exit }'
}
for i in $(seq 120); do
	[ -n "$(state smtp-ok)" ] && [ -n "$(state smtp-refused)" ] && break
	bg_alive icinga2 || { cat "$T_DIR/icinga2.out"; fail "icinga2 exited"; }
	sleep 0.5
done
ok=$(state smtp-ok)
bad=$(state smtp-refused)
note "icinga2 recorded smtp-ok=$ok smtp-refused=$bad"
cat "$d"/spool/service-perfdata.* >"$d/all.txt" 2>/dev/null
[ "$ok" = 0 ] || { cat "$d/all.txt"; fail "icinga2 recorded '$ok' for the healthy server, expected 0"; }
[ "$bad" = 2 ] || { cat "$d/all.txt"; fail "icinga2 recorded '$bad' for the refused port, expected 2"; }
assert_grep "$d/all.txt" "^SERVICE::smtp-ok${tab}STATE::0${tab}OUTPUT::SOCKDOC OK - smtp 127\.0\.0\.1:$port"
assert_grep "$d/all.txt" "PERF::time=[0-9.]+s;2;5;0;"
assert_grep "$d/all.txt" "STATE::2${tab}OUTPUT::SOCKDOC CRITICAL - tcp\.refused"
exit 0
