/* The JSON-RPC server: listening socket, methods, and connections. */
#include "lib/jsonrpc.h"

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "lib/vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc);

struct jsonrpc_method {
    char *name;
    int min_params;
    int max_params; /* -1: no maximum. */
    char *usage;
    jsonrpc_handler_fn *fn;
    void *aux;
};

struct jsonrpc_server {
    struct event_base *base;
    char *path;              /* NULL: no listening socket. */
    int listen_fd;           /* -1: none. */
    dev_t sock_dev;          /* The socket file we made, so that we remove */
    ino_t sock_ino;          /* only ours. */
    struct event *accept_ev; /* Reads 'listen_fd'. */
    struct event *retry_ev;  /* Resumes accepting after running out. */

    struct jsonrpc_method *methods; /* Sorted by name. */
    size_t n_methods;

    struct jsonrpc_conn *conns; /* Open connections, a doubly linked list. */
    size_t n_conns;
    int send_timeout_ms;
};

/* A connection is open (fd >= 0) until the client leaves, the server
 * closes it, or the server is destroyed.  Then it is 'dead'; the struct
 * lives on while a handler still owes an answer ('pending'), and the
 * answer frees it. */
struct jsonrpc_conn {
    struct jsonrpc_server *server; /* NULL once dead. */
    struct jsonrpc_conn *prev, *next;
    int fd;

    struct event *read_ev;   /* 'fd' readable: more requests. */
    struct event *write_ev;  /* 'fd' writable: send waiting replies. */
    struct event *resume_ev; /* Activated by a late answer. */
    struct event *stall_ev;  /* Send timeout. */

    struct buf in; /* Received bytes; those before 'in_ofs' are handled. */
    size_t in_ofs;
    struct buf out; /* Replies; those before 'out_ofs' are sent. */
    size_t out_ofs;

    json_t *request_id; /* Of the request being answered. */
    bool pending;       /* A handler owes an answer. */
    bool processing;    /* In process_input(), which frees a dead conn. */
    bool eof;           /* The client will send nothing more. */
    bool closing;       /* Read nothing more; close once replies are sent. */
    bool dead;
};

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 20);

/* Bytes read from a socket at a time. */
#define READ_CHUNK 65536

static void process_input(struct jsonrpc_conn *);

/* Methods. */

