/* util.c — bounded strings, sanitizing hostile text, addresses. */
#include "config.h"

#include "util.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

size_t utf8_cut(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = len, need;

	/* Back over at most 3 continuation bytes to the sequence's lead. */
	while (k > 0 && len - k < 3 && (p[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0 || p[k - 1] < 0xC0)
		return len; /* ASCII, or stray continuation bytes: not ours */
	need = p[k - 1] >= 0xF0 ? 4 : p[k - 1] >= 0xE0 ? 3 : 2;
	return len - (k - 1) < need ? k - 1 : len;
}

size_t str_copy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		if (n < len)
			n = utf8_cut(dst, n); /* never half a character */
		dst[n] = '\0';
	}
	return len;
}

const char *str_word(char *dst, size_t size, const char *src)
{
	size_t n;

	while (*src == ' ' || *src == '\t' || *src == '\r' || *src == '\n')
		src++;
	n = strcspn(src, " \t\r\n");
	if (size) {
		size_t m = n < size - 1 ? n : size - 1;

		memcpy(dst, src, m);
		if (m < n)
			m = utf8_cut(dst, m);
		dst[m] = '\0';
	}
	return src + n;
}

size_t str_vprintf(char *dst, size_t size, const char *fmt, va_list ap)
{
	int n;

	if (!size)
		return 0;
	n = vsnprintf(dst, size, fmt, ap);
	if (n < 0) {
		dst[0] = '\0';
		return 0;
	}
	if ((size_t)n < size)
		return (size_t)n;
	n = (int)utf8_cut(dst, size - 1); /* cut: drop a partial character */
	dst[n] = '\0';
	return (size_t)n;
}

size_t str_printf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = str_vprintf(dst, size, fmt, ap);
	va_end(ap);
	return n;
}

size_t str_appendf(char *dst, size_t size, const char *fmt, ...)
{
	size_t used = strnlen(dst, size);
	va_list ap;

	if (used + 1 >= size)
		return used;
	va_start(ap, fmt);
	used += str_vprintf(dst + used, size - used, fmt, ap);
	va_end(ap);
	return used;
}

bool str_startswith_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Length of a valid UTF-8 sequence at P (at most LEN bytes), 0 if invalid.
 * Overlong forms, surrogates and code points above U+10FFFF are invalid
 * (RFC 3629): JSON libraries reject them, so they must become \xNN. */
