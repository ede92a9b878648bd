/* The controller's southbound: OpenFlow 1.3 sessions with the switches of
 * every host, their identity and ports, and keeping each switch's flows
 * and groups equal to a desired flow set (ctl_flowset.h).
 *
 * Design
 * ------
 * A struct ctl_south listens on one target and accepts any number of
 * switches, Pont (pont-vswitchd) or not (Open vSwitch).  Each connection
 * is a struct ctl_south_session on an ofp_channel (ofproto/ofp_channel.h),
 * which does the framing, HELLO, echo keepalives both ways and the
 * inactivity probe.  A session, once connected, asks at once for:
 *
 *   FEATURES (the datapath id), PORT_DESC (the ports),
 *   PONT_HOST_INFO (ofproto/ofp_msg.h: host id, tunnel IP, uplink and the
 *     ports' binding keys; an OFPT_ERROR to it means "not Pont"),
 *   FLOW_STATS of all tables and GROUP_DESC (what the switch holds).
 *
 * When every answer is in, the session is up: the owner hears of the
 * switch (switch_up) and of each of its ports (port_changed), and whatever
 * the switch held is taken as installed.  A session that reconnects goes
 * through the same steps, so a controller restart never flushes a switch:
 * flows that are already right are left alone and keep their counters and
 * durations.  A new session with the datapath id of a live one replaces
 * it (the old one goes down first).
 *
 * Binding keys: a Pont switch reports each port's iface-id ("" if none);
 * for any other switch, the port's name is its key.  A Pont switch's new
 * port is reported once its key is known (the session asks
 * PONT_HOST_INFO again on every PORT_STATUS that adds a port).
 *
 * Sync: ctl_south_apply() gives a session its desired flow set.  The
 * session parses every flow and group once (ofp_text.h, with the
 * switch's port names) and compares them, decoded, with what is
 * installed.  Identity: a flow is (table, priority, match), a group its
 * id.  It then sends only the difference:
 *
 *   - groups that are new (ADD) or changed (MODIFY);
 *   - flows that are no longer wanted (DELETE_STRICT), new (ADD), or whose
 *     instructions changed with the same cookie and timeouts
 *     (MODIFY_STRICT, which keeps counters); a changed cookie or timeout
 *     takes an ADD, which replaces the flow (OpenFlow 1.3's MODIFY cannot
 *     change a cookie);
 *   - groups no longer wanted (DELETE), last, once no flow uses them;
 *
 * in that order, in one ONF bundle (EXT-230: OPEN, one ADD per message,
 * COMMIT, all ordered and atomic), followed by a BARRIER.  If the switch
 * refuses the bundle, the session says so in its report and sends the
 * same messages plainly, then a barrier.  After any error the session
 * dumps the switch again so that "installed" stays true.  An apply with
 * nothing to do sends nothing.  While one apply waits for its barrier
 * reply, later ones only replace the desired set; the difference to it
 * goes out when the barrier reply comes.  Everything on the switch that
 * the desired set does not hold is deleted: the controller owns the
 * bridge.
 *
 * Reports: each apply that sends something ends in one 'applied' callback
 * with the messages sent and the time from the first one to the barrier
 * reply.
 *
 * Errors: 0 or a negative errno value; constructors return NULL with a
 * malloc'd sentence in '*errorp'.  A switch that sends nonsense is logged
 * and, if the session cannot go on, disconnected; it never takes the
 * controller down.  A switch that does not read fast enough for its
 * output queue (max_backlog_bytes) is disconnected too, since the session
 * can no longer tell what it got: it reconnects and is dumped afresh.
 *
 * Thread-safety: everything runs on the event_base given to
 * ctl_south_create(), from its thread only.  Callbacks run from the event
 * loop (never inside a call to this module) and may call any function
 * here, but must not destroy the ctl_south itself. */
#ifndef PONT_CTL_SOUTH_H
#define PONT_CTL_SOUTH_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ctl_flowset;
struct event_base;
struct ctl_south;
struct ctl_south_session;

/* A switch that came up. */
struct ctl_south_switch {
    uint64_t dpid;
    bool is_pont;        /* Answered PONT_HOST_INFO. */
    const char *host_id; /* Pont: the host's id; otherwise "". */
    uint32_t tunnel_ip;  /* Pont: IPv4 in network byte order, 0 none. */
    const char *uplink;  /* Pont: the tunnel's uplink port, "" none. */
    const char *peer;    /* "tcp:10.0.0.2:41234", for logs. */
};

enum ctl_south_port_event {
    CTL_SOUTH_PORT_ADDED,
    CTL_SOUTH_PORT_CHANGED, /* Name, key, config or state changed. */
    CTL_SOUTH_PORT_REMOVED,
};

struct ctl_south_port {
    uint32_t port_no; /* OpenFlow number (OFPP_LOCAL included). */
    const char *name;
    const char *key; /* Binding key: see "Binding keys" above. */
    uint32_t config; /* OFPPC_*. */
    uint32_t state;  /* OFPPS_*. */
};

