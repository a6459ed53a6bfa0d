/* reply.c — incremental, bounded parsing of SMTP/FTP replies and a sniffer
 * for what a server really speaks on a port. */
#include "config.h"

#include "reply.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void reply_parser_init(struct reply_parser *rp)
{
	memset(rp, 0, sizeof(*rp));
}

/* Code of a reply line "NNN" followed by ' ', '-' or end; -1 otherwise. */
static int line_code(const char *l, size_t len, char *sep)
{
	if (len < 3 || !isdigit((unsigned char)l[0]) ||
	    !isdigit((unsigned char)l[1]) || !isdigit((unsigned char)l[2]))
		return -1;
	if (l[0] < '1' || l[0] > '5')
		return -1;
	*sep = len > 3 ? l[3] : ' ';
	if (*sep != ' ' && *sep != '-')
		return -1;
	return (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
}

/* Add the text of line L to the reply in progress. */
static void add_text(struct reply *r, const char *l, size_t len)
{
	char clean[REPLY_TEXT_MAX];
	size_t used = strlen(r->text);

	if (r->nlines >= REPLY_MAX_LINES || used + 2 >= sizeof(r->text)) {
		r->truncated = true;
		return;
	}
	sanitize(l, len, clean, sizeof(clean), false);
	str_appendf(r->text, sizeof(r->text), "%s%s", used ? "\n" : "", clean);
	if (strlen(r->text) < used + strlen(clean))
		r->truncated = true;
}

/* Handle one complete line; returns DONE/MORE/BAD. */
static enum reply_status take_line(struct reply_parser *rp, struct reply *out)
{
	char sep = ' ';
	int code = line_code(rp->line, rp->len, &sep);

	if (rp->code == 0) {
		if (code < 0)
			return REPLY_BAD;
		memset(&rp->cur, 0, sizeof(rp->cur));
		rp->cur.code = code;
		rp->code = code;
	}
	rp->cur.nlines++;
	rp->cur.bytes += rp->len + 2;
	rp->cur.truncated |= rp->overlong;
	/* Continuation lines of a multi-line reply may be free text; only
	 * "NNN " with the same code ends it (RFC 959 4.2). */
	if (code == rp->code) {
		size_t skip = rp->len > 4 ? 4 : rp->len;

		add_text(&rp->cur, rp->line + skip, rp->len - skip);
	} else {
		add_text(&rp->cur, rp->line, rp->len);
	}
	if (code == rp->code && sep == ' ') {
		*out = rp->cur;
		rp->code = 0;
		return REPLY_DONE;
	}
	if (rp->cur.nlines >= REPLY_ENDLESS_LINES ||
	    rp->cur.bytes >= REPLY_ENDLESS_BYTES) {
		*out = rp->cur;
		return REPLY_ENDLESS;
	}
	return REPLY_MORE;
}

enum reply_status reply_feed(struct reply_parser *rp, const char *buf,
			     size_t len, size_t *used, struct reply *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = buf[i];

		rp->total++;
		if (c == '\n') {
			enum reply_status st;

			if (rp->len && rp->line[rp->len - 1] == '\r')
				rp->len--;
			rp->line[rp->len] = '\0';
			st = take_line(rp, out);
			rp->len = 0;
			rp->overlong = false;
			if (st != REPLY_MORE) {
				*used = i + 1;
				return st;
			}
		} else if (rp->len < REPLY_LINE_MAX) {
			rp->line[rp->len++] = c;
		} else {
			rp->overlong = true;
		}
	}
	*used = len;
	return REPLY_MORE;
}

void reply_feed_stream(struct reply_parser *rp, const char *buf, size_t len,
		       reply_each_fn fn, void *arg)
{
	struct reply r;
	size_t used;

	while (len > 0) {
		enum reply_status st = reply_feed(rp, buf, len, &used, &r);

		if (st == REPLY_BAD)
			reply_parser_init(rp);
		else if (st != REPLY_MORE && !fn(arg, st, &r))
			return;
		if (used == 0 || used > len)
			break;
		buf += used;
		len -= used;
	}
}

/* An HTML page (an HTTP/0.9-style answer to a bare line) starts "<". */
static bool looks_like_html(const unsigned char *b, size_t len)
{
	static const char *const marks[] = { "<!doctype html", "<html",
					     "<head", "<body" };
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (len >= strlen(marks[i]) &&
		    !strncasecmp((const char *)b, marks[i], strlen(marks[i])))
			return true;
	return false;
}

enum sniff reply_sniff(const unsigned char *b, size_t len)
{
	size_t i, ctl = 0;
	char sep;

	if (!len)
		return SNIFF_EMPTY;
	if (len >= 2 && (b[0] == 0x16 || b[0] == 0x15) && b[1] == 0x03)
		return SNIFF_TLS;
	if (len >= 5 && !memcmp(b, "HTTP/", 5))
		return SNIFF_HTTP;
	if (looks_like_html(b, len))
		return SNIFF_HTTP;
	if (len >= 4 && !memcmp(b, "SSH-", 4))
		return SNIFF_SSH;
	if (len >= 3 && !memcmp(b, "+OK", 3))
		return SNIFF_POP3;
	if (len >= 4 && !memcmp(b, "* OK", 4))
		return SNIFF_IMAP;
	if (line_code((const char *)b, len, &sep) >= 0)
		return SNIFF_REPLY;
	for (i = 0; i < len && i < 256; i++)
		if ((b[i] < 0x20 && b[i] != '\r' && b[i] != '\n' &&
		     b[i] != '\t') || b[i] == 0x7F)
			ctl++;
	return ctl ? SNIFF_BINARY : SNIFF_TEXT;
}

const char *reply_mail_greeting(const char *l, bool imap, const char **rest)
{
	static const char *const pop3[] = { "+OK", "-ERR" };
	static const char *const imap4[] = { "OK", "PREAUTH", "BYE" };
	const char *const *words = imap ? imap4 : pop3;
	size_t i, n = imap ? ARRAY_SIZE(imap4) : ARRAY_SIZE(pop3), w;

	if (imap) {
		if (strncmp(l, "* ", 2))
			return NULL;
		l += 2;
	}
	for (i = 0; i < n; i++) {
		w = strlen(words[i]);
		if (!strncasecmp(l, words[i], w) && (!l[w] || l[w] == ' ')) {
			for (l += w; *l == ' '; l++)
				;
			*rest = l;
			return words[i];
		}
	}
	return NULL;
}

const char *sniff_name(enum sniff s)
{
	static const char *const names[] = { "empty", "reply", "http", "ssh",
					     "tls", "pop3", "imap", "binary",
					     "text" };

	return names[s];
}

enum sniff sniff_by_name(const char *token)
{
	int s;

	for (s = SNIFF_EMPTY; token && s <= SNIFF_TEXT; s++)
		if (!strcmp(token, sniff_name((enum sniff)s)))
			return (enum sniff)s;
	return SNIFF_EMPTY;
}

const char *sniff_protocol(enum sniff s)
{
	switch (s) {
	case SNIFF_HTTP:
		return "HTTP";
	case SNIFF_SSH:
		return "SSH";
	case SNIFF_POP3:
		return "POP3";
	case SNIFF_IMAP:
		return "IMAP";
	default:
		return NULL;
	}
}
