/* hooks.c - the upper layers' hooks, registered on a context. */
#include "cases/hooks.h"
#include "base/banned.h"

void px_hooks_register(struct px_ctx *cx)
{
	(void)cx;
}
