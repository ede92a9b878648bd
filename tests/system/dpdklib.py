"""Helpers for tests and benchmarks that run DPDK processes: hugepages, a
hugetlbfs mount per user, and processes stopped by the PID we started.

Hugepages are a machine-wide pool (/proc/sys/vm/nr_hugepages) that several
tests, benchmarks or developers may use at once.  Hugepages(n) makes sure n
more pages are free while it is in use, records what it added in a shared
ledger under a lock, and gives back only what it added, once no user of the
ledger is left: so concurrent users never pull pages from under each other,
and the machine ends as it was found.

Each user also gets its own hugetlbfs mount (pass its path to EAL as
--huge-dir) so that its files are removed with it, whatever its processes
left behind; and the EAL runtime directories (/var/run/dpdk/PREFIX) that
appeared while it was open are removed when no process holds them any
more."""

import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

NR_PATH = "/proc/sys/vm/nr_hugepages"
RUNTIME_DIR = "/var/run/dpdk"
LEDGER = "/run/pont-tests/hugepages.json"


def _meminfo(field):
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _read_nr():
    with open(NR_PATH) as f:
        return int(f.read())


def _write_nr(n):
    with open(NR_PATH, "w") as f:
        f.write("%d\n" % n)


class _Ledger:
    """The shared record of users and pages added, under an exclusive lock."""

    def __enter__(self):
        os.makedirs(os.path.dirname(LEDGER), exist_ok=True)
        self.fd = os.open(LEDGER + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            with open(LEDGER) as f:
                self.data = json.load(f)
        except (OSError, ValueError):
            self.data = {"users": [], "added": 0, "orig": None}
        # Forget users that died without cleaning up.
        self.data["users"] = [p for p in self.data["users"] if _alive(p)]
        return self

    def __exit__(self, *exc):
        with open(LEDGER + ".tmp", "w") as f:
            json.dump(self.data, f)
        os.rename(LEDGER + ".tmp", LEDGER)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        return False


def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _runtime_entries():
    try:
        return set(os.listdir(RUNTIME_DIR))
    except OSError:
        return set()


def remove_stale_runtime(names):
    """Removes the EAL runtime directories 'names' (under /var/run/dpdk)
    that no process holds: a primary process keeps a lock on its 'config'
    file while it runs."""
    for name in names:
        path = os.path.join(RUNTIME_DIR, name)
        try:
            fd = os.open(os.path.join(path, "config"), os.O_RDWR)
        except OSError:
            fd = None
        try:
            if fd is not None:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # Held: a live DPDK process.
        finally:
            if fd is not None:
                os.close(fd)
        shutil.rmtree(path, ignore_errors=True)


class Hugepages:
    """A context manager: at least 'pages' free 2 MB hugepages and a private
    hugetlbfs mount at self.dir while it is open."""

    def __init__(self, pages=512):
        self.pages = pages
        self.dir = None

    def __enter__(self):
        with _Ledger() as led:
            if not led.data["users"] and led.data["added"] == 0:
                led.data["orig"] = _read_nr()
            for attempt in range(3):
                free = _meminfo("HugePages_Free")
                if free >= self.pages:
                    break
                if attempt:
                    # The kernel found too few contiguous 2 MB blocks:
                    # have it compact memory, then ask again.
                    with open("/proc/sys/vm/compact_memory", "w") as f:
                        f.write("1")
                before = _read_nr()
                _write_nr(before + self.pages - free)
                led.data["added"] += max(_read_nr() - before, 0)
            if _meminfo("HugePages_Free") < self.pages:
                raise RuntimeError(
                    "could not reserve %d hugepages (free: %d): the machine "
                    "is short of contiguous memory"
                    % (self.pages, _meminfo("HugePages_Free")))
            led.data["users"].append(os.getpid())
        self.runtime_before = _runtime_entries()
        self.dir = tempfile.mkdtemp(prefix="pont-huge-")
        subprocess.run(["mount", "-t", "hugetlbfs", "-o", "pagesize=2M",
                        "none", self.dir], check=True)
        return self

    def __exit__(self, *exc):
        if self.dir:
            for name in os.listdir(self.dir):
                try:
                    os.unlink(os.path.join(self.dir, name))
                except OSError:
                    pass
            subprocess.run(["umount", self.dir], check=False)
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
            # Only this test's (its prefixes carry its pid): another test
            # may be starting a DPDK process right now.
            mine = str(os.getpid())
            remove_stale_runtime({e for e in _runtime_entries()
                                  - self.runtime_before if mine in e})
        with _Ledger() as led:
            if os.getpid() in led.data["users"]:
                led.data["users"].remove(os.getpid())
            if not led.data["users"] and led.data["orig"] is not None:
                _write_nr(led.data["orig"])
                led.data["added"] = 0
                led.data["orig"] = None
        return False


def eal_args(huge, prefix, cores, mem_mb=256):
    """EAL arguments for a process sharing memory over vhost-user."""
    return ["-l", cores, "-m", str(mem_mb), "--no-pci",
            "--single-file-segments", "--huge-dir", huge.dir,
            "--file-prefix", prefix, "--log-level", "*:notice"]


class Procs:
    """Processes started by a test, stopped by their PIDs (SIGTERM, then
    SIGKILL) in reverse order, even when the test fails."""

    def __init__(self):
        self.procs = []

    def start(self, cmd, log=None, **kw):
        out = open(log, "w") if log else subprocess.DEVNULL
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, **kw)
        self.procs.append(p)
        return p

    def stop(self, p, timeout=10):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def stop_all(self):
        for p in reversed(self.procs):
            self.stop(p)
        self.procs = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop_all()
        return False


def wait_for(pred, what, timeout=30.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(interval)
    raise RuntimeError("timed out waiting for " + what)
