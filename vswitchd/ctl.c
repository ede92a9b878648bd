/* The running switch and the methods of its control socket.  See ctl.h. */
#include "vswitchd/ctl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dpif_dpdk.h"
#include "lib/jsonrpc.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"
#include "vswitchd/bridge.h"
#include "vswitchd/config.h"
#include "vswitchd/ctl_commands.h"

VLOG_DEFINE_THIS_MODULE(ctl);

/* The running switch. */

static struct vsd_bridge *
find_running(const struct vsd_switch *sw, const char *name)
{
    for (size_t i = 0; i < sw->n_bridges; i++) {
        if (!strcmp(vsd_bridge_name(sw->bridges[i]), name)) {
            return sw->bridges[i];
        }
    }
    return NULL;
}

static void
add_running(struct vsd_switch *sw, struct vsd_bridge *br)
{
    sw->bridges =
        xrealloc(sw->bridges, (sw->n_bridges + 1) * sizeof *sw->bridges);
    sw->bridges[sw->n_bridges++] = br;
}

static void
destroy_running(struct vsd_switch *sw, const char *name)
{
    for (size_t i = 0; i < sw->n_bridges; i++) {
        if (!strcmp(vsd_bridge_name(sw->bridges[i]), name)) {
            vsd_bridge_destroy(sw->bridges[i]);
            sw->bridges[i] = sw->bridges[--sw->n_bridges];
            return;
        }
    }
}

/* Attaches the ports of 'cfg' to 'br' at start.  A port that fails is
 * logged, not fatal: the rest of the switch is more use running than not,
 * and the port stays in the configuration for the admin to fix. */
static void
start_ports(struct vsd_bridge *br, const struct vsd_bridge_cfg *cfg)
{
    for (size_t i = 0; i < cfg->n_ports; i++) {
        struct vsd_port_cfg *port = cfg->ports[i];
        uint32_t ofport;
        char *error = NULL;

        if (vsd_bridge_add_port(br, port, &ofport, &error)) {
            VLOG_ERR("bridge %s: cannot attach port %s: %s", cfg->name,
                     port->name, error);
            free(error);
        }
    }
}

/* Applies the DPDK settings 'settings' over the configuration's; sets
 * '*changedp' if that changed any. */
static int
override_dpdk(struct vsd_dpdk_cfg *dpdk, const struct vsd_setting *settings,
              size_t n, bool *changedp, char **errorp)
{
    *changedp = false;
    for (size_t i = 0; i < n; i++) {
        char *msg = NULL;
        bool changed;

        if (vsd_dpdk_cfg_set(dpdk, settings[i].key, settings[i].value, &changed,
                             &msg)) {
            vsd_errorf(errorp, "DPDK setting %s: %s", settings[i].key, msg);
            free(msg);
            return -EINVAL;
        }
        *changedp |= changed;
    }
    return 0;
}

/* Hands the DPDK settings of the configuration, with the command line's
 * over them ('*changedp' says whether those changed any), to the DPDK
 * datapath.  It has to come before any bridge opens a DPDK datapath,
 * which starts EAL with them. */
static int
configure_dpdk(struct vsd_switch *sw, const struct vsd_setting *settings,
               size_t n, bool *changedp, char **errorp)
{
    struct vsd_dpdk_cfg *dpdk = &sw->cfg->dpdk;
    struct dpif_dpdk_config dc;
    char *msg = NULL;
    int error = override_dpdk(dpdk, settings, n, changedp, errorp);

    if (error) {
        return error;
    }
    dc = (struct dpif_dpdk_config){
        .eal_args = dpdk->eal_args,
        .pmd_cores = dpdk->pmd_cores,
        .pmd_max_sleep_us = dpdk->has_pmd_max_sleep_us
                                ? dpdk->pmd_max_sleep_us
                                : DPIF_DPDK_DEFAULT_MAX_SLEEP_US,
    };
    error = dpif_dpdk_configure(&dc, &msg);
    if (error) {
        vsd_errorf(errorp, "the DPDK datapath refuses its settings: %s",
                   msg ? msg : strerror(-error));
        free(msg);
        return error;
    }
    VLOG_INFO("DPDK settings: EAL arguments \"%s\", PMD cores %s, PMD "
              "sleep up to %" PRIu32 " us",
              dc.eal_args ? dc.eal_args : DPIF_DPDK_DEFAULT_EAL_ARGS,
              dc.pmd_cores ? dc.pmd_cores : "(the last CPU)",
              dc.pmd_max_sleep_us);
    return 0;
}

