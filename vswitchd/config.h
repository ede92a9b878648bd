/* pont-vswitchd's configuration: what the admin asked for, kept in a JSON
 * file so that a restart comes back as it was.
 *
 * Design
 * ------
 * The configuration is plain data: bridges, each with its datapath type,
 * optional datapath id, fail mode, controller and listener targets, and
 * ports (name, type, OpenFlow port number, iface-id, datapath options).
 * This module knows nothing of datapaths or OpenFlow switches: it parses
 * and checks what pont-vsctl sends ("datapath=dummy", "ofport=3",
 * "sock=/run/x"), reads and writes the file, and finds things by name.
 * vswitchd/bridge.c makes the configuration real; vswitchd/ctl.c applies a
 * change to the running switch first and to the configuration only once
 * that succeeded, then saves.
 *
 * The file ("version": 1):
 *
 *     {"version": 1,
 *      "host_id": "compute-7",
 *      "dpdk": {"eal-args": "--single-file-segments --file-prefix=pont",
 *               "pmd-cores": "2-3", "pmd-max-sleep-us": 250},
 *      "bridges": [{"name": "br0", "datapath": "dummy",
 *                   "datapath_id": "00000000000000aa",
 *                   "fail_mode": "secure",
 *                   "controllers": ["tcp:10.0.0.1:6653"],
 *                   "listeners": ["ptcp:6634"],
 *                   "ports": [{"name": "p1", "type": "dummy", "ofport": 1,
 *                              "iface_id": "acme/vm1",
 *                              "options": {"sock": "/run/p1.sock"}}]}]}
 *
 * Every member but "name" may be left out ("datapath" defaults to dummy,
 * "fail_mode" to secure, "ofport" 0 means "the switch picks one"; a DPDK
 * setting left out takes the datapath's default, datapath/dpif_dpdk.h).
 * Members nobody knows are an error, so that a typo is not silently
 * ignored.  Saving writes a temporary file next to the real one, flushes it
 * to disk and renames it over the real one, so that a crash leaves the old
 * file or the new one, never half of one.
 *
 * Names: bridge and port names are 1 to 15 characters (an OpenFlow port
 * name holds 15 and a NUL) of letters, digits, '-', '_' and '.'; a port
 * name is unique among all ports and bridges of the switch, since each
 * bridge has a port named like itself.
 *
 * Errors: functions return 0 or a negative errno value, and set '*errorp'
 * to a malloc'd sentence (the caller frees it) saying what was wrong and
 * what to do.
 *
 * Thread-safety: none; the daemon uses it from its main thread only. */
#ifndef PONT_VSWITCHD_CONFIG_H
#define PONT_VSWITCHD_CONFIG_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest bridge or port name, without the NUL. */
#define VSD_NAME_MAX 15

/* The highest OpenFlow port number a port may ask for (OFPP_MAX). */
#define VSD_OFPORT_MAX 0xfeff

/* The longest host id and iface-id, in bytes: what the switch's
 * PONT_HOST_INFO_REPLY can carry (ofproto/ofp_msg.h). */
#define VSD_HOST_ID_MAX 32
#define VSD_IFACE_ID_MAX 63

enum vsd_fail_mode {
    VSD_FAIL_SECURE,    /* Keep forwarding by the installed flows. */
    VSD_FAIL_STANDALONE /* Act as a learning switch without controller. */
};

/* A key=value option of a port, passed to the datapath as it is. */
struct vsd_option {
    char *key;
    char *value;
};

struct vsd_port_cfg {
    char *name;
    char *type;      /* Datapath port type: "dummy", ... */
    uint32_t ofport; /* 0: the switch picks one. */
    char *iface_id;  /* NULL if none. */
    struct vsd_option *options;
    size_t n_options;
};

struct vsd_bridge_cfg {
    char *name;
    char *datapath;       /* "dummy", "dpdk" or "ebpf". */
    bool has_datapath_id; /* False: derived from the name. */
    uint64_t datapath_id;
    enum vsd_fail_mode fail_mode;
    char **controllers;
    size_t n_controllers;
    char **listeners;
    size_t n_listeners;
    struct vsd_port_cfg **ports;
    size_t n_ports;
};

