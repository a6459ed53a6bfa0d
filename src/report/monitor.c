/* monitor.c — the figures a report carries for monitoring, read through
 * the registry's perf tables, and the plugin state they give under the
 * thresholds: causes first (CRITICAL for a high-confidence cause, WARNING
 * for the others), then -w/-c on the response time, then -D. */
#include "config.h"

#include "causes.h"
#include "monitor.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "probe.h"
#include "report.h"
#include "util.h"

locale_t mon_c_locale(void)
{
	static locale_t c;

	if (!c)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c;
}

const char *mon_state_name(enum mon_state s)
{
	static const char *const names[] = { "OK", "WARNING", "CRITICAL",
					     "UNKNOWN" };

	return s <= MON_UNKNOWN ? names[s] : "UNKNOWN";
}

/* Severity order of the guidelines' max_state: OK < UNKNOWN < WARNING <
 * CRITICAL. */
static int severity(enum mon_state s)
{
	static const int rank[] = { 0, 2, 3, 1 };

	return rank[s];
}

/* The worse of A and B. */
static enum mon_state worse(enum mon_state a, enum mon_state b)
{
	return severity(b) > severity(a) ? b : a;
}

/* The report's entry of probe ID when it ran (not skipped), else NULL. */
static json_t *probe_ran(json_t *report, const char *id)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(report, "probes"), i, p) {
		const char *pid = json_string_value(json_object_get(p, "id"));
		const char *st = json_string_value(json_object_get(p, "status"));

		if (pid && st && !strcmp(pid, id) && strcmp(st, "skipped"))
			return p;
	}
	return NULL;
}

/* Add figure F of probe OPS with VALUE to OUT. */
static void add_figure(struct mon_figures *out, const struct probe_ops *ops,
		       const struct probe_perf *f, double value)
{
	struct mon_figure *m;
	int i;

	if (out->n >= MON_MAX_FIGURES)
		return;
	/* One value per label: a step two probes can measure counts once. */
	for (i = 0; i < out->n; i++)
		if (!strcmp(out->f[i].label, f->label))
			return;
	m = &out->f[out->n++];
	m->probe = ops->id;
	m->label = f->label;
	m->unit = f->unit ? f->unit : "";
	m->meaning = f->meaning ? f->meaning : f->label;
	m->flags = f->flags;
	m->value = value;
	if (f->flags & PERF_STEP) {
		out->have_time = true;
		out->time_s += value;
	}
	if ((f->flags & PERF_CERT_DAYS) && !out->have_cert) {
		out->have_cert = true;
		out->cert_days = value;
	}
}

/* The figures OPS declares, for a probe that ran. */
static void probe_figures(json_t *report, const struct probe_ops *ops,
			  struct mon_figures *out)
{
	json_t *p = probe_ran(report, ops->id), *v;
	const struct probe_perf *f;

	for (f = ops->perf; p && f && f->label; f++) {
		if (!f->key) {
			add_figure(out, ops, f, json_integer_value(
				json_object_get(p, "duration_ms")) / 1000.0);
			continue;
		}
		v = json_object_get(json_object_get(p, "details"), f->key);
		if (json_is_number(v))
			add_figure(out, ops, f, json_number_value(v) *
				   (f->scale != 0 ? f->scale : 1));
	}
}

void mon_collect(json_t *report, struct mon_figures *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; probe_registry[i]; i++)
		probe_figures(report, probe_registry[i], out);
}

double mon_days_shown(double days)
{
	return floor(days * 10) / 10;
}

enum mon_state mon_cause_state(json_t *cause)
{
	const char *c = json_string_value(json_object_get(cause, "confidence"));
	const struct cause_def *d = cause_find(json_string_value(
		json_object_get(cause, "id")));

	if (d && d->transient)
		return MON_WARNING;
	return c && !strcmp(c, "high") ? MON_CRITICAL : MON_WARNING;
}

/* True when CAUSE is a note, not a fault: the FTP server refused only the
 * anonymous login sockdoc tried without --user (auth.rejected below high
 * confidence, ftp.login details "anonymous").  check_ftp does not log in
 * at all: the server is up and a private one is not an alarm. */
