/* Tests for the switch-level messages (ofproto/ofp_msg_switch.c): HELLO,
 * ERROR, echoes, EXPERIMENTER, features, switch config, roles, async
 * config, TABLE_MOD, the description, ONF bundles and queue config.
 *
 * Golden messages are written here byte by byte from the OpenFlow 1.3.5
 * layouts (and ONF EXT-230 for bundles), not produced by the encoder.
 * Every decode runs on an exact-size heap copy so that AddressSanitizer
 * catches any read past the end. */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "ofp_msg_test.h"
#include "ofproto/ofp_msg.h"

/* HELLO. */

static void
test_hello_round_trip_with_bitmap(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_HELLO, 0x01020304);
    msg.hello.version_bitmap = (1u << OFP10_VERSION) | (1u << OFP13_VERSION);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16);
    assert_int_equal(back.hello.version, OFP13_VERSION);
    assert_int_equal(back.hello.version_bitmap, 0x12);
    ofp_msg_uninit(&back);
    buf_free(&b);
}

static void
test_hello_for_1_3_only_is_what_open_vswitch_sends(void **state)
{
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_HELLO, 1);
    ofp_msg_test_assert_encoding(
        &msg, "04 00 00 10 00 00 00 01  00 01 00 08 00 00 00 10");
}

static void
test_hello_whose_bitmap_adds_nothing_omits_it(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    /* Versions 1.0 to 1.3 with a 1.3 header: the header says it all. */
    ofp_msg_init(&msg, OFPK_HELLO, 1);
    msg.hello.version_bitmap = 0x1e;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, OFP_HEADER_LEN);
    assert_int_equal(back.hello.version_bitmap, 0x1e);
    ofp_msg_uninit(&back);
    buf_free(&b);
}

static void
test_hello_without_bitmap_means_all_versions_up_to_header(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex("04 00 00 08 00 00 00 09", &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_HELLO);
    assert_int_equal(msg.xid, 9);
    assert_int_equal(msg.hello.version, 4);
    assert_int_equal(msg.hello.version_bitmap, 0x1e);

    assert_int_equal(ofp_msg_test_decode_hex("01 00 00 08 00 00 00 09", &msg),
                     0);
    assert_int_equal(msg.hello.version, 1);
    assert_int_equal(msg.hello.version_bitmap, 0x02);

    assert_int_equal(ofp_msg_test_decode_hex("06 00 00 08 00 00 00 09", &msg),
                     0);
    assert_int_equal(msg.hello.version_bitmap, 0x7e);
}

