#include "lib/hash.h"

#include <string.h>

uint32_t
hash_words64(const uint64_t *words, size_t n_words, uint32_t basis)
{
    uint64_t h = basis;

    for (size_t i = 0; i < n_words; i++) {
        h = hash_add64(h, words[i]);
    }
    return hash_finish(h, n_words * 8);
}

uint32_t
hash_bytes(const void *data, size_t n_bytes, uint32_t basis)
{
    const uint8_t *p = data;
    uint64_t h = basis;
    size_t i;

    for (i = 0; i + 8 <= n_bytes; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = hash_add64(h, w);
    }
    if (i < n_bytes) {
        uint64_t w = 0;
        memcpy(&w, p + i, n_bytes - i);
        h = hash_add64(h, w);
    }
    return hash_finish(h, n_bytes);
}
