"""pont-controller's REST API and pontctl, end to end.

Starts pont-controller on a free port with a temporary SQLite store and
drives it with pontctl and with raw HTTP (urllib and sockets): CRUD of
each kind, each 4xx with its message, ETag/If-Match conflicts, restarts
(clean and kill -9) that keep everything including revisions, and bad
input (broken JSON, oversized bodies, garbage on the socket) that the
daemon survives.

Usage: controller_api.py BUILD_DIR   (prints TAP)"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from pontlib import Failure, check, run_tests, wait_for

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
CONTROLLER = os.path.join(BUILD, "controller", "pont-controller")
PONTCTL = os.path.join(BUILD, "utilities", "pontctl")


class Controller:
    """One pont-controller on 127.0.0.1, its store and log in a temporary
    directory; started detached with a pidfile, stopped by that pid."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pont-ctl-")
        self.store = "sqlite:" + os.path.join(self.dir, "db", "c.db")
        self.pidfile = os.path.join(self.dir, "c.pid")
        self.log = os.path.join(self.dir, "c.log")
        self.pid = None
        self.port = None
        try:
            self.start()
        except BaseException:
            self.cleanup()
            raise

    def start(self):
        # Port 0: the kernel picks a free one, which the log names.
        size = os.path.getsize(self.log) if os.path.exists(self.log) else 0
        subprocess.run([CONTROLLER, "--api", "http://127.0.0.1:0",
                        "--store", self.store, "--detach",
                        "--pidfile=" + self.pidfile,
                        "--log-file=" + self.log,
                        "--listen", "tcp:127.0.0.1:0"],
                       check=True, timeout=20)
        with open(self.pidfile) as f:
            self.pid = int(f.read())
        with open(self.log) as f:
            f.seek(size)
            m = re.search(r"started: API \S+ \(port (\d+)\)", f.read())
        check(m, "no start line in the log")
        self.port = int(m.group(1))
        self.api = "http://127.0.0.1:%d" % self.port

    def alive(self):
        # A detached daemon is not our child: once it exits it may stay a
        # zombie until its new parent reaps it, which counts as gone.
        try:
            with open("/proc/%d/stat" % self.pid) as f:
                return f.read().rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False

    def stop(self, sig=signal.SIGTERM):
        if self.pid and self.alive():
            os.kill(self.pid, sig)
            wait_for(lambda: not self.alive(), "pont-controller to exit")
        self.pid = None

    def restart(self, sig=signal.SIGTERM):
        self.stop(sig)
        self.start()

    def cleanup(self):
        try:
            self.stop(signal.SIGKILL)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    # Clients.

    def ctl(self, *args, ok=True):
        p = subprocess.run([PONTCTL, "--api", self.api] + list(args),
                           capture_output=True, text=True, timeout=20)
        if ok and p.returncode:
            raise Failure("pontctl %s: exit %d: %s"
                          % (" ".join(args), p.returncode, p.stderr))
        return p

    def http(self, method, path, body=None, headers=None, raw=None):
        """Returns (status, headers, parsed JSON body or text or None)."""
        data = raw if raw is not None else (
            json.dumps(body).encode() if body is not None else None)
        hdrs = dict(headers or {})
        if data is not None and "Content-Type" not in hdrs:
            hdrs["Content-Type"] = "application/json"
        req = urllib.request.Request(self.api + path, data=data,
                                     method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=20) as r:
                status, h, text = r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            status, h, text = e.code, e.headers, e.read().decode()
        if h.get("Content-Type", "").startswith("application/json"):
            return status, h, json.loads(text)
        return status, h, text or None


def expect(result, status, needle=None):
    """Checks an HTTP result's status and, for errors, its sentence."""
    got, headers, body = result
    check(got == status, "status %d, expected %d: %r" % (got, status, body))
    if needle is not None:
        error = body.get("error", "") if isinstance(body, dict) else ""
        check(needle in error, "error %r lacks %r" % (error, needle))
    return headers, body


def with_controller(fn):
    def run():
        c = Controller()
        try:
            fn(c)
        except Failure:
            with open(c.log) as f:
                sys.stdout.write("".join("# log: " + ln
                                         for ln in f.readlines()[-10:]))
            raise
        finally:
            c.cleanup()
    return run


