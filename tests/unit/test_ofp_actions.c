/* Tests for actions and instructions (ofproto/ofp_actions.c,
 * ofproto/ofp_instructions.c).  Golden bytes follow the OpenFlow 1.3
 * specification's ofp_action_* and ofp_instruction_* layouts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/buf.h"
#include "ofproto/ofp_actions.h"
#include "ofproto/ofp_errors.h"

static int
decode_actions(const uint8_t *bytes, size_t n, struct ofp_actions *out)
{
    struct buf_reader r;

    buf_reader_init(&r, bytes, n);
    return ofp_actions_decode(&r, n, out);
}

static int
decode_instructions(const uint8_t *bytes, size_t n, uint8_t table,
                    struct ofp_instructions *out)
{
    struct buf_reader r;

    buf_reader_init(&r, bytes, n);
    return ofp_instructions_decode(&r, table, out);
}

static void
test_decode_golden_action_list(void **state)
{
    static const uint8_t bytes[] = {
        0x00, 0x12, 0x00, 0x08, 0, 0, 0, 0,             /* pop_vlan */
        0x00, 0x11, 0x00, 0x08, 0x88, 0xa8, 0, 0,       /* push_vlan */
        0x00, 0x19, 0x00, 0x10, 0x80, 0x00, 0x0c, 0x02, /* set_field */
        0x10, 0x07, 0, 0, 0, 0, 0, 0,                   /* vlan_vid=7 */
        0x00, 0x15, 0x00, 0x08, 0, 0, 0, 3,             /* set_queue:3 */
        0x00, 0x16, 0x00, 0x08, 0, 0, 0, 9,             /* group:9 */
        0x00, 0x17, 0x00, 0x08, 5, 0, 0, 0,             /* set_nw_ttl:5 */
        0x00, 0x00, 0x00, 0x10, 0xff, 0xff, 0xff, 0xfd, /* output: */
        0xff, 0xe5, 0, 0, 0, 0, 0, 0,                   /* CONTROLLER */
    };
    struct ofp_actions a;
    (void) state;

    assert_int_equal(decode_actions(bytes, sizeof bytes, &a), 0);
    assert_int_equal(a.n, 7);
    assert_int_equal(a.list[0].type, OFPAT_POP_VLAN);
    assert_int_equal(a.list[1].ethertype, 0x88a8);
    assert_int_equal(a.list[2].set_field.field->id, OFPF_VLAN_VID);
    assert_memory_equal(a.list[2].set_field.value, "\x10\x07", 2);
    assert_int_equal(a.list[3].queue_id, 3);
    assert_int_equal(a.list[4].group_id, 9);
    assert_int_equal(a.list[5].ttl, 5);
    assert_int_equal(a.list[6].output.port, OFPP_CONTROLLER);
    assert_int_equal(a.list[6].output.max_len, 0xffe5);
    ofp_actions_free(&a);
}

static void
test_every_action_type_round_trips(void **state)
{
    static const enum ofp_action_type types[] = {
        OFPAT_OUTPUT,    OFPAT_COPY_TTL_OUT, OFPAT_COPY_TTL_IN,
        OFPAT_SET_MPLS_TTL, OFPAT_DEC_MPLS_TTL, OFPAT_PUSH_VLAN,
        OFPAT_POP_VLAN,  OFPAT_PUSH_MPLS,    OFPAT_POP_MPLS,
        OFPAT_SET_QUEUE, OFPAT_GROUP,        OFPAT_SET_NW_TTL,
        OFPAT_DEC_NW_TTL, OFPAT_SET_FIELD,   OFPAT_PUSH_PBB,
        OFPAT_POP_PBB,
    };
    struct ofp_actions a, back;
    struct buf b = BUF_INIT;
    (void) state;

    ofp_actions_init(&a);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        struct ofp_action *act = ofp_actions_append(&a);
        act->type = types[i];
        switch (types[i]) {
        case OFPAT_OUTPUT:
            act->output.port = 42;
            break;
        case OFPAT_SET_MPLS_TTL:
        case OFPAT_SET_NW_TTL:
            act->ttl = 33;
            break;
        case OFPAT_PUSH_VLAN:
            act->ethertype = 0x8100;
            break;
        case OFPAT_PUSH_MPLS:
            act->ethertype = 0x8848;
            break;
        case OFPAT_POP_MPLS:
            act->ethertype = 0x86dd;
            break;
        case OFPAT_PUSH_PBB:
            act->ethertype = 0x88e7;
            break;
        case OFPAT_SET_QUEUE:
            act->queue_id = 7;
            break;
        case OFPAT_GROUP:
            act->group_id = 8;
            break;
        case OFPAT_SET_FIELD:
            act->set_field.field = &ofp_fields[OFPF_IPV6_DST];
            memset(act->set_field.value, 0xab, 16);
            break;
        default:
            break;
        }
    }
    ofp_actions_encode(&a, &b);
    assert_int_equal(b.size % 8, 0);
    assert_int_equal(decode_actions(b.data, b.size, &back), 0);
    assert_true(ofp_actions_equal(&a, &back));
    ofp_actions_free(&back);
    ofp_actions_free(&a);
    buf_free(&b);
}

