/*
 * file: reading a whole file, and writing one so that nobody ever sees
 * half of it under its real name.
 */
#ifndef GAVEL_BASE_FILE_H
#define GAVEL_BASE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/base/error.h"
#include "core/base/strbuf.h"

/* Appends the whole file at path to out (NUL-terminated, may hold NULs:
 * out->len counts the bytes). E_IO naming the file when it cannot. */
int file_read(const char *path, struct strbuf *out, struct err *e);
/* The same from an open descriptor (standard input), read to its end;
 * `name` names it in the message. */
int file_read_fd(int fd, const char *name, struct strbuf *out, struct err *e);

/*
 * Opens path for reading only if it is a regular file of at most max
 * bytes: a symbolic link is not followed, and a pipe or device is not
 * waited on or read (E_NOT_REGULAR); a larger file is E_FILE_TOO_LARGE.
 * Returns the descriptor, or -1.
 */
int file_open_regular(const char *path, size_t max, struct err *e);
/* Appends such a file to out, reading no more than max bytes even if it
 * grows meanwhile. For files that someone else may have put there. */
int file_read_regular(const char *path, size_t max, struct strbuf *out, struct err *e);

/* How file_write_atomic treats a file already at path. */
enum file_replace { FILE_REPLACE, FILE_KEEP };

/*
 * Writes len bytes to path with the given mode: into a temporary file
 * beside it (".NAME.tmp"), flushed to the disk with fsync, renamed over
 * path, and the directory synced, so that a crash leaves either the old
 * file or the whole new one. With FILE_KEEP an existing path is refused
 * (E_EXISTS) and left as it is. On failure nothing is left behind and e
 * says which file and why.
 */
int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		      enum file_replace replace, struct err *e);

#endif
