/* A growable, always NUL-terminated string.
 *
 * Used to build text output (flow printing, error messages).  Control path
 * only: appending may allocate.
 *
 * Ownership: a strbuf owns its buffer.  Initialize with STRBUF_INIT or
 * strbuf_init(); release with strbuf_free(), after which the strbuf is empty
 * and may be reused.  strbuf_steal() hands the buffer to the caller.
 *
 * Thread-safety: none; one strbuf belongs to one thread at a time. */
#ifndef PONT_STRBUF_H
#define PONT_STRBUF_H 1

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    char *s;    /* Never NULL after the first append; see strbuf_str. */
    size_t len; /* Characters in use, excluding the NUL. */
    size_t cap; /* Bytes allocated for 's'. */
};

#define STRBUF_INIT                                                            \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

void strbuf_init(struct strbuf *);
void strbuf_free(struct strbuf *);

/* Empties the string but keeps its buffer for reuse. */
void strbuf_clear(struct strbuf *);

/* Returns the contents as a C string; valid until the next change. */
const char *strbuf_str(const struct strbuf *);

/* Returns the buffer (caller frees) and leaves 'sb' empty. */
char *strbuf_steal(struct strbuf *);

void strbuf_putc(struct strbuf *, char c);
void strbuf_puts(struct strbuf *, const char *s);
void strbuf_put(struct strbuf *, const void *data, size_t n);
/* Append printf-style; a format that fails (an invalid multibyte sequence
 * for %ls, say) appends nothing. */
void strbuf_printf(struct strbuf *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *, const char *fmt, va_list)
    __attribute__((format(printf, 2, 0)));

/* Removes a trailing 'c', if the string ends with one. */
void strbuf_chomp(struct strbuf *, char c);

/* Returns a new malloc'd string formatted like printf() (for error
 * sentences handed to a caller, who frees them). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* lib/strbuf.h */
