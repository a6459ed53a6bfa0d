/* smtp_tlsfacts.c — the TLS facts of a live libcurl connection: the
 * OpenSSL session libcurl holds, read by checks/net/lib/tls_facts.c
 * (libcurl prints them only as free text). */
#include "config.h"

#include "smtp_tlsfacts.h"

#include <openssl/ssl.h>

void smtp_tlsfacts_read(CURL *easy, const char *host, struct tls_facts *t)
{
	struct curl_tlssessioninfo *info = NULL;

	if (curl_easy_getinfo(easy, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK ||
	    !info || info->backend != CURLSSLBACKEND_OPENSSL ||
	    !info->internals)
		return;
	tls_facts_from_ssl(info->internals, host, t);
}
