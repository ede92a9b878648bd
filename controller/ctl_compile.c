/* The compiler.  See ctl_compile.h and controller/README.md. */
#include "controller/ctl_compile.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_flowset.h"
#include "controller/ctl_model.h"
#include "lib/hash.h"
#include "lib/hmap.h"
#include "lib/util.h"

#define T_CLASSIFY 0
#define T_DELIVER 1

/* A port of a network and where it is bound. */
struct placed_port {
    const struct ctl_port *port;
    const struct ctl_host *host; /* NULL: bound here. */
    uint32_t ofport;             /* When bound here. */
};

/* A network present on the host being compiled, with its bound ports. */
struct net_view {
    struct hmap_node node;
    const struct ctl_network *net;
    uint64_t md;
    struct placed_port *ports; /* In the model's port order. */
    size_t n_ports;
};

struct compiler {
    const struct ctl_model *model;
    const struct ctl_host *host;
    struct ctl_flowset *out;
    struct hmap views;       /* struct net_view, by network. */
    struct net_view **order; /* The views in the order of the networks. */
    size_t n_views;
};

uint64_t
ctl_compile_network_md(const struct ctl_network *net)
{
    return (uint64_t) (net->seg == CTL_SEG_VXLAN ? 1 : 2) << 24 | net->seg_id;
}

static void
format_mac(const struct eth_addr *mac, char buf[18])
{
    const uint8_t *a = mac->ea;

    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3],
             a[4], a[5]);
}

static void
format_ip(be32 ip, char buf[16])
{
    struct in_addr a = {.s_addr = ip};

    inet_ntop(AF_INET, &a, buf, 16);
}

static char *
key_of(const char *tenant, const char *name)
{
    size_t n = strlen(tenant) + strlen(name) + 2;
    char *key = xmalloc(n);

    snprintf(key, n, "%s/%s", tenant, name);
    return key;
}

static uint64_t
cookie_of(enum ctl_cookie_kind kind, const char *tenant, const char *name)
{
    char *key = key_of(tenant, name);
    uint64_t cookie = ctl_cookie(kind, key);

    free(key);
    return cookie;
}

/* Where 'port' is bound: its host (NULL if unbound or the host is not in
 * the model) and OpenFlow port. */
static const struct ctl_host *
placement(const struct compiler *c, const struct ctl_port *port,
          uint32_t *ofport)
{
    const struct ctl_binding *b = ctl_model_binding(c->model, port->iface);

    if (!b) {
        return NULL;
    }
    *ofport = b->ofport;
    return ctl_model_host(c->model, b->host);
}

static struct net_view *
find_view(const struct compiler *c, const struct ctl_network *net)
{
    uint32_t hash = hash_uint64((uintptr_t) net, 0);

    for (struct hmap_node *n = hmap_first_with_hash(&c->views, hash); n;
         n = hmap_next_with_hash(n)) {
        struct net_view *v = CONTAINER_OF(n, struct net_view, node);

        if (v->net == net) {
            return v;
        }
    }
    return NULL;
}

static struct net_view *
add_view(struct compiler *c, const struct ctl_network *net)
{
    struct net_view *v = find_view(c, net);

    if (!v) {
        v = xzalloc(sizeof *v);
        v->net = net;
        v->md = ctl_compile_network_md(net);
        hmap_insert(&c->views, &v->node, hash_uint64((uintptr_t) net, 0));
        c->order = xrealloc(c->order, (c->n_views + 1) * sizeof *c->order);
        c->order[c->n_views++] = v;
    }
    return v;
}

/* Finds the networks with a port bound here, then places every bound port
 * of those networks.  Each port is looked up once (its binding, host and
 * network), for both passes. */
