/* The REST API's request handling (ctl_rest_handle() in ctl_rest.h): the
 * path to a resource, the method to an action on the model, the model's
 * answer to a status and a body.
 *
 * Each kind of object (tenant, network, port, host) is described once in
 * a table of operations (find, list, to/from JSON, put, delete), so that
 * the four kinds share one implementation of GET, POST, PUT and DELETE
 * with their preconditions and status codes. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "controller/ctl_model.h"
#include "controller/ctl_rest_json.h"
#include "controller/ctl_rest_private.h"
#include "controller/ctl_store.h"
#include "lib/strbuf.h"
#include "lib/util.h"

#define JSON_TYPE "application/json"
#define TEXT_TYPE "text/plain; charset=utf-8"
#define MAX_SEGMENTS 6

/* What a path names. */
struct resource {
    const struct kind *kind;
    const char *tenant; /* Networks' and ports' tenant. */
    const char *name;   /* NULL: the collection. */
    bool flows;         /* /v1/hosts/H/flows. */
};

/* Any of the model's objects, as the kind's operations see it. */
union object {
    struct ctl_tenant tenant;
    struct ctl_network network;
    struct ctl_port port;
    struct ctl_host host;
};

struct kind {
    const char *name;       /* "tenant" */
    const char *collection; /* "tenants" */
    /* The object's revision, or 0 if there is none. */
    uint64_t (*rev)(const struct ctl_model *, const struct resource *);
    /* Every object of the collection, as a JSON array. */
    json_t *(*list)(struct ctl_rest *, const struct resource *);
    /* The object as JSON, or NULL if there is none. */
    json_t *(*get)(struct ctl_rest *, const struct resource *);
    int (*from_json)(const json_t *, const struct resource *, union object *,
                     char **errorp);
    /* The object's name, for Location. */
    const char *(*name_of)(const union object *);
    int (*put)(struct ctl_model *, const union object *, uint64_t if_rev,
               uint64_t *revp, char **errorp);
    int (*del)(struct ctl_model *, const struct resource *, uint64_t if_rev,
               char **errorp);
};

/* Responses. */

static void
respond_json(struct ctl_rest_response *r, int status, json_t *body)
{
    char *s = json_dumps(body, JSON_COMPACT);

    r->status = status;
    r->content_type = JSON_TYPE;
    r->body = xasprintf("%s\n", s ? s : "null");
    free(s);
    json_decref(body);
}

static void
respond_error(struct ctl_rest_response *r, int status, char *message)
{
    respond_json(r, status, json_pack("{s:s}", "error", message));
    free(message);
}

static int
status_of(int error)
{
    switch (error) {
    case -EINVAL:
        return 400;
    case -ENOENT:
        return 404;
    case -EEXIST:
    case -EBUSY:
        return 409;
    case -ESTALE:
        return 412;
    default:
        return 500;
    }
}

/* The kinds' operations. */

static uint64_t
tenant_rev(const struct ctl_model *m, const struct resource *res)
{
    const struct ctl_tenant *t = ctl_model_tenant(m, res->name);
    return t ? t->rev : 0;
}

static json_t *
tenant_list(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_tenant *const *all;
    size_t n = ctl_model_tenants(rest->model, &all);
    json_t *array = json_array();

    (void) res;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(array, ctl_json_from_tenant(all[i]));
    }
    return array;
}

static json_t *
tenant_get(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_tenant *t = ctl_model_tenant(rest->model, res->name);
    return t ? ctl_json_from_tenant(t) : NULL;
}

static int
tenant_from_json(const json_t *j, const struct resource *res, union object *o,
                 char **errorp)
{
    return ctl_json_to_tenant(j, res->name, &o->tenant, errorp);
}

static const char *
tenant_name_of(const union object *o)
{
    return o->tenant.name;
}

static int
tenant_put(struct ctl_model *m, const union object *o, uint64_t if_rev,
           uint64_t *revp, char **errorp)
{
    return ctl_model_put_tenant(m, &o->tenant, if_rev, revp, errorp);
}

static int
tenant_del(struct ctl_model *m, const struct resource *res, uint64_t if_rev,
           char **errorp)
{
    return ctl_model_del_tenant(m, res->name, if_rev, errorp);
}

