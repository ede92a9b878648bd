/* pont-vguest: options, EAL and ports, and main().
 *
 * Usage: pont-vguest EAL-ARGS -- OPTIONS (see usage() and README.md).
 *
 * The tool adds its virtio_user devices itself after rte_eal_init().  In
 * server mode the driver blocks in accept() while the device is probed, until
 * the switch connects: an interval timer (SIGALRM) interrupts it when
 * --wait-link runs out, and SIGINT/SIGTERM interrupt it too.  For that the
 * signals must reach the main thread, so they are blocked while the EAL
 * creates its threads (which inherit the mask) and unblocked afterwards. */
#include "pont_vguest.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include "lib/util.h"

#define POOL_MBUFS 16383
#define POOL_CACHE 256
#define MAX_LOOP_FRAMES 8192 /* Frames in flight in loop mode, both ports. */
#define LOOP_DEFAULT_DURATION_S 10.0
#define MAX_SOCK_PATH 107 /* sizeof sockaddr_un.sun_path, minus the NUL. */

volatile sig_atomic_t vguest_stop;

static void
usage(FILE *out)
{
    fprintf(
        out,
        "usage: pont-vguest EAL-ARGS -- [OPTIONS]\n"
        "Port options:\n"
        "  --sock PATH         vhost-user socket (twice with --loop)\n"
        "  --server            be the vhost-user server (switch connects)\n"
        "  --mac MAC           port MAC (default 52:54:00:00:00:0N)\n"
        "  --queues N          queue pairs per port (default 1); --send\n"
        "                      sends its bursts on the queues in turn\n"
        "  --wait-link SECS    give up if the link is not up by then (30)\n"
        "  --progress          print 't=SECS sent=N received=M' each second\n"
        "Send/capture mode (one --sock):\n"
        "  --send FILE.pcap    frames to send, in order\n"
        "  --repeat N          send the file N times (1; 0 = until stopped)\n"
        "  --pps N             send at most N frames/s (0 = no limit)\n"
        "  --capture FILE.pcap write every received frame\n"
        "  --duration SECS     run this long after link up, then exit\n"
        "  --linger SECS       receive this long after the last frame (1)\n"
        "  --delay SECS        start sending (or, with --loop, injecting)\n"
        "                      this long after link up (0)\n"
        "Loop mode (--loop, two --sock):\n"
        "  --burst N --bursts N  frames injected per port: N x N (32 x 8)\n"
        "  --size BYTES        frame size without FCS, 64..1518 (64)\n"
        "  --flows N           distinct UDP/IPv4 5-tuples (1)\n"
        "  --duration SECS     run time (10); --warmup SECS excluded (2)\n");
}

static int
parse_u64(const char *opt, const char *s, uint64_t min, uint64_t max,
          uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < min || v > max) {
        fprintf(stderr,
                "pont-vguest: --%s: \"%s\" is not an integer between %llu "
                "and %llu\n",
                opt, s, (unsigned long long) min, (unsigned long long) max);
        return -1;
    }
    *out = v;
    return 0;
}

static int
parse_uint(const char *opt, const char *s, unsigned int min, unsigned int max,
           unsigned int *out)
{
    uint64_t v;

    if (parse_u64(opt, s, min, max, &v)) {
        return -1;
    }
    *out = (unsigned int) v;
    return 0;
}

static int
parse_secs(const char *opt, const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0 && v < 1e7)) {
        fprintf(stderr,
                "pont-vguest: --%s: \"%s\" is not a number of seconds\n", opt,
                s);
        return -1;
    }
    *out = v;
    return 0;
}

enum {
    OPT_SOCK = 256,
    OPT_SERVER,
    OPT_MAC,
    OPT_QUEUES,
    OPT_WAIT_LINK,
    OPT_PROGRESS,
    OPT_SEND,
    OPT_REPEAT,
    OPT_PPS,
    OPT_CAPTURE,
    OPT_DURATION,
    OPT_LINGER,
    OPT_DELAY,
    OPT_LOOP,
    OPT_BURST,
    OPT_BURSTS,
    OPT_SIZE,
    OPT_FLOWS,
    OPT_WARMUP,
    OPT_HELP,
};

