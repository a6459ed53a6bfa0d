#!/bin/bash
# Hostile replies from one scripted server (servers/hostiled.py):
# - an EHLO reply "250-" forever and an FTP "230-" forever after PASS are
#   bounded (the run ends long before --budget) and named: the probe
#   fails with the count, cause server.endless_reply — not "ok", not
#   inconclusive; the same replies stopping half-way are a stall
#   (transfer.stall_timeout) with the count;
# - an EHLO first line with a 126-byte name followed by a two-byte
#   character keeps its capabilities (STARTTLS, AUTH, SIZE) in the JSON;
# - escape, NUL, C1 and bidi-override bytes in replies never reach the
#   text report raw; the JSON stays valid.
. "$(dirname "$0")/lib.sh"

budget=40
run() { report_json "$@" --timeout 3 --budget "$budget"; }

# --- EHLO 250- forever
start_hostile ehlo '{"greeting": "220 hostile ESMTP\r\n", "replies": [
 {"cmd": "EHLO", "endless": "250-PIPELINING-AND-MORE-AND-MORE\r\n"},
 {"cmd": "QUIT", "send": "221 bye\r\n", "close": true},
 {"cmd": "", "send": "250 ok\r\n"}]}'
run "$T_DIR/ehlo.json" "smtp://127.0.0.1:$FAULT_PORT"
[ "$REPORT_MS" -lt $((budget * 1000 / 2)) ] || fail "EHLO flood took ${REPORT_MS} ms"
assert_exit 1
assert_json "$T_DIR/ehlo.json" 'status("smtp.ehlo") == "fail"'
assert_json "$T_DIR/ehlo.json" '"did not end" in probe("smtp.ehlo")["summary"]'
assert_json "$T_DIR/ehlo.json" 'details("smtp.ehlo")["plain"]["outcome"] == "endless_reply"'
assert_json "$T_DIR/ehlo.json" 'details("smtp.ehlo")["plain"]["endless_bytes"] > 10000'
assert_cause "$T_DIR/ehlo.json" server.endless_reply
assert_json "$T_DIR/ehlo.json" '"conn.graceful_then_reset" not in cause_ids()'

# --- FTP 230- forever after PASS
start_hostile ftp '{"greeting": "220 hostile FTP\r\n", "replies": [
 {"cmd": "USER", "send": "331 password please\r\n"},
 {"cmd": "PASS", "endless": "230-welcome aboard\r\n"},
 {"cmd": "QUIT", "send": "221 bye\r\n", "close": true},
 {"cmd": "", "send": "500 no\r\n"}]}'
run "$T_DIR/ftp.json" "ftp://127.0.0.1:$FAULT_PORT"
[ "$REPORT_MS" -lt $((budget * 1000 / 2)) ] || fail "230- flood took ${REPORT_MS} ms"
assert_exit 1
assert_json "$T_DIR/ftp.json" 'status("ftp.login") == "fail"'
assert_json "$T_DIR/ftp.json" 'details("ftp.login")["endless_reply"]["cmd"] == "PASS"'
assert_json "$T_DIR/ftp.json" 'details("ftp.login")["endless_reply"]["lines"] >= 100'
assert_cause "$T_DIR/ftp.json" server.endless_reply

# --- EHLO "250-" lines, then silence; FTP "230-" then silence: a stall
# mid-reply, named with the count (transfer.stall_timeout), not "ok".
start_hostile stall '{"greeting": "220 stall ESMTP\r\n", "replies": [
 {"cmd": "EHLO", "send": "250-stall.test\r\n250-PIPELINING\r\n"},
 {"cmd": "QUIT", "send": "221 bye\r\n", "close": true},
 {"cmd": "", "send": "250 ok\r\n"}]}'
report_json "$T_DIR/stall.json" --timeout 2 --budget "$budget" \
	"smtp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_json "$T_DIR/stall.json" 'status("smtp.ehlo") == "fail"'
assert_json "$T_DIR/stall.json" '"stalled mid-reply" in probe("smtp.ehlo")["summary"]'
assert_json "$T_DIR/stall.json" 'details("smtp.ehlo")["plain"]["stalled_lines"] == 2'
assert_cause "$T_DIR/stall.json" transfer.stall_timeout
assert_evidence "$T_DIR/stall.json" transfer.stall_timeout 'EHLO stopped after 2 lines'
start_hostile fstall '{"greeting": "220 stall FTP\r\n", "replies": [
 {"cmd": "USER", "send": "331 password please\r\n"},
 {"cmd": "PASS", "send": "230-welcome\r\n230-to the stall\r\n230-server\r\n"},
 {"cmd": "QUIT", "send": "221 bye\r\n", "close": true},
 {"cmd": "", "send": "500 no\r\n"}]}'
report_json "$T_DIR/fstall.json" --timeout 2 --budget "$budget" \
	"ftp://127.0.0.1:$FAULT_PORT"
assert_exit 1
assert_json "$T_DIR/fstall.json" 'status("ftp.login") == "fail"'
assert_json "$T_DIR/fstall.json" 'details("ftp.login")["stalled_reply"]["cmd"] == "PASS"'
assert_json "$T_DIR/fstall.json" 'details("ftp.login")["stalled_reply"]["lines"] == 3'
assert_cause "$T_DIR/fstall.json" transfer.stall_timeout

