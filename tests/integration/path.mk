## tests/integration: the connection path (issue 15) — real proxies
## (microsocks, tinyproxy) and servers in network namespaces whose
## firewall counts who connects; --resolve/--connect-to/-4/-6 with a
## dnsmasq on loopback; client certificates; option checks.
TESTS += \
	tests/integration/path_proxy.sh \
	tests/integration/path_proxy_faults.sh \
	tests/integration/path_proxy_ftp.sh \
	tests/integration/path_proxy_mailrecv.sh \
	tests/integration/path_proxy_remote_name.sh \
	tests/integration/path_resolve.sh \
	tests/integration/path_family.sh \
	tests/integration/path_interface.sh \
	tests/integration/path_client_cert.sh \
	tests/integration/path_usage.sh
EXTRA_DIST += tests/integration/lib_path.sh
