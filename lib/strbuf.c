#include "lib/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void
strbuf_init(struct strbuf *sb)
{
    sb->s = NULL;
    sb->len = 0;
    sb->cap = 0;
}

void
strbuf_free(struct strbuf *sb)
{
    free(sb->s);
    strbuf_init(sb);
}

void
strbuf_clear(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->s) {
        sb->s[0] = '\0';
    }
}

const char *
strbuf_str(const struct strbuf *sb)
{
    return sb->s ? sb->s : "";
}

char *
strbuf_steal(struct strbuf *sb)
{
    char *s = sb->s ? sb->s : xstrdup("");
    strbuf_init(sb);
    return s;
}

/* Makes room for 'n' more characters plus the terminating NUL. */
static void
reserve(struct strbuf *sb, size_t n)
{
    size_t need = sb->len + n + 1;
    if (need > sb->cap) {
        size_t cap = sb->cap ? sb->cap * 2 : 64;
        while (cap < need) {
            cap *= 2;
        }
        sb->s = xrealloc(sb->s, cap);
        sb->cap = cap;
    }
}

void
strbuf_put(struct strbuf *sb, const void *data, size_t n)
{
    reserve(sb, n);
    memcpy(sb->s + sb->len, data, n);
    sb->len += n;
    sb->s[sb->len] = '\0';
}

void
strbuf_putc(struct strbuf *sb, char c)
{
    strbuf_put(sb, &c, 1);
}

void
strbuf_puts(struct strbuf *sb, const char *s)
{
    strbuf_put(sb, s, strlen(s));
}

void
strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list args)
{
    va_list copy;
    int n;

    reserve(sb, 0);
    va_copy(copy, args);
    n = vsnprintf(sb->s + sb->len, sb->cap - sb->len, fmt, copy);
    va_end(copy);
    if (n < 0) {
        return;
    }
    if ((size_t) n >= sb->cap - sb->len) {
        reserve(sb, n);
        vsnprintf(sb->s + sb->len, sb->cap - sb->len, fmt, args);
    }
    sb->len += n;
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    strbuf_vprintf(sb, fmt, args);
    va_end(args);
}

void
strbuf_chomp(struct strbuf *sb, char c)
{
    if (sb->len && sb->s[sb->len - 1] == c) {
        sb->s[--sb->len] = '\0';
    }
}

char *
xasprintf(const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    va_start(args, fmt);
    strbuf_vprintf(&sb, fmt, args);
    va_end(args);
    return strbuf_steal(&sb);
}
