/* trial_upload_easy.c — libcurl handles for the upload trial: the URL from
 * the address reach found open (no second DNS answer), the login from
 * --user and the password store (never in the URL), the security mode,
 * deadlines; and the FTP clean-up session that deletes what was written. */
#include "config.h"

#include "trial_upload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curlglue.h"
#include "run.h"
#include "trial_common.h"
#include "util.h"

/* Scheme for the target's protocol and security mode. */
static const char *scheme(const struct run *run)
{
	bool implicit = run->target.tls == TLS_IMPLICIT;

	if (run->target.proto == PROTO_SMTP)
		return implicit ? "smtps" : "smtp";
	return implicit ? "ftps" : "ftp";
}

/* "scheme://addr:port/" + escaped PATH into BUF. */
static void build_url(struct probe *p, const char *path, char *buf,
		      size_t size)
{
	const struct sockaddr *sa = trial_addr(p);
	char host[300], *esc = NULL;

	/* The address (or, for the stand-in, the name the proxy resolves). */
	netpath_url_host(p->run, sa, host, sizeof(host));
	if (path && *path)
		esc = curl_easy_escape(NULL, path, 0);
	str_printf(buf, size, "%s://%s:%d/%s", scheme(p->run), host,
		   addr_port(sa), esc ? esc : "");
	curl_free(esc);
}

/* Login, security and timing options shared by every handle. */
static void common_opts(CURL *e, struct probe *p)
{
	const struct options *opt = p->run->opt;
	const struct run *run = p->run;
	bool ftp = run->target.proto == PROTO_FTP;

	if (ftp || opt->user) {
		curl_easy_setopt(e, CURLOPT_USERNAME,
				 opt->user ? opt->user : "anonymous");
		curl_easy_setopt(e, CURLOPT_PASSWORD,
				 opt->password ? opt->password
					       : (ftp ? "sockdoc@" : ""));
	}
	if (run->target.tls == TLS_STARTTLS)
		curl_easy_setopt(e, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (opt->cacert)
		curl_easy_setopt(e, CURLOPT_CAINFO, opt->cacert);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)run_timeout_ms(run));
	curl_easy_setopt(e, CURLOPT_SERVER_RESPONSE_TIMEOUT,
			 (long)((run_timeout_ms(run) + 999) / 1000));
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)trial_budget_left(p) + 1);
	curl_easy_setopt(e, CURLOPT_FTP_FILEMETHOD, (long)CURLFTPMETHOD_NOCWD);
	curl_easy_setopt(e, CURLOPT_FTP_USE_EPSV, 1L);
	/* Each session is its own: none stays open on the server after. */
	curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
}

CURL *upl_easy_new(struct probe *p, const char *path)
{
	CURL *e = netpath_easy_init(p->run);
	char url[1024];

	if (!e)
		return NULL;
	build_url(p, path, url, sizeof(url));
	curl_easy_setopt(e, CURLOPT_URL, url);
	common_opts(e, p);
	return e;
}

/* The clean-up session ended. */
static void on_deleted(CURL *easy, CURLcode rc, void *arg)
{
	struct upl_del *d = arg;
	long code = 0;

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(easy);
	d->easy = NULL;
	d->done(d, rc == CURLE_OK ? 0 : code == 550 ? 1 : -1);
}

int upl_del_start(struct upl_del *d, struct probe *p, const char *path,
		  void (*done)(struct upl_del *d, int rc))
{
	char cmd[600];

	d->p = p;
	d->done = done;
	d->easy = upl_easy_new(p, "");
	if (!d->easy)
		return -1;
	str_printf(cmd, sizeof(cmd), "DELE %s", path);
	curl_slist_free_all(d->quote);
	d->quote = curl_slist_append(NULL, cmd);
	curl_easy_setopt(d->easy, CURLOPT_QUOTE, d->quote);
	curl_easy_setopt(d->easy, CURLOPT_NOBODY, 1L);
	return curlglue_add(run_curl(p->run), d->easy, on_deleted, d);
}

void upl_del_free(struct upl_del *d)
{
	if (d->easy) {
		curlglue_remove(run_curl(d->p->run), d->easy);
		curl_easy_cleanup(d->easy);
	}
	curl_slist_free_all(d->quote);
	d->easy = NULL;
	d->quote = NULL;
}
