/* smtp_tlsfacts.h — what the TLS layer of a libcurl session shows, read
 * from OpenSSL through CURLINFO_TLS_SSL_PTR while the connection is up:
 * protocol version, cipher, the chain's verify result (computed even when
 * libcurl does not enforce it), the name match and validity dates. */
#ifndef SOCKDOC_SMTP_TLSFACTS_H
#define SOCKDOC_SMTP_TLSFACTS_H

#include <curl/curl.h>
#include <jansson.h>

#include "smtp_session.h"
#include "tls_facts.h"

/* Fill T from EASY's TLS connection if one is up (T->up set then); HOST
 * is the name the certificate must match (checks/net/lib/tls_facts.h
 * has the JSON and verify-token helpers). */
void smtp_tlsfacts_read(CURL *easy, const char *host, struct tls_facts *t);

#endif
