/* Tests for lib/jsonrpc_server.c and lib/jsonrpc_client.c: replies,
 * pipelining, deferred replies, every kind of bad request, size limits,
 * clients that leave or stop reading, many clients at once, the socket
 * file's life, and the client's error reports.
 *
 * Each test runs a server on its own event_base in a thread (the
 * fixture); the test itself is the client, through
 * jsonrpc_client_transact() or through raw sockets when it needs to send
 * what the client never would.  The handlers run in the server thread; the
 * test reads server state only through methods ("count") or after the
 * thread has stopped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <event2/event.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "lib/jsonrpc.h"

struct fixture {
    char dir[64];
    char path[128]; /* The control socket. */
    struct event_base *base;
    struct jsonrpc_server *server;
    pthread_t thread;
    int stop_pipe[2];
    struct event *stop_ev;
    struct jsonrpc_conn *held; /* Answered by "release". */
};

/* Bytes of the string "big" returns: more than the server's pause
 * threshold, so that one unread reply stops a connection's reading. */
#define BIG_REPLY_BYTES (JSONRPC_OUTPUT_PAUSE_BYTES + 1024)

/* Methods, run in the server thread. */

static void
echo(struct jsonrpc_conn *conn, json_t *params, void *aux)
{
    (void) aux;
    jsonrpc_conn_reply(conn, json_incref(params));
}

struct later {
    struct jsonrpc_conn *conn;
    json_t *result;
};

static void
answer_later(evutil_socket_t fd, short what, void *later_)
{
    struct later *later = later_;

    (void) fd;
    (void) what;
    jsonrpc_conn_reply(later->conn, later->result);
    free(later);
}

/* "later MS": answers "done" after MS milliseconds. */
static void
later(struct jsonrpc_conn *conn, json_t *params, void *f_)
{
    struct fixture *f = f_;
    struct later *l = malloc(sizeof *l);
    json_int_t ms = json_integer_value(json_array_get(params, 0));
    struct timeval tv = {ms / 1000, ms % 1000 * 1000};

    l->conn = conn;
    l->result = json_string("done");
    assert_int_equal(
        event_base_once(f->base, -1, EV_TIMEOUT, answer_later, l, &tv), 0);
}

static void
hold(struct jsonrpc_conn *conn, json_t *params, void *f_)
{
    struct fixture *f = f_;

    (void) params;
    f->held = conn;
}

/* Answers the held request, if any; returns whether there was one. */
static void
release(struct jsonrpc_conn *conn, json_t *params, void *f_)
{
    struct fixture *f = f_;
    bool had = f->held != NULL;

    (void) params;
    if (had) {
        jsonrpc_conn_reply(f->held, json_string("released"));
        f->held = NULL;
    }
    jsonrpc_conn_reply(conn, json_boolean(had));
}

static void
held(struct jsonrpc_conn *conn, json_t *params, void *f_)
{
    struct fixture *f = f_;

    (void) params;
    jsonrpc_conn_reply(conn, json_boolean(f->held != NULL));
}

static void
fail_on_purpose(struct jsonrpc_conn *conn, json_t *params, void *aux)
{
    (void) aux;
    jsonrpc_conn_reply_error(conn, "failed on purpose: %s",
                             json_string_value(json_array_get(params, 0)));
}

static void
count(struct jsonrpc_conn *conn, json_t *params, void *f_)
{
    struct fixture *f = f_;

    (void) params;
    jsonrpc_conn_reply(
        conn,
        json_integer((json_int_t) jsonrpc_server_n_connections(f->server)));
}

static void
big(struct jsonrpc_conn *conn, json_t *params, void *aux)
{
    char *s = malloc(BIG_REPLY_BYTES + 1);

    (void) params;
    (void) aux;
    memset(s, 'b', BIG_REPLY_BYTES);
    s[BIG_REPLY_BYTES] = '\0';
    jsonrpc_conn_reply(conn, json_string(s));
    free(s);
}

/* The fixture. */

