/* diagnose_trials.c — rules for transfers, load, time and the local side
 * (causes transfer.*, server.connection_limit, server.rate_limit,
 * conn.graceful_then_reset, conn.intermittent, server.down_or_restarting,
 * local.*), read from the trial.*, watch and local probes' details. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diagnose.h"
#include "i18n.h"

/* Bytes as KB with one decimal, for evidence. */
static double kb(long long bytes)
{
	return bytes / 1024.0;
}

/* True when A and B differ by at most 15% of the larger (kernel buffers
 * on the server side move the acknowledged count a little). */
static bool close_enough(long long a, long long b)
{
	long long hi = a > b ? a : b, d = llabs(a - b);

	return hi > 0 && d * 100 <= hi * 15;
}

/* transfer.reset_after_bytes: the same threshold twice. */
static void upload_reset(struct diag *d)
{
	long long t1 = diag_int(d, "trial.upload", "threshold_bytes", 0);
	long long t2 = diag_int(d, "trial.upload", "threshold_repeat_bytes", 0);
	long long ok = diag_int(d, "trial.upload", "largest_ok", 0);
	long long size = diag_int(d, "trial.upload", "failed_size", 0);
	json_t *c = diag_cause(d, "transfer.reset_after_bytes",
			       close_enough(t1, t2) ? CONF_HIGH : CONF_MEDIUM);

	diag_evidence(c, _("an upload of %.0f KB was reset after %.1f KB acknowledged by the server, and again after %.1f KB on a second try (counted by TCP_INFO bytes acknowledged)"),
		      kb(size), kb(t1), kb(t2));
	if (diag_bool(d, "trial.upload", "reset_during_data"))
		diag_evidence(c, "%s", _("over SMTP the server had accepted the envelope and answered 354 to DATA: the reset came while the message was sent, and no SMTP reply said why"));
	if (ok > 0)
		diag_evidence(c, _("uploads up to %.0f KB went through"), kb(ok));
	diag_fix_instead(c, DIAG_GENERIC(0), _("Something cuts uploads at about %.0f KB: check the antivirus/firewall or proxy that inspects transfers, and the server's quota; until then keep files under %.0f KB"),
		       kb(t1), kb(t1));
}

/* SMTP: the fix for a message over the limit LIM (bytes: the SIZE the
 * server announces, else the largest message that went through; 0 none
 * known): on the client's side the message (attachments grow by a third
 * in base64, RFC 2045 6.8), on the server's the limit. */
static void smtp_size_fix(json_t *c, long long lim, bool announced)
{
	if (announced && lim > 0)
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("Keep messages under %.0f KB, attachments under about %.0f KB (base64 encoding adds a third), or ask the server's administrator to raise its limit (SIZE %lld)"),
				 kb(lim), kb(lim) * 3 / 4, lim);
	else if (lim > 0)
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("Keep messages at or under %.0f KB, attachments under about %.0f KB (base64 encoding adds a third), or ask the server's administrator to raise its limit"),
				 kb(lim), kb(lim) * 3 / 4);
	else
		diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), "%s", _("Send smaller messages (base64 encoding makes attachments a third larger), or ask the server's administrator for its size limit and to raise it"));
}

/* SMTP: quote the refusal the trial recorded into C (step, when, the
 * server's reply) and say where the fix lies; false when the details
 * hold none (FTP, or an older report). */
