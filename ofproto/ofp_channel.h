/* Non-blocking OpenFlow 1.3 channels and listeners on a libevent loop.
 *
 * What
 * ----
 * A struct ofp_channel is one OpenFlow connection, whichever side of it
 * the program plays: the switch connecting to its controllers or accepting
 * tools, the controller accepting switches or connecting to them.  The
 * channel does what every OpenFlow connection needs and nothing about flow
 * tables: framing, the HELLO exchange, echo requests and replies, the
 * inactivity probe, reconnection with backoff, buffered writes with a
 * bound, and error replies for messages that do not decode.  Its owner
 * gets the decoded messages through callbacks and sends through
 * ofp_channel_send().
 *
 * Active channels (ofp_channel_connect(), "tcp:IP[:PORT]" or "unix:PATH")
 * connect, and whenever the connection fails or ends they try again after
 * a backoff (1 s doubling to 8 s by default), forever, until destroyed.  A
 * struct ofp_listener (ofp_listener_open(), "ptcp:[PORT][:IP]" or
 * "punix:PATH") accepts connections, each becoming a passive channel that
 * does not reconnect: when it disconnects, its owner destroys it.
 *
 * Protocol (OpenFlow Switch Specification 1.3.5, 6.3 and 7.5)
 * --------
 * - On connecting, the channel sends HELLO with a version bitmap saying
 *   "1.3 only".  The peer's HELLO negotiates: OpenFlow 1.3 must be in its
 *   bitmap or, without a bitmap, its header version must be 1.3 or later.
 *   Otherwise the channel replies OFPT_ERROR HELLO_FAILED/INCOMPATIBLE
 *   whose data is a sentence ("We support only OpenFlow 1.3 (version
 *   0x04); you support OpenFlow 1.0 (0x01)."), written with the peer's
 *   header version if lower than ours so that an older peer can read it,
 *   and closes (-EPROTONOSUPPORT).
 * - Anything other than HELLO as the peer's first message is a broken
 *   handshake: no version has been agreed, so the message cannot even be
 *   interpreted.  The specification names no reply for it; Open vSwitch
 *   closes without one.  The channel replies OFPT_ERROR
 *   HELLO_FAILED/INCOMPATIBLE with the message's xid and a sentence as
 *   data ("Expected OFPT_HELLO as the first message, got message type 5;
 *   ..."), because HELLO_FAILED is the specification's error for a failed
 *   handshake and its data is text a peer's log shows, and then closes
 *   (-EPROTO).  If that first message is itself an OFPT_ERROR (a peer
 *   refusing us), the channel closes without replying, keeping the peer's
 *   error in its last error sentence.
 * - ECHO_REQUEST is answered at once with an ECHO_REPLY of the same xid
 *   and payload; ECHO_REPLY only counts as activity.  Neither reaches the
 *   owner, and neither does a HELLO after the first (ignored).
 * - A length field below 8 bytes loses the framing: the channel replies
 *   OFPBRC_BAD_LEN (with the 8 header bytes) and closes (-EPROTO).
 * - Every other message is decoded with ofp_msg_decode().  One that does
 *   not decode gets an OFPT_ERROR reply made by ofperr_encode_reply() (the
 *   request's xid and first 64 bytes) and is not passed up; the channel
 *   stays up.  A version other than 1.3 gives OFPBRC_BAD_VERSION this way.
 *   An undecodable OFPT_ERROR gets no reply, so that two peers cannot
 *   bounce errors forever.
 * - Inactivity probe (probe_interval_ms): when nothing has been received
 *   for an interval the channel sends ECHO_REQUEST; when nothing arrives in
 *   the next interval either, it disconnects (-ETIMEDOUT, "no response to
 *   inactivity probe after 10 s, disconnecting").  The same interval
 *   bounds the wait for the peer's HELLO.  Any bytes received count as
 *   activity.
 *
 * Closing on a protocol error writes what can be written of the output
 * queue (the error reply last) without waiting, then closes: a peer that
 * is not reading may miss the reply, never the disconnection.
 *
 * Flow control: sending never blocks.  Messages queue in the channel and
 * go out as the socket accepts them.  The queue holds at most
 * max_backlog_bytes: past that, ofp_channel_send() returns -ENOBUFS and
 * the owner decides (drop a packet-in, disconnect a tool that does not
 * read).  The channel's own replies (echo, errors) are dropped, not
 * queued, past the bound, so that a peer that writes without reading
 * cannot grow the queue either.  Input is read in large chunks (up to 1
 * MiB per read) and decoded in place: the raw bytes handed to the owner
 * point into the input buffer, and each message costs one decode and no
 * copy beyond what the codec makes.
 *
 * Callbacks and destruction: callbacks run from the event loop only, never
 * from inside a call to this module, and may call ofp_channel_send() and
 * ofp_channel_destroy() on any channel, including their own: destroying a
 * channel inside one of its callbacks takes effect when the callback
 * returns, and no callback of that channel follows.  Callbacks must not run
 * the event loop recursively.
 *
 * Thread-safety: a channel or listener belongs to the thread that runs its
 * event_base; no function may be called from another thread. */
