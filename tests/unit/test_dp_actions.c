/* Tests for datapath/dp_actions.c and dp_actions_text.c: the builder and
 * the cursor agree, the validator refuses each kind of malformed list, and
 * the printer and parser round-trip the text syntax. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "lib/buf.h"
#include "lib/packets.h"
#include "lib/strbuf.h"

static void
assert_format(const void *actions, size_t len, const char *expected)
{
    struct strbuf sb;

    strbuf_init(&sb);
    dp_actions_format(&sb, actions, len);
    assert_string_equal(strbuf_str(&sb), expected);
    strbuf_free(&sb);
}

static void
test_builder_and_cursor_agree(void **state)
{
    static const uint8_t cookie[3] = {1, 2, 3};
    static const uint8_t mac[6] = {0, 0x11, 0x22, 0x33, 0x44, 0x55};
    struct dp_actions_cursor c;
    struct dp_action a;
    struct buf b;
    size_t clone;

    (void) state;
    buf_init(&b);
    dp_actions_put_output(&b, 7);
    dp_actions_put_push_vlan(&b, htons(0x88a8), htons(PKT_VLAN_CFI | 10));
    dp_actions_put_pop_vlan(&b);
    dp_actions_put_push_mpls(&b, htons(0x8847), htonl(0x00064140));
    dp_actions_put_pop_mpls(&b, htons(0x0800));
    dp_actions_put_set_field(&b, DP_FIELD_ETH_DST, mac, NULL);
    dp_actions_put_set_queue(&b, 5);
    dp_actions_put_meter(&b, 6);
    assert_int_equal(dp_actions_put_userspace(&b, cookie, sizeof cookie), 0);
    dp_actions_put_trunc(&b, 100);
    clone = dp_actions_start_clone(&b);
    dp_actions_put_output(&b, 9);
    assert_int_equal(dp_actions_end_clone(&b, clone), 0);
    assert_int_equal(b.size % 8, 0);
    assert_int_equal(dp_actions_validate(b.data, b.size), 0);

    dp_actions_cursor_init(&c, b.data, b.size);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_OUTPUT);
    assert_int_equal(a.port_no, 7);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_PUSH_VLAN);
    assert_int_equal(a.push_vlan.tpid, htons(0x88a8));
    assert_int_equal(a.push_vlan.tci, htons(PKT_VLAN_CFI | 10));
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_POP_VLAN);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_PUSH_MPLS);
    assert_int_equal(a.push_mpls.lse, htonl(0x00064140));
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.pop_mpls.ethertype, htons(0x0800));
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_SET_FIELD);
    assert_int_equal(a.set_field.field, DP_FIELD_ETH_DST);
    assert_memory_equal(a.set_field.value, mac, 6);
    assert_memory_equal(a.set_field.mask, "\xff\xff\xff\xff\xff\xff", 6);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.queue_id, 5);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.meter_id, 6);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_USERSPACE);
    assert_int_equal(a.userspace.n, 3);
    assert_memory_equal(a.userspace.cookie, cookie, 3);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.max_len, 100);
    assert_true(dp_actions_next(&c, &a));
    assert_int_equal(a.type, DP_ACTION_CLONE);
    assert_int_equal(a.clone.len, 8);
    assert_false(dp_actions_next(&c, &a));
    assert_int_equal(c.left, 0);

    assert_format(b.data, b.size,
                  "output:7,push_vlan(tpid=0x88a8,vid=10,pcp=0),pop_vlan,"
                  "push_mpls(label=100,tc=0,ttl=64,bos=1,eth_type=0x8847),"
                  "pop_mpls(eth_type=0x800),set(eth_dst=00:11:22:33:44:55),"
                  "set_queue(5),meter(6),userspace(cookie=0x010203),"
                  "trunc(100),clone(output:9)");
    buf_free(&b);
}

static void
test_set_field_clears_value_bits_outside_mask(void **state)
{
    static const uint8_t v[4] = {10, 1, 2, 3}, m[4] = {255, 255, 0, 0};
    struct dp_actions_cursor c;
    struct dp_action a;
    struct buf b;

    (void) state;
    buf_init(&b);
    dp_actions_put_set_field(&b, DP_FIELD_IPV4_DST, v, m);
    assert_int_equal(dp_actions_validate(b.data, b.size), 0);
    dp_actions_cursor_init(&c, b.data, b.size);
    assert_true(dp_actions_next(&c, &a));
    assert_memory_equal(a.set_field.value, "\x0a\x01\x00\x00", 4);
    assert_format(b.data, b.size, "set(ipv4_dst=10.1.0.0/255.255.0.0)");
    buf_free(&b);
}

/* Each field's name and width, and a whole-field round trip. */
static void
test_every_field_round_trips(void **state)
{
    (void) state;
    for (int f = 0; f < DP_N_FIELDS; f++) {
        uint8_t value[DP_FIELD_MAX_WIDTH], valid[DP_FIELD_MAX_WIDTH];
        struct strbuf sb;
        struct buf b, again;
        char *error;

        assert_int_equal(dp_field_from_name(dp_field_name(f)), f);
        dp_field_valid_bits(f, valid);
        for (size_t i = 0; i < dp_field_width(f); i++) {
            value[i] = (uint8_t) (0x5a + i) & valid[i];
        }
        buf_init(&b);
        dp_actions_put_set_field(&b, f, value, NULL);
        assert_int_equal(dp_actions_validate(b.data, b.size), 0);
        strbuf_init(&sb);
        dp_actions_format(&sb, b.data, b.size);
        buf_init(&again);
        if (dp_actions_parse(strbuf_str(&sb), &again, &error)) {
            fail_msg("%s: %s", strbuf_str(&sb), error);
        }
        assert_int_equal(again.size, b.size);
        assert_memory_equal(again.data, b.data, b.size);
        strbuf_free(&sb);
        buf_free(&b);
        buf_free(&again);
    }
    assert_int_equal(dp_field_from_name("nope"), -1);
}

