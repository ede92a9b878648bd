/* Tests for the controller's store (controller/ctl_store.h): a model saved
 * change by change to a temporary SQLite file comes back whole (objects,
 * revisions, bindings, deletions) when the file is opened again; bad files
 * and bad names give sentences. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "controller/ctl_model.h"
#include "controller/ctl_store.h"

struct fixture {
    char dir[64];
    char name[160]; /* "sqlite:DIR/sub/controller.db" */
    char path[128];
};

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    snprintf(f->dir, sizeof f->dir, "/tmp/test_ctl_store.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/sub/controller.db", f->dir);
    snprintf(f->name, sizeof f->name, "sqlite:%s", f->path);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[160];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static void
must(int error, char **message)
{
    if (error) {
        fail_msg("unexpected error %d: %s", error, *message);
    }
}

static struct ctl_store *
open_store(const char *name, struct ctl_model **m)
{
    char *error = NULL;
    struct ctl_store *s = ctl_store_open(name, m, &error);

    if (!s) {
        fail_msg("cannot open %s: %s", name, error);
    }
    return s;
}

static void
save(struct ctl_store *s, struct ctl_model *m)
{
    char *error = NULL;

    must(ctl_store_save(s, m, &error), &error);
}

/* Builds a small model through 'store', saving after each change. */
static void
build(struct ctl_store *s, struct ctl_model *m)
{
    struct ctl_tenant t = {.name = "acme"};
    struct ctl_network n = {.tenant = "acme",
                            .name = "net1",
                            .cidr_ip = htonl(0x0a000100),
                            .cidr_len = 24,
                            .seg = CTL_SEG_VXLAN};
    struct ctl_port p = {.tenant = "acme",
                         .name = "web1",
                         .network = "net1",
                         .mac = {{0x52, 0x54, 0, 0, 0, 1}},
                         .ips = {htonl(0x0a00010a), htonl(0x0a00010b)},
                         .n_ips = 2};
    struct ctl_host h = {.name = "h1",
                         .dpid = UINT64_MAX - 1,
                         .tunnel_ip = htonl(0xc0a80001),
                         .uplink = "eth1",
                         .declared = true};
    char *error = NULL;

    must(ctl_model_put_tenant(m, &t, 0, NULL, &error), &error);
    save(s, m);
    must(ctl_model_put_network(m, &n, 0, NULL, &error), &error);
    save(s, m);
    must(ctl_model_put_port(m, &p, 0, NULL, &error), &error);
    save(s, m);
    memcpy(p.name, "web2", 5);
    p.mac.ea[5] = 2;
    p.n_ips = 0;
    memcpy(p.iface, "vm2", 4);
    must(ctl_model_put_port(m, &p, 0, NULL, &error), &error);
    save(s, m);
    must(ctl_model_put_host(m, &h, 0, NULL, &error), &error);
    save(s, m);
    ctl_model_bind(m, "acme-web1", "h1", 5);
    ctl_model_bind(m, "vm2", "h1", 6);
    save(s, m);
}

/* Asserts that 'b' holds what build() made, with the same revisions as
 * 'a'. */
