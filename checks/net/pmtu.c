/* pmtu.c — the `pmtu` probe: after the tcp.tls handshake stalled on a
 * connection that was up (result "timeout"), connect once more with a
 * small MSS (TCP_MAXSEG before connect, so the SYN offers PMTU_MSS_SMALL
 * bytes and the server's segments stay small) and run the same TLS
 * handshake.  If it passes, large segments vanish on the path and no
 * ICMP "fragmentation needed" comes back: a path MTU black hole
 * (net.pmtu_blackhole, src/diagnose/diagnose_limits.c reads the "pmtu"
 * object below).  Two stalls are retried: tcp.tls (tcp:// with
 * --tls implicit; result "timeout") and the SMTP tls probe's own
 * dialogue (handshake_kind "stalled" or "no_bytes"; the retry is the same
 * dialogue, EHLO+STARTTLS or implicit TLS, through smtp_dialog), and
 * smtp.ehlo's implicit-TLS session that timed out before its handshake
 * completed (smtps://; the tls probe does not run then: the retry is
 * followed by one with the usual MSS, which must stall).  Direct
 * connections only: through a proxy the MSS of our leg says nothing
 * about the server's path.
 *
 * Its details keys are listed in pmtu_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "netpath.h"
#include "run.h"
#include "smtp_dialog.h"
#include "smtp_probe.h"
#include "tcpconn.h"
#include "tls_hs.h"
#include "util.h"

/* The small MSS of the retry (bytes): RFC 879's default, which fits
 * every IPv4 path (576-byte datagrams). */
#define PMTU_MSS_SMALL 536

/* The probe's state. */
struct pmtu_state {
	struct probe *p;           /* owner */
	struct tcpconn *conn;      /* the small-MSS connection */
	struct tls_hs hs;          /* its handshake, nothing verified */
	struct sdlg dlg;           /* the SMTP retry (smtp_dialog) */
	bool dlg_on;               /* dlg started and not finished */
	struct sdlg dlg2;          /* smtps: the same with the usual MSS */
	bool dlg2_on;              /* dlg2 started */
	long long mss_failed;      /* the stalled MSS dlg2 measured, 0 none */
	bool usual_ok;             /* dlg2 passed: no black hole */
};

/* Free the handshake (deadline, session, context), the socket and the
 * SMTP retries. */
static void pmtu_free(void *state)
{
	struct pmtu_state *st = state;

	tls_hs_free(&st->hs);
	tcpconn_free(st->conn);
	st->conn = NULL;
	if (st->dlg_on)
		sdlg_stop(&st->dlg);
	if (st->dlg2_on)
		sdlg_stop(&st->dlg2);
	st->dlg_on = st->dlg2_on = false;
}

/* Details key KEY of probe ID as a string, "" when absent. */
static const char *pmtu_str(struct probe *p, const char *id, const char *key)
{
	struct probe *t = run_probe(p->run, id);
	const char *v = t ? json_string_value(json_object_get(t->details,
							      key)) : NULL;

	return v ? v : "";
}

/* True when the SMTP tls probe's own handshake stalled. */
static bool pmtu_smtp_stalled(struct probe *p)
{
	const char *k = pmtu_str(p, "tls", "handshake_kind");

	return !strcmp(k, "stalled") || !strcmp(k, "no_bytes");
}

/* True when smtp.ehlo's implicit-TLS session (libcurl) timed out
 * (CURLE_OPERATION_TIMEDOUT) before its TLS handshake completed: the tls
 * probe then does not run, the stall is libcurl's alone. */
static bool pmtu_smtps_stalled(struct probe *p)
{
	struct probe *e = run_probe(p->run, "smtp.ehlo");
	json_t *im = e ? json_object_get(e->details, "implicit") : NULL;

	return p->run->target.proto == PROTO_SMTP && json_is_object(im) &&
	       json_integer_value(json_object_get(im, "curl_code")) == 28 &&
	       !json_is_true(json_object_get(im, "greeted")) &&
	       json_is_false(json_object_get(json_object_get(im, "handshake"),
					     "completed"));
}

/* The MSS the stalled connection sent with (0 unknown). */
static long long pmtu_mss_failed(struct probe *p)
{
	struct pmtu_state *st = p->state;
	struct probe *t;

	if (st && st->mss_failed > 0)
		return st->mss_failed;
	t = run_probe(p->run, pmtu_smtp_stalled(p) ? "tls" : "tcp.tls");
	return t ? json_integer_value(json_object_get(t->details,
		pmtu_smtp_stalled(p) ? "handshake_mss" : "mss")) : 0;
}

/* Only after a TLS handshake stalled on an established direct
 * connection. */
