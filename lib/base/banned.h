/*
 * banned.h - functions px code must not call.
 *
 * Included last by lib/px.h so that every translation unit of libpx and of
 * the commands sees it.  Each name is redefined into an undeclared
 * identifier, which makes a call fail to compile.
 */
#ifndef PX_BANNED_H
#define PX_BANNED_H

#define BANNED(f) sorry_##f##_is_banned_in_px

#undef strcpy
#define strcpy(a, b) BANNED(strcpy)
#undef strcat
#define strcat(a, b) BANNED(strcat)
#undef strncpy
#define strncpy(a, b, n) BANNED(strncpy)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(a, b) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef atoi
#define atoi(s) BANNED(atoi)
#undef atol
#define atol(s) BANNED(atol)
#undef gets
#define gets(s) BANNED(gets)

#endif
