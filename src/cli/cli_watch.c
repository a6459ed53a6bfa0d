/* cli_watch.c — `--watch SEC --count N` on the command line: the watch
 * engine (src/watch) on a loop of our own, a timeline line per round
 * (text format), SIGINT ending the watch after the current round, and the
 * final report written as the user asked. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "watch.h"

/* The CLI's side of a watch. */
struct cli_watch {
	const struct options *opt; /* format, color, verbose */
	FILE *out;                 /* timeline and report */
	struct watch *w;           /* the engine */
	bool done;                 /* the done callback came */
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
	if (wr < 0)
		c->rc = 3;
	json_decref(rep);
}

/* SIGINT arrived through the signalfd: end after this round. */
static void on_signal(int fd, unsigned events, void *arg)
{
	struct cli_watch *c = arg;
	struct signalfd_siginfo si;

	(void)events;
	if (read(fd, &si, sizeof(si)) > 0)
		watch_stop(c->w, "signal");
}

/* Route SIGINT to LOOP (blocked, read from a signalfd); the fd or -1. */
static int catch_sigint(struct loop *loop, struct cli_watch *c)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd >= 0)
		loop_watch(loop, fd, LOOP_IN, on_signal, c);
	return fd;
}

int cli_watch_run(struct options *opt, const struct target *t, FILE *out)
{
	struct cli_watch c = { .opt = opt, .out = out, .rc = 3 };
	struct loop *loop = loop_new();
	int sigfd;

	if (!loop)
		return 3;
	c.w = watch_new(loop, opt, t, on_round, on_done, &c);
	if (!c.w) {
		loop_free(loop);
		return 3;
	}
	sigfd = catch_sigint(loop, &c);
	watch_start(c.w);
	while (!c.done)
		if (loop_run_once(loop, -1) < 0)
			break; /* the loop failed: exit code 3 */
	watch_free(c.w);
	if (sigfd >= 0) {
		loop_unwatch(loop, sigfd);
		close(sigfd);
	}
	loop_free(loop);
	return c.rc;
}
