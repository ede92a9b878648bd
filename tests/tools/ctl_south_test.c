/* ctl-south-test: the controller's southbound (controller/ctl_south.h) as
 * a program that a test drives line by line.
 *
 * usage: ctl-south-test [--no-bundles] [--probe-ms=N] TARGET
 *
 * It listens for switches on TARGET ("tcp:127.0.0.1:0") and prints, one
 * line each, flushed at once:
 *
 *   listening PORT
 *   switch-up dpid=DPID pont=0|1 host=ID tunnel_ip=A.B.C.D uplink=NAME
 *   port-added|port-changed|port-removed dpid=DPID port=N name=NAME key=KEY
 *   switch-down dpid=DPID
 *   applied dpid=DPID seq=N msgs=N flow_adds=N flow_mods=N flow_dels=N
 *       group_adds=N group_mods=N group_dels=N bundled=0|1 refused=0|1
 *       errors=N barrier_us=N error=TEXT
 *
 * and answers commands read from stdin:
 *
 *   apply DPID FILE   Makes FILE the switch's desired flow set: lines as
 *                     ctl_flowset_format() prints them ("group_id=N,SPEC",
 *                     "table=T,priority=P,cookie=0xC[,MATCH],actions=A");
 *                     empty lines and '#' comments are skipped.  Answers
 *                     "apply-ok DPID" or "apply-error DPID TEXT".
 *   stats DPID        "stats dpid=DPID busy=0|1 applies=N syncs=N noop=N
 *                     msgs=N dumps=N flows=N groups=N"
 *   quit              Exits (also at the end of stdin).
 *
 * DPIDs are 16 hexadecimal digits.  Unknown switches and bad commands
 * get "error TEXT". */
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "controller/ctl_flowset.h"
#include "controller/ctl_south.h"
#include "lib/util.h"

struct tool {
    struct event_base *base;
    struct ctl_south *south;
    char line[65536];
    size_t len;
};

static void
on_switch_up(struct ctl_south_session *s, const struct ctl_south_switch *sw,
             void *aux)
{
    const uint8_t *ip = (const uint8_t *) &sw->tunnel_ip;

    (void) s;
    (void) aux;
    printf("switch-up dpid=%016" PRIx64 " pont=%d host=%s tunnel_ip=%u.%u.%u.%u"
           " uplink=%s\n",
           sw->dpid, sw->is_pont, sw->host_id, ip[0], ip[1], ip[2], ip[3],
           sw->uplink);
    fflush(stdout);
}

static void
on_port(struct ctl_south_session *s, enum ctl_south_port_event event,
        const struct ctl_south_port *p, void *aux)
{
    static const char *const names[] = {"port-added", "port-changed",
                                        "port-removed"};

    (void) aux;
    printf("%s dpid=%016" PRIx64 " port=%" PRIu32 " name=%s key=%s\n",
           names[event], ctl_south_session_dpid(s), p->port_no, p->name,
           p->key);
    fflush(stdout);
}

static void
on_switch_down(struct ctl_south_session *s, void *aux)
{
    (void) aux;
    printf("switch-down dpid=%016" PRIx64 "\n", ctl_south_session_dpid(s));
    fflush(stdout);
}

static void
on_applied(struct ctl_south_session *s, const struct ctl_south_report *r,
           void *aux)
{
    (void) aux;
    printf("applied dpid=%016" PRIx64 " seq=%" PRIu64 " msgs=%zu "
           "flow_adds=%zu flow_mods=%zu flow_dels=%zu group_adds=%zu "
           "group_mods=%zu group_dels=%zu bundled=%d refused=%d errors=%d "
           "barrier_us=%lld error=%s\n",
           ctl_south_session_dpid(s), r->apply_seq, r->n_msgs, r->n_flow_adds,
           r->n_flow_mods, r->n_flow_dels, r->n_group_adds, r->n_group_mods,
           r->n_group_dels, r->bundled, r->bundle_refused, r->n_errors,
           r->barrier_us, r->error);
    fflush(stdout);
}

/* Reads "table=T,priority=P,cookie=0xC,[MATCH,]actions=A". */
static int
parse_flow_line(char *line, struct ctl_flowset *set)
{
    unsigned table, priority;
    unsigned long long cookie;
    char *match, *actions;
    int n = 0;

    if (sscanf(line, "table=%u,priority=%u,cookie=%llx,%n", &table, &priority,
               &cookie, &n)
            != 3
        || !n) {
        return -EINVAL;
    }
    match = line + n;
    actions = strstr(match, "actions=");
    if (!actions) {
        return -EINVAL;
    }
    if (actions > match) {
        actions[-1] = '\0'; /* The comma before "actions=". */
    } else {
        match = "";
    }
    ctl_flowset_add_flow(set, table, priority, cookie, match, "%s",
                         actions + strlen("actions="));
    return 0;
}

