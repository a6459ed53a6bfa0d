## src/watch/: watch mode — rounds of the chain, the held connection.
libsockdoc_engine_la_SOURCES += \
	src/watch/watch.c src/watch/watch.h \
	src/watch/watch_held.c src/watch/watch_held.h