static void
test_hello_golden_skips_unknown_elements(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* An unknown element (type 2, length 6, padded to 8), then a bitmap of
     * two words (length 12, padded to 16) of which only the first counts. */
    assert_int_equal(
        ofp_msg_test_decode_hex("05 00 00 20 00 00 00 2a"
                                "00 02 00 06 aa bb 00 00"
                                "00 01 00 0c 00 00 00 12 00 00 00 01"
                                "00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.xid, 42);
    assert_int_equal(msg.hello.version, 5);
    assert_int_equal(msg.hello.version_bitmap, 0x12);
}

static void
test_hello_with_bad_elements_is_bad_len(void **state)
{
    (void) state;

    /* Element shorter than its header. */
    ofp_msg_test_assert_hex_error(
        "04 00 00 10 00 00 00 01 00 01 00 02 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* Bitmap element without a bitmap. */
    ofp_msg_test_assert_hex_error(
        "04 00 00 10 00 00 00 01 00 01 00 04 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* Bitmap not a whole number of words. */
    ofp_msg_test_assert_hex_error(
        "04 00 00 10 00 00 00 01 00 01 00 06 00 10 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* Element's padding missing. */
    ofp_msg_test_assert_hex_error(
        "04 00 00 14 00 00 00 01 00 01 00 0c 00 00 00 10"
        "00 00 00 01",
        OFPERR_OFPBRC_BAD_LEN);
    /* Element longer than the message. */
    ofp_msg_test_assert_hex_error(
        "04 00 00 10 00 00 00 01 00 01 00 10 00 00 00 10",
        OFPERR_OFPBRC_BAD_LEN);
}

static void
test_hello_truncations_and_garbage(void **state)
{
    static const struct ofp_msg_test_cuts v = {.lens = {OFP_HEADER_LEN}};
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_HELLO, 1);
    ofp_msg_test_truncations(&msg, &v);
    ofp_msg_test_trailing_hex(&msg, "ff ff ff", OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_trailing_hex(&msg, "ff ff ff ff ff ff ff ff",
                              OFPERR_OFPBRC_BAD_LEN);
}

/* ERROR. */

static void
test_error_round_trip(void **state)
{
    static const uint8_t req[12] = {4, 18, 0, 12, 0, 0, 0, 2, 0, 99};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_ERROR, 2);
    msg.error.type = 1;
    msg.error.code = 2;
    ofp_bytes_set(&msg.error.data, req, sizeof req);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(back.error.error, OFPERR_OFPBRC_BAD_STAT);
    assert_int_equal(back.error.data.len, sizeof req);
    assert_memory_equal(back.error.data.data, req, sizeof req);
    ofp_msg_uninit(&back);
    buf_free(&b);

    msg.error.type = 0xffff;
    msg.error.code = 2309;
    msg.error.experimenter = ONF_VENDOR_ID;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, OFP_HEADER_LEN + 8 + sizeof req);
    assert_int_equal(back.error.error, OFPERR_OFPBFC_MSG_BAD_XID);
    assert_int_equal(back.error.experimenter, ONF_VENDOR_ID);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_error_golden(void **state)
{
    static const uint8_t echo[8] = {4, 2, 0, 8, 0, 0, 0, 2};
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 01 00 14 00 00 00 02  00 01 00 06"
                                "04 02 00 08 00 00 00 02",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_ERROR);
    assert_int_equal(msg.error.type, 1);
    assert_int_equal(msg.error.code, 6);
    assert_int_equal(msg.error.experimenter, 0);
    assert_int_equal(msg.error.error, OFPERR_OFPBRC_BAD_LEN);
    assert_int_equal(msg.error.data.len, 8);
    assert_memory_equal(msg.error.data.data, echo, 8);
    ofp_msg_uninit(&msg);

    /* ofp_error_experimenter_msg: type 0xffff, exp_type, experimenter. */
    assert_int_equal(
        ofp_msg_test_decode_hex("04 01 00 18 00 00 00 02  ff ff 09 02"
                                "4f 4e 46 00  04 02 00 08 00 00 00 02",
                                &msg),
        0);
    assert_int_equal(msg.error.type, 0xffff);
    assert_int_equal(msg.error.code, 2306);
    assert_int_equal(msg.error.experimenter, ONF_VENDOR_ID);
    assert_int_equal(msg.error.error, OFPERR_OFPBFC_BAD_TYPE);
    assert_memory_equal(msg.error.data.data, echo, 8);
    ofp_msg_uninit(&msg);
}

static void
test_error_unknown_to_pont_keeps_raw_codes(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 01 00 0c 00 00 00 02 01 00 00 07", &msg),
        0);
    assert_int_equal(msg.error.type, 0x100);
    assert_int_equal(msg.error.code, 7);
    assert_int_equal(msg.error.error, 0);
    assert_int_equal(msg.error.data.len, 0);
    assert_null(msg.error.data.data);
}

static void
test_error_truncations(void **state)
{
    static const uint8_t data[5] = {1, 2, 3, 4, 5};
    static const struct ofp_msg_test_cuts std = {.from = 12};
    static const struct ofp_msg_test_cuts exp = {.from = 16};
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_ERROR, 3);
    msg.error.type = 5;
    msg.error.code = 6;
    ofp_bytes_set(&msg.error.data, data, sizeof data);
    ofp_msg_test_truncations(&msg, &std);
    msg.error.type = 0xffff;
    msg.error.experimenter = NX_VENDOR_ID;
    ofp_msg_test_truncations(&msg, &exp);
    ofp_msg_uninit(&msg);
}

/* ECHO_REQUEST, ECHO_REPLY, EXPERIMENTER: free-form data. */

static void
test_echo_round_trip_and_golden(void **state)
{
    static const uint8_t data[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const struct ofp_msg_test_cuts v = {.from = OFP_HEADER_LEN};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_ECHO_REQUEST, 3);
    ofp_bytes_set(&msg.echo, data, sizeof data);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(back.echo.len, sizeof data);
    assert_memory_equal(back.echo.data, data, sizeof data);
    ofp_msg_test_truncations(&msg, &v);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 03 00 0b 00 00 00 03 61 62 63", &msg), 0);
    assert_int_equal(msg.kind, OFPK_ECHO_REPLY);
    assert_int_equal(msg.echo.len, 3);
    assert_memory_equal(msg.echo.data, "abc", 3);
    ofp_msg_uninit(&msg);

    assert_int_equal(ofp_msg_test_decode_hex("04 02 00 08 00 00 00 03", &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_ECHO_REQUEST);
    assert_int_equal(msg.echo.len, 0);
}

static void
test_experimenter_round_trip_and_golden(void **state)
{
    static const uint8_t data[4] = {0, 0, 0, 1};
    static const struct ofp_msg_test_cuts v = {.from = 16};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_EXPERIMENTER, 4);
    msg.experimenter.experimenter = NX_VENDOR_ID;
    msg.experimenter.exp_type = 16;
    ofp_bytes_set(&msg.experimenter.data, data, sizeof data);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(back.experimenter.experimenter, NX_VENDOR_ID);
    assert_int_equal(back.experimenter.exp_type, 16);
    assert_memory_equal(back.experimenter.data.data, data, sizeof data);
    ofp_msg_test_truncations(&msg, &v);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 00 13 00 00 00 05  00 00 12 34"
                                "00 00 00 07  aa bb cc",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_EXPERIMENTER);
    assert_int_equal(msg.experimenter.experimenter, 0x1234);
    assert_int_equal(msg.experimenter.exp_type, 7);
    assert_int_equal(msg.experimenter.data.len, 3);
    assert_memory_equal(msg.experimenter.data.data, "\xaa\xbb\xcc", 3);
    ofp_msg_uninit(&msg);
}

