/* Byte buffers for building wire messages, and a bounds-checked reader for
 * decoding them.
 *
 * Writing: struct buf grows as needed; the put_* functions append values in
 * network byte order.  buf_put_uninit() reserves room and returns a pointer
 * valid until the next append (the buffer may move).  Control path only:
 * appending may allocate (and aborts on out of memory, like xmalloc).
 *
 * Reading: struct buf_reader walks a byte range.  Every pull checks the
 * remaining length first and returns NULL/false past the end, so decoders
 * built on it cannot read out of bounds.
 *
 * Ownership: a buf owns its data; buf_free() releases it (a zeroed buf is
 * empty and valid).  A reader borrows the bytes it reads.
 *
 * Thread-safety: none; a buf or reader belongs to one thread at a time. */
#ifndef PONT_BUF_H
#define PONT_BUF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
    uint8_t *data;
    size_t size;        /* Bytes in use. */
    size_t cap;         /* Bytes allocated. */
};

#define BUF_INIT {NULL, 0, 0}

void buf_init(struct buf *);
void buf_free(struct buf *);
void buf_clear(struct buf *);

/* Appends 'n' bytes and returns a pointer to them: uninitialized, zeroed,
 * or copied from 'data'. */
void *buf_put_uninit(struct buf *, size_t n);
void *buf_put_zeros(struct buf *, size_t n);
void *buf_put(struct buf *, const void *data, size_t n);

void buf_put_u8(struct buf *, uint8_t);
void buf_put_be16(struct buf *, uint16_t host_value);
void buf_put_be32(struct buf *, uint32_t host_value);
void buf_put_be64(struct buf *, uint64_t host_value);

/* Appends zeros up to the next multiple of 8 bytes from 'start'. */
void buf_pad8(struct buf *, size_t start);

/* Stores a 16-bit value in network byte order at offset 'ofs' (inside the
 * buffer), e.g. a length field known only once its body is written. */
void buf_set_be16(struct buf *, size_t ofs, uint16_t host_value);

struct buf_reader {
    const uint8_t *p;
    size_t left;
};

static inline void
buf_reader_init(struct buf_reader *r, const void *data, size_t n)
{
    r->p = data;
    r->left = n;
}

/* Returns the next 'n' bytes and advances, or NULL (not advancing) if fewer
 * remain. */
static inline const uint8_t *
buf_pull(struct buf_reader *r, size_t n)
{
    const uint8_t *p = r->p;

    if (r->left < n) {
        return NULL;
    }
    r->p += n;
    r->left -= n;
    return p;
}

/* Pull a value in network byte order into '*v' (host order).  Return false,
 * leaving '*v' and the reader unchanged, if too few bytes remain. */
bool buf_pull_u8(struct buf_reader *, uint8_t *v);
bool buf_pull_be16(struct buf_reader *, uint16_t *v);
bool buf_pull_be32(struct buf_reader *, uint32_t *v);
bool buf_pull_be64(struct buf_reader *, uint64_t *v);

/* Reads big-endian values at 'p' (which the caller has bounds-checked). */
static inline uint16_t
buf_get_be16(const uint8_t *p)
{
    return (uint16_t) (p[0] << 8 | p[1]);
}

static inline uint32_t
buf_get_be32(const uint8_t *p)
{
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16
           | (uint32_t) p[2] << 8 | p[3];
}

static inline uint64_t
buf_get_be64(const uint8_t *p)
{
    return (uint64_t) buf_get_be32(p) << 32 | buf_get_be32(p + 4);
}

/* Reads or writes an unsigned number of 'n' bytes (at most 8), big-endian,
 * at 'p' (which the caller has bounds-checked): fields of odd widths such
 * as 6-byte Ethernet addresses or 3-byte labels. */
static inline uint64_t
buf_get_uint_be(const uint8_t *p, size_t n)
{
    uint64_t v = 0;

    for (size_t i = 0; i < n; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

static inline void
buf_set_uint_be(uint8_t *p, size_t n, uint64_t v)
{
    for (size_t i = n; i-- > 0;) {
        p[i] = v & 0xff;
        v >>= 8;
    }
}

#endif /* lib/buf.h */
