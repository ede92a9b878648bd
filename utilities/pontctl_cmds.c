/* pontctl's commands: each turns its arguments into requests to the REST
 * API and prints the answer as a table (or, with --json, as JSON).
 *
 * An error answer is printed as the controller's sentence; a reply that
 * is not the JSON expected is an error too, never a crash. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "utilities/pontctl.h"
#include "utilities/pontctl_http.h"

/* Requests. */

/* Sends a request (with 'body', which it takes, or NULL) and returns the
 * reply's body, exiting with the controller's error sentence on an
 * error status. */
static char *
request(struct pontctl_ctx *ctx, const char *method, const char *path,
        json_t *body)
{
    struct pontctl_reply reply;
    char *error = NULL, *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    char *result;

    json_decref(body);
    if (pontctl_http_request(ctx->api, method, path, text, NULL, &reply,
                             &error)) {
        free(text);
        pontctl_fatal(error);
    }
    free(text);
    if (reply.status >= 400) {
        json_t *j = json_loads(reply.body, 0, NULL);
        const char *sentence = json_string_value(json_object_get(j, "error"));

        error = sentence ? xstrdup(sentence)
                         : xasprintf("the controller answered %d to %s %s",
                                     reply.status, method, path);
        json_decref(j);
        pontctl_reply_uninit(&reply);
        pontctl_fatal(error);
    }
    result = reply.body;
    reply.body = NULL;
    pontctl_reply_uninit(&reply);
    return result;
}

/* Like request(), for a JSON answer of type 'type' (JSON_OBJECT or
 * JSON_ARRAY). */
static json_t *
request_json(struct pontctl_ctx *ctx, const char *method, const char *path,
             json_t *body, json_type type)
{
    char *text = request(ctx, method, path, body);
    json_t *j = json_loads(text, 0, NULL);

    free(text);
    if (!j || json_typeof(j) != type) {
        pontctl_fatal(xasprintf("%s %s: the controller's answer is not the "
                                "JSON expected",
                                method, path));
    }
    return j;
}

static void
print_json(const json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

    puts(s ? s : "null");
    free(s);
}

/* Splits "TENANT/NAME" after checking both names. */
static void
split_pair(const char *arg, const char *what, char *tenant, char *name)
{
    const char *slash = strchr(arg, '/');
    char t[256], *error = NULL;

    if (!slash || (size_t) (slash - arg) >= sizeof t) {
        pontctl_usage_error("\"%s\" is not TENANT/%s", arg, what);
    }
    snprintf(t, sizeof t, "%.*s", (int) (slash - arg), arg);
    if (ctl_parse_name("tenant", t, tenant, &error)
        || ctl_parse_name(what, slash + 1, name, &error)) {
        pontctl_fatal(error);
    }
}

static void
check_name(const char *what, const char *arg, char *out)
{
    char *error = NULL;

    if (ctl_parse_name(what, arg, out, &error)) {
        pontctl_fatal(error);
    }
}

/* Tables. */

struct table {
    size_t n_cols, n_rows;
    char **cells; /* n_rows + 1 rows of n_cols, the header first. */
};

static void
table_init(struct table *t, size_t n_cols, const char *const *headers)
{
    t->n_cols = n_cols;
    t->n_rows = 0;
    t->cells = xmalloc(n_cols * sizeof *t->cells);
    for (size_t i = 0; i < n_cols; i++) {
        t->cells[i] = xstrdup(headers[i]);
    }
}

/* Adds a row of 'n_cols' strings, which it takes. */
static void
table_add(struct table *t, char **row)
{
    size_t base = (t->n_rows + 1) * t->n_cols;

    t->cells = xrealloc(t->cells, (base + t->n_cols) * sizeof *t->cells);
    memcpy(&t->cells[base], row, t->n_cols * sizeof *row);
    t->n_rows++;
}

static void
table_print(struct table *t)
{
    size_t width[16] = {0};

    for (size_t r = 0; r <= t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t len = strlen(t->cells[r * t->n_cols + c]);
            width[c] = len > width[c] ? len : width[c];
        }
    }
    for (size_t r = 0; r <= t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *cell = t->cells[r * t->n_cols + c];

            if (c + 1 < t->n_cols) {
                printf("%-*s  ", (int) width[c], cell);
            } else {
                puts(cell);
            }
            free((char *) cell);
        }
    }
    free(t->cells);
}

/* A JSON value as a cell: strings as they are, null as "-", arrays as
 * their elements joined with ',', anything else as JSON. */
