/* Non-blocking OpenFlow channels: connection life cycle (connect, backoff,
 * HELLO, probe, disconnect), buffered input and output, message dispatch
 * and the channel's own replies. */
#include "ofproto/ofp_channel.h"

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/strbuf.h"
#include "lib/util.h"
#include "ofproto/ofp_target.h"

/* Input buffer sizes: a channel starts small, doubles while reads keep
 * filling the buffer (a peer pipelining many messages), and shrinks back
 * when reads become small again. */
#define IN_MIN_CAP (16 * 1024)
#define IN_MAX_CAP (1024 * 1024)

/* An emptied output buffer larger than this is freed rather than kept. */
#define OUT_KEEP_CAP (256 * 1024)

enum channel_state {
    CS_BACKOFF,    /* Active: waiting to (re)connect. */
    CS_CONNECTING, /* Active: non-blocking connect() running. */
    CS_HELLO,      /* Our HELLO queued; awaiting the peer's. */
    CS_CONNECTED,  /* OpenFlow 1.3 agreed. */
    CS_DEAD,       /* Passive, disconnected: awaits destroy. */
};

struct ofp_channel {
    struct event_base *base;
    struct ofp_channel_options opts;
    struct ofp_channel_callbacks cbs;
    void *aux;
    bool is_active;
    struct ofp_target target; /* Active channels only. */
    char name[OFP_TARGET_NAME_MAX + 32];

    enum channel_state state;
    int fd;                 /* -1 when there is no socket. */
    struct event *read_ev;  /* With 'fd'. */
    struct event *write_ev; /* With 'fd': connect completion, output. */
    bool write_armed;       /* 'write_ev' added. */
    struct event *timer;    /* What it times depends on 'state'. */

    /* Received bytes: [in_head, in_tail) of 'in' are not yet consumed. */
    uint8_t *in;
    size_t in_cap, in_head, in_tail;

    /* Output queue: bytes [out_ofs, out.size) of 'out' are unsent. */
    struct buf out;
    size_t out_ofs;

    int backoff_ms;           /* Next reconnection delay. */
    long long state_since_ms; /* Last connection or disconnection. */
    long long last_rx_ms;     /* Last time bytes arrived. */
    long long probe_sent_ms;
    bool probe_pending; /* Echo sent, nothing received since. */
    uint32_t next_xid;  /* For the channel's own requests. */

    char last_error[256];
    uint64_t n_rx_msgs, n_tx_msgs, n_replies_dropped;
    unsigned int n_connections;

    /* Destruction inside a callback is deferred to the end of the event
     * handler that ran the callback. */
    int callback_depth;
    bool destroy_pending;
};

static void
arm_timer(struct ofp_channel *ch, long long ms)
{
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};

    event_add(ch->timer, &tv);
}

void
ofp_channel_options_init(struct ofp_channel_options *o)
{
    o->min_backoff_ms = 1000;
    o->max_backoff_ms = 8000;
    o->connect_timeout_ms = 10000;
    o->probe_interval_ms = 5000;
    o->max_backlog_bytes = 4 * 1024 * 1024;
    o->dscp = 48;
}

int
ofp_channel_options_check(const struct ofp_channel_options *o, char **error)
{
    const char *problem = NULL;

    *error = NULL;
    if (o->min_backoff_ms <= 0 || o->max_backoff_ms < o->min_backoff_ms) {
        problem = "min_backoff_ms must be positive and at most "
                  "max_backoff_ms";
    } else if (o->connect_timeout_ms <= 0) {
        problem = "connect_timeout_ms must be positive";
    } else if (o->probe_interval_ms < 0) {
        problem = "probe_interval_ms must be positive, or 0 for no probe";
    } else if (o->max_backlog_bytes == 0) {
        problem = "max_backlog_bytes must be positive";
    } else if (o->dscp < 0 || o->dscp > 63) {
        problem = "dscp must be from 0 to 63";
    }
    if (problem) {
        *error = xstrdup(problem);
        return -EINVAL;
    }
    return 0;
}

