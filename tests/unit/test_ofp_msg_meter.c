/* Tests for ofproto/ofp_msg_meter.c: METER_MOD, meter stats and config
 * requests and replies, and meter features.
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

static struct ofp_meter_band *
add_band(struct ofp_meter_band **bands, size_t *n, uint16_t type, uint32_t rate,
         uint32_t burst_size)
{
    struct ofp_meter_band *band = ofp_array_push(bands, n, sizeof *band);

    band->type = type;
    band->rate = rate;
    band->burst_size = burst_size;
    return band;
}

/* A meter mod with one drop band. */
static void
init_meter_mod(struct ofp_msg *msg, uint16_t command, uint16_t flags,
               uint32_t meter_id)
{
    struct ofp_meter_mod *mm = &msg->meter_mod;

    ofp_msg_init(msg, OFPK_METER_MOD, 0x42);
    mm->command = command;
    mm->flags = flags;
    mm->meter_id = meter_id;
    add_band(&mm->bands, &mm->n_bands, OFPMBT_DROP, 1000, 0);
}

/* METER_MOD: round trip, golden, truncations. */

static void
build_meter_mod(struct ofp_msg *msg)
{
    struct ofp_meter_mod *mm = &msg->meter_mod;
    struct ofp_meter_band *band;

    ofp_msg_init(msg, OFPK_METER_MOD, 0x01020304);
    mm->command = OFPMC_MODIFY;
    mm->flags = OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS;
    mm->meter_id = OFPM_MAX;
    add_band(&mm->bands, &mm->n_bands, OFPMBT_DROP, 0x11223344, 0x55667788);
    band = add_band(&mm->bands, &mm->n_bands, OFPMBT_DSCP_REMARK, 2000, 300);
    band->prec_level = 2;
    band = add_band(&mm->bands, &mm->n_bands, OFPMBT_EXPERIMENTER, 5, 6);
    band->experimenter = 0x00002320;
}

