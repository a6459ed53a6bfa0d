/* smtp_sasl.h — the client side of the SASL mechanisms sockdoc speaks in
 * SMTP AUTH (RFC 4954): PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195).
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

#endif
