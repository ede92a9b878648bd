/* A running bridge: its datapath, its OpenFlow switch, its ports.  See
 * bridge.h. */
#include "vswitchd/bridge.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "datapath/dp_actions.h"
#include "datapath/dpif.h"
#include "lib/flow_format.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"
#include "ofproto/ofp_text.h"
#include "ofproto/ofp_wire.h"
#include "ofproto/ofproto.h"

VLOG_DEFINE_THIS_MODULE(bridge);

/* A port attached to the bridge. */
struct vsd_bridge_port {
    char *name;
    uint32_t dp_port;
    uint32_t ofport;
};

struct vsd_bridge {
    char *name;
    char *datapath;
    struct dpif *dpif;
    struct ofproto *ofproto;
    struct vsd_bridge_port *ports; /* The LOCAL port first. */
    size_t n_ports;
};

static struct vsd_bridge_port *
find_port(const struct vsd_bridge *br, const char *name)
{
    for (size_t i = 0; i < br->n_ports; i++) {
        if (!strcmp(br->ports[i].name, name)) {
            return &br->ports[i];
        }
    }
    return NULL;
}

/* Adds datapath port 'dpcfg' and then OpenFlow port 'ofport' (0: any) for
 * it, undoing the first step if the second fails. */
static int
attach_port(struct vsd_bridge *br, const struct dpif_port_config *dpcfg,
            uint32_t ofport, uint32_t *ofportp, char **errorp)
{
    uint32_t dp_port;
    int error;

    error = dpif_port_add(br->dpif, dpcfg, &dp_port, errorp);
    if (error) {
        return error;
    }
    error = ofproto_port_add(br->ofproto, dp_port, ofport, ofportp, errorp);
    if (error) {
        dpif_port_del(br->dpif, dp_port);
        return error;
    }
    br->ports = xrealloc(br->ports, (br->n_ports + 1) * sizeof *br->ports);
    br->ports[br->n_ports++] =
        (struct vsd_bridge_port){xstrdup(dpcfg->name), dp_port, *ofportp};
    return 0;
}

static int
check_datapath_available(const char *type, char **errorp)
{
    if (dpif_class_lookup(type)) {
        return 0;
    }
    vsd_errorf(errorp,
               "datapath type %s is not available in this build yet; use "
               "datapath=dummy",
               type);
    return -EOPNOTSUPP;
}

/* Applies the settings of 'cfg' other than ports to the new bridge. */
static int
configure(struct vsd_bridge *br, const struct vsd_bridge_cfg *cfg,
          char **errorp)
{
    int error;

    if (cfg->has_datapath_id) {
        ofproto_set_datapath_id(br->ofproto, cfg->datapath_id);
    }
    vsd_bridge_set_fail_mode(br, cfg->fail_mode);
    error = vsd_bridge_set_controllers(br, cfg->controllers, cfg->n_controllers,
                                       errorp);
    if (!error) {
        error = vsd_bridge_set_listeners(br, cfg->listeners, cfg->n_listeners,
                                         errorp);
    }
    return error;
}

int
vsd_bridge_create(const struct vsd_bridge_cfg *cfg, struct event_base *base,
                  struct vsd_bridge **brp, char **errorp)
{
    struct dpif_port_config local = {
        .name = cfg->name, .type = "internal", .port_no = DPIF_PORT_ANY};
    struct vsd_bridge *br;
    uint32_t ofport;
    int error;

    error = check_datapath_available(cfg->datapath, errorp);
    if (error) {
        return error;
    }
    br = xzalloc(sizeof *br);
    br->name = xstrdup(cfg->name);
    br->datapath = xstrdup(cfg->datapath);
    error = dpif_open(cfg->datapath, cfg->name, &br->dpif, errorp);
    if (!error) {
        error = ofproto_create(cfg->name, br->dpif, base, &br->ofproto, errorp);
    }
    if (!error) {
        error = attach_port(br, &local, 0, &ofport, errorp);
    }
    if (!error) {
        error = configure(br, cfg, errorp);
    }
    if (error) {
        vsd_bridge_destroy(br);
        return error;
    }
    VLOG_INFO("bridge %s: created on a %s datapath", br->name, br->datapath);
    *brp = br;
    return 0;
}

void
vsd_bridge_destroy(struct vsd_bridge *br)
{
    if (!br) {
        return;
    }
    /* The switch goes first: it stops using the datapath's ports. */
    ofproto_destroy(br->ofproto);
    for (size_t i = 0; i < br->n_ports; i++) {
        if (br->dpif) {
            dpif_port_del(br->dpif, br->ports[i].dp_port);
        }
        free(br->ports[i].name);
    }
    free(br->ports);
    dpif_close(br->dpif);
    free(br->datapath);
    free(br->name);
    free(br);
}

const char *
vsd_bridge_name(const struct vsd_bridge *br)
{
    return br->name;
}

/* Ports. */