static char *
cell(const json_t *v)
{
    if (json_is_string(v)) {
        return xstrdup(json_string_value(v));
    }
    if (!v || json_is_null(v)) {
        return xstrdup("-");
    }
    if (json_is_array(v)) {
        struct strbuf sb = STRBUF_INIT;
        const json_t *e;
        size_t i;

        json_array_foreach((json_t *) v, i, e)
        {
            char *s = cell(e);
            strbuf_printf(&sb, "%s%s", i ? "," : "", s);
            free(s);
        }
        return sb.len ? strbuf_steal(&sb) : xstrdup("-");
    }
    if (json_is_boolean(v)) {
        return xstrdup(json_is_true(v) ? "yes" : "no");
    }
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    return s ? s : xstrdup("?");
}

static char *
field(const json_t *obj, const char *key)
{
    return cell(json_object_get(obj, key));
}

/* Prints 'list' (an array of objects) as a table of 'keys', or as JSON. */
static void
print_list(struct pontctl_ctx *ctx, const json_t *list,
           const char *const *headers, const char *const *keys, size_t n)
{
    struct table t;
    const json_t *obj;
    size_t i;

    if (ctx->json) {
        print_json(list);
        return;
    }
    table_init(&t, n, headers);
    json_array_foreach((json_t *) list, i, obj)
    {
        char *row[16];

        for (size_t c = 0; c < n; c++) {
            row[c] = field(obj, keys[c]);
        }
        table_add(&t, row);
    }
    table_print(&t);
}

/* Prints one object as "key: value" lines, or as JSON. */
static void
print_object(struct pontctl_ctx *ctx, const json_t *obj)
{
    const char *key;
    json_t *v;

    if (ctx->json) {
        print_json(obj);
        return;
    }
    json_object_foreach((json_t *) obj, key, v)
    {
        char *s = cell(v);
        printf("%s: %s\n", key, s);
        free(s);
    }
}

/* Lists of every tenant's networks or ports: 'what' is "networks" or
 * "ports"; 'tenant' one tenant or NULL for all. */
static json_t *
list_in_tenants(struct pontctl_ctx *ctx, const char *what, const char *tenant)
{
    json_t *all = json_array(), *tenants, *t;
    size_t i;

    if (tenant) {
        tenants = json_pack("[{s:s}]", "name", tenant);
    } else {
        tenants = request_json(ctx, "GET", "/v1/tenants", NULL, JSON_ARRAY);
    }
    json_array_foreach(tenants, i, t)
    {
        const char *name = json_string_value(json_object_get(t, "name"));
        char *path = xasprintf("/v1/tenants/%s/%s", name ? name : "", what);
        json_t *some = request_json(ctx, "GET", path, NULL, JSON_ARRAY);

        json_array_extend(all, some);
        json_decref(some);
        free(path);
    }
    json_decref(tenants);
    return all;
}

/* For a table: "TENANT/NAME" in "port" or "network" of each object, and a
 * port's binding as "HOST:OFPORT". */
static void
add_display_fields(json_t *list)
{
    json_t *obj;
    size_t i;

    json_array_foreach(list, i, obj)
    {
        const char *t = json_string_value(json_object_get(obj, "tenant"));
        const char *n = json_string_value(json_object_get(obj, "name"));
        json_t *b = json_object_get(obj, "binding");

        json_object_set_new(obj, "full_name",
                            json_sprintf("%s/%s", t ? t : "?", n ? n : "?"));
        if (json_is_object(b)) {
            json_object_set_new(
                obj, "bound",
                json_sprintf("%s:%" JSON_INTEGER_FORMAT,
                             json_string_value(json_object_get(b, "host")),
                             json_integer_value(json_object_get(b, "ofport"))));
        }
    }
}

/* Tenants. */

static void
tenant_add(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    char name[CTL_NAME_MAX + 1];
    json_t *j;

    check_name("tenant", a->pos[0], name);
    j = request_json(ctx, "POST", "/v1/tenants",
                     json_pack("{s:s}", "name", name), JSON_OBJECT);
    if (ctx->json) {
        print_json(j);
    }
    json_decref(j);
}

static void
tenant_del(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    char name[CTL_NAME_MAX + 1], *path;

    check_name("tenant", a->pos[0], name);
    path = xasprintf("/v1/tenants/%s", name);
    free(request(ctx, "DELETE", path, NULL));
    free(path);
}

static void
tenant_list(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    static const char *const headers[] = {"TENANT"};
    static const char *const keys[] = {"name"};
    json_t *list = request_json(ctx, "GET", "/v1/tenants", NULL, JSON_ARRAY);

    (void) a;
    print_list(ctx, list, headers, keys, ARRAY_SIZE(keys));
    json_decref(list);
}