static void
check_same(const struct ctl_model *a, const struct ctl_model *b)
{
    const struct ctl_port *pa = ctl_model_port(a, "acme", "web1");
    const struct ctl_port *pb = ctl_model_port(b, "acme", "web1");
    const struct ctl_network *na = ctl_model_network(a, "acme", "net1");
    const struct ctl_network *nb = ctl_model_network(b, "acme", "net1");
    const struct ctl_host *hb = ctl_model_host(b, "h1");
    const struct ctl_binding *const *bindings;

    assert_int_equal(ctl_model_revision(a), ctl_model_revision(b));
    assert_int_equal(ctl_model_tenant(a, "acme")->rev,
                     ctl_model_tenant(b, "acme")->rev);
    assert_non_null(nb);
    assert_int_equal(na->rev, nb->rev);
    assert_int_equal(nb->seg, CTL_SEG_VXLAN);
    assert_int_equal(nb->seg_id, CTL_VNI_AUTO_MIN);
    assert_int_equal(nb->cidr_len, 24);
    assert_non_null(pb);
    assert_int_equal(pa->rev, pb->rev);
    assert_memory_equal(&pa->mac, &pb->mac, sizeof pa->mac);
    assert_int_equal(pb->n_ips, 2);
    assert_int_equal(pb->ips[1], htonl(0x0a00010b));
    assert_string_equal(pb->iface, "acme-web1");
    assert_string_equal(ctl_model_port(b, "acme", "web2")->iface, "vm2");
    assert_non_null(hb);
    assert_int_equal(hb->dpid, UINT64_MAX - 1);
    assert_int_equal(hb->tunnel_ip, htonl(0xc0a80001));
    assert_string_equal(hb->uplink, "eth1");
    assert_true(hb->declared);
    assert_int_equal(hb->rev, ctl_model_host(a, "h1")->rev);
    assert_int_equal(ctl_model_bindings(b, &bindings), 2);
    assert_string_equal(bindings[1]->iface, "vm2");
    assert_int_equal(bindings[1]->ofport, 6);
}

static void
test_round_trip_keeps_everything(void **state)
{
    struct fixture *f = *state;
    struct ctl_model *a, *b;
    struct ctl_store *s = open_store(f->name, &a);

    assert_int_equal(ctl_model_revision(a), 0);
    build(s, a);
    ctl_store_close(s);
    s = open_store(f->name, &b);
    check_same(a, b);
    assert_string_equal(ctl_store_name(s), f->name);
    ctl_store_close(s);
    ctl_model_destroy(a);
    ctl_model_destroy(b);
}

static void
test_deletions_and_replacements_are_saved(void **state)
{
    struct fixture *f = *state;
    struct ctl_network n = {.tenant = "acme",
                            .name = "net1",
                            .cidr_ip = htonl(0x0a000000),
                            .cidr_len = 16,
                            .seg = CTL_SEG_VLAN,
                            .seg_id = 7};
    struct ctl_model *a, *b;
    struct ctl_store *s = open_store(f->name, &a);
    char *error = NULL;

    build(s, a);
    must(ctl_model_del_port(a, "acme", "web2", 0, &error), &error);
    save(s, a);
    must(ctl_model_put_network(a, &n, 0, NULL, &error), &error);
    save(s, a);
    ctl_model_unbind(a, "vm2", "h1");
    ctl_model_bind(a, "acme-web1", "h2", 9);
    save(s, a);
    ctl_store_close(s);

    s = open_store(f->name, &b);
    assert_null(ctl_model_port(b, "acme", "web2"));
    assert_int_equal(ctl_model_network(b, "acme", "net1")->seg_id, 7);
    assert_int_equal(ctl_model_network(b, "acme", "net1")->cidr_len, 16);
    assert_null(ctl_model_binding(b, "vm2"));
    assert_string_equal(ctl_model_binding(b, "acme-web1")->host, "h2");
    assert_int_equal(ctl_model_revision(a), ctl_model_revision(b));
    /* And the reopened store goes on saving. */
    must(ctl_model_del_host(b, "h1", 0, &error), &error);
    save(s, b);
    ctl_store_close(s);
    ctl_model_destroy(b);
    s = open_store(f->name, &b);
    assert_null(ctl_model_host(b, "h1"));
    assert_non_null(ctl_model_port(b, "acme", "web1"));
    ctl_store_close(s);
    ctl_model_destroy(a);
    ctl_model_destroy(b);
}

/* Several changes between two saves, among them a deletion and a
 * creation that leave the counts as they were. */