static void
on_stop(evutil_socket_t fd, short what, void *base)
{
    (void) fd;
    (void) what;
    event_base_loopbreak(base);
}

static void *
run_server(void *f_)
{
    struct fixture *f = f_;

    event_base_dispatch(f->base);
    return NULL;
}

static void
register_methods(struct fixture *f)
{
    struct jsonrpc_server *s = f->server;

    assert_int_equal(
        jsonrpc_server_register(s, "echo", 0, -1, "[ARG...]", echo, f), 0);
    assert_int_equal(jsonrpc_server_register(s, "later", 1, 1, "MS", later, f),
                     0);
    assert_int_equal(jsonrpc_server_register(s, "hold", 0, 0, "", hold, f), 0);
    assert_int_equal(
        jsonrpc_server_register(s, "release", 0, 0, "", release, f), 0);
    assert_int_equal(jsonrpc_server_register(s, "held", 0, 0, "", held, f), 0);
    assert_int_equal(
        jsonrpc_server_register(s, "fail", 1, 1, "WHY", fail_on_purpose, f), 0);
    assert_int_equal(jsonrpc_server_register(s, "count", 0, 0, "", count, f),
                     0);
    assert_int_equal(jsonrpc_server_register(s, "big", 0, 0, "", big, f), 0);
}

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char *message;
    int error;

    snprintf(f->dir, sizeof f->dir, "/tmp/pont-jsonrpc-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    /* In a directory still to be made, which the server creates. */
    snprintf(f->path, sizeof f->path, "%s/run/test.ctl", f->dir);
    f->base = event_base_new();
    f->server = jsonrpc_server_create(f->base, f->path, &error, &message);
    if (!f->server) {
        fail_msg("cannot create the server: %s", message);
    }
    jsonrpc_server_set_send_timeout(f->server, 300);
    register_methods(f);
    assert_int_equal(pipe(f->stop_pipe), 0);
    f->stop_ev = event_new(f->base, f->stop_pipe[0], EV_READ, on_stop, f->base);
    event_add(f->stop_ev, NULL);
    assert_int_equal(pthread_create(&f->thread, NULL, run_server, f), 0);
    *state = f;
    return 0;
}

