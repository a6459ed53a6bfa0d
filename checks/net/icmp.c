/* icmp.c — the `icmp` probe: up to three echo requests, 20 ms apart, to
 * each of the first resolved addresses, on the loop.  It ends as soon as
 * every address answered once (or said unreachable), and it never holds
 * a run whose port answered: then ping cannot change the diagnosis, so
 * it concludes after a short grace (settle) with what came in.  An unprivileged ICMP socket
 * is used where net.ipv4.ping_group_range allows it, a raw socket when we
 * have the privilege, and otherwise the probe is skipped.  Silence is not
 * a cause (many hosts drop ping); an explicit unreachable is. */
#include "config.h"

#include "checks.h"

#include <errno.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "i18n.h"
#include "icmp_int.h"
#include "run.h"
#include "util.h"
#include "loop.h"

/* Open a non-blocking ICMP socket for FAMILY: dgram first, raw second.
 * Returns the fd or -errno of the dgram attempt. */
static int open_icmp(int family, bool *raw)
{
	int proto = family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	int flags = SOCK_NONBLOCK | SOCK_CLOEXEC, fd, err, on = 1;

	*raw = false;
	fd = socket(family, SOCK_DGRAM | flags, proto);
	if (fd >= 0) {
		if (family == AF_INET6)
			setsockopt(fd, SOL_IPV6, IPV6_RECVERR, &on, sizeof(on));
		else
			setsockopt(fd, SOL_IP, IP_RECVERR, &on, sizeof(on));
		return fd;
	}
	err = errno;
	fd = socket(family, SOCK_RAW | flags, proto);
	if (fd >= 0) {
		*raw = true;
		return fd;
	}
	return -err;
}

/* A reply to request SEQ arrived: count it and its round-trip time. */
static void got_reply(struct icmp_target *t, int seq)
{
	double rtt;

	if (seq < 0 || seq >= t->sent || t->got[seq])
		return;
	t->got[seq] = true;
	rtt = (double)(loop_clock_us() - t->sent_us[seq]) / 1000.0;
	if (!t->received || rtt < t->rtt_min)
		t->rtt_min = rtt;
	if (!t->received || rtt > t->rtt_max)
		t->rtt_max = rtt;
	t->rtt_sum += rtt;
	t->received++;
}

/* An unreachable about one of our requests arrived; EXACT when CODE
 * comes from the ICMP message itself (it wins over one guessed from a
 * socket errno, which may be read first). */
static void got_unreach(struct icmp_target *t, int code, bool exact)
{
	if (t->unreach && (t->unreach_exact || !exact))
		return;
	probe_info(t->st->p, "%s: ICMP destination unreachable (%s)",
		   t->addr, icmp_unreach_name(t->kind.v6, code));
	t->unreach = true;
	t->unreach_code = code;
	t->unreach_exact = exact;
}

/* The socket errno said unreachable: a guess at the code. */
static void errno_unreach(struct icmp_target *t, int err)
{
	if (err == EHOSTUNREACH || err == ENETUNREACH)
		got_unreach(t, err == ENETUNREACH ? 0 : 1, false);
}

/* Read one message of the error queue (IP_RECVERR); false when empty. */
static bool read_errqueue(struct icmp_target *t)
{
	uint8_t data[256], ctrl[512];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = ctrl,
			      .msg_controllen = sizeof(ctrl) };
	struct cmsghdr *c;
	ssize_t n = recvmsg(t->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);

	if (n < 0)
		return false;
	/* The queued copy of the request must be one of ours. */
	if (icmp_request_seq(data, (size_t)n) < 0)
		return true;
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		const struct sock_extended_err *ee =
			(const void *)CMSG_DATA(c);

		if (!((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
		      (c->cmsg_level == SOL_IPV6 &&
		       c->cmsg_type == IPV6_RECVERR)))
			continue;
		if ((ee->ee_origin == SO_EE_ORIGIN_ICMP && ee->ee_type == 3) ||
		    (ee->ee_origin == SO_EE_ORIGIN_ICMP6 && ee->ee_type == 1))
			got_unreach(t, ee->ee_code, true);
		else if (ee->ee_errno)
			t->err = (int)ee->ee_errno;
	}
	return true;
}

/* Read one datagram; false when nothing is left. */
static bool read_packet(struct icmp_target *t)
{
	uint8_t buf[1500];
	struct icmp_seen s;
	ssize_t n = recv(t->fd, buf, sizeof(buf), MSG_DONTWAIT);

	if (n < 0) {
		int err = errno;

		if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR)
			return false;
		t->err = err;
		errno_unreach(t, err);
		/* A pending socket error was consumed: the ICMP message
		 * itself may follow (raw sockets). */
		return err == EHOSTUNREACH || err == ENETUNREACH;
	}
	s = icmp_parse(buf, (size_t)n, &t->kind);
	if (s.kind == ICMP_SEEN_REPLY)
		got_reply(t, s.seq);
	else if (s.kind == ICMP_SEEN_UNREACH && s.seq >= 0 && s.seq < t->sent)
		got_unreach(t, s.code, true);
	return true;
}

