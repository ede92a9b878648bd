/* pont-vswitchd's configuration: the model, lookups, and parsing of
 * pont-vsctl's arguments.  The JSON file is config_json.c's.  See
 * config.h. */
#include "vswitchd/config.h"

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"

int
vsd_errorf(char **errorp, const char *format, ...)
{
    va_list args;
    char *s;

    va_start(args, format);
    if (vasprintf(&s, format, args) < 0) {
        s = NULL;
    }
    va_end(args);
    if (!s) {
        s = xstrdup("out of memory");
    }
    *errorp = s;
    return -EINVAL;
}

/* Lifetime. */

struct vsd_config *
vsd_config_create(void)
{
    return xzalloc(sizeof(struct vsd_config));
}

void
vsd_config_destroy(struct vsd_config *cfg)
{
    if (!cfg) {
        return;
    }
    for (size_t i = 0; i < cfg->n_bridges; i++) {
        vsd_bridge_cfg_destroy(cfg->bridges[i]);
    }
    free(cfg->bridges);
    free(cfg->host_id);
    vsd_dpdk_cfg_clear(&cfg->dpdk);
    free(cfg);
}

static void
free_strings(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i]);
    }
    free(list);
}

void
vsd_bridge_cfg_destroy(struct vsd_bridge_cfg *br)
{
    if (!br) {
        return;
    }
    for (size_t i = 0; i < br->n_ports; i++) {
        vsd_port_cfg_destroy(br->ports[i]);
    }
    free(br->ports);
    free_strings(br->controllers, br->n_controllers);
    free_strings(br->listeners, br->n_listeners);
    free(br->datapath);
    free(br->name);
    free(br);
}

void
vsd_port_cfg_destroy(struct vsd_port_cfg *port)
{
    if (!port) {
        return;
    }
    for (size_t i = 0; i < port->n_options; i++) {
        free(port->options[i].key);
        free(port->options[i].value);
    }
    free(port->options);
    free(port->iface_id);
    free(port->type);
    free(port->name);
    free(port);
}

/* Lookups. */

struct vsd_bridge_cfg *
vsd_config_find_bridge(const struct vsd_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_bridges; i++) {
        if (!strcmp(cfg->bridges[i]->name, name)) {
            return cfg->bridges[i];
        }
    }
    return NULL;
}

struct vsd_port_cfg *
vsd_bridge_cfg_find_port(const struct vsd_bridge_cfg *br, const char *name)
{
    for (size_t i = 0; i < br->n_ports; i++) {
        if (!strcmp(br->ports[i]->name, name)) {
            return br->ports[i];
        }
    }
    return NULL;
}

struct vsd_bridge_cfg *
vsd_config_find_port(const struct vsd_config *cfg, const char *name,
                     struct vsd_port_cfg **portp)
{
    for (size_t i = 0; i < cfg->n_bridges; i++) {
        struct vsd_port_cfg *port =
            vsd_bridge_cfg_find_port(cfg->bridges[i], name);

        if (port) {
            if (portp) {
                *portp = port;
            }
            return cfg->bridges[i];
        }
    }
    return NULL;
}

/* Changes. */

void
vsd_config_add_bridge(struct vsd_config *cfg, struct vsd_bridge_cfg *br)
{
    cfg->bridges =
        xrealloc(cfg->bridges, (cfg->n_bridges + 1) * sizeof *cfg->bridges);
    cfg->bridges[cfg->n_bridges++] = br;
}

/* Removes element 'i' of the pointer array 'array' of '*n' elements,
 * keeping the order of the others (the order the admin added them in,
 * which "show" and the file keep). */
static void *
remove_at(void **array, size_t *n, size_t i)
{
    void *removed = array[i];

    memmove(&array[i], &array[i + 1], (*n - i - 1) * sizeof *array);
    (*n)--;
    return removed;
}

