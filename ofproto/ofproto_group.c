/* OpenFlow groups (OpenFlow 1.3.5 sections 5.6, 6.5, 7.3.4.2): the group
 * table, its changes through transactions, liveness, and the group
 * requests (GROUP_MOD, group statistics, descriptions and features).
 *
 * Invariants kept by every transaction, so that translation and the
 * reference counts can rely on them:
 *   - every group action in a visible group's buckets names a group that
 *     exists (a GROUP_MOD naming a missing group is refused with
 *     OFPBAC_BAD_OUT_GROUP, as a flow_mod is, and a group that another
 *     group forwards to cannot be deleted alone: OFPGMFC_CHAINED_GROUP);
 *   - no group reaches itself through the groups its buckets forward to
 *     (OFPGMFC_LOOP).
 * Open vSwitch checks neither and does not advertise OFPGFC_CHAINING_CHECKS;
 * Pont does both and advertises it.
 *
 * A modified group is a new struct ofgroup that replaces the old one at the
 * commit: it keeps the old one's creation time (its duration goes on) and
 * reference count, and starts its packet and byte counters from zero, as
 * Open vSwitch does.
 *
 * Reference counts ('n_refs', OpenFlow's ref_count): the visible rules and
 * groups that forward to the group, each counted once however many of its
 * actions do.  The commit adjusts them for the groups that changed and for
 * the rules the transaction added and removed. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "ofproto/connmgr.h"
#include "ofproto/ofproto_change.h"
#include "ofproto/ofproto_private.h"

/* Liveness through chains of watch groups longer than this is taken as
 * dead, so that watch groups watching each other cannot recurse forever. */
#define LIVENESS_MAX_DEPTH 32

/* Lookup and lifetime. */

struct ofgroup *
ofproto_group_lookup(const struct ofproto *ofproto, uint32_t group_id)
{
    for (struct hmap_node *n =
             hmap_first_with_hash(&ofproto->groups, ofproto_id_hash(group_id));
         n; n = hmap_next_with_hash(n)) {
        struct ofgroup *group = CONTAINER_OF(n, struct ofgroup, node);

        if (group->group_id == group_id) {
            return group;
        }
    }
    return NULL;
}

static void
group_free(void *group_)
{
    struct ofgroup *group = group_;

    for (size_t i = 0; i < group->n_buckets; i++) {
        ofp_actions_free(&group->buckets[i].actions);
    }
    free(group->buckets);
    free(group->bucket_stats);
    free(group);
}

/* Copies 'n' buckets, actions included, into a new array. */
static struct ofp_bucket *
buckets_clone(const struct ofp_bucket *src, size_t n)
{
    struct ofp_bucket *dst = n ? xmalloc(n * sizeof *dst) : NULL;

    for (size_t i = 0; i < n; i++) {
        dst[i] = src[i];
        ofp_actions_clone(&dst[i].actions, &src[i].actions);
    }
    return dst;
}

static struct ofgroup *
group_create(const struct ofp_group_mod *gm, long long created_ms)
{
    struct ofgroup *group = xzalloc(sizeof *group);

    group->group_id = gm->group_id;
    group->type = gm->type;
    group->buckets = buckets_clone(gm->buckets, gm->n_buckets);
    group->n_buckets = gm->n_buckets;
    group->created_ms = created_ms;
    if (gm->n_buckets) {
        group->bucket_stats =
            xzalloc(gm->n_buckets * sizeof *group->bucket_stats);
    }
    return group;
}

void
ofproto_groups_init(struct ofproto *ofproto)
{
    hmap_init(&ofproto->groups);
}

void
ofproto_groups_destroy(struct ofproto *ofproto)
{
    struct hmap_node *n = hmap_first(&ofproto->groups);

    while (n) {
        struct hmap_node *next = hmap_next(&ofproto->groups, n);

        hmap_remove(&ofproto->groups, n);
        group_free(CONTAINER_OF(n, struct ofgroup, node));
        n = next;
    }
    hmap_destroy(&ofproto->groups);
}

/* Liveness (OpenFlow 1.3.5 section 6.5). */

