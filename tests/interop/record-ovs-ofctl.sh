#!/bin/bash
# record-ovs-ofctl.sh CMDFILE OUTFILE
#
# Records the golden bytes Open vSwitch encodes for ovs-ofctl commands.
# Each line of CMDFILE is an ovs-ofctl subcommand with its arguments, written
# as in a shell but without the target, optionally preceded by ovs-ofctl
# options, e.g.
#     add-flow "table=0,priority=100,ip,actions=drop"
#     --strict del-flows "priority=5,ip"
#     --bundle add-flow "in_port=1,actions=output:2"
# Blank lines and lines starting with '#' are skipped.  For each command a
# fresh fake-switch.py is started and
#     ovs-ofctl -O OpenFlow13 [OPTIONS] SUBCOMMAND tcp:127.0.0.1:PORT ARGS...
# is run against it.  OUTFILE gets one line per command:
#     <line number in CMDFILE><TAB><hex of each message sent, space-separated>
# leaving out the messages that are only connection housekeeping: HELLO,
# ECHO_REQUEST/REPLY, BARRIER_REQUEST, FEATURES_REQUEST and the PORT_DESC and
# TABLE_FEATURES multipart requests (ovs-ofctl sends the last two on separate
# connections, to map port and table names, before most commands).
#
# Exit status: 0 if every command succeeded; 1 if any failed (each failure is
# reported on stderr and gets no OUTFILE line); 2 on bad usage.
# Cleans up: the fake switch of the command under way (killed by its saved
# PID) and the temporary directory, also when interrupted.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 CMDFILE OUTFILE" >&2
    exit 2
fi
cmdfile=$1
outfile=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=/usr/bin/python3
timeout_s=20

fail() {
    echo "record-ovs-ofctl: $*" >&2
    exit 1
}

command -v ovs-ofctl >/dev/null 2>&1 \
    || fail "ovs-ofctl not found: install openvswitch-common"
[ -x "$python" ] || fail "$python not found: install python3"
[ -r "$cmdfile" ] || fail "cannot read command file $cmdfile"

tmp=$(mktemp -d /tmp/record-ovs-ofctl.XXXXXX)
switch_pid=
stop_switch() {
    if [ -n "$switch_pid" ]; then
        kill "$switch_pid" 2>/dev/null || true
        wait "$switch_pid" 2>/dev/null || true
        switch_pid=
    fi
}
cleanup() {
    stop_switch
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts a fake switch recording into $tmp/record; sets switch_pid and port.
start_switch() {
    : >"$tmp/record"
    : >"$tmp/switch.out"
    "$python" "$here/fake-switch.py" --port 0 --record "$tmp/record" \
        </dev/null >"$tmp/switch.out" 2>"$tmp/switch.err" &
    switch_pid=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's/^listening on \([0-9]*\)$/\1/p' "$tmp/switch.out")
        [ -n "$port" ] && return 0
        kill -0 "$switch_pid" 2>/dev/null || break
        sleep 0.05
    done
    cat "$tmp/switch.err" >&2
    fail "fake-switch.py did not start listening"
}

# Prints the recorded messages worth keeping, space-separated, on one line.
# Hex offsets: type at 2, multipart type at 16 (both 0-based).
golden_messages() {
    awk '{
        type = substr($2, 3, 2)
        if (type == "00" || type == "02" || type == "03" || type == "05" \
            || type == "14")
            next
        if (type == "12") {
            mp_type = substr($2, 17, 4)
            if (mp_type == "000c" || mp_type == "000d")
                next
        }
        printf "%s%s", sep, $2
        sep = " "
    } END { printf "\n" }' "$tmp/record"
}

: >"$outfile" || fail "cannot write $outfile"
n_ok=0
n_failed=0
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case $line in
        '' | '#'*) continue ;;
    esac
    # Split the line as a shell would, without expanding anything in it.
    mapfile -d '' -t words < <("$python" -c '
import shlex, sys
try:
    words = shlex.split(sys.argv[1])
except ValueError as e:
    sys.exit("record-ovs-ofctl: cannot split the line: %s" % e)
for word in words:
    sys.stdout.write(word + "\0")' "$line")
    options=()
    while [ ${#words[@]} -gt 0 ] && [[ ${words[0]} == -* ]]; do
        options+=("${words[0]}")
        words=("${words[@]:1}")
    done
    [ ${#words[@]} -gt 0 ] \
        || fail "$cmdfile:$lineno: no subcommand, or unbalanced quotes: $line"

    start_switch
    if timeout "$timeout_s" ovs-ofctl -O OpenFlow13 "${options[@]}" \
            "${words[0]}" "tcp:127.0.0.1:$port" "${words[@]:1}" \
            </dev/null >"$tmp/ofctl.out" 2>"$tmp/ofctl.err"; then
        stop_switch
        printf '%d\t%s\n' "$lineno" "$(golden_messages)" >>"$outfile"
        n_ok=$((n_ok + 1))
    else
        status=$?
        stop_switch
        echo "record-ovs-ofctl: $cmdfile:$lineno: ovs-ofctl exited with" \
             "status $status for: $line" >&2
        sed 's/^/    /' "$tmp/ofctl.err" >&2
        n_failed=$((n_failed + 1))
    fi
done <"$cmdfile"

echo "record-ovs-ofctl: $n_ok commands recorded, $n_failed failed"
[ "$n_failed" -eq 0 ]
