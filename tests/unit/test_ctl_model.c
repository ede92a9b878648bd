/* Tests for the controller's model (controller/ctl_model.h): every
 * validation rule with its error code and sentence, revisions and
 * -ESTALE, VNI allocation, hosts registering over declared ones, bindings
 * and migration, iteration order, and the parsing helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"

/* Fixture helpers: each asserts that the change succeeds. */

static void
must(int error, char **message)
{
    if (error) {
        fail_msg("unexpected error %d: %s", error,
                 *message ? *message : "(none)");
    }
}

/* Asserts that a change failed with 'expected' and a message containing
 * 'needle'. */
static void
refused(int error, char **message, int expected, const char *needle)
{
    assert_int_equal(error, expected);
    assert_non_null(*message);
    if (!strstr(*message, needle)) {
        fail_msg("message \"%s\" lacks \"%s\"", *message, needle);
    }
    free(*message);
    *message = NULL;
}

static uint64_t
add_tenant(struct ctl_model *m, const char *name)
{
    struct ctl_tenant t = {0};
    char *error = NULL;
    uint64_t rev = 0;

    snprintf(t.name, sizeof t.name, "%s", name);
    must(ctl_model_put_tenant(m, &t, 0, &rev, &error), &error);
    return rev;
}

static struct ctl_network
network(const char *tenant, const char *name, const char *cidr,
        const char *segment)
{
    struct ctl_network n = {0};
    char *error = NULL;

    snprintf(n.tenant, sizeof n.tenant, "%s", tenant);
    snprintf(n.name, sizeof n.name, "%s", name);
    must(ctl_parse_cidr(cidr, &n.cidr_ip, &n.cidr_len, &error), &error);
    must(ctl_parse_segment(segment, &n.seg, &n.seg_id, &error), &error);
    return n;
}

static uint64_t
add_network(struct ctl_model *m, const char *tenant, const char *name,
            const char *cidr, const char *segment)
{
    struct ctl_network n = network(tenant, name, cidr, segment);
    char *error = NULL;
    uint64_t rev = 0;

    must(ctl_model_put_network(m, &n, 0, &rev, &error), &error);
    return rev;
}

/* A port with MAC 'mac' and the IPs in the space-separated 'ips'. */
static struct ctl_port
port(const char *tenant, const char *name, const char *net, const char *mac,
     const char *ips)
{
    struct ctl_port p = {0};
    char *error = NULL;
    char buf[256], *save = NULL;

    snprintf(p.tenant, sizeof p.tenant, "%s", tenant);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.network, sizeof p.network, "%s", net);
    must(ctl_parse_mac(mac, &p.mac, &error), &error);
    snprintf(buf, sizeof buf, "%s", ips);
    for (char *ip = strtok_r(buf, " ", &save); ip;
         ip = strtok_r(NULL, " ", &save)) {
        must(ctl_parse_ipv4("IP", ip, &p.ips[p.n_ips++], &error), &error);
    }
    return p;
}

static uint64_t
add_port(struct ctl_model *m, const struct ctl_port *p)
{
    char *error = NULL;
    uint64_t rev = 0;

    must(ctl_model_put_port(m, p, 0, &rev, &error), &error);
    return rev;
}

static struct ctl_host
host(const char *name, uint64_t dpid, const char *tunnel_ip, bool declared)
{
    struct ctl_host h = {.dpid = dpid, .declared = declared};
    char *error = NULL;

    snprintf(h.name, sizeof h.name, "%s", name);
    if (tunnel_ip) {
        must(ctl_parse_ipv4("IP", tunnel_ip, &h.tunnel_ip, &error), &error);
    }
    return h;
}

/* A model with tenant acme, network acme/net1 10.0.1.0/24 vxlan:5001 and
 * port acme/web1 (52:54:00:00:00:01, 10.0.1.10). */
static int
setup(void **state)
{
    struct ctl_model *m = ctl_model_create();
    struct ctl_port p =
        port("acme", "web1", "net1", "52:54:00:00:00:01", "10.0.1.10");

    add_tenant(m, "acme");
    add_network(m, "acme", "net1", "10.0.1.0/24", "vxlan:5001");
    add_port(m, &p);
    *state = m;
    return 0;
}

