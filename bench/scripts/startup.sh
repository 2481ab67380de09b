#!/usr/bin/env bash
# Start-up to the first GET /health 200 of a single node on an empty data directory, for two or
# more variants alternately, ROUNDS rounds; prints each start and the median per variant.
# A variant is LABEL=JAR followed by JVM flags, e.g. "cds=gateway/target/startline.jar -XX:SharedArchiveFile=a.jsa",
# or LABEL=COMMAND for a launcher that takes the jar's arguments, e.g. "launcher=bin/startline".
# SERVE_ARGS is added to every `serve` (e.g. "--limits SMALL"). SEED_DIR, when set, is a data directory
# copied in before each start (not timed): the start then recovers what it holds.
#
#   bench/scripts/startup.sh ROUNDS VARIANT...
set -uo pipefail
ROUNDS=${1:?rounds}; shift
SECRET=startup-secret-startup-secret-0123456789abc

one_start() # jar flags... | command -> milliseconds to /health 200
{
    local dir port pid start
    local -a node
    if [[ $1 == *.jar ]]; then
        node=(java -Dchronicle.analytics.disable=true "${@:2}" -jar "$1")
    else
        node=("$@")
    fi
    dir=$(mktemp -d)
    if [ -n "${SEED_DIR:-}" ]; then
        cp -r "$SEED_DIR" "$dir/data"
    fi
    port=$((20000 + RANDOM % 10000))
    start=$(date +%s%N)
    STARTLINE_JWT_SECRET=$SECRET "${node[@]}" serve ${SERVE_ARGS:-} --data-dir "$dir/data" --port "$port" > "$dir/log" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
        kill -0 "$pid" 2>/dev/null || { echo "node exited: $(tail -1 "$dir/log")" >&2; return 1; }
        sleep 0.01
    done
    echo $(( ($(date +%s%N) - start) / 1000000 ))
    kill "$pid"; wait "$pid" 2>/dev/null
    rm -rf "$dir"
}

declare -A times
for ((round = 1; round <= ROUNDS; round++)); do
    for variant in "$@"; do
        label=${variant%%=*}
        read -r -a command <<< "${variant#*=}"
        ms=$(one_start "${command[@]}") || exit 1
        echo "round $round $label $ms ms"
        times[$label]+="$ms "
    done
done
for variant in "$@"; do
    label=${variant%%=*}
    echo "median $label $(tr ' ' '\n' <<< "${times[$label]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms"
done
