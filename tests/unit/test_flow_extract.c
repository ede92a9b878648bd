/* Tests for lib/flow_extract.c: each protocol's fields, the partial keys of
 * truncated and malformed packets, and staying inside the buffer.
 *
 * Packets are built byte by byte here (not with the code under test), and
 * every parse runs on an exact-size heap copy so that AddressSanitizer
 * catches any read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lib/flow.h"
#include "lib/flow_extract.h"

struct pkt {
    uint8_t b[512];
    size_t n;
};

static void
put(struct pkt *p, const void *data, size_t n)
{
    assert_true(p->n + n <= sizeof p->b);
    memcpy(p->b + p->n, data, n);
    p->n += n;
}

static void
put8(struct pkt *p, uint8_t v)
{
    put(p, &v, 1);
}

static void
put16(struct pkt *p, uint16_t v)
{
    put8(p, v >> 8);
    put8(p, v & 0xff);
}

static void
put32(struct pkt *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p, v & 0xffff);
}

static void
put_zeros(struct pkt *p, size_t n)
{
    static const uint8_t zeros[256];
    assert_true(n <= sizeof zeros);
    put(p, zeros, n);
}

static const uint8_t mac_dst[6] = {0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
static const uint8_t mac_src[6] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05};

static void
put_eth(struct pkt *p, uint16_t type)
{
    put(p, mac_dst, 6);
    put(p, mac_src, 6);
    put16(p, type);
}

/* IPv4 header without options; total length covers 'payload' bytes. */
static void
put_ipv4(struct pkt *p, uint8_t proto, uint16_t frag_off, uint16_t payload)
{
    put8(p, 0x45);
    put8(p, 0xb9); /* DSCP 46, ECN 1. */
    put16(p, 20 + payload);
    put16(p, 0x1234);
    put16(p, frag_off);
    put8(p, 64);
    put8(p, proto);
    put16(p, 0);
    put32(p, 0x0a000001);
    put32(p, 0xc0a80102);
}

static void
put_ipv6(struct pkt *p, uint8_t next, uint16_t payload)
{
    static const uint8_t src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
    static const uint8_t dst[16] = {0xfe, 0x80, [15] = 2};

    put32(p, 0x6b912345); /* Traffic class 0xb9, label 0x12345. */
    put16(p, payload);
    put8(p, next);
    put8(p, 255);
    put(p, src, 16);
    put(p, dst, 16);
}

static void
put_tcp(struct pkt *p, uint16_t src, uint16_t dst, uint16_t offset_flags)
{
    put16(p, src);
    put16(p, dst);
    put32(p, 1);
    put32(p, 0);
    put16(p, offset_flags);
    put16(p, 1024);
    put32(p, 0);
}

/* Parses the first 'n' bytes of 'p' from an exact-size heap copy. */
static void
parse_n(const struct pkt *p, size_t n, struct flow_key *key,
        struct flow_offsets *ofs)
{
    uint8_t *copy = malloc(n ? n : 1);

    memcpy(copy, p->b, n);
    flow_extract(copy, n, 7, key, ofs);
    free(copy);
}

static void
parse(const struct pkt *p, struct flow_key *key)
{
    parse_n(p, p->n, key, NULL);
}

static void
test_short_frame_yields_only_metadata(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key, zero;
    (void) state;

    put_eth(&p, 0x0800);
    memset(&zero, 0, sizeof zero);
    zero.in_port = 7;
    for (size_t n = 0; n < 14; n++) {
        parse_n(&p, n, &key, NULL);
        assert_memory_equal(&key, &zero, sizeof key);
    }
}

static void
test_ethernet_addresses_and_type(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    struct flow_offsets ofs;
    (void) state;

    put_eth(&p, 0x9000);
    parse_n(&p, p.n, &key, &ofs);
    assert_memory_equal(&key.dl_dst, mac_dst, 6);
    assert_memory_equal(&key.dl_src, mac_src, 6);
    assert_int_equal(ntohs(key.dl_type), 0x9000);
    assert_int_equal(key.in_port, 7);
    assert_int_equal(ofs.l3, 14);
    assert_int_equal(ofs.l4, FLOW_OFS_NONE);
}