/* Networks. */

static void
network_add(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    char tenant[CTL_NAME_MAX + 1], name[CTL_NAME_MAX + 1], *segment, *path;
    const char *vlan = pontctl_opt(a, "vlan"), *vni = pontctl_opt(a, "vni");
    const char *cidr = pontctl_opt(a, "cidr");
    enum ctl_segment seg;
    char *error = NULL;
    uint32_t id;
    json_t *j;

    split_pair(a->pos[0], "network", tenant, name);
    if (!cidr || (vlan && vni)) {
        pontctl_usage_error("network add needs --cidr, and at most one of "
                            "--vlan and --vni");
    }
    segment = vlan  ? xasprintf("vlan:%s", vlan)
              : vni ? xasprintf("vxlan:%s", vni)
                    : xstrdup("vxlan");
    if (ctl_parse_segment(segment, &seg, &id, &error)) {
        pontctl_fatal(error);
    }
    path = xasprintf("/v1/tenants/%s/networks", tenant);
    j = request_json(ctx, "POST", path,
                     json_pack("{s:s, s:s, s:s}", "name", name, "cidr", cidr,
                               "segment", segment),
                     JSON_OBJECT);
    if (ctx->json) {
        print_json(j);
    }
    json_decref(j);
    free(path);
    free(segment);
}

static void
pair_request(struct pontctl_ctx *ctx, const char *arg, const char *what,
             const char *collection, const char *method)
{
    char tenant[CTL_NAME_MAX + 1], name[CTL_NAME_MAX + 1], *path;

    split_pair(arg, what, tenant, name);
    path = xasprintf("/v1/tenants/%s/%s/%s", tenant, collection, name);
    if (!strcmp(method, "DELETE")) {
        free(request(ctx, method, path, NULL));
    } else {
        json_t *j = request_json(ctx, method, path, NULL, JSON_OBJECT);
        print_object(ctx, j);
        json_decref(j);
    }
    free(path);
}

static void
network_del(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    pair_request(ctx, a->pos[0], "network", "networks", "DELETE");
}

static void
network_show(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    pair_request(ctx, a->pos[0], "network", "networks", "GET");
}

static void
network_list(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    static const char *const headers[] = {"NETWORK", "CIDR", "SEGMENT"};
    static const char *const keys[] = {"full_name", "cidr", "segment"};
    char tenant[CTL_NAME_MAX + 1];
    json_t *list;

    if (a->n_pos) {
        check_name("tenant", a->pos[0], tenant);
    }
    list = list_in_tenants(ctx, "networks", a->n_pos ? tenant : NULL);
    if (!ctx->json) {
        add_display_fields(list);
    }
    print_list(ctx, list, headers, keys, ARRAY_SIZE(keys));
    json_decref(list);
}

/* Ports. */

static void
port_add(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    char tenant[CTL_NAME_MAX + 1], name[CTL_NAME_MAX + 1], *path;
    const char *net = pontctl_opt(a, "network"), *mac = pontctl_opt(a, "mac");
    const char *iface = pontctl_opt(a, "iface");
    json_t *ips = json_array(), *body, *j;

    split_pair(a->pos[0], "port", tenant, name);
    if (!net || !mac) {
        pontctl_usage_error("port add needs --network and --mac");
    }
    for (size_t i = 0; i < a->n_opts; i++) {
        if (!strcmp(a->opts[i].name, "ip")) {
            json_array_append_new(ips, json_string(a->opts[i].value));
        }
    }
    body = json_pack("{s:s, s:s, s:s, s:o}", "name", name, "network", net,
                     "mac", mac, "ips", ips);
    if (iface) {
        json_object_set_new(body, "iface", json_string(iface));
    }
    path = xasprintf("/v1/tenants/%s/ports", tenant);
    j = request_json(ctx, "POST", path, body, JSON_OBJECT);
    if (ctx->json) {
        print_json(j);
    }
    json_decref(j);
    free(path);
}

static void
port_del(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    pair_request(ctx, a->pos[0], "port", "ports", "DELETE");
}

static void
port_show(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    pair_request(ctx, a->pos[0], "port", "ports", "GET");
}

