/* The datapath interface: what ofproto asks of a fast path.
 *
 * Design
 * ------
 * A datapath forwards packets between its ports without ofproto's help as
 * long as it has a flow for them: a megaflow (a match: key and mask over
 * struct flow_key) with a list of datapath actions (datapath/dp_actions.h).
 * A packet no megaflow matches is a miss: the datapath calls the upcall
 * function that ofproto registered, which runs the OpenFlow pipeline for
 * the packet and answers with actions and the megaflow mask (the bits the
 * pipeline looked at); the datapath installs that megaflow and executes the
 * actions.  Packets that an action sends to userspace (packet-ins) are
 * queued and read by ofproto with dpif_recv().
 *
 * ofproto keeps megaflows honest: it dumps them with their statistics,
 * credits the statistics to the OpenFlow rules they came from, and deletes
 * or replaces those whose translation changed (revalidation).
 *
 * Providers
 * ---------
 * Each kind of datapath ("dummy" in-process for tests, "dpdk", "ebpf") is a
 * struct dpif_class of function pointers, registered once with
 * dpif_register_class().  A member left NULL means "not supported": the
 * dispatch functions below then return -EOPNOTSUPP.  A provider embeds
 * struct dpif at the start of its own datapath struct.
 *
 * Port numbers here are datapath port numbers, which are not OpenFlow port
 * numbers: ofproto maps between them.
 *
 * Return convention: 0 or a negative errno value.  Functions that describe
 * a failure for a user take 'char **errorp' and set it to a malloc'd
 * sentence (the caller frees it) when they fail.
 *
 * Thread-safety
 * -------------
 * Every function may be called from any thread, concurrently, unless its
 * comment says otherwise; providers synchronize internally.  The upcall
 * function is called on the datapath's own threads (PMD threads), which
 * are RCU readers (lib/rcu.h) that quiesce between batches.  Datapath
 * threads never take a lock that a control-path caller could hold for
 * long. */
#ifndef PONT_DPIF_H
#define PONT_DPIF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/flow.h"

struct buf;
struct dp_packet;
struct dpif_class;

/* For users
 * ========= */

/* An open datapath. */
struct dpif {
    const struct dpif_class *class;
    char *name;
};

/* Configuration of a port to add: 'type' is provider-specific ("dummy",
 * "internal", "vhostuser", "dpdk", ...); 'options' are key=value pairs
 * the type understands (a provider rejects unknown keys with an error
 * naming them). */
struct dpif_option {
    const char *key;
    const char *value;
};

struct dpif_port_config {
    const char *name;
    const char *type;
    const struct dpif_option *options;
    size_t n_options;
    uint32_t port_no;           /* Wanted number, or DPIF_PORT_ANY. */
};

#define DPIF_PORT_ANY UINT32_MAX

/* A port as the datapath reports it.  Owned by the caller after a query:
 * free with dpif_port_destroy(). */
struct dpif_port {
    uint32_t port_no;
    char *name;
    char *type;
    struct eth_addr hw_addr;
    bool link_up;               /* Carrier: false if nobody is attached. */
    bool admin_up;              /* See dpif_port_set_admin(). */
    uint32_t mtu;
    uint32_t speed_mbps;        /* 0 if unknown. */
};

struct dpif_port_stats {
    uint64_t rx_packets, rx_bytes, rx_dropped, rx_errors;
    uint64_t tx_packets, tx_bytes, tx_dropped, tx_errors;
};

/* What a megaflow has done. */
struct dpif_flow_stats {
    uint64_t n_packets;
    uint64_t n_bytes;
    long long used_ms;          /* Last packet, CLOCK_MONOTONIC ms, or 0. */
    uint16_t tcp_flags;         /* OR of the TCP flags seen. */
};

/* A megaflow, as dumped.  Everything points into the provider's memory and
 * is valid only during the dump callback. */
struct dpif_flow {
    const struct flow_match *match;
    const void *actions;
    size_t actions_len;
    struct dpif_flow_stats stats;
};

enum dpif_flow_put_flags {
    DPIF_FP_CREATE = 1 << 0,    /* Create if absent. */
    DPIF_FP_MODIFY = 1 << 1,    /* Replace the actions if present. */
    DPIF_FP_ZERO_STATS = 1 << 2 /* On modify, reset the statistics. */
};

/* Statistics of the datapath as a whole. */
struct dpif_dp_stats {
    uint64_t n_hit;             /* Packets that matched a megaflow. */
    uint64_t n_missed;          /* Packets that went to the upcall. */
    uint64_t n_lost;            /* Misses that could not be handled. */
    uint64_t n_flows;           /* Megaflows installed now. */
    uint64_t n_masks;           /* Distinct megaflow masks now. */
};

/* A packet sent to userspace by a USERSPACE action.  The receiver owns
 * 'packet' (free with dp_packet_delete()). */
#define DPIF_UPCALL_COOKIE_MAX 64
struct dpif_upcall {
    struct dp_packet *packet;   /* As it was when the action ran. */
    uint32_t in_port;           /* Datapath port it came in on. */
    uint8_t cookie[DPIF_UPCALL_COOKIE_MAX];
    size_t cookie_len;
};

