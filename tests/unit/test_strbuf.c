/* Unit tests for lib/strbuf.h: the growable string.
 *
 * Long appends are checked against a plain array filled alongside, the
 * trivial reference for what the strbuf must hold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"

static void
test_printf_appends_formatted_text(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_printf(&sb, "a=%d,", 5);
    strbuf_printf(&sb, "b=%s", "x");
    strbuf_printf(&sb, ",c=%04x", 0xbeefu);
    assert_string_equal(strbuf_str(&sb), "a=5,b=x,c=beef");
    assert_int_equal(sb.len, strlen("a=5,b=x,c=beef"));
    strbuf_free(&sb);
}

static void
test_printf_longer_than_free_space_grows_buffer(void **state)
{
    char expected[2100];
    char arg[1001];
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    memset(arg, 'q', sizeof arg - 1);
    arg[sizeof arg - 1] = '\0';

    /* Start with some text so the formatted output lands mid-buffer and
     * must be formatted again after growing. */
    strbuf_puts(&sb, "head:");
    strbuf_printf(&sb, "[%s|%d]", arg, -42);
    strbuf_printf(&sb, "[%s]", arg);
    snprintf(expected, sizeof expected, "head:[%s|%d][%s]", arg, -42, arg);
    assert_string_equal(strbuf_str(&sb), expected);
    assert_int_equal(sb.len, strlen(expected));
    strbuf_free(&sb);
}

static void
test_printf_of_empty_format_leaves_buffer_empty(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_printf(&sb, "%s", "");
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(sb.len, 0);
    strbuf_free(&sb);
}

static void __attribute__((format(printf, 2, 3)))
call_vprintf(struct strbuf *sb, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    strbuf_vprintf(sb, fmt, args);
    va_end(args);
}

static void
test_vprintf_appends_formatted_text(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    char big[300];
    char expected[400];
    (void) state;

    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    call_vprintf(&sb, "%s-%u-", "v", 7u);
    call_vprintf(&sb, "%s", big);
    snprintf(expected, sizeof expected, "v-7-%s", big);
    assert_string_equal(strbuf_str(&sb), expected);
    strbuf_free(&sb);
}

static void
test_puts_putc_and_put_append(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_puts(&sb, "abc");
    strbuf_putc(&sb, '-');
    /* put copies exactly 'n' bytes, even from text with no NUL there. */
    strbuf_put(&sb, "defXYZ", 3);
    strbuf_puts(&sb, "");
    strbuf_put(&sb, "ignored", 0);
    assert_string_equal(strbuf_str(&sb), "abc-def");
    assert_int_equal(sb.len, 7);
    strbuf_free(&sb);
}

static void
test_init_gives_empty_buffer(void **state)
{
    struct strbuf sb;
    (void) state;

    memset(&sb, 0x5a, sizeof sb);
    strbuf_init(&sb);
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(sb.len, 0);
    strbuf_putc(&sb, 'x');
    assert_string_equal(strbuf_str(&sb), "x");
    strbuf_free(&sb);
}

static void
test_many_appends_grow_buffer(void **state)
{
    enum { N = 20000 };
    char *expected = malloc(N + 1);
    struct strbuf sb = STRBUF_INIT;
    size_t len = 0;
    (void) state;

    assert_non_null(expected);
    for (size_t i = 0; len < N - 16; i++) {
        char piece[16];
        int n;

        /* Mix every way of appending, in pieces of varying length. */
        switch (i % 4) {
        case 0:
            strbuf_putc(&sb, (char) ('a' + i % 26));
            piece[0] = (char) ('a' + i % 26);
            n = 1;
            break;
        case 1:
            n = snprintf(piece, sizeof piece, "%zu,", i);
            strbuf_printf(&sb, "%zu,", i);
            break;
        case 2:
            strbuf_puts(&sb, "wxyz");
            memcpy(piece, "wxyz", 4);
            n = 4;
            break;
        default:
            n = (int) (i % 11);
            memcpy(piece, "0123456789A", n);
            strbuf_put(&sb, piece, n);
            break;
        }
        memcpy(expected + len, piece, n);
        len += n;
        assert_int_equal(sb.len, len);
    }
    expected[len] = '\0';
    assert_true(len > 10000);
    assert_int_equal(strlen(strbuf_str(&sb)), len);
    assert_string_equal(strbuf_str(&sb), expected);
    strbuf_free(&sb);
    free(expected);
}

