/* Tests for the port and queue messages (ofproto/ofp_msg_port.c):
 * PORT_STATUS, PORT_MOD, the port description, and port, queue and table
 * statistics.
 *
 * Golden messages are written here byte by byte from the OpenFlow 1.3.5
 * layouts, not produced by the encoder.  Every decode runs on an
 * exact-size heap copy so that AddressSanitizer catches any read past the
 * end. */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "ofp_msg_test.h"
#include "ofproto/ofp_msg.h"

/* An ofp_port: number 3, address 50:54:00:00:00:01, "eth3", down, live,
 * 1 Gb/s copper autoneg, 1 Gb/s now and 10 Gb/s max. */
#define PORT_ETH3                                                              \
    "00 00 00 03 00 00 00 00 50 54 00 00 00 01 00 00"                          \
    "65 74 68 33 00 00 00 00 00 00 00 00 00 00 00 00"                          \
    "00 00 00 01 00 00 00 04 00 00 28 20 00 00 20 20"                          \
    "00 00 2f ff 00 00 00 28 00 0f 42 40 00 98 96 80"

static void
assert_port_eth3(const struct ofp_port *p)
{
    static const uint8_t mac[6] = {0x50, 0x54, 0, 0, 0, 1};

    assert_int_equal(p->port_no, 3);
    assert_memory_equal(p->hw_addr.ea, mac, 6);
    assert_string_equal(p->name, "eth3");
    assert_int_equal(p->config, OFPPC_PORT_DOWN);
    assert_int_equal(p->state, OFPPS_LIVE);
    assert_int_equal(p->curr, 0x2820);
    assert_int_equal(p->advertised, 0x2020);
    assert_int_equal(p->supported, 0x2fff);
    assert_int_equal(p->peer, 0x28);
    assert_int_equal(p->curr_speed, 1000000);
    assert_int_equal(p->max_speed, 10000000);
}

static void
build_port(struct ofp_port *p, uint32_t port_no, const char *name)
{
    memset(p, 0, sizeof *p);
    p->port_no = port_no;
    memcpy(p->hw_addr.ea, "\x50\x54\x00\x00\x00\x01", 6);
    p->hw_addr.ea[5] = port_no;
    strcpy(p->name, name);
    p->config = OFPPC_NO_FWD;
    p->state = OFPPS_LINK_DOWN | OFPPS_BLOCKED;
    p->curr = 0x2840;
    p->advertised = 0x2040;
    p->supported = 0x207f;
    p->peer = 0x40;
    p->curr_speed = 10000000;
    p->max_speed = 40000000;
}

/* PORT_STATUS. */

static void
test_port_status_round_trip(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_PORT_STATUS, 15);
    msg.port_status.reason = OFPPR_MODIFY;
    build_port(&msg.port_status.port, 7, "tap-with-15char");
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, OFP_PORT_STATUS_LEN);
    assert_int_equal(back.port_status.reason, OFPPR_MODIFY);
    assert_int_equal(back.port_status.port.port_no, 7);
    assert_string_equal(back.port_status.port.name, "tap-with-15char");
    assert_int_equal(back.port_status.port.state, 3);
    assert_int_equal(back.port_status.port.max_speed, 40000000);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0xff, 1, OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_port_status_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 0c 00 50 00 00 00 0f"
                                "01 00 00 00 00 00 00 00" PORT_ETH3,
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_PORT_STATUS);
    assert_int_equal(msg.xid, 15);
    assert_int_equal(msg.port_status.reason, OFPPR_DELETE);
    assert_port_eth3(&msg.port_status.port);
}

static void
test_port_status_with_unknown_reason_is_bad_reason(void **state)
{
    (void) state;

    ofp_msg_test_assert_hex_error("04 0c 00 50 00 00 00 0f"
                                  "03 00 00 00 00 00 00 00" PORT_ETH3,
                                  OFPERR_NXBRC_BAD_REASON);
}

static void
test_port_name_without_nul_is_cut_to_15_chars(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex(
                         "04 0c 00 50 00 00 00 0f 00 00 00 00 00 00 00 00"
                         "00 00 00 03 00 00 00 00 50 54 00 00 00 01 00 00"
                         "61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70"
                         "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                         "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                         &msg),
                     0);
    assert_string_equal(msg.port_status.port.name, "abcdefghijklmno");
}