static int
teardown(void **state)
{
    ctl_model_destroy(*state);
    return 0;
}

/* Tenants. */

static void
test_tenant_names_are_checked(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_tenant t = {.name = "-bad"};
    char *error = NULL;

    refused(ctl_model_put_tenant(m, &t, 0, NULL, &error), &error, -EINVAL,
            "tenant name \"-bad\" is invalid");
    memcpy(t.name, "a b", 4);
    refused(ctl_model_put_tenant(m, &t, 0, NULL, &error), &error, -EINVAL,
            "letters, digits");
    memset(t.name, 'x', CTL_NAME_MAX);
    t.name[CTL_NAME_MAX] = '\0';
    must(ctl_model_put_tenant(m, &t, 0, NULL, &error), &error);
}

static void
test_tenant_with_networks_cannot_go(void **state)
{
    struct ctl_model *m = *state;
    char *error = NULL;

    refused(ctl_model_del_tenant(m, "acme", 0, &error), &error, -EBUSY,
            "tenant acme still has");
    refused(ctl_model_del_tenant(m, "nobody", 0, &error), &error, -ENOENT,
            "tenant nobody does not exist");
    add_tenant(m, "empty");
    must(ctl_model_del_tenant(m, "empty", 0, &error), &error);
    assert_null(ctl_model_tenant(m, "empty"));
}

/* Networks. */

static void
test_network_needs_its_tenant(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_network n = network("ghost", "n", "10.0.0.0/8", "vlan:5");
    char *error = NULL;

    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -ENOENT,
            "network ghost/n: tenant ghost does not exist; create it first");
}

static void
test_network_values_are_checked(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_network n = network("acme", "n2", "10.0.2.0/24", "vlan:5");
    char *error = NULL;

    n.seg_id = 4095;
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EINVAL,
            "VLAN id 4095 is out of range; give 1 to 4094");
    n.seg_id = 0;
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EINVAL,
            "VLAN id 0 is out of range");
    n.seg = CTL_SEG_VXLAN;
    n.seg_id = CTL_VNI_MAX + 1;
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EINVAL,
            "VNI 16777216 is out of range");
    n.seg_id = 7;
    n.cidr_ip = htonl(0x0a000201);
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EINVAL,
            "no host bits");
    n.cidr_ip = htonl(0x0a000200);
    n.cidr_len = 33;
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EINVAL,
            "prefix length of 0 to 32");
}

static void
test_segments_are_unique_across_tenants(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_network n = network("other", "n", "10.0.1.0/24", "vxlan:5001");
    char *error = NULL;

    add_tenant(m, "other");
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EEXIST,
            "segment vxlan:5001 is already used by network acme/net1");
    /* The same number as a VLAN is another segment; overlapping CIDRs in
     * two tenants are fine. */
    n = network("other", "n", "10.0.1.0/24", "vlan:1001");
    must(ctl_model_put_network(m, &n, 0, NULL, &error), &error);
    n = network("acme", "n3", "10.0.3.0/24", "vlan:1001");
    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EEXIST,
            "give another VLAN id");
}

static void
test_vnis_are_allocated_lowest_first(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_network n = network("acme", "a", "10.1.0.0/16", "vxlan");
    const struct ctl_network *got;
    char *error = NULL;

    add_network(m, "acme", "x", "10.9.0.0/16", "vxlan:5000");
    must(ctl_model_put_network(m, &n, 0, NULL, &error), &error);
    got = ctl_model_network(m, "acme", "a");
    assert_int_equal(got->seg_id, 5002);
    /* Gaps are filled first. */
    add_network(m, "acme", "v", "10.3.0.0/16", "vxlan:5004");
    add_network(m, "acme", "c", "10.4.0.0/16", "vxlan");
    assert_int_equal(ctl_model_network(m, "acme", "c")->seg_id, 5003);
    add_network(m, "acme", "e", "10.6.0.0/16", "vxlan");
    assert_int_equal(ctl_model_network(m, "acme", "e")->seg_id, 5005);
    /* Freed numbers are reused. */
    must(ctl_model_del_network(m, "acme", "x", 0, &error), &error);
    add_network(m, "acme", "d", "10.5.0.0/16", "vxlan");
    assert_int_equal(ctl_model_network(m, "acme", "d")->seg_id, 5000);
    /* A put without a VNI keeps the network's own. */
    n.seg_id = 0;
    must(ctl_model_put_network(m, &n, 0, NULL, &error), &error);
    assert_int_equal(ctl_model_network(m, "acme", "a")->seg_id, 5002);
}

