## tests/: unit tests (cmocka) and integration tests (real servers).
TEST_EXTENSIONS = .sh
# Every test runs under tests/bounded.sh: a hard time limit
# (SOCKDOC_TEST_LIMIT), and the hung processes' evidence in the log.
SH_LOG_COMPILER = bash $(top_srcdir)/tests/bounded.sh $(SHELL)
LOG_COMPILER = bash $(top_srcdir)/tests/bounded.sh
EXTRA_DIST += tests/bounded.sh
AM_TESTS_ENVIRONMENT = top_srcdir='$(top_srcdir)'; top_builddir='$(top_builddir)'; \
	SOCKDOC='$(abs_top_builddir)/src/sockdoc'; export top_srcdir top_builddir SOCKDOC; \
	SOCKDOC_CHECK_DETAILS=1; export SOCKDOC_CHECK_DETAILS;

include tests/unit/local.mk
include tests/integration/net.mk
include tests/integration/dns.mk
include tests/integration/lab.mk
include tests/integration/smtp.mk
include tests/integration/ftp.mk
include tests/integration/mailrecv.mk
include tests/integration/trials.mk
include tests/integration/tcp.mk
include tests/integration/explain.mk
include tests/integration/refusals.mk
include tests/integration/nagios.mk
include tests/integration/hostile.mk
include tests/integration/docs.mk
include tests/integration/path.mk
include tests/tui/local.mk
include tests/fuzz/local.mk
