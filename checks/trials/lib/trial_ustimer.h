/* trial_ustimer.h — a one-shot timer with microsecond steps on the loop:
 * a timerfd (timerfd_create(2), CLOCK_MONOTONIC) watched like any other
 * descriptor.  The loop's own timers have millisecond steps, too coarse
 * for waits of a fraction of a millisecond, such as an upload's last byte
 * waiting for the others to be acknowledged (trial_upload_xfer.c). */
#ifndef SOCKDOC_TRIAL_USTIMER_H
#define SOCKDOC_TRIAL_USTIMER_H

#include <stdbool.h>
#include <stdint.h>

struct loop;

/* One timer; all zero is "never armed" (it lives in memset structs). */
struct ustimer {
	struct loop *loop;     /* the loop its descriptor is watched on */
	bool open;             /* fd below is a timerfd of ours */
	int fd;                /* the timerfd */
	void (*cb)(void *arg); /* called once per expiry, from the loop */
	void *arg;             /* its argument */
};

/* Call CB(ARG) once, US microseconds from now (at least 1); arming again
 * replaces the earlier expiry.  The timerfd is made on first use.
 * Returns 0, or -errno when the kernel gives no timerfd (the caller then
 * falls back to a loop timer). */
int ustimer_arm(struct ustimer *t, struct loop *loop, int64_t us,
		void (*cb)(void *arg), void *arg);
/* Disarm and close the timerfd; safe on a timer never armed. */
void ustimer_stop(struct ustimer *t);

#endif