static void
test_network_cidr_change_keeps_ports_inside(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_network n = network("acme", "net1", "10.0.2.0/24", "vxlan");
    char *error = NULL;

    refused(ctl_model_put_network(m, &n, 0, NULL, &error), &error, -EBUSY,
            "port acme/web1 has IP 10.0.1.10, which is not a host address "
            "of 10.0.2.0/24");
    n = network("acme", "net1", "10.0.0.0/16", "vlan:300");
    must(ctl_model_put_network(m, &n, 0, NULL, &error), &error);
    assert_int_equal(ctl_model_network(m, "acme", "net1")->seg, CTL_SEG_VLAN);
}

static void
test_network_with_ports_cannot_go(void **state)
{
    struct ctl_model *m = *state;
    char *error = NULL;

    refused(ctl_model_del_network(m, "acme", "net1", 0, &error), &error, -EBUSY,
            "network acme/net1 still has port acme/web1");
    refused(ctl_model_del_network(m, "acme", "nope", 0, &error), &error,
            -ENOENT, "network acme/nope does not exist");
    must(ctl_model_del_port(m, "acme", "web1", 0, &error), &error);
    must(ctl_model_del_network(m, "acme", "net1", 0, &error), &error);
}

/* Ports. */

static void
test_port_needs_tenant_and_network(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_port p = port("acme", "p", "net9", "52:54:00:00:00:09", "");
    char *error = NULL;

    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -ENOENT,
            "port acme/p: network acme/net9 does not exist; create it first");
    p = port("ghost", "p", "net1", "52:54:00:00:00:09", "");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -ENOENT,
            "tenant ghost does not exist");
}

static void
test_port_addresses_are_checked(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_port p =
        port("acme", "p", "net1", "01:00:5e:00:00:01", "10.0.1.20");
    char *error = NULL;

    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "MAC 01:00:5e:00:00:01 is not a unicast address");
    p = port("acme", "p", "net1", "00:00:00:00:00:00", "10.0.1.20");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "not a unicast address");
    p = port("acme", "p", "net1", "52:54:00:00:00:02", "10.0.2.20");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "port acme/p: IP 10.0.2.20 is not a host address of network "
            "acme/net1 (10.0.1.0/24); give one inside it");
    p = port("acme", "p", "net1", "52:54:00:00:00:02", "10.0.1.255");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "IP 10.0.1.255 is not a host address");
    p = port("acme", "p", "net1", "52:54:00:00:00:02", "10.0.1.0");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "IP 10.0.1.0 is not a host address");
    p = port("acme", "p", "net1", "52:54:00:00:00:02", "10.0.1.5 10.0.1.5");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "IP 10.0.1.5 is given twice");
    p.n_ips = CTL_MAX_IPS + 1;
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "at most 8 IPs");
}

static void
test_port_mac_and_ips_are_unique_in_the_network(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_port p =
        port("acme", "web2", "net1", "52:54:00:00:00:01", "10.0.1.11");
    char *error = NULL;

    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EEXIST,
            "port acme/web2: MAC 52:54:00:00:00:01 is already used by port "
            "acme/web1 on network net1; give another MAC");
    p = port("acme", "web2", "net1", "52:54:00:00:00:02",
             "10.0.1.11 10.0.1.10");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EEXIST,
            "IP 10.0.1.10 is already used by port acme/web1");
    /* In another network, or another tenant, the same addresses are
     * fine. */
    add_network(m, "acme", "net2", "10.0.1.0/24", "vxlan");
    p = port("acme", "web2", "net2", "52:54:00:00:00:01", "10.0.1.10");
    add_port(m, &p);
    /* A port may keep its own addresses when it is replaced. */
    p = port("acme", "web1", "net1", "52:54:00:00:00:01",
             "10.0.1.10 10.0.1.12");
    add_port(m, &p);
    /* And the addresses it gave up are free again. */
    p = port("acme", "web1", "net1", "52:54:00:00:00:03", "10.0.1.13");
    add_port(m, &p);
    p = port("acme", "web3", "net1", "52:54:00:00:00:01",
             "10.0.1.10 10.0.1.12");
    add_port(m, &p);
}

