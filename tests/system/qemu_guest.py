"""QEMU guests for system tests: a small Linux whose one NIC is a
virtio-net device attached over vhost-user to the switch under test.

guest_images() gives a kernel (Debian's cloud flavour, fetched with
'apt-get download' once and kept in a cache) and a busybox initramfs built
here.  The initramfs' /init reads its parameters from the kernel command
line:

    vm_name=NAME         a name for the marker lines
    vm_ip=ADDR/PLEN      eth0's IPv4 address (eth0's MAC is QEMU's)
    vm_run=BASE64        a shell script to run once eth0 is up
    vm_timeout=SECONDS   the script is killed after this long (default 120)

and prints marker lines on the serial console:

    PONT-READY name=NAME ip=ADDR/PLEN mac=MAC   eth0 is up
    PONT-RESULT KEY=VALUE                       printed by the script
    PONT-ERROR TEXT                             something went wrong
    PONT-DONE rc=N                              the script's exit status

then powers the guest off.  The script runs with the helper functions of
GUEST_HELPERS (pont_result, pont_counters, pont_ping, ...) defined.

QemuGuest runs one guest under TCG, QEMU being the vhost-user server (the
switch connects to it as a client), and reads its console.  It is stopped
by the PID we started, always."""

import base64
import ctypes
import fcntl
import glob
import gzip
import hashlib
import io
import lzma
import os
import re
import shutil
import signal
import struct
import subprocess
import tarfile
import time

import dpdklib

DEFAULT_CACHE = "/var/cache/pont-tests/guest"
KERNEL_PKG_RE = re.compile(r"^linux-image-6\.1\.0-([0-9]+)-cloud-amd64$")
KERNEL_DEB_GLOB = "linux-image-6.1.0-*-cloud-amd64_*.deb"

# virtio-net is a module in Debian's kernels: these, in this order.
MODULES = [
    "drivers/virtio/virtio_ring",
    "drivers/virtio/virtio",
    "drivers/virtio/virtio_pci_modern_dev",
    "drivers/virtio/virtio_pci_legacy_dev",
    "drivers/virtio/virtio_pci",
    "net/core/failover",
    "drivers/net/net_failover",
    "drivers/net/virtio_net",
]

# The kernel refuses a longer command line (x86 COMMAND_LINE_SIZE).
MAX_CMDLINE = 2047

# Bump when the layout of the images changes in a way the inputs below do
# not show.
IMAGE_FORMAT = 1

GUEST_INIT = r"""#!/bin/sh
# /init of Pont's test guests: parameters from /proc/cmdline, eth0 up,
# the script of vm_run, marker lines on the console, power off.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /tmp /run

vm_name=guest
vm_ip=
vm_run=
vm_timeout=120
for word in $(cat /proc/cmdline); do
    case "$word" in
        vm_*=*) export "$word" ;;
    esac
done

for m in __MODULES__; do
    insmod "/lib/pont/$m.ko" || echo "PONT-ERROR insmod $m failed"
done
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 200 ]; do
    sleep 0.05
    i=$((i + 1))
done

rc=1
if [ ! -e /sys/class/net/eth0 ]; then
    echo "PONT-ERROR no eth0"
else
    # No IPv6: the guests' counters should hold the test's traffic only.
    echo 1 > /proc/sys/net/ipv6/conf/eth0/disable_ipv6
    ip link set lo up
    ip link set eth0 up
    [ -n "$vm_ip" ] && ip addr add "$vm_ip" dev eth0
    echo "PONT-READY name=$vm_name ip=$vm_ip" \
         "mac=$(cat /sys/class/net/eth0/address)"
    echo "$vm_run" | base64 -d > /tmp/run.sh
    timeout "$vm_timeout" sh -c '. /lib/pont/helpers.sh; . /tmp/run.sh'
    rc=$?
fi
echo "PONT-DONE rc=$rc"
sync
poweroff -f
"""

