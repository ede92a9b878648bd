/* The controller's model: what the network admin wants (tenants, their
 * networks and ports), the hosts whose switches realise it, and where each
 * port is now (bindings).
 *
 * Design
 * ------
 * One in-memory model, owned by the controller's main thread, is the truth
 * the REST API edits, the store persists (ctl_store.h) and the compiler
 * reads (ctl_compile.h).  Every change is validated as a whole before it
 * is applied, so the model is always consistent: a network's tenant
 * exists, a port's network exists and its addresses fit it, MACs and IPs
 * are unique in their network, segment ids are unique.
 *
 * Names: tenants, networks, ports and hosts are named by the admin:
 * 1 to 32 characters of [A-Za-z0-9_.-], starting with a letter or digit.
 * Networks and ports are named within their tenant ("acme/web1").
 *
 * Revisions: the model has a revision number that every change increments;
 * each object records the revision of its last change ('rev').  A change
 * may say which revision of the object it expects ('if_rev', 0 for "any"):
 * if the object changed since, the change is refused with -ESTALE, so that
 * two admins cannot silently overwrite each other (the REST API maps this
 * to ETag / If-Match and 412).
 *
 * Segments: a network is a VLAN on the hosts' uplinks (vlan:1..4094) or a
 * VXLAN overlay (vxlan:1..16777215).  A VXLAN network created without a
 * VNI gets the lowest free one from CTL_VNI_AUTO_MIN.  Segment ids are
 * unique among networks of the same kind, across tenants.
 *
 * Bindings: a port is bound to a host when that host's switch reports a
 * port whose binding key ('iface' of the model's port) matches.  The
 * southbound sets and clears bindings; they are kept in the store too, so
 * that a restarted controller computes the same flows before every switch
 * has reconnected.
 *
 * Errors: functions that change the model return 0 or a negative errno
 * value and set '*errorp' to a malloc'd sentence saying what is wrong and
 * what to do: -EINVAL for a bad value (400), -ENOENT for a missing object
 * (404), -EEXIST for a duplicate name, MAC, IP or segment id (409), -EBUSY
 * for an object still in use, such as a tenant with networks (409), and
 * -ESTALE for a revision mismatch (412).  On error nothing changes.
 *
 * Thread-safety: none; one thread (the controller's main thread). */
#ifndef PONT_CTL_MODEL_H
#define PONT_CTL_MODEL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/packets.h"

#define CTL_NAME_MAX 32
#define CTL_MAX_IPS 8
#define CTL_VNI_AUTO_MIN 5000
#define CTL_VNI_MAX 16777215u
#define CTL_VLAN_MAX 4094
#define CTL_IFACE_MAX (2 * CTL_NAME_MAX + 1)

struct ctl_model;

struct ctl_tenant {
    char name[CTL_NAME_MAX + 1];
    uint64_t rev;
};

enum ctl_segment {
    CTL_SEG_VLAN,
    CTL_SEG_VXLAN,
};

struct ctl_network {
    char tenant[CTL_NAME_MAX + 1];
    char name[CTL_NAME_MAX + 1];
    be32 cidr_ip;     /* Network address (host bits zero). */
    uint8_t cidr_len; /* 0..32. */
    enum ctl_segment seg;
    uint32_t seg_id; /* VLAN id or VNI; 0 on input: allocate (VXLAN). */
    uint64_t rev;
};

struct ctl_port {
    char tenant[CTL_NAME_MAX + 1];
    char name[CTL_NAME_MAX + 1];
    char network[CTL_NAME_MAX + 1]; /* Of the same tenant. */
    struct eth_addr mac;            /* Unicast, unique in the network. */
    be32 ips[CTL_MAX_IPS];          /* In the network's CIDR, unique. */
    size_t n_ips;
    char iface[CTL_IFACE_MAX + 1]; /* Binding key, unique; "" on input:
                                    * the default "TENANT-NAME". */
    uint64_t rev;
};

