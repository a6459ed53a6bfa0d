/* target.c — parse a target the way a user pastes it, and note every
 * correction made so the report can say "your server field had a leading
 * space; without it the server answers". */
#include "config.h"

#include "target.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <idn2.h>

#include "i18n.h"
#include "util.h"

const char *proto_name(enum proto p)
{
	static const char *const names[] = { "unknown", "smtp", "ftp", "pop3",
					     "imap", "tcp" };

	return (unsigned)p < ARRAY_SIZE(names) ? names[p] : "unknown";
}

bool proto_is_mailrecv(enum proto p)
{
	return p == PROTO_POP3 || p == PROTO_IMAP;
}

const char *tls_mode_name(enum tls_mode m)
{
	static const char *const names[] = { "auto", "none", "starttls",
					     "implicit" };

	return names[m];
}

int proto_default_port(enum proto p, enum tls_mode m)
{
	if (p == PROTO_TCP)
		return 0; /* no default: tcp:// needs a port */
	if (p == PROTO_FTP)
		return m == TLS_IMPLICIT ? 990 : 21;
	if (p == PROTO_POP3) /* RFC 1939, RFC 8314 3.3 */
		return m == TLS_IMPLICIT ? 995 : 110;
	if (p == PROTO_IMAP) /* RFC 9051, RFC 8314 3.3 */
		return m == TLS_IMPLICIT ? 993 : 143;
	return m == TLS_IMPLICIT ? 465 : 25;
}

/* Remember a correction of KIND; BEFORE is the piece that was wrong. */
static void add_fix(struct target *t, const char *kind, const char *before,
		    size_t len)
{
	struct target_fix *f;

	if (t->nfixes >= TARGET_MAX_FIXES)
		return;
	f = &t->fixes[t->nfixes++];
	f->kind = kind;
	sanitize(before, len, f->before, sizeof(f->before), false);
}

/* Remove every pasted quote mark (typographic or ASCII) from S in place;
 * true if there was one.  Mail clients show the server as 'name'. */
static bool strip_quotes(char *s)
{
	static const char *const quotes[] = { "\xE2\x80\x98", "\xE2\x80\x99",
					      "\xE2\x80\x9C", "\xE2\x80\x9D",
					      "\xC2\xAB", "\xC2\xBB", "'", "\"",
					      "`" };
	bool found = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(quotes); i++) {
		size_t q = strlen(quotes[i]);
		char *at;

		while ((at = strstr(s, quotes[i]))) {
			memmove(at, at + q, strlen(at + q) + 1);
			found = true;
		}
	}
	return found;
}

