/* The inside of an ofproto, for ofproto's own modules only (ofproto_*.c,
 * xlate*.c, connmgr*.c).  Users include ofproto.h.
 *
 * Design
 * ------
 * State and who may touch it:
 *   - Flow tables are classifiers (lib/classifier.h) of struct rule, with
 *     versions: the main thread stages changes in version 'version' + 1 and
 *     publishes them all at once by storing the new version (an
 *     ofproto_txn, below), so every lookup sees a table before or after a
 *     flow_mod or a bundle, never in between.  Lookups run on the
 *     datapath's threads under RCU; a removed rule is freed after a grace
 *     period, and only when its reference count falls to zero.
 *   - Ports, groups, meters: maps that the main thread changes under
 *     'xlate_rwlock' held for writing, and that translation reads under it
 *     held for reading.  Translation takes it once per packet miss (slow
 *     path); the datapath's fast path never does.
 *   - Statistics of rules, tables, groups: written by the main thread only
 *     (revalidation credits each megaflow's new packets to the rules,
 *     tables and buckets its translation went through), read by the main
 *     thread for stats replies.
 *
 * Errors: handlers return 0 or -OFPERR_* (the caller sends the OFPT_ERROR)
 * or a negative errno value for internal failures.
 *
 * Thread-safety: main thread only, except where a comment says otherwise
 * (functions for translation are marked "any thread"). */
#ifndef PONT_OFPROTO_PRIVATE_H
#define PONT_OFPROTO_PRIVATE_H 1

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/classifier.h"
#include "lib/hmap.h"
#include "ofproto/ofp_msg.h"
#include "ofproto/ofproto.h"

struct connmgr;
struct dpif;
struct event;
struct event_base;
struct mac_learning;
struct tnl_config;
struct tnl_neigh;
struct ofconn;
struct udpif;

#define OFPROTO_N_TABLES 255
#define OFPROTO_MAX_FLOWS_PER_TABLE 1000000
#define OFPROTO_MAX_GROUPS 65536
#define OFPROTO_MAX_METERS 65536

/* An OpenFlow port: a datapath port seen through OpenFlow. */
struct ofport {
    struct hmap_node ofp_node; /* In ofproto->ports, by ofp_port. */
    struct hmap_node dp_node;  /* In ofproto->ports_by_dp, by dp_port. */
    uint32_t dp_port;
    struct ofp_port pp;   /* Number, name, address, config, state. */
    long long created_ms; /* Wall clock, for port stats duration. */
    struct tnl_config *tnl; /* A tunnel port's settings (tunnel.h), or NULL. */
    char iface_id[OFP_BINDING_KEY_MAX + 1]; /* Binding key; "" none. */
};

/* A flow table. */
struct oftable {
    struct cls cls; /* Of struct rule, by their 'cr'. */
    char name[OFP_MAX_TABLE_NAME_LEN];
    uint32_t n_flows; /* Rules visible in the current version. */
    uint32_t max_flows;
    uint64_t n_lookups; /* Packets looked up (credited). */
    uint64_t n_matches; /* Of which matched a rule. */
};

/* A flow entry.  Everything but the statistics is immutable once the rule
 * is inserted: OpenFlow "modify" replaces a rule by a new one in the next
 * version, carrying over what must survive. */
struct rule {
    struct cls_rule cr; /* Match and priority (0..65535). */
    struct ofproto *ofproto;
    atomic_int ref_count; /* Held by the table and by xlate caches. */
    uint8_t table_id;
    uint16_t idle_timeout; /* Seconds; 0 for none. */
    uint16_t hard_timeout; /* Seconds; 0 for none. */
    uint16_t flags;        /* OFPFF_*. */
    uint64_t cookie;
    struct ofp_instructions insts;

    /* Times: 'created_ms' is wall-clock time for durations, the others are
     * monotonic milliseconds (ofproto_time_msec()) for timeouts. */
    long long created_ms;
    long long modified_ms;
    long long used_ms; /* Last packet, or 'modified_ms'. */