static bool smtp_size_quote(struct diag *d, json_t *c)
{
	const char *text = diag_str(d, "trial.upload", "refused_text");
	const char *step = diag_str(d, "trial.upload", "refused_step");
	const char *when = diag_str(d, "trial.upload", "refused_when");
	const char *arg = diag_str(d, "trial.upload", "refused_arg");
	long long code = diag_int(d, "trial.upload", "refused_code", 0);
	long long lim = diag_int(d, "trial.upload", "size_announced", 0);
	long long ok = diag_int(d, "trial.upload", "largest_ok", 0);

	if (!text || !step || !when || !code)
		return false;
	if (!strcmp(when, "before_data"))
		diag_evidence(c, _("at %s%s%s, before any of the message was sent, the server answered %lld %s"),
			      step, arg ? " " : "", arg ? arg : "", code, text);
	else
		diag_evidence(c, _("at %s, after %.1f KB of the message, the server answered %lld %s"),
			      step, kb(diag_int(d, "trial.upload",
						"refused_after_bytes", 0)),
			      code, text);
	if (ok > 0)
		diag_evidence(c, _("messages up to %.0f KB went through"),
			      kb(ok));
	diag_evidence(c, "%s", _("the limit is the server's: the client can only send a smaller message or file; raising the limit is up to the server's administrator"));
	smtp_size_fix(c, lim > 0 ? lim : ok, lim > 0);
	return true;
}

/* transfer.size_limit: a 552/452 refusal (SMTP: one whose enhanced code
 * or words say the message is too large). */
static void upload_size_limit(struct diag *d)
{
	json_t *c = diag_cause(d, "transfer.size_limit", CONF_HIGH);
	json_t *ups = json_object_get(diag_details(d, "trial.upload"), "uploads");
	json_t *last = json_array_get(ups, json_array_size(ups) - 1);
	long long ok = diag_int(d, "trial.upload", "largest_ok", 0);

	if (smtp_size_quote(d, c))
		return;
	diag_evidence(c, _("an upload of %.0f KB was refused with reply %lld; %.0f KB went through"),
		      kb(diag_int(d, "trial.upload", "failed_size", 0)),
		      json_integer_value(json_object_get(last, "code")), kb(ok));
	diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("The server accepts at most between %.0f KB and %.0f KB: send smaller files or ask for a higher limit"),
		       kb(ok), kb(diag_int(d, "trial.upload", "failed_size", 0)));
}

/* transfer.stall_timeout: no progress, or long pauses that succeed. */
static void upload_stall(struct diag *d, bool failed)
{
	long long gap = diag_int(d, "trial.upload", "max_gap_ms", 0);
	json_t *c;

	if (failed) {
		c = diag_cause(d, "transfer.stall_timeout", CONF_HIGH);
		diag_evidence(c, _("the upload of %.0f KB stopped after %.1f KB: no progress for %.1f s"),
			      kb(diag_int(d, "trial.upload", "failed_size", 0)),
			      kb(diag_int(d, "trial.upload", "stall_after_bytes", 0)),
			      diag_int(d, "trial.upload", "stall_ms", 0) / 1000.0);
		return;
	}
	c = diag_cause(d, "transfer.stall_timeout", CONF_MEDIUM);
	diag_evidence(c, _("uploads went through, but paused for up to %.1f s without progress"),
		      gap / 1000.0);
	diag_fix_instead(c, DIAG_GENERIC(0), _("Set the client's transfer timeout above %.0f s (measured pause plus margin)"),
		       gap / 1000.0 * 2 + 1);
}

/* Upload outcomes to causes. */
static void rule_upload(struct diag *d)
{
	const char *result = diag_str(d, "trial.upload", "result");
	long long gap = diag_int(d, "trial.upload", "max_gap_ms", 0);
	long long to = diag_int(d, "trial.upload", "timeout_ms", 5000);

	if (!result)
		return;
	if (!strcmp(result, "reset"))
		upload_reset(d);
	else if (!strcmp(result, "size_limit"))
		upload_size_limit(d);
	else if (!strcmp(result, "stall"))
		upload_stall(d, true);
	if (strcmp(result, "stall") && gap * 2 > to)
		upload_stall(d, false);
}

/* How a session was refused, in words. */
static const char *refusal_words(json_t *ramp)
{
	const char *how = json_string_value(json_object_get(ramp, "refusal"));

	if (!how)
		return "";
	if (!strcmp(how, "reply"))
		return _("was refused with a reply");
	if (!strcmp(how, "reset"))
		return _("was reset (RST)");
	if (!strcmp(how, "closed"))
		return _("was closed without a greeting (FIN)");
	if (!strcmp(how, "timeout"))
		return _("got no greeting in time");
	return _("could not connect");
}

