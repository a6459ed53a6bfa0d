## tests/integration: hostile input and secrets (issue 12) — passwords in
## the target, output files that are symlinks/FIFOs/foreign files, server
## text cut mid-character, endless multi-line replies, bad host names,
## interruption.  Scripted server: servers/hostiled.py.
TESTS += \
	tests/integration/cli_url_password.sh \
	tests/integration/cli_no_password.sh \
	tests/integration/cli_output_safe.sh \
	tests/integration/hostile_replies.sh \
	tests/integration/cli_host_names.sh \
	tests/integration/cli_input_limits.sh \
	tests/integration/dns_answers.sh \
	tests/integration/cli_interrupt.sh \
	tests/integration/cli_watch_interrupt.sh
EXTRA_DIST += tests/integration/servers/hostiled.py \
	tests/integration/servers/dnsd.py
