#!/bin/bash
# TLS and AUTH answers on sockdoc's own dialogue, against the scripted
# server (servers/scripted_smtp.py): AUTH PLAIN refused while LOGIN works
# (each advertised mechanism tried, SCRAM-SHA-256 against a real SCRAM
# exchange; XOAUTH2 recorded as not tried), STARTTLS
# answered 454, and a server that speaks only TLS 1.0 (its highest version
# measured once at OpenSSL security level 0; the fix is the server's).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib_smtp.sh"
smtp_setup
S=$SMTP_TMP
# The exit status is 1 (a problem named), never 3 (inconclusive), and
# the verdict says so, wherever the server answered.
NOTINC="r['verdict'] == 'problems'"
ref() { echo "[x for x in details('$1').get('refusals', []) if x['step'] == '$2'][0]"; }
mech() { echo "[m for m in details('smtp.auth')['mechanisms'] if m['name'] == '$1'][0]"; }

# AUTH over plain text (the client is set to no security, so it sends
# the password that way already): PLAIN refused, LOGIN, CRAM-MD5 and
# SCRAM-SHA-256 (a real SCRAM server exchange) work, XOAUTH2 not tried.
cat >"$S/mech.script" <<'X'
EHLO 250-mail.test|250 AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256 XOAUTH2
AUTH:SCRAM-SHA-256* @scram sha256 mech-horse-battery
AUTH:PLAIN* 535 5.7.8 Error: authentication failed: Invalid authentication mechanism
AUTH:LOGIN 334 VXNlcm5hbWU6 ; 334 UGFzc3dvcmQ6 ; 235 2.7.0 Authentication successful
AUTH:CRAM-MD5 334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+ ; 235 2.7.0 Authentication successful
X
scripted_server mech "$S/mech.script"
SOCKDOC_PASSWORD=mech-horse-battery smtp_sockdoc "$S/a.json" --tls none \
	--user alice --transcript "$S/a.txt" "smtp://127.0.0.1:$(smtp_port mech)"
assert_exit 1
assert_json "$S/a.json" "causes()[0] == 'auth.mechanism_rejected'"
assert_json "$S/a.json" "'auth.rejected' not in causes()"
assert_json "$S/a.json" "details('smtp.auth')['authenticated']"
assert_json "$S/a.json" "details('smtp.auth')['mechanism'] == 'LOGIN'"
assert_json "$S/a.json" "$(mech PLAIN)['code'] == 535 and not $(mech PLAIN)['ok']"
assert_json "$S/a.json" "$(mech PLAIN)['enhanced'] == '5.7.8'"
assert_json "$S/a.json" "$(mech LOGIN)['ok'] and $(mech LOGIN)['code'] == 235"
assert_json "$S/a.json" "$(mech CRAM-MD5)['ok']"
assert_json "$S/a.json" "$(mech SCRAM-SHA-256)['ok'] and $(mech SCRAM-SHA-256)['code'] == 235"
assert_json "$S/a.json" "not $(mech XOAUTH2)['tried'] and $(mech XOAUTH2)['text'] == 'not tried'"
assert_json "$S/a.json" "$(ref smtp.auth AUTH)['mechanism'] == 'PLAIN'"
assert_json "$S/a.json" "$(ref smtp.auth AUTH)['code'] == 535"
assert_json "$S/a.json" "'AUTH PLAIN (plain) answered 535 5.7.8' in ev('auth.mechanism_rejected')"
assert_json "$S/a.json" "'Set the client\\'s authentication method to LOGIN' in cause('auth.mechanism_rejected')['fixes'][0]"
grep -q mech-horse-battery "$S/a.json" "$S/a.txt" && { echo "FAIL: leak"; exit 1; }
grep -q "AUTH PLAIN <secret not recorded>" "$S/a.txt" ||
	{ echo "FAIL: AUTH not in the transcript"; exit 1; }

