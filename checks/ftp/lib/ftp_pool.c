/* ftp_pool.c — the run's FTP sessions, at most FTP_POOL_SLOTS at once
 * (see the header): two serial slots with a kept connection each, and the
 * queues of the probes' jobs. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "curlglue.h"
#include "loop.h"
#include "ftp_pool.h"
#include "ownload.h"
#include "probe.h"
#include "run.h"

/* A slot: one session open to the server at most, one transfer at a
 * time on it. */
struct ftp_slot {
	struct ftp_pool *pool;     /* the pool it belongs to */
	struct curlglue *glue;     /* its multi handle (keeps one connection) */
	CURLSH *share;             /* the TLS session cache of the transfers
				    * on it: a protected data connection
				    * resumes the control connection's
				    * session, as on a connection of its own
				    * (vsftpd require_ssl_reuse) */
	bool fresh;                /* the kept connection is not trusted */
	int ctrl_fd;               /* the kept control socket, -1 unknown */
	bool ctrl_given;           /* the running session was told it */
	struct ftp_session *busy;  /* session on its connection now, NULL */
	struct ftp_job *job;       /* the job running, NULL: free */
	struct loop_timer *defer;  /* a job that closes the kept connection
				    * first starts on the next loop turn */
	struct ftp_job *head;      /* jobs waiting for this slot */
};

/* The pool of one run (run->shared). */
struct ftp_pool {
	struct run *run;                      /* the run */
	struct ftp_slot slots[FTP_POOL_SLOTS];/* see FTP_SLOT_* */
	struct ftp_job *any;                  /* FTP_SLOT_ANY jobs waiting */
	bool warmed;                          /* ftp_pool_warm ran */
	/* The warm-up's second session was refused as one too many
	 * (ownload.h): the server takes one session from us at a time, so
	 * the slots take turns, each closing the other's kept connection */
	bool single;
	struct ftp_job warm_job;              /* its job */
	struct ftp_session warm;              /* its session */
};

/* Close the slot's kept connection (a QUIT to the server).  Never from
 * inside a callback of the slot's multi handle: it is freed here. */
static void slot_close(struct ftp_slot *sl)
{
	sl->busy = NULL;
	curlglue_free(sl->glue);
	sl->glue = NULL;
	sl->ctrl_fd = -1;
	sl->fresh = true;
}

/* run->shared_free: every kept connection closed, the pool freed. */
static void pool_free(void *arg)
{
	struct ftp_pool *pool = arg;
	int i;

	if (pool->warmed)
		ftp_session_free(&pool->warm);
	for (i = 0; i < FTP_POOL_SLOTS; i++) {
		loop_timer_cancel(pool->run->loop, pool->slots[i].defer);
		slot_close(&pool->slots[i]);
		if (pool->slots[i].share)
			curl_share_cleanup(pool->slots[i].share);
	}
	free(pool);
}

/* P's run's pool, made on first use; NULL when out of memory. */
static struct ftp_pool *pool_of(struct run *run)
{
	struct ftp_pool *pool = run->shared;
	int i;

	if (pool)
		return run->shared_free == pool_free ? pool : NULL;
	pool = calloc(1, sizeof(*pool));
	if (!pool)
		return NULL;
	pool->run = run;
	for (i = 0; i < FTP_POOL_SLOTS; i++) {
		pool->slots[i].pool = pool;
		pool->slots[i].fresh = true;
		pool->slots[i].ctrl_fd = -1;
	}
	run->shared = pool;
	run->shared_free = pool_free;
	return pool;
}

static void pool_kick(struct ftp_pool *pool);

/* Take the first job of queue *Q whose owner still runs; NULL none. */
static struct ftp_job *pop_job(struct ftp_job **q)
{
	struct ftp_job *j;

	while ((j = *q)) {
		*q = j->next;
		j->next = NULL;
		j->queued = false;
		if (j->p && j->p->status == PROBE_RUNNING)
			return j;
	}
	return NULL;
}

/* Start job J, which holds the slot SL already. */
static void slot_start(struct ftp_slot *sl, struct ftp_job *j)
{
	if (j->run(j, sl))
		return;
	sl->job = NULL;
	sl->busy = NULL;
	j->on = NULL;
	if (j->failed)
		j->failed(j);
	pool_kick(sl->pool);
}

/* The deferred start: close the kept connection, then the job. */
static void on_defer(void *arg)
{
	struct ftp_slot *sl = arg;
	struct ftp_pool *pool = sl->pool;
	int i;

	sl->defer = NULL;
	slot_close(sl);
	for (i = 0; pool->single && i < FTP_POOL_SLOTS; i++)
		if (&pool->slots[i] != sl && !pool->slots[i].job &&
		    pool->slots[i].glue)
			slot_close(&pool->slots[i]);
	if (sl->job)
		slot_start(sl, sl->job);
	else
		pool_kick(sl->pool);
}

