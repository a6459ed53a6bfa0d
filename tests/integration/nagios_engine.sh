#!/bin/bash
# A real monitoring engine runs the plugin: Nagios Core 4 (Debian's
# nagios4-core) with a private configuration in the test's temp dir runs
# the command definition docs/monitoring.md gives (check_sockdoc by its
# installed name, a symlink here) for two services, a healthy aiosmtpd and
# a refused port, and records OK and CRITICAL with the plugin output, the
# perfdata and the long output, as it will in production.  Nagios runs in
# the foreground as a child of this test, stopped by PID.
. "$(dirname "$0")/lib.sh"
NAGIOS=/usr/sbin/nagios4
[ -x "$NAGIOS" ] || skip "needs $NAGIOS (nagios4-core)"

port=$(free_port)
start_aiosmtpd "$port"
closed=$(free_port)
d=$T_DIR/nagios
mkdir -p "$d/spool/checkresults" "$d/plugins"
ln -s "$SOCKDOC" "$d/plugins/check_sockdoc"
user=$(id -un)
group=$(id -gn)

cat >"$d/nagios.cfg" <<CFG
log_file=$d/nagios.log
cfg_file=$d/objects.cfg
resource_file=$d/resource.cfg
status_file=$d/status.dat
status_update_interval=1
temp_file=$d/nagios.tmp
temp_path=$d
lock_file=$d/nagios.lock
check_result_path=$d/spool/checkresults
state_retention_file=$d/retention.dat
retain_state_information=0
use_retained_scheduling_info=0
precached_object_file=$d/objects.precache
object_cache_file=$d/objects.cache
command_file=$d/nagios.cmd
check_external_commands=0
nagios_user=$user
nagios_group=$group
service_inter_check_delay_method=n
host_inter_check_delay_method=n
max_service_check_spread=1
check_result_reaper_frequency=1
enable_notifications=0
execute_host_checks=0
use_syslog=0
illegal_macro_output_chars=\`~\$&|'"<>
CFG
echo "\$USER1\$=$d/plugins" >"$d/resource.cfg"

# The command definitions of docs/monitoring.md, as written there.
sed -n '/^# nagios-command-begin/,/^# nagios-command-end/p' \
	"$top_srcdir/docs/monitoring.md" | grep -v '^#' >"$d/objects.cfg"
grep -q 'command_name *check_sockdoc_smtp' "$d/objects.cfg" ||
	fail "docs/monitoring.md lost its Nagios command definition"
cat >>"$d/objects.cfg" <<CFG
define timeperiod {
    timeperiod_name 24x7
    alias           always
    sunday 00:00-24:00
    monday 00:00-24:00
    tuesday 00:00-24:00
    wednesday 00:00-24:00
    thursday 00:00-24:00
    friday 00:00-24:00
    saturday 00:00-24:00
}
define contact {
    contact_name                  nobody
    host_notifications_enabled    0
    service_notifications_enabled 0
    host_notification_period      24x7
    service_notification_period   24x7
    host_notification_options     n
    service_notification_options  n
    host_notification_commands    noop
    service_notification_commands noop
}
define command {
    command_name noop
    command_line /bin/true
}
define host {
    host_name             mail
    address               127.0.0.1
    check_command         noop
    max_check_attempts    1
    check_period          24x7
    contacts              nobody
    notification_period   24x7
}
define service {
    host_name             mail
    service_description   smtp-ok
    check_command         check_sockdoc_smtp!$port!2!5
    max_check_attempts    1
    check_interval        5
    retry_interval        1
    check_period          24x7
    contacts              nobody
    notification_period   24x7
}
define service {
    host_name             mail
    service_description   smtp-refused
    check_command         check_sockdoc_smtp!$closed!2!5
    max_check_attempts    1
    check_interval        5
    retry_interval        1
    check_period          24x7
    contacts              nobody
    notification_period   24x7
}
CFG

"$NAGIOS" -v "$d/nagios.cfg" >"$d/verify.out" 2>&1 ||
	{ cat "$d/verify.out"; fail "nagios4 -v rejects the configuration"; }
start_bg nagios4 "$NAGIOS" "$d/nagios.cfg"

# state SERVICE: the recorded current_state once the service was checked.
state() {
	awk -v s="$1" '
		/^servicestatus \{/ { inblk = 1; desc = ""; checked = ""; st = "" }
		inblk && /service_description=/ { sub(/.*service_description=/, ""); desc = $0 }
		inblk && /has_been_checked=/ { sub(/.*has_been_checked=/, ""); checked = $0 }
		inblk && /current_state=/ { sub(/.*current_state=/, ""); st = $0 }
		inblk && /^\t\}/ { if (desc == s && checked == 1) print st; inblk = 0 }
	' "$d/status.dat" 2>/dev/null
}
for i in $(seq 120); do
	[ -n "$(state smtp-ok)" ] && [ -n "$(state smtp-refused)" ] && break
	bg_alive nagios4 || { cat "$d/nagios.log"; fail "nagios4 exited"; }
	sleep 0.5
done
ok=$(state smtp-ok)
bad=$(state smtp-refused)
note "nagios4 recorded smtp-ok=$ok smtp-refused=$bad"
[ "$ok" = 0 ] || { cat "$d/status.dat"; fail "nagios4 recorded state '$ok' for the healthy server, expected 0"; }
[ "$bad" = 2 ] || { cat "$d/status.dat"; fail "nagios4 recorded state '$bad' for the refused port, expected 2"; }
assert_grep "$d/status.dat" 'plugin_output=SOCKDOC OK - smtp 127\.0\.0\.1'
assert_grep "$d/status.dat" 'performance_data=time=[0-9.]+s;2;5;0;'
assert_grep "$d/status.dat" 'plugin_output=SOCKDOC CRITICAL - tcp\.refused'
assert_grep "$d/status.dat" 'long_plugin_output=\[CRITICAL\] tcp\.refused'
exit 0
