/* A session's flows and groups: what the switch holds ("installed", from
 * dumps and from the changes sent since), what the owner wants
 * ("desired", parsed once from a flow set), the difference between them
 * as OpenFlow messages, and sending it in a bundle with a barrier.  See
 * ctl_south.h for the rules.
 *
 * Comparing: every flow and group becomes an entry holding its decoded
 * message (a FLOW_MOD or GROUP_MOD with command ADD) and two canonical
 * encodings of it (the codec's encoding is canonical, ofp_msg.h): 'id',
 * the identity alone (table, priority and match, with cookie, timeouts
 * and instructions cleared; or the group id), and 'body', everything the
 * controller sets.  Equal identities find each other through a hash map;
 * equal bodies mean nothing to do.
 *
 * Parsing once: an entry parsed from the owner's text keeps that text.
 * When the next set holds the same text, its entry is a copy of the
 * installed one instead of a new parse (the text names ports, so a port
 * of the switch that goes away or changes its name turns this off for the
 * next set).  A host whose flows barely change thus costs a hash lookup
 * per flow, not a parse. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "controller/ctl_flowset.h"
#include "controller/ctl_south_private.h"
#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/hmap.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"
#include "ofproto/ofp_text.h"

VLOG_DEFINE_THIS_MODULE(ctl_south_sync);

struct entry {
    struct hmap_node node;
    bool is_group;
    union {                      /* Command ADD, as in an ofp_msg of */
        struct ofp_flow_mod fm;  /* kind FLOW_MOD... */
        struct ofp_group_mod gm; /* ...or GROUP_MOD. */
    };
    struct buf id;   /* Canonical identity. */
    struct buf body; /* Canonical whole. */
    char *text;      /* What it was parsed from; NULL if dumped. */
    struct hmap_node text_node; /* In parse_set()'s index, briefly. */
};

/* One change on the wire: its encoding (with its xid) and what it is. */
struct change {
    struct buf bytes;
    uint32_t xid;
    const char *what; /* "flow add", ... for messages. */
};

enum stage {
    STAGE_IDLE,
    STAGE_BUNDLE, /* Open, adds, commit and barrier sent. */
    STAGE_PLAIN,  /* The changes and a barrier sent plainly. */
};

struct ctl_sync {
    struct ctl_south_session *session;
    struct hmap installed;

    /* Dumps: the first one, or a resync after errors. */
    bool dumped_once, dumping, flows_done, groups_done;
    uint32_t xid_flow_dump, xid_group_dump;
    struct hmap dumped;

    /* Desired, parsed; 'has_desired' until its difference is sent. */
    bool has_desired;
    struct hmap desired;
    bool ports_changed; /* Since the last parse: no reuse. */

    /* The apply in flight. */
    enum stage stage;
    struct change *changes;
    size_t n_changes, allocated_changes;
    uint32_t bundle_id;
    uint32_t xid_open, xid_commit, xid_barrier;
    bool committed;
    struct ctl_south_report report;
    char *first_error;
    long long start_us;

    struct ctl_south_stats stats;
};

static long long
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* Entries. */

static uint32_t
entry_hash(const struct entry *e)
{
    return hash_bytes(e->id.data, e->id.size, e->is_group);
}

/* The entry as a message (a shallow copy: it shares what 'e' owns). */
static void
entry_to_msg(const struct entry *e, struct ofp_msg *msg)
{
    if (e->is_group) {
        ofp_msg_init(msg, OFPK_GROUP_MOD, 0);
        msg->group_mod = e->gm;
    } else {
        ofp_msg_init(msg, OFPK_FLOW_MOD, 0);
        msg->flow_mod = e->fm;
    }
}

static void
entry_finish(struct entry *e, const struct ofp_msg *id_msg)
{
    struct ofp_msg msg;

    buf_init(&e->id);
    buf_init(&e->body);
    ofp_msg_encode(id_msg, &e->id);
    entry_to_msg(e, &msg);
    ofp_msg_encode(&msg, &e->body);
}