static void
test_port_binding_keys(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_port p = port("acme", "web2", "net1", "52:54:00:00:00:02", "");
    char *error = NULL;

    assert_string_equal(ctl_model_port(m, "acme", "web1")->iface, "acme-web1");
    assert_non_null(ctl_model_port_by_iface(m, "acme-web1"));
    snprintf(p.iface, sizeof p.iface, "acme-web1");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EEXIST,
            "binding key acme-web1 is already used by port acme/web1");
    snprintf(p.iface, sizeof p.iface, "bad key");
    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "binding key \"bad key\" is invalid");
    snprintf(p.iface, sizeof p.iface, "acme/web2");
    add_port(m, &p);
    assert_string_equal(ctl_model_port_by_iface(m, "acme/web2")->name, "web2");
    /* Replacing the port with another key frees the old one. */
    snprintf(p.iface, sizeof p.iface, "vm2");
    add_port(m, &p);
    assert_null(ctl_model_port_by_iface(m, "acme/web2"));
    assert_non_null(ctl_model_port_by_iface(m, "vm2"));
}

/* Revisions. */

static void
test_revisions_count_changes(void **state)
{
    struct ctl_model *m = *state;
    uint64_t before = ctl_model_revision(m);
    uint64_t rev;

    assert_int_equal(before, 3);
    assert_int_equal(ctl_model_tenant(m, "acme")->rev, 1);
    assert_int_equal(ctl_model_network(m, "acme", "net1")->rev, 2);
    rev = add_tenant(m, "beta");
    assert_int_equal(rev, 4);
    assert_int_equal(ctl_model_revision(m), 4);
    /* Putting an existing tenant is no change. */
    assert_int_equal(add_tenant(m, "beta"), 4);
    assert_int_equal(ctl_model_revision(m), 4);
}

static void
test_stale_revisions_are_refused(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_port p =
        port("acme", "web1", "net1", "52:54:00:00:00:01", "10.0.1.11");
    uint64_t rev = ctl_model_port(m, "acme", "web1")->rev, new_rev;
    char *error = NULL;

    refused(ctl_model_put_port(m, &p, rev + 1, NULL, &error), &error, -ESTALE,
            "port acme/web1 is at revision 3, not 4: someone changed it");
    must(ctl_model_put_port(m, &p, rev, &new_rev, &error), &error);
    assert_true(new_rev > rev);
    refused(ctl_model_del_port(m, "acme", "web1", rev, &error), &error, -ESTALE,
            "read it again and retry");
    refused(ctl_model_del_network(m, "acme", "net1", 99, &error), &error,
            -ESTALE, "network acme/net1 is at revision 2");
    refused(ctl_model_del_tenant(m, "acme", 99, &error), &error, -ESTALE,
            "tenant acme is at revision 1");
    must(ctl_model_del_port(m, "acme", "web1", new_rev, &error), &error);
    /* Creating with an expected revision: there is none. */
    refused(ctl_model_put_port(m, &p, 5, NULL, &error), &error, -ENOENT,
            "does not exist, but revision 5 of it was expected");
}

static void
test_refused_changes_change_nothing(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_port p =
        port("acme", "web1", "net1", "52:54:00:00:00:05", "10.0.2.1");
    uint64_t before = ctl_model_revision(m);
    char *error = NULL;

    refused(ctl_model_put_port(m, &p, 0, NULL, &error), &error, -EINVAL,
            "not a host address");
    assert_int_equal(ctl_model_revision(m), before);
    assert_int_equal(ctl_model_port(m, "acme", "web1")->mac.ea[5], 1);
    assert_int_equal(ctl_model_port(m, "acme", "web1")->n_ips, 1);
}

