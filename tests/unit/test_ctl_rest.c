/* Tests for the controller's REST request handling (controller/ctl_rest.h)
 * without HTTP: each kind's CRUD, status codes with their messages, ETags
 * and If-Match, the callbacks (connected, compile, change). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_controller.h"
#include "controller/ctl_model.h"
#include "controller/ctl_rest.h"
#include "controller/ctl_store.h"

struct fixture {
    struct ctl_model *model;
    struct ctl_store *store;
    struct ctl_rest *rest;
    int n_changes;
    struct ctl_rest_response r; /* The last response. */
};

static void
count_change(struct ctl_model *m, void *f_)
{
    struct fixture *f = f_;

    (void) m;
    f->n_changes++;
}

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char *error = NULL;

    f->store = ctl_store_open("memory:", &f->model, &error);
    assert_non_null(f->store);
    f->rest = ctl_rest_create(f->model, f->store);
    ctl_rest_set_change_cb(f->rest, count_change, f);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    ctl_rest_response_uninit(&f->r);
    ctl_rest_destroy(f->rest);
    ctl_store_close(f->store);
    ctl_model_destroy(f->model);
    free(f);
    return 0;
}

/* Sends a request with a JSON body (or none) and returns the status. */
static int
call_full(struct fixture *f, const char *method, const char *path,
          const char *type, const char *if_match, const char *body)
{
    struct ctl_rest_request req = {
        .method = method,
        .path = path,
        .content_type = type,
        .if_match = if_match,
        .body = body,
        .body_len = body ? strlen(body) : 0,
    };

    ctl_rest_response_uninit(&f->r);
    ctl_rest_handle(f->rest, &req, &f->r);
    return f->r.status;
}

static int
call(struct fixture *f, const char *method, const char *path, const char *body)
{
    return call_full(f, method, path, body ? "application/json" : NULL, NULL,
                     body);
}

/* Asserts that the last response is an error whose sentence contains
 * 'needle'. */
static void
error_says(struct fixture *f, const char *needle)
{
    json_t *j = json_loads(f->r.body, 0, NULL);
    const char *s = json_string_value(json_object_get(j, "error"));

    assert_non_null(s);
    if (!strstr(s, needle)) {
        fail_msg("error \"%s\" lacks \"%s\"", s, needle);
    }
    json_decref(j);
}

/* The last response's body as JSON (caller decrefs). */
static json_t *
body(struct fixture *f)
{
    json_t *j = json_loads(f->r.body, 0, NULL);

    assert_non_null(j);
    return j;
}

static void
add_basics(struct fixture *f)
{
    assert_int_equal(call(f, "POST", "/v1/tenants", "{\"name\": \"acme\"}"),
                     201);
    assert_int_equal(call(f, "PUT", "/v1/tenants/acme/networks/net1",
                          "{\"cidr\": \"10.0.1.0/24\"}"),
                     201);
}

static void
test_tenant_crud(void **state)
{
    struct fixture *f = *state;
    json_t *j;

    assert_int_equal(call(f, "POST", "/v1/tenants", "{\"name\": \"acme\"}"),
                     201);
    assert_string_equal(f->r.location, "/v1/tenants/acme");
    assert_int_equal(f->r.etag, 1);
    assert_int_equal(call(f, "GET", "/v1/tenants/acme", NULL), 200);
    j = body(f);
    assert_string_equal(json_string_value(json_object_get(j, "name")), "acme");
    assert_int_equal(json_integer_value(json_object_get(j, "revision")), 1);
    json_decref(j);
    assert_int_equal(call(f, "POST", "/v1/tenants", "{\"name\": \"acme\"}"),
                     409);
    error_says(f, "tenant acme already exists");
    assert_int_equal(call(f, "PUT", "/v1/tenants/beta", "{}"), 201);
    assert_int_equal(call(f, "GET", "/v1/tenants/", NULL), 200);
    j = body(f);
    assert_int_equal(json_array_size(j), 2);
    json_decref(j);
    assert_int_equal(call(f, "DELETE", "/v1/tenants/beta", NULL), 204);
    assert_null(f->r.body);
    assert_int_equal(call(f, "GET", "/v1/tenants/beta", NULL), 404);
    error_says(f, "tenant beta does not exist");
    assert_int_equal(f->n_changes, 3);
}

