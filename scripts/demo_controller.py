#!/usr/bin/python3
"""The demo's controller part: pont-controller and three Pont hosts, each a
network namespace with its own pont-vswitchd on the DPDK datapath, joined
by an underlay where VXLAN runs.  Two tenants, acme and globex, are
defined through pontctl with the same subnet 10.0.1.0/24 and guests on
every host (Linux guests: namespaces with a real IP stack).  Then every
guest pings every address of the subnet: each reaches its own tenant's
guests on every host, and nobody else's.

Usage: demo_controller.py BUILD_DIR (as root).  Cleans up after itself,
even when interrupted."""

import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "system"))
import dpdklib  # noqa: E402
import multihost  # noqa: E402
import pontdpdk  # noqa: E402


def show(title, text):
    print("-- " + title)
    print(text.rstrip())


def ping_matrix(fabric):
    """Every guest pings every address in use; prints who answered."""
    guests = multihost.GUESTS
    addresses = sorted({ip for (_, _, _, ip) in guests.values()})
    print("-- each guest pings each address: the guest that answers, or -")
    print("%-16s" % "from" + "".join("%-12s" % a for a in addresses))
    ok = True
    for name, (tenant, host, _, own_ip) in sorted(guests.items()):
        cells = []
        for ip in addresses:
            if ip == own_ip:
                cells.append("(itself)")
                continue
            owner = [n for n, (t, _, _, a) in guests.items()
                     if t == tenant and a == ip]
            got = fabric.guests[name].ping(ip, count=2) > 0
            cells.append(owner[0] if got and owner else
                         "LEAK" if got else "-")
            ok &= got == bool(owner)
        print("%-16s" % ("%s/%s (h%d)" % (tenant, name, host))
              + "".join("%-12s" % c for c in cells))
    print("each guest reached its own tenant's guests on every host, and "
          "nobody else's: %s" % ("yes" if ok else "NO"))
    return ok


def main():
    build = os.path.abspath(sys.argv[1])
    workdir = tempfile.mkdtemp(prefix="pont-demo-ctl-")
    underlay, fabric, ok = None, None, False
    try:
        underlay = multihost.Underlay()
        with dpdklib.Hugepages(1024) as huge, dpdklib.Procs() as procs:
            fabric = multihost.Fabric(build, huge, procs, underlay, workdir,
                                      echo=lambda line: print("$ " + line))
            print("-- three hosts (h1, h2, h3) connect to pont-controller; "
                  "the admin defines the rest:")
            fabric.build_two_tenants()
            fabric.wait_bound(list(multihost.GUESTS))
            show("pontctl host list",
                 fabric.pontctl("host", "list", quiet=True).stdout)
            show("pontctl port list",
                 fabric.pontctl("port", "list", quiet=True).stdout)
            flows = fabric.pontctl("flows", "h1", quiet=True).stdout
            flows = flows.splitlines()
            show("pontctl flows h1 (%d lines; the first 6)" % len(flows),
                 "\n".join(flows[:6]))
            ok = ping_matrix(fabric)
            for h in fabric.hosts.values():
                h.stop()
    finally:
        if fabric:
            fabric.close()
        if underlay:
            underlay.close()
        pontdpdk.finish(workdir, 0 if ok else 1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
