/* parse_codes.c — error codes anywhere in free text: Winsock numbers,
 * 0x800CCCxx, WSAE.../E.../CURLE_... names, "curl: (7)", and SMTP/FTP
 * reply codes where a reply stands (line start, after "Response:"). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "explain_parse.h"
#include "explain_text.h"

/* Word characters of a code token. */
static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Labels after which a reply code follows. */
static bool after_reply_label(const char *start, const char *p)
{
	static const char *const labels[] = {
		"response:", "responded:", "server error:", "ответил:",
		"ответ:", "ответ сервера:", "Ответ:", "Ответ сервера:",
		"Ошибка сервера:", NULL
	};
	size_t n;
	int i;

	while (p > start && (p[-1] == ' ' || p[-1] == '\t' ||
			     p[-1] == '\'' || p[-1] == '"'))
		p--;
	for (i = 0; labels[i]; i++) {
		n = strlen(labels[i]);
		if ((size_t)(p - start) >= n &&
		    text_find_ci(p - n, labels[i]) == p - n)
			return true;
	}
	return p == start || p[-1] == '\n' || p[-1] == '\r';
}

/* A 3-digit reply code W (LEN 3) standing where replies stand. */
static void try_reply(const char *text, const char *w, size_t len,
		      struct explain_msg *m)
{
	long v = strtol(w, NULL, 10);

	if (len != 3 || v < 100 || v > 599 || !after_reply_label(text, w))
		return;
	if (w[3] && w[3] != ' ' && w[3] != '-' && w[3] != '\t')
		return;
	parse_add_reply(m, (int)v);
}

/* Upper-case words: symbols; digits: Winsock; 0x...: Outlook. */
static void try_word(const char *text, const char *w, size_t len,
		     struct explain_msg *m)
{
	char buf[40];
	size_t i;
	bool upper = true, digits = true;

	if (len >= sizeof(buf))
		return;
	memcpy(buf, w, len);
	buf[len] = '\0';
	for (i = 0; i < len; i++) {
		upper &= !islower((unsigned char)buf[i]);
		digits &= isdigit((unsigned char)buf[i]) != 0;
	}
	if (len == 10 && buf[0] == '0' && (buf[1] | 32) == 'x')
		parse_add_code(m, code_outlook_parse(buf));
	else if (digits && len == 5 && (w == text || (w[-1] != ':' &&
						      w[-1] != '.')))
		parse_add_code(m, code_by_number(CODE_WINSOCK,
						 strtol(buf, NULL, 10)));
	else if (digits)
		try_reply(text, w, len, m);
	else if (upper && len > 2 && !isdigit((unsigned char)buf[0]))
		parse_add_code(m, code_by_symbol(buf));
}

/* RFC 3463 enhanced codes anywhere: "550 5.7.1 ...", "451-4.7.1",
 * "(5.1.1)"; a word that starts after a space, '-', '(' or '#' and is not
 * part of a longer dotted number (an address or a version). */
static void scan_enhanced(const char *text, struct explain_msg *m)
{
	const struct code_def *c;
	const char *p;
	size_t len;

	for (p = text; *p; p++) {
		if (p > text && !strchr(" \t\r\n-(#<[:", p[-1]))
			continue;
		c = code_enhanced_parse(p, &len);
		if (!c)
			continue;
		parse_add_code(m, c);
		p += len - 1;
	}
}

/* curl prints "curl: (7) Failed to connect ...". */
static void scan_curl(const char *text, struct explain_msg *m)
{
	const char *p = text;
	long v;

	while ((p = text_find_ci(p, "curl: (")) != NULL) {
		p += 7;
		if (text_read_int(p, &v))
			parse_add_code(m, code_by_number(CODE_CURL, v));
	}
}

/* See parse.h. */
bool parse_scan_codes(const char *text, struct explain_msg *m)
{
	const char *p = text, *w;
	int before = m->ncodes + m->nreplies;

	while (*p) {
		if (!word_char(*p)) {
			p++;
			continue;
		}
		for (w = p; word_char(*p); p++)
			;
		try_word(text, w, (size_t)(p - w), m);
	}
	scan_curl(text, m);
	scan_enhanced(text, m);
	return m->ncodes + m->nreplies > before;
}