/* Text form goldens: parse, check the printed form, parse that again. */
static void
test_text_goldens_round_trip(void **state)
{
    static const char *const goldens[][2] = {
        {"drop", "drop"},
        {" drop ", "drop"},
        {"output:3", "output:3"},
        {"push_vlan(vid=10,pcp=0),set(eth_dst=00:11:22:33:44:55),"
         "set(ipv4_dst=10.0.0.0/255.255.255.0),meter(1),"
         "userspace(cookie=0x0102abcd),trunc(100),"
         "clone(set(ip_ttl=63),output:2),output:3",
         "push_vlan(vid=10,pcp=0),set(eth_dst=00:11:22:33:44:55),"
         "set(ipv4_dst=10.0.0.0/255.255.255.0),meter(1),"
         "userspace(cookie=0x0102abcd),trunc(100),"
         "clone(set(ip_ttl=63),output:2),output:3"},
        {"output:1, output:2", "output:1,output:2"},
        {"push_vlan(tpid=0x88a8,vid=4095,pcp=7)",
         "push_vlan(tpid=0x88a8,vid=4095,pcp=7)"},
        {"push_mpls(label=1048575,tc=7,ttl=255,bos=0,eth_type=0x8848),"
         "pop_mpls(eth_type=0x86dd)",
         "push_mpls(label=1048575,tc=7,ttl=255,bos=0,eth_type=0x8848),"
         "pop_mpls(eth_type=0x86dd)"},
        {"set(vlan_tci=0x7b/0xfff)", "set(vlan_tci=0x7b/0xfff)"},
        {"set(ip_tos=0xb8/0xfc),set(tp_src=0x5000/0xff00)",
         "set(ip_tos=0xb8/0xfc),set(tp_src=0x5000/0xff00)"},
        {"set(ipv6_dst=2001:db8::1),set(ipv6_label=0xabcde)",
         "set(ipv6_dst=2001:db8::1),set(ipv6_label=0xabcde)"},
        {"set(mpls_lse=0x3f/0xff),set_queue(0),userspace()",
         "set(mpls_lse=0x3f/0xff),set_queue(0),userspace()"},
        {"clone(drop),clone(clone(clone(clone(output:1))))",
         "clone(drop),clone(clone(clone(clone(output:1))))"},
        {"clone(tnl_push(type=vxlan,eth_dst=02:00:00:00:00:22,"
         "eth_src=02:00:00:00:00:11,ipv4_src=192.168.50.1,"
         "ipv4_dst=192.168.50.2,vni=5001),output:2),tnl_pop(3)",
         "clone(tnl_push(type=vxlan,eth_dst=02:00:00:00:00:22,"
         "eth_src=02:00:00:00:00:11,ipv4_src=192.168.50.1,"
         "ipv4_dst=192.168.50.2,tos=0,ttl=64,df=1,udp_dst=4789,vni=5001),"
         "output:2),tnl_pop(3)"},
        {"tnl_push(type=vxlan,eth_dst=02:00:00:00:00:22,"
         "eth_src=02:00:00:00:00:11,ipv4_src=10.0.0.1,ipv4_dst=10.0.0.2,"
         "tos=184,ttl=1,df=0,udp_dst=8472,vni=16777215)",
         "tnl_push(type=vxlan,eth_dst=02:00:00:00:00:22,"
         "eth_src=02:00:00:00:00:11,ipv4_src=10.0.0.1,ipv4_dst=10.0.0.2,"
         "tos=184,ttl=1,df=0,udp_dst=8472,vni=16777215)"},
    };

    (void) state;
    for (size_t i = 0; i < sizeof goldens / sizeof goldens[0]; i++) {
        struct buf b, again;
        struct strbuf sb;
        char *error;

        buf_init(&b);
        if (dp_actions_parse(goldens[i][0], &b, &error)) {
            fail_msg("%s: %s", goldens[i][0], error);
        }
        assert_int_equal(dp_actions_validate(b.data, b.size), 0);
        assert_format(b.data, b.size, goldens[i][1]);
        strbuf_init(&sb);
        dp_actions_format(&sb, b.data, b.size);
        buf_init(&again);
        assert_int_equal(dp_actions_parse(strbuf_str(&sb), &again, &error), 0);
        assert_int_equal(again.size, b.size);
        assert_memory_equal(again.data, b.data, b.size);
        strbuf_free(&sb);
        buf_free(&b);
        buf_free(&again);
    }
}