/* PORT_MOD. */

static void
test_port_mod_round_trip(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_PORT_MOD, 16);
    msg.port_mod.port_no = 3;
    memcpy(msg.port_mod.hw_addr.ea, "\x50\x54\x00\x00\x00\x03", 6);
    msg.port_mod.config = OFPPC_PORT_DOWN | OFPPC_NO_PACKET_IN;
    msg.port_mod.mask =
        OFPPC_PORT_DOWN | OFPPC_NO_RECV | OFPPC_NO_FWD | OFPPC_NO_PACKET_IN;
    msg.port_mod.advertise = 0x2020;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, OFP_PORT_MOD_LEN);
    assert_int_equal(back.port_mod.port_no, 3);
    assert_int_equal(back.port_mod.hw_addr.ea[5], 3);
    assert_int_equal(back.port_mod.config, 0x41);
    assert_int_equal(back.port_mod.mask, 0x65);
    assert_int_equal(back.port_mod.advertise, 0x2020);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0xff, 8, OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_port_mod_golden(void **state)
{
    static const uint8_t mac[6] = {0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex("04 10 00 28 00 00 00 10"
                                             "ff ff ff fe 00 00 00 00"
                                             "0a 0b 0c 0d 0e 0f 00 00"
                                             "00 00 00 04 00 00 00 24"
                                             "00 00 00 08 00 00 00 00",
                                             &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_PORT_MOD);
    assert_int_equal(msg.port_mod.port_no, OFPP_LOCAL);
    assert_memory_equal(msg.port_mod.hw_addr.ea, mac, 6);
    assert_int_equal(msg.port_mod.config, OFPPC_NO_RECV);
    assert_int_equal(msg.port_mod.mask, OFPPC_NO_RECV | OFPPC_NO_FWD);
    assert_int_equal(msg.port_mod.advertise, 8);
}

static void
test_port_mod_with_undefined_bits_is_refused(void **state)
{
    (void) state;

    /* OpenFlow 1.0's NO_STP (bit 1) in config. */
    ofp_msg_test_assert_hex_error(
        "04 10 00 28 00 00 00 10 00 00 00 01 00 00 00 00"
        "0a 0b 0c 0d 0e 0f 00 00 00 00 00 02 00 00 00 02"
        "00 00 00 00 00 00 00 00",
        OFPERR_OFPPMFC_BAD_CONFIG);
    /* Bit 4 in the mask only. */
    ofp_msg_test_assert_hex_error(
        "04 10 00 28 00 00 00 10 00 00 00 01 00 00 00 00"
        "0a 0b 0c 0d 0e 0f 00 00 00 00 00 00 00 00 00 10"
        "00 00 00 00 00 00 00 00",
        OFPERR_OFPPMFC_BAD_CONFIG);
    /* A feature bit above OFPPF_PAUSE_ASYM. */
    ofp_msg_test_assert_hex_error(
        "04 10 00 28 00 00 00 10 00 00 00 01 00 00 00 00"
        "0a 0b 0c 0d 0e 0f 00 00 00 00 00 00 00 00 00 00"
        "00 01 00 00 00 00 00 00",
        OFPERR_OFPPMFC_BAD_ADVERTISE);
}

/* PORT_DESC_REPLY. */

static void
test_port_desc_reply_round_trip(void **state)
{
    /* A cut between two entries is a shorter reply. */
    static const struct ofp_msg_test_cuts cuts = {
        .list_ofs = OFP_MULTIPART_HEADER_LEN, .entry_len = OFP_PORT_LEN};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_PORT_DESC_REPLY, 17);
    msg.mp_flags = OFPMPF_REPLY_MORE;
    msg.port_desc_reply.entries =
        calloc(3, sizeof *msg.port_desc_reply.entries);
    msg.port_desc_reply.n = 3;
    build_port(&msg.port_desc_reply.entries[0], 1, "eth1");
    build_port(&msg.port_desc_reply.entries[1], 2, "eth2");
    build_port(&msg.port_desc_reply.entries[2], OFPP_LOCAL, "br0");
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16 + 3 * OFP_PORT_LEN);
    assert_int_equal(back.port_desc_reply.n, 3);
    assert_int_equal(back.port_desc_reply.entries[1].port_no, 2);
    assert_string_equal(back.port_desc_reply.entries[1].name, "eth2");
    assert_int_equal(back.port_desc_reply.entries[2].port_no, OFPP_LOCAL);
    assert_string_equal(back.port_desc_reply.entries[2].name, "br0");
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0xff, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_port_desc_reply_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 13 00 90 00 00 00 11 00 0d 00 00"
                                "00 00 00 00" PORT_ETH3 PORT_ETH3,
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_PORT_DESC_REPLY);
    assert_int_equal(msg.mp_flags, 0);
    assert_int_equal(msg.port_desc_reply.n, 2);
    assert_port_eth3(&msg.port_desc_reply.entries[0]);
    assert_port_eth3(&msg.port_desc_reply.entries[1]);
    ofp_msg_uninit(&msg);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 13 00 10 00 00 00 11 00 0d 00 00"
                                "00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.port_desc_reply.n, 0);
}

