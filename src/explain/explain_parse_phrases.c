/* parse_phrases.c — recognising Thunderbird and FileZilla messages by the
 * sentences they print (codes_phrase.c), and FileZilla's log layout. */
#include "config.h"

#include <string.h>

#include "explain_parse.h"
#include "explain_text.h"
#include "util.h"

/* FileZilla log lines start with these prefixes. */
static bool filezilla_log(const char *text)
{
	static const char *const prefixes[] = {
		"Status:", "Command:", "Response:", "Error:", "Статус:",
		"Команда:", "Ответ:", "Ошибка:", NULL
	};
	int i, hits = 0;

	for (i = 0; prefixes[i]; i++)
		if (text_find_ci(text, prefixes[i]))
			hits++;
	return hits >= 2;
}

#define GAP "\xe2\x80\xa6" /* "…": the words the client fills in */
#define GAP_MAX 300          /* bytes those words may take */

/* Does TEXT hold phrase SYM, its "…" standing for up to GAP_MAX bytes
 * ("The connection to … was reset": the server's name in between)? */
static bool phrase_in(const char *text, const char *sym)
{
	const char *gap = strstr(sym, GAP), *p, *q;
	char head[128];

	if (!gap)
		return text_find_ci(text, sym) != NULL;
	str_copy(head, sym, (size_t)(gap - sym) + 1 < sizeof(head) ?
		 (size_t)(gap - sym) + 1 : sizeof(head));
	for (p = text_find_ci(text, head); p; p = text_find_ci(p + 1, head)) {
		q = text_find_ci(p + strlen(head), gap + strlen(GAP));
		if (q && q - p <= GAP_MAX)
			return true;
	}
	return false;
}

/* Does M hold a code that stands for Winsock error WS already? */
static bool has_winsock(const struct explain_msg *m, int ws)
{
	int i;

	for (i = 0; i < m->ncodes; i++)
		if ((m->codes[i]->family == CODE_WINSOCK &&
		     m->codes[i]->number == ws) || m->codes[i]->winsock[0] == ws)
			return true;
	return false;
}

/* See parse.h. */
bool parse_system_phrases(const char *text, struct explain_msg *m)
{
	const struct code_def *c;
	bool any = false;

	for (c = codes_phrase; c->meaning; c++) {
		if (strcmp(c->client, "system") || !phrase_in(text, c->symbol) ||
		    has_winsock(m, c->winsock[0]))
			continue;
		any |= parse_add_code(m, c);
	}
	return any;
}

/* See parse.h. */
bool parse_phrases(const char *text, struct explain_msg *m)
{
	const struct code_def *c;
	bool any = false;

	for (c = codes_phrase; c->meaning; c++) {
		if (!strcmp(c->client, "system") || !phrase_in(text, c->symbol))
			continue;
		parse_add_code(m, c);
		if (!m->client[0] && strcmp(c->client, "server"))
			str_copy(m->client, c->client, sizeof(m->client));
		any = true;
	}
	if (!m->client[0] && filezilla_log(text)) {
		str_copy(m->client, "filezilla", sizeof(m->client));
		any = true;
	}
	if (!m->protocol[0] && strcmp(m->client, "filezilla") == 0)
		str_copy(m->protocol, "ftp", sizeof(m->protocol));
	if (!m->protocol[0] && strcmp(m->client, "thunderbird") == 0 &&
	    text_find_ci(text, "SMTP"))
		str_copy(m->protocol, "smtp", sizeof(m->protocol));
	return any;
}
