#include "lib/buf.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void
buf_init(struct buf *b)
{
    b->data = NULL;
    b->size = 0;
    b->cap = 0;
}

void
buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

void
buf_clear(struct buf *b)
{
    b->size = 0;
}

void *
buf_put_uninit(struct buf *b, size_t n)
{
    void *p;

    if (b->size + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->size + n) {
            cap *= 2;
        }
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    /* An empty buffer may have no storage yet: no arithmetic on NULL. */
    p = b->data ? b->data + b->size : NULL;
    b->size += n;
    return p;
}

void *
buf_put_zeros(struct buf *b, size_t n)
{
    return memset(buf_put_uninit(b, n), 0, n);
}

void *
buf_put(struct buf *b, const void *data, size_t n)
{
    return n ? memcpy(buf_put_uninit(b, n), data, n) : buf_put_uninit(b, 0);
}

void
buf_put_u8(struct buf *b, uint8_t v)
{
    *(uint8_t *) buf_put_uninit(b, 1) = v;
}

void
buf_put_be16(struct buf *b, uint16_t v)
{
    uint8_t *p = buf_put_uninit(b, 2);
    p[0] = v >> 8;
    p[1] = v;
}

void
buf_put_be32(struct buf *b, uint32_t v)
{
    buf_put_be16(b, v >> 16);
    buf_put_be16(b, v & 0xffff);
}

void
buf_put_be64(struct buf *b, uint64_t v)
{
    buf_put_be32(b, v >> 32);
    buf_put_be32(b, v & 0xffffffff);
}

void
buf_pad8(struct buf *b, size_t start)
{
    size_t len = b->size - start;

    buf_put_zeros(b, (8 - len % 8) % 8);
}

void
buf_set_be16(struct buf *b, size_t ofs, uint16_t v)
{
    b->data[ofs] = v >> 8;
    b->data[ofs + 1] = v;
}

bool
buf_pull_u8(struct buf_reader *r, uint8_t *v)
{
    const uint8_t *p = buf_pull(r, 1);
    if (p) {
        *v = p[0];
    }
    return p != NULL;
}

bool
buf_pull_be16(struct buf_reader *r, uint16_t *v)
{
    const uint8_t *p = buf_pull(r, 2);
    if (p) {
        *v = buf_get_be16(p);
    }
    return p != NULL;
}

bool
buf_pull_be32(struct buf_reader *r, uint32_t *v)
{
    const uint8_t *p = buf_pull(r, 4);
    if (p) {
        *v = buf_get_be32(p);
    }
    return p != NULL;
}

bool
buf_pull_be64(struct buf_reader *r, uint64_t *v)
{
    const uint8_t *p = buf_pull(r, 8);
    if (p) {
        *v = buf_get_be64(p);
    }
    return p != NULL;
}
