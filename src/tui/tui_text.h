/* text.h — measuring and wrapping UTF-8 text by terminal columns, for the
 * views (no curses here: pure functions, unit-testable). */
#ifndef SOCKDOC_TUI_TEXT_H
#define SOCKDOC_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Columns S takes on a terminal (unprintable characters count as 1). */
int text_width(const char *s);
/* Bytes of S that fit in WIDTH columns, breaking after a space when the
 * whole of S does not fit and a space exists; at least one character
 * when S is not empty. */
size_t text_fit(const char *s, int width);
/* Bytes of S to show in WIDTH columns when S may not fit: all of S when
 * it fits (*CUT false); else a prefix that leaves MARK_W columns for an
 * ellipsis, ended at a word boundary when one lies in the last third of
 * the room (the space itself dropped), and *CUT true.  Columns are
 * display columns (wcwidth), never bytes. */
size_t text_clip(const char *s, int width, int mark_w, bool *cut);
/* Byte length of the UTF-8 character starting at S (1 for bad bytes). */
size_t text_char_len(const char *s);
/* Byte offset of the character before offset POS in S. */
size_t text_prev(const char *s, size_t pos);

#endif
