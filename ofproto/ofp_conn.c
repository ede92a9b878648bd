/* Blocking OpenFlow client connection: connect, HELLO, framed send and
 * receive with timeouts, request/reply transactions. */
#include "ofproto/ofp_conn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/util.h"
#include "ofproto/ofp_target.h"

struct ofp_conn {
    int fd;
    int timeout_ms;
    uint32_t next_xid;
    struct buf in;              /* Received bytes not yet consumed. */
    char error[256];
};

static void
set_error(struct ofp_conn *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
set_error(struct ofp_conn *c, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, args);
    va_end(args);
}

const char *
ofp_conn_error(const struct ofp_conn *c)
{
    return c->error;
}

uint32_t
ofp_conn_next_xid(struct ofp_conn *c)
{
    return c->next_xid++;
}

/* Waits until 'fd' is ready for 'events' or 'deadline' (ms, <0: never)
 * passes.  Returns 0 or -ETIMEDOUT/-errno. */
static int
wait_fd(int fd, short events, long long deadline)
{
    for (;;) {
        int timeout = deadline < 0 ? -1 : (int) (deadline - time_msec());
        struct pollfd pfd = {fd, events, 0};
        int n;

        if (deadline >= 0 && timeout <= 0) {
            return -ETIMEDOUT;
        }
        n = poll(&pfd, 1, timeout);
        if (n > 0) {
            return 0;
        }
        if (n < 0 && errno != EINTR) {
            return -errno;
        }
    }
}

/* Connects 'fd' to 'addr' without blocking longer than the deadline. */
static int
connect_fd(int fd, const struct sockaddr *addr, socklen_t len,
           long long deadline)
{
    int err = 0;
    socklen_t err_len = sizeof err;

    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (!connect(fd, addr, len)) {
        return 0;
    }
    if (errno != EINPROGRESS) {
        return -errno;
    }
    int retval = wait_fd(fd, POLLOUT, deadline);
    if (retval) {
        return retval;
    }
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &err_len);
    return -err;
}