static void
test_chomp_removes_one_trailing_char(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_puts(&sb, "line\n\n");
    strbuf_chomp(&sb, '\n');
    assert_string_equal(strbuf_str(&sb), "line\n");
    strbuf_chomp(&sb, '\n');
    assert_string_equal(strbuf_str(&sb), "line");
    assert_int_equal(sb.len, 4);
    strbuf_free(&sb);
}

static void
test_chomp_without_trailing_char_is_noop(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_puts(&sb, "a,b");
    strbuf_chomp(&sb, ',');
    assert_string_equal(strbuf_str(&sb), "a,b");
    assert_int_equal(sb.len, 3);
    strbuf_free(&sb);
}

static void
test_chomp_of_empty_buffer_is_noop(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_chomp(&sb, ',');
    assert_string_equal(strbuf_str(&sb), "");

    /* Also once the buffer exists but holds nothing. */
    strbuf_putc(&sb, ',');
    strbuf_chomp(&sb, ',');
    strbuf_chomp(&sb, ',');
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(sb.len, 0);
    strbuf_free(&sb);
}

static void
test_clear_empties_buffer_for_reuse(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_clear(&sb);
    assert_string_equal(strbuf_str(&sb), "");

    strbuf_puts(&sb, "first contents");
    strbuf_clear(&sb);
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(sb.len, 0);

    strbuf_puts(&sb, "next");
    assert_string_equal(strbuf_str(&sb), "next");
    strbuf_free(&sb);
}

static void
test_steal_returns_contents_and_leaves_buffer_empty(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    char *s;
    (void) state;

    strbuf_printf(&sb, "%s %d", "stolen", 1);
    s = strbuf_steal(&sb);
    assert_string_equal(s, "stolen 1");
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(sb.len, 0);

    /* The strbuf is usable again and no longer shares the stolen string. */
    strbuf_puts(&sb, "again");
    assert_string_equal(strbuf_str(&sb), "again");
    assert_string_equal(s, "stolen 1");
    free(s);
    strbuf_free(&sb);
}

static void
test_steal_of_empty_buffer_returns_empty_string(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    char *s;
    (void) state;

    s = strbuf_steal(&sb);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    assert_string_equal(strbuf_str(&sb), "");
}

static void
test_str_of_empty_strbuf_is_empty_string(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    assert_non_null(strbuf_str(&sb));
    assert_string_equal(strbuf_str(&sb), "");
}

static void
test_free_leaves_reusable_empty_buffer(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    (void) state;

    strbuf_puts(&sb, "something");
    strbuf_free(&sb);
    assert_string_equal(strbuf_str(&sb), "");
    assert_int_equal(sb.len, 0);
    strbuf_puts(&sb, "more");
    assert_string_equal(strbuf_str(&sb), "more");
    strbuf_free(&sb);
    /* Freeing an already empty strbuf is harmless. */
    strbuf_free(&sb);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printf_appends_formatted_text),
        cmocka_unit_test(test_printf_longer_than_free_space_grows_buffer),
        cmocka_unit_test(test_printf_of_empty_format_leaves_buffer_empty),
        cmocka_unit_test(test_vprintf_appends_formatted_text),
        cmocka_unit_test(test_puts_putc_and_put_append),
        cmocka_unit_test(test_init_gives_empty_buffer),
        cmocka_unit_test(test_many_appends_grow_buffer),
        cmocka_unit_test(test_chomp_removes_one_trailing_char),
        cmocka_unit_test(test_chomp_without_trailing_char_is_noop),
        cmocka_unit_test(test_chomp_of_empty_buffer_is_noop),
        cmocka_unit_test(test_clear_empties_buffer_for_reuse),
        cmocka_unit_test(test_steal_returns_contents_and_leaves_buffer_empty),
        cmocka_unit_test(test_steal_of_empty_buffer_returns_empty_string),
        cmocka_unit_test(test_str_of_empty_strbuf_is_empty_string),
        cmocka_unit_test(test_free_leaves_reusable_empty_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
