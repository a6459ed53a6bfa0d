#!/bin/bash
# explain_users.sh — explain answers the user, not the developer: port 465
# with Secure(SSL): No is a mode mismatch first, with its evidence, even
# under 10053 (whose prior favours a graceful close); Thunderbird's and
# FileZilla's reset/timeout/refused sentences (with the server's name in
# the middle) are connection faults with ranked causes; 10054 begins in a
# user's words and keeps the technical detail below.  No network traffic.
set -u
. "$(dirname "$0")/testlib.sh"
export LC_ALL=C.UTF-8 LANGUAGE=
TMP=$T_DIR

# ids MSG...: the ranked cause ids of explain's JSON for MSG.
ids() {
	"$SOCKDOC" explain --format json "$@" | $PY -c '
import json, sys; print(" ".join(json.load(sys.stdin)["cause_ids"]))'
}

OL="Sending' reported error (0x800CCC0F) : 'The connection to the server was interrupted.' Server: 'smtp.example.com', Protocol: SMTP, Port: 465, Secure(SSL): No, Socket Error: 10053, Error Number: 0x800CCC0F"
got=$(ids "$OL")
[ "${got%% *}" = tls.mode_mismatch ] || fail "465 with SSL off ranks [$got]"
"$SOCKDOC" explain "$OL" >"$TMP/ol.out" || fail "Outlook 465 not explained"
grep -A3 '^  1\. tls\.mode_mismatch' "$TMP/ol.out" | grep -q \
	"evidence: port 465 expects SSL/TLS from the first byte; your client has Secure(SSL): No" ||
	fail "no port/SSL evidence under the first cause"
"$SOCKDOC" explain --format json "$OL" | $PY -c '
import json, sys
f = json.load(sys.stdin)["message"]["security_finding"]
assert f.startswith("port 465 expects SSL/TLS"), f' || fail "no security_finding in JSON"
for p in 993:IMAP 995:POP3; do
	got=$(ids "Server: 'mail.example.com', Protocol: ${p#*:}, Port: ${p%%:*}, Secure(SSL): No, Socket Error: 10054, Error Number: 0x800CCC0E")
	[ "${got%% *}" = tls.mode_mismatch ] || fail "${p%%:*} with SSL off ranks [$got]"
done

# Thunderbird and FileZilla sentences: a connection fault, ranked causes.
check() { # MSG FIRST-CAUSE-AMONG-TOP-3
	"$SOCKDOC" explain "$1" >"$TMP/o" || fail "not explained: $1"
	grep -q "it is not a connection fault" "$TMP/o" && fail "no cause for: $1"
	case " $(ids "$1" | cut -d' ' -f1-3) " in
	*" $2 "*) ;; *) fail "$2 not in the top 3 for: $1 [$(ids "$1")]";;
	esac
}
check "The connection to the server smtp.example.com was reset during the transfer. Please try again." tcp.reset_on_connect
check "The connection to the server smtp.example.com timed out." tcp.filtered
check "The connection was refused when attempting to contact smtp.example.com." tcp.refused
check "Error: Could not read from socket: ECONNRESET - Connection reset by peer" tcp.reset_on_connect
check "Error: Connection reset by peer" tcp.reset_on_connect
check "Error: Connection timed out after 20 seconds of inactivity" transfer.stall_timeout
check "Error: Could not connect to server" tcp.refused

# 10054: the user's words first, the technical detail below them.
"$SOCKDOC" explain 10054 >"$TMP/10054.out" || fail "10054 not explained"
sed -n 3p "$TMP/10054.out" | grep -q "security setting (SSL/TLS) does not match the port" ||
	fail "10054 does not begin in a user's words"
sed -n 3p "$TMP/10054.out" | grep -Eq "SO_LINGER|recv\(\)|RST" &&
	fail "10054's first lines speak to developers"
tech=$(grep -n "Technical detail" "$TMP/10054.out" | cut -d: -f1)
linger=$(grep -n "SO_LINGER" "$TMP/10054.out" | head -1 | cut -d: -f1)
[ -n "$tech" ] && [ -n "$linger" ] && [ "$linger" -gt "$tech" ] ||
	fail "the technical detail is not below the user's text"
echo PASS
