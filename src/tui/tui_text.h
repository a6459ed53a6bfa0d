/* text.h — measuring and wrapping UTF-8 text by terminal columns, for the
 * views (no curses here: pure functions, unit-testable). */
#ifndef SOCKDOC_TUI_TEXT_H
#define SOCKDOC_TUI_TEXT_H

#include <stddef.h>

/* Columns S takes on a terminal (unprintable characters count as 1). */
int text_width(const char *s);
/* Bytes of S that fit in WIDTH columns, breaking after a space when the
 * whole of S does not fit and a space exists; at least one character
 * when S is not empty. */
size_t text_fit(const char *s, int width);
/* Byte length of the UTF-8 character starting at S (1 for bad bytes). */
size_t text_char_len(const char *s);
/* Byte offset of the character before offset POS in S. */
size_t text_prev(const char *s, size_t pos);

#endif