    /* Statistics, credited by the main thread. */
    uint64_t n_packets;
    uint64_t n_bytes;

    /* Main thread's bookkeeping. */
    struct hmap_node expirable_node; /* In ofproto->expirable if timeouts. */
    bool in_table;                   /* Still in its classifier. */
};

/* A group. */
struct ofgroup {
    struct hmap_node node; /* In ofproto->groups, by group_id. */
    uint32_t group_id;
    uint8_t type;               /* OFPGT_*. */
    struct ofp_bucket *buckets; /* Owned. */
    size_t n_buckets;
    long long created_ms; /* Wall clock. */
    uint32_t n_refs;      /* Visible rules and groups that use it. */
    uint64_t packet_count;
    uint64_t byte_count;
    struct ofp_bucket_counter *bucket_stats; /* One per bucket. */
};

/* A meter. */
struct ofmeter {
    struct hmap_node node; /* In ofproto->meters, by meter_id. */
    uint32_t meter_id;
    uint16_t flags;               /* OFPMF_*. */
    struct ofp_meter_band *bands; /* Owned. */
    size_t n_bands;
    long long created_ms; /* Wall clock. */
    uint32_t n_flows;     /* Visible rules that use it. */
};

struct ofproto {
    char *name;
    struct dpif *dpif;
    struct event_base *base;
    uint64_t datapath_id;
    enum ofproto_fail_mode fail_mode;
    char host_id[OFP_HOST_ID_MAX + 1]; /* For PONT_HOST_INFO_REPLY. */
    bool datapath_id_set; /* By ofproto_set_datapath_id(), not derived. */

    /* The version lookups run in: written by the main thread (release),
     * read by translation (acquire). */
    _Atomic uint64_t version;

    struct oftable tables[OFPROTO_N_TABLES];
    struct hmap expirable; /* Rules with a timeout. */

    /* Rules hidden by committed transactions wait here, after an RCU grace
     * period (so that no lookup still runs in a version that sees them),
     * to be unlinked from their classifiers by the main thread. */
    pthread_mutex_t dead_mutex;
    struct rule **dead;
    size_t n_dead, allocated_dead;

    /* Read by translation under 'xlate_rwlock'. */
    pthread_rwlock_t xlate_rwlock;
    struct hmap ports;       /* struct ofport, by OpenFlow number. */
    struct hmap ports_by_dp; /* The same, by datapath number. */
    struct hmap groups;      /* struct ofgroup. */
    struct hmap meters;      /* struct ofmeter. */
    bool fail_open;          /* Standalone and no controller: NORMAL. */

    struct mac_learning *ml; /* For the NORMAL action; own locking. */
    struct tnl_neigh *neigh; /* Tunnels' next hops (tunnel.h); own lock. */
    struct connmgr *connmgr;
    struct udpif *udpif;      /* Megaflow bookkeeping (ofproto_upcall.c). */
    struct event *timer;      /* Periodic work. */
    long long next_expire_ms; /* When to look for expired rules next. */
    uint64_t port_change_seq; /* Last dpif_port_change_seq() seen. */
};

/* Clock and identity. */
long long ofproto_time_msec(void); /* Monotonic milliseconds. */
long long ofproto_wall_msec(void); /* Wall-clock milliseconds. */
/* Sets '*sec' and '*nsec' to the time elapsed since wall-clock 'since_ms'
 * (for OpenFlow durations). */
void ofproto_duration(long long since_ms, uint32_t *sec, uint32_t *nsec);

/* Ports (any thread holding xlate_rwlock, or the main thread). */
struct ofport *ofproto_port_by_ofp(const struct ofproto *, uint32_t ofp_port);
struct ofport *ofproto_port_by_dp(const struct ofproto *, uint32_t dp_port);

/* Groups and meters (any thread holding xlate_rwlock, or the main
 * thread). */
