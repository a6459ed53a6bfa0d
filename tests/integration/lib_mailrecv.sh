# lib_mailrecv.sh — the POP3/IMAP integration tests' server: a real
# Dovecot (Debian dovecot-imapd, dovecot-pop3d) on 127.0.0.1 with free
# ports, its own configuration, users (passwd-file), maildirs and a
# certificate made at test time by openssl, all in the test's temp dir;
# started in the foreground (-F) and stopped by PID.  The core
# (testlib.sh) gives fail/skip, the cleanup and the asserts.
#
#   mr_need                       skip (77) without Dovecot or openssl
#   mr_certs                      a CA and a server certificate for
#                                 127.0.0.1 ($MR_CA is the CA bundle)
#   mr_dovecot_start [LINES]      start Dovecot; extra config LINES on
#                                 stdin when given (e.g. "ssl = no");
#                                 ports in MR_POP3 MR_POP3S MR_IMAP MR_IMAPS
#   mr_sockdoc TARGET ARGS...     the JSON report into $MR_REPORT, the
#                                 password from MR_PASS via
#                                 SOCKDOC_PASSWORD (never argv)
# shellcheck shell=bash
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

MR_DIR=$T_DIR
MR_USER=alice
MR_PASS="right-$RANDOM-horse"
MR_REPORT=$T_DIR/report.json
MR_CA=$T_DIR/ca.pem
MR_POP3= MR_POP3S= MR_IMAP= MR_IMAPS=
# Dovecot counts a client whose address equals its own as secured (no
# plaintext rules): a test of those sets MR_HOST=127.0.0.2, which the
# client reaches from 127.0.0.1.
MR_HOST=${MR_HOST:-127.0.0.1}

# Skip unless Dovecot and openssl are installed.
mr_need() {
	need /usr/sbin/dovecot
	need openssl
}

# A CA and a server certificate for 127.0.0.1, 127.0.0.2, localhost and
# *.example.test (the names the DNS tests serve).
mr_certs() {
	local d=$MR_DIR
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=sockdoc test CA" \
		-keyout "$d/ca.key" -out "$d/ca.pem" >/dev/null 2>&1 || fail "openssl: CA"
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout "$d/key.pem" -out "$d/req.pem" >/dev/null 2>&1 || fail "openssl: request"
	printf 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost,DNS:*.example.test\n' >"$d/ext.cnf"
	openssl x509 -req -in "$d/req.pem" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
		-CAcreateserial -days 2 -extfile "$d/ext.cnf" -out "$d/cert.pem" \
		>/dev/null 2>&1 || fail "openssl: sign"
}

# The accounts Dovecot runs as and the owner of the mail: as root its
# own unprivileged users (mail access as root is refused), otherwise us.
mr_accounts() {
	if [ "$(id -u)" = 0 ]; then
		MR_UID=$(id -u dovecot) MR_GID=$(id -g dovecot)
		MR_LOGIN_USER=dovenull MR_INTERNAL_USER=dovecot
	else
		MR_UID=$(id -u) MR_GID=$(id -g)
		MR_LOGIN_USER=$(id -un) MR_INTERNAL_USER=$(id -un)
	fi
}

# Write the configuration; extra lines from stdin (when not a terminal).
mr_config() {
	local d=$MR_DIR
	cat >"$d/dovecot.conf" <<EOF
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
info_log_path = $d/dovecot.log
protocols = pop3 imap
listen = $MR_HOST
default_login_user = $MR_LOGIN_USER
default_internal_user = $MR_INTERNAL_USER
first_valid_uid = 1
ssl_cert = <$d/cert.pem
ssl_key = <$d/key.pem
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
auth_failure_delay = 0
disable_plaintext_auth = no
mail_location = maildir:$d/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/passwd
}
userdb {
  driver = static
  args = uid=$MR_UID gid=$MR_GID home=$d/home/%u
}
service imap-login {
  inet_listener imap {
    port = $MR_IMAP
  }
  inet_listener imaps {
    port = $MR_IMAPS
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $MR_POP3
  }
  inet_listener pop3s {
    port = $MR_POP3S
    ssl = yes
  }
}
EOF
	[ -t 0 ] || cat >>"$d/dovecot.conf"
}

# The user, a maildir with two messages, owned by the mail account.
mr_mailbox() {
	local d=$MR_DIR m
	printf '%s:{PLAIN}%s\n' "$MR_USER" "$MR_PASS" >"$d/passwd"
	mkdir -p "$d/mail/$MR_USER/cur" "$d/mail/$MR_USER/new" \
		"$d/mail/$MR_USER/tmp" "$d/home/$MR_USER" "$d/run" "$d/state"
	for m in 1 2; do
		printf 'From: a@example.test\r\nSubject: test %s\r\n\r\nhello\r\n' "$m" \
			>"$d/mail/$MR_USER/new/100000000$m.M1P1.sockdoc"
	done
	chown -R "$MR_UID:$MR_GID" "$d/mail" "$d/home"
	chmod 755 "$d"
	chmod 644 "$d/passwd" "$d/cert.pem" "$d/key.pem"
}

# Start Dovecot in the foreground, tracked by PID; wait for its ports.
mr_dovecot_start() {
	[ -s "$MR_DIR/cert.pem" ] || mr_certs
	mr_accounts
	MR_POP3=$(free_port) MR_POP3S=$(free_port)
	MR_IMAP=$(free_port) MR_IMAPS=$(free_port)
	mr_config
	mr_mailbox
	/usr/sbin/dovecot -F -c "$MR_DIR/dovecot.conf" >"$MR_DIR/dovecot.out" 2>&1 &
	track_pid $! dovecot
	wait_port "$MR_HOST" "$MR_POP3"
	wait_port "$MR_HOST" "$MR_IMAPS"
	note "dovecot: pop3 $MR_POP3 pop3s $MR_POP3S imap $MR_IMAP imaps $MR_IMAPS"
}

# The JSON report for TARGET ARGS into $MR_REPORT; the password only in
# the environment.  SOCKDOC_CHECK_DETAILS=1 checks every details key.
mr_sockdoc() {
	SOCKDOC_PASSWORD=${MR_SENT_PASS-$MR_PASS} SOCKDOC_CHECK_DETAILS=1 \
		report_json "$MR_REPORT" --timeout "${MR_TIMEOUT:-3}" --transcript "$MR_DIR/transcript.txt" "$@"
}

# The password given is in neither the report nor the transcript.
mr_assert_secret_hidden() {
	local pw=${MR_SENT_PASS-$MR_PASS}
	assert_no_grep "$MR_REPORT" "$pw"
	assert_no_grep "$MR_DIR/transcript.txt" "$pw"
	note "ok: the password is in neither the report nor the transcript"
}