struct vsd_bridge_cfg *
vsd_config_remove_bridge(struct vsd_config *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_bridges; i++) {
        if (!strcmp(cfg->bridges[i]->name, name)) {
            return remove_at((void **) cfg->bridges, &cfg->n_bridges, i);
        }
    }
    return NULL;
}

void
vsd_bridge_cfg_add_port(struct vsd_bridge_cfg *br, struct vsd_port_cfg *port)
{
    br->ports = xrealloc(br->ports, (br->n_ports + 1) * sizeof *br->ports);
    br->ports[br->n_ports++] = port;
}

struct vsd_port_cfg *
vsd_bridge_cfg_remove_port(struct vsd_bridge_cfg *br, const char *name)
{
    for (size_t i = 0; i < br->n_ports; i++) {
        if (!strcmp(br->ports[i]->name, name)) {
            return remove_at((void **) br->ports, &br->n_ports, i);
        }
    }
    return NULL;
}

void
vsd_set_targets(char ***listp, size_t *np, char *const *targets, size_t n)
{
    char **list = n ? xmalloc(n * sizeof *list) : NULL;

    for (size_t i = 0; i < n; i++) {
        list[i] = xstrdup(targets[i]);
    }
    free_strings(*listp, *np);
    *listp = list;
    *np = n;
}

/* Names. */

int
vsd_check_name(const char *kind, const char *name, char **errorp)
{
    size_t len = strlen(name);

    if (!len || len > VSD_NAME_MAX) {
        return vsd_errorf(errorp,
                          "%s name \"%s\" must be 1 to %d characters long",
                          kind, name, VSD_NAME_MAX);
    }
    for (size_t i = 0; i < len; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
            return vsd_errorf(errorp,
                              "%s name \"%s\" may contain only letters, "
                              "digits, '-', '_' and '.'",
                              kind, name);
        }
    }
    return 0;
}

int
vsd_check_iface_id(const char *s, char **errorp)
{
    size_t len = strlen(s);

    if (!len) {
        return vsd_errorf(errorp, "iface-id= needs a value, such as "
                                  "iface-id=tenant/vm1");
    }
    if (len > VSD_IFACE_ID_MAX) {
        return vsd_errorf(errorp,
                          "iface-id \"%s\" is %zu bytes long; the most a "
                          "switch can report to its controller is %d",
                          s, len, VSD_IFACE_ID_MAX);
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] <= ' ' || s[i] > '~') {
            return vsd_errorf(errorp,
                              "iface-id \"%s\" may contain only printable "
                              "characters other than spaces",
                              s);
        }
    }
    return 0;
}

int
vsd_check_host_id(const char *s, char **errorp)
{
    size_t len = strlen(s);

    if (!len || len > VSD_HOST_ID_MAX) {
        return vsd_errorf(errorp, "host id \"%s\" must be 1 to %d bytes long",
                          s, VSD_HOST_ID_MAX);
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
            return vsd_errorf(errorp,
                              "host id \"%s\" may contain only letters, "
                              "digits, '-', '_' and '.'",
                              s);
        }
    }
    return 0;
}

const char *
vsd_host_id(const struct vsd_config *cfg)
{
    static char name[VSD_HOST_ID_MAX + 1];
    char host[256];

    if (cfg->host_id) {
        return cfg->host_id;
    }
    if (gethostname(host, sizeof host) || !host[0]) {
        snprintf(host, sizeof host, "localhost");
    }
    host[sizeof host - 1] = '\0';
    host[strcspn(host, ".")] = '\0';
    host[VSD_HOST_ID_MAX] = '\0';
    memcpy(name, host, sizeof name);
    return name;
}

int
vsd_config_check_new_name(const struct vsd_config *cfg, const char *kind,
                          const char *name, char **errorp)
{
    int error = vsd_check_name(kind, name, errorp);
    struct vsd_bridge_cfg *br;

    if (error) {
        return error;
    }
    if (vsd_config_find_bridge(cfg, name)) {
        vsd_errorf(errorp,
                   "a bridge named %s already exists, and so does its "
                   "port of that name (pont-vsctl show lists them)",
                   name);
        return -EEXIST;
    }
    br = vsd_config_find_port(cfg, name, NULL);
    if (br) {
        vsd_errorf(errorp,
                   "a port named %s already exists on bridge %s "
                   "(pont-vsctl show lists them)",
                   name, br->name);
        return -EEXIST;
    }
    return 0;
}

