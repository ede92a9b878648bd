/* Tests for lib/flow_format.c.  The expected strings are what Open vSwitch
 * 3.1 prints for the same matches: checked with "ovs-ofctl -O OpenFlow13
 * parse-flow", or, for the inner VLAN tag (dl_vlan1, vlan_tci1) and the MPLS
 * stack (mpls_lse1), which parse-flow does not accept, seen in "ovs-ofctl
 * parse-pcap" output.  These are golden tests of compatibility, not of our
 * own output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lib/flow.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"

/* A match under construction: set a field's value and mask with SET(). */
struct builder {
    struct flow_key key;
    struct flow_mask mask;
};

#define SET(B, FIELD, VALUE, MASK)                                             \
    do {                                                                       \
        (B)->key.FIELD = (VALUE);                                              \
        (B)->mask.bits.FIELD = (MASK);                                         \
    } while (0)

static void
builder_init(struct builder *b)
{
    memset(b, 0, sizeof *b);
}

static void
set_eth(struct eth_addr *value, struct eth_addr *mask, const char *v,
        const char *m)
{
    unsigned int x[6];

    assert_int_equal(sscanf(v, "%x:%x:%x:%x:%x:%x", &x[0], &x[1], &x[2], &x[3],
                            &x[4], &x[5]),
                     6);
    for (int i = 0; i < 6; i++) {
        value->ea[i] = x[i];
    }
    assert_int_equal(sscanf(m, "%x:%x:%x:%x:%x:%x", &x[0], &x[1], &x[2], &x[3],
                            &x[4], &x[5]),
                     6);
    for (int i = 0; i < 6; i++) {
        mask->ea[i] = x[i];
    }
}

static void
set_ipv6(struct in6_addr *value, struct in6_addr *mask, const char *v,
         const char *m)
{
    assert_int_equal(inet_pton(AF_INET6, v, value), 1);
    assert_int_equal(inet_pton(AF_INET6, m, mask), 1);
}

static void
check(const struct builder *b, int priority, const char *expected)
{
    struct strbuf sb = STRBUF_INIT;
    struct flow_match match;

    flow_match_init(&match, &b->key, &b->mask);
    flow_format_match(&sb, &match, priority);
    assert_string_equal(strbuf_str(&sb), expected);
    strbuf_free(&sb);
}

static void
set_ip_proto(struct builder *b, uint16_t dl_type, uint8_t proto)
{
    SET(b, dl_type, htons(dl_type), UINT16_MAX);
    SET(b, nw_proto, proto, UINT8_MAX);
}

static void
test_catchall_prints_nothing_or_only_priority(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    check(&b, FLOW_DEFAULT_PRIORITY, "");
    check(&b, 0, "priority=0");
}

static void
test_tcp_with_cidr_and_arbitrary_masks(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x0800, 6);
    SET(&b, nw_src, htonl(0x0a000000), htonl(0xffffff00));
    SET(&b, nw_dst, htonl(0x0a010203), htonl(0xff00ff00));
    SET(&b, tp_dst, htons(80), UINT16_MAX);
    SET(&b, tcp_flags, htons(0x002), htons(0x012));
    check(&b, 100,
          "priority=100,tcp,nw_src=10.0.0.0/24,nw_dst=10.0.2.0/255.0.255.0,"
          "tp_dst=80,tcp_flags=+syn-ack");
}

static void
test_in_port_name_vlan_and_masked_mac(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, in_port, FLOW_PORT_LOCAL, UINT32_MAX);
    SET(&b, vlans[0].tci, htons(0x1000 | 0x6000 | 10), UINT16_MAX);
    set_eth(&b.key.dl_dst, &b.mask.bits.dl_dst, "01:00:00:00:00:00",
            "01:00:00:00:00:00");
    check(&b, FLOW_DEFAULT_PRIORITY,
          "in_port=LOCAL,dl_vlan=10,dl_vlan_pcp=3,"
          "dl_dst=01:00:00:00:00:00/01:00:00:00:00:00");
}