static size_t utf8_len(const unsigned char *p, size_t len)
{
	size_t n, i;

	if (p[0] < 0xC2 || p[0] > 0xF4)
		return 0;
	n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
	    (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_len(p + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

/* Code point of the valid N-byte UTF-8 sequence at P. */
static unsigned utf8_cp(const unsigned char *p, size_t n)
{
	unsigned cp = n == 2 ? p[0] & 0x1F : n == 3 ? p[0] & 0x0F : p[0] & 0x07;
	size_t i;

	for (i = 1; i < n; i++)
		cp = (cp << 6) | (p[i] & 0x3F);
	return cp;
}

/* Characters that are valid UTF-8 yet steer a terminal or reorder text:
 * the C1 controls U+0080-U+009F (U+009B is a CSI on many terminals,
 * U+0085 a line break) and the bidi overrides and isolates U+202A-U+202E,
 * U+2066-U+2069 (the "Trojan Source" trick). */
static bool cp_unsafe(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Append piece S of length N to OUT if it fits (leaving room for "..."). */
static bool put(char *out, size_t size, size_t *o, const char *s, size_t n)
{
	if (*o + n + 4 > size)
		return false;
	memcpy(out + *o, s, n);
	*o += n;
	return true;
}

size_t sanitize(const char *in, size_t len, char *out, size_t size,
		bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, o = 0, n;
	char esc[8];

	if (size < 5) {
		if (size)
			out[0] = '\0';
		return 0;
	}
	while (i < len) {
		if (p[i] == '\n' && keep_newlines)
			n = 1, memcpy(esc, "\n", 2);
		else if (p[i] == '\n')
			n = 2, memcpy(esc, "\\n", 3);
		else if (p[i] == '\r')
			n = keep_newlines ? 0 : 2, memcpy(esc, "\\r", 3);
		else if (p[i] == '\t')
			n = 1, memcpy(esc, " ", 2);
		else if (p[i] >= 0x20 && p[i] < 0x7F)
			n = 1, esc[0] = (char)p[i];
		else if (p[i] >= 0x80 && (n = utf8_len(p + i, len - i)) > 0) {
			unsigned cp = utf8_cp(p + i, n);
			size_t k = n;

			if (cp_unsafe(cp)) /* shown as \u202E, never raw */
				k = (size_t)snprintf(esc, sizeof(esc), "\\u%04X",
						     cp);
			if (!put(out, size, &o, cp_unsafe(cp) ? esc : in + i, k))
				break;
			i += n;
			continue;
		} else
			n = (size_t)snprintf(esc, sizeof(esc), "\\x%02X", p[i]);
		if (!put(out, size, &o, esc, n))
			break;
		i++;
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return i;
}

const char *addr_to_str(const struct sockaddr *sa, char *buf, size_t size)
{
	const void *a = NULL;

	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
	if (!a || !inet_ntop(sa->sa_family, a, buf, (socklen_t)size))
		str_copy(buf, "?", size);
	return buf;
}

const char *addr_port_to_str(const struct sockaddr *sa, char *buf,
			     size_t size)
{
	char host[INET6_ADDRSTRLEN];

	addr_to_str(sa, host, sizeof(host));
	if (sa->sa_family == AF_INET6)
		str_printf(buf, size, "[%s]:%d", host, addr_port(sa));
	else
		str_printf(buf, size, "%s:%d", host, addr_port(sa));
	return buf;
}

int addr_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)sa)->sin_port);
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	return 0;
}

void addr_set_port(struct sockaddr *sa, int port)
{
	if (sa->sa_family == AF_INET)
		((struct sockaddr_in *)sa)->sin_port = htons((uint16_t)port);
	else if (sa->sa_family == AF_INET6)
		((struct sockaddr_in6 *)sa)->sin6_port = htons((uint16_t)port);
}

socklen_t addr_len(const struct sockaddr *sa)
{
	return sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
					 : sizeof(struct sockaddr_in);
}

bool addr_parse(const char *s, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		return true;
	}
	if (inet_pton(AF_INET6, s, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return true;
	}
	return false;
}

/* The errno names a diagnosis talks about. */
static const struct {
	int err;
	const char *name;
} errno_names[] = {
	{ ECONNREFUSED, "ECONNREFUSED" }, { ECONNRESET, "ECONNRESET" },
	{ ETIMEDOUT, "ETIMEDOUT" },       { EHOSTUNREACH, "EHOSTUNREACH" },
	{ ENETUNREACH, "ENETUNREACH" },   { EPIPE, "EPIPE" },
	{ ECONNABORTED, "ECONNABORTED" }, { EADDRINUSE, "EADDRINUSE" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { EACCES, "EACCES" },
	{ EPERM, "EPERM" },               { EINPROGRESS, "EINPROGRESS" },
	{ EAGAIN, "EAGAIN" },             { ENETDOWN, "ENETDOWN" },
	{ EHOSTDOWN, "EHOSTDOWN" },       { EPROTO, "EPROTO" },
	{ EMFILE, "EMFILE" },             { ENOBUFS, "ENOBUFS" },
	{ EINVAL, "EINVAL" },
};

const char *errno_name(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	return "E?";
}

void iso_time_now(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool parse_size(const char *s, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || v < 0)
		return false;
	switch (toupper((unsigned char)*end)) {
	case 'K': v *= 1024; end++; break;
	case 'M': v *= 1024 * 1024; end++; break;
	case 'G': v *= 1024LL * 1024 * 1024; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	*out = v;
	return *end == '\0';
}
