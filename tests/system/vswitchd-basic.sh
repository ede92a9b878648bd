#!/bin/bash
# System test of pont-vswitchd and pont-vsctl: a real daemon on a dummy
# datapath, driven through its real command-line tool, with an OpenFlow
# tool (ovs-ofctl if installed, else pont-ofctl) on its listener, traffic
# through unix-socket ports, a restart that must bring the configuration
# back, and every error path of pont-vsctl with its message and exit code.
# Then the DPDK datapath's settings (options, the file's "dpdk" object,
# restarts) and its PMD commands, on a switch where no bridge uses DPDK:
# EAL never starts, so no hugepages are needed.
#
# usage: vswitchd-basic.sh PONT-VSWITCHD PONT-VSCTL PONT-OFCTL
set -u

VSWITCHD=$(realpath "$1")
VSCTL=$(realpath "$2")
PONT_OFCTL=$(realpath "$3")
DIR=$(mktemp -d /tmp/vswitchd-basic.XXXXXX)
PID=
N_FAILED=0

cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID"
        for _ in $(seq 50); do
            kill -0 "$PID" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    N_FAILED=$((N_FAILED + 1))
}

# Fatal: later steps make no sense without this one.
die() {
    echo "FAIL: $*" >&2
    echo "log:" >&2
    cat "$DIR/log" >&2 2>/dev/null
    exit 1
}

start() {
    "$VSWITCHD" --detach --config="$DIR/conf.json" --ctl="$DIR/ctl" \
        --pidfile="$DIR/pid" --log-file="$DIR/log" "$@" \
        || die "pont-vswitchd did not start"
    PID=$(cat "$DIR/pid")
}

stop() {
    kill "$PID" || die "no daemon to stop"
    for _ in $(seq 100); do
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$PID" 2>/dev/null && die "pont-vswitchd ignored SIGTERM"
    PID=
    [ -e "$DIR/pid" ] && fail "the pidfile outlived the daemon"
    [ -e "$DIR/ctl" ] && fail "the control socket outlived the daemon"
}

vsctl() {
    "$VSCTL" --ctl="$DIR/ctl" "$@"
}

# expect_ok EXPECTED-OUTPUT COMMAND...: succeeds and prints exactly that.
expect_ok() {
    local expected=$1 out
    shift
    out=$(vsctl "$@" 2>&1) || fail "pont-vsctl $* exited $?: $out"
    [ "$out" = "$expected" ] \
        || fail "pont-vsctl $*: expected '$expected', got '$out'"
}

# expect_error CODE MESSAGE COMMAND...: exits CODE, stderr contains MESSAGE.
expect_error() {
    local code=$1 message=$2 out rc
    shift 2
    out=$(vsctl "$@" 2>&1)
    rc=$?
    [ $rc = "$code" ] || fail "pont-vsctl $*: exit $rc, expected $code ($out)"
    case $out in
    *"$message"*) ;;
    *) fail "pont-vsctl $*: '$out' lacks '$message'" ;;
    esac
}

listener_port() {
    vsctl show | sed -n 's/.*bound to TCP port \([0-9]*\).*/\1/p' | head -1
}

ofctl() {
    if command -v ovs-ofctl >/dev/null; then
        timeout 10 ovs-ofctl -O OpenFlow13 "$@"
    else
        timeout 10 "$PONT_OFCTL" -O OpenFlow13 "$@"
    fi
}

# Sends one broadcast frame into socket port $1 and prints the length of
# what socket port $2 gets (or "nothing").
send_frame() {
    python3 - "$DIR/$1.sock" "$DIR/$2.sock" <<'EOF'
import socket, sys, time
a = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
a.connect(sys.argv[1])
b = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
b.connect(sys.argv[2])
time.sleep(0.3)  # Until the datapath serves both connections.
eth = bytes.fromhex("ffffffffffff" "020000000001" "0800")
ip = bytes.fromhex("4500001c00010000401100000a0000010a000002")
a.send(eth + ip + bytes(8))
b.settimeout(2)
try:
    print(len(b.recv(2048)))
except socket.timeout:
    print("nothing")
EOF
}

