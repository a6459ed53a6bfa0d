/* safefile.c — write a user-named file without following links, without
 * clobbering what is not ours, and atomically (see safefile.h). */
#include "config.h"

#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

/* Split PATH into its directory (opened, O_DIRECTORY) and last component
 * NAME.  Returns the directory fd or -errno. */
static int open_parent(const char *path, char *name, size_t size)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd;

	if (!*path || (slash && !slash[1]))
		return -EISDIR; /* "" or "dir/": no file name */
	if (str_copy(name, slash ? slash + 1 : path, size) >= size)
		return -ENAMETOOLONG;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EISDIR;
	if (!slash)
		str_copy(dir, ".", sizeof(dir));
	else if (slash == path)
		str_copy(dir, "/", sizeof(dir));
	else if ((size_t)(slash - path) >= sizeof(dir))
		return -ENAMETOOLONG;
	else
		memcpy(dir, path, (size_t)(slash - path)), dir[slash - path] = 0;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* Whether NAME in DIRFD may be replaced (or created).  0 or -errno. */
static int check_target(int dirfd, const char *name, bool replace)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (S_ISLNK(st.st_mode))
		return -ELOOP;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if (st.st_uid != geteuid())
		return -EPERM;
	return replace ? 0 : -EEXIST;
}

int safe_file_check(const char *path, bool replace)
{
	char name[256];
	int dirfd = open_parent(path, name, sizeof(name)), rc;

	if (dirfd < 0)
		return dirfd;
	rc = check_target(dirfd, name, replace);
	close(dirfd);
	return rc;
}

/* Create a fresh ".NAME.XXXXXX" in SF->dirfd, mode 0600.  fd or -errno. */
static int make_temp(struct safe_file *sf)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[6];
	int tries, fd = -EEXIST;
	size_t i;

	for (tries = 0; tries < 16 && fd == -EEXIST; tries++) {
		char sfx[7], base[201];

		if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
			return -EIO;
		for (i = 0; i < sizeof(rnd); i++)
			sfx[i] = digits[rnd[i] % (sizeof(digits) - 1)];
		sfx[6] = '\0';
		str_copy(base, sf->name, sizeof(base)); /* on a character */
		str_printf(sf->tmp, sizeof(sf->tmp), ".%s.%s", base, sfx);
		fd = openat(sf->dirfd, sf->tmp, O_WRONLY | O_CREAT | O_EXCL |
			    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0)
			fd = -errno;
	}
	return fd;
}

int safe_file_open(struct safe_file *sf, const char *path, bool replace)
{
	int fd, rc;

	memset(sf, 0, sizeof(*sf));
	sf->dirfd = open_parent(path, sf->name, sizeof(sf->name));
	if (sf->dirfd < 0)
		return sf->dirfd;
	rc = check_target(sf->dirfd, sf->name, replace);
	fd = rc < 0 ? rc : make_temp(sf);
	if (fd >= 0 && !(sf->f = fdopen(fd, "w"))) {
		rc = -errno;
		close(fd);
		unlinkat(sf->dirfd, sf->tmp, 0);
		fd = rc;
	}
	if (fd < 0) {
		close(sf->dirfd);
		sf->dirfd = -1;
		return fd;
	}
	return 0;
}

void safe_file_abort(struct safe_file *sf)
{
	if (sf->f)
		fclose(sf->f);
	sf->f = NULL;
	if (sf->dirfd >= 0) {
		unlinkat(sf->dirfd, sf->tmp, 0);
		close(sf->dirfd);
	}
	sf->dirfd = -1;
}

int safe_file_commit(struct safe_file *sf)
{
	int rc = 0;

	if (!sf->f || sf->dirfd < 0)
		return -EBADF;
	if (fflush(sf->f) != 0 || ferror(sf->f))
		rc = errno ? -errno : -EIO;
	else if (fsync(fileno(sf->f)) < 0 && errno != EINVAL)
		rc = -errno;
	if (fclose(sf->f) != 0 && !rc)
		rc = -errno;
	sf->f = NULL;
	/* Checked again: renameat replaces a link, not what it points to,
	 * but a link or FIFO planted meanwhile is still not the user's. */
	if (!rc)
		rc = check_target(sf->dirfd, sf->name, true);
	if (!rc && renameat(sf->dirfd, sf->tmp, sf->dirfd, sf->name) < 0)
		rc = -errno;
	if (rc)
		unlinkat(sf->dirfd, sf->tmp, 0);
	close(sf->dirfd);
	sf->dirfd = -1;
	return rc;
}

const char *safe_file_strerror(int err)
{
	switch (-err) {
	case ELOOP:
		return _("is a symbolic link (not followed)");
	case EINVAL:
		return _("is not a regular file (a FIFO, device or socket)");
	case EPERM:
		return _("belongs to another user (not replaced)");
	case EISDIR:
		return _("is a directory");
	default:
		return strerror(-err);
	}
}