#ifndef PONT_OFP_CHANNEL_H
#define PONT_OFP_CHANNEL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp_msg.h"

struct event_base;
struct ofp_channel;
struct ofp_listener;

/* Tuning.  Start from ofp_channel_options_init() and change what you
 * need; a NULL options pointer means the defaults. */
struct ofp_channel_options {
    int min_backoff_ms;       /* First reconnection delay; default 1000. */
    int max_backoff_ms;       /* Doubling stops here; default 8000. */
    int connect_timeout_ms;   /* One connection attempt; default 10000. */
    int probe_interval_ms;    /* Inactivity probe; default 5000, 0 off. */
    size_t max_backlog_bytes; /* Output queue bound; default 4 MiB. */
    int dscp;                 /* TCP only: DSCP of what we send, 0 to 63;
                               * default 48 (CS6, network control), as Open
                               * vSwitch uses for controller traffic. */
};

void ofp_channel_options_init(struct ofp_channel_options *);

/* Returns 0 if 'options' are usable, else -EINVAL with '*error' set to a
 * malloc'd sentence naming the bad one (the caller frees it).  The
 * constructors below check their options this way. */
int ofp_channel_options_check(const struct ofp_channel_options *, char **error);

/* What a channel tells its owner.  Every member may be NULL (ignored).
 * 'aux' is the pointer given with the callbacks. */
struct ofp_channel_callbacks {
    /* The HELLO exchange succeeded: OpenFlow 1.3 is agreed, and
     * ofp_channel_send() now works. */
    void (*connected)(struct ofp_channel *, void *aux);

    /* A decoded message other than HELLO, ECHO_REQUEST and ECHO_REPLY, in
     * the order received.  The callee may take over what 'msg' owns,
     * leaving 'msg' re-initialized (ofp_msg_init()) so that the channel's
     * ofp_msg_uninit() afterwards frees nothing twice.  'raw' and
     * 'raw_len' are the message's bytes as received (for error replies
     * and logging), valid only during the call. */
    void (*message)(struct ofp_channel *, struct ofp_msg *msg, const void *raw,
                    size_t raw_len, void *aux);

    /* The connection, or the attempt at one, ended: a negative errno value
     * (-ECONNREFUSED, -ECONNRESET when the peer closed, -ETIMEDOUT,
     * -EPROTO, -EPROTONOSUPPORT, ...), and ofp_channel_last_error()
     * describes it in a sentence.  Active channels report every failed
     * attempt too (with no 'connected' before it) and then try again after
     * their backoff; a passive channel is dead after this call and its
     * owner should destroy it. */
    void (*disconnected)(struct ofp_channel *, int error, void *aux);
};

/* Active channels.
 *
 * Creates a channel that connects to 'target' ("tcp:IP[:PORT]",
 * "unix:PATH"; see ofp_target.h) on 'base', and reconnects whenever the
 * connection ends.  The first attempt starts from the event loop, not
 * inside this call.  'options' may be NULL; 'callbacks' is copied.
 * Returns the channel, or NULL with '*error' set to a malloc'd sentence
 * (the caller frees it) for a bad target or bad options. */
struct ofp_channel *
ofp_channel_connect(struct event_base *base, const char *target,
                    const struct ofp_channel_options *options,
                    const struct ofp_channel_callbacks *callbacks, void *aux,
                    char **error);

/* Wraps 'fd', a connected stream socket, as a passive channel (it does not
 * reconnect) named 'name' in status and errors ("tcp:10.0.0.2:41234").
 * The channel owns 'fd' from then on, even on failure.  It sends its HELLO
 * at once.  Listeners use this for accepted connections; it also serves
 * sockets made otherwise (socketpair(), inherited descriptors).  Returns
 * NULL with '*error' set for bad options. */
struct ofp_channel *
ofp_channel_open_fd(struct event_base *base, int fd, const char *name,
                    const struct ofp_channel_options *options,
                    const struct ofp_channel_callbacks *callbacks, void *aux,
                    char **error);

/* Closes the connection, if any, and frees the channel.  NULL is a no-op.
 * Safe inside the channel's own callbacks (the free is deferred until the
 * callback returns).  Queued output is discarded. */
