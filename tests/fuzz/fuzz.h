/* fuzz.h - what the libFuzzer harnesses of px share: the input written to
 * a file of this process, for the parsers that read a path. */
#ifndef PX_FUZZ_H
#define PX_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The input as a file of this process in $TMPDIR, rewritten for each
 * input; its path. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
	static char path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/px-fuzz-%ld%s", tmp && *tmp ? tmp : "/tmp", (long)getpid(),
		 suffix ? suffix : "");
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f))
		abort();
	return path;
}

#endif
