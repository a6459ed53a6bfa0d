/* tui_watch.c — the wizard's watch mode: the watch engine of src/watch
 * (rounds, the held connection, the final diagnosis) on the wizard's
 * loop; each probe's rounds drawn as a sparkline row (like mtr) from the
 * engine's statistics, the diagnosis so far on top, and the engine's
 * final report shown in the results when the watch ends. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui_app.h"
#include "i18n.h"
#include "report.h"
#include "util.h"

#define WATCH_TICK_MS 500 /* countdown redraw */

/* Redraw now and then while watching (the countdown). */
static void watch_tick(void *arg)
{
	struct tui *t = arg;

	t->watch_tick = NULL;
	if (!t->watch)
		return;
	tui_dirty(t);
	t->watch_tick = loop_timer_add(t->loop, WATCH_TICK_MS, watch_tick, t);
}

/* Engine: a round finished; keep its report and the diagnosis so far. */
static void on_round(struct watch *w, const struct watch_round *r, void *arg)
{
	struct tui *t = arg;

	json_decref(t->report);
	t->report = json_incref(r->report);
	json_decref(t->watch_diag);
	t->watch_diag = watch_report_now(w);
	tui_dirty(t);
}

/* Engine: the watch ended; its final report goes to the results. */
static void on_done(struct watch *w, json_t *final, void *arg)
{
	struct tui *t = arg;

	(void)w;
	if (final) {
		json_decref(t->report);
		t->report = final;
	}
	t->watching = false;
	t->sel = 0;
	t->scroll = 0;
	tui_status(t, false, "%s", _("Watch stopped; the causes cover every "
		   "round. s: save the report"));
	tui_show(t, &view_results);
}

/* Enter watch mode and start the engine. */
void tui_watch_start(struct tui *t)
{
	struct target tg;
	char err[256];

	tui_watch_free(t);
	if (t->running || !settings_to_run(t, &tg, err, sizeof(err))) {
		if (!t->running)
			tui_status(t, true, "%s", err);
		return;
	}
	t->opt.watch_sec = t->watch_sec;
	t->watch = watch_new(t->loop, &t->opt, &tg, on_round, on_done, t);
	if (!t->watch) {
		tui_status(t, true, "%s", _("Could not prepare the run"));
		return;
	}
	t->watching = true;
	tui_status(t, false, "%s", _("Watching. +/-: change the interval, "
		   "Esc: stop"));
	tui_show(t, &view_watch);
	watch_start(t->watch);
	t->watch_tick = loop_timer_add(t->loop, WATCH_TICK_MS, watch_tick, t);
}

/* Leave watch mode: the engine ends after the round at work. */
void tui_watch_stop(struct tui *t)
{
	if (!t->watch || watch_finished(t->watch))
		return;
	tui_status(t, false, "%s", _("Stopping after this round..."));
	watch_stop(t->watch, "user");
}

/* Release the engine and what watch mode holds. */
void tui_watch_free(struct tui *t)
{
	loop_timer_cancel(t->loop, t->watch_tick);
	t->watch_tick = NULL;
	watch_free(t->watch);
	t->watch = NULL;
	json_decref(t->watch_diag);
	t->watch_diag = NULL;
	t->watching = false;
}

/* Glyph and colour for a status letter of the shared alphabet. */
static const char *glyph(char c, enum scr_role *role)
{
	bool u = scr_utf8();

	switch (c) {
	case '.': *role = SR_OK; return u ? "▁" : ".";
	case 'w': *role = SR_WARN; return u ? "▄" : "o";
	case 'F': *role = SR_FAIL; return u ? "█" : "X";
	case 'E': *role = SR_FAIL; return u ? "▒" : "E";
	default: *role = SR_DIM; return u ? "·" : " ";
	}
}

/* Columns of the figures at the right: last, average, worst, failed. */
#define FIG_W 30

/* One sparkline row, as mtr: id, last status, the history that fits,
 * then last, average and worst time and the failure share. */
