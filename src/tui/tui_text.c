/* text.c — UTF-8 widths and line breaking for the TUI views. */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "tui_text.h"

/* Decode one character of S; width of it in *W; returns bytes used. */
static size_t decode(const char *s, int *w)
{
	mbstate_t st;
	wchar_t wc;
	size_t r;

	memset(&st, 0, sizeof(st));
	r = mbrtowc(&wc, s, strlen(s), &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		*w = 1;
		return 1;
	}
	*w = wcwidth(wc);
	if (*w < 0)
		*w = 1;
	return r;
}

/* Width of S in columns. */
int text_width(const char *s)
{
	int total = 0, w;

	while (*s) {
		s += decode(s, &w);
		total += w;
	}
	return total;
}

/* Length of one character. */
size_t text_char_len(const char *s)
{
	int w;

	return *s ? decode(s, &w) : 0;
}

/* Step back over UTF-8 continuation bytes. */
size_t text_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

/* The prefix of S that fits in WIDTH columns, word-broken when possible. */
size_t text_fit(const char *s, int width)
{
	size_t pos = 0, n, last_space = 0;
	int col = 0, w;

	while (s[pos]) {
		n = decode(s + pos, &w);
		if (col + w > width)
			break;
		if (s[pos] == ' ')
			last_space = pos + 1;
		col += w;
		pos += n;
	}
	if (!s[pos])
		return pos;
	if (last_space > 0)
		return last_space;
	if (pos == 0 && s[0])
		return decode(s, &w);
	return pos;
}

/* The prefix of S for WIDTH columns with room for a cut mark. */
size_t text_clip(const char *s, int width, int mark_w, bool *cut)
{
	size_t pos = 0, n, space = 0;
	int col = 0, w, room = width - mark_w, space_col = 0;

	*cut = text_width(s) > width;
	if (!*cut)
		return strlen(s);
	if (room < 0)
		room = 0;
	while (s[pos]) {
		n = decode(s + pos, &w);
		if (col + w > room)
			break;
		if (s[pos] == ' ') {
			space = pos;
			space_col = col;
		}
		col += w;
		pos += n;
	}
	if (space > 0 && space_col * 3 >= room * 2)
		return space;
	return pos;
}
