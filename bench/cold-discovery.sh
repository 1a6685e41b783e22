#!/usr/bin/env bash
# Cold discovery and build, one shot per fresh JVM, with the JDK-only controls beside them.
# JMH's mean hides skew on a shared machine, so this prints the median and the 10th/90th percentiles.
#   bench/cold-discovery.sh [FORKS]     (default 40; build first: ./mvnw -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
forks="${1:-40}"
jar="mcp-secrets-benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
java -jar "$jar" 'ColdDiscoveryBaseline|SecretsBenchmark.cold' -f "$forks" -rf json -rff "$out" >/dev/null
python3 - "$out" "$forks" <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))
print(f"one shot per fresh JVM, {sys.argv[2]} JVMs each (ms)")
print(f"{'benchmark':<58}{'median':>8}{'p10':>8}{'p90':>8}")
for r in rows:
    raw = sorted(x for fork in r["primaryMetric"]["rawData"] for x in fork)
    q = statistics.quantiles(raw, n=10)
    name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
    print(f"{name:<58}{statistics.median(raw):>8.2f}{q[0]:>8.2f}{q[-1]:>8.2f}")
PY
