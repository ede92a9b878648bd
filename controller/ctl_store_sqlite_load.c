/* Reading a saved model back from the SQLite store: each table's rows
 * parsed with the model's own parsers and restored with their revisions
 * (ctl_model_restore_*()), so that a saved model is validated exactly
 * like one built through the API. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"
#include "controller/ctl_store_sqlite.h"
#include "lib/strbuf.h"
#include "lib/util.h"

static const char *
col_text(sqlite3_stmt *stmt, int i)
{
    const unsigned char *t = sqlite3_column_text(stmt, i);
    return t ? (const char *) t : "";
}

static uint64_t
col_u64(sqlite3_stmt *stmt, int i)
{
    return (uint64_t) sqlite3_column_int64(stmt, i);
}

/* Copies 'src' into the array 'dst' of 'size' bytes; false if it does
 * not fit. */
static bool
copy_str(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);

    if (len >= size) {
        return false;
    }
    memcpy(dst, src, len + 1);
    return true;
}

static int
load_tenant(struct ctl_model *m, sqlite3_stmt *row, char **errorp)
{
    struct ctl_tenant t = {.rev = col_u64(row, 1)};

    if (!copy_str(t.name, sizeof t.name, col_text(row, 0))) {
        *errorp = xstrdup("a tenant's name is too long");
        return -EINVAL;
    }
    return ctl_model_restore_tenant(m, &t, errorp);
}

static int
load_network(struct ctl_model *m, sqlite3_stmt *row, char **errorp)
{
    struct ctl_network n = {.rev = col_u64(row, 4)};
    int error;

    if (!copy_str(n.tenant, sizeof n.tenant, col_text(row, 0))
        || !copy_str(n.name, sizeof n.name, col_text(row, 1))) {
        *errorp = xstrdup("a network's name is too long");
        return -EINVAL;
    }
    error = ctl_parse_cidr(col_text(row, 2), &n.cidr_ip, &n.cidr_len, errorp);
    if (!error) {
        error = ctl_parse_segment(col_text(row, 3), &n.seg, &n.seg_id, errorp);
    }
    return error ? error : ctl_model_restore_network(m, &n, errorp);
}

/* Parses the space-separated IPs of a port. */
static int
parse_ips(const char *s, struct ctl_port *p, char **errorp)
{
    char *copy = xstrdup(s), *save = NULL;
    int error = 0;

    for (char *ip = strtok_r(copy, " ", &save); ip && !error;
         ip = strtok_r(NULL, " ", &save)) {
        if (p->n_ips >= CTL_MAX_IPS) {
            *errorp = xasprintf("a port has more than %d IPs", CTL_MAX_IPS);
            error = -EINVAL;
        } else {
            error = ctl_parse_ipv4("IP", ip, &p->ips[p->n_ips++], errorp);
        }
    }
    free(copy);
    return error;
}

static int
load_port(struct ctl_model *m, sqlite3_stmt *row, char **errorp)
{
    struct ctl_port p = {.rev = col_u64(row, 6)};
    int error;

    if (!copy_str(p.tenant, sizeof p.tenant, col_text(row, 0))
        || !copy_str(p.name, sizeof p.name, col_text(row, 1))
        || !copy_str(p.network, sizeof p.network, col_text(row, 2))
        || !copy_str(p.iface, sizeof p.iface, col_text(row, 5))) {
        *errorp = xstrdup("a port's name is too long");
        return -EINVAL;
    }
    error = ctl_parse_mac(col_text(row, 3), &p.mac, errorp);
    if (!error) {
        error = parse_ips(col_text(row, 4), &p, errorp);
    }
    return error ? error : ctl_model_restore_port(m, &p, errorp);
}

