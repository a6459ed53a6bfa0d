/* screen.c — ncurses behind the small drawing API of screen.h.  Wide-char
 * curses throughout so UTF-8 (Russian, box characters) never garbles. */
#include "config.h"

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tui_screen.h"
#include "tui_text.h"

static bool scr_active;   /* curses mode is on */
static bool scr_colors;   /* colour pairs are in use */
static bool scr_is_utf8;  /* the locale encodes UTF-8 */
static int scr_cur_y = -1, scr_cur_x = -1; /* cursor wanted after flush */

/* Colour pairs per role: foreground, background (-1 = terminal default). */
static const short role_colors[SR_COUNT][2] = {
	[SR_NORMAL] = { -1, -1 },
	[SR_TITLE] = { COLOR_BLACK, COLOR_CYAN },
	[SR_SELECT] = { COLOR_BLACK, COLOR_WHITE },
	[SR_OK] = { COLOR_GREEN, -1 },
	[SR_WARN] = { COLOR_YELLOW, -1 },
	[SR_FAIL] = { COLOR_RED, -1 },
	[SR_DIM] = { COLOR_BLUE, -1 },
	[SR_KEY] = { COLOR_BLACK, COLOR_CYAN },
	[SR_FIELD] = { COLOR_WHITE, COLOR_BLUE },
	[SR_FOCUS] = { COLOR_BLACK, COLOR_YELLOW },
	[SR_HEAD] = { COLOR_CYAN, -1 },
	[SR_RUN] = { COLOR_CYAN, -1 },
};

/* Attributes per role without colour: still tells states apart. */
static const attr_t role_mono[SR_COUNT] = {
	[SR_NORMAL] = A_NORMAL,
	[SR_TITLE] = A_REVERSE,
	[SR_SELECT] = A_REVERSE,
	[SR_OK] = A_NORMAL,
	[SR_WARN] = A_BOLD,
	[SR_FAIL] = A_BOLD,
	[SR_DIM] = A_DIM,
	[SR_KEY] = A_REVERSE | A_BOLD,
	[SR_FIELD] = A_UNDERLINE,
	[SR_FOCUS] = A_REVERSE,
	[SR_HEAD] = A_BOLD,
	[SR_RUN] = A_BOLD,
};

/* Attribute to draw ROLE with. */
static attr_t role_attr(enum scr_role role)
{
	attr_t a;

	if ((unsigned)role >= SR_COUNT)
		role = SR_NORMAL;
	if (!scr_colors)
		return role_mono[role];
	a = COLOR_PAIR(role + 1);
	if (role == SR_FAIL || role == SR_HEAD || role == SR_KEY)
		a |= A_BOLD;
	return a;
}

/* Set up one colour pair per role. */
static void colors_setup(void)
{
	int i;

	start_color();
	use_default_colors();
	for (i = 0; i < SR_COUNT; i++)
		init_pair((short)(i + 1), role_colors[i][0], role_colors[i][1]);
}

/* Take the terminal. */
int scr_open(bool color)
{
	const char *cs;

	if (scr_active)
		return 0;
	cs = nl_langinfo(CODESET);
	scr_is_utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "sockdoc: cannot use this terminal\n");
		return -1;
	}
	scr_active = true;
	set_escdelay(25);
	cbreak();     /* Ctrl-C still raises SIGINT, caught on the loop */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	scr_colors = color && has_colors();
	if (scr_colors)
		colors_setup();
	erase();
	return 0;
}

/* Give the terminal back. */
void scr_close(void)
{
	if (!scr_active)
		return;
	scr_active = false;
	curs_set(1);
	endwin();
	fflush(stdout);
}

