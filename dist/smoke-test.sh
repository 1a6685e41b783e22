#!/usr/bin/env bash
# Installs the self-contained archive into a clean home and runs the command as a user without Java would:
# no java on PATH, no JAVA_HOME. Checks --version (names the bundled runtime), the build-time CDS archive
# (-Xshare:on), get, run, keychain over D-Bus (unix socket), audit, audit --live against an HTTPS fake of
# GitHub (TLS with an EC certificate, java.net.http), aws-sm: through an assume-role profile against fakes of
# STS and Secrets Manager, and the real PostgreSQL and MariaDB (JDBC).
#   dist/smoke-test.sh ARCHIVE.tar.gz
# Backends (D-Bus + gnome-keyring, the databases) must be there when CI=true; otherwise a missing one is
# skipped with the reason. The fake's Java is the build's (JAVA_HOME or PATH), never the command's.
set -euo pipefail
archive="$(readlink -f "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
work="$(mktemp -d)"
fake_pid=""
aws_pid=""
cleanup() {
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; fi
  if [ -n "$aws_pid" ]; then kill "$aws_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
skipped=0
ok() { passed=$((passed + 1)); echo "  ok    $1"; }
ko() { failed=$((failed + 1)); echo "  FAIL  $1" >&2; [ -z "${2:-}" ] || sed 's/^/        /' "$2" >&2; }
skip() {
  if [ "${CI:-}" = true ]; then ko "$1 (CI=true: the backend must be there)"; else skipped=$((skipped + 1)); echo "  skip  $1"; fi
}

# A PATH of the programs a user's shell has (and the keychain's daemons), without Java; and a home of its own
nojava="$work/path"
mkdir -p "$nojava" "$work/home"
for name in bash sh env cat cp mv rm ln mkdir mktemp chmod touch readlink dirname basename tar gzip sha256sum \
    grep sed seq sleep printf true ls head id uname git dbus-run-session dbus-daemon dbus-launch gnome-keyring-daemon; do
  program="$(command -v "$name" 2>/dev/null || true)"
  [ -n "$program" ] && [ "${program#/}" != "$program" ] && ln -s "$program" "$nojava/$name"
done
host_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
user_env=(env -i HOME="$work/home" PATH="$nojava" LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}")
"${user_env[@]}" bash -c 'command -v java' >/dev/null && { echo "smoke-test: java is still on PATH" >&2; exit 2; }
cmd="$work/home/.local/bin/mcp-secrets"
out="$work/out"
err="$work/err"
# runs the installed command as that user; extra NAME=VALUE settings first
as_user() { "${user_env[@]}" "$@" >"$out" 2>"$err"; }
clean_stderr() { ! grep -Eq 'WARNING|Exception|\bat [a-z]+\.' "$err"; }

echo "smoke test of $(basename "$archive") (no java on PATH, no JAVA_HOME)"
if as_user bash "$here/install.sh" "$archive" && [ -x "$cmd" ]; then ok "install.sh into ~/.local"; else ko "install.sh" "$err"; exit 1; fi

version_dir="$(readlink -f "$cmd")"
version_dir="${version_dir%/bin/mcp-secrets}"
if as_user "$cmd" --version && grep -q '^mcp-secrets ' "$out" && grep -qF ", $version_dir/runtime)" "$out"; then
  ok "--version names the bundled runtime: $(sed -n 2p "$out")"
else ko "--version" "$out"; fi

# the build-time class-data archive maps after install (-Xshare:on fails the start if it cannot)
if as_user MCP_SECRETS_JAVA_OPTS="-Xshare:on -Xlog:class+load=info:file=$work/classes.log" "$cmd" --version \
    && shared=$(grep -c 'shared objects file' "$work/classes.log") && [ "$shared" -gt 300 ]; then
  ok "CDS archive made at build time is used after install ($shared classes shared, $(grep -vc 'shared objects file' "$work/classes.log") loaded)"
else ko "CDS archive with -Xshare:on" "$err"; fi

if as_user SMOKE_TOKEN=PLANTED-smoke-value "$cmd" get env:SMOKE_TOKEN && grep -q mcp-env "$out" \
    && ! grep -q PLANTED "$out" "$err" && clean_stderr; then ok "get env:"; else ko "get" "$err"; fi

if as_user SMOKE_TOKEN=PLANTED-smoke-value "$cmd" run --env CHILD=env:SMOKE_TOKEN -- bash -c 'printf %s "$CHILD"' \
    && [ "$(cat "$out")" = PLANTED-smoke-value ] && clean_stderr; then ok "run hands the value to the child"; else ko "run" "$err"; fi

if as_user "$cmd" audit "$root/examples/configs/insecure.mcp.json"; then rc=0; else rc=$?; fi
if [ "$rc" = 1 ] && grep -q MCP-SEC-001 "$out" && clean_stderr; then ok "audit finds the plaintext secrets"; else ko "audit (exit $rc)" "$out"; fi

# keychain: the Secret Service over a private D-Bus session bus (unix socket)
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  mkdir -p "$work/xdg/data" "$work/xdg/config" "$work/xdg/run" && chmod 700 "$work/xdg/run"
  if "${user_env[@]}" XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" XDG_RUNTIME_DIR="$work/xdg/run" \
      dbus-run-session -- bash -c '
        printf smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        printf PLANTED-keychain-value | "$1" keychain set smoke-svc/acct >/dev/null || exit 3
        "$1" get --reveal keychain:smoke-svc/acct' _ "$cmd" >"$out" 2>"$err" \
      && [ "$(cat "$out")" = PLANTED-keychain-value ] && clean_stderr; then
    ok "keychain set + get over D-Bus"
  else ko "keychain over D-Bus" "$err"; fi
else
  skip "keychain over D-Bus: dbus-run-session or gnome-keyring-daemon is not installed"
fi

# audit --live against an HTTPS fake of GitHub, trusted through the command's Java options
token=ghp_PLANTEDsmokeToken0123456789abcdefABCD
keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
"$keytool" -genkeypair -alias fake -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 -ext san=ip:127.0.0.1 \
  -validity 2 -keystore "$work/server.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
"$keytool" -exportcert -alias fake -keystore "$work/server.p12" -storepass changeit -file "$work/fake.cer" >/dev/null 2>&1
"$keytool" -importcert -noprompt -alias fake -file "$work/fake.cer" -keystore "$work/trust.p12" -storetype PKCS12 \
  -storepass changeit >/dev/null 2>&1
"$host_java" "$here/smoke/FakeGitHubHttps.java" "$work/server.p12" changeit "$token" "$work/port" >"$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 300); do [ -s "$work/port" ] && break; sleep 0.2; done
project="$work/project"
mkdir -p "$project"
cat > "$project/.mcp.json" <<JSON
{"mcpServers": {
  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
             "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "\${SMOKE_GH_TOKEN}"}},
  "pg": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://postgres@127.0.0.1:5432/test"]},
  "mysql": {"command": "npx", "args": ["-y", "@benborla29/mcp-server-mysql"],
            "env": {"MYSQL_HOST": "127.0.0.1", "MYSQL_PORT": "3306", "MYSQL_USER": "root", "MYSQL_DATABASE": "test"}}
}}
JSON
as_user "$cmd" trust "$project/.mcp.json" || ko "trust" "$err"
if [ -s "$work/port" ]; then
  as_user SMOKE_GH_TOKEN="$token" \
    MCP_SECRETS_JAVA_OPTS="-Djavax.net.ssl.trustStore=$work/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit" \
    "$cmd" audit --live --live-timeout 20 --github-api-url "https://127.0.0.1:$(cat "$work/port")" \
    --format json --fail-on critical "$project/.mcp.json" || true
  if grep -q '"MCP-LIVE-GH-001"' "$out" && grep -q admin:org "$out" && ! grep -q "$token" "$out" "$err"; then
    ok "audit --live over HTTPS (EC certificate, java.net.http): the token's admin:org scope is reported"
  else ko "audit --live over HTTPS" "$out"; cat "$work/fake.log" >&2; fi
  cp "$out" "$work/live.json"
else
  ko "the HTTPS fake did not start" "$work/fake.log"
fi

# aws-sm: through an assume-role profile: the shipped STS module, XML and SigV4 on the bundled runtime
aws_value="PLANTED-smoke-aws-$RANDOM$RANDOM"
"$host_java" "$here/smoke/FakeAwsRole.java" AKIDFAKESMOKESOURCE "$aws_value" "$work/aws-port" >"$work/aws.log" 2>&1 &
aws_pid=$!
for _ in $(seq 1 300); do [ -s "$work/aws-port" ] && break; sleep 0.2; done
mkdir -p "$work/aws"
printf '%s\n' '[profile base]' 'aws_access_key_id = AKIDFAKESMOKESOURCE' 'aws_secret_access_key = smoke-source-secret' \
  '[profile reader]' 'role_arn = arn:aws:iam::123456789012:role/mcp-reader' 'source_profile = base' \
  'region = us-east-2' > "$work/aws/config"
if [ -s "$work/aws-port" ]; then
  aws_url="http://127.0.0.1:$(cat "$work/aws-port")"
  as_user AWS_PROFILE=reader AWS_CONFIG_FILE="$work/aws/config" AWS_SHARED_CREDENTIALS_FILE="$work/aws/none" \
    AWS_ENDPOINT_URL_STS="$aws_url" AWS_ENDPOINT_URL_SECRETS_MANAGER="$aws_url" AWS_EC2_METADATA_DISABLED=true \
    "$cmd" run --env GH=aws-sm:mcp/github -- sh -c 'printf "%s" "$GH"' || true
  if [ "$(cat "$out")" = "$aws_value" ] && ! grep -q "$aws_value" "$err" && clean_stderr; then
    ok "aws-sm: through an assume-role profile (STS AssumeRole, then the secret with the temporary key)"
  else ko "aws-sm: with an assume-role profile" "$err"; cat "$work/aws.log" >&2; fi
else
  ko "the AWS fake did not start" "$work/aws.log"
fi

# the JDBC drivers: the superuser accounts of the machine's databases are reported as such
for db in "PostgreSQL 5432 pg connects as postgres" "MariaDB 3306 mysql connects as root"; do
  read -r label port server expected <<<"$db"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    if grep -q "\"MCP-LIVE-DB-001\"" "$work/live.json" 2>/dev/null \
        && grep -q "$expected" "$work/live.json"; then
      ok "audit --live probes $label through the shipped JDBC driver ($expected, critical)"
    else ko "audit --live $label" "$work/live.json"; fi
  else
    skip "audit --live $label: nothing listens on 127.0.0.1:$port"
  fi
done

echo "dist: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
