/* parse.c — explain_parse(): a bare code, or a whole pasted message run
 * through each recogniser (Outlook fields, client phrases, codes, hosts),
 * then what follows from the pieces (protocol from the port, failure
 * replies as codes, a private PASV address). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain_parse.h"
#include "explain_text.h"
#include "util.h"

/* See parse.h. */
bool parse_add_code(struct explain_msg *m, const struct code_def *c)
{
	int i;

	if (!c || m->ncodes >= EXPLAIN_MAX_CODES)
		return false;
	for (i = 0; i < m->ncodes; i++)
		if (m->codes[i] == c)
			return false;
	m->codes[m->ncodes++] = c;
	return true;
}

/* See parse.h. */
void parse_add_reply(struct explain_msg *m, int code)
{
	int i;

	for (i = 0; i < m->nreplies; i++)
		if (m->replies[i] == code)
			return;
	if (m->nreplies < EXPLAIN_MAX_REPLIES)
		m->replies[m->nreplies++] = code;
}

/* Protocol from the text's words ("POP3", "IMAP", a pasted "-ERR",
 * Outlook's "Receiving reported error", "(SMTP)"), else from the
 * well-known port, when no field says it. */
static void guess_protocol(const char *text, struct explain_msg *m)
{
	int i;

	if (m->protocol[0])
		return;
	for (i = 0; i < m->ncodes; i++)
		if (m->codes[i]->family == CODE_ENHANCED) {
			/* RFC 3463 codes are SMTP's alone */
			str_copy(m->protocol, "smtp", sizeof(m->protocol));
			return;
		}
	if (text_find_ci(text, "500 OOPS") || text_find_ci(text, "vsftpd")) {
		str_copy(m->protocol, "ftp", sizeof(m->protocol));
		return;
	}
	if (text_find_ci(text, "POP3") || text_find_ci(text, "-ERR ") ||
	    text_find_ci(text, "Receiving reported error")) {
		str_copy(m->protocol, "pop3", sizeof(m->protocol));
		return;
	}
	if (text_find_ci(text, "IMAP") ||
	    text_find_ci(text, "AUTHENTICATIONFAILED")) {
		str_copy(m->protocol, "imap", sizeof(m->protocol));
		return;
	}
	if (text_find_ci(text, "SMTP")) {
		str_copy(m->protocol, "smtp", sizeof(m->protocol));
		return;
	}
	if (m->port == 25 || m->port == 465 || m->port == 587 ||
	    m->port == 2525)
		str_copy(m->protocol, "smtp", sizeof(m->protocol));
	else if (m->port == 21 || m->port == 990)
		str_copy(m->protocol, "ftp", sizeof(m->protocol));
	else if (m->port == 110 || m->port == 995)
		str_copy(m->protocol, "pop3", sizeof(m->protocol));
	else if (m->port == 143 || m->port == 993)
		str_copy(m->protocol, "imap", sizeof(m->protocol));
}

/* A receiving-mail code (Outlook's IXP_E_POP3_*, IXP_E_IMAP_*) says the
 * protocol when nothing else did: sockdoc does not test it. */
static void protocol_from_codes(struct explain_msg *m)
{
	int i;

	for (i = 0; i < m->ncodes && !m->protocol[0]; i++) {
		if (m->codes[i]->family != CODE_OUTLOOK || !m->codes[i]->symbol)
			continue;
		if (strstr(m->codes[i]->symbol, "_POP3_"))
			str_copy(m->protocol, "pop3", sizeof(m->protocol));
		else if (strstr(m->codes[i]->symbol, "_IMAP_"))
			str_copy(m->protocol, "imap", sizeof(m->protocol));
	}
}

/* Failure replies (4xx/5xx) become codes of the message's protocol (both
 * families when it is unknown); success replies are only context. */
