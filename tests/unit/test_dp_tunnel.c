/* VXLAN push and pop on single packets (datapath/dp_tunnel.h): what push
 * writes, that pop undoes it, and what pop refuses. */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "datapath/dp_packet.h"
#include "datapath/dp_tunnel.h"
#include "lib/csum.h"

/* TCP 10.0.0.1:1000 -> 10.0.0.2:80, 60 bytes. */
static const uint8_t inner[60] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x0a, 0x08, 0x00, 0x45, 0x00, 0x00, 0x28, 0x00, 0x01,
    0x00, 0x00, 0x40, 0x06, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
    0x0a, 0x00, 0x00, 0x02, 0x03, 0xe8, 0x00, 0x50, 0,    0,
    0,    1,    0,    0,    0,    0,    0x50, 0x02, 0x20, 0x00,
};

static struct dp_tunnel_header
header(void)
{
    struct dp_tunnel_header h = {
        .eth_dst = {{0x02, 0, 0, 0, 0, 0x22}},
        .eth_src = {{0x02, 0, 0, 0, 0, 0x11}},
        .ttl = 64,
        .tos = 0xb8,
        .df = true,
        .udp_dst = htons(DP_VXLAN_PORT),
        .vni = 0xabcdef,
    };

    inet_pton(AF_INET, "192.168.50.1", &h.ip_src);
    inet_pton(AF_INET, "192.168.50.2", &h.ip_dst);
    return h;
}

static struct dp_packet *
pushed(void)
{
    struct dp_tunnel_header h = header();
    struct dp_packet *p = dp_packet_new_with_data(inner, sizeof inner);

    dp_tunnel_push(p, &h);
    return p;
}

static void
test_push_writes_rfc7348_headers(void **state)
{
    struct dp_packet *p = pushed();
    const uint8_t *d = dp_packet_data(p);
    uint16_t sport;

    (void) state;
    assert_int_equal(dp_packet_size(p), DP_VXLAN_HEADERS_LEN + sizeof inner);
    assert_int_equal(d[0], 0x02);
    assert_int_equal(d[5], 0x22);
    assert_int_equal(d[11], 0x11);
    assert_int_equal(d[14], 0x45);
    assert_int_equal(d[15], 0xb8);
    assert_int_equal((d[16] << 8) | d[17], 20 + 8 + 8 + sizeof inner);
    assert_int_equal(d[20], 0x40); /* DF. */
    assert_int_equal(d[22], 64);
    assert_int_equal(d[23], 17);
    assert_int_equal(csum_compute(d + 14, 20), 0);
    sport = (uint16_t) ((d[34] << 8) | d[35]);
    assert_true(sport >= 49152);
    assert_int_equal((d[36] << 8) | d[37], 4789);
    assert_int_equal((d[38] << 8) | d[39], 8 + 8 + sizeof inner);
    assert_int_equal(d[42], 0x08);
    assert_int_equal(d[46], 0xab);
    assert_int_equal(d[47], 0xcd);
    assert_int_equal(d[48], 0xef);
    assert_memory_equal(d + 50, inner, sizeof inner);
    dp_packet_delete(p);
}

static void
test_source_port_follows_the_flow(void **state)
{
    struct dp_packet *a = pushed(), *b = pushed(), *c;
    struct dp_tunnel_header h = header();
    uint8_t other[sizeof inner];

    (void) state;
    assert_memory_equal((uint8_t *) dp_packet_data(a) + 34,
                        (uint8_t *) dp_packet_data(b) + 34, 2);
    memcpy(other, inner, sizeof inner);
    other[35] = 0xe9; /* Another source port: (very likely) another hash. */
    c = dp_packet_new_with_data(other, sizeof other);
    dp_tunnel_push(c, &h);
    assert_memory_not_equal((uint8_t *) dp_packet_data(a) + 34,
                            (uint8_t *) dp_packet_data(c) + 34, 2);
    dp_packet_delete(a);
    dp_packet_delete(b);
    dp_packet_delete(c);
}

static void
test_pop_undoes_push_and_sets_metadata(void **state)
{
    struct dp_packet *p = pushed();
    struct dp_tunnel_header h = header();

    (void) state;
    assert_true(dp_tunnel_pop(p));
    assert_int_equal(dp_packet_size(p), sizeof inner);
    assert_memory_equal(dp_packet_data(p), inner, sizeof inner);
    assert_true(p->tunnel.tun_id == pkt_htonll(0xabcdef));
    assert_true(p->tunnel.tun_src == h.ip_src);
    assert_true(p->tunnel.tun_dst == h.ip_dst);
    dp_packet_delete(p);
}

