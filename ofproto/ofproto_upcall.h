/* Megaflow bookkeeping of an ofproto ("udpif"): handling the datapath's
 * misses, crediting megaflow statistics to OpenFlow rules, revalidating
 * megaflows when the pipeline changes, evicting idle ones, and turning
 * USERSPACE upcalls into packet-ins.
 *
 * Design
 * ------
 * For every megaflow it lets the datapath install, the udpif keeps a
 * "ukey": the megaflow's match, the key of the packet that created it, its
 * actions, the cache of what its translation went through (xlate.h), the
 * statistics last credited, and the revalidation sequence number it was
 * translated at.  Misses are translated on the datapath's threads (the
 * upcall function), which only ever add ukeys; everything else happens on
 * the main thread:
 *   - every second, dump the datapath's megaflows, credit each one's new
 *     packets through its cache, and delete megaflows idle for 10 s and
 *     megaflows nobody has a ukey for;
 *   - when the pipeline changed (udpif_schedule_revalidation()), translate
 *     every ukey's packet key again: a megaflow whose mask changed is
 *     deleted (the next packet makes a new one), one whose actions changed
 *     gets the new actions.
 *
 * Thread-safety: udpif_schedule_revalidation() from any thread; everything
 * else from the main thread. */
#ifndef PONT_OFPROTO_UPCALL_H
#define PONT_OFPROTO_UPCALL_H 1

#include <stdint.h>

struct dp_packet;
struct ofp_actions;
struct ofproto;
struct udpif;

/* Registers with ofproto's datapath as its upcall handler and watches its
 * upcall queue on ofproto's event base. */
int udpif_create(struct ofproto *, struct udpif **, char **errorp);
void udpif_destroy(struct udpif *); /* NULL is fine. */

/* Periodic work (statistics, idle eviction, scheduled revalidation). */
void udpif_run(struct udpif *);

/* Asks for every megaflow to be revalidated soon.  Any thread. */
void udpif_schedule_revalidation(struct udpif *);

/* Revalidates now if anything asked for it (before a barrier reply). */
void udpif_flush_revalidation(struct udpif *);

/* Runs 'packet' (consumed) through 'actions' (a packet-out's), or through
 * the pipeline if 'actions' is NULL, as if it came in on OpenFlow port
 * 'in_port' (a port, OFPP_CONTROLLER, OFPP_LOCAL or OFPP_ANY), and sends
 * it on its way through the datapath.  Returns 0 or a negative errno. */
int udpif_execute(struct udpif *, struct dp_packet *packet, uint32_t in_port,
                  const struct ofp_actions *actions);

#endif /* ofproto/ofproto_upcall.h */
