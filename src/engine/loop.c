/* loop.c — epoll plus a sorted timer list.  Small by design: the program
 * has at most a few hundred descriptors and timers at once. */
#include "config.h"

#include "loop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

/* What is known about one watched descriptor. */
struct watcher {
	loop_io_cb cb;     /* NULL when not watched */
	void *arg;         /* passed back to cb */
	uint32_t gen;      /* bumped on every (re)registration: stale events are dropped */
	unsigned events;   /* LOOP_* interest */
};

/* A pending timer, kept in a list sorted by due time. */
struct loop_timer {
	int64_t due;             /* monotonic ms */
	loop_timer_cb cb;        /* what to run */
	void *arg;               /* its argument */
	struct loop_timer *next; /* later timers */
	struct loop_timer *prev; /* earlier timers */
};

struct loop {
	int epfd;                 /* the epoll instance */
	struct watcher *w;        /* indexed by fd */
	int nw;                   /* allocated entries in w */
	int nwatched;             /* fds currently watched */
	struct loop_timer *timers;/* soonest first */
	int64_t now;              /* cached monotonic time */
	bool stop;                /* loop_stop was called */
};

int64_t loop_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t loop_clock_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

struct loop *loop_new(void)
{
	struct loop *loop = calloc(1, sizeof(*loop));

	if (!loop)
		return NULL;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0) {
		free(loop);
		return NULL;
	}
	loop->now = loop_clock_ms();
	return loop;
}

void loop_free(struct loop *loop)
{
	struct loop_timer *t, *next;

	if (!loop)
		return;
	for (t = loop->timers; t; t = next) {
		next = t->next;
		free(t);
	}
	close(loop->epfd);
	free(loop->w);
	free(loop);
}

/* Make room for descriptor FD in the watcher table. */
static int grow(struct loop *loop, int fd)
{
	int n = loop->nw ? loop->nw : 64;
	struct watcher *w;

	while (n <= fd)
		n *= 2;
	if (n == loop->nw)
		return 0;
	w = realloc(loop->w, (size_t)n * sizeof(*w));
	if (!w)
		return -ENOMEM;
	memset(w + loop->nw, 0, (size_t)(n - loop->nw) * sizeof(*w));
	loop->w = w;
	loop->nw = n;
	return 0;
}

/* Translate LOOP_* interest into epoll bits. */
static uint32_t to_epoll(unsigned events)
{
	uint32_t e = 0;

	if (events & LOOP_IN)
		e |= EPOLLIN | EPOLLRDHUP;
	if (events & LOOP_OUT)
		e |= EPOLLOUT;
	return e;
}

int loop_watch(struct loop *loop, int fd, unsigned events, loop_io_cb cb,
	       void *arg)
{
	struct epoll_event ev;
	struct watcher *w;
	int op;

	if (fd < 0 || grow(loop, fd) < 0)
		return -EINVAL;
	w = &loop->w[fd];
	op = w->cb ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	w->gen++;
	memset(&ev, 0, sizeof(ev));
	ev.events = to_epoll(events);
	ev.data.u64 = (uint64_t)(uint32_t)fd | ((uint64_t)w->gen << 32);
	if (epoll_ctl(loop->epfd, op, fd, &ev) < 0) {
		/* The fd may have been closed and reused behind our back. */
		if (op == EPOLL_CTL_MOD && errno == ENOENT)
			op = EPOLL_CTL_ADD;
		else if (op == EPOLL_CTL_ADD && errno == EEXIST)
			op = EPOLL_CTL_MOD;
		else
			return -errno;
		if (epoll_ctl(loop->epfd, op, fd, &ev) < 0)
			return -errno;
	}
	if (!w->cb)
		loop->nwatched++;
	w->cb = cb;
	w->arg = arg;
	w->events = events;
	return 0;
}