/* A flow entry; takes over 'insts'. */
static struct entry *
flow_entry_create(uint8_t table, uint16_t priority, uint64_t cookie,
                  uint16_t idle, uint16_t hard, const struct flow_match *match,
                  struct ofp_instructions *insts)
{
    struct entry *e = xzalloc(sizeof *e);
    struct ofp_flow_mod *fm;
    struct ofp_msg id_msg;

    ofp_msg_init(&id_msg, OFPK_FLOW_MOD, 0);
    e->fm = id_msg.flow_mod;
    fm = &e->fm;
    fm->command = OFPFC_ADD;
    fm->table_id = table;
    fm->priority = priority;
    fm->cookie = cookie;
    fm->idle_timeout = idle;
    fm->hard_timeout = hard;
    fm->match = *match;
    fm->instructions = *insts;
    ofp_instructions_init(insts);

    id_msg.flow_mod = *fm;
    id_msg.flow_mod.cookie = 0;
    id_msg.flow_mod.idle_timeout = 0;
    id_msg.flow_mod.hard_timeout = 0;
    ofp_instructions_init(&id_msg.flow_mod.instructions);
    entry_finish(e, &id_msg);
    return e;
}

/* A group entry; takes over the buckets. */
static struct entry *
group_entry_create(uint32_t group_id, uint8_t type, struct ofp_bucket **buckets,
                   size_t *n_buckets)
{
    struct entry *e = xzalloc(sizeof *e);
    struct ofp_group_mod *gm = &e->gm;
    struct ofp_msg id_msg;

    e->is_group = true;
    ofp_msg_init(&id_msg, OFPK_GROUP_MOD, 0);
    gm->command = OFPGC_ADD;
    gm->group_id = group_id;
    gm->type = type;
    gm->buckets = *buckets;
    gm->n_buckets = *n_buckets;
    *buckets = NULL;
    *n_buckets = 0;

    id_msg.group_mod = *gm;
    id_msg.group_mod.type = OFPGT_ALL;
    id_msg.group_mod.buckets = NULL;
    id_msg.group_mod.n_buckets = 0;
    entry_finish(e, &id_msg);
    return e;
}

static void
entry_destroy(struct entry *e)
{
    struct ofp_msg msg;

    entry_to_msg(e, &msg);
    ofp_msg_uninit(&msg);
    buf_free(&e->id);
    buf_free(&e->body);
    free(e->text);
    free(e);
}

/* A deep copy of 'e'. */
static struct entry *
entry_clone(const struct entry *e)
{
    struct entry *c = xzalloc(sizeof *c);

    c->is_group = e->is_group;
    if (e->is_group) {
        c->gm = e->gm;
        c->gm.buckets = xmalloc((e->gm.n_buckets + 1) * sizeof *c->gm.buckets);
        for (size_t i = 0; i < e->gm.n_buckets; i++) {
            c->gm.buckets[i] = e->gm.buckets[i];
            ofp_actions_clone(&c->gm.buckets[i].actions,
                              &e->gm.buckets[i].actions);
        }
    } else {
        c->fm = e->fm;
        ofp_instructions_clone(&c->fm.instructions, &e->fm.instructions);
    }
    buf_init(&c->id);
    buf_init(&c->body);
    buf_put(&c->id, e->id.data, e->id.size);
    buf_put(&c->body, e->body.data, e->body.size);
    c->text = e->text ? xstrdup(e->text) : NULL;
    return c;
}

static struct entry *
entry_find(const struct hmap *map, const struct entry *key)
{
    uint32_t hash = entry_hash(key);

    for (struct hmap_node *n = hmap_first_with_hash(map, hash); n;
         n = hmap_next_with_hash(n)) {
        struct entry *e = CONTAINER_OF(n, struct entry, node);

        if (e->is_group == key->is_group && e->id.size == key->id.size
            && !memcmp(e->id.data, key->id.data, e->id.size)) {
            return e;
        }
    }
    return NULL;
}

