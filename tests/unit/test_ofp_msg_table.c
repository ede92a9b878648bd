/* Tests for ofproto/ofp_msg_table.c: the TABLE_FEATURES multipart request
 * and reply.
 *
 * Golden messages are written by hand from the OpenFlow 1.3.5 layouts, not
 * produced by the encoder.  Every decode runs on an exact-size heap copy,
 * so that AddressSanitizer catches any read past the end. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "ofp_msg_test.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofp_oxm.h"

#define N_PONT_TABLES 255
#define TF_FIXED_LEN 64
#define OXM_HASMASK 0x100u

/* Building messages. */

static uint32_t
oxm_header(const struct ofp_field *f, bool masked)
{
    unsigned int len = f->n_bytes * (masked ? 2 : 1);

    if (f->oxm_class == OFPXMC_EXPERIMENTER) {
        len += 4;
    }
    return (uint32_t) f->oxm_class << 16 | (uint32_t) f->oxm_field << 9
           | (masked ? OXM_HASMASK : 0) | len;
}

static void
add_fields(struct ofp_oxm_ids *ids, bool writable_only, bool with_masks)
{
    for (size_t i = 0; i < OFPF_N_FIELDS; i++) {
        const struct ofp_field *f = &ofp_fields[i];

        if (!writable_only || f->writable) {
            ofp_oxm_ids_push(ids, oxm_header(f, with_masks && f->maskable),
                             f->experimenter);
        }
    }
}

/* What Pont's switch advertises for table 'table_id' of 'n_tables': every
 * instruction, the actions it implements, every field, and goto to any
 * later table. */
static void
build_pont_table(struct ofp_table_features *tf, uint8_t table_id, int n_tables)
{
    static const uint8_t actions[] = {
        OFPAT_OUTPUT,       OFPAT_COPY_TTL_OUT, OFPAT_COPY_TTL_IN,
        OFPAT_SET_MPLS_TTL, OFPAT_DEC_MPLS_TTL, OFPAT_PUSH_VLAN,
        OFPAT_POP_VLAN,     OFPAT_PUSH_MPLS,    OFPAT_POP_MPLS,
        OFPAT_SET_QUEUE,    OFPAT_GROUP,        OFPAT_SET_NW_TTL,
        OFPAT_DEC_NW_TTL,   OFPAT_SET_FIELD,
    };

    tf->table_id = table_id;
    snprintf(tf->name, sizeof tf->name, "table%u", table_id);
    tf->metadata_match = UINT64_MAX;
    tf->metadata_write = UINT64_MAX;
    tf->max_entries = 1000000;
    tf->props = OFP_TF_ALL_PROPS;
    for (int miss = 0; miss < 2; miss++) {
        struct ofp_tf_caps *caps = &tf->caps[miss];

        for (int it = OFPIT_GOTO_TABLE; it <= OFPIT_METER; it++) {
            caps->instructions |= 1u << it;
        }
        for (int next = table_id + 1; next < n_tables; next++) {
            ofp_tf_next_table_set(caps->next_tables, next);
        }
        for (size_t i = 0; i < sizeof actions; i++) {
            caps->write_actions |= 1u << actions[i];
            caps->apply_actions |= 1u << actions[i];
        }
        add_fields(&caps->write_setfield, true, false);
        add_fields(&caps->apply_setfield, true, false);
    }
    add_fields(&tf->match, false, true);
    add_fields(&tf->wildcards, false, false);
}

static void
build_pont_reply(struct ofp_msg *msg, int first, int n, int n_tables)
{
    ofp_msg_init(msg, OFPK_TABLE_FEATURES_REPLY, 0x11);
    for (int i = first; i < first + n; i++) {
        build_pont_table(OFP_STATS_PUSH(msg->table_features), i, n_tables);
    }
}

/* A request that changes two tables: the first with unusual content (an
 * experimenter instruction, action and field, an experimenter property,
 * _MISS properties left out), the second with only the required ones. */
