/*
 * faults.c - I/O failure injection for the tests, in builds made with
 * PX_FAULTS (SANITIZE=1): a SQLite VFS in front of the system's that
 * counts the writes, syncs and locks of every file SQLite opens and
 * fails one of them, as a failing disk or a full one would.
 *
 *   PX_FAIL_IO=N       the Nth write, sync or lock fails with an I/O error
 *                      (SQLITE_IOERR_WRITE, _FSYNC, _LOCK, _SHMLOCK)
 *   PX_FAIL_IO_FULL=N  the Nth write and every one after it fail with
 *                      SQLITE_FULL: the disk is full from then on
 *   PX_IO_COUNT=FILE   how many writes, syncs and locks the run made is
 *                      appended to FILE at the end
 *
 * Reads, unlocks and everything else pass through untouched.  In other
 * builds px_lite_faults_vfs does nothing.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/mem.h"
#include "store/faults.h"
#include "base/banned.h"

#ifdef PX_FAULTS

static sqlite3_vfs *real_vfs;
static long fail_at = -1, full_at = -1, ops;

struct ffile {
	sqlite3_file base;
	sqlite3_file *real; /* the system VFS's file, right after this struct */
};

#define REAL(f) (((struct ffile *)(f))->real)

/* Whether this operation is the one to fail; full: a write on a disk
 * that has filled up. */
static int fault(int *full)
{
	ops++;
	*full = full_at > 0 && ops >= full_at;
	return *full || ops == fail_at;
}

static void write_count(void)
{
	FILE *f = fopen(getenv("PX_IO_COUNT"), "a");
	if (f) {
		fprintf(f, "%ld\n", ops);
		fclose(f);
	}
}

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	int full;
	if (fault(&full))
		return full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	int full;
	if (fault(&full) && !full)
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	int full;
	if (fault(&full) && !full)
		return SQLITE_IOERR_LOCK;
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_caps(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	int full;
	if ((flags & SQLITE_SHM_LOCK) && fault(&full) && !full)
		return SQLITE_IOERR_SHMLOCK;
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

/* No memory-mapped pages: every write goes through f_write. */
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	*pp = NULL;
	return SQLITE_OK;
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return SQLITE_OK;
}

static const sqlite3_io_methods f_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_reserved,
	f_control, f_sector, f_caps, f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap,
	f_fetch, f_unfetch,
};

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct ffile *p = (struct ffile *)f;
	p->real = (sqlite3_file *)(p + 1);
	int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
	/* SQLite closes the file through pMethods whenever it is set */
	p->base.pMethods = p->real->pMethods ? &f_methods : NULL;
	return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int v_random(sqlite3_vfs *v, int n, char *out)
{
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	return real_vfs->xSleep(real_vfs, us);
}

static int v_time(sqlite3_vfs *v, double *out)
{
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_error(sqlite3_vfs *v, int n, char *out)
{
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static long env_count(const char *name)
{
	const char *s = getenv(name);
	long long n;
	return s && !px_parse_int(s, 1, LONG_MAX, &n) ? (long)n : -1;
}

void px_lite_faults_vfs(void)
{
	static sqlite3_vfs vfs;
	const char *count = getenv("PX_IO_COUNT");
	if (real_vfs)
		return;
	fail_at = env_count("PX_FAIL_IO");
	full_at = env_count("PX_FAIL_IO_FULL");
	if (fail_at < 0 && full_at < 0 && !(count && *count))
		return;
	real_vfs = sqlite3_vfs_find(NULL);
	if (!real_vfs)
		return;
	vfs.iVersion = 2;
	vfs.szOsFile = (int)sizeof(struct ffile) + real_vfs->szOsFile;
	vfs.mxPathname = real_vfs->mxPathname;
	vfs.zName = "px-faults";
	vfs.xOpen = v_open;
	vfs.xDelete = v_delete;
	vfs.xAccess = v_access;
	vfs.xFullPathname = v_full;
	vfs.xRandomness = v_random;
	vfs.xSleep = v_sleep;
	vfs.xCurrentTime = v_time;
	vfs.xGetLastError = v_error;
	vfs.xCurrentTimeInt64 = v_time64;
	if (sqlite3_vfs_register(&vfs, 1) != SQLITE_OK)
		return;
	if (count && *count)
		atexit(write_count);
}

#else

void px_lite_faults_vfs(void)
{
}

#endif