/* One evidence line for a ramp. */
static void ramp_evidence(json_t *c, json_t *ramp)
{
	long long gap = json_integer_value(json_object_get(ramp, "gap_ms"));
	long long at = json_integer_value(json_object_get(ramp, "refused_at"));
	long long acc = json_integer_value(json_object_get(ramp, "accepted"));
	json_t *code = json_object_get(ramp, "code");

	if (!at) {
		diag_evidence(c, _("opened %lld ms apart, all %lld sessions were accepted"),
			      gap, acc);
		return;
	}
	if (code)
		diag_evidence(c, _("opened %lld ms apart: %lld sessions accepted, session %lld %s %lld \"%s\""),
			      gap, acc, at, refusal_words(ramp),
			      json_integer_value(code),
			      json_string_value(json_object_get(ramp, "text")));
	else
		diag_evidence(c, _("opened %lld ms apart: %lld sessions accepted, session %lld %s"),
			      gap, acc, at, refusal_words(ramp));
}

/* server.connection_limit / server.rate_limit from the ramps. */
static void rule_concurrency(struct diag *d)
{
	json_t *ramps = json_object_get(diag_details(d, "trial.concurrency"),
					"ramps");
	json_t *fast = json_array_get(ramps, 0), *c, *r;
	long long n;
	size_t i;

	if (!fast || !json_integer_value(json_object_get(fast, "refused_at")))
		return;
	n = json_integer_value(json_object_get(fast, "accepted"));
	if (diag_bool(d, "trial.concurrency", "rate_limited")) {
		c = diag_cause(d, "server.rate_limit", CONF_HIGH);
		diag_fix_instead(c, DIAG_GENERIC(0), _("Open connections to this server at least 300 ms apart (or fewer at once)"));
	} else {
		c = diag_cause(d, "server.connection_limit",
			       json_array_size(ramps) > 1 ? CONF_HIGH : CONF_MEDIUM);
		diag_fix_instead(c, DIAG_GENERIC(0), _("Set the client's limit of simultaneous connections to this server to %lld (the server refused session %lld)"),
			       n > 1 ? n : 1, n + 1);
	}
	json_array_foreach(ramps, i, r)
		ramp_evidence(c, r);
}

/* conn.graceful_then_reset: a write after the server's FIN meets RST. */
static void rule_halfclose(struct diag *d)
{
	const char *result = diag_str(d, "trial.halfclose", "result");
	const char *after = diag_str(d, "trial.halfclose", "closed_after");
	bool own = after && strcmp(after, "QUIT");
	json_t *c;

	if (!result || strcmp(result, "reset"))
		return;
	c = diag_cause(d, "conn.graceful_then_reset", own ? CONF_HIGH : CONF_LOW);
	diag_evidence(c, _("the server closed the connection cleanly (FIN) %lld ms after %s"),
		      diag_int(d, "trial.halfclose", "fin_ms", 0), after);
	diag_evidence(c, _("one more write by the client was answered by a reset (RST) after %lld ms: Windows reports 10053 or 10054 depending on which it notices first"),
		      diag_int(d, "trial.halfclose", "reset_ms", 0));
	if (own && diag_int(d, "trial.halfclose", "noop_code", 0))
		diag_evidence(c, _("its reply to NOOP was %lld \"%s\""),
			      diag_int(d, "trial.halfclose", "noop_code", 0),
			      diag_str(d, "trial.halfclose", "noop_text"));
	else if (own)
		diag_evidence(c, _("it closed without answering %s"), after);
	if (own)
		diag_fix_instead(c, DIAG_GENERIC(0), _("The server closes on its own after %s: read its last reply (it says why) before sending more"),
			       after);
}

/* tcp://: a silent connection lost after LIMIT ms; whether the one with
 * TCP keep-alive survived tells a middlebox from the service itself. */