/* Adopt the new window size. */
void scr_resize(void)
{
	struct winsize ws;

	if (!scr_active)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

/* Size of the screen. */
void scr_size(int *rows, int *cols)
{
	*rows = LINES;
	*cols = COLS;
}

/* Whether block characters may be drawn. */
bool scr_utf8(void)
{
	return scr_is_utf8;
}

/* Whether colours are on. */
bool scr_color(void)
{
	return scr_colors;
}

/* Blank everything. */
void scr_clear(void)
{
	erase();
	scr_cur_y = -1;
}

/* Decode one UTF-8 character of S (N bytes left) into *WC; returns the
 * bytes used, replacing undecodable bytes by '?'. */
static size_t next_wchar(const char *s, size_t n, mbstate_t *st, wchar_t *wc)
{
	size_t r = mbrtowc(wc, s, n, st);

	if (r == (size_t)-1 || r == (size_t)-2) {
		memset(st, 0, sizeof(*st));
		*wc = L'?';
		return 1;
	}
	if (r == 0)
		return 1;
	return r;
}

/* UTF-8 symbols the views use, and their ASCII stand-ins for terminals
 * that are not UTF-8. */
static const char *const ascii_map[][2] = {
	{ "—", "-" }, { "↑", "^" }, { "↓", "v" }, { "←", "<" }, { "→", ">" },
	{ "·", "." }, { "…", "..." }, { "▁", "_" }, { "▄", "o" }, { "█", "#" },
	{ "▒", "E" },
};

/* Copy S into OUT with the symbols above replaced by ASCII. */
static const char *to_ascii(const char *s, char *out, size_t size)
{
	size_t o = 0, i, n;

	while (*s && o + 4 < size) {
		for (i = 0; i < sizeof(ascii_map) / sizeof(ascii_map[0]); i++) {
			n = strlen(ascii_map[i][0]);
			if (!strncmp(s, ascii_map[i][0], n))
				break;
		}
		if (i < sizeof(ascii_map) / sizeof(ascii_map[0])) {
			o += (size_t)snprintf(out + o, size - o, "%s",
					      ascii_map[i][1]);
			s += n;
		} else {
			out[o++] = *s++;
		}
	}
	out[o < size ? o : size - 1] = '\0';
	return out;
}

/* Write S clipped to W columns. */
int scr_text(int y, int x, int w, enum scr_role role, const char *s,
	     bool pad)
{
	mbstate_t st;
	size_t n = s ? strlen(s) : 0, used;
	attr_t a = role_attr(role);
	int col = 0, cw;
	wchar_t wc[2] = { 0, 0 };
	cchar_t cc;
	bool cut = false;
	const char *mark = NULL;

	char ascii[1024];

	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	if (!scr_is_utf8 && s) {
		s = to_ascii(s, ascii, sizeof(ascii));
		n = strlen(s);
	}
	if (s && w > 4) {
		n = text_clip(s, w, scr_is_utf8 ? 1 : 3, &cut);
		if (cut)
			mark = scr_is_utf8 ? "…" : "...";
	}
	if (n == 0 && mark) {
		s = mark;
		n = strlen(mark);
		mark = NULL;
	}
	memset(&st, 0, sizeof(st));
	while (n > 0 && col < w) {
		used = next_wchar(s, n, &st, &wc[0]);
		s += used;
		n -= used;
		cw = wcwidth(wc[0]);
		if (cw < 0) {
			wc[0] = L'?';
			cw = 1;
		}
		if (cw == 0)
			continue; /* combining marks: drop, keep columns exact */
		if (col + cw > w)
			break;
		/* The pair goes in its own argument: setcchar ignores
		 * the colour bits of the attributes and pair 0 would
		 * undo the role's colour. */
		setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
		mvadd_wch(y, x + col, &cc);
		col += cw;
		if (n == 0 && mark) { /* the text is cut: the mark follows */
			s = mark;
			n = strlen(mark);
			mark = NULL;
		}
	}
	if (pad && col < w)
		scr_fill(y, x + col, w - col, role);
	return col;
}

/* Spaces in ROLE. */
void scr_fill(int y, int x, int w, enum scr_role role)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return;
	if (x + w > COLS)
		w = COLS - x;
	attrset(role_attr(role));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* A frame with line-drawing characters (ACS falls back to +-| itself). */
void scr_box(int y, int x, int h, int w, enum scr_role role)
{
	if (h < 2 || w < 2)
		return;
	attrset(role_attr(role));
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
}

/* Remember where the cursor goes. */
void scr_cursor(int y, int x)
{
	scr_cur_y = y;
	scr_cur_x = x;
}

/* Put it all on the terminal. */
void scr_flush(void)
{
	if (!scr_active)
		return;
	if (scr_cur_y >= 0 && scr_cur_y < LINES && scr_cur_x < COLS) {
		move(scr_cur_y, scr_cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* Map a curses function key to ours. */
static int map_fkey(wint_t k)
{
	switch (k) {
	case KEY_UP: return SK_UP;
	case KEY_DOWN: return SK_DOWN;
	case KEY_LEFT: return SK_LEFT;
	case KEY_RIGHT: return SK_RIGHT;
	case KEY_PPAGE: return SK_PGUP;
	case KEY_NPAGE: return SK_PGDN;
	case KEY_HOME: return SK_HOME;
	case KEY_END: return SK_END;
	case KEY_ENTER: return SK_ENTER;
	case KEY_BACKSPACE: return SK_BACKSPACE;
	case KEY_DC: return SK_DELETE;
	case KEY_BTAB: return SK_BTAB;
	case KEY_RESIZE: return SK_RESIZE;
	case KEY_F(1): return SK_F1;
	case KEY_F(10): return SK_F10;
	default: return SK_NONE;
	}
}

/* Map the control characters that act as keys. */
static bool map_ctrl(wint_t ch, struct scr_key *k)
{
	int code = SK_NONE;

	if (ch == '\r' || ch == '\n')
		code = SK_ENTER;
	else if (ch == '\t')
		code = SK_TAB;
	else if (ch == 27)
		code = SK_ESC;
	else if (ch == 127 || ch == 8)
		code = SK_BACKSPACE;
	if (code == SK_NONE)
		return false;
	k->fn = true;
	k->code = code;
	return true;
}

/* Read one pending key without waiting. */
bool scr_key(struct scr_key *k)
{
	wint_t ch;
	int r;

	for (;;) {
		r = get_wch(&ch);
		if (r == ERR)
			return false;
		memset(k, 0, sizeof(*k));
		if (r == KEY_CODE_YES) {
			k->code = map_fkey(ch);
			k->fn = true;
			if (k->code != SK_NONE)
				return true;
			continue; /* a key we do not use */
		}
		if (map_ctrl(ch, k))
			return true;
		k->ch = ch;
		return true;
	}
}
