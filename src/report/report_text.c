/* report_text.c — the readable report: verdict, ranked causes with their
 * evidence and fixes, then one line per probe.  Colour only on request. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"

/* ANSI colours, empty strings when colour is off. */
struct palette {
	const char *bold, *red, *yellow, *green, *dim, *reset;
};

static const struct palette colors = { "\033[1m", "\033[31m", "\033[33m",
				       "\033[32m", "\033[2m", "\033[0m" };
static const struct palette plain = { "", "", "", "", "", "" };

/* Colour of a probe status or a confidence. */
static const char *tone(const struct palette *c, const char *word)
{
	if (!strcmp(word, "ok"))
		return c->green;
	if (!strcmp(word, "fail") || !strcmp(word, "error") ||
	    !strcmp(word, "high"))
		return c->red;
	if (!strcmp(word, "warn") || !strcmp(word, "medium"))
		return c->yellow;
	return c->dim;
}

/* The verdict as a sentence, and its colour. */
static const char *verdict_line(json_t *r, const struct palette *c,
				char *buf, size_t size, const char **color)
{
	const char *v = report_verdict(r);
	size_t n = json_array_size(json_object_get(r, "causes"));

	if (!strcmp(v, "ok")) {
		*color = c->green;
		return _("Verdict: no problem found");
	}
	if (!strcmp(v, "interrupted")) {
		*color = c->yellow;
		return _("Verdict: interrupted (a partial report: only what "
			 "finished before the signal)");
	}
	if (strcmp(v, "problems")) {
		*color = c->yellow;
		return _("Verdict: inconclusive (some probes could not finish)");
	}
	*color = c->red;
	snprintf(buf, size, P_("Verdict: problems found (%zu possible cause)",
			       "Verdict: problems found (%zu possible causes)",
			       n), n);
	return buf;
}

/* For an inconclusive verdict: which probes could not finish, and why. */
static void write_unfinished(json_t *r, FILE *out)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(r, "probes"), i, p) {
		const char *st = json_string_value(json_object_get(p, "status"));

		if (st && !strcmp(st, "error"))
			fprintf(out, "  %s %s: %s\n", _("could not finish:"),
				json_string_value(json_object_get(p, "id")),
				json_string_value(json_object_get(p,
								  "summary")));
	}
}

/* The connection path when it is not the plain direct one: the proxy,
 * the override, the source, the family (target.path, netpath_json). */
static void write_path(json_t *t, FILE *out)
{
	json_t *p = json_object_get(t, "path");
	const char *s;

	if ((s = json_string_value(json_object_get(p, "proxy"))))
		fprintf(out, _("Tested through the proxy %s (from %s)\n"), s,
			json_string_value(json_object_get(p, "proxy_source")));
	if ((s = json_string_value(json_object_get(p, "override_given"))))
		fprintf(out, _("Connecting to %s:%lld instead (%s)\n"),
			json_string_value(json_object_get(p, "connect_host")),
			(long long)json_integer_value(json_object_get(p, "connect_port")),
			s);
	if ((s = json_string_value(json_object_get(p, "interface"))))
		fprintf(out, _("From the interface or address %s\n"), s);
	if (json_integer_value(json_object_get(p, "family")))
		fprintf(out, _("Only IPv%lld addresses\n"),
			(long long)json_integer_value(json_object_get(p, "family")));
}

/* The heading: what was diagnosed and the verdict. */
static void write_head(json_t *r, FILE *out, const struct palette *c)
{
	json_t *t = json_object_get(r, "target");
	const char *color, *line;
	const char *host = json_string_value(json_object_get(t, "host"));
	bool v6 = host && strchr(host, ':');	/* an IPv6 literal: [::1]:25 */
	char buf[128];

	fprintf(out, "%ssockdoc%s %s://%s%s%s:%lld  (tls %s)\n", c->bold,
		c->reset, json_string_value(json_object_get(t, "protocol")),
		v6 ? "[" : "", host ? host : "", v6 ? "]" : "",
		(long long)json_integer_value(json_object_get(t, "port")),
		json_string_value(json_object_get(t, "tls")));
	write_path(t, out);
	line = verdict_line(r, c, buf, sizeof(buf), &color);
	fprintf(out, "%s%s%s\n", color, line, c->reset);
	if (!strcmp(report_verdict(r), "inconclusive"))
		write_unfinished(r, out);
}

