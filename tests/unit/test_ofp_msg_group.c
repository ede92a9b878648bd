/* Tests for ofproto/ofp_msg_group.c: GROUP_MOD, group stats requests and
 * replies, group descriptions and group features.
 *
 * Golden messages are written by hand from the OpenFlow 1.3.5 layouts, not
 * produced by the encoder.  Every decode runs on an exact-size heap copy
 * whose header length is set to the copy's size, so that AddressSanitizer
 * catches any read past the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "ofp_msg_test.h"
#include "ofproto/ofp_msg.h"

/* Building messages. */

static struct ofp_bucket *
add_bucket(struct ofp_bucket **buckets, size_t *n, uint16_t weight,
           uint32_t watch_port, uint32_t watch_group)
{
    struct ofp_bucket *b = ofp_array_push(buckets, n, sizeof *b);

    b->weight = weight;
    b->watch_port = watch_port;
    b->watch_group = watch_group;
    ofp_actions_init(&b->actions);
    return b;
}

static void
add_output(struct ofp_actions *actions, uint32_t port, uint16_t max_len)
{
    struct ofp_action *a = ofp_actions_append(actions);

    a->type = OFPAT_OUTPUT;
    a->output.port = port;
    a->output.max_len = max_len;
}

static void
add_group_action(struct ofp_actions *actions, uint32_t group_id)
{
    struct ofp_action *a = ofp_actions_append(actions);

    a->type = OFPAT_GROUP;
    a->group_id = group_id;
}

static void
add_push_vlan(struct ofp_actions *actions)
{
    struct ofp_action *a = ofp_actions_append(actions);

    a->type = OFPAT_PUSH_VLAN;
    a->ethertype = 0x8100;
}

