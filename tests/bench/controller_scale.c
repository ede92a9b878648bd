/* controller_scale: pont-controller's scale benchmark.  A benchmark, not a
 * test: it prints figures; it fails only when the controller does not
 * deliver what it should.
 *
 * usage: controller_scale --api http://IP:PORT --switches tcp:IP:PORT
 *            [--ctl-pid PID] [--hosts N] [--ports M] [--tenants T]
 *            [--spread S] [--latency K] [--quiet-ms MS] [--timeout S]
 *
 * Against a running pont-controller with an empty model (the script
 * tests/bench/controller_scale.py starts one), in one event loop:
 *
 * 1. Model: T tenants, one VXLAN network each ("net", 10.0.0.0/16, VNI
 *    6000 + tenant), and M ports through the REST API, one POST at a time.
 *    Port g (0-based) is port "p(j+1)" of tenant "t(k+1)" with k = g % T,
 *    j = g / T, MAC 02:00:00:gg:gg:gg, IP 10.0.0.0 + j + 1, and it lives
 *    on host (k * N / T + j % S) % N: each tenant's ports spread over S
 *    hosts (default N: every tenant on every host).
 * 2. Initial sync: N simulated hosts (controller_scale.h), each with its
 *    ports, connect at once.  Done when every host has answered a barrier,
 *    nothing has reached any host for --quiet-ms, and every host holds as
 *    many flows and groups as GET /v1/hosts/H/flows says it should; the
 *    time is that of the last barrier reply.
 * 3. Latency: K more ports, one at a time: POST, and once it is created
 *    the port appears on its host (PORT_STATUS), as when a VM is plugged;
 *    the time from sending the POST until the host has the port's flows
 *    (exact dl_src and dl_dst on its MAC) and has replied to the barrier
 *    after them.  Then the hosts are checked against the controller again.
 *
 * With --ctl-pid, the controller's CPU time in each phase (from /proc).
 * Output: one line per figure, then one JSON line. */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lib/util.h"
#include "tests/bench/controller_scale.h"

struct options {
    const char *api;
    const char *switches;
    int ctl_pid;
    int n_hosts, n_ports, n_tenants, spread, n_latency;
    int quiet_ms, timeout_s;
};

enum phase { PH_MODEL, PH_CONNECT, PH_LATENCY, PH_FINAL, PH_DONE };

/* CPU seconds at the start of a phase. */
struct cpu_mark {
    double ctl_s, self_s;
};

struct bench {
    struct options o;
    struct event_base *base;
    struct evhttp_connection *http;
    char api_host[64];
    int api_port;
    struct sim_host **hosts;
    enum phase phase;
    int exit_code;

    /* Model. */
    int step;
    long long model_start_us, ports_start_us, model_end_us;

    /* Sync waits (initial and final). */
    struct event *tick;
    long long wait_start_us, sync_end_us;
    int verifying; /* Hosts whose GET is out; -1 when not verifying. */
    int n_mismatch;

    /* Latency. */
    int lat_i;
    long long post_us, created_us;
    struct sim_host *lat_host;
    long long *lat_us, *rest_us;

    struct cpu_mark mark;
    double cpu_ctl[PH_DONE], cpu_self[PH_DONE];
    char json[4096];
    size_t json_len;
};

static void next_step(struct bench *);
static void start_connect(struct bench *);
static void start_latency(struct bench *);
static void latency_next(struct bench *);
static void finish(struct bench *);

static void
fail(struct bench *b, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    fprintf(stderr, "controller_scale: ");
    vfprintf(stderr, fmt, args);
    fprintf(stderr, "\n");
    va_end(args);
    b->exit_code = 1;
    event_base_loopbreak(b->base);
}

static void
json_add(struct bench *b, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(b->json + b->json_len, sizeof b->json - b->json_len, fmt,
                  args);
    va_end(args);
    if (n > 0 && (size_t) n < sizeof b->json - b->json_len) {
        b->json_len += (size_t) n;
    }
}