struct ctl_host {
    char name[CTL_NAME_MAX + 1];
    uint64_t dpid;   /* 0: not known yet (a Pont switch not seen). */
    be32 tunnel_ip;  /* 0: none (only VLAN networks reach it). */
    char uplink[16]; /* OpenFlow port name of the uplink, or "". */
    bool declared;   /* By an admin (pontctl host add), not by a
                      * switch registering itself. */
    uint64_t rev;
};

/* Where a port is: the host whose switch reported its binding key, and
 * the OpenFlow port number there. */
struct ctl_binding {
    char iface[CTL_IFACE_MAX + 1];
    char host[CTL_NAME_MAX + 1];
    uint32_t ofport;
};

/* Lifetime. */
struct ctl_model *ctl_model_create(void);
void ctl_model_destroy(struct ctl_model *); /* NULL is fine. */

/* The revision of the last change (0 for an empty, new model).
 * ctl_model_set_revision() is for the store, when it loads a model. */
uint64_t ctl_model_revision(const struct ctl_model *);
void ctl_model_set_revision(struct ctl_model *, uint64_t);
/* The revision of the last change of bindings (0 if none). */
uint64_t ctl_model_bindings_revision(const struct ctl_model *);

/* Lookups: NULL if there is no such object.  Pointers stay valid until the
 * next change of the model. */
const struct ctl_tenant *ctl_model_tenant(const struct ctl_model *,
                                          const char *name);
const struct ctl_network *ctl_model_network(const struct ctl_model *,
                                            const char *tenant,
                                            const char *name);
const struct ctl_port *ctl_model_port(const struct ctl_model *,
                                      const char *tenant, const char *name);
const struct ctl_port *ctl_model_port_by_iface(const struct ctl_model *,
                                               const char *iface);
const struct ctl_host *ctl_model_host(const struct ctl_model *,
                                      const char *name);
const struct ctl_host *ctl_model_host_by_dpid(const struct ctl_model *,
                                              uint64_t dpid);
const struct ctl_binding *ctl_model_binding(const struct ctl_model *,
                                            const char *iface);

/* Iteration: sets '*out' to an array of every object of a kind, sorted by
 * name (tenant first for networks and ports; host then iface for
 * bindings), and returns how many.  The array stays valid until the next
 * change of the model. */
size_t ctl_model_tenants(const struct ctl_model *,
                         const struct ctl_tenant *const **out);
size_t ctl_model_networks(const struct ctl_model *,
                          const struct ctl_network *const **out);
size_t ctl_model_ports(const struct ctl_model *,
                       const struct ctl_port *const **out);
size_t ctl_model_hosts(const struct ctl_model *,
                       const struct ctl_host *const **out);
size_t ctl_model_bindings(const struct ctl_model *,
                          const struct ctl_binding *const **out);

/* Changes.  'put' creates the object or replaces the one of the same name
 * (its 'rev' is ignored on input; 'if_rev' says which revision a
 * replacement expects, 0 for any, and a creation with a nonzero 'if_rev'
 * is -ENOENT).  On success '*revp', if nonnull, is set to the object's new
 * revision.  The object's names must exist as parents (a network's tenant,
 * a port's tenant and network): -ENOENT otherwise. */
int ctl_model_put_tenant(struct ctl_model *, const struct ctl_tenant *,
                         uint64_t if_rev, uint64_t *revp, char **errorp);
/* -EBUSY while the tenant has networks or ports. */
int ctl_model_del_tenant(struct ctl_model *, const char *name, uint64_t if_rev,
                         char **errorp);

/* A VXLAN network put without a VNI keeps its current one, or gets the
 * lowest free one from CTL_VNI_AUTO_MIN.
 * Changing the CIDR of a network with ports is refused (-EBUSY) if a port
 * address falls outside it; its segment may change (the flows follow). */
int ctl_model_put_network(struct ctl_model *, const struct ctl_network *,
                          uint64_t if_rev, uint64_t *revp, char **errorp);
/* -EBUSY while ports are on the network. */
int ctl_model_del_network(struct ctl_model *, const char *tenant,
                          const char *name, uint64_t if_rev, char **errorp);

