/* smtp_caps.h — the EHLO reply (RFC 5321 4.1.1.1) read into capabilities:
 * what the server offers before and after TLS decides which client
 * settings can work (STARTTLS, AUTH mechanisms, SIZE limit). */
#ifndef SOCKDOC_SMTP_CAPS_H
#define SOCKDOC_SMTP_CAPS_H

#include <jansson.h>
#include <stdbool.h>

#define SMTP_CAPS_MAX_KW 24

/* Capabilities of one EHLO reply. */
struct smtp_caps {
	char domain[128];        /* the server's name on the first line */
	char keywords[SMTP_CAPS_MAX_KW][24]; /* every keyword, upper case */
	int nkeywords;           /* used entries */
	bool starttls;           /* STARTTLS (RFC 3207) */
	bool pipelining;         /* PIPELINING (RFC 2920) */
	bool eightbitmime;       /* 8BITMIME (RFC 6152) */
	bool smtputf8;           /* SMTPUTF8 (RFC 6531) */
	bool size;               /* SIZE offered (RFC 1870) */
	long long size_limit;    /* its limit in bytes, 0 = none announced */
	char auth[160];          /* AUTH mechanisms, space separated */
	int nauth;               /* how many */
};

/* Parse the text of an EHLO reply (lines without their codes, joined by
 * '\n'; a leading "250-"/"250 " on a line is accepted too) into CAPS. */
void smtp_caps_parse(const char *text, struct smtp_caps *caps);
/* True when MECH is among the AUTH mechanisms. */
bool smtp_caps_has_auth(const struct smtp_caps *caps, const char *mech);
/* CAPS as a JSON object. */
json_t *smtp_caps_json(const struct smtp_caps *caps);

#endif