static void
add_set_eth_dst(struct ofp_actions *actions)
{
    static const uint8_t mac[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
    struct ofp_action *a = ofp_actions_append(actions);

    a->type = OFPAT_SET_FIELD;
    a->set_field.field = ofp_field_by_name("eth_dst");
    assert_non_null(a->set_field.field);
    memcpy(a->set_field.value, mac, sizeof mac);
}

/* A group mod with one plain bucket (output:1) that suits 'type'. */
static void
init_group_mod(struct ofp_msg *msg, uint16_t command, uint8_t type,
               uint32_t group_id)
{
    struct ofp_group_mod *gm = &msg->group_mod;
    struct ofp_bucket *b;

    ofp_msg_init(msg, OFPK_GROUP_MOD, 0x42);
    gm->command = command;
    gm->type = type;
    gm->group_id = group_id;
    if (command != OFPGC_DELETE) {
        b = add_bucket(&gm->buckets, &gm->n_buckets,
                       type == OFPGT_SELECT ? 1 : 0,
                       type == OFPGT_FF ? 1 : OFPP_ANY, OFPG_ANY);
        add_output(&b->actions, 1, 0);
    }
}

/* GROUP_MOD: round trip, golden, truncations. */

/* A select group with a watched bucket and one with several actions,
 * including a set_field. */
static void
build_select_group_mod(struct ofp_msg *msg)
{
    struct ofp_group_mod *gm = &msg->group_mod;
    struct ofp_bucket *b;

    ofp_msg_init(msg, OFPK_GROUP_MOD, 0x01020304);
    gm->command = OFPGC_MODIFY;
    gm->type = OFPGT_SELECT;
    gm->group_id = 0x00abcdef;
    b = add_bucket(&gm->buckets, &gm->n_buckets, 3, 7, 9);
    add_output(&b->actions, 2, 0);
    b = add_bucket(&gm->buckets, &gm->n_buckets, 500, OFPP_ANY, OFPG_ANY);
    add_push_vlan(&b->actions);
    add_set_eth_dst(&b->actions);
    add_group_action(&b->actions, 12);
    add_output(&b->actions, OFPP_CONTROLLER, 128);
    b = add_bucket(&gm->buckets, &gm->n_buckets, 0, 0xfffff, OFPG_ANY);
}

static void
test_group_mod_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    (void) state;

    build_select_group_mod(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.group_mod.command, OFPGC_MODIFY);
    assert_int_equal(out.group_mod.type, OFPGT_SELECT);
    assert_int_equal(out.group_mod.group_id, 0x00abcdef);
    assert_int_equal(out.group_mod.n_buckets, 3);
    assert_int_equal(out.group_mod.buckets[0].weight, 3);
    assert_int_equal(out.group_mod.buckets[0].watch_port, 7);
    assert_int_equal(out.group_mod.buckets[0].watch_group, 9);
    assert_int_equal(out.group_mod.buckets[1].weight, 500);
    assert_int_equal(out.group_mod.buckets[1].actions.n, 4);
    assert_int_equal(out.group_mod.buckets[1].actions.list[1].type,
                     OFPAT_SET_FIELD);
    assert_int_equal(out.group_mod.buckets[2].watch_port, 0xfffff);
    assert_int_equal(out.group_mod.buckets[2].actions.n, 0);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_group_mod_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_bucket *b;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "04 0f 0000 12345678"
                         "0001 01 00 00000007"
                         /* Bucket: weight 2, watch port 3, output:5. */
                         "0020 0002 00000003 ffffffff 00000000"
                         "0000 0010 00000005 ffff 000000000000"
                         /* Bucket: weight 4, watch group 10, push_vlan,
                          * group:9. */
                         "0020 0004 ffffffff 0000000a 00000000"
                         "0011 0008 8100 0000"
                         "0016 0008 00000009",
                         &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_GROUP_MOD);
    assert_int_equal(msg.xid, 0x12345678);
    assert_int_equal(msg.group_mod.command, OFPGC_MODIFY);
    assert_int_equal(msg.group_mod.type, OFPGT_SELECT);
    assert_int_equal(msg.group_mod.group_id, 7);
    assert_int_equal(msg.group_mod.n_buckets, 2);
    b = &msg.group_mod.buckets[0];
    assert_int_equal(b->weight, 2);
    assert_int_equal(b->watch_port, 3);
    assert_int_equal(b->watch_group, OFPG_ANY);
    assert_int_equal(b->actions.n, 1);
    assert_int_equal(b->actions.list[0].type, OFPAT_OUTPUT);
    assert_int_equal(b->actions.list[0].output.port, 5);
    assert_int_equal(b->actions.list[0].output.max_len, 0xffff);
    b = &msg.group_mod.buckets[1];
    assert_int_equal(b->weight, 4);
    assert_int_equal(b->watch_port, OFPP_ANY);
    assert_int_equal(b->watch_group, 10);
    assert_int_equal(b->actions.n, 2);
    assert_int_equal(b->actions.list[0].type, OFPAT_PUSH_VLAN);
    assert_int_equal(b->actions.list[0].ethertype, 0x8100);
    assert_int_equal(b->actions.list[1].type, OFPAT_GROUP);
    assert_int_equal(b->actions.list[1].group_id, 9);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_encoding_matches_open_vswitch(void **state)
{
    /* What ovs-ofctl -O OpenFlow13 sends for "mod-group group_id=6,type=ff,
     * bucket=watch_port:3,watch_group:9,actions=output:3,
     * bucket=watch_group:10,actions=output:4" (xid 2). */
    static const char ovs_hex[] =
        "040f0050000000020001030000000006"
        "0020000000000003000000090000000000000010000000030000000000000000"
        "00200000ffffffff0000000a0000000000000010000000040000000000000000";
    struct ofp_msg msg;
    struct ofp_bucket *bucket;
    (void) state;

    ofp_msg_init(&msg, OFPK_GROUP_MOD, 2);
    msg.group_mod.command = OFPGC_MODIFY;
    msg.group_mod.type = OFPGT_FF;
    msg.group_mod.group_id = 6;
    bucket =
        add_bucket(&msg.group_mod.buckets, &msg.group_mod.n_buckets, 0, 3, 9);
    add_output(&bucket->actions, 3, 0);
    bucket = add_bucket(&msg.group_mod.buckets, &msg.group_mod.n_buckets, 0,
                        OFPP_ANY, 10);
    add_output(&bucket->actions, 4, 0);
    ofp_msg_test_assert_encoding(&msg, ovs_hex);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_truncations_fail_except_at_bucket_ends(void **state)
{
    struct ofp_msg msg;
    /* Header 16, buckets of 32, 64 and 16 bytes. */
    static const struct ofp_msg_test_cuts cuts = {
        .lens = {16, 48, 112},
        .alt_errors = {OFPERR_OFPGMFC_BAD_BUCKET},
    };
    (void) state;

    build_select_group_mod(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    /* Bytes after the last bucket are read as a bucket of a bad length. */
    ofp_msg_test_trailing_fill(&msg, 0xff, 8, OFPERR_OFPGMFC_BAD_BUCKET);
    ofp_msg_test_trailing_fill(&msg, 0, 16, OFPERR_OFPGMFC_BAD_BUCKET);
    ofp_msg_uninit(&msg);
}

/* GROUP_MOD: validation. */

static void
test_group_mod_unknown_command_is_bad_command(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, 1);
    msg.group_mod.command = 3;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_COMMAND);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_unknown_type_is_bad_type(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, 1);
    msg.group_mod.type = 4;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_TYPE);
    ofp_msg_uninit(&msg);

    init_group_mod(&msg, OFPGC_DELETE, OFPGT_ALL, 1);
    msg.group_mod.type = 0xff;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_TYPE);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_reserved_group_ids_are_invalid_except_delete_all(void **state)
{
    static const uint32_t bad_ids[] = {OFPG_MAX + 1, OFPG_ALL, 0xfffffffe,
                                       OFPG_ANY};
    struct ofp_msg msg;
    (void) state;

    for (size_t i = 0; i < sizeof bad_ids / sizeof *bad_ids; i++) {
        init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, bad_ids[i]);
        assert_int_equal(ofp_msg_test_reencode(&msg),
                         -OFPERR_OFPGMFC_INVALID_GROUP);
        ofp_msg_uninit(&msg);
        init_group_mod(&msg, OFPGC_MODIFY, OFPGT_ALL, bad_ids[i]);
        assert_int_equal(ofp_msg_test_reencode(&msg),
                         -OFPERR_OFPGMFC_INVALID_GROUP);
        ofp_msg_uninit(&msg);
    }
    init_group_mod(&msg, OFPGC_DELETE, OFPGT_ALL, OFPG_ANY);
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    ofp_msg_uninit(&msg);
    init_group_mod(&msg, OFPGC_DELETE, OFPGT_ALL, OFPG_MAX + 1);
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    ofp_msg_uninit(&msg);

    init_group_mod(&msg, OFPGC_DELETE, OFPGT_ALL, OFPG_ALL);
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
    init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, OFPG_MAX);
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
    init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, 0);
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_delete_with_buckets_is_invalid_group(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, 5);
    msg.group_mod.command = OFPGC_DELETE;
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_indirect_needs_exactly_one_bucket(void **state)
{
    struct ofp_msg msg;
    struct ofp_bucket *b;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_INDIRECT, 5);
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    b = add_bucket(&msg.group_mod.buckets, &msg.group_mod.n_buckets, 0,
                   OFPP_ANY, OFPG_ANY);
    add_output(&b->actions, 2, 0);
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    ofp_msg_uninit(&msg);

    init_group_mod(&msg, OFPGC_DELETE, OFPGT_INDIRECT, 5);
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    msg.group_mod.command = OFPGC_MODIFY;
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_weight_only_in_select_groups(void **state)
{
    static const uint8_t types[] = {OFPGT_ALL, OFPGT_INDIRECT, OFPGT_FF};
    struct ofp_msg msg;
    (void) state;

    for (size_t i = 0; i < sizeof types; i++) {
        init_group_mod(&msg, OFPGC_ADD, types[i], 5);
        msg.group_mod.buckets[0].weight = 1;
        assert_int_equal(ofp_msg_test_reencode(&msg),
                         -OFPERR_OFPGMFC_INVALID_GROUP);
        ofp_msg_uninit(&msg);
    }
    /* Select groups may give any weight, zero too. */
    init_group_mod(&msg, OFPGC_ADD, OFPGT_SELECT, 5);
    msg.group_mod.buckets[0].weight = 0;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    msg.group_mod.buckets[0].weight = 0xffff;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_fast_failover_bucket_needs_a_watch(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_FF, 5);
    msg.group_mod.buckets[0].watch_port = OFPP_ANY;
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_INVALID_GROUP);
    msg.group_mod.buckets[0].watch_group = 3;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_all_and_indirect_buckets_cannot_watch(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_ALL, 5);
    msg.group_mod.buckets[0].watch_port = 1;
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_WATCH_UNSUPPORTED);
    ofp_msg_uninit(&msg);

    init_group_mod(&msg, OFPGC_ADD, OFPGT_INDIRECT, 5);
    msg.group_mod.buckets[0].watch_group = 1;
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPGMFC_WATCH_UNSUPPORTED);
    ofp_msg_uninit(&msg);

    /* Select groups may use liveness. */
    init_group_mod(&msg, OFPGC_ADD, OFPGT_SELECT, 5);
    msg.group_mod.buckets[0].watch_port = 1;
    msg.group_mod.buckets[0].watch_group = 2;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_reserved_watch_values_are_bad_watch(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, OFPGC_ADD, OFPGT_FF, 5);
    msg.group_mod.buckets[0].watch_port = OFPP_MAX + 1;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_WATCH);
    msg.group_mod.buckets[0].watch_port = OFPP_IN_PORT - 1;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_WATCH);
    msg.group_mod.buckets[0].watch_port = 1;
    msg.group_mod.buckets[0].watch_group = OFPG_ALL;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_WATCH);
    msg.group_mod.buckets[0].watch_group = OFPG_MAX;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    /* Ports run from 1 up to, not including, OFPP_MAX. */
    msg.group_mod.buckets[0].watch_port = OFPP_MAX - 1;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    msg.group_mod.buckets[0].watch_port = OFPP_MAX;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_WATCH);
    ofp_msg_uninit(&msg);
}

