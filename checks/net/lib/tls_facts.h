/* tls_facts.h — what a finished TLS handshake shows, read from OpenSSL:
 * protocol version, cipher, the chain's verify result (computed even when
 * the client does not enforce it), the name match and validity dates. */
#ifndef SOCKDOC_TLS_FACTS_H
#define SOCKDOC_TLS_FACTS_H

#include <jansson.h>
#include <openssl/ssl.h>
#include <stdbool.h>

/* The TLS facts of one connection. */
struct tls_facts {
	bool up;                 /* a handshake completed */
	char version[32];        /* "TLSv1.3" */
	char cipher[64];         /* "TLS_AES_256_GCM_SHA384" */
	long verify_code;        /* X509 verify result of the chain */
	char verify_text[128];   /* its OpenSSL wording */
	int name_match;          /* 1 match, 0 mismatch, -1 unknown */
	char subject[256];       /* peer certificate subject (sanitized) */
	char issuer[256];        /* its issuer (sanitized) */
	char not_before[40];     /* validity start, "2026-11-24 04:00:00 UTC" */
	char not_after[40];      /* validity end */
	long long expires_in_s;  /* seconds until notAfter (negative: past) */
	long long starts_in_s;   /* seconds until notBefore (positive: future) */
};

/* Fill T from SSL once its handshake finished (T->up set then); HOST is
 * the name (or address literal) the certificate must match.  T's
 * name_match must be -1 beforehand for "unknown without a certificate". */
void tls_facts_from_ssl(SSL *ssl, const char *host, struct tls_facts *t);
/* T as a JSON object (version, cipher, subject, issuer, dates,
 * name_match). */
json_t *tls_facts_json(const struct tls_facts *t);
/* Stable token for an X509 verify CODE: "ok", "expired", "not_yet_valid",
 * "self_signed", "untrusted", "name_mismatch", "other". */
const char *tls_verify_token(long code);

#endif
