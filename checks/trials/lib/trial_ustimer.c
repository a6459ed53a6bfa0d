/* trial_ustimer.c — one-shot microsecond timers on the loop (timerfd). */
#include "config.h"

#include "trial_ustimer.h"

#include <errno.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "loop.h"

/* The timerfd expired: clear it, then run the callback (which may arm
 * the timer again or stop it). */
static void on_expiry(int fd, unsigned events, void *arg)
{
	struct ustimer *t = arg;
	uint64_t n;

	(void)events;
	if (read(fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
		return; /* not expired after all (EAGAIN) */
	t->cb(t->arg);
}

/* Make the timerfd and watch it; 0 or -errno. */
static int open_fd(struct ustimer *t, struct loop *loop)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	int rc;

	if (fd < 0)
		return -errno;
	rc = loop_watch(loop, fd, LOOP_IN, on_expiry, t);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	t->loop = loop;
	t->fd = fd;
	t->open = true;
	return 0;
}

int ustimer_arm(struct ustimer *t, struct loop *loop, int64_t us,
		void (*cb)(void *arg), void *arg)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };
	int rc;

	if (!t->open && (rc = open_fd(t, loop)) < 0)
		return rc;
	if (us < 1)
		us = 1;
	its.it_value.tv_sec = us / 1000000;
	its.it_value.tv_nsec = (long)(us % 1000000) * 1000;
	t->cb = cb;
	t->arg = arg;
	if (timerfd_settime(t->fd, 0, &its, NULL) < 0) {
		rc = -errno;
		ustimer_stop(t);
		return rc;
	}
	return 0;
}

void ustimer_stop(struct ustimer *t)
{
	if (!t->open)
		return;
	loop_unwatch(t->loop, t->fd);
	close(t->fd);
	t->open = false;
	t->fd = -1;
}
