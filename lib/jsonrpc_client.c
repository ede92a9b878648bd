/* The blocking JSON-RPC client: one request and its reply per call. */
#include "lib/jsonrpc.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"

/* One transaction in progress. */
struct transaction {
    const char *path;
    int fd;
    long long deadline_ms; /* Monotonic; -1: none. */
    int timeout_ms;
    char **error;
};

static int fail(struct transaction *, int retval, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets the transaction's error message and returns 'retval'. */
static int
fail(struct transaction *t, int retval, const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list args;

    va_start(args, fmt);
    strbuf_vprintf(&sb, fmt, args);
    va_end(args);
    free(*t->error);
    *t->error = strbuf_steal(&sb);
    return retval;
}

/* Returns the milliseconds left before the deadline (-1: no deadline, 0:
 * passed). */
static int
time_left_ms(const struct transaction *t)
{
    long long left;

    if (t->deadline_ms < 0) {
        return -1;
    }
    left = t->deadline_ms - time_msec();
    return left > 0 ? (int) left : 0;
}

static int
fail_timeout(struct transaction *t)
{
    return fail(t, -ETIMEDOUT,
                "no reply from %s within %d ms; the server may be busy or "
                "stuck",
                t->path, t->timeout_ms);
}

/* Waits until the socket is ready for 'events'.  Returns 0 or a negative
 * errno value with the message set. */
static int
wait_for(struct transaction *t, short events)
{
    for (;;) {
        struct pollfd pfd = {.fd = t->fd, .events = events};
        int left = time_left_ms(t);
        int n;

        if (!left) {
            return fail_timeout(t);
        }
        n = poll(&pfd, 1, left);
        if (n > 0) {
            return 0;
        }
        if (n < 0 && errno != EINTR) {
            return fail(t, -errno, "waiting for %s failed: %s", t->path,
                        strerror(errno));
        }
    }
}

/* Appends " (is pont-NAME running?)" for a socket named NAME.ctl, the
 * convention for Pont's daemons, or a general question otherwise. */
static void
put_running_hint(struct strbuf *sb, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t len;

    base = base ? base + 1 : path;
    len = strlen(base);
    if (len > 4 && !strcmp(base + len - 4, ".ctl")) {
        bool prefixed = !strncmp(base, "pont-", 5);
        strbuf_printf(sb, " (is %s%.*s running?)", prefixed ? "" : "pont-",
                      (int) (len - 4), base);
    } else {
        strbuf_puts(sb, " (is its server running?)");
    }
}

static int
fail_connect(struct transaction *t, int err)
{
    struct strbuf hint = STRBUF_INIT;
    int retval;

    if (err == ENOENT || err == ECONNREFUSED) {
        put_running_hint(&hint, t->path);
    }
    retval = fail(t, -err, "cannot connect to %s: %s%s", t->path, strerror(err),
                  strbuf_str(&hint));
    strbuf_free(&hint);
    return retval;
}

static int
open_socket(struct transaction *t)
{
    struct sockaddr_un sun;

    if (strlen(t->path) >= sizeof sun.sun_path) {
        return fail(t, -ENAMETOOLONG,
                    "cannot connect to %s: the path is longer than %zu bytes",
                    t->path, sizeof sun.sun_path - 1);
    }
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    memcpy(sun.sun_path, t->path, strlen(t->path) + 1);

    t->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (t->fd < 0) {
        return fail(t, -errno, "cannot create a socket: %s", strerror(errno));
    }
    for (;;) {
        if (!connect(t->fd, (struct sockaddr *) &sun, sizeof sun)) {
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN) {
            return fail_connect(t, errno);
        }
        /* The server's backlog is full: it is busy accepting others.
         * Unix sockets do not say when room frees up, so retry. */
        if (!time_left_ms(t)) {
            return fail_timeout(t);
        }
        usleep(5000);
    }
}

static int
send_request(struct transaction *t, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(t->fd, data, len, MSG_NOSIGNAL);
        if (n < 0) {
            int retval;

            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                return fail(t, -errno, "cannot send to %s: %s", t->path,
                            strerror(errno));
            }
            retval = wait_for(t, POLLOUT);
            if (retval) {
                return retval;
            }
            continue;
        }
        data += n;
        len -= (size_t) n;
    }
    return 0;
}

