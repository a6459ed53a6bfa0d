/* progress.c — step 3: every probe of the chain as a line with its live
 * state (waiting, running with elapsed time, ok, warning, failed,
 * skipped), read from the run while the loop works. */
#include "config.h"

#include <stdio.h>

#include "tui_app.h"
#include "i18n.h"
#include "report.h"
#include <string.h>
#include "util.h"

/* Milliseconds to show for P: elapsed while running, duration after. */
static long long probe_ms(const struct probe *p)
{
	if (p->status == PROBE_RUNNING)
		return (long long)(probe_elapsed(p) - p->started_ms);
	if (p->status == PROBE_WAITING)
		return -1;
	return (long long)p->duration_ms;
}

/* One probe line. */
static void progress_line(const struct probe *p, int y, int cols)
{
	static const char spin[] = "|/-\\";
	const char *st = probe_status_name(p->status);
	char buf[64];
	long long ms = probe_ms(p);

	if (p->status == PROBE_RUNNING)
		str_printf(buf, sizeof(buf), "%c %s",
			   spin[(loop_clock_ms() / 200) % 4], status_label(st));
	else
		str_printf(buf, sizeof(buf), "  %s", status_label(st));
	scr_text(y, 1, 12, status_role(st), buf, false);
	scr_text(y, 14, 18, SR_NORMAL, p->ops->id, false);
	if (ms >= 0) {
		str_printf(buf, sizeof(buf), "%lld ms", ms);
		scr_text(y, 33, 10, SR_DIM, buf, false);
	}
	if (cols > 45)
		scr_text(y, 44, cols - 45, SR_NORMAL, p->summary, false);
}

/* The security mode in the words of the settings form, not a token. */
static const char *tls_words(enum tls_mode m)
{
	switch (m) {
	case TLS_NONE: return _("none");
	case TLS_STARTTLS: return _("STARTTLS");
	case TLS_IMPLICIT: return _("SSL/TLS (implicit)");
	default: return _("auto (find out)");
	}
}

/* The target line and the total time. */
static void progress_header(struct tui *t, int y, int cols)
{
	const struct target *tg = &t->run.target;
	char buf[512];
	long long ms = t->running ? (long long)(loop_clock_ms() - t->run.t0)
				  : (long long)t->run.duration_ms;

	str_printf(buf, sizeof(buf), _("Diagnosing %s %s port %d (%s), "
		   "%lld ms"), proto_name(tg->proto), tg->host, tg->port,
		   tls_words(tg->tls), ms);
	scr_text(y, 1, cols - 2, SR_HEAD, buf, false);
}

/* False for a probe this run will not use: the other protocol's, or a
 * trial nobody ticked (the results do not list them either). */
static bool progress_shown(const struct tui *t, const struct probe *p)
{
	const char *own = report_probe_proto(p->ops->id);

	if (!report_proto_serves(own, proto_name(t->run.target.proto)))
		return false;
	return !p->ops->trial ||
	       (t->opt.trials & registry_trial_bit(p->ops));
}

/* Draw the chain. */
static void progress_draw(struct tui *t, int top, int rows, int cols)
{
	int i, y = top + 2, first, n = 0, k = 0;

	if (!t->run_init)
		return;
	progress_header(t, top, cols);
	for (i = 0; i < t->run.nprobes; i++)
		n += progress_shown(t, &t->run.probes[i]);
	first = t->scroll;
	if (first > n - (rows - 2))
		first = n - (rows - 2);
	if (first < 0)
		first = 0;
	for (i = 0; i < t->run.nprobes && y < top + rows; i++) {
		if (!progress_shown(t, &t->run.probes[i]) || k++ < first)
			continue;
		progress_line(&t->run.probes[i], y++, cols);
	}
}

/* Keys while the chain runs: cancel, scroll. */
static void progress_key(struct tui *t, const struct scr_key *k)
{
	if ((k->fn && k->code == SK_ESC) ||
	    (!k->fn && (k->ch == 'c' || k->ch == 'C'))) {
		tui_cancel_run(t);
		tui_status(t, true, "%s", _("Cancelling..."));
	} else if (k->fn && k->code == SK_DOWN) {
		t->scroll++;
	} else if (k->fn && k->code == SK_UP && t->scroll > 0) {
		t->scroll--;
	}
}

const struct view_ops view_progress = {
	.title = N_("Step 3 of 3: running the diagnosis"),
	.hints = N_(" c/Esc:cancel  ↑↓:scroll  ?:help  q:quit"),
	.help = N_("Each line is one test of the chain. waiting: it needs "
		   "an earlier test first; running: at work, with the time "
		   "so far; ok, warning, failed: what it saw; skipped: it "
		   "does not apply here.\n"
		   "Every network step has a time limit, so nothing hangs "
		   "for long. c or Esc stops the run; what finished is "
		   "still shown."),
	.edits_text = false,
	.draw = progress_draw,
	.key = progress_key,
};