static void
build_set_request(struct ofp_msg *msg)
{
    static const uint8_t exp_inst[] = {0xff, 0xff, 0x00, 0x08,
                                       0x00, 0x00, 0x23, 0x20};
    static const uint8_t exp_data[] = {1, 2, 3};
    struct ofp_table_features *tf;
    struct ofp_tf_exp_prop *prop;

    ofp_msg_init(msg, OFPK_TABLE_FEATURES_REQUEST, 0x22);
    msg->mp_flags = OFPMPF_REQ_MORE;
    tf = OFP_STATS_PUSH(msg->table_features);
    tf->table_id = 3;
    snprintf(tf->name, sizeof tf->name, "acl");
    tf->metadata_match = 0xff00;
    tf->metadata_write = 0x00ff;
    tf->config = 3;
    tf->max_entries = 4096;
    tf->props = OFP_TF_REQUIRED_PROPS | 1u << OFPTFPT_NEXT_TABLES_MISS;
    tf->caps[0].instructions = 1u << OFPIT_APPLY_ACTIONS;
    ofp_bytes_set(&tf->caps[0].exp_instructions, exp_inst, sizeof exp_inst);
    ofp_tf_next_table_set(tf->caps[0].next_tables, 4);
    ofp_tf_next_table_set(tf->caps[0].next_tables, 200);
    ofp_tf_next_table_set(tf->caps[1].next_tables, 254);
    tf->caps[0].apply_actions = 1u << OFPAT_OUTPUT | 1u << 31;
    ofp_bytes_set(&tf->caps[0].exp_apply_actions, exp_inst, sizeof exp_inst);
    ofp_oxm_ids_push(&tf->caps[0].apply_setfield, 0x80000a02, 0);
    ofp_oxm_ids_push(&tf->match, 0xffff0108, 0x00002320);
    ofp_oxm_ids_push(&tf->match, 0x12340004, 0);
    ofp_oxm_ids_push(&tf->wildcards, 0xffff0008, 0x4f4e4600);
    tf->n_exp_props = 0;
    prop = ofp_array_push(&tf->exp_props, &tf->n_exp_props, sizeof *prop);
    prop->type = OFPTFPT_EXPERIMENTER_MISS;
    prop->experimenter = 0x00002320;
    prop->exp_type = 9;
    ofp_bytes_set(&prop->data, exp_data, sizeof exp_data);
    /* Encoding leaves the _MISS properties out; decoding fills them in. */
    tf->caps[1].instructions = tf->caps[0].instructions;
    ofp_bytes_set(&tf->caps[1].exp_instructions, exp_inst, sizeof exp_inst);
    tf->caps[1].apply_actions = tf->caps[0].apply_actions;
    ofp_bytes_set(&tf->caps[1].exp_apply_actions, exp_inst, sizeof exp_inst);
    ofp_oxm_ids_push(&tf->caps[1].apply_setfield, 0x80000a02, 0);

    tf = OFP_STATS_PUSH(msg->table_features);
    tf->table_id = 0;
    tf->props = OFP_TF_REQUIRED_PROPS;
}

/* Round trips. */

