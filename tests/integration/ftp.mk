## tests/integration: ftp tests (vsftpd in network namespaces; they skip
## without root; lib_ftp.sh holds their helpers) and the scripted FTP
## server's tests on loopback (servers/scripted_ftp.py, lib.sh).
TESTS += \
	tests/integration/ftp_healthy.sh \
	tests/integration/ftp_passive_blocked.sh \
	tests/integration/ftp_active_blocked.sh \
	tests/integration/ftp_pasv_address.sh \
	tests/integration/ftp_epsv_blocked.sh \
	tests/integration/ftp_busy.sh \
	tests/integration/ftp_bad_login.sh \
	tests/integration/ftp_private_login.sh \
	tests/integration/ftp_tls_required.sh \
	tests/integration/ftp_ssl_reuse.sh \
	tests/integration/ftp_tls_mismatch.sh \
	tests/integration/ftp_implicit_plain.sh \
	tests/integration/ftp_implicit_reset.sh \
	tests/integration/ftp_implicit_on_plain.sh \
	tests/integration/ftp_tls_cacert.sh \
	tests/integration/ftp_lab_faults.sh \
	tests/integration/ftp_oops_after_login.sh \
	tests/integration/ftp_oops_vsftpd.sh \
	tests/integration/ftp_stor_refused.sh \
	tests/integration/ftp_pasv_strict.sh \
	tests/integration/ftp_late_login.sh \
	tests/integration/trial_concurrency_local.sh