static void
test_parse_errors_explain_and_keep_the_buffer(void **state)
{
    static const char *const bad[] = {
        "",
        "output",
        "output:x",
        "output:4294967296",
        "frobnicate",
        "set(eth_dst=00:11:22:33:44)",
        "set(tp_src=0x50/0xff00)",
        "set(nope=1)",
        "set(ip_ttl=256)",
        "set(vlan_tci=0x1000)",
        "push_vlan(vid=4096,pcp=0)",
        "push_mpls(label=1,tc=0,ttl=1,bos=1,eth_type=0x800)",
        "pop_mpls(eth_type=0x5)",
        "trunc(13)",
        "userspace(cookie=0x123)",
        "clone(output:1",
        "clone(clone(clone(clone(clone(output:1)))))",
        "output:1,,output:2",
        "drop,output:1",
        "tnl_push(type=gre,eth_dst=02:00:00:00:00:22,"
        "eth_src=02:00:00:00:00:11,ipv4_src=10.0.0.1,ipv4_dst=10.0.0.2,"
        "vni=1)",
        "tnl_push(eth_dst=02:00:00:00:00:22,eth_src=02:00:00:00:00:11,"
        "ipv4_src=10.0.0.1,ipv4_dst=10.0.0.2,vni=16777216)",
        "tnl_push(eth_dst=02:00:00:00:00:22,eth_src=02:00:00:00:00:11,"
        "ipv4_src=10.0.0.1,vni=1)",
        "tnl_push(eth_dst=02:00:00:00:00:22,eth_src=02:00:00:00:00:11,"
        "ipv4_src=10.0.0.1,ipv4_dst=10.0.0.2,ttl=0,vni=1)",
        "tnl_push(eth_dst=02:00:00:00:00:22,eth_src=02:00:00:00:00:11,"
        "ipv4_src=10.0.0.1,ipv4_dst=10.0.0.2,vni=1,color=red)",
        "tnl_pop(x)",
        "push_vlan(vid=1,vid=2)",
        "tnl_push(eth_dst=02:00:00:00:00:22,eth_src=02:00:00:00:00:11,"
        "ipv4_src=10.0.0.1,ipv4_src=10.0.0.3,ipv4_dst=10.0.0.2,vni=1)",
    };

    (void) state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct buf b;
        char *error;

        buf_init(&b);
        dp_actions_put_output(&b, 1);
        if (dp_actions_parse(bad[i], &b, &error) != -EINVAL) {
            fail_msg("\"%s\" was accepted", bad[i]);
        }
        assert_non_null(error);
        assert_true(strlen(error) > 10);
        assert_int_equal(b.size, 8);
        free(error);
        buf_free(&b);
    }
}

