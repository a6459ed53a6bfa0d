#!/bin/bash
# mailrecv_srv.sh — an e-mail address with --protocol imap|pop3 finds the
# receiving server: dnsmasq on loopback serves example.test.
#   IMAP: _imaps._tcp.example.test SRV -> imap.example.test, Dovecot's
#         IMAPS port (RFC 6186): the chain diagnoses that host on that
#         port with implicit TLS, and logs in.  Every connect goes to
#         the SRV's port (the connection path follows the SRV target).
#   POP3: no SRV record; pop.example.test does not exist, mail.example.test
#         does: the usual names are the fallback (the port given).
. "$(dirname "$0")/lib_mailrecv.sh"
. "$(dirname "$0")/lib.sh"
mr_need
need /usr/sbin/dnsmasq
mr_dovecot_start </dev/null
DPORT=$(free_port)
start_dnsmasq "$DPORT" \
	--srv-host="_imaps._tcp.example.test,imap.example.test,$MR_IMAPS,0,0" \
	--host-record=imap.example.test,127.0.0.1 \
	--host-record=mail.example.test,127.0.0.1 \
	--host-record=example.test,127.0.0.1

mr_sockdoc --dns-server "127.0.0.1:$DPORT" --protocol imap --cacert "$MR_CA" --user "$MR_USER" "$MR_USER@example.test"
assert_json "$MR_REPORT" 'status("reach") == "ok" and det("reach")["port"] == '"$MR_IMAPS" "connects to the SRV's port (not the default 143)"
assert_exit 0
assert_no_cause "$MR_REPORT"
assert_json "$MR_REPORT" 'det("dns")["recv_source"] == "srv" and det("dns")["recv_host"] == "imap.example.test"' "SRV record used"
assert_json "$MR_REPORT" 'det("dns")["recv_srv"][0]["service"] == "_imaps._tcp" and det("dns")["recv_srv"][0]["records"][0]["port"] == '"$MR_IMAPS" "the _imaps record with its port"
assert_json "$MR_REPORT" 'r["target"]["port"] == '"$MR_IMAPS"' and r["target"]["tls"] == "implicit"' "the SRV's port and implicit TLS"
assert_json "$MR_REPORT" 'det("mailrecv.tls")["verified"] and status("mailrecv.login") == "ok"' "certificate for imap.example.test verified; login works"

mr_sockdoc --dns-server "127.0.0.1:$DPORT" --protocol pop3 --port "$MR_POP3" --cacert "$MR_CA" --user "$MR_USER" "$MR_USER@example.test"
assert_exit 0
assert_json "$MR_REPORT" 'det("dns")["recv_source"] == "fallback" and det("dns")["recv_host"] == "mail.example.test"' "fallback: mail.example.test"
assert_json "$MR_REPORT" '[c["name"] for c in det("dns")["recv_candidates"]] == ["pop.example.test", "mail.example.test"] and det("dns")["recv_candidates"][0]["status"] == "nxdomain"' "pop. tried first"
assert_json "$MR_REPORT" 'status("mailrecv.login") == "ok"' "login works"
echo "PASS"
