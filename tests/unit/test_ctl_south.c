/* Tests for the controller's southbound (controller/ctl_south.c and
 * ctl_south_sync.c) against a real Pont switch in the same process: an
 * ofproto on a dummy datapath (switch_fixture.h) whose controller is the
 * southbound's unix socket, both on one event loop.
 *
 * Each test starts a switch with ports p1 (1, iface-id acme/vm1), p2 (2)
 * and a VXLAN port pont-tun (3) over p2, and a southbound, and runs the
 * loop until what it waits for has happened (or fails after a few
 * seconds). */
#include <errno.h>
#include <event2/event.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "controller/ctl_flowset.h"
#include "controller/ctl_south.h"
#include "datapath/dpif.h"
#include "lib/rcu.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofproto.h"
#include "ofproto/ofproto_private.h"
#include "tests/unit/switch_fixture.h"

#define MAX_PORTS 8
#define MAX_REPORTS 8

struct env {
    struct switch_fixture *sw;
    struct ctl_south *south;
    struct event *tick;
    char dir[64];
    char path[96];

    /* What the southbound said. */
    struct ctl_south_session *session;
    int n_up, n_down;
    bool is_pont;
    char host_id[64], uplink[32];
    uint32_t tunnel_ip;
    struct {
        uint32_t port_no;
        char name[32], key[64];
    } ports[MAX_PORTS];
    int n_ports, n_port_events;
    struct ctl_south_report reports[MAX_REPORTS];
    char errors[MAX_REPORTS][256];
    int n_reports;

    /* If nonnull, applied from the first 'applied' callback. */
    const struct ctl_flowset *apply_from_callback;
};

static void
on_up(struct ctl_south_session *s, const struct ctl_south_switch *sw,
      void *env_)
{
    struct env *env = env_;

    env->session = s;
    env->n_up++;
    env->is_pont = sw->is_pont;
    env->tunnel_ip = sw->tunnel_ip;
    snprintf(env->host_id, sizeof env->host_id, "%s", sw->host_id);
    snprintf(env->uplink, sizeof env->uplink, "%s", sw->uplink);
}

static void
on_port(struct ctl_south_session *s, enum ctl_south_port_event event,
        const struct ctl_south_port *p, void *env_)
{
    struct env *env = env_;
    int i;

    (void) s;
    env->n_port_events++;
    for (i = 0; i < env->n_ports && env->ports[i].port_no != p->port_no; i++) {
        continue;
    }
    if (event == CTL_SOUTH_PORT_REMOVED) {
        assert_true(i < env->n_ports);
        env->ports[i] = env->ports[--env->n_ports];
        return;
    }
    if (i == env->n_ports) {
        assert_int_equal(event, CTL_SOUTH_PORT_ADDED);
        assert_true(env->n_ports < MAX_PORTS);
        env->n_ports++;
    }
    env->ports[i].port_no = p->port_no;
    snprintf(env->ports[i].name, sizeof env->ports[i].name, "%s", p->name);
    snprintf(env->ports[i].key, sizeof env->ports[i].key, "%s", p->key);
}

static void
on_down(struct ctl_south_session *s, void *env_)
{
    struct env *env = env_;

    assert_ptr_equal(s, env->session);
    env->session = NULL;
    env->n_down++;
}

static void
on_applied(struct ctl_south_session *s, const struct ctl_south_report *r,
           void *env_)
{
    struct env *env = env_;

    assert_true(env->n_reports < MAX_REPORTS);
    env->reports[env->n_reports] = *r;
    snprintf(env->errors[env->n_reports], sizeof env->errors[0], "%s",
             r->error);
    env->reports[env->n_reports].error = env->errors[env->n_reports];
    env->n_reports++;
    if (env->apply_from_callback) {
        const struct ctl_flowset *set = env->apply_from_callback;
        char *error = NULL;

        env->apply_from_callback = NULL;
        assert_int_equal(ctl_south_apply(s, set, &error), 0);
        /* The report is still whole. */
        assert_string_equal(r->error, env->errors[env->n_reports - 1]);
    }
}

static void
on_tick(evutil_socket_t fd, short what, void *aux)
{
    (void) fd;
    (void) what;
    (void) aux;
}

/* Runs the loop until '*counter' reaches 'n'. */
static void
run_until(struct env *env, const int *counter, int n)
{
    long long deadline = time_msec() + 5000;

    while (*counter < n) {
        assert_true(time_msec() < deadline);
        event_base_loop(env->sw->base, EVLOOP_ONCE);
        rcu_quiesce();
    }
}