/* Appends a raw TLV header and payload. */
static void
put_raw(struct buf *b, uint16_t type, uint16_t len, const void *payload,
        size_t n)
{
    buf_put(b, &type, 2);
    buf_put(b, &len, 2);
    if (n) {
        buf_put(b, payload, n);
    }
}

static void
assert_invalid(const struct buf *b, const char *why)
{
    struct dp_actions_cursor c;
    struct dp_action a;

    if (dp_actions_validate(b->data, b->size) != -EINVAL) {
        fail_msg("accepted: %s", why);
    }
    /* The cursor never reads past the list. */
    dp_actions_cursor_init(&c, b->data, b->size);
    while (dp_actions_next(&c, &a)) {
        continue;
    }
}

static void
test_validate_refuses_malformed_lists(void **state)
{
    static const uint8_t zeros[64];
    uint8_t tlv[16];
    struct buf b;
    size_t clone;

    (void) state;
    buf_init(&b);
    assert_int_equal(dp_actions_validate(NULL, 0), 0);

    put_raw(&b, DP_ACTION_OUTPUT, 8, zeros, 2);
    assert_invalid(&b, "truncated TLV");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_OUTPUT, 0, NULL, 0);
    assert_invalid(&b, "header only");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_OUTPUT, 0, zeros, 4);
    assert_invalid(&b, "length 0");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_OUTPUT, 12, zeros, 8);
    assert_invalid(&b, "length not a multiple of 8");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_OUTPUT, 16, zeros, 12);
    assert_invalid(&b, "OUTPUT too long");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_OUTPUT, 16, zeros, 4);
    assert_invalid(&b, "length past the end");
    buf_clear(&b);
    put_raw(&b, 0, 8, zeros, 4);
    assert_invalid(&b, "type 0");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_TUNNEL_POP + 1, 8, zeros, 4);
    assert_invalid(&b, "unknown type");
    buf_clear(&b);
    put_raw(&b, DP_ACTION_TUNNEL_PUSH, 40, zeros, 36);
    assert_invalid(&b, "tunnel push of protocol 0, TTL 0");
    buf_clear(&b);
    {
        struct dp_tunnel_header h = {.ttl = 64, .vni = 1u << 24};

        dp_actions_put_tunnel_push(&b, &h);
        assert_invalid(&b, "VNI of 25 bits");
        buf_clear(&b);
        h.vni = 1;
        dp_actions_put_tunnel_push(&b, &h);
        assert_int_equal(dp_actions_validate(b.data, b.size), 0);
        b.data[7] = 0x02; /* An unknown flag. */
        assert_invalid(&b, "tunnel push with unknown flags");
    }
    buf_clear(&b);
    put_raw(&b, DP_ACTION_POP_VLAN, 8, "\0\0\0\1", 4);
    assert_invalid(&b, "non-zero padding");
    buf_clear(&b);
    dp_actions_put_push_vlan(&b, htons(0x8100), htons(10));
    assert_invalid(&b, "push_vlan without the present bit");
    buf_clear(&b);
    dp_actions_put_push_vlan(&b, htons(0x0800), htons(PKT_VLAN_CFI));
    assert_invalid(&b, "push_vlan bad TPID");
    buf_clear(&b);
    dp_actions_put_push_mpls(&b, htons(0x0800), 0);
    assert_invalid(&b, "push_mpls non-MPLS EtherType");
    buf_clear(&b);
    dp_actions_put_pop_mpls(&b, htons(0x05ff));
    assert_invalid(&b, "pop_mpls length as EtherType");
    buf_clear(&b);
    dp_actions_put_trunc(&b, 13);
    assert_invalid(&b, "trunc shorter than Ethernet");
    buf_clear(&b);
    memset(tlv, 0, sizeof tlv);
    tlv[0] = DP_N_FIELDS;
    put_raw(&b, DP_ACTION_SET_FIELD, 16, tlv, 12);
    assert_invalid(&b, "unknown field");
    buf_clear(&b);
    memset(tlv, 0, sizeof tlv);
    tlv[0] = DP_FIELD_IP_TTL;
    tlv[4] = 1; /* Value 1 with mask 0. */
    put_raw(&b, DP_ACTION_SET_FIELD, 16, tlv, 12);
    assert_invalid(&b, "value outside mask");
    buf_clear(&b);
    memset(tlv, 0, sizeof tlv);
    tlv[0] = DP_FIELD_VLAN_TCI;
    tlv[6] = 0x10; /* Mask with the CFI bit. */
    put_raw(&b, DP_ACTION_SET_FIELD, 16, tlv, 12);
    assert_invalid(&b, "mask outside the field's bits");
    buf_clear(&b);
    tlv[0] = DP_ACTIONS_COOKIE_MAX + 1;
    put_raw(&b, DP_ACTION_USERSPACE, 8, tlv, 4);
    assert_invalid(&b, "cookie too long");
    buf_clear(&b);
    assert_int_equal(dp_actions_put_userspace(&b, zeros, 65), -EINVAL);
    assert_int_equal(b.size, 0);

    /* Nesting: DP_ACTIONS_MAX_NESTING clones are fine, one more is not. */
    for (int depth = 1; depth <= DP_ACTIONS_MAX_NESTING + 1; depth++) {
        size_t starts[DP_ACTIONS_MAX_NESTING + 1];

        buf_clear(&b);
        for (int i = 0; i < depth; i++) {
            starts[i] = dp_actions_start_clone(&b);
        }
        dp_actions_put_output(&b, 1);
        for (int i = depth - 1; i >= 0; i--) {
            assert_int_equal(dp_actions_end_clone(&b, starts[i]), 0);
        }
        assert_int_equal(dp_actions_validate(b.data, b.size),
                         depth <= DP_ACTIONS_MAX_NESTING ? 0 : -EINVAL);
    }
    assert_format(b.data, b.size,
                  "clone(clone(clone(clone(invalid(offset=32)))))");

    buf_clear(&b);
    clone = dp_actions_start_clone(&b);
    put_raw(&b, 99, 8, zeros, 4);
    assert_int_equal(dp_actions_end_clone(&b, clone), 0);
    assert_invalid(&b, "bad action inside a clone");
    assert_format(b.data, b.size, "clone(invalid(offset=8))");
    buf_free(&b);
}

static void
test_oversized_clone_is_removed(void **state)
{
    struct buf b;
    size_t clone;

    (void) state;
    buf_init(&b);
    dp_actions_put_output(&b, 1);
    clone = dp_actions_start_clone(&b);
    for (int i = 0; i < 8192; i++) {
        dp_actions_put_output(&b, 2);
    }
    assert_int_equal(dp_actions_end_clone(&b, clone), -EMSGSIZE);
    assert_int_equal(b.size, 8);
    assert_int_equal(dp_actions_validate(b.data, b.size), 0);
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builder_and_cursor_agree),
        cmocka_unit_test(test_set_field_clears_value_bits_outside_mask),
        cmocka_unit_test(test_every_field_round_trips),
        cmocka_unit_test(test_text_goldens_round_trip),
        cmocka_unit_test(test_parse_errors_explain_and_keep_the_buffer),
        cmocka_unit_test(test_validate_refuses_malformed_lists),
        cmocka_unit_test(test_oversized_clone_is_removed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
