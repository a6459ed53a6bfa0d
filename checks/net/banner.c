/* banner.c — the `banner` probe: connect to the address reach found open
 * and read the greeting with a deadline, bounded in bytes.  It sees what
 * the libraries hide: a reset before any byte, a FIN with no greeting,
 * another protocol on the port, a greeting that drips or never ends.
 *
 * Its details keys are listed in banner_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "i18n.h"
#include "reply.h"
#include "run.h"
#include "tcpconn.h"
#include "util.h"
#include "loop.h"

#define BANNER_MAX_BYTES 65536 /* a 10 MB greeting is read no further */
#define BANNER_RAW_WAIT_MS 1000 /* tcp://: a service that speaks first
				 * does so at once; silence after this is
				 * recorded as silence (normal there) */
/* A POP3/IMAP greeting line longer than this never ends (RFC 1939 and
 * RFC 2449 allow 512 octets; the rest past mline is read, not kept). */
#define BANNER_MAIL_LINE_MAX 8192

/* The probe's state. */
struct banner_state {
	struct tcpconn *conn;       /* the connection */
	struct loop_timer *timer;   /* greeting deadline */
	struct reply_parser rp;     /* the greeting so far */
	unsigned char head[256];    /* first bytes, for sniffing */
	size_t nhead;               /* used in head */
	size_t bytes;               /* bytes received */
	int64_t t_connected;        /* ms since run start */
	int64_t t_connected_us;     /* the same moment, CLOCK_MONOTONIC µs */
	int64_t first_byte_ms;      /* -1 until the first byte */
	bool nudged;                /* sent QUIT into the silence */
	bool halfway;               /* the first half of the limit is over */
	char mline[1024];           /* POP3/IMAP: the greeting line so far */
	size_t nmline;              /* used in mline */
};

/* Run when reach found an open address and the port speaks plain text. */
static bool banner_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->open_addr < 0) {
		str_copy(reason, _("no open address to read a greeting from"),
			 size);
		return false;
	}
	if (p->run->target.tls == TLS_IMPLICIT &&
	    p->run->target.proto == PROTO_TCP) {
		str_copy(reason, _("implicit TLS: the tcp.tls probe does the handshake"),
			 size);
		return false;
	}
	if (p->run->target.tls == TLS_IMPLICIT) {
		str_copy(reason, _("implicit TLS: the tls probe reads the greeting"),
			 size);
		return false;
	}
	return true;
}

/* Store the sniffed kind and the first bytes when they are not a reply. */
static void record_sniff(struct probe *p, struct banner_state *st)
{
	enum sniff s = reply_sniff(st->head, st->nhead);

	probe_set_str(p, "sniff", sniff_name(s));
	probe_set_int(p, "bytes", (long long)st->bytes);
	str_copy(p->run->facts.banner_sniff, sniff_name(s),
		 sizeof(p->run->facts.banner_sniff));
	p->run->facts.banner_bytes = (long long)st->bytes;
	probe_set_int(p, "first_byte_ms", st->first_byte_ms);
	probe_set_int(p, "elapsed_ms", probe_elapsed(p) - st->t_connected);
	if (st->t_connected_us > 0)
		probe_set_real(p, "greeting_ms",
			       (loop_clock_us() - st->t_connected_us) / 1000.0);
	if (s != SNIFF_REPLY && st->nhead)
		probe_set_text(p, "raw", (const char *)st->head, st->nhead);
}

/* End with RESULT; SUMMARY already translated. */
static void end(struct probe *p, const char *result, enum probe_status status,
		const char *summary)
{
	if (probe_done(p))
		return; /* a late deadline after the greeting, or the reverse */
	record_sniff(p, p->state);
	probe_set_str(p, "result", result);
	str_copy(p->run->facts.banner_result, result,
		 sizeof(p->run->facts.banner_result));
	probe_finish(p, status, "%s", summary);
}

