/* Shared checks for the OpenFlow message codec tests: see ofp_msg_test.h. */
#include "ofp_msg_test.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Bytes written in hex. */

static unsigned int
hex_digit(char c)
{
    if (!isxdigit((unsigned char) c)) {
        fail_msg("'%c' (0x%02x) in a hex string is not a hex digit", c,
                 (unsigned char) c);
    }
    return isdigit((unsigned char) c) ? c - '0'
                                      : tolower((unsigned char) c) - 'a' + 10;
}

void
ofp_msg_test_hex(struct buf *out, const char *hex)
{
    for (const char *s = hex; *s; s++) {
        if (isspace((unsigned char) *s)) {
            continue;
        }
        /* hex_digit() fails on the terminating NUL of an odd digit out, so
         * this never steps past the end. */
        buf_put_u8(out, hex_digit(s[0]) << 4 | hex_digit(s[1]));
        s++;
    }
}

/* Returns 'len' bytes at 'data' as a string of hex digits (caller frees),
 * for failures that show where two encodings differ. */
static char *
to_hex(const uint8_t *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(2 * len + 1);

    assert_non_null(s);
    for (size_t i = 0; i < len; i++) {
        s[2 * i] = digits[data[i] >> 4];
        s[2 * i + 1] = digits[data[i] & 15];
    }
    s[2 * len] = '\0';
    return s;
}

/* Decoding. */

/* Returns an exact-size heap copy of the 'len' bytes at 'data' (caller
 * frees), its header's length set to 'len' if 'set_length' and the copy
 * holds that field. */
static uint8_t *
copy_bytes(const void *data, size_t len, bool set_length)
{
    uint8_t *copy = malloc(len ? len : 1);

    assert_non_null(copy);
    if (len) {
        memcpy(copy, data, len);
    }
    if (set_length && len >= 4) {
        copy[2] = len >> 8;
        copy[3] = len & 0xff;
    }
    return copy;
}

static int
decode_copy(const void *data, size_t len, bool set_length, struct ofp_msg *msg)
{
    uint8_t *copy = copy_bytes(data, len, set_length);
    int retval = ofp_msg_decode(copy, len, msg);

    free(copy);
    return retval;
}

int
ofp_msg_test_decode(const void *data, size_t len, struct ofp_msg *msg)
{
    return decode_copy(data, len, false, msg);
}

int
ofp_msg_test_decode_sized(const void *data, size_t len, struct ofp_msg *msg)
{
    return decode_copy(data, len, true, msg);
}

static int
decode_hex(const char *hex, bool set_length, struct ofp_msg *msg)
{
    struct buf b = BUF_INIT;
    int retval;

    ofp_msg_test_hex(&b, hex);
    retval = decode_copy(b.data, b.size, set_length, msg);
    buf_free(&b);
    return retval;
}

int
ofp_msg_test_decode_hex(const char *hex, struct ofp_msg *msg)
{
    return decode_hex(hex, false, msg);
}

int
ofp_msg_test_decode_hex_sized(const char *hex, struct ofp_msg *msg)
{
    return decode_hex(hex, true, msg);
}

void
ofp_msg_test_assert_hex_error(const char *hex, enum ofperr error)
{
    struct ofp_msg msg;

    ofp_msg_test_assert_error(ofp_msg_test_decode_hex(hex, &msg), error);
    ofp_msg_uninit(&msg);
}

/* Encoding. */

/* Encodes 'msg' into 'b' (initialized by the caller) and checks that the
 * header gives the encoding's length. */
static void
encode(const struct ofp_msg *msg, struct buf *b)
{
    ofp_msg_encode(msg, b);
    assert_true(b->size >= OFP_HEADER_LEN);
    assert_int_equal(buf_get_be16(b->data + 2), b->size);
}

/* Checks that 'msg' encodes to exactly the 'len' bytes at 'bytes'. */
static void
assert_encodes_to(const struct ofp_msg *msg, const uint8_t *bytes, size_t len)
{
    struct buf b = BUF_INIT;
    char *actual, *expected;

    ofp_msg_encode(msg, &b);
    actual = to_hex(b.data, b.size);
    expected = to_hex(bytes, len);
    assert_string_equal(actual, expected);
    free(actual);
    free(expected);
    buf_free(&b);
}

void
ofp_msg_test_round_trip(const struct ofp_msg *msg, struct ofp_msg *back,
                        struct buf *encoding)
{
    struct ofp_msg local;
    struct ofp_msg *out = back ? back : &local;
    struct buf b = BUF_INIT;

