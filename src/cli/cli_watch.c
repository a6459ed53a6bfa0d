/* cli_watch.c — `--watch SEC --count N` on the command line: the watch
 * engine (src/watch) on a loop of our own, a timeline line per round
 * (text format), SIGINT/SIGTERM ending the watch at once (the round at
 * work aborted) with a report of the rounds so far, verdict "interrupted",
 * exit 130/143, and the final report written as the user asked. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "cli.h"
#include "report.h"
#include "watch.h"

/* The CLI's side of a watch. */
struct cli_watch {
	const struct options *opt; /* format, color, verbose */
	FILE *out;                 /* timeline and report */
	struct watch *w;           /* the engine */
	bool done;                 /* the done callback came */
	bool written;              /* a final report reached out */
	int rc;                    /* exit code */
};

/* Per round: the timeline line (text format only). */
static void on_round(struct watch *w, const struct watch_round *r, void *arg)
{
	struct cli_watch *c = arg;
	json_t *l = r->line;

	(void)w;
	if (c->opt->format != FORMAT_TEXT)
		return;
	fprintf(c->out, "%s  #%-3d %-12s %-28s %s  held:%s\n",
		json_string_value(json_object_get(l, "time")), r->round,
		json_string_value(json_object_get(l, "verdict")),
		json_string_value(json_object_get(l, "cause")), r->letters,
		json_string_value(json_object_get(l, "held")));
	fflush(c->out);
}

/* The end: write the final report; its code becomes the exit code. */
static void on_done(struct watch *w, json_t *rep, void *arg)
{
	struct cli_watch *c = arg;
	const struct options *o = c->opt;
	int wr;

	(void)w;
	c->done = true;
	if (!rep)
		return;
	c->rc = o->format == FORMAT_NAGIOS ? report_nagios_code(rep)
					   : report_exit_code(rep);
	if (o->format == FORMAT_JSON)
		wr = report_write_json(rep, c->out);
	else if (o->format == FORMAT_NAGIOS)
		wr = report_write_nagios(rep, c->out);
	else if (o->format == FORMAT_OPENMETRICS)
		wr = report_write_openmetrics(rep, c->out,
					      (long long)time(NULL));
	else
		wr = report_write_text(rep, c->out, o->color && !o->output,
				       o->verbose);
	if (wr < 0 || fflush(c->out) != 0)
		c->rc = 3;
	else
		c->written = true;
	json_decref(rep);
}

int cli_watch_run(struct options *opt, const struct target *t, FILE *out,
		  bool *written)
{
	struct cli_watch c = { .opt = opt, .out = out, .rc = 3 };
	struct loop *loop = loop_new();
	int sigfd, signo = 0, stopped = 0;

	*written = false;
	if (!loop)
		return 3;
	c.w = watch_new(loop, opt, t, on_round, on_done, &c);
	if (!c.w) {
		loop_free(loop);
		return 3;
	}
	sigfd = cli_signals_catch(loop, &signo);
	watch_start(c.w);
	while (!c.done) {
		if (loop_run_once(loop, -1) < 0)
			break; /* the loop failed: exit code 3 */
		/* A signal ends the watch now, not after the round. */
		if (signo && !stopped) {
			stopped = signo;
			watch_interrupt(c.w, signo);
		}
	}
	watch_free(c.w);
	cli_signals_release(loop, sigfd);
	loop_free(loop);
	*written = c.written;
	/* Stopped before any round had a report: nothing to write. */
	if (stopped && !c.written && c.rc == 3)
		return 128 + stopped;
	return c.rc;
}
