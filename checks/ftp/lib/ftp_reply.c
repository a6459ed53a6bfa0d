/* ftp_reply.c — decoders for PASV/EPSV replies and refusal texts. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ftp_reply.h"

/* Read a decimal number 0..MAX at *P; advances *P.  -1 when none/too big. */
static long read_num(const char **p, long max)
{
	long v = 0;
	int digits = 0;

	while (isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		if (++digits > 5 || v > max)
			return -1;
		(*p)++;
	}
	return digits ? v : -1;
}

/* Try six numbers h1,h2,h3,h4,p1,p2 (each 0..MAX) starting exactly at S. */
static bool parse_six_max(const char *s, long n[6], long max)
{
	const char *p = s;
	int i;

	for (i = 0; i < 6; i++) {
		while (*p == ' ')
			p++;
		n[i] = read_num(&p, max);
		if (n[i] < 0)
			return false;
		while (*p == ' ')
			p++;
		if (i < 5 && *p++ != ',')
			return false;
	}
	return true;
}

/* Six numbers 0..255 at S. */
static bool parse_six(const char *s, long n[6])
{
	return parse_six_max(s, n, 255);
}

/* The first place after the code in TEXT where six numbers (each at
 * most MAX) start, or NULL; fills N. */
static const char *find_six(const char *text, long n[6], long max)
{
	const char *p = text;

	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]))
		p += 3;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p) ||
		    (p > text && isdigit((unsigned char)p[-1])))
			continue;
		if (parse_six_max(p, n, max))
			return p;
	}
	return NULL;
}

const char *ftp_check_227(const char *text)
{
	long n[6];
	int i;

	if (!text || !find_six(text, n, 99999))
		return "227 without h1,h2,h3,h4,p1,p2";
	for (i = 0; i < 6; i++)
		if (n[i] > 255)
			return "227 numbers out of range";
	if (n[4] == 0 && n[5] == 0)
		return "227 advertises port 0";
	return NULL;
}

const char *ftp_check_229(const char *text)
{
	const char *p = text ? strchr(text, '(') : NULL;

	if (!p)
		return "229 without (|||port|)";
	if (ftp_parse_229(text) < 0)
		return "229 port missing or out of range";
	return NULL;
}

bool ftp_parse_227(const char *text, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	const char *p;
	long n[6];
	int port;

	if (!text)
		return false;
	/* Skip the reply code itself, then look for the first digit run that
	 * starts six numbers (servers differ in what precedes them). */
	p = text;
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]))
		p += 3;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p) ||
		    (p > text && isdigit((unsigned char)p[-1])))
			continue;
		if (!parse_six(p, n))
			continue;
		port = (int)(n[4] * 256 + n[5]);
		if (port == 0)
			return false;
		memset(ss, 0, sizeof(*ss));
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		sin->sin_addr.s_addr = htonl((uint32_t)((n[0] << 24) |
				(n[1] << 16) | (n[2] << 8) | n[3]));
		return true;
	}
	return false;
}

int ftp_parse_229(const char *text)
{
	const char *p;
	char d;
	long port;

	if (!text || !(p = strchr(text, '(')))
		return -1;
	d = p[1];
	if (d < 33 || d > 126 || isdigit((unsigned char)d))
		return -1;
	if (p[2] != d || p[3] != d)
		return -1;
	p += 4;
	port = read_num(&p, 65535);
	if (port < 1 || *p != d)
		return -1;
	return (int)port;
}

/* True for RFC 1918, CGNAT 100.64/10 and link-local 169.254/16. */
static bool ipv4_private(uint32_t a)
{
	return (a >> 24) == 10 || (a >> 20) == 0xac1 || (a >> 16) == 0xc0a8 ||
	       (a >> 22) == (100u << 2 | 1) || (a >> 16) == 0xa9fe;
}

/* The IPv4 address of SA in host order, or of an IPv4-mapped IPv6. */
static bool ipv4_of(const struct sockaddr *sa, uint32_t *out)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;

	if (sa->sa_family == AF_INET) {
		*out = ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr);
		return true;
	}
	if (sa->sa_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
		memcpy(out, &s6->sin6_addr.s6_addr[12], 4);
		*out = ntohl(*out);
		return true;
	}
	return false;
}

