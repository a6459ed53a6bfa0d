## tests/unit: cmocka tests of the engine.
if HAVE_CMOCKA
# explain: code tables, pasted-message parser, ranking, command
check_PROGRAMS += tests/unit/test_explain
TESTS += tests/unit/test_explain
tests_unit_test_explain_SOURCES = tests/unit/test_explain.c
tests_unit_test_explain_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_explain_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/explain
tests_unit_test_explain_LDADD = libsockdoc.la $(CMOCKA_LIBS)
endif
