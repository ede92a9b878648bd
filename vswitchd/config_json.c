/* pont-vswitchd's configuration file: JSON in and out, and the atomic
 * save.  See config.h for the format. */
#include "vswitchd/config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/util.h"

#define CONFIG_VERSION 1

/* Reading
 * ------- */

/* Where a value is in the file, for messages: "bridges[0].ports[2]". */
struct json_where {
    const char *source; /* The file's name. */
    struct strbuf path;
    char **errorp;
};

static int
bad_value(struct json_where *w, const char *member, const char *what)
{
    return vsd_errorf(w->errorp,
                      "%s: %s%s%s %s (fix the file or remove it to start "
                      "with an empty switch)",
                      w->source, strbuf_str(&w->path),
                      w->path.len && *member ? "." : "", member, what);
}

/* Puts where the value is in front of a checker's sentence: 'error' is the
 * checker's result, with its sentence in '*w->errorp'. */
static int
checked(struct json_where *w, const char *member, int error)
{
    char *what;

    if (!error) {
        return 0;
    }
    what = *w->errorp;
    *w->errorp = NULL;
    bad_value(w, member, what);
    free(what);
    return error;
}

/* Checks that 'obj' has only members named in 'known' (NULL-terminated). */
static int
check_members(struct json_where *w, json_t *obj, const char *const *known)
{
    const char *key;
    json_t *value;

    json_object_foreach(obj, key, value)
    {
        size_t i;

        for (i = 0; known[i] && strcmp(known[i], key); i++) {
            continue;
        }
        if (!known[i]) {
            return bad_value(w, key, "is not a known member");
        }
    }
    return 0;
}

/* Copies the string member 'member' of 'obj' to '*sp', or leaves '*sp'
 * NULL if there is none and it is optional. */
static int
get_string(struct json_where *w, json_t *obj, const char *member, bool required,
           char **sp)
{
    json_t *value = json_object_get(obj, member);

    if (!value) {
        return required ? bad_value(w, member, "is missing") : 0;
    }
    if (!json_is_string(value) || !json_string_length(value)) {
        return bad_value(w, member, "must be a non-empty string");
    }
    *sp = xstrdup(json_string_value(value));
    return 0;
}

static int
get_string_list(struct json_where *w, json_t *obj, const char *member,
                char ***listp, size_t *np)
{
    json_t *array = json_object_get(obj, member);
    size_t i;
    json_t *item;

    if (!array) {
        return 0;
    }
    if (!json_is_array(array)) {
        return bad_value(w, member, "must be an array of strings");
    }
    *listp = xzalloc((json_array_size(array) + 1) * sizeof **listp);
    json_array_foreach(array, i, item)
    {
        if (!json_is_string(item) || !json_string_length(item)) {
            return bad_value(w, member, "must hold only non-empty strings");
        }
        (*listp)[(*np)++] = xstrdup(json_string_value(item));
    }
    return 0;
}

static int
get_options(struct json_where *w, json_t *obj, struct vsd_port_cfg *port)
{
    json_t *options = json_object_get(obj, "options");
    const char *key;
    json_t *value;

    if (!options) {
        return 0;
    }
    if (!json_is_object(options)) {
        return bad_value(w, "options", "must be an object of strings");
    }
    port->options =
        xzalloc((json_object_size(options) + 1) * sizeof *port->options);
    json_object_foreach(options, key, value)
    {
        struct vsd_option *option = &port->options[port->n_options];

        if (!json_is_string(value) || !*key || !strcmp(key, "type")
            || !strcmp(key, "ofport") || !strcmp(key, "iface-id")) {
            return bad_value(w, "options",
                             "must map option names (not type, ofport or "
                             "iface-id) to strings");
        }
        option->key = xstrdup(key);
        option->value = xstrdup(json_string_value(value));
        port->n_options++;
    }
    return 0;
}

