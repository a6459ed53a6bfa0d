/* ftp_pool.h — the FTP sessions a run opens to the server after the
 * banner: at most FTP_POOL_SLOTS at once, each slot running one transfer
 * at a time and keeping its logged-in control connection for the next.
 * ftp.login opens the first slot's connection; the data probes go on with
 * it (EPSV, EPRT: libcurl keeps EPSV/EPRT use per connection) and with
 * the second slot's (PASV, PORT); ftp.tls, whose attempts need new
 * connections of their own (AUTH TLS before the login), takes a slot once
 * the others leave one free.  So a server that limits sessions per
 * address sees no more than two at once from these probes, as before the
 * sessions were shared (issue 11), and a healthy run logs in twice, not
 * six times.  The pool lives until the run ends (run->shared). */
#ifndef SOCKDOC_FTP_POOL_H
#define SOCKDOC_FTP_POOL_H

#include <stdbool.h>

#include "ftp_session.h"

struct probe;
struct run;
struct ftp_slot;

#define FTP_POOL_SLOTS 2     /* sessions open to the server at once */
#define FTP_SLOT_EXTENDED 0  /* the login's connection, then EPSV/EPRT */
#define FTP_SLOT_CLASSIC 1   /* PASV/PORT */
#define FTP_SLOT_ANY (-1)    /* whichever is free once no other job waits */

/* One piece of work for a slot, embedded in its owner's state. */
struct ftp_job {
	/* Start the transfer on SLOT (free now: ftp_slot_attach for a
	 * transfer on the slot's connection); false when it cannot start. */
	bool (*run)(struct ftp_job *job, struct ftp_slot *slot);
	/* run() returned false: the owner gives up (probe_finish). */
	void (*failed)(struct ftp_job *job);
	struct probe *p;          /* the owner; its job is dropped unless it
				   * is still running when the slot frees */
	void *arg;                /* the owner's */
	int slot;                 /* FTP_SLOT_*: the slot it waits for */
	bool new_conn;            /* it opens a new connection: the slot's
				   * kept one is closed first */
	bool queued;              /* waiting in the pool */
	struct ftp_slot *on;      /* the slot it runs on, NULL */
	struct ftp_job *next;     /* next in its queue */
};

/* Queue JOB in P's run (created on first use); it runs when its slot is
 * free, in the order asked (FTP_SLOT_ANY after the others). */
void ftp_pool_submit(struct probe *p, struct ftp_job *job);
/* A transfer of S on SLOT's own multi handle: on the kept connection,
 * or a new one after a failure or for a job with new_conn; the slot
 * hands the closes of its connection to S (ftp_session_close_socket). */
bool ftp_slot_attach(struct ftp_slot *slot, struct ftp_session *s,
		     const struct ftp_job *job);
/* The transfer of JOB ended (S: its session, NULL for one not on the
 * slot's connection): TRUST false when its connection is not to be used
 * again.  The slot is free, the next job starts. */
void ftp_pool_done(struct ftp_job *job, const struct ftp_session *s,
		   bool trust);
/* Open the second slot's connection ahead, once a run: a session of
 * P's (its transcript) with security SEC that logs in and stays, for the
 * PASV/PORT transfers of the data probes, so they need not wait for a
 * connect and login of their own after ftp.login.  Its result is nobody's
 * finding: when it fails (a 421 for a session too many, a refused login)
 * the slot is left untrusted and the first transfer opens its own, as
 * without it. */
void ftp_pool_warm(struct probe *p, enum ftp_sec sec);
/* P, an FTP probe, is done and leaves (its state destructor): once all
 * of them are done, the idle kept connections are closed (QUIT), so the
 * trials that follow see none of ours (trial.concurrency counts them). */
void ftp_pool_leave(struct probe *p);
/* The owner of JOB leaves (state destructor): out of its queue, or off
 * the slot it runs on, which goes to the next job; call after freeing
 * the job's session (ftp_session_free takes it off the multi handle). */
void ftp_pool_cancel(struct ftp_job *job);

#endif
