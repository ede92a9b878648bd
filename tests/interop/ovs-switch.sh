#!/bin/bash
# ovs-switch.sh start WORKDIR [OF_PORT]
# ovs-switch.sh stop WORKDIR
#
# Runs a private Open vSwitch for interop tests: ovsdb-server on a fresh
# database and ovs-vswitchd with dummy datapaths and ports only
# (--enable-dummy=override --disable-system), so it needs no kernel module
# and touches no system instance.  Every file (database, sockets, pidfiles,
# logs) is inside WORKDIR, which must be a short path (Unix socket names are
# limited to 107 bytes).
#
# start: creates bridge br0 (OpenFlow13 only, fail_mode=secure) with dummy
#     ports p1 (OpenFlow port 1) and p2 (port 2) and a passive OpenFlow
#     listener on 127.0.0.1:OF_PORT (default: a free port chosen by
#     ovs-vswitchd), then prints OF_PORT on stdout and writes it to
#     WORKDIR/of-port.  After `. WORKDIR/env`, ovs-vsctl and `ovs-ofctl ...
#     br0` reach this instance; ovs-appctl needs -t WORKDIR/ovs-vswitchd.ctl
#     (or WORKDIR/ovsdb-server.ctl).
#     If start fails it stops whatever it had started.
# stop: kills the ovs-vswitchd and ovsdb-server recorded in WORKDIR's
#     pidfiles (only if they are still those processes) and waits for them
#     to exit.  It leaves WORKDIR and its logs in place; it removes nothing
#     outside WORKDIR.
#
# Exit status: 0 on success, 1 on failure, 2 on bad usage.
set -euo pipefail

usage() {
    echo "usage: $0 start WORKDIR [OF_PORT] | $0 stop WORKDIR" >&2
    exit 2
}
fail() {
    echo "ovs-switch: $*" >&2
    exit 1
}

[ $# -ge 2 ] || usage
action=$1
if [ "$action" = start ]; then
    mkdir -p "$2" || fail "cannot create $2"
fi
workdir=$(cd "$2" 2>/dev/null && pwd) || fail "no such directory: $2"
daemons="ovs-vswitchd ovsdb-server"

# Keep every default path of the Open vSwitch tools inside WORKDIR.
export OVS_RUNDIR=$workdir OVS_DBDIR=$workdir OVS_LOGDIR=$workdir
export OVS_SYSCONFDIR=$workdir
db_sock=unix:$workdir/db.sock
vsctl() { ovs-vsctl --db="$db_sock" --timeout=10 "$@"; }

# Prints the PID in WORKDIR/NAME.pid if that process is alive and is NAME.
daemon_pid() {
    local pidfile=$workdir/$1.pid pid
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] || return 1
    echo "$pid"
}

# Signals both daemons at once (each takes about 2 s to exit), then waits.
stop_daemons() {
    local name pid pids=()
    for name in $daemons; do
        pid=$(daemon_pid "$name") || continue
        kill "$pid" 2>/dev/null && pids+=("$pid")
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "ovs-switch: process $pid ignored SIGTERM; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

stop_if_failed() {
    local status=$?
    [ "$status" -eq 0 ] || stop_daemons
}

start() {
    local of_port=${1:-0}
    [[ $of_port =~ ^[0-9]+$ ]] || fail "OF_PORT must be a number, not $of_port"
    [ ${#workdir} -le 80 ] \
        || fail "WORKDIR path is too long for Unix sockets: $workdir"
    for name in $daemons; do
        if pid=$(daemon_pid "$name"); then
            fail "$name is already running in $workdir (pid $pid):" \
                 "run '$0 stop $workdir' first"
        fi
    done
    for tool in ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl; do
        command -v "$tool" >/dev/null 2>&1 \
            || fail "$tool not found: install openvswitch-switch"
    done
    command -v ss >/dev/null 2>&1 || fail "ss not found: install iproute2"

    # From here on, a failure stops what was started.
    trap stop_if_failed EXIT

    rm -f "$workdir/conf.db" "$workdir/of-port" "$workdir"/*.log
    ovsdb-tool create "$workdir/conf.db" \
        /usr/share/openvswitch/vswitch.ovsschema \
        || fail "ovsdb-tool could not create $workdir/conf.db"
    ovsdb-server "$workdir/conf.db" --remote="p$db_sock" \
        --pidfile="$workdir/ovsdb-server.pid" \
        --unixctl="$workdir/ovsdb-server.ctl" \
        -vconsole:err --log-file="$workdir/ovsdb-server.log" \
        --detach --no-chdir \
        || fail "ovsdb-server did not start: see $workdir/ovsdb-server.log"
    vsctl --no-wait init || fail "cannot initialise the database"

    ovs-vswitchd "$db_sock" --enable-dummy=override --disable-system \
        --pidfile="$workdir/ovs-vswitchd.pid" \
        --unixctl="$workdir/ovs-vswitchd.ctl" \
        -vconsole:err --log-file="$workdir/ovs-vswitchd.log" \
        --detach --no-chdir \
        || fail "ovs-vswitchd did not start: see $workdir/ovs-vswitchd.log"

    vsctl add-br br0 \
        -- set bridge br0 protocols=OpenFlow13 fail_mode=secure \
        -- add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 \
        -- add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 \
        || fail "cannot create br0: see $workdir/ovs-vswitchd.log"
    vsctl set-controller br0 "ptcp:$of_port:127.0.0.1" \
        || fail "cannot set the OpenFlow listener"

    # Wait until ovs-vswitchd itself listens.  Given port 0, it logs
    # "0:127.0.0.1: listening on port N" with the port it chose.
    local log=$workdir/ovs-vswitchd.log vswitchd_pid port=
    vswitchd_pid=$(daemon_pid ovs-vswitchd) || fail "ovs-vswitchd exited"
    for _ in $(seq 100); do
        port=$of_port
        if [ "$of_port" -eq 0 ]; then
            port=$(sed -n 's/.*|0:127\.0\.0\.1: listening on port \([0-9]*\)$/\1/p' \
                       "$log" | tail -n 1)
        fi
        if [ -n "$port" ] && ss -Hltnp "sport = :$port" \
                | grep -q "pid=$vswitchd_pid,"; then
            break
        fi
        if grep -q "|$of_port:127\.0\.0\.1: bind: " "$log"; then
            fail "ovs-vswitchd cannot listen on 127.0.0.1:$of_port:" \
                 "$(sed -n "s/.*|$of_port:127\.0\.0\.1: bind: //p" "$log")"
        fi
        port=
        sleep 0.1
    done
    [ -n "$port" ] || fail "ovs-vswitchd did not open an OpenFlow listener" \
                           "on 127.0.0.1:$of_port: see $log"
    echo "$port" >"$workdir/of-port"
    cat >"$workdir/env" <<EOF
export OVS_RUNDIR=$workdir OVS_DBDIR=$workdir OVS_LOGDIR=$workdir
export OVS_SYSCONFDIR=$workdir
EOF
    echo "$port"
}

case $action in
    start) [ $# -le 3 ] || usage; start "${3:-}" ;;
    stop) [ $# -eq 2 ] || usage; stop_daemons ;;
    *) usage ;;
esac