static void
test_meter_mod_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_meter_mod *mm = &out.meter_mod;
    (void) state;

    build_meter_mod(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(mm->command, OFPMC_MODIFY);
    assert_int_equal(mm->flags, OFPMF_PKTPS | OFPMF_BURST | OFPMF_STATS);
    assert_int_equal(mm->meter_id, OFPM_MAX);
    assert_int_equal(mm->n_bands, 3);
    assert_int_equal(mm->bands[0].rate, 0x11223344);
    assert_int_equal(mm->bands[0].burst_size, 0x55667788);
    assert_int_equal(mm->bands[1].type, OFPMBT_DSCP_REMARK);
    assert_int_equal(mm->bands[1].prec_level, 2);
    assert_int_equal(mm->bands[2].type, OFPMBT_EXPERIMENTER);
    assert_int_equal(mm->bands[2].experimenter, 0x2320);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_meter_mod_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_meter_mod *mm = &msg.meter_mod;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 12345678"
                                      "0000 0005 00000007"
                                      /* Drop at 1000 kb/s, burst 100. */
                                      "0001 0010 000003e8 00000064 00000000"
                                      /* Remark by 1 above 2000 kb/s. */
                                      "0002 0010 000007d0 000000c8 01 000000"
                                      /* Experimenter 0x00aabbcc. */
                                      "ffff 0010 00000009 0000000a 00aabbcc",
                                      &msg),
        0);
    assert_int_equal(msg.kind, OFPK_METER_MOD);
    assert_int_equal(msg.xid, 0x12345678);
    assert_int_equal(mm->command, OFPMC_ADD);
    assert_int_equal(mm->flags, OFPMF_KBPS | OFPMF_BURST);
    assert_int_equal(mm->meter_id, 7);
    assert_int_equal(mm->n_bands, 3);
    assert_int_equal(mm->bands[0].type, OFPMBT_DROP);
    assert_int_equal(mm->bands[0].rate, 1000);
    assert_int_equal(mm->bands[0].burst_size, 100);
    assert_int_equal(mm->bands[0].prec_level, 0);
    assert_int_equal(mm->bands[1].type, OFPMBT_DSCP_REMARK);
    assert_int_equal(mm->bands[1].rate, 2000);
    assert_int_equal(mm->bands[1].burst_size, 200);
    assert_int_equal(mm->bands[1].prec_level, 1);
    assert_int_equal(mm->bands[2].type, OFPMBT_EXPERIMENTER);
    assert_int_equal(mm->bands[2].rate, 9);
    assert_int_equal(mm->bands[2].burst_size, 10);
    assert_int_equal(mm->bands[2].experimenter, 0x00aabbcc);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_encoding_matches_open_vswitch(void **state)
{
    /* What ovs-ofctl -O OpenFlow13 sends for "add-meter meter=7 kbps burst
     * stats bands=type=drop rate=1000 burst_size=100 type=dscp_remark
     * rate=2000 burst_size=200 prec_level=1" (xid 2). */
    static const char ovs_hex[] =
        "041d0030000000020000000d00000007"
        "00010010000003e8000000640000000000020010000007d0000000c801000000";
    struct ofp_msg msg;
    struct ofp_meter_band *band;
    (void) state;

    ofp_msg_init(&msg, OFPK_METER_MOD, 2);
    msg.meter_mod.command = OFPMC_ADD;
    msg.meter_mod.flags = OFPMF_KBPS | OFPMF_BURST | OFPMF_STATS;
    msg.meter_mod.meter_id = 7;
    add_band(&msg.meter_mod.bands, &msg.meter_mod.n_bands, OFPMBT_DROP, 1000,
             100);
    band = add_band(&msg.meter_mod.bands, &msg.meter_mod.n_bands,
                    OFPMBT_DSCP_REMARK, 2000, 200);
    band->prec_level = 1;
    ofp_msg_test_assert_encoding(&msg, ovs_hex);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_truncations_fail_except_at_band_ends(void **state)
{
    struct ofp_msg msg;
    /* Header 16, then a band every 16 bytes. */
    static const struct ofp_msg_test_cuts cuts = {.lens = {16, 32, 48}};
    (void) state;

    build_meter_mod(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_trailing_fill(&msg, 0xff, 16, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

/* METER_MOD: validation. */

static void
test_meter_mod_unknown_command_is_bad_command(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_meter_mod(&msg, 3, OFPMF_KBPS, 1);
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPMMFC_BAD_COMMAND);
    msg.meter_mod.command = 0xffff;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPMMFC_BAD_COMMAND);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_needs_exactly_one_unit_and_known_flags(void **state)
{
    static const uint16_t bad[] = {
        0,
        OFPMF_BURST | OFPMF_STATS,
        OFPMF_KBPS | OFPMF_PKTPS,
        OFPMF_KBPS | 0x10,
        OFPMF_PKTPS | 0x8000,
    };
    static const uint16_t good[] = {
        OFPMF_KBPS,
        OFPMF_PKTPS,
        OFPMF_KBPS | OFPMF_BURST | OFPMF_STATS,
        OFPMF_PKTPS | OFPMF_STATS,
    };
    struct ofp_msg msg;
    (void) state;

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        init_meter_mod(&msg, OFPMC_ADD, bad[i], 1);
        assert_int_equal(ofp_msg_test_reencode(&msg),
                         -OFPERR_OFPMMFC_BAD_FLAGS);
        msg.meter_mod.command = OFPMC_MODIFY;
        assert_int_equal(ofp_msg_test_reencode(&msg),
                         -OFPERR_OFPMMFC_BAD_FLAGS);
        ofp_msg_uninit(&msg);
    }
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        init_meter_mod(&msg, OFPMC_ADD, good[i], 1);
        assert_int_equal(ofp_msg_test_reencode(&msg), 0);
        ofp_msg_uninit(&msg);
    }
}

static void
test_meter_mod_delete_ignores_flags_and_band_values(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_meter_mod(&msg, OFPMC_DELETE, 0xffff, 1);
    msg.meter_mod.bands[0].rate = 0;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_meter_ids(void **state)
{
    static const uint32_t bad[] = {0, OFPM_MAX + 1, OFPM_SLOWPATH - 1};
    static const uint32_t good[] = {1, OFPM_MAX, OFPM_SLOWPATH,
                                    OFPM_CONTROLLER};
    static const uint16_t commands[] = {OFPMC_ADD, OFPMC_MODIFY, OFPMC_DELETE};
    struct ofp_msg msg;
    (void) state;

    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++) {
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            init_meter_mod(&msg, commands[c], OFPMF_KBPS, bad[i]);
            assert_int_equal(ofp_msg_test_reencode(&msg),
                             -OFPERR_OFPMMFC_INVALID_METER);
            ofp_msg_uninit(&msg);
        }
        for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
            init_meter_mod(&msg, commands[c], OFPMF_KBPS, good[i]);
            assert_int_equal(ofp_msg_test_reencode(&msg), 0);
            ofp_msg_uninit(&msg);
        }
    }
    /* OFPM_ALL only for deletion. */
    init_meter_mod(&msg, OFPMC_ADD, OFPMF_KBPS, OFPM_ALL);
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPMMFC_INVALID_METER);
    msg.meter_mod.command = OFPMC_MODIFY;
    assert_int_equal(ofp_msg_test_reencode(&msg),
                     -OFPERR_OFPMMFC_INVALID_METER);
    msg.meter_mod.command = OFPMC_DELETE;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_zero_rate_is_bad_rate(void **state)
{
    struct ofp_msg msg;
    (void) state;

    init_meter_mod(&msg, OFPMC_ADD, OFPMF_KBPS, 1);
    add_band(&msg.meter_mod.bands, &msg.meter_mod.n_bands, OFPMBT_DSCP_REMARK,
             0, 0);
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPMMFC_BAD_RATE);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_burst_size_without_burst_flag_is_kept(void **state)
{
    struct ofp_msg msg, out;
    (void) state;

    /* The specification says burst_size is used only with OFPMF_BURST;
     * Open vSwitch accepts it without, and so does Pont. */
    init_meter_mod(&msg, OFPMC_ADD, OFPMF_KBPS, 1);
    msg.meter_mod.bands[0].burst_size = 100;
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.meter_mod.bands[0].burst_size, 100);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_meter_mod_unknown_band_type_is_bad_band(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 00000001 0000 0001 00000001"
                                      "0003 0010 000003e8 00000000 00000000",
                                      &msg),
        -OFPERR_OFPMMFC_BAD_BAND);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 00000001 0000 0001 00000001"
                                      "0000 0010 000003e8 00000000 00000000",
                                      &msg),
        -OFPERR_OFPMMFC_BAD_BAND);
    ofp_msg_uninit(&msg);
}