/* Stops the server thread; the server stays for the test to inspect. */
static void
stop_thread(struct fixture *f)
{
    if (f->stop_pipe[1] >= 0) {
        assert_int_equal(write(f->stop_pipe[1], "x", 1), 1);
        assert_int_equal(pthread_join(f->thread, NULL), 0);
        close(f->stop_pipe[1]);
        f->stop_pipe[1] = -1;
    }
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    stop_thread(f);
    jsonrpc_server_destroy(f->server);
    if (f->held) {
        /* The client has gone with the server: the answer is dropped. */
        jsonrpc_conn_reply(f->held, NULL);
    }
    event_free(f->stop_ev);
    event_base_free(f->base);
    close(f->stop_pipe[0]);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* Raw clients. */

struct raw {
    int fd;
    char buf[256 * 1024];
    size_t len;
};

static struct raw *
raw_connect(const char *path)
{
    struct raw *r = calloc(1, sizeof *r);
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    struct timeval tv = {5, 0};

    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
    r->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(r->fd >= 0);
    assert_int_equal(connect(r->fd, (struct sockaddr *) &sun, sizeof sun), 0);
    setsockopt(r->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return r;
}

static void
raw_close(struct raw *r)
{
    close(r->fd);
    free(r);
}

static void
raw_send(struct raw *r, const char *s)
{
    size_t len = strlen(s);

    assert_int_equal(send(r->fd, s, len, MSG_NOSIGNAL), (ssize_t) len);
}

/* Returns the next line as JSON (the caller json_decref()s it), or NULL if
 * the server closed the connection first. */
static json_t *
raw_receive(struct raw *r)
{
    for (;;) {
        char *nl = memchr(r->buf, '\n', r->len);
        ssize_t n;

        if (nl) {
            json_error_t jerr;
            size_t line_len = (size_t) (nl - r->buf);
            json_t *json = json_loadb(r->buf, line_len, 0, &jerr);

            if (!json) {
                fail_msg("reply is not JSON: %s", jerr.text);
            }
            memmove(r->buf, nl + 1, r->len - line_len - 1);
            r->len -= line_len + 1;
            return json;
        }
        assert_true(r->len < sizeof r->buf);
        n = recv(r->fd, r->buf + r->len, sizeof r->buf - r->len, 0);
        if (n == 0 || (n < 0 && errno == ECONNRESET)) {
            assert_int_equal(r->len, 0);
            return NULL;
        }
        if (n < 0) {
            fail_msg("no reply: %s", strerror(errno));
        }
        r->len += (size_t) n;
    }
}

/* Receives a reply and checks its id (a number) and whether it is an
 * error containing 'error_part' (NULL: a success).  Returns the reply. */
static json_t *
expect_reply(struct raw *r, json_int_t id, const char *error_part)
{
    json_t *reply = raw_receive(r);
    json_t *error;

    assert_non_null(reply);
    assert_int_equal(json_object_size(reply), 3);
    if (id < 0) {
        assert_true(json_is_null(json_object_get(reply, "id")));
    } else {
        assert_int_equal(json_integer_value(json_object_get(reply, "id")), id);
    }
    error = json_object_get(reply, "error");
    if (error_part) {
        assert_true(json_is_string(error));
        assert_non_null(strstr(json_string_value(error), error_part));
        assert_true(json_is_null(json_object_get(reply, "result")));
    } else {
        assert_true(json_is_null(error));
    }
    return reply;
}

static void
expect_closed(struct raw *r)
{
    assert_null(raw_receive(r));
}

/* Calls 'method' through the real client with 'params' (taken over). */
static int
transact(struct fixture *f, const char *method, json_t *params, json_t **result,
         char **error)
{
    int retval =
        jsonrpc_client_transact(f->path, method, params, 5000, result, error);
    json_decref(params);
    return retval;
}

/* Calls a method that must succeed with an integer result. */
static json_int_t
transact_int(struct fixture *f, const char *method)
{
    json_t *result;
    char *error;
    json_int_t value;

    if (transact(f, method, NULL, &result, &error)) {
        fail_msg("%s failed: %s", method, error);
    }
    assert_true(json_is_integer(result));
    value = json_integer_value(result);
    json_decref(result);
    return value;
}

/* Waits up to 3 s for the server to have 'n' connections besides the
 * asking one. */
static void
wait_for_connections(struct fixture *f, json_int_t n)
{
    for (int i = 0; i < 300; i++) {
        if (transact_int(f, "count") == n + 1) {
            return;
        }
        usleep(10 * 1000);
    }
    fail_msg("the server did not get to %lld connections", (long long) n);
}

/* Tests: replies. */

static void
request_gets_its_result(void **state)
{
    struct fixture *f = *state;
    json_t *expected = json_pack("[ss]", "br0", "x=y");
    json_t *result;
    char *error;

    assert_int_equal(
        transact(f, "echo", json_incref(expected), &result, &error), 0);
    assert_null(error);
    assert_true(json_equal(result, expected));
    json_decref(result);
    json_decref(expected);
}

static void
list_commands_shows_names_and_usage(void **state)
{
    struct fixture *f = *state;
    json_t *result;
    char *error;

    assert_int_equal(transact(f, "list-commands", NULL, &result, &error), 0);
    assert_true(json_is_object(result));
    assert_string_equal(json_string_value(json_object_get(result, "later")),
                        "MS");
    assert_string_equal(json_string_value(json_object_get(result, "echo")),
                        "[ARG...]");
    assert_non_null(json_object_get(result, "list-commands"));
    assert_int_equal(json_object_size(result), 9);
    json_decref(result);
}

static void
handler_error_reaches_client_as_eremoteio(void **state)
{
    struct fixture *f = *state;
    json_t *result;
    char *error;

    assert_int_equal(
        transact(f, "fail", json_pack("[s]", "test"), &result, &error),
        -EREMOTEIO);
    assert_null(result);
    assert_string_equal(error, "failed on purpose: test");
    free(error);
}

static void
deferred_reply_arrives_later(void **state)
{
    struct fixture *f = *state;
    struct timespec t0, t1;
    json_t *result;
    char *error;
    long elapsed_ms;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(
        transact(f, "later", json_pack("[i]", 100), &result, &error), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_string_equal(json_string_value(result), "done");
    json_decref(result);
    elapsed_ms =
        (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    assert_true(elapsed_ms >= 90);
}

static void
pipelined_requests_are_answered_in_order(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);
    json_t *reply;

    /* The first is deferred: the others must wait for it. */
    raw_send(r, "{\"id\":1,\"method\":\"later\",\"params\":[50]}\n"
                "\n"
                "{\"id\":2,\"method\":\"echo\",\"params\":[\"a\"]}\n"
                "{\"id\":3,\"method\":\"nope\"}\n"
                "{\"id\":4,\"method\":\"echo\"}\n");
    reply = expect_reply(r, 1, NULL);
    assert_string_equal(json_string_value(json_object_get(reply, "result")),
                        "done");
    json_decref(reply);
    reply = expect_reply(r, 2, NULL);
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(reply, "result"), 0)),
        "a");
    json_decref(reply);
    json_decref(expect_reply(r, 3, "unknown command"));
    reply = expect_reply(r, 4, NULL);
    assert_int_equal(json_array_size(json_object_get(reply, "result")), 0);
    json_decref(reply);
    raw_close(r);
}

