/* tcp_tls.c — the `tcp.tls` probe: a plain TLS handshake (implicit TLS)
 * with the address reach found open, for a tcp:// target with
 * --tls implicit.  No application protocol follows: it shows the version
 * and cipher agreed, the certificate (subject, issuer, dates, name
 * match) and the chain's verify result, which is computed but not
 * enforced so a certificate problem (warn) is told apart from a
 * handshake that cannot complete (fail).  OpenSSL runs non-blocking on
 * the loop (SSL_connect on each readiness, checks/net/lib/tls_hs.c),
 * bounded by --timeout.
 *
 * Its details keys are listed in tcp_tls_details[] below.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <string.h>

#include "checks.h"
#include "i18n.h"
#include "run.h"
#include "netpath.h"
#include "tcpconn.h"
#include "tls_facts.h"
#include "tls_hs.h"
#include "tls_peek.h"
#include "util.h"
#include "wrongproto.h"

/* The probe's state. */
struct tcptls_state {
	struct probe *p;           /* owner */
	struct tcpconn *conn;      /* the TCP connection */
	struct tls_hs hs;          /* the handshake (system CAs, --cacert) */
	struct tls_peek peek;      /* the server's first bytes, kept when
				    * they are no TLS record (tls_peek.h) */
	int64_t t_start;           /* when the handshake began (ms, run) */
};

/* Free the handshake (deadline, session, context) and the socket. */
static void tcptls_free(void *state)
{
	struct tcptls_state *st = state;

	tls_hs_free(&st->hs);
	tcpconn_free(st->conn);
	st->conn = NULL;
}

/* Only for tcp:// with --tls implicit, once reach found the port open. */
static bool tcptls_applies(struct probe *p, char *reason, size_t size)
{
	if (p->run->target.proto != PROTO_TCP ||
	    p->run->target.tls != TLS_IMPLICIT) {
		str_copy(reason, _("only for tcp:// targets with --tls implicit"),
			 size);
		return false;
	}
	if (p->run->open_addr < 0) {
		str_copy(reason, _("no open address to start TLS with"), size);
		return false;
	}
	return true;
}

/* What the stalled connection shows: the MSS it sent with (TCP_INFO
 * tcpi_snd_mss, the pmtu probe's "mss_failed") and the bytes read. */
static void tcptls_path_facts(struct probe *p)
{
	struct tcptls_state *st = p->state;
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (!st || !st->conn)
		return;
	memset(&ti, 0, sizeof(ti));
	if (getsockopt(tcpconn_fd(st->conn), IPPROTO_TCP, TCP_INFO, &ti,
		       &len) == 0 && ti.tcpi_snd_mss)
		probe_set_int(p, "mss", ti.tcpi_snd_mss);
	if (st->hs.ssl)
		probe_set_int(p, "bytes_in", (long long)BIO_number_read(
				      SSL_get_rbio(st->hs.ssl)));
}

/* The handshake failed: record OpenSSL's reason (sanitized) and end. */
static void tcptls_failed(struct probe *p, const char *result, int err)
{
	char why[256];
	unsigned long e = ERR_get_error();

	if (strcmp(result, "connect_failed"))
		tcptls_path_facts(p);
	probe_set_str(p, "result", result);
	if (err)
		probe_set_str(p, "errno", errno_name(err));
	if (e) {
		ERR_error_string_n(e, why, sizeof(why));
		probe_set_text(p, "error", why, strlen(why));
	}
	ERR_clear_error();
	tcptls_free(p->state);
	probe_finish(p, PROBE_FAIL, "%s",
		     !strcmp(result, "timeout") ? _("the TLS handshake did not complete in time")
		     : !strcmp(result, "reset") ? _("the service reset the connection during the TLS handshake")
		     : !strcmp(result, "closed") ? _("the service closed the connection during the TLS handshake")
		     : _("the TLS handshake failed"));
}

/* The handshake failed on bytes of another protocol where the server's
 * first TLS record was due (an SSH banner; tls_peek.h): name it, hand
 * it to the next probes (wrongproto.h) and finish.  False otherwise. */
