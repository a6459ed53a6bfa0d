/* tls_facts.c — the TLS facts of a finished handshake, straight from
 * OpenSSL: version, cipher, the chain's verify result, the certificate's
 * names and dates.  The SMTP sessions read them through libcurl
 * (checks/smtp/lib/smtp_tlsfacts.c), tcp.tls from its own handshake. */
#include "config.h"

#include "tls_facts.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* ASN1 time as "2026-11-24 04:00:00 UTC" and seconds from now to it. */
static void time_fact(const ASN1_TIME *at, char *buf, size_t size,
		      long long *from_now)
{
	struct tm tm;
	int days = 0, secs = 0;

	buf[0] = '\0';
	if (!at || !ASN1_TIME_to_tm(at, &tm))
		return;
	strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm);
	if (ASN1_TIME_diff(&days, &secs, NULL, at))
		*from_now = (long long)days * 86400 + secs;
}

/* Subject, issuer, dates and name match of the peer certificate. */
static void cert_facts(SSL *ssl, const char *host, struct tls_facts *t)
{
	char raw[256];
	X509 *cert = SSL_get1_peer_certificate(ssl);
	struct sockaddr_storage ss;

	if (!cert)
		return;
	X509_NAME_oneline(X509_get_subject_name(cert), raw, sizeof(raw));
	sanitize(raw, strlen(raw), t->subject, sizeof(t->subject), false);
	X509_NAME_oneline(X509_get_issuer_name(cert), raw, sizeof(raw));
	sanitize(raw, strlen(raw), t->issuer, sizeof(t->issuer), false);
	time_fact(X509_get0_notBefore(cert), t->not_before,
		  sizeof(t->not_before), &t->starts_in_s);
	time_fact(X509_get0_notAfter(cert), t->not_after,
		  sizeof(t->not_after), &t->expires_in_s);
	if (addr_parse(host, 0, &ss))
		t->name_match = X509_check_ip_asc(cert, host, 0) == 1;
	else
		t->name_match = X509_check_host(cert, host, 0, 0, NULL) == 1;
	X509_free(cert);
}

void tls_facts_from_ssl(SSL *ssl, const char *host, struct tls_facts *t)
{
	if (!ssl || !SSL_is_init_finished(ssl))
		return;
	t->up = true;
	str_copy(t->version, SSL_get_version(ssl), sizeof(t->version));
	str_copy(t->cipher, SSL_get_cipher_name(ssl), sizeof(t->cipher));
	t->verify_code = SSL_get_verify_result(ssl);
	str_copy(t->verify_text, X509_verify_cert_error_string(t->verify_code),
		 sizeof(t->verify_text));
	cert_facts(ssl, host, t);
}

const char *tls_verify_token(long code)
{
	switch (code) {
	case X509_V_OK:
		return "ok";
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return "expired";
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return "not_yet_valid";
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		return "self_signed";
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_CERT_UNTRUSTED:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		return "untrusted";
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return "name_mismatch";
	default:
		return "other";
	}
}

json_t *tls_facts_json(const struct tls_facts *t)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I}",
		"version", t->version, "cipher", t->cipher,
		"subject", t->subject, "issuer", t->issuer,
		"not_before", t->not_before, "not_after", t->not_after,
		"expires_in_s", (json_int_t)t->expires_in_s,
		"starts_in_s", (json_int_t)t->starts_in_s);

	if (t->name_match >= 0)
		json_object_set_new(o, "name_match",
				    json_boolean(t->name_match));
	return o;
}