static void set_error(struct ofp_channel *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void disconnect(struct ofp_channel *, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void abort_channel(struct ofp_channel *, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_error(struct ofp_channel *ch, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vsnprintf(ch->last_error, sizeof ch->last_error, fmt, args);
    va_end(args);
}

/* Callbacks.  Each returns false if the owner destroyed the channel inside
 * the callback: the caller must then stop and let the event handler free
 * it. */

static bool
notify_connected(struct ofp_channel *ch)
{
    if (ch->cbs.connected) {
        ch->callback_depth++;
        ch->cbs.connected(ch, ch->aux);
        ch->callback_depth--;
    }
    return !ch->destroy_pending;
}

static bool
notify_message(struct ofp_channel *ch, struct ofp_msg *msg, const void *raw,
               size_t len)
{
    if (ch->cbs.message) {
        ch->callback_depth++;
        ch->cbs.message(ch, msg, raw, len, ch->aux);
        ch->callback_depth--;
    }
    return !ch->destroy_pending;
}

static void
notify_disconnected(struct ofp_channel *ch, int error)
{
    if (ch->cbs.disconnected) {
        ch->callback_depth++;
        ch->cbs.disconnected(ch, error, ch->aux);
        ch->callback_depth--;
    }
}

/* Output. */

size_t
ofp_channel_backlog(const struct ofp_channel *ch)
{
    return ch->out.size - ch->out_ofs;
}

/* Moves unsent output to the front of the buffer once the sent part is at
 * least as large, so that appending stays amortized O(1) and the buffer
 * does not creep. */
static void
compact_output(struct ofp_channel *ch)
{
    size_t backlog = ofp_channel_backlog(ch);

    if (ch->out_ofs && ch->out_ofs >= backlog) {
        memmove(ch->out.data, ch->out.data + ch->out_ofs, backlog);
        ch->out.size = backlog;
        ch->out_ofs = 0;
    }
}

static void
schedule_write(struct ofp_channel *ch)
{
    if (!ch->write_armed && ch->fd >= 0) {
        event_add(ch->write_ev, NULL);
        ch->write_armed = true;
    }
}

static size_t
output_start(struct ofp_channel *ch)
{
    compact_output(ch);
    return ch->out.size;
}

static int
output_commit(struct ofp_channel *ch, size_t start, bool bounded)
{
    size_t before = start - ch->out_ofs;
    size_t added = ch->out.size - start;

    if (bounded && before && before + added > ch->opts.max_backlog_bytes) {
        ch->out.size = start;
        return -ENOBUFS;
    }
    schedule_write(ch);
    return 0;
}

/* Writes what the socket takes.  Returns false if that failed and the
 * channel disconnected. */
static bool
flush_output(struct ofp_channel *ch)
{
    while (ofp_channel_backlog(ch)) {
        size_t backlog = ofp_channel_backlog(ch);
        ssize_t n =
            send(ch->fd, ch->out.data + ch->out_ofs, backlog, MSG_NOSIGNAL);
        if (n > 0) {
            ch->out_ofs += n;
            if ((size_t) n < backlog) {
                break; /* The socket is full: wait for EV_WRITE. */
            }
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            break;
        } else {
            int error = n < 0 ? errno : EPIPE;
            disconnect(ch, -error, "sending failed: %s", strerror(error));
            return false;
        }
    }
    if (!ofp_channel_backlog(ch)) {
        if (ch->out.cap > OUT_KEEP_CAP) {
            buf_free(&ch->out);
        }
        buf_clear(&ch->out);
        ch->out_ofs = 0;
        if (ch->write_armed) {
            event_del(ch->write_ev);
            ch->write_armed = false;
        }
    }
    return true;
}

int
ofp_channel_send(struct ofp_channel *ch, const struct ofp_msg *msg)
{
    size_t start;
    int retval;

    if (ch->state != CS_CONNECTED || ch->destroy_pending) {
        return -ENOTCONN;
    }
    start = output_start(ch);
    retval = ofp_msg_encode(msg, &ch->out);
    if (!retval) {
        retval = output_commit(ch, start, true);
    }
    if (!retval) {
        ch->n_tx_msgs++;
    }
    return retval;
}

/* Returns the number of whole messages in 'len' bytes at 'data', or 0 if
 * they are not a sequence of whole messages with valid lengths. */
static size_t
count_messages(const uint8_t *data, size_t len)
{
    size_t n = 0;

    while (len) {
        size_t msg_len;
        if (len < OFP_HEADER_LEN || ofp_msg_peek_length(data, &msg_len)
            || msg_len > len) {
            return 0;
        }
        data += msg_len;
        len -= msg_len;
        n++;
    }
    return n;
}

int
ofp_channel_send_raw(struct ofp_channel *ch, const void *data, size_t len)
{
    size_t n = count_messages(data, len);
    size_t start;
    int retval;

    if (!n) {
        return -EINVAL;
    }
    if (ch->state != CS_CONNECTED || ch->destroy_pending) {
        return -ENOTCONN;
    }
    start = output_start(ch);
    buf_put(&ch->out, data, len);
    retval = output_commit(ch, start, true);
    if (!retval) {
        ch->n_tx_msgs += n;
    }
    return retval;
}

/* Commits one of the channel's own messages (echo, error replies,
 * probes) appended since 'start': bounded like the owner's, but dropped
 * and counted rather than failed. */
static void
commit_reply(struct ofp_channel *ch, size_t start)
{
    if (output_commit(ch, start, true)) {
        ch->n_replies_dropped++;
    }
}

/* Socket set-up and tear-down. */

/* TCP only: no Nagle delay (OpenFlow is request/reply; a reply held back
 * waiting for an ACK costs 40 ms), and the configured DSCP.  Failures are
 * harmless: the connection works without them. */
static void
tune_socket(struct ofp_channel *ch, int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int one = 1, tos = ch->opts.dscp << 2;

    if (getsockname(fd, (struct sockaddr *) &ss, &len)) {
        return;
    }
    if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (ss.ss_family == AF_INET) {
            setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos);
        } else {
            setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof tos);
        }
    }
}