/* Receives one line into 'line' (NUL-terminated, newline removed). */
static int
receive_line(struct transaction *t, struct buf *line)
{
    size_t scanned = 0;

    for (;;) {
        uint8_t *nl = memchr(line->data + scanned, '\n', line->size - scanned);
        ssize_t n;
        int retval;

        if (nl) {
            *nl = '\0';
            line->size = (size_t) (nl - line->data);
            return 0;
        }
        scanned = line->size;
        if (line->size > JSONRPC_MAX_REPLY_BYTES) {
            return fail(t, -EPROTO,
                        "the reply from %s is longer than %d "
                        "bytes; ask for less at a time",
                        t->path, JSONRPC_MAX_REPLY_BYTES);
        }
        retval = wait_for(t, POLLIN);
        if (retval) {
            return retval;
        }
        buf_put_uninit(line, 65536);
        line->size -= 65536;
        n = recv(t->fd, line->data + line->size, 65536, 0);
        if (n == 0) {
            return fail(t, -ECONNRESET,
                        "%s closed the connection without replying", t->path);
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
                continue;
            }
            return fail(t, -errno, "cannot receive from %s: %s", t->path,
                        strerror(errno));
        }
        line->size += (size_t) n;
    }
}

/* Checks the reply to request 'id' and takes its result or error. */
static int
parse_reply(struct transaction *t, const struct buf *line, json_int_t id,
            json_t **result)
{
    json_error_t jerr;
    json_t *reply = json_loadb((const char *) line->data, line->size, 0, &jerr);
    json_t *reply_id, *error, *res;
    int retval = 0;

    if (!reply) {
        return fail(t, -EPROTO, "malformed reply from %s: %s", t->path,
                    jerr.text);
    }
    reply_id = json_object_get(reply, "id");
    error = json_object_get(reply, "error");
    res = json_object_get(reply, "result");
    if (!json_is_object(reply) || !json_is_integer(reply_id)
        || json_integer_value(reply_id) != id || !res
        || !(json_is_null(error) || json_is_string(error))) {
        retval = fail(t, -EPROTO,
                      "%s sent something that is not a reply to this "
                      "request; is it a Pont control socket?",
                      t->path);
    } else if (json_is_string(error)) {
        retval = fail(t, -EREMOTEIO, "%s", json_string_value(error));
    } else {
        *result = json_incref(res);
    }
    json_decref(reply);
    return retval;
}

int
jsonrpc_client_transact(const char *path, const char *method, json_t *params,
                        int timeout_ms, json_t **result, char **error)
{
    struct transaction t = {path, -1, -1, timeout_ms, error};
    const json_int_t id = 1;
    struct buf line = BUF_INIT;
    json_t *request;
    char *text;
    int retval;

    *result = NULL;
    *error = NULL;
    if (params && !json_is_array(params)) {
        return fail(&t, -EINVAL,
                    "the parameters of '%s' must be a JSON "
                    "array",
                    method);
    }
    if (timeout_ms >= 0) {
        t.deadline_ms = time_msec() + timeout_ms;
    }

    /* "o" takes over the reference, NULL included (an invalid method name
     * makes json_pack() fail). */
    request = json_pack("{sIssso}", "id", id, "method", method, "params",
                        params ? json_incref(params) : json_array());
    text = request ? json_dumps(request, JSON_COMPACT) : NULL;
    json_decref(request);
    if (!text) {
        return fail(&t, -EINVAL,
                    "the request for '%s' cannot be encoded as "
                    "JSON",
                    method);
    }

    retval = open_socket(&t);
    if (!retval) {
        buf_put(&line, text, strlen(text));
        buf_put(&line, "\n", 1);
        retval = send_request(&t, (const char *) line.data, line.size);
        buf_clear(&line);
    }
    if (!retval) {
        retval = receive_line(&t, &line);
    }
    if (!retval) {
        retval = parse_reply(&t, &line, id, result);
    }
    if (t.fd >= 0) {
        close(t.fd);
    }
    buf_free(&line);
    free(text);
    return retval;
}
