#!/usr/bin/env bash
# Throughput of `mcp-secrets run --redact` on a child's stderr: a child writes SIZE MiB of log lines (one
# line in 1000 holds the resolved value) to stderr; the wall time with --redact is printed next to the same
# run without it (stderr inherited) and next to the child alone.
#   bench/redact-throughput.sh [SIZE_MIB] [RUNS]   (default 256 MiB, 3 runs; build first: ./mvnw -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-256}"
runs="${2:-3}"
launcher="bin/mcp-secrets"
[ -f mcp-secrets-cli/target/mcp-secrets.jar ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BENCH_TOKEN="ghp_benchmarkTokenValue0123456789abcdefgh"
# SIZE MiB of 120-byte lines; every 1000th holds the value, so the masker also replaces
awk -v n=$((size * 1048576 / 120)) -v t="$BENCH_TOKEN" 'BEGIN {
  for (i = 1; i <= n; i++) {
    if (i % 1000 == 0) printf "2026-11-27 10:15:02.113 WARN  [req-%06d] auth - retrying with token %s now\n", i % 1000000, t;
    else printf "2026-11-27 10:15:02.113 INFO  [req-%06d] GitHubClient - GET /repos/acme/api/pulls -> 200 in 84 ms\n", i % 1000000;
  }
}' > "$work/log.txt"
bytes=$(stat -c %s "$work/log.txt")
expected=$(grep -c "$BENCH_TOKEN" "$work/log.txt")

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

child=(sh -c "cat '$work/log.txt' >&2")
plain=(); redact=(); alone=()
for _ in $(seq 1 "$runs"); do
  alone+=("$(ms "${child[@]}")")
  plain+=("$(ms "$launcher" run --env T=env:BENCH_TOKEN -- "${child[@]}")")
  redact+=("$(ms "$launcher" run --redact --env T=env:BENCH_TOKEN -- "${child[@]}")")
done
check=$("$launcher" run --redact --env T=env:BENCH_TOKEN -- "${child[@]}" 2>&1 >/dev/null | grep -c '<redacted:T>' || true)

m_alone=$(printf '%s\n' "${alone[@]}" | median)
m_plain=$(printf '%s\n' "${plain[@]}" | median)
m_redact=$(printf '%s\n' "${redact[@]}" | median)
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
echo "stderr stream: $mib MiB of log lines, median of $runs runs, stderr to /dev/null"
printf '  %-40s %8s ms\n' "child alone" "$m_alone"
printf '  %-40s %8s ms\n' "run (stderr inherited)" "$m_plain"
printf '  %-40s %8s ms   %s MiB/s through the masker\n' "run --redact" "$m_redact" \
  "$(awk -v b="$bytes" -v t="$m_redact" -v p="$m_plain" 'BEGIN { printf "%.0f", (b / 1048576) / ((t - p) / 1000) }')"
echo "  (MiB/s: the stream over the time --redact adds to the same run without it)"
echo "  lines masked in a check run: $check of $expected lines holding the value"
