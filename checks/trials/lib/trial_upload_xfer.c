/* trial_upload_xfer.c — one measured upload through libcurl's multi
 * interface on the loop, at wire speed: the kernel's own send buffer
 * (autotuned), content copied from a precomputed pattern.  The data
 * socket's TCP_INFO tcpi_bytes_acked is read at progress calls (once a
 * ms), while the last byte waits, and when it closes: that is what the
 * server (or the middlebox) really took, whatever the send buffer holds
 * (the bytes libcurl handed to the kernel are not). */
#include "config.h"

#include "trial_upload.h"

#include <errno.h>
#include <netinet/in.h>
#include <linux/tcp.h> /* tcp_info with tcpi_bytes_acked (glibc lacks it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "curlglue.h"
#include "loop.h"
#include "run.h"
#include "trial_common.h"
#include "util.h"

/* CURLOPT_UPLOAD_BUFFERSIZE, bytes: what each read callback fills and
 * each send(2) takes.  16 KB ones cost the sender too much CPU per byte
 * (1.6 GB/s at best on loopback), 32 and 64 KB ones do not. */
#define UPL_BUFSIZE (32 * 1024)
/* TCP_NOTSENT_LOWAT, bytes: the socket takes more only when less than
 * this is still unsent.  Without it the autotuned send buffer filled with
 * megabytes waiting for the receiver's window (2.6 MB still queued at the
 * last byte on loopback), which the receiver's acknowledgements then
 * pushed out, likely on the receiver's CPU (ours was busy a third of the
 * time): vsftpd became the bottleneck and 64 MB went at ~1.3 GB/s however
 * quiet the machine, where curl -T (whose read(2) of each 64 KB from a
 * file slows its sender) reached 1.4-1.7.  With little unsent, what we
 * write goes out at once from our own send(2): 2.0-2.3 GB/s, 1.3-1.5x
 * curl -T (medians of 21 pairs; a low mark of 16 to 64 KB alike, 128 KB
 * less good).  It bounds no bytes in flight: links with a large
 * bandwidth-delay product are not slowed. */
#define UPL_NOTSENT_LOWAT (32 * 1024)
#define UPL_SNDBUF_SLOW 32768    /* throttled uploads: ~64 KB in flight */
#define UPL_LINE 78              /* content period: 76 letters, CRLF */
#define UPL_PATTERN (UPL_LINE * 1024) /* a block of whole periods */
#define UPL_TCP_CLOSE 7          /* TCP_CLOSE of include/net/tcp_states.h */
#define UPL_HOLD_POLL_MS 1       /* TCP_INFO polling while the last byte
				  * waits: at most this long between looks */
#define UPL_HOLD_MIN_US 50       /* and at least this long (µs timer) */

const char *upl_result_name(enum upl_result r)
{
	static const char *const names[] = { "ok", "reset", "size_limit",
					     "stall", "error", "budget" };

	return names[r];
}

/* Bytes the peer acknowledged on FD, -1 when unknown. */
static long long bytes_acked(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (fd < 0 || getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	/* The SYN counts as one acknowledged byte. */
	return ti.tcpi_bytes_acked > 0 ? (long long)ti.tcpi_bytes_acked - 1 : 0;
}

/* True when FD's connection was reset (or is closed: a reset that came
 * while libcurl still held it, unnoticed as it had nothing to send). */
static bool was_reset(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	int err = 0;
	socklen_t elen = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 &&
	    (err == ECONNRESET || err == EPIPE))
		return true;
	memset(&ti, 0, sizeof(ti));
	return getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	       ti.tcpi_state == UPL_TCP_CLOSE;
}

/* Keep the highest acknowledged count seen on the data socket. */
static void sample_acked(struct upl *u)
{
	long long a = bytes_acked(u->data_fd);

	if (a > u->acked)
		u->acked = a;
}

static void on_hold(void *arg);
static void hold_poll(struct upl *u);

/* Byte K of the content: 78-byte lines of letters ending in CRLF keep
 * SMTP happy and FTP fine; it depends on K modulo UPL_LINE only. */