def populate(c):
    c.ctl("tenant", "add", "acme")
    c.ctl("tenant", "add", "beta")
    c.ctl("network", "add", "acme/net1", "--cidr", "10.0.1.0/24")
    c.ctl("network", "add", "acme/net2", "--cidr", "10.0.2.0/24",
          "--vlan", "100")
    c.ctl("network", "add", "beta/net1", "--cidr", "10.0.1.0/24",
          "--vni", "7000")
    c.ctl("port", "add", "acme/web1", "--network", "net1", "--mac",
          "52:54:00:00:00:01", "--ip", "10.0.1.10")
    c.ctl("port", "add", "beta/db", "--network", "net1", "--mac",
          "52:54:00:00:00:01", "--ip", "10.0.1.10", "--ip", "10.0.1.11",
          "--iface", "vm-db")
    c.ctl("host", "add", "h1", "--dpid", "00000000000000a1",
          "--tunnel-ip", "192.168.0.1", "--uplink", "eth1")


def t_tenants(c):
    c.ctl("tenant", "add", "acme")
    h, body = expect(c.http("POST", "/v1/tenants", {"name": "beta"}), 201)
    check(h["Location"] == "/v1/tenants/beta", "Location " + h["Location"])
    out = c.ctl("tenant", "list").stdout.split()
    check(out == ["TENANT", "acme", "beta"], "tenant list: %r" % out)
    listed = json.loads(c.ctl("--json", "tenant", "list").stdout)
    check([t["name"] for t in listed] == ["acme", "beta"], "--json list")
    h, body = expect(c.http("GET", "/v1/tenants/acme"), 200)
    check(body == {"name": "acme", "revision": 1}, "GET: %r" % body)
    check(h["ETag"] == '"1"', "ETag " + h["ETag"])
    c.ctl("tenant", "del", "beta")
    expect(c.http("DELETE", "/v1/tenants/acme"), 204)
    expect(c.http("GET", "/v1/tenants/beta"), 404,
           "tenant beta does not exist")


def t_networks(c):
    populate(c)
    out = c.ctl("network", "list").stdout
    check(re.search(r"acme/net1\s+10\.0\.1\.0/24\s+vxlan:5000", out)
          and re.search(r"acme/net2\s+10\.0\.2\.0/24\s+vlan:100", out)
          and re.search(r"beta/net1\s+10\.0\.1\.0/24\s+vxlan:7000", out),
          "network list:\n" + out)
    show = json.loads(c.ctl("--json", "network", "show", "acme/net2").stdout)
    check(show["segment"] == "vlan:100", "show: %r" % show)
    # PUT replaces: a new segment, a wider CIDR.
    expect(c.http("PUT", "/v1/tenants/acme/networks/net2",
                  {"cidr": "10.0.0.0/16", "segment": "vxlan"}), 200)
    _, body = expect(c.http("GET", "/v1/tenants/acme/networks/net2"), 200)
    check(body["segment"] == "vxlan:5001" and body["cidr"] == "10.0.0.0/16",
          "after PUT: %r" % body)
    c.ctl("network", "del", "acme/net2")
    _, body = expect(c.http("GET", "/v1/tenants/acme/networks"), 200)
    check([n["name"] for n in body] == ["net1"], "left: %r" % body)


def t_ports(c):
    populate(c)
    out = c.ctl("port", "list").stdout
    check(re.search(r"acme/web1\s+net1\s+52:54:00:00:00:01\s+10\.0\.1\.10"
                    r"\s+acme-web1\s+-", out)
          and re.search(r"beta/db\s+net1\s+52:54:00:00:00:01\s+"
                        r"10\.0\.1\.10,10\.0\.1\.11\s+vm-db", out),
          "port list:\n" + out)
    out = c.ctl("port", "list", "acme").stdout
    check("beta/db" not in out, "port list acme:\n" + out)
    show = c.ctl("port", "show", "beta/db").stdout
    check("iface: vm-db" in show and "binding: -" in show, "show:\n" + show)
    expect(c.http("PUT", "/v1/tenants/acme/ports/web1",
                  {"network": "net1", "mac": "52:54:00:00:00:09",
                   "ips": ["10.0.1.20", "10.0.1.21"]}), 200)
    _, body = expect(c.http("GET", "/v1/tenants/acme/ports/web1"), 200)
    check(body["mac"] == "52:54:00:00:00:09"
          and body["ips"] == ["10.0.1.20", "10.0.1.21"], "PUT: %r" % body)
    c.ctl("port", "del", "acme/web1")
    expect(c.http("GET", "/v1/tenants/acme/ports/web1"), 404,
           "port acme/web1 does not exist")