/* FEATURES_REPLY. */

static void
build_features_reply(struct ofp_msg *msg)
{
    ofp_msg_init(msg, OFPK_FEATURES_REPLY, 5);
    msg->features_reply.datapath_id = 0x0102030405060708ull;
    msg->features_reply.n_buffers = 256;
    msg->features_reply.n_tables = 254;
    msg->features_reply.auxiliary_id = 1;
    msg->features_reply.capabilities =
        OFPC_FLOW_STATS | OFPC_PORT_STATS | OFPC_QUEUE_STATS;
}

static void
test_features_reply_round_trip(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    build_features_reply(&msg);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, OFP_SWITCH_FEATURES_LEN);
    assert_int_equal(back.features_reply.datapath_id, 0x0102030405060708ull);
    assert_int_equal(back.features_reply.n_tables, 254);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_hex(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_features_reply_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 06 00 20 00 00 00 05"
                                "00 00 0a 0b 0c 0d 0e 0f  00 00 01 00"
                                "fe 02 00 00  00 00 01 4f  00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_FEATURES_REPLY);
    assert_int_equal(msg.features_reply.datapath_id, 0x0a0b0c0d0e0full);
    assert_int_equal(msg.features_reply.n_buffers, 256);
    assert_int_equal(msg.features_reply.n_tables, 254);
    assert_int_equal(msg.features_reply.auxiliary_id, 2);
    assert_int_equal(msg.features_reply.capabilities, 0x14f);
}

/* GET_CONFIG_REPLY and SET_CONFIG. */

static void
test_switch_config_round_trip(void **state)
{
    enum ofp_msg_kind kinds[2] = {OFPK_GET_CONFIG_REPLY, OFPK_SET_CONFIG};
    (void) state;

    for (int i = 0; i < 2; i++) {
        struct ofp_msg msg, back;
        struct buf b;

        ofp_msg_init(&msg, kinds[i], 6);
        msg.config.flags = OFPC_FRAG_REASM;
        msg.config.miss_send_len = 128;
        ofp_msg_test_round_trip(&msg, &back, &b);
        assert_int_equal(back.config.flags, OFPC_FRAG_REASM);
        assert_int_equal(back.config.miss_send_len, 128);
        ofp_msg_test_truncations(&msg, NULL);
        ofp_msg_test_trailing_hex(&msg, "00 00", OFPERR_OFPBRC_BAD_LEN);
        buf_free(&b);
    }
}

static void
test_switch_config_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 09 00 0c 00 00 00 06 00 01 ff ff", &msg),
        0);
    assert_int_equal(msg.kind, OFPK_SET_CONFIG);
    assert_int_equal(msg.config.flags, OFPC_FRAG_DROP);
    assert_int_equal(msg.config.miss_send_len, 0xffff);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 08 00 0c 00 00 00 06 00 02 00 80", &msg),
        0);
    assert_int_equal(msg.kind, OFPK_GET_CONFIG_REPLY);
    assert_int_equal(msg.config.flags, OFPC_FRAG_REASM);
    assert_int_equal(msg.config.miss_send_len, 128);
}

static void
test_set_config_with_unknown_flags_is_bad_flags(void **state)
{
    struct ofp_msg msg;
    (void) state;

    ofp_msg_test_assert_hex_error("04 09 00 0c 00 00 00 06 00 04 00 80",
                                  OFPERR_OFPSCFC_BAD_FLAGS);
    /* A reply reports what the switch has: it is not refused. */
    assert_int_equal(
        ofp_msg_test_decode_hex("04 08 00 0c 00 00 00 06 00 04 00 80", &msg),
        0);
    assert_int_equal(msg.config.flags, 4);
}

/* ROLE_REQUEST and ROLE_REPLY. */

