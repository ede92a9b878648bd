/* The controller's in-memory model (ctl_model.h): the objects in hash maps
 * keyed by name, the indexes that validation needs (a port's binding key,
 * the MACs and IPs claimed in each network), sorted arrays for iteration,
 * and revisions.
 *
 * Every change first checks everything it needs to (names, parents,
 * values, uniqueness, the expected revision) and only then touches the
 * maps, so that a refused change leaves the model as it was.  The sorted
 * arrays are caches: any change drops them and the next iteration
 * rebuilds the one it needs. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model_private.h"
#include "lib/hash.h"
#include "lib/strbuf.h"
#include "lib/util.h"

uint32_t
ctl_hash_str(const char *s, uint32_t basis)
{
    return hash_bytes(s, strlen(s), basis);
}

uint32_t
ctl_hash_pair(const char *a, const char *b)
{
    return ctl_hash_str(b, ctl_hash_str(a, 0));
}

struct ctl_model *
ctl_model_create(void)
{
    struct ctl_model *m = xzalloc(sizeof *m);

    hmap_init(&m->tenants);
    hmap_init(&m->networks);
    hmap_init(&m->ports);
    hmap_init(&m->ports_by_iface);
    hmap_init(&m->claims);
    hmap_init(&m->hosts);
    hmap_init(&m->bindings);
    return m;
}

/* Frees every element of 'map', whose nodes are at 'offset' in blocks
 * from malloc(). */
static void
free_all(struct hmap *map, size_t offset)
{
    struct hmap_node *node, *next;

    for (node = hmap_first(map); node; node = next) {
        next = hmap_next(map, node);
        free((char *) node - offset);
    }
    hmap_destroy(map);
}

void
ctl_model_destroy(struct ctl_model *m)
{
    if (!m) {
        return;
    }
    ctl_model_invalidate(m);
    free_all(&m->tenants, offsetof(struct ctl_tenant_node, node));
    free_all(&m->networks, offsetof(struct ctl_network_node, node));
    free_all(&m->ports, offsetof(struct ctl_port_node, node));
    hmap_destroy(&m->ports_by_iface);
    hmap_destroy(&m->claims);
    free_all(&m->hosts, offsetof(struct ctl_host_node, node));
    free_all(&m->bindings, offsetof(struct ctl_binding_node, node));
    free(m);
}

uint64_t
ctl_model_revision(const struct ctl_model *m)
{
    return m->revision;
}

void
ctl_model_set_revision(struct ctl_model *m, uint64_t revision)
{
    m->revision = revision;
}

uint64_t
ctl_model_bindings_revision(const struct ctl_model *m)
{
    return m->bindings_revision;
}

/* Drops the sorted arrays. */
void
ctl_model_invalidate(struct ctl_model *m)
{
    for (size_t i = 0; i < CTL_N_KINDS; i++) {
        free(m->sorted[i].items);
        m->sorted[i] = (struct ctl_sorted){NULL, 0, 0, false};
    }
}

/* Starts a change: the new revision for the objects it touches. */
uint64_t
ctl_model_next_revision(struct ctl_model *m)
{
    return ++m->revision;
}

/* Checks 'if_rev' against an object's current revision 'rev' (0 if the
 * object does not exist); 'what' names the object in the error. */
int
ctl_model_check_rev(uint64_t rev, uint64_t if_rev, const char *what,
                    char **errorp)
{
    if (!if_rev) {
        return 0;
    }
    if (!rev) {
        *errorp = xasprintf("%s does not exist, but revision %" PRIu64
                            " of it was expected; create it without a "
                            "revision",
                            what, if_rev);
        return -ENOENT;
    }
    if (rev != if_rev) {
        *errorp = xasprintf("%s is at revision %" PRIu64 ", not %" PRIu64
                            ": someone changed it since you read it; "
                            "read it again and retry",
                            what, rev, if_rev);
        return -ESTALE;
    }
    return 0;
}

/* Lookups. */

struct ctl_tenant_node *
ctl_model_find_tenant(const struct ctl_model *m, const char *name)
{
    struct hmap_node *n;

    for (n = hmap_first_with_hash(&m->tenants, ctl_hash_str(name, 0)); n;
         n = hmap_next_with_hash(n)) {
        struct ctl_tenant_node *t =
            CONTAINER_OF(n, struct ctl_tenant_node, node);
        if (!strcmp(t->t.name, name)) {
            return t;
        }
    }
    return NULL;
}

