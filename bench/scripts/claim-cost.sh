#!/usr/bin/env bash
# Bytes allocated and CPU time per request of a flash drop over HTTP, for two builds of the node run
# one after the other, alternating, on the same machine: the before and after of a change to the
# HTTP path. Allocation over the measured run is the heap's growth (jcmd GC.heap_info before and
# after) plus what each collection in between freed (the node's GC log); CPU is user + system from
# /proc. Any build can be measured, whatever metrics it has.
#
#   bench/scripts/claim-cost.sh OUT JAR_BEFORE JAR_AFTER [ROUNDS] [USERS] [RATE]
#
# SERVE_ARGS_BEFORE and SERVE_ARGS_AFTER, when set, are added to that build's `serve` (e.g.
# SERVE_ARGS_AFTER=--access-log to measure one build with and without its access log).
#
# Needs bench/target/startline-load.jar and jcmd (the JDK's).
set -uo pipefail
OUT=$(mkdir -p "${1:?output directory}" && cd "$1" && pwd)
BEFORE=${2:?the jar before}
AFTER=${3:?the jar after}
ROUNDS=${4:-3}
USERS=${5:-200000}
RATE=${6:-3000}
SECRET=claim-cost-secret-claim-cost-secret-0123456789
LOAD=bench/target/startline-load.jar
TICKS=$(getconf CLK_TCK)

uptime_s() { jcmd "$1" VM.uptime 2>/dev/null | awk '/[0-9]+(\.[0-9]+)? s/ {print $1; exit}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# KiB of heap in use now (young and old).
heap_used_kb() { jcmd "$1" GC.heap_info | awk '/(PSYoungGen|ParOldGen)/ { for (i = 1; i < NF; i++) if ($i == "used") { gsub("K,?", "", $(i + 1)); n += $(i + 1) } } END { print n }'; }
# MiB the collections between two uptimes freed, from "Pause ... A M->B M(...)" lines of -Xlog:gc.
freed_mb() {
    awk -v from="$2" -v to="$3" '
        /Pause/ { t = substr($1, 2) + 0; match($0, /[0-9]+M->[0-9]+M/); s = substr($0, RSTART, RLENGTH);
                  split(s, p, "M->"); if (t > from && t <= to) total += p[1] - p[2] }
        END { print total + 0 }' "$1"
}

for round in $(seq 1 "$ROUNDS"); do
    for which in before after; do
        JAR=$BEFORE; EXTRA=${SERVE_ARGS_BEFORE:-}
        [ $which = after ] && JAR=$AFTER && EXTRA=${SERVE_ARGS_AFTER:-}
        DATA=$(mktemp -d /tmp/claim-cost.XXXX)
        GC="$OUT/gc-$which-$round.log"
        java -XX:+UseParallelGC -Xms2g -Xmx2g -Xlog:gc:file="$GC" -jar "$JAR" serve --port 8097 --host 127.0.0.1 \
            --data-dir "$DATA" --jwt-secret $SECRET --limits SMALL $EXTRA > "$OUT/node-$which-$round.log" 2>&1 &
        NODE=$!
        for _ in $(seq 1 100); do curl -sf localhost:8097/health >/dev/null && break; sleep 0.2; done
        java -jar $LOAD flash-drop --url http://127.0.0.1:8097 --jwt-secret $SECRET --rate "$RATE" --users 50000 \
            --vouchers 5000 --check-sample 500 --no-charts --out "$OUT/warmup" > /dev/null 2>&1
        T0=$(uptime_s $NODE); C0=$(cpu_ticks $NODE); H0=$(heap_used_kb $NODE)
        java -jar $LOAD flash-drop --url http://127.0.0.1:8097 --jwt-secret $SECRET --rate "$RATE" --users "$USERS" \
            --vouchers $((USERS / 10)) --check-sample 1000 --no-charts --out "$OUT/load" > "$OUT/load-$which-$round.log" 2>&1
        T1=$(uptime_s $NODE); C1=$(cpu_ticks $NODE); H1=$(heap_used_kb $NODE)
        REQUESTS=$(awk '/^  (claims|redemptions|own-vouchers) / {gsub(",", "", $2); n += $2} END {print n}' \
            "$OUT/load-$which-$round.log" | tail -1)
        MB=$(awk -v h0="$H0" -v h1="$H1" -v freed="$(freed_mb "$GC" "$T0" "$T1")" 'BEGIN { print (h1 - h0) / 1024 + freed }')
        awk -v w=$which -v r=$round -v mb="$MB" -v c=$((C1 - C0)) -v n="$REQUESTS" -v hz="$TICKS" 'BEGIN {
            printf "%s round %d: %d requests, %.0f bytes and %.0f µs of CPU a request\n", w, r, n, mb * 1048576 / n,
                c / hz * 1e6 / n }'
        kill $NODE; wait $NODE 2>/dev/null
        rm -rf "$DATA"
    done
done