static uint64_t
network_rev(const struct ctl_model *m, const struct resource *res)
{
    const struct ctl_network *n = ctl_model_network(m, res->tenant, res->name);
    return n ? n->rev : 0;
}

static json_t *
network_list(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_network *const *all;
    size_t n = ctl_model_networks(rest->model, &all);
    json_t *array = json_array();

    for (size_t i = 0; i < n; i++) {
        if (!strcmp(all[i]->tenant, res->tenant)) {
            json_array_append_new(array, ctl_json_from_network(all[i]));
        }
    }
    return array;
}

static json_t *
network_get(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_network *n =
        ctl_model_network(rest->model, res->tenant, res->name);
    return n ? ctl_json_from_network(n) : NULL;
}

static int
network_from_json(const json_t *j, const struct resource *res, union object *o,
                  char **errorp)
{
    return ctl_json_to_network(j, res->tenant, res->name, &o->network, errorp);
}

static const char *
network_name_of(const union object *o)
{
    return o->network.name;
}

static int
network_put(struct ctl_model *m, const union object *o, uint64_t if_rev,
            uint64_t *revp, char **errorp)
{
    return ctl_model_put_network(m, &o->network, if_rev, revp, errorp);
}

static int
network_del(struct ctl_model *m, const struct resource *res, uint64_t if_rev,
            char **errorp)
{
    return ctl_model_del_network(m, res->tenant, res->name, if_rev, errorp);
}

static uint64_t
port_rev(const struct ctl_model *m, const struct resource *res)
{
    const struct ctl_port *p = ctl_model_port(m, res->tenant, res->name);
    return p ? p->rev : 0;
}

static json_t *
port_list(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_port *const *all;
    size_t n = ctl_model_ports(rest->model, &all);
    json_t *array = json_array();

    for (size_t i = 0; i < n; i++) {
        if (!strcmp(all[i]->tenant, res->tenant)) {
            json_array_append_new(array,
                                  ctl_json_from_port(rest->model, all[i]));
        }
    }
    return array;
}

static json_t *
port_get(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_port *p =
        ctl_model_port(rest->model, res->tenant, res->name);
    return p ? ctl_json_from_port(rest->model, p) : NULL;
}

static int
port_from_json(const json_t *j, const struct resource *res, union object *o,
               char **errorp)
{
    return ctl_json_to_port(j, res->tenant, res->name, &o->port, errorp);
}

static const char *
port_name_of(const union object *o)
{
    return o->port.name;
}

static int
port_put(struct ctl_model *m, const union object *o, uint64_t if_rev,
         uint64_t *revp, char **errorp)
{
    return ctl_model_put_port(m, &o->port, if_rev, revp, errorp);
}

static int
port_del(struct ctl_model *m, const struct resource *res, uint64_t if_rev,
         char **errorp)
{
    return ctl_model_del_port(m, res->tenant, res->name, if_rev, errorp);
}

static uint64_t
host_rev(const struct ctl_model *m, const struct resource *res)
{
    const struct ctl_host *h = ctl_model_host(m, res->name);
    return h ? h->rev : 0;
}

static json_t *
host_json(struct ctl_rest *rest, const struct ctl_host *h)
{
    bool connected =
        rest->connected && rest->connected(h->name, rest->connected_aux);
    return ctl_json_from_host(rest->model, h, connected);
}

static json_t *
host_list(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_host *const *all;
    size_t n = ctl_model_hosts(rest->model, &all);
    json_t *array = json_array();

    (void) res;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(array, host_json(rest, all[i]));
    }
    return array;
}

static json_t *
host_get(struct ctl_rest *rest, const struct resource *res)
{
    const struct ctl_host *h = ctl_model_host(rest->model, res->name);
    return h ? host_json(rest, h) : NULL;
}

static int
host_from_json(const json_t *j, const struct resource *res, union object *o,
               char **errorp)
{
    return ctl_json_to_host(j, res->name, &o->host, errorp);
}

static const char *
host_name_of(const union object *o)
{
    return o->host.name;
}

