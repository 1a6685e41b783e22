#!/usr/bin/env bash
# Builds the self-contained archive of the command, mcp-secrets-<version>-<os>-<arch>.tar.gz:
#   bin/mcp-secrets        the launcher (the same script as the build tree's bin/mcp-secrets)
#   lib/mcp-secrets.jar    the command's shaded jar
#   lib/mcp-secrets.jsa    a class-data-sharing archive of what typical runs load, made here, used after install
#   runtime/               a jlink'ed Java runtime of only the modules the command needs
# and its SHA-256 file beside it. Run by `./mvnw -B package -Pdist` (mcp-secrets-cli), or by hand:
#   dist/build-archive.sh JAR VERSION OUTDIR [TIMESTAMP]
# Settings (environment):
#   MCP_SECRETS_DIST_JDK    the JDK whose jlink builds the runtime (default: JAVA_HOME, else the newest JDK in
#                           /usr/lib/jvm); it must be Java 21 or later, whose CDS archives stay valid when the
#                           installed tree moves (Java 17 ties an archive to the path it was made at)
#   MCP_SECRETS_DIST_JMODS  jmods of another platform's JDK of the same version (cross build; see docs/distribution.md)
#   MCP_SECRETS_DIST_OS, MCP_SECRETS_DIST_ARCH  that platform's names in the archive's name (default: this machine's)
set -euo pipefail
jar="$1"
version="$2"
out="$3"
timestamp="${4:-2026-11-27T00:00:00Z}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# The JDK modules the command needs. jdeps lists the static ones; the rest are found only by running:
# jdk.crypto.ec (TLS key exchange and EC certificates, a provider service; part of java.base from Java 22),
# jdk.security.auth (the D-Bus EXTERNAL authentication of the keychain reads the uid through UnixSystem),
# java.security.jgss (the PostgreSQL driver tries GSS encryption first), java.naming, java.management and
# jdk.net (required by the MariaDB driver), jdk.unsupported (sun.misc.Unsafe, used reflectively).
# java.desktop is left out: only JNA's Windows/AWT helpers, PostgreSQL's geometric types and Jackson's
# optional java.beans support touch it, none on the command's paths. dist/smoke-test.sh runs each path.
modules=(java.base java.logging java.sql java.net.http java.naming java.management java.security.jgss
  jdk.net jdk.security.auth jdk.unsupported jdk.crypto.ec)

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick_jdk() {
  if [ -n "${MCP_SECRETS_DIST_JDK:-}" ]; then echo "$MCP_SECRETS_DIST_JDK"; return; fi
  local best="" best_major=0 candidate m
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] || continue
    m="$(major "$candidate")"
    if [ "${m:-0}" -gt "$best_major" ]; then best="$candidate"; best_major="$m"; fi
  done
  echo "$best"
}
jdk="$(pick_jdk)"
jdk_major="$( [ -n "$jdk" ] && major "$jdk" || echo 0)"
if [ -z "$jdk" ] || [ "$jdk_major" -lt 21 ]; then
  echo "build-archive: needs a JDK 21 or later with jlink (found: ${jdk:-none}, Java ${jdk_major}); set MCP_SECRETS_DIST_JDK" >&2
  exit 2
fi

os="${MCP_SECRETS_DIST_OS:-linux}"
arch="${MCP_SECRETS_DIST_ARCH:-$(uname -m)}"
case "$arch" in x86_64|amd64) arch=x64 ;; arm64) arch=aarch64 ;; esac
name="mcp-secrets-$version-$os-$arch"
stage="$out/dist/$name"
archive="$out/$name.tar.gz"
rm -rf "$stage" "$archive" "$archive.sha256"
mkdir -p "$stage/bin" "$stage/lib"

link_args=(--add-modules "$(IFS=,; echo "${modules[*]}")" --output "$stage/runtime" --strip-debug
  --no-header-files --no-man-pages)
cross=""
if [ -n "${MCP_SECRETS_DIST_JMODS:-}" ]; then
  cross=1
  link_args+=(--module-path "$MCP_SECRETS_DIST_JMODS")
else
  [ -d "$jdk/jmods" ] && link_args+=(--module-path "$jdk/jmods") # else linked from the JDK's own run-time image
  link_args+=(--generate-cds-archive) # the runtime's base archive: JDK classes shared even without ours
fi
echo "build-archive: jlink of Java $jdk_major from $jdk"
"$jdk/bin/jlink" "${link_args[@]}" 2>&1 | grep -v '^Created CDS archive' || true
[ -x "$stage/runtime/bin/java" ] || { echo "build-archive: jlink failed" >&2; exit 1; }
rm -f "$stage/runtime/lib/server/classes_nocoops.jsa" # only for heaps over 32 GiB

cp "$jar" "$stage/lib/mcp-secrets.jar"
cp "$root/bin/mcp-secrets" "$stage/bin/mcp-secrets"
chmod 755 "$stage/bin/mcp-secrets"
cp "$root/dist/install.sh" "$stage/install.sh"
# every file carries the build's timestamp: the archive is reproducible apart from the CDS archive, and
# the CDS archive, which records the jar's time and size, stays valid after unpacking
epoch="$(date -d "$timestamp" +%s)"
find "$stage" -exec touch -h -d "@$epoch" {} +

if [ -z "$cross" ]; then
  # The class-data archive, made by the archive's own launcher and runtime, so that its options and class path
  # are the ones every start uses: the classes of typical runs, mapped rather than loaded and verified.
  MCP_SECRETS_CDS_RECORD=now "$stage/bin/mcp-secrets"
  [ -s "$stage/lib/mcp-secrets.jsa" ] || { echo "build-archive: no class-data archive was made" >&2; exit 1; }
  touch -d "@$epoch" "$stage/lib/mcp-secrets.jsa"
fi

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$out/dist" -cf - "$name" \
  | gzip -n -9 > "$archive"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
size=$(stat -c %s "$archive")
printf 'build-archive: %s: %.1f MB (%s bytes; unpacked %s), sha256 %s\n' "$archive" \
  "$(awk -v s="$size" 'BEGIN { print s / 1000000 }')" "$size" "$(du -sh "$stage" | cut -f1)" \
  "$(cut -d' ' -f1 "$archive.sha256")"
