## tests/unit: cmocka tests of the engine.
if HAVE_CMOCKA
# ftp: reply decoders and the ftp diagnosis rules.
check_PROGRAMS += tests/unit/test_ftp
TESTS += tests/unit/test_ftp
tests_unit_test_ftp_SOURCES = tests/unit/test_ftp.c
tests_unit_test_ftp_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_ftp_LDADD = libsockdoc.la $(CMOCKA_LIBS)
endif
