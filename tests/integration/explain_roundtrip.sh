#!/bin/bash
# explain_roundtrip.sh — a pasted message becomes a command that finds the
# real fault: Outlook (English and Russian) and FileZilla messages naming
# a loopback lab server; explain's command, run as printed, must diagnose
# a cause explain ranked near the top.  Traffic: 127.0.0.1 only.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_lab.sh"
export LC_ALL=C.UTF-8 LANGUAGE=

# diagnose_argv ARGS...: run sockdoc with ARGS into report.json; sets
# LAB_RC to its exit code.
diagnose_argv() {
	LAB_RC=0
	timeout --foreground -k 5 60 "$SOCKDOC" "$@" --format json --timeout 2 --budget 30 \
		>"$LAB_TMP/report.json" 2>"$LAB_TMP/report.err" || LAB_RC=$?
}

# roundtrip MESSAGE WANT_CMD CAUSE: explain MESSAGE, check its command is
# WANT_CMD (a shell line) and ranks CAUSE in its first 3, run the command
# and check the diagnosis names CAUSE first.
roundtrip() {
	local msg=$1 want=$2 cause=$3 argv=()
	"$SOCKDOC" explain --format json "$msg" >"$LAB_TMP/ex.json" ||
		fail "explain exit $? for: $msg"
	$PY - "$LAB_TMP/ex.json" "$want" "$cause" <<'PYEOF' || fail "explain: $msg"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["command_line"] == sys.argv[2], (d["command_line"], sys.argv[2])
assert sys.argv[3] in d["cause_ids"][:3], d["cause_ids"][:5]
PYEOF
	mapfile -d '' argv < <($PY -c 'import json,sys
for a in json.load(open(sys.argv[1]))["command"][1:]: sys.stdout.write(a + "\0")' \
		"$LAB_TMP/ex.json")
	diagnose_argv "${argv[@]}"
	[ "$LAB_RC" = 1 ] || fail "command exit $LAB_RC, want 1: ${argv[*]}: $(cat "$LAB_TMP/report.err")"
	$PY - "$LAB_TMP/report.json" "$cause" <<'PYEOF' || fail "diagnosis: ${argv[*]}"
import json, sys
d = json.load(open(sys.argv[1]))
ids = [c["id"] for c in d["causes"]]
assert ids and ids[0] == sys.argv[2], ids
assert d["causes"][0]["evidence"], d["causes"][0]
PYEOF
	echo "ok: $cause via: ${argv[*]}"
}

lab_start smtp reset-on-connect
roundtrip "Account: 'test', Server: '127.0.0.1', Protocol: SMTP, Port: $LAB_PORT, Secure(SSL): No, Socket Error: 10054, Error Number: 0x800CCC0E" \
	"sockdoc --report --protocol smtp --tls none smtp://127.0.0.1:$LAB_PORT" \
	tcp.reset_on_connect
roundtrip "Ошибка при соединении с сервером. Учетная запись: ‘тест’, Сервер: ‘127.0.0.1’, Протокол: SMTP, Порт: $LAB_PORT, Защита (SSL): Нет, Ошибка сокета: 10054, Код ошибки: 0x800CCC0E" \
	"sockdoc --report --protocol smtp --tls none smtp://127.0.0.1:$LAB_PORT" \
	tcp.reset_on_connect

lab_start ftp reset-on-connect
roundtrip "Status:	Connecting to 127.0.0.1:$LAB_PORT...
Status:	Connection established, waiting for welcome message...
Error:	Could not read from socket: ECONNRESET - Connection reset by peer
Error:	Could not connect to server" \
	"sockdoc --report --protocol ftp ftp://127.0.0.1:$LAB_PORT" \
	tcp.reset_on_connect

# Nothing listens on a fresh port: refused, as Outlook's 10061 says.
port=$($PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
roundtrip "Account: 'test', Server: '127.0.0.1', Protocol: SMTP, Port: $port, Secure(SSL): No, Socket Error: 10061, Error Number: 0x800CCC0E" \
	"sockdoc --report --protocol smtp --tls none smtp://127.0.0.1:$port" \
	tcp.refused
echo PASS