static void idle_raw(struct diag *d, const char *result, long long limit)
{
	bool ka = diag_bool(d, "trial.idle", "keepalive_survived");
	json_t *c = diag_cause(d, "transfer.control_idle_timeout", CONF_HIGH);

	diag_evidence(c, _("a silent connection was %s after %.1f s idle"),
		      !strcmp(result, "reset") ? _("reset (RST)") : _("closed by the server"),
		      limit / 1000.0);
	if (ka) {
		diag_evidence(c, _("a second connection with TCP keep-alive every %lld s stayed up: something on the way (NAT, firewall) forgets idle connections"),
			      diag_int(d, "trial.idle", "keepalive_s", 0));
		diag_fix_first(c, _("Turn on TCP keep-alive in the client (SO_KEEPALIVE) with probes at least every %.0f s, or send an application heartbeat"),
			       limit / 2000.0 > 1 ? limit / 2000.0 : 1);
	} else {
		diag_evidence(c, _("a second connection with TCP keep-alive was lost too: the service itself drops connections that send nothing"));
		diag_fix_first(c, _("Make the client send an application-level heartbeat at least every %.0f s (TCP keep-alive does not count for the service), or raise the service's idle timeout"),
			       limit / 2000.0 > 1 ? limit / 2000.0 : 1);
	}
}

/* transfer.control_idle_timeout from the idle trial. */
static void rule_idle(struct diag *d)
{
	const char *result = diag_str(d, "trial.idle", "result");
	long long limit = diag_int(d, "trial.idle", "idle_limit_ms", 0);
	long long lower = diag_int(d, "trial.idle", "lower_ms", 0);
	json_t *c;

	if (!result || !strcmp(result, "survived"))
		return;
	if (json_object_get(diag_details(d, "trial.idle"), "keepalive_result")) {
		if (limit > 0)
			idle_raw(d, result, limit);
		return;
	}
	if (!strcmp(result, "closed") || !strcmp(result, "reset")) {
		c = diag_cause(d, "transfer.control_idle_timeout", CONF_HIGH);
		diag_evidence(c, _("the idle control connection was %s after %.1f s without a command"),
			      !strcmp(result, "reset") ? _("reset (RST)") : _("closed by the server"),
			      limit / 1000.0);
		if (diag_int(d, "trial.idle", "code", 0))
			diag_evidence(c, _("the server said %lld \"%s\" before closing"),
				      diag_int(d, "trial.idle", "code", 0),
				      diag_str(d, "trial.idle", "text"));
	} else {
		c = diag_cause(d, "transfer.control_idle_timeout", CONF_MEDIUM);
		diag_evidence(c, _("a NOOP after %.1f s idle got no answer; after %.1f s idle it still worked: something on the way forgets idle connections"),
			      limit / 1000.0, lower / 1000.0);
	}
	diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("Make the client send a keep-alive (NOOP) at least every %.0f s, or raise the idle timer above the longest transfer"),
		       (lower > 0 ? lower : limit) / 2000.0 > 1 ? (lower > 0 ? lower : limit) / 2000.0 : 1);
}

/* How the control connection ended, from libcurl's error RC. */
static const char *lost_words(long long rc)
{
	if (rc == 56)
		return _("reset");
	if (rc == 28)
		return _("silent until the timeout");
	return _("closed");
}

/* transfer.control_idle_timeout: the data of a long transfer got through,
 * the control connection did not live to the server's 226. */