/* PORT_STATS_REQUEST and PORT_STATS_REPLY. */

static void
test_port_stats_request_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_PORT_STATS_REQUEST, 18);
    assert_int_equal(msg.port_no, OFPP_ANY);
    msg.port_no = 7;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 24);
    assert_int_equal(back.port_no, 7);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0xff, 1, OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 12 00 18 00 00 00 12 00 04 00 00"
                                "00 00 00 00 ff ff ff ff 00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_PORT_STATS_REQUEST);
    assert_int_equal(msg.port_no, OFPP_ANY);
}

static void
build_port_stats(struct ofp_port_stats *s, uint32_t port_no)
{
    s->port_no = port_no;
    s->rx_packets = 10 + port_no;
    s->tx_packets = 20 + port_no;
    s->rx_bytes = 30 + port_no;
    s->tx_bytes = 40 + port_no;
    s->rx_dropped = 50 + port_no;
    s->tx_dropped = 60 + port_no;
    s->rx_errors = 70 + port_no;
    s->tx_errors = 80 + port_no;
    s->rx_frame_err = 90 + port_no;
    s->rx_over_err = 100 + port_no;
    s->rx_crc_err = 110 + port_no;
    s->collisions = 120 + port_no;
    s->duration_sec = 5;
    s->duration_nsec = 500000000;
}

static void
test_port_stats_reply_round_trip(void **state)
{
    /* A cut between two entries is a shorter reply. */
    static const struct ofp_msg_test_cuts cuts = {
        .list_ofs = OFP_MULTIPART_HEADER_LEN, .entry_len = 112};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_PORT_STATS_REPLY, 19);
    msg.port_stats_reply.entries =
        calloc(2, sizeof *msg.port_stats_reply.entries);
    msg.port_stats_reply.n = 2;
    build_port_stats(&msg.port_stats_reply.entries[0], 1);
    build_port_stats(&msg.port_stats_reply.entries[1], 2);
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16 + 2 * 112);
    assert_int_equal(back.port_stats_reply.n, 2);
    assert_int_equal(back.port_stats_reply.entries[1].port_no, 2);
    assert_int_equal(back.port_stats_reply.entries[1].collisions, 122);
    assert_int_equal(back.port_stats_reply.entries[1].duration_nsec, 500000000);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0xff, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_port_stats_reply_golden(void **state)
{
    const struct ofp_port_stats *s;
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 13 00 80 00 00 00 13 00 04 00 01"
                                "00 00 00 00"
                                "00 00 00 09 00 00 00 00"
                                "00 00 00 00 00 00 00 01"
                                "00 00 00 00 00 00 00 02"
                                "00 00 00 00 00 00 00 03"
                                "00 00 00 00 00 00 00 04"
                                "00 00 00 00 00 00 00 05"
                                "00 00 00 00 00 00 00 06"
                                "00 00 00 00 00 00 00 07"
                                "00 00 00 00 00 00 00 08"
                                "00 00 00 00 00 00 00 09"
                                "00 00 00 00 00 00 00 0a"
                                "00 00 00 00 00 00 00 0b"
                                "01 00 00 00 00 00 00 0c"
                                "00 00 00 0d 1d cd 65 00",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_PORT_STATS_REPLY);
    assert_int_equal(msg.mp_flags, OFPMPF_REPLY_MORE);
    assert_int_equal(msg.port_stats_reply.n, 1);
    s = &msg.port_stats_reply.entries[0];
    assert_int_equal(s->port_no, 9);
    assert_int_equal(s->rx_packets, 1);
    assert_int_equal(s->tx_packets, 2);
    assert_int_equal(s->rx_bytes, 3);
    assert_int_equal(s->tx_bytes, 4);
    assert_int_equal(s->rx_dropped, 5);
    assert_int_equal(s->tx_dropped, 6);
    assert_int_equal(s->rx_errors, 7);
    assert_int_equal(s->tx_errors, 8);
    assert_int_equal(s->rx_frame_err, 9);
    assert_int_equal(s->rx_over_err, 10);
    assert_int_equal(s->rx_crc_err, 11);
    assert_int_equal(s->collisions, 0x010000000000000cull);
    assert_int_equal(s->duration_sec, 13);
    assert_int_equal(s->duration_nsec, 500000000);
    ofp_msg_uninit(&msg);
}

