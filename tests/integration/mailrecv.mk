## tests/integration: POP3/IMAP tests (a real Dovecot on loopback with its
## own configuration; they skip without Dovecot).  lib_mailrecv.sh holds
## their helpers.
TESTS += \
	tests/integration/mailrecv_healthy.sh \
	tests/integration/mailrecv_bad_login.sh \
	tests/integration/mailrecv_plaintext.sh \
	tests/integration/mailrecv_tls_mismatch.sh \
	tests/integration/mailrecv_in_use.sh \
	tests/integration/mailrecv_srv.sh \
	tests/integration/mailrecv_scripted.sh \
	tests/integration/mailrecv_explain.sh \
	tests/integration/mailrecv_lab.sh