/* Opens a socket to 'target' and connects it before 'deadline'. */
static int
open_target(const struct ofp_target *target, long long deadline, int *fdp)
{
    int retval, fd;

    fd = socket(target->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    retval = fd < 0 ? -errno
                    : connect_fd(fd, (const struct sockaddr *) &target->addr,
                                 target->addr_len, deadline);
    if (retval && fd >= 0) {
        close(fd);
    }
    *fdp = fd;
    return retval;
}

/* Sends our HELLO and checks the switch's. */
static int
negotiate(struct ofp_conn *c)
{
    struct ofp_msg hello;
    int retval;

    ofp_msg_init(&hello, OFPK_HELLO, ofp_conn_next_xid(c));
    retval = ofp_conn_send(c, &hello);
    if (retval) {
        return retval;
    }
    retval = ofp_conn_recv(c, &hello, NULL, c->timeout_ms);
    if (retval) {
        return retval;
    }
    if (hello.kind != OFPK_HELLO) {
        set_error(c, "the switch sent %s before HELLO",
                  ofp_msg_kind_name(hello.kind));
        ofp_msg_uninit(&hello);
        return -EPROTO;
    }
    if (!(hello.hello.version_bitmap & (1u << OFP13_VERSION))) {
        set_error(c, "the switch does not speak OpenFlow 1.3 (version "
                     "bitmap 0x%x); enable it there, e.g. "
                     "protocols=OpenFlow13",
                  hello.hello.version_bitmap);
        return -EPROTONOSUPPORT;
    }
    return 0;
}

struct ofp_conn *
ofp_conn_open(const char *target, int timeout_ms, int *error, char **message)
{
    long long deadline = time_msec() + timeout_ms;
    struct ofp_target parsed;
    struct ofp_conn *c;
    int fd = -1, retval;

    retval = ofp_target_parse(target, OFP_TARGET_ACTIVE, &parsed, message);
    if (!retval) {
        retval = open_target(&parsed, deadline, &fd);
    }
    if (retval) {
        if (!*message) {
            *message = xstrdup(strerrordesc_np(-retval));
        }
        *error = retval;
        return NULL;
    }

    c = xzalloc(sizeof *c);
    c->fd = fd;
    c->timeout_ms = timeout_ms;
    c->next_xid = 1;
    retval = negotiate(c);
    if (retval) {
        *error = retval;
        *message = xstrdup(c->error);
        ofp_conn_close(c);
        return NULL;
    }
    *error = 0;
    return c;
}

void
ofp_conn_close(struct ofp_conn *c)
{
    if (c) {
        close(c->fd);
        buf_free(&c->in);
        free(c);
    }
}

int
ofp_conn_send_raw(struct ofp_conn *c, const void *data, size_t len)
{
    long long deadline = time_msec() + c->timeout_ms;
    const uint8_t *p = data;

    while (len) {
        ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
        if (n > 0) {
            p += n;
            len -= n;
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            int retval = wait_fd(c->fd, POLLOUT, deadline);
            if (retval) {
                set_error(c, "sending to the switch timed out");
                return retval;
            }
        } else {
            set_error(c, "sending to the switch failed: %s",
                      strerror(errno));
            return -errno;
        }
    }
    return 0;
}

int
ofp_conn_send(struct ofp_conn *c, const struct ofp_msg *msg)
{
    struct buf b = BUF_INIT;
    int retval;

    retval = ofp_msg_encode(msg, &b);
    if (retval) {
        set_error(c, "%s is too large for one OpenFlow message (more than "
                     "65535 bytes)", ofp_msg_kind_name(msg->kind));
    } else {
        retval = ofp_conn_send_raw(c, b.data, b.size);
    }
    buf_free(&b);
    return retval;
}

/* Reads until 'c->in' holds at least 'n' bytes. */
static int
fill(struct ofp_conn *c, size_t n, long long deadline)
{
    while (c->in.size < n) {
        uint8_t chunk[4096];
        ssize_t got = recv(c->fd, chunk, sizeof chunk, 0);

        if (got > 0) {
            buf_put(&c->in, chunk, got);
        } else if (!got) {
            set_error(c, "the switch closed the connection");
            return -ECONNRESET;
        } else if (errno == EAGAIN || errno == EINTR) {
            int retval = wait_fd(c->fd, POLLIN, deadline);
            if (retval) {
                set_error(c, "no reply from the switch (timed out)");
                return retval;
            }
        } else {
            set_error(c, "receiving from the switch failed: %s",
                      strerror(errno));
            return -errno;
        }
    }
    return 0;
}

/* Takes the next whole message off 'c->in' into 'raw'. */
static int
read_message(struct ofp_conn *c, struct buf *raw, long long deadline)
{
    size_t len;
    int retval = fill(c, OFP_HEADER_LEN, deadline);

    if (!retval && ofp_msg_peek_length(c->in.data, &len)) {
        set_error(c, "the switch sent a message with a bad length");
        retval = -EPROTO;
    }
    if (!retval) {
        retval = fill(c, len, deadline);
    }
    if (!retval) {
        buf_clear(raw);
        buf_put(raw, c->in.data, len);
        memmove(c->in.data, c->in.data + len, c->in.size - len);
        c->in.size -= len;
    }
    return retval;
}

/* Answers an echo request in 'raw' with an echo reply of the same data. */
static int
answer_echo(struct ofp_conn *c, const struct buf *raw)
{
    struct buf reply = BUF_INIT;
    int retval;

    buf_put(&reply, raw->data, raw->size);
    reply.data[1] = OFPT_ECHO_REPLY;
    retval = ofp_conn_send_raw(c, reply.data, reply.size);
    buf_free(&reply);
    return retval;
}

/* Receives the next message other than an echo request, until 'deadline'
 * (-1: none).  A message that does not decode gives -EPROTO, with its
 * bytes in 'raw' and 'msg' empty. */
static int
recv_until(struct ofp_conn *c, struct ofp_msg *msg, struct buf *raw,
           long long deadline)
{
    int retval;

    ofp_msg_init(msg, OFPK_HELLO, 0);
    for (;;) {
        retval = read_message(c, raw, deadline);
        if (retval) {
            return retval;
        }
        if (raw->data[1] != OFPT_ECHO_REQUEST) {
            break;
        }
        retval = answer_echo(c, raw);
        if (retval) {
            return retval;
        }
    }
    retval = ofp_msg_decode(raw->data, raw->size, msg);
    if (retval) {
        set_error(c, "the switch sent a message that does not decode (%s)",
                  ofperr_name(-retval));
        return -EPROTO;
    }
    return 0;
}

int
ofp_conn_recv(struct ofp_conn *c, struct ofp_msg *msg, struct buf *rawp,
              int timeout_ms)
{
    struct buf local = BUF_INIT;
    int retval;

    retval = recv_until(c, msg, rawp ? rawp : &local,
                        timeout_ms < 0 ? -1 : time_msec() + timeout_ms);
    buf_free(&local);
    return retval;
}

/* Returns true if the switch answers 'kind' with a reply of its own. */
static bool
expects_reply(enum ofp_msg_kind kind)
{
    switch (kind) {
    case OFPK_FEATURES_REQUEST:
    case OFPK_GET_CONFIG_REQUEST:
    case OFPK_ECHO_REQUEST:
    case OFPK_BARRIER_REQUEST:
    case OFPK_ROLE_REQUEST:
    case OFPK_GET_ASYNC_REQUEST:
    case OFPK_QUEUE_GET_CONFIG_REQUEST:
    case OFPK_BUNDLE_CONTROL:
        return true;
    default:
        return ofp_msg_kind_type(kind) == OFPT_MULTIPART_REQUEST;
    }
}

void
ofp_conn_free_replies(struct ofp_msg *replies, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ofp_msg_uninit(&replies[i]);
    }
    free(replies);
}

/* Handles a reply of the transaction: an error ends it with that error, a
 * barrier reply that only fences the request ends it, and anything else
 * goes to 'fn' (as NULL and its bytes if it does not decode).  Sets
 * '*done' when the transaction is over. */