struct ofgroup *ofproto_group_lookup(const struct ofproto *, uint32_t group_id);
struct ofmeter *ofproto_meter_lookup(const struct ofproto *, uint32_t meter_id);
/* Returns true if the group is live (OpenFlow 1.3 section 6.5: a fast
 * failover bucket is live if its watch port is up or its watch group is
 * live).  'depth' bounds recursion through chained groups. */
bool ofproto_bucket_is_live(const struct ofproto *, const struct ofp_bucket *,
                            int depth);

/* Rules. */
/* Unlinks the rules that died since the last call (see 'dead'). */
void ofproto_reap_dead_rules(struct ofproto *);
/* Removes rules whose idle or hard timeout has passed. */
void ofproto_expire_rules(struct ofproto *);
/* Removes every rule without FLOW_REMOVED messages, for
 * ofproto_destroy(). */
void ofproto_flush_rules(struct ofproto *);
/* OpenFlow's out_port and out_group filters of delete and stats requests:
 * true if 'rule' outputs to 'port' and forwards to 'group' (each unless it
 * is OFPP_ANY or OFPG_ANY) in its apply or write actions. */
bool ofproto_rule_is_selected_by(const struct rule *, uint32_t port,
                                 uint32_t group);
void ofproto_rule_ref(struct rule *);
/* Takes a reference if the rule is not being freed; any thread under RCU. */
bool ofproto_rule_try_ref(struct rule *);
void ofproto_rule_unref(struct rule *); /* NULL is fine. */

/* Transactions: every change to flow tables, groups and meters goes through
 * one, so that a bundle commits atomically and a single flow_mod is a
 * bundle of one.
 *
 * ofproto_txn_begin() starts staging changes in version 'version' + 1.
 * Each ofproto_txn_*_mod() validates one message against the state as the
 * transaction left it and stages it; on error it stages nothing and
 * returns -OFPERR_*, and the caller aborts or (outside bundles) commits
 * the rest.  Rules are staged in the classifiers at once (invisible until
 * the version is published); group and meter changes are kept in the
 * transaction and applied by the commit.  ofproto_txn_commit() takes
 * 'xlate_rwlock' for writing, applies the group and meter changes,
 * publishes the version and releases the lock, so that a translation sees
 * all of a transaction or none of it; then it sends the FLOW_REMOVED
 * messages owed and schedules revalidation.  ofproto_txn_abort() undoes
 * everything staged.  Either frees the transaction.  Only one transaction
 * may be open at a time. */
struct txn_removal {
    struct rule *rule;
    uint8_t reason; /* OFPRR_*, for FLOW_REMOVED. */
};

struct ofproto_txn {
    struct ofproto *ofproto;
    uint64_t version; /* The version being staged. */

    struct rule **added; /* Inserted, visible from 'version'. */
    size_t n_added, allocated_added;
    struct txn_removal *removed; /* Hidden from 'version' on. */
    size_t n_removed, allocated_removed;
    int32_t table_delta[OFPROTO_N_TABLES]; /* Change in visible rules. */

    /* Staged group and meter changes, owned by ofproto_group.c and
     * ofproto_meter.c: by id, what each becomes at commit. */
    struct hmap group_changes;
    struct hmap meter_changes;
};

struct ofproto_txn *ofproto_txn_begin(struct ofproto *);
int ofproto_txn_flow_mod(struct ofproto_txn *, const struct ofp_flow_mod *);
int ofproto_txn_group_mod(struct ofproto_txn *, const struct ofp_group_mod *);
int ofproto_txn_meter_mod(struct ofproto_txn *, const struct ofp_meter_mod *);
void ofproto_txn_commit(struct ofproto_txn *);
void ofproto_txn_abort(struct ofproto_txn *);

/* Whether a group or meter exists as the transaction left things (for
 * validating the instructions of a staged flow). */
bool ofproto_txn_group_exists(const struct ofproto_txn *, uint32_t group_id);
bool ofproto_txn_meter_exists(const struct ofproto_txn *, uint32_t meter_id);

