#!/bin/bash
# explain_pastes.sh — real pastes and first contact: Thunderbird's "timed
# out" is a connection fault; a Python smtplib traceback names the
# server in the call, not "smtplib.SMTP"; a FileZilla log whose listing
# timed out after a working login asks the passive/active question;
# causes rank by how often they produce the code (10060: tcp.filtered
# first); unknown options are refused (exit 2, one message and a hint);
# the Russian "Recognised" block is aligned by display width.
# No network traffic at all.
set -u
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8 LANGUAGE=
TMP=$T_DIR

# ids MSG...: the ranked cause ids of explain's JSON for MSG.
ids() {
	"$SOCKDOC" explain --format json "$@" | $PY -c '
import json, sys; print(" ".join(json.load(sys.stdin)["cause_ids"]))'
}

TB='Sending of the message failed. The message could not be sent because the connection to Outgoing server (SMTP) smtp.example.com timed out. Try again.'
got=$(ids "$TB")
case "$got" in tcp.filtered*|smtp.port25_blocked*) ;;
*) fail "Thunderbird timed out: causes [$got]";; esac
"$SOCKDOC" explain "$TB" | grep -q "not a connection fault" &&
	fail "Thunderbird timed out read as not a connection fault"

cat >"$TMP/py.txt" <<'PYEOF'
Traceback (most recent call last):
  File "/home/anna/send.py", line 7, in <module>
    server = smtplib.SMTP('mail.example.com', 587)
  File "/usr/lib/python3.11/smtplib.py", line 255, in __init__
    (code, msg) = self.connect(host, port)
  File "/usr/lib/python3.11/smtplib.py", line 405, in getreply
    raise SMTPServerDisconnected("Connection unexpectedly closed")
smtplib.SMTPServerDisconnected: Connection unexpectedly closed
PYEOF
"$SOCKDOC" explain --format json - <"$TMP/py.txt" >"$TMP/py.json" ||
	fail "traceback not explained"
$PY - "$TMP/py.json" <<'PYEOF' || fail "traceback read wrong"
import json, sys
r = json.load(open(sys.argv[1]))
m = r["message"]
assert m["server"] == "mail.example.com", m["server"]
assert m["port"] == 587, m["port"]
assert "smtplib" not in r["command_line"], r["command_line"]
PYEOF

printf 'Status:\tConnecting to 203.0.113.5:21...\nStatus:\tLogged in\nStatus:\tRetrieving directory listing...\nCommand:\tPWD\nResponse:\t257 "/" is the current directory\nCommand:\tPASV\nResponse:\t227 Entering Passive Mode (203,0,113,5,195,80).\nCommand:\tLIST\nError:\tConnection timed out after 20 seconds of inactivity\nError:\tFailed to retrieve directory listing\n' >"$TMP/fz.txt"
"$SOCKDOC" explain - <"$TMP/fz.txt" >"$TMP/fz.out" || fail "FileZilla log not explained"
grep -A3 "What causes it" "$TMP/fz.out" | grep -q "1\. ftp\.passive_blocked" ||
	fail "FileZilla listing timeout: passive_blocked not first"
grep -q "passive or active" "$TMP/fz.out" || fail "no passive/active question"
grep -Eq "^  [0-9]\. (tcp|net|dns)\." "$TMP/fz.out" &&
	fail "connection causes listed though the login worked"

# A FileZilla login refusal: the fixes fit FTP (no e-mail address as the
# user name, no port 587), in text and JSON.
printf 'Status:\tConnecting to 203.0.113.5:21...\nCommand:\tUSER bob\nResponse:\t331 Please specify the password.\nCommand:\tPASS ****\nResponse:\t530 Login incorrect.\nError:\tCritical error: Could not connect to server\n' >"$TMP/fz530.txt"
"$SOCKDOC" explain - <"$TMP/fz530.txt" >"$TMP/fz530.out" || fail "FileZilla 530 not explained"
grep -q "auth\.rejected" "$TMP/fz530.out" || fail "FileZilla 530: no auth.rejected"
grep -Eq "e-mail address|587" "$TMP/fz530.out" && fail "FileZilla 530: mail advice for FTP"
"$SOCKDOC" explain --format json - <"$TMP/fz530.txt" >"$TMP/fz530.json" || fail "FileZilla 530 JSON"
$PY - "$TMP/fz530.json" <<'PYEOF' || fail "FileZilla 530: JSON fixes not FTP's"
import json, sys
r = json.load(open(sys.argv[1]))
c = next(c for c in r["causes"] if c["id"] == "auth.rejected")
assert any("FileZilla" in f for f in c["fixes"]), c["fixes"]
assert not any("e-mail" in f or "587" in f for x in r["causes"] for f in x["fixes"]), r["causes"]
PYEOF

# A POP3 error is about receiving mail: the POP3 test, not an SMTP one.
"$SOCKDOC" explain 0x800CCC90 >"$TMP/pop3.out" || fail "0x800CCC90 not explained"
grep -q "smtp://" "$TMP/pop3.out" && fail "0x800CCC90 suggests an SMTP test"
grep -q "pop3://" "$TMP/pop3.out" || fail "0x800CCC90: no POP3 test suggested"
case " $(ids 0x800CCC90) " in *" smtp."*|*" ftp."*) fail "0x800CCC90 ranks SMTP/FTP causes";; esac

got=$(ids 10060)
[ "${got%% *}" = tcp.filtered ] || fail "10060 ranks [$got]"
got=$(ids 0x800CCC0F)
[ "${got%% *}" = tls.mode_mismatch ] || fail "0x800CCC0F ranks [$got]"

"$SOCKDOC" explain --bogus 10054 >"$TMP/o" 2>"$TMP/e"; rc=$?
[ "$rc" = 2 ] || fail "--bogus exit $rc"
[ ! -s "$TMP/o" ] || fail "--bogus printed an explanation"
[ "$(wc -l <"$TMP/e")" = 2 ] || fail "--bogus: not one message and a hint: $(cat "$TMP/e")"
grep -q "unknown option '--bogus'" "$TMP/e" || fail "--bogus not named"
"$SOCKDOC" explain -- 10054 >/dev/null || fail "-- before the text refused"
"$SOCKDOC" explain --wizard 10054 </dev/null >"$TMP/o" 2>"$TMP/e"; rc=$?
[ "$rc" = 2 ] || fail "--wizard without a server or terminal: exit $rc"

if locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	SEED='Ошибка при соединении с сервером. Учетная запись: ‘anna@example.com’, Сервер: ‘smtp.example.com’, Протокол: SMTP, Порт: 25, Защита (SSL): Нет, Ошибка сокета: 10060, Код ошибки: 0x800CCC0E'
	LC_ALL=ru_RU.UTF-8 "$SOCKDOC" explain "$SEED" >"$TMP/ru.out"
	$PY - "$TMP/ru.out" <<'PYEOF' || fail "Russian block not aligned"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l and not l.startswith(" "))
cols = set()
for l in lines[start + 1:]:
    if not l.startswith("  ") or ":" not in l:
        break
    head, _, rest = l.partition(":")
    value_at = len(head) + 1 + (len(rest) - len(rest.lstrip(" ")))
    cols.add(value_at)
assert len(cols) == 1, cols
print("aligned at column", cols.pop())
PYEOF
fi
echo PASS
