/* transcript.c — bounded list of exchange lines.  Secrets are cut here,
 * once, so no writer can leak them. */
#include "config.h"

#include "transcript.h"
#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define TS_MAX_LINES 20000 /* a drip or garbage server cannot eat memory */
#define TS_LINE_MAX 600

struct transcript {
	char **lines;   /* formatted, sanitized lines */
	size_t n;       /* used */
	size_t cap;     /* allocated */
	bool full;      /* TS_MAX_LINES reached, a marker line was added */
};

struct transcript *transcript_new(void)
{
	return calloc(1, sizeof(struct transcript));
}

void transcript_free(struct transcript *ts)
{
	size_t i;

	if (!ts)
		return;
	for (i = 0; i < ts->n; i++)
		free(ts->lines[i]);
	free(ts->lines);
	free(ts);
}

/* Commands whose argument is a secret: keep the verb, hide the rest. */
static bool redact(const char *line, size_t len, char *out, size_t size)
{
	static const char *const verbs[] = { "PASS ", "AUTH ", "ACCT " };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(verbs); i++) {
		size_t v = strlen(verbs[i]);

		if (len >= v && !strncasecmp(line, verbs[i], v)) {
			/* AUTH keeps the mechanism name, never the blob. */
			size_t keep = v;

			if (i == 1)
				while (keep < len && line[keep] != ' ' &&
				       line[keep] != '\r' && keep < 40)
					keep++;
			keep = utf8_cut(line, keep);
			str_printf(out, size, "%.*s [redacted]", (int)keep,
				   line);
			return true;
		}
	}
	return false;
}

/* Append one finished line. */
static void push(struct transcript *ts, char *line)
{
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 64;
		char **l = realloc(ts->lines, cap * sizeof(*l));

		if (!l) {
			free(line);
			return;
		}
		ts->lines = l;
		ts->cap = cap;
	}
	ts->lines[ts->n++] = line;
}

/* Add one line of DATA (no newline inside). */
static void add_line(struct transcript *ts, int64_t ms, const char *probe,
		     enum ts_dir dir, const char *data, size_t len,
		     bool after_auth)
{
	char body[TS_LINE_MAX], line[TS_LINE_MAX + 64];

	if (ts->n >= TS_MAX_LINES) {
		if (!ts->full) {
			ts->full = true;
			push(ts, strdup("[transcript truncated]"));
		}
		return;
	}
	if (dir == TS_SENT && after_auth)
		str_copy(body, "[redacted]", sizeof(body));
	else if (dir != TS_SENT || !redact(data, len, body, sizeof(body)))
		sanitize(data, len, body, sizeof(body), false);
	str_printf(line, sizeof(line), "[%6lldms] %-12s %c %s", (long long)ms,
		   probe, (char)dir, body);
	push(ts, strdup(line));
}

void transcript_add(struct transcript *ts, int64_t ms, const char *probe,
		    enum ts_dir dir, const char *data, size_t len)
{
	size_t start = 0, i;
	bool auth = false;

	if (!ts)
		return;
	for (i = 0; i <= len; i++) {
		if (i < len && data[i] != '\n')
			continue;
		if (i > start || i < len) {
			size_t end = i;

			if (end > start && data[end - 1] == '\r')
				end--;
			/* Lines after "AUTH" in the same send are SASL blobs. */
			add_line(ts, ms, probe, dir, data + start, end - start,
				 auth);
			if (dir == TS_SENT && end - start >= 5 &&
			    !strncasecmp(data + start, "AUTH ", 5))
				auth = true;
		}
		start = i + 1;
	}
}

void transcript_info(struct transcript *ts, int64_t ms, const char *probe,
		     const char *fmt, ...)
{
	char buf[TS_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	str_vprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	transcript_add(ts, ms, probe, TS_INFO, buf, strlen(buf));
}

size_t transcript_count(const struct transcript *ts)
{
	return ts ? ts->n : 0;
}

const char *transcript_line(const struct transcript *ts, size_t i)
{
	return ts && i < ts->n ? ts->lines[i] : "";
}

int transcript_write(const struct transcript *ts, const char *path)
{
	struct safe_file sf;
	size_t i;
	int rc = safe_file_open(&sf, path, true);

	if (rc < 0)
		return rc;
	for (i = 0; i < transcript_count(ts); i++)
		fprintf(sf.f, "%s\n", ts->lines[i]);
	return safe_file_commit(&sf);
}