enum ftp_addr_class ftp_classify_addr(const struct sockaddr *adv,
				      const struct sockaddr *ctrl)
{
	uint32_t a, c;
	bool have_c;

	if (!ipv4_of(adv, &a))
		return FTP_ADDR_OTHER;
	have_c = ipv4_of(ctrl, &c);
	if (have_c && a == c)
		return FTP_ADDR_SAME;
	if (a == 0)
		return FTP_ADDR_ZERO;
	if ((a >> 24) == 127 && !(have_c && (c >> 24) == 127))
		return FTP_ADDR_LOOPBACK;
	if (ipv4_private(a))
		return FTP_ADDR_PRIVATE;
	return FTP_ADDR_OTHER;
}

const char *ftp_addr_class_name(enum ftp_addr_class c)
{
	static const char *const names[] = {
		"same", "zero", "loopback", "private", "other"
	};

	return (unsigned)c < 5 ? names[c] : "other";
}

/* Case-insensitive: does TEXT contain any of the NULL-terminated WORDS? */
static bool has_any(const char *text, const char *const *words)
{
	for (; *words; words++)
		if (strcasestr(text, *words))
			return true;
	return false;
}

enum ftp_refusal ftp_decode_refusal(int code, const char *text)
{
	static const char *const tls[] = {
		"encrypt", "tls", "ssl", "secure", "cleartext", "auth first", NULL
	};
	static const char *const busy[] = {
		"too many", "try later", "try again", "maximum", "busy",
		"limit", NULL
	};
	static const char *const deny[] = {
		"not allowed", "denied", "anonymous only", "refused",
		"not permitted", "forbidden", "blocked", "banned", NULL
	};

	if (!text)
		text = "";
	if (code < 400)
		return FTP_REFUSAL_NONE;
	if (code == 534 || code == 522 || has_any(text, tls))
		return FTP_REFUSAL_TLS_REQUIRED;
	if (has_any(text, busy))
		return FTP_REFUSAL_BUSY;
	if (has_any(text, deny))
		return FTP_REFUSAL_NOT_ALLOWED;
	if (code == 530)
		return FTP_REFUSAL_BAD_LOGIN;
	if (code == 421)
		return FTP_REFUSAL_BUSY;
	return FTP_REFUSAL_OTHER;
}

const char *ftp_refusal_name(enum ftp_refusal r)
{
	static const char *const names[] = {
		"none", "busy", "not_allowed", "tls_required", "bad_credentials",
		"other"
	};

	return (unsigned)r < 6 ? names[r] : "other";
}

bool ftp_text_says_reuse(const char *text)
{
	static const char *const words[] = {
		"reuse", "resum", NULL
	};

	return text && has_any(text, words);
}

/* True when NAME is short and made of [A-Za-z0-9._-] (not "." or ".."). */
static bool plain_name(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > 64 || name[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("._-", name[i]))
			return false;
	return true;
}

/* Parse one listing line; true for a plain regular file of <= MAX. */
static bool pick_line(const char *line, size_t len, long long max,
		      char *name, size_t size, long long *bytes)
{
	char buf[512], *f[9], *save = NULL, *tok;
	int n = 0;
	long long v;
	char *end;

	if (len == 0 || len >= sizeof(buf) || line[0] != '-')
		return false;
	memcpy(buf, line, len);
	buf[len] = '\0';
	for (tok = strtok_r(buf, " \t", &save); tok && n < 9;
	     tok = strtok_r(NULL, " \t", &save))
		f[n++] = tok;
	if (n < 9 || tok)	/* fewer fields, or a name with spaces */
		return false;
	v = strtoll(f[4], &end, 10);
	if (*end || v < 0 || v > max || !plain_name(f[8], strlen(f[8])) ||
	    strlen(f[8]) >= size)
		return false;
	strcpy(name, f[8]);
	*bytes = v;
	return true;
}

bool ftp_pick_small_file(const char *listing, long long max, char *name,
			 size_t size, long long *bytes)
{
	const char *p = listing;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (pick_line(p, len, max, name, size, bytes))
			return true;
		p = nl ? nl + 1 : NULL;
	}
	return false;
}