static char content_at(long long k)
{
	if (k % UPL_LINE == UPL_LINE - 2)
		return '\r';
	if (k % UPL_LINE == UPL_LINE - 1)
		return '\n';
	return (char)('A' + k % 26);
}

/* The content's first UPL_PATTERN bytes, built once. */
static const char *pattern(void)
{
	static char buf[UPL_PATTERN];
	static bool built;
	size_t i;

	if (!built) {
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = content_at((long long)i);
		built = true;
	}
	return buf;
}

/* CURLOPT_READFUNCTION: generated content (a mail message for SMTP),
 * copied from the pattern in blocks.  The last byte is held back until
 * the server acknowledged all the others: libcurl closes the data
 * connection after the last byte and then waits for the server's final
 * reply without returning to the loop, so a reset or a stall must be
 * seen before (on_hold). */
static size_t on_read(char *buf, size_t size, size_t n, void *arg)
{
	struct upl *u = arg;
	const char *pat = pattern();
	size_t want = size * n, done = 0;
	long long left = u->size - u->generated;

	if (u->reset_seen || u->stalled || u->cut)
		return CURL_READFUNC_ABORT;
	if (u->hold_last && left == 1 && u->data_fd >= 0 &&
	    u->acked < u->generated) {
		sample_acked(u);
		if (u->acked < u->generated) {
			if (!u->held) {
				u->held = true;
				hold_poll(u);
			}
			return CURL_READFUNC_PAUSE;
		}
	}
	if ((long long)want >= left)
		want = (size_t)(left > 1 && u->hold_last ? left - 1 : left);
	while (done < want) {
		size_t off = (size_t)((u->generated + (long long)done) %
				      UPL_LINE);
		size_t chunk = UPL_PATTERN - off;

		if (chunk > want - done)
			chunk = want - done;
		memcpy(buf + done, pat + off, chunk);
		done += chunk;
	}
	if (u->generated == 0 && u->path[0] == '\0' && want >= 40)
		memcpy(buf, "Subject: sockdoc upload trial\r\n\r\n", 33);
	u->generated += (long long)want;
	return want;
}

/* CURLOPT_XFERINFOFUNCTION: progress over time and the acked bytes. */
static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	struct upl *u = arg;
	int64_t now = loop_clock_ms();

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	if ((long long)ulnow > u->ulnow) {
		u->ulnow = (long long)ulnow;
		u->t_change = now;
	} else if (u->ulnow > 0 && u->ulnow < u->size && !u->held &&
		   now - u->t_change > u->max_gap_ms) {
		u->max_gap_ms = now - u->t_change;
	}
	/* TCP_INFO at most once a millisecond while bytes flow: libcurl
	 * calls this twice per buffer it sends, and a getsockopt each time
	 * cost some 6% of the sender's CPU at loopback speed.  The
	 * readings that decide the count are taken where the transfer can
	 * end: on_read's hold, on_hold, on_close and on_done. */
	if (now != u->t_sampled) {
		u->t_sampled = now;
		sample_acked(u);
	}
	if (u->reset_seen)
		return 1;
	/* The budget's share for this upload is over: stop, and say so
	 * (not a stall: the server did nothing wrong). */
	if (u->deadline > 0 && now >= u->deadline && u->ulnow < u->size) {
		u->cut = true;
		return 1;
	}
	/* While the last byte is held, on_hold judges progress by acks. */
	if (u->held)
		return 0;
	/* Our own stall limit: libcurl's low-speed check averages over a
	 * window of seconds; this one is exact to its wake-ups. */
	if (u->ulnow < u->size && now - u->t_change > u->stall_ms) {
		u->stalled = true;
		return 1;
	}
	return 0;
}

/* CURLOPT_SOCKOPTFUNCTION: remember the data socket.  The kernel's send
 * buffer stays as it is (tcpi_bytes_acked needs no small one), except for
 * a throttled upload, whose bytes must trickle over the wire rather than
 * wait in a buffer; a full-speed one keeps little unsent
 * (UPL_NOTSENT_LOWAT; on the control connection too, harmless, and SMTP
 * sends its data there). */
