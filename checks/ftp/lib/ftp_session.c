/* ftp_session.c — one libcurl FTP session for the ftp.* probes: options,
 * the debug callback that logs commands and replies (the transcript
 * redacts PASS; the log keeps verbs only), and result decoding. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <time.h>

#include "curlglue.h"
#include "i18n.h"
#include "loop.h"
#include "ftp_session.h"
#include "probe.h"
#include "run.h"
#include "jsontext.h"
#include "util.h"

int ftp_step_ms(const struct probe *p)
{
	int ms = run_timeout_ms(p->run);

	return ms > 0 ? ms : 5000;
}

bool ftp_no_greeting(struct probe *p, const char **why)
{
	struct probe *b = run_probe(p->run, "banner");
	const struct run_facts *f = &p->run->facts;

	if (!b || p->run->target.tls == TLS_IMPLICIT ||
	    b->status == PROBE_SKIPPED)
		return false;
	*why = f->banner_result;
	/* An FTP server speaks first: a reply only after the banner's
	 * nudge is not a greeting (vsftpd with implicit TLS answers a plain
	 * "QUIT" with 500 OOPS). */
	if (f->banner_nudged) {
		*why = "silent";
		return true;
	}
	if (!strcmp(f->banner_result, "greeting"))
		return f->banner_sniff[0] && strcmp(f->banner_sniff, "reply");
	return f->banner_result[0] && f->banner_bytes == 0;
}

long long ftp_login_ms(struct probe *p)
{
	return p->run->facts.ftp_login_ms;
}

/* Append a step for verb CMD ("" for an unasked reply); false when full. */
static struct ftp_step *push_step(struct ftp_session *s, const char *cmd)
{
	struct ftp_step *st;

	if (s->nsteps >= FTP_MAX_STEPS)
		return NULL;
	st = &s->steps[s->nsteps++];
	memset(st, 0, sizeof(*st));
	str_copy(st->cmd, cmd, sizeof(st->cmd));
	st->sent_us = loop_clock_us();
	return st;
}

/* True when the argument of VERB may be shown: not a password or an
 * account, and not our own address (PORT/EPRT). */
static bool arg_shown(const char *verb)
{
	static const char *const secret[] = { "PASS", "ACCT", "PORT", "EPRT",
					      NULL };
	int i;

	for (i = 0; secret[i]; i++)
		if (!strcmp(verb, secret[i]))
			return false;
	return true;
}

/* Log the verb of a command line we sent, and its argument when it is
 * not secret (the transcript redacts PASS on its own). */
static void log_command(struct ftp_session *s, const char *data, size_t size)
{
	struct ftp_step *st;
	char verb[12];
	size_t i, len;

	for (i = 0; i < size && i < sizeof(verb) - 1; i++) {
		if (!isalpha((unsigned char)data[i]))
			break;
		verb[i] = (char)toupper((unsigned char)data[i]);
	}
	verb[i] = '\0';
	if (i == 0 || !(st = push_step(s, verb)))
		return;
	if (!arg_shown(verb) || i >= size || data[i] != ' ')
		return;
	for (len = 0; i + 1 + len < size && data[i + 1 + len] != '\r' &&
		      data[i + 1 + len] != '\n'; len++)
		;
	sanitize(data + i + 1, len, st->arg, sizeof(st->arg), false);
}

/* The oldest command still without a reply, or NULL.  FTP replies come
 * in the order of the commands (RFC 959 4.2), and libcurl sometimes
 * sends the next command before the last reply came (PASV after a SIZE
 * whose reply it gave up on): the reply answers the oldest one. */
static struct ftp_step *oldest_pending(struct ftp_session *s)
{
	int i;

	for (i = 0; i < s->nsteps; i++)
		if (s->steps[i].cmd[0] && s->steps[i].code == 0)
			return &s->steps[i];
	return NULL;
}

