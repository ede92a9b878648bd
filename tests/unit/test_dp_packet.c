/* Tests for datapath/dp_packet.c: headroom, pushes and pulls, clones,
 * cached offsets and batches. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "datapath/dp_packet.h"
#include "lib/flow.h"

/* Ethernet + IPv4 + UDP, valid enough for flow_extract(). */
static const uint8_t frame[] = {
    0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x02, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x08, 0x00, 0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00,
    0x40, 0x11, 0x00, 0x00, 0x0a, 0x01, 0x02, 0x03, 0xc0, 0xa8, 0x07,
    0x09, 0x04, 0xd2, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00,
};

static void
test_new_packets_are_empty_with_headroom(void **state)
{
    struct dp_packet *p = dp_packet_new(100);

    (void) state;
    assert_int_equal(dp_packet_size(p), 0);
    assert_int_equal(dp_packet_headroom(p), DP_PACKET_HEADROOM);
    assert_int_equal(dp_packet_tailroom(p), 100);
    assert_int_equal(p->in_port, 0);
    assert_int_equal(p->queue_id, 0);
    assert_int_equal(p->trunc_len, 0);
    dp_packet_delete(p);
    dp_packet_delete(NULL);

    p = dp_packet_new_with_data(frame, sizeof frame);
    assert_int_equal(dp_packet_size(p), sizeof frame);
    assert_memory_equal(dp_packet_data(p), frame, sizeof frame);
    dp_packet_delete(p);

    p = dp_packet_new_with_data(NULL, 0);
    assert_int_equal(dp_packet_size(p), 0);
    dp_packet_delete(p);
}

static void
test_push_front_uses_headroom_without_moving(void **state)
{
    struct dp_packet *p = dp_packet_new_with_data(frame, sizeof frame);
    uint8_t *before = dp_packet_data(p);
    uint8_t *pushed = dp_packet_push_front(p, 4);

    (void) state;
    assert_ptr_equal(pushed, before - 4);
    assert_int_equal(dp_packet_size(p), sizeof frame + 4);
    assert_int_equal(dp_packet_headroom(p), DP_PACKET_HEADROOM - 4);
    assert_memory_equal(pushed + 4, frame, sizeof frame);

    assert_ptr_equal(dp_packet_pull_front(p, 4), pushed);
    assert_ptr_equal(dp_packet_data(p), before);
    assert_null(dp_packet_pull_front(p, sizeof frame + 1));
    assert_int_equal(dp_packet_size(p), sizeof frame);
    dp_packet_delete(p);
}

static void
test_push_front_beyond_headroom_reallocates(void **state)
{
    struct dp_packet *p = dp_packet_new_with_data(frame, sizeof frame);
    uint8_t *pushed;

    (void) state;
    pushed = dp_packet_push_front(p, DP_PACKET_HEADROOM + 10);
    memset(pushed, 0xaa, DP_PACKET_HEADROOM + 10);
    assert_int_equal(dp_packet_size(p), sizeof frame + DP_PACKET_HEADROOM + 10);
    assert_memory_equal(pushed + DP_PACKET_HEADROOM + 10, frame, sizeof frame);
    /* Room is left for further pushes. */
    assert_true(dp_packet_headroom(p) >= DP_PACKET_HEADROOM);
    dp_packet_delete(p);
}

static void
test_put_tail_grows_and_truncate_cuts(void **state)
{
    struct dp_packet *p = dp_packet_new_with_data(frame, sizeof frame);

    (void) state;
    for (int i = 0; i < 1000; i++) {
        *(uint8_t *) dp_packet_put_tail(p, 1) = (uint8_t) i;
    }
    assert_int_equal(dp_packet_size(p), sizeof frame + 1000);
    assert_memory_equal(dp_packet_data(p), frame, sizeof frame);
    assert_int_equal(((uint8_t *) dp_packet_data(p))[sizeof frame + 999],
                     (uint8_t) 999);
    dp_packet_truncate(p, 20);
    assert_int_equal(dp_packet_size(p), 20);
    dp_packet_truncate(p, 100);
    assert_int_equal(dp_packet_size(p), 20);
    dp_packet_delete(p);
}

static void
test_clone_copies_bytes_and_metadata(void **state)
{
    struct dp_packet *p = dp_packet_new_with_data(frame, sizeof frame);
    struct dp_packet *c, *h;

    (void) state;
    p->in_port = 3;
    p->queue_id = 4;
    p->trunc_len = 30;
    dp_packet_parse(p, NULL);
    c = dp_packet_clone(p);
    assert_ptr_not_equal(dp_packet_data(c), dp_packet_data(p));
    assert_int_equal(dp_packet_size(c), sizeof frame);
    assert_memory_equal(dp_packet_data(c), frame, sizeof frame);
    assert_int_equal(c->in_port, 3);
    assert_int_equal(c->queue_id, 4);
    assert_int_equal(c->trunc_len, 30);
    assert_int_equal(dp_packet_offsets(c)->l3, 14);

    h = dp_packet_clone_head(p, 20);
    assert_int_equal(dp_packet_size(h), 20);
    assert_memory_equal(dp_packet_data(h), frame, 20);
    /* Offsets are parsed again for the shorter copy: no IPv4 header. */
    assert_int_equal(dp_packet_offsets(h)->l4, FLOW_OFS_NONE);
    dp_packet_delete(h);
    dp_packet_delete(c);
    dp_packet_delete(p);
}