static int
parse_port(struct json_where *w, json_t *obj, struct vsd_port_cfg *port)
{
    static const char *const known[] = {"name",     "type",    "ofport",
                                        "iface_id", "options", NULL};
    json_t *ofport = json_object_get(obj, "ofport");
    int error;

    if (!json_is_object(obj)) {
        return bad_value(w, "", "must be an object");
    }
    error = check_members(w, obj, known);
    error = error ? error : get_string(w, obj, "name", true, &port->name);
    error = error ? error : get_string(w, obj, "type", true, &port->type);
    error =
        error ? error : get_string(w, obj, "iface_id", false, &port->iface_id);
    if (!error && port->iface_id) {
        error = checked(w, "iface_id",
                        vsd_check_iface_id(port->iface_id, w->errorp));
    }
    error = error ? error : get_options(w, obj, port);
    if (!error && ofport) {
        json_int_t n =
            json_is_integer(ofport) ? json_integer_value(ofport) : -1;

        if (n < 0 || n > VSD_OFPORT_MAX) {
            return bad_value(w, "ofport",
                             "must be a number from 1 to 65279, or 0 to "
                             "have one picked");
        }
        port->ofport = n;
    }
    return error;
}

/* Appends "[i]" or ".member[i]" to the path, returning the old length for
 * restoring it. */
static size_t
where_push(struct json_where *w, const char *member, size_t i)
{
    size_t old_len = w->path.len;

    strbuf_printf(&w->path, "%s%s[%zu]", old_len && *member ? "." : "", member,
                  i);
    return old_len;
}

static void
where_pop(struct json_where *w, size_t old_len)
{
    w->path.len = old_len;
    w->path.s[old_len] = '\0';
}

static int
parse_ports(struct json_where *w, json_t *obj, struct vsd_bridge_cfg *br)
{
    json_t *ports = json_object_get(obj, "ports");
    json_t *item;
    size_t i;

    if (!ports) {
        return 0;
    }
    if (!json_is_array(ports)) {
        return bad_value(w, "ports", "must be an array");
    }
    br->ports = xzalloc((json_array_size(ports) + 1) * sizeof *br->ports);
    json_array_foreach(ports, i, item)
    {
        size_t old_len = where_push(w, "ports", i);
        int error;

        br->ports[br->n_ports] = xzalloc(sizeof **br->ports);
        br->n_ports++;
        error = parse_port(w, item, br->ports[br->n_ports - 1]);
        if (error) {
            return error;
        }
        where_pop(w, old_len);
    }
    return 0;
}

static int
parse_bridge_scalars(struct json_where *w, json_t *obj,
                     struct vsd_bridge_cfg *br)
{
    char *dpid = NULL, *fail_mode = NULL, *ignored = NULL;
    int error;

    error = get_string(w, obj, "name", true, &br->name);
    error =
        error ? error : get_string(w, obj, "datapath", false, &br->datapath);
    error = error ? error : get_string(w, obj, "datapath_id", false, &dpid);
    error = error ? error : get_string(w, obj, "fail_mode", false, &fail_mode);
    if (!error && dpid) {
        br->has_datapath_id = true;
        if (vsd_parse_datapath_id(dpid, &br->datapath_id, &ignored)) {
            error = bad_value(w, "datapath_id",
                              "must be 1 to 16 hexadecimal digits");
        }
    }
    if (!error && fail_mode
        && vsd_parse_fail_mode(fail_mode, &br->fail_mode, &ignored)) {
        error = bad_value(w, "fail_mode", "must be secure or standalone");
    }
    if (!error && !br->datapath) {
        br->datapath = xstrdup("dummy");
    }
    free(ignored);
    free(dpid);
    free(fail_mode);
    return error;
}