static void
test_role_round_trip(void **state)
{
    enum ofp_msg_kind kinds[2] = {OFPK_ROLE_REQUEST, OFPK_ROLE_REPLY};
    (void) state;

    for (int i = 0; i < 2; i++) {
        struct ofp_msg msg, back;
        struct buf b;

        ofp_msg_init(&msg, kinds[i], 7);
        msg.role.role = OFPCR_ROLE_MASTER + i;
        msg.role.generation_id = 0x1122334455667788ull;
        ofp_msg_test_round_trip(&msg, &back, &b);
        assert_int_equal(b.size, OFP_ROLE_LEN);
        assert_int_equal(back.role.role, OFPCR_ROLE_MASTER + i);
        assert_int_equal(back.role.generation_id, 0x1122334455667788ull);
        ofp_msg_test_truncations(&msg, NULL);
        ofp_msg_test_trailing_hex(&msg, "00 00 00 00 00 00 00 00",
                                  OFPERR_OFPBRC_BAD_LEN);
        buf_free(&b);
    }
}

static void
test_role_golden_and_bad_role(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 18 00 18 00 00 00 07  00 00 00 03"
                                "00 00 00 00  00 00 00 00 00 00 01 00",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_ROLE_REQUEST);
    assert_int_equal(msg.role.role, OFPCR_ROLE_SLAVE);
    assert_int_equal(msg.role.generation_id, 256);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 19 00 18 00 00 00 07  00 00 00 00"
                                "00 00 00 00  ff ff ff ff ff ff ff ff",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_ROLE_REPLY);
    assert_int_equal(msg.role.role, OFPCR_ROLE_NOCHANGE);
    assert_int_equal(msg.role.generation_id, UINT64_MAX);

    ofp_msg_test_assert_hex_error("04 18 00 18 00 00 00 07  00 00 00 04"
                                  "00 00 00 00  00 00 00 00 00 00 00 00",
                                  OFPERR_OFPRRFC_BAD_ROLE);
    ofp_msg_test_assert_hex_error("04 19 00 18 00 00 00 07  80 00 00 00"
                                  "00 00 00 00  00 00 00 00 00 00 00 00",
                                  OFPERR_OFPRRFC_BAD_ROLE);
}

/* GET_ASYNC_REPLY and SET_ASYNC. */

static void
test_async_round_trip(void **state)
{
    enum ofp_msg_kind kinds[2] = {OFPK_GET_ASYNC_REPLY, OFPK_SET_ASYNC};
    (void) state;

    for (int i = 0; i < 2; i++) {
        struct ofp_msg msg, back;
        struct buf b;

        ofp_msg_init(&msg, kinds[i], 8);
        msg.async.packet_in_mask[0] = 3;
        msg.async.packet_in_mask[1] = 1;
        msg.async.port_status_mask[0] = 7;
        msg.async.port_status_mask[1] = 2;
        msg.async.flow_removed_mask[0] = 0xf;
        msg.async.flow_removed_mask[1] = 4;
        ofp_msg_test_round_trip(&msg, &back, &b);
        assert_int_equal(b.size, OFP_ASYNC_CONFIG_LEN);
        assert_int_equal(back.async.port_status_mask[1], 2);
        assert_int_equal(back.async.flow_removed_mask[0], 0xf);
        ofp_msg_test_truncations(&msg, NULL);
        ofp_msg_test_trailing_hex(&msg, "00 00 00 00", OFPERR_OFPBRC_BAD_LEN);
        buf_free(&b);
    }
}

static void
test_async_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex("04 1c 00 20 00 00 00 08"
                                             "00 00 00 01 00 00 00 02"
                                             "00 00 00 03 00 00 00 04"
                                             "00 00 00 05 00 00 00 06",
                                             &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_SET_ASYNC);
    assert_int_equal(msg.async.packet_in_mask[0], 1);
    assert_int_equal(msg.async.packet_in_mask[1], 2);
    assert_int_equal(msg.async.port_status_mask[0], 3);
    assert_int_equal(msg.async.port_status_mask[1], 4);
    assert_int_equal(msg.async.flow_removed_mask[0], 5);
    assert_int_equal(msg.async.flow_removed_mask[1], 6);

    assert_int_equal(ofp_msg_test_decode_hex("04 1b 00 20 00 00 00 08"
                                             "00 00 00 01 00 00 00 02"
                                             "00 00 00 03 00 00 00 04"
                                             "00 00 00 05 00 00 00 06",
                                             &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_GET_ASYNC_REPLY);
    assert_int_equal(msg.async.flow_removed_mask[1], 6);
}

/* TABLE_MOD. */

static void
test_table_mod_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_TABLE_MOD, 9);
    msg.table_mod.table_id = 3;
    msg.table_mod.config = 3;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, OFP_TABLE_MOD_LEN);
    assert_int_equal(back.table_mod.table_id, 3);
    assert_int_equal(back.table_mod.config, 3);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_hex(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 11 00 10 00 00 00 09 ff 00 00 00"
                                "00 00 00 01",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_TABLE_MOD);
    assert_int_equal(msg.table_mod.table_id, OFPTT_ALL);
    assert_int_equal(msg.table_mod.config, 1);
}

/* DESC_REPLY. */

