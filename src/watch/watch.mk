## src/watch/: the watch engine — rounds of the chain on the caller's loop,
## the held connection, the status alphabet, bounded statistics, the final
## report.  Front ends (src/cli/cli_watch.c, src/tui/tui_watch.c) draw it.
libsockdoc_engine_la_SOURCES += \
	src/watch/watch.c src/watch/watch.h src/watch/watch_priv.h \
	src/watch/watch_report.c \
	src/watch/watch_status.c src/watch/watch_status.h \
	src/watch/watch_stats.c src/watch/watch_stats.h \
	src/watch/watch_held.c src/watch/watch_held.h \
	src/watch/watch_held_raw.c