static void
expect_action_error(const uint8_t *bytes, size_t n, enum ofperr error)
{
    struct ofp_actions a;
    assert_int_equal(decode_actions(bytes, n, &a), -(int) error);
    assert_int_equal(a.n, 0);
}

static void
test_invalid_actions_get_the_specified_errors(void **state)
{
    static const uint8_t unknown[] = {0x00, 0x05, 0x00, 0x08, 0, 0, 0, 0};
    static const uint8_t short_len[] = {0x00, 0x12, 0x00, 0x04, 0, 0, 0, 0};
    static const uint8_t odd_len[] = {0x00, 0x12, 0x00, 0x0c, 0, 0, 0, 0,
                                      0, 0, 0, 0};
    static const uint8_t past_end[] = {0x00, 0x12, 0x00, 0x10, 0, 0, 0, 0};
    static const uint8_t out_any[] = {0x00, 0x00, 0x00, 0x10, 0xff, 0xff,
                                      0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t wrong_fixed[] = {0x00, 0x00, 0x00, 0x08,
                                          0, 0, 0, 1};
    static const uint8_t push_ip[] = {0x00, 0x11, 0x00, 0x08, 0x08, 0x00,
                                      0, 0};
    static const uint8_t set_unknown[] = {0x00, 0x19, 0x00, 0x08, 0x80, 0x00,
                                          0x4e, 0x00};
    /* ip_ecn=1/3: a mask on a field that takes none. */
    static const uint8_t set_masked[] = {0x00, 0x19, 0x00, 0x10, 0x80, 0x00,
                                         0x13, 0x02, 0x01, 0x03, 0,    0,
                                         0,    0,    0,    0};
    /* eth_src with a valid mask: set_field takes no mask at all. */
    static const uint8_t set_masked_src[] = {
        0x00, 0x19, 0x00, 0x18, 0x80, 0x00, 0x09, 0x0c, 1, 2, 3, 4,
        5,    6,    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0};
    static const uint8_t set_read_only[] = {0x00, 0x19, 0x00, 0x10, 0x80,
                                            0x00, 0x0a, 0x02, 0x08, 0x00,
                                            0, 0, 0, 0, 0, 0};
    static const uint8_t set_vid_absent[] = {0x00, 0x19, 0x00, 0x10, 0x80,
                                             0x00, 0x0c, 0x02, 0x00, 0x07,
                                             0, 0, 0, 0, 0, 0};
    static const uint8_t experimenter[] = {0xff, 0xff, 0x00, 0x10, 0x00, 0x00,
                                           0x23, 0x20, 0, 0, 0, 0, 0, 0, 0, 0};
    /* eth_dst, then nonzero bytes where padding belongs. */
    static const uint8_t set_junk[] = {
        0x00, 0x19, 0x00, 0x10, 0x80, 0x00, 0x06, 0x06, 1, 2, 3, 4,
        5,    6,    0xab, 0xab};
    /* eth_dst, then more than padding: 8 bytes after the OXM. */
    static const uint8_t set_long[] = {
        0x00, 0x19, 0x00, 0x18, 0x80, 0x00, 0x06, 0x06, 1, 2, 3, 4,
        5,    6,    0,    0,    0,    0,    0,    0,    0, 0, 0, 0};
    static const uint8_t out_max[] = {0x00, 0x00, 0x00, 0x10, 0xff, 0xff,
                                      0xff, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
    (void) state;

    expect_action_error(unknown, sizeof unknown, OFPERR_OFPBAC_BAD_TYPE);
    expect_action_error(short_len, sizeof short_len, OFPERR_OFPBAC_BAD_LEN);
    expect_action_error(odd_len, sizeof odd_len, OFPERR_OFPBAC_BAD_LEN);
    expect_action_error(past_end, sizeof past_end, OFPERR_OFPBAC_BAD_LEN);
    expect_action_error(out_any, sizeof out_any, OFPERR_OFPBAC_BAD_OUT_PORT);
    expect_action_error(wrong_fixed, sizeof wrong_fixed,
                        OFPERR_OFPBAC_BAD_LEN);
    expect_action_error(push_ip, sizeof push_ip, OFPERR_OFPBAC_BAD_ARGUMENT);
    expect_action_error(set_unknown, sizeof set_unknown,
                        OFPERR_OFPBAC_BAD_SET_TYPE);
    expect_action_error(set_masked, sizeof set_masked,
                        OFPERR_OFPBAC_BAD_SET_MASK);
    expect_action_error(set_masked_src, sizeof set_masked_src,
                        OFPERR_OFPBAC_BAD_SET_MASK);
    expect_action_error(set_read_only, sizeof set_read_only,
                        OFPERR_OFPBAC_BAD_SET_ARGUMENT);
    expect_action_error(set_vid_absent, sizeof set_vid_absent,
                        OFPERR_OFPBAC_BAD_SET_ARGUMENT);
    expect_action_error(experimenter, sizeof experimenter,
                        OFPERR_OFPBAC_BAD_VENDOR);
    expect_action_error(set_junk, sizeof set_junk,
                        OFPERR_OFPBAC_BAD_SET_ARGUMENT);
    expect_action_error(set_long, sizeof set_long, OFPERR_OFPBAC_BAD_SET_LEN);
    expect_action_error(out_max, sizeof out_max, OFPERR_OFPBAC_BAD_OUT_PORT);
}

static struct ofp_action *
append(struct ofp_actions *a, enum ofp_action_type type)
{
    struct ofp_action *act = ofp_actions_append(a);
    act->type = type;
    return act;
}

static void
test_consistency_follows_pushes_and_pops(void **state)
{
    struct ofp_actions a;
    struct flow_match any, ip;
    uint8_t ipv4[2] = {8, 0};
    (void) state;

    memset(&any, 0, sizeof any);
    memset(&ip, 0, sizeof ip);
    ofp_field_set(&ofp_fields[OFPF_ETH_TYPE], ipv4, NULL, &ip);

    ofp_actions_init(&a);
    append(&a, OFPAT_POP_VLAN);
    assert_int_equal(ofp_actions_check(&a, &any),
                     -OFPERR_OFPBAC_MATCH_INCONSISTENT);
    ofp_actions_free(&a);

    /* A pushed tag may be set and popped again. */
    append(&a, OFPAT_PUSH_VLAN)->ethertype = 0x8100;
    struct ofp_action *sf = append(&a, OFPAT_SET_FIELD);
    sf->set_field.field = &ofp_fields[OFPF_VLAN_VID];
    memcpy(sf->set_field.value, "\x10\x05", 2);
    append(&a, OFPAT_POP_VLAN);
    assert_int_equal(ofp_actions_check(&a, &any), 0);
    ofp_actions_free(&a);

    append(&a, OFPAT_DEC_NW_TTL);
    assert_int_equal(ofp_actions_check(&a, &any),
                     -OFPERR_OFPBAC_MATCH_INCONSISTENT);
    assert_int_equal(ofp_actions_check(&a, &ip), 0);
    ofp_actions_free(&a);

    /* After push_mpls the packet is MPLS, not IP. */
    append(&a, OFPAT_PUSH_MPLS)->ethertype = 0x8847;
    append(&a, OFPAT_DEC_NW_TTL);
    assert_int_equal(ofp_actions_check(&a, &ip),
                     -OFPERR_OFPBAC_MATCH_INCONSISTENT);
    ofp_actions_free(&a);

    sf = append(&a, OFPAT_SET_FIELD);
    sf->set_field.field = &ofp_fields[OFPF_IPV4_DST];
    assert_int_equal(ofp_actions_check(&a, &any),
                     -OFPERR_OFPBAC_MATCH_INCONSISTENT);
    assert_int_equal(ofp_actions_check(&a, &ip), 0);
    ofp_actions_free(&a);
}

static void
test_clone_copies_independently(void **state)
{
    struct ofp_instructions in, copy;
    (void) state;

    ofp_instructions_init(&in);
    in.present = OFP_INST_BIT(OFPIT_APPLY_ACTIONS)
                 | OFP_INST_BIT(OFPIT_WRITE_ACTIONS);
    append(&in.apply, OFPAT_OUTPUT)->output.port = 3;
    append(&in.write, OFPAT_GROUP)->group_id = 4;
    ofp_instructions_clone(&copy, &in);
    assert_true(ofp_instructions_equal(&in, &copy));
    assert_ptr_not_equal(copy.apply.list, in.apply.list);
    copy.apply.list[0].output.port = 9;
    assert_false(ofp_instructions_equal(&in, &copy));
    ofp_instructions_free(&copy);
    ofp_instructions_free(&in);
}

static void
test_decode_golden_instructions(void **state)
{
    static const uint8_t bytes[] = {
        0x00, 0x01, 0x00, 0x08, 5, 0, 0, 0,             /* goto_table:5 */
        0x00, 0x02, 0x00, 0x18, 0, 0, 0, 0,             /* write_metadata */
        0, 0, 0, 0, 0, 0, 0, 0x22, 0, 0, 0, 0, 0, 0, 0, 0xff,
        0x00, 0x06, 0x00, 0x08, 0, 0, 0, 4,             /* meter:4 */
        0x00, 0x04, 0x00, 0x18, 0, 0, 0, 0,             /* apply_actions */
        0x00, 0x00, 0x00, 0x10, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
        0x00, 0x05, 0x00, 0x08, 0, 0, 0, 0,             /* clear_actions */
    };
    struct ofp_instructions in, back;
    struct buf b = BUF_INIT;
    (void) state;

    assert_int_equal(decode_instructions(bytes, sizeof bytes, 1, &in), 0);
    assert_int_equal(in.present, OFP_INST_BIT(OFPIT_GOTO_TABLE)
                                     | OFP_INST_BIT(OFPIT_WRITE_METADATA)
                                     | OFP_INST_BIT(OFPIT_METER)
                                     | OFP_INST_BIT(OFPIT_APPLY_ACTIONS)
                                     | OFP_INST_BIT(OFPIT_CLEAR_ACTIONS));
    assert_int_equal(in.goto_table, 5);
    assert_int_equal(in.metadata, 0x22);
    assert_int_equal(in.metadata_mask, 0xff);
    assert_int_equal(in.meter_id, 4);
    assert_int_equal(in.apply.n, 1);
    assert_int_equal(in.apply.list[0].output.port, 2);

    /* Re-encoded in Open vSwitch's order: meter, apply, clear, write,
     * write_metadata, goto_table. */
    ofp_instructions_encode(&in, &b);
    assert_int_equal(b.size, sizeof bytes);
    assert_int_equal(b.data[1], OFPIT_METER);
    assert_int_equal(b.data[9], OFPIT_APPLY_ACTIONS);
    assert_int_equal(b.data[b.size - 8 + 1], OFPIT_GOTO_TABLE);
    assert_int_equal(decode_instructions(b.data, b.size, 1, &back), 0);
    assert_true(ofp_instructions_equal(&in, &back));
    ofp_instructions_free(&back);
    ofp_instructions_free(&in);
    buf_free(&b);
}

static void
expect_instruction_error(const uint8_t *bytes, size_t n, uint8_t table,
                         enum ofperr error)
{
    struct ofp_instructions in;
    assert_int_equal(decode_instructions(bytes, n, table, &in), -(int) error);
    assert_int_equal(in.present, 0);
}

static void
test_invalid_instructions_get_the_specified_errors(void **state)
{
    static const uint8_t back_goto[] = {0x00, 0x01, 0x00, 0x08, 3, 0, 0, 0};
    static const uint8_t dup[] = {0x00, 0x05, 0x00, 0x08, 0, 0, 0, 0,
                                  0x00, 0x05, 0x00, 0x08, 0, 0, 0, 0};
    static const uint8_t unknown[] = {0x00, 0x07, 0x00, 0x08, 0, 0, 0, 0};
    static const uint8_t bad_len[] = {0x00, 0x06, 0x00, 0x10, 0, 0, 0, 4,
                                      0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t truncated[] = {0x00, 0x06, 0x00};
    static const uint8_t experimenter[] = {0xff, 0xff, 0x00, 0x08, 0, 0, 0, 1};
    static const uint8_t bad_action[] = {0x00, 0x04, 0x00, 0x10, 0, 0, 0, 0,
                                         0x00, 0x05, 0x00, 0x08, 0, 0, 0, 0};
    (void) state;

    expect_instruction_error(back_goto, sizeof back_goto, 3,
                             OFPERR_OFPBIC_BAD_TABLE_ID);
    expect_instruction_error(dup, sizeof dup, 0, OFPERR_OFPBIC_DUP_INST);
    expect_instruction_error(unknown, sizeof unknown, 0,
                             OFPERR_OFPBIC_UNKNOWN_INST);
    expect_instruction_error(bad_len, sizeof bad_len, 0,
                             OFPERR_OFPBIC_BAD_LEN);
    expect_instruction_error(truncated, sizeof truncated, 0,
                             OFPERR_OFPBIC_BAD_LEN);
    expect_instruction_error(experimenter, sizeof experimenter, 0,
                             OFPERR_OFPBIC_BAD_EXPERIMENTER);
    expect_instruction_error(bad_action, sizeof bad_action, 0,
                             OFPERR_OFPBAC_BAD_TYPE);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_golden_action_list),
        cmocka_unit_test(test_every_action_type_round_trips),
        cmocka_unit_test(test_invalid_actions_get_the_specified_errors),
        cmocka_unit_test(test_consistency_follows_pushes_and_pops),
        cmocka_unit_test(test_clone_copies_independently),
        cmocka_unit_test(test_decode_golden_instructions),
        cmocka_unit_test(test_invalid_instructions_get_the_specified_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
