/* Unit tests for vswitchd/config.h (the configuration model, pont-vsctl's
 * arguments, the JSON file) and vswitchd/ctl_commands.h (the control
 * commands' arguments). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"
#include "vswitchd/config.h"
#include "vswitchd/ctl_commands.h"

/* Helpers. */

/* Parses the port arguments 'args_text' (space-separated) for port
 * 'name'; returns what vsd_port_cfg_parse() returns. */
static int
parse_port(const char *name, const char *args_text, struct vsd_port_cfg **portp,
           char **errorp)
{
    char *copy = xstrdup(args_text);
    char *args[16];
    size_t n = 0;
    int error;

    for (char *save, *tok = strtok_r(copy, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        args[n++] = tok;
    }
    *portp = NULL;
    error = vsd_port_cfg_parse(name, args, n, portp, errorp);
    free(copy);
    return error;
}

static struct vsd_port_cfg *
parse_port_ok(const char *name, const char *args_text)
{
    struct vsd_port_cfg *port;
    char *error = NULL;

    assert_int_equal(parse_port(name, args_text, &port, &error), 0);
    assert_null(error);
    return port;
}

/* Expects an error containing 'expected'. */
static void
parse_port_fails(const char *args_text, const char *expected)
{
    struct vsd_port_cfg *port;
    char *error = NULL;

    assert_int_equal(parse_port("p1", args_text, &port, &error), -EINVAL);
    assert_null(port);
    assert_non_null(error);
    if (!strstr(error, expected)) {
        fail_msg("error \"%s\" lacks \"%s\"", error, expected);
    }
    free(error);
}

/* A configuration with every kind of member set. */
static struct vsd_config *
make_full_config(void)
{
    struct vsd_config *cfg = vsd_config_create();
    char *ctls[] = {"tcp:10.0.0.1:6653", "unix:/run/ctl.sock"};
    char *lsns[] = {"ptcp:6634:127.0.0.1"};
    char *dp_args[] = {"datapath=dummy"};
    struct vsd_bridge_cfg *br = NULL, *br1 = NULL;
    char *error = NULL;

    assert_int_equal(vsd_bridge_cfg_parse("br0", dp_args, 1, &br, &error), 0);
    br->has_datapath_id = true;
    br->datapath_id = 0xaa;
    br->fail_mode = VSD_FAIL_STANDALONE;
    vsd_set_targets(&br->controllers, &br->n_controllers, ctls, 2);
    vsd_set_targets(&br->listeners, &br->n_listeners, lsns, 1);
    vsd_bridge_cfg_add_port(br, parse_port_ok("p1", "type=dummy ofport=7 "
                                                    "iface-id=acme/vm1 "
                                                    "sock=/tmp/p1.sock"));
    vsd_bridge_cfg_add_port(br, parse_port_ok("p2", "type=dummy"));
    vsd_config_add_bridge(cfg, br);
    assert_int_equal(vsd_bridge_cfg_parse("br1", NULL, 0, &br1, &error), 0);
    vsd_config_add_bridge(cfg, br1);
    return cfg;
}

static void
parse_config_fails(const char *text, const char *expected)
{
    struct vsd_config *cfg = NULL;
    char *error = NULL;

    assert_int_equal(vsd_config_parse(text, "test.json", &cfg, &error),
                     -EINVAL);
    assert_null(cfg);
    assert_non_null(error);
    if (!strstr(error, expected)) {
        fail_msg("error \"%s\" lacks \"%s\"", error, expected);
    }
    free(error);
}

static char *
make_temp_dir(void)
{
    char *dir = xstrdup("/tmp/test_vswitchd_config.XXXXXX");

    assert_non_null(mkdtemp(dir));
    return dir;
}

static char *
path_in(const char *dir, const char *name)
{
    size_t size = strlen(dir) + strlen(name) + 2;
    char *path = xmalloc(size);

    snprintf(path, size, "%s/%s", dir, name);
    return path;
}

/* Configuration file. */

static void
test_round_trip_keeps_every_member(void **state)
{
    struct vsd_config *cfg = make_full_config(), *back = NULL;
    char *text = vsd_config_to_string(cfg), *text2;
    struct vsd_bridge_cfg *br;
    struct vsd_port_cfg *p1;
    char *error = NULL;
    (void) state;

    assert_int_equal(vsd_config_parse(text, "x", &back, &error), 0);
    text2 = vsd_config_to_string(back);
    assert_string_equal(text, text2);

    br = vsd_config_find_bridge(back, "br0");
    assert_non_null(br);
    assert_string_equal(br->datapath, "dummy");
    assert_true(br->has_datapath_id);
    assert_int_equal(br->datapath_id, 0xaa);
    assert_int_equal(br->fail_mode, VSD_FAIL_STANDALONE);
    assert_int_equal(br->n_controllers, 2);
    assert_string_equal(br->controllers[1], "unix:/run/ctl.sock");
    assert_int_equal(br->n_listeners, 1);
    assert_string_equal(br->listeners[0], "ptcp:6634:127.0.0.1");
    p1 = vsd_bridge_cfg_find_port(br, "p1");
    assert_non_null(p1);
    assert_int_equal(p1->ofport, 7);
    assert_string_equal(p1->iface_id, "acme/vm1");
    assert_int_equal(p1->n_options, 1);
    assert_string_equal(p1->options[0].key, "sock");
    assert_string_equal(p1->options[0].value, "/tmp/p1.sock");
    assert_int_equal(vsd_bridge_cfg_find_port(br, "p2")->ofport, 0);
    br = vsd_config_find_bridge(back, "br1");
    assert_false(br->has_datapath_id);
    assert_int_equal(br->fail_mode, VSD_FAIL_SECURE);

    free(text);
    free(text2);
    vsd_config_destroy(cfg);
    vsd_config_destroy(back);
}

static void
test_save_then_load_gives_same_config_and_leaves_no_temp_file(void **state)
{
    char *dir = make_temp_dir();
    char *sub = path_in(dir, "a");
    char *path = path_in(dir, "a/b/vswitchd.json");
    struct vsd_config *cfg = make_full_config(), *back = NULL;
    char *text = vsd_config_to_string(cfg), *text2;
    char *error = NULL;
    char cmd[256];
    (void) state;

    /* Missing directories are created. */
    assert_int_equal(vsd_config_save(cfg, path, &error), 0);
    assert_int_equal(vsd_config_load(path, &back, &error), 0);
    text2 = vsd_config_to_string(back);
    assert_string_equal(text, text2);

    /* Saving again replaces the file; only it is in the directory. */
    assert_int_equal(vsd_config_save(back, path, &error), 0);
    snprintf(cmd, sizeof cmd, "test $(ls -A %s/a/b | wc -l) = 1", dir);
    assert_int_equal(system(cmd), 0);

    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    free(text);
    free(text2);
    free(sub);
    free(path);
    free(dir);
    vsd_config_destroy(cfg);
    vsd_config_destroy(back);
}

static void
test_missing_file_loads_as_empty_config(void **state)
{
    struct vsd_config *cfg = NULL;
    char *error = NULL;
    (void) state;

    assert_int_equal(
        vsd_config_load("/tmp/no/such/dir/vswitchd.json", &cfg, &error), 0);
    assert_non_null(cfg);
    assert_int_equal(cfg->n_bridges, 0);
    vsd_config_destroy(cfg);
}

static void
test_unreadable_file_is_an_error_naming_it(void **state)
{
    char *dir = make_temp_dir();
    struct vsd_config *cfg = NULL;
    char *error = NULL;
    (void) state;

    /* A directory cannot be read as a file, even by root. */
    assert_int_not_equal(vsd_config_load(dir, &cfg, &error), 0);
    assert_null(cfg);
    assert_non_null(strstr(error, "cannot read the configuration file"));
    assert_non_null(strstr(error, dir));
    free(error);
    rmdir(dir);
    free(dir);
}

static void
test_save_to_unwritable_place_is_an_error_naming_it(void **state)
{
    struct vsd_config *cfg = make_full_config();
    char *error = NULL;
    (void) state;

    /* /dev/null is a file, so nothing can be created under it. */
    assert_int_not_equal(vsd_config_save(cfg, "/dev/null/x.json", &error), 0);
    assert_non_null(strstr(error, "cannot write the configuration file "
                                  "/dev/null/x.json"));
    free(error);
    vsd_config_destroy(cfg);
}

static void
test_corrupt_json_names_file_line_and_column(void **state)
{
    (void) state;

    parse_config_fails("{\"version\": 1,\n \"bridges\": [\n  {\"name\": }]}",
                       "test.json:3:12:");
    parse_config_fails("{\"version\": 1, \"version\": 1}",
                       "duplicate object key");
    parse_config_fails("", "test.json:1:");
}

static void
test_file_with_nul_byte_is_an_error(void **state)
{
    char *dir = make_temp_dir();
    char *path = path_in(dir, "c.json");
    FILE *f = fopen(path, "w");
    struct vsd_config *cfg = NULL;
    char *error = NULL;
    (void) state;

    fwrite("{\"version\": 1}\0", 1, 15, f);
    fclose(f);
    assert_int_equal(vsd_config_load(path, &cfg, &error), -EINVAL);
    assert_non_null(strstr(error, "NUL byte"));
    free(error);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

static void
test_bad_values_are_errors_naming_where_they_are(void **state)
{
    (void) state;

    parse_config_fails("[]", "must be a JSON object");
    parse_config_fails("{\"bridges\": []}", "version must be 1");
    parse_config_fails("{\"version\": 2}", "version must be 1");
    parse_config_fails("{\"version\": 1, \"bridge\": []}",
                       "bridge is not a known member");
    parse_config_fails("{\"version\": 1, \"bridges\": [{}]}",
                       "bridges[0].name is missing");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\"}, 3]}",
                       "bridges[1] must be an object");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"datapath\": \"xdp\"}]}",
                       "bridges[0].datapath must be dummy, dpdk or ebpf");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"fail_mode\": \"open\"}]}",
                       "bridges[0].fail_mode must be secure or standalone");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"datapath_id\": \"xyz\"}]}",
                       "bridges[0].datapath_id must be 1 to 16 hexadecimal");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"listeners\": [1]}]}",
                       "bridges[0].listeners must hold only non-empty");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"ports\": [{\"name\": \"p\", \"type\": \"dummy\", "
                       "\"ofport\": 65280}]}]}",
                       "bridges[0].ports[0].ofport must be a number");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"ports\": [{\"name\": \"p\"}]}]}",
                       "bridges[0].ports[0].type is missing");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"ports\": [{\"name\": \"p\", \"type\": \"dummy\", "
                       "\"options\": {\"ofport\": \"3\"}}]}]}",
                       "bridges[0].ports[0].options must map");
}

