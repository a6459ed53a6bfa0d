/* detail.c — one cause (evidence, fixes, client errors) or one probe
 * (summary, measured details, its part of the transcript), scrollable.
 * Report strings and transcript lines are already sanitized. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_app.h"
#include "i18n.h"
#include "tui_text.h"
#include "transcript.h"
#include "util.h"

/* Forget the lines. */
void detail_free(struct detail *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

/* Append a formatted line. */
static void detail_add(struct detail *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void detail_add(struct detail *d, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	char **grown;

	if (d->n == d->cap) {
		grown = realloc(d->lines, sizeof(*grown) * (d->cap + 64));
		if (!grown)
			return;
		d->lines = grown;
		d->cap += 64;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (s)
		d->lines[d->n++] = s;
}

/* Lines for each string of array A, prefixed by a bullet or a number. */
static void detail_list(struct detail *d, json_t *a, bool numbered)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v) {
		if (numbered)
			detail_add(d, "  %zu. %s", i + 1, json_string_value(v));
		else
			detail_add(d, "  - %s", json_string_value(v));
	}
}

/* "Winsock 10054, 10060; Outlook 0x800CCC0E" from client_errors. */
static void detail_client_errors(struct detail *d, json_t *ce)
{
	char buf[512] = "";
	const char *fam;
	json_t *codes, *v;
	size_t i;

	json_object_foreach(ce, fam, codes) {
		if (!json_array_size(codes))	/* none for this protocol */
			continue;
		str_appendf(buf, sizeof(buf), "%s%s", buf[0] ? "; " : "", fam);
		json_array_foreach(codes, i, v) {
			if (json_is_integer(v))
				str_appendf(buf, sizeof(buf), " %lld",
					    (long long)json_integer_value(v));
			else if (json_is_string(v) && !strcmp(fam, "filezilla"))
				/* messages hold spaces: quote each */
				str_appendf(buf, sizeof(buf), "%s \"%s\"",
					    i ? "," : "", json_string_value(v));
			else if (json_is_string(v))
				str_appendf(buf, sizeof(buf), " %s",
					    json_string_value(v));
		}
	}
	if (buf[0])
		detail_add(d, _("The client shows: %s"), buf);
}

/* Fill the view for CAUSE. */
void detail_cause(struct tui *t, json_t *c)
{
	struct detail *d = &t->detail;
	const char *conf = json_string_value(json_object_get(c, "confidence"));

	detail_free(d);
	str_copy(d->title, json_string_value(json_object_get(c, "title")) ?:
		 "", sizeof(d->title));
	detail_add(d, "%s", d->title);
	detail_add(d, _("Cause %s, confidence %s"),
		   json_string_value(json_object_get(c, "id")) ?: "?",
		   confidence_label(conf ? conf : ""));
	detail_add(d, "%s", "");
	detail_add(d, "%s", _("Evidence (what the tests saw):"));
	detail_list(d, json_object_get(c, "evidence"), false);
	detail_add(d, "%s", "");
	detail_add(d, "%s", _("What to change:"));
	detail_list(d, json_object_get(c, "fixes"), true);
	detail_add(d, "%s", "");
	detail_client_errors(d, json_object_get(c, "client_errors"));
}

/* Append a readable form of V to BUF: numbers short, objects as
 * "key=value, ...", arrays as "a; b". */
static void value_text(json_t *v, char *buf, size_t size)
{
	const char *key;
	json_t *m;
	size_t i;

	if (json_is_string(v))
		str_appendf(buf, size, "%s", json_string_value(v));
	else if (json_is_integer(v))
		str_appendf(buf, size, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		str_appendf(buf, size, "%.4g", json_real_value(v));
	else if (json_is_boolean(v))
		str_appendf(buf, size, "%s", json_is_true(v) ? _("yes") : _("no"));
	else if (json_is_object(v))
		json_object_foreach(v, key, m) {
			str_appendf(buf, size, "%s%s=", buf[0] &&
				    buf[strlen(buf) - 1] != ' ' ? ", " : "",
				    key);
			value_text(m, buf, size);
		}
	else if (json_is_array(v))
		json_array_foreach(v, i, m) {
			if (i)
				str_appendf(buf, size, "; ");
			value_text(m, buf, size);
		}
	else
		str_appendf(buf, size, "-");
}

/* The measured values of a probe, one per line; arrays of objects (one
 * entry per address, per port) one element per line. */
static void detail_values(struct detail *d, json_t *details)
{
	const char *key;
	json_t *v, *e;
	char buf[1024];
	size_t i;

	json_object_foreach(details, key, v) {
		buf[0] = '\0';
		if (json_is_array(v) && json_is_object(json_array_get(v, 0))) {
			detail_add(d, "  %s:", key);
			json_array_foreach(v, i, e) {
				buf[0] = '\0';
				value_text(e, buf, sizeof(buf));
				detail_add(d, "    - %s", buf);
			}
			continue;
		}
		value_text(v, buf, sizeof(buf));
		detail_add(d, "  %s: %s", key, buf);
	}
}

/* True when transcript LINE ("[  12ms] reach * ...") belongs to ID. */
static bool line_of_probe(const char *line, const char *id)
{
	const char *p = strstr(line, "] ");
	size_t n = strlen(id);

	return p && !strncmp(p + 2, id, n) && p[2 + n] == ' ';
}

/* The transcript lines of probe ID from the run. */
static void detail_transcript(struct tui *t, const char *id)
{
	struct detail *d = &t->detail;
	size_t i, n, shown = 0;
	const char *line;

	if (!t->run_init || !t->run.transcript)
		return;
	n = transcript_count(t->run.transcript);
	detail_add(d, "%s", "");
	detail_add(d, "%s", _("Protocol exchange (> sent, < received, * "
		   "event; secrets hidden):"));
	for (i = 0; i < n; i++) {
		line = transcript_line(t->run.transcript, i);
		if (line && line_of_probe(line, id)) {
			detail_add(d, "  %s", line);
			shown++;
		}
	}
	if (!shown)
		detail_add(d, "  %s", _("(nothing exchanged)"));
}

/* Fill the view for PROBE. */
void detail_probe(struct tui *t, json_t *p)
{
	struct detail *d = &t->detail;
	const char *id = json_string_value(json_object_get(p, "id")) ?: "?";
	const char *st = json_string_value(json_object_get(p, "status")) ?: "";

	detail_free(d);
	str_printf(d->title, sizeof(d->title), "%s", id);
	detail_add(d, _("Test %s: %s, %lld ms"), id, status_label(st),
		   (long long)json_integer_value(json_object_get(p,
						 "duration_ms")));
	detail_add(d, "%s", json_string_value(json_object_get(p, "summary"))
		   ?: "");
	detail_add(d, "%s", "");
	detail_add(d, "%s", _("Measured:"));
	detail_values(d, json_object_get(p, "details"));
	detail_transcript(t, id);
}

/* Columns continuation rows of S are indented by: its leading spaces
 * plus a "- " or "12. " bullet, so wrapped items line up. */
static int hang_indent(const char *s, int w)
{
	int n = 0, k;

	while (s[n] == ' ')
		n++;
	if (s[n] == '-' && s[n + 1] == ' ')
		n += 2;
	else if (s[n] == '[')
		n += 10; /* transcript: after the time stamp */
	for (k = n; s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k > n && s[k] == '.' && s[k + 1] == ' ')
		n = k + 2;
	return n < w / 2 ? n : 0;
}

/* Call DRAW (when not NULL) for each wrapped row of S at width W;
 * returns the rows it takes. */
static int wrap_rows(const char *s, int w, int first_row, int top,
		     int scroll, int rows, enum scr_role role)
{
	int ind = hang_indent(s, w), row = 0, x;
	char buf[2048];
	size_t n;

	do {
		x = row ? ind : 0;
		n = text_fit(s, w - x);
		if (first_row + row >= scroll &&
		    first_row + row - scroll < rows && role != SR_COUNT) {
			str_copy(buf, s, n + 1 < sizeof(buf) ? n + 1 :
				 sizeof(buf));
			scr_text(top + first_row + row - scroll, 1 + x, w - x,
				 role, buf, false);
		}
		s += n;
		row++;
	} while (*s);
	return row;
}

/* Draw the wrapped lines from the scroll position. */
static void detail_draw(struct tui *t, int top, int rows, int cols)
{
	struct detail *d = &t->detail;
	int i, row = 0, total = 0, w = cols - 2;

	for (i = 0; i < d->n; i++)
		total += wrap_rows(d->lines[i], w, 0, 0, 0, 0, SR_COUNT);
	if (d->scroll > total - rows)
		d->scroll = total - rows;
	if (d->scroll < 0)
		d->scroll = 0;
	for (i = 0; i < d->n && row - d->scroll < rows; i++)
		row += wrap_rows(d->lines[i], w, row, top, d->scroll, rows,
				 i == 0 ? SR_HEAD : SR_NORMAL);
}

/* Scrolling keys; Esc back to the results. */
static void detail_key(struct tui *t, const struct scr_key *k)
{
	struct detail *d = &t->detail;

	if (!k->fn) {
		if (k->ch == ' ')
			d->scroll += 10;
		else if (k->ch == 's' || k->ch == 'S')
			save_open(t);
		return;
	}
	if (k->code == SK_DOWN)
		d->scroll++;
	else if (k->code == SK_UP && d->scroll > 0)
		d->scroll--;
	else if (k->code == SK_PGDN)
		d->scroll += 10;
	else if (k->code == SK_PGUP)
		d->scroll = d->scroll > 10 ? d->scroll - 10 : 0;
	else if (k->code == SK_HOME)
		d->scroll = 0;
	else if (k->code == SK_ESC || k->code == SK_ENTER ||
		 k->code == SK_LEFT || k->code == SK_BACKSPACE)
		tui_show(t, t->watching ? &view_watch : &view_results);
}

const struct view_ops view_detail = {
	.title = N_("Details"),
	.hints = N_(" ↑↓ PgUp PgDn:scroll  Esc:back  s:save  ?:help  q:quit"),
	.help = N_("A cause: the evidence the tests saw and the changes "
		   "that fix it, most specific first, and the error codes "
		   "clients show for it.\n"
		   "A test: what it measured and its part of the protocol "
		   "exchange. Lines starting with > were sent, < came from "
		   "the server, * are events (connect, reset, timeout). "
		   "Passwords and AUTH data are replaced by stars."),
	.edits_text = false,
	.draw = detail_draw,
	.key = detail_key,
};
