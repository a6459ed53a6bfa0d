/* text.h — string helpers the explain parser shares (internal): searching
 * pasted text that mixes ASCII labels, UTF-8 Russian and typographic quotes. */
#ifndef SOCKDOC_EXPLAIN_TEXT_H
#define SOCKDOC_EXPLAIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* First occurrence of NEEDLE in HAY, ASCII letters compared without case
 * (other bytes exactly); NULL if none. */
const char *text_find_ci(const char *hay, const char *needle);
/* Earliest match of any of the NULL-terminated NEEDLES; sets *LEN to the
 * matched needle's length. */
const char *text_find_any(const char *hay, const char *const *needles,
			  size_t *len);
/* Byte length of a quote character at P (' " ‘ ’ “ ” « » `), 0 if none. */
size_t text_quote_len(const char *p);
/* Read a field value after a label: a quoted string (up to the closing
 * quote, same line) or a bare value up to ',', ';' or end of line.  Copies
 * it sanitized into OUT; returns whether the value was quoted. */
bool text_read_value(const char *p, char *out, size_t size);
/* Parse a decimal number starting at P (after blanks) into *V; returns the
 * end, or NULL when no digits. */
const char *text_read_int(const char *p, long *v);

#endif