static void
test_llc_snap_gives_encapsulated_type(void **state)
{
    static const uint8_t snap[8] = {0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06};
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 100); /* 802.3 length field. */
    put(&p, snap, sizeof snap);
    parse(&p, &key);
    assert_int_equal(ntohs(key.dl_type), 0x0806);
}

static void
test_llc_without_snap_gives_type_none(void **state)
{
    static const uint8_t llc[8] = {0x42, 0x42, 0x03, 0, 0, 0, 0x08, 0x00};
    static const uint8_t snap_oui[8] = {0xaa, 0xaa, 0x03, 0, 0, 1, 8, 0};
    struct pkt p = {.n = 0}, q = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 100);
    put(&p, llc, sizeof llc);
    parse(&p, &key);
    assert_int_equal(ntohs(key.dl_type), 0x05ff);

    put_eth(&q, 100);
    put(&q, snap_oui, sizeof snap_oui);
    parse(&q, &key);
    assert_int_equal(ntohs(key.dl_type), 0x05ff);
}

static void
test_two_vlan_tags_are_parsed_a_third_is_not(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put(&p, mac_dst, 6);
    put(&p, mac_src, 6);
    put16(&p, 0x88a8);
    put16(&p, 0x6000 | 100); /* PCP 3, VID 100. */
    put16(&p, 0x8100);
    put16(&p, 0x1000 | 200); /* DEI set, VID 200. */
    put16(&p, 0x8100);
    put16(&p, 300);
    put16(&p, 0x0800);
    parse(&p, &key);
    assert_int_equal(ntohs(key.vlans[0].tpid), 0x88a8);
    assert_int_equal(ntohs(key.vlans[0].tci), 0x6000 | 0x1000 | 100);
    assert_int_equal(ntohs(key.vlans[1].tpid), 0x8100);
    assert_int_equal(ntohs(key.vlans[1].tci), 0x1000 | 200);
    assert_int_equal(ntohs(key.dl_type), 0x8100);
}

static void
test_vlan_tag_needs_room_for_the_next_type(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 0x8100);
    put16(&p, 5);
    put16(&p, 0x0800);
    parse_n(&p, 16, &key, NULL); /* Tag present, inner type missing. */
    assert_int_equal(key.vlans[0].tci, 0);
    assert_int_equal(ntohs(key.dl_type), 0x8100);
    parse_n(&p, 18, &key, NULL);
    assert_int_equal(ntohs(key.vlans[0].tci), 0x1000 | 5);
    assert_int_equal(ntohs(key.dl_type), 0x0800);
}

static void
test_mpls_keeps_three_labels_up_to_bottom_of_stack(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    struct flow_offsets ofs;
    (void) state;

    put_eth(&p, 0x8847);
    put32(&p, 100 << 12 | 64);
    put32(&p, 200 << 12 | 63);
    put32(&p, 300 << 12 | 62);
    put32(&p, 400 << 12 | 0x100 | 61);
    put32(&p, 0xdeadbeef); /* Payload: not a label. */
    parse_n(&p, p.n, &key, &ofs);
    assert_int_equal(ntohl(key.mpls_lse[0]), 100 << 12 | 64);
    assert_int_equal(ntohl(key.mpls_lse[2]), 300 << 12 | 62);
    assert_int_equal(ofs.l2_5, 14);
    assert_int_equal(ofs.l3, 30);
    assert_int_equal(key.nw_proto, 0);
}

