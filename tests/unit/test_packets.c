/* Unit tests for lib/packets.h: prefix lengths and address formatting.
 *
 * Expected IPv6 text follows RFC 5952: lower case, no leading zeros, the
 * longest run of two or more zero fields (the first, on a tie) shown as
 * "::". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/packets.h"
#include "lib/strbuf.h"

static struct in6_addr
ipv6(const char *text)
{
    struct in6_addr a;

    assert_int_equal(inet_pton(AF_INET6, text, &a), 1);
    return a;
}

/* Returns an IPv6 mask with the first 'n' bits set, built bit by bit. */
static struct in6_addr
ipv6_prefix_mask(int n)
{
    struct in6_addr m;

    memset(&m, 0, sizeof m);
    for (int i = 0; i < n; i++) {
        m.s6_addr[i / 8] |= 0x80 >> (i % 8);
    }
    return m;
}

static void
test_ipv4_cidr_len_of_cidr_masks(void **state)
{
    (void) state;

    assert_int_equal(pkt_ipv4_cidr_len(htonl(0x00000000)), 0);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0x80000000)), 1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xff000000)), 8);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xfffff000)), 20);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xffffff00)), 24);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xfffffffe)), 31);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xffffffff)), 32);
}

static void
test_ipv4_cidr_len_of_every_prefix(void **state)
{
    (void) state;

    for (int n = 0; n <= 32; n++) {
        uint32_t m = n ? UINT32_MAX << (32 - n) : 0;
        assert_int_equal(pkt_ipv4_cidr_len(htonl(m)), n);
    }
}

static void
test_ipv4_cidr_len_of_non_cidr_masks(void **state)
{
    (void) state;

    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xff00ff00)), -1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0x00ffffff)), -1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0x00000001)), -1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0x7fffffff)), -1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xfffffffd)), -1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xffff00ff)), -1);
    assert_int_equal(pkt_ipv4_cidr_len(htonl(0xfeffffff)), -1);
}

static void
test_ipv6_cidr_len_of_cidr_masks(void **state)
{
    struct in6_addr m;
    (void) state;

    m = ipv6("::");
    assert_int_equal(pkt_ipv6_cidr_len(&m), 0);
    m = ipv6("8000::");
    assert_int_equal(pkt_ipv6_cidr_len(&m), 1);
    m = ipv6("ffff:ffff:ffff:ffff::");
    assert_int_equal(pkt_ipv6_cidr_len(&m), 64);
    m = ipv6("ffff:ffff:ffff:ffff:8000::");
    assert_int_equal(pkt_ipv6_cidr_len(&m), 65);
    m = ipv6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
    assert_int_equal(pkt_ipv6_cidr_len(&m), 127);
    m = ipv6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assert_int_equal(pkt_ipv6_cidr_len(&m), 128);
}

static void
test_ipv6_cidr_len_of_every_prefix(void **state)
{
    (void) state;

    for (int n = 0; n <= 128; n++) {
        struct in6_addr m = ipv6_prefix_mask(n);
        assert_int_equal(pkt_ipv6_cidr_len(&m), n);
    }
}

static void
test_ipv6_cidr_len_of_non_cidr_masks(void **state)
{
    struct in6_addr m;
    (void) state;

    m = ipv6("ffff:0:ffff::");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
    m = ipv6("::1");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
    m = ipv6("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
    m = ipv6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
    /* A hole inside the partial byte. */
    m = ipv6("ffff:ffff:ffa0::");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
    /* A contiguous prefix followed by a stray bit much later. */
    m = ipv6("ffff:ff00::1");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
    m = ipv6("ffff:ffff:ffff:ffff::8000:0");
    assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
}

static void
test_ipv6_cidr_len_rejects_every_single_stray_bit(void **state)
{
    (void) state;

    /* Adding any one bit after a prefix breaks contiguity unless it is the
     * bit right after the prefix. */
    for (int n = 0; n < 128; n += 7) {
        for (int bit = n + 1; bit < 128; bit++) {
            struct in6_addr m = ipv6_prefix_mask(n);
            m.s6_addr[bit / 8] |= 0x80 >> (bit % 8);
            assert_int_equal(pkt_ipv6_cidr_len(&m), -1);
        }
    }
}

/* Formatting helpers: each returns what the function appended to a buffer
 * that already held a prefix, so that appending (not overwriting) is
 * checked too. */
static char formatted[128];

static const char *
finish(struct strbuf *sb)
{
    const char *s = strbuf_str(sb);

    assert_memory_equal(s, "> ", 2);
    assert_true(strlen(s + 2) < sizeof formatted);
    memcpy(formatted, s + 2, strlen(s + 2) + 1);
    strbuf_free(sb);
    return formatted;
}

static const char *
fmt_eth(const struct eth_addr *a)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_puts(&sb, "> ");
    pkt_format_eth(&sb, a);
    return finish(&sb);
}

