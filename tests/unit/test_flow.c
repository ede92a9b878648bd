/* Tests for lib/flow.c: equality, hashing and masking of flow keys, checked
 * against a trivial byte-by-byte reference, and the per-packet mask. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lib/flow.h"

/* Fills 'key' with pseudo-random bytes from 'seed' (padding stays zero, as
 * in every key the switch builds). */
static void
random_key(struct flow_key *key, uint32_t *seed)
{
    uint8_t *b = (uint8_t *) key;

    for (size_t i = 0; i < sizeof *key; i++) {
        *seed = *seed * 1103515245 + 12345;
        b[i] = *seed >> 16;
    }
    key->pad0 = key->pad1 = key->pad2 = 0;
}

static bool
ref_equal_masked(const struct flow_key *a, const struct flow_key *b,
                 const struct flow_mask *m)
{
    const uint8_t *pa = (const uint8_t *) a;
    const uint8_t *pb = (const uint8_t *) b;
    const uint8_t *pm = (const uint8_t *) &m->bits;

    for (size_t i = 0; i < sizeof *a; i++) {
        if ((pa[i] ^ pb[i]) & pm[i]) {
            return false;
        }
    }
    return true;
}

static void
test_equal_keys_are_equal_and_hash_alike(void **state)
{
    struct flow_key a, b;
    uint32_t seed = 1;
    (void) state;

    random_key(&a, &seed);
    b = a;
    assert_true(flow_equal(&a, &b));
    assert_int_equal(flow_hash(&a, 0), flow_hash(&b, 0));
    b.tp_dst ^= htons(1);
    assert_false(flow_equal(&a, &b));
    assert_int_not_equal(flow_hash(&a, 0), flow_hash(&b, 0));
}

static void
test_masked_equality_agrees_with_reference(void **state)
{
    uint32_t seed = 42;
    int n_equal = 0;
    (void) state;

    for (int i = 0; i < 20000; i++) {
        struct flow_key a, b;
        struct flow_mask m;

        random_key(&a, &seed);
        random_key(&m.bits, &seed);
        b = a;
        /* Flip one random bit: in or out of the mask. */
        ((uint8_t *) &b)[seed % sizeof b] ^= 1 << (seed >> 8) % 8;
        if (i % 3 == 0) {
            b = a;
        }
        assert_int_equal(flow_equal_masked(&a, &b, &m),
                         ref_equal_masked(&a, &b, &m));
        n_equal += flow_equal_masked(&a, &b, &m);
    }
    /* Both outcomes were exercised. */
    assert_true(n_equal > 5000 && n_equal < 20000);
}

static void
test_masked_hash_ignores_bits_outside_mask(void **state)
{
    struct flow_key a, b;
    struct flow_mask m;
    uint32_t seed = 7;
    (void) state;

    random_key(&a, &seed);
    b = a;
    flow_mask_catchall(&m);
    m.bits.nw_src = htonl(0xffffff00);
    b.nw_src ^= htonl(0xff);   /* Outside the /24. */
    b.tp_src ^= htons(0x1234); /* Not in the mask at all. */
    assert_true(flow_equal_masked(&a, &b, &m));
    assert_int_equal(flow_hash_masked(&a, &m, 9), flow_hash_masked(&b, &m, 9));
    b.nw_src ^= htonl(0x100); /* Inside the /24. */
    assert_false(flow_equal_masked(&a, &b, &m));
    assert_int_not_equal(flow_hash_masked(&a, &m, 9),
                         flow_hash_masked(&b, &m, 9));
}

static void
test_masked_hash_equals_hash_of_masked_key(void **state)
{
    uint32_t seed = 5;
    (void) state;

    for (int i = 0; i < 1000; i++) {
        struct flow_key key, masked;
        struct flow_mask m;

        random_key(&key, &seed);
        random_key(&m.bits, &seed);
        flow_apply_mask(&masked, &key, &m);
        assert_int_equal(flow_hash_masked(&key, &m, i), flow_hash(&masked, i));
    }
}

static void
test_apply_mask_zeroes_wildcarded_bits(void **state)
{
    struct flow_key key, out;
    struct flow_mask m;
    struct flow_match match;
    uint32_t seed = 3;
    (void) state;

    random_key(&key, &seed);
    flow_mask_catchall(&m);
    m.bits.dl_type = htons(0xffff);
    m.bits.nw_dst = htonl(0xffff0000);
    flow_apply_mask(&out, &key, &m);
    assert_int_equal(out.dl_type, key.dl_type);
    assert_int_equal(out.nw_dst, key.nw_dst & htonl(0xffff0000));
    assert_int_equal(out.nw_src, 0);
    assert_int_equal(out.metadata, 0);

    flow_match_init(&match, &key, &m);
    assert_true(flow_equal(&match.key, &out));
    assert_true(flow_match_matches(&match, &key));
}

static void
test_exact_mask_covers_every_field_but_padding(void **state)
{
    struct flow_mask m;
    struct flow_key a, b;
    uint32_t seed = 11;
    (void) state;

    flow_mask_exact(&m);
    assert_int_equal(m.bits.pad0, 0);
    assert_int_equal(m.bits.pad2, 0);
    assert_int_equal(m.bits.regs[FLOW_N_REGS - 1], UINT32_MAX);
    random_key(&a, &seed);
    b = a;
    b.tcp_flags ^= htons(1);
    assert_false(flow_equal_masked(&a, &b, &m));
    assert_false(flow_mask_is_catchall(&m));
    flow_mask_catchall(&m);
    assert_true(flow_mask_is_catchall(&m));
    assert_true(flow_equal_masked(&a, &b, &m));
}

