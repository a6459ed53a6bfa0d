## tests/integration: ftp tests (vsftpd in network namespaces; skip
## without root).  lib_ftp.sh holds their helpers.
TESTS += \
	tests/integration/ftp_healthy.sh \
	tests/integration/ftp_passive_blocked.sh \
	tests/integration/ftp_active_blocked.sh \
	tests/integration/ftp_pasv_address.sh \
	tests/integration/ftp_busy.sh