static bool tcptls_foreign(struct probe *p)
{
	struct tcptls_state *st = p->state;
	const char *name;
	json_t *o;

	tls_peek_socket(&st->peek, tcpconn_fd(st->conn));
	name = tls_peek_foreign(&st->peek, NULL);
	if (!name || !(o = tls_peek_foreign_json(&st->peek, NULL)))
		return false;
	tcptls_path_facts(p);
	probe_set_str(p, "result", "handshake_failed");
	json_object_set_new(p->details, "wrong_protocol", o);
	wrongproto_set(p->run, name, p->ops->id);
	ERR_clear_error();
	tcptls_free(st);
	probe_finish(p, PROBE_FAIL, _("the port speaks %s, not TLS (its "
		     "first bytes came where the TLS handshake was due)"),
		     name);
	return true;
}

/* The handshake is done: the facts, then the verdict. */
static void tcptls_done(struct probe *p)
{
	struct tcptls_state *st = p->state;
	struct tls_facts f;
	const char *verify;

	memset(&f, 0, sizeof(f));
	f.name_match = -1;
	tls_facts_from_ssl(st->hs.ssl, p->run->target.host, &f);
	verify = tls_verify_token(f.verify_code);
	probe_set_str(p, "result", "ok");
	probe_set_int(p, "handshake_ms", probe_elapsed(p) - st->t_start);
	probe_set_str(p, "version", f.version);
	probe_set_str(p, "cipher", f.cipher);
	probe_set_str(p, "verify", verify);
	probe_set_str(p, "verify_text", f.verify_text);
	json_object_set_new(p->details, "certificate", tls_facts_json(&f));
	tcptls_free(st);
	if (strcmp(verify, "ok") || f.name_match == 0)
		probe_finish(p, PROBE_WARN,
			     _("%s %s; the certificate does not pass a client's check: %s"),
			     f.version, f.cipher,
			     f.name_match == 0 && !strcmp(verify, "ok") ?
			     _("it does not name this host") : f.verify_text);
	else
		probe_finish(p, PROBE_OK, _("%s %s, certificate verified"),
			     f.version, f.cipher);
}

/* The handshake ended: the verdict on success, else how it failed
 * (SSL_get_error's code and errno, tls_hs.h). */
static void tcptls_hs_end(struct tls_hs *hs, enum tls_hs_end end, void *arg)
{
	struct probe *p = arg;
	int e = hs->ssl_error, err = hs->sys_errno;

	if (end == TLS_HS_DONE)
		tcptls_done(p);
	else if (end == TLS_HS_TIMEOUT)
		tcptls_failed(p, "timeout", 0);
	else if (e == SSL_ERROR_SYSCALL && err == ECONNRESET)
		tcptls_failed(p, "reset", err);
	else if (e == SSL_ERROR_SYSCALL || e == SSL_ERROR_ZERO_RETURN)
		tcptls_failed(p, err ? "error" : "closed", err);
	else if (!tcptls_foreign(p))
		tcptls_failed(p, "handshake_failed", 0);
}

/* A client context: the system's CAs and --cacert, no enforcement (the
 * verify result is read afterwards), the host name checked. */
static bool tcptls_setup(struct probe *p, int fd)
{
	struct tls_hs *hs = &((struct tcptls_state *)p->state)->hs;
	const struct target *t = &p->run->target;

	if (!tls_hs_ctx(hs))
		return false;
	SSL_CTX_set_default_verify_paths(hs->ctx);
	if (p->run->opt->cacert)
		SSL_CTX_load_verify_locations(hs->ctx, p->run->opt->cacert, NULL);
	if (netpath_ssl_ctx(p->run, hs->ctx) < 0)
		return false; /* --cert/--key cannot be used */
	if (!tls_hs_session(hs, fd, t->host_is_ip ? NULL : t->host))
		return false;
	SSL_set1_host(hs->ssl, t->host);
	tls_peek_watch(&((struct tcptls_state *)p->state)->peek, hs->ssl);
	return true;
}

