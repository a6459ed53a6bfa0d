/* smtp_session.c — drive one libcurl SMTP session on the loop and record
 * what libcurl does not expose: each reply (from CURLINFO_HEADER_IN) with
 * the command it answers (CURLINFO_HEADER_OUT), and the TLS facts.  AUTH
 * commands and the continuation lines after a 334 never reach the
 * transcript or the records: they are replaced by a fixed marker here. */
#include "config.h"

#include "smtp_session.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "curlglue.h"
#include "probe.h"
#include "run.h"
#include "smtp_ehloname.h"
#include "smtp_tlsfacts.h"
#include "jsontext.h"
#include "util.h"
#include "loop.h"

/* Transcript line for S: "[587/starttls] TEXT". */
static void sess_log(struct smtp_sess *s, enum ts_dir dir, const char *data,
		     size_t len)
{
	char buf[600];
	size_t n;

	n = str_printf(buf, sizeof(buf), "[%s] ", s->cfg.label);
	if (len > sizeof(buf) - n - 1)
		len = utf8_cut(data, sizeof(buf) - n - 1);
	memcpy(buf + n, data, len);
	probe_transcript(s->probe, dir, buf, n + len);
}

bool smtp_enhanced_code(const char *text, char *enh)
{
	int a, b, c, n = 0;

	enh[0] = '\0';
	if (sscanf(text, "%1d.%3d.%3d%n", &a, &b, &c, &n) != 3 || n == 0)
		return false;
	if ((a != 2 && a != 4 && a != 5) || (text[n] && text[n] != ' ' &&
					     text[n] != '\n'))
		return false;
	snprintf(enh, 16, "%d.%d.%d", a, b, c);
	return true;
}

/* Strip CR/LF at the end of LEN bytes of DATA. */
static size_t chomp(const char *data, size_t len)
{
	while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	return len;
}

/* Microseconds since S started, on the monotonic clock. */
static int64_t sess_us(const struct smtp_sess *s)
{
	return loop_clock_us() - s->t0_us;
}

/* Note when the greeting, the first EHLO reply and a 220 to STARTTLS
 * completed (the step times of smtp_sess_step_ms). */
static void mark_reply(struct smtp_sess *s, const struct smtp_exch *e)
{
	if (!e->cmd[0] && s->greeting_us < 0)
		s->greeting_us = sess_us(s);
	else if (!strcmp(e->cmd, "EHLO") && s->ehlo_us < 0)
		s->ehlo_us = sess_us(s);
	else if (!strcmp(e->cmd, "STARTTLS") && e->code == 220)
		s->tls_start_us = sess_us(s);
}

/* A complete reply arrived: update the AUTH/STARTTLS state, read TLS. */
static void reply_complete(struct smtp_sess *s, struct smtp_exch *e)
{
	smtp_enhanced_code(e->text, e->enh);
	mark_reply(s, e);
	if (s->in_auth && e->code != 334)
		s->in_auth = false;
	if (!s->tls.up && s->easy)
		smtp_tlsfacts_read(s->easy, s->cfg.host, &s->tls);
}

/* A line without a reply code: kept once, as evidence of a reply that
 * breaks RFC 5321 4.2 (libcurl only says "weird server reply"). */
static void line_malformed(struct smtp_sess *s, const char *data, size_t len)
{
	struct smtp_exch *e;

	if (s->in_reply || s->nex >= SMTP_SESS_MAX_EXCH ||
	    (s->nex && s->ex[s->nex - 1].malformed))
		return;
	e = &s->ex[s->nex++];
	memset(e, 0, sizeof(*e));
	str_copy(e->cmd, s->cur_cmd, sizeof(e->cmd));
	e->malformed = true;
	sanitize(data, len, e->text, sizeof(e->text), false);
}

/* The first line of the greeting, LEN bytes of DATA, is no reply: when
 * it names another protocol (an SSH or HTTP server: reply_sniff), the
 * session ends now, as a mainstream client gives up on it, instead of
 * waiting out the reply timeout.  True then. */
static bool greeting_foreign(struct smtp_sess *s, const char *data,
			     size_t len)
{
	enum sniff k;

	if (s->nex || s->in_reply || s->cur_cmd[0] || s->foreign)
		return false;
	k = reply_sniff((const unsigned char *)data, len);
	if (!sniff_protocol(k))
		return false;
	s->foreign = k;
	sanitize(data, len, s->foreign_raw, sizeof(s->foreign_raw), false);
	probe_info(s->probe, "[%s] the server greets in %s, not SMTP: "
		   "session ended", s->cfg.label, sniff_protocol(k));
	return true;
}