/* An unknown command is reported as such, before anything that depends on
 * the command. */
static void
test_group_mod_unknown_command_comes_first(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_group_mod(&msg, 7, OFPGT_INDIRECT, 0);
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPGMFC_BAD_COMMAND);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_bad_bucket_lengths(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* Shorter than a bucket header. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00 00000001"
                                      "0008 0000 ffffffff ffffffff 00000000",
                                      &msg),
        -OFPERR_OFPGMFC_BAD_BUCKET);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00 00000001"
                                      "0000 0000 ffffffff ffffffff 00000000",
                                      &msg),
        -OFPERR_OFPGMFC_BAD_BUCKET);
    /* Longer than what is left. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00 00000001"
                                      "0028 0000 ffffffff ffffffff 00000000"
                                      "0000 0010 00000001 0000 000000000000",
                                      &msg),
        -OFPERR_OFPGMFC_BAD_BUCKET);
    /* Fewer bytes than a bucket header left after the last bucket. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00 00000001"
                                      "0010 0000 ffffffff ffffffff 00000000"
                                      "0000000000000000",
                                      &msg),
        -OFPERR_OFPGMFC_BAD_BUCKET);
    /* Not a multiple of 8: an action list cannot have that length. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00 00000001"
                                      "0014 0000 ffffffff ffffffff 00000000"
                                      "00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    /* A group mod shorter than its fixed part. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00", &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_group_mod_action_errors_come_through(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* Action type 0x63 does not exist. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("040f0000 00000001 0000 00 00 00000001"
                                      "0020 0000 ffffffff ffffffff 00000000"
                                      "0063 0010 00000001 0000 000000000000",
                                      &msg),
        -OFPERR_OFPBAC_BAD_TYPE);
    ofp_msg_uninit(&msg);
}

/* GROUP_STATS_REQUEST. */