/* The process-wide settings of the DPDK datapath (datapath/dpif_dpdk.h).
 * Each one that is unset takes the datapath's default. */
struct vsd_dpdk_cfg {
    char *eal_args;  /* NULL: unset. */
    char *pmd_cores; /* NULL: unset. */
    bool has_pmd_max_sleep_us;
    uint32_t pmd_max_sleep_us;
};

/* The longest PMD sleep one may ask for.  A PMD that sleeps longer delays
 * the first packet of a burst by as much and lets its receive queues
 * overflow meanwhile; Open vSwitch caps its pmd-maxsleep at the same. */
#define VSD_PMD_MAX_SLEEP_US_MAX 10000

struct vsd_config {
    char *host_id; /* NULL: the machine's host name (vsd_host_id()). */
    struct vsd_dpdk_cfg dpdk;
    struct vsd_bridge_cfg **bridges;
    size_t n_bridges;
};

/* Whole configurations. */

/* Returns an empty configuration; never NULL. */
struct vsd_config *vsd_config_create(void);
void vsd_config_destroy(struct vsd_config *); /* NULL is fine. */

/* Reads the file at 'path' into '*cfgp' (the caller destroys it).  A file
 * that does not exist is an empty configuration (a first start).  A file
 * that cannot be read, is not valid JSON, or does not describe a valid
 * configuration is an error whose sentence names the file and, for JSON
 * syntax, the line and column; for a bad value, where it is
 * ("bridges[0].ports[2].ofport"). */
int vsd_config_load(const char *path, struct vsd_config **cfgp, char **errorp);

/* The same from 'text'; 'name' names the source in messages. */
int vsd_config_parse(const char *text, const char *name,
                     struct vsd_config **cfgp, char **errorp);

/* Returns 'cfg' as JSON text, malloc'd, ending in a newline. */
char *vsd_config_to_string(const struct vsd_config *cfg);

/* Writes 'cfg' to 'path' atomically (temporary file, fsync, rename). */
int vsd_config_save(const struct vsd_config *cfg, const char *path,
                    char **errorp);

/* Finding things.  Each returns NULL if there is no such thing. */
struct vsd_bridge_cfg *vsd_config_find_bridge(const struct vsd_config *,
                                              const char *name);
struct vsd_port_cfg *vsd_bridge_cfg_find_port(const struct vsd_bridge_cfg *,
                                              const char *name);
/* Finds the bridge that has a port named 'name' (but not its own port). */
struct vsd_bridge_cfg *vsd_config_find_port(const struct vsd_config *,
                                            const char *name,
                                            struct vsd_port_cfg **portp);

/* Changes.  The add functions take ownership of what they add; the caller
 * checked with vsd_config_check_new_name() that the name is free.  The
 * remove functions return what they removed (the caller destroys it), or
 * NULL if there is no such thing. */
void vsd_config_add_bridge(struct vsd_config *, struct vsd_bridge_cfg *);
struct vsd_bridge_cfg *vsd_config_remove_bridge(struct vsd_config *,
                                                const char *name);
void vsd_bridge_cfg_add_port(struct vsd_bridge_cfg *, struct vsd_port_cfg *);
struct vsd_port_cfg *vsd_bridge_cfg_remove_port(struct vsd_bridge_cfg *,
                                                const char *name);

/* Returns 0 if 'name' may name a new bridge or port ('kind': "bridge" or
 * "port", for the message): a valid name that no bridge or port has yet.
 * -EINVAL for an invalid name, -EEXIST for a name in use. */
int vsd_config_check_new_name(const struct vsd_config *, const char *kind,
                              const char *name, char **errorp);

/* The host id: the name the switch gives its controller for this host
 * (PONT_HOST_INFO_REPLY). */

/* Returns 0 if 's' may be a host id: 1 to VSD_HOST_ID_MAX bytes of
 * letters, digits, '-', '_' and '.'; otherwise -EINVAL with a sentence. */
int vsd_check_host_id(const char *s, char **errorp);