static void
build_desc_reply(struct ofp_msg *msg)
{
    ofp_msg_init(msg, OFPK_DESC_REPLY, 10);
    strcpy(msg->desc_reply.mfr_desc, "Pont project");
    strcpy(msg->desc_reply.hw_desc, "dummy hardware");
    strcpy(msg->desc_reply.sw_desc, "0.1");
    strcpy(msg->desc_reply.serial_num, "SN42");
    strcpy(msg->desc_reply.dp_desc, "br0");
}

static void
test_desc_reply_round_trip(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    build_desc_reply(&msg);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16 + 4 * OFP_DESC_STR_LEN + OFP_SERIAL_NUM_LEN);
    assert_string_equal(back.desc_reply.mfr_desc, "Pont project");
    assert_string_equal(back.desc_reply.hw_desc, "dummy hardware");
    assert_string_equal(back.desc_reply.sw_desc, "0.1");
    assert_string_equal(back.desc_reply.serial_num, "SN42");
    assert_string_equal(back.desc_reply.dp_desc, "br0");
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_hex(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_desc_reply_golden_terminates_full_width_strings(void **state)
{
    struct buf m = BUF_INIT;
    struct ofp_msg msg;
    uint8_t *desc;
    (void) state;

    /* Multipart header, then strings at their offsets in ofp_desc. */
    ofp_msg_test_hex(&m, "04 13 04 30 00 00 00 0a 00 00 00 00 00 00 00 00");
    desc = buf_put_zeros(&m, 1056);
    memcpy(desc, "Maker", 5);
    memcpy(desc + 256, "Box", 3);
    memcpy(desc + 512, "Soft", 4);
    memset(desc + 768, 'S', 32); /* No NUL: cut to 31. */
    memcpy(desc + 800, "Datapath", 8);
    assert_int_equal(ofp_msg_test_decode(m.data, m.size, &msg), 0);
    buf_free(&m);
    assert_int_equal(msg.kind, OFPK_DESC_REPLY);
    assert_string_equal(msg.desc_reply.mfr_desc, "Maker");
    assert_string_equal(msg.desc_reply.hw_desc, "Box");
    assert_string_equal(msg.desc_reply.sw_desc, "Soft");
    assert_int_equal(strlen(msg.desc_reply.serial_num), 31);
    assert_string_equal(msg.desc_reply.dp_desc, "Datapath");
}

/* BUNDLE_CONTROL. */

static void
test_bundle_control_round_trip(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_BUNDLE_CONTROL, 11);
    msg.bundle_control.bundle_id = 0xabcd;
    msg.bundle_control.type = OFPBCT_COMMIT_REQUEST;
    msg.bundle_control.flags = OFPBF_ATOMIC | OFPBF_ORDERED;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 24);
    assert_int_equal(back.bundle_control.bundle_id, 0xabcd);
    assert_int_equal(back.bundle_control.type, OFPBCT_COMMIT_REQUEST);
    assert_int_equal(back.bundle_control.flags, 3);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_hex(&msg, "ff ff ff", OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_trailing_hex(&msg, "ff ff 00 10 00 00 00 00",
                              OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_bundle_control_golden_skips_properties(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 00 18 00 00 00 0b 4f 4e 46 00"
                                "00 00 08 fc 00 00 ab cd 00 07 00 02",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_BUNDLE_CONTROL);
    assert_int_equal(msg.xid, 11);
    assert_int_equal(msg.bundle_control.bundle_id, 0xabcd);
    assert_int_equal(msg.bundle_control.type, OFPBCT_DISCARD_REPLY);
    assert_int_equal(msg.bundle_control.flags, OFPBF_ORDERED);

    /* An experimenter property of length 12, padded to 16. */
    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 00 28 00 00 00 0b 4f 4e 46 00"
                                "00 00 08 fc 00 00 00 01 00 00 00 01"
                                "ff ff 00 0c 4f 4e 46 00 00 00 00 01"
                                "00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.bundle_control.bundle_id, 1);
    assert_int_equal(msg.bundle_control.type, OFPBCT_OPEN_REQUEST);
    assert_int_equal(msg.bundle_control.flags, OFPBF_ATOMIC);
}

static void
test_bundle_control_bad_type_and_flags(void **state)
{
    (void) state;

    ofp_msg_test_assert_hex_error("04 04 00 18 00 00 00 0b 4f 4e 46 00"
                                  "00 00 08 fc 00 00 ab cd 00 08 00 00",
                                  OFPERR_OFPBFC_BAD_TYPE);
    ofp_msg_test_assert_hex_error("04 04 00 18 00 00 00 0b 4f 4e 46 00"
                                  "00 00 08 fc 00 00 ab cd 00 00 00 04",
                                  OFPERR_OFPBFC_BAD_FLAGS);
}

/* BUNDLE_ADD. */

/* A PORT_MOD, as the inner message of a BUNDLE_ADD with xid 12. */
#define INNER_PORT_MOD                                                         \
    "04 10 00 28 00 00 00 0c 00 00 00 03 00 00 00 00"                          \
    "50 54 00 00 00 01 00 00 00 00 00 01 00 00 00 01"                          \
    "00 00 00 00 00 00 00 00"

/* A PACKET_OUT of 25 bytes (one byte of data), with xid 12. */
#define INNER_PACKET_OUT                                                       \
    "04 0d 00 19 00 00 00 0c ff ff ff ff ff ff ff fd"                          \
    "00 00 00 00 00 00 00 00 aa"

/* A BUNDLE_ADD's header after its length: xid 12, ONF, type 2301. */
#define BUNDLE_ADD_XID_EXP "00 00 00 0c 4f 4e 46 00 00 00 08 fd"

static void
build_bundle_add(struct ofp_msg *msg)
{
    struct buf inner = BUF_INIT;

    ofp_msg_test_hex(&inner, INNER_PORT_MOD);
    ofp_msg_init(msg, OFPK_BUNDLE_ADD, 12);
    msg->bundle_add.bundle_id = 0xabcd;
    msg->bundle_add.flags = OFPBF_ATOMIC;
    ofp_bytes_set(&msg->bundle_add.msg, inner.data, inner.size);
    buf_free(&inner);
}

static void
test_bundle_add_round_trip(void **state)
{
    /* A cut inside the inner message fails as the inner message's. */
    static const struct ofp_msg_test_cuts cuts = {
        .alt_errors = {OFPERR_OFPBFC_MSG_BAD_LEN},
    };
    struct ofp_msg msg, back;
    struct buf b, inner = BUF_INIT;
    (void) state;

    build_bundle_add(&msg);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 24 + 40);
    assert_int_equal(back.bundle_add.bundle_id, 0xabcd);
    assert_int_equal(back.bundle_add.flags, OFPBF_ATOMIC);
    ofp_msg_test_hex(&inner, INNER_PORT_MOD);
    assert_int_equal(back.bundle_add.msg.len, inner.size);
    assert_memory_equal(back.bundle_add.msg.data, inner.data, inner.size);
    buf_free(&inner);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_hex(&msg, "ff ff ff ff ff ff ff ff",
                              OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_bundle_add_golden_with_padding_and_properties(void **state)
{
    struct ofp_msg msg;
    struct buf inner = BUF_INIT;
    (void) state;

    ofp_msg_test_hex(&inner, INNER_PACKET_OUT);
    /* No padding, as Open vSwitch sends it. */
    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 00 31 " BUNDLE_ADD_XID_EXP
                                "00 00 ab cd 00 00 00 02" INNER_PACKET_OUT,
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_BUNDLE_ADD);
    assert_int_equal(msg.bundle_add.bundle_id, 0xabcd);
    assert_int_equal(msg.bundle_add.flags, OFPBF_ORDERED);
    assert_int_equal(msg.bundle_add.msg.len, 25);
    assert_memory_equal(msg.bundle_add.msg.data, inner.data, 25);
    ofp_msg_uninit(&msg);

    /* Padded to 8, without properties. */
    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 00 38 " BUNDLE_ADD_XID_EXP
                                "00 00 ab cd 00 00 00 02" INNER_PACKET_OUT
                                "00 00 00 00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.bundle_add.msg.len, 25);
    ofp_msg_uninit(&msg);

    /* Padded to 8, then an experimenter property. */
    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 00 40 " BUNDLE_ADD_XID_EXP
                                "00 00 ab cd 00 00 00 03" INNER_PACKET_OUT
                                "00 00 00 00 00 00 00"
                                "ff ff 00 08 4f 4e 46 00",
                                &msg),
        0);
    assert_int_equal(msg.bundle_add.flags, 3);
    assert_memory_equal(msg.bundle_add.msg.data, inner.data, 25);
    ofp_msg_uninit(&msg);
    buf_free(&inner);

    /* Part of the padding. */
    ofp_msg_test_assert_hex_error("04 04 00 34 " BUNDLE_ADD_XID_EXP
                                  "00 00 ab cd 00 00 00 02" INNER_PACKET_OUT
                                  "00 00 00",
                                  OFPERR_OFPBRC_BAD_LEN);
}