static void on_readable(evutil_socket_t, short, void *);
static void on_writable(evutil_socket_t, short, void *);
static void queue_hello(struct ofp_channel *);

static void
attach_socket(struct ofp_channel *ch, int fd)
{
    ch->fd = fd;
    ch->read_ev =
        event_new(ch->base, fd, EV_READ | EV_PERSIST, on_readable, ch);
    ch->write_ev =
        event_new(ch->base, fd, EV_WRITE | EV_PERSIST, on_writable, ch);
    if (!ch->read_ev || !ch->write_ev) {
        abort(); /* Out of memory, as xmalloc() would. */
    }
    ch->write_armed = false;
    tune_socket(ch, fd);
}

static void
close_socket(struct ofp_channel *ch)
{
    if (ch->read_ev) {
        event_free(ch->read_ev);
        event_free(ch->write_ev);
        ch->read_ev = ch->write_ev = NULL;
    }
    if (ch->fd >= 0) {
        close(ch->fd);
        ch->fd = -1;
    }
    ch->write_armed = false;
    event_del(ch->timer);
    free(ch->in);
    ch->in = NULL;
    ch->in_cap = ch->in_head = ch->in_tail = 0;
    buf_free(&ch->out);
    ch->out_ofs = 0;
    ch->probe_pending = false;
}

/* Starts the HELLO exchange on a connected socket. */
static void
start_hello(struct ofp_channel *ch)
{
    ch->state = CS_HELLO;
    ch->last_rx_ms = time_msec();
    event_add(ch->read_ev, NULL);
    queue_hello(ch);
    if (ch->opts.probe_interval_ms) {
        arm_timer(ch, ch->opts.probe_interval_ms);
    } else {
        event_del(ch->timer);
    }
}

static void
schedule_reconnect(struct ofp_channel *ch)
{
    int wait_ms = ch->backoff_ms;

    ch->backoff_ms = wait_ms > ch->opts.max_backoff_ms / 2
                         ? ch->opts.max_backoff_ms
                         : wait_ms * 2;
    ch->state = CS_BACKOFF;
    arm_timer(ch, wait_ms);
}

static void
disconnect(struct ofp_channel *ch, int error, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vsnprintf(ch->last_error, sizeof ch->last_error, fmt, args);
    va_end(args);

    close_socket(ch);
    ch->state_since_ms = time_msec();
    if (ch->is_active) {
        schedule_reconnect(ch);
    } else {
        ch->state = CS_DEAD;
    }
    notify_disconnected(ch, error);
}

/* Closes after a protocol error: writes what the socket takes of the
 * output (whose last message is the error reply) and reads what is left
 * to read, so that closing sends FIN rather than RST, which could make
 * the peer's kernel discard the reply before the peer reads it.  Never
 * waits. */