static bool
port_is_live(const struct ofproto *ofproto, uint32_t port_no)
{
    const struct ofport *port = ofproto_port_by_ofp(ofproto, port_no);

    return port && port->pp.state & OFPPS_LIVE
           && !(port->pp.state & OFPPS_LINK_DOWN)
           && !(port->pp.config & OFPPC_PORT_DOWN);
}

static bool
group_is_live(const struct ofproto *ofproto, uint32_t group_id, int depth)
{
    const struct ofgroup *group = ofproto_group_lookup(ofproto, group_id);

    for (size_t i = 0; group && i < group->n_buckets; i++) {
        if (ofproto_bucket_is_live(ofproto, &group->buckets[i], depth + 1)) {
            return true;
        }
    }
    return false;
}

/* A bucket that watches nothing (only possible outside fast failover
 * groups, whose buckets must watch something) is always live. */
bool
ofproto_bucket_is_live(const struct ofproto *ofproto,
                       const struct ofp_bucket *bucket, int depth)
{
    if (depth >= LIVENESS_MAX_DEPTH) {
        return false;
    }
    if (bucket->watch_port == OFPP_ANY && bucket->watch_group == OFPG_ANY) {
        return true;
    }
    return (bucket->watch_port != OFPP_ANY
            && port_is_live(ofproto, bucket->watch_port))
           || (bucket->watch_group != OFPG_ANY
               && group_is_live(ofproto, bucket->watch_group, depth));
}

/* The group table as a transaction left it. */

static const struct ofgroup *
txn_group(const struct ofproto_txn *txn, uint32_t group_id)
{
    const struct ofproto_change *c =
        ofproto_change_find(&txn->group_changes, group_id);

    return c ? c->obj : ofproto_group_lookup(txn->ofproto, group_id);
}

bool
ofproto_txn_group_exists(const struct ofproto_txn *txn, uint32_t group_id)
{
    return txn_group(txn, group_id) != NULL;
}

/* Calls 'visit' with every group visible in 'txn' (but those left as
 * they were published, if 'staged_only'), until it returns true; returns
 * true if it did. */
static bool
txn_groups_any(const struct ofproto_txn *txn, bool staged_only,
               bool (*visit)(const struct ofgroup *, void *aux), void *aux)
{
    const struct hmap *published = &txn->ofproto->groups;
    const struct hmap *changes = &txn->group_changes;

    for (const struct hmap_node *n = staged_only ? NULL : hmap_first(published);
         n; n = hmap_next(published, n)) {
        const struct ofgroup *g = CONTAINER_OF(n, struct ofgroup, node);

        if (!ofproto_change_find(changes, g->group_id) && visit(g, aux)) {
            return true;
        }
    }
    for (const struct hmap_node *n = hmap_first(changes); n;
         n = hmap_next(changes, n)) {
        const struct ofproto_change *c =
            CONTAINER_OF(n, struct ofproto_change, node);

        if (c->obj && visit(c->obj, aux)) {
            return true;
        }
    }
    return false;
}

/* A list of group ids. */
struct id_list {
    uint32_t *ids;
    size_t n, allocated;
};

static void
id_list_push(struct id_list *list, uint32_t id)
{
    if (list->n == list->allocated) {
        list->allocated = 2 * list->allocated + 16;
        list->ids = xrealloc(list->ids, list->allocated * sizeof *list->ids);
    }
    list->ids[list->n++] = id;
}

static uint32_t
group_id_of(const void *group)
{
    return ((const struct ofgroup *) group)->group_id;
}

/* Returns the ids of the groups visible in 'txn', in a new array of '*n'
 * (the caller frees it). */
static uint32_t *
txn_group_ids(const struct ofproto_txn *txn, size_t *n)
{
    const struct ofproto_staged_table table = {
        &txn->ofproto->groups, &txn->group_changes,
        offsetof(struct ofgroup, node), group_id_of};

    return ofproto_staged_ids(&table, n);
}

/* Whether the group table, as 'txn' left it, has room for one more. */
static bool
txn_has_room(const struct ofproto_txn *txn)
{
    size_t n;

    /* Published groups plus staged changes bound the count from above;
     * count exactly only when that bound is reached. */
    if (hmap_count(&txn->ofproto->groups) + hmap_count(&txn->group_changes)
        < OFPROTO_MAX_GROUPS) {
        return true;
    }
    free(txn_group_ids(txn, &n));
    return n < OFPROTO_MAX_GROUPS;
}