static void
test_meter_mod_band_length_other_than_16_is_bad_len(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 00000001 0000 0001 00000001"
                                      "0001 0008 000003e8 00000000 00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 00000001 0000 0001 00000001"
                                      "0001 0020 000003e8 00000000 00000000"
                                      "00000000 00000000 00000000 00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 00000001 0000 0001 00000001"
                                      "0001 0000 000003e8 00000000 00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    /* A fixed part cut short. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("041d 0000 00000001 0000 0001", &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

/* METER_STATS_REQUEST and METER_CONFIG_REQUEST. */

static void
test_meter_requests_round_trip_and_golden(void **state)
{
    static const enum ofp_msg_kind kinds[] = {OFPK_METER_STATS_REQUEST,
                                              OFPK_METER_CONFIG_REQUEST};
    static const char *golden[] = {
        "0412 0000 00000001 0009 0001 00000000 00000063 00000000",
        "0412 0000 00000001 000a 0001 00000000 fffffffd 00000000",
    };
    static const uint32_t golden_ids[] = {0x63, OFPM_SLOWPATH};
    struct ofp_msg msg, out;
    (void) state;

    for (size_t i = 0; i < 2; i++) {
        ofp_msg_init(&msg, kinds[i], 77);
        assert_int_equal(msg.meter_id, OFPM_ALL);
        msg.meter_id = 0x01020304;
        ofp_msg_test_round_trip(&msg, &out, NULL);
        assert_int_equal(out.meter_id, 0x01020304);
        ofp_msg_uninit(&out);

        assert_int_equal(ofp_msg_test_decode_hex_sized(golden[i], &out), 0);
        assert_int_equal(out.kind, kinds[i]);
        assert_int_equal(out.mp_flags, OFPMPF_REQ_MORE);
        assert_int_equal(out.meter_id, golden_ids[i]);
        ofp_msg_uninit(&out);

        ofp_msg_test_truncations(&msg, NULL);
        ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    }
}

/* METER_STATS_REPLY. */

static void
build_meter_stats_reply(struct ofp_msg *msg)
{
    struct ofp_meter_stats *ms;
    struct ofp_meter_band_stats *bs;

    ofp_msg_init(msg, OFPK_METER_STATS_REPLY, 9);
    msg->mp_flags = OFPMPF_REPLY_MORE;
    ms = ofp_array_push(&msg->meter_stats_reply.entries,
                        &msg->meter_stats_reply.n, sizeof *ms);
    ms->meter_id = 7;
    ms->flow_count = 3;
    ms->packet_in_count = 0x0102030405060708ull;
    ms->byte_in_count = 0x1112131415161718ull;
    ms->duration_sec = 60;
    ms->duration_nsec = 500000000;
    bs = ofp_array_push(&ms->bands, &ms->n_bands, sizeof *bs);
    bs->packet_band_count = 10;
    bs->byte_band_count = 640;
    bs = ofp_array_push(&ms->bands, &ms->n_bands, sizeof *bs);
    bs->packet_band_count = UINT64_MAX;
    bs->byte_band_count = UINT64_MAX - 1;
    ms = ofp_array_push(&msg->meter_stats_reply.entries,
                        &msg->meter_stats_reply.n, sizeof *ms);
    ms->meter_id = OFPM_CONTROLLER;
    ms->packet_in_count = 1;
    ms->byte_in_count = 2;
    ms->duration_sec = 3;
    ms->duration_nsec = 4;
}

static void
test_meter_stats_reply_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_meter_stats *ms;
    (void) state;

    build_meter_stats_reply(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.mp_flags, OFPMPF_REPLY_MORE);
    assert_int_equal(out.meter_stats_reply.n, 2);
    ms = &out.meter_stats_reply.entries[0];
    assert_int_equal(ms->meter_id, 7);
    assert_int_equal(ms->byte_in_count, 0x1112131415161718ull);
    assert_int_equal(ms->n_bands, 2);
    assert_int_equal(ms->bands[1].byte_band_count, UINT64_MAX - 1);
    ms = &out.meter_stats_reply.entries[1];
    assert_int_equal(ms->meter_id, OFPM_CONTROLLER);
    assert_int_equal(ms->n_bands, 0);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_meter_stats_reply_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_meter_stats *ms;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "0413 0000 00000002 0009 0000 00000000"
                         "00000001 0048 000000000000 00000002"
                         "0000000000000064 0000000000001000 0000000a 0000000b"
                         "0000000000000030 0000000000000400"
                         "0000000000000034 0000000000000c00"
                         "00000005 0028 000000000000 00000000"
                         "0000000000000000 0000000000000000 00000001 00000002",
                         &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_METER_STATS_REPLY);
    assert_int_equal(msg.meter_stats_reply.n, 2);
    ms = &msg.meter_stats_reply.entries[0];
    assert_int_equal(ms->meter_id, 1);
    assert_int_equal(ms->flow_count, 2);
    assert_int_equal(ms->packet_in_count, 100);
    assert_int_equal(ms->byte_in_count, 4096);
    assert_int_equal(ms->duration_sec, 10);
    assert_int_equal(ms->duration_nsec, 11);
    assert_int_equal(ms->n_bands, 2);
    assert_int_equal(ms->bands[0].packet_band_count, 0x30);
    assert_int_equal(ms->bands[0].byte_band_count, 0x400);
    assert_int_equal(ms->bands[1].packet_band_count, 0x34);
    assert_int_equal(ms->bands[1].byte_band_count, 0xc00);
    ms = &msg.meter_stats_reply.entries[1];
    assert_int_equal(ms->meter_id, 5);
    assert_int_equal(ms->flow_count, 0);
    assert_int_equal(ms->duration_sec, 1);
    assert_int_equal(ms->duration_nsec, 2);
    assert_int_equal(ms->n_bands, 0);
    ofp_msg_uninit(&msg);
}