    encode(msg, &b);
    ofp_msg_test_assert_error(ofp_msg_test_decode(b.data, b.size, out), 0);
    assert_int_equal(out->kind, msg->kind);
    assert_int_equal(out->xid, msg->xid);
    assert_int_equal(out->mp_flags, msg->mp_flags);
    assert_true(ofp_msg_equal(msg, out));
    if (!back) {
        ofp_msg_uninit(&local);
    }
    if (encoding) {
        *encoding = b;
    } else {
        buf_free(&b);
    }
}

int
ofp_msg_test_reencode(const struct ofp_msg *msg)
{
    struct buf b = BUF_INIT;
    struct ofp_msg out;
    int retval;

    encode(msg, &b);
    retval = ofp_msg_test_decode(b.data, b.size, &out);
    ofp_msg_uninit(&out);
    buf_free(&b);
    return retval;
}

void
ofp_msg_test_assert_encoding(const struct ofp_msg *msg, const char *hex)
{
    struct buf expected = BUF_INIT;

    ofp_msg_test_hex(&expected, hex);
    assert_encodes_to(msg, expected.data, expected.size);
    buf_free(&expected);
}

/* Truncations and extensions. */

static bool
is_cut(const struct ofp_msg_test_cuts *cuts, size_t len)
{
    if (!cuts) {
        return false;
    }
    for (size_t i = 0; i < sizeof cuts->lens / sizeof *cuts->lens; i++) {
        if (cuts->lens[i] && cuts->lens[i] == len) {
            return true;
        }
    }
    if (cuts->entry_len && len >= cuts->list_ofs
        && (len - cuts->list_ofs) % cuts->entry_len == 0) {
        return true;
    }
    return cuts->from && len >= cuts->from;
}

static bool
is_truncation_error(const struct ofp_msg_test_cuts *cuts, int retval)
{
    if (retval == -OFPERR_OFPBRC_BAD_LEN) {
        return true;
    }
    if (cuts) {
        for (size_t i = 0;
             i < sizeof cuts->alt_errors / sizeof *cuts->alt_errors; i++) {
            if (cuts->alt_errors[i] && retval == -(int) cuts->alt_errors[i]) {
                return true;
            }
        }
    }
    return false;
}

void
ofp_msg_test_truncations(const struct ofp_msg *msg,
                         const struct ofp_msg_test_cuts *cuts)
{
    struct buf b = BUF_INIT;

    encode(msg, &b);
    for (size_t len = 0; len < b.size; len++) {
        uint8_t *prefix = copy_bytes(b.data, len, true);
        struct ofp_msg back;
        int retval = ofp_msg_decode(prefix, len, &back);

        if (is_cut(cuts, len)) {
            if (retval) {
                fail_msg("the %zu-byte prefix of a %zu-byte %s failed with "
                         "%s, but should be a message",
                         len, b.size, ofp_msg_kind_name(msg->kind),
                         ofperr_name(-retval));
            }
            assert_encodes_to(&back, prefix, len);
        } else if (!is_truncation_error(cuts, retval)) {
            fail_msg("the %zu-byte prefix of a %zu-byte %s %s %s", len, b.size,
                     ofp_msg_kind_name(msg->kind),
                     retval ? "failed with" : "decoded",
                     retval ? ofperr_name(-retval) : "but should not");
        }
        ofp_msg_uninit(&back);
        free(prefix);
    }
    buf_free(&b);
}

/* Appends 'extra' to 'msg''s encoding and decodes it: see
 * ofp_msg_test_trailing_fill(). */
static void
check_trailing(const struct ofp_msg *msg, const struct buf *extra,
               enum ofperr error)
{
    struct buf b = BUF_INIT;
    struct ofp_msg back;
    uint8_t *longer;
    int retval;

    encode(msg, &b);
    buf_put(&b, extra->data, extra->size);
    longer = copy_bytes(b.data, b.size, true);
    retval = ofp_msg_decode(longer, b.size, &back);
    ofp_msg_test_assert_error(retval, error);
    if (!error) {
        assert_encodes_to(&back, longer, b.size);
    }
    ofp_msg_uninit(&back);
    free(longer);
    buf_free(&b);
}

void
ofp_msg_test_trailing_fill(const struct ofp_msg *msg, uint8_t fill, size_t n,
                           enum ofperr error)
{
    struct buf extra = BUF_INIT;

    memset(buf_put_uninit(&extra, n), fill, n);
    check_trailing(msg, &extra, error);
    buf_free(&extra);
}

void
ofp_msg_test_trailing_hex(const struct ofp_msg *msg, const char *hex,
                          enum ofperr error)
{
    struct buf extra = BUF_INIT;

    ofp_msg_test_hex(&extra, hex);
    check_trailing(msg, &extra, error);
    buf_free(&extra);
}
