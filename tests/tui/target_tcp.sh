#!/bin/bash
# `sockdoc tcp://HOST:PORT` on a terminal: the wizard runs the
# protocol-free chain at once (a reset-on-connect service is named), and
# its settings show "Other TCP service" with the port pre-filled.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
tui_start "tcp://127.0.0.1:$port"
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
tui_keys e
tui_wait 'Step 2 of 3' || tui_fail "settings not reachable"
tui_screen | grep -q "Other TCP service" || tui_fail "protocol not tcp"
tui_screen | grep -Eq "Port +$port" || tui_fail "port not pre-filled"
tui_keys F10
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: tcp:// TARGET pre-filled and ran at once"
