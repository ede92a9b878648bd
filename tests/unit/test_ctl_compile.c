/* The compiler on model fixtures: port security, tenant isolation with
 * overlapping subnets, flooding sets, tunnels only to hosts that share a
 * network, VLAN networks on the uplink, migration, and determinism. */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "controller/ctl_compile.h"
#include "controller/ctl_flowset.h"
#include "controller/ctl_model.h"
#include "lib/strbuf.h"
#include "ofproto/ofp_text.h"

/* Two tenants with the same subnet 10.0.1.0/24: acme/net1 (VXLAN 5001)
 * with web1 on h1, web2 on h2 and web3 unbound; globex/net1 (VXLAN 6001)
 * with db1 on h1 and db2 on h3; acme/vl (VLAN 100) with app1 on h1 and
 * app2 on h2.  Hosts h1..h3 have tunnel IPs 192.168.50.1..3; h1 and h2
 * have an uplink "eth1". */
struct fixture {
    struct ctl_model *m;
    struct ctl_flowset fs;
    char *text; /* Of the last compile. */
};

static void
ok(int error, char *msg)
{
    if (error) {
        fail_msg("%s", msg ? msg : "(no message)");
    }
}

static void
put_host(struct ctl_model *m, const char *name, const char *ip,
         const char *uplink)
{
    struct ctl_host h;
    char *error = NULL;

    memset(&h, 0, sizeof h);
    snprintf(h.name, sizeof h.name, "%s", name);
    inet_pton(AF_INET, ip, &h.tunnel_ip);
    snprintf(h.uplink, sizeof h.uplink, "%s", uplink);
    h.dpid = ntohl(h.tunnel_ip);
    h.declared = true;
    ok(ctl_model_put_host(m, &h, 0, NULL, &error), error);
}

static void
put_network(struct ctl_model *m, const char *tenant, const char *name,
            const char *segment)
{
    struct ctl_network n;
    char *error = NULL;

    memset(&n, 0, sizeof n);
    snprintf(n.tenant, sizeof n.tenant, "%s", tenant);
    snprintf(n.name, sizeof n.name, "%s", name);
    ok(ctl_parse_cidr("10.0.1.0/24", &n.cidr_ip, &n.cidr_len, &error), error);
    ok(ctl_parse_segment(segment, &n.seg, &n.seg_id, &error), error);
    ok(ctl_model_put_network(m, &n, 0, NULL, &error), error);
}

/* Port TENANT/NAME on NET with MAC 52:54:00:00:00:MAC_BYTE and IP
 * 10.0.1.IP_BYTE, bound to HOST at OFPORT (unbound if HOST is NULL). */
static void
put_port(struct ctl_model *m, const char *tenant, const char *name,
         const char *net, int mac_byte, int ip_byte, const char *host,
         uint32_t ofport)
{
    struct ctl_port p;
    char *error = NULL, ip[16];

    memset(&p, 0, sizeof p);
    snprintf(p.tenant, sizeof p.tenant, "%s", tenant);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.network, sizeof p.network, "%s", net);
    p.mac = (struct eth_addr){{0x52, 0x54, 0, 0, 0, (uint8_t) mac_byte}};
    snprintf(ip, sizeof ip, "10.0.1.%d", ip_byte);
    inet_pton(AF_INET, ip, &p.ips[0]);
    p.n_ips = 1;
    ok(ctl_model_put_port(m, &p, 0, NULL, &error), error);
    if (host) {
        char iface[80];

        snprintf(iface, sizeof iface, "%s-%s", tenant, name);
        ctl_model_bind(m, iface, host, ofport);
    }
}

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct ctl_tenant t;
    char *error = NULL;

    f->m = ctl_model_create();
    for (int i = 0; i < 2; i++) {
        memset(&t, 0, sizeof t);
        snprintf(t.name, sizeof t.name, "%s", i ? "globex" : "acme");
        ok(ctl_model_put_tenant(f->m, &t, 0, NULL, &error), error);
    }
    put_host(f->m, "h1", "192.168.50.1", "eth1");
    put_host(f->m, "h2", "192.168.50.2", "eth1");
    put_host(f->m, "h3", "192.168.50.3", "");
    put_network(f->m, "acme", "net1", "vxlan:5001");
    put_network(f->m, "globex", "net1", "vxlan:6001");
    put_network(f->m, "acme", "vl", "vlan:100");
    put_port(f->m, "acme", "web1", "net1", 1, 11, "h1", 1);
    put_port(f->m, "acme", "web2", "net1", 2, 12, "h2", 1);
    put_port(f->m, "acme", "web3", "net1", 3, 13, NULL, 0);
    put_port(f->m, "globex", "db1", "net1", 1, 11, "h1", 2);
    put_port(f->m, "globex", "db2", "net1", 4, 12, "h3", 7);
    put_port(f->m, "acme", "app1", "vl", 5, 21, "h1", 3);
    put_port(f->m, "acme", "app2", "vl", 6, 22, "h2", 2);
    ctl_flowset_init(&f->fs);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    ctl_flowset_uninit(&f->fs);
    ctl_model_destroy(f->m);
    free(f->text);
    free(f);
    return 0;
}

