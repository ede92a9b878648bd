/* Tests for the OXM field table and the match codec (ofproto/ofp_oxm.c,
 * ofproto/ofp_match.c).  Golden bytes are written from the OpenFlow 1.3
 * specification's OXM layout (class, field<<1|hasmask, length, value). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/buf.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_oxm.h"

/* Decodes the ofp_match in 'bytes' and returns the error, 0 on success. */
static int
decode(const uint8_t *bytes, size_t n, struct flow_match *m)
{
    struct buf_reader r;
    int retval;

    buf_reader_init(&r, bytes, n);
    retval = ofp_match_decode(&r, m);
    if (!retval) {
        assert_int_equal(r.left, 0);
    }
    return retval;
}

static void
check_printed(const struct flow_match *m, const char *expected)
{
    struct strbuf sb = STRBUF_INIT;

    flow_format_match(&sb, m, FLOW_DEFAULT_PRIORITY);
    assert_string_equal(strbuf_str(&sb), expected);
    strbuf_free(&sb);
}

static void
set(struct flow_match *m, enum ofp_field_id id, const void *value,
    const void *mask)
{
    assert_int_equal(ofp_field_set(&ofp_fields[id], value, mask, m), 0);
}

static void
test_field_table_is_indexed_by_id(void **state)
{
    (void) state;
    for (int i = 0; i < OFPF_N_FIELDS; i++) {
        assert_int_equal(ofp_fields[i].id, i);
        assert_ptr_equal(ofp_field_by_name(ofp_fields[i].name), &ofp_fields[i]);
        assert_ptr_equal(ofp_field_by_oxm(ofp_fields[i].oxm_class,
                                          ofp_fields[i].oxm_field,
                                          ofp_fields[i].experimenter),
                         &ofp_fields[i]);
    }
    assert_ptr_equal(ofp_field_by_name("dl_src"), &ofp_fields[OFPF_ETH_SRC]);
    assert_null(ofp_field_by_name("reg8"));
}

static void
test_decode_golden_tcp_match(void **state)
{
    static const uint8_t bytes[] = {
        0x00, 0x01, 0x00, 0x29,             /* OXM match, length 41. */
        0x80, 0x00, 0x00, 0x04, 0, 0, 0, 7, /* in_port=7 */
        0x80, 0x00, 0x0a, 0x02, 0x08, 0x00, /* eth_type=0x0800 */
        0x80, 0x00, 0x14, 0x01, 0x06,       /* ip_proto=6 */
        0x80, 0x00, 0x19, 0x08, 10, 1, 0, 0, 255, 255, 0, 0, /* dst /16 */
        0x80, 0x00, 0x1c, 0x02, 0x01, 0xbb, /* tcp_dst=443 */
        0, 0, 0, 0, 0, 0, 0,                /* Padding to 48. */
    };
    struct flow_match m;
    (void) state;

    assert_int_equal(decode(bytes, sizeof bytes, &m), 0);
    check_printed(&m, "tcp,in_port=7,nw_dst=10.1.0.0/16,tp_dst=443");
}

static void
test_encode_decode_round_trip_of_every_field(void **state)
{
    struct flow_match m, back;
    struct buf b = BUF_INIT;
    struct buf_reader r;
    (void) state;

    /* One match per protocol family, together covering every field. */
    static const uint8_t ip[2] = {8, 0}, ip6[2] = {0x86, 0xdd},
                         arp[2] = {8, 6}, mpls[2] = {0x88, 0x47};
    uint8_t v[16], mk[16];
    const uint8_t *types[] = {ip, ip6, arp, mpls};

    for (int t = 0; t < 4; t++) {
        memset(&m, 0, sizeof m);
        set(&m, OFPF_ETH_TYPE, types[t], NULL);
        for (int i = 0; i < OFPF_N_FIELDS; i++) {
            const struct ofp_field *f = &ofp_fields[i];
            if (f->id == OFPF_ETH_TYPE
                || (f->prereq != OFPP_NONE && !ofp_field_prereq_ok(f, &m))) {
                continue;
            }
            memset(v, 0, sizeof v);
            v[f->n_bytes - 1] = (uint8_t) (i % 2 + 1);
            memset(mk, 0xff, sizeof mk);
            if (f->id == OFPF_IP_PROTO) {
                v[0] = 6;
            }
            if (f->maskable && f->n_bytes >= 4) {
                mk[0] = 0xf0;       /* A partial mask, where allowed. */
                v[0] &= 0xf0;
            }
            ofp_field_set(f, v, f->maskable ? mk : NULL, &m);
        }
        buf_clear(&b);
        ofp_match_encode(&m, &b);
        assert_int_equal(b.size % 8, 0);
        buf_reader_init(&r, b.data, b.size);
        assert_int_equal(ofp_match_decode(&r, &back), 0);
        assert_true(flow_equal(&m.key, &back.key));
        assert_true(flow_equal(&m.mask.bits, &back.mask.bits));
    }
    buf_free(&b);
}

