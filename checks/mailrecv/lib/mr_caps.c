/* mr_caps.c — parse POP3 CAPA lines, IMAP capability lists and bracketed
 * response codes; everything bounded, words cut at their field size. */
#include "config.h"

#include "mr_caps.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void mr_caps_init(struct mr_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->login_delay = -1;
}

/* Keep the word W (sanitized) in the raw list. */
static void raw_add(struct mr_caps *c, const char *w)
{
	char clean[128];

	sanitize(w, strlen(w), clean, sizeof(clean), false);
	str_appendf(c->raw, sizeof(c->raw), "%s%s", c->raw[0] ? " " : "",
		    clean);
}

/* Add mechanism M (upper-cased, bounded) once. */
static void mech_add(struct mr_caps *c, const char *m)
{
	char up[24];
	size_t i;

	for (i = 0; m[i] && i < sizeof(up) - 1; i++)
		up[i] = isprint((unsigned char)m[i]) ?
			(char)toupper((unsigned char)m[i]) : '?';
	up[i] = '\0';
	if (!up[0] || mr_caps_has_mech(c, up) || c->nmechs >= MR_MAX_MECHS)
		return;
	str_copy(c->mechs[c->nmechs++], up, sizeof(c->mechs[0]));
}

void mr_caps_pop3_line(struct mr_caps *c, const char *line)
{
	char buf[512], *tok, *save;
	bool first = true, sasl = false;

	str_copy(buf, line, sizeof(buf));
	raw_add(c, line);
	for (tok = strtok_r(buf, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save), first = false) {
		if (!first) {
			if (sasl)
				mech_add(c, tok);
			else if (c->login_delay == -2)
				c->login_delay = atoi(tok);
			continue;
		}
		if (!strcasecmp(tok, "STLS"))
			c->stls = true;
		else if (!strcasecmp(tok, "USER"))
			c->user = true;
		else if (!strcasecmp(tok, "SASL"))
			sasl = true;
		else if (!strcasecmp(tok, "RESP-CODES"))
			c->resp_codes = true;
		else if (!strcasecmp(tok, "AUTH-RESP-CODE"))
			c->auth_resp_code = true;
		else if (!strcasecmp(tok, "LOGIN-DELAY"))
			c->login_delay = -2; /* the number follows */
	}
	if (c->login_delay == -2)
		c->login_delay = 0;
	c->seen = true;
}

void mr_caps_imap_list(struct mr_caps *c, const char *list)
{
	char buf[1024], *tok, *save;

	str_copy(buf, list, sizeof(buf));
	for (tok = strtok_r(buf, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		raw_add(c, tok);
		if (!strcasecmp(tok, "STARTTLS"))
			c->stls = true;
		else if (!strcasecmp(tok, "LOGINDISABLED"))
			c->logindisabled = true;
		else if (!strcasecmp(tok, "SASL-IR"))
			c->sasl_ir = true;
		else if (!strncasecmp(tok, "AUTH=", 5))
			mech_add(c, tok + 5);
	}
	c->seen = true;
}

bool mr_caps_has_mech(const struct mr_caps *c, const char *mech)
{
	int i;

	for (i = 0; i < c->nmechs; i++)
		if (!strcasecmp(c->mechs[i], mech))
			return true;
	return false;
}

json_t *mr_caps_json(const struct mr_caps *c)
{
	json_t *mechs = json_array(), *o;
	int i;

	for (i = 0; i < c->nmechs; i++)
		json_array_append_new(mechs, json_string(c->mechs[i]));
	o = json_pack("{s:b,s:b,s:b,s:b,s:o,s:s}", "seen", c->seen,
		      "starttls", c->stls, "user", c->user,
		      "logindisabled", c->logindisabled, "sasl", mechs,
		      "raw", c->raw);
	if (c->login_delay >= 0)
		json_object_set_new(o, "login_delay",
				    json_integer(c->login_delay));
	if (c->resp_codes)
		json_object_set_new(o, "resp_codes", json_true());
	return o;
}

const char *mr_resp_code(const char *text, char *code, size_t size)
{
	const char *s = text, *end;
	size_t n = 0;

	code[0] = '\0';
	while (*s == ' ')
		s++;
	if (*s != '[' || !(end = strchr(s, ']')))
		return text;
	for (s++; s < end && *s != ' ' && n + 1 < size; s++)
		code[n++] = isprint((unsigned char)*s) ?
			    (char)toupper((unsigned char)*s) : '?';
	code[n] = '\0';
	for (s = end + 1; *s == ' '; s++)
		;
	return s;
}
