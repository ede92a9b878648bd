/* The whole switch as pont-vswitchd runs it, and its control socket.
 *
 * Design
 * ------
 * struct vsd_switch holds the configuration (vswitchd/config.h), the file
 * it is kept in, and a running bridge (vswitchd/bridge.h) for each of its
 * bridges.  The control socket's methods (the table of
 * vswitchd/ctl_commands.h, served over lib/jsonrpc.h) change the running
 * switch first; only when that worked do they change the configuration
 * and save it, so that the file never holds what the switch refused, and
 * a refused change leaves both as they were.
 *
 * Thread-safety: main thread only (the one running the event_base). */
#ifndef PONT_VSWITCHD_CTL_H
#define PONT_VSWITCHD_CTL_H 1

#include <stddef.h>

struct event_base;
struct jsonrpc_server;
struct vsd_bridge;
struct vsd_config;

struct vsd_switch {
    struct event_base *base;
    char *config_path;
    struct vsd_config *cfg;      /* Owned. */
    struct vsd_bridge **bridges; /* One per bridge of 'cfg', any order. */
    size_t n_bridges;
};

/* A setting from the command line: its name and its value as text. */
struct vsd_setting {
    const char *key;
    const char *value;
};

/* Loads the configuration file 'config_path', applies over its DPDK
 * settings the 'n_dpdk' ones in 'dpdk' (from the command line: each key a
 * VSD_DPDK_* name, each value as vsd_dpdk_cfg_set() takes it) and over its
 * host id 'host_id' (from the command line, already checked with
 * vsd_check_host_id(); NULL keeps the file's), hands the result to the
 * DPDK datapath (dpif_dpdk_configure()), and creates the bridges and
 * ports on 'base'.  Then, if the command line changed the DPDK settings
 * or the host id, it saves them to the file (a failure to save is logged:
 * they hold until the switch stops).
 *
 * A file that cannot be loaded, DPDK settings that the datapath refuses,
 * or a bridge that cannot be created is an error (with '*errorp' a
 * sentence), after which nothing is left running and the file is as it
 * was; a port that cannot be attached is logged and kept in the
 * configuration ("show" says it is not attached). */
int vsd_switch_start(struct vsd_switch *, struct event_base *base,
                     const char *config_path, const struct vsd_setting *dpdk,
                     size_t n_dpdk, const char *host_id, char **errorp);

/* Destroys every bridge and frees the configuration (the file stays). */
void vsd_switch_stop(struct vsd_switch *);

/* Registers every control command on 'server', served for 'sw'. */
int vsd_ctl_register(struct jsonrpc_server *server, struct vsd_switch *sw);

#endif /* vswitchd/ctl.h */