/* Strip white space and quotes around S in place, noting each fix. */
static char *trim(struct target *t, char *s)
{
	size_t len = strlen(s);

	if (len && isspace((unsigned char)s[0]))
		add_fix(t, "leading_space", s, len);
	if (len && isspace((unsigned char)s[len - 1]))
		add_fix(t, "trailing_space", s, len);
	if (strpbrk(s, "'\"`\xC2\xE2")) {
		char before[128];

		str_copy(before, s, sizeof(before));
		if (strip_quotes(s))
			add_fix(t, "illegal_chars", before, strlen(before));
	}
	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

/* Scheme of S ("smtp" from "smtp://"); sets proto/tls.  Returns the rest. */
static char *take_scheme(struct target *t, char *s, bool *known)
{
	static const struct {
		const char *scheme;
		enum proto proto;
		enum tls_mode tls;
	} schemes[] = {
		{ "smtp://", PROTO_SMTP, TLS_AUTO },
		{ "smtps://", PROTO_SMTP, TLS_IMPLICIT },
		{ "ftp://", PROTO_FTP, TLS_AUTO },
		{ "ftps://", PROTO_FTP, TLS_IMPLICIT },
		{ "ftpes://", PROTO_FTP, TLS_STARTTLS },
		{ "submission://", PROTO_SMTP, TLS_STARTTLS },
		{ "tcp://", PROTO_TCP, TLS_AUTO },
		{ "pop3://", PROTO_POP3, TLS_AUTO },
		{ "pop3s://", PROTO_POP3, TLS_IMPLICIT },
		{ "pop://", PROTO_POP3, TLS_AUTO },
		{ "pops://", PROTO_POP3, TLS_IMPLICIT },
		{ "imap://", PROTO_IMAP, TLS_AUTO },
		{ "imaps://", PROTO_IMAP, TLS_IMPLICIT },
	};
	char *sep = strstr(s, "://");
	size_t i;

	*known = false;
	for (i = 0; i < ARRAY_SIZE(schemes); i++)
		if (str_startswith_ci(s, schemes[i].scheme)) {
			t->proto = schemes[i].proto;
			t->tls = schemes[i].tls;
			*known = true;
			return s + strlen(schemes[i].scheme);
		}
	if (str_startswith_ci(s, "http://") || str_startswith_ci(s, "https://")) {
		/* With --protocol the user said what to test: the web
		 * address pasted into the server field names the host
		 * (reported as url_pasted).  Without it, a web server is
		 * no target: a usage error. */
		if (t->proto == PROTO_UNKNOWN) {
			t->web_url = true;
			return s;
		}
		add_fix(t, "url_pasted", s, (size_t)(sep + 3 - s));
		return sep + 3;
	}
	if (sep) {
		/* file://, webmail:// pasted where a host belongs. */
		add_fix(t, "url_pasted", s, strlen(s));
		return sep + 3;
	}
	if (str_startswith_ci(s, "mailto:"))
		return s + 7;
	return s;
}

/* Cut a path or query after the host; a lone "/" is a trailing slash in
 * a bare server field, but a URL's empty path after a scheme (nothing
 * to correct). */
static void cut_path(struct target *t, char *s, bool had_scheme)
{
	char *p = strpbrk(s, "/?#");

	if (!p)
		return;
	if (!strcmp(p, "/")) {
		if (!had_scheme)
			add_fix(t, "trailing_slash", p, 1);
	} else if (!had_scheme || p[0] != '/' || p[1])
		add_fix(t, "url_pasted", p, strlen(p));
	*p = '\0';
}

/* Split "user@" off S.  Without a scheme, "user@domain" is a mail address. */
static char *take_user(struct target *t, char *s, bool had_scheme)
{
	char *at = strrchr(s, '@');

	if (!at)
		return s;
	if (!had_scheme && t->proto != PROTO_FTP) {
		str_copy(t->email, s, sizeof(t->email));
		t->is_email = true;
		if (t->proto == PROTO_UNKNOWN)
			t->proto = PROTO_SMTP;
	} else {
		*at = '\0';
		str_copy(t->user, s, sizeof(t->user));
	}
	return at + 1;
}

/* Parse "[v6]:port", "host:port" or "host" in S.  Returns -1 on a bad
 * port number, -2 when the brackets hold no IPv6 literal; *PORT stays 0
 * when none was glued on. */
static int take_port(struct target *t, char *s, char **host, int *port)
{
	char *colon, *end;
	long v;

	*port = 0;
	*host = s;
	if (s[0] == '[') {
		char *close = strchr(s, ']');
		struct sockaddr_storage ss;

		if (!close)
			return -1;
		*close = '\0';
		*host = s + 1;
		/* Brackets hold an IPv6 literal and nothing else (RFC 3986
		 * 3.2.2): "[zz]" is no host named zz. */
		if (!strchr(*host, ':') || !addr_parse(*host, 0, &ss))
			return -2;
		if (close[1] && close[1] != ':')
			return -1;
		colon = close[1] == ':' ? close + 1 : NULL;
	} else {
		struct sockaddr_storage ss;

		colon = strchr(s, ':');
		if (colon && strchr(colon + 1, ':'))
			/* a bare IPv6 literal, or two ports (host:2525:25) */
			return addr_parse(s, 0, &ss) ? 0 : -3;
	}
	if (!colon)
		return 0;
	*colon = '\0';
	v = strtol(colon + 1, &end, 10);
	if (end == colon + 1 || *end || v < 1 || v > 65535)
		return -1;
	*port = (int)v;
	(void)t;
	return 0;
}

/* True for the characters people type between a host and a port when
 * they do not know it is a colon ("mail.test, 38025", "mail.test;25"). */
static bool port_sep(char c)
{
	return c == ',' || c == ';' || c == ' ' || c == '\t';
}

/* "host, 38025" / "host;38025" / "host 38025": a port after a comma,
 * semicolon or space becomes "host:38025" (fix "port_separator"), so it
 * is not glued into the host by clean_host.  Returns -1 with ERR naming
 * both parts when the number is no port; 0 otherwise. */
static int split_port_sep(struct target *t, char *s, char *err, size_t errlen)
{
	size_t len = strlen(s), d = len, b;
	long v;

	if (strchr(s, ':') || strchr(s, '['))
		return 0;
	while (d > 0 && isdigit((unsigned char)s[d - 1]))
		d--;
	b = d;
	while (b > 0 && port_sep(s[b - 1]))
		b--;
	if (d == len || b == d || b == 0)
		return 0;
	v = len - d <= 5 ? strtol(s + d, NULL, 10) : 0;
	if (v < 1 || v > 65535) {
		str_printf(err, errlen, _("the server field holds the host '%.*s' "
			   "and '%s' after a '%c': a port is a number from 1 "
			   "to 65535, given as HOST:PORT or with --port"),
			   (int)b, s, s + d, s[b]);
		return -1;
	}
	add_fix(t, "port_separator", s + b, len - b);
	s[b] = ':';
	memmove(s + b + 1, s + d, len - d + 1);
	return 0;
}

/* True for characters a host name or address literal may hold. */
static bool host_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-' || c == ':' || c >= 0x80;
}