static void
test_network_fields_are_named_in_errors(void **state)
{
    struct fixture *f = *state;
    json_t *j;

    add_basics(f);
    assert_int_equal(call(f, "GET", "/v1/tenants/acme/networks/net1", NULL),
                     200);
    j = body(f);
    assert_string_equal(json_string_value(json_object_get(j, "segment")),
                        "vxlan:5000");
    assert_string_equal(json_string_value(json_object_get(j, "cidr")),
                        "10.0.1.0/24");
    json_decref(j);
    assert_int_equal(
        call(f, "POST", "/v1/tenants/acme/networks", "{\"name\": \"n2\"}"),
        400);
    error_says(f, "a network needs field \"cidr\"");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/networks",
                          "{\"name\": \"n2\", \"cidr\": \"10.0.2.0/24\", "
                          "\"segment\": \"vlan:5000\"}"),
                     400);
    error_says(f, "field \"segment\": segment \"vlan:5000\" is invalid");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/networks",
                          "{\"name\": \"n2\", \"cidr\": 5}"),
                     400);
    error_says(f, "field \"cidr\" of a network must be a string");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/networks",
                          "{\"name\": \"n2\", \"vlan\": 5}"),
                     400);
    error_says(f, "field \"vlan\" is unknown; a network has \"name\"");
    assert_int_equal(call(f, "PUT", "/v1/tenants/acme/networks/n2",
                          "{\"name\": \"n3\", \"cidr\": \"10.0.2.0/24\"}"),
                     400);
    error_says(f, "field \"name\" says \"n3\" but the URL says \"n2\"");
    assert_int_equal(call(f, "PUT", "/v1/tenants/ghost/networks/n2",
                          "{\"cidr\": \"10.0.2.0/24\"}"),
                     404);
    error_says(f, "tenant ghost does not exist");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/networks",
                          "{\"name\": \"n2\", \"cidr\": \"10.0.2.0/24\", "
                          "\"segment\": \"vxlan:5000\"}"),
                     409);
    error_says(f, "segment vxlan:5000 is already used by network acme/net1");
}

static void
test_ports_and_hosts(void **state)
{
    struct fixture *f = *state;
    json_t *j;

    add_basics(f);
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/ports",
                          "{\"name\": \"web1\", \"network\": \"net1\", "
                          "\"mac\": \"52:54:00:00:00:01\", "
                          "\"ips\": [\"10.0.1.10\"]}"),
                     201);
    assert_string_equal(f->r.location, "/v1/tenants/acme/ports/web1");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/ports",
                          "{\"name\": \"web2\", \"network\": \"net1\", "
                          "\"mac\": \"52:54:00:00:00:01\"}"),
                     409);
    error_says(f, "port acme/web2: MAC 52:54:00:00:00:01 is already used by "
                  "port acme/web1 on network net1; give another MAC");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/ports",
                          "{\"name\": \"web2\", \"network\": \"net1\", "
                          "\"mac\": \"52:54:00:00:00:02\", "
                          "\"ips\": [\"10.0.1\"]}"),
                     400);
    error_says(f, "field \"ips\": IP \"10.0.1\" is not an IPv4 address");
    assert_int_equal(call(f, "POST", "/v1/tenants/acme/ports",
                          "{\"name\": \"web2\", \"network\": \"nope\", "
                          "\"mac\": \"52:54:00:00:00:02\"}"),
                     404);
    error_says(f, "network acme/nope does not exist; create it first");

    assert_int_equal(call(f, "PUT", "/v1/hosts/h1",
                          "{\"dpid\": \"00000000000000aa\", "
                          "\"tunnel_ip\": \"192.168.0.1\"}"),
                     201);
    ctl_model_bind(f->model, "acme-web1", "h1", 4);
    assert_int_equal(call(f, "GET", "/v1/hosts", NULL), 200);
    j = body(f);
    assert_int_equal(json_array_size(j), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(j, 0), "dpid")),
        "00000000000000aa");
    assert_true(
        json_is_false(json_object_get(json_array_get(j, 0), "connected")));
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_array_get(j, 0), "ports"), 0)),
                        "acme/web1");
    json_decref(j);
    assert_int_equal(call(f, "GET", "/v1/tenants/acme/ports/web1", NULL), 200);
    j = body(f);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(j, "binding"), "ofport")),
                     4);
    json_decref(j);
    assert_int_equal(call(f, "PUT", "/v1/hosts/h2", "{\"dpid\": \"aa\"}"), 400);
    error_says(f, "field \"dpid\": datapath id \"aa\" is invalid");
}

