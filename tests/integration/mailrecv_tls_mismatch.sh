#!/bin/bash
# mailrecv_tls_mismatch.sh — the TLS mode mismatched: a client set to no
# encryption on Dovecot's POP3S port (it waits for a TLS handshake and
# never greets in plain text), and a client set to SSL/TLS on the plain
# IMAP port: tls.mode_mismatch, with both sessions as evidence and the
# measured port + security pair as the first fix.
. "$(dirname "$0")/lib_mailrecv.sh"
mr_need
mr_dovecot_start </dev/null

mr_sockdoc --cacert "$MR_CA" --tls none "pop3://127.0.0.1:$MR_POP3S"
assert_cause "$MR_REPORT" tls.mode_mismatch "the port expects TLS from the first byte"
assert_evidence "$MR_REPORT" tls.mode_mismatch 'plain text .*no greeting came'
assert_evidence "$MR_REPORT" tls.mode_mismatch 'implicit TLS .*greeting "Dovecot'
assert_json "$MR_REPORT" 'det("mailrecv.caps")["mode"] == "implicit"' "the port speaks implicit TLS"
assert_json "$MR_REPORT" '"with SSL/TLS (implicit TLS)" in fx("tls.mode_mismatch").split("\n")[0]' "first fix: the measured pair"
assert_json "$MR_REPORT" '"service.wrong_protocol" not in causes()' "not called another protocol"

mr_sockdoc --cacert "$MR_CA" --tls implicit "imap://127.0.0.1:$MR_IMAP"
assert_cause "$MR_REPORT" tls.mode_mismatch "starts with a TLS handshake"
assert_json "$MR_REPORT" 'det("mailrecv.caps")["mode"] == "plain"' "the port speaks plain IMAP"
echo "PASS"