/* Drop trailing dots and characters no host name can hold. */
static void clean_host(struct target *t, char *h)
{
	size_t len = strlen(h), i, o = 0;
	bool bad = false;

	for (i = 0; i < len; i++)
		bad |= !host_char((unsigned char)h[i]) && h[i] != '_';
	if (bad) {
		add_fix(t, "illegal_chars", h, len);
		for (i = 0; i < len; i++)
			if (host_char((unsigned char)h[i]) || h[i] == '_')
				h[o++] = h[i];
		h[o] = '\0';
		len = o;
	}
	if (len > 1 && h[len - 1] == '.') {
		add_fix(t, "trailing_dot", h, len);
		while (len > 1 && h[len - 1] == '.')
			h[--len] = '\0';
	}
}

/* Guess the protocol from the host's first label ("ftp.", "smtp."). */
static enum proto guess_from_name(const char *host)
{
	static const char *const smtp[] = { "smtp.", "mail.", "mx.", "relay.",
					    "submission.", "outgoing." };
	size_t i;

	if (str_startswith_ci(host, "ftp.") || str_startswith_ci(host, "ftps."))
		return PROTO_FTP;
	if (str_startswith_ci(host, "pop.") || str_startswith_ci(host, "pop3."))
		return PROTO_POP3;
	if (str_startswith_ci(host, "imap."))
		return PROTO_IMAP;
	for (i = 0; i < ARRAY_SIZE(smtp); i++)
		if (str_startswith_ci(host, smtp[i]))
			return PROTO_SMTP;
	return PROTO_UNKNOWN;
}

/* Guess the protocol from a well-known port. */
static enum proto guess_proto(int port)
{
	switch (port) {
	case 21: case 990: case 2121:
		return PROTO_FTP;
	case 25: case 465: case 587: case 2525:
		return PROTO_SMTP;
	case 110: case 995:
		return PROTO_POP3;
	case 143: case 993:
		return PROTO_IMAP;
	default:
		return PROTO_UNKNOWN;
	}
}

/* Apply --protocol/--port/--tls and defaults once the input is split. */
static int settle(struct target *t, enum proto proto, int port,
		  enum tls_mode tls, int glued_port, char *err, size_t errlen)
{
	if (proto != PROTO_UNKNOWN)
		t->proto = proto;
	if (tls != TLS_AUTO)
		t->tls = tls;
	t->port = port ? port : glued_port;
	if (port && glued_port && glued_port != port)
		add_fix(t, "port_glued", "", 0);
	t->port_given = t->port != 0;
	if (t->proto == PROTO_UNKNOWN)
		t->proto = guess_proto(t->port);
	if (t->proto == PROTO_UNKNOWN)
		t->proto = guess_from_name(t->host);
	if (t->proto == PROTO_UNKNOWN) {
		str_copy(err, _("cannot tell the protocol: use smtp://, "
				"ftp://, pop3://, imap:// or tcp://, or "
				"--protocol smtp|ftp|pop3|imap|tcp"), errlen);
		return -1;
	}
	if (t->proto == PROTO_TCP && !t->port) {
		str_copy(err, _("a tcp:// target needs a port: tcp://host:port "
				"or --port N"), errlen);
		return -1;
	}
	if (!t->port)
		t->port = proto_default_port(t->proto, t->tls);
	return 0;
}

