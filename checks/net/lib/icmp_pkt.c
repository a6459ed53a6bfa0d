/* icmp_pkt.c — echo requests and the classification of what comes back.
 * Everything received is hostile: every offset is checked against the
 * length before it is read. */
#include "config.h"

#include "icmp_pkt.h"

#include <string.h>

#define ICMP4_ECHO 8
#define ICMP4_REPLY 0
#define ICMP4_UNREACH 3
#define ICMP6_ECHO 128
#define ICMP6_REPLY 129
#define ICMP6_UNREACH 1

/* Our payload marker: replies without it are someone else's. */
static const uint8_t magic[8] = { 's', 'o', 'c', 'k', 'd', 'o', 'c', '!' };

uint16_t icmp_checksum(const uint8_t *buf, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(buf[i] << 8 | buf[i + 1]);
	if (len & 1)
		sum += (uint32_t)buf[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void icmp_build_echo(uint8_t *buf, const struct icmp_sock_kind *k,
		     uint16_t seq)
{
	uint16_t sum;

	memset(buf, 0, ICMP_PKT_LEN);
	buf[0] = k->v6 ? ICMP6_ECHO : ICMP4_ECHO;
	buf[4] = (uint8_t)(k->id >> 8);
	buf[5] = (uint8_t)k->id;
	buf[6] = (uint8_t)(seq >> 8);
	buf[7] = (uint8_t)seq;
	memcpy(buf + 8, magic, sizeof(magic));
	if (!k->v6) {
		sum = icmp_checksum(buf, ICMP_PKT_LEN);
		buf[2] = (uint8_t)(sum >> 8);
		buf[3] = (uint8_t)sum;
	}
}

/* Big-endian 16-bit value at P. */
static int be16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

/* Skip an IPv4 header at BUF; returns its length or 0 when malformed. */
static size_t ip4_header_len(const uint8_t *buf, size_t len)
{
	size_t ihl;

	if (len < 20 || (buf[0] >> 4) != 4)
		return 0;
	ihl = (size_t)(buf[0] & 15) * 4;
	return ihl >= 20 && ihl <= len ? ihl : 0;
}

/* Our echo request quoted inside an unreachable message: its seq. */
static int quoted_seq(const uint8_t *in, size_t len,
		      const struct icmp_sock_kind *k)
{
	size_t hl = k->v6 ? 40 : ip4_header_len(in, len);

	if (hl == 0 || len < hl + 8)
		return -1;
	in += hl;
	if (in[0] != (k->v6 ? ICMP6_ECHO : ICMP4_ECHO))
		return -1;
	if (k->raw && be16(in + 4) != k->id)
		return -1;
	return be16(in + 6);
}

struct icmp_seen icmp_parse(const uint8_t *buf, size_t len,
			    const struct icmp_sock_kind *k)
{
	struct icmp_seen s = { ICMP_SEEN_OTHER, -1, 0, 0 };
	size_t hl = 0;

	if (k->raw && !k->v6 && !(hl = ip4_header_len(buf, len)))
		return s;
	buf += hl;
	len -= hl;
	if (len < 8)
		return s;
	s.type = buf[0];
	s.code = buf[1];
	if (s.type == (k->v6 ? ICMP6_REPLY : ICMP4_REPLY)) {
		if (len < 16 || memcmp(buf + 8, magic, sizeof(magic)) ||
		    (k->raw && be16(buf + 4) != k->id))
			return s;
		s.kind = ICMP_SEEN_REPLY;
		s.seq = be16(buf + 6);
	} else if (s.type == (k->v6 ? ICMP6_UNREACH : ICMP4_UNREACH)) {
		s.seq = quoted_seq(buf + 8, len - 8, k);
		if (s.seq >= 0)
			s.kind = ICMP_SEEN_UNREACH;
	}
	return s;
}

int icmp_request_seq(const uint8_t *buf, size_t len)
{
	if (len < 16 || (buf[0] != ICMP4_ECHO && buf[0] != ICMP6_ECHO) ||
	    memcmp(buf + 8, magic, sizeof(magic)))
		return -1;
	return be16(buf + 6);
}

const char *icmp_unreach_name(bool v6, int code)
{
	static const char *const v4[] = {
		"net", "host", "protocol", "port", "fragmentation_needed",
		"source_route_failed", "net_unknown", "host_unknown",
		"source_isolated", "net_prohibited", "host_prohibited",
		"net_tos", "host_tos", "admin_prohibited", "precedence_violation",
		"precedence_cutoff"
	};
	static const char *const six[] = {
		"no_route", "admin_prohibited", "beyond_scope", "address",
		"port", "policy_failed", "reject_route"
	};

	if (v6)
		return code >= 0 && code < 7 ? six[code] : "other";
	return code >= 0 && code < 16 ? v4[code] : "other";
}