/* One line the server sent ("250-SIZE 1000"). */
static void line_in(struct smtp_sess *s, const char *data, size_t len)
{
	struct smtp_exch *e;
	char clean[SMTP_SESS_TEXT];
	bool more;

	len = chomp(data, len);
	if (s->endless || s->foreign)
		return; /* aborting: the rest is not kept */
	sess_log(s, TS_RECV, data, len);
	if (len < 3 || !isdigit((unsigned char)data[0]) ||
	    !isdigit((unsigned char)data[1]) || !isdigit((unsigned char)data[2])) {
		if (!greeting_foreign(s, data, len))
			line_malformed(s, data, len);
		return;
	}
	more = len > 3 && data[3] == '-';
	if (!s->in_reply)
		s->reply_lines = 0, s->reply_bytes = 0;
	s->reply_lines++;
	s->reply_bytes += len + 2;
	if (more && (s->reply_lines >= SMTP_SESS_MAX_REPLY_LINES ||
		     s->reply_bytes >= SMTP_SESS_MAX_REPLY_BYTES)) {
		s->endless = true;
		str_copy(s->endless_cmd, s->cur_cmd, sizeof(s->endless_cmd));
		probe_info(s->probe, "[%s] the reply to %s ran past %d lines "
			   "(%zu bytes) without a last line: session ended",
			   s->cfg.label, s->cur_cmd[0] ? s->cur_cmd : "(greeting)",
			   s->reply_lines, s->reply_bytes);
	}
	sanitize(len > 4 ? data + 4 : "", len > 4 ? len - 4 : 0, clean,
		 sizeof(clean), false);
	if (!s->in_reply) {
		if (s->nex < SMTP_SESS_MAX_EXCH)
			s->nex++;
		e = &s->ex[s->nex - 1];
		memset(e, 0, sizeof(*e));
		str_copy(e->cmd, s->cur_cmd, sizeof(e->cmd));
		e->code = (data[0] - '0') * 100 + (data[1] - '0') * 10 +
			  (data[2] - '0');
		str_copy(e->text, clean, sizeof(e->text));
	} else {
		e = &s->ex[s->nex - 1];
		str_appendf(e->text, sizeof(e->text), "\n%s", clean);
	}
	s->in_reply = more;
	if (!more)
		reply_complete(s, e);
}

/* What libcurl hands over as one "header": one line, or (a flood read in
 * one go) many; each is counted. */
static void lines_in(struct smtp_sess *s, const char *data, size_t size)
{
	while (size > 0 && !s->endless && !s->foreign) {
		const char *nl = memchr(data, '\n', size);
		size_t n = nl ? (size_t)(nl - data) + 1 : size;

		line_in(s, data, n);
		data += n;
		size -= n;
	}
}

/* One command we sent; AUTH and its continuations are never recorded. */
static void line_out(struct smtp_sess *s, const char *data, size_t len)
{
	char verb[16], mech[16];
	static const char secret[] = "<secret not recorded>";

	len = chomp(data, len);
	if (s->in_auth) {
		sess_log(s, TS_SENT, secret, strlen(secret));
		return;
	}
	verb[0] = mech[0] = '\0';
	sscanf(data, "%15[A-Za-z] %15[A-Za-z0-9_-]", verb, mech);
	if (!strcasecmp(verb, "AUTH")) {
		char line[64];

		str_printf(s->cur_cmd, sizeof(s->cur_cmd), "AUTH %s", mech);
		str_printf(line, sizeof(line), "AUTH %s %s", mech, secret);
		sess_log(s, TS_SENT, line, strlen(line));
		s->in_auth = true;
		return;
	}
	str_copy(s->cur_cmd, verb, sizeof(s->cur_cmd));
	if (!strcasecmp(verb, "EHLO") && s->ehlo_sent_us < 0)
		s->ehlo_sent_us = sess_us(s);
	sess_log(s, TS_SENT, data, len);
}

/* libcurl's own notes about TLS: handshake steps and alerts. */
static void text_in(struct smtp_sess *s, const char *data, size_t len)
{
	char line[160];
	const char *a;

	len = chomp(data, len);
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	memcpy(line, data, len);
	line[len] = '\0';
	if (strstr(line, "SSL connection using")) {
		s->hs_done = true;
		if (s->tls_done_us < 0)
			s->tls_done_us = sess_us(s);
	}
	if (strstr(line, "Request CERT"))
		s->cert_requested = true;
	a = strstr(line, "(IN), TLS alert");
	if (a)
		sanitize(a, strlen(a), s->alert, sizeof(s->alert), false);
}