/* A complete reply: answer the pending command, or log it unasked. */
static void log_reply(struct ftp_session *s, const struct reply *r)
{
	struct ftp_step *st = oldest_pending(s);

	if (!st)
		st = push_step(s, "");
	if (!st)
		return;
	st->code = r->code;
	st->done_us = loop_clock_us();
	str_copy(st->text, r->text, sizeof(st->text)); /* cuts on a character */
	/* The session waits once more than a step may take (see
	 * set_deadlines): a reply in that second period came late. */
	if ((st->done_us - st->sent_us) / 1000 > ftp_step_ms(s->p))
		st->late_ms = (st->done_us - st->sent_us) / 1000 -
			      ftp_step_ms(s->p);
	if (s->on_reply)
		s->on_reply(s, st);
}

/* Which command the reply in progress answers ("" for the greeting):
 * the oldest one without a reply (see oldest_pending). */
static const char *pending_cmd(struct ftp_session *s)
{
	const struct ftp_step *st = oldest_pending(s);

	return st ? st->cmd : "";
}

/* A reply that never ends: note it; the progress callback then aborts
 * the transfer (libcurl would read on until its timeout). */
static void mark_endless(struct ftp_session *s, const struct reply *r)
{
	s->endless = true;
	str_copy(s->endless_cmd, pending_cmd(s), sizeof(s->endless_cmd));
	s->endless_lines = r->nlines;
	s->endless_bytes = (long long)r->bytes;
	log_reply(s, r);
}

/* CURLOPT_XFERINFOFUNCTION: abort once a reply proved endless. */
static int on_progress(void *arg, curl_off_t dlt, curl_off_t dln,
		       curl_off_t ult, curl_off_t uln)
{
	const struct ftp_session *s = arg;

	(void)dlt, (void)dln, (void)ult, (void)uln;
	return s->endless ? 1 : 0;
}

/* libcurl stops a reply past its header cap itself ("Too large response
 * headers: N > 307200"), often before our line cap: the same fault. */
static void note_curl_cap(struct ftp_session *s)
{
	const char *m = strstr(s->errbuf, "Too large response");
	unsigned long long n;

	if (!m || !s->rp.code || s->endless)
		return;
	s->endless = true;
	str_copy(s->endless_cmd, pending_cmd(s), sizeof(s->endless_cmd));
	s->endless_lines = s->rp.cur.nlines;
	s->endless_bytes = (long long)s->rp.cur.bytes;
	m = strchr(m, ':');
	if (m && sscanf(m + 1, "%llu", &n) == 1 && (long long)n > s->endless_bytes)
		s->endless_bytes = (long long)n;
}

/* A reply from the control connection: logged with its step, or the
 * endless one marked (the rest is not read then). */
static bool on_reply(void *arg, enum reply_status st, const struct reply *r)
{
	struct ftp_session *s = arg;

	if (st == REPLY_ENDLESS) {
		mark_endless(s, r);
		return false;
	}
	log_reply(s, r);
	return true;
}

/* Feed reply bytes from the control connection to the parser. */
static void feed_replies(struct ftp_session *s, const char *data, size_t size)
{
	if (!s->endless)
		reply_feed_stream(&s->rp, data, size, on_reply, s);
}

/* libcurl's debug callback: transcript lines and the step log. */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size,
		    void *arg)
{
	struct ftp_session *s = arg;

	if (netpath_curl_proxy_talk(s->p->run, h, type, data, size))
		return 0;
	switch (type) {
	case CURLINFO_HEADER_OUT:
		probe_transcript(s->p, TS_SENT, data, size);
		log_command(s, data, size);
		break;
	case CURLINFO_HEADER_IN:
		probe_transcript(s->p, TS_RECV, data, size);
		feed_replies(s, data, size);
		break;
	case CURLINFO_SSL_DATA_IN:
		if (s->sec == FTP_SEC_IMPLICIT)
			tls_peek_data_in(&s->peek, data, size);
		break;
	case CURLINFO_TEXT:
		if (size > 20 && memmem(data, size, "Failed EPSV", 11))
			s->epsv_fallback = true;
		if (size > 20 && memmem(data, size, "accepted from server", 20))
			s->accepted = true;
		probe_transcript(s->p, TS_INFO, data, size);
		break;
	default:
		break;
	}
	return 0;
}