/* In a single-session pool: whether another slot keeps a connection
 * (closed by on_defer before SL's job starts). */
static bool other_kept(const struct ftp_slot *sl)
{
	const struct ftp_pool *pool = sl->pool;
	int i;

	for (i = 0; pool->single && i < FTP_POOL_SLOTS; i++)
		if (&pool->slots[i] != sl && pool->slots[i].glue)
			return true;
	return false;
}

/* In a single-session pool: whether another slot runs a job. */
static bool other_busy(const struct ftp_pool *pool, int self)
{
	int i;

	for (i = 0; pool->single && i < FTP_POOL_SLOTS; i++)
		if (i != self && pool->slots[i].job)
			return true;
	return false;
}

/* Give job J the free slot SL.  One session per slot: a job that needs a
 * new connection starts once the kept one is closed, on the next loop
 * turn (this may run inside a callback of the slot's multi handle). */
static void slot_run(struct ftp_slot *sl, struct ftp_job *j)
{
	sl->job = j;
	j->on = sl;
	if (sl->defer)
		return;	/* a close is on its way: on_defer starts J */
	if (((j->new_conn || sl->fresh) && sl->glue) || other_kept(sl)) {
		sl->defer = loop_timer_add(sl->pool->run->loop, 0, on_defer,
					   sl);
		if (sl->defer)
			return;
		sl->job = NULL;
		j->on = NULL;
		if (j->failed)
			j->failed(j);
		return;
	}
	slot_start(sl, j);
}

/* Give every free slot its next job: its own queue first, then the
 * jobs that take any slot. */
static void pool_kick(struct ftp_pool *pool)
{
	int i;

	for (i = 0; i < FTP_POOL_SLOTS; i++) {
		struct ftp_slot *sl = &pool->slots[i];
		struct ftp_job *j;

		while (!sl->job && !other_busy(pool, i) &&
		       ((j = pop_job(&sl->head)) ||
				    (j = pop_job(&pool->any))))
			slot_run(sl, j);
	}
}

void ftp_pool_submit(struct probe *p, struct ftp_job *job)
{
	struct ftp_pool *pool = pool_of(p->run);
	struct ftp_job **q;

	job->p = p;
	job->on = NULL;
	job->next = NULL;
	if (!pool) {
		if (job->failed)
			job->failed(job);
		return;
	}
	q = job->slot >= 0 && job->slot < FTP_POOL_SLOTS ?
	    &pool->slots[job->slot].head : &pool->any;
	while (*q)
		q = &(*q)->next;
	*q = job;
	job->queued = true;
	pool_kick(pool);
}

/* CURLOPT_CLOSESOCKETFUNCTION of a slot's connections: libcurl keeps
 * the callback of the transfer that opened one; the slot hands the
 * socket to the session on it now. */
static int slot_closesocket(void *arg, curl_socket_t fd)
{
	struct ftp_slot *sl = arg;

	if (fd == sl->ctrl_fd)
		sl->ctrl_fd = -1;
	if (sl->busy)
		return ftp_session_close_socket(sl->busy, fd);
	return close(fd);
}

bool ftp_slot_attach(struct ftp_slot *sl, struct ftp_session *s,
		     const struct ftp_job *job)
{
	bool reuse = !sl->fresh && !job->new_conn;

	if (!sl->glue) {
		sl->glue = curlglue_new(sl->pool->run->loop);
		if (!sl->glue)
			return false;
		curlglue_keep_connections(sl->glue, 1);
	}
	if (!sl->share && (sl->share = curl_share_init()))
		curl_share_setopt(sl->share, CURLSHOPT_SHARE,
				  CURL_LOCK_DATA_SSL_SESSION);
	if (sl->share)
		curl_easy_setopt(s->easy, CURLOPT_SHARE, sl->share);
	ftp_session_keep_alive(s, sl->glue, !reuse);
	curl_easy_setopt(s->easy, CURLOPT_CLOSESOCKETFUNCTION,
			 slot_closesocket);
	curl_easy_setopt(s->easy, CURLOPT_CLOSESOCKETDATA, sl);
	/* On the kept connection the session owns its control socket as if
	 * it had opened it: its close is judged. */
	sl->ctrl_given = reuse && sl->ctrl_fd >= 0;
	if (sl->ctrl_given)
		s->ctrl_fd = sl->ctrl_fd;
	sl->busy = s;
	return true;
}

