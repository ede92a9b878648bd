/* Fuzz target for the REST API's request handling (controller/ctl_rest.h),
 * body parsing above all.  The input's first byte picks the method and
 * path (a table of every writable resource), its second the Content-Type
 * and If-Match, and the rest is the body.  Each input runs against a
 * fresh model holding a tenant, a network, a port and a host, so that
 * bodies meet duplicates, references and revisions.
 *
 * Every response must be well formed: a known status, a JSON body with a
 * string "error" for every error, a JSON object for 200 and 201, and the
 * model must still list and serve every object afterwards. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_model.h"
#include "controller/ctl_rest.h"
#include "controller/ctl_store.h"
#include "lib/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct route {
    const char *method;
    const char *path;
} routes[] = {
    {"POST", "/v1/tenants"},
    {"PUT", "/v1/tenants/acme"},
    {"PUT", "/v1/tenants/beta"},
    {"POST", "/v1/tenants/acme/networks"},
    {"PUT", "/v1/tenants/acme/networks/net1"},
    {"PUT", "/v1/tenants/acme/networks/net2"},
    {"POST", "/v1/tenants/acme/ports"},
    {"PUT", "/v1/tenants/acme/ports/web1"},
    {"PUT", "/v1/tenants/acme/ports/web2"},
    {"POST", "/v1/hosts"},
    {"PUT", "/v1/hosts/h1"},
    {"PUT", "/v1/hosts/h2"},
    {"DELETE", "/v1/tenants/acme/networks/net1"},
    {"GET", "/v1/hosts/h1/flows"},
};

static const char *const if_matches[] = {NULL,    "*",     "\"1\"", "\"2\"",
                                         "\"3\"", "\"4\"", "junk",  "W/\"3\""};

static void
must_handle(struct ctl_rest *rest, const char *method, const char *path,
            const char *body, int expected)
{
    struct ctl_rest_request req = {method, path, "application/json",
                                   NULL,   body, body ? strlen(body) : 0};
    struct ctl_rest_response r;

    ctl_rest_handle(rest, &req, &r);
    if (r.status != expected) {
        abort();
    }
    ctl_rest_response_uninit(&r);
}

static void
check_response(const struct ctl_rest_response *r)
{
    static const int statuses[] = {200, 201, 204, 400, 404,
                                   405, 409, 412, 415, 501};
    bool known = false;
    json_t *j;

    for (size_t i = 0; i < ARRAY_SIZE(statuses); i++) {
        known |= r->status == statuses[i];
    }
    if (!known || (r->status == 204) != !r->body) {
        abort();
    }
    if (r->status == 204) {
        return;
    }
    j = json_loads(r->body, 0, NULL);
    if (r->status >= 400 ? !json_is_string(json_object_get(j, "error"))
                         : !json_is_object(j)) {
        abort();
    }
    json_decref(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {"application/json", "text/plain", NULL,
                                        "application/json; x"};
    struct ctl_model *model;
    struct ctl_store *store;
    struct ctl_rest *rest;
    struct ctl_rest_response r;
    char *error = NULL;

    if (size < 2) {
        return 0;
    }
    store = ctl_store_open("memory:", &model, &error);
    rest = ctl_rest_create(model, store);
    must_handle(rest, "PUT", "/v1/tenants/acme", "{}", 201);
    must_handle(rest, "PUT", "/v1/tenants/acme/networks/net1",
                "{\"cidr\": \"10.0.1.0/24\", \"segment\": \"vlan:10\"}", 201);
    must_handle(rest, "PUT", "/v1/tenants/acme/ports/web1",
                "{\"network\": \"net1\", \"mac\": \"52:54:00:00:00:01\", "
                "\"ips\": [\"10.0.1.10\"]}",
                201);
    must_handle(rest, "PUT", "/v1/hosts/h1", "{\"tunnel_ip\": \"10.9.9.9\"}",
                201);

    const struct route *route = &routes[data[0] % ARRAY_SIZE(routes)];
    struct ctl_rest_request req = {
        .method = route->method,
        .path = route->path,
        .content_type = types[data[1] % ARRAY_SIZE(types)],
        .if_match = if_matches[(data[1] >> 2) % ARRAY_SIZE(if_matches)],
        .body = (const char *) data + 2,
        .body_len = size - 2,
    };
    ctl_rest_handle(rest, &req, &r);
    check_response(&r);
    ctl_rest_response_uninit(&r);

    /* Whatever happened, every list still reads. */
    must_handle(rest, "GET", "/v1/tenants", NULL, 200);
    must_handle(rest, "GET", "/v1/hosts", NULL, 200);
    must_handle(rest, "GET", "/v1/tenants/acme/ports", NULL, 200);
    ctl_rest_destroy(rest);
    ctl_store_close(store);
    ctl_model_destroy(model);
    return 0;
}
