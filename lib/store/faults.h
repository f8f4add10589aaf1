/* faults.h - I/O failure injection for the tests (faults.c). */
#ifndef PX_STORE_FAULTS_H
#define PX_STORE_FAULTS_H

/* In builds made with PX_FAULTS, puts the counting VFS in front of the
 * system's when PX_FAIL_IO, PX_FAIL_IO_FULL or PX_IO_COUNT is set; before
 * the first database is opened.  Does nothing otherwise. */
void px_lite_faults_vfs(void);

#endif