static void
test_group_stats_request_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, out;
    (void) state;

    ofp_msg_init(&msg, OFPK_GROUP_STATS_REQUEST, 77);
    assert_int_equal(msg.group_id, OFPG_ALL);
    msg.group_id = 0x01020304;
    msg.mp_flags = OFPMPF_REQ_MORE;
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.group_id, 0x01020304);
    assert_int_equal(out.mp_flags, OFPMPF_REQ_MORE);
    ofp_msg_uninit(&out);

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0412 0000 00000001 0006 0000 00000000"
                                      "00000063 00000000",
                                      &out),
        0);
    assert_int_equal(out.kind, OFPK_GROUP_STATS_REQUEST);
    assert_int_equal(out.group_id, 0x63);
    assert_int_equal(out.mp_flags, 0);
    ofp_msg_uninit(&out);
}

static void
test_group_stats_request_truncations_and_trailing_bytes_fail(void **state)
{
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_GROUP_STATS_REQUEST, 77);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
}

/* GROUP_STATS_REPLY. */

static void
build_group_stats_reply(struct ofp_msg *msg)
{
    struct ofp_group_stats *gs;
    struct ofp_bucket_counter *c;

    ofp_msg_init(msg, OFPK_GROUP_STATS_REPLY, 9);
    msg->mp_flags = OFPMPF_REPLY_MORE;
    gs = ofp_array_push(&msg->group_stats_reply.entries,
                        &msg->group_stats_reply.n, sizeof *gs);
    gs->group_id = 5;
    gs->ref_count = 2;
    gs->packet_count = 0x0102030405060708ull;
    gs->byte_count = 0x1112131415161718ull;
    gs->duration_sec = 12;
    gs->duration_nsec = 345000000;
    c = ofp_array_push(&gs->buckets, &gs->n_buckets, sizeof *c);
    c->packet_count = 400;
    c->byte_count = 25600;
    c = ofp_array_push(&gs->buckets, &gs->n_buckets, sizeof *c);
    c->packet_count = UINT64_MAX;
    c->byte_count = UINT64_MAX;
    gs = ofp_array_push(&msg->group_stats_reply.entries,
                        &msg->group_stats_reply.n, sizeof *gs);
    gs->group_id = OFPG_MAX;
    gs->ref_count = 0;
    gs->packet_count = 1;
    gs->byte_count = 2;
    gs->duration_sec = 3;
    gs->duration_nsec = 4;
}