/* Saves the DPDK settings that the command line changed, once the switch
 * runs with them. */
static void
save_dpdk(struct vsd_switch *sw)
{
    char *msg = NULL;

    if (vsd_config_save(sw->cfg, sw->config_path, &msg)) {
        /* The switch is more use running than not; the settings hold
         * until it stops. */
        VLOG_WARN("the settings of the command line are in effect but "
                  "were not saved, so a restart without them will not "
                  "have them: %s",
                  msg);
        free(msg);
    } else {
        VLOG_INFO("saved the settings of the command line to %s",
                  sw->config_path);
    }
}

/* Sets the host id of the configuration to 'host_id' (NULL: no change);
 * returns true if that changed it. */
static bool
override_host_id(struct vsd_config *cfg, const char *host_id)
{
    if (!host_id || (cfg->host_id && !strcmp(cfg->host_id, host_id))) {
        return false;
    }
    free(cfg->host_id);
    cfg->host_id = xstrdup(host_id);
    return true;
}

int
vsd_switch_start(struct vsd_switch *sw, struct event_base *base,
                 const char *config_path, const struct vsd_setting *dpdk,
                 size_t n_dpdk, const char *host_id, char **errorp)
{
    bool dpdk_changed = false;
    int error;

    memset(sw, 0, sizeof *sw);
    sw->base = base;
    sw->config_path = xstrdup(config_path);
    error = vsd_config_load(config_path, &sw->cfg, errorp);
    if (!error) {
        error = configure_dpdk(sw, dpdk, n_dpdk, &dpdk_changed, errorp);
    }
    if (!error && override_host_id(sw->cfg, host_id)) {
        dpdk_changed = true; /* Saved with the DPDK settings. */
    }
    for (size_t i = 0; !error && i < sw->cfg->n_bridges; i++) {
        struct vsd_bridge_cfg *cfg = sw->cfg->bridges[i];
        struct vsd_bridge *br;
        char *msg = NULL;

        error = vsd_bridge_create(cfg, base, &br, &msg);
        if (error) {
            vsd_errorf(errorp, "%s: cannot create bridge %s: %s", config_path,
                       cfg->name, msg);
            free(msg);
            break;
        }
        add_running(sw, br);
        vsd_bridge_set_host_id(br, vsd_host_id(sw->cfg));
        start_ports(br, cfg);
    }
    if (error) {
        vsd_switch_stop(sw);
    } else if (dpdk_changed) {
        save_dpdk(sw);
    }
    return error;
}

void
vsd_switch_stop(struct vsd_switch *sw)
{
    for (size_t i = 0; i < sw->n_bridges; i++) {
        vsd_bridge_destroy(sw->bridges[i]);
    }
    free(sw->bridges);
    sw->bridges = NULL;
    sw->n_bridges = 0;
    vsd_config_destroy(sw->cfg);
    sw->cfg = NULL;
    free(sw->config_path);
    sw->config_path = NULL;
}

/* Helpers of the methods.  Each method returns 0 with '*resultp' set (or
 * left NULL for JSON null), or an error with '*errorp' set. */

/* Saves the configuration after a change that is already in effect. */
static int
save(struct vsd_switch *sw, char **errorp)
{
    char *msg = NULL;
    int error = vsd_config_save(sw->cfg, sw->config_path, &msg);

    if (error) {
        VLOG_ERR("%s", msg);
        vsd_errorf(errorp,
                   "the change is in effect but was not saved, so a "
                   "restart will undo it: %s",
                   msg);
        free(msg);
    }
    return error;
}

static int
no_bridge(const char *name, char **errorp)
{
    vsd_errorf(errorp, "no bridge named %s (pont-vsctl show lists them)", name);
    return -ENOENT;
}

