/* JSON forms of the model's objects for the REST API (ctl_rest_json.h).
 *
 * Input is checked field by field against a table of the kind's fields,
 * so that an unknown or mistyped field is named in the error instead of
 * being silently dropped. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_rest_json.h"
#include "lib/strbuf.h"
#include "lib/util.h"

/* Output. */

static json_t *
json_ip(be32 ip)
{
    char s[CTL_IP_STRLEN];

    ctl_format_ipv4(ip, s);
    return json_string(s);
}

json_t *
ctl_json_from_tenant(const struct ctl_tenant *t)
{
    return json_pack("{s:s, s:I}", "name", t->name, "revision",
                     (json_int_t) t->rev);
}

json_t *
ctl_json_from_network(const struct ctl_network *n)
{
    char cidr[CTL_IP_STRLEN + 4], ip[CTL_IP_STRLEN], seg[CTL_SEGMENT_STRLEN];

    ctl_format_ipv4(n->cidr_ip, ip);
    snprintf(cidr, sizeof cidr, "%s/%u", ip, n->cidr_len);
    ctl_format_segment(n->seg, n->seg_id, seg);
    return json_pack("{s:s, s:s, s:s, s:s, s:I}", "tenant", n->tenant, "name",
                     n->name, "cidr", cidr, "segment", seg, "revision",
                     (json_int_t) n->rev);
}

json_t *
ctl_json_from_port(const struct ctl_model *m, const struct ctl_port *p)
{
    const struct ctl_binding *b = ctl_model_binding(m, p->iface);
    char mac[CTL_MAC_STRLEN];
    json_t *ips = json_array();

    ctl_format_mac(&p->mac, mac);
    for (size_t i = 0; i < p->n_ips; i++) {
        json_array_append_new(ips, json_ip(p->ips[i]));
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:I}", "tenant",
                     p->tenant, "name", p->name, "network", p->network, "mac",
                     mac, "ips", ips, "iface", p->iface, "binding",
                     b ? json_pack("{s:s, s:I}", "host", b->host, "ofport",
                                   (json_int_t) b->ofport)
                       : json_null(),
                     "revision", (json_int_t) p->rev);
}

/* The ports bound to host 'name', as "TENANT/PORT" (or the binding key
 * alone for a key that no port has). */
static json_t *
host_ports(const struct ctl_model *m, const char *name)
{
    const struct ctl_binding *const *bindings;
    size_t n = ctl_model_bindings(m, &bindings);
    json_t *ports = json_array();

    for (size_t i = 0; i < n; i++) {
        const struct ctl_port *p;

        if (strcmp(bindings[i]->host, name)) {
            continue;
        }
        p = ctl_model_port_by_iface(m, bindings[i]->iface);
        if (p) {
            char *s = xasprintf("%s/%s", p->tenant, p->name);
            json_array_append_new(ports, json_string(s));
            free(s);
        }
    }
    return ports;
}

json_t *
ctl_json_from_host(const struct ctl_model *m, const struct ctl_host *h,
                   bool connected)
{
    char dpid[17];

    snprintf(dpid, sizeof dpid, "%016" PRIx64, h->dpid);
    return json_pack(
        "{s:s, s:o, s:o, s:s, s:b, s:b, s:o, s:I}", "name", h->name, "dpid",
        h->dpid ? json_string(dpid) : json_null(), "tunnel_ip",
        h->tunnel_ip ? json_ip(h->tunnel_ip) : json_null(), "uplink", h->uplink,
        "declared", h->declared, "connected", connected, "ports",
        host_ports(m, h->name), "revision", (json_int_t) h->rev);
}

/* Input. */

/* A kind's fields: the writable ones first, then the read-only ones. */
struct fields {
    const char *kind;
    const char *writable[8];
    const char *read_only[4];
};

static const struct fields tenant_fields = {"tenant", {"name"}, {"revision"}};
static const struct fields network_fields = {
    "network", {"name", "tenant", "cidr", "segment"}, {"revision"}};
static const struct fields port_fields = {
    "port",
    {"name", "tenant", "network", "mac", "ips", "iface"},
    {"revision", "binding"}};
static const struct fields host_fields = {
    "host",
    {"name", "dpid", "tunnel_ip", "uplink", "declared"},
    {"revision", "connected", "ports"}};

static bool
in_list(const char *const *list, size_t n, const char *key)
{
    for (size_t i = 0; i < n && list[i]; i++) {
        if (!strcmp(list[i], key)) {
            return true;
        }
    }
    return false;
}

