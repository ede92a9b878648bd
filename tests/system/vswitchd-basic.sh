#!/bin/bash
# System test of pont-vswitchd and pont-vsctl: a real daemon on a dummy
# datapath, driven through its real command-line tool, with an OpenFlow
# tool (ovs-ofctl if installed, else pont-ofctl) on its listener, traffic
# through unix-socket ports, a restart that must bring the configuration
# back, and every error path of pont-vsctl with its message and exit code.
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

# --- Traffic between socket ports, learning switch without controller. ---
expect_ok "" add-port br0 p2 type=dummy "sock=$DIR/p2.sock"
expect_ok "" add-port br0 p3 type=dummy "sock=$DIR/p3.sock" ofport=7
expect_ok "" set-fail-mode br0 standalone
expect_ok "7" get-ofport br0 p3
got=$(send_frame p2 p3)
[ "$got" = 42 ] || fail "p3 got '$got' of a 42-byte broadcast from p2"
vsctl dump-dp-flows br0 | grep -q "packets:1, bytes:42" \
    || fail "dump-dp-flows lacks the megaflow: $(vsctl dump-dp-flows br0)"
expect_ok "" set-dpid br0 00000000000000aa
vsctl show | grep -q "datapath_id: 00000000000000aa" || fail "dpid not set"

# --- Every error of pont-vsctl. ---
expect_error 1 "no bridge named nobr (pont-vsctl show lists them)" \
    del-br nobr
expect_error 1 "no bridge named nobr" add-port nobr p9 type=dummy
expect_error 1 "no bridge named nobr" set-controller nobr tcp:127.0.0.1
expect_error 1 "a bridge named br0 already exists" add-br br0
expect_error 1 "datapath type dpdk is not available in this build yet; use datapath=dummy" \
    add-br br1 datapath=dpdk
expect_error 1 "datapath type ebpf is not available" add-br br1 datapath=ebpf
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

# --- Restart: the configuration comes back. ---
stop
start
expect_ok "br0" list-br
expect_ok "$(printf 'p1\np2\np3')" list-ports br0
expect_ok "7" get-ofport br0 p3
show=$(vsctl show)
for want in "datapath_id: 00000000000000aa" "fail_mode: standalone" \
    "iface-id: acme/vm1" "bound to TCP port"; do
    case $show in *"$want"*) ;; *) fail "after restart, show lacks '$want'" ;; esac
done
got=$(send_frame p2 p3)
[ "$got" = 42 ] || fail "after restart, p3 got '$got'"

# --- Deleting. ---
expect_ok "" del-port br0 p2
expect_ok "" del-port p3
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

if [ $N_FAILED -gt 0 ]; then
    echo "$N_FAILED check(s) failed; log:" >&2
    cat "$DIR/log" >&2
    exit 1
fi
echo "vswitchd-basic: all checks passed"
