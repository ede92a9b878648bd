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
 * Every change of the model, from the REST API or from the switches,
 * marks the flows stale; in the event loop's next round, every connected
 * host is compiled again and its flow set applied: the
 * southbound sends only the difference, so a host that the change does
 * not concern gets nothing.  Changes that arrive together are compiled
 * once.
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
