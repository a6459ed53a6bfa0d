## src/cli/: the program's entry and the non-interactive front end.
src_sockdoc_SOURCES = src/cli/main.c src/cli/cli.c src/cli/cli.h \
	src/cli/cli_watch.c src/cli/cli_signal.c src/cli/cli_plugin.c
src_sockdoc_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/cli \
	-I$(top_srcdir)/src/lab -I$(top_srcdir)/src/tui -I$(top_srcdir)/src/explain
src_sockdoc_LDADD = libsockdoc_tui.la libsockdoc_explain.la \
	libsockdoc_lab.la libsockdoc_engine.la $(NCURSES_LIBS)
