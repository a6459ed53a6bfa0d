## src/tui/: the ncurses wizard.  screen.c is the only file that includes
## curses; the views draw through screen.h.
libsockdoc_la_SOURCES += \
	src/tui/tui.c src/tui/tui.h src/tui/app.h \
	src/tui/screen.c src/tui/screen.h \
	src/tui/text.c src/tui/text.h \
	src/tui/form.c src/tui/form.h \
	src/tui/draw.c \
	src/tui/menu.c \
	src/tui/paste.c \
	src/tui/settings.c \
	src/tui/progress.c \
	src/tui/results.c \
	src/tui/detail.c \
	src/tui/save.c \
	src/tui/watch.c
