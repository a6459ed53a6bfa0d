/* trial_upload_xfer.c — one measured upload through libcurl's multi
 * interface on the loop.  The data socket gets a small send buffer (so
 * libcurl's counter stays close to the wire) and its TCP_INFO
 * tcpi_bytes_acked is read at every progress call and when it closes:
 * that is what the server (or the middlebox) really took. */
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

#define UPL_SNDBUF 32768 /* the kernel doubles it: ~64 KB in flight at most */

const char *upl_result_name(enum upl_result r)
{
	static const char *const names[] = { "ok", "reset", "size_limit",
					     "stall", "error" };

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

/* Keep the highest acknowledged count seen on the data socket. */
static void sample_acked(struct upl *u)
{
	long long a = bytes_acked(u->data_fd);

	if (a > u->acked)
		u->acked = a;
}

/* CURLOPT_READFUNCTION: generated content (a mail message for SMTP). */
static size_t on_read(char *buf, size_t size, size_t n, void *arg)
{
	struct upl *u = arg;
	size_t want = size * n, i;
	long long left = u->size - u->generated;

	if ((long long)want > left)
		want = (size_t)left;
	for (i = 0; i < want; i++) {
		long long k = u->generated + (long long)i;

		/* 78-byte lines ending in CRLF keep SMTP happy and FTP fine. */
		if (k % 78 == 76)
			buf[i] = '\r';
		else if (k % 78 == 77)
			buf[i] = '\n';
		else
			buf[i] = (char)('A' + k % 26);
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
	} else if (u->ulnow > 0 && u->ulnow < u->size &&
		   now - u->t_change > u->max_gap_ms) {
		u->max_gap_ms = now - u->t_change;
	}
	sample_acked(u);
	/* Our own stall limit: libcurl's low-speed check averages over a
	 * window of seconds; this one is exact to its wake-ups. */
	if (u->ulnow < u->size && now - u->t_change > u->stall_ms) {
		u->stalled = true;
		return 1;
	}
	return 0;
}

/* CURLOPT_SOCKOPTFUNCTION: small send buffer; remember the data socket. */
static int on_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct upl *u = arg;
	int sz = UPL_SNDBUF;

	(void)purpose;
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	if (u->rep.ctrl_fd < 0)
		u->rep.ctrl_fd = fd; /* the first connection is the control */
	u->data_fd = fd; /* FTP: the data connection is the last one made */
	return CURL_SOCKOPT_OK;
}

/* CURLOPT_CLOSESOCKETFUNCTION: last TCP_INFO reading before the close. */
static int on_close(void *arg, curl_socket_t fd)
{
	struct upl *u = arg;

	upl_reply_on_close(u, fd);
	if (fd == u->data_fd) {
		sample_acked(u);
		u->data_fd = -1;
	}
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
	/* The server said why: its refusal, not the broken transfer.  425
	 * and 426 only report the data connection's fate (RFC 959: no data
	 * connection, transfer aborted): the transfer tells more. */
	if (u->code >= 400 && u->code != 552 && u->code != 452 &&
	    u->code != 425 && u->code != 426)
		return UPL_ERROR;
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
	u->result = classify(u);
	if (u->result == UPL_OK)
		u->acked = u->size; /* confirmed by the server's final reply */
	u->done(u);
}

/* The transfer ended; a refusal still owed is waited for first. */
static void on_done(CURL *easy, CURLcode rc, void *arg)
{
	struct upl *u = arg;

	u->rc = rc;
	u->ms = loop_clock_ms() - u->t0;
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &u->code);
	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &u->os_errno);
	sample_acked(u);
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
	u->stall_ms = run_timeout_ms(p->run);
	u->easy = upl_easy_new(p, u->path);
	if (!u->easy)
		return -1;
	upl_reply_setup(u);
	if (p->run->target.proto == PROTO_SMTP)
		set_smtp(u, opt);
	curl_easy_setopt(u->easy, CURLOPT_UPLOAD, 1L);
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
	return curlglue_add(run_curl(p->run), u->easy, on_done, u);
}

void upl_free(struct upl *u)
{
	if (u->p)
		upl_reply_free(u);
	if (u->easy) {
		curlglue_remove(run_curl(u->p->run), u->easy);
		curl_easy_cleanup(u->easy);
	}
	curl_slist_free_all(u->rcpt);
	u->easy = NULL;
	u->rcpt = NULL;
}
