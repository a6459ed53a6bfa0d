## tests/integration: trials tests.
TESTS += \
	tests/integration/trial_concurrency_ceiling.sh \
	tests/integration/trial_concurrency_max_clients.sh \
	tests/integration/trial_concurrency_max_per_ip.sh \
	tests/integration/trial_concurrency_rate.sh \
	tests/integration/trial_halfclose.sh \
	tests/integration/trial_idle_bounded.sh \
	tests/integration/trial_idle_transfer.sh \
	tests/integration/trial_idle_vsftpd.sh \
	tests/integration/trial_lab_restart.sh \
	tests/integration/trial_lab_sessions.sh \
	tests/integration/trial_lab_upload.sh \
	tests/integration/trial_local_proxy.sh \
	tests/integration/trial_upload_reset.sh \
	tests/integration/trial_upload_budget.sh \
	tests/integration/trial_upload_smtp_limit.sh \
	tests/integration/trial_upload_stall.sh \
	tests/integration/trial_upload_vsftpd.sh \
	tests/integration/trial_watch_flap.sh \
	tests/integration/trial_watch_slow_round.sh \
	tests/integration/trial_watch_steady.sh