# --- Start, build a bridge. ---
start
expect_ok "" add-br br0 datapath=dummy
expect_ok "" add-port br0 p1 type=dummy iface-id=acme/vm1
expect_ok "" set-listener br0 ptcp:0:127.0.0.1
expect_ok "br0" list-br
expect_ok "p1" list-ports br0
expect_ok "1" get-ofport br0 p1
expect_ok "4294967294" get-ofport br0 br0
vsctl show | grep -q "iface-id: acme/vm1" || fail "show lacks the iface-id"

# A second daemon on the same pidfile refuses to start.
out=$("$VSWITCHD" --config="$DIR/conf.json" --ctl="$DIR/ctl2" \
    --pidfile="$DIR/pid" 2>&1) && fail "a second daemon started"
case $out in *"$PID"*) ;; *) fail "second daemon: '$out' lacks pid" ;; esac

# --- OpenFlow on the listener. ---
PORT=$(listener_port)
[ -n "$PORT" ] || die "show gives no listener port"
ofctl add-flow "tcp:127.0.0.1:$PORT" \
    "priority=100,in_port=1,tcp,tp_dst=80,actions=output:LOCAL" \
    || fail "add-flow through the listener failed"
flows=$(ofctl dump-flows "tcp:127.0.0.1:$PORT")
case $flows in
*"priority=100,tcp,in_port=1,tp_dst=80 actions=LOCAL"*) ;;
*) fail "dump-flows lacks the flow: $flows" ;;
esac

# --- trace: the flow above matches; ports may be named. ---
out=$(vsctl trace br0 in_port=p1,tcp,nw_dst=10.0.0.2,tp_dst=80 2>&1) \
    || fail "trace failed: $out"
echo "$out" | grep -qi "table" || fail "trace names no table: $out"
echo "$out" | grep -q "LOCAL\|output" || fail "trace gives no output: $out"

# --- dump-ports: every attached port with its link state and counters. ---
out=$(vsctl dump-ports br0 2>&1) || fail "dump-ports failed: $out"
for want in "port br0: ofport LOCAL, link up, admin up" \
    "port p1: ofport 1, link up, admin up" \
    "rx: packets 0, bytes 0, dropped 0, errors 0" \
    "tx: packets 0, bytes 0, dropped 0, errors 0"; do
    case $out in *"$want"*) ;; *) fail "dump-ports lacks '$want': $out" ;; esac
done

# --- Traffic between socket ports, learning switch without controller. ---
expect_ok "" add-port br0 p2 type=dummy "sock=$DIR/p2.sock"
expect_ok "" add-port br0 p3 type=dummy "sock=$DIR/p3.sock" ofport=7
expect_ok "" set-fail-mode br0 standalone
expect_ok "7" get-ofport br0 p3
got=$(send_frame p2 p3)
[ "$got" = 42 ] || fail "p3 got '$got' of a 42-byte broadcast from p2"
vsctl dump-dp-flows br0 | grep -q "packets:1, bytes:42" \
    || fail "dump-dp-flows lacks the megaflow: $(vsctl dump-dp-flows br0)"
# The broadcast came in on p2 and went out of p3 (and p1 and LOCAL).
out=$(vsctl dump-ports br0)
echo "$out" | grep -A1 "^port p2: ofport 2, link \(up\|down\), admin up$" \
    | grep -q "rx: packets 1, bytes 42, dropped 0, errors 0" \
    || fail "dump-ports: p2 did not count the frame it received: $out"
echo "$out" | grep -A2 "^port p3: ofport 7, link \(up\|down\), admin up$" \
    | grep -q "tx: packets 1, bytes 42, dropped 0, errors 0" \
    || fail "dump-ports: p3 did not count the frame it sent: $out"
expect_ok "" set-dpid br0 00000000000000aa
vsctl show | grep -q "datapath_id: 00000000000000aa" || fail "dpid not set"

# --- Every error of pont-vsctl. ---
expect_error 1 "no bridge named nobr (pont-vsctl show lists them)" \
    del-br nobr
