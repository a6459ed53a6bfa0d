/* safefile.h — the one way sockdoc writes a file the user named (-o,
 * --transcript, the wizard's Save): never through a symbolic link, never
 * over a file that is not the user's own regular file, never losing the
 * old file on failure.
 *
 * How: the directory is opened once (openat(2) relative to that fd from
 * then on, so a swapped parent component cannot redirect the write); the
 * target is checked with fstatat(AT_SYMLINK_NOFOLLOW) without opening it
 * (so a FIFO never blocks); the data goes to a new temporary file
 * ".NAME.XXXXXX" (mode 0600, O_EXCL|O_NOFOLLOW) in the same directory,
 * which renameat(2) puts over the target only when every byte was
 * written, flushed and fsync'ed. */
#ifndef SOCKDOC_SAFEFILE_H
#define SOCKDOC_SAFEFILE_H

#include <stdbool.h>
#include <stdio.h>

/* A file being written. */
struct safe_file {
	FILE *f;         /* write the content here (the temporary file) */
	int dirfd;       /* the target's directory, -1 when closed */
	char name[256];  /* the target's last path component */
	char tmp[280];   /* the temporary file's name in dirfd */
};

/* Check that PATH may be written: its directory exists and the target is
 * absent, or the caller's own regular file (REPLACE) — not a symbolic
 * link, FIFO, device or directory, not another user's file.  Opens
 * nothing but the directory.  Returns 0 or -errno: -ELOOP (a symbolic
 * link), -EEXIST (exists and !REPLACE), -EPERM (another user's file),
 * -EINVAL (not a regular file), -EISDIR, or the errno of open/stat. */
int safe_file_check(const char *path, bool replace);

/* Check PATH as above and open the temporary file beside it.
 * Returns 0 or -errno (as safe_file_check, or from openat). */
int safe_file_open(struct safe_file *sf, const char *path, bool replace);

/* Flush, fsync and close the temporary file and rename it over the
 * target.  On any error the temporary file is removed and the target is
 * left as it was.  Returns 0 or -errno (-EIO when a write failed). */
int safe_file_commit(struct safe_file *sf);

/* Give up: close and remove the temporary file; the target is untouched. */
void safe_file_abort(struct safe_file *sf);

/* A translated sentence for a safe_file_* error ERR (negative errno):
 * "is a symbolic link (not followed)", "is not a regular file", ... */
const char *safe_file_strerror(int err);

#endif