static int
host_put(struct ctl_model *m, const union object *o, uint64_t if_rev,
         uint64_t *revp, char **errorp)
{
    return ctl_model_put_host(m, &o->host, if_rev, revp, errorp);
}

static int
host_del(struct ctl_model *m, const struct resource *res, uint64_t if_rev,
         char **errorp)
{
    return ctl_model_del_host(m, res->name, if_rev, errorp);
}

static const struct kind tenant_kind = {
    .name = "tenant",
    .collection = "tenants",
    .rev = tenant_rev,
    .list = tenant_list,
    .get = tenant_get,
    .from_json = tenant_from_json,
    .name_of = tenant_name_of,
    .put = tenant_put,
    .del = tenant_del,
};
static const struct kind network_kind = {
    .name = "network",
    .collection = "networks",
    .rev = network_rev,
    .list = network_list,
    .get = network_get,
    .from_json = network_from_json,
    .name_of = network_name_of,
    .put = network_put,
    .del = network_del,
};
static const struct kind port_kind = {
    .name = "port",
    .collection = "ports",
    .rev = port_rev,
    .list = port_list,
    .get = port_get,
    .from_json = port_from_json,
    .name_of = port_name_of,
    .put = port_put,
    .del = port_del,
};
static const struct kind host_kind = {
    .name = "host",
    .collection = "hosts",
    .rev = host_rev,
    .list = host_list,
    .get = host_get,
    .from_json = host_from_json,
    .name_of = host_name_of,
    .put = host_put,
    .del = host_del,
};

/* Paths. */

/* Splits the path of 'req' (without its query) at '/' into 'seg', at most
 * MAX_SEGMENTS; a trailing '/' is ignored.  Returns the number of
 * segments, or -1 if there are too many or one is empty.  'buf' receives
 * the copy that 'seg' points into. */
static int
split_path(const char *path, char *buf, size_t size, const char **seg)
{
    size_t len = strcspn(path, "?#");
    int n = 0;

    if (len >= size || path[0] != '/') {
        return -1;
    }
    memcpy(buf, path + 1, len - 1);
    buf[len - 1] = '\0';
    if (len > 1 && buf[len - 2] == '/') {
        buf[len - 2] = '\0';
    }
    for (char *p = buf, *slash; n < MAX_SEGMENTS; p = slash + 1) {
        seg[n++] = p;
        slash = strchr(p, '/');
        if (!*p || !slash) {
            return *p ? n : -1;
        }
        *slash = '\0';
    }
    return -1;
}

/* Fills 'res' from the segments after "v1"; false if they name nothing. */
static bool
parse_resource(const char **seg, int n, struct resource *res)
{
    memset(res, 0, sizeof *res);
    if (n >= 1 && n <= 2 && !strcmp(seg[0], "tenants")) {
        res->kind = &tenant_kind;
        res->name = n == 2 ? seg[1] : NULL;
        return true;
    }
    if (n >= 3 && n <= 4 && !strcmp(seg[0], "tenants")) {
        res->tenant = seg[1];
        res->name = n == 4 ? seg[3] : NULL;
        res->kind = !strcmp(seg[2], "networks") ? &network_kind
                    : !strcmp(seg[2], "ports")  ? &port_kind
                                                : NULL;
        return res->kind != NULL;
    }
    if (n >= 1 && n <= 3 && !strcmp(seg[0], "hosts")) {
        res->kind = &host_kind;
        res->name = n >= 2 ? seg[1] : NULL;
        res->flows = n == 3 && !strcmp(seg[2], "flows");
        return n < 3 || res->flows;
    }
    return false;
}

/* Requests. */

/* Parses If-Match: '*' (any existing revision) or "REV", with or without
 * quotes or W/.  Returns false if it is neither. */
static bool
parse_if_match(const char *s, uint64_t current, uint64_t *if_rev)
{
    char *end;

    *if_rev = 0;
    if (!s) {
        return true;
    }
    s += strspn(s, " \t");
    if (!strncmp(s, "W/", 2)) {
        s += 2;
    }
    if (*s == '*') {
        *if_rev = current ? current : UINT64_MAX;
        return !s[1 + strspn(s + 1, " \t")];
    }
    if (*s == '"') {
        s++;
    }
    if (*s < '0' || *s > '9') {
        return false;
    }
    *if_rev = strtoull(s, &end, 10);
    end += *end == '"';
    return *if_rev && !end[strspn(end, " \t")];
}

