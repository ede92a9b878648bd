/* The compiler: from the model (ctl_model.h) to the flows and groups one
 * host's switch needs (ctl_flowset.h).
 *
 * Design
 * ------
 * ctl_compile_host() is a pure, deterministic function of the model:
 * tenants, networks, ports, hosts and bindings.  controller/README.md
 * describes the pipeline it builds: port security and network
 * classification in table 0, delivery and flooding within a network in
 * table 1, one pair of flooding groups per network.  Only networks with a
 * port bound to the host appear on it.
 *
 * Port numbers: a VM's port is the OpenFlow port number its binding gives.
 * The tunnel port and the uplink are written by name (CTL_TUNNEL_PORT and
 * the host's 'uplink'), which the southbound resolves on each switch, so
 * that the flows do not depend on the order the ports were added in.
 *
 * What cannot be built is left out, not guessed: a remote host without a
 * tunnel IP gets no tunnel flows, a VLAN network on a host without an
 * uplink is delivered only locally, a binding to a host the model does not
 * know is ignored.
 *
 * Thread-safety: reads the model only; one thread at a time with the
 * model's writers. */
#ifndef PONT_CTL_COMPILE_H
#define PONT_CTL_COMPILE_H 1

#include <stdint.h>

struct ctl_flowset;
struct ctl_model;
struct ctl_network;

/* The name of every host's VXLAN port (type=vxlan, remote_ip=flow,
 * key=flow). */
#define CTL_TUNNEL_PORT "pont-tun"

/* Replaces the content of 'out' (initialized) with what host 'host'
 * needs, sorted (ctl_flowset_sort()).  A host the model does not know gets
 * the default flows only (drop in both tables). */
void ctl_compile_host(const struct ctl_model *, const char *host,
                      struct ctl_flowset *out);

/* The value of the metadata field that names network 'net' in the
 * pipeline: 1 << 24 | VNI for VXLAN, 2 << 24 | VLAN id for VLAN. */
uint64_t ctl_compile_network_md(const struct ctl_network *net);

#endif /* controller/ctl_compile.h */
