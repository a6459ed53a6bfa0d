#!/bin/bash
# "Outlook cannot receive" through the wizard against a real Dovecot
# (disable_plaintext_auth = yes, listening on 127.0.0.2 so the client is
# not counted as local): menu 2 (receiving mail), Outlook's incoming-server
# field names, then three runs, each ranking its cause first:
#   POP3S port, SSL/TLS, wrong password   -> auth.rejected
#   POP3S port, no encryption             -> tls.mode_mismatch
#   POP3 port, no encryption              -> auth.requires_tls
# The password is typed into the hidden field, never on a command line.
MR_HOST=127.0.0.2
. "${top_srcdir:-.}/tests/integration/lib_mailrecv.sh"
mr_need
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"
# Both libraries clean up at exit: Dovecot (testlib) and tmux (lib_tui).
trap t_cleanup EXIT
on_exit tui_cleanup
mr_dovecot_start <<'EOF2'
disable_plaintext_auth = yes
EOF2

run=0
# wizard PORT RIGHTS PASSWORD CAUSE: walk the wizard with the security
# choice moved RIGHTS times from "Auto" (1 none, 3 SSL/TLS), and expect
# CAUSE ranked first on the results screen.
wizard() {
	run=$((run + 1))
	TUI_SESS="sd$$r$run"
	rm -f "$TUI_DIR/rc"
	tui_start --cacert "$MR_CA" --timeout 3 --user "$MR_USER"
	tui_wait 'What fails' || exit 1
	tui_screen | grep -q 'Receiving mail fails' || tui_fail "no receiving item"
	tui_keys 2
	tui_wait 'Step 2 of 3' || exit 1
	tui_wait 'POP3 \(receiving mail\)' || tui_fail "protocol not POP3"
	# Field names as in Outlook: Right once on "Field names as in".
	tui_keys Up
	tui_keys Right
	tui_wait 'Incoming mail server' || tui_fail "no Outlook incoming names"
	tui_keys Down
	tui_keys -l "$MR_HOST"
	tui_wait "^ Incoming mail server +$MR_HOST" || tui_fail "host not typed"
	tui_keys Tab
	tui_keys -l "$1"
	tui_wait "^ Incoming server \(POP3\) +$1" || tui_fail "port not typed"
	tui_keys Tab
	for _ in $(seq "$2"); do tui_keys Right; done
	tui_wait 'Outlook: "requires an encrypted connection"' ||
		tui_fail "no Outlook security note"
	tui_keys Tab Tab
	tui_keys -l "$3"
	tui_wait "Password +\*{${#3}}" || tui_fail "password not typed hidden"
	tui_screen | grep -q -- "$3" && tui_fail "password on screen"
	tui_keys Up Up Up Up Up Up Up
	tui_wait '\[ Run the diagnosis \]' || exit 1
	tui_keys Enter
	tui_wait "^ +high +$4|$4" 300 || tui_fail "cause $4 not shown"
	tui_screen | grep -m1 -A1 -E '^ (high|medium|low) ' | grep -q "$4" ||
		tui_fail "$4 is not the first cause"
	tui_keys q
	tui_wait_exit >/dev/null
	tmux -L "$TUI_SOCK" kill-session -t "$TUI_SESS" >/dev/null 2>&1
	echo "ok: port $1, security +$2: $4"
}

wizard "$MR_POP3S" 3 "wrong-$$-pw" auth.rejected
wizard "$MR_POP3S" 1 "$MR_PASS" tls.mode_mismatch
wizard "$MR_POP3" 1 "$MR_PASS" auth.requires_tls
echo "PASS"