/* Chaining. */

/* Appends to 'list' the id of every group 'group' forwards to. */
static void
push_chained(const struct ofgroup *group, struct id_list *list)
{
    for (size_t i = 0; i < group->n_buckets; i++) {
        const struct ofp_actions *acts = &group->buckets[i].actions;

        for (size_t j = 0; j < acts->n; j++) {
            if (acts->list[j].type == OFPAT_GROUP) {
                id_list_push(list, acts->list[j].group_id);
            }
        }
    }
}

static bool
group_forwards_to(const struct ofgroup *group, void *target_)
{
    uint32_t target = *(const uint32_t *) target_;

    for (size_t i = 0; i < group->n_buckets; i++) {
        const struct ofp_actions *acts = &group->buckets[i].actions;

        for (size_t j = 0; j < acts->n; j++) {
            if (acts->list[j].type == OFPAT_GROUP
                && acts->list[j].group_id == target) {
                return true;
            }
        }
    }
    return false;
}

/* Whether a group other than 'group_id' forwards to it, as 'txn' left the
 * table.  A published group that nothing references (its count is of rules
 * and groups) has no published group forwarding to it, which spares the
 * walk over the whole table in the common case. */
static bool
txn_is_chained(const struct ofproto_txn *txn, uint32_t group_id)
{
    const struct ofgroup *published =
        ofproto_group_lookup(txn->ofproto, group_id);
    bool staged_only = !published || !published->n_refs;

    return txn_groups_any(txn, staged_only, group_forwards_to, &group_id);
}

/* Returns true if 'group' would reach itself through the groups it
 * forwards to, in the table as 'txn' left it.  A depth-first walk that
 * visits each group once ('visited' is a set of ids kept as changes with no
 * object), so that a wide chain costs linear time. */
static bool
forms_loop(const struct ofproto_txn *txn, const struct ofgroup *group)
{
    struct id_list stack = {NULL, 0, 0};
    struct hmap visited;
    bool loop = false;

    hmap_init(&visited);
    push_chained(group, &stack);
    while (stack.n && !loop) {
        uint32_t id = stack.ids[--stack.n];
        const struct ofgroup *next;

        if (id == group->group_id) {
            loop = true;
        } else if (!ofproto_change_find(&visited, id)) {
            ofproto_change_stage(&visited, id, NULL, NULL);
            next = txn_group(txn, id);
            if (next) {
                push_chained(next, &stack);
            }
        }
    }
    ofproto_changes_clear(&visited, NULL);
    hmap_destroy(&visited);
    free(stack.ids);
    return loop;
}

/* GROUP_MOD. */

/* Checks what the codec cannot: the actions of 'gm''s buckets against the
 * switch as 'txn' left it. */
static int
check_buckets(const struct ofproto_txn *txn, const struct ofp_group_mod *gm)
{
    for (size_t i = 0; i < gm->n_buckets; i++) {
        const struct ofp_actions *acts = &gm->buckets[i].actions;

        for (size_t j = 0; j < acts->n; j++) {
            const struct ofp_action *a = &acts->list[j];

            if (a->type == OFPAT_OUTPUT && a->output.port == OFPP_ANY) {
                return -OFPERR_OFPBAC_BAD_OUT_PORT;
            }
            if (a->type != OFPAT_GROUP) {
                continue;
            }
            if (a->group_id == gm->group_id) {
                return -OFPERR_OFPGMFC_LOOP;
            }
            if (!ofproto_txn_group_exists(txn, a->group_id)) {
                return -OFPERR_OFPBAC_BAD_OUT_GROUP;
            }
        }
    }
    return 0;
}