static bool
is_json_type(const char *type)
{
    size_t len = strlen(JSON_TYPE);

    return type && !strncasecmp(type, JSON_TYPE, len)
           && (!type[len] || type[len] == ';' || type[len] == ' ');
}

/* Parses the body of 'req' as JSON; NULL with a response made if it is
 * not JSON. */
static json_t *
parse_body(const struct ctl_rest_request *req, struct ctl_rest_response *r)
{
    json_error_t err;
    json_t *body;

    if (!is_json_type(req->content_type)) {
        respond_error(
            r, 415,
            xasprintf("the body must be JSON, sent with "
                      "Content-Type: %s, not %.80s",
                      JSON_TYPE,
                      req->content_type ? req->content_type : "none"));
        return NULL;
    }
    body = json_loadb(req->body ? req->body : "", req->body_len,
                      JSON_REJECT_DUPLICATES, &err);
    if (!body) {
        respond_error(r, 400,
                      xasprintf("the body is not valid JSON: %s (line %d, "
                                "column %d)",
                                err.text, err.line, err.column));
    }
    return body;
}

/* After a change: saves the model, tells the southbound, and answers
 * 'status' with the object. */
static void
changed(struct ctl_rest *rest, struct ctl_rest_response *r, int status,
        json_t *object, uint64_t rev)
{
    char *error = NULL;

    if (rest->store && ctl_store_save(rest->store, rest->model, &error)) {
        json_decref(object);
        respond_error(r, 500,
                      xasprintf("the change was made but not saved, so a "
                                "restart would lose it: %s",
                                error));
        free(error);
    } else if (object) {
        respond_json(r, status, object);
        r->etag = rev;
    } else {
        r->status = status;
    }
    if (rest->change) {
        rest->change(rest->model, rest->change_aux);
    }
}

/* Creates or replaces the object that 'body' describes: POST (create
 * only) when 'res' names the collection, else PUT. */
static void
put_object(struct ctl_rest *rest, const struct ctl_rest_request *req,
           const struct resource *res, struct ctl_rest_response *r)
{
    const struct kind *k = res->kind;
    struct resource target = *res;
    json_t *body = parse_body(req, r);
    union object o;
    uint64_t if_rev, old_rev, rev;
    char *error = NULL;
    int status;

    if (!body) {
        return;
    }
    if (k->from_json(body, res, &o, &error)) {
        json_decref(body);
        respond_error(r, 400, error);
        return;
    }
    json_decref(body);
    target.name = k->name_of(&o);
    old_rev = k->rev(rest->model, &target);
    if (!res->name && old_rev) {
        respond_error(r, 409,
                      xasprintf("%s %s already exists; PUT it to replace it",
                                k->name, target.name));
        return;
    }
    if (!parse_if_match(req->if_match, old_rev, &if_rev)
        || (if_rev && !old_rev)) {
        respond_error(r, 412,
                      xasprintf("If-Match %.40s matches no revision of %s "
                                "%s; give the ETag of a GET, like \"12\"",
                                req->if_match, k->name, target.name));
        return;
    }
    status = k->put(rest->model, &o, if_rev, &rev, &error);
    if (status) {
        respond_error(r, status_of(status), error);
        return;
    }
    if (!old_rev) {
        r->location = res->tenant
                          ? xasprintf("/v1/tenants/%s/%s/%s", res->tenant,
                                      k->collection, target.name)
                          : xasprintf("/v1/%s/%s", k->collection, target.name);
    }
    changed(rest, r, old_rev ? 200 : 201, k->get(rest, &target), rev);
}