static void
put_arp(struct pkt *p, uint16_t hrd, uint8_t hln, uint16_t op)
{
    put_eth(p, 0x0806);
    put16(p, hrd);
    put16(p, 0x0800);
    put8(p, hln);
    put8(p, 4);
    put16(p, op);
    put(p, mac_src, 6);
    put32(p, 0x0a000001);
    put(p, mac_dst, 6);
    put32(p, 0x0a000002);
}

static void
test_arp_fields(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_arp(&p, 1, 6, 2);
    parse(&p, &key);
    assert_int_equal(ntohl(key.nw_src), 0x0a000001);
    assert_int_equal(ntohl(key.nw_dst), 0x0a000002);
    assert_int_equal(key.nw_proto, 2);
    assert_memory_equal(&key.arp_sha, mac_src, 6);
    assert_memory_equal(&key.arp_tha, mac_dst, 6);
}

static void
test_arp_opcode_above_255_is_zero(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_arp(&p, 1, 6, 0x102);
    parse(&p, &key);
    assert_int_equal(key.nw_proto, 0);
    assert_int_equal(ntohl(key.nw_src), 0x0a000001);
}

static void
test_arp_for_other_hardware_is_ignored(void **state)
{
    struct pkt p = {.n = 0}, q = {.n = 0};
    struct flow_key key;
    (void) state;

    put_arp(&p, 6, 6, 1);
    parse(&p, &key);
    assert_int_equal(key.nw_src, 0);
    assert_int_equal(key.nw_proto, 0);
    put_arp(&q, 1, 8, 1);
    parse(&q, &key);
    assert_int_equal(key.nw_src, 0);
}

static void
test_ipv4_tcp_fields_and_offsets(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    struct flow_offsets ofs;
    (void) state;

    put_eth(&p, 0x0800);
    put_ipv4(&p, 6, 0x4000, 20); /* DF is not a fragment. */
    put_tcp(&p, 1234, 80, 0x5000 | 0x0e00 | 0x0012);
    parse_n(&p, p.n, &key, &ofs);
    assert_int_equal(ntohl(key.nw_src), 0x0a000001);
    assert_int_equal(ntohl(key.nw_dst), 0xc0a80102);
    assert_int_equal(key.nw_tos, 0xb9);
    assert_int_equal(key.nw_ttl, 64);
    assert_int_equal(key.nw_proto, 6);
    assert_int_equal(key.nw_frag, 0);
    assert_int_equal(ntohs(key.tp_src), 1234);
    assert_int_equal(ntohs(key.tp_dst), 80);
    /* SYN|ACK plus the three reserved bits; the data offset is dropped. */
    assert_int_equal(ntohs(key.tcp_flags), 0x0e12);
    assert_int_equal(ofs.l3, 14);
    assert_int_equal(ofs.l4, 34);
}

static void
test_tcp_with_bad_data_offset_has_no_ports(void **state)
{
    struct pkt p = {.n = 0}, q = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 0x0800);
    put_ipv4(&p, 6, 0, 20);
    put_tcp(&p, 1, 2, 0x4000 | 0x02); /* Offset 16 bytes < 20. */
    parse(&p, &key);
    assert_int_equal(key.nw_proto, 6);
    assert_int_equal(key.tp_src, 0);
    assert_int_equal(key.tcp_flags, 0);

    put_eth(&q, 0x0800);
    put_ipv4(&q, 6, 0, 20);
    put_tcp(&q, 1, 2, 0xf000 | 0x02); /* Offset 60 bytes > segment. */
    parse(&q, &key);
    assert_int_equal(key.tp_src, 0);
}

static void
test_ipv4_options_move_the_transport_header(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    struct flow_offsets ofs;
    (void) state;

    put_eth(&p, 0x0800);
    put8(&p, 0x47); /* IHL 7: 8 bytes of options. */
    put8(&p, 0);
    put16(&p, 28 + 8);
    put32(&p, 0);
    put8(&p, 1);
    put8(&p, 17);
    put16(&p, 0);
    put32(&p, 0x01020304);
    put32(&p, 0x05060708);
    put32(&p, 0x01010101); /* NOP options. */
    put32(&p, 0x01010100);
    put16(&p, 53);
    put16(&p, 5353);
    put32(&p, 0);
    parse_n(&p, p.n, &key, &ofs);
    assert_int_equal(ofs.l4, 14 + 28);
    assert_int_equal(ntohs(key.tp_src), 53);
    assert_int_equal(ntohs(key.tp_dst), 5353);
}