/* Inserts 'e' into 'map'; returns the entry of the same identity it
 * displaced (the caller destroys it), or NULL. */
static struct entry *
entry_insert(struct hmap *map, struct entry *e)
{
    struct entry *old = entry_find(map, e);

    if (old) {
        hmap_remove(map, &old->node);
    }
    hmap_insert(map, &e->node, entry_hash(e));
    return old;
}

static void
entries_clear(struct hmap *map)
{
    for (struct hmap_node *n = hmap_first(map), *next; n; n = next) {
        next = hmap_next(map, n);
        hmap_remove(map, n);
        entry_destroy(CONTAINER_OF(n, struct entry, node));
    }
}

static void
entries_count(const struct hmap *map, size_t *n_flows, size_t *n_groups)
{
    *n_flows = *n_groups = 0;
    for (struct hmap_node *n = hmap_first(map); n; n = hmap_next(map, n)) {
        if (CONTAINER_OF(n, struct entry, node)->is_group) {
            (*n_groups)++;
        } else {
            (*n_flows)++;
        }
    }
}

/* Life. */

struct ctl_sync *
ctl_sync_create(struct ctl_south_session *session)
{
    struct ctl_sync *sync = xzalloc(sizeof *sync);

    sync->session = session;
    hmap_init(&sync->installed);
    hmap_init(&sync->dumped);
    hmap_init(&sync->desired);
    return sync;
}

static void
changes_clear(struct ctl_sync *sync)
{
    for (size_t i = 0; i < sync->n_changes; i++) {
        buf_free(&sync->changes[i].bytes);
    }
    free(sync->changes);
    sync->changes = NULL;
    sync->n_changes = sync->allocated_changes = 0;
}

void
ctl_sync_destroy(struct ctl_sync *sync)
{
    if (!sync) {
        return;
    }
    entries_clear(&sync->installed);
    entries_clear(&sync->dumped);
    entries_clear(&sync->desired);
    hmap_destroy(&sync->installed);
    hmap_destroy(&sync->dumped);
    hmap_destroy(&sync->desired);
    changes_clear(sync);
    free(sync->first_error);
    free(sync);
}

/* Dumps. */

int
ctl_sync_start_dump(struct ctl_sync *sync)
{
    struct ctl_south_session *s = sync->session;
    struct ofp_msg msg;
    int error;

    entries_clear(&sync->dumped);
    sync->dumping = true;
    sync->flows_done = sync->groups_done = false;
    ofp_msg_init(&msg, OFPK_FLOW_STATS_REQUEST, ctl_session_next_xid(s));
    sync->xid_flow_dump = msg.xid;
    error = ctl_session_send(s, &msg);
    if (!error) {
        ofp_msg_init(&msg, OFPK_GROUP_DESC_REQUEST, ctl_session_next_xid(s));
        sync->xid_group_dump = msg.xid;
        error = ctl_session_send(s, &msg);
    }
    return error;
}

static void
dump_add_flows(struct ctl_sync *sync, struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->flow_stats_reply.n; i++) {
        struct ofp_flow_stats *fs = &msg->flow_stats_reply.entries[i];
        struct entry *e, *old;

        /* Take over the instructions: the reply is freed after us. */
        e = flow_entry_create(fs->table_id, fs->priority, fs->cookie,
                              fs->idle_timeout, fs->hard_timeout, &fs->match,
                              &fs->instructions);
        old = entry_insert(&sync->dumped, e);
        if (old) {
            entry_destroy(old);
        }
    }
}

static void
dump_add_groups(struct ctl_sync *sync, struct ofp_msg *msg)
{
    for (size_t i = 0; i < msg->group_desc_reply.n; i++) {
        struct ofp_group_desc *gd = &msg->group_desc_reply.entries[i];
        struct entry *e, *old;

        e = group_entry_create(gd->group_id, gd->type, &gd->buckets,
                               &gd->n_buckets);
        old = entry_insert(&sync->dumped, e);
        if (old) {
            entry_destroy(old);
        }
    }
}