/* CURLOPT_DEBUGFUNCTION: the only window on the protocol exchange. */
static int sess_debug(CURL *h, curl_infotype type, char *data, size_t size,
		      void *arg)
{
	struct smtp_sess *s = arg;

	if (netpath_curl_proxy_talk(s->probe->run, h, type, data, size))
		return 0;
	if (type == CURLINFO_TEXT)
		text_in(s, data, size);
	else if (type == CURLINFO_HEADER_IN)
		lines_in(s, data, size);
	else if (type == CURLINFO_HEADER_OUT)
		line_out(s, data, size);
	else if (type == CURLINFO_SSL_DATA_IN && s->cfg.sec == SEC_IMPLICIT)
		tls_peek_data_in(&s->peek, data, size);
	return 0;
}

/* CURLOPT_CLOSESOCKETFUNCTION: with implicit TLS, the bytes a server
 * sent where the handshake was due wait in the socket (tls_peek.h). */
static int sess_closesocket(void *arg, curl_socket_t fd)
{
	struct smtp_sess *s = arg;

	tls_peek_socket(&s->peek, fd);
	return close(fd);
}

/* Implicit TLS that met another protocol's bytes (an SSH banner) where
 * the server's first TLS record was due: named like a plain greeting in
 * another protocol. */
static void note_foreign_tls(struct smtp_sess *s)
{
	enum sniff k = tls_peek_sniff(&s->peek);
	const char *name = sniff_protocol(k);

	if (s->cfg.sec != SEC_IMPLICIT || s->foreign || s->hs_done || !name)
		return;
	s->foreign = k;
	s->foreign_tls = true;
	sanitize((const char *)s->peek.head, s->peek.n, s->foreign_raw,
		 sizeof(s->foreign_raw), false);
	probe_info(s->probe, "[%s] %s sent where the TLS handshake was due: "
		   "the port speaks %s", s->cfg.label, name, name);
}

/* CURLOPT_XFERINFOFUNCTION: end the session once a reply proved endless
 * or the greeting another protocol's (libcurl would read on until the
 * timeout). */
static int sess_progress(void *arg, curl_off_t dlt, curl_off_t dln,
			 curl_off_t ult, curl_off_t uln)
{
	const struct smtp_sess *s = arg;

	(void)dlt, (void)dln, (void)ult, (void)uln;
	return s->endless || s->foreign ? 1 : 0;
}

/* Server data we do not keep (HELP text). */
static size_t sess_write(char *ptr, size_t size, size_t n, void *arg)
{
	(void)ptr;
	(void)arg;
	return size * n;
}

/* The message body: the given test message, or stop before any byte so
 * nothing is delivered. */
static size_t sess_read(char *buf, size_t size, size_t n, void *arg)
{
	struct smtp_sess *s = arg;
	size_t left, want = size * n;

	if (!s->cfg.body)
		return CURL_READFUNC_ABORT;
	left = strlen(s->cfg.body) - s->body_off;
	if (want > left)
		want = left;
	memcpy(buf, s->cfg.body + s->body_off, want);
	s->body_off += want;
	return want;
}

/* "smtp://host:port" plus the CONNECT_TO pin to the probed address. */
static int sess_url(struct smtp_sess *s)
{
	char addr[64], host[270], path[400];
	const char *scheme = s->cfg.sec == SEC_IMPLICIT ? "smtps" : "smtp";
	int port = addr_port(s->cfg.sa);
	char pin[400];

	addr_to_str(s->cfg.sa, addr, sizeof(addr));
	if (strchr(s->cfg.host, ':'))
		str_printf(host, sizeof(host), "[%s]", s->cfg.host);
	else
		str_copy(host, s->cfg.host, sizeof(host));
	/* libcurl sends the URL path as the EHLO name (else gethostname()'s
	 * bare name, which strict servers refuse). */
	str_printf(s->url, sizeof(s->url), "%s://%s:%d/%s", scheme, host, port,
		   smtp_ehlo_urlpath(s->ehlo, path, sizeof(path)));
	if (netpath_is_stand_in(s->probe->run, s->cfg.sa))
		return 0; /* no pin: libcurl gives the proxy the name */
	if (s->cfg.sa->sa_family == AF_INET6)
		str_printf(pin, sizeof(pin), "%s:%d:[%s]:%d", host, port, addr,
			   port);
	else
		str_printf(pin, sizeof(pin), "%s:%d:%s:%d", host, port, addr,
			   port);
	s->connect_to = curl_slist_append(NULL, pin);
	return s->connect_to ? 0 : -1;
}

