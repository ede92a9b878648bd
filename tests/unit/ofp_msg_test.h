/* Shared checks for the unit tests of the OpenFlow message codec
 * (test_ofp_msg_*.c).
 *
 * Design note.  Every codec test asks the same few questions of a message:
 * does it decode from bytes written by hand, does it survive an encode and
 * decode unchanged, which error does a malformed one give, and does the
 * decoder refuse every truncation and every extension of a valid encoding.
 * This module answers them once, so that the test files hold only messages
 * and expectations.
 *
 * Every decode here runs on an exact-size heap copy of the bytes, so that
 * AddressSanitizer catches any read past the end.  Functions that check
 * something fail the current cmocka test through cmocka's assertions, which
 * is why they return nothing; functions that return a decode result return
 * what ofp_msg_decode() returned (0 or -OFPERR_*).  A 'msg' a function
 * decodes into is the caller's: it must be passed to ofp_msg_uninit()
 * afterwards, which is always safe, even after a failed decode.
 *
 * Thread-safety: none needed; cmocka runs one test at a time. */
#ifndef PONT_TESTS_UNIT_OFP_MSG_TEST_H
#define PONT_TESTS_UNIT_OFP_MSG_TEST_H 1

/* cmocka.h needs the first four. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/buf.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_msg.h"

/* Checks that RETVAL, a decode result, is -ERROR (an enum ofperr, or 0 for
 * success).  A macro, so that a failure names the caller's line; it compares
 * the names first, for a readable failure, then the numbers. */
#define ofp_msg_test_assert_error(RETVAL, ERROR)                               \
    do {                                                                       \
        int retval_ = (RETVAL);                                                \
        int error_ = (ERROR);                                                  \
        assert_string_equal(ofperr_name(-retval_), ofperr_name(error_));       \
        assert_int_equal(-retval_, error_);                                    \
    } while (0)

/* Bytes written in hex. */

/* Appends to 'out' the bytes written in 'hex': pairs of hex digits, with
 * white space allowed between pairs.  Fails the test on anything else (a
 * stray character, an odd digit out). */
void ofp_msg_test_hex(struct buf *out, const char *hex);

/* Decoding. */

/* Decodes the 'len' bytes at 'data' into 'msg' as they are: a header length
 * that disagrees with 'len' makes the decode fail.  Returns what
 * ofp_msg_decode() returns. */
int ofp_msg_test_decode(const void *data, size_t len, struct ofp_msg *msg);

/* Like ofp_msg_test_decode(), but with the header's length field set to
 * 'len' first (when 'len' covers it), so that a prefix or an extension of a
 * message is judged by its body. */
int ofp_msg_test_decode_sized(const void *data, size_t len,
                              struct ofp_msg *msg);

/* Decodes the message written in 'hex' (as for ofp_msg_test_hex()) as it
 * is, its length field included. */
int ofp_msg_test_decode_hex(const char *hex, struct ofp_msg *msg);

/* Decodes the message written in 'hex' with its length field filled in, so
 * that hand-written messages may leave it as 0000. */
int ofp_msg_test_decode_hex_sized(const char *hex, struct ofp_msg *msg);

/* Checks that the message written in 'hex', decoded as it is, fails with
 * 'error'. */
void ofp_msg_test_assert_hex_error(const char *hex, enum ofperr error);

/* Encoding. */

/* Encodes 'msg' and checks that the encoding's header gives its length,
 * that it decodes, and that the result has the same kind, xid and multipart
 * flags and equals 'msg' (ofp_msg_equal()).
 *
 * If 'back' is nonnull, the decoded message is left there for further
 * checks (the caller uninitializes it); if NULL, it is freed here.  If
 * 'encoding' is nonnull, it is set to the encoding, which the caller frees
 * with buf_free() (what it held before is overwritten, not freed); if NULL,
 * the encoding is freed here. */
void ofp_msg_test_round_trip(const struct ofp_msg *msg, struct ofp_msg *back,
                             struct buf *encoding);

/* Encodes 'msg', which may break the rules the decoder enforces, checks
 * that the encoding's header gives its length, and decodes it: returns the
 * decode's result, 0 or -OFPERR_*.  The decoded message is freed here. */
int ofp_msg_test_reencode(const struct ofp_msg *msg);

/* Checks that 'msg' encodes to exactly the bytes written in 'hex'. */
void ofp_msg_test_assert_encoding(const struct ofp_msg *msg, const char *hex);

/* Truncations and extensions. */

/* The prefixes of an encoding that are complete messages in their own
 * right, because a list in the message may end anywhere between entries
 * (or free-form data anywhere), and what a prefix that is not may fail
 * with.  A zero-initialized instance (or NULL) means: no proper prefix is
 * a message, and every one fails with OFPBRC_BAD_LEN. */
struct ofp_msg_test_cuts {
    /* Listed lengths; zeros stand for nothing, so lists may be short. */
    size_t lens[8];

    /* If 'entry_len' is nonzero, also every 'list_ofs' + k * 'entry_len'
     * (k >= 0): a list of equal-size entries at 'list_ofs'. */
    size_t list_ofs;
    size_t entry_len;

    /* If nonzero, also every length from 'from' on: the message ends with
     * free-form data. */
    size_t from;

    /* Errors, besides OFPBRC_BAD_LEN, that a prefix which is not a message
     * may fail with; zeros stand for nothing. */
    enum ofperr alt_errors[4];
};

/* Decodes every proper prefix of 'msg''s encoding, the empty one included,
 * with its header's length set to the prefix's (as far as the prefix holds
 * the field).  A prefix that 'cuts' names must decode, and encode back to
 * exactly its own bytes; any other must fail with OFPBRC_BAD_LEN or one of
 * 'cuts->alt_errors'.  'cuts' may be NULL. */
void ofp_msg_test_truncations(const struct ofp_msg *msg,
                              const struct ofp_msg_test_cuts *cuts);

/* Appends 'n' bytes of value 'fill' to 'msg''s encoding, sets the header's
 * length to match, and decodes the result.  If 'error' is nonzero, the
 * decode must fail with it; if it is 0 (a message that ends with free-form
 * data, which the bytes extend), the decode must succeed and the result
 * must encode back to exactly those bytes. */
void ofp_msg_test_trailing_fill(const struct ofp_msg *msg, uint8_t fill,
                                size_t n, enum ofperr error);

/* Like ofp_msg_test_trailing_fill(), appending the bytes written in 'hex'
 * (as for ofp_msg_test_hex()). */
void ofp_msg_test_trailing_hex(const struct ofp_msg *msg, const char *hex,
                               enum ofperr error);

#endif /* tests/unit/ofp_msg_test.h */