/* CURLOPT_SOCKOPTFUNCTION: the first socket is the control connection. */
static int on_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct ftp_session *s = arg;

	(void)purpose;
	if (s->ctrl_fd < 0)
		s->ctrl_fd = fd;
	return CURL_SOCKOPT_OK;
}

/* True when reply STEP announces the end of the session: vsftpd's
 * "500 OOPS: ..." (a server-side fault, then it exits) or 421 (RFC 959:
 * service closing the control connection). */
static bool ends_session(const struct ftp_step *step)
{
	return step->code == 421 ||
	       (step->code >= 400 && !strncmp(step->text, "OOPS", 4));
}

/* Before libcurl closes the control socket: replies it never read (a
 * refusal sent while it gave up on a transfer) are logged as unasked
 * replies, and a FIN already there means the server closed first.
 * Plain FTP only reads; over TLS the bytes are records, only the FIN
 * counts.  Non-blocking: nothing waits here. */
int ftp_session_close_socket(struct ftp_session *s, curl_socket_t fd)
{
	char buf[2048];
	ssize_t n;
	int i;

	/* Only while its transfer runs: a kept connection closed later (the
	 * data probes' own multi handle) belongs to no session any more. */
	if (fd != s->ctrl_fd || !s->running)
		return close(fd);
	if (s->sec == FTP_SEC_IMPLICIT)
		tls_peek_socket(&s->peek, fd);
	for (i = 0; i < 8; i++) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT |
			 (s->sec == FTP_SEC_NONE ? 0 : MSG_PEEK));
		if (n == 0)
			s->server_closed = true;
		if (n <= 0 || s->sec != FTP_SEC_NONE)
			break;
		probe_transcript(s->p, TS_RECV, buf, (size_t)n);
		feed_replies(s, buf, (size_t)n);
	}
	s->ctrl_fd = -1;
	/* The session ends on a reply that announces an end (vsftpd's
	 * "500 OOPS", a 421): keep the socket a moment to see whether the
	 * server closes it too.  Not for every refusal: a server without TLS
	 * refuses AUTH TLS, and a wait there would hold every healthy run. */
	if (!s->server_closed && s->wait_fd < 0 && s->nsteps > 0 &&
	    ends_session(&s->steps[s->nsteps - 1]))
		s->wait_fd = dup(fd);
	return close(fd);
}

/* CURLOPT_CLOSESOCKETFUNCTION of a session's own connections. */
static int on_closesocket(void *arg, curl_socket_t fd)
{
	return ftp_session_close_socket(arg, fd);
}

/* Stop waiting for the close and release the kept socket. */
static void close_wait_free(struct ftp_session *s)
{
	struct loop *loop = s->p ? s->p->run->loop : NULL;

	if (!loop)
		return;	/* never set up (a zeroed state): wait_fd means nothing */
	if (s->waiting)
		loop_unwatch(loop, s->wait_fd);
	s->waiting = false;
	if (s->wait_timer)
		loop_timer_cancel(loop, s->wait_timer);
	s->wait_timer = NULL;
	if (s->wait_fd >= 0)
		close(s->wait_fd);
	s->wait_fd = -1;
}

/* The wait ended: tell the probe the session is over. */
static void close_wait_end(struct ftp_session *s)
{
	close_wait_free(s);
	if (s->done)
		s->done(s, s->arg);
}

/* The kept socket is readable: a FIN (the server closed), or more. */
static void on_wait_read(int fd, unsigned events, void *arg)
{
	struct ftp_session *s = arg;
	char buf[1024];
	ssize_t n;

	(void)events;
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0 && s->sec == FTP_SEC_NONE) {
		probe_transcript(s->p, TS_RECV, buf, (size_t)n);
		feed_replies(s, buf, (size_t)n);
		return;
	}
	if (n > 0)
		return;	/* TLS records (a close_notify): the FIN follows */
	s->server_closed = n == 0 || errno == ECONNRESET;
	close_wait_end(s);
}

