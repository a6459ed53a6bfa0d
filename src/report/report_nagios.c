/* report_nagios.c — the report as a monitoring plugin prints it (Monitoring
 * Plugins Development Guidelines): one status line "SOCKDOC CRITICAL -
 * tcp.refused: ..." with perfdata after '|' ('label'=value[UOM];warn;crit;
 * min;max), then long output lines carrying each cause's evidence and
 * fixes, so a notification holds the diagnosis.  The figures come from
 * the probes' perf tables (monitor.c); no probe is named here. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "monitor.h"
#include "probe.h"
#include "report.h"

/* Print S with what would break the plugin output format replaced: '|'
 * starts perfdata, a line break a new output line. */
static void put_clean(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '|' ? '/' : (unsigned char)*s < 0x20 ? ' ' : *s,
		      out);
}

/* The text of the status line after "SOCKDOC STATE - ". */
static void status_text(json_t *report, const struct mon_figures *fig,
			const char *why, FILE *out)
{
	json_t *causes = json_object_get(report, "causes");
	json_t *first = json_array_get(causes, 0);
	json_t *t = json_object_get(report, "target");

	if (first) {
		put_clean(out, json_string_value(json_object_get(first, "id")));
		fputs(": ", out);
		put_clean(out, json_string_value(json_object_get(first,
								 "title")));
		if (mon_cause_state_in(report, first) == MON_OK) {
			/* a note: the advice belongs on the status line */
			fputs(": ", out);
			put_clean(out, json_string_value(json_array_get(
				json_object_get(first, "fixes"), 0)));
		}
		if (json_array_size(causes) > 1)
			fprintf(out, _(" (+%zu more)"),
				json_array_size(causes) - 1);
	} else {
		fprintf(out, "%s ", json_string_value(json_object_get(t,
								"protocol")));
		put_clean(out, json_string_value(json_object_get(t, "host")));
		fprintf(out, ":%lld: ", (long long)json_integer_value(
			json_object_get(t, "port")));
		if (why && *why) {
			put_clean(out, why);
			return;
		}
		fputs(report_verdict(report), out);
		if (fig->have_time)
			fprintf(out, _(", response time %.3f s"), fig->time_s);
		if (fig->have_cert)
			fprintf(out, _(", certificate expires in %.1f days"),
				mon_days_shown(fig->cert_days));
	}
	if (why && *why) {
		fputs("; ", out);
		put_clean(out, why);
	}
}

/* A range's text for a perfdata warn/crit field ("" when not set). */
static const char *range_text(const struct mon_range *r)
{
	return r && r->set ? r->text : "";
}

/* One figure as perfdata: seconds with min 0, days with the -D ranges. */
static void figure_perf(const struct mon_figure *m,
			const struct mon_limits *l, FILE *out)
{
	if (m->flags & PERF_CERT_DAYS)
		fprintf(out, " %s=%.3f;%s;%s;;", m->label, m->value,
			range_text(l ? &l->cert_warn : NULL),
			range_text(l ? &l->cert_crit : NULL));
	else if (!strcmp(m->unit, "s"))
		fprintf(out, " %s=%.6fs;;;0;", m->label, m->value);
	else
		fprintf(out, " %s=%g%s;;;;", m->label, m->value, m->unit);
}

/* The perfdata after '|': response time with -w/-c, then every figure;
 * numbers in the C locale (a decimal comma would break the grammar). */
static void perfdata(json_t *report, const struct mon_figures *fig,
		     const struct mon_limits *l, FILE *out)
{
	locale_t old = mon_c_locale() ? uselocale(mon_c_locale()) : 0;
	int i;

	fputs(" |", out);
	if (fig->have_time)
		fprintf(out, " time=%.6fs;%s;%s;0;", fig->time_s,
			range_text(l ? &l->warn : NULL),
			range_text(l ? &l->crit : NULL));
	for (i = 0; i < fig->n; i++)
		figure_perf(&fig->f[i], l, out);
	fprintf(out, " causes=%zu;;;0;\n",
		json_array_size(json_object_get(report, "causes")));
	if (old)
		uselocale(old);
}

/* Print every string of array A as "  WORD: text" lines. */
static void string_lines(json_t *a, const char *word, FILE *out)
{
	json_t *v;
	size_t i;

	json_array_foreach(a, i, v) {
		fprintf(out, "  %s: ", word);
		put_clean(out, json_string_value(v));
		fputc('\n', out);
	}
}

/* Long output: each cause with its state, evidence and fixes. */
static void cause_lines(json_t *report, FILE *out)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(report, "causes"), i, c) {
		fprintf(out, "[%s] ",
			mon_state_name(mon_cause_state_in(report, c)));
		put_clean(out, json_string_value(json_object_get(c, "id")));
		fprintf(out, _(" (confidence %s): "), json_string_value(
			json_object_get(c, "confidence")));
		put_clean(out, json_string_value(json_object_get(c, "title")));
		fputc('\n', out);
		string_lines(json_object_get(c, "evidence"), _("evidence"), out);
		string_lines(json_object_get(c, "fixes"), _("fix"), out);
	}
}

/* With -v: one line per probe that ran, its status and summary. */
static void probe_lines(json_t *report, FILE *out)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(report, "probes"), i, p) {
		fprintf(out, "probe %s: %s - ",
			json_string_value(json_object_get(p, "id")),
			json_string_value(json_object_get(p, "status")));
		put_clean(out, json_string_value(json_object_get(p, "summary")));
		fputc('\n', out);
	}
}

int report_write_plugin(json_t *report, const struct mon_limits *l,
			int verbose, FILE *out, int *state)
{
	struct mon_figures fig;
	char why[512];
	enum mon_state s;

	mon_collect(report, &fig);
	s = mon_state_of(report, &fig, l, why, sizeof(why));
	fprintf(out, "SOCKDOC %s - ", mon_state_name(s));
	status_text(report, &fig, why, out);
	perfdata(report, &fig, l, out);
	cause_lines(report, out);
	if (verbose)
		probe_lines(report, out);
	if (state)
		*state = (int)s;
	return ferror(out) ? -1 : 0;
}

int report_write_nagios(json_t *report, FILE *out)
{
	return report_write_plugin(report, NULL, 0, out, NULL);
}
