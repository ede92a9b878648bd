/* A MAC learning table, for the NORMAL action and for standalone fail
 * mode: which port each Ethernet address on each VLAN was last seen on.
 *
 * Entries age out after 'idle_s' seconds without being learned again; when
 * the table is full, learning a new address evicts the least recently
 * learned one, so that a flood of source addresses cannot grow memory.
 *
 * Thread-safety: every function may be called from any thread (a mutex
 * protects the table; translation of misses learns on datapath threads). */
#ifndef PONT_MAC_LEARNING_H
#define PONT_MAC_LEARNING_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/packets.h"

struct strbuf;
struct mac_learning;

#define MAC_LEARNING_DEFAULT_IDLE_S 300
#define MAC_LEARNING_DEFAULT_MAX 8192

struct mac_learning *mac_learning_create(unsigned int idle_s,
                                         size_t max_entries);
void mac_learning_destroy(struct mac_learning *); /* NULL is fine. */

/* Records that 'mac' on 'vlan' was seen on 'port' at 'now_ms' (monotonic).
 * Returns true if that changed where the address goes (a new entry or a
 * move), false if it only refreshed an entry.  Multicast and broadcast
 * addresses are not learned. */
bool mac_learning_learn(struct mac_learning *, uint16_t vlan,
                        const struct eth_addr *mac, uint32_t port,
                        long long now_ms);

/* Notes that 'mac' on 'vlan' was still seen on 'port' at 'now_ms': only
 * refreshes an entry that still points at 'port', never moves an entry or
 * its time backwards (statistics of old megaflows arrive late). */
void mac_learning_refresh(struct mac_learning *, uint16_t vlan,
                          const struct eth_addr *mac, uint32_t port,
                          long long now_ms);

/* Returns the port 'mac' on 'vlan' was last seen on, or 0 if unknown (or
 * aged out at 'now_ms'). */
uint32_t mac_learning_lookup(struct mac_learning *, uint16_t vlan,
                             const struct eth_addr *mac, long long now_ms);

/* Forgets every address on 'port' (the port was deleted or went down).
 * Returns true if any was forgotten. */
bool mac_learning_flush_port(struct mac_learning *, uint32_t port);

/* Removes the entries idle at 'now_ms'; returns true if any was removed. */
bool mac_learning_expire(struct mac_learning *, long long now_ms);

size_t mac_learning_count(struct mac_learning *);

/* Appends one line per entry: " port  VLAN  MAC                Age". */
void mac_learning_format(struct mac_learning *, long long now_ms,
                         struct strbuf *);

#endif /* ofproto/mac_learning.h */
