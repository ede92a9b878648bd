/* The REST API's JSON forms of the model's objects (ctl_model.h), both
 * ways.
 *
 * Output: one object per model object, with every field and its
 * "revision"; hosts add "connected" and "ports" (the bound ports), ports
 * add "binding" (where the port is, or null).
 *
 * Input: a JSON object with the kind's writable fields; read-only fields
 * ("revision", "connected", "ports", "binding") are ignored, so that what
 * a GET returned can be PUT back.  The name comes from the URL (PUT) or
 * the body (POST); when both give one they must agree, and likewise the
 * tenant of a network or port.  Each error is a sentence naming the field
 * and saying what it takes.
 *
 * Thread-safety: none needed; pure functions. */
#ifndef PONT_CTL_REST_JSON_H
#define PONT_CTL_REST_JSON_H 1

#include <jansson.h>
#include <stdbool.h>

#include "controller/ctl_model.h"

/* Output.  Each returns a new reference. */
json_t *ctl_json_from_tenant(const struct ctl_tenant *);
json_t *ctl_json_from_network(const struct ctl_network *);
json_t *ctl_json_from_port(const struct ctl_model *, const struct ctl_port *);
/* 'connected' is the southbound's answer for this host. */
json_t *ctl_json_from_host(const struct ctl_model *, const struct ctl_host *,
                           bool connected);

/* Input.  'tenant' is the URL's tenant (networks and ports), 'name' the
 * URL's name or NULL (a POST).  Each fills '*out' and returns 0, or
 * returns -EINVAL with '*errorp' set. */
int ctl_json_to_tenant(const json_t *, const char *name, struct ctl_tenant *out,
                       char **errorp);
int ctl_json_to_network(const json_t *, const char *tenant, const char *name,
                        struct ctl_network *out, char **errorp);
int ctl_json_to_port(const json_t *, const char *tenant, const char *name,
                     struct ctl_port *out, char **errorp);
int ctl_json_to_host(const json_t *, const char *name, struct ctl_host *out,
                     char **errorp);

#endif /* controller/ctl_rest_json.h */