static int
parse_bridge(struct json_where *w, json_t *obj, struct vsd_bridge_cfg *br)
{
    static const char *const known[] = {"name",      "datapath",  "datapath_id",
                                        "fail_mode", "listeners", "controllers",
                                        "ports",     NULL};
    int error;

    if (!json_is_object(obj)) {
        return bad_value(w, "", "must be an object");
    }
    error = check_members(w, obj, known);
    error = error ? error : parse_bridge_scalars(w, obj, br);
    error = error ? error
                  : get_string_list(w, obj, "controllers", &br->controllers,
                                    &br->n_controllers);
    error = error ? error
                  : get_string_list(w, obj, "listeners", &br->listeners,
                                    &br->n_listeners);
    error = error ? error : parse_ports(w, obj, br);
    if (!error && !vsd_datapath_type_known(br->datapath)) {
        error = bad_value(w, "datapath", "must be dummy, dpdk or ebpf");
    }
    return error;
}

/* A name in the file, and where it is, for the uniqueness check. */
struct named {
    const char *name;
    size_t bridge;
    size_t port; /* SIZE_MAX for the bridge's own name. */
};

static void
format_named(struct strbuf *sb, const struct named *n)
{
    strbuf_printf(sb, "bridges[%zu]", n->bridge);
    if (n->port != SIZE_MAX) {
        strbuf_printf(sb, ".ports[%zu]", n->port);
    }
}

static int
check_one_name(struct json_where *w, const struct named *names, size_t n)
{
    const struct named *this = &names[n];
    char *msg = NULL;
    int error;

    strbuf_clear(&w->path);
    format_named(&w->path, this);
    error = vsd_check_name(this->port == SIZE_MAX ? "bridge" : "port",
                           this->name, &msg);
    if (error) {
        error = bad_value(w, "name", msg);
        free(msg);
        return error;
    }
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i].name, this->name)) {
            struct strbuf other = STRBUF_INIT;

            format_named(&other, &names[i]);
            strbuf_printf(&other, " has that name too (bridge and port "
                                  "names must be unique)");
            error = bad_value(w, "name", strbuf_str(&other));
            strbuf_free(&other);
            return error;
        }
    }
    return 0;
}

static int
check_ofports(struct json_where *w, const struct vsd_bridge_cfg *br,
              size_t bridge)
{
    for (size_t i = 0; i < br->n_ports; i++) {
        for (size_t j = 0; j < i && br->ports[i]->ofport; j++) {
            if (br->ports[j]->ofport == br->ports[i]->ofport) {
                strbuf_clear(&w->path);
                strbuf_printf(&w->path, "bridges[%zu].ports[%zu]", bridge, i);
                return bad_value(w, "ofport",
                                 "is also another port's number on this "
                                 "bridge");
            }
        }
    }
    return 0;
}

/* Checks what holds across bridges and ports: valid and unique names (a
 * bridge's name is also the name of its own port), and unique OpenFlow
 * port numbers within a bridge. */
static int
check_names(struct json_where *w, const struct vsd_config *cfg)
{
    struct named *names = NULL;
    size_t n = 0;
    int error = 0;

    for (size_t i = 0; i < cfg->n_bridges && !error; i++) {
        const struct vsd_bridge_cfg *br = cfg->bridges[i];

        names = xrealloc(names, (n + br->n_ports + 1) * sizeof *names);
        names[n] = (struct named){br->name, i, SIZE_MAX};
        error = check_one_name(w, names, n++);
        for (size_t j = 0; j < br->n_ports && !error; j++) {
            names[n] = (struct named){br->ports[j]->name, i, j};
            error = check_one_name(w, names, n++);
        }
        error = error ? error : check_ofports(w, br, i);
    }
    free(names);
    return error;
}

/* Checks a DPDK string setting that get_string() read with 'check'. */
static int
check_dpdk_string(struct json_where *w, const char *member, const char *value,
                  int (*check)(const char *, char **))
{
    char *msg = NULL;
    int error = value ? check(value, &msg) : 0;

    if (error) {
        error = bad_value(w, member, msg);
        free(msg);
    }
    return error;
}

