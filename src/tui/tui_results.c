/* results.c — the ranked causes (title, confidence) and every probe, read
 * from the report; Enter opens a line's evidence, fixes and transcript. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui_app.h"
#include "i18n.h"
#include "report.h"
#include "tui_text.h"
#include "util.h"

/* String member KEY of O, "" when absent. */
static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* Number of selectable rows: causes then the probes worth showing (not
 * the other protocol's, not the trials nobody ticked). */
static void results_counts(struct tui *t, size_t *nc, size_t *np)
{
	json_t *p;
	size_t i;

	*nc = json_array_size(json_object_get(t->report, "causes"));
	*np = 0;
	json_array_foreach(json_object_get(t->report, "probes"), i, p)
		if (report_probe_shown(t->report, p))
			(*np)++;
}

/* The K-th probe worth showing, NULL past the end. */
static json_t *shown_probe(struct tui *t, size_t k)
{
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(t->report, "probes"), i, p)
		if (report_probe_shown(t->report, p) && k-- == 0)
			return p;
	return NULL;
}

/* What the wizard user does to answer the not-asked question of probe
 * ID (the report's answer names command-line options). */
static const char *unasked_hint(const char *id)
{
	if (!strcmp(id, "smtp.transaction"))
		return _("sender and relaying: type the sender address "
			 "(e: settings)");
	if (!strcmp(id, "smtp.auth"))
		return _("the login: type the login and password (e: "
			 "settings)");
	if (!strcmp(id, "trials"))
		return _("the load trials: tick them in the settings");
	return id;
}

/* Rows above the list: the verdict, and when the run found nothing but
 * left questions, a line per question not asked (so many that at least
 * four rows of the list stay in the ROWS of the body). */
static int results_head_rows(struct tui *t, int rows)
{
	int n;

	if (strcmp(jstr(t->report, "verdict"), "ok"))
		return 1;
	n = (int)json_array_size(json_object_get(t->report, "not_asked"));
	if (n > rows - 5)
		n = rows - 5 > 0 ? rows - 5 : 0;
	return 1 + n;
}

/* The first N questions not asked, from row Y, as "Not asked: ..."
 * lines. */
static void results_unasked(struct tui *t, int y, int cols, int n)
{
	json_t *e;
	size_t i;
	char buf[512];

	json_array_foreach(json_object_get(t->report, "not_asked"), i, e) {
		if ((int)i >= n)
			break;
		str_printf(buf, sizeof(buf), "%s %s", i ? "          " :
			   _("Not asked:"), unasked_hint(jstr(e, "probe")));
		scr_text(y + (int)i, 1, cols - 2, SR_WARN, buf, false);
	}
}

/* The verdict line. */
static void results_verdict(struct tui *t, int y, int cols, size_t nc)
{
	const char *v = jstr(t->report, "verdict");
	char buf[256];

	if (!strcmp(v, "ok") && report_questions_unasked(t->report))
		str_copy(buf, _("No problem found in the tests that ran; some "
			 "questions were not asked:"), sizeof(buf));
	else if (!strcmp(v, "ok") && json_array_size(json_object_get(
			 t->report, "not_asked")))
		str_copy(buf, _("No problem found in the tests that ran:"),
			 sizeof(buf));
	else if (!strcmp(v, "ok"))
		str_copy(buf, _("No problem found: every test passed."),
			 sizeof(buf));
	else if (nc > 0)
		str_printf(buf, sizeof(buf), P_("Found %zu likely cause, most "
			   "likely first:", "Found %zu likely causes, most "
			   "likely first:", nc), nc);
	else
		str_copy(buf, _("Inconclusive: the tests did not finish or "
			 "saw nothing they know."), sizeof(buf));
	scr_text(y, 1, cols - 2, !strcmp(v, "ok") ? SR_OK : SR_HEAD, buf,
		 false);
}

/* "1. Title" of cause C into BUF; returns the bytes of its first row at
 * width W (the rest, if any, goes on a second row). */
static size_t cause_line(json_t *c, size_t idx, char *buf, size_t size,
			 int w)
{
	str_printf(buf, size, "%zu. %s", idx + 1, jstr(c, "title"));
	return text_fit(buf, w);
}

/* Rows item I takes: a cause 2 or 3 (title over two rows, id), a probe 1
 * (the first probe 2, with the "Tests:" heading above it). */
static int item_height(struct tui *t, size_t i, size_t nc, int cols)
{
	char buf[600];
	json_t *c;
	size_t n;

	if (i > nc)
		return 1;
	if (i == nc)
		return 2;
	c = json_array_get(json_object_get(t->report, "causes"), i);
	n = cause_line(c, i, buf, sizeof(buf), cols - 11);
	return buf[n] ? 3 : 2;
}

/* A cause at rows Y.. (only rows inside TOP < row < BOTTOM are drawn). */
static void draw_cause(json_t *c, int y, int top, int bottom, int cols,
		       bool sel, size_t idx)
{
	const char *conf = jstr(c, "confidence");
	enum scr_role role = sel ? SR_SELECT : SR_NORMAL;
	char buf[600], save;
	size_t n = cause_line(c, idx, buf, sizeof(buf), cols - 11);
	int rows = buf[n] ? 2 : 1;

	if (y > top && y < bottom) {
		scr_fill(y, 1, cols - 2, role);
		scr_text(y, 1, 9, confidence_role(conf),
			 confidence_label(conf), false);
		save = buf[n];
		buf[n] = '\0';
		scr_text(y, 10, cols - 11, role, buf, true);
		buf[n] = save;
	}
	if (rows == 2 && y + 1 > top && y + 1 < bottom) {
		scr_fill(y + 1, 1, cols - 2, role);
		scr_text(y + 1, 13, cols - 14, role, buf + n, true);
	}
	if (y + rows > top && y + rows < bottom)
		scr_text(y + rows, 13, cols - 14, SR_DIM, jstr(c, "id"), false);
}

