/* The dummy datapath: a complete datapath that runs inside the process, so
 * that the switch can be tested without root, hugepages or NICs.
 *
 * Design
 * ------
 * Type "dummy".  It implements the whole of dpif.h except QoS: ports,
 * megaflows with statistics, an exact-match cache in front of the megaflow
 * classifier (lib/classifier.h), upcalls on misses, a queue of packets for
 * userspace, and OpenFlow meters as token buckets.  Actions run through
 * dp_execute() like on every other datapath.
 *
 * Ports have type "dummy", "internal" (the bridge's own port) or "vxlan"
 * (a tunnel port, which translation encapsulates for and TUNNEL_POP
 * delivers from); the last two behave like "dummy" without options.  Without options a port is an in-memory queue both ways:
 * tests inject frames with dpif_dummy_receive() and take what the port sent
 * with dpif_dummy_take_output(); its link is always up.  Options (type
 * "dummy" only):
 *
 *   sock=PATH          The datapath listens on a unix SOCK_SEQPACKET socket
 *                      at PATH (replacing a stale socket file there).  One
 *                      peer at a time may connect; each datagram is one
 *                      Ethernet frame, both ways.  The link is up while a
 *                      peer is connected.
 *   sock-connect=PATH  The datapath connects to a SOCK_SEQPACKET socket
 *                      listening at PATH, and connects again (once a
 *                      second) after the peer goes away.
 *
 * Socket ports are served by one thread per datapath, started with the
 * first socket port: it polls the sockets, and runs the fast path on the
 * frames it reads, in batches of up to DP_PACKET_BATCH_MAX.
 *
 * Semantics worth knowing (see dpif.h for the rest):
 *   - Port numbers are the wanted one, or the lowest free from 1.  The
 *     hardware address is a locally administered MAC derived from the name,
 *     so it is the same across runs.
 *   - A packet that missed counts in the statistics of the megaflow its
 *     upcall installed (or found), so that OpenFlow rule counters include
 *     it.  A miss with no upcall registered, an upcall error, or invalid
 *     upcall actions drop the packet and count in n_lost.
 *   - Meters: each drop band is a token bucket filled at the band's rate
 *     up to its burst size.  Every packet that enters the meter takes its
 *     cost (1 packet, or its frame bytes * 8 bits) from every band whose
 *     bucket holds enough; the packet is dropped by the band with the
 *     highest rate among those whose bucket did not hold enough (so, as
 *     OpenFlow says, the band with the highest rate below the measured
 *     rate applies), and counts in that band's statistics.  Buckets start
 *     full.  Without DPIF_METER_BURST, or with a burst size of 0, a band's
 *     burst is one second at its rate.  A meter that does not exist passes
 *     every packet.  Rates of kbps meters are 1000 bits per second.
 *   - Packets that TUNNEL_POP decapsulates are looked up again at once, on
 *     the same thread (recursively, as deep as DP_MAX_RECIRC_DEPTH), except
 *     in dpif_execute(), which drops them.
 *   - Megaflow 'used_ms' and meters read the datapath's clock:
 *     CLOCK_MONOTONIC, unless a test set its own with dpif_dummy_set_clock().
 *
 * Thread-safety: as dpif.h says.  The control path (port, flow and meter
 * changes) is serialized by a mutex per datapath; the fast path reads the
 * port, meter and megaflow tables under RCU without locks, except a short
 * per-port lock to queue output and a per-meter lock around the buckets. */
#ifndef PONT_DPIF_DUMMY_H
#define PONT_DPIF_DUMMY_H 1

#include <stddef.h>
#include <stdint.h>

struct dp_packet;
struct dpif;
struct dpif_class;

/* Frames an in-memory port keeps for dpif_dummy_take_output(); more are
 * dropped and counted in the port's tx_dropped. */
#define DPIF_DUMMY_TXQ_MAX 1024

/* Packets of USERSPACE actions waiting for dpif_recv(); more are dropped
 * and counted in n_lost. */
#define DPIF_DUMMY_RECVQ_MAX 1024

/* Megaflows a dummy datapath holds at most. */
#define DPIF_DUMMY_MAX_FLOWS 65536

extern const struct dpif_class dpif_dummy_class;

/* Registers dpif_dummy_class; returns 0 or -EEXIST like
 * dpif_register_class(). */
int dpif_dummy_register(void);

/* Test injection
 * -------------- */

/* Handles the 'len'-byte Ethernet frame at 'frame' as if it had arrived on
 * port 'port_no': runs the fast path synchronously on the calling thread,
 * which must be registered with lib/rcu.h and online (the fast path reads
 * RCU-protected tables); the upcall, if the frame misses, runs on this
 * thread too.  Returns 0 once the frame has been handled (forwarded or
 * dropped by its actions), -ENODEV if there is no such port, -EINVAL if
 * 'len' is shorter than an Ethernet header (counted as an rx error), or
 * -ENETDOWN if the port is administratively down (counted as rx dropped).
 */
int dpif_dummy_receive(struct dpif *, uint32_t port_no, const void *frame,
                       size_t len);

/* Sets '*packetp' to the oldest frame that in-memory port 'port_no' sent
 * and has not been taken yet; the caller owns it (dp_packet_delete()).
 * Returns 0, -EAGAIN if the port sent nothing more, -ENODEV if there is no
 * such port, or -EOPNOTSUPP for a socket port (read its socket instead).
 * Any thread. */
int dpif_dummy_take_output(struct dpif *, uint32_t port_no,
                           struct dp_packet **packetp);

/* Replaces the datapath's clock by 'now_ns' (nanoseconds, never going
 * backwards), called with 'aux'; NULL restores CLOCK_MONOTONIC.  For tests
 * that need meters to be deterministic.  Call it while no packet is being
 * processed. */
void dpif_dummy_set_clock(struct dpif *, long long (*now_ns)(void *aux),
                          void *aux);

#endif /* datapath/dpif_dummy.h */
