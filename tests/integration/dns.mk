## tests/integration: dns (dnsmasq + aiosmtpd on loopback) and icmp
## (veth pair to a namespace whose firewall rejects or drops pings).
TESTS += tests/integration/dns.sh
TESTS += tests/integration/icmp_netns.sh
