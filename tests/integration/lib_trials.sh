# lib_trials.sh — sourced by the trials' integration tests (bash): the
# core (testlib.sh) plus the servers the trials start: a real vsftpd and
# aiosmtpd on loopback, small python fault servers from servers_trials/,
# and `sockdoc lab`.  Traffic goes only to 127.0.0.1.

set -u
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"
TL_DIR=$T_LIB
TL_TMP=$T_DIR

# Start vsftpd on a free port with extra config lines "$@"; sets FTP_PORT
# and FTP_ROOT (anonymous root, 555, with a 777 "upload" subdir).
start_vsftpd() {
	local conf=$TL_TMP/vsftpd.conf line
	command -v vsftpd >/dev/null || [ -x /usr/sbin/vsftpd ] || skip "no vsftpd"
	[ "$(id -u)" = 0 ] || skip "vsftpd needs root"
	FTP_PORT=$(free_port)
	FTP_ROOT=$TL_TMP/ftproot
	mkdir -p "$FTP_ROOT/upload" "$TL_TMP/empty"
	chmod 555 "$FTP_ROOT"
	chmod 777 "$FTP_ROOT/upload"
	chmod 755 "$TL_TMP/empty"
	chown root:root "$TL_TMP/empty"
	cat >"$conf" <<EOC
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$FTP_PORT
background=NO
anonymous_enable=YES
local_enable=NO
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
anon_root=$FTP_ROOT
no_anon_password=YES
seccomp_sandbox=NO
secure_chroot_dir=$TL_TMP/empty
pasv_enable=YES
pasv_min_port=40000
pasv_max_port=49000
xferlog_enable=NO
vsftpd_log_file=$TL_TMP/vsftpd.log
EOC
	for line in "$@"; do
		echo "$line" >>"$conf"
	done
	/usr/sbin/vsftpd "$conf" >"$TL_TMP/vsftpd.log" 2>&1 &
	track_pid "$!" vsftpd
	wait_port 127.0.0.1 "$FTP_PORT" 5
}

# Start aiosmtpd with a DATA size limit of $1 bytes; sets SMTP_PORT.
start_aiosmtpd() {
	SMTP_PORT=$(free_port)
	$PY "$TL_DIR/servers_trials/smtp_limit.py" "$SMTP_PORT" "$1" \
		>"$TL_TMP/smtpd.log" 2>&1 &
	track_pid "$!" smtpd
	wait_port 127.0.0.1 "$SMTP_PORT" 5
}

# Start the scripted SMTP server (servers/scripted_smtp.py) on loopback
# with the rules in file $1; sets SCRIPTED_PORT (waits at most 5 s).
start_scripted_smtp() {
	local script=$1 pf i
	pf=$TL_TMP/scripted.$$.$RANDOM.port
	$PY "$TL_DIR/servers/scripted_smtp.py" --portfile "$pf" \
		--script "$script" >"$pf.log" 2>&1 &
	track_pid "$!" scripted_smtp
	for i in $(seq 50); do
		if [ -s "$pf" ]; then
			SCRIPTED_PORT=$(cat "$pf")
			return 0
		fi
		sleep 0.1
	done
	fail "scripted_smtp did not start ($script)"
}

# Start servers_trials/$1.py with the remaining arguments; it prints its
# port on the first line of stdout.  Sets SRV_PORT.
start_fault() {
	local script=$1 i
	shift
	$PY "$TL_DIR/servers_trials/$script.py" "$@" >"$TL_TMP/$script.out" \
		2>"$TL_TMP/$script.log" &
	track_pid "$!" "$script"
	for i in $(seq 50); do
		SRV_PORT=$(head -1 "$TL_TMP/$script.out" 2>/dev/null)
		[ -n "$SRV_PORT" ] && return 0
		sleep 0.1
	done
	fail "$script did not start"
}

# Run sockdoc --report --format json "$@" into $TL_TMP/report.json;
# REPORT_RC and REPORT_S (wall seconds) are set.
report() {
	local t0 t1
	t0=$(date +%s.%N)
	"$SOCKDOC" --report --format json "$@" >"$TL_TMP/report.json" \
		2>"$TL_TMP/sockdoc.log"
	REPORT_RC=$?
	REPORT_FILE=$TL_TMP/report.json
	t1=$(date +%s.%N)
	REPORT_S=$($PY -c "print(round($t1-$t0,2))")
}

# Start `sockdoc lab --protocol $1 --fault $2`; sets LAB_PORT from its
# "proto fault 127.0.0.1:PORT" line.
start_lab() {
	local i line
	"$SOCKDOC" lab --protocol "$1" --fault "$2" >"$TL_TMP/lab.out" \
		2>"$TL_TMP/lab.log" &
	track_pid "$!" lab
	for i in $(seq 50); do
		line=$(grep -m1 ' 127.0.0.1:' "$TL_TMP/lab.out" 2>/dev/null)
		if [ -n "$line" ]; then
			LAB_PORT=${line##*:}
			return 0
		fi
		sleep 0.1
	done
	fail "the lab did not start ($1 $2)"
}