static void
test_ipv4_fragments(void **state)
{
    struct pkt first = {.n = 0}, later = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&first, 0x0800);
    put_ipv4(&first, 17, 0x2000, 8);
    put16(&first, 1);
    put16(&first, 2);
    put32(&first, 0);
    parse(&first, &key);
    assert_int_equal(key.nw_frag, FLOW_NW_FRAG_ANY);
    assert_int_equal(ntohs(key.tp_dst), 2);

    put_eth(&later, 0x0800);
    put_ipv4(&later, 17, 185, 8);
    put16(&later, 1);
    put16(&later, 2);
    put32(&later, 0);
    parse(&later, &key);
    assert_int_equal(key.nw_frag, FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
    assert_int_equal(key.nw_proto, 17);
    assert_int_equal(key.tp_src, 0);
    assert_int_equal(key.tp_dst, 0);
}

static void
test_invalid_ipv4_header_leaves_l3_zero(void **state)
{
    struct pkt bad_ihl = {.n = 0}, long_total = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&bad_ihl, 0x0800);
    put_ipv4(&bad_ihl, 17, 0, 8);
    bad_ihl.b[14] = 0x44;
    put_zeros(&bad_ihl, 8);
    parse(&bad_ihl, &key);
    assert_int_equal(ntohs(key.dl_type), 0x0800);
    assert_int_equal(key.nw_src, 0);
    assert_int_equal(key.nw_ttl, 0);

    put_eth(&long_total, 0x0800);
    put_ipv4(&long_total, 17, 0, 100); /* Says 120 bytes, has 28. */
    put_zeros(&long_total, 8);
    parse(&long_total, &key);
    assert_int_equal(key.nw_src, 0);
}

static void
test_ethernet_padding_is_not_transport_data(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    /* A UDP datagram whose IP total length leaves out 4 bytes of the UDP
     * header: the padding after it must not complete the header. */
    put_eth(&p, 0x0800);
    put_ipv4(&p, 17, 0, 4);
    put16(&p, 1);
    put16(&p, 2);
    put_zeros(&p, 30);
    parse(&p, &key);
    assert_int_equal(ntohl(key.nw_src), 0x0a000001);
    assert_int_equal(key.tp_src, 0);
}

static void
test_ipv6_udp_fields(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    struct flow_offsets ofs;
    (void) state;

    put_eth(&p, 0x86dd);
    put_ipv6(&p, 17, 8);
    put16(&p, 546);
    put16(&p, 547);
    put32(&p, 0);
    parse_n(&p, p.n, &key, &ofs);
    assert_int_equal(key.ipv6_src.s6_addr[0], 0x20);
    assert_int_equal(key.ipv6_src.s6_addr[15], 1);
    assert_int_equal(key.ipv6_dst.s6_addr[0], 0xfe);
    assert_int_equal(ntohl(key.ipv6_label), 0x12345);
    assert_int_equal(key.nw_tos, 0xb9);
    assert_int_equal(key.nw_ttl, 255);
    assert_int_equal(key.nw_proto, 17);
    assert_int_equal(ntohs(key.tp_src), 546);
    assert_int_equal(ofs.l4, 54);
}