static void
abort_channel(struct ofp_channel *ch, int error, const char *fmt, ...)
{
    char scratch[4096], sentence[sizeof ch->last_error];
    va_list args;

    while (ofp_channel_backlog(ch)) {
        ssize_t n = send(ch->fd, ch->out.data + ch->out_ofs,
                         ofp_channel_backlog(ch), MSG_NOSIGNAL);
        if (n <= 0) {
            break;
        }
        ch->out_ofs += n;
    }
    for (int i = 0; i < 64; i++) {
        if (recv(ch->fd, scratch, sizeof scratch, MSG_DONTWAIT) <= 0) {
            break;
        }
    }
    va_start(args, fmt);
    vsnprintf(sentence, sizeof sentence, fmt, args);
    va_end(args);
    disconnect(ch, error, "%s", sentence);
}

/* The connection attempt of an active channel. */
static void
start_attempt(struct ofp_channel *ch)
{
    const struct ofp_target *t = &ch->target;
    int fd, error;

    fd = socket(t->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                0);
    if (fd < 0) {
        error = errno;
        disconnect(ch, -error, "cannot create a socket: %s", strerror(error));
        return;
    }
    attach_socket(ch, fd);
    if (!connect(fd, (const struct sockaddr *) &t->addr, t->addr_len)) {
        start_hello(ch);
    } else if (errno == EINPROGRESS) {
        ch->state = CS_CONNECTING;
        schedule_write(ch);
        arm_timer(ch, ch->opts.connect_timeout_ms);
    } else {
        error = errno;
        disconnect(ch, -error, "connecting failed: %s", strerror(error));
    }
}

static void
finish_connect(struct ofp_channel *ch)
{
    int error = 0;
    socklen_t len = sizeof error;

    if (getsockopt(ch->fd, SOL_SOCKET, SO_ERROR, &error, &len)) {
        error = errno;
    }
    if (error) {
        disconnect(ch, -error, "connecting failed: %s", strerror(error));
        return;
    }
    event_del(ch->write_ev);
    ch->write_armed = false;
    start_hello(ch);
}

static void
set_connected(struct ofp_channel *ch)
{
    ch->state = CS_CONNECTED;
    ch->state_since_ms = time_msec();
    ch->backoff_ms = ch->opts.min_backoff_ms;
    ch->n_connections++;
    ch->probe_pending = false;
    if (ch->opts.probe_interval_ms) {
        arm_timer(ch, ch->opts.probe_interval_ms);
    } else {
        event_del(ch->timer);
    }
}

/* Formats 'ms' as seconds for a sentence: "5", "0.2". */
static void
format_seconds(int ms, char *s, size_t size)
{
    snprintf(s, size, "%g", ms / 1000.0);
}

/* The inactivity probe, run by the timer of a connected channel. */
static void
run_probe(struct ofp_channel *ch)
{
    int interval_ms = ch->opts.probe_interval_ms;
    long long now = time_msec();
    long long idle_ms = now - ch->last_rx_ms;
    char secs[32];

    if (idle_ms < interval_ms) {
        ch->probe_pending = false;
        arm_timer(ch, interval_ms - idle_ms);
    } else if (!ch->probe_pending) {
        struct ofp_msg echo;
        size_t start = output_start(ch);

        ofp_msg_init(&echo, OFPK_ECHO_REQUEST, ch->next_xid++);
        ofp_msg_encode(&echo, &ch->out);
        commit_reply(ch, start);
        ch->probe_pending = true;
        ch->probe_sent_ms = now;
        arm_timer(ch, interval_ms);
    } else if (now - ch->probe_sent_ms < interval_ms) {
        arm_timer(ch, interval_ms - (now - ch->probe_sent_ms));
    } else {
        format_seconds(interval_ms, secs, sizeof secs);
        disconnect(ch, -ETIMEDOUT,
                   "no response to inactivity probe after %s s, "
                   "disconnecting",
                   secs);
    }
}

/* The channel's side of the protocol: HELLO, echo, error replies. */