/* Checks that 'obj' is an object with only fields of 'f'. */
static int
check_fields(const json_t *obj, const struct fields *f, char **errorp)
{
    const char *key;
    json_t *value;

    if (!json_is_object(obj)) {
        *errorp = xasprintf("the body must be a JSON object describing a %s",
                            f->kind);
        return -EINVAL;
    }
    json_object_foreach((json_t *) obj, key, value)
    {
        if (!in_list(f->writable, ARRAY_SIZE(f->writable), key)
            && !in_list(f->read_only, ARRAY_SIZE(f->read_only), key)) {
            struct strbuf names = STRBUF_INIT;

            for (size_t i = 0; i < ARRAY_SIZE(f->writable) && f->writable[i];
                 i++) {
                strbuf_printf(&names, "%s\"%s\"", i ? ", " : "",
                              f->writable[i]);
            }
            *errorp = xasprintf("field \"%.80s\" is unknown; a %s has %s", key,
                                f->kind, strbuf_str(&names));
            strbuf_free(&names);
            return -EINVAL;
        }
    }
    return 0;
}

/* Gets string field 'key' of 'obj' into '*s': NULL if absent (or null, if
 * 'nullable'); -EINVAL if it is another type. */
static int
get_string(const json_t *obj, const char *kind, const char *key, bool nullable,
           const char **s, char **errorp)
{
    json_t *v = json_object_get(obj, key);

    *s = NULL;
    if (!v || (nullable && json_is_null(v))) {
        return 0;
    }
    if (!json_is_string(v)) {
        *errorp = xasprintf("field \"%s\" of a %s must be a string%s", key,
                            kind, nullable ? " or null" : "");
        return -EINVAL;
    }
    *s = json_string_value(v);
    return 0;
}

/* Gets required string field 'key'; 'example' shows what it takes. */
static int
need_string(const json_t *obj, const char *kind, const char *key,
            const char *example, const char **s, char **errorp)
{
    int error = get_string(obj, kind, key, false, s, errorp);

    if (!error && !*s) {
        *errorp =
            xasprintf("a %s needs field \"%s\" (like %s)", kind, key, example);
        return -EINVAL;
    }
    return error;
}

/* Sets 'out' to the name from the URL ('url', or NULL) or the body's field
 * 'key', which must agree with it. */
static int
get_name(const json_t *obj, const char *kind, const char *key, const char *url,
         char *out, char **errorp)
{
    const char *body;
    int error = get_string(obj, kind, key, false, &body, errorp);

    if (error) {
        return error;
    }
    if (url && body && strcmp(url, body)) {
        *errorp = xasprintf("field \"%s\" says \"%.80s\" but the URL says "
                            "\"%s\"; leave it out or make them agree",
                            key, body, url);
        return -EINVAL;
    }
    if (!url && !body) {
        *errorp = xasprintf("a %s needs field \"%s\"", kind, key);
        return -EINVAL;
    }
    return ctl_parse_name(!strcmp(key, "name") ? kind : key, url ? url : body,
                          out, errorp);
}

/* Prefixes '*errorp' with "field \"KEY\": ". */
static int
in_field(const char *key, int error, char **errorp)
{
    if (error) {
        char *inner = *errorp;

        *errorp = xasprintf("field \"%s\": %s", key, inner);
        free(inner);
    }
    return error;
}

int
ctl_json_to_tenant(const json_t *obj, const char *name, struct ctl_tenant *out,
                   char **errorp)
{
    memset(out, 0, sizeof *out);
    int error = check_fields(obj, &tenant_fields, errorp);
    return error ? error
                 : get_name(obj, "tenant", "name", name, out->name, errorp);
}

int
ctl_json_to_network(const json_t *obj, const char *tenant, const char *name,
                    struct ctl_network *out, char **errorp)
{
    const char *cidr, *segment;
    int error;

    memset(out, 0, sizeof *out);
    out->seg = CTL_SEG_VXLAN;
    error = check_fields(obj, &network_fields, errorp);
    if (!error) {
        error = get_name(obj, "network", "tenant", tenant, out->tenant, errorp);
    }
    if (!error) {
        error = get_name(obj, "network", "name", name, out->name, errorp);
    }
    if (!error) {
        error = need_string(obj, "network", "cidr", "\"10.0.1.0/24\"", &cidr,
                            errorp);
    }
    if (!error) {
        error = in_field(
            "cidr", ctl_parse_cidr(cidr, &out->cidr_ip, &out->cidr_len, errorp),
            errorp);
    }
    if (!error) {
        error = get_string(obj, "network", "segment", false, &segment, errorp);
    }
    if (!error && segment) {
        error = in_field(
            "segment",
            ctl_parse_segment(segment, &out->seg, &out->seg_id, errorp),
            errorp);
    }
    return error;
}