static void
test_vlan_vid_or_pcp_alone(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, vlans[0].tci, htons(0x1000 | 10), htons(0x1fff));
    check(&b, FLOW_DEFAULT_PRIORITY, "dl_vlan=10");
    builder_init(&b);
    SET(&b, vlans[0].tci, htons(0x1000 | 0xa000), htons(0xf000));
    check(&b, FLOW_DEFAULT_PRIORITY, "dl_vlan_pcp=5");
}

static void
test_vlan_tci_forms(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, vlans[0].tci, htons(0x1000), htons(0x1000));
    check(&b, FLOW_DEFAULT_PRIORITY, "vlan_tci=0x1000/0x1000");
    builder_init(&b);
    SET(&b, vlans[0].tci, 0, UINT16_MAX);
    check(&b, FLOW_DEFAULT_PRIORITY, "vlan_tci=0x0000");
}

static void
test_second_vlan_tag_names_end_in_one(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, vlans[0].tci, htons(0x1000 | 5), UINT16_MAX);
    SET(&b, vlans[1].tci, htons(0x1000 | 0x2000 | 6), UINT16_MAX);
    check(&b, FLOW_DEFAULT_PRIORITY,
          "dl_vlan=5,dl_vlan_pcp=0,dl_vlan1=6,dl_vlan_pcp1=1");
}

static void
test_registers_tunnel_metadata_in_order(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, regs[0], 5, UINT32_MAX);
    SET(&b, regs[3], 0x10, 0xf0);
    SET(&b, metadata, 0, 0xff);
    SET(&b, tun_id, pkt_htonll(5), UINT64_MAX);
    SET(&b, tun_src, htonl(0x01020304), UINT32_MAX);
    SET(&b, in_port, 3, UINT32_MAX);
    SET(&b, dl_type, htons(0x0800), UINT16_MAX);
    SET(&b, nw_frag, FLOW_NW_FRAG_MASK, FLOW_NW_FRAG_MASK);
    check(&b, FLOW_DEFAULT_PRIORITY,
          "ip,reg0=0x5,reg3=0x10/0xf0,tun_id=0x5,tun_src=1.2.3.4,"
          "metadata=0/0xff,in_port=3,nw_frag=later");
}

static void
test_ipv6_prefix_and_masked_label(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, dl_type, htons(0x86dd), UINT16_MAX);
    set_ipv6(&b.key.ipv6_src, &b.mask.bits.ipv6_src,
             "2001:db8::", "ffff:ffff::");
    SET(&b, ipv6_label, htonl(0x12), htonl(0xff));
    check(&b, FLOW_DEFAULT_PRIORITY,
          "ipv6,ipv6_src=2001:db8::/32,ipv6_label=0x00012/0x000ff");
}

static void
test_arp_fields_use_arp_names(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x0806, 1);
    SET(&b, nw_src, htonl(0x0a000001), UINT32_MAX);
    set_eth(&b.key.arp_sha, &b.mask.bits.arp_sha, "00:11:22:33:44:55",
            "ff:ff:ff:ff:ff:ff");
    check(&b, FLOW_DEFAULT_PRIORITY,
          "arp,arp_spa=10.0.0.1,arp_op=1,arp_sha=00:11:22:33:44:55");
}

static void
test_neighbor_discovery_fields(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x86dd, 58);
    SET(&b, tp_src, htons(135), UINT16_MAX);
    set_ipv6(&b.key.nd_target, &b.mask.bits.nd_target, "fe80::1",
             "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    set_eth(&b.key.arp_sha, &b.mask.bits.arp_sha, "00:11:22:33:44:55",
            "ff:ff:ff:ff:ff:ff");
    check(&b, FLOW_DEFAULT_PRIORITY,
          "icmp6,icmp_type=135,nd_target=fe80::1,nd_sll=00:11:22:33:44:55");
}

static void
test_mpls_fields(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, dl_type, htons(0x8847), UINT16_MAX);
    SET(&b, mpls_lse[0], htonl(5 << 12 | 0x100), htonl(0xfffff100));
    check(&b, FLOW_DEFAULT_PRIORITY, "mpls,mpls_label=5,mpls_bos=1");
}

static void
test_masked_port_is_hex(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x0800, 17);
    SET(&b, vlans[0].tci, 0, htons(0x1fff));
    SET(&b, tp_src, htons(0x10), htons(0xf0));
    check(&b, FLOW_DEFAULT_PRIORITY,
          "udp,vlan_tci=0x0000/0x1fff,tp_src=0x10/0xf0");
}