/* A whole greeting arrived: classify it by its code. */
static void got_greeting(struct probe *p, const struct reply *r)
{
	struct banner_state *st = p->state;
	char sum[256], text[161];

	probe_set_int(p, "code", r->code);
	probe_set_str(p, "text", r->text);
	probe_set_int(p, "lines", r->nlines);
	probe_set_bool(p, "truncated", r->truncated);
	/* Cut on a character first: "%.160s" alone cuts bytes. */
	str_copy(text, r->text, sizeof(text));
	str_printf(sum, sizeof(sum), _("greeting %d %.160s"), r->code, text);
	/* 220 after the halfway nudge is the server's own greeting, only
	 * slow (QUIT is answered 221, or 500 by a TLS port): the port is
	 * not a silent one for the probes after us. */
	if (st->nudged && r->code == 220)
		p->run->facts.banner_nudged = false;
	if (st->first_byte_ms > run_timeout_ms(p->run)) {
		probe_set_bool(p, "late", true);
		str_printf(sum, sizeof(sum), _("greeting %d after %lld ms, later than --timeout"),
			   r->code, (long long)st->first_byte_ms);
		end(p, "greeting", r->code / 100 == 2 ? PROBE_WARN : PROBE_FAIL,
		    sum);
		return;
	}
	end(p, "greeting", r->code / 100 == 2 ? PROBE_OK : PROBE_FAIL, sum);
}

/* True once the first bytes are surely not an SMTP/FTP reply; a dripping
 * server's "2" is not judged until a line or a few bytes are in. */
static bool foreign(const struct banner_state *st)
{
	enum sniff s = reply_sniff(st->head, st->nhead);
	bool settled = st->nhead >= 8 || memchr(st->head, '\n', st->nhead);

	if (s == SNIFF_TLS || s == SNIFF_BINARY)
		return true;
	return s > SNIFF_REPLY && settled;
}

/* A whole POP3/IMAP greeting line L: "+OK"/"-ERR" (RFC 1939 4), "* OK",
 * "* PREAUTH" or "* BYE" (RFC 9051 7.1); anything else is not this
 * protocol. */
static void got_mail_greeting(struct probe *p, const char *l)
{
	bool imap = p->run->target.proto == PROTO_IMAP;
	struct banner_state *st = p->state;
	const char *rest = "", *status = reply_mail_greeting(l, imap, &rest);
	char text[REPLY_TEXT_MAX], sum[256];
	bool good;

	if (!status) {
		end(p, "other", PROBE_FAIL, _("the port speaks another protocol"));
		return;
	}
	good = !strcmp(status, "+OK") || !strcmp(status, "OK") ||
	       !strcmp(status, "PREAUTH");
	sanitize(rest, strlen(rest), text, sizeof(text), false);
	probe_set_str(p, "status", status);
	probe_set_str(p, "text", text);
	probe_set_int(p, "lines", 1);
	probe_set_bool(p, "truncated", false);
	str_printf(sum, sizeof(sum), _("greeting %s %.160s"), status, text);
	if (st->nudged && good) /* a slow greeting, not a silent port */
		p->run->facts.banner_nudged = false;
	if (st->first_byte_ms > run_timeout_ms(p->run)) {
		probe_set_bool(p, "late", true);
		str_printf(sum, sizeof(sum), _("greeting %s after %lld ms, "
			   "later than --timeout"), status,
			   (long long)st->first_byte_ms);
		end(p, "greeting", good ? PROBE_WARN : PROBE_FAIL, sum);
		return;
	}
	end(p, "greeting", good ? PROBE_OK : PROBE_FAIL, sum);
}

/* POP3/IMAP: gather the one greeting line; a TLS record or binary bytes
 * end it at once (a client set to TLS meets such a port). */
static void feed_mail(struct probe *p, const char *buf, size_t n)
{
	struct banner_state *st = p->state;
	enum sniff s = reply_sniff(st->head, st->nhead);
	size_t i;

	for (i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			while (st->nmline && st->mline[st->nmline - 1] == '\r')
				st->nmline--;
			st->mline[st->nmline] = '\0';
			got_mail_greeting(p, st->mline);
			return;
		}
		if (st->nmline < sizeof(st->mline) - 1)
			st->mline[st->nmline++] = buf[i];
	}
	if (s == SNIFF_TLS || s == SNIFF_BINARY)
		end(p, "other", PROBE_FAIL, _("the port speaks another protocol"));
	else if (st->bytes >= BANNER_MAIL_LINE_MAX)
		end(p, "overlong", PROBE_FAIL, _("the greeting never ends"));
}

