## src/tui/: the ncurses wizard.  screen.c is the only file that includes
## curses; the views draw through screen.h.
libsockdoc_tui_la_SOURCES += \
	src/tui/tui.c src/tui/tui.h src/tui/tui_app.h \
	src/tui/tui_screen.c src/tui/tui_screen.h \
	src/tui/tui_text.c src/tui/tui_text.h \
	src/tui/tui_form.c src/tui/tui_form.h \
	src/tui/tui_draw.c \
	src/tui/tui_menu.c \
	src/tui/tui_paste.c \
	src/tui/tui_settings.c \
	src/tui/tui_progress.c \
	src/tui/tui_results.c \
	src/tui/tui_detail.c \
	src/tui/tui_save.c \
	src/tui/tui_watch.c