static void
test_host_id_round_trips_and_is_checked(void **state)
{
    struct vsd_config *cfg = NULL, *back = NULL;
    char *error = NULL, *text;
    (void) state;

    assert_int_equal(vsd_config_parse("{\"version\": 1, \"host_id\": "
                                      "\"compute-7\"}",
                                      "x", &cfg, &error),
                     0);
    assert_string_equal(cfg->host_id, "compute-7");
    assert_string_equal(vsd_host_id(cfg), "compute-7");
    text = vsd_config_to_string(cfg);
    assert_int_equal(vsd_config_parse(text, "x", &back, &error), 0);
    assert_string_equal(back->host_id, "compute-7");
    free(text);
    vsd_config_destroy(back);
    free(cfg->host_id);
    cfg->host_id = NULL;
    /* Without one, the host name, cut at its first dot. */
    assert_true(strlen(vsd_host_id(cfg)) > 0);
    assert_null(strchr(vsd_host_id(cfg), '.'));
    vsd_config_destroy(cfg);

    parse_config_fails("{\"version\": 1, \"host_id\": \"a b\"}",
                       "host_id host id \"a b\" may contain only letters");
    parse_config_fails("{\"version\": 1, \"host_id\": "
                       "\"123456789012345678901234567890123\"}",
                       "must be 1 to 32 bytes long");
    assert_int_equal(vsd_check_host_id("h.example-1_x", &error), 0);
}

