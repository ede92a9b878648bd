/* pont-vswitchd: the host's virtual switch daemon.  Options, start-up, the
 * libevent main loop and an orderly exit; the switch itself is ctl.c's and
 * bridge.c's.
 *
 * The DPDK datapath's options (--dpdk-args, --pmd-cores,
 * --pmd-max-sleep-us) are checked here, so that a bad one exits 2 before
 * anything starts; ctl.c lays them over the configuration file's, saves
 * them there, and hands them to the datapath before any bridge opens.
 *
 * RCU: the main thread is an RCU reader (ofproto's translation, which
 * "trace" and packet-outs run here, reads tables under RCU), so it
 * registers and quiesces after every round of the event loop.  It cannot
 * go offline while libevent waits (libevent 2.1 has no hook around its
 * wait), so a periodic timer makes sure a round ends at least every
 * QUIESCE_INTERVAL_MS: a grace period waits at most that long for the
 * main thread. */
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif_dpdk.h"
#include "datapath/dpif_dummy.h"
#include "lib/daemon.h"
#include "lib/jsonrpc.h"
#include "lib/rcu.h"
#include "lib/util.h"
#include "lib/vlog.h"
#include "vswitchd/config.h"
#include "vswitchd/ctl.h"

VLOG_DEFINE_THIS_MODULE(vswitchd);

#define DEFAULT_CONFIG "/var/lib/pont/vswitchd.json"
#define DEFAULT_CTL "/run/pont/vswitchd.ctl"
#define DEFAULT_PIDFILE "/run/pont/pont-vswitchd.pid"
#define DEFAULT_LOG_FILE "/var/log/pont/pont-vswitchd.log"
#define QUIESCE_INTERVAL_MS 50

/* The options that set the DPDK datapath's settings, and the names the
 * configuration file gives those settings. */
static const struct dpdk_option {
    const char *option;
    const char *key;
} dpdk_options[] = {
    {"dpdk-args", VSD_DPDK_EAL_ARGS},
    {"pmd-cores", VSD_DPDK_PMD_CORES},
    {"pmd-max-sleep-us", VSD_DPDK_PMD_MAX_SLEEP_US},
};

struct options {
    const char *config;
    const char *ctl;
    const char *pidfile;  /* NULL: none. */
    const char *log_file; /* NULL: none. */
    bool detach;
    const char *host_id; /* NULL: the configuration's. */
    struct vsd_setting dpdk[ARRAY_SIZE(dpdk_options)]; /* Those given. */
    size_t n_dpdk;
};

static void
usage(void)
{
    printf("pont-vswitchd: Pont's virtual switch daemon\n"
           "usage: pont-vswitchd [OPTIONS]\n"
           "\n"
           "Runs the bridges of the configuration file, each with its own\n"
           "datapath and OpenFlow 1.3 switch, and serves pont-vsctl on a\n"
           "control socket.  Every change made through pont-vsctl is saved\n"
           "to the configuration file, so a restart comes back as it was.\n"
           "\n"
           "Options:\n"
           "  --config=FILE      configuration file (default %s)\n"
           "  --ctl=PATH         control socket (default %s)\n"
           "  --pidfile[=PATH]   write and lock a pidfile (default %s)\n"
           "  --log-file[=PATH]  log to a file too (default %s)\n"
           "  --detach           run in the background once the control\n"
           "                     socket serves requests\n"
           "  --host-id=ID       the name this host gives its controller\n"
           "                     (saved; default: the host name)\n"
           "  -v, --verbose=SPEC log levels, e.g. dbg or bridge:file:dbg\n"
           "  -h, --help         print this help and exit\n"
           "  -V, --version      print the version and exit\n"
           "\n"
           "DPDK datapath options, for all bridges with datapath=dpdk.\n"
           "They are saved in the configuration file (its \"dpdk\"\n"
           "object) like the rest, so a restart without them keeps them;\n"
           "an empty value (--pmd-cores=) restores the default:\n"
           "  --dpdk-args=\"ARGS\" EAL arguments, split at white space\n"
           "                     (default \"%s\")\n"
           "  --pmd-cores=LIST   CPUs of the PMD threads, one thread each,\n"
           "                     e.g. 2 or 2-3,6 (default: the last CPU)\n"
           "  --pmd-max-sleep-us=N\n"
           "                     longest sleep of an idle PMD thread, 0 to\n"
           "                     %d; 0 never sleeps (default %d)\n"
           "\n"
           "Signals: SIGTERM and SIGINT stop the switch cleanly (bridges,\n"
           "datapaths, the control socket and the pidfile go away; the\n"
           "configuration file stays).\n"
           "\n"
           "Exit status: 0 after a clean stop, 1 if the switch cannot start\n"
           "(the message says why), 2 for a bad command line.\n",
           DEFAULT_CONFIG, DEFAULT_CTL, DEFAULT_PIDFILE, DEFAULT_LOG_FILE,
           DPIF_DPDK_DEFAULT_EAL_ARGS, VSD_PMD_MAX_SLEEP_US_MAX,
           DPIF_DPDK_DEFAULT_MAX_SLEEP_US);
}

