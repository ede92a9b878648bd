/* The datapath interface's dispatch layer: the provider registry and the
 * dpif_*() functions, which check their arguments and call the provider.
 * See dpif.h. */
#include "datapath/dpif.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "datapath/dp_actions.h"
#include "datapath/dp_packet.h"
#include "lib/strbuf.h"
#include "lib/util.h"

/* Providers are few (dummy, dpdk, ebpf); a small array is enough. */
#define MAX_CLASSES 16

static pthread_mutex_t classes_mutex = PTHREAD_MUTEX_INITIALIZER;
static const struct dpif_class *classes[MAX_CLASSES];
static size_t n_classes;

/* OpenFlow meter numbers: 1..OFPM_MAX. */
#define METER_ID_MAX 0xffff0000u

static const struct dpif_class *
lookup_locked(const char *type)
{
    for (size_t i = 0; i < n_classes; i++) {
        if (!strcmp(classes[i]->type, type)) {
            return classes[i];
        }
    }
    return NULL;
}

int
dpif_register_class(const struct dpif_class *class)
{
    int error = 0;

    if (!class || !class->type || !class->open || !class->close) {
        return -EINVAL;
    }
    pthread_mutex_lock(&classes_mutex);
    if (lookup_locked(class->type)) {
        error = -EEXIST;
    } else if (n_classes >= MAX_CLASSES) {
        error = -ENOSPC;
    } else {
        classes[n_classes++] = class;
    }
    pthread_mutex_unlock(&classes_mutex);
    return error;
}

const struct dpif_class *
dpif_class_lookup(const char *type)
{
    const struct dpif_class *class;

    if (!type) {
        return NULL;
    }
    pthread_mutex_lock(&classes_mutex);
    class = lookup_locked(type);
    pthread_mutex_unlock(&classes_mutex);
    return class;
}

void
dpif_set_error(char **errorp, const char *fmt, ...)
{
    if (errorp) {
        struct strbuf sb;
        va_list args;

        strbuf_init(&sb);
        va_start(args, fmt);
        strbuf_vprintf(&sb, fmt, args);
        va_end(args);
        *errorp = strbuf_steal(&sb);
    }
}

static char *
known_types(void)
{
    struct strbuf sb;

    strbuf_init(&sb);
    pthread_mutex_lock(&classes_mutex);
    for (size_t i = 0; i < n_classes; i++) {
        strbuf_printf(&sb, "%s%s", i ? ", " : "", classes[i]->type);
    }
    pthread_mutex_unlock(&classes_mutex);
    if (!n_classes) {
        strbuf_puts(&sb, "none");
    }
    return strbuf_steal(&sb);
}

int
dpif_open(const char *type, const char *name, struct dpif **dpifp,
          char **errorp)
{
    const struct dpif_class *class;
    char *discard = NULL;
    int error;

    *dpifp = NULL;
    if (errorp) {
        *errorp = NULL;
    }
    if (!name || !name[0]) {
        dpif_set_error(errorp, "A datapath needs a name; give it one.");
        return -EINVAL;
    }
    class = dpif_class_lookup(type ? type : "");
    if (!class) {
        char *types = known_types();

        dpif_set_error(errorp,
                       "No datapath type \"%s\" is registered (known types: "
                       "%s); use one of those.",
                       type ? type : "", types);
        free(types);
        return -ENOENT;
    }
    error = class->open(class, name, dpifp, errorp ? errorp : &discard);
    free(discard);
    return error;
}

void
dpif_close(struct dpif *dpif)
{
    if (dpif) {
        dpif->class->close(dpif);
    }
}

void
dpif_init(struct dpif *dpif, const struct dpif_class *class, const char *name)
{
    dpif->class = class;
    dpif->name = xstrdup(name);
}

void
dpif_uninit(struct dpif *dpif)
{
    if (dpif) {
        free(dpif->name);
        dpif->name = NULL;
    }
}

/* Ports. */

int
dpif_port_add(struct dpif *dpif, const struct dpif_port_config *config,
              uint32_t *port_nop, char **errorp)
{
    char *discard = NULL;
    uint32_t port_no;
    int error;

    if (errorp) {
        *errorp = NULL;
    }
    if (!dpif || !config) {
        return -EINVAL;
    }
    if (!config->name || !config->name[0] || !config->type
        || (config->n_options && !config->options)) {
        dpif_set_error(errorp, "A port needs a name and a type; give both (for "
                               "example type=dummy).");
        return -EINVAL;
    }
    if (!dpif->class->port_add) {
        return -EOPNOTSUPP;
    }
    error = dpif->class->port_add(dpif, config, &port_no,
                                  errorp ? errorp : &discard);
    free(discard);
    if (!error && port_nop) {
        *port_nop = port_no;
    }
    return error;
}

