/* Unit tests for lib/csum.h: Internet checksums and their incremental
 * update.
 *
 * Known vectors come from RFC 1071, RFC 1624 and a well-known IPv4 header;
 * the others were summed by hand.  The incremental updates are checked
 * against a full recomputation over many seeded pseudo-random changes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/csum.h"

#define N_RANDOM_CHANGES 20000

/* A small deterministic generator (splitmix64) so that every run checks
 * the same changes and a failure can be reproduced. */
static uint64_t
rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void
rng_fill(uint64_t *state, void *data, size_t len)
{
    uint8_t *p = data;
    for (size_t i = 0; i < len; i++) {
        p[i] = (uint8_t) rng_next(state);
    }
}

static be16
get16(const uint8_t *p)
{
    be16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static void
put16(uint8_t *p, be16 v)
{
    memcpy(p, &v, sizeof v);
}

static be32
get32(const uint8_t *p)
{
    be32 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static void
put32(uint8_t *p, be32 v)
{
    memcpy(p, &v, sizeof v);
}

/* Returns the checksum of 'len' bytes at 'data', in host byte order. */
static uint16_t
host_csum(const void *data, size_t len)
{
    return ntohs(csum_compute(data, len));
}

static void
test_rfc1071_example_sums_to_known_value(void **state)
{
    /* RFC 1071, section 3: the words sum to 0xddf2, whose complement is
     * 0x220d. */
    static const uint8_t data[] = {0x00, 0x01, 0xf2, 0x03,
                                   0xf4, 0xf5, 0xf6, 0xf7};
    (void) state;
    assert_int_equal(host_csum(data, sizeof data), 0x220d);
    assert_int_equal(ntohs(csum_finish(csum_partial(data, sizeof data, 0))),
                     0x220d);
}

/* A real IPv4 header (UDP, 192.168.0.1 -> 192.168.0.199) whose checksum,
 * 0xb861, is the usual textbook example. */
static const uint8_t ipv4_header_example[20] = {
    0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
    0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
};

static void
test_ipv4_header_checksum_matches_known_value(void **state)
{
    uint8_t hdr[20];
    (void) state;

    memcpy(hdr, ipv4_header_example, sizeof hdr);
    put16(hdr + 10, 0);
    assert_int_equal(host_csum(hdr, sizeof hdr), 0xb861);
}

static void
test_header_with_correct_checksum_sums_to_zero(void **state)
{
    uint8_t hdr[20];
    (void) state;

    assert_int_equal(csum_compute(ipv4_header_example, 20), 0);

    /* Corrupting any byte must make the verification fail. */
    for (size_t i = 0; i < sizeof hdr; i++) {
        memcpy(hdr, ipv4_header_example, sizeof hdr);
        hdr[i] ^= 0x01;
        assert_int_not_equal(csum_compute(hdr, sizeof hdr), 0);
    }
}

static void
test_odd_length_pads_last_byte_as_high_byte(void **state)
{
    static const uint8_t three[] = {0x01, 0x02, 0x03};
    static const uint8_t one[] = {0xff};
    static const uint8_t two[] = {0xff, 0x00};
    (void) state;

    /* 0x0102 + 0x0300 = 0x0402, complemented 0xfbfd. */
    assert_int_equal(host_csum(three, sizeof three), 0xfbfd);
    /* A lone 0xff is the word 0xff00. */
    assert_int_equal(host_csum(one, sizeof one), 0x00ff);
    assert_int_equal(csum_compute(one, 1), csum_compute(two, 2));
}

static void
test_empty_input_has_checksum_ffff(void **state)
{
    (void) state;
    assert_int_equal(host_csum("", 0), 0xffff);
}

static void
test_carries_wrap_around(void **state)
{
    static const uint8_t halves[] = {0x80, 0x00, 0x80, 0x00};
    static const uint8_t ones[] = {0xff, 0xff, 0xff, 0xff};
    (void) state;

    /* 0x8000 + 0x8000 = 0x10000, which folds to 0x0001. */
    assert_int_equal(host_csum(halves, sizeof halves), 0xfffe);
    /* 0xffff + 0xffff = 0x1fffe, which folds to 0xffff. */
    assert_int_equal(host_csum(ones, sizeof ones), 0x0000);
}

static void
test_long_input_folds_all_carries(void **state)
{
    /* More than 65537 words of 0xffff overflow a 32-bit accumulator. */
    enum { N_WORDS = 100000 };
    static uint8_t data[2 * N_WORDS];
    (void) state;

    /* 65536 words of 0x0001 sum to 0x10000, which folds to 0x0001. */
    memset(data, 0, sizeof data);
    for (size_t i = 0; i < 65536; i++) {
        data[2 * i + 1] = 0x01;
    }
    assert_int_equal(host_csum(data, 2 * 65536), 0xfffe);

    /* Any number of 0xffff words sums to 0xffff. */
    memset(data, 0xff, sizeof data);
    assert_int_equal(host_csum(data, sizeof data), 0x0000);
    assert_int_equal(host_csum(data, 2 * 65536), 0x0000);
}

static void
test_partial_sum_carries_out_of_incoming_sum(void **state)
{
    static const uint8_t one[] = {0x00, 0x01};
    (void) state;

    /* 0xffffffff is 0xffff * 0x10001, a one's complement zero, so adding
     * the word 0x0001 to it must leave a sum that folds to 0x0001. */
    assert_int_equal(ntohs(csum_finish(csum_partial(one, 2, 0xffffffff))),
                     0xfffe);
}

static void
test_partial_sums_chain_over_even_pieces(void **state)
{
    uint8_t data[64];
    uint64_t seed = 1;
    (void) state;

    rng_fill(&seed, data, sizeof data);
    for (size_t split = 0; split <= sizeof data; split += 2) {
        uint32_t sum = csum_partial(data, split, 0);
        sum = csum_partial(data + split, sizeof data - split, sum);
        assert_int_equal(csum_finish(sum), csum_compute(data, sizeof data));
    }
}

static void
test_unaligned_data_gives_same_checksum(void **state)
{
    uint8_t buf[1 + sizeof ipv4_header_example];
    (void) state;

    memcpy(buf + 1, ipv4_header_example, sizeof ipv4_header_example);
    assert_int_equal(csum_compute(buf + 1, sizeof ipv4_header_example), 0);
}

static void
test_pseudo_ipv4_matches_hand_computed_sum(void **state)
{
    be32 src = htonl(0xc0a80001); /* 192.168.0.1 */
    be32 dst = htonl(0xc0a800c7); /* 192.168.0.199 */
    (void) state;

    /* 0xc0a8 + 0x0001 + 0xc0a8 + 0x00c7 + 0x0011 + 0x0020 = 0x18249, which
     * folds to 0x824a and complements to 0x7db5. */
    assert_int_equal(ntohs(csum_finish(csum_pseudo_ipv4(src, dst, 17, 32))),
                     0x7db5);
}

static void
test_pseudo_ipv6_matches_hand_computed_sum(void **state)
{
    struct in6_addr src, dst;
    (void) state;

    assert_int_equal(inet_pton(AF_INET6, "2001:db8::1", &src), 1);
    assert_int_equal(inet_pton(AF_INET6, "2001:db8::2", &dst), 1);

    /* 2 * (0x2001 + 0x0db8) + 0x1 + 0x2 + 0x0014 + 0x0006 = 0x5b8f. */
    assert_int_equal(ntohs(csum_finish(csum_pseudo_ipv6(&src, &dst, 6, 20))),
                     0xa470);

    /* The IPv6 length is 32 bits wide (jumbograms): 0x00010014 adds the
     * words 0x0001 and 0x0014. */
    assert_int_equal(
        ntohs(csum_finish(csum_pseudo_ipv6(&src, &dst, 6, 0x10014))), 0xa46f);
}

static void
test_udp_checksum_with_pseudo_header_matches_hand_computed(void **state)
{
    /* UDP 12345 -> 53, length 12, payload "abcd", from 10.0.0.1 to
     * 10.0.0.2.  Pseudo-header words sum to 0x1420, the segment's to 0xf540;
     * together 0x10960, folded 0x0961, complemented 0xf69e. */
    static const uint8_t udp[12] = {0x30, 0x39, 0x00, 0x35, 0x00, 0x0c,
                                    0x00, 0x00, 'a',  'b',  'c',  'd'};
    uint32_t pseudo;
    (void) state;

    pseudo =
        csum_pseudo_ipv4(htonl(0x0a000001), htonl(0x0a000002), 17, sizeof udp);
    assert_int_equal(ntohs(csum_finish(csum_partial(udp, sizeof udp, pseudo))),
                     0xf69e);
}

static void
test_update16_matches_rfc1624_example(void **state)
{
    (void) state;

    /* RFC 1624, section 4: HC = 0xdd2f, m = 0x5555, m' = 0x3285 gives
     * HC' = 0x0000 (and not the 0xffff of equation 2). */
    assert_int_equal(
        ntohs(csum_update16(htons(0xdd2f), htons(0x5555), htons(0x3285))),
        0x0000);
}

/* Fills 'hdr' with a random IPv4 header carrying a correct checksum. */
static void
random_ipv4_header(uint64_t *seed, uint8_t hdr[20])
{
    rng_fill(seed, hdr, 20);
    hdr[0] = 0x45;
    put16(hdr + 10, 0);
    put16(hdr + 10, csum_compute(hdr, 20));
}

/* Returns the checksum 'hdr' should carry, ignoring the one it has. */
static be16
recompute_ipv4(const uint8_t hdr[20])
{
    uint8_t copy[20];

    memcpy(copy, hdr, sizeof copy);
    put16(copy + 10, 0);
    return csum_compute(copy, sizeof copy);
}

static void
test_update16_matches_recompute_for_ipv4_fields(void **state)
{
    /* Every 16-bit word of the header except the checksum itself. */
    static const size_t offsets[] = {0, 2, 4, 6, 8, 12, 14, 16, 18};
    uint64_t seed = 16;
    uint8_t hdr[20];
    (void) state;

    random_ipv4_header(&seed, hdr);
    for (int i = 0; i < N_RANDOM_CHANGES; i++) {
        size_t ofs = offsets[rng_next(&seed) % 9];
        be16 old_value = get16(hdr + ofs);
        be16 new_value = (be16) rng_next(&seed);
        be16 csum = get16(hdr + 10);

        put16(hdr + ofs, new_value);
        csum = csum_update16(csum, old_value, new_value);
        assert_int_equal(csum, recompute_ipv4(hdr));
        put16(hdr + 10, csum);
        assert_int_equal(csum_compute(hdr, sizeof hdr), 0);
    }
}

static void
test_update32_matches_recompute_for_ipv4_addresses(void **state)
{
    uint64_t seed = 32;
    uint8_t hdr[20];
    (void) state;

    random_ipv4_header(&seed, hdr);
    for (int i = 0; i < N_RANDOM_CHANGES; i++) {
        size_t ofs = rng_next(&seed) & 1 ? 16 : 12;
        be32 old_value = get32(hdr + ofs);
        be32 new_value = (be32) rng_next(&seed);
        be16 csum = get16(hdr + 10);

        /* Also exercise small changes, which produce few carries. */
        if (i % 4 == 0) {
            new_value = htonl(ntohl(old_value) + 1);
        }
        put32(hdr + ofs, new_value);
        csum = csum_update32(csum, old_value, new_value);
        assert_int_equal(csum, recompute_ipv4(hdr));
        put16(hdr + 10, csum);
        assert_int_equal(csum_compute(hdr, sizeof hdr), 0);
    }
}

static void
test_update_bytes_matches_recompute_for_ipv4_addresses(void **state)
{
    uint64_t seed = 64;
    uint8_t hdr[20];
    (void) state;

    random_ipv4_header(&seed, hdr);
    for (int i = 0; i < N_RANDOM_CHANGES; i++) {
        /* One address, or both at once as an 8-byte field. */
        size_t ofs = rng_next(&seed) & 1 ? 16 : 12;
        size_t len = i % 3 == 0 ? 8 : 4;
        uint8_t old_value[8], new_value[8];
        be16 csum = get16(hdr + 10);

        if (len == 8) {
            ofs = 12;
        }
        memcpy(old_value, hdr + ofs, len);
        rng_fill(&seed, new_value, len);
        memcpy(hdr + ofs, new_value, len);
        csum = csum_update_bytes(csum, old_value, new_value, len);
        assert_int_equal(csum, recompute_ipv4(hdr));
        put16(hdr + 10, csum);
        assert_int_equal(csum_compute(hdr, sizeof hdr), 0);
    }
}

/* A TCP segment over IPv4, with the addresses its checksum covers through
 * the pseudo-header. */
#define TCP_SEG_LEN 47 /* Odd, so that padding matters too. */
#define TCP_CSUM_OFS 16
struct tcp4_segment {
    be32 src, dst;
    uint8_t seg[TCP_SEG_LEN];
};

static be16
recompute_tcp4(const struct tcp4_segment *t)
{
    uint8_t copy[TCP_SEG_LEN];
    uint32_t pseudo;

    memcpy(copy, t->seg, sizeof copy);
    put16(copy + TCP_CSUM_OFS, 0);
    pseudo = csum_pseudo_ipv4(t->src, t->dst, IPPROTO_TCP, sizeof copy);
    return csum_finish(csum_partial(copy, sizeof copy, pseudo));
}

static bool
tcp4_verifies(const struct tcp4_segment *t)
{
    uint32_t pseudo =
        csum_pseudo_ipv4(t->src, t->dst, IPPROTO_TCP, TCP_SEG_LEN);
    return csum_finish(csum_partial(t->seg, TCP_SEG_LEN, pseudo)) == 0;
}

static void
test_tcp_over_ipv4_updates_match_recompute(void **state)
{
    struct tcp4_segment t;
    uint64_t seed = 4;
    (void) state;

    t.src = (be32) rng_next(&seed);
    t.dst = (be32) rng_next(&seed);
    rng_fill(&seed, t.seg, sizeof t.seg);
    put16(t.seg + TCP_CSUM_OFS, recompute_tcp4(&t));
    assert_true(tcp4_verifies(&t));

    for (int i = 0; i < N_RANDOM_CHANGES; i++) {
        be16 csum = get16(t.seg + TCP_CSUM_OFS);
        uint64_t r = rng_next(&seed);

        switch (r % 4) {
        case 0:
        case 1: {
            /* Source or destination address, as NAT rewrites it. */
            be32 *addr = r % 4 ? &t.dst : &t.src;
            be32 new_value = (be32) (r >> 32);
            csum = csum_update32(csum, *addr, new_value);
            *addr = new_value;
            break;
        }
        case 2:
        case 3: {
            /* Source or destination port. */
            size_t ofs = r % 4 == 2 ? 0 : 2;
            be16 old_value = get16(t.seg + ofs);
            be16 new_value = (be16) (r >> 32);
            csum = csum_update16(csum, old_value, new_value);
            put16(t.seg + ofs, new_value);
            break;
        }
        }
        assert_int_equal(csum, recompute_tcp4(&t));
        put16(t.seg + TCP_CSUM_OFS, csum);
        assert_true(tcp4_verifies(&t));
    }
}

/* A UDP datagram over IPv6, with the addresses its checksum covers. */
#define UDP_SEG_LEN 30
#define UDP_CSUM_OFS 6
struct udp6_segment {
    struct in6_addr src, dst;
    uint8_t seg[UDP_SEG_LEN];
};

static be16
recompute_udp6(const struct udp6_segment *u)
{
    uint8_t copy[UDP_SEG_LEN];
    uint32_t pseudo;

    memcpy(copy, u->seg, sizeof copy);
    put16(copy + UDP_CSUM_OFS, 0);
    pseudo = csum_pseudo_ipv6(&u->src, &u->dst, IPPROTO_UDP, sizeof copy);
    return csum_finish(csum_partial(copy, sizeof copy, pseudo));
}

static bool
udp6_verifies(const struct udp6_segment *u)
{
    uint32_t pseudo =
        csum_pseudo_ipv6(&u->src, &u->dst, IPPROTO_UDP, UDP_SEG_LEN);
    return csum_finish(csum_partial(u->seg, UDP_SEG_LEN, pseudo)) == 0;
}

static void
test_udp_over_ipv6_updates_match_recompute(void **state)
{
    struct udp6_segment u;
    uint64_t seed = 6;
    (void) state;

    rng_fill(&seed, &u.src, sizeof u.src);
    rng_fill(&seed, &u.dst, sizeof u.dst);
    rng_fill(&seed, u.seg, sizeof u.seg);
    put16(u.seg + 4, htons(UDP_SEG_LEN));
    put16(u.seg + UDP_CSUM_OFS, recompute_udp6(&u));
    assert_true(udp6_verifies(&u));

    for (int i = 0; i < N_RANDOM_CHANGES; i++) {
        be16 csum = get16(u.seg + UDP_CSUM_OFS);
        uint64_t r = rng_next(&seed);

        switch (r % 4) {
        case 0:
        case 1: {
            struct in6_addr *addr = r % 4 ? &u.dst : &u.src;
            struct in6_addr new_value;

            rng_fill(&seed, &new_value, sizeof new_value);
            /* Sometimes only the low 64 bits change, as in prefix
             * translation's reverse. */
            if (i % 3 == 0) {
                memcpy(&new_value, addr, 8);
            }
            csum = csum_update_bytes(csum, addr, &new_value, sizeof new_value);
            *addr = new_value;
            break;
        }
        case 2:
        case 3: {
            size_t ofs = r % 4 == 2 ? 0 : 2;
            be16 old_value = get16(u.seg + ofs);
            be16 new_value = (be16) (r >> 32);
            csum = csum_update16(csum, old_value, new_value);
            put16(u.seg + ofs, new_value);
            break;
        }
        }
        assert_int_equal(csum, recompute_udp6(&u));
        put16(u.seg + UDP_CSUM_OFS, csum);
        assert_true(udp6_verifies(&u));
    }
}

static void
test_update_with_unchanged_value_keeps_checksum(void **state)
{
    uint8_t addr[16];
    uint64_t seed = 7;
    (void) state;

    rng_fill(&seed, addr, sizeof addr);
    assert_int_equal(
        ntohs(csum_update16(htons(0xb861), htons(0x1234), htons(0x1234))),
        0xb861);
    assert_int_equal(ntohs(csum_update32(htons(0xb861), htonl(0xc0a80001),
                                         htonl(0xc0a80001))),
                     0xb861);
    assert_int_equal(
        ntohs(csum_update_bytes(htons(0xb861), addr, addr, sizeof addr)),
        0xb861);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc1071_example_sums_to_known_value),
        cmocka_unit_test(test_ipv4_header_checksum_matches_known_value),
        cmocka_unit_test(test_header_with_correct_checksum_sums_to_zero),
        cmocka_unit_test(test_odd_length_pads_last_byte_as_high_byte),
        cmocka_unit_test(test_empty_input_has_checksum_ffff),
        cmocka_unit_test(test_carries_wrap_around),
        cmocka_unit_test(test_long_input_folds_all_carries),
        cmocka_unit_test(test_partial_sum_carries_out_of_incoming_sum),
        cmocka_unit_test(test_partial_sums_chain_over_even_pieces),
        cmocka_unit_test(test_unaligned_data_gives_same_checksum),
        cmocka_unit_test(test_pseudo_ipv4_matches_hand_computed_sum),
        cmocka_unit_test(test_pseudo_ipv6_matches_hand_computed_sum),
        cmocka_unit_test(
            test_udp_checksum_with_pseudo_header_matches_hand_computed),
        cmocka_unit_test(test_update16_matches_rfc1624_example),
        cmocka_unit_test(test_update16_matches_recompute_for_ipv4_fields),
        cmocka_unit_test(test_update32_matches_recompute_for_ipv4_addresses),
        cmocka_unit_test(
            test_update_bytes_matches_recompute_for_ipv4_addresses),
        cmocka_unit_test(test_tcp_over_ipv4_updates_match_recompute),
        cmocka_unit_test(test_udp_over_ipv6_updates_match_recompute),
        cmocka_unit_test(test_update_with_unchanged_value_keeps_checksum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