void loop_unwatch(struct loop *loop, int fd)
{
	if (fd < 0 || fd >= loop->nw || !loop->w[fd].cb)
		return;
	epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
	loop->w[fd].cb = NULL;
	loop->w[fd].arg = NULL;
	loop->w[fd].gen++;
	loop->nwatched--;
}

struct loop_timer *loop_timer_add(struct loop *loop, int64_t ms,
				  loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = calloc(1, sizeof(*t)), *at, *prev = NULL;

	if (!t)
		return NULL;
	t->due = loop_clock_ms() + (ms > 0 ? ms : 0);
	t->cb = cb;
	t->arg = arg;
	for (at = loop->timers; at && at->due <= t->due; at = at->next)
		prev = at;
	t->prev = prev;
	t->next = at;
	if (at)
		at->prev = t;
	if (prev)
		prev->next = t;
	else
		loop->timers = t;
	return t;
}

/* Take T out of the timer list without freeing it. */
static void unlink_timer(struct loop *loop, struct loop_timer *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		loop->timers = t->next;
	if (t->next)
		t->next->prev = t->prev;
}

void loop_timer_cancel(struct loop *loop, struct loop_timer *t)
{
	if (!t)
		return;
	unlink_timer(loop, t);
	free(t);
}

int64_t loop_now(struct loop *loop)
{
	return loop->now;
}

/* How long epoll may sleep: until the next timer, capped by MAX_WAIT. */
static int wait_ms(struct loop *loop, int max_wait)
{
	int64_t until;

	if (!loop->timers)
		return max_wait;
	until = loop->timers->due - loop_clock_ms();
	if (until < 0)
		until = 0;
	if (max_wait >= 0 && until > max_wait)
		until = max_wait;
	return (int)until;
}

/* Run every timer that is due; timers added meanwhile wait a turn. */
static int run_timers(struct loop *loop)
{
	int64_t now = loop_clock_ms();
	int ran = 0;

	while (loop->timers && loop->timers->due <= now) {
		struct loop_timer *t = loop->timers;
		loop_timer_cb cb = t->cb;
		void *arg = t->arg;

		unlink_timer(loop, t);
		free(t);
		loop->now = loop_clock_ms();
		cb(arg);
		ran++;
	}
	return ran;
}

/* Dispatch one epoll event if its watcher is still the one it was for. */
static int dispatch(struct loop *loop, const struct epoll_event *ev)
{
	int fd = (int)(uint32_t)ev->data.u64;
	uint32_t gen = (uint32_t)(ev->data.u64 >> 32);
	unsigned events = 0;
	struct watcher *w;

	if (fd >= loop->nw)
		return 0;
	w = &loop->w[fd];
	if (!w->cb || w->gen != gen)
		return 0;
	if (ev->events & (EPOLLIN | EPOLLRDHUP))
		events |= LOOP_IN;
	if (ev->events & EPOLLOUT)
		events |= LOOP_OUT;
	if (ev->events & (EPOLLERR | EPOLLHUP))
		events |= LOOP_ERR | (w->events & (LOOP_IN | LOOP_OUT));
	w->cb(fd, events, w->arg);
	return 1;
}

int loop_run_once(struct loop *loop, int max_wait_ms)
{
	struct epoll_event evs[64];
	int n, i, ran = 0;

	n = epoll_wait(loop->epfd, evs, 64, wait_ms(loop, max_wait_ms));
	if (n < 0 && errno != EINTR)
		return -errno;
	loop->now = loop_clock_ms();
	for (i = 0; i < n; i++)
		ran += dispatch(loop, &evs[i]);
	return ran + run_timers(loop);
}

void loop_run(struct loop *loop)
{
	loop->stop = false;
	while (!loop->stop && loop_busy(loop))
		if (loop_run_once(loop, -1) < 0)
			break;
}

void loop_stop(struct loop *loop)
{
	loop->stop = true;
}

bool loop_busy(const struct loop *loop)
{
	return loop->nwatched > 0 || loop->timers != NULL;
}
