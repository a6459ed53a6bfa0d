## tests/integration: dns and icmp probes against dnsmasq and aiosmtpd.
TESTS += tests/integration/dns.sh
