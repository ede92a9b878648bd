/* The model's insides, shared by its source files (ctl_model.c: the core,
 * lookups, iteration and tenants; ctl_model_net.c: networks and ports;
 * ctl_model_host.c: hosts and bindings).  Nothing outside the model
 * includes this. */
#ifndef PONT_CTL_MODEL_PRIVATE_H
#define PONT_CTL_MODEL_PRIVATE_H 1

#include "controller/ctl_model.h"
#include "lib/hmap.h"

enum ctl_kind {
    CTL_KIND_TENANT,
    CTL_KIND_NETWORK,
    CTL_KIND_PORT,
    CTL_KIND_HOST,
    CTL_KIND_BINDING,
    CTL_N_KINDS
};

/* A kind's objects sorted for iteration: built on first use, then kept
 * in step with every insertion and removal (an object replaced in place
 * keeps its key and its pointer, so its place). */
struct ctl_sorted {
    const void **items;
    size_t n, allocated;
    bool valid;
};

struct ctl_model {
    uint64_t revision;
    uint64_t bindings_revision; /* Of the last change of bindings. */
    struct hmap tenants;        /* ctl_tenant_node, by name. */
    struct hmap networks;       /* ctl_network_node, by tenant and name. */
    struct hmap ports;          /* ctl_port_node, by tenant and name. */
    struct hmap ports_by_iface; /* ctl_port_node's iface_node, by iface. */
    struct hmap claims;         /* ctl_claim, by network and address. */
    struct hmap hosts;          /* ctl_host_node, by name. */
    struct hmap bindings;       /* ctl_binding_node, by iface. */
    struct ctl_sorted sorted[CTL_N_KINDS];
};

struct ctl_tenant_node {
    struct hmap_node node;
    struct ctl_tenant t;
};

struct ctl_network_node {
    struct hmap_node node;
    struct ctl_network n;
};

/* An address a port holds in its network: its MAC (index -1) or its IP
 * number 'index'.  The claims index makes uniqueness checks a lookup. */
struct ctl_claim {
    struct hmap_node node;
    struct ctl_port_node *owner;
    int index;
};

struct ctl_port_node {
    struct hmap_node node;
    struct hmap_node iface_node;
    struct ctl_claim mac_claim;
    struct ctl_claim ip_claims[CTL_MAX_IPS];
    struct ctl_port p;
};

struct ctl_host_node {
    struct hmap_node node;
    struct ctl_host h;
};

struct ctl_binding_node {
    struct hmap_node node;
    struct ctl_binding b;
};

uint32_t ctl_hash_str(const char *, uint32_t basis);
uint32_t ctl_hash_pair(const char *, const char *);

void ctl_model_invalidate(struct ctl_model *);
/* Keep the sorted arrays in step: call after an object of 'kind' is in
 * place (its key set), and before one goes (its key still set). */
void ctl_model_sorted_add(struct ctl_model *, enum ctl_kind, const void *obj);
void ctl_model_sorted_del(struct ctl_model *, enum ctl_kind, const void *obj);
uint64_t ctl_model_next_revision(struct ctl_model *);
int ctl_model_check_rev(uint64_t rev, uint64_t if_rev, const char *what,
                        char **errorp);

struct ctl_tenant_node *ctl_model_find_tenant(const struct ctl_model *,
                                              const char *name);
struct ctl_network_node *ctl_model_find_network(const struct ctl_model *,
                                                const char *tenant,
                                                const char *name);
struct ctl_port_node *ctl_model_find_port(const struct ctl_model *,
                                          const char *tenant, const char *name);
struct ctl_port_node *ctl_model_find_port_by_iface(const struct ctl_model *,
                                                   const char *iface);
struct ctl_host_node *ctl_model_find_host(const struct ctl_model *,
                                          const char *name);
struct ctl_binding_node *ctl_model_find_binding(const struct ctl_model *,
                                                const char *iface);

#endif /* controller/ctl_model_private.h */
