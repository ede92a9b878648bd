/* Tests for the packet buffers of a connection and the packet-ins it
 * receives (ofproto/connmgr_pin.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "ofproto/connmgr_private.h"

static struct connmgr_pktbuf *
new_pktbuf(void)
{
    struct connmgr_pktbuf *pb = malloc(sizeof *pb);

    assert_non_null(pb);
    connmgr_pktbuf_init(pb);
    return pb;
}

static void
free_pktbuf(struct connmgr_pktbuf *pb)
{
    connmgr_pktbuf_clear(pb);
    free(pb);
}

static void
test_stored_packet_is_taken_once(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    static const uint8_t data[] = {1, 2, 3, 4, 5};
    struct dp_packet *p;
    uint32_t in_port, id;

    (void) state;
    id = connmgr_pktbuf_store(pb, data, sizeof data, 7, 1000);
    assert_int_equal(connmgr_pktbuf_take(pb, id, 1001, &p, &in_port), 0);
    assert_int_equal(in_port, 7);
    assert_int_equal(dp_packet_size(p), sizeof data);
    assert_memory_equal(dp_packet_data(p), data, sizeof data);
    dp_packet_delete(p);
    assert_int_equal(connmgr_pktbuf_take(pb, id, 1001, &p, &in_port),
                     -OFPERR_OFPBRC_BUFFER_EMPTY);
    free_pktbuf(pb);
}

static void
test_never_issued_id_is_unknown(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    struct dp_packet *p;
    uint32_t in_port, id;

    (void) state;
    assert_int_equal(connmgr_pktbuf_take(pb, 0, 0, &p, &in_port),
                     -OFPERR_OFPBRC_BUFFER_UNKNOWN);
    assert_int_equal(connmgr_pktbuf_take(pb, 0x12345, 0, &p, &in_port),
                     -OFPERR_OFPBRC_BUFFER_UNKNOWN);
    id = connmgr_pktbuf_store(pb, "x", 1, 1, 0);
    /* The same slot one generation later was never issued. */
    assert_int_equal(
        connmgr_pktbuf_take(pb, id + CONNMGR_N_BUFFERS, 0, &p, &in_port),
        -OFPERR_OFPBRC_BUFFER_UNKNOWN);
    free_pktbuf(pb);
}

static void
test_overwritten_slot_reports_empty(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    uint32_t ids[CONNMGR_N_BUFFERS + 1];
    struct dp_packet *p;
    uint32_t in_port;

    (void) state;
    for (size_t i = 0; i <= CONNMGR_N_BUFFERS; i++) {
        ids[i] = connmgr_pktbuf_store(pb, &i, sizeof i, (uint32_t) i, 0);
        assert_int_not_equal(ids[i], OFP_NO_BUFFER);
        for (size_t j = 0; j < i; j++) {
            assert_int_not_equal(ids[i], ids[j]);
        }
    }
    /* The first slot was filled again by the last packet. */
    assert_int_equal(connmgr_pktbuf_take(pb, ids[0], 0, &p, &in_port),
                     -OFPERR_OFPBRC_BUFFER_EMPTY);
    assert_int_equal(connmgr_pktbuf_take(pb, ids[1], 0, &p, &in_port), 0);
    assert_int_equal(in_port, 1);
    dp_packet_delete(p);
    assert_int_equal(
        connmgr_pktbuf_take(pb, ids[CONNMGR_N_BUFFERS], 0, &p, &in_port), 0);
    assert_int_equal(in_port, CONNMGR_N_BUFFERS);
    dp_packet_delete(p);
    free_pktbuf(pb);
}

static void
test_expired_and_cleared_buffers_are_empty(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    struct dp_packet *p;
    uint32_t in_port, a, b;

    (void) state;
    a = connmgr_pktbuf_store(pb, "a", 1, 1, 0);
    b = connmgr_pktbuf_store(pb, "b", 1, 1, 0);
    assert_int_equal(
        connmgr_pktbuf_take(pb, a, CONNMGR_BUFFER_TIMEOUT_MS + 1, &p, &in_port),
        -OFPERR_OFPBRC_BUFFER_EMPTY);
    connmgr_pktbuf_clear(pb);
    assert_int_equal(connmgr_pktbuf_take(pb, b, 0, &p, &in_port),
                     -OFPERR_OFPBRC_BUFFER_EMPTY);
    b = connmgr_pktbuf_store(pb, "c", 1, 1, 0);
    connmgr_pktbuf_discard(pb, b);
    assert_int_equal(connmgr_pktbuf_take(pb, b, 0, &p, &in_port),
                     -OFPERR_OFPBRC_BUFFER_EMPTY);
    free_pktbuf(pb);
}

