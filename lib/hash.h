/* Non-cryptographic hashing for hash tables and flow caches.
 *
 * The mixing steps follow the structure of MurmurHash3 (public domain): each
 * 64-bit word is scrambled and folded into a 64-bit state, and a finalizer
 * avalanches the state.  Results are 32 bits.  The same input and basis give
 * the same hash on every run and machine of the same byte order.
 *
 * Incremental use: h = basis; h = hash_add64(h, w) for each word;
 * hash_finish(h, n_bytes).  hash_words64() does exactly that.
 *
 * Thread-safety: pure functions. */
#ifndef PONT_HASH_H
#define PONT_HASH_H 1

#include <stddef.h>
#include <stdint.h>

static inline uint64_t
hash_rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t
hash_add64(uint64_t h, uint64_t word)
{
    word *= 0x87c37b91114253d5ULL;
    word = hash_rotl64(word, 31);
    word *= 0x4cf5ad432745937fULL;
    h ^= word;
    h = hash_rotl64(h, 27);
    return h * 5 + 0x52dce729;
}

static inline uint32_t
hash_finish(uint64_t h, uint64_t n_bytes)
{
    h ^= n_bytes;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (uint32_t) h;
}

uint32_t hash_words64(const uint64_t *words, size_t n_words, uint32_t basis);
uint32_t hash_bytes(const void *data, size_t n_bytes, uint32_t basis);

static inline uint32_t
hash_uint64(uint64_t x, uint32_t basis)
{
    return hash_finish(hash_add64(basis, x), 8);
}

#endif /* lib/hash.h */