/* DPDK settings. */

void
vsd_dpdk_cfg_clear(struct vsd_dpdk_cfg *dpdk)
{
    free(dpdk->eal_args);
    free(dpdk->pmd_cores);
    memset(dpdk, 0, sizeof *dpdk);
}

/* Parses the CPU number at '*sp' and advances '*sp' past it.  Returns
 * false if there is none or it is too high for a cpu_set_t. */
static bool
parse_cpu(const char **sp, unsigned long *cpup)
{
    char *end;

    if (**sp < '0' || **sp > '9') {
        return false;
    }
    errno = 0;
    *cpup = strtoul(*sp, &end, 10);
    *sp = end;
    return !errno && *cpup < CPU_SETSIZE;
}

int
vsd_check_cpu_list(const char *s, char **errorp)
{
    const char *p = s;

    for (;;) {
        unsigned long first, last;

        if (!parse_cpu(&p, &first)) {
            break;
        }
        last = first;
        if (*p == '-' && (p++, !parse_cpu(&p, &last))) {
            break;
        }
        if (last < first) {
            return vsd_errorf(errorp,
                              "\"%s\" is not a CPU list: the range "
                              "%lu-%lu goes backwards",
                              s, first, last);
        }
        if (!*p) {
            return 0;
        }
        if (*p++ != ',') {
            break;
        }
    }
    return vsd_errorf(errorp,
                      "\"%s\" is not a CPU list: write CPU numbers (0 to "
                      "%d) and ranges separated by commas, such as 1 or "
                      "2-3,6",
                      s, CPU_SETSIZE - 1);
}

int
vsd_check_eal_args(const char *s, char **errorp)
{
    if (strpbrk(s, "\"'")) {
        return vsd_errorf(errorp,
                          "EAL arguments are split at white space, without "
                          "quoting, so they cannot hold quotes: leave the "
                          "quotes out of \"%s\"",
                          s);
    }
    return 0;
}

static int
parse_max_sleep_us(const char *s, uint32_t *usp, char **errorp)
{
    unsigned long n = 0;
    char *end = NULL;

    errno = 0;
    if (s[0] >= '0' && s[0] <= '9') {
        n = strtoul(s, &end, 10);
    }
    if (!end || *end || errno || n > VSD_PMD_MAX_SLEEP_US_MAX) {
        return vsd_errorf(errorp,
                          "\"%s\" is not a number of microseconds from 0 "
                          "to %d (0: the PMD threads never sleep)",
                          s, VSD_PMD_MAX_SLEEP_US_MAX);
    }
    *usp = n;
    return 0;
}

/* Sets the string setting '*settingp' to 'value' (NULL or "": unset). */
static bool
set_string(char **settingp, const char *value)
{
    char *copy = value && *value ? xstrdup(value) : NULL;
    bool changed = (!copy != !*settingp) || (copy && strcmp(copy, *settingp));

    free(*settingp);
    *settingp = copy;
    return changed;
}

