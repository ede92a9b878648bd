/* controller_scale: simulated Pont hosts for pont-controller's scale
 * benchmark (tests/bench/controller_scale.c).
 *
 * Design
 * ------
 * A struct sim_host is one lightweight OpenFlow 1.3 switch connected to
 * the controller over an active ofp_channel (ofproto/ofp_channel.h), all
 * of them on one event loop.  It answers as pont-vswitchd does, with the
 * codec of ofproto/ofp_msg.h: FEATURES_REPLY (its datapath id), PORT_DESC
 * (its ports), PONT_HOST_INFO_REPLY (host id, tunnel IP, uplink "eth1" and
 * every port's binding key), and it keeps a flow table and a group table
 * that FLOW_MOD, GROUP_MOD and ONF bundles (EXT-230) change and that
 * FLOW_STATS and GROUP_DESC dump.  Barriers are answered in order, after
 * everything before them is applied.  It forwards no packet.
 *
 * Ports: 1 is the uplink "eth1", 2 the VXLAN port "pont-tun", 3 and up the
 * VMs' ports, each with a binding key (iface-id).
 *
 * Watching: the benchmark may name one MAC per host; the host then notes
 * when a flow that matches that MAC exactly as dl_src, and one that
 * matches it as dl_dst, are in its table.  The 'barrier' event comes after
 * every barrier reply sent, so that the benchmark can time "the port's
 * flows are on the host, barrier reply sent".
 *
 * Thread-safety: none; the thread of the event loop. */
#ifndef PONT_CONTROLLER_SCALE_H
#define PONT_CONTROLLER_SCALE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/packets.h"

struct event_base;
struct sim_host;

/* What a host tells the benchmark. */
struct sim_host_events {
    /* A barrier reply was just queued. */
    void (*barrier)(struct sim_host *, void *aux);
};

/* Creates host number 'index' (0-based): host id "simINDEX+1", datapath
 * id INDEX+1, tunnel IP 172.16.0.0 + INDEX + 1.  It connects to 'target'
 * ("tcp:IP:PORT") when connect is called.  Never fails. */
struct sim_host *sim_host_create(struct event_base *, int index,
                                 const struct sim_host_events *, void *aux);
void sim_host_destroy(struct sim_host *); /* NULL is fine. */

/* Starts connecting; returns 0 or -EINVAL with '*errorp' set. */
int sim_host_connect(struct sim_host *, const char *target, char **errorp);

/* Adds a VM port with binding key 'key' (at most 63 bytes).  Once
 * connected, the host announces it with a PORT_STATUS (OFPPR_ADD), as a
 * switch does when a VM is plugged.  Returns its OpenFlow port number. */
uint32_t sim_host_add_port(struct sim_host *, const char *key);

/* Watches 'mac' (see "Watching"); clears what was seen before. */
void sim_host_watch(struct sim_host *, const struct eth_addr *mac);
/* True once flows with 'mac' as exact dl_src and as exact dl_dst are in
 * the table. */
bool sim_host_watch_done(const struct sim_host *);

struct sim_host_stats {
    bool connected;     /* HELLO exchange done. */
    size_t n_flows;     /* In the flow table now. */
    size_t n_groups;    /* In the group table now. */
    uint64_t n_rx_msgs; /* Messages received (echoes not counted). */
    uint64_t n_rx_bytes;
    uint64_t n_flow_mods; /* FLOW_MODs applied, bundled or not. */
    uint64_t n_group_mods;
    uint64_t n_commits;        /* Bundles committed. */
    uint64_t n_barriers;       /* Barrier replies sent. */
    uint64_t n_errors;         /* OFPT_ERRORs sent. */
    long long last_rx_us;      /* When the last message came (0: never). */
    long long last_barrier_us; /* When the last barrier reply went. */
};
void sim_host_get_stats(const struct sim_host *, struct sim_host_stats *);

/* Microseconds on a monotonic clock. */
long long sim_now_us(void);

#endif /* tests/bench/controller_scale.h */