static int
get_ips(const json_t *obj, struct ctl_port *p, char **errorp)
{
    json_t *ips = json_object_get(obj, "ips"), *v;
    size_t i;

    if (!ips) {
        return 0;
    }
    if (!json_is_array(ips) || json_array_size(ips) > CTL_MAX_IPS) {
        *errorp = xasprintf("field \"ips\" must be an array of at most %d "
                            "IPv4 addresses, like [\"10.0.1.5\"]",
                            CTL_MAX_IPS);
        return -EINVAL;
    }
    json_array_foreach(ips, i, v)
    {
        if (!json_is_string(v)) {
            *errorp = xstrdup("field \"ips\" must hold strings, like "
                              "[\"10.0.1.5\"]");
            return -EINVAL;
        }
        if (in_field(
                "ips",
                ctl_parse_ipv4("IP", json_string_value(v), &p->ips[i], errorp),
                errorp)) {
            return -EINVAL;
        }
    }
    p->n_ips = json_array_size(ips);
    return 0;
}

int
ctl_json_to_port(const json_t *obj, const char *tenant, const char *name,
                 struct ctl_port *out, char **errorp)
{
    const char *mac, *iface;
    int error;

    memset(out, 0, sizeof *out);
    error = check_fields(obj, &port_fields, errorp);
    if (!error) {
        error = get_name(obj, "port", "tenant", tenant, out->tenant, errorp);
    }
    if (!error) {
        error = get_name(obj, "port", "name", name, out->name, errorp);
    }
    if (!error) {
        error = get_name(obj, "port", "network", NULL, out->network, errorp);
    }
    if (!error) {
        error = need_string(obj, "port", "mac", "\"52:54:00:12:34:56\"", &mac,
                            errorp);
    }
    if (!error) {
        error = in_field("mac", ctl_parse_mac(mac, &out->mac, errorp), errorp);
    }
    if (!error) {
        error = get_ips(obj, out, errorp);
    }
    if (!error) {
        error = get_string(obj, "port", "iface", true, &iface, errorp);
    }
    if (!error && iface && iface[0]) {
        error = in_field("iface", ctl_parse_iface(iface, out->iface, errorp),
                         errorp);
    }
    return error;
}

static int
get_host_values(const json_t *obj, struct ctl_host *h, char **errorp)
{
    const char *dpid, *ip, *uplink;
    json_t *declared = json_object_get(obj, "declared");
    int error;

    error = get_string(obj, "host", "dpid", true, &dpid, errorp);
    if (!error && dpid) {
        error =
            in_field("dpid", ctl_parse_dpid(dpid, &h->dpid, errorp), errorp);
    }
    if (!error) {
        error = get_string(obj, "host", "tunnel_ip", true, &ip, errorp);
    }
    if (!error && ip && ip[0]) {
        error = in_field("tunnel_ip",
                         ctl_parse_ipv4("tunnel IP", ip, &h->tunnel_ip, errorp),
                         errorp);
    }
    if (!error) {
        error = get_string(obj, "host", "uplink", true, &uplink, errorp);
    }
    if (!error && uplink) {
        if (strlen(uplink) >= sizeof h->uplink) {
            *errorp = xasprintf("field \"uplink\" is longer than %zu "
                                "characters; give the uplink's OpenFlow "
                                "port name",
                                sizeof h->uplink - 1);
            return -EINVAL;
        }
        memcpy(h->uplink, uplink, strlen(uplink) + 1);
    }
    if (!error && declared && !json_is_boolean(declared)) {
        *errorp = xstrdup("field \"declared\" must be true or false");
        return -EINVAL;
    }
    h->declared = !declared || json_is_true(declared);
    return error;
}

int
ctl_json_to_host(const json_t *obj, const char *name, struct ctl_host *out,
                 char **errorp)
{
    int error;

    memset(out, 0, sizeof *out);
    error = check_fields(obj, &host_fields, errorp);
    if (!error) {
        error = get_name(obj, "host", "name", name, out->name, errorp);
    }
    return error ? error : get_host_values(obj, out, errorp);
}