static bool pmtu_applies(struct probe *p, char *reason, size_t size)
{
	if ((strcmp(pmtu_str(p, "tcp.tls", "result"), "timeout") &&
	     !pmtu_smtp_stalled(p) && !pmtu_smtps_stalled(p)) ||
	    p->run->open_addr < 0) {
		str_copy(reason, _("only when a TLS handshake stalled after "
				   "the connection was up"), size);
		return false;
	}
	if (p->run->path.kind != NP_DIRECT) {
		str_copy(reason, _("not through a proxy: the MSS of this leg "
				   "says nothing about the server's path"),
			 size);
		return false;
	}
	return true;
}

/* Record the "pmtu" object the diagnosis reads and the retry's facts. */
static void pmtu_record(struct probe *p, bool ok)
{
	struct pmtu_state *st = p->state;
	json_t *m = json_object();

	json_object_set_new(m, "stalled", json_string("TLS handshake"));
	json_object_set_new(m, "mss_failed", json_integer(pmtu_mss_failed(p)));
	json_object_set_new(m, "mss_ok", json_integer(ok ? PMTU_MSS_SMALL : 0));
	json_object_set_new(m, "small_mss_ok", json_boolean(ok));
	json_object_set_new(p->details, "pmtu", m);
	probe_set_int(p, "mss_small", PMTU_MSS_SMALL);
	probe_set_str(p, "result", ok ? "ok" : st->usual_ok ? "usual_ok"
						   : "stalled");
	if (st->hs.ssl)
		probe_set_int(p, "bytes_in", (long long)BIO_number_read(
				      SSL_get_rbio(st->hs.ssl)));
	else if (st->dlg_on && !json_object_get(p->details, "bytes_in"))
		probe_set_int(p, "bytes_in", st->dlg.tls.bytes_in);
}

/* The retry ended: OK tells whether the small-MSS handshake passed. */
static void pmtu_end(struct probe *p, bool ok)
{
	struct pmtu_state *st = p->state;
	long long failed = pmtu_mss_failed(p);

	pmtu_record(p, ok);
	ERR_clear_error();
	pmtu_free(p->state);
	if (!ok && st->usual_ok)
		probe_finish(p, PROBE_OK, _("the TLS handshake passes with the "
			     "usual MSS too: not a path MTU problem"));
	else if (ok && failed <= 0)
		probe_finish(p, PROBE_FAIL, _("the TLS handshake stalls with the "
			     "usual MSS and passes with %d bytes: large "
			     "packets are lost on the path"), PMTU_MSS_SMALL);
	else if (ok)
		probe_finish(p, PROBE_FAIL, _("the TLS handshake stalls with an "
			     "MSS of %lld bytes and passes with %d bytes: "
			     "large packets are lost on the path"),
			     failed, PMTU_MSS_SMALL);
	else
		probe_finish(p, PROBE_OK, _("the TLS handshake fails with an MSS "
			     "of %d bytes too: not a path MTU problem"),
			     PMTU_MSS_SMALL);
}

/* The small-MSS handshake ended.  Any answer that is not a stall (even
 * an alert: SSL_ERROR_SSL after bytes were read) means the server's
 * large flight arrived: the small MSS got through. */
static void pmtu_hs_end(struct tls_hs *hs, enum tls_hs_end end, void *arg)
{
	pmtu_end(arg, end == TLS_HS_DONE ||
		 (end == TLS_HS_FAILED && hs->ssl_error == SSL_ERROR_SSL &&
		  BIO_number_read(SSL_get_rbio(hs->ssl)) > 0));
}

/* A client context that verifies nothing (tcp.tls judged the
 * certificate already) and sends the same SNI. */
static bool pmtu_setup(struct probe *p, int fd)
{
	struct pmtu_state *st = p->state;
	const struct target *t = &p->run->target;

	return tls_hs_ctx(&st->hs) &&
	       tls_hs_session(&st->hs, fd, t->host_is_ip ? NULL : t->host);
}

/* TCP is up with the small MSS: start the handshake. */
static void pmtu_connected(struct tcpconn *c, int err, void *arg)
{
	struct probe *p = arg;
	struct pmtu_state *st = p->state;

	if (err) {
		probe_set_str(p, "connect", tcpconn_result(err));
		pmtu_free(st);
		probe_finish(p, PROBE_ERROR, _("the small-MSS retry could not "
			     "connect: %s"), tcpconn_result(err));
		return;
	}
	if (!pmtu_setup(p, tcpconn_fd(c))) {
		pmtu_free(st);
		probe_finish(p, PROBE_ERROR, "%s", _("cannot set up OpenSSL"));
		return;
	}
	tls_hs_run(&st->hs, p->run->loop, run_timeout_ms(p->run),
		   pmtu_hs_end, p);
}

/* True when D's handshake got the server's flight (done or judged). */
static bool pmtu_dlg_passed(const struct sdlg *d)
{
	const char *r = d->tls.result;

	return d->tls.up || !strcmp(r, "alert") || !strcmp(r, "version") ||
	       !strcmp(r, "verify");
}