static void
test_group_stats_reply_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_group_stats *gs;
    (void) state;

    build_group_stats_reply(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.mp_flags, OFPMPF_REPLY_MORE);
    assert_int_equal(out.group_stats_reply.n, 2);
    gs = &out.group_stats_reply.entries[0];
    assert_int_equal(gs->group_id, 5);
    assert_int_equal(gs->packet_count, 0x0102030405060708ull);
    assert_int_equal(gs->n_buckets, 2);
    assert_int_equal(gs->buckets[1].byte_count, UINT64_MAX);
    gs = &out.group_stats_reply.entries[1];
    assert_int_equal(gs->group_id, OFPG_MAX);
    assert_int_equal(gs->n_buckets, 0);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_group_stats_reply_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_group_stats *gs;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "0413 0000 00000002 0006 0001 00000000"
                         "0048 0000 00000001 00000002 00000000"
                         "0000000000000064 0000000000001000 0000000a 0000000b"
                         "0000000000000030 0000000000000400"
                         "0000000000000034 0000000000000c00"
                         "0028 0000 00000002 00000000 00000000"
                         "0000000000000000 0000000000000000 00000001 00000002",
                         &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_GROUP_STATS_REPLY);
    assert_int_equal(msg.mp_flags, OFPMPF_REPLY_MORE);
    assert_int_equal(msg.group_stats_reply.n, 2);
    gs = &msg.group_stats_reply.entries[0];
    assert_int_equal(gs->group_id, 1);
    assert_int_equal(gs->ref_count, 2);
    assert_int_equal(gs->packet_count, 100);
    assert_int_equal(gs->byte_count, 4096);
    assert_int_equal(gs->duration_sec, 10);
    assert_int_equal(gs->duration_nsec, 11);
    assert_int_equal(gs->n_buckets, 2);
    assert_int_equal(gs->buckets[0].packet_count, 0x30);
    assert_int_equal(gs->buckets[0].byte_count, 0x400);
    assert_int_equal(gs->buckets[1].packet_count, 0x34);
    assert_int_equal(gs->buckets[1].byte_count, 0xc00);
    gs = &msg.group_stats_reply.entries[1];
    assert_int_equal(gs->group_id, 2);
    assert_int_equal(gs->ref_count, 0);
    assert_int_equal(gs->duration_sec, 1);
    assert_int_equal(gs->duration_nsec, 2);
    assert_int_equal(gs->n_buckets, 0);
    ofp_msg_uninit(&msg);
}