static void
dump_finish(struct ctl_sync *sync)
{
    struct hmap tmp;
    size_t n_flows, n_groups;

    if (!sync->flows_done || !sync->groups_done) {
        return;
    }
    entries_clear(&sync->installed);
    tmp = sync->installed;
    sync->installed = sync->dumped;
    sync->dumped = tmp;
    sync->dumping = false;
    sync->stats.n_dumps++;
    entries_count(&sync->installed, &n_flows, &n_groups);
    VLOG_INFO("%s: holds %zu flows and %zu groups",
              ctl_session_name(sync->session), n_flows, n_groups);
    if (!sync->dumped_once) {
        sync->dumped_once = true;
        ctl_session_dump_done(sync->session);
    } else {
        ctl_sync_run(sync);
    }
}

/* Handles a dump reply or an error to a dump request; returns false if
 * 'msg' is neither. */
static bool
handle_dump_msg(struct ctl_sync *sync, struct ofp_msg *msg)
{
    bool flows = msg->xid == sync->xid_flow_dump;
    bool groups = msg->xid == sync->xid_group_dump;

    if (!sync->dumping || (!flows && !groups)) {
        return false;
    }
    if (msg->kind == OFPK_ERROR) {
        /* A switch without groups (or one that cannot dump) holds none as
         * far as the controller can tell. */
        VLOG_WARN("%s: refused the %s dump (%s)",
                  ctl_session_name(sync->session), flows ? "flow" : "group",
                  ofperr_name(msg->error.error));
    } else if (flows && msg->kind == OFPK_FLOW_STATS_REPLY) {
        dump_add_flows(sync, msg);
        if (msg->mp_flags & OFPMPF_REPLY_MORE) {
            return true;
        }
    } else if (groups && msg->kind == OFPK_GROUP_DESC_REPLY) {
        dump_add_groups(sync, msg);
        if (msg->mp_flags & OFPMPF_REPLY_MORE) {
            return true;
        }
    } else {
        return false;
    }
    if (flows) {
        sync->flows_done = true;
    } else {
        sync->groups_done = true;
    }
    dump_finish(sync);
    return true;
}

/* Parsing the desired set. */

/* The texts the owner's flows and groups are parsed from. */
static char *
flow_text(const struct ctl_flow *f)
{
    return xasprintf("table=%u,priority=%u,cookie=0x%" PRIx64 ",%s%sactions=%s",
                     f->table, f->priority, f->cookie, f->match,
                     f->match[0] ? "," : "", f->actions);
}

static char *
group_text(const struct ctl_group *g)
{
    return xasprintf("group_id=%" PRIu32 ",%s", g->id, g->spec);
}

/* The entry that was parsed from 'text', in 'index' (see parse_set()). */
static const struct entry *
find_text(const struct hmap *index, const char *text, uint32_t hash)
{
    for (struct hmap_node *n = hmap_first_with_hash(index, hash); n;
         n = hmap_next_with_hash(n)) {
        const struct entry *e = CONTAINER_OF(n, struct entry, text_node);

        if (!strcmp(e->text, text)) {
            return e;
        }
    }
    return NULL;
}

/* Parses 'text' (a flow if 'is_group' is false, else a group) into '*ep',
 * or copies the entry of 'index' parsed from the same text.  Takes over
 * 'text'. */
static int
parse_entry(char *text, bool is_group, const struct ofp_port_map *map,
            const struct hmap *index, struct entry **ep, char **errorp)
{
    uint32_t hash = hash_bytes(text, strlen(text), is_group);
    const struct entry *same = find_text(index, text, hash);
    char *error = NULL;
    int retval;

    if (same) {
        *ep = entry_clone(same);
        free(text);
        return 0;
    }
    if (is_group) {
        struct ofp_group_mod gm;

        retval = ofp_text_parse_group_mod(text, OFPGC_ADD, map, &gm, &error);
        if (!retval) {
            *ep = group_entry_create(gm.group_id, gm.type, &gm.buckets,
                                     &gm.n_buckets);
            ofp_text_group_mod_free(&gm);
        }
    } else {
        struct ofp_flow_mod fm;

        retval = ofp_text_parse_flow_mod(text, OFPFC_ADD, map, &fm, &error);
        if (!retval) {
            *ep = flow_entry_create(fm.table_id, fm.priority, fm.cookie,
                                    fm.idle_timeout, fm.hard_timeout,
                                    &fm.match, &fm.instructions);
        }
    }
    if (retval) {
        *errorp = xasprintf("%s \"%s\": %s", is_group ? "group" : "flow",
                            text, error);
        free(error);
        free(text);
    } else {
        (*ep)->text = text;
    }
    return retval;
}

