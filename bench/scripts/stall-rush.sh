#!/usr/bin/env bash
# A rush on one node that crosses its periodic snapshots, with the snapshot deferred (the default)
# and not (-Dstartline.snapshot.defer.busy.rate=0), one after the other: the ring's longest wait
# (startline_ring_wait_max_seconds) and the load generator's latency, with the node's GC log, so a
# long wait can be named: a snapshot (the node's log says when), a collection (the GC log), or load.
#
#   bench/scripts/stall-rush.sh OUT [USERS] [RATE] [SNAPSHOT_INTERVAL]
#
# Needs gateway/target/startline.jar and bench/target/startline-load.jar (the README's build lines).
set -uo pipefail
OUT=$(mkdir -p "${1:?output directory}" && cd "$1" && pwd)
USERS=${2:-600000}
RATE=${3:-8000}
INTERVAL=${4:-300000}
SECRET=stall-rush-secret-stall-rush-secret-0123456789
JAR=gateway/target/startline.jar
LOAD=bench/target/startline-load.jar
for mode in deferred inline; do
    DATA=$(mktemp -d /tmp/stall-rush.XXXX)
    DEFER=""; [ $mode = inline ] && DEFER="-Dstartline.snapshot.defer.busy.rate=0"
    java -XX:+UseParallelGC -Xms2g -Xmx2g -Xlog:gc:file="$OUT/gc-$mode.log" $DEFER -jar $JAR serve --port 8095 \
        --host 127.0.0.1 --data-dir "$DATA" --jwt-secret $SECRET --snapshot-interval "$INTERVAL" > "$OUT/node-$mode.log" 2>&1 &
    NODE=$!
    for _ in $(seq 1 100); do curl -sf localhost:8095/health >/dev/null && break; sleep 0.2; done
    java -jar $LOAD flash-drop --url http://127.0.0.1:8095 --jwt-secret $SECRET --rate "$RATE" --users "$USERS" \
        --vouchers $((USERS / 10)) --check-sample 1000 --no-charts --out "$OUT/load-$mode" > "$OUT/load-$mode.log" 2>&1
    echo "=== snapshot $mode: $USERS users at $RATE/s, snapshot every $INTERVAL commands ==="
    curl -s localhost:8095/metrics | grep -E "^startline_ring_wait_max_seconds|^startline_ring_wait_seconds_(count|sum)"
    grep -h "snapshot: .* in [0-9]* ms" "$OUT/node-$mode.log" | sed 's/.*snapshot: /  snapshot: /'
    grep -E "^  claims " "$OUT/load-$mode.log" | tail -1
    awk '/Pause Young|Pause Full/ {gsub("ms","",$NF); if ($NF+0 > m) m = $NF+0; n++} END {printf "  GC: %d pauses, longest %.1f ms\n", n, m}' "$OUT/gc-$mode.log"
    kill $NODE; wait $NODE 2>/dev/null
    rm -rf "$DATA"
done
