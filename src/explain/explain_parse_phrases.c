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

/* See parse.h. */
bool parse_phrases(const char *text, struct explain_msg *m)
{
	const struct code_def *c;
	bool any = false;

	for (c = codes_phrase; c->meaning; c++) {
		if (!text_find_ci(text, c->symbol))
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
