/* codes.c — finding an error code in the tables by number, symbol or the
 * way a user types it ("10054", "0x800CCC0E", "ECONNRESET", "425"). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain_codes.h"

/* Table of each numbered family, indexed by enum code_family. */
static const struct code_def *const family_table[] = {
	[CODE_WINSOCK] = codes_winsock,
	[CODE_ERRNO] = codes_errno,
	[CODE_OUTLOOK] = codes_outlook,
	[CODE_SMTP] = codes_smtp,
	[CODE_FTP] = codes_ftp,
	[CODE_CURL] = codes_curl,
	[CODE_PHRASE] = codes_phrase,
	[CODE_ENHANCED] = codes_enhanced,
};

/* Stable family token, used in JSON. */
const char *code_family_name(enum code_family f)
{
	static const char *const names[] = {
		"winsock", "errno", "outlook", "smtp", "ftp", "curl", "phrase",
		"enhanced"
	};

	return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

/* Linear search: the tables are short and looked up a few times a run. */
const struct code_def *code_by_number(enum code_family f, long number)
{
	const struct code_def *c;

	if ((unsigned)f >= sizeof(family_table) / sizeof(family_table[0]))
		return NULL;
	for (c = family_table[f]; c->meaning; c++)
		if (c->number == number && f != CODE_PHRASE)
			return c;
	return NULL;
}

/* Symbols are unique across families (WSAE..., E..., CURLE_..., IXP_E_...). */
const struct code_def *code_by_symbol(const char *name)
{
	static const enum code_family fams[] = {
		CODE_WINSOCK, CODE_ERRNO, CODE_OUTLOOK, CODE_CURL
	};
	const struct code_def *c;
	size_t i;

	for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++)
		for (c = family_table[fams[i]]; c->meaning; c++)
			if (c->symbol && strcasecmp(c->symbol, name) == 0)
				return c;
	return NULL;
}

/* Accept "0x800CCC0E", "800CCC0E", any case; exactly 8 hex digits. */
const struct code_def *code_outlook_parse(const char *s)
{
	char *end;
	unsigned long v;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (strlen(s) != 8 || !isxdigit((unsigned char)s[0]))
		return NULL;
	errno = 0;
	v = strtoul(s, &end, 16);
	if (*end || errno)
		return NULL;
	return code_by_number(CODE_OUTLOOK, (long)v);
}

/* Add C to OUT unless NULL or already there; returns the new count. */
static int add_code(const struct code_def **out, int n, int max,
		    const struct code_def *c)
{
	int i;

	if (!c || n >= max)
		return n;
	for (i = 0; i < n; i++)
		if (out[i] == c)
			return n;
	out[n++] = c;
	return n;
}

/* A decimal token: Winsock 10000+, a reply 100..599, a curl code 1..99. */
static int lookup_decimal(long v, const struct code_def **out, int max)
{
	int n = 0;

	if (v >= 10000)
		return add_code(out, n, max, code_by_number(CODE_WINSOCK, v));
	if (v >= 100 && v <= 599) {
		n = add_code(out, n, max, code_by_number(CODE_SMTP, v));
		return add_code(out, n, max, code_by_number(CODE_FTP, v));
	}
	if (v >= 1 && v < 100)
		return add_code(out, n, max, code_by_number(CODE_CURL, v));
	return 0;
}

/* Everything TOKEN can mean, as typed on the command line. */
int code_lookup(const char *token, const struct code_def **out, int max)
{
	const struct code_def *c;
	size_t len = 0;
	char *end;
	long v;

	while (isspace((unsigned char)*token))
		token++;
	if (!*token || max <= 0)
		return 0;
	c = code_outlook_parse(token);
	if (c)
		return add_code(out, 0, max, c);
	c = code_by_symbol(token);
	if (c)
		return add_code(out, 0, max, c);
	c = code_enhanced_parse(token, &len);
	if (c && !token[len + strspn(token + len, " \t\r\n")])
		return add_code(out, 0, max, c);
	if (!isdigit((unsigned char)*token))
		return 0;
	errno = 0;
	v = strtol(token, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || errno)
		return 0;
	return lookup_decimal(v, out, max);
}

/* Outlook codes in hex, everything else in decimal; phrases by text. */
void code_format(const struct code_def *c, char *buf, unsigned size)
{
	if (c->family == CODE_OUTLOOK)
		snprintf(buf, size, "0x%08lX", (unsigned long)c->number);
	else if (c->family == CODE_ERRNO || c->family == CODE_PHRASE ||
		 c->family == CODE_ENHANCED)
		snprintf(buf, size, "%s", c->symbol ? c->symbol : "");
	else
		snprintf(buf, size, "%ld", c->number);
}