static void rule_idle_long(struct diag *d)
{
	json_t *lt = json_object_get(diag_details(d, "trial.idle"), "long_transfer");
	double secs = json_number_value(json_object_get(lt, "seconds"));
	long long rc = json_integer_value(json_object_get(lt, "curl_error"));
	long long limit = diag_int(d, "trial.idle", "idle_limit_ms", 0);
	json_t *c;

	if (!json_is_true(json_object_get(lt, "control_lost")))
		return;
	c = diag_cause(d, "transfer.control_idle_timeout",
		       limit > 0 && secs * 1000 > limit ? CONF_HIGH : CONF_MEDIUM);
	if (limit > 0)
		diag_evidence(c, _("a %.1f s upload finished, but the control connection was %s before the server's 226: the control connection sat idle %.1f s while the limit is %.1f s"),
			      secs, lost_words(rc), secs, limit / 1000.0);
	else
		diag_evidence(c, _("a %.1f s upload finished, but the control connection was %s before the server's 226: it sat idle %.1f s"),
			      secs, lost_words(rc), secs);
	diag_fix_instead(c, DIAG_GENERIC(0) | DIAG_GENERIC(1), _("Make the client keep the control connection busy during long transfers (keep-alive), or raise the idle timer of the server or firewall above the longest transfer"));
}

/* local.ephemeral_ports: the local port range nearly used up. */
static void rule_ports(struct diag *d)
{
	json_t *r = json_object_get(diag_details(d, "local"), "used_ratio");
	double ratio = json_number_value(r);
	json_t *c;

	if (!r || ratio < 0.5)
		return;
	c = diag_cause(d, "local.ephemeral_ports", ratio >= 0.8 ? CONF_HIGH : CONF_MEDIUM);
	diag_evidence(c, _("%lld sockets use ports of the local range %lld-%lld (%.0f%% of %lld), %lld of them in TIME_WAIT, %lld to this server's port"),
		      diag_int(d, "local", "in_range", 0),
		      diag_int(d, "local", "port_range_low", 0),
		      diag_int(d, "local", "port_range_high", 0), ratio * 100,
		      diag_int(d, "local", "range_size", 0),
		      diag_int(d, "local", "time_wait", 0),
		      diag_int(d, "local", "to_target", 0));
}

/* local.proxy: the client would go through a proxy for this protocol. */
static void rule_proxy(struct diag *d)
{
	json_t *c;

	json_t *path = json_object_get(diag_target(d), "path");
	bool proxied = !strcmp(json_string_value(json_object_get(path, "kind"))
			       ? json_string_value(json_object_get(path, "kind"))
			       : "", "proxy");

	if (!diag_bool(d, "local", "proxy_applies"))
		return;
	/* The chain went through that proxy (netpath): a working chain
	 * shows it carries the traffic; its failures are proxy.* causes. */
	if (proxied && !diag_has(d, "proxy.refused") &&
	    !diag_has(d, "proxy.auth_required") &&
	    !diag_has(d, "proxy.destination_refused") &&
	    !diag_has(d, "proxy.resolve_failed"))
		return;
	c = diag_cause(d, "local.proxy", CONF_MEDIUM);
	diag_evidence(c, _("%s is set to %s: clients that honour it (curl, many scripts) connect to the proxy, not to the server"),
		      diag_str(d, "local", "proxy_var"),
		      diag_str(d, "local", "proxy_host"));
	diag_fix_first(c, _("Unset %s or add the server to NO_PROXY, unless the proxy is meant to carry this traffic"),
		       diag_str(d, "local", "proxy_var"));
}

/* Certificate names of products that intercept TLS (antivirus, proxies). */
static const char *const cert_interceptors[] = {
	"Avast", "AVG", "Kaspersky", "ESET", "Bitdefender", "Sophos",
	"Fortinet", "FortiGate", "Zscaler", "Netskope", "Blue Coat",
	"Palo Alto", "Cisco Umbrella", "SSL Inspection", "Web Filter",
	"Antivirus", "Anti-Virus", "Mail Shield", NULL
};

/* Greeting words of mail scanners that proxy the connection. */
static const char *const greeting_scanners[] = {
	"Kaspersky", "ESET", "Avast", "Sophos", "McAfee", "Norton",
	"antivirus", "anti-virus", NULL
};

/* True when TEXT holds NAME (N bytes) at J as a whole word, any case
 * ("ESET" must not match "reset"). */
