/* smtp_caps.c — EHLO keywords into flags; bounded, tolerant of junk. */
#include "config.h"

#include "smtp_caps.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsontext.h"
#include "util.h"

/* Skip a "250-" / "250 " prefix some callers keep on each line. */
static const char *skip_code(const char *line)
{
	if (isdigit((unsigned char)line[0]) && isdigit((unsigned char)line[1]) &&
	    isdigit((unsigned char)line[2]) &&
	    (line[3] == '-' || line[3] == ' '))
		return line + 4;
	return line;
}

/* Add the AUTH mechanisms in ARGS ("PLAIN LOGIN"), without duplicates. */
static void add_auth(struct smtp_caps *c, const char *args)
{
	char mech[32];
	int n;

	while (sscanf(args, " %31[A-Za-z0-9_-]%n", mech, &n) == 1) {
		char *p;

		args += n;
		for (p = mech; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (smtp_caps_has_auth(c, mech))
			continue;
		str_appendf(c->auth, sizeof(c->auth), "%s%s",
			    c->nauth ? " " : "", mech);
		c->nauth++;
	}
}

/* One keyword line ("SIZE 10485760", "AUTH PLAIN LOGIN"); a keyword
 * given twice (AUTH and the legacy AUTH=) is listed once. */
static void keyword_line(struct smtp_caps *c, const char *line)
{
	char kw[24];
	const char *args;
	char *p;
	int i, n = 0;

	if (sscanf(line, " %23[A-Za-z0-9-]%n", kw, &n) != 1)
		return;
	for (p = kw; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	args = line + n;
	for (i = 0; i < c->nkeywords && strcmp(c->keywords[i], kw); i++)
		;
	if (i == c->nkeywords && c->nkeywords < SMTP_CAPS_MAX_KW)
		str_copy(c->keywords[c->nkeywords++], kw, sizeof(kw));
	if (!strcmp(kw, "STARTTLS"))
		c->starttls = true;
	else if (!strcmp(kw, "PIPELINING"))
		c->pipelining = true;
	else if (!strcmp(kw, "8BITMIME"))
		c->eightbitmime = true;
	else if (!strcmp(kw, "SMTPUTF8"))
		c->smtputf8 = true;
	else if (!strcmp(kw, "SIZE")) {
		c->size = true;
		c->size_limit = strtoll(args, NULL, 10);
		if (c->size_limit < 0)
			c->size_limit = 0;
	} else if (!strcmp(kw, "AUTH"))
		add_auth(c, *args == '=' ? args + 1 : args);
}

void smtp_caps_parse(const char *text, struct smtp_caps *caps)
{
	char line[512];
	const char *p = text;
	bool first = true;

	memset(caps, 0, sizeof(*caps));
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len >= sizeof(line))
			len = utf8_cut(p, sizeof(line) - 1);
		memcpy(line, p, len);
		line[len] = '\0';
		if (first)
			str_word(caps->domain, sizeof(caps->domain), skip_code(line));
		else
			keyword_line(caps, skip_code(line));
		first = false;
		p = nl ? nl + 1 : NULL;
	}
}

bool smtp_caps_has_auth(const struct smtp_caps *caps, const char *mech)
{
	size_t n = strlen(mech);
	const char *p = caps->auth;

	while ((p = strstr(p, mech)) != NULL) {
		bool start = p == caps->auth || p[-1] == ' ';
		bool end = p[n] == '\0' || p[n] == ' ';

		if (start && end)
			return true;
		p += n;
	}
	return false;
}

/* Space-separated WORDS as a JSON array of strings. */
static json_t *words_json(const char *words)
{
	json_t *a = json_array();
	char w[32];

	for (;;) {
		words = str_word(w, sizeof(w), words);
		if (!w[0])
			break;
		json_array_append_new(a, json_text(w));
	}
	return a;
}

json_t *smtp_caps_json(const struct smtp_caps *caps)
{
	json_t *kw = json_array();
	int i;

	for (i = 0; i < caps->nkeywords; i++)
		json_array_append_new(kw, json_text(caps->keywords[i]));
	return json_pack("{s:o,s:o,s:b,s:o,s:b,s:I,s:b,s:b,s:b}",
		"domain", json_text(caps->domain), "keywords", kw,
		"starttls", caps->starttls, "auth", words_json(caps->auth),
		"size", caps->size, "size_limit", (json_int_t)caps->size_limit,
		"pipelining", caps->pipelining,
		"8bitmime", caps->eightbitmime, "smtputf8", caps->smtputf8);
}