cat >"$S/s454.script" <<'X'
EHLO 250-mail.test|250-STARTTLS|250 8BITMIME
STARTTLS 454 4.7.0 TLS not available due to local problem
X
scripted_server s454 "$S/s454.script"
smtp_sockdoc "$S/b.json" --tls starttls "smtp://127.0.0.1:$(smtp_port s454)"
assert_exit 1
assert_cause "$S/b.json" tls.starttls_unavailable "at STARTTLS the server answered 454 4.7.0 TLS not available"
assert_json "$S/b.json" "'administrator' in evidence('tls.starttls_unavailable')"
assert_json "$S/b.json" "$NOTINC"
assert_json "$S/b.json" "details('tls')['handshake'] == 'starttls_refused'"
assert_json "$S/b.json" "$(ref tls STARTTLS)['code'] == 454"
assert_json "$S/b.json" "$(ref tls STARTTLS)['enhanced'] == '4.7.0'"
assert_json "$S/b.json" "'TLS not available' in $(ref tls STARTTLS)['text']"
assert_json "$S/b.json" "'tls.handshake_failed' not in causes()"

# After STARTTLS's 220: no byte at all in answer to the ClientHello, and
# a reset in answer to it — told apart on the own dialogue.
cat >"$S/mute.script" <<'X'
EHLO 250-mail.test|250 STARTTLS
STARTTLS 220 2.0.0 Ready to start TLS ; @hold 6
X
scripted_server mute "$S/mute.script"
smtp_sockdoc "$S/m.json" --tls starttls "smtp://127.0.0.1:$(smtp_port mute)"
assert_exit 1
assert_json "$S/m.json" "causes()[0] == 'tls.handshake_failed'"
assert_json "$S/m.json" "details('tls')['handshake_kind'] == 'no_bytes'"
assert_json "$S/m.json" "details('tls')['handshake_bytes'] == 0"
assert_json "$S/m.json" "'sent no byte in answer to the TLS ClientHello' in ev('tls.handshake_failed')"
cat >"$S/rst.script" <<'X'
EHLO 250-mail.test|250 STARTTLS
STARTTLS 220 2.0.0 Ready to start TLS ; @reset
X
scripted_server rst "$S/rst.script"
smtp_sockdoc "$S/n.json" --tls starttls "smtp://127.0.0.1:$(smtp_port rst)"
assert_exit 1
assert_json "$S/n.json" "causes()[0] == 'tls.handshake_failed'"
assert_json "$S/n.json" "details('tls')['handshake_kind'] == 'reset'"
assert_json "$S/n.json" "'reset the connection during the handshake' in ev('tls.handshake_failed')"

# A server that speaks only TLS 1.0 (certificate of the test CA).
smtp_cert good "IP:127.0.0.1"
cat >"$S/old.script" <<'X'
EHLO 250-mail.test|250 STARTTLS
STARTTLS 220 2.0.0 Ready to start TLS ; @tls
X
scripted_server old "$S/old.script" --cert "$S/good.pem" \
	--key "$S/good.key" --tls-max 1.0
smtp_sockdoc "$S/c.json" --cacert "$S/ca.pem" --tls starttls \
	"smtp://127.0.0.1:$(smtp_port old)"
assert_exit 1
assert_json "$S/c.json" "causes()[0] == 'tls.handshake_failed'"
assert_json "$S/c.json" "details('tls')['handshake_kind'] == 'version'"
assert_json "$S/c.json" "details('tls')['server_max_version'] == 'TLSv1'"
assert_json "$S/c.json" "'speaks at most TLSv1' in ev('tls.handshake_failed')"
assert_json "$S/c.json" "cause('tls.handshake_failed')['fixes'][0].startswith('On the server: enable TLS 1.2')"
assert_json "$S/c.json" "not any('Update the client' in f for f in cause('tls.handshake_failed')['fixes'])"
echo PASS
