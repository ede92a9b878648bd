/* Tests for the switch-level messages (ofproto/ofp_msg_switch.c): HELLO,
 * ERROR, echoes, EXPERIMENTER, features, switch config, roles, async
 * config, TABLE_MOD, the description, ONF bundles and queue config.
 *
 * Golden messages are written here byte by byte from the OpenFlow 1.3.5
 * layouts (and ONF EXT-230 for bundles), not produced by the encoder.
 * Every decode runs on an exact-size heap copy so that AddressSanitizer
 * catches any read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "ofproto/ofp_msg.h"

/* Compares error codes by name, for readable failures. */
#define assert_ofperr(ACTUAL, EXPECTED)                                        \
    assert_string_equal(ofperr_name(-(ACTUAL)), ofperr_name(EXPECTED))

/* A message's bytes, written as hex with spaces allowed. */
struct bytes {
    uint8_t b[2048];
    size_t n;
};

static unsigned int
nibble(char c)
{
    assert_true(isxdigit((unsigned char) c));
    return isdigit((unsigned char) c) ? c - '0' : tolower(c) - 'a' + 10;
}

static void
from_hex(struct bytes *out, const char *hex)
{
    out->n = 0;
    for (const char *s = hex; *s; s++) {
        if (isspace((unsigned char) *s)) {
            continue;
        }
        assert_true(out->n < sizeof out->b);
        out->b[out->n++] = nibble(s[0]) << 4 | nibble(s[1]);
        s++;
    }
}

/* Sets the header's length to the byte count. */
static void
fix_length(struct bytes *m)
{
    m->b[2] = m->n >> 8;
    m->b[3] = m->n;
}

/* Decodes 'n' bytes at 'data' from an exact-size heap copy. */
static int
decode_n(const uint8_t *data, size_t n, struct ofp_msg *msg)
{
    uint8_t *copy = malloc(n ? n : 1);
    int retval;

    memcpy(copy, data, n);
    retval = ofp_msg_decode(copy, n, msg);
    free(copy);
    return retval;
}

static int
decode_hex(const char *hex, struct ofp_msg *msg)
{
    struct bytes m;

    from_hex(&m, hex);
    return decode_n(m.b, m.n, msg);
}

/* Checks that decoding 'hex' fails with 'error'. */
static void
assert_decode_error(const char *hex, enum ofperr error)
{
    struct ofp_msg msg;

    assert_ofperr(decode_hex(hex, &msg), error);
    ofp_msg_uninit(&msg);
}

/* Encodes 'msg', checks the header's length, decodes the result into
 * 'back' and checks that it equals 'msg'.  Returns the encoding (the caller
 * frees it and uninitializes 'back'). */
static struct buf
round_trip(const struct ofp_msg *msg, struct ofp_msg *back)
{
    struct buf b = BUF_INIT;

    ofp_msg_encode(msg, &b);
    assert_int_equal(buf_get_be16(b.data + 2), b.size);
    assert_int_equal(decode_n(b.data, b.size, back), 0);
    assert_int_equal(back->kind, msg->kind);
    assert_int_equal(back->xid, msg->xid);
    assert_true(ofp_msg_equal(msg, back));
    return b;
}

/* Prefix lengths of an encoding that are complete messages themselves:
 * those listed (0-terminated), and every length from 'from' on if it is
 * nonzero (messages ending with free-form data). */
struct valid_prefixes {
    size_t lens[8];
    size_t from;
};

static bool
is_valid_prefix(const struct valid_prefixes *v, size_t n)
{
    for (size_t i = 0; i < 8 && v->lens[i]; i++) {
        if (v->lens[i] == n) {
            return true;
        }
    }
    return v->from && n >= v->from;
}

/* Decodes every prefix of 'msg''s encoding, its length patched to match:
 * a valid prefix must decode and encode back to the same bytes; any other
 * must fail with OFPBRC_BAD_LEN or 'alt_error'. */
static void
check_truncations(const struct ofp_msg *msg, const struct valid_prefixes *v,
                  enum ofperr alt_error)
{
    struct buf b = BUF_INIT, again = BUF_INIT;

