/* The SQLite store (ctl_store.h, "sqlite:PATH"): one table per kind of
 * object, addresses in their text forms, the model's revision in 'meta',
 * the schema's version in SQLite's user_version.
 *
 * Saving compares the model with a mirror of what was saved last (a key
 * and a stamp per row: an object's revision, a binding's place), writes
 * the rows whose stamp changed and deletes the rows whose object is gone,
 * all in one transaction.  If a save fails, the mirror is dropped and the
 * next save rewrites every table. */
#include <errno.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "controller/ctl_model.h"
#include "controller/ctl_store.h"
#include "controller/ctl_store_sqlite.h"
#include "lib/hash.h"
#include "lib/hmap.h"
#include "lib/strbuf.h"
#include "lib/util.h"

#define SCHEMA_VERSION 1

static const char schema[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "CREATE TABLE tenants (name TEXT PRIMARY KEY, rev INTEGER NOT NULL);"
    "CREATE TABLE networks (tenant TEXT NOT NULL, name TEXT NOT NULL,"
    " cidr TEXT NOT NULL, segment TEXT NOT NULL, rev INTEGER NOT NULL,"
    " PRIMARY KEY (tenant, name));"
    "CREATE TABLE ports (tenant TEXT NOT NULL, name TEXT NOT NULL,"
    " network TEXT NOT NULL, mac TEXT NOT NULL, ips TEXT NOT NULL,"
    " iface TEXT NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (tenant, name));"
    "CREATE TABLE hosts (name TEXT PRIMARY KEY, dpid INTEGER NOT NULL,"
    " tunnel_ip TEXT NOT NULL, uplink TEXT NOT NULL,"
    " declared INTEGER NOT NULL, rev INTEGER NOT NULL);"
    "CREATE TABLE bindings (iface TEXT PRIMARY KEY, host TEXT NOT NULL,"
    " ofport INTEGER NOT NULL);"
    "INSERT INTO meta VALUES ('revision', 0);"
    "PRAGMA user_version = 1;";

/* What was saved of one row. */
struct saved {
    struct hmap_node node;
    char *key; /* The row's key; two parts split by '\1'. */
    struct stamp {
        uint64_t n;                  /* An object's rev, a binding's port. */
        char host[CTL_NAME_MAX + 1]; /* A binding's host, else "". */
    } stamp;                         /* Differs once the row must be saved. */
    uint64_t generation;             /* Of the last deletion check. */
};

/* The longest key: "TENANT\1NAME" or a binding key. */
#define KEY_MAX (2 * CTL_NAME_MAX + CTL_IFACE_MAX + 2)

struct sqlite_store {
    struct ctl_store up;
    sqlite3 *db;
    char *path;
    struct hmap saved[CTL_SQLITE_N_TABLES];
    bool rewrite;            /* Delete every row before the next save. */
    uint64_t saved_revision; /* The model's revision at the last save. */
    uint64_t generation;     /* Of the last deletion check. */
};

static struct sqlite_store *
sqlite_store_cast(struct ctl_store *store)
{
    return CONTAINER_OF(store, struct sqlite_store, up);
}

/* Statements. */

/* Sets '*errorp' to a sentence about the last error of the database. */
static int
db_error(struct sqlite_store *s, const char *doing, char **errorp)
{
    int code = sqlite3_errcode(s->db);
    const char *advice =
        code == SQLITE_NOTADB || code == SQLITE_CORRUPT
            ? "move the file away (or repair it) and start again"
        : code == SQLITE_CANTOPEN || code == SQLITE_READONLY
                || code == SQLITE_PERM
            ? "check that the file and its directory are writable"
        : code == SQLITE_BUSY ? "another process holds it; stop that first"
                              : "check the file";

    *errorp = xasprintf("store sqlite:%s: cannot %s: %s; %s", s->path, doing,
                        sqlite3_errmsg(s->db), advice);
    return code == SQLITE_BUSY ? -EBUSY : -EIO;
}

/* Prepares 'sql' and binds the arguments, one per character of 'types':
 * 's' a string, 'i' an int64_t. */
static sqlite3_stmt *
prepare(struct sqlite_store *s, const char *sql, const char *types, ...)
{
    sqlite3_stmt *stmt;
    va_list args;

    if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        return NULL;
    }
    va_start(args, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 's') {
            sqlite3_bind_text(stmt, i + 1, va_arg(args, const char *), -1,
                              SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_int64(stmt, i + 1, va_arg(args, int64_t));
        }
    }
    va_end(args);
    return stmt;
}

