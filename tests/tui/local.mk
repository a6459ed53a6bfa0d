## tests/tui: the wizard driven in tmux (capture-pane asserts the screen).
TESTS += \
	tests/tui/wizard_reset.sh \
	tests/tui/resize.sh \
	tests/tui/cancel.sh \
	tests/tui/save.sh \
	tests/tui/paste.sh \
	tests/tui/watch.sh \
	tests/tui/target.sh \
	tests/tui/lab_ftp.sh \
	tests/tui/color.sh \
	tests/tui/secret.sh