static void
test_bundle_add_inner_message_errors(void **state)
{
    (void) state;

    /* Inner xid 13, outer 12. */
    ofp_msg_test_assert_hex_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                                  "00 00 00 01 00 00 00 00"
                                  "04 14 00 08 00 00 00 0d",
                                  OFPERR_OFPBFC_MSG_BAD_XID);
    /* Inner length beyond the outer message. */
    ofp_msg_test_assert_hex_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                                  "00 00 00 01 00 00 00 00"
                                  "04 14 00 09 00 00 00 0c",
                                  OFPERR_OFPBFC_MSG_BAD_LEN);
    /* Inner length below a header. */
    ofp_msg_test_assert_hex_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                                  "00 00 00 01 00 00 00 00"
                                  "04 14 00 04 00 00 00 0c",
                                  OFPERR_OFPBFC_MSG_BAD_LEN);
    /* No inner message at all. */
    ofp_msg_test_assert_hex_error("04 04 00 18 " BUNDLE_ADD_XID_EXP
                                  "00 00 00 01 00 00 00 00",
                                  OFPERR_OFPBFC_MSG_BAD_LEN);
    /* Inner message of another OpenFlow version. */
    ofp_msg_test_assert_hex_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                                  "00 00 00 01 00 00 00 00"
                                  "01 12 00 08 00 00 00 0c",
                                  OFPERR_OFPBFC_MSG_UNSUP);
    /* Unknown flag. */
    ofp_msg_test_assert_hex_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                                  "00 00 00 01 00 00 00 04"
                                  "04 14 00 08 00 00 00 0c",
                                  OFPERR_OFPBFC_BAD_FLAGS);
}