static bool
always_connected(const char *host, void *aux)
{
    (void) aux;
    return !strcmp(host, "h1");
}

static char *
compile_text(const struct ctl_model *m, const char *host, void *aux,
             char **errorp)
{
    (void) m;
    (void) aux;
    (void) errorp;
    return strdup(host);
}

static void
test_callbacks_fill_connected_and_flows(void **state)
{
    struct fixture *f = *state;
    json_t *j;

    assert_int_equal(call(f, "PUT", "/v1/hosts/h1", "{}"), 201);
    assert_int_equal(call(f, "GET", "/v1/hosts/h1/flows", NULL), 501);
    error_says(f, "no flow compiler");
    assert_int_equal(call(f, "GET", "/v1/hosts/h9/flows", NULL), 404);
    ctl_rest_set_connected_cb(f->rest, always_connected, NULL);
    ctl_rest_set_compile_cb(f->rest, compile_text, NULL);
    assert_int_equal(call(f, "GET", "/v1/hosts/h1/flows", NULL), 200);
    assert_string_equal(f->r.body, "h1");
    assert_string_equal(f->r.content_type, "text/plain; charset=utf-8");
    assert_int_equal(call(f, "GET", "/v1/hosts/h1", NULL), 200);
    j = body(f);
    assert_true(json_is_true(json_object_get(j, "connected")));
    assert_true(json_is_true(json_object_get(j, "declared")));
    assert_true(json_is_null(json_object_get(j, "dpid")));
    json_decref(j);
    assert_int_equal(call(f, "PUT", "/v1/hosts/h1/flows", "{}"), 405);
    assert_string_equal(f->r.allow, "GET");
}

static void
test_if_match_guards_changes(void **state)
{
    struct fixture *f = *state;
    uint64_t rev;

    add_basics(f);
    assert_int_equal(call(f, "GET", "/v1/tenants/acme/networks/net1", NULL),
                     200);
    rev = f->r.etag;
    assert_int_equal(rev, 2);
    assert_int_equal(call_full(f, "PUT", "/v1/tenants/acme/networks/net1",
                               "application/json", "\"1\"",
                               "{\"cidr\": \"10.0.0.0/16\"}"),
                     412);
    error_says(f, "network acme/net1 is at revision 2, not 1");
    assert_int_equal(call_full(f, "PUT", "/v1/tenants/acme/networks/net1",
                               "application/json; charset=utf-8", "\"2\"",
                               "{\"cidr\": \"10.0.0.0/16\"}"),
                     200);
    assert_int_equal(f->r.etag, 3);
    assert_int_equal(call_full(f, "DELETE", "/v1/tenants/acme/networks/net1",
                               NULL, "W/\"2\"", NULL),
                     412);
    assert_int_equal(call_full(f, "DELETE", "/v1/tenants/acme/networks/net1",
                               NULL, "junk", NULL),
                     412);
    error_says(f, "If-Match junk matches no revision");
    assert_int_equal(call_full(f, "PUT", "/v1/tenants/acme/networks/new",
                               "application/json", "*",
                               "{\"cidr\": \"10.0.0.0/16\"}"),
                     412);
    assert_int_equal(call_full(f, "DELETE", "/v1/tenants/acme/networks/net1",
                               NULL, "*", NULL),
                     204);
}

