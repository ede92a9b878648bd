/* The DPDK datapath: poll-mode forwarding between vhost-user and ethdev
 * ports.
 *
 * Design
 * ------
 * Type "dpdk".  The Environment Abstraction Layer (EAL) starts once per
 * process, when the first DPDK datapath opens, with the arguments given to
 * dpif_dpdk_configure().  Poll-mode driver (PMD) threads, one per core of
 * the configured core list and shared by every DPDK datapath of the
 * process, poll the receive queues of all ports (spread over the PMDs) in
 * batches of up to 32 packets:
 *
 *   rx burst -> parse -> per-PMD exact-match cache -> megaflow classifier
 *   (tuple-space search, subtables ordered by hits) -> actions -> tx burst
 *
 * A packet no megaflow matches goes to the datapath's handler thread over a
 * ring; the handler runs the upcall (the OpenFlow pipeline), installs the
 * megaflow and executes the packet, so that the PMD never waits for the
 * slow path.  When the ring is full the packet is dropped and counted as
 * lost.
 *
 * Port types and options:
 *   vhostuser  path=SOCK        vhost-user socket of a guest's virtio-net
 *              vhost-server=true  be the server (default: client, so that a
 *                               switch restart reconnects to QEMU by
 *                               itself, and a guest restart too)
 *              queues=N         queue pairs (default 1)
 *   dpdk       devargs=ARGS     any ethdev: a device already probed by EAL
 *                               (its name or PCI address), or a vdev such
 *                               as net_af_packet0,iface=veth0 or
 *                               net_tap0,iface=tap0, probed on add
 *              queues=N         receive and send queues (default 1)
 *   internal   the bridge's own port (OpenFlow LOCAL): a kernel network
 *              interface named like the bridge, in the switch's network
 *              namespace, made with DPDK's net_tap and then polled like
 *              any ethdev.  No options.  See "The internal port" below.
 * Link state comes from the device (a vhost-user port is up while a guest
 * driver is attached) and changes the port change sequence, so ofproto
 * reports it as PORT_STATUS.
 *
 * The internal port.  The host reaches the bridge's guests through it, as
 * through Open vSwitch's: `ip addr add 10.0.0.1/24 dev br0; ip link set
 * br0 up`.
 *   - The interface starts down, like any new Linux interface; the port's
 *     link is up while the interface is up and running (`ip link set br0
 *     up/down` shows as PORT_STATUS), and its statistics are net_tap's.
 *   - Its MAC address is the tap's own, random and locally administered,
 *     chosen anew each time the port is made; it is the port's hw_addr.
 *     A change made later with `ip link set br0 address` is not seen.
 *   - The interface lives as long as the port: deleting the port or the
 *     bridge removes it, and so does the end of the process, crash
 *     included (net_tap's taps are not persistent).  A switch that starts
 *     while the tap of its previous run is still going away waits for
 *     that, up to 2 seconds.  Addresses set on the interface do not
 *     survive a restart of the switch.
 *   - A bridge name longer than IFNAMSIZ - 1 (15) characters is an error:
 *     the bridge is not made.
 *   - Every other reason why the interface cannot be made (no
 *     /dev/net/tun, no CAP_NET_ADMIN, an interface of that name that is
 *     not ours) is logged as a warning, and the port is left without a
 *     device (link down, what is sent to it dropped).  The bridge still
 *     forwards between its other ports: guests matter more than the
 *     host's view of them, a switch restarted from its configuration in a
 *     container without /dev/net/tun must not lose its bridges, and Open
 *     vSwitch too keeps a bridge whose interface failed.  Fix the cause,
 *     then restart the switch or add the bridge again.
 *
 * Packets live in rte_mbufs from one mempool per datapath; the dp_packet
 * that the shared executor works on sits in each mbuf's private area
 * (datapath/dp_packet.h allows external storage), so nothing is copied
 * between receive and send.
 *
 * Thread-safety: as dpif.h says.  PMD threads are rte_rcu readers of the
 * port table, the poll lists, the megaflow classifier and the meters; they
 * take no lock per packet.  Control-path changes are serialized by a mutex
 * per datapath and free what they unlink after a grace period. */
#ifndef PONT_DPIF_DPDK_H
#define PONT_DPIF_DPDK_H 1

#include <stdbool.h>
#include <stdint.h>

struct strbuf;

/* Settings of the DPDK datapath, for the whole process. */
struct dpif_dpdk_config {
    /* EAL arguments, split like a shell would on white space (no quoting).
     * NULL: DPIF_DPDK_DEFAULT_EAL_ARGS.  Unless they choose cores with -l,
     * -c or --lcores, the datapath adds a mapping that leaves the main
     * thread unpinned. */
    const char *eal_args;

    /* CPU list of the PMD threads, e.g. "1" or "2-3,6" (one thread per
     * CPU).  NULL: the last CPU of the machine. */
    const char *pmd_cores;

    /* Longest sleep, in microseconds, of a PMD that finds no packets: it
     * sleeps 1, 2, 4, ... microseconds up to this between empty polls.
     * 0 never sleeps (lowest latency, a core at 100%). */
    uint32_t pmd_max_sleep_us;
};

#define DPIF_DPDK_DEFAULT_EAL_ARGS "--single-file-segments --file-prefix=pont"
#define DPIF_DPDK_DEFAULT_MAX_SLEEP_US 250

/* Registers the "dpdk" datapath type with dpif_register_class().  Does not
 * start EAL.  Main thread, at start-up. */
int dpif_dpdk_register(void);

/* Sets the process-wide settings.  Returns 0, or -EINVAL with '*errorp' a
 * sentence if a setting is malformed (a bad CPU list), or -EBUSY if EAL has
 * started already (settings then apply at the next start of the switch).
 * Main thread, before the first DPDK datapath opens. */
int dpif_dpdk_configure(const struct dpif_dpdk_config *, char **errorp);

/* Whether EAL is running in this process. */
bool dpif_dpdk_is_started(void);

/* Appends a report of every PMD thread to 'out': its CPU, the receive
 * queues it polls, and its counters (packets, exact-match cache hits,
 * megaflow hits, misses, lost, busy and idle cycles, cycles per packet).
 * Appends a sentence saying so if EAL has not started.  Any thread. */
void dpif_dpdk_format_pmd_stats(struct strbuf *out);

/* Zeroes the PMD counters.  Any thread. */
void dpif_dpdk_clear_pmd_stats(void);

#endif /* datapath/dpif_dpdk.h */