static void watch_draw_row(const struct watch_stat *s, int y, int cols,
			   int id_w)
{
	int x0 = 1 + id_w + 1 + 10, w = cols - x0 - FIG_W - 1;
	int n = watch_stat_len(s), first, i;
	enum scr_role role;
	const char *st = watch_status_of(watch_stat_letter(s, n - 1));
	char buf[64];

	if (w < 4)
		w = 4;
	first = n > w ? n - w : 0;
	scr_text(y, 1, id_w, SR_NORMAL, s->id, false);
	scr_text(y, 2 + id_w, 9, status_role(st), status_label(st), false);
	for (i = first; i < n; i++) {
		const char *g = glyph(watch_stat_letter(s, i), &role);

		scr_text(y, x0 + i - first, 1, role, g, false);
	}
	str_printf(buf, sizeof(buf), "%6lld %6lld %6lld %5d%%",
		   (long long)s->last_ms, (long long)watch_stat_avg_ms(s),
		   (long long)s->worst_ms, watch_stat_fail_pct(s));
	scr_text(y, cols - FIG_W, FIG_W - 1, watch_stat_fail_pct(s) ? SR_WARN :
		 SR_DIM, buf, false);
}

/* The column titles above the rows. */
static void watch_draw_titles(int y, int cols, int id_w)
{
	char buf[128];

	scr_text(y, 1, id_w, SR_HEAD, _("Test"), false);
	scr_text(y, 2 + id_w, 9, SR_HEAD, _("Now"), false);
	scr_text(y, 1 + id_w + 11, cols - id_w - 12 - FIG_W, SR_HEAD,
		 _("Rounds, newest right"), false);
	/* TRANSLATORS: column titles over "%6lld %6lld %6lld %5d%%": times
	 * in milliseconds and the share of failed rounds; keep the widths. */
	str_printf(buf, sizeof(buf), "%s", _("  Last    Avg  Worst  Fail"));
	scr_text(y, cols - FIG_W, FIG_W - 1, SR_HEAD, buf, false);
}

/* True for a probe the watch's rows show: not the other protocol's, not
 * the trials (a watch never runs them). */
static bool watch_row_shown(const struct tui *t, const char *id)
{
	const char *own = report_probe_proto(id);

	if (!strncmp(id, "trial.", 6))
		return false;
	return report_proto_serves(own, proto_name(t->opt.proto));
}

/* The header line: rounds done, next round. */
static void watch_draw_head(struct tui *t, int top, int cols)
{
	char buf[256];
	int done = watch_rounds_done(t->watch);
	long long next = (watch_next_ms(t->watch) - loop_clock_ms() + 999) / 1000;

	if (watch_in_round(t->watch))
		str_printf(buf, sizeof(buf), _("Round %d running; a round "
			   "every %d s"), done + 1, t->watch_sec);
	else
		str_printf(buf, sizeof(buf), P_("%d round done, next in %lld "
			   "s; a round every %d s", "%d rounds done, next in "
			   "%lld s; a round every %d s", done), done,
			   next > 0 ? next : 0, t->watch_sec);
	scr_text(top, 1, cols - 2, SR_HEAD, buf, false);
}

/* The cause ids of REP joined by ", " into BUF ("" when none). */
static void cause_ids(json_t *rep, char *buf, size_t size)
{
	json_t *c;
	size_t i, n = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(rep, "causes"), i, c) {
		const char *id = json_string_value(json_object_get(c, "id"));

		if (id && n + strlen(id) + 3 < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s",
					      n ? ", " : "", id);
	}
}

