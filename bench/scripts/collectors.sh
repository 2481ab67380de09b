#!/usr/bin/env bash
# The node's collector by measurement: one flash drop at a constant offered rate per collector,
# the collectors alternating for ROUNDS rounds, the node at its default limits (what `serve`
# keeps). Prints, per run, the generator's claims p50/p99/p99.9/max, the ring's longest wait
# and the GC log's longest pause and pause total during the load (ZGC's pauses are not in its
# info-level log: it shows none), then nothing else: compare the medians.
#
#   bench/scripts/collectors.sh OUT [ROUNDS] [USERS] [RATE] [HEAP]
#
# Needs gateway/target/startline.jar and bench/target/startline-load.jar (the README's build lines).
set -uo pipefail
OUT=$(mkdir -p "${1:?output directory}" && cd "$1" && pwd)
ROUNDS=${2:-2}
USERS=${3:-200000}
RATE=${4:-4000}
HEAP=${5:-2g}
SECRET=collectors-secret-collectors-secret-0123456789
JAR=gateway/target/startline.jar
LOAD=bench/target/startline-load.jar
declare -A FLAGS=([parallel]="-XX:+UseParallelGC" [g1]="-XX:+UseG1GC" [zgc]="-XX:+UseZGC")
for round in $(seq 1 "$ROUNDS"); do
    for gc in parallel g1 zgc; do
        run="$gc-$round"
        DATA=$(mktemp -d /tmp/collectors.XXXX)
        # shellcheck disable=SC2086
        java ${FLAGS[$gc]} -Xms$HEAP -Xmx$HEAP -Xlog:gc:file="$OUT/gc-$run.log" -jar $JAR serve --port 8096 \
            --host 127.0.0.1 --data-dir "$DATA" --jwt-secret $SECRET > "$OUT/node-$run.log" 2>&1 &
        NODE=$!
        for _ in $(seq 1 100); do curl -sf localhost:8096/health > /dev/null && break; sleep 0.2; done
        before_load=$(wc -l < "$OUT/gc-$run.log")
        java -jar $LOAD flash-drop --url http://127.0.0.1:8096 --jwt-secret $SECRET --rate "$RATE" --users "$USERS" \
            --vouchers $((USERS / 10)) --check-sample 1000 --no-charts --out "$OUT/load-$run" > "$OUT/load-$run.log" 2>&1
        claims=$(grep -E "^  claims " "$OUT/load-$run.log" | tail -1 | sed 's/^ *//')
        ring=$(curl -s localhost:8096/metrics | awk '/^startline_ring_wait_max_seconds/ {printf "%.1f ms", $2 * 1000}')
        pauses=$(tail -n +$((before_load + 1)) "$OUT/gc-$run.log" | grep Pause | grep -oE "[0-9.]+ms$" | tr -d ms | awk '{if ($1 > m) m = $1; s += $1; n++} END {printf "%d pauses, longest %.1f ms, total %.0f ms", n, m, s}')
        echo "$run | $claims | ring wait max $ring | GC $pauses"
        kill $NODE; wait $NODE 2>/dev/null
        rm -rf "$DATA"
    done
done
