/* VXLAN tunnel ports: their settings, the neighbour cache that gives their
 * outer packets a destination MAC address, and the ARP the switch speaks
 * on their uplink.
 *
 * Design
 * ------
 * A tunnel port is an OpenFlow port (a datapath port of type "vxlan",
 * without a device) whose packets travel inside VXLAN over another port of
 * the same bridge, its uplink.  The switch owns the tunnel's local IPv4
 * address on that uplink, as a host owns the address of its NIC:
 *
 *   - Out: translation turns an output to the tunnel port into
 *     clone(tnl_push(...),output:UPLINK).  The remote endpoint is the
 *     port's remote_ip, or the packet's tun_dst when remote_ip=flow; the
 *     VNI is the port's key, or the packet's tun_id when key=flow.  The
 *     next hop is the remote endpoint when it is inside local_ip's subnet
 *     (or no prefix length was given), the gateway otherwise; its MAC
 *     comes from the neighbour cache.  While the cache does not know it,
 *     the packets go to userspace, which sends an ARP request for the next
 *     hop (at most one a second per address) and drops them; the answer
 *     fills the cache and has the megaflows revalidated.
 *   - In: before table 0, a packet that comes in on an uplink, untagged,
 *     and is IPv4 UDP to the local IP and the port's UDP port (not a
 *     fragment) is decapsulated (tnl_pop) and comes back into the pipeline
 *     on the tunnel port with tun_id, tun_src and tun_dst set.  An ARP
 *     packet whose target is the local IP goes to userspace, which learns
 *     the sender's address and answers requests.  Everything else on the
 *     uplink goes through the tables as usual.
 *
 * The outer headers add 50 bytes: the underlay's MTU must be 50 bytes
 * larger than the guests' (1550 for guests at 1500), or the guests' MTU
 * 50 bytes smaller.  Outer packets are sent with "don't fragment" unless
 * df=false, and are not fragmented by the switch.
 *
 * Counters: the uplink counts the outer packets; the tunnel port itself
 * has no device and reports zeros.
 *
 * Options of a port of type "vxlan" (all but local_ip and uplink have
 * defaults):
 *
 *   local_ip=A.B.C.D[/LEN]  The tunnel endpoint's address on the underlay,
 *                        and the length of its subnet's prefix.
 *   uplink=PORT          The bridge's port that carries the outer packets.
 *   remote_ip=flow|IP    flow (the default): the tun_dst the flows set.
 *   key=flow|VNI         flow (the default): the tun_id the flows set.
 *   gateway=IP           Next hop for remote endpoints outside the subnet.
 *   dst_port=N           UDP port, both ways (default 4789).
 *   ttl=N, tos=N         Of the outer IPv4 header (defaults 64 and 0).
 *   df=true|false        Outer "don't fragment" (default true).
 *
 * Thread-safety: configurations are immutable once attached to a port
 * (replaced under ofproto's xlate_rwlock).  The neighbour cache has its own
 * lock: lookups from any thread, learning and requests from the main
 * thread. */
#ifndef PONT_OFPROTO_TUNNEL_H
#define PONT_OFPROTO_TUNNEL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/packets.h"
#include "ofproto/ofp_wire.h"

struct dp_packet;
struct dpif_option;
struct ofport;
struct ofproto;
struct strbuf;

struct tnl_config {
    be32 local_ip;
    uint8_t prefix_len; /* 0: every remote endpoint is on the link. */
    be32 gateway;       /* 0: none. */
    be32 remote_ip;     /* 0: from the flow (tun_dst). */
    bool key_flow;      /* The VNI comes from the flow (tun_id)... */
    uint32_t key;       /* ...or is this one. */
    be16 dst_port;
    uint8_t ttl;
    uint8_t tos;
    bool df;
    char uplink[OFP_MAX_PORT_NAME_LEN];
};

/* Parses the 'n' options of the tunnel port 'name' into a new
 * configuration.  Returns 0 and sets '*cfgp' (free with free()), or
 * returns -EINVAL and sets '*errorp' to a sentence saying what is wrong. */
int tnl_config_parse(const char *name, const struct dpif_option *options,
                     size_t n, struct tnl_config **cfgp, char **errorp);

/* Appends "local_ip=... uplink=... remote_ip=..." to 'out'. */
void tnl_config_format(const struct tnl_config *, struct strbuf *out);

/* Returns the address to ARP for to reach 'remote': 'remote' itself or the
 * gateway; 0 if 'remote' is off the subnet and there is no gateway. */
be32 tnl_config_next_hop(const struct tnl_config *, be32 remote);

/* Neighbour cache
 * --------------- */

struct tnl_neigh *tnl_neigh_create(void);
void tnl_neigh_destroy(struct tnl_neigh *); /* NULL is fine. */

/* Sets '*mac' to the address known for 'ip' and returns true, or returns
 * false.  Any thread. */
bool tnl_neigh_lookup(struct tnl_neigh *, be32 ip, struct eth_addr *mac);

/* Records that 'ip' is at 'mac'.  Returns true if that is news (a new
 * entry, or a changed address).  Main thread. */
bool tnl_neigh_learn(struct tnl_neigh *, be32 ip, const struct eth_addr *mac,
                     long long now_ms);

/* Returns true if an ARP request for 'ip' may go out now (none in the
 * last second), and notes that one does.  Main thread. */
bool tnl_neigh_may_request(struct tnl_neigh *, be32 ip, long long now_ms);

/* Appends one line per known neighbour, "IP MAC age Ns", sorted by IP. */
void tnl_neigh_format(struct tnl_neigh *, long long now_ms, struct strbuf *out);

/* ARP on the uplink
 * ----------------- */

/* Handles a packet that translation sent to userspace for tunnel port
 * 'tnl_port' (an OpenFlow port number): 'is_arp' for an ARP packet to the
 * local IP (learn, and answer a request), otherwise a packet that waits
 * for the MAC address of 'next_hop' (ask for it).  Main thread. */
void tnl_handle_upcall(struct ofproto *, uint32_t tnl_port, bool is_arp,
                       be32 next_hop, const struct dp_packet *);

/* Returns the uplink port of tunnel port 'tnl', or NULL if the bridge has
 * no port of that name (or it is the tunnel itself).  Caller holds
 * xlate_rwlock or is the main thread. */
const struct ofport *tnl_uplink(const struct ofproto *,
                                const struct ofport *tnl);

#endif /* ofproto/tunnel.h */