static struct jsonrpc_method *
find_method(const struct jsonrpc_server *server, const char *name)
{
    size_t lo = 0, hi = server->n_methods;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(name, server->methods[mid].name);

        if (!cmp) {
            return &server->methods[mid];
        }
        if (cmp < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

int
jsonrpc_server_register(struct jsonrpc_server *server, const char *name,
                        int min_params, int max_params, const char *usage,
                        jsonrpc_handler_fn *fn, void *aux)
{
    struct jsonrpc_method *m;
    size_t i;

    if (!name[0] || min_params < 0
        || (max_params >= 0 && max_params < min_params) || max_params < -1) {
        return -EINVAL;
    }
    if (find_method(server, name)) {
        return -EEXIST;
    }
    for (i = 0; i < server->n_methods; i++) {
        if (strcmp(name, server->methods[i].name) < 0) {
            break;
        }
    }
    server->methods = xrealloc(server->methods, (server->n_methods + 1)
                                                    * sizeof *server->methods);
    m = &server->methods[i];
    memmove(m + 1, m, (server->n_methods - i) * sizeof *m);
    server->n_methods++;
    m->name = xstrdup(name);
    m->min_params = min_params;
    m->max_params = max_params;
    m->usage = xstrdup(usage ? usage : "");
    m->fn = fn;
    m->aux = aux;
    return 0;
}

static void
list_commands(struct jsonrpc_conn *conn, json_t *params, void *server_)
{
    struct jsonrpc_server *server = server_;
    json_t *result = json_object();

    (void) params;
    for (size_t i = 0; i < server->n_methods; i++) {
        const struct jsonrpc_method *m = &server->methods[i];
        json_object_set_new(result, m->name, json_string(m->usage));
    }
    jsonrpc_conn_reply(conn, result);
}

/* Connections: life and death. */

static void
free_conn(struct jsonrpc_conn *conn)
{
    buf_free(&conn->in);
    buf_free(&conn->out);
    json_decref(conn->request_id);
    free(conn);
}

/* Closes 'conn' and frees it unless a handler or process_input() still
 * holds it (they free it when they let go). */
static void
close_conn(struct jsonrpc_conn *conn)
{
    struct jsonrpc_server *server = conn->server;

    if (conn->dead) {
        return;
    }
    event_free(conn->read_ev);
    event_free(conn->write_ev);
    event_free(conn->resume_ev);
    event_free(conn->stall_ev);
    close(conn->fd);
    conn->fd = -1;

    if (conn->prev) {
        conn->prev->next = conn->next;
    } else {
        server->conns = conn->next;
    }
    if (conn->next) {
        conn->next->prev = conn->prev;
    }
    server->n_conns--;
    conn->server = NULL;
    conn->dead = true;

    if (!conn->pending && !conn->processing) {
        free_conn(conn);
    }
}

static size_t
out_backlog(const struct jsonrpc_conn *conn)
{
    return conn->out.size - conn->out_ofs;
}

/* Sends what the socket takes of the waiting replies.  Returns false if
 * the connection failed (and is closed). */
static bool
flush_output(struct jsonrpc_conn *conn)
{
    bool progress = false;

    while (out_backlog(conn)) {
        ssize_t n = send(conn->fd, conn->out.data + conn->out_ofs,
                         out_backlog(conn), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            }
            VLOG_DBG("dropping connection: send failed: %s", strerror(errno));
            close_conn(conn);
            return false;
        }
        conn->out_ofs += (size_t) n;
        progress = true;
    }
    if (!out_backlog(conn)) {
        buf_clear(&conn->out);
        conn->out_ofs = 0;
        event_del(conn->stall_ev);
    } else if (progress || !event_pending(conn->stall_ev, EV_TIMEOUT, NULL)) {
        struct timeval tv = {conn->server->send_timeout_ms / 1000,
                             conn->server->send_timeout_ms % 1000 * 1000};
        event_add(conn->stall_ev, &tv);
    }
    return true;
}

/* Watches for what 'conn' now waits for. */
static void
update_events(struct jsonrpc_conn *conn)
{
    bool want_read = !conn->pending && !conn->closing && !conn->eof
                     && out_backlog(conn) < JSONRPC_OUTPUT_PAUSE_BYTES;

    if (want_read) {
        event_add(conn->read_ev, NULL);
    } else {
        event_del(conn->read_ev);
    }
    if (out_backlog(conn)) {
        event_add(conn->write_ev, NULL);
    } else {
        event_del(conn->write_ev);
    }
}

static void
on_readable(evutil_socket_t fd, short what, void *conn_)
{
    struct jsonrpc_conn *conn = conn_;
    ssize_t n;

    (void) what;
    /* Move the unhandled tail to the front before reading more. */
    if (conn->in_ofs) {
        memmove(conn->in.data, conn->in.data + conn->in_ofs,
                conn->in.size - conn->in_ofs);
        conn->in.size -= conn->in_ofs;
        conn->in_ofs = 0;
    }
    buf_put_uninit(&conn->in, READ_CHUNK);
    conn->in.size -= READ_CHUNK;
    n = recv(fd, conn->in.data + conn->in.size, READ_CHUNK, MSG_DONTWAIT);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        }
        VLOG_DBG("dropping connection: receive failed: %s", strerror(errno));
        close_conn(conn);
        return;
    }
    if (n == 0) {
        conn->eof = true;
    }
    conn->in.size += (size_t) n;
    process_input(conn);
}

static void
on_writable(evutil_socket_t fd, short what, void *conn_)
{
    (void) fd;
    (void) what;
    process_input(conn_);
}

static void
on_resume(evutil_socket_t fd, short what, void *conn_)
{
    (void) fd;
    (void) what;
    process_input(conn_);
}

static void
on_stall(evutil_socket_t fd, short what, void *conn_)
{
    struct jsonrpc_conn *conn = conn_;

    (void) fd;
    (void) what;
    VLOG_WARN_RL(&rl,
                 "dropping a control connection whose client read none of "
                 "its %zu bytes of replies for %d ms",
                 out_backlog(conn), conn->server->send_timeout_ms);
    close_conn(conn);
}