/* Tests: bad requests. */

static void
unknown_method_points_to_list_commands(void **state)
{
    struct fixture *f = *state;
    json_t *result;
    char *error;

    assert_int_equal(transact(f, "add-bridge", NULL, &result, &error),
                     -EREMOTEIO);
    assert_string_equal(error, "unknown command 'add-bridge'; run "
                               "'list-commands' to see them");
    free(error);
}

static void
wrong_param_count_shows_usage(void **state)
{
    struct fixture *f = *state;
    json_t *result;
    char *error;

    assert_int_equal(transact(f, "later", NULL, &result, &error), -EREMOTEIO);
    assert_string_equal(error,
                        "'later' takes 1 argument but got 0; usage: later MS");
    free(error);
    assert_int_equal(
        transact(f, "count", json_pack("[s]", "x"), &result, &error),
        -EREMOTEIO);
    assert_string_equal(error, "'count' takes 0 arguments but got 1; usage: "
                               "count");
    free(error);
}

static void
malformed_json_gets_error_then_close(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);

    raw_send(r, "{\"id\":1,\"method\":\"echo\"\n"
                "{\"id\":2,\"method\":\"echo\"}\n");
    json_decref(expect_reply(r, -1, "malformed request"));
    expect_closed(r);
    raw_close(r);
}

static void
non_object_request_gets_error_then_close(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);

    raw_send(r, "[1, 2]\n");
    json_decref(expect_reply(r, -1, "not a JSON object"));
    expect_closed(r);
    raw_close(r);
}

static void
bad_fields_get_errors_and_connection_goes_on(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);

    raw_send(r, "{\"method\":\"echo\"}\n"
                "{\"id\":2,\"method\":7}\n"
                "{\"id\":3,\"method\":\"echo\",\"params\":\"br0\"}\n"
                "{\"id\":4,\"method\":\"echo\",\"id\":5}\n"
                "{\"id\":6,\"method\":\"echo\"}\n");
    json_decref(expect_reply(r, -1, "no \"id\""));
    json_decref(expect_reply(r, 2, "no \"method\" string"));
    json_decref(expect_reply(r, 3, "must be an array"));
    /* A duplicate key is malformed JSON, which closes the connection. */
    json_decref(expect_reply(r, -1, "malformed request"));
    expect_closed(r);
    raw_close(r);
}