static void
test_reply_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_table_features *tf;
    (void) state;

    build_pont_reply(&msg, 250, 5, N_PONT_TABLES);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.table_features.n, 5);
    tf = &out.table_features.entries[1];
    assert_int_equal(tf->table_id, 251);
    assert_string_equal(tf->name, "table251");
    assert_true(tf->metadata_match == UINT64_MAX);
    assert_int_equal(tf->max_entries, 1000000);
    assert_int_equal(tf->props, OFP_TF_ALL_PROPS);
    assert_int_equal(tf->caps[1].instructions, 0x7e);
    assert_false(ofp_tf_next_table_test(tf->caps[0].next_tables, 251));
    assert_true(ofp_tf_next_table_test(tf->caps[0].next_tables, 252));
    assert_true(ofp_tf_next_table_test(tf->caps[1].next_tables, 254));
    assert_true(tf->caps[0].apply_actions & 1u << OFPAT_SET_FIELD);
    assert_int_equal(tf->match.n, OFPF_N_FIELDS);
    assert_int_equal(tf->wildcards.n, OFPF_N_FIELDS);
    assert_int_equal(tf->match.ids[OFPF_METADATA].header, 0x80000510);
    assert_int_equal(tf->wildcards.ids[OFPF_METADATA].header, 0x80000408);
    assert_int_equal(out.table_features.entries[4].table_id, 254);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_reply_for_255_tables_is_too_long_for_one_message(void **state)
{
    struct ofp_msg msg;
    struct buf b = BUF_INIT;
    (void) state;

    build_pont_reply(&msg, 0, N_PONT_TABLES, N_PONT_TABLES);
    assert_int_equal(ofp_msg_encode(&msg, &b), -EMSGSIZE);
    assert_int_equal(b.size, 0);
    ofp_msg_uninit(&msg);

    /* A switch sends it in parts: every table fits some part. */
    for (int first = 0; first < N_PONT_TABLES; first += 32) {
        int n = N_PONT_TABLES - first < 32 ? N_PONT_TABLES - first : 32;

        build_pont_reply(&msg, first, n, N_PONT_TABLES);
        msg.mp_flags = first + n < N_PONT_TABLES ? OFPMPF_REPLY_MORE : 0;
        ofp_msg_test_round_trip(&msg, NULL, NULL);
        ofp_msg_uninit(&msg);
    }
    buf_free(&b);
}

