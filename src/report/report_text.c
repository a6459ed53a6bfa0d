/* report_text.c — the readable report: verdict, ranked causes with their
 * evidence and fixes, then one line per probe.  Colour only on request. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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

/* Translated word for a probe status or a confidence token (the JSON
 * keeps the token). */
static const char *word(const char *token)
{
	static const char *const words[][2] = {
		{ "ok", N_("ok") }, { "warn", N_("warning") },
		{ "fail", N_("failed") }, { "skipped", N_("skipped") },
		{ "error", N_("error") }, { "high", N_("high") },
		{ "medium", N_("medium") }, { "low", N_("low") },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(token, words[i][0]))
			return _(words[i][1]);
	return token;
}

/* Print S padded with spaces to WIDTH display columns (wcwidth, not
 * bytes: a Russian word takes two bytes a column). */
static void put_padded(FILE *out, const char *s, int width)
{
	wchar_t wbuf[128];
	size_t n = mbstowcs(wbuf, s, 128);
	int w = n == (size_t)-1 || n >= 128 ? (int)strlen(s) :
		wcswidth(wbuf, n);

	if (w < 0)
		w = (int)strlen(s);
	fprintf(out, "%s%*s", s, w < width ? width - w : 0, "");
}

/* The verdict as a sentence, and its colour. */
static const char *verdict_line(json_t *r, const struct palette *c,
				char *buf, size_t size, const char **color)
{
	const char *v = report_verdict(r);
	size_t n = json_array_size(json_object_get(r, "causes"));

	if (!strcmp(v, "ok")) {
		*color = c->green;
		if (report_questions_unasked(r))
			return _("Verdict: no problem found in the tests that "
				 "ran (some questions were not asked)");
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

/* The security token of the target in the words of the clients. */
static const char *tls_words(const char *tls)
{
	if (!tls || !strcmp(tls, "auto"))
		return _("auto (find out)");
	if (!strcmp(tls, "none"))
		return _("none");
	if (!strcmp(tls, "starttls"))
		return _("STARTTLS");
	if (!strcmp(tls, "implicit"))
		return _("SSL/TLS (implicit)");
	return tls;
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

	fprintf(out, "%ssockdoc%s %s://%s%s%s:%lld, ", c->bold, c->reset,
		json_string_value(json_object_get(t, "protocol")),
		v6 ? "[" : "", host ? host : "", v6 ? "]" : "",
		(long long)json_integer_value(json_object_get(t, "port")));
	fprintf(out, _("security: %s"), tls_words(json_string_value(
		json_object_get(t, "tls"))));
	fputc('\n', out);
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
	bool codes;
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
	/* ";" only after codes (an FTP cause has no Outlook code) */
	codes = json_array_size(json_object_get(ce, "winsock")) ||
		json_array_size(json_object_get(ce, "outlook"));
	json_array_foreach(json_object_get(ce, "filezilla"), i, v)
		fprintf(out, "%s FileZilla \"%s\"",
			i ? "," : codes ? ";" : "", json_string_value(v));
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
			tone(c, conf), word(conf), c->reset, c->bold,
			json_string_value(json_object_get(cause, "id")), c->reset,
			json_string_value(json_object_get(cause, "title")));
		write_list(json_object_get(cause, "evidence"), _("Evidence:"), out);
		write_list(json_object_get(cause, "fixes"), _("What to change:"), out);
		write_codes(cause, out);
	}
}

/* The questions the run did not ask, and what would answer them. */
static void write_not_asked(json_t *r, FILE *out, const struct palette *c)
{
	json_t *a = json_object_get(r, "not_asked"), *e;
	size_t i;

	if (!json_array_size(a))
		return;
	fprintf(out, "\n%s%s%s\n", c->bold, _("Not asked (no data for "
		"these tests):"), c->reset);
	json_array_foreach(a, i, e)
		fprintf(out, "  - %s\n    %s %s\n",
			json_string_value(json_object_get(e, "question")),
			_("To answer it:"),
			json_string_value(json_object_get(e, "answer")));
}

#define DETAIL_LINES 60 /* at most this many detail lines per probe */

/* A scalar V as text into BUF (strings as they are, no quotes). */
static const char *scalar_text(json_t *v, char *buf, size_t size)
{
	if (json_is_string(v))
		return *json_string_value(v) ? json_string_value(v) : "-";
	if (json_is_true(v))
		return _("yes");
	if (json_is_false(v))
		return _("no");
	if (json_is_null(v))
		return "-";
	if (json_is_integer(v))
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf, size, "%.6g", json_real_value(v));
	return buf;
}

/* True when array A holds only scalars (printed on one line). */
static bool flat_array(json_t *a)
{
	json_t *e;
	size_t i;

	json_array_foreach(a, i, e)
		if (json_is_object(e) || json_is_array(e))
			return false;
	return true;
}

static void write_value(const char *key, json_t *v, int indent, FILE *out,
			int *lines);

/* The members of object O as "key: value" lines at INDENT. */
static void write_object(json_t *o, int indent, FILE *out, int *lines)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
		write_value(k, v, indent, out, lines);
}

/* One "key: value" line, or "key:" over the nested lines of V; -v's
 * readable form of a probe's details.  LINES counts down the budget. */
static void write_value(const char *key, json_t *v, int indent, FILE *out,
			int *lines)
{
	char buf[64], label[96];
	json_t *e;
	size_t i;

	if (*lines <= 0)
		return;
	if (--*lines == 0) {
		fprintf(out, "%*s%s\n", indent, "", _("(more in --format json)"));
		return;
	}
	if (json_is_object(v) || (json_is_array(v) && !flat_array(v))) {
		fprintf(out, "%*s%s:\n", indent, "", key);
		if (json_is_object(v)) {
			write_object(v, indent + 2, out, lines);
			return;
		}
		json_array_foreach(v, i, e) {
			snprintf(label, sizeof(label), "%zu", i + 1);
			write_value(label, e, indent + 2, out, lines);
		}
		return;
	}
	fprintf(out, "%*s%s: ", indent, "", key);
	if (!json_is_array(v)) {
		fprintf(out, "%s\n", scalar_text(v, buf, sizeof(buf)));
		return;
	}
	json_array_foreach(v, i, e)
		fprintf(out, "%s%s", i ? ", " : "", scalar_text(e, buf,
							   sizeof(buf)));
	fprintf(out, "%s\n", json_array_size(v) ? "" : "-");
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
		if ((!strcmp(st, "skipped") && !verbose &&
		     !json_object_get(json_object_get(p, "details"), "not_sent")) ||
		    !report_probe_shown(r, p))
			continue;
		fprintf(out, "  %s", tone(c, st));
		put_padded(out, word(st), 8);
		fprintf(out, "%s%-18s %6lld ms  %s\n",
			c->reset, json_string_value(json_object_get(p, "id")),
			(long long)json_integer_value(json_object_get(p, "duration_ms")),
			json_string_value(json_object_get(p, "summary")));
		if (verbose) {
			int lines = DETAIL_LINES;

			fputs(c->dim, out);
			write_object(json_object_get(p, "details"), 10, out,
				     &lines);
			fputs(c->reset, out);
		}
	}
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
	write_not_asked(report, out, c);
	write_capture(report, out, c);
	fprintf(out, "\n%s\n", _("Run with -v for every probe's details, --format json for scripts."));
	return ferror(out) ? -1 : 0;
}