static void
test_generations_wrap_without_making_no_buffer(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    struct connmgr_pktbuf_slot *last = &pb->slots[CONNMGR_N_BUFFERS - 1];
    struct dp_packet *p;
    uint32_t in_port, id;

    (void) state;
    /* Fill the last slot at the highest generation but one. */
    pb->next = CONNMGR_N_BUFFERS - 1;
    last->generation = 0xfffffe;
    id = connmgr_pktbuf_store(pb, "z", 1, 3, 0);
    assert_int_not_equal(id, OFP_NO_BUFFER);
    assert_int_equal(id >> 8, 1);
    assert_int_equal(connmgr_pktbuf_take(pb, id, 0, &p, &in_port), 0);
    dp_packet_delete(p);
    free_pktbuf(pb);
}

static void
packet_in_init(struct connmgr_packet_in *cpi, uint8_t *data, size_t len,
               uint16_t max_len)
{
    memset(cpi, 0, sizeof *cpi);
    for (size_t i = 0; i < len; i++) {
        data[i] = (uint8_t) i;
    }
    cpi->pi.buffer_id = OFP_NO_BUFFER;
    cpi->pi.total_len = (uint16_t) len;
    cpi->pi.reason = OFPR_ACTION;
    cpi->pi.match.key.in_port = 9;
    cpi->pi.data.data = data;
    cpi->pi.data.len = len;
    cpi->max_len = max_len;
}

static void
test_packet_in_no_buffer_sends_whole_packet(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    struct connmgr_packet_in cpi;
    struct ofp_packet_in pi;
    uint8_t data[300];

    (void) state;
    packet_in_init(&cpi, data, sizeof data, OFPCML_NO_BUFFER);
    connmgr_pktbuf_packet_in(pb, &cpi, 0, &pi);
    assert_int_equal(pi.buffer_id, OFP_NO_BUFFER);
    assert_int_equal(pi.data.len, sizeof data);
    assert_int_equal(pi.total_len, sizeof data);
    /* A packet that fits in max_len is sent whole, unbuffered. */
    packet_in_init(&cpi, data, sizeof data, sizeof data);
    connmgr_pktbuf_packet_in(pb, &cpi, 0, &pi);
    assert_int_equal(pi.buffer_id, OFP_NO_BUFFER);
    assert_int_equal(pi.data.len, sizeof data);
    free_pktbuf(pb);
}

static void
test_packet_in_truncates_and_buffers_the_whole_packet(void **state)
{
    struct connmgr_pktbuf *pb = new_pktbuf();
    struct connmgr_packet_in cpi;
    struct ofp_packet_in pi;
    struct dp_packet *p;
    uint8_t data[300];
    uint32_t in_port;

    (void) state;
    packet_in_init(&cpi, data, sizeof data, 128);
    connmgr_pktbuf_packet_in(pb, &cpi, 0, &pi);
    assert_int_not_equal(pi.buffer_id, OFP_NO_BUFFER);
    assert_int_equal(pi.data.len, 128);
    assert_int_equal(pi.total_len, sizeof data);
    assert_int_equal(pi.reason, OFPR_ACTION);
    assert_int_equal(connmgr_pktbuf_take(pb, pi.buffer_id, 0, &p, &in_port), 0);
    assert_int_equal(in_port, 9);
    assert_int_equal(dp_packet_size(p), sizeof data);
    assert_memory_equal(dp_packet_data(p), data, sizeof data);
    dp_packet_delete(p);
    /* max_len 0: no bytes, only the buffer. */
    packet_in_init(&cpi, data, sizeof data, 0);
    connmgr_pktbuf_packet_in(pb, &cpi, 0, &pi);
    assert_int_not_equal(pi.buffer_id, OFP_NO_BUFFER);
    assert_int_equal(pi.data.len, 0);
    assert_null(pi.data.data);
    free_pktbuf(pb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored_packet_is_taken_once),
        cmocka_unit_test(test_never_issued_id_is_unknown),
        cmocka_unit_test(test_overwritten_slot_reports_empty),
        cmocka_unit_test(test_expired_and_cleared_buffers_are_empty),
        cmocka_unit_test(test_generations_wrap_without_making_no_buffer),
        cmocka_unit_test(test_packet_in_no_buffer_sends_whole_packet),
        cmocka_unit_test(test_packet_in_truncates_and_buffers_the_whole_packet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