int
jsonrpc_server_add_connection(struct jsonrpc_server *server, int fd)
{
    struct event_base *base = server->base;
    struct jsonrpc_conn *conn;
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK)) {
        int err = errno;
        close(fd);
        return -err;
    }
    conn = xzalloc(sizeof *conn);
    conn->server = server;
    conn->fd = fd;
    conn->read_ev =
        event_new(base, fd, EV_READ | EV_PERSIST, on_readable, conn);
    conn->write_ev =
        event_new(base, fd, EV_WRITE | EV_PERSIST, on_writable, conn);
    conn->resume_ev = event_new(base, -1, 0, on_resume, conn);
    conn->stall_ev = event_new(base, -1, 0, on_stall, conn);
    if (!conn->read_ev || !conn->write_ev || !conn->resume_ev
        || !conn->stall_ev) {
        abort(); /* Only out of memory makes event_new() fail here. */
    }
    conn->next = server->conns;
    if (server->conns) {
        server->conns->prev = conn;
    }
    server->conns = conn;
    server->n_conns++;
    update_events(conn);
    return 0;
}

size_t
jsonrpc_server_n_connections(const struct jsonrpc_server *server)
{
    return server->n_conns;
}

void
jsonrpc_server_set_send_timeout(struct jsonrpc_server *server, int timeout_ms)
{
    server->send_timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
}

/* Replies. */

static int
append_to_buf(const char *data, size_t size, void *out)
{
    buf_put(out, data, size);
    return 0;
}

/* Queues the reply {"id", "result", "error"}, taking over 'result' and
 * 'error'.  Returns false if it cannot be encoded (nothing is queued). */
static bool
queue_reply(struct jsonrpc_conn *conn, json_t *result, json_t *error)
{
    json_t *reply = json_object();
    size_t old_size = conn->out.size;
    int retval;

    json_object_set(reply, "id",
                    conn->request_id ? conn->request_id : json_null());
    json_object_set_new(reply, "result", result ? result : json_null());
    json_object_set_new(reply, "error", error ? error : json_null());
    retval = json_dump_callback(reply, append_to_buf, &conn->out, JSON_COMPACT);
    json_decref(reply);
    if (retval) {
        conn->out.size = old_size;
        return false;
    }
    buf_put(&conn->out, "\n", 1);
    return true;
}

/* Ends the current request: the answer is queued; the next request may be
 * read. */
static void
finish_request(struct jsonrpc_conn *conn)
{
    json_decref(conn->request_id);
    conn->request_id = NULL;
    conn->pending = false;
    if (!conn->processing) {
        event_active(conn->resume_ev, EV_TIMEOUT, 1);
    }
}

/* Handles an answer for a connection that is gone.  Returns true if
 * 'conn' was dead (and is now freed). */
static bool
drop_late_answer(struct jsonrpc_conn *conn)
{
    if (!conn->pending) {
        VLOG_ERR("a request was answered twice; the second answer is "
                 "dropped");
        return true;
    }
    if (!conn->dead) {
        return false;
    }
    conn->pending = false;
    if (!conn->processing) {
        free_conn(conn);
    }
    return true;
}

void
jsonrpc_conn_reply(struct jsonrpc_conn *conn, json_t *result)
{
    if (drop_late_answer(conn)) {
        json_decref(result);
        return;
    }
    if (!queue_reply(conn, result, NULL)) {
        /* Only a value JSON cannot represent (a NaN) gets here. */
        queue_reply(conn, NULL,
                    json_string("the server could not encode the result "
                                "as JSON; please report this as a bug"));
    }
    finish_request(conn);
}

/* Returns 's' as a JSON string, replacing the bytes of invalid UTF-8
 * (which JSON cannot carry) with '?'. */
static json_t *
json_string_lossy(char *s)
{
    json_t *string = json_string(s);

    if (!string) {
        for (char *p = s; *p; p++) {
            if ((unsigned char) *p >= 0x80) {
                *p = '?';
            }
        }
        string = json_string(s);
    }
    return string;
}

void
jsonrpc_conn_reply_error_valist(struct jsonrpc_conn *conn, const char *format,
                                va_list args)
{
    struct strbuf sb = STRBUF_INIT;
    char *message;

    if (drop_late_answer(conn)) {
        return;
    }
    strbuf_vprintf(&sb, format, args);
    message = strbuf_steal(&sb);
    queue_reply(conn, NULL, json_string_lossy(message));
    free(message);
    finish_request(conn);
}

void
jsonrpc_conn_reply_error(struct jsonrpc_conn *conn, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    jsonrpc_conn_reply_error_valist(conn, format, args);
    va_end(args);
}

/* Requests. */

/* Answers a request that cannot be dispatched with an error (the request
 * id, if any, is in 'id', borrowed). */
static void reject(struct jsonrpc_conn *conn, json_t *id, const char *format,
                   ...) __attribute__((format(printf, 3, 4)));