static const struct option long_options[] = {
    {"sock", required_argument, NULL, OPT_SOCK},
    {"server", no_argument, NULL, OPT_SERVER},
    {"mac", required_argument, NULL, OPT_MAC},
    {"queues", required_argument, NULL, OPT_QUEUES},
    {"wait-link", required_argument, NULL, OPT_WAIT_LINK},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"send", required_argument, NULL, OPT_SEND},
    {"repeat", required_argument, NULL, OPT_REPEAT},
    {"pps", required_argument, NULL, OPT_PPS},
    {"capture", required_argument, NULL, OPT_CAPTURE},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"linger", required_argument, NULL, OPT_LINGER},
    {"delay", required_argument, NULL, OPT_DELAY},
    {"loop", no_argument, NULL, OPT_LOOP},
    {"burst", required_argument, NULL, OPT_BURST},
    {"bursts", required_argument, NULL, OPT_BURSTS},
    {"size", required_argument, NULL, OPT_SIZE},
    {"flows", required_argument, NULL, OPT_FLOWS},
    {"warmup", required_argument, NULL, OPT_WARMUP},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static void
set_defaults(struct vguest_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < VGUEST_MAX_PORTS; i++) {
        struct rte_ether_addr mac = {{0x52, 0x54, 0, 0, 0, i + 1}};
        o->macs[i] = mac;
    }
    o->queues = 1;
    o->wait_link_s = 30;
    o->repeat = 1;
    o->duration_s = -1;
    o->linger_s = 1;
    o->burst = 32;
    o->bursts = 8;
    o->size = 64;
    o->flows = 1;
    o->warmup_s = 2;
}

static int
add_sock(struct vguest_opts *o, const char *path)
{
    if (o->n_socks == VGUEST_MAX_PORTS) {
        fprintf(stderr, "pont-vguest: at most %d --sock options\n",
                VGUEST_MAX_PORTS);
        return -1;
    }
    /* The path goes into a devargs string, where a comma would split it. */
    if (strchr(path, ',') || strlen(path) > MAX_SOCK_PATH) {
        fprintf(stderr,
                "pont-vguest: --sock \"%s\": a socket path must have no "
                "comma and at most %d bytes\n",
                path, MAX_SOCK_PATH);
        return -1;
    }
    o->socks[o->n_socks++] = path;
    return 0;
}

static int
add_mac(struct vguest_opts *o, const char *s, int *n_macs)
{
    if (*n_macs == VGUEST_MAX_PORTS) {
        fprintf(stderr, "pont-vguest: at most %d --mac options\n",
                VGUEST_MAX_PORTS);
        return -1;
    }
    if (rte_ether_unformat_addr(s, &o->macs[*n_macs])) {
        fprintf(stderr, "pont-vguest: --mac \"%s\" is not a MAC address\n", s);
        return -1;
    }
    ++*n_macs;
    return 0;
}

/* Handles one option.  Returns 0, or -1 after printing why it is wrong. */
static int
parse_option(struct vguest_opts *o, int opt, const char *arg, int *n_macs)
{
    uint64_t u;

    switch (opt) {
    case OPT_SOCK:
        return add_sock(o, arg);
    case OPT_SERVER:
        o->server = true;
        return 0;
    case OPT_MAC:
        return add_mac(o, arg, n_macs);
    case OPT_QUEUES:
        if (parse_u64("queues", arg, 1, VGUEST_MAX_QUEUES, &u)) {
            return -1;
        }
        o->queues = (uint16_t) u;
        return 0;
    case OPT_WAIT_LINK:
        return parse_secs("wait-link", arg, &o->wait_link_s);
    case OPT_PROGRESS:
        o->progress = true;
        return 0;
    case OPT_SEND:
        o->send_path = arg;
        return 0;
    case OPT_REPEAT:
        return parse_u64("repeat", arg, 0, UINT64_MAX, &o->repeat);
    case OPT_PPS:
        return parse_u64("pps", arg, 0, 1000000000, &o->pps);
    case OPT_CAPTURE:
        o->capture_path = arg;
        return 0;
    case OPT_DURATION:
        return parse_secs("duration", arg, &o->duration_s);
    case OPT_LINGER:
        return parse_secs("linger", arg, &o->linger_s);
    case OPT_DELAY:
        return parse_secs("delay", arg, &o->delay_s);
    case OPT_LOOP:
        o->loop = true;
        return 0;
    case OPT_BURST:
        return parse_uint("burst", arg, 1, VGUEST_MAX_LOOP_BURST, &o->burst);
    case OPT_BURSTS:
        return parse_uint("bursts", arg, 1, 1 << 16, &o->bursts);
    case OPT_SIZE:
        return parse_uint("size", arg, 64, 1518, &o->size);
    case OPT_FLOWS:
        return parse_uint("flows", arg, 1, 65536, &o->flows);
    case OPT_WARMUP:
        return parse_secs("warmup", arg, &o->warmup_s);
    case OPT_HELP:
        usage(stdout);
        exit(0);
    default:
        usage(stderr);
        return -1;
    }
}

