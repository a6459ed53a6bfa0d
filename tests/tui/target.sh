#!/bin/bash
# `sockdoc smtp://HOST:PORT` on a terminal: the wizard starts the chain at
# once with the settings pre-filled, shows the cause, and e shows the
# settings it used.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

port=$(tui_server reset)
tui_start "smtp://127.0.0.1:$port"
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
tui_keys e
tui_wait 'Step 2 of 3' || tui_fail "settings not reachable"
tui_screen | grep -Eq "Server +127\.0\.0\.1" || tui_fail "server not pre-filled"
tui_screen | grep -Eq "Port +$port" || tui_fail "port not pre-filled"
tui_keys F10
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: TARGET pre-filled and ran at once"
