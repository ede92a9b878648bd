/* Tests for lib/buf.c: the byte buffer writer and the bounds-checked
 * reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lib/buf.h"

static void
test_put_writes_network_byte_order(void **state)
{
    static const uint8_t expected[] = {
        0xab, 0x12, 0x34, 0x01, 0x02, 0x03, 0x04,
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    };
    struct buf b = BUF_INIT;
    (void) state;

    buf_put_u8(&b, 0xab);
    buf_put_be16(&b, 0x1234);
    buf_put_be32(&b, 0x01020304);
    buf_put_be64(&b, 0x0102030405060708ull);
    assert_int_equal(b.size, sizeof expected);
    assert_memory_equal(b.data, expected, sizeof expected);
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.size, 0);
}

static void
test_buffer_grows_and_keeps_contents(void **state)
{
    struct buf b = BUF_INIT;
    (void) state;

    for (int i = 0; i < 10000; i++) {
        buf_put_be16(&b, i);
    }
    assert_int_equal(b.size, 20000);
    for (int i = 0; i < 10000; i++) {
        assert_int_equal(buf_get_be16(b.data + 2 * i), i);
    }
    buf_clear(&b);
    assert_int_equal(b.size, 0);
    buf_free(&b);
}

static void
test_pad8_and_set_be16(void **state)
{
    struct buf b = BUF_INIT;
    (void) state;

    buf_put_zeros(&b, 3);
    buf_put(&b, "abc", 3);              /* 3 bytes from offset 3. */
    buf_pad8(&b, 3);
    assert_int_equal(b.size, 11);
    buf_pad8(&b, 3);                    /* Already a multiple of 8. */
    assert_int_equal(b.size, 11);
    buf_set_be16(&b, 0, 0xbeef);
    assert_memory_equal(b.data, "\xbe\xef\x00" "abc\0\0\0\0\0", 11);
    buf_free(&b);
}

static void
test_reader_refuses_to_read_past_the_end(void **state)
{
    static const uint8_t data[] = {0x12, 0x34, 0x56, 0x78, 0x9a};
    struct buf_reader r;
    uint32_t v32 = 7;
    uint16_t v16 = 0;
    uint64_t v64 = 9;
    uint8_t v8 = 0;
    (void) state;

    buf_reader_init(&r, data, sizeof data);
    assert_false(buf_pull_be64(&r, &v64));
    assert_int_equal(v64, 9);           /* Untouched on failure. */
    assert_int_equal(r.left, 5);
    assert_true(buf_pull_be32(&r, &v32));
    assert_int_equal(v32, 0x12345678);
    assert_false(buf_pull_be16(&r, &v16));
    assert_int_equal(r.left, 1);
    assert_true(buf_pull_u8(&r, &v8));
    assert_int_equal(v8, 0x9a);
    assert_null(buf_pull(&r, 1));
    assert_non_null(buf_pull(&r, 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_writes_network_byte_order),
        cmocka_unit_test(test_buffer_grows_and_keeps_contents),
        cmocka_unit_test(test_pad8_and_set_be16),
        cmocka_unit_test(test_reader_refuses_to_read_past_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
