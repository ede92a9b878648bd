/* A blocking OpenFlow 1.3 client connection, for command-line tools.
 *
 * ofp_conn_open() connects to "tcp:IP[:PORT]" (default port 6653) or
 * "unix:PATH", exchanges HELLOs and checks that both sides speak OpenFlow
 * 1.3.  Then messages are sent and received whole; the connection answers
 * the switch's ECHO_REQUESTs by itself while waiting for anything else.
 * Each operation (opening, sending, one transaction with all its replies)
 * takes at most the connection's timeout in all.
 *
 * Errors: functions return 0 or a negative errno value (-ETIMEDOUT,
 * -ECONNRESET, -EPROTO for a message that does not decode, ...), or, from
 * the transaction functions only, -OFPERR_* when the switch answered the
 * request with that OFPT_ERROR.  ofp_conn_error() then describes the last
 * failure in a sentence.
 *
 * Thread-safety: a connection belongs to one thread. */
#ifndef PONT_OFP_CONN_H
#define PONT_OFP_CONN_H 1

#include <stddef.h>
#include <stdint.h>

#include "ofproto/ofp_msg.h"

struct buf;

struct ofp_conn;

/* Connects to 'target'.  Returns NULL on failure with '*error' set to a
 * negative errno value and '*message' to a malloc'd sentence (caller
 * frees). */
struct ofp_conn *ofp_conn_open(const char *target, int timeout_ms,
                               int *error, char **message);
void ofp_conn_close(struct ofp_conn *);

/* A description of the last error on the connection. */
const char *ofp_conn_error(const struct ofp_conn *);

/* Returns a new transaction id. */
uint32_t ofp_conn_next_xid(struct ofp_conn *);

/* Sends 'msg' (its xid as set).  Returns 0 or a negative errno value. */
int ofp_conn_send(struct ofp_conn *, const struct ofp_msg *msg);

/* Sends raw bytes of one or more complete messages. */
int ofp_conn_send_raw(struct ofp_conn *, const void *data, size_t len);

/* Receives the next message other than ECHO_REQUEST into '*msg' (which the
 * caller uninits, whatever the result) and, if 'raw' is nonnull, its bytes
 * into 'raw' (cleared first).  A message that does not decode gives -EPROTO
 * with its bytes still in 'raw'.  Waits at most 'timeout_ms', or forever if
 * it is negative. */
int ofp_conn_recv(struct ofp_conn *, struct ofp_msg *msg, struct buf *raw,
                  int timeout_ms);

/* Sends 'request' and collects its replies: messages with the request's
 * xid, a multipart reply continuing while OFPMPF_REPLY_MORE is set.  Stops
 * at the reply if the request expects one, otherwise at the reply to a
 * BARRIER_REQUEST sent after it (so that errors are seen).  Replies are
 * stored in '*replies' (an array the caller frees with
 * ofp_conn_free_replies()).  Messages with other xids (asynchronous ones)
 * are ignored, even if they do not decode; a reply that does not decode
 * gives -EPROTO.  Returns 0, -OFPERR_* if the switch sent an error for the
 * request, or a negative errno value. */
int ofp_conn_transact(struct ofp_conn *, const struct ofp_msg *request,
                      struct ofp_msg **replies, size_t *n_replies);
void ofp_conn_free_replies(struct ofp_msg *replies, size_t n);

/* The same, handing each reply to 'fn' as it arrives, with its bytes in
 * 'raw', instead of keeping them: for large replies (a dump of many
 * flows).  A reply that does not decode comes as a NULL 'reply' with its
 * bytes.  'fn' may take over what the reply owns (leaving it empty).  A
 * nonzero return from 'fn' ends the transaction with that value. */
typedef int ofp_conn_reply_fn(struct ofp_msg *reply, const struct buf *raw,
                              void *aux);
int ofp_conn_transact_each(struct ofp_conn *, const struct ofp_msg *request,
                           ofp_conn_reply_fn *fn, void *aux);

/* Sends the 'n' messages of 'msgs' (requests without replies, such as flow
 * mods) and then a barrier, and waits for the barrier's reply, calling
 * 'error_fn' for each OFPT_ERROR that arrives before it (the error's xid
 * names the failed message).  Returns 0 once the barrier's reply came,
 * whether or not errors came too, or a negative errno value. */
typedef void ofp_conn_error_fn(const struct ofp_msg *error, void *aux);
int ofp_conn_send_fenced(struct ofp_conn *, const struct ofp_msg *msgs,
                         size_t n, ofp_conn_error_fn *error_fn, void *aux);

#endif /* ofproto/ofp_conn.h */
