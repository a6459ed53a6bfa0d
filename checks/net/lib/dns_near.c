/* dns_near.c — names near one that does not exist: the usual service
 * names on the same domain ("smpt.example.com" -> "smtp.example.com",
 * "mail.example.com"), and the domain itself ("www.example.com" ->
 * "example.com").  Pure string work; the probe resolves them. */
#include "config.h"

#include "dns_int.h"

#include <string.h>
#include <strings.h>

#include "util.h"

/* Number of dot-separated labels in NAME. */
static int count_labels(const char *name)
{
	int n = *name ? 1 : 0;

	for (; *name; name++)
		if (*name == '.')
			n++;
	return n;
}

/* Service prefixes worth trying for PROTO, NULL-terminated. */
static const char *const *prefixes(enum proto proto)
{
	static const char *const smtp[] = { "mail", "smtp", NULL };
	static const char *const ftp[] = { "ftp", NULL };
	static const char *const any[] = { "mail", "smtp", "ftp", NULL };

	if (proto == PROTO_SMTP)
		return smtp;
	if (proto == PROTO_FTP)
		return ftp;
	return any;
}

/* Add NAME to CAND unless it is HOST or already there. */
static int add_cand(const char *host, const char *name, char cand[][256],
		    int n, int max)
{
	int i;

	if (n >= max || !strcasecmp(name, host))
		return n;
	for (i = 0; i < n; i++)
		if (!strcasecmp(cand[i], name))
			return n;
	str_copy(cand[n], name, 256);
	return n + 1;
}

int dns_near_names(const char *host, enum proto proto, char base[256],
		   char cand[][256], int max)
{
	const char *const *pre = prefixes(proto);
	int labels = count_labels(host), n = 0;
	char name[256];

	base[0] = '\0';
	if (labels < 2 || strlen(host) >= 250)
		return 0;
	str_copy(base, labels >= 3 ? strchr(host, '.') + 1 : host, 256);
	for (; *pre; pre++) {
		str_printf(name, sizeof(name), "%s.%s", *pre, base);
		n = add_cand(host, name, cand, n, max);
	}
	return add_cand(host, base, cand, n, max);
}

/* Length of NAME's first label. */
static size_t first_label_len(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot ? (size_t)(dot - name) : strlen(name);
}

/* Edit distance with adjacent transpositions ("smpt" is 1 from "smtp"),
 * for labels up to 63 characters. */
static int label_distance(const char *a, size_t la, const char *b, size_t lb)
{
	int d[64][64];
	size_t i, j;

	if (la > 63 || lb > 63)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

int dns_near_score(const char *host, const char *name, bool via_mx)
{
	int d = 99;

	/* Only a name with as many labels can be the same name mistyped. */
	if (count_labels(name) == count_labels(host))
		d = label_distance(host, first_label_len(host), name,
				   first_label_len(name));
	if (d <= 2)
		return d;
	return via_mx ? 3 : 4 + (count_labels(name) < count_labels(host));
}
