/* The OpenFlow switch of one bridge: what pont-vswitchd asks of ofproto.
 *
 * Design
 * ------
 * An ofproto is one OpenFlow 1.3 switch: 255 flow tables, groups, meters,
 * ports, and the OpenFlow connections to its controllers and tools.  It
 * sits on a datapath (datapath/dpif.h) that the caller opened and whose
 * ports the caller adds; ofproto gives each datapath port an OpenFlow port
 * number, registers itself as the datapath's upcall handler, translates
 * the OpenFlow pipeline into datapath megaflows, and keeps those megaflows
 * in line with the tables (revalidation).
 *
 * Everything runs in the caller's libevent loop: ofproto adds its own
 * events (connections, timers, the datapath's upcall queue) to the
 * event_base given at creation and never blocks it.  Misses are translated
 * on the datapath's threads.
 *
 * Errors: functions return 0 or a negative errno value; those that take
 * 'char **errorp' set it to a malloc'd sentence for the user on failure.
 *
 * Thread-safety: every function here is for the main thread (the one
 * running the event_base). */
#ifndef PONT_OFPROTO_H
#define PONT_OFPROTO_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"

struct dpif;
struct dpif_option;
struct event_base;
struct strbuf;

struct ofproto;

/* What the switch does while no controller is connected. */
enum ofproto_fail_mode {
    OFPROTO_FAIL_SECURE,    /* Keep forwarding by the installed flows. */
    OFPROTO_FAIL_STANDALONE /* Act as a MAC-learning switch. */
};

/* Creates the switch 'name' on 'dpif' (not owned: close it after
 * ofproto_destroy()).  The datapath must have no ports yet. */
int ofproto_create(const char *name, struct dpif *dpif, struct event_base *base,
                   struct ofproto **ofprotop, char **errorp);
void ofproto_destroy(struct ofproto *); /* NULL is fine. */

const char *ofproto_name(const struct ofproto *);

/* The datapath id is derived from the host id (ofproto_set_host_id()) and
 * the switch's name until one is set here; a derived one follows the host
 * id, and controllers see a change when they next connect. */
void ofproto_set_datapath_id(struct ofproto *, uint64_t datapath_id);
uint64_t ofproto_get_datapath_id(const struct ofproto *);

/* Ports.  ofproto_port_add() takes datapath port 'dp_port' (already added
 * to the datapath) into the switch as OpenFlow port 'ofp_port', or the
 * lowest free number if it is 0, and reports the number in '*ofp_portp'.
 * A number in use or outside 1..0xfeff is an error.  The first port of a
 * bridge named like the bridge becomes OFPP_LOCAL. */
int ofproto_port_add(struct ofproto *, uint32_t dp_port, uint32_t ofp_port,
                     uint32_t *ofp_portp, char **errorp);
int ofproto_port_del(struct ofproto *, uint32_t ofp_port);

/* Makes OpenFlow port 'ofp_port' (a datapath port of type "vxlan") a VXLAN
 * tunnel port with the 'n' 'options' (ofproto/tunnel.h lists them), or
 * replaces its settings.  On an error (a sentence in '*errorp') the port is
 * unchanged. */
int ofproto_port_set_tunnel(struct ofproto *, uint32_t ofp_port,
                            const struct dpif_option *options, size_t n,
                            char **errorp);

/* Identity, for the controller (PONT_HOST_INFO_REPLY, ofproto/ofp_msg.h).
 *
 * ofproto_set_host_id() sets the name of the host the switch reports
 * (truncated to OFP_HOST_ID_MAX bytes; "" until set).
 * ofproto_port_set_iface_id() sets the binding key of OpenFlow port
 * 'ofp_port' ("" or NULL for none; truncated to OFP_BINDING_KEY_MAX
 * bytes); -ENOENT if there is no such port.  The reply also carries the
 * local_ip and uplink of the switch's tunnel port (the one with the lowest
 * number, if several). */
void ofproto_set_host_id(struct ofproto *, const char *host_id);
int ofproto_port_set_iface_id(struct ofproto *, uint32_t ofp_port,
                              const char *iface_id);

/* Appends one line per tunnel port with its settings, then one per known
 * next hop of the tunnels ("IP MAC age Ns"). */
void ofproto_format_tunnels(const struct ofproto *, struct strbuf *out);

/* Connections.  Each call replaces the whole list: targets kept from the
 * previous list keep their connections.  Controllers are "tcp:IP[:PORT]"
 * or "unix:PATH" (the switch connects and reconnects); listeners are
 * "ptcp:PORT[:IP]" or "punix:PATH" (tools connect).  On a bad target
 * nothing changes. */
int ofproto_set_controllers(struct ofproto *, const char *const *targets,
                            size_t n, char **errorp);
int ofproto_set_listeners(struct ofproto *, const char *const *targets,
                          size_t n, char **errorp);
void ofproto_set_fail_mode(struct ofproto *, enum ofproto_fail_mode);
enum ofproto_fail_mode ofproto_get_fail_mode(const struct ofproto *);

/* For "pont-vsctl show": one line per controller and listener with its
 * state, and the counts of flows, groups and meters. */
void ofproto_format_status(const struct ofproto *, struct strbuf *);

/* The TCP port a "ptcp:0" listener bound, for tests; 0 if none. */
uint16_t ofproto_listener_port(const struct ofproto *, const char *target);

/* Runs a packet with key 'key' (its in_port an OpenFlow port number)
 * through the pipeline without sending anything, and describes each table
 * visited, the rule matched, the actions, and the resulting datapath
 * actions and megaflow, as "pont-vsctl trace" prints them. */
int ofproto_trace(struct ofproto *, const struct flow_key *key,
                  struct strbuf *out, char **errorp);

#endif /* ofproto/ofproto.h */
