/* The action executor: runs a datapath action list (dp_actions.h) on a
 * batch of packets.
 *
 * Every datapath (the dummy one, DPDK, eBPF's userspace fallback) executes
 * the lists that translation builds for its megaflows with dp_execute().
 * The datapath supplies what the executor cannot do itself through struct
 * dp_execute_ops: sending to a port, metering, and delivering to userspace.
 *
 * Execution
 * ---------
 * The executor works action by action across the whole batch: it applies
 * one action to every packet, then the next action, so that a meter sees
 * the batch at once and a switch over action types happens once per batch.
 * The list must have passed dp_actions_validate(); the executor still
 * stops at the first TLV that does not decode, and never reads outside the
 * list.
 *
 *   OUTPUT     Hands a copy of each packet to ops->output(), cut to the
 *              pending truncation if any (which then ends).  When OUTPUT
 *              is the last action of the list, there is nothing left to do
 *              with the packets, so the packets themselves are handed over
 *              and nothing is copied.
 *   PUSH_VLAN  Inserts the 4-byte tag at offset 12; the TCI is written with
 *              PKT_VLAN_CFI (DEI on the wire) cleared.  Frames shorter than
 *              an Ethernet header are unchanged.
 *   POP_VLAN   Removes the outer tag if the frame has one.
 *   PUSH_MPLS  Inserts 'lse' where the stack starts (the top of an existing
 *              stack, or the start of the network header) and writes
 *              'ethertype' into the EtherType before it.  'lse' is written
 *              as given: translation sets its BOS bit (1 on a new stack, 0
 *              on top of one) and its TTL.  A frame without an EtherType
 *              (802.3 without SNAP) is unchanged.
 *   POP_MPLS   Removes the top label and writes 'ethertype' into the
 *              EtherType before the stack; no MPLS stack, no change.
 *   SET_FIELD  Masked write of the field; checksums that cover it are
 *              updated: the IPv4 header checksum for IPv4 addresses, TOS and
 *              TTL; TCP, UDP and ICMPv6 checksums for IP addresses (their
 *              pseudo-header) and ports; a UDP checksum of 0 over IPv4
 *              means "none" and stays 0, and an updated one that comes out
 *              0 is stored as 0xffff; SCTP's CRC32c is recomputed over the
 *              segment (and kept wrong if it was wrong); ICMPv4 and ICMPv6
 *              checksums for type and code; ICMPv6 checksums for the ND
 *              target and link-layer address options.  Later IP fragments
 *              have no transport header and keep it untouched.  A packet
 *              that lacks the field, or whose header is too short, is
 *              unchanged.
 *   SET_QUEUE  Sets each packet's 'queue_id'.
 *   METER      Calls ops->meter() with the batch, which may drop packets.
 *   USERSPACE  Calls ops->userspace() with each packet (untruncated) and
 *              the cookie.
 *   TRUNC      Sets the pending truncation of each packet: the next OUTPUT
 *              sends at most 'max_len' bytes (the smaller, if a truncation
 *              is pending already).  USERSPACE is not truncated.
 *   CLONE      Runs the nested list on a copy of the batch; the originals
 *              go on unmodified.  A CLONE that is the last action runs on
 *              the originals, without copying.
 *   TUNNEL_PUSH  Prepends the VXLAN headers (dp_tunnel_push()).
 *   TUNNEL_POP Decapsulates each packet (dp_tunnel_pop()), sets its
 *              'in_port' to the action's port, clears its queue and
 *              truncation, counts it in 'recirc_depth', and hands it to
 *              ops->recirculate() for another lookup.  Packets that are
 *              not VXLAN, or have been decapsulated DP_MAX_RECIRC_DEPTH
 *              times already, are freed.  Like OUTPUT, it hands over
 *              copies unless it is the last action.
 *
 * When the list ends, the packets left (those not handed over by a last
 * OUTPUT) are freed.  An empty list drops the batch.
 *
 * Allocation: only the copies that OUTPUT and TUNNEL_POP (not last) and
 * CLONE (not last) make, plus a reallocation when a push finds no headroom.  No logging.
 *
 * Thread-safety: dp_execute() touches only the batch it is given and calls
 * the ops on the calling thread; any number of threads may execute the
 * same (read-only) action list at once. */
#ifndef PONT_DP_EXECUTE_H
#define PONT_DP_EXECUTE_H 1

#include <stddef.h>
#include <stdint.h>

struct dp_packet;
struct dp_packet_batch;

/* What the datapath does for the executor.  Every member may be NULL: then
 * OUTPUT, USERSPACE and TUNNEL_POP drop (the packet is freed, or not
 * delivered), and METER passes every packet. */
struct dp_execute_ops {
    /* Sends 'p' to datapath port 'port_no'.  Takes ownership of 'p'. */
    void (*output)(void *aux, uint32_t port_no, struct dp_packet *p);

    /* Runs meter 'meter_id' on 'batch'.  It may remove packets, freeing
     * them and keeping the rest in order at the start of the batch with
     * 'count' lowered. */
    void (*meter)(void *aux, uint32_t meter_id, struct dp_packet_batch *batch);

    /* Delivers 'p' with the 'cookie_len' bytes at 'cookie' to userspace.
     * Both stay owned by the executor: copy what is kept after returning. */
    void (*userspace)(void *aux, const uint8_t *cookie, size_t cookie_len,
                      const struct dp_packet *p);

    /* Looks up 'p', just decapsulated (its in_port and tunnel metadata
     * set), again and executes its actions, now or later on the calling
     * thread.  Takes ownership of 'p'. */
    void (*recirculate)(void *aux, struct dp_packet *p);
};

/* Executes the 'len' bytes of actions at 'actions' (a list that passed
 * dp_actions_validate()) on every packet of 'batch', calling 'ops' with
 * 'aux'.  Consumes the batch: each packet is handed to ops->output() or
 * freed, and 'batch' is left empty. */
void dp_execute(struct dp_packet_batch *batch, const void *actions, size_t len,
                const struct dp_execute_ops *ops, void *aux);

#endif /* datapath/dp_execute.h */