static void
test_tos_ecn_ttl_and_fragment_forms(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, dl_type, htons(0x0800), UINT16_MAX);
    SET(&b, nw_tos, 32 | 1, UINT8_MAX);
    SET(&b, nw_ttl, 5, UINT8_MAX);
    SET(&b, nw_frag, FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK);
    check(&b, FLOW_DEFAULT_PRIORITY,
          "ip,nw_tos=32,nw_ecn=1,nw_ttl=5,nw_frag=first");
    builder_init(&b);
    SET(&b, dl_type, htons(0x0800), UINT16_MAX);
    SET(&b, nw_frag, 0, FLOW_NW_FRAG_LATER);
    check(&b, FLOW_DEFAULT_PRIORITY, "ip,nw_frag=not_later");
    SET(&b, nw_frag, FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY);
    check(&b, FLOW_DEFAULT_PRIORITY, "ip,nw_frag=yes");
}

static void
test_tcp_flags_under_full_mask(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x86dd, 6);
    SET(&b, tcp_flags, htons(0x012), htons(0x0fff));
    check(&b, FLOW_DEFAULT_PRIORITY, "tcp6,tcp_flags=syn|ack");
    SET(&b, tcp_flags, 0, htons(0x0fff));
    check(&b, FLOW_DEFAULT_PRIORITY, "tcp6,tcp_flags=0");
    SET(&b, tcp_flags, htons(0xe01), htons(0x0fff));
    check(&b, FLOW_DEFAULT_PRIORITY, "tcp6,tcp_flags=fin|[200]|[400]|[800]");
}

/* An exact mask covers all 16 bits of tcp_flags, of which only 12 exist;
 * the printer must ignore the rest rather than look up names for them. */
static void
test_tcp_flags_beyond_twelve_bits_are_ignored(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x0800, 6);
    SET(&b, tcp_flags, htons(0xf002), UINT16_MAX);
    check(&b, FLOW_DEFAULT_PRIORITY, "tcp,tcp_flags=syn");
}

static void
test_exact_mask_prints_every_field_of_a_tcp_packet(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct flow_match match;
    struct flow_mask exact;
    struct flow_key key;
    (void) state;

    memset(&key, 0, sizeof key);
    key.in_port = 2;
    key.dl_type = htons(0x0800);
    key.nw_proto = 6;
    key.nw_src = htonl(0x01020304);
    key.tp_dst = htons(443);
    key.tcp_flags = htons(0x0010);
    flow_mask_exact(&exact);
    flow_match_init(&match, &key, &exact);
    flow_format_match(&sb, &match, FLOW_DEFAULT_PRIORITY);
    assert_string_equal(
        strbuf_str(&sb),
        "tcp,reg0=0,reg1=0,reg2=0,reg3=0,reg4=0,reg5=0,reg6=0,reg7=0,"
        "tun_id=0,tun_src=0.0.0.0,tun_dst=0.0.0.0,metadata=0,in_port=2,"
        "vlan_tci=0x0000,vlan_tci1=0x0000,dl_src=00:00:00:00:00:00,"
        "dl_dst=00:00:00:00:00:00,nw_src=1.2.3.4,nw_dst=0.0.0.0,nw_tos=0,"
        "nw_ecn=0,nw_ttl=0,mpls_label=0,mpls_tc=0,mpls_ttl=0,mpls_bos=0,"
        "mpls_lse1=0,mpls_lse2=0,nw_frag=no,tp_src=0,tp_dst=443,"
        "tcp_flags=ack");
    strbuf_free(&sb);
}

static void
test_unknown_ethertype_prints_dl_type(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    SET(&b, dl_type, htons(0x88cc), UINT16_MAX);
    SET(&b, nw_proto, 0, 0);
    check(&b, FLOW_DEFAULT_PRIORITY, "dl_type=0x88cc");
}

static void
test_ip_with_other_protocol_prints_nw_proto(void **state)
{
    struct builder b;
    (void) state;

    builder_init(&b);
    set_ip_proto(&b, 0x0800, 47);
    check(&b, FLOW_DEFAULT_PRIORITY, "ip,nw_proto=47");
    set_ip_proto(&b, 0x86dd, 1); /* ICMPv4 inside IPv6 is not icmp6. */
    check(&b, FLOW_DEFAULT_PRIORITY, "ipv6,nw_proto=1");
}