int
dpif_port_del(struct dpif *dpif, uint32_t port_no)
{
    if (!dpif) {
        return -EINVAL;
    }
    return dpif->class->port_del ? dpif->class->port_del(dpif, port_no)
                                 : -EOPNOTSUPP;
}

int
dpif_port_query(struct dpif *dpif, uint32_t port_no, struct dpif_port *port)
{
    if (!dpif || !port) {
        return -EINVAL;
    }
    memset(port, 0, sizeof *port);
    return dpif->class->port_query
               ? dpif->class->port_query(dpif, port_no, NULL, port)
               : -EOPNOTSUPP;
}

int
dpif_port_query_by_name(struct dpif *dpif, const char *name,
                        struct dpif_port *port)
{
    if (!dpif || !name || !port) {
        return -EINVAL;
    }
    memset(port, 0, sizeof *port);
    return dpif->class->port_query
               ? dpif->class->port_query(dpif, DPIF_PORT_ANY, name, port)
               : -EOPNOTSUPP;
}

void
dpif_port_destroy(struct dpif_port *port)
{
    if (port) {
        free(port->name);
        free(port->type);
        port->name = NULL;
        port->type = NULL;
    }
}

int
dpif_port_dump(struct dpif *dpif, struct dpif_port **ports, size_t *n)
{
    if (!dpif || !ports || !n) {
        return -EINVAL;
    }
    *ports = NULL;
    *n = 0;
    return dpif->class->port_dump ? dpif->class->port_dump(dpif, ports, n)
                                  : -EOPNOTSUPP;
}

int
dpif_port_get_stats(struct dpif *dpif, uint32_t port_no,
                    struct dpif_port_stats *stats)
{
    if (!dpif || !stats) {
        return -EINVAL;
    }
    memset(stats, 0, sizeof *stats);
    return dpif->class->port_get_stats
               ? dpif->class->port_get_stats(dpif, port_no, stats)
               : -EOPNOTSUPP;
}

int
dpif_port_set_admin(struct dpif *dpif, uint32_t port_no, bool up)
{
    if (!dpif) {
        return -EINVAL;
    }
    return dpif->class->port_set_admin
               ? dpif->class->port_set_admin(dpif, port_no, up)
               : -EOPNOTSUPP;
}

uint64_t
dpif_port_change_seq(struct dpif *dpif)
{
    return dpif && dpif->class->port_change_seq
               ? dpif->class->port_change_seq(dpif)
               : 0;
}

/* Megaflows. */

int
dpif_flow_put(struct dpif *dpif, const struct flow_match *match,
              const void *actions, size_t actions_len,
              enum dpif_flow_put_flags flags, struct dpif_flow_stats *stats)
{
    if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    if (!dpif || !match || (actions_len && !actions)
        || !(flags & (DPIF_FP_CREATE | DPIF_FP_MODIFY))
        || dp_actions_validate(actions, actions_len)) {
        return -EINVAL;
    }
    return dpif->class->flow_put ? dpif->class->flow_put(
               dpif, match, actions, actions_len, flags, stats)
                                 : -EOPNOTSUPP;
}

int
dpif_flow_del(struct dpif *dpif, const struct flow_match *match,
              struct dpif_flow_stats *stats)
{
    if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    if (!dpif || !match) {
        return -EINVAL;
    }
    return dpif->class->flow_del ? dpif->class->flow_del(dpif, match, stats)
                                 : -EOPNOTSUPP;
}

int
dpif_flow_flush(struct dpif *dpif)
{
    if (!dpif) {
        return -EINVAL;
    }
    return dpif->class->flow_flush ? dpif->class->flow_flush(dpif)
                                   : -EOPNOTSUPP;
}

int
dpif_flow_dump(struct dpif *dpif, dpif_flow_dump_fn *cb, void *aux)
{
    if (!dpif || !cb) {
        return -EINVAL;
    }
    return dpif->class->flow_dump ? dpif->class->flow_dump(dpif, cb, aux)
                                  : -EOPNOTSUPP;
}

int
dpif_execute(struct dpif *dpif, struct dp_packet *packet, const void *actions,
             size_t actions_len)
{
    if (!packet) {
        return -EINVAL;
    }
    if (!dpif || (actions_len && !actions)
        || dp_actions_validate(actions, actions_len)) {
        dp_packet_delete(packet);
        return -EINVAL;
    }
    if (!dpif->class->execute) {
        dp_packet_delete(packet);
        return -EOPNOTSUPP;
    }
    return dpif->class->execute(dpif, packet, actions, actions_len);
}

