#!/usr/bin/env bash
# The single node against the cluster (3 members, 1 and 2 gateways) at constant offered rates, in one
# sitting, and claims straight through the cluster client. Each process pinned to cores of its own
# where the machine has them (taskset), so the figures say what each part costs, not what two cores
# shared by everything allow.
#
#   bench/scripts/cluster-scaleout.sh KIT OUT [RATES...]
#
# KIT holds startline.jar, startline-bench.jar and the load generator's other jars in lib/ (Jetty's client,
# HdrHistogram), and optionally jre.tar.xz (a jlink runtime, for a machine without Java). OUT gets
# summary.txt as the runs go, and every log and JSON in OUT/details (packed into OUT/details.tar.gz
# with PACK=1, for a machine that sends back a few files only).
# Rates default to "10000 25000" HTTP claims/s; CLIENT_RATES to "50000 100000" through the client;
# USERS (150000) and VOUCHERS (50000) size each flash drop.
set -uo pipefail
KIT=$(cd "${1:?kit directory}" && pwd)
SUMMARY_DIR=$(mkdir -p "${2:?output directory}" && cd "$2" && pwd)
OUT=$SUMMARY_DIR/details
mkdir -p "$OUT"
exec > >(tee -a "$SUMMARY_DIR/summary.txt") 2>&1
shift 2
RATES=${*:-10000 25000}
CLIENT_RATES=${CLIENT_RATES:-50000 100000}
USERS=${USERS:-150000}
VOUCHERS=${VOUCHERS:-50000}
WORK=$(mktemp -d /tmp/startline-scaleout.XXXX)

JAVA=java
if ! command -v java >/dev/null 2>&1; then
    tar -xJf "$KIT/jre.tar.xz" -C "$WORK" && JAVA=$(ls -d "$WORK"/*/bin/java)
fi
"$JAVA" -version 2>&1 | head -1
CORES=$(nproc)
echo "cores: $CORES; rates: $RATES; client rates: $CLIENT_RATES; users $USERS, vouchers $VOUCHERS"
OPENS="--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.zip=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
 --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true"
NODE_CP="$KIT/startline.jar"
LOAD_CP="$KIT/startline.jar:$KIT/startline-bench.jar:$KIT/lib/*"
SECRET=scaleout-jwt-secret-scaleout-jwt-secret-0123456789

# cpus FIRST COUNT: a core range, or nothing where the machine has too few cores to give each its own.
cpus() { if [ "$CORES" -ge 16 ] && command -v taskset >/dev/null; then echo "taskset -c $1-$(($1 + $2 - 1))"; fi; }
node() { "$JAVA" $OPENS -XX:+UseParallelGC "$@"; }
# exec: run in the background, the process whose id $! gives is the JVM itself, which kill then stops.
startline() { local pin=$1; shift; exec $pin "$JAVA" $OPENS -XX:+UseParallelGC -cp "$NODE_CP" io.startline.gateway.node.NodeMain "$@"; }
load() { $(cpus 10 6) "$JAVA" $OPENS -Xmx3g -cp "$LOAD_CP" io.startline.bench.load.LoadMain "$@"; }
await_health() {
    for _ in $(seq 1 300); do
        if { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then
            printf 'GET /health HTTP/1.0\r\n\r\n' >&3; head -1 <&3 | grep -q ' 200' && { exec 3<&-; return 0; }
            exec 3<&-
        fi
        sleep 0.2
    done
    echo "nothing healthy on port $1"; return 1
}
flash() {
    local name=$1 urls=$2 rate=$3
    echo "=== $name at $rate claims/s ==="
    load flash-drop --url "$urls" --jwt-secret "$SECRET" --rate "$rate" --users "$USERS" --vouchers "$VOUCHERS" \
        --warmup-seconds 5 --check-sample 2000 --no-charts --out "$OUT/load-$name" > "$OUT/$name-$rate.log" 2>&1
    echo "exit $?"; sed -n '/offered: end check/,/  end check:/p' "$OUT/$name-$rate.log" | tail -12
}

(startline "" keygen --node-key "$WORK/node.key" --cluster-secret "$WORK/cluster.secret" >/dev/null)

# The single node: four cores of its own.
for rate in $([ "${SKIP_SINGLE:-0}" = 1 ] || echo $RATES); do
    rm -rf "$WORK/single"
    startline "$(cpus 0 4)" serve --port 8080 --host 127.0.0.1 --data-dir "$WORK/single" --jwt-secret "$SECRET" \
        > "$OUT/single-node-$rate.out" 2>&1 &
    SINGLE=$!
    await_health 8080 && flash single-node http://127.0.0.1:8080 "$rate"
    kill $SINGLE; wait $SINGLE 2>/dev/null
done

# The cluster: three members (two cores each), gateways of two cores each.
MEMBERS=0=127.0.0.1:20000,1=127.0.0.1:20010,2=127.0.0.1:20020
start_members() {
    for id in 0 1 2; do
        startline "$(cpus $((id * 2)) 2)" cluster-node --member-id $id --members $MEMBERS --data-dir "$WORK/member-$id" \
            --node-key-file "$WORK/node.key" --cluster-secret-file "$WORK/cluster.secret" > "$OUT/member-$id.out" 2>&1 &
        PIDS="$PIDS $!"
    done
}
start_gateway() {
    startline "$(cpus $1 2)" gateway --members $MEMBERS --port $2 --host 127.0.0.1 --egress 127.0.0.1:0 \
        --jwt-secret "$SECRET" --node-key-file "$WORK/node.key" --cluster-secret-file "$WORK/cluster.secret" \
        > "$OUT/gateway-$2.out" 2>&1 &
    PIDS="$PIDS $!"
}
for gateways in $([ "${SKIP_CLUSTER_HTTP:-0}" = 1 ] || echo 1 2); do
    for rate in $RATES; do
        PIDS=""
        rm -rf "$WORK"/member-*
        start_members
        start_gateway 6 8081
        URLS=http://127.0.0.1:8081
        if [ $gateways = 2 ]; then start_gateway 8 8082; URLS=$URLS,http://127.0.0.1:8082; fi
        await_health 8081 && { [ $gateways = 1 ] || await_health 8082; } && flash "cluster-$gateways-gateway" "$URLS" "$rate"
        kill $PIDS; wait $PIDS 2>/dev/null
    done
done

# Claims through the cluster client alone: the cluster's own cost, without HTTP.
for rate in $CLIENT_RATES; do
    PIDS=""
    rm -rf "$WORK"/member-*
    start_members
    sleep 3
    echo "=== cluster client at $rate claims/s ==="
    $(cpus 10 6) "$JAVA" $OPENS -Xmx3g -cp "$LOAD_CP" io.startline.bench.cluster.ClusterClaimBench --members $MEMBERS \
        --cluster-secret-file "$WORK/cluster.secret" --rate "$rate" --seconds 15 --warmup-seconds 5 2>&1 \
        | tee "$OUT/cluster-client-$rate.log" | grep "cluster claims"
    kill $PIDS; wait $PIDS 2>/dev/null
done
rm -rf "$WORK"
if [ "${PACK:-0}" = 1 ]; then tar -czf "$SUMMARY_DIR/details.tar.gz" -C "$OUT" . && rm -rf "$OUT"; fi