static void
test_iface_id_is_bounded(void **state)
{
    char long_id[80];
    char args[128];
    (void) state;

    memset(long_id, 'k', 64);
    long_id[64] = '\0';
    snprintf(args, sizeof args, "type=dummy iface-id=%s", long_id);
    parse_port_fails(args, "is 64 bytes long; the most a switch can report");
    long_id[63] = '\0';
    snprintf(args, sizeof args, "type=dummy iface-id=%s", long_id);
    vsd_port_cfg_destroy(parse_port_ok("p", args));
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"ports\": [{\"name\": \"p\", \"type\": \"dummy\", "
                       "\"iface_id\": \"a\\tb\"}]}]}",
                       "bridges[0].ports[0].iface_id iface-id");
}

static void
test_duplicate_names_and_ofports_in_file_are_errors(void **state)
{
    (void) state;

    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\"}, "
                       "{\"name\": \"b\"}]}",
                       "bridges[1].name bridges[0] has that name too");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\"}, "
                       "{\"name\": \"c\", \"ports\": [{\"name\": \"b\", "
                       "\"type\": \"dummy\"}]}]}",
                       "bridges[1].ports[0].name bridges[0] has that name");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": \"b\", "
                       "\"ports\": [{\"name\": \"p\", \"type\": \"dummy\", "
                       "\"ofport\": 3}, {\"name\": \"q\", \"type\": "
                       "\"dummy\", \"ofport\": 3}]}]}",
                       "bridges[0].ports[1].ofport is also another port's");
    parse_config_fails("{\"version\": 1, \"bridges\": [{\"name\": "
                       "\"bad name\"}]}",
                       "bridges[0].name bridge name \"bad name\" may "
                       "contain only");
}

