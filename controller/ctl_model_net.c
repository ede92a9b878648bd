/* The model's networks and ports (ctl_model.h): their validation, VNI
 * allocation, and the index of the addresses (MACs, IPs) that each port
 * claims in its network, which makes the uniqueness checks lookups. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model_private.h"
#include "lib/hash.h"
#include "lib/strbuf.h"
#include "lib/util.h"

/* Formats "network T/N" or "port T/N" for messages. */
#define WHAT_LEN (2 * CTL_NAME_MAX + 16)

static uint32_t
cidr_mask(uint8_t len)
{
    return len ? UINT32_MAX << (32 - len) : 0;
}

/* Returns true if 'ip' is a host address of network 'n': inside its CIDR
 * and, for prefixes up to /30, neither the network nor the broadcast
 * address. */
static bool
ip_fits(const struct ctl_network *n, be32 ip)
{
    uint32_t mask = cidr_mask(n->cidr_len), h = ntohl(ip);

    if ((h & mask) != ntohl(n->cidr_ip)) {
        return false;
    }
    return n->cidr_len > 30 || ((h & ~mask) && (h & ~mask) != ~mask);
}

static void
format_cidr(const struct ctl_network *n, char out[CTL_IP_STRLEN + 4])
{
    char ip[CTL_IP_STRLEN];

    ctl_format_ipv4(n->cidr_ip, ip);
    snprintf(out, CTL_IP_STRLEN + 4, "%s/%u", ip, n->cidr_len);
}

/* Networks. */

static int
check_network_values(const struct ctl_network *n, const char *what,
                     char **errorp)
{
    if (n->cidr_len > 32 || ntohl(n->cidr_ip) & ~cidr_mask(n->cidr_len)) {
        *errorp = xasprintf("%s: the CIDR must be a network address with a "
                            "prefix length of 0 to 32 and no host bits, "
                            "like 10.0.1.0/24",
                            what);
        return -EINVAL;
    }
    if (n->seg == CTL_SEG_VLAN && (n->seg_id < 1 || n->seg_id > CTL_VLAN_MAX)) {
        *errorp = xasprintf("%s: VLAN id %" PRIu32 " is out of range; give "
                            "1 to %d",
                            what, n->seg_id, CTL_VLAN_MAX);
        return -EINVAL;
    }
    if (n->seg == CTL_SEG_VXLAN && n->seg_id > CTL_VNI_MAX) {
        *errorp = xasprintf("%s: VNI %" PRIu32 " is out of range; give 1 "
                            "to %u, or none to have one allocated",
                            what, n->seg_id, CTL_VNI_MAX);
        return -EINVAL;
    }
    if (n->seg != CTL_SEG_VLAN && n->seg != CTL_SEG_VXLAN) {
        *errorp = xasprintf("%s: the segment must be VLAN or VXLAN", what);
        return -EINVAL;
    }
    return 0;
}

/* The network other than 'self' that uses segment 'seg' 'id', or NULL. */
static const struct ctl_network_node *
segment_user(const struct ctl_model *m, enum ctl_segment seg, uint32_t id,
             const struct ctl_network_node *self)
{
    for (struct hmap_node *node = hmap_first(&m->networks); node;
         node = hmap_next(&m->networks, node)) {
        const struct ctl_network_node *x =
            CONTAINER_OF(node, struct ctl_network_node, node);
        if (x != self && x->n.seg == seg && x->n.seg_id == id) {
            return x;
        }
    }
    return NULL;
}

static int
cmp_u32(const void *a_, const void *b_)
{
    const uint32_t *a = a_, *b = b_;
    return *a < *b ? -1 : *a > *b;
}

/* Returns the lowest VNI from CTL_VNI_AUTO_MIN that no network uses, or 0
 * if there is none. */