static void
port_list(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    static const char *const headers[] = {"PORT", "NETWORK", "MAC",
                                          "IPS",  "IFACE",   "HOST"};
    static const char *const keys[] = {"full_name", "network", "mac",
                                       "ips",       "iface",   "bound"};
    char tenant[CTL_NAME_MAX + 1];
    json_t *list;

    if (a->n_pos) {
        check_name("tenant", a->pos[0], tenant);
    }
    list = list_in_tenants(ctx, "ports", a->n_pos ? tenant : NULL);
    if (!ctx->json) {
        add_display_fields(list);
    }
    print_list(ctx, list, headers, keys, ARRAY_SIZE(keys));
    json_decref(list);
}

/* Hosts. */

static void
host_add(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    const char *dpid = pontctl_opt(a, "dpid");
    const char *ip = pontctl_opt(a, "tunnel-ip");
    const char *uplink = pontctl_opt(a, "uplink");
    char name[CTL_NAME_MAX + 1];
    json_t *body, *j;

    check_name("host", a->pos[0], name);
    if (!dpid) {
        pontctl_usage_error("host add needs --dpid (16 hex digits)");
    }
    body = json_pack("{s:s, s:s, s:s, s:s}", "name", name, "dpid", dpid,
                     "tunnel_ip", ip ? ip : "", "uplink", uplink ? uplink : "");
    j = request_json(ctx, "POST", "/v1/hosts", body, JSON_OBJECT);
    if (ctx->json) {
        print_json(j);
    }
    json_decref(j);
}

static void
host_del(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    char name[CTL_NAME_MAX + 1], *path;

    check_name("host", a->pos[0], name);
    path = xasprintf("/v1/hosts/%s", name);
    free(request(ctx, "DELETE", path, NULL));
    free(path);
}

static void
host_list(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    static const char *const headers[] = {"HOST",   "DPID",     "TUNNEL-IP",
                                          "UPLINK", "DECLARED", "CONNECTED",
                                          "PORTS"};
    static const char *const keys[] = {"name",   "dpid",     "tunnel_ip",
                                       "uplink", "declared", "connected",
                                       "ports"};
    json_t *list = request_json(ctx, "GET", "/v1/hosts", NULL, JSON_ARRAY);

    (void) a;
    print_list(ctx, list, headers, keys, ARRAY_SIZE(keys));
    json_decref(list);
}

static void
flows(struct pontctl_ctx *ctx, const struct pontctl_args *a)
{
    char name[CTL_NAME_MAX + 1], *path, *text;

    check_name("host", a->pos[0], name);
    path = xasprintf("/v1/hosts/%s/flows", name);
    text = request(ctx, "GET", path, NULL);
    if (ctx->json) {
        json_t *j = json_pack("{s:s, s:s}", "host", name, "flows", text);
        print_json(j);
        json_decref(j);
    } else {
        fputs(text, stdout);
    }
    free(text);
    free(path);
}

static const struct pontctl_command commands[] = {
    {"tenant", "add", 1, 1, {NULL}, "TENANT", tenant_add},
    {"tenant", "del", 1, 1, {NULL}, "TENANT", tenant_del},
    {"tenant", "list", 0, 0, {NULL}, "", tenant_list},
    {"network",
     "add",
     1,
     1,
     {"cidr", "vlan", "vni", NULL},
     "TENANT/NET --cidr CIDR [--vlan ID | --vni VNI]",
     network_add},
    {"network", "del", 1, 1, {NULL}, "TENANT/NET", network_del},
    {"network", "list", 0, 1, {NULL}, "[TENANT]", network_list},
    {"network", "show", 1, 1, {NULL}, "TENANT/NET", network_show},
    {"port",
     "add",
     1,
     1,
     {"network", "mac", "ip", "iface", NULL},
     "TENANT/PORT --network NET --mac MAC --ip IP",
     port_add},
    {"port", "del", 1, 1, {NULL}, "TENANT/PORT", port_del},
    {"port", "list", 0, 1, {NULL}, "[TENANT]", port_list},
    {"port", "show", 1, 1, {NULL}, "TENANT/PORT", port_show},
    {"host",
     "add",
     1,
     1,
     {"dpid", "tunnel-ip", "uplink", NULL},
     "NAME --dpid DPID [--tunnel-ip IP] [--uplink PORT]",
     host_add},
    {"host", "del", 1, 1, {NULL}, "NAME", host_del},
    {"host", "list", 0, 0, {NULL}, "", host_list},
    {"flows", "", 1, 1, {NULL}, "HOST", flows},
};

const struct pontctl_command *
pontctl_find_command(const char *object, const char *verb)
{
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        const struct pontctl_command *c = &commands[i];

        if (!strcmp(c->object, object)
            && (!c->verb[0] || !strcmp(c->verb, verb))) {
            return c;
        }
    }
    return NULL;
}