/* A dialogue configuration to the handshake's end with MSS (0: usual). */
static void pmtu_dlg_cfg(struct probe *p, struct sdlg_cfg *cfg,
			 bool implicit, int mss)
{
	smtp_probe_dlg_cfg(p, cfg, mss ? "pmtu" : "pmtu-usual",
			   implicit ? SEC_IMPLICIT : SEC_STARTTLS);
	cfg->stop_after_tls = true;
	cfg->mss = mss;
	if (!implicit) {
		sdlg_plan(cfg, SD_EHLO, NULL);
		sdlg_plan(cfg, SD_STARTTLS, NULL);
	}
}

/* smtps confirmation ended: a black hole when the usual MSS stalls. */
static void pmtu_dlg2_done(struct sdlg *d, void *arg)
{
	struct probe *p = arg;
	struct pmtu_state *st = p->state;
	const char *r = d->tls.result;

	st->dlg2_on = false;
	st->mss_failed = d->tls.mss;
	st->usual_ok = pmtu_dlg_passed(d);
	pmtu_end(p, !st->usual_ok && (!strcmp(r, "stalled") ||
				      !strcmp(r, "no_bytes")));
}

/* The SMTP retry ended: passed when the server's flight arrived; after
 * libcurl's stall (smtps) the usual MSS is tried again by our own
 * dialogue, to measure it and to be sure the stall is the path's. */
static void pmtu_dlg_done(struct sdlg *d, void *arg)
{
	struct probe *p = arg;
	struct pmtu_state *st = p->state;
	struct sdlg_cfg cfg;

	if (!pmtu_dlg_passed(d) || pmtu_smtp_stalled(p)) {
		pmtu_end(p, pmtu_dlg_passed(d));
		return;
	}
	probe_set_int(p, "bytes_in", d->tls.bytes_in);
	pmtu_dlg_cfg(p, &cfg, true, 0);
	st->dlg2_on = true;
	if (sdlg_start(&st->dlg2, p, &cfg, pmtu_dlg2_done, p) < 0) {
		st->dlg2_on = false;
		pmtu_end(p, false);
	}
}

/* The SMTP retry: the tls probe's dialogue (EHLO+STARTTLS, or implicit
 * TLS) to the handshake's end, with the small MSS. */
static void pmtu_start_smtp(struct probe *p, struct pmtu_state *st)
{
	bool implicit = !strcmp(pmtu_str(p, "tls", "mode"), "implicit") ||
			!pmtu_smtp_stalled(p);
	struct sdlg_cfg cfg;

	pmtu_dlg_cfg(p, &cfg, implicit, PMTU_MSS_SMALL);
	st->dlg_on = true;
	if (sdlg_start(&st->dlg, p, &cfg, pmtu_dlg_done, p) < 0) {
		st->dlg_on = false;
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
	}
}

/* Connect to the open address with the small MSS. */
static void pmtu_start(struct probe *p)
{
	struct run *run = p->run;
	struct pmtu_state *st = probe_state_new(p, sizeof(*st), pmtu_free);
	struct sockaddr *sa = (struct sockaddr *)&run->addrs[run->open_addr].sa;
	char where[80];

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->p = p;
	probe_set_str(p, "address", addr_port_to_str(sa, where, sizeof(where)));
	if (pmtu_smtp_stalled(p) || pmtu_smtps_stalled(p)) {
		pmtu_start_smtp(p, st);
		return;
	}
	st->conn = netpath_connect_mss(run, sa, PMTU_MSS_SMALL,
				       run_timeout_ms(run), pmtu_connected, p);
	if (!st->conn)
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail pmtu_details[] = {
	{ "address", DT_STR, NULL, "address connected to" },
	{ "result", DT_STR, NULL, "ok|stalled: the small-MSS handshake; "
	  "usual_ok: smtps, the usual MSS passed as well" },
	{ "connect", DT_STR, NULL, "TCP result when the connect failed" },
	{ "mss_small", DT_INT, "bytes", "the MSS the retry offered" },
	{ "bytes_in", DT_INT, "bytes", "bytes the retry read" },
	{ "pmtu", DT_OBJECT, NULL,
	  "{stalled, mss_failed, mss_ok, small_mss_ok} (diagnose_limits.c)" },
	{ NULL, DT_JSON, NULL, NULL }
};

const struct probe_ops probe_pmtu = {
	.id = "pmtu",
	.deps = { "tcp.tls", "tls", "smtp.ehlo" },
	.applies = pmtu_applies,
	.start = pmtu_start,
	.details = pmtu_details,
	.tells_apart = N_("a TLS handshake that stalls after connecting: a "
		"path that loses large packets (passes with a small MSS) or "
		"a server that does not answer"),
};
