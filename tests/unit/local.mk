## tests/unit: cmocka tests of the engine.
if HAVE_CMOCKA
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = libsockdoc_engine.la $(CMOCKA_LIBS)

# core: target parsing, replies, small helpers
check_PROGRAMS += tests/unit/test_target tests/unit/test_reply \
	tests/unit/test_util
TESTS += tests/unit/test_target tests/unit/test_reply \
	tests/unit/test_util
tests_unit_test_target_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_target_LDADD = $(UNIT_LDADD)
tests_unit_test_reply_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_reply_LDADD = $(UNIT_LDADD)
tests_unit_test_util_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_util_LDADD = $(UNIT_LDADD)

# netpath: proxy handshakes on a socketpair, the path options, the
# proxy environment read the way curl reads it
check_PROGRAMS += tests/unit/test_netpath
TESTS += tests/unit/test_netpath
tests_unit_test_netpath_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_netpath_LDADD = $(UNIT_LDADD)

# mailrecv: POP3 CAPA, IMAP capabilities, response codes
check_PROGRAMS += tests/unit/test_mailrecv
TESTS += tests/unit/test_mailrecv
tests_unit_test_mailrecv_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_mailrecv_LDADD = $(UNIT_LDADD)

# monitor: threshold ranges, -D, figures, states, plugin/OpenMetrics text
check_PROGRAMS += tests/unit/test_monitor
TESTS += tests/unit/test_monitor
tests_unit_test_monitor_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_monitor_LDADD = $(UNIT_LDADD)

# registry: each probe's ops table is complete; --trials; the details check
check_PROGRAMS += tests/unit/test_registry
TESTS += tests/unit/test_registry
tests_unit_test_registry_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_registry_LDADD = $(UNIT_LDADD)

# dns: near names and ICMP packets
check_PROGRAMS += tests/unit/test_dns_helpers
TESTS += tests/unit/test_dns_helpers
tests_unit_test_dns_helpers_SOURCES = tests/unit/test_dns_helpers.c
tests_unit_test_dns_helpers_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_dns_helpers_LDADD = libsockdoc_engine.la $(CMOCKA_LIBS)

# explain: code tables, pasted-message parser, ranking, command
check_PROGRAMS += tests/unit/test_explain
TESTS += tests/unit/test_explain
tests_unit_test_explain_SOURCES = tests/unit/test_explain.c
tests_unit_test_explain_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_explain_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/explain
tests_unit_test_explain_LDADD = libsockdoc_explain.la $(UNIT_LDADD)

# refusal: the shared record of a server's refusal (probe_add_refusal)
check_PROGRAMS += tests/unit/test_refusal
TESTS += tests/unit/test_refusal
tests_unit_test_refusal_SOURCES = tests/unit/test_refusal.c
tests_unit_test_refusal_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_refusal_LDADD = $(UNIT_LDADD)

# smtp: EHLO capabilities, enhanced codes, rejection classes
check_PROGRAMS += tests/unit/test_smtp
TESTS += tests/unit/test_smtp
tests_unit_test_smtp_SOURCES = tests/unit/test_smtp.c
tests_unit_test_smtp_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_smtp_LDADD = $(UNIT_LDADD)

# smtp sasl: PLAIN and CRAM-MD5 responses (RFC 4616, RFC 2195 vectors)
check_PROGRAMS += tests/unit/test_smtp_sasl
TESTS += tests/unit/test_smtp_sasl
tests_unit_test_smtp_sasl_SOURCES = tests/unit/test_smtp_sasl.c
tests_unit_test_smtp_sasl_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_smtp_sasl_LDADD = $(UNIT_LDADD)

# ftp: reply decoders.
check_PROGRAMS += tests/unit/test_ftp
TESTS += tests/unit/test_ftp
tests_unit_test_ftp_SOURCES = tests/unit/test_ftp.c
tests_unit_test_ftp_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ftp_LDADD = $(UNIT_LDADD)
# watch: the status alphabet, bounded per-probe statistics
check_PROGRAMS += tests/unit/test_watch_stats
TESTS += tests/unit/test_watch_stats
tests_unit_test_watch_stats_SOURCES = tests/unit/test_watch_stats.c
tests_unit_test_watch_stats_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_watch_stats_LDADD = $(UNIT_LDADD)

# the diagnosis as data: tests/unit/cases/*.json (net, dns, smtp, ftp,
# trials, ...), one runner
check_PROGRAMS += tests/unit/test_diagnose_cases
TESTS += tests/unit/test_diagnose_cases
tests_unit_test_diagnose_cases_SOURCES = tests/unit/test_diagnose_cases.c
tests_unit_test_diagnose_cases_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_diagnose_cases_LDADD = $(UNIT_LDADD)
endif
EXTRA_DIST += tests/unit/cases
