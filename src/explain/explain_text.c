/* text.c — searching and cutting pasted text (see text.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "explain_text.h"
#include "util.h"

/* ASCII-only folding: UTF-8 bytes must compare exactly. */
static int fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Naive search: inputs are at most 64 KiB and needles short. */
const char *text_find_ci(const char *hay, const char *needle)
{
	size_t i;

	for (; *hay; hay++) {
		for (i = 0; needle[i]; i++)
			if (fold((unsigned char)hay[i]) !=
			    fold((unsigned char)needle[i]))
				break;
		if (!needle[i])
			return hay;
	}
	return NULL;
}

/* Earliest of several needles, so labels are read in text order. */
const char *text_find_any(const char *hay, const char *const *needles,
			  size_t *len)
{
	const char *best = NULL, *p;

	for (; *needles; needles++) {
		p = text_find_ci(hay, *needles);
		if (p && (!best || p < best)) {
			best = p;
			*len = strlen(*needles);
		}
	}
	return best;
}

/* Quotes users paste: ASCII and the typographic ones Outlook uses. */
size_t text_quote_len(const char *p)
{
	static const char *const quotes[] = {
		"\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xc2\xab", "\xc2\xbb", "'", "\"", "`", NULL
	};
	int i;

	for (i = 0; quotes[i]; i++)
		if (strncmp(p, quotes[i], strlen(quotes[i])) == 0)
			return strlen(quotes[i]);
	return 0;
}

/* Closing quotes that end a value opened by OPEN (LEN bytes): the same
 * ASCII quote, or the typographic partner (users paste ‘x’, ‘x‘, «x»). */
static const char *closers(const char *open, size_t len)
{
	if (len == 1)
		return *open == '`' ? "`'" : (*open == '"' ? "\"" : "'");
	if (strncmp(open, "\xc2\xab", 2) == 0 || strncmp(open, "\xc2\xbb", 2) == 0)
		return "\xc2\xbb\xc2\xab";
	if (open[2] == '\x98' || open[2] == '\x99')
		return "\xe2\x80\x99\xe2\x80\x98'";
	return "\xe2\x80\x9d\xe2\x80\x9c\"";
}

/* Is there one of the quote characters listed in SET at P? */
static bool closes(const char *p, const char *set)
{
	size_t q = text_quote_len(p);

	while (q && *set) {
		size_t n = (unsigned char)*set >= 0x80 ?
			   ((unsigned char)*set >= 0xe0 ? 3 : 2) : 1;

		if (n == q && strncmp(p, set, n) == 0)
			return true;
		set += n;
	}
	return false;
}

/* End of a quoted value: the closing quote on the same line. */
static const char *quoted_end(const char *p, const char *set)
{
	while (*p && *p != '\n' && *p != '\r' && !closes(p, set))
		p++;
	return p;
}

/* End of a bare value; trailing blanks are not part of it. */
static const char *bare_end(const char *start)
{
	const char *p = start;

	while (*p && !strchr(",;\r\n", *p))
		p++;
	while (p > start && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p;
}

/* See text.h. */
bool text_read_value(const char *p, char *out, size_t size)
{
	const char *end;
	size_t q;

	while (*p == ' ' || *p == '\t')
		p++;
	q = text_quote_len(p);
	if (q) {
		end = quoted_end(p + q, closers(p, q));
		p += q;
	} else {
		end = bare_end(p);
	}
	sanitize(p, (size_t)(end - p), out, size, false);
	return q != 0;
}

/* See text.h. */
const char *text_read_int(const char *p, long *v)
{
	char *end;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	errno = 0;
	*v = strtol(p, &end, 10);
	if (errno)
		return NULL;
	return end;
}