/* The server kept the connection open after its refusal. */
static void on_wait_timeout(void *arg)
{
	struct ftp_session *s = arg;

	s->wait_timer = NULL;
	close_wait_end(s);
}

/* Start waiting on the kept socket; false when there is none. */
static bool close_wait_start(struct ftp_session *s)
{
	struct loop *loop = s->p->run->loop;

	if (s->wait_fd < 0)
		return false;
	if (loop_watch(loop, s->wait_fd, LOOP_IN, on_wait_read, s) < 0) {
		close_wait_free(s);
		return false;
	}
	s->waiting = true;
	s->wait_timer = loop_timer_add(loop, FTP_CLOSE_WAIT_MS,
				       on_wait_timeout, s);
	return true;
}

/* Data channel bytes: count them and keep the first few (listings). */
static size_t on_write(char *data, size_t size, size_t n, void *arg)
{
	struct ftp_session *s = arg;
	size_t len = size * n, room = FTP_BODY_KEEP - s->body_len;

	if (room > len)
		room = len;
	memcpy(s->body + s->body_len, data, room);
	s->body_len += room;
	s->body[s->body_len] = '\0';
	s->body_bytes += (long long)len;
	return len;
}

/* Build the URL and the address pin for the target's open address. */
static int set_url(struct ftp_session *s, enum ftp_sec sec, int port,
		   const char *path)
{
	struct run *run = s->p->run;
	const struct sockaddr *sa;
	char addr[64], pin[400];
	const char *scheme = sec == FTP_SEC_IMPLICIT ? "ftps" : "ftp";
	bool v6;

	if (run->open_addr < 0 || run->open_addr >= run->naddrs)
		return -1;
	sa = (const struct sockaddr *)&run->addrs[run->open_addr].sa;
	addr_to_str(sa, addr, sizeof(addr));
	v6 = sa->sa_family == AF_INET6;
	if (netpath_is_stand_in(run, sa)) {
		/* No address here: the URL names the host, no pin of ours
		 * (--connect-to's stays, netpath.c), and libcurl hands the
		 * name to the proxy (socks5h, CONNECT). */
		str_printf(s->url, sizeof(s->url), "%s://%s:%d%s", scheme,
			   run->target.host, port, path);
		return 0;
	}
	if (run->target.host_is_ip || !run->target.host[0]) {
		str_printf(s->url, sizeof(s->url), "%s://%s%s%s:%d%s", scheme,
			   v6 ? "[" : "", addr, v6 ? "]" : "", port, path);
		return 0;
	}
	/* Keep the name (certificate checks) but use the address reach
	 * found open: the same server every probe talks to. */
	str_printf(s->url, sizeof(s->url), "%s://%s:%d%s", scheme,
		   run->target.host, port, path);
	str_printf(pin, sizeof(pin), "%s:%d:%s%s%s", run->target.host, port,
		   v6 ? "[" : "", addr, v6 ? "]" : "");
	s->resolve = curl_slist_append(NULL, pin);
	return s->resolve ? 0 : -1;
}

/* User and password: the target's user or anonymous; never in the URL. */
static void set_credentials(struct ftp_session *s)
{
	const struct run *run = s->p->run;
	const char *user = run->target.user[0] ? run->target.user : NULL;
	const char *pass = run->opt ? run->opt->password : NULL;

	if (!user && run->opt && run->opt->user)
		user = run->opt->user;
	if (!user || !strcmp(user, "anonymous") || !strcmp(user, "ftp")) {
		curl_easy_setopt(s->easy, CURLOPT_USERNAME,
				 user ? user : "anonymous");
		curl_easy_setopt(s->easy, CURLOPT_PASSWORD,
				 pass ? pass : "sockdoc@");
		return;
	}
	curl_easy_setopt(s->easy, CURLOPT_USERNAME, user);
	curl_easy_setopt(s->easy, CURLOPT_PASSWORD, pass ? pass : "");
}

