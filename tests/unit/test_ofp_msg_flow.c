/* Tests for flow and packet messages (ofproto/ofp_msg_flow.c,
 * ofproto/ofp_msg_packet.c) and the message framing (ofproto/ofp_msg.c). */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "ofp_msg_test.h"
#include "ofproto/ofp_msg.h"

static void
set(struct flow_match *m, enum ofp_field_id id, const void *value)
{
    assert_int_equal(ofp_field_set(&ofp_fields[id], value, NULL, m), 0);
}

static void
tcp_match(struct flow_match *m)
{
    uint8_t type[2] = {8, 0}, tcp = 6, port[2] = {0, 22};

    memset(m, 0, sizeof *m);
    set(m, OFPF_ETH_TYPE, type);
    set(m, OFPF_IP_PROTO, &tcp);
    set(m, OFPF_TCP_DST, port);
}

static struct ofp_action *
append(struct ofp_actions *a, enum ofp_action_type type)
{
    struct ofp_action *act = ofp_actions_append(a);
    act->type = type;
    return act;
}

static void
build_flow_mod(struct ofp_msg *msg)
{
    struct ofp_flow_mod *fm = &msg->flow_mod;
    struct ofp_action *a;

    ofp_msg_init(msg, OFPK_FLOW_MOD, 0x1234);
    fm->cookie = 0xfeedf00d;
    fm->cookie_mask = 0xffffffff;
    fm->table_id = 2;
    fm->command = OFPFC_MODIFY_STRICT;
    fm->idle_timeout = 10;
    fm->hard_timeout = 20;
    fm->priority = 300;
    fm->flags = OFPFF_SEND_FLOW_REM | OFPFF_CHECK_OVERLAP;
    tcp_match(&fm->match);
    fm->instructions.present =
        OFP_INST_BIT(OFPIT_APPLY_ACTIONS) | OFP_INST_BIT(OFPIT_WRITE_ACTIONS)
        | OFP_INST_BIT(OFPIT_GOTO_TABLE) | OFP_INST_BIT(OFPIT_METER);
    fm->instructions.goto_table = 7;
    fm->instructions.meter_id = 3;
    a = append(&fm->instructions.apply, OFPAT_SET_FIELD);
    a->set_field.field = &ofp_fields[OFPF_TCP_DST];
    memcpy(a->set_field.value, "\x00\x50", 2);
    append(&fm->instructions.apply, OFPAT_DEC_NW_TTL);
    append(&fm->instructions.write, OFPAT_GROUP)->group_id = 5;
}