/* Finds bridge 'name' in the configuration and running. */
static int
find_bridge(const struct vsd_switch *sw, const char *name,
            struct vsd_bridge_cfg **cfgp, struct vsd_bridge **brp,
            char **errorp)
{
    *cfgp = vsd_config_find_bridge(sw->cfg, name);
    *brp = *cfgp ? find_running(sw, name) : NULL;
    return *brp ? 0 : no_bridge(name, errorp);
}

static int
no_port(const char *name, const char *hint, char **errorp)
{
    vsd_errorf(errorp, "no port named %s (pont-vsctl show lists them%s)", name,
               hint);
    return -ENOENT;
}

/* Bridges. */

static int
add_br(struct vsd_switch *sw, const struct vsd_ctl_args *args, json_t **resultp,
       char **errorp)
{
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    int error;

    (void) resultp;
    error = vsd_bridge_cfg_parse(args->argv[0], &args->argv[1], args->argc - 1,
                                 &cfg, errorp);
    if (error) {
        return error;
    }
    if (vsd_config_find_bridge(sw->cfg, cfg->name)
        && args->options & VSD_CTL_MAY_EXIST) {
        vsd_bridge_cfg_destroy(cfg);
        return 0;
    }
    error = vsd_config_check_new_name(sw->cfg, "bridge", cfg->name, errorp);
    if (error == -EEXIST) {
        char *msg = *errorp;

        vsd_errorf(errorp, "%s; use --may-exist to ignore this", msg);
        free(msg);
    }
    error = error ? error : vsd_bridge_create(cfg, sw->base, &br, errorp);
    if (error) {
        vsd_bridge_cfg_destroy(cfg);
        return error;
    }
    add_running(sw, br);
    vsd_bridge_set_host_id(br, vsd_host_id(sw->cfg));
    vsd_config_add_bridge(sw->cfg, cfg);
    return save(sw, errorp);
}

static int
del_br(struct vsd_switch *sw, const struct vsd_ctl_args *args, json_t **resultp,
       char **errorp)
{
    struct vsd_bridge_cfg *cfg = vsd_config_find_bridge(sw->cfg, args->argv[0]);

    (void) resultp;
    if (!cfg) {
        return args->options & VSD_CTL_IF_EXISTS
                   ? 0
                   : no_bridge(args->argv[0], errorp);
    }
    destroy_running(sw, cfg->name);
    vsd_bridge_cfg_destroy(vsd_config_remove_bridge(sw->cfg, cfg->name));
    return save(sw, errorp);
}

static int
list_br(struct vsd_switch *sw, const struct vsd_ctl_args *args,
        json_t **resultp, char **errorp)
{
    (void) args;
    (void) errorp;
    *resultp = json_array();
    for (size_t i = 0; i < sw->cfg->n_bridges; i++) {
        json_array_append_new(*resultp, json_string(sw->cfg->bridges[i]->name));
    }
    return 0;
}

/* Ports. */

/* With --may-exist, an add-port of a port that exists on the bridge is
 * fine; anything else that takes the name is an error. */
static int
check_new_port(struct vsd_switch *sw, const struct vsd_bridge_cfg *cfg,
               const char *name, unsigned options, char **errorp)
{
    int error;

    if (options & VSD_CTL_MAY_EXIST && vsd_bridge_cfg_find_port(cfg, name)) {
        return -EEXIST;
    }
    error = vsd_config_check_new_name(sw->cfg, "port", name, errorp);
    if (error == -EEXIST) {
        char *msg = *errorp;

        vsd_errorf(errorp, "%s%s", msg,
                   options & VSD_CTL_MAY_EXIST
                       ? ""
                       : "; use --may-exist to ignore this");
        free(msg);
        error = -EINVAL;
    }
    return error;
}