static int
parse_dpdk(struct json_where *w, json_t *obj, struct vsd_dpdk_cfg *dpdk)
{
    static const char *const known[] = {VSD_DPDK_EAL_ARGS, VSD_DPDK_PMD_CORES,
                                        VSD_DPDK_PMD_MAX_SLEEP_US, NULL};
    json_t *sleep_us = json_object_get(obj, VSD_DPDK_PMD_MAX_SLEEP_US);
    int error;

    strbuf_puts(&w->path, "dpdk");
    if (!json_is_object(obj)) {
        return bad_value(w, "", "must be an object");
    }
    error = check_members(w, obj, known);
    error = error
                ? error
                : get_string(w, obj, VSD_DPDK_EAL_ARGS, false, &dpdk->eal_args);
    error = error ? error
                  : check_dpdk_string(w, VSD_DPDK_EAL_ARGS, dpdk->eal_args,
                                      vsd_check_eal_args);
    error =
        error ? error
              : get_string(w, obj, VSD_DPDK_PMD_CORES, false, &dpdk->pmd_cores);
    error = error ? error
                  : check_dpdk_string(w, VSD_DPDK_PMD_CORES, dpdk->pmd_cores,
                                      vsd_check_cpu_list);
    if (!error && sleep_us) {
        json_int_t us =
            json_is_integer(sleep_us) ? json_integer_value(sleep_us) : -1;

        if (us < 0 || us > VSD_PMD_MAX_SLEEP_US_MAX) {
            char what[80];

            snprintf(what, sizeof what,
                     "must be a number of microseconds from 0 to %d",
                     VSD_PMD_MAX_SLEEP_US_MAX);
            return bad_value(w, VSD_DPDK_PMD_MAX_SLEEP_US, what);
        }
        dpdk->has_pmd_max_sleep_us = true;
        dpdk->pmd_max_sleep_us = us;
    }
    strbuf_clear(&w->path);
    return error;
}

static int
parse_root(struct json_where *w, json_t *root, struct vsd_config *cfg)
{
    static const char *const known[] = {"version", "host_id", "dpdk", "bridges",
                                        NULL};
    json_t *dpdk = json_object_get(root, "dpdk");
    json_t *version = json_object_get(root, "version");
    json_t *bridges = json_object_get(root, "bridges");
    json_t *item;
    size_t i;
    int error;

    if (!json_is_object(root)) {
        return bad_value(w, "configuration", "must be a JSON object");
    }
    error = check_members(w, root, known);
    if (error) {
        return error;
    }
    if (!json_is_integer(version)
        || json_integer_value(version) != CONFIG_VERSION) {
        return bad_value(w, "version",
                         "must be 1 (this pont-vswitchd's "
                         "file format)");
    }
    error = get_string(w, root, "host_id", false, &cfg->host_id);
    if (!error && cfg->host_id) {
        error =
            checked(w, "host_id", vsd_check_host_id(cfg->host_id, w->errorp));
    }
    if (error) {
        return error;
    }
    if (dpdk) {
        error = parse_dpdk(w, dpdk, &cfg->dpdk);
        if (error) {
            return error;
        }
    }
    if (bridges && !json_is_array(bridges)) {
        return bad_value(w, "bridges", "must be an array");
    }
    json_array_foreach(bridges, i, item)
    {
        size_t old_len = where_push(w, "bridges", i);
        struct vsd_bridge_cfg *br = xzalloc(sizeof *br);

        vsd_config_add_bridge(cfg, br);
        error = parse_bridge(w, item, br);
        if (error) {
            return error;
        }
        where_pop(w, old_len);
    }
    return check_names(w, cfg);
}

int
vsd_config_parse(const char *text, const char *name, struct vsd_config **cfgp,
                 char **errorp)
{
    struct json_where w = {name, STRBUF_INIT, errorp};
    struct vsd_config *cfg;
    json_error_t jerror;
    json_t *root;
    int error;

    root = json_loads(text, JSON_REJECT_DUPLICATES, &jerror);
    if (!root) {
        return vsd_errorf(errorp,
                          "%s:%d:%d: %s (the configuration file is not "
                          "valid JSON: fix it, or remove it to start with "
                          "an empty switch)",
                          name, jerror.line, jerror.column, jerror.text);
    }
    cfg = vsd_config_create();
    error = parse_root(&w, root, cfg);
    json_decref(root);
    strbuf_free(&w.path);
    if (error) {
        vsd_config_destroy(cfg);
        return error;
    }
    *cfgp = cfg;
    return 0;
}