static bool anonymous_note(json_t *report, json_t *cause)
{
	const char *id = json_string_value(json_object_get(cause, "id"));
	const char *c = json_string_value(json_object_get(cause, "confidence"));
	json_t *p = probe_ran(report, "ftp.login");

	return p && id && c && !strcmp(id, "auth.rejected") &&
	       strcmp(c, "high") && json_is_true(json_object_get(
		       json_object_get(p, "details"), "anonymous"));
}

/* See monitor.h. */
enum mon_state mon_cause_state_in(json_t *report, json_t *cause)
{
	return anonymous_note(report, cause) ? MON_OK : mon_cause_state(cause);
}

/* The state the diagnosis gives: the worst cause, UNKNOWN when the run
 * could not tell (no cause, but probes failed; notes are not faults). */
static enum mon_state causes_state(json_t *report)
{
	enum mon_state s = MON_OK;
	bool faults = false;
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(report, "causes"), i, c) {
		s = worse(s, mon_cause_state_in(report, c));
		faults = faults || !anonymous_note(report, c);
	}
	if (s == MON_OK && faults && strcmp(report_verdict(report), "ok"))
		s = MON_UNKNOWN;
	return s;
}

/* -w/-c against the response time; a reason appended to WHY. */
static enum mon_state time_state(const struct mon_figures *fig,
				 const struct mon_limits *l, char *why,
				 size_t size)
{
	const struct mon_range *r = NULL;
	enum mon_state s = MON_OK;

	if (!l->warn.set && !l->crit.set)
		return MON_OK;
	if (!fig->have_time) {
		str_appendf(why, size, "%s%s", *why ? "; " : "",
			    _("no response time measured"));
		return MON_UNKNOWN;
	}
	if (mon_range_alert(&l->crit, fig->time_s))
		r = &l->crit, s = MON_CRITICAL;
	else if (mon_range_alert(&l->warn, fig->time_s))
		r = &l->warn, s = MON_WARNING;
	if (r)
		str_appendf(why, size, _("%sresponse time %.3f s crossed "
			    "the %s threshold %s"), *why ? "; " : "", fig->time_s,
			    s == MON_CRITICAL ? "-c" : "-w", r->text);
	return s;
}

/* -D against the certificate's days left; a reason appended to WHY. */
static enum mon_state cert_state(const struct mon_figures *fig,
				 const struct mon_limits *l, char *why,
				 size_t size)
{
	enum mon_state s = MON_OK;

	if (!l->cert_warn.set && !l->cert_crit.set)
		return MON_OK;
	if (!fig->have_cert) {
		str_appendf(why, size, "%s%s", *why ? "; " : "",
			    _("no server certificate seen to check (-D)"));
		return MON_UNKNOWN;
	}
	if (mon_range_alert(&l->cert_crit, fig->cert_days))
		s = MON_CRITICAL;
	else if (mon_range_alert(&l->cert_warn, fig->cert_days))
		s = MON_WARNING;
	if (s != MON_OK)
		str_appendf(why, size, _("%sthe certificate expires in %.1f "
			    "days, fewer than %g (-D)"), *why ? "; " : "",
			    mon_days_shown(fig->cert_days),
			    s == MON_CRITICAL ? l->cert_crit.lo
					      : l->cert_warn.lo);
	return s;
}

enum mon_state mon_state_of(json_t *report, const struct mon_figures *fig,
			    const struct mon_limits *l, char *why,
			    size_t size)
{
	enum mon_state s = causes_state(report);
	const char *login = NULL;

	why[0] = '\0';
	/* A user named without a password: the login (and what needs it)
	 * was not observed, so no plain OK (UNKNOWN: a check to complete). */
	if (s == MON_OK && report_password_missing(report, &login)) {
		s = MON_UNKNOWN;
		str_appendf(why, size, _("%s not tried: no password given "
			    "(SOCKDOC_PASSWORD, --password-file or ~/.netrc)"),
			    login ? login : "login");
	}
	if (!l)
		return s;
	s = worse(s, time_state(fig, l, why, size));
	return worse(s, cert_state(fig, l, why, size));
}