static int
add_port(struct vsd_switch *sw, const struct vsd_ctl_args *args,
         json_t **resultp, char **errorp)
{
    struct vsd_bridge_cfg *cfg;
    struct vsd_port_cfg *port;
    struct vsd_bridge *br;
    uint32_t ofport;
    int error;

    (void) resultp;
    error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);
    error = error
                ? error
                : check_new_port(sw, cfg, args->argv[1], args->options, errorp);
    if (error) {
        return error == -EEXIST ? 0 : error;
    }
    error = vsd_port_cfg_parse(args->argv[1], &args->argv[2], args->argc - 2,
                               &port, errorp);
    if (error) {
        return error;
    }
    error = vsd_bridge_add_port(br, port, &ofport, errorp);
    if (error) {
        vsd_port_cfg_destroy(port);
        return error;
    }
    /* The number stays the port's across restarts. */
    port->ofport = ofport;
    vsd_bridge_cfg_add_port(cfg, port);
    return save(sw, errorp);
}

static int
del_port(struct vsd_switch *sw, const struct vsd_ctl_args *args,
         json_t **resultp, char **errorp)
{
    const char *name = args->argv[args->argc - 1];
    struct vsd_bridge_cfg *cfg = vsd_config_find_port(sw->cfg, name, NULL);
    struct vsd_bridge *br;

    (void) resultp;
    if (args->argc == 2 && !vsd_config_find_bridge(sw->cfg, args->argv[0])) {
        return no_bridge(args->argv[0], errorp);
    }
    if (cfg && args->argc == 2 && strcmp(cfg->name, args->argv[0])) {
        return vsd_errorf(errorp, "port %s is on bridge %s, not on %s", name,
                          cfg->name, args->argv[0]);
    }
    if (!cfg) {
        return args->options & VSD_CTL_IF_EXISTS
                   ? 0
                   : no_port(name, "; use --if-exists to ignore this", errorp);
    }
    br = find_running(sw, cfg->name);
    if (br) {
        /* -ENOENT: it failed to attach at start; it goes all the same. */
        vsd_bridge_del_port(br, name);
    }
    vsd_port_cfg_destroy(vsd_bridge_cfg_remove_port(cfg, name));
    return save(sw, errorp);
}

static int
list_ports(struct vsd_switch *sw, const struct vsd_ctl_args *args,
           json_t **resultp, char **errorp)
{
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    if (error) {
        return error;
    }
    *resultp = json_array();
    for (size_t i = 0; i < cfg->n_ports; i++) {
        json_array_append_new(*resultp, json_string(cfg->ports[i]->name));
    }
    return 0;
}

static int
get_ofport(struct vsd_switch *sw, const struct vsd_ctl_args *args,
           json_t **resultp, char **errorp)
{
    const char *name = args->argv[1];
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    uint32_t ofport;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    if (error) {
        return error;
    }
    /* The bridge's own port is not in the configuration, but has a
     * number (LOCAL) all the same. */
    if (strcmp(name, cfg->name) && !vsd_bridge_cfg_find_port(cfg, name)) {
        return no_port(name, " with their bridges", errorp);
    }
    ofport = vsd_bridge_get_ofport(br, name);
    if (!ofport) {
        vsd_errorf(errorp,
                   "port %s is not attached, so it has no OpenFlow port "
                   "number (the log says why; del-port and add-port it "
                   "again)",
                   name);
        return -ENODEV;
    }
    *resultp = json_integer(ofport);
    return 0;
}

/* Connections and settings. */

static int
set_targets(struct vsd_switch *sw, const struct vsd_ctl_args *args,
            bool listeners, char **errorp)
{
    char *const *targets = &args->argv[1];
    size_t n = args->argc - 1;
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    if (error) {
        return error;
    }
    if (listeners) {
        error = vsd_bridge_set_listeners(br, targets, n, errorp);
        if (!error) {
            vsd_set_targets(&cfg->listeners, &cfg->n_listeners, targets, n);
        }
    } else {
        error = vsd_bridge_set_controllers(br, targets, n, errorp);
        if (!error) {
            vsd_set_targets(&cfg->controllers, &cfg->n_controllers, targets, n);
        }
    }
    if (error) {
        char *msg = *errorp;

        vsd_errorf(errorp, "bridge %s keeps its %s: %s", cfg->name,
                   listeners ? "listeners" : "controllers", msg);
        free(msg);
        return error;
    }
    return save(sw, errorp);
}

static int
set_controller(struct vsd_switch *sw, const struct vsd_ctl_args *args,
               json_t **resultp, char **errorp)
{
    (void) resultp;
    return set_targets(sw, args, false, errorp);
}