static void
run_for(struct env *env, int ms)
{
    long long deadline = time_msec() + ms;

    while (time_msec() < deadline) {
        event_base_loop(env->sw->base, EVLOOP_ONCE);
        rcu_quiesce();
    }
}

static uint32_t
switch_flow_count(const struct env *env)
{
    uint32_t n = 0;

    for (int t = 0; t < OFPROTO_N_TABLES; t++) {
        n += env->sw->ofproto->tables[t].n_flows;
    }
    return n;
}

static void
add_tunnel(struct env *env)
{
    struct dpif_option options[] = {{"local_ip", "10.0.0.1/24"},
                                    {"uplink", "p2"}};
    char *error = NULL;

    switch_fixture_add_port(env->sw, "pont-tun", "vxlan", 3);
    assert_int_equal(
        ofproto_port_set_tunnel(env->sw->ofproto, 3, options, 2, &error), 0);
}

static int
setup(void **state)
{
    struct ctl_south_callbacks cb = {on_up, on_port, on_down, on_applied};
    struct env *env = xzalloc(sizeof *env);
    struct timeval tick = {0, 10000};
    const char *target;
    char *error = NULL;
    char *listen;

    snprintf(env->dir, sizeof env->dir, "/tmp/ctl-south-XXXXXX");
    assert_non_null(mkdtemp(env->dir));
    snprintf(env->path, sizeof env->path, "%s/ctl.sock", env->dir);

    env->sw = switch_fixture_create();
    switch_fixture_add_port(env->sw, "p1", "dummy", 1);
    switch_fixture_add_port(env->sw, "p2", "dummy", 2);
    add_tunnel(env);
    ofproto_set_host_id(env->sw->ofproto, "host-a");
    assert_int_equal(ofproto_port_set_iface_id(env->sw->ofproto, 1, "acme/vm1"),
                     0);
    env->tick = event_new(env->sw->base, -1, EV_PERSIST, on_tick, NULL);
    event_add(env->tick, &tick);

    listen = xasprintf("punix:%s", env->path);
    env->south =
        ctl_south_create(env->sw->base, listen, NULL, &cb, env, &error);
    free(listen);
    assert_non_null(env->south);
    target = xasprintf("unix:%s", env->path);
    assert_int_equal(
        ofproto_set_controllers(env->sw->ofproto, &target, 1, &error), 0);
    free((char *) target);
    *state = env;
    return 0;
}

static int
teardown(void **state)
{
    struct env *env = *state;

    ctl_south_destroy(env->south);
    event_free(env->tick);
    switch_fixture_destroy(env->sw);
    unlink(env->path);
    rmdir(env->dir);
    free(env);
    return 0;
}

/* Applies 'set', which must parse. */
static void
apply(struct env *env, const struct ctl_flowset *set)
{
    char *error = NULL;

    assert_int_equal(ctl_south_apply(env->session, set, &error), 0);
    assert_null(error);
}

/* Set A: two groups, four flows. */
static void
make_set_a(struct ctl_flowset *set)
{
    ctl_flowset_init(set);
    ctl_flowset_add_group(set, 10,
                          "type=all,bucket=output:p1,bucket=output:p2");
    ctl_flowset_add_group(set, 11, "type=all,bucket=output:p1");
    ctl_flowset_add_flow(set, 0, 100, 0x31,
                         "in_port=p1,dl_src=00:00:00:00:00:01",
                         "set_field:1->reg0,write_metadata:0x1000005,"
                         "goto_table:1");
    ctl_flowset_add_flow(set, 0, 0, 0x10, "", "drop");
    ctl_flowset_add_flow(set, 1, 50, 0x25, "metadata=0x1000005", "group:%d",
                         10);
    ctl_flowset_add_flow(set, 1, 100, 0x32,
                         "metadata=0x1000005,dl_dst=00:00:00:00:00:03",
                         "set_field:5->tun_id,set_field:10.0.0.2->tun_dst,"
                         "output:pont-tun");
}

static void
come_up(struct env *env)
{
    run_until(env, &env->n_up, 1);
    run_for(env, 20);
}

static void
test_pont_switch_reports_identity_and_keys(void **state)
{
    struct env *env = *state;
    const uint8_t *ip = (const uint8_t *) &env->tunnel_ip;

    come_up(env);
    assert_true(env->is_pont);
    assert_string_equal(env->host_id, "host-a");
    assert_string_equal(env->uplink, "p2");
    assert_int_equal(ip[0], 10);
    assert_int_equal(ip[3], 1);
    assert_int_equal(ctl_south_session_dpid(env->session),
                     ofproto_get_datapath_id(env->sw->ofproto));
    assert_ptr_equal(
        ctl_south_find(env->south, ofproto_get_datapath_id(env->sw->ofproto)),
        env->session);
    assert_int_equal(env->n_ports, 3);
    for (int i = 0; i < env->n_ports; i++) {
        assert_string_equal(env->ports[i].key,
                            env->ports[i].port_no == 1 ? "acme/vm1" : "");
    }
}