# --- a 126-byte EHLO name, then a two-byte character
name=$(printf 'n%.0s' $(seq 126))
start_hostile utf "{\"greeting\": \"220 $name ESMTP\\r\\n\", \"replies\": [
 {\"cmd\": \"EHLO\", \"send\": \"250-$name\\\\xd0\\\\x9f hello\\r\\n250-STARTTLS\\r\\n250-SIZE 1000000\\r\\n250 AUTH PLAIN LOGIN\\r\\n\"},
 {\"cmd\": \"QUIT\", \"send\": \"221 bye\\r\\n\", \"close\": true},
 {\"cmd\": \"HELP\", \"send\": \"214 help\\r\\n\"},
 {\"cmd\": \"\", \"send\": \"250 ok\\r\\n\"}]}"
run "$T_DIR/utf.json" --tls none "smtp://127.0.0.1:$FAULT_PORT"
assert_json "$T_DIR/utf.json" 'details("smtp.ehlo")["caps"]["starttls"] is True'
assert_json "$T_DIR/utf.json" 'details("smtp.ehlo")["caps"]["size_limit"] == 1000000'
assert_json "$T_DIR/utf.json" '"PLAIN" in details("smtp.ehlo")["caps"]["auth"]'
assert_json "$T_DIR/utf.json" 'len(details("smtp.ehlo")["caps"]["domain"]) == 126'

# --- the same hostile bytes in every place a reply can carry them, both
# protocols (data-driven): each run is bounded, its JSON parses, its text
# report holds no raw control character.
nasty='\\x1b]0;owned\\x07\\x00\\xff\\xfe\\xc2\\x9b2J\\xe2\\x80\\xaeevil\\xd0'
i=0
for script in \
 "{\"greeting\": \"220 $nasty ESMTP\\r\\n\", \"replies\": [{\"cmd\": \"EHLO\", \"send\": \"250-$nasty\\r\\n250 AUTH $nasty\\r\\n\"}, {\"cmd\": \"QUIT\", \"send\": \"221 $nasty\\r\\n\", \"close\": true}, {\"cmd\": \"\", \"send\": \"502 $nasty\\r\\n\"}]}" \
 "{\"greeting\": \"220 ftp $nasty\\r\\n\", \"replies\": [{\"cmd\": \"USER\", \"send\": \"331 $nasty\\r\\n\"}, {\"cmd\": \"PASS\", \"send\": \"230-$nasty\\r\\n230 in\\r\\n\"}, {\"cmd\": \"PASV\", \"send\": \"227 $nasty (1,2,3)\\r\\n\"}, {\"cmd\": \"EPSV\", \"send\": \"229 $nasty\\r\\n\"}, {\"cmd\": \"QUIT\", \"send\": \"221 bye\\r\\n\", \"close\": true}, {\"cmd\": \"\", \"send\": \"500 $nasty\\r\\n\"}]}"; do
	i=$((i + 1))
	start_hostile "nasty$i" "$script"
	proto=smtp
	[ "$i" = 2 ] && proto=ftp
	run "$T_DIR/nasty$i.json" "$proto://127.0.0.1:$FAULT_PORT"
	[ "$REPORT_MS" -lt $((budget * 1000)) ] || fail "nasty$i: ${REPORT_MS} ms"
	assert_json "$T_DIR/nasty$i.json" 'r["schema"] == "sockdoc.report/1"'
	assert_json "$T_DIR/nasty$i.json" 'status("banner") == "ok"'
	run_sockdoc "$T_DIR/nasty$i.txt" --report -v --timeout 3 \
		--budget "$budget" "$proto://127.0.0.1:$FAULT_PORT"
	$PY - "$T_DIR/nasty$i.txt" <<'PYEOF' || fail "nasty$i: raw control characters in the text report"
import sys
data = open(sys.argv[1], "rb").read().decode("utf-8")
bad = [c for c in data if (ord(c) < 0x20 and c not in "\n") or
       0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or
       0x2066 <= ord(c) <= 0x2069]
if bad:
    print("found %r" % bad[:10])
    sys.exit(1)
PYEOF
done

# --- control bytes: ESC, NUL, C1 (U+0085, U+009B CSI), bidi overrides
start_hostile ctl '{"greeting": "220 evil\\x1b[2J\\x00\\xc2\\x85\\xc2\\x9b31m\\xe2\\x80\\xae\\xe2\\x81\\xa6txt ESMTP\r\n", "replies": [
 {"cmd": "QUIT", "send": "221 bye\r\n", "close": true},
 {"cmd": "", "send": "250 ok\r\n"}]}'
run_sockdoc "$T_DIR/ctl.txt" --report -v --timeout 3 --budget "$budget" \
	"smtp://127.0.0.1:$FAULT_PORT"
$PY - "$T_DIR/ctl.txt" <<'PYEOF' || fail "raw control characters in the text report"
import sys
data = open(sys.argv[1], "rb").read().decode("utf-8")
bad = [c for c in data if (ord(c) < 0x20 and c not in "\n") or
       0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or
       0x2066 <= ord(c) <= 0x2069]
if bad:
    print("found %r" % bad[:10])
    sys.exit(1)
PYEOF
assert_grep "$T_DIR/ctl.txt" 'evil'
exit 0
