#!/bin/bash
# capture.sh start PCAPFILE PORT
# capture.sh stop PCAPFILE
#
# Captures TCP traffic to or from PORT on the loopback interface into
# PCAPFILE (pcapng), with dumpcap (package tshark/wireshark-common) running
# in the background.
#
# start: returns once dumpcap has opened lo with the filter in place and
#     written the file header, so no packet sent afterwards is missed.  Its
#     PID goes to PCAPFILE.pid and its messages to PCAPFILE.log.
# stop: waits 1 s for the last packets to be read, sends SIGTERM to that
#     PID (only if it is still dumpcap), waits until dumpcap has flushed the
#     file and exited, removes PCAPFILE.pid, and prints dumpcap's packet
#     counts.  Fails if dumpcap reports dropped
#     packets: a capture with holes would make tshark-check.sh fail anyway,
#     with a less clear message.
#
# Exit status: 0 on success, 1 on failure, 2 on bad usage.
set -euo pipefail

usage() {
    echo "usage: $0 start PCAPFILE PORT | $0 stop PCAPFILE" >&2
    exit 2
}
fail() {
    echo "capture: $*" >&2
    exit 1
}

[ $# -ge 2 ] || usage
action=$1
pcap=$2
pidfile=$pcap.pid
logfile=$pcap.log

# Prints the PID from PCAPFILE.pid if that process is still dumpcap.
dumpcap_pid() {
    local pid
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dumpcap ] || return 1
    echo "$pid"
}

wait_exit() {
    for _ in $(seq 100); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

start() {
    local port=$1 pid
    [[ $port =~ ^[0-9]+$ ]] || fail "PORT must be a number, not $port"
    command -v dumpcap >/dev/null 2>&1 \
        || fail "dumpcap not found: install tshark"
    if pid=$(dumpcap_pid); then
        fail "a capture into $pcap is already running (pid $pid)"
    fi
    rm -f "$pcap"
    # A large buffer (-B, MiB): ovs-ofctl pulls about 1 MB of table
    # features from Open vSwitch at loopback speed, which overflows the
    # default 2 MiB ring.  Output goes to a file so that a caller reading
    # our stdout through a pipe does not wait for dumpcap.
    dumpcap -q -i lo -B 64 -f "tcp port $port" -w "$pcap" \
        </dev/null >"$logfile" 2>&1 &
    pid=$!
    echo "$pid" >"$pidfile"
    # dumpcap opens the interface and sets the filter before it creates the
    # file, so a file with its header means the capture is live.
    for _ in $(seq 100); do
        if [ -s "$pcap" ]; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$pidfile"
            fail "dumpcap exited: $(cat "$logfile")"
        fi
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait_exit "$pid" || kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
    fail "dumpcap did not start capturing within 10 s: $(cat "$logfile")"
}

stop() {
    local pid stats dropped
    pid=$(dumpcap_pid) || fail "no capture into $pcap is running"
    # libpcap hands packets to dumpcap a buffer block at a time, a partly
    # filled block only after dumpcap's 250 ms read timeout, and dumpcap
    # drops what it has not read when it gets SIGTERM: give the last
    # packets time to reach the file.
    sleep 1
    kill "$pid"
    if ! wait_exit "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$pidfile"
        fail "dumpcap ($pid) ignored SIGTERM and was killed; $pcap may be" \
             "incomplete"
    fi
    rm -f "$pidfile"
    # "Packets received/dropped on interface 'Loopback: lo': R/D (...)"
    stats=$(sed -n 's/^Packets received\/dropped on interface .*: \([0-9]*\/[0-9]*\).*/\1/p' \
                "$logfile")
    echo "capture: $pcap: packets received/dropped: ${stats:-unknown}"
    dropped=${stats#*/}
    if [ -n "$stats" ] && [ "$dropped" != 0 ]; then
        fail "dumpcap dropped $dropped packets: the capture has holes"
    fi
}

case $action in
    start) [ $# -eq 3 ] || usage; start "$3" ;;
    stop) [ $# -eq 2 ] || usage; stop ;;
    *) usage ;;
esac
