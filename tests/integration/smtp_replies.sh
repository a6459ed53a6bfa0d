#!/bin/bash
# Every SMTP answer is evidence (issue 10), against the scripted server
# (servers/scripted_smtp.py): RCPT greylisted (451 4.7.1), a bare HELO
# name refused at RCPT (404 4.5.2 Helo command rejected), the EHLO name
# refused at EHLO, a late reply to MAIL (after --timeout), relaying refused
# without AUTH and accepted with it.  Never "inconclusive" where the
# server answered; the EHLO name sent is an address literal unless --ehlo.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
S=$SMTP_TMP
# The exit status is 1 (a problem named), never 3 (inconclusive), and
# the verdict says so, wherever the server answered.
NOTINC="r['verdict'] == 'problems'"
ENV=(--mail-from alice@mail.test --rcpt bob@example.org)

# The refusal of STEP in probe PID as a dict (the first), {} when none.
ref() { echo "[x for x in details('$1').get('refusals', []) if x['step'] == '$2'][0]"; }

cat >"$S/grey.script" <<'X'
EHLO 250-mail.test|250-SIZE 10000000|250 8BITMIME
RCPT 451 4.7.1 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html, try again later
X
scripted_server grey "$S/grey.script"
smtp_sockdoc "$S/a.json" "${ENV[@]}" "smtp://127.0.0.1:$(smtp_port grey)"
assert_exit 1
assert_json "$S/a.json" "$NOTINC"
assert_cause "$S/a.json" smtp.greylisted "451 4.7.1 <bob@example.org>: Recipient address rejected: Greylisted"
assert_json "$S/a.json" "'retry' in fixes('smtp.greylisted')"
assert_json "$S/a.json" "status('smtp.transaction') == 'fail'"
assert_json "$S/a.json" "$(ref smtp.transaction RCPT)['code'] == 451"
assert_json "$S/a.json" "$(ref smtp.transaction RCPT)['enhanced'] == '4.7.1'"
assert_json "$S/a.json" "$(ref smtp.transaction RCPT)['arg'] == 'bob@example.org'"
assert_json "$S/a.json" "'Greylisted' in $(ref smtp.transaction RCPT)['text']"
assert_json "$S/a.json" "details('smtp.transaction')['ehlo_name'] == '[127.0.0.1]'"
assert_json "$S/a.json" "details('smtp.transaction')['data_code'] == 0"
assert_json "$S/a.json" "[x['step'] for x in details('smtp.transaction')['session']['replies']][-1] == 'RSET'"
grep -q "DATA" "$S/grey.log" && { echo "FAIL: DATA sent"; exit 1; }

cat >"$S/helo.script" <<'X'
EHLO 250-mail.test|250 8BITMIME
RCPT?bare 404 4.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname
X
scripted_server helo "$S/helo.script"
smtp_sockdoc "$S/b.json" "${ENV[@]}" --ehlo myhost "smtp://127.0.0.1:$(smtp_port helo)"
assert_exit 1
assert_json "$S/b.json" "$NOTINC"
assert_cause "$S/b.json" smtp.helo_rejected "404 4.5.2 <myhost>: Helo command rejected"
assert_json "$S/b.json" "\"'myhost' is the name the client\" in evidence('smtp.helo_rejected')"
assert_json "$S/b.json" "'--ehlo' in fixes('smtp.helo_rejected')"
assert_json "$S/b.json" "details('smtp.transaction')['ehlo_name'] == 'myhost'"
assert_json "$S/b.json" "details('smtp.ehlo')['ehlo_name'] == 'myhost'"
assert_json "$S/b.json" "$(ref smtp.transaction RCPT)['code'] == 404"
assert_json "$S/b.json" "$(ref smtp.transaction RCPT)['enhanced'] == '4.5.2'"
assert_json "$S/b.json" "'<myhost>: Helo command rejected: need fully-qualified hostname' in $(ref smtp.transaction RCPT)['text']"
# sockdoc's own name (an address literal) passes the same server
smtp_sockdoc "$S/b2.json" "${ENV[@]}" "smtp://127.0.0.1:$(smtp_port helo)"
assert_json "$S/b2.json" "causes() == []"
assert_json "$S/b2.json" "details('smtp.transaction')['outcome'] == 'accepted'"
assert_json "$S/b2.json" "'refusals' not in details('smtp.transaction')"

cat >"$S/ehlo.script" <<'X'
EHLO?bare 501 5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname
HELO?bare 501 5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname
EHLO 250-mail.test|250 8BITMIME
X
scripted_server ehlo "$S/ehlo.script"
smtp_sockdoc "$S/c.json" --ehlo myhost "smtp://127.0.0.1:$(smtp_port ehlo)"
assert_exit 1
assert_cause "$S/c.json" smtp.helo_rejected "at EHLO myhost the server answered 501 5.5.2"
assert_json "$S/c.json" "$NOTINC"
assert_json "$S/c.json" "status('smtp.ehlo') == 'fail'"
assert_json "$S/c.json" "$(ref smtp.ehlo EHLO)['code'] == 501"
assert_json "$S/c.json" "$(ref smtp.ehlo EHLO)['arg'] == 'myhost'"
assert_json "$S/c.json" "$(ref smtp.ehlo EHLO)['enhanced'] == '5.5.2'"
assert_json "$S/c.json" "$(ref smtp.ehlo HELO)['code'] == 501"
assert_json "$S/c.json" "'Helo command rejected' in $(ref smtp.ehlo EHLO)['text']"
assert_json "$S/c.json" "any(x['step'] == 'EHLO' and x['port'] == $(smtp_port ehlo) for x in details('smtp.ports')['refusals'])"
smtp_sockdoc "$S/c2.json" "smtp://127.0.0.1:$(smtp_port ehlo)"
assert_json "$S/c2.json" "causes() == []"
assert_json "$S/c2.json" "status('smtp.ehlo') == 'ok'"

