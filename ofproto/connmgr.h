/* The connection manager of an ofproto: its OpenFlow connections to
 * controllers and tools, and everything that is per connection.
 *
 * Design
 * ------
 * A connmgr owns the OpenFlow channels of one switch (ofproto/ofp_channel.h):
 * active ones to controllers ("tcp:IP[:PORT]", "unix:PATH"; reconnecting)
 * and the connections accepted by passive listeners ("ptcp:PORT[:IP]",
 * "punix:PATH") for tools such as ovs-ofctl.  Each connection is a struct
 * ofconn with its own OpenFlow state: role (equal, master, slave) and the
 * switch-wide generation id, asynchronous message configuration
 * (SET_ASYNC), miss_send_len (SET_CONFIG), open bundles, and the packets
 * buffered for the packet-ins it was sent.
 *
 * Messages: the connmgr handles itself what is about the connection
 * (ROLE_REQUEST, GET/SET_ASYNC, GET/SET_CONFIG, BARRIER_REQUEST, bundle
 * control and add, EXPERIMENTER), refuses state changes from slaves
 * (OFPBRC_IS_SECONDARY, Open vSwitch's name for OFPBRC_IS_SLAVE), and passes
 * everything else to ofproto_handle_msg() (ofproto_private.h), sending an
 * OFPT_ERROR for a nonzero return.  Before a BARRIER_REPLY it calls
 * ofproto_flush_revalidation(), so that after a barrier the datapath forwards
 * by the new tables.
 *
 * Asynchronous messages (packet-in, flow-removed, port-status) go to the
 * connections whose role and asynchronous configuration ask for them,
 * following OpenFlow 1.3 section 6.1.1 and Open vSwitch's behaviour for
 * tool connections.  Packet-ins are rate limited per connection and
 * dropped when a connection's output queue is full: a slow controller
 * never blocks the switch or uses unbounded memory.
 *
 * Fail mode: the connmgr tells ofproto when the first controller
 * connection comes up or the last one goes down
 * (ofproto_controllers_changed()).
 *
 * Thread-safety: main thread only. */
#ifndef PONT_CONNMGR_H
#define PONT_CONNMGR_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp_msg.h"

struct dp_packet;
struct event_base;
struct ofproto;
struct strbuf;

struct connmgr;
struct ofconn;

/* Packets kept per connection for packet-ins with a buffer id. */
#define CONNMGR_N_BUFFERS 256

struct connmgr *connmgr_create(struct ofproto *, struct event_base *);
void connmgr_destroy(struct connmgr *); /* NULL is fine. */

/* See ofproto_set_controllers() and ofproto_set_listeners(). */
int connmgr_set_controllers(struct connmgr *, const char *const *targets,
                            size_t n, char **errorp);
int connmgr_set_listeners(struct connmgr *, const char *const *targets,
                          size_t n, char **errorp);
uint16_t connmgr_listener_port(const struct connmgr *, const char *target);

/* True if at least one controller (active) connection is up. */
bool connmgr_has_controller(const struct connmgr *);

/* One line per controller and listener (target, state, role, time in
 * state, last error), for "pont-vsctl show". */
void connmgr_format_status(const struct connmgr *, struct strbuf *);

/* Asynchronous messages. */

/* A packet-in as the pipeline produced it: 'pi' with buffer_id
 * OFP_NO_BUFFER and the whole packet in 'pi.data' (the caller's), and the
 * max_len of the controller action that sent it (OFPCML_NO_BUFFER: the
 * whole packet, unbuffered).  Each connection that receives it gets a
 * copy, buffered and truncated as its max_len asks. */
struct connmgr_packet_in {
    struct ofp_packet_in pi;
    uint16_t max_len;
};
void connmgr_send_packet_in(struct connmgr *, const struct connmgr_packet_in *);
void connmgr_send_flow_removed(struct connmgr *,
                               const struct ofp_flow_removed *);
void connmgr_send_port_status(struct connmgr *, uint8_t reason,
                              const struct ofp_port *);

/* For handlers of requests (ofproto_handle.c and friends). */

/* Sends 'reply' (its xid already set to the request's) on 'ofconn'. */
void ofconn_send_reply(struct ofconn *, const struct ofp_msg *reply);

/* Sends a multipart reply, split into as many messages as needed to keep
 * each under 64 kB (all but the last with OFPMPF_REPLY_MORE). */
void ofconn_send_multipart(struct ofconn *, const struct ofp_msg *reply);

/* Takes the packet buffered under 'buffer_id' on this connection: 0 with
 * '*packet' (the caller's) and '*in_port' (OpenFlow number), or
 * -OFPERR_OFPBRC_BUFFER_UNKNOWN if there never was such a buffer, or
 * -OFPERR_OFPBRC_BUFFER_EMPTY if it was already used or has expired. */
int ofconn_take_buffered_packet(struct ofconn *, uint32_t buffer_id,
                                struct dp_packet **packet, uint32_t *in_port);

uint32_t ofconn_get_role(const struct ofconn *); /* OFPCR_ROLE_*. */

/* From ofproto (ofproto.c), called by the connmgr. */
void ofproto_controllers_changed(struct ofproto *);

#endif /* ofproto/connmgr.h */
