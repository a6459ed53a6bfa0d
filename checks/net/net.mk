## checks/net/: the probes every target gets (input, dns, reach, icmp,
## banner, tcp.tls, path, local); their helpers in checks/net/lib/.
libsockdoc_engine_la_SOURCES += \
	checks/net/input.c \
	checks/net/dns.c \
	checks/net/reach.c \
	checks/net/icmp.c \
	checks/net/banner.c \
	checks/net/tcp_tls.c \
	checks/net/pmtu.c \
	checks/net/path.c \
	checks/net/local.c \
	checks/net/lib/dnsq.c checks/net/lib/dnsq.h \
	checks/net/lib/dns_int.h \
	checks/net/lib/dns_near.c \
	checks/net/lib/dns_facts.c \
	checks/net/lib/dns_recv.c \
	checks/net/lib/icmp_int.h \
	checks/net/lib/icmp_pkt.c checks/net/lib/icmp_pkt.h \
	checks/net/lib/icmp_report.c \
	checks/net/lib/tls_facts.c checks/net/lib/tls_facts.h \
	checks/net/lib/tls_hs.c checks/net/lib/tls_hs.h \
	checks/net/lib/tls_peek.c checks/net/lib/tls_peek.h \
	checks/net/lib/wrongproto.c checks/net/lib/wrongproto.h \
	checks/net/lib/path_hop.c checks/net/lib/path_hop.h \
	checks/net/lib/reach_wait.c checks/net/lib/reach_wait.h