/* pont-vsctl's arguments. */

static void
test_port_args_split_into_known_keys_and_options(void **state)
{
    struct vsd_port_cfg *port =
        parse_port_ok("vm1", "type=dummy sock=/a=b iface-id=t/vm1 x=");
    (void) state;

    assert_string_equal(port->name, "vm1");
    assert_string_equal(port->type, "dummy");
    assert_int_equal(port->ofport, 0);
    assert_string_equal(port->iface_id, "t/vm1");
    assert_int_equal(port->n_options, 2);
    assert_string_equal(port->options[0].key, "sock");
    assert_string_equal(port->options[0].value, "/a=b");
    assert_string_equal(port->options[1].key, "x");
    assert_string_equal(port->options[1].value, "");
    vsd_port_cfg_destroy(port);
}

static void
test_bad_port_args_are_errors_saying_what_to_do(void **state)
{
    (void) state;

    parse_port_fails("ofport=3", "add-port needs type=TYPE");
    parse_port_fails("type=dummy ofport=0", "ofport=0 is not an OpenFlow");
    parse_port_fails("type=dummy ofport=65280", "use 1 to 65279");
    parse_port_fails("type=dummy ofport=+3", "ofport=+3 is not");
    parse_port_fails("type=dummy ofport=3x", "ofport=3x is not");
    parse_port_fails("type=dummy ofport=1 ofport=2", "ofport= is given "
                                                     "twice");
    parse_port_fails("type=dummy type=dummy", "type= is given twice");
    parse_port_fails("type=", "type= needs a port type");
    parse_port_fails("type=dummy iface-id=", "iface-id= needs a value");
    parse_port_fails("type=dummy sock=a sock=b", "sock= is given twice");
    parse_port_fails("type=dummy sock", "\"sock\" is not KEY=VALUE");
    parse_port_fails("type=dummy =x", "\"=x\" is not KEY=VALUE");
}

static void
test_bridge_args_take_datapath_type(void **state)
{
    char *dpdk[] = {"datapath=dpdk"};
    char *bad[] = {"datapath=xdp"};
    char *twice[] = {"datapath=dummy", "datapath=dummy"};
    char *other[] = {"dp=dummy"};
    struct vsd_bridge_cfg *br = NULL;
    char *error = NULL;
    (void) state;

    assert_int_equal(vsd_bridge_cfg_parse("br0", NULL, 0, &br, &error), 0);
    assert_string_equal(br->datapath, "dummy");
    vsd_bridge_cfg_destroy(br);
    assert_int_equal(vsd_bridge_cfg_parse("br0", dpdk, 1, &br, &error), 0);
    assert_string_equal(br->datapath, "dpdk");
    vsd_bridge_cfg_destroy(br);

    br = NULL;
    assert_int_equal(vsd_bridge_cfg_parse("br0", bad, 1, &br, &error), -EINVAL);
    assert_string_equal(error, "unknown datapath type \"xdp\": use dummy, "
                               "dpdk or ebpf");
    free(error);
    assert_int_equal(vsd_bridge_cfg_parse("br0", twice, 2, &br, &error),
                     -EINVAL);
    assert_string_equal(error, "datapath= is given twice");
    free(error);
    assert_int_equal(vsd_bridge_cfg_parse("br0", other, 1, &br, &error),
                     -EINVAL);
    assert_non_null(strstr(error, "add-br does not know \"dp\""));
    free(error);
    assert_null(br);
}

static void
test_new_names_must_be_valid_and_free(void **state)
{
    struct vsd_config *cfg = make_full_config();
    char *error = NULL;
    (void) state;

    assert_int_equal(vsd_config_check_new_name(cfg, "port", "p3", &error), 0);
    assert_int_equal(vsd_config_check_new_name(cfg, "port", "p1", &error),
                     -EEXIST);
    assert_string_equal(error, "a port named p1 already exists on bridge "
                               "br0 (pont-vsctl show lists them)");
    free(error);
    assert_int_equal(vsd_config_check_new_name(cfg, "port", "br1", &error),
                     -EEXIST);
    assert_non_null(strstr(error, "a bridge named br1 already exists"));
    free(error);
    assert_int_equal(
        vsd_config_check_new_name(cfg, "bridge", "0123456789abcdef", &error),
        -EINVAL);
    assert_non_null(strstr(error, "must be 1 to 15 characters"));
    free(error);
    assert_int_equal(vsd_config_check_new_name(cfg, "bridge", "", &error),
                     -EINVAL);
    free(error);
    assert_int_equal(vsd_config_check_new_name(cfg, "port", "a/b", &error),
                     -EINVAL);
    assert_non_null(strstr(error, "port name \"a/b\" may contain only"));
    free(error);
    vsd_config_destroy(cfg);
}

