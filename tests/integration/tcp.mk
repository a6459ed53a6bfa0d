## tests/integration: tcp:// (any TCP service), the lab's tcp sink, --pcap,
## the path probe (TCP traceroute) over namespaces.
TESTS += \
	tests/integration/path_netns.sh \
	tests/integration/pcap_capture.sh \
	tests/integration/tcp_banner.sh \
	tests/integration/tcp_lab_restart.sh \
	tests/integration/tcp_tls.sh \
	tests/integration/net_pmtu.sh \
	tests/integration/tcp_upload_sink.sh