def t_hosts(c):
    populate(c)
    out = c.ctl("host", "list").stdout
    check(re.search(r"h1\s+00000000000000a1\s+192\.168\.0\.1\s+eth1\s+yes"
                    r"\s+no\s+-", out), "host list:\n" + out)
    _, body = expect(c.http("PUT", "/v1/hosts/h2",
                            {"tunnel_ip": "192.168.0.2"}), 201)
    check(body["connected"] is False and body["ports"] == []
          and body["dpid"] is None, "PUT: %r" % body)
    hosts = json.loads(c.ctl("--json", "host", "list").stdout)
    check([h["name"] for h in hosts] == ["h1", "h2"], "hosts %r" % hosts)
    c.ctl("host", "del", "h2")
    expect(c.http("DELETE", "/v1/hosts/h1"), 204)
    expect(c.http("GET", "/v1/hosts"), 200)


def t_errors(c):
    populate(c)
    expect(c.http("POST", "/v1/tenants/acme/ports",
                  {"name": "x", "network": "net1", "mac": "52:54:00:00:00:05",
                   "ips": ["10.0.9.1"]}), 400,
           "IP 10.0.9.1 is not a host address of network acme/net1")
    expect(c.http("POST", "/v1/tenants/acme/networks",
                  {"name": "v", "cidr": "10.9.0.0/16",
                   "segment": "vlan:4095"}), 400,
           'field "segment": segment "vlan:4095" is invalid')
    expect(c.http("POST", "/v1/tenants/acme/networks",
                  {"name": "v", "cidr": "10.9.0.0/16", "colour": "red"}), 400,
           'field "colour" is unknown')
    expect(c.http("GET", "/v1/tenants/nobody/ports"), 404,
           "tenant nobody does not exist")
    expect(c.http("GET", "/v1/routers"), 404, "there is nothing at")
    h, _ = expect(c.http("DELETE", "/v1/tenants"), 405,
                  "DELETE is not allowed here")
    check(h["Allow"] == "GET, POST", "Allow " + str(h["Allow"]))
    expect(c.http("POST", "/v1/tenants/acme/ports",
                  {"name": "web2", "network": "net1",
                   "mac": "52:54:00:00:00:01"}), 409,
           "MAC 52:54:00:00:00:01 is already used by port acme/web1")
    expect(c.http("DELETE", "/v1/tenants/acme"), 409,
           "tenant acme still has")
    expect(c.http("POST", "/v1/tenants", raw=b"name=x",
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"}), 415,
           "the body must be JSON")
    _, flows = expect(c.http("GET", "/v1/hosts/h1/flows"), 200)
    check("table=0,priority=0," in str(flows), "h1's flows: %r" % flows)
    expect(c.http("GET", "/v1/hosts/nobody/flows"), 404, "does not exist")
    # pontctl shows the same sentences, and exits 1 (2 for usage).
    p = c.ctl("port", "add", "acme/web2", "--network", "net1", "--mac",
              "52:54:00:00:00:01", ok=False)
    check(p.returncode == 1 and "is already used by port acme/web1"
          in p.stderr, "pontctl: %d %r" % (p.returncode, p.stderr))
    p = c.ctl("network", "add", "acme/n9", ok=False)
    check(p.returncode == 2 and "--cidr" in p.stderr, "usage: %r" % p.stderr)
    p = subprocess.run([PONTCTL, "tenant", "list"], capture_output=True,
                       text=True, env=dict(os.environ,
                                           PONT_API="http://127.0.0.1:1"))
    check(p.returncode == 1 and "cannot reach pont-controller" in p.stderr,
          "unreachable: %r" % p.stderr)


def t_if_match(c):
    populate(c)
    path = "/v1/tenants/acme/networks/net1"
    h_a, _ = expect(c.http("GET", path), 200)
    h_b, _ = expect(c.http("GET", path), 200)
    etag = h_a["ETag"]
    check(etag == h_b["ETag"], "same ETag for both")
    # Admin A changes it; admin B, with the old ETag, is refused.
    h, _ = expect(c.http("PUT", path, {"cidr": "10.0.0.0/16"},
                         headers={"If-Match": etag}), 200)
    check(h["ETag"] != etag, "new ETag")
    expect(c.http("PUT", path, {"cidr": "10.0.0.0/8"},
                  headers={"If-Match": etag}), 412,
           "someone changed it since you read it")
    expect(c.http("DELETE", path, headers={"If-Match": etag}), 412)
    h, body = expect(c.http("GET", path), 200)
    check(body["cidr"] == "10.0.0.0/16", "A's change stays: %r" % body)
    expect(c.http("PUT", path, {"cidr": "10.0.0.0/8"},
                  headers={"If-Match": h["ETag"]}), 200)
    expect(c.http("PUT", "/v1/tenants/acme/networks/new",
                  {"cidr": "10.0.0.0/8"}, headers={"If-Match": "*"}), 412)


def snapshot(c):
    """Everything the API shows, for comparing across restarts."""
    tenants = c.http("GET", "/v1/tenants")[2]
    snap = {"tenants": tenants, "hosts": c.http("GET", "/v1/hosts")[2]}
    for t in tenants:
        for kind in ("networks", "ports"):
            snap[t["name"] + "/" + kind] = c.http(
                "GET", "/v1/tenants/%s/%s" % (t["name"], kind))[2]
    return snap


def t_restart_keeps_everything(c):
    populate(c)
    c.ctl("port", "del", "beta/db")
    expect(c.http("PUT", "/v1/tenants/acme/networks/net1",
                  {"cidr": "10.0.0.0/16"}), 200)
    before = snapshot(c)
    c.restart()
    after = snapshot(c)
    check(before == after, "after a restart:\n%r\n%r" % (before, after))
    # The next change continues the revisions.
    _, body = expect(c.http("POST", "/v1/tenants", {"name": "gamma"}), 201)
    revs = [o["revision"] for v in before.values() for o in v]
    check(body["revision"] > max(revs), "revision %d after %d"
          % (body["revision"], max(revs)))
    # kill -9 right after a change: it was saved before the answer.
    c.ctl("port", "add", "acme/late", "--network", "net1", "--mac",
          "52:54:00:00:00:77", "--ip", "10.0.3.3")
    before = snapshot(c)
    c.restart(signal.SIGKILL)
    check(snapshot(c) == before, "after kill -9")


def t_bad_input_keeps_serving(c):
    populate(c)
    expect(c.http("POST", "/v1/tenants", raw=b'{"name": "x"'), 400,
           "the body is not valid JSON")
    expect(c.http("POST", "/v1/tenants", raw=b"\xff\xfe\x00garbage"), 400)
    expect(c.http("POST", "/v1/tenants", raw=b"[]"), 400,
           "must be a JSON object")
    big = b'{"name": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    status, _, _ = c.http("POST", "/v1/tenants", raw=big)
    check(status == 413, "oversized body: %d" % status)
    # Garbage and half requests on raw sockets.
    for junk in (b"\x00\x01\x02 garbage\r\n\r\n", b"GET /v1/ten",
                 b"POST /v1/tenants HTTP/1.1\r\nContent-Length: 99999\r\n"
                 b"\r\n{", b"GET " + b"/x" * 40000 + b" HTTP/1.1\r\n\r\n"):
        s = socket.create_connection(("127.0.0.1", c.port), timeout=5)
        try:
            s.sendall(junk)
            s.shutdown(socket.SHUT_WR)
            s.settimeout(5)
            while s.recv(65536):
                pass
        except OSError:
            pass
        finally:
            s.close()
    check(c.alive(), "pont-controller died")
    _, body = expect(c.http("GET", "/v1/tenants"), 200)
    check([t["name"] for t in body] == ["acme", "beta"], "tenants %r" % body)
    expect(c.http("POST", "/v1/tenants", {"name": "after"}), 201)


TESTS = [
    ("tenants: add, list, get, delete (pontctl and HTTP)",
     with_controller(t_tenants)),
    ("networks: VLAN, VXLAN with and without VNI, replace, delete",
     with_controller(t_networks)),
    ("ports: add, list, show, replace, delete", with_controller(t_ports)),
    ("hosts: declare, list, delete", with_controller(t_hosts)),
    ("400, 404, 405, 409, 415 with their sentences; flows; pontctl exits",
     with_controller(t_errors)),
    ("ETag and If-Match: a stale writer gets 412",
     with_controller(t_if_match)),
    ("restart and kill -9 keep everything, revisions too",
     with_controller(t_restart_keeps_everything)),
    ("bad JSON, oversized bodies and garbage: the daemon keeps serving",
     with_controller(t_bad_input_keeps_serving)),
]

if __name__ == "__main__":
    sys.exit(run_tests(TESTS))
