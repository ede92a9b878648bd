/* pont-controller as one object (ctl_controller.h): the model, the store
 * and the REST API, created and destroyed together. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "controller/ctl_controller.h"
#include "controller/ctl_model.h"
#include "controller/ctl_rest.h"
#include "controller/ctl_store.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(controller);

struct ctl_controller {
    struct event_base *base;
    struct ctl_listen_addr listen;
    struct ctl_model *model;
    struct ctl_store *store;
    struct ctl_rest *rest;
};

int
ctl_parse_listen(const char *s, struct ctl_listen_addr *addr, char **errorp)
{
    const char *host = s + 4, *colon;
    struct in6_addr bin;
    unsigned long port;
    char *end;
    size_t len;

    if (strncmp(s, "tcp:", 4) || !(colon = strrchr(host, ':'))) {
        goto bad;
    }
    len = (size_t) (colon - host);
    if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
        host++;
        len -= 2;
    }
    port = strtoul(colon + 1, &end, 10);
    if (!len || len >= sizeof addr->ip || *end || end == colon + 1
        || port > 65535) {
        goto bad;
    }
    memcpy(addr->ip, host, len);
    addr->ip[len] = '\0';
    if (inet_pton(AF_INET, addr->ip, &bin) != 1
        && inet_pton(AF_INET6, addr->ip, &bin) != 1) {
        goto bad;
    }
    addr->port = (uint16_t) port;
    return 0;

bad:
    *errorp = xasprintf("listen address \"%.80s\" is invalid; give "
                        "tcp:IP:PORT, like %s",
                        s, CTL_DEFAULT_LISTEN);
    return -EINVAL;
}

struct ctl_controller *
ctl_controller_create(struct event_base *base,
                      const struct ctl_controller_options *opts, char **errorp)
{
    struct ctl_controller *c = xzalloc(sizeof *c);

    c->base = base;
    if (ctl_parse_listen(opts->listen, &c->listen, errorp)) {
        goto err;
    }
    c->store = ctl_store_open(opts->store, &c->model, errorp);
    if (!c->store) {
        goto err;
    }
    c->rest = ctl_rest_create(c->model, c->store);
    if (ctl_rest_listen(c->rest, base, opts->api, errorp)) {
        goto err_rest;
    }
    VLOG_INFO("store %s: revision %llu", opts->store,
              (unsigned long long) ctl_model_revision(c->model));
    return c;

err_rest:
    ctl_rest_destroy(c->rest);
    ctl_store_close(c->store);
    ctl_model_destroy(c->model);
err:
    free(c);
    return NULL;
}

void
ctl_controller_destroy(struct ctl_controller *c)
{
    if (c) {
        ctl_rest_destroy(c->rest);
        ctl_store_close(c->store);
        ctl_model_destroy(c->model);
        free(c);
    }
}

struct ctl_model *
ctl_controller_model(struct ctl_controller *c)
{
    return c->model;
}

struct ctl_store *
ctl_controller_store(struct ctl_controller *c)
{
    return c->store;
}

struct ctl_rest *
ctl_controller_rest(struct ctl_controller *c)
{
    return c->rest;
}

struct event_base *
ctl_controller_base(struct ctl_controller *c)
{
    return c->base;
}

const struct ctl_listen_addr *
ctl_controller_listen(const struct ctl_controller *c)
{
    return &c->listen;
}

int
ctl_controller_save(struct ctl_controller *c)
{
    char *error = NULL;
    int retval = ctl_store_save(c->store, c->model, &error);

    if (retval) {
        VLOG_ERR("%s", error);
        free(error);
    }
    return retval;
}