static const char *
fmt_eth_masked(const struct eth_addr *a, const struct eth_addr *mask)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_puts(&sb, "> ");
    pkt_format_eth_masked(&sb, a, mask);
    return finish(&sb);
}

static const char *
fmt_ipv4(uint32_t host_addr)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_puts(&sb, "> ");
    pkt_format_ipv4(&sb, htonl(host_addr));
    return finish(&sb);
}

static const char *
fmt_ipv4_masked(uint32_t host_addr, uint32_t host_mask)
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_puts(&sb, "> ");
    pkt_format_ipv4_masked(&sb, htonl(host_addr), htonl(host_mask));
    return finish(&sb);
}

/* 'bytes' is the address as 16 raw bytes, independent of inet_pton. */
static const char *
fmt_ipv6(const uint8_t bytes[16])
{
    struct strbuf sb = STRBUF_INIT;
    struct in6_addr a;

    memcpy(&a, bytes, sizeof a);
    strbuf_puts(&sb, "> ");
    pkt_format_ipv6(&sb, &a);
    return finish(&sb);
}

static const char *
fmt_ipv6_masked(const char *addr, const struct in6_addr *mask)
{
    struct strbuf sb = STRBUF_INIT;
    struct in6_addr a = ipv6(addr);

    strbuf_puts(&sb, "> ");
    pkt_format_ipv6_masked(&sb, &a, mask);
    return finish(&sb);
}

static void
test_format_eth_prints_lowercase_colon_hex(void **state)
{
    static const struct eth_addr a = {{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};
    static const struct eth_addr b = {{0xaa, 0xbb, 0xcc, 0x0d, 0xe0, 0xff}};
    static const struct eth_addr zero;
    (void) state;

    assert_string_equal(fmt_eth(&a), "00:11:22:33:44:55");
    assert_string_equal(fmt_eth(&b), "aa:bb:cc:0d:e0:ff");
    assert_string_equal(fmt_eth(&zero), "00:00:00:00:00:00");
}

static void
test_format_eth_masked_omits_exact_mask(void **state)
{
    static const struct eth_addr a = {{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}};
    static const struct eth_addr exact = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    (void) state;

    assert_string_equal(fmt_eth_masked(&a, &exact), "00:11:22:33:44:55");
}

static void
test_format_eth_masked_prints_partial_mask_as_address(void **state)
{
    static const struct eth_addr a = {{0x00, 0x11, 0x22, 0x00, 0x00, 0x00}};
    static const struct eth_addr oui = {{0xff, 0xff, 0xff, 0x00, 0x00, 0x00}};
    static const struct eth_addr mcast = {{0x01, 0x00, 0x00, 0x00, 0x00, 0x00}};
    static const struct eth_addr zero;
    (void) state;

    /* Even a prefix-shaped mask keeps the address form for Ethernet. */
    assert_string_equal(fmt_eth_masked(&a, &oui),
                        "00:11:22:00:00:00/ff:ff:ff:00:00:00");
    assert_string_equal(fmt_eth_masked(&mcast, &mcast),
                        "01:00:00:00:00:00/01:00:00:00:00:00");
    assert_string_equal(fmt_eth_masked(&zero, &zero),
                        "00:00:00:00:00:00/00:00:00:00:00:00");
}

static void
test_format_ipv4_prints_dotted_quad(void **state)
{
    (void) state;

    assert_string_equal(fmt_ipv4(0x0a000001), "10.0.0.1");
    assert_string_equal(fmt_ipv4(0xc0a801fe), "192.168.1.254");
    assert_string_equal(fmt_ipv4(0x00000000), "0.0.0.0");
    assert_string_equal(fmt_ipv4(0xffffffff), "255.255.255.255");
}

static void
test_format_ipv4_masked_uses_prefix_length_for_cidr(void **state)
{
    (void) state;

    assert_string_equal(fmt_ipv4_masked(0xc0a80100, 0xffffff00),
                        "192.168.1.0/24");
    assert_string_equal(fmt_ipv4_masked(0x0a000000, 0xff000000), "10.0.0.0/8");
    assert_string_equal(fmt_ipv4_masked(0x80000000, 0x80000000), "128.0.0.0/1");
    assert_string_equal(fmt_ipv4_masked(0x0a000002, 0xfffffffe), "10.0.0.2/31");
    assert_string_equal(fmt_ipv4_masked(0x00000000, 0x00000000), "0.0.0.0/0");
}

static void
test_format_ipv4_masked_uses_dotted_mask_otherwise(void **state)
{
    (void) state;

    assert_string_equal(fmt_ipv4_masked(0x0a000001, 0xff00ff00),
                        "10.0.0.1/255.0.255.0");
    assert_string_equal(fmt_ipv4_masked(0x0a000001, 0x000000ff),
                        "10.0.0.1/0.0.0.255");
}

static void
test_format_ipv4_masked_omits_exact_mask(void **state)
{
    (void) state;

    assert_string_equal(fmt_ipv4_masked(0x0a000001, 0xffffffff), "10.0.0.1");
}

static void
test_format_ipv6_compresses_per_rfc5952(void **state)
{
    static const struct {
        uint8_t bytes[16];
        const char *text;
    } cases[] = {
        /* All zeros, loopback, and leading zeros dropped. */
        {{0}, "::"},
        {{[15] = 1}, "::1"},
        {{0x20, 0x01, 0x0d, 0xb8, [15] = 0x01}, "2001:db8::1"},
        {{0x20, 0x01, 0x0d, 0xb8, [14] = 0x00, [15] = 0x0a}, "2001:db8::a"},
        {{0xfe, 0x80, [8] = 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55},
         "fe80::211:22ff:fe33:4455"},
        {{0xff, 0x02, [15] = 0x01}, "ff02::1"},
        /* Trailing zeros, and no zeros at all. */
        {{0x00, 0x01}, "1::"},
        {{0x20, 0x01, 0x0d, 0xb8, 0xab, 0xcd, 0x12, 0x34, 0x56, 0x78, 0x9a,
          0xbc, 0xde, 0xf0, 0x00, 0x01},
         "2001:db8:abcd:1234:5678:9abc:def0:1"},
        /* A single zero field is not compressed (RFC 5952, 4.2.2). */
        {{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
          0x01, 0x00, 0x01, 0x00, 0x01},
         "2001:db8:0:1:1:1:1:1"},
        /* The longest run is compressed (4.2.1)... */
        {{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00},
         "2001:db8:0:0:1::"},
        /* ...and the first of two equal runs (4.2.3). */
        {{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x01},
         "2001:db8::1:0:0:1"},
        /* IPv4-mapped addresses end in dotted decimal (section 5). */
        {{[10] = 0xff, [11] = 0xff, 192, 0, 2, 1}, "::ffff:192.0.2.1"},
    };
    (void) state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_string_equal(fmt_ipv6(cases[i].bytes), cases[i].text);
    }
}