static void
test_bad_requests(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(call(f, "GET", "/v2/tenants", NULL), 404);
    error_says(f, "there is nothing at /v2/tenants");
    assert_int_equal(call(f, "GET", "/v1/tenants/a/b/c/d/e/f", NULL), 404);
    assert_int_equal(call(f, "GET", "/v1//tenants", NULL), 404);
    assert_int_equal(call(f, "GET", "", NULL), 404);
    assert_int_equal(call(f, "GET", "/v1/tenants?x=1", NULL), 200);
    assert_int_equal(call(f, "PATCH", "/v1/tenants", "{}"), 405);
    assert_string_equal(f->r.allow, "GET, POST");
    error_says(f, "PATCH is not allowed here; use GET, POST");
    assert_int_equal(call(f, "POST", "/v1/tenants/x", "{}"), 405);
    assert_string_equal(f->r.allow, "GET, PUT, DELETE");
    assert_int_equal(call_full(f, "POST", "/v1/tenants", "text/plain", NULL,
                               "{\"name\": \"a\"}"),
                     415);
    error_says(f, "the body must be JSON, sent with Content-Type: "
                  "application/json, not text/plain");
    assert_int_equal(call(f, "POST", "/v1/tenants", "{\"name\": "), 400);
    error_says(f, "the body is not valid JSON");
    assert_int_equal(call(f, "POST", "/v1/tenants", "[1]"), 400);
    error_says(f, "the body must be a JSON object describing a tenant");
    assert_int_equal(
        call(f, "POST", "/v1/tenants", "{\"name\": \"a\", \"name\": \"b\"}"),
        400);
    assert_int_equal(call(f, "PUT", "/v1/tenants/bad%20name", "{}"), 400);
    error_says(f, "tenant name \"bad%20name\" is invalid");
    assert_int_equal(call(f, "POST", "/v1/tenants", "{}"), 400);
    error_says(f, "a tenant needs field \"name\"");
    assert_int_equal(f->n_changes, 0);
}

static void
test_addresses_are_parsed(void **state)
{
    struct ctl_listen_addr addr;
    char ip[CTL_REST_IP_STRLEN], *error = NULL;
    uint16_t port;

    (void) state;
    assert_int_equal(
        ctl_rest_parse_api("http://127.0.0.1:8080", ip, &port, &error), 0);
    assert_string_equal(ip, "127.0.0.1");
    assert_int_equal(port, 8080);
    assert_int_equal(ctl_rest_parse_api("http://[::1]:0", ip, &port, &error),
                     0);
    assert_string_equal(ip, "::1");
    for (const char *const *bad =
             (const char *const[]){
                 "127.0.0.1:80", "http://localhost:80", "http://1.2.3.4",
                 "http://1.2.3.4:", "http://1.2.3.4:65536", "http://:80", NULL};
         *bad; bad++) {
        assert_int_equal(ctl_rest_parse_api(*bad, ip, &port, &error), -EINVAL);
        assert_non_null(strstr(error, "give http://IP:PORT"));
        free(error);
    }
    assert_int_equal(ctl_parse_listen("tcp:0.0.0.0:6653", &addr, &error), 0);
    assert_int_equal(addr.port, 6653);
    assert_int_equal(ctl_parse_listen("tcp:[::]:6633", &addr, &error), 0);
    assert_string_equal(addr.ip, "::");
    assert_int_equal(ctl_parse_listen("ptcp:6653", &addr, &error), -EINVAL);
    assert_non_null(strstr(error, "give tcp:IP:PORT"));
    free(error);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_tenant_crud),
        T(test_network_fields_are_named_in_errors),
        T(test_ports_and_hosts),
        T(test_callbacks_fill_connected_and_flows),
        T(test_if_match_guards_changes),
        T(test_bad_requests),
        cmocka_unit_test(test_addresses_are_parsed),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