/* A port's MAC is unicast and unique in its network, its IPs host
 * addresses of the network's CIDR (not the network or broadcast address
 * up to /30), unique in the network and in the port; its binding key is
 * unique among all ports. */
int ctl_model_put_port(struct ctl_model *, const struct ctl_port *,
                       uint64_t if_rev, uint64_t *revp, char **errorp);
int ctl_model_del_port(struct ctl_model *, const char *tenant, const char *name,
                       uint64_t if_rev, char **errorp);

/* A host registering itself (declared=false) does not replace a declared
 * one's settings except dpid and tunnel_ip where those are 0.  A put that
 * changes nothing (a switch registering again) keeps the revisions.  A
 * host's dpid and tunnel IP, when nonzero, are unique (-EEXIST).
 * Deleting a host drops the bindings to it. */
int ctl_model_put_host(struct ctl_model *, const struct ctl_host *,
                       uint64_t if_rev, uint64_t *revp, char **errorp);
int ctl_model_del_host(struct ctl_model *, const char *name, uint64_t if_rev,
                       char **errorp);

/* Bindings (the southbound): binding 'iface' to a host replaces where it
 * was bound before (a migration).  They change the model's revision but
 * no object's.  Unbinding removes the binding only if it is still to
 * 'host'. */
void ctl_model_bind(struct ctl_model *, const char *iface, const char *host,
                    uint32_t ofport);
void ctl_model_unbind(struct ctl_model *, const char *iface, const char *host);

/* Restoring (the store, loading a saved model into a new one): each puts
 * an object validated like a put, but keeps its saved 'rev' and leaves the
 * model's revision alone.  Restore tenants, then networks, then ports;
 * bindings with ctl_model_bind(); then ctl_model_set_revision(). */
int ctl_model_restore_tenant(struct ctl_model *, const struct ctl_tenant *,
                             char **errorp);
int ctl_model_restore_network(struct ctl_model *, const struct ctl_network *,
                              char **errorp);
int ctl_model_restore_port(struct ctl_model *, const struct ctl_port *,
                           char **errorp);
int ctl_model_restore_host(struct ctl_model *, const struct ctl_host *,
                           char **errorp);

/* Parsing helpers shared by the REST API and pontctl: a name (see above),
 * "vlan:ID" or "vxlan:VNI" (or "vxlan" for an allocated VNI), a CIDR.
 * Each returns 0 or -EINVAL with '*errorp' set. */
int ctl_parse_name(const char *what, const char *s, char *out, char **errorp);
int ctl_parse_segment(const char *s, enum ctl_segment *seg, uint32_t *id,
                      char **errorp);
int ctl_parse_cidr(const char *s, be32 *ip, uint8_t *len, char **errorp);
/* Also: a name's syntax alone, a MAC ("52:54:00:12:34:56"), an IPv4
 * address ('what' names it in the error: "IP", "tunnel IP"), a binding key
 * (1 to CTL_IFACE_MAX printable characters without spaces, quotes or
 * commas) and a datapath id (exactly 16 hex digits). */
bool ctl_name_is_valid(const char *s);
int ctl_parse_mac(const char *s, struct eth_addr *mac, char **errorp);
int ctl_parse_ipv4(const char *what, const char *s, be32 *ip, char **errorp);
int ctl_parse_iface(const char *s, char *out, char **errorp);
int ctl_parse_dpid(const char *s, uint64_t *dpid, char **errorp);

/* Formatting for messages, the REST API and pontctl. */
#define CTL_MAC_STRLEN 18
#define CTL_IP_STRLEN 16
#define CTL_SEGMENT_STRLEN 16
void ctl_format_mac(const struct eth_addr *, char out[CTL_MAC_STRLEN]);
void ctl_format_ipv4(be32, char out[CTL_IP_STRLEN]);
void ctl_format_segment(enum ctl_segment, uint32_t id,
                        char out[CTL_SEGMENT_STRLEN]);

#endif /* controller/ctl_model.h */