/* QUEUE_STATS_REQUEST and QUEUE_STATS_REPLY. */

static void
test_queue_stats_request_round_trip_and_golden(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_QUEUE_STATS_REQUEST, 20);
    assert_int_equal(msg.queue_stats_request.port_no, OFPP_ANY);
    assert_int_equal(msg.queue_stats_request.queue_id, OFPQ_ALL);
    msg.queue_stats_request.port_no = 1;
    msg.queue_stats_request.queue_id = 2;
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 24);
    assert_int_equal(back.queue_stats_request.port_no, 1);
    assert_int_equal(back.queue_stats_request.queue_id, 2);
    ofp_msg_test_truncations(&msg, NULL);
    ofp_msg_test_trailing_fill(&msg, 0xff, 1, OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);

    assert_int_equal(
        ofp_msg_test_decode_hex("04 12 00 18 00 00 00 14 00 05 00 00"
                                "00 00 00 00 00 00 00 04 ff ff ff ff",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_QUEUE_STATS_REQUEST);
    assert_int_equal(msg.queue_stats_request.port_no, 4);
    assert_int_equal(msg.queue_stats_request.queue_id, OFPQ_ALL);
}

static void
test_queue_stats_reply_round_trip(void **state)
{
    /* A cut between two entries is a shorter reply. */
    static const struct ofp_msg_test_cuts cuts = {
        .list_ofs = OFP_MULTIPART_HEADER_LEN, .entry_len = 40};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_QUEUE_STATS_REPLY, 21);
    msg.queue_stats_reply.entries =
        calloc(3, sizeof *msg.queue_stats_reply.entries);
    msg.queue_stats_reply.n = 3;
    for (uint32_t i = 0; i < 3; i++) {
        struct ofp_queue_stats *s = &msg.queue_stats_reply.entries[i];

        s->port_no = 1 + i / 2;
        s->queue_id = i;
        s->tx_bytes = 1000 + i;
        s->tx_packets = 10 + i;
        s->tx_errors = i;
        s->duration_sec = 3;
        s->duration_nsec = 7 + i;
    }
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16 + 3 * 40);
    assert_int_equal(back.queue_stats_reply.n, 3);
    assert_int_equal(back.queue_stats_reply.entries[2].port_no, 2);
    assert_int_equal(back.queue_stats_reply.entries[2].tx_bytes, 1002);
    assert_int_equal(back.queue_stats_reply.entries[2].duration_nsec, 9);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0xff, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_queue_stats_reply_golden(void **state)
{
    const struct ofp_queue_stats *s;
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 13 00 38 00 00 00 15 00 05 00 00"
                                "00 00 00 00"
                                "00 00 00 01 00 00 00 02"
                                "00 00 00 00 00 00 03 e8"
                                "00 00 00 00 00 00 00 0a"
                                "00 00 00 00 00 00 00 01"
                                "00 00 00 03 00 00 00 07",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_QUEUE_STATS_REPLY);
    assert_int_equal(msg.queue_stats_reply.n, 1);
    s = &msg.queue_stats_reply.entries[0];
    assert_int_equal(s->port_no, 1);
    assert_int_equal(s->queue_id, 2);
    assert_int_equal(s->tx_bytes, 1000);
    assert_int_equal(s->tx_packets, 10);
    assert_int_equal(s->tx_errors, 1);
    assert_int_equal(s->duration_sec, 3);
    assert_int_equal(s->duration_nsec, 7);
    ofp_msg_uninit(&msg);
}

