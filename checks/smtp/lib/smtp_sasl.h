/* smtp_sasl.h — the client side of the SASL mechanisms sockdoc speaks in
 * SMTP AUTH (RFC 4954): PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195),
 * SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677; no channel binding,
 * no SASLprep: the password is used as its bytes).
 * Pure functions over buffers; the caller wipes what holds a secret. */
#ifndef SOCKDOC_SMTP_SASL_H
#define SOCKDOC_SMTP_SASL_H

#include <stddef.h>

/* Base64 of N bytes of IN into OUT (SIZE >= 4*((N+2)/3)+1); "" when OUT
 * is too small.  Returns OUT. */
char *sasl_b64(const void *in, size_t n, char *out, size_t size);
/* Decode the base64 word at the start of TEXT (up to a blank or end) into
 * OUT (SIZE bytes); returns the length, or -1 when it is not base64 or
 * does not fit. */
int sasl_unb64(const char *text, unsigned char *out, size_t size);
/* The PLAIN initial response: base64 of "\0USER\0PASSWORD" into OUT;
 * returns 0, or -1 when it does not fit. */
int sasl_plain(const char *user, const char *password, char *out,
	       size_t size);
/* The CRAM-MD5 answer to the base64 challenge CHAL_B64: base64 of
 * "USER hex(HMAC-MD5(PASSWORD, challenge))" into OUT; 0 or -1. */
int sasl_cram_md5(const char *user, const char *password,
		  const char *chal_b64, char *out, size_t size);

/* One SCRAM exchange, between its three messages. */
struct sasl_scram {
	const void *md;             /* EVP_MD of the hash (SHA-1/SHA-256) */
	char cnonce[48];            /* the client nonce (printable) */
	char first_bare[320];       /* client-first-message-bare */
	unsigned char server_sig[64]; /* expected ServerSignature */
	unsigned int siglen;        /* its length, 0 before the final */
};

/* The client-first message of MECH ("SCRAM-SHA-1", "SCRAM-SHA-256") for
 * USER, base64 into OUT; CNONCE NULL makes a random nonce (tests pass
 * one).  0, or -1 for an unknown mechanism or no room. */
int sasl_scram_first(struct sasl_scram *s, const char *mech,
		     const char *user, const char *cnonce, char *out,
		     size_t size);
/* The client-final message (with the proof) for the base64
 * server-first SERVER_B64, base64 into OUT; remembers the server
 * signature to expect.  0, or -1 when the server-first is malformed, its
 * nonce does not extend ours, or its iteration count is out of bounds
 * (1..1000000). */
int sasl_scram_final(struct sasl_scram *s, const char *password,
		     const char *server_b64, char *out, size_t size);
/* 0 when the base64 server-final SERVER_B64 proves the server knows the
 * password (v= matches), else -1. */
int sasl_scram_verify(const struct sasl_scram *s, const char *server_b64);
/* Wipe S. */
void sasl_scram_clear(struct sasl_scram *s);

#endif
