#!/usr/bin/python3
"""Benchmark, not a test: PVP (physical-virtual-physical without the
physical), the classic loop through a guest.  A guest with two virtio
ports forwards whatever it receives on one out of the other; the switch
under test connects the guest's port 1 to its port 2 and back; packets put
in the loop at the start circulate as fast as the guest and the switch
move them.  The figure is what the guest receives, in Mpps (both ports).

Guest (CPU 0), vhost-user server on two sockets:
  a, b: dpdk-testpmd, two net_virtio_user ports, io mode, --tx-first;
  c:    pont-vguest --loop with 1,000 distinct UDP 5-tuples (testpmd 22.11
        cannot: see tests/bench/README.md).
Switches (forwarding core on CPU 1), vhost-user clients:
  limit: dpdk-testpmd in io mode between two net_vhost ports, which parses
         and looks up nothing: the ceiling of any vhost-user switch here;
  ovs:   a private Open vSwitch DPDK (netdev datapath, dpdkvhostuserclient
         ports) in its own network namespace;
  pont:  pont-vswitchd with a DPDK bridge and two vhostuser ports.
Scenarios (the same OpenFlow table file for OVS and Pont, loaded with
`ovs-ofctl -O OpenFlow13 add-flows` before the ports come up):
  a: in_port=1,actions=output:2 and in_port=2,actions=output:1;
  b: those and 10,000 other flows of mixed masks that the traffic misses;
  c: a's two flows, 1,000 distinct 5-tuples in the traffic.
The limit reads no flows: its figure for b is its measurement for a.

Every guest and switch is started fresh for each measurement and cleaned
up after it (processes by PID, network namespace, hugepage files, sockets,
temporary directories), also on failure, Ctrl-C or SIGTERM.  After each
OVS or Pont run, the flow counters must show both explicit flows used and
no other flow hit.

Usage: pvp.py BUILD [--sizes 64,1518] [--scenarios a,b,c]
              [--switches limit,ovs,pont] [--seconds N] [--warmup N]
              [--logs DIR]
Output: one table per frame size, then the same as one JSON line.
Exit status: 0 when every measurement gave a figure (scenario c is skipped,
not failed, when pont-vguest is not built), 1 otherwise, 2 on bad usage."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(SRC, "tests", "system"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdklib  # noqa: E402
import pvp_flows  # noqa: E402
import pvp_procs  # noqa: E402
from pvp_procs import (SWITCHES, Context, Failure, TestpmdGuest,  # noqa: E402
                       VguestGuest)

HUGEPAGES = 1024            # 2 GB: guest, switch and slack.
N_OTHER_FLOWS = 10000
N_TUPLES = 1000
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
SCENARIOS = {
    "a": "2 flows, in_port 1<->2",
    "b": "a + 10,000 other flows",
    "c": "a, 1,000 UDP 5-tuples",
}


class Skip(Exception):
    pass


def measure(args, huge, top, tag, switch_name, size, scenario, flow_files):
    """Starts a guest and a switch, stops both, and returns the guest's
    Mpps and the frames that the switch lost (None: unknown)."""
    work = os.path.join(top, "m" + tag.split("-")[-1])
    os.mkdir(work)
    with dpdklib.Procs() as procs:
        ctx = Context(args.build, huge, procs, work, tag)
        if scenario == "c":
            if not os.path.exists(VguestGuest.binary(args.build)):
                raise Skip("%s is not built"
                           % VguestGuest.binary(args.build))
            guest = VguestGuest(ctx, size, N_TUPLES)
        else:
            guest = TestpmdGuest(ctx, size)
        switch = SWITCHES[switch_name](ctx)
        mpps = lost = None
        try:
            guest.start(args.seconds, args.warmup)
            # Both guests create socket A first, then wait for the switch.
            dpdklib.wait_for(lambda: os.path.exists(ctx.sock_a) or
                             guest.proc.poll() is not None,
                             "the guest's socket", timeout=30)
            if guest.proc.poll() is not None:
                raise Failure("the guest exited:" + ctx.tail("guest"))
            switch.start(flow_files[scenario])
            guest.wait_up()
            switch.wait_ready()
            mpps = guest.measure(args.seconds, args.warmup)
            dump = switch.check()
            if dump is not None:
                wrong = pvp_flows.check_counters(dump)
                if wrong:
                    raise Failure(wrong)
        except (Failure, RuntimeError, OSError,
                subprocess.SubprocessError) as e:
            logs = "".join("\n  %s.log:%s" % (name, ctx.tail(name))
                           for name in switch.logs if ctx.tail(name))
            raise Failure("%s%s" % (e, logs))
        finally:
            # A second Ctrl-C must not cut the cleanup short: it is
            # delivered once the cleanup is done.
            signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
            try:
                guest.stop()
                switch.stop()
                lost = switch.lost_frames()
                if args.logs:
                    keep_logs(work, os.path.join(args.logs, "%d-%s-%s" % (
                        size, scenario, switch_name)))
                shutil.rmtree(work, ignore_errors=True)
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    return mpps, lost


def keep_logs(work, dest):
    """Copies the logs (not the sockets) of WORK into DEST."""
    for dirpath, _, names in os.walk(work):
        for name in names:
            if name.endswith(".log"):
                path = os.path.join(dirpath, name)
                out = os.path.join(dest, os.path.relpath(path, work))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                shutil.copy(path, out)


def ratio(x, y):
    return x / y if x is not None and y else None


def fmt(x, width, digits=2):
    return ("%*.*f" % (width, digits, x)) if x is not None else "%*s" % (
        width, "-")


def frames_in_loop(scenario):
    if scenario == "c":
        return 2 * pvp_procs.VGUEST_BURST * pvp_procs.VGUEST_BURSTS
    return 2 * pvp_procs.TESTPMD_BURST * pvp_procs.TESTPMD_TX_FIRST


def lost_note(n, scenario):
    """A warning when the switch lost frames: a loop never gets them back,
    and in c each may take a 5-tuple with it."""
    if not n:
        return ""
    return "  (the switch lost %d of the %s frames put in the loop)" % (
        n, format(frames_in_loop(scenario), ","))


def print_tables(args, results):
    print()
    for size in args.sizes:
        print("== PVP, %d B frames: Mpps received by the guest, mean of %d s "
              "after %d s of warm-up" % (size, args.seconds, args.warmup))
        print("  %-26s %7s %7s %7s %9s %11s %10s" % (
            "scenario", "limit", "OVS", "Pont", "Pont/OVS", "Pont/limit",
            "OVS/limit"))
        for r in results:
            if r["size"] != size:
                continue
            print("  %s  %-23s %7s %7s %7s %9s %11s %10s" % (
                r["scenario"], SCENARIOS[r["scenario"]], fmt(r["limit"], 7),
                fmt(r["ovs"], 7), fmt(r["pont"], 7), fmt(r["pont_ovs"], 9),
                fmt(r["pont_limit"], 11), fmt(r["ovs_limit"], 10)))
        print()
    print("  Frame sizes exclude the FCS.  Guest on CPU 0, switch's "
          "forwarding core on CPU 1.")
    print("  The limit reads no flows: its b is its a.  c uses pont-vguest as "
          "the guest,")
    print("  with %s frames in the loop instead of testpmd's %d: compare c "
          "within its row." % (format(frames_in_loop("c"), ","),
                               frames_in_loop("a")))
    for r in results:
        for switch, n in r["lost"].items():
            if n:
                print("  %d B %s %s: the switch lost %d of the %s frames put "
                      "in the loop." % (r["size"], r["scenario"], switch, n,
                                        format(frames_in_loop(r["scenario"]),
                                               ",")))


def plan(args):
    """(size, scenario, switch) in the order to measure: the switches take
    turns within a scenario, so that a burst of load elsewhere on the
    machine does not fall on one switch only."""
    steps = []
    for size in args.sizes:
        for scenario in args.scenarios:
            for switch in args.switches:
                if switch == "limit" and scenario == "b" and \
                        "a" in args.scenarios:
                    continue
                steps.append((size, scenario, switch))
    return steps


def run(args, top):
    flow_files = {}
    for scenario, n_other in (("a", 0), ("b", N_OTHER_FLOWS), ("c", 0)):
        flow_files[scenario] = os.path.join(top, "flows-%s.txt" % scenario)
        pvp_flows.write_table(flow_files[scenario], n_other)

    mpps, lost, errors, skipped = {}, {}, [], []
    with dpdklib.Hugepages(HUGEPAGES) as huge:
        for n, (size, scenario, switch) in enumerate(plan(args)):
            what = "%d B %s %s" % (size, scenario, switch)
            tag = "%d-%d" % (os.getpid(), n)
            try:
                key = (size, scenario, switch)
                mpps[key], lost[key] = measure(args, huge, top, tag, switch,
                                               size, scenario, flow_files)
                print("  %-16s %7.2f Mpps%s" % (
                    what, mpps[key], lost_note(lost[key], scenario)),
                    flush=True)
            except Skip as e:
                skipped.append("%s: skipped: %s" % (what, e))
                print("  %-16s skipped: %s" % (what, e), flush=True)
            except Failure as e:
                errors.append("%s: %s" % (what, e))
                print("  %-16s FAILED: %s" % (what, e), flush=True)

    results = []
    for size in args.sizes:
        for scenario in args.scenarios:
            row = {"size": size, "scenario": scenario, "lost": {}}
            for switch in ("limit", "ovs", "pont"):
                key = (size, scenario, switch)
                if switch == "limit" and scenario == "b":
                    key = (size, "a", switch)
                row[switch] = (round(mpps[key], 3) if key in mpps and
                               switch in args.switches else None)
                if row[switch] is not None:
                    row["lost"][switch] = lost[key]
            row["pont_ovs"] = ratio(row["pont"], row["ovs"])
            row["pont_limit"] = ratio(row["pont"], row["limit"])
            row["ovs_limit"] = ratio(row["ovs"], row["limit"])
            for k in ("pont_ovs", "pont_limit", "ovs_limit"):
                if row[k] is not None:
                    row[k] = round(row[k], 3)
            results.append(row)
    print_tables(args, results)
    for line in skipped + errors:
        print(line, file=sys.stderr)
    print(json.dumps({"bench": "pvp", "seconds": args.seconds,
                      "warmup_seconds": args.warmup, "results": results,
                      "skipped": skipped,
                      "errors": [e.split("\n")[0] for e in errors]}))
    return 1 if errors else 0


def on_sigterm(signum, frame):
    """SIGTERM unwinds like Ctrl-C, through every cleanup."""
    raise KeyboardInterrupt


def parse_list(text, allowed=None, convert=str):
    items = [convert(x) for x in text.split(",") if x]
    if not items or (allowed and any(x not in allowed for x in items)):
        raise argparse.ArgumentTypeError("expected a comma-separated list"
                                         + (" of " + ",".join(allowed)
                                            if allowed else ""))
    return items


def sizes(text):
    items = parse_list(text, convert=int)
    if any(not 64 <= x <= 1518 for x in items):
        raise argparse.ArgumentTypeError("frame sizes go from 64 to 1518")
    return items


def main():
    parser = argparse.ArgumentParser(
        description="PVP benchmark: Pont vs Open vSwitch DPDK vs the "
                    "vhost-user limit (see tests/bench/README.md)")
    parser.add_argument("build", help="the build directory")
    parser.add_argument("--sizes", type=sizes, default=[64, 1518],
                        help="frame sizes without FCS (64,1518)")
    parser.add_argument("--scenarios", default=["a", "b", "c"],
                        type=lambda t: parse_list(t, ("a", "b", "c")))
    parser.add_argument("--switches", default=["limit", "ovs", "pont"],
                        type=lambda t: parse_list(t, tuple(SWITCHES)))
    parser.add_argument("--seconds", type=int, default=10,
                        help="measured seconds per run (10)")
    parser.add_argument("--warmup", type=int, default=2,
                        help="seconds excluded after the first packet "
                             "came back (2)")
    parser.add_argument("--logs", help="keep every run's logs in this "
                                       "directory")
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    if args.seconds < 1 or args.warmup < 0:
        parser.error("--seconds must be at least 1, --warmup at least 0")
    if os.geteuid() != 0:
        print("pvp: must run as root (hugepages, network namespaces)",
              file=sys.stderr)
        return 1

    signal.signal(signal.SIGTERM, on_sigterm)
    # Short: Unix socket paths must fit in 107 bytes.
    top = tempfile.mkdtemp(prefix="pont-pvp-", dir="/tmp")
    try:
        return run(args, top)
    except KeyboardInterrupt:
        print("pvp: interrupted; everything started was stopped",
              file=sys.stderr)
        return 130
    except (RuntimeError, OSError) as e:
        print("pvp: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
