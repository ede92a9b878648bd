/* Fuzz target for the JSON-RPC server's request handling: the input is
 * the byte stream a client sends on one connection.  The server must
 * answer every request with one well-formed reply line, close the
 * connection when the stream cannot go on, and neither crash, hang nor
 * leak.
 *
 * The connection is one end of a socketpair given to the server through
 * jsonrpc_server_add_connection(); this program feeds the other end and
 * reads the replies, all on one event loop.  The server has methods that
 * answer at once, answer with an error, and answer later (deferred), so
 * that pipelining meets every kind of answer. */
#include <errno.h>
#include <event2/event.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/jsonrpc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct event_base *base;
static struct jsonrpc_server *server;

static void
echo(struct jsonrpc_conn *conn, json_t *params, void *aux)
{
    (void) aux;
    jsonrpc_conn_reply(conn, json_incref(params));
}

static void
refuse(struct jsonrpc_conn *conn, json_t *params, void *aux)
{
    (void) aux;
    jsonrpc_conn_reply_error(conn, "refused %zu arguments",
                             json_array_size(params));
}

static void
answer_later(evutil_socket_t fd, short what, void *conn)
{
    (void) fd;
    (void) what;
    jsonrpc_conn_reply(conn, json_string("later"));
}

static void
later(struct jsonrpc_conn *conn, json_t *params, void *aux)
{
    struct timeval tv = {0, 0};

    (void) params;
    (void) aux;
    if (event_base_once(base, -1, EV_TIMEOUT, answer_later, conn, &tv)) {
        abort();
    }
}

static void
init_server(void)
{
    int error;
    char *message;

    base = event_base_new();
    server = jsonrpc_server_create(base, NULL, &error, &message);
    if (!base || !server
        || jsonrpc_server_register(server, "echo", 0, -1, "", echo, NULL)
        || jsonrpc_server_register(server, "refuse", 1, 2, "A [B]", refuse,
                                   NULL)
        || jsonrpc_server_register(server, "later", 0, 0, "", later, NULL)) {
        abort();
    }
}

/* The client's end of the connection. */
struct client {
    int fd;
    const uint8_t *data; /* Still to send. */
    size_t size;
    char *in; /* Received, not yet checked. */
    size_t in_len;
    bool eof;
};

/* Every reply must be an object with exactly "id", "result" and "error",
 * one of the last two null, the error a string. */
static void
check_reply(const char *line, size_t len)
{
    json_t *reply = json_loadb(line, len, 0, NULL);
    json_t *result = json_object_get(reply, "result");
    json_t *error = json_object_get(reply, "error");

    if (!json_is_object(reply) || json_object_size(reply) != 3
        || !json_object_get(reply, "id") || !result || !error
        || !(json_is_null(error) || json_is_string(error))
        || (json_is_string(error) && !json_is_null(result))) {
        abort();
    }
    json_decref(reply);
}

static void
on_client_readable(evutil_socket_t fd, short what, void *c_)
{
    struct client *c = c_;
    char buf[65536];
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    char *nl;

    (void) what;
    if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            c->eof = true;
        }
        return;
    }
    c->in = realloc(c->in, c->in_len + (size_t) n);
    memcpy(c->in + c->in_len, buf, (size_t) n);
    c->in_len += (size_t) n;
    while ((nl = memchr(c->in, '\n', c->in_len))) {
        size_t line_len = (size_t) (nl - c->in);

        check_reply(c->in, line_len);
        memmove(c->in, nl + 1, c->in_len - line_len - 1);
        c->in_len -= line_len + 1;
    }
}

static void
on_client_writable(evutil_socket_t fd, short what, void *c_)
{
    struct client *c = c_;
    ssize_t n;

    (void) what;
    if (!c->size) {
        return;
    }
    n = send(fd, c->data, c->size, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
        c->data += n;
        c->size -= (size_t) n;
    } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        c->size = 0; /* The server closed the connection. */
    }
    if (!c->size) {
        shutdown(fd, SHUT_WR);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct client c = {.data = data, .size = size};
    struct event *read_ev, *write_ev;
    int fds[2];

    if (!server) {
        init_server();
    }
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)
        || jsonrpc_server_add_connection(server, fds[0])) {
        abort();
    }
    c.fd = fds[1];
    if (!size) {
        shutdown(c.fd, SHUT_WR);
    }
    read_ev =
        event_new(base, c.fd, EV_READ | EV_PERSIST, on_client_readable, &c);
    write_ev =
        event_new(base, c.fd, EV_WRITE | EV_PERSIST, on_client_writable, &c);
    event_add(read_ev, NULL);
    event_add(write_ev, NULL);

    /* The server always ends the connection: the stream ends, so either
     * its last request gets an error or all were answered. */
    while (!c.eof) {
        event_base_loop(base, EVLOOP_ONCE);
        if (!c.size) {
            event_del(write_ev);
        }
    }
    if (c.in_len || jsonrpc_server_n_connections(server)) {
        abort(); /* A partial reply, or the connection was not closed. */
    }
    event_free(read_ev);
    event_free(write_ev);
    close(c.fd);
    free(c.in);
    return 0;
}