/* True for a tcp:// target: no protocol to expect, any first bytes (or
 * none) are the service's normal behaviour. */
static bool raw_mode(const struct probe *p)
{
	return p->run->target.proto == PROTO_TCP;
}

/* tcp://: the service spoke first; wait a moment for the rest of its
 * first message (a line or the first read), then record it. */
static void raw_feed(struct probe *p, struct banner_state *st)
{
	char sum[256], text[121];

	if (!memchr(st->head, '\n', st->nhead) && st->nhead < sizeof(st->head) &&
	    st->bytes < 16)
		return; /* a drip: let more come until the deadline */
	sanitize((const char *)st->head, st->nhead, text, sizeof(text), false);
	probe_set_text(p, "raw", (const char *)st->head, st->nhead);
	str_printf(sum, sizeof(sum), _("the service spoke first: %zu bytes (%s) \"%.80s\""),
		   st->bytes, sniff_name(reply_sniff(st->head, st->nhead)), text);
	end(p, "data", PROBE_OK, sum);
}

/* Feed received bytes to the parser and the sniffer. */
static void feed(struct probe *p, const char *buf, size_t n)
{
	struct banner_state *st = p->state;
	struct reply r;
	size_t used;
	enum reply_status rs;

	if (st->first_byte_ms < 0)
		st->first_byte_ms = probe_elapsed(p) - st->t_connected;
	if (st->nhead < sizeof(st->head)) {
		size_t k = n < sizeof(st->head) - st->nhead ?
			   n : sizeof(st->head) - st->nhead;

		memcpy(st->head + st->nhead, buf, k);
		st->nhead += k;
	}
	st->bytes += n;
	probe_transcript(p, TS_RECV, buf, n);
	if (raw_mode(p)) {
		raw_feed(p, st);
		return;
	}
	if (proto_is_mailrecv(p->run->target.proto)) {
		feed_mail(p, buf, n);
		return;
	}
	rs = reply_feed(&st->rp, buf, n, &used, &r);
	if (rs == REPLY_DONE)
		got_greeting(p, &r);
	else if (rs == REPLY_ENDLESS)
		end(p, "overlong", PROBE_FAIL, _("the greeting never ends"));
	else if (rs == REPLY_BAD || foreign(st))
		end(p, "other", PROBE_FAIL, _("the port speaks another protocol"));
	else if (st->bytes >= BANNER_MAX_BYTES)
		end(p, "overlong", PROBE_FAIL, _("the greeting never ends"));
}

static void on_deadline(void *arg);