/* Schemes sockdoc knows, for the messages below. */
static const char *const known_schemes[] = { "smtp", "smtps", "submission",
	"ftp", "ftps", "ftpes", "pop3", "pop3s", "pop", "pops", "imap",
	"imaps", "tcp" };

/* A known scheme with its slashes mistyped ("smtp:/host", "ftp:host"):
 * an error that suggests the URL meant.  Returns -1 with ERR set, or 0. */
static int mistyped_scheme(const char *s, char *err, size_t errlen)
{
	const char *rest;
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(known_schemes); i++) {
		n = strlen(known_schemes[i]);
		if (strncasecmp(s, known_schemes[i], n) || s[n] != ':')
			continue;
		rest = s + n + 1;
		if (!strncmp(rest, "//", 2) || isdigit((unsigned char)*rest))
			return 0; /* a URL, or a host named "smtp" with a port */
		while (*rest == '/' || *rest == '\\')
			rest++;
		str_printf(err, errlen, _("not a URL: did you mean "
			   "'%s://%s'?"), known_schemes[i], rest);
		return -1;
	}
	return 0;
}

/* A scheme sockdoc does not test ("http://", "sftp://", "smtp+tls://"):
 * an error naming the ones it does.  Returns -1 with ERR set, or 0 (no
 * scheme, or a known one). */
static int other_scheme(const char *s, char *err, size_t errlen)
{
	const char *sep = strstr(s, "://"), *space = strpbrk(s, " \t");
	size_t i, n;

	if (!sep || sep == s || (space && space < sep))
		return 0;
	n = (size_t)(sep - s);
	for (i = 0; i < ARRAY_SIZE(known_schemes); i++)
		if (strlen(known_schemes[i]) == n &&
		    !strncasecmp(s, known_schemes[i], n))
			return 0;
	if ((n == 4 && !strncasecmp(s, "http", 4)) ||
	    (n == 5 && !strncasecmp(s, "https", 5)))
		return 0; /* a web address pasted: input.host_malformed */
	str_printf(err, errlen, _("sockdoc tests SMTP (smtp://, smtps://, "
		   "submission://), FTP (ftp://, ftps://, ftpes://), POP3 "
		   "(pop3://, pop3s://), IMAP (imap://, imaps://) and any TCP "
		   "port (tcp://), not %.*s://"), (int)n, s);
	return -1;
}

/* Where the password of "scheme://user:password@host" starts in S and
 * how long it is (RFC 3986 userinfo); false when S carries none. */
static bool find_password(const char *s, size_t *at, size_t *len)
{
	const char *start = strstr(s, "://"), *end, *colon;

	start = start ? start + 3 : s;
	end = start + strcspn(start, "/?#");
	while (end > start && end[-1] != '@')
		end--;
	if (end == start)
		return false; /* no '@' before the path: no userinfo */
	colon = memchr(start, ':', (size_t)(end - 1 - start));
	if (!colon)
		return false;
	*at = (size_t)(colon + 1 - s);
	*len = (size_t)(end - 1 - (colon + 1));
	return true;
}

/* Copy INPUT for display into T->input with any password replaced by
 * "***"; true when INPUT carried a password. */
static bool redact_input(struct target *t, const char *input)
{
	char shown[512 + 4];
	size_t at, len, n = strlen(input);

	if (!find_password(input, &at, &len)) {
		sanitize(input, n, t->input, sizeof(t->input), false);
		return false;
	}
	if (at > sizeof(t->input))
		at = sizeof(t->input); /* the display is cut there anyway */
	memcpy(shown, input, at);
	str_printf(shown + at, sizeof(shown) - at, "***%s", input + at + len);
	sanitize(shown, strlen(shown), t->input, sizeof(t->input), false);
	explicit_bzero(shown, sizeof(shown));
	return true;
}

/* A host name with non-ASCII characters: valid UTF-8 is converted to its
 * IDNA2008 A-label (RFC 5891, libidn2, with UTS #46 mapping of case and
 * width) into T->host, the U-label kept in T->host_unicode.  Returns 0,
 * or -1 with a message in ERR (nothing is sent for such a name). */
