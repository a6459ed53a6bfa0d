/* icmp_pkt.h — ICMP/ICMPv6 echo packets for the icmp probe: build a
 * request, and classify what came back (an echo reply of ours, a
 * destination-unreachable about one of ours, or something else).  Pure:
 * unit-testable without sockets. */
#ifndef SOCKDOC_ICMP_PKT_H
#define SOCKDOC_ICMP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ICMP_PKT_LEN 24 /* header 8 + magic 8 + padding 8 */

/* What a received packet is to us. */
enum icmp_seen_kind {
	ICMP_SEEN_OTHER = 0, /* not ours, or not interesting */
	ICMP_SEEN_REPLY,     /* echo reply to one of our requests */
	ICMP_SEEN_UNREACH    /* destination unreachable about one of ours */
};

/* A classified packet. */
struct icmp_seen {
	enum icmp_seen_kind kind; /* what it is */
	int seq;                  /* sequence number of our request */
	int type;                 /* ICMP type (unreachable: 3 or 1) */
	int code;                 /* ICMP code */
};

/* How the socket delivers packets. */
struct icmp_sock_kind {
	bool v6;        /* ICMPv6 */
	bool raw;       /* raw socket: IPv4 packets start with the IP header,
			   and the id must be checked (dgram: kernel does) */
	uint16_t id;    /* our echo identifier (raw sockets) */
};

/* Write an echo request with SEQ into BUF (ICMP_PKT_LEN bytes); the IPv4
 * checksum is filled (the kernel does it for ICMPv6). */
void icmp_build_echo(uint8_t *buf, const struct icmp_sock_kind *k,
		     uint16_t seq);
/* Classify LEN received bytes. */
struct icmp_seen icmp_parse(const uint8_t *buf, size_t len,
			    const struct icmp_sock_kind *k);
/* Classify the copy of our request that comes with an error-queue
 * message (IP_RECVERR): returns its sequence number or -1. */
int icmp_request_seq(const uint8_t *buf, size_t len);
/* Stable token for an unreachable code: "net", "host", "protocol",
 * "port", "admin_prohibited", "no_route", "address"... */
const char *icmp_unreach_name(bool v6, int code);
/* RFC 1071 Internet checksum. */
uint16_t icmp_checksum(const uint8_t *buf, size_t len);

#endif