void ftp_pool_done(struct ftp_job *job, const struct ftp_session *s,
		   bool trust)
{
	struct ftp_slot *sl = job->on;

	if (!sl)
		return;
	job->on = NULL;
	sl->job = NULL;
	if (s && sl->busy == s) {
		/* A new connection: its first socket (unknown when libcurl
		 * replaced a kept one the session was told about). */
		if (!s->reused)
			sl->ctrl_fd = sl->ctrl_given ? -1 : s->ctrl_fd;
		sl->fresh = !trust;
	}
	sl->busy = NULL;
	pool_kick(sl->pool);
}

void ftp_pool_cancel(struct ftp_job *job)
{
	struct ftp_pool *pool = job->p ? job->p->run->shared : NULL;
	struct ftp_job **q;
	int i;

	if (!pool || job->p->run->shared_free != pool_free)
		return;
	if (job->on) {
		/* Its transfer is aborted (or never started: the deferred
		 * start finds no job): that connection is not trusted; the
		 * slot goes to the next job (of a probe still running). */
		job->on->job = NULL;
		job->on->busy = NULL;
		job->on->fresh = true;
		job->on = NULL;
		pool_kick(pool);
	}
	if (!job->queued)
		return;
	for (i = -1; i < FTP_POOL_SLOTS; i++) {
		for (q = i < 0 ? &pool->any : &pool->slots[i].head; *q;
		     q = &(*q)->next)
			if (*q == job) {
				*q = job->next;
				job->queued = false;
				return;
			}
	}
}

/* The warm-up session ended: the slot keeps its connection when it
 * logged in. */
static void on_warm_done(struct ftp_session *s, void *arg)
{
	struct ftp_pool *pool = arg;
	const struct ftp_step *err = ftp_session_first_error(s);

	if (s->result != CURLE_OK && err &&
	    ownload_says_too_many(err->code, err->text)) {
		pool->single = true;
		probe_info(pool->warm_job.p, "the second session was refused "
			   "(%d %s): the data probes take turns on one",
			   err->code, err->text);
	}
	ftp_pool_done(&pool->warm_job, s, s->result == CURLE_OK);
	ftp_session_free(s);
}

/* ftp_job.run: the warm-up on the second slot, on a new connection. */
static bool warm_run(struct ftp_job *job, struct ftp_slot *slot)
{
	struct ftp_pool *pool = job->arg;

	if (!ftp_slot_attach(slot, &pool->warm, job))
		return false;
	return ftp_session_start(&pool->warm, on_warm_done, pool) == 0;
}

/* ftp_job.failed: no warm-up; the first transfer opens its own. */
static void warm_failed(struct ftp_job *job)
{
	struct ftp_pool *pool = job->arg;

	ftp_session_free(&pool->warm);
}

void ftp_pool_warm(struct probe *p, enum ftp_sec sec)
{
	struct ftp_pool *pool = pool_of(p->run);
	struct ftp_session *s;

	if (!pool || pool->warmed)
		return;
	pool->warmed = true;
	s = &pool->warm;
	if (ftp_session_init(s, p, sec, p->run->target.port, "/") < 0) {
		ftp_session_free(s);
		return;
	}
	s->no_close_wait = true;
	/* Login only; a connection for PASV and PORT (libcurl keeps EPSV and
	 * EPRT use per connection, from the transfer that opens it). */
	curl_easy_setopt(s->easy, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(s->easy, CURLOPT_FTP_USE_EPSV, 0L);
	curl_easy_setopt(s->easy, CURLOPT_FTP_USE_EPRT, 0L);
	/* A slow greeting or login is waited for as ftp.login does. */
	curl_easy_setopt(s->easy, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)(2 * ftp_step_ms(p)));
	probe_info(p, "a second session for the data probes' PASV and PORT");
	pool->warm_job.run = warm_run;
	pool->warm_job.failed = warm_failed;
	pool->warm_job.arg = pool;
	pool->warm_job.slot = FTP_SLOT_CLASSIC;
	pool->warm_job.new_conn = true;
	ftp_pool_submit(p, &pool->warm_job);
}

void ftp_pool_leave(struct probe *p)
{
	static const char *const ids[] = { "ftp.login", "ftp.passive",
					   "ftp.active", "ftp.tls", NULL };
	struct ftp_pool *pool = p ? p->run->shared : NULL;
	int i;

	if (!pool || p->run->shared_free != pool_free)
		return;
	for (i = 0; ids[i]; i++) {
		struct probe *q = run_probe(p->run, ids[i]);

		if (q && q != p && !probe_done(q))
			return;
	}
	for (i = 0; i < FTP_POOL_SLOTS; i++)
		if (!pool->slots[i].job && !pool->slots[i].defer)
			slot_close(&pool->slots[i]);
}
