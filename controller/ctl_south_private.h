/* The inside of the southbound, shared by its two files only:
 * ctl_south.c (listener, sessions, handshake, ports) and ctl_south_sync.c
 * (installed versus desired, dumps, bundles, barriers).
 *
 * A session's sync state is a struct ctl_sync that ctl_south_sync.c owns;
 * the session hands it every message that ctl_south.c does not handle
 * itself.  Thread-safety: as ctl_south.h. */
#ifndef PONT_CTL_SOUTH_PRIVATE_H
#define PONT_CTL_SOUTH_PRIVATE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "controller/ctl_south.h"
#include "ofproto/ofp_msg.h"

struct ctl_sync;
struct ofp_port_map;

/* For ctl_south_sync.c, from ctl_south.c. */

/* Returns a fresh xid for a request of 'session'. */
uint32_t ctl_session_next_xid(struct ctl_south_session *);

/* Sends 'msg'.  Returns 0 or a negative errno (ofp_channel_send()). */
int ctl_session_send(struct ctl_south_session *, const struct ofp_msg *);

/* Sends 'len' bytes of already encoded messages. */
int ctl_session_send_raw(struct ctl_south_session *, const void *data,
                         size_t len);

/* A map of the switch's port names, for parsing flows (the caller
 * destroys it). */
struct ofp_port_map *ctl_session_port_map(const struct ctl_south_session *);

/* "switch 0000000000000001 (tcp:...)", for logs; static buffer. */
const char *ctl_session_name(const struct ctl_south_session *);

/* The sync state's dump finished (the first one, or a resync). */
void ctl_session_dump_done(struct ctl_south_session *);

/* An apply got its barrier reply: report it to the owner. */
void ctl_session_report(struct ctl_south_session *,
                        const struct ctl_south_report *);

/* Whether bundles may be used (ctl_south_options). */
bool ctl_session_use_bundles(const struct ctl_south_session *);

/* The sync state of 'session'. */
struct ctl_sync *ctl_session_sync(const struct ctl_south_session *);

/* For ctl_south.c, from ctl_south_sync.c. */

struct ctl_sync *ctl_sync_create(struct ctl_south_session *);
void ctl_sync_destroy(struct ctl_sync *); /* NULL is fine. */

/* Asks the switch for its flows and groups; ctl_session_dump_done() comes
 * when both are in.  Returns 0 or a negative errno. */
int ctl_sync_start_dump(struct ctl_sync *);

/* Offers 'msg' (a reply or an error) to the sync state.  Returns true if
 * it was one of its own (the caller does nothing more with it); it may
 * take over what 'msg' owns (dump replies).  May call
 * ctl_session_* functions, but never destroys the session. */
bool ctl_sync_handle_msg(struct ctl_sync *, struct ofp_msg *msg);

/* Called once the session is up and whenever it may sync: sends the
 * difference if a desired set is waiting and nothing is in flight. */
void ctl_sync_run(struct ctl_sync *);

/* See ctl_south_apply(), ctl_south_session_is_busy() and
 * ctl_south_session_get_stats(). */
int ctl_sync_apply(struct ctl_sync *, const struct ctl_flowset *,
                   char **errorp);
bool ctl_sync_is_busy(const struct ctl_sync *);

/* A port of the switch went away or changed its name: the next set is
 * parsed afresh (see "Parsing once" in ctl_south_sync.c). */
void ctl_sync_ports_changed(struct ctl_sync *);
void ctl_sync_get_stats(const struct ctl_sync *, struct ctl_south_stats *);

#endif /* controller/ctl_south_private.h */