static bool word_at(const char *text, size_t len, size_t j, const char *name,
		    size_t n)
{
	if (strncasecmp(text + j, name, n))
		return false;
	if (j > 0 && isalnum((unsigned char)text[j - 1]))
		return false;
	return j + n >= len || !isalnum((unsigned char)text[j + n]);
}

/* The first of NAMES found in TEXT as a word, NULL if none. */
static const char *names_in(const char *text, const char *const *names)
{
	size_t i, j, n, len = text ? strlen(text) : 0;

	for (i = 0; names[i]; i++) {
		n = strlen(names[i]);
		for (j = 0; j + n <= len; j++)
			if (word_at(text, len, j, names[i], n))
				return names[i];
	}
	return NULL;
}

/* Evidence for a certificate of probe ID whose KEY names an interceptor;
 * true when one was found. */
static bool cert_intercepted(struct diag *d, const char *id, const char *key)
{
	const char *text = diag_str(d, id, key);
	const char *host = json_string_value(json_object_get(diag_target(d), "host"));
	const char *why = diag_str(d, id, "verify_reason");
	json_t *c;

	if (!names_in(text, cert_interceptors))
		return false;
	c = diag_cause(d, "local.proxy", CONF_MEDIUM);
	if (strcmp(key, "issuer"))
		diag_evidence(c, _("the certificate presented for %s names '%s': a product that intercepts TLS (antivirus or inspecting proxy)"),
			      host ? host : "?", text);
	else
		diag_evidence(c, _("the certificate presented for %s was issued by '%s': an antivirus or proxy that intercepts TLS"),
			      host ? host : "?", text);
	if (why && strcmp(why, "ok"))
		diag_evidence(c, _("the certificate did not verify (%s): it is not the server's own"),
			      why);
	diag_fix_first(c, _("Turn off the mail/TLS scanning of that product for this server (or add the server to its exclusions), or trust its root certificate in the client"));
	return true;
}

/* local.proxy: the certificate or the greeting is an interceptor's. */
static void rule_interceptor(struct diag *d)
{
	const char *greet = diag_str(d, "banner", "text");
	json_t *c;

	if (cert_intercepted(d, "tls", "issuer") ||
	    cert_intercepted(d, "tls", "subject") ||
	    cert_intercepted(d, "ftp.tls", "issuer") ||
	    cert_intercepted(d, "ftp.tls", "cert_error"))
		return;
	if (!names_in(greet, greeting_scanners))
		return;
	c = diag_cause(d, "local.proxy", CONF_MEDIUM);
	diag_evidence(c, _("the greeting \"%s\" names %s: a mail scanner answers in place of the server"),
		      greet, names_in(greet, greeting_scanners));
	diag_fix_first(c, _("Turn off the mail scanning of that product for this server, or exclude the server from it"));
}

/* True when watch round R passed. */
static bool round_ok(json_t *r)
{
	const char *v = json_string_value(json_object_get(r, "verdict"));

	return v && !strcmp(v, "ok");
}

/* Evidence lines for each window of consecutive failed rounds. */
static void failing_windows(json_t *c, json_t *rounds)
{
	size_t i, n = json_array_size(rounds), start;

	for (i = 0; i < n; i++) {
		json_t *first = json_array_get(rounds, i), *last;

		if (round_ok(first))
			continue;
		start = i;
		while (i + 1 < n && !round_ok(json_array_get(rounds, i + 1)))
			i++;
		last = json_array_get(rounds, i);
		if (start == i) {
			diag_evidence(c, _("round %zu failed, at %s (+%.1f s): %s"),
				      i + 1, json_string_value(json_object_get(first, "time")),
				      json_integer_value(json_object_get(first, "offset_ms")) / 1000.0,
				      json_string_value(json_object_get(first, "cause")));
			continue;
		}
		diag_evidence(c, _("rounds %zu-%zu failed, from %s to %s (+%.1f s to +%.1f s): %s"),
			      start + 1, i + 1,
			      json_string_value(json_object_get(first, "time")),
			      json_string_value(json_object_get(last, "time")),
			      json_integer_value(json_object_get(first, "offset_ms")) / 1000.0,
			      json_integer_value(json_object_get(last, "offset_ms")) / 1000.0,
			      json_string_value(json_object_get(first, "cause")));
	}
}