/* The connection has data, an EOF or an error. */
static void on_read(int fd, unsigned events, void *arg)
{
	struct probe *p = arg;
	struct banner_state *st = p->state;
	char buf[4096];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n > 0) {
		feed(p, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	loop_unwatch(p->run->loop, fd);
	if (n == 0) {
		probe_info(p, "connection closed by the server (FIN) after %zu bytes",
			   st->bytes);
		if (raw_mode(p) && st->bytes) {
			end(p, "closed", PROBE_WARN,
			    _("the service sent its first bytes and closed the connection (FIN)"));
			return;
		}
		end(p, "closed", PROBE_FAIL,
		    st->bytes ? _("the server closed the connection in the middle of its greeting")
			      : _("the server closed the connection without a greeting"));
		return;
	}
	probe_set_str(p, "errno", errno_name(errno));
	probe_info(p, "%s after %zu bytes", errno_name(errno), st->bytes);
	end(p, errno == ECONNRESET ? "reset" : "error", PROBE_FAIL,
	    errno == ECONNRESET ? _("the connection was reset before the greeting was complete")
				: _("the connection failed while reading the greeting"));
}

/* Silence: say QUIT, which every SMTP/FTP server takes calmly, while an
 * HTTP server answers 400 and a TLS server an alert: the reply tells what
 * listens.  Halfway through the step limit: the nudge goes out (when
 * nothing came yet) and the rest of the limit is waited, so the probe
 * never runs longer than --timeout.  False when the limit is over. */
static bool nudge(struct probe *p, struct banner_state *st)
{
	static const char quit[] = "QUIT\r\n";
	int wait = run_timeout_ms(p->run) - run_timeout_ms(p->run) / 2;

	if (st->halfway)
		return false;
	st->halfway = true;
	if (!st->bytes && send(tcpconn_fd(st->conn), quit, sizeof(quit) - 1,
			       MSG_NOSIGNAL) == (ssize_t)sizeof(quit) - 1) {
		st->nudged = true;
		probe_set_bool(p, "nudged", true);
		p->run->facts.banner_nudged = true;
		probe_transcript(p, TS_SENT, quit, sizeof(quit) - 1);
	}
	/* A greeting under way gets the rest of the limit too. */
	st->timer = loop_timer_add(p->run->loop, wait, on_deadline, p);
	return true;
}

/* No complete greeting within the deadline. */
static void on_deadline(void *arg)
{
	struct probe *p = arg;
	struct banner_state *st = p->state;

	st->timer = NULL;
	if (raw_mode(p)) {
		loop_unwatch(p->run->loop, tcpconn_fd(st->conn));
		if (st->bytes) {
			probe_set_text(p, "raw", (const char *)st->head, st->nhead);
			end(p, "data", PROBE_OK, _("the service spoke first"));
		} else {
			end(p, "silent", PROBE_OK,
			    _("connected; the service waits for the client to speak first (normal for many protocols)"));
		}
		return;
	}
	if (nudge(p, st))
		return;
	loop_unwatch(p->run->loop, tcpconn_fd(st->conn));
	probe_info(p, "no complete greeting after %lld ms (%zu bytes)",
		   (long long)(probe_elapsed(p) - st->t_connected), st->bytes);
	end(p, "timeout", PROBE_FAIL,
	    st->bytes ? _("the greeting did not complete in time")
		      : _("connected, but the server said nothing"));
}

/* Connected at AT_US (loop_clock_us): wait for the greeting. */
static void read_greeting(struct probe *p, struct tcpconn *c, int64_t at_us)
{
	struct banner_state *st = p->state;

	st->t_connected = at_us / 1000 - p->run->t0;
	st->t_connected_us = at_us;
	probe_info(p, "connected");
	loop_watch(p->run->loop, tcpconn_fd(c), LOOP_IN, on_read, p);
	/* tcp://: one short wait; else half the step limit before the
	 * nudge, the other half after. */
	st->timer = loop_timer_add(p->run->loop, !raw_mode(p) ?
				   run_timeout_ms(p->run) / 2 :
				   run_timeout_ms(p->run) > BANNER_RAW_WAIT_MS ?
				   BANNER_RAW_WAIT_MS : run_timeout_ms(p->run),
				   on_deadline, p);
}

/* The handshake ended: start reading, or record why it failed. */
static void on_connect(struct tcpconn *c, int err, void *arg)
{
	struct probe *p = arg;

	probe_set_real(p, "connect_ms", tcpconn_elapsed_us(c) / 1000.0);
	if (err) {
		probe_set_str(p, "errno", errno_name(err));
		end(p, tcpconn_result(err), PROBE_FAIL,
		    _("the connection for the greeting failed"));
		return;
	}
	read_greeting(p, c, loop_clock_us());
}

/* Connect to the first open address. */
static void banner_start(struct probe *p)
{
	struct run *run = p->run;
	struct banner_state *st = probe_state_new(p, sizeof(*st), NULL);
	struct sockaddr *sa = (struct sockaddr *)&run->addrs[run->open_addr].sa;
	char where[320];

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->first_byte_ms = -1;
	reply_parser_init(&st->rp);
	probe_set_str(p, "address",
		      netpath_addr_port_shown(run, sa, where, sizeof(where)));
	if (run->handover) {
		/* reach's connection (reach.c, hand_over): its handshake
		 * time, and the greeting timed from its end. */
		st->conn = run->handover;
		run->handover = NULL;
		probe_set_str(p, "connection", "reach");
		probe_set_real(p, "connect_ms",
			       tcpconn_elapsed_us(st->conn) / 1000.0);
		read_greeting(p, st->conn, run->handover_us);
		return;
	}
	probe_set_str(p, "connection", "own");
	st->conn = netpath_connect(run, sa, run_timeout_ms(run), on_connect,
				 p);
	if (!st->conn)
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
}

/* Stop the timer and close the connection (the chain frees the state). */
static void banner_cleanup(struct probe *p)
{
	struct banner_state *st = p->state;

	if (!st)
		return;
	loop_timer_cancel(p->run->loop, st->timer);
	if (st->conn) {
		/* QUIT politely would be nicer, but the session is not ours
		 * to continue; a plain close is what clients do on error. */
		tcpconn_free(st->conn);
	}
}

/* Monitoring figures: how long the probe took; the TCP handshake and
 * then the wait to the end of the greeting on the same connection (reach
 * runs beside the other first probes, its times include their start). */
static const struct probe_perf banner_perf[] = {
	{ "banner", NULL, "s", 0, 0, "the banner probe" },
	{ "connect", "connect_ms", "s", 0.001, PERF_STEP, "TCP handshake" },
	{ "greeting", "greeting_ms", "s", 0.001, PERF_STEP,
	  "TCP connected to the end of the greeting" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail banner_details[] = {
	{ "address", DT_STR, NULL, "address connected to" },
	{ "connection", DT_STR, NULL,
	  "\"reach\": the greeting was read on reach's connection (the "
	  "usual case); \"own\": banner connected again (reach's was "
	  "stale: it waited for another, silent address)" },
	{ "connect_ms", DT_REAL, "ms", "handshake time" },
	{ "result", DT_STR, NULL,
	  "greeting|reset|closed|timeout|refused|filtered|unreachable|err"
	  "or, other (another protocol), overlong (the greeting never "
	  "ends); tcp:// only: data (the service spoke first), silent "
	  "(it waits for the client: normal)" },
	{ "errno", DT_STR, NULL, "errno name of a failed connect or read" },
	{ "bytes", DT_INT, "bytes", "bytes read" },
	{ "first_byte_ms", DT_INT, "ms", "time to the first byte" },
	{ "elapsed_ms", DT_INT, "ms", "time to the end of the greeting" },
	{ "greeting_ms", DT_REAL, "ms",
	  "the same to the microsecond (the monitoring figure)" },
	{ "sniff", DT_STR, NULL,
	  "what the bytes look like: "
	  "reply|http|ssh|tls|pop3|imap|binary|text|empty" },
	{ "code", DT_INT, NULL, "reply code of the greeting" },
	{ "status", DT_STR, NULL,
	  "POP3/IMAP greeting status: +OK|-ERR|OK|PREAUTH|BYE" },
	{ "text", DT_STR, NULL, "greeting text (sanitized)" },
	{ "lines", DT_INT, NULL, "lines of the greeting" },
	{ "truncated", DT_BOOL, NULL,
	  "the greeting was cut at the byte bound" },
	{ "raw", DT_STR, NULL, "first bytes (sanitized) when not a reply" },
	{ "nudged", DT_BOOL, NULL,
	  "a silent port got \"QUIT\" (HTTP answers 400, TLS an alert)" },
	{ "late", DT_BOOL, NULL, "the greeting came only after --timeout" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_banner = {
	.id = "banner",
	.deps = { "reach" },
	.applies = banner_applies,
	.start = banner_start,
	.cleanup = banner_cleanup,
	.perf = banner_perf,
	.details = banner_details,
	.tells_apart = N_("waits for the greeting: the right protocol, a "
		"421/554 refusal (POP3 -ERR, IMAP * BYE), a reset before any "
		"byte, or silence"),
};