static void
test_flow_mod_round_trips(void **state)
{
    /* The match ends at 72; then the meter, apply-actions, write-actions
     * and goto-table instructions end at 80, 112, 128 and 136. */
    static const struct ofp_msg_test_cuts cuts = {
        .lens = {72, 80, 112, 128},
        .alt_errors = {OFPERR_OFPBMC_BAD_LEN, OFPERR_OFPBIC_BAD_LEN},
    };
    struct ofp_msg msg;
    (void) state;

    build_flow_mod(&msg);
    ofp_msg_test_round_trip(&msg, NULL, NULL);
    ofp_msg_test_truncations(&msg, &cuts);
    /* A byte after the last instruction is a truncated instruction. */
    ofp_msg_test_trailing_fill(&msg, 0, 1, OFPERR_OFPBIC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_decode_golden_flow_mod(void **state)
{
    static const uint8_t bytes[] = {
        0x04, 0x0e, 0x00, 0x58, 0,    0,    0,    9,    /* header */
        0,    0,    0,    0,    0,    0,    0,    0x2a, /* cookie */
        0,    0,    0,    0,    0,    0,    0,    0,    /* cookie_mask */
        0x01, 0x00, 0x00, 0x3c, 0x00, 0x00,             /* table 1, ADD */
        0x80, 0x00, 0xff, 0xff, 0xff, 0xff,             /* prio, buffer */
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* out port/grp */
        0x00, 0x01, 0x00, 0x00,                         /* flags, pad */
        0x00, 0x01, 0x00, 0x0a, 0x80, 0x00, 0x0a, 0x02, /* match */
        0x86, 0xdd, 0,    0,    0,    0,    0,    0,
        0x00, 0x04, 0x00, 0x18, 0,    0,    0,    0,    /* apply */
        0x00, 0x00, 0x00, 0x10, 0xff, 0xff, 0xff, 0xfe, /* output:LOCAL */
        0xff, 0xff, 0,    0,    0,    0,    0,    0,
    };
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_decode(bytes, sizeof bytes, &msg), 0);
    assert_int_equal(msg.kind, OFPK_FLOW_MOD);
    assert_int_equal(msg.xid, 9);
    assert_int_equal(msg.flow_mod.cookie, 0x2a);
    assert_int_equal(msg.flow_mod.table_id, 1);
    assert_int_equal(msg.flow_mod.command, OFPFC_ADD);
    assert_int_equal(msg.flow_mod.idle_timeout, 60);
    assert_int_equal(msg.flow_mod.priority, 0x8000);
    assert_int_equal(msg.flow_mod.flags, OFPFF_SEND_FLOW_REM);
    assert_int_equal(ntohs(msg.flow_mod.match.key.dl_type), 0x86dd);
    assert_int_equal(msg.flow_mod.instructions.apply.n, 1);
    assert_int_equal(msg.flow_mod.instructions.apply.list[0].output.port,
                     OFPP_LOCAL);
    ofp_msg_uninit(&msg);
}

/* Decodes 'msg' after applying 'patch' at 'ofs' in its encoding. */
static int
decode_patched(const struct ofp_msg *msg, size_t ofs, uint8_t value)
{
    struct buf b = BUF_INIT;
    struct ofp_msg back;
    int retval;

    ofp_msg_encode(msg, &b);
    b.data[ofs] = value;
    retval = ofp_msg_test_decode(b.data, b.size, &back);
    ofp_msg_uninit(&back);
    buf_free(&b);
    return retval;
}

static void
test_flow_mod_validation_errors(void **state)
{
    struct ofp_msg msg;
    (void) state;

    build_flow_mod(&msg);
    /* Offsets in the message: table_id 24, command 25, flags 44-45. */
    ofp_msg_test_assert_error(decode_patched(&msg, 25, 9),
                              OFPERR_OFPFMFC_BAD_COMMAND);
    ofp_msg_test_assert_error(decode_patched(&msg, 24, 0xff),
                              OFPERR_OFPFMFC_BAD_TABLE_ID);
    ofp_msg_test_assert_error(decode_patched(&msg, 44, 0x80),
                              OFPERR_OFPFMFC_BAD_FLAGS);
    /* goto_table must go forward: table 9 cannot go to 7. */
    ofp_msg_test_assert_error(decode_patched(&msg, 24, 9),
                              OFPERR_OFPBIC_BAD_TABLE_ID);
    ofp_msg_uninit(&msg);

    /* Setting tcp_dst on a flow that does not match TCP. */
    build_flow_mod(&msg);
    memset(&msg.flow_mod.match, 0, sizeof msg.flow_mod.match);
    ofp_msg_test_assert_error(ofp_msg_test_reencode(&msg),
                              OFPERR_OFPBAC_MATCH_INCONSISTENT);
    ofp_msg_uninit(&msg);
}

static void
test_flow_removed_round_trips(void **state)
{
    static const struct ofp_msg_test_cuts cuts = {
        .alt_errors = {OFPERR_OFPBMC_BAD_LEN},
    };
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_FLOW_REMOVED, 7);
    msg.flow_removed.cookie = 1;
    msg.flow_removed.priority = 5;
    msg.flow_removed.reason = OFPRR_HARD_TIMEOUT;
    msg.flow_removed.table_id = 3;
    msg.flow_removed.duration_sec = 100;
    msg.flow_removed.duration_nsec = 999;
    msg.flow_removed.idle_timeout = 1;
    msg.flow_removed.hard_timeout = 2;
    msg.flow_removed.packet_count = 1ull << 40;
    msg.flow_removed.byte_count = 1ull << 50;
    tcp_match(&msg.flow_removed.match);
    ofp_msg_test_round_trip(&msg, NULL, NULL);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 1, OFPERR_OFPBRC_BAD_LEN);
}

static void
test_flow_stats_request_and_reply_round_trip(void **state)
{
    static const struct ofp_msg_test_cuts req_cuts = {
        .alt_errors = {OFPERR_OFPBMC_BAD_LEN},
    };
    /* Multipart header 16, then three entries of 96 bytes. */
    static const struct ofp_msg_test_cuts reply_cuts = {
        .list_ofs = OFP_MULTIPART_HEADER_LEN,
        .entry_len = 96,
    };
    struct ofp_msg req, reply, agg;
    (void) state;

    ofp_msg_init(&req, OFPK_FLOW_STATS_REQUEST, 1);
    req.flow_stats_request.table_id = 4;
    req.flow_stats_request.cookie = 3;
    req.flow_stats_request.cookie_mask = 7;
    tcp_match(&req.flow_stats_request.match);
    ofp_msg_test_round_trip(&req, NULL, NULL);
    ofp_msg_test_truncations(&req, &req_cuts);
    ofp_msg_test_trailing_fill(&req, 0, 1, OFPERR_OFPBRC_BAD_LEN);

    ofp_msg_init(&reply, OFPK_FLOW_STATS_REPLY, 1);
    reply.mp_flags = OFPMPF_REPLY_MORE;
    for (int i = 0; i < 3; i++) {
        struct ofp_flow_stats *fs = OFP_STATS_PUSH(reply.flow_stats_reply);
        fs->table_id = i;
        fs->duration_sec = 10 + i;
        fs->priority = 100 * i;
        fs->cookie = i;
        fs->packet_count = 1000 + i;
        fs->byte_count = 64000 + i;
        tcp_match(&fs->match);
        fs->instructions.present = OFP_INST_BIT(OFPIT_APPLY_ACTIONS);
        append(&fs->instructions.apply, OFPAT_OUTPUT)->output.port = i + 1;
    }
    ofp_msg_test_round_trip(&reply, NULL, NULL);
    ofp_msg_test_truncations(&reply, &reply_cuts);
    ofp_msg_test_trailing_fill(&reply, 0, 1, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&reply);

    ofp_msg_init(&agg, OFPK_AGGREGATE_REPLY, 2);
    agg.aggregate_reply.packet_count = 10;
    agg.aggregate_reply.byte_count = 20;
    agg.aggregate_reply.flow_count = 3;
    ofp_msg_test_round_trip(&agg, NULL, NULL);
    ofp_msg_test_truncations(&agg, NULL);
    ofp_msg_test_trailing_fill(&agg, 0, 1, OFPERR_OFPBRC_BAD_LEN);
}

