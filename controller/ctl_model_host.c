/* The model's hosts and bindings (ctl_model.h), and the store's way of
 * restoring saved objects with their revisions. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model_private.h"
#include "lib/strbuf.h"
#include "lib/util.h"

/* Hosts. */

static bool
host_equal(const struct ctl_host *a, const struct ctl_host *b)
{
    return !strcmp(a->name, b->name) && a->dpid == b->dpid
           && a->tunnel_ip == b->tunnel_ip && !strcmp(a->uplink, b->uplink)
           && a->declared == b->declared;
}

static int
check_uplink(const char *uplink, const char *what, char **errorp)
{
    for (const char *c = uplink; *c; c++) {
        if (*c <= ' ' || *c >= 127 || strchr("\"',\\", *c)) {
            *errorp = xasprintf("%s: uplink \"%s\" is invalid; give the "
                                "OpenFlow port name of the host's uplink",
                                what, uplink);
            return -EINVAL;
        }
    }
    return 0;
}

/* Checks that no host other than 'self' has the dpid or tunnel IP of 'h'. */
static int
check_host_unique(const struct ctl_model *m, const struct ctl_host *h,
                  const struct ctl_host_node *self, const char *what,
                  char **errorp)
{
    for (struct hmap_node *node = hmap_first(&m->hosts); node;
         node = hmap_next(&m->hosts, node)) {
        const struct ctl_host_node *x =
            CONTAINER_OF(node, struct ctl_host_node, node);

        if (x == self) {
            continue;
        }
        if (h->dpid && x->h.dpid == h->dpid) {
            *errorp = xasprintf("%s: datapath id %016" PRIx64 " is already "
                                "host %s's; give another one",
                                what, h->dpid, x->h.name);
            return -EEXIST;
        }
        if (h->tunnel_ip && x->h.tunnel_ip == h->tunnel_ip) {
            char ip[CTL_IP_STRLEN];

            ctl_format_ipv4(h->tunnel_ip, ip);
            *errorp = xasprintf("%s: tunnel IP %s is already host %s's; "
                                "give another one",
                                what, ip, x->h.name);
            return -EEXIST;
        }
    }
    return 0;
}

int
ctl_model_put_host(struct ctl_model *m, const struct ctl_host *h_,
                   uint64_t if_rev, uint64_t *revp, char **errorp)
{
    struct ctl_host h = *h_;
    struct ctl_host_node *old;
    char what[CTL_NAME_MAX + 8];
    int error;

    h.uplink[sizeof h.uplink - 1] = '\0';
    error = ctl_parse_name("host", h.name, (char[CTL_NAME_MAX + 1]){0}, errorp);
    if (error) {
        return error;
    }
    snprintf(what, sizeof what, "host %s", h.name);
    old = ctl_model_find_host(m, h.name);
    error = ctl_model_check_rev(old ? old->h.rev : 0, if_rev, what, errorp);
    if (!error) {
        error = check_uplink(h.uplink, what, errorp);
    }
    if (error) {
        return error;
    }
    if (!h.declared && old && old->h.declared) {
        /* A switch registering itself fills in only what the admin left
         * out. */
        struct ctl_host merged = old->h;

        merged.dpid = merged.dpid ? merged.dpid : h.dpid;
        merged.tunnel_ip = merged.tunnel_ip ? merged.tunnel_ip : h.tunnel_ip;
        h = merged;
    }
    error = check_host_unique(m, &h, old, what, errorp);
    if (error) {
        return error;
    }
    if (!old) {
        old = xzalloc(sizeof *old);
        old->h = h;
        hmap_insert(&m->hosts, &old->node, ctl_hash_str(h.name, 0));
        ctl_model_sorted_add(m, CTL_KIND_HOST, &old->h);
    } else if (host_equal(&h, &old->h)) {
        goto done; /* A switch registering again: no change. */
    }
    old->h = h;
    old->h.rev = ctl_model_next_revision(m);
done:
    if (revp) {
        *revp = old->h.rev;
    }
    return 0;
}