/* CPU time. */

static double
proc_cpu_s(int pid)
{
    char path[64], line[1024], *p;
    unsigned long long utime, stime;
    FILE *f;

    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    f = fopen(path, "r");
    if (!f) {
        return 0;
    }
    p = fgets(line, sizeof line, f) ? strrchr(line, ')') : NULL;
    fclose(f);
    /* After ")": state, then fields 4..13, then utime (14), stime (15). */
    if (!p
        || sscanf(p + 2,
                  "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
                  "%llu %llu",
                  &utime, &stime)
               != 2) {
        return 0;
    }
    return (double) (utime + stime) / (double) sysconf(_SC_CLK_TCK);
}

static double
self_cpu_s(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
           + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
cpu_mark(struct bench *b)
{
    b->mark.ctl_s = b->o.ctl_pid ? proc_cpu_s(b->o.ctl_pid) : 0;
    b->mark.self_s = self_cpu_s();
}

/* Ends phase 'ph' (started at the last mark) and starts the next. */
static void
cpu_phase_end(struct bench *b, enum phase ph)
{
    struct cpu_mark start = b->mark;

    cpu_mark(b);
    b->cpu_ctl[ph] = b->mark.ctl_s - start.ctl_s;
    b->cpu_self[ph] = b->mark.self_s - start.self_s;
}

static void
print_cpu(const struct bench *b, enum phase ph)
{
    if (b->o.ctl_pid) {
        printf("  CPU: controller %.2f s, simulated hosts %.2f s\n",
               b->cpu_ctl[ph], b->cpu_self[ph]);
    } else {
        printf("  CPU: simulated hosts %.2f s\n", b->cpu_self[ph]);
    }
}

/* The model's objects. */

struct port_def {
    char tenant[16], name[16], key[40];
    int host;
    struct eth_addr mac;
    char mac_s[18], ip_s[16];
};

static void
port_def(const struct bench *b, int g, struct port_def *p)
{
    int k = g % b->o.n_tenants, j = g / b->o.n_tenants;
    int n = b->o.n_hosts;
    uint32_t ip = 0x0a000000u + (uint32_t) j + 1;

    snprintf(p->tenant, sizeof p->tenant, "t%d", k + 1);
    snprintf(p->name, sizeof p->name, "p%d", j + 1);
    snprintf(p->key, sizeof p->key, "%s-%s", p->tenant, p->name);
    p->host =
        (int) (((long long) k * n / b->o.n_tenants + j % b->o.spread) % n);
    memset(&p->mac, 0, sizeof p->mac);
    p->mac.ea[0] = 0x02;
    p->mac.ea[3] = (uint8_t) (g >> 16);
    p->mac.ea[4] = (uint8_t) (g >> 8);
    p->mac.ea[5] = (uint8_t) g;
    snprintf(p->mac_s, sizeof p->mac_s, "02:00:00:%02x:%02x:%02x", p->mac.ea[3],
             p->mac.ea[4], p->mac.ea[5]);
    snprintf(p->ip_s, sizeof p->ip_s, "%u.%u.%u.%u", ip >> 24, ip >> 16 & 255,
             ip >> 8 & 255, ip & 255);
}

/* REST. */

typedef void rest_cb(struct bench *, int status, const char *body, size_t len,
                     void *arg);

struct rest_call {
    struct bench *b;
    rest_cb *cb;
    void *arg;
};

static void
rest_done(struct evhttp_request *req, void *call_)
{
    struct rest_call *call = call_;
    struct evbuffer *in;
    char *body = NULL;
    size_t len = 0;
    int status = 0;

    if (req) {
        status = evhttp_request_get_response_code(req);
        in = evhttp_request_get_input_buffer(req);
        len = evbuffer_get_length(in);
        body = xmalloc(len + 1);
        evbuffer_remove(in, body, len);
        body[len] = '\0';
    }
    call->cb(call->b, status, body ? body : "", len, call->arg);
    free(body);
    free(call);
}

static void
rest(struct bench *b, enum evhttp_cmd_type method, const char *path,
     const char *body, rest_cb *cb, void *arg)
{
    struct rest_call *call = xmalloc(sizeof *call);
    struct evhttp_request *req;
    struct evkeyvalq *headers;

    *call = (struct rest_call){b, cb, arg};
    req = evhttp_request_new(rest_done, call);
    headers = evhttp_request_get_output_headers(req);
    evhttp_add_header(headers, "Host", b->api_host);
    if (body) {
        evhttp_add_header(headers, "Content-Type", "application/json");
        evbuffer_add(evhttp_request_get_output_buffer(req), body, strlen(body));
    }
    if (evhttp_make_request(b->http, req, method, path)) {
        fail(b, "cannot send %s", path);
    }
}

/* Phase 1: the model. */

static void
created(struct bench *b, int status, const char *body, size_t len, void *arg)
{
    (void) len;
    (void) arg;
    if (status != 201) {
        fail(b, "step %d of the model: HTTP %d: %s", b->step, status, body);
        return;
    }
    b->step++;
    next_step(b);
}

static void
next_step(struct bench *b)
{
    int t = b->o.n_tenants, s = b->step;
    char path[128], body[512];

    if (s < t) {
        snprintf(body, sizeof body, "{\"name\": \"t%d\"}", s + 1);
        rest(b, EVHTTP_REQ_POST, "/v1/tenants", body, created, NULL);
    } else if (s < 2 * t) {
        snprintf(path, sizeof path, "/v1/tenants/t%d/networks", s - t + 1);
        snprintf(body, sizeof body,
                 "{\"name\": \"net\", \"cidr\": \"10.0.0.0/16\", "
                 "\"segment\": \"vxlan:%d\"}",
                 6000 + s - t + 1);
        rest(b, EVHTTP_REQ_POST, path, body, created, NULL);
    } else if (s < 2 * t + b->o.n_ports) {
        struct port_def p;

        if (s == 2 * t) {
            b->ports_start_us = sim_now_us();
        }
        port_def(b, s - 2 * t, &p);
        snprintf(path, sizeof path, "/v1/tenants/%s/ports", p.tenant);
        snprintf(body, sizeof body,
                 "{\"name\": \"%s\", \"network\": \"net\", \"mac\": \"%s\", "
                 "\"ips\": [\"%s\"]}",
                 p.name, p.mac_s, p.ip_s);
        rest(b, EVHTTP_REQ_POST, path, body, created, NULL);
    } else {
        double port_s;

        b->model_end_us = sim_now_us();
        cpu_phase_end(b, PH_MODEL);
        port_s = (double) (b->model_end_us - b->ports_start_us) / 1e6;
        printf("1. model through the REST API: %d tenants, %d networks, "
               "%d ports\n",
               t, t, b->o.n_ports);
        printf("  all: %.2f s; the %d port POSTs: %.2f s (%.0f/s, "
               "%.2f ms each)\n",
               (double) (b->model_end_us - b->model_start_us) / 1e6,
               b->o.n_ports, port_s, b->o.n_ports / port_s,
               port_s * 1e3 / b->o.n_ports);
        print_cpu(b, PH_MODEL);
        fflush(stdout);
        json_add(b,
                 "\"model_s\": %.3f, \"port_posts_s\": %.3f, "
                 "\"model_ctl_cpu_s\": %.2f, ",
                 (double) (b->model_end_us - b->model_start_us) / 1e6, port_s,
                 b->cpu_ctl[PH_MODEL]);
        start_connect(b);
    }
}

/* Waiting for the hosts to be in sync (phase 2, and after phase 3). */

static void
totals(const struct bench *b, struct sim_host_stats *t)
{
    memset(t, 0, sizeof *t);
    for (int i = 0; i < b->o.n_hosts; i++) {
        struct sim_host_stats s;

        sim_host_get_stats(b->hosts[i], &s);
        t->n_flows += s.n_flows;
        t->n_groups += s.n_groups;
        t->n_rx_msgs += s.n_rx_msgs;
        t->n_rx_bytes += s.n_rx_bytes;
        t->n_flow_mods += s.n_flow_mods;
        t->n_group_mods += s.n_group_mods;
        t->n_commits += s.n_commits;
        t->n_barriers += s.n_barriers;
        t->n_errors += s.n_errors;
        if (s.last_rx_us > t->last_rx_us) {
            t->last_rx_us = s.last_rx_us;
        }
        if (s.last_barrier_us > t->last_barrier_us) {
            t->last_barrier_us = s.last_barrier_us;
        }
    }
}

static size_t
count_lines(const char *s, const char *prefix)
{
    size_t n = 0, len = strlen(prefix);

    for (const char *p = s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
        n += !strncmp(p, prefix, len);
    }
    return n;
}

static void synced(struct bench *);

static void
verified_one(struct bench *b, int status, const char *body, size_t len,
             void *host_)
{
    struct sim_host *h = host_;
    struct sim_host_stats s;
    size_t flows, groups;

    (void) len;
    if (status != 200) {
        fail(b, "GET flows: HTTP %d: %s", status, body);
        return;
    }
    flows = count_lines(body, "table=");
    groups = count_lines(body, "group_id=");
    sim_host_get_stats(h, &s);
    if (s.n_flows != flows || s.n_groups != groups) {
        if (b->n_mismatch++ < 5) {
            fprintf(stderr,
                    "  (a host holds %zu flows and %zu groups, the "
                    "controller wants %zu and %zu: waiting)\n",
                    s.n_flows, s.n_groups, flows, groups);
        }
    }
    if (--b->verifying == 0) {
        b->verifying = -1;
        if (b->n_mismatch) {
            return; /* The tick goes on waiting. */
        }
        synced(b);
    }
}

static void
verify(struct bench *b)
{
    b->verifying = b->o.n_hosts;
    b->n_mismatch = 0;
    for (int i = 0; i < b->o.n_hosts; i++) {
        char path[64];

        snprintf(path, sizeof path, "/v1/hosts/sim%d/flows", i + 1);
        rest(b, EVHTTP_REQ_GET, path, NULL, verified_one, b->hosts[i]);
    }
}

/* Every 50 ms while waiting for the hosts to be in sync. */
static void
tick_cb(evutil_socket_t fd, short what, void *b_)
{
    struct bench *b = b_;
    long long now = sim_now_us();
    struct sim_host_stats t;

    (void) fd;
    (void) what;
    if (now - b->wait_start_us > b->o.timeout_s * 1000000LL) {
        fail(b, "the hosts were not in sync after %d s", b->o.timeout_s);
        return;
    }
    if (b->verifying >= 0) {
        return;
    }
    for (int i = 0; i < b->o.n_hosts; i++) {
        struct sim_host_stats s;

        sim_host_get_stats(b->hosts[i], &s);
        if (!s.connected || !s.n_barriers) {
            return;
        }
    }
    totals(b, &t);
    if (now - t.last_rx_us >= b->o.quiet_ms * 1000LL) {
        b->sync_end_us = t.last_barrier_us;
        verify(b);
    }
}

static void
start_wait(struct bench *b)
{
    struct timeval tv = {0, 50000};

    b->wait_start_us = sim_now_us();
    b->verifying = -1;
    event_add(b->tick, &tv);
}

static void
print_totals(const struct bench *b)
{
    struct sim_host_stats t;

    totals(b, &t);
    printf("  hosts hold %zu flows and %zu groups (%.0f flows per host); "
           "they received %" PRIu64 " messages, %.1f MB (%" PRIu64
           " flow mods, %" PRIu64 " group mods, %" PRIu64 " bundles, %" PRIu64
           " barriers); %" PRIu64 " errors sent\n",
           t.n_flows, t.n_groups, (double) t.n_flows / b->o.n_hosts,
           t.n_rx_msgs, t.n_rx_bytes / 1e6, t.n_flow_mods, t.n_group_mods,
           t.n_commits, t.n_barriers, t.n_errors);
}

static void
synced(struct bench *b)
{
    struct sim_host_stats t;

    event_del(b->tick);
    totals(b, &t);
    if (b->phase == PH_CONNECT) {
        double s = (double) (b->sync_end_us - b->wait_start_us) / 1e6;

        cpu_phase_end(b, PH_CONNECT);
        printf("2. %d hosts connect at once: every host has its full flow "
               "set, barrier replied, after %.2f s\n",
               b->o.n_hosts, s);
        print_totals(b);
        printf("  every host holds as many flows and groups as "
               "GET /v1/hosts/H/flows lists\n");
        print_cpu(b, PH_CONNECT);
        fflush(stdout);
        json_add(b,
                 "\"connect_s\": %.3f, \"flows\": %zu, \"groups\": %zu, "
                 "\"msgs\": %" PRIu64 ", \"bytes\": %" PRIu64 ", "
                 "\"connect_ctl_cpu_s\": %.2f, ",
                 s, t.n_flows, t.n_groups, t.n_rx_msgs, t.n_rx_bytes,
                 b->cpu_ctl[PH_CONNECT]);
        start_latency(b);
    } else {
        finish(b);
    }
}

/* Phase 2. */

static void
on_barrier(struct sim_host *h, void *b_)
{
    struct bench *b = b_;
    long long now;

    if (b->phase != PH_LATENCY || h != b->lat_host || !sim_host_watch_done(h)) {
        return;
    }
    now = sim_now_us();
    b->lat_us[b->lat_i] = now - b->post_us;
    b->rest_us[b->lat_i] = b->created_us - b->post_us;
    b->lat_host = NULL;
    b->lat_i++;
    latency_next(b);
}

static void
start_connect(struct bench *b)
{
    static const struct sim_host_events events = {.barrier = on_barrier};

    b->phase = PH_CONNECT;
    b->hosts = xzalloc(b->o.n_hosts * sizeof *b->hosts);
    for (int i = 0; i < b->o.n_hosts; i++) {
        b->hosts[i] = sim_host_create(b->base, i, &events, b);
    }
    for (int g = 0; g < b->o.n_ports; g++) {
        struct port_def p;

        port_def(b, g, &p);
        sim_host_add_port(b->hosts[p.host], p.key);
    }
    for (int i = 0; i < b->o.n_hosts; i++) {
        char *error = NULL;

        if (sim_host_connect(b->hosts[i], b->o.switches, &error)) {
            fail(b, "%s", error);
            free(error);
            return;
        }
    }
    start_wait(b);
}

/* Phase 3. */

static void
port_created(struct bench *b, int status, const char *body, size_t len,
             void *arg)
{
    struct port_def p;

    (void) len;
    (void) arg;
    if (status != 201) {
        fail(b, "port add %d: HTTP %d: %s", b->lat_i, status, body);
        return;
    }
    b->created_us = sim_now_us();
    port_def(b, b->o.n_ports + b->lat_i, &p);
    b->lat_host = b->hosts[p.host];
    sim_host_watch(b->lat_host, &p.mac);
    sim_host_add_port(b->lat_host, p.key);
}

static void
latency_next(struct bench *b)
{
    char path[128], body[512];
    struct port_def p;

    if (b->lat_i >= b->o.n_latency) {
        cpu_phase_end(b, PH_LATENCY);
        b->phase = PH_FINAL;
        start_wait(b);
        return;
    }
    port_def(b, b->o.n_ports + b->lat_i, &p);
    snprintf(path, sizeof path, "/v1/tenants/%s/ports", p.tenant);
    snprintf(body, sizeof body,
             "{\"name\": \"%s\", \"network\": \"net\", \"mac\": \"%s\", "
             "\"ips\": [\"%s\"]}",
             p.name, p.mac_s, p.ip_s);
    b->post_us = sim_now_us();
    rest(b, EVHTTP_REQ_POST, path, body, port_created, NULL);
}

static void
start_latency(struct bench *b)
{
    b->phase = PH_LATENCY;
    b->lat_i = 0;
    if (b->o.n_latency) {
        b->lat_us = xzalloc(b->o.n_latency * sizeof *b->lat_us);
        b->rest_us = xzalloc(b->o.n_latency * sizeof *b->rest_us);
    }
    latency_next(b);
}

static int
cmp_ll(const void *a_, const void *b_)
{
    long long a = *(const long long *) a_, b = *(const long long *) b_;

    return a < b ? -1 : a > b;
}

/* Nearest-rank percentile of the sorted 'v' of 'n', in ms. */
static double
pct_ms(const long long *v, int n, double q)
{
    int rank = (int) (q * n + 0.999999);

    return v[rank < 1 ? 0 : rank > n ? n - 1 : rank - 1] / 1e3;
}

static void
finish(struct bench *b)
{
    int k = b->o.n_latency;

    b->phase = PH_DONE;
    if (k) {
        qsort(b->lat_us, (size_t) k, sizeof *b->lat_us, cmp_ll);
        qsort(b->rest_us, (size_t) k, sizeof *b->rest_us, cmp_ll);
        printf("3. %d port adds, one at a time: POST sent -> the port's "
               "flows on its host, barrier replied\n",
               k);
        printf("  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms "
               "(of which the POST's answer: p50 %.1f ms, max %.1f ms)\n",
               pct_ms(b->lat_us, k, .5), pct_ms(b->lat_us, k, .9),
               pct_ms(b->lat_us, k, .99), b->lat_us[k - 1] / 1e3,
               pct_ms(b->rest_us, k, .5), b->rest_us[k - 1] / 1e3);
        print_cpu(b, PH_LATENCY);
        json_add(b,
                 "\"latency_ms\": {\"p50\": %.2f, \"p90\": %.2f, "
                 "\"p99\": %.2f, \"max\": %.2f}, \"latency_ctl_cpu_s\": %.2f, ",
                 pct_ms(b->lat_us, k, .5), pct_ms(b->lat_us, k, .9),
                 pct_ms(b->lat_us, k, .99), b->lat_us[k - 1] / 1e3,
                 b->cpu_ctl[PH_LATENCY]);
    }
    printf("  after them, every host again holds as many flows and groups "
           "as GET /v1/hosts/H/flows lists\n");
    print_totals(b);
    printf("{\"bench\": \"controller_scale\", \"hosts\": %d, \"ports\": %d, "
           "\"tenants\": %d, \"spread\": %d, \"latency_ports\": %d, %s"
           "\"cpus\": %ld}\n",
           b->o.n_hosts, b->o.n_ports, b->o.n_tenants, b->o.spread, k, b->json,
           sysconf(_SC_NPROCESSORS_ONLN));
    fflush(stdout);
    event_base_loopbreak(b->base);
}

/* Options and main. */

static void
usage(void)
{
    printf("usage: controller_scale --api http://IP:PORT --switches "
           "tcp:IP:PORT\n"
           "         [--ctl-pid PID] [--hosts N] [--ports M] [--tenants T]\n"
           "         [--spread S] [--latency K] [--quiet-ms MS] "
           "[--timeout S]\n"
           "Defaults: 100 hosts, 10000 ports, 100 tenants, spread = hosts,\n"
           "200 latency ports, quiet 1000 ms, timeout 600 s.\n");
    exit(0);
}

static int
int_arg(const char *name, const char *s, int min)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*end || v < min || v > 1000000) {
        fprintf(stderr,
                "controller_scale: %s: %s is not a number from %d "
                "to 1000000\n",
                name, s, min);
        exit(2);
    }
    return (int) v;
}

