/* The controller's northbound: REST/JSON under /v1/, served with
 * libevent's evhttp.
 *
 * Design
 * ------
 * Resources: /v1/tenants[/T], /v1/tenants/T/networks[/N],
 * /v1/tenants/T/ports[/P], /v1/hosts[/H], and /v1/hosts/H/flows (the
 * flows the compiler wants on that host, as text).  Collections take GET
 * (a JSON array, sorted by name) and POST (create; the body names the
 * object); objects take GET, PUT (create or replace) and DELETE.  Each
 * object carries a "revision"; responses about one object carry it as
 * ETag: "REV", and PUT and DELETE honour If-Match, so that two admins
 * cannot silently overwrite each other (412).
 *
 * Statuses: 200, 201 (created, with Location), 204 (deleted); 400 (bad
 * JSON or a bad value: the message names the field), 404, 405 (with
 * Allow), 409 (a duplicate, or an object still in use), 412, 413 (a body
 * over CTL_REST_MAX_BODY), 415 (a body that is not JSON), 500 (the store
 * failed), 501 (no compiler yet).  Every error body is {"error":
 * "sentence"}.
 *
 * Request handling (ctl_rest_handle()) is a function of the model and the
 * request, apart from HTTP, so that unit tests and the fuzz target drive
 * it directly; ctl_rest_listen() puts it behind evhttp.
 *
 * After every successful change the model is saved to the store, then the
 * change callback runs (the southbound recomputes and pushes flows).
 *
 * Thread-safety: none; the controller's main thread, which runs the event
 * base. */
#ifndef PONT_CTL_REST_H
#define PONT_CTL_REST_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ctl_model;
struct ctl_store;
struct event_base;

#define CTL_REST_MAX_BODY (1024 * 1024)

/* Callbacks that other parts of the controller plug in.  Each may be NULL
 * (the default): a host is then never "connected", /flows answers 501,
 * and changes notify no one. */

/* True if 'host''s switch is connected now. */
typedef bool ctl_rest_connected_fn(const char *host, void *aux);
/* The flows wanted on 'host' as text (caller frees), or NULL with
 * '*errorp' a sentence. */
typedef char *ctl_rest_compile_fn(const struct ctl_model *, const char *host,
                                  void *aux, char **errorp);
/* Called after each successful change, once it is saved. */
typedef void ctl_rest_change_fn(struct ctl_model *, void *aux);

struct ctl_rest;

/* Creates the API over 'model', saving to 'store' (both stay the
 * caller's and must outlive the API). */
struct ctl_rest *ctl_rest_create(struct ctl_model *, struct ctl_store *);
void ctl_rest_destroy(struct ctl_rest *); /* NULL is fine. */

void ctl_rest_set_connected_cb(struct ctl_rest *, ctl_rest_connected_fn *,
                               void *aux);
void ctl_rest_set_compile_cb(struct ctl_rest *, ctl_rest_compile_fn *,
                             void *aux);
void ctl_rest_set_change_cb(struct ctl_rest *, ctl_rest_change_fn *, void *aux);

/* Checks an API address "http://IP:PORT" (IPv6 in brackets) and splits
 * it.  Returns 0, or -EINVAL with '*errorp' a sentence. */
#define CTL_REST_IP_STRLEN 46
int ctl_rest_parse_api(const char *api, char ip[CTL_REST_IP_STRLEN],
                       uint16_t *port, char **errorp);

/* Serves the API on 'api' ("http://IP:PORT"; port 0 picks a free one) from
 * 'base'.  Returns 0, or a negative errno value with '*errorp' set. */
int ctl_rest_listen(struct ctl_rest *, struct event_base *, const char *api,
                    char **errorp);
/* The port it listens on (after ctl_rest_listen()). */
uint16_t ctl_rest_port(const struct ctl_rest *);

/* One request and its response, without HTTP. */
struct ctl_rest_request {
    const char *method;       /* "GET", "POST", ... */
    const char *path;         /* "/v1/tenants/acme", query string allowed */
    const char *content_type; /* NULL if none. */
    const char *if_match;     /* NULL if none. */
    const char *body;         /* Need not be NUL-terminated. */
    size_t body_len;
};

struct ctl_rest_response {
    int status;
    const char *content_type; /* Static: JSON or text. */
    char *body;               /* Owned; NULL for none (204). */
    uint64_t etag;            /* 0: none. */
    const char *allow;        /* Static, for 405; NULL otherwise. */
    char *location;           /* Owned; for 201, NULL otherwise. */
};

void ctl_rest_handle(struct ctl_rest *, const struct ctl_rest_request *,
                     struct ctl_rest_response *);
void ctl_rest_response_uninit(struct ctl_rest_response *);

#endif /* controller/ctl_rest.h */
