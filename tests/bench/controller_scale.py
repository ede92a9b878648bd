#!/usr/bin/python3
"""pont-controller's scale benchmark: prints figures, asserts nothing about
speed.

Starts pont-controller with a temporary SQLite store (REST API and
southbound on 127.0.0.1, ports chosen by the kernel), runs
BUILD/tests/bench/controller_scale against it (N simulated hosts, M ports
in T tenants; see the header of controller_scale.c), prints the machine's
facts and the tool's figures, and stops the controller.

usage: controller_scale.py [BUILD] [--hosts N] [--ports M] [--tenants T]
           [--spread S] [--latency K] [--timeout S] [--logs DIR]
           [--controller PATH]

--controller runs another pont-controller binary (an older build, to
compare) against the same benchmark tool.

Exit status: the tool's (0 when every phase completed and every host ended
up holding what the controller wants)."""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def machine_facts():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg()
    return ("machine: %d CPUs (%s), load average %.2f %.2f %.2f "
            "(other work on the machine makes timings noisy)"
            % (os.cpu_count(), model, load[0], load[1], load[2]))


def start_controller(binary, workdir):
    log = os.path.join(workdir, "controller.log")
    cmd = [binary,
           "--api", "http://127.0.0.1:0", "--listen", "tcp:127.0.0.1:0",
           "--store", "sqlite:" + os.path.join(workdir, "ctl.db"),
           "--log-file=" + log]
    out = open(os.path.join(workdir, "controller.out"), "w")
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    out.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("pont-controller exited at start; see "
                               + os.path.join(workdir, "controller.out"))
        if os.path.exists(log):
            with open(log) as f:
                m = re.search(r"started: API \S+ \(port (\d+)\).*"
                              r"switches at \S+ \(port (\d+)\)", f.read())
            if m:
                return proc, int(m.group(1)), int(m.group(2))
        time.sleep(0.05)
    raise RuntimeError("pont-controller did not start in 20 s")


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build", nargs="?", default="build")
    for name, default in (("hosts", 100), ("ports", 10000),
                          ("tenants", 100), ("spread", 0),
                          ("latency", 200), ("timeout", 600)):
        ap.add_argument("--" + name, type=int, default=default)
    ap.add_argument("--logs", help="keep the controller's log and store "
                    "in this directory")
    ap.add_argument("--controller", help="the pont-controller to run "
                    "(default: BUILD/controller/pont-controller)")
    args = ap.parse_args()

    tool = os.path.join(args.build, "tests", "bench", "controller_scale")
    workdir = tempfile.mkdtemp(prefix="pont-ctl-scale-")
    proc = None
    try:
        binary = args.controller or os.path.join(
            args.build, "controller", "pont-controller")
        proc, api_port, south_port = start_controller(binary, workdir)
        print(machine_facts())
        print("pont-controller pid %d: API http://127.0.0.1:%d, switches "
              "tcp:127.0.0.1:%d, store sqlite in %s"
              % (proc.pid, api_port, south_port, workdir))
        sys.stdout.flush()
        cmd = [tool, "--api", "http://127.0.0.1:%d" % api_port,
               "--switches", "tcp:127.0.0.1:%d" % south_port,
               "--ctl-pid", str(proc.pid),
               "--hosts", str(args.hosts), "--ports", str(args.ports),
               "--tenants", str(args.tenants), "--spread", str(args.spread),
               "--latency", str(args.latency),
               "--timeout", str(args.timeout)]
        rc = subprocess.run(cmd).returncode
        if proc.poll() is not None:
            print("pont-controller died (exit %d)" % proc.returncode)
            rc = rc or 1
        return rc
    finally:
        if proc:
            stop(proc)
        if args.logs:
            os.makedirs(args.logs, exist_ok=True)
            for name in os.listdir(workdir):
                shutil.copy(os.path.join(workdir, name), args.logs)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
