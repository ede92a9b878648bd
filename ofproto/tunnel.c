/* Tunnel port settings and the neighbour cache.  See tunnel.h. */
#include "ofproto/tunnel.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_tunnel.h"
#include "datapath/dpif.h"
#include "lib/hash.h"
#include "lib/hmap.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_text.h"

/* Settings
 * -------- */

static bool
parse_ipv4(const char *s, be32 *ip)
{
    struct in_addr a;

    if (inet_pton(AF_INET, s, &a) != 1) {
        return false;
    }
    *ip = a.s_addr;
    return true;
}

static bool
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;

    if (!s[0] || s[0] == '-' || s[0] == '+') {
        return false;
    }
    errno = 0;
    *out = strtoul(s, &end, 0);
    return !errno && !*end && *out <= max;
}

static int
parse_local_ip(const char *name, const char *value, struct tnl_config *c,
               char **errorp)
{
    char ip[INET_ADDRSTRLEN + 4];
    char *slash;
    unsigned long len = 0;

    snprintf(ip, sizeof ip, "%s", value);
    slash = strchr(ip, '/');
    if (slash) {
        *slash = '\0';
    }
    if (!parse_ipv4(ip, &c->local_ip) || !c->local_ip
        || (slash && !parse_uint(slash + 1, 32, &len))) {
        return ofp_text_errorf(errorp,
                               "tunnel port %s: local_ip=%s is not an IPv4 "
                               "address with an optional prefix length, "
                               "like 192.168.50.1/24",
                               name, value);
    }
    c->prefix_len = (uint8_t) len;
    return 0;
}

/* Parses the option 'key'='value' other than local_ip into 'c'. */
static int
parse_option(const char *name, const char *key, const char *value,
             struct tnl_config *c, char **errorp)
{
    unsigned long n;

    if (!strcmp(key, "local_ip")) {
        return parse_local_ip(name, value, c, errorp);
    } else if (!strcmp(key, "uplink")) {
        if (!value[0] || strlen(value) >= sizeof c->uplink) {
            return ofp_text_errorf(errorp,
                                   "tunnel port %s: uplink=%s is not "
                                   "a port name (1 to 15 characters)",
                                   name, value);
        }
        snprintf(c->uplink, sizeof c->uplink, "%s", value);
        return 0;
    } else if (!strcmp(key, "remote_ip") || !strcmp(key, "gateway")) {
        be32 *ip = key[0] == 'r' ? &c->remote_ip : &c->gateway;

        if ((key[0] == 'r' && !strcmp(value, "flow"))
            || (parse_ipv4(value, ip) && *ip)) {
            return 0;
        }
        return ofp_text_errorf(errorp,
                               "tunnel port %s: %s=%s is not %san "
                               "IPv4 address",
                               name, key, value,
                               key[0] == 'r' ? "\"flow\" or " : "");
    } else if (!strcmp(key, "key")) {
        c->key_flow = !strcmp(value, "flow");
        if (c->key_flow || parse_uint(value, DP_VXLAN_VNI_MAX, &n)) {
            c->key = c->key_flow ? 0 : (uint32_t) n;
            return 0;
        }
        return ofp_text_errorf(errorp,
                               "tunnel port %s: key=%s is not \"flow\" "
                               "or a VNI from 0 to 16777215",
                               name, value);
    } else if (!strcmp(key, "dst_port") || !strcmp(key, "ttl")
               || !strcmp(key, "tos")) {
        bool port = !strcmp(key, "dst_port");
        bool zero_ok = !strcmp(key, "tos");

        if (!parse_uint(value, port ? 65535 : 255, &n) || (!n && !zero_ok)) {
            return ofp_text_errorf(errorp,
                                   "tunnel port %s: %s=%s is not a "
                                   "number from %d to %d",
                                   name, key, value, zero_ok ? 0 : 1,
                                   port ? 65535 : 255);
        }
        if (port) {
            c->dst_port = htons((uint16_t) n);
        } else if (!strcmp(key, "ttl")) {
            c->ttl = (uint8_t) n;
        } else {
            c->tos = (uint8_t) n;
        }
        return 0;
    } else if (!strcmp(key, "df")) {
        if (strcmp(value, "true") && strcmp(value, "false")) {
            return ofp_text_errorf(errorp,
                                   "tunnel port %s: df=%s is not true "
                                   "or false",
                                   name, value);
        }
        c->df = !strcmp(value, "true");
        return 0;
    }
    return ofp_text_errorf(errorp,
                           "tunnel port %s: unknown option \"%s\"; the known "
                           "ones are local_ip, uplink, remote_ip, key, "
                           "gateway, dst_port, ttl, tos and df",
                           name, key);
}