expect_error 1 "no bridge named nobr" add-port nobr p9 type=dummy
expect_error 1 "no bridge named nobr" set-controller nobr tcp:127.0.0.1
expect_error 1 "a bridge named br0 already exists" add-br br0
# (No add-br datapath=dpdk: in a build with DPDK it would start EAL.)
expect_error 1 "datapath type ebpf is not available in this build yet; use datapath=dummy" \
    add-br br1 datapath=ebpf
expect_error 1 "unknown datapath type \"xdp\"" add-br br1 datapath=xdp
expect_error 1 "bridge name \"a/b\" may contain only" add-br a/b
expect_error 1 "a port named p1 already exists on bridge br0" \
    add-port br0 p1 type=dummy
expect_error 1 "add-port needs type=TYPE" add-port br0 p9
expect_error 1 "OpenFlow port number 1 is already in use" \
    add-port br0 p9 type=dummy ofport=1
expect_error 1 "ofport=99999 is not an OpenFlow port number" \
    add-port br0 p9 type=dummy ofport=99999
expect_error 1 "bogus" add-port br0 p9 type=bogus
expect_error 1 "frob" add-port br0 p9 type=dummy frob=1
expect_error 1 "no port named p9" del-port p9
expect_error 1 "no port named p9" del-port br0 p9
expect_error 1 "no bridge named br2" del-port br2 p1
expect_ok "" add-br br1
expect_error 1 "port p1 is on bridge br0, not on br1" del-port br1 p1
expect_ok "" del-br br1
expect_error 1 "no port named nop" get-ofport br0 nop
expect_error 1 "bridge br0 keeps its controllers" set-controller br0 foo:bar
expect_error 1 "bridge br0 keeps its listeners" set-listener br0 tcp:1.2.3.4
expect_error 1 "unknown fail mode \"open\"" set-fail-mode br0 open
expect_error 1 "is not a datapath id" set-dpid br0 xyz
expect_error 1 "cannot parse the flow" trace br0 bogus=1
expect_error 1 "no bridge named nobr" dump-ports nobr
expect_error 2 "'dump-ports' takes 1 argument, not 0" dump-ports
expect_error 2 "'pmd-stats' takes 0 arguments, not 1" pmd-stats br0
expect_error 2 "unknown command 'frob'" frob
expect_error 2 "'add-br' takes 1 to 2 arguments, not 0" add-br
expect_error 2 "'del-br' does not take the option --may-exist" \
    --may-exist del-br br0
expect_error 1 "cannot connect to $DIR/none.ctl" --ctl="$DIR/none.ctl" show
expect_ok "" --may-exist add-br br0
expect_ok "" --may-exist add-port br0 p1 type=dummy
expect_ok "" --if-exists del-port p9
expect_ok "" --if-exists del-br nobr
# Failed commands left nothing behind, in the switch or the file.
expect_ok "$(printf 'p1\np2\np3')" list-ports br0
grep -q '"p9"\|"br1"' "$DIR/conf.json" && fail "a refused change was saved"

# --- Option values reach the datapath intact, '=' and ',' included. ---
vsctl --help | grep -q "type=vhostuser path=SOCK \[vhost-server=true\] \[queues=N\]" \
    || fail "pont-vsctl --help lacks the vhostuser port type"
vsctl --help | grep -q "type=dpdk devargs=DEVARGS \[queues=N\]" \
    || fail "pont-vsctl --help lacks the dpdk port type"
ODD="$DIR/a=b,iface=c.sock"
expect_ok "" add-port br0 p4 type=dummy "sock=$ODD"
[ -S "$ODD" ] || fail "the dummy datapath did not listen on $ODD"
vsctl show | grep -qF "sock: $ODD" || fail "show lacks sock: $ODD"

# --- PMD statistics without DPDK: a sentence saying so, exit 0. ---
out=$(vsctl pmd-stats 2>&1) || fail "pmd-stats exited $?: $out"
case $out in
"DPDK has not started"*) ;;
*) fail "pmd-stats: expected that DPDK has not started, got '$out'" ;;
esac
expect_ok "" pmd-stats-clear

