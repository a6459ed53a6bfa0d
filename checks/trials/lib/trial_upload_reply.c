/* trial_upload_reply.c — what the server answered to an upload's STOR:
 * libcurl reports the last reply code of the session (after a refused
 * STOR that is the 221 to QUIT) and reads no reply once a transfer broke,
 * so the replies are followed here from the debug callback, and what is
 * left unread on the control socket is read (non-blocking) just before
 * libcurl closes it. */
#include "config.h"

#include "trial_upload.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loop.h"
#include "netpath.h"
#include "probe.h"
#include "run.h"
#include "trial_common.h"
#include "util.h"

/* The verb of a command line we sent. */
static void note_command(struct upl_reply *r, const char *data, size_t size)
{
	size_t i;

	for (i = 0; i < size && i < sizeof(r->verb) - 1; i++) {
		if (!isalpha((unsigned char)data[i]))
			break;
		r->verb[i] = (char)toupper((unsigned char)data[i]);
	}
	r->verb[i] = '\0';
}

/* Keep the reply text TEXT in DST, lines joined by spaces. */
static void keep_text(char *dst, const char *text)
{
	size_t i;

	str_copy(dst, text, UPL_REPLY_TEXT);
	for (i = 0; dst[i]; i++)
		if (dst[i] == '\n')
			dst[i] = ' ';
}

/* A complete reply: the answer to STOR, or the one ending the transfer
 * (an endless one is passed over). */
static bool on_reply(void *arg, enum reply_status st, const struct reply *rep)
{
	struct upl *u = arg;
	struct upl_reply *r = &u->rep;

	if (st != REPLY_DONE)
		return true;
	if (u->p->run->target.proto == PROTO_SMTP) {
		upl_smtp_reply(u, rep);
		return true;
	}
	if (strcmp(r->verb, "STOR")) {
		/* QUIT's answer says nothing about the upload. */
		if (rep->code >= 400 && !r->other_code && r->verb[0] &&
		    strcmp(r->verb, "QUIT")) {
			str_copy(r->other_verb, r->verb, sizeof(r->other_verb));
			r->other_code = rep->code;
			keep_text(r->other_text, rep->text);
		}
		return true;
	}
	if (!r->stor_code) {
		r->stor_code = rep->code;
		keep_text(r->stor_text, rep->text);
	} else if (r->stor_code < 200 && !r->end_code) {
		r->end_code = rep->code;
		r->end_us = loop_clock_us();
		keep_text(r->end_text, rep->text);
	}
	return true;
}

/* Feed control connection bytes to the parser. */
static void feed(struct upl *u, const char *data, size_t size)
{
	reply_feed_stream(&u->rep.rp, data, size, on_reply, u);
}

/* True for an SMTP upload (its dialogue is paired in
 * trial_upload_smtp.c). */
static bool is_smtp(const struct upl *u)
{
	return u->p->run->target.proto == PROTO_SMTP;
}

/* libcurl's debug callback: commands and replies, into the transcript
 * too (the transcript redacts PASS). */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size,
		    void *arg)
{
	struct upl *u = arg;

	if (netpath_curl_proxy_talk(u->p->run, h, type, data, size))
		return 0;
	if (type == CURLINFO_HEADER_OUT && is_smtp(u)) {
		upl_smtp_command(u, data, size);
	} else if (type == CURLINFO_HEADER_OUT) {
		probe_transcript(u->p, TS_SENT, data, size);
		note_command(&u->rep, data, size);
	} else if (type == CURLINFO_HEADER_IN) {
		probe_transcript(u->p, TS_RECV, data, size);
		feed(u, data, size);
	}
	return 0;
}