static void
queue_hello(struct ofp_channel *ch)
{
    struct ofp_msg hello;
    size_t start = output_start(ch);

    ofp_msg_init(&hello, OFPK_HELLO, ch->next_xid++);
    ofp_msg_encode(&hello, &ch->out);
    output_commit(ch, start, false);
}

/* Appends "OpenFlow 1.0 (0x01), 1.4 (0x05)" for the versions in 'bitmap'
 * (bit N for version N). */
static void
describe_versions(struct strbuf *sb, uint32_t bitmap)
{
    const char *sep = "OpenFlow ";

    if (!(bitmap & ~1u)) {
        strbuf_puts(sb, "no OpenFlow version at all");
    }
    for (int v = 1; v < 32; v++) {
        if (!(bitmap & (1u << v))) {
            continue;
        } else if (v <= OFP15_VERSION) {
            strbuf_printf(sb, "%s1.%d (0x%02x)", sep, v - 1, v);
        } else {
            strbuf_printf(sb, "%sversion 0x%02x", sep, v);
        }
        sep = ", ";
    }
}

/* Queues OFPT_ERROR HELLO_FAILED/INCOMPATIBLE with 'text' as its data, in
 * the header version of the peer's message at 'raw' if that is older than
 * ours: the error's layout is the same in every version, so an older peer
 * can read it. */
static void
queue_hello_failed(struct ofp_channel *ch, const uint8_t *raw, const char *text)
{
    uint8_t version = raw[0] && raw[0] < OFP13_VERSION ? raw[0] : OFP13_VERSION;
    size_t start = output_start(ch);
    struct ofp_msg err;

    ofp_msg_init(&err, OFPK_ERROR, buf_get_be32(raw + 4));
    ofperr_to_wire(OFPERR_OFPHFC_INCOMPATIBLE, &err.error.type, &err.error.code,
                   &err.error.experimenter);
    ofp_bytes_set(&err.error.data, text, strlen(text));
    ofp_msg_encode(&err, &ch->out);
    ofp_msg_uninit(&err);
    ch->out.data[start] = version;
    output_commit(ch, start, false);
}

/* Writes the OFPT_ERROR of 'len' bytes at 'raw' into 'sb': its name, and
 * for HELLO_FAILED its text (printable characters only). */
static void
describe_peer_error(struct strbuf *sb, const uint8_t *raw, size_t len)
{
    uint16_t type = len >= 12 ? buf_get_be16(raw + 8) : 0;
    uint16_t code = len >= 12 ? buf_get_be16(raw + 10) : 0;
    enum ofperr error = ofperr_from_wire(type, code, 0);

    if (len < 12) {
        strbuf_puts(sb, "a truncated error");
        return;
    }
    if (error) {
        strbuf_puts(sb, ofperr_name(error));
    } else {
        strbuf_printf(sb, "error type %u, code %u", type, code);
    }
    if (type == 0 && len > 12) {
        strbuf_puts(sb, ": ");
        for (size_t i = 12; i < len && i < 12 + 200 && raw[i]; i++) {
            strbuf_putc(sb, raw[i] >= 0x20 && raw[i] < 0x7f ? raw[i] : '?');
        }
    }
}

/* The peer's first message was not HELLO. */
static void
refuse_first_message(struct ofp_channel *ch, const uint8_t *raw, size_t len)
{
    struct strbuf sb = STRBUF_INIT;
    uint8_t type = raw[1];

    if (type == OFPT_ERROR) {
        /* The peer refuses us; an error in reply would be noise. */
        describe_peer_error(&sb, raw, len);
        abort_channel(
            ch,
            len >= 12 && !buf_get_be16(raw + 8) ? -EPROTONOSUPPORT : -EPROTO,
            "the peer sent an error instead of HELLO: %s", strbuf_str(&sb));
    } else {
        strbuf_printf(&sb,
                      "Expected OFPT_HELLO as the first message, got message "
                      "type %u; an OpenFlow connection starts with HELLO "
                      "(OpenFlow 1.3.5, section 6.3.1).",
                      type);
        queue_hello_failed(ch, raw, strbuf_str(&sb));
        abort_channel(ch, -EPROTO,
                      "the peer sent message type %u before HELLO; replied "
                      "HELLO_FAILED and closed the connection",
                      type);
    }
    strbuf_free(&sb);
}

/* Handles the peer's first message, which must be a HELLO offering
 * OpenFlow 1.3.  Returns true if the channel is now connected, false if it
 * disconnected. */
