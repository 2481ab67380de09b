#!/usr/bin/env bash
# A flash drop at a constant rate on one node, alternately without and with connections attacking
# the server beside it (slow headers, huge headers, trickled bodies, silent sockets: PER_KIND each),
# ROUNDS rounds, each on a fresh node at its default connection limits. Prints the claims' latency
# for each run and, for the attacked ones, how long the server took to close each kind of attack.
#
#   bench/scripts/attack.sh OUT [RATE] [SECONDS] [PER_KIND] [ROUNDS]
#
# Needs gateway/target/startline.jar and bench/target/startline-load.jar (the README's build lines).
set -uo pipefail
OUT=$(mkdir -p "${1:?output directory}" && cd "$1" && pwd)
RATE=${2:-2000}
SECONDS_OFFERED=${3:-30}
PER_KIND=${4:-100}
ROUNDS=${5:-2}
SECRET=attack-secret-attack-secret-attack-0123456789
JAR=gateway/target/startline.jar
LOAD=bench/target/startline-load.jar
USERS=$((RATE * SECONDS_OFFERED))
# The silent sockets are closed after the idle timeout (60 s): the attack outlasts the load run.
ATTACK_SECONDS=$((SECONDS_OFFERED + 80))
for round in $(seq 1 "$ROUNDS"); do
    for variant in quiet attacked; do
        DATA=$(mktemp -d /tmp/attack.XXXX)
        java -XX:+UseParallelGC -Xms1g -Xmx1g -Dchronicle.analytics.disable=true -jar $JAR serve --port 8097 \
            --host 127.0.0.1 --data-dir "$DATA" --jwt-secret $SECRET --limits SMALL \
            --max-connections-per-address 10000 > "$OUT/node-$variant-$round.log" 2>&1 &
        NODE=$!
        for _ in $(seq 1 100); do curl -sf localhost:8097/health >/dev/null && break; sleep 0.2; done
        ATTACK=""
        if [ $variant = attacked ]; then
            java -cp $LOAD io.startline.bench.load.ConnectionAttack 127.0.0.1 8097 "$PER_KIND" "$ATTACK_SECONDS" \
                > "$OUT/attack-$round.log" 2>&1 &
            ATTACK=$!
            sleep 2
        fi
        java -jar $LOAD flash-drop --url http://127.0.0.1:8097 --jwt-secret $SECRET --rate "$RATE" --users "$USERS" \
            --vouchers $((USERS / 10)) --warmup-seconds 10 --check-sample 1000 --no-charts \
            --out "$OUT/load-$variant-$round" > "$OUT/load-$variant-$round.log" 2>&1
        echo "=== round $round, $variant: $USERS users at $RATE/s ==="
        grep -A3 -E "^  claims " "$OUT/load-$variant-$round.log"
        grep -E "end check:" "$OUT/load-$variant-$round.log" | head -1
        if [ -n "$ATTACK" ]; then wait $ATTACK; cat "$OUT/attack-$round.log"; fi
        kill $NODE; wait $NODE 2>/dev/null
        rm -rf "$DATA"
    done
done