static void check_done(struct icmp_state *st);

/* Something to read on a target's socket: errors first, then replies. */
static void on_readable(int fd, unsigned events, void *arg)
{
	struct icmp_target *t = arg;
	int i;

	(void)fd;
	(void)events;
	for (i = 0; i < ICMP_READS_PER_EVENT && read_errqueue(t); i++)
		;
	for (i = 0; i < ICMP_READS_PER_EVENT && read_packet(t); i++)
		;
	check_done(t->st);
}

/* Send request number ROUND to every target still worth asking. */
static void send_round(struct icmp_state *st)
{
	uint8_t pkt[ICMP_PKT_LEN];
	int i;

	for (i = 0; i < st->n; i++) {
		struct icmp_target *t = &st->t[i];

		if (t->fd < 0 || t->unreach)
			continue;
		icmp_build_echo(pkt, &t->kind, (uint16_t)st->round);
		t->sent_us[st->round] = loop_clock_us();
		if (send(t->fd, pkt, sizeof(pkt), 0) < 0) {
			t->err = errno;
			/* The kernel knows already: no route, or a cached
			 * ICMP error for this destination. */
			errno_unreach(t, errno);
			continue;
		}
		t->sent = st->round + 1;
	}
	st->round++;
}

/* Round timer: send, and schedule the next round. */
static void on_send_timer(void *arg)
{
	struct icmp_state *st = arg;

	st->send_timer = NULL;
	if (probe_done(st->p))
		return;
	send_round(st);
	if (st->round < ICMP_ECHOES)
		st->send_timer = loop_timer_add(st->p->run->loop,
						ICMP_SPACING_MS, on_send_timer,
						st);
	check_done(st);
}

/* Finish once every target answered once (or said unreachable): the
 * first reply tells all the diagnosis needs from ping. */
static void check_done(struct icmp_state *st)
{
	int i;

	if (probe_done(st->p))
		return;
	for (i = 0; i < st->n; i++) {
		const struct icmp_target *t = &st->t[i];

		if (t->fd >= 0 && !t->unreach && t->received == 0)
			return;
	}
	icmp_conclude(st);
}

/* The deadline: conclude with what came. */
static void on_deadline(void *arg)
{
	struct icmp_state *st = arg;

	st->deadline = NULL;
	icmp_conclude(st);
}

/* The grace is over: conclude with what came in. */
static void on_grace(void *arg)
{
	struct icmp_state *st = arg;

	st->grace = NULL;
	st->settled = true;
	icmp_conclude(st);
}

/* The slowest TCP handshake reach measured on a port that answered, in
 * microseconds; -1 when the port is filtered (ping then matters) or
 * reach has nothing to say. */
static int64_t reach_rtt_us(struct run *run)
{
	json_t *addrs = NULL, *a;
	struct probe *r = run_probe(run, "reach");
	double worst = 0;
	size_t i;

	if (r)
		addrs = json_object_get(r->details, "addresses");
	if (!r || !probe_done(r) || !json_array_size(addrs))
		return -1;
	json_array_foreach(addrs, i, a) {
		const char *res = json_string_value(json_object_get(a, "result"));
		double ms = json_number_value(json_object_get(a, "connect_ms"));

		if (!res || !strcmp(res, "filtered"))
			return -1;
		if (ms > worst)
			worst = ms;
	}
	return (int64_t)(worst * 1000);
}

/* Every other probe is done.  Unless the port was filtered (then "the
 * host answers ping" is evidence), wait at most a couple of handshake
 * times after the first echo for a reply or unreachable, then conclude. */
static void icmp_settle(struct probe *p)
{
	struct icmp_state *st = p->state;
	int64_t rtt = reach_rtt_us(p->run), first = -1, wait_us;
	int i;

	if (!st || st->grace || probe_done(p) || rtt < 0)
		return;
	for (i = 0; i < st->n; i++)
		if (st->t[i].sent > 0 &&
		    (first < 0 || st->t[i].sent_us[0] < first))
			first = st->t[i].sent_us[0];
	wait_us = first < 0 ? 0 : first + ICMP_GRACE_RTTS * rtt +
			      ICMP_GRACE_MIN_US - loop_clock_us();
	st->grace = loop_timer_add(p->run->loop,
				   wait_us > 0 ? (wait_us + 999) / 1000 : 0,
				   on_grace, st);
}

/* The kernel's unprivileged-ping setting, for the skipped reason. */
static void ping_range(char *buf, size_t size)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ping_group_range", "re");
	unsigned lo = 0, hi = 0;

	str_copy(buf, "?", size);
	if (!f)
		return;
	if (fscanf(f, "%u %u", &lo, &hi) == 2)
		str_printf(buf, size, "%u %u", lo, hi);
	fclose(f);
}

/* Open and connect target I's socket for address RA; -errno when no
 * ICMP socket can be had at all (privileges), 0 otherwise. */
