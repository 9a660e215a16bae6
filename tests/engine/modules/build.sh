#!/usr/bin/env bash
# Builds the engine tier's binaries from the Go module proxy, once per version, into a per-user cache outside the
# clone (CI runs in a fresh clone): the Pulumi CLI, the pulumi-kubernetes provider, etcd, kube-apiserver, kube-controller-manager and the
# random/tls stand-in providers (test doubles). Each binary is cached under a key made of its version, the wrapper
# module's go.mod/go.sum/Go sources, the build flags and the Go version, so a warm run takes seconds and any change
# to a wrapper rebuilds it. Links the binaries into the clone's gitignored .cache/engine/ for the tests.
#   KAFKA_PLATFORM_CACHE  cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/kafka-platform)
# Go's own module and build caches stay at Go's defaults (outside the clone), so a rebuild after a key change is
# incremental. Cold, on an idle 2-core machine: about 20-25 minutes in all (docs/engine-tier.md has the figures).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cache="${KAFKA_PLATFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafka-platform}/engine"
links="$root/.cache/engine"
export CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false"
mkdir -p "$cache" "$links/bin" "$links/plugins"

# The versions: the CLI's must equal the @pulumi/pulumi the lockfile installs (the Automation API drives it).
cli_version="$(cd "$root" && node -p 'require("./package-lock.json").packages["node_modules/@pulumi/pulumi"].version')"
wrapper_cli_version="$(cd "$here/pulumi-cli" && go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3)"
wrapper_cli_version="${wrapper_cli_version#v}"
if [[ "$cli_version" != "$wrapper_cli_version" ]]; then
  echo "tests/engine/modules/pulumi-cli/go.mod builds pkg/v3 v$wrapper_cli_version, but package-lock.json has" >&2
  echo "@pulumi/pulumi $cli_version: set pkg/v3 and sdk/v3 to v$cli_version there and run \`go mod tidy\`." >&2
  exit 1
fi
provider_module="github.com/pulumi/pulumi-kubernetes/provider/v4"
provider_pseudo="v4.0.0-20260115033456-f47bc2d6f199" # what the proxy serves for 4.25.0
provider_version="4.25.0"

# key NAME VERSION DIR EXTRA: the cache folder of one build.
key() {
  local sum
  sum="$( (
    echo "$2 $4 $(go env GOVERSION) $GOFLAGS"
    cd "$3" && find . -name 'go.mod' -o -name 'go.sum' -o -name '*.go' | LC_ALL=C sort | xargs sha256sum
  ) | sha256sum | cut -c1-16)"
  echo "$cache/$1-$2-$sum"
}

# cached NAME VERSION DIR EXTRA: sets $out to the build's cache folder; true when it holds a finished build.
cached() {
  out="$(key "$@")"
  if [[ -f "$out/.done" ]]; then
    echo "engine tier: $1 $2 cached ($out)"
    return 0
  fi
  rm -rf "$out" && mkdir -p "$out"
  return 1
}

# build NAME DIR COMMAND…: runs COMMAND in DIR (it writes into $out), printing progress, then marks $out done.
build() {
  local name="$1" dir="$2"
  shift 2
  echo "engine tier: building $name from the Go module proxy (cold: several minutes) …"
  local started=$SECONDS log
  log="$(mktemp)"
  # Progress: Go prints nothing while it compiles, so report the elapsed time every 30 s.
  (while sleep 30; do echo "  … $name: $((SECONDS - started)) s"; done) &
  local ticker=$!
  if ! (cd "$dir" && "$@") >"$log" 2>&1; then
    kill "$ticker" 2>/dev/null || true
    tail -n 40 "$log" >&2
    echo "engine tier: building $name failed (full log: $log)" >&2
    exit 1
  fi
  kill "$ticker" 2>/dev/null || true
  rm -f "$log"
  touch "$out/.done"
  echo "engine tier: built $name in $((SECONDS - started)) s"
}

ldflags_version() { echo "-s -w -X $1=$2"; }

cached pulumi "$cli_version" "$here/pulumi-cli" "" || build pulumi "$here/pulumi-cli" \
  go build -ldflags "$(ldflags_version github.com/pulumi/pulumi/sdk/v3/go/common/version.Version "v$cli_version")" \
  -o "$out/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
ln -sfn "$out/pulumi" "$links/bin/pulumi"

cached etcd 3.7.3 "$here/etcd" "" || build etcd "$here/etcd" go build -ldflags "-s -w" -o "$out/etcd" .
ln -sfn "$out/etcd" "$links/bin/etcd"

k8s_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v1.37.2"
k8s_ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=37"
cached kubernetes 1.37.2 "$here/kubernetes" "" || build kubernetes "$here/kubernetes" \
  go build -ldflags "$k8s_ldflags" -o "$out/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
ln -sfn "$out/kube-apiserver" "$links/bin/kube-apiserver"
ln -sfn "$out/kube-controller-manager" "$links/bin/kube-controller-manager"

# The provider: a copy of the module's source with our go.mod (its sdk/v4 => ../sdk replace dropped) and the
# schema-embed.json that its generate.go writes (the published module does not carry the generated file).
build_provider() {
  local src
  src="$(go mod download -json "$provider_module@$provider_pseudo" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
  rm -rf "$out/src" && cp -r "$src" "$out/src" && chmod -R u+w "$out/src"
  cp "$here/pulumi-kubernetes/go.mod" "$here/pulumi-kubernetes/go.sum" "$out/src/"
  (cd "$out/src/cmd/pulumi-resource-kubernetes" && VERSION="$provider_version" go run generate.go)
  (cd "$out/src" && go build \
    -ldflags "$(ldflags_version "$provider_module/pkg/version.Version" "$provider_version")" \
    -o "$out/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes)
  rm -rf "$out/src"
}
cached pulumi-kubernetes "$provider_version" "$here/pulumi-kubernetes" "$provider_pseudo" ||
  build pulumi-kubernetes "$here/pulumi-kubernetes" build_provider
mkdir -p "$links/plugins/kubernetes"
ln -sfn "$out/pulumi-resource-kubernetes" "$links/plugins/kubernetes/pulumi-resource-kubernetes"

cached standin-providers 0.0.1 "$here/standin-providers" "" ||
  build standin-providers "$here/standin-providers" go build -ldflags "-s -w" -o "$out/" ./cmd/...
for p in random tls; do
  mkdir -p "$links/plugins/$p"
  ln -sfn "$out/pulumi-resource-$p" "$links/plugins/$p/pulumi-resource-$p"
done
echo "engine tier: binaries ready in $links"