static int on_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct upl *u = arg;
	int sz = UPL_SNDBUF_SLOW, lowat = UPL_NOTSENT_LOWAT;

	(void)purpose;
	if (u->max_speed > 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	else
		setsockopt(fd, IPPROTO_TCP, TCP_NOTSENT_LOWAT, &lowat,
			   sizeof(lowat));
	if (u->rep.ctrl_fd < 0)
		u->rep.ctrl_fd = fd; /* the first connection is the control */
	u->data_fd = fd; /* FTP: the data connection is the last one made */
	return CURL_SOCKOPT_OK;
}

/* Have libcurl run the transfer now (a pause and resume): its callbacks
 * then see a reset, a stall or the deadline and stop. */
static void wake(struct upl *u)
{
	if (!u->easy)
		return;
	curl_easy_pause(u->easy, CURLPAUSE_ALL);
	curl_easy_pause(u->easy, CURLPAUSE_CONT);
}

/* Microseconds until the next look while the last byte waits: half the
 * time the bytes still unacknowledged take at the rate acknowledged so
 * far (the looks close in on the moment), within UPL_HOLD_MIN_US and
 * UPL_HOLD_POLL_MS; the longest when nothing was acknowledged yet. */
static int64_t hold_delay_us(const struct upl *u)
{
	int64_t spent = loop_clock_us() - u->t0_us, us;
	long long left = u->generated - u->acked;

	if (u->acked <= 0 || spent <= 0)
		return UPL_HOLD_POLL_MS * 1000;
	us = (int64_t)((double)left * (double)spent / (double)u->acked / 2);
	if (us < UPL_HOLD_MIN_US)
		return UPL_HOLD_MIN_US;
	return us < UPL_HOLD_POLL_MS * 1000 ? us : UPL_HOLD_POLL_MS * 1000;
}

/* Look again (on_hold) after hold_delay_us().  A µs timer: with the
 * loop's 1 ms steps the wait overshot the drain of the send queue by half
 * a millisecond on average, 1% of a 64 MB upload on loopback.  A loop
 * timer when the kernel gives no timerfd. */
static void hold_poll(struct upl *u)
{
	if (ustimer_arm(&u->hold_us, u->p->run->loop, hold_delay_us(u),
			on_hold, u) == 0)
		return;
	u->hold_timer = loop_timer_add(u->p->run->loop, UPL_HOLD_POLL_MS,
				       on_hold, u);
}

/* Stop looking (either timer). */
static void hold_stop(struct upl *u)
{
	ustimer_stop(&u->hold_us);
	loop_timer_cancel(u->p->run->loop, u->hold_timer);
	u->hold_timer = NULL;
}

/* While the last byte is held back: has the server taken the rest, reset
 * the data connection, or stopped taking bytes?  Then let libcurl go on
 * (its read callback ends a reset or stall); else look again soon. */
static void on_hold(void *arg)
{
	struct upl *u = arg;
	int64_t now = loop_clock_ms();
	long long before = u->acked;

	u->hold_timer = NULL; /* fired (or the µs timer did) */
	sample_acked(u);
	if (u->acked > before)
		u->t_change = now;
	if (u->data_fd >= 0 && was_reset(u->data_fd))
		u->reset_seen = true;
	if (now - u->t_change > u->stall_ms)
		u->stalled = true;
	if (u->deadline > 0 && now >= u->deadline)
		u->cut = true;
	if (u->reset_seen || u->stalled || u->cut || u->data_fd < 0 ||
	    u->acked >= u->generated) {
		u->held = false;
		hold_stop(u);
		if (u->easy)
			curl_easy_pause(u->easy, CURLPAUSE_CONT);
		return;
	}
	hold_poll(u);
}

/* CURLOPT_CLOSESOCKETFUNCTION: last TCP_INFO reading before the close. */
static int on_close(void *arg, curl_socket_t fd)
{
	struct upl *u = arg;

	/* Acknowledged bytes first: a reply read now (SMTP: on the same
	 * socket) is counted against them. */
	if (fd == u->data_fd)
		sample_acked(u);
	upl_reply_on_close(u, fd);
	if (fd == u->data_fd)
		u->data_fd = -1;
	return close(fd);
}