static void
test_group_stats_reply_truncations_fail_except_at_entry_ends(void **state)
{
    struct ofp_msg msg;
    /* Multipart header 16, entries of 72 and 40 bytes. */
    static const struct ofp_msg_test_cuts cuts = {.lens = {16, 88}};
    (void) state;

    build_group_stats_reply(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_group_stats_reply_bad_entry_lengths(void **state)
{
    static const char *lengths[] = {"0000", "0027", "0030", "0050"};
    struct ofp_msg msg;
    char hex[256];
    (void) state;

    /* Below the fixed part, counters not a whole number, past the end. */
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        snprintf(hex, sizeof hex,
                 "0413 0000 00000002 0006 0000 00000000"
                 "%s 0000 00000001 00000002 00000000"
                 "0000000000000064 0000000000001000 0000000a 0000000b"
                 "0000000000000030 0000000000000400",
                 lengths[i]);
        assert_int_equal(ofp_msg_test_decode_hex_sized(hex, &msg),
                         -OFPERR_OFPBRC_BAD_LEN);
    }
    /* A length 8 bytes past the fixed part, followed by a valid entry that
     * would decode if those 8 bytes were taken as its start. */
    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "0413 0000 00000002 0006 0000 00000000"
                         "0030 0000 00000001 00000002 00000000"
                         "0000000000000064 0000000000001000 0000000a 0000000b"
                         "0028 0000 00000002 00000000 00000000"
                         "0000000000000000 0000000000000000 00000001 00000002",
                         &msg),
                     -OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

/* GROUP_DESC_REPLY. */

static void
build_group_desc_reply(struct ofp_msg *msg)
{
    struct ofp_group_desc *gd;
    struct ofp_bucket *b;

    ofp_msg_init(msg, OFPK_GROUP_DESC_REPLY, 10);
    gd = ofp_array_push(&msg->group_desc_reply.entries,
                        &msg->group_desc_reply.n, sizeof *gd);
    gd->type = OFPGT_SELECT;
    gd->group_id = 1;
    b = add_bucket(&gd->buckets, &gd->n_buckets, 7, 4, OFPG_ANY);
    add_output(&b->actions, 5, 0);
    b = add_bucket(&gd->buckets, &gd->n_buckets, 9, OFPP_ANY, 3);
    add_push_vlan(&b->actions);
    add_set_eth_dst(&b->actions);
    gd = ofp_array_push(&msg->group_desc_reply.entries,
                        &msg->group_desc_reply.n, sizeof *gd);
    gd->type = OFPGT_INDIRECT;
    gd->group_id = OFPG_MAX;
    b = add_bucket(&gd->buckets, &gd->n_buckets, 0, OFPP_ANY, OFPG_ANY);
    add_group_action(&b->actions, 1);
}

static void
test_group_desc_reply_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_group_desc *gd;
    (void) state;

    build_group_desc_reply(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.group_desc_reply.n, 2);
    gd = &out.group_desc_reply.entries[0];
    assert_int_equal(gd->type, OFPGT_SELECT);
    assert_int_equal(gd->group_id, 1);
    assert_int_equal(gd->n_buckets, 2);
    assert_int_equal(gd->buckets[0].weight, 7);
    assert_int_equal(gd->buckets[0].watch_port, 4);
    assert_int_equal(gd->buckets[1].watch_group, 3);
    assert_int_equal(gd->buckets[1].actions.n, 2);
    gd = &out.group_desc_reply.entries[1];
    assert_int_equal(gd->type, OFPGT_INDIRECT);
    assert_int_equal(gd->group_id, OFPG_MAX);
    assert_int_equal(gd->buckets[0].actions.list[0].group_id, 1);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_group_desc_reply_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_group_desc *gd;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "0413 0000 00000003 0007 0000 00000000"
                         /* Fast failover group 4, watching port 1: output:2. */
                         "0028 03 00 00000004"
                         "0020 0000 00000001 ffffffff 00000000"
                         "0000 0010 00000002 0000 000000000000"
                         /* Indirect group 5 whose bucket drops. */
                         "0018 02 00 00000005"
                         "0010 0000 ffffffff ffffffff 00000000",
                         &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_GROUP_DESC_REPLY);
    assert_int_equal(msg.group_desc_reply.n, 2);
    gd = &msg.group_desc_reply.entries[0];
    assert_int_equal(gd->type, OFPGT_FF);
    assert_int_equal(gd->group_id, 4);
    assert_int_equal(gd->n_buckets, 1);
    assert_int_equal(gd->buckets[0].weight, 0);
    assert_int_equal(gd->buckets[0].watch_port, 1);
    assert_int_equal(gd->buckets[0].watch_group, OFPG_ANY);
    assert_int_equal(gd->buckets[0].actions.n, 1);
    assert_int_equal(gd->buckets[0].actions.list[0].output.port, 2);
    gd = &msg.group_desc_reply.entries[1];
    assert_int_equal(gd->type, OFPGT_INDIRECT);
    assert_int_equal(gd->group_id, 5);
    assert_int_equal(gd->n_buckets, 1);
    assert_int_equal(gd->buckets[0].actions.n, 0);
    ofp_msg_uninit(&msg);
}