/* Adds 'e' to 'map' unless an entry of its identity is there already. */
static int
add_desired(struct hmap *map, struct entry *e, char **errorp)
{
    if (entry_find(map, e)) {
        *errorp = xstrdup("two entries of the flow set are the same flow "
                          "or group once parsed");
        entry_destroy(e);
        return -EINVAL;
    }
    entry_insert(map, e);
    return 0;
}

/* An index by text of the installed entries parsed from text (none
 * after a change of the switch's ports).  The caller destroys it with
 * hmap_destroy() before 'installed' changes. */
static void
index_texts(struct ctl_sync *sync, struct hmap *index)
{
    hmap_init(index);
    if (sync->ports_changed) {
        sync->ports_changed = false;
        return;
    }
    for (struct hmap_node *n = hmap_first(&sync->installed); n;
         n = hmap_next(&sync->installed, n)) {
        struct entry *e = CONTAINER_OF(n, struct entry, node);

        if (e->text) {
            hmap_insert(index, &e->text_node,
                        hash_bytes(e->text, strlen(e->text), e->is_group));
        }
    }
}

/* Parses 'set' into 'map' (empty).  On error 'map' is left empty. */
static int
parse_set(struct ctl_sync *sync, const struct ctl_flowset *set,
          struct hmap *map, char **errorp)
{
    struct ofp_port_map *ports = ctl_session_port_map(sync->session);
    struct hmap index;
    int error = 0;

    index_texts(sync, &index);
    for (size_t i = 0; !error && i < set->n_groups; i++) {
        struct entry *e;

        error = parse_entry(group_text(&set->groups[i]), true, ports, &index,
                            &e, errorp);
        error = error ? error : add_desired(map, e, errorp);
    }
    for (size_t i = 0; !error && i < set->n_flows; i++) {
        struct entry *e;

        error = parse_entry(flow_text(&set->flows[i]), false, ports, &index,
                            &e, errorp);
        error = error ? error : add_desired(map, e, errorp);
    }
    hmap_destroy(&index);
    ofp_port_map_destroy(ports);
    if (error) {
        entries_clear(map);
        return -EINVAL;
    }
    return 0;
}

void
ctl_sync_ports_changed(struct ctl_sync *sync)
{
    sync->ports_changed = true;
}

int
ctl_sync_apply(struct ctl_sync *sync, const struct ctl_flowset *set,
               char **errorp)
{
    struct hmap parsed;

    sync->stats.n_applies++;
    hmap_init(&parsed);
    if (parse_set(sync, set, &parsed, errorp)) {
        hmap_destroy(&parsed);
        return -EINVAL;
    }
    entries_clear(&sync->desired);
    hmap_destroy(&sync->desired);
    sync->desired = parsed;
    sync->has_desired = true;
    ctl_sync_run(sync);
    return 0;
}

bool
ctl_sync_is_busy(const struct ctl_sync *sync)
{
    return sync->dumping || sync->stage != STAGE_IDLE || sync->has_desired;
}

void
ctl_sync_get_stats(const struct ctl_sync *sync, struct ctl_south_stats *stats)
{
    *stats = sync->stats;
    entries_count(&sync->installed, &stats->n_installed_flows,
                  &stats->n_installed_groups);
}

/* The difference. */

