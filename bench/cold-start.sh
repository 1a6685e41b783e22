#!/usr/bin/env bash
# Cold-start benchmark of the mcp-secrets command next to a one-class Java hello-world, in the same run.
# Prints the median wall time of each (hyperfine when installed, else a loop), the --version ratio
# (target <= 1.5x the hello-world) and what `run` adds to a server's start.
# With the self-contained archive built (./mvnw -B package -Pdist), the same commands are also timed as
# installed from it (install.sh into a scratch home: bundled runtime, build-time CDS archive).
#   bench/cold-start.sh [RUNS]     (default 20; build first: ./mvnw -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
launcher="bin/mcp-secrets"
jar="mcp-secrets-cli/target/mcp-secrets.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/Hello.java"
javac -d "$work" "$work/Hello.java"
cp examples/configs/fixed.mcp.json "$work/small.mcp.json"
export HOME="$work/home" && mkdir -p "$HOME"

# the launcher records its class-data archive on the first run after a build; wait for it
jsa="${jar%.jar}.jsa"
if [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
  "$launcher" --version >/dev/null
  for _ in $(seq 1 100); do [ -f "$jsa" ] && [ ! "$jar" -nt "$jsa" ] && break; sleep 0.2; done
fi

names=("java hello-world" "mcp-secrets --version" "mcp-secrets audit (1 small config)"
       "mcp-secrets run -- /bin/true" "/bin/true")
cmds=("java -cp $work Hello" "$launcher --version" "$launcher audit $work/small.mcp.json"
      "$launcher run --env T=env:HOME -- /bin/true" "/bin/true")
archive="$(ls mcp-secrets-cli/target/mcp-secrets-*-linux-*.tar.gz 2>/dev/null | head -1 || true)"
if [ -n "$archive" ]; then
  MCP_SECRETS_INSTALL_DIR="$work/installed" MCP_SECRETS_BIN_DIR="$work/bin" bash dist/install.sh "$archive" >/dev/null
  names+=("archive: mcp-secrets --version" "archive: mcp-secrets audit" "archive: mcp-secrets run -- /bin/true")
  cmds+=("$work/bin/mcp-secrets --version" "$work/bin/mcp-secrets audit $work/small.mcp.json"
         "$work/bin/mcp-secrets run --env T=env:HOME -- /bin/true")
fi

median_ms=()
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" "${cmds[@]}" >/dev/null 2>&1
  mapfile -t median_ms < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print("%.1f" % (r["median"] * 1000))' "$work/h.json")
  tool="hyperfine, $runs runs after 3 warm-ups"
else
  for c in "${cmds[@]}"; do
    for _ in 1 2 3; do $c >/dev/null 2>&1 || true; done
    times=()
    for _ in $(seq 1 "$runs"); do
      s=$(date +%s%N); $c >/dev/null 2>&1 || true; e=$(date +%s%N); times+=($(( (e - s) / 1000 )))
    done
    median_ms+=("$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}')")
  done
  tool="shell loop, $runs runs after 3 warm-ups"
fi

echo "cold start, median wall time ($tool; $(nproc) cores, $(java -version 2>&1 | head -1))"
for i in "${!names[@]}"; do printf '  %-38s %8s ms\n' "${names[$i]}" "${median_ms[$i]}"; done
awk -v v="${median_ms[1]}" -v h="${median_ms[0]}" 'BEGIN { printf "  --version / hello-world: %.2fx (target <= 1.50x)\n", v / h }'
awk -v r="${median_ms[3]}" -v t="${median_ms[4]}" 'BEGIN { printf "  run adds to a server start: %.1f ms (target < 150 ms; env: resolution included)\n", r - t }'
if [ -n "$archive" ]; then
  awk -v v="${median_ms[5]}" -v h="${median_ms[0]}" 'BEGIN { printf "  archive --version / hello-world: %.2fx (target <= 1.50x, aim <= 1.20x)\n", v / h }'
  awk -v r="${median_ms[7]}" -v t="${median_ms[4]}" 'BEGIN { printf "  archive: run adds to a server start: %.1f ms\n", r - t }'
  echo "  archive: $(basename "$archive"), $(du -h "$archive" | cut -f1), runtime $("$work/bin/mcp-secrets" --version | sed -n 2p)"
fi