/* QUEUE_GET_CONFIG_REQUEST and QUEUE_GET_CONFIG_REPLY. */

static void
test_queue_get_config_request_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_QUEUE_GET_CONFIG_REQUEST, 13);
    assert_int_equal(msg.queue_config.port, OFPP_ANY);
    msg.queue_config.port = 7;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16);
    assert_int_equal(back.queue_config.port, 7);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_hex(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 16 00 10 00 00 00 0d ff ff ff ff"
                                "00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_QUEUE_GET_CONFIG_REQUEST);
    assert_int_equal(msg.queue_config.port, OFPP_ANY);
}

static void
test_queue_get_config_request_for_reserved_port_is_bad_port(void **state)
{
    (void) state;

    ofp_msg_test_assert_hex_error(
        "04 16 00 10 00 00 00 0d ff ff ff fe 00 00 00 00",
        OFPERR_OFPQOFC_BAD_PORT);
    ofp_msg_test_assert_hex_error(
        "04 16 00 10 00 00 00 0d ff ff ff 00 00 00 00 00",
        OFPERR_OFPQOFC_BAD_PORT);
}

static void
build_queue_get_config_reply(struct ofp_msg *msg)
{
    static const struct ofp_queue queues[3] = {
        {.queue_id = 1, .port = 1, .min_rate = 100, .max_rate = 500},
        {.queue_id = 2, .port = 1, .min_rate = 0xffff, .max_rate = 1000},
        {.queue_id = 3, .port = 1, .min_rate = 0xffff, .max_rate = 0xffff},
    };

    ofp_msg_init(msg, OFPK_QUEUE_GET_CONFIG_REPLY, 14);
    msg->queue_config.port = 1;
    msg->queue_config.queues = malloc(sizeof queues);
    memcpy(msg->queue_config.queues, queues, sizeof queues);
    msg->queue_config.n_queues = 3;
}