/* Deadlines: connect, server reply, accept, stall, and a hard cap of
 * three steps for the whole session (on the multi interface libcurl
 * checks the reply timeout only when something else wakes it; the cap
 * always does).  A reply may take twice a step: a server that answers
 * after --timeout still answered, and its late reply is evidence (the
 * step records late_ms) rather than an inconclusive silence. */
static void set_deadlines(struct ftp_session *s)
{
	long ms = ftp_step_ms(s->p);
	long sec = (ms + 999) / 1000;

	curl_easy_setopt(s->easy, CURLOPT_CONNECTTIMEOUT_MS, ms);
	curl_easy_setopt(s->easy, CURLOPT_SERVER_RESPONSE_TIMEOUT, 2 * sec);
	curl_easy_setopt(s->easy, CURLOPT_ACCEPTTIMEOUT_MS, ms);
	curl_easy_setopt(s->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(s->easy, CURLOPT_LOW_SPEED_TIME, sec);
	curl_easy_setopt(s->easy, CURLOPT_TIMEOUT_MS, ms * 3);
}

/* TLS: explicit (AUTH TLS, PROT P) or implicit; certificates are checked
 * by ftp.tls, the other probes only need the session. */
static void set_security(struct ftp_session *s, enum ftp_sec sec)
{
	if (sec == FTP_SEC_NONE)
		return;
	if (sec == FTP_SEC_EXPLICIT)
		curl_easy_setopt(s->easy, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(s->easy, CURLOPT_FTPSSLAUTH, (long)CURLFTPAUTH_TLS);
	curl_easy_setopt(s->easy, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(s->easy, CURLOPT_SSL_VERIFYHOST, 0L);
	/* The peer chain, for the certificate's expiry (monitoring -D). */
	curl_easy_setopt(s->easy, CURLOPT_CERTINFO, 1L);
	/* --cacert: a private CA the verifying attempt must trust too. */
	if (s->p->run->opt && s->p->run->opt->cacert)
		curl_easy_setopt(s->easy, CURLOPT_CAINFO,
				 s->p->run->opt->cacert);
}

void ftp_session_allow_setup(struct ftp_session *s, long long setup_ms)
{
	long ms = ftp_step_ms(s->p);

	if (setup_ms <= 0 || !s->easy)
		return;
	if (setup_ms > ms)
		setup_ms = ms;
	curl_easy_setopt(s->easy, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(ms + setup_ms));
	curl_easy_setopt(s->easy, CURLOPT_TIMEOUT_MS,
			 (long)(3 * ms + setup_ms));
}

int ftp_session_init(struct ftp_session *s, struct probe *p, enum ftp_sec sec,
		     int port, const char *path)
{
	memset(s, 0, sizeof(*s));
	s->p = p;
	s->sec = sec;
	s->ctrl_fd = -1;
	s->wait_fd = -1;
	reply_parser_init(&s->rp);
	s->easy = netpath_easy_init(p->run);
	if (!s->easy || set_url(s, sec, port, path) < 0)
		return -1;
	curl_easy_setopt(s->easy, CURLOPT_URL, s->url);
	curl_easy_setopt(s->easy, CURLOPT_PROTOCOLS_STR, "ftp,ftps");
	if (s->resolve)
		curl_easy_setopt(s->easy, CURLOPT_RESOLVE, s->resolve);
	curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->easy, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(s->easy, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(s->easy, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(s->easy, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(s->easy, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(s->easy, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(s->easy, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(s->easy, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->easy, CURLOPT_SOCKOPTFUNCTION, on_sockopt);
	curl_easy_setopt(s->easy, CURLOPT_SOCKOPTDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_CLOSESOCKETFUNCTION, on_closesocket);
	curl_easy_setopt(s->easy, CURLOPT_CLOSESOCKETDATA, s);
	curl_easy_setopt(s->easy, CURLOPT_FTP_FILEMETHOD,
			 (long)CURLFTPMETHOD_SINGLECWD);
	set_credentials(s);
	set_deadlines(s);
	set_security(s, sec);
	return 0;
}

void ftp_session_keep_alive(struct ftp_session *s, struct curlglue *glue,
			    bool fresh)
{
	if (!s->easy || !glue)
		return;
	s->glue = glue;
	curl_easy_setopt(s->easy, CURLOPT_FORBID_REUSE, 0L);
	curl_easy_setopt(s->easy, CURLOPT_FRESH_CONNECT, fresh ? 1L : 0L);
}

/* libcurl 7.x's pingpong reader says "response reading failed (errno:
 * N)" when a read brought no byte: the server closed, or its buffer is
 * full of a line without CRLF (binary, a huge line).  N is whatever errno
 * held before (often EINPROGRESS, 115, from the connect): stale, no
 * failure of the read.  Say instead what was seen (the close is known
 * from ftp_session_close_socket). */
static void fix_stale_errno(struct ftp_session *s)
{
	if (s->result != CURLE_RECV_ERROR ||
	    strncmp(s->errbuf, "response reading failed", 23))
		return;
	str_copy(s->errbuf, s->server_closed ?
		 _("the server closed the connection without a complete "
		   "reply line") :
		 _("no complete reply line: the server's bytes fill libcurl's "
		   "buffer without a line end (CRLF)"), sizeof(s->errbuf));
	if (s->os_errno == EINPROGRESS)
		s->os_errno = 0;
}

/* curlglue's completion: collect results, then tell the probe. */
static void on_done(CURL *easy, CURLcode result, void *arg)
{
	struct ftp_session *s = arg;
	long connects = 1;

	s->running = false;
	s->result = result;
	note_curl_cap(s);
	s->os_errno = 0;
	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &s->os_errno);
	fix_stale_errno(s);
	curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
	/* On a kept connection the log begins with a command, not with the
	 * greeting (libcurl counts a passive data connection as a connect). */
	s->reused = connects == 0 || (s->nsteps > 0 && s->steps[0].cmd[0]);
	s->ms = loop_now(s->p->run->loop) - s->started;
	if (!s->no_close_wait && close_wait_start(s))
		return;
	if (s->done)
		s->done(s, s->arg);
}

int ftp_session_start(struct ftp_session *s, ftp_session_cb done, void *arg)
{
	struct curlglue *g = s->glue ? s->glue : run_curl(s->p->run);

	if (!g || !s->easy)
		return -1;
	s->done = done;
	s->arg = arg;
	s->errbuf[0] = '\0';
	s->started = loop_now(s->p->run->loop);
	if (curlglue_add(g, s->easy, on_done, s) < 0)
		return -1;
	s->running = true;
	return 0;
}

void ftp_session_reset_log(struct ftp_session *s)
{
	s->nsteps = 0;
	s->endless = false;
	s->endless_lines = 0;
	s->endless_bytes = 0;
	s->epsv_fallback = false;
	s->accepted = false;
	s->body_len = 0;
	s->body[0] = '\0';
	s->body_bytes = 0;
	s->result = CURLE_OK;
	s->os_errno = 0;
	s->server_closed = false;
	reply_parser_init(&s->rp);
}

void ftp_session_free(struct ftp_session *s)
{
	close_wait_free(s);
	if (s->easy) {
		struct curlglue *g = s->glue ? s->glue : s->p->run->curl;

		if (s->running && g)
			curlglue_remove(g, s->easy);
		curl_easy_cleanup(s->easy);
		s->easy = NULL;
	}
	s->running = false;
	curl_slist_free_all(s->resolve);
	curl_slist_free_all(s->quote);
	s->resolve = s->quote = NULL;
}

void ftp_session_state_dtor(void *state)
{
	ftp_session_free(state);
}

const struct ftp_step *ftp_session_find(const struct ftp_session *s,
					const char *cmd)
{
	int i;

	for (i = 0; i < s->nsteps; i++)
		if (!strcmp(s->steps[i].cmd, cmd))
			return &s->steps[i];
	return NULL;
}

const struct ftp_step *ftp_session_next_unasked(const struct ftp_session *s,
						const struct ftp_step *after)
{
	int i = after ? (int)(after - s->steps) + 1 : 0;

	for (; i < s->nsteps; i++) {
		if (s->steps[i].cmd[0])
			return NULL;
		if (s->steps[i].code)
			return &s->steps[i];
	}
	return NULL;
}

const struct ftp_step *ftp_session_first_error(const struct ftp_session *s)
{
	int i;

	for (i = 0; i < s->nsteps; i++)
		if (s->steps[i].code >= 400)
			return &s->steps[i];
	return NULL;
}

bool ftp_session_peer(const struct ftp_session *s, struct sockaddr_storage *ss)
{
	const struct run *run = s->p->run;

	if (run->open_addr < 0 || run->open_addr >= run->naddrs ||
	    run->addrs[run->open_addr].by_proxy_name)
		return false; /* the proxy resolved the name: no address */
	*ss = run->addrs[run->open_addr].sa;
	return true;
}

const char *ftp_session_conn_failure(const struct ftp_session *s)
{
	switch (s->os_errno) {
	case ECONNREFUSED:
		return "refused";
	case ECONNRESET:
	case EPIPE:
		return "reset";
	case EHOSTUNREACH:
	case ENETUNREACH:
		return "unreachable";
	default:
		break;
	}
	switch (s->result) {
	case CURLE_OK:
		return "ok";
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_FTP_ACCEPT_TIMEOUT:
		return "filtered";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_USE_SSL_FAILED:
		return "tls";
	default:
		return "error";
	}
}

/* The login: USER sent to the 230 (after USER or PASS). */
static double step_login_ms(const struct ftp_session *s)
{
	const struct ftp_step *user = ftp_session_find(s, "USER");
	int i;

	for (i = 0; user && i < s->nsteps; i++)
		if (s->steps[i].code == 230 && s->steps[i].done_us &&
		    &s->steps[i] >= user)
			return (s->steps[i].done_us - user->sent_us) / 1000.0;
	return -1;
}

double ftp_session_step_ms(const struct ftp_session *s, const char *step)
{
	const struct ftp_step *auth = ftp_session_find(s, "AUTH");

	if (!strcmp(step, "login"))
		return step_login_ms(s);
	if (strcmp(step, "handshake") || !auth || auth->code != 234 ||
	    auth + 1 >= s->steps + s->nsteps || !auth[1].cmd[0])
		return -1;
	return (auth[1].sent_us - auth->done_us) / 1000.0;
}

/* The UTC time of OpenSSL's "Dec 10 23:27:27 2026 GMT"; -1 when not one. */
static time_t parse_cert_time(const char *v)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(v, "%b %d %H:%M:%S %Y", &tm);
	if (!end || strncmp(end, " GMT", 4))
		return (time_t)-1;
	return timegm(&tm);
}

bool ftp_session_cert_expiry(const struct ftp_session *s,
			     long long *expires_in_s, char *not_after,
			     size_t size)
{
	struct curl_certinfo *ci = NULL;
	struct curl_slist *l;
	time_t t;

	if (!s->easy || curl_easy_getinfo(s->easy, CURLINFO_CERTINFO, &ci) ||
	    !ci || ci->num_of_certs < 1)
		return false;
	for (l = ci->certinfo[0]; l; l = l->next) {
		if (strncmp(l->data, "Expire date:", 12))
			continue;
		t = parse_cert_time(l->data + 12);
		if (t == (time_t)-1)
			return false;
		sanitize(l->data + 12, strlen(l->data + 12), not_after, size,
			 false);
		*expires_in_s = (long long)(t - time(NULL));
		return true;
	}
	return false;
}

json_t *ftp_session_log_json(const struct ftp_session *s)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < s->nsteps; i++) {
		const struct ftp_step *st = &s->steps[i];
		json_t *o = json_object();

		json_object_set_new(o, "cmd", json_text(st->cmd));
		json_object_set_new(o, "code", json_integer(st->code));
		json_object_set_new(o, "text", json_text(st->text));
		json_array_append_new(arr, o);
	}
	return arr;
}
