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

/* Those tokens, as a details table describes a key that holds one. */
#define TLS_VERIFY_TOKENS \
	"ok|expired|not_yet_valid|self_signed|untrusted|name_mismatch|other"

/* The rows of a details table (struct probe_detail, probe.h) for the keys
 * tls_facts_json() writes, for a probe that merges that object into its
 * own details (the SMTP tls and mailrecv.tls probes). */
#define TLS_FACTS_DETAILS \
	{ "version", DT_STR, NULL, "negotiated protocol (\"TLSv1.3\")" }, \
	{ "cipher", DT_STR, NULL, "negotiated cipher suite" }, \
	{ "subject", DT_STR, NULL, "peer certificate subject" }, \
	{ "issuer", DT_STR, NULL, "peer certificate issuer" }, \
	{ "not_before", DT_STR, NULL, "certificate validity start" }, \
	{ "not_after", DT_STR, NULL, "certificate validity end" }, \
	{ "expires_in_s", DT_INT, "s", \
	  "seconds until not_after (negative: expired)" }, \
	{ "starts_in_s", DT_INT, "s", \
	  "seconds until not_before (positive: not yet valid)" }, \
	{ "name_match", DT_BOOL, NULL, "the certificate covers the host name" }

#endif