static void
test_packet_format_matches_ovs_parse_pcap(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct flow_key key;
    (void) state;

    /* The line ovs-ofctl parse-pcap prints for a UDP packet on VLAN 10. */
    memset(&key, 0, sizeof key);
    key.in_port = FLOW_PORT_ANY;
    key.dl_src.ea[5] = 5;
    key.dl_dst.ea[0] = 0x0a;
    key.dl_type = htons(0x0800);
    key.vlans[0].tpid = htons(0x8100);
    key.vlans[0].tci = htons(0x1000 | 0x6000 | 10);
    key.nw_src = htonl(0x7f000001);
    key.nw_dst = htonl(0x7f000001);
    key.nw_ttl = 64;
    key.nw_proto = 17;
    key.tp_src = htons(53);
    key.tp_dst = htons(53);
    flow_format_packet(&sb, &key);
    assert_string_equal(strbuf_str(&sb),
                        "udp,in_port=ANY,dl_vlan=10,dl_vlan_pcp=3,"
                        "vlan_tci1=0x0000,dl_src=00:00:00:00:00:05,"
                        "dl_dst=0a:00:00:00:00:00,nw_src=127.0.0.1,"
                        "nw_dst=127.0.0.1,nw_tos=0,nw_ecn=0,nw_ttl=64,"
                        "nw_frag=no,tp_src=53,tp_dst=53");
    strbuf_free(&sb);
}

static void
test_packet_format_omits_zero_in_port(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct flow_key key;
    (void) state;

    memset(&key, 0, sizeof key);
    key.dl_type = htons(0x9000);
    flow_format_packet(&sb, &key);
    assert_string_equal(strbuf_str(&sb),
                        "vlan_tci=0x0000,dl_src=00:00:00:00:00:00,"
                        "dl_dst=00:00:00:00:00:00,dl_type=0x9000");
    strbuf_free(&sb);
}

static void
test_reserved_port_names(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    flow_format_port(&sb, FLOW_PORT_CONTROLLER);
    strbuf_putc(&sb, ' ');
    flow_format_port(&sb, FLOW_PORT_IN_PORT);
    strbuf_putc(&sb, ' ');
    flow_format_port(&sb, 65280);
    assert_string_equal(strbuf_str(&sb), "CONTROLLER IN_PORT 65280");
    assert_null(flow_port_name(1));
    assert_string_equal(flow_port_name(FLOW_PORT_NORMAL), "NORMAL");
    strbuf_free(&sb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catchall_prints_nothing_or_only_priority),
        cmocka_unit_test(test_tcp_with_cidr_and_arbitrary_masks),
        cmocka_unit_test(test_in_port_name_vlan_and_masked_mac),
        cmocka_unit_test(test_vlan_vid_or_pcp_alone),
        cmocka_unit_test(test_vlan_tci_forms),
        cmocka_unit_test(test_second_vlan_tag_names_end_in_one),
        cmocka_unit_test(test_registers_tunnel_metadata_in_order),
        cmocka_unit_test(test_ipv6_prefix_and_masked_label),
        cmocka_unit_test(test_arp_fields_use_arp_names),
        cmocka_unit_test(test_neighbor_discovery_fields),
        cmocka_unit_test(test_mpls_fields),
        cmocka_unit_test(test_masked_port_is_hex),
        cmocka_unit_test(test_tos_ecn_ttl_and_fragment_forms),
        cmocka_unit_test(test_tcp_flags_under_full_mask),
        cmocka_unit_test(test_tcp_flags_beyond_twelve_bits_are_ignored),
        cmocka_unit_test(test_exact_mask_prints_every_field_of_a_tcp_packet),
        cmocka_unit_test(test_unknown_ethertype_prints_dl_type),
        cmocka_unit_test(test_ip_with_other_protocol_prints_nw_proto),
        cmocka_unit_test(test_packet_format_matches_ovs_parse_pcap),
        cmocka_unit_test(test_packet_format_omits_zero_in_port),
        cmocka_unit_test(test_reserved_port_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