static void
test_encoding_follows_open_vswitch_field_order(void **state)
{
    static const uint8_t expected[] = {
        0x00, 0x01, 0x00, 0x25,
        0x80, 0x00, 0x00, 0x04, 0, 0, 0, 1,          /* in_port */
        0x80, 0x00, 0x0a, 0x02, 0x08, 0x00,          /* eth_type */
        0x80, 0x00, 0x14, 0x01, 0x11,                /* ip_proto */
        0x80, 0x00, 0x1e, 0x02, 0x00, 0x35,          /* udp_src */
        0x00, 0x01, 0x00, 0x04, 0, 0, 0, 9,          /* reg0 (NXM_1) */
        0, 0, 0,
    };
    uint8_t port[4] = {0, 0, 0, 1}, type[2] = {8, 0}, udp = 17,
            sport[2] = {0, 53}, reg[4] = {0, 0, 0, 9};
    struct flow_match m;
    struct buf b = BUF_INIT;
    (void) state;

    memset(&m, 0, sizeof m);
    /* Set in another order than the encoding's. */
    set(&m, OFPF_REG0, reg, NULL);
    set(&m, OFPF_UDP_SRC, sport, NULL);
    set(&m, OFPF_IP_PROTO, &udp, NULL);
    set(&m, OFPF_ETH_TYPE, type, NULL);
    set(&m, OFPF_IN_PORT, port, NULL);
    ofp_match_encode(&m, &b);
    assert_int_equal(b.size, sizeof expected);
    assert_memory_equal(b.data, expected, sizeof expected);
    buf_free(&b);
}

static void
test_vlan_fields_map_onto_the_tci(void **state)
{
    static const uint8_t bytes[] = {
        0x00, 0x01, 0x00, 0x0f,
        0x80, 0x00, 0x0c, 0x02, 0x10, 0x0a, /* vlan_vid=10|PRESENT */
        0x80, 0x00, 0x0e, 0x01, 0x05,       /* vlan_pcp=5 */
        0,
    };
    struct flow_match m;
    (void) state;

    assert_int_equal(decode(bytes, sizeof bytes, &m), 0);
    assert_int_equal(ntohs(m.key.vlans[0].tci), 0xa000 | 0x1000 | 10);
    assert_int_equal(ntohs(m.mask.bits.vlans[0].tci), 0xffff);
    check_printed(&m, "dl_vlan=10,dl_vlan_pcp=5");
}

static void
test_experimenter_tcp_flags_field(void **state)
{
    static const uint8_t bytes[] = {
        0x00, 0x01, 0x00, 0x1b,
        0x80, 0x00, 0x0a, 0x02, 0x08, 0x00,
        0x80, 0x00, 0x14, 0x01, 0x06,
        /* ONF experimenter class, field 42, mask, len 8. */
        0xff, 0xff, 0x55, 0x08, 0x4f, 0x4e, 0x46, 0x00, 0x00, 0x02, 0x00, 0x12,
        0, 0, 0, 0, 0,
    };
    struct flow_match m;
    (void) state;

    assert_int_equal(decode(bytes, sizeof bytes, &m), 0);
    check_printed(&m, "tcp,tcp_flags=+syn-ack");
}

static void
expect_error(const uint8_t *bytes, size_t n, enum ofperr error)
{
    struct flow_match m;
    assert_int_equal(decode(bytes, n, &m), -(int) error);
}