static void
request_cut_short_by_eof_gets_error(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);

    raw_send(r, "{\"id\":1,\"method\":\"echo\"}\n{\"id\":2");
    shutdown(r->fd, SHUT_WR);
    json_decref(expect_reply(r, 1, NULL));
    json_decref(expect_reply(r, -1, "ends without a newline"));
    expect_closed(r);
    raw_close(r);
}

/* Sends a request of 'len' bytes (one long string argument to "count",
 * which takes none, so that the reply is short), ending with a newline or
 * not. */
static void
send_long_request(struct raw *r, size_t len, bool newline)
{
    static const char prefix[] = "{\"id\":1,\"method\":\"count\","
                                 "\"params\":[\"";
    char *request = malloc(len + 1);

    memset(request, 'x', len);
    memcpy(request, prefix, strlen(prefix));
    memcpy(request + len - 4, "\"]}", 3);
    request[len - 1] = newline ? '\n' : ' ';
    request[len] = '\0';
    raw_send(r, request);
    free(request);
}

static void
oversized_request_closes_connection(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);

    /* One byte over the limit, without a newline: the server must not
     * wait for the rest. */
    send_long_request(r, JSONRPC_MAX_REQUEST_BYTES + 1, false);
    json_decref(expect_reply(r, -1, "request longer than 1048576 bytes"));
    expect_closed(r);
    raw_close(r);

    /* A request at the limit (newline excluded) is served. */
    r = raw_connect(f->path);
    send_long_request(r, JSONRPC_MAX_REQUEST_BYTES + 1, true);
    json_decref(expect_reply(r, 1, "'count' takes 0 arguments but got 1"));
    raw_close(r);
}

/* Tests: clients that go away or do not read. */

static void
client_leaving_with_deferred_reply_pending_is_safe(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);
    json_t *result;
    char *error;

    raw_send(r, "{\"id\":1,\"method\":\"hold\"}\n");
    for (int i = 0; i < 300; i++) {
        bool is_held;

        assert_int_equal(transact(f, "held", NULL, &result, &error), 0);
        is_held = json_is_true(result);
        json_decref(result);
        if (is_held) {
            break;
        }
        usleep(10 * 1000);
    }
    raw_close(r);
    /* A unix socket tells a closed client from one that only shut down
     * its sending side when a reply bounces: the late answer, to a client
     * that left, is dropped and the connection closed. */
    assert_int_equal(transact(f, "release", NULL, &result, &error), 0);
    assert_true(json_is_true(result));
    json_decref(result);
    wait_for_connections(f, 0);
}

static void
client_that_never_reads_is_dropped(void **state)
{
    struct fixture *f = *state;
    struct raw *r = raw_connect(f->path);
    char requests[4096] = "";

    /* Far more replies than the socket buffers hold. */
    for (int i = 0; i < 64; i++) {
        size_t len = strlen(requests);
        snprintf(requests + len, sizeof requests - len,
                 "{\"id\":%d,\"method\":\"big\"}\n", i);
    }
    raw_send(r, requests);
    wait_for_connections(f, 1);
    /* Meanwhile, others are served. */
    assert_int_equal(transact_int(f, "count"), 2);
    /* The send timeout (300 ms) drops it. */
    wait_for_connections(f, 0);
    raw_close(r);
}

static void
timeout_applies_when_server_does_not_answer(void **state)
{
    struct fixture *f = *state;
    json_t *result;
    char *error;

    assert_int_equal(
        jsonrpc_client_transact(f->path, "hold", NULL, 100, &result, &error),
        -ETIMEDOUT);
    assert_non_null(strstr(error, "no reply from"));
    free(error);
}

struct concurrent_client {
    struct fixture *f;
    int index;
    int retval;
};