/* Pushes, applies 'mutate' to the outer bytes, and checks that pop refuses
 * the result and leaves it unchanged. */
static void
assert_refused(void (*mutate)(uint8_t *d, size_t *size), const char *why)
{
    struct dp_packet *p = pushed();
    size_t size = dp_packet_size(p);
    uint8_t before[256];

    mutate(dp_packet_data(p), &size);
    dp_packet_truncate(p, size);
    memcpy(before, dp_packet_data(p), dp_packet_size(p));
    if (dp_tunnel_pop(p)) {
        fail_msg("accepted: %s", why);
    }
    assert_memory_equal(before, dp_packet_data(p), dp_packet_size(p));
    assert_true(p->tunnel.tun_id == 0);
    dp_packet_delete(p);
}

static void
m_vlan(uint8_t *d, size_t *size)
{
    (void) size;
    d[12] = 0x81;
}
static void
m_ipv6(uint8_t *d, size_t *size)
{
    (void) size;
    d[14] = 0x65;
}
static void
m_tcp(uint8_t *d, size_t *size)
{
    (void) size;
    d[23] = 6;
}
static void
m_fragment(uint8_t *d, size_t *size)
{
    (void) size;
    d[20] = 0x20;
}
static void
m_later_fragment(uint8_t *d, size_t *size)
{
    (void) size;
    d[21] = 0x10;
}
static void
m_no_i_flag(uint8_t *d, size_t *size)
{
    (void) size;
    d[42] = 0;
}
static void
m_udp_len_long(uint8_t *d, size_t *size)
{
    (void) size;
    d[38] = 0x10;
}
static void
m_udp_len_short(uint8_t *d, size_t *size)
{
    (void) size;
    d[38] = 0;
    d[39] = 15;
}
static void
m_truncated(uint8_t *d, size_t *size)
{
    (void) d;
    *size = 49;
}
static void
m_ihl_past_end(uint8_t *d, size_t *size)
{
    (void) size;
    d[14] = 0x4f;
}

static void
test_pop_refuses_what_is_not_vxlan(void **state)
{
    (void) state;
    assert_refused(m_vlan, "a VLAN-tagged outer frame");
    assert_refused(m_ipv6, "IP version 6 in an IPv4 EtherType");
    assert_refused(m_tcp, "TCP");
    assert_refused(m_fragment, "a first fragment");
    assert_refused(m_later_fragment, "a later fragment");
    assert_refused(m_no_i_flag, "no I flag");
    assert_refused(m_udp_len_long, "UDP length past the end");
    assert_refused(m_udp_len_short, "UDP length shorter than VXLAN");
    assert_refused(m_truncated, "49 bytes");
    assert_refused(m_ihl_past_end, "IPv4 options past the end");
}

static void
test_pop_handles_ip_options_and_padding(void **state)
{
    /* An outer IPv4 header with 4 bytes of options (IHL 6), and 6 bytes of
     * Ethernet padding after the inner frame. */
    struct dp_packet *p = pushed();
    size_t size = dp_packet_size(p);
    uint8_t buf[256];
    struct dp_packet *q;

    (void) state;
    memcpy(buf, dp_packet_data(p), 34);
    buf[14] = 0x46;
    memset(buf + 34, 1, 4); /* NOP options. */
    memcpy(buf + 38, (uint8_t *) dp_packet_data(p) + 34, size - 34);
    memset(buf + size + 4, 0, 6);
    q = dp_packet_new_with_data(buf, size + 4 + 6);
    assert_true(dp_tunnel_pop(q));
    assert_int_equal(dp_packet_size(q), sizeof inner);
    assert_memory_equal(dp_packet_data(q), inner, sizeof inner);
    dp_packet_delete(p);
    dp_packet_delete(q);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_writes_rfc7348_headers),
        cmocka_unit_test(test_source_port_follows_the_flow),
        cmocka_unit_test(test_pop_undoes_push_and_sets_metadata),
        cmocka_unit_test(test_pop_refuses_what_is_not_vxlan),
        cmocka_unit_test(test_pop_handles_ip_options_and_padding),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