static void
reject(struct jsonrpc_conn *conn, json_t *id, const char *format, ...)
{
    va_list args;

    conn->request_id = json_incref(id);
    conn->pending = true;
    va_start(args, format);
    jsonrpc_conn_reply_error_valist(conn, format, args);
    va_end(args);
}

/* Describes how many arguments 'm' takes, e.g. "1 to 2 arguments". */
static void
describe_count(struct strbuf *sb, const struct jsonrpc_method *m)
{
    if (m->max_params < 0) {
        strbuf_printf(sb, "at least %d argument%s", m->min_params,
                      m->min_params == 1 ? "" : "s");
    } else if (m->min_params == m->max_params) {
        strbuf_printf(sb, "%d argument%s", m->min_params,
                      m->min_params == 1 ? "" : "s");
    } else {
        strbuf_printf(sb, "%d to %d arguments", m->min_params, m->max_params);
    }
}

static void
reject_count(struct jsonrpc_conn *conn, json_t *id,
             const struct jsonrpc_method *m, size_t n)
{
    struct strbuf count = STRBUF_INIT;

    describe_count(&count, m);
    reject(conn, id, "'%s' takes %s but got %zu; usage: %s%s%s", m->name,
           strbuf_str(&count), n, m->name, m->usage[0] ? " " : "", m->usage);
    strbuf_free(&count);
}

/* Checks request object 'req' and calls its method's handler. */
static void
dispatch(struct jsonrpc_conn *conn, json_t *req)
{
    json_t *id = json_object_get(req, "id");
    json_t *method = json_object_get(req, "method");
    json_t *params = json_object_get(req, "params");
    const struct jsonrpc_method *m;
    size_t n;

    if (!id) {
        reject(conn, NULL,
               "the request has no \"id\"; give each request an "
               "id, such as a number, to match its reply");
        return;
    }
    if (!json_is_string(method)) {
        reject(conn, id,
               "the request has no \"method\" string; name the "
               "command to run, e.g. \"method\": \"list-commands\"");
        return;
    }
    if (params && !json_is_array(params)) {
        reject(conn, id,
               "\"params\" must be an array of arguments, e.g. "
               "\"params\": [\"br0\"]");
        return;
    }
    m = find_method(conn->server, json_string_value(method));
    if (!m) {
        reject(conn, id,
               "unknown command '%s'; run 'list-commands' to see them",
               json_string_value(method));
        return;
    }
    n = params ? json_array_size(params) : 0;
    if (n < (size_t) m->min_params
        || (m->max_params >= 0 && n > (size_t) m->max_params)) {
        reject_count(conn, id, m, n);
        return;
    }

    params = params ? json_incref(params) : json_array();
    conn->request_id = json_incref(id);
    conn->pending = true;
    m->fn(conn, params, m->aux);
    json_decref(params);
}

/* Handles one request line (without its newline). */
static void
handle_line(struct jsonrpc_conn *conn, const char *line, size_t len)
{
    json_error_t jerr;
    json_t *req;

    if (strspn(line, " \t\r") >= len) {
        return;
    }
    req = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!req) {
        reject(conn, NULL,
               "malformed request: %s (at byte %d); send each request as "
               "one JSON object on one line",
               jerr.text, jerr.position);
        conn->closing = true;
        return;
    }
    if (!json_is_object(req)) {
        reject(conn, NULL,
               "the request is not a JSON object; send one such as "
               "{\"id\": 1, \"method\": \"list-commands\", \"params\": []}");
        conn->closing = true;
    } else {
        dispatch(conn, req);
    }
    json_decref(req);
}

/* Called when the input holds no complete line, or one that is too long:
 * decides whether the connection can wait for more. */
static void
handle_partial_line(struct jsonrpc_conn *conn)
{
    const char *rest = (const char *) conn->in.data + conn->in_ofs;
    size_t len = conn->in.size - conn->in_ofs;

    if (len > JSONRPC_MAX_REQUEST_BYTES) {
        reject(conn, NULL,
               "request longer than %d bytes; the connection is closed; "
               "send large data in pieces",
               JSONRPC_MAX_REQUEST_BYTES);
        conn->closing = true;
    } else if (conn->eof) {
        for (size_t i = 0; i < len; i++) {
            if (!strchr(" \t\r", rest[i])) {
                reject(conn, NULL,
                       "the last request ends without a "
                       "newline; end each request with one");
                break;
            }
        }
        conn->closing = true;
    }
}

