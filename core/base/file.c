#include "core/base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/alloc.h"

int file_read_fd(int fd, const char *name, struct strbuf *out, struct err *e)
{
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return error(e, E_IO, name, strerror(errno));
		}
		sb_add(out, buf, (size_t)n);
	}
	if (!out->buf)
		sb_adds(out, "");
	return 0;
}

int file_read(const char *path, struct strbuf *out, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error(e, E_IO, path, strerror(errno));
	int rc = file_read_fd(fd, path, out, e);
	close(fd);
	return rc;
}

int file_open_regular(const char *path, size_t max, struct err *e)
{
	/* O_NONBLOCK: opening a pipe with no writer does not wait */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return errno == ELOOP ? error(e, E_NOT_REGULAR, path) : error(e, E_IO, path, strerror(errno));
	struct stat sb;
	int rc = 0;
	if (fstat(fd, &sb))
		rc = error(e, E_IO, path, strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		rc = error(e, E_NOT_REGULAR, path);
	else if ((unsigned long long)sb.st_size > max)
		rc = error(e, E_FILE_TOO_LARGE, path, max);
	if (rc) {
		close(fd);
		return -1;
	}
	return fd;
}

int file_read_regular(const char *path, size_t max, struct strbuf *out, struct err *e)
{
	int fd = file_open_regular(path, max, e);
	if (fd < 0)
		return -1;
	char buf[65536];
	size_t got = 0;
	int rc = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = error(e, E_IO, path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > max) {
			rc = error(e, E_FILE_TOO_LARGE, path, max);
			break;
		}
		sb_add(out, buf, (size_t)n);
	}
	close(fd);
	if (!rc && !out->buf)
		sb_adds(out, "");
	return rc;
}

/* The directory part of path ("." when it has none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(slash - path), path);
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		      enum file_replace replace, struct err *e)
{
	struct stat sb;
	if (replace == FILE_KEEP && lstat(path, &sb) == 0)
		return error(e, E_EXISTS, path);
	const char *slash = strrchr(path, '/');
	char *dir = dir_of(path);
	char *tmp = slash ? xasprintf("%.*s/.%s.tmp", (int)(slash - path), path, slash + 1)
			  : xasprintf(".%s.tmp", path);
	int rc = -1;
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		error(e, E_IO, path, strerror(errno));
		goto out;
	}
	/* the mode asked for, whatever the umask took away */
	int err = fchmod(fd, mode) ? errno : 0;
	if (!err)
		err = write_all(fd, data, len);
	if (!err && fsync(fd))
		err = errno;
	if (close(fd) && !err)
		err = errno;
	if (!err && replace == FILE_KEEP) {
		/* link refuses to replace, so a file that came meanwhile stays;
		 * a file system without hard links (FAT on a USB stick, some
		 * network shares) gets the check and a rename instead */
		if (link(tmp, path) == 0)
			unlink(tmp);
		else if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOSYS &&
			 errno != EMLINK)
			err = errno;
		else if (lstat(path, &sb) == 0)
			err = EEXIST;
		else if (rename(tmp, path))
			err = errno;
	} else if (!err && rename(tmp, path)) {
		err = errno;
	}
	if (err) {
		unlink(tmp);
		if (err == EEXIST)
			error(e, E_EXISTS, path);
		else
			error(e, E_IO, path, strerror(err));
		goto out;
	}
	int dfd = open(dir, O_RDONLY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	free(dir);
	free(tmp);
	return rc;
}
