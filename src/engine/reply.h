/* reply.h — SMTP (RFC 5321 4.2) and FTP (RFC 959 4.2) replies: a bounded,
 * incremental parser for "NNN text" / "NNN-text" multi-line replies, and a
 * sniffer that tells which protocol a greeting really is. */
#ifndef SOCKDOC_REPLY_H
#define SOCKDOC_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#define REPLY_TEXT_MAX 1024   /* kept text of one reply (sanitized) */
#define REPLY_LINE_MAX 2048   /* longest line accepted before "huge line" */
#define REPLY_MAX_LINES 64    /* lines of one multi-line reply */
/* A reply longer than this never ends in practice (an FTP welcome is a
 * few dozen lines): REPLY_ENDLESS instead of reading on to the timeout. */
#define REPLY_ENDLESS_LINES 1000
#define REPLY_ENDLESS_BYTES (256 * 1024)

/* A complete reply. */
struct reply {
	int code;                    /* 100..599 */
	char text[REPLY_TEXT_MAX];   /* lines joined by '\n', sanitized */
	int nlines;                  /* lines seen */
	bool truncated;              /* text or a line was cut */
	size_t bytes;                /* bytes of its lines so far (CRLF too) */
};

/* Parser state between reads. */
struct reply_parser {
	char line[REPLY_LINE_MAX + 1]; /* the line being assembled */
	size_t len;                    /* bytes in line */
	bool overlong;                 /* current line exceeded REPLY_LINE_MAX */
	int code;                      /* code of the reply in progress, 0 none */
	struct reply cur;              /* the reply in progress */
	size_t total;                  /* bytes fed so far */
};

/* Result of feeding bytes. */
enum reply_status {
	REPLY_MORE = 0,   /* need more bytes */
	REPLY_DONE = 1,   /* *out holds a complete reply */
	REPLY_BAD = -1,   /* a line that is not a reply line */
	REPLY_ENDLESS = -2 /* a multi-line reply past REPLY_ENDLESS_LINES or
			      _BYTES; *out holds it so far (code, nlines,
			      bytes); init the parser before reusing it */
};

void reply_parser_init(struct reply_parser *rp);
/* Feed up to LEN bytes; stops after one complete reply (REPLY_DONE) and
 * sets *USED to the bytes consumed so the caller can feed the rest again. */
enum reply_status reply_feed(struct reply_parser *rp, const char *buf,
			     size_t len, size_t *used, struct reply *out);

/* Told by reply_feed_stream() of a complete reply (ST REPLY_DONE) or of
 * one that never ends (REPLY_ENDLESS: R holds it so far); returns false
 * to drop the rest of the bytes. */
typedef bool (*reply_each_fn)(void *arg, enum reply_status st,
			      const struct reply *r);
/* Feed all LEN bytes of BUF to RP for a reader that follows a dialogue
 * another drives (libcurl's debug callback, a socket read before libcurl
 * closes it): FN is told of each reply in order; a line that is no reply
 * line (REPLY_BAD) is dropped and the parser starts afresh. */
void reply_feed_stream(struct reply_parser *rp, const char *buf, size_t len,
		       reply_each_fn fn, void *arg);

/* What the first bytes from a server look like. */
enum sniff {
	SNIFF_EMPTY = 0,  /* nothing yet */
	SNIFF_REPLY,      /* "NNN " or "NNN-": SMTP/FTP style */
	SNIFF_HTTP,       /* "HTTP/" */
	SNIFF_SSH,        /* "SSH-" */
	SNIFF_TLS,        /* a TLS record (0x16 0x03 ...) or alert (0x15 0x03) */
	SNIFF_POP3,       /* "+OK" */
	SNIFF_IMAP,       /* "* OK" */
	SNIFF_BINARY,     /* control bytes / not text */
	SNIFF_TEXT        /* text, but no known protocol */
};

/* Classify the first LEN bytes a server sent. */
enum sniff reply_sniff(const unsigned char *buf, size_t len);
/* The status of a POP3 greeting line L ("+OK", "-ERR"; RFC 1939 4) or,
 * when IMAP, of an IMAP one ("OK", "PREAUTH", "BYE" after "* "; RFC 9051
 * 7.1); NULL when L is no such greeting.  *REST is set to the text after
 * the status (blanks skipped). */
const char *reply_mail_greeting(const char *l, bool imap, const char **rest);
/* Token for a sniff result ("http", "tls"...). */
const char *sniff_name(enum sniff s);
/* The sniff result named TOKEN (sniff_name's inverse), SNIFF_EMPTY for
 * NULL or an unknown token. */
enum sniff sniff_by_name(const char *token);
/* The protocol S names, as people write it ("SSH", "HTTP", "POP3",
 * "IMAP"); NULL when S names none (a reply, a TLS record, text, binary
 * bytes or nothing): then the bytes say what they are not, not what
 * listens. */
const char *sniff_protocol(enum sniff s);

#endif