static uint32_t
allocate_vni(const struct ctl_model *m)
{
    uint32_t *used = xmalloc((hmap_count(&m->networks) + 1) * sizeof *used);
    uint32_t vni = CTL_VNI_AUTO_MIN;
    size_t n = 0;

    for (struct hmap_node *node = hmap_first(&m->networks); node;
         node = hmap_next(&m->networks, node)) {
        const struct ctl_network_node *x =
            CONTAINER_OF(node, struct ctl_network_node, node);
        if (x->n.seg == CTL_SEG_VXLAN && x->n.seg_id >= CTL_VNI_AUTO_MIN) {
            used[n++] = x->n.seg_id;
        }
    }
    qsort(used, n, sizeof *used, cmp_u32);
    for (size_t i = 0; i < n && used[i] <= vni; i++) {
        if (used[i] == vni) {
            vni++;
        }
    }
    free(used);
    return vni <= CTL_VNI_MAX ? vni : 0;
}

/* Picks the segment id of 'n' if it has none: the network's current VNI
 * when it stays VXLAN, else a free one. */
static int
assign_vni(const struct ctl_model *m, struct ctl_network *n,
           const struct ctl_network_node *old, const char *what, char **errorp)
{
    if (n->seg != CTL_SEG_VXLAN || n->seg_id) {
        return 0;
    }
    if (old && old->n.seg == CTL_SEG_VXLAN) {
        n->seg_id = old->n.seg_id;
        return 0;
    }
    n->seg_id = allocate_vni(m);
    if (!n->seg_id) {
        *errorp = xasprintf("%s: every VNI from %d is in use; give one", what,
                            CTL_VNI_AUTO_MIN);
        return -EEXIST;
    }
    return 0;
}

/* Checks that every port of network 'old' has its addresses in 'n'. */
static int
check_ports_fit(const struct ctl_model *m, const struct ctl_network *n,
                const char *what, char **errorp)
{
    for (struct hmap_node *node = hmap_first(&m->ports); node;
         node = hmap_next(&m->ports, node)) {
        const struct ctl_port *p =
            &CONTAINER_OF(node, struct ctl_port_node, node)->p;
        if (strcmp(p->tenant, n->tenant) || strcmp(p->network, n->name)) {
            continue;
        }
        for (size_t i = 0; i < p->n_ips; i++) {
            if (!ip_fits(n, p->ips[i])) {
                char ip[CTL_IP_STRLEN], cidr[CTL_IP_STRLEN + 4];

                ctl_format_ipv4(p->ips[i], ip);
                format_cidr(n, cidr);
                *errorp = xasprintf("%s: port %s/%s has IP %s, which is not "
                                    "a host address of %s; change or "
                                    "delete the port first",
                                    what, p->tenant, p->name, ip, cidr);
                return -EBUSY;
            }
        }
    }
    return 0;
}

static int
check_network(const struct ctl_model *m, struct ctl_network *n,
              const struct ctl_network_node *old, const char *what,
              char **errorp)
{
    const struct ctl_network_node *user;
    int error;

    error = check_network_values(n, what, errorp);
    if (!error) {
        error = assign_vni(m, n, old, what, errorp);
    }
    if (error) {
        return error;
    }
    user = segment_user(m, n->seg, n->seg_id, old);
    if (user) {
        char seg[CTL_SEGMENT_STRLEN];

        ctl_format_segment(n->seg, n->seg_id, seg);
        *errorp = xasprintf("%s: segment %s is already used by network "
                            "%s/%s; give another %s",
                            what, seg, user->n.tenant, user->n.name,
                            n->seg == CTL_SEG_VLAN
                                ? "VLAN id"
                                : "VNI, or none to have one allocated");
        return -EEXIST;
    }
    return old ? check_ports_fit(m, n, what, errorp) : 0;
}