/* Reads all of 'path' into a malloc'd string. */
static int
read_file(const char *path, char **textp)
{
    struct strbuf sb = STRBUF_INIT;
    FILE *file = fopen(path, "r");
    char chunk[4096];
    size_t n;

    if (!file) {
        return -errno;
    }
    while ((n = fread(chunk, 1, sizeof chunk, file)) > 0) {
        if (memchr(chunk, '\0', n)) {
            fclose(file);
            strbuf_free(&sb);
            return -EILSEQ;
        }
        strbuf_put(&sb, chunk, n);
    }
    if (ferror(file)) {
        int error = -errno;

        fclose(file);
        strbuf_free(&sb);
        return error ? error : -EIO;
    }
    fclose(file);
    *textp = strbuf_steal(&sb);
    return 0;
}

int
vsd_config_load(const char *path, struct vsd_config **cfgp, char **errorp)
{
    char *text = NULL;
    int error = read_file(path, &text);

    if (error == -ENOENT) {
        *cfgp = vsd_config_create();
        return 0;
    }
    if (error == -EILSEQ) {
        return vsd_errorf(errorp,
                          "%s: the configuration file holds a NUL byte, so "
                          "it is not JSON: fix it, or remove it to start "
                          "with an empty switch",
                          path);
    }
    if (error) {
        vsd_errorf(errorp, "cannot read the configuration file %s: %s", path,
                   strerror(-error));
        return error;
    }
    error = vsd_config_parse(text, path, cfgp, errorp);
    free(text);
    return error;
}

/* Writing
 * ------- */

static json_t *
string_list_to_json(char *const *list, size_t n)
{
    json_t *array = json_array();

    for (size_t i = 0; i < n; i++) {
        json_array_append_new(array, json_string(list[i]));
    }
    return array;
}

static json_t *
port_to_json(const struct vsd_port_cfg *port)
{
    json_t *obj = json_object();

    json_object_set_new(obj, "name", json_string(port->name));
    json_object_set_new(obj, "type", json_string(port->type));
    if (port->ofport) {
        json_object_set_new(obj, "ofport", json_integer(port->ofport));
    }
    if (port->iface_id) {
        json_object_set_new(obj, "iface_id", json_string(port->iface_id));
    }
    if (port->n_options) {
        json_t *options = json_object();

        for (size_t i = 0; i < port->n_options; i++) {
            json_object_set_new(options, port->options[i].key,
                                json_string(port->options[i].value));
        }
        json_object_set_new(obj, "options", options);
    }
    return obj;
}

static json_t *
bridge_to_json(const struct vsd_bridge_cfg *br)
{
    json_t *obj = json_object();
    json_t *ports = json_array();

    json_object_set_new(obj, "name", json_string(br->name));
    json_object_set_new(obj, "datapath", json_string(br->datapath));
    if (br->has_datapath_id) {
        char dpid[17];

        snprintf(dpid, sizeof dpid, "%016" PRIx64, br->datapath_id);
        json_object_set_new(obj, "datapath_id", json_string(dpid));
    }
    json_object_set_new(obj, "fail_mode",
                        json_string(vsd_fail_mode_name(br->fail_mode)));
    json_object_set_new(
        obj, "controllers",
        string_list_to_json(br->controllers, br->n_controllers));
    json_object_set_new(obj, "listeners",
                        string_list_to_json(br->listeners, br->n_listeners));
    for (size_t i = 0; i < br->n_ports; i++) {
        json_array_append_new(ports, port_to_json(br->ports[i]));
    }
    json_object_set_new(obj, "ports", ports);
    return obj;
}

/* Returns the "dpdk" object of the file, or NULL if every setting is
 * unset (the file then has no "dpdk" member). */