static struct flow_key
ipv4_key(uint8_t proto, uint8_t frag)
{
    struct flow_key key;

    memset(&key, 0, sizeof key);
    key.in_port = 1;
    key.dl_type = htons(0x0800);
    key.nw_src = htonl(0x0a000001);
    key.nw_proto = proto;
    key.nw_frag = frag;
    key.tp_src = htons(10);
    return key;
}

static void
test_packet_mask_of_tcp_covers_ports_and_flags(void **state)
{
    struct flow_key key = ipv4_key(6, 0);
    struct flow_mask m;
    (void) state;

    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.in_port, UINT32_MAX);
    assert_int_equal(m.bits.nw_src, UINT32_MAX);
    assert_int_equal(m.bits.nw_frag, FLOW_NW_FRAG_MASK);
    assert_int_equal(m.bits.tp_src, UINT16_MAX);
    assert_int_equal(ntohs(m.bits.tcp_flags), 0x0fff);
    assert_int_equal(m.bits.vlans[0].tci, UINT16_MAX);
    assert_int_equal(m.bits.vlans[1].tci, 0); /* Untagged: one zero tag. */
    assert_true(pkt_eth_addr_is_zero(&m.bits.arp_sha));
    assert_int_equal(m.bits.metadata, 0);
    assert_int_equal(m.bits.tun_id, 0);
}

static void
test_packet_mask_of_later_fragment_has_no_ports(void **state)
{
    struct flow_key key = ipv4_key(17, FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
    struct flow_mask m;
    (void) state;

    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.nw_proto, 0xff);
    assert_int_equal(m.bits.tp_src, 0);
    assert_int_equal(m.bits.tcp_flags, 0);
}

static void
test_packet_mask_of_unknown_protocol_has_no_ports(void **state)
{
    struct flow_key key = ipv4_key(47, 0);
    struct flow_mask m;
    (void) state;

    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.nw_ttl, 0xff);
    assert_int_equal(m.bits.tp_src, 0);
}

static void
test_packet_mask_of_tagged_frame_covers_inner_tag(void **state)
{
    struct flow_key key = ipv4_key(17, 0);
    struct flow_mask m;
    (void) state;

    key.vlans[0].tci = htons(0x1000 | 5);
    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.vlans[1].tci, UINT16_MAX);
}

static void
test_packet_mask_of_arp_and_nd(void **state)
{
    struct flow_key arp, nd;
    struct flow_mask m;
    (void) state;

    memset(&arp, 0, sizeof arp);
    arp.dl_type = htons(0x0806);
    flow_mask_for_packet(&m, &arp);
    assert_int_equal(m.bits.nw_proto, 0xff);
    assert_false(pkt_eth_addr_is_zero(&m.bits.arp_tha));
    assert_int_equal(m.bits.nw_ttl, 0);

    memset(&nd, 0, sizeof nd);
    nd.dl_type = htons(0x86dd);
    nd.nw_proto = 58;
    nd.tp_src = htons(135);
    flow_mask_for_packet(&m, &nd);
    assert_int_equal(m.bits.nd_target.s6_addr[0], 0xff);
    assert_false(pkt_eth_addr_is_zero(&m.bits.arp_sha));
    nd.tp_src = htons(128); /* Echo request: no ND fields. */
    flow_mask_for_packet(&m, &nd);
    assert_int_equal(m.bits.nd_target.s6_addr[0], 0);
    assert_int_equal(m.bits.tp_src, UINT16_MAX);
}

static void
test_packet_mask_of_mpls_stops_at_bottom_of_stack(void **state)
{
    struct flow_key key;
    struct flow_mask m;
    (void) state;

    memset(&key, 0, sizeof key);
    key.dl_type = htons(0x8847);
    key.mpls_lse[0] = htonl(1 << 12);
    key.mpls_lse[1] = htonl(2 << 12 | 0x100);
    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.mpls_lse[1], UINT32_MAX);
    assert_int_equal(m.bits.mpls_lse[2], 0);
    assert_int_equal(m.bits.nw_proto, 0);
}

static void
test_packet_mask_covers_tunnel_only_when_present(void **state)
{
    struct flow_key key = ipv4_key(17, 0);
    struct flow_mask m;
    (void) state;

    key.tun_id = pkt_htonll(5);
    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.tun_id, UINT64_MAX);
    assert_int_equal(m.bits.tun_dst, 0);
    key.tun_dst = htonl(0x0a000002);
    flow_mask_for_packet(&m, &key);
    assert_int_equal(m.bits.tun_src, UINT32_MAX);
    assert_int_equal(m.bits.tun_dst, UINT32_MAX);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal_keys_are_equal_and_hash_alike),
        cmocka_unit_test(test_masked_equality_agrees_with_reference),
        cmocka_unit_test(test_masked_hash_ignores_bits_outside_mask),
        cmocka_unit_test(test_masked_hash_equals_hash_of_masked_key),
        cmocka_unit_test(test_apply_mask_zeroes_wildcarded_bits),
        cmocka_unit_test(test_exact_mask_covers_every_field_but_padding),
        cmocka_unit_test(test_packet_mask_of_tcp_covers_ports_and_flags),
        cmocka_unit_test(test_packet_mask_of_later_fragment_has_no_ports),
        cmocka_unit_test(test_packet_mask_of_unknown_protocol_has_no_ports),
        cmocka_unit_test(test_packet_mask_of_tagged_frame_covers_inner_tag),
        cmocka_unit_test(test_packet_mask_of_arp_and_nd),
        cmocka_unit_test(test_packet_mask_of_mpls_stops_at_bottom_of_stack),
        cmocka_unit_test(test_packet_mask_covers_tunnel_only_when_present),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