/* What one apply did. */
struct ctl_south_report {
    uint64_t apply_seq; /* Counts the applies that sent something. */
    size_t n_flow_adds, n_flow_mods, n_flow_dels;
    size_t n_group_adds, n_group_mods, n_group_dels;
    size_t n_msgs;        /* Every OpenFlow message sent for it: the
                           * changes, bundle control and adds, barriers. */
    bool bundled;         /* The switch committed it as one bundle. */
    bool bundle_refused;  /* It refused the bundle; plain messages went. */
    int n_errors;         /* OFPT_ERRORs to the changes themselves. */
    const char *error;    /* The first error as a sentence, "" if none. */
    long long barrier_us; /* First message sent to barrier reply. */
};

/* What the southbound tells its owner.  Any member may be NULL.  Pointers
 * in the arguments are valid only during the call.  'aux' is the
 * session's: the one given to ctl_south_create() until
 * ctl_south_session_set_aux() gives the session its own. */
struct ctl_south_callbacks {
    /* A switch is up: identified, its ports known, its flows dumped.
     * Ports follow, one port_changed(ADDED) each. */
    void (*switch_up)(struct ctl_south_session *,
                      const struct ctl_south_switch *, void *aux);

    void (*port_changed)(struct ctl_south_session *, enum ctl_south_port_event,
                         const struct ctl_south_port *, void *aux);

    /* The switch went away (disconnected, replaced by a new connection
     * with the same datapath id, or the southbound is being destroyed).
     * The session is freed when this returns. */
    void (*switch_down)(struct ctl_south_session *, void *aux);

    /* An apply that sent something got its barrier reply. */
    void (*applied)(struct ctl_south_session *, const struct ctl_south_report *,
                    void *aux);
};

struct ctl_south_options {
    int probe_interval_ms;    /* Echo keepalive; default 5000. */
    size_t max_backlog_bytes; /* Per switch; default 256 MiB. */
    bool use_bundles;         /* Default true. */
};

void ctl_south_options_init(struct ctl_south_options *);

/* Listens on 'target': "tcp:IP[:PORT]" (or "ptcp:PORT[:IP]", "punix:PATH",
 * as ofp_target.h), PORT 0 for any free port.  'options' may be NULL.
 * Returns NULL with '*errorp' set on failure (bad target, address in
 * use). */
struct ctl_south *ctl_south_create(struct event_base *, const char *target,
                                   const struct ctl_south_options *,
                                   const struct ctl_south_callbacks *,
                                   void *aux, char **errorp);

/* Disconnects every switch (each gets switch_down) and frees everything.
 * NULL is a no-op.  Not from inside a callback. */
void ctl_south_destroy(struct ctl_south *);

/* The TCP port listened on (the kernel's choice for port 0); 0 for
 * punix. */
int ctl_south_port(const struct ctl_south *);

/* The session of the switch 'dpid' that is up, or NULL. */
struct ctl_south_session *ctl_south_find(const struct ctl_south *,
                                         uint64_t dpid);

/* Sessions.  Valid from switch_up to the end of switch_down. */

uint64_t ctl_south_session_dpid(const struct ctl_south_session *);
bool ctl_south_session_is_pont(const struct ctl_south_session *);
const char *ctl_south_session_host_id(const struct ctl_south_session *);
void ctl_south_session_set_aux(struct ctl_south_session *, void *aux);
void *ctl_south_session_get_aux(const struct ctl_south_session *);

/* Makes 'set' the desired state of the session's switch (parsed now with
 * the switch's port names; the caller keeps 'set') and sends the
 * difference, now if the session is idle, otherwise when its apply in
 * flight (or a dump after errors) completes.  Returns 0, or -EINVAL with
 * '*errorp' set to a malloc'd sentence if a flow or group of 'set' does
 * not parse (unknown port name, bad syntax, two entries with one identity
 * once parsed): then nothing changes. */
int ctl_south_apply(struct ctl_south_session *, const struct ctl_flowset *set,
                    char **errorp);

/* True while a change is queued or waits for its barrier reply, or the
 * session is still dumping the switch. */
bool ctl_south_session_is_busy(const struct ctl_south_session *);

/* Counters, for tests and metrics. */
struct ctl_south_stats {
    uint64_t n_applies;       /* Calls of ctl_south_apply(). */
    uint64_t n_syncs;         /* Differences computed. */
    uint64_t n_noop_syncs;    /* ...that found nothing to send. */
    uint64_t n_msgs;          /* Messages sent by syncs, all told. */
    uint64_t n_dumps;         /* Flow and group dumps done. */
    size_t n_installed_flows; /* What the session believes is there. */
    size_t n_installed_groups;
};
void ctl_south_session_get_stats(const struct ctl_south_session *,
                                 struct ctl_south_stats *);

#endif /* controller/ctl_south.h */
