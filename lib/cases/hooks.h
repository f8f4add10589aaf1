/*
 * hooks.h - where the modules of the upper layers register the hooks
 * they hang on the lower ones (core/ctx.h).  Every front end calls it
 * once on the context it builds, so that a survey completed through the
 * web page moves its follow-up on exactly as one answered on a pipe.
 */
#ifndef PX_HOOKS_H
#define PX_HOOKS_H

#include "core/ctx.h"

void px_hooks_register(struct px_ctx *cx);

#endif