int
ctl_model_del_host(struct ctl_model *m, const char *name, uint64_t if_rev,
                   char **errorp)
{
    struct ctl_host_node *h = ctl_model_find_host(m, name);
    struct hmap_node *node, *next;
    char what[CTL_NAME_MAX + 8];
    int error;

    snprintf(what, sizeof what, "host %.32s", name);
    if (!h) {
        *errorp = xasprintf("%s does not exist", what);
        return -ENOENT;
    }
    error = ctl_model_check_rev(h->h.rev, if_rev, what, errorp);
    if (error) {
        return error;
    }
    /* Its ports are nowhere now. */
    for (node = hmap_first(&m->bindings); node; node = next) {
        struct ctl_binding_node *b =
            CONTAINER_OF(node, struct ctl_binding_node, node);

        next = hmap_next(&m->bindings, node);
        if (!strcmp(b->b.host, name)) {
            ctl_model_sorted_del(m, CTL_KIND_BINDING, &b->b);
            hmap_remove(&m->bindings, &b->node);
            free(b);
        }
    }
    ctl_model_sorted_del(m, CTL_KIND_HOST, &h->h);
    hmap_remove(&m->hosts, &h->node);
    free(h);
    m->bindings_revision = ctl_model_next_revision(m);
    return 0;
}

/* Bindings. */

void
ctl_model_bind(struct ctl_model *m, const char *iface, const char *host,
               uint32_t ofport)
{
    struct ctl_binding_node *b = ctl_model_find_binding(m, iface);

    if (b && !strcmp(b->b.host, host) && b->b.ofport == ofport) {
        return;
    }
    if (!b) {
        b = xzalloc(sizeof *b);
        snprintf(b->b.iface, sizeof b->b.iface, "%s", iface);
        hmap_insert(&m->bindings, &b->node, ctl_hash_str(b->b.iface, 0));
    } else {
        /* Bindings sort by host first: take it out while it moves. */
        ctl_model_sorted_del(m, CTL_KIND_BINDING, &b->b);
    }
    snprintf(b->b.host, sizeof b->b.host, "%s", host);
    b->b.ofport = ofport;
    ctl_model_sorted_add(m, CTL_KIND_BINDING, &b->b);
    m->bindings_revision = ctl_model_next_revision(m);
}

void
ctl_model_unbind(struct ctl_model *m, const char *iface, const char *host)
{
    struct ctl_binding_node *b = ctl_model_find_binding(m, iface);

    if (b && !strcmp(b->b.host, host)) {
        ctl_model_sorted_del(m, CTL_KIND_BINDING, &b->b);
        hmap_remove(&m->bindings, &b->node);
        free(b);
        m->bindings_revision = ctl_model_next_revision(m);
    }
}

/* Restoring saved objects: a put, then the saved revision instead of a new
 * one, and the model's revision as it was. */

int
ctl_model_restore_tenant(struct ctl_model *m, const struct ctl_tenant *t,
                         char **errorp)
{
    uint64_t revision = m->revision;
    int error = ctl_model_put_tenant(m, t, 0, NULL, errorp);

    if (!error) {
        ctl_model_find_tenant(m, t->name)->t.rev = t->rev;
    }
    m->revision = revision;
    return error;
}

int
ctl_model_restore_network(struct ctl_model *m, const struct ctl_network *n,
                          char **errorp)
{
    uint64_t revision = m->revision;
    int error = ctl_model_put_network(m, n, 0, NULL, errorp);

    if (!error) {
        ctl_model_find_network(m, n->tenant, n->name)->n.rev = n->rev;
    }
    m->revision = revision;
    return error;
}

int
ctl_model_restore_port(struct ctl_model *m, const struct ctl_port *p,
                       char **errorp)
{
    uint64_t revision = m->revision;
    int error = ctl_model_put_port(m, p, 0, NULL, errorp);

    if (!error) {
        ctl_model_find_port(m, p->tenant, p->name)->p.rev = p->rev;
    }
    m->revision = revision;
    return error;
}

int
ctl_model_restore_host(struct ctl_model *m, const struct ctl_host *h,
                       char **errorp)
{
    uint64_t revision = m->revision;
    int error = ctl_model_put_host(m, h, 0, NULL, errorp);

    if (!error) {
        ctl_model_find_host(m, h->name)->h.rev = h->rev;
    }
    m->revision = revision;
    return error;
}