int
vsd_bridge_add_port(struct vsd_bridge *br, const struct vsd_port_cfg *port,
                    uint32_t *ofportp, char **errorp)
{
    struct dpif_option *options =
        xmalloc((port->n_options + 1) * sizeof *options);
    struct dpif_port_config dpcfg = {
        .name = port->name,
        .type = port->type,
        .options = options,
        .n_options = port->n_options,
        .port_no = DPIF_PORT_ANY,
    };
    bool tunnel = !strcmp(port->type, "vxlan");
    int error;

    for (size_t i = 0; i < port->n_options; i++) {
        options[i].key = port->options[i].key;
        options[i].value = port->options[i].value;
    }
    if (tunnel) {
        /* The tunnel's options are the switch's business, not the
         * datapath's (ofproto/tunnel.h). */
        dpcfg.n_options = 0;
    }
    error = attach_port(br, &dpcfg, port->ofport, ofportp, errorp);
    if (!error && port->iface_id) {
        /* Before the event loop runs again, so that a controller that asks
         * for the binding keys on the port's PORT_STATUS sees this one. */
        ofproto_port_set_iface_id(br->ofproto, *ofportp, port->iface_id);
    }
    if (!error && tunnel) {
        error = ofproto_port_set_tunnel(br->ofproto, *ofportp, options,
                                        port->n_options, errorp);
        if (error) {
            vsd_bridge_del_port(br, port->name);
        }
    }
    free(options);
    if (!error) {
        VLOG_INFO(
            "bridge %s: added port %s (type %s) as OpenFlow port %" PRIu32,
            br->name, port->name, port->type, *ofportp);
    }
    return error;
}

int
vsd_bridge_del_port(struct vsd_bridge *br, const char *name)
{
    struct vsd_bridge_port *port = find_port(br, name);
    size_t i;

    if (!port) {
        return -ENOENT;
    }
    ofproto_port_del(br->ofproto, port->ofport);
    dpif_port_del(br->dpif, port->dp_port);
    VLOG_INFO("bridge %s: deleted port %s", br->name, name);
    free(port->name);
    i = port - br->ports;
    memmove(port, port + 1, (br->n_ports - i - 1) * sizeof *port);
    br->n_ports--;
    return 0;
}

uint32_t
vsd_bridge_get_ofport(const struct vsd_bridge *br, const char *name)
{
    const struct vsd_bridge_port *port = find_port(br, name);

    return port ? port->ofport : 0;
}

/* Settings. */

int
vsd_bridge_set_controllers(struct vsd_bridge *br, char *const *targets,
                           size_t n, char **errorp)
{
    return ofproto_set_controllers(br->ofproto, (const char *const *) targets,
                                   n, errorp);
}

int
vsd_bridge_set_listeners(struct vsd_bridge *br, char *const *targets, size_t n,
                         char **errorp)
{
    return ofproto_set_listeners(br->ofproto, (const char *const *) targets, n,
                                 errorp);
}

void
vsd_bridge_set_fail_mode(struct vsd_bridge *br, enum vsd_fail_mode mode)
{
    ofproto_set_fail_mode(br->ofproto, mode == VSD_FAIL_STANDALONE
                                           ? OFPROTO_FAIL_STANDALONE
                                           : OFPROTO_FAIL_SECURE);
}

void
vsd_bridge_set_datapath_id(struct vsd_bridge *br, uint64_t datapath_id)
{
    ofproto_set_datapath_id(br->ofproto, datapath_id);
}

void
vsd_bridge_set_host_id(struct vsd_bridge *br, const char *host_id)
{
    ofproto_set_host_id(br->ofproto, host_id);
}

/* Showing. */

static void
format_port(const struct vsd_bridge *br, const struct vsd_port_cfg *port,
            struct strbuf *sb)
{
    uint32_t ofport = vsd_bridge_get_ofport(br, port->name);

    strbuf_printf(sb, "    Port %s\n        type: %s\n", port->name,
                  port->type);
    if (ofport) {
        strbuf_printf(sb, "        ofport: %" PRIu32 "\n", ofport);
    } else {
        strbuf_puts(sb, "        ofport: none (not attached: see the log; "
                        "del-port and add-port it again)\n");
    }
    if (port->iface_id) {
        strbuf_printf(sb, "        iface-id: %s\n", port->iface_id);
    }
    for (size_t i = 0; i < port->n_options; i++) {
        strbuf_printf(sb, "        %s: %s\n", port->options[i].key,
                      port->options[i].value);
    }
}