static void
test_queue_get_config_reply_round_trip(void **state)
{
    /* Valid cuts: no queue, one queue (16 + 32), two (+ 16 + 16). */
    static const struct ofp_msg_test_cuts v = {.lens = {16, 64, 96}};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    build_queue_get_config_reply(&msg);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16 + 48 + 32 + 16);
    assert_int_equal(back.queue_config.port, 1);
    assert_int_equal(back.queue_config.n_queues, 3);
    assert_int_equal(back.queue_config.queues[0].min_rate, 100);
    assert_int_equal(back.queue_config.queues[0].max_rate, 500);
    assert_int_equal(back.queue_config.queues[1].min_rate, 0xffff);
    assert_int_equal(back.queue_config.queues[1].max_rate, 1000);
    assert_int_equal(back.queue_config.queues[2].queue_id, 3);
    assert_int_equal(back.queue_config.queues[2].max_rate, 0xffff);
    ofp_msg_test_truncations(&msg, &v);
    ofp_msg_test_trailing_hex(&msg, "00 00 00 00 00 00 00 00",
                              OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_queue_get_config_reply_golden_skips_unknown_properties(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex(
                         "04 17 00 60 00 00 00 0e  00 00 00 05 00 00 00 00"
                         /* Queue 1 on port 5, 64 bytes. */
                         "00 00 00 01 00 00 00 05 00 40 00 00 00 00 00 00"
                         "00 01 00 10 00 00 00 00 00 64 00 00 00 00 00 00"
                         "00 02 00 10 00 00 00 00 01 f4 00 00 00 00 00 00"
                         "ff ff 00 10 00 00 00 00 4f 4e 46 00 00 00 00 00"
                         /* Queue 2 on port 5, no properties. */
                         "00 00 00 02 00 00 00 05 00 10 00 00 00 00 00 00",
                         &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_QUEUE_GET_CONFIG_REPLY);
    assert_int_equal(msg.queue_config.port, 5);
    assert_int_equal(msg.queue_config.n_queues, 2);
    assert_int_equal(msg.queue_config.queues[0].queue_id, 1);
    assert_int_equal(msg.queue_config.queues[0].port, 5);
    assert_int_equal(msg.queue_config.queues[0].min_rate, 100);
    assert_int_equal(msg.queue_config.queues[0].max_rate, 500);
    assert_int_equal(msg.queue_config.queues[1].queue_id, 2);
    assert_int_equal(msg.queue_config.queues[1].min_rate, 0xffff);
    assert_int_equal(msg.queue_config.queues[1].max_rate, 0xffff);
    ofp_msg_uninit(&msg);
}

static void
test_queue_get_config_reply_bad_lengths(void **state)
{
    (void) state;

    /* Queue length not a multiple of 8. */
    ofp_msg_test_assert_hex_error(
        "04 17 00 28 00 00 00 0e 00 00 00 05 00 00 00 00"
        "00 00 00 01 00 00 00 05 00 14 00 00 00 00 00 00"
        "00 00 00 00 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* Queue length below its header. */
    ofp_msg_test_assert_hex_error(
        "04 17 00 20 00 00 00 0e 00 00 00 05 00 00 00 00"
        "00 00 00 01 00 00 00 05 00 08 00 00 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* MIN_RATE property of 24 bytes. */
    ofp_msg_test_assert_hex_error(
        "04 17 00 38 00 00 00 0e 00 00 00 05 00 00 00 00"
        "00 00 00 01 00 00 00 05 00 28 00 00 00 00 00 00"
        "00 01 00 18 00 00 00 00 00 64 00 00 00 00 00 00"
        "00 00 00 00 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* Property running past its queue. */
    ofp_msg_test_assert_hex_error(
        "04 17 00 30 00 00 00 0e 00 00 00 05 00 00 00 00"
        "00 00 00 01 00 00 00 05 00 18 00 00 00 00 00 00"
        "00 01 00 10 00 00 00 00 00 00 00 00 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
    /* Property of length 0. */
    ofp_msg_test_assert_hex_error(
        "04 17 00 28 00 00 00 0e 00 00 00 05 00 00 00 00"
        "00 00 00 01 00 00 00 05 00 18 00 00 00 00 00 00"
        "00 05 00 00 00 00 00 00",
        OFPERR_OFPBRC_BAD_LEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hello_round_trip_with_bitmap),
        cmocka_unit_test(test_hello_for_1_3_only_is_what_open_vswitch_sends),
        cmocka_unit_test(test_hello_whose_bitmap_adds_nothing_omits_it),
        cmocka_unit_test(
            test_hello_without_bitmap_means_all_versions_up_to_header),
        cmocka_unit_test(test_hello_golden_skips_unknown_elements),
        cmocka_unit_test(test_hello_with_bad_elements_is_bad_len),
        cmocka_unit_test(test_hello_truncations_and_garbage),
        cmocka_unit_test(test_error_round_trip),
        cmocka_unit_test(test_error_golden),
        cmocka_unit_test(test_error_unknown_to_pont_keeps_raw_codes),
        cmocka_unit_test(test_error_truncations),
        cmocka_unit_test(test_echo_round_trip_and_golden),
        cmocka_unit_test(test_experimenter_round_trip_and_golden),
        cmocka_unit_test(test_features_reply_round_trip),
        cmocka_unit_test(test_features_reply_golden),
        cmocka_unit_test(test_switch_config_round_trip),
        cmocka_unit_test(test_switch_config_golden),
        cmocka_unit_test(test_set_config_with_unknown_flags_is_bad_flags),
        cmocka_unit_test(test_role_round_trip),
        cmocka_unit_test(test_role_golden_and_bad_role),
        cmocka_unit_test(test_async_round_trip),
        cmocka_unit_test(test_async_golden),
        cmocka_unit_test(test_table_mod_round_trip_and_golden),
        cmocka_unit_test(test_desc_reply_round_trip),
        cmocka_unit_test(test_desc_reply_golden_terminates_full_width_strings),
        cmocka_unit_test(test_bundle_control_round_trip),
        cmocka_unit_test(test_bundle_control_golden_skips_properties),
        cmocka_unit_test(test_bundle_control_bad_type_and_flags),
        cmocka_unit_test(test_bundle_add_round_trip),
        cmocka_unit_test(test_bundle_add_golden_with_padding_and_properties),
        cmocka_unit_test(test_bundle_add_inner_message_errors),
        cmocka_unit_test(test_queue_get_config_request_round_trip_and_golden),
        cmocka_unit_test(
            test_queue_get_config_request_for_reserved_port_is_bad_port),
        cmocka_unit_test(test_queue_get_config_reply_round_trip),
        cmocka_unit_test(
            test_queue_get_config_reply_golden_skips_unknown_properties),
        cmocka_unit_test(test_queue_get_config_reply_bad_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