static void
test_packet_in_and_out_round_trip(void **state)
{
    static const uint8_t frame[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    uint8_t port[4] = {0, 0, 0, 3};
    /* The frame starts at 42, after the match and its 2-byte pad. */
    static const struct ofp_msg_test_cuts pin_cuts = {
        .from = 42,
        .alt_errors = {OFPERR_OFPBMC_BAD_LEN},
    };
    struct ofp_msg pin, pout;
    (void) state;

    ofp_msg_init(&pin, OFPK_PACKET_IN, 5);
    pin.packet_in.total_len = sizeof frame;
    pin.packet_in.reason = OFPR_ACTION;
    pin.packet_in.table_id = 1;
    pin.packet_in.cookie = 0xabc;
    set(&pin.packet_in.match, OFPF_IN_PORT, port);
    ofp_bytes_set(&pin.packet_in.data, frame, sizeof frame);
    ofp_msg_test_round_trip(&pin, NULL, NULL);
    ofp_msg_test_truncations(&pin, &pin_cuts);
    /* A byte more is a byte more of the frame. */
    ofp_msg_test_trailing_fill(&pin, 0, 1, 0);
    ofp_msg_uninit(&pin);

    ofp_msg_init(&pout, OFPK_PACKET_OUT, 6);
    pout.packet_out.in_port = 3;
    append(&pout.packet_out.actions, OFPAT_OUTPUT)->output.port = OFPP_FLOOD;
    ofp_bytes_set(&pout.packet_out.data, frame, sizeof frame);
    ofp_msg_test_round_trip(&pout, NULL, NULL);
    ofp_msg_uninit(&pout);
}

static void
test_framing_errors(void **state)
{
    static const uint8_t v10[] = {0x01, 0x0e, 0x00, 0x08, 0, 0, 0, 1};
    static const uint8_t bad_type[] = {0x04, 0x63, 0x00, 0x08, 0, 0, 0, 1};
    static const uint8_t bad_len[] = {0x04, 0x14, 0x00, 0x09, 0, 0, 0, 1};
    static const uint8_t short_hdr[] = {0x04, 0x14, 0x00};
    static const uint8_t bad_mp[] = {0x04, 0x12, 0x00, 0x10, 0, 0, 0, 1,
                                     0x00, 0x63, 0,    0,    0, 0, 0, 0};
    static const uint8_t barrier_body[] = {0x04, 0x14, 0x00, 0x09, 0,
                                           0,    0,    1,    0};
    static const uint8_t hello_v1[] = {0x01, 0x00, 0x00, 0x08, 0, 0, 0, 1};
    struct ofp_msg msg;
    (void) state;

    ofp_msg_test_assert_error(ofp_msg_decode(v10, sizeof v10, &msg),
                              OFPERR_OFPBRC_BAD_VERSION);
    ofp_msg_test_assert_error(ofp_msg_decode(bad_type, sizeof bad_type, &msg),
                              OFPERR_OFPBRC_BAD_TYPE);
    ofp_msg_test_assert_error(ofp_msg_decode(bad_len, sizeof bad_len, &msg),
                              OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_assert_error(ofp_msg_decode(short_hdr, sizeof short_hdr, &msg),
                              OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_assert_error(ofp_msg_decode(bad_mp, sizeof bad_mp, &msg),
                              OFPERR_OFPBRC_BAD_STAT);
    ofp_msg_test_assert_error(
        ofp_msg_decode(barrier_body, sizeof barrier_body, &msg),
        OFPERR_OFPBRC_BAD_LEN);
    /* HELLO is accepted in any version: that is how versions are
     * negotiated. */
    assert_int_equal(ofp_msg_decode(hello_v1, sizeof hello_v1, &msg), 0);
    assert_int_equal(msg.kind, OFPK_HELLO);
    ofp_msg_uninit(&msg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flow_mod_round_trips),
        cmocka_unit_test(test_decode_golden_flow_mod),
        cmocka_unit_test(test_flow_mod_validation_errors),
        cmocka_unit_test(test_flow_removed_round_trips),
        cmocka_unit_test(test_flow_stats_request_and_reply_round_trip),
        cmocka_unit_test(test_packet_in_and_out_round_trip),
        cmocka_unit_test(test_framing_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
