## checks/: the dns probe's helper files (dns.c itself is in local.mk).
libsockdoc_la_SOURCES += \
	checks/dnsq.c checks/dnsq.h \
	checks/dns_int.h \
	checks/dns_near.c \
	checks/dns_facts.c

## checks/: the icmp probe's helper files (icmp.c itself is in local.mk).
libsockdoc_la_SOURCES += \
	checks/icmp_int.h \
	checks/icmp_pkt.c checks/icmp_pkt.h \
	checks/icmp_report.c