/* Security, verification and timeouts. */
static void sess_opts_tls(struct smtp_sess *s)
{
	CURL *h = s->easy;
	long use = CURLUSESSL_NONE;
	long secs = (s->cfg.timeout_ms + 999) / 1000;

	if (s->cfg.sec == SEC_STARTTLS_TRY)
		use = CURLUSESSL_TRY;
	else if (s->cfg.sec == SEC_STARTTLS)
		use = CURLUSESSL_ALL;
	curl_easy_setopt(h, CURLOPT_USE_SSL, use);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, s->cfg.verify ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, s->cfg.verify ? 2L : 0L);
	curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	if (s->cfg.cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, s->cfg.cacert);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(s->cfg.connect_timeout_ms ? s->cfg.connect_timeout_ms
				: s->cfg.timeout_ms));
	curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, secs ? secs : 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
			 (long)s->cfg.timeout_ms * 6 + 2000);
}

/* Envelope and credentials. */
static void sess_opts_mail(struct smtp_sess *s)
{
	CURL *h = s->easy;

	if (s->cfg.user && s->cfg.password) {
		curl_easy_setopt(h, CURLOPT_USERNAME, s->cfg.user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, s->cfg.password);
	}
	if (s->cfg.mail_from && s->cfg.rcpt) {
		s->rcpts = curl_slist_append(NULL, s->cfg.rcpt);
		curl_easy_setopt(h, CURLOPT_MAIL_FROM, s->cfg.mail_from);
		curl_easy_setopt(h, CURLOPT_MAIL_RCPT, s->rcpts);
		curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
				 (curl_off_t)s->cfg.size);
		curl_easy_setopt(h, CURLOPT_READFUNCTION, sess_read);
		curl_easy_setopt(h, CURLOPT_READDATA, s);
	} else {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST,
				 s->cfg.command ? s->cfg.command : "NOOP");
	}
}

/* Every option of the easy handle. */
static void sess_opts(struct smtp_sess *s)
{
	CURL *h = s->easy;

	curl_easy_setopt(h, CURLOPT_URL, s->url);
	if (s->connect_to) /* none for the stand-in: the path's pin stays */
		curl_easy_setopt(h, CURLOPT_CONNECT_TO, s->connect_to);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, sess_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sess_write);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, sess_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, sess_closesocket);
	curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, s);
	sess_opts_tls(s);
	sess_opts_mail(s);
}

/* libcurl finished: collect its numbers, free the handle, report. */
/* libcurl itself gives up on a reply past its header cap (300 KB,
 * "Too large response headers: N > 307200") before our line cap: that
 * too is an endless reply, with libcurl's byte count. */
static void note_curl_cap(struct smtp_sess *s)
{
	const char *m = strstr(s->errbuf, "Too large response");
	unsigned long long n;

	if (!m || !s->in_reply || s->endless)
		return;
	s->endless = true;
	str_copy(s->endless_cmd, s->cur_cmd, sizeof(s->endless_cmd));
	m = strchr(m, ':');
	if (m && sscanf(m + 1, "%llu", &n) == 1 && n > s->reply_bytes)
		s->reply_bytes = (size_t)n;
}

static void sess_done(CURL *easy, CURLcode result, void *arg)
{
	struct smtp_sess *s = arg;
	curl_off_t us = 0;
	long err = 0;

	s->running = false;
	s->result = result;
	note_curl_cap(s);
	note_foreign_tls(s);
	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &err);
	curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &us);
	curl_easy_getinfo(easy, CURLINFO_SSL_VERIFYRESULT, &s->verify_result);
	s->os_errno = err;
	s->connect_us = us;
	s->total_ms = loop_now(s->probe->run->loop) - s->total_ms;
	if (!s->tls.up)
		smtp_tlsfacts_read(easy, s->cfg.host, &s->tls);
	probe_info(s->probe, "[%s] %s: %s%s%s", s->cfg.label,
		   smtp_sess_outcome(s), curl_easy_strerror(result),
		   s->errbuf[0] ? " - " : "", s->errbuf);
	smtp_sess_stop(s);
	s->finished = true;
	if (s->cb)
		s->cb(s, s->cb_arg);
}

/* The transcript line of a session start: the URL, and the address
 * curl is pinned to when the URL names a host. */
