/* form.h — input fields for the wizard and the save dialog: text, hidden
 * password, a choice cycled with arrows, a check box, a button.  One field
 * has the focus; keys go to it. */
#ifndef SOCKDOC_TUI_FORM_H
#define SOCKDOC_TUI_FORM_H

#include <stdbool.h>

#include "tui_screen.h"

/* What a field is. */
enum field_kind {
	FK_TEXT = 0, /* free text, edited in place */
	FK_SECRET,   /* text shown as stars (the password) */
	FK_CHOICE,   /* one of CHOICES, changed with Left/Right/Space */
	FK_CHECK,    /* on/off with Space */
	FK_BUTTON    /* Enter activates */
};

#define FIELD_MAX 256
#define FIELD_MAX_CHOICES 6

/* One field. */
struct field {
	enum field_kind kind;
	const char *label;     /* translated label, left of the value */
	const char *note;      /* translated line under it, NULL for none */
	const char *placeholder; /* shown dimmed while a text field is empty */
	char value[FIELD_MAX]; /* UTF-8 text of TEXT/SECRET fields */
	int cursor;            /* byte offset of the cursor in value */
	const char *choices[FIELD_MAX_CHOICES]; /* translated choice names */
	int nchoices;          /* used entries */
	int choice;            /* selected choice */
	bool checked;          /* state of a CHECK field */
	bool hidden;           /* not shown and skipped by focus moves */
	bool numeric;          /* TEXT that accepts digits only */
};

/* What a key did to the form. */
enum form_result {
	FORM_NONE = 0, /* key not used */
	FORM_CHANGED,  /* consumed; the screen must be drawn again */
	FORM_BUTTON    /* Enter on a button (or on the last text field) */
};

/* A set of fields with a focus. */
struct form {
	struct field *fields; /* array owned by the caller */
	int nfields;          /* entries */
	int focus;            /* index of the focused field */
	int scroll;           /* first row shown when the form is taller */
};

/* Route key K to the form. */
enum form_result form_key(struct form *f, const struct scr_key *k);
/* Draw the form in the rectangle TOP..TOP+ROWS, COLS wide; the label
 * column is as wide as the widest label, at most LABEL_W.  Places the cursor in the focused text field. */
void form_draw(struct form *f, int top, int rows, int cols, int label_w);
/* Move the focus to the next (DIR 1) or previous (-1) visible field. */
void form_move(struct form *f, int dir);
/* Replace the text of field FL. */
void field_set(struct field *fl, const char *text);
/* Wipe a field's text from memory (the password). */
void field_wipe(struct field *fl);

#endif