GUEST_HELPERS = r"""# Functions for the scripts that Pont's test guests run.

# pont_result KEY VALUE: a result line for the test to read.
pont_result() {
    echo "PONT-RESULT $1=$2"
}

# pont_counters [PREFIX]: eth0's counters from /proc/net/dev, as results
# PREFIXrx_bytes, PREFIXrx_packets, PREFIXrx_dropped, PREFIXtx_bytes, ...
pont_counters() {
    set -- "${1:-if_}" $(sed -n 's/^ *eth0://p' /proc/net/dev)
    p=$1
    pont_result "${p}rx_bytes" "$2"
    pont_result "${p}rx_packets" "$3"
    pont_result "${p}rx_dropped" "$5"
    pont_result "${p}tx_bytes" "${10}"
    pont_result "${p}tx_packets" "${11}"
    pont_result "${p}tx_dropped" "${13}"
}

# pont_wait_peer ADDR SECONDS: waits until ADDR answers a ping; result
# peer_wait_s (how long it took) or peer_wait_s=timeout.
pont_wait_peer() {
    t=0
    while ! ping -c 1 -W 1 "$1" > /dev/null 2>&1; do
        t=$((t + 1))
        if [ $t -ge "$2" ]; then
            pont_result peer_wait_s timeout
            return 1
        fi
    done
    pont_result peer_wait_s $t
}

# pont_ping ADDR COUNT: results ping_sent, ping_received, ping_loss (in %).
pont_ping() {
    out=$(ping -c "$2" -i 0.2 -W 2 "$1" 2>&1)
    line=$(echo "$out" | grep 'packets transmitted')
    sent=$(echo "$line" | sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p')
    got=$(echo "$line" | sed -n 's/.* \([0-9]*\) packets received.*/\1/p')
    loss=$(echo "$line" | sed -n 's/.* \([0-9]*\)% packet loss.*/\1/p')
    pont_result ping_sent "${sent:-0}"
    pont_result ping_received "${got:-0}"
    pont_result ping_loss "${loss:-100}"
}

# pont_tcp_listen PORT FILE: receives one TCP stream into FILE, in the
# background (busybox nc quits at EOF on its stdin: give it one that stays
# open).
pont_tcp_listen() {
    rm -f /tmp/nc.fifo
    mkfifo /tmp/nc.fifo
    exec 7<> /tmp/nc.fifo
    nc -l -p "$1" <&7 > "$2" &
    PONT_NC_PID=$!
}

# pont_tcp_wait FILE SECONDS: waits for the stream of pont_tcp_listen to
# end; results tcp_rx_bytes and tcp_rx_md5.
pont_tcp_wait() {
    t=0
    while kill -0 "$PONT_NC_PID" 2> /dev/null; do
        if [ $t -ge $(($2 * 10)) ]; then
            echo "PONT-ERROR TCP stream not finished after $2 s"
            kill "$PONT_NC_PID"
            break
        fi
        sleep 0.1
        t=$((t + 1))
    done
    wait "$PONT_NC_PID"
    pont_result tcp_rx_rc $?
    pont_result tcp_rx_bytes $(wc -c < "$1")
    pont_result tcp_rx_md5 $(md5sum "$1" | cut -d ' ' -f 1)
}

# pont_tcp_send ADDR PORT KBYTES: sends KBYTES KiB of random data to
# ADDR:PORT; results tcp_tx_bytes, tcp_tx_md5, tcp_tx_rc, tcp_tx_ms.
pont_tcp_send() {
    dd if=/dev/urandom of=/tmp/tx bs=1024 count="$3" 2> /dev/null
    pont_result tcp_tx_bytes $(wc -c < /tmp/tx)
    pont_result tcp_tx_md5 $(md5sum /tmp/tx | cut -d ' ' -f 1)
    start=$(cut -d ' ' -f 1 /proc/uptime)
    nc -w 10 "$1" "$2" < /tmp/tx
    pont_result tcp_tx_rc $?
    end=$(cut -d ' ' -f 1 /proc/uptime)
    pont_result tcp_tx_ms $(echo "$start $end" | \
        awk '{ printf "%d", ($2 - $1) * 1000 }')
}
"""


class GuestError(Exception):
    pass


def default_cache_dir():
    return os.environ.get("PONT_GUEST_CACHE") or DEFAULT_CACHE