/* Meters, with OpenFlow's semantics (datapath/README.md): a packet that
 * exceeds the rate of the highest band whose rate it exceeds is dropped. */
enum dpif_meter_flags {
    DPIF_METER_KBPS = 1 << 0,   /* Rates in kbit/s of frame bytes... */
    DPIF_METER_PKTPS = 1 << 1,  /* ...or in packets per second. */
    DPIF_METER_BURST = 1 << 2,  /* Use the bands' burst sizes. */
    DPIF_METER_STATS = 1 << 3   /* Keep statistics. */
};

#define DPIF_METER_MAX_BANDS 8
struct dpif_meter_band {
    uint32_t rate;              /* kbit/s or packets/s per the flags. */
    uint32_t burst_size;        /* kbit or packets; 0: a default. */
};

struct dpif_meter_config {
    uint32_t flags;             /* DPIF_METER_*. */
    struct dpif_meter_band bands[DPIF_METER_MAX_BANDS]; /* Drop bands. */
    size_t n_bands;
};

struct dpif_meter_stats {
    uint64_t packet_in_count;
    uint64_t byte_in_count;
    uint64_t band_packets[DPIF_METER_MAX_BANDS]; /* Dropped by each band. */
    uint64_t band_bytes[DPIF_METER_MAX_BANDS];
    size_t n_bands;
};

/* Egress queues of a port, for the bandwidth work (queues selected by the
 * SET_QUEUE action).  Rates in bit/s of Ethernet frames. */
#define DPIF_QOS_MAX_QUEUES 64
struct dpif_queue_config {
    uint32_t queue_id;
    uint64_t min_rate_bps;      /* Guaranteed; 0: none. */
    uint64_t max_rate_bps;      /* Ceiling; 0: the port's rate. */
    uint64_t burst_bytes;       /* 0: a default. */
    uint32_t weight;            /* Share of the spare capacity; 0: 1. */
};

struct dpif_qos_config {
    uint64_t port_rate_bps;     /* Shaping rate of the port; 0: line. */
    struct dpif_queue_config queues[DPIF_QOS_MAX_QUEUES];
    size_t n_queues;
};

struct dpif_queue_stats {
    uint64_t tx_packets, tx_bytes, tx_dropped;
};

/* The function a datapath calls on a miss, on one of its own threads, for
 * a packet whose key is 'key' (parsed by the datapath, 'key->in_port' the
 * datapath port).  It appends the megaflow's datapath actions to 'actions'
 * (empty: drop) and ORs into 'wc' (zeroed by the caller) the key bits the
 * actions depend on.  It returns 0 to have the megaflow installed and the
 * packet executed, or a negative errno value to have the packet dropped and
 * counted in n_lost.  It must be thread-safe; it may not call back into the
 * datapath except dpif_recv's queue-free functions. */
typedef int dpif_upcall_fn(const struct dp_packet *packet,
                           const struct flow_key *key, struct buf *actions,
                           struct flow_mask *wc, void *aux);

/* Called for each megaflow during dpif_flow_dump(); a nonzero return stops
 * the dump and is returned by it. */
typedef int dpif_flow_dump_fn(const struct dpif_flow *, void *aux);

/* Registers a provider; returns -EEXIST if its type is taken.  Main thread,
 * before any dpif_open(). */
int dpif_register_class(const struct dpif_class *);

/* Returns the registered provider of 'type', or NULL. */
const struct dpif_class *dpif_class_lookup(const char *type);

/* Opens the datapath 'name' of 'type', creating it if needed.  Returns 0
 * with '*dpifp' set, or a negative errno with '*errorp' a sentence. */
int dpif_open(const char *type, const char *name, struct dpif **dpifp,
              char **errorp);
void dpif_close(struct dpif *); /* NULL is fine. */

/* Ports. */
int dpif_port_add(struct dpif *, const struct dpif_port_config *,
                  uint32_t *port_nop, char **errorp);
int dpif_port_del(struct dpif *, uint32_t port_no);
int dpif_port_query(struct dpif *, uint32_t port_no, struct dpif_port *);
int dpif_port_query_by_name(struct dpif *, const char *name,
                            struct dpif_port *);
void dpif_port_destroy(struct dpif_port *); /* Frees members; NULL ok. */
/* Sets '*ports' to a malloc'd array of all ports, sorted by number (free
 * each with dpif_port_destroy(), then the array). */
int dpif_port_dump(struct dpif *, struct dpif_port **ports, size_t *n);
int dpif_port_get_stats(struct dpif *, uint32_t port_no,
                        struct dpif_port_stats *);
/* Administratively enables or disables a port: a disabled port neither
 * receives nor sends. */
int dpif_port_set_admin(struct dpif *, uint32_t port_no, bool up);
/* A number that changes whenever a port is added, removed, or changes its
 * link state, so that ofproto can poll for PORT_STATUS. */
uint64_t dpif_port_change_seq(struct dpif *);