void upl_reply_setup(struct upl *u)
{
	memset(&u->rep, 0, sizeof(u->rep));
	reply_parser_init(&u->rep.rp);
	u->rep.ctrl_fd = -1;
	u->rep.late_fd = -1;
	memset(&u->smtp, 0, sizeof(u->smtp));
	if (u->p->run->target.proto != PROTO_FTP && !is_smtp(u))
		return;
	curl_easy_setopt(u->easy, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(u->easy, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(u->easy, CURLOPT_DEBUGDATA, u);
}

/* True while the answer to STOR is still owed: the server said 150 and
 * nothing ended the transfer (libcurl gave up on a broken one); SMTP:
 * the same for the message after DATA's 354. */
static bool reply_owed(const struct upl *u)
{
	const struct upl_reply *r = &u->rep;

	if (is_smtp(u))
		return upl_smtp_reply_owed(u) && !r->ctrl_closed;
	return !strcmp(r->verb, "STOR") && r->stor_code >= 100 &&
	       r->stor_code < 200 && !r->end_code && !r->ctrl_closed;
}

/* True when a close by the server now says something: not after our own
 * QUIT (FTP: while STOR is in its course; SMTP: before QUIT). */
static bool close_matters(const struct upl *u)
{
	if (is_smtp(u))
		return u->smtp.verb[0] && strcmp(u->smtp.verb, "QUIT");
	return !strcmp(u->rep.verb, "STOR");
}

void upl_reply_on_close(struct upl *u, int fd)
{
	bool plain = u->p->run->target.tls != TLS_IMPLICIT &&
		     u->p->run->target.tls != TLS_STARTTLS;
	char buf[2048];
	ssize_t n;
	int i;

	if (fd != u->rep.ctrl_fd ||
	    (u->p->run->target.proto != PROTO_FTP && !is_smtp(u)))
		return;
	u->rep.ctrl_fd = -1;
	for (i = 0; i < 8; i++) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT |
			 (plain ? 0 : MSG_PEEK));
		/* A close after our own QUIT says nothing. */
		if (n == 0 && close_matters(u))
			u->rep.ctrl_closed = true;
		if (n <= 0 || !plain)
			break;
		probe_transcript(u->p, TS_RECV, buf, (size_t)n);
		feed(u, buf, (size_t)n);
	}
	/* The refusal may be on its way (a server's Nagle delay): keep the
	 * socket to wait for it, bounded, once the transfer is done. */
	if (plain && reply_owed(u))
		u->rep.late_fd = dup(fd);
}

/* Stop waiting for the late reply and go on with the upload's end. */
static void wait_end(struct upl *u)
{
	void (*then)(struct upl *u) = u->rep.then;

	upl_reply_free(u);
	if (then)
		then(u);
}

/* The kept control socket is readable: the late refusal, or a close. */
static void on_late(int fd, unsigned events, void *arg)
{
	struct upl *u = arg;
	char buf[2048];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0) {
		probe_transcript(u->p, TS_RECV, buf, (size_t)n);
		feed(u, buf, (size_t)n);
		if (reply_owed(u))
			return;
	}
	if (n == 0)
		u->rep.ctrl_closed = true;
	wait_end(u);
}

/* No late reply within the bound. */
static void on_late_timeout(void *arg)
{
	struct upl *u = arg;

	u->rep.timer = NULL;
	wait_end(u);
}

bool upl_reply_wait(struct upl *u, void (*then)(struct upl *u))
{
	struct loop *loop = u->p->run->loop;
	int ms = run_timeout_ms(u->p->run);

	if (u->rep.late_fd < 0)
		return false;
	if (ms <= 0 || ms > 3000)
		ms = 3000;
	u->rep.then = then;
	if (loop_watch(loop, u->rep.late_fd, LOOP_IN, on_late, u) < 0) {
		upl_reply_free(u);
		return false;
	}
	u->rep.watching = true;
	u->rep.timer = loop_timer_add(loop, ms, on_late_timeout, u);
	return true;
}

void upl_reply_free(struct upl *u)
{
	struct loop *loop = u->p ? u->p->run->loop : NULL;

	if (u->rep.watching && loop)
		loop_unwatch(loop, u->rep.late_fd);
	u->rep.watching = false;
	if (u->rep.timer && loop)
		loop_timer_cancel(loop, u->rep.timer);
	u->rep.timer = NULL;
	if (u->rep.late_fd >= 0)
		close(u->rep.late_fd);
	u->rep.late_fd = -1;
	u->rep.then = NULL;
}

const char *upl_refusal(const struct upl *u, int *code, const char **verb)
{
	*verb = "STOR";
	if (u->rep.end_code >= 400) {
		*code = u->rep.end_code;
		return u->rep.end_text;
	}
	if (u->rep.stor_code >= 400) {
		*code = u->rep.stor_code;
		return u->rep.stor_text;
	}
	if (u->rep.other_code) {
		*verb = u->rep.other_verb;
		*code = u->rep.other_code;
		return u->rep.other_text;
	}
	*code = 0;
	return NULL;
}