static void
test_set_request_round_trip_fills_in_left_out_miss_properties(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_table_features *tf;
    (void) state;

    build_set_request(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.mp_flags, OFPMPF_REQ_MORE);
    assert_int_equal(out.table_features.n, 2);
    tf = &out.table_features.entries[0];
    assert_string_equal(tf->name, "acl");
    assert_int_equal(tf->config, 3);
    assert_int_equal(tf->props,
                     OFP_TF_REQUIRED_PROPS | 1u << OFPTFPT_NEXT_TABLES_MISS);
    assert_int_equal(tf->caps[1].instructions, 1u << OFPIT_APPLY_ACTIONS);
    assert_int_equal(tf->caps[1].exp_instructions.len, 8);
    assert_int_equal(tf->caps[1].apply_actions, 1u << OFPAT_OUTPUT | 1u << 31);
    assert_true(ofp_tf_next_table_test(tf->caps[1].next_tables, 254));
    assert_false(ofp_tf_next_table_test(tf->caps[1].next_tables, 4));
    assert_int_equal(tf->caps[1].apply_setfield.n, 1);
    assert_int_equal(tf->match.n, 2);
    assert_int_equal(tf->match.ids[0].experimenter, 0x2320);
    assert_int_equal(tf->match.ids[1].header, 0x12340004);
    assert_int_equal(tf->wildcards.ids[0].experimenter, 0x4f4e4600);
    assert_int_equal(tf->n_exp_props, 1);
    assert_int_equal(tf->exp_props[0].type, OFPTFPT_EXPERIMENTER_MISS);
    assert_int_equal(tf->exp_props[0].exp_type, 9);
    assert_int_equal(tf->exp_props[0].data.len, 3);
    assert_int_equal(out.table_features.entries[1].props,
                     OFP_TF_REQUIRED_PROPS);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_query_request_matches_open_vswitch(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* What ovs-ofctl -O OpenFlow13 dump-table-features sends (xid 2). */
    ofp_msg_init(&msg, OFPK_TABLE_FEATURES_REQUEST, 2);
    ofp_msg_test_assert_encoding(&msg, "0412001000000002000c000000000000");
    ofp_msg_test_round_trip(&msg, NULL, NULL);
    ofp_msg_uninit(&msg);
}

/* Golden bytes. */

/* One table entry, properties out of Open vSwitch's order, most _MISS
 * properties left out, an experimenter property. */
static const char golden_entry[] =
    "00b8 01 0000000000" /* Length, table 1. */
    "7431000000000000000000000000000000000000000000000000000000000000"
    "00000000000000ff 00000000000000f0 00000003 00000064"
    "0000 000c 0001 0004 0004 0004 00000000" /* Goto, apply. */
    "0002 0006 0205 0000"                    /* Next: 2, 5. */
    "0004 0008 0000 0004"                    /* Write: output. */
    "0006 000c ffff 0008 00002320 00000000"  /* Apply: experimenter. */
    "0008 000c 80000004 8000070c 00000000"   /* in_port, eth_dst/m. */
    "000a 0008 80000004"                     /* Wildcard in_port. */
    "000c 000c ffff0a08 00002320 00000000"   /* Experimenter field. */
    "000e 0004 00000000"                     /* Apply-setfield: none. */
    "0003 0005 03 000000"                    /* Next on miss: 3. */
    "ffff 000e 00002320 00000007 abcd 0000"; /* Experimenter prop. */

static void
test_reply_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_table_features *tf;
    char hex[1024];
    (void) state;

    snprintf(hex, sizeof hex, "0413 0000 00000007 000c 0001 00000000 %s",
             golden_entry);
    assert_int_equal(ofp_msg_test_decode_hex_sized(hex, &msg), 0);
    assert_int_equal(msg.kind, OFPK_TABLE_FEATURES_REPLY);
    assert_int_equal(msg.xid, 7);
    assert_int_equal(msg.mp_flags, OFPMPF_REPLY_MORE);
    assert_int_equal(msg.table_features.n, 1);
    tf = &msg.table_features.entries[0];
    assert_int_equal(tf->table_id, 1);
    assert_string_equal(tf->name, "t1");
    assert_true(tf->metadata_match == 0xff);
    assert_true(tf->metadata_write == 0xf0);
    assert_int_equal(tf->config, 3);
    assert_int_equal(tf->max_entries, 100);
    assert_int_equal(tf->props,
                     OFP_TF_REQUIRED_PROPS | 1u << OFPTFPT_NEXT_TABLES_MISS);
    for (int miss = 0; miss < 2; miss++) {
        const struct ofp_tf_caps *caps = &tf->caps[miss];

        assert_int_equal(caps->instructions,
                         1u << OFPIT_GOTO_TABLE | 1u << OFPIT_APPLY_ACTIONS);
        assert_int_equal(caps->exp_instructions.len, 0);
        assert_int_equal(caps->write_actions, 1u << OFPAT_OUTPUT);
        assert_int_equal(caps->apply_actions, 0);
        assert_int_equal(caps->exp_apply_actions.len, 8);
        assert_memory_equal(caps->exp_apply_actions.data,
                            "\xff\xff\x00\x08\x00\x00\x23\x20", 8);
        assert_int_equal(caps->write_setfield.n, 1);
        assert_int_equal(caps->write_setfield.ids[0].header, 0xffff0a08);
        assert_int_equal(caps->write_setfield.ids[0].experimenter, 0x2320);
        assert_int_equal(caps->apply_setfield.n, 0);
    }
    assert_true(ofp_tf_next_table_test(tf->caps[0].next_tables, 2));
    assert_true(ofp_tf_next_table_test(tf->caps[0].next_tables, 5));
    assert_false(ofp_tf_next_table_test(tf->caps[0].next_tables, 3));
    assert_true(ofp_tf_next_table_test(tf->caps[1].next_tables, 3));
    assert_false(ofp_tf_next_table_test(tf->caps[1].next_tables, 2));
    assert_int_equal(tf->match.n, 2);
    assert_int_equal(tf->match.ids[0].header, 0x80000004);
    assert_int_equal(tf->match.ids[1].header, 0x8000070c);
    assert_int_equal(tf->wildcards.n, 1);
    assert_int_equal(tf->n_exp_props, 1);
    assert_int_equal(tf->exp_props[0].type, OFPTFPT_EXPERIMENTER_MISS);
    assert_int_equal(tf->exp_props[0].experimenter, 0x2320);
    assert_int_equal(tf->exp_props[0].exp_type, 7);
    assert_int_equal(tf->exp_props[0].data.len, 2);
    assert_memory_equal(tf->exp_props[0].data.data, "\xab\xcd", 2);
    ofp_msg_uninit(&msg);
}

/* Truncations and trailing bytes. */

static size_t
encoded_len(const struct ofp_msg *msg)
{
    struct buf b = BUF_INIT;
    size_t len;

    assert_int_equal(ofp_msg_encode(msg, &b), 0);
    len = b.size;
    buf_free(&b);
    return len;
}