    ofp_msg_encode(msg, &b);
    for (size_t n = 0; n < b.size; n++) {
        struct ofp_msg back;
        struct bytes m;
        int retval;

        memcpy(m.b, b.data, n);
        m.n = n;
        if (n >= 4) {
            fix_length(&m);
        }
        retval = decode_n(m.b, m.n, &back);
        if (is_valid_prefix(v, n)) {
            assert_int_equal(retval, 0);
            buf_clear(&again);
            ofp_msg_encode(&back, &again);
            assert_int_equal(again.size, n);
            assert_memory_equal(again.data, m.b, n);
        } else if (retval != -OFPERR_OFPBRC_BAD_LEN) {
            assert_ofperr(retval, alt_error);
        }
        ofp_msg_uninit(&back);
    }
    buf_free(&again);
    buf_free(&b);
}

static const struct valid_prefixes no_prefix;

/* Appends 'garbage' to 'msg''s encoding and checks decoding fails with
 * 'error'. */
static void
check_trailing_garbage(const struct ofp_msg *msg, const char *garbage,
                       enum ofperr error)
{
    struct buf b = BUF_INIT;
    struct ofp_msg back;
    struct bytes extra, m;

    ofp_msg_encode(msg, &b);
    from_hex(&extra, garbage);
    memcpy(m.b, b.data, b.size);
    memcpy(m.b + b.size, extra.b, extra.n);
    m.n = b.size + extra.n;
    fix_length(&m);
    assert_ofperr(decode_n(m.b, m.n, &back), error);
    ofp_msg_uninit(&back);
    buf_free(&b);
}

/* HELLO. */

static void
test_hello_round_trip_with_bitmap(void **state)
{
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_HELLO, 0x01020304);
    msg.hello.version_bitmap = (1u << OFP10_VERSION) | (1u << OFP13_VERSION);
    b = round_trip(&msg, &back);
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
    struct buf b = BUF_INIT;
    struct bytes golden;
    (void) state;

    ofp_msg_init(&msg, OFPK_HELLO, 1);
    ofp_msg_encode(&msg, &b);
    from_hex(&golden, "04 00 00 10 00 00 00 01  00 01 00 08 00 00 00 10");
    assert_int_equal(b.size, golden.n);
    assert_memory_equal(b.data, golden.b, golden.n);
    buf_free(&b);
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
    b = round_trip(&msg, &back);
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

    assert_int_equal(decode_hex("04 00 00 08 00 00 00 09", &msg), 0);
    assert_int_equal(msg.kind, OFPK_HELLO);
    assert_int_equal(msg.xid, 9);
    assert_int_equal(msg.hello.version, 4);
    assert_int_equal(msg.hello.version_bitmap, 0x1e);

    assert_int_equal(decode_hex("01 00 00 08 00 00 00 09", &msg), 0);
    assert_int_equal(msg.hello.version, 1);
    assert_int_equal(msg.hello.version_bitmap, 0x02);

    assert_int_equal(decode_hex("06 00 00 08 00 00 00 09", &msg), 0);
    assert_int_equal(msg.hello.version_bitmap, 0x7e);
}