/* Checks the options that only make sense together. */
static int
check_options(struct vguest_opts *o)
{
    int want_socks = o->loop ? 2 : 1;

    if (o->n_socks != want_socks) {
        fprintf(stderr, "pont-vguest: give --sock %s\n",
                o->loop ? "twice with --loop" : "once (twice with --loop)");
        return -1;
    }
    if (!o->loop) {
        return 0;
    }
    if (o->send_path || o->capture_path) {
        fprintf(stderr, "pont-vguest: --send and --capture do not apply to "
                        "--loop\n");
        return -1;
    }
    if ((uint64_t) o->burst * o->bursts * 2 > MAX_LOOP_FRAMES) {
        fprintf(stderr,
                "pont-vguest: --burst x --bursts x 2 ports must be at most "
                "%d frames\n",
                MAX_LOOP_FRAMES);
        return -1;
    }
    if (o->duration_s < 0) {
        o->duration_s = LOOP_DEFAULT_DURATION_S;
    }
    if (o->duration_s <= o->warmup_s) {
        fprintf(stderr,
                "pont-vguest: --duration must be longer than "
                "--warmup (%g s)\n",
                o->warmup_s);
        return -1;
    }
    return 0;
}

static int
parse_options(struct vguest_opts *o, int argc, char **argv)
{
    int n_macs = 0;
    int opt;

    set_defaults(o);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        if (parse_option(o, opt, optarg, &n_macs)) {
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "pont-vguest: unexpected argument \"%s\"\n",
                argv[optind]);
        return -1;
    }
    if (n_macs > o->n_socks) {
        fprintf(stderr, "pont-vguest: more --mac than --sock options\n");
        return -1;
    }
    return check_options(o);
}

static double
now_s(void)
{
    return time_msec() / 1000.0;
}

static void
on_stop_signal(int sig)
{
    (void) sig;
    vguest_stop = 1;
}

static void
on_alarm(int sig)
{
    /* Nothing to do: the signal exists to interrupt a blocking accept(). */
    (void) sig;
}

/* Installs the handlers without SA_RESTART, so that a signal makes blocking
 * system calls of the main thread fail with EINTR. */
static void
install_signal_handlers(void)
{
    struct sigaction sa = {.sa_handler = on_stop_signal};

    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
}

static void
mask_signals(int how)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGALRM);
    pthread_sigmask(how, &set, NULL);
}

/* Arms a one-shot SIGALRM 'secs' from now (0 disarms). */
static void
arm_alarm(double secs)
{
    struct itimerval it = {0};

    if (secs > 0) {
        it.it_value.tv_sec = (time_t) secs;
        it.it_value.tv_usec = (suseconds_t) ((secs - (time_t) secs) * 1e6);
        if (!it.it_value.tv_sec && !it.it_value.tv_usec) {
            it.it_value.tv_usec = 1;
        }
    }
    setitimer(ITIMER_REAL, &it, NULL);
}

static void
sleep_s(double secs)
{
    struct timespec ts = {
        .tv_sec = (time_t) secs,
        .tv_nsec = (long) ((secs - (time_t) secs) * 1e9),
    };

    nanosleep(&ts, NULL);
}

