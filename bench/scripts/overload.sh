#!/usr/bin/env bash
# Overload on one node: a flash drop offered at RATE for SECONDS, first with admission control at
# its default latency target, then with it off (--latency-target-ms 0), one after the other, each
# on a fresh node. The node runs on CPU NODE_CPUS and the generator on GENERATOR_CPUS (taskset), so
# that the generator keeps its schedule while the node is overloaded. Prints the generator's
# summary, the node's refusals, the ring's wait (the node's own enqueue-to-engine time for what it
# took: p99 read from the histogram's buckets) and its longest collection.
#
#   [TARGETS="100 0"] bench/scripts/overload.sh OUT [RATE] [SECONDS] [CONNECTIONS] [NODE_CPUS] [GENERATOR_CPUS]
#
# Needs gateway/target/startline.jar and bench/target/startline-load.jar (the README's build lines).
set -uo pipefail
OUT=$(mkdir -p "${1:?output directory}" && cd "$1" && pwd)
RATE=${2:-6000}
SECONDS_OFFERED=${3:-30}
CONNECTIONS=${4:-2000}
NODE_CPUS=${5:-0}
GENERATOR_CPUS=${6:-1}
SECRET=overload-secret-overload-secret-0123456789abc
JAR=gateway/target/startline.jar
LOAD=bench/target/startline-load.jar
USERS=$((RATE * SECONDS_OFFERED))
for target in ${TARGETS:-100 0}; do
    DATA=$(mktemp -d /tmp/overload.XXXX)
    taskset -c "$NODE_CPUS" java -XX:+UseParallelGC -Xms2g -Xmx2g -Xlog:gc:file="$OUT/gc-$target.log" \
        -Dchronicle.analytics.disable=true -jar $JAR serve --port 8096 --host 127.0.0.1 --data-dir "$DATA" \
        --jwt-secret $SECRET --limits SMALL --latency-target-ms $target --max-connections-per-address 10000 > "$OUT/node-$target.log" 2>&1 &
    NODE=$!
    for _ in $(seq 1 100); do curl -sf localhost:8096/health >/dev/null && break; sleep 0.2; done
    taskset -c "$GENERATOR_CPUS" java -jar $LOAD flash-drop --url http://127.0.0.1:8096 --jwt-secret $SECRET \
        --rate "$RATE" --users "$USERS" --vouchers $((USERS / 10)) --connections "$CONNECTIONS" --warmup-seconds 10 \
        --check-sample 1000 --no-charts --out "$OUT/load-$target" > "$OUT/load-$target.log" 2>&1
    echo "=== latency target $target ms: $USERS users at $RATE/s, $CONNECTIONS connections ==="
    grep -A3 -E "^  claims " "$OUT/load-$target.log"
    grep -E "end check:|flash-drop at" "$OUT/load-$target.log" | head -2
    curl -s localhost:8096/metrics > "$OUT/metrics-$target.txt"
    grep -E "^startline_admission_refused_total|^startline_ring_wait_max_seconds" "$OUT/metrics-$target.txt"
    awk -F'[{}" ]+' '/^startline_ring_wait_seconds_bucket/ {le[n]=$3; c[n++]=$NF} END {for (i = 0; i < n; i++) if (c[i] >= 0.99 * c[n-1]) {print "  ring wait p99 <= " le[i] " s of " c[n-1]; exit}}' "$OUT/metrics-$target.txt"
    awk '/Pause Young|Pause Full/ {gsub("ms","",$NF); if ($NF+0 > m) m = $NF+0; n++} END {printf "  GC: %d pauses, longest %.1f ms\n", n, m}' "$OUT/gc-$target.log"
    kill $NODE; wait $NODE 2>/dev/null
    rm -rf "$DATA"
done
