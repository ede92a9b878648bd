/* Tests for OpenFlow target parsing (ofproto/ofp_target.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "ofproto/ofp_target.h"

/* Parses 'string' and checks that it succeeds with canonical name
 * 'name'. */
static void
assert_parses(const char *string, enum ofp_target_role role,
              const char *name, struct ofp_target *t)
{
    char *error;

    assert_int_equal(ofp_target_parse(string, role, t, &error), 0);
    assert_null(error);
    assert_string_equal(t->name, name);
}

/* Parses 'string' and checks that it fails with an error sentence
 * containing 'words'. */
static void
assert_refused(const char *string, enum ofp_target_role role, int retval,
               const char *words)
{
    struct ofp_target t;
    char *error;

    assert_int_equal(ofp_target_parse(string, role, &t, &error), retval);
    assert_non_null(error);
    if (!strstr(error, words)) {
        fail_msg("'%s' gave \"%s\", without \"%s\"", string, error, words);
    }
    free(error);
}

static void
test_tcp_target_defaults_to_port_6653(void **state)
{
    struct ofp_target t;
    struct sockaddr_in *sin = (struct sockaddr_in *) &t.addr;
    (void) state;

    assert_parses("tcp:10.0.0.1", OFP_TARGET_ACTIVE, "tcp:10.0.0.1:6653", &t);
    assert_int_equal(t.type, OFP_TARGET_TCP);
    assert_int_equal(sin->sin_family, AF_INET);
    assert_int_equal(ntohs(sin->sin_port), 6653);
    assert_int_equal(ntohl(sin->sin_addr.s_addr), 0x0a000001);
    assert_int_equal(t.addr_len, sizeof *sin);
    assert_true(ofp_target_is_tcp(&t));
}

static void
test_tcp_target_takes_ipv6_in_brackets_with_port(void **state)
{
    struct ofp_target t;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &t.addr;
    (void) state;

    assert_parses("tcp:[::1]:6634", OFP_TARGET_ACTIVE, "tcp:[::1]:6634", &t);
    assert_int_equal(sin6->sin6_family, AF_INET6);
    assert_int_equal(ntohs(sin6->sin6_port), 6634);
    assert_true(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr));
    assert_parses("tcp:[fe80::1]", OFP_TARGET_ACTIVE, "tcp:[fe80::1]:6653",
                  &t);
}

static void
test_ptcp_target_defaults_to_any_ipv4_address(void **state)
{
    struct ofp_target t;
    (void) state;

    assert_parses("ptcp:", OFP_TARGET_PASSIVE, "ptcp:6653:0.0.0.0", &t);
    assert_parses("ptcp:6634", OFP_TARGET_PASSIVE, "ptcp:6634:0.0.0.0", &t);
    assert_parses("ptcp:0:127.0.0.1", OFP_TARGET_PASSIVE, "ptcp:0:127.0.0.1",
                  &t);
    assert_int_equal(t.type, OFP_TARGET_PTCP);
    assert_int_equal(ofp_target_addr_port((struct sockaddr *) &t.addr), 0);
}

static void
test_ptcp_target_takes_ipv6_with_or_without_brackets(void **state)
{
    struct ofp_target t;
    (void) state;

    assert_parses("ptcp:6653:::1", OFP_TARGET_PASSIVE, "ptcp:6653:[::1]", &t);
    assert_parses("ptcp:6653:[::1]", OFP_TARGET_PASSIVE, "ptcp:6653:[::1]",
                  &t);
    assert_parses("ptcp::[::]", OFP_TARGET_PASSIVE, "ptcp:6653:[::]", &t);
}

static void
test_unix_targets_keep_their_path(void **state)
{
    struct ofp_target t;
    struct sockaddr_un *sun = (struct sockaddr_un *) &t.addr;
    (void) state;

    assert_parses("unix:/run/pont/br0.sock", OFP_TARGET_ACTIVE,
                  "unix:/run/pont/br0.sock", &t);
    assert_int_equal(t.type, OFP_TARGET_UNIX);
    assert_int_equal(sun->sun_family, AF_UNIX);
    assert_string_equal(sun->sun_path, "/run/pont/br0.sock");
    assert_false(ofp_target_is_tcp(&t));
    assert_parses("punix:rel.sock", OFP_TARGET_PASSIVE, "punix:rel.sock", &t);
    assert_int_equal(t.type, OFP_TARGET_PUNIX);
}

static void
test_unknown_prefix_names_the_accepted_forms(void **state)
{
    (void) state;

    assert_refused("ssl:1.2.3.4", OFP_TARGET_ACTIVE, -EINVAL,
                   "unknown target type: use tcp:IP[:PORT] or unix:PATH");
    assert_refused("1.2.3.4:6653", OFP_TARGET_ACTIVE, -EINVAL,
                   "unknown target type");
    assert_refused("pssl:6653", OFP_TARGET_PASSIVE, -EINVAL,
                   "use ptcp:[PORT][:IP] or punix:PATH");
}