struct ctl_network_node *
ctl_model_find_network(const struct ctl_model *m, const char *tenant,
                       const char *name)
{
    struct hmap_node *n;

    for (n = hmap_first_with_hash(&m->networks, ctl_hash_pair(tenant, name)); n;
         n = hmap_next_with_hash(n)) {
        struct ctl_network_node *x =
            CONTAINER_OF(n, struct ctl_network_node, node);
        if (!strcmp(x->n.tenant, tenant) && !strcmp(x->n.name, name)) {
            return x;
        }
    }
    return NULL;
}

struct ctl_port_node *
ctl_model_find_port(const struct ctl_model *m, const char *tenant,
                    const char *name)
{
    struct hmap_node *n;

    for (n = hmap_first_with_hash(&m->ports, ctl_hash_pair(tenant, name)); n;
         n = hmap_next_with_hash(n)) {
        struct ctl_port_node *p = CONTAINER_OF(n, struct ctl_port_node, node);
        if (!strcmp(p->p.tenant, tenant) && !strcmp(p->p.name, name)) {
            return p;
        }
    }
    return NULL;
}

struct ctl_port_node *
ctl_model_find_port_by_iface(const struct ctl_model *m, const char *iface)
{
    struct hmap_node *n;

    for (n = hmap_first_with_hash(&m->ports_by_iface, ctl_hash_str(iface, 0));
         n; n = hmap_next_with_hash(n)) {
        struct ctl_port_node *p =
            CONTAINER_OF(n, struct ctl_port_node, iface_node);
        if (!strcmp(p->p.iface, iface)) {
            return p;
        }
    }
    return NULL;
}

struct ctl_host_node *
ctl_model_find_host(const struct ctl_model *m, const char *name)
{
    struct hmap_node *n;

    for (n = hmap_first_with_hash(&m->hosts, ctl_hash_str(name, 0)); n;
         n = hmap_next_with_hash(n)) {
        struct ctl_host_node *h = CONTAINER_OF(n, struct ctl_host_node, node);
        if (!strcmp(h->h.name, name)) {
            return h;
        }
    }
    return NULL;
}

struct ctl_binding_node *
ctl_model_find_binding(const struct ctl_model *m, const char *iface)
{
    struct hmap_node *n;

    for (n = hmap_first_with_hash(&m->bindings, ctl_hash_str(iface, 0)); n;
         n = hmap_next_with_hash(n)) {
        struct ctl_binding_node *b =
            CONTAINER_OF(n, struct ctl_binding_node, node);
        if (!strcmp(b->b.iface, iface)) {
            return b;
        }
    }
    return NULL;
}

const struct ctl_tenant *
ctl_model_tenant(const struct ctl_model *m, const char *name)
{
    struct ctl_tenant_node *t = ctl_model_find_tenant(m, name);
    return t ? &t->t : NULL;
}

const struct ctl_network *
ctl_model_network(const struct ctl_model *m, const char *tenant,
                  const char *name)
{
    struct ctl_network_node *n = ctl_model_find_network(m, tenant, name);
    return n ? &n->n : NULL;
}

const struct ctl_port *
ctl_model_port(const struct ctl_model *m, const char *tenant, const char *name)
{
    struct ctl_port_node *p = ctl_model_find_port(m, tenant, name);
    return p ? &p->p : NULL;
}

const struct ctl_port *
ctl_model_port_by_iface(const struct ctl_model *m, const char *iface)
{
    struct ctl_port_node *p = ctl_model_find_port_by_iface(m, iface);
    return p ? &p->p : NULL;
}

const struct ctl_host *
ctl_model_host(const struct ctl_model *m, const char *name)
{
    struct ctl_host_node *h = ctl_model_find_host(m, name);
    return h ? &h->h : NULL;
}

const struct ctl_host *
ctl_model_host_by_dpid(const struct ctl_model *m, uint64_t dpid)
{
    struct hmap_node *n;

    if (!dpid) {
        return NULL;
    }
    for (n = hmap_first(&m->hosts); n; n = hmap_next(&m->hosts, n)) {
        struct ctl_host_node *h = CONTAINER_OF(n, struct ctl_host_node, node);
        if (h->h.dpid == dpid) {
            return &h->h;
        }
    }
    return NULL;
}

const struct ctl_binding *
ctl_model_binding(const struct ctl_model *m, const char *iface)
{
    struct ctl_binding_node *b = ctl_model_find_binding(m, iface);
    return b ? &b->b : NULL;
}

/* Iteration: each kind's array is built on first use after a change. */

