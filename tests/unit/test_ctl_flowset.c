/* Tests for a switch's flow set (controller/ctl_flowset.c): identity and
 * replacement, sorting, the text it prints, and cookies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "controller/ctl_flowset.h"
#include "lib/strbuf.h"

static void
assert_format(const struct ctl_flowset *set, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    ctl_flowset_format(set, &sb);
    assert_string_equal(strbuf_str(&sb), want);
    strbuf_free(&sb);
}

static void
test_empty_set_prints_nothing(void **state)
{
    struct ctl_flowset set;
    (void) state;

    ctl_flowset_init(&set);
    assert_format(&set, "");
    ctl_flowset_uninit(&set);
    ctl_flowset_uninit(&set); /* Twice is harmless. */
}

static void
test_actions_are_formatted_like_printf(void **state)
{
    struct ctl_flowset set;
    (void) state;

    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 1, 100, 0x5, "in_port=3", "output:%d,%s", 4,
                         "drop");
    assert_int_equal(set.n_flows, 1);
    assert_string_equal(set.flows[0].actions, "output:4,drop");
    assert_string_equal(set.flows[0].match, "in_port=3");
    ctl_flowset_uninit(&set);
}

static void
test_same_identity_replaces_actions_and_cookie(void **state)
{
    struct ctl_flowset set;
    (void) state;

    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 0, 10, 1, "in_port=1", "drop");
    ctl_flowset_add_flow(&set, 0, 10, 2, "in_port=1", "output:2");
    /* Another priority, table or match is another flow. */
    ctl_flowset_add_flow(&set, 0, 11, 3, "in_port=1", "drop");
    ctl_flowset_add_flow(&set, 1, 10, 4, "in_port=1", "drop");
    ctl_flowset_add_flow(&set, 0, 10, 5, "in_port=2", "drop");
    assert_int_equal(set.n_flows, 4);
    assert_int_equal(set.flows[0].cookie, 2);
    assert_string_equal(set.flows[0].actions, "output:2");
    ctl_flowset_uninit(&set);
}

static void
test_same_group_id_replaces_spec(void **state)
{
    struct ctl_flowset set;
    (void) state;

    ctl_flowset_init(&set);
    ctl_flowset_add_group(&set, 7, "type=all,bucket=output:1");
    ctl_flowset_add_group(&set, 8, "type=all,bucket=output:2");
    ctl_flowset_add_group(&set, 7, "type=all,bucket=output:3");
    assert_int_equal(set.n_groups, 2);
    assert_string_equal(set.groups[0].spec, "type=all,bucket=output:3");
    ctl_flowset_uninit(&set);
}

static void
test_format_is_sorted_groups_first(void **state)
{
    struct ctl_flowset set;
    (void) state;

    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 1, 0, 0x1, "", "drop");
    ctl_flowset_add_flow(&set, 0, 10, 0x2, "in_port=2", "drop");
    ctl_flowset_add_flow(&set, 0, 100, 0x3, "in_port=1", "goto_table:1");
    ctl_flowset_add_flow(&set, 0, 10, 0x4, "in_port=1", "drop");
    ctl_flowset_add_group(&set, 9, "type=all,bucket=output:1");
    ctl_flowset_add_group(&set, 3, "type=all");
    assert_format(&set,
                  "group_id=3,type=all\n"
                  "group_id=9,type=all,bucket=output:1\n"
                  "table=0,priority=100,cookie=0x3,in_port=1,"
                  "actions=goto_table:1\n"
                  "table=0,priority=10,cookie=0x4,in_port=1,actions=drop\n"
                  "table=0,priority=10,cookie=0x2,in_port=2,actions=drop\n"
                  "table=1,priority=0,cookie=0x1,actions=drop\n");
    /* Formatting leaves the set's order alone; sorting changes it. */
    assert_int_equal(set.flows[0].table, 1);
    ctl_flowset_sort(&set);
    assert_int_equal(set.flows[0].priority, 100);
    assert_int_equal(set.groups[0].id, 3);
    ctl_flowset_uninit(&set);
}

static void
test_identity_still_found_after_sort(void **state)
{
    struct ctl_flowset set;
    (void) state;

    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 1, 0, 1, "", "drop");
    ctl_flowset_add_flow(&set, 0, 5, 1, "in_port=1", "drop");
    ctl_flowset_sort(&set);
    ctl_flowset_add_flow(&set, 1, 0, 9, "", "output:1");
    assert_int_equal(set.n_flows, 2);
    assert_int_equal(set.flows[1].cookie, 9);
    ctl_flowset_uninit(&set);
}

static void
test_many_flows_keep_their_identities(void **state)
{
    struct ctl_flowset set;
    char match[32];
    (void) state;

    /* Enough to grow the index several times. */
    ctl_flowset_init(&set);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 5000; i++) {
            snprintf(match, sizeof match, "in_port=%d", i);
            ctl_flowset_add_flow(&set, i % 3, 100, round, match, "drop");
        }
    }
    assert_int_equal(set.n_flows, 5000);
    for (size_t i = 0; i < set.n_flows; i++) {
        assert_int_equal(set.flows[i].cookie, 1);
    }
    ctl_flowset_uninit(&set);
}

static void
test_cookie_has_kind_on_top_and_is_stable(void **state)
{
    uint64_t a = ctl_cookie(CTL_COOKIE_PORT, "acme/web1");
    (void) state;

    assert_int_equal(a >> 56, CTL_COOKIE_PORT);
    assert_true(a == ctl_cookie(CTL_COOKIE_PORT, "acme/web1"));
    assert_true(a != ctl_cookie(CTL_COOKIE_PORT, "acme/web2"));
    assert_true((a & UINT64_C(0x00ffffffffffffff))
                == (ctl_cookie(CTL_COOKIE_NETWORK, "acme/web1")
                    & UINT64_C(0x00ffffffffffffff)));
    /* A golden value: cookies must not change between builds, or a
     * restarted controller would rewrite every flow. */
    assert_true(a == UINT64_C(0x03bbeafb481ef998));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_set_prints_nothing),
        cmocka_unit_test(test_actions_are_formatted_like_printf),
        cmocka_unit_test(test_same_identity_replaces_actions_and_cookie),
        cmocka_unit_test(test_same_group_id_replaces_spec),
        cmocka_unit_test(test_format_is_sorted_groups_first),
        cmocka_unit_test(test_identity_still_found_after_sort),
        cmocka_unit_test(test_many_flows_keep_their_identities),
        cmocka_unit_test(test_cookie_has_kind_on_top_and_is_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
