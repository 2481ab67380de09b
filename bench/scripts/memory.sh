#!/usr/bin/env bash
# Memory that each way of running takes, idle, as the kernel counts it: PSS (a process's own pages
# plus its share of pages mapped by several, such as the media drivers' buffers in /dev/shm and
# the page cache of the jar), summed over the processes, and RSS beside it. Each JVM is started by
# bin/startline, as the README starts it, then left idle SETTLE_S seconds after its /health 200.
#
#   bench/scripts/memory.sh [SETTLE_S]
#
# Prints one line per setup: an idle demo node (small and default limits), an idle `serve` node at
# its default limits, and a cluster of three members on small limits with one gateway.
set -uo pipefail
SETTLE_S=${1:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
START=$ROOT/bin/startline
SECRET=memory-secret-memory-secret-0123456789abcdef
WORK=$(mktemp -d /tmp/startline-memory.XXXX)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

kib() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$2/smaps_rollup"; }
await_health() {
    for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$1/health" && return 0; sleep 0.2; done
    echo "nothing healthy on port $1" >&2; return 1
}
report() { # LABEL PID...
    local label=$1 pss=0 rss=0 pid
    shift
    for pid in "$@"; do
        pss=$((pss + $(kib Pss "$pid"))); rss=$((rss + $(kib Rss "$pid")))
    done
    printf '%-44s PSS %6d MiB   RSS %6d MiB   (%d processes)\n' "$label" $((pss / 1024)) $((rss / 1024)) $#
}

for setup in "demo SMALL" "demo DEFAULT" "serve DEFAULT"; do
    read -r command limits <<< "$setup"
    "$START" $command --limits "$limits" --data-dir "$WORK/$command-$limits" --port 18090 --host 127.0.0.1 \
        --jwt-secret "$SECRET" > "$WORK/$command-$limits.log" 2>&1 &
    pid=$!
    await_health 18090 && sleep "$SETTLE_S" && report "$command, $limits limits, idle" $pid
    kill $pid; wait $pid 2>/dev/null
done

"$START" keygen --node-key "$WORK/node.key" --cluster-secret "$WORK/cluster.secret" > /dev/null
MEMBERS=0=127.0.0.1:21000,1=127.0.0.1:21010,2=127.0.0.1:21020
pids=()
for id in 0 1 2; do
    "$START" cluster-node --member-id $id --members $MEMBERS --data-dir "$WORK/member-$id" --limits SMALL \
        --node-key-file "$WORK/node.key" --cluster-secret-file "$WORK/cluster.secret" > "$WORK/member-$id.log" 2>&1 &
    pids+=($!)
done
"$START" gateway --members $MEMBERS --port 18091 --host 127.0.0.1 --egress 127.0.0.1:0 --jwt-secret "$SECRET" \
    --node-key-file "$WORK/node.key" --cluster-secret-file "$WORK/cluster.secret" > "$WORK/gateway.log" 2>&1 &
pids+=($!)
if await_health 18091; then
    sleep "$SETTLE_S"
    report "cluster: 3 members (SMALL) + 1 gateway, idle" "${pids[@]}"
    for i in 0 1 2 3; do report "  process $i" "${pids[$i]}"; done
fi