static bool
handle_hello(struct ofp_channel *ch, const uint8_t *raw, size_t len)
{
    struct strbuf versions = STRBUF_INIT, text = STRBUF_INIT;
    struct ofp_msg hello;
    int retval;

    if (raw[1] != OFPT_HELLO) {
        refuse_first_message(ch, raw, len);
        return false;
    }
    retval = ofp_msg_decode(raw, len, &hello);
    if (retval) {
        size_t start = output_start(ch);
        ofperr_encode_reply(-retval, raw, len, &ch->out);
        output_commit(ch, start, false);
        abort_channel(ch, -EPROTO,
                      "the peer's HELLO does not decode (%s); replied with "
                      "that error and closed the connection",
                      ofperr_name(-retval));
        return false;
    }
    if (hello.hello.version_bitmap & (1u << OFP13_VERSION)) {
        set_connected(ch);
        return true;
    }
    describe_versions(&versions, hello.hello.version_bitmap);
    strbuf_printf(&text,
                  "We support only OpenFlow 1.3 (version 0x04); you support "
                  "%s.",
                  strbuf_str(&versions));
    queue_hello_failed(ch, raw, strbuf_str(&text));
    abort_channel(ch, -EPROTONOSUPPORT,
                  "the peer does not support OpenFlow 1.3 (it supports %s); "
                  "enable 1.3 there (for Open vSwitch, protocols=OpenFlow13)",
                  strbuf_str(&versions));
    strbuf_free(&versions);
    strbuf_free(&text);
    return false;
}

static void
answer_echo(struct ofp_channel *ch, const uint8_t *raw, size_t len)
{
    size_t start = output_start(ch);

    buf_put(&ch->out, raw, len);
    ch->out.data[start + 1] = OFPT_ECHO_REPLY;
    commit_reply(ch, start);
}

/* A message that does not decode: an error reply, and the channel stays
 * up. */
static void
reject_message(struct ofp_channel *ch, const uint8_t *raw, size_t len,
               enum ofperr error)
{
    size_t start;

    set_error(ch,
              "received a message of type %u (xid 0x%" PRIx32 ") that does "
              "not decode: %s",
              raw[1], buf_get_be32(raw + 4), ofperr_name(error));
    if (raw[1] == OFPT_ERROR) {
        return; /* Never an error about an error. */
    }
    start = output_start(ch);
    ofperr_encode_reply(error, raw, len, &ch->out);
    commit_reply(ch, start);
}

/* A length field below the header's size: the stream cannot be framed. */
static void
reject_framing(struct ofp_channel *ch, const uint8_t *header)
{
    size_t start = output_start(ch);

    ofperr_encode_reply(OFPERR_OFPBRC_BAD_LEN, header, OFP_HEADER_LEN,
                        &ch->out);
    output_commit(ch, start, false);
    abort_channel(ch, -EPROTO,
                  "received a message whose length field says %u bytes, "
                  "less than an OpenFlow header; replied OFPBRC_BAD_LEN and "
                  "closed the connection, since the stream cannot be framed",
                  buf_get_be16(header + 2));
}

/* Input. */

/* Makes room to read into: moves a partial message to the front, and
 * resizes the buffer so that it holds the whole of that message and grows
 * while reads fill it. */
static void
prepare_input(struct ofp_channel *ch)
{
    size_t pending = ch->in_tail - ch->in_head;
    size_t cap = ch->in ? ch->in_cap : IN_MIN_CAP;
    size_t need = 0;

    if (ch->in && ch->in_tail == ch->in_cap && cap < IN_MAX_CAP) {
        cap *= 2;
    }
    if (pending >= OFP_HEADER_LEN) {
        need = buf_get_be16(ch->in + ch->in_head + 2);
    }
    while (cap < need) {
        cap *= 2;
    }
    if (cap != ch->in_cap) {
        uint8_t *in = xmalloc(cap);
        if (pending) {
            memcpy(in, ch->in + ch->in_head, pending);
        }
        free(ch->in);
        ch->in = in;
        ch->in_cap = cap;
    } else if (ch->in_head) {
        memmove(ch->in, ch->in + ch->in_head, pending);
    }
    ch->in_head = 0;
    ch->in_tail = pending;
}

