/* Small helpers used everywhere: allocation that cannot fail, array sizes,
 * compile-time checks.
 *
 * Allocation: the x*() functions abort the process with a message when the
 * system is out of memory.  They are for the control path only; nothing on a
 * per-packet path allocates.
 *
 * Thread-safety: all functions are safe to call from any thread. */
#ifndef PONT_UTIL_H
#define PONT_UTIL_H 1

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof(a)[0])

/* Returns the struct of type TYPE whose member MEMBER is at POINTER. */
#define CONTAINER_OF(POINTER, TYPE, MEMBER)                                    \
    ((TYPE *) (void *) ((char *) (POINTER) -offsetof(TYPE, MEMBER)))

#define PONT_LIKELY(x) __builtin_expect(!!(x), 1)
#define PONT_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Returns newly allocated memory; never NULL.  The caller frees it. */
void *xmalloc(size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* Milliseconds of CLOCK_MONOTONIC (for timeouts and intervals) and of
 * CLOCK_REALTIME (for durations reported to users).  Any thread. */
long long time_msec(void);
long long time_wall_msec(void);

#endif /* lib/util.h */