/* conn.intermittent: the same chain passes and fails over time. */
static void rule_intermittent(struct diag *d)
{
	json_t *rounds = json_object_get(diag_details(d, "watch"), "rounds"), *r;
	int ok = 0, bad = 0, flips = 0, prev = -1;
	size_t i;
	json_t *c;

	json_array_foreach(rounds, i, r) {
		int now = round_ok(r);

		ok += now;
		bad += !now;
		flips += prev >= 0 && prev != now;
		prev = now;
	}
	if (!ok || !bad)
		return;
	c = diag_cause(d, "conn.intermittent", flips >= 2 ? CONF_HIGH : CONF_MEDIUM);
	diag_timeline(c);
	diag_evidence(c, _("%d of %d rounds failed, %d of them passed; the result changed %d times"),
		      bad, ok + bad, ok, flips);
	failing_windows(c, rounds);
}

/* A round that started after AT_MS and passed, NULL if none. */
static json_t *passed_after(json_t *rounds, long long at_ms)
{
	json_t *r;
	size_t i;

	json_array_foreach(rounds, i, r) {
		long long start = json_integer_value(json_object_get(r, "offset_ms"));

		if (start >= at_ms && round_ok(r))
			return r;
	}
	return NULL;
}

/* tcp://: what the OS's keep-alive would have meant for a client that
 * keeps its connection silent (the held connection's own timers found
 * the loss sooner). */
static void keepalive_evidence(json_t *c, json_t *w)
{
	json_t *k = json_object_get(w, "held_keepalive");
	long long idle = json_integer_value(json_object_get(k, "os_idle_s"));
	long long intvl = json_integer_value(json_object_get(k, "os_interval_s"));
	long long probes = json_integer_value(json_object_get(k, "os_probes"));

	if (!k || idle <= 0 || intvl <= 0 || probes <= 0)
		return;
	diag_evidence(c, _("with this system's default TCP keep-alive (first probe after %lld s idle, then %lld probes %lld s apart) a client that keeps its connection silent notices such a loss only after %lld s, or at its next send"),
		      idle, probes, intvl, idle + intvl * probes);
}

/* server.down_or_restarting: the held connection died, new ones work. */
static void rule_restarting(struct diag *d)
{
	json_t *w = diag_details(d, "watch"), *l, *r, *c = NULL;
	size_t i;

	json_array_foreach(json_object_get(w, "held_lost"), i, l) {
		long long at = json_integer_value(json_object_get(l, "at_ms"));
		const char *ev = json_string_value(json_object_get(l, "event"));
		bool reset = ev && !strcmp(ev, "reset");

		r = passed_after(json_object_get(w, "rounds"), at);
		if (!r)
			continue;
		c = diag_cause(d, "server.down_or_restarting", reset ? CONF_HIGH : CONF_MEDIUM);
		diag_timeline(c);
		diag_evidence(c, _("the connection held open for %.1f s was %s at +%.1f s, while round %lld (%s) connected anew without trouble"),
			      json_integer_value(json_object_get(l, "held_ms")) / 1000.0,
			      reset ? _("reset (RST)") : ev, at / 1000.0,
			      json_integer_value(json_object_get(r, "round")),
			      json_string_value(json_object_get(r, "time")));
	}
	if (c)
		keepalive_evidence(c, w);
}

const diag_rule diag_rules_trials[] = {
	rule_intermittent,
	rule_restarting,
	rule_ports,
	rule_proxy,
	rule_interceptor,
	rule_upload,
	rule_concurrency,
	rule_halfclose,
	rule_idle,
	rule_idle_long,
	NULL
};