static int open_target(struct icmp_state *st, int i,
		       const struct run_addr *ra)
{
	struct icmp_target *t = &st->t[i];
	struct sockaddr_storage sa = ra->sa;
	bool raw;
	int fd;

	t->st = st;
	t->fd = -1;
	t->kind.v6 = sa.ss_family == AF_INET6;
	t->kind.id = (uint16_t)(getpid() * 31 + i);
	addr_to_str((struct sockaddr *)&sa, t->addr, sizeof(t->addr));
	fd = open_icmp(sa.ss_family, &raw);
	if (fd >= 0 && netpath_bind(st->p->run, fd, sa.ss_family) < 0) {
		t->err = errno;
		close(fd);
		return -t->err;
	}
	if (fd < 0)
		return t->err = -fd, fd;
	t->kind.raw = raw;
	st->method = raw ? "raw" : "dgram";
	addr_set_port((struct sockaddr *)&sa, 0);
	if (connect(fd, (struct sockaddr *)&sa,
		    addr_len((struct sockaddr *)&sa)) < 0) {
		t->err = errno;
		close(fd);
		/* No route: the kernel answers for the network.  Any other
		 * refusal is reported on the target (we had the socket). */
		errno_unreach(t, t->err);
		return 0;
	}
	if (loop_watch(st->p->run->loop, fd, LOOP_IN, on_readable, t) < 0) {
		t->err = ENOMEM;
		close(fd);
		return -t->err;
	}
	t->fd = fd;
	return 0;
}

/* Ping needs addresses. */
static bool icmp_applies(struct probe *p, char *reason, size_t size)
{
	if (netpath_proxied(p->run)) {
		netpath_no_proxy_reason(p->run, reason, size);
		return false;
	}
	if (p->run->naddrs > 0)
		return true;
	str_copy(reason, _("no address to ping"), size);
	return false;
}

/* Open a socket per address and send the first round. */
static void icmp_start(struct probe *p)
{
	struct icmp_state *st = probe_state_new(p, sizeof(*st), NULL);
	int i, opened = 0, err = 0;
	char range[32];

	if (!st) {
		probe_finish(p, PROBE_ERROR, _("out of memory"));
		return;
	}
	st->p = p;
	st->n = p->run->naddrs < ICMP_MAX_TARGETS ? p->run->naddrs
						   : ICMP_MAX_TARGETS;
	for (i = 0; i < st->n; i++) {
		int r = open_target(st, i, &p->run->addrs[i]);

		if (r == 0)
			opened++;
		else if (!err)
			err = -r;
	}
	if (!opened) {
		ping_range(range, sizeof(range));
		probe_set_str(p, "socket_error", errno_name(err));
		probe_set_str(p, "ping_group_range", range);
		probe_finish(p, PROBE_SKIPPED,
			     _("cannot send ICMP: unprivileged ping not allowed (net.ipv4.ping_group_range = %s) and no raw-socket privilege (%s)"),
			     range, errno_name(err));
		return;
	}
	st->deadline = loop_timer_add(p->run->loop, run_timeout_ms(p->run),
				      on_deadline, st);
	on_send_timer(st);
}

/* Close the sockets and stop the timers. */
static void icmp_cleanup(struct probe *p)
{
	struct icmp_state *st = p->state;
	int i;

	if (!st)
		return;
	for (i = 0; i < st->n; i++) {
		if (st->t[i].fd >= 0) {
			loop_unwatch(p->run->loop, st->t[i].fd);
			close(st->t[i].fd);
		}
	}
	loop_timer_cancel(p->run->loop, st->send_timer);
	loop_timer_cancel(p->run->loop, st->deadline);
	loop_timer_cancel(p->run->loop, st->grace);
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail icmp_details[] = {
	{ "method", DT_STR, NULL,
	  "socket used: \"dgram\" | \"raw\" | \"none\"" },
	{ "count", DT_INT, NULL,
	  "echo requests per address at most (the first reply ends it)" },
	{ "interval_ms", DT_INT, "ms", "spacing of the requests" },
	{ "replied", DT_INT, NULL, "addresses that answered" },
	{ "received", DT_INT, NULL, "echo replies, all addresses together" },
	{ "settled", DT_BOOL, NULL,
	  "not waited for: the port answered, so ping could not change the "
	  "diagnosis" },
	{ "unreachable_addresses", DT_INT, NULL,
	  "addresses with an ICMP unreachable" },
	{ "targets", DT_ARRAY, NULL,
	  "per address: counts of replies and unreachables, with their "
	  "codes" },
	{ "socket_error", DT_STR, NULL, "why no ICMP socket could be opened" },
	{ "ping_group_range", DT_STR, NULL,
	  "net.ipv4.ping_group_range when it forbids ping sockets" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_icmp = {
	.id = "icmp",
	.deps = { "dns" },
	.applies = icmp_applies,
	.start = icmp_start,
	.cleanup = icmp_cleanup,
	.details = icmp_details,
	.tells_apart = N_("looks for ICMP unreachable messages: no route vs. "
		"a silent drop"),
	.settle = icmp_settle,
};