/* Hosts. */

static void
test_hosts_are_unique_by_dpid_and_tunnel_ip(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_host h = host("h1", 1, "192.168.0.1", true);
    char *error = NULL;

    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    h = host("h2", 1, "192.168.0.2", true);
    refused(ctl_model_put_host(m, &h, 0, NULL, &error), &error, -EEXIST,
            "datapath id 0000000000000001 is already host h1's");
    h = host("h2", 2, "192.168.0.1", true);
    refused(ctl_model_put_host(m, &h, 0, NULL, &error), &error, -EEXIST,
            "tunnel IP 192.168.0.1 is already host h1's");
    h = host("h2", 0, NULL, true);
    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    h = host("h3", 0, NULL, true);
    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    assert_string_equal(ctl_model_host_by_dpid(m, 1)->name, "h1");
    assert_null(ctl_model_host_by_dpid(m, 0));
    h = host("h3", 0, NULL, true);
    snprintf(h.uplink, sizeof h.uplink, "bad name");
    refused(ctl_model_put_host(m, &h, 0, NULL, &error), &error, -EINVAL,
            "uplink \"bad name\" is invalid");
}

static void
test_registration_keeps_what_the_admin_declared(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_host h = host("h1", 0, "192.168.0.1", true);
    const struct ctl_host *got;
    char *error = NULL;
    uint64_t rev, rev2;

    snprintf(h.uplink, sizeof h.uplink, "eth1");
    must(ctl_model_put_host(m, &h, 0, &rev, &error), &error);
    h = host("h1", 0x42, "192.168.9.9", false);
    must(ctl_model_put_host(m, &h, 0, &rev2, &error), &error);
    got = ctl_model_host(m, "h1");
    assert_true(got->declared);
    assert_int_equal(got->dpid, 0x42);
    assert_int_equal(got->tunnel_ip, htonl(0xc0a80001));
    assert_string_equal(got->uplink, "eth1");
    assert_true(rev2 > rev);
    /* Registering again changes nothing, not even revisions. */
    must(ctl_model_put_host(m, &h, 0, &rev, &error), &error);
    assert_int_equal(rev, rev2);
    assert_int_equal(ctl_model_revision(m), rev2);
    /* A registered host is replaced by the next registration. */
    h = host("h9", 9, "192.168.0.9", false);
    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    h = host("h9", 10, "192.168.0.10", false);
    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    assert_int_equal(ctl_model_host(m, "h9")->dpid, 10);
}

/* Bindings. */

static void
test_bindings_follow_migration(void **state)
{
    struct ctl_model *m = *state;
    struct ctl_host h = host("h1", 1, "192.168.0.1", true);
    const struct ctl_binding *const *all;
    uint64_t rev, port_rev = ctl_model_port(m, "acme", "web1")->rev;
    char *error = NULL;

    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    rev = ctl_model_revision(m);
    ctl_model_bind(m, "acme-web1", "h1", 3);
    assert_int_equal(ctl_model_revision(m), rev + 1);
    assert_string_equal(ctl_model_binding(m, "acme-web1")->host, "h1");
    /* The same binding again is no change. */
    ctl_model_bind(m, "acme-web1", "h1", 3);
    assert_int_equal(ctl_model_revision(m), rev + 1);
    /* Migration: h2 reports the port; h1's late unbind does nothing. */
    ctl_model_bind(m, "acme-web1", "h2", 7);
    ctl_model_unbind(m, "acme-web1", "h1");
    assert_string_equal(ctl_model_binding(m, "acme-web1")->host, "h2");
    assert_int_equal(ctl_model_binding(m, "acme-web1")->ofport, 7);
    assert_int_equal(ctl_model_port(m, "acme", "web1")->rev, port_rev);
    ctl_model_bind(m, "other", "h1", 4);
    assert_int_equal(ctl_model_bindings(m, &all), 2);
    assert_string_equal(all[0]->host, "h1");
    assert_string_equal(all[1]->host, "h2");
    ctl_model_unbind(m, "acme-web1", "h2");
    assert_null(ctl_model_binding(m, "acme-web1"));
    /* Deleting a host drops its bindings. */
    must(ctl_model_del_host(m, "h1", 0, &error), &error);
    assert_null(ctl_model_binding(m, "other"));
    refused(ctl_model_del_host(m, "h1", 0, &error), &error, -ENOENT,
            "host h1 does not exist");
}

