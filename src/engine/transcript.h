/* transcript.h — the protocol exchange of a run, line by line, with
 * secrets redacted and server text sanitized (--transcript, TUI). */
#ifndef SOCKDOC_TRANSCRIPT_H
#define SOCKDOC_TRANSCRIPT_H

#include <stddef.h>
#include <stdint.h>

/* Direction of a transcript line. */
enum ts_dir {
	TS_SENT = '>', /* we sent */
	TS_RECV = '<', /* the server sent */
	TS_INFO = '*'  /* what happened (connect, reset, TLS) */
};

struct transcript;

struct transcript *transcript_new(void);
void transcript_free(struct transcript *ts);
/* Add LEN bytes (may hold several lines) for PROBE at time MS.  Sent lines
 * that carry secrets (PASS, AUTH blobs) are redacted here. */
void transcript_add(struct transcript *ts, int64_t ms, const char *probe,
		    enum ts_dir dir, const char *data, size_t len);
/* printf-style info line. */
void transcript_info(struct transcript *ts, int64_t ms, const char *probe,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Number of lines, and line I as "[  12ms] reach * connected ...". */
size_t transcript_count(const struct transcript *ts);
const char *transcript_line(const struct transcript *ts, size_t i);
/* Write every line to PATH (created 0600).  Returns 0 or -errno. */
int transcript_write(const struct transcript *ts, const char *path);

#endif
