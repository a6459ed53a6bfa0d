/* util.h — small helpers shared by every part: bounded strings, making
 * hostile server text safe for a terminal, address formatting. */
#ifndef SOCKDOC_UTIL_H
#define SOCKDOC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Length of the first LEN bytes of S without a UTF-8 sequence cut short
 * at the end: the one place where every bounded copy of server or user
 * text finds a character boundary (RFC 3629).  Invalid bytes are left
 * for sanitize() to escape. */
size_t utf8_cut(const char *s, size_t len);
/* Copy SRC into DST of SIZE bytes, always terminated, cut on a character
 * boundary; returns strlen(src). */
size_t str_copy(char *dst, const char *src, size_t size);
/* The first blank-separated word of SRC into DST (SIZE bytes, cut on a
 * character boundary, like sscanf "%Ns" without its byte cut); returns
 * where SRC goes on after the word. */
const char *str_word(char *dst, size_t size, const char *src);
/* snprintf that never overflows, never ends in half a character, and
 * returns the length actually written. */
size_t str_printf(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The va_list form of str_printf. */
size_t str_vprintf(char *dst, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Append to DST (size SIZE) with printf formatting; stays terminated. */
size_t str_appendf(char *dst, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Case-insensitive prefix test. */
bool str_startswith_ci(const char *s, const char *prefix);

/* Make LEN bytes of untrusted IN printable into OUT (SIZE bytes): control
 * bytes, ESC sequences and invalid UTF-8 become \xNN, the C1 controls
 * (U+0080-U+009F) and bidi overrides (U+202A-U+202E, U+2066-U+2069) become
 * \uNNNN, CR/LF become "\r"/"\n"
 * text unless KEEP_NEWLINES, and an over-long result ends in "...".
 * Returns the number of input bytes consumed. */
size_t sanitize(const char *in, size_t len, char *out, size_t size,
		bool keep_newlines);

/* True when LEN bytes of S are valid UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* "192.0.2.1" or "2001:db8::1" for SA (no port). */
const char *addr_to_str(const struct sockaddr *sa, char *buf, size_t size);
/* "192.0.2.1:25" or "[2001:db8::1]:25". */
const char *addr_port_to_str(const struct sockaddr *sa, char *buf,
			     size_t size);
/* Port number of SA (host order), 0 for unknown families. */
int addr_port(const struct sockaddr *sa);
/* Set the port of SA. */
void addr_set_port(struct sockaddr *sa, int port);
/* Length of the sockaddr for its family. */
socklen_t addr_len(const struct sockaddr *sa);
/* Parse a numeric IPv4/IPv6 literal (no brackets) into SS with PORT. */
bool addr_parse(const char *s, int port, struct sockaddr_storage *ss);

/* Symbolic name of an errno value ("ECONNRESET"); "E?" when unknown. */
const char *errno_name(int err);

/* Wall-clock time as "2026-11-22T14:47:00Z". */
void iso_time_now(char *buf, size_t size);

/* Parse "700K", "8M", "1G", "1234" into bytes; false on junk. */
bool parse_size(const char *s, long long *out);

#endif
