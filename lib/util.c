#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
out_of_memory(size_t size)
{
    fprintf(stderr, "pont: out of memory allocating %zu bytes\n", size);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        out_of_memory(size);
    }
    return p;
}

void *
xzalloc(size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (!p) {
        out_of_memory(size);
    }
    return p;
}

void *
xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        out_of_memory(size);
    }
    return p;
}

char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static long long
clock_msec(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

long long
time_msec(void)
{
    return clock_msec(CLOCK_MONOTONIC);
}

long long
time_wall_msec(void)
{
    return clock_msec(CLOCK_REALTIME);
}