static void
test_remove_keeps_order_of_the_rest(void **state)
{
    struct vsd_config *cfg = make_full_config();
    struct vsd_bridge_cfg *br = vsd_config_find_bridge(cfg, "br0");
    struct vsd_port_cfg *p = vsd_bridge_cfg_remove_port(br, "p1");
    struct vsd_bridge_cfg *removed;
    (void) state;

    assert_string_equal(p->name, "p1");
    vsd_port_cfg_destroy(p);
    assert_null(vsd_bridge_cfg_remove_port(br, "p1"));
    assert_int_equal(br->n_ports, 1);
    assert_string_equal(br->ports[0]->name, "p2");
    assert_ptr_equal(vsd_config_find_port(cfg, "p2", &p), br);
    assert_null(vsd_config_find_port(cfg, "p1", NULL));

    removed = vsd_config_remove_bridge(cfg, "br0");
    assert_ptr_equal(removed, br);
    vsd_bridge_cfg_destroy(removed);
    assert_int_equal(cfg->n_bridges, 1);
    assert_string_equal(cfg->bridges[0]->name, "br1");
    assert_null(vsd_config_remove_bridge(cfg, "br0"));
    vsd_config_destroy(cfg);
}

static void
test_datapath_id_and_fail_mode_parse(void **state)
{
    enum vsd_fail_mode mode;
    uint64_t dpid;
    char *error = NULL;
    (void) state;

    assert_int_equal(vsd_parse_datapath_id("0x00000000000000Aa", &dpid, &error),
                     0);
    assert_int_equal(dpid, 0xaa);
    assert_int_equal(vsd_parse_datapath_id("ffffffffffffffff", &dpid, &error),
                     0);
    assert_true(dpid == UINT64_MAX);
    assert_int_equal(vsd_parse_datapath_id("1ffffffffffffffff", &dpid, &error),
                     -EINVAL);
    assert_non_null(strstr(error, "use 1 to 16 hexadecimal digits"));
    free(error);
    assert_int_equal(vsd_parse_datapath_id("0x", &dpid, &error), -EINVAL);
    free(error);
    assert_int_equal(vsd_parse_fail_mode("standalone", &mode, &error), 0);
    assert_int_equal(mode, VSD_FAIL_STANDALONE);
    assert_int_equal(vsd_parse_fail_mode("open", &mode, &error), -EINVAL);
    assert_string_equal(error, "unknown fail mode \"open\": use secure or "
                               "standalone");
    free(error);
}

/* DPDK settings. */

/* Sets DPDK setting 'key' of 'dpdk' to 'value', expecting success and
 * whether it changed anything. */
static void
dpdk_set_ok(struct vsd_dpdk_cfg *dpdk, const char *key, const char *value,
            bool expect_changed)
{
    char *error = NULL;
    bool changed = !expect_changed;

    assert_int_equal(vsd_dpdk_cfg_set(dpdk, key, value, &changed, &error), 0);
    assert_null(error);
    assert_int_equal(changed, expect_changed);
}

static void
dpdk_set_fails(const char *key, const char *value, const char *expected)
{
    struct vsd_dpdk_cfg dpdk = {0};
    char *error = NULL;
    bool changed = true;

    assert_int_equal(vsd_dpdk_cfg_set(&dpdk, key, value, &changed, &error),
                     -EINVAL);
    assert_false(changed);
    assert_null(dpdk.eal_args);
    assert_null(dpdk.pmd_cores);
    assert_false(dpdk.has_pmd_max_sleep_us);
    assert_non_null(error);
    if (!strstr(error, expected)) {
        fail_msg("%s=%s: error \"%s\" lacks \"%s\"", key, value, error,
                 expected);
    }
    free(error);
}