static void
add_change(struct ctl_sync *sync, struct ofp_msg *msg, const char *what)
{
    struct change *c;

    if (sync->n_changes == sync->allocated_changes) {
        sync->allocated_changes = sync->allocated_changes * 2 + 16;
        sync->changes = xrealloc(sync->changes, sync->allocated_changes
                                                    * sizeof *sync->changes);
    }
    c = &sync->changes[sync->n_changes++];
    msg->xid = ctl_session_next_xid(sync->session);
    c->xid = msg->xid;
    c->what = what;
    buf_init(&c->bytes);
    ofp_msg_encode(msg, &c->bytes);
}

/* A shallow copy of 'e''s message as a change with 'command'. */
static void
add_entry_change(struct ctl_sync *sync, const struct entry *e, int command,
                 const char *what)
{
    struct ofp_msg msg;

    entry_to_msg(e, &msg);
    if (e->is_group) {
        msg.group_mod.command = command;
        if (command == OFPGC_DELETE) {
            msg.group_mod.buckets = NULL;
            msg.group_mod.n_buckets = 0;
        }
    } else {
        msg.flow_mod.command = command;
        if (command == OFPFC_DELETE_STRICT) {
            msg.flow_mod.cookie = 0;
            msg.flow_mod.idle_timeout = 0;
            msg.flow_mod.hard_timeout = 0;
            ofp_instructions_init(&msg.flow_mod.instructions);
        }
    }
    add_change(sync, &msg, what);
}

static bool
same_body(const struct entry *a, const struct entry *b)
{
    return a->body.size == b->body.size
           && !memcmp(a->body.data, b->body.data, a->body.size);
}

/* A flow whose cookie and timeouts stay can be modified in place. */
static bool
modifiable(const struct entry *want, const struct entry *have)
{
    const struct ofp_flow_mod *w = &want->fm;
    const struct ofp_flow_mod *h = &have->fm;

    return w->cookie == h->cookie && w->idle_timeout == h->idle_timeout
           && w->hard_timeout == h->hard_timeout;
}

/* Groups to add or change (first, so that flows may use them). */
static void
diff_groups_in(struct ctl_sync *sync)
{
    struct ctl_south_report *r = &sync->report;

    for (struct hmap_node *n = hmap_first(&sync->desired); n;
         n = hmap_next(&sync->desired, n)) {
        const struct entry *want = CONTAINER_OF(n, struct entry, node);
        const struct entry *have = entry_find(&sync->installed, want);

        if (!want->is_group || (have && same_body(want, have))) {
            continue;
        }
        if (have) {
            add_entry_change(sync, want, OFPGC_MODIFY, "group modify");
            r->n_group_mods++;
        } else {
            add_entry_change(sync, want, OFPGC_ADD, "group add");
            r->n_group_adds++;
        }
    }
}

/* Flows to delete, then to add or change. */
static void
diff_flows(struct ctl_sync *sync)
{
    struct ctl_south_report *r = &sync->report;

    for (struct hmap_node *n = hmap_first(&sync->installed); n;
         n = hmap_next(&sync->installed, n)) {
        const struct entry *have = CONTAINER_OF(n, struct entry, node);

        if (!have->is_group && !entry_find(&sync->desired, have)) {
            add_entry_change(sync, have, OFPFC_DELETE_STRICT, "flow delete");
            r->n_flow_dels++;
        }
    }
    for (struct hmap_node *n = hmap_first(&sync->desired); n;
         n = hmap_next(&sync->desired, n)) {
        const struct entry *want = CONTAINER_OF(n, struct entry, node);
        const struct entry *have = entry_find(&sync->installed, want);

        if (want->is_group || (have && same_body(want, have))) {
            continue;
        }
        if (have && modifiable(want, have)) {
            add_entry_change(sync, want, OFPFC_MODIFY_STRICT, "flow modify");
            r->n_flow_mods++;
        } else {
            add_entry_change(sync, want, OFPFC_ADD, "flow add");
            r->n_flow_adds++;
        }
    }
}