/* Checks the names of a network or port and that its tenant exists. */
static int
check_names(const struct ctl_model *m, const char *kind, const char *tenant,
            const char *name, char *what, char **errorp)
{
    int error =
        ctl_parse_name("tenant", tenant, (char[CTL_NAME_MAX + 1]){0}, errorp);

    if (!error) {
        error = ctl_parse_name(kind, name, (char[CTL_NAME_MAX + 1]){0}, errorp);
    }
    if (error) {
        return error;
    }
    snprintf(what, WHAT_LEN, "%s %s/%s", kind, tenant, name);
    if (!ctl_model_find_tenant(m, tenant)) {
        *errorp = xasprintf("%s: tenant %s does not exist; create it first",
                            what, tenant);
        return -ENOENT;
    }
    return 0;
}

int
ctl_model_put_network(struct ctl_model *m, const struct ctl_network *n_,
                      uint64_t if_rev, uint64_t *revp, char **errorp)
{
    struct ctl_network n = *n_;
    struct ctl_network_node *old;
    char what[WHAT_LEN];
    bool created;
    int error;

    error = check_names(m, "network", n.tenant, n.name, what, errorp);
    if (error) {
        return error;
    }
    old = ctl_model_find_network(m, n.tenant, n.name);
    error = ctl_model_check_rev(old ? old->n.rev : 0, if_rev, what, errorp);
    if (!error) {
        error = check_network(m, &n, old, what, errorp);
    }
    if (error) {
        return error;
    }
    created = !old;
    if (created) {
        old = xzalloc(sizeof *old);
        hmap_insert(&m->networks, &old->node, ctl_hash_pair(n.tenant, n.name));
    }
    old->n = n;
    old->n.rev = ctl_model_next_revision(m);
    if (created) {
        ctl_model_sorted_add(m, CTL_KIND_NETWORK, &old->n);
    }
    if (revp) {
        *revp = old->n.rev;
    }
    return 0;
}

int
ctl_model_del_network(struct ctl_model *m, const char *tenant, const char *name,
                      uint64_t if_rev, char **errorp)
{
    struct ctl_network_node *n = ctl_model_find_network(m, tenant, name);
    char what[WHAT_LEN];
    int error;

    snprintf(what, sizeof what, "network %.32s/%.32s", tenant, name);
    if (!n) {
        *errorp = xasprintf("%s does not exist", what);
        return -ENOENT;
    }
    error = ctl_model_check_rev(n->n.rev, if_rev, what, errorp);
    if (error) {
        return error;
    }
    for (struct hmap_node *node = hmap_first(&m->ports); node;
         node = hmap_next(&m->ports, node)) {
        const struct ctl_port *p =
            &CONTAINER_OF(node, struct ctl_port_node, node)->p;
        if (!strcmp(p->tenant, tenant) && !strcmp(p->network, name)) {
            *errorp = xasprintf("%s still has port %s/%s (and maybe "
                                "more); delete its ports first",
                                what, tenant, p->name);
            return -EBUSY;
        }
    }
    ctl_model_sorted_del(m, CTL_KIND_NETWORK, &n->n);
    hmap_remove(&m->networks, &n->node);
    free(n);
    ctl_model_next_revision(m);
    return 0;
}

/* The address claims of ports. */

struct claim_key {
    const char *tenant;
    const char *network;
    int index; /* -1: 'mac', else an IP. */
    struct eth_addr mac;
    be32 ip;
};

static uint32_t
claim_hash(const struct claim_key *k)
{
    uint32_t h = ctl_hash_pair(k->tenant, k->network);

    return k->index < 0 ? hash_bytes(&k->mac, sizeof k->mac, h)
                        : hash_uint64(k->ip, h);
}

static bool
claim_matches(const struct ctl_claim *c, const struct claim_key *k)
{
    const struct ctl_port *p = &c->owner->p;

    if (strcmp(p->tenant, k->tenant) || strcmp(p->network, k->network)
        || (c->index < 0) != (k->index < 0)) {
        return false;
    }
    return k->index < 0 ? !memcmp(&p->mac, &k->mac, sizeof k->mac)
                        : p->ips[c->index] == k->ip;
}

