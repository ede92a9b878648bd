/* JSON requests and replies over unix stream sockets: the control socket of
 * Pont's daemons (pont-vsctl talks to pont-vswitchd through it).
 *
 * Protocol.  Each message is one JSON object on one line: the object, then
 * a newline ("\n"); the object itself contains no raw newline (JSON
 * escapes them inside strings).  A client sends requests
 *
 *     {"id": 1, "method": "add-br", "params": ["br0", "datapath=dummy"]}
 *
 * where "id" is any JSON value the client chooses (a number, usually) and
 * is echoed in the reply, "method" a string, and "params" an array of
 * arguments (strings, or any JSON values the method accepts; missing means
 * none).  The server answers each request with
 *
 *     {"id": 1, "result": <any JSON>, "error": null}
 *     {"id": 1, "result": null, "error": "what was wrong and what to do"}
 *
 * Several requests may be sent without waiting (pipelined); the replies
 * come in the order of the requests.  Blank lines are ignored.  A request
 * that is not valid JSON, not an object, longer than
 * JSONRPC_MAX_REQUEST_BYTES, or cut short by the end of the stream gets an
 * error reply with "id": null, after which the server closes the
 * connection: it cannot know where the next request starts.  Other bad
 * requests (no "id", no "method", "params" not an array, unknown method,
 * wrong number of arguments) get an error reply and the connection goes
 * on.  Every server answers "list-commands" with an object mapping each
 * method's name to its usage.
 *
 * Server ("for daemons" below).  It runs on the caller's libevent
 * event_base and never blocks: all socket I/O is non-blocking, and a
 * connection is served one request at a time (the next request is read
 * once the current one is answered), which is how replies stay in order.
 * A handler answers with jsonrpc_conn_reply() or jsonrpc_conn_reply_error(),
 * at once or later from another event (a deferred reply).  While a client
 * does not read its replies, the server stops reading its requests once
 * JSONRPC_OUTPUT_PAUSE_BYTES of replies wait, and drops the connection if
 * waiting replies make no progress for the send timeout (30 s by default).
 *
 * Client ("for command-line tools" below): one blocking transaction per
 * call.
 *
 * Thread-safety: a server and its connections belong to the thread running
 * its event_base; every server function, and every reply, must be called
 * from there.  The client function may be called from any thread. */
#ifndef PONT_JSONRPC_H
#define PONT_JSONRPC_H 1

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>

struct event_base;

/* The longest request line the server accepts, newline excluded. */
#define JSONRPC_MAX_REQUEST_BYTES (1024 * 1024)

/* Waiting replies above which a connection's requests are not read. */
#define JSONRPC_OUTPUT_PAUSE_BYTES (64 * 1024)

/* The longest reply line the client accepts. */
#define JSONRPC_MAX_REPLY_BYTES (256 * 1024 * 1024)

/* For daemons. */

struct jsonrpc_server;

/* A client connection, as seen by a method handler: the handle through
 * which it answers the request it was given. */
struct jsonrpc_conn;

/* A method handler.  'params' is the request's array of arguments (an
 * empty array if the request had none), with as many elements as the
 * method accepts; it is borrowed for the call (json_incref() it to keep
 * it).  The handler must answer through 'conn' exactly once, now or later;
 * until it does, the connection reads no further request. */
typedef void jsonrpc_handler_fn(struct jsonrpc_conn *conn, json_t *params,
                                void *aux);

/* Creates a server on 'base' listening on the unix socket 'path'.
 * Directories missing in 'path' are created with mode 0700; who may
 * connect is otherwise up to the caller (the mode of the socket's
 * directory).  A socket file at 'path' that no server answers (left by a
 * daemon that crashed) is replaced; if a server answers there, creation
 * fails with -EADDRINUSE; any other kind of file at 'path' is left alone
 * and creation fails with -EEXIST.  'path' NULL makes a server without a
 * socket, which gets connections only through
 * jsonrpc_server_add_connection().
 *
 * Returns the server, or NULL with '*error' a negative errno value and
 * '*message' a malloc'd sentence (caller frees). */
struct jsonrpc_server *jsonrpc_server_create(struct event_base *,
                                             const char *path, int *error,
                                             char **message);

/* Closes the socket and removes its file (if it is still this server's),
 * and closes every connection.  A request whose handler has not answered
 * yet keeps its handle valid: the late answer is dropped and frees it.
 * Not to be called from a handler.  NULL is a no-op. */
void jsonrpc_server_destroy(struct jsonrpc_server *);

/* Adds method 'name', taking 'min_params' to 'max_params' arguments
 * ('max_params' -1: no maximum), described by 'usage' (the arguments'
 * syntax, e.g. "BRIDGE [KEY=VALUE...]"; shown by list-commands and in
 * errors).  Strings are copied.  Returns 0, -EEXIST if the name is taken,
 * or -EINVAL for an empty name or a maximum below the minimum. */
int jsonrpc_server_register(struct jsonrpc_server *, const char *name,
                            int min_params, int max_params, const char *usage,
                            jsonrpc_handler_fn *, void *aux);

/* Serves a connected stream socket 'fd' (taken over, made non-blocking;
 * closed on failure).  Returns 0 or a negative errno value. */
int jsonrpc_server_add_connection(struct jsonrpc_server *, int fd);

/* Connections open now (a closed one whose request awaits its late
 * answer no longer counts). */
size_t jsonrpc_server_n_connections(const struct jsonrpc_server *);

/* Sets how long waiting replies may make no progress (the client reads
 * nothing) before the connection is dropped.  Default 30,000 ms. */
void jsonrpc_server_set_send_timeout(struct jsonrpc_server *, int timeout_ms);

/* Answers the request of 'conn' with 'result' (reference taken over; NULL
 * means JSON null).  If the client has gone, the answer is dropped; either
 * way 'conn' must not be used after the last answer to its request. */
void jsonrpc_conn_reply(struct jsonrpc_conn *, json_t *result);

/* Answers with an error: a sentence saying what was wrong and what to
 * do. */
void jsonrpc_conn_reply_error(struct jsonrpc_conn *, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void jsonrpc_conn_reply_error_valist(struct jsonrpc_conn *, const char *format,
                                     va_list)
    __attribute__((format(printf, 2, 0)));

/* For command-line tools. */

/* Connects to the server at 'path', sends a request for 'method' with
 * 'params' (a JSON array, borrowed; NULL: no arguments), and waits for the
 * reply, at most 'timeout_ms' in all (negative: forever).
 *
 * Returns 0 with '*result' the reply's result (the caller json_decref()s
 * it; JSON null if the method returns nothing), or a negative errno value
 * with '*error' a malloc'd sentence (caller frees) and '*result' NULL:
 *   -EREMOTEIO  the server answered with an error; '*error' is its text.
 *   -ENOENT, -ECONNREFUSED, ...  no server there.  For a socket named
 *               NAME.ctl, the sentence asks whether pont-NAME runs:
 *               "cannot connect to /run/pont/vswitchd.ctl: No such file
 *               or directory (is pont-vswitchd running?)".
 *   -ETIMEDOUT  no complete reply in time.
 *   -ECONNRESET the server closed the connection without a reply.
 *   -EPROTO     the reply is not a valid reply to this request.
 *   -EINVAL     'params' is not an array. */
int jsonrpc_client_transact(const char *path, const char *method,
                            json_t *params, int timeout_ms, json_t **result,
                            char **error);

#endif /* lib/jsonrpc.h */