/* TCP is up: start the handshake. */
static void tcptls_connected(struct tcpconn *c, int err, void *arg)
{
	struct probe *p = arg;
	struct tcptls_state *st = p->state;

	if (err) {
		probe_set_str(p, "connect", tcpconn_result(err));
		tcptls_failed(p, "connect_failed", err);
		return;
	}
	if (!tcptls_setup(p, tcpconn_fd(c))) {
		tcptls_free(st);
		probe_finish(p, PROBE_ERROR, "%s", _("cannot set up OpenSSL"));
		return;
	}
	st->t_start = probe_elapsed(p);
	tls_hs_run(&st->hs, p->run->loop, run_timeout_ms(p->run),
		   tcptls_hs_end, p);
}

/* Connect to the open address. */
static void tcptls_start(struct probe *p)
{
	struct run *run = p->run;
	struct tcptls_state *st = probe_state_new(p, sizeof(*st), tcptls_free);
	struct sockaddr *sa = (struct sockaddr *)&run->addrs[run->open_addr].sa;
	char where[320];

	if (!st) {
		probe_finish(p, PROBE_ERROR, "%s", _("out of memory"));
		return;
	}
	st->p = p;
	probe_set_str(p, "address",
		      netpath_addr_port_shown(run, sa, where, sizeof(where)));
	st->conn = netpath_connect(run, sa, run_timeout_ms(run),
				   tcptls_connected, p);
	if (!st->conn)
		probe_finish(p, PROBE_ERROR, _("cannot create a socket: %s"),
			     strerror(errno));
}

/* Every key of the details (JSON type, unit, meaning); checked at
 * probe_finish when SOCKDOC_CHECK_DETAILS=1. */
static const struct probe_detail tcp_tls_details[] = {
	{ "address", DT_STR, NULL, "address connected to" },
	{ "result", DT_STR, NULL,
	  "ok|handshake_failed|timeout|reset|closed|error|connect_failed" },
	{ "connect", DT_STR, NULL, "TCP result when the connect failed" },
	{ "errno", DT_STR, NULL, "errno name of a socket error" },
	{ "error", DT_STR, NULL, "OpenSSL's reason (sanitized)" },
	{ "handshake_ms", DT_INT, "ms", "TLS handshake time" },
	{ "mss", DT_INT, "bytes", "MSS of the failed connection (TCP_INFO)" },
	{ "bytes_in", DT_INT, "bytes", "bytes read before the failure" },
	{ "version", DT_STR, NULL, "protocol version agreed (TLSv1.3)" },
	{ "cipher", DT_STR, NULL, "cipher suite agreed" },
	{ "verify", DT_STR, NULL, TLS_VERIFY_TOKENS },
	{ "verify_text", DT_STR, NULL, "OpenSSL's verify wording" },
	{ "certificate", DT_OBJECT, NULL,
	  "{version, cipher, subject, issuer, not_before, not_after, "
	  "expires_in_s, starts_in_s, name_match}" },
	{ "wrong_protocol", DT_OBJECT, NULL,
	  "another protocol where the TLS handshake was due: {protocol "
	  "(\"SSH\"), sniff, raw (first bytes, sanitized), where: "
	  "\"tls\"} (tls_peek.h)" },
	{ NULL, DT_JSON, NULL, NULL }
};

/* Nagios perfdata: how long the probe took. */
static const struct probe_perf tcp_tls_perf[] = {
	{ "tcp_tls", NULL, "s", 0, 0, "the tcp.tls probe" },
	{ "tls_handshake", "handshake_ms", "s", 0.001, PERF_STEP,
	  "TLS handshake" },
	{ NULL, NULL, NULL, 0, 0, NULL }
};

const struct probe_ops probe_tcp_tls = {
	.id = "tcp.tls",
	.deps = { "reach" },
	.applies = tcptls_applies,
	.start = tcptls_start,
	.perf = tcp_tls_perf,
	.details = tcp_tls_details,
	.tells_apart = N_("tcp:// with implicit TLS: a handshake that fails, "
		"a certificate a client rejects (expired, untrusted, another "
		"name), or TLS that works"),
};