static void *
run_concurrent_client(void *c_)
{
    struct concurrent_client *c = c_;
    json_t *params = json_pack("[i]", c->index);
    json_t *result;
    char *error;

    c->retval = jsonrpc_client_transact(c->f->path, "echo", params, 10000,
                                        &result, &error);
    if (!c->retval) {
        json_int_t got = json_integer_value(json_array_get(result, 0));
        c->retval = got == c->index ? 0 : -EPROTO;
        json_decref(result);
    } else {
        free(error);
    }
    json_decref(params);
    return NULL;
}

static void
fifty_concurrent_clients_are_served(void **state)
{
    struct fixture *f = *state;
    struct raw *raws[50];
    struct concurrent_client clients[50];
    pthread_t threads[50];

    /* 50 connections open at once, each with a request in progress. */
    for (int i = 0; i < 50; i++) {
        raws[i] = raw_connect(f->path);
        raw_send(raws[i], "{\"id\":7,\"method\":\"later\",\"params\":[100]}\n");
    }
    /* And 50 more clients in threads meanwhile. */
    for (int i = 0; i < 50; i++) {
        clients[i] = (struct concurrent_client){f, i, -1};
        assert_int_equal(pthread_create(&threads[i], NULL,
                                        run_concurrent_client, &clients[i]),
                         0);
    }
    for (int i = 0; i < 50; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(clients[i].retval, 0);
    }
    for (int i = 0; i < 50; i++) {
        json_decref(expect_reply(raws[i], 7, NULL));
        raw_close(raws[i]);
    }
}

/* Tests: the socket file. */

static void
stale_socket_file_is_taken_over(void **state)
{
    struct fixture *f = *state;
    struct event_base *base = event_base_new();
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    struct jsonrpc_server *server;
    char *message;
    int fd, error;

    /* A socket file whose server is gone. */
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s/stale.ctl", f->dir);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(fd, (struct sockaddr *) &sun, sizeof sun), 0);
    close(fd);

    server = jsonrpc_server_create(base, sun.sun_path, &error, &message);
    assert_non_null(server);
    assert_int_equal(error, 0);
    jsonrpc_server_destroy(server);
    /* Destroying removes the file. */
    assert_int_equal(access(sun.sun_path, F_OK), -1);
    event_base_free(base);
}

static void
second_server_on_live_socket_is_refused(void **state)
{
    struct fixture *f = *state;
    struct event_base *base = event_base_new();
    struct jsonrpc_server *server;
    char *message;
    int error;

    server = jsonrpc_server_create(base, f->path, &error, &message);
    assert_null(server);
    assert_int_equal(error, -EADDRINUSE);
    assert_non_null(strstr(message, "another server is already listening"));
    free(message);
    event_base_free(base);
    /* The live server still works. */
    assert_int_equal(transact_int(f, "count"), 1);
}

static void
other_file_at_socket_path_is_left_alone(void **state)
{
    struct fixture *f = *state;
    struct event_base *base = event_base_new();
    char path[160];
    char *message;
    int error;
    FILE *file;

    snprintf(path, sizeof path, "%s/regular.ctl", f->dir);
    file = fopen(path, "w");
    fclose(file);
    assert_null(jsonrpc_server_create(base, path, &error, &message));
    assert_int_equal(error, -EEXIST);
    assert_non_null(strstr(message, "is not a socket"));
    free(message);
    assert_int_equal(access(path, F_OK), 0);
    event_base_free(base);
}

/* Tests: the client's errors. */

static void
client_without_server_asks_if_daemon_runs(void **state)
{
    struct fixture *f = *state;
    char path[160], expected[256];
    json_t *result;
    char *error;

    snprintf(path, sizeof path, "%s/vswitchd.ctl", f->dir);
    assert_int_equal(
        jsonrpc_client_transact(path, "echo", NULL, 1000, &result, &error),
        -ENOENT);
    assert_null(result);
    snprintf(expected, sizeof expected,
             "cannot connect to %s: No such file or directory (is "
             "pont-vswitchd running?)",
             path);
    assert_string_equal(error, expected);
    free(error);
}

