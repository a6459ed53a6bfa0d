## src/diagnose/: findings -> ranked causes.  Reads only the probes'
## details; never touches the network (unit-tested from data files).
libsockdoc_engine_la_SOURCES += \
	src/diagnose/diagnose.c src/diagnose/diagnose.h \
	src/diagnose/diagnose_rules.c \
	src/diagnose/diagnose_dns.c \
	src/diagnose/diagnose_net.c \
	src/diagnose/diagnose_crossproto.c \
	src/diagnose/diagnose_wrongproto.c \
	src/diagnose/diagnose_path.c \
	src/diagnose/diagnose_session.c \
	src/diagnose/diagnose_smtp.c \
	src/diagnose/diagnose_ftp.c \
	src/diagnose/diagnose_mailrecv.c \
	src/diagnose/diagnose_trials.c \
	src/diagnose/diagnose_limits.c \
	src/diagnose/diagnose_tls_version.c \
	src/diagnose/diagnose_refusals.c src/diagnose/diagnose_refusals.h \
	src/diagnose/refusal_smtp.c \
	src/diagnose/refusal_ftp.c \
	src/diagnose/refusal_detail.c