static int
take_reply(struct ofp_conn *c, struct ofp_msg *reply, const struct buf *raw,
           bool want_reply, ofp_conn_reply_fn *fn, void *aux, bool *done)
{
    bool more;

    if (!reply) {
        /* Undecodable: the header still says whether more follows. */
        more = raw->data[1] == OFPT_MULTIPART_REPLY
               && raw->size >= OFP_MULTIPART_HEADER_LEN
               && (buf_get_be16(raw->data + 10) & OFPMPF_REPLY_MORE);
        *done = want_reply && !more;
        return fn(NULL, raw, aux);
    }
    if (reply->kind == OFPK_ERROR) {
        int error = reply->error.error;
        set_error(c, "the switch replied with an error: %s (%s)",
                  error ? ofperr_name(error) : "unknown error code",
                  error ? ofperr_description(error) : "");
        return error ? -error : -EPROTO;
    }
    if (!want_reply && reply->kind == OFPK_BARRIER_REPLY) {
        *done = true;
        return 0;
    }
    *done = want_reply && !(reply->mp_flags & OFPMPF_REPLY_MORE);
    return fn(reply, raw, aux);
}

int
ofp_conn_transact_each(struct ofp_conn *c, const struct ofp_msg *request,
                       ofp_conn_reply_fn *fn, void *aux)
{
    long long deadline = time_msec() + c->timeout_ms;
    bool want_reply = expects_reply(request->kind);
    struct buf raw = BUF_INIT;
    uint32_t xid = request->xid;
    bool done = false;
    int retval;

    retval = ofp_conn_send(c, request);
    if (!retval && !want_reply) {
        struct ofp_msg barrier;
        ofp_msg_init(&barrier, OFPK_BARRIER_REQUEST, xid);
        retval = ofp_conn_send(c, &barrier);
    }
    while (!retval && !done) {
        struct ofp_msg reply;

        retval = recv_until(c, &reply, &raw, deadline);
        /* Messages with other xids are asynchronous: not ours, even when
         * they do not decode. */
        if ((!retval || retval == -EPROTO)
            && buf_get_be32(raw.data + 4) == xid) {
            retval = take_reply(c, retval ? NULL : &reply, &raw, want_reply,
                                fn, aux, &done);
        } else if (retval == -EPROTO) {
            retval = 0;
        }
        ofp_msg_uninit(&reply);
    }
    buf_free(&raw);
    if (retval == -ETIMEDOUT) {
        set_error(c, "no complete reply from the switch within %d ms",
                  c->timeout_ms);
    }
    return retval;
}

int
ofp_conn_send_fenced(struct ofp_conn *c, const struct ofp_msg *msgs,
                     size_t n, ofp_conn_error_fn *error_fn, void *aux)
{
    long long deadline = time_msec() + c->timeout_ms;
    struct buf raw = BUF_INIT;
    struct ofp_msg barrier;
    int retval = 0;

    for (size_t i = 0; i < n && !retval; i++) {
        retval = ofp_conn_send(c, &msgs[i]);
    }
    ofp_msg_init(&barrier, OFPK_BARRIER_REQUEST, ofp_conn_next_xid(c));
    if (!retval) {
        retval = ofp_conn_send(c, &barrier);
    }
    while (!retval) {
        struct ofp_msg reply;

        retval = recv_until(c, &reply, &raw, deadline);
        if (retval == -EPROTO) {
            retval = 0;         /* Not an error we can report: skip it. */
        } else if (!retval && reply.kind == OFPK_BARRIER_REPLY
                   && reply.xid == barrier.xid) {
            ofp_msg_uninit(&reply);
            break;
        } else if (!retval && reply.kind == OFPK_ERROR) {
            error_fn(&reply, aux);
        }
        ofp_msg_uninit(&reply);
    }
    buf_free(&raw);
    if (retval == -ETIMEDOUT) {
        set_error(c, "the switch did not confirm the changes within %d ms",
                  c->timeout_ms);
    }
    return retval;
}

struct collect {
    struct ofp_msg *replies;
    size_t n;
};

/* Keeps a copy of each reply; the reply's owned parts move to the copy.  A
 * reply that does not decode ends the transaction. */
static int
collect_reply(struct ofp_msg *reply, const struct buf *raw, void *collect_)
{
    struct collect *col = collect_;

    (void) raw;
    if (!reply) {
        return -EPROTO;
    }
    *(struct ofp_msg *) ofp_array_push(&col->replies, &col->n,
                                       sizeof *col->replies) = *reply;
    ofp_msg_init(reply, reply->kind, reply->xid);
    return 0;
}

int
ofp_conn_transact(struct ofp_conn *c, const struct ofp_msg *request,
                  struct ofp_msg **replies, size_t *n_replies)
{
    struct collect col = {NULL, 0};
    int retval = ofp_conn_transact_each(c, request, collect_reply, &col);

    if (retval) {
        ofp_conn_free_replies(col.replies, col.n);
        col.replies = NULL;
        col.n = 0;
    }
    *replies = col.replies;
    *n_replies = col.n;
    return retval;
}
