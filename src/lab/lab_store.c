/* store.c — the FTP lab's in-memory directory: a bounded list of files
 * with a readme and a 1 MiB file to download, so that LIST, RETR, STOR,
 * SIZE and DELE have something real to act on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab_int.h"
#include "util.h"

#define BIG_SIZE (1024 * 1024)

static const char readme[] =
	"This is the sockdoc fault lab.\r\n"
	"Files here live in memory and vanish when the lab stops.\r\n";

/* Put the two initial files into ST. */
void lab_store_init(struct lab_store *st)
{
	char *r, *big;
	size_t i;

	memset(st, 0, sizeof(*st));
	r = strdup(readme);
	if (r && !lab_store_put(st, "readme.txt", r, strlen(r)))
		free(r);
	big = malloc(BIG_SIZE);
	if (!big)
		return;
	for (i = 0; i < BIG_SIZE; i++)
		big[i] = (char)('a' + i % 26);
	if (!lab_store_put(st, "big.bin", big, BIG_SIZE))
		free(big);
}

/* Free every file of ST. */
void lab_store_free(struct lab_store *st)
{
	int i;

	for (i = 0; i < st->nfiles; i++)
		free(st->files[i].data);
	st->nfiles = 0;
}

/* The file named NAME, NULL when absent. */
struct lab_file *lab_store_find(struct lab_store *st, const char *name)
{
	int i;

	for (i = 0; i < st->nfiles; i++)
		if (!strcmp(st->files[i].name, name))
			return &st->files[i];
	return NULL;
}

/* Store DATA under NAME, replacing an old file of that name. */
bool lab_store_put(struct lab_store *st, const char *name, char *data,
		   size_t size)
{
	struct lab_file *f = lab_store_find(st, name);

	if (!f) {
		if (st->nfiles >= LAB_MAX_FILES)
			return false;
		f = &st->files[st->nfiles++];
		str_copy(f->name, name, sizeof(f->name));
	} else {
		free(f->data);
	}
	f->data = data;
	f->size = size;
	return true;
}

/* Remove NAME; false when there is no such file. */
bool lab_store_delete(struct lab_store *st, const char *name)
{
	struct lab_file *f = lab_store_find(st, name);
	int i;

	if (!f)
		return false;
	free(f->data);
	i = (int)(f - st->files);
	memmove(f, f + 1, (size_t)(st->nfiles - i - 1) * sizeof(*f));
	st->nfiles--;
	return true;
}

/* Accept "name", "/name", "./name"; refuse directories and odd bytes. */
bool lab_store_name(const char *path, char *out, size_t size)
{
	const unsigned char *p;

	while (*path == '/')
		path++;
	if (!strncmp(path, "./", 2))
		path += 2;
	if (!*path || strlen(path) >= size || strlen(path) >= LAB_NAME_MAX ||
	    !strcmp(path, ".") || !strcmp(path, ".."))
		return false;
	for (p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/')
			return false;
	str_copy(out, path, size);
	return true;
}

/* The listing in "ls -l" style (what clients parse) or names only. */
char *lab_store_listing(struct lab_store *st, bool names_only, size_t *len)
{
	size_t cap = (size_t)st->nfiles * (LAB_NAME_MAX + 80) + 1, n = 0;
	char *buf = malloc(cap);
	int i;

	if (!buf)
		return NULL;
	buf[0] = '\0';
	for (i = 0; i < st->nfiles; i++) {
		if (names_only)
			n += str_printf(buf + n, cap - n, "%s\r\n",
					st->files[i].name);
		else
			n += str_printf(buf + n, cap - n,
					"-rw-r--r--    1 ftp      ftp      %10zu Jan 01 00:00 %s\r\n",
					st->files[i].size, st->files[i].name);
	}
	*len = n;
	return buf;
}