int
vsd_dpdk_cfg_set(struct vsd_dpdk_cfg *dpdk, const char *key, const char *value,
                 bool *changedp, char **errorp)
{
    uint32_t us = 0;
    int error = 0;

    *changedp = false;
    if (!strcmp(key, VSD_DPDK_EAL_ARGS)) {
        error = vsd_check_eal_args(value, errorp);
        *changedp = !error && set_string(&dpdk->eal_args, value);
    } else if (!strcmp(key, VSD_DPDK_PMD_CORES)) {
        error = *value ? vsd_check_cpu_list(value, errorp) : 0;
        *changedp = !error && set_string(&dpdk->pmd_cores, value);
    } else if (!strcmp(key, VSD_DPDK_PMD_MAX_SLEEP_US)) {
        error = *value ? parse_max_sleep_us(value, &us, errorp) : 0;
        if (!error) {
            *changedp = dpdk->has_pmd_max_sleep_us != !!*value
                        || dpdk->pmd_max_sleep_us != us;
            dpdk->has_pmd_max_sleep_us = *value;
            dpdk->pmd_max_sleep_us = us;
        }
    } else {
        error = vsd_errorf(errorp,
                           "there is no DPDK setting \"%s\": the settings "
                           "are %s, %s and %s",
                           key, VSD_DPDK_EAL_ARGS, VSD_DPDK_PMD_CORES,
                           VSD_DPDK_PMD_MAX_SLEEP_US);
    }
    return error;
}

/* Arguments. */

static const char *const datapath_types[] = {"dummy", "dpdk", "ebpf"};

bool
vsd_datapath_type_known(const char *s)
{
    for (size_t i = 0; i < ARRAY_SIZE(datapath_types); i++) {
        if (!strcmp(s, datapath_types[i])) {
            return true;
        }
    }
    return false;
}

/* Splits "key=value" at its first '='.  Returns false if there is none or
 * the key is empty. */
static bool
split_pair(const char *arg, char **keyp, const char **valuep)
{
    const char *eq = strchr(arg, '=');

    if (!eq || eq == arg) {
        return false;
    }
    *keyp = strndup(arg, eq - arg);
    if (!*keyp) {
        abort();
    }
    *valuep = eq + 1;
    return true;
}

int
vsd_bridge_cfg_parse(const char *name, char *const *args, size_t n_args,
                     struct vsd_bridge_cfg **brp, char **errorp)
{
    struct vsd_bridge_cfg *br;
    int error = vsd_check_name("bridge", name, errorp);

    if (error) {
        return error;
    }
    br = xzalloc(sizeof *br);
    br->name = xstrdup(name);
    for (size_t i = 0; i < n_args; i++) {
        const char *value;
        char *key = NULL;

        if (!split_pair(args[i], &key, &value)) {
            error = vsd_errorf(errorp,
                               "\"%s\" is not KEY=VALUE: add-br takes "
                               "datapath=dummy|dpdk|ebpf",
                               args[i]);
        } else if (strcmp(key, "datapath")) {
            error = vsd_errorf(errorp,
                               "add-br does not know \"%s\": it takes "
                               "datapath=dummy|dpdk|ebpf",
                               key);
        } else if (br->datapath) {
            error = vsd_errorf(errorp, "datapath= is given twice");
        } else if (!vsd_datapath_type_known(value)) {
            error = vsd_errorf(errorp,
                               "unknown datapath type \"%s\": use dummy, "
                               "dpdk or ebpf",
                               value);
        } else {
            br->datapath = xstrdup(value);
        }
        free(key);
        if (error) {
            vsd_bridge_cfg_destroy(br);
            return error;
        }
    }
    if (!br->datapath) {
        br->datapath = xstrdup("dummy");
    }
    *brp = br;
    return 0;
}

static int
parse_ofport(const char *s, uint32_t *ofportp, char **errorp)
{
    char *end;
    unsigned long n;

    errno = 0;
    n = s[0] >= '0' && s[0] <= '9' ? strtoul(s, &end, 10) : 0;
    if (!n || errno || *end || n > VSD_OFPORT_MAX) {
        return vsd_errorf(errorp,
                          "ofport=%s is not an OpenFlow port number: use "
                          "1 to %d, or leave it out to have one picked",
                          s, VSD_OFPORT_MAX);
    }
    *ofportp = n;
    return 0;
}

static bool
port_has_option(const struct vsd_port_cfg *port, const char *key)
{
    for (size_t i = 0; i < port->n_options; i++) {
        if (!strcmp(port->options[i].key, key)) {
            return true;
        }
    }
    return false;
}

