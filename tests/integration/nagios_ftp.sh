#!/bin/bash
# The drop-in plugin for FTP: check_ftp's command lines (-H -p -t -w -c)
# against a real vsftpd and a real pyftpdlib server give the same state
# from `sockdoc check -P ftp` (and without -P on port 21's stand-in, with
# --protocol), with connect, greeting and login steps in the perfdata; a
# refused port is CRITICAL for both; a server without anonymous login is
# OK for both (sockdoc adds: enter a login); -D on FTPS (implicit TLS as check_ftp
# -S, and explicit AUTH TLS) reads the certificate's days left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_nagios.sh"
need_plugin check_ftp

# pyftpdlib: anonymous read-only on a free port.
$PY -c 'import pyftpdlib' 2>/dev/null || skip "needs python3-pyftpdlib"
py=$(free_port)
mkdir -p "$T_DIR/pyroot"
start_bg pyftpd $PY -m pyftpdlib -i 127.0.0.1 -p "$py" -d "$T_DIR/pyroot"
wait_port 127.0.0.1 "$py" 15
peer check_ftp OK -H 127.0.0.1 -p "$py" -t 10 -w 2 -c 5
plugin OK -H 127.0.0.1 -p "$py" -P ftp -t 10 -w 2 -c 5
perf_check "all(k in p for k in ('connect', 'greeting', 'login'))" \
	"p['login']['value'] > 0 and p['time']['value'] < 2" \
	"p['time']['warn'] == '2' and p['time']['crit'] == '5'"
assert_grep "$T_DIR/plugin.out" "^SOCKDOC OK - ftp 127\.0\.0\.1:$py: ok"
plugin CRITICAL -H 127.0.0.1 -p "$py" --protocol ftp -w 5 -c 0.000001

# pyftpdlib with one named account and no anonymous login: check_ftp does
# not log in, so it is OK; sockdoc tries the anonymous login (no --user),
# gets 530 and says OK too, with the advice (enter a login) on the status
# line: no CRITICAL "blocked address" for every private FTP server.
priv=$(free_port)
start_bg pyftpd-priv $PY -m pyftpdlib -i 127.0.0.1 -p "$priv" \
	-d "$T_DIR/pyroot" -u alice -P s3cret
wait_port 127.0.0.1 "$priv" 15
peer check_ftp OK -H 127.0.0.1 -p "$priv" -t 10
plugin OK -H 127.0.0.1 -p "$priv" -P ftp -t 10
assert_grep "$T_DIR/plugin.out" \
	'^SOCKDOC OK - auth\.rejected: .*needs a user name and password'
assert_grep "$T_DIR/plugin.out" '^\[OK\] auth\.rejected '
if grep -Eq -e 'rejects_client' -e '(^|[^0-9])587([^0-9]|$)' "$T_DIR/plugin.out"; then
	cat "$T_DIR/plugin.out"
	fail "a private FTP server reported as blocking the client"
fi

closed=$(free_port)
peer check_ftp CRITICAL -H 127.0.0.1 -p "$closed" -t 5
plugin CRITICAL -H 127.0.0.1 -p "$closed" -P ftp -t 5
assert_grep "$T_DIR/plugin.out" '^\[CRITICAL\] tcp\.refused '

# vsftpd (needs root to run here).
if [ "$(id -u)" -eq 0 ] && [ -x /usr/sbin/vsftpd ]; then
	vs=$(free_port)
	start_vsftpd "$vs"
	peer check_ftp OK -H 127.0.0.1 -p "$vs" -t 10 -w 2 -c 5
	plugin OK -H 127.0.0.1 -p "$vs" -P ftp -t 10 -w 2 -c 5
	perf_check "all(k in p for k in ('connect', 'greeting', 'login'))"

	# FTPS with a 10-day certificate made now: check_ftp -S (implicit
	# TLS) -D 30,5 is WARNING for both; explicit AUTH TLS (--tls
	# starttls) -D 30,14 CRITICAL; --cacert makes the chain verify.
	need_prog openssl
	openssl req -x509 -newkey rsa:2048 -nodes -days 10 \
		-subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
		-keyout "$T_DIR/ftps.key" -out "$T_DIR/ftps.pem" 2>/dev/null ||
		fail "openssl"
	chmod 600 "$T_DIR/ftps.key"
	tls=(ssl_enable=YES "rsa_cert_file=$T_DIR/ftps.pem"
		"rsa_private_key_file=$T_DIR/ftps.key" allow_anon_ssl=YES
		force_anon_logins_ssl=NO force_anon_data_ssl=NO
		require_ssl_reuse=NO)
	imp=$(free_port)
	start_vsftpd "$imp" "${tls[@]}" implicit_ssl=YES
	peer check_ftp WARNING -H 127.0.0.1 -p "$imp" -S -D 30,5
	plugin WARNING -H 127.0.0.1 -p "$imp" -P ftp -S -D 30,5 \
		--cacert "$T_DIR/ftps.pem"
	perf_check "9 < p['cert_days']['value'] <= 10" \
		"p['cert_days']['warn'] == '30:'"
	exp=$(free_port)
	start_vsftpd "$exp" "${tls[@]}"
	plugin CRITICAL -H 127.0.0.1 -p "$exp" -P ftp --tls starttls \
		-D 30,14 --cacert "$T_DIR/ftps.pem"
	perf_check "all(k in p for k in ('connect', 'greeting', 'tls_handshake', 'login', 'cert_days'))"
	assert_grep "$T_DIR/plugin.out" 'fewer than 14 \(-D\)'
else
	note "vsftpd part skipped: needs root and /usr/sbin/vsftpd"
fi
exit 0