/* TABLE_STATS_REPLY. */

static void
test_table_stats_reply_round_trip(void **state)
{
    /* A cut between two entries is a shorter reply. */
    static const struct ofp_msg_test_cuts cuts = {
        .list_ofs = OFP_MULTIPART_HEADER_LEN, .entry_len = 24};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_TABLE_STATS_REPLY, 22);
    msg.table_stats_reply.entries =
        calloc(3, sizeof *msg.table_stats_reply.entries);
    msg.table_stats_reply.n = 3;
    for (uint8_t i = 0; i < 3; i++) {
        struct ofp_table_stats *s = &msg.table_stats_reply.entries[i];

        s->table_id = i * 100;
        s->active_count = 4 + i;
        s->lookup_count = 100 + i;
        s->matched_count = 50 + i;
    }
    ofp_msg_test_round_trip(&msg, &back, &b);
    assert_int_equal(b.size, 16 + 3 * 24);
    assert_int_equal(back.table_stats_reply.n, 3);
    assert_int_equal(back.table_stats_reply.entries[2].table_id, 200);
    assert_int_equal(back.table_stats_reply.entries[2].matched_count, 52);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0xff, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_table_stats_reply_golden(void **state)
{
    const struct ofp_table_stats *s;
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(
        ofp_msg_test_decode_hex("04 13 00 40 00 00 00 16 00 03 00 00"
                                "00 00 00 00"
                                "00 00 00 00 00 00 00 04"
                                "00 00 00 00 00 00 00 64"
                                "00 00 00 00 00 00 00 32"
                                "fe 00 00 00 00 00 00 00"
                                "00 00 00 00 00 00 00 00"
                                "00 00 00 00 00 00 00 00",
                                &msg),
        0);
    assert_int_equal(msg.kind, OFPK_TABLE_STATS_REPLY);
    assert_int_equal(msg.table_stats_reply.n, 2);
    s = &msg.table_stats_reply.entries[0];
    assert_int_equal(s->table_id, 0);
    assert_int_equal(s->active_count, 4);
    assert_int_equal(s->lookup_count, 100);
    assert_int_equal(s->matched_count, 50);
    s = &msg.table_stats_reply.entries[1];
    assert_int_equal(s->table_id, 254);
    assert_int_equal(s->active_count, 0);
    assert_int_equal(s->lookup_count, 0);
    ofp_msg_uninit(&msg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_port_status_round_trip),
        cmocka_unit_test(test_port_status_golden),
        cmocka_unit_test(test_port_status_with_unknown_reason_is_bad_reason),
        cmocka_unit_test(test_port_name_without_nul_is_cut_to_15_chars),
        cmocka_unit_test(test_port_mod_round_trip),
        cmocka_unit_test(test_port_mod_golden),
        cmocka_unit_test(test_port_mod_with_undefined_bits_is_refused),
        cmocka_unit_test(test_port_desc_reply_round_trip),
        cmocka_unit_test(test_port_desc_reply_golden),
        cmocka_unit_test(test_port_stats_request_round_trip_and_golden),
        cmocka_unit_test(test_port_stats_reply_round_trip),
        cmocka_unit_test(test_port_stats_reply_golden),
        cmocka_unit_test(test_queue_stats_request_round_trip_and_golden),
        cmocka_unit_test(test_queue_stats_reply_round_trip),
        cmocka_unit_test(test_queue_stats_reply_golden),
        cmocka_unit_test(test_table_stats_reply_round_trip),
        cmocka_unit_test(test_table_stats_reply_golden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