static int
load_host(struct ctl_model *m, sqlite3_stmt *row, char **errorp)
{
    struct ctl_host h = {
        .dpid = col_u64(row, 1),
        .declared = sqlite3_column_int64(row, 4) != 0,
        .rev = col_u64(row, 5),
    };
    const char *ip = col_text(row, 2);

    if (!copy_str(h.name, sizeof h.name, col_text(row, 0))
        || !copy_str(h.uplink, sizeof h.uplink, col_text(row, 3))) {
        *errorp = xstrdup("a host's name or uplink is too long");
        return -EINVAL;
    }
    if (ip[0] && ctl_parse_ipv4("tunnel IP", ip, &h.tunnel_ip, errorp)) {
        return -EINVAL;
    }
    return ctl_model_restore_host(m, &h, errorp);
}

static int
load_binding(struct ctl_model *m, sqlite3_stmt *row, char **errorp)
{
    const char *iface = col_text(row, 0), *host = col_text(row, 1);

    if (strlen(iface) > CTL_IFACE_MAX || strlen(host) > CTL_NAME_MAX) {
        *errorp = xstrdup("a binding's key or host is too long");
        return -EINVAL;
    }
    ctl_model_bind(m, iface, host, (uint32_t) sqlite3_column_int64(row, 2));
    return 0;
}

static const struct loader {
    const char *what;
    const char *sql;
    int (*load)(struct ctl_model *, sqlite3_stmt *, char **errorp);
} loaders[CTL_SQLITE_N_TABLES] = {
    [CTL_SQLITE_TENANTS] = {"tenant", "SELECT name, rev FROM tenants",
                            load_tenant},
    [CTL_SQLITE_NETWORKS] = {"network",
                             "SELECT tenant, name, cidr, segment, rev "
                             "FROM networks",
                             load_network},
    [CTL_SQLITE_PORTS] = {"port",
                          "SELECT tenant, name, network, mac, ips, iface, "
                          "rev FROM ports",
                          load_port},
    [CTL_SQLITE_HOSTS] = {"host",
                          "SELECT name, dpid, tunnel_ip, uplink, declared, "
                          "rev FROM hosts",
                          load_host},
    [CTL_SQLITE_BINDINGS] = {"binding",
                             "SELECT iface, host, ofport FROM bindings",
                             load_binding},
};

/* Runs loader 'l' on every row of its table. */
static int
load_table(sqlite3 *db, const char *path, const struct loader *l,
           struct ctl_model *m, char **errorp)
{
    sqlite3_stmt *stmt;
    char *why = NULL;
    int rc, error = 0;

    if (sqlite3_prepare_v2(db, l->sql, -1, &stmt, NULL) != SQLITE_OK) {
        goto db_error;
    }
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        error = l->load(m, stmt, &why);
        if (error) {
            *errorp = xasprintf("store sqlite:%s holds an invalid %s (%s); "
                                "repair the file or move it away",
                                path, l->what, why);
            free(why);
            sqlite3_finalize(stmt);
            return error;
        }
    }
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE) {
        return 0;
    }
db_error:
    *errorp = xasprintf("store sqlite:%s: cannot read its %ss: %s; repair "
                        "the file or move it away",
                        path, l->what, sqlite3_errmsg(db));
    return -EIO;
}

int
ctl_sqlite_load(sqlite3 *db, const char *path, struct ctl_model *model,
                char **errorp)
{
    sqlite3_stmt *stmt;
    int error;

    for (int i = 0; i < CTL_SQLITE_N_TABLES; i++) {
        error = load_table(db, path, &loaders[i], model, errorp);
        if (error) {
            return error;
        }
    }
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'revision'",
                           -1, &stmt, NULL)
            != SQLITE_OK
        || sqlite3_step(stmt) != SQLITE_ROW) {
        *errorp = xasprintf("store sqlite:%s: cannot read its revision: %s; "
                            "repair the file or move it away",
                            path, sqlite3_errmsg(db));
        sqlite3_finalize(stmt);
        return -EIO;
    }
    ctl_model_set_revision(model, col_u64(stmt, 0));
    sqlite3_finalize(stmt);
    return 0;
}