static void
build_views(struct compiler *c)
{
    const struct ctl_port *const *ports;
    size_t n = ctl_model_ports(c->model, &ports);
    struct placed_port *placed = xmalloc((n + 1) * sizeof *placed);
    const struct ctl_network **nets = xmalloc((n + 1) * sizeof *nets);

    for (size_t i = 0; i < n; i++) {
        const struct ctl_port *p = ports[i];
        uint32_t ofport = 0;
        const struct ctl_host *h = placement(c, p, &ofport);

        nets[i] = h ? ctl_model_network(c->model, p->tenant, p->network)
                    : NULL;
        placed[i] = (struct placed_port){p, h, ofport};
        if (nets[i] && h == c->host) {
            add_view(c, nets[i]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct net_view *v = nets[i] ? find_view(c, nets[i]) : NULL;

        if (v) {
            v->ports = xrealloc(v->ports, (v->n_ports + 1) * sizeof *v->ports);
            v->ports[v->n_ports] = placed[i];
            if (placed[i].host == c->host) {
                v->ports[v->n_ports].host = NULL;
            }
            v->n_ports++;
        }
    }
    free(placed);
    free(nets);
}

static void
free_views(struct compiler *c)
{
    for (size_t i = 0; i < c->n_views; i++) {
        free(c->order[i]->ports);
        free(c->order[i]);
    }
    free(c->order);
    hmap_destroy(&c->views);
}

/* Table 0: lets what 'match' (after "in_port=P,dl_src=MAC,") selects from
 * local port 'pp' into the network of 'v'. */
static void
admit(struct compiler *c, const struct net_view *v,
      const struct placed_port *pp, uint64_t cookie, const char *mac,
      const char *match)
{
    char full[192];

    snprintf(full, sizeof full, "in_port=%u,dl_src=%s,%s", pp->ofport, mac,
             match);
    ctl_flowset_add_flow(c->out, T_CLASSIFY, 100, cookie, full,
                         "set_field:1->reg0,write_metadata:%#llx,"
                         "goto_table:%d",
                         (unsigned long long) v->md, T_DELIVER);
}

/* Table 0: what a local port may send, tagged with its network: IPv4 and
 * ARP from its own addresses, IPv6 link-local and duplicate address
 * detection; nothing else. */
static void
port_security(struct compiler *c, const struct net_view *v,
              const struct placed_port *pp)
{
    const struct ctl_port *p = pp->port;
    uint64_t cookie = cookie_of(CTL_COOKIE_PORT, p->tenant, p->name);
    char mac[18], ip[16], match[128];

    format_mac(&p->mac, mac);
    for (size_t i = 0; i < p->n_ips; i++) {
        format_ip(p->ips[i], ip);
        snprintf(match, sizeof match, "ip,nw_src=%s", ip);
        admit(c, v, pp, cookie, mac, match);
        snprintf(match, sizeof match, "arp,arp_spa=%s,arp_sha=%s", ip, mac);
        admit(c, v, pp, cookie, mac, match);
    }
    admit(c, v, pp, cookie, mac, "ipv6,ipv6_src=fe80::/10");
    admit(c, v, pp, cookie, mac, "icmp6,ipv6_src=::,icmpv6_type=135");
    snprintf(match, sizeof match, "in_port=%u", pp->ofport);
    ctl_flowset_add_flow(c->out, T_CLASSIFY, 10, cookie, match, "drop");
}

/* The actions that take a packet of 'v' to remote host 'h', or NULL if
 * there is no way (no tunnel IP; no uplink). */
static char *
remote_actions(const struct compiler *c, const struct net_view *v,
               const struct ctl_host *h)
{
    char ip[16], *s;

    if (v->net->seg == CTL_SEG_VLAN) {
        if (!c->host->uplink[0]) {
            return NULL;
        }
        s = xmalloc(128);
        snprintf(s, 128, "push_vlan:0x8100,set_field:%u->vlan_vid,output:%s",
                 4096 + v->net->seg_id, c->host->uplink);
        return s;
    }
    if (!h->tunnel_ip) {
        return NULL;
    }
    format_ip(h->tunnel_ip, ip);
    s = xmalloc(128);
    snprintf(s, 128, "set_field:%u->tun_id,set_field:%s->tun_dst,output:%s",
             v->net->seg_id, ip, CTL_TUNNEL_PORT);
    return s;
}

/* Table 0: the network's packets from the overlay. */
static void
network_ingress(struct compiler *c, const struct net_view *v, uint64_t cookie)
{
    char match[96];

    if (v->net->seg == CTL_SEG_VXLAN) {
        snprintf(match, sizeof match, "in_port=%s,tun_id=%u", CTL_TUNNEL_PORT,
                 v->net->seg_id);
        ctl_flowset_add_flow(c->out, T_CLASSIFY, 100, cookie, match,
                             "write_metadata:%#llx,goto_table:%d",
                             (unsigned long long) v->md, T_DELIVER);
    } else if (c->host->uplink[0]) {
        snprintf(match, sizeof match, "in_port=%s,dl_vlan=%u", c->host->uplink,
                 v->net->seg_id);
        ctl_flowset_add_flow(c->out, T_CLASSIFY, 100, cookie, match,
                             "pop_vlan,write_metadata:%#llx,goto_table:%d",
                             (unsigned long long) v->md, T_DELIVER);
    }
}

/* Appends ",bucket=ACTIONS" to the group spec being built in 's'. */
static void
add_bucket(char **s, size_t *len, const char *actions)
{
    size_t n = strlen(actions) + 9;

    *s = xrealloc(*s, *len + n);
    *len += (size_t) snprintf(*s + *len, n, ",bucket=%s", actions);
}

/* The two flooding groups of 'v' and the flows that use them. */
static void
network_flooding(struct compiler *c, const struct net_view *v, uint64_t cookie)
{
    uint32_t g_local = (uint32_t) (v->md << 1), g_all = g_local | 1;
    char *spec = xstrdup("type=all");
    size_t len = strlen(spec);
    char match[128], out[24];
    bool vlan_bucket = false;

    for (size_t i = 0; i < v->n_ports; i++) {
        if (!v->ports[i].host) {
            snprintf(out, sizeof out, "output:%u", v->ports[i].ofport);
            add_bucket(&spec, &len, out);
        }
    }
    ctl_flowset_add_group(c->out, g_local, spec);
    for (size_t i = 0; i < v->n_ports; i++) {
        const struct ctl_host *h = v->ports[i].host;
        bool seen = false;
        char *actions;

        /* One bucket per remote host (the VLAN: one in all). */
        for (size_t j = 0; h && j < i; j++) {
            seen |= v->ports[j].host == h;
        }
        if (!h || seen || vlan_bucket || !(actions = remote_actions(c, v, h))) {
            continue;
        }
        vlan_bucket = v->net->seg == CTL_SEG_VLAN;
        add_bucket(&spec, &len, actions);
        free(actions);
    }
    ctl_flowset_add_group(c->out, g_all, spec);
    free(spec);

    for (int from_vm = 0; from_vm < 2; from_vm++) {
        uint32_t group = from_vm ? g_all : g_local;

        snprintf(match, sizeof match,
                 "metadata=%#llx,reg0=%d,dl_dst=01:00:00:00:00:00/"
                 "01:00:00:00:00:00",
                 (unsigned long long) v->md, from_vm);
        ctl_flowset_add_flow(c->out, T_DELIVER, 50, cookie, match, "group:%u",
                             group);
        snprintf(match, sizeof match, "metadata=%#llx,reg0=%d",
                 (unsigned long long) v->md, from_vm);
        ctl_flowset_add_flow(c->out, T_DELIVER, 10, cookie, match, "group:%u",
                             group);
    }
}

/* Table 1: unicast to each bound port of the network. */
static void
network_delivery(struct compiler *c, const struct net_view *v)
{
    for (size_t i = 0; i < v->n_ports; i++) {
        const struct placed_port *pp = &v->ports[i];
        uint64_t cookie =
            cookie_of(CTL_COOKIE_PORT, pp->port->tenant, pp->port->name);
        char mac[18], match[128], *actions;

        format_mac(&pp->port->mac, mac);
        if (!pp->host) {
            snprintf(match, sizeof match, "metadata=%#llx,dl_dst=%s",
                     (unsigned long long) v->md, mac);
            ctl_flowset_add_flow(c->out, T_DELIVER, 100, cookie, match,
                                 "output:%u", pp->ofport);
        } else if ((actions = remote_actions(c, v, pp->host))) {
            snprintf(match, sizeof match, "metadata=%#llx,reg0=1,dl_dst=%s",
                     (unsigned long long) v->md, mac);
            ctl_flowset_add_flow(c->out, T_DELIVER, 100, cookie, match, "%s",
                                 actions);
            free(actions);
        }
    }
}

void
ctl_compile_host(const struct ctl_model *model, const char *host,
                 struct ctl_flowset *out)
{
    struct compiler c = {
        .model = model,
        .host = ctl_model_host(model, host),
        .out = out,
    };
    uint64_t infra = ctl_cookie(CTL_COOKIE_INFRA, "pipeline");

    ctl_flowset_uninit(out);
    ctl_flowset_init(out);
    hmap_init(&c.views);
    if (c.host) {
        build_views(&c);
    }
    for (size_t i = 0; i < c.n_views; i++) {
        const struct net_view *v = c.order[i];
        uint64_t cookie =
            cookie_of(CTL_COOKIE_NETWORK, v->net->tenant, v->net->name);

        for (size_t j = 0; j < v->n_ports; j++) {
            if (!v->ports[j].host) {
                port_security(&c, v, &v->ports[j]);
            }
        }
        network_ingress(&c, v, cookie);
        network_flooding(&c, v, cookie);
        network_delivery(&c, v);
    }
    ctl_flowset_add_flow(out, T_CLASSIFY, 0, infra, "", "drop");
    ctl_flowset_add_flow(out, T_DELIVER, 0, infra, "", "drop");
    free_views(&c);
    ctl_flowset_sort(out);
}