/* Handles one message of 'len' bytes at 'raw'.  Returns false if the
 * channel disconnected or its owner destroyed it. */
static bool
handle_message(struct ofp_channel *ch, const uint8_t *raw, size_t len)
{
    struct ofp_msg msg;
    bool go_on = true;
    int retval;

    ch->n_rx_msgs++;
    if (ch->state == CS_HELLO) {
        return handle_hello(ch, raw, len) && notify_connected(ch);
    }
    retval = ofp_msg_decode(raw, len, &msg);
    if (retval) {
        reject_message(ch, raw, len, -retval);
        return true;
    }
    switch (msg.kind) {
    case OFPK_HELLO:
    case OFPK_ECHO_REPLY:
        break;
    case OFPK_ECHO_REQUEST:
        answer_echo(ch, raw, len);
        break;
    default:
        go_on = notify_message(ch, &msg, raw, len);
        break;
    }
    ofp_msg_uninit(&msg);
    return go_on;
}

/* Handles the whole messages in the input buffer.  Returns false if the
 * channel disconnected or its owner destroyed it. */
static bool
process_input(struct ofp_channel *ch)
{
    while (ch->in_tail - ch->in_head >= OFP_HEADER_LEN) {
        const uint8_t *p = ch->in + ch->in_head;
        size_t len;

        if (ofp_msg_peek_length(p, &len)) {
            reject_framing(ch, p);
            return false;
        }
        if (len > ch->in_tail - ch->in_head) {
            break;
        }
        /* Consumed before handling: the bytes stay where they are until
         * the next read, and the owner may destroy the channel. */
        ch->in_head += len;
        if (!handle_message(ch, p, len)) {
            return false;
        }
    }
    return true;
}

static void
read_input(struct ofp_channel *ch)
{
    size_t room;
    ssize_t n;

    prepare_input(ch);
    room = ch->in_cap - ch->in_tail;
    n = recv(ch->fd, ch->in + ch->in_tail, room, 0);
    if (n > 0) {
        ch->in_tail += n;
        ch->last_rx_ms = time_msec();
        /* Anything received answers an outstanding probe, even within the
         * millisecond it went out; otherwise the next timer could see a
         * full idle interval with the probe still pending and disconnect a
         * live peer. */
        ch->probe_pending = false;
        if (process_input(ch) && ch->in_head == ch->in_tail
            && (size_t) n < room / 4 && ch->in_cap > IN_MIN_CAP) {
            /* Small reads into an empty big buffer: give it back. */
            free(ch->in);
            ch->in = NULL;
            ch->in_cap = ch->in_head = ch->in_tail = 0;
        }
    } else if (n == 0) {
        disconnect(ch, -ECONNRESET,
                   ch->state == CS_HELLO
                       ? "the peer closed the connection before "
                         "sending HELLO"
                       : "the peer closed the connection");
    } else if (errno != EAGAIN && errno != EINTR) {
        int error = errno;
        disconnect(ch, -error, "receiving failed: %s", strerror(error));
    }
}

/* Event handlers.  Each ends by freeing the channel if its owner destroyed
 * it during a callback. */

static void
channel_free(struct ofp_channel *ch)
{
    close_socket(ch);
    event_free(ch->timer);
    free(ch);
}

static void
reap(struct ofp_channel *ch)
{
    if (ch->destroy_pending && !ch->callback_depth) {
        channel_free(ch);
    }
}

static void
on_readable(evutil_socket_t fd, short what, void *ch_)
{
    struct ofp_channel *ch = ch_;

    (void) fd;
    (void) what;
    read_input(ch);
    reap(ch);
}

static void
on_writable(evutil_socket_t fd, short what, void *ch_)
{
    struct ofp_channel *ch = ch_;

    (void) fd;
    (void) what;
    if (ch->state == CS_CONNECTING) {
        finish_connect(ch);
    } else {
        flush_output(ch);
    }
    reap(ch);
}