/* Handles the complete requests received, one at a time, until one is
 * pending, the input holds no complete line, or the waiting replies reach
 * the pause threshold.  Returns true in the last case: more requests may
 * wait in the input once the replies are sent. */
static bool
handle_lines(struct jsonrpc_conn *conn)
{
    while (!conn->dead && !conn->pending && !conn->closing) {
        char *start = (char *) conn->in.data + conn->in_ofs;
        size_t avail = conn->in.size - conn->in_ofs;
        char *nl = avail ? memchr(start, '\n', avail) : NULL;

        if (out_backlog(conn) >= JSONRPC_OUTPUT_PAUSE_BYTES) {
            return true;
        }
        /* A line that arrived whole in one read must respect the limit
         * too. */
        if (!nl || (size_t) (nl - start) > JSONRPC_MAX_REQUEST_BYTES) {
            handle_partial_line(conn);
            break;
        }
        conn->in_ofs += (size_t) (nl - start) + 1;
        *nl = '\0';
        handle_line(conn, start, (size_t) (nl - start));
    }
    return false;
}

/* Handles the complete requests received and sends the replies; then
 * watches for what comes next.  May free 'conn'. */
static void
process_input(struct jsonrpc_conn *conn)
{
    bool paused;

    conn->processing = true;
    do {
        /* Requests already received get no new read event: go on with
         * them here for as long as the socket takes the replies. */
        paused = handle_lines(conn);
    } while (!conn->dead && flush_output(conn) && paused
             && out_backlog(conn) < JSONRPC_OUTPUT_PAUSE_BYTES);
    if (!conn->dead) {
        if (conn->closing && !out_backlog(conn)) {
            close_conn(conn);
        } else {
            update_events(conn);
        }
    }
    conn->processing = false;
    if (conn->dead && !conn->pending) {
        free_conn(conn);
    }
}

/* The listening socket. */

static void
on_retry_accept(evutil_socket_t fd, short what, void *server_)
{
    struct jsonrpc_server *server = server_;

    (void) fd;
    (void) what;
    event_add(server->accept_ev, NULL);
}

static void
on_accept(evutil_socket_t fd, short what, void *server_)
{
    struct jsonrpc_server *server = server_;

    (void) what;
    /* A bounded number per wake-up, so that a connection storm cannot
     * starve the rest of the loop. */
    for (int i = 0; i < 64; i++) {
        int conn_fd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

        if (conn_fd >= 0) {
            jsonrpc_server_add_connection(server, conn_fd);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED) {
            continue;
        }
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS
            || errno == ENOMEM) {
            /* The client stays in the backlog; accepting again at once
             * would spin until some descriptor is freed. */
            struct timeval tv = {0, 100 * 1000};

            VLOG_WARN_RL(&rl, "cannot accept a control connection on %s: %s",
                         server->path, strerror(errno));
            event_del(server->accept_ev);
            event_add(server->retry_ev, &tv);
        }
        break;
    }
}

static void
fill_address(struct sockaddr_un *sun, const char *path)
{
    memset(sun, 0, sizeof *sun);
    sun->sun_family = AF_UNIX;
    memcpy(sun->sun_path, path, strlen(path) + 1);
}

/* Creates the missing directories of 'path', except its last component,
 * with mode 0700. */
static int
make_parent_dirs(const char *path, char **message)
{
    char *copy = xstrdup(path);
    int retval = 0;

    for (char *slash = strchr(copy + 1, '/'); slash && !retval;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(copy, 0700) && errno != EEXIST) {
            retval = -errno;
            *message = xasprintf("cannot create directory %s for the "
                                      "control socket: %s",
                                      copy, strerror(errno));
        }
        *slash = '/';
    }
    free(copy);
    return retval;
}

/* Makes 'path' free for a new socket: nothing there, or a socket file no
 * server answers on (removed). */
