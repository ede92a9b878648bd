/* pont-controller as one object: the model, its store and the REST API,
 * built from the daemon's options, so that main() stays small and the
 * southbound plugs in with one call.
 *
 * Design
 * ------
 * ctl_controller_create() opens the store (loading the model from it) and
 * serves the REST API on the event base; the southbound address is parsed
 * and kept for the southbound, which reaches everything through the
 * accessors below: it sets the REST API's callbacks (connected, compile,
 * change) and, after changing the model itself (registrations, bindings),
 * calls ctl_controller_save().
 *
 * Thread-safety: none; the main thread, which runs the event base. */
#ifndef PONT_CTL_CONTROLLER_H
#define PONT_CTL_CONTROLLER_H 1

#include <stdint.h>

struct ctl_model;
struct ctl_rest;
struct ctl_store;
struct event_base;

#define CTL_DEFAULT_LISTEN "tcp:0.0.0.0:6653"
#define CTL_DEFAULT_API "http://127.0.0.1:8080"
#define CTL_DEFAULT_STORE "sqlite:/var/lib/pont/controller.db"

/* What main() builds from the command line. */
struct ctl_controller_options {
    const char *listen; /* Southbound, "tcp:IP:PORT". */
    const char *api;    /* Northbound, "http://IP:PORT". */
    const char *store;  /* "sqlite:PATH" or "memory:". */
};

/* The southbound's address, parsed. */
struct ctl_listen_addr {
    char ip[46]; /* INET6_ADDRSTRLEN */
    uint16_t port;
};

/* Parses "tcp:IP:PORT" (IPv6 in brackets).  Returns 0, or -EINVAL with
 * '*errorp' a sentence. */
int ctl_parse_listen(const char *s, struct ctl_listen_addr *, char **errorp);

struct ctl_controller;

/* Opens the store, loads the model and serves the REST API on 'base'.
 * Returns NULL with '*errorp' a sentence if any of that fails. */
struct ctl_controller *
ctl_controller_create(struct event_base *,
                      const struct ctl_controller_options *, char **errorp);
void ctl_controller_destroy(struct ctl_controller *); /* NULL is fine. */

struct ctl_model *ctl_controller_model(struct ctl_controller *);
struct ctl_store *ctl_controller_store(struct ctl_controller *);
struct ctl_rest *ctl_controller_rest(struct ctl_controller *);
struct event_base *ctl_controller_base(struct ctl_controller *);
const struct ctl_listen_addr *
ctl_controller_listen(const struct ctl_controller *);

/* Saves the model after a change made outside the REST API; logs and
 * returns a negative errno value if the store fails. */
int ctl_controller_save(struct ctl_controller *);

#endif /* controller/ctl_controller.h */