static void
test_meter_stats_reply_truncations_fail_except_at_entry_ends(void **state)
{
    struct ofp_msg msg;
    /* Multipart header 16, entries of 72 and 40 bytes. */
    static const struct ofp_msg_test_cuts cuts = {.lens = {16, 88}};
    (void) state;

    build_meter_stats_reply(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_meter_stats_reply_bad_entry_lengths(void **state)
{
    static const char *lengths[] = {"0000", "0027", "0030", "0050"};
    struct ofp_msg msg;
    char hex[256];
    (void) state;

    /* Below the fixed part, band stats not a whole number, past the end. */
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        snprintf(hex, sizeof hex,
                 "0413 0000 00000002 0009 0000 00000000"
                 "00000001 %s 000000000000 00000002"
                 "0000000000000064 0000000000001000 0000000a 0000000b"
                 "0000000000000030 0000000000000400",
                 lengths[i]);
        assert_int_equal(ofp_msg_test_decode_hex_sized(hex, &msg),
                         -OFPERR_OFPBRC_BAD_LEN);
    }
    /* A length 8 bytes past the fixed part, followed by a valid entry that
     * would decode if those 8 bytes were taken as its start. */
    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "0413 0000 00000002 0009 0000 00000000"
                         "00000001 0030 000000000000 00000002"
                         "0000000000000064 0000000000001000 0000000a 0000000b"
                         "00000005 0028 000000000000 00000000"
                         "0000000000000000 0000000000000000 00000001 00000002",
                         &msg),
                     -OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

/* METER_CONFIG_REPLY. */

static void
build_meter_config_reply(struct ofp_msg *msg)
{
    struct ofp_meter_config *mc;
    struct ofp_meter_band *band;

    ofp_msg_init(msg, OFPK_METER_CONFIG_REPLY, 10);
    mc = ofp_array_push(&msg->meter_config_reply.entries,
                        &msg->meter_config_reply.n, sizeof *mc);
    mc->flags = OFPMF_KBPS | OFPMF_BURST;
    mc->meter_id = 7;
    add_band(&mc->bands, &mc->n_bands, OFPMBT_DROP, 1000, 100);
    band = add_band(&mc->bands, &mc->n_bands, OFPMBT_DSCP_REMARK, 2000, 200);
    band->prec_level = 3;
    mc = ofp_array_push(&msg->meter_config_reply.entries,
                        &msg->meter_config_reply.n, sizeof *mc);
    mc->flags = OFPMF_PKTPS | OFPMF_STATS;
    mc->meter_id = OFPM_SLOWPATH;
    band = add_band(&mc->bands, &mc->n_bands, OFPMBT_EXPERIMENTER, 5, 0);
    band->experimenter = 0x4f4e4600;
}

static void
test_meter_config_reply_round_trip_keeps_every_field(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_meter_config *mc;
    (void) state;

    build_meter_config_reply(&msg);
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(out.meter_config_reply.n, 2);
    mc = &out.meter_config_reply.entries[0];
    assert_int_equal(mc->flags, OFPMF_KBPS | OFPMF_BURST);
    assert_int_equal(mc->meter_id, 7);
    assert_int_equal(mc->n_bands, 2);
    assert_int_equal(mc->bands[1].prec_level, 3);
    mc = &out.meter_config_reply.entries[1];
    assert_int_equal(mc->meter_id, OFPM_SLOWPATH);
    assert_int_equal(mc->bands[0].experimenter, 0x4f4e4600);
    ofp_msg_uninit(&msg);
    ofp_msg_uninit(&out);
}

static void
test_meter_config_reply_golden_bytes_decode(void **state)
{
    struct ofp_msg msg;
    const struct ofp_meter_config *mc;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 000a 0000 00000000"
                                      "0028 0005 00000007"
                                      "0001 0010 000003e8 00000064 00000000"
                                      "0002 0010 000007d0 000000c8 02 000000"
                                      "0008 000a 00000008",
                                      &msg),
        0);
    assert_int_equal(msg.kind, OFPK_METER_CONFIG_REPLY);
    assert_int_equal(msg.meter_config_reply.n, 2);
    mc = &msg.meter_config_reply.entries[0];
    assert_int_equal(mc->flags, OFPMF_KBPS | OFPMF_BURST);
    assert_int_equal(mc->meter_id, 7);
    assert_int_equal(mc->n_bands, 2);
    assert_int_equal(mc->bands[0].type, OFPMBT_DROP);
    assert_int_equal(mc->bands[0].rate, 1000);
    assert_int_equal(mc->bands[0].burst_size, 100);
    assert_int_equal(mc->bands[1].type, OFPMBT_DSCP_REMARK);
    assert_int_equal(mc->bands[1].rate, 2000);
    assert_int_equal(mc->bands[1].burst_size, 200);
    assert_int_equal(mc->bands[1].prec_level, 2);
    mc = &msg.meter_config_reply.entries[1];
    assert_int_equal(mc->flags, OFPMF_PKTPS | OFPMF_STATS);
    assert_int_equal(mc->meter_id, 8);
    assert_int_equal(mc->n_bands, 0);
    ofp_msg_uninit(&msg);
}