static void
test_offsets_are_parsed_lazily_and_forgotten_on_moves(void **state)
{
    struct dp_packet *p = dp_packet_new_with_data(frame, sizeof frame);
    struct flow_offsets ofs = {FLOW_OFS_NONE, 1, 2};
    struct flow_key key;
    uint8_t *data;

    (void) state;
    assert_int_equal(dp_packet_offsets(p)->l3, 14);
    assert_int_equal(dp_packet_offsets(p)->l4, 34);
    dp_packet_set_offsets(p, &ofs);
    assert_int_equal(dp_packet_offsets(p)->l3, 1);

    /* A push moves the headers: the offsets are found again. */
    data = dp_packet_push_front(p, 4);
    memmove(data, data + 4, 12);
    memcpy(data + 12, "\x81\x00\x00\x05", 4);
    assert_int_equal(dp_packet_offsets(p)->l3, 18);

    p->in_port = 9;
    dp_packet_parse(p, &key);
    assert_int_equal(key.in_port, 9);
    assert_int_equal(dp_packet_offsets(p)->l4, 38);
    dp_packet_delete(p);
}

static void
test_batch_add_clone_and_delete(void **state)
{
    struct dp_packet_batch b, c;
    struct dp_packet *extra = dp_packet_new(0);

    (void) state;
    dp_packet_batch_init(&b);
    for (int i = 0; i < DP_PACKET_BATCH_MAX; i++) {
        assert_false(dp_packet_batch_is_full(&b));
        assert_int_equal(
            dp_packet_batch_add(&b, dp_packet_new_with_data(frame, i + 1)), 0);
    }
    assert_true(dp_packet_batch_is_full(&b));
    assert_int_equal(dp_packet_batch_add(&b, extra), -ENOSPC);
    dp_packet_delete(extra);

    dp_packet_batch_clone(&c, &b);
    assert_int_equal(c.count, DP_PACKET_BATCH_MAX);
    for (size_t i = 0; i < c.count; i++) {
        assert_ptr_not_equal(c.packets[i], b.packets[i]);
        assert_int_equal(dp_packet_size(c.packets[i]), i + 1);
    }
    dp_packet_batch_delete_all(&b);
    dp_packet_batch_delete_all(&c);
    assert_int_equal(b.count, 0);
    assert_int_equal(c.count, 0);
}

/* External storage: the owner's release runs on delete; a push that
 * outgrows the block moves the bytes to the heap, and delete frees them. */
struct ext_owner {
    struct dp_packet packet;
    uint8_t block[64];
    int released;
};

static void
ext_release(struct dp_packet *p)
{
    struct ext_owner *o = (struct ext_owner *) p;

    o->released++;
}

static void
test_external_packets_release_to_their_owner(void **state)
{
    struct ext_owner o = {.released = 0};

    (void) state;
    dp_packet_init_external(&o.packet, o.block, sizeof o.block, 8, 20,
                            ext_release);
    assert_ptr_equal(dp_packet_data(&o.packet), o.block + 8);
    assert_int_equal(dp_packet_size(&o.packet), 20);
    assert_true(dp_packet_external_bytes(&o.packet));
    dp_packet_push_front(&o.packet, 4);
    assert_true(dp_packet_external_bytes(&o.packet));
    assert_ptr_equal(dp_packet_data(&o.packet), o.block + 4);
    dp_packet_delete(&o.packet);
    assert_int_equal(o.released, 1);

    dp_packet_init_external(&o.packet, o.block, sizeof o.block, 8, 20,
                            ext_release);
    memset(dp_packet_data(&o.packet), 0xab, 20);
    dp_packet_push_front(&o.packet, 16); /* More than the 8 of headroom. */
    assert_false(dp_packet_external_bytes(&o.packet));
    assert_int_equal(dp_packet_size(&o.packet), 36);
    assert_int_equal(((uint8_t *) dp_packet_data(&o.packet))[35], 0xab);
    dp_packet_delete(&o.packet); /* Frees the heap block (ASan checks). */
    assert_int_equal(o.released, 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_packets_are_empty_with_headroom),
        cmocka_unit_test(test_push_front_uses_headroom_without_moving),
        cmocka_unit_test(test_push_front_beyond_headroom_reallocates),
        cmocka_unit_test(test_put_tail_grows_and_truncate_cuts),
        cmocka_unit_test(test_clone_copies_bytes_and_metadata),
        cmocka_unit_test(test_offsets_are_parsed_lazily_and_forgotten_on_moves),
        cmocka_unit_test(test_batch_add_clone_and_delete),
        cmocka_unit_test(test_external_packets_release_to_their_owner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