static int
read_flowset(const char *path, struct ctl_flowset *set)
{
    FILE *f = fopen(path, "r");
    char line[8192];
    int error = 0;

    if (!f) {
        return -errno;
    }
    while (!error && fgets(line, sizeof line, f)) {
        unsigned id;
        int n = 0;

        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#') {
            continue;
        }
        if (sscanf(line, "group_id=%u,%n", &id, &n) == 1 && n) {
            ctl_flowset_add_group(set, id, line + n);
        } else {
            error = parse_flow_line(line, set);
        }
    }
    fclose(f);
    return error;
}

static struct ctl_south_session *
find_session(struct tool *t, const char *dpid_s)
{
    uint64_t dpid = strtoull(dpid_s ? dpid_s : "", NULL, 16);
    struct ctl_south_session *s = ctl_south_find(t->south, dpid);

    if (!s) {
        printf("error no switch %s is up\n", dpid_s ? dpid_s : "(none)");
    }
    return s;
}

static void
cmd_apply(struct tool *t, char *dpid_s, char *path)
{
    struct ctl_south_session *s = find_session(t, dpid_s);
    struct ctl_flowset set;
    char *error = NULL;

    if (!s) {
        return;
    }
    ctl_flowset_init(&set);
    if (!path || read_flowset(path, &set)) {
        printf("apply-error %s cannot read flow set file %s\n", dpid_s,
               path ? path : "(none)");
    } else if (ctl_south_apply(s, &set, &error)) {
        printf("apply-error %s %s\n", dpid_s, error);
        free(error);
    } else {
        printf("apply-ok %s\n", dpid_s);
    }
    ctl_flowset_uninit(&set);
}

static void
cmd_stats(struct tool *t, char *dpid_s)
{
    struct ctl_south_session *s = find_session(t, dpid_s);
    struct ctl_south_stats st;

    if (!s) {
        return;
    }
    ctl_south_session_get_stats(s, &st);
    printf("stats dpid=%s busy=%d applies=%" PRIu64 " syncs=%" PRIu64
           " noop=%" PRIu64 " msgs=%" PRIu64 " dumps=%" PRIu64
           " flows=%zu groups=%zu\n",
           dpid_s, ctl_south_session_is_busy(s), st.n_applies, st.n_syncs,
           st.n_noop_syncs, st.n_msgs, st.n_dumps, st.n_installed_flows,
           st.n_installed_groups);
}

static void
run_command(struct tool *t, char *line)
{
    char *save = NULL;
    char *cmd = strtok_r(line, " \t", &save);
    char *arg1 = strtok_r(NULL, " \t", &save);
    char *arg2 = strtok_r(NULL, " \t", &save);

    if (!cmd) {
        return;
    } else if (!strcmp(cmd, "apply")) {
        cmd_apply(t, arg1, arg2);
    } else if (!strcmp(cmd, "stats")) {
        cmd_stats(t, arg1);
    } else if (!strcmp(cmd, "quit")) {
        event_base_loopbreak(t->base);
    } else {
        printf("error unknown command %s\n", cmd);
    }
    fflush(stdout);
}

static void
on_stdin(evutil_socket_t fd, short what, void *t_)
{
    struct tool *t = t_;
    ssize_t n;
    char *nl;

    (void) what;
    n = read(fd, t->line + t->len, sizeof t->line - 1 - t->len);
    if (n <= 0) {
        event_base_loopbreak(t->base);
        return;
    }
    t->len += n;
    t->line[t->len] = '\0';
    while ((nl = strchr(t->line, '\n'))) {
        *nl = '\0';
        run_command(t, t->line);
        t->len -= nl + 1 - t->line;
        memmove(t->line, nl + 1, t->len + 1);
    }
    if (t->len == sizeof t->line - 1) {
        t->len = 0; /* A line too long for anyone: drop it. */
    }
}

int
main(int argc, char *argv[])
{
    struct ctl_south_callbacks cb = {on_switch_up, on_port, on_switch_down,
                                     on_applied};
    struct ctl_south_options options;
    struct tool t = {0};
    struct event *ev;
    char *error = NULL;
    int c;

    ctl_south_options_init(&options);
    static const struct option long_options[] = {
        {"no-bundles", no_argument, NULL, 'b'},
        {"probe-ms", required_argument, NULL, 'p'},
        {NULL, 0, NULL, 0},
    };
    while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        if (c == 'b') {
            options.use_bundles = false;
        } else if (c == 'p') {
            options.probe_interval_ms = atoi(optarg);
        } else {
            return 2;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "usage: ctl-south-test [--no-bundles] "
                        "[--probe-ms=N] TARGET\n");
        return 2;
    }
    t.base = event_base_new();
    t.south = ctl_south_create(t.base, argv[optind], &options, &cb, &t, &error);
    if (!t.south) {
        fprintf(stderr, "ctl-south-test: %s\n", error);
        return 1;
    }
    printf("listening %d\n", ctl_south_port(t.south));
    fflush(stdout);
    ev = event_new(t.base, STDIN_FILENO, EV_READ | EV_PERSIST, on_stdin, &t);
    event_add(ev, NULL);
    event_base_dispatch(t.base);
    event_free(ev);
    ctl_south_destroy(t.south);
    event_base_free(t.base);
    return 0;
}