static void
test_dpdk_settings_set_from_text_and_unset_when_empty(void **state)
{
    struct vsd_dpdk_cfg dpdk = {0};
    (void) state;

    dpdk_set_ok(&dpdk, "eal-args", "--no-pci --file-prefix=x", true);
    assert_string_equal(dpdk.eal_args, "--no-pci --file-prefix=x");
    dpdk_set_ok(&dpdk, "eal-args", "--no-pci --file-prefix=x", false);
    dpdk_set_ok(&dpdk, "pmd-cores", "2-3,6", true);
    assert_string_equal(dpdk.pmd_cores, "2-3,6");
    dpdk_set_ok(&dpdk, "pmd-cores", "1", true);
    dpdk_set_ok(&dpdk, "pmd-cores", "0,1-1,1023", true);
    dpdk_set_ok(&dpdk, "pmd-max-sleep-us", "0", true);
    assert_true(dpdk.has_pmd_max_sleep_us);
    assert_int_equal(dpdk.pmd_max_sleep_us, 0);
    dpdk_set_ok(&dpdk, "pmd-max-sleep-us", "0", false);
    dpdk_set_ok(&dpdk, "pmd-max-sleep-us", "10000", true);
    assert_int_equal(dpdk.pmd_max_sleep_us, 10000);

    /* An empty value restores the default; unsetting twice changes
     * nothing the second time. */
    dpdk_set_ok(&dpdk, "eal-args", "", true);
    assert_null(dpdk.eal_args);
    dpdk_set_ok(&dpdk, "eal-args", "", false);
    dpdk_set_ok(&dpdk, "pmd-cores", "", true);
    assert_null(dpdk.pmd_cores);
    dpdk_set_ok(&dpdk, "pmd-max-sleep-us", "", true);
    assert_false(dpdk.has_pmd_max_sleep_us);
    dpdk_set_ok(&dpdk, "pmd-max-sleep-us", "", false);
    vsd_dpdk_cfg_clear(&dpdk);
}

static void
test_bad_dpdk_settings_are_errors_saying_what_is_wrong(void **state)
{
    /* clang-format off */
    static const char *const bad_cpu_lists[] = {
        "a", "1-", "-1", "+1", " 1", "1 ", "1,", ",1", "1,,2", "1-2-3",
        "1.5", "1024", "99999999999999999999", "1;2"};
    /* clang-format on */
    static const char *const bad_sleeps[] = {
        "abc", "-1", "+5", "10001", "1.5", "250us", " 1", "4294967296"};
    (void) state;

    for (size_t i = 0; i < ARRAY_SIZE(bad_cpu_lists); i++) {
        dpdk_set_fails("pmd-cores", bad_cpu_lists[i], "is not a CPU list");
    }
    dpdk_set_fails("pmd-cores", "x", "such as 1 or 2-3,6");
    dpdk_set_fails("pmd-cores", "5-3", "the range 5-3 goes backwards");
    for (size_t i = 0; i < ARRAY_SIZE(bad_sleeps); i++) {
        dpdk_set_fails("pmd-max-sleep-us", bad_sleeps[i],
                       "is not a number of microseconds from 0 to 10000");
    }
    dpdk_set_fails("eal-args", "--vdev 'net_tap0,iface=a b'",
                   "cannot hold quotes");
    dpdk_set_fails("pmd_cores", "1", "there is no DPDK setting \"pmd_cores\"");
}

static void
test_dpdk_settings_round_trip_through_file(void **state)
{
    struct vsd_config *cfg = make_full_config(), *back = NULL;
    char *text, *text2, *error = NULL;
    bool changed;
    (void) state;

    /* Unset settings leave the file without a "dpdk" member. */
    text = vsd_config_to_string(cfg);
    assert_null(strstr(text, "dpdk\""));
    free(text);

    vsd_dpdk_cfg_set(&cfg->dpdk, "eal-args", "--no-pci --file-prefix=t",
                     &changed, &error);
    vsd_dpdk_cfg_set(&cfg->dpdk, "pmd-cores", "2-3,6", &changed, &error);
    vsd_dpdk_cfg_set(&cfg->dpdk, "pmd-max-sleep-us", "0", &changed, &error);
    text = vsd_config_to_string(cfg);
    assert_non_null(strstr(text, "\"pmd-max-sleep-us\": 0"));
    assert_int_equal(vsd_config_parse(text, "x", &back, &error), 0);
    text2 = vsd_config_to_string(back);
    assert_string_equal(text, text2);
    assert_string_equal(back->dpdk.eal_args, "--no-pci --file-prefix=t");
    assert_string_equal(back->dpdk.pmd_cores, "2-3,6");
    assert_true(back->dpdk.has_pmd_max_sleep_us);
    assert_int_equal(back->dpdk.pmd_max_sleep_us, 0);
    assert_int_equal(back->n_bridges, 2);

    free(text);
    free(text2);
    vsd_config_destroy(cfg);
    vsd_config_destroy(back);
}