/* Runs a statement that returns no rows; returns true on success. */
static bool
run_stmt(sqlite3_stmt *stmt)
{
    bool ok = stmt && sqlite3_step(stmt) == SQLITE_DONE;

    sqlite3_finalize(stmt);
    return ok;
}

static bool
exec(struct sqlite_store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The mirror. */

static void
mirror_clear(struct hmap *map)
{
    struct hmap_node *node, *next;

    for (node = hmap_first(map); node; node = next) {
        struct saved *sv = CONTAINER_OF(node, struct saved, node);

        next = hmap_next(map, node);
        hmap_remove(map, node);
        free(sv->key);
        free(sv);
    }
}

static struct saved *
mirror_find(const struct hmap *map, const char *key)
{
    uint32_t hash = hash_bytes(key, strlen(key), 0);

    for (struct hmap_node *n = hmap_first_with_hash(map, hash); n;
         n = hmap_next_with_hash(n)) {
        struct saved *sv = CONTAINER_OF(n, struct saved, node);
        if (!strcmp(sv->key, key)) {
            return sv;
        }
    }
    return NULL;
}

/* Saving. */

/* Compares row 'key' with its saved stamp; if it changed, writes it with
 * the statement that 'make' makes (when 'write') and records it.  Returns
 * false if writing failed. */
static bool
sync_row(struct hmap *mirror, const char *key, const struct stamp *stamp,
         bool write, sqlite3_stmt *(*make)(struct sqlite_store *, const void *),
         struct sqlite_store *s, const void *obj)
{
    struct saved *sv = mirror_find(mirror, key);

    if (sv && sv->stamp.n == stamp->n && !strcmp(sv->stamp.host, stamp->host)) {
        return true;
    }
    if (write && !run_stmt(make(s, obj))) {
        return false;
    }
    if (!sv) {
        sv = xzalloc(sizeof *sv);
        sv->key = xstrdup(key);
        hmap_insert(mirror, &sv->node, hash_bytes(key, strlen(key), 0));
    }
    sv->stamp = *stamp;
    return true;
}

static sqlite3_stmt *
tenant_stmt(struct sqlite_store *s, const void *obj)
{
    const struct ctl_tenant *t = obj;

    return prepare(s, "INSERT OR REPLACE INTO tenants VALUES (?, ?)", "si",
                   t->name, (int64_t) t->rev);
}

static sqlite3_stmt *
network_stmt(struct sqlite_store *s, const void *obj)
{
    const struct ctl_network *n = obj;
    char cidr[CTL_IP_STRLEN + 4], ip[CTL_IP_STRLEN], seg[CTL_SEGMENT_STRLEN];

    ctl_format_ipv4(n->cidr_ip, ip);
    snprintf(cidr, sizeof cidr, "%s/%u", ip, n->cidr_len);
    ctl_format_segment(n->seg, n->seg_id, seg);
    return prepare(s, "INSERT OR REPLACE INTO networks VALUES (?, ?, ?, ?, ?)",
                   "ssssi", n->tenant, n->name, cidr, seg, (int64_t) n->rev);
}

static sqlite3_stmt *
port_stmt(struct sqlite_store *s, const void *obj)
{
    const struct ctl_port *p = obj;
    struct strbuf ips = STRBUF_INIT;
    char mac[CTL_MAC_STRLEN], ip[CTL_IP_STRLEN];
    sqlite3_stmt *stmt;

    ctl_format_mac(&p->mac, mac);
    for (size_t i = 0; i < p->n_ips; i++) {
        ctl_format_ipv4(p->ips[i], ip);
        strbuf_printf(&ips, "%s%s", i ? " " : "", ip);
    }
    stmt =
        prepare(s, "INSERT OR REPLACE INTO ports VALUES (?, ?, ?, ?, ?, ?, ?)",
                "ssssssi", p->tenant, p->name, p->network, mac,
                strbuf_str(&ips), p->iface, (int64_t) p->rev);
    strbuf_free(&ips);
    return stmt;
}

static sqlite3_stmt *
host_stmt(struct sqlite_store *s, const void *obj)
{
    const struct ctl_host *h = obj;
    char ip[CTL_IP_STRLEN] = "";

    if (h->tunnel_ip) {
        ctl_format_ipv4(h->tunnel_ip, ip);
    }
    return prepare(s, "INSERT OR REPLACE INTO hosts VALUES (?, ?, ?, ?, ?, ?)",
                   "sissii", h->name, (int64_t) h->dpid, ip, h->uplink,
                   (int64_t) h->declared, (int64_t) h->rev);
}

static sqlite3_stmt *
binding_stmt(struct sqlite_store *s, const void *obj)
{
    const struct ctl_binding *b = obj;

    return prepare(s, "INSERT OR REPLACE INTO bindings VALUES (?, ?, ?)", "ssi",
                   b->iface, b->host, (int64_t) b->ofport);
}

/* Each kind's list, key and stamp, in the form the table walks. */

static size_t
list_tenants(const struct ctl_model *m, const void *const **out)
{
    return ctl_model_tenants(m, (const struct ctl_tenant *const **) out);
}

static size_t
list_networks(const struct ctl_model *m, const void *const **out)
{
    return ctl_model_networks(m, (const struct ctl_network *const **) out);
}

static size_t
list_ports(const struct ctl_model *m, const void *const **out)
{
    return ctl_model_ports(m, (const struct ctl_port *const **) out);
}

static size_t
list_hosts(const struct ctl_model *m, const void *const **out)
{
    return ctl_model_hosts(m, (const struct ctl_host *const **) out);
}

static size_t
list_bindings(const struct ctl_model *m, const void *const **out)
{
    return ctl_model_bindings(m, (const struct ctl_binding *const **) out);
}

static const char *
tenant_key(const void *obj, char buf[KEY_MAX])
{
    (void) buf;
    return ((const struct ctl_tenant *) obj)->name;
}

static const char *
network_key(const void *obj, char buf[KEY_MAX])
{
    const struct ctl_network *n = obj;

    snprintf(buf, KEY_MAX, "%s\1%s", n->tenant, n->name);
    return buf;
}

static const char *
port_key(const void *obj, char buf[KEY_MAX])
{
    const struct ctl_port *p = obj;

    snprintf(buf, KEY_MAX, "%s\1%s", p->tenant, p->name);
    return buf;
}

static const char *
host_key(const void *obj, char buf[KEY_MAX])
{
    (void) buf;
    return ((const struct ctl_host *) obj)->name;
}

static const char *
binding_key(const void *obj, char buf[KEY_MAX])
{
    (void) buf;
    return ((const struct ctl_binding *) obj)->iface;
}

static struct stamp
tenant_stamp(const void *obj)
{
    return (struct stamp){.n = ((const struct ctl_tenant *) obj)->rev};
}

static struct stamp
network_stamp(const void *obj)
{
    return (struct stamp){.n = ((const struct ctl_network *) obj)->rev};
}

static struct stamp
port_stamp(const void *obj)
{
    return (struct stamp){.n = ((const struct ctl_port *) obj)->rev};
}

static struct stamp
host_stamp(const void *obj)
{
    return (struct stamp){.n = ((const struct ctl_host *) obj)->rev};
}

static struct stamp
binding_stamp(const void *obj)
{
    const struct ctl_binding *b = obj;
    struct stamp st = {.n = b->ofport};

    snprintf(st.host, sizeof st.host, "%s", b->host);
    return st;
}

/* Each table's rows: the model's objects, their keys and stamps, the
 * statements that write and delete them. */
static const struct table {
    size_t (*list)(const struct ctl_model *, const void *const **);
    const char *(*key)(const void *obj, char buf[KEY_MAX]);
    struct stamp (*stamp)(const void *obj);
    sqlite3_stmt *(*write)(struct sqlite_store *, const void *obj);
    const char *delete_sql;
    bool pair; /* A two-part key. */
} tables[CTL_SQLITE_N_TABLES] = {
    [CTL_SQLITE_TENANTS] = {list_tenants, tenant_key, tenant_stamp, tenant_stmt,
                            "DELETE FROM tenants WHERE name = ?", false},
    [CTL_SQLITE_NETWORKS] = {list_networks, network_key, network_stamp,
                             network_stmt,
                             "DELETE FROM networks WHERE tenant = ? AND "
                             "name = ?",
                             true},
    [CTL_SQLITE_PORTS] = {list_ports, port_key, port_stamp, port_stmt,
                          "DELETE FROM ports WHERE tenant = ? AND name = ?",
                          true},
    [CTL_SQLITE_HOSTS] = {list_hosts, host_key, host_stamp, host_stmt,
                          "DELETE FROM hosts WHERE name = ?", false},
    [CTL_SQLITE_BINDINGS] = {list_bindings, binding_key, binding_stamp,
                             binding_stmt,
                             "DELETE FROM bindings WHERE iface = ?", false},
};

/* Deletes the rows of table 't' that the model no longer has: marks the
 * model's rows with a new generation, then drops the others.  Returns
 * false if deleting failed. */
static bool
sync_deletions(struct sqlite_store *s, int t, const void *const *objs, size_t n,
               bool write)
{
    struct hmap *map = &s->saved[t];
    struct hmap_node *node, *next;
    char key[KEY_MAX];

    s->generation++;
    for (size_t i = 0; i < n; i++) {
        struct saved *sv = mirror_find(map, tables[t].key(objs[i], key));
        if (sv) {
            sv->generation = s->generation;
        }
    }
    for (node = hmap_first(map); node; node = next) {
        struct saved *sv = CONTAINER_OF(node, struct saved, node);
        bool ok = true;

        next = hmap_next(map, node);
        if (sv->generation == s->generation) {
            continue;
        }
        if (write && tables[t].pair) {
            char *sep = strchr(sv->key, '\1');
            *sep = '\0';
            ok = run_stmt(
                prepare(s, tables[t].delete_sql, "ss", sv->key, sep + 1));
        } else if (write) {
            ok = run_stmt(prepare(s, tables[t].delete_sql, "s", sv->key));
        }
        hmap_remove(map, node);
        free(sv->key);
        free(sv);
        if (!ok) {
            return false;
        }
    }
    return true;
}

/* Brings table 't' of the mirror (and, if 'write', of the database) in
 * line with 'model'.  Unless 'full', only objects changed since the last
 * save are compared (an object's revision grows with each change), and
 * deletions are looked for only if the mirror has more rows than the
 * model has objects.  Returns false if writing failed. */
static bool
sync_table(struct sqlite_store *s, int t, const struct ctl_model *model,
           bool write, bool full)
{
    const struct table *tb = &tables[t];
    struct hmap *mirror = &s->saved[t];
    const void *const *objs;
    size_t n = tb->list(model, &objs);
    char key[KEY_MAX];

    for (size_t i = 0; i < n; i++) {
        struct stamp st = tb->stamp(objs[i]);

        if ((full || st.n > s->saved_revision)
            && !sync_row(mirror, tb->key(objs[i], key), &st, write, tb->write,
                         s, objs[i])) {
            return false;
        }
    }
    return hmap_count(mirror) == n || sync_deletions(s, t, objs, n, write);
}

/* Brings the mirror (and, if 'write', the database) in line with
 * 'model'; 'full' compares every row.  Returns false if writing
 * failed. */
static bool
sync_model(struct sqlite_store *s, const struct ctl_model *model, bool write,
           bool full)
{
    bool ok = true;

    for (int t = 0; ok && t < CTL_SQLITE_N_TABLES; t++) {
        /* Bindings have no revisions: compare them all when any
         * changed. */
        bool all =
            full
            || (t == CTL_SQLITE_BINDINGS
                && ctl_model_bindings_revision(model) > s->saved_revision);

        if (t != CTL_SQLITE_BINDINGS || all) {
            ok = sync_table(s, t, model, write, all);
        }
    }
    return ok;
}

static int
sqlite_save(struct ctl_store *store, const struct ctl_model *model,
            char **errorp)
{
    struct sqlite_store *s = sqlite_store_cast(store);
    bool ok;
    int error;

    if (!s->rewrite && ctl_model_revision(model) == s->saved_revision) {
        return 0; /* Nothing changed. */
    }
    ok = exec(s, "BEGIN IMMEDIATE");
    if (ok && s->rewrite) {
        for (int i = 0; i < CTL_SQLITE_N_TABLES; i++) {
            mirror_clear(&s->saved[i]);
        }
        ok = exec(s, "DELETE FROM tenants; DELETE FROM networks;"
                     "DELETE FROM ports; DELETE FROM hosts;"
                     "DELETE FROM bindings;");
    }
    ok = ok && sync_model(s, model, true, s->rewrite)
         && run_stmt(prepare(s,
                             "UPDATE meta SET value = ? WHERE key = "
                             "'revision'",
                             "i", (int64_t) ctl_model_revision(model)))
         && exec(s, "COMMIT");
    if (ok) {
        s->rewrite = false;
        s->saved_revision = ctl_model_revision(model);
        return 0;
    }
    error = db_error(s, "save the change", errorp);
    exec(s, "ROLLBACK");
    s->rewrite = true;
    return error;
}

static void
sqlite_close(struct ctl_store *store)
{
    struct sqlite_store *s;

    if (!store) {
        return;
    }
    s = sqlite_store_cast(store);
    for (int i = 0; i < CTL_SQLITE_N_TABLES; i++) {
        mirror_clear(&s->saved[i]);
        hmap_destroy(&s->saved[i]);
    }
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* Opening. */

/* Creates the directories of 'path' that do not exist. */
static void
make_parent_dirs(const char *path)
{
    char *dir = xstrdup(path);

    for (char *p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = '\0';
        mkdir(dir, 0755);
        *p = '/';
    }
    free(dir);
}

static int
check_schema(struct sqlite_store *s, char **errorp)
{
    sqlite3_stmt *stmt = prepare(s, "PRAGMA user_version", "");
    int64_t version;

    if (!stmt || sqlite3_step(stmt) != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return db_error(s, "read the database", errorp);
    }
    version = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    if (version == 0) {
        if (!exec(s, "BEGIN IMMEDIATE") || !exec(s, schema)
            || !exec(s, "COMMIT")) {
            int error = db_error(s, "create the tables", errorp);
            exec(s, "ROLLBACK");
            return error;
        }
    } else if (version != SCHEMA_VERSION) {
        *errorp = xasprintf("store sqlite:%s has schema version %" PRId64
                            ", which this pont-controller (version %d) "
                            "cannot read; use a newer pont-controller",
                            s->path, version, SCHEMA_VERSION);
        return -EPROTO;
    }
    return 0;
}

static struct ctl_store *
sqlite_open(const char *path, struct ctl_model **modelp, char **errorp)
{
    struct sqlite_store *s;
    int error;

    if (!path[0]) {
        *errorp = xstrdup("store \"sqlite:\" has no path; give sqlite:PATH");
        return NULL;
    }
    s = xzalloc(sizeof *s);
    s->path = xstrdup(path);
    for (int i = 0; i < CTL_SQLITE_N_TABLES; i++) {
        hmap_init(&s->saved[i]);
    }
    make_parent_dirs(path);
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
        != SQLITE_OK) {
        db_error(s, "open it", errorp);
        goto err;
    }
    sqlite3_busy_timeout(s->db, 1000);
    error = check_schema(s, errorp);
    if (!error) {
        exec(s, "PRAGMA journal_mode = WAL");
        *modelp = ctl_model_create();
        error = ctl_sqlite_load(s->db, s->path, *modelp, errorp);
        if (error) {
            ctl_model_destroy(*modelp);
            *modelp = NULL;
        }
    }
    if (error) {
        goto err;
    }
    /* What was loaded is what is saved. */
    sync_model(s, *modelp, false, true);
    s->saved_revision = ctl_model_revision(*modelp);
    return &s->up;

err:
    for (int i = 0; i < CTL_SQLITE_N_TABLES; i++) {
        hmap_destroy(&s->saved[i]);
    }
    sqlite3_close(s->db);
    free(s->path);
    free(s);
    return NULL;
}

const struct ctl_store_class ctl_store_sqlite_class = {
    .prefix = "sqlite:",
    .open = sqlite_open,
    .save = sqlite_save,
    .close = sqlite_close,
};
