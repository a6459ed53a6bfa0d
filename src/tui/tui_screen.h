/* screen.h — the only door to the terminal: the rest of the TUI draws text
 * with attribute roles and reads keys through these calls, so ncurses is
 * included in screen.c alone (as mtr keeps it in ui/curses.c). */
#ifndef SOCKDOC_TUI_SCREEN_H
#define SOCKDOC_TUI_SCREEN_H

#include <stdbool.h>
#include <wchar.h>

/* What a piece of text is; screen.c maps each to a colour pair or, in
 * monochrome, to bold/reverse/underline. */
enum scr_role {
	SR_NORMAL = 0, /* body text */
	SR_TITLE,      /* the top and bottom bars */
	SR_SELECT,     /* the highlighted row */
	SR_OK,         /* probe ok */
	SR_WARN,       /* probe warn, medium confidence */
	SR_FAIL,       /* probe fail/error, high confidence */
	SR_DIM,        /* waiting, skipped, hints */
	SR_KEY,        /* key names in the hint bar */
	SR_FIELD,      /* an input field */
	SR_FOCUS,      /* the input field being edited */
	SR_HEAD,       /* section headings */
	SR_RUN,        /* a probe at work */
	SR_COUNT
};

/* Keys that are not characters; scr_key() returns them with fn = true. */
enum scr_fkey {
	SK_NONE = 0,
	SK_UP, SK_DOWN, SK_LEFT, SK_RIGHT,
	SK_PGUP, SK_PGDN, SK_HOME, SK_END,
	SK_ENTER, SK_BACKSPACE, SK_DELETE, SK_TAB, SK_BTAB,
	SK_ESC, SK_RESIZE, SK_F1, SK_F10
};

/* One key press. */
struct scr_key {
	bool fn;    /* true: code is an scr_fkey; false: ch is a character */
	int code;   /* scr_fkey when fn */
	wint_t ch;  /* the character when !fn (control keys as 1..31) */
};

/* Take the terminal (curses mode, no echo, keypad, non-blocking reads).
 * COLOR false forces monochrome.  Returns 0, or -1 when the terminal
 * cannot be used (message on stderr). */
int scr_open(bool color);
/* Give the terminal back exactly as found; safe to call twice, and from
 * atexit. */
void scr_close(void);
/* Re-read the window size after SIGWINCH and resize the screen. */
void scr_resize(void);
/* Current size in rows and columns. */
void scr_size(int *rows, int *cols);
/* True when the locale writes UTF-8 (block characters allowed). */
bool scr_utf8(void);
/* True when colours are in use. */
bool scr_color(void);

/* Blank the whole screen (drawn on the next scr_flush). */
void scr_clear(void);
/* Write UTF-8 S at row Y, column X, at most W columns wide, in ROLE; when
 * PAD, fill the rest of W with spaces of the same role.  Characters that
 * are not printable become '?'.  Returns the columns written. */
int scr_text(int y, int x, int w, enum scr_role role, const char *s,
	     bool pad);
/* Fill W columns at Y, X with spaces in ROLE. */
void scr_fill(int y, int x, int w, enum scr_role role);
/* A frame of H rows and W columns with its corner at Y, X. */
void scr_box(int y, int x, int h, int w, enum scr_role role);
/* Show the cursor at Y, X (a text field) or hide it (Y < 0). */
void scr_cursor(int y, int x);
/* Send what was drawn to the terminal. */
void scr_flush(void);

/* Next key already typed: true with *K filled, false when none is left. */
bool scr_key(struct scr_key *k);

#endif