cat >"$S/late.script" <<'X'
EHLO 250-mail.test|250 8BITMIME
MAIL @sleep 3 250 2.1.0 Ok
X
scripted_server late "$S/late.script"
smtp_sockdoc "$S/d.json" "${ENV[@]}" "smtp://127.0.0.1:$(smtp_port late)"
assert_exit 1
assert_cause "$S/d.json" transfer.stall_timeout "at MAIL alice@mail.test the server answered 250 2.1.0 Ok"
assert_json "$S/d.json" "$NOTINC"
assert_json "$S/d.json" "status('smtp.transaction') == 'warn'"
assert_json "$S/d.json" "details('smtp.transaction')['outcome'] == 'accepted'"
assert_json "$S/d.json" "$(ref smtp.transaction MAIL)['code'] == 250"
assert_json "$S/d.json" "$(ref smtp.transaction MAIL)['late_ms'] > 500"

# A late EHLO reply: libcurl gives up at --timeout, the own dialogue
# waits once more and records the reply with late_ms.
cat >"$S/lateehlo.script" <<'X'
EHLO @sleep 3 250-mail.test|250 8BITMIME
X
scripted_server lateehlo "$S/lateehlo.script"
smtp_sockdoc "$S/d2.json" "smtp://127.0.0.1:$(smtp_port lateehlo)"
assert_exit 1
assert_cause "$S/d2.json" transfer.stall_timeout "the server answered 250"
assert_json "$S/d2.json" "$NOTINC"
assert_json "$S/d2.json" "status('smtp.ehlo') == 'warn'"
assert_json "$S/d2.json" "details('smtp.ehlo')['ehlo_code'] == 250"
assert_json "$S/d2.json" "$(ref smtp.ehlo EHLO)['code'] == 250"
assert_json "$S/d2.json" "$(ref smtp.ehlo EHLO)['late_ms'] > 500"

# A reply without a code (RFC 5321 4.2) is a malformed refusal, quoted,
# on libcurl's session (smtp.ehlo) and on the own dialogue (MAIL).
cat >"$S/bad.script" <<'X'
EHLO?bare this is no reply
MAIL hello, this is no reply either
X
scripted_server bad "$S/bad.script"
smtp_sockdoc "$S/f.json" --ehlo myhost "smtp://127.0.0.1:$(smtp_port bad)"
assert_exit 1
assert_cause "$S/f.json" server.malformed_reply "no reply code"
assert_json "$S/f.json" "$NOTINC"
assert_json "$S/f.json" "$(ref smtp.ehlo EHLO)['malformed'] == 'no reply code'"
assert_json "$S/f.json" "$(ref smtp.ehlo EHLO)['code'] == 0"
assert_json "$S/f.json" "$(ref smtp.ehlo EHLO)['text'] == 'this is no reply'"
assert_json "$S/f.json" "len(details('smtp.ehlo')['refusals']) == 1"
smtp_sockdoc "$S/g.json" "${ENV[@]}" "smtp://127.0.0.1:$(smtp_port bad)"
assert_exit 1
assert_cause_listed "$S/g.json" server.malformed_reply "at MAIL alice@mail.test"
assert_json "$S/g.json" "$NOTINC"
assert_json "$S/g.json" "status('smtp.transaction') == 'fail'"
assert_json "$S/g.json" "$(ref smtp.transaction MAIL)['malformed'] == 'no reply code'"
assert_json "$S/g.json" "'this is no reply either' in $(ref smtp.transaction MAIL)['text']"

# Relaying: refused without AUTH, accepted after logging in (STARTTLS
# with a certificate of the test CA, so the password may be sent).
smtp_cert good "IP:127.0.0.1"
cat >"$S/relay.script" <<'X'
EHLO 250-mail.test|250-STARTTLS|250 AUTH PLAIN LOGIN
STARTTLS 220 2.0.0 Ready to start TLS ; @tls
AUTH:PLAIN* 235 2.7.0 Authentication successful
AUTH:LOGIN 334 VXNlcm5hbWU6 ; 334 UGFzc3dvcmQ6 ; 235 2.7.0 Authentication successful
RCPT:*.invalid?noauth 554 5.7.1 <sockdoc-relay-test>: Relay access denied
X
scripted_server relay "$S/relay.script" --cert "$S/good.pem" --key "$S/good.key"
SOCKDOC_PASSWORD=relay-horse-staple smtp_sockdoc "$S/e.json" \
	--cacert "$S/ca.pem" --tls starttls --user alice \
	--mail-from alice@mail.test "smtp://127.0.0.1:$(smtp_port relay)"
assert_exit 1
assert_json "$S/e.json" "causes()[0] == 'auth.required'"
assert_json "$S/e.json" "details('smtp.transaction')['outcome'] == 'relay_denied'"
assert_json "$S/e.json" "details('smtp.transaction')['relay']['without_auth']['code'] == 554"
assert_json "$S/e.json" "details('smtp.transaction')['relay']['with_auth']['code'] == 250"
assert_json "$S/e.json" "details('smtp.transaction')['relay']['address'].endswith('.invalid')"
assert_json "$S/e.json" "'RCPT answered 554 5.7.1' in ev('auth.required')"
assert_json "$S/e.json" "'after logging in: 250' in ev('auth.required')"
grep -q relay-horse-staple "$S"/*.json "$S"/*.log && { echo "FAIL: leak"; exit 1; }
echo PASS