void ofp_channel_destroy(struct ofp_channel *);

/* Replaces the 'aux' handed to callbacks, e.g. by a listener's accept
 * callback that gives each accepted channel its own context. */
void ofp_channel_set_aux(struct ofp_channel *, void *aux);

/* Sending. */

/* Queues 'msg' (encoded with its own xid).  Returns 0; -ENOTCONN if the
 * HELLO exchange is not complete (or the channel is disconnected);
 * -ENOBUFS if the queue already holds bytes and this message would take
 * it over max_backlog_bytes (an empty queue takes any one message, so
 * that a small bound cannot wedge the channel); -EMSGSIZE if the message
 * encodes to more than 65535 bytes.  Nothing is queued on failure. */
int ofp_channel_send(struct ofp_channel *, const struct ofp_msg *msg);

/* The same for 'len' bytes of one or more already-encoded messages, queued
 * together or not at all; -EINVAL if they are not whole messages with
 * valid lengths. */
int ofp_channel_send_raw(struct ofp_channel *, const void *data, size_t len);

/* Bytes queued and not yet written to the socket. */
size_t ofp_channel_backlog(const struct ofp_channel *);

/* Status, for logs and "pont-vsctl show". */

struct ofp_channel_status {
    const char *name;           /* Target, or peer for a passive channel. */
    bool is_active;             /* Created by ofp_channel_connect(). */
    bool is_connected;          /* HELLO exchange done, not disconnected. */
    uint8_t version;            /* OFP13_VERSION when connected, else 0. */
    long long state_age_ms;     /* Since connected when connected; else
                                 * since the last disconnection, or since
                                 * creation before the first. */
    const char *last_error;     /* Last failure as a sentence, "" if none. */
    size_t backlog_bytes;       /* As ofp_channel_backlog(). */
    uint64_t n_rx_msgs;         /* Whole messages received (all kinds). */
    uint64_t n_tx_msgs;         /* Messages queued by the owner. */
    uint64_t n_replies_dropped; /* Echo and error replies over the bound. */
    unsigned int n_connections; /* Connections that completed HELLO. */
};

/* Fills '*status'; its strings are valid until the channel next changes
 * state (or is destroyed). */
void ofp_channel_get_status(const struct ofp_channel *,
                            struct ofp_channel_status *);

const char *ofp_channel_name(const struct ofp_channel *);
bool ofp_channel_is_connected(const struct ofp_channel *);
/* "" if nothing has gone wrong yet. */
const char *ofp_channel_last_error(const struct ofp_channel *);

/* Listeners. */

struct ofp_listener_callbacks {
    /* Required.  A connection was accepted; the owner owns 'channel' from
     * now on and destroys it when done (at the latest when its
     * 'disconnected' callback comes).  The channel's callbacks are
     * 'channel' below, with the listener's 'aux' until the owner calls
     * ofp_channel_set_aux().  The owner may refuse the connection by
     * destroying the channel here. */
    void (*accept)(struct ofp_listener *, struct ofp_channel *channel,
                   void *aux);

    /* Callbacks of every accepted channel. */
    struct ofp_channel_callbacks channel;
};

/* Listens on 'target' ("ptcp:[PORT][:IP]", "punix:PATH"; see
 * ofp_target.h) on 'base'.  'options' apply to accepted channels (backoff
 * does not).  For punix, a stale socket file at PATH (one nobody listens
 * on) is replaced; a live one, or a file that is not a socket, is an
 * error.  Returns the listener, or NULL with '*error' set to a malloc'd
 * sentence (the caller frees it): bad target or options, address in use,
 * permission denied. */
struct ofp_listener *
ofp_listener_open(struct event_base *base, const char *target,
                  const struct ofp_channel_options *options,
                  const struct ofp_listener_callbacks *callbacks, void *aux,
                  char **error);

/* Stops listening and frees the listener (removing a punix socket file).
 * Channels it accepted live on.  NULL is a no-op; safe inside its accept
 * callback. */
void ofp_listener_destroy(struct ofp_listener *);

/* The canonical target listened on, with the bound port when PORT was 0
 * ("ptcp:41234:127.0.0.1"). */
const char *ofp_listener_name(const struct ofp_listener *);

/* The bound TCP port (the kernel's choice if PORT was 0), or 0 for
 * punix. */
int ofp_listener_port(const struct ofp_listener *);

/* The last accept failure as a sentence ("" if none): e.g. running out of
 * file descriptors, after which the listener pauses for a second rather
 * than spin. */
const char *ofp_listener_last_error(const struct ofp_listener *);

#endif /* ofproto/ofp_channel.h */
