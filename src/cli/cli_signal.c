/* cli_signal.c — SIGINT/SIGTERM during `--report`: caught on the event
 * loop through a signalfd, so the run stops between two events and a
 * partial report of what finished is still written (verdict
 * "interrupted", exit 128 + signal). */
#include "config.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "cli.h"

/* The signalfd is readable: note the first signal's number. */
static void on_signal(int fd, unsigned events, void *arg)
{
	int *signo = arg;
	struct signalfd_siginfo si;

	(void)events;
	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		if (!*signo)
			*signo = (int)si.ssi_signo;
}

int cli_signals_catch(struct loop *loop, int *signo)
{
	sigset_t set;
	int fd;

	*signo = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	/* Blocked for the rest of the process: a second Ctrl-C while the
	 * partial report is written must not kill it half-way. */
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd >= 0)
		loop_watch(loop, fd, LOOP_IN, on_signal, signo);
	return fd;
}

void cli_signals_release(struct loop *loop, int fd)
{
	if (fd < 0)
		return;
	loop_unwatch(loop, fd);
	close(fd);
}