/* The last round's first cause and the watch's causes so far. */
static void watch_draw_causes(struct tui *t, int top, int cols)
{
	char buf[512], ids[384];
	json_t *c0 = json_array_get(json_object_get(t->report, "causes"), 0);

	if (c0)
		str_printf(buf, sizeof(buf), _("Last run: %s — %s"),
			   json_string_value(json_object_get(c0, "id")),
			   json_string_value(json_object_get(c0, "title")));
	else if (watch_rounds_done(t->watch) &&
		 !strcmp(report_verdict(t->report), "inconclusive"))
		str_copy(buf, _("Last run: inconclusive (some checks could not "
				"finish)"), sizeof(buf));
	else
		str_copy(buf, watch_rounds_done(t->watch) ?
			 _("Last run: no problem found") : "", sizeof(buf));
	scr_text(top + 1, 1, cols - 2, c0 ? SR_FAIL : SR_OK, buf, false);
	cause_ids(t->watch_diag, ids, sizeof(ids));
	if (!t->watch_diag)
		return;
	if (ids[0])
		str_printf(buf, sizeof(buf), _("Across rounds: %s"), ids);
	else
		str_copy(buf, _("Across rounds: no problem found"), sizeof(buf));
	scr_text(top + 2, 1, cols - 2, ids[0] ? SR_FAIL : SR_OK, buf, false);
}

/* The legend from the shared alphabet. */
static void watch_draw_legend(int y, int cols)
{
	char buf[512];
	size_t n = 0;
	enum scr_role role;
	int i;

	buf[0] = '\0';
	for (i = 0; watch_alphabet[i].letter; i++) {
		const char *g = glyph(watch_alphabet[i].letter, &role);

		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s %s  ",
			!strcmp(g, " ") ? "' '" : g, _(watch_alphabet[i].meaning));
		if (n >= sizeof(buf))
			return;
	}
	snprintf(buf + n, sizeof(buf) - n, "%s", _("newest on the right"));
	scr_text(y, 1, cols - 2, SR_DIM, buf, false);
}

/* The header, the causes, the column titles, the sparklines and the
 * legend. */
static void watch_draw(struct tui *t, int top, int rows, int cols)
{
	const struct watch_stats *s;
	int i, y = top + 4, id_w = 8;

	if (!t->watch)
		return;
	s = watch_get_stats(t->watch);
	for (i = 0; i < s->n; i++)
		if (watch_row_shown(t, s->p[i].id) &&
		    (int)strlen(s->p[i].id) > id_w)
			id_w = (int)strlen(s->p[i].id);
	watch_draw_head(t, top, cols);
	watch_draw_causes(t, top, cols);
	watch_draw_titles(y++, cols, id_w);
	for (i = 0; i < s->n && y < top + rows - 1; i++)
		if (watch_row_shown(t, s->p[i].id))
			watch_draw_row(&s->p[i], y++, cols, id_w);
	watch_draw_legend(top + rows - 1, cols);
}

/* Keys of watch mode. */
static void watch_key(struct tui *t, const struct scr_key *k)
{
	if ((k->fn && k->code == SK_ESC) ||
	    (!k->fn && (k->ch == 'w' || k->ch == 'W'))) {
		tui_watch_stop(t);
	} else if (!k->fn && k->ch == '+' && t->watch_sec < 3600) {
		watch_set_interval(t->watch, ++t->watch_sec);
	} else if (!k->fn && k->ch == '-' && t->watch_sec > 1) {
		watch_set_interval(t->watch, --t->watch_sec);
	} else if (!k->fn && (k->ch == 's' || k->ch == 'S')) {
		save_open(t);
	}
}

const struct view_ops view_watch = {
	.title = N_("Watch"),
	.hints = N_(" +/-:interval  s:save last  Esc/w:stop  ?:help  q:quit"),
	.help = N_("The diagnosis runs again every few seconds (without the "
		   "slow trials) while one connection is held open across "
		   "the runs. Each test has a row; each column is one run, "
		   "the newest on the right: a low bar is ok, a half bar a "
		   "warning, a full bar a failure; then the last, average and "
		   "worst time in milliseconds and how often it failed.\n"
		   "Use it while the user retries, or to catch a server that "
		   "fails now and then (restarts, overload).\n"
		   "+ and - change the interval; Esc stops after the current "
		   "run and shows what was found across all runs."),
	.edits_text = false,
	.draw = watch_draw,
	.key = watch_key,
};