static bool
is_socket(const char *path)
{
    struct stat st;

    return !stat(path, &st) && S_ISSOCK(st.st_mode);
}

static void
vdev_name(int idx, char *name, size_t size)
{
    snprintf(name, size, "net_virtio_user%d", idx);
}

static void
report_vdev_error(const struct vguest_opts *o, const char *sock, bool timed_out)
{
    const char *why;

    if (vguest_stop) {
        why = "stopped while waiting for the switch";
    } else if (!timed_out) {
        why = "cannot create the port (see DPDK's messages above)";
    } else if (o->server) {
        why = "no switch connected within --wait-link: is it running, with "
              "this socket as a vhost-user client?";
    } else {
        why = "could not connect within --wait-link: is the switch running, "
              "with this socket as a vhost-user server?";
    }
    fprintf(stderr, "pont-vguest: %s: %s\n", sock, why);
}

/* Adds the virtio_user device for port 'idx'.  As a server, the driver
 * waits in accept() for the switch; as a client it fails at once if the
 * switch is not listening yet, so retry until 'deadline'. */
static int
add_vdev(const struct vguest_opts *o, int idx, double deadline)
{
    char name[32], args[MAX_SOCK_PATH + 128], mac[RTE_ETHER_ADDR_FMT_SIZE];
    const char *sock = o->socks[idx];
    int error;

    vdev_name(idx, name, sizeof name);
    rte_ether_format_addr(mac, sizeof mac, &o->macs[idx]);
    snprintf(args, sizeof args, "path=%s,server=%d,queues=%u,mac=%s", sock,
             o->server, o->queues, mac);

    if (o->server) {
        if (is_socket(sock)) {
            unlink(sock); /* Left by an earlier run: bind() would fail. */
        }
        arm_alarm(deadline - now_s());
        error = deadline > now_s() && !vguest_stop
                    ? rte_eal_hotplug_add("vdev", name, args)
                    : -ETIMEDOUT;
        arm_alarm(0);
    } else {
        do {
            error = is_socket(sock) ? rte_eal_hotplug_add("vdev", name, args)
                                    : -ENOENT;
            if (error && !vguest_stop) {
                sleep_s(0.1);
            }
        } while (error && !vguest_stop && now_s() < deadline);
    }
    if (error) {
        report_vdev_error(o, sock, now_s() >= deadline);
        return -1;
    }
    return 0;
}

/* Whether the port can report link changes by interrupt.  virtio_user in
 * server mode registers a link interrupt callback of its own when the switch
 * disconnects, and in DPDK 22.11 only unregisters it at close when link
 * interrupts were enabled: otherwise the EAL interrupt thread later polls
 * the closed socket and panics.  So enable them whenever they exist. */
static bool
supports_lsc(uint16_t port_id)
{
    struct rte_eth_dev_info info;

    return !rte_eth_dev_info_get(port_id, &info) && info.dev_flags
           && (*info.dev_flags & RTE_ETH_DEV_INTR_LSC);
}

static int
start_port(const struct vguest_opts *o, int idx, struct rte_mempool *pool,
           struct vguest_port *port)
{
    struct rte_eth_conf conf = {0};
    char name[32];
    int error;

    vdev_name(idx, name, sizeof name);
    error = rte_eth_dev_get_port_by_name(name, &port->port_id);
    port->n_queues = o->queues;
    port->mac = o->macs[idx];
    if (!error) {
        conf.intr_conf.lsc = supports_lsc(port->port_id);
        error =
            rte_eth_dev_configure(port->port_id, o->queues, o->queues, &conf);
    }
    for (uint16_t q = 0; !error && q < o->queues; q++) {
        int socket = rte_eth_dev_socket_id(port->port_id);

        error = rte_eth_rx_queue_setup(port->port_id, q, 0, socket, NULL, pool);
        if (!error) {
            error = rte_eth_tx_queue_setup(port->port_id, q, 0, socket, NULL);
        }
    }
    if (!error) {
        error = rte_eth_dev_start(port->port_id);
    }
    if (error) {
        fprintf(stderr, "pont-vguest: cannot start the port on %s: %s\n",
                o->socks[idx], rte_strerror(-error));
        return -1;
    }
    return 0;
}

