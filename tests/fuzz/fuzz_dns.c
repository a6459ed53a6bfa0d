/* fuzz_dns.c — a hostile DNS answer the way dnsq.c handles what c-ares
 * hands over: parsed as A, AAAA, MX and SRV with the same table sizes,
 * and walked for a CNAME loop.  No crash; a loop's chain is terminated,
 * bounded and printable. */
#include "config.h"

#include <ares.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dnsq.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every record parser dnsq.c calls, on ABUF. */
static void parse_all(const unsigned char *abuf, int alen)
{
	static struct ares_addrttl a[DNSQ_PARSE_ADDRS];
	static struct ares_addr6ttl aaaa[DNSQ_PARSE_ADDRS];
	struct ares_mx_reply *mx = NULL;
	struct ares_srv_reply *srv = NULL;
	int n = DNSQ_PARSE_ADDRS;

	if (ares_parse_a_reply(abuf, alen, NULL, a, &n) == ARES_SUCCESS &&
	    (n < 0 || n > DNSQ_PARSE_ADDRS))
		abort();
	n = DNSQ_PARSE_ADDRS;
	if (ares_parse_aaaa_reply(abuf, alen, NULL, aaaa, &n) == ARES_SUCCESS &&
	    (n < 0 || n > DNSQ_PARSE_ADDRS))
		abort();
	if (ares_parse_mx_reply(abuf, alen, &mx) == ARES_SUCCESS && mx)
		ares_free_data(mx);
	if (ares_parse_srv_reply(abuf, alen, &srv) == ARES_SUCCESS && srv)
		ares_free_data(srv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[64], chain[256];
	size_t n;

	if (size < 1)
		return 0;
	/* The first byte: length of the name asked for, then the name. */
	n = data[0] % sizeof(name);
	if (n > size - 1)
		n = size - 1;
	memcpy(name, data + 1, n);
	name[n] = '\0';
	data += 1 + n, size -= 1 + n;
	if (size > 65535)
		size = 65535;
	parse_all(data, (int)size);
	chain[0] = '\0';
	if (dnsq_cname_loop(name, data, (int)size, chain, sizeof(chain)) &&
	    (strlen(chain) >= sizeof(chain) || !utf8_valid(chain, strlen(chain))))
		abort();
	return 0;
}