static void replies_to_codes(struct explain_msg *m)
{
	bool ftp = strcmp(m->protocol, "ftp") == 0;
	bool smtp = strcmp(m->protocol, "smtp") == 0;
	int i;

	for (i = 0; i < m->nreplies; i++) {
		if (m->replies[i] < 400)
			continue;
		if (!ftp)
			parse_add_code(m, code_by_number(CODE_SMTP, m->replies[i]));
		if (!smtp)
			parse_add_code(m, code_by_number(CODE_FTP, m->replies[i]));
	}
}

/* Private, loopback, link-local or unspecified IPv4 (first octets). */
static bool private_v4(int a, int b)
{
	return a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 &&
	       b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254);
}

/* "227 Entering Passive Mode (10,0,0,5,195,80)": an address a client
 * outside the server's network cannot reach is a finding (227 as code). */
static void scan_pasv(const char *text, struct explain_msg *m)
{
	const char *p = text_find_ci(text, "Entering Passive Mode (");
	int h[6], s[4];

	if (!p || sscanf(p + 23, "%d,%d,%d,%d,%d,%d", &h[0], &h[1], &h[2],
			 &h[3], &h[4], &h[5]) != 6)
		return;
	snprintf(m->pasv_host, sizeof(m->pasv_host), "%d.%d.%d.%d",
		 h[0] & 255, h[1] & 255, h[2] & 255, h[3] & 255);
	if (sscanf(m->server, "%d.%d.%d.%d", &s[0], &s[1], &s[2], &s[3]) == 4
	    && private_v4(s[0], s[1]))
		return; /* a LAN server: its private PASV address is fine */
	if (private_v4(h[0], h[1]))
		parse_add_code(m, code_by_number(CODE_FTP, 227));
}

/* The whole input is one code token ("10054", "0x800CCC0E", "421"). */
static bool parse_bare_code(const char *text, struct explain_msg *m)
{
	const struct code_def *found[4];
	int i, n;

	n = code_lookup(text, found, 4);
	for (i = 0; i < n; i++)
		parse_add_code(m, found[i]);
	if (n == 1 && (found[0]->family == CODE_SMTP ||
		       found[0]->family == CODE_ENHANCED))
		str_copy(m->protocol, "smtp", sizeof(m->protocol));
	if (n == 1 && found[0]->family == CODE_FTP)
		str_copy(m->protocol, "ftp", sizeof(m->protocol));
	if (n == 1 && found[0]->family == CODE_OUTLOOK)
		str_copy(m->client, "outlook", sizeof(m->client));
	if (n == 1 && found[0]->family == CODE_OUTLOOK &&
	    code_outlook_protocol(found[0]->number))
		str_copy(m->protocol, code_outlook_protocol(found[0]->number),
			 sizeof(m->protocol));
	return n > 0;
}

/* Copy the input, NUL bytes turned into spaces, at most the bound. */
static char *copy_input(const char *text, size_t len)
{
	char *buf;
	size_t i;

	if (len > EXPLAIN_INPUT_MAX)
		len = EXPLAIN_INPUT_MAX;
	buf = malloc(len + 1);
	if (!buf)
		return NULL;
	for (i = 0; i < len; i++)
		buf[i] = text[i] ? text[i] : ' ';
	buf[len] = '\0';
	return buf;
}

/* See explain.h. */
bool explain_parse(const char *text, size_t len, struct explain_msg *m)
{
	char *buf;
	bool any;

	memset(m, 0, sizeof(*m));
	buf = copy_input(text, len);
	if (!buf)
		return false;
	any = parse_bare_code(buf, m);
	if (any)
		protocol_from_codes(m);
	if (!any) {
		any |= parse_outlook_fields(buf, m);
		any |= parse_phrases(buf, m);
		any |= parse_scan_codes(buf, m);
		any |= parse_system_phrases(buf, m);
		any |= parse_scan_hosts(buf, m);
		protocol_from_codes(m);
		guess_protocol(buf, m);
		replies_to_codes(m);
		scan_pasv(buf, m);
	}
	free(buf);
	return any;
}