static void
test_ipv6_extension_headers_are_skipped(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    struct flow_offsets ofs;
    (void) state;

    put_eth(&p, 0x86dd);
    put_ipv6(&p, 0, 8 + 16 + 8 + 16 + 20);
    put8(&p, 43); /* Hop-by-hop, 8 bytes. */
    put8(&p, 0);
    put_zeros(&p, 6);
    put8(&p, 60); /* Routing, 16 bytes. */
    put8(&p, 1);
    put_zeros(&p, 14);
    put8(&p, 51); /* Destination options, 8 bytes. */
    put8(&p, 0);
    put_zeros(&p, 6);
    put8(&p, 6); /* AH, (2 + 2) * 4 = 16 bytes. */
    put8(&p, 2);
    put_zeros(&p, 14);
    put_tcp(&p, 22, 2222, 0x5010);
    parse_n(&p, p.n, &key, &ofs);
    assert_int_equal(key.nw_proto, 6);
    assert_int_equal(ntohs(key.tp_dst), 2222);
    assert_int_equal(ofs.l4, 54 + 48);
}

static void
test_ipv6_later_fragment_reports_fragment_protocol(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 0x86dd);
    put_ipv6(&p, 44, 16);
    put8(&p, 17);
    put8(&p, 0);
    put16(&p, 100 << 3 | 1); /* Offset 800, more fragments. */
    put32(&p, 99);
    put_zeros(&p, 8);
    parse(&p, &key);
    assert_int_equal(key.nw_frag, FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
    assert_int_equal(key.nw_proto, 44);
    assert_int_equal(key.tp_src, 0);
}

static void
test_ipv6_first_fragment_parses_transport(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 0x86dd);
    put_ipv6(&p, 44, 16);
    put8(&p, 17);
    put8(&p, 0);
    put16(&p, 1); /* Offset 0, more fragments. */
    put32(&p, 99);
    put16(&p, 7);
    put16(&p, 9);
    put32(&p, 0);
    parse(&p, &key);
    assert_int_equal(key.nw_frag, FLOW_NW_FRAG_ANY);
    assert_int_equal(key.nw_proto, 17);
    assert_int_equal(ntohs(key.tp_dst), 9);
}

static void
test_truncated_ipv6_extension_header_keeps_only_addresses(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 0x86dd);
    put_ipv6(&p, 0, 8);
    put8(&p, 17);
    put8(&p, 1); /* Claims 16 bytes; 8 are there. */
    put_zeros(&p, 6);
    parse(&p, &key);
    assert_int_equal(key.ipv6_src.s6_addr[0], 0x20);
    assert_int_equal(key.nw_proto, 0);
    assert_int_equal(key.nw_ttl, 0);
    assert_int_equal(key.ipv6_label, 0);
}

static void
put_nd(struct pkt *p, uint8_t type, size_t options_len)
{
    static const uint8_t target[16] = {0xfe, 0x80, [15] = 9};

    put_eth(p, 0x86dd);
    put_ipv6(p, 58, 24 + options_len);
    put8(p, type);
    put8(p, 0);
    put16(p, 0);
    put32(p, 0x60000000);
    put(p, target, 16);
}

static void
put_lla_option(struct pkt *p, uint8_t type, const uint8_t mac[6])
{
    put8(p, type);
    put8(p, 1);
    put(p, mac, 6);
}

static void
test_neighbor_discovery_target_and_addresses(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_nd(&p, 136, 24);
    put8(&p, 99); /* Unknown option, skipped. */
    put8(&p, 1);
    put_zeros(&p, 6);
    put_lla_option(&p, 2, mac_dst);
    put_lla_option(&p, 1, mac_src);
    parse(&p, &key);
    assert_int_equal(ntohs(key.tp_src), 136);
    assert_int_equal(key.nd_target.s6_addr[15], 9);
    assert_memory_equal(&key.arp_sha, mac_src, 6);
    assert_memory_equal(&key.arp_tha, mac_dst, 6);
}

static void
test_neighbor_discovery_repeated_option_invalidates(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_nd(&p, 135, 16);
    put_lla_option(&p, 1, mac_src);
    put_lla_option(&p, 1, mac_dst);
    parse(&p, &key);
    assert_int_equal(ntohs(key.tp_src), 135);
    assert_int_equal(key.nd_target.s6_addr[15], 0);
    assert_true(pkt_eth_addr_is_zero(&key.arp_sha));
}