int
tnl_config_parse(const char *name, const struct dpif_option *options, size_t n,
                 struct tnl_config **cfgp, char **errorp)
{
    struct tnl_config *c = xzalloc(sizeof *c);
    int error = 0;

    c->key_flow = true;
    c->dst_port = htons(DP_VXLAN_PORT);
    c->ttl = 64;
    c->df = true;
    for (size_t i = 0; !error && i < n; i++) {
        error =
            parse_option(name, options[i].key ? options[i].key : "",
                         options[i].value ? options[i].value : "", c, errorp);
    }
    if (!error && (!c->local_ip || !c->uplink[0])) {
        error = ofp_text_errorf(errorp,
                                "tunnel port %s needs local_ip=ADDRESS[/LEN] "
                                "(this host's tunnel endpoint) and "
                                "uplink=PORT (the bridge's port to the "
                                "underlay)",
                                name);
    }
    if (!error && !strcmp(c->uplink, name)) {
        error = ofp_text_errorf(errorp,
                                "tunnel port %s cannot be its own "
                                "uplink",
                                name);
    }
    if (error) {
        free(c);
        return error;
    }
    *cfgp = c;
    return 0;
}

void
tnl_config_format(const struct tnl_config *c, struct strbuf *out)
{
    strbuf_puts(out, "local_ip=");
    pkt_format_ipv4(out, c->local_ip);
    if (c->prefix_len) {
        strbuf_printf(out, "/%u", c->prefix_len);
    }
    strbuf_printf(out, " uplink=%s remote_ip=", c->uplink);
    if (c->remote_ip) {
        pkt_format_ipv4(out, c->remote_ip);
    } else {
        strbuf_puts(out, "flow");
    }
    if (c->key_flow) {
        strbuf_puts(out, " key=flow");
    } else {
        strbuf_printf(out, " key=%u", c->key);
    }
    if (c->gateway) {
        strbuf_puts(out, " gateway=");
        pkt_format_ipv4(out, c->gateway);
    }
    strbuf_printf(out, " dst_port=%u", ntohs(c->dst_port));
}

be32
tnl_config_next_hop(const struct tnl_config *c, be32 remote)
{
    be32 mask =
        c->prefix_len ? htonl(~(uint32_t) 0 << (32 - c->prefix_len)) : 0;

    if (!((remote ^ c->local_ip) & mask)) {
        return remote;
    }
    return c->gateway;
}

/* Neighbour cache
 * --------------- */

struct neigh_entry {
    struct hmap_node node;
    be32 ip;
    bool known; /* False: only a request went out. */
    struct eth_addr mac;
    long long learned_ms;
    long long requested_ms;
};

struct tnl_neigh {
    pthread_mutex_t mutex;
    struct hmap entries;
};

/* Bounds the cache, which addresses that nobody answers for also fill. */
#define NEIGH_MAX 65536

struct tnl_neigh *
tnl_neigh_create(void)
{
    struct tnl_neigh *t = xzalloc(sizeof *t);

    pthread_mutex_init(&t->mutex, NULL);
    hmap_init(&t->entries);
    return t;
}

