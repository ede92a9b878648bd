/* The REST API object (ctl_rest.h) and its HTTP side: evhttp listening
 * on the API address, each request turned into a struct ctl_rest_request
 * for ctl_rest_handle() (ctl_rest_route.c) and its response sent back.
 *
 * evhttp enforces the limits: bodies over CTL_REST_MAX_BODY get 413 from
 * evhttp itself (with lingering close, so that the client reads the
 * answer instead of a reset), headers over 64 KiB a 400, and idle
 * connections close after a while. */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "controller/ctl_rest_private.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(ctl_rest);

#define MAX_HEADERS_BYTES (64 * 1024)
#define IDLE_TIMEOUT_S 60

struct ctl_rest *
ctl_rest_create(struct ctl_model *model, struct ctl_store *store)
{
    struct ctl_rest *rest = xzalloc(sizeof *rest);

    rest->model = model;
    rest->store = store;
    return rest;
}

void
ctl_rest_destroy(struct ctl_rest *rest)
{
    if (rest) {
        if (rest->http) {
            evhttp_free(rest->http);
        }
        free(rest);
    }
}

void
ctl_rest_set_connected_cb(struct ctl_rest *rest, ctl_rest_connected_fn *cb,
                          void *aux)
{
    rest->connected = cb;
    rest->connected_aux = aux;
}

void
ctl_rest_set_compile_cb(struct ctl_rest *rest, ctl_rest_compile_fn *cb,
                        void *aux)
{
    rest->compile = cb;
    rest->compile_aux = aux;
}

void
ctl_rest_set_change_cb(struct ctl_rest *rest, ctl_rest_change_fn *cb, void *aux)
{
    rest->change = cb;
    rest->change_aux = aux;
}

uint16_t
ctl_rest_port(const struct ctl_rest *rest)
{
    return rest->port;
}

static const char *
method_name(enum evhttp_cmd_type cmd)
{
    switch (cmd) {
    case EVHTTP_REQ_GET:
        return "GET";
    case EVHTTP_REQ_POST:
        return "POST";
    case EVHTTP_REQ_PUT:
        return "PUT";
    case EVHTTP_REQ_DELETE:
        return "DELETE";
    case EVHTTP_REQ_HEAD:
        return "HEAD";
    case EVHTTP_REQ_OPTIONS:
        return "OPTIONS";
    case EVHTTP_REQ_PATCH:
        return "PATCH";
    default:
        return "?";
    }
}

