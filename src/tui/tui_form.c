/* form.c — editing and drawing of form fields.  Text is UTF-8; the cursor
 * moves by whole characters. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui_form.h"
#include "tui_text.h"
#include "util.h"

/* Replace the text. */
void field_set(struct field *fl, const char *text)
{
	str_copy(fl->value, text ? text : "", sizeof(fl->value));
	fl->cursor = (int)strlen(fl->value);
}

/* Overwrite the bytes so the secret does not linger. */
void field_wipe(struct field *fl)
{
	explicit_bzero(fl->value, sizeof(fl->value));
	fl->cursor = 0;
}

/* Insert character CH at the cursor. */
static bool text_insert(struct field *fl, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n, len = strlen(fl->value);

	if (ch < 32 || ch == 127)
		return false;
	if (fl->numeric && (ch < '0' || ch > '9'))
		return false;
	memset(&st, 0, sizeof(st));
	n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1 || len + n >= sizeof(fl->value))
		return false;
	memmove(fl->value + fl->cursor + n, fl->value + fl->cursor,
		len - fl->cursor + 1);
	memcpy(fl->value + fl->cursor, mb, n);
	fl->cursor += (int)n;
	return true;
}

/* Delete the character at byte offset POS. */
static void text_delete_at(struct field *fl, size_t pos)
{
	size_t len = strlen(fl->value), n;

	if (pos >= len)
		return;
	n = text_char_len(fl->value + pos);
	memmove(fl->value + pos, fl->value + pos + n, len - pos - n + 1);
}

/* Editing keys of a text field. */
static bool text_key(struct field *fl, const struct scr_key *k)
{
	size_t len = strlen(fl->value), p;

	if (!k->fn && k->ch == 21) { /* Ctrl-U: clear, as in a shell */
		fl->value[0] = '\0';
		fl->cursor = 0;
		return true;
	}
	if (!k->fn)
		return text_insert(fl, k->ch);
	switch (k->code) {
	case SK_LEFT:
		fl->cursor = (int)text_prev(fl->value, fl->cursor);
		return true;
	case SK_RIGHT:
		if ((size_t)fl->cursor < len)
			fl->cursor += (int)text_char_len(fl->value + fl->cursor);
		return true;
	case SK_HOME:
		fl->cursor = 0;
		return true;
	case SK_END:
		fl->cursor = (int)len;
		return true;
	case SK_BACKSPACE:
		if (fl->cursor == 0)
			return true;
		p = text_prev(fl->value, fl->cursor);
		text_delete_at(fl, p);
		fl->cursor = (int)p;
		return true;
	case SK_DELETE:
		text_delete_at(fl, fl->cursor);
		return true;
	default:
		return false;
	}
}

/* Keys of a choice or check box. */
static bool choice_key(struct field *fl, const struct scr_key *k)
{
	bool next = (k->fn && k->code == SK_RIGHT) || (!k->fn && k->ch == ' ');
	bool prev = k->fn && k->code == SK_LEFT;

	if (fl->kind == FK_CHECK) {
		if (!next && !prev)
			return false;
		fl->checked = !fl->checked;
		return true;
	}
	if (fl->nchoices <= 0 || (!next && !prev))
		return false;
	fl->choice = (fl->choice + (next ? 1 : fl->nchoices - 1)) %
		     fl->nchoices;
	return true;
}

/* Move the focus over visible fields. */
void form_move(struct form *f, int dir)
{
	int i, idx = f->focus;

	for (i = 0; i < f->nfields; i++) {
		idx = (idx + dir + f->nfields) % f->nfields;
		if (!f->fields[idx].hidden) {
			f->focus = idx;
			return;
		}
	}
}

/* Route a key. */
enum form_result form_key(struct form *f, const struct scr_key *k)
{
	struct field *fl = &f->fields[f->focus];

	if (k->fn && (k->code == SK_TAB || k->code == SK_DOWN)) {
		form_move(f, 1);
		return FORM_CHANGED;
	}
	if (k->fn && (k->code == SK_BTAB || k->code == SK_UP)) {
		form_move(f, -1);
		return FORM_CHANGED;
	}
	if (k->fn && k->code == SK_ENTER) {
		if (fl->kind == FK_BUTTON)
			return FORM_BUTTON;
		form_move(f, 1);
		return FORM_CHANGED;
	}
	if (fl->kind == FK_TEXT || fl->kind == FK_SECRET)
		return text_key(fl, k) ? FORM_CHANGED : FORM_NONE;
	if (fl->kind == FK_BUTTON && !k->fn && k->ch == ' ')
		return FORM_BUTTON;
	return choice_key(fl, k) ? FORM_CHANGED : FORM_NONE;
}

