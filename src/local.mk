## src/: the engine core (loop, chain, target, diagnosis, reports).
libsockdoc_la_SOURCES += \
	src/i18n.h \
	src/util.c src/util.h \
	src/loop.c src/loop.h \
	src/target.c src/target.h \
	src/options.c src/options.h \
	src/probe.h \
	src/chain.c src/run.h \
	src/registry.c \
	src/curlglue.c src/curlglue.h \
	src/aresglue.c src/aresglue.h \
	src/tcpconn.c src/tcpconn.h \
	src/transcript.c src/transcript.h \
	src/reply.c src/reply.h \
	src/causes.c src/causes.h \
	src/diagnose.c src/diagnose.h \
	src/diagnose_rules.c \
	src/diagnose_dns.c \
	src/diagnose_net.c \
	src/diagnose_session.c \
	src/diagnose_smtp.c \
	src/diagnose_ftp.c \
	src/diagnose_trials.c \
	src/report.c src/report.h \
	src/report_json.c \
	src/report_text.c \
	src/report_nagios.c \
	src/cli.c src/cli.h

include src/lab/local.mk
include src/tui/local.mk
include src/explain/local.mk