/* The port other than 'self' that claims 'k', or NULL. */
static const struct ctl_port_node *
claimant(const struct ctl_model *m, const struct claim_key *k,
         const struct ctl_port_node *self)
{
    for (struct hmap_node *n = hmap_first_with_hash(&m->claims, claim_hash(k));
         n; n = hmap_next_with_hash(n)) {
        struct ctl_claim *c = CONTAINER_OF(n, struct ctl_claim, node);
        if (c->owner != self && claim_matches(c, k)) {
            return c->owner;
        }
    }
    return NULL;
}

static struct claim_key
port_claim_key(const struct ctl_port *p, int index)
{
    return (struct claim_key){p->tenant, p->network, index, p->mac,
                              index < 0 ? 0 : p->ips[index]};
}

static void
insert_claims(struct ctl_model *m, struct ctl_port_node *pn)
{
    struct claim_key k = port_claim_key(&pn->p, -1);

    pn->mac_claim = (struct ctl_claim){.owner = pn, .index = -1};
    hmap_insert(&m->claims, &pn->mac_claim.node, claim_hash(&k));
    for (size_t i = 0; i < pn->p.n_ips; i++) {
        k = port_claim_key(&pn->p, (int) i);
        pn->ip_claims[i] = (struct ctl_claim){.owner = pn, .index = (int) i};
        hmap_insert(&m->claims, &pn->ip_claims[i].node, claim_hash(&k));
    }
}

static void
remove_claims(struct ctl_model *m, struct ctl_port_node *pn)
{
    hmap_remove(&m->claims, &pn->mac_claim.node);
    for (size_t i = 0; i < pn->p.n_ips; i++) {
        hmap_remove(&m->claims, &pn->ip_claims[i].node);
    }
}

/* Ports. */

static int
check_port_addresses(const struct ctl_network *n, const struct ctl_port *p,
                     const char *what, char **errorp)
{
    char mac[CTL_MAC_STRLEN], ip[CTL_IP_STRLEN], cidr[CTL_IP_STRLEN + 4];

    ctl_format_mac(&p->mac, mac);
    if (pkt_eth_addr_is_zero(&p->mac) || p->mac.ea[0] & 1) {
        *errorp = xasprintf("%s: MAC %s is not a unicast address; give one "
                            "whose first byte is even, like 52:54:00:...",
                            what, mac);
        return -EINVAL;
    }
    if (p->n_ips > CTL_MAX_IPS) {
        *errorp = xasprintf("%s: a port has at most %d IPs", what, CTL_MAX_IPS);
        return -EINVAL;
    }
    format_cidr(n, cidr);
    for (size_t i = 0; i < p->n_ips; i++) {
        ctl_format_ipv4(p->ips[i], ip);
        if (!ip_fits(n, p->ips[i])) {
            *errorp = xasprintf("%s: IP %s is not a host address of network "
                                "%s/%s (%s); give one inside it",
                                what, ip, n->tenant, n->name, cidr);
            return -EINVAL;
        }
        for (size_t j = 0; j < i; j++) {
            if (p->ips[j] == p->ips[i]) {
                *errorp = xasprintf("%s: IP %s is given twice", what, ip);
                return -EINVAL;
            }
        }
    }
    return 0;
}

/* Checks that no other port has the binding key, MAC or IPs of 'p'. */
static int
check_port_unique(const struct ctl_model *m, const struct ctl_port *p,
                  const struct ctl_port_node *self, const char *what,
                  char **errorp)
{
    const struct ctl_port_node *other;

    other = ctl_model_find_port_by_iface(m, p->iface);
    if (other && other != self) {
        *errorp = xasprintf("%s: binding key %s is already used by port "
                            "%s/%s; give another one (--iface)",
                            what, p->iface, other->p.tenant, other->p.name);
        return -EEXIST;
    }
    for (int i = -1; i < (int) p->n_ips; i++) {
        struct claim_key k = port_claim_key(p, i);
        char addr[CTL_MAC_STRLEN];

        other = claimant(m, &k, self);
        if (!other) {
            continue;
        }
        if (i < 0) {
            ctl_format_mac(&p->mac, addr);
        } else {
            ctl_format_ipv4(p->ips[i], addr);
        }
        *errorp = xasprintf("%s: %s %s is already used by port %s/%s on "
                            "network %s; give another %s",
                            what, i < 0 ? "MAC" : "IP", addr, other->p.tenant,
                            other->p.name, p->network, i < 0 ? "MAC" : "IP");
        return -EEXIST;
    }
    return 0;
}

