/* pontctl's HTTP/1.1 client: one blocking request per connection
 * ("Connection: close"), enough for pont-controller's REST API.
 *
 * The API address is "http://HOST:PORT" (a name or an address; IPv6 in
 * brackets), optionally with a trailing '/'.  Requests and replies are
 * bounded in time (PONTCTL_HTTP_TIMEOUT_S per read or write) and replies
 * in size (PONTCTL_HTTP_MAX_REPLY).
 *
 * Thread-safety: none needed; no shared state. */
#ifndef PONT_PONTCTL_HTTP_H
#define PONT_PONTCTL_HTTP_H 1

#include <stddef.h>

#define PONTCTL_HTTP_TIMEOUT_S 30
#define PONTCTL_HTTP_MAX_REPLY (256 * 1024 * 1024)

struct pontctl_reply {
    int status;         /* 200, 404, ... */
    char *content_type; /* Owned; NULL if none. */
    char *etag;         /* Owned; NULL if none. */
    char *body;         /* Owned, NUL-terminated (may be ""). */
    size_t body_len;
};

/* Sends 'method' 'path' to 'api' with 'body' (JSON, or NULL for none)
 * and an If-Match of 'if_match' (or NULL), and fills 'reply'.  Returns 0,
 * or a negative errno value with '*errorp' a sentence (the controller
 * cannot be reached, or it answered something that is not HTTP). */
int pontctl_http_request(const char *api, const char *method, const char *path,
                         const char *body, const char *if_match,
                         struct pontctl_reply *reply, char **errorp);
void pontctl_reply_uninit(struct pontctl_reply *);

#endif /* utilities/pontctl_http.h */