static void
delete_object(struct ctl_rest *rest, const struct ctl_rest_request *req,
              const struct resource *res, struct ctl_rest_response *r)
{
    uint64_t if_rev, old_rev = res->kind->rev(rest->model, res);
    char *error = NULL;
    int status;

    if (!parse_if_match(req->if_match, old_rev, &if_rev)) {
        respond_error(r, 412,
                      xasprintf("If-Match %.40s matches no revision of %s "
                                "%s; give the ETag of a GET, like \"12\"",
                                req->if_match, res->kind->name, res->name));
        return;
    }
    status = res->kind->del(rest->model, res, if_rev, &error);
    if (status) {
        respond_error(r, status_of(status), error);
        return;
    }
    changed(rest, r, 204, NULL, 0);
}

static void
get_flows(struct ctl_rest *rest, const struct resource *res,
          struct ctl_rest_response *r)
{
    char *error = NULL, *text;

    if (!ctl_model_host(rest->model, res->name)) {
        respond_error(r, 404,
                      xasprintf("host %.80s does not exist", res->name));
        return;
    }
    if (!rest->compile) {
        respond_error(r, 501,
                      xstrdup("this pont-controller has no flow compiler "
                              "yet, so it cannot say which flows a host "
                              "should have"));
        return;
    }
    text = rest->compile(rest->model, res->name, rest->compile_aux, &error);
    if (!text) {
        respond_error(r, 500, error);
        return;
    }
    r->status = 200;
    r->content_type = TEXT_TYPE;
    r->body = text;
}

static void
get(struct ctl_rest *rest, const struct resource *res,
    struct ctl_rest_response *r)
{
    json_t *j;

    if (!res->name) {
        respond_json(r, 200, res->kind->list(rest, res));
        r->etag = ctl_model_revision(rest->model);
        return;
    }
    j = res->kind->get(rest, res);
    if (!j) {
        respond_error(r, 404,
                      res->tenant
                          ? xasprintf("%s %.40s/%.40s does not exist",
                                      res->kind->name, res->tenant, res->name)
                          : xasprintf("%s %.80s does not exist",
                                      res->kind->name, res->name));
        return;
    }
    respond_json(r, 200, j);
    r->etag = res->kind->rev(rest->model, res);
}

/* Dispatches on the method; 405 for one the resource does not take. */
static void
dispatch(struct ctl_rest *rest, const struct ctl_rest_request *req,
         const struct resource *res, struct ctl_rest_response *r)
{
    const char *m = req->method;
    const char *allow = res->flows   ? "GET"
                        : !res->name ? "GET, POST"
                                     : "GET, PUT, DELETE";

    if (res->tenant && !ctl_model_tenant(rest->model, res->tenant)) {
        respond_error(r, 404,
                      xasprintf("tenant %.80s does not exist", res->tenant));
    } else if (!strcmp(m, "GET")) {
        if (res->flows) {
            get_flows(rest, res, r);
        } else {
            get(rest, res, r);
        }
    } else if (!strcmp(m, "POST") && !res->name) {
        put_object(rest, req, res, r);
    } else if (!strcmp(m, "PUT") && res->name && !res->flows) {
        put_object(rest, req, res, r);
    } else if (!strcmp(m, "DELETE") && res->name && !res->flows) {
        delete_object(rest, req, res, r);
    } else {
        respond_error(r, 405,
                      xasprintf("%.16s is not allowed here; use %s", m, allow));
        r->allow = allow;
    }
}

void
ctl_rest_handle(struct ctl_rest *rest, const struct ctl_rest_request *req,
                struct ctl_rest_response *r)
{
    const char *seg[MAX_SEGMENTS];
    struct resource res;
    char buf[512];
    int n;

    memset(r, 0, sizeof *r);
    n = split_path(req->path, buf, sizeof buf, seg);
    if (n < 2 || strcmp(seg[0], "v1")
        || !parse_resource(seg + 1, n - 1, &res)) {
        respond_error(r, 404,
                      xasprintf("there is nothing at %.80s; the API has "
                                "/v1/tenants[/T], "
                                "/v1/tenants/T/networks[/N], "
                                "/v1/tenants/T/ports[/P] and "
                                "/v1/hosts[/H[/flows]]",
                                req->path));
        return;
    }
    dispatch(rest, req, &res, r);
}

void
ctl_rest_response_uninit(struct ctl_rest_response *r)
{
    free(r->body);
    free(r->location);
    r->body = r->location = NULL;
}