/* Returns the host id in effect: 'cfg->host_id' if set, otherwise the
 * machine's host name, cut at its first '.' and at VSD_HOST_ID_MAX bytes
 * ("localhost" if it has none), in a static buffer. */
const char *vsd_host_id(const struct vsd_config *cfg);

/* Returns 0 if 's' may be a port's iface-id: 1 to VSD_IFACE_ID_MAX bytes
 * of printable characters other than spaces; otherwise -EINVAL with a
 * sentence. */
int vsd_check_iface_id(const char *s, char **errorp);

/* The DPDK settings. */

/* The names of the DPDK settings, as the file's "dpdk" object has them. */
#define VSD_DPDK_EAL_ARGS "eal-args"
#define VSD_DPDK_PMD_CORES "pmd-cores"
#define VSD_DPDK_PMD_MAX_SLEEP_US "pmd-max-sleep-us"

/* Sets the DPDK setting called 'key' (one of the names above) to 'value',
 * given as text (as on pont-vswitchd's command line) and checked as the
 * file's loader checks it; an empty 'value' unsets the setting, so that
 * the default applies again.  Sets '*changedp' to whether the setting
 * changed.  Returns 0, or -EINVAL with a sentence that does not name the
 * setting (the caller says where the value came from). */
int vsd_dpdk_cfg_set(struct vsd_dpdk_cfg *, const char *key, const char *value,
                     bool *changedp, char **errorp);

/* Checks a CPU list such as "1" or "2-3,6": CPU numbers and ascending
 * ranges, separated by commas.  Whether the CPUs exist is the datapath's
 * business. */
int vsd_check_cpu_list(const char *s, char **errorp);

/* Checks EAL arguments: the datapath splits them at white space without
 * quoting, so quotes are an error rather than a surprise. */
int vsd_check_eal_args(const char *s, char **errorp);

/* Frees the settings' strings and unsets them all. */
void vsd_dpdk_cfg_clear(struct vsd_dpdk_cfg *);

/* Parsing pont-vsctl's arguments. */

/* Returns 0 if 'name' is a valid bridge or port name, otherwise -EINVAL
 * with a message naming 'kind'. */
int vsd_check_name(const char *kind, const char *name, char **errorp);

/* Makes a bridge named 'name' from "add-br" arguments: "datapath=TYPE"
 * (dummy, dpdk or ebpf; default dummy).  Whether the type is available in
 * this build is the bridge module's business. */
int vsd_bridge_cfg_parse(const char *name, char *const *args, size_t n_args,
                         struct vsd_bridge_cfg **brp, char **errorp);
void vsd_bridge_cfg_destroy(struct vsd_bridge_cfg *); /* NULL is fine. */

/* True if 's' is a datapath type Pont knows: dummy, dpdk or ebpf. */
bool vsd_datapath_type_known(const char *s);

/* Makes a port named 'name' from "add-port" arguments: "type=TYPE"
 * (required), "ofport=N" (1 to 65279), "iface-id=ID" (see
 * vsd_check_iface_id()), and any other
 * "key=value", kept as a datapath option.  A key given twice is an
 * error. */
int vsd_port_cfg_parse(const char *name, char *const *args, size_t n_args,
                       struct vsd_port_cfg **portp, char **errorp);
void vsd_port_cfg_destroy(struct vsd_port_cfg *); /* NULL is fine. */

/* Parses a datapath id: 1 to 16 hexadecimal digits, with or without "0x"
 * (as ovs-vsctl's other-config:datapath-id takes it). */
int vsd_parse_datapath_id(const char *s, uint64_t *dpidp, char **errorp);

/* Parses "secure" or "standalone". */
int vsd_parse_fail_mode(const char *s, enum vsd_fail_mode *modep,
                        char **errorp);
const char *vsd_fail_mode_name(enum vsd_fail_mode);

/* Replaces a list of targets ('*listp', '*np') by a copy of 'targets'. */
void vsd_set_targets(char ***listp, size_t *np, char *const *targets, size_t n);

/* Sets '*errorp' to a new sentence formatted like printf() and returns
 * -EINVAL. */
int vsd_errorf(char **errorp, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* vswitchd/config.h */