static void
test_apply_sends_set_then_nothing_then_difference(void **state)
{
    struct env *env = *state;
    struct ctl_south_stats st;
    struct ctl_flowset set;
    const struct ctl_south_report *r;

    come_up(env);
    make_set_a(&set);
    apply(env, &set);
    run_until(env, &env->n_reports, 1);
    r = &env->reports[0];
    assert_int_equal(r->n_flow_adds, 4);
    assert_int_equal(r->n_group_adds, 2);
    assert_int_equal(r->n_msgs, 6 + 3);
    assert_true(r->bundled);
    assert_int_equal(r->n_errors, 0);
    assert_int_equal(switch_flow_count(env), 4);

    /* The same again: nothing sent, no report. */
    apply(env, &set);
    assert_false(ctl_south_session_is_busy(env->session));
    run_for(env, 50);
    assert_int_equal(env->n_reports, 1);
    ctl_south_session_get_stats(env->session, &st);
    assert_int_equal(st.n_noop_syncs, 1);
    assert_int_equal(st.n_msgs, 9);

    /* A changed action (modify), a changed cookie (add), one flow less,
     * group 11 gone, group 10 changed. */
    ctl_flowset_uninit(&set);
    ctl_flowset_init(&set);
    ctl_flowset_add_group(&set, 10, "type=all,bucket=output:p2");
    ctl_flowset_add_flow(&set, 0, 100, 0x31,
                         "in_port=p1,dl_src=00:00:00:00:00:01",
                         "set_field:2->reg0,write_metadata:0x1000005,"
                         "goto_table:1");
    ctl_flowset_add_flow(&set, 0, 0, 0x11, "", "drop");
    ctl_flowset_add_flow(&set, 1, 50, 0x25, "metadata=0x1000005", "group:10");
    apply(env, &set);
    run_until(env, &env->n_reports, 2);
    r = &env->reports[1];
    assert_int_equal(r->n_flow_mods, 1);
    assert_int_equal(r->n_flow_adds, 1);
    assert_int_equal(r->n_flow_dels, 1);
    assert_int_equal(r->n_group_mods, 1);
    assert_int_equal(r->n_group_dels, 1);
    assert_int_equal(r->n_group_adds, 0);
    assert_int_equal(r->n_msgs, 5 + 3);
    assert_int_equal(switch_flow_count(env), 3);
    ctl_flowset_uninit(&set);
}

static void
test_apply_while_in_flight_sends_the_latest(void **state)
{
    struct env *env = *state;
    struct ctl_flowset a, b;

    come_up(env);
    make_set_a(&a);
    ctl_flowset_init(&b);
    ctl_flowset_add_flow(&b, 0, 0, 0x10, "", "drop");
    apply(env, &a);
    apply(env, &b); /* Before A's barrier reply. */
    assert_true(ctl_south_session_is_busy(env->session));
    run_until(env, &env->n_reports, 2);
    assert_int_equal(env->reports[0].n_flow_adds, 4);
    assert_int_equal(env->reports[1].n_flow_dels, 3);
    assert_int_equal(env->reports[1].n_group_dels, 2);
    assert_int_equal(switch_flow_count(env), 1);
    ctl_flowset_uninit(&a);
    ctl_flowset_uninit(&b);
}

static void
test_apply_from_the_applied_callback(void **state)
{
    struct env *env = *state;
    struct ctl_flowset a, b;

    come_up(env);
    make_set_a(&a);
    ctl_flowset_init(&b);
    ctl_flowset_add_flow(&b, 0, 0, 0x10, "", "drop");
    ctl_flowset_add_flow(&b, 0, 1, 0x10, "in_port=p2", "drop");
    env->apply_from_callback = &b;
    apply(env, &a);
    run_until(env, &env->n_reports, 2);
    assert_int_equal(env->reports[1].n_flow_dels, 3);
    assert_int_equal(env->reports[1].n_flow_adds, 1);
    assert_int_equal(switch_flow_count(env), 2);
    assert_false(ctl_south_session_is_busy(env->session));
    ctl_flowset_uninit(&a);
    ctl_flowset_uninit(&b);
}

