/* loop.h — the one event loop: epoll for descriptors, a timer list for
 * deadlines.  Every probe, the lab, libcurl, c-ares and the TUI keyboard
 * are driven from here; nothing else may block. */
#ifndef SOCKDOC_LOOP_H
#define SOCKDOC_LOOP_H

#include <stdbool.h>
#include <stdint.h>

/* Interest / readiness bits for loop_watch and io callbacks. */
enum {
	LOOP_IN = 1,  /* readable (or accept/connect-ready for listeners) */
	LOOP_OUT = 2, /* writable (connect completion) */
	LOOP_ERR = 4  /* error or hang-up reported by the kernel */
};

struct loop;
struct loop_timer;

/* Called when FD is ready; EVENTS is a mask of LOOP_* bits. */
typedef void (*loop_io_cb)(int fd, unsigned events, void *arg);
/* Called once when a timer expires; the timer is already freed. */
typedef void (*loop_timer_cb)(void *arg);

/* Create an empty loop; NULL when the kernel refuses an epoll fd. */
struct loop *loop_new(void);
/* Free the loop; descriptors stay open (their owners close them). */
void loop_free(struct loop *loop);

/* Watch FD for EVENTS (replaces an earlier watch of the same fd).
 * EVENTS == 0 keeps the registration but mutes it.  Returns 0 or -errno. */
int loop_watch(struct loop *loop, int fd, unsigned events, loop_io_cb cb,
	       void *arg);
/* Stop watching FD; safe to call for an fd that is not watched. */
void loop_unwatch(struct loop *loop, int fd);

/* Run CB after MS milliseconds; returns a handle for loop_timer_cancel. */
struct loop_timer *loop_timer_add(struct loop *loop, int64_t ms,
				  loop_timer_cb cb, void *arg);
/* Cancel a pending timer; NULL is allowed.  Never call it on a timer
 * that already fired. */
void loop_timer_cancel(struct loop *loop, struct loop_timer *t);

/* Milliseconds on the monotonic clock (cached per loop iteration). */
int64_t loop_now(struct loop *loop);
/* Monotonic milliseconds read fresh from the kernel. */
int64_t loop_clock_ms(void);
/* Monotonic microseconds read fresh from the kernel (CLOCK_MONOTONIC):
 * for step times finer than the loop's milliseconds. */
int64_t loop_clock_us(void);

/* One iteration: wait at most MAX_WAIT_MS (-1 = until an event or the next
 * timer), dispatch I/O, then expired timers.  Returns the number of
 * callbacks run, or -errno. */
int loop_run_once(struct loop *loop, int max_wait_ms);
/* Iterate until loop_stop() is called or nothing is watched or pending. */
void loop_run(struct loop *loop);
/* Ask loop_run to return after the current iteration. */
void loop_stop(struct loop *loop);
/* True while descriptors or timers are registered. */
bool loop_busy(const struct loop *loop);

#endif