static int
set_listener(struct vsd_switch *sw, const struct vsd_ctl_args *args,
             json_t **resultp, char **errorp)
{
    (void) resultp;
    return set_targets(sw, args, true, errorp);
}

static int
set_fail_mode(struct vsd_switch *sw, const struct vsd_ctl_args *args,
              json_t **resultp, char **errorp)
{
    struct vsd_bridge_cfg *cfg;
    enum vsd_fail_mode mode;
    struct vsd_bridge *br;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    (void) resultp;
    error = error ? error : vsd_parse_fail_mode(args->argv[1], &mode, errorp);
    if (error) {
        return error;
    }
    vsd_bridge_set_fail_mode(br, mode);
    cfg->fail_mode = mode;
    return save(sw, errorp);
}

static int
set_dpid(struct vsd_switch *sw, const struct vsd_ctl_args *args,
         json_t **resultp, char **errorp)
{
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    uint64_t dpid;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    (void) resultp;
    error = error ? error : vsd_parse_datapath_id(args->argv[1], &dpid, errorp);
    if (error) {
        return error;
    }
    vsd_bridge_set_datapath_id(br, dpid);
    cfg->has_datapath_id = true;
    cfg->datapath_id = dpid;
    return save(sw, errorp);
}

static int
set_host_id(struct vsd_switch *sw, const struct vsd_ctl_args *args,
            json_t **resultp, char **errorp)
{
    int error = vsd_check_host_id(args->argv[0], errorp);

    (void) resultp;
    if (error) {
        return error;
    }
    override_host_id(sw->cfg, args->argv[0]);
    for (size_t i = 0; i < sw->n_bridges; i++) {
        vsd_bridge_set_host_id(sw->bridges[i], sw->cfg->host_id);
    }
    return save(sw, errorp);
}

/* Looking. */

static int
show(struct vsd_switch *sw, const struct vsd_ctl_args *args, json_t **resultp,
     char **errorp)
{
    struct strbuf sb = STRBUF_INIT;

    (void) args;
    (void) errorp;
    strbuf_printf(&sb, "host_id: %s\n", vsd_host_id(sw->cfg));
    for (size_t i = 0; i < sw->cfg->n_bridges; i++) {
        struct vsd_bridge_cfg *cfg = sw->cfg->bridges[i];
        struct vsd_bridge *br = find_running(sw, cfg->name);

        if (br) {
            vsd_bridge_format(br, cfg, &sb);
        }
    }
    *resultp = json_string(strbuf_str(&sb));
    strbuf_free(&sb);
    return 0;
}

static int
trace(struct vsd_switch *sw, const struct vsd_ctl_args *args, json_t **resultp,
      char **errorp)
{
    struct strbuf sb = STRBUF_INIT;
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    error = error ? error : vsd_bridge_trace(br, args->argv[1], &sb, errorp);
    if (!error) {
        *resultp = json_string(strbuf_str(&sb));
    }
    strbuf_free(&sb);
    return error;
}

static int
dump_dp_flows(struct vsd_switch *sw, const struct vsd_ctl_args *args,
              json_t **resultp, char **errorp)
{
    struct strbuf sb = STRBUF_INIT;
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    error = error ? error : vsd_bridge_dump_dp_flows(br, &sb, errorp);
    if (!error) {
        *resultp = json_string(strbuf_str(&sb));
    }
    strbuf_free(&sb);
    return error;
}

/* Answers with the text that 'fn' prints about the bridge named by the
 * first argument. */
static int
format_bridge(struct vsd_switch *sw, const struct vsd_ctl_args *args,
              json_t **resultp, char **errorp,
              void (*fn)(struct vsd_bridge *, struct strbuf *))
{
    struct strbuf sb = STRBUF_INIT;
    struct vsd_bridge_cfg *cfg;
    struct vsd_bridge *br;
    int error = find_bridge(sw, args->argv[0], &cfg, &br, errorp);

    if (!error) {
        fn(br, &sb);
        *resultp = json_string(strbuf_str(&sb));
    }
    strbuf_free(&sb);
    return error;
}