static void
test_group_desc_reply_truncations_fail_except_at_entry_ends(void **state)
{
    struct ofp_msg msg;
    /* Multipart header 16, entries of 8 + 32 + 40 and 8 + 24 bytes. */
    static const struct ofp_msg_test_cuts cuts = {
        .lens = {16, 96},
        .alt_errors = {OFPERR_OFPGMFC_BAD_BUCKET},
    };
    (void) state;

    build_group_desc_reply(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_group_desc_reply_bad_lengths(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* Entry length below its fixed part, and past the end. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 0007 0000 00000000"
                                      "0004 00 00 00000004",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 0007 0000 00000000"
                                      "0020 00 00 00000004"
                                      "0010 0000 ffffffff ffffffff 00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    /* Bucket longer than its entry. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 0007 0000 00000000"
                                      "0018 00 00 00000004"
                                      "0020 0000 ffffffff ffffffff 00000000"
                                      "0000 0010 00000002 0000 000000000000",
                                      &msg),
        -OFPERR_OFPGMFC_BAD_BUCKET);
    ofp_msg_uninit(&msg);
}

static void
test_group_desc_reply_reports_groups_without_type_checks(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* A description reports what the switch holds; an indirect group with
     * two buckets, or a type Pont does not know, still decodes. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 0007 0000 00000000"
                                      "0028 02 00 00000004"
                                      "0010 0001 00000001 ffffffff 00000000"
                                      "0010 0000 ffffffff ffffffff 00000000"
                                      "0008 09 00 00000005",
                                      &msg),
        0);
    assert_int_equal(msg.group_desc_reply.n, 2);
    assert_int_equal(msg.group_desc_reply.entries[0].n_buckets, 2);
    assert_int_equal(msg.group_desc_reply.entries[1].type, 9);
    ofp_msg_uninit(&msg);
}

/* GROUP_FEATURES_REPLY. */