/* Groups to delete, once no flow uses them. */
static void
diff_groups_out(struct ctl_sync *sync)
{
    for (struct hmap_node *n = hmap_first(&sync->installed); n;
         n = hmap_next(&sync->installed, n)) {
        const struct entry *have = CONTAINER_OF(n, struct entry, node);

        if (have->is_group && !entry_find(&sync->desired, have)) {
            add_entry_change(sync, have, OFPGC_DELETE, "group delete");
            sync->report.n_group_dels++;
        }
    }
}

/* Sending. */

static void
send_msg(struct ctl_sync *sync, struct ofp_msg *msg)
{
    ctl_session_send(sync->session, msg);
    sync->report.n_msgs++;
}

static void
send_bundle_control(struct ctl_sync *sync, uint16_t type, uint32_t *xidp)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_BUNDLE_CONTROL,
                 ctl_session_next_xid(sync->session));
    msg.bundle_control.bundle_id = sync->bundle_id;
    msg.bundle_control.type = type;
    msg.bundle_control.flags = OFPBF_ATOMIC | OFPBF_ORDERED;
    *xidp = msg.xid;
    send_msg(sync, &msg);
}

static void
send_barrier(struct ctl_sync *sync)
{
    struct ofp_msg msg;

    ofp_msg_init(&msg, OFPK_BARRIER_REQUEST,
                 ctl_session_next_xid(sync->session));
    sync->xid_barrier = msg.xid;
    send_msg(sync, &msg);
}

static void
send_bundle(struct ctl_sync *sync)
{
    sync->stage = STAGE_BUNDLE;
    sync->committed = false;
    sync->bundle_id++;
    send_bundle_control(sync, OFPBCT_OPEN_REQUEST, &sync->xid_open);
    for (size_t i = 0; i < sync->n_changes; i++) {
        const struct change *c = &sync->changes[i];
        struct ofp_msg msg;

        /* The inner message's xid is the outer one's. */
        ofp_msg_init(&msg, OFPK_BUNDLE_ADD, c->xid);
        msg.bundle_add.bundle_id = sync->bundle_id;
        msg.bundle_add.flags = OFPBF_ATOMIC | OFPBF_ORDERED;
        msg.bundle_add.msg.data = c->bytes.data;
        msg.bundle_add.msg.len = c->bytes.size;
        send_msg(sync, &msg);
    }
    send_bundle_control(sync, OFPBCT_COMMIT_REQUEST, &sync->xid_commit);
    send_barrier(sync);
}

static void
send_plain(struct ctl_sync *sync)
{
    sync->stage = STAGE_PLAIN;
    for (size_t i = 0; i < sync->n_changes; i++) {
        const struct change *c = &sync->changes[i];

        ctl_session_send_raw(sync->session, c->bytes.data, c->bytes.size);
        sync->report.n_msgs++;
    }
    send_barrier(sync);
}

/* Makes 'installed' what the switch holds once the changes are in: the
 * desired set. */
static void
take_desired(struct ctl_sync *sync)
{
    struct hmap tmp = sync->installed;

    sync->installed = sync->desired;
    sync->desired = tmp;
    entries_clear(&sync->desired);
    sync->has_desired = false;
}

static void
start_report(struct ctl_sync *sync)
{
    memset(&sync->report, 0, sizeof sync->report);
    free(sync->first_error);
    sync->first_error = NULL;
    sync->report.error = "";
}

void
ctl_sync_run(struct ctl_sync *sync)
{
    if (!sync->dumped_once || sync->dumping || sync->stage != STAGE_IDLE) {
        return;
    }
    if (!sync->has_desired) {
        return;
    }
    sync->stats.n_syncs++;
    start_report(sync);
    changes_clear(sync);
    diff_groups_in(sync);
    diff_flows(sync);
    diff_groups_out(sync);
    take_desired(sync);
    if (!sync->n_changes) {
        sync->stats.n_noop_syncs++;
        return;
    }
    sync->report.apply_seq = sync->stats.n_syncs - sync->stats.n_noop_syncs;
    sync->start_us = now_us();
    if (ctl_session_use_bundles(sync->session)) {
        send_bundle(sync);
    } else {
        send_plain(sync);
    }
}