/* Applies one "key=value" of add-port to 'port'; takes ownership of
 * 'key'. */
static int
apply_port_arg(struct vsd_port_cfg *port, char *key, const char *value,
               bool *seen_ofport, char **errorp)
{
    int error = 0;

    if (!strcmp(key, "type")) {
        if (port->type) {
            error = vsd_errorf(errorp, "type= is given twice");
        } else if (!*value) {
            error = vsd_errorf(errorp, "type= needs a port type, such as "
                                       "type=dummy");
        } else {
            port->type = xstrdup(value);
        }
    } else if (!strcmp(key, "ofport")) {
        error = *seen_ofport ? vsd_errorf(errorp, "ofport= is given twice")
                             : parse_ofport(value, &port->ofport, errorp);
        *seen_ofport = true;
    } else if (!strcmp(key, "iface-id")) {
        if (port->iface_id) {
            error = vsd_errorf(errorp, "iface-id= is given twice");
        } else {
            error = vsd_check_iface_id(value, errorp);
            if (!error) {
                port->iface_id = xstrdup(value);
            }
        }
    } else if (port_has_option(port, key)) {
        error = vsd_errorf(errorp, "%s= is given twice", key);
    } else {
        port->options = xrealloc(port->options,
                                 (port->n_options + 1) * sizeof *port->options);
        port->options[port->n_options].key = key;
        port->options[port->n_options++].value = xstrdup(value);
        return 0;
    }
    free(key);
    return error;
}

int
vsd_port_cfg_parse(const char *name, char *const *args, size_t n_args,
                   struct vsd_port_cfg **portp, char **errorp)
{
    struct vsd_port_cfg *port;
    bool seen_ofport = false;
    int error = vsd_check_name("port", name, errorp);

    if (error) {
        return error;
    }
    port = xzalloc(sizeof *port);
    port->name = xstrdup(name);
    for (size_t i = 0; i < n_args && !error; i++) {
        const char *value;
        char *key = NULL;

        if (!split_pair(args[i], &key, &value)) {
            error = vsd_errorf(errorp,
                               "\"%s\" is not KEY=VALUE: add-port takes "
                               "type=TYPE [ofport=N] [iface-id=ID] "
                               "[KEY=VALUE...]",
                               args[i]);
        } else {
            error = apply_port_arg(port, key, value, &seen_ofport, errorp);
        }
    }
    if (!error && !port->type) {
        error = vsd_errorf(errorp, "add-port needs type=TYPE (type=dummy "
                                   "on a dummy bridge)");
    }
    if (error) {
        vsd_port_cfg_destroy(port);
        return error;
    }
    *portp = port;
    return 0;
}

int
vsd_parse_datapath_id(const char *s, uint64_t *dpidp, char **errorp)
{
    const char *digits = s;
    size_t n;

    if (!strncmp(digits, "0x", 2) || !strncmp(digits, "0X", 2)) {
        digits += 2;
    }
    n = strlen(digits);
    if (!n || n > 16 || strspn(digits, "0123456789abcdefABCDEF") != n) {
        return vsd_errorf(errorp,
                          "\"%s\" is not a datapath id: use 1 to 16 "
                          "hexadecimal digits, such as 00000000000000aa",
                          s);
    }
    *dpidp = strtoull(digits, NULL, 16);
    return 0;
}

int
vsd_parse_fail_mode(const char *s, enum vsd_fail_mode *modep, char **errorp)
{
    if (!strcmp(s, "secure")) {
        *modep = VSD_FAIL_SECURE;
    } else if (!strcmp(s, "standalone")) {
        *modep = VSD_FAIL_STANDALONE;
    } else {
        return vsd_errorf(errorp,
                          "unknown fail mode \"%s\": use secure or "
                          "standalone",
                          s);
    }
    return 0;
}

const char *
vsd_fail_mode_name(enum vsd_fail_mode mode)
{
    return mode == VSD_FAIL_STANDALONE ? "standalone" : "secure";
}