static void
on_timer(evutil_socket_t fd, short what, void *ch_)
{
    struct ofp_channel *ch = ch_;
    char secs[32];

    (void) fd;
    (void) what;
    switch (ch->state) {
    case CS_BACKOFF:
        start_attempt(ch);
        break;
    case CS_CONNECTING:
        format_seconds(ch->opts.connect_timeout_ms, secs, sizeof secs);
        disconnect(ch, -ETIMEDOUT, "connecting timed out after %s s", secs);
        break;
    case CS_HELLO:
        format_seconds(ch->opts.probe_interval_ms, secs, sizeof secs);
        disconnect(ch, -ETIMEDOUT, "the peer sent no HELLO within %s s", secs);
        break;
    case CS_CONNECTED:
        run_probe(ch);
        break;
    case CS_DEAD:
        break;
    }
    reap(ch);
}

/* Construction and destruction. */

static struct ofp_channel *
channel_create(struct event_base *base,
               const struct ofp_channel_options *options,
               const struct ofp_channel_callbacks *callbacks, void *aux,
               char **error)
{
    struct ofp_channel_options defaults;
    struct ofp_channel *ch;

    *error = NULL;
    if (!options) {
        ofp_channel_options_init(&defaults);
        options = &defaults;
    }
    if (ofp_channel_options_check(options, error)) {
        return NULL;
    }
    ch = xzalloc(sizeof *ch);
    ch->base = base;
    ch->opts = *options;
    if (callbacks) {
        ch->cbs = *callbacks;
    }
    ch->aux = aux;
    ch->fd = -1;
    ch->timer = event_new(base, -1, 0, on_timer, ch);
    if (!ch->timer) {
        abort();
    }
    ch->backoff_ms = options->min_backoff_ms;
    ch->next_xid = 1;
    ch->state_since_ms = time_msec();
    return ch;
}

struct ofp_channel *
ofp_channel_connect(struct event_base *base, const char *target,
                    const struct ofp_channel_options *options,
                    const struct ofp_channel_callbacks *callbacks, void *aux,
                    char **error)
{
    struct ofp_target t;
    struct ofp_channel *ch;

    if (ofp_target_parse(target, OFP_TARGET_ACTIVE, &t, error)) {
        return NULL;
    }
    ch = channel_create(base, options, callbacks, aux, error);
    if (ch) {
        ch->is_active = true;
        ch->target = t;
        snprintf(ch->name, sizeof ch->name, "%s", t.name);
        ch->state = CS_BACKOFF;
        arm_timer(ch, 0);
    }
    return ch;
}

struct ofp_channel *
ofp_channel_open_fd(struct event_base *base, int fd, const char *name,
                    const struct ofp_channel_options *options,
                    const struct ofp_channel_callbacks *callbacks, void *aux,
                    char **error)
{
    struct ofp_channel *ch;

    ch = channel_create(base, options, callbacks, aux, error);
    if (!ch) {
        close(fd);
        return NULL;
    }
    snprintf(ch->name, sizeof ch->name, "%s", name);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    attach_socket(ch, fd);
    start_hello(ch);
    return ch;
}

void
ofp_channel_destroy(struct ofp_channel *ch)
{
    if (!ch) {
        return;
    }
    if (ch->callback_depth) {
        ch->destroy_pending = true;
    } else {
        channel_free(ch);
    }
}

void
ofp_channel_set_aux(struct ofp_channel *ch, void *aux)
{
    ch->aux = aux;
}

/* Status. */

const char *
ofp_channel_name(const struct ofp_channel *ch)
{
    return ch->name;
}

bool
ofp_channel_is_connected(const struct ofp_channel *ch)
{
    return ch->state == CS_CONNECTED && !ch->destroy_pending;
}

const char *
ofp_channel_last_error(const struct ofp_channel *ch)
{
    return ch->last_error;
}

void
ofp_channel_get_status(const struct ofp_channel *ch,
                       struct ofp_channel_status *s)
{
    memset(s, 0, sizeof *s);
    s->name = ch->name;
    s->is_active = ch->is_active;
    s->is_connected = ofp_channel_is_connected(ch);
    s->version = s->is_connected ? OFP13_VERSION : 0;
    s->state_age_ms = time_msec() - ch->state_since_ms;
    s->last_error = ch->last_error;
    s->backlog_bytes = ofp_channel_backlog(ch);
    s->n_rx_msgs = ch->n_rx_msgs;
    s->n_tx_msgs = ch->n_tx_msgs;
    s->n_replies_dropped = ch->n_replies_dropped;
    s->n_connections = ch->n_connections;
}