static void
parse_options(int argc, char *argv[], struct options *o)
{
    static const struct option longs[] = {
        {"api", required_argument, NULL, 'a'},
        {"switches", required_argument, NULL, 's'},
        {"ctl-pid", required_argument, NULL, 'p'},
        {"hosts", required_argument, NULL, 'n'},
        {"ports", required_argument, NULL, 'm'},
        {"tenants", required_argument, NULL, 't'},
        {"spread", required_argument, NULL, 'S'},
        {"latency", required_argument, NULL, 'k'},
        {"quiet-ms", required_argument, NULL, 'q'},
        {"timeout", required_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;

    *o = (struct options){.n_hosts = 100,
                          .n_ports = 10000,
                          .n_tenants = 100,
                          .n_latency = 200,
                          .quiet_ms = 1000,
                          .timeout_s = 600};
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'a':
            o->api = optarg;
            break;
        case 's':
            o->switches = optarg;
            break;
        case 'p':
            o->ctl_pid = int_arg("--ctl-pid", optarg, 1);
            break;
        case 'n':
            o->n_hosts = int_arg("--hosts", optarg, 1);
            break;
        case 'm':
            o->n_ports = int_arg("--ports", optarg, 0);
            break;
        case 't':
            o->n_tenants = int_arg("--tenants", optarg, 1);
            break;
        case 'S':
            o->spread = int_arg("--spread", optarg, 0);
            break;
        case 'k':
            o->n_latency = int_arg("--latency", optarg, 0);
            break;
        case 'q':
            o->quiet_ms = int_arg("--quiet-ms", optarg, 1);
            break;
        case 'T':
            o->timeout_s = int_arg("--timeout", optarg, 1);
            break;
        case 'h':
            usage();
            break;
        default:
            exit(2);
        }
    }
    if (!o->api || !o->switches) {
        fprintf(stderr, "controller_scale: --api and --switches are "
                        "required (--help)\n");
        exit(2);
    }
    if (!o->spread || o->spread > o->n_hosts) {
        o->spread = o->n_hosts;
    }
    if ((o->n_ports + o->n_latency) / o->n_tenants > 65000
        || o->n_ports + o->n_latency >= 1 << 24) {
        fprintf(stderr, "controller_scale: too many ports per tenant\n");
        exit(2);
    }
}