static void
test_meter_config_reply_truncations_fail_except_at_entry_ends(void **state)
{
    struct ofp_msg msg;
    /* Multipart header 16, entries of 40 and 24 bytes. */
    static const struct ofp_msg_test_cuts cuts = {.lens = {16, 56}};
    (void) state;

    build_meter_config_reply(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_meter_config_reply_bad_entries(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* Length below the fixed part, past the end, cutting a band. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 000a 0000 00000000"
                                      "0004 0005 00000007",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 000a 0000 00000000"
                                      "0028 0005 00000007"
                                      "0001 0010 000003e8 00000064 00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 000a 0000 00000000"
                                      "0010 0005 00000007"
                                      "0001 0010 000003e8 00000064 00000000",
                                      &msg),
        -OFPERR_OFPBRC_BAD_LEN);
    /* A band of unknown type. */
    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000003 000a 0000 00000000"
                                      "0018 0005 00000007"
                                      "0007 0010 000003e8 00000064 00000000",
                                      &msg),
        -OFPERR_OFPMMFC_BAD_BAND);
    ofp_msg_uninit(&msg);
}

/* METER_FEATURES_REPLY. */

static void
test_meter_features_reply_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, out;
    const struct ofp_meter_features *mf = &out.meter_features_reply;
    (void) state;

    ofp_msg_init(&msg, OFPK_METER_FEATURES_REPLY, 11);
    msg.meter_features_reply.max_meter = 0x01020304;
    msg.meter_features_reply.band_types =
        (1u << OFPMBT_DROP) | (1u << OFPMBT_DSCP_REMARK);
    msg.meter_features_reply.capabilities = 0xf;
    msg.meter_features_reply.max_bands = 0xfe;
    msg.meter_features_reply.max_color = 0xfd;
    ofp_msg_test_round_trip(&msg, &out, NULL);
    assert_int_equal(mf->max_meter, 0x01020304);
    assert_int_equal(mf->max_bands, 0xfe);
    assert_int_equal(mf->max_color, 0xfd);
    ofp_msg_uninit(&out);

    assert_int_equal(
        ofp_msg_test_decode_hex_sized("0413 0000 00000004 000b 0000 00000000"
                                      "00040000 00000002 0000000f 08 02 0000",
                                      &out),
        0);
    assert_int_equal(out.kind, OFPK_METER_FEATURES_REPLY);
    assert_int_equal(mf->max_meter, 0x40000);
    assert_int_equal(mf->band_types, 2);
    assert_int_equal(mf->capabilities, 0xf);
    assert_int_equal(mf->max_bands, 8);
    assert_int_equal(mf->max_color, 2);
    ofp_msg_uninit(&out);

    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meter_mod_round_trip_keeps_every_field),
        cmocka_unit_test(test_meter_mod_golden_bytes_decode),
        cmocka_unit_test(test_meter_mod_encoding_matches_open_vswitch),
        cmocka_unit_test(test_meter_mod_truncations_fail_except_at_band_ends),
        cmocka_unit_test(test_meter_mod_unknown_command_is_bad_command),
        cmocka_unit_test(test_meter_mod_needs_exactly_one_unit_and_known_flags),
        cmocka_unit_test(test_meter_mod_delete_ignores_flags_and_band_values),
        cmocka_unit_test(test_meter_mod_meter_ids),
        cmocka_unit_test(test_meter_mod_zero_rate_is_bad_rate),
        cmocka_unit_test(test_meter_mod_burst_size_without_burst_flag_is_kept),
        cmocka_unit_test(test_meter_mod_unknown_band_type_is_bad_band),
        cmocka_unit_test(test_meter_mod_band_length_other_than_16_is_bad_len),
        cmocka_unit_test(test_meter_requests_round_trip_and_golden),
        cmocka_unit_test(test_meter_stats_reply_round_trip_keeps_every_field),
        cmocka_unit_test(test_meter_stats_reply_golden_bytes_decode),
        cmocka_unit_test(
            test_meter_stats_reply_truncations_fail_except_at_entry_ends),
        cmocka_unit_test(test_meter_stats_reply_bad_entry_lengths),
        cmocka_unit_test(test_meter_config_reply_round_trip_keeps_every_field),
        cmocka_unit_test(test_meter_config_reply_golden_bytes_decode),
        cmocka_unit_test(
            test_meter_config_reply_truncations_fail_except_at_entry_ends),
        cmocka_unit_test(test_meter_config_reply_bad_entries),
        cmocka_unit_test(test_meter_features_reply_round_trip_and_golden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