static json_t *
dpdk_to_json(const struct vsd_dpdk_cfg *dpdk)
{
    json_t *obj;

    if (!dpdk->eal_args && !dpdk->pmd_cores && !dpdk->has_pmd_max_sleep_us) {
        return NULL;
    }
    obj = json_object();
    if (dpdk->eal_args) {
        json_object_set_new(obj, VSD_DPDK_EAL_ARGS,
                            json_string(dpdk->eal_args));
    }
    if (dpdk->pmd_cores) {
        json_object_set_new(obj, VSD_DPDK_PMD_CORES,
                            json_string(dpdk->pmd_cores));
    }
    if (dpdk->has_pmd_max_sleep_us) {
        json_object_set_new(obj, VSD_DPDK_PMD_MAX_SLEEP_US,
                            json_integer(dpdk->pmd_max_sleep_us));
    }
    return obj;
}

char *
vsd_config_to_string(const struct vsd_config *cfg)
{
    json_t *root = json_object();
    json_t *bridges = json_array();
    json_t *dpdk = dpdk_to_json(&cfg->dpdk);
    struct strbuf sb = STRBUF_INIT;
    char *text;

    json_object_set_new(root, "version", json_integer(CONFIG_VERSION));
    if (cfg->host_id) {
        json_object_set_new(root, "host_id", json_string(cfg->host_id));
    }
    if (dpdk) {
        json_object_set_new(root, "dpdk", dpdk);
    }
    for (size_t i = 0; i < cfg->n_bridges; i++) {
        json_array_append_new(bridges, bridge_to_json(cfg->bridges[i]));
    }
    json_object_set_new(root, "bridges", bridges);
    text = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    if (!text) {
        abort(); /* jansson fails only when out of memory. */
    }
    strbuf_puts(&sb, text);
    strbuf_putc(&sb, '\n');
    free(text);
    return strbuf_steal(&sb);
}

/* Creates the directories missing in the path of 'dir'. */
static int
make_dirs(const char *dir)
{
    char *copy;
    int error = 0;

    if (!strcmp(dir, "/") || !strcmp(dir, ".") || !access(dir, F_OK)) {
        return 0;
    }
    copy = xstrdup(dir);
    error = make_dirs(dirname(copy));
    free(copy);
    if (!error && mkdir(dir, 0755) && errno != EEXIST) {
        error = -errno;
    }
    return error;
}

static int
write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        data += n;
        len -= n;
    }
    return 0;
}

/* Writes 'text' to a new temporary file in 'dir', flushed to disk, and
 * renames it to 'path'; then flushes the directory, so that the rename
 * itself survives a crash. */
static int
replace_file(const char *dir, const char *path, const char *text)
{
    size_t tmp_size = strlen(path) + sizeof ".tmpXXXXXX";
    char *tmp = xmalloc(tmp_size);
    int fd, dir_fd, error;

    snprintf(tmp, tmp_size, "%s.tmpXXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        error = -errno;
        free(tmp);
        return error;
    }
    error = write_all(fd, text, strlen(text));
    if (!error && (fchmod(fd, 0644) || fsync(fd))) {
        error = -errno;
    }
    if (close(fd) && !error) {
        error = -errno;
    }
    if (!error && rename(tmp, path)) {
        error = -errno;
    }
    if (error) {
        unlink(tmp);
    }
    free(tmp);
    dir_fd = error ? -1 : open(dir, O_RDONLY | O_DIRECTORY);
    if (dir_fd >= 0) {
        fsync(dir_fd);
        close(dir_fd);
    }
    return error;
}

int
vsd_config_save(const struct vsd_config *cfg, const char *path, char **errorp)
{
    char *path_copy = xstrdup(path);
    const char *dir = dirname(path_copy);
    char *text = vsd_config_to_string(cfg);
    int error = make_dirs(dir);

    error = error ? error : replace_file(dir, path, text);
    if (error) {
        vsd_errorf(errorp,
                   "cannot write the configuration file %s: %s (check that "
                   "its directory is writable and the disk not full)",
                   path, strerror(-error));
    }
    free(text);
    free(path_copy);
    return error;
}