static int
cmp_tenants(const void *a_, const void *b_)
{
    const struct ctl_tenant *const *a = a_, *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

static int
cmp_networks(const void *a_, const void *b_)
{
    const struct ctl_network *const *a = a_, *const *b = b_;
    int c = strcmp((*a)->tenant, (*b)->tenant);
    return c ? c : strcmp((*a)->name, (*b)->name);
}

static int
cmp_ports(const void *a_, const void *b_)
{
    const struct ctl_port *const *a = a_, *const *b = b_;
    int c = strcmp((*a)->tenant, (*b)->tenant);
    return c ? c : strcmp((*a)->name, (*b)->name);
}

static int
cmp_hosts(const void *a_, const void *b_)
{
    const struct ctl_host *const *a = a_, *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

static int
cmp_bindings(const void *a_, const void *b_)
{
    const struct ctl_binding *const *a = a_, *const *b = b_;
    int c = strcmp((*a)->host, (*b)->host);
    return c ? c : strcmp((*a)->iface, (*b)->iface);
}

/* Where each kind's map is, where the public struct sits in its element,
 * and how its array sorts. */
static const struct kind_info {
    size_t map_offset;  /* Of the hmap in struct ctl_model. */
    size_t node_offset; /* Of the hmap_node in the element. */
    size_t obj_offset;  /* Of the public struct in the element. */
    int (*cmp)(const void *, const void *);
} kinds[CTL_N_KINDS] = {
    [CTL_KIND_TENANT] = {offsetof(struct ctl_model, tenants),
                         offsetof(struct ctl_tenant_node, node),
                         offsetof(struct ctl_tenant_node, t), cmp_tenants},
    [CTL_KIND_NETWORK] = {offsetof(struct ctl_model, networks),
                          offsetof(struct ctl_network_node, node),
                          offsetof(struct ctl_network_node, n), cmp_networks},
    [CTL_KIND_PORT] = {offsetof(struct ctl_model, ports),
                       offsetof(struct ctl_port_node, node),
                       offsetof(struct ctl_port_node, p), cmp_ports},
    [CTL_KIND_HOST] = {offsetof(struct ctl_model, hosts),
                       offsetof(struct ctl_host_node, node),
                       offsetof(struct ctl_host_node, h), cmp_hosts},
    [CTL_KIND_BINDING] = {offsetof(struct ctl_model, bindings),
                          offsetof(struct ctl_binding_node, node),
                          offsetof(struct ctl_binding_node, b), cmp_bindings},
};

/* Returns the sorted array of 'kind', building it if needed.  The model
 * is const to callers; its arrays are a cache, so building them here is
 * not a change (the model was allocated writable by ctl_model_create()). */
static size_t
sorted(const struct ctl_model *m_, enum ctl_kind kind, const void ***out)
{
    struct ctl_model *m = (struct ctl_model *) m_;
    const struct kind_info *k = &kinds[kind];
    const struct hmap *map = (const void *) ((const char *) m + k->map_offset);
    struct ctl_sorted *s = &m->sorted[kind];

    if (!s->valid) {
        size_t i = 0;

        s->n = hmap_count(map);
        s->allocated = s->n ? s->n : 1;
        s->items = xmalloc(s->allocated * sizeof *s->items);
        for (struct hmap_node *n = hmap_first(map); n; n = hmap_next(map, n)) {
            s->items[i++] = (const char *) n - k->node_offset + k->obj_offset;
        }
        qsort(s->items, s->n, sizeof *s->items, k->cmp);
        s->valid = true;
    }
    *out = s->items;
    return s->n;
}

/* Returns where 'obj' is, or would go, in the sorted array of 'kind'. */
static size_t
sorted_position(const struct ctl_sorted *s, enum ctl_kind kind, const void *obj)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (kinds[kind].cmp(&s->items[mid], &obj) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

void
ctl_model_sorted_add(struct ctl_model *m, enum ctl_kind kind, const void *obj)
{
    struct ctl_sorted *s = &m->sorted[kind];
    size_t i;

    if (!s->valid) {
        return; /* Built on first use. */
    }
    if (s->n == s->allocated) {
        s->allocated = 2 * s->allocated + 1;
        s->items = xrealloc(s->items, s->allocated * sizeof *s->items);
    }
    i = sorted_position(s, kind, obj);
    memmove(&s->items[i + 1], &s->items[i], (s->n - i) * sizeof *s->items);
    s->items[i] = obj;
    s->n++;
}

void
ctl_model_sorted_del(struct ctl_model *m, enum ctl_kind kind, const void *obj)
{
    struct ctl_sorted *s = &m->sorted[kind];
    size_t i;

    if (!s->valid) {
        return;
    }
    i = sorted_position(s, kind, obj);
    if (i < s->n && s->items[i] == obj) {
        s->n--;
        memmove(&s->items[i], &s->items[i + 1], (s->n - i) * sizeof *s->items);
    } else {
        ctl_model_invalidate(m); /* Cannot happen; rebuild to be safe. */
    }
}

size_t
ctl_model_tenants(const struct ctl_model *m,
                  const struct ctl_tenant *const **out)
{
    return sorted(m, CTL_KIND_TENANT, (const void ***) out);
}

size_t
ctl_model_networks(const struct ctl_model *m,
                   const struct ctl_network *const **out)
{
    return sorted(m, CTL_KIND_NETWORK, (const void ***) out);
}

size_t
ctl_model_ports(const struct ctl_model *m, const struct ctl_port *const **out)
{
    return sorted(m, CTL_KIND_PORT, (const void ***) out);
}

size_t
ctl_model_hosts(const struct ctl_model *m, const struct ctl_host *const **out)
{
    return sorted(m, CTL_KIND_HOST, (const void ***) out);
}

size_t
ctl_model_bindings(const struct ctl_model *m,
                   const struct ctl_binding *const **out)
{
    return sorted(m, CTL_KIND_BINDING, (const void ***) out);
}

/* Tenants. */

int
ctl_model_put_tenant(struct ctl_model *m, const struct ctl_tenant *t,
                     uint64_t if_rev, uint64_t *revp, char **errorp)
{
    struct ctl_tenant_node *old;
    char what[64];
    int error;

    error =
        ctl_parse_name("tenant", t->name, (char[CTL_NAME_MAX + 1]){0}, errorp);
    if (error) {
        return error;
    }
    old = ctl_model_find_tenant(m, t->name);
    snprintf(what, sizeof what, "tenant %s", t->name);
    error = ctl_model_check_rev(old ? old->t.rev : 0, if_rev, what, errorp);
    if (error) {
        return error;
    }
    if (!old) {
        /* A tenant has nothing but its name: replacing one is no change. */
        struct ctl_tenant_node *new = xzalloc(sizeof *new);

        new->t = *t;
        new->t.rev = ctl_model_next_revision(m);
        hmap_insert(&m->tenants, &new->node, ctl_hash_str(t->name, 0));
        ctl_model_sorted_add(m, CTL_KIND_TENANT, &new->t);
        old = new;
    }
    if (revp) {
        *revp = old->t.rev;
    }
    return 0;
}

/* Returns true if tenant 'name' has a network or a port. */
static bool
tenant_in_use(const struct ctl_model *m, const char *name, char **what)
{
    struct hmap_node *n;

    for (n = hmap_first(&m->networks); n; n = hmap_next(&m->networks, n)) {
        struct ctl_network_node *x =
            CONTAINER_OF(n, struct ctl_network_node, node);
        if (!strcmp(x->n.tenant, name)) {
            *what = xasprintf("network %s/%s", name, x->n.name);
            return true;
        }
    }
    for (n = hmap_first(&m->ports); n; n = hmap_next(&m->ports, n)) {
        struct ctl_port_node *p = CONTAINER_OF(n, struct ctl_port_node, node);
        if (!strcmp(p->p.tenant, name)) {
            *what = xasprintf("port %s/%s", name, p->p.name);
            return true;
        }
    }
    return false;
}

int
ctl_model_del_tenant(struct ctl_model *m, const char *name, uint64_t if_rev,
                     char **errorp)
{
    struct ctl_tenant_node *t = ctl_model_find_tenant(m, name);
    char what[64];
    char *user;
    int error;

    if (!t) {
        *errorp = xasprintf("tenant %.80s does not exist", name);
        return -ENOENT;
    }
    snprintf(what, sizeof what, "tenant %s", name);
    error = ctl_model_check_rev(t->t.rev, if_rev, what, errorp);
    if (error) {
        return error;
    }
    if (tenant_in_use(m, name, &user)) {
        *errorp = xasprintf("tenant %s still has %s (and maybe more); "
                            "delete its ports and networks first",
                            name, user);
        free(user);
        return -EBUSY;
    }
    ctl_model_sorted_del(m, CTL_KIND_TENANT, &t->t);
    hmap_remove(&m->tenants, &t->node);
    free(t);
    ctl_model_next_revision(m);
    return 0;
}