static void
test_batched_changes_are_saved(void **state)
{
    struct fixture *f = *state;
    struct ctl_port p = {.tenant = "acme", .name = "web3", .network = "net1",
                         .mac = {{0x52, 0x54, 0, 0, 0, 3}}};
    struct ctl_model *a, *b;
    struct ctl_store *s = open_store(f->name, &a);
    char *error = NULL;

    build(s, a);
    must(ctl_model_del_port(a, "acme", "web2", 0, &error), &error);
    must(ctl_model_put_port(a, &p, 0, NULL, &error), &error);
    ctl_model_unbind(a, "vm2", "h1");
    ctl_model_bind(a, "acme-web3", "h1", 8);
    ctl_model_bind(a, "acme-web1", "h2", 5);
    save(s, a);
    ctl_store_close(s);

    s = open_store(f->name, &b);
    assert_null(ctl_model_port(b, "acme", "web2"));
    assert_non_null(ctl_model_port(b, "acme", "web3"));
    assert_null(ctl_model_binding(b, "vm2"));
    assert_int_equal(ctl_model_binding(b, "acme-web3")->ofport, 8);
    assert_string_equal(ctl_model_binding(b, "acme-web1")->host, "h2");
    assert_int_equal(ctl_model_revision(a), ctl_model_revision(b));
    ctl_store_close(s);
    ctl_model_destroy(a);
    ctl_model_destroy(b);
}

/* Asserts that opening 'name' fails with a message containing 'needle'. */
static void
open_fails(const char *name, const char *needle)
{
    struct ctl_model *m = NULL;
    char *error = NULL;

    assert_null(ctl_store_open(name, &m, &error));
    assert_null(m);
    assert_non_null(error);
    if (!strstr(error, needle)) {
        fail_msg("message \"%s\" lacks \"%s\"", error, needle);
    }
    free(error);
}

static void
test_corrupt_file_is_refused(void **state)
{
    struct fixture *f = *state;
    char garbage[4096];
    FILE *file;
    struct ctl_model *m;

    ctl_store_close(open_store(f->name, &m));
    ctl_model_destroy(m);
    memset(garbage, 'x', sizeof garbage);
    file = fopen(f->path, "w");
    assert_non_null(file);
    fwrite(garbage, 1, sizeof garbage, file);
    fclose(file);
    open_fails(f->name, "is not a database; move the file away");
}

/* Runs 'sql' on the database of the fixture. */
static void
tamper(const struct fixture *f, const char *sql)
{
    sqlite3 *db;

    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void
test_invalid_rows_and_newer_schemas_are_refused(void **state)
{
    struct fixture *f = *state;
    struct ctl_model *m;

    ctl_store_close(open_store(f->name, &m));
    ctl_model_destroy(m);
    tamper(f, "INSERT INTO tenants VALUES ('acme', 1);"
              "INSERT INTO networks VALUES ('acme', 'n', '10.0.0.0/8',"
              " 'vlan:9', 2);"
              "INSERT INTO ports VALUES ('acme', 'p', 'n', 'zz', '', 'k', 3)");
    open_fails(f->name, "holds an invalid port (MAC \"zz\" is invalid");
    tamper(f, "DELETE FROM ports;"
              "INSERT INTO ports VALUES ('acme', 'p', 'x', "
              "'52:54:00:00:00:01', '', 'k', 3)");
    open_fails(f->name, "network acme/x does not exist");
    tamper(f, "DELETE FROM ports; PRAGMA user_version = 9");
    open_fails(f->name, "has schema version 9, which this pont-controller");
}

static void
test_bad_places_and_names_are_refused(void **state)
{
    struct fixture *f = *state;
    struct ctl_model *m;
    char name[200];

    snprintf(name, sizeof name, "sqlite:%s/file", f->dir);
    ctl_store_close(open_store(name, &m));
    ctl_model_destroy(m);
    /* A directory where a file is. */
    snprintf(name, sizeof name, "sqlite:%s/file/x.db", f->dir);
    open_fails(name, "cannot open it");
    open_fails("sqlite:", "has no path");
    open_fails("etcd:x", "give sqlite:PATH or memory:");
    open_fails("memory:x", "takes no path");
    ctl_store_close(open_store("memory:", &m));
    ctl_model_destroy(m);
    ctl_store_close(NULL);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_round_trip_keeps_everything),
        T(test_deletions_and_replacements_are_saved),
        T(test_batched_changes_are_saved),
        T(test_corrupt_file_is_refused),
        T(test_invalid_rows_and_newer_schemas_are_refused),
        T(test_bad_places_and_names_are_refused),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
