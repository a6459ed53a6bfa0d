## tests/integration: ftp tests (vsftpd in network namespaces; they skip
## without root).  lib_ftp.sh holds their helpers.
TESTS += \
	tests/integration/ftp_healthy.sh \
	tests/integration/ftp_passive_blocked.sh \
	tests/integration/ftp_active_blocked.sh \
	tests/integration/ftp_pasv_address.sh \
	tests/integration/ftp_epsv_blocked.sh \
	tests/integration/ftp_busy.sh \
	tests/integration/ftp_bad_login.sh \
	tests/integration/ftp_tls_required.sh \
	tests/integration/ftp_ssl_reuse.sh \
	tests/integration/ftp_tls_mismatch.sh \
	tests/integration/ftp_implicit_plain.sh \
	tests/integration/ftp_tls_cacert.sh \
	tests/integration/ftp_lab_faults.sh