/* Decide what the libcurl result and reply code mean. */
static enum upl_result classify(const struct upl *u)
{
	if (u->rc == CURLE_OK)
		return UPL_OK;
	/* A local limit (EMFILE, ENOBUFS...) is not the server's doing. */
	if (trial_local_error((int)u->os_errno))
		return UPL_ERROR;
	/* SMTP: the reply of the refused step decides, by its enhanced code
	 * and words (a 552 may be a mailbox quota, a 554 policy). */
	if (u->p->run->target.proto == PROTO_SMTP && upl_smtp_refusal(u))
		return upl_smtp_too_large(upl_smtp_refusal(u)) ?
		       UPL_SIZE_LIMIT : UPL_ERROR;
	/* The server said why: its refusal, not the broken transfer.  425
	 * and 426 only report the data connection's fate (RFC 959: no data
	 * connection, transfer aborted): the transfer tells more. */
	if (u->code >= 400 && u->code != 552 && u->code != 452 &&
	    u->code != 425 && u->code != 426)
		return UPL_ERROR;
	if (u->code == 552 || u->code == 452)
		return UPL_SIZE_LIMIT;
	if (u->reset_seen)
		return UPL_RESET;
	if (u->cut || (u->rc == CURLE_OPERATION_TIMEDOUT && u->deadline > 0 &&
		       loop_clock_ms() >= u->deadline))
		return UPL_BUDGET;
	if (u->code == 552 || u->code == 452 || u->rc == CURLE_REMOTE_DISK_FULL ||
	    u->rc == CURLE_FILESIZE_EXCEEDED)
		return UPL_SIZE_LIMIT;
	if (u->rc == CURLE_OPERATION_TIMEDOUT || u->stalled)
		return UPL_STALL;
	if (u->os_errno == ECONNRESET || u->os_errno == EPIPE ||
	    ((u->rc == CURLE_SEND_ERROR || u->rc == CURLE_RECV_ERROR ||
	      u->rc == CURLE_PARTIAL_FILE || u->rc == CURLE_UPLOAD_FAILED ||
	      u->rc == CURLE_GOT_NOTHING) && u->ulnow > 0))
		return UPL_RESET;
	return UPL_ERROR;
}

/* Classify and hand the finished upload to its owner. */
static void finish(struct upl *u)
{
	/* FTP: the server's answer to STOR, not libcurl's last code (the
	 * 221 to QUIT after a refused STOR). */
	if (u->p->run->target.proto == PROTO_FTP) {
		const char *verb;
		int code = 0;

		if (u->rc != CURLE_OK)
			upl_refusal(u, &code, &verb);
		u->code = code ? code : u->rep.end_code ? u->rep.end_code :
			  u->rep.stor_code;
	}
	/* SMTP: the refused step's code, not the 221 to QUIT. */
	if (u->p->run->target.proto == PROTO_SMTP && u->rc != CURLE_OK &&
	    upl_smtp_refusal(u))
		u->code = upl_smtp_refusal(u)->code;
	u->result = classify(u);
	if (u->result == UPL_OK)
		u->acked = u->size; /* confirmed by the server's final reply */
	u->done(u);
}

/* How long upload U took, in µs, now that it ended with RC.  A whole
 * FTP upload ends when the server confirms it (the 226): libcurl then
 * also says QUIT and waits for the 221 before it reports the transfer
 * done (CURLOPT_FORBID_REUSE), a few ms that belong to the session, not
 * to the upload.  curl -T's speed_upload stops at the 226 too (its
 * connection stays cached until curl exits).  Else: until now. */
static int64_t took_us(const struct upl *u, CURLcode rc)
{
	if (rc == CURLE_OK && u->rep.end_us > u->t0_us)
		return u->rep.end_us - u->t0_us;
	return loop_clock_us() - u->t0_us;
}

/* The transfer ended; a refusal still owed is waited for first. */
static void on_done(CURL *easy, CURLcode rc, void *arg)
{
	struct upl *u = arg;

	loop_timer_cancel(u->p->run->loop, u->cut_timer);
	u->cut_timer = NULL;
	u->rc = rc;
	u->us = took_us(u, rc);
	u->ms = u->us / 1000;
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &u->code);
	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &u->os_errno);
	hold_stop(u);
	sample_acked(u);
	if (u->reset_seen && !u->os_errno)
		u->os_errno = ECONNRESET;
	if (rc != CURLE_OK && upl_reply_wait(u, finish))
		return;
	upl_reply_free(u);
	finish(u);
}