/* The text of FL as displayed (stars for a secret) into BUF. */
static void field_display(const struct field *fl, char *buf, size_t size,
			  size_t *cursor_bytes)
{
	size_t i, n = 0, chars = 0, pos = 0;

	if (fl->kind != FK_SECRET) {
		str_copy(buf, fl->value, size);
		*cursor_bytes = (size_t)fl->cursor;
		return;
	}
	while (fl->value[pos]) {
		if (pos == (size_t)fl->cursor)
			*cursor_bytes = chars;
		pos += text_char_len(fl->value + pos);
		chars++;
	}
	if ((size_t)fl->cursor >= pos)
		*cursor_bytes = chars;
	for (i = 0; i < chars && n + 1 < size; i++)
		buf[n++] = '*';
	buf[n] = '\0';
}

/* Draw a text value W columns wide with the cursor kept in view. */
static void draw_text_value(const struct field *fl, int y, int x, int w,
			    bool focus)
{
	char buf[FIELD_MAX], save;
	size_t cur = 0, start = 0;
	enum scr_role role = focus ? SR_FOCUS : SR_FIELD;

	field_display(fl, buf, sizeof(buf), &cur);
	if (!buf[0] && fl->placeholder) {
		/* Shown while focused too, with the cursor before it: it
		 * says what to type. */
		scr_fill(y, x, w, role);
		scr_text(y, x, w, SR_DIM, fl->placeholder, false);
		if (focus)
			scr_cursor(y, x);
		return;
	}
	for (;;) {
		save = buf[cur];
		buf[cur] = '\0';
		if (text_width(buf + start) < w - 1 || start >= cur) {
			buf[cur] = save;
			break;
		}
		buf[cur] = save;
		start += text_char_len(buf + start);
	}
	scr_text(y, x, w, role, buf + start, true);
	if (focus) {
		save = buf[cur];
		buf[cur] = '\0';
		scr_cursor(y, x + text_width(buf + start));
		buf[cur] = save;
	}
}

/* Draw the value part of FL. */
static void draw_value(const struct field *fl, int y, int x, int w,
		       bool focus)
{
	char buf[FIELD_MAX + 16];
	enum scr_role role = focus ? SR_FOCUS : SR_NORMAL;

	switch (fl->kind) {
	case FK_TEXT:
	case FK_SECRET:
		draw_text_value(fl, y, x, w, focus);
		break;
	case FK_CHOICE:
		str_printf(buf, sizeof(buf), "< %s >",
			   fl->nchoices ? fl->choices[fl->choice] : "");
		scr_text(y, x, w, role, buf, false);
		break;
	case FK_CHECK:
		scr_text(y, x, w, role, fl->checked ? "[x]" : "[ ]", false);
		break;
	case FK_BUTTON:
		str_printf(buf, sizeof(buf), "[ %s ]", fl->label);
		scr_text(y, x, w, focus ? SR_FOCUS : SR_HEAD, buf, false);
		break;
	}
}

/* Rows field FL takes. */
static int field_rows(const struct field *fl)
{
	return fl->hidden ? 0 : (fl->note ? 2 : 1);
}

/* Keep the focused field inside the ROWS shown, with the row after it
 * too when there is one (what a check box just opened shows at once). */
static void form_scroll(struct form *f, int rows)
{
	int i, y = 0, fy = 0, fh = 1;

	for (i = 0; i < f->nfields; i++) {
		if (i == f->focus) {
			fy = y;
			fh = field_rows(&f->fields[i]);
		}
		y += field_rows(&f->fields[i]);
	}
	if (fy + fh < y && rows > fh + 1)
		fh++; /* one row of look-ahead */
	if (fy < f->scroll)
		f->scroll = fy;
	if (fy + fh > f->scroll + rows)
		f->scroll = fy + fh - rows;
	if (f->scroll < 0)
		f->scroll = 0;
}

/* Widest visible label, at most MAX columns. */
static int form_label_width(const struct form *f, int max)
{
	int i, w = 8, lw;

	for (i = 0; i < f->nfields; i++) {
		if (f->fields[i].hidden || f->fields[i].kind == FK_BUTTON)
			continue;
		lw = text_width(f->fields[i].label);
		if (lw > w)
			w = lw;
	}
	return w < max ? w : max;
}

/* Draw every visible field. */
void form_draw(struct form *f, int top, int rows, int cols, int label_w)
{
	int i, y = -1, vx, row;
	struct field *fl;

	label_w = form_label_width(f, label_w);
	vx = label_w + 3;

	scr_cursor(-1, -1);
	form_scroll(f, rows);
	for (i = 0; i < f->nfields; i++) {
		fl = &f->fields[i];
		if (fl->hidden)
			continue;
		y++;
		row = top + y - f->scroll;
		if (row >= top && row < top + rows) {
			if (fl->kind != FK_BUTTON)
				scr_text(row, 1, label_w, i == f->focus ?
					 SR_HEAD : SR_NORMAL, fl->label, false);
			draw_value(fl, row, fl->kind == FK_BUTTON ? 1 : vx,
				   cols - vx - 1, i == f->focus);
		}
		if (!fl->note)
			continue;
		y++;
		row = top + y - f->scroll;
		if (row >= top && row < top + rows)
			scr_text(row, vx, cols - vx - 1, SR_DIM, fl->note, false);
	}
}