static const char *
compile(struct fixture *f, const char *host)
{
    struct strbuf sb = STRBUF_INIT;

    ctl_compile_host(f->m, host, &f->fs);
    ctl_flowset_format(&f->fs, &sb);
    free(f->text);
    f->text = strbuf_steal(&sb);
    return f->text;
}

/* Asserts that the compiled text has a line containing every one of the
 * NULL-terminated fragments (or none, if 'want' is false). */
static void
assert_line(const char *text, int want, ...)
{
    const char *line = text;
    bool found = false;

    while (line && *line && !found) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t) (end - line) : strlen(line);
        char *copy = strndup(line, len);
        const char *frag;
        va_list args;

        found = true;
        va_start(args, want);
        while ((frag = va_arg(args, const char *))) {
            found &= strstr(copy, frag) != NULL;
        }
        va_end(args);
        free(copy);
        line = end ? end + 1 : NULL;
    }
    if (found != want) {
        fail_msg("%s line with the fragments in:\n%s",
                 want ? "no" : "an unexpected", text);
    }
}

#define HAS(TEXT, ...) assert_line(TEXT, true, __VA_ARGS__, (char *) NULL)
#define HASNT(TEXT, ...) assert_line(TEXT, false, __VA_ARGS__, (char *) NULL)

static void
test_port_security(void **state)
{
    const char *t = compile(*state, "h1");

    HAS(t, "table=0,priority=100,", "in_port=1,dl_src=52:54:00:00:00:01,ip,"
        "nw_src=10.0.1.11", "write_metadata:0x1001389", "goto_table:1");
    HAS(t, "in_port=1,dl_src=52:54:00:00:00:01,arp,arp_spa=10.0.1.11,"
        "arp_sha=52:54:00:00:00:01");
    HAS(t, "table=0,priority=10,", "in_port=1,", "actions=drop");
    HAS(t, "table=0,priority=0,", "actions=drop");
    HAS(t, "table=1,priority=0,", "actions=drop");
    /* No other IP for web1. */
    HASNT(t, "in_port=1,", "nw_src=10.0.1.12");
}

static void
test_tenants_with_the_same_subnet_stay_apart(void **state)
{
    const char *t = compile(*state, "h1");

    /* Both tenants' 10.0.1.11 are on h1, in different networks. */
    HAS(t, "in_port=2,dl_src=52:54:00:00:00:01,ip,nw_src=10.0.1.11",
        "write_metadata:0x1001771");
    HAS(t, "metadata=0x1001389,dl_dst=52:54:00:00:00:01", "output:1");
    HAS(t, "metadata=0x1001771,dl_dst=52:54:00:00:00:01", "output:2");
    /* globex's db2 (h3) is reached only from globex's network. */
    HAS(t, "metadata=0x1001771,reg0=1,dl_dst=52:54:00:00:00:04",
        "set_field:6001->tun_id", "set_field:192.168.50.3->tun_dst",
        "output:pont-tun");
    HASNT(t, "metadata=0x1001389", "dl_dst=52:54:00:00:00:04");
    HAS(t, "in_port=pont-tun,tun_id=5001", "write_metadata:0x1001389");
    HAS(t, "in_port=pont-tun,tun_id=6001", "write_metadata:0x1001771");
}

static void
test_flooding_reaches_exactly_the_network(void **state)
{
    const char *t = compile(*state, "h1");

    /* acme/net1 on h1: local web1 (port 1), remote h2 (web2); not h3. */
    HAS(t, "group_id=33564434,type=all,bucket=output:1");
    HAS(t, "group_id=33564435,type=all,bucket=output:1,bucket=set_field:5001"
        "->tun_id,set_field:192.168.50.2->tun_dst,output:pont-tun");
    HASNT(t, "group_id=33564435", "192.168.50.3");
    HAS(t, "metadata=0x1001389,reg0=1,dl_dst=01:00:00:00:00:00/01:00:00:00:"
        "00:00", "group:33564435");
    HAS(t, "metadata=0x1001389,reg0=0,dl_dst=01:00:00:00:00:00/01:00:00:00:"
        "00:00", "group:33564434");
}

