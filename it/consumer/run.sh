#!/usr/bin/env bash
# Builds this consumer project against the installed mcp-secrets artifacts (./mvnw -B install first) and runs
# the README quick start on the class path and on the module path, then the MCP server (official SDK +
# PolicyGuard) over stdio. Prints "consumer: N passed, M failed"; exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")"
../../mvnw -B -q -f pom.xml package "$@"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
dotenv_value=PLANTED-consumer-dotenv-1234
printf 'CONSUMER_TOKEN=%s\n' "$dotenv_value" > "$work/app.env"
chmod 600 "$work/app.env"
token=PLANTED-consumer-token-abcdef
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
run_env=(env HOME="$work/home" GITHUB_TOKEN="$token")
passed=0
failed=0
check() {
  local name="$1" out="$2"
  shift 2
  if "$@" && ! grep -q PLANTED "$out"; then passed=$((passed + 1)); echo "  ok    $name"
  else failed=$((failed + 1)); echo "  FAIL  $name" >&2; sed 's/^/        /' "$out" "$work/err" >&2; fi
}
quick_start_ok() {
  grep -qx "quick start: connected with a token of ${#token} characters" "$1" \
    && grep -qx "dotenv: mcp-dotenv, ${#dotenv_value} characters" "$1"
}
main=dev.mcpsecrets.it.consumer

"${run_env[@]}" "$java_cmd" -cp "target/classes:target/lib/*" "$main.QuickStart" "$work/app.env" >"$work/cp.out" 2>"$work/err" || true
check "README quick start on the class path" "$work/cp.out" quick_start_ok "$work/cp.out"

"${run_env[@]}" "$java_cmd" -p "target/classes:target/lib" -m "dev.mcpsecrets.it.consumer/$main.QuickStart" "$work/app.env" \
  >"$work/mp.out" 2>"$work/err" || true
check "README quick start on the module path" "$work/mp.out" quick_start_ok "$work/mp.out"

# the MCP server: initialize, then tools/call, one JSON-RPC line each
coproc server { "${run_env[@]}" "$java_cmd" -cp "target/classes:target/lib/*" "$main.ConsumerServer" 2>"$work/err"; }
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"consumer-it","version":"1"}}}' >&"${server[1]}"
IFS= read -r -t 60 init <&"${server[0]}" || init=""
printf '%s\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"token_status","arguments":{}}}' >&"${server[1]}"
IFS= read -r -t 60 call <&"${server[0]}" || call=""
exec {server[1]}>&-
wait "$server_PID" || true
printf '%s\n%s\n' "$init" "$call" > "$work/server.out"
check "MCP server on the official SDK answers initialize after PolicyGuard" "$work/server.out" \
  grep -q '"id":1,"result":{.*"serverInfo":{"name":"consumer-server"' "$work/server.out"
check "its tool answers with the token's provider and length" "$work/server.out" \
  grep -q "\"id\":2,\"result\":{.*token from mcp-env: ${#token} characters" "$work/server.out"

echo "consumer: $passed passed, $failed failed"
[ "$failed" = 0 ]