static int
txn_add_or_modify(struct ofproto_txn *txn, const struct ofp_group_mod *gm)
{
    const struct ofgroup *old = txn_group(txn, gm->group_id);
    struct ofgroup *group;
    int error;

    if (gm->command == OFPGC_ADD && old) {
        return -OFPERR_OFPGMFC_GROUP_EXISTS;
    }
    if (gm->command == OFPGC_MODIFY && !old) {
        return -OFPERR_OFPGMFC_UNKNOWN_GROUP;
    }
    error = check_buckets(txn, gm);
    if (error) {
        return error;
    }
    if (!old && !txn_has_room(txn)) {
        return -OFPERR_OFPGMFC_OUT_OF_GROUPS;
    }
    group = group_create(gm, old ? old->created_ms : ofproto_wall_msec());
    /* Only a modification can close a loop: nothing forwards to a group
     * being added, since it does not exist yet. */
    if (old && forms_loop(txn, group)) {
        group_free(group);
        return -OFPERR_OFPGMFC_LOOP;
    }
    ofproto_change_stage(&txn->group_changes, gm->group_id, group, group_free);
    return 0;
}

static void
txn_delete_one(struct ofproto_txn *txn, uint32_t group_id)
{
    ofproto_txn_remove_rules_using_group(txn, group_id);
    ofproto_change_stage(&txn->group_changes, group_id, NULL, group_free);
}

/* Deletes every group, with no chaining check since none survives. */
static void
txn_delete_all(struct ofproto_txn *txn)
{
    size_t n;
    /* Collected first: deleting changes the maps being walked. */
    uint32_t *ids = txn_group_ids(txn, &n);

    for (size_t i = 0; i < n; i++) {
        txn_delete_one(txn, ids[i]);
    }
    free(ids);
}

static int
txn_delete(struct ofproto_txn *txn, uint32_t group_id)
{
    if (group_id == OFPG_ALL) {
        txn_delete_all(txn);
        return 0;
    }
    if (!txn_group(txn, group_id)) {
        return 0; /* OpenFlow: deleting a missing group is no error. */
    }
    if (txn_is_chained(txn, group_id)) {
        return -OFPERR_OFPGMFC_CHAINED_GROUP;
    }
    txn_delete_one(txn, group_id);
    return 0;
}

int
ofproto_txn_group_mod(struct ofproto_txn *txn, const struct ofp_group_mod *gm)
{
    /* The codec checked the message's shape; these few checks keep the
     * table sane for a message built by other means. */
    if (gm->type > OFPGT_FF && gm->command != OFPGC_DELETE) {
        return -OFPERR_OFPGMFC_BAD_TYPE;
    }
    if (gm->group_id > OFPG_MAX
        && !(gm->command == OFPGC_DELETE && gm->group_id == OFPG_ALL)) {
        return -OFPERR_OFPGMFC_INVALID_GROUP;
    }
    switch (gm->command) {
    case OFPGC_ADD:
    case OFPGC_MODIFY:
        return txn_add_or_modify(txn, gm);
    case OFPGC_DELETE:
        return txn_delete(txn, gm->group_id);
    default:
        return -OFPERR_OFPGMFC_BAD_COMMAND;
    }
}

/* Commit and abort. */

/* Adds 'delta' to the reference count of each distinct group that the
 * 'n' action lists in 'lists' forward to, ignoring groups that no longer
 * exist. */
static void
adjust_refs(struct ofproto *ofproto, const struct ofp_actions *const *lists,
            size_t n, int delta)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < lists[i]->n; j++) {
            const struct ofp_action *a = &lists[i]->list[j];
            struct ofgroup *group;
            bool seen = false;

            if (a->type != OFPAT_GROUP) {
                continue;
            }
            /* Counted once per rule or group, at its first mention. */
            for (size_t k = 0; k <= i && !seen; k++) {
                size_t end = k < i ? lists[k]->n : j;

                for (size_t m = 0; m < end && !seen; m++) {
                    seen = lists[k]->list[m].type == OFPAT_GROUP
                           && lists[k]->list[m].group_id == a->group_id;
                }
            }
            group = seen ? NULL : ofproto_group_lookup(ofproto, a->group_id);
            if (group) {
                group->n_refs += delta;
            }
        }
    }
}

static void
adjust_group_chain_refs(struct ofproto *ofproto, const struct ofgroup *group,
                        int delta)
{
    const struct ofp_actions **lists =
        xmalloc((group->n_buckets ? group->n_buckets : 1) * sizeof *lists);

    for (size_t i = 0; i < group->n_buckets; i++) {
        lists[i] = &group->buckets[i].actions;
    }
    adjust_refs(ofproto, lists, group->n_buckets, delta);
    free(lists);
}

