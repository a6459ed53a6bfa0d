## tests/tui: the wizard driven in tmux (capture-pane asserts the screen).
TESTS += \
	tests/tui/wizard_reset.sh \
	tests/tui/ftp_login_needed.sh \
	tests/tui/resize.sh \
	tests/tui/cancel.sh \
	tests/tui/save.sh \
	tests/tui/paste.sh \
	tests/tui/watch.sh \
	tests/tui/watch_restart.sh \
	tests/tui/target.sh \
	tests/tui/target_tcp.sh \
	tests/tui/lab_ftp.sh \
	tests/tui/color.sh \
	tests/tui/focus.sh \
	tests/tui/auth_required.sh \
	tests/tui/wrap.sh \
	tests/tui/hints.sh \
	tests/tui/explain_wizard.sh \
	tests/tui/secret.sh \
	tests/tui/russian.sh \
	tests/tui/path_advanced.sh \
	tests/tui/mailrecv.sh \
	tests/tui/fields.sh

# The pure parts (widths, wrapping, form editing, paste reading): cmocka.
if HAVE_CMOCKA
check_PROGRAMS += tests/tui/test_tui_text
TESTS += tests/tui/test_tui_text
tests_tui_test_tui_text_SOURCES = tests/tui/test_tui_text.c
tests_tui_test_tui_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_tui_test_tui_text_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src/tui -I$(top_srcdir)/src/explain
tests_tui_test_tui_text_LDADD = libsockdoc_tui.la libsockdoc_explain.la \
	libsockdoc_engine.la $(NCURSES_LIBS) $(CMOCKA_LIBS)
endif