static int
check_port(const struct ctl_model *m, struct ctl_port *p,
           const struct ctl_port_node *old, const char *what, char **errorp)
{
    const struct ctl_network_node *n;
    int error;

    error = ctl_parse_name("network", p->network, (char[CTL_NAME_MAX + 1]){0},
                           errorp);
    if (error) {
        return error;
    }
    n = ctl_model_find_network(m, p->tenant, p->network);
    if (!n) {
        *errorp = xasprintf("%s: network %s/%s does not exist; create it "
                            "first",
                            what, p->tenant, p->network);
        return -ENOENT;
    }
    if (!p->iface[0]) {
        snprintf(p->iface, sizeof p->iface, "%s-%s", p->tenant, p->name);
    } else if (ctl_parse_iface(p->iface, (char[CTL_IFACE_MAX + 1]){0},
                               errorp)) {
        return -EINVAL;
    }
    error = check_port_addresses(&n->n, p, what, errorp);
    return error ? error : check_port_unique(m, p, old, what, errorp);
}

int
ctl_model_put_port(struct ctl_model *m, const struct ctl_port *p_,
                   uint64_t if_rev, uint64_t *revp, char **errorp)
{
    struct ctl_port p = *p_;
    struct ctl_port_node *old;
    char what[WHAT_LEN];
    bool created;
    int error;

    /* The fixed-size arrays may hold anything: terminate them. */
    p.iface[sizeof p.iface - 1] = '\0';
    p.network[sizeof p.network - 1] = '\0';
    error = check_names(m, "port", p.tenant, p.name, what, errorp);
    if (error) {
        return error;
    }
    old = ctl_model_find_port(m, p.tenant, p.name);
    error = ctl_model_check_rev(old ? old->p.rev : 0, if_rev, what, errorp);
    if (!error) {
        error = check_port(m, &p, old, what, errorp);
    }
    if (error) {
        return error;
    }
    created = !old;
    if (old) {
        remove_claims(m, old);
        hmap_remove(&m->ports_by_iface, &old->iface_node);
    } else {
        old = xzalloc(sizeof *old);
        hmap_insert(&m->ports, &old->node, ctl_hash_pair(p.tenant, p.name));
    }
    memset(&old->p, 0, sizeof old->p);
    old->p = p;
    old->p.rev = ctl_model_next_revision(m);
    hmap_insert(&m->ports_by_iface, &old->iface_node, ctl_hash_str(p.iface, 0));
    insert_claims(m, old);
    if (created) {
        ctl_model_sorted_add(m, CTL_KIND_PORT, &old->p);
    }
    if (revp) {
        *revp = old->p.rev;
    }
    return 0;
}

int
ctl_model_del_port(struct ctl_model *m, const char *tenant, const char *name,
                   uint64_t if_rev, char **errorp)
{
    struct ctl_port_node *p = ctl_model_find_port(m, tenant, name);
    char what[WHAT_LEN];
    int error;

    snprintf(what, sizeof what, "port %.32s/%.32s", tenant, name);
    if (!p) {
        *errorp = xasprintf("%s does not exist", what);
        return -ENOENT;
    }
    error = ctl_model_check_rev(p->p.rev, if_rev, what, errorp);
    if (error) {
        return error;
    }
    ctl_model_sorted_del(m, CTL_KIND_PORT, &p->p);
    remove_claims(m, p);
    hmap_remove(&m->ports_by_iface, &p->iface_node);
    hmap_remove(&m->ports, &p->node);
    free(p);
    ctl_model_next_revision(m);
    return 0;
}