/* Client error codes of a cause, on one line. */
static void write_codes(json_t *cause, FILE *out)
{
	json_t *ce = json_object_get(cause, "client_errors"), *v;
	size_t i;

	if (!json_array_size(json_object_get(ce, "winsock")) &&
	    !json_array_size(json_object_get(ce, "outlook")) &&
	    !json_array_size(json_object_get(ce, "filezilla")))
		return;
	fprintf(out, "     %s", _("Client errors:"));
	json_array_foreach(json_object_get(ce, "winsock"), i, v)
		fprintf(out, " %lld", (long long)json_integer_value(v));
	json_array_foreach(json_object_get(ce, "outlook"), i, v)
		fprintf(out, " %s", json_string_value(v));
	json_array_foreach(json_object_get(ce, "filezilla"), i, v)
		fprintf(out, "%s FileZilla \"%s\"", i ? "," : ";",
			json_string_value(v));
	fputc('\n', out);
}

/* A labelled list of strings. */
static void write_list(json_t *arr, const char *label, FILE *out)
{
	json_t *v;
	size_t i;

	if (!json_array_size(arr))
		return;
	fprintf(out, "     %s\n", label);
	json_array_foreach(arr, i, v)
		fprintf(out, "       - %s\n", json_string_value(v));
}

/* The ranked causes. */
static void write_causes(json_t *r, FILE *out, const struct palette *c)
{
	json_t *causes = json_object_get(r, "causes"), *cause;
	size_t i;

	if (!json_array_size(causes))
		return;
	fprintf(out, "\n%s%s%s\n", c->bold, _("Causes, most likely first:"),
		c->reset);
	json_array_foreach(causes, i, cause) {
		const char *conf = json_string_value(json_object_get(cause, "confidence"));

		fprintf(out, " %zu. %s[%s]%s %s%s%s\n     %s\n", i + 1,
			tone(c, conf), conf, c->reset, c->bold,
			json_string_value(json_object_get(cause, "id")), c->reset,
			json_string_value(json_object_get(cause, "title")));
		write_list(json_object_get(cause, "evidence"), _("Evidence:"), out);
		write_list(json_object_get(cause, "fixes"), _("What to change:"), out);
		write_codes(cause, out);
	}
}

/* One line per probe; with -v also its details. */
static void write_probes(json_t *r, FILE *out, const struct palette *c,
			 int verbose)
{
	json_t *p;
	size_t i;

	fprintf(out, "\n%s%s%s\n", c->bold, _("Probes:"), c->reset);
	json_array_foreach(json_object_get(r, "probes"), i, p) {
		const char *st = json_string_value(json_object_get(p, "status"));

		/* a skipped step the user asked for (a login without its
		 * password) is shown with its reason */
		if (!strcmp(st, "skipped") && !verbose &&
		    !json_object_get(json_object_get(p, "details"), "not_sent"))
			continue;
		fprintf(out, "  %s%-7s%s %-18s %6lld ms  %s\n", tone(c, st), st,
			c->reset, json_string_value(json_object_get(p, "id")),
			(long long)json_integer_value(json_object_get(p, "duration_ms")),
			json_string_value(json_object_get(p, "summary")));
		if (verbose) {
			char *d = json_dumps(json_object_get(p, "details"),
					     JSON_COMPACT | JSON_PRESERVE_ORDER |
					     JSON_REAL_PRECISION(6));

			fprintf(out, "          %s%s%s\n", c->dim, d ? d : "",
				c->reset);
			free(d);
		}
	}
	fprintf(out, "\n%s\n", _("Run with -v for every probe's details, --format json for scripts."));
}

/* --pcap: the file, or why there is none, and what to look at in it. */
static void write_capture(json_t *r, FILE *out, const struct palette *c)
{
	json_t *cap = json_object_get(r, "capture"), *l;
	const char *st = json_string_value(json_object_get(cap, "status"));
	size_t i;

	if (!cap || !st)
		return;
	fprintf(out, "\n%s%s%s ", c->bold, _("Capture:"), c->reset);
	if (strcmp(st, "written")) {
		fprintf(out, "%s\n", json_string_value(json_object_get(cap, "reason")) ?
			json_string_value(json_object_get(cap, "reason")) : st);
		return;
	}
	fprintf(out, _("%s, %lld packets (%s)\n"),
		json_string_value(json_object_get(cap, "file")),
		(long long)json_integer_value(json_object_get(cap, "packets")),
		!strcmp(json_string_value(json_object_get(cap, "payloads")),
			"headers_only") ?
		_("payloads cut after the TCP header: no password in the file") :
		_("payloads kept up to 512 bytes per packet"));
	fprintf(out, "  %s\n", _("Look for:"));
	json_array_foreach(json_object_get(cap, "look_for"), i, l)
		fprintf(out, "  - %s\n", json_string_value(l));
}

int report_write_text(json_t *report, FILE *out, bool color, int verbose)
{
	const struct palette *c = color ? &colors : &plain;

	write_head(report, out, c);
	write_causes(report, out, c);
	write_probes(report, out, c, verbose);
	write_capture(report, out, c);
	return ferror(out) ? -1 : 0;
}