# --- Restart: the configuration comes back. ---
stop
start
expect_ok "br0" list-br
expect_ok "$(printf 'p1\np2\np3\np4')" list-ports br0
expect_ok "7" get-ofport br0 p3
[ -S "$ODD" ] || fail "after restart, p4 does not listen on $ODD"
show=$(vsctl show)
for want in "datapath_id: 00000000000000aa" "fail_mode: standalone" \
    "iface-id: acme/vm1" "bound to TCP port" "sock: $ODD"; do
    case $show in *"$want"*) ;; *) fail "after restart, show lacks '$want'" ;; esac
done
got=$(send_frame p2 p3)
[ "$got" = 42 ] || fail "after restart, p3 got '$got'"

# --- Deleting. ---
expect_ok "" del-port br0 p2
expect_ok "" del-port p3
expect_ok "" del-port p4
expect_ok "p1" list-ports br0
expect_ok "" del-br br0
expect_ok "" list-br
grep -q '"br0"' "$DIR/conf.json" && fail "del-br was not saved"
stop

# --- A corrupt configuration is an error naming file and line. ---
printf '{"version": 1,\n "bridges": [\n  {"name": }]}\n' >"$DIR/conf.json"
out=$("$VSWITCHD" --config="$DIR/conf.json" --ctl="$DIR/ctl" 2>&1) \
    && fail "pont-vswitchd started on a corrupt configuration"
case $out in
*"$DIR/conf.json:3:"*) ;;
*) fail "corrupt configuration: '$out' lacks file:line" ;;
esac
[ -e "$DIR/ctl" ] && fail "a failed start left its control socket"

# --- DPDK settings: options, the file, restarts. ---
# Prints the "dpdk" object of the configuration file, keys sorted.
dpdk_cfg() {
    python3 -c 'import json, sys
print(json.dumps(json.load(open(sys.argv[1])).get("dpdk"), sort_keys=True))' \
        "$DIR/conf.json"
}

# The settings the daemon last said it handed to the DPDK datapath.
dpdk_log() {
    grep "DPDK settings: " "$DIR/log" | tail -1 | sed 's/.*DPDK settings: //'
}

# expect_start_error CODE MESSAGE OPTION...: pont-vswitchd refuses to start
# with exit CODE and says MESSAGE.  (timeout: should it start all the
# same, it would run in the foreground.)
expect_start_error() {
    local code=$1 message=$2 out rc
    shift 2
    out=$(timeout 10 "$VSWITCHD" --config="$DIR/conf.json" --ctl="$DIR/ctl" \
        "$@" 2>&1)
    rc=$?
    [ $rc = "$code" ] \
        || fail "pont-vswitchd $*: exit $rc, expected $code ($out)"
    case $out in
    *"$message"*) ;;
    *) fail "pont-vswitchd $*: '$out' lacks '$message'" ;;
    esac
    [ -e "$DIR/ctl" ] && fail "pont-vswitchd $*: a failed start left its socket"
}

help=$("$VSWITCHD" --help)
for want in '--dpdk-args="ARGS"' '(default "--single-file-segments --file-prefix=pont")' \
    '--pmd-cores=LIST' '(default: the last CPU)' '--pmd-max-sleep-us=N' \
    '(default 250)'; do
    case $help in *"$want"*) ;; *) fail "--help lacks '$want'" ;; esac
done

rm -f "$DIR/conf.json"
expect_start_error 2 \
    '--pmd-max-sleep-us: "abc" is not a number of microseconds from 0 to 10000' \
    --pmd-max-sleep-us=abc
expect_start_error 2 '"10001" is not a number of microseconds' \
    --pmd-max-sleep-us=10001
expect_start_error 2 '"-1" is not a number of microseconds' \
    --pmd-max-sleep-us=-1
expect_start_error 2 '--pmd-cores: "5-3" is not a CPU list: the range 5-3 goes backwards' \
    --pmd-cores=5-3
expect_start_error 2 '"1,,2" is not a CPU list' --pmd-cores=1,,2
expect_start_error 2 '--dpdk-args: EAL arguments are split at white space' \
    "--dpdk-args=--vdev 'net_tap0'"
