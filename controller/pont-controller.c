/* pont-controller: the daemon.  Options, start-up, the libevent main loop
 * and an orderly exit; the controller itself is ctl_controller.c's. */
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "controller/ctl_controller.h"
#include "controller/ctl_rest.h"
#include "controller/ctl_reconcile.h"
#include "lib/daemon.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(pont_controller);

#define DEFAULT_PIDFILE "/run/pont/pont-controller.pid"
#define DEFAULT_LOG_FILE "/var/log/pont/pont-controller.log"

struct options {
    struct ctl_controller_options ctl;
    const char *pidfile;  /* NULL: none. */
    const char *log_file; /* NULL: none. */
    bool detach;
};

static void
usage(void)
{
    printf("pont-controller: Pont's network controller\n"
           "usage: pont-controller [OPTIONS]\n"
           "\n"
           "Keeps what the network admin wants (tenants, their networks\n"
           "and ports, the hosts) in a store, serves it over a REST API\n"
           "under /v1/ (pontctl talks to it), and programs every host's\n"
           "switch over OpenFlow 1.3 to match.\n"
           "\n"
           "Options:\n"
           "  --listen=tcp:IP:PORT  where switches connect (default %s)\n"
           "  --api=http://IP:PORT  the REST API (default %s)\n"
           "  --store=sqlite:PATH   where the model is kept (default\n"
           "                        %s; the directory is\n"
           "                        created); memory: keeps nothing\n"
           "  --pidfile[=PATH]      write and lock a pidfile (default %s)\n"
           "  --log-file[=PATH]     log to a file too (default %s)\n"
           "  --detach              run in the background once the API\n"
           "                        serves requests\n"
           "  -v, --verbose[=SPEC]  log levels, e.g. dbg or ctl_rest:dbg\n"
           "                        (-v alone: dbg)\n"
           "  -h, --help            print this help and exit\n"
           "  -V, --version         print the version and exit\n"
           "\n"
           "Signals: SIGTERM and SIGINT stop the controller cleanly.\n"
           "\n"
           "Exit status: 0 after a clean stop, 1 if the controller cannot\n"
           "start (the message says why), 2 for a bad command line.\n",
           CTL_DEFAULT_LISTEN, CTL_DEFAULT_API, CTL_DEFAULT_STORE,
           DEFAULT_PIDFILE, DEFAULT_LOG_FILE);
}

/* Parses the command line into 'opts'; exits for --help, --version and
 * errors. */
