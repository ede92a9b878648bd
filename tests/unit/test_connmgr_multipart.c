/* Tests for the split of long multipart replies
 * (ofproto/connmgr_multipart.c): every part is checked by decoding it back
 * with the codec. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "ofproto/connmgr_private.h"

/* Multipart reply header, and one ofp_port in it. */
#define MP_HEADER_LEN 16
#define PORT_LEN 64

static void
port_desc_reply(struct ofp_msg *msg, size_t n)
{
    ofp_msg_init(msg, OFPK_PORT_DESC_REPLY, 42);
    for (size_t i = 0; i < n; i++) {
        struct ofp_port *p = OFP_STATS_PUSH(msg->port_desc_reply);

        p->port_no = (uint32_t) i + 1;
        snprintf(p->name, sizeof p->name, "p%zu", i + 1);
    }
}

/* Decodes the messages in 'b' into 'msgs' (at most 'max'), checking that
 * each is at most 'max_bytes' long.  Returns how many. */
static size_t
decode_all(const struct buf *b, size_t max_bytes, struct ofp_msg *msgs,
           size_t max)
{
    size_t ofs = 0, n = 0;

    while (ofs < b->size) {
        size_t len;

        assert_true(n < max);
        assert_int_equal(ofp_msg_peek_length(b->data + ofs, &len), 0);
        assert_true(len <= max_bytes);
        assert_true(ofs + len <= b->size);
        assert_int_equal(ofp_msg_decode(b->data + ofs, len, &msgs[n]), 0);
        ofs += len;
        n++;
    }
    return n;
}

static void
test_long_reply_is_split_between_entries_with_reply_more(void **state)
{
    size_t max_bytes = MP_HEADER_LEN + 3 * PORT_LEN;
    struct ofp_msg reply, parts[8];
    uint32_t next_port = 1;
    struct buf b;
    size_t n;

    (void) state;
    port_desc_reply(&reply, 10);
    buf_init(&b);
    assert_int_equal(connmgr_multipart_encode(&reply, max_bytes, &b), 4);
    n = decode_all(&b, max_bytes, parts, 8);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(parts[i].kind, OFPK_PORT_DESC_REPLY);
        assert_int_equal(parts[i].xid, 42);
        assert_int_equal(parts[i].mp_flags, i + 1 < n ? OFPMPF_REPLY_MORE : 0);
        assert_int_equal(parts[i].port_desc_reply.n, i + 1 < n ? 3 : 1);
        for (size_t j = 0; j < parts[i].port_desc_reply.n; j++) {
            assert_int_equal(parts[i].port_desc_reply.entries[j].port_no,
                             next_port++);
        }
        ofp_msg_uninit(&parts[i]);
    }
    assert_int_equal(next_port, 11);
    buf_free(&b);
    ofp_msg_uninit(&reply);
}

static void
test_reply_that_fits_is_one_message_without_more(void **state)
{
    struct ofp_msg reply, parts[2];
    struct buf b;

    (void) state;
    port_desc_reply(&reply, 5);
    buf_init(&b);
    assert_int_equal(connmgr_multipart_encode(&reply, CONNMGR_MAX_MSG_LEN, &b),
                     1);
    assert_int_equal(b.size, MP_HEADER_LEN + 5 * PORT_LEN);
    assert_int_equal(decode_all(&b, CONNMGR_MAX_MSG_LEN, parts, 2), 1);
    assert_true(ofp_msg_equal(&parts[0], &reply));
    ofp_msg_uninit(&parts[0]);
    buf_free(&b);
    ofp_msg_uninit(&reply);
}

static void
test_empty_list_is_one_empty_message(void **state)
{
    struct ofp_msg reply, parts[2];
    struct buf b;

    (void) state;
    port_desc_reply(&reply, 0);
    buf_init(&b);
    assert_int_equal(connmgr_multipart_encode(&reply, CONNMGR_MAX_MSG_LEN, &b),
                     1);
    assert_int_equal(decode_all(&b, CONNMGR_MAX_MSG_LEN, parts, 2), 1);
    assert_int_equal(parts[0].port_desc_reply.n, 0);
    assert_int_equal(parts[0].mp_flags, 0);
    ofp_msg_uninit(&parts[0]);
    buf_free(&b);
    ofp_msg_uninit(&reply);
}

static void
test_entry_too_long_for_any_message_is_refused(void **state)
{
    struct ofp_msg reply;
    struct buf b;

    (void) state;
    port_desc_reply(&reply, 3);
    buf_init(&b);
    buf_put_zeros(&b, 5);
    assert_int_equal(
        connmgr_multipart_encode(&reply, MP_HEADER_LEN + PORT_LEN - 1, &b),
        -EMSGSIZE);
    assert_int_equal(b.size, 5);
    buf_free(&b);
    ofp_msg_uninit(&reply);
}

static void
test_a_full_size_flow_dump_splits_under_64k(void **state)
{
    enum { N_FLOWS = 3000 };
    struct ofp_msg reply, parts[16];
    size_t n, total = 0;
    struct buf b;
    int n_msgs;

    (void) state;
    ofp_msg_init(&reply, OFPK_FLOW_STATS_REPLY, 7);
    for (size_t i = 0; i < N_FLOWS; i++) {
        struct ofp_flow_stats *fs = OFP_STATS_PUSH(reply.flow_stats_reply);

        fs->priority = (uint16_t) i;
        fs->cookie = i;
        /* Entries of two sizes: some match on in_port. */
        if (i % 3 == 0) {
            fs->match.key.in_port = (uint32_t) i + 1;
            fs->match.mask.bits.in_port = UINT32_MAX;
        }
    }
    buf_init(&b);
    n_msgs = connmgr_multipart_encode(&reply, CONNMGR_MAX_MSG_LEN, &b);
    assert_true(n_msgs > 1);
    n = decode_all(&b, CONNMGR_MAX_MSG_LEN, parts, 16);
    assert_int_equal(n, n_msgs);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < parts[i].flow_stats_reply.n; j++) {
            assert_int_equal(parts[i].flow_stats_reply.entries[j].cookie,
                             total++);
        }
        assert_int_equal(parts[i].mp_flags, i + 1 < n ? OFPMPF_REPLY_MORE : 0);
        ofp_msg_uninit(&parts[i]);
    }
    assert_int_equal(total, N_FLOWS);
    buf_free(&b);
    ofp_msg_uninit(&reply);
}

static void
test_reply_without_list_is_encoded_as_is(void **state)
{
    struct ofp_msg reply, parts[2];
    struct buf b;

    (void) state;
    ofp_msg_init(&reply, OFPK_DESC_REPLY, 3);
    snprintf(reply.desc_reply.hw_desc, sizeof reply.desc_reply.hw_desc, "hw");
    buf_init(&b);
    assert_int_equal(connmgr_multipart_encode(&reply, CONNMGR_MAX_MSG_LEN, &b),
                     1);
    assert_int_equal(decode_all(&b, CONNMGR_MAX_MSG_LEN, parts, 2), 1);
    assert_true(ofp_msg_equal(&parts[0], &reply));
    ofp_msg_uninit(&parts[0]);
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_long_reply_is_split_between_entries_with_reply_more),
        cmocka_unit_test(test_reply_that_fits_is_one_message_without_more),
        cmocka_unit_test(test_empty_list_is_one_empty_message),
        cmocka_unit_test(test_entry_too_long_for_any_message_is_refused),
        cmocka_unit_test(test_a_full_size_flow_dump_splits_under_64k),
        cmocka_unit_test(test_reply_without_list_is_encoded_as_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
