/* Tests for Pont's experimenter messages (ofproto/ofp_msg_pont.c):
 * PONT_HOST_INFO_REQUEST and PONT_HOST_INFO_REPLY, their codec, their
 * malformed forms, and how ofp_print() shows them.
 *
 * Golden messages are written byte by byte from the layout in ofp_msg.h,
 * not produced by the encoder. */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "ofp_msg_test.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofp_print.h"

/* The header of a Pont experimenter message of 'type' and xid 7, its
 * length left for ofp_msg_test_decode_hex_sized() to fill in. */
#define PONT_HEADER(TYPE) "04 04 0000 00000007  504f4e54 0000000" TYPE " "

/* A reply: host "h1", tunnel 10.0.0.1, uplink "up0", and ports 1
 * ("acme/vm1") and LOCAL (no key). */
#define HOST_ID_H1                                                             \
    "6831 0000000000000000000000000000 00000000000000000000000000000000 "
#define REPLY_BODY                                                             \
    HOST_ID_H1                                                                 \
        "0a000001 00000000 75703000000000000000000000000000 "                  \
        "00000001 00000000 61636d652f766d31 "                                  \
        "0000000000000000 0000000000000000 0000000000000000 0000000000000000 " \
        "0000000000000000 0000000000000000 0000000000000000 "                  \
        "fffffffe 00000000 "                                                   \
        "0000000000000000 0000000000000000 0000000000000000 0000000000000000 " \
        "0000000000000000 0000000000000000 0000000000000000 0000000000000000 "

static void
make_reply(struct ofp_msg *msg)
{
    struct ofp_host_info *hi = &msg->host_info;
    struct ofp_host_info_port *p;

    ofp_msg_init(msg, OFPK_PONT_HOST_INFO_REPLY, 7);
    strcpy(hi->host_id, "h1");
    hi->tunnel_ip = htonl(0x0a000001);
    strcpy(hi->uplink, "up0");
    p = ofp_array_push(&hi->ports, &hi->n_ports, sizeof *hi->ports);
    p->port_no = 1;
    strcpy(p->key, "acme/vm1");
    p = ofp_array_push(&hi->ports, &hi->n_ports, sizeof *hi->ports);
    p->port_no = OFPP_LOCAL;
}

static void
test_host_info_request_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REQUEST, 7);
    ofp_msg_test_assert_encoding(&msg,
                                 "04 04 0010 00000007  504f4e54 00000001");
    assert_int_equal(
        ofp_msg_test_decode_hex("04 04 0010 00000007 504f4e54 00000001", &msg),
        0);
    assert_int_equal(msg.kind, OFPK_PONT_HOST_INFO_REQUEST);
    assert_int_equal(msg.xid, 7);
    ofp_msg_uninit(&msg);
}

static void
test_host_info_request_with_a_body_is_bad_len(void **state)
{
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REQUEST, 7);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_trailing_fill(&msg, 0, 1, OFPERR_OFPBRC_BAD_LEN);
}

static void
test_host_info_reply_golden(void **state)
{
    struct ofp_msg msg, golden;
    (void) state;

    make_reply(&msg);
    assert_int_equal(
        ofp_msg_test_decode_hex_sized(PONT_HEADER("2") REPLY_BODY, &golden), 0);
    assert_int_equal(golden.kind, OFPK_PONT_HOST_INFO_REPLY);
    assert_string_equal(golden.host_info.host_id, "h1");
    assert_int_equal(ntohl(golden.host_info.tunnel_ip), 0x0a000001);
    assert_string_equal(golden.host_info.uplink, "up0");
    assert_int_equal(golden.host_info.n_ports, 2);
    assert_int_equal(golden.host_info.ports[0].port_no, 1);
    assert_string_equal(golden.host_info.ports[0].key, "acme/vm1");
    assert_int_equal(golden.host_info.ports[1].port_no, OFPP_LOCAL);
    assert_string_equal(golden.host_info.ports[1].key, "");
    assert_true(ofp_msg_equal(&msg, &golden));
    ofp_msg_test_round_trip(&msg, NULL, NULL);
    ofp_msg_uninit(&golden);
    ofp_msg_uninit(&msg);
}