/* Iteration and restoring. */

static void
test_iteration_is_sorted_and_follows_changes(void **state)
{
    struct ctl_model *m = *state;
    const struct ctl_network *const *nets;
    const struct ctl_tenant *const *tenants;
    const struct ctl_port *const *ports;
    struct ctl_port p = port("aaa", "z", "n", "52:54:00:00:00:07", "");

    add_tenant(m, "zeta");
    add_tenant(m, "aaa");
    add_network(m, "aaa", "n", "10.0.0.0/8", "vxlan");
    add_network(m, "acme", "a", "10.0.0.0/8", "vxlan");
    assert_int_equal(ctl_model_tenants(m, &tenants), 3);
    assert_string_equal(tenants[0]->name, "aaa");
    assert_string_equal(tenants[2]->name, "zeta");
    assert_int_equal(ctl_model_networks(m, &nets), 3);
    assert_string_equal(nets[0]->tenant, "aaa");
    assert_string_equal(nets[1]->name, "a");
    assert_string_equal(nets[2]->name, "net1");
    add_port(m, &p);
    assert_int_equal(ctl_model_ports(m, &ports), 2);
    assert_string_equal(ports[0]->tenant, "aaa");
    assert_string_equal(ports[1]->name, "web1");
}

/* Random puts and deletes of ports and bindings, with iteration between
 * them (so that the sorted arrays are kept in step, not rebuilt), checked
 * against a trivial reference: a flag per name. */
static void
test_iteration_agrees_with_a_reference(void **state)
{
    enum { N = 64 };
    struct ctl_model *m = *state;
    bool port_present[N] = {false}, bound[N] = {false};
    char *error = NULL;

    srand(11);
    for (int op = 0; op < 5000; op++) {
        int i = rand() % N;
        char name[16], iface[24], host[8];

        snprintf(name, sizeof name, "p%02d", i);
        snprintf(iface, sizeof iface, "acme-p%02d", i);
        snprintf(host, sizeof host, "h%d", rand() % 3);
        switch (rand() % 4) {
        case 0: {
            struct ctl_port p =
                port("acme", name, "net1", "52:54:00:00:01:00", "");
            p.mac.ea[5] = (uint8_t) i;
            add_port(m, &p);
            port_present[i] = true;
            break;
        }
        case 1:
            if (port_present[i]) {
                must(ctl_model_del_port(m, "acme", name, 0, &error), &error);
                port_present[i] = false;
            }
            break;
        case 2:
            ctl_model_bind(m, iface, host, (uint32_t) i);
            bound[i] = true;
            break;
        default:
            if (bound[i] && !strcmp(ctl_model_binding(m, iface)->host, host)) {
                bound[i] = false;
            }
            ctl_model_unbind(m, iface, host);
            break;
        }
        if (op % 7 == 0) {
            const struct ctl_port *const *ports;
            const struct ctl_binding *const *bindings;
            size_t n_ports = ctl_model_ports(m, &ports), want = 1;
            size_t n_bindings = ctl_model_bindings(m, &bindings), n_bound = 0;

            for (int j = 0; j < N; j++) {
                want += port_present[j]; /* Plus web1 of the fixture. */
                n_bound += bound[j];
            }
            assert_int_equal(n_ports, want);
            assert_int_equal(n_bindings, n_bound);
            for (size_t j = 1; j < n_ports; j++) {
                assert_true(strcmp(ports[j - 1]->name, ports[j]->name) < 0);
            }
            for (size_t j = 1; j < n_bindings; j++) {
                int c = strcmp(bindings[j - 1]->host, bindings[j]->host);
                assert_true(
                    c < 0
                    || (c == 0
                        && strcmp(bindings[j - 1]->iface, bindings[j]->iface)
                               < 0));
            }
        }
    }
}

