/* target.h — what the user asked to diagnose, parsed as pasted, with the
 * corrections the input sanity check made (cause input.host_malformed). */
#ifndef SOCKDOC_TARGET_H
#define SOCKDOC_TARGET_H

#include <stdbool.h>
#include <stddef.h>

/* Application protocol under test. */
/* POP3 (RFC 1939) and IMAP (RFC 9051) are the receiving side of mail;
 * PROTO_TCP: any TCP service (tcp://host:port), where only the
 * protocol-free probes apply (reach, banner, a generic TLS handshake,
 * trials). */
enum proto { PROTO_UNKNOWN = 0, PROTO_SMTP, PROTO_FTP, PROTO_POP3,
	     PROTO_IMAP, PROTO_TCP };

/* Security mode the user's client is set to (--tls). */
enum tls_mode { TLS_AUTO = 0, TLS_NONE, TLS_STARTTLS, TLS_IMPLICIT };

#define TARGET_MAX_FIXES 8

/* One correction applied to the input. */
struct target_fix {
	const char *kind;  /* stable token: leading_space, trailing_space,
			      url_pasted, port_glued, trailing_dot,
			      trailing_slash, illegal_chars, user_glued,
			      port_separator (", 38025" / ";38025": the port
			      after a comma, semicolon or space) */
	char before[128];  /* the offending piece, sanitized */
};

/* A parsed target. */
struct target {
	char input[512];          /* exactly as given (sanitized for display) */
	enum proto proto;         /* SMTP, FTP, POP3, IMAP or TCP */
	char host[256];           /* corrected host name or address, no
				     brackets; an IDN as its IDNA2008
				     A-label ("xn--e1afmkfd.test") */
	char host_unicode[256];   /* the IDN as typed (U-label, NFC), "" when
				     the host is plain ASCII */
	int port;                 /* effective port */
	bool port_given;          /* port came from the user, not a default */
	enum tls_mode tls;        /* effective security mode */
	char user[128];           /* from ftp://user@host or --user */
	bool is_email;            /* target was user@domain: host is the domain */
	char email[320];          /* the address when is_email */
	bool host_is_ip;          /* host is an IPv4/IPv6 literal */
	bool web_url;             /* the input was an http(s):// URL (a
				     usage error: no web diagnosis) */
	struct target_fix fixes[TARGET_MAX_FIXES]; /* corrections made */
	int nfixes;               /* used entries in fixes */
};

/* Parse INPUT with the command-line overrides (PROTO_UNKNOWN, port 0 and
 * TLS_AUTO mean "not given").  Returns 0, or -1 with a translated message
 * in ERR for input that cannot be a target (usage error, exit 2). */
int target_parse(const char *input, enum proto proto, int port,
		 enum tls_mode tls, struct target *t, char *err,
		 size_t errlen);

/* Token for a protocol/security mode ("smtp", "imap", "starttls"). */
const char *proto_name(enum proto p);
const char *tls_mode_name(enum tls_mode m);
/* Default port of a protocol in a security mode. */
int proto_default_port(enum proto p, enum tls_mode m);
/* True for the receiving protocols, POP3 and IMAP. */
bool proto_is_mailrecv(enum proto p);

#endif