int
main(int argc, char *argv[])
{
    struct bench b;

    memset(&b, 0, sizeof b);
    parse_options(argc, argv, &b.o);
    if (sscanf(b.o.api, "http://%63[^:]:%d", b.api_host, &b.api_port) != 2) {
        fprintf(stderr,
                "controller_scale: --api %s: expected "
                "http://IP:PORT\n",
                b.o.api);
        return 2;
    }
    b.base = event_base_new();
    b.http = evhttp_connection_base_new(b.base, NULL, b.api_host,
                                        (uint16_t) b.api_port);
    evhttp_connection_set_retries(b.http, 3);
    evhttp_connection_set_timeout(b.http, 600);
    b.tick = event_new(b.base, -1, EV_PERSIST, tick_cb, &b);
    b.verifying = -1;

    printf("pont-controller scale: %d hosts, %d ports, %d tenants (each "
           "on %d hosts), %d latency ports; %ld CPUs\n",
           b.o.n_hosts, b.o.n_ports, b.o.n_tenants, b.o.spread, b.o.n_latency,
           sysconf(_SC_NPROCESSORS_ONLN));
    fflush(stdout);
    b.model_start_us = sim_now_us();
    cpu_mark(&b);
    next_step(&b);
    event_base_dispatch(b.base);

    if (b.phase != PH_DONE && !b.exit_code) {
        fprintf(stderr, "controller_scale: stopped early\n");
        b.exit_code = 1;
    }
    for (int i = 0; b.hosts && i < b.o.n_hosts; i++) {
        sim_host_destroy(b.hosts[i]);
    }
    free(b.hosts);
    free(b.lat_us);
    free(b.rest_us);
    event_free(b.tick);
    evhttp_connection_free(b.http);
    event_base_free(b.base);
    return b.exit_code;
}