static int take_idn(struct target *t, const char *host, char *err,
		    size_t errlen)
{
	const unsigned char *p = (const unsigned char *)host;
	char *ascii = NULL;
	int rc;

	while (*p && *p < 0x80)
		p++;
	if (!*p)
		return 0;
	if (!utf8_valid(host, strlen(host))) {
		str_copy(err, _("the host name is not valid UTF-8 text (a "
				"wrong character set in the terminal or the "
				"pasted text?)"), errlen);
		return -1;
	}
	rc = idn2_to_ascii_8z(host, &ascii, IDN2_NFC_INPUT |
			      IDN2_NONTRANSITIONAL | IDN2_USE_STD3_ASCII_RULES);
	/* UTS #46 maps some characters to nothing (U+00AD, U+2000 became
	 * ""): a name with an empty label is no name (fuzz_target found). */
	if (rc != IDN2_OK || strlen(ascii) >= sizeof(t->host) || !ascii[0] ||
	    ascii[0] == '.' || strstr(ascii, "..")) {
		str_printf(err, errlen, _("the host name is not a valid "
			   "international domain name (%s)"),
			   rc != IDN2_OK ? idn2_strerror(rc) :
			   strlen(ascii) >= sizeof(t->host) ? _("too long") :
			   _("a label is empty once IDNA has mapped it"));
		idn2_free(ascii);
		return -1;
	}
	str_copy(t->host, ascii, sizeof(t->host));
	idn2_free(ascii);
	/* The U-label of the A-label: the name as DNS will know it (lower
	 * case, NFC), not merely as typed. */
	if (idn2_to_unicode_8z8z(t->host, &ascii, 0) == IDN2_OK) {
		str_copy(t->host_unicode, ascii, sizeof(t->host_unicode));
		idn2_free(ascii);
	} else {
		str_copy(t->host_unicode, host, sizeof(t->host_unicode));
	}
	return 0;
}

int target_parse(const char *input, enum proto proto, int port,
		 enum tls_mode tls, struct target *t, char *err, size_t errlen)
{
	char buf[512], *s, *host;
	bool had_scheme;
	int glued = 0;
	struct sockaddr_storage ss;

	memset(t, 0, sizeof(*t));
	t->proto = proto;
	if (redact_input(t, input)) {
		/* Never sent, never shown: argv is readable by every user. */
		str_copy(err, _("a password in the target is visible to every "
				"user of this machine; give only the user name "
				"and put the password in SOCKDOC_PASSWORD, "
				"--password-file or ~/.netrc"), errlen);
		return -1;
	}
	if (strlen(input) >= sizeof(buf)) {
		str_copy(err, _("the target is too long"), errlen);
		return -1;
	}
	str_copy(buf, input, sizeof(buf));
	s = trim(t, buf);
	if (mistyped_scheme(s, err, errlen) || other_scheme(s, err, errlen))
		return -1;
	s = take_scheme(t, s, &had_scheme);
	if (t->web_url) {
		str_copy(err, _("web addresses (http://, https://) are not "
				"diagnosed: give a mail target (smtp://, "
				"smtps://, submission://, pop3[s]://, "
				"imap[s]://), an FTP one (ftp://, ftps://, "
				"ftpes://) or tcp://HOST:PORT"), errlen);
		return -1;
	}
	cut_path(t, s, had_scheme);
	s = take_user(t, s, had_scheme);
	if (split_port_sep(t, s, err, errlen) < 0)
		return -1;
	switch (take_port(t, s, &host, &glued)) {
	case -1:
		str_copy(err, _("the port in the target is not a number "
				"from 1 to 65535"), errlen);
		return -1;
	case -2:
		str_copy(err, _("square brackets in the target must hold an "
				"IPv6 address, like [2001:db8::1]"), errlen);
		return -1;
	case -3:
		str_copy(err, _("the target has more than one port: give one, "
				"like mail.example.com:587 (an IPv6 address "
				"goes in brackets: [2001:db8::1]:587)"), errlen);
		return -1;
	}
	clean_host(t, host);
	if (!*host) {
		str_copy(err, _("the target has no host name"), errlen);
		return -1;
	}
	str_copy(t->host, host, sizeof(t->host));
	if (take_idn(t, host, err, errlen) < 0)
		return -1;
	t->host_is_ip = addr_parse(t->host, 0, &ss);
	return settle(t, proto, port, tls, glued, err, errlen);
}