void
vsd_bridge_format(const struct vsd_bridge *br, const struct vsd_bridge_cfg *cfg,
                  struct strbuf *sb)
{
    strbuf_printf(sb, "Bridge %s\n    datapath: %s\n", br->name, br->datapath);
    ofproto_format_status(br->ofproto, sb);
    for (size_t i = 0; i < cfg->n_listeners; i++) {
        uint16_t port = ofproto_listener_port(br->ofproto, cfg->listeners[i]);

        if (port) {
            strbuf_printf(sb, "    listener %s bound to TCP port %u\n",
                          cfg->listeners[i], port);
        }
    }
    strbuf_printf(sb,
                  "    Port %s\n        type: internal\n"
                  "        ofport: LOCAL\n",
                  br->name);
    for (size_t i = 0; i < cfg->n_ports; i++) {
        format_port(br, cfg->ports[i], sb);
    }
}

/* Tracing. */

int
vsd_bridge_trace(struct vsd_bridge *br, const char *flow, struct strbuf *out,
                 char **errorp)
{
    struct ofp_port_map *map = ofp_port_map_create();
    struct flow_match match;
    char *parse_error = NULL;
    int error;

    for (size_t i = 0; i < br->n_ports; i++) {
        ofp_port_map_add(map, br->ports[i].ofport, br->ports[i].name);
    }
    error = ofp_text_parse_match(flow, map, &match, &parse_error);
    ofp_port_map_destroy(map);
    if (error) {
        vsd_errorf(errorp,
                   "cannot parse the flow \"%s\": %s (write it like "
                   "in_port=p1,tcp,nw_dst=10.0.0.1,tp_dst=80)",
                   flow, parse_error);
        free(parse_error);
        return error;
    }
    return ofproto_trace(br->ofproto, &match.key, out, errorp);
}

/* Datapath flows. */

struct dump_ctx {
    struct strbuf *out;
    long long now_ms;
};

static int
format_dp_flow(const struct dpif_flow *flow, void *ctx_)
{
    struct dump_ctx *ctx = ctx_;
    struct strbuf *out = ctx->out;
    size_t start = out->len;

    flow_format_match(out, flow->match, FLOW_DEFAULT_PRIORITY);
    if (out->len == start) {
        strbuf_puts(out, "(any packet)");
    }
    strbuf_printf(out, ", packets:%" PRIu64 ", bytes:%" PRIu64 ", used:",
                  flow->stats.n_packets, flow->stats.n_bytes);
    if (flow->stats.used_ms) {
        long long age_ms = ctx->now_ms - flow->stats.used_ms;

        strbuf_printf(out, "%lld.%03llds", age_ms / 1000, age_ms % 1000);
    } else {
        strbuf_puts(out, "never");
    }
    strbuf_puts(out, ", actions:");
    dp_actions_format(out, flow->actions, flow->actions_len);
    strbuf_putc(out, '\n');
    return 0;
}

int
vsd_bridge_dump_dp_flows(struct vsd_bridge *br, struct strbuf *out,
                         char **errorp)
{
    struct dump_ctx ctx = {out, time_msec()};
    int error = dpif_flow_dump(br->dpif, format_dp_flow, &ctx);

    if (error) {
        vsd_errorf(errorp, "cannot dump the megaflows of bridge %s: %s",
                   br->name, strerror(-error));
    }
    return error;
}

/* Port counters. */

static void
format_port_stats(struct vsd_bridge *br, const struct vsd_bridge_port *port,
                  struct strbuf *out)
{
    struct dpif_port_stats st;
    struct dpif_port dp;
    int error;

    strbuf_printf(out, "port %s: ofport ", port->name);
    if (port->ofport == OFPP_LOCAL) {
        strbuf_puts(out, "LOCAL");
    } else {
        strbuf_printf(out, "%" PRIu32, port->ofport);
    }
    error = dpif_port_query(br->dpif, port->dp_port, &dp);
    if (!error) {
        strbuf_printf(out, ", link %s, admin %s", dp.link_up ? "up" : "down",
                      dp.admin_up ? "up" : "down");
        dpif_port_destroy(&dp);
        error = dpif_port_get_stats(br->dpif, port->dp_port, &st);
    }
    if (error) {
        strbuf_printf(out, "\n    the datapath cannot report on it: %s\n",
                      strerror(-error));
        return;
    }
    strbuf_printf(out,
                  "\n    rx: packets %" PRIu64 ", bytes %" PRIu64
                  ", dropped %" PRIu64 ", errors %" PRIu64
                  "\n    tx: packets %" PRIu64 ", bytes %" PRIu64
                  ", dropped %" PRIu64 ", errors %" PRIu64 "\n",
                  st.rx_packets, st.rx_bytes, st.rx_dropped, st.rx_errors,
                  st.tx_packets, st.tx_bytes, st.tx_dropped, st.tx_errors);
}

void
vsd_bridge_dump_ports(struct vsd_bridge *br, struct strbuf *out)
{
    for (size_t i = 0; i < br->n_ports; i++) {
        format_port_stats(br, &br->ports[i], out);
    }
}

void
vsd_bridge_dump_tunnels(struct vsd_bridge *br, struct strbuf *out)
{
    ofproto_format_tunnels(br->ofproto, out);
}
