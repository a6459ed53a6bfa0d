/* smtp_sasl.c — SASL client responses for SMTP AUTH: base64 both ways,
 * PLAIN's initial response, CRAM-MD5's keyed digest (OpenSSL's EVP and
 * HMAC).  Every buffer that held a secret is wiped before return. */
#include "config.h"

#include "smtp_sasl.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "util.h"

char *sasl_b64(const void *in, size_t n, char *out, size_t size)
{
	out[0] = '\0';
	if (size && 4 * ((n + 2) / 3) + 1 <= size)
		EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	return out;
}

int sasl_unb64(const char *text, unsigned char *out, size_t size)
{
	size_t len = strcspn(text, " \n");
	int n;

	if (len == 0 || len % 4 || len / 4 * 3 + 1 > size)
		return -1;
	n = EVP_DecodeBlock(out, (const unsigned char *)text, (int)len);
	if (n < 0)
		return -1;
	if (text[len - 1] == '=')
		n--;
	if (len > 1 && text[len - 2] == '=')
		n--;
	return n;
}

int sasl_plain(const char *user, const char *password, char *out,
	       size_t size)
{
	char blob[600];
	size_t ul = strlen(user), pl = strlen(password);

	if (ul + pl + 2 > sizeof(blob) || 4 * ((ul + pl + 4) / 3) + 1 > size)
		return -1;
	blob[0] = '\0';
	memcpy(blob + 1, user, ul + 1);
	memcpy(blob + ul + 2, password, pl);
	sasl_b64(blob, ul + pl + 2, out, size);
	OPENSSL_cleanse(blob, sizeof(blob));
	return 0;
}

int sasl_cram_md5(const char *user, const char *password,
		  const char *chal_b64, char *out, size_t size)
{
	unsigned char chal[512], mac[EVP_MAX_MD_SIZE];
	char resp[400];
	unsigned int mlen = 0, i;
	int n = sasl_unb64(chal_b64, chal, sizeof(chal)), rc = -1;

	if (n >= 0 && HMAC(EVP_md5(), password, (int)strlen(password), chal,
			   (size_t)n, mac, &mlen) &&
	    strlen(user) + 2 * mlen + 2 < sizeof(resp)) {
		str_printf(resp, sizeof(resp), "%s ", user);
		for (i = 0; i < mlen; i++)
			str_appendf(resp, sizeof(resp), "%02x", mac[i]);
		sasl_b64(resp, strlen(resp), out, size);
		rc = out[0] ? 0 : -1;
	}
	OPENSSL_cleanse(resp, sizeof(resp));
	OPENSSL_cleanse(mac, sizeof(mac));
	return rc;
}