/* Checks the value of DPDK option 'o' and records it in 'opts' (a later
 * one replaces an earlier one); exits 2 if it is bad. */
static void
add_dpdk_option(struct options *opts, const struct dpdk_option *o,
                const char *value)
{
    struct vsd_dpdk_cfg scratch = {0};
    char *error = NULL;
    bool changed;
    size_t i;

    if (vsd_dpdk_cfg_set(&scratch, o->key, value, &changed, &error)) {
        fprintf(stderr, "pont-vswitchd: --%s: %s\n", o->option, error);
        exit(2);
    }
    vsd_dpdk_cfg_clear(&scratch);
    for (i = 0; i < opts->n_dpdk && strcmp(opts->dpdk[i].key, o->key); i++) {
        continue;
    }
    opts->dpdk[i] = (struct vsd_setting){o->key, value};
    opts->n_dpdk += i == opts->n_dpdk;
}

/* Parses the command line into 'opts'; exits for --help, --version and
 * errors. */
static void
parse_options(int argc, char *argv[], struct options *opts)
{
    enum {
        OPT_CONFIG = 256,
        OPT_CTL,
        OPT_PIDFILE,
        OPT_LOG_FILE,
        OPT_DETACH,
        OPT_HOST_ID,
        OPT_DPDK_FIRST /* Then one per dpdk_options[]. */
    };
    static const struct option long_options[] = {
        {"config", required_argument, NULL, OPT_CONFIG},
        {"ctl", required_argument, NULL, OPT_CTL},
        {"pidfile", optional_argument, NULL, OPT_PIDFILE},
        {"log-file", optional_argument, NULL, OPT_LOG_FILE},
        {"detach", no_argument, NULL, OPT_DETACH},
        {"host-id", required_argument, NULL, OPT_HOST_ID},
        /* In the order of dpdk_options[]. */
        {"dpdk-args", required_argument, NULL, OPT_DPDK_FIRST},
        {"pmd-cores", required_argument, NULL, OPT_DPDK_FIRST + 1},
        {"pmd-max-sleep-us", required_argument, NULL, OPT_DPDK_FIRST + 2},
        {"verbose", required_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    char *error = NULL;
    int c;

    *opts = (struct options){
        .config = DEFAULT_CONFIG, .ctl = DEFAULT_CTL, .detach = false};
    while ((c = getopt_long(argc, argv, "v:hV", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_CONFIG:
            opts->config = optarg;
            break;
        case OPT_CTL:
            opts->ctl = optarg;
            break;
        case OPT_PIDFILE:
            opts->pidfile = optarg ? optarg : DEFAULT_PIDFILE;
            break;
        case OPT_LOG_FILE:
            opts->log_file = optarg ? optarg : DEFAULT_LOG_FILE;
            break;
        case OPT_DETACH:
            opts->detach = true;
            break;
        case OPT_HOST_ID:
            if (vsd_check_host_id(optarg, &error)) {
                fprintf(stderr, "pont-vswitchd: --host-id: %s\n", error);
                exit(2);
            }
            opts->host_id = optarg;
            break;
        case 'v':
            if (vlog_set_levels_from_string(optarg, &error)) {
                fprintf(stderr, "pont-vswitchd: %s\n", error);
                exit(2);
            }
            break;
        case 'h':
            usage();
            exit(0);
        case 'V':
            printf("pont-vswitchd (Pont) %s\n", PONT_VERSION);
            exit(0);
        default:
            if (c >= OPT_DPDK_FIRST
                && c < OPT_DPDK_FIRST + (int) ARRAY_SIZE(dpdk_options)) {
                add_dpdk_option(opts, &dpdk_options[c - OPT_DPDK_FIRST],
                                optarg);
                break;
            }
            fprintf(stderr, "Try 'pont-vswitchd --help' for usage.\n");
            exit(2);
        }
    }
    if (optind < argc) {
        fprintf(stderr,
                "pont-vswitchd: unexpected argument \"%s\": the daemon "
                "takes options only (try --help)\n",
                argv[optind]);
        exit(2);
    }
}

static void
on_exit_signal(evutil_socket_t fd, short what, void *base)
{
    int signo = daemon_exit_signal();

    (void) fd;
    (void) what;
    if (signo) {
        VLOG_INFO("stopping on signal %d", signo);
        event_base_loopbreak(base);
    }
}

/* Does nothing: its firing ends a round of the loop, after which the main
 * thread quiesces. */
static void
on_quiesce_timer(evutil_socket_t fd, short what, void *aux)
{
    (void) fd;
    (void) what;
    (void) aux;
}

/* Runs the loop until an exit signal arrives. */
static void
run_loop(struct event_base *base)
{
    struct timeval interval = {0, QUIESCE_INTERVAL_MS * 1000};
    struct event *timer =
        event_new(base, -1, EV_PERSIST, on_quiesce_timer, NULL);
    struct event *sig = event_new(base, daemon_catch_exit_signals(),
                                  EV_READ | EV_PERSIST, on_exit_signal, base);

    event_add(timer, &interval);
    event_add(sig, NULL);
    while (!event_base_got_break(base)) {
        event_base_loop(base, EVLOOP_ONCE);
        rcu_quiesce();
    }
    event_free(sig);
    event_free(timer);
}

/* Starts the daemon: the switch from its configuration, then the control
 * socket.  Returns 0 or exits with a message. */
static int
start(const struct options *opts, struct event_base *base,
      struct vsd_switch *sw, struct jsonrpc_server **serverp)
{
    char *error = NULL;
    int retval;

    if (vsd_switch_start(sw, base, opts->config, opts->dpdk, opts->n_dpdk,
                         opts->host_id, &error)) {
        VLOG_ERR("%s", error);
        fprintf(stderr, "pont-vswitchd: %s\n", error);
        exit(1);
    }
    *serverp = jsonrpc_server_create(base, opts->ctl, &retval, &error);
    if (!*serverp) {
        VLOG_ERR("%s", error);
        fprintf(stderr, "pont-vswitchd: %s\n", error);
        exit(1);
    }
    retval = vsd_ctl_register(*serverp, sw);
    if (retval) {
        fprintf(stderr,
                "pont-vswitchd: cannot register control commands: "
                "%s\n",
                strerror(-retval));
        exit(1);
    }
    return 0;
}

int
main(int argc, char *argv[])
{
    struct jsonrpc_server *server = NULL;
    struct vsd_switch sw;
    struct options opts;
    struct event_base *base;
    char *error = NULL;
    int retval;

    parse_options(argc, argv, &opts);
    if (opts.log_file && (retval = vlog_set_log_file(opts.log_file))) {
        fprintf(stderr, "pont-vswitchd: cannot open log file %s: %s\n",
                opts.log_file, strerror(-retval));
        return 1;
    }
    if (opts.pidfile) {
        daemon_set_pidfile(opts.pidfile);
    }
    if (daemon_start(opts.detach, &error)) {
        fprintf(stderr, "pont-vswitchd: %s\n", error);
        return 1;
    }

    rcu_register_thread();
    dpif_dummy_register();
    dpif_dpdk_register();
    base = event_base_new();
    if (!base) {
        fprintf(stderr, "pont-vswitchd: cannot create the event loop\n");
        return 1;
    }
    start(&opts, base, &sw, &server);
    VLOG_INFO("pont-vswitchd %s started: configuration %s, control socket "
              "%s",
              PONT_VERSION, opts.config, opts.ctl);
    daemon_ready();

    run_loop(base);

    jsonrpc_server_destroy(server);
    vsd_switch_stop(&sw);
    event_base_free(base);
    rcu_unregister_thread();
    daemon_remove_pidfile();
    VLOG_INFO("pont-vswitchd stopped");
    return 0;
}