static void
test_restore_keeps_revisions(void **state)
{
    struct ctl_model *m = ctl_model_create();
    struct ctl_tenant t = {.name = "acme", .rev = 17};
    struct ctl_network n = network("acme", "n", "10.0.0.0/8", "vxlan:9");
    struct ctl_port p = port("acme", "p", "n", "52:54:00:00:00:07", "10.1.1.1");
    struct ctl_host h = host("h", 5, NULL, false);
    char *error = NULL;

    (void) state;
    n.rev = 20;
    p.rev = 30;
    h.rev = 40;
    must(ctl_model_restore_tenant(m, &t, &error), &error);
    must(ctl_model_restore_network(m, &n, &error), &error);
    must(ctl_model_restore_port(m, &p, &error), &error);
    must(ctl_model_restore_host(m, &h, &error), &error);
    assert_int_equal(ctl_model_revision(m), 0);
    ctl_model_set_revision(m, 41);
    assert_int_equal(ctl_model_tenant(m, "acme")->rev, 17);
    assert_int_equal(ctl_model_network(m, "acme", "n")->rev, 20);
    assert_int_equal(ctl_model_port(m, "acme", "p")->rev, 30);
    assert_int_equal(ctl_model_host(m, "h")->rev, 40);
    assert_int_equal(add_tenant(m, "next"), 42);
    /* Invalid saved objects are refused like puts. */
    n = network("ghost", "n", "10.0.0.0/8", "vxlan:9");
    refused(ctl_model_restore_network(m, &n, &error), &error, -ENOENT,
            "tenant ghost does not exist");
    ctl_model_destroy(m);
    ctl_model_destroy(NULL);
}

/* Parsers. */

static void
test_parse_segment(void **state)
{
    enum ctl_segment seg;
    uint32_t id;
    char *error = NULL;

    (void) state;
    must(ctl_parse_segment("vlan:100", &seg, &id, &error), &error);
    assert_int_equal(seg, CTL_SEG_VLAN);
    assert_int_equal(id, 100);
    must(ctl_parse_segment("vxlan:16777215", &seg, &id, &error), &error);
    assert_int_equal(seg, CTL_SEG_VXLAN);
    assert_int_equal(id, 16777215);
    must(ctl_parse_segment("vxlan", &seg, &id, &error), &error);
    assert_int_equal(id, 0);
    refused(ctl_parse_segment("vlan:4095", &seg, &id, &error), &error, -EINVAL,
            "a VLAN id is 1 to 4094");
    refused(ctl_parse_segment("vlan:", &seg, &id, &error), &error, -EINVAL,
            "VLAN id");
    refused(ctl_parse_segment("vlan:1x", &seg, &id, &error), &error, -EINVAL,
            "VLAN id");
    refused(ctl_parse_segment("vxlan:0", &seg, &id, &error), &error, -EINVAL,
            "a VXLAN VNI is 1 to 16777215");
    refused(ctl_parse_segment("vxlan:99999999999", &seg, &id, &error), &error,
            -EINVAL, "VNI");
    refused(ctl_parse_segment("gre:5", &seg, &id, &error), &error, -EINVAL,
            "give vlan:ID, vxlan:VNI or vxlan");
}

static void
test_parse_cidr(void **state)
{
    be32 ip;
    uint8_t len;
    char *error = NULL;

    (void) state;
    must(ctl_parse_cidr("10.0.1.0/24", &ip, &len, &error), &error);
    assert_int_equal(ip, htonl(0x0a000100));
    assert_int_equal(len, 24);
    must(ctl_parse_cidr("0.0.0.0/0", &ip, &len, &error), &error);
    must(ctl_parse_cidr("10.0.1.7/32", &ip, &len, &error), &error);
    refused(ctl_parse_cidr("10.0.1.5/24", &ip, &len, &error), &error, -EINVAL,
            "CIDR \"10.0.1.5/24\" has host bits set; did you mean "
            "10.0.1.0/24?");
    refused(ctl_parse_cidr("10.0.1.0", &ip, &len, &error), &error, -EINVAL,
            "like 10.0.1.0/24");
    refused(ctl_parse_cidr("10.0.1.0/33", &ip, &len, &error), &error, -EINVAL,
            "is invalid");
    refused(ctl_parse_cidr("10.0.1/24", &ip, &len, &error), &error, -EINVAL,
            "is invalid");
    refused(ctl_parse_cidr("10.0.1.0/-1", &ip, &len, &error), &error, -EINVAL,
            "is invalid");
}