static void
test_bad_dpdk_members_in_file_are_errors_naming_them(void **state)
{
    (void) state;

    parse_config_fails("{\"version\": 1, \"dpdk\": []}",
                       "test.json: dpdk must be an object");
    parse_config_fails("{\"version\": 1, \"dpdk\": {\"pmd_cores\": \"1\"}}",
                       "dpdk.pmd_cores is not a known member");
    parse_config_fails("{\"version\": 1, \"dpdk\": {\"eal-args\": \"\"}}",
                       "dpdk.eal-args must be a non-empty string");
    parse_config_fails("{\"version\": 1, \"dpdk\": {\"eal-args\": 3}}",
                       "dpdk.eal-args must be a non-empty string");
    parse_config_fails("{\"version\": 1, \"dpdk\": {\"eal-args\": "
                       "\"--vdev 'x'\"}}",
                       "dpdk.eal-args EAL arguments are split at white "
                       "space");
    parse_config_fails("{\"version\": 1, \"dpdk\": {\"pmd-cores\": "
                       "\"3-1\"}}",
                       "dpdk.pmd-cores \"3-1\" is not a CPU list");
    parse_config_fails("{\"version\": 1, \"dpdk\": {\"pmd-cores\": 3}}",
                       "dpdk.pmd-cores must be a non-empty string");
    parse_config_fails("{\"version\": 1, \"dpdk\": "
                       "{\"pmd-max-sleep-us\": \"250\"}}",
                       "dpdk.pmd-max-sleep-us must be a number of "
                       "microseconds from 0 to 10000");
    parse_config_fails("{\"version\": 1, \"dpdk\": "
                       "{\"pmd-max-sleep-us\": -1}}",
                       "dpdk.pmd-max-sleep-us must be a number");
    parse_config_fails("{\"version\": 1, \"dpdk\": "
                       "{\"pmd-max-sleep-us\": 10001}}",
                       "dpdk.pmd-max-sleep-us must be a number");
    parse_config_fails("{\"version\": 1, \"dpdk\": "
                       "{\"pmd-max-sleep-us\": 2.5}}",
                       "dpdk.pmd-max-sleep-us must be a number");
}

static void
test_port_option_values_keep_equals_and_commas(void **state)
{
    struct vsd_port_cfg *port =
        parse_port_ok("eth0", "type=dpdk devargs=net_af_packet0,iface=veth0 "
                              "queues=2");
    struct vsd_config *cfg = vsd_config_create(), *back = NULL;
    struct vsd_bridge_cfg *br = NULL;
    char *dpdk[] = {"datapath=dpdk"};
    char *text, *error = NULL;
    struct vsd_port_cfg *p;
    (void) state;

    assert_string_equal(port->type, "dpdk");
    assert_int_equal(port->n_options, 2);
    assert_string_equal(port->options[0].key, "devargs");
    assert_string_equal(port->options[0].value, "net_af_packet0,iface=veth0");
    assert_string_equal(port->options[1].key, "queues");
    assert_string_equal(port->options[1].value, "2");

    /* And so does the file. */
    assert_int_equal(vsd_bridge_cfg_parse("br0", dpdk, 1, &br, &error), 0);
    vsd_bridge_cfg_add_port(br, port);
    vsd_bridge_cfg_add_port(br, parse_port_ok("vm1", "type=vhostuser "
                                                     "path=/run/a=b.sock "
                                                     "vhost-server=true"));
    vsd_config_add_bridge(cfg, br);
    text = vsd_config_to_string(cfg);
    assert_int_equal(vsd_config_parse(text, "x", &back, &error), 0);
    br = vsd_config_find_port(back, "eth0", &p);
    assert_non_null(br);
    assert_string_equal(br->datapath, "dpdk");
    assert_string_equal(p->options[0].value, "net_af_packet0,iface=veth0");
    vsd_config_find_port(back, "vm1", &p);
    assert_string_equal(p->type, "vhostuser");
    assert_string_equal(p->options[0].value, "/run/a=b.sock");
    assert_string_equal(p->options[1].key, "vhost-server");
    free(text);
    vsd_config_destroy(cfg);
    vsd_config_destroy(back);
}

/* Control commands. */

static int
parse_params(const char *command, const char *json, struct vsd_ctl_args *args,
             char **error)
{
    json_t *params = json_loads(json, 0, NULL);
    int retval;

    assert_non_null(params);
    retval = vsd_ctl_parse_params(vsd_ctl_command_find(command), params, args,
                                  error);
    json_decref(params);
    return retval;
}

static void
test_ctl_params_split_options_from_arguments(void **state)
{
    json_t *params = json_loads("[\"--may-exist\", \"br0\", \"datapath="
                                "dummy\"]",
                                0, NULL);
    struct vsd_ctl_args args;
    char *error = NULL;
    (void) state;

    assert_int_equal(vsd_ctl_parse_params(vsd_ctl_command_find("add-br"),
                                          params, &args, &error),
                     0);
    assert_int_equal(args.options, VSD_CTL_MAY_EXIST);
    assert_int_equal(args.argc, 2);
    assert_string_equal(args.argv[0], "br0");
    assert_string_equal(args.argv[1], "datapath=dummy");
    assert_null(args.argv[2]);
    free(args.argv);
    json_decref(params);
}

