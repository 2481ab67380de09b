#!/usr/bin/env bash
# The engine's hot paths before and after a change, in one run: two benchmark jars, the same JMH
# benchmarks, alternating jar by jar for ROUNDS rounds so that the machine's drift falls on both.
# Prints each benchmark's median score per jar over the rounds, and keeps every round's JSON.
#
#   bench/scripts/engine-ab.sh OUT_DIR BEFORE.jar AFTER.jar [ROUNDS] [BENCHMARK_REGEX]
set -euo pipefail
OUT=${1:?a directory for the results}
BEFORE=${2:?the benchmarks jar before}
AFTER=${3:?the benchmarks jar after}
ROUNDS=${4:-3}
SELECTION=${5:-'VoucherClaimBenchmark.sellingPhase$|VenueHoldBenchmark.holdsThenConfirms|RaceRegistrationBenchmark|VenueAvailabilityBenchmark'}
mkdir -p "$OUT"
for round in $(seq 1 "$ROUNDS"); do
    for which in before after; do
        JAR=$BEFORE; [ "$which" = after ] && JAR=$AFTER
        echo "round $round: $which" >&2
        java -jar "$JAR" "$SELECTION" -prof gc -rf json -rff "$OUT/$which-$round.json" > "$OUT/$which-$round.log" 2>&1
    done
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
scores = {}
for which in ("before", "after"):
    for r in range(1, rounds + 1):
        for run in json.load(open(f"{out}/{which}-{r}.json")):
            name = run["benchmark"].rsplit(".", 2)[-2] + "." + run["benchmark"].rsplit(".", 1)[-1]
            key = (name, run["primaryMetric"]["scoreUnit"])
            alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            scores.setdefault(key, {}).setdefault(which, []).append((run["primaryMetric"]["score"], alloc))
print(f"{'benchmark':52} {'unit':10} {'before':>12} {'after':>12} {'change':>8}  B/op before/after")
for (name, unit), by in sorted(scores.items()):
    b = statistics.median(s for s, _ in by["before"]); a = statistics.median(s for s, _ in by["after"])
    ab = statistics.median(x or 0 for _, x in by["before"]); aa = statistics.median(x or 0 for _, x in by["after"])
    print(f"{name:52} {unit:10} {b:12.3f} {a:12.3f} {100 * (a - b) / b:+7.1f}%  {ab:.1f}/{aa:.1f}")
PY