static void
test_hosts_get_only_their_networks(void **state)
{
    const char *t = compile(*state, "h3");

    HAS(t, "in_port=7,dl_src=52:54:00:00:00:04");
    HAS(t, "in_port=pont-tun,tun_id=6001");
    HASNT(t, "tun_id=5001");
    HASNT(t, "0x1001389");
    HASNT(t, "0x2000064");
    /* The unbound web3 is nowhere. */
    HASNT(compile(*state, "h1"), "52:54:00:00:00:03");
}

static void
test_vlan_network_uses_the_uplink(void **state)
{
    const char *t = compile(*state, "h1");

    HAS(t, "in_port=eth1,dl_vlan=100", "pop_vlan",
        "write_metadata:0x2000064");
    HAS(t, "metadata=0x2000064,reg0=1,dl_dst=52:54:00:00:00:06",
        "push_vlan:0x8100,set_field:4196->vlan_vid,output:eth1");
    HAS(t, "group_id=67109064,type=all,bucket=output:3");
    HAS(t, "group_id=67109065,type=all,bucket=output:3,bucket=push_vlan:"
        "0x8100,set_field:4196->vlan_vid,output:eth1");
}

static void
test_migration_moves_the_tunnel(void **state)
{
    struct fixture *f = *state;

    ctl_model_bind(f->m, "acme-web2", "h3", 5);
    const char *t = compile(f, "h1");
    HAS(t, "metadata=0x1001389,reg0=1,dl_dst=52:54:00:00:00:02",
        "set_field:192.168.50.3->tun_dst");
    HASNT(t, "192.168.50.2->tun_dst", "5001");
    t = compile(f, "h3");
    HAS(t, "in_port=5,dl_src=52:54:00:00:00:02");
}

static void
test_same_model_same_flows(void **state)
{
    struct fixture *f = *state;
    char *first = strdup(compile(f, "h1"));

    assert_string_equal(first, compile(f, "h1"));
    free(first);
    /* An unknown host gets the defaults only: drop in both tables. */
    compile(f, "nobody");
    assert_int_equal(f->fs.n_flows, 2);
    assert_int_equal(f->fs.n_groups, 0);
    HAS(f->text, "table=0,priority=0,", "actions=drop");
    HAS(f->text, "table=1,priority=0,", "actions=drop");
}

/* Every flow and group parses as OpenFlow, with the switch's port names
 * (what the southbound does with them). */
static void
test_everything_parses_as_openflow(void **state)
{
    struct fixture *f = *state;
    struct ofp_port_map *map = ofp_port_map_create();

    ofp_port_map_add(map, 100, "eth1");
    ofp_port_map_add(map, 101, "pont-tun");
    compile(f, "h1");
    assert_true(f->fs.n_flows > 20);
    for (size_t i = 0; i < f->fs.n_flows; i++) {
        const struct ctl_flow *fl = &f->fs.flows[i];
        struct ofp_flow_mod fm;
        char text[512], *error = NULL;

        snprintf(text, sizeof text, "table=%u,priority=%u,%s%sactions=%s",
                 fl->table, fl->priority, fl->match, fl->match[0] ? "," : "",
                 fl->actions);
        if (ofp_text_parse_flow_mod(text, OFPFC_ADD, map, &fm, &error)) {
            fail_msg("%s: %s", text, error);
        }
        ofp_instructions_free(&fm.instructions);
    }
    for (size_t i = 0; i < f->fs.n_groups; i++) {
        struct ofp_group_mod gm;
        char text[512], *error = NULL;

        snprintf(text, sizeof text, "group_id=%u,%s", f->fs.groups[i].id,
                 f->fs.groups[i].spec);
        if (ofp_text_parse_group_mod(text, OFPGC_ADD, map, &gm, &error)) {
            fail_msg("%s: %s", text, error);
        }
        ofp_text_group_mod_free(&gm);
    }
    ofp_port_map_destroy(map);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
        T(test_port_security),
        T(test_tenants_with_the_same_subnet_stay_apart),
        T(test_flooding_reaches_exactly_the_network),
        T(test_hosts_get_only_their_networks),
        T(test_vlan_network_uses_the_uplink),
        T(test_migration_moves_the_tunnel),
        T(test_same_model_same_flows),
        T(test_everything_parses_as_openflow),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