static void
adjust_rule_refs(struct ofproto *ofproto, const struct rule *rule, int delta)
{
    const struct ofp_actions *lists[] = {&rule->insts.apply,
                                         &rule->insts.write};

    adjust_refs(ofproto, lists, ARRAY_SIZE(lists), delta);
}

/* Replaces or removes the published group of each change by what the
 * change holds, carrying the reference count over. */
static void
publish_changes(struct ofproto_txn *txn)
{
    struct ofproto *ofproto = txn->ofproto;
    const struct hmap *changes = &txn->group_changes;

    for (const struct hmap_node *n = hmap_first(changes); n;
         n = hmap_next(changes, n)) {
        struct ofproto_change *c = CONTAINER_OF(n, struct ofproto_change, node);
        struct ofgroup *old = ofproto_group_lookup(ofproto, c->id);
        struct ofgroup *new = c->obj;

        if (old) {
            hmap_remove(&ofproto->groups, &old->node);
        }
        if (new) {
            new->n_refs = old ? old->n_refs : 0;
            hmap_insert(&ofproto->groups, &new->node, ofproto_id_hash(c->id));
        }
        if (old) {
            group_free(old);
        }
    }
}

void
ofproto_groups_commit(struct ofproto_txn *txn)
{
    struct ofproto *ofproto = txn->ofproto;
    const struct hmap *changes = &txn->group_changes;

    /* The groups that changed stop forwarding to others, while every
     * published group is still in place to be found... */
    for (const struct hmap_node *n = hmap_first(changes); n;
         n = hmap_next(changes, n)) {
        const struct ofproto_change *c =
            CONTAINER_OF(n, struct ofproto_change, node);
        const struct ofgroup *old = ofproto_group_lookup(ofproto, c->id);

        if (old) {
            adjust_group_chain_refs(ofproto, old, -1);
        }
    }
    publish_changes(txn);
    /* ...and their new versions start, once all of them are in place. */
    for (const struct hmap_node *n = hmap_first(changes); n;
         n = hmap_next(changes, n)) {
        const struct ofproto_change *c =
            CONTAINER_OF(n, struct ofproto_change, node);

        if (c->obj) {
            adjust_group_chain_refs(ofproto, c->obj, 1);
        }
    }
    ofproto_txn_count_rules(txn, adjust_rule_refs);
    if (!hmap_is_empty(changes)) {
        ofproto_schedule_revalidation(ofproto);
    }
    /* The published groups are the table's now. */
    ofproto_changes_clear(&txn->group_changes, NULL);
}

void
ofproto_groups_abort(struct ofproto_txn *txn)
{
    ofproto_changes_clear(&txn->group_changes, group_free);
}

/* Requests. */

static int
compare_groups(const void *a_, const void *b_)
{
    const struct ofgroup *a = *(const struct ofgroup *const *) a_;
    const struct ofgroup *b = *(const struct ofgroup *const *) b_;

    return a->group_id < b->group_id ? -1 : a->group_id > b->group_id;
}

/* Returns the groups 'group_id' selects (one, or every one for OFPG_ALL),
 * in increasing order of id, in a new array of '*n' (the caller frees it).
 * A missing group selects nothing. */
static struct ofgroup **
select_groups(const struct ofproto *ofproto, uint32_t group_id, size_t *n)
{
    const struct hmap *groups = &ofproto->groups;
    struct ofgroup **list =
        xmalloc((hmap_count(groups) ? hmap_count(groups) : 1) * sizeof *list);

    *n = 0;
    if (group_id != OFPG_ALL) {
        struct ofgroup *group = ofproto_group_lookup(ofproto, group_id);

        if (group) {
            list[(*n)++] = group;
        }
        return list;
    }
    for (const struct hmap_node *node = hmap_first(groups); node;
         node = hmap_next(groups, node)) {
        list[(*n)++] = CONTAINER_OF(node, struct ofgroup, node);
    }
    qsort(list, *n, sizeof *list, compare_groups);
    return list;
}

static int
stage_group_mod(struct ofproto_txn *txn, const void *gm)
{
    return ofproto_txn_group_mod(txn, gm);
}

int
ofproto_handle_group_mod(struct ofproto *ofproto, struct ofconn *ofconn,
                         const struct ofp_msg *msg)
{
    (void) ofconn;
    return ofproto_txn_run_one(ofproto, stage_group_mod, &msg->group_mod);
}

