/* report_openmetrics.c — the report's figures as OpenMetrics text (the
 * exposition format Prometheus reads; node_exporter's textfile collector
 * picks such files up): the plugin state, probe success and durations,
 * the response-time steps in seconds, the certificate expiry as a Unix
 * timestamp, one series per cause with its confidence, then "# EOF".
 * Names and labels are stable (docs/monitoring.md); no probe is named
 * here: the steps come from the probes' perf tables. */
#include "config.h"

#include <string.h>

#include "monitor.h"
#include "probe.h"
#include "report.h"

/* Print S as a label value: backslash, quote and newline escaped. */
static void put_label(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(out, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

/* The labels every series carries: the target (no secrets: the input
 * may hold a user name, so it is rebuilt from protocol, host and port). */
static void target_labels(json_t *report, FILE *out)
{
	json_t *t = json_object_get(report, "target");

	fputs("{protocol=", out);
	put_label(out, json_string_value(json_object_get(t, "protocol")));
	fputs(",host=", out);
	put_label(out, json_string_value(json_object_get(t, "host")));
	fprintf(out, ",port=\"%lld\"", (long long)json_integer_value(
		json_object_get(t, "port")));
}

/* The metadata lines of a family; UNIT only when UNIT is not NULL. */
static void family(FILE *out, const char *name, const char *unit,
		   const char *help)
{
	fprintf(out, "# TYPE %s gauge\n", name);
	if (unit)
		fprintf(out, "# UNIT %s %s\n", name, unit);
	fprintf(out, "# HELP %s %s\n", name, help);
}

/* One sample: NAME{target labels[,KEY=VALUE]} V. */
static void sample(json_t *report, FILE *out, const char *name,
		   const char *key, const char *value, double v)
{
	fputs(name, out);
	target_labels(report, out);
	if (key) {
		fprintf(out, ",%s=", key);
		put_label(out, value);
	}
	if (v == (double)(long long)v)
		fprintf(out, "} %lld\n", (long long)v);
	else
		fprintf(out, "} %.9g\n", v);
}

/* sockdoc_probe_success and sockdoc_probe_duration_seconds for every
 * probe that ran. */
static void probe_series(json_t *report, FILE *out, bool duration)
{
	json_t *p;
	size_t i;

	if (duration)
		family(out, "sockdoc_probe_duration_seconds", "seconds",
		       "How long each probe that ran took.");
	else
		family(out, "sockdoc_probe_success", NULL,
		       "1 when the probe works (ok or warn), 0 when it failed "
		       "or could not run; skipped probes are absent.");
	json_array_foreach(json_object_get(report, "probes"), i, p) {
		const char *st = json_string_value(json_object_get(p, "status"));
		const char *id = json_string_value(json_object_get(p, "id"));

		if (!st || !strcmp(st, "skipped"))
			continue;
		sample(report, out, duration ? "sockdoc_probe_duration_seconds"
				      : "sockdoc_probe_success", "probe", id,
		       duration ? json_integer_value(json_object_get(p,
				"duration_ms")) / 1000.0
				: !strcmp(st, "ok") || !strcmp(st, "warn"));
	}
}

/* The response-time steps (connect, greeting, TLS, EHLO/login) and
 * their sum. */
static void step_series(json_t *report, const struct mon_figures *fig,
			FILE *out)
{
	int i;

	if (!fig->have_time)
		return;
	family(out, "sockdoc_step_duration_seconds", "seconds",
	       "Each measured step of the session; ICMP is never one.");
	for (i = 0; i < fig->n; i++)
		if (fig->f[i].flags & PERF_STEP)
			sample(report, out, "sockdoc_step_duration_seconds",
			       "step", fig->f[i].label, fig->f[i].value);
	family(out, "sockdoc_response_time_seconds", "seconds",
	       "Sum of the steps: what check_smtp/check_ftp call time.");
	sample(report, out, "sockdoc_response_time_seconds", NULL, NULL,
	       fig->time_s);
}

/* One series per cause id, labelled with its confidence. */
static void cause_series(json_t *report, FILE *out)
{
	json_t *c, *causes = json_object_get(report, "causes");
	size_t i;

	family(out, "sockdoc_causes", NULL, "How many causes the diagnosis "
	       "found (0: none).");
	sample(report, out, "sockdoc_causes", NULL, NULL,
	       (double)json_array_size(causes));
	if (!json_array_size(causes))
		return;
	family(out, "sockdoc_cause", NULL, "1 for each cause found; labels: "
	       "cause id and confidence (high, medium, low).");
	json_array_foreach(causes, i, c) {
		fputs("sockdoc_cause", out);
		target_labels(report, out);
		fputs(",cause=", out);
		put_label(out, json_string_value(json_object_get(c, "id")));
		fputs(",confidence=", out);
		put_label(out, json_string_value(json_object_get(c,
								 "confidence")));
		fputs("} 1\n", out);
	}
}

/* The series (numbers in the C locale: OpenMetrics wants '.'). */
static void all_series(json_t *report, FILE *out, long long now)
{
	struct mon_figures fig;
	char why[8];

	mon_collect(report, &fig);
	family(out, "sockdoc_state", NULL, "Monitoring plugin state: 0 OK, "
	       "1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
	sample(report, out, "sockdoc_state", NULL, NULL,
	       mon_state_of(report, &fig, NULL, why, sizeof(why)));
	family(out, "sockdoc_last_run_timestamp_seconds", "seconds",
	       "When the run ended (Unix time).");
	sample(report, out, "sockdoc_last_run_timestamp_seconds", NULL, NULL,
	       (double)now);
	family(out, "sockdoc_run_duration_seconds", "seconds",
	       "The whole run, every probe included.");
	sample(report, out, "sockdoc_run_duration_seconds", NULL, NULL,
	       json_integer_value(json_object_get(report, "duration_ms")) /
	       1000.0);
	probe_series(report, out, false);
	probe_series(report, out, true);
	step_series(report, &fig, out);
	if (fig.have_cert) {
		family(out, "sockdoc_certificate_expiry_timestamp_seconds",
		       "seconds", "When the server certificate expires "
		       "(Unix time).");
		sample(report, out,
		       "sockdoc_certificate_expiry_timestamp_seconds", NULL,
		       NULL, (double)(long long)((double)now +
					   fig.cert_days * 86400.0 + 0.5));
	}
	cause_series(report, out);
}

int report_write_openmetrics(json_t *report, FILE *out, long long now)
{
	locale_t old = mon_c_locale() ? uselocale(mon_c_locale()) : 0;

	all_series(report, out, now);
	fputs("# EOF\n", out);
	if (old)
		uselocale(old);
	return ferror(out) ? -1 : 0;
}