/* Upcalls. */

void
dpif_register_upcall(struct dpif *dpif, dpif_upcall_fn *fn, void *aux)
{
    if (dpif && dpif->class->register_upcall) {
        dpif->class->register_upcall(dpif, fn, aux);
    }
}

int
dpif_recv(struct dpif *dpif, struct dpif_upcall *upcall)
{
    if (!dpif || !upcall) {
        return -EINVAL;
    }
    return dpif->class->recv ? dpif->class->recv(dpif, upcall) : -EOPNOTSUPP;
}

int
dpif_recv_fd(struct dpif *dpif)
{
    if (!dpif) {
        return -EINVAL;
    }
    return dpif->class->recv_fd ? dpif->class->recv_fd(dpif) : -EOPNOTSUPP;
}

int
dpif_get_stats(struct dpif *dpif, struct dpif_dp_stats *stats)
{
    if (!dpif || !stats) {
        return -EINVAL;
    }
    memset(stats, 0, sizeof *stats);
    return dpif->class->get_stats ? dpif->class->get_stats(dpif, stats)
                                  : -EOPNOTSUPP;
}

/* Meters. */

static bool
meter_id_is_valid(uint32_t meter_id)
{
    return meter_id >= 1 && meter_id <= METER_ID_MAX;
}

static bool
meter_config_is_valid(const struct dpif_meter_config *config)
{
    uint32_t units = config->flags & (DPIF_METER_KBPS | DPIF_METER_PKTPS);

    if (units == (DPIF_METER_KBPS | DPIF_METER_PKTPS)
        || config->n_bands > DPIF_METER_MAX_BANDS) {
        return false;
    }
    for (size_t i = 0; i < config->n_bands; i++) {
        if (!config->bands[i].rate) {
            return false;
        }
    }
    return true;
}

int
dpif_meter_set(struct dpif *dpif, uint32_t meter_id,
               const struct dpif_meter_config *config)
{
    if (!dpif || !config || !meter_id_is_valid(meter_id)
        || !meter_config_is_valid(config)) {
        return -EINVAL;
    }
    return dpif->class->meter_set
               ? dpif->class->meter_set(dpif, meter_id, config)
               : -EOPNOTSUPP;
}

int
dpif_meter_del(struct dpif *dpif, uint32_t meter_id)
{
    if (!dpif || !meter_id_is_valid(meter_id)) {
        return -EINVAL;
    }
    return dpif->class->meter_del ? dpif->class->meter_del(dpif, meter_id)
                                  : -EOPNOTSUPP;
}

int
dpif_meter_get_stats(struct dpif *dpif, uint32_t meter_id,
                     struct dpif_meter_stats *stats)
{
    if (!dpif || !stats || !meter_id_is_valid(meter_id)) {
        return -EINVAL;
    }
    memset(stats, 0, sizeof *stats);
    return dpif->class->meter_get_stats
               ? dpif->class->meter_get_stats(dpif, meter_id, stats)
               : -EOPNOTSUPP;
}

/* QoS. */

int
dpif_qos_set(struct dpif *dpif, uint32_t port_no,
             const struct dpif_qos_config *config, char **errorp)
{
    char *discard = NULL;
    int error;

    if (errorp) {
        *errorp = NULL;
    }
    if (!dpif) {
        return -EINVAL;
    }
    if (config && config->n_queues > DPIF_QOS_MAX_QUEUES) {
        dpif_set_error(
            errorp, "A QoS configuration has at most %d queues; remove some.",
            DPIF_QOS_MAX_QUEUES);
        return -EINVAL;
    }
    if (!dpif->class->qos_set) {
        dpif_set_error(
            errorp,
            "This datapath type (%s) has no egress queues; use meters "
            "for policing instead.",
            dpif->class->type);
        return -EOPNOTSUPP;
    }
    error =
        dpif->class->qos_set(dpif, port_no, config, errorp ? errorp : &discard);
    free(discard);
    return error;
}

int
dpif_queue_get_stats(struct dpif *dpif, uint32_t port_no, uint32_t queue_id,
                     struct dpif_queue_stats *stats)
{
    if (!dpif || !stats) {
        return -EINVAL;
    }
    memset(stats, 0, sizeof *stats);
    return dpif->class->queue_get_stats
               ? dpif->class->queue_get_stats(dpif, port_no, queue_id, stats)
               : -EOPNOTSUPP;
}