static const char *
reason(int status)
{
    static const struct {
        int status;
        const char *reason;
    } reasons[] = {
        {200, "OK"},
        {201, "Created"},
        {204, "No Content"},
        {400, "Bad Request"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {409, "Conflict"},
        {412, "Precondition Failed"},
        {413, "Payload Too Large"},
        {415, "Unsupported Media Type"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
    };

    for (size_t i = 0; i < ARRAY_SIZE(reasons); i++) {
        if (reasons[i].status == status) {
            return reasons[i].reason;
        }
    }
    return "Unknown";
}

static void
send_response(struct evhttp_request *req, const struct ctl_rest_response *r)
{
    struct evkeyvalq *out = evhttp_request_get_output_headers(req);
    char etag[32];

    if (r->content_type) {
        evhttp_add_header(out, "Content-Type", r->content_type);
    }
    if (r->etag) {
        snprintf(etag, sizeof etag, "\"%" PRIu64 "\"", r->etag);
        evhttp_add_header(out, "ETag", etag);
    }
    if (r->allow) {
        evhttp_add_header(out, "Allow", r->allow);
    }
    if (r->location) {
        evhttp_add_header(out, "Location", r->location);
    }
    if (r->body) {
        evbuffer_add(evhttp_request_get_output_buffer(req), r->body,
                     strlen(r->body));
    }
    evhttp_send_reply(req, r->status, reason(r->status), NULL);
}

static void
on_request(struct evhttp_request *req, void *rest_)
{
    struct ctl_rest *rest = rest_;
    struct evkeyvalq *in = evhttp_request_get_input_headers(req);
    struct evbuffer *body = evhttp_request_get_input_buffer(req);
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    const char *path = uri ? evhttp_uri_get_path(uri) : NULL;
    struct ctl_rest_request r = {
        .method = method_name(evhttp_request_get_command(req)),
        .path = path ? path : "",
        .content_type = evhttp_find_header(in, "Content-Type"),
        .if_match = evhttp_find_header(in, "If-Match"),
        .body_len = evbuffer_get_length(body),
    };
    struct ctl_rest_response response;

    r.body = (const char *) evbuffer_pullup(body, -1);
    ctl_rest_handle(rest, &r, &response);
    VLOG_DBG("%s %s: %d", r.method, r.path, response.status);
    send_response(req, &response);
    ctl_rest_response_uninit(&response);
}

int
ctl_rest_parse_api(const char *api, char ip[CTL_REST_IP_STRLEN], uint16_t *port,
                   char **errorp)
{
    size_t size = CTL_REST_IP_STRLEN;
    const char *host = api + strlen("http://"), *colon;
    struct in6_addr addr;
    unsigned long p;
    char *end;
    size_t len;

    if (strncmp(api, "http://", 7) || !(colon = strrchr(host, ':'))) {
        goto bad;
    }
    len = (size_t) (colon - host);
    if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
        host++;
        len -= 2;
    }
    p = strtoul(colon + 1, &end, 10);
    if (!len || len >= size || *end || end == colon + 1 || p > 65535) {
        goto bad;
    }
    memcpy(ip, host, len);
    ip[len] = '\0';
    if (inet_pton(AF_INET, ip, &addr) != 1
        && inet_pton(AF_INET6, ip, &addr) != 1) {
        goto bad;
    }
    *port = (uint16_t) p;
    return 0;

bad:
    *errorp = xasprintf("API address \"%.80s\" is invalid; give "
                        "http://IP:PORT, like http://127.0.0.1:8080",
                        api);
    return -EINVAL;
}

/* The port 'bound' listens on. */
static uint16_t
bound_port(struct evhttp_bound_socket *bound)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = evhttp_bound_socket_get_fd(bound);

    if (getsockname(fd, (struct sockaddr *) &ss, &len)) {
        return 0;
    }
    return ntohs(ss.ss_family == AF_INET6
                     ? ((struct sockaddr_in6 *) &ss)->sin6_port
                     : ((struct sockaddr_in *) &ss)->sin_port);
}

int
ctl_rest_listen(struct ctl_rest *rest, struct event_base *base, const char *api,
                char **errorp)
{
    struct evhttp_bound_socket *bound;
    char ip[CTL_REST_IP_STRLEN];
    uint16_t port;
    int error = ctl_rest_parse_api(api, ip, &port, errorp);

    if (error) {
        return error;
    }
    rest->http = evhttp_new(base);
    evhttp_set_max_body_size(rest->http, CTL_REST_MAX_BODY);
    evhttp_set_max_headers_size(rest->http, MAX_HEADERS_BYTES);
    evhttp_set_timeout(rest->http, IDLE_TIMEOUT_S);
    evhttp_set_flags(rest->http, EVHTTP_SERVER_LINGERING_CLOSE);
    evhttp_set_allowed_methods(rest->http,
                               EVHTTP_REQ_GET | EVHTTP_REQ_POST | EVHTTP_REQ_PUT
                                   | EVHTTP_REQ_DELETE | EVHTTP_REQ_HEAD
                                   | EVHTTP_REQ_OPTIONS | EVHTTP_REQ_PATCH);
    evhttp_set_gencb(rest->http, on_request, rest);
    bound = evhttp_bind_socket_with_handle(rest->http, ip, port);
    if (!bound) {
        error = errno ? -errno : -EADDRNOTAVAIL;
        *errorp = xasprintf("cannot serve the API on %s: %s; give another "
                            "--api address or stop what uses it",
                            api, strerror(-error));
        evhttp_free(rest->http);
        rest->http = NULL;
        return error;
    }
    rest->port = bound_port(bound);
    return 0;
}
