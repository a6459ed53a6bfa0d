/* parse_hosts.c — the server a free-text message names: the first host name
 * or IPv4 address ("smtp.example.com", "Connecting to 192.0.2.1:21"), a
 * port glued to it or written as "port 25", and FileZilla's PASV address. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain_parse.h"
#include "explain_text.h"
#include "util.h"

/* Characters of a host-name-like word. */
static bool host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-';
}

/* File names look like host names; these endings are not top-level
 * domains anyone pastes as a server. */
static bool file_ending(const char *tld, size_t len)
{
	static const char *const ends[] = {
		"h", "c", "pas", "txt", "exe", "dll", "log", "htm", "html",
		"php", "cpp", "cs", "py", "ini", "conf", "cfg", "xml", "json",
		"pdf", "doc", "docx", "zip", "png", "jpg", "gif", "eml", "msg",
		"pst", "ost", "sys", "aspx", NULL
	};
	int i;

	for (i = 0; ends[i]; i++)
		if (strlen(ends[i]) == len && strncasecmp(tld, ends[i], len) == 0)
			return true;
	return false;
}

/* Four numbers 0..255 separated by dots. */
static bool is_ipv4(const char *w, size_t len)
{
	char buf[16];
	int a, b, c, d, n = 0;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, w, len);
	buf[len] = '\0';
	if (sscanf(buf, "%3d.%3d.%3d.%3d%n", &a, &b, &c, &d, &n) != 4 ||
	    (size_t)n != len)
		return false;
	return a <= 255 && b <= 255 && c <= 255 && d <= 255;
}

/* A DNS name with two or more labels and an alphabetic top label. */
static bool is_hostname(const char *w, size_t len)
{
	const char *dot = NULL, *p;
	size_t i, tld;

	if (len < 4 || len > 253 || w[0] == '.' || w[0] == '-' ||
	    (w[0] == '0' && (w[1] | 32) == 'x'))
		return false;
	for (p = w; p < w + len; p++)
		if (*p == '.') {
			if (p[1] == '.' || p[-1] == '-')
				return false;
			dot = p;
		}
	if (!dot)
		return false;
	tld = (size_t)(w + len - dot - 1);
	for (i = 1; i <= tld; i++)
		if (!isalpha((unsigned char)dot[i]))
			return false;
	return tld >= 2 && !file_ending(dot + 1, tld);
}

/* Words of program text that look like host names: a call
 * ("smtplib.SMTP("), an exception name before its message
 * ("smtplib.SMTPServerDisconnected: ..."), a qualified name of a
 * library ("System.Net.Mail", "self.connect"), a top label in
 * camelCase ("SmtpException").  Pasted tracebacks are full of them. */
static bool code_word(const char *w, size_t len)
{
	static const char *const libs[] = {
		"smtplib.", "ftplib.", "socket.", "ssl.", "self.", "os.",
		"sys.", "asyncio.", "email.", "java.", "javax.", "System.",
		"Microsoft.", "org.", "com.sun.", "net.ftp.", "nodemailer.",
		NULL
	};
	const char *end = w + len, *dot = w + len;
	int i;

	if (*end == '(' || (*end == ':' && end[1] == ' '))
		return true;
	for (i = 0; libs[i]; i++)
		if (len > strlen(libs[i]) && !strncmp(w, libs[i], strlen(libs[i])))
			return true;
	while (dot > w && dot[-1] != '.')
		dot--;
	/* camelCase in the top label: a class name, not a domain
	 * ("Com" or "COM" in a typed name stay a domain). */
	for (; dot + 1 < end; dot++)
		if (islower((unsigned char)dot[0]) &&
		    isupper((unsigned char)dot[1]))
			return true;
	return false;
}

/* A server's refusal quoting the client: "<NAME>: Helo command rejected"
 * (Postfix), "<unknown[ADDR]>: Client host rejected"; END is just after
 * the name.  The name is the client's, not the server's. */
static bool names_client(const char *end)
{
	static const char *const tails[] = {
		"Helo command rejected", "Client host rejected", NULL
	};
	int i, k;

	for (k = 0; k < 4 && (end[k] == ']' || end[k] == '>' ||
			      end[k] == ':' || end[k] == ' '); k++)
		;
	for (i = 0; tails[i]; i++)
		if (text_find_ci(end + k, tails[i]) == end + k)
			return true;
	return false;
}

/* Remember the first host and the port glued to it ("host:21"). */
static void take_host(const char *w, size_t len, struct explain_msg *m)
{
	long port;
	const char *end = w + len;

	if (!m->server[0] && !m->server_given)
		sanitize(w, len, m->server, sizeof(m->server), false);
	if (*end == ':' && !m->port && text_read_int(end + 1, &port) &&
	    isdigit((unsigned char)end[1]) && port > 0 && port < 65536)
		m->port = (int)port;
	/* A call's next argument: smtplib.SMTP('host', 587). */
	if ((*end == '\'' || *end == '"') && end[1] == ',' && !m->port) {
		for (end += 2; *end == ' '; end++)
			;
		if (isdigit((unsigned char)*end) && text_read_int(end, &port) &&
		    port > 0 && port < 65536)
			m->port = (int)port;
	}
}

/* "port 25" / "порт 25" in prose. */
static void scan_port_words(const char *text, struct explain_msg *m)
{
	static const char *const words[] = { "port ", "порт ", "Порт ",
					     NULL };
	const char *p;
	size_t len = 0;
	long v;

	if (m->port)
		return;
	p = text_find_any(text, words, &len);
	if (p && text_read_int(p + len, &v) && v > 0 && v < 65536)
		m->port = (int)v;
}

/* See parse.h. */
bool parse_scan_hosts(const char *text, struct explain_msg *m)
{
	const char *p = text, *w;
	size_t len;

	while (*p) {
		if (!host_char(*p)) {
			p++;
			continue;
		}
		for (w = p; host_char(*p); p++)
			;
		len = (size_t)(p - w);
		while (len && (w[len - 1] == '.' || w[len - 1] == '-'))
			len--;
		if (w > text && (w[-1] == '@' || w[-1] == '_' ))
			continue;
		if (names_client(w + len) && !m->client_name[0])
			sanitize(w, len, m->client_name,
				 sizeof(m->client_name), false);
		else if (is_ipv4(w, len) ||
			 (is_hostname(w, len) && !code_word(w, len)))
			take_host(w, len, m);
	}
	scan_port_words(text, m);
	return m->server[0] || m->port;
}