static void
test_invalid_matches_get_the_specified_errors(void **state)
{
    static const uint8_t standard[] = {0x00, 0x00, 0x00, 0x04, 0, 0, 0, 0};
    static const uint8_t unknown[] = {0x00, 0x01, 0x00, 0x08,
                                      0x80, 0x00, 0x4e, 0x00};
    static const uint8_t bad_len[] = {0x00, 0x01, 0x00, 0x09, 0x80, 0x00,
                                      0x0a, 0x01, 0x08, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t masked_type[] = {0x00, 0x01, 0x00, 0x0c, 0x80, 0x00,
                                          0x0b, 0x04, 8,    0, 0xff, 0xff,
                                          0,    0,    0,    0};
    static const uint8_t wildcards[] = {0x00, 0x01, 0x00, 0x10, 0x80, 0x00,
                                        0x17, 0x08, 10, 1, 1, 0, 255,
                                        255, 0, 0};
    static const uint8_t dup[] = {0x00, 0x01, 0x00, 0x10, 0x80, 0x00,
                                  0x0a, 0x02, 0x08, 0x00, 0x80, 0x00,
                                  0x0a, 0x02, 0x08, 0x00};
    static const uint8_t prereq[] = {0x00, 0x01, 0x00, 0x0a, 0x80, 0x00,
                                     0x1c, 0x02, 0x00, 0x50, 0, 0, 0, 0,
                                     0, 0};
    static const uint8_t big_vid[] = {0x00, 0x01, 0x00, 0x0a, 0x80, 0x00,
                                      0x0c, 0x02, 0x20, 0x00, 0, 0, 0, 0,
                                      0, 0};
    static const uint8_t unpadded[] = {0x00, 0x01, 0x00, 0x0a, 0x80, 0x00,
                                       0x0a, 0x02, 0x08, 0x00};
    (void) state;

    expect_error(standard, sizeof standard, OFPERR_OFPBMC_BAD_TYPE);
    expect_error(unknown, sizeof unknown, OFPERR_OFPBMC_BAD_FIELD);
    expect_error(bad_len, sizeof bad_len, OFPERR_OFPBMC_BAD_LEN);
    expect_error(masked_type, sizeof masked_type, OFPERR_OFPBMC_BAD_MASK);
    expect_error(wildcards, sizeof wildcards, OFPERR_OFPBMC_BAD_WILDCARDS);
    expect_error(dup, sizeof dup, OFPERR_OFPBMC_DUP_FIELD);
    expect_error(prereq, sizeof prereq, OFPERR_OFPBMC_BAD_PREREQ);
    expect_error(big_vid, sizeof big_vid, OFPERR_OFPBMC_BAD_VALUE);
    expect_error(unpadded, sizeof unpadded, OFPERR_OFPBMC_BAD_LEN);
}

static void
test_prerequisites_are_checked_whatever_the_order(void **state)
{
    static const uint8_t bytes[] = {
        0x00, 0x01, 0x00, 0x15,
        0x80, 0x00, 0x1c, 0x02, 0x00, 0x50, /* tcp_dst before its prereqs */
        0x80, 0x00, 0x14, 0x01, 0x06,
        0x80, 0x00, 0x0a, 0x02, 0x86, 0xdd,
        0, 0, 0,
    };
    struct flow_match m;
    (void) state;

    assert_int_equal(decode(bytes, sizeof bytes, &m), 0);
    check_printed(&m, "tcp6,tp_dst=80");
}

static void
test_every_truncation_is_an_error(void **state)
{
    uint8_t type[2] = {0x86, 0xdd}, proto = 58, icmp = 135, target[16] = {
        0xfe, 0x80, [15] = 1};
    struct flow_match m, back;
    struct buf b = BUF_INIT;
    (void) state;

    memset(&m, 0, sizeof m);
    set(&m, OFPF_ETH_TYPE, type, NULL);
    set(&m, OFPF_IP_PROTO, &proto, NULL);
    set(&m, OFPF_ICMPV6_TYPE, &icmp, NULL);
    set(&m, OFPF_ND_TARGET, target, NULL);
    ofp_match_encode(&m, &b);
    for (size_t n = 0; n < b.size; n++) {
        /* An exact-size copy, so that sanitizers see any overread. */
        uint8_t *copy = test_malloc(n + 1);
        memcpy(copy, b.data, n);
        assert_true(decode(copy, n, &back) < 0);
        test_free(copy);
    }
    buf_free(&b);
}

static void
test_set_rejects_out_of_range_values(void **state)
{
    uint8_t dscp = 64, label[4] = {0, 0x10, 0, 0}, op[2] = {1, 0},
            port[4] = {0xff, 0xff, 0xff, 0xff};
    struct flow_match m;
    (void) state;

    memset(&m, 0, sizeof m);
    assert_int_equal(ofp_field_set(&ofp_fields[OFPF_IP_DSCP], &dscp, NULL, &m),
                     -OFPERR_OFPBMC_BAD_VALUE);
    assert_int_equal(
        ofp_field_set(&ofp_fields[OFPF_IPV6_FLABEL], label, NULL, &m),
        -OFPERR_OFPBMC_BAD_VALUE);
    assert_int_equal(ofp_field_set(&ofp_fields[OFPF_ARP_OP], op, NULL, &m),
                     -OFPERR_OFPBMC_BAD_VALUE);
    assert_int_equal(ofp_field_set(&ofp_fields[OFPF_IN_PORT], port, NULL, &m),
                     -OFPERR_OFPBMC_BAD_VALUE);
}

static void
test_get_returns_what_set_stored(void **state)
{
    uint8_t mpls_label[4] = {0, 0x0f, 0xff, 0xff}, value[16], mask[16];
    struct flow_match m;
    (void) state;

    memset(&m, 0, sizeof m);
    set(&m, OFPF_MPLS_LABEL, mpls_label, NULL);
    ofp_field_get(&ofp_fields[OFPF_MPLS_LABEL], &m, value, mask);
    assert_memory_equal(value, mpls_label, 4);
    assert_memory_equal(mask, "\x00\x0f\xff\xff", 4);
    assert_int_equal(ntohl(m.key.mpls_lse[0]), 0xfffff000);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_field_table_is_indexed_by_id),
        cmocka_unit_test(test_decode_golden_tcp_match),
        cmocka_unit_test(test_encode_decode_round_trip_of_every_field),
        cmocka_unit_test(test_encoding_follows_open_vswitch_field_order),
        cmocka_unit_test(test_vlan_fields_map_onto_the_tci),
        cmocka_unit_test(test_experimenter_tcp_flags_field),
        cmocka_unit_test(test_invalid_matches_get_the_specified_errors),
        cmocka_unit_test(test_prerequisites_are_checked_whatever_the_order),
        cmocka_unit_test(test_every_truncation_is_an_error),
        cmocka_unit_test(test_set_rejects_out_of_range_values),
        cmocka_unit_test(test_get_returns_what_set_stored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