static void
fill_group_stats(const struct ofgroup *group, struct ofp_group_stats *gs)
{
    gs->group_id = group->group_id;
    gs->ref_count = group->n_refs;
    gs->packet_count = group->packet_count;
    gs->byte_count = group->byte_count;
    ofproto_duration(group->created_ms, &gs->duration_sec, &gs->duration_nsec);
    if (group->n_buckets) {
        size_t size = group->n_buckets * sizeof *gs->buckets;

        gs->buckets = xmalloc(size);
        memcpy(gs->buckets, group->bucket_stats, size);
    }
    gs->n_buckets = group->n_buckets;
}

/* A request for a group that does not exist gets an empty reply, as from
 * Open vSwitch. */
int
ofproto_handle_group_stats(struct ofproto *ofproto, struct ofconn *ofconn,
                           const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofgroup **groups;
    size_t n;

    ofp_msg_init(&reply, OFPK_GROUP_STATS_REPLY, req->xid);
    groups = select_groups(ofproto, req->group_id, &n);
    for (size_t i = 0; i < n; i++) {
        fill_group_stats(groups[i], OFP_STATS_PUSH(reply.group_stats_reply));
    }
    free(groups);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

int
ofproto_handle_group_desc(struct ofproto *ofproto, struct ofconn *ofconn,
                          const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofgroup **groups;
    size_t n;

    ofp_msg_init(&reply, OFPK_GROUP_DESC_REPLY, req->xid);
    groups = select_groups(ofproto, OFPG_ALL, &n);
    for (size_t i = 0; i < n; i++) {
        struct ofp_group_desc *gd = OFP_STATS_PUSH(reply.group_desc_reply);

        gd->type = groups[i]->type;
        gd->group_id = groups[i]->group_id;
        gd->buckets = buckets_clone(groups[i]->buckets, groups[i]->n_buckets);
        gd->n_buckets = groups[i]->n_buckets;
    }
    free(groups);
    ofconn_send_multipart(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}

/* The actions translation carries out in a bucket: all of OpenFlow 1.3's
 * but the PBB ones, which the codec refuses. */
#define GROUP_ACTIONS                                                          \
    ((1u << OFPAT_OUTPUT) | (1u << OFPAT_COPY_TTL_OUT)                         \
     | (1u << OFPAT_COPY_TTL_IN) | (1u << OFPAT_SET_MPLS_TTL)                  \
     | (1u << OFPAT_DEC_MPLS_TTL) | (1u << OFPAT_PUSH_VLAN)                    \
     | (1u << OFPAT_POP_VLAN) | (1u << OFPAT_PUSH_MPLS)                        \
     | (1u << OFPAT_POP_MPLS) | (1u << OFPAT_SET_QUEUE) | (1u << OFPAT_GROUP)  \
     | (1u << OFPAT_SET_NW_TTL) | (1u << OFPAT_DEC_NW_TTL)                     \
     | (1u << OFPAT_SET_FIELD))

int
ofproto_handle_group_features(struct ofproto *ofproto, struct ofconn *ofconn,
                              const struct ofp_msg *req)
{
    struct ofp_msg reply;
    struct ofp_group_features *gf = &reply.group_features_reply;

    (void) ofproto;
    ofp_msg_init(&reply, OFPK_GROUP_FEATURES_REPLY, req->xid);
    gf->types = (1u << OFPGT_ALL) | (1u << OFPGT_SELECT)
                | (1u << OFPGT_INDIRECT) | (1u << OFPGT_FF);
    gf->capabilities = OFPGFC_SELECT_WEIGHT | OFPGFC_SELECT_LIVENESS
                       | OFPGFC_CHAINING | OFPGFC_CHAINING_CHECKS;
    /* One table holds the groups of every type. */
    for (size_t i = 0; i < ARRAY_SIZE(gf->max_groups); i++) {
        gf->max_groups[i] = OFPROTO_MAX_GROUPS;
        gf->actions[i] = GROUP_ACTIONS;
    }
    ofconn_send_reply(ofconn, &reply);
    ofp_msg_uninit(&reply);
    return 0;
}
