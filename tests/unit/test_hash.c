/* Unit tests for lib/hash.h: non-cryptographic hashing.
 *
 * The known answers below were computed by a separate implementation of the
 * recipe documented in the header (hash_add64() per word, then
 * hash_finish() with the byte count), written in another language.  They
 * hash 64-bit words as numbers, so they hold on either byte order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/hash.h"

#define N_KEYS 100000
#define N_BUCKETS 1024

static void
test_words64_matches_known_answers(void **state)
{
    static const uint64_t one_two_three[] = {1, 2, 3};
    static const uint64_t pair[] = {0x0123456789abcdefULL,
                                    0xfedcba9876543210ULL};
    static const uint64_t zero[] = {0};
    (void) state;

    assert_int_equal(hash_words64(zero, 1, 0), 0xd1988401u);
    assert_int_equal(hash_words64(one_two_three, 3, 0), 0x064be440u);
    assert_int_equal(hash_words64(pair, 2, 0x9e3779b9u), 0x58c45213u);
}

static void
test_words64_follows_documented_incremental_recipe(void **state)
{
    uint64_t words[9];
    (void) state;

    for (size_t i = 0; i < 9; i++) {
        words[i] = 0x9e3779b97f4a7c15ULL * (i + 1);
    }
    for (size_t n = 0; n <= 9; n++) {
        for (uint32_t basis = 0; basis < 3; basis++) {
            uint64_t h = basis;

            for (size_t i = 0; i < n; i++) {
                h = hash_add64(h, words[i]);
            }
            assert_int_equal(hash_words64(words, n, basis),
                             hash_finish(h, n * 8));
        }
    }
}

static void
test_uint64_equals_words64_of_one_word(void **state)
{
    (void) state;

    /* hash_uint64() is the documented recipe applied to a single word. */
    for (uint64_t x = 0; x < 1000; x++) {
        uint64_t w = x * 0xff51afd7ed558ccdULL;
        assert_int_equal(hash_uint64(w, 17), hash_words64(&w, 1, 17));
    }
}

static void
test_unaligned_copy_hashes_alike(void **state)
{
    uint8_t a[64], b[65];
    (void) state;

    for (size_t i = 0; i < sizeof a; i++) {
        a[i] = (uint8_t) (i * 31 + 7);
    }
    /* A copy at another, unaligned, address hashes alike. */
    memcpy(b + 1, a, sizeof a);
    for (size_t n = 0; n <= sizeof a; n++) {
        assert_int_equal(hash_bytes(b + 1, n, 42), hash_bytes(a, n, 42));
    }
}

static void
test_different_basis_gives_different_hash(void **state)
{
    uint8_t data[24];
    (void) state;

    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t) i;
    }
    for (uint64_t x = 0; x < 1000; x++) {
        assert_int_not_equal(hash_uint64(x, 0), hash_uint64(x, 1));
        assert_int_not_equal(hash_uint64(x, 1), hash_uint64(x, 0x80000000u));
    }
    for (size_t n = 0; n <= sizeof data; n++) {
        assert_int_not_equal(hash_bytes(data, n, 0), hash_bytes(data, n, 1));
        assert_int_not_equal(hash_bytes(data, n, 0),
                             hash_bytes(data, n, 0xffffffffu));
    }
}

/* Puts 'N_KEYS' hashes into 'N_BUCKETS' buckets and checks that no bucket
 * is more than twice, or less than half, as full as the mean. */
static void
check_spread(const uint32_t *hashes)
{
    static unsigned int buckets[N_BUCKETS];
    unsigned int mean = N_KEYS / N_BUCKETS;
    unsigned int max = 0, min = N_KEYS;

    memset(buckets, 0, sizeof buckets);
    for (size_t i = 0; i < N_KEYS; i++) {
        buckets[hashes[i] % N_BUCKETS]++;
    }
    for (size_t i = 0; i < N_BUCKETS; i++) {
        max = buckets[i] > max ? buckets[i] : max;
        min = buckets[i] < min ? buckets[i] : min;
    }
    assert_true(max <= 2 * mean);
    assert_true(min >= mean / 2);
}

static void
test_sequential_keys_spread_over_buckets(void **state)
{
    static uint32_t hashes[N_KEYS];
    (void) state;

    for (uint64_t i = 0; i < N_KEYS; i++) {
        hashes[i] = hash_words64(&i, 1, 0);
    }
    check_spread(hashes);

    for (uint32_t i = 0; i < N_KEYS; i++) {
        hashes[i] = hash_bytes(&i, sizeof i, 0);
    }
    check_spread(hashes);

    /* Keys that differ only in their high bits, like IPv4 addresses taken
     * in network byte order. */
    for (uint64_t i = 0; i < N_KEYS; i++) {
        hashes[i] = hash_uint64(i << 40, 0);
    }
    check_spread(hashes);
}

static int
popcount32(uint32_t x)
{
    return __builtin_popcount(x);
}

static void
test_flipping_any_bit_of_64_bytes_changes_hash(void **state)
{
    uint8_t data[64];
    uint64_t words[8];
    uint32_t h_bytes, h_words;
    unsigned int changed_bits = 0;
    (void) state;

    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t) (i * 13 + 1);
    }
    h_bytes = hash_bytes(data, sizeof data, 0);
    memcpy(words, data, sizeof words);
    h_words = hash_words64(words, 8, 0);

    for (size_t bit = 0; bit < 8 * sizeof data; bit++) {
        uint32_t h;

        data[bit / 8] ^= 1u << (bit % 8);
        h = hash_bytes(data, sizeof data, 0);
        assert_int_not_equal(h, h_bytes);
        changed_bits += popcount32(h ^ h_bytes);
        data[bit / 8] ^= 1u << (bit % 8);

        words[bit / 64] ^= UINT64_C(1) << (bit % 64);
        assert_int_not_equal(hash_words64(words, 8, 0), h_words);
        words[bit / 64] ^= UINT64_C(1) << (bit % 64);
    }

    /* A good mix flips about half of the 32 output bits on average; 512
     * samples keep the mean well within 14..18. */
    assert_in_range(changed_bits, 14 * 512, 18 * 512);
}

static void
test_length_is_part_of_hash(void **state)
{
    static const uint8_t zeros[16];
    uint32_t seen[17];
    (void) state;

    /* Runs of zero bytes differ only in length, which must still tell
     * them apart, including the empty input. */
    for (size_t n = 0; n <= sizeof zeros; n++) {
        seen[n] = hash_bytes(zeros, n, 0x5eed);
        for (size_t k = 0; k < n; k++) {
            assert_int_not_equal(seen[k], seen[n]);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words64_matches_known_answers),
        cmocka_unit_test(test_words64_follows_documented_incremental_recipe),
        cmocka_unit_test(test_uint64_equals_words64_of_one_word),
        cmocka_unit_test(test_unaligned_copy_hashes_alike),
        cmocka_unit_test(test_different_basis_gives_different_hash),
        cmocka_unit_test(test_sequential_keys_spread_over_buckets),
        cmocka_unit_test(test_flipping_any_bit_of_64_bytes_changes_hash),
        cmocka_unit_test(test_length_is_part_of_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