static void
test_truncations_fail_except_at_entry_ends(void **state)
{
    struct ofp_msg msg, first;
    struct ofp_table_features *tf;
    struct ofp_msg_test_cuts cuts = {
        .alt_errors = {OFPERR_OFPBPC_BAD_LEN},
    };
    (void) state;

    /* A short list of small tables keeps the prefixes few. */
    build_set_request(&msg);
    ofp_msg_init(&first, OFPK_TABLE_FEATURES_REQUEST, 0);
    tf = OFP_STATS_PUSH(first.table_features);
    *tf = msg.table_features.entries[0];
    cuts.lens[0] = 16;
    cuts.lens[1] = encoded_len(&first);
    first.table_features.n = 0;
    free(first.table_features.entries);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBPC_BAD_LEN);
    ofp_msg_test_trailing_fill(&msg, 0xff, 64, OFPERR_OFPBPC_BAD_LEN);
    ofp_msg_test_trailing_fill(&msg, 0, 3, OFPERR_OFPBPC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

/* Validation. */

/* Decodes a reply holding one entry of table 1 with the properties written
 * in 'props' (hex), the entry's length set to cover them. */
static int
decode_props(const char *props)
{
    struct buf b = BUF_INIT;
    struct ofp_msg msg;
    int retval;

    ofp_msg_test_hex(&b, "0413 0000 00000001 000c 0000 00000000"
                         "0000 01 0000000000");
    buf_put_zeros(&b, OFP_MAX_TABLE_NAME_LEN + 24);
    ofp_msg_test_hex(&b, props);
    buf_set_be16(&b, 16, b.size - 16);
    retval = ofp_msg_test_decode_sized(b.data, b.size, &msg);
    ofp_msg_uninit(&msg);
    buf_free(&b);
    return retval;
}

static void
test_entry_lengths_are_checked(void **state)
{
    char hex[512];
    (void) state;

    /* The properties fit: the entry decodes. */
    ofp_msg_test_assert_error(decode_props("0000 0004 00000000"), 0);
    /* Entry length shorter than its fixed part, not a multiple of 8, past
     * the body. */
    for (int i = 0; i < 3; i++) {
        static const char *lens[] = {"0038", "0044", "0050"};
        struct ofp_msg msg;

        snprintf(hex, sizeof hex,
                 "0413 0000 00000001 000c 0000 00000000 %s 01 0000000000"
                 "%0112d 0000 0004 00000000",
                 lens[i], 0);
        ofp_msg_test_assert_error(ofp_msg_test_decode_hex_sized(hex, &msg),
                                  OFPERR_OFPBPC_BAD_LEN);
        ofp_msg_uninit(&msg);
    }
}

static void
test_property_lengths_are_checked(void **state)
{
    (void) state;

    /* Shorter than its header. */
    ofp_msg_test_assert_error(decode_props("0000 0003 00000000"),
                              OFPERR_OFPBPC_BAD_LEN);
    /* Padding past the entry's end. */
    ofp_msg_test_assert_error(decode_props("0000 0004 0002 0005 01000000"
                                           "0004 0004"),
                              OFPERR_OFPBPC_BAD_LEN);
    /* Longer than the entry. */
    ofp_msg_test_assert_error(decode_props("0000 0010 00000000"),
                              OFPERR_OFPBPC_BAD_LEN);
}

static void
test_property_types_are_checked(void **state)
{
    (void) state;

    ofp_msg_test_assert_error(decode_props("0009 0004 00000000"),
                              OFPERR_OFPBPC_BAD_TYPE);
    ofp_msg_test_assert_error(decode_props("0010 0004 00000000"),
                              OFPERR_OFPBPC_BAD_TYPE);
    ofp_msg_test_assert_error(decode_props("0002 0005 01000000"
                                           "0002 0005 02000000"),
                              OFPERR_OFPBPC_DUP_TYPE);
    /* Experimenter properties may repeat, but need their ids. */
    ofp_msg_test_assert_error(
        decode_props("fffe 000c 00002320 00000001 00000000"
                     "fffe 000c 00002320 00000001 00000000"),
        0);
    ofp_msg_test_assert_error(decode_props("fffe 0008 00002320"),
                              OFPERR_OFPBPC_BAD_LEN);
}

static void
test_table_ids_are_checked(void **state)
{
    struct ofp_msg msg;
    char hex[512];
    (void) state;

    snprintf(hex, sizeof hex,
             "0413 0000 00000001 000c 0000 00000000 0040 ff 0000000000 %0112d",
             0);
    ofp_msg_test_assert_error(ofp_msg_test_decode_hex_sized(hex, &msg),
                              OFPERR_OFPTFFC_BAD_TABLE);
    ofp_msg_uninit(&msg);
    /* Next tables: OFPTT_ALL is no table, and each appears once. */
    ofp_msg_test_assert_error(decode_props("0002 0005 ff000000"),
                              OFPERR_OFPBPC_BAD_VALUE);
    ofp_msg_test_assert_error(decode_props("0003 0006 0202 0000"),
                              OFPERR_OFPBPC_BAD_VALUE);
}

static void
test_instruction_and_action_ids_are_checked(void **state)
{
    (void) state;

    /* An id must be 4 bytes; an experimenter id at least 8. */
    ofp_msg_test_assert_error(decode_props("0000 000c 0001 0008 00000000"
                                           "00000000"),
                              OFPERR_OFPBPC_BAD_LEN);
    ofp_msg_test_assert_error(decode_props("0006 0008 ffff 0004"),
                              OFPERR_OFPBPC_BAD_LEN);
    ofp_msg_test_assert_error(
        decode_props("0004 000a 0000 0004 0000 000000000000"),
        OFPERR_OFPBPC_BAD_LEN);
    ofp_msg_test_assert_error(decode_props("0004 0006 0000 0000"),
                              OFPERR_OFPBPC_BAD_LEN);
    /* Types that a bitmap cannot hold. */
    ofp_msg_test_assert_error(decode_props("0001 0008 0028 0004"),
                              OFPERR_OFPBIC_UNKNOWN_INST);
    ofp_msg_test_assert_error(decode_props("0007 0008 0028 0004"),
                              OFPERR_OFPBAC_BAD_TYPE);
    /* The same id twice. */
    ofp_msg_test_assert_error(decode_props("0005 000c 0000 0004 0000 0004"
                                           "00000000"),
                              OFPERR_OFPBPC_BAD_VALUE);
}

static void
test_oxm_ids_are_checked(void **state)
{
    (void) state;

    ofp_msg_test_assert_error(decode_props("0008 0006 8000 0000"),
                              OFPERR_OFPBMC_BAD_LEN);
    /* An experimenter field without its experimenter id. */
    ofp_msg_test_assert_error(decode_props("000c 0008 ffff0a08"),
                              OFPERR_OFPBMC_BAD_LEN);
    /* Only the match property may say a field is maskable. */
    ofp_msg_test_assert_error(decode_props("000a 0008 80000108"),
                              OFPERR_OFPBMC_BAD_MASK);
    ofp_msg_test_assert_error(decode_props("000f 0008 80000108"),
                              OFPERR_OFPBMC_BAD_MASK);
    ofp_msg_test_assert_error(decode_props("0008 0008 80000108"), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reply_round_trip_keeps_every_field),
        cmocka_unit_test(test_reply_for_255_tables_is_too_long_for_one_message),
        cmocka_unit_test(
            test_set_request_round_trip_fills_in_left_out_miss_properties),
        cmocka_unit_test(test_query_request_matches_open_vswitch),
        cmocka_unit_test(test_reply_golden_bytes_decode),
        cmocka_unit_test(test_truncations_fail_except_at_entry_ends),
        cmocka_unit_test(test_entry_lengths_are_checked),
        cmocka_unit_test(test_property_lengths_are_checked),
        cmocka_unit_test(test_property_types_are_checked),
        cmocka_unit_test(test_table_ids_are_checked),
        cmocka_unit_test(test_instruction_and_action_ids_are_checked),
        cmocka_unit_test(test_oxm_ids_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