static void
test_host_info_reply_host_id_may_fill_its_field(void **state)
{
    struct ofp_msg msg, back;
    (void) state;

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REPLY, 1);
    memset(msg.host_info.host_id, 'x', OFP_HOST_ID_MAX);
    ofp_msg_test_round_trip(&msg, &back, NULL);
    assert_int_equal(strlen(back.host_info.host_id), OFP_HOST_ID_MAX);
    ofp_msg_uninit(&back);
}

static void
test_host_info_reply_without_ports_round_trips(void **state)
{
    struct ofp_msg msg;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REPLY, 1);
    ofp_msg_test_round_trip(&msg, NULL, &b);
    assert_int_equal(b.size, 16 + OFP_HOST_INFO_LEN);
    buf_free(&b);
}

static void
test_host_info_reply_truncations_and_extensions(void **state)
{
    struct ofp_msg_test_cuts cuts = {
        .list_ofs = 16 + OFP_HOST_INFO_LEN,
        .entry_len = OFP_HOST_INFO_PORT_LEN,
    };
    struct ofp_msg msg;
    (void) state;

    make_reply(&msg);
    ofp_msg_test_truncations(&msg, &cuts);
    ofp_msg_test_trailing_fill(&msg, 0, 8, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_test_trailing_fill(&msg, 0, OFP_HOST_INFO_PORT_LEN - 1,
                               OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

static void
test_host_info_reply_bad_port_numbers(void **state)
{
    struct ofp_msg msg;
    (void) state;

    make_reply(&msg);
    msg.host_info.ports[0].port_no = 0;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPBRC_BAD_PORT);
    msg.host_info.ports[0].port_no = OFPP_ANY;
    assert_int_equal(ofp_msg_test_reencode(&msg), -OFPERR_OFPBRC_BAD_PORT);
    msg.host_info.ports[0].port_no = OFPP_MAX - 1;
    assert_int_equal(ofp_msg_test_reencode(&msg), 0);
    ofp_msg_uninit(&msg);
}

static void
test_unknown_pont_type_stays_a_generic_experimenter(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(ofp_msg_test_decode_hex_sized(
                         "04 04 0000 00000007 504f4e54 00000009 aabb", &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_EXPERIMENTER);
    assert_int_equal(msg.experimenter.experimenter, PONT_VENDOR_ID);
    assert_int_equal(msg.experimenter.exp_type, 9);
    ofp_msg_uninit(&msg);
}

static void
test_host_info_prints(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct ofp_msg msg;
    struct buf b = BUF_INIT;
    (void) state;

    make_reply(&msg);
    assert_int_equal(ofp_msg_encode(&msg, &b), 0);
    ofp_print(&sb, b.data, b.size, 1);
    assert_string_equal(strbuf_str(&sb),
                        "PONT_HOST_INFO_REPLY (OF1.3) (xid=0x7): host_id=h1 "
                        "tunnel_ip=10.0.0.1 uplink=up0\n"
                        " port 1: key=acme/vm1\n"
                        " port LOCAL: key=\n");
    strbuf_clear(&sb);
    buf_free(&b);
    ofp_msg_uninit(&msg);

    ofp_msg_init(&msg, OFPK_PONT_HOST_INFO_REQUEST, 7);
    b = (struct buf) BUF_INIT;
    assert_int_equal(ofp_msg_encode(&msg, &b), 0);
    ofp_print(&sb, b.data, b.size, 1);
    assert_string_equal(strbuf_str(&sb),
                        "PONT_HOST_INFO_REQUEST (OF1.3) (xid=0x7):\n");
    strbuf_free(&sb);
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_info_request_golden),
        cmocka_unit_test(test_host_info_request_with_a_body_is_bad_len),
        cmocka_unit_test(test_host_info_reply_golden),
        cmocka_unit_test(test_host_info_reply_host_id_may_fill_its_field),
        cmocka_unit_test(test_host_info_reply_without_ports_round_trips),
        cmocka_unit_test(test_host_info_reply_truncations_and_extensions),
        cmocka_unit_test(test_host_info_reply_bad_port_numbers),
        cmocka_unit_test(test_unknown_pont_type_stays_a_generic_experimenter),
        cmocka_unit_test(test_host_info_prints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
