#!/bin/bash
# Installs the Debian packages Pont needs (only those missing; needs root
# then) and builds Pont in ./build.  Safe to run again: it does only what is
# left to do.  Used by scripts/demo.sh and tests/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    # Build.
    build-essential meson ninja-build pkg-config
    # eBPF objects, and the sanitizer/fuzzer build.
    clang llvm lld libclang-rt-14-dev bpftool
    # Libraries the layers link.
    libdpdk-dev libbpf-dev libnl-3-dev libnl-route-3-dev libevent-dev
    libjansson-dev libsqlite3-dev libcmocka-dev
    # Reference peers and test tools: Open vSwitch (ovs-ofctl, and a private
    # ovs-vswitchd on the dummy datapath), tshark's OpenFlow dissector,
    # python3-openflow, scapy.
    openvswitch-common openvswitch-switch tshark python3 python3-openflow
    python3-scapy
    # The DPDK fast path's peers: dpdk-testpmd (virtio_user guests, and the
    # vhost-user forwarding limit), Open vSwitch DPDK for the benchmarks,
    # QEMU guests with a busybox initramfs.
    dpdk dpdk-dev openvswitch-switch-dpdk qemu-system-x86 busybox-static
    cpio
    # Hosts in network namespaces (the controller's multi-host tests and
    # demo): ping and tcpdump inside them, ethtool to turn off the veths'
    # checksum offload (af_packet ports see checksums not yet computed).
    iputils-ping tcpdump ethtool
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "setup: missing Debian packages: ${missing[*]}" >&2
        echo "setup: run this as root, or install them with apt-get." >&2
        exit 1
    fi
    echo "setup: installing ${#missing[@]} Debian packages (a few minutes" \
        "on a new machine): ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f build/build.ninja ]; then
    echo "setup: configuring the build in ./build" >&2
    meson setup build
fi
echo "setup: building" >&2
ninja -C build
