/* The REST API's insides, shared by ctl_rest.c (the object, evhttp) and
 * ctl_rest_route.c (requests to model changes and responses). */
#ifndef PONT_CTL_REST_PRIVATE_H
#define PONT_CTL_REST_PRIVATE_H 1

#include "controller/ctl_rest.h"

struct evhttp;

struct ctl_rest {
    struct ctl_model *model;
    struct ctl_store *store;

    ctl_rest_connected_fn *connected;
    void *connected_aux;
    ctl_rest_compile_fn *compile;
    void *compile_aux;
    ctl_rest_change_fn *change;
    void *change_aux;

    struct evhttp *http; /* NULL until ctl_rest_listen(). */
    uint16_t port;
};

#endif /* controller/ctl_rest_private.h */