static bool
link_up(uint16_t port_id)
{
    struct rte_eth_link link;

    return !rte_eth_link_get_nowait(port_id, &link)
           && link.link_status == RTE_ETH_LINK_UP;
}

void
vguest_poll_links(const struct vguest_port *ports, int n_ports)
{
    for (int i = 0; i < n_ports; i++) {
        link_up(ports[i].port_id);
    }
}

static int
wait_link(const struct vguest_opts *o, int idx, uint16_t port_id,
          double deadline)
{
    while (!link_up(port_id)) {
        if (vguest_stop || now_s() >= deadline) {
            fprintf(stderr, "pont-vguest: the link on %s %s\n", o->socks[idx],
                    vguest_stop ? "was not up yet when stopped"
                                : "did not come up within --wait-link");
            return -1;
        }
        sleep_s(0.01);
    }
    return 0;
}

/* Adds and starts every port and waits for their links.  Returns the number
 * of devices added (to remove on exit) in '*n_added', and 0 or -1. */
static int
setup_ports(const struct vguest_opts *o, struct rte_mempool *pool,
            struct vguest_port *ports, int *n_added)
{
    double deadline = now_s() + o->wait_link_s;

    *n_added = 0;
    for (int i = 0; i < o->n_socks; i++) {
        if (add_vdev(o, i, deadline)) {
            return -1;
        }
        ++*n_added;
        if (start_port(o, i, pool, &ports[i])) {
            return -1;
        }
    }
    for (int i = 0; i < o->n_socks; i++) {
        if (wait_link(o, i, ports[i].port_id, deadline)) {
            return -1;
        }
    }
    return 0;
}

static void
remove_ports(const struct vguest_opts *o, int n_added)
{
    for (int i = n_added - 1; i >= 0; i--) {
        char name[32];
        uint16_t port_id;

        vdev_name(i, name, sizeof name);
        if (!rte_eth_dev_get_port_by_name(name, &port_id)) {
            rte_eth_dev_stop(port_id);
            rte_eth_dev_close(port_id);
        }
        rte_eal_hotplug_remove("vdev", name);
        if (o->server && is_socket(o->socks[i])) {
            unlink(o->socks[i]);
        }
    }
}

static int
run(const struct vguest_opts *o)
{
    struct vguest_port ports[VGUEST_MAX_PORTS];
    struct vguest_send *send = NULL;
    struct rte_mempool *pool;
    double start = now_s();
    int n_added = 0, result = -1;

    if (!o->loop) {
        send = vguest_send_create(o);
        if (!send) {
            return -1;
        }
    }
    pool = rte_pktmbuf_pool_create("vguest", POOL_MBUFS, POOL_CACHE, 0,
                                   RTE_MBUF_DEFAULT_BUF_SIZE, rte_socket_id());
    if (!pool) {
        fprintf(stderr,
                "pont-vguest: cannot create the packet pool (%s): give the "
                "EAL more memory (-m)\n",
                rte_strerror(rte_errno));
    } else if (!setup_ports(o, pool, ports, &n_added)) {
        result = o->loop ? vguest_run_loop(o, ports, pool)
                         : vguest_send_run(send, ports, pool, now_s() - start);
    }
    remove_ports(o, n_added);
    rte_mempool_free(pool);
    vguest_send_destroy(send);
    return result;
}

int
main(int argc, char **argv)
{
    struct vguest_opts opts;
    int n, result;

    /* EAL logs go to stderr: stdout carries only progress and JSON. */
    rte_openlog_stream(stderr);
    mask_signals(SIG_BLOCK);
    n = rte_eal_init(argc, argv);
    if (n < 0) {
        fprintf(stderr, "pont-vguest: cannot initialize DPDK's EAL: %s\n",
                rte_strerror(rte_errno));
        return 1;
    }
    install_signal_handlers();
    mask_signals(SIG_UNBLOCK);

    if (parse_options(&opts, argc - n, argv + n)) {
        rte_eal_cleanup();
        return 1;
    }
    result = run(&opts);
    rte_eal_cleanup();
    return result ? 1 : 0;
}