/* SMTP envelope and upload options. */
static void set_smtp(struct upl *u, const struct options *opt)
{
	curl_easy_setopt(u->easy, CURLOPT_MAIL_FROM, opt->mail_from);
	u->rcpt = curl_slist_append(NULL, opt->rcpt);
	curl_easy_setopt(u->easy, CURLOPT_MAIL_RCPT, u->rcpt);
}

/* The deadline came: wake the transfer, so the progress callback sees
 * it and stops. */
static void on_cut(void *arg)
{
	struct upl *u = arg;

	u->cut_timer = NULL;
	wake(u);
}

/* Arm the deadline: our timer, and libcurl's own a second later in case
 * the transfer never wakes (then classify() still says budget). */
static void set_deadline(struct upl *u)
{
	int64_t left = u->deadline - loop_clock_ms();

	if (u->deadline <= 0)
		return;
	if (left < 0)
		left = 0;
	curl_easy_setopt(u->easy, CURLOPT_TIMEOUT_MS, (long)left + 1000);
	u->cut_timer = loop_timer_add(u->p->run->loop, left, on_cut, u);
}

int upl_start(struct upl *u, struct probe *p, long long size,
	      void (*done)(struct upl *u))
{
	const struct options *opt = p->run->opt;
	long stall_s = (run_timeout_ms(p->run) + 999) / 1000;

	u->p = p;
	u->rep.late_fd = -1;	/* nothing kept yet (upl_free may run) */
	u->rep.ctrl_fd = -1;
	u->size = size;
	u->done = done;
	u->acked = -1;
	u->data_fd = -1;
	u->t0 = u->t_change = loop_clock_ms();
	u->t0_us = loop_clock_us();
	u->stall_ms = run_timeout_ms(p->run);
	u->easy = upl_easy_new(p, u->path);
	if (!u->easy)
		return -1;
	upl_reply_setup(u);
	if (p->run->target.proto == PROTO_SMTP)
		set_smtp(u, opt);
	curl_easy_setopt(u->easy, CURLOPT_UPLOAD, 1L);
	if (u->max_speed <= 0)
		curl_easy_setopt(u->easy, CURLOPT_UPLOAD_BUFFERSIZE,
				 (long)UPL_BUFSIZE);
	curl_easy_setopt(u->easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)size);
	curl_easy_setopt(u->easy, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(u->easy, CURLOPT_READDATA, u);
	curl_easy_setopt(u->easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(u->easy, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(u->easy, CURLOPT_XFERINFODATA, u);
	curl_easy_setopt(u->easy, CURLOPT_SOCKOPTFUNCTION, on_sockopt);
	curl_easy_setopt(u->easy, CURLOPT_SOCKOPTDATA, u);
	curl_easy_setopt(u->easy, CURLOPT_CLOSESOCKETFUNCTION, on_close);
	curl_easy_setopt(u->easy, CURLOPT_CLOSESOCKETDATA, u);
	/* A stall: under 1 byte/s for as long as a step may take. */
	curl_easy_setopt(u->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(u->easy, CURLOPT_LOW_SPEED_TIME, stall_s);
	if (u->max_speed > 0)
		curl_easy_setopt(u->easy, CURLOPT_MAX_SEND_SPEED_LARGE,
				 (curl_off_t)u->max_speed);
	set_deadline(u);
	return curlglue_add(run_curl(p->run), u->easy, on_done, u);
}

void upl_free(struct upl *u)
{
	if (u->p)
		upl_reply_free(u);
	sink_free(u);
	if (u->p) {
		loop_timer_cancel(u->p->run->loop, u->cut_timer);
		hold_stop(u);
	}
	u->cut_timer = u->hold_timer = NULL;
	if (u->easy) {
		curlglue_remove(run_curl(u->p->run), u->easy);
		curl_easy_cleanup(u->easy);
	}
	curl_slist_free_all(u->rcpt);
	u->easy = NULL;
	u->rcpt = NULL;
}
