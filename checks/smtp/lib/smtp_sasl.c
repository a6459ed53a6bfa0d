/* smtp_sasl.c — SASL client responses for SMTP AUTH: base64 both ways,
 * PLAIN's initial response, CRAM-MD5's keyed digest (OpenSSL's EVP and
 * HMAC).  Every buffer that held a secret is wiped before return. */
#include "config.h"

#include "smtp_sasl.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* "user" with '=' and ',' escaped (RFC 5802 5.1 saslname) into OUT. */
static int saslname(const char *user, char *out, size_t size)
{
	size_t n = 0;

	for (; *user; user++) {
		const char *rep = *user == '=' ? "=3D" : *user == ',' ? "=2C"
			: NULL;
		size_t k = rep ? 3 : 1;

		if (n + k + 1 > size)
			return -1;
		memcpy(out + n, rep ? rep : user, k);
		n += k;
	}
	out[n] = '\0';
	return 0;
}

int sasl_scram_first(struct sasl_scram *s, const char *mech,
		     const char *user, const char *cnonce, char *out,
		     size_t size)
{
	unsigned char rnd[18];
	char name[200], first[340];

	memset(s, 0, sizeof(*s));
	if (!strcasecmp(mech, "SCRAM-SHA-1"))
		s->md = EVP_sha1();
	else if (!strcasecmp(mech, "SCRAM-SHA-256"))
		s->md = EVP_sha256();
	else
		return -1;
	if (cnonce)
		str_copy(s->cnonce, cnonce, sizeof(s->cnonce));
	else if (RAND_bytes(rnd, sizeof(rnd)) == 1)
		sasl_b64(rnd, sizeof(rnd), s->cnonce, sizeof(s->cnonce));
	if (!s->cnonce[0] || saslname(user, name, sizeof(name)) < 0)
		return -1;
	str_printf(s->first_bare, sizeof(s->first_bare), "n=%s,r=%s", name,
		   s->cnonce);
	str_printf(first, sizeof(first), "n,,%s", s->first_bare);
	sasl_b64(first, strlen(first), out, size);
	return out[0] ? 0 : -1;
}

/* The value of attribute KEY ("r", "s", "i") of a SCRAM message MSG into
 * OUT; -1 when absent or too long. */
static int scram_attr(const char *msg, char key, char *out, size_t size)
{
	const char *p = msg;

	while (p && *p) {
		if (p[0] == key && p[1] == '=') {
			size_t n = strcspn(p + 2, ",");

			if (n + 1 > size)
				return -1;
			memcpy(out, p + 2, n);
			out[n] = '\0';
			return 0;
		}
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return -1;
}

/* HMAC of MSG with KEY under S's hash into OUT (EVP_MAX_MD_SIZE). */
static unsigned int scram_hmac(const struct sasl_scram *s, const void *key,
			       int klen, const char *msg, unsigned char *out)
{
	unsigned int len = 0;

	if (!HMAC(s->md, key, klen, (const unsigned char *)msg, strlen(msg),
		  out, &len))
		return 0;
	return len;
}

/* The keys and the proof from the salted password SP (LEN bytes) over
 * AUTHMSG: the proof into PROOF, the server signature kept in S. */
static int scram_proof(struct sasl_scram *s, const unsigned char *sp,
		       int len, const char *authmsg, unsigned char *proof)
{
	unsigned char ck[EVP_MAX_MD_SIZE], stored[EVP_MAX_MD_SIZE];
	unsigned char sig[EVP_MAX_MD_SIZE], sk[EVP_MAX_MD_SIZE];
	unsigned int n, i, slen = 0;

	n = scram_hmac(s, sp, len, "Client Key", ck);
	if (!n || !EVP_Digest(ck, n, stored, &slen, s->md, NULL) ||
	    scram_hmac(s, stored, (int)slen, authmsg, sig) != n ||
	    scram_hmac(s, sp, len, "Server Key", sk) != n)
		return -1;
	for (i = 0; i < n; i++)
		proof[i] = ck[i] ^ sig[i];
	s->siglen = scram_hmac(s, sk, (int)n, authmsg, s->server_sig);
	OPENSSL_cleanse(ck, sizeof(ck));
	OPENSSL_cleanse(sk, sizeof(sk));
	return s->siglen == n ? (int)n : -1;
}

int sasl_scram_final(struct sasl_scram *s, const char *password,
		     const char *server_b64, char *out, size_t size)
{
	unsigned char msg[600], salt[128], sp[EVP_MAX_MD_SIZE];
	unsigned char proof[EVP_MAX_MD_SIZE];
	char nonce[200], salt64[200], iter[16], wo[240], am[1200], p64[100];
	char final[360];
	int n = sasl_unb64(server_b64, msg, sizeof(msg) - 1), slen, plen;
	long it;

	if (n < 0 || !s->md)
		return -1;
	msg[n] = '\0';
	if (scram_attr((char *)msg, 'r', nonce, sizeof(nonce)) < 0 ||
	    scram_attr((char *)msg, 's', salt64, sizeof(salt64)) < 0 ||
	    scram_attr((char *)msg, 'i', iter, sizeof(iter)) < 0 ||
	    strncmp(nonce, s->cnonce, strlen(s->cnonce)) ||
	    strlen(nonce) <= strlen(s->cnonce))
		return -1;
	it = strtol(iter, NULL, 10);
	slen = sasl_unb64(salt64, salt, sizeof(salt));
	plen = EVP_MD_size(s->md);
	if (it < 1 || it > 1000000 || slen < 1 ||
	    !PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, slen,
			       (int)it, s->md, plen, sp))
		return -1;
	str_printf(wo, sizeof(wo), "c=biws,r=%s", nonce);
	str_printf(am, sizeof(am), "%s,%s,%s", s->first_bare, (char *)msg, wo);
	n = scram_proof(s, sp, plen, am, proof);
	OPENSSL_cleanse(sp, sizeof(sp));
	if (n < 0)
		return -1;
	sasl_b64(proof, (size_t)n, p64, sizeof(p64));
	str_printf(final, sizeof(final), "%s,p=%s", wo, p64);
	sasl_b64(final, strlen(final), out, size);
	OPENSSL_cleanse(proof, sizeof(proof));
	return out[0] ? 0 : -1;
}

int sasl_scram_verify(const struct sasl_scram *s, const char *server_b64)
{
	unsigned char msg[300], sig[EVP_MAX_MD_SIZE];
	char v[120];
	int n = sasl_unb64(server_b64, msg, sizeof(msg) - 1), k;

	if (n < 0 || !s->siglen)
		return -1;
	msg[n] = '\0';
	if (scram_attr((char *)msg, 'v', v, sizeof(v)) < 0)
		return -1;
	k = sasl_unb64(v, sig, sizeof(sig));
	return k == (int)s->siglen && !CRYPTO_memcmp(sig, s->server_sig,
						     s->siglen) ? 0 : -1;
}

void sasl_scram_clear(struct sasl_scram *s)
{
	OPENSSL_cleanse(s, sizeof(*s));
}