static void
test_neighbor_discovery_zero_length_option_stops(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_nd(&p, 135, 16);
    put8(&p, 1);
    put8(&p, 0);
    put_zeros(&p, 6);
    put_lla_option(&p, 1, mac_src);
    parse(&p, &key);
    assert_int_equal(key.nd_target.s6_addr[15], 9);
    assert_true(pkt_eth_addr_is_zero(&key.arp_sha));
}

static void
test_icmp_type_and_code_go_to_ports(void **state)
{
    struct pkt p = {.n = 0};
    struct flow_key key;
    (void) state;

    put_eth(&p, 0x0800);
    put_ipv4(&p, 1, 0, 8);
    put8(&p, 3);
    put8(&p, 13);
    put16(&p, 0);
    put32(&p, 0);
    parse(&p, &key);
    assert_int_equal(ntohs(key.tp_src), 3);
    assert_int_equal(ntohs(key.tp_dst), 13);
}

/* Every prefix of every packet above parses without reading past its end
 * (checked by AddressSanitizer) and never yields more than the full packet:
 * a field set in the prefix's key has the same value in the full key. */
static void
check_prefixes(const struct pkt *p)
{
    struct flow_key full, part;

    parse(p, &full);
    for (size_t n = 0; n <= p->n; n++) {
        const uint8_t *a, *b;

        parse_n(p, n, &part, NULL);
        a = (const uint8_t *) &part;
        b = (const uint8_t *) &full;
        for (size_t i = 0; i < sizeof part; i++) {
            /* Truncation can only clear fields, except that a truncated
             * frame may show an outer EtherType as the final type. */
            if (a[i] && a[i] != b[i] && i != offsetof(struct flow_key, dl_type)
                && i != offsetof(struct flow_key, dl_type) + 1) {
                fail_msg("prefix of %zu bytes set byte %zu of the key", n, i);
            }
        }
    }
}

static void
test_every_truncation_stays_in_bounds(void **state)
{
    struct pkt tcp = {.n = 0}, nd = {.n = 0}, arp = {.n = 0};
    (void) state;

    put_eth(&tcp, 0x8100);
    put16(&tcp, 10);
    put16(&tcp, 0x0800);
    put_ipv4(&tcp, 6, 0, 20);
    put_tcp(&tcp, 1, 2, 0x5002);
    check_prefixes(&tcp);

    put_nd(&nd, 135, 8);
    put_lla_option(&nd, 1, mac_src);
    check_prefixes(&nd);

    put_arp(&arp, 1, 6, 1);
    check_prefixes(&arp);
}

static void
test_every_truncation_of_ipv6_extensions_and_mpls_stays_in_bounds(void **state)
{
    struct pkt ext = {.n = 0}, mpls = {.n = 0};
    (void) state;

    put_eth(&ext, 0x86dd);
    put_ipv6(&ext, 0, 8 + 8 + 8);
    put8(&ext, 44); /* Hop-by-hop, then a first fragment. */
    put8(&ext, 0);
    put_zeros(&ext, 6);
    put8(&ext, 17);
    put8(&ext, 0);
    put16(&ext, 1);
    put32(&ext, 7);
    put16(&ext, 53);
    put16(&ext, 53);
    put32(&ext, 0);
    check_prefixes(&ext);

    put_eth(&mpls, 0x8848);
    put32(&mpls, 1 << 12 | 5);
    put32(&mpls, 2 << 12 | 0x100 | 5);
    put32(&mpls, 0x45000000);
    check_prefixes(&mpls);
}

