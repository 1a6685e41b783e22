#!/usr/bin/env bash
# After the release dry run (-Prelease verify): checks that every published module left what Maven Central
# requires in its target directory: the POM, and for a jar module the jar, the -sources.jar and the
# -javadoc.jar, each with a gpg signature that verifies against the key of GNUPGHOME; and that each POM
# has a name and description and has, or inherits, a url, license, scm and developer.
# Usage: .ci/check-release-artifacts.sh VERSION MODULE_DIR...
set -euo pipefail
cd "$(dirname "$0")/.."

version="$1"
shift
failures=0
fail() {
  echo "release artifacts: $*" >&2
  failures=$((failures + 1))
}

signed() {
  local file="$1"
  if [ ! -s "$file" ]; then
    fail "missing $file"
  elif [ ! -s "$file.asc" ]; then
    fail "missing signature $file.asc"
  elif ! gpg --batch --quiet --verify "$file.asc" "$file" 2>/dev/null; then
    fail "signature of $file does not verify"
  fi
}

checked=0
for dir in "$@"; do
  artifact="$(sed -n '/<parent>/,/<\/parent>/d; s:.*<artifactId>\([^<]*\)</artifactId>.*:\1:p' "$dir/pom.xml" | head -1)"
  packaging="$(sed -n 's:.*<packaging>\([^<]*\)</packaging>.*:\1:p' "$dir/pom.xml" | head -1)"
  packaging="${packaging:-jar}"
  base="$dir/target/$artifact-$version"
  signed "$base.pom"
  if [ "$packaging" = jar ]; then
    signed "$base.jar"
    signed "$base-sources.jar"
    signed "$base-javadoc.jar"
  fi
  # the metadata Central validates: name and description of the module's own, the rest its own or
  # inherited from the parent POM (published beside it)
  for element in name description; do
    grep -q "<$element>" "$dir/pom.xml" || fail "$artifact: the POM names no <$element>"
  done
  for element in url licenses scm developers; do
    # an element may carry attributes (<scm child.scm.url.inherit.append.path="false" ...>)
    if ! grep -Eq "<$element[ >]" "$dir/pom.xml" \
        && ! { grep -q "<parent>" "$dir/pom.xml" && grep -Eq "<$element[ >]" pom.xml; }; then
      fail "$artifact: the POM names no <$element> and inherits none"
    fi
  done
  checked=$((checked + 1))
done

if [ "$failures" -gt 0 ]; then
  echo "release artifacts: $failures problem(s) in $checked module(s)" >&2
  exit 1
fi
echo "release artifacts: $checked modules, each with its POM, jars, sources, javadoc and verified signatures"