def guest_images(cache_dir=None):
    """(vmlinuz path, initramfs path), built once into the cache and built
    again when an input changes (kernel package, busybox, /init)."""
    cache = cache_dir or default_cache_dir()
    os.makedirs(cache, exist_ok=True)
    lock = os.open(os.path.join(cache, ".lock"), os.O_RDWR | os.O_CREAT,
                   0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _images_locked(cache)
    finally:
        os.close(lock)


def _images_locked(cache):
    deb = _kernel_deb(cache)
    busybox = _static_busybox()
    stamp = _fingerprint(deb, busybox)
    vmlinuz = os.path.join(cache, "vmlinuz")
    initramfs = os.path.join(cache, "initramfs.cpio.gz")
    stamp_path = os.path.join(cache, "images.stamp")
    try:
        with open(stamp_path) as f:
            if (f.read() == stamp and os.path.exists(vmlinuz)
                    and os.path.exists(initramfs)):
                return vmlinuz, initramfs
    except OSError:
        pass
    kernel, modules = _extract_kernel(deb)
    _write_atomic(vmlinuz, kernel)
    _write_atomic(initramfs, _initramfs(busybox, modules))
    _write_atomic(stamp_path, stamp.encode())
    return vmlinuz, initramfs


def _kernel_deb(cache):
    """The newest cloud kernel package, downloaded into 'cache' if it is
    not there yet; offline, the newest one already there."""
    debs = sorted(glob.glob(os.path.join(cache, KERNEL_DEB_GLOB)),
                  key=_deb_abi)
    name = _newest_kernel_package()
    if name:
        have = [d for d in debs
                if os.path.basename(d).startswith(name + "_")]
        if have:
            return have[-1]
        try:
            r = subprocess.run(["apt-get", "download", "-q",
                                "-o", "APT::Sandbox::User=root", name],
                               cwd=cache, capture_output=True, text=True,
                               timeout=240)
            ok, why = r.returncode == 0, r.stderr.strip()[-500:]
        except (OSError, subprocess.TimeoutExpired) as e:
            ok, why = False, str(e)
        new = sorted(glob.glob(os.path.join(cache, name + "_*.deb")))
        if ok and new:
            for old in debs:   # Older kernels of our own cache.
                os.unlink(old)
            return new[-1]
        if not debs:
            raise GuestError("apt-get download %s failed: %s" % (name, why))
    if not debs:
        raise GuestError("no linux-image-6.1.0-N-cloud-amd64 package: none "
                         "in %s and apt-cache knows none (apt-get update?)"
                         % cache)
    return debs[-1]


def _deb_abi(path):
    m = re.match(r"linux-image-6\.1\.0-([0-9]+)-", os.path.basename(path))
    return int(m.group(1)) if m else -1


def _newest_kernel_package():
    try:
        r = subprocess.run(["apt-cache", "search", "--names-only",
                            KERNEL_PKG_RE.pattern], capture_output=True,
                           text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    best = None
    for line in r.stdout.splitlines():
        m = KERNEL_PKG_RE.match(line.split(" ", 1)[0])
        if m and (best is None or int(m.group(1)) > best[0]):
            best = (int(m.group(1)), m.group(0))
    return best[1] if best else None


def _static_busybox():
    path = shutil.which("busybox") or "/bin/busybox"
    path = os.path.realpath(path)
    if not os.path.exists(path):
        raise GuestError("no busybox: install busybox-static")
    if _elf_interp(path):
        raise GuestError("%s is linked dynamically: install busybox-static"
                         % path)
    return path


def _elf_interp(path):
    """True if the 64-bit ELF file at 'path' asks for a program
    interpreter (is linked dynamically)."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            return True
        phoff, = struct.unpack_from("<Q", head, 32)
        phentsize, phnum = struct.unpack_from("<HH", head, 54)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            p_type, = struct.unpack("<I", f.read(4))
            if p_type == 3:     # PT_INTERP
                return True
    return False


def _fingerprint(deb, busybox):
    h = hashlib.sha256()
    with open(busybox, "rb") as f:
        h.update(f.read())
    for part in (str(IMAGE_FORMAT), os.path.basename(deb),
                 str(os.path.getsize(deb)), GUEST_INIT, GUEST_HELPERS,
                 " ".join(MODULES)):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _extract_kernel(deb):
    """(vmlinuz bytes, {module name: .ko bytes}) from the package."""
    kernel = None
    modules = {}
    wanted = {"kernel/" + m: m for m in MODULES}
    with subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb],
                          stdout=subprocess.PIPE) as p:
        with tarfile.open(fileobj=p.stdout, mode="r|*") as tar:
            for member in tar:
                name = member.name.lstrip("./")
                if not member.isfile():
                    continue
                if re.match(r"boot/vmlinuz-", name):
                    kernel = tar.extractfile(member).read()
                    continue
                m = re.match(r"lib/modules/[^/]+/(kernel/.*)\.ko(\.xz)?$",
                             name)
                if m and m.group(1) in wanted:
                    data = tar.extractfile(member).read()
                    if m.group(2):
                        data = lzma.decompress(data)
                    modules[os.path.basename(wanted[m.group(1)])] = data
        p.stdout.close()
    missing = [m for m in MODULES if os.path.basename(m) not in modules]
    if kernel is None or missing:
        raise GuestError("%s: no vmlinuz or missing modules %s"
                         % (deb, missing))
    return kernel, modules


class _Cpio:
    """A "newc" cpio archive, written in memory."""

    def __init__(self):
        self.out = io.BytesIO()
        self.ino = 1

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        name_b = name.encode() + b"\0"
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(name_b), 0]
        self.ino += 1
        self.out.write(b"070701" + b"".join(b"%08x" % v for v in fields))
        self.out.write(name_b)
        self._pad()
        self.out.write(data)
        self._pad()

    def _pad(self):
        self.out.write(b"\0" * (-self.out.tell() % 4))

    def dir(self, name):
        self._entry(name, 0o040755)

    def file(self, name, data, mode=0o644):
        self._entry(name, 0o100000 | mode, data)

    def symlink(self, name, target):
        self._entry(name, 0o120777, target.encode())

    def chardev(self, name, major, minor, mode=0o600):
        self._entry(name, 0o020000 | mode, rdev=(major, minor))

    def finish(self):
        self._entry("TRAILER!!!", 0)
        return self.out.getvalue()


def _initramfs(busybox, modules):
    """The gzipped cpio archive of the guests' root file system."""
    cpio = _Cpio()
    for d in ("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc",
              "sys", "tmp", "run", "etc", "root", "lib", "lib/pont"):
        cpio.dir(d)
    cpio.chardev("dev/console", 5, 1)
    cpio.chardev("dev/null", 1, 3, 0o666)
    with open(busybox, "rb") as f:
        cpio.file("bin/busybox", f.read(), 0o755)
    applets = subprocess.run([busybox, "--list-full"], capture_output=True,
                             text=True, check=True).stdout.split()
    for applet in applets:
        # A link named busybox would replace the binary itself.
        if os.path.basename(applet) != "busybox":
            cpio.symlink(applet, "/bin/busybox")
    for name, data in sorted(modules.items()):
        cpio.file("lib/pont/%s.ko" % name, data)
    cpio.file("lib/pont/helpers.sh", GUEST_HELPERS.encode())
    names = " ".join(os.path.basename(m) for m in MODULES)
    cpio.file("init", GUEST_INIT.replace("__MODULES__", names).encode(),
              0o755)
    return gzip.compress(cpio.finish(), mtime=0)


def _write_atomic(path, data):
    tmp = "%s.tmp%d" % (path, os.getpid())
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def die_with_parent():
    """For Popen's preexec_fn: the child is killed if the test dies without
    cleaning up (SIGKILL, a crash)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)     # PR_SET_PDEATHSIG


MARKER_RE = re.compile(r"PONT-(READY|RESULT|ERROR|DONE)\b ?(.*)")


class QemuGuest:
    """One QEMU guest whose virtio-net NIC is on the vhost-user socket
    'sock', QEMU being the server.  'script' is the shell script the guest
    runs once eth0 is up; the serial console goes to 'log'."""

    def __init__(self, name, sock, mac, ip, script, log, cpu=None,
                 images=None, mem_mb=256, timeout=120, procs=None):
        self.name = name
        self.sock = sock
        self.mac = mac
        self.ip = ip
        self.script = script
        self.log = log
        self.cpu = cpu
        self.images = images
        self.mem_mb = mem_mb
        self.timeout = timeout
        self.procs = procs or dpdklib.Procs()
        self.proc = None

    def cmdline(self):
        """The kernel command line: console, then the vm_* parameters."""
        run = base64.b64encode(self.script.encode()).decode()
        line = ("console=ttyS0 quiet panic=-1 vm_name=%s vm_ip=%s "
                "vm_timeout=%d vm_run=%s"
                % (self.name, self.ip, self.timeout, run))
        if len(line) > MAX_CMDLINE:
            raise GuestError("%s: script too long for the kernel command "
                             "line (%d > %d characters)"
                             % (self.name, len(line), MAX_CMDLINE))
        return line

    def command(self):
        vmlinuz, initramfs = self.images or guest_images()
        mem = "%dM" % self.mem_mb
        cmd = ["taskset", "-c", str(self.cpu)] if self.cpu is not None \
            else []
        return cmd + [
            "qemu-system-x86_64", "-name", self.name,
            "-accel", "tcg", "-machine", "pc", "-cpu", "qemu64",
            "-smp", "1", "-m", mem,
            # vhost-user needs guest memory the switch can map.
            "-object", "memory-backend-memfd,id=mem,size=%s,share=on" % mem,
            "-numa", "node,memdev=mem",
            "-chardev", "socket,id=c0,path=%s,server=on" % self.sock,
            "-netdev", "vhost-user,id=n0,chardev=c0",
            # vectors=0: no MSI-X, which makes this QEMU crash under TCG.
            "-device", "virtio-net-pci,netdev=n0,mac=%s,vectors=0"
            % self.mac,
            "-kernel", vmlinuz, "-initrd", initramfs,
            "-append", self.cmdline(),
            "-display", "none", "-serial", "file:" + self.log,
            "-monitor", "none", "-no-reboot", "-nodefaults"]

    def start(self):
        """Starts QEMU and waits for its vhost-user socket: it boots once
        the switch has connected."""
        cmd = self.command()
        for path in (self.log, self.sock):
            if os.path.exists(path):
                os.unlink(path)
        self.proc = self.procs.start(cmd, log=self.log + ".qemu",
                                     preexec_fn=die_with_parent)
        dpdklib.wait_for(lambda: os.path.exists(self.sock)
                         or self.proc.poll() is not None,
                         "%s's vhost-user socket" % self.name, timeout=30)
        if self.proc.poll() is not None:
            raise GuestError("%s: QEMU exited (%d): %s"
                             % (self.name, self.proc.returncode,
                                self.qemu_output()[-1000:]))
        return self

    def stop(self):
        if self.proc:
            self.procs.stop(self.proc)
            self.proc = None
        if os.path.exists(self.sock):
            os.unlink(self.sock)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def console(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def qemu_output(self):
        try:
            with open(self.log + ".qemu", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def markers(self):
        """The marker lines seen so far, as (kind, rest of the line)."""
        out = []
        for line in self.console().splitlines():
            m = MARKER_RE.search(line)
            if m:
                out.append((m.group(1), m.group(2).strip()))
        return out

    def wait_for(self, kind, timeout=60.0):
        """Waits for the first marker 'kind' (READY, DONE...) and returns
        the rest of its line; GuestError if QEMU exits first or time runs
        out."""
        deadline = time.monotonic() + timeout
        while True:
            for k, rest in self.markers():
                if k == kind:
                    return rest
            if self.proc is None or self.proc.poll() is not None:
                raise GuestError("%s: QEMU exited before PONT-%s\n%s"
                                 % (self.name, kind, self.tail()))
            if time.monotonic() > deadline:
                raise GuestError("%s: no PONT-%s after %.0f s\n%s"
                                 % (self.name, kind, timeout, self.tail()))
            time.sleep(0.2)

    def wait_done(self, timeout=120.0):
        """Waits for the script to end; returns its exit status."""
        rest = self.wait_for("DONE", timeout)
        return int(rest.split("=", 1)[1])

    def wait_exit(self, timeout=20.0):
        """Waits for QEMU to exit after the guest powers off."""
        if self.proc:
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass

    def results(self):
        """PONT-RESULT KEY=VALUE lines as a dict (the last value wins)."""
        res = {}
        for kind, rest in self.markers():
            if kind == "RESULT" and "=" in rest:
                key, value = rest.split("=", 1)
                res[key] = value
        return res

    def errors(self):
        return [rest for kind, rest in self.markers() if kind == "ERROR"]

    def tail(self, n=2000):
        """The end of the console and of QEMU's own output, for reports."""
        text = "--- %s console ---\n%s" % (self.name, self.console()[-n:])
        qemu = self.qemu_output().strip()
        if qemu:
            text += "\n--- %s qemu ---\n%s" % (self.name, qemu[-n:])
        return text