static void
test_parse_name_mac_ip_dpid(void **state)
{
    char name[CTL_NAME_MAX + 1], iface[CTL_IFACE_MAX + 1];
    char long_name[CTL_NAME_MAX + 2];
    struct eth_addr mac;
    uint64_t dpid;
    char *error = NULL;
    be32 ip;

    (void) state;
    must(ctl_parse_name("port", "web-1.a_b", name, &error), &error);
    assert_string_equal(name, "web-1.a_b");
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    refused(ctl_parse_name("port", long_name, name, &error), &error, -EINVAL,
            "use 1 to 32 letters");
    refused(ctl_parse_name("port", "", name, &error), &error, -EINVAL,
            "port name \"\" is invalid");
    refused(ctl_parse_name("port", "_x", name, &error), &error, -EINVAL,
            "starting with a letter or digit");
    must(ctl_parse_mac("52:54:00:AB:cd:ef", &mac, &error), &error);
    assert_int_equal(mac.ea[3], 0xab);
    refused(ctl_parse_mac("52:54:00:ab:cd", &mac, &error), &error, -EINVAL,
            "give six hex bytes");
    refused(ctl_parse_mac("52:54:00:ab:cd:efg", &mac, &error), &error, -EINVAL,
            "six hex bytes");
    refused(ctl_parse_mac("52-54-00-ab-cd-ef", &mac, &error), &error, -EINVAL,
            "six hex bytes");
    must(ctl_parse_ipv4("IP", "10.0.0.1", &ip, &error), &error);
    refused(ctl_parse_ipv4("tunnel IP", "10.0.0.256", &ip, &error), &error,
            -EINVAL, "tunnel IP \"10.0.0.256\" is not an IPv4 address");
    must(ctl_parse_dpid("00000000000000fF", &dpid, &error), &error);
    assert_int_equal(dpid, 255);
    refused(ctl_parse_dpid("ff", &dpid, &error), &error, -EINVAL,
            "give 16 hex digits");
    refused(ctl_parse_dpid("00000000000000fg", &dpid, &error), &error, -EINVAL,
            "16 hex digits");
    refused(ctl_parse_dpid("00000000000000ff0", &dpid, &error), &error, -EINVAL,
            "16 hex digits");
    must(ctl_parse_iface("acme/web1", iface, &error), &error);
    refused(ctl_parse_iface("a,b", iface, &error), &error, -EINVAL,
            "without spaces, quotes or commas");
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_tenant_names_are_checked),
        T(test_tenant_with_networks_cannot_go),
        T(test_network_needs_its_tenant),
        T(test_network_values_are_checked),
        T(test_segments_are_unique_across_tenants),
        T(test_vnis_are_allocated_lowest_first),
        T(test_network_cidr_change_keeps_ports_inside),
        T(test_network_with_ports_cannot_go),
        T(test_port_needs_tenant_and_network),
        T(test_port_addresses_are_checked),
        T(test_port_mac_and_ips_are_unique_in_the_network),
        T(test_port_binding_keys),
        T(test_revisions_count_changes),
        T(test_stale_revisions_are_refused),
        T(test_refused_changes_change_nothing),
        T(test_hosts_are_unique_by_dpid_and_tunnel_ip),
        T(test_registration_keeps_what_the_admin_declared),
        T(test_bindings_follow_migration),
        T(test_iteration_is_sorted_and_follows_changes),
        T(test_iteration_agrees_with_a_reference),
        cmocka_unit_test(test_restore_keeps_revisions),
        cmocka_unit_test(test_parse_segment),
        cmocka_unit_test(test_parse_cidr),
        cmocka_unit_test(test_parse_name_mac_ip_dpid),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
