## tests/integration: the basic chain (input, dns, reach, banner) and the
## command line, against real servers and scripted faults on loopback or
## in network namespaces.  Helpers: lib.sh, servers/.
TESTS += \
	tests/integration/net_healthy_smtp.sh \
	tests/integration/net_healthy_ftp.sh \
	tests/integration/net_refused.sh \
	tests/integration/net_filtered.sh \
	tests/integration/net_local_ports.sh \
	tests/integration/net_handover.sh \
	tests/integration/net_late_answer.sh \
	tests/integration/net_reset_on_connect.sh \
	tests/integration/net_closes_before_greeting.sh \
	tests/integration/net_greeting_421.sh \
	tests/integration/net_greeting_554.sh \
	tests/integration/net_wrong_protocol_http.sh \
	tests/integration/net_wrong_protocol_ssh.sh \
	tests/integration/net_wrong_protocol_silent.sh \
	tests/integration/net_wrong_protocol_ftp_smtp.sh \
	tests/integration/net_dns_nxdomain.sh \
	tests/integration/net_dns_other.sh \
	tests/integration/net_input_space.sh \
	tests/integration/net_skip_no_root.sh \
	tests/integration/cli_usage.sh \
	tests/integration/cli_install.sh \
	tests/integration/cli_target_forms.sh \
	tests/integration/cli_output_files.sh \
	tests/integration/cli_nagios.sh