static void sess_info_start(struct smtp_sess *s)
{
	char addr[320];

	netpath_addr_shown(s->probe->run, s->cfg.sa, addr, sizeof(addr));
	if (strstr(s->url, addr))
		probe_info(s->probe, "[%s] %s", s->cfg.label, s->url);
	else
		probe_info(s->probe, "[%s] %s at %s", s->cfg.label, s->url,
			   addr);
}

int smtp_sess_start(struct smtp_sess *s, struct probe *p,
		    const struct smtp_sess_cfg *cfg, smtp_sess_cb cb,
		    void *arg)
{
	struct curlglue *g = run_curl(p->run);

	memset(s, 0, sizeof(*s));
	s->probe = p;
	s->cfg = *cfg;
	s->cb = cb;
	s->cb_arg = arg;
	s->tls.name_match = -1;
	s->total_ms = loop_now(p->run->loop);
	s->t0_us = 0;
	s->t0_us = sess_us(s);
	s->greeting_us = s->ehlo_sent_us = s->ehlo_us = -1;
	s->tls_start_us = s->tls_done_us = -1;
	if (cfg->ehlo)
		str_copy(s->ehlo, cfg->ehlo, sizeof(s->ehlo));
	else
		smtp_ehlo_name(p->run, cfg->sa, s->ehlo, sizeof(s->ehlo));
	s->cfg.ehlo = s->ehlo;
	s->easy = netpath_easy_init(p->run);
	if (!g || !s->easy || sess_url(s) < 0)
		goto fail;
	sess_opts(s);
	sess_info_start(s);
	s->running = true;
	if (curlglue_add(g, s->easy, sess_done, s) == 0)
		return 0;
	s->running = false;
fail:
	s->result = CURLE_FAILED_INIT;
	smtp_sess_stop(s);
	return -1;
}

void smtp_sess_stop(struct smtp_sess *s)
{
	if (s->easy) {
		if (s->running)
			curlglue_remove(s->probe->run->curl, s->easy);
		curl_easy_cleanup(s->easy);
		s->easy = NULL;
	}
	s->running = false;
	curl_slist_free_all(s->rcpts);
	curl_slist_free_all(s->connect_to);
	s->rcpts = s->connect_to = NULL;
}

void smtp_sess_drop(struct smtp_sess *s)
{
	if (!s->running)
		return;
	smtp_sess_stop(s);
	s->dropped = true;
	probe_info(s->probe, "[%s] not needed any more: stopped", s->cfg.label);
}

const struct smtp_exch *smtp_sess_find(const struct smtp_sess *s,
				       const char *cmd, bool last)
{
	const struct smtp_exch *found = NULL;
	size_t n = strlen(cmd);
	int i;

	for (i = 0; i < s->nex; i++) {
		bool hit = n ? !strncasecmp(s->ex[i].cmd, cmd, n)
			     : s->ex[i].cmd[0] == '\0';

		if (s->ex[i].malformed)
			continue; /* only in the refusals */

		if (hit) {
			found = &s->ex[i];
			if (!last)
				break;
		}
	}
	return found;
}

bool smtp_sess_greeted(const struct smtp_sess *s)
{
	const struct smtp_exch *g = smtp_sess_find(s, "", false);

	return g && g->code == 220;
}

/* Outcome for a failed connect, from the kernel's errno. */
static const char *connect_outcome(long err)
{
	if (err == ECONNREFUSED)
		return "refused";
	if (err == EHOSTUNREACH || err == ENETUNREACH)
		return "unreachable";
	if (err == ETIMEDOUT)
		return "connect_timeout";
	return "connect_failed";
}

const char *smtp_sess_outcome(const struct smtp_sess *s)
{
	int i;

	if (s->endless)
		return "endless_reply";
	if (s->foreign)
		return "wrong_protocol";
	if (s->dropped)
		return "not_needed";
	switch (s->result) {
	case CURLE_OK:
		return "ok";
	case CURLE_COULDNT_CONNECT:
		return connect_outcome(s->os_errno);
	case CURLE_OPERATION_TIMEDOUT:
		if (!s->connect_us)
			return "connect_timeout";
		return s->nex ? "timeout" : "no_greeting";
	case CURLE_SSL_CONNECT_ERROR:
		return "tls_handshake";
	case CURLE_PEER_FAILED_VERIFICATION:
		return "tls_verify";
	case CURLE_LOGIN_DENIED:
		return "login_denied";
	case CURLE_USE_SSL_FAILED:
		return "starttls_refused";
	default:
		break;
	}
	if (s->os_errno == ECONNRESET)
		return "reset";
	if (!s->nex && s->cfg.sec != SEC_PLAIN &&
	    (strstr(s->errbuf, "alert") || strstr(s->errbuf, "SSL routines") ||
	     s->alert[0] || (s->hs_done && s->cert_requested)))
		return "tls_handshake";
	for (i = 0; i < s->nex; i++)
		if (s->ex[i].code >= 400)
			return "rejected";
	return s->nex ? "error" : "closed";
}