static void
client_rejects_params_that_are_not_an_array(void **state)
{
    struct fixture *f = *state;
    json_t *result;
    char *error;

    assert_int_equal(transact(f, "echo", json_string("br0"), &result, &error),
                     -EINVAL);
    assert_non_null(strstr(error, "must be a JSON array"));
    free(error);
}

/* Tests: the server's API without the thread. */

static void
register_refuses_duplicates_and_bad_counts(void **state)
{
    struct event_base *base = event_base_new();
    struct jsonrpc_server *s;
    char *message;
    int error;

    (void) state;
    s = jsonrpc_server_create(base, NULL, &error, &message);
    assert_non_null(s);
    assert_int_equal(jsonrpc_server_register(s, "a", 0, 1, "", echo, NULL), 0);
    assert_int_equal(jsonrpc_server_register(s, "a", 0, 1, "", echo, NULL),
                     -EEXIST);
    assert_int_equal(
        jsonrpc_server_register(s, "list-commands", 0, 0, "", echo, NULL),
        -EEXIST);
    assert_int_equal(jsonrpc_server_register(s, "", 0, 1, "", echo, NULL),
                     -EINVAL);
    assert_int_equal(jsonrpc_server_register(s, "b", 2, 1, "", echo, NULL),
                     -EINVAL);
    jsonrpc_server_destroy(s);
    jsonrpc_server_destroy(NULL);
    event_base_free(base);
}

static void
hold_in_place(struct jsonrpc_conn *conn, json_t *params, void *held)
{
    (void) params;
    *(struct jsonrpc_conn **) held = conn;
}

static void
destroying_server_with_pending_request_drops_late_answer(void **state)
{
    struct event_base *base = event_base_new();
    struct jsonrpc_conn *held = NULL;
    struct jsonrpc_server *s;
    char *message;
    int error, fds[2];

    (void) state;
    s = jsonrpc_server_create(base, NULL, &error, &message);
    assert_non_null(s);
    assert_int_equal(
        jsonrpc_server_register(s, "hold", 0, 0, "", hold_in_place, &held), 0);
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    assert_int_equal(jsonrpc_server_add_connection(s, fds[0]), 0);
    assert_int_equal(jsonrpc_server_n_connections(s), 1);
    assert_int_equal(write(fds[1], "{\"id\":1,\"method\":\"hold\"}\n", 26), 26);
    for (int i = 0; i < 100 && !held; i++) {
        event_base_loop(base, EVLOOP_NONBLOCK);
    }
    assert_non_null(held);
    jsonrpc_server_destroy(s);
    /* The server closed the connection; the answer frees the handle. */
    jsonrpc_conn_reply_error(held, "too late");
    event_base_free(base);
    close(fds[1]);
}

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);

#define T(NAME) cmocka_unit_test_setup_teardown(NAME, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(request_gets_its_result),
        T(list_commands_shows_names_and_usage),
        T(handler_error_reaches_client_as_eremoteio),
        T(deferred_reply_arrives_later),
        T(pipelined_requests_are_answered_in_order),
        T(unknown_method_points_to_list_commands),
        T(wrong_param_count_shows_usage),
        T(malformed_json_gets_error_then_close),
        T(non_object_request_gets_error_then_close),
        T(bad_fields_get_errors_and_connection_goes_on),
        T(request_cut_short_by_eof_gets_error),
        T(oversized_request_closes_connection),
        T(client_leaving_with_deferred_reply_pending_is_safe),
        T(client_that_never_reads_is_dropped),
        T(timeout_applies_when_server_does_not_answer),
        T(fifty_concurrent_clients_are_served),
        T(stale_socket_file_is_taken_over),
        T(second_server_on_live_socket_is_refused),
        T(other_file_at_socket_path_is_left_alone),
        T(client_without_server_asks_if_daemon_runs),
        T(client_rejects_params_that_are_not_an_array),
        cmocka_unit_test(register_refuses_duplicates_and_bad_counts),
        cmocka_unit_test(
            destroying_server_with_pending_request_drops_late_answer),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