/* Replies to the apply in flight. */

static void
note_error(struct ctl_sync *sync, const struct ofp_msg *msg, const char *what)
{
    if (!sync->first_error) {
        const struct ofp_error_msg *em = &msg->error;

        sync->first_error =
            em->error ? xasprintf("the switch refused a %s: %s (%s)", what,
                                  ofperr_name(em->error),
                                  ofperr_description(em->error))
                      : xasprintf("the switch refused a %s: error type %u "
                                  "code %u",
                                  what, em->type, em->code);
        sync->report.error = sync->first_error;
        VLOG_WARN("%s: %s", ctl_session_name(sync->session), sync->first_error);
    }
}

static const struct change *
find_change(const struct ctl_sync *sync, uint32_t xid)
{
    for (size_t i = 0; i < sync->n_changes; i++) {
        if (sync->changes[i].xid == xid) {
            return &sync->changes[i];
        }
    }
    return NULL;
}

/* An OFPT_ERROR to the apply in flight; returns false if it is not. */
static bool
handle_apply_error(struct ctl_sync *sync, const struct ofp_msg *msg)
{
    const struct change *c;

    if (msg->xid == sync->xid_open || msg->xid == sync->xid_commit) {
        if (sync->stage == STAGE_BUNDLE) {
            note_error(sync, msg,
                       msg->xid == sync->xid_open ? "bundle open"
                                                  : "bundle commit");
        }
        return true;
    }
    c = find_change(sync, msg->xid);
    if (!c) {
        return false;
    }
    if (sync->stage == STAGE_PLAIN) {
        sync->report.n_errors++;
    }
    note_error(sync, msg, c->what);
    return true;
}

static void
finish_apply(struct ctl_sync *sync)
{
    struct ctl_south_report *r = &sync->report, report;
    char *error;

    r->barrier_us = now_us() - sync->start_us;
    r->bundled = sync->committed;
    sync->stats.n_msgs += r->n_msgs;
    sync->stage = STAGE_IDLE;
    changes_clear(sync);
    if (r->n_errors) {
        /* What the switch holds is no longer known: look again, before
         * the owner may apply anew from its callback. */
        ctl_sync_start_dump(sync);
    }
    /* A copy: the owner may apply from its callback, which reuses
     * 'report' and its error. */
    report = *r;
    error = xstrdup(r->error);
    report.error = error;
    ctl_session_report(sync->session, &report);
    free(error);
    ctl_sync_run(sync);
}

static void
handle_barrier_reply(struct ctl_sync *sync)
{
    if (sync->stage == STAGE_BUNDLE && !sync->committed) {
        sync->report.bundle_refused = true;
        VLOG_WARN("%s: the switch refused the bundle; sending its %zu "
                  "changes one by one",
                  ctl_session_name(sync->session), sync->n_changes);
        free(sync->first_error);
        sync->first_error = NULL;
        sync->report.error = "";
        send_plain(sync);
        return;
    }
    finish_apply(sync);
}

bool
ctl_sync_handle_msg(struct ctl_sync *sync, struct ofp_msg *msg)
{
    if (handle_dump_msg(sync, msg)) {
        return true;
    }
    if (sync->stage == STAGE_IDLE) {
        return false;
    }
    switch (msg->kind) {
    case OFPK_ERROR:
        return handle_apply_error(sync, msg);
    case OFPK_BUNDLE_CONTROL:
        if (msg->xid == sync->xid_commit
            && msg->bundle_control.type == OFPBCT_COMMIT_REPLY) {
            sync->committed = true;
        }
        return msg->xid == sync->xid_commit || msg->xid == sync->xid_open;
    case OFPK_BARRIER_REPLY:
        if (msg->xid != sync->xid_barrier) {
            return false;
        }
        handle_barrier_reply(sync);
        return true;
    default:
        return false;
    }
}
