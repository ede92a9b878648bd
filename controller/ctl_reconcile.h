/* Keeping every switch in line with the model: the link between the
 * southbound (ctl_south.h), the model (ctl_model.h) and the compiler
 * (ctl_compile.h).
 *
 * Design
 * ------
 * A switch that comes up is a host of the model: a Pont switch registers
 * itself under its host id (with its datapath id, tunnel IP and uplink),
 * any other switch is the declared host with its datapath id, and a
 * switch that is neither is left alone (logged: declare it).  Its ports
 * bind the model's ports whose binding key they report; a port that goes
 * away unbinds, and so does a binding to this host that the switch no
 * longer reports when it reconnects.
 *
 * Every change of the model that can change flows marks every host's
 * flows stale and queues the hosts for recompilation: a change through
 * the REST API if it touches what the compiler reads (hosts, networks,
 * ports that are bound: a port no switch has reported yet changes no
 * flow), and every change of bindings and hosts from the switches.  The
 * queue is worked through in slices of about 10 ms at the event loop's
 * lowest priority (when the loop has priorities), so that messages and
 * API requests never wait for more than one host's compilation.  The
 * host whose binding changed goes first: a port plugged in gets its flows
 * before the other hosts learn the way to it.  A host that is queued
 * again before its turn is compiled once, and the others keep their place,
 * so that a stream of changes starves nobody.  A host whose compiled flow
 * set equals the one it was given last is skipped; otherwise the
 * southbound sends only the difference.
 *
 * ctl_reconcile also gives the REST API what it asks of the switches: whether a
 * host is connected, and the flows the compiler wants on it.
 *
 * Thread-safety: none; the controller's main thread. */
#ifndef PONT_CTL_RECONCILE_H
#define PONT_CTL_RECONCILE_H 1

struct ctl_controller;
struct ctl_reconcile;

/* Starts the southbound on the controller's --listen address and hooks
 * into its REST API.  Returns NULL with '*errorp' set if the address
 * cannot be listened on. */
struct ctl_reconcile *ctl_reconcile_create(struct ctl_controller *,
                                           char **errorp);
void ctl_reconcile_destroy(struct ctl_reconcile *); /* NULL is fine. */

/* The TCP port the southbound listens on (the kernel's choice for 0). */
int ctl_reconcile_port(const struct ctl_reconcile *);

#endif /* controller/ctl_reconcile.h */