/* Removes every visible rule whose instructions use group 'group_id' (or
 * meter 'meter_id', for the second), in 'txn', with FLOW_REMOVED reason
 * OFPRR_GROUP_DELETE (OFPRR_METER_DELETE). */
void ofproto_txn_remove_rules_using_group(struct ofproto_txn *,
                                          uint32_t group_id);
void ofproto_txn_remove_rules_using_meter(struct ofproto_txn *,
                                          uint32_t meter_id);

/* For ofproto_txn_commit() and ofproto_txn_abort(), from the group and
 * meter modules: apply or drop the staged changes.  The commit functions
 * run with 'xlate_rwlock' held for writing and must not block (they may
 * call dpif meter functions).  They also adjust the reference counts of
 * groups and meters for the rules the transaction added and removed
 * ('n_refs', 'n_flows'). */
void ofproto_groups_commit(struct ofproto_txn *);
void ofproto_groups_abort(struct ofproto_txn *);
void ofproto_meters_commit(struct ofproto_txn *);
void ofproto_meters_abort(struct ofproto_txn *);

/* Group and meter tables' lifetime (ofproto_create/destroy). */
void ofproto_groups_init(struct ofproto *);
void ofproto_groups_destroy(struct ofproto *);
void ofproto_meters_init(struct ofproto *);
void ofproto_meters_destroy(struct ofproto *);

/* Messages from controllers and tools (ofproto_handle.c).  The connection
 * manager calls ofproto_handle_msg() for every message it does not handle
 * itself, after checking the sender's role; a nonzero return is sent back
 * as an OFPT_ERROR in reply to 'raw'. */
int ofproto_handle_msg(struct ofproto *, struct ofconn *,
                       const struct ofp_msg *, const void *raw, size_t raw_len);

/* The handlers of each module. */
int ofproto_handle_flow_stats_msg(struct ofproto *, struct ofconn *,
                                  const struct ofp_msg *); /* Also table. */
int ofproto_handle_flow_mod(struct ofproto *, struct ofconn *,
                            const struct ofp_msg *);
/* TABLE_FEATURES (ofproto_table_features.c). */
int ofproto_handle_table_features(struct ofproto *, struct ofconn *,
                                  const struct ofp_msg *);
/* PORT_MOD, PORT_STATS, PORT_DESC, QUEUE_STATS, QUEUE_GET_CONFIG. */
int ofproto_handle_port_msg(struct ofproto *, struct ofconn *,
                            const struct ofp_msg *);
int ofproto_handle_group_mod(struct ofproto *, struct ofconn *,
                             const struct ofp_msg *);
int ofproto_handle_meter_mod(struct ofproto *, struct ofconn *,
                             const struct ofp_msg *);
int ofproto_handle_group_stats(struct ofproto *, struct ofconn *,
                               const struct ofp_msg *);
int ofproto_handle_group_desc(struct ofproto *, struct ofconn *,
                              const struct ofp_msg *);
int ofproto_handle_group_features(struct ofproto *, struct ofconn *,
                                  const struct ofp_msg *);
int ofproto_handle_meter_stats(struct ofproto *, struct ofconn *,
                               const struct ofp_msg *);
int ofproto_handle_meter_config(struct ofproto *, struct ofconn *,
                                const struct ofp_msg *);
int ofproto_handle_meter_features(struct ofproto *, struct ofconn *,
                                  const struct ofp_msg *);

/* Megaflows must be checked against the tables again: called after every
 * change that can alter a translation (flow tables, groups, meters, ports,
 * MAC learning, fail-open).  Revalidation runs soon after, and at the
 * latest before the next barrier reply (ofproto_flush_revalidation()). */
void ofproto_schedule_revalidation(struct ofproto *);
/* Credits the rules, tables and groups with every packet the datapath has
 * counted so far (otherwise done every second), for statistics replies. */
void ofproto_sync_stats(struct ofproto *);
void ofproto_flush_revalidation(struct ofproto *);

#endif /* ofproto/ofproto_private.h */
