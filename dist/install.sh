#!/usr/bin/env bash
# Installs the self-contained mcp-secrets archive for this user, without sudo and without Java:
#   unpacks it to ~/.local/share/mcp-secrets/<version> and links ~/.local/bin/mcp-secrets to it.
# usage: install.sh [mcp-secrets-<version>-linux-<arch>.tar.gz]
#   without an argument, installs the unpacked archive this script is part of
# Settings: MCP_SECRETS_INSTALL_DIR (default ${XDG_DATA_HOME:-~/.local/share}/mcp-secrets),
#           MCP_SECRETS_BIN_DIR (default ~/.local/bin)
set -euo pipefail
die() { echo "install.sh: $*" >&2; exit 1; }

base="${MCP_SECRETS_INSTALL_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/mcp-secrets}"
bin_dir="${MCP_SECRETS_BIN_DIR:-$HOME/.local/bin}"
mkdir -p "$base" "$bin_dir"
work="$(mktemp -d "$base/.install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
  archive="$1"
  [ -f "$archive" ] || die "$archive: no such file"
  if [ -f "$archive.sha256" ]; then
    # the checksum file names the archive by its file name: check it where it lies
    (cd "$(dirname "$archive")" && sha256sum --quiet -c "$(basename "$archive").sha256") \
      || die "$archive does not match $archive.sha256; download it again"
  else
    echo "install.sh: no $archive.sha256 beside the archive; its checksum is not checked" >&2
  fi
  tar -xzf "$archive" -C "$work"
  top=("$work"/mcp-secrets-*)
  [ ${#top[@]} -eq 1 ] && [ -d "${top[0]}" ] || die "$archive is not an mcp-secrets archive"
  src="${top[0]}"
else
  src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
fi
[ -x "$src/bin/mcp-secrets" ] && [ -f "$src/lib/mcp-secrets.jar" ] && [ -x "$src/runtime/bin/java" ] \
  || die "$src is not an unpacked mcp-secrets archive (bin/, lib/, runtime/)"

# mcp-secrets-<version>-<os>-<arch>
name="$(basename "$src")"
version="${name#mcp-secrets-}"
version="${version%-*-*}"
[ -n "$version" ] && [ "$version" != "$name" ] || die "cannot tell the version from $name"
dest="$base/$version"

# copy, then swap in: a failed install leaves the previous one of this version as it was
staged="$work/$version"
cp -a "$src" "$staged"
rm -rf "$dest.old"
[ -e "$dest" ] && mv "$dest" "$dest.old"
mv "$staged" "$dest"
rm -rf "$dest.old"
ln -sfn "$dest/bin/mcp-secrets" "$bin_dir/mcp-secrets"

"$bin_dir/mcp-secrets" --version >/dev/null || die "installed, but $bin_dir/mcp-secrets --version failed"
echo "installed mcp-secrets $version in $dest"
echo "linked $bin_dir/mcp-secrets"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "add $bin_dir to PATH, e.g. in ~/.profile: export PATH=\"$bin_dir:\$PATH\"" ;;
esac