/* Columns of the widest probe id shown, so the summaries line up. */
static int id_width(struct tui *t)
{
	json_t *p;
	size_t i;
	int w = 8, n;

	json_array_foreach(json_object_get(t->report, "probes"), i, p) {
		n = text_width(jstr(p, "id"));
		if (report_probe_shown(t->report, p) && n > w)
			w = n;
	}
	return w;
}

/* One probe line; the client's FTP transfer mode is marked. */
static void draw_probe(struct tui *t, json_t *p, int y, int cols, bool sel)
{
	const char *st = jstr(p, "status"), *id = jstr(p, "id");
	int mode = t->sfields[SF_MODE].choice;
	char buf[600];

	str_printf(buf, sizeof(buf), "%-*s %s", id_width(t), id,
		   jstr(p, "summary"));
	if ((mode == 1 && !strcmp(id, "ftp.passive")) ||
	    (mode == 2 && !strcmp(id, "ftp.active")))
		str_appendf(buf, sizeof(buf), "  %s", _("<- the client's mode"));
	scr_fill(y, 1, cols - 2, sel ? SR_SELECT : SR_NORMAL);
	scr_text(y, 1, 9, status_role(st), status_label(st), false);
	scr_text(y, 10, cols - 11, sel ? SR_SELECT : SR_NORMAL, buf, true);
}

/* Keep item SEL inside the ROWS shown. */
static void results_scroll(struct tui *t, size_t nc, int rows, int cols)
{
	int y = 0, h;
	size_t i;

	for (i = 0; i < (size_t)t->sel; i++)
		y += item_height(t, i, nc, cols);
	h = item_height(t, t->sel, nc, cols);
	if (y < t->scroll)
		t->scroll = y;
	if (y + h > t->scroll + rows)
		t->scroll = y + h - rows;
}

/* Draw causes and probes, scrolled so the selection shows. */
static void results_draw(struct tui *t, int top, int rows, int cols)
{
	json_t *causes = json_object_get(t->report, "causes");
	int y, py, bottom = top + rows, head;
	size_t nc, np, i;

	if (!t->report)
		return;
	results_counts(t, &nc, &np);
	results_verdict(t, top, cols, nc);
	head = results_head_rows(t, rows);
	if (head > 1)
		results_unasked(t, top + 1, cols, head - 1);
	top += head - 1;
	rows -= head - 1;
	results_scroll(t, nc, rows - 1, cols);
	y = top + 1 - t->scroll;
	for (i = 0; i < nc + np && y < bottom; i++) {
		if (i < nc) {
			draw_cause(json_array_get(causes, i), y, top, bottom,
				   cols, (int)i == t->sel, i);
		} else {
			py = y + (i == nc ? 1 : 0);
			if (i == nc && y > top)
				scr_text(y, 1, cols - 2, SR_HEAD, _("Tests:"),
					 false);
			if (py > top && py < bottom)
				draw_probe(t, shown_probe(t, i - nc),
					   py, cols, (int)i == t->sel);
		}
		y += item_height(t, i, nc, cols);
	}
}

/* Open the selected line. */
static void results_open(struct tui *t)
{
	size_t nc, np;

	results_counts(t, &nc, &np);
	if ((size_t)t->sel < nc)
		detail_cause(t, json_array_get(json_object_get(t->report,
					       "causes"), t->sel));
	else if ((size_t)t->sel < nc + np)
		detail_probe(t, shown_probe(t, t->sel - nc));
	else
		return;
	tui_show(t, &view_detail);
}

/* Commands of the results view. */
static bool results_command(struct tui *t, wint_t ch)
{
	switch (ch) {
	case 's': case 'S':
		save_open(t);
		return true;
	case 'r': case 'R':
		tui_start_run(t);
		return true;
	case 'e': case 'E':
		tui_show(t, &view_settings);
		return true;
	case 'w': case 'W':
		tui_watch_start(t);
		return true;
	default:
		return false;
	}
}

/* Keys of the results view. */
static void results_key(struct tui *t, const struct scr_key *k)
{
	size_t nc, np;

	results_counts(t, &nc, &np);
	if (!k->fn) {
		results_command(t, k->ch);
		return;
	}
	if (k->code == SK_DOWN && (size_t)t->sel + 1 < nc + np)
		t->sel++;
	else if (k->code == SK_UP && t->sel > 0)
		t->sel--;
	else if (k->code == SK_PGDN)
		t->sel = (int)(nc + np) - 1;
	else if (k->code == SK_PGUP || k->code == SK_HOME)
		t->sel = 0;
	else if (k->code == SK_ENTER)
		results_open(t);
	else if (k->code == SK_ESC)
		tui_show(t, &view_settings);
	if (t->sel < 0)
		t->sel = 0;
}

const struct view_ops view_results = {
	.title = N_("Results"),
	.hints = N_(" Enter:open  s:save  r:run again  w:watch  e:settings  ?:help  q:quit"),
	.help = N_("The likely causes come first, most likely first, each "
		   "with how sure the diagnosis is (high, medium, low). Enter "
		   "on a cause shows the evidence that points to it and what "
		   "to change.\n"
		   "Below are the tests; Enter on one shows what it measured "
		   "and the protocol exchange (passwords hidden).\n"
		   "s saves the report as text or JSON for a ticket; r runs "
		   "again (after the user changed something); w repeats the "
		   "run every few seconds and draws a timeline; e goes back "
		   "to the settings."),
	.edits_text = false,
	.draw = results_draw,
	.key = results_key,
};