static int
clear_stale_socket(const char *path, char **message)
{
    struct sockaddr_un sun;
    struct stat st;
    int fd, retval;

    if (lstat(path, &st)) {
        if (errno == ENOENT) {
            return 0;
        }
        *message = xasprintf("cannot check %s: %s", path, strerror(errno));
        return -errno;
    }
    if (!S_ISSOCK(st.st_mode)) {
        *message = xasprintf("%s exists and is not a socket; remove it "
                                  "or choose another socket path",
                                  path);
        return -EEXIST;
    }

    /* Non-blocking, so that a live server with a full backlog answers
     * EAGAIN at once. */
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *message =
            xasprintf("cannot create a socket: %s", strerror(errno));
        return -errno;
    }
    fill_address(&sun, path);
    retval = connect(fd, (struct sockaddr *) &sun, sizeof sun) ? errno : 0;
    close(fd);
    if (!retval || retval == EAGAIN) {
        *message = xasprintf("another server is already listening on "
                                  "%s; stop it first or choose another "
                                  "socket path",
                                  path);
        return -EADDRINUSE;
    } else if (retval != ECONNREFUSED && retval != ENOENT) {
        *message = xasprintf("cannot check whether a server listens on "
                                  "%s: %s",
                                  path, strerror(retval));
        return -retval;
    }
    VLOG_INFO("removing stale socket %s left by a server that is gone", path);
    if (unlink(path) && errno != ENOENT) {
        *message = xasprintf("cannot remove stale socket %s: %s", path,
                                  strerror(errno));
        return -errno;
    }
    return 0;
}

/* Opens the listening socket at 'server->path'. */
static int
listen_on_path(struct jsonrpc_server *server, char **message)
{
    const char *path = server->path;
    struct sockaddr_un sun;
    struct stat st;
    int retval;

    if (!path[0]) {
        *message = xasprintf("the control socket path is empty; give "
                                  "a file name such as /run/pont/x.ctl");
        return -EINVAL;
    }
    if (strlen(path) >= sizeof sun.sun_path) {
        *message = xasprintf("socket path %s is too long (at most %zu "
                                  "bytes); choose a shorter one",
                                  path, sizeof sun.sun_path - 1);
        return -ENAMETOOLONG;
    }
    retval = make_parent_dirs(path, message);
    if (!retval) {
        retval = clear_stale_socket(path, message);
    }
    if (retval) {
        return retval;
    }

    server->listen_fd =
        socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    fill_address(&sun, path);
    if (server->listen_fd < 0
        || bind(server->listen_fd, (struct sockaddr *) &sun, sizeof sun)) {
        retval = -errno;
        *message =
            xasprintf("cannot listen on %s: %s", path, strerror(errno));
        return retval;
    }
    /* From here on the file is ours, and destroying the server removes
     * it. */
    if (!stat(path, &st)) {
        server->sock_dev = st.st_dev;
        server->sock_ino = st.st_ino;
    }
    if (listen(server->listen_fd, SOMAXCONN)) {
        retval = -errno;
        *message =
            xasprintf("cannot listen on %s: %s", path, strerror(errno));
        return retval;
    }
    server->accept_ev = event_new(server->base, server->listen_fd,
                                  EV_READ | EV_PERSIST, on_accept, server);
    server->retry_ev = event_new(server->base, -1, 0, on_retry_accept, server);
    if (!server->accept_ev || !server->retry_ev) {
        abort(); /* Only out of memory makes event_new() fail here. */
    }
    event_add(server->accept_ev, NULL);
    return 0;
}

struct jsonrpc_server *
jsonrpc_server_create(struct event_base *base, const char *path, int *error,
                      char **message)
{
    struct jsonrpc_server *server = xzalloc(sizeof *server);
    int retval;

    *error = 0;
    *message = NULL;
    server->base = base;
    server->listen_fd = -1;
    server->send_timeout_ms = 30000;
    jsonrpc_server_register(server, "list-commands", 0, 0, "", list_commands,
                            server);
    if (path) {
        server->path = xstrdup(path);
        retval = listen_on_path(server, message);
        if (retval) {
            *error = retval;
            jsonrpc_server_destroy(server);
            return NULL;
        }
    }
    return server;
}

/* Removes the socket file if it is still the one this server made. */
static void
remove_socket_file(const struct jsonrpc_server *server)
{
    struct stat st;

    if (server->sock_ino && !lstat(server->path, &st)
        && st.st_dev == server->sock_dev && st.st_ino == server->sock_ino) {
        unlink(server->path);
    }
}

void
jsonrpc_server_destroy(struct jsonrpc_server *server)
{
    if (!server) {
        return;
    }
    while (server->conns) {
        close_conn(server->conns);
    }
    if (server->accept_ev) {
        event_free(server->accept_ev);
        event_free(server->retry_ev);
    }
    if (server->listen_fd >= 0) {
        remove_socket_file(server);
        close(server->listen_fd);
    }
    for (size_t i = 0; i < server->n_methods; i++) {
        free(server->methods[i].name);
        free(server->methods[i].usage);
    }
    free(server->methods);
    free(server->path);
    free(server);
}