static void
test_refused_change_is_reported_and_resynced(void **state)
{
    struct env *env = *state;
    struct ctl_south_stats st;
    struct ctl_flowset set;
    const struct ctl_south_report *r;

    come_up(env);
    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 0, 0, 0x10, "", "drop");
    /* The switch has no group 99: it refuses the flow, and the bundle. */
    ctl_flowset_add_flow(&set, 0, 5, 0x10, "in_port=p1", "group:99");
    apply(env, &set);
    run_until(env, &env->n_reports, 1);
    r = &env->reports[0];
    assert_true(r->bundle_refused);
    assert_false(r->bundled);
    assert_int_equal(r->n_errors, 1);
    assert_non_null(strstr(r->error, "flow add"));
    /* The good flow went in plainly; the dump after the error knows. */
    run_for(env, 50);
    ctl_south_session_get_stats(env->session, &st);
    assert_int_equal(st.n_dumps, 2);
    assert_int_equal(st.n_installed_flows, 1);
    assert_int_equal(switch_flow_count(env), 1);
    ctl_flowset_uninit(&set);
}

static void
test_bad_set_is_refused_whole(void **state)
{
    struct env *env = *state;
    struct ctl_flowset set;
    char *error = NULL;

    come_up(env);
    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 0, 0, 0x10, "", "drop");
    ctl_flowset_add_flow(&set, 0, 5, 0x10, "in_port=nosuch", "drop");
    assert_int_equal(ctl_south_apply(env->session, &set, &error), -EINVAL);
    assert_non_null(strstr(error, "nosuch"));
    free(error);
    /* Two texts of one flow. */
    ctl_flowset_uninit(&set);
    ctl_flowset_init(&set);
    ctl_flowset_add_flow(&set, 0, 5, 0x10, "in_port=1", "drop");
    ctl_flowset_add_flow(&set, 0, 5, 0x10, "in_port=p1", "drop");
    error = NULL;
    assert_int_equal(ctl_south_apply(env->session, &set, &error), -EINVAL);
    free(error);
    run_for(env, 50);
    assert_int_equal(env->n_reports, 0);
    assert_int_equal(switch_flow_count(env), 0);
    ctl_flowset_uninit(&set);
}

static void
test_new_port_comes_with_its_key_and_goes(void **state)
{
    struct env *env = *state;
    int events;

    come_up(env);
    events = env->n_port_events;
    switch_fixture_add_port(env->sw, "vm2", "dummy", 7);
    ofproto_port_set_iface_id(env->sw->ofproto, 7, "acme/vm2");
    run_until(env, &env->n_port_events, events + 1);
    assert_int_equal(env->n_ports, 4);
    assert_int_equal(env->ports[3].port_no, 7);
    assert_string_equal(env->ports[3].name, "vm2");
    assert_string_equal(env->ports[3].key, "acme/vm2");
    ofproto_port_del(env->sw->ofproto, 7);
    run_until(env, &env->n_port_events, events + 2);
    assert_int_equal(env->n_ports, 3);
}

static void
test_disconnect_reports_switch_down_and_reconnect_changes_nothing(void **state)
{
    struct env *env = *state;
    struct ctl_south_stats st;
    struct ctl_flowset set;
    const char *target;
    char *error = NULL;

    come_up(env);
    make_set_a(&set);
    apply(env, &set);
    run_until(env, &env->n_reports, 1);
    assert_int_equal(ofproto_set_controllers(env->sw->ofproto, NULL, 0, &error),
                     0);
    run_until(env, &env->n_down, 1);
    assert_null(env->session);

    target = xasprintf("unix:%s", env->path);
    assert_int_equal(
        ofproto_set_controllers(env->sw->ofproto, &target, 1, &error), 0);
    free((char *) target);
    run_until(env, &env->n_up, 2);
    apply(env, &set);
    run_for(env, 50);
    ctl_south_session_get_stats(env->session, &st);
    assert_int_equal(st.n_noop_syncs, 1);
    assert_int_equal(st.n_installed_flows, 4);
    assert_int_equal(st.n_installed_groups, 2);
    assert_int_equal(env->n_reports, 1);
    ctl_flowset_uninit(&set);
}

int
main(void)
{
#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_pont_switch_reports_identity_and_keys),
        T(test_apply_sends_set_then_nothing_then_difference),
        T(test_apply_while_in_flight_sends_the_latest),
        T(test_apply_from_the_applied_callback),
        T(test_refused_change_is_reported_and_resynced),
        T(test_bad_set_is_refused_whole),
        T(test_new_port_comes_with_its_key_and_goes),
        T(test_disconnect_reports_switch_down_and_reconnect_changes_nothing),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