static void
test_format_ipv6_masked_uses_prefix_length_for_cidr(void **state)
{
    struct in6_addr m;
    (void) state;

    m = ipv6_prefix_mask(64);
    assert_string_equal(fmt_ipv6_masked("2001:db8::", &m), "2001:db8::/64");
    m = ipv6_prefix_mask(127);
    assert_string_equal(fmt_ipv6_masked("2001:db8::2", &m), "2001:db8::2/127");
    m = ipv6_prefix_mask(1);
    assert_string_equal(fmt_ipv6_masked("8000::", &m), "8000::/1");
    m = ipv6_prefix_mask(0);
    assert_string_equal(fmt_ipv6_masked("::", &m), "::/0");
}

static void
test_format_ipv6_masked_prints_non_cidr_mask_as_address(void **state)
{
    struct in6_addr m;
    (void) state;

    m = ipv6("ffff:0:ffff::");
    assert_string_equal(fmt_ipv6_masked("2001:db8::1", &m),
                        "2001:db8::1/ffff:0:ffff::");
    m = ipv6("::ffff");
    assert_string_equal(fmt_ipv6_masked("fe80::1", &m), "fe80::1/::ffff");
}

static void
test_format_ipv6_masked_omits_exact_mask(void **state)
{
    struct in6_addr m;
    (void) state;

    m = ipv6_prefix_mask(128);
    assert_string_equal(fmt_ipv6_masked("2001:db8::1", &m), "2001:db8::1");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv4_cidr_len_of_cidr_masks),
        cmocka_unit_test(test_ipv4_cidr_len_of_every_prefix),
        cmocka_unit_test(test_ipv4_cidr_len_of_non_cidr_masks),
        cmocka_unit_test(test_ipv6_cidr_len_of_cidr_masks),
        cmocka_unit_test(test_ipv6_cidr_len_of_every_prefix),
        cmocka_unit_test(test_ipv6_cidr_len_of_non_cidr_masks),
        cmocka_unit_test(test_ipv6_cidr_len_rejects_every_single_stray_bit),
        cmocka_unit_test(test_format_eth_prints_lowercase_colon_hex),
        cmocka_unit_test(test_format_eth_masked_omits_exact_mask),
        cmocka_unit_test(test_format_eth_masked_prints_partial_mask_as_address),
        cmocka_unit_test(test_format_ipv4_prints_dotted_quad),
        cmocka_unit_test(test_format_ipv4_masked_uses_prefix_length_for_cidr),
        cmocka_unit_test(test_format_ipv4_masked_uses_dotted_mask_otherwise),
        cmocka_unit_test(test_format_ipv4_masked_omits_exact_mask),
        cmocka_unit_test(test_format_ipv6_compresses_per_rfc5952),
        cmocka_unit_test(test_format_ipv6_masked_uses_prefix_length_for_cidr),
        cmocka_unit_test(
            test_format_ipv6_masked_prints_non_cidr_mask_as_address),
        cmocka_unit_test(test_format_ipv6_masked_omits_exact_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