/* Megaflows. */
int dpif_flow_put(struct dpif *, const struct flow_match *,
                  const void *actions, size_t actions_len,
                  enum dpif_flow_put_flags, struct dpif_flow_stats *stats);
int dpif_flow_del(struct dpif *, const struct flow_match *,
                  struct dpif_flow_stats *stats);
int dpif_flow_flush(struct dpif *);
int dpif_flow_dump(struct dpif *, dpif_flow_dump_fn *, void *aux);

/* Executes 'actions' on 'packet' (consumed), whose 'in_port' metadata says
 * where it comes from (or DPIF_PORT_ANY).  For packet-outs. */
int dpif_execute(struct dpif *, struct dp_packet *packet, const void *actions,
                 size_t actions_len);

/* Upcalls.  The registered function handles misses (see dpif_upcall_fn);
 * register it before adding ports.  Packets of USERSPACE actions queue up
 * (a bounded queue; overflows count as n_lost) and dpif_recv() takes the
 * next one: 0, or -EAGAIN if there is none.  dpif_recv_fd() returns a file
 * descriptor that is readable while the queue is not empty (owned by the
 * datapath), for event loops. */
void dpif_register_upcall(struct dpif *, dpif_upcall_fn *, void *aux);
int dpif_recv(struct dpif *, struct dpif_upcall *);
int dpif_recv_fd(struct dpif *);

int dpif_get_stats(struct dpif *, struct dpif_dp_stats *);

/* Meters, numbered as OpenFlow numbers them (1..0xffff0000). */
int dpif_meter_set(struct dpif *, uint32_t meter_id,
                   const struct dpif_meter_config *);
int dpif_meter_del(struct dpif *, uint32_t meter_id);
int dpif_meter_get_stats(struct dpif *, uint32_t meter_id,
                         struct dpif_meter_stats *);

/* QoS: egress queues of a port.  A NULL 'config' removes them. */
int dpif_qos_set(struct dpif *, uint32_t port_no,
                 const struct dpif_qos_config *, char **errorp);
int dpif_queue_get_stats(struct dpif *, uint32_t port_no, uint32_t queue_id,
                         struct dpif_queue_stats *);

/* For implementers
 * ================
 * Each member has the contract of the dispatch function of the same name
 * above; the dispatch functions check their arguments, so members may
 * assume valid ones.  Members not listed as required may be NULL. */
struct dpif_class {
    const char *type;           /* Required. */

    /* Required. */
    int (*open)(const struct dpif_class *, const char *name,
                struct dpif **dpifp, char **errorp);
    void (*close)(struct dpif *);

    /* Required. */
    int (*port_add)(struct dpif *, const struct dpif_port_config *,
                    uint32_t *port_nop, char **errorp);
    int (*port_del)(struct dpif *, uint32_t port_no);
    int (*port_query)(struct dpif *, uint32_t port_no, const char *name,
                      struct dpif_port *); /* By number, or by name if set. */
    int (*port_dump)(struct dpif *, struct dpif_port **ports, size_t *n);
    int (*port_get_stats)(struct dpif *, uint32_t port_no,
                          struct dpif_port_stats *);
    int (*port_set_admin)(struct dpif *, uint32_t port_no, bool up);
    uint64_t (*port_change_seq)(struct dpif *);

    /* Required. */
    int (*flow_put)(struct dpif *, const struct flow_match *,
                    const void *actions, size_t actions_len,
                    enum dpif_flow_put_flags, struct dpif_flow_stats *);
    int (*flow_del)(struct dpif *, const struct flow_match *,
                    struct dpif_flow_stats *);
    int (*flow_flush)(struct dpif *);
    int (*flow_dump)(struct dpif *, dpif_flow_dump_fn *, void *aux);

    /* Required. */
    int (*execute)(struct dpif *, struct dp_packet *, const void *actions,
                   size_t actions_len);
    void (*register_upcall)(struct dpif *, dpif_upcall_fn *, void *aux);
    int (*recv)(struct dpif *, struct dpif_upcall *);
    int (*recv_fd)(struct dpif *);
    int (*get_stats)(struct dpif *, struct dpif_dp_stats *);

    /* Optional. */
    int (*meter_set)(struct dpif *, uint32_t meter_id,
                     const struct dpif_meter_config *);
    int (*meter_del)(struct dpif *, uint32_t meter_id);
    int (*meter_get_stats)(struct dpif *, uint32_t meter_id,
                           struct dpif_meter_stats *);
    int (*qos_set)(struct dpif *, uint32_t port_no,
                   const struct dpif_qos_config *, char **errorp);
    int (*queue_get_stats)(struct dpif *, uint32_t port_no,
                           uint32_t queue_id, struct dpif_queue_stats *);
};

/* Sets up the members of struct dpif for a provider's open(). */
void dpif_init(struct dpif *, const struct dpif_class *, const char *name);
void dpif_uninit(struct dpif *);

/* Sets '*errorp', if 'errorp' is nonnull, to a malloc'd sentence formatted
 * from 'fmt', for providers' and the dispatch layer's 'errorp' outputs. */
void dpif_set_error(char **errorp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* datapath/dpif.h */