static void
test_ctl_params_refuse_wrong_options_and_counts(void **state)
{
    struct vsd_ctl_args args;
    char *error = NULL;
    (void) state;

    assert_int_equal(
        parse_params("add-br", "[\"--if-exists\", \"br0\"]", &args, &error),
        -EINVAL);
    assert_string_equal(error, "'add-br' does not take the option "
                               "--if-exists");
    free(error);
    assert_int_equal(parse_params("add-br", "[]", &args, &error), -EINVAL);
    assert_string_equal(error, "'add-br' takes 1 to 2 arguments, not 0; "
                               "usage: add-br BR [datapath=dummy|dpdk|ebpf]");
    free(error);
    assert_int_equal(parse_params("del-br", "[\"a\", \"b\"]", &args, &error),
                     -EINVAL);
    assert_string_equal(error, "'del-br' takes 1 argument, not 2; usage: "
                               "del-br BR");
    free(error);
    assert_int_equal(parse_params("set-controller", "[\"br0\"]", &args, &error),
                     -EINVAL);
    assert_non_null(strstr(error, "takes at least 2 arguments, not 1"));
    free(error);
    assert_int_equal(parse_params("show", "[3]", &args, &error), -EINVAL);
    assert_string_equal(error, "'show' takes only strings as arguments");
    free(error);
    assert_null(vsd_ctl_command_find("no-such-command"));
}

static void
test_ctl_pmd_and_port_commands_take_their_arguments(void **state)
{
    struct vsd_ctl_args args;
    char *error = NULL;
    (void) state;

    assert_int_equal(parse_params("pmd-stats", "[]", &args, &error), 0);
    free(args.argv);
    assert_int_equal(parse_params("pmd-stats-clear", "[]", &args, &error), 0);
    free(args.argv);
    assert_int_equal(parse_params("pmd-stats", "[\"br0\"]", &args, &error),
                     -EINVAL);
    assert_string_equal(error, "'pmd-stats' takes 0 arguments, not 1; "
                               "usage: pmd-stats ");
    free(error);
    assert_int_equal(parse_params("dump-ports", "[\"br0\"]", &args, &error), 0);
    assert_int_equal(args.argc, 1);
    free(args.argv);
    assert_int_equal(parse_params("dump-ports", "[]", &args, &error), -EINVAL);
    assert_string_equal(error, "'dump-ports' takes 1 argument, not 0; "
                               "usage: dump-ports BR");
    free(error);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_keeps_every_member),
        cmocka_unit_test(
            test_save_then_load_gives_same_config_and_leaves_no_temp_file),
        cmocka_unit_test(test_missing_file_loads_as_empty_config),
        cmocka_unit_test(test_unreadable_file_is_an_error_naming_it),
        cmocka_unit_test(test_save_to_unwritable_place_is_an_error_naming_it),
        cmocka_unit_test(test_corrupt_json_names_file_line_and_column),
        cmocka_unit_test(test_file_with_nul_byte_is_an_error),
        cmocka_unit_test(test_bad_values_are_errors_naming_where_they_are),
        cmocka_unit_test(test_host_id_round_trips_and_is_checked),
        cmocka_unit_test(test_iface_id_is_bounded),
        cmocka_unit_test(test_duplicate_names_and_ofports_in_file_are_errors),
        cmocka_unit_test(test_port_args_split_into_known_keys_and_options),
        cmocka_unit_test(test_bad_port_args_are_errors_saying_what_to_do),
        cmocka_unit_test(test_bridge_args_take_datapath_type),
        cmocka_unit_test(test_new_names_must_be_valid_and_free),
        cmocka_unit_test(test_remove_keeps_order_of_the_rest),
        cmocka_unit_test(test_datapath_id_and_fail_mode_parse),
        cmocka_unit_test(test_ctl_params_split_options_from_arguments),
        cmocka_unit_test(test_dpdk_settings_set_from_text_and_unset_when_empty),
        cmocka_unit_test(
            test_bad_dpdk_settings_are_errors_saying_what_is_wrong),
        cmocka_unit_test(test_dpdk_settings_round_trip_through_file),
        cmocka_unit_test(test_bad_dpdk_members_in_file_are_errors_naming_them),
        cmocka_unit_test(test_port_option_values_keep_equals_and_commas),
        cmocka_unit_test(test_ctl_params_refuse_wrong_options_and_counts),
        cmocka_unit_test(test_ctl_pmd_and_port_commands_take_their_arguments),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