const char *smtp_sec_name(enum smtp_sec sec)
{
	static const char *const names[] = { "plain", "starttls", "starttls",
					     "implicit" };

	return names[sec];
}

/* The replies as [{"cmd","code","enhanced","text"}]. */
static json_t *exch_json(const struct smtp_sess *s)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < s->nex; i++) {
		const struct smtp_exch *e = &s->ex[i];

		json_array_append_new(a, json_pack("{s:o,s:i,s:s,s:o}",
			"cmd", json_text(e->cmd[0] ? e->cmd : "(greeting)"),
			"code", e->code, "enhanced", e->enh,
			"text", json_text(e->text)));
	}
	return a;
}

double smtp_sess_step_ms(const struct smtp_sess *s, const char *step)
{
	int64_t from = -1, to = -1;

	if (!strcmp(step, "greeting")) {
		/* Implicit TLS: the greeting comes after the handshake. */
		from = s->tls_done_us >= 0 && s->tls_done_us <= s->greeting_us
			? s->tls_done_us : s->connect_us;
		to = s->greeting_us;
	} else if (!strcmp(step, "ehlo")) {
		from = s->ehlo_sent_us;
		to = s->ehlo_us;
	} else if (!strcmp(step, "handshake")) {
		from = s->tls_start_us >= 0 ? s->tls_start_us : s->connect_us;
		to = s->tls_done_us;
	}
	if (from < 0 || to < 0 || to < from || (from == 0 && !s->connect_us))
		return -1;
	return (to - from) / 1000.0;
}

json_t *smtp_sess_json(const struct smtp_sess *s)
{
	char err[CURL_ERROR_SIZE];
	json_t *o;

	sanitize(s->errbuf, strlen(s->errbuf), err, sizeof(err), false);
	o = json_pack("{s:s,s:s,s:s,s:i,s:s,s:s,s:I,s:I,s:b}",
		"label", s->cfg.label,
		"security", smtp_sec_name(s->cfg.sec),
		"outcome", smtp_sess_outcome(s),
		"curl_code", (int)s->result,
		"error", err[0] ? err : curl_easy_strerror(s->result),
		"errno", s->os_errno ? errno_name((int)s->os_errno) : "",
		"connect_ms", (json_int_t)(s->connect_us / 1000),
		"duration_ms", (json_int_t)s->total_ms,
		"greeted", smtp_sess_greeted(s));
	json_object_set_new(o, "ehlo_name", json_string(s->ehlo));
	json_object_set_new(o, "replies", exch_json(s));
	if (s->foreign)
		json_object_set_new(o, "wrong_protocol", json_pack(
			"{s:s,s:o,s:s}", "sniff", sniff_name(s->foreign),
			"raw", json_text(s->foreign_raw),
			"where", s->foreign_tls ? "tls" : "greeting"));
	if (s->endless) {
		json_object_set_new(o, "endless_lines",
				    json_integer(s->reply_lines));
		json_object_set_new(o, "endless_bytes",
				    json_integer((json_int_t)s->reply_bytes));
		json_object_set_new(o, "endless_cmd", json_text(
			s->endless_cmd[0] ? s->endless_cmd : "(greeting)"));
	} else if (s->in_reply && s->result != CURLE_OK) {
		/* The reply stopped coming half-way: a stall, not an end. */
		json_object_set_new(o, "stalled_lines",
				    json_integer(s->reply_lines));
		json_object_set_new(o, "stalled_cmd", json_text(
			s->cur_cmd[0] ? s->cur_cmd : "(greeting)"));
	}
	if (s->cfg.sec != SEC_PLAIN)
		json_object_set_new(o, "handshake", json_pack("{s:b,s:b,s:s}",
			"completed", s->hs_done,
			"client_cert_requested", s->cert_requested,
			"alert", s->alert));
	if (s->tls.up)
		json_object_set_new(o, "tls", tls_facts_json(&s->tls));
	return o;
}