void
tnl_neigh_destroy(struct tnl_neigh *t)
{
    if (!t) {
        return;
    }
    for (struct hmap_node *n = hmap_first(&t->entries), *next; n; n = next) {
        next = hmap_next(&t->entries, n);
        free(CONTAINER_OF(n, struct neigh_entry, node));
    }
    hmap_destroy(&t->entries);
    pthread_mutex_destroy(&t->mutex);
    free(t);
}

static struct neigh_entry *
find(const struct tnl_neigh *t, be32 ip)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&t->entries, hash_uint64(ip, 0));
         n; n = hmap_next_with_hash(n)) {
        struct neigh_entry *e = CONTAINER_OF(n, struct neigh_entry, node);

        if (e->ip == ip) {
            return e;
        }
    }
    return NULL;
}

/* Returns the entry of 'ip', created if needed (NULL if the cache is
 * full).  Caller holds the mutex. */
static struct neigh_entry *
find_or_add(struct tnl_neigh *t, be32 ip)
{
    struct neigh_entry *e = find(t, ip);

    if (!e && hmap_count(&t->entries) < NEIGH_MAX) {
        e = xzalloc(sizeof *e);
        e->ip = ip;
        hmap_insert(&t->entries, &e->node, hash_uint64(ip, 0));
    }
    return e;
}

bool
tnl_neigh_lookup(struct tnl_neigh *t, be32 ip, struct eth_addr *mac)
{
    struct neigh_entry *e;
    bool found;

    pthread_mutex_lock(&t->mutex);
    e = find(t, ip);
    found = e && e->known;
    if (found) {
        *mac = e->mac;
    }
    pthread_mutex_unlock(&t->mutex);
    return found;
}

bool
tnl_neigh_learn(struct tnl_neigh *t, be32 ip, const struct eth_addr *mac,
                long long now_ms)
{
    struct neigh_entry *e;
    bool news = false;

    pthread_mutex_lock(&t->mutex);
    e = find_or_add(t, ip);
    if (e) {
        news = !e->known || memcmp(&e->mac, mac, sizeof *mac);
        e->known = true;
        e->mac = *mac;
        e->learned_ms = now_ms;
    }
    pthread_mutex_unlock(&t->mutex);
    return news;
}

bool
tnl_neigh_may_request(struct tnl_neigh *t, be32 ip, long long now_ms)
{
    struct neigh_entry *e;
    bool may = false;

    pthread_mutex_lock(&t->mutex);
    e = find_or_add(t, ip);
    if (e && (!e->requested_ms || now_ms - e->requested_ms >= 1000)) {
        e->requested_ms = now_ms;
        may = true;
    }
    pthread_mutex_unlock(&t->mutex);
    return may;
}

static int
compare_entries(const void *a_, const void *b_)
{
    const struct neigh_entry *a = *(const struct neigh_entry *const *) a_;
    const struct neigh_entry *b = *(const struct neigh_entry *const *) b_;
    uint32_t x = ntohl(a->ip), y = ntohl(b->ip);

    return x < y ? -1 : x > y;
}

void
tnl_neigh_format(struct tnl_neigh *t, long long now_ms, struct strbuf *out)
{
    struct neigh_entry **all;
    size_t n = 0;

    pthread_mutex_lock(&t->mutex);
    all = xmalloc((hmap_count(&t->entries) + 1) * sizeof *all);
    for (struct hmap_node *node = hmap_first(&t->entries); node;
         node = hmap_next(&t->entries, node)) {
        struct neigh_entry *e = CONTAINER_OF(node, struct neigh_entry, node);

        if (e->known) {
            all[n++] = e;
        }
    }
    qsort(all, n, sizeof *all, compare_entries);
    for (size_t i = 0; i < n; i++) {
        pkt_format_ipv4(out, all[i]->ip);
        strbuf_putc(out, ' ');
        pkt_format_eth(out, &all[i]->mac);
        strbuf_printf(out, " age %llds\n",
                      (now_ms - all[i]->learned_ms) / 1000);
    }
    pthread_mutex_unlock(&t->mutex);
    free(all);
}
