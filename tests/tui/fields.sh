#!/bin/bash
# The settings form speaks the user's client and says what each field
# wants: the menu's footer says 1-4 goes on at once; the status line
# follows the focused field (not "Type the server" on every field); a
# letter typed into the port says "digits only"; the client list follows
# the protocol (FileZilla's Host/Encryption for FTP, never Outlook's
# "Outgoing mail server"; Outlook's names again for SMTP), and FileZilla's
# encryption list has its default, "Use explicit FTP over TLS if available".
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

tui_start
tui_wait 'What fails' || exit 1
tui_screen | tail -1 | grep -q '1-4:choose and go on' ||
	tui_fail "menu footer does not say 1-4 goes on"
tui_keys 3
tui_wait 'Step 2 of 3' || exit 1
tui_wait 'Type the server as in the client' || tui_fail "no host hint"
# "Field names as in": Right skips Outlook and Thunderbird for FTP.
tui_keys Up
tui_wait 'The client the user has' || tui_fail "no hint on the client field"
tui_keys Right
tui_wait '< FileZilla >' || tui_fail "Right did not go to FileZilla"
tui_wait '^ Host ' || tui_fail "no FileZilla label"
tui_keys Left
tui_wait '< generic >' || tui_fail "Left did not skip Outlook and Thunderbird"
tui_keys Left
tui_wait '< FileZilla >' || tui_fail "Left did not come back to FileZilla"
tui_screen | grep -q 'Outgoing mail server' && tui_fail "mail label on FTP"
tui_keys Down
tui_keys -l 127.0.0.1
tui_keys Down
tui_wait 'Type the port as in the client' || tui_fail "no port hint"
tui_screen | grep -q 'Type the server as in the client' &&
	tui_fail "the host hint stayed on the port field"
tui_keys -l 2x
tui_wait 'digits only' || tui_fail "a letter in the port vanished silently"
tui_wait '^ Port +2 *$' || tui_fail "port field holds more than the digit"
tui_keys Down
tui_wait 'security setting the client has' || tui_fail "no security hint"
tui_wait 'Use explicit FTP over TLS if available' ||
	tui_fail "FileZilla's default encryption missing"
tui_keys Down
tui_wait 'Logon Type' || tui_fail "no FileZilla logon type note"
tui_keys Down
tui_wait 'Type the password' || tui_fail "no password hint"
# Protocol SMTP: FileZilla gives way to Outlook's names.
tui_keys Up Up Up Up Up Up
tui_wait 'Which service fails' || tui_fail "no protocol hint"
tui_keys Left
tui_wait '< Outlook >' || tui_fail "FileZilla kept for SMTP"
tui_wait '^ Outgoing mail server \(SMTP\) +127\.0\.0\.1' ||
	tui_fail "no Outlook label for SMTP"
tui_keys Right
tui_wait '< FileZilla >' || tui_fail "Outlook kept for FTP"
tui_wait '^ Host +127\.0\.0\.1' || tui_fail "no FileZilla label for FTP"
tui_keys F10
rc=$(tui_wait_exit)
[ "$rc" = timeout ] && tui_fail "did not quit"
echo "ok: per-field hints, digits only, client names follow the protocol"
