/* Tests for the OpenFlow error table and error replies
 * (ofproto/ofp_errors.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/buf.h"
#include "ofproto/ofp_errors.h"
#include "ofproto/ofp_wire.h"

static void
test_standard_errors_have_the_specification_codes(void **state)
{
    uint16_t type, code;
    uint32_t exp;
    (void) state;

    ofperr_to_wire(OFPERR_OFPBMC_BAD_PREREQ, &type, &code, &exp);
    assert_int_equal(type, 4);
    assert_int_equal(code, 9);
    assert_int_equal(exp, 0);
    ofperr_to_wire(OFPERR_OFPMMFC_BAD_BURST, &type, &code, &exp);
    assert_int_equal(type, 12);
    assert_int_equal(code, 7);
    assert_string_equal(ofperr_name(OFPERR_OFPBRC_BAD_LEN), "OFPBRC_BAD_LEN");
}

static void
test_extension_errors_use_experimenter_encoding(void **state)
{
    uint16_t type, code;
    uint32_t exp;
    (void) state;

    /* Bundles in OpenFlow 1.3 are ONF's extension 230. */
    ofperr_to_wire(OFPERR_OFPBFC_MSG_BAD_XID, &type, &code, &exp);
    assert_int_equal(type, 0xffff);
    assert_int_equal(code, 2309);
    assert_int_equal(exp, 0x4f4e4600);
    ofperr_to_wire(OFPERR_OFPBIC_DUP_INST, &type, &code, &exp);
    assert_int_equal(code, 2600);
}

static void
test_from_wire_inverts_to_wire_for_every_error(void **state)
{
    (void) state;
    for (int e = OFPERR_FIRST_ + 1; e < OFPERR_LAST_; e++) {
        uint16_t type, code;
        uint32_t exp;

        ofperr_to_wire(e, &type, &code, &exp);
        assert_int_equal(ofperr_from_wire(type, code, exp), e);
    }
    assert_int_equal(ofperr_from_wire(4, 99, 0), 0);
}

static void
test_is_ofperr_tells_errors_from_errno(void **state)
{
    (void) state;
    assert_true(ofperr_is_ofperr(-OFPERR_OFPBRC_BAD_TYPE));
    assert_false(ofperr_is_ofperr(-22));
    assert_false(ofperr_is_ofperr(0));
    assert_string_equal(ofperr_name(7), "unknown error");
}

static void
test_reply_echoes_xid_and_at_most_64_bytes(void **state)
{
    uint8_t request[100];
    struct buf b = BUF_INIT;
    (void) state;

    memset(request, 0xab, sizeof request);
    request[0] = 4;
    request[1] = 14;
    request[2] = 0;
    request[3] = 100;
    memcpy(request + 4, "\x00\x00\x12\x34", 4);
    ofperr_encode_reply(OFPERR_OFPBMC_BAD_FIELD, request, sizeof request, &b);
    assert_int_equal(b.size, 12 + 64);
    assert_memory_equal(b.data, "\x04\x01\x00\x4c\x00\x00\x12\x34", 8);
    assert_memory_equal(b.data + 8, "\x00\x04\x00\x06", 4);
    assert_memory_equal(b.data + 12, request, 64);

    buf_clear(&b);
    ofperr_encode_reply(OFPERR_OFPBFC_BAD_ID, request, 16, &b);
    assert_int_equal(b.size, 16 + 16);
    assert_memory_equal(b.data + 8, "\xff\xff\x08\xfe\x4f\x4e\x46\x00", 8);
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_errors_have_the_specification_codes),
        cmocka_unit_test(test_extension_errors_use_experimenter_encoding),
        cmocka_unit_test(test_from_wire_inverts_to_wire_for_every_error),
        cmocka_unit_test(test_is_ofperr_tells_errors_from_errno),
        cmocka_unit_test(test_reply_echoes_xid_and_at_most_64_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
