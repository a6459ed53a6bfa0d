/* smtp_tlsfacts.h — what the TLS layer of a libcurl session shows, read
 * from OpenSSL through CURLINFO_TLS_SSL_PTR while the connection is up:
 * protocol version, cipher, the chain's verify result (computed even when
 * libcurl does not enforce it), the name match and validity dates. */
#ifndef SOCKDOC_SMTP_TLSFACTS_H
#define SOCKDOC_SMTP_TLSFACTS_H

#include <curl/curl.h>
#include <jansson.h>

#include "smtp_session.h"

/* Fill T from EASY's TLS connection if one is up (T->up set then); HOST
 * is the name the certificate must match. */
void smtp_tlsfacts_read(CURL *easy, const char *host, struct smtp_tls *t);
/* The same from an OpenSSL connection SSL (an SSL *) whose handshake
 * finished; the raw POP3/IMAP sessions (checks/mailrecv/lib) use it. */
void smtp_tlsfacts_from_ssl(void *ssl, const char *host, struct smtp_tls *t);
/* T as a JSON object (version, cipher, verify, name_match, dates). */
json_t *smtp_tlsfacts_json(const struct smtp_tls *t);
/* Stable token for an X509 verify CODE: "ok", "expired", "not_yet_valid",
 * "self_signed", "untrusted", "other". */
const char *smtp_verify_token(long code);

#endif