static void
test_group_features_reply_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, out;
    struct ofp_group_features *gf = &msg.group_features_reply;
    (void) state;

    ofp_msg_init(&msg, OFPK_GROUP_FEATURES_REPLY, 11);
    gf->types = 0xf;
    gf->capabilities = 0x7;
    for (int i = 0; i < 4; i++) {
        gf->max_groups[i] = 0xffffff00 - i;
        gf->actions[i] = (1u << OFPAT_OUTPUT) | (1u << (OFPAT_GROUP + i));
    }
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.group_features_reply.max_groups[3], 0xfffffefd);
    assert_int_equal(out.group_features_reply.actions[2],
                     (1u << OFPAT_OUTPUT) | (1u << (OFPAT_GROUP + 2)));
    ofp_msg_uninit(&out);

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000004 0008 0000 00000000"
                                      "0000000f 00000005"
                                      "00000010 00000020 00000030 00000040"
                                      "00000001 00400001 00000003 02000001",
                                      &out),
        0);
    gf = &out.group_features_reply;
    assert_int_equal(out.kind, OFPK_GROUP_FEATURES_REPLY);
    assert_int_equal(gf->types, 0xf);
    assert_int_equal(gf->capabilities, 5);
    assert_int_equal(gf->max_groups[0], 0x10);
    assert_int_equal(gf->max_groups[1], 0x20);
    assert_int_equal(gf->max_groups[2], 0x30);
    assert_int_equal(gf->max_groups[3], 0x40);
    assert_int_equal(gf->actions[0], 1);
    assert_int_equal(gf->actions[1], 0x00400001);
    assert_int_equal(gf->actions[2], 3);
    assert_int_equal(gf->actions[3], 0x02000001);
    ofp_msg_uninit(&out);
}

static void
test_group_features_reply_truncations_and_trailing_bytes_fail(void **state)
{
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_GROUP_FEATURES_REPLY, 11);
    msg.group_features_reply.types = 1;
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_mod_round_trip_keeps_every_field),
        cmocka_unit_test(test_group_mod_golden_bytes_decode),
        cmocka_unit_test(test_group_mod_encoding_matches_open_vswitch),
        cmocka_unit_test(test_group_mod_truncations_fail_except_at_bucket_ends),
        cmocka_unit_test(test_group_mod_unknown_command_is_bad_command),
        cmocka_unit_test(test_group_mod_unknown_type_is_bad_type),
        cmocka_unit_test(
            test_group_mod_reserved_group_ids_are_invalid_except_delete_all),
        cmocka_unit_test(test_group_mod_delete_with_buckets_is_invalid_group),
        cmocka_unit_test(test_group_mod_indirect_needs_exactly_one_bucket),
        cmocka_unit_test(test_group_mod_weight_only_in_select_groups),
        cmocka_unit_test(test_group_mod_fast_failover_bucket_needs_a_watch),
        cmocka_unit_test(test_group_mod_all_and_indirect_buckets_cannot_watch),
        cmocka_unit_test(test_group_mod_reserved_watch_values_are_bad_watch),
        cmocka_unit_test(test_group_mod_unknown_command_comes_first),
        cmocka_unit_test(test_group_mod_bad_bucket_lengths),
        cmocka_unit_test(test_group_mod_action_errors_come_through),
        cmocka_unit_test(test_group_stats_request_round_trip_and_golden),
        cmocka_unit_test(
            test_group_stats_request_truncations_and_trailing_bytes_fail),
        cmocka_unit_test(test_group_stats_reply_round_trip_keeps_every_field),
        cmocka_unit_test(test_group_stats_reply_golden_bytes_decode),
        cmocka_unit_test(
            test_group_stats_reply_truncations_fail_except_at_entry_ends),
        cmocka_unit_test(test_group_stats_reply_bad_entry_lengths),
        cmocka_unit_test(test_group_desc_reply_round_trip_keeps_every_field),
        cmocka_unit_test(test_group_desc_reply_golden_bytes_decode),
        cmocka_unit_test(
            test_group_desc_reply_truncations_fail_except_at_entry_ends),
        cmocka_unit_test(test_group_desc_reply_bad_lengths),
        cmocka_unit_test(
            test_group_desc_reply_reports_groups_without_type_checks),
        cmocka_unit_test(test_group_features_reply_round_trip_and_golden),
        cmocka_unit_test(
            test_group_features_reply_truncations_and_trailing_bytes_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