static void
parse_options(int argc, char *argv[], struct options *opts)
{
    enum {
        OPT_LISTEN = 256,
        OPT_API,
        OPT_STORE,
        OPT_PIDFILE,
        OPT_LOG_FILE,
        OPT_DETACH
    };
    static const struct option long_options[] = {
        {"listen", required_argument, NULL, OPT_LISTEN},
        {"api", required_argument, NULL, OPT_API},
        {"store", required_argument, NULL, OPT_STORE},
        {"pidfile", optional_argument, NULL, OPT_PIDFILE},
        {"log-file", optional_argument, NULL, OPT_LOG_FILE},
        {"detach", no_argument, NULL, OPT_DETACH},
        {"verbose", optional_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct ctl_listen_addr addr;
    char ip[CTL_REST_IP_STRLEN];
    char *error = NULL;
    uint16_t port;
    int c;

    *opts = (struct options){
        .ctl = {CTL_DEFAULT_LISTEN, CTL_DEFAULT_API, CTL_DEFAULT_STORE}};
    while ((c = getopt_long(argc, argv, "v::hV", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_LISTEN:
            opts->ctl.listen = optarg;
            break;
        case OPT_API:
            opts->ctl.api = optarg;
            break;
        case OPT_STORE:
            opts->ctl.store = optarg;
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
        case 'v':
            if (vlog_set_levels_from_string(optarg ? optarg : "dbg", &error)) {
                fprintf(stderr, "pont-controller: %s\n", error);
                exit(2);
            }
            break;
        case 'h':
            usage();
            exit(0);
        case 'V':
            printf("pont-controller (Pont) %s\n", PONT_VERSION);
            exit(0);
        default:
            fprintf(stderr, "Try 'pont-controller --help' for usage.\n");
            exit(2);
        }
    }
    if (optind < argc) {
        fprintf(stderr,
                "pont-controller: unexpected argument \"%s\": the daemon "
                "takes options only (try --help)\n",
                argv[optind]);
        exit(2);
    }
    /* A bad address is a bad command line: say so before starting. */
    if (ctl_parse_listen(opts->ctl.listen, &addr, &error)
        || ctl_rest_parse_api(opts->ctl.api, ip, &port, &error)) {
        fprintf(stderr, "pont-controller: %s\n", error);
        exit(2);
    }
}

/* Creates the directory of 'path' if it is missing (one level: /run/pont,
 * /var/log/pont). */
static void
make_parent_dir(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');

    if (slash && slash != dir) {
        *slash = '\0';
        mkdir(dir, 0755);
    }
    free(dir);
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

/* libevent's own messages (evhttp's, mostly) go to the log. */
static void
log_libevent(int severity, const char *msg)
{
    if (severity >= EVENT_LOG_ERR) {
        VLOG_ERR("libevent: %s", msg);
    } else if (severity == EVENT_LOG_WARN) {
        VLOG_WARN("libevent: %s", msg);
    } else {
        VLOG_DBG("libevent: %s", msg);
    }
}

static void
fail(const char *message)
{
    VLOG_ERR("%s", message);
    fprintf(stderr, "pont-controller: %s\n", message);
    exit(1);
}

int
main(int argc, char *argv[])
{
    struct ctl_controller *controller;
    struct ctl_reconcile *sync;
    struct event_base *base;
    struct event *sig;
    struct options opts;
    char *error = NULL;
    int retval;

    parse_options(argc, argv, &opts);
    if (opts.log_file) {
        make_parent_dir(opts.log_file);
        retval = vlog_set_log_file(opts.log_file);
        if (retval) {
            fprintf(stderr, "pont-controller: cannot open log file %s: %s\n",
                    opts.log_file, strerror(-retval));
            return 1;
        }
    }
    if (opts.pidfile) {
        make_parent_dir(opts.pidfile);
        daemon_set_pidfile(opts.pidfile);
    }
    if (daemon_start(opts.detach, &error)) {
        fail(error);
    }

    event_set_log_callback(log_libevent);
    base = event_base_new();
    if (!base) {
        fail("cannot create the event loop");
    }
    /* Three priorities, every event at the middle one by default: the
     * recompilation of the hosts' flows takes the lowest, so that it runs
     * only when no message or API request waits (ctl_reconcile.c). */
    event_base_priority_init(base, 3);
    controller = ctl_controller_create(base, &opts.ctl, &error);
    if (!controller) {
        fail(error);
    }
    sync = ctl_reconcile_create(controller, &error);
    if (!sync) {
        fail(error);
    }
    VLOG_INFO("pont-controller %s started: API %s (port %u), store %s, "
              "switches at %s (port %d)",
              PONT_VERSION, opts.ctl.api,
              ctl_rest_port(ctl_controller_rest(controller)), opts.ctl.store,
              opts.ctl.listen, ctl_reconcile_port(sync));
    daemon_ready();

    sig = event_new(base, daemon_catch_exit_signals(), EV_READ | EV_PERSIST,
                    on_exit_signal, base);
    event_add(sig, NULL);
    event_base_dispatch(base);

    event_free(sig);
    ctl_reconcile_destroy(sync);
    ctl_controller_destroy(controller);
    event_base_free(base);
    daemon_remove_pidfile();
    VLOG_INFO("pont-controller stopped");
    return 0;
}
