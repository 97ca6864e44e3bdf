/* layout: where the files lie in the shared folder (see layout.h). */
#include "sync/layout.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sync/bundle.h"

/* A bucket's name: its number in this many digits. */
#define BUCKET_DIGITS 5
/* The mode of a directory made in the folder. */
#define DIR_MODE 0755

void layout_path(const char *writer, uint64_t seq, char out[LAYOUT_PATH_MAX])
{
	char name[BUNDLE_NAME_SIZE];
	bundle_name(writer, seq, name);
	snprintf(out, LAYOUT_PATH_MAX, "%s/%0*llu/%s", writer, BUCKET_DIGITS, (unsigned long long)(seq / LAYOUT_BUCKET),
		 name);
}

static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int layout_mkdirs(const char *dir, const char *rel)
{
	struct strbuf sb = { 0 };
	sb_adds(&sb, dir);
	for (const char *p = rel, *slash; (slash = strchr(p, '/')); p = slash + 1) {
		size_t parent = sb.len;
		sb_addf(&sb, "/%.*s", (int)(slash - p), p);
		struct stat st;
		if (mkdir(sb.buf, DIR_MODE) == 0) {
			sb.buf[parent] = '\0';
			sync_dir(sb.buf);
			sb.buf[parent] = '/';
		} else if (errno != EEXIST || lstat(sb.buf, &st) || !S_ISDIR(st.st_mode)) {
			/* a link in its place would send the file outside the folder */
			int err = errno == EEXIST ? (S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR) : errno;
			sb_release(&sb);
			errno = err;
			return -1;
		}
	}
	sb_release(&sb);
	return 0;
}

static bool is_subdir(const char *name, int depth)
{
	size_t n = strlen(name);
	if (depth == LAYOUT_TOP)
		return n == ID_LEN && strspn(name, "0123456789abcdef") == n;
	if (depth == LAYOUT_WRITER)
		return n == BUCKET_DIGITS && strspn(name, "0123456789") == n;
	return false;
}

int layout_list(const char *path, int depth, struct strvec *files, struct strvec *dirs)
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue; /* ours or a sync tool's temporary file, or its own folder */
		unsigned char type = de->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			type = fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ? DT_UNKNOWN
			       : S_ISDIR(st.st_mode)					 ? DT_DIR
											 : DT_REG;
		}
		/* a link is never followed: as a file, reading it refuses it */
		bool dir = is_subdir(de->d_name, depth) && type == DT_DIR;
		strvec_push(dir ? dirs : files, de->d_name);
	}
	closedir(d);
	return 0;
}

/* Pushes the files of path (at depth, named rel below the folder) and of
 * its subdirectories. */
static int walk(const char *path, const char *rel, int depth, struct strvec *out)
{
	struct strvec files = { 0 }, dirs = { 0 };
	if (layout_list(path, depth, &files, &dirs))
		return -1;
	for (size_t i = 0; i < files.n; i++) {
		char *r = *rel ? xasprintf("%s/%s", rel, files.v[i]) : xstrdup(files.v[i]);
		strvec_push(out, r);
		free(r);
	}
	for (size_t i = 0; i < dirs.n; i++) {
		char *p = xasprintf("%s/%s", path, dirs.v[i]);
		char *r = *rel ? xasprintf("%s/%s", rel, dirs.v[i]) : xstrdup(dirs.v[i]);
		walk(p, r, depth + 1, out); /* one that cannot be listed is passed over */
		free(p);
		free(r);
	}
	strvec_release(&files);
	strvec_release(&dirs);
	return 0;
}

int layout_walk(const char *dir, struct strvec *paths)
{
	return walk(dir, "", LAYOUT_TOP, paths);
}

const char *layout_base(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? slash + 1 : rel;
}