[ -e "$DIR/conf.json" ] && fail "a refused option wrote the configuration file"

EAL="--no-pci --file-prefix=vswitchd-basic-$$"
start "--dpdk-args=$EAL" --pmd-cores=0,2-3 --pmd-max-sleep-us=0
want="{\"eal-args\": \"$EAL\", \"pmd-cores\": \"0,2-3\", \"pmd-max-sleep-us\": 0}"
[ "$(dpdk_cfg)" = "$want" ] || fail "options not saved: $(dpdk_cfg)"
want_log="EAL arguments \"$EAL\", PMD cores 0,2-3, PMD sleep up to 0 us"
[ "$(dpdk_log)" = "$want_log" ] || fail "options not applied: $(dpdk_log)"
out=$(vsctl pmd-stats 2>&1) || fail "pmd-stats exited $?: $out"
case $out in
"DPDK has not started"*) ;;
*) fail "pmd-stats with DPDK configured but not started: '$out'" ;;
esac
stop

# A restart without options comes back with the same settings.
start
[ "$(dpdk_cfg)" = "$want" ] || fail "after restart, file has $(dpdk_cfg)"
[ "$(dpdk_log)" = "$want_log" ] || fail "after restart: $(dpdk_log)"
stop

# An option overrides the file's setting and the others stay; an empty
# value restores the default.  A refused option leaves the file alone.
start --pmd-max-sleep-us=100 --pmd-cores=
want="{\"eal-args\": \"$EAL\", \"pmd-max-sleep-us\": 100}"
[ "$(dpdk_cfg)" = "$want" ] || fail "override not saved: $(dpdk_cfg)"
want_log="EAL arguments \"$EAL\", PMD cores (the last CPU), PMD sleep up to 100 us"
[ "$(dpdk_log)" = "$want_log" ] || fail "override not applied: $(dpdk_log)"
stop
cp "$DIR/conf.json" "$DIR/conf.before"
expect_start_error 2 '"x" is not a CPU list' --pmd-cores=x
cmp -s "$DIR/conf.json" "$DIR/conf.before" \
    || fail "a refused option changed the configuration file"
start --dpdk-args= --pmd-max-sleep-us=
[ "$(dpdk_cfg)" = null ] || fail "defaults not restored: $(dpdk_cfg)"
want_log='EAL arguments "--single-file-segments --file-prefix=pont", PMD cores (the last CPU), PMD sleep up to 250 us'
[ "$(dpdk_log)" = "$want_log" ] || fail "defaults not applied: $(dpdk_log)"
stop

# The file's "dpdk" object is checked like the rest of it.
printf '{"version": 1, "dpdk": {"pmd-max-sleep-us": "250"}}\n' \
    >"$DIR/conf.json"
expect_start_error 1 \
    "$DIR/conf.json: dpdk.pmd-max-sleep-us must be a number of microseconds from 0 to 10000"
printf '{"version": 1, "dpdk": {"pmd-cores": "3-1"}}\n' >"$DIR/conf.json"
expect_start_error 1 'dpdk.pmd-cores "3-1" is not a CPU list'
printf '{"version": 1, "dpdk": {"cores": "1"}}\n' >"$DIR/conf.json"
expect_start_error 1 "dpdk.cores is not a known member"
# An option does not mend a bad file: the file is refused all the same.
expect_start_error 1 "dpdk.cores is not a known member" --pmd-cores=1
# Options are saved only once the switch runs: a bridge that cannot be
# created leaves the file as it was.
printf '{"version": 1, "bridges": [{"name": "b", "datapath": "ebpf"}]}\n' \
    >"$DIR/conf.json"
cp "$DIR/conf.json" "$DIR/conf.before"
expect_start_error 1 "cannot create bridge b" --pmd-cores=1
cmp -s "$DIR/conf.json" "$DIR/conf.before" \
    || fail "a failed start saved the DPDK options"

if [ $N_FAILED -gt 0 ]; then
    echo "$N_FAILED check(s) failed; log:" >&2
    cat "$DIR/log" >&2
    exit 1
fi
echo "vswitchd-basic: all checks passed"