static void
test_hello_golden_skips_unknown_elements(void **state)
{
    struct ofp_msg msg;
    (void) state;

    /* An unknown element (type 2, length 6, padded to 8), then a bitmap of
     * two words (length 12, padded to 16) of which only the first counts. */
    assert_int_equal(decode_hex("05 00 00 20 00 00 00 2a"
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
    assert_decode_error("04 00 00 10 00 00 00 01 00 01 00 02 00 00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Bitmap element without a bitmap. */
    assert_decode_error("04 00 00 10 00 00 00 01 00 01 00 04 00 00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Bitmap not a whole number of words. */
    assert_decode_error("04 00 00 10 00 00 00 01 00 01 00 06 00 10 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Element's padding missing. */
    assert_decode_error("04 00 00 14 00 00 00 01 00 01 00 0c 00 00 00 10"
                        "00 00 00 01",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Element longer than the message. */
    assert_decode_error("04 00 00 10 00 00 00 01 00 01 00 10 00 00 00 10",
                        OFPERR_OFPBRC_BAD_LEN);
}

static void
test_hello_truncations_and_garbage(void **state)
{
    static const struct valid_prefixes v = {{OFP_HEADER_LEN}, 0};
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_HELLO, 1);
    check_truncations(&msg, &v, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "ff ff ff", OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "ff ff ff ff ff ff ff ff",
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
    b = round_trip(&msg, &back);
    assert_int_equal(back.error.error, OFPERR_OFPBRC_BAD_STAT);
    assert_int_equal(back.error.data.len, sizeof req);
    assert_memory_equal(back.error.data.data, req, sizeof req);
    ofp_msg_uninit(&back);
    buf_free(&b);

    msg.error.type = 0xffff;
    msg.error.code = 2309;
    msg.error.experimenter = ONF_VENDOR_ID;
    b = round_trip(&msg, &back);
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

    assert_int_equal(decode_hex("04 01 00 14 00 00 00 02  00 01 00 06"
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
    assert_int_equal(decode_hex("04 01 00 18 00 00 00 02  ff ff 09 02"
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

    assert_int_equal(decode_hex("04 01 00 0c 00 00 00 02 01 00 00 07", &msg),
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
    static const struct valid_prefixes std = {{0}, 12};
    static const struct valid_prefixes exp = {{0}, 16};
    struct ofp_msg msg;
    (void) state;

    ofp_msg_init(&msg, OFPK_ERROR, 3);
    msg.error.type = 5;
    msg.error.code = 6;
    ofp_bytes_set(&msg.error.data, data, sizeof data);
    check_truncations(&msg, &std, OFPERR_OFPBRC_BAD_LEN);
    msg.error.type = 0xffff;
    msg.error.experimenter = NX_VENDOR_ID;
    check_truncations(&msg, &exp, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&msg);
}

/* ECHO_REQUEST, ECHO_REPLY, EXPERIMENTER: free-form data. */

static void
test_echo_round_trip_and_golden(void **state)
{
    static const uint8_t data[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const struct valid_prefixes v = {{0}, OFP_HEADER_LEN};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_ECHO_REQUEST, 3);
    ofp_bytes_set(&msg.echo, data, sizeof data);
    b = round_trip(&msg, &back);
    assert_int_equal(back.echo.len, sizeof data);
    assert_memory_equal(back.echo.data, data, sizeof data);
    check_truncations(&msg, &v, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);

    assert_int_equal(decode_hex("04 03 00 0b 00 00 00 03 61 62 63", &msg), 0);
    assert_int_equal(msg.kind, OFPK_ECHO_REPLY);
    assert_int_equal(msg.echo.len, 3);
    assert_memory_equal(msg.echo.data, "abc", 3);
    ofp_msg_uninit(&msg);

    assert_int_equal(decode_hex("04 02 00 08 00 00 00 03", &msg), 0);
    assert_int_equal(msg.kind, OFPK_ECHO_REQUEST);
    assert_int_equal(msg.echo.len, 0);
}

static void
test_experimenter_round_trip_and_golden(void **state)
{
    static const uint8_t data[4] = {0, 0, 0, 1};
    static const struct valid_prefixes v = {{0}, 16};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    ofp_msg_init(&msg, OFPK_EXPERIMENTER, 4);
    msg.experimenter.experimenter = NX_VENDOR_ID;
    msg.experimenter.exp_type = 16;
    ofp_bytes_set(&msg.experimenter.data, data, sizeof data);
    b = round_trip(&msg, &back);
    assert_int_equal(back.experimenter.experimenter, NX_VENDOR_ID);
    assert_int_equal(back.experimenter.exp_type, 16);
    assert_memory_equal(back.experimenter.data.data, data, sizeof data);
    check_truncations(&msg, &v, OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);

    assert_int_equal(decode_hex("04 04 00 13 00 00 00 05  00 00 12 34"
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
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, OFP_SWITCH_FEATURES_LEN);
    assert_int_equal(back.features_reply.datapath_id, 0x0102030405060708ull);
    assert_int_equal(back.features_reply.n_tables, 254);
    check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_features_reply_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(decode_hex("04 06 00 20 00 00 00 05"
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
        b = round_trip(&msg, &back);
        assert_int_equal(back.config.flags, OFPC_FRAG_REASM);
        assert_int_equal(back.config.miss_send_len, 128);
        check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
        check_trailing_garbage(&msg, "00 00", OFPERR_OFPBRC_BAD_LEN);
        buf_free(&b);
    }
}

static void
test_switch_config_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(decode_hex("04 09 00 0c 00 00 00 06 00 01 ff ff", &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_SET_CONFIG);
    assert_int_equal(msg.config.flags, OFPC_FRAG_DROP);
    assert_int_equal(msg.config.miss_send_len, 0xffff);

    assert_int_equal(decode_hex("04 08 00 0c 00 00 00 06 00 02 00 80", &msg),
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

    assert_decode_error("04 09 00 0c 00 00 00 06 00 04 00 80",
                        OFPERR_OFPSCFC_BAD_FLAGS);
    /* A reply reports what the switch has: it is not refused. */
    assert_int_equal(decode_hex("04 08 00 0c 00 00 00 06 00 04 00 80", &msg),
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
        b = round_trip(&msg, &back);
        assert_int_equal(b.size, OFP_ROLE_LEN);
        assert_int_equal(back.role.role, OFPCR_ROLE_MASTER + i);
        assert_int_equal(back.role.generation_id, 0x1122334455667788ull);
        check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
        check_trailing_garbage(&msg, "00 00 00 00 00 00 00 00",
                               OFPERR_OFPBRC_BAD_LEN);
        buf_free(&b);
    }
}

static void
test_role_golden_and_bad_role(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(decode_hex("04 18 00 18 00 00 00 07  00 00 00 03"
                                "00 00 00 00  00 00 00 00 00 00 01 00",
                                &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_ROLE_REQUEST);
    assert_int_equal(msg.role.role, OFPCR_ROLE_SLAVE);
    assert_int_equal(msg.role.generation_id, 256);

    assert_int_equal(decode_hex("04 19 00 18 00 00 00 07  00 00 00 00"
                                "00 00 00 00  ff ff ff ff ff ff ff ff",
                                &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_ROLE_REPLY);
    assert_int_equal(msg.role.role, OFPCR_ROLE_NOCHANGE);
    assert_int_equal(msg.role.generation_id, UINT64_MAX);

    assert_decode_error("04 18 00 18 00 00 00 07  00 00 00 04"
                        "00 00 00 00  00 00 00 00 00 00 00 00",
                        OFPERR_OFPRRFC_BAD_ROLE);
    assert_decode_error("04 19 00 18 00 00 00 07  80 00 00 00"
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
        b = round_trip(&msg, &back);
        assert_int_equal(b.size, OFP_ASYNC_CONFIG_LEN);
        assert_int_equal(back.async.port_status_mask[1], 2);
        assert_int_equal(back.async.flow_removed_mask[0], 0xf);
        check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
        check_trailing_garbage(&msg, "00 00 00 00", OFPERR_OFPBRC_BAD_LEN);
        buf_free(&b);
    }
}

static void
test_async_golden(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(decode_hex("04 1c 00 20 00 00 00 08"
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

    assert_int_equal(decode_hex("04 1b 00 20 00 00 00 08"
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
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, OFP_TABLE_MOD_LEN);
    assert_int_equal(back.table_mod.table_id, 3);
    assert_int_equal(back.table_mod.config, 3);
    check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);

    assert_int_equal(decode_hex("04 11 00 10 00 00 00 09 ff 00 00 00"
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
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, 16 + 4 * OFP_DESC_STR_LEN + OFP_SERIAL_NUM_LEN);
    assert_string_equal(back.desc_reply.mfr_desc, "Pont project");
    assert_string_equal(back.desc_reply.hw_desc, "dummy hardware");
    assert_string_equal(back.desc_reply.sw_desc, "0.1");
    assert_string_equal(back.desc_reply.serial_num, "SN42");
    assert_string_equal(back.desc_reply.dp_desc, "br0");
    check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_desc_reply_golden_terminates_full_width_strings(void **state)
{
    struct bytes m;
    struct ofp_msg msg;
    (void) state;

    /* Multipart header, then strings at their offsets in ofp_desc. */
    from_hex(&m, "04 13 04 30 00 00 00 0a 00 00 00 00 00 00 00 00");
    memset(m.b + 16, 0, 1056);
    memcpy(m.b + 16, "Maker", 5);
    memcpy(m.b + 16 + 256, "Box", 3);
    memcpy(m.b + 16 + 512, "Soft", 4);
    memset(m.b + 16 + 768, 'S', 32); /* No NUL: cut to 31. */
    memcpy(m.b + 16 + 800, "Datapath", 8);
    m.n = 16 + 1056;
    assert_int_equal(decode_n(m.b, m.n, &msg), 0);
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
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, 24);
    assert_int_equal(back.bundle_control.bundle_id, 0xabcd);
    assert_int_equal(back.bundle_control.type, OFPBCT_COMMIT_REQUEST);
    assert_int_equal(back.bundle_control.flags, 3);
    check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "ff ff ff", OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "ff ff 00 10 00 00 00 00",
                           OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);
}

static void
test_bundle_control_golden_skips_properties(void **state)
{
    struct ofp_msg msg;
    (void) state;

    assert_int_equal(decode_hex("04 04 00 18 00 00 00 0b 4f 4e 46 00"
                                "00 00 08 fc 00 00 ab cd 00 07 00 02",
                                &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_BUNDLE_CONTROL);
    assert_int_equal(msg.xid, 11);
    assert_int_equal(msg.bundle_control.bundle_id, 0xabcd);
    assert_int_equal(msg.bundle_control.type, OFPBCT_DISCARD_REPLY);
    assert_int_equal(msg.bundle_control.flags, OFPBF_ORDERED);

    /* An experimenter property of length 12, padded to 16. */
    assert_int_equal(decode_hex("04 04 00 28 00 00 00 0b 4f 4e 46 00"
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

    assert_decode_error("04 04 00 18 00 00 00 0b 4f 4e 46 00"
                        "00 00 08 fc 00 00 ab cd 00 08 00 00",
                        OFPERR_OFPBFC_BAD_TYPE);
    assert_decode_error("04 04 00 18 00 00 00 0b 4f 4e 46 00"
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
    struct bytes inner;

    from_hex(&inner, INNER_PORT_MOD);
    ofp_msg_init(msg, OFPK_BUNDLE_ADD, 12);
    msg->bundle_add.bundle_id = 0xabcd;
    msg->bundle_add.flags = OFPBF_ATOMIC;
    ofp_bytes_set(&msg->bundle_add.msg, inner.b, inner.n);
}

static void
test_bundle_add_round_trip(void **state)
{
    struct ofp_msg msg, back;
    struct bytes inner;
    struct buf b;
    (void) state;

    build_bundle_add(&msg);
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, 24 + 40);
    assert_int_equal(back.bundle_add.bundle_id, 0xabcd);
    assert_int_equal(back.bundle_add.flags, OFPBF_ATOMIC);
    from_hex(&inner, INNER_PORT_MOD);
    assert_int_equal(back.bundle_add.msg.len, inner.n);
    assert_memory_equal(back.bundle_add.msg.data, inner.b, inner.n);
    check_truncations(&msg, &no_prefix, OFPERR_OFPBFC_MSG_BAD_LEN);
    check_trailing_garbage(&msg, "ff ff ff ff ff ff ff ff",
                           OFPERR_OFPBRC_BAD_LEN);
    ofp_msg_uninit(&back);
    ofp_msg_uninit(&msg);
    buf_free(&b);
}

static void
test_bundle_add_golden_with_padding_and_properties(void **state)
{
    struct ofp_msg msg;
    struct bytes inner;
    (void) state;

    from_hex(&inner, INNER_PACKET_OUT);
    /* No padding, as Open vSwitch sends it. */
    assert_int_equal(decode_hex("04 04 00 31 " BUNDLE_ADD_XID_EXP
                                "00 00 ab cd 00 00 00 02" INNER_PACKET_OUT,
                                &msg),
                     0);
    assert_int_equal(msg.kind, OFPK_BUNDLE_ADD);
    assert_int_equal(msg.bundle_add.bundle_id, 0xabcd);
    assert_int_equal(msg.bundle_add.flags, OFPBF_ORDERED);
    assert_int_equal(msg.bundle_add.msg.len, 25);
    assert_memory_equal(msg.bundle_add.msg.data, inner.b, 25);
    ofp_msg_uninit(&msg);

    /* Padded to 8, without properties. */
    assert_int_equal(decode_hex("04 04 00 38 " BUNDLE_ADD_XID_EXP
                                "00 00 ab cd 00 00 00 02" INNER_PACKET_OUT
                                "00 00 00 00 00 00 00",
                                &msg),
                     0);
    assert_int_equal(msg.bundle_add.msg.len, 25);
    ofp_msg_uninit(&msg);

    /* Padded to 8, then an experimenter property. */
    assert_int_equal(decode_hex("04 04 00 40 " BUNDLE_ADD_XID_EXP
                                "00 00 ab cd 00 00 00 03" INNER_PACKET_OUT
                                "00 00 00 00 00 00 00"
                                "ff ff 00 08 4f 4e 46 00",
                                &msg),
                     0);
    assert_int_equal(msg.bundle_add.flags, 3);
    assert_memory_equal(msg.bundle_add.msg.data, inner.b, 25);
    ofp_msg_uninit(&msg);

    /* Part of the padding. */
    assert_decode_error("04 04 00 34 " BUNDLE_ADD_XID_EXP
                        "00 00 ab cd 00 00 00 02" INNER_PACKET_OUT "00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
}

static void
test_bundle_add_inner_message_errors(void **state)
{
    (void) state;

    /* Inner xid 13, outer 12. */
    assert_decode_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                        "00 00 00 01 00 00 00 00"
                        "04 14 00 08 00 00 00 0d",
                        OFPERR_OFPBFC_MSG_BAD_XID);
    /* Inner length beyond the outer message. */
    assert_decode_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                        "00 00 00 01 00 00 00 00"
                        "04 14 00 09 00 00 00 0c",
                        OFPERR_OFPBFC_MSG_BAD_LEN);
    /* Inner length below a header. */
    assert_decode_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                        "00 00 00 01 00 00 00 00"
                        "04 14 00 04 00 00 00 0c",
                        OFPERR_OFPBFC_MSG_BAD_LEN);
    /* No inner message at all. */
    assert_decode_error("04 04 00 18 " BUNDLE_ADD_XID_EXP
                        "00 00 00 01 00 00 00 00",
                        OFPERR_OFPBFC_MSG_BAD_LEN);
    /* Inner message of another OpenFlow version. */
    assert_decode_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
                        "00 00 00 01 00 00 00 00"
                        "01 12 00 08 00 00 00 0c",
                        OFPERR_OFPBFC_MSG_UNSUP);
    /* Unknown flag. */
    assert_decode_error("04 04 00 20 " BUNDLE_ADD_XID_EXP
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
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, 16);
    assert_int_equal(back.queue_config.port, 7);
    check_truncations(&msg, &no_prefix, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "00", OFPERR_OFPBRC_BAD_LEN);
    buf_free(&b);

    assert_int_equal(decode_hex("04 16 00 10 00 00 00 0d ff ff ff ff"
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

    assert_decode_error("04 16 00 10 00 00 00 0d ff ff ff fe 00 00 00 00",
                        OFPERR_OFPQOFC_BAD_PORT);
    assert_decode_error("04 16 00 10 00 00 00 0d ff ff ff 00 00 00 00 00",
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
    static const struct valid_prefixes v = {{16, 64, 96}, 0};
    struct ofp_msg msg, back;
    struct buf b;
    (void) state;

    build_queue_get_config_reply(&msg);
    b = round_trip(&msg, &back);
    assert_int_equal(b.size, 16 + 48 + 32 + 16);
    assert_int_equal(back.queue_config.port, 1);
    assert_int_equal(back.queue_config.n_queues, 3);
    assert_int_equal(back.queue_config.queues[0].min_rate, 100);
    assert_int_equal(back.queue_config.queues[0].max_rate, 500);
    assert_int_equal(back.queue_config.queues[1].min_rate, 0xffff);
    assert_int_equal(back.queue_config.queues[1].max_rate, 1000);
    assert_int_equal(back.queue_config.queues[2].queue_id, 3);
    assert_int_equal(back.queue_config.queues[2].max_rate, 0xffff);
    check_truncations(&msg, &v, OFPERR_OFPBRC_BAD_LEN);
    check_trailing_garbage(&msg, "00 00 00 00 00 00 00 00",
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

    assert_int_equal(
        decode_hex("04 17 00 60 00 00 00 0e  00 00 00 05 00 00 00 00"
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
    assert_decode_error("04 17 00 28 00 00 00 0e 00 00 00 05 00 00 00 00"
                        "00 00 00 01 00 00 00 05 00 14 00 00 00 00 00 00"
                        "00 00 00 00 00 00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Queue length below its header. */
    assert_decode_error("04 17 00 20 00 00 00 0e 00 00 00 05 00 00 00 00"
                        "00 00 00 01 00 00 00 05 00 08 00 00 00 00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* MIN_RATE property of 24 bytes. */
    assert_decode_error("04 17 00 38 00 00 00 0e 00 00 00 05 00 00 00 00"
                        "00 00 00 01 00 00 00 05 00 28 00 00 00 00 00 00"
                        "00 01 00 18 00 00 00 00 00 64 00 00 00 00 00 00"
                        "00 00 00 00 00 00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Property running past its queue. */
    assert_decode_error("04 17 00 30 00 00 00 0e 00 00 00 05 00 00 00 00"
                        "00 00 00 01 00 00 00 05 00 18 00 00 00 00 00 00"
                        "00 01 00 10 00 00 00 00 00 00 00 00 00 00 00 00",
                        OFPERR_OFPBRC_BAD_LEN);
    /* Property of length 0. */
    assert_decode_error("04 17 00 28 00 00 00 0e 00 00 00 05 00 00 00 00"
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
