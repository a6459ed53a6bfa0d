## tests/fuzz: libFuzzer targets (tests/fuzz/run.sh builds them with clang);
## make check replays their seed corpus through a plain main.
check_PROGRAMS += tests/fuzz/replay_reply tests/fuzz/replay_target \
	tests/fuzz/replay_explain tests/fuzz/replay_pasv tests/fuzz/replay_ehlo \
	tests/fuzz/replay_list tests/fuzz/replay_sanitize \
	tests/fuzz/replay_pastelog tests/fuzz/replay_dns
tests_fuzz_replay_reply_SOURCES = tests/fuzz/fuzz_reply.c tests/fuzz/replay.c
tests_fuzz_replay_reply_LDADD = libsockdoc_engine.la
tests_fuzz_replay_target_SOURCES = tests/fuzz/fuzz_target.c tests/fuzz/replay.c
tests_fuzz_replay_target_LDADD = libsockdoc_engine.la
tests_fuzz_replay_explain_SOURCES = tests/fuzz/fuzz_explain.c tests/fuzz/replay.c
tests_fuzz_replay_explain_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/explain
tests_fuzz_replay_explain_LDADD = libsockdoc_explain.la libsockdoc_engine.la
# Issue 12: every parser of server bytes and the pasted-log parser.
tests_fuzz_replay_pasv_SOURCES = tests/fuzz/fuzz_pasv.c tests/fuzz/replay.c
tests_fuzz_replay_pasv_LDADD = libsockdoc_engine.la
tests_fuzz_replay_ehlo_SOURCES = tests/fuzz/fuzz_ehlo.c tests/fuzz/replay.c
tests_fuzz_replay_ehlo_LDADD = libsockdoc_engine.la
tests_fuzz_replay_list_SOURCES = tests/fuzz/fuzz_list.c tests/fuzz/replay.c
tests_fuzz_replay_list_LDADD = libsockdoc_engine.la
tests_fuzz_replay_sanitize_SOURCES = tests/fuzz/fuzz_sanitize.c \
	tests/fuzz/replay.c
tests_fuzz_replay_sanitize_LDADD = libsockdoc_engine.la
tests_fuzz_replay_pastelog_SOURCES = tests/fuzz/fuzz_pastelog.c \
	tests/fuzz/replay.c
tests_fuzz_replay_pastelog_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/explain
tests_fuzz_replay_pastelog_LDADD = libsockdoc_explain.la libsockdoc_engine.la
tests_fuzz_replay_dns_SOURCES = tests/fuzz/fuzz_dns.c tests/fuzz/replay.c
tests_fuzz_replay_dns_LDADD = libsockdoc_engine.la
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/run.sh tests/fuzz/replay.sh \
	tests/fuzz/RESULTS.md
