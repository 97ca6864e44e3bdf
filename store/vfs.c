#include "store/vfs.h"

#include <sqlite3.h>

#include "core/base/clock.h"

/* The Julian day of the Unix epoch in milliseconds, as SQLite counts time. */
#define UNIX_EPOCH_JD_MS 210866760000000LL
#define DAY_MS 86400000.0

static sqlite3_vfs *real;

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)v;
	return real->xOpen(real, name, f, flags, out);
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
	(void)v;
	return real->xDelete(real, name, sync_dir);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return real->xAccess(real, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return real->xFullPathname(real, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return real->xDlOpen(real, name);
}

static void v_dlerror(sqlite3_vfs *v, int n, char *msg)
{
	(void)v;
	real->xDlError(real, n, msg);
}

static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return real->xDlSym(real, h, sym);
}

static void v_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	real->xDlClose(real, h);
}

static int v_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real->xRandomness(real, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real->xSleep(real, us);
}

static int v_get_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real->xGetLastError ? real->xGetLastError(real, n, out) : 0;
}

/* the one change: now is gavel's clock */
static int v_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *t)
{
	(void)v;
	*t = clock_now_ms() + UNIX_EPOCH_JD_MS;
	return SQLITE_OK;
}

static int v_current_time(sqlite3_vfs *v, double *t)
{
	sqlite3_int64 ms;
	v_current_time_int64(v, &ms);
	*t = (double)ms / DAY_MS;
	return SQLITE_OK;
}

static sqlite3_vfs gavel_vfs = {
	.iVersion = 2,
	.zName = "gavel",
	.xOpen = v_open,
	.xDelete = v_delete,
	.xAccess = v_access,
	.xFullPathname = v_full_pathname,
	.xDlOpen = v_dlopen,
	.xDlError = v_dlerror,
	.xDlSym = v_dlsym,
	.xDlClose = v_dlclose,
	.xRandomness = v_randomness,
	.xSleep = v_sleep,
	.xCurrentTime = v_current_time,
	.xGetLastError = v_get_last_error,
	.xCurrentTimeInt64 = v_current_time_int64,
};

const char *store_vfs(void)
{
	if (real)
		return gavel_vfs.zName;
	sqlite3_vfs *sys = sqlite3_vfs_find(NULL);
	if (!sys)
		return NULL;
	gavel_vfs.szOsFile = sys->szOsFile;
	gavel_vfs.mxPathname = sys->mxPathname;
	real = sys;
	if (sqlite3_vfs_register(&gavel_vfs, 0) != SQLITE_OK) {
		real = NULL;
		return NULL;
	}
	return gavel_vfs.zName;
}
