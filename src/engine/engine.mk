## src/engine/: the engine core — the event loop, the run (chain of
## probes), targets and options, the libcurl and c-ares glue, raw TCP
## connects, replies, the transcript, the cause catalog and the registry.
## It links neither ncurses nor the lab: the front ends are its clients.
libsockdoc_engine_la_SOURCES += \
	src/engine/i18n.h \
	src/engine/util.c src/engine/util.h \
	src/engine/loop.c src/engine/loop.h \
	src/engine/target.c src/engine/target.h \
	src/engine/options.c src/engine/options.h \
	src/engine/probe.h \
	src/engine/chain.c src/engine/run.h \
	src/engine/checks.h \
	src/engine/registry.c \
	src/engine/curlglue.c src/engine/curlglue.h \
	src/engine/aresglue.c src/engine/aresglue.h \
	src/engine/tcpconn.c src/engine/tcpconn.h \
	src/engine/proxyshake.c src/engine/proxyshake.h \
	src/engine/netpath.c src/engine/netpath.h \
	src/engine/netpath_opts.c src/engine/netpath_opts.h \
	src/engine/netpath_standin.c \
	src/engine/transcript.c src/engine/transcript.h \
	src/engine/capture.c src/engine/capture.h \
	src/engine/pcapload.c src/engine/pcapload.h \
	src/engine/safefile.c src/engine/safefile.h \
	src/engine/jsontext.c src/engine/jsontext.h \
	src/engine/reply.c src/engine/reply.h \
	src/engine/refusal.c src/engine/refusal.h \
	src/engine/ownload.c src/engine/ownload.h \
	src/engine/causes.c src/engine/causes.h \
	src/engine/causes_ftp.c
