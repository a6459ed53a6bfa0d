## tests/integration: the fault lab, every fault cross-checked with a
## peer tool (curl, swaks, python sockets) and, where the chain can tell,
## with sockdoc's diagnosis.  Helpers: lib_lab.sh.  lab_faults.sh is
## generated from the fault table (`sockdoc lab --list --format tsv`):
## every fault's expected cause and evidence; lab_faults_doc.sh checks
## that docs/lab-faults.md matches the table.
TESTS += \
	tests/integration/lab_faults.sh \
	tests/integration/lab_faults_doc.sh \
	tests/integration/lab_none.sh \
	tests/integration/lab_ftp_tls_modes.sh \
	tests/integration/lab_refused.sh \
	tests/integration/lab_reset_on_connect.sh \
	tests/integration/lab_busy.sh \
	tests/integration/lab_policy_reject.sh \
	tests/integration/lab_garbage.sh \
	tests/integration/lab_reset_after_greeting.sh \
	tests/integration/lab_close_after_command.sh \
	tests/integration/lab_slow_greeting.sh \
	tests/integration/lab_drip.sh \
	tests/integration/lab_reset_after_bytes.sh \
	tests/integration/lab_stall_after_bytes.sh \
	tests/integration/lab_size_limit.sh \
	tests/integration/lab_max_sessions.sh \
	tests/integration/lab_own_sessions.sh \
	tests/integration/lab_smtp_summaries.sh \
	tests/integration/lab_idle_timeout.sh \
	tests/integration/lab_pasv_private.sh \
	tests/integration/lab_pasv_closed.sh \
	tests/integration/lab_active_refused.sh \
	tests/integration/lab_epsv_hang.sh \
	tests/integration/lab_starttls_required.sh \
	tests/integration/lab_auth_required.sh \
	tests/integration/report_not_asked.sh \
	tests/integration/report_fixes.sh \
	tests/integration/lab_restart_every.sh \
	tests/integration/lab_hostile.sh \
	tests/integration/lab_cli.sh \
	tests/integration/lab_demo.sh
