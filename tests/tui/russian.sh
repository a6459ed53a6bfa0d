#!/bin/bash
# LANG=ru_RU.UTF-8: the wizard speaks Russian (the catalog from the build
# tree), the cause id stays as it is, and Cyrillic is drawn unbroken.
. "${top_srcdir:-.}/tests/tui/lib_tui.sh"

locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$' || {
	echo "SKIP: no ru_RU.UTF-8 locale"
	exit 77
}
port=$(tui_server reset)
TUI_ENV="LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8" tui_start "smtp://127.0.0.1:$port"
tui_wait 'tcp\.reset_on_connect' 150 || tui_fail "cause not shown"
tui_screen | grep -q 'Найден' || tui_fail "results heading not in Russian"
tui_screen | grep -q 'соединение' || tui_fail "cause title not in Russian"
tui_keys F10
rc=$(tui_wait_exit)
[ "$rc" = 1 ] || tui_fail "exit code $rc"
echo "ok: the wizard speaks Russian"