static void
test_burst_of_zero_or_one_packet(void **state)
{
    struct pkt p = {.n = 0};
    const void *data[1] = {p.b};
    uint32_t sizes[1] = {0};
    struct flow_key key, one, untouched;
    (void) state;

    memset(&key, 0xa5, sizeof key);
    untouched = key;
    flow_extract_burst(data, sizes, 0, 7, &key, NULL);
    assert_memory_equal(&key, &untouched, sizeof key);

    put_arp(&p, 1, 6, 1);
    sizes[0] = p.n;
    flow_extract_burst(data, sizes, 1, 7, &key, NULL);
    flow_extract(p.b, p.n, 7, &one, NULL);
    assert_true(flow_equal(&key, &one));
}

static void
test_burst_matches_single_packet_parse(void **state)
{
    struct pkt p[3] = {{.n = 0}, {.n = 0}, {.n = 0}};
    const void *data[3];
    uint32_t sizes[3];
    struct flow_key keys[3], one;
    struct flow_offsets ofs[3], one_ofs;
    (void) state;

    put_arp(&p[0], 1, 6, 1);
    put_eth(&p[1], 0x0800);
    put_ipv4(&p[1], 17, 0, 8);
    put_zeros(&p[1], 8);
    put_nd(&p[2], 136, 0);
    for (int i = 0; i < 3; i++) {
        data[i] = p[i].b;
        sizes[i] = p[i].n;
    }
    flow_extract_burst(data, sizes, 3, 7, keys, ofs);
    for (int i = 0; i < 3; i++) {
        flow_extract(p[i].b, p[i].n, 7, &one, &one_ofs);
        assert_true(flow_equal(&keys[i], &one));
        assert_memory_equal(&ofs[i], &one_ofs, sizeof one_ofs);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_frame_yields_only_metadata),
        cmocka_unit_test(test_ethernet_addresses_and_type),
        cmocka_unit_test(test_llc_snap_gives_encapsulated_type),
        cmocka_unit_test(test_llc_without_snap_gives_type_none),
        cmocka_unit_test(test_two_vlan_tags_are_parsed_a_third_is_not),
        cmocka_unit_test(test_vlan_tag_needs_room_for_the_next_type),
        cmocka_unit_test(test_mpls_keeps_three_labels_up_to_bottom_of_stack),
        cmocka_unit_test(test_arp_fields),
        cmocka_unit_test(test_arp_opcode_above_255_is_zero),
        cmocka_unit_test(test_arp_for_other_hardware_is_ignored),
        cmocka_unit_test(test_ipv4_tcp_fields_and_offsets),
        cmocka_unit_test(test_tcp_with_bad_data_offset_has_no_ports),
        cmocka_unit_test(test_ipv4_options_move_the_transport_header),
        cmocka_unit_test(test_ipv4_fragments),
        cmocka_unit_test(test_invalid_ipv4_header_leaves_l3_zero),
        cmocka_unit_test(test_ethernet_padding_is_not_transport_data),
        cmocka_unit_test(test_ipv6_udp_fields),
        cmocka_unit_test(test_ipv6_extension_headers_are_skipped),
        cmocka_unit_test(test_ipv6_later_fragment_reports_fragment_protocol),
        cmocka_unit_test(test_ipv6_first_fragment_parses_transport),
        cmocka_unit_test(
            test_truncated_ipv6_extension_header_keeps_only_addresses),
        cmocka_unit_test(test_neighbor_discovery_target_and_addresses),
        cmocka_unit_test(test_neighbor_discovery_repeated_option_invalidates),
        cmocka_unit_test(test_neighbor_discovery_zero_length_option_stops),
        cmocka_unit_test(test_icmp_type_and_code_go_to_ports),
        cmocka_unit_test(test_every_truncation_stays_in_bounds),
        cmocka_unit_test(
            test_every_truncation_of_ipv6_extensions_and_mpls_stays_in_bounds),
        cmocka_unit_test(test_burst_of_zero_or_one_packet),
        cmocka_unit_test(test_burst_matches_single_packet_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