static void
test_target_of_the_wrong_role_says_which_to_use(void **state)
{
    (void) state;

    assert_refused("ptcp:6653", OFP_TARGET_ACTIVE, -EINVAL,
                   "ptcp: targets listen for connections; to connect, use "
                   "tcp:IP[:PORT]");
    assert_refused("unix:/x", OFP_TARGET_PASSIVE, -EINVAL,
                   "unix: targets connect to a peer; to listen, use ptcp:");
}

static void
test_host_names_are_refused_as_not_numeric(void **state)
{
    (void) state;

    assert_refused("tcp:switch1:6653", OFP_TARGET_ACTIVE, -EINVAL,
                   "the address must be a numeric IP address");
    assert_refused("tcp:", OFP_TARGET_ACTIVE, -EINVAL,
                   "numeric IP address (10.0.0.1, or [::1] for IPv6");
    assert_refused("ptcp:6653:localhost", OFP_TARGET_PASSIVE, -EINVAL,
                   "not 'localhost'");
    assert_refused("tcp:1.2.3.4.5", OFP_TARGET_ACTIVE, -EINVAL,
                   "not '1.2.3.4.5'");
}

static void
test_bad_ports_are_refused_with_the_range(void **state)
{
    (void) state;

    assert_refused("tcp:1.2.3.4:0", OFP_TARGET_ACTIVE, -EINVAL,
                   "the port must be a number from 1 to 65535, not '0'");
    assert_refused("tcp:1.2.3.4:65536", OFP_TARGET_ACTIVE, -EINVAL,
                   "not '65536'");
    assert_refused("tcp:1.2.3.4:99999999999", OFP_TARGET_ACTIVE, -EINVAL,
                   "from 1 to 65535");
    assert_refused("tcp:1.2.3.4:", OFP_TARGET_ACTIVE, -EINVAL,
                   "not ''");
    assert_refused("tcp:1.2.3.4:66x", OFP_TARGET_ACTIVE, -EINVAL,
                   "not '66x'");
    assert_refused("ptcp:-1", OFP_TARGET_PASSIVE, -EINVAL,
                   "from 0 to 65535, not '-1'");
}

static void
test_ipv6_without_brackets_is_refused_with_an_example(void **state)
{
    (void) state;

    assert_refused("tcp:::1", OFP_TARGET_ACTIVE, -EINVAL,
                   "write an IPv6 address in brackets, as in "
                   "tcp:[::1]:6653");
    assert_refused("tcp:[::1", OFP_TARGET_ACTIVE, -EINVAL, "missing ']'");
    assert_refused("tcp:[::1]6653", OFP_TARGET_ACTIVE, -EINVAL,
                   "expected ':PORT' after '[::1]'");
}

static void
test_unix_path_must_exist_and_fit(void **state)
{
    char longer[200];
    (void) state;

    assert_refused("unix:", OFP_TARGET_ACTIVE, -EINVAL,
                   "unix: needs a socket path");
    memset(longer, 'a', sizeof longer);
    memcpy(longer, "punix:/", 7);
    longer[sizeof longer - 1] = '\0';
    assert_refused(longer, OFP_TARGET_PASSIVE, -ENAMETOOLONG,
                   "the system allows at most 107");
}

static void
test_addresses_format_as_active_targets(void **state)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    struct ofp_target t;
    char name[OFP_TARGET_NAME_MAX];
    (void) state;

    assert_parses("tcp:[2001:db8::7]:99", OFP_TARGET_ACTIVE,
                  "tcp:[2001:db8::7]:99", &t);
    ofp_target_format_addr((struct sockaddr *) &t.addr, t.addr_len, name,
                           sizeof name);
    assert_string_equal(name, "tcp:[2001:db8::7]:99");
    /* The client end of a unix connection has no name. */
    ofp_target_format_addr((struct sockaddr *) &sun, sizeof(sa_family_t),
                           name, sizeof name);
    assert_string_equal(name, "unix:");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tcp_target_defaults_to_port_6653),
        cmocka_unit_test(test_tcp_target_takes_ipv6_in_brackets_with_port),
        cmocka_unit_test(test_ptcp_target_defaults_to_any_ipv4_address),
        cmocka_unit_test(
            test_ptcp_target_takes_ipv6_with_or_without_brackets),
        cmocka_unit_test(test_unix_targets_keep_their_path),
        cmocka_unit_test(test_unknown_prefix_names_the_accepted_forms),
        cmocka_unit_test(test_target_of_the_wrong_role_says_which_to_use),
        cmocka_unit_test(test_host_names_are_refused_as_not_numeric),
        cmocka_unit_test(test_bad_ports_are_refused_with_the_range),
        cmocka_unit_test(
            test_ipv6_without_brackets_is_refused_with_an_example),
        cmocka_unit_test(test_unix_path_must_exist_and_fit),
        cmocka_unit_test(test_addresses_format_as_active_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
