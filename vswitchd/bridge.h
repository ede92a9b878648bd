/* A running bridge: the datapath and OpenFlow switch that a bridge of the
 * configuration (vswitchd/config.h) stands for.
 *
 * Design
 * ------
 * Each bridge has its own datapath, opened with dpif_open(TYPE, NAME), and
 * an ofproto on the daemon's event_base.  Its first port is the LOCAL
 * port: a datapath port of type "internal" named like the bridge, which
 * ofproto numbers OFPP_LOCAL.  Other ports are added to the datapath
 * first (with the configuration's options), then to ofproto with the
 * configured OpenFlow number (or one ofproto picks); a failure of the
 * second step takes the datapath port away again, so that a failed
 * add-port leaves nothing behind.
 *
 * The bridge keeps, for each port it attached, its datapath and OpenFlow
 * numbers.  It does not keep the configuration: callers pass the
 * vsd_bridge_cfg when they need it shown.
 *
 * Errors: 0 or a negative errno value, with '*errorp' a malloc'd sentence
 * for the user.
 *
 * Thread-safety: main thread only (the one running the event_base). */
#ifndef PONT_VSWITCHD_BRIDGE_H
#define PONT_VSWITCHD_BRIDGE_H 1

#include <stddef.h>
#include <stdint.h>

#include "vswitchd/config.h"

struct event_base;
struct strbuf;
struct vsd_bridge;

/* Creates the bridge 'cfg' describes, without its ports: the datapath,
 * the switch, its LOCAL port, datapath id, fail mode, controllers and
 * listeners.  A datapath type that is not available in this build is an
 * error saying so. */
int vsd_bridge_create(const struct vsd_bridge_cfg *cfg, struct event_base *base,
                      struct vsd_bridge **brp, char **errorp);

/* Takes every port away, then destroys the switch and closes the
 * datapath.  NULL is fine. */
void vsd_bridge_destroy(struct vsd_bridge *);

const char *vsd_bridge_name(const struct vsd_bridge *);

/* Attaches port 'port' and sets '*ofportp' to its OpenFlow number. */
int vsd_bridge_add_port(struct vsd_bridge *, const struct vsd_port_cfg *port,
                        uint32_t *ofportp, char **errorp);

/* Detaches the port called 'name'; -ENOENT if it is not attached. */
int vsd_bridge_del_port(struct vsd_bridge *, const char *name);

/* Returns the OpenFlow number of the port called 'name', or 0 if it is
 * not attached. */
uint32_t vsd_bridge_get_ofport(const struct vsd_bridge *, const char *name);

/* Connections, fail mode, datapath id: as in ofproto.h.  Each target list
 * replaces the previous one; on a bad target nothing changes. */
int vsd_bridge_set_controllers(struct vsd_bridge *, char *const *targets,
                               size_t n, char **errorp);
int vsd_bridge_set_listeners(struct vsd_bridge *, char *const *targets,
                             size_t n, char **errorp);
void vsd_bridge_set_fail_mode(struct vsd_bridge *, enum vsd_fail_mode);
void vsd_bridge_set_datapath_id(struct vsd_bridge *, uint64_t datapath_id);

/* The host id the switch reports to its controller (ofproto.h); a port's
 * iface-id goes with it when the port is attached. */
void vsd_bridge_set_host_id(struct vsd_bridge *, const char *host_id);

/* Appends what "pont-vsctl show" prints for the bridge: its datapath, the
 * switch's status, the TCP port of each listener, and each port of 'cfg'
 * with its OpenFlow number (or why it is not attached). */
void vsd_bridge_format(const struct vsd_bridge *,
                       const struct vsd_bridge_cfg *cfg, struct strbuf *);

/* Runs the packet described by 'flow' (a match in ovs-ofctl's syntax;
 * ports may be named) through the switch's tables; see ofproto_trace(). */
int vsd_bridge_trace(struct vsd_bridge *, const char *flow, struct strbuf *out,
                     char **errorp);

/* Appends one line per datapath megaflow: match, statistics, actions. */
int vsd_bridge_dump_dp_flows(struct vsd_bridge *, struct strbuf *out,
                             char **errorp);

/* Appends, for each attached port (LOCAL first, then in the order they
 * were attached), its name, OpenFlow number, link and administrative
 * state, and its received and sent packets, bytes, drops and errors as the
 * datapath counts them.  A port the datapath cannot report on gets a line
 * saying why instead of its counters. */
void vsd_bridge_dump_ports(struct vsd_bridge *, struct strbuf *out);

/* Appends BR's tunnel ports with their settings, then the next hops they
 * have learned (see ofproto_format_tunnels()). */
void vsd_bridge_dump_tunnels(struct vsd_bridge *, struct strbuf *out);

#endif /* vswitchd/bridge.h */