static int
dump_ports(struct vsd_switch *sw, const struct vsd_ctl_args *args,
           json_t **resultp, char **errorp)
{
    return format_bridge(sw, args, resultp, errorp, vsd_bridge_dump_ports);
}

static int
dump_tunnels(struct vsd_switch *sw, const struct vsd_ctl_args *args,
             json_t **resultp, char **errorp)
{
    return format_bridge(sw, args, resultp, errorp, vsd_bridge_dump_tunnels);
}

/* The DPDK datapath's PMD threads, which every DPDK bridge shares. */

static int
pmd_stats(struct vsd_switch *sw, const struct vsd_ctl_args *args,
          json_t **resultp, char **errorp)
{
    struct strbuf sb = STRBUF_INIT;

    (void) sw;
    (void) args;
    (void) errorp;
    dpif_dpdk_format_pmd_stats(&sb);
    *resultp = json_string(strbuf_str(&sb));
    strbuf_free(&sb);
    return 0;
}

static int
pmd_stats_clear(struct vsd_switch *sw, const struct vsd_ctl_args *args,
                json_t **resultp, char **errorp)
{
    (void) sw;
    (void) args;
    (void) resultp;
    (void) errorp;
    dpif_dpdk_clear_pmd_stats();
    return 0;
}

/* Dispatch. */

typedef int ctl_method_fn(struct vsd_switch *, const struct vsd_ctl_args *,
                          json_t **resultp, char **errorp);

struct ctl_method {
    const char *name;
    ctl_method_fn *fn;
};

static const struct ctl_method methods[] = {
    {"add-br", add_br},
    {"del-br", del_br},
    {"list-br", list_br},
    {"add-port", add_port},
    {"del-port", del_port},
    {"list-ports", list_ports},
    {"get-ofport", get_ofport},
    {"set-controller", set_controller},
    {"del-controller", set_controller},
    {"set-listener", set_listener},
    {"del-listener", set_listener},
    {"set-fail-mode", set_fail_mode},
    {"set-dpid", set_dpid},
    {"set-host-id", set_host_id},
    {"show", show},
    {"trace", trace},
    {"dump-dp-flows", dump_dp_flows},
    {"dump-ports", dump_ports},
    {"dump-tunnels", dump_tunnels},
    {"pmd-stats", pmd_stats},
    {"pmd-stats-clear", pmd_stats_clear},
};

/* What a registered method needs: the switch, the command's description,
 * and its function. */
struct ctl_binding {
    struct vsd_switch *sw;
    const struct vsd_ctl_command *cmd;
    ctl_method_fn *fn;
};

static struct ctl_binding bindings[ARRAY_SIZE(methods)];

static void
handle_request(struct jsonrpc_conn *conn, json_t *params, void *binding_)
{
    const struct ctl_binding *b = binding_;
    struct vsd_ctl_args args;
    json_t *result = NULL;
    char *error = NULL;

    if (!vsd_ctl_parse_params(b->cmd, params, &args, &error)) {
        if (!b->fn(b->sw, &args, &result, &error)) {
            free(error);
            error = NULL;
        }
        free(args.argv);
    }
    if (error) {
        VLOG_INFO("%s: %s", b->cmd->name, error);
        jsonrpc_conn_reply_error(conn, "%s", error);
        free(error);
        json_decref(result);
    } else {
        jsonrpc_conn_reply(conn, result);
    }
}

int
vsd_ctl_register(struct jsonrpc_server *server, struct vsd_switch *sw)
{
    for (size_t i = 0; i < ARRAY_SIZE(methods); i++) {
        const struct vsd_ctl_command *cmd =
            vsd_ctl_command_find(methods[i].name);
        /* Options come before the arguments in the params. */
        int n_options = __builtin_popcount(cmd->options);
        int error;

        bindings[i] = (struct ctl_binding){sw, cmd, methods[i].fn};
        error = jsonrpc_server_register(
            server, cmd->name, cmd->min_args,
            cmd->max_args < 0 ? -1 : cmd->max_args + n_options, cmd->usage,
            handle_request, &bindings[i]);
        if (error) {
            return error;
        }
    }
    return 0;
}
