## tests/integration: smtp tests (aiosmtpd in a network namespace).
TESTS += \
	tests/integration/smtp_healthy.sh \
	tests/integration/smtp_mode.sh \
	tests/integration/smtp_tls.sh \
	tests/integration/smtp_auth.sh \
	tests/integration/smtp_auth_not_offered.sh \
	tests/integration/smtp_transaction.sh \
	tests/integration/smtp_replies.sh \
	tests/integration/smtp_tlsauth.sh \
	tests/integration/smtp_port25.sh \
	tests/integration/smtp_mx.sh \
	tests/integration/smtp_mx_partial.sh \
	tests/integration/smtp_mx_backup.sh \
	tests/integration/smtp_lab.sh \
	tests/integration/smtp_postfix.sh
